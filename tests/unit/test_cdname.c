/* Unit tests for gm_cdname: systemd-coredump file names (every byte value
 * through systemd's escaping rule and back), malformed names, the
 * user.coredump.* extended attributes, and listing a directory of cores
 * (recognized by content, ordered by timestamp then name). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <lz4frame.h>
#include <lzma.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <zstd.h>

#include "gm_cdname.h"

#define BOOT "0123456789abcdef0123456789abcdef"

/* systemd's xescape(s, "./ "): control bytes, bytes >= 0x7f, '\\' and the
 * bad characters become \xNN with lowercase hex digits. */
static void sd_escape(const char *s, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < ' ' || c >= 127 || c == '\\' || strchr("./ ", c)) {
			*out++ = '\\';
			*out++ = 'x';
			*out++ = hex[c >> 4];
			*out++ = hex[c & 15];
		} else {
			*out++ = (char)c;
		}
	}
	*out = 0;
}

static void expect_parse_error(const char *name, const char *substr)
{
	struct gm_cdname cd;
	struct gm_error *e = gm_cdname_parse(name, &cd);
	if (!e)
		fail_msg("'%s' parsed", name);
	if (!strstr(e->msg, substr))
		fail_msg("'%s': message '%s' lacks '%s'", name, e->msg, substr);
	gm_error_destroy(e);
}

static void test_parse(void **state)
{
	(void)state;
	struct gm_cdname cd;
	assert_null(gm_cdname_parse("core.manyg.1000." BOOT ".4242.1732230000123456.zst", &cd));
	assert_string_equal(cd.comm, "manyg");
	assert_int_equal(cd.uid, 1000);
	assert_string_equal(cd.boot_id, BOOT);
	assert_int_equal(cd.pid, 4242);
	assert_int_equal(cd.timestamp_us, 1732230000123456ull);
	assert_int_equal(cd.compression, GM_COMP_ZSTD);

	assert_null(gm_cdname_parse("/var/lib/systemd/coredump/core.a.0." BOOT ".1.2", &cd));
	assert_string_equal(cd.comm, "a");
	assert_int_equal(cd.compression, GM_COMP_NONE);
	assert_null(gm_cdname_parse("core.a.0." BOOT ".1.2.lz4", &cd));
	assert_int_equal(cd.compression, GM_COMP_LZ4);
	assert_null(gm_cdname_parse("core.a.4294967295." BOOT ".2147483647.18446744073709551615.xz", &cd));
	assert_int_equal(cd.compression, GM_COMP_XZ);
	assert_int_equal(cd.uid, 4294967295u);
	assert_int_equal(cd.pid, 2147483647);
	assert_int_equal(cd.timestamp_us, UINT64_MAX);
	/* an empty comm */
	assert_null(gm_cdname_parse("core..0." BOOT ".1.2", &cd));
	assert_string_equal(cd.comm, "");

	/* every byte value a comm can hold, escaped as systemd does */
	for (int c = 1; c < 256; c++) {
		char comm[8] = {'x', (char)c, 'y', 0};
		char esc[64], name[160];
		sd_escape(comm, esc);
		snprintf(name, sizeof(name), "core.%s.0." BOOT ".7.8.zst", esc);
		struct gm_error *e = gm_cdname_parse(name, &cd);
		if (e)
			fail_msg("byte %d: %s", c, e->msg);
		assert_string_equal(cd.comm, comm);
	}
	/* a 15-byte comm of dots (the longest escape) */
	assert_null(gm_cdname_parse("core.\\x2e\\x2e\\x2e\\x2e\\x2e\\x2e\\x2e\\x2e\\x2e\\x2e\\x2e\\x2e\\x2e\\x2e\\x2e.0." BOOT ".1.2", &cd));
	assert_string_equal(cd.comm, "...............");

	expect_parse_error("core", "prefix");
	expect_parse_error("vmcore.a.0." BOOT ".1.2", "prefix");
	expect_parse_error("core.a.0." BOOT ".1", "fields");
	expect_parse_error("core.a.0." BOOT ".1.2.zst.extra", "too many");
	expect_parse_error("core.a.0." BOOT ".1.2.gz", "suffix");
	expect_parse_error("core.a.x." BOOT ".1.2", "uid");
	expect_parse_error("core.a.4294967296." BOOT ".1.2", "uid");
	expect_parse_error("core.a.0.0123." BOOT ".1.2", "boot id");
	expect_parse_error("core.a.0.0123456789abcdef0123456789abcdeg.1.2", "boot id");
	expect_parse_error("core.a.0." BOOT ".-1.2", "pid");
	expect_parse_error("core.a.0." BOOT ".0.2", "pid");
	expect_parse_error("core.a.0." BOOT ".2147483648.2", "pid");
	expect_parse_error("core.a.0." BOOT ".1.18446744073709551616", "timestamp");
	expect_parse_error("core.a.0." BOOT ".1.", "timestamp");
	expect_parse_error("core.a\\x2.0." BOOT ".1.2", "escape");
	expect_parse_error("core.a\\x00.0." BOOT ".1.2", "escape");
	expect_parse_error("core.a\\q41.0." BOOT ".1.2", "escape");
	/* a comm longer than the buffer */
	char longname[400];
	snprintf(longname, sizeof(longname), "core.%0200d.0." BOOT ".1.2", 7);
	expect_parse_error(longname, "escape");
}

