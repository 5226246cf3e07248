/* gm_gobin on real executables: every corpus/<name>/exe under the source
 * tree, plus the files named in $GM_TEST_GO_EXES (colon-separated), plus
 * hostile inputs (missing file, non-ELF, non-Go ELF, truncated copies). */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "corpus_exes.h"
#include <zstd.h>

#include "gm_gobin.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}


/* runtime.funcNameForPrint (1.21+): "pkg.F[go.shape.int]" -> "pkg.F[...]". */
static void name_for_print(const char *in, char *out, size_t n)
{
	size_t j = 0;
	int depth = 0;
	for (const char *p = in; *p && j + 5 < n; p++) {
		if (*p == '[') {
			if (depth++ == 0) {
				memcpy(out + j, "[...", 4);
				j += 4;
			}
		} else if (*p == ']') {
			if (depth > 0 && --depth == 0)
				out[j++] = ']';
		} else if (depth == 0) {
			out[j++] = *p;
		}
	}
	out[j] = 0;
}

struct tb_frame {
	char name[512];
	char fileline[512];
};

static bool level_matches(const struct gm_inline_frame *fr, const struct tb_frame *want)
{
	char fl[600], pn[512];
	snprintf(fl, sizeof(fl), "%s:%d", fr->file, fr->line);
	if (strcmp(fl, want->fileline) != 0)
		return false;
	name_for_print(fr->name, pn, sizeof(pn));
	if (strcmp(fr->name, want->name) == 0 || strcmp(pn, want->name) == 0)
		return true;
	return !fr->inlined && strcmp(fr->name, "runtime.gopanic") == 0 &&
	       strcmp(want->name, "panic") == 0;
}

/* Replays the runtime's own GOTRACEBACK=crash dump: for every physical frame
 * (a line with pc=), the inline expansion at its tracepc must give exactly
 * the "(...)" frames printed above it, then the frame itself. */
static void check_traceback(struct gm_gobin *gb, const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return;
	static struct tb_frame pend[64];
	size_t npend = 0, groups = 0, bad = 0, levels = 0;
	bool first_in_stack = true;
	char line[4096], fn[512] = "";
	while (fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0] != '\t') {
			char *paren = strrchr(line, '(');
			if (paren && line[strlen(line) - 1] == ')' &&
			    strncmp(line, "created by", 10) != 0) {
				snprintf(fn, sizeof(fn), "%.*s", (int)(paren - line), line);
			} else {
				fn[0] = 0;
				npend = 0;
				first_in_stack = true;
			}
			continue;
		}
		if (!fn[0])
			continue;
		char fl[512];
		if (sscanf(line + 1, "%511s", fl) != 1)
			continue;
		if (npend < 64) {
			snprintf(pend[npend].name, sizeof(pend[npend].name), "%s", fn);
			snprintf(pend[npend].fileline, sizeof(pend[npend].fileline), "%s", fl);
			npend++;
		}
		fn[0] = 0;
		const char *pcs = strstr(line, " pc=0x");
		if (!pcs)
			continue; /* an inlined frame: wait for its physical frame */
		uint64_t pc = strtoull(pcs + 6, NULL, 16);
		groups++;
		bool ok = false;
		/* tracepc is pc-1 except for a frame interrupted by a signal. */
		for (int attempt = 0; attempt < 2 && !ok; attempt++) {
			uint64_t tpc = attempt == 0 ? pc - 1 : pc;
			if (attempt == 1 && !first_in_stack)
				break;
			struct gm_func f;
			struct gm_inline_frame fr[64];
			if (!gm_gobin_find_func(gb, tpc, &f))
				continue;
			size_t n = gm_gobin_expand_inline(gb, &f, tpc, fr, 64);
			if (n != npend)
				continue;
			ok = true;
			for (size_t i = 0; i < n && ok; i++)
				ok = level_matches(&fr[i], &pend[i]);
		}
		levels += npend;
		if (!ok && bad++ < 5)
			print_message("%s: mismatch at pc=%#llx (%s %s, %zu levels)\n", path,
				      (unsigned long long)pc, pend[npend - 1].name,
				      pend[npend - 1].fileline, npend);
		npend = 0;
		first_in_stack = false;
	}
	fclose(fp);
	print_message("%s: %zu physical frames, %zu levels, %zu mismatches\n", path, groups,
		      levels, bad);
	assert_true(groups > 0);
	assert_int_equal(bad, 0);
}


