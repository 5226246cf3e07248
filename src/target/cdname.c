/* cdname: systemd-coredump file names, xattrs and core directories
 * (see include/target/gm_cdname.h). */
#include "gm_cdname.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "gm_file.h"

#define DEFAULT_MAX_ENTRIES 100000
#define MAX_DIR_NAMES 10000000 /* names read from one directory, at most */
#define ELF_ET_CORE 4

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Unescapes s[0..n) (\xNN) into out (cap bytes incl. NUL). False on a bad
 * escape or overflow. */
static bool unescape(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\') {
			if (n - i < 4 || s[i + 1] != 'x' || hexval(s[i + 2]) < 0 || hexval(s[i + 3]) < 0)
				return false;
			c = (char)(hexval(s[i + 2]) << 4 | hexval(s[i + 3]));
			if (c == 0)
				return false;
			i += 3;
		}
		if (o + 1 >= cap)
			return false;
		out[o++] = c;
	}
	out[o] = 0;
	return true;
}

/* Decimal field s[0..n) (escaping allowed but digits never need it). */
static bool parse_u64(const char *s, size_t n, uint64_t max, uint64_t *ret)
{
	if (n == 0 || n > 20)
		return false;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*ret = v;
	return true;
}

struct gm_error *gm_cdname_parse(const char *name, struct gm_cdname *ret)
{
	memset(ret, 0, sizeof(*ret));
	const char *slash = strrchr(name, '/');
	const char *s = slash ? slash + 1 : name;
	size_t len = strnlen(s, 4096);
	if (len < 5 || memcmp(s, "core.", 5) != 0)
		return gm_error_create(GM_ERR_FORMAT, "%.80s: not a systemd-coredump name (no \"core.\" prefix)", s);
	/* the fields contain no '.' (escaped as \x2e): split on dots */
	const char *f[7];
	size_t fl[7], nf = 0;
	const char *p = s + 5, *end = s + len;
	for (;;) {
		if (nf == 7)
			return gm_error_create(GM_ERR_FORMAT, "%.80s: not a systemd-coredump name (too many fields)", s);
		const char *dot = memchr(p, '.', (size_t)(end - p));
		f[nf] = p;
		fl[nf] = (size_t)((dot ? dot : end) - p);
		nf++;
		if (!dot)
			break;
		p = dot + 1;
	}
	if (nf > 6)
		return gm_error_create(GM_ERR_FORMAT, "%.80s: not a systemd-coredump name (too many fields)", s);
	if (nf != 5 && nf != 6)
		return gm_error_create(GM_ERR_FORMAT,
				       "%.80s: not a systemd-coredump name (%zu dot-separated fields after \"core.\", want 5 or 6)",
				       s, nf);
	if (!unescape(f[0], fl[0], ret->comm, sizeof(ret->comm)))
		return gm_error_create(GM_ERR_FORMAT, "%.80s: bad escape in the command name", s);
	uint64_t v;
	if (!parse_u64(f[1], fl[1], UINT32_MAX, &v))
		return gm_error_create(GM_ERR_FORMAT, "%.80s: the uid is not a number", s);
	ret->uid = (uint32_t)v;
	if (fl[2] != 32)
		return gm_error_create(GM_ERR_FORMAT, "%.80s: the boot id is not 32 hex digits", s);
	for (size_t i = 0; i < 32; i++)
		if (hexval(f[2][i]) < 0)
			return gm_error_create(GM_ERR_FORMAT, "%.80s: the boot id is not 32 hex digits", s);
	memcpy(ret->boot_id, f[2], 32);
	ret->boot_id[32] = 0;
	if (!parse_u64(f[3], fl[3], INT32_MAX, &v) || v == 0)
		return gm_error_create(GM_ERR_FORMAT, "%.80s: the pid is not a number", s);
	ret->pid = (int32_t)v;
	if (!parse_u64(f[4], fl[4], UINT64_MAX, &v))
		return gm_error_create(GM_ERR_FORMAT, "%.80s: the timestamp is not a number", s);
	ret->timestamp_us = v;
	ret->compression = GM_COMP_NONE;
	if (nf == 6) {
		if (fl[5] == 3 && memcmp(f[5], "zst", 3) == 0)
			ret->compression = GM_COMP_ZSTD;
		else if (fl[5] == 3 && memcmp(f[5], "lz4", 3) == 0)
			ret->compression = GM_COMP_LZ4;
		else if (fl[5] == 2 && memcmp(f[5], "xz", 2) == 0)
			ret->compression = GM_COMP_XZ;
		else
			return gm_error_create(GM_ERR_FORMAT, "%.80s: unknown suffix \".%.*s\"", s,
					       (int)(fl[5] > 16 ? 16 : fl[5]), f[5]);
	}
	return NULL;
}

/* ---- xattrs ---- */

/* The attribute as a NUL-terminated string (malloc), NULL when absent.
 * *err set on allocation failure only. */
