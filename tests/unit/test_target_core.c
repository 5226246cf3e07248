/* Unit tests for the core-file target: a small ELF core synthesized here
 * (PT_LOADs + NT_PRSTATUS/PRPSINFO/SIGINFO/AUXV/FILE notes), truncated and
 * zstd-compressed variants, garbage and non-core inputs, mutated cores.
 *
 * Debugging aid: `test_target_core CORE [EXE]` prints what the parser found
 * in CORE (threads, registers, mappings, exe path, segments) instead of
 * running the tests; with EXE it also adds the executable's segments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "gm_target.h"

/* ---- a tiny ELF writer ---- */

struct buf {
	uint8_t *p;
	size_t n, cap;
};

static void reserve(struct buf *b, size_t n)
{
	if (b->n + n <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->n + n)
		cap *= 2;
	b->p = realloc(b->p, cap);
	assert_non_null(b->p);
	memset(b->p + b->cap, 0, cap - b->cap);
	b->cap = cap;
}
static void put(struct buf *b, const void *d, size_t n)
{
	reserve(b, n);
	memcpy(b->p + b->n, d, n);
	b->n += n;
}
static void put_zero(struct buf *b, size_t n)
{
	reserve(b, n);
	memset(b->p + b->n, 0, n);
	b->n += n;
}
static void put16(struct buf *b, uint16_t v) { put(b, &v, 2); }
static void put32(struct buf *b, uint32_t v) { put(b, &v, 4); }
static void put64(struct buf *b, uint64_t v) { put(b, &v, 8); }
static void align(struct buf *b, size_t a)
{
	while (b->n % a)
		put_zero(b, 1);
}
static void set64(struct buf *b, size_t off, uint64_t v) { memcpy(b->p + off, &v, 8); }

static void ehdr(struct buf *b, uint16_t type, uint16_t machine, uint16_t phnum)
{
	static const uint8_t ident[16] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
	put(b, ident, 16);
	put16(b, type);
	put16(b, machine);
	put32(b, 1);
	put64(b, 0);  /* entry */
	put64(b, 64); /* phoff */
	put64(b, 0);  /* shoff */
	put32(b, 0);
	put16(b, 64);
	put16(b, 56);
	put16(b, phnum);
	put16(b, 64);
	put16(b, 0);
	put16(b, 0);
}

/* writes a phdr; returns the offset of p_offset so it can be patched */
static size_t phdr(struct buf *b, uint32_t type, uint64_t off, uint64_t va, uint64_t filesz,
		   uint64_t memsz)
{
	put32(b, type);
	put32(b, 4);
	size_t at = b->n;
	put64(b, off);
	put64(b, va);
	put64(b, va);
	put64(b, filesz);
	put64(b, memsz);
	put64(b, 0x1000);
	return at;
}

static void note(struct buf *b, const char *name, uint32_t type, const void *desc, uint32_t descsz)
{
	uint32_t namesz = (uint32_t)strlen(name) + 1;
	put32(b, namesz);
	put32(b, descsz);
	put32(b, type);
	put(b, name, namesz);
	align(b, 4);
	put(b, desc, descsz);
	align(b, 4);
}

#define NT_FILE 0x46494c45u
#define NT_SIGINFO 0x53494749u

struct core_opts {
	bool no_siginfo;
	bool no_auxv;
	uint16_t machine;
	uint64_t file_count_override;
};

/* Layout of the synthetic core's memory */
#define TEXT_VA 0x400000ull   /* memsz 0x2000, only the first page saved */
#define HEAP_VA 0xc000000000ull /* 0x1000 saved */
#define STACK_VA 0x7ffff000ull /* 0x1000 saved, last in file */

static uint8_t pattern(uint64_t va) { return (uint8_t)(va * 31 + (va >> 12)); }

static void fill_load(struct buf *b, uint64_t va, size_t n)
{
	reserve(b, n);
	for (size_t i = 0; i < n; i++)
		b->p[b->n + i] = pattern(va + i);
	b->n += n;
}

