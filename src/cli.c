/* Helpers shared by the command files: errors to one-line messages and exit
 * codes, opening the target. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gm_cli.h"
#include "gm_render.h"

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

void gm_cli_print_warning(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "gomortem: warning: %s\n", msg);
}

static int open_session(const struct gm_cli *c, bool full_memory, struct gm_session **s)
{
	struct gm_session_opts o = {.core = c->core, .exe = c->exe, .force = c->force,
				    .pid = c->pid, .no_stop = c->no_stop, .full_memory = full_memory,
				    .zero_fill = full_memory};
	struct gm_error *err = gm_session_open(&o, s);
	if (err)
		return gm_cli_report_error(err);
	for (int i = 0; i < (*s)->nwarnings; i++)
		fprintf(stderr, "gomortem: warning: %s\n", (*s)->warnings[i]);
	(*s)->target->on_warning = gm_cli_print_warning;
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

const char *gm_cli_signame(int sig, char *buf, size_t n)
{
	const char *a = sig > 0 ? sigabbrev_np(sig) : NULL;
	if (a)
		snprintf(buf, n, "SIG%s", a);
	else
		snprintf(buf, n, "signal %d", sig);
	return buf;
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
	return s->target->truncated || s->target->phdr_damage || s->exe_check != GM_EXE_MATCH
		       ? GM_EXIT_PARTIAL
		       : GM_EXIT_OK;
}

int gm_cli_run_report(const struct gm_cli *c, const struct gm_report_cmd *cmd)
{
	bool json;
	struct gm_session *s;
	int rc = gm_cli_begin(c, true, &json, &s);
	if (rc)
		return rc;
	void *r;
	struct gm_error *err = cmd->collect(s, &r);
	if (err) {
		rc = gm_cli_report_error(err);
		gm_session_destroy(s);
		return rc;
	}
	char tname[64];
	if (json)
		cmd->render_json(stdout, r, gm_cli_target_name(c, tname, sizeof(tname)), s->gobin->path,
				 s->gobin->go_version);
	else
		cmd->render_text(stdout, r, c);
	const char *problem = cmd->problem(r);
	if (problem && problem[0]) {
		fprintf(stderr, "gomortem: partial results: %s\n", problem);
		rc = GM_EXIT_PARTIAL;
	}
	rc = gm_cli_soundness(s, rc);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "gomortem: error writing the output\n");
		rc = GM_EXIT_INTERNAL;
	}
	cmd->destroy(r);
	gm_session_destroy(s);
	return rc;
}
