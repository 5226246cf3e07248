/* Unit tests for gm_jsonread, the JSON reader: values, escapes (named,
 * \u with surrogate pairs), integers at the int64 edges, nesting bound,
 * and malformed documents refused with an error, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gm_jsonread.h"

static struct gm_jv *parse(struct gm_arena *a, const char *s)
{
	struct gm_jv *v;
	struct gm_error *err = gm_jv_parse(s, strlen(s), a, &v);
	if (err) {
		gm_error_destroy(err);
		return NULL;
	}
	return v;
}

static void test_values(void **state)
{
	(void)state;
	struct gm_arena a;
	gm_arena_init(&a);
	struct gm_jv *v = parse(&a, " {\"a\": [1, -2, 3.5, true, false, null, \"x\"], \"b\": {}, \"a\": 7} ");
	assert_non_null(v);
	assert_int_equal(v->kind, GM_JV_OBJ);
	assert_int_equal(v->n, 3);
	const struct gm_jv *x = gm_jv_get(v, "a");
	assert_non_null(x); /* the last of equal names */
	assert_true(x->is_int);
	assert_int_equal(x->i, 7);
	x = v->v[0];
	assert_int_equal(x->kind, GM_JV_ARR);
	assert_int_equal(x->n, 7);
	assert_int_equal(x->v[1]->i, -2);
	assert_false(x->v[2]->is_int);
	assert_true(x->v[2]->num == 3.5);
	assert_true(x->v[3]->b);
	assert_int_equal(x->v[5]->kind, GM_JV_NULL);
	assert_string_equal(x->v[6]->s, "x");
	assert_int_equal(gm_jv_get(v, "b")->n, 0);
	assert_null(gm_jv_get(v, "c"));
	assert_null(gm_jv_get(x, "a"));
	gm_arena_deinit(&a);
}

static void test_strings(void **state)
{
	(void)state;
	struct gm_arena a;
	gm_arena_init(&a);
	struct gm_jv *v = parse(&a, "\"q\\\"b\\\\s\\/n\\nt\\t\\u00e9\\u20ac\\ud83d\\ude00\\ud800x\"");
	assert_non_null(v);
	assert_string_equal(v->s, "q\"b\\s/n\nt\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbdx");
	gm_arena_deinit(&a);
}

static void test_integers(void **state)
{
	(void)state;
	struct gm_arena a;
	gm_arena_init(&a);
	struct gm_jv *v = parse(&a, "[9223372036854775807, -9223372036854775808, 9223372036854775808, 1e3]");
	assert_non_null(v);
	assert_true(v->v[0]->is_int);
	assert_true(v->v[0]->i == INT64_MAX);
	assert_true(v->v[1]->is_int);
	assert_true(v->v[1]->i == INT64_MIN);
	assert_false(v->v[2]->is_int);
	assert_false(v->v[3]->is_int);
	assert_true(v->v[3]->num == 1000.0);
	gm_arena_deinit(&a);
}

static void test_malformed(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", " ", "{", "[", "[1,]", "{\"a\"}", "{\"a\":}", "{a:1}", "\"abc", "\"\\", "\"\\x\"",
		"\"\\u12\"", "01", "-", "1.", "1e", "tru", "nul", "[1] 2", "\"a\x01\"", "{\"a\":1,}", "}",
		"[\"\\u", "--1", "+1",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct gm_arena a;
		gm_arena_init(&a);
		struct gm_jv *v;
		struct gm_error *err = gm_jv_parse(bad[i], strlen(bad[i]), &a, &v);
		if (!err)
			fail_msg("accepted: '%s'", bad[i]);
		assert_null(v);
		assert_non_null(strstr(err->msg, "JSON: "));
		gm_error_destroy(err);
		gm_arena_deinit(&a);
	}
}

static void test_depth(void **state)
{
	(void)state;
	char s[2 * GM_JV_MAX_DEPTH + 3];
	struct gm_arena a;
	gm_arena_init(&a);
	for (int extra = 0; extra <= 1; extra++) {
		int d = GM_JV_MAX_DEPTH + extra;
		memset(s, '[', (size_t)d);
		memset(s + d, ']', (size_t)d);
		s[2 * d] = 0;
		struct gm_jv *v = parse(&a, s);
		if (extra)
			assert_null(v);
		else
			assert_non_null(v);
	}
	gm_arena_deinit(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_depth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
