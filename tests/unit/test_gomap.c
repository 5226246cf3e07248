/* Unit tests for gm_gomap on synthetic target memory: classic hash maps
 * (with overflow chains and a map caught mid-growth), Swiss tables (small
 * maps, directories whose tables span several entries, deleted slots),
 * sync.Map (read/dirty and HashTrieMap). Maps of 0, 1, 8, 9 and 5,000
 * entries with integer, string, struct and big (indirect) keys and values;
 * every entry must be found exactly once. Plus damaged memory: loops and
 * garbage must end with an error or a bounded partial walk.
 *
 * With arguments, the same on a real core (tests/typestest.py):
 *   test_gomap --core CORE EXE SPEC
 * SPEC lines "INDEX KIND COUNT GROWING" describe main.GMaps[INDEX] of
 * tests/progs/types (KIND int, string, struct, bigkey, bigelem; key i holds
 * i*10+1) and "syncmap N" main.SM (N live int entries). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gm_gomap.h"
#include "gm_gotype.h"
#include "gm_session.h"

#define BASE 0x10000000ull
#define HEAP (64u << 20)

static uint8_t *heap;
static uint64_t brk_;

static uint64_t alloc(uint64_t n)
{
	brk_ = (brk_ + 15) & ~15ull;
	uint64_t a = BASE + brk_;
	brk_ += n;
	assert_true(brk_ <= HEAP);
	memset(heap + (a - BASE), 0, n);
	return a;
}
static uint8_t *P(uint64_t a)
{
	return heap + (a - BASE);
}
static void w64(uint64_t a, uint64_t v)
{
	memcpy(P(a), &v, 8);
}
static uint64_t r64(uint64_t a)
{
	uint64_t v;
	memcpy(&v, P(a), 8);
	return v;
}

static struct gm_memsrc *mem(void)
{
	struct gm_memsrc *m;
	assert_null(gm_memsrc_create(&m));
	assert_null(gm_memsrc_add(m, BASE, HEAP, HEAP, heap, 0, GM_SEG_TEST));
	return m;
}

/* key kinds */
enum kk { K_INT, K_STR, K_STRUCT, K_BIG };
static const uint64_t ksize[] = {8, 16, 24, 200};
#define BIG_ELEM 300

struct spec {
	enum kk k;
	bool big_elem;
};

static uint64_t esize(const struct spec *s)
{
	return s->big_elem ? BIG_ELEM : 8;
}

/* writes key id (K) at a */
static void put_key(const struct spec *s, uint64_t a, uint32_t id)
{
	switch (s->k) {
	case K_INT: w64(a, id); break;
	case K_STR: {
		char buf[32];
		int n = snprintf(buf, sizeof(buf), "key-%u", id);
		uint64_t d = alloc((uint64_t)n);
		memcpy(P(d), buf, (size_t)n);
		w64(a, d);
		w64(a + 8, (uint64_t)n);
		break;
	}
	case K_STRUCT: w64(a, id); w64(a + 8, id * 3ull); w64(a + 16, id * 7ull); break;
	case K_BIG: w64(a, id); w64(a + 192, id ^ 0xffull); break;
	}
}
static void put_elem(const struct spec *s, uint64_t a, uint32_t id)
{
	w64(a, id * 10ull + 1);
	if (s->big_elem)
		w64(a + BIG_ELEM - 8, id * 5ull);
}

/* stores a key/elem into a slot (allocating the indirect object when needed) */
static void put_slot(const struct spec *s, const struct gm_maptype *mt, uint64_t ka, uint64_t ea,
		     uint32_t id)
{
	if (mt->indirect_key) {
		uint64_t o = alloc(ksize[s->k]);
		w64(ka, o);
		ka = o;
	}
	if (mt->indirect_elem) {
		uint64_t o = alloc(esize(s));
		w64(ea, o);
		ea = o;
	}
	put_key(s, ka, id);
	put_elem(s, ea, id);
}

struct seen {
	const struct spec *s;
	struct gm_memsrc *m;
	uint32_t n;
	uint8_t *cnt;
	int bad;
};

static int check(void *vctx, uint64_t k, uint64_t e)
{
	struct seen *c = vctx;
	uint64_t id = ~0ull, v;
	uint8_t b[200];
	switch (c->s->k) {
	case K_INT: assert_true(gm_memsrc_u64(c->m, k, &id)); break;
	case K_STR: {
		uint64_t d, n;
		assert_true(gm_memsrc_u64(c->m, k, &d) && gm_memsrc_u64(c->m, k + 8, &n));
		assert_true(n < 32 && gm_memsrc_try_read(c->m, d, b, n));
		b[n] = 0;
		assert_int_equal(sscanf((char *)b, "key-%" SCNu64, &id), 1);
		break;
	}
	case K_STRUCT:
		assert_true(gm_memsrc_try_read(c->m, k, b, 24));
		memcpy(&id, b, 8);
		memcpy(&v, b + 8, 8);
		assert_int_equal(v, id * 3);
		memcpy(&v, b + 16, 8);
		assert_int_equal(v, id * 7);
		break;
	case K_BIG:
		assert_true(gm_memsrc_try_read(c->m, k, b, 200));
		memcpy(&id, b, 8);
		memcpy(&v, b + 192, 8);
		assert_int_equal(v, id ^ 0xff);
		break;
	}
	assert_true(id < c->n);
	assert_true(gm_memsrc_u64(c->m, e, &v));
	assert_int_equal(v, id * 10 + 1);
	if (c->s->big_elem) {
		assert_true(gm_memsrc_u64(c->m, e + BIG_ELEM - 8, &v));
		assert_int_equal(v, id * 5);
	}
	c->cnt[id]++;
	return 0;
}

