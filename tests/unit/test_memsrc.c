/* Unit tests for gm_memsrc: priorities, overlaps, gaps, not-saved tails,
 * cross-segment reads, faults, zero-copy pointers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "gm_memsrc.h"

static uint8_t A[0x100], B[0x100], C[0x100], D[0x200];

static void fill(void)
{
	for (int i = 0; i < 0x100; i++) {
		A[i] = 0xa0 ^ (uint8_t)i;
		B[i] = 0xb0 ^ (uint8_t)i;
		C[i] = 0xc0 ^ (uint8_t)i;
	}
	for (int i = 0; i < 0x200; i++)
		D[i] = (uint8_t)(i * 7);
}

static struct gm_memsrc *mk(void)
{
	struct gm_memsrc *m;
	assert_null(gm_memsrc_create(&m));
	assert_non_null(m);
	return m;
}

static void add(struct gm_memsrc *m, uint64_t va, uint64_t memsz, uint64_t filesz,
		const uint8_t *d, int prio)
{
	struct gm_error *e = gm_memsrc_add(m, va, memsz, filesz, d, prio, GM_SEG_TEST);
	assert_null(e);
}

static void expect_fault(struct gm_memsrc *m, uint64_t addr, size_t len, uint64_t bad,
			 const char *substr)
{
	uint8_t buf[64];
	assert_true(len <= sizeof(buf));
	struct gm_error *e = gm_memsrc_read(m, addr, buf, len);
	assert_non_null(e);
	assert_int_equal(e->code, GM_ERR_FAULT);
	assert_int_equal(e->addr, bad);
	if (substr && !strstr(e->msg, substr))
		fail_msg("message '%s' lacks '%s'", e->msg, substr);
	gm_error_destroy(e);
	assert_false(gm_memsrc_try_read(m, addr, buf, len));
}

static void test_empty(void **state)
{
	(void)state;
	struct gm_memsrc *m = mk();
	uint64_t v;
	assert_false(gm_memsrc_u64(m, 0x1000, &v));
	assert_null(gm_memsrc_ptr(m, 0x1000, 1));
	assert_null(gm_memsrc_segment_at(m, 0x1000));
	expect_fault(m, 0x1000, 8, 0x1000, "not mapped");
	assert_int_equal(gm_memsrc_nsegments(m), 0);
	gm_memsrc_destroy(m);
	gm_memsrc_destroy(NULL);
}

static void test_basic_and_gaps(void **state)
{
	(void)state;
	fill();
	struct gm_memsrc *m = mk();
	add(m, 0x2000, 0x100, 0x100, B, 0);
	add(m, 0x1000, 0x100, 0x100, A, 0); /* out of order on purpose */
	assert_int_equal(gm_memsrc_nsegments(m), 2);
	assert_int_equal(gm_memsrc_segment(m, 0)->vaddr, 0x1000); /* sorted */
	assert_int_equal(gm_memsrc_segment(m, 1)->vaddr, 0x2000);
	assert_null(gm_memsrc_segment(m, 2));

	uint64_t v;
	assert_true(gm_memsrc_u64(m, 0x1008, &v));
	uint64_t want;
	memcpy(&want, A + 8, 8);
	assert_int_equal(v, want);
	assert_true(gm_memsrc_u64(m, 0x20f8, &v)); /* last 8 bytes */
	memcpy(&want, B + 0xf8, 8);
	assert_int_equal(v, want);
	assert_false(gm_memsrc_u64(m, 0x20f9, &v)); /* runs off the end */
	expect_fault(m, 0x20f9, 8, 0x2100, "not mapped");
	expect_fault(m, 0x1800, 4, 0x1800, "not mapped"); /* in the gap */
	expect_fault(m, 0xfff, 2, 0xfff, NULL);          /* before the first */
	uint32_t w;
	assert_true(gm_memsrc_u32(m, 0x10fc, &w));
	uint8_t b;
	assert_true(gm_memsrc_u8(m, 0x10ff, &b));
	assert_int_equal(b, A[0xff]);
	assert_false(gm_memsrc_u8(m, 0x1100, &b));

	/* reads that jump around still work with the cached piece */
	for (int i = 0; i < 1000; i++) {
		uint64_t a = (i & 1) ? 0x1000 + (uint64_t)(i % 0xf8) : 0x2000 + (uint64_t)(i % 0xf8);
		assert_true(gm_memsrc_u64(m, a, &v));
		memcpy(&want, ((i & 1) ? A : B) + (i % 0xf8), 8);
		assert_int_equal(v, want);
	}
	/* wrap-around is refused */
	assert_false(gm_memsrc_try_read(m, UINT64_MAX - 2, &v, 8));
	struct gm_error *e = gm_memsrc_read(m, UINT64_MAX - 2, &v, 8);
	assert_non_null(e);
	gm_error_destroy(e);
	/* zero-length */
	assert_true(gm_memsrc_try_read(m, 0x5000, NULL, 0));
	assert_null(gm_memsrc_read(m, 0x5000, NULL, 0));
	gm_memsrc_destroy(m);
}

