/* Unit tests for the pclntab decoder on synthetic tables built in memory,
 * in the 1.18/1.19 layout (magic 0xfffffff0, 40-byte _func, 20-byte
 * inlinedCall) and the 1.20+ layout (0xfffffff1, 44-byte _func, 16-byte
 * inlinedCall), plus corrupted variants that must give errors, not crashes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gm_gobin.h"

#define TEXT 0x401000ull
#define PCLN_ADDR 0x500000ull
#define GOFUNC 0x600000ull

struct buf {
	uint8_t d[8192];
	size_t n;
};

static size_t put(struct buf *b, const void *p, size_t n)
{
	size_t at = b->n;
	assert_true(b->n + n <= sizeof(b->d));
	memcpy(b->d + b->n, p, n);
	b->n += n;
	return at;
}
static size_t put8(struct buf *b, uint8_t v) { return put(b, &v, 1); }
static size_t put32(struct buf *b, uint32_t v)
{
	uint8_t x[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
	return put(b, x, 4);
}
static void set32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16), p[3] = (uint8_t)(v >> 24);
}
static void set64(uint8_t *p, uint64_t v)
{
	set32(p, (uint32_t)v);
	set32(p + 4, (uint32_t)(v >> 32));
}
static void putuv(struct buf *b, uint32_t v)
{
	while (v >= 0x80) {
		put8(b, (uint8_t)(v | 0x80));
		v >>= 7;
	}
	put8(b, (uint8_t)v);
}

/* Encodes a pc-value table from (value, pc length) pairs like cmd/internal/obj. */
static uint32_t pctable(struct buf *b, const int32_t *pairs, size_t npairs)
{
	uint32_t off = (uint32_t)b->n;
	int32_t prev = -1;
	for (size_t i = 0; i < npairs; i++) {
		int32_t delta = pairs[2 * i] - prev;
		uint32_t uv = ((uint32_t)delta << 1) ^ (uint32_t)(delta >> 31);
		putuv(b, uv);
		putuv(b, (uint32_t)pairs[2 * i + 1]);
		prev = pairs[2 * i];
	}
	put8(b, 0);
	return off;
}

/* The synthetic module:
 *   f0 main.first  [0x00,0x40)  a.go, lines 10/11/300, sp 0 then 8
 *   f1 main.second [0x40,0x240) inline tree: ix1 (main.inl2) -> ix0 (main.inl) -> physical
 *   f2 main.third  [0x240,0x260) no file/line tables, one funcdata at gofunc+0 */
struct synth {
	uint8_t pcln[8192];
	size_t pcln_size;
	uint8_t gofunc[256];
	size_t gofunc_size;
	int minor;
	size_t off_func[3];      /* _func offsets within pcln (for corruption) */
	size_t off_pctab, off_funcnametab, off_ftab;
};

