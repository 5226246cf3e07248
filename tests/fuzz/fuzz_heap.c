/* Fuzz target: the heap statistics walker (gm_heap_collect: memstats,
 * heapStats shards, gcController, every P's mcache and its cached spans,
 * mheap_.allspans and each span) over a mutated memory image of a corpus
 * core. Input format and regions: fuzz_image.h (the regions are the pages a
 * clean gm_heap_collect reads). */
#include "fuzz_image.h"
#include "gm_heap.h"

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
}

FI_DEFINE_FUZZER(run)
