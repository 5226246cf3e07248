/* gomortem maps: every mapping classified, and the memory outside the Go
 * heap that the runtime does not account for (src/walk/maps.c collects). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gm_cli.h"
#include "gm_maps.h"
#include "gm_render.h"

static void render_json(FILE *o, const struct gm_maps_report *r, const char *core,
			const char *exe, const char *go_version)
{
	fputs("{\"schema\":\"gomortem.maps\",\"schema_version\":1,\"go_version\":", o);
	gm_cli_jstr(o, go_version);
	fputs(",\"core\":", o);
	gm_cli_jstr(o, core);
	fputs(",\"executable\":", o);
	gm_cli_jstr(o, exe);
	fputs(",\"classes\":{", o);
	for (int k = 0; k < GM_MAP_NCLASSES; k++)
		fprintf(o, "%s\"%s\":%" PRIu64, k ? "," : "", gm_map_class_names[k], r->bytes[k]);
	fprintf(o, "},\"in_use\":{\"c_malloc\":%" PRIu64 ",\"anonymous\":%" PRIu64 "}",
		r->in_use[GM_MAP_C_MALLOC], r->in_use[GM_MAP_ANON]);
	fprintf(o, ",\"mapped\":%" PRIu64 ",\"heap_arenas\":%" PRIu64 ",\"go\":", r->mapped,
		r->arenas);
	if (r->have_heap)
		fprintf(o,
			"{\"Sys\":%" PRIu64 ",\"HeapSys\":%" PRIu64 ",\"StackInuse\":%" PRIu64
			",\"off_heap\":%" PRIu64 "},\"unaccounted\":",
			r->sys, r->heap_sys, r->stack_inuse, r->go_offheap);
	if (r->have_heap && r->unaccounted_known)
		fprintf(o, "%" PRId64 ",\"unaccounted_in_use\":%" PRIu64, r->unaccounted, r->unaccounted_in_use);
	else if (r->have_heap)
		fputs("null,\"unaccounted_in_use\":null", o);
	else
		fputs("null,\"unaccounted\":null,\"unaccounted_in_use\":null", o);
	fputs(",\"mappings\":[", o);
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_map_region *m = &r->v[i];
		fprintf(o,
			"%s{\"start\":\"0x%" PRIx64 "\",\"end\":\"0x%" PRIx64 "\",\"size\":%" PRIu64
			",\"class\":\"%s\",\"path\":",
			i ? "," : "", m->start, m->end, m->end - m->start, gm_map_class_names[m->cls]);
		gm_cli_jstr(o, m->path);
		if (m->cls == GM_MAP_ANON || m->cls == GM_MAP_C_MALLOC)
			fprintf(o, ",\"in_use\":%" PRIu64, m->in_use);
		if (m->not_copied)
			fputs(",\"not_copied\":true", o);
		fputc('}', o);
	}
	fputs("],\"problem\":", o);
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

static void render_text(FILE *o, const struct gm_maps_report *r)
{
	char b[32];
	fputs("            start              end         size  class           path\n", o);
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_map_region *m = &r->v[i];
		fprintf(o, "  %16" PRIx64 " %16" PRIx64 " %12s  %-14s  %s\n", m->start, m->end,
			human(m->end - m->start, b, sizeof(b)), gm_map_class_names[m->cls],
			m->path ? m->path : "");
	}
	fputs("\nby class:\n", o);
	for (int k = 0; k < GM_MAP_NCLASSES; k++) {
		fprintf(o, "  %-16s %14" PRIu64 "  %s", gm_map_class_names[k], r->bytes[k],
			human(r->bytes[k], b, sizeof(b)));
		if (k == GM_MAP_ANON || k == GM_MAP_C_MALLOC)
			fprintf(o, " (%s in use)", human(r->in_use[k], b, sizeof(b)));
		fputc('\n', o);
	}
	fprintf(o, "  %-16s %14" PRIu64 "  %s (all but reserved)\n", "mapped", r->mapped,
		human(r->mapped, b, sizeof(b)));
	if (r->have_heap) {
		fprintf(o, "\nGo runtime off-heap memory (Sys - HeapSys - StackInuse - GC work bufs - OS thread stacks): %s\n",
			human(r->go_offheap, b, sizeof(b)));
		uint64_t u = r->unaccounted > 0 ? (uint64_t)r->unaccounted : 0;
		char b2[32];
		if (r->unaccounted_known)
			fprintf(o,
				"anonymous memory the Go runtime does not account for: %" PRId64 " bytes (%s),\n"
				"  at most %s of it in use (pages holding a non-zero byte)\n"
				"  (syscall.Mmap, cgo / C allocations: invisible to pprof and MemStats)\n",
				r->unaccounted, human(u, b, sizeof(b)), human(r->unaccounted_in_use, b2, sizeof(b2)));
		else
			fputs("anonymous memory the Go runtime does not account for: unknown (the mappings "
			      "hold less than the runtime's off-heap memory: damaged)\n", o);
		if (r->bytes[GM_MAP_C_MALLOC])
			fprintf(o, "glibc malloc arenas (C allocations of threads): %s in use of %s mapped\n",
				human(r->in_use[GM_MAP_C_MALLOC], b, sizeof(b)),
				human(r->bytes[GM_MAP_C_MALLOC], b2, sizeof(b2)));
	}
}

static struct gm_error *collect(struct gm_session *s, void **out)
{
	struct gm_maps_report *r = NULL;
	struct gm_error *err = gm_maps_collect(s->target, s->gobin, &s->layout, NULL, &r);
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
	return ((const struct gm_maps_report *)report)->problem;
}

static void destroy(void *report)
{
	gm_maps_report_destroy(report);
}

int gm_cmd_maps(const struct gm_cli *c)
{
	static const struct gm_report_cmd cmd = {collect, text, json, problem, destroy};
	return gm_cli_run_report(c, &cmd);
}
