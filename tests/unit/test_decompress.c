/* Unit tests for gm_decompress: zstd, lz4 (frame) and xz streams compressed
 * here with the libraries' own encoders, decompressed into the sparse
 * temporary file and compared byte for byte; multi-frame / multi-stream
 * inputs, skippable frames, cut and corrupt streams, trailing garbage, the
 * holes (SEEK_DATA and st_blocks), detection by magic, head decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <lz4frame.h>
#include <lzma.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "gm_decompress.h"

#define PG 4096u

struct buf {
	uint8_t *p;
	size_t n;
};

static void append(struct buf *b, const void *d, size_t n)
{
	b->p = realloc(b->p, b->n + n + 1);
	assert_non_null(b->p);
	memcpy(b->p + b->n, d, n);
	b->n += n;
}

/* 3 MiB + 1000 bytes: pages of pseudo-random bytes, of a repeated pattern,
 * runs of zero pages (some long), a zero run that is not page aligned, and
 * a last partial page. Which pages are zero is recorded. */
#define ORIG_LEN ((3u << 20) + 1000u)
static uint8_t *make_orig(bool *zero_pages)
{
	uint8_t *d = calloc(1, ORIG_LEN);
	assert_non_null(d);
	uint64_t x = 0x9e3779b97f4a7c15ull;
	size_t np = (ORIG_LEN + PG - 1) / PG;
	for (size_t pg = 0; pg < np; pg++) {
		size_t off = pg * PG, len = ORIG_LEN - off < PG ? ORIG_LEN - off : PG;
		int kind = (int)(pg % 7);
		bool zero = kind == 2 || kind == 3 || (pg >= 300 && pg < 500);
		if (!zero) {
			for (size_t i = 0; i < len; i++) {
				if (kind == 0 || kind == 5) {
					x ^= x << 13;
					x ^= x >> 7;
					x ^= x << 17;
					d[off + i] = (uint8_t)x;
				} else {
					d[off + i] = (uint8_t)(i * 7 + pg);
				}
			}
			if (kind == 4) /* only one non-zero byte, at the end */
				memset(d + off, 0, len - 1), d[off + len - 1] = 1;
		}
		zero_pages[pg] = zero;
	}
	/* a zero run that does not start on a page boundary: the page stays data */
	memset(d + 700 * PG + 100, 0, 2 * PG);
	zero_pages[701] = true; /* covered entirely */
	return d;
}

/* ---- encoders ---- */

static struct buf zstd_enc(const uint8_t *d, size_t n, int nframes, bool size_known)
{
	struct buf out = {0};
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	assert_non_null(cc);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 3);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_contentSizeFlag, size_known);
	size_t per = n / (size_t)nframes + 1;
	for (size_t off = 0; off < n; off += per) {
		size_t len = n - off < per ? n - off : per;
		size_t cap = ZSTD_compressBound(len);
		uint8_t *tmp = malloc(cap);
		assert_non_null(tmp);
		ZSTD_inBuffer in = {d + off, len, 0};
		ZSTD_outBuffer ob = {tmp, cap, 0};
		if (!size_known)
			ZSTD_CCtx_setPledgedSrcSize(cc, ZSTD_CONTENTSIZE_UNKNOWN);
		size_t r;
		do {
			r = ZSTD_compressStream2(cc, &ob, &in, ZSTD_e_end);
			assert_false(ZSTD_isError(r));
		} while (r != 0);
		append(&out, tmp, ob.pos);
		free(tmp);
	}
	ZSTD_freeCCtx(cc);
	return out;
}

/* systemd-coredump's settings: 256 KiB linked blocks, default level */
static struct buf lz4_enc(const uint8_t *d, size_t n, int nframes, bool checksum)
{
	struct buf out = {0};
	LZ4F_preferences_t prefs;
	memset(&prefs, 0, sizeof(prefs));
	prefs.frameInfo.blockSizeID = LZ4F_max256KB;
	prefs.frameInfo.contentChecksumFlag = checksum ? LZ4F_contentChecksumEnabled : LZ4F_noContentChecksum;
	prefs.frameInfo.blockChecksumFlag = checksum ? LZ4F_blockChecksumEnabled : LZ4F_noBlockChecksum;
	size_t per = n / (size_t)nframes + 1;
	for (size_t off = 0; off < n; off += per) {
		size_t len = n - off < per ? n - off : per;
		size_t cap = LZ4F_compressFrameBound(len, &prefs);
		uint8_t *tmp = malloc(cap);
		assert_non_null(tmp);
		size_t r = LZ4F_compressFrame(tmp, cap, d + off, len, &prefs);
		assert_false(LZ4F_isError(r));
		append(&out, tmp, r);
		free(tmp);
	}
	return out;
}

