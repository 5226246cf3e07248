/* The mappings walker (include/walk/gm_maps.h): the target's mappings split and
 * classified by what the Go runtime knows of them. Never prints. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_allm.h"
#include "gm_maps.h"

#define HEAP_ARENA_BYTES (64ull << 20)          /* heapArenaBytes, linux/amd64 */
#define HEAP_INDEX_BYTES ((1ull << 22) * 8)      /* [1 << arenaL2Bits]*heapArena */
#define MAX_ARENAS (1u << 22)
#define MAX_REGIONS (1u << 22)
#define KERNEL_SPACE 0xffff800000000000ull

const char *const gm_map_class_names[GM_MAP_NCLASSES] = {
	[GM_MAP_GO_HEAP] = "go_heap",
	[GM_MAP_GO_HEAP_INDEX] = "go_heap_index",
	[GM_MAP_GO_BINARY] = "go_binary",
	[GM_MAP_GO_PLUGIN] = "go_plugin",
	[GM_MAP_SHLIB] = "shared_library",
	[GM_MAP_FILE] = "file",
	[GM_MAP_THREAD_STACK] = "thread_stack",
	[GM_MAP_C_MALLOC] = "c_malloc",
	[GM_MAP_RACE] = "race_detector",
	[GM_MAP_ANON] = "anonymous",
	[GM_MAP_RESERVED] = "reserved",
};

/* the first problem of a partial result */
#define problem(r, ...) gm_first_problem((r)->problem, sizeof((r)->problem), __VA_ARGS__)