static struct buf make_core(const struct core_opts *o)
{
	struct buf b = {0};
	ehdr(&b, 4, o->machine ? o->machine : 62, 4);
	size_t note_ph = phdr(&b, 4, 0, 0, 0, 0);
	size_t l1 = phdr(&b, 1, 0, TEXT_VA, 0x1000, 0x2000);
	size_t l2 = phdr(&b, 1, 0, HEAP_VA, 0x1000, 0x1000);
	size_t l3 = phdr(&b, 1, 0, STACK_VA, 0x1000, 0x1000);

	size_t nstart = b.n;
	/* two threads */
	for (int th = 0; th < 2; th++) {
		/* x86-64: 27 registers (336 bytes); AArch64: 34 (392 bytes) */
		bool a64 = o->machine == 183;
		int nregs = a64 ? 34 : 27;
		uint8_t pr[392] = {0};
		int16_t cursig = th == 0 ? 6 : 0;
		int32_t tid = 1000 + th;
		memcpy(pr + 12, &cursig, 2);
		memcpy(pr + 32, &tid, 4);
		uint64_t regs[34];
		for (int i = 0; i < nregs; i++)
			regs[i] = 0x1111000000000000ull * (uint64_t)(th + 1) + (uint64_t)i;
		regs[a64 ? 32 : 16] = 0x401234 + (uint64_t)th; /* rip / pc */
		regs[a64 ? 31 : 19] = STACK_VA + 0x800;        /* rsp / sp */
		memcpy(pr + 112, regs, (size_t)nregs * 8);
		note(&b, "CORE", 1, pr, a64 ? 392 : 336);
	}
	uint8_t ps[136] = {0};
	int32_t pid = 1000;
	memcpy(ps + 24, &pid, 4);
	memcpy(ps + 40, "fakeprogname1234", 16); /* 16 chars: no NUL */
	strcpy((char *)ps + 56, "fake -flag arg ");
	note(&b, "CORE", 3, ps, sizeof(ps));
	/* a note from another namespace with a colliding type: ignored */
	uint8_t junk[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	note(&b, "LINUX", 1, junk, sizeof(junk));
	if (!o->no_siginfo) {
		uint8_t si[128] = {0};
		int32_t signo = 11, code = 1;
		memcpy(si, &signo, 4);
		memcpy(si + 8, &code, 4);
		note(&b, "CORE", NT_SIGINFO, si, sizeof(si));
	}
	if (!o->no_auxv) {
		uint64_t av[] = {6, 4096, 3, TEXT_VA + 64, 9, TEXT_VA + 0x1100, 0, 0};
		note(&b, "CORE", 6, av, sizeof(av));
	}
	{
		struct buf f = {0};
		put64(&f, o->file_count_override ? o->file_count_override : 3);
		put64(&f, 4096);
		put64(&f, 0x7f0000000000ull), put64(&f, 0x7f0000001000ull), put64(&f, 0);
		put64(&f, TEXT_VA), put64(&f, TEXT_VA + 0x2000), put64(&f, 0);
		put64(&f, 0x7f0000002000ull), put64(&f, 0x7f0000003000ull), put64(&f, 2);
		const char names[] = "/lib/first.so\0/usr/bin/fake\0/lib/x.so";
		put(&f, names, sizeof(names));
		note(&b, "CORE", NT_FILE, f.p, (uint32_t)f.n);
		free(f.p);
	}
	size_t nend = b.n;
	set64(&b, note_ph, nstart);
	set64(&b, note_ph + 24, nend - nstart);
	align(&b, 4096);
	set64(&b, l1, b.n);
	fill_load(&b, TEXT_VA, 0x1000);
	set64(&b, l2, b.n);
	fill_load(&b, HEAP_VA, 0x1000);
	set64(&b, l3, b.n);
	fill_load(&b, STACK_VA, 0x1000);
	return b;
}

static struct buf make_exe(void)
{
	struct buf b = {0};
	ehdr(&b, 2, 62, 2);
	size_t t = phdr(&b, 1, 0, TEXT_VA, 0x2000, 0x2000);
	size_t d = phdr(&b, 1, 0, 0x600000, 0x100, 0x5000); /* data + bss */
	align(&b, 4096);
	set64(&b, t, b.n);
	reserve(&b, 0x2000);
	for (size_t i = 0; i < 0x2000; i++)
		b.p[b.n + i] = (uint8_t)~pattern(TEXT_VA + i);
	b.n += 0x2000;
	set64(&b, d, b.n);
	put_zero(&b, 0x100);
	return b;
}

static char *write_tmp(const void *d, size_t n)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = P_tmpdir;
	char *path = malloc(strlen(dir) + 32);
	assert_non_null(path);
	sprintf(path, "%s/gm-test-core-XXXXXX", dir);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, d, n), (ssize_t)n);
	close(fd);
	return path;
}

