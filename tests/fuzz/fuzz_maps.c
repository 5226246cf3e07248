/* Fuzz target: the memory map (gm_maps_collect: heap arenas from
 * mheap_.allArenas/heapArenas and mheap_.arenas, classification of every
 * mapping, the heap statistics it subtracts) over a mutated memory image of
 * a corpus core. Input format and regions: fuzz_image.h. */
#include "fuzz_image.h"
#include "gm_maps.h"

static volatile uint64_t sink;

static void run(struct fi_sample *s)
{
	struct gm_maps_report *r;
	struct gm_error *err = gm_maps_collect(&s->fake, s->gb, &s->layout, NULL, &r);
	if (err) {
		fi_check_error(err);
		return;
	}
	if (strnlen(r->problem, sizeof(r->problem)) == sizeof(r->problem))
		abort();
	if (r->n && !r->v)
		abort();
	uint64_t bytes[GM_MAP_NCLASSES] = {0};
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_map_region *g = &r->v[i];
		if (g->start >= g->end || (unsigned)g->cls >= GM_MAP_NCLASSES)
			abort();
		if (i && g->start < r->v[i - 1].end)
			abort(); /* by address, no overlaps */
		bytes[g->cls] += g->end - g->start;
		if (g->path)
			sink += strlen(g->path);
		sink += strlen(gm_map_class_names[g->cls]);
	}
	for (int k = 0; k < GM_MAP_NCLASSES; k++)
		if (bytes[k] != r->bytes[k])
			abort(); /* the totals are the regions' */
	sink += r->arenas + r->mapped + (uint64_t)r->unaccounted + r->go_offheap;
	gm_maps_report_destroy(r);
}

FI_DEFINE_FUZZER(run)
