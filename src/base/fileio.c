/* Safe opening of user-named input files and of output files (gm_file.h). */
#include "gm_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

const char *gm_file_type_name(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return "regular file";
	case S_IFDIR: return "directory";
	case S_IFIFO: return "fifo";
	case S_IFCHR: return "character device";
	case S_IFBLK: return "block device";
	case S_IFSOCK: return "socket";
	case S_IFLNK: return "symbolic link";
	default: return "unknown file type";
	}
}

int gm_open_regular(int dirfd, const char *path, struct stat *st)
{
	int fd;
	do
		fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return -2;
	}
	return fd;
}

struct gm_error *gm_open_input(const char *path, const char *ctx, int *fd, struct stat *st)
{
	*fd = gm_open_regular(AT_FDCWD, path, st);
	if (*fd == -2) {
		*fd = -1;
		return gm_error_create(GM_ERR_FORMAT, "%s: not a regular file (%s)", path,
				       gm_file_type_name(st->st_mode));
	}
	if (*fd < 0)
		return gm_error_os(errno, "%s: %s", path, ctx);
	return NULL;
}

/* ---- output files ---- */

static void outfile_free(struct gm_outfile *o)
{
	if (o->dfd >= 0)
		close(o->dfd);
	o->dfd = -1;
	free(o->path);
	free(o->base);
	free(o->tmpname);
	o->path = o->base = o->tmpname = NULL;
}

