/* memsrc: target address -> bytes over a list of possibly overlapping
 * segments with priorities.
 *
 * Segments are kept sorted by vaddr (ties: insertion order). Lookups do not
 * search the segments: on the first read after an add, the segments are
 * flattened into a sorted array of disjoint "pieces", each naming the single
 * segment that serves it. A piece is either "saved" (bytes available) or
 * "unsaved" (inside some segment's [filesz, memsz) with no saved segment
 * covering it). Gaps between pieces are unmapped. The winner of a piece is the
 * covering range with the highest key (saved > unsaved, then prio, then
 * insertion order), computed by one sweep with a max-heap: O(n log n).
 *
 * Lookups binary-search the pieces; the index of the last piece hit is cached
 * (no threading), so runs of nearby reads cost a compare or two.
 *
 * On-demand segments (gm_memsrc_add_lazy): a piece's bytes are readable up
 * to its `avail` address (== end for ordinary saved pieces, == start for
 * unsaved ones), so the hot path compares against avail instead of end and
 * costs nothing more. A read that needs bytes of a lazy piece past avail
 * calls the segment's ensure() (slow path), which moves avail forward, or
 * says the bytes will never come: the segment is then cut to what exists
 * and the pieces rebuilt, so lower-priority segments serve the rest. */
#include "gm_memsrc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct seg {
	struct gm_segment s; /* must be first: gm_memsrc_segment returns &seg.s */
	uint64_t seq;        /* insertion order */
	gm_memsrc_ensure_fn ensure; /* non-NULL while some bytes may not be ready */
	void *ctx;
	const uint8_t *ready; /* lazy: data bytes before this are valid */
	bool cut;            /* lazy data ended early: filesz was shrunk */
	bool zero;           /* gm_memsrc_add_zero: every byte is 0 */
};

struct piece {
	uint64_t start, end;  /* [start, end), end > start */
	uint64_t avail;       /* bytes [start, avail) can be read now */
	const uint8_t *base;  /* data for address `start` (saved pieces only) */
	uint32_t seg;         /* index into segs */
	uint32_t saved;       /* 1: bytes available; 0: mapped but not saved */
};

struct gm_memsrc {
	struct gm_memsrc_hot hot; /* must be first: the header's inline reads */
	struct seg *segs;
	size_t nsegs, capsegs;
	uint64_t nextseq;
	struct piece *pieces;
	size_t npieces;
	size_t last;          /* cached piece index (< npieces when npieces > 0) */
	bool dirty;           /* pieces must be rebuilt (retried after out of memory) */
	const uint8_t *fmap;  /* gm_memsrc_set_file: data inside [fmap, fmap+flen) is */
	size_t flen;          /* the file fd's bytes at the same offset */
	int fd;
	gm_memsrc_miss_fn miss; /* gm_memsrc_set_miss: asked for bytes no segment has */
	void *miss_ctx;
};

struct gm_error *gm_memsrc_create(struct gm_memsrc **ret)
{
	*ret = NULL;
	struct gm_memsrc *m = calloc(1, sizeof(*m));
	if (!m)
		return &gm_error_nomem;
	m->fd = -1;
	*ret = m;
	return NULL;
}

void gm_memsrc_destroy(struct gm_memsrc *m)
{
	if (!m)
		return;
	free(m->segs);
	free(m->pieces);
	free(m);
}

struct gm_error *gm_memsrc_add(struct gm_memsrc *m, uint64_t vaddr, uint64_t memsz,
			       uint64_t filesz, const uint8_t *data, int prio,
			       enum gm_seg_origin origin)
{
	return gm_memsrc_add_lazy(m, vaddr, memsz, filesz, data, prio, origin, NULL, NULL);
}

struct gm_error *gm_memsrc_add_zero(struct gm_memsrc *m, uint64_t vaddr, uint64_t memsz,
				    const uint8_t *zeros, int prio, enum gm_seg_origin origin)
{
	size_t before = m->nsegs;
	struct gm_error *err = gm_memsrc_add(m, vaddr, memsz, memsz, zeros, prio, origin);
	if (err || m->nsegs == before)
		return err;
	for (size_t i = 0; i < m->nsegs; i++) /* the one just added: the highest seq */
		if (m->segs[i].seq == m->nextseq - 1)
			m->segs[i].zero = true;
	return NULL;
}

