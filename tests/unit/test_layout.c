/* gm_layout: the gorts tables are self-consistent, and for every Go
 * executable at hand (corpus/NAME/exe under the source tree, plus the paths in
 * $GM_TEST_GO_EXES, colon-separated) the DWARF layout equals the gorts one.
 * Corrupted copies of those executables must give an error or a layout,
 * never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "corpus_exes.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gm_gobin.h"
#include "gm_layout.h"
#include "layout_internal.h"

static int64_t get(const struct gm_layout *l, const char *name)
{
	for (size_t i = 0; i < gm_layout_nfields; i++)
		if (!strcmp(gm_layout_fields[i].name, name))
			return gm_layout_field_get(l, &gm_layout_fields[i]);
	fail_msg("no field %s", name);
	return 0;
}

static void test_gorts_tables(void **state)
{
	(void)state;
	const int *vs = NULL;
	size_t n = gm_layout_gorts_versions(&vs);
	assert_int_equal(n, 8);
	static const int want[] = {19, 21, 22, 23, 24, 25, 26, 27};
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(vs[i], want[i]);
		const struct gm_layout *l = gm_layout_gorts_table(vs[i]);
		assert_non_null(l);
		assert_int_equal(l->go_minor, vs[i]);
		assert_string_equal(l->source, "gorts");
		assert_int_equal(l->allgs, 0); /* addresses are per binary */

		/* every g / m offset lies inside the struct */
		for (size_t f = 0; f < gm_layout_nfields; f++) {
			const struct gm_layout_field *fd = &gm_layout_fields[f];
			int64_t v = gm_layout_field_get(l, fd);
			if (!strncmp(fd->name, "g_", 2) && strcmp(fd->name, "g_size"))
				assert_true(v == -1 || (v >= 0 && v + 1 <= l->g_size));
			if (!strncmp(fd->name, "m_", 2) && strcmp(fd->name, "m_size"))
				assert_true(v >= 0 && v + 8 <= l->m_size);
		}
		assert_in_range(l->g_size, 300, 1024);
		assert_in_range(l->m_size, 900, 4096);
		assert_int_equal(l->g_stack_lo, 0);
		assert_int_equal(l->g_stack_hi, 8);
		assert_int_equal(l->g_sched_sp, 56);
		assert_int_equal(l->g_sched_pc, 64);
		assert_int_equal(l->sched_lastpoll, 8);

		/* status constants and strings agree */
		assert_int_equal(l->gs_idle, 0);
		assert_int_equal(l->gs_running, 2);
		assert_int_equal(l->gs_waiting, 4);
		assert_int_equal(l->gs_dead, 6);
		assert_int_equal(l->gs_scan, 0x1000);
		assert_int_equal(l->n_gstatus, vs[i] >= 26 ? 12 : 10);
		assert_string_equal(l->gstatus[l->gs_running], "running");
		assert_string_equal(l->gstatus[l->gs_waiting], "waiting");
		assert_string_equal(l->gstatus[l->gs_preempted], "preempted");
		if (vs[i] >= 26) {
			assert_int_equal(l->gs_leaked, 10);
			assert_int_equal(l->gs_deadextra, 11);
			assert_string_equal(l->gstatus[l->gs_deadextra], "waiting for cgo callback");
		} else {
			assert_int_equal(l->gs_leaked, -1);
			assert_int_equal(l->gs_deadextra, -1);
		}

		/* wait reasons */
		assert_true(l->n_waitreasons >= 27 && l->n_waitreasons <= GM_MAX_WAITREASONS);
		assert_string_equal(l->waitreasons[0], "");
		assert_string_equal(l->waitreasons[1], "GC assist marking");
		assert_string_equal(l->waitreasons[2], "IO wait");
		for (int w = 1; w < l->n_waitreasons; w++) {
			assert_non_null(l->waitreasons[w]);
			assert_true(strlen(l->waitreasons[w]) > 0);
		}
		assert_string_equal(gm_layout_waitreason(l, 1), "GC assist marking");
		assert_string_equal(gm_layout_waitreason(l, (unsigned)l->n_waitreasons),
				    "unknown wait reason");
		assert_string_equal(gm_layout_waitreason(l, 1000), "unknown wait reason");

		/* version features */
		assert_int_equal(l->labels_kind, vs[i] >= 24 ? GM_LABELS_SLICE : GM_LABELS_MAP);
		assert_true((l->g_parent_goid >= 0) == (vs[i] >= 21));
		assert_true((l->g_syscallbp >= 0) == (vs[i] >= 23));
		assert_true((l->g_bubble >= 0) == (vs[i] >= 24));
		assert_true((l->g_running_cleanups >= 0) == (vs[i] >= 25));
		assert_true((l->debug_tracebacklabels >= 0) == (vs[i] >= 26));
		assert_int_equal(l->fing_running_finalizer_bit, vs[i] >= 21 ? 2 : 0);
		/* Go 1.25 removed gobuf.ret */
		assert_int_equal(l->g_sched_bp, vs[i] >= 25 ? 96 : 104);
	}
	/* counts from go-runtime-reference.md §1.4 */
	assert_int_equal(gm_layout_gorts_table(19)->n_waitreasons, 27);
	assert_int_equal(gm_layout_gorts_table(21)->n_waitreasons, 32);
	assert_int_equal(gm_layout_gorts_table(22)->n_waitreasons, 37);
	assert_int_equal(gm_layout_gorts_table(23)->n_waitreasons, 38);
	assert_int_equal(gm_layout_gorts_table(24)->n_waitreasons, 44);
	assert_int_equal(gm_layout_gorts_table(27)->n_waitreasons, 47);
	assert_string_equal(gm_layout_gorts_table(24)->waitreasons[24], "sync.WaitGroup.Wait");
	assert_string_equal(gm_layout_gorts_table(26)->waitreasons[13], "semacquire");
	assert_null(gm_layout_gorts_table(20));
	assert_null(gm_layout_gorts_table(0));
}