static struct buf xz_enc(const uint8_t *d, size_t n, int nstreams)
{
	struct buf out = {0};
	size_t per = n / (size_t)nstreams + 1;
	for (size_t off = 0; off < n; off += per) {
		size_t len = n - off < per ? n - off : per;
		size_t cap = lzma_stream_buffer_bound(len), pos = 0;
		uint8_t *tmp = malloc(cap);
		assert_non_null(tmp);
		assert_int_equal(lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64, NULL, d + off, len, tmp, &pos, cap),
				 LZMA_OK);
		append(&out, tmp, pos);
		free(tmp);
	}
	return out;
}

/* ---- running the decoder ---- */

static int memfd_of(const void *d, size_t n)
{
	int fd = memfd_create("gm-test-dec", MFD_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, d, n), (ssize_t)n);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

static struct gm_decompressed dec(const void *d, size_t n, enum gm_compression c)
{
	int in = memfd_of(d, n);
	struct gm_decompressed r;
	struct gm_error *err = gm_decompress_to_tempfile(in, c, "test", &r);
	if (err)
		fail_msg("unexpected error: %s", err->msg);
	close(in);
	struct stat st;
	assert_int_equal(fstat(r.fd, &st), 0);
	assert_int_equal((uint64_t)st.st_size, r.size);
	return r;
}

static uint8_t *file_bytes(int fd, uint64_t size)
{
	uint8_t *p = malloc(size ? size : 1);
	assert_non_null(p);
	assert_int_equal(pread(fd, p, size, 0), (ssize_t)size);
	return p;
}

/* Decoded output equals orig[0..size) */
static void expect_prefix(struct gm_decompressed *r, const uint8_t *orig, size_t orig_n)
{
	assert_true(r->size <= orig_n);
	uint8_t *p = file_bytes(r->fd, r->size);
	assert_memory_equal(p, orig, r->size);
	free(p);
}

static void expect_holes(struct gm_decompressed *r, const bool *zero_pages)
{
	size_t np = (size_t)((r->size + PG - 1) / PG);
	uint64_t data_pages = 0;
	for (size_t pg = 0; pg < np; pg++) {
		uint64_t off = (uint64_t)pg * PG;
		off_t next = lseek(r->fd, (off_t)off, SEEK_DATA);
		bool is_hole = next < 0 ? errno == ENXIO : (uint64_t)next > off;
		if (zero_pages[pg] && pg + 1 < np && !is_hole)
			fail_msg("page %zu is all zeros but not a hole", pg);
		if (!zero_pages[pg] && is_hole)
			fail_msg("page %zu has data but is a hole", pg);
		if (!zero_pages[pg])
			data_pages++;
	}
	struct stat st;
	assert_int_equal(fstat(r->fd, &st), 0);
	/* the file system allocates no more than the data (plus some slack) */
	assert_true((uint64_t)st.st_blocks * 512 <= data_pages * PG + (256u << 10));
	assert_true(r->data_bytes <= data_pages * PG);
	assert_true(r->data_bytes + PG > (data_pages - 1) * PG);
}

struct fmt {
	enum gm_compression c;
	const char *name;
};
static const struct fmt FMTS[] = {{GM_COMP_ZSTD, "zstd"}, {GM_COMP_LZ4, "lz4"}, {GM_COMP_XZ, "xz"}};

static struct buf encode(enum gm_compression c, const uint8_t *d, size_t n, int parts)
{
	switch (c) {
	case GM_COMP_ZSTD: return zstd_enc(d, n, parts, parts == 1);
	case GM_COMP_LZ4: return lz4_enc(d, n, parts, true);
	default: return xz_enc(d, n, parts);
	}
}