static void test_priority_overlap(void **state)
{
	(void)state;
	fill();
	struct gm_memsrc *m = mk();
	add(m, 0x1000, 0x100, 0x100, A, 1);   /* low prio, whole range */
	add(m, 0x1040, 0x40, 0x40, B, 10);    /* high prio in the middle */
	add(m, 0x1080, 0x40, 0x40, C, 0);     /* lower than A: hidden */
	uint8_t buf[0x100];
	assert_null(gm_memsrc_read(m, 0x1000, buf, 0x100));
	assert_memory_equal(buf, A, 0x40);
	assert_memory_equal(buf + 0x40, B, 0x40);
	assert_memory_equal(buf + 0x80, A + 0x80, 0x80);
	assert_ptr_equal(gm_memsrc_segment_at(m, 0x1050)->data, B);
	assert_ptr_equal(gm_memsrc_segment_at(m, 0x1090)->data, A);

	/* equal priority: the later one wins */
	add(m, 0x10f0, 0x10, 0x10, C + 0x10, 1);
	assert_null(gm_memsrc_read(m, 0x10f0, buf, 0x10));
	assert_memory_equal(buf, C + 0x10, 0x10);
	/* ...and a later one with lower prio does not */
	add(m, 0x1000, 0x10, 0x10, C, 0);
	assert_null(gm_memsrc_read(m, 0x1000, buf, 0x10));
	assert_memory_equal(buf, A, 0x10);

	/* zero copy only within one piece */
	assert_ptr_equal(gm_memsrc_ptr(m, 0x1010, 0x30), A + 0x10);
	assert_null(gm_memsrc_ptr(m, 0x1030, 0x20)); /* crosses A -> B */
	assert_ptr_equal(gm_memsrc_ptr(m, 0x1040, 0x40), B);
	assert_ptr_equal(gm_memsrc_ptr(m, 0x1080, 0x70), A + 0x80);
	gm_memsrc_destroy(m);
}

static void test_not_saved(void **state)
{
	(void)state;
	fill();
	struct gm_memsrc *m = mk();
	/* core-like segment: only the first 0x40 of 0x100 bytes saved */
	struct gm_error *e = gm_memsrc_add(m, 0x4000, 0x100, 0x40, A, 10, GM_SEG_CORE);
	assert_null(e);
	expect_fault(m, 0x4038, 16, 0x4040, "not saved in core");
	assert_null(gm_memsrc_ptr(m, 0x4038, 16));
	uint64_t v;
	assert_false(gm_memsrc_u64(m, 0x4080, &v));
	assert_non_null(gm_memsrc_segment_at(m, 0x4080)); /* mapped, just not saved */
	expect_fault(m, 0x4100, 1, 0x4100, "not mapped");

	/* exe-like fallback below it serves the tail, not the saved head */
	e = gm_memsrc_add(m, 0x4000, 0xc0, 0xc0, D, 1, GM_SEG_EXE);
	assert_null(e);
	uint8_t buf[0x100];
	assert_null(gm_memsrc_read(m, 0x4000, buf, 0xc0));
	assert_memory_equal(buf, A, 0x40);
	assert_memory_equal(buf + 0x40, D + 0x40, 0x80);
	assert_true(gm_memsrc_u64(m, 0x4040, &v));
	uint64_t want;
	memcpy(&want, D + 0x40, 8);
	assert_int_equal(v, want);
	assert_ptr_equal(gm_memsrc_ptr(m, 0x4040, 0x80), D + 0x40);
	assert_int_equal(gm_memsrc_segment_at(m, 0x4050)->origin, GM_SEG_EXE);
	assert_int_equal(gm_memsrc_segment_at(m, 0x4010)->origin, GM_SEG_CORE);
	/* beyond the fallback the core's tail is still unsaved */
	expect_fault(m, 0x40b8, 16, 0x40c0, "not saved in core");
	gm_memsrc_destroy(m);
}

