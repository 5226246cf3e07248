/* Helpers shared by the command files: errors to one-line messages and exit
 * codes, opening the target. */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gm_cli.h"
#include "gm_fmt.h"
#include "gm_goroutines.h"
#include "gm_json.h"
#include "gm_render.h"
#include "gm_report.h"

int gm_cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "gomortem: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n(see gomortem --help)\n");
	va_end(ap);
	return GM_EXIT_USAGE;
}

int gm_cli_text_or_json(const struct gm_cli *c, bool *json)
{
	*json = false;
	if (!c->format || !strcmp(c->format, "text"))
		return 0;
	if (!strcmp(c->format, "json")) {
		*json = true;
		return 0;
	}
	return gm_cli_usage_error("unknown format '%s' for %s (text or json)", c->format, c->cmd);
}

void gm_cli_jstr(FILE *o, const char *s)
{
	if (!s)
		fputs("null", o);
	else
		gm_json_str(o, s, strlen(s));
}

static int exit_for_error(const struct gm_error *err)
{
	switch (err->code) {
	case GM_ERR_NOMEM:
		return GM_EXIT_INTERNAL;
	case GM_ERR_USAGE:
		return GM_EXIT_USAGE;
	default:
		return GM_EXIT_BADINPUT;
	}
}

int gm_cli_report_error(struct gm_error *err)
{
	fprintf(stderr, "gomortem: %s\n", err->msg);
	int rc = exit_for_error(err);
	gm_error_destroy(err);
	return rc;
}

/* The one printer of diagnostics (a gm_diag_hook): arg is a prefix for
 * warnings (--batch: the core's path) or NULL; notes are not printed. */
static void print_diag(void *arg, const struct gm_diag_rec *r)
{
	const char *prefix = arg;
	switch (r->sev) {
	case GM_DIAG_WARNING:
		if (prefix)
			fprintf(stderr, "gomortem: %s: warning: %s\n", prefix, r->msg);
		else
			fprintf(stderr, "gomortem: warning: %s\n", r->msg);
		break;
	case GM_DIAG_PARTIAL:
		fprintf(stderr, "gomortem: partial results: %s\n", r->msg);
		break;
	case GM_DIAG_NOTE:
		break;
	}
}

void gm_cli_watch_diags(struct gm_session *s, const char *prefix)
{
	gm_session_watch(s, print_diag, (void *)prefix);
	if (prefix)
		gm_diag_watch(&s->diag, print_diag, NULL);
}

void gm_cli_partial(struct gm_session *s, const char *part, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	gm_diag_vemit(&s->diag, GM_DIAG_PARTIAL, part, fmt, ap);
	va_end(ap);
}

static int open_session(const struct gm_cli *c, bool full_memory, struct gm_session **s)
{
	struct gm_session_opts o = {.core = c->core, .exe = c->exe, .force = c->force,
				    .pid = c->pid, .no_stop = c->no_stop, .full_memory = full_memory,
				    .zero_fill = full_memory, .pause_budget_ms = c->pause_budget_ms,
				    .live_plan = gm_gwalk_live_plan};
	struct gm_error *err = gm_session_open(&o, s);
	if (err)
		return gm_cli_report_error(err);
	gm_cli_watch_diags(*s, NULL);
	/* for benchmarks (bench/bench_live.py): the pause of any live command */
	const char *pr = getenv("GOMORTEM_PAUSE_REPORT");
	if (pr && pr[0] == '1' && (*s)->target->is_live)
		fprintf(stderr, "gomortem: pause %.3f ms, %.1f MB copied, budget %u ms%s%s, %.1f MB unprepared\n",
			(double)(*s)->target->pause_ns / 1e6, (double)(*s)->target->copied_bytes / 1e6,
			(*s)->target->pause_budget_ms, (*s)->target->pause_budget_default ? " (default)" : "",
			(*s)->target->budget_hit ? ", ran out" : "", (double)(*s)->target->copied_unprepared / 1e6);
	return 0;
}

int gm_cli_open_session(const struct gm_cli *c, struct gm_session **s)
{
	return open_session(c, false, s);
}

int gm_cli_open_session_heap(const struct gm_cli *c, struct gm_session **s)
{
	return open_session(c, true, s);
}