static uint32_t hash(uint32_t id)
{
	uint32_t h = id * 2654435761u;
	return h ^ (h >> 15);
}

/* A map header (48 bytes) with a non-zero hash seed, as every live map has
 * (hmap.hash0 at +12, Swiss Map.seed at +8: bytes 12-13 set both). */
static uint64_t map_hdr(void)
{
	uint64_t h = alloc(48);
	P(h)[12] = 0x5a;
	P(h)[13] = 0xa5;
	return h;
}

/* ---- classic hmap builder ---- */

static uint64_t hmap_new_buckets(const struct gm_maptype *mt, unsigned B)
{
	return alloc(mt->bucket_size << B);
}

/* inserts id into bucket chain b (appending an overflow bucket when full) */
static void hmap_put(const struct spec *s, const struct gm_maptype *mt, uint64_t b, uint32_t id,
		     uint64_t *noverflow)
{
	for (;;) {
		for (unsigned i = 0; i < 8; i++) {
			if (P(b)[i] >= 5)
				continue;
			P(b)[i] = (uint8_t)(5 + hash(id) % 250);
			put_slot(s, mt, b + 8 + i * mt->key_slot,
				 b + 8 + 8 * mt->key_slot + i * mt->elem_slot, id);
			return;
		}
		uint64_t ov = r64(b + mt->bucket_size - 8);
		if (!ov) {
			ov = alloc(mt->bucket_size);
			w64(b + mt->bucket_size - 8, ov);
			(*noverflow)++;
		}
		b = ov;
	}
}

/* A map of n entries; grow: leave it mid-growth with half the old buckets
 * evacuated (sameSize: a same-size grow). */
static uint64_t build_hmap(const struct spec *s, const struct gm_maptype *mt, uint32_t n,
			   bool grow, bool same_size)
{
	uint64_t h = map_hdr();
	w64(h, n);
	if (n == 0)
		return h;
	unsigned B = 0;
	while ((8ull << B) * 13 / 16 < n)
		B++;
	uint64_t nov = 0;
	if (!grow) {
		uint64_t bk = hmap_new_buckets(mt, B);
		for (uint32_t id = 0; id < n; id++)
			hmap_put(s, mt, bk + (hash(id) & ((1u << B) - 1)) * mt->bucket_size, id, &nov);
		P(h)[9] = (uint8_t)B;
		w64(h + 16, bk);
		return h;
	}
	if (B == 0)
		B = 1;
	unsigned oB = same_size ? B : B - 1;
	uint64_t old = hmap_new_buckets(mt, oB), nb = hmap_new_buckets(mt, B);
	uint64_t nold = 1ull << oB;
	for (uint32_t id = 0; id < n; id++) {
		uint64_t ob = hash(id) & (nold - 1);
		if (ob < nold / 2) /* evacuated: lives in the new buckets */
			hmap_put(s, mt, nb + (hash(id) & ((1u << B) - 1)) * mt->bucket_size, id, &nov);
		else
			hmap_put(s, mt, old + ob * mt->bucket_size, id, &nov);
	}
	/* the evacuated old buckets keep stale copies marked evacuatedX/Y/Empty */
	for (uint64_t ob = 0; ob < nold / 2; ob++) {
		uint64_t b = old + ob * mt->bucket_size;
		for (unsigned i = 0; i < 8; i++) {
			P(b)[i] = (uint8_t)(2 + i % 3);
			put_slot(s, mt, b + 8 + i * mt->key_slot,
				 b + 8 + 8 * mt->key_slot + i * mt->elem_slot, 0);
		}
	}
	P(h)[8] = same_size ? 8 : 0;
	P(h)[9] = (uint8_t)B;
	w64(h + 16, nb);
	w64(h + 24, old);
	w64(h + 32, nold / 2);
	return h;
}

/* ---- Swiss builder ---- */

static void swiss_put_group(const struct spec *s, const struct gm_maptype *mt, uint64_t g,
			    unsigned slot, uint32_t id)
{
	uint64_t ctrl = r64(g);
	ctrl &= ~(0xffull << (8 * slot));
	ctrl |= (uint64_t)(hash(id) & 0x7f) << (8 * slot);
	w64(g, ctrl);
	put_slot(s, mt, g + mt->keys_off + slot * mt->key_stride,
		 g + mt->elems_off + slot * mt->elem_stride, id);
}