static void test_cross_segment(void **state)
{
	(void)state;
	fill();
	struct gm_memsrc *m = mk();
	/* two adjacent segments whose data is contiguous in memory (like
	 * consecutive PT_LOADs of a core) and a third that is not */
	add(m, 0x8000, 0x100, 0x100, D, 10);
	add(m, 0x8100, 0x100, 0x100, D + 0x100, 10);
	add(m, 0x8200, 0x100, 0x100, A, 10);
	uint8_t buf[0x300];
	assert_null(gm_memsrc_read(m, 0x80f0, buf, 0x120));
	assert_memory_equal(buf, D + 0xf0, 0x110);
	assert_memory_equal(buf + 0x110, A, 0x10);
	uint64_t v, want;
	assert_true(gm_memsrc_u64(m, 0x80fc, &v)); /* straddles */
	memcpy(&want, D + 0xfc, 8);
	assert_int_equal(v, want);
	assert_true(gm_memsrc_u64(m, 0x81fc, &v)); /* straddles into A */
	memcpy(&want, D + 0x1fc, 4);
	memcpy((uint8_t *)&want + 4, A, 4);
	assert_int_equal(v, want);
	assert_ptr_equal(gm_memsrc_ptr(m, 0x80f0, 0x20), D + 0xf0); /* contiguous */
	assert_null(gm_memsrc_ptr(m, 0x81f0, 0x20));                 /* not */
	assert_null(gm_memsrc_read(m, 0x8000, buf, 0x300));
	assert_false(gm_memsrc_try_read(m, 0x8000, buf, 0x301));
	expect_fault(m, 0x82f8, 16, 0x8300, NULL);
	gm_memsrc_destroy(m);
}

static void test_bad_add(void **state)
{
	(void)state;
	struct gm_memsrc *m = mk();
	struct gm_error *e = gm_memsrc_add(m, 0x1000, 0x10, 0x20, A, 0, GM_SEG_TEST);
	assert_non_null(e); /* filesz > memsz */
	gm_error_destroy(e);
	e = gm_memsrc_add(m, UINT64_MAX - 0x10, 0x100, 0, NULL, 0, GM_SEG_TEST);
	assert_non_null(e); /* wraps */
	gm_error_destroy(e);
	e = gm_memsrc_add(m, 0x1000, 0x10, 0x10, NULL, 0, GM_SEG_TEST);
	assert_non_null(e); /* no data */
	gm_error_destroy(e);
	assert_null(gm_memsrc_add(m, 0x1000, 0, 0, NULL, 0, GM_SEG_TEST)); /* empty: ignored */
	/* a segment ending exactly at 2^64 */
	assert_null(gm_memsrc_add(m, UINT64_MAX - 0xff, 0x100, 0x100, A, 0, GM_SEG_TEST));
	uint8_t b;
	assert_true(gm_memsrc_u8(m, UINT64_MAX - 1, &b));
	assert_int_equal(b, A[0xfe]);
	gm_memsrc_destroy(m);
}

/* Many segments in random order with random priorities against a naive
 * reference model. */