static void check_exe(const char *path, const char *stderr_path)
{
	struct gm_gobin *gb = NULL;
	struct gm_error *err = gm_gobin_open(path, &gb);
	if (err)
		fail_msg("%s: %s", path, err->msg);
	print_message("%s: %s (%d.%d.%d) mod=%s nfunc=%u md=%#llx pie=%d dwarf=%d\n", path,
		      gb->go_version, gb->go_major, gb->go_minor, gb->go_patch,
		      gb->mod_path ? gb->mod_path : "-", gb->nfunc,
		      (unsigned long long)gb->moduledata_addr, gb->pie, gb->has_dwarf);
	assert_int_equal(gb->go_major, 1);
	assert_true(gb->go_minor >= 19);
	assert_true(strncmp(gb->go_version, "go1.", 4) == 0);
	assert_non_null(gb->modinfo);
	assert_non_null(gb->mod_path);
	assert_true(gb->go_build_id[0] != 0);
	assert_true(gb->nfunc > 500);
	assert_int_equal(gb->pcln_magic, gb->go_minor >= 20 ? 0xfffffff1u : 0xfffffff0u);
	assert_true(gb->moduledata_addr != 0);
	assert_true(gb->text_start != 0);
	assert_true(gb->gofunc != 0);
	assert_non_null(gm_gobin_vaddr_ptr(gb, gb->pclntab_addr, 8));

	if (gb->has_symtab) {
		uint64_t a;
		assert_true(gm_gobin_sym(gb, "runtime.firstmoduledata", &a, NULL));
		assert_int_equal(a, gb->moduledata_addr);
		assert_true(gm_gobin_sym(gb, "runtime.text", &a, NULL));
		assert_int_equal(a, gb->text_start);
		if (gm_gobin_sym(gb, "go:func.*", &a, NULL) || gm_gobin_sym(gb, "go.func.*", &a, NULL))
			assert_int_equal(a, gb->gofunc);
	}
	uint64_t ta, ts;
	if (gm_gobin_section(gb, ".text", &ta, &ts))
		assert_true(ta <= gb->text_start && gb->text_start < ta + ts);
	assert_false(gm_gobin_sym(gb, "no.such.symbol.anywhere", NULL, NULL));

	struct gm_func f, g;
	assert_true(gm_gobin_func_by_name(gb, "runtime.main", &f));
	assert_true(gm_gobin_find_func(gb, f.entry, &g));
	assert_int_equal(g.idx, f.idx);
	assert_true(gm_gobin_find_func(gb, f.end - 1, &g));
	assert_int_equal(g.idx, f.idx);
	const char *file;
	int32_t line, sp;
	assert_true(gm_gobin_fileline(gb, &f, f.entry, &file, &line));
	assert_true(ends_with(file, "runtime/proc.go"));
	assert_true(line > 100);
	assert_true(gm_gobin_pcsp(gb, &f, f.entry, &sp));
	assert_int_equal(sp, 0);
	assert_true(gm_gobin_func_by_name(gb, "runtime.goexit", &f));
	assert_false(gm_gobin_find_func(gb, gb->text_start - 1, &g));

	/* Every function: found again by its entry, its funcdata readable and,
	 * for the locals pointer maps, a sane stackmap header {n, nbit}
	 * (this fails if gofunc is wrong). */
	uint32_t with_locals = 0, with_inl = 0;
	for (uint32_t i = 0; i < gb->nfunc; i++) {
		if (!gm_gobin_func_at(gb, i, &f))
			fail_msg("%s: function %u unreadable", path, i);
		assert_true(gm_gobin_find_func(gb, f.entry, &g));
		assert_int_equal(g.entry, f.entry);
		if (f.end > f.entry) {
			assert_true(gm_gobin_find_func(gb, f.end - 1, &g));
			assert_int_equal(g.idx, f.idx);
		}
		for (uint32_t k = 0; k < f.nfuncdata; k++) {
			uint64_t a = gm_gobin_funcdata_addr(gb, &f, k);
			if (a)
				assert_non_null(gm_gobin_vaddr_ptr(gb, a, 1));
		}
		const uint8_t *sm = gm_gobin_funcdata(gb, &f, GM_FUNCDATA_LocalsPointerMaps, 8);
		if (sm) {
			int32_t n = (int32_t)rd32(sm), nbit = (int32_t)rd32(sm + 4);
			if (n < 1 || n > 100000 || nbit < 0 || nbit > 10000000)
				fail_msg("%s: %s: bad stackmap n=%d nbit=%d", path, f.name, n, nbit);
			with_locals++;
		}
		if (gm_gobin_funcdata_addr(gb, &f, GM_FUNCDATA_InlTree))
			with_inl++;
		struct gm_inline_frame fr[32];
		uint64_t pc = f.entry + (f.end - f.entry) / 2;
		size_t n = gm_gobin_expand_inline(gb, &f, pc, fr, 32);
		assert_true(n >= 1);
		assert_ptr_equal(fr[n - 1].name, f.name);
		assert_false(fr[n - 1].inlined);
	}
	assert_true(with_locals > 100);
	assert_true(with_inl > 10);
	if (stderr_path)
		check_traceback(gb, stderr_path);
	gm_gobin_destroy(gb);
}