static uint64_t new_group(const struct gm_maptype *mt, uint64_t n)
{
	uint64_t g = alloc(mt->group_size * n);
	for (uint64_t i = 0; i < n; i++)
		w64(g + i * mt->group_size, 0x8080808080808080ull);
	return g;
}

/* n entries; n <= 8: a small map; else a directory of 1<<gdepth entries
 * where table t covers 1<<(gdepth-ldepth[t]) entries. */
static uint64_t build_swiss(const struct spec *s, const struct gm_maptype *mt, uint32_t n,
			    bool force_dir)
{
	uint64_t h = map_hdr();
	w64(h, n);
	if (n == 0)
		return h;
	if (n <= 8 && !force_dir) {
		uint64_t g = new_group(mt, 1);
		/* fill slots with gaps: slot i*... deterministic */
		for (uint32_t id = 0; id < n; id++)
			swiss_put_group(s, mt, g, (id * 3) % 8, id);
		w64(h + 16, g);
		return h;
	}
	/* directory: gdepth 3 (8 entries); tables: depth 1 (entries 0-3),
	 * depth 3 (4), depth 3 (5), depth 2 (6-7) */
	const unsigned gdepth = 3;
	const unsigned tstart[] = {0, 4, 5, 6}, tdepth[] = {1, 3, 3, 2};
	uint64_t dir = alloc(8 << gdepth);
	uint64_t ngroups = 1;
	while (ngroups * 8 * 7 / 8 < n / 4 + 8)
		ngroups <<= 1;
	uint64_t tabs[4], groups[4];
	for (int t = 0; t < 4; t++) {
		tabs[t] = alloc(32);
		groups[t] = new_group(mt, ngroups);
		P(tabs[t])[6] = (uint8_t)tdepth[t];
		w64(tabs[t] + 8, tstart[t]);
		w64(tabs[t] + 16, groups[t]);
		w64(tabs[t] + 24, ngroups - 1);
		for (unsigned i = 0; i < (1u << (gdepth - tdepth[t])); i++)
			w64(dir + (tstart[t] + i) * 8, tabs[t]);
	}
	for (uint32_t id = 0; id < n; id++) {
		int t = (int)(hash(id) % 4);
		uint64_t g = hash(id) / 4 % ngroups;
		for (uint64_t probe = 0;; probe++) {
			assert_true(probe < ngroups);
			uint64_t ga = groups[t] + ((g + probe) % ngroups) * mt->group_size;
			uint64_t ctrl = r64(ga);
			int free_slot = -1;
			for (unsigned i = 0; i < 8 && free_slot < 0; i++)
				if ((ctrl >> (8 * i)) & 0x80)
					free_slot = (int)i;
			if (free_slot >= 0) {
				swiss_put_group(s, mt, ga, (unsigned)free_slot, id);
				break;
			}
		}
	}
	/* deleted slots: mark a few empty slots as tombstones */
	for (int t = 0; t < 4; t++) {
		uint64_t ctrl = r64(groups[t]);
		for (unsigned i = 0; i < 8; i++)
			if (((ctrl >> (8 * i)) & 0xff) == 0x80) {
				ctrl = (ctrl & ~(0xffull << (8 * i))) | (0xfeull << (8 * i));
				break;
			}
		w64(groups[t], ctrl);
	}
	w64(h + 16, dir);
	w64(h + 24, 1u << gdepth);
	P(h)[32] = (uint8_t)gdepth;
	return h;
}

static void expect_err(struct gm_error *e)
{
	assert_non_null(e);
	gm_error_destroy(e);
}

static void run_and_check(struct gm_memsrc *m, const struct spec *s, const struct gm_maptype *mt,
			  uint64_t h, uint32_t n)
{
	struct seen c = {s, m, n ? n : 1, calloc(n ? n : 1, 1), 0};
	struct gm_gomap_stats st;
	struct gm_error *e = gm_gomap_foreach(m, mt, h, 0, check, &c, &st);
	if (e)
		fail_msg("%s", e->msg);
	assert_int_equal(st.visited, n);
	assert_int_equal(st.count, n);
	assert_false(st.truncated);
	assert_int_equal(st.skipped, 0);
	for (uint32_t i = 0; i < n; i++)
		if (c.cnt[i] != 1)
			fail_msg("entry %u seen %u times (n=%u)", i, c.cnt[i], n);
	free(c.cnt);
}

static const uint32_t sizes[] = {0, 1, 8, 9, 5000};
static const struct spec specs[] = {
	{K_INT, false}, {K_STR, false}, {K_STRUCT, false}, {K_BIG, false}, {K_INT, true}, {K_BIG, true},
};
static const uint64_t kalign[] = {8, 8, 8, 8};