static void test_round_trip(void **state)
{
	(void)state;
	bool zp[(ORIG_LEN + PG - 1) / PG];
	uint8_t *orig = make_orig(zp);
	for (size_t f = 0; f < 3; f++) {
		for (int parts = 1; parts <= 7; parts += 6) {
			struct buf z = encode(FMTS[f].c, orig, ORIG_LEN, parts);
			assert_int_equal(gm_decompress_detect(z.p, z.n), FMTS[f].c);
			struct gm_decompressed r = dec(z.p, z.n, FMTS[f].c);
			if (r.incomplete)
				fail_msg("%s, %d parts: %s", FMTS[f].name, parts, r.incomplete);
			assert_int_equal(r.size, ORIG_LEN);
			assert_int_equal(r.in_bytes, z.n);
			expect_prefix(&r, orig, ORIG_LEN);
			expect_holes(&r, zp);
			close(r.fd);
			free(z.p);
		}
	}
	free(orig);
}

static void test_cut_and_corrupt(void **state)
{
	(void)state;
	bool zp[(ORIG_LEN + PG - 1) / PG];
	uint8_t *orig = make_orig(zp);
	for (size_t f = 0; f < 3; f++) {
		struct buf z = encode(FMTS[f].c, orig, ORIG_LEN, 3);
		static const double cuts[] = {0.25, 0.5, 0.9};
		for (size_t k = 0; k < 3; k++) {
			size_t n = (size_t)((double)z.n * cuts[k]);
			struct gm_decompressed r = dec(z.p, n, FMTS[f].c);
			if (!r.incomplete)
				fail_msg("%s cut at %zu of %zu: not flagged", FMTS[f].name, n, z.n);
			assert_non_null(strstr(r.incomplete, FMTS[f].name));
			assert_true(r.size < ORIG_LEN);
			expect_prefix(&r, orig, ORIG_LEN);
			/* something came out of a stream cut at 90% */
			if (k == 2)
				assert_true(r.size > ORIG_LEN / 2);
			close(r.fd);
		}
		/* one byte short */
		struct gm_decompressed r = dec(z.p, z.n - 1, FMTS[f].c);
		assert_non_null(r.incomplete);
		expect_prefix(&r, orig, ORIG_LEN);
		close(r.fd);

		/* corrupt bytes in the middle: decoding stops with a note */
		struct buf c = {0};
		append(&c, z.p, z.n);
		for (size_t i = c.n / 2; i < c.n / 2 + 64; i++)
			c.p[i] ^= 0xa5;
		r = dec(c.p, c.n, FMTS[f].c);
		if (!r.incomplete)
			fail_msg("%s: corruption not detected", FMTS[f].name);
		assert_true(r.size <= ORIG_LEN);
		/* what decoded before the damaged block is kept */
		if (r.size < ORIG_LEN / 4)
			fail_msg("%s: only %llu bytes kept before the corruption", FMTS[f].name,
				 (unsigned long long)r.size);
		uint8_t *kept = file_bytes(r.fd, ORIG_LEN / 4);
		assert_memory_equal(kept, orig, ORIG_LEN / 4);
		free(kept);
		close(r.fd);
		free(c.p);

		/* garbage after a complete stream */
		c.p = NULL;
		c.n = 0;
		append(&c, z.p, z.n);
		append(&c, "GARBAGE!GARBAGE!", 16);
		r = dec(c.p, c.n, FMTS[f].c);
		assert_non_null(r.incomplete);
		assert_int_equal(r.size, ORIG_LEN);
		expect_prefix(&r, orig, ORIG_LEN);
		close(r.fd);
		free(c.p);

		/* empty and header-only inputs */
		r = dec("", 0, FMTS[f].c);
		assert_non_null(r.incomplete);
		assert_non_null(strstr(r.incomplete, "empty"));
		assert_int_equal(r.size, 0);
		close(r.fd);
		r = dec(z.p, 5, FMTS[f].c);
		assert_non_null(r.incomplete);
		assert_int_equal(r.size, 0);
		close(r.fd);
		free(z.p);
	}
	free(orig);
}

static struct gm_stream_shape shape_of(const void *d, size_t n, enum gm_compression c)
{
	int fd = memfd_of(d, n);
	struct gm_stream_shape sh;
	struct gm_error *err = gm_decompress_shape(fd, c, &sh);
	if (err)
		fail_msg("gm_decompress_shape: %s", err->msg);
	close(fd);
	return sh;
}

/* The stream's headers alone (gm_decompress_shape): an intact stream is not
 * cut and its size (declared, or the most its blocks hold) covers what was
 * compressed; a stream cut anywhere is cut or too short; a shorter input
 * compressed whole is declared shorter or bounded in [its size, one block
 * more); zstd content sizes are exact. */
