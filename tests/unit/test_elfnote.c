/* The ELF note reader (src/base/elfnote.c) on hand-made note areas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "gm_elfnote.h"

static size_t put(uint8_t *d, size_t off, uint32_t namesz, uint32_t descsz, uint32_t type,
		  const char *name, uint8_t fill, int pad_last)
{
	memcpy(d + off, &namesz, 4);
	memcpy(d + off + 4, &descsz, 4);
	memcpy(d + off + 8, &type, 4);
	off += 12;
	memcpy(d + off, name, namesz);
	off += (namesz + 3) & ~3u;
	memset(d + off, fill, descsz);
	off += pad_last ? ((descsz + 3) & ~3u) : descsz;
	return off;
}

static void test_walk(void **state)
{
	(void)state;
	uint8_t d[256] = {0};
	size_t n = put(d, 0, 4, 20, 3, "GNU", 0xab, 1);
	n = put(d, n, 4, 5, 4, "Go\0", 'x', 1);
	n = put(d, n, 5, 3, 1, "CORE", 7, 0); /* last note without its padding */
	struct gm_elfnote_iter it;
	struct gm_elfnote nt;
	gm_elfnote_begin(&it, d, n);
	assert_true(gm_elfnote_next(&it, &nt));
	assert_int_equal(nt.type, 3);
	assert_true(gm_elfnote_owner(&nt, "GNU"));
	assert_false(gm_elfnote_owner(&nt, "Go"));
	assert_int_equal(nt.descsz, 20);
	assert_int_equal(nt.desc[19], 0xab);
	assert_true(gm_elfnote_next(&it, &nt));
	assert_true(gm_elfnote_owner(&nt, "Go")); /* "Go\0\0" */
	assert_int_equal(nt.desc[0], 'x');
	assert_true(gm_elfnote_next(&it, &nt));
	assert_true(gm_elfnote_owner(&nt, "CORE"));
	assert_int_equal(nt.descsz, 3);
	assert_false(gm_elfnote_next(&it, &nt));
	assert_false(it.damaged);
}

static void test_damage(void **state)
{
	(void)state;
	uint8_t d[128] = {0};
	size_t n = put(d, 0, 4, 8, 3, "GNU", 1, 1);
	size_t bad = n;
	uint32_t hdr[3] = {4, 0xfffffff0u, 1}; /* descsz past the end */
	memcpy(d + n, hdr, sizeof(hdr));
	memcpy(d + n + 12, "GNU", 4);
	struct gm_elfnote_iter it;
	struct gm_elfnote nt;
	gm_elfnote_begin(&it, d, n + 16);
	assert_true(gm_elfnote_next(&it, &nt));
	assert_false(gm_elfnote_next(&it, &nt));
	assert_true(it.damaged);
	assert_int_equal(it.damaged_at, bad);
	assert_false(gm_elfnote_next(&it, &nt)); /* stays stopped */
	/* a name that runs past the end */
	uint32_t big = 1000;
	memcpy(d, &big, 4);
	gm_elfnote_begin(&it, d, 64);
	assert_false(gm_elfnote_next(&it, &nt));
	assert_true(it.damaged);
	/* too short for a header, NULL area */
	gm_elfnote_begin(&it, d, 11);
	assert_false(gm_elfnote_next(&it, &nt));
	assert_false(it.damaged);
	gm_elfnote_begin(&it, NULL, 100);
	assert_false(gm_elfnote_next(&it, &nt));
	/* owner: a non-NUL byte after the name is another owner */
	struct gm_elfnote o = {.name = (const uint8_t *)"GNUX", .namesz = 4};
	assert_false(gm_elfnote_owner(&o, "GNU"));
	o.name = (const uint8_t *)"CORE";
	assert_true(gm_elfnote_owner(&o, "CORE")); /* no terminator */
	o.namesz = 3;
	assert_false(gm_elfnote_owner(&o, "CORE"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_damage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