static void test_hmap(void **state)
{
	(void)state;
	struct gm_memsrc *m = mem();
	for (size_t si = 0; si < sizeof(specs) / sizeof(specs[0]); si++) {
		const struct spec *s = &specs[si];
		struct gm_maptype mt;
		assert_null(gm_maptype_synth(GM_MAP_HMAP, ksize[s->k], kalign[s->k], esize(s), 8, &mt));
		assert_int_equal(mt.indirect_key, s->k == K_BIG);
		assert_int_equal(mt.indirect_elem, s->big_elem);
		for (size_t ni = 0; ni < sizeof(sizes) / sizeof(sizes[0]); ni++) {
			brk_ = 0;
			uint64_t h = build_hmap(s, &mt, sizes[ni], false, false);
			run_and_check(m, s, &mt, h, sizes[ni]);
			if (sizes[ni] >= 8) {
				brk_ = 0;
				h = build_hmap(s, &mt, sizes[ni], true, false);
				run_and_check(m, s, &mt, h, sizes[ni]);
				brk_ = 0;
				h = build_hmap(s, &mt, sizes[ni], true, true);
				run_and_check(m, s, &mt, h, sizes[ni]);
			}
		}
	}
	/* nil map */
	struct gm_maptype mt;
	assert_null(gm_maptype_synth(GM_MAP_HMAP, 8, 8, 8, 8, &mt));
	struct gm_gomap_stats st;
	assert_null(gm_gomap_foreach(m, &mt, 0, 0, check, NULL, &st));
	assert_int_equal(st.visited, 0);
	gm_memsrc_destroy(m);
}

static void test_swiss(void **state)
{
	(void)state;
	struct gm_memsrc *m = mem();
	const size_t nspecs = sizeof(specs) / sizeof(specs[0]);
	for (size_t x = 0; x < 2 * nspecs; x++) {
		bool split = x >= nspecs; /* 1.27 mapsplitgroup groups */
		const struct spec *s = &specs[x % nspecs];
		struct gm_maptype mt;
		assert_null(gm_maptype_synth(split ? GM_MAP_SWISS_SPLIT : GM_MAP_SWISS, ksize[s->k],
					     kalign[s->k], esize(s), 8, &mt));
		for (size_t ni = 0; ni < sizeof(sizes) / sizeof(sizes[0]); ni++) {
			brk_ = 0;
			uint64_t h = build_swiss(s, &mt, sizes[ni], false);
			run_and_check(m, s, &mt, h, sizes[ni]);
			if (sizes[ni]) {
				brk_ = 0;
				h = build_swiss(s, &mt, sizes[ni], true);
				run_and_check(m, s, &mt, h, sizes[ni]);
			}
		}
	}
	gm_memsrc_destroy(m);
}

/* synth layouts equal what the compilers give (values read from real
 * descriptors: map[string]int 1.24: slot 24, elemoff 16, group 200) */
static void test_synth(void **state)
{
	(void)state;
	struct gm_maptype mt;
	assert_null(gm_maptype_synth(GM_MAP_SWISS, 16, 8, 8, 8, &mt));
	assert_int_equal(mt.group_size, 200);
	assert_int_equal(mt.key_stride, 24);
	assert_int_equal(mt.elems_off, 8 + 16);
	assert_null(gm_maptype_synth(GM_MAP_SWISS, 4, 4, 8, 8, &mt)); /* map[int32]unsafe.Pointer */
	assert_int_equal(mt.group_size, 8 + 8 * 16);
	assert_int_equal(mt.elems_off, 16);
	/* 1.27 mapsplitgroup, map[string]int: KeysOff 8, KeyStride 16, ElemsOff 136, ElemStride 8 */
	assert_null(gm_maptype_synth(GM_MAP_SWISS_SPLIT, 16, 8, 8, 8, &mt));
	assert_int_equal(mt.impl, GM_MAP_SWISS);
	assert_int_equal(mt.keys_off, 8);
	assert_int_equal(mt.key_stride, 16);
	assert_int_equal(mt.elems_off, 136);
	assert_int_equal(mt.elem_stride, 8);
	assert_int_equal(mt.group_size, 200);
	assert_null(gm_maptype_synth(GM_MAP_HMAP, 16, 8, 8, 8, &mt)); /* map[any]*entry */
	assert_int_equal(mt.bucket_size, 208);
	assert_null(gm_maptype_synth(GM_MAP_HMAP, 4, 4, 8, 8, &mt));
	assert_int_equal(mt.bucket_size, 112);
	assert_null(gm_maptype_synth(GM_MAP_HMAP, 200, 8, 300, 8, &mt));
	assert_true(mt.indirect_key && mt.indirect_elem);
	assert_int_equal(mt.bucket_size, 8 + 64 + 64 + 8);
	expect_err(gm_maptype_synth(GM_MAP_HMAP, 8, 3, 8, 8, &mt));
}

