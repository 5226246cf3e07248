/* gm_memsrc: target address -> bytes over a list of segments.
 *
 * A segment maps [vaddr, vaddr+memsz) of the target. Its first `filesz`
 * bytes are backed by `data` (usually a pointer into an mmapped core or
 * executable); bytes in [filesz, memsz) were not saved and reading them is a
 * GM_ERR_FAULT ("not saved in core"), unless a lower-priority segment covers
 * them. Segments added later win over earlier ones (priority = insertion
 * order; use gm_memsrc_add with a lower `prio` for fallbacks, e.g. the
 * executable's own PT_LOADs under the core's). */
#ifndef GM_MEMSRC_H
#define GM_MEMSRC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "gm_error.h"

enum gm_seg_origin { GM_SEG_CORE = 0, GM_SEG_EXE = 1, GM_SEG_LIVE = 2, GM_SEG_TEST = 3 };

struct gm_segment {
	uint64_t vaddr;
	uint64_t memsz;
	uint64_t filesz;      /* bytes of `data` that are valid; <= memsz */
	const uint8_t *data;  /* not owned */
	int prio;             /* higher wins */
	enum gm_seg_origin origin;
};

struct gm_memsrc;

struct gm_error *gm_memsrc_create(struct gm_memsrc **ret);
void gm_memsrc_destroy(struct gm_memsrc *m);
/* data is borrowed: it must outlive the memsrc. */
struct gm_error *gm_memsrc_add(struct gm_memsrc *m, uint64_t vaddr, uint64_t memsz,
			       uint64_t filesz, const uint8_t *data, int prio,
			       enum gm_seg_origin origin);

/* On-demand data (compressed cores decoded lazily): the bytes of `data` are
 * valid only up to a frontier that ensure() moves. ensure(ctx, need_end) is
 * called, only when a read needs bytes of this segment not yet known to be
 * valid, with a pointer one past the last byte needed (inside
 * [data, data+filesz]); it returns how far data is valid now: >= need_end on
 * success. Anything less means the bytes from there on will never exist: the
 * segment is cut there for good (its filesz shrinks; lower-priority
 * segments serve what they have, reads of the rest fail as "missing from the
 * core"). ensure must not call back into the memsrc. Pointers returned by
 * gm_memsrc_ptr stay valid (the data must not move). gm_memsrc_segment /
 * gm_memsrc_segment_at describe such a segment, but its data is valid only
 * as far as a read through the memsrc has asked. */
typedef const uint8_t *(*gm_memsrc_ensure_fn)(void *ctx, const uint8_t *need_end);
struct gm_error *gm_memsrc_add_lazy(struct gm_memsrc *m, uint64_t vaddr, uint64_t memsz,
				    uint64_t filesz, const uint8_t *data, int prio,
				    enum gm_seg_origin origin, gm_memsrc_ensure_fn ensure, void *ctx);

/* Reads that find bytes no segment serves (gm_memsrc_try_read and so the
 * u64/u32/u8 reads, gm_memsrc_ptr, gm_memsrc_read; not gm_memsrc_peek):
 * miss(ctx, addr, len) returns the len bytes at addr (valid as long as its
 * owner says: a pointer gm_memsrc_ptr may return), or NULL. Nothing is
 * added to the memsrc: every such read asks again. For a memsrc with no
 * segments that records what a reader reads (gm_live_recorder: a live
 * copy's plan). */
typedef const uint8_t *(*gm_memsrc_miss_fn)(void *ctx, uint64_t addr, size_t len);
void gm_memsrc_set_miss(struct gm_memsrc *m, gm_memsrc_miss_fn fn, void *ctx);

/* A segment whose bytes are all zero (a live copy's never-touched pages):
 * read like any other, skipped by gm_memsrc_next_data. */
struct gm_error *gm_memsrc_add_zero(struct gm_memsrc *m, uint64_t vaddr, uint64_t memsz,
				    const uint8_t *zeros, int prio, enum gm_seg_origin origin);
/* The segments' data inside [map, map+len) is the file fd (open while the
 * memsrc is used; not owned) mapped at offset 0: gm_memsrc_next_data asks
 * the file where its holes are (SEEK_DATA/SEEK_HOLE). */
void gm_memsrc_set_file(struct gm_memsrc *m, const void *map, size_t len, int fd);
/* The first run [*ds, *de) of [addr, end) that may hold non-zero bytes:
 * readable, not a zero segment, not a hole of the file (a sparse core's
 * never-touched pages). false: none. For sweeps over huge sparse mappings
 * (a 256 GiB reservation) that must not touch every page. */
bool gm_memsrc_next_data(struct gm_memsrc *m, uint64_t addr, uint64_t end, uint64_t *ds, uint64_t *de);

/* Bytes of [s, e)'s pages that hold a non-zero byte (a page counts whole).
 * Unreadable pages (not in the core, not copied live) count as not in use;
 * only the runs that may hold data are read (gm_memsrc_next_data: not a
 * sparse core's holes, not a live copy's untouched pages), so a 256 GiB
 * reservation with 100 pages touched costs 100 pages, not 67 million page
 * faults. */
