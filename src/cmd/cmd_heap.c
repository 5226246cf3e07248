/* gomortem heap: runtime.MemStats computed from the runtime's statistics,
 * in-use spans by size class, large objects (src/walk/heap.c collects,
 * src/render/render_heap.c renders); --by-type, --why and --profile. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gm_cli.h"
#include "gm_heap.h"
#include "gm_render.h"
#include "gm_report.h"

/* heap --by-type --format pprof [-o FILE] (the default with -o) */
static int by_type_pprof(const struct gm_cli *c)
{
	if (!c->output && isatty(STDOUT_FILENO))
		return gm_cli_usage_error("the pprof heap-by-type profile is gzipped protobuf: give -o FILE");
	struct gm_session *s;
	int rc = gm_cli_open_session_heap(c, &s);
	if (rc)
		return rc;
	const struct gm_report_ops *ops = &gm_report_heaptypes;
	void *rep = NULL;
	struct gm_error *err = ops->collect(s, NULL, &rep);
	if (err) {
		rc = gm_cli_report_error(err);
		gm_session_destroy(s);
		return rc;
	}
	struct gm_cli_output o;
	rc = gm_cli_output_open(c, &o);
	if (rc) {
		ops->destroy(rep);
		gm_session_destroy(s);
		return rc;
	}
	if (gm_heaptypes_write_pprof(rep, o.f) != 0)
		rc = GM_EXIT_INTERNAL;
	const char *prob = ops->problem(rep);
	if (prob && prob[0])
		gm_cli_partial(s, ops->name, "%s", prob);
	rc = gm_cli_soundness(s, rc);
	if (rc == GM_EXIT_INTERNAL)
		gm_cli_output_close(&o, false);
	else if (gm_cli_output_close(&o, true) != 0)
		rc = GM_EXIT_INTERNAL;
	ops->destroy(rep);
	gm_session_destroy(s);
	return rc;
}

int gm_cmd_heap(const struct gm_cli *c)
{
	if (c->profile && c->by_type)
		return gm_cli_usage_error("heap: --profile or --by-type, not both");
	if (c->why && (c->profile || c->by_type))
		return gm_cli_usage_error("heap: --why goes alone, not with --profile or --by-type");
	if (c->paths > 0 && !c->why)
		return gm_cli_usage_error("heap: --paths goes with --why");
	if (c->why) {
		if (c->output)
			return gm_cli_usage_error("heap --why: no -o (text or json on stdout)");
		if (c->top >= 0 || c->all)
			return gm_cli_usage_error("heap --why: --paths N, not --top or --all");
		return gm_cli_run_report_ops(c, &gm_report_heapwhy);
	}
	if (c->profile)
		return gm_cmd_heap_profile(c);
	if ((c->top >= 0 || c->all) && !c->by_type)
		return gm_cli_usage_error("heap: --top and --all go with --by-type");
	if (c->by_type) {
		bool pprof = c->format ? !strcmp(c->format, "pprof") : c->output != NULL;
		if (pprof)
			return by_type_pprof(c);
		if (c->output)
			return gm_cli_usage_error("heap --by-type: -o goes with --format pprof");
		return gm_cli_run_report_ops(c, &gm_report_heaptypes);
	}
	if (c->output)
		return gm_cli_usage_error("heap: -o goes with --profile");
	return gm_cli_run_report_ops(c, &gm_report_heap);
}
