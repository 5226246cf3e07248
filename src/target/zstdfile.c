/* zstdfile: zstd-only wrappers over gm_decompress (see zstdfile.h). */
#include "zstdfile.h"

#include "gm_decompress.h"

bool gm_zstdfile_is_zstd(const uint8_t *head, size_t n)
{
	return gm_decompress_detect(head, n) == GM_COMP_ZSTD;
}

struct gm_error *gm_zstdfile_decompress(int in_fd, const char *name, int *out_fd,
					uint64_t *out_size, const char **out_incomplete)
{
	struct gm_decompressed r;
	struct gm_error *err = gm_decompress_to_tempfile(in_fd, GM_COMP_ZSTD, name, &r);
	*out_fd = r.fd;
	*out_size = r.size;
	*out_incomplete = r.incomplete;
	return err;
}
