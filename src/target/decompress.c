/* decompress: zstd / lz4-frame / xz streams into an unlinked sparse
 * temporary file (see include/target/gm_decompress.h).
 *
 * One loop drives three decoders through dec_step(): read 1 MiB of input,
 * decode into a 1 MiB output buffer, and when that is full hand it to the
 * sparse writer, which writes runs of non-zero 4 KiB pages with one pwrite
 * each and skips all-zero pages (holes). The zero test stops at the first
 * non-zero word of a page, so on real data it costs nearly nothing; on zero
 * pages it reads the page once, which is cheaper than writing it. */
#include "gm_decompress.h"

#include <errno.h>
#include <fcntl.h>
#include <lz4frame.h>
#include <lzma.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <unistd.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "gm_bytes.h"
#include "gm_file.h"
#include "gm_memsrc.h"
#include "gm_progress.h"

#define IN_CHUNK (1u << 20)
#define OUT_CHUNK (1u << 20) /* a multiple of PAGE */
#define NBUF 4               /* output buffers in flight between decoder and writer */
#define PAGE 4096u
#define XZ_MEMLIMIT (256ull << 20)
#define HEAD_INPUT_MAX (4u << 20)
#define MAX_SKIPPABLE 16
#define ZSTD_MAGIC_PEEK 8 /* input given to zstd at a frame start (its magic is checked) */

static const uint8_t ZSTD_MAGIC_[4] = {0x28, 0xb5, 0x2f, 0xfd};
static const uint8_t LZ4_MAGIC_[4] = {0x04, 0x22, 0x4d, 0x18};
static const uint8_t LZ4_LEGACY_MAGIC_[4] = {0x02, 0x21, 0x4c, 0x18};
static const uint8_t XZ_MAGIC_[6] = {0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00};

enum gm_compression gm_decompress_detect(const uint8_t *head, size_t n)
{
	if (n >= 4 && memcmp(head, ZSTD_MAGIC_, 4) == 0)
		return GM_COMP_ZSTD;
	if (n >= 4 && memcmp(head, LZ4_MAGIC_, 4) == 0)
		return GM_COMP_LZ4;
	if (n >= 6 && memcmp(head, XZ_MAGIC_, 6) == 0)
		return GM_COMP_XZ;
	return GM_COMP_NONE;
}

bool gm_decompress_is_lz4_legacy(const uint8_t *head, size_t n)
{
	return n >= 4 && memcmp(head, LZ4_LEGACY_MAGIC_, 4) == 0;
}

static bool is_skippable(const uint8_t *h)
{
	return (gm_rd32(h) & 0xfffffff0u) == 0x184d2a50u;
}

struct gm_error *gm_decompress_detect_fd(int fd, enum gm_compression *ret)
{
	*ret = GM_COMP_NONE;
	uint64_t off = 0;
	bool skipped = false;
	for (int i = 0; i <= MAX_SKIPPABLE; i++) {
		uint8_t h[8];
		ssize_t n;
		do
			n = pread(fd, h, sizeof(h), (off_t)off);
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return gm_error_os(errno, "reading");
		if (n >= 8 && is_skippable(h)) {
			off += 8 + (uint64_t)gm_rd32(h + 4);
			skipped = true;
			continue;
		}
		enum gm_compression c = gm_decompress_detect(h, (size_t)n);
		if (c == GM_COMP_NONE && skipped)
			c = GM_COMP_ZSTD; /* only skippable frames (or garbage after them) */
		*ret = c;
		return NULL;
	}
	*ret = GM_COMP_ZSTD;
	return NULL;
}

const char *gm_decompress_name(enum gm_compression c)
{
	switch (c) {
	case GM_COMP_ZSTD: return "zstd";
	case GM_COMP_LZ4: return "lz4";
	case GM_COMP_XZ: return "xz";
	default: return NULL;
	}
}

/* ---- decoders ---- */

struct dec {
	enum gm_compression c;
	ZSTD_DStream *zs;
	LZ4F_dctx *lz;
	lzma_stream xz;
	bool xz_live;
	size_t hint; /* zstd, lz4: the decoder's next input size (0: any). Feeding
		      * no more than that makes each call decode at most one
		      * block, and a call that fails loses only its own output
		      * (neither library reports what it wrote before an error) */
	bool frame_start; /* zstd: the next input byte starts a frame */
	bool mid;  /* inside a frame / stream: EOF now means truncated */
	bool done; /* xz: decoder finished (LZMA_STREAM_END) */
};

static struct gm_error *dec_init(struct dec *d, enum gm_compression c)
{
	memset(d, 0, sizeof(*d));
	d->c = c;
	switch (c) {
	case GM_COMP_ZSTD:
		d->zs = ZSTD_createDStream();
		if (!d->zs)
			return &gm_error_nomem;
		ZSTD_initDStream(d->zs);
		d->hint = ZSTD_MAGIC_PEEK;
		d->frame_start = true;
		return NULL;
	case GM_COMP_LZ4:
		if (LZ4F_isError(LZ4F_createDecompressionContext(&d->lz, LZ4F_VERSION)))
			return &gm_error_nomem;
		d->hint = 7; /* LZ4F_HEADER_SIZE_MIN */
		return NULL;
	case GM_COMP_XZ: {
		lzma_stream init = LZMA_STREAM_INIT;
		d->xz = init;
		lzma_ret r = lzma_stream_decoder(&d->xz, XZ_MEMLIMIT, LZMA_CONCATENATED);
		if (r == LZMA_MEM_ERROR)
			return &gm_error_nomem;
		if (r != LZMA_OK)
			return gm_error_create(GM_ERR_UNSUPPORTED, "cannot start the xz decoder (error %d)", (int)r);
		d->xz_live = true;
		return NULL;
	}
	default:
		return gm_error_create(GM_ERR_UNSUPPORTED, "not a compressed stream gomortem knows");
	}
}

static void dec_fini(struct dec *d)
{
	ZSTD_freeDStream(d->zs);
	if (d->lz)
		LZ4F_freeDecompressionContext(d->lz);
	if (d->xz_live)
		lzma_end(&d->xz);
	memset(d, 0, sizeof(*d));
}

