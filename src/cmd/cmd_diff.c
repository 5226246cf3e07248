/* gomortem diff OLD NEW: two snapshots of the same program (same Go build
 * ID unless --force) compared item by item: goroutine groups matched by
 * stack and creator, finalizers, run-time types, timers, the memory map,
 * and every summary metric; red flags on growth; --fail-on growth.METRIC
 * thresholds (exit 3). Comparison: src/analyze/diff.c; output:
 * src/render/render_diff.c. */
#include <stdio.h>
#include <string.h>

#include "gm_cli.h"
#include "gm_diff.h"
#include "gm_json.h"
#include "gm_out.h"
#include "gm_render_diff.h"

#define TEXT_ROWS 20

/* OLD or NEW: a core (a session until its snapshot is taken) or a JSON
 * snapshot written by summary --format json */
struct input {
	const char *path;
	struct gm_session *s;
	struct gm_diff_side *d;
};

static int open_input(const struct gm_cli *c, struct input *in)
{
	if (gm_diff_is_snapshot_file(in->path)) {
		struct gm_error *err = gm_diff_side_load(in->path, &in->d);
		return err ? gm_cli_report_error(err) : 0;
	}
	struct gm_cli one = *c;
	one.core = in->path;
	return gm_cli_open_session_heap(&one, &in->s);
}

static int snapshot(struct input *in)
{
	if (in->d)
		return 0;
	struct gm_summary *sm;
	struct gm_error *err = gm_summary_collect(in->s, &sm);
	if (!err) {
		struct gm_target_time t;
		gm_summary_time(sm, in->path, in->s->target->is_live, &t);
		err = gm_diff_side_collect(in->s, sm, true, in->path, &t, GM_DIFF_HEAP_TYPES, &in->d);
	}
	return err ? gm_cli_report_error(err) : 0;
}

int gm_cmd_diff(const struct gm_cli *c)
{
	bool json;
	int rc = gm_cli_text_or_json(c, &json);
	if (rc)
		return rc;
	if (!c->core2)
		return gm_cli_usage_error("diff: give two cores or snapshots, OLD and NEW");
	struct gm_diff_failon fo[GM_CLI_MAX_FAIL_ON];
	struct gm_diff_failon_result fr[GM_CLI_MAX_FAIL_ON];
	for (int i = 0; i < c->nfail_on; i++) {
		struct gm_error *err = gm_diff_failon_parse(c->fail_on[i], &fo[i]);
		if (err)
			return gm_cli_report_error(err);
	}
	struct input io = {.path = c->core}, in = {.path = c->core2};
	struct gm_diff *d = NULL;
	struct gm_diff_side *dold = NULL, *dnew = NULL;
	if ((rc = open_input(c, &io)) || (rc = open_input(c, &in)))
		goto out;
	const char *bo = io.d ? io.d->build_id : gm_diff_build_id(io.s);
	const char *bn = in.d ? in.d->build_id : gm_diff_build_id(in.s);
	bool same = !strcmp(bo, bn) && bo[0];
	if (!same && !c->force) {
		fprintf(stderr, "gomortem: diff: %s and %s are not the same build (build ID '%s' vs '%s'); "
			"--force compares them anyway\n", c->core, c->core2, bo, bn);
		rc = GM_EXIT_BADINPUT;
		goto out;
	}
	if ((rc = snapshot(&io)) || (rc = snapshot(&in)))
		goto out;
	dold = io.d;
	dnew = in.d;
	/* across builds the pcs differ: stacks match by function and line */
	if (!same && (!gm_diff_side_by_line(dold) || !gm_diff_side_by_line(dnew))) {
		rc = gm_cli_report_error(&gm_error_nomem);
		goto out;
	}
	struct gm_error *err = gm_diff_compute(dold, dnew, &d);
	if (err) {
		rc = gm_cli_report_error(err);
		goto out;
	}
	const struct gm_summary *mo = dold->sm, *mn = dnew->sm;
	bool crossed = false;
	for (int i = 0; i < c->nfail_on; i++) {
		fr[i].expr = fo[i].expr;
		fr[i].result = gm_diff_failon_eval(&fo[i], mo, mn);
		crossed |= fr[i].result > 0;
	}
	FILE *o = stdout;
	if (json) {
		struct gm_out out;
		struct gm_json j;
		gm_out_init(&out, o);
		gm_json_init(&j, &out);
		gm_render_diff_json(&j, d, fr, c->nfail_on);
		gm_out_flush(&out);
		fputc('\n', o);
	} else {
		gm_render_diff_text(o, d, TEXT_ROWS);
	}
	for (int i = 0; i < c->nfail_on; i++)
		if (fr[i].result > 0)
			fprintf(stderr, "gomortem: --fail-on %s: crossed\n", fo[i].expr);
		else if (fr[i].result < 0)
			fprintf(stderr, "gomortem: --fail-on %s: unknown\n", fo[i].expr);
	/* as summary: a part that could not be read is said, exit 1 */
	for (int i = 0; i < mo->nproblems && i < GM_SUMMARY_MAX_PROBLEMS; i++)
		fprintf(stderr, "gomortem: %s: %s\n", c->core, mo->problems[i]);
	for (int i = 0; i < mn->nproblems && i < GM_SUMMARY_MAX_PROBLEMS; i++)
		fprintf(stderr, "gomortem: %s: %s\n", c->core2, mn->problems[i]);
	rc = crossed ? GM_EXIT_THRESHOLD : (mo->nproblems || mn->nproblems) ? GM_EXIT_PARTIAL : 0;
out:
	gm_diff_destroy(d);
	gm_diff_side_destroy(io.d);
	gm_diff_side_destroy(in.d);
	gm_session_destroy(io.s);
	gm_session_destroy(in.s);
	return rc;
}
