/* The heap statistics report (gomortem heap): runtime.MemStats computed
 * from the runtime's statistics, in-use spans by size class, large
 * objects. src/walk/heap.c collects; text and JSON ("gomortem.heap",
 * docs/json.md) here. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gm_heap.h"
#include "report_ops.h"

#define MAXINT64 0x7fffffffffffffffLL

static struct gm_error *heap_collect(struct gm_session *s, struct gm_heap_report **r)
{
	return gm_heap_collect(s->target, s->gobin, &s->layout, r);
}

static void heap_json(struct gm_json *j, const struct gm_heap_report *r, const struct gm_report_meta *m)
{
	gm_report_json_begin(j, "gomortem.heap", 1, m);
	gm_report_json_now(j, r->now, r->now_source);
	gm_json_kobject(j, "memstats");
	const struct {
		const char *k;
		uint64_t v;
	} ms[] = {{"Alloc", r->alloc},		   {"TotalAlloc", r->total_alloc},
		  {"Sys", r->sys},		   {"Mallocs", r->mallocs},
		  {"Frees", r->frees},		   {"HeapAlloc", r->heap_alloc},
		  {"HeapSys", r->heap_sys},	   {"HeapIdle", r->heap_idle},
		  {"HeapInuse", r->heap_inuse},	   {"HeapReleased", r->heap_released},
		  {"HeapObjects", r->heap_objects}, {"StackInuse", r->stack_inuse},
		  {"StackSys", r->stack_sys},	   {"MSpanInuse", r->mspan_inuse},
		  {"MSpanSys", r->mspan_sys},	   {"MCacheInuse", r->mcache_inuse},
		  {"MCacheSys", r->mcache_sys},	   {"BuckHashSys", r->buckhash_sys},
		  {"GCSys", r->gc_sys},		   {"OtherSys", r->other_sys},
		  {"NextGC", r->next_gc},	   {"LastGC", r->last_gc},
		  {"PauseTotalNs", r->pause_total_ns}, {"NumGC", r->num_gc}};
	for (size_t i = 0; i < sizeof(ms) / sizeof(ms[0]); i++)
		gm_json_ku64(j, ms[i].k, ms[i].v);
	gm_json_object_end(j);
	if (r->now && r->last_gc_nanotime && (int64_t)r->last_gc_nanotime <= r->now)
		gm_json_ki64(j, "last_gc_age_ns", r->now - (int64_t)r->last_gc_nanotime);
	else
		gm_json_knull(j, "last_gc_age_ns");
	if (r->gogc < 0)
		gm_json_kstring(j, "gogc", "off");
	else
		gm_json_ki64(j, "gogc", r->gogc);
	if (r->memory_limit == MAXINT64)
		gm_json_knull(j, "gomemlimit");
	else
		gm_json_ki64(j, "gomemlimit", r->memory_limit);
	gm_json_kobject(j, "mcache_flush");
	gm_json_ku64(j, "spans", r->cached_spans);
	gm_json_ku64(j, "objects", r->cached_objects);
	gm_json_ku64(j, "bytes", r->cached_bytes);
	gm_json_ku64(j, "tiny_allocs", r->cached_tiny);
	gm_json_ku64(j, "procs", r->nprocs);
	gm_json_object_end(j);
	gm_json_karray(j, "size_classes");
	for (int i = 1; i < GM_HEAP_NCLASSES; i++) {
		const struct gm_heap_class *k = &r->classes[i];
		if (!k->spans)
			continue;
		gm_json_object_begin(j);
		gm_json_ki64(j, "class", i);
		gm_json_ku64(j, "size", k->size);
		gm_json_ku64(j, "spans", k->spans);
		gm_json_ku64(j, "objects", k->objects);
		gm_json_ku64(j, "bytes", k->bytes);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_kobject(j, "large_objects");
	gm_json_ku64(j, "count", r->large_count);
	gm_json_ku64(j, "bytes", r->large_bytes);
	gm_json_object_end(j);
	gm_json_kobject(j, "spans");
	gm_json_ku64(j, "total", r->spans);
	gm_json_ku64(j, "in_use", r->spans_in_use);
	gm_json_object_end(j);
	gm_json_kstring(j, "problem", r->problem[0] ? r->problem : NULL);
	gm_json_object_end(j);
}

static void row(FILE *o, const char *name, uint64_t v, const char *what)
{
	char b[32];
	fprintf(o, "  %-13s %14" PRIu64 "  %10s  %s\n", name, v, gm_report_human(v, b, sizeof(b)), what);
}

static void heap_text(FILE *o, const struct gm_heap_report *r, const struct gm_report_opts *opts)
{
	(void)opts;
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
			gm_report_human((uint64_t)r->memory_limit, b, sizeof(b)));
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
		r->large_bytes, gm_report_human(r->large_bytes, b, sizeof(b)));
}

GM_REPORT_OPS(heap, struct gm_heap_report, gm_heap_report_destroy);