static const char *zstd_note(size_t r)
{
	switch (ZSTD_getErrorCode(r)) {
	case ZSTD_error_frameParameter_windowTooLarge:
		return "a zstd frame needs a window over 128 MiB (compressed with --long?): not decoded";
	case ZSTD_error_checksum_wrong:
		return "zstd checksum mismatch: the data is corrupt";
	case ZSTD_error_prefix_unknown:
		return "zstd: unknown frame (garbage after the last frame?)";
	case ZSTD_error_corruption_detected:
		return "zstd data is corrupt";
	default:
		return ZSTD_getErrorName(r);
	}
}

static const char *xz_note(lzma_ret r)
{
	switch (r) {
	case LZMA_DATA_ERROR: return "xz data is corrupt";
	case LZMA_FORMAT_ERROR: return "xz: not an xz stream (garbage after the last stream?)";
	case LZMA_OPTIONS_ERROR: return "xz stream uses unsupported options";
	case LZMA_MEMLIMIT_ERROR: return "an xz stream needs more than 256 MiB to decode: not decoded";
	case LZMA_MEM_ERROR: return "out of memory in the xz decoder";
	default: return "xz decoder error";
	}
}

/* One decoding step: consumes from in[0..in_n), produces into out[0..out_cap).
 * Returns NULL, or a note when the stream is corrupt (decoding stops). */
static const char *dec_step(struct dec *d, const uint8_t *in, size_t in_n, size_t *in_used,
			    uint8_t *out, size_t out_cap, size_t *out_used, bool eof)
{
	*in_used = *out_used = 0;
	if (d->hint && in_n > d->hint)
		in_n = d->hint;
	switch (d->c) {
	case GM_COMP_ZSTD: {
		/* libzstd also decodes the legacy formats (v0.5-v0.7 magics),
		 * whose decoders emit uninitialized bytes on some corrupt
		 * input: only zstd1 and skippable frames are accepted. */
		if (d->frame_start && in_n >= 4) {
			uint32_t m = gm_rd32(in);
			if (m != 0xfd2fb528u && (m & 0xfffffff0u) != 0x184d2a50u)
				return (m & 0xfffffff0u) == 0xfd2fb520u
					       ? "zstd: a legacy (pre-1.0) frame: not supported"
					       : "zstd: unknown frame (garbage after the last frame?)";
		}
		ZSTD_inBuffer ib = {in, in_n, 0};
		ZSTD_outBuffer ob = {out, out_cap, 0};
		size_t r = ZSTD_decompressStream(d->zs, &ob, &ib);
		*in_used = ib.pos;
		*out_used = ob.pos;
		if (ZSTD_isError(r))
			return zstd_note(r);
		if (ib.pos || ob.pos) {
			d->mid = r != 0;
			d->frame_start = r == 0;
		}
		d->hint = r ? r : ZSTD_MAGIC_PEEK; /* 0: frame done */
		return NULL;
	}
	case GM_COMP_LZ4: {
		size_t dst = out_cap, src = in_n;
		size_t r = LZ4F_decompress(d->lz, out, &dst, in, &src, NULL);
		*in_used = src;
		*out_used = dst;
		if (LZ4F_isError(r))
			return "lz4 data is corrupt (or not an lz4 frame)";
		if (src || dst)
			d->mid = r != 0;
		d->hint = r ? r : 7;
		return NULL;
	}
	case GM_COMP_XZ: {
		if (d->done)
			return NULL;
		d->xz.next_in = in;
		d->xz.avail_in = in_n;
		d->xz.next_out = out;
		d->xz.avail_out = out_cap;
		lzma_ret r = lzma_code(&d->xz, eof ? LZMA_FINISH : LZMA_RUN);
		*in_used = in_n - d->xz.avail_in;
		*out_used = out_cap - d->xz.avail_out;
		if (r == LZMA_STREAM_END) {
			d->done = true;
			d->mid = false;
			return NULL;
		}
		if (r == LZMA_OK) {
			if (*in_used || *out_used)
				d->mid = true;
			return NULL;
		}
		if (r == LZMA_BUF_ERROR) { /* no progress possible */
			d->mid = true;
			return NULL;
		}
		return xz_note(r);
	}
	default:
		return "unknown compression";
	}
}

static const char *cut_note(enum gm_compression c)
{
	switch (c) {
	case GM_COMP_ZSTD: return "zstd stream ends in the middle of a frame";
	case GM_COMP_LZ4: return "lz4 stream ends in the middle of a frame";
	case GM_COMP_XZ: return "xz stream ends in the middle of a stream";
	default: return "stream ends early";
	}
}

static const char *empty_note(enum gm_compression c)
{
	switch (c) {
	case GM_COMP_ZSTD: return "empty zstd stream";
	case GM_COMP_LZ4: return "empty lz4 stream";
	case GM_COMP_XZ: return "empty xz stream";
	default: return "empty stream";
	}
}

/* ---- input and output ---- */

struct reader {
	int fd;
	bool positional; /* pread from off (head) instead of read */
	uint64_t off, limit;
	const char *name;
};

static struct gm_error *reader_fill(struct reader *r, uint8_t *buf, size_t cap, size_t *got)
{
	*got = 0;
	if (r->positional) {
		if (r->off >= r->limit)
			return NULL;
		if (cap > r->limit - r->off)
			cap = (size_t)(r->limit - r->off);
	}
	for (;;) {
		ssize_t n = r->positional ? pread(r->fd, buf, cap, (off_t)r->off) : read(r->fd, buf, cap);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return gm_error_os(errno, "%s: reading", r->name);
		r->off += (uint64_t)n;
		*got = (size_t)n;
		return NULL;
	}
}