static struct gm_error *open_bytes(const void *d, size_t n, struct gm_target **t)
{
	char *path = write_tmp(d, n);
	struct gm_error *e = gm_target_open_core(path, t);
	unlink(path);
	free(path);
	return e;
}

static void expect_open_error(const void *d, size_t n, const char *substr)
{
	struct gm_target *t = (void *)1;
	struct gm_error *e = open_bytes(d, n, &t);
	if (!e)
		fail_msg("expected an error containing '%s'", substr);
	assert_null(t);
	if (!strstr(e->msg, substr))
		fail_msg("message '%s' lacks '%s'", e->msg, substr);
	gm_error_destroy(e);
}

static void check_full_core(struct gm_target *t)
{
	assert_int_equal(t->nthreads, 2);
	assert_int_equal(t->threads[0].tid, 1000);
	assert_int_equal(t->threads[1].tid, 1001);
	assert_int_equal(t->threads[0].cursig, 6);
	assert_int_equal(t->arch, GM_ARCH_AMD64);
	assert_int_equal(t->threads[0].r.pc, 0x401234);
	assert_int_equal(t->threads[1].r.sp, STACK_VA + 0x800);
	assert_int_equal(t->threads[1].r.g, 0x2222000000000000ull + 1); /* r14 */
	assert_int_equal(t->threads[0].regs.rip, 0x401234);
	assert_int_equal(t->threads[1].regs.rip, 0x401235);
	assert_int_equal(t->threads[1].regs.rsp, STACK_VA + 0x800);
	assert_int_equal(t->threads[1].regs.r15, 0x2222000000000000ull);
	assert_int_equal(t->threads[1].regs.gs, 0x2222000000000000ull + 26);
	assert_int_equal(t->pid, 1000);
	assert_string_equal(t->comm, "fakeprogname1234");
	assert_string_equal(t->psargs, "fake -flag arg");
	assert_int_equal(t->signo, 11);
	assert_int_equal(t->sigcode, 1);
	assert_int_equal(t->auxv_entry, TEXT_VA + 0x1100);
	assert_int_equal(t->auxv_phdr, TEXT_VA + 64);
	assert_int_equal(t->nmaps, 3);
	assert_string_equal(t->maps[0].path, "/lib/first.so");
	assert_string_equal(t->maps[1].path, "/usr/bin/fake");
	assert_int_equal(t->maps[2].file_ofs, 2 * 4096);
	assert_int_equal(t->maps[2].start, 0x7f0000002000ull);
	assert_string_equal(t->exe_path, "/usr/bin/fake"); /* contains AT_ENTRY */

	uint64_t v, want = 0;
	assert_true(gm_memsrc_u64(t->mem, HEAP_VA + 0x10, &v));
	for (int i = 7; i >= 0; i--)
		want = want << 8 | pattern(HEAP_VA + 0x10 + (uint64_t)i);
	assert_int_equal(v, want);
	const uint8_t *p = gm_memsrc_ptr(t->mem, TEXT_VA, 0x1000);
	assert_non_null(p);
	assert_int_equal(p[0x123], pattern(TEXT_VA + 0x123));
	uint8_t b8[8];
	struct gm_error *e = gm_memsrc_read(t->mem, TEXT_VA + 0xffc, b8, 8);
	assert_non_null(e);
	assert_int_equal(e->code, GM_ERR_FAULT);
	assert_int_equal(e->addr, TEXT_VA + 0x1000);
	assert_non_null(strstr(e->msg, "not saved in core"));
	gm_error_destroy(e);
}