static void test_random_model(void **state)
{
	(void)state;
	enum { SPACE = 4096, NSEG = 60 };
	static uint8_t backing[NSEG][SPACE];
	uint32_t rnd = 12345;
#define RND() (rnd = rnd * 1103515245u + 12345u, (rnd >> 8))
	for (int round = 0; round < 30; round++) {
		struct gm_memsrc *m = mk();
		int best[SPACE];     /* winning key per byte (-1 none) */
		int val[SPACE];      /* byte value or -1 (unsaved) */
		for (int i = 0; i < SPACE; i++)
			best[i] = -1, val[i] = -2; /* -2 unmapped */
		int bestu[SPACE];
		for (int i = 0; i < SPACE; i++)
			bestu[i] = -1;
		for (int s = 0; s < NSEG; s++) {
			uint32_t start = RND() % SPACE, memsz = 1 + RND() % 300;
			if (start + memsz > SPACE)
				memsz = SPACE - start;
			uint32_t filesz = (RND() % 3) ? memsz : RND() % (memsz + 1);
			int prio = (int)(RND() % 5);
			for (uint32_t i = 0; i < memsz; i++)
				backing[s][i] = (uint8_t)RND();
			add(m, 0x10000 + start, memsz, filesz, backing[s], prio);
			int key = prio * 1000 + s;
			for (uint32_t i = 0; i < memsz; i++) {
				uint32_t a = start + i;
				if (i < filesz) {
					if (key > best[a])
						best[a] = key, val[a] = backing[s][i];
				} else if (key > bestu[a]) {
					bestu[a] = key;
				}
			}
			/* interleave reads with adds to exercise rebuilds */
			if (s % 17 == 0) {
				uint8_t b;
				(void)gm_memsrc_u8(m, 0x10000 + RND() % SPACE, &b);
			}
		}
		for (int i = 0; i < SPACE; i++)
			if (best[i] < 0 && bestu[i] >= 0)
				val[i] = -1;
		for (int q = 0; q < 2000; q++) {
			uint32_t a = RND() % SPACE, len = 1 + RND() % 24;
			if (a + len > SPACE)
				len = SPACE - a;
			uint8_t buf[32];
			struct gm_error *e = gm_memsrc_read(m, 0x10000 + a, buf, len);
			uint32_t firstbad = UINT32_MAX;
			for (uint32_t i = 0; i < len; i++)
				if (val[a + i] < 0) {
					firstbad = a + i;
					break;
				}
			if (firstbad == UINT32_MAX) {
				assert_null(e);
				for (uint32_t i = 0; i < len; i++)
					assert_int_equal(buf[i], val[a + i]);
				assert_true(gm_memsrc_try_read(m, 0x10000 + a, buf, len));
			} else {
				assert_non_null(e);
				assert_int_equal(e->addr, 0x10000 + firstbad);
				assert_non_null(strstr(e->msg, val[firstbad] == -1 ? "not saved"
											: "not mapped"));
				gm_error_destroy(e);
			}
			const uint8_t *p = gm_memsrc_ptr(m, 0x10000 + a, len);
			if (p) {
				assert_int_equal(firstbad, UINT32_MAX);
				for (uint32_t i = 0; i < len; i++)
					assert_int_equal(p[i], val[a + i]);
			}
		}
		gm_memsrc_destroy(m);
	}
}

/* ---- on-demand segments (gm_memsrc_add_lazy) ---- */

/* A fake decoder: bytes of `buf` before `frontier` hold the real data, the
 * rest garbage (0xee) until ensure() "decodes" them; the stream ends at
 * `limit`. Decodes in steps of `step` bytes past what is needed. */
struct fake_stream {
	uint8_t buf[0x3000];
	size_t frontier, limit, step;
	int calls;
	const uint8_t *last_need;
};

static uint8_t truth_byte(size_t o)
{
	return (uint8_t)(o * 13 + 5);
}

static void fake_init(struct fake_stream *f, size_t limit, size_t step)
{
	memset(f->buf, 0xee, sizeof(f->buf));
	f->frontier = 0;
	f->limit = limit;
	f->step = step;
	f->calls = 0;
	f->last_need = NULL;
}

static const uint8_t *fake_ensure(void *ctx, const uint8_t *need_end)
{
	struct fake_stream *f = ctx;
	f->calls++;
	f->last_need = need_end;
	assert_true(need_end > f->buf && need_end <= f->buf + sizeof(f->buf));
	size_t need = (size_t)(need_end - f->buf);
	if (need > f->frontier) {
		size_t to = need + f->step;
		if (to > f->limit)
			to = f->limit;
		for (size_t o = f->frontier; o < to; o++)
			f->buf[o] = truth_byte(o);
		if (to > f->frontier)
			f->frontier = to;
	}
	return f->buf + f->frontier;
}

static void test_lazy_frontier(void **state)
{
	(void)state;
	struct fake_stream *f = calloc(1, sizeof(*f));
	fake_init(f, sizeof(f->buf), 0x100);
	struct gm_memsrc *m = mk();
	assert_null(gm_memsrc_add_lazy(m, 0x10000, 0x2000, 0x1000, f->buf, 10, GM_SEG_CORE,
				       fake_ensure, f));
	assert_int_equal(f->calls, 0); /* nothing decoded before a read */
	uint64_t v;
	assert_true(gm_memsrc_u64(m, 0x10010, &v));
	assert_int_equal(f->calls, 1);
	assert_ptr_equal(f->last_need, f->buf + 0x18);
	uint8_t want[8];
	for (int i = 0; i < 8; i++)
		want[i] = truth_byte(0x10 + (size_t)i);
	assert_memory_equal(&v, want, 8);
	/* inside the frontier: no call */
	assert_true(gm_memsrc_u64(m, 0x10100, &v));
	assert_int_equal(f->calls, 1);
	/* past it: one more call, bytes correct */
	uint8_t buf[0x40];
	assert_null(gm_memsrc_read(m, 0x10400, buf, sizeof(buf)));
	assert_int_equal(f->calls, 2);
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], truth_byte(0x400 + i));
	/* pointers point into the data and stay valid */
	const uint8_t *p = gm_memsrc_ptr(m, 0x10800, 0x100);
	assert_ptr_equal(p, f->buf + 0x800);
	assert_int_equal(p[0xff], truth_byte(0x8ff));
	assert_null(gm_memsrc_read(m, 0x10f00, buf, 0x40));
	assert_ptr_equal(gm_memsrc_ptr(m, 0x10800, 0x100), p);
	assert_int_equal(p[0], truth_byte(0x800));
	/* [filesz, memsz) is still "not saved" */
	expect_fault(m, 0x11000, 8, 0x11000, "not saved in core");
	gm_memsrc_destroy(m);
	free(f);
}