uint64_t gm_memsrc_nonzero_bytes(struct gm_memsrc *m, uint64_t s, uint64_t e);
/* Whether p[0..n) is all zero bytes (64 bytes a step: the first non-zero
 * line ends it). */
bool gm_mem_all_zero(const uint8_t *p, size_t n);

/* Reads exactly len bytes, possibly across segments; GM_ERR_FAULT with the
 * first missing address when any byte is unavailable. */
struct gm_error *gm_memsrc_read(struct gm_memsrc *m, uint64_t addr, void *buf, size_t len);
/* Fast paths: false when unavailable (no error object allocated). */
bool gm_memsrc_try_read(struct gm_memsrc *m, uint64_t addr, void *buf, size_t len);

/* The piece of memory the last lookup landed in, at the start of every
 * memsrc: [start, avail) readable at base. Empty (start == avail) until a
 * lookup, after an add, and whenever it might be stale; every function
 * below that can change pieces or their availability refreshes it before
 * it returns. Read by the inline fast paths only (issue 22: a walk makes
 * tens of millions of 8-byte reads, nearly all in the piece of the last). */
struct gm_memsrc_hot {
	uint64_t start, avail;
	const uint8_t *base;
};
bool gm_memsrc_u64_slow(struct gm_memsrc *m, uint64_t addr, uint64_t *out);
bool gm_memsrc_u32_slow(struct gm_memsrc *m, uint64_t addr, uint32_t *out);
bool gm_memsrc_u8_slow(struct gm_memsrc *m, uint64_t addr, uint8_t *out);

#define GM_MEMSRC_HOT_READ(m, addr, out, len)                                              \
	do {                                                                               \
		const struct gm_memsrc_hot *h_ = (const struct gm_memsrc_hot *)(const void *)(m); \
		uint64_t o_ = (addr) - h_->start;                                          \
		if (o_ < h_->avail - h_->start && h_->avail - h_->start - o_ >= (len)) {   \
			memcpy((out), h_->base + o_, (len));                               \
			return true;                                                       \
		}                                                                          \
	} while (0)

static inline bool gm_memsrc_u64(struct gm_memsrc *m, uint64_t addr, uint64_t *out)
{
	GM_MEMSRC_HOT_READ(m, addr, out, 8);
	return gm_memsrc_u64_slow(m, addr, out);
}

static inline bool gm_memsrc_u32(struct gm_memsrc *m, uint64_t addr, uint32_t *out)
{
	GM_MEMSRC_HOT_READ(m, addr, out, 4);
	return gm_memsrc_u32_slow(m, addr, out);
}

static inline bool gm_memsrc_u8(struct gm_memsrc *m, uint64_t addr, uint8_t *out)
{
	GM_MEMSRC_HOT_READ(m, addr, out, 1);
	return gm_memsrc_u8_slow(m, addr, out);
}
/* A pointer to len bytes at addr when they are readable now, in one piece,
 * without decoding anything (on-demand segments) or failing: NULL
 * otherwise. For prefetching only: the bytes are read through the other
 * functions. */
const uint8_t *gm_memsrc_peek(struct gm_memsrc *m, uint64_t addr, size_t len);
/* Zero-copy: a pointer to len contiguous valid bytes at addr, or NULL. */
const uint8_t *gm_memsrc_ptr(struct gm_memsrc *m, uint64_t addr, size_t len);
/* The highest-priority segment covering addr (NULL if none). */
const struct gm_segment *gm_memsrc_segment_at(struct gm_memsrc *m, uint64_t addr);
/* Notes (memsrc.c):
 * - Saved bytes beat not-saved bytes whatever the priorities, so
 *   gm_memsrc_segment_at returns the segment that actually serves addr (or,
 *   when nothing serves it, the highest-priority one that maps it unsaved).
 * - Segments are listed sorted by vaddr (ties: insertion order).
 * - gm_memsrc_add invalidates pointers returned by gm_memsrc_segment_at and
 *   gm_memsrc_segment (pointers from gm_memsrc_ptr stay valid: they point
 *   into the borrowed data).
 * - A memsrc is not thread-safe even for reads (it caches the last hit). */
size_t gm_memsrc_nsegments(const struct gm_memsrc *m);

/* Page-cache advice (issue 22, docs/performance.md), for mmapped cores:
 * gm_memsrc_advise_map marks a whole mapping MADV_HUGEPAGE (the page cache
 * it fills is made of 2 MiB folios, mapped by one fault each instead of one
 * per 4-64 KiB); gm_memsrc_willneed starts the read-ahead of every saved
 * core segment (MADV_WILLNEED), for a walk about to sweep most of them (the
 * goroutine walker). The environment variable GOMORTEM_MADVISE (a list of
 * "huge", "willneed", or "none") overrides the default "huge,willneed", for
 * benchmarks. */
void gm_memsrc_advise_map(const void *map, size_t len);
void gm_memsrc_willneed(struct gm_memsrc *m);
const struct gm_segment *gm_memsrc_segment(const struct gm_memsrc *m, size_t i);

#endif
