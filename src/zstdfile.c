/* zstdfile: streaming zstd decompression of a (possibly multi-frame,
 * possibly truncated) core into an unlinked, sparse temporary file. */
#include "zstdfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#define OUT_CHUNK (256u << 10) /* flush granularity; multiple of HOLE_BLOCK */
#define HOLE_BLOCK (64u << 10)

bool gm_zstdfile_is_zstd(const uint8_t *head, size_t n)
{
	return n >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	uint64_t acc = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, p + i, 8);
		acc |= v;
		if ((i & 4095) == 4088 && acc) /* early exit per page */
			return false;
	}
	for (; i < n; i++)
		acc |= p[i];
	return acc == 0;
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

/* Writes buf at *pos, leaving all-zero HOLE_BLOCKs as holes. */
static int write_sparse(int fd, const uint8_t *buf, size_t n, uint64_t *pos)
{
	size_t run_start = 0, i = 0;
	bool in_run = false;
	for (; i < n; i += HOLE_BLOCK) {
		size_t bl = n - i < HOLE_BLOCK ? n - i : HOLE_BLOCK;
		bool z = all_zero(buf + i, bl);
		if (!z && !in_run) {
			run_start = i;
			in_run = true;
		} else if (z && in_run) {
			if (pwrite_all(fd, buf + run_start, i - run_start, *pos + run_start) < 0)
				return -1;
			in_run = false;
		}
	}
	if (in_run && pwrite_all(fd, buf + run_start, n - run_start, *pos + run_start) < 0)
		return -1;
	*pos += n;
	return 0;
}

struct gm_error *gm_zstdfile_decompress(int in_fd, const char *name, int *out_fd,
					uint64_t *out_size, const char **out_incomplete)
{
	*out_fd = -1;
	*out_size = 0;
	*out_incomplete = NULL;

	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	size_t plen = strlen(dir) + 32;
	char *tmpl = malloc(plen);
	if (!tmpl)
		return &gm_error_nomem;
	snprintf(tmpl, plen, "%s/gomortem-core-XXXXXX", dir);

	struct gm_error *err = NULL;
	size_t in_cap = ZSTD_DStreamInSize();
	if (in_cap < (1u << 20))
		in_cap = 1u << 20;
	uint8_t *ibuf = malloc(in_cap);
	uint8_t *obuf = malloc(OUT_CHUNK);
	ZSTD_DStream *ds = ZSTD_createDStream();
	int fd = -1;
	if (!ibuf || !obuf || !ds) {
		err = &gm_error_nomem;
		goto out;
	}
	ZSTD_initDStream(ds);
	fd = mkostemp(tmpl, O_CLOEXEC);
	if (fd < 0) {
		err = gm_error_os(errno, "%s: creating temporary file in %s", name, dir);
		goto out;
	}
	unlink(tmpl);

	uint64_t pos = 0;
	size_t ret = 0;      /* last ZSTD_decompressStream result: 0 = frame done */
	bool started = false;
	ZSTD_outBuffer ob = {obuf, OUT_CHUNK, 0};
	for (;;) {
		ssize_t n = read(in_fd, ibuf, in_cap);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = gm_error_os(errno, "%s: reading", name);
			goto out;
		}
		if (n == 0)
			break;
		ZSTD_inBuffer ib = {ibuf, (size_t)n, 0};
		started = true;
		/* Consume all input; keep calling while the output buffer came
		 * back full (data may remain inside the decoder). */
		while (ib.pos < ib.size || ob.pos == ob.size) {
			if (ob.pos == ob.size) {
				if (write_sparse(fd, obuf, ob.pos, &pos) < 0) {
					err = gm_error_os(errno, "%s: writing decompressed core to %s",
							  name, dir);
					goto out;
				}
				ob.pos = 0;
			}
			size_t before_in = ib.pos, before_out = ob.pos;
			ret = ZSTD_decompressStream(ds, &ob, &ib);
			if (ZSTD_isError(ret)) {
				*out_incomplete = ZSTD_getErrorName(ret);
				goto done;
			}
			if (ib.pos == before_in && ob.pos == before_out && ob.pos != ob.size)
				break; /* no progress possible: needs more input */
		}
	}
	if (!started)
		*out_incomplete = "empty zstd stream";
	else if (ret != 0)
		*out_incomplete = "zstd stream ends in the middle of a frame";
done:
	if (ob.pos && write_sparse(fd, obuf, ob.pos, &pos) < 0) {
		err = gm_error_os(errno, "%s: writing decompressed core to %s", name, dir);
		goto out;
	}
	if (ftruncate(fd, (off_t)pos) < 0) {
		err = gm_error_os(errno, "%s: sizing temporary file in %s", name, dir);
		goto out;
	}
	*out_fd = fd;
	*out_size = pos;
	fd = -1;
out:
	if (fd >= 0)
		close(fd);
	ZSTD_freeDStream(ds);
	free(obuf);
	free(ibuf);
	free(tmpl);
	return err;
}