void gm_memsrc_set_miss(struct gm_memsrc *m, gm_memsrc_miss_fn fn, void *ctx)
{
	m->miss = fn;
	m->miss_ctx = ctx;
}

void gm_memsrc_set_file(struct gm_memsrc *m, const void *map, size_t len, int fd)
{
	m->fmap = map;
	m->flen = len;
	m->fd = fd;
}

struct gm_error *gm_memsrc_add_lazy(struct gm_memsrc *m, uint64_t vaddr, uint64_t memsz,
				    uint64_t filesz, const uint8_t *data, int prio,
				    enum gm_seg_origin origin, gm_memsrc_ensure_fn ensure, void *ctx)
{
	if (filesz > memsz)
		return gm_error_create(GM_ERR_FORMAT,
				       "segment at 0x%llx: file size 0x%llx exceeds memory size 0x%llx",
				       (unsigned long long)vaddr, (unsigned long long)filesz,
				       (unsigned long long)memsz);
	if (memsz && vaddr + memsz - 1 < vaddr)
		return gm_error_create(GM_ERR_FORMAT,
				       "segment at 0x%llx of size 0x%llx wraps the address space",
				       (unsigned long long)vaddr, (unsigned long long)memsz);
	if (filesz && !data)
		return gm_error_create(GM_ERR_FORMAT, "segment at 0x%llx has no data",
				       (unsigned long long)vaddr);
	if (memsz == 0)
		return NULL; /* nothing to serve */
	/* A segment ending exactly at 2^64 cannot be represented with an
	 * exclusive 64-bit end; drop its last byte (never a real user address). */
	if (vaddr + memsz == 0) {
		memsz--;
		if (filesz > memsz)
			filesz = memsz;
		if (memsz == 0)
			return NULL;
	}
	if (m->nsegs >= UINT32_MAX - 1)
		return gm_error_create(GM_ERR_FORMAT, "too many segments");
	if (m->nsegs == m->capsegs) {
		size_t cap = m->capsegs ? m->capsegs * 2 : 64;
		struct seg *n = realloc(m->segs, cap * sizeof(*n));
		if (!n)
			return &gm_error_nomem;
		m->segs = n;
		m->capsegs = cap;
	}
	/* Insert sorted by vaddr, after equal vaddrs (cores add in order: the
	 * common case appends without moving anything). */
	size_t lo = 0, hi = m->nsegs;
	if (hi && m->segs[hi - 1].s.vaddr <= vaddr) {
		lo = hi;
	} else {
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (m->segs[mid].s.vaddr <= vaddr)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	memmove(&m->segs[lo + 1], &m->segs[lo], (m->nsegs - lo) * sizeof(*m->segs));
	m->segs[lo] = (struct seg){
		.s = {.vaddr = vaddr, .memsz = memsz, .filesz = filesz, .data = data,
		      .prio = prio, .origin = origin},
		.seq = m->nextseq++,
		.ensure = filesz ? ensure : NULL,
		.ctx = ctx,
		.ready = data,
	};
	m->nsegs++;
	m->dirty = true;
	m->hot = (struct gm_memsrc_hot){0, 0, NULL};
	return NULL;
}

/* ---- flattening ---- */

struct range {
	uint64_t start, end;
	uint32_t seg;
	uint32_t saved;
};

/* ordering key of a range: larger wins */
static int range_cmp_key(const struct gm_memsrc *m, const struct range *a, const struct range *b)
{
	if (a->saved != b->saved)
		return a->saved < b->saved ? -1 : 1;
	const struct seg *sa = &m->segs[a->seg], *sb = &m->segs[b->seg];
	if (sa->s.prio != sb->s.prio)
		return sa->s.prio < sb->s.prio ? -1 : 1;
	return sa->seq < sb->seq ? -1 : sa->seq > sb->seq;
}

static int range_cmp_start(const void *pa, const void *pb)
{
	const struct range *a = pa, *b = pb;
	return a->start < b->start ? -1 : a->start > b->start;
}

static int u64_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
	return a < b ? -1 : a > b;
}

struct heap {
	const struct gm_memsrc *m;
	struct range *v;
	size_t n;
};

