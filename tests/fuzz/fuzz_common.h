/* Helpers shared by the libFuzzer harnesses (header-only, fuzz builds only).
 *
 * - gmf_memfd_path: the fuzz input as a file (memfd), for APIs that open a
 *   path; the same memfd is reused for every input.
 * - gmf_corpus_file: corpus/<sample>/<name>.zst decompressed once into an
 *   unlinked temporary file; returns its fd (the path /proc/self/fd/N works
 *   for APIs that want a path).
 * - gmf_patch / gmf_undo: byte patches applied to a writable image and
 *   undone after each input (the image is reused, so nothing leaks from one
 *   input into the next).
 *
 * The corpus is found through $GM_FUZZ_SOURCE_DIR, else GM_SOURCE_DIR. */
#ifndef GM_FUZZ_COMMON_H
#define GM_FUZZ_COMMON_H
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gm_error.h"
#include "zstdfile.h"

static inline void gmf_die(const char *what)
{
	fprintf(stderr, "fuzz harness set-up failed: %s\n", what);
	abort();
}

static inline const char *gmf_source_dir(void)
{
	const char *e = getenv("GM_FUZZ_SOURCE_DIR");
	return e && *e ? e : GM_SOURCE_DIR;
}

static inline void gmf_write_all(int fd, const uint8_t *d, size_t n)
{
	if (ftruncate(fd, 0) < 0)
		gmf_die("ftruncate");
	size_t done = 0;
	while (done < n) {
		ssize_t w = pwrite(fd, d + done, n - done, (off_t)done);
		if (w <= 0)
			gmf_die("pwrite");
		done += (size_t)w;
	}
}

/* The input in a reusable memfd; returns "/proc/self/fd/N". */
static inline const char *gmf_memfd_path(const uint8_t *d, size_t n)
{
	static int fd = -1;
	static char path[64];
	if (fd < 0) {
		fd = memfd_create("gm-fuzz-input", MFD_CLOEXEC);
		if (fd < 0)
			gmf_die("memfd_create");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	gmf_write_all(fd, d, n);
	return path;
}

/* corpus/<sample>/<name>.zst -> fd of the decompressed bytes; *size set. */
static inline int gmf_corpus_file(const char *sample, const char *name, uint64_t *size)
{
	char p[4096];
	snprintf(p, sizeof(p), "%s/corpus/%s/%s.zst", gmf_source_dir(), sample, name);
	int in = open(p, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		fprintf(stderr, "cannot open %s\n", p);
		gmf_die("corpus file");
	}
	int out;
	const char *note;
	struct gm_error *err = gm_zstdfile_decompress(in, p, &out, size, &note);
	close(in);
	if (err || note)
		gmf_die(err ? err->msg : note);
	return out;
}

static inline const char *gmf_fd_path(int fd, char *buf, size_t n)
{
	snprintf(buf, n, "/proc/self/fd/%d", fd);
	return buf;
}

/* ---- undoable patches on a writable image ---- */

struct gmf_undo_ent {
	uint8_t *at;
	size_t n;
	size_t saved; /* offset into the save buffer */
};

struct gmf_undo {
	struct gmf_undo_ent ent[256];
	size_t nent;
	uint8_t save[256 * 256];
	size_t nsave;
};

/* Writes n bytes at `at`, remembering the old ones. false when full. */
static inline bool gmf_patch(struct gmf_undo *u, uint8_t *at, const uint8_t *src, size_t n)
{
	if (u->nent == sizeof(u->ent) / sizeof(u->ent[0]) || n > 256 ||
	    u->nsave + n > sizeof(u->save))
		return false;
	struct gmf_undo_ent *e = &u->ent[u->nent++];
	e->at = at;
	e->n = n;
	e->saved = u->nsave;
	memcpy(u->save + u->nsave, at, n);
	u->nsave += n;
	memcpy(at, src, n);
	return true;
}

static inline void gmf_undo_all(struct gmf_undo *u)
{
	while (u->nent) {
		struct gmf_undo_ent *e = &u->ent[--u->nent];
		memcpy(e->at, u->save + e->saved, e->n);
	}
	u->nsave = 0;
}

/* A little reader over the fuzz input. */
struct gmf_in {
	const uint8_t *p, *end;
};
static inline bool gmf_take(struct gmf_in *in, void *out, size_t n)
{
	if ((size_t)(in->end - in->p) < n)
		return false;
	memcpy(out, in->p, n);
	in->p += n;
	return true;
}

#endif
