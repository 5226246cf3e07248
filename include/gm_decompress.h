/* gm_decompress: compressed cores (zstd, lz4 frame, xz), detected by magic
 * bytes, streamed into an unlinked sparse temporary file.
 *
 * Memory stays bounded whatever the core's size: input is read in 1 MiB
 * chunks, output goes through one 1 MiB buffer into the temporary file, and
 * all-zero 4 KiB pages are left as holes (never written), so a core that is
 * mostly zeros costs little disk and page cache. The caller mmaps the result;
 * it costs page cache, not anonymous memory. The decoders' own memory is
 * bounded too: zstd frames needing a window over 128 MiB and xz streams
 * needing over 256 MiB are refused (reported as an incomplete stream).
 * The decompressed size is never taken from the input (a zstd frame's
 * content size, an lz4 frame's content size may be absent or lie): it is what
 * actually came out.
 *
 * A cut or corrupt stream is not an error: what decoded before the problem
 * is kept and `incomplete` says why decoding stopped (static text).
 * Errors are for the environment: reading the input, creating or writing
 * the temporary file (ENOSPC names the directory and how much was written). */
#ifndef GM_DECOMPRESS_H
#define GM_DECOMPRESS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"

enum gm_compression {
	GM_COMP_NONE = 0, /* not a compressed stream we know (maybe a plain ELF) */
	GM_COMP_ZSTD,     /* 28 b5 2f fd (zstd frame) */
	GM_COMP_LZ4,      /* 04 22 4d 18 (lz4 frame format; the legacy format is not supported) */
	GM_COMP_XZ,       /* fd 37 7a 58 5a 00 */
};

/* Bytes of a file's head gm_decompress_detect looks at. */
#define GM_DECOMPRESS_MAGIC_LEN 6

/* The compression of a stream starting with `head` (n bytes). Skippable
 * frames (magic 0x184D2A5?, shared by zstd and lz4) are not looked through:
 * use gm_decompress_detect_fd for that. */
enum gm_compression gm_decompress_detect(const uint8_t *head, size_t n);
/* The same for a file (pread from offset 0, position unchanged), looking
 * through up to 16 leading skippable frames; a file made only of skippable
 * frames counts as zstd. Read errors are errors. */
struct gm_error *gm_decompress_detect_fd(int fd, enum gm_compression *ret);
/* "zstd", "lz4", "xz"; NULL for GM_COMP_NONE. */
const char *gm_decompress_name(enum gm_compression c);
/* True when head (n bytes) is the lz4 legacy format (lz4 -l), which is
 * recognized only to be refused with a clear message. */
bool gm_decompress_is_lz4_legacy(const uint8_t *head, size_t n);

struct gm_decompressed {
	int fd;                 /* the temporary file (unlinked), caller closes; -1 on error */
	uint64_t size;          /* decompressed bytes (the file's size) */
	uint64_t in_bytes;      /* compressed bytes consumed */
	uint64_t data_bytes;    /* bytes actually written (size minus holes) */
	const char *incomplete; /* NULL, or why the stream ended early (static text) */
};

/* Decompresses in_fd (from its current position to EOF) as `c` into a new
 * unlinked file in $TMPDIR (default /tmp), O_TMPFILE when the file system
 * supports it. `name` is only used in messages. */
struct gm_error *gm_decompress_to_tempfile(int in_fd, enum gm_compression c, const char *name,
					   struct gm_decompressed *ret);
/* The same, stopping at max_size decompressed bytes: the file then has
 * max_size bytes and `incomplete` says decompression stopped at the limit
 * (also when the stream happens to end exactly there). */
struct gm_error *gm_decompress_to_tempfile_max(int in_fd, enum gm_compression c, const char *name,
					       uint64_t max_size, struct gm_decompressed *ret);

/* Decompresses only the first `cap` bytes of a file (read with pread from
 * offset 0, at most 4 MiB of input) into out; *ret_n is how many came out
 * (fewer when the stream is shorter, cut or corrupt). For recognizing a
 * compressed ELF core without decompressing it. */
struct gm_error *gm_decompress_head(int fd, enum gm_compression c, uint8_t *out, size_t cap,
				    size_t *ret_n);

#endif