/* ---- damaged memory ---- */
static void test_damaged(void **state)
{
	(void)state;
	struct gm_memsrc *m = mem();
	struct spec s = {K_INT, false};
	struct gm_maptype mt;
	struct gm_gomap_stats st;
	struct seen c = {&s, m, 100, calloc(100, 1), 0};
	assert_null(gm_maptype_synth(GM_MAP_HMAP, 8, 8, 8, 8, &mt));
	brk_ = 0;
	/* overflow chain that loops on itself */
	uint64_t h = build_hmap(&s, &mt, 9, false, false);
	uint64_t bk = r64(h + 16);
	uint64_t ov = r64(bk + mt.bucket_size - 8);
	if (!ov) /* 9 entries in B=1 maybe no overflow: make a loop on bucket 0 */
		ov = bk;
	w64(ov + mt.bucket_size - 8, ov);
	memset(c.cnt, 0, 100);
	assert_null(gm_gomap_foreach(m, &mt, h, 1000, NULL, NULL, &st));
	assert_true(st.truncated);
	assert_true(st.visited <= 1000);
	/* header unreadable / B absurd / buckets unreadable */
	expect_err(gm_gomap_foreach(m, &mt, 0x1000, 0, NULL, NULL, &st));
	P(h)[9] = 200;
	expect_err(gm_gomap_foreach(m, &mt, h, 0, NULL, NULL, &st));
	P(h)[9] = 1;
	w64(h + 16, 0x5000);
	expect_err(gm_gomap_foreach(m, &mt, h, 0, NULL, NULL, &st));
	/* huge B with buckets at the end of memory: an error, at once */
	P(h)[9] = 30;
	w64(h + 16, BASE + HEAP - mt.bucket_size);
	expect_err(gm_gomap_foreach(m, &mt, h, 0, NULL, NULL, &st));
	/* old buckets partly unreadable: the new ones are walked, truncated */
	brk_ = 0;
	h = build_hmap(&s, &mt, 100, true, false);
	w64(h + 24, BASE + HEAP - mt.bucket_size);
	assert_null(gm_gomap_foreach(m, &mt, h, 0, NULL, NULL, &st));
	assert_true(st.truncated && st.growing);

	/* Swiss: bad directory length, table cycle in the directory */
	struct gm_maptype smt;
	assert_null(gm_maptype_synth(GM_MAP_SWISS, 8, 8, 8, 8, &smt));
	brk_ = 0;
	h = build_swiss(&s, &smt, 100, false);
	w64(h + 24, 7);
	expect_err(gm_gomap_foreach(m, &smt, h, 0, NULL, NULL, &st));
	w64(h + 24, 8);
	P(h)[32] = 3;
	uint64_t dir = r64(h + 16);
	w64(dir + 8 * 4, 0x1234); /* unreadable table */
	assert_null(gm_gomap_foreach(m, &smt, h, 0, NULL, NULL, &st));
	assert_true(st.truncated);
	/* small map claiming 100 entries */
	w64(h + 24, 0);
	expect_err(gm_gomap_foreach(m, &smt, h, 0, NULL, NULL, &st));
	/* table with a garbage groups mask */
	w64(h + 24, 8);
	uint64_t t0 = r64(dir);
	w64(t0 + 24, 0xfffffffffffull);
	assert_null(gm_gomap_foreach(m, &smt, h, 0, NULL, NULL, &st));
	assert_true(st.truncated);
	/* stop from the callback */
	brk_ = 0;
	h = build_swiss(&s, &smt, 50, false);
	assert_null(gm_gomap_foreach(m, &smt, h, 0, check, &c, &st));
	assert_false(st.stopped);
	free(c.cnt);
	gm_memsrc_destroy(m);
}

/* ---- sync.Map ---- */

struct eface_seen {
	struct gm_memsrc *m;
	uint8_t cnt[64];
};

static int eface_check(void *vctx, uint64_t k, uint64_t v)
{
	struct eface_seen *c = vctx;
	uint64_t kt, kd, vt, vd, id, val;
	assert_true(gm_memsrc_u64(c->m, k, &kt) && gm_memsrc_u64(c->m, k + 8, &kd));
	assert_true(gm_memsrc_u64(c->m, v, &vt) && gm_memsrc_u64(c->m, v + 8, &vd));
	assert_int_equal(kt, 0x777);
	assert_int_equal(vt, 0x888);
	assert_true(gm_memsrc_u64(c->m, kd, &id) && gm_memsrc_u64(c->m, vd, &val));
	assert_true(id < 64);
	assert_int_equal(val, id * 100);
	c->cnt[id]++;
	return 0;
}

static void eface(uint64_t a, uint64_t typ, uint64_t val)
{
	uint64_t d = alloc(8);
	w64(d, val);
	w64(a, typ);
	w64(a + 8, d);
}

