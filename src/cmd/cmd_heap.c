/* gomortem heap: runtime.MemStats computed from the runtime's statistics,
 * in-use spans by size class, large objects (src/walk/heap.c collects). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gm_cli.h"
#include "gm_heap.h"
#include "gm_render.h"
#include "gm_report.h"

#define MAXINT64 0x7fffffffffffffffLL

static void render_json(FILE *o, const struct gm_heap_report *r, const char *core,
			const char *exe, const char *go_version)
{
	fputs("{\"schema\":\"gomortem.heap\",\"schema_version\":1,\"go_version\":", o);
	gm_cli_jstr(o, go_version);
	fputs(",\"core\":", o);
	gm_cli_jstr(o, core);
	fputs(",\"executable\":", o);
	gm_cli_jstr(o, exe);
	fputs(",\"now\":", o);
	if (r->now) {
		bool exact = r->now_source && !strcmp(r->now_source, "CLOCK_MONOTONIC");
		fprintf(o, "{\"nanotime\":%" PRId64 ",\"lower_bound\":%s,\"source\":", r->now,
			exact ? "false" : "true");
		gm_cli_jstr(o, r->now_source);
		fputc('}', o);
	} else {
		fputs("null", o);
	}
	fprintf(o,
		",\"memstats\":{\"Alloc\":%" PRIu64 ",\"TotalAlloc\":%" PRIu64 ",\"Sys\":%" PRIu64
		",\"Mallocs\":%" PRIu64 ",\"Frees\":%" PRIu64 ",\"HeapAlloc\":%" PRIu64
		",\"HeapSys\":%" PRIu64 ",\"HeapIdle\":%" PRIu64 ",\"HeapInuse\":%" PRIu64
		",\"HeapReleased\":%" PRIu64 ",\"HeapObjects\":%" PRIu64 ",\"StackInuse\":%" PRIu64
		",\"StackSys\":%" PRIu64 ",\"MSpanInuse\":%" PRIu64 ",\"MSpanSys\":%" PRIu64
		",\"MCacheInuse\":%" PRIu64 ",\"MCacheSys\":%" PRIu64 ",\"BuckHashSys\":%" PRIu64
		",\"GCSys\":%" PRIu64 ",\"OtherSys\":%" PRIu64 ",\"NextGC\":%" PRIu64
		",\"LastGC\":%" PRIu64 ",\"PauseTotalNs\":%" PRIu64 ",\"NumGC\":%" PRIu32 "}",
		r->alloc, r->total_alloc, r->sys, r->mallocs, r->frees, r->heap_alloc, r->heap_sys,
		r->heap_idle, r->heap_inuse, r->heap_released, r->heap_objects, r->stack_inuse,
		r->stack_sys, r->mspan_inuse, r->mspan_sys, r->mcache_inuse, r->mcache_sys,
		r->buckhash_sys, r->gc_sys, r->other_sys, r->next_gc, r->last_gc, r->pause_total_ns,
		r->num_gc);
	fputs(",\"last_gc_age_ns\":", o);
	if (r->now && r->last_gc_nanotime && (int64_t)r->last_gc_nanotime <= r->now)
		fprintf(o, "%" PRId64, r->now - (int64_t)r->last_gc_nanotime);
	else
		fputs("null", o);
	fprintf(o, ",\"gogc\":");
	if (r->gogc < 0)
		fputs("\"off\"", o);
	else
		fprintf(o, "%" PRId32, r->gogc);
	fputs(",\"gomemlimit\":", o);
	if (r->memory_limit == MAXINT64)
		fputs("null", o);
	else
		fprintf(o, "%" PRId64, r->memory_limit);
	fprintf(o,
		",\"mcache_flush\":{\"spans\":%" PRIu64 ",\"objects\":%" PRIu64 ",\"bytes\":%" PRIu64
		",\"tiny_allocs\":%" PRIu64 ",\"procs\":%" PRIu32 "}",
		r->cached_spans, r->cached_objects, r->cached_bytes, r->cached_tiny, r->nprocs);
	fputs(",\"size_classes\":[", o);
	bool first = true;
	for (int i = 1; i < GM_HEAP_NCLASSES; i++) {
		const struct gm_heap_class *k = &r->classes[i];
		if (!k->spans)
			continue;
		fprintf(o,
			"%s{\"class\":%d,\"size\":%" PRIu32 ",\"spans\":%" PRIu64
			",\"objects\":%" PRIu64 ",\"bytes\":%" PRIu64 "}",
			first ? "" : ",", i, k->size, k->spans, k->objects, k->bytes);
		first = false;
	}
	fprintf(o,
		"],\"large_objects\":{\"count\":%" PRIu64 ",\"bytes\":%" PRIu64
		"},\"spans\":{\"total\":%" PRIu64 ",\"in_use\":%" PRIu64 "},\"problem\":",
		r->large_count, r->large_bytes, r->spans, r->spans_in_use);
	gm_cli_jstr(o, r->problem[0] ? r->problem : NULL);
	fputs("}\n", o);
}

static const char *human(uint64_t v, char *buf, size_t n)
{
	if (v >= (10ull << 30))
		snprintf(buf, n, "%.1f GiB", (double)v / (1u << 30));
	else if (v >= (10ull << 20))
		snprintf(buf, n, "%.1f MiB", (double)v / (1u << 20));
	else if (v >= (10ull << 10))
		snprintf(buf, n, "%.1f KiB", (double)v / (1u << 10));
	else
		snprintf(buf, n, "%" PRIu64 " B", v);
	return buf;
}

static void row(FILE *o, const char *name, uint64_t v, const char *what)
{
	char b[32];
	fprintf(o, "  %-13s %14" PRIu64 "  %10s  %s\n", name, v, human(v, b, sizeof(b)), what);
}

static void render_text(FILE *o, const struct gm_heap_report *r)
{
	fputs("memory (runtime.MemStats as ReadMemStats would report it):\n", o);
	row(o, "Sys", r->sys, "all memory obtained from the OS");
	row(o, "HeapSys", r->heap_sys, "heap: mapped");
	row(o, "HeapInuse", r->heap_inuse, "heap: in in-use spans");
	row(o, "HeapAlloc", r->heap_alloc, "heap: live + not yet swept objects");
	row(o, "HeapIdle", r->heap_idle, "heap: in no span");
	row(o, "HeapReleased", r->heap_released, "heap: returned to the OS");
	fprintf(o, "  %-13s %14" PRIu64 "  %10s  %s\n", "HeapObjects", r->heap_objects, "",
		"live + not yet swept objects (a count)");
	row(o, "StackInuse", r->stack_inuse, "goroutine stacks");
	row(o, "StackSys", r->stack_sys, "");
	row(o, "MSpanInuse", r->mspan_inuse, "span structures");
	row(o, "MCacheInuse", r->mcache_inuse, "mcache structures");
	row(o, "GCSys", r->gc_sys, "GC metadata");
	row(o, "OtherSys", r->other_sys, "");
	row(o, "NextGC", r->next_gc, "heap goal of the next GC");
	fprintf(o, "  %-13s %14" PRIu32 "\n", "NumGC", r->num_gc);
	if (!r->num_gc)
		fprintf(o, "  %-13s never\n", "LastGC");
	else if (r->now && r->last_gc_nanotime && (int64_t)r->last_gc_nanotime <= r->now)
		fprintf(o, "  %-13s %.3f s before the dump%s\n", "LastGC",
			(double)(r->now - (int64_t)r->last_gc_nanotime) / 1e9,
			r->now_source && !strcmp(r->now_source, "CLOCK_MONOTONIC") ? ""
										: " (at least)");
	else
		fprintf(o, "  %-13s unix %" PRIu64 " ns\n", "LastGC", r->last_gc);
	if (r->gogc < 0)
		fprintf(o, "  %-13s off\n", "GOGC");
	else
		fprintf(o, "  %-13s %" PRId32 "\n", "GOGC", r->gogc);
	if (r->memory_limit == MAXINT64) {
		fprintf(o, "  %-13s none\n", "GOMEMLIMIT");
	} else {
		char b[32];
		fprintf(o, "  %-13s %" PRId64 " (%s)\n", "GOMEMLIMIT", r->memory_limit,
			human((uint64_t)r->memory_limit, b, sizeof(b)));
	}
	fprintf(o,
		"  (counted as ReadMemStats's mcache flush would: %" PRIu64 " objects, %" PRIu64
		" bytes in %" PRIu64 " spans cached by %" PRIu32 " Ps)\n\n",
		r->cached_objects, r->cached_bytes, r->cached_spans, r->nprocs);
	fputs("in-use spans by size class:\n  class    size    spans      objects          bytes\n",
	      o);
	for (int i = 1; i < GM_HEAP_NCLASSES; i++) {
		const struct gm_heap_class *k = &r->classes[i];
		if (!k->spans)
			continue;
		fprintf(o, "  %5d %7" PRIu32 " %8" PRIu64 " %12" PRIu64 " %14" PRIu64 "\n", i,
			k->size, k->spans, k->objects, k->bytes);
	}
	char b[32];
	fprintf(o, "large objects: %" PRIu64 " (%" PRIu64 " bytes, %s)\n", r->large_count,
		r->large_bytes, human(r->large_bytes, b, sizeof(b)));
}

static struct gm_error *collect(struct gm_session *s, void **out)
{
	struct gm_heap_report *r = NULL;
	struct gm_error *err = gm_heap_collect(s->target, s->gobin, &s->layout, &r);
	*out = r;
	return err;
}

static void text(FILE *o, const void *report, const struct gm_cli *c)
{
	render_text(o, report);
}

static void json(FILE *o, const void *report, const char *target, const char *exe, const char *go_version)
{
	render_json(o, report, target, exe, go_version);
}

static const char *problem(const void *report)
{
	return ((const struct gm_heap_report *)report)->problem;
}

static void destroy(void *report)
{
	gm_heap_report_destroy(report);
}

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
	if (prob && prob[0]) {
		fprintf(stderr, "gomortem: partial results: %s\n", prob);
		if (!rc)
			rc = GM_EXIT_PARTIAL;
	}
	if (!rc)
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
	static const struct gm_report_cmd cmd = {collect, text, json, problem, destroy};
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
	return gm_cli_run_report(c, &cmd);
}