static void heap_push(struct heap *h, struct range r)
{
	size_t i = h->n++;
	h->v[i] = r;
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (range_cmp_key(h->m, &h->v[p], &h->v[i]) >= 0)
			break;
		struct range t = h->v[p];
		h->v[p] = h->v[i];
		h->v[i] = t;
		i = p;
	}
}

static void heap_pop(struct heap *h)
{
	h->v[0] = h->v[--h->n];
	size_t i = 0;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, b = i;
		if (l < h->n && range_cmp_key(h->m, &h->v[l], &h->v[b]) > 0)
			b = l;
		if (r < h->n && range_cmp_key(h->m, &h->v[r], &h->v[b]) > 0)
			b = r;
		if (b == i)
			break;
		struct range t = h->v[b];
		h->v[b] = h->v[i];
		h->v[i] = t;
		i = b;
	}
}

static bool rebuild(struct gm_memsrc *m)
{
	size_t nr = 0;
	struct range *rs = malloc((2 * m->nsegs + 1) * sizeof(*rs));
	struct range *hv = malloc((2 * m->nsegs + 1) * sizeof(*hv));
	uint64_t *pts = malloc((4 * m->nsegs + 1) * sizeof(*pts));
	struct piece *pc = malloc((4 * m->nsegs + 1) * sizeof(*pc));
	if (!rs || !hv || !pts || !pc) {
		free(rs), free(hv), free(pts), free(pc);
		return false;
	}
	size_t npts = 0;
	for (size_t i = 0; i < m->nsegs; i++) {
		const struct gm_segment *s = &m->segs[i].s;
		uint64_t fend = s->vaddr + s->filesz, mend = s->vaddr + s->memsz;
		if (s->filesz)
			rs[nr++] = (struct range){s->vaddr, fend, (uint32_t)i, 1};
		if (mend > fend)
			rs[nr++] = (struct range){fend, mend, (uint32_t)i, 0};
	}
	for (size_t i = 0; i < nr; i++) {
		pts[npts++] = rs[i].start;
		pts[npts++] = rs[i].end;
	}
	qsort(rs, nr, sizeof(*rs), range_cmp_start);
	qsort(pts, npts, sizeof(*pts), u64_cmp);
	size_t u = 0;
	for (size_t i = 0; i < npts; i++)
		if (u == 0 || pts[u - 1] != pts[i])
			pts[u++] = pts[i];
	npts = u;

	struct heap h = {.m = m, .v = hv, .n = 0};
	size_t np = 0, ri = 0;
	for (size_t i = 0; i + 1 < npts; i++) {
		uint64_t a = pts[i], b = pts[i + 1];
		while (ri < nr && rs[ri].start <= a)
			heap_push(&h, rs[ri++]);
		while (h.n && h.v[0].end <= a)
			heap_pop(&h);
		if (!h.n)
			continue;
		const struct range *w = &h.v[0];
		const struct gm_segment *s = &m->segs[w->seg].s;
		const uint8_t *base = w->saved ? s->data + (a - s->vaddr) : NULL;
		if (np && pc[np - 1].end == a && pc[np - 1].seg == w->seg &&
		    pc[np - 1].saved == w->saved) {
			pc[np - 1].end = b;
			continue;
		}
		pc[np++] = (struct piece){a, b, a, base, w->seg, w->saved};
	}
	for (size_t i = 0; i < np; i++) {
		struct piece *p = &pc[i];
		const struct seg *sg = &m->segs[p->seg];
		if (!p->saved)
			p->avail = p->start;
		else if (!sg->ensure)
			p->avail = p->end;
		else if (sg->ready > p->base)
			p->avail = p->start + ((uint64_t)(sg->ready - p->base) < p->end - p->start
						       ? (uint64_t)(sg->ready - p->base)
						       : p->end - p->start);
		else
			p->avail = p->start;
	}
	free(rs);
	free(hv);
	free(pts);
	free(m->pieces);
	m->pieces = pc;
	m->npieces = np;
	m->last = 0;
	m->dirty = false;
	return true;
}

static inline bool ensure_built(struct gm_memsrc *m)
{
	if (__builtin_expect(m->dirty, 0))
		return rebuild(m);
	return true;
}