static void test_syncmap_rw(void **state)
{
	(void)state;
	struct gm_memsrc *m = mem();
	for (int impl = GM_SYNCMAP_RW_119; impl <= GM_SYNCMAP_RW; impl++) {
		for (int mi = 0; mi < 2; mi++) {
			enum gm_map_impl mimpl = mi ? GM_MAP_SWISS : GM_MAP_HMAP;
			for (int amended = 0; amended < 2; amended++) {
				brk_ = 0;
				struct gm_maptype mt;
				assert_null(gm_maptype_synth(mimpl, 16, 8, 8, 8, &mt));
				uint64_t expunged = alloc(16);
				/* a map[any]*entry of 40 entries: 30 live, 5 nil, 5 expunged */
				uint64_t h = map_hdr(), g = 0, dir = 0;
				const unsigned n = 40;
				if (mimpl == GM_MAP_HMAP) {
					g = alloc(mt.bucket_size * 8);
					P(h)[9] = 3;
					w64(h + 16, g);
				} else {
					dir = alloc(8);
					uint64_t t = alloc(32);
					g = new_group(&mt, 8);
					w64(t + 16, g);
					w64(t + 24, 7);
					w64(dir, t);
					w64(h + 16, dir);
					w64(h + 24, 1);
				}
				w64(h, n);
				for (unsigned id = 0; id < n; id++) {
					uint64_t b = g + (id / 5) * (mimpl == GM_MAP_HMAP ? mt.bucket_size
											   : mt.group_size);
					unsigned i = id % 5;
					uint64_t ka, ea;
					if (mimpl == GM_MAP_HMAP) {
						P(b)[i] = 9;
						ka = b + 8 + i * 16;
						ea = b + 8 + 8 * 16 + i * 8;
					} else {
						uint64_t ctrl = r64(b);
						ctrl &= ~(0xffull << (8 * i));
						w64(b, ctrl);
						ka = b + mt.keys_off + i * mt.key_stride;
						ea = b + mt.elems_off + i * mt.elem_stride;
					}
					eface(ka, 0x777, id);
					uint64_t ent = alloc(8);
					w64(ea, ent);
					if (id >= 30 && id < 35)
						continue; /* p == nil */
					if (id >= 35) {
						w64(ent, expunged);
						continue;
					}
					uint64_t p = alloc(16);
					eface(p, 0x888, id * 100ull);
					w64(ent, p);
				}
				uint64_t sm = alloc(40), ro = alloc(16);
				uint64_t empty = map_hdr(); /* read.m: an empty map when amended */
				w64(ro, amended ? empty : h);
				P(ro)[8] = (uint8_t)amended;
				if (impl == GM_SYNCMAP_RW_119) {
					w64(sm + 8, 0x999);
					w64(sm + 16, ro);
					w64(sm + 24, amended ? h : 0);
				} else {
					w64(sm + 8, ro);
					w64(sm + 16, amended ? h : 0);
				}
				for (int known = 0; known < 2; known++) {
					struct eface_seen c = {m, {0}};
					struct gm_gomap_stats st;
					struct gm_error *e = gm_syncmap_foreach(
						m, (enum gm_syncmap_impl)impl, &mt, known ? expunged : 0, sm,
						0, eface_check, &c, &st);
					if (e)
						fail_msg("%s", e->msg);
					assert_int_equal(st.visited, 30);
					for (unsigned id = 0; id < n; id++)
						assert_int_equal(c.cnt[id], id < 30);
				}
			}
		}
	}
	gm_memsrc_destroy(m);
}

static uint64_t trie_indirect(void)
{
	return alloc(24 + 16 * 8);
}