int gm_cli_begin(const struct gm_cli *c, bool heap, bool *json, struct gm_session **s)
{
	int rc = gm_cli_text_or_json(c, json);
	if (rc)
		return rc;
	return heap ? gm_cli_open_session_heap(c, s) : gm_cli_open_session(c, s);
}

const char *gm_cli_target_name(const struct gm_cli *c, char *buf, size_t n)
{
	if (c->pid > 0) {
		snprintf(buf, n, "pid %d", c->pid);
		return buf;
	}
	return c->core;
}

int gm_cli_soundness(const struct gm_session *s, int rc)
{
	if (rc)
		return rc;
	/* a partial result decides it before the length check, as an rc of
	 * GM_EXIT_PARTIAL would */
	if (gm_diag_any(&s->diag, GM_DIAG_PARTIAL))
		return GM_EXIT_PARTIAL;
	/* a compressed core whose length its headers did not settle: checked
	 * now if cheap (a short stream then warns and flags it truncated) */
	gm_target_verify_size(s->target);
	return s->target->truncated || s->target->phdr_damage || s->exe_check != GM_EXE_MATCH || s->layout.dwarf_problem[0] ||
			       s->target->budget_hit
		       ? GM_EXIT_PARTIAL
		       : GM_EXIT_OK;
}

int gm_cli_run_report_ops(const struct gm_cli *c, const struct gm_report_ops *ops)
{
	bool json;
	struct gm_session *s;
	int rc = gm_cli_begin(c, !ops->plan_only, &json, &s);
	if (rc)
		return rc;
	void *r;
	char tname[64];
	struct gm_report_opts opts = {.all = c->all, .top = c->top, .why = c->why,
				      .paths = c->paths > 0 ? (unsigned)c->paths : 0, .native = c->native,
				      .target = gm_cli_target_name(c, tname, sizeof(tname))};
	struct gm_error *err = ops->collect(s, &opts, &r);
	if (err) {
		rc = gm_cli_report_error(err);
		gm_session_destroy(s);
		return rc;
	}
	bool write_failed = false;
	if (json) {
		struct gm_report_meta m = {.target = opts.target,
					   .exe = s->gobin->path,
					   .go_version = s->gobin->go_version};
		int w = gm_report_write_json(ops, stdout, r, &m);
		if (w == -2) {
			fprintf(stderr, "gomortem: internal error: malformed JSON from the %s report\n",
				ops->name);
			rc = GM_EXIT_INTERNAL;
		}
		write_failed = w == -1;
	} else {
		ops->render_text(stdout, r, &opts);
	}
	const char *problem = ops->problem(r);
	if (problem && problem[0])
		gm_cli_partial(s, ops->name, "%s", problem);
	rc = gm_cli_soundness(s, rc);
	if (fflush(stdout) != 0 || write_failed) {
		fprintf(stderr, "gomortem: error writing the output\n");
		rc = GM_EXIT_INTERNAL;
	}
	ops->destroy(r);
	gm_session_destroy(s);
	return rc;
}

int gm_cli_output_open(const struct gm_cli *c, struct gm_cli_output *o)
{
	memset(o, 0, sizeof(*o));
	o->f = stdout;
	if (!c->output)
		return 0;
	struct gm_error *err = gm_outfile_create(c->output, true, &o->of);
	if (err)
		return gm_cli_report_error(err);
	o->f = fdopen(o->of.fd, "wb");
	if (!o->f) {
		err = gm_error_os(errno, "%s", c->output);
		close(o->of.fd);
		gm_outfile_abort(&o->of);
		return gm_cli_report_error(err);
	}
	o->file = true;
	return 0;
}

int gm_cli_output_close(struct gm_cli_output *o, bool commit)
{
	bool failed = fflush(o->f) != 0 || ferror(o->f);
	if (o->file) {
		struct gm_error *err = NULL;
		if (commit && !failed && fsync(fileno(o->f)) != 0)
			failed = true;
		if (commit && !failed)
			err = gm_outfile_commit(&o->of);
		else
			gm_outfile_abort(&o->of);
		if (fclose(o->f) != 0)
			failed = true;
		if (err) {
			gm_cli_report_error(err);
			return -1;
		}
	}
	o->f = NULL;
	if (failed) {
		fprintf(stderr, "gomortem: error writing the output\n");
		return -1;
	}
	return 0;
}