static void test_shape(void **state)
{
	(void)state;
	bool zp[(ORIG_LEN + PG - 1) / PG];
	uint8_t *orig = make_orig(zp);
	for (size_t f = 0; f < 3; f++) {
		for (int parts = 1; parts <= 7; parts += 6) {
			struct buf z = encode(FMTS[f].c, orig, ORIG_LEN, parts);
			struct gm_stream_shape sh = shape_of(z.p, z.n, FMTS[f].c);
			if (sh.cut)
				fail_msg("%s, %d parts, intact: cut (%s)", FMTS[f].name, parts, sh.note);
			assert_true(sh.max_known);
			assert_true(sh.max_size >= ORIG_LEN);
			if (sh.size_known)
				assert_int_equal(sh.size, ORIG_LEN);
			if (FMTS[f].c == GM_COMP_XZ)
				assert_true(sh.size_known);
			for (int k = 1; k <= 16; k++) {
				size_t n = k == 16 ? z.n - 1 : z.n * (size_t)k / 16;
				sh = shape_of(z.p, n, FMTS[f].c);
				bool short_ = sh.cut || (sh.size_known && sh.size < ORIG_LEN) ||
					      (sh.max_known && sh.max_size < ORIG_LEN);
				if (!short_)
					fail_msg("%s, %d parts, cut at %zu of %zu: not seen", FMTS[f].name, parts, n, z.n);
				if (k == 16)
					assert_true(sh.cut);
			}
			free(z.p);
			/* a short input compressed whole: intact, but short */
			size_t half = ORIG_LEN / 2 + 12345;
			z = encode(FMTS[f].c, orig, half, parts);
			sh = shape_of(z.p, z.n, FMTS[f].c);
			assert_false(sh.cut);
			if (sh.size_known)
				assert_int_equal(sh.size, half);
			else if (!sh.max_known || sh.max_size < half || sh.max_size >= ORIG_LEN)
				fail_msg("%s, %d parts, %zu bytes: bound %llu", FMTS[f].name, parts, half,
					 (unsigned long long)sh.max_size);
			free(z.p);
		}
	}
	/* zstd with content sizes in the frame headers: exact */
	struct buf z = zstd_enc(orig, ORIG_LEN, 3, true);
	struct gm_stream_shape sh = shape_of(z.p, z.n, GM_COMP_ZSTD);
	assert_true(sh.size_known);
	assert_int_equal(sh.size, ORIG_LEN);
	free(z.p);
	/* garbage instead of a frame: nothing known, not a crash */
	sh = shape_of("\x28\xb5\x2f\xfd\xff\xff\xff\xff", 8, GM_COMP_ZSTD);
	assert_false(sh.size_known);
	sh = shape_of("\xfd" "7zXZ\0garbage", 13, GM_COMP_XZ);
	assert_true(sh.cut || !sh.size_known);
	free(orig);
}

static void test_skippable(void **state)
{
	(void)state;
	static const char msg[] = "hello, skippable frames";
	uint8_t skip[8 + 12];
	uint32_t magic = 0x184D2A53, len = 12;
	memcpy(skip, &magic, 4);
	memcpy(skip + 4, &len, 4);
	memset(skip + 8, 0xee, 12);
	for (size_t f = 0; f < 2; f++) { /* zstd and lz4 share skippable frames */
		struct buf a = encode(FMTS[f].c, (const uint8_t *)msg, 10, 1);
		struct buf b = encode(FMTS[f].c, (const uint8_t *)msg + 10, sizeof(msg) - 10, 1);
		struct buf all = {0};
		append(&all, skip, sizeof(skip));
		append(&all, a.p, a.n);
		append(&all, skip, sizeof(skip));
		append(&all, b.p, b.n);
		/* detection looks through the leading skippable frame */
		int fd = memfd_of(all.p, all.n);
		enum gm_compression c;
		assert_null(gm_decompress_detect_fd(fd, &c));
		assert_int_equal(c, FMTS[f].c);
		close(fd);
		assert_int_equal(gm_decompress_detect(all.p, all.n), GM_COMP_NONE);
		struct gm_decompressed r = dec(all.p, all.n, FMTS[f].c);
		if (r.incomplete)
			fail_msg("%s: %s", FMTS[f].name, r.incomplete);
		assert_int_equal(r.size, sizeof(msg));
		uint8_t *p = file_bytes(r.fd, r.size);
		assert_memory_equal(p, msg, sizeof(msg));
		free(p);
		close(r.fd);
		free(a.p);
		free(b.p);
		free(all.p);
	}
	/* only a skippable frame: counts as zstd, decodes to nothing, not cut */
	int fd = memfd_of(skip, sizeof(skip));
	enum gm_compression c;
	assert_null(gm_decompress_detect_fd(fd, &c));
	assert_int_equal(c, GM_COMP_ZSTD);
	close(fd);
	struct gm_decompressed r = dec(skip, sizeof(skip), GM_COMP_ZSTD);
	assert_int_equal(r.size, 0);
	assert_null(r.incomplete);
	close(r.fd);
}