static void build(struct synth *s, int minor)
{
	bool old = minor < 20;
	struct buf nm = {.n = 0}, pct = {.n = 0}, ft = {.n = 0};
	memset(s, 0, sizeof(*s));
	s->minor = minor;
	/* funcnametab */
	put(&nm, "main.first", 11);
	uint32_t n_second = (uint32_t)put(&nm, "main.second", 12);
	uint32_t n_third = (uint32_t)put(&nm, "main.third", 11);
	uint32_t n_inl = (uint32_t)put(&nm, "main.inl", 9);
	uint32_t n_inl2 = (uint32_t)put(&nm, "main.inl2", 10);
	/* cutab (one CU: file 0 = a.go, 1 = b.go) and filetab */
	uint8_t cutab[12];
	set32(cutab, 0);
	set32(cutab + 4, 5);
	set32(cutab + 8, 0xffffffff);
	const char filetab[] = "a.go\0b.go";
	/* pctab: offset 0 is never a table */
	put8(&pct, 0);
	int32_t f0_sp[] = {0, 4, 8, 0x3c};
	int32_t f0_file[] = {0, 0x40};
	int32_t f0_line[] = {10, 0x10, 11, 0x10, 300, 0x20};
	int32_t f1_sp[] = {0, 1, 16, 0x1ff};
	int32_t f1_file[] = {0, 0x10, 1, 0x20, 0, 0x1d0};
	int32_t f1_line[] = {20, 0x10, 30, 0x10, 40, 0x10, 50, 0x1d0};
	int32_t f1_inl[] = {-1, 0x10, 0, 0x10, 1, 0x10, -1, 0x1d0};
	int32_t f2_sp[] = {0, 0x20};
	uint32_t o_f0sp = pctable(&pct, f0_sp, 2), o_f0file = pctable(&pct, f0_file, 1),
		 o_f0line = pctable(&pct, f0_line, 3);
	uint32_t o_f1sp = pctable(&pct, f1_sp, 2), o_f1file = pctable(&pct, f1_file, 3),
		 o_f1line = pctable(&pct, f1_line, 4), o_f1inl = pctable(&pct, f1_inl, 4);
	uint32_t o_f2sp = pctable(&pct, f2_sp, 1);
	/* pclntable: ftab then _func records */
	uint32_t entries[4] = {0, 0x40, 0x240, 0x260};
	for (int i = 0; i < 4; i++) {
		put32(&ft, entries[i]);
		put32(&ft, 0); /* funcoff, patched below */
	}
	uint32_t funcsize = old ? 40 : 44;
	struct {
		uint32_t nameoff, pcsp, pcfile, pcln, npcdata, nfuncdata;
		uint32_t pcdata[3], funcdata[4];
		uint8_t funcid;
	} fs[3] = {
		{0, o_f0sp, o_f0file, o_f0line, 0, 0, {0}, {0}, 0},
		{n_second, o_f1sp, o_f1file, o_f1line, 3, 4, {0, 0, o_f1inl},
		 {0xffffffff, 0xffffffff, 0xffffffff, 16}, 0},
		{n_third, o_f2sp, 0, 0, 0, 1, {0}, {0}, 21},
	};
	for (int i = 0; i < 3; i++) {
		uint32_t at = (uint32_t)ft.n;
		set32(ft.d + 8 * i + 4, at);
		put32(&ft, entries[i]);    /* entryoff */
		put32(&ft, fs[i].nameoff); /* nameoff */
		put32(&ft, 8 * i);         /* args */
		put32(&ft, 0);             /* deferreturn */
		put32(&ft, fs[i].pcsp);
		put32(&ft, fs[i].pcfile);
		put32(&ft, fs[i].pcln);
		put32(&ft, fs[i].npcdata);
		put32(&ft, 0); /* cuOffset */
		if (!old)
			put32(&ft, 100 + (uint32_t)i); /* startLine */
		put8(&ft, fs[i].funcid);
		put8(&ft, 0);
		put8(&ft, 0);
		put8(&ft, (uint8_t)fs[i].nfuncdata);
		assert_int_equal(ft.n - at, funcsize);
		for (uint32_t k = 0; k < fs[i].npcdata; k++)
			put32(&ft, fs[i].pcdata[k]);
		for (uint32_t k = 0; k < fs[i].nfuncdata; k++)
			put32(&ft, fs[i].funcdata[k]);
		s->off_func[i] = at;
	}
	/* pcHeader + tables */
	struct buf out = {.n = 0};
	uint8_t hdr[72] = {0};
	set32(hdr, old ? 0xfffffff0 : 0xfffffff1);
	hdr[6] = 1;
	hdr[7] = 8;
	set64(hdr + 8, 3);
	set64(hdr + 16, 2);
	set64(hdr + 24, 0); /* textStart: unused, as in 1.26 */
	put(&out, hdr, 72);
	size_t o_nm = put(&out, nm.d, nm.n);
	size_t o_cu = put(&out, cutab, sizeof(cutab));
	size_t o_file = put(&out, filetab, sizeof(filetab));
	size_t o_pc = put(&out, pct.d, pct.n);
	while (out.n % 8)
		put8(&out, 0);
	size_t o_ft = put(&out, ft.d, ft.n);
	set64(out.d + 32, o_nm);
	set64(out.d + 40, o_cu);
	set64(out.d + 48, o_file);
	set64(out.d + 56, o_pc);
	set64(out.d + 64, o_ft);
	memcpy(s->pcln, out.d, out.n);
	s->pcln_size = out.n;
	for (int i = 0; i < 3; i++)
		s->off_func[i] += o_ft;
	s->off_pctab = o_pc;
	s->off_funcnametab = o_nm;
	s->off_ftab = o_ft;
	/* gofunc: 16 bytes of something for f2, then f1's inline tree at +16 */
	memset(s->gofunc, 0xab, 16);
	uint8_t *t = s->gofunc + 16;
	if (old) { /* {parent i16, funcID u8, _, file, line, func_, parentPc} */
		t[0] = 0xff, t[1] = 0xff, t[2] = 0;
		set32(t + 12, n_inl);
		set32(t + 16, 0x30);
		t += 20;
		t[0] = 0, t[1] = 0, t[2] = 0;
		set32(t + 12, n_inl2);
		set32(t + 16, 0x14);
		s->gofunc_size = 16 + 40;
	} else { /* {funcID u8, _ [3]byte, nameOff, parentPc, startLine} */
		t[0] = 0;
		set32(t + 4, n_inl);
		set32(t + 8, 0x30);
		t += 16;
		t[0] = 0;
		set32(t + 4, n_inl2);
		set32(t + 8, 0x14);
		s->gofunc_size = 16 + 32;
	}
}

