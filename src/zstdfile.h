/* zstdfile: decompress a zstd stream (one or more frames, sizes possibly
 * unknown) into an unlinked temporary file. Internal to the target module. */
#ifndef GM_ZSTDFILE_H
#define GM_ZSTDFILE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"

#define GM_ZSTD_MAGIC_LEN 4
/* True when `head` (n bytes) starts with the zstd frame magic 28 b5 2f fd. */
bool gm_zstdfile_is_zstd(const uint8_t *head, size_t n);

/* Decompresses everything readable from in_fd (read from its current
 * position) into a temporary file created with mkstemp in $TMPDIR (default
 * /tmp) and unlinked at once. Runs of zeros are written as holes. On success
 * *out_fd is the open temporary file (caller closes), *out_size the number of
 * decompressed bytes. A corrupt or cut-off stream is not an error: what was
 * decompressed is kept and *out_incomplete is set to a static description
 * (else NULL). `name` is only used in messages. */
struct gm_error *gm_zstdfile_decompress(int in_fd, const char *name, int *out_fd,
					uint64_t *out_size, const char **out_incomplete);

#endif