/* Index of the piece containing addr, or -1. */
static inline long find_piece(struct gm_memsrc *m, uint64_t addr)
{
	if (!ensure_built(m) || m->npieces == 0)
		return -1;
	const struct piece *p = &m->pieces[m->last];
	if (addr >= p->start && addr < p->end)
		return (long)m->last;
	size_t lo = 0, hi = m->npieces; /* first piece with start > addr */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->pieces[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || addr >= m->pieces[lo - 1].end)
		return -1;
	m->last = lo - 1;
	return (long)(lo - 1);
}

/* The inline fast paths' window (gm_memsrc_hot): the last piece, or empty. */
static void sync_hot(struct gm_memsrc *m)
{
	if (m->dirty || !m->npieces) {
		m->hot = (struct gm_memsrc_hot){0, 0, NULL};
		return;
	}
	const struct piece *p = &m->pieces[m->last];
	if (!p->saved || p->avail <= p->start)
		m->hot = (struct gm_memsrc_hot){p->start, p->start, NULL};
	else
		m->hot = (struct gm_memsrc_hot){p->start, p->avail, p->base};
}

enum { FILL_NO, FILL_OK, FILL_CUT };

/* Slow path for on-demand data: piece i (saved) must be readable up to
 * need_end (start < need_end <= end). FILL_OK: it is now; FILL_CUT: its
 * segment's data ended early and was cut (pieces rebuilt: look up again);
 * FILL_NO: nothing more can be had. */
static int fill(struct gm_memsrc *m, size_t i, uint64_t need_end)
{
	struct piece *p = &m->pieces[i];
	struct seg *sg = &m->segs[p->seg];
	if (!p->saved)
		return FILL_NO;
	if (!sg->ensure) {
		p->avail = p->end;
		return need_end <= p->end ? FILL_OK : FILL_NO;
	}
	const uint8_t *want = p->base + (need_end - p->start);
	const uint8_t *segend = sg->s.data + sg->s.filesz;
	const uint8_t *f = sg->ensure(sg->ctx, want);
	if (!f || f < sg->s.data)
		f = sg->s.data;
	if (f >= segend) {
		f = segend;
		sg->ensure = NULL;
	}
	if (f > sg->ready)
		sg->ready = f;
	if (f >= want) {
		uint64_t have = (uint64_t)(f - p->base);
		p->avail = p->start + (have < p->end - p->start ? have : p->end - p->start);
		return FILL_OK;
	}
	/* the data ends at f for good */
	sg->s.filesz = (uint64_t)(f - sg->s.data);
	sg->ensure = NULL;
	sg->cut = true;
	m->dirty = true;
	(void)ensure_built(m);
	return FILL_CUT;
}

/* Copies what is available; returns the number of bytes copied before the
 * first missing address (== len on success). buf may be NULL (check only). */
static size_t copy_avail(struct gm_memsrc *m, uint64_t addr, uint8_t *buf, size_t len)
{
	long pi = find_piece(m, addr);
	if (pi < 0)
		return 0;
	size_t done = 0;
	size_t i = (size_t)pi;
	while (done < len) {
		if (i >= m->npieces)
			return done;
		const struct piece *p = &m->pieces[i];
		uint64_t a = addr + done;
		if (a < p->start || a >= p->end || !p->saved)
			return done;
		uint64_t n = p->end - a;
		if (n > len - done)
			n = len - done;
		if (p->avail < a + n) {
			/* terminates: FILL_CUT ends a segment's laziness for good */
			int r = fill(m, i, a + n);
			if (r == FILL_CUT) {
				pi = find_piece(m, a);
				if (pi < 0)
					return done;
				i = (size_t)pi;
				continue;
			}
			if (r != FILL_OK)
				return done;
		}
		if (buf)
			memcpy(buf + done, p->base + (a - p->start), n);
		done += n;
		i++;
	}
	return done;
}

static bool try_read(struct gm_memsrc *m, uint64_t addr, void *buf, size_t len)
{
	if (len == 0)
		return true;
	if (addr + len - 1 < addr)
		return false;
	long pi = find_piece(m, addr);
	if (pi < 0)
		return false;
	const struct piece *p = &m->pieces[pi];
	if (addr < p->avail && p->avail - addr >= len) {
		memcpy(buf, p->base + (addr - p->start), len);
		return true;
	}
	return copy_avail(m, addr, buf, len) == len;
}