static struct gm_error *open_synth_at(const struct synth *s, uint64_t delta, struct gm_gobin **gb)
{
	struct gm_gobin_pcln_spec spec = {
		.pcln = s->pcln,
		.pcln_size = s->pcln_size,
		.pcln_addr = PCLN_ADDR + delta,
		.text_start = TEXT + delta,
		.gofunc = GOFUNC + delta,
		.gofunc_data = s->gofunc,
		.gofunc_size = s->gofunc_size,
		.go_minor = s->minor,
	};
	return gm_gobin_from_pclntab(&spec, gb);
}

static struct gm_error *open_synth(const struct synth *s, struct gm_gobin **gb)
{
	return open_synth_at(s, 0, gb);
}

/* A Go plugin's module chained to the executable's (next_module): its
 * functions are found through the executable's gobin, a gm_func found
 * there says its module, and every table read through any gobin uses that
 * module's tables; a chain that loops ends (GM_GOBIN_MAX_MODULES). */
static void check_modules(int minor)
{
	const uint64_t delta = 0x7f0000000000ull; /* where the plugin is mapped */
	struct synth *s = malloc(sizeof(*s)), *x = malloc(sizeof(*x));
	assert_non_null(s);
	assert_non_null(x);
	build(s, minor);
	/* the executable's funcdata (inline trees) differ from the plugin's:
	 * reading a plugin function through them would show */
	build(x, minor);
	memset(x->gofunc, 0xee, sizeof(x->gofunc));
	struct gm_gobin *exe, *plug;
	assert_null(open_synth(x, &exe));
	assert_null(open_synth_at(s, delta, &plug));
	struct gm_func f, g;
	assert_false(gm_gobin_find_func(exe, TEXT + delta + 0x40, &f));
	exe->next_module = plug;
	assert_true(gm_gobin_find_func(exe, TEXT + 0x40, &f));
	assert_ptr_equal(f.mod, exe);
	assert_true(gm_gobin_find_func(exe, TEXT + delta + 0x40, &f));
	assert_ptr_equal(f.mod, plug);
	assert_string_equal(f.name, "main.second");
	assert_int_equal(f.entry, TEXT + delta + 0x40);
	assert_true(gm_gobin_find_func(plug, TEXT + delta + 0x40, &g));
	for (uint64_t pc = f.entry; pc < f.end; pc += 7) {
		int32_t a, b;
		bool oka = gm_gobin_pcsp(exe, &f, pc, &a), okb = gm_gobin_pcsp(plug, &g, pc, &b);
		assert_int_equal(oka, okb);
		if (oka)
			assert_int_equal(a, b);
		const char *fa, *fb;
		int32_t la, lb;
		oka = gm_gobin_fileline(exe, &f, pc, &fa, &la);
		okb = gm_gobin_fileline(plug, &g, pc, &fb, &lb);
		assert_int_equal(oka, okb);
		if (oka) {
			assert_string_equal(fa, fb);
			assert_int_equal(la, lb);
		}
		struct gm_inline_frame ia[8], ib[8];
		size_t na = gm_gobin_expand_inline(exe, &f, pc, ia, 8), nb = gm_gobin_expand_inline(plug, &g, pc, ib, 8);
		assert_int_equal(na, nb);
		for (size_t i = 0; i < na; i++)
			assert_string_equal(ia[i].name, ib[i].name);
	}
	assert_false(gm_gobin_find_func(exe, TEXT + delta + 0x260, &f));
	plug->next_module = exe; /* a loop: bounded */
	assert_false(gm_gobin_find_func(exe, TEXT + 2 * delta, &f));
	gm_gobin_destroy(plug);
	gm_gobin_destroy(exe);
	free(s);
	free(x);
}