static int pwrite_all(int fd, const uint8_t *p, size_t n, uint64_t off)
{
	while (n) {
		ssize_t w = pwrite(fd, p, n, (off_t)off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
		off += (uint64_t)w;
	}
	return 0;
}

struct sink {
	int fd;
	uint64_t pos;  /* file offset of buf[0] */
	uint64_t data; /* bytes written (not holes) */
	uint64_t room; /* bytes that may be written before the next look at the free space */
	const char *name, *dir;
};

/* The free space a decoded core must leave in its directory's file system:
 * GM_TMP_KEEP_FREE_MB, else 5 % of the file system, at most 2 GiB (the
 * directory is often /tmp, and /tmp often a tmpfs, i.e. memory). */
static uint64_t keep_free(uint64_t fs_bytes)
{
	const char *e = getenv("GM_TMP_KEEP_FREE_MB");
	if (e && *e) {
		char *end;
		errno = 0;
		unsigned long long mb = strtoull(e, &end, 10);
		if (!errno && !*end && e[0] != '-')
			return mb > (UINT64_MAX >> 20) ? UINT64_MAX : (uint64_t)mb << 20;
	}
	uint64_t k = fs_bytes / 20;
	return k < (2ull << 30) ? k : 2ull << 30;
}

/* Before n more bytes of data go to the file: a stream that decodes to more
 * than the file system can spare (a "bomb" of non-zero blocks, or a real core
 * too big for $TMPDIR) stops here, leaving the reserve free, instead of
 * filling the file system. The free space is looked at again after at most
 * 16 MiB, so other writers are seen too. */
static struct gm_error *sink_reserve(struct sink *s, size_t n)
{
	if (n <= s->room) {
		s->room -= n;
		return NULL;
	}
	struct statfs v;
	if (fstatfs(s->fd, &v) != 0 || !v.f_frsize) {
		s->room = 16u << 20; /* cannot tell: ENOSPC still stops it */
		return NULL;
	}
	uint64_t unit = v.f_frsize;
	uint64_t total = (uint64_t)v.f_blocks > UINT64_MAX / unit ? UINT64_MAX : (uint64_t)v.f_blocks * unit;
	uint64_t avail = (uint64_t)v.f_bavail > UINT64_MAX / unit ? UINT64_MAX : (uint64_t)v.f_bavail * unit;
	/* a tmpfs or ramfs is memory: what the machine has available bounds
	 * it too (a tmpfs is often sized at half the memory, or all of it) */
	if (v.f_type == TMPFS_MAGIC || v.f_type == RAMFS_MAGIC) {
		uint64_t m = gm_mem_available();
		if (m && m < avail)
			avail = m;
	}
	uint64_t keep = keep_free(total);
	uint64_t room = avail > keep ? avail - keep : 0;
	if (room < n)
		return gm_error_create(GM_ERR_OS, "%s: decoding stopped: less than %llu MiB would be left free in %s (%llu MB written; set TMPDIR to a larger file system, or GM_TMP_KEEP_FREE_MB)",
				   s->name, (unsigned long long)(keep >> 20), s->dir,
				   (unsigned long long)(s->data >> 20));
	room -= n;
	s->room = room < (16u << 20) ? (size_t)room : 16u << 20;
	return NULL;
}

/* Writes buf[0..n) at s->pos, leaving all-zero pages as holes. */
static struct gm_error *sink_write(struct sink *s, const uint8_t *buf, size_t n)
{
	struct gm_error *err;
	size_t run = 0, i = 0;
	bool in_run = false;
	for (; i < n; i += PAGE) {
		size_t bl = n - i < PAGE ? n - i : PAGE;
		bool z = gm_mem_all_zero(buf + i, bl);
		if (!z && !in_run) {
			run = i;
			in_run = true;
		} else if (z && in_run) {
			if ((err = sink_reserve(s, i - run)))
				return err;
			if (pwrite_all(s->fd, buf + run, i - run, s->pos + run) < 0)
				goto fail;
			s->data += i - run;
			in_run = false;
		}
	}
	if (in_run) {
		if ((err = sink_reserve(s, n - run)))
			return err;
		if (pwrite_all(s->fd, buf + run, n - run, s->pos + run) < 0)
			goto fail;
		s->data += n - run;
	}
	s->pos += n;
	return NULL;
fail:;
	int e = errno;
	if (e == ENOSPC || e == EDQUOT)
		return gm_error_os(e, "%s: no space in %s for the decompressed core (%llu MB written; set TMPDIR to a larger file system)",
				   s->name, s->dir, (unsigned long long)(s->data >> 20));
	return gm_error_os(e, "%s: writing the decompressed core to %s", s->name, s->dir);
}

/* The writer thread: the decoder fills 1 MiB buffers, a second thread does
 * the hole detection and the pwrites (copying into the page cache costs about
 * as much as decoding), so the two overlap. Without a thread (pthread_create
 * failed) buffers are written synchronously. A write error stops the
 * decoder at its next buffer. */
struct pipeline {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	uint8_t *buf[NBUF];
	size_t len[NBUF];
	uint64_t head, tail; /* buffers [head, tail) are filled, waiting for the writer */
	uint64_t written;    /* bytes of finished buffers (holes included) */
	uint64_t data_bytes; /* the sink's `data` after the last finished buffer */
	bool closing, threaded;
	struct gm_error *err;
	struct sink *s;
	pthread_t thr;
};

static void *writer_main(void *arg)
{
	struct pipeline *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->head == p->tail && !p->closing)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->head == p->tail)
			break;
		unsigned i = (unsigned)(p->head % NBUF);
		bool failed = p->err != NULL;
		pthread_mutex_unlock(&p->mu);
		struct gm_error *e = failed ? NULL : sink_write(p->s, p->buf[i], p->len[i]);
		pthread_mutex_lock(&p->mu);
		if (e && !p->err)
			p->err = e;
		else
			gm_error_destroy(e);
		/* the frontier stops before the first buffer not written: what
		 * lies past it was never saved, not zeros */
		if (!p->err)
			p->written += p->len[i];
		p->data_bytes = p->s->data;
		p->head++;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static struct gm_error *pl_init(struct pipeline *p, struct sink *s)
{
	memset(p, 0, sizeof(*p));
	p->s = s;
	for (int i = 0; i < NBUF; i++)
		if (!(p->buf[i] = malloc(OUT_CHUNK)))
			return &gm_error_nomem;
	if (pthread_mutex_init(&p->mu, NULL) != 0)
		return &gm_error_nomem;
	if (pthread_cond_init(&p->cv, NULL) != 0) {
		pthread_mutex_destroy(&p->mu);
		return &gm_error_nomem;
	}
	p->threaded = pthread_create(&p->thr, NULL, writer_main, p) == 0;
	return NULL;
}

/* The buffer the decoder fills next. */
static uint8_t *pl_current(struct pipeline *p)
{
	return p->buf[p->tail % NBUF];
}

/* Hands the current buffer (n bytes) to the writer; NULL, or the first
 * write error (the pipeline keeps it; do not destroy). */
