/* heap --why TYPE|ADDR: the paths from a root (include/render/gm_render_heapwhy.h). */
#include <inttypes.h>
#include <stdio.h>

#include "gm_fmt.h"
#include "gm_render_heapwhy.h"
#include "report_ops.h"

/* "main.Buf, 1024 B" or "untyped, size class 5, scan, 48 B" */
static void what(char *b, size_t n, const struct gm_why_step *s)
{
	char sz[32];
	gm_fmt_thousands(s->size, sz, sizeof(sz));
	if (s->type)
		snprintf(b, n, "%s%s, %s B", s->type, s->traversal ? " (by traversal)" : "", sz);
	else if (s->sizeclass)
		snprintf(b, n, "untyped, size class %u, %s, %s B", s->sizeclass, s->noscan ? "noscan" : "scan", sz);
	else
		snprintf(b, n, "untyped, large, %s, %s B", s->noscan ? "noscan" : "scan", sz);
}

static void text_root(FILE *o, const struct gm_why_path *p)
{
	if (p->kind == GM_WHY_STACK) {
		fprintf(o, "  goroutine %" PRIu64 ", frame %s (its stack word 0x%" PRIx64 ")\n", p->goid, p->root,
			p->root_word);
	} else if (p->root[0]) {
		fprintf(o, "  %s+0x%" PRIx64 " (global, %s)\n", p->root, p->root_off, p->section);
	} else {
		fprintf(o, "  global at 0x%" PRIx64 " (%s; no symbol table names it)\n", p->root_word, p->section);
	}
}

void gm_render_heapwhy_text(FILE *o, const struct gm_why_report *r)
{
	char a[32], b[32], c[32], d[32], e[32], f[32], g[32], w[256];
	if (r->by_type) {
		fprintf(o, "heap --why %s: %s objects (%s) of this type; %s reached from a root, %s not\n", r->query,
			gm_fmt_thousands(r->matched, a, sizeof(a)), gm_fmt_bytes(r->matched_bytes, b, sizeof(b)),
			gm_fmt_thousands(r->reached, c, sizeof(c)),
			gm_fmt_thousands(r->matched - r->reached, d, sizeof(d)));
		if (r->traversed)
			fprintf(o, "  %s of them typed by the traversal (types carried along pointers from the "
				   "recorded objects and the typed globals, as heap --by-type); objects it did not "
				   "reach have no type and are not counted\n",
				gm_fmt_thousands(r->matched_traversal, a, sizeof(a)));
		else
			fprintf(o, "  by the types the runtime recorded only (scan objects > 512 B)\n");
	} else if (!r->obj) {
		fprintf(o, "heap --why 0x%" PRIx64 ": not inside an allocated object of the heap\n", r->addr);
	} else {
		fprintf(o, "heap --why 0x%" PRIx64 ": the object at 0x%" PRIx64 " is %s\n", r->addr, r->obj,
			r->reached ? "reached from a root" : "not reached from any root scanned");
	}
	fprintf(o, "the mark: %s of %s allocated objects (%s of %s) reached from %s of globals and %s goroutine "
		   "stacks (%s)%s\n",
		gm_fmt_thousands(r->marked, a, sizeof(a)), gm_fmt_thousands(r->objects, b, sizeof(b)),
		gm_fmt_bytes(r->marked_bytes, c, sizeof(c)), gm_fmt_bytes(r->bytes, d, sizeof(d)),
		gm_fmt_bytes(r->global_bytes, e, sizeof(e)), gm_fmt_thousands(r->goroutines, f, sizeof(f)),
		gm_fmt_bytes(r->stack_bytes, g, sizeof(g)), r->globals_named ? "" : "; globals unnamed (no .symtab)");
	fprintf(o, "  globals by the GC's pointer masks%s; objects with a recorded type by "
		   "its pointer mask (%s), stacks and other objects conservatively (a word that points into an "
		   "allocated object is taken as a pointer); not scanned: finalizer and cleanup specials, the Ms' "
		   "own stacks\n",
		r->globals_precise == 2 ? "" : " (unreadable: conservatively)",
		gm_fmt_thousands(r->objects_precise, a, sizeof(a)));
	for (size_t i = 0; i < r->npaths; i++) {
		const struct gm_why_path *p = &r->paths[i];
		const struct gm_why_step *last = &p->steps[p->nsteps - 1];
		what(w, sizeof(w), last);
		fprintf(o, "\npath to 0x%" PRIx64 " (%s), %zu object%s from a root:\n", last->obj, w, p->nsteps,
			p->nsteps == 1 ? "" : "s");
		text_root(o, p);
		for (size_t k = 0; k < p->nsteps; k++) {
			what(w, sizeof(w), &p->steps[k]);
			if (k + 1 < p->nsteps)
				fprintf(o, "  -> 0x%" PRIx64 " (%s), at +0x%" PRIx64 ":\n", p->steps[k].obj, w,
					p->steps[k].off);
			else
				fprintf(o, "  -> 0x%" PRIx64 " (%s)\n", p->steps[k].obj, w);
		}
	}
	if (r->nunreached) {
		fprintf(o, "\nnot reached from a root (garbage the GC has not freed yet, or held only by what is not "
			   "scanned):");
		for (size_t i = 0; i < r->nunreached; i++)
			fprintf(o, " 0x%" PRIx64, r->unreached[i]);
		fputc('\n', o);
	}
}