static void test_detect_and_head(void **state)
{
	(void)state;
	static const uint8_t elf[] = "\177ELF\2\1\1\0\0\0\0\0\0\0\0\0\4\0>\0";
	assert_int_equal(gm_decompress_detect(elf, sizeof(elf)), GM_COMP_NONE);
	assert_int_equal(gm_decompress_detect((const uint8_t *)"\x28\xb5\x2f", 3), GM_COMP_NONE);
	assert_int_equal(gm_decompress_detect((const uint8_t *)"\xfd" "7zXZ", 5), GM_COMP_NONE);
	assert_true(gm_decompress_is_lz4_legacy((const uint8_t *)"\x02\x21\x4c\x18", 4));
	assert_string_equal(gm_decompress_name(GM_COMP_XZ), "xz");
	assert_null(gm_decompress_name(GM_COMP_NONE));
	bool zp[(ORIG_LEN + PG - 1) / PG];
	uint8_t *orig = make_orig(zp);
	memcpy(orig, elf, sizeof(elf));
	for (size_t f = 0; f < 3; f++) {
		struct buf z = encode(FMTS[f].c, orig, ORIG_LEN, 1);
		int fd = memfd_of(z.p, z.n);
		enum gm_compression c;
		assert_null(gm_decompress_detect_fd(fd, &c));
		assert_int_equal(c, FMTS[f].c);
		uint8_t h[64];
		size_t n;
		assert_null(gm_decompress_head(fd, c, h, sizeof(h), &n));
		assert_int_equal(n, sizeof(h));
		assert_memory_equal(h, orig, sizeof(h));
		close(fd);
		/* a head of a cut stream: what is there */
		fd = memfd_of(z.p, 20);
		assert_null(gm_decompress_head(fd, c, h, sizeof(h), &n));
		assert_true(n < sizeof(h));
		assert_memory_equal(h, orig, n);
		close(fd);
		free(z.p);
	}
	free(orig);
}

/* a size limit: output stops there, flagged, a prefix of the data */
static void test_limit(void **state)
{
	(void)state;
	bool zp[(ORIG_LEN + PG - 1) / PG];
	uint8_t *orig = make_orig(zp);
	static const uint64_t limits[] = {1, 100000, 1u << 20, (1u << 20) + 1, ORIG_LEN - 1};
	for (size_t f = 0; f < 3; f++) {
		struct buf z = encode(FMTS[f].c, orig, ORIG_LEN, 2);
		for (size_t k = 0; k < sizeof(limits) / sizeof(limits[0]); k++) {
			int in = memfd_of(z.p, z.n);
			struct gm_decompressed r;
			assert_null(gm_decompress_to_tempfile_max(in, FMTS[f].c, "t", limits[k], &r));
			close(in);
			assert_int_equal(r.size, limits[k]);
			assert_non_null(r.incomplete);
			assert_non_null(strstr(r.incomplete, "limit"));
			expect_prefix(&r, orig, ORIG_LEN);
			close(r.fd);
		}
		free(z.p);
	}
	free(orig);
}

/* libzstd's legacy (v0.7) decoder turned this corrupt frame into 1 MiB of
 * uninitialized bytes (found by fuzz_zstd): legacy frames are refused */