static void test_lazy_failure(void **state)
{
	(void)state;
	struct fake_stream *f = calloc(1, sizeof(*f));
	fake_init(f, 0x800, 0x40); /* the stream ends at 0x800 */
	static uint8_t exe[0x1000];
	for (size_t i = 0; i < sizeof(exe); i++)
		exe[i] = (uint8_t)~i;
	struct gm_memsrc *m = mk();
	/* a lower-priority fallback under the second half (the executable) */
	assert_null(gm_memsrc_add(m, 0x10c00, 0x400, 0x400, exe, 1, GM_SEG_EXE));
	assert_null(gm_memsrc_add_lazy(m, 0x10000, 0x1000, 0x1000, f->buf, 10, GM_SEG_CORE,
				       fake_ensure, f));
	uint64_t v;
	assert_true(gm_memsrc_u64(m, 0x107f8, &v)); /* the last 8 bytes that exist */
	/* past the end of the stream: fails like unsaved memory, says why */
	expect_fault(m, 0x10800, 8, 0x10800, "missing from the core");
	expect_fault(m, 0x107fc, 8, 0x10800, "missing from the core");
	assert_null(gm_memsrc_ptr(m, 0x107f0, 0x20));
	/* the segment was cut where the data ends */
	const struct gm_segment *sg = gm_memsrc_segment_at(m, 0x10000);
	assert_non_null(sg);
	assert_int_equal(sg->filesz, 0x800);
	/* the fallback serves what it has */
	uint8_t b[4];
	assert_true(gm_memsrc_try_read(m, 0x10c00, b, 4));
	assert_memory_equal(b, exe, 4);
	/* bytes before the cut still read, pointers still fine */
	const uint8_t *p = gm_memsrc_ptr(m, 0x10100, 0x10);
	assert_ptr_equal(p, f->buf + 0x100);
	assert_int_equal(p[0], truth_byte(0x100));
	int calls = f->calls;
	assert_false(gm_memsrc_u64(m, 0x10900, &v));
	assert_int_equal(f->calls, calls); /* no more asking once cut */
	gm_memsrc_destroy(m);
	free(f);
}

/* The inline reads' window (gm_memsrc_hot, issue 22) never serves stale
 * bytes: not after an add that changes who serves an address, not past an
 * on-demand frontier, not after a cut; gm_memsrc_peek decodes nothing. */
