/* gomortem summary (the default command): one screen to read first, or one
 * JSON document (schema gomortem.summary) for scripts; --fail-on thresholds
 * (exit 3 when crossed); --batch DIR: one JSON line per core of a directory.
 * Collection is src/analyze/summary.c, rendering src/render/render_summary.c;
 * here: the options, --fail-on's evaluation, the batch loop, exit codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_cdname.h"
#include "gm_cli.h"
#include "gm_json.h"
#include "gm_out.h"
#include "gm_render_diff.h"
#include "gm_render_summary.h"
#include "gm_summary.h"

/* One JSON document on o: begin, the renderers write it, end adds the
 * newline and writes it out. */
struct json_doc {
	struct gm_out out;
	struct gm_json j;
};

static struct json_doc *json_doc_begin(FILE *o)
{
	struct json_doc *d = malloc(sizeof(*d));
	if (!d)
		return NULL;
	gm_out_init(&d->out, o);
	gm_json_init(&d->j, &d->out);
	return d;
}

/* 0; GM_EXIT_INTERNAL when the document is malformed (a renderer's bug) */
static int json_doc_end(struct json_doc *d)
{
	gm_out_ch(&d->out, '\n');
	gm_out_flush(&d->out);
	bool ok = gm_json_ok(&d->j);
	free(d);
	if (!ok) {
		fprintf(stderr, "gomortem: internal error: malformed JSON from the summary\n");
		return GM_EXIT_INTERNAL;
	}
	return 0;
}

/* what gomortem diff needs to compare this target later (docs/json.md,
 * gomortem.snapshot) */
static int json_snapshot(struct gm_json *j, struct gm_session *s, struct gm_summary *sm, const char *name,
			 const struct gm_target_time *ct, bool heap_types)
{
	struct gm_diff_side *d;
	struct gm_error *err = gm_diff_side_collect(s, sm, false, name, ct, heap_types ? GM_DIFF_HEAP_TYPES : 0, &d);
	if (err)
		return gm_cli_report_error(err);
	gm_json_key(j, "diff_snapshot");
	gm_render_diff_snapshot_json(j, d);
	gm_diff_side_destroy(d);
	return 0;
}

/* ---- --fail-on ---- */

/* Evaluates every condition into r[]; returns how many were crossed. */
static int eval_fail_on(const struct gm_failon *f, int n, const struct gm_summary *sm, int *r)
{
	int crossed = 0;
	for (int i = 0; i < n; i++) {
		r[i] = gm_failon_eval(&f[i], sm);
		crossed += r[i] == 1;
	}
	return crossed;
}

/* ---- one target ---- */

static int exit_code(int rc, bool partial, int crossed)
{
	if (rc && rc != GM_EXIT_PARTIAL)
		return rc;
	if (crossed)
		return GM_EXIT_THRESHOLD;
	return partial || rc ? GM_EXIT_PARTIAL : GM_EXIT_OK;
}

/* e: the directory entry in --batch mode, else NULL */
static int summarize(const struct gm_cli *c, struct gm_session *s, const char *name, bool json,
		     const struct gm_failon *fo, int nfo, FILE *o, const struct gm_cdentry *e)
{
	struct gm_summary *sm;
	struct gm_summary_opts so = {.leaks = c->leaks ? GM_SUMMARY_LEAKS_ON : GM_SUMMARY_LEAKS_AUTO};
	for (int i = 0; i < nfo; i++)
		if (fo[i].metric == GM_M_GOROUTINES_LEAKED)
			so.leaks = GM_SUMMARY_LEAKS_ON;
	struct gm_error *err = gm_summary_collect_opts(s, &so, &sm);
	if (err)
		return gm_cli_report_error(err);
	struct gm_target_time ct;
	gm_summary_time(sm, c->core, s->target->is_live, &ct);
	bool partial = sm->nproblems > 0;
	int soundness = gm_cli_soundness(s, 0);
	struct gm_session_desc d;
	struct json_doc *doc = NULL;
	if ((err = gm_session_describe(s, &d)) || (json && !(doc = json_doc_begin(o)))) {
		if (!err)
			gm_session_desc_free(&d);
		gm_summary_destroy(sm);
		return err ? gm_cli_report_error(err) : GM_EXIT_INTERNAL;
	}
	int r[GM_CLI_MAX_FAIL_ON];
	int crossed = eval_fail_on(fo, nfo, sm, r);
	int rc = 0;
	if (json) {
		gm_render_summary_json_begin(&doc->j, name, &d, &ct, sm, e);
		/* what is written so far goes out before the snapshot is collected */
		gm_out_flush(&doc->out);
		if (!e && (rc = json_snapshot(&doc->j, s, sm, name, &ct, c->heap_types))) {
			free(doc);
			gm_session_desc_free(&d);
			gm_summary_destroy(sm);
			return rc;
		}
		gm_render_summary_failon_json(&doc->j, fo, r, nfo, sm);
		gm_json_ki64(&doc->j, "exit_code", exit_code(soundness, partial, crossed));
		gm_json_object_end(&doc->j);
		rc = json_doc_end(doc);
	} else {
		gm_render_summary_text(o, name, &d, &ct, sm);
		gm_render_summary_failon_text(o, fo, r, nfo, sm);
	}
	gm_session_desc_free(&d);
	for (int i = 0; i < sm->nproblems; i++)
		gm_cli_partial(s, "summary", "%s", sm->problems[i]);
	gm_summary_destroy(sm);
	/* the JSON's exit_code, written before the problems reach the sink,
	 * counted them (partial); the sink agrees */
	partial = gm_diag_any(&s->diag, GM_DIAG_PARTIAL);
	return rc ? rc : exit_code(soundness, partial, crossed);
}

