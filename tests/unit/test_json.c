/* Unit tests for gm_json, the streaming JSON writer: string escaping (the
 * bytes the report and goroutine renderers have always written), commas
 * and colons, numbers, nesting and its bound, misuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gm_json.h"

/* A writer into memory: begin, write, then done() returns the text. */
struct buf {
	char *p;
	size_t n;
	FILE *f;
	struct gm_out *o;
	struct gm_json j;
};

static struct gm_json *begin(struct buf *b)
{
	b->f = open_memstream(&b->p, &b->n);
	assert_non_null(b->f);
	b->o = malloc(sizeof(*b->o));
	assert_non_null(b->o);
	gm_out_init(b->o, b->f);
	gm_json_init(&b->j, b->o);
	return &b->j;
}

static const char *done(struct buf *b)
{
	assert_true(gm_out_flush(b->o));
	free(b->o);
	assert_int_equal(fclose(b->f), 0);
	return b->p;
}

static void expect(struct buf *b, const char *want, bool ok)
{
	bool got_ok = gm_json_ok(&b->j);
	const char *got = done(b);
	assert_string_equal(got, want);
	assert_int_equal(got_ok, ok);
	free(b->p);
}

/* one string value, escaped */
static void str_is(const char *s, size_t n, const char *want)
{
	struct buf b;
	gm_json_string_n(begin(&b), s, n);
	expect(&b, want, true);
}

static void test_escape_plain(void **state)
{
	str_is("", 0, "\"\"");
	str_is("main.main", 9, "\"main.main\"");
	str_is("a b~", 4, "\"a b~\"");
}

static void test_escape_named(void **state)
{
	str_is("\"q\"", 3, "\"\\\"q\\\"\"");
	str_is("a\\b", 3, "\"a\\\\b\"");
	str_is("\n\r\t", 3, "\"\\n\\r\\t\"");
}

static void test_escape_control(void **state)
{
	str_is("\x01", 1, "\"\\u0001\"");
	str_is("a\x1f" "b", 3, "\"a\\u001fb\"");
	str_is("\x7f", 1, "\"\\u007f\"");
	str_is("\b\f", 2, "\"\\u0008\\u000c\"");
	/* NUL inside the n bytes */
	str_is("a\0b", 3, "\"a\\u0000b\"");
}