static void test_hot_window(void **state)
{
	(void)state;
	fill();
	struct gm_memsrc *m = mk();
	add(m, 0x1000, 0x100, 0x100, A, 1);
	uint64_t v;
	uint32_t w;
	uint8_t b;
	assert_true(gm_memsrc_u64(m, 0x1010, &v));
	assert_memory_equal(&v, A + 0x10, 8);
	/* a higher-priority segment over it: its bytes from now on */
	add(m, 0x1000, 0x80, 0x80, B, 2);
	assert_true(gm_memsrc_u64(m, 0x1010, &v));
	assert_memory_equal(&v, B + 0x10, 8);
	assert_true(gm_memsrc_u32(m, 0x107c, &w));
	assert_memory_equal(&w, B + 0x7c, 4);
	assert_true(gm_memsrc_u64(m, 0x107c, &v)); /* across the two pieces */
	assert_memory_equal(&v, B + 0x7c, 4);
	assert_memory_equal((uint8_t *)&v + 4, A + 0x80, 4);
	assert_true(gm_memsrc_u8(m, 0x10ff, &b));
	assert_int_equal(b, A[0xff]);
	assert_false(gm_memsrc_u64(m, 0x10fc, &v)); /* runs off the end */
	assert_false(gm_memsrc_u8(m, 0x1100, &b));
	assert_ptr_equal(gm_memsrc_peek(m, 0x1090, 8), A + 0x90);
	assert_null(gm_memsrc_peek(m, 0x10fc, 8));
	gm_memsrc_destroy(m);

	/* on demand: the window stops at the frontier */
	struct fake_stream *f = calloc(1, sizeof(*f));
	fake_init(f, 0x800, 0x40); /* the stream ends at 0x800 */
	static uint8_t exe[0x1000];
	for (size_t i = 0; i < sizeof(exe); i++)
		exe[i] = (uint8_t)~i;
	m = mk();
	assert_null(gm_memsrc_add(m, 0x10000, 0x1000, 0x1000, exe, 1, GM_SEG_EXE));
	assert_null(gm_memsrc_add_lazy(m, 0x10000, 0x1000, 0x1000, f->buf, 10, GM_SEG_CORE,
				       fake_ensure, f));
	assert_null(gm_memsrc_peek(m, 0x10000, 8)); /* not decoded: no pointer, no call */
	assert_int_equal(f->calls, 0);
	assert_true(gm_memsrc_u64(m, 0x10000, &v));
	assert_int_equal(f->calls, 1);
	size_t fr = f->frontier; /* 0x48 */
	assert_ptr_equal(gm_memsrc_peek(m, 0x10000 + fr - 8, 8), f->buf + fr - 8);
	assert_null(gm_memsrc_peek(m, 0x10000 + fr - 4, 8));
	assert_int_equal(f->calls, 1);
	/* just past the frontier: decoded now, the true bytes, not 0xee */
	assert_true(gm_memsrc_u64(m, 0x10000 + fr, &v));
	assert_int_equal(f->calls, 2);
	for (int i = 0; i < 8; i++)
		assert_int_equal(((uint8_t *)&v)[i], truth_byte(fr + (size_t)i));
	/* past the end of the stream: cut, the executable's bytes serve */
	assert_true(gm_memsrc_u64(m, 0x107f8, &v));
	assert_true(gm_memsrc_u64(m, 0x10900, &v));
	assert_memory_equal(&v, exe + 0x900, 8);
	assert_true(gm_memsrc_u64(m, 0x10100, &v)); /* before the cut: the core's */
	for (int i = 0; i < 8; i++)
		assert_int_equal(((uint8_t *)&v)[i], truth_byte(0x100 + (size_t)i));
	assert_true(gm_memsrc_u64(m, 0x10800, &v));
	assert_memory_equal(&v, exe + 0x800, 8);
	gm_memsrc_destroy(m);
	free(f);
}

/* Two segments whose data is back to back in one stream: reads and
 * pointers across them, with the frontier between. */
static void test_lazy_across(void **state)
{
	(void)state;
	struct fake_stream *f = calloc(1, sizeof(*f));
	fake_init(f, sizeof(f->buf), 0);
	struct gm_memsrc *m = mk();
	assert_null(gm_memsrc_add_lazy(m, 0x20000, 0x1000, 0x1000, f->buf, 10, GM_SEG_CORE,
				       fake_ensure, f));
	assert_null(gm_memsrc_add_lazy(m, 0x21000, 0x1000, 0x1000, f->buf + 0x1000, 10,
				       GM_SEG_CORE, fake_ensure, f));
	const uint8_t *p = gm_memsrc_ptr(m, 0x20ff0, 0x20);
	assert_ptr_equal(p, f->buf + 0xff0);
	for (size_t i = 0; i < 0x20; i++)
		assert_int_equal(p[i], truth_byte(0xff0 + i));
	uint8_t buf[0x30];
	assert_true(gm_memsrc_try_read(m, 0x21ff0, buf, 0x10));
	assert_true(gm_memsrc_try_read(m, 0x20fe0, buf, 0x30));
	for (size_t i = 0; i < 0x30; i++)
		assert_int_equal(buf[i], truth_byte(0xfe0 + i));
	gm_memsrc_destroy(m);
	free(f);
}

/* Random reads against a model: a byte at data offset o reads as the truth
 * when o < limit, else as the fallback's (or fails); never garbage. */
