/* Plausibility checks on runtime structures (src/walk/rtcheck.h): what the
 * runtime's own invariants say about a P and about the spans, so that a
 * damaged core (zeroed pages, garbage) is reported as damaged instead of
 * read as a smaller, emptier heap. */
#include <stdio.h>
#include <string.h>

#include "rtcheck.h"

#define PAGE_SIZE_GO 8192ull
#define HEAP_ARENA_BYTES (64ull << 20)         /* heapArenaBytes, linux/amd64 and arm64 */
#define ARENA_L2_ENTRIES (1ull << 22)          /* arenaL2Bits (arenaL1Bits = 0) */
#define PAGES_PER_ARENA (HEAP_ARENA_BYTES / PAGE_SIZE_GO)
#define MAX_SPANS (1ull << 27)
#define MAX_ARENAS (1ull << 22)
#define P_DEAD 4u /* _Pdead (runtime2.go: _Pidle=0 _Prunning _Psyscall _Pgcstop _Pdead) */

/* Offset of heapArena.spans, which follows the pointer bitmap when the
 * arena has one: 1.19 bitmap [2 MiB]byte; 1.21 (and 1.22 built with
 * GOEXPERIMENT=noallocheaders) bitmap [1 MiB]byte-worth of uintptr +
 * noMorePtrs [16 KiB]; 1.22 (allocheaders) and later: first. pageInUse
 * follows spans ([pagesPerArena]*mspan). The right one is the one the
 * in-use spans agree on. */
static const uint64_t spans_offs[] = {0, 0x104000, 0x200000};
#define NOFFS (sizeof(spans_offs) / sizeof(spans_offs[0]))

bool gm_rtcheck_p(struct gm_memsrc *m, const struct gm_layout *l, uint64_t i, uint64_t p,
		  char *msg, size_t n)
{
	uint32_t id, status;
	uint64_t mc = 0;
	if (!p) {
		snprintf(msg, n, "allp[%llu] is nil (the P list is damaged)", (unsigned long long)i);
		return false;
	}
	/* p.id int32 and p.status uint32 are the first two fields in every
	 * supported version (runtime2.go) */
	if (!gm_memsrc_u32(m, p, &id) || !gm_memsrc_u32(m, p + 4, &status) ||
	    (l->p_mcache >= 0 && !gm_memsrc_u64(m, p + (uint64_t)l->p_mcache, &mc))) {
		snprintf(msg, n, "allp[%llu] (P at 0x%llx) is not in the core", (unsigned long long)i,
			 (unsigned long long)p);
		return false;
	}
	if (id != i || status > P_DEAD || (l->p_mcache >= 0 && status != P_DEAD && !mc)) {
		snprintf(msg, n,
			 "allp[%llu] (P at 0x%llx) is damaged: id %u, status %u, mcache 0x%llx",
			 (unsigned long long)i, (unsigned long long)p, id, status,
			 (unsigned long long)mc);
		return false;
	}
	return true;
}

static uint64_t arena_index(const struct gm_layout *l, uint64_t a)
{
	return (a - gm_layout_arena_base(l)) / HEAP_ARENA_BYTES;
}