static int parse_fail_on(const struct gm_cli *c, struct gm_failon *fo)
{
	for (int i = 0; i < c->nfail_on; i++) {
		struct gm_error *err = gm_failon_parse(c->fail_on[i], &fo[i]);
		if (err) {
			fprintf(stderr, "gomortem: %s\n", err->msg);
			gm_error_destroy(err);
			return GM_EXIT_USAGE;
		}
	}
	return 0;
}

/* ---- --batch DIR ---- */

static void batch_error_line(FILE *o, const struct gm_cdentry *e, const char *msg, int rc)
{
	struct json_doc *doc = json_doc_begin(o);
	if (!doc)
		return;
	gm_render_summary_batch_error_json(&doc->j, e, msg, rc);
	json_doc_end(doc);
}

static int run_batch(const struct gm_cli *c, const struct gm_failon *fo, int nfo)
{
	if (c->pid || c->core)
		return gm_cli_usage_error("summary --batch DIR: no CORE or --pid with --batch");
	if (c->format && strcmp(c->format, "json"))
		return gm_cli_usage_error("summary --batch writes JSON lines (--format json)");
	struct gm_cdlist *list;
	struct gm_error *err = gm_cdname_list_dir(c->batch, 0, &list);
	if (err)
		return gm_cli_report_error(err);
	int worst = GM_EXIT_OK;
	FILE *o = stdout;
	for (size_t i = 0; i < list->n; i++) {
		const struct gm_cdentry *e = &list->entries[i];
		int rc;
		if (e->errnum) {
			char msg[300];
			snprintf(msg, sizeof(msg), "%s: %s", e->path, strerror(e->errnum));
			batch_error_line(o, e, msg, GM_EXIT_BADINPUT);
			rc = GM_EXIT_BADINPUT;
		} else {
			struct gm_session_opts so = {.core = e->path, .exe = c->exe, .force = c->force};
			struct gm_session *s;
			err = gm_session_open(&so, &s);
			if (err) {
				rc = err->code == GM_ERR_NOMEM ? GM_EXIT_INTERNAL : GM_EXIT_BADINPUT;
				batch_error_line(o, e, err->msg, rc);
				gm_error_destroy(err);
			} else {
				gm_cli_watch_diags(s, e->path);
				struct gm_cli one = *c;
				one.core = e->path;
				rc = summarize(&one, s, e->path, true, fo, nfo, o, e);
				gm_session_destroy(s);
			}
		}
		fflush(o);
		/* the batch's code: 3 if any core crossed a threshold, else 1 if
		 * any was partial or unreadable, else 0 */
		if (rc == GM_EXIT_THRESHOLD)
			worst = GM_EXIT_THRESHOLD;
		else if (rc && worst == GM_EXIT_OK)
			worst = GM_EXIT_PARTIAL;
	}
	if (list->skipped_noncore + list->skipped_nonregular)
		fprintf(stderr, "gomortem: %s: %zu files are not cores, %zu are not regular files (skipped)\n",
			c->batch, list->skipped_noncore, list->skipped_nonregular);
	if (list->capped)
		fprintf(stderr, "gomortem: %s: too many cores, only the first %zu were read\n", c->batch, list->n);
	gm_cdlist_destroy(list);
	if (fflush(o) != 0)
		return GM_EXIT_INTERNAL;
	return worst;
}

int gm_cmd_summary(const struct gm_cli *c)
{
	struct gm_failon fo[GM_CLI_MAX_FAIL_ON];
	int rc = parse_fail_on(c, fo);
	if (rc)
		return rc;
	if (c->batch)
		return run_batch(c, fo, c->nfail_on);
	if (!c->core && !c->pid)
		return gm_cli_usage_error("summary: missing CORE (or --pid PID, or --batch DIR)");
	bool json;
	struct gm_session *s;
	if ((rc = gm_cli_begin(c, true, &json, &s)))
		return rc;
	char tn[64];
	rc = summarize(c, s, gm_cli_target_name(c, tn, sizeof(tn)), json, fo, c->nfail_on, stdout, NULL);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "gomortem: error writing the output\n");
		rc = GM_EXIT_INTERNAL;
	}
	gm_session_destroy(s);
	return rc;
}
