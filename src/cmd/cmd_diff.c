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

static int open_one(const struct gm_cli *c, const char *core, struct gm_session **s)
{
	struct gm_cli one = *c;
	one.core = core;
	return gm_cli_open_session_heap(&one, s);
}

static int snapshot(struct gm_session *s, const char *name, bool by_line, struct gm_diff_side **d)
{
	struct gm_summary *sm;
	struct gm_error *err = gm_summary_collect(s, &sm);
	if (!err)
		err = gm_diff_side_collect(s, sm, name, by_line, d);
	return err ? gm_cli_report_error(err) : 0;
}

int gm_cmd_diff(const struct gm_cli *c)
{
	bool json;
	int rc = gm_cli_text_or_json(c, &json);
	if (rc)
		return rc;
	if (!c->core2)
		return gm_cli_usage_error("diff: give two cores, OLD and NEW");
	struct gm_diff_failon fo[GM_CLI_MAX_FAIL_ON];
	struct gm_diff_failon_result fr[GM_CLI_MAX_FAIL_ON];
	for (int i = 0; i < c->nfail_on; i++) {
		struct gm_error *err = gm_diff_failon_parse(c->fail_on[i], &fo[i]);
		if (err)
			return gm_cli_report_error(err);
	}
	struct gm_session *so = NULL, *sn = NULL;
	struct gm_diff_side *dold = NULL, *dnew = NULL;
	struct gm_diff *d = NULL;
	if ((rc = open_one(c, c->core, &so)) || (rc = open_one(c, c->core2, &sn)))
		goto out;
	const char *bo = gm_diff_build_id(so), *bn = gm_diff_build_id(sn);
	bool same = !strcmp(bo, bn) && bo[0];
	if (!same && !c->force) {
		fprintf(stderr, "gomortem: diff: %s and %s are not the same build (build ID '%s' vs '%s'); "
			"--force compares them anyway\n", c->core, c->core2, bo, bn);
		rc = GM_EXIT_BADINPUT;
		goto out;
	}
	/* across builds the pcs differ: stacks match by function and line */
	if ((rc = snapshot(so, c->core, !same, &dold)) || (rc = snapshot(sn, c->core2, !same, &dnew)))
		goto out;
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
	gm_diff_side_destroy(dold);
	gm_diff_side_destroy(dnew);
	gm_session_destroy(so);
	gm_session_destroy(sn);
	return rc;
}
