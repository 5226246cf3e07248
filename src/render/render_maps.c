/* The memory map report (gomortem maps): every mapping classified, and the
 * memory outside the Go heap that the runtime does not account for.
 * src/walk/maps.c collects; text and JSON ("gomortem.maps", docs/json.md)
 * here. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gm_maps.h"
#include "report_ops.h"

static struct gm_error *maps_collect(struct gm_session *s, struct gm_maps_report **r)
{
	return gm_maps_collect(s->target, s->gobin, &s->layout, NULL, r);
}

static void maps_json(struct gm_json *j, const struct gm_maps_report *r, const struct gm_report_meta *m)
{
	gm_report_json_begin(j, "gomortem.maps", 1, m);
	gm_json_kobject(j, "classes");
	for (int k = 0; k < GM_MAP_NCLASSES; k++)
		gm_json_ku64(j, gm_map_class_names[k], r->bytes[k]);
	gm_json_object_end(j);
	gm_json_kobject(j, "in_use");
	gm_json_ku64(j, "c_malloc", r->in_use[GM_MAP_C_MALLOC]);
	gm_json_ku64(j, "anonymous", r->in_use[GM_MAP_ANON]);
	gm_json_object_end(j);
	gm_json_ku64(j, "mapped", r->mapped);
	gm_json_ku64(j, "heap_arenas", r->arenas);
	if (r->have_heap) {
		gm_json_kobject(j, "go");
		gm_json_ku64(j, "Sys", r->sys);
		gm_json_ku64(j, "HeapSys", r->heap_sys);
		gm_json_ku64(j, "StackInuse", r->stack_inuse);
		gm_json_ku64(j, "off_heap", r->go_offheap);
		gm_json_object_end(j);
	} else {
		gm_json_knull(j, "go");
	}
	if (r->have_heap && r->unaccounted_known) {
		gm_json_ki64(j, "unaccounted", r->unaccounted);
		gm_json_ku64(j, "unaccounted_in_use", r->unaccounted_in_use);
	} else {
		gm_json_knull(j, "unaccounted");
		gm_json_knull(j, "unaccounted_in_use");
	}
	gm_json_karray(j, "mappings");
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_map_region *mr = &r->v[i];
		gm_json_object_begin(j);
		gm_json_khex(j, "start", mr->start);
		gm_json_khex(j, "end", mr->end);
		gm_json_ku64(j, "size", mr->end - mr->start);
		gm_json_kstring(j, "class", gm_map_class_names[mr->cls]);
		gm_json_kstring(j, "path", mr->path);
		if (mr->cls == GM_MAP_ANON || mr->cls == GM_MAP_C_MALLOC)
			gm_json_ku64(j, "in_use", mr->in_use);
		if (mr->not_copied)
			gm_json_kbool(j, "not_copied", true);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_kstring(j, "problem", r->problem[0] ? r->problem : NULL);
	gm_json_object_end(j);
}

static void maps_text(FILE *o, const struct gm_maps_report *r, const struct gm_report_opts *opts)
{
	(void)opts;
	char b[32];
	fputs("            start              end         size  class           path\n", o);
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_map_region *m = &r->v[i];
		fprintf(o, "  %16" PRIx64 " %16" PRIx64 " %12s  %-14s  %s\n", m->start, m->end,
			gm_report_human(m->end - m->start, b, sizeof(b)), gm_map_class_names[m->cls],
			m->path ? m->path : "");
	}
	fputs("\nby class:\n", o);
	for (int k = 0; k < GM_MAP_NCLASSES; k++) {
		fprintf(o, "  %-16s %14" PRIu64 "  %s", gm_map_class_names[k], r->bytes[k],
			gm_report_human(r->bytes[k], b, sizeof(b)));
		if (k == GM_MAP_ANON || k == GM_MAP_C_MALLOC)
			fprintf(o, " (%s in use)", gm_report_human(r->in_use[k], b, sizeof(b)));
		fputc('\n', o);
	}
	fprintf(o, "  %-16s %14" PRIu64 "  %s (all but reserved)\n", "mapped", r->mapped,
		gm_report_human(r->mapped, b, sizeof(b)));
	if (r->have_heap) {
		fprintf(o, "\nGo runtime off-heap memory (Sys - HeapSys - StackInuse - GC work bufs - OS thread stacks): %s\n",
			gm_report_human(r->go_offheap, b, sizeof(b)));
		uint64_t u = r->unaccounted > 0 ? (uint64_t)r->unaccounted : 0;
		char b2[32];
		if (r->unaccounted_known)
			fprintf(o,
				"anonymous memory the Go runtime does not account for: %" PRId64 " bytes (%s),\n"
				"  at most %s of it in use (pages holding a non-zero byte)\n"
				"  (syscall.Mmap, cgo / C allocations: invisible to pprof and MemStats)\n",
				r->unaccounted, gm_report_human(u, b, sizeof(b)), gm_report_human(r->unaccounted_in_use, b2, sizeof(b2)));
		else
			fputs("anonymous memory the Go runtime does not account for: unknown (the mappings "
			      "hold less than the runtime's off-heap memory: damaged)\n", o);
		if (r->bytes[GM_MAP_C_MALLOC])
			fprintf(o, "glibc malloc arenas (C allocations of threads): %s in use of %s mapped\n",
				gm_report_human(r->in_use[GM_MAP_C_MALLOC], b, sizeof(b)),
				gm_report_human(r->bytes[GM_MAP_C_MALLOC], b2, sizeof(b2)));
	}
}

GM_REPORT_OPS(maps, struct gm_maps_report, gm_maps_report_destroy);
