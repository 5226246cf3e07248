/* The progress line: "gomortem: decompressing core.zst: 1.2 GiB of 3.4 GiB
 * (35%)" on stderr, redrawn at most 5 times a second, only once the work has
 * taken a second (GM_PROGRESS_AFTER_MS), cleared when it ends. Installed by
 * main.c only when stderr is a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gm_cli.h"
#include "gm_fmt.h"
#include "gm_progress.h"

static struct {
	int64_t start_ms, last_ms, after_ms;
	bool shown;
} pr;

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void show(const char *what, uint64_t done, uint64_t total, bool bytes)
{
	int64_t t = now_ms();
	if (!pr.start_ms)
		pr.start_ms = t;
	if (t - pr.start_ms < pr.after_ms || (pr.shown && t - pr.last_ms < 200))
		return;
	pr.last_ms = t;
	pr.shown = true;
	char a[32], b[32];
	if (bytes) {
		gm_fmt_bytes(done, a, sizeof(a));
		gm_fmt_bytes(total, b, sizeof(b));
	} else {
		gm_fmt_thousands(done, a, sizeof(a));
		gm_fmt_thousands(total, b, sizeof(b));
	}
	if (total && done <= total)
		fprintf(stderr, "\rgomortem: %s: %s of %s (%d%%)\033[K", what, a, b, (int)(done * 100 / total));
	else
		fprintf(stderr, "\rgomortem: %s: %s\033[K", what, a);
	fflush(stderr);
}

static void end(void)
{
	if (pr.shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	pr.start_ms = 0;
	pr.shown = false;
}

static const struct gm_progress_hook hook = {show, end};

void gm_cli_progress_init(void)
{
	const char *term = getenv("TERM"), *after = getenv("GM_PROGRESS_AFTER_MS");
	if (!isatty(STDERR_FILENO) || (term && !strcmp(term, "dumb")))
		return;
	pr.after_ms = after && *after ? atoll(after) : 1000;
	gm_progress_set(&hook);
}
