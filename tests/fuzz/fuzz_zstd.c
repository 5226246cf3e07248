/* Fuzz target: compressed input, all three formats (the target keeps its
 * historical name). The input is any bytes: decoded as the format its magic
 * names (looking through skippable frames), else as zstd, lz4 or xz chosen
 * by the input's length, so mutated bytes reach every decoder. Checks:
 *  - gm_decompress_to_tempfile_max keeps what decodes, says why it stopped,
 *    and produces a file of exactly the size it reports, no larger than the
 *    limit, with no more data bytes than that and no more input consumed
 *    than there was;
 *  - gm_decompress_head (positional reads, small buffers) yields a prefix of
 *    the same bytes. */
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "gm_decompress.h"

#define LIMIT (64u << 20) /* decompression bombs stop here */

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static int fd = -1;
	if (fd < 0) {
		fd = memfd_create("gm-fuzz-zstd", MFD_CLOEXEC);
		if (fd < 0)
			gmf_die("memfd_create");
	}
	gmf_write_all(fd, d, n);
	enum gm_compression c;
	struct gm_error *err = gm_decompress_detect_fd(fd, &c);
	if (err)
		gmf_die(err->msg);
	if (c == GM_COMP_NONE)
		c = (enum gm_compression)(GM_COMP_ZSTD + n % 3);
	if (lseek(fd, 0, SEEK_SET) < 0)
		gmf_die("lseek");
	struct gm_decompressed r;
	err = gm_decompress_to_tempfile_max(fd, c, "fuzz", LIMIT, &r);
	if (err) {
		if (err->code != GM_ERR_NOMEM && err->code != GM_ERR_OS)
			abort(); /* bad input is never an error, only a note */
		gm_error_destroy(err);
		return 0;
	}
	struct stat st;
	if (fstat(r.fd, &st) < 0 || (uint64_t)st.st_size != r.size)
		abort(); /* reported size must be the file's */
	if (r.size > LIMIT || r.data_bytes > r.size || r.in_bytes > n)
		abort();
	if (n == 0 && !r.incomplete)
		abort(); /* an empty stream is incomplete */
	uint8_t head[96], file[96];
	size_t hn;
	err = gm_decompress_head(fd, c, head, sizeof(head), &hn);
	if (!err) {
		size_t want = r.size < sizeof(file) ? (size_t)r.size : sizeof(file);
		if (pread(r.fd, file, want, 0) != (ssize_t)want)
			gmf_die("pread");
		/* head may see more than a limited full decode, never other bytes */
		size_t k = hn < want ? hn : want;
		if (memcmp(head, file, k) != 0)
			abort();
		if (hn < want && !r.incomplete && hn < sizeof(head))
			abort(); /* head stopped early on a stream that decoded fully */
	}
	gm_error_destroy(err);
	close(r.fd);
	return 0;
}