bool gm_rtcheck_spans(struct gm_memsrc *m, const struct gm_layout *l, char *msg, size_t n)
{
	if (!l->mheap || l->mheap_allspans < 0 || l->mspan_state < 0 || l->mspan_startaddr < 0 ||
	    l->mspan_npages < 0 || l->mspan_inuse < 0)
		return true; /* nothing to check with: the callers say what they lack */
	uint64_t arr, len;
	uint64_t a = l->mheap + (uint64_t)l->mheap_allspans;
	if (!gm_memsrc_u64(m, a, &arr) || !gm_memsrc_u64(m, a + 8, &len) || !len ||
	    len > MAX_SPANS)
		return true; /* the callers report these themselves */
	uint64_t l2 = 0;
	bool have_l2 = l->mheap_arenas >= 0 &&
		       gm_memsrc_u64(m, l->mheap + (uint64_t)l->mheap_arenas, &l2);
	if (have_l2 && !l2) { /* mallocinit allocates the arena index */
		snprintf(msg, n, "mheap_.arenas[0] is nil: the core's copy of mheap_ is damaged");
		return false;
	}
	uint64_t inuse = 0, match[NOFFS] = {0}, first_bad[NOFFS] = {0};
	uint8_t inuse_state = (uint8_t)l->mspan_inuse;
	for (uint64_t i = 0; i < len; i++) {
		uint64_t sp, start, npages;
		uint8_t st;
		if (!gm_memsrc_u64(m, arr + 8 * i, &sp))
			return true; /* callers: "allspans[i] is not in the core" */
		if (!sp) {
			snprintf(msg, n, "mheap_.allspans[%llu] is nil (the span list is damaged)",
				 (unsigned long long)i);
			return false;
		}
		if (!gm_memsrc_u8(m, sp + (uint64_t)l->mspan_state, &st) ||
		    !gm_memsrc_u64(m, sp + (uint64_t)l->mspan_startaddr, &start) ||
		    !gm_memsrc_u64(m, sp + (uint64_t)l->mspan_npages, &npages)) {
			snprintf(msg, n, "span 0x%llx (mheap_.allspans[%llu]) is not in the core",
				 (unsigned long long)sp, (unsigned long long)i);
			return false;
		}
		/* recordspan adds a span to allspans when fixalloc hands it
		 * out; initSpan gives it a base and a size when it is used,
		 * freeing leaves both (fixalloc does not zero spans). A span
		 * never used yet (in a P's mspancache) is all zero and dead. */
		bool fresh = !start && !npages && st == 0;
		if (!fresh && (!start || start % PAGE_SIZE_GO || !npages ||
			       npages > (1ull << 40) / PAGE_SIZE_GO || st > inuse_state + 1u)) {
			snprintf(msg, n,
				 "span 0x%llx (mheap_.allspans[%llu]) is damaged: start 0x%llx, "
				 "%llu pages, state %u",
				 (unsigned long long)sp, (unsigned long long)i,
				 (unsigned long long)start, (unsigned long long)npages, st);
			return false;
		}
		if (st != inuse_state)
			continue;
		inuse++;
		if (!have_l2)
			continue;
		uint64_t ai = arena_index(l, start), ha = 0, specials = 0;
		uint64_t page = (start % HEAP_ARENA_BYTES) / PAGE_SIZE_GO;
		bool ok = ai < ARENA_L2_ENTRIES && gm_memsrc_u64(m, l2 + 8 * ai, &ha) && ha;
		for (size_t k = 0; k < NOFFS; k++) {
			uint64_t v = 0;
			uint8_t bits = 0;
			uint64_t so = ha + spans_offs[k];
			/* pageSpecials (after pageInUse and pageMarks): set
			 * while the span has specials (spanHasSpecials, under
			 * speciallock with the list) */
			uint8_t sbits = 0;
			bool spec_ok = l->mspan_specials < 0 ||
				       (gm_memsrc_u64(m, sp + (uint64_t)l->mspan_specials, &specials) &&
					gm_memsrc_u8(m, so + 8 * PAGES_PER_ARENA + 2 * (PAGES_PER_ARENA / 8) +
							     page / 8, &sbits) &&
					(specials != 0) == ((sbits >> (page % 8) & 1) != 0));
			if (ok && gm_memsrc_u64(m, so + 8 * page, &v) && v == sp &&
			    gm_memsrc_u8(m, so + 8 * PAGES_PER_ARENA + page / 8, &bits) &&
			    (bits >> (page % 8) & 1) && spec_ok)
				match[k]++;
			else if (!first_bad[k])
				first_bad[k] = sp;
		}
	}
	if (!inuse) { /* the g's and most of what the runtime allocates live in spans */
		snprintf(msg, n, "mheap_.allspans (%llu spans) has no span in use: the spans are damaged",
			 (unsigned long long)len);
		return false;
	}
	if (!have_l2)
		return true;
	size_t best = 0;
	for (size_t k = 1; k < NOFFS; k++)
		if (match[k] > match[best])
			best = k;
	if (match[best] != inuse) {
		snprintf(msg, n,
			 "%llu of %llu in-use spans disagree with their arena (span lookup, pageInUse "
			 "or pageSpecials bit; first: span 0x%llx): the spans or the arena are damaged",
			 (unsigned long long)(inuse - match[best]), (unsigned long long)inuse,
			 (unsigned long long)first_bad[best]);
		return false;
	}
	/* the pageInUse bits of every arena count the in-use spans exactly */
	uint64_t aarr, na, bits = 0;
	if (l->mheap_allarenas < 0 ||
	    !gm_memsrc_u64(m, l->mheap + (uint64_t)l->mheap_allarenas, &aarr) ||
	    !gm_memsrc_u64(m, l->mheap + (uint64_t)l->mheap_allarenas + 8, &na) || !na ||
	    na > MAX_ARENAS) {
		snprintf(msg, n, "mheap_.allArenas is not readable or empty");
		return false;
	}
	for (uint64_t i = 0; i < na; i++) {
		uint64_t ai, ha;
		uint8_t buf[PAGES_PER_ARENA / 8];
		if (!gm_memsrc_u64(m, aarr + 8 * i, &ai) || ai >= ARENA_L2_ENTRIES ||
		    !gm_memsrc_u64(m, l2 + 8 * ai, &ha) || !ha ||
		    !gm_memsrc_try_read(m, ha + spans_offs[best] + 8 * PAGES_PER_ARENA, buf,
					sizeof(buf))) {
			snprintf(msg, n, "heap arena %llu of mheap_.allArenas is not in the core",
				 (unsigned long long)i);
			return false;
		}
		for (size_t k = 0; k < sizeof(buf); k++)
			bits += (uint64_t)__builtin_popcount(buf[k]);
	}
	if (bits != inuse) {
		snprintf(msg, n,
			 "the arenas' pageInUse bits count %llu in-use spans, mheap_.allspans has %llu: "
			 "the spans are damaged",
			 (unsigned long long)bits, (unsigned long long)inuse);
		return false;
	}
	return true;
}