static struct gm_error *pl_submit(struct pipeline *p, size_t n)
{
	if (!p->threaded) {
		if (!p->err)
			p->err = sink_write(p->s, p->buf[0], n);
		if (!p->err)
			p->written += n;
		p->data_bytes = p->s->data;
		return p->err;
	}
	pthread_mutex_lock(&p->mu);
	p->len[p->tail % NBUF] = n;
	p->tail++;
	pthread_cond_broadcast(&p->cv);
	while (p->tail - p->head == NBUF && !p->err)
		pthread_cond_wait(&p->cv, &p->mu);
	struct gm_error *e = p->err;
	pthread_mutex_unlock(&p->mu);
	return e;
}

/* Waits for the writer; returns the first write error (caller owns it). */
static struct gm_error *pl_fini(struct pipeline *p, bool started)
{
	if (started && p->threaded) {
		pthread_mutex_lock(&p->mu);
		p->closing = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->thr, NULL);
	}
	if (started) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
	}
	for (int i = 0; i < NBUF; i++) {
		free(p->buf[i]);
		p->buf[i] = NULL;
	}
	struct gm_error *e = p->err;
	p->err = NULL;
	return e;
}

static struct gm_error *make_tempfile(const char *dir, const char *name, int *ret)
{
	*ret = -1;
#ifdef O_TMPFILE
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0) {
		*ret = fd;
		return NULL;
	}
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return gm_error_os(errno, "%s: creating a temporary file in %s", name, dir);
#endif
	size_t plen = strlen(dir) + 32;
	char *tmpl = malloc(plen);
	if (!tmpl)
		return &gm_error_nomem;
	snprintf(tmpl, plen, "%s/gomortem-core-XXXXXX", dir);
	int f = mkostemp(tmpl, O_CLOEXEC);
	if (f < 0) {
		struct gm_error *err = gm_error_os(errno, "%s: creating a temporary file in %s", name, dir);
		free(tmpl);
		return err;
	}
	unlink(tmpl);
	free(tmpl);
	*ret = f;
	return NULL;
}

/* The decode loop. With pl == NULL, decodes into out[0..out_cap) and stops
 * when it is full (head mode); otherwise into the pipeline's buffers (out
 * and out_cap are ignored). */
/* "decompressing NAME" (its last path element) and the input's size, for
 * gm_progress */
static uint64_t progress_what(int fd, const char *name, char *what, size_t n)
{
	const char *b = name ? strrchr(name, '/') : NULL;
	snprintf(what, n, "decompressing %s", b ? b + 1 : name ? name : "the core");
	struct stat st;
	return fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
}

static struct gm_error *run(struct dec *d, struct reader *rd, uint8_t *ibuf, size_t icap,
			    uint8_t *out, size_t out_cap, struct pipeline *pl, uint64_t max_size,
			    size_t *ret_out, uint64_t *ret_in, const char **ret_note)
{
	uint64_t produced = 0; /* bytes handed to the pipeline */
	if (pl) {
		out = pl_current(pl);
		out_cap = OUT_CHUNK;
	}
	size_t ilen = 0, ipos = 0, on = 0;
	uint64_t in_total = 0;
	bool eof = false;
	const char *note = NULL;
	struct gm_error *err = NULL;
	char what[96];
	uint64_t in_size = pl ? progress_what(rd->fd, rd->name, what, sizeof(what)) : 0;
	for (;;) {
		if (ipos == ilen && !eof) {
			err = reader_fill(rd, ibuf, icap, &ilen);
			if (err)
				goto out;
			ipos = 0;
			in_total += ilen;
			if (ilen == 0)
				eof = true;
		} else if (d->frame_start && ilen - ipos < 4 && !eof) {
			/* a zstd frame's magic straddles two reads: keep the
			 * tail, read more after it */
			size_t rest = ilen - ipos, got;
			memmove(ibuf, ibuf + ipos, rest);
			err = reader_fill(rd, ibuf + rest, icap - rest, &got);
			if (err)
				goto out;
			ipos = 0;
			ilen = rest + got;
			in_total += got;
			if (got == 0)
				eof = true;
		}
		size_t iu, ou, room = out_cap - on;
		if (pl && room > max_size - produced - on) {
			room = (size_t)(max_size - produced - on);
			if (room == 0) {
				note = "decompression stopped at the size limit";
				break;
			}
		}
		note = dec_step(d, ibuf + ipos, ilen - ipos, &iu, out + on, room, &ou, eof);
		ipos += iu;
		on += ou;
		if (note)
			break;
		if (on == out_cap) {
			if (!pl)
				goto out; /* head mode: enough */
			produced += on;
			gm_progress(what, in_total, in_size, true);
			if (pl_submit(pl, on))
				goto out; /* the write error comes from pl_fini */
			out = pl_current(pl);
			on = 0;
			continue;
		}
		if (iu == 0 && ou == 0) {
			if (eof)
				break;
			if (ipos < ilen) { /* input and room, no progress */
				note = "the decoder made no progress";
				break;
			}
		}
	}
	if (!note) {
		if (in_total == 0)
			note = empty_note(d->c);
		else if (d->mid)
			note = cut_note(d->c);
	}
out:
	if (pl)
		gm_progress_end();
	if (!err && pl && on) {
		pl_submit(pl, on);
		on = 0;
	}
	*ret_out = on;
	*ret_in = in_total - (ilen - ipos);
	*ret_note = note;
	return err;
}

struct gm_error *gm_decompress_to_tempfile(int in_fd, enum gm_compression c, const char *name,
					   struct gm_decompressed *ret)
{
	return gm_decompress_to_tempfile_max(in_fd, c, name, UINT64_MAX, ret);
}

/* where decoded cores go: $TMPDIR, else the C library's temporary directory */
static const char *tmp_dir(void)
{
	const char *d = getenv("TMPDIR");
	return d && *d ? d : P_tmpdir;
}