static void test_modules_119(void **state) { (void)state; check_modules(19); }
static void test_modules_121(void **state) { (void)state; check_modules(21); }

static void check_valid(int minor)
{
	struct synth *s = malloc(sizeof(*s));
	assert_non_null(s);
	build(s, minor);
	struct gm_gobin *gb;
	struct gm_error *err = open_synth(s, &gb);
	assert_null(err);
	assert_int_equal(gb->nfunc, 3);
	assert_int_equal(gb->pcln_magic, minor < 20 ? 0xfffffff0u : 0xfffffff1u);
	assert_int_equal(gb->text_start, TEXT);

	/* find_func at the boundaries */
	struct gm_func f;
	assert_false(gm_gobin_find_func(gb, TEXT - 1, &f));
	assert_true(gm_gobin_find_func(gb, TEXT, &f));
	assert_string_equal(f.name, "main.first");
	assert_int_equal(f.entry, TEXT);
	assert_int_equal(f.end, TEXT + 0x40);
	assert_true(gm_gobin_find_func(gb, TEXT + 0x3f, &f));
	assert_string_equal(f.name, "main.first");
	assert_true(gm_gobin_find_func(gb, TEXT + 0x40, &f));
	assert_string_equal(f.name, "main.second");
	assert_int_equal(f.args, 8);
	assert_int_equal(f.start_line, minor < 20 ? 0 : 101);
	assert_true(gm_gobin_find_func(gb, TEXT + 0x25f, &f));
	assert_string_equal(f.name, "main.third");
	assert_int_equal(f.funcid, 21);
	assert_false(gm_gobin_find_func(gb, TEXT + 0x260, &f));
	/* twice, to go through the cache */
	for (int rep = 0; rep < 2; rep++) {
		assert_true(gm_gobin_find_func(gb, TEXT + 0x100, &f));
		assert_string_equal(f.name, "main.second");
		assert_int_equal(f.idx, 1);
	}
	assert_true(gm_gobin_func_by_name(gb, "main.third", &f));
	assert_int_equal(f.entry, TEXT + 0x240);
	assert_false(gm_gobin_func_by_name(gb, "main.nope", &f));

	/* pcvalue: sp and lines of f0, incl. a 2-byte varint value (300) */
	assert_true(gm_gobin_find_func(gb, TEXT, &f));
	int32_t v;
	for (int rep = 0; rep < 2; rep++) {
		assert_true(gm_gobin_pcsp(gb, &f, TEXT + 3, &v));
		assert_int_equal(v, 0);
		assert_true(gm_gobin_pcsp(gb, &f, TEXT + 4, &v));
		assert_int_equal(v, 8);
		assert_true(gm_gobin_pcsp(gb, &f, TEXT + 0x3f, &v));
		assert_int_equal(v, 8);
	}
	assert_false(gm_gobin_pcsp(gb, &f, TEXT + 0x40, &v)); /* outside f */
	const char *file;
	int32_t line;
	assert_true(gm_gobin_fileline(gb, &f, TEXT + 0x0f, &file, &line));
	assert_string_equal(file, "a.go");
	assert_int_equal(line, 10);
	assert_true(gm_gobin_fileline(gb, &f, TEXT + 0x10, &file, &line));
	assert_int_equal(line, 11);
	assert_true(gm_gobin_fileline(gb, &f, TEXT + 0x3f, &file, &line));
	assert_int_equal(line, 300);
	assert_int_equal(gm_gobin_pcdata(gb, &f, GM_PCDATA_InlTreeIndex, TEXT), -1);
	assert_int_equal(gm_gobin_funcdata_addr(gb, &f, 0), 0);

	/* f1: a pc delta >= 128 (2-byte varint) in pcsp, files, pcdata, inline */
	assert_true(gm_gobin_find_func(gb, TEXT + 0x40, &f));
	assert_true(gm_gobin_pcsp(gb, &f, TEXT + 0x40, &v));
	assert_int_equal(v, 0);
	assert_true(gm_gobin_pcsp(gb, &f, TEXT + 0x23f, &v));
	assert_int_equal(v, 16);
	assert_true(gm_gobin_fileline(gb, &f, TEXT + 0x40 + 0x15, &file, &line));
	assert_string_equal(file, "b.go");
	assert_int_equal(line, 30);
	assert_int_equal(gm_gobin_pcdata(gb, &f, GM_PCDATA_InlTreeIndex, TEXT + 0x40 + 0x25), 1);
	assert_int_equal(gm_gobin_pcdata(gb, &f, GM_PCDATA_UnsafePoint, TEXT + 0x40), -1);
	assert_int_equal(gm_gobin_pcdata(gb, &f, 7, TEXT + 0x40), -1); /* table >= npcdata */
	assert_int_equal(gm_gobin_funcdata_addr(gb, &f, GM_FUNCDATA_ArgsPointerMaps), 0);
	assert_int_equal(gm_gobin_funcdata_addr(gb, &f, GM_FUNCDATA_InlTree), GOFUNC + 16);
	assert_int_equal(gm_gobin_funcdata_addr(gb, &f, 4), 0); /* idx >= nfuncdata */
	assert_non_null(gm_gobin_funcdata(gb, &f, GM_FUNCDATA_InlTree, 16));
	assert_null(gm_gobin_funcdata(gb, &f, GM_FUNCDATA_InlTree, 4096)); /* past the region */

	/* inline expansion at ix 1: inl2 @ pc, inl @ parentPc 0x14, second @ 0x30 */
	struct gm_inline_frame fr[8];
	size_t n = gm_gobin_expand_inline(gb, &f, TEXT + 0x40 + 0x25, fr, 8);
	assert_int_equal(n, 3);
	assert_string_equal(fr[0].name, "main.inl2");
	assert_true(fr[0].inlined);
	assert_string_equal(fr[0].file, "b.go");
	assert_int_equal(fr[0].line, 40);
	assert_string_equal(fr[1].name, "main.inl");
	assert_string_equal(fr[1].file, "b.go");
	assert_int_equal(fr[1].line, 30);
	assert_string_equal(fr[2].name, "main.second");
	assert_false(fr[2].inlined);
	assert_string_equal(fr[2].file, "a.go");
	assert_int_equal(fr[2].line, 50);
	/* no inlining at this pc */
	n = gm_gobin_expand_inline(gb, &f, TEXT + 0x40 + 0x35, fr, 8);
	assert_int_equal(n, 1);
	assert_string_equal(fr[0].name, "main.second");
	assert_int_equal(fr[0].line, 50);
	/* max = 2 keeps the physical function last */
	n = gm_gobin_expand_inline(gb, &f, TEXT + 0x40 + 0x25, fr, 2);
	assert_int_equal(n, 2);
	assert_string_equal(fr[0].name, "main.inl2");
	assert_string_equal(fr[1].name, "main.second");

	/* f2: no file/line tables; funcdata at gofunc + 0 */
	assert_true(gm_gobin_find_func(gb, TEXT + 0x240, &f));
	assert_false(gm_gobin_fileline(gb, &f, TEXT + 0x240, &file, &line));
	assert_string_equal(file, "?");
	assert_int_equal(line, 0);
	assert_int_equal(gm_gobin_funcdata_addr(gb, &f, 0), GOFUNC);
	const uint8_t *fd = gm_gobin_funcdata(gb, &f, 0, 16);
	assert_non_null(fd);
	assert_int_equal(fd[0], 0xab);
	n = gm_gobin_expand_inline(gb, &f, TEXT + 0x240, fr, 8);
	assert_int_equal(n, 1);
	assert_string_equal(fr[0].file, "?");

	gm_gobin_destroy(gb);
	free(s);
}