void gm_maps_report_destroy(struct gm_maps_report *r)
{
	if (!r)
		return;
	free(r->v);
	free(r);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

struct ctx {
	struct gm_maps_report *r;
	size_t cap;
	bool nomem;
	uint64_t *arenas; /* sorted bases */
	size_t narenas;
	uint64_t index_lo, index_hi;
};

static void add(struct ctx *c, uint64_t s, uint64_t e, enum gm_map_class cls, const char *path)
{
	struct gm_maps_report *r = c->r;
	if (s >= e || c->nomem)
		return;
	if (r->n) { /* merge with the previous piece */
		struct gm_map_region *p = &r->v[r->n - 1];
		if (p->end == s && p->cls == cls &&
		    ((!p->path && !path) || (p->path && path && !strcmp(p->path, path)))) {
			p->end = e;
			r->bytes[cls] += e - s;
			return;
		}
	}
	if (r->n >= MAX_REGIONS) {
		problem(r, "more than %u mappings", MAX_REGIONS);
		return;
	}
	if (r->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 64;
		struct gm_map_region *nv = realloc(r->v, nc * sizeof(*nv));
		if (!nv) {
			c->nomem = true;
			return;
		}
		r->v = nv;
		c->cap = nc;
	}
	r->v[r->n++] = (struct gm_map_region){s, e, cls, path, 0, false};
	r->bytes[cls] += e - s;
}

/* the arena containing a, or the first one after it (index; narenas if none) */
static size_t arena_at(const struct ctx *c, uint64_t a)
{
	size_t lo = 0, hi = c->narenas;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->arenas[mid] + HEAP_ARENA_BYTES <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* An anonymous, saved range: heap arenas, the heap index, the rest. */
static void add_anon(struct ctx *c, uint64_t s, uint64_t e, enum gm_map_class rest)
{
	uint64_t pos = s;
	for (unsigned guard = 0; pos < e && guard < 4 * MAX_ARENAS; guard++) {
		size_t i = arena_at(c, pos);
		uint64_t next = e;
		if (i < c->narenas && c->arenas[i] <= pos) {
			uint64_t ae = c->arenas[i] + HEAP_ARENA_BYTES;
			uint64_t to = ae < e ? ae : e;
			add(c, pos, to, GM_MAP_GO_HEAP, NULL);
			pos = to;
			continue;
		}
		if (c->index_hi && pos >= c->index_lo && pos < c->index_hi) {
			uint64_t to = c->index_hi < e ? c->index_hi : e;
			add(c, pos, to, GM_MAP_GO_HEAP_INDEX, NULL);
			pos = to;
			continue;
		}
		if (i < c->narenas && c->arenas[i] < next)
			next = c->arenas[i];
		if (c->index_hi && c->index_lo > pos && c->index_lo < next)
			next = c->index_lo;
		add(c, pos, next, rest, NULL);
		pos = next;
	}
}

static const struct gm_mapping *file_at(const struct gm_target *t, uint64_t a)
{
	for (size_t i = 0; i < t->nmaps; i++)
		if (a >= t->maps[i].start && a < t->maps[i].end)
			return &t->maps[i];
	return NULL;
}

static bool is_shlib(const char *p)
{
	const char *b = strrchr(p, '/');
	b = b ? b + 1 : p;
	const char *so = strstr(b, ".so");
	return so && (so[3] == 0 || so[3] == '.' || so[3] == ' ');
}

static bool same_file(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	size_t la = strlen(a), lb = strlen(b);
	static const char del[] = " (deleted)";
	if (la > sizeof(del) - 1 && !strcmp(a + la - (sizeof(del) - 1), del))
		la -= sizeof(del) - 1;
	if (lb > sizeof(del) - 1 && !strcmp(b + lb - (sizeof(del) - 1), del))
		lb -= sizeof(del) - 1;
	return la == lb && !memcmp(a, b, la);
}

/* A file of one of the program's Go plugins (the modules after gb). */
static bool is_plugin(const struct gm_gobin *gb, const char *path)
{
	size_t n = 0;
	for (const struct gm_gobin *m = gb->next_module; m && n < GM_GOBIN_MAX_MODULES; m = m->next_module, n++)
		if (same_file(path, m->path))
			return true;
	return false;
}

static void read_arenas(struct gm_memsrc *m, const struct gm_layout *l, struct ctx *c)
{
	struct gm_maps_report *r = c->r;
	uint64_t arr, n, l2;
	if (!l->mheap || l->mheap_allarenas < 0 ||
	    !gm_memsrc_u64(m, l->mheap + (uint64_t)l->mheap_allarenas, &arr) ||
	    !gm_memsrc_u64(m, l->mheap + (uint64_t)l->mheap_allarenas + 8, &n)) {
		problem(r, "mheap_.allArenas is not readable: heap arenas unknown");
		return;
	}
	if (n > MAX_ARENAS) {
		problem(r, "mheap_.allArenas has %llu entries", (unsigned long long)n);
		return;
	}
	c->arenas = malloc((n ? n : 1) * sizeof(*c->arenas));
	if (!c->arenas) {
		c->nomem = true;
		return;
	}
	if (!n) /* mallocinit maps the first arena before main runs */
		problem(r, "mheap_.allArenas is empty: the core's copy of mheap_ is damaged");
	for (uint64_t i = 0; i < n; i++) {
		uint64_t idx;
		if (!gm_memsrc_u64(m, arr + 8 * i, &idx) || idx >= (1ull << 22)) {
			problem(r, "mheap_.allArenas[%llu] unreadable or out of range",
				(unsigned long long)i);
			break;
		}
		c->arenas[c->narenas++] = idx * HEAP_ARENA_BYTES + gm_layout_arena_base(l);
	}
	qsort(c->arenas, c->narenas, sizeof(*c->arenas), cmp_u64);
	r->arenas = c->narenas;
	if (l->mheap_arenas >= 0 && gm_memsrc_u64(m, l->mheap + (uint64_t)l->mheap_arenas, &l2) &&
	    l2 && l2 < KERNEL_SPACE - HEAP_INDEX_BYTES) {
		c->index_lo = l2;
		c->index_hi = l2 + HEAP_INDEX_BYTES;
		/* every arena of allArenas has its heapArena in the index */
		for (size_t i = 0; i < c->narenas; i++) {
			uint64_t idx = (c->arenas[i] - gm_layout_arena_base(l)) / HEAP_ARENA_BYTES, ha;
			if (!gm_memsrc_u64(m, l2 + 8 * idx, &ha) || !ha) {
				problem(r, "heap arena 0x%llx is not in mheap_.arenas: the heap index is "
					   "damaged", (unsigned long long)c->arenas[i]);
				break;
			}
		}
	} else if (l->mheap_arenas >= 0) {
		problem(r, "mheap_.arenas[0] is nil or unreadable: the heap index is unknown");
	}
}

/* ThreadSanitizer's memory layout for Go on linux/amd64 (compiler-rt
 * tsan_platform.h, MappingGo48): shadow 0x200000000000-0x21c000000000,
 * meta shadow 0x300000000000-0x400000000000 */
#define TSAN_SHADOW_BEG 0x200000000000ull
#define TSAN_META_END 0x400000000000ull

#define GLIBC_HEAP_MAX (64ull << 20) /* HEAP_MAX_SIZE: 2 * DEFAULT_MMAP_THRESHOLD_MAX, 64-bit */

/* Is [s, e) one of glibc malloc's non-main heaps? Its first words are a
 * heap_info (malloc/arena.c): ar_ptr (the arena: right after the heap_info
 * in an arena's first heap), prev (NULL, or another heap, 64 MiB aligned),
 * size and mprotect_size (page multiples, size <= mprotect_size, the read-
 * write part, which is the mapping: the rest of the 64 MiB is PROT_NONE). */
static bool is_glibc_heap(struct gm_memsrc *m, uint64_t s, uint64_t e)
{
	uint64_t h[4];
	if (s % GLIBC_HEAP_MAX || e - s > GLIBC_HEAP_MAX || !gm_memsrc_try_read(m, s, h, sizeof h))
		return false;
	uint64_t ar = h[0], prev = h[1], size = h[2], mprot = h[3];
	if (!size || size % 4096 || mprot % 4096 || size > mprot || mprot > GLIBC_HEAP_MAX ||
	    size > e - s || ar % 8 || !ar)
		return false;
	if (!prev) /* the arena's first heap: its malloc_state follows */
		return ar > s && ar < s + 128;
	return prev % GLIBC_HEAP_MAX == 0 && prev != s;
}

/* A thread's stack pointer in [s, e)? */
static bool holds_sp(const struct gm_target *t, uint64_t s, uint64_t e)
{
	for (size_t k = 0; k < t->nthreads; k++) {
		uint64_t sp = t->threads[k].r.sp;
		if (sp >= s && sp < e)
			return true;
	}
	return false;
}

/* The M's g0 stack as a page range: with cgo, mstart sets g0.stack to
 * [hi - pthread stack size + 1024, hi) with hi a local of its frame near
 * the top of the pthread stack; above it the pthread struct and the TLS
 * (a few KiB). The kernel merges neighbouring anonymous mappings, so only
 * this range of a mapping is the stack, not the whole mapping. M0 runs on
 * the process's main stack, a mapping of its own (the kernel keeps a gap
 * below it to grow into): all of it, with argv, the environment and the
 * auxiliary vector above g0's stack and unused stack below it. Not in a
 * c-shared library: there m0 runs on a stack the runtime mapped itself
 * (newosproc0), which the kernel merges with the runtime's other
 * anonymous mappings. */
#define G0_TOP_SLACK (16u << 10)
static bool g0_range(const struct gm_m *m, bool library, uint64_t s, uint64_t e, uint64_t *lo,
		     uint64_t *hi)
{
	if (!(m->g0_lo < m->g0_hi) || m->g0_hi > UINT64_MAX - G0_TOP_SLACK - 4096)
		return false;
	if (m->id == 0 && !library) { /* the mapping [s, e) holding it, whole */
		if (m->g0_lo >= e || m->g0_hi <= s)
			return false;
		*lo = s;
		*hi = e;
		return true;
	}
	*lo = m->g0_lo & ~4095ull;
	*hi = (m->g0_hi + G0_TOP_SLACK + 4095) & ~4095ull;
	return true;
}

/* An anonymous saved range outside the executable: the g0 stacks in it are
 * thread_stack, the rest anonymous (heap arenas and the index split out by
 * add_anon); without g0 stacks, a thread's stack pointer makes the whole
 * mapping a thread stack. */
static void add_unnamed(struct ctx *c, const struct gm_target *t, const struct gm_allm *am, bool library,
			uint64_t s, uint64_t e)
{
	uint64_t pos = s;
	bool any = false;
	for (size_t guard = 0; pos < e && guard <= am->n; guard++) {
		/* the lowest g0 range ending after pos that starts before e */
		uint64_t lo = e, hi = e;
		for (size_t k = 0; k < am->n; k++) {
			uint64_t l, h;
			if (!g0_range(&am->v[k], library, s, e, &l, &h) || h <= pos || l >= e)
				continue;
			if (l < lo || (l == lo && h > hi)) {
				lo = l;
				hi = h;
			}
		}
		if (lo >= e)
			break;
		if (lo < pos)
			lo = pos;
		if (hi > e)
			hi = e;
		add_anon(c, pos, lo, GM_MAP_ANON);
		add_anon(c, lo, hi, GM_MAP_THREAD_STACK);
		any = true;
		pos = hi;
	}
	if (!any && holds_sp(t, s, e)) {
		add_anon(c, s, e, GM_MAP_THREAD_STACK);
		return;
	}
	add_anon(c, pos, e, GM_MAP_ANON);
}

struct gm_error *gm_maps_collect(struct gm_target *t, const struct gm_gobin *gb,
				 const struct gm_layout *l, const struct gm_heap_report *heap,
				 struct gm_maps_report **ret)
{
	*ret = NULL;
	struct gm_maps_report *r = calloc(1, sizeof(*r));
	if (!r)
		return &gm_error_nomem;
	struct ctx c = {.r = r};
	r->race = gm_gobin_is_race(gb);
	read_arenas(t->mem, l, &c);
	struct gm_allm am;
	struct gm_error *aerr = gm_allm_read(t, l, &am);
	if (aerr) {
		free(c.arenas);
		gm_maps_report_destroy(r);
		return aerr;
	}

	const char *exe = gm_target_exe_map_name(t);
	uint64_t bin_end = 0; /* end of the last mapping of the executable: its bss follows */
	size_t nseg = gm_memsrc_nsegments(t->mem);
	uint64_t done = 0; /* segments are sorted by address; overlaps are skipped */
	for (size_t i = 0; i < nseg && !c.nomem; i++) {
		const struct gm_segment *sg = gm_memsrc_segment(t->mem, i);
		if (sg->origin != GM_SEG_CORE && sg->origin != GM_SEG_LIVE)
			continue;
		uint64_t s = sg->vaddr, e = sg->vaddr + sg->memsz;
		if (e < s || s >= KERNEL_SPACE)
			continue; /* [vsyscall] */
		if (s < done)
			s = done;
		if (s >= e)
			continue;
		done = e;
		const struct gm_mapping *f = file_at(t, s);
		if (f) {
			enum gm_map_class cls = same_file(f->path, exe)	     ? GM_MAP_GO_BINARY
						: is_plugin(gb, f->path) ? GM_MAP_GO_PLUGIN
						: is_shlib(f->path)	     ? GM_MAP_SHLIB
									     : GM_MAP_FILE;
			uint64_t fe = f->end < e ? f->end : e;
			add(&c, s, fe, cls, f->path);
			if (cls == GM_MAP_GO_BINARY)
				bin_end = fe;
			if (fe < e) { /* rest of the segment without a file */
				s = fe;
			} else {
				continue;
			}
		}
		if (sg->filesz == 0 && sg->origin == GM_SEG_CORE) {
			add(&c, s, e, GM_MAP_RESERVED, NULL);
			continue;
		}
		if (bin_end && s == bin_end) { /* the executable's bss */
			add(&c, s, e, GM_MAP_GO_BINARY, NULL);
			continue;
		}
		if (r->race && s >= TSAN_SHADOW_BEG && e <= TSAN_META_END) {
			add(&c, s, e, GM_MAP_RACE, NULL);
			continue;
		}
		if (is_glibc_heap(t->mem, s, e)) {
			add(&c, s, e, GM_MAP_C_MALLOC, NULL);
			continue;
		}
		add_unnamed(&c, t, &am, gm_gobin_is_library(gb), s, e);
	}
	gm_allm_free(&am);
	free(c.arenas);
	if (c.nomem) {
		gm_maps_report_destroy(r);
		return &gm_error_nomem;
	}
	for (size_t i = 0; i < r->n; i++) {
		struct gm_map_region *m = &r->v[i];
		if (m->cls == GM_MAP_ANON || m->cls == GM_MAP_C_MALLOC) {
			m->in_use = gm_memsrc_nonzero_bytes(t->mem, m->start, m->end);
			for (size_t u = 0; u < t->nuncopied; u++)
				if (t->uncopied[u].start >= m->start && t->uncopied[u].end <= m->end) {
					m->in_use += t->uncopied[u].resident;
					m->not_copied = true;
				}
			r->in_use[m->cls] += m->in_use;
		}
	}
	for (int k = 0; k < GM_MAP_NCLASSES; k++)
		if (k != GM_MAP_RESERVED)
			r->mapped += r->bytes[k];

	struct gm_heap_report *own = NULL;
	const struct gm_heap_report *h = heap;
	struct gm_error *err = h ? NULL : gm_heap_collect(t, gb, l, &own);
	if (!h)
		h = own;
	if (err) {
		problem(r, "heap statistics: %s", err->msg);
		gm_error_destroy(err);
	} else {
		if (h->problem[0])
			problem(r, "heap statistics: %s", h->problem);
		r->have_heap = true;
		r->sys = h->sys;
		r->heap_sys = h->heap_sys;
		r->stack_inuse = h->stack_inuse;
		uint64_t in_arenas = h->heap_sys + h->stack_inuse + h->workbufs;
		r->go_offheap = h->sys > in_arenas ? h->sys - in_arenas : 0;
		/* StackSys - StackInuse: thread stacks the runtime mapped itself
		 * (newosproc0's 8 MiB for a c-shared library's first thread): in
		 * Sys, and in the thread_stack mappings when those hold as much */
		uint64_t os_stacks = h->stack_sys > h->stack_inuse ? h->stack_sys - h->stack_inuse : 0;
		if (os_stacks > r->bytes[GM_MAP_THREAD_STACK])
			os_stacks = r->bytes[GM_MAP_THREAD_STACK];
		r->go_offheap = r->go_offheap > os_stacks ? r->go_offheap - os_stacks : 0;
		/* in uint64 first: damaged statistics can put go_offheap past
		 * INT64_MAX (fuzz_maps, stop 31: a signed overflow) */
		uint64_t anon = r->bytes[GM_MAP_ANON];
		if (anon >= r->go_offheap)
			r->unaccounted = anon - r->go_offheap > (uint64_t)INT64_MAX ? INT64_MAX
										      : (int64_t)(anon - r->go_offheap);
		else
			r->unaccounted = r->go_offheap - anon > (uint64_t)INT64_MAX ? INT64_MIN
										      : -(int64_t)(r->go_offheap - anon);
		/* part of the runtime's off-heap memory may lie in mappings the
		 * core did not save (reserved): then nothing is unaccounted */
		if (r->unaccounted < 0 && r->bytes[GM_MAP_RESERVED] >= r->go_offheap - anon)
			r->unaccounted = 0;
		r->unaccounted_known = r->unaccounted >= 0;
		if (r->unaccounted_known)
			r->unaccounted_in_use = (uint64_t)r->unaccounted < r->in_use[GM_MAP_ANON]
							? (uint64_t)r->unaccounted
							: r->in_use[GM_MAP_ANON];
		if (!r->unaccounted_known)
			problem(r, "the anonymous mappings hold %llu bytes, less than the %llu the Go runtime "
				   "keeps off-heap: the mappings or the runtime's statistics are damaged",
				(unsigned long long)r->bytes[GM_MAP_ANON], (unsigned long long)r->go_offheap);
		gm_heap_report_destroy(own);
	}
	*ret = r;
	return NULL;
}