/* ---- files ---- */

static char *tmp_dir(void)
{
	const char *t = getenv("TMPDIR");
	char *p = malloc(4096);
	assert_non_null(p);
	snprintf(p, 4096, "%s/gm-test-cdname-XXXXXX", t && *t ? t : P_tmpdir);
	assert_non_null(mkdtemp(p));
	return p;
}

static char *join(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	assert_non_null(p);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

static void put_file(const char *dir, const char *name, const void *d, size_t n, int64_t mtime_s)
{
	char *p = join(dir, name);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, d, n), (ssize_t)n);
	struct timespec ts[2] = {{mtime_s, 0}, {mtime_s, 0}};
	assert_int_equal(futimens(fd, ts), 0);
	close(fd);
	free(p);
}

static void set_attr(const char *dir, const char *name, const char *attr, const char *val)
{
	char *p = join(dir, name);
	if (setxattr(p, attr, val, strlen(val), 0) < 0)
		fail_msg("setxattr %s on %s: %s (the test needs a file system with user xattrs in $TMPDIR)",
			 attr, p, strerror(errno));
	free(p);
}

/* 4 KiB: an ELF header of type `type`, then a pattern */
static uint8_t *elf_file(int type)
{
	uint8_t *d = calloc(1, 4096);
	assert_non_null(d);
	memcpy(d, "\177ELF\2\1\1", 7);
	d[16] = (uint8_t)type;
	d[18] = 62;
	for (int i = 64; i < 4096; i++)
		d[i] = (uint8_t)(i * 13);
	return d;
}

static size_t zstd_of(const void *d, size_t n, uint8_t *out, size_t cap)
{
	size_t r = ZSTD_compress(out, cap, d, n, 3);
	assert_false(ZSTD_isError(r));
	return r;
}

