/* gomortem dump --pid PID -o FILE[.zst]: an ELF core of a running process
 * (every private writable mapping, notes for every thread), zstd-compressed
 * when FILE ends in .zst. The process is stopped while its memory is copied
 * and resumed before the file is written; the pause is reported. As in the
 * kernel's cores, each private anonymous writable mapping is one PT_LOAD
 * whole: its pages never touched are zeros (holes in a plain file), not
 * missing, so every command reads the dump as it reads the kernel's core.
 *
 * FILE is made safely, as root in a world-writable directory too: created
 * 0600 with no name (O_TMPFILE) or a random one (O_EXCL|O_NOFOLLOW) in FILE's
 * directory, opened once, and linked into place when complete; an existing
 * FILE is refused (before the process is stopped) unless --force, which
 * replaces it, a symbolic link itself rather than what it points to. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gm_coredump.h"
#include "gm_cli.h"

int gm_cmd_dump(const struct gm_cli *c)
{
	if (!c->pid)
		return gm_cli_usage_error("dump writes a core of a running process: use --pid PID");
	if (!c->output || !*c->output)
		return gm_cli_usage_error("dump: -o FILE is required (FILE.zst for a zstd-compressed core)");
	if (c->format)
		return gm_cli_usage_error("dump has no --format");
	/* before attaching: a FILE that exists stops nothing */
	struct gm_outfile of;
	struct gm_error *err = gm_outfile_create(c->output, c->force, &of);
	if (err)
		return gm_cli_report_error(err);
	struct gm_session_opts o = {.pid = c->pid, .no_stop = c->no_stop, .exe = c->exe,
				    .force = c->force, .full_memory = true,
				    .zero_fill = true, .copy_all = true,
				    .pause_budget_ms = c->pause_budget_ms};
	struct gm_session *s;
	err = gm_session_open(&o, &s);
	if (err) {
		close(of.fd);
		gm_outfile_abort(&of);
		return gm_cli_report_error(err);
	}
	gm_cli_watch_diags(s, NULL);
	size_t n = strlen(c->output);
	bool zst = n > 4 && !strcmp(c->output + n - 4, ".zst");
	struct gm_coredump_stats st;
	err = gm_coredump_write(s->target, &of, zst, &st);
	int rc = GM_EXIT_OK;
	if (err) {
		rc = gm_cli_report_error(err);
	} else {
		const struct gm_target *t = s->target;
		char pause[64];
		if (t->consistent)
			snprintf(pause, sizeof(pause), "pause %.3f ms", (double)t->pause_ns / 1e6);
		else
			snprintf(pause, sizeof(pause), "not stopped (--no-stop: may be inconsistent)");
		printf("wrote %s: pid %d, %zu threads, %llu segments, %.1f MB of memory (%.1f MB in zero pages), %.1f MB written%s; %s\n",
		       c->output, t->pid, t->nthreads, (unsigned long long)st.segments,
		       (double)st.memory_bytes / 1e6, (double)st.zero_bytes / 1e6, (double)st.file_bytes / 1e6,
		       zst ? " (zstd)" : "", pause);
		if (fflush(stdout) != 0)
			rc = GM_EXIT_INTERNAL;
	}
	gm_session_destroy(s);
	return rc;
}
