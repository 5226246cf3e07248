/* The goroutine walker's pprof labels (src/walk/gwalk_internal.h): g.labels,
 * a map[string]string read through the map reader (gm_gomap). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_gomap.h"
#include "gm_out.h"
#include "gwalk_internal.h"

/* ---- labels ---- */

static bool read_gostring(struct gm_gwalk *w, uint64_t hdr, const char **s, size_t *len)
{
	uint8_t b[16];
	if (!gm_memsrc_try_read(w->mem, hdr, b, 16))
		return false;
	uint64_t p = gm_rd64(b), n = gm_rd64(b + 8);
	if (n > MAX_LABEL_LEN)
		return false;
	char *c = gm_arena_alloc(&w->scratch, n + 1);
	if (!c || (n && !gm_memsrc_try_read(w->mem, p, c, n)))
		return false;
	c[n] = 0;
	*s = c;
	*len = n;
	return true;
}

static void add_label(struct gm_gwalk *w, uint64_t kaddr, uint64_t vaddr)
{
	struct gm_goroutine *r = &w->rec;
	if (r->nlabels >= MAX_LABELS)
		return;
	struct gm_label lb;
	/* both, even when the key fails: a live plan's reader (gwalk_plan.c)
	 * then asks for both in the same pass */
	bool k = read_gostring(w, kaddr, &lb.key, &lb.klen);
	if (!read_gostring(w, vaddr, &lb.value, &lb.vlen) || !k)
		return;
	if (r->nlabels == w->labels_cap) {
		/* grown from a few (a goroutine has one or two labels, and a
		 * zeroed array of MAX_LABELS for each cost more than the rest) */
		size_t nc = w->labels_cap ? w->labels_cap * 2 : 4;
		struct gm_label *nl = gm_arena_alloc(&w->scratch, (nc < MAX_LABELS ? nc : MAX_LABELS) * sizeof(*nl));
		if (!nl)
			return;
		if (r->nlabels)
			memcpy(nl, r->labels, r->nlabels * sizeof(*nl));
		r->labels = nl;
		w->labels_cap = nc < MAX_LABELS ? nc : MAX_LABELS;
	}
	r->labels[r->nlabels++] = lb;
}

static int label_cmp(const void *a, const void *b)
{
	const struct gm_label *x = a, *y = b;
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, n);
	return c ? c : (x->klen > y->klen) - (x->klen < y->klen);
}

static int label_entry(void *ctx, uint64_t key_addr, uint64_t elem_addr)
{
	struct gm_gwalk *w = ctx;
	add_label(w, key_addr, elem_addr);
	return w->rec.nlabels >= MAX_LABELS;
}

/* map[string]string (Go <= 1.23: labelMap is a map, always in the hmap
 * layout, since Swiss maps came with 1.24, when labelMap became a slice),
 * through the map reader. */
static void labels_from_map(struct gm_gwalk *w, uint64_t hmap)
{
	struct gm_maptype mt;
	struct gm_gomap_stats st;
	struct gm_error *err = gm_maptype_synth(GM_MAP_HMAP, 16, 8, 16, 8, &mt);
	if (!err)
		err = gm_gomap_foreach(w->mem, &mt, hmap, MAX_LABELS * 4, label_entry, w, &st);
	gm_error_destroy(err); /* labels are best effort: what was read is kept */
}

void gm_gwalk__read_labels(struct gm_gwalk *w, const uint8_t *g)
{
	struct gm_goroutine *r = &w->rec;
	uint64_t lp = gfield64(w, g, w->l->g_labels);
	w->labels_cap = 0;
	if (!lp)
		return;
	if (w->l->labels_kind == GM_LABELS_MAP) {
		uint64_t hmap;
		if (gm_memsrc_u64(w->mem, lp, &hmap) && hmap)
			labels_from_map(w, hmap);
		if (r->nlabels > 1)
			qsort(r->labels, r->nlabels, sizeof(*r->labels), label_cmp);
	} else {
		uint8_t sl[16];
		if (!gm_memsrc_try_read(w->mem, lp, sl, 16))
			return;
		uint64_t p = gm_rd64(sl), n = gm_rd64(sl + 8);
		if (n > MAX_LABELS)
			n = MAX_LABELS;
		for (uint64_t i = 0; i < n; i++)
			add_label(w, p + i * 32, p + i * 32 + 16);
	}
}
