/* Unit tests for the heap profile reader (src/memprof.c):
 * - Go's amd64 math.Exp, both paths, bit for bit against values Go itself
 *   printed (go1.22 on an AVX+FMA machine, and with GODEBUG=cpu.fma=off:
 *   math.Float64bits(math.Exp(x))), and its arm64 math.Exp likewise;
 * - memProfileInternal's folding on made-up buckets over a real
 *   executable's pclntab (a corpus executable): the published cycle, the
 *   "no GC yet" case, the runtime-frame trim;
 * - damaged bucket lists: a loop, nstk past the limit, a wrong type, an
 *   unreadable bucket, PCs outside the text: bounded, a note, the buckets
 *   before kept; profiling off. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "corpus_exes.h"
#include "gm_bytes.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_memprof.h"
#include "gm_memsrc.h"

static const struct {
	double x;
	uint64_t fma, nofma;
} exps[] = {
	{-1e-09, 0x3fefffffff768fa1ull, 0x3fefffffff768fa1ull},
	{-0.0001, 0x3fefff2e4b97d31dull, 0x3fefff2e4b97d31dull},
	{-0.03125, 0x3fef03f56a88b5d8ull, 0x3fef03f56a88b5d8ull},
	{-0.09375, 0x3fed22e6a0197c03ull, 0x3fed22e6a0197c02ull},
	{-0.5, 0x3fe368b2fc6f960aull, 0x3fe368b2fc6f960aull},
	{-1, 0x3fd78b56362cef38ull, 0x3fd78b56362cef38ull},
	{-1.5, 0x3fcc8f87724b5c1dull, 0x3fcc8f87724b5c1dull},
	{-2, 0x3fc152aaa3bf81ccull, 0x3fc152aaa3bf81ccull},
	{-7.75, 0x3f3c3aa91ff0d498ull, 0x3f3c3aa91ff0d498ull},
	{-16, 0x3e7e355bbaee85cbull, 0x3e7e355bbaee85cbull},
	{-30.5, 0x3d2ff3864232b407ull, 0x3d2ff3864232b407ull},
	{-100, 0x36ea8c1f14e2af5dull, 0x36ea8c1f14e2af5dull},
	{-700, 0x00d14f2b0fb9307full, 0x00d14f2b0fb9307full},
	{-745, 0x0000000000000001ull, 0x0000000000000001ull},
	{-746, 0x0000000000000000ull, 0x0000000000000000ull},
	{-800, 0x0000000000000000ull, 0x0000000000000000ull},
	{0, 0x3ff0000000000000ull, 0x3ff0000000000000ull},
	{0.5, 0x3ffa61298e1e069cull, 0x3ffa61298e1e069cull},
	{3, 0x403415e5bf6fb106ull, 0x403415e5bf6fb106ull},
	{709, 0x7fdd422d2be5dc9bull, 0x7fdd422d2be5dc9bull},
	{710, 0x7ff0000000000000ull, 0x7ff0000000000000ull},
};

/* Go 1.27 for GOARCH=arm64 (math/exp_arm64.s), run under qemu-user (whose
 * FMADD is IEEE fused): math.Float64bits(math.Exp(x)) for the values above
 * and ten of the form -exp(u*30-20), u uniform, where the heap profile's
 * -avgSize/rate falls. (-745 is 0 here and the smallest denormal on amd64:
 * the two algorithms differ.) A check of 200,000 such values found no
 * difference. */