static void test_syncmap_trie(void **state)
{
	(void)state;
	struct gm_memsrc *m = mem();
	brk_ = 0;
	uint64_t sm = alloc(48);
	struct eface_seen c = {m, {0}};
	struct gm_gomap_stats st;
	/* never initialised */
	assert_null(gm_syncmap_foreach(m, GM_SYNCMAP_TRIE, NULL, 0, sm, 0, eface_check, &c, &st));
	assert_int_equal(st.visited, 0);
	uint64_t root = trie_indirect();
	w64(sm + 16, root);
	/* 50 entries: children of root by id%16; ids >= 16 go one level down
	 * in an indirect node, and every 7th is in an overflow chain */
	uint64_t sub[16] = {0};
	uint64_t last[16][16] = {{0}};
	for (unsigned id = 0; id < 50; id++) {
		uint64_t e = alloc(48);
		P(e)[0] = 1;
		eface(e + 16, 0x777, id);
		eface(e + 32, 0x888, id * 100ull);
		unsigned a = id % 16, b = (id / 16) % 16;
		if (id < 16) {
			w64(root + 24 + a * 8, e);
			last[a][0] = e;
			continue;
		}
		if (id % 7 == 0 && last[a][0]) { /* overflow of the level-0 entry */
			uint64_t x = last[a][0];
			while (r64(x + 8))
				x = r64(x + 8);
			w64(x + 8, e);
			continue;
		}
		if (!sub[a]) {
			sub[a] = trie_indirect();
			/* move the level-0 entry (and its chain) under the new node */
			w64(sub[a] + 24 + 0 * 8, r64(root + 24 + a * 8));
			w64(sub[a] + 16, root);
			w64(root + 24 + a * 8, sub[a]);
		}
		w64(sub[a] + 24 + (b ? b : 15) * 8, e);
	}
	assert_null(gm_syncmap_foreach(m, GM_SYNCMAP_TRIE, NULL, 0, sm, 0, eface_check, &c, &st));
	assert_int_equal(st.visited, 50);
	for (unsigned id = 0; id < 50; id++)
		assert_int_equal(c.cnt[id], 1);
	/* a cycle: an indirect node that is its own child */
	w64(sub[1] + 24 + 5 * 8, sub[1]);
	assert_null(gm_syncmap_foreach(m, GM_SYNCMAP_TRIE, NULL, 0, sm, 0, NULL, NULL, &st));
	assert_true(st.truncated);
	/* a DAG: every child of a node is the same node, 16^20 paths: the
	 * step budget ends it */
	uint64_t dag = trie_indirect();
	for (unsigned i = 0; i < 16; i++)
		w64(dag + 24 + i * 8, dag);
	uint64_t sm2 = alloc(48);
	w64(sm2 + 16, dag);
	assert_null(gm_syncmap_foreach(m, GM_SYNCMAP_TRIE, NULL, 0, sm2, 0, NULL, NULL, &st));
	assert_true(st.truncated);
	/* a classic map whose every bucket's overflow is bucket 0 (with one
	 * full slot): bounded by the step budget / entry limit */
	{
		struct gm_maptype hm;
		assert_null(gm_maptype_synth(GM_MAP_HMAP, 8, 8, 8, 8, &hm));
		uint64_t hh = map_hdr(), bk = alloc(hm.bucket_size << 12);
		w64(hh, 1);
		P(hh)[9] = 12;
		w64(hh + 16, bk);
		for (unsigned i = 0; i < 4096; i++)
			w64(bk + i * hm.bucket_size + hm.bucket_size - 8, bk);
		P(bk)[0] = 9;
		assert_null(gm_gomap_foreach(m, &hm, hh, 0, NULL, NULL, &st));
		assert_true(st.truncated);
	}
	/* an overflow chain that loops */
	uint64_t e0 = r64(root + 24 + 2 * 8);
	if (P(e0)[0] == 0)
		e0 = r64(e0 + 24);
	w64(e0 + 8, e0);
	assert_null(gm_syncmap_foreach(m, GM_SYNCMAP_TRIE, NULL, 0, sm, 10000, NULL, NULL, &st));
	assert_true(st.truncated);
	gm_memsrc_destroy(m);
}

/* ---- real cores ---- */

struct real_ctx {
	struct gm_memsrc *m;
	char kind[16];
	uint32_t n;
	uint8_t *cnt;
	int bad;
};

static int real_check(void *vctx, uint64_t k, uint64_t e)
{
	struct real_ctx *c = vctx;
	uint64_t id = ~0ull, v = 0, x;
	char b[32];
	if (!strcmp(c->kind, "int")) {
		gm_memsrc_u64(c->m, k, &id);
	} else if (!strcmp(c->kind, "string")) {
		uint64_t d, n;
		if (gm_memsrc_u64(c->m, k, &d) && gm_memsrc_u64(c->m, k + 8, &n) && n < 31 &&
		    gm_memsrc_try_read(c->m, d, b, n)) {
			b[n] = 0;
			if (b[0] == 'k')
				id = strtoull(b + 1, NULL, 10);
		}
	} else if (!strcmp(c->kind, "struct")) {
		if (gm_memsrc_u64(c->m, k, &id) && (!gm_memsrc_u64(c->m, k + 8, &x) || x != 2 * id))
			id = ~0ull;
	} else if (!strcmp(c->kind, "bigkey")) {
		if (gm_memsrc_u64(c->m, k, &id) && (!gm_memsrc_u64(c->m, k + 152, &x) || x != 3 * id))
			id = ~0ull;
	} else if (!strcmp(c->kind, "bigelem")) {
		gm_memsrc_u64(c->m, k, &id);
		if (!gm_memsrc_u64(c->m, e + 312, &x) || x != 5 * id)
			id = ~0ull;
	}
	if (id >= c->n || !gm_memsrc_u64(c->m, e, &v) || v != id * 10 + 1) {
		c->bad++;
		return 0;
	}
	c->cnt[id]++;
	return 0;
}

static int sync_check(void *vctx, uint64_t k, uint64_t e)
{
	struct real_ctx *c = vctx;
	uint64_t kd, ed, id = ~0ull, v = 0;
	if (gm_memsrc_u64(c->m, k + 8, &kd) && gm_memsrc_u64(c->m, e + 8, &ed))
		if (!gm_memsrc_u64(c->m, kd, &id) || !gm_memsrc_u64(c->m, ed, &v))
			id = ~0ull;
	if (id >= c->n || v != id * 10 + 1) {
		c->bad++;
		return 0;
	}
	c->cnt[id]++;
	return 0;
}

