/* Unit tests for gm_outfile (include/base/gm_file.h), the output files of
 * dump -o and every report's -o (issue 20): a directory swapped for a
 * symbolic link between the create and the commit cannot redirect the file;
 * a symbolic link planted at the name is replaced, never followed; an
 * abort leaves nothing; mode 0600 whatever the umask. Each case runs with
 * O_TMPFILE and with the random-name path (GM_OUTFILE_NO_TMPFILE=1). And
 * gm_open_regular on a FIFO returns at once (-2) instead of blocking. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "gm_file.h"

static char root[64];

/* a scratch directory under $TMPDIR (else, or when its name is too long
 * for the test's path buffers, the C library's P_tmpdir) */
static int setup(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = P_tmpdir;
	if ((size_t)snprintf(root, sizeof(root), "%s/gm-test-fileio-XXXXXX", tmp) >= sizeof(root))
		snprintf(root, sizeof(root), "%s/gm-test-fileio-XXXXXX", P_tmpdir);
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static char *path(const char *rel)
{
	static char buf[8][256];
	static int k;
	char *p = buf[k++ % 8];
	snprintf(p, 256, "%s/%s", root, rel);
	return p;
}

static void write_file(const char *p, const char *text, mode_t mode)
{
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(p, mode), 0);
}

static char *read_file(const char *p)
{
	static char buf[256];
	memset(buf, 0, sizeof(buf));
	int fd = open(p, O_RDONLY);
	if (fd < 0)
		return NULL;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n < 0 ? NULL : buf;
}

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void write_all(int fd, const char *s)
{
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
}

static void both_paths(void (*fn)(const char *tag))
{
	unsetenv("GM_OUTFILE_NO_TMPFILE");
	fn("tmpfile");
	setenv("GM_OUTFILE_NO_TMPFILE", "1", 1);
	fn("random");
	unsetenv("GM_OUTFILE_NO_TMPFILE");
}

/* The directory of FILE is renamed away and a symbolic link to another
 * directory put in its place after the create: the file lands in the
 * directory that was opened (now renamed), nothing in the link's target. */
static void dir_swap(const char *tag)
{
	char d[64], moved[64], other[64], out[96];
	snprintf(d, sizeof(d), "swap-%s", tag);
	snprintf(moved, sizeof(moved), "moved-%s", tag);
	snprintf(other, sizeof(other), "other-%s", tag);
	assert_int_equal(mkdir(path(d), 0755), 0);
	assert_int_equal(mkdir(path(other), 0755), 0);
	snprintf(out, sizeof(out), "%s/x.out", path(d));
	struct gm_outfile o;
	struct gm_error *err = gm_outfile_create(out, false, &o);
	assert_null(err);
	write_all(o.fd, "report\n");
	assert_int_equal(rename(path(d), path(moved)), 0);
	assert_int_equal(symlink(path(other), path(d)), 0);
	err = gm_outfile_commit(&o);
	assert_null(err);
	close(o.fd);
	char p[128];
	snprintf(p, sizeof(p), "%s/x.out", path(moved));
	assert_string_equal(read_file(p), "report\n");
	assert_int_equal(entries(path(other)), 0);
	assert_int_equal(entries(path(moved)), 1);
}

/* A symbolic link planted at FILE: without replace refused (the link and
 * its target untouched); with replace the link itself is replaced by the
 * new 0600 file, its target untouched. */
static void link_at_file(const char *tag)
{
	char v[64], l[64];
	snprintf(v, sizeof(v), "victim-%s", tag);
	snprintf(l, sizeof(l), "link-%s", tag);
	write_file(path(v), "precious\n", 0644);
	assert_int_equal(symlink(path(v), path(l)), 0);
	struct gm_outfile o;
	struct gm_error *err = gm_outfile_create(path(l), false, &o);
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "symbolic link"));
	gm_error_destroy(err);
	mode_t old = umask(0);
	err = gm_outfile_create(path(l), true, &o);
	umask(old);
	assert_null(err);
	write_all(o.fd, "new\n");
	assert_null(gm_outfile_commit(&o));
	close(o.fd);
	struct stat st;
	assert_int_equal(lstat(path(l), &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_string_equal(read_file(path(l)), "new\n");
	assert_string_equal(read_file(path(v)), "precious\n");
	assert_int_equal(lstat(path(v), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
}

/* An abort after writing leaves no file and no temporary name behind; an
 * existing file at FILE keeps its content. */
static void abort_leaves_nothing(const char *tag)
{
	char d[64], out[96];
	snprintf(d, sizeof(d), "abort-%s", tag);
	assert_int_equal(mkdir(path(d), 0755), 0);
	snprintf(out, sizeof(out), "%s/x.out", path(d));
	struct gm_outfile o;
	assert_null(gm_outfile_create(out, false, &o));
	write_all(o.fd, "half");
	close(o.fd);
	gm_outfile_abort(&o);
	assert_int_equal(entries(path(d)), 0);
	write_file(out, "old\n", 0644);
	assert_null(gm_outfile_create(out, true, &o));
	write_all(o.fd, "half");
	close(o.fd);
	gm_outfile_abort(&o);
	assert_int_equal(entries(path(d)), 1);
	assert_string_equal(read_file(out), "old\n");
}

static void test_dir_swap(void **state)
{
	(void)state;
	both_paths(dir_swap);
}

static void test_link_at_file(void **state)
{
	(void)state;
	both_paths(link_at_file);
}

static void test_abort(void **state)
{
	(void)state;
	both_paths(abort_leaves_nothing);
}

static void test_directory_refused(void **state)
{
	(void)state;
	assert_int_equal(mkdir(path("adir"), 0755), 0);
	struct gm_outfile o;
	struct gm_error *err = gm_outfile_create(path("adir"), true, &o);
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "directory"));
	gm_error_destroy(err);
	err = gm_outfile_create(path("adir/"), true, &o);
	assert_non_null(err);
	gm_error_destroy(err);
	err = gm_outfile_create(path("nodir/x"), true, &o);
	assert_non_null(err);
	gm_error_destroy(err);
}

/* A FIFO without a writer: gm_open_regular returns -2 at once. */
static void test_fifo_does_not_block(void **state)
{
	(void)state;
	assert_int_equal(mkfifo(path("fifo"), 0600), 0);
	struct stat st;
	alarm(10); /* a blocking open fails the test instead of hanging it */
	int fd = gm_open_regular(AT_FDCWD, path("fifo"), &st);
	alarm(0);
	assert_int_equal(fd, -2);
	assert_true(S_ISFIFO(st.st_mode));
	assert_string_equal(gm_file_type_name(st.st_mode), "fifo");
	int dfd = gm_open_regular(AT_FDCWD, root, &st);
	assert_int_equal(dfd, -2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir_swap),
		cmocka_unit_test(test_link_at_file),
		cmocka_unit_test(test_abort),
		cmocka_unit_test(test_directory_refused),
		cmocka_unit_test(test_fifo_does_not_block),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
