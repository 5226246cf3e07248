/* Unit tests for gm_bigmem: zeroed blocks small and large, a large one
 * 2 MiB-aligned in its own mapping (not in an AddressSanitizer build, where
 * every block is malloc's), growth across the 2 MiB threshold keeping the
 * contents, and sizes that overflow refused without a change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gm_bigmem.h"

static void zeroed(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			fail_msg("byte %zu is %u", i, p[i]);
}

static void test_zeroed_blocks(void **state)
{
	(void)state;
	uint32_t *s = gm_big_calloc(1000, sizeof(*s));
	assert_non_null(s);
	zeroed((const uint8_t *)s, 1000 * sizeof(*s));
	s[999] = 7;
	gm_big_free(s);
	size_t n = (size_t)1 << 20; /* 8 MiB */
	uint64_t *l = gm_big_calloc(n, sizeof(*l));
	assert_non_null(l);
	zeroed((const uint8_t *)l, n * sizeof(*l));
	if (gm_big_maps()) /* the header (64 bytes) at the mapping's 2 MiB-aligned start */
		assert_int_equal(((uintptr_t)l - 64) % ((uintptr_t)2 << 20), 0);
	for (size_t i = 0; i < n; i++)
		l[i] = i * 3;
	for (size_t i = 0; i < n; i++)
		assert_int_equal(l[i], i * 3);
	gm_big_free(l);
	gm_big_free(NULL);
}

static void test_grow(void **state)
{
	(void)state;
	uint64_t *v = NULL;
	size_t cap = 0, n = 700000; /* 5.6 MB: malloc'd, then mapped twice */
	for (size_t i = 0; i < n; i++) {
		if (i == cap) {
			size_t old = cap;
			assert_true(gm_big_grow((void **)&v, &cap, i + 1, sizeof(*v)));
			assert_true(cap > old);
			for (size_t k = 0; k < i; k++)
				if (v[k] != k * 7 + 1)
					fail_msg("element %zu lost growing %zu -> %zu", k, old, cap);
		}
		v[i] = i * 7 + 1;
	}
	assert_true(gm_big_grow((void **)&v, &cap, 10, sizeof(*v))); /* no shrink */
	for (size_t k = 0; k < n; k++)
		assert_int_equal(v[k], k * 7 + 1);
	gm_big_free(v);
}

static void test_overflow(void **state)
{
	(void)state;
	assert_null(gm_big_calloc(SIZE_MAX / 2, 4));
	assert_null(gm_big_calloc(SIZE_MAX, 1));
	uint32_t *v = NULL;
	size_t cap = 0;
	assert_true(gm_big_grow((void **)&v, &cap, 5, sizeof(*v)));
	v[0] = 42;
	uint32_t *keep = v;
	size_t keepcap = cap;
	assert_false(gm_big_grow((void **)&v, &cap, SIZE_MAX / 2, sizeof(*v)));
	assert_ptr_equal(v, keep);
	assert_int_equal(cap, keepcap);
	assert_int_equal(v[0], 42);
	gm_big_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zeroed_blocks),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