static char *get_attr(const char *path, const char *attr, struct gm_error **err)
{
	char buf[4096];
	ssize_t n = getxattr(path, attr, buf, sizeof(buf) - 1);
	if (n < 0)
		return NULL; /* ENODATA, ENOTSUP, ERANGE (over 4 KiB: ignored), EACCES... */
	buf[n] = 0;
	char *s = strdup(buf);
	if (!s)
		*err = &gm_error_nomem;
	return s;
}

static bool attr_num(const char *path, const char *attr, uint64_t max, uint64_t *ret)
{
	char buf[32];
	ssize_t n = getxattr(path, attr, buf, sizeof(buf));
	if (n <= 0 || (size_t)n >= sizeof(buf))
		return false;
	return parse_u64(buf, (size_t)n, max, ret);
}

struct gm_error *gm_cdxattrs_read(const char *path, struct gm_cdxattrs **ret)
{
	*ret = NULL;
	struct gm_cdxattrs *x = calloc(1, sizeof(*x));
	if (!x)
		return &gm_error_nomem;
	uint64_t v;
	if ((x->have_pid = attr_num(path, "user.coredump.pid", INT32_MAX, &v)))
		x->pid = (int32_t)v;
	if ((x->have_uid = attr_num(path, "user.coredump.uid", UINT32_MAX, &v)))
		x->uid = (uint32_t)v;
	if ((x->have_gid = attr_num(path, "user.coredump.gid", UINT32_MAX, &v)))
		x->gid = (uint32_t)v;
	if ((x->have_signal = attr_num(path, "user.coredump.signal", INT32_MAX, &v)))
		x->signal = (int32_t)v;
	if ((x->have_timestamp = attr_num(path, "user.coredump.timestamp", UINT64_MAX, &v)))
		x->timestamp_us = v;
	struct gm_error *err = NULL;
	x->comm = get_attr(path, "user.coredump.comm", &err);
	if (!err)
		x->exe = get_attr(path, "user.coredump.exe", &err);
	if (!err)
		x->hostname = get_attr(path, "user.coredump.hostname", &err);
	if (err) {
		gm_cdxattrs_destroy(x);
		return err;
	}
	*ret = x;
	return NULL;
}

void gm_cdxattrs_destroy(struct gm_cdxattrs *x)
{
	if (!x)
		return;
	free(x->comm);
	free(x->exe);
	free(x->hostname);
	free(x);
}

/* ---- directories ---- */

/* Is the file open on fd a (compressed) ELF core? -1 on a read error
 * (errno set). */
static int classify(int fd, enum gm_compression *comp)
{
	enum gm_compression c;
	struct gm_error *err = gm_decompress_detect_fd(fd, &c);
	if (err) {
		int e = err->errnum ? err->errnum : EIO;
		gm_error_destroy(err);
		errno = e;
		return -1;
	}
	*comp = c;
	uint8_t h[18];
	size_t n = 0;
	if (c == GM_COMP_NONE) {
		ssize_t r;
		do
			r = pread(fd, h, sizeof(h), 0);
		while (r < 0 && errno == EINTR);
		if (r < 0)
			return -1;
		n = (size_t)r;
		return n == sizeof(h) && memcmp(h, "\177ELF", 4) == 0 && h[16] == ELF_ET_CORE && h[17] == 0;
	}
	err = gm_decompress_head(fd, c, h, sizeof(h), &n);
	if (err) {
		int e = err->code == GM_ERR_OS && err->errnum ? err->errnum : 0;
		gm_error_destroy(err);
		if (e) {
			errno = e;
			return -1;
		}
		return 1; /* the decoder could not start: let the reader say why */
	}
	if (n < sizeof(h))
		return 1; /* cut or corrupt before the ELF header: still a core to report */
	return memcmp(h, "\177ELF", 4) == 0 && h[16] == ELF_ET_CORE && h[17] == 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct gm_cdentry *x = a, *y = b;
	if (x->timestamp_us != y->timestamp_us)
		return x->timestamp_us < y->timestamp_us ? -1 : 1;
	return strcmp(x->name, y->name);
}

void gm_cdlist_destroy(struct gm_cdlist *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->entries[i].path);
	free(l->entries);
	free(l);
}

