/* gm_decompress: compressed cores (zstd, lz4 frame, xz), detected by magic
 * bytes, streamed into an unlinked sparse temporary file, either whole
 * (gm_decompress_to_tempfile) or on demand (gm_lazy: decoded up to a
 * frontier that moves forward when bytes past it are needed).
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

/* ---- on-demand decoding ----
 *
 * A gm_lazy owns the compressed input (in_fd, read sequentially from its
 * current position), the decoder and the unlinked sparse temporary file. It
 * decodes only when asked: gm_lazy_advance(need) decodes until the bytes
 * [0, need) of the decompressed stream are in the temporary file (or the
 * stream ends / turns out corrupt first), decoding a few MiB past `need`
 * (the step doubles, 1 to 64 MiB, while calls keep coming) so that
 * sequential demand costs few calls. A writer thread writes the decoded
 * buffers (holes for zero pages) while the decoder continues; advance returns
 * once [0, need) is written, leaving the look-ahead in flight.
 *
 * The frontier only moves forward; bytes before it stay as they are, so a
 * MAP_SHARED mapping of the temporary file serves them for as long as it
 * lives. Memory: the input buffer, four 1 MiB output buffers, the decoder's
 * window (capped as above): independent of the core's size.
 *
 * gm_lazy_set_size fixes the size of the decompressed core (from its program
 * headers): the file is sized to it, decoded bytes past it are dropped (the
 * decoder still runs to the end of the stream once everything before the
 * size is decoded, so a checksum at the end is still verified). */
struct gm_lazy;

struct gm_error *gm_lazy_create(int in_fd, enum gm_compression c, const char *name,
				struct gm_lazy **ret);
/* Closes the input and the temporary file (a mapping of it stays valid). */
void gm_lazy_destroy(struct gm_lazy *l);
/* Decodes until the frontier reaches `need` or decoding stops. Errors are
 * only for the environment (reading the input, writing the temporary file);
 * after one, decoding stops for good (gm_lazy_note says why). *ret_frontier:
 * the frontier afterwards (>= need unless decoding stopped first). */
struct gm_error *gm_lazy_advance(struct gm_lazy *l, uint64_t need, uint64_t *ret_frontier);
/* Waits for pending writes, drops written bytes past `size`, sizes the file. */
struct gm_error *gm_lazy_set_size(struct gm_lazy *l, uint64_t size);
/* The temporary file (owned by l: do not close). */
int gm_lazy_fd(const struct gm_lazy *l);
/* Bytes [0, frontier) are decoded and written. */
uint64_t gm_lazy_frontier(const struct gm_lazy *l);
/* True once the decoder stopped (stream end, corruption or an error): the
 * frontier will not move any more. */
bool gm_lazy_finished(const struct gm_lazy *l);
/* Why decoding stopped early (static text, or l's own message for
 * environment errors, valid until destroy); NULL while decoding can go on
 * and after a clean end of the stream. */
const char *gm_lazy_note(const struct gm_lazy *l);
/* Compressed bytes consumed, decompressed bytes produced (including any
 * past the size), bytes written (not holes). */
void gm_lazy_stats(const struct gm_lazy *l, uint64_t *in_bytes, uint64_t *produced,
		   uint64_t *data_bytes);

#endif