bool gm_memsrc_try_read(struct gm_memsrc *m, uint64_t addr, void *buf, size_t len)
{
	bool ok = try_read(m, addr, buf, len);
	if (!ok && m->miss && len) {
		const uint8_t *p = m->miss(m->miss_ctx, addr, len);
		if (p) {
			memcpy(buf, p, len);
			ok = true;
		}
	}
	sync_hot(m);
	return ok;
}

static inline bool read_small(struct gm_memsrc *m, uint64_t addr, void *out, size_t len)
{
	if (!__builtin_expect(m->dirty, 0) && m->npieces) {
		const struct piece *p = &m->pieces[m->last];
		if (addr >= p->start && addr < p->avail && p->avail - addr >= len) {
			memcpy(out, p->base + (addr - p->start), len);
			return true;
		}
	}
	return gm_memsrc_try_read(m, addr, out, len); /* syncs the window */
}

bool gm_memsrc_u64_slow(struct gm_memsrc *m, uint64_t addr, uint64_t *out)
{
	return read_small(m, addr, out, 8);
}

bool gm_memsrc_u32_slow(struct gm_memsrc *m, uint64_t addr, uint32_t *out)
{
	return read_small(m, addr, out, 4);
}

bool gm_memsrc_u8_slow(struct gm_memsrc *m, uint64_t addr, uint8_t *out)
{
	return read_small(m, addr, out, 1);
}

/* gm_memsrc_ptr without the laziness: NULL when some piece of the range is
 * not available yet; *lazy_i then names the first such piece (or -1). */
static const uint8_t *ptr_now(struct gm_memsrc *m, uint64_t addr, size_t len, long *lazy_i)
{
	*lazy_i = -1;
	long pi = find_piece(m, addr);
	if (pi < 0)
		return NULL;
	size_t i = (size_t)pi;
	const struct piece *p = &m->pieces[i];
	if (!p->saved)
		return NULL;
	const uint8_t *ret = p->base + (addr - p->start);
	if (p->end - addr >= len) {
		if (p->avail - addr >= len && addr < p->avail)
			return ret;
		*lazy_i = pi;
		return NULL;
	}
	if (p->avail < p->end) {
		*lazy_i = pi;
		return NULL;
	}
	/* Continue through following pieces whose bytes happen to be
	 * contiguous in memory (adjacent PT_LOADs stored back to back in the
	 * core file). Bounded by the number of pieces. */
	uint64_t a = p->end;
	const uint8_t *expect = ret + (p->end - addr);
	for (i++; i < m->npieces; i++) {
		const struct piece *q = &m->pieces[i];
		if (q->start != a || !q->saved || q->base != expect)
			return NULL;
		uint64_t need = q->end - addr >= len ? addr + len : q->end;
		if (q->avail < need) {
			*lazy_i = (long)i;
			return NULL;
		}
		if (q->end - addr >= len)
			return ret;
		expect += q->end - q->start;
		a = q->end;
	}
	return NULL;
}

static const uint8_t *ptr(struct gm_memsrc *m, uint64_t addr, size_t len)
{
	if (len == 0)
		len = 1; /* a pointer must at least point at something valid */
	if (addr + len - 1 < addr)
		return NULL;
	if (!__builtin_expect(m->dirty, 0) && m->npieces) {
		const struct piece *p = &m->pieces[m->last];
		if (addr >= p->start && addr < p->avail && p->avail - addr >= len)
			return p->base + (addr - p->start);
	}
	/* Each round makes one lazy piece ready or cuts a lazy segment for
	 * good; pieces and lazy segments are finite. */
	for (size_t round = 0; round <= m->npieces + m->nsegs + 1; round++) {
		long li;
		const uint8_t *r = ptr_now(m, addr, len, &li);
		if (r || li < 0)
			return r;
		const struct piece *q = &m->pieces[li];
		uint64_t need = q->end - addr >= len ? addr + len : q->end;
		if (need <= q->start)
			return NULL;
		if (fill(m, (size_t)li, need) == FILL_NO)
			return NULL;
	}
	return NULL;
}