static void test_plain_core(void **state)
{
	(void)state;
	struct core_opts o = {0};
	struct buf b = make_core(&o);
	struct gm_target *t;
	struct gm_error *e = open_bytes(b.p, b.n, &t);
	assert_null(e);
	check_full_core(t);
	assert_string_equal(t->source_kind, "core");
	assert_false(t->truncated);
	assert_int_equal(gm_memsrc_nsegments(t->mem), 3);

	/* executable fallback: serves the unsaved text tail, not the saved page */
	struct buf x = make_exe();
	assert_null(gm_target_add_exe_segments(t, x.p, x.n, 0));
	uint8_t c;
	assert_true(gm_memsrc_u8(t->mem, TEXT_VA + 0x1001, &c));
	assert_int_equal(c, (uint8_t)~pattern(TEXT_VA + 0x1001));
	assert_true(gm_memsrc_u8(t->mem, TEXT_VA + 0x10, &c));
	assert_int_equal(c, pattern(TEXT_VA + 0x10));
	uint8_t buf[0x20];
	assert_null(gm_memsrc_read(t->mem, TEXT_VA + 0xff0, buf, 0x20)); /* core -> exe */
	assert_int_equal(buf[0], pattern(TEXT_VA + 0xff0));
	assert_int_equal(buf[0x1f], (uint8_t)~pattern(TEXT_VA + 0x100f));
	/* exe data: memsz is the file size, the bss is not served */
	assert_true(gm_memsrc_u8(t->mem, 0x6000ff, &c));
	assert_false(gm_memsrc_u8(t->mem, 0x600100, &c));
	/* with a bias */
	assert_null(gm_target_add_exe_segments(t, x.p, x.n, 0x100000000ull));
	assert_true(gm_memsrc_u8(t->mem, 0x100000000ull + TEXT_VA + 5, &c));
	/* exe bad input */
	e = gm_target_add_exe_segments(t, b.p, b.n, 0);
	assert_non_null(e); /* a core is not an executable */
	gm_error_destroy(e);
	e = gm_target_add_exe_segments(t, (const uint8_t *)"garbage", 7, 0);
	assert_non_null(e);
	gm_error_destroy(e);
	gm_target_destroy(t);
	gm_target_destroy(NULL);
	free(x.p);
	free(b.p);
}

/* An AArch64 core: user_pt_regs in NT_PRSTATUS (x0..x30, sp, pc, pstate),
 * registers by role (pc, sp, fp = x29, lr = x30, g = x28). A note of
 * x86-64's size is too small for it. */
static void test_arm64_core(void **state)
{
	(void)state;
	struct core_opts o = {.machine = 183};
	struct buf b = make_core(&o);
	struct gm_target *t;
	assert_null(open_bytes(b.p, b.n, &t));
	assert_int_equal(t->arch, GM_ARCH_ARM64);
	assert_int_equal(t->nthreads, 2);
	assert_int_equal(t->threads[0].r.pc, 0x401234);
	assert_int_equal(t->threads[1].r.pc, 0x401235);
	assert_int_equal(t->threads[1].r.sp, STACK_VA + 0x800);
	assert_int_equal(t->threads[1].r.fp, 0x2222000000000000ull + 29);
	assert_int_equal(t->threads[1].r.lr, 0x2222000000000000ull + 30);
	assert_int_equal(t->threads[1].r.g, 0x2222000000000000ull + 28);
	assert_int_equal(t->threads[1].regs_arm64.pstate, 0x2222000000000000ull + 33);
	assert_int_equal(t->threads[1].regs.rip, 0); /* the amd64 set is unused */
	assert_int_equal(t->signo, 11);
	assert_string_equal(t->comm, "fakeprogname1234");
	gm_target_destroy(t);
	/* an x86-64-sized NT_PRSTATUS in an AArch64 core */
	b.p[18] = 183;
	struct core_opts o2 = {0};
	struct buf b2 = make_core(&o2);
	b2.p[18] = 183;
	expect_open_error(b2.p, b2.n, "NT_PRSTATUS note too small (336 bytes)");
	free(b2.p);
	free(b.p);
}