static void test_valid_119(void **state) { check_valid(19); }
static void test_valid_121(void **state) { check_valid(21); }

static void expect_open_error(struct synth *s, enum gm_err_code code)
{
	struct gm_gobin *gb = (struct gm_gobin *)1;
	struct gm_error *err = open_synth(s, &gb);
	assert_non_null(err);
	assert_int_equal(err->code, code);
	assert_null(gb);
	gm_error_destroy(err);
}

static void test_bad_headers(void **state)
{
	struct synth *s = malloc(sizeof(*s));
	assert_non_null(s);

	build(s, 21);
	s->pcln[0] = 0x12;
	expect_open_error(s, GM_ERR_FORMAT);

	build(s, 21);
	set32(s->pcln, 0xfffffffb); /* Go 1.2-1.15 */
	expect_open_error(s, GM_ERR_UNSUPPORTED);

	build(s, 21);
	s->pcln_size = 50; /* truncated header */
	expect_open_error(s, GM_ERR_FORMAT);

	build(s, 21);
	s->pcln_size = s->off_ftab + 20; /* truncated ftab */
	expect_open_error(s, GM_ERR_FORMAT);

	build(s, 21);
	set64(s->pcln + 40, 4); /* cutab offset inside the header */
	expect_open_error(s, GM_ERR_FORMAT);

	build(s, 21);
	set64(s->pcln + 64, 1u << 30); /* pclntable offset out of range */
	expect_open_error(s, GM_ERR_FORMAT);

	build(s, 21);
	set64(s->pcln + 8, 0); /* nfunc 0 */
	expect_open_error(s, GM_ERR_FORMAT);

	build(s, 21);
	set64(s->pcln + 8, 1ull << 40); /* absurd nfunc */
	expect_open_error(s, GM_ERR_FORMAT);

	build(s, 21);
	set32(s->pcln + s->off_ftab + 8, 0x300); /* ftab not sorted */
	expect_open_error(s, GM_ERR_FORMAT);

	build(s, 21);
	s->pcln[7] = 4; /* ptrSize */
	expect_open_error(s, GM_ERR_FORMAT);

	struct gm_gobin *gb;
	struct gm_error *err = gm_gobin_from_pclntab(NULL, &gb);
	assert_non_null(err);
	gm_error_destroy(err);
	free(s);
}

