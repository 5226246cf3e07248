/* gomortem diff OLD NEW: the growth of every summary metric between two
 * cores of the same program (same Go build ID unless --force), --fail-on
 * growth.METRIC thresholds (exit 3). Comparison: src/analyze/diff.c.
 * First part of issue #19: metrics only (no per-group comparison yet). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gm_cli.h"
#include "gm_diff.h"
#include "gm_json.h"
#include "gm_out.h"

static int collect(const struct gm_cli *c, const char *core, struct gm_session **s, struct gm_summary **sm)
{
	struct gm_cli one = *c;
	one.core = core;
	int rc = gm_cli_open_session_heap(&one, s);
	if (rc)
		return rc;
	struct gm_error *err = gm_summary_collect(*s, sm);
	if (err)
		return gm_cli_report_error(err);
	return 0;
}

static const char *build_id(const struct gm_session *s)
{
	return s->gobin->go_build_id[0] ? s->gobin->go_build_id : s->gobin->build_id;
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
	for (int i = 0; i < c->nfail_on; i++) {
		struct gm_error *err = gm_diff_failon_parse(c->fail_on[i], &fo[i]);
		if (err)
			return gm_cli_report_error(err);
	}
	struct gm_session *so = NULL, *sn = NULL;
	struct gm_summary *mo = NULL, *mn = NULL;
	if ((rc = collect(c, c->core, &so, &mo)) || (rc = collect(c, c->core2, &sn, &mn)))
		goto out;
	const char *bo = build_id(so), *bn = build_id(sn);
	bool same = !strcmp(bo, bn) && bo[0];
	if (!same && !c->force) {
		fprintf(stderr, "gomortem: diff: %s and %s are not the same build (build ID '%s' vs '%s'); "
			"--force compares them anyway\n", c->core, c->core2, bo, bn);
		rc = GM_EXIT_BADINPUT;
		goto out;
	}
	FILE *o = stdout;
	if (json) {
		struct gm_out out;
		struct gm_json j;
		gm_out_init(&out, o);
		gm_json_init(&j, &out);
		gm_json_object_begin(&j);
		gm_json_kstring(&j, "schema", "gomortem.diff");
		gm_json_ki64(&j, "version", 1);
		gm_json_kstring(&j, "old", c->core);
		gm_json_kstring(&j, "new", c->core2);
		gm_json_kbool(&j, "same_build", same);
		gm_json_kobject(&j, "metrics");
		for (int m = 0; m < GM_M_N; m++) {
			bool known;
			int64_t g = gm_diff_growth(mo, mn, (enum gm_metric)m, &known);
			gm_json_kobject(&j, gm_metric_names[m]);
			if (mo->metric_known[m]) gm_json_ki64(&j, "old", mo->metric[m]); else gm_json_knull(&j, "old");
			if (mn->metric_known[m]) gm_json_ki64(&j, "new", mn->metric[m]); else gm_json_knull(&j, "new");
			if (known) gm_json_ki64(&j, "growth", g); else gm_json_knull(&j, "growth");
			gm_json_object_end(&j);
		}
		gm_json_object_end(&j);
		gm_json_karray(&j, "fail_on");
		for (int i = 0; i < c->nfail_on; i++) {
			int r = gm_diff_failon_eval(&fo[i], mo, mn);
			gm_json_object_begin(&j);
			gm_json_kstring(&j, "expr", fo[i].expr);
			gm_json_kstring(&j, "result", r > 0 ? "crossed" : r == 0 ? "ok" : "unknown");
			gm_json_object_end(&j);
		}
		gm_json_array_end(&j);
		gm_json_object_end(&j);
		gm_out_flush(&out);
		fputc('\n', o);
	} else {
		fprintf(o, "diff %s -> %s%s\n", c->core, c->core2, same ? "" : " (different builds, --force)");
		fprintf(o, "  %-32s %14s %14s %14s\n", "metric", "old", "new", "growth");
		for (int m = 0; m < GM_M_N; m++) {
			bool known;
			int64_t g = gm_diff_growth(mo, mn, (enum gm_metric)m, &known);
			if (known && g == 0)
				continue;
			char a[24], b[24], d[24];
			snprintf(a, sizeof(a), mo->metric_known[m] ? "%" PRId64 : "?", mo->metric[m]);
			snprintf(b, sizeof(b), mn->metric_known[m] ? "%" PRId64 : "?", mn->metric[m]);
			snprintf(d, sizeof(d), known ? "%+" PRId64 : "?", g);
			fprintf(o, "  %-32s %14s %14s %14s\n", gm_metric_names[m], a, b, d);
		}
	}
	bool crossed = false;
	for (int i = 0; i < c->nfail_on; i++) {
		int r = gm_diff_failon_eval(&fo[i], mo, mn);
		if (r > 0) {
			crossed = true;
			fprintf(stderr, "gomortem: --fail-on %s: crossed\n", fo[i].expr);
		} else if (r < 0)
			fprintf(stderr, "gomortem: --fail-on %s: unknown\n", fo[i].expr);
	}
	/* as summary: a part that could not be read is said, exit 1 */
	for (int i = 0; i < mo->nproblems && i < GM_SUMMARY_MAX_PROBLEMS; i++)
		fprintf(stderr, "gomortem: %s: %s\n", c->core, mo->problems[i]);
	for (int i = 0; i < mn->nproblems && i < GM_SUMMARY_MAX_PROBLEMS; i++)
		fprintf(stderr, "gomortem: %s: %s\n", c->core2, mn->problems[i]);
	rc = crossed ? GM_EXIT_THRESHOLD : (mo->nproblems || mn->nproblems) ? GM_EXIT_PARTIAL : 0;
out:
	gm_summary_destroy(mo);
	gm_summary_destroy(mn);
	gm_session_destroy(so);
	gm_session_destroy(sn);
	return rc;
}