static void test_escape_utf8(void **state)
{
	/* valid sequences of 2, 3 and 4 bytes pass through */
	str_is("\xc3\xa9", 2, "\"\xc3\xa9\"");
	str_is("x\xe2\x82\xacy", 5, "\"x\xe2\x82\xacy\"");
	str_is("\xf0\x9f\x98\x80", 4, "\"\xf0\x9f\x98\x80\"");
	/* a lone continuation byte, a bad lead byte, a sequence cut short (by
	 * the end or by a byte that does not continue it) */
	str_is("\x80", 1, "\"\\ufffd\"");
	str_is("\xff" "a", 2, "\"\\ufffda\"");
	str_is("\xe2\x82", 2, "\"\\ufffd\\ufffd\"");
	str_is("\xc3" "a", 2, "\"\\ufffda\"");
	/* ill-formed though shaped like a sequence (RFC 3629): overlong forms,
	 * surrogates, past U+10FFFF, lead bytes that never start one; the
	 * bytes after the lead are then judged on their own */
	str_is("\xc0\x80", 2, "\"\\ufffd\\ufffd\"");
	str_is("\xc1\xbf", 2, "\"\\ufffd\\ufffd\"");
	str_is("\xe0\x80\xaf", 3, "\"\\ufffd\\ufffd\\ufffd\"");
	str_is("\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\"");
	str_is("\xf0\x8f\xbf\xbf", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	str_is("\xf4\x90\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	str_is("\xf5\x80\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	/* the edges that are well-formed pass through */
	str_is("\xc2\x80", 2, "\"\xc2\x80\"");
	str_is("\xe0\xa0\x80", 3, "\"\xe0\xa0\x80\"");
	str_is("\xed\x9f\xbf", 3, "\"\xed\x9f\xbf\"");
	str_is("\xee\x80\x80", 3, "\"\xee\x80\x80\"");
	str_is("\xf0\x90\x80\x80", 4, "\"\xf0\x90\x80\x80\"");
	str_is("\xf4\x8f\xbf\xbf", 4, "\"\xf4\x8f\xbf\xbf\"");
	/* n bounds the string: the sequence is cut by n, not by the NUL */
	str_is("\xc3\xa9", 1, "\"\\ufffd\"");
}

static void test_null_string(void **state)
{
	struct buf b;
	struct gm_json *j = begin(&b);
	gm_json_object_begin(j);
	gm_json_kstring(j, "a", NULL);
	gm_json_kstring_n(j, "b", NULL, 3);
	gm_json_kstring(j, "c", "");
	gm_json_object_end(j);
	expect(&b, "{\"a\":null,\"b\":null,\"c\":\"\"}", true);
}

static void test_keys_escaped(void **state)
{
	struct buf b;
	struct gm_json *j = begin(&b);
	gm_json_object_begin(j);
	gm_json_kbool(j, "a\"b", true);
	gm_json_object_end(j);
	expect(&b, "{\"a\\\"b\":true}", true);
}

static void test_commas(void **state)
{
	struct buf b;
	struct gm_json *j = begin(&b);
	gm_json_object_begin(j);
	gm_json_karray(j, "empty");
	gm_json_array_end(j);
	gm_json_kobject(j, "o");
	gm_json_object_end(j);
	gm_json_karray(j, "v");
	gm_json_u64(j, 1);
	gm_json_object_begin(j);
	gm_json_knull(j, "x");
	gm_json_kbool(j, "y", false);
	gm_json_object_end(j);
	gm_json_array_begin(j);
	gm_json_array_end(j);
	gm_json_string(j, "s");
	gm_json_array_end(j);
	gm_json_ki64(j, "n", -5);
	gm_json_object_end(j);
	expect(&b, "{\"empty\":[],\"o\":{},\"v\":[1,{\"x\":null,\"y\":false},[],\"s\"],\"n\":-5}",
	       true);
}

static void test_numbers(void **state)
{
	struct buf b;
	struct gm_json *j = begin(&b);
	gm_json_array_begin(j);
	gm_json_i64(j, 0);
	gm_json_i64(j, INT64_MIN);
	gm_json_i64(j, INT64_MAX);
	gm_json_u64(j, UINT64_MAX);
	gm_json_hex(j, 0);
	gm_json_hex(j, 0xdeadbeef);
	gm_json_hex(j, UINT64_MAX);
	gm_json_double(j, 1.5, 3);
	gm_json_double(j, 0.0004, 3);
	gm_json_double(j, -2.25, 1);
	gm_json_double(j, 2.0 / 3.0, 0);
	gm_json_double(j, 1e300 * 1e300, 3);
	gm_json_array_end(j);
	expect(&b,
	       "[0,-9223372036854775808,9223372036854775807,18446744073709551615,"
	       "\"0x0\",\"0xdeadbeef\",\"0xffffffffffffffff\",1.500,0.000,-2.2,1,null]",
	       true);
}

static void test_nesting_bound(void **state)
{
	struct buf b;
	struct gm_json *j = begin(&b);
	/* GM_JSON_MAX_DEPTH levels are written, the one past it is null */
	for (int i = 0; i < GM_JSON_MAX_DEPTH; i++)
		gm_json_array_begin(j);
	gm_json_object_begin(j);
	gm_json_ku64(j, "dropped", 1);
	gm_json_array_begin(j);
	gm_json_array_end(j);
	gm_json_object_end(j);
	gm_json_u64(j, 7);
	for (int i = 0; i < GM_JSON_MAX_DEPTH; i++)
		gm_json_array_end(j);
	bool ok = gm_json_ok(j);
	const char *got = done(&b);
	char want[4 * GM_JSON_MAX_DEPTH + 16], *w = want;
	for (int i = 0; i < GM_JSON_MAX_DEPTH; i++)
		*w++ = '[';
	w += sprintf(w, "null,7");
	for (int i = 0; i < GM_JSON_MAX_DEPTH; i++)
		*w++ = ']';
	*w = 0;
	assert_string_equal(got, want);
	assert_false(ok); /* too deep is misuse */
	free(b.p);
}

static void test_misuse(void **state)
{
	struct buf b;
	struct gm_json *j;

	/* unclosed */
	j = begin(&b);
	gm_json_object_begin(j);
	expect(&b, "{", false);

	/* nothing written */
	begin(&b);
	expect(&b, "", false);

	/* a value in an object without its key */
	j = begin(&b);
	gm_json_object_begin(j);
	gm_json_u64(j, 1);
	gm_json_object_end(j);
	expect(&b, "{1}", false);

	/* a key in an array is not written */
	j = begin(&b);
	gm_json_array_begin(j);
	gm_json_key(j, "k");
	gm_json_u64(j, 1);
	gm_json_array_end(j);
	expect(&b, "[1]", false);

	/* an end that does not match closes what is open */
	j = begin(&b);
	gm_json_array_begin(j);
	gm_json_object_end(j);
	expect(&b, "[]", false);

	/* a key without its value */
	j = begin(&b);
	gm_json_object_begin(j);
	gm_json_key(j, "k");
	gm_json_object_end(j);
	expect(&b, "{\"k\":}", false);

	/* two top-level values */
	j = begin(&b);
	gm_json_u64(j, 1);
	gm_json_u64(j, 2);
	expect(&b, "12", false);

	/* an end with nothing open */
	j = begin(&b);
	gm_json_null(j);
	gm_json_array_end(j);
	expect(&b, "null", false);
}

static void test_scalar_document(void **state)
{
	struct buf b;
	gm_json_bool(begin(&b), true);
	expect(&b, "true", true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_plain),
		cmocka_unit_test(test_escape_named),
		cmocka_unit_test(test_escape_control),
		cmocka_unit_test(test_escape_utf8),
		cmocka_unit_test(test_null_string),
		cmocka_unit_test(test_keys_escaped),
		cmocka_unit_test(test_commas),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_nesting_bound),
		cmocka_unit_test(test_misuse),
		cmocka_unit_test(test_scalar_document),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