static void test_bad_tables(void **state)
{
	struct synth *s = malloc(sizeof(*s));
	assert_non_null(s);
	struct gm_gobin *gb;
	struct gm_func f;
	int32_t v;
	const char *file;
	int32_t line;
	struct gm_inline_frame fr[8];

	/* funcoff of f1 out of range: lookups in f1 fail, others still work */
	build(s, 21);
	set32(s->pcln + s->off_ftab + 12, 0x7fffffff);
	assert_null(open_synth(s, &gb));
	assert_false(gm_gobin_find_func(gb, TEXT + 0x50, &f));
	assert_false(gm_gobin_func_at(gb, 1, &f));
	assert_false(gm_gobin_func_at(gb, 3, &f));
	assert_true(gm_gobin_find_func(gb, TEXT + 0x250, &f));
	gm_gobin_destroy(gb);

	/* pcsp offset beyond pctab, name offset beyond funcnametab */
	build(s, 21);
	set32(s->pcln + s->off_func[0] + 16, 0x7fffffff);
	set32(s->pcln + s->off_func[0] + 4, 0x7fffffff);
	assert_null(open_synth(s, &gb));
	assert_true(gm_gobin_find_func(gb, TEXT, &f));
	assert_string_equal(f.name, "?");
	assert_false(gm_gobin_pcsp(gb, &f, TEXT, &v));
	gm_gobin_destroy(gb);

	/* npcdata/nfuncdata that run past the table */
	build(s, 21);
	set32(s->pcln + s->off_func[2] + 28, 0x10000000);
	assert_null(open_synth(s, &gb));
	assert_false(gm_gobin_find_func(gb, TEXT + 0x240, &f));
	gm_gobin_destroy(gb);

	/* pc table whose varint runs off the end of pctab: point pcsp at the
	 * last byte of pctab and make it a continuation byte */
	build(s, 21);
	{
		size_t last = s->off_ftab - 1; /* last byte of pctab */
		uint32_t rel = (uint32_t)(last - s->off_pctab);
		s->pcln[last] = 0x80; /* a continuation byte at the very end */
		set32(s->pcln + s->off_func[2] + 16, rel);
	}
	assert_null(open_synth(s, &gb));
	assert_true(gm_gobin_find_func(gb, TEXT + 0x240, &f));
	assert_false(gm_gobin_pcsp(gb, &f, TEXT + 0x240, &v));
	gm_gobin_destroy(gb);

	/* inline tree: index far out of range, and a cycle (parentPc -> itself) */
	build(s, 21);
	set32(s->gofunc + 16 + 16 + 8, 0x25); /* ix1's parentPc -> a pc with ix1 */
	assert_null(open_synth(s, &gb));
	assert_true(gm_gobin_find_func(gb, TEXT + 0x40, &f));
	size_t n = gm_gobin_expand_inline(gb, &f, TEXT + 0x40 + 0x25, fr, 8);
	assert_int_equal(n, 8); /* bounded by max, physical last */
	assert_string_equal(fr[7].name, "main.second");
	assert_false(fr[7].inlined);
	gm_gobin_destroy(gb);

	build(s, 19);
	s->gofunc_size = 16 + 20; /* the tree is cut after entry 0 */
	assert_null(open_synth(s, &gb));
	assert_true(gm_gobin_find_func(gb, TEXT + 0x40, &f));
	n = gm_gobin_expand_inline(gb, &f, TEXT + 0x40 + 0x25, fr, 8);
	assert_int_equal(n, 1);
	assert_string_equal(fr[0].name, "main.second");
	assert_true(gm_gobin_fileline(gb, &f, TEXT + 0x40 + 0x25, &file, &line));
	gm_gobin_destroy(gb);

	/* cutab entry ^0 gives "?" like the runtime's funcfile */
	build(s, 21);
	set32(s->pcln + s->off_func[1] + 32, 2); /* cuOffset 2: cutab[2] = ^0 */
	assert_null(open_synth(s, &gb));
	assert_true(gm_gobin_find_func(gb, TEXT + 0x40, &f));
	assert_true(gm_gobin_fileline(gb, &f, TEXT + 0x40, &file, &line));
	assert_string_equal(file, "?");
	gm_gobin_destroy(gb);
	free(s);
}

