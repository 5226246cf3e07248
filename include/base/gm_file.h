/* Opening files named by the user (or by a core) safely: inputs that cannot
 * block or be something other than a regular file, and output files that
 * cannot be redirected through a planted symbolic link. */
#ifndef GM_FILE_H
#define GM_FILE_H
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include "gm_error.h"

/* "fifo", "directory", "character device", ... for a st_mode. */
const char *gm_file_type_name(unsigned mode);

/* Opens path read-only without blocking (O_NONBLOCK: a FIFO or a device
 * cannot hang the open) and without becoming its controlling terminal, at
 * dirfd (AT_FDCWD for a plain path). Returns the descriptor with *st filled,
 * or -1 with errno set (the open or fstat failed), or -2 with *st filled when
 * it is not a regular file (the descriptor is closed). */
int gm_open_regular(int dirfd, const char *path, struct stat *st);

/* The same with the one-line errors every caller uses: "<path>: <ctx>: <errno
 * text>" when the open fails, "<path>: not a regular file (fifo)". */
struct gm_error *gm_open_input(const char *path, const char *ctx, int *fd, struct stat *st);

/* An output file written under no name and linked into place when complete.
 * gm_outfile_create opens the directory of path once (O_DIRECTORY) and does
 * everything else relative to it, so a directory swapped later cannot
 * redirect the file; it refuses a path that exists (a symbolic link too)
 * unless replace, and a directory always. The file is created 0600 whatever
 * the umask, with O_TMPFILE (no name until committed) or, where the file
 * system lacks it, under a random name with O_CREAT|O_EXCL|O_NOFOLLOW.
 * gm_outfile_commit gives it its name: without replace atomically only if
 * the name is still free, with replace by rename(2) over what is there (a
 * symbolic link is replaced itself, never written through). The caller
 * writes to fd between the two and closes it after gm_outfile_commit or
 * gm_outfile_abort. */
struct gm_outfile {
	int dfd, fd;
	char *path, *base;
	char *tmpname; /* the random name (no O_TMPFILE), NULL otherwise */
	bool replace;
};
struct gm_error *gm_outfile_create(const char *path, bool replace, struct gm_outfile *o);
struct gm_error *gm_outfile_commit(struct gm_outfile *o);
/* Removes the temporary name, if any, and frees o (not fd). */
void gm_outfile_abort(struct gm_outfile *o);

/* MemAvailable from /proc/meminfo, in bytes; 0 when it cannot be read. */
uint64_t gm_mem_available(void);

#endif