static void test_xattrs(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	put_file(dir, "f", "x", 1, 1000);
	char *p = join(dir, "f");
	struct gm_cdxattrs *x;
	assert_null(gm_cdxattrs_read(p, &x));
	assert_false(x->have_pid || x->have_uid || x->have_gid || x->have_signal || x->have_timestamp);
	assert_null(x->comm);
	assert_null(x->exe);
	gm_cdxattrs_destroy(x);
	set_attr(dir, "f", "user.coredump.pid", "4242");
	set_attr(dir, "f", "user.coredump.uid", "1000");
	set_attr(dir, "f", "user.coredump.gid", "100");
	set_attr(dir, "f", "user.coredump.signal", "3");
	set_attr(dir, "f", "user.coredump.timestamp", "1732230000123456");
	set_attr(dir, "f", "user.coredump.comm", "my prog");
	set_attr(dir, "f", "user.coredump.exe", "/usr/bin/my prog");
	set_attr(dir, "f", "user.coredump.hostname", "box");
	assert_null(gm_cdxattrs_read(p, &x));
	assert_true(x->have_pid && x->have_uid && x->have_gid && x->have_signal && x->have_timestamp);
	assert_int_equal(x->pid, 4242);
	assert_int_equal(x->uid, 1000);
	assert_int_equal(x->gid, 100);
	assert_int_equal(x->signal, 3);
	assert_int_equal(x->timestamp_us, 1732230000123456ull);
	assert_string_equal(x->comm, "my prog");
	assert_string_equal(x->exe, "/usr/bin/my prog");
	assert_string_equal(x->hostname, "box");
	gm_cdxattrs_destroy(x);
	/* garbage numbers are absent, not errors */
	set_attr(dir, "f", "user.coredump.pid", "12x");
	set_attr(dir, "f", "user.coredump.timestamp", "");
	assert_null(gm_cdxattrs_read(p, &x));
	assert_false(x->have_pid);
	assert_false(x->have_timestamp);
	assert_true(x->have_uid);
	gm_cdxattrs_destroy(x);
	gm_cdxattrs_destroy(NULL);
	/* a missing file: nothing, no error */
	char *q = join(dir, "missing");
	assert_null(gm_cdxattrs_read(q, &x));
	assert_false(x->have_pid);
	gm_cdxattrs_destroy(x);
	unlink(p);
	rmdir(dir);
	free(q);
	free(p);
	free(dir);
}