static void test_fallbacks(void **state)
{
	(void)state;
	/* no NT_SIGINFO: signo from the first thread's pr_cursig;
	 * no AUXV: exe path from the first mapping at file offset 0 */
	struct core_opts o = {.no_siginfo = true, .no_auxv = true};
	struct buf b = make_core(&o);
	struct gm_target *t;
	assert_null(open_bytes(b.p, b.n, &t));
	assert_int_equal(t->signo, 6);
	assert_int_equal(t->sigcode, 0);
	assert_int_equal(t->auxv_entry, 0);
	assert_string_equal(t->exe_path, "/lib/first.so");
	gm_target_destroy(t);
	free(b.p);
}

static void test_truncated(void **state)
{
	(void)state;
	struct core_opts o = {0};
	struct buf b = make_core(&o);
	struct gm_target *t;
	/* cut in the middle of the last PT_LOAD */
	assert_null(open_bytes(b.p, b.n - 0x900, &t));
	assert_true(t->truncated);
	assert_int_equal(t->truncated_bytes, 0x900);
	assert_int_equal(t->nthreads, 2);
	uint8_t c;
	assert_true(gm_memsrc_u8(t->mem, STACK_VA + 0x6ff, &c));
	assert_int_equal(c, pattern(STACK_VA + 0x6ff));
	assert_false(gm_memsrc_u8(t->mem, STACK_VA + 0x700, &c));
	gm_target_destroy(t);
	/* cut before all PT_LOAD data: everything is missing but notes parse */
	assert_null(open_bytes(b.p, 4096, &t));
	assert_true(t->truncated);
	assert_int_equal(t->truncated_bytes, 0x3000);
	assert_int_equal(t->nthreads, 2);
	gm_target_destroy(t);
	/* cut inside the program headers */
	expect_open_error(b.p, 100, "program headers");
	free(b.p);
}

static struct buf zstd_frames(const uint8_t *d, size_t n, int nframes, bool unknown_size)
{
	struct buf out = {0};
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	assert_non_null(cc);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 3);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_contentSizeFlag, unknown_size ? 0 : 1);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
	size_t per = n / (size_t)nframes + 1;
	for (size_t off = 0; off < n; off += per) {
		size_t len = n - off < per ? n - off : per;
		reserve(&out, ZSTD_compressBound(len));
		ZSTD_inBuffer in = {d + off, len, 0};
		ZSTD_outBuffer ob = {out.p + out.n, out.cap - out.n, 0};
		size_t r;
		do {
			r = ZSTD_compressStream2(cc, &ob, &in, ZSTD_e_end);
			assert_false(ZSTD_isError(r));
		} while (r != 0);
		out.n += ob.pos;
	}
	ZSTD_freeCCtx(cc);
	return out;
}

