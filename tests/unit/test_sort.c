/* Unit tests for gm_sort_u64: equal to qsort's order on random, sorted,
 * reversed, duplicate-heavy and shared-digit keys, short and long; and for
 * gm_sort_by_key: the same keys in (key, position) records, sorted by key
 * and stably (equal keys in their first order). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gm_sort.h"

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void check(uint64_t *v, size_t n)
{
	uint64_t *w = malloc((n ? n : 1) * sizeof(*w));
	assert_non_null(w);
	memcpy(w, v, n * sizeof(*w));
	qsort(w, n, sizeof(*w), cmp);
	gm_sort_u64(v, n);
	assert_memory_equal(v, w, n * sizeof(*w));
	free(w);
}

static void test_shapes(void **state)
{
	(void)state;
	static const size_t sizes[] = {0, 1, 2, 3, 100, 511, 512, 513, 4096, 100000};
	for (size_t si = 0; si < sizeof(sizes) / sizeof(*sizes); si++) {
		size_t n = sizes[si];
		uint64_t *v = malloc((n ? n : 1) * sizeof(*v));
		assert_non_null(v);
		for (int shape = 0; shape < 6; shape++) {
			for (size_t i = 0; i < n; i++) {
				switch (shape) {
				case 0: v[i] = next(); break;                              /* random */
				case 1: v[i] = 0xc000000000ull + 8 * i; break;             /* sorted addresses */
				case 2: v[i] = UINT64_MAX - i; break;                      /* reversed */
				case 3: v[i] = next() % 7; break;                          /* duplicates */
				case 4: v[i] = 0x7f0000000000ull | (next() & 0xffff0000ull); break; /* shared digits */
				default: v[i] = (next() & 1) ? 0 : UINT64_MAX; break;      /* extremes */
				}
			}
			check(v, n);
		}
		free(v);
	}
}

struct rec {
	uint64_t key, pos;
};

static void check_records(const uint64_t *keys, size_t n)
{
	struct rec *v = malloc((n ? n : 1) * sizeof(*v));
	uint64_t *w = malloc((n ? n : 1) * sizeof(*w));
	char *seen = calloc(n ? n : 1, 1);
	assert_true(v && w && seen);
	for (size_t i = 0; i < n; i++)
		v[i] = (struct rec){keys[i], i};
	memcpy(w, keys, n * sizeof(*w));
	qsort(w, n, sizeof(*w), cmp);
	gm_sort_by_key(v, n, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].key, w[i]);            /* qsort's order of the keys */
		assert_true(v[i].pos < n && !seen[v[i].pos]); /* every record once */
		seen[v[i].pos] = 1;
		assert_int_equal(keys[v[i].pos], v[i].key);   /* moved whole */
		if (i > 0 && v[i - 1].key == v[i].key)
			assert_true(v[i - 1].pos < v[i].pos); /* stable */
	}
	free(v);
	free(w);
	free(seen);
}

static void test_by_key(void **state)
{
	(void)state;
	static const size_t sizes[] = {0, 1, 2, 3, 63, 64, 65, 4096, 100000};
	for (size_t si = 0; si < sizeof(sizes) / sizeof(*sizes); si++) {
		size_t n = sizes[si];
		uint64_t *k = malloc((n ? n : 1) * sizeof(*k));
		assert_non_null(k);
		for (int shape = 0; shape < 6; shape++) {
			for (size_t i = 0; i < n; i++) {
				switch (shape) {
				case 0: k[i] = next(); break;
				case 1: k[i] = 0xc000000000ull + 8 * i; break;
				case 2: k[i] = UINT64_MAX - i; break;
				case 3: k[i] = next() % 7; break;
				case 4: k[i] = 0x7f0000000000ull | (next() & 0xffff0000ull); break;
				default: k[i] = (next() & 1) ? 0 : UINT64_MAX; break;
				}
			}
			check_records(k, n);
		}
		free(k);
	}
	/* 24-byte records: the general copy */
	struct r3 {
		uint64_t key, a, b;
	} v[300];
	for (size_t i = 0; i < 300; i++)
		v[i] = (struct r3){next() % 50, i, ~i};
	gm_sort_by_key(v, 300, sizeof(*v));
	for (size_t i = 0; i < 300; i++) {
		assert_int_equal(v[i].b, ~v[i].a);
		if (i > 0)
			assert_true(v[i - 1].key < v[i].key || (v[i - 1].key == v[i].key && v[i - 1].a < v[i].a));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_by_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