struct gm_error *gm_decompress_to_tempfile_max(int in_fd, enum gm_compression c, const char *name,
					       uint64_t max_size, struct gm_decompressed *ret)
{
	memset(ret, 0, sizeof(*ret));
	ret->fd = -1;
	const char *dir = tmp_dir();
	struct dec d;
	struct gm_error *err = dec_init(&d, c);
	if (err) {
		dec_fini(&d);
		return err;
	}
	uint8_t *ibuf = malloc(IN_CHUNK);
	struct sink s = {.fd = -1, .name = name, .dir = dir};
	struct pipeline pl;
	bool pl_started = false;
	memset(&pl, 0, sizeof(pl));
	if (!ibuf) {
		err = &gm_error_nomem;
		goto out;
	}
	(void)posix_fadvise(in_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	err = make_tempfile(dir, name, &s.fd);
	if (err)
		goto out;
	err = pl_init(&pl, &s);
	pl_started = err == NULL;
	if (err)
		goto out;
	struct reader rd = {.fd = in_fd, .name = name};
	size_t left;
	err = run(&d, &rd, ibuf, IN_CHUNK, NULL, 0, &pl, max_size, &left, &ret->in_bytes, &ret->incomplete);
	struct gm_error *werr = pl_fini(&pl, true);
	pl_started = false;
	if (werr) {
		gm_error_destroy(err);
		err = werr;
	}
	if (err)
		goto out;
	if (ftruncate(s.fd, (off_t)s.pos) < 0) {
		err = gm_error_os(errno, "%s: sizing the temporary file in %s", name, dir);
		goto out;
	}
	ret->fd = s.fd;
	ret->size = s.pos;
	ret->data_bytes = s.data;
	s.fd = -1;
out:
	if (pl_started || pl.buf[0])
		gm_error_destroy(pl_fini(&pl, pl_started));
	if (s.fd >= 0)
		close(s.fd);
	dec_fini(&d);
	free(ibuf);
	return err;
}

struct gm_error *gm_decompress_head(int fd, enum gm_compression c, uint8_t *out, size_t cap,
				    size_t *ret_n)
{
	*ret_n = 0;
	if (cap == 0)
		return NULL;
	struct dec d;
	struct gm_error *err = dec_init(&d, c);
	if (err) {
		dec_fini(&d);
		return err;
	}
	size_t icap = 64u << 10;
	uint8_t *ibuf = malloc(icap);
	if (!ibuf) {
		dec_fini(&d);
		return &gm_error_nomem;
	}
	struct reader rd = {.fd = fd, .positional = true, .limit = HEAD_INPUT_MAX, .name = "input"};
	uint64_t in;
	const char *note;
	err = run(&d, &rd, ibuf, icap, out, cap, NULL, UINT64_MAX, ret_n, &in, &note);
	free(ibuf);
	dec_fini(&d);
	return err;
}

/* ---- on-demand decoding (gm_lazy) ---- */

#define LAZY_STEP_MIN (1ull << 20)
#define LAZY_STEP_MAX (64ull << 20)

struct gm_lazy {
	struct dec d;
	struct reader rd;       /* sequential reads of the input (fd owned) */
	uint8_t *ibuf;
	size_t ilen, ipos;
	bool eof;
	uint64_t in_total;      /* input bytes read */
	struct sink s;          /* the temporary file; used by the writer thread */
	struct pipeline pl;
	bool pl_started;
	uint64_t produced;      /* decompressed bytes out of the decoder */
	uint64_t limit;         /* bytes past it are not written */
	uint64_t step;          /* look-ahead of the next advance */
	bool finished;
	const char *note;
	char msg[256];          /* note text for environment errors */
	const char *dir;
	char *name;
};

int gm_lazy_fd(const struct gm_lazy *l)
{
	return l->s.fd;
}

bool gm_lazy_finished(const struct gm_lazy *l)
{
	return l->finished;
}

const char *gm_lazy_note(const struct gm_lazy *l)
{
	return l->note;
}

static uint64_t lazy_written(struct gm_lazy *l)
{
	uint64_t w;
	if (l->pl.threaded)
		pthread_mutex_lock(&l->pl.mu);
	w = l->pl.written;
	if (l->pl.threaded)
		pthread_mutex_unlock(&l->pl.mu);
	return w < l->limit ? w : l->limit;
}

uint64_t gm_lazy_frontier(const struct gm_lazy *l)
{
	return lazy_written((struct gm_lazy *)l);
}

void gm_lazy_stats(const struct gm_lazy *l, uint64_t *in_bytes, uint64_t *produced,
		   uint64_t *data_bytes)
{
	struct gm_lazy *m = (struct gm_lazy *)l;
	*in_bytes = l->in_total - (l->ilen - l->ipos);
	*produced = l->produced;
	if (m->pl.threaded)
		pthread_mutex_lock(&m->pl.mu);
	*data_bytes = m->pl.data_bytes;
	if (m->pl.threaded)
		pthread_mutex_unlock(&m->pl.mu);
}

void gm_lazy_destroy(struct gm_lazy *l)
{
	if (!l)
		return;
	if (l->pl_started || l->pl.buf[0])
		gm_error_destroy(pl_fini(&l->pl, l->pl_started));
	if (l->s.fd >= 0)
		close(l->s.fd);
	if (l->rd.fd >= 0)
		close(l->rd.fd);
	dec_fini(&l->d);
	free(l->ibuf);
	free(l->name);
	free(l);
}

static void lazy_stop(struct gm_lazy *l, struct gm_error *err, const char *note)
{
	l->finished = true;
	if (err) {
		/* "decoding stopped: WHY", without the core's name (the caller
		 * adds it) */
		const char *m = err->msg, *ds = "decoding stopped: ";
		size_t nl = strlen(l->name);
		if (strncmp(m, l->name, nl) == 0 && strncmp(m + nl, ": ", 2) == 0)
			m += nl + 2;
		if (strncmp(m, ds, strlen(ds)) == 0)
			m += strlen(ds);
		snprintf(l->msg, sizeof(l->msg), "%s%s", ds, m);
		l->note = l->msg;
	} else {
		l->note = note;
	}
}

struct gm_error *gm_lazy_create(int in_fd, enum gm_compression c, const char *name,
				struct gm_lazy **ret)
{
	*ret = NULL;
	struct gm_lazy *l = calloc(1, sizeof(*l));
	if (!l) {
		close(in_fd);
		return &gm_error_nomem;
	}
	l->rd.fd = in_fd;
	l->s.fd = -1;
	l->limit = UINT64_MAX;
	l->step = LAZY_STEP_MIN;
	l->dir = tmp_dir();
	l->name = strdup(name ? name : "core");
	l->ibuf = malloc(IN_CHUNK);
	struct gm_error *err = dec_init(&l->d, c);
	if (!err && (!l->name || !l->ibuf))
		err = &gm_error_nomem;
	if (err)
		goto fail;
	l->rd.name = l->name;
	l->s.name = l->name;
	l->s.dir = l->dir;
	(void)posix_fadvise(in_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	err = make_tempfile(l->dir, l->name, &l->s.fd);
	if (err)
		goto fail;
	err = pl_init(&l->pl, &l->s);
	l->pl_started = err == NULL;
	if (err)
		goto fail;
	*ret = l;
	return NULL;
fail:
	gm_lazy_destroy(l);
	return err;
}

/* Decodes up to one output buffer and hands it to the writer. */
static void lazy_chunk(struct gm_lazy *l)
{
	uint8_t *out = pl_current(&l->pl);
	size_t on = 0;
	struct gm_error *err = NULL;
	while (on < OUT_CHUNK) {
		if (l->ipos == l->ilen && !l->eof) {
			err = reader_fill(&l->rd, l->ibuf, IN_CHUNK, &l->ilen);
			if (err)
				break;
			l->ipos = 0;
			l->in_total += l->ilen;
			if (l->ilen == 0)
				l->eof = true;
		} else if (l->d.frame_start && l->ilen - l->ipos < 4 && !l->eof) {
			size_t rest = l->ilen - l->ipos, got;
			memmove(l->ibuf, l->ibuf + l->ipos, rest);
			err = reader_fill(&l->rd, l->ibuf + rest, IN_CHUNK - rest, &got);
			if (err)
				break;
			l->ipos = 0;
			l->ilen = rest + got;
			l->in_total += got;
			if (got == 0)
				l->eof = true;
		}
		size_t iu, ou;
		const char *note = dec_step(&l->d, l->ibuf + l->ipos, l->ilen - l->ipos, &iu,
					    out + on, OUT_CHUNK - on, &ou, l->eof);
		l->ipos += iu;
		on += ou;
		if (note) {
			lazy_stop(l, NULL, note);
			break;
		}
		if (iu == 0 && ou == 0) {
			if (l->eof) {
				lazy_stop(l, NULL,
					  l->in_total == 0 ? empty_note(l->d.c)
					  : l->d.mid	   ? cut_note(l->d.c)
							   : NULL);
				break;
			}
			if (l->ipos < l->ilen) {
				lazy_stop(l, NULL, "the decoder made no progress");
				break;
			}
		}
	}
	if (err) {
		lazy_stop(l, err, NULL);
		gm_error_destroy(err);
	}
	uint64_t keep = 0;
	if (l->produced < l->limit)
		keep = l->limit - l->produced < on ? l->limit - l->produced : on;
	l->produced += on;
	if (keep) {
		struct gm_error *werr = pl_submit(&l->pl, (size_t)keep);
		if (werr)
			lazy_stop(l, werr, NULL); /* the pipeline keeps werr */
	}
}

/* a + b, UINT64_MAX when it would wrap */
static uint64_t sat_add(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

/* Waits until the writer has written `upto` bytes or has nothing left. */
static void lazy_wait(struct gm_lazy *l, uint64_t upto)
{
	if (!l->pl.threaded)
		return;
	pthread_mutex_lock(&l->pl.mu);
	while (l->pl.written < upto && l->pl.head != l->pl.tail)
		pthread_cond_wait(&l->pl.cv, &l->pl.mu);
	pthread_mutex_unlock(&l->pl.mu);
}

struct gm_error *gm_lazy_advance(struct gm_lazy *l, uint64_t need, uint64_t *ret_frontier)
{
	if (need > l->limit)
		need = l->limit;
	uint64_t w = lazy_written(l);
	if (w >= need) {
		*ret_frontier = w;
		return NULL;
	}
	uint64_t target = sat_add(need, l->step);
	char what[96];
	uint64_t in_size = progress_what(l->rd.fd, l->name, what, sizeof(what));
	/* bounded: each chunk consumes input or produces output, or stops */
	while (!l->finished && (l->produced < target || l->produced >= l->limit)) {
		lazy_chunk(l);
		gm_progress(what, l->in_total, in_size, true);
	}
	gm_progress_end();
	if (l->step < LAZY_STEP_MAX)
		l->step *= 2;
	/* once decoding stopped, drain: the frontier is then final */
	lazy_wait(l, l->finished ? UINT64_MAX : need);
	*ret_frontier = lazy_written(l);
	if (*ret_frontier < need && l->note == l->msg) {
		/* an environment error stopped decoding: say so once */
		return gm_error_create(GM_ERR_OS, "%s: %s", l->name, l->msg);
	}
	return NULL;
}

struct gm_error *gm_lazy_set_size(struct gm_lazy *l, uint64_t size)
{
	lazy_wait(l, UINT64_MAX);
	if (l->pl.threaded)
		pthread_mutex_lock(&l->pl.mu);
	l->limit = size;
	if (l->pl.written > size)
		l->pl.written = size;
	if (l->pl.threaded)
		pthread_mutex_unlock(&l->pl.mu);
	if (ftruncate(l->s.fd, (off_t)size) < 0)
		return gm_error_os(errno, "%s: sizing the temporary file in %s to %llu bytes", l->name,
				   l->dir, (unsigned long long)size);
	return NULL;
}

/* ---- the stream's shape, from its headers alone ---- */

/* The compressed file's headers, read forward through a window. How big a
 * window pays depends on how far apart the block headers are: a few KiB in
 * a core's compressed stream (64 KiB windows: 8 K headers of a 1 GiB core in
 * about 600 reads, ~10 ms), up to 128 KiB in incompressible data (then 4 KiB
 * windows: one small read per header, not a copy of the whole file). The
 * window is 64 KiB while a window serves several headers, else 4 KiB.
 * (A mapping of the file measured slower: one page fault per header.) */
#define HDR_WIN_BIG 65536
#define HDR_WIN_SMALL 4096
struct hdr_reader {
	int fd;
	uint64_t fsize;
	uint8_t buf[HDR_WIN_BIG];
	uint64_t boff; /* file offset of buf[0] */
	size_t blen;
	unsigned served; /* reads served by the current window */
	int err;         /* errno of a failed read */
};

/* n (<= 64) bytes at off into out; false past the end or on an error. */
static bool hdr_read(struct hdr_reader *r, uint64_t off, void *out, size_t n)
{
	if (off > r->fsize || n > r->fsize - off)
		return false;
	if (off < r->boff || off + n > r->boff + r->blen) {
		size_t cap = r->served >= 3 ? HDR_WIN_BIG : HDR_WIN_SMALL;
		uint64_t want = r->fsize - off < cap ? r->fsize - off : cap;
		size_t got = 0;
		while (got < want) {
			ssize_t k = pread(r->fd, r->buf + got, (size_t)want - got, (off_t)(off + got));
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0)
				r->err = errno;
			if (k <= 0)
				break;
			got += (size_t)k;
		}
		r->boff = off;
		r->blen = got;
		r->served = 0;
		if (got < n)
			return false;
	}
	r->served++;
	memcpy(out, r->buf + (off - r->boff), n);
	return true;
}

#define SHAPE_MAX_BLOCKS (1ull << 26)  /* 64 Mi blocks: 8 TiB of zstd, more than any core */
#define SHAPE_MAX_FRAMES 65536

static void shape_cut(struct gm_stream_shape *s, const char *note, uint64_t at)
{
	s->cut = true;
	s->note = note;
	s->cut_at = at;
	s->cut_bound = true; /* zstd, lz4: max_size counts the blocks up to the cut */
}

/* zstd: frame headers and block headers (3 bytes each, which say a block's
 * kind and size); raw and RLE blocks give their exact size, a compressed
 * block at most the frame's block size (min(window, 128 KiB)). */
static void shape_zstd(struct hdr_reader *r, struct gm_stream_shape *s)
{
	uint64_t off = 0, exact_sum = 0, frames = 0;
	bool all_fcs = true;
	while (off < r->fsize) {
		if (++frames > SHAPE_MAX_FRAMES)
			goto unknown;
		uint8_t h[18];
		if (!hdr_read(r, off, h, 4))
			return shape_cut(s, "zstd stream ends in the middle of a frame", off);
		uint32_t magic = gm_rd32(h);
		if ((magic & 0xFFFFFFF0u) == 0x184D2A50u) { /* skippable frame */
			if (!hdr_read(r, off + 4, h + 4, 4))
				return shape_cut(s, "zstd stream ends in the middle of a frame", off);
			off += 8 + (uint64_t)gm_rd32(h + 4);
			if (off > r->fsize)
				return shape_cut(s, "zstd stream ends in the middle of a frame", r->fsize);
			continue;
		}
		if (magic != 0xFD2FB528u)
			goto unknown; /* garbage after the frames: the decoder says what */
		if (!hdr_read(r, off + 4, h + 4, 1))
			return shape_cut(s, "zstd stream ends in the middle of a frame", off);
		uint8_t fhd = h[4];
		unsigned fcs_flag = fhd >> 6, single = (fhd >> 5) & 1, checksum = (fhd >> 2) & 1, did = fhd & 3;
		if (fhd & 0x08)
			goto unknown; /* reserved bit: corrupt, the decoder says so */
		size_t fcs_len = fcs_flag == 0 ? single : fcs_flag == 1 ? 2 : fcs_flag == 2 ? 4 : 8;
		size_t did_len = did == 0 ? 0 : did == 1 ? 1 : did == 2 ? 2 : 4;
		size_t hlen = 1 + (single ? 0 : 1) + did_len + fcs_len;
		if (!hdr_read(r, off + 4, h + 4, hlen))
			return shape_cut(s, "zstd stream ends in the middle of a frame", off);
		uint64_t window = 128 << 10;
		if (!single) {
			uint8_t wd = h[5];
			unsigned exp = wd >> 3, mant = wd & 7;
			uint64_t base = 1ull << (10 + exp);
			window = base + (base / 8) * mant;
		}
		const uint8_t *fp = h + 4 + 1 + (single ? 0 : 1) + did_len;
		uint64_t fcs = 0;
		switch (fcs_len) {
		case 0: all_fcs = false; break;
		case 1: fcs = fp[0]; break;
		case 2: fcs = (uint64_t)gm_rd16(fp) + 256; break;
		case 4: fcs = gm_rd32(fp); break;
		case 8: fcs = gm_rd64(fp); break;
		}
		if (single && fcs_len)
			window = fcs;
		uint64_t bmax = window < (128 << 10) ? window : (128 << 10);
		if (fcs_len)
			exact_sum = sat_add(exact_sum, fcs);
		off += 4 + hlen;
		for (;;) {
			if (++s->blocks > SHAPE_MAX_BLOCKS)
				goto unknown;
			uint8_t b[3];
			if (!hdr_read(r, off, b, 3))
				return shape_cut(s, "zstd stream ends in the middle of a frame", off);
			uint32_t bh = b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16;
			unsigned last = bh & 1, type = (bh >> 1) & 3;
			uint64_t bsize = bh >> 3;
			off += 3;
			if (type == 3)
				goto unknown; /* reserved: corrupt, the decoder says so */
			uint64_t content = type == 1 ? 1 : bsize;
			uint64_t out = type == 2 ? bmax : bsize;
			s->max_size = sat_add(s->max_size, out);
			if (off + content > r->fsize)
				return shape_cut(s, "zstd stream ends in the middle of a frame", r->fsize);
			off += content;
			if (last)
				break;
		}
		if (checksum) {
			if (off + 4 > r->fsize)
				return shape_cut(s, "zstd stream ends in the middle of a frame", r->fsize);
			off += 4;
		}
	}
	s->max_known = true;
	if (all_fcs && frames) {
		s->size_known = true;
		s->size = exact_sum;
	}
	return;
unknown:
	s->max_known = false;
	s->max_size = 0;
}

/* lz4 frame format: frame descriptor, then blocks (a 4-byte size word; the
 * top bit marks an uncompressed block) up to the end mark. */
static void shape_lz4(struct hdr_reader *r, struct gm_stream_shape *s)
{
	uint64_t off = 0, exact_sum = 0, frames = 0;
	bool all_size = true;
	while (off < r->fsize) {
		if (++frames > SHAPE_MAX_FRAMES)
			goto unknown;
		uint8_t h[16];
		if (!hdr_read(r, off, h, 4))
			return shape_cut(s, "lz4 stream ends in the middle of a frame", off);
		uint32_t magic = gm_rd32(h);
		if ((magic & 0xFFFFFFF0u) == 0x184D2A50u) {
			if (!hdr_read(r, off + 4, h + 4, 4))
				return shape_cut(s, "lz4 stream ends in the middle of a frame", off);
			off += 8 + (uint64_t)gm_rd32(h + 4);
			if (off > r->fsize)
				return shape_cut(s, "lz4 stream ends in the middle of a frame", r->fsize);
			continue;
		}
		if (magic != 0x184D2204u)
			goto unknown;
		if (!hdr_read(r, off + 4, h + 4, 2))
			return shape_cut(s, "lz4 stream ends in the middle of a frame", off);
		uint8_t flg = h[4], bd = h[5];
		if ((flg >> 6) != 1 || (flg & 2) || (bd & 0x8F))
			goto unknown;
		bool bsum = flg & 0x10, csize = flg & 0x08, csum = flg & 0x04, dict = flg & 0x01;
		unsigned bid = (bd >> 4) & 7;
		if (bid < 4)
			goto unknown;
		uint64_t bmax = 1ull << (8 + 2 * bid); /* 4: 64 KiB ... 7: 4 MiB */
		size_t dlen = 2 + (csize ? 8 : 0) + (dict ? 4 : 0) + 1;
		if (!hdr_read(r, off + 4, h + 4, dlen))
			return shape_cut(s, "lz4 stream ends in the middle of a frame", off);
		if (csize) {
			uint64_t cs = gm_rd64(h + 6);
			exact_sum = sat_add(exact_sum, cs);
		} else {
			all_size = false;
		}
		off += 4 + dlen;
		for (;;) {
			if (++s->blocks > SHAPE_MAX_BLOCKS)
				goto unknown;
			uint8_t b[4];
			if (!hdr_read(r, off, b, 4))
				return shape_cut(s, "lz4 stream ends in the middle of a frame", off);
			uint32_t w = gm_rd32(b);
			off += 4;
			if (w == 0)
				break; /* end mark */
			uint64_t bsize = w & 0x7FFFFFFFu;
			uint64_t out = (w & 0x80000000u) ? bsize : bmax;
			s->max_size = sat_add(s->max_size, out);
			off += bsize + (bsum ? 4 : 0);
			if (off > r->fsize)
				return shape_cut(s, "lz4 stream ends in the middle of a frame", r->fsize);
		}
		if (csum) {
			if (off + 4 > r->fsize)
				return shape_cut(s, "lz4 stream ends in the middle of a frame", r->fsize);
			off += 4;
		}
	}
	s->max_known = true;
	if (all_size && frames) {
		s->size_known = true;
		s->size = exact_sum;
	}
	return;
unknown:
	s->max_known = false;
	s->max_size = 0;
}

#define SHAPE_XZ_INDEX_MAX (64u << 20)

/* xz: streams are read from the end: stream padding, the footer (which
 * gives the index's size), the index (every block's uncompressed size). A
 * stream without its footer is cut. */
static void shape_xz(struct hdr_reader *r, struct gm_stream_shape *s)
{
	uint64_t end = r->fsize, total = 0;
	for (int streams = 0; end > 0; streams++) {
		if (streams >= 1024)
			return;
		uint8_t f[12];
		/* stream padding: multiples of 4 zero bytes */
		for (int pad = 0; end >= 4 && hdr_read(r, end - 4, f, 4) && gm_rd32(f) == 0; pad++) {
			if (pad == 4096)
				return; /* unknown: no xz writer pads that much */
			end -= 4;
		}
		if (end < 12 + 12 || !hdr_read(r, end - 12, f, 12) || f[10] != 'Y' || f[11] != 'Z') {
			shape_cut(s, "xz stream has no footer: it is cut", r->fsize);
			s->cut_bound = false; /* how much decodes before the cut: unknown */
			return;
		}
		uint64_t isize = ((uint64_t)gm_rd32(f + 4) + 1) * 4;
		if (isize > SHAPE_XZ_INDEX_MAX || isize > end - 24)
			return; /* unknown: the decoder says what is wrong */
		uint8_t *ib = malloc((size_t)isize);
		if (!ib)
			return;
		bool ok = true;
		for (uint64_t o = 0; ok && o < isize; o += 64) {
			size_t k = isize - o < 64 ? (size_t)(isize - o) : 64;
			ok = hdr_read(r, end - 12 - isize + o, ib + o, k);
		}
		lzma_index *idx = NULL;
		uint64_t memlimit = 256u << 20;
		size_t pos = 0;
		if (!ok || lzma_index_buffer_decode(&idx, &memlimit, NULL, ib, &pos, (size_t)isize) != LZMA_OK) {
			free(ib);
			return; /* unknown */
		}
		free(ib);
		uint64_t usize = lzma_index_uncompressed_size(idx);
		uint64_t ssize = lzma_index_stream_size(idx);
		s->blocks += lzma_index_block_count(idx);
		lzma_index_end(idx, NULL);
		if (ssize > end)
			return; /* unknown */
		uint8_t sh[6];
		if (!hdr_read(r, end - ssize, sh, 6) || memcmp(sh, "\xFD" "7zXZ\0", 6) != 0)
			return; /* unknown: not where the index says the stream starts */
		total = sat_add(total, usize);
		end -= ssize;
	}
	s->size_known = s->max_known = true;
	s->size = s->max_size = total;
}

struct gm_error *gm_decompress_shape(int fd, enum gm_compression c, struct gm_stream_shape *ret)
{
	memset(ret, 0, sizeof(*ret));
	struct stat st;
	if (fstat(fd, &st) != 0)
		return gm_error_os(errno, "stat of the compressed core");
	struct hdr_reader *r = calloc(1, sizeof(*r));
	if (!r)
		return &gm_error_nomem;
	r->fd = fd;
	r->fsize = (uint64_t)st.st_size;
	r->served = 3; /* the first window: frame headers close together */
	switch (c) {
	case GM_COMP_ZSTD: shape_zstd(r, ret); break;
	case GM_COMP_LZ4: shape_lz4(r, ret); break;
	case GM_COMP_XZ: shape_xz(r, ret); break;
	default: break;
	}
	struct gm_error *err = r->err ? gm_error_os(r->err, "reading the compressed core's headers") : NULL;
	free(r);
	return err;
}