static void test_zstd(void **state)
{
	(void)state;
	struct core_opts o = {0};
	struct buf b = make_core(&o);
	struct gm_target *t;

	/* one frame with known size */
	struct buf z = zstd_frames(b.p, b.n, 1, false);
	assert_null(open_bytes(z.p, z.n, &t));
	check_full_core(t);
	assert_string_equal(t->source_kind, "core (zstd)");
	assert_false(t->truncated);
	assert_null(t->truncation_note);
	gm_target_destroy(t);
	free(z.p);

	/* several frames, unknown content size (like systemd-coredump) */
	z = zstd_frames(b.p, b.n, 5, true);
	assert_null(open_bytes(z.p, z.n, &t));
	check_full_core(t);
	assert_false(t->truncated);
	gm_target_destroy(t);

	/* cut-off stream: what came out is kept, the target is truncated */
	assert_null(open_bytes(z.p, z.n * 3 / 4, &t));
	assert_string_equal(t->source_kind, "core (zstd)");
	assert_true(t->truncated);
	assert_non_null(t->truncation_note);
	assert_int_equal(t->nthreads, 2);
	gm_target_destroy(t);

	/* corrupt data in the last frame */
	struct buf zc = {0};
	put(&zc, z.p, z.n);
	for (size_t i = zc.n - 40; i < zc.n - 20; i++)
		zc.p[i] ^= 0x5a;
	assert_null(open_bytes(zc.p, zc.n, &t));
	assert_true(t->truncated);
	assert_non_null(t->truncation_note);
	gm_target_destroy(t);
	free(zc.p);

	/* too little for an ELF header */
	expect_open_error(z.p, 12, "too few for an ELF header");
	free(z.p);
	z = zstd_frames(b.p, 40, 1, false);
	expect_open_error(z.p, z.n, "too few for an ELF header");
	free(z.p);

	/* a zstd-compressed non-ELF */
	static const char txt[] = "this is some text that is definitely not an ELF core file at all";
	z = zstd_frames((const uint8_t *)txt, sizeof(txt), 1, false);
	expect_open_error(z.p, z.n, "not an ELF file");
	free(z.p);
	free(b.p);
}

static void test_bad_inputs(void **state)
{
	(void)state;
	expect_open_error("", 0, "empty file");
	expect_open_error("hello world, this is not a core file", 36, "not an ELF file");
	expect_open_error("\177EL", 3, "not an ELF file");
	expect_open_error("\177ELF\2\1\1\0\0", 9, "truncated ELF header");

	struct buf x = make_exe();
	expect_open_error(x.p, x.n, "is an executable, not a core file");
	free(x.p);

	struct core_opts o = {.machine = 40}; /* 32-bit ARM */
	struct buf b = make_core(&o);
	expect_open_error(b.p, b.n, "neither x86-64 (62) nor AArch64 (183)");
	b.p[18] = 62;
	b.p[4] = 1; /* ELFCLASS32 */
	expect_open_error(b.p, b.n, "32-bit");
	free(b.p);

	/* NT_FILE claiming more entries than fit */
	o = (struct core_opts){.file_count_override = 1000000};
	b = make_core(&o);
	expect_open_error(b.p, b.n, "NT_FILE claims");
	free(b.p);

	struct gm_target *t = (void *)1;
	struct gm_error *e = gm_target_open_core("no/such/core/file", &t);
	assert_non_null(e);
	assert_int_equal(e->code, GM_ERR_OS);
	assert_null(t);
	gm_error_destroy(e);
	e = gm_target_open_core(".", &t); /* a directory */
	assert_non_null(e);
	gm_error_destroy(e);
}

/* Random byte mutations of a valid core must never crash or hang. */
static void mutate_core(uint16_t machine);

static void test_mutations(void **state)
{
	(void)state;
	mutate_core(62);
	mutate_core(183); /* AArch64: its own NT_PRSTATUS size */
}

static void mutate_core(uint16_t machine)
{
	struct core_opts o = {.machine = machine};
	struct buf b = make_core(&o);
	/* only mutate the headers and notes (the first page): that is where
	 * the parsing happens */
	uint32_t rnd = 777;
	int ok = 0, bad = 0;
	uint8_t *m = malloc(b.n);
	assert_non_null(m);
	for (int iter = 0; iter < 1500; iter++) {
		memcpy(m, b.p, b.n);
		int nmut = 1 + (int)(rnd % 8);
		for (int k = 0; k < nmut; k++) {
			rnd = rnd * 1103515245u + 12345u;
			size_t at = (rnd >> 8) % 1536; /* ehdr, phdrs, notes */
			rnd = rnd * 1103515245u + 12345u;
			m[at] = (rnd & 0x100) ? (uint8_t)(rnd >> 16) : 0xff;
		}
		struct gm_target *t;
		struct gm_error *e = open_bytes(m, b.n, &t);
		if (e) {
			bad++;
			assert_true(strlen(e->msg) > 0);
			gm_error_destroy(e);
			continue;
		}
		ok++;
		for (size_t i = 0; i < t->nmaps; i++)
			assert_true(strlen(t->maps[i].path) < 4096);
		uint64_t v;
		(void)gm_memsrc_u64(t->mem, HEAP_VA, &v);
		gm_target_destroy(t);
	}
	print_message("mutations: %d opened, %d refused\n", ok, bad);
	free(m);
	free(b.p);
}