static void test_lazy_random(void **state)
{
	(void)state;
	srand(7);
	for (int round = 0; round < 50; round++) {
		struct fake_stream *f = calloc(1, sizeof(*f));
		size_t limit = (size_t)rand() % 0x3001;
		fake_init(f, limit, (size_t)rand() % 0x200);
		static uint8_t fb[0x1000];
		for (size_t i = 0; i < sizeof(fb); i++)
			fb[i] = (uint8_t)(i ^ 0x55);
		struct gm_memsrc *m = mk();
		assert_null(gm_memsrc_add(m, 0x31000, 0x1000, 0x1000, fb, 1, GM_SEG_EXE));
		assert_null(gm_memsrc_add_lazy(m, 0x30000, 0x3000, 0x3000, f->buf, 10,
					       GM_SEG_CORE, fake_ensure, f));
		for (int k = 0; k < 300; k++) {
			uint64_t a = 0x30000 + (uint64_t)(rand() % 0x3000);
			size_t len = 1 + (size_t)(rand() % 32);
			uint8_t got[32];
			bool want_ok = true;
			uint8_t want[32];
			for (size_t i = 0; i < len; i++) {
				uint64_t x = a + i, o = x - 0x30000;
				if (x >= 0x33000)
					want_ok = false;
				else if (o < limit)
					want[i] = truth_byte(o);
				else if (x >= 0x31000 && x < 0x32000)
					want[i] = fb[x - 0x31000];
				else
					want_ok = false;
			}
			int how = rand() % 3;
			bool ok;
			if (how == 0) {
				ok = gm_memsrc_try_read(m, a, got, len);
			} else if (how == 1) {
				struct gm_error *e = gm_memsrc_read(m, a, got, len);
				ok = e == NULL;
				gm_error_destroy(e);
			} else {
				const uint8_t *p = gm_memsrc_ptr(m, a, len);
				ok = p != NULL;
				if (p)
					memcpy(got, p, len);
				if (!p && want_ok) /* ptr may refuse a range that spans two sources */
					ok = want_ok = gm_memsrc_try_read(m, a, got, len);
			}
			assert_int_equal(ok, want_ok);
			if (ok)
				assert_memory_equal(got, want, len);
		}
		gm_memsrc_destroy(m);
		free(f);
	}
}

/* gm_memsrc_next_data: runs that may hold data, in address order; zero
 * segments, unsaved ranges and a file's holes skipped. */
static void test_next_data(void **state)
{
	(void)state;
	fill();
	struct gm_memsrc *m = mk();
	static uint8_t zeros[0x400];
	assert_null(gm_memsrc_add_zero(m, 0x1000, 0x400, zeros, 1, GM_SEG_TEST)); /* backing */
	add(m, 0x1100, 0x100, 0x100, A, 2);  /* a copy over it */
	add(m, 0x1300, 0x80, 0x80, B, 2);
	add(m, 0x2000, 0x200, 0x100, C, 0); /* saved 0x2000-0x2100, then unsaved */
	uint64_t ds, de;
	assert_true(gm_memsrc_next_data(m, 0x1000, 0x3000, &ds, &de));
	assert_int_equal(ds, 0x1100);
	assert_int_equal(de, 0x1200);
	assert_true(gm_memsrc_next_data(m, 0x1180, 0x3000, &ds, &de));
	assert_int_equal(ds, 0x1180); /* clipped to the start asked for */
	assert_int_equal(de, 0x1200);
	assert_true(gm_memsrc_next_data(m, 0x1200, 0x3000, &ds, &de));
	assert_int_equal(ds, 0x1300);
	assert_int_equal(de, 0x1380);
	assert_true(gm_memsrc_next_data(m, 0x1380, 0x3000, &ds, &de));
	assert_int_equal(ds, 0x2000);
	assert_int_equal(de, 0x2100);
	assert_true(gm_memsrc_next_data(m, 0x1380, 0x2080, &ds, &de));
	assert_int_equal(de, 0x2080); /* clipped to the end asked for */
	assert_false(gm_memsrc_next_data(m, 0x2100, 0x3000, &ds, &de));
	assert_false(gm_memsrc_next_data(m, 0x1380, 0x1400, &ds, &de)); /* only zeros */
	assert_false(gm_memsrc_next_data(m, 0x3000, 0x3000, &ds, &de));
	/* the zero segment still reads as zeros, the copies as themselves */
	uint8_t b[0x10];
	assert_true(gm_memsrc_try_read(m, 0x1000, b, sizeof(b)));
	assert_memory_equal(b, zeros, sizeof(b));
	assert_true(gm_memsrc_try_read(m, 0x1100, b, sizeof(b)));
	assert_memory_equal(b, A, sizeof(b));
	gm_memsrc_destroy(m);
}