bool gm_rtcheck_global_page(struct gm_memsrc *m, const struct gm_gobin *gb,
			    const struct gm_layout *l, uint64_t addr, const char *what, char *msg,
			    size_t n)
{
	/* one-word globals set during start-up (schedinit, mallocinit,
	 * modulesinit, goargs, procresize, newproc) and never reset */
	static const char *const names[] = {
		"runtime.allp", "runtime.allm", "runtime.allgs", "runtime.allglen",
		"runtime.allgptr", "runtime.modulesSlice", "runtime.argv", "runtime.argslice",
		"runtime.envs", "runtime.ncpu", "runtime.physPageSize", "runtime.gomaxprocs",
		"runtime.mainStarted", "runtime.buildVersion", "runtime.firstmoduledata",
		/* first word non-zero: stealOrder.count, the masks' arrays
		 * (procresize), sched.goidgen, m0.g0, g0.stack.lo */
		"runtime.stealOrder", "runtime.idlepMask", "runtime.timerpMask", "runtime.sched",
		"runtime.m0", "runtime.g0",
	};
	if (!addr)
		return true;
	uint64_t pg = addr & ~4095ull;
	uint8_t buf[4096];
	if (!gm_memsrc_try_read(m, pg, buf, sizeof(buf)))
		return true; /* not in the core: the readers say so themselves */
	for (size_t i = 0; i < sizeof(buf); i++)
		if (buf[i])
			return true;
	uint64_t lay[] = {l->allp, l->allm, l->allgs, l->allglen};
	const char *lay_names[] = {"runtime.allp", "runtime.allm", "runtime.allgs", "runtime.allglen"};
	const char *hit = NULL;
	for (size_t i = 0; i < sizeof(lay) / sizeof(lay[0]) && !hit; i++)
		if (lay[i] && (lay[i] & ~4095ull) == pg)
			hit = lay_names[i];
	for (size_t i = 0; gb && i < sizeof(names) / sizeof(names[0]) && !hit; i++) {
		uint64_t a = 0;
		if (gm_gobin_sym(gb, names[i], &a, NULL) && a && (a & ~4095ull) == pg)
			hit = names[i];
	}
	if (!hit)
		return true;
	snprintf(msg, n,
		 "the page holding %s (0x%llx) is all zeros, and so is %s on it, which a started "
		 "program never has zero: the core's copy of that page is lost",
		 what, (unsigned long long)pg, hit);
	return false;
}