static void test_zstd_legacy(void **state)
{
	(void)state;
	static const uint8_t legacy[] = {
		0x27, 0xb5, 0x2f, 0xfd, 0x04, 0x58, 0x54, 0x00, 0x00, 0x10, 0x00, 0x00, 0x01,
		0x00, 0xfb, 0xff, 0x39, 0xc0, 0x02, 0x02, 0x00, 0x10, 0x00, 0x02, 0x00, 0x10,
		0x00, 0x02, 0x00, 0x10, 0x00, 0x02, 0x00, 0x10, 0x00, 0xf1, 0x3e, 0x16, 0xe1};
	struct gm_decompressed r = dec(legacy, sizeof(legacy), GM_COMP_ZSTD);
	assert_int_equal(r.size, 0);
	assert_non_null(r.incomplete);
	assert_non_null(strstr(r.incomplete, "legacy"));
	close(r.fd);
	/* and after a good frame: that frame is kept */
	struct buf z = zstd_enc((const uint8_t *)"good frame", 10, 1, true);
	append(&z, legacy, sizeof(legacy));
	r = dec(z.p, z.n, GM_COMP_ZSTD);
	assert_int_equal(r.size, 10);
	assert_non_null(strstr(r.incomplete, "legacy"));
	close(r.fd);
	free(z.p);
}

static void test_tmpdir_errors(void **state)
{
	(void)state;
	const char *old = getenv("TMPDIR");
	char *saved = old ? strdup(old) : NULL;
	setenv("TMPDIR", "/nonexistent-gomortem-test-dir", 1);
	struct buf z = zstd_enc((const uint8_t *)"abc", 3, 1, true);
	int in = memfd_of(z.p, z.n);
	struct gm_decompressed r;
	struct gm_error *err = gm_decompress_to_tempfile(in, GM_COMP_ZSTD, "x.zst", &r);
	assert_non_null(err);
	assert_int_equal(r.fd, -1);
	assert_non_null(strstr(err->msg, "temporary file"));
	assert_non_null(strstr(err->msg, "/nonexistent-gomortem-test-dir"));
	gm_error_destroy(err);
	close(in);
	free(z.p);
	if (saved) {
		setenv("TMPDIR", saved, 1);
		free(saved);
	} else {
		unsetenv("TMPDIR");
	}
}

/* The reserve: a decoded core never takes the last GM_TMP_KEEP_FREE_MB (by
 * default 5 % of the file system) of $TMPDIR. A reserve larger than any file
 * system stops the first write of data, eagerly and on demand, with one
 * message; a reserve of 0 lets the same stream decode. */
static void test_keep_free(void **state)
{
	(void)state;
	const char *old = getenv("GM_TMP_KEEP_FREE_MB");
	char *saved = old ? strdup(old) : NULL;
	bool zp[(ORIG_LEN + PG - 1) / PG];
	uint8_t *orig = make_orig(zp);
	struct buf z = zstd_enc(orig, ORIG_LEN, 3, true);

	setenv("GM_TMP_KEEP_FREE_MB", "1000000000000", 1); /* about 10^18 bytes */
	int in = memfd_of(z.p, z.n);
	struct gm_decompressed r;
	struct gm_error *err = gm_decompress_to_tempfile(in, GM_COMP_ZSTD, "x.zst", &r);
	assert_non_null(err);
	assert_int_equal(r.fd, -1);
	assert_non_null(strstr(err->msg, "x.zst: decoding stopped: less than 1000000000000 MiB would be left free in "));
	assert_non_null(strstr(err->msg, "(0 MB written; set TMPDIR to a larger file system, or GM_TMP_KEEP_FREE_MB)"));
	gm_error_destroy(err);
	close(in);

	struct gm_lazy *l;
	assert_null(gm_lazy_create(memfd_of(z.p, z.n), GM_COMP_ZSTD, "x.zst", &l));
	uint64_t fr;
	err = gm_lazy_advance(l, UINT64_MAX, &fr);
	assert_non_null(err); /* an environment error: said once, by the advance that met it */
	assert_non_null(strstr(err->msg, "x.zst: decoding stopped: less than 1000000000000 MiB would be left free in "));
	assert_null(strstr(err->msg + 1, "x.zst")); /* the name once */
	gm_error_destroy(err);
	assert_int_equal(fr, 0);
	assert_true(gm_lazy_finished(l));
	assert_non_null(gm_lazy_note(l));
	assert_non_null(strstr(gm_lazy_note(l), "decoding stopped: less than 1000000000000 MiB"));
	gm_lazy_destroy(l);

	setenv("GM_TMP_KEEP_FREE_MB", "0", 1);
	struct gm_decompressed ok = dec(z.p, z.n, GM_COMP_ZSTD);
	assert_int_equal(ok.size, ORIG_LEN);
	expect_prefix(&ok, orig, ORIG_LEN);
	close(ok.fd);

	free(z.p);
	free(orig);
	if (saved) {
		setenv("GM_TMP_KEEP_FREE_MB", saved, 1);
		free(saved);
	} else {
		unsetenv("GM_TMP_KEEP_FREE_MB");
	}
}