struct gm_error *gm_cdname_list_dir(const char *dir, size_t max_entries, struct gm_cdlist **ret)
{
	*ret = NULL;
	if (max_entries == 0)
		max_entries = DEFAULT_MAX_ENTRIES;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return gm_error_os(errno, "%s: cannot open directory", dir);
	DIR *d = fdopendir(dfd);
	if (!d) {
		struct gm_error *e = gm_error_os(errno, "%s: cannot open directory", dir);
		close(dfd);
		return e;
	}
	struct gm_cdlist *l = calloc(1, sizeof(*l));
	size_t cap = 0;
	struct gm_error *err = NULL;
	if (!l) {
		err = &gm_error_nomem;
		goto out;
	}
	size_t dirlen = strlen(dir);
	while (dirlen > 1 && dir[dirlen - 1] == '/')
		dirlen--;
	for (size_t names = 0; names < MAX_DIR_NAMES; names++) {
		errno = 0;
		struct dirent *de = readdir(d);
		if (!de) {
			if (errno)
				err = gm_error_os(errno, "%s: reading directory", dir);
			break;
		}
		const char *nm = de->d_name;
		if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0)
			continue;
		struct stat st;
		if (fstatat(dfd, nm, &st, 0) < 0 || !S_ISREG(st.st_mode)) {
			l->skipped_nonregular++;
			continue;
		}
		struct gm_cdentry e = {.file_size = (uint64_t)st.st_size};
		/* O_NONBLOCK and fstat on what was opened: a name swapped for a
		 * FIFO after the fstatat above is skipped, not read */
		int fd = gm_open_regular(dfd, nm, &st);
		if (fd == -2) {
			l->skipped_nonregular++;
			continue;
		}
		e.file_size = (uint64_t)st.st_size;
		int is_core;
		if (fd < 0) {
			e.errnum = errno;
			is_core = 1;
		} else {
			is_core = classify(fd, &e.compression);
			if (is_core < 0) {
				e.errnum = errno ? errno : EIO;
				is_core = 1;
			}
			close(fd);
		}
		if (!is_core) {
			l->skipped_noncore++;
			continue;
		}
		if (l->n == max_entries) {
			l->capped = true;
			break;
		}
		size_t nl = strlen(nm);
		e.path = malloc(dirlen + 1 + nl + 1);
		if (!e.path) {
			err = &gm_error_nomem;
			break;
		}
		memcpy(e.path, dir, dirlen);
		e.path[dirlen] = '/';
		memcpy(e.path + dirlen + 1, nm, nl + 1);
		e.name = e.path + dirlen + 1;
		struct gm_error *pe = gm_cdname_parse(nm, &e.cd);
		e.named = pe == NULL;
		gm_error_destroy(pe);
		if (e.named) {
			e.timestamp_us = e.cd.timestamp_us;
		} else {
			uint64_t v;
			char buf[32];
			ssize_t n = getxattr(e.path, "user.coredump.timestamp", buf, sizeof(buf));
			bool have = false;
			if (n > 0 && (size_t)n < sizeof(buf) && parse_u64(buf, (size_t)n, UINT64_MAX, &v)) {
				e.timestamp_us = v;
				have = true;
			}
			if (!have)
				e.timestamp_us = (uint64_t)st.st_mtim.tv_sec * 1000000u +
						 (uint64_t)st.st_mtim.tv_nsec / 1000u;
		}
		if (l->n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct gm_cdentry *ne = realloc(l->entries, ncap * sizeof(*ne));
			if (!ne) {
				free(e.path);
				err = &gm_error_nomem;
				break;
			}
			l->entries = ne;
			cap = ncap;
		}
		l->entries[l->n++] = e;
	}
	if (!err && l->n > 1)
		qsort(l->entries, l->n, sizeof(*l->entries), cmp_entry);
out:
	closedir(d);
	if (err) {
		gm_cdlist_destroy(l);
		return err;
	}
	*ret = l;
	return NULL;
}

void gm_target_time_of(const char *path, bool live, int64_t runtime_lower_usec, struct gm_target_time *ct)
{
	*ct = (struct gm_target_time){0, NULL, false};
	if (live) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ct->usec = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
		ct->source = "now (live process)";
		return;
	}
	if (path) {
		struct gm_cdxattrs *x = NULL;
		struct gm_error *err = gm_cdxattrs_read(path, &x);
		gm_error_destroy(err);
		if (x && x->have_timestamp && x->timestamp_us > 0 && x->timestamp_us < (uint64_t)INT64_MAX) {
			ct->usec = (int64_t)x->timestamp_us;
			ct->source = "systemd-coredump (xattr)";
		}
		gm_cdxattrs_destroy(x);
		if (ct->usec)
			return;
		struct gm_cdname cd;
		err = gm_cdname_parse(path, &cd);
		if (!err && cd.timestamp_us > 0 && cd.timestamp_us < (uint64_t)INT64_MAX) {
			ct->usec = (int64_t)cd.timestamp_us;
			ct->source = "systemd-coredump (file name)";
			return;
		}
		gm_error_destroy(err);
	}
	/* The kernel writes the core as the process dies, so the file's time
	 * is right unless the file was copied since (later). */
	struct stat st;
	if (path && stat(path, &st) == 0) {
		ct->usec = (int64_t)st.st_mtim.tv_sec * 1000000 + st.st_mtim.tv_nsec / 1000;
		ct->source = "file modification time";
	}
	if (runtime_lower_usec > 0 && (!ct->usec || ct->usec - runtime_lower_usec > 3600ll * 1000000)) {
		ct->usec = runtime_lower_usec;
		ct->lower_bound = true;
		ct->source = "the runtime's last GC time and clock; the file is newer: a copy?";
	}
}