const uint8_t *gm_memsrc_peek(struct gm_memsrc *m, uint64_t addr, size_t len)
{
	const struct gm_memsrc_hot *h = &m->hot;
	if (addr - h->start < h->avail - h->start && h->avail - addr >= len)
		return h->base + (addr - h->start);
	long pi = find_piece(m, addr);
	const uint8_t *r = NULL;
	if (pi >= 0) {
		const struct piece *p = &m->pieces[pi];
		if (p->saved && addr < p->avail && p->avail - addr >= len)
			r = p->base + (addr - p->start);
	}
	sync_hot(m);
	return r;
}

const uint8_t *gm_memsrc_ptr(struct gm_memsrc *m, uint64_t addr, size_t len)
{
	const uint8_t *r = ptr(m, addr, len);
	if (!r && m->miss)
		r = m->miss(m->miss_ctx, addr, len ? len : 1);
	sync_hot(m);
	return r;
}

static struct gm_error *read_err(struct gm_memsrc *m, uint64_t addr, void *buf, size_t len)
{
	if (len == 0)
		return NULL;
	if (addr + len - 1 < addr)
		return gm_error_fault(addr, "read of %zu bytes at 0x%llx wraps the address space",
				      len, (unsigned long long)addr);
	if (!ensure_built(m))
		return &gm_error_nomem;
	size_t done = copy_avail(m, addr, buf, len);
	if (done == len)
		return NULL;
	uint64_t bad = addr + done;
	long pi = find_piece(m, bad);
	if (pi >= 0 && !m->pieces[pi].saved) {
		const struct seg *sg = &m->segs[m->pieces[pi].seg];
		const struct gm_segment *s = &sg->s;
		if (sg->cut)
			return gm_error_fault(bad, "0x%llx: missing from the core: its compressed data ends before it (segment 0x%llx-0x%llx)",
					      (unsigned long long)bad, (unsigned long long)s->vaddr,
					      (unsigned long long)(s->vaddr + s->memsz));
		return gm_error_fault(bad, "0x%llx: not saved in %s (segment 0x%llx-0x%llx)",
				      (unsigned long long)bad,
				      s->origin == GM_SEG_EXE ? "executable" : "core",
				      (unsigned long long)s->vaddr,
				      (unsigned long long)(s->vaddr + s->memsz));
	}
	return gm_error_fault(bad, "0x%llx: address not mapped in target", (unsigned long long)bad);
}

struct gm_error *gm_memsrc_read(struct gm_memsrc *m, uint64_t addr, void *buf, size_t len)
{
	struct gm_error *err = read_err(m, addr, buf, len);
	const uint8_t *p;
	if (err && m->miss && (p = m->miss(m->miss_ctx, addr, len))) {
		memcpy(buf, p, len);
		gm_error_destroy(err);
		err = NULL;
	}
	sync_hot(m);
	return err;
}

const struct gm_segment *gm_memsrc_segment_at(struct gm_memsrc *m, uint64_t addr)
{
	long pi = find_piece(m, addr);
	sync_hot(m);
	if (pi < 0)
		return NULL;
	return &m->segs[m->pieces[pi].seg].s;
}

size_t gm_memsrc_nsegments(const struct gm_memsrc *m)
{
	return m ? m->nsegs : 0;
}

const struct gm_segment *gm_memsrc_segment(const struct gm_memsrc *m, size_t i)
{
	if (!m || i >= m->nsegs)
		return NULL;
	return &m->segs[i].s;
}

/* ---- where the data is ---- */

/* The data of the file-backed part [a, b) of piece p, from the file's own
 * map of holes: false when [a, b) is one hole. */
static bool file_run(const struct gm_memsrc *m, const struct piece *p, uint64_t a, uint64_t b,
		     uint64_t *ds, uint64_t *de)
{
	uint64_t off = (uint64_t)(p->base - m->fmap) + (a - p->start);
	uint64_t off_end = off + (b - a);
	off_t d = lseek(m->fd, (off_t)off, SEEK_DATA);
	if (d < 0) {
		if (errno == ENXIO)
			return false; /* only a hole from there to the end of the file */
		*ds = a, *de = b; /* no map of holes (EINVAL): all of it may be data */
		return true;
	}
	if ((uint64_t)d >= off_end)
		return false;
	off_t h = lseek(m->fd, d, SEEK_HOLE);
	uint64_t hend = h < 0 || (uint64_t)h > off_end ? off_end : (uint64_t)h;
	*ds = a + ((uint64_t)d - off);
	*de = a + (hend - off);
	return *de > *ds;
}

