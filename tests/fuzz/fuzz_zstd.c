/* Fuzz target: compressed input. The input is a zstd stream (any bytes);
 * gm_zstdfile_decompress must keep what decodes, say why it stopped, and
 * produce a file of exactly the size it reports. */
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static int fd = -1;
	if (fd < 0) {
		fd = memfd_create("gm-fuzz-zstd", MFD_CLOEXEC);
		if (fd < 0)
			gmf_die("memfd_create");
	}
	gmf_write_all(fd, d, n);
	if (lseek(fd, 0, SEEK_SET) < 0)
		gmf_die("lseek");
	int out;
	uint64_t size;
	const char *note;
	struct gm_error *err = gm_zstdfile_decompress(fd, "fuzz", &out, &size, &note);
	if (err) {
		gm_error_destroy(err);
		return 0;
	}
	struct stat st;
	if (fstat(out, &st) < 0 || (uint64_t)st.st_size != size)
		abort(); /* reported size must be the file's */
	if (n == 0 && !note)
		abort(); /* an empty stream is incomplete */
	close(out);
	return 0;
}