static const struct {
	double x;
	uint64_t y;
} exps_arm64[] = {
	{-1e-09, 0x3fefffffff768fa1ull},
	{-0.0001, 0x3fefff2e4b97d31dull},
	{-0.03125, 0x3fef03f56a88b5d8ull},
	{-0.09375, 0x3fed22e6a0197c03ull},
	{-0.5, 0x3fe368b2fc6f960aull},
	{-1.0, 0x3fd78b56362cef38ull},
	{-1.5, 0x3fcc8f87724b5c1dull},
	{-2.0, 0x3fc152aaa3bf81ccull},
	{-7.75, 0x3f3c3aa91ff0d498ull},
	{-16.0, 0x3e7e355bbaee85cbull},
	{-30.5, 0x3d2ff3864232b407ull},
	{-100.0, 0x36ea8c1f14e2af5dull},
	{-700.0, 0x00d14f2b0fb9307full},
	{-745.0, 0x0000000000000000ull},
	{-746.0, 0x0000000000000000ull},
	{-800.0, 0x0000000000000000ull},
	{0.0, 0x3ff0000000000000ull},
	{0.5, 0x3ffa61298e1e069cull},
	{3.0, 0x403415e5bf6fb106ull},
	{709.0, 0x7fdd422d2be5dc9bull},
	{710.0, 0x7ff0000000000000ull},
	{-0.155642843608367, 0x3feb633e9ae844b4ull},
	{-2.4127302046273796e-06, 0x3feffffaf0ad4924ull},
	{-6.35467770500824e-05, 0x3fefff7abcaaf65cull},
	{-0.013227231813240039, 0x3fef945b22fa89adull},
	{-1.680467827646503e-05, 0x3fefffdcc22202a5ull},
	{-9944.870802320607, 0x0000000000000000ull},
	{-4.450157722773018, 0x3f87e9f784cb63d6ull},
	{-9.993426822375204e-08, 0x3fefffffca5923b3ull},
	{-3.483130049621731, 0x3f9f72bd40860ce6ull},
	{-2.7720783419315853e-06, 0x3feffffa2fc0fb58ull},
};

static uint64_t bits(double d)
{
	uint64_t u;
	memcpy(&u, &d, 8);
	return u;
}

static void test_go_exp(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(exps) / sizeof(exps[0]); i++) {
		assert_int_equal(bits(gm_memprof_go_exp(exps[i].x, true)), exps[i].fma);
		assert_int_equal(bits(gm_memprof_go_exp(exps[i].x, false)), exps[i].nofma);
	}
	for (size_t i = 0; i < sizeof(exps_arm64) / sizeof(exps_arm64[0]); i++)
		assert_int_equal(bits(gm_memprof_go_exp_arm64(exps_arm64[i].x)), exps_arm64[i].y);
	/* scaleHeapSample: rate 1 is no scaling; 1.27 multiplies count * size */
	int64_t o, s;
	gm_memprof_scale(26, true, 7, 7 * 48, 1, &o, &s);
	assert_int_equal(o, 7);
	assert_int_equal(s, 336);
	gm_memprof_scale(27, true, 7, 48, 1, &o, &s);
	assert_int_equal(o, 7);
	assert_int_equal(s, 336);
	gm_memprof_scale(27, true, 0, 48, 512, &o, &s);
	assert_int_equal(o + s, 0);
	/* 10 objects of 512 bytes at rate 512: go1.22's scaleHeapSample
	 * (protomem.go's code run as a program, both Exp paths) gives 15, 8099 */
	gm_memprof_scale(22, false, 10, 5120, 512, &o, &s);
	assert_int_equal(o, 15);
	assert_int_equal(s, 8099);
	gm_memprof_scale(22, true, 10, 5120, 512, &o, &s);
	assert_int_equal(o, 15);
	assert_int_equal(s, 8099);
}

/* ---- made-up buckets ---- */

#define BASE 0x7f0000000000ull
#define MEMSZ 0x10000
static uint8_t mem[MEMSZ];
static struct gm_gobin *gb;
static struct test_exe *exes;
static size_t nexes;
static uint64_t pc_main, pc_runtime, pc_inner;

