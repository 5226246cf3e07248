/* The heap by type (gomortem heap --by-type): objects and bytes per type the
 * runtime recorded, the untyped rest by size class and scan/noscan, and the
 * totals beside MemStats. src/walk/heaptypes.c collects; text and JSON
 * ("gomortem.heap_types", docs/json.md) here. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gm_gotype.h"
#include "gm_heapobj.h"
#include "gm_heaptrav.h"
#include "gm_pbuf.h"
#include "report_ops.h"

#define DEFAULT_TOP 30
#define TEXT_SITES 3 /* allocation sites shown per type in the text */

static struct gm_error *heaptypes_collect(struct gm_session *s, struct gm_heaptypes_report **r)
{
	return gm_heaptypes_collect_sites(s, r);
}

static size_t shown(const struct gm_heaptypes_report *r, const struct gm_report_opts *opts)
{
	long top = opts && opts->top >= 0 ? opts->top : DEFAULT_TOP;
	if (opts && opts->all)
		top = -1;
	return top < 0 || (size_t)top > r->nrows ? r->nrows : (size_t)top;
}

static void heaptypes_json(struct gm_json *j, const struct gm_heaptypes_report *r,
			   const struct gm_report_meta *m)
{
	gm_report_json_begin(j, "gomortem.heap_types", 1, m);
	gm_json_kbool(j, "runtime_records_types", r->records_types);
	gm_json_kstring(j, "recorded", r->recorded);
	gm_json_kobject(j, "totals");
	gm_json_ku64(j, "objects", r->objects);
	gm_json_ku64(j, "bytes", r->bytes);
	gm_json_ku64(j, "typed_objects", r->typed_objects);
	gm_json_ku64(j, "typed_bytes", r->typed_bytes);
	gm_json_ku64(j, "traversal_objects", r->trav_objects);
	gm_json_ku64(j, "traversal_bytes", r->trav_bytes);
	gm_json_object_end(j);
	gm_json_kobject(j, "traversal");
	gm_json_kbool(j, "run", r->traversed);
	gm_json_kstring(j, "note", r->trav_note[0] ? r->trav_note : NULL);
	gm_json_ku64(j, "seeds", r->trav_seeds);
	gm_json_ku64(j, "roots", r->trav_roots);
	gm_json_ku64(j, "finalizers", r->trav_fin_seeds);
	gm_json_ku64(j, "stack_slots", r->trav_stack_roots);
	gm_json_ku64(j, "stack_slots_dead", r->trav_stack_dead);
	gm_json_kstring(j, "stack_note", r->stack_note[0] ? r->stack_note : NULL);
	gm_json_ku64(j, "misfits", r->trav_misfits);
	gm_json_kbool(j, "truncated", r->trav_truncated);
	gm_json_object_end(j);
	if (r->memstats_known) {
		gm_json_kobject(j, "memstats");
		gm_json_ku64(j, "HeapObjects", r->heap_objects);
		gm_json_ku64(j, "HeapAlloc", r->heap_alloc);
		gm_json_object_end(j);
		gm_json_kbool(j, "totals_equal_memstats",
			      r->objects == r->heap_objects && r->bytes == r->heap_alloc);
	} else {
		gm_json_knull(j, "memstats");
		gm_json_knull(j, "totals_equal_memstats");
	}
	gm_json_kobject(j, "spans");
	gm_json_ku64(j, "in_use", r->spans);
	gm_json_ku64(j, "skipped", r->skipped_spans);
	gm_json_object_end(j);
	gm_json_ku64(j, "bad_records", r->bad_headers);
	gm_json_ku64(j, "records_not_yet_written", r->mid_alloc);
	gm_json_kobject(j, "profile");
	gm_json_kbool(j, "joined", r->sites_joined);
	gm_json_kstring(j, "note", r->sites_note[0] ? r->sites_note : NULL);
	gm_json_ki64(j, "rate", r->profile_rate);
	gm_json_ku64(j, "sampled_live", r->sampled_live);
	gm_json_ku64(j, "sampled_no_bucket", r->sampled_no_bucket);
	gm_json_ku64(j, "sampled_on_free_slots", r->sampled_stale);
	gm_json_object_end(j);
	gm_json_ku64(j, "rows_total", r->nrows);
	gm_json_karray(j, "rows");
	size_t n = r->nrows; /* every row: --top is for the text */
	for (size_t i = 0; i < n; i++) {
		const struct gm_htype_row *w = &r->rows[i];
		gm_json_object_begin(j);
		gm_json_kstring(j, "source", gm_htype_source_names[w->source]);
		bool trav = w->source == GM_HT_TRAVERSAL;
		gm_json_kstring(j, "view", trav ? gm_trav_view_names[w->view] : NULL);
		if (w->source == GM_HT_HEADER || w->source == GM_HT_LARGETYPE ||
		    (trav && w->view != GM_TV_STRING && w->view != GM_TV_CLOSURE)) {
			gm_json_khex(j, "type", w->type);
			gm_json_kstring(j, "name", w->name);
			gm_json_kstring(j, "kind", gm_gotype_kind_name(w->kind));
		} else if (trav && w->view == GM_TV_CLOSURE) {
			gm_json_knull(j, "type");
			gm_json_kstring(j, "name", w->name);
			gm_json_kstring(j, "kind", gm_gotype_kind_name(w->kind));
		} else {
			gm_json_knull(j, "type");
			gm_json_knull(j, "name");
			gm_json_knull(j, "kind");
		}
		if (w->source == GM_HT_UNTYPED) {
			gm_json_ku64(j, "size_class", w->sizeclass);
			gm_json_kbool(j, "scan", !w->noscan);
			gm_json_knull(j, "type_size");
			gm_json_knull(j, "elements");
		} else if (trav) {
			gm_json_knull(j, "size_class");
			gm_json_knull(j, "scan");
			if (w->view == GM_TV_ELEM) {
				gm_json_ku64(j, "type_size", w->type_size);
				gm_json_ku64(j, "elements", w->elems);
			} else {
				gm_json_knull(j, "type_size");
				gm_json_knull(j, "elements");
			}
		} else {
			gm_json_knull(j, "size_class");
			gm_json_kbool(j, "scan", true);
			gm_json_ku64(j, "type_size", w->type_size);
			gm_json_ku64(j, "elements", w->elems);
		}
		gm_json_ku64(j, "objects", w->objects);
		gm_json_ku64(j, "bytes", w->bytes);
		gm_json_karray(j, "sites");
		for (uint32_t k = 0; k < w->nsites; k++) {
			const struct gm_htype_site *st = &w->sites[k];
			gm_json_object_begin(j);
			gm_json_kstring(j, "function", st->function);
			gm_json_kstring(j, "file", st->file);
			gm_json_ki64(j, "line", st->line);
			gm_json_ku64(j, "sampled", st->sampled);
			gm_json_ki64(j, "inuse_objects", st->est_objects);
			gm_json_ki64(j, "inuse_space", st->est_bytes);
			gm_json_object_end(j);
		}
		gm_json_array_end(j);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_kstring(j, "problem", r->problem[0] ? r->problem : NULL);
	gm_json_object_end(j);
}

static double pct(uint64_t a, uint64_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

static void heaptypes_text(FILE *o, const struct gm_heaptypes_report *r,
			   const struct gm_report_opts *opts)
{
	fprintf(o, "heap by type: %" PRIu64 " objects, %" PRIu64 " bytes in %" PRIu64
		   " in-use spans\n",
		r->objects, r->bytes, r->spans);
	fprintf(o, "the runtime records: %s\n", r->recorded);
	fprintf(o, "typed by that record: %" PRIu64 " objects (%.1f%%), %" PRIu64 " bytes (%.1f%%)\n",
		r->typed_objects, pct(r->typed_objects, r->objects), r->typed_bytes,
		pct(r->typed_bytes, r->bytes));
	if (r->traversed)
		fprintf(o, "typed by the traversal (from %" PRIu64 " recorded objects, %" PRIu64
			   " objects with a finalizer, %" PRIu64 " typed globals and %" PRIu64 " typed stack slots): %" PRIu64
			   " objects (%.1f%%), %" PRIu64 " bytes (%.1f%%)%s%s\n",
			r->trav_seeds, r->trav_fin_seeds, r->trav_roots, r->trav_stack_roots, r->trav_objects, pct(r->trav_objects, r->objects), r->trav_bytes,
			pct(r->trav_bytes, r->bytes), r->trav_note[0] ? "; " : "", r->trav_note);
	else
		fprintf(o, "traversal: %s\n", r->trav_note);
	if (!r->memstats_known)
		fputs("MemStats: unknown\n", o);
	else if (r->objects == r->heap_objects && r->bytes == r->heap_alloc)
		fprintf(o, "totals equal MemStats: HeapObjects %" PRIu64 ", HeapAlloc %" PRIu64
			   " (after ReadMemStats's mcache flush; a tiny-allocator block is one "
			   "object)\n",
			r->heap_objects, r->heap_alloc);
	else
		fprintf(o, "totals differ from MemStats: HeapObjects %" PRIu64 ", HeapAlloc %" PRIu64
			   " (%+" PRId64 " objects, %+" PRId64 " bytes here)\n",
			r->heap_objects, r->heap_alloc, (int64_t)(r->objects - r->heap_objects),
			(int64_t)(r->bytes - r->heap_alloc));
	if (r->skipped_spans)
		fprintf(o, "%" PRIu64 " damaged spans skipped (their objects are not counted)\n",
			r->skipped_spans);
	if (r->mid_alloc)
		fprintf(o, "%" PRIu64 " objects whose type record is not written yet (an allocation "
			   "in progress): counted untyped\n",
			r->mid_alloc);
	if (r->sites_joined)
		fprintf(o, "allocation sites: %" PRIu64 " live sampled objects of the heap profile "
			   "(MemProfileRate %" PRId64 ") joined with their types%s\n",
			r->sampled_live, r->profile_rate,
			r->sampled_no_bucket ? " (some without a bucket in the profile)" : "");
	else if (r->sites_note[0])
		fprintf(o, "allocation sites: none (%s)\n", r->sites_note);
	fputs("\n     objects           bytes  share  source     elems  type\n", o);
	size_t n = shown(r, opts);
	for (size_t i = 0; i < n; i++) {
		const struct gm_htype_row *w = &r->rows[i];
		char b[160], e[24] = "-";
		if (w->source != GM_HT_UNTYPED && w->type_size)
			snprintf(e, sizeof(e), "%" PRIu64, w->elems);
		fprintf(o, "  %10" PRIu64 "  %14" PRIu64 "  %4.1f%%  %-9s  %5s  %s\n", w->objects,
			w->bytes, pct(w->bytes, r->bytes), gm_htype_source_names[w->source], e,
			gm_htype_row_label(w, b, sizeof(b)));
		for (uint32_t k = 0; k < w->nsites && k < TEXT_SITES; k++) {
			const struct gm_htype_site *st = &w->sites[k];
			fprintf(o, "  %10s  %14s         from %s (%s:%d): %" PRIu64 " sampled, ~%" PRId64
				   " objects ~%" PRId64 " B in use\n",
				"", "", st->function[0] ? st->function : "?", st->file[0] ? st->file : "?",
				st->line, st->sampled, st->est_objects, st->est_bytes);
		}
		if (w->nsites > TEXT_SITES)
			fprintf(o, "  %10s  %14s         (%u more sites: --format json)\n", "", "",
				w->nsites - TEXT_SITES);
	}
	if (n < r->nrows) {
		uint64_t ro = 0, rb = 0;
		for (size_t i = n; i < r->nrows; i++)
			ro += r->rows[i].objects, rb += r->rows[i].bytes;
		fprintf(o, "  %10" PRIu64 "  %14" PRIu64 "  %4.1f%%  (%zu more rows: --top N, --all)\n",
			ro, rb, pct(rb, r->bytes), r->nrows - n);
	}
}

/* ---- heap --by-type --format pprof ----
 * A profile.proto (gzipped) with sample types objects/count and
 * space/bytes and one sample per row: its one location is a pseudo-frame
 * whose function is the row's name as the text shows it (the type, or the
 * untyped size class), as heap-by-type histograms are usually handed to
 * pprof; a string label `source` (header, largeType, gcprog, traversal, untyped). The
 * samples' sums are the report's totals. The rows the type shares (one
 * type as header and largeType) merge in pprof by function name. */
static uint64_t pp_sid(struct gm_strtab *t, const char *s, bool *oom)
{
	int64_t id = gm_strtab_id(t, s ? s : "");
	if (id < 0)
		*oom = true;
	return id < 0 ? 0 : (uint64_t)id;
}

int gm_heaptypes_write_pprof(const struct gm_heaptypes_report *r, FILE *out)
{
	struct gm_strtab t = {0};
	struct gm_pbuf pb = {0}, m = {0}, m2 = {0};
	bool oom = false;
	pp_sid(&t, "", &oom);
	static const char *const vt[2][2] = {{"objects", "count"}, {"space", "bytes"}};
	for (int k = 0; k < 2; k++) {
		gm_pbuf_field_varint(&m, 1, pp_sid(&t, vt[k][0], &oom));
		gm_pbuf_field_varint(&m, 2, pp_sid(&t, vt[k][1], &oom));
		gm_pbuf_field_msg(&pb, 1, &m); /* sample_type */
	}
	for (size_t i = 0; i < r->nrows; i++) {
		const struct gm_htype_row *w = &r->rows[i];
		gm_pbuf_varint(&m2, i + 1);
		gm_pbuf_field_msg(&m, 1, &m2); /* location_id */
		gm_pbuf_varint(&m2, w->objects);
		gm_pbuf_varint(&m2, w->bytes);
		gm_pbuf_field_msg(&m, 2, &m2); /* value */
		gm_pbuf_field_varint(&m2, 1, pp_sid(&t, "source", &oom));
		gm_pbuf_field_varint(&m2, 2, pp_sid(&t, gm_htype_source_names[w->source], &oom));
		gm_pbuf_field_msg(&m, 3, &m2); /* label */
		gm_pbuf_field_msg(&pb, 2, &m);
	}
	for (size_t i = 0; i < r->nrows; i++) {
		gm_pbuf_field_varint(&m, 1, i + 1);     /* location id */
		gm_pbuf_field_varint(&m2, 1, i + 1);    /* line: function id */
		gm_pbuf_field_msg(&m, 4, &m2);
		gm_pbuf_field_msg(&pb, 4, &m);
	}
	struct gm_arena names; /* the table borrows its strings: the built names live here */
	gm_arena_init(&names);
	for (size_t i = 0; i < r->nrows; i++) {
		char b[160];
		const char *name = gm_htype_row_label(&r->rows[i], b, sizeof(b));
		if (name == b && !(name = gm_arena_strdup(&names, b)))
			oom = true, name = "";
		gm_pbuf_field_varint(&m, 1, i + 1);
		gm_pbuf_field_varint(&m, 2, pp_sid(&t, name, &oom));
		gm_pbuf_field_varint(&m, 3, pp_sid(&t, name, &oom));
		gm_pbuf_field_msg(&pb, 5, &m);
	}
	gm_pbuf_field_varint(&pb, 14, pp_sid(&t, "space", &oom)); /* default_sample_type */
	for (size_t i = 0; i < t.n; i++)
		gm_pbuf_field_bytes(&pb, 6, t.v[i], strlen(t.v[i]));
	int rc = oom ? -1 : gm_pbuf_write_gzip(&pb, out);
	gm_pbuf_free(&pb);
	gm_pbuf_free(&m);
	gm_pbuf_free(&m2);
	gm_strtab_free(&t);
	gm_arena_deinit(&names);
	return rc;
}

GM_REPORT_OPS(heaptypes, struct gm_heaptypes_report, gm_heaptypes_report_destroy);