bool gm_memsrc_next_data(struct gm_memsrc *m, uint64_t addr, uint64_t end, uint64_t *ds, uint64_t *de)
{
	if (!m || addr >= end || !ensure_built(m) || !m->npieces)
		return false;
	size_t lo = 0, hi = m->npieces; /* the first piece ending after addr */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->pieces[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < m->npieces && m->pieces[i].start < end; i++) {
		const struct piece *p = &m->pieces[i];
		const struct seg *sg = &m->segs[p->seg];
		if (!p->saved || sg->zero)
			continue;
		uint64_t a = p->start > addr ? p->start : addr, b = p->end < end ? p->end : end;
		if (!sg->ensure && m->fd >= 0 && p->base >= m->fmap &&
		    (uint64_t)(p->base - m->fmap) + (p->end - p->start) <= m->flen) {
			if (file_run(m, p, a, b, ds, de))
				return true;
			continue;
		}
		*ds = a, *de = b;
		return true;
	}
	return false;
}

/* ---- page-cache advice ---- */

static bool advice_on(const char *what)
{
	const char *e = getenv("GOMORTEM_MADVISE");
	if (!e)
		return true;
	return strstr(e, what) != NULL;
}

static void advise(const void *p, size_t len, int advice)
{
	static size_t pg;
	if (!pg) {
		long v = sysconf(_SC_PAGESIZE);
		pg = v > 0 ? (size_t)v : 4096;
	}
	uintptr_t a = (uintptr_t)p & ~(uintptr_t)(pg - 1);
	if (len)
		(void)madvise((void *)a, len + ((uintptr_t)p - a), advice); /* advice only */
}

void gm_memsrc_advise_map(const void *map, size_t len)
{
#ifdef MADV_HUGEPAGE
	if (advice_on("huge"))
		advise(map, len, MADV_HUGEPAGE);
#else
	(void)map, (void)len;
#endif
}

void gm_memsrc_willneed(struct gm_memsrc *m)
{
	if (!m || !advice_on("willneed"))
		return;
	for (size_t i = 0; i < m->nsegs; i++) {
		const struct seg *sg = &m->segs[i];
		/* on-demand (compressed) segments are read by their decoder */
		if (sg->s.origin != GM_SEG_CORE || !sg->s.filesz || sg->ensure)
			continue;
		advise(sg->s.data, (size_t)sg->s.filesz, MADV_WILLNEED);
	}
}

/* (see gm_memsrc.h) Here rather than in maps.c: memsrc.c is built without
 * trace-cmp coverage in the fuzz build, and this word-by-word scan of zero
 * pages was 80 % of fuzz_maps' time in those callbacks. */
bool gm_mem_all_zero(const uint8_t *p, size_t n)
{
	/* 64 bytes a step, OR-ed: the first line settles most data pages */
	uint64_t acc = 0;
	size_t i = 0;
	for (; i + 64 <= n; i += 64) {
		uint64_t w[8];
		memcpy(w, p + i, 64);
		acc |= w[0] | w[1] | w[2] | w[3] | w[4] | w[5] | w[6] | w[7];
		if (acc)
			return false;
	}
	for (; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

uint64_t gm_memsrc_nonzero_bytes(struct gm_memsrc *m, uint64_t s, uint64_t e)
{
	uint64_t n = 0, ds, de;
	for (uint64_t from = s; from < e && gm_memsrc_next_data(m, from, e, &ds, &de); from = de) {
		for (uint64_t a = s + (ds - s) / 4096 * 4096; a < de; a += 4096) {
			size_t len = e - a < 4096 ? (size_t)(e - a) : 4096;
			const uint8_t *p = gm_memsrc_ptr(m, a, len);
			if (p && !gm_mem_all_zero(p, len))
				n += len;
		}
		/* the page holding de was looked at whole */
		if (de % 4096)
			de = de - de % 4096 + 4096;
	}
	return n;
}