/* ---- debugging aid ---- */

static int dump(const char *core, const char *exe)
{
	struct gm_target *t;
	struct gm_error *e = gm_target_open_core(core, &t);
	if (e) {
		fprintf(stderr, "error: %s\n", e->msg);
		gm_error_destroy(e);
		return 1;
	}
	printf("source: %s%s", t->source_kind, t->truncated ? " TRUNCATED" : "");
	if (t->truncated)
		printf(" (%llu bytes missing%s%s)", (unsigned long long)t->truncated_bytes,
		       t->truncation_note ? "; " : "", t->truncation_note ? t->truncation_note : "");
	printf("\npid %d comm '%s' psargs '%s'\nsigno %d code %d\n", t->pid,
	       t->comm ? t->comm : "", t->psargs ? t->psargs : "", t->signo, t->sigcode);
	printf("AT_ENTRY 0x%llx AT_PHDR 0x%llx\nexe_path %s\n",
	       (unsigned long long)t->auxv_entry, (unsigned long long)t->auxv_phdr,
	       t->exe_path ? t->exe_path : "(none)");
	printf("%zu threads:\n", t->nthreads);
	for (size_t i = 0; i < t->nthreads; i++)
		printf("  tid %d sig %d rip 0x%llx rsp 0x%llx fs_base 0x%llx\n", t->threads[i].tid,
		       t->threads[i].cursig, (unsigned long long)t->threads[i].regs.rip,
		       (unsigned long long)t->threads[i].regs.rsp,
		       (unsigned long long)t->threads[i].regs.fs_base);
	printf("%zu mappings:\n", t->nmaps);
	for (size_t i = 0; i < t->nmaps; i++)
		printf("  0x%llx-0x%llx @0x%llx %s\n", (unsigned long long)t->maps[i].start,
		       (unsigned long long)t->maps[i].end, (unsigned long long)t->maps[i].file_ofs,
		       t->maps[i].path);
	int xfd = -1;
	void *xmap = MAP_FAILED;
	struct stat st;
	if (exe && (xfd = open(exe, O_RDONLY)) >= 0 && fstat(xfd, &st) == 0 &&
	    (xmap = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, xfd, 0)) != MAP_FAILED) {
		e = gm_target_add_exe_segments(t, xmap, (size_t)st.st_size, 0);
		if (e) {
			fprintf(stderr, "exe: %s\n", e->msg);
			gm_error_destroy(e);
		}
	}
	size_t ns = gm_memsrc_nsegments(t->mem);
	printf("%zu segments:\n", ns);
	for (size_t i = 0; i < ns; i++) {
		const struct gm_segment *s = gm_memsrc_segment(t->mem, i);
		printf("  0x%llx-0x%llx saved 0x%llx prio %d %s\n", (unsigned long long)s->vaddr,
		       (unsigned long long)(s->vaddr + s->memsz), (unsigned long long)s->filesz,
		       s->prio, s->origin == GM_SEG_EXE ? "exe" : "core");
	}
	if (t->nthreads) {
		uint64_t v;
		uint64_t rip = t->threads[0].regs.rip;
		printf("thread 0 rip bytes: %s\n",
		       gm_memsrc_u64(t->mem, rip, &v) ? "readable" : "NOT readable");
	}
	gm_target_destroy(t);
	if (xmap != MAP_FAILED)
		munmap(xmap, (size_t)st.st_size);
	if (xfd >= 0)
		close(xfd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return dump(argv[1], argc > 2 ? argv[2] : NULL);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_core),
		cmocka_unit_test(test_arm64_core),
		cmocka_unit_test(test_fallbacks),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_zstd),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