/* Random corruption: every operation must stay in bounds (run under ASan). */
static void test_fuzz(void **state)
{
	struct synth *base = malloc(sizeof(*base)), *s = malloc(sizeof(*s));
	assert_non_null(base);
	assert_non_null(s);
	uint32_t seed = 12345;
	for (int iter = 0; iter < 3000; iter++) {
		build(base, iter & 1 ? 19 : 21);
		memcpy(s, base, sizeof(*s));
		int nflip = 1 + iter % 8;
		for (int k = 0; k < nflip; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % (s->pcln_size + s->gofunc_size);
			seed = seed * 1103515245u + 12345u;
			uint8_t val = (uint8_t)(seed >> 16);
			if (at < s->pcln_size)
				s->pcln[at] = val;
			else
				s->gofunc[at - s->pcln_size] = val;
		}
		struct gm_gobin *gb;
		struct gm_error *err = open_synth(s, &gb);
		if (err) {
			gm_error_destroy(err);
			continue;
		}
		for (uint64_t pc = TEXT - 2; pc < TEXT + 0x270; pc += 3) {
			struct gm_func f;
			if (!gm_gobin_find_func(gb, pc, &f))
				continue;
			int32_t v;
			const char *file;
			int32_t line;
			struct gm_inline_frame fr[16];
			gm_gobin_pcsp(gb, &f, pc, &v);
			gm_gobin_fileline(gb, &f, pc, &file, &line);
			for (uint32_t t = 0; t < 4; t++)
				gm_gobin_pcdata(gb, &f, t, pc);
			for (uint32_t t = 0; t < 8; t++)
				gm_gobin_funcdata(gb, &f, t, 8);
			size_t n = gm_gobin_expand_inline(gb, &f, pc, fr, 16);
			assert_true(n >= 1 && n <= 16);
			for (size_t i = 0; i < n; i++) {
				assert_non_null(fr[i].name);
				assert_non_null(fr[i].file);
				(void)strlen(fr[i].name);
				(void)strlen(fr[i].file);
			}
		}
		gm_gobin_destroy(gb);
	}
	free(base);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_119),
		cmocka_unit_test(test_valid_121),
		cmocka_unit_test(test_modules_119),
		cmocka_unit_test(test_modules_121),
		cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_bad_tables),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