static void check_truncations(const char *path)
{
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	fseek(in, 0, SEEK_END);
	long size = ftell(in);
	fseek(in, 0, SEEK_SET);
	uint8_t *d = malloc((size_t)size);
	assert_non_null(d);
	assert_int_equal(fread(d, 1, (size_t)size, in), (size_t)size);
	fclose(in);
	char tmp[] = P_tmpdir "/gm_test_gobin_XXXXXX";
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	const long cuts[] = {1, 63, 64, 200, 4096, size / 3, size / 2, size * 3 / 4, size - 1};
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		assert_int_equal(ftruncate(fd, 0), 0);
		assert_int_equal(pwrite(fd, d, (size_t)cuts[i], 0), cuts[i]);
		struct gm_gobin *gb = NULL;
		struct gm_error *err = gm_gobin_open(tmp, &gb);
		if (err) {
			assert_null(gb);
			gm_error_destroy(err);
			continue;
		}
		/* Whatever survived must be usable without faults. */
		struct gm_func f;
		for (uint32_t k = 0; k < gb->nfunc; k += 13)
			if (gm_gobin_func_at(gb, k, &f)) {
				const char *file;
				int32_t line;
				struct gm_inline_frame fr[8];
				gm_gobin_fileline(gb, &f, f.entry, &file, &line);
				gm_gobin_expand_inline(gb, &f, f.entry, fr, 8);
				gm_gobin_funcdata(gb, &f, GM_FUNCDATA_InlTree, 16);
			}
		gm_gobin_destroy(gb);
	}
	close(fd);
	unlink(tmp);
	free(d);
}

static void test_real_exes(void **state)
{
	struct test_exe *v;
	size_t n = test_exes_collect(&v);
	for (size_t i = 0; i < n; i++) {
		print_message("%s:\n", v[i].path);
		check_exe(v[i].path, v[i].stderr_path && access(v[i].stderr_path, R_OK) == 0 ? v[i].stderr_path : NULL);
		if (i == 0)
			check_truncations(v[i].path);
	}
	test_exes_free(v, n);
	/* The corpus is committed: finding no executable is a failure, not a skip. */
	if (!n)
		fail_msg("no corpus/*/exe[.zst] and no $GM_TEST_GO_EXES: nothing checked");
}

static void test_bad_files(void **state)
{
	struct gm_gobin *gb = NULL;
	struct gm_error *err = gm_gobin_open(GM_SOURCE_DIR "/no/such/file", &gb);
	assert_non_null(err);
	assert_int_equal(err->code, GM_ERR_OS);
	assert_null(gb);
	gm_error_destroy(err);

	err = gm_gobin_open(GM_SOURCE_DIR "/tests/unit/test_gobin.c", &gb);
	assert_non_null(err);
	assert_int_equal(err->code, GM_ERR_FORMAT);
	gm_error_destroy(err);

	/* This test program: an ELF, but not a Go one. */
	err = gm_gobin_open("/proc/self/exe", &gb);
	assert_non_null(err);
	assert_int_equal(err->code, GM_ERR_FORMAT);
	assert_non_null(strstr(err->msg, "pclntab"));
	gm_error_destroy(err);

	gm_gobin_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_real_exes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