bool gm_rtcheck_gcstats(struct gm_memsrc *m, const struct gm_layout *l, char *msg, size_t n)
{
	uint64_t ms = l->memstats, unix_t = 0, nano = 0, pause = 0;
	uint32_t numgc = 0;
	if (!ms || l->mstats_numgc < 0 || l->mstats_last_gc_unix < 0 ||
	    l->mstats_last_gc_nanotime < 0 || l->mstats_pause_total_ns < 0)
		return true;
	if (!gm_memsrc_u32(m, ms + (uint64_t)l->mstats_numgc, &numgc) ||
	    !gm_memsrc_u64(m, ms + (uint64_t)l->mstats_last_gc_unix, &unix_t) ||
	    !gm_memsrc_u64(m, ms + (uint64_t)l->mstats_last_gc_nanotime, &nano) ||
	    !gm_memsrc_u64(m, ms + (uint64_t)l->mstats_pause_total_ns, &pause))
		return true; /* not in the core: the readers say so */
	bool a = numgc != 0, b = unix_t != 0, c = nano != 0, d = pause != 0;
	if (a == b && b == c && c == d) {
		/* gcMarkTermination stores the same nanotime in work.tEnd and
		 * memstats.last_gc_nanotime, and the same unix time in
		 * last_gc_unix and pause_end[numgc % 256] (before numgc++); the
		 * runtime started (runtimeInitTime) before any GC */
		uint64_t tend = 0, pend = 0, init = 0;
		if (l->work && l->work_tend >= 0 && gm_memsrc_u64(m, l->work + (uint64_t)l->work_tend, &tend) &&
		    tend != nano) {
			snprintf(msg, n,
				 "memstats.last_gc_nanotime %llu differs from work.tEnd %llu (the runtime stores "
				 "the same time in both): memstats or runtime.work is damaged",
				 (unsigned long long)nano, (unsigned long long)tend);
			return false;
		}
		if (numgc && l->mstats_pause_end >= 0 &&
		    gm_memsrc_u64(m, ms + (uint64_t)l->mstats_pause_end + 8 * ((numgc - 1) % 256), &pend) &&
		    pend != unix_t) {
			snprintf(msg, n,
				 "memstats.last_gc_unix %llu differs from pause_end[%u] %llu (the runtime stores "
				 "the same time in both): memstats is damaged",
				 (unsigned long long)unix_t, (numgc - 1) % 256, (unsigned long long)pend);
			return false;
		}
		if (numgc && l->runtime_init_time && gm_memsrc_u64(m, l->runtime_init_time, &init) &&
		    (int64_t)init > 0 && ((int64_t)nano < 0 || (int64_t)nano < (int64_t)init)) {
			snprintf(msg, n,
				 "memstats.last_gc_nanotime %llu is before the runtime started (runtimeInitTime "
				 "%llu): memstats is damaged",
				 (unsigned long long)nano, (unsigned long long)init);
			return false;
		}
		return true;
	}
	snprintf(msg, n,
		 "memstats is damaged: numgc %u, last_gc_unix %llu, last_gc_nanotime %llu, "
		 "pause_total_ns %llu (all zero before the first GC, none after)",
		 numgc, (unsigned long long)unix_t, (unsigned long long)nano,
		 (unsigned long long)pause);
	return false;
}
