/* Test helper: the Go executables to check in unit tests: corpus/NAME/exe,
 * corpus/NAME/exe.zst (decompressed to a temporary file) and the paths in
 * $GM_TEST_GO_EXES (colon-separated). Header-only, for test programs. */
#ifndef GM_TEST_CORPUS_EXES_H
#define GM_TEST_CORPUS_EXES_H
#include <glob.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

struct test_exe {
	char *path;     /* the executable (a temporary file for exe.zst) */
	char *stderr_path; /* corpus/NAME/stderr.txt, or NULL */
	bool temp;      /* path is a temporary file to unlink */
};

/* corpus/NAME/exe.zst -> a temporary file; returns its path or NULL. */
static inline char *test_unzstd_to_temp(const char *zpath)
{
	FILE *in = fopen(zpath, "rb");
	if (!in)
		return NULL;
	char *tmp = strdup(P_tmpdir "/gm_test_exe_XXXXXX");
	int fd = tmp ? mkstemp(tmp) : -1;
	FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
	ZSTD_DStream *ds = ZSTD_createDStream();
	size_t inn = ZSTD_DStreamInSize(), outn = ZSTD_DStreamOutSize();
	unsigned char *ib = malloc(inn), *ob = malloc(outn);
	bool ok = out && ds && ib && ob && !ZSTD_isError(ZSTD_initDStream(ds));
	size_t r;
	while (ok && (r = fread(ib, 1, inn, in)) > 0) {
		ZSTD_inBuffer zi = {ib, r, 0};
		while (ok && zi.pos < zi.size) {
			ZSTD_outBuffer zo = {ob, outn, 0};
			ok = !ZSTD_isError(ZSTD_decompressStream(ds, &zo, &zi)) &&
			     fwrite(ob, 1, zo.pos, out) == zo.pos;
		}
	}
	ZSTD_freeDStream(ds);
	free(ib);
	free(ob);
	fclose(in);
	if (out)
		ok = fclose(out) == 0 && ok;
	else if (fd >= 0)
		close(fd);
	if (!ok) {
		if (tmp && fd >= 0)
			unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

static inline char *test_sibling(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	char *s = malloc(dir + strlen(name) + 1);
	if (s) {
		memcpy(s, path, dir);
		strcpy(s + dir, name);
	}
	return s;
}

/* Returns the number of executables; *out is an array to free with
 * test_exes_free. An exe.zst that cannot be decompressed is skipped with a
 * message (the caller's count check then catches an empty result). */
static inline size_t test_exes_collect(struct test_exe **out)
{
	size_t n = 0, cap = 64;
	struct test_exe *v = calloc(cap, sizeof(*v));
	glob_t g;
	if (v && glob(GM_SOURCE_DIR "/corpus/*/exe", 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc && n < cap; i++)
			v[n++] = (struct test_exe){strdup(g.gl_pathv[i]),
						   test_sibling(g.gl_pathv[i], "stderr.txt"), false};
		globfree(&g);
	}
	if (v && glob(GM_SOURCE_DIR "/corpus/*/exe.zst", 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc && n < cap; i++) {
			char *tmp = test_unzstd_to_temp(g.gl_pathv[i]);
			if (!tmp) {
				fprintf(stderr, "%s: cannot decompress\n", g.gl_pathv[i]);
				continue;
			}
			v[n++] = (struct test_exe){tmp, test_sibling(g.gl_pathv[i], "stderr.txt"), true};
		}
		globfree(&g);
	}
	const char *env = getenv("GM_TEST_GO_EXES");
	if (v && env) {
		char *copy = strdup(env), *save = NULL;
		for (char *p = copy ? strtok_r(copy, ":", &save) : NULL; p && n < cap;
		     p = strtok_r(NULL, ":", &save))
			if (*p && access(p, R_OK) == 0)
				v[n++] = (struct test_exe){strdup(p), NULL, false};
		free(copy);
	}
	*out = v;
	return n;
}

static inline void test_exes_free(struct test_exe *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].temp)
			unlink(v[i].path);
		free(v[i].path);
		free(v[i].stderr_path);
	}
	free(v);
}

#endif