static void test_unsupported_version(void **state)
{
	(void)state;
	struct gm_gobin gb;
	memset(&gb, 0, sizeof(gb));
	gb.path = "fake";
	gb.arch = GM_ARCH_AMD64;
	gb.go_major = 1;
	gb.go_minor = 40;
	struct gm_layout l;
	memset(&l, 0, sizeof(l));
	struct gm_error *err = gm_layout_load(&gb, &l);
	assert_non_null(err);
	assert_int_equal(err->code, GM_ERR_UNSUPPORTED);
	assert_string_equal(err->msg, "Go 1.40 is not supported without DWARF");
	gm_error_destroy(err);
	gm_layout_deinit(&l);

	/* 1.20 has no table: the nearest one (1.21; ties go to the newer) is
	 * used, marked approximate, for the walkers to validate */
	gb.go_minor = 20;
	memset(&l, 0, sizeof(l));
	err = gm_layout_load(&gb, &l);
	assert_null(err);
	assert_true(l.approximate);
	assert_int_equal(l.go_minor, 20);
	assert_non_null(strstr(l.source, "nearest table go1.21"));
	assert_int_equal(l.g_goid, gm_layout_gorts_table(21)->g_goid);
	gm_layout_deinit(&l);
	gb.go_minor = 20;

	err = gm_layout_from_dwarf(&gb, &l);
	assert_non_null(err);
	assert_int_equal(err->code, GM_ERR_LOOKUP);
	gm_error_destroy(err);
	gm_layout_deinit(&l);
	gm_layout_deinit(NULL);
}