static int setup(void **state)
{
	(void)state;
	nexes = test_exes_collect(&exes);
	for (size_t i = 0; i < nexes && !gb; i++) {
		if (gm_gobin_open(exes[i].path, &gb))
			continue;
		struct gm_func f, r;
		if (!gm_gobin_func_by_name(gb, "main.main", &f) ||
		    !gm_gobin_func_by_name(gb, "runtime.mallocgc", &r)) {
			gm_gobin_destroy(gb);
			gb = NULL;
			continue;
		}
		pc_main = f.entry + 1;
		pc_runtime = r.entry + 1;
		struct gm_func g;
		pc_inner = gm_gobin_func_by_name(gb, "runtime.main", &g) ? g.entry + 1 : pc_runtime;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	gm_gobin_destroy(gb);
	test_exes_free(exes, nexes);
	return 0;
}

static size_t crec(void)
{
	return gb->go_minor >= 27 ? 16 : 32;
}

/* A bucket at off: header, PCs, memRecord{active, future[3]} from c[4][2]
 * (allocs, frees per cycle; bytes = count * size). Returns its address. */
static uint64_t bucket(size_t off, uint64_t allnext, uint64_t typ, uint64_t size, uint64_t nstk,
		       const uint64_t *pcs, const int64_t c[4][2])
{
	uint8_t *b = mem + off;
	memset(b, 0, 48);
	memcpy(b + 8, &allnext, 8);
	memcpy(b + 16, &typ, 8);
	memcpy(b + 32, &size, 8);
	memcpy(b + 40, &nstk, 8);
	if (nstk < 64)
		memcpy(b + 48, pcs, nstk * 8);
	uint8_t *r = b + 48 + (nstk < 64 ? nstk : 0) * 8;
	for (int k = 0; k < 4; k++) {
		int64_t w[4] = {c[k][0], c[k][1], c[k][0] * (int64_t)size, c[k][1] * (int64_t)size};
		memcpy(r + k * crec(), w, crec());
	}
	return BASE + off;
}

/* globals at BASE: mbuckets, mProfCycle (+8), MemProfileRate (+16), disable (+24) */
static struct gm_memprof *build(uint64_t head, uint32_t cycle, int64_t rate, uint8_t disable,
				struct gm_memsrc **mp)
{
	memcpy(mem, &head, 8);
	memcpy(mem + 8, &cycle, 4);
	memcpy(mem + 16, &rate, 8);
	mem[24] = disable;
	struct gm_memsrc *m;
	assert_null(gm_memsrc_create(&m));
	assert_null(gm_memsrc_add(m, BASE, MEMSZ, MEMSZ, mem, 1, GM_SEG_TEST));
	/* the shapes of the executable's Go version (gorts table); every
	 * other call without, the per-version defaults */
	static int calls;
	struct gm_memprof_globals g = {BASE, BASE + 8, BASE + 16, BASE + 24, 0,
				       calls++ % 2 ? NULL : gm_layout_gorts_table(gb->go_minor)};
	struct gm_memprof *p = NULL;
	assert_null(gm_memprof_build(gb, m, &g, "test memory", &p));
	assert_non_null(p);
	*mp = m;
	return p;
}

static void test_folding(void **state)
{
	(void)state;
	if (!gb)
		skip();
	uint64_t stk1[] = {pc_runtime, pc_main, pc_inner};
	uint64_t stk2[] = {0x10, 0x20}; /* outside the text */
	/* cycle 4 (flag set): index 1 is folded in, 0 and 2 are not */
	const int64_t c1[4][2] = {{10, 4}, {100, 0}, {2, 1}, {50, 50}};
	const int64_t c2[4][2] = {{0, 0}, {0, 0}, {0, 0}, {9, 0}};
	uint64_t b2 = bucket(0x400, 0, 1, 64, 2, stk2, c2);
	uint64_t b1 = bucket(0x100, b2, 1, 48, 3, stk1, c1);
	struct gm_memsrc *m;
	struct gm_memprof *p = build(b1, 4 << 1 | 1, 1, 0, &m);
	assert_string_equal(p->problem, "");
	assert_false(p->folded_all);
	assert_int_equal(p->nsamples, 2);
	const struct gm_memprof_sample *s = &p->samples[0];
	assert_int_equal(s->allocs, 12);
	assert_int_equal(s->frees, 5);
	assert_int_equal(s->v[0], 12);
	assert_int_equal(s->v[1], 12 * 48);
	assert_int_equal(s->v[2], 7);
	assert_int_equal(s->v[3], 7 * 48);
	assert_int_equal(s->label_bytes, 48);
	/* runtime.mallocgc hidden: the stack starts at main.main */
	assert_true(s->nloc >= 1);
	const struct gm_memprof_loc *l = &p->locs[p->loc_ids[s->loc_first]];
	assert_string_equal(p->frames[l->first].name, "main.main");
	/* PCs outside the text: one empty frame each, no crash */
	s = &p->samples[1];
	assert_int_equal(s->v[0] + s->v[1] + s->v[2] + s->v[3], 0);
	assert_int_equal(s->nloc, 2);
	assert_string_equal(p->frames[p->locs[p->loc_ids[s->loc_first]].first].name, "");
	gm_memprof_destroy(p);
	gm_memsrc_destroy(m);

	/* no cycle published yet (every active is zero after folding the
	 * current one, index 7 % 3 = 1): all futures folded */
	const int64_t c3[4][2] = {{0, 0}, {3, 0}, {0, 0}, {5, 2}};
	b1 = bucket(0x100, 0, 1, 32, 3, stk1, c3);
	p = build(b1, 7 << 1, 1, 0, &m);
	assert_true(p->folded_all);
	assert_int_equal(p->samples[0].allocs, 8);
	assert_int_equal(p->samples[0].frees, 2);
	gm_memprof_destroy(p);
	gm_memsrc_destroy(m);
	/* the same at cycle 6 (index 0): active becomes {3, 0}, nothing more */
	p = build(b1, 6 << 1, 1, 0, &m);
	assert_false(p->folded_all);
	assert_int_equal(p->samples[0].allocs, 3);
	assert_int_equal(p->samples[0].frees, 0);
	gm_memprof_destroy(p);
	gm_memsrc_destroy(m);
}

static void test_damaged(void **state)
{
	(void)state;
	if (!gb)
		skip();
	uint64_t stk[] = {pc_main, pc_inner};
	const int64_t c[4][2] = {{1, 0}, {0, 0}, {0, 0}, {0, 0}};
	struct gm_memsrc *m;
	struct gm_memprof *p;
	/* a loop: b1 -> b2 -> b1 */
	uint64_t b1 = BASE + 0x100;
	uint64_t b2 = bucket(0x400, b1, 1, 16, 2, stk, c);
	bucket(0x100, b2, 1, 16, 2, stk, c);
	p = build(b1, 2, 1, 0, &m);
	assert_non_null(strstr(p->problem, "loops"));
	assert_int_equal(p->nsamples, 2);
	gm_memprof_destroy(p);
	gm_memsrc_destroy(m);
	/* a self-loop */
	bucket(0x100, b1, 1, 16, 2, stk, c);
	p = build(b1, 2, 1, 0, &m);
	assert_non_null(strstr(p->problem, "loops"));
	assert_int_equal(p->nsamples, 1);
	gm_memprof_destroy(p);
	gm_memsrc_destroy(m);
	/* nstk past the limit (1024 from 1.23, 32 before), after one good bucket */
	b2 = bucket(0x400, 0, 1, 16, 5000, stk, c);
	bucket(0x100, b2, 1, 16, 2, stk, c);
	p = build(b1, 2, 1, 0, &m);
	assert_non_null(strstr(p->problem, "not a heap bucket"));
	assert_int_equal(p->nsamples, 1);
	gm_memprof_destroy(p);
	gm_memsrc_destroy(m);
	/* a block-profile bucket in the heap list */
	b2 = bucket(0x400, 0, 2, 16, 2, stk, c);
	bucket(0x100, b2, 1, 16, 2, stk, c);
	p = build(b1, 2, 1, 0, &m);
	assert_non_null(strstr(p->problem, "not a heap bucket"));
	gm_memprof_destroy(p);
	gm_memsrc_destroy(m);
	/* allnext into unmapped memory */
	bucket(0x100, 0xdead0000, 1, 16, 2, stk, c);
	p = build(b1, 2, 1, 0, &m);
	assert_non_null(strstr(p->problem, "not in the test memory"));
	assert_int_equal(p->nsamples, 1);
	gm_memprof_destroy(p);
	gm_memsrc_destroy(m);
	/* a record cut by the end of memory */
	memset(mem + MEMSZ - 64, 0, 64); /* a header whose record runs past the memory */
	mem[MEMSZ - 64 + 16] = 1;          /* typ */
	mem[MEMSZ - 64 + 32] = 16;         /* size */
	bucket(0x100, BASE + MEMSZ - 64, 1, 16, 2, stk, c);
	p = build(b1, 2, 1, 0, &m);
	assert_non_null(strstr(p->problem, "stack or counts"));
	gm_memprof_destroy(p);
	gm_memsrc_destroy(m);
	/* profiling off: said, no samples */
	bucket(0x100, 0, 1, 16, 2, stk, c);
	p = build(b1, 2, 1, 1, &m);
	assert_non_null(strstr(p->disabled, "disableMemoryProfiling"));
	assert_int_equal(p->nsamples, 0);
	gm_memprof_destroy(p);
	gm_memsrc_destroy(m);
	p = build(b1, 2, 0, 0, &m);
	assert_non_null(strstr(p->disabled, "MemProfileRate is 0"));
	gm_memprof_destroy(p);
	gm_memsrc_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_go_exp),
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_damaged),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