/* A name next to base that nobody can guess: base.tmp + 16 hex digits. */
static char *random_name(const char *base)
{
	unsigned char r[8];
	size_t got = 0;
	while (got < sizeof(r)) {
		ssize_t k = getrandom(r + got, sizeof(r) - got, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return NULL;
		got += (size_t)k;
	}
	size_t n = strlen(base) + 4 + 16 + 1;
	char *s = malloc(n);
	if (!s)
		return NULL;
	int w = snprintf(s, n, "%s.tmp", base);
	for (size_t i = 0; i < sizeof(r); i++)
		w += snprintf(s + w, n - (size_t)w, "%02x", r[i]);
	return s;
}

struct gm_error *gm_outfile_create(const char *path, bool replace, struct gm_outfile *o)
{
	memset(o, 0, sizeof(*o));
	o->dfd = o->fd = -1;
	o->replace = replace;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return gm_error_create(GM_ERR_FORMAT, "%s: is a directory, not a file name", path);
	o->path = strdup(path);
	o->base = strdup(base);
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	if (!o->path || !o->base || !dir) {
		free(dir);
		outfile_free(o);
		return &gm_error_nomem;
	}
	struct gm_error *err = NULL;
	o->dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->dfd < 0) {
		err = gm_error_os(errno, "%s: cannot open the directory %s", path, dir);
		goto fail;
	}
	struct stat st;
	if (fstatat(o->dfd, o->base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISDIR(st.st_mode)) {
			err = gm_error_create(GM_ERR_FORMAT, "%s: is a directory", path);
			goto fail;
		}
		if (!replace) {
			err = gm_error_create(GM_ERR_FORMAT, "%s: exists%s: use --force to replace it", path,
					      S_ISLNK(st.st_mode) ? " (a symbolic link)" : "");
			goto fail;
		}
	} else if (errno != ENOENT) {
		err = gm_error_os(errno, "%s", path);
		goto fail;
	}
#ifdef O_TMPFILE
	/* GM_OUTFILE_NO_TMPFILE=1: the path taken where the file system lacks
	 * O_TMPFILE, for the tests (tests/dumptest.py) */
	const char *no_tmpfile = getenv("GM_OUTFILE_NO_TMPFILE");
	if (!no_tmpfile || strcmp(no_tmpfile, "1") != 0)
		o->fd = openat(o->dfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	else
		errno = EOPNOTSUPP;
	if (o->fd < 0 && errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL && errno != ENOENT) {
		err = gm_error_os(errno, "%s: cannot create a file in %s", path, dir);
		goto fail;
	}
#endif
	for (int tries = 0; o->fd < 0 && tries < 100; tries++) {
		free(o->tmpname);
		o->tmpname = random_name(o->base);
		if (!o->tmpname) {
			err = gm_error_os(errno ? errno : ENOMEM, "%s: making a temporary name", path);
			goto fail;
		}
		o->fd = openat(o->dfd, o->tmpname, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (o->fd < 0 && errno != EEXIST) {
			err = gm_error_os(errno, "%s: cannot create %s in %s", path, o->tmpname, dir);
			goto fail;
		}
	}
	if (o->fd < 0) {
		err = gm_error_create(GM_ERR_OS, "%s: no free temporary name in %s after 100 tries", path, dir);
		goto fail;
	}
	/* 0600 whatever the umask: a core holds the process's secrets */
	if (fchmod(o->fd, 0600) != 0) {
		err = gm_error_os(errno, "%s: chmod 0600", path);
		close(o->fd);
		o->fd = -1;
		goto fail;
	}
	free(dir);
	return NULL;
fail:
	free(dir);
	gm_outfile_abort(o);
	return err;
}

/* Links the O_TMPFILE file at name (fails with EEXIST when name exists). */
static int link_tmpfile(int fd, int dfd, const char *name)
{
	if (linkat(fd, "", dfd, name, AT_EMPTY_PATH) == 0)
		return 0;
	if (errno != ENOENT && errno != EPERM)
		return -1; /* EEXIST among others */
	/* AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH: the /proc way needs none */
	char proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, dfd, name, AT_SYMLINK_FOLLOW);
}

struct gm_error *gm_outfile_commit(struct gm_outfile *o)
{
	struct gm_error *err = NULL;
	if (!o->tmpname) {
		/* O_TMPFILE: linked at the name directly when it must be free; to
		 * replace, linked at a random name first, then renamed over */
		if (!o->replace) {
			if (link_tmpfile(o->fd, o->dfd, o->base) != 0)
				err = errno == EEXIST ? gm_error_create(GM_ERR_FORMAT,
									"%s: exists (created while the core was written): use --force to replace it",
									o->path)
						      : gm_error_os(errno, "%s: linking the new file", o->path);
			goto out;
		}
		for (int tries = 0; tries < 100 && !o->tmpname; tries++) {
			o->tmpname = random_name(o->base);
			if (!o->tmpname) {
				err = gm_error_os(errno ? errno : ENOMEM, "%s: making a temporary name", o->path);
				goto out;
			}
			if (link_tmpfile(o->fd, o->dfd, o->tmpname) != 0) {
				int e = errno;
				free(o->tmpname);
				o->tmpname = NULL;
				if (e != EEXIST) {
					err = gm_error_os(e, "%s: linking the new file", o->path);
					goto out;
				}
			}
		}
		if (!o->tmpname) {
			err = gm_error_create(GM_ERR_OS, "%s: no free temporary name after 100 tries", o->path);
			goto out;
		}
	}
	if (o->replace) {
		if (renameat(o->dfd, o->tmpname, o->dfd, o->base) != 0)
			err = gm_error_os(errno, "%s: renaming %s into place", o->path, o->tmpname);
	} else if (renameat2(o->dfd, o->tmpname, o->dfd, o->base, RENAME_NOREPLACE) != 0) {
		if (errno == EEXIST)
			err = gm_error_create(GM_ERR_FORMAT,
					      "%s: exists (created while the core was written): use --force to replace it",
					      o->path);
		else if (errno != EINVAL && errno != ENOSYS)
			err = gm_error_os(errno, "%s: renaming %s into place", o->path, o->tmpname);
		/* no RENAME_NOREPLACE in this file system: a hard link fails on an existing name too */
		else if (linkat(o->dfd, o->tmpname, o->dfd, o->base, 0) != 0)
			err = errno == EEXIST ? gm_error_create(GM_ERR_FORMAT,
								"%s: exists (created while the core was written): use --force to replace it",
								o->path)
					      : gm_error_os(errno, "%s: linking %s into place", o->path, o->tmpname);
		else
			unlinkat(o->dfd, o->tmpname, 0);
	}
	if (!err) {
		free(o->tmpname);
		o->tmpname = NULL;
	}
out:
	gm_outfile_abort(o);
	return err;
}

void gm_outfile_abort(struct gm_outfile *o)
{
	if (o->tmpname && o->dfd >= 0)
		unlinkat(o->dfd, o->tmpname, 0);
	outfile_free(o);
}

uint64_t gm_mem_available(void)
{
	FILE *f = fopen("/proc/meminfo", "re");
	if (!f)
		return 0;
	char line[256];
	unsigned long long kb = 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1)
			break;
	fclose(f);
	return kb > UINT64_MAX / 1024 ? UINT64_MAX : (uint64_t)kb * 1024;
}
