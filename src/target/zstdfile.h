/* zstdfile: the zstd-only interface of the first compressed-core reader,
 * kept for the fuzz harnesses (tests/fuzz/fuzz_common.h). New code uses
 * gm_decompress.h, which also reads lz4 and xz. */
#ifndef GM_ZSTDFILE_H
#define GM_ZSTDFILE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"

#define GM_ZSTD_MAGIC_LEN 4
/* True when `head` (n bytes) starts with the zstd frame magic 28 b5 2f fd. */
bool gm_zstdfile_is_zstd(const uint8_t *head, size_t n);

/* gm_decompress_to_tempfile(in_fd, GM_COMP_ZSTD, ...): *out_fd the unlinked
 * sparse temporary file (caller closes), *out_size its size,
 * *out_incomplete why the stream ended early (static text) or NULL. */
struct gm_error *gm_zstdfile_decompress(int in_fd, const char *name, int *out_fd,
					uint64_t *out_size, const char **out_incomplete);

#endif