static void test_waitreason_null(void **state)
{
	(void)state;
	struct gm_layout l;
	memset(&l, 0, sizeof(l));
	assert_string_equal(gm_layout_waitreason(&l, 0), "unknown wait reason");
	assert_string_equal(gm_layout_waitreason(NULL, 0), "unknown wait reason");
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void test_dwarf_equals_gorts(void **state)
{
	(void)state;
	struct test_exe *ex;
	size_t n = test_exes_collect(&ex);
	size_t checked = 0;
	char *v[64];
	for (size_t i = 0; i < n && i < 64; i++)
		v[i] = ex[i].path;
	for (size_t i = 0; i < n; i++) {
		struct gm_gobin *gb = NULL;
		struct gm_error *err = gm_gobin_open(v[i], &gb);
		if (err) {
			print_message("%s: %s (skipped)\n", v[i], err->msg);
			gm_error_destroy(err);
			continue;
		}
		const struct gm_layout *t = gm_layout_gorts_table(gb->go_minor);
		if (!gb->has_dwarf && t) {
			/* no DWARF: the table, addresses from the symbols if any */
			struct gm_layout s;
			memset(&s, 0, sizeof(s));
			err = gm_layout_load(gb, &s);
			if (err)
				fail_msg("%s: %s", v[i], err->msg);
			assert_string_equal(s.source, "gorts");
			assert_int_equal(s.g_goid, t->g_goid);
			assert_int_equal(s.n_waitreasons, t->n_waitreasons);
			for (int w = 0; w < s.n_waitreasons; w++)
				assert_string_equal(s.waitreasons[w], t->waitreasons[w]);
			if (gb->has_symtab) {
				assert_true(s.allgs != 0);
				assert_non_null(s.strbuf); /* strings read from the binary */
			}
			print_message("%s: %s, no DWARF, gorts layout\n", v[i], gb->go_version);
			gm_layout_deinit(&s);
			gm_gobin_destroy(gb);
			checked++;
			continue;
		}
		if (!gb->has_dwarf || !t) {
			gm_gobin_destroy(gb);
			continue;
		}
		struct gm_layout d, g;
		memset(&d, 0, sizeof(d));
		memset(&g, 0, sizeof(g));
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		err = gm_layout_load(gb, &d);
		double ms = ms_since(&t0);
		if (err)
			fail_msg("%s: %s", v[i], err->msg);
		assert_string_equal(d.source, "dwarf");
		print_message("%s: %s, DWARF %d layout in %.1f ms\n", v[i], gb->go_version,
			      d.dwarf_version, ms);
		for (int w = 0; w < d.n_warnings; w++)
			print_message("  %s\n", d.warnings[w]);
		assert_int_equal(d.n_warnings, 0);
		assert_true(d.allgs != 0);
		assert_true(d.allm != 0);
		assert_true(d.sched != 0);
		assert_true(d.waitreason_strings_addr != 0);
		assert_true(d.buildversion != 0);

		err = gm_layout_from_gorts(gb, &g);
		if (err)
			fail_msg("%s: %s", v[i], err->msg);
		assert_string_equal(g.source, "gorts");
		if (gb->has_symtab) {
			/* symbols give the same addresses as DW_OP_addr */
			for (size_t f = 0; f < gm_layout_nfields; f++)
				assert_int_equal(get(&d, gm_layout_fields[f].name),
						 get(&g, gm_layout_fields[f].name));
		}
		assert_int_equal(d.n_waitreasons, g.n_waitreasons);
		for (int w = 0; w < d.n_waitreasons; w++)
			assert_string_equal(d.waitreasons[w], g.waitreasons[w]);
		assert_int_equal(d.n_gstatus, g.n_gstatus);
		gm_layout_deinit(&d);
		gm_layout_deinit(&g);
		gm_gobin_destroy(gb);
		checked++;
	}
	print_message("checked %zu executable(s)\n", checked);
	test_exes_free(ex, n);
	/* the corpus is committed: nothing checked is a failure, not a skip */
	assert_true(checked > 0);
}

/* Flip bytes of a copy of the executable (inside its DWARF, mostly) and load
 * the layout: an error or a layout, never a crash or a hang. */
static void test_corrupted(void **state)
{
	(void)state;
	struct test_exe *v;
	size_t n = test_exes_collect(&v);
	if (!n)
		fail_msg("no corpus executable to corrupt");
	FILE *f = fopen(v[0].path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *orig = malloc((size_t)size), *buf = malloc((size_t)size);
	assert_int_equal(fread(orig, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	char path[512];
	const char *tmpdir = getenv("TMPDIR");
	snprintf(path, sizeof(path), "%s/gm_layout_XXXXXX", tmpdir && *tmpdir ? tmpdir : P_tmpdir);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unsigned seed = 12345;
	int errors = 0, oks = 0;
	for (int iter = 0; iter < 12; iter++) {
		memcpy(buf, orig, (size_t)size);
		/* corrupt a window in the last third, where the debug sections are */
		for (int k = 0; k < 64; k++) {
			seed = seed * 1103515245 + 12345;
			long pos = size / 3 * 2 + (long)(seed % (unsigned)(size / 3));
			buf[pos] ^= (uint8_t)(seed >> 16);
		}
		f = fopen(path, "wb");
		assert_non_null(f);
		fwrite(buf, 1, (size_t)size, f);
		fclose(f);
		struct gm_gobin *gb = NULL;
		struct gm_error *err = gm_gobin_open(path, &gb);
		if (err) {
			gm_error_destroy(err);
			continue;
		}
		struct gm_layout l;
		memset(&l, 0, sizeof(l));
		err = gm_layout_from_dwarf(gb, &l);
		if (err)
			errors++;
		else
			oks++;
		gm_error_destroy(err);
		gm_layout_deinit(&l);
		gm_gobin_destroy(gb);
	}
	print_message("corrupted copies: %d errors, %d loaded\n", errors, oks);
	unlink(path);
	free(orig);
	free(buf);
	test_exes_free(v, n);
}

/* The unit headers of .debug_rnglists checked before
 * libdwarf sees them (libdwarf 20210528 double-frees on a header it cannot
 * read): sound sections pass, each kind of damage is refused. */
static size_t put_unit(uint8_t *p, bool dwarf64, uint16_t ver, uint8_t asz, uint8_t seg,
		       uint32_t count, size_t body)
{
	size_t hdr = dwarf64 ? 12 : 4, off = dwarf64 ? 8 : 4;
	uint64_t len = 8 + (uint64_t)count * off + body;
	if (dwarf64) {
		memset(p, 0xff, 4);
		memcpy(p + 4, &len, 8);
	} else {
		uint32_t l32 = (uint32_t)len;
		memcpy(p, &l32, 4);
	}
	memcpy(p + hdr, &ver, 2);
	p[hdr + 2] = asz;
	p[hdr + 3] = seg;
	memcpy(p + hdr + 4, &count, 4);
	memset(p + hdr + 8, 0, (size_t)(len - 8)); /* offsets, then DW_RLE_end_of_list */
	return hdr + (size_t)len;
}

static void test_list_section_checks(void **state)
{
	(void)state;
	uint8_t sec[256];
	char why[160];
	size_t n = put_unit(sec, false, 5, 8, 0, 2, 3);
	size_t second = n;
	n += put_unit(sec + n, true, 5, 8, 0, 1, 1);
	assert_true(gm_layout__list_units_ok(sec, n, why, sizeof(why)));
	assert_true(gm_layout__list_units_ok(sec, 0, why, sizeof(why))); /* empty section */
	/* cut anywhere inside a unit: refused */
	for (size_t cut = 1; cut < n; cut++)
		if (cut != second)
			assert_false(gm_layout__list_units_ok(sec, cut, why, sizeof(why)));
	struct {
		size_t at;
		uint8_t v;
		const char *what;
	} bad[] = {
		{0, 0xff, "runs past"},           /* 32-bit length past the end */
		{3, 0xf0, "reserved length"},     /* 0xf0xxxxxx... */
		{4, 4, "version 4"},              /* version */
		{6, 3, "address size 3"},         /* address size */
		{7, 1, "segment selector size 1"},
		{8, 0x40, "offsets do not fit"},  /* offset entry count */
		{second + 4 + 6, 1, "runs past"}, /* 64-bit length, high bits */
		{second + 12, 6, "version 6"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t c[256];
		memcpy(c, sec, n);
		if (bad[i].at == 3) {
			memset(c, 0xff, 4);
			c[0] = 0xf0;
		} else {
			c[bad[i].at] = bad[i].v;
		}
		why[0] = 0;
		assert_false(gm_layout__list_units_ok(c, n, why, sizeof(why)));
		if (!strstr(why, bad[i].what))
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, why, bad[i].what);
	}
	/* a unit shorter than its own header */
	uint8_t tiny[8] = {4, 0, 0, 0, 5, 0, 8, 0};
	assert_false(gm_layout__list_units_ok(tiny, sizeof(tiny), why, sizeof(why)));
	assert_non_null(strstr(why, "shorter than its header"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gorts_tables),
		cmocka_unit_test(test_unsupported_version),
		cmocka_unit_test(test_waitreason_null),
		cmocka_unit_test(test_dwarf_equals_gorts),
		cmocka_unit_test(test_corrupted),
		cmocka_unit_test(test_list_section_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