/* gm_lazy: decodes on demand, frontier moves forward in steps, the mapped
 * file shows decoded bytes, the size cuts what comes after, a cut stream
 * stops the frontier with a note; a full run ends like the eager decoder. */
static void test_lazy(void **state)
{
	(void)state;
	bool zp[(ORIG_LEN + PG - 1) / PG];
	uint8_t *orig = make_orig(zp);
	for (size_t f = 0; f < 3; f++) {
		struct buf z = encode(FMTS[f].c, orig, ORIG_LEN, 3);
		struct gm_lazy *l;
		assert_null(gm_lazy_create(memfd_of(z.p, z.n), FMTS[f].c, "test", &l));
		assert_int_equal(gm_lazy_frontier(l), 0);
		uint64_t fr;
		assert_null(gm_lazy_advance(l, 64, &fr));
		assert_true(fr >= 64);
		assert_true(fr < ORIG_LEN); /* on demand: not everything */
		assert_false(gm_lazy_finished(l));
		/* size it (as the ELF headers would) and map it */
		uint64_t size = ORIG_LEN - 1000;
		assert_null(gm_lazy_set_size(l, size));
		const uint8_t *map = mmap(NULL, size, PROT_READ, MAP_SHARED, gm_lazy_fd(l), 0);
		assert_true(map != MAP_FAILED);
		assert_memory_equal(map, orig, (size_t)gm_lazy_frontier(l));
		uint64_t prev = gm_lazy_frontier(l);
		assert_null(gm_lazy_advance(l, 2u << 20, &fr));
		assert_true(fr >= (2u << 20) && fr >= prev && fr <= size);
		assert_memory_equal(map, orig, (size_t)fr);
		/* to the end: decoding runs to the end of the stream (clean) */
		assert_null(gm_lazy_advance(l, UINT64_MAX, &fr));
		assert_int_equal(fr, size);
		assert_true(gm_lazy_finished(l));
		assert_null(gm_lazy_note(l));
		assert_memory_equal(map, orig, (size_t)size);
		struct stat st;
		assert_int_equal(fstat(gm_lazy_fd(l), &st), 0);
		assert_int_equal((uint64_t)st.st_size, size);
		uint64_t in, produced, data;
		gm_lazy_stats(l, &in, &produced, &data);
		assert_int_equal(in, z.n);
		assert_int_equal(produced, ORIG_LEN);
		assert_true(data < size); /* zero pages are holes */
		munmap((void *)map, size);
		gm_lazy_destroy(l);

		/* cut at 60%: the frontier stops, with the format's note */
		size_t n = z.n * 6 / 10;
		assert_null(gm_lazy_create(memfd_of(z.p, n), FMTS[f].c, "test", &l));
		assert_null(gm_lazy_set_size(l, ORIG_LEN));
		assert_null(gm_lazy_advance(l, ORIG_LEN, &fr));
		assert_true(gm_lazy_finished(l));
		assert_non_null(gm_lazy_note(l));
		assert_non_null(strstr(gm_lazy_note(l), FMTS[f].name));
		assert_true(fr < ORIG_LEN && fr > ORIG_LEN / 4);
		assert_int_equal(gm_lazy_frontier(l), fr);
		uint8_t *kept = file_bytes(gm_lazy_fd(l), fr);
		assert_memory_equal(kept, orig, (size_t)fr);
		free(kept);
		/* asking again changes nothing */
		uint64_t fr2;
		assert_null(gm_lazy_advance(l, ORIG_LEN, &fr2));
		assert_int_equal(fr2, fr);
		gm_lazy_destroy(l);
		free(z.p);
	}
	gm_lazy_destroy(NULL);
	free(orig);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_cut_and_corrupt),
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_skippable),
		cmocka_unit_test(test_detect_and_head),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_zstd_legacy),
		cmocka_unit_test(test_tmpdir_errors),
		cmocka_unit_test(test_keep_free),
		cmocka_unit_test(test_lazy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
