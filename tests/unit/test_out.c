/* Unit tests for gm_out's number printing (issue 22 rewrote it without a
 * loop per digit): every form against printf, over values of every length,
 * with buffer flushes in between. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gm_out.h"

static uint64_t rnd_state = 88172645463325252ull;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* values of every bit length, the edges of each, and small ones */
static uint64_t value(int i)
{
	if (i < 300)
		return (uint64_t)i;
	uint64_t v = rnd();
	switch (i % 4) {
	case 0: return v >> (v % 64);
	case 1: return (1ull << (i % 64));
	case 2: return (1ull << (i % 64)) - 1;
	default: return ~0ull - (uint64_t)(i % 7);
	}
}

/* cap: a caller's buffer of cap bytes (gm_out_init_buf), 0 for gm_out's own */
static void numbers(size_t cap)
{
	char *got = NULL, *want = NULL;
	size_t gotn = 0, wantn = 0;
	FILE *gf = open_memstream(&got, &gotn), *wf = open_memstream(&want, &wantn);
	assert_non_null(gf);
	assert_non_null(wf);
	struct gm_out *o = malloc(sizeof(*o));
	assert_non_null(o);
	char *buf = cap ? malloc(cap) : NULL;
	if (cap) {
		assert_non_null(buf);
		gm_out_init_buf(o, gf, buf, cap);
	} else {
		gm_out_init(o, gf);
	}
	for (int i = 0; i < 200000; i++) {
		uint64_t v = value(i);
		gm_out_hex(o, v);
		gm_out_ch(o, ' ');
		gm_out_u64(o, v);
		gm_out_ch(o, ' ');
		gm_out_i64(o, (int64_t)v);
		gm_out_ch(o, ' ');
		/* in place, as --format go writes a frame line */
		char *p = gm_out_reserve(o, 64);
		assert_non_null(p);
		p = gm_put_hex(p, v);
		*p++ = '/';
		p = gm_put_i64(p, (int64_t)v);
		*p++ = '/';
		p = gm_put_i64(p, (int32_t)v);
		gm_out_commit(o, p);
		gm_out_ch(o, '\n');
		fprintf(wf, "0x%" PRIx64 " %" PRIu64 " %" PRId64 " 0x%" PRIx64 "/%" PRId64 "/%" PRId32 "\n",
			v, v, (int64_t)v, v, (int64_t)v, (int32_t)v);
	}
	assert_true(gm_out_flush(o));
	fclose(gf);
	fclose(wf);
	assert_int_equal(gotn, wantn);
	assert_memory_equal(got, want, wantn);
	assert_int_equal(o->cap, cap ? cap : sizeof(o->mem));
	assert_null(gm_out_reserve(o, o->cap)); /* never more than the buffer */
	free(o);
	free(buf);
	free(got);
	free(want);
}

static void test_numbers(void **state)
{
	(void)state;
	numbers(0);
}

/* a small caller's buffer (--format go gives a bigger one): a flush every
 * few lines, output the same */
static void test_numbers_own_buffer(void **state)
{
	(void)state;
	numbers(4096);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_numbers_own_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
