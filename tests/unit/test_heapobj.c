/* Unit tests for the object index (gm_heapobj): in-use spans of a fake
 * mheap_.allspans (Go 1.22 layout from the gorts table), allocated slots
 * from freeindex + allocBits, address lookup, damaged spans skipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gm_heapobj.h"
#include "gm_layout.h"
#include "gm_memsrc.h"

#define VA 0x10000ull
#define MHEAP 0x10000ull
#define ALLSPANS 0x30000ull
#define SPAN(i) (0x31000ull + 0x200ull * (i))
#define BITS(i) (0x38000ull + 0x100ull * (i))

static uint8_t img[0x30000];

static void put(uint64_t a, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		img[a - VA + (uint64_t)i] = (uint8_t)(v >> (8 * i));
}

static void span(const struct gm_layout *l, int i, uint64_t base, uint64_t npages, unsigned cls,
		 bool noscan, uint64_t elemsize, unsigned nelems, unsigned freeindex,
		 unsigned alloccount)
{
	uint64_t s = SPAN(i);
	put(s + (uint64_t)l->mspan_startaddr, base, 8);
	put(s + (uint64_t)l->mspan_npages, npages, 8);
	put(s + (uint64_t)l->mspan_elemsize, elemsize, 8);
	put(s + (uint64_t)l->mspan_state, (uint64_t)l->mspan_inuse, 1);
	put(s + (uint64_t)l->mspan_spanclass, cls << 1 | noscan, 1);
	put(s + (uint64_t)l->mspan_alloccount, alloccount, 2);
	put(s + (uint64_t)l->mspan_nelems, nelems, 2);
	put(s + (uint64_t)l->mspan_freeindex, freeindex, 2);
	put(s + (uint64_t)l->mspan_allocbits, BITS(i), 8);
}

static void index_of_fake_heap(void **state)
{
	(void)state;
	const struct gm_layout *t = gm_layout_gorts_table(22);
	assert_non_null(t);
	struct gm_layout l = *t;
	l.mheap = MHEAP;
	memset(img, 0, sizeof(img));
	put(MHEAP + (uint64_t)l.mheap_allspans, ALLSPANS, 8);
	put(MHEAP + (uint64_t)l.mheap_allspans + 8, 5, 8);
	for (int i = 0; i < 5; i++)
		put(ALLSPANS + 8u * (unsigned)i, i == 4 ? 0 : SPAN(i), 8);
	/* 0: 16-byte objects, slots 0-2 below freeindex, 10 and 511 marked,
	 * slot 1 both (counted once) */
	span(&l, 0, 0x100000, 1, 2, false, 16, 512, 3, 5);
	put(BITS(0), 0x02, 1);
	put(BITS(0) + 1, 0x04, 1);
	put(BITS(0) + 63, 0x80, 1);
	/* 1: a large object, listed before span 0's address (sorted) */
	span(&l, 1, 0x0e0000, 5, 0, false, 5 * 8192, 1, 1, 1);
	put(BITS(1), 0x01, 1);
	/* 2: damaged: 0 elements of size 0 */
	span(&l, 2, 0x300000, 1, 3, true, 0, 0, 0, 0);
	/* 3: not in use */
	put(SPAN(3) + (uint64_t)l.mspan_state, 0, 1);

	struct gm_memsrc *m;
	assert_null(gm_memsrc_create(&m));
	assert_null(gm_memsrc_add(m, VA, sizeof(img), sizeof(img), img, 0, GM_SEG_TEST));
	struct gm_heapobj *h;
	assert_null(gm_heapobj_build(m, &l, &h));
	assert_int_equal(h->n, 2);
	assert_int_equal(h->skipped, 1);
	assert_non_null(strstr(h->problem, "span 0x"));
	assert_true(h->spans[0].base < h->spans[1].base);

	uint32_t slot = 99;
	const struct gm_hspan *s = gm_heapobj_find(h, 0x100000 + 16 * 10 + 3, &slot);
	assert_non_null(s);
	assert_int_equal(s->base, 0x100000);
	assert_int_equal(slot, 10);
	s = gm_heapobj_find(h, 0x0e0000 + 5 * 8192 - 1, &slot);
	assert_non_null(s);
	assert_int_equal(slot, 0);
	assert_null(gm_heapobj_find(h, 0x100000 + 512 * 16, &slot)); /* past the last slot */
	assert_null(gm_heapobj_find(h, 0x1000, &slot));
	assert_null(gm_heapobj_find(h, 0x0e0000 + 5 * 8192, &slot)); /* the gap */

	uint8_t bits[8192];
	s = gm_heapobj_find(h, 0x100000, NULL);
	assert_int_equal(gm_heapobj_alloc_bits(h, s, bits), 5);
	assert_int_equal(bits[0], 0x07);
	assert_int_equal(bits[1], 0x04);
	assert_int_equal(bits[63], 0x80);
	s = gm_heapobj_find(h, 0x0e0000, NULL);
	assert_int_equal(gm_heapobj_alloc_bits(h, s, bits), 1);

	/* an unreadable bitmap (the mspan's allocBits, read when needed) */
	put(s->mspan + (uint64_t)l.mspan_allocbits, 0xdead0000, 8);
	assert_int_equal(gm_hspan_allocbits(h, s), 0xdead0000);
	assert_int_equal(gm_heapobj_alloc_bits(h, s, bits), -1);
	/* and an unreadable mspan */
	struct gm_hspan bad = *s;
	bad.mspan = 0xdead0000;
	assert_int_equal(gm_hspan_allocbits(h, &bad), 0);
	assert_int_equal(gm_heapobj_alloc_bits(h, &bad, bits), -1);
	gm_heapobj_destroy(h);

	/* allspans absurdly long: an error, not a walk */
	put(MHEAP + (uint64_t)l.mheap_allspans + 8, 1ull << 40, 8);
	struct gm_error *e = gm_heapobj_build(m, &l, &h);
	assert_non_null(e);
	gm_error_destroy(e);
	gm_memsrc_destroy(m);
}

