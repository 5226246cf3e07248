/* Patch-list inputs over a real executable held in a memfd (shared by the
 * gobin and dwarf targets). The input is a list of records
 *   u8 region, u32 offset, u8 len, then (len % 64) + 1 bytes
 * each written at region.start + offset % region.size of the file; the
 * first input byte picks the corpus executable. The memfd is restored after
 * each input, so inputs are independent. */
#ifndef GM_FUZZ_ELFPATCH_H
#define GM_FUZZ_ELFPATCH_H
#include <string.h>

#include "fuzz_common.h"
#include "gm_bytes.h"

#define EP_MAXREG 24

struct ep_region {
	uint64_t off, size;
};

struct ep_exe {
	int fd;                 /* memfd with the pristine executable */
	uint8_t *orig;          /* pristine copy */
	size_t size;
	char path[64];
	struct ep_region reg[EP_MAXREG];
	size_t nreg;
};

static inline void ep_add(struct ep_exe *e, uint64_t off, uint64_t size)
{
	if (e->nreg < EP_MAXREG && size && off < e->size) {
		if (size > e->size - off)
			size = e->size - off;
		e->reg[e->nreg++] = (struct ep_region){off, size};
	}
}

/* File offset and size of section `name` (0 size if absent). */
static inline struct ep_region ep_section(const uint8_t *d, size_t n, const char *name)
{
	struct ep_region r = {0, 0};
	uint64_t shoff = gm_rd64(d + 40);
	uint16_t shnum = gm_rd16(d + 60), shstrndx = gm_rd16(d + 62);
	if (shoff > n || (uint64_t)shnum * 64 > n - shoff || shstrndx >= shnum)
		return r;
	const uint8_t *ss = d + shoff + 64ull * shstrndx;
	uint64_t stroff = gm_rd64(ss + 24);
	for (uint16_t i = 0; i < shnum; i++) {
		const uint8_t *s = d + shoff + 64ull * i;
		uint64_t no = stroff + gm_rd32(s);
		if (no < n && !strncmp((const char *)d + no, name, n - no) &&
		    gm_rd32(s + 4) != 8 /* NOBITS */) {
			r.off = gm_rd64(s + 24);
			r.size = gm_rd64(s + 32);
			return r;
		}
	}
	return r;
}

/* File offset of vaddr through the section headers (0 if none). */
static inline uint64_t ep_vaddr_off(const uint8_t *d, size_t n, uint64_t va)
{
	uint64_t shoff = gm_rd64(d + 40);
	uint16_t shnum = gm_rd16(d + 60);
	if (shoff > n || (uint64_t)shnum * 64 > n - shoff)
		return 0;
	for (uint16_t i = 0; i < shnum; i++) {
		const uint8_t *s = d + shoff + 64ull * i;
		uint64_t a = gm_rd64(s + 16), sz = gm_rd64(s + 32);
		if (a && va >= a && va < a + sz && gm_rd32(s + 4) != 8)
			return gm_rd64(s + 24) + (va - a);
	}
	return 0;
}

static inline void ep_load(struct ep_exe *e, const char *sample)
{
	uint64_t size;
	int fd = gmf_corpus_file(sample, "exe", &size);
	e->size = (size_t)size;
	e->orig = malloc(e->size);
	if (!e->orig || pread(fd, e->orig, e->size, 0) != (ssize_t)e->size)
		gmf_die("reading the executable");
	close(fd);
	e->fd = memfd_create("gm-fuzz-exe", MFD_CLOEXEC);
	if (e->fd < 0)
		gmf_die("memfd_create");
	gmf_write_all(e->fd, e->orig, e->size);
	snprintf(e->path, sizeof(e->path), "/proc/self/fd/%d", e->fd);
	const uint8_t *d = e->orig;
	size_t n = e->size;
	ep_add(e, 0, n);
	ep_add(e, 0, 4096);
	ep_add(e, gm_rd64(d + 40), 64ull * gm_rd16(d + 60));
}

static inline void ep_add_section(struct ep_exe *e, const char *name, uint64_t maxsize)
{
	struct ep_region r = ep_section(e->orig, e->size, name);
	ep_add(e, r.off, r.size < maxsize ? r.size : maxsize);
}

struct ep_patchlog {
	uint64_t off[256];
	size_t len[256];
	size_t n;
};

/* Applies the input's records to e's memfd; returns the sample index used. */
static inline void ep_apply(struct ep_exe *e, const uint8_t *d, size_t n, struct ep_patchlog *log)
{
	struct gmf_in in = {d, d + n};
	log->n = 0;
	for (;;) {
		uint8_t r, len;
		uint32_t off;
		if (!gmf_take(&in, &r, 1) || !gmf_take(&in, &off, 4) || !gmf_take(&in, &len, 1))
			break;
		size_t l = (size_t)(len % 64) + 1;
		if ((size_t)(in.end - in.p) < l)
			l = (size_t)(in.end - in.p);
		if (!l || log->n == 256)
			break;
		const struct ep_region *rg = &e->reg[r % e->nreg];
		uint64_t at = rg->off + off % rg->size;
		if (at + l > e->size)
			l = e->size - at;
		if (pwrite(e->fd, in.p, l, (off_t)at) != (ssize_t)l)
			gmf_die("pwrite");
		log->off[log->n] = at;
		log->len[log->n++] = l;
		in.p += l;
	}
}

static inline void ep_restore(struct ep_exe *e, struct ep_patchlog *log)
{
	for (size_t i = 0; i < log->n; i++)
		if (pwrite(e->fd, e->orig + log->off[i], log->len[i], (off_t)log->off[i]) !=
		    (ssize_t)log->len[i])
			gmf_die("pwrite");
	log->n = 0;
}

#endif