static void test_list_dir(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	uint8_t *core = elf_file(4), *exe = elf_file(2);
	size_t zcap = ZSTD_compressBound(4096) + 64, n;
	uint8_t *z = malloc(zcap);
	assert_non_null(z);

	/* systemd names: ordered by the name's timestamp, whatever the mtime */
	n = zstd_of(core, 4096, z, zcap);
	put_file(dir, "core.b.0." BOOT ".20.2900000.zst", z, n, 10);
	put_file(dir, "core.a.0." BOOT ".10.2000000.zst", z, n, 99);
	/* lz4 and xz cores without systemd names: by xattr timestamp, else mtime */
	uint8_t lz[8192];
	size_t ln = LZ4F_compressFrame(lz, sizeof(lz), core, 4096, NULL);
	assert_false(LZ4F_isError(ln));
	put_file(dir, "crash.lz4", lz, ln, 1); /* mtime 1 s = 1000000 us */
	uint8_t xz[8192];
	size_t xn = 0;
	assert_int_equal(lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64, NULL, core, 4096, xz, &xn, sizeof(xz)), LZMA_OK);
	put_file(dir, "other.xz", xz, xn, 50);
	set_attr(dir, "other.xz", "user.coredump.timestamp", "2500000");
	/* a plain core, same timestamp as another: then by name */
	put_file(dir, "plain", core, 4096, 3);
	put_file(dir, "aaa-plain", core, 4096, 3);
	/* a cut compressed core: listed (to be reported) */
	put_file(dir, "cut.zst", z, 6, 4);
	/* not cores: an executable, text, a compressed non-core, a compressed executable */
	put_file(dir, "exe", exe, 4096, 5);
	put_file(dir, "notes.txt", "hello\n", 6, 5);
	static const char txt[] = "this is a compressed text file, long enough to be checked";
	n = zstd_of(txt, sizeof(txt), z, zcap);
	put_file(dir, "text.zst", z, n, 5);
	n = zstd_of(exe, 4096, z, zcap);
	put_file(dir, "core.e.0." BOOT ".1.1.zst", z, n, 5);
	put_file(dir, "empty", "", 0, 5);
	/* not regular */
	char *sub = join(dir, "subdir"), *fifo = join(dir, "fifo"), *link = join(dir, "dangling");
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(mkfifo(fifo, 0644), 0);
	assert_int_equal(symlink("nowhere", link), 0);
	/* a file nobody may read (root still can) */
	put_file(dir, "core.locked.0." BOOT ".5.5000000", core, 4096, 5);
	char *locked = join(dir, "core.locked.0." BOOT ".5.5000000");
	assert_int_equal(chmod(locked, 0), 0);

	struct gm_cdlist *l;
	assert_null(gm_cdname_list_dir(dir, 0, &l));
	static const char *want[] = {
		"crash.lz4",                             /* mtime 1 s */
		"core.a.0." BOOT ".10.2000000.zst",      /* name 2 s */
		"other.xz",                              /* xattr 2.5 s */
		"core.b.0." BOOT ".20.2900000.zst",      /* name 2.9 s */
		"aaa-plain", "plain",                    /* mtime 3 s, by name */
		"cut.zst",                               /* mtime 4 s */
		"core.locked.0." BOOT ".5.5000000",      /* name 5 s */
	};
	size_t nw = sizeof(want) / sizeof(want[0]);
	for (size_t i = 0; i < l->n; i++)
		printf("  %s %llu\n", l->entries[i].name, (unsigned long long)l->entries[i].timestamp_us);
	assert_int_equal(l->n, nw);
	for (size_t i = 0; i < nw; i++)
		assert_string_equal(l->entries[i].name, want[i]);
	assert_int_equal(l->skipped_nonregular, 3);
	assert_int_equal(l->skipped_noncore, 5);
	assert_false(l->capped);
	assert_int_equal(l->entries[0].compression, GM_COMP_LZ4);
	assert_false(l->entries[0].named);
	assert_int_equal(l->entries[0].file_size, ln);
	assert_int_equal(l->entries[1].compression, GM_COMP_ZSTD);
	assert_true(l->entries[1].named);
	assert_int_equal(l->entries[1].cd.pid, 10);
	assert_int_equal(l->entries[2].compression, GM_COMP_XZ);
	assert_int_equal(l->entries[4].compression, GM_COMP_NONE);
	assert_int_equal(l->entries[6].compression, GM_COMP_ZSTD);
	assert_int_equal(l->entries[7].errnum, geteuid() == 0 ? 0 : EACCES);
	char *expect_path = join(dir, "plain");
	assert_string_equal(l->entries[5].path, expect_path);
	free(expect_path);
	gm_cdlist_destroy(l);

	/* bounded */
	assert_null(gm_cdname_list_dir(dir, 2, &l));
	assert_int_equal(l->n, 2);
	assert_true(l->capped);
	gm_cdlist_destroy(l);
	gm_cdlist_destroy(NULL);

	/* errors: no such directory, not a directory */
	char *missing = join(dir, "missing");
	struct gm_error *e = gm_cdname_list_dir(missing, 0, &l);
	assert_non_null(e);
	assert_null(l);
	assert_non_null(strstr(e->msg, "missing"));
	gm_error_destroy(e);
	char *plain = join(dir, "plain");
	e = gm_cdname_list_dir(plain, 0, &l);
	assert_non_null(e);
	gm_error_destroy(e);

	/* clean up */
	const char *names[] = {"core.b.0." BOOT ".20.2900000.zst", "core.a.0." BOOT ".10.2000000.zst",
			       "crash.lz4", "other.xz", "plain", "aaa-plain", "cut.zst", "exe", "notes.txt",
			       "text.zst", "core.e.0." BOOT ".1.1.zst", "empty", "fifo", "dangling",
			       "core.locked.0." BOOT ".5.5000000"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *p = join(dir, names[i]);
		unlink(p);
		free(p);
	}
	rmdir(sub);
	rmdir(dir);
	free(missing);
	free(plain);
	free(locked);
	free(sub);
	free(fifo);
	free(link);
	free(z);
	free(core);
	free(exe);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_xattrs),
		cmocka_unit_test(test_list_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