void gm_render_heapwhy_json(struct gm_json *j, const struct gm_why_report *r, const struct gm_report_meta *m)
{
	gm_report_json_begin(j, "gomortem.heapwhy", 1, m);
	gm_json_kstring(j, "query", r->query);
	gm_json_kbool(j, "by_type", r->by_type);
	gm_json_kbool(j, "records_types", r->records_types);
	gm_json_kobject(j, "traversal");
	gm_json_kbool(j, "run", r->traversed);
	gm_json_ku64(j, "matched_objects", r->matched_traversal);
	gm_json_ku64(j, "misfits", r->traversal_misfits);
	gm_json_kbool(j, "truncated", r->traversal_truncated);
	gm_json_object_end(j);
	if (r->by_type) {
		gm_json_knull(j, "address");
		gm_json_knull(j, "object");
	} else {
		gm_json_khex(j, "address", r->addr);
		if (r->obj)
			gm_json_khex(j, "object", r->obj);
		else
			gm_json_knull(j, "object");
	}
	gm_json_ku64(j, "matched_objects", r->matched);
	gm_json_ku64(j, "matched_bytes", r->matched_bytes);
	gm_json_ku64(j, "reached_objects", r->reached);
	gm_json_ku64(j, "reached_bytes", r->reached_bytes);
	gm_json_karray(j, "paths");
	for (size_t i = 0; i < r->npaths; i++) {
		const struct gm_why_path *p = &r->paths[i];
		gm_json_object_begin(j);
		gm_json_kobject(j, "root");
		gm_json_kstring(j, "kind", p->kind == GM_WHY_STACK ? "stack" : "global");
		gm_json_khex(j, "word", p->root_word);
		if (p->kind == GM_WHY_STACK) {
			gm_json_ku64(j, "goid", p->goid);
			gm_json_kstring(j, "function", p->root);
		} else {
			if (p->root[0])
				gm_json_kstring(j, "symbol", p->root);
			else
				gm_json_knull(j, "symbol");
			gm_json_ku64(j, "offset", p->root_off);
			gm_json_kstring(j, "section", p->section);
		}
		gm_json_object_end(j);
		gm_json_karray(j, "steps");
		for (size_t k = 0; k < p->nsteps; k++) {
			const struct gm_why_step *s = &p->steps[k];
			gm_json_object_begin(j);
			gm_json_khex(j, "address", s->obj);
			gm_json_ku64(j, "size", s->size);
			if (s->type) {
				gm_json_kstring(j, "type", s->type);
				gm_json_kstring(j, "type_source", s->traversal ? "traversal" : "recorded");
			} else {
				gm_json_knull(j, "type");
				gm_json_knull(j, "type_source");
			}
			gm_json_ku64(j, "size_class", s->sizeclass);
			gm_json_kbool(j, "scan", !s->noscan);
			if (k + 1 < p->nsteps)
				gm_json_ku64(j, "next_offset", s->off);
			else
				gm_json_knull(j, "next_offset");
			gm_json_object_end(j);
		}
		gm_json_array_end(j);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_karray(j, "unreached");
	for (size_t i = 0; i < r->nunreached; i++)
		gm_json_hex(j, r->unreached[i]);
	gm_json_array_end(j);
	gm_json_kobject(j, "mark");
	gm_json_kbool(j, "conservative", true);
	gm_json_ku64(j, "objects", r->objects);
	gm_json_ku64(j, "bytes", r->bytes);
	gm_json_ku64(j, "marked_objects", r->marked);
	gm_json_ku64(j, "marked_bytes", r->marked_bytes);
	gm_json_ku64(j, "global_bytes", r->global_bytes);
	gm_json_kbool(j, "globals_named", r->globals_named);
	gm_json_ku64(j, "globals_precise", r->globals_precise);
	gm_json_ku64(j, "objects_precise", r->objects_precise);
	gm_json_ku64(j, "goroutines", r->goroutines);
	gm_json_ku64(j, "goroutines_unscanned", r->goroutines_unscanned);
	gm_json_ku64(j, "stack_bytes", r->stack_bytes);
	gm_json_ku64(j, "spans", r->spans);
	gm_json_ku64(j, "skipped_spans", r->skipped_spans);
	gm_json_object_end(j);
	if (r->problem[0])
		gm_json_kstring(j, "problem", r->problem);
	else
		gm_json_knull(j, "problem");
	gm_json_object_end(j);
}

/* the report (gm_report_heapwhy) */
static struct gm_error *heapwhy_collect_v(struct gm_session *s, const struct gm_report_opts *opts, void **out)
{
	*out = NULL;
	if (!opts || !opts->why)
		return gm_error_create(GM_ERR_USAGE, "heap --why: TYPE or ADDR missing");
	if (!s->have_layout)
		return gm_error_create(GM_ERR_UNSUPPORTED, "heap --why: the runtime's layout is unknown");
	struct gm_why_report *r = NULL;
	struct gm_error *err = gm_heapwhy_collect(s->target, s->gobin, &s->layout, gm_session_typed_globals(s), opts->why,
						  opts->paths ? opts->paths : 3, &r);
	*out = r;
	return err;
}

static void heapwhy_text_v(FILE *o, const void *r, const struct gm_report_opts *opts)
{
	(void)opts;
	gm_render_heapwhy_text(o, r);
}

static void heapwhy_json_v(struct gm_json *j, const void *r, const struct gm_report_meta *m)
{
	gm_render_heapwhy_json(j, r, m);
}

static const char *heapwhy_problem_v(const void *r)
{
	return ((const struct gm_why_report *)r)->problem;
}

static void heapwhy_destroy_v(void *r)
{
	gm_heapwhy_report_destroy(r);
}

const struct gm_report_ops gm_report_heapwhy = {"heapwhy", heapwhy_collect_v, heapwhy_text_v, heapwhy_json_v,
						heapwhy_problem_v, heapwhy_destroy_v, false};