/* The specials' order (gm_special_order_ok) with the Go 1.27 kinds: sorted
 * by (offset, kind); the same (offset, kind) again only for cleanups and
 * check-finalizer records (AddCleanup may attach several to one pointer);
 * cycles caught, whatever their kind. */
static bool order_of(const struct gm_layout *l, const uint64_t *sp, const uint64_t *off, const int *kind,
		     size_t n)
{
	struct gm_special_order o = {0};
	for (size_t i = 0; i < n; i++)
		if (!gm_special_order_ok(&o, l, sp[i], off[i], (uint8_t)kind[i]))
			return false;
	return true;
}

static void special_order(void **state)
{
	(void)state;
	const struct gm_layout *l = gm_layout_gorts_table(27);
	assert_non_null(l);
	assert_true(l->kind_cleanup >= 0 && l->kind_finalizer >= 0 && l->kind_checkfinalizer >= 0);
	int fin = l->kind_finalizer, cl = l->kind_cleanup, prof = l->kind_profile;
	const uint64_t sp[] = {0x1000, 0x2000, 0x3000, 0x4000, 0x5000};
	/* sorted: offsets up, and kinds up at one offset */
	assert_true(order_of(l, sp, (const uint64_t[]){0, 64, 64, 128}, (const int[]){fin, fin, prof, cl}, 4));
	/* three cleanups on one pointer, then a later object */
	assert_true(order_of(l, sp, (const uint64_t[]){64, 64, 64, 128}, (const int[]){cl, cl, cl, fin}, 4));
	/* GODEBUG=checkfinalizers=1 (1.25+): a check record per cleanup, so
	 * they repeat too */
	int chk = l->kind_checkfinalizer;
	assert_true(order_of(l, sp, (const uint64_t[]){64, 64, 64, 64}, (const int[]){cl, cl, chk, chk}, 4));
	/* two finalizers on one object: damage */
	assert_false(order_of(l, sp, (const uint64_t[]){64, 64}, (const int[]){fin, fin}, 2));
	/* offsets going down, kinds going down at one offset */
	assert_false(order_of(l, sp, (const uint64_t[]){128, 64}, (const int[]){fin, fin}, 2));
	assert_false(order_of(l, sp, (const uint64_t[]){64, 64}, (const int[]){cl, fin}, 2));
	/* a record that points at itself, as a cleanup */
	assert_false(order_of(l, (const uint64_t[]){0x1000, 0x1000}, (const uint64_t[]){64, 64},
			      (const int[]){cl, cl}, 2));
	/* a cycle of 5 cleanups at one offset: caught within a few laps */
	struct gm_special_order o = {0};
	size_t steps = 0;
	while (steps < 100 && gm_special_order_ok(&o, l, sp[steps % 5], 64, (uint8_t)cl))
		steps++;
	assert_true(steps >= 5 && steps < 20);
	/* a long honest run of cleanups is no cycle */
	struct gm_special_order o2 = {0};
	for (uint64_t i = 0; i < 100000; i++)
		assert_true(gm_special_order_ok(&o2, l, 0x100000 + i * 48, 64, (uint8_t)cl));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(index_of_fake_heap),
		cmocka_unit_test(special_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
