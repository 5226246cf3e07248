/* Fuzz target: the heap statistics walker (gm_heap_collect: memstats,
 * heapStats shards, gcController, every P's mcache and its cached spans,
 * mheap_.allspans and each span) and the heap-by-type walker
 * (gm_heaptypes_collect: the object index, allocation bitmaps, malloc
 * headers, largeType and the type descriptors they point to; the profile
 * specials of the spans), and heap --why's mark from the roots
 * (gm_heapwhy_collect: GC programs of .data/.bss, stacks, every scan
 * object), and the proof of goroutine leaks (gm_heapleak_collect: the
 * same mark with held stacks, sudog chains, allp, the specials and the
 * finalizer queue) over a mutated
 * memory image of a corpus core. Input format and regions: fuzz_image.h (the regions are the pages a
 * clean gm_heap_collect reads). */
#include "fuzz_image.h"
#include "gm_heap.h"
#include "gm_heapobj.h"
#include "gm_heapleak.h"
#include "gm_heaptrav.h"
#include "gm_heapwhy.h"

static volatile uint64_t sink;

static void run(struct fi_sample *s)
{
	struct gm_heap_report *r;
	struct gm_error *err = gm_heap_collect(&s->fake, s->gb, &s->layout, &r);
	if (err) {
		fi_check_error(err);
		return;
	}
	if (strnlen(r->problem, sizeof(r->problem)) == sizeof(r->problem))
		abort();
	uint64_t spans = 0;
	for (int i = 1; i < GM_HEAP_NCLASSES; i++) {
		if (r->classes[i].bytes != r->classes[i].objects * r->classes[i].size)
			abort();
		spans += r->classes[i].spans;
	}
	sink += spans + r->sys + r->heap_alloc + r->next_gc + r->large_bytes + r->cached_bytes;
	if (r->now_source)
		sink += strlen(r->now_source);
	gm_heap_report_destroy(r);

	struct gm_heaptypes_report *h;
	/* with the profile specials walked (no profile to join: the join is
	 * the memprof target's bucket walk plus a sort) */
	err = gm_heaptypes_collect_join(&s->fake, s->gb, &s->layout, &s->tg, NULL, "fuzz", &h);
	if (err) {
		fi_check_error(err);
		return;
	}
	if (strnlen(h->problem, sizeof(h->problem)) == sizeof(h->problem))
		abort();
	uint64_t objects = 0, bytes = 0;
	for (size_t i = 0; i < h->nrows; i++) {
		const struct gm_htype_row *w = &h->rows[i];
		if (i && w->bytes > h->rows[i - 1].bytes)
			abort(); /* sorted by bytes */
		if (w->source > GM_HT_UNTYPED ||
		    (w->source != GM_HT_UNTYPED && w->source != GM_HT_TRAVERSAL && !w->type_size) ||
		    (w->source == GM_HT_TRAVERSAL && (w->view >= GM_TV_NVIEWS ||
						      (w->view == GM_TV_ELEM && !w->type_size))))
			abort();
		if (w->name)
			sink += strlen(w->name);
		objects += w->objects;
		bytes += w->bytes;
	}
	if (objects != h->objects || bytes != h->bytes || h->typed_objects + h->trav_objects > objects)
		abort();
	/* totals different from MemStats on an intact walk are said */
	if (h->memstats_known && !h->skipped_spans &&
	    (objects != h->heap_objects || bytes != h->heap_alloc) && !h->problem[0])
		abort();
	if (h->sites_joined || h->sampled_live > objects)
		abort();
	sink += h->nrows + h->bad_headers + h->mid_alloc + h->sampled_stale;
	/* heap --why: by type where types are recorded, and by an address
	 * (the biggest row's first object is not known here: any heap-looking
	 * address will do) */
	char qbuf[256];
	snprintf(qbuf, sizeof(qbuf), "%s", h->nrows && h->rows[0].name ? h->rows[0].name : "0xc000010010");
	const char *q[1] = {qbuf};
	gm_heaptypes_report_destroy(h);
	for (int k = 0; k < 1; k++) {
		struct gm_why_report *w;
		err = gm_heapwhy_collect(&s->fake, s->gb, &s->layout, &s->tg, q[k], 3, &w);
		if (err) {
			fi_check_error(err);
			continue;
		}
		if (strnlen(w->problem, sizeof(w->problem)) == sizeof(w->problem))
			abort();
		if (w->reached > w->matched || w->marked > w->objects || w->marked_bytes > w->bytes ||
		    w->npaths > 3 || w->nunreached > 3 || w->npaths > w->reached || w->globals_precise > 2)
			abort();
		for (size_t i = 0; i < w->npaths; i++) {
			const struct gm_why_path *p = &w->paths[i];
			if (!p->nsteps || !p->root)
				abort();
			for (size_t j = 0; j < p->nsteps; j++) {
				if (p->steps[j].type)
					sink += strlen(p->steps[j].type);
				sink += p->steps[j].obj + p->steps[j].off;
			}
			sink += strlen(p->root);
		}
		gm_heapwhy_report_destroy(w);
	}
	struct gm_leak_report *lr;
	err = gm_heapleak_collect(&s->fake, s->gb, &s->layout, 0, &lr);
	if (err) {
		fi_check_error(err);
		return;
	}
	if (strnlen(lr->problem, sizeof(lr->problem)) == sizeof(lr->problem) || !lr->checked ||
	    lr->leaked > lr->candidates || lr->marked > lr->objects)
		abort();
	for (uint64_t i = 1; i < lr->leaked; i++)
		if (lr->leaked_g[i] <= lr->leaked_g[i - 1])
			abort(); /* sorted, no goroutine twice */
	for (uint64_t i = 0; i < lr->leaked; i++)
		if (!gm_heapleak_is_leaked(lr, lr->leaked_g[i]))
			abort();
	sink += lr->rounds + lr->undecided;
	gm_heapleak_destroy(lr);
}

FI_DEFINE_FUZZER(run)