static int real_core(const char *core, const char *exe, const char *spec)
{
	struct gm_session_opts o = {.core = core, .exe = exe};
	struct gm_session *s;
	struct gm_error *err = gm_session_open(&o, &s);
	if (err) {
		fprintf(stderr, "open: %s\n", err->msg);
		gm_error_destroy(err);
		return 1;
	}
	struct gm_memsrc *m = s->target->mem;
	struct gm_goimpl impl;
	gm_goimpl_of(s->gobin, s->layout.go_minor, &impl);
	uint64_t gmaps = 0, sm = 0, expv = 0, expunged = 0;
	int fails = 0, checked = 0;
	if (!gm_gobin_sym(s->gobin, "main.GMaps", &gmaps, NULL) ||
	    !gm_gobin_sym(s->gobin, "main.SM", &sm, NULL)) {
		fprintf(stderr, "main.GMaps / main.SM: no symbol\n");
		gm_session_destroy(s);
		return 1;
	}
	if (gm_gobin_sym(s->gobin, "sync.expunged", &expv, NULL))
		gm_memsrc_u64(m, expv, &expunged);
	FILE *f = fopen(spec, "r");
	if (!f) {
		perror(spec);
		gm_session_destroy(s);
		return 1;
	}
	char line[128];
	while (fgets(line, sizeof(line), f)) {
		struct real_ctx c = {m, "", 0, NULL, 0};
		unsigned idx, n, grow;
		struct gm_gomap_stats st;
		char what[64];
		if (sscanf(line, "syncmap %u", &n) == 1) {
			c.n = 200;
			c.cnt = calloc(c.n, 1);
			struct gm_maptype mt;
			err = gm_maptype_synth(impl.map, 16, 8, 8, 8, &mt);
			if (!err)
				err = gm_syncmap_foreach(m, impl.syncmap, &mt, expunged, sm, 0, sync_check,
							 &c, &st);
			snprintf(what, sizeof(what), "sync.Map (%s)",
				 impl.syncmap == GM_SYNCMAP_TRIE ? "HashTrieMap" : "read/dirty");
		} else if (sscanf(line, "%u %15s %u %u", &idx, c.kind, &n, &grow) == 4) {
			c.n = n ? n : 1;
			c.cnt = calloc(c.n, 1);
			uint64_t typ = 0, h = 0;
			struct gm_maptype mt;
			if (!gm_memsrc_u64(m, gmaps + 16 * idx, &typ) ||
			    !gm_memsrc_u64(m, gmaps + 16 * idx + 8, &h))
				err = gm_error_create(GM_ERR_FAULT, "GMaps[%u] not readable", idx);
			else
				err = gm_maptype_read(m, s->layout.go_minor, impl.map, typ, &mt);
			if (!err)
				err = gm_gomap_foreach(m, &mt, h, 0, real_check, &c, &st);
			if (!err && grow && !st.growing)
				err = gm_error_create(GM_ERR_FORMAT, "map should be growing");
			if (!err && !strcmp(c.kind, "bigkey") && !mt.indirect_key)
				err = gm_error_create(GM_ERR_FORMAT, "key should be indirect");
			if (!err && !strcmp(c.kind, "bigelem") && !mt.indirect_elem)
				err = gm_error_create(GM_ERR_FORMAT, "elem should be indirect");
			snprintf(what, sizeof(what), "GMaps[%u] %s %u%s", idx, c.kind, n,
				 grow ? " growing" : "");
		} else {
			continue;
		}
		checked++;
		char msg[240] = "";
		if (err) {
			snprintf(msg, sizeof(msg), "%s", err->msg);
			gm_error_destroy(err);
			err = NULL;
		} else if (c.bad || st.visited != n || st.truncated || st.skipped) {
			snprintf(msg, sizeof(msg), "visited %llu (want %u), %d bad, truncated %d skipped %llu",
				 (unsigned long long)st.visited, n, c.bad, st.truncated,
				 (unsigned long long)st.skipped);
		} else {
			for (uint32_t i = 0; i < n; i++)
				if (c.cnt[i] != 1) {
					snprintf(msg, sizeof(msg), "entry %u seen %u times", i, c.cnt[i]);
					break;
				}
		}
		printf("%s %s%s%s\n", msg[0] ? "FAIL" : "ok  ", what, msg[0] ? ": " : "", msg);
		fails += msg[0] != 0;
		free(c.cnt);
	}
	fclose(f);
	gm_session_destroy(s);
	if (!checked) {
		fprintf(stderr, "%s: nothing to check\n", spec);
		return 1;
	}
	return fails ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "--core"))
		return real_core(argv[2], argv[3], argv[4]);
	heap = malloc(HEAP);
	if (!heap)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_synth),
		cmocka_unit_test(test_hmap),
		cmocka_unit_test(test_swiss),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_syncmap_rw),
		cmocka_unit_test(test_syncmap_trie),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(heap);
	return rc;
}