/* A file-backed memsrc: the file's holes are not data. */
static void test_next_data_file(void **state)
{
	(void)state;
	/* in $TMPDIR, else the C library's temporary directory */
	const char *tmp = getenv("TMPDIR");
	char buf[4096];
	if (!tmp || strlen(tmp) + 32 >= sizeof(buf))
		tmp = P_tmpdir;
	snprintf(buf, sizeof(buf), "%s/gm_memsrc_sparseXXXXXX", tmp);
	int fd = mkstemp(buf);
	assert_true(fd >= 0);
	unlink(buf);
	const size_t size = 64u << 20; /* 64 MiB: data at 1 MiB and at 40 MiB */
	assert_int_equal(ftruncate(fd, (off_t)size), 0);
	uint8_t one[4096];
	memset(one, 0x5a, sizeof(one));
	assert_int_equal(pwrite(fd, one, sizeof(one), 1 << 20), (ssize_t)sizeof(one));
	assert_int_equal(pwrite(fd, one, sizeof(one), 40 << 20), (ssize_t)sizeof(one));
	uint8_t *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	assert_true(map != MAP_FAILED);
	struct gm_memsrc *m = mk();
	add(m, 0x10000000, size, size, map, 1);
	gm_memsrc_set_file(m, map, size, fd);
	uint64_t ds, de, va = 0x10000000;
	/* the file systems of $TMPDIR (tmpfs, ext4, xfs, btrfs) keep a map of
	 * holes; the runs are block-aligned: somewhere around the two pages */
	assert_true(gm_memsrc_next_data(m, va, va + size, &ds, &de));
	assert_true(ds > va && ds <= va + (1 << 20) && de >= va + (1 << 20) + 4096 && de <= va + (40 << 20));
	assert_true(gm_memsrc_next_data(m, de, va + size, &ds, &de));
	assert_true(ds > va + (2 << 20) && ds <= va + (40 << 20) && de >= va + (40 << 20) + 4096 &&
		    de < va + size);
	assert_false(gm_memsrc_next_data(m, de, va + size, &ds, &de));
	gm_memsrc_destroy(m);
	munmap(map, size);
	close(fd);
}

/* gm_memsrc_set_miss: reads no segment serves go to the hook (D at
 * 0x9000 here), with the exact range asked; segment hits do not. */
struct miss_log {
	uint64_t addr[16];
	size_t len[16], n;
};

static const uint8_t *miss_d(void *ctx, uint64_t addr, size_t len)
{
	struct miss_log *lg = ctx;
	if (lg->n < 16) {
		lg->addr[lg->n] = addr;
		lg->len[lg->n] = len;
	}
	lg->n++;
	if (addr < 0x9000 || addr + len > 0x9000 + sizeof(D))
		return NULL;
	return D + (addr - 0x9000);
}

static void test_miss_hook(void **state)
{
	(void)state;
	fill();
	struct gm_memsrc *m = mk();
	struct miss_log lg = {0};
	add(m, 0x1000, 0x100, 0x100, A, 0);
	gm_memsrc_set_miss(m, miss_d, &lg);
	uint64_t v, w;
	assert_true(gm_memsrc_u64(m, 0x1008, &v)); /* a segment: no hook */
	assert_int_equal(lg.n, 0);
	assert_true(gm_memsrc_u64(m, 0x9010, &v));
	memcpy(&w, D + 0x10, 8);
	assert_int_equal(v, w);
	assert_int_equal(lg.n, 1);
	assert_int_equal(lg.addr[0], 0x9010);
	assert_int_equal(lg.len[0], 8);
	assert_true(gm_memsrc_u64(m, 0x9010, &v)); /* asked again: nothing kept */
	assert_int_equal(lg.n, 2);
	const uint8_t *p = gm_memsrc_ptr(m, 0x9100, 0x40);
	assert_ptr_equal(p, D + 0x100);
	assert_int_equal(lg.len[2], 0x40);
	uint8_t buf[32];
	assert_null(gm_memsrc_read(m, 0x9020, buf, sizeof(buf)));
	assert_memory_equal(buf, D + 0x20, sizeof(buf));
	assert_int_equal(lg.n, 4); /* read_err failed first, then the hook */
	assert_false(gm_memsrc_try_read(m, 0x20000, buf, 8)); /* the hook says no */
	expect_fault(m, 0x20000, 8, 0x20000, "not mapped");
	gm_memsrc_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_basic_and_gaps),
		cmocka_unit_test(test_priority_overlap),
		cmocka_unit_test(test_not_saved),
		cmocka_unit_test(test_cross_segment),
		cmocka_unit_test(test_bad_add),
		cmocka_unit_test(test_random_model),
		cmocka_unit_test(test_lazy_frontier),
		cmocka_unit_test(test_lazy_failure),
		cmocka_unit_test(test_lazy_across),
		cmocka_unit_test(test_lazy_random),
		cmocka_unit_test(test_hot_window),
		cmocka_unit_test(test_next_data),
		cmocka_unit_test(test_next_data_file),
		cmocka_unit_test(test_miss_hook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
