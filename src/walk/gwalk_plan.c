/* The goroutine walker's copy plan for a live process (gm_gwalk_live_plan,
 * gm_goroutines.h): what gm_gwalk_next will read, queued on the live reader
 * while the process is stopped. The session runs it (gm_session_opts.
 * live_plan, given by the layer that opens sessions: the session may not
 * call a walker). It reads what the walker reads with the walker's own
 * field reader (gfield64) and limits, and the labels with the walker's own
 * label reader (gwalk_labels.c) over a recording memsrc
 * (gm_live_recorder): whatever that reader reads is copied, there is no
 * second copy of it here. */
#include "gm_goroutines.h"
#include "gwalk_internal.h"

#include <stdlib.h>
#include <string.h>

#include "gm_arena.h"
#include "gm_live.h"

#define MAX_MS 100000
#define MAX_STACK (1ull << 30)
#define MAX_SIGNAL_STACK (1u << 24)

/* Every M (runtime.allm): the m, its g0 and gsignal; then, after a fetch,
 * the g0 or signal stack a thread was stopped on, from its sp up (a running
 * goroutine's signal frame is there: gwalk_signal.c). */
static void want_ms(struct gm_gwalk *w, struct gm_live_reader *r, bool stacks)
{
	const struct gm_layout *l = w->l;
	uint64_t msize = l->m_size > 0 && l->m_size <= 65536 ? (uint64_t)l->m_size : 4096;
	uint64_t mp = 0;
	size_t nth;
	const struct gm_thread *th = gm_live_threads(r, &nth);
	if (l->allm)
		gm_live_u64(r, l->allm, &mp);
	for (int n = 0; mp && n < MAX_MS; n++) {
		int32_t offs[2] = {l->m_g0, l->m_gsignal};
		if (!stacks)
			gm_live_want(r, mp, msize);
		for (int k = 0; k < 2; k++) {
			uint64_t sg;
			if (offs[k] < 0 || !gm_live_u64(r, mp + (uint64_t)offs[k], &sg) || !sg)
				continue;
			if (!stacks) {
				gm_live_want(r, sg, (uint64_t)l->g_size);
				continue;
			}
			if (!gm_live_read(r, sg, w->gbuf, (size_t)l->g_size))
				continue;
			uint64_t lo = gfield64(w, w->gbuf, l->g_stack_lo), hi = gfield64(w, w->gbuf, l->g_stack_hi);
			if (hi <= lo || hi - lo > MAX_SIGNAL_STACK)
				continue;
			for (size_t t = 0; t < nth; t++)
				if (th[t].regs_live && th[t].r.sp >= lo && th[t].r.sp < hi)
					gm_live_want(r, th[t].r.sp & ~7ull, hi - (th[t].r.sp & ~7ull));
		}
		if (l->m_alllink < 0 || !gm_live_u64(r, mp + (uint64_t)l->m_alllink, &mp))
			break;
	}
}

/* A goroutine's used stack: from the lowest of g.sched.sp, g.syscallsp and
 * a stopped thread's sp on it (the contexts gm_gwalk_next unwinds from) up
 * to stack.hi. */
static void want_stack(struct gm_gwalk *w, struct gm_live_reader *r, const uint8_t *g,
		       const struct gm_thread *th, size_t nth)
{
	const struct gm_layout *l = w->l;
	uint64_t lo = gfield64(w, g, l->g_stack_lo), hi = gfield64(w, g, l->g_stack_hi);
	if (hi <= lo || hi - lo > MAX_STACK)
		return;
	uint64_t start = hi;
	uint64_t cand[2] = {gfield64(w, g, l->g_sched_sp), gfield64(w, g, l->g_syscallsp)};
	for (int k = 0; k < 2; k++)
		if (cand[k] >= lo && cand[k] < start)
			start = cand[k];
	for (size_t k = 0; k < nth; k++)
		if (th[k].regs_live && th[k].r.sp >= lo && th[k].r.sp < start)
			start = th[k].r.sp;
	start &= ~7ull;
	if (start < lo)
		start = lo;
	gm_live_want(r, start, hi - start);
}

/* The labels: gm_gwalk__read_labels itself, over the recorder. */
static void read_labels(struct gm_gwalk *w, struct gm_live_recorder *rec, const uint8_t *g)
{
	gm_live_recorder_reset(rec);
	gm_arena_reset(&w->scratch);
	w->rec.labels = NULL; /* all of w->rec the label reader uses */
	w->rec.nlabels = 0;
	gm_gwalk__read_labels(w, g);
}

#define MAX_LABEL_PASSES 16 /* levels of pointers: 3 for the slice, 4-5 for the map */
#define BUDGET_EVERY 1024   /* goroutines between two looks at the pause budget */

/* The labels of the goroutines whose g.labels are lps, in passes:
 * each runs the label reader over the goroutines still pending, whose reads
 * of bytes not copied yet were queued, and one fetch reads what they all
 * asked for, in batches (reading them one goroutine at a time was one
 * process_vm_readv a page and most of the stop at 100,000 labelled
 * goroutines). The first pass's fetch also copies the stacks queued before.
 * Past MAX_LABEL_PASSES (a chain of map buckets), the rest is read at once. */
static struct gm_error *want_labels(struct gm_gwalk *w, struct gm_live_reader *r, uint64_t *lps, size_t n)
{
	struct gm_live_recorder *rec;
	struct gm_error *err = gm_live_recorder_create(r, &rec);
	if (err)
		return err;
	w->mem = gm_live_recorder_mem(rec);
	/* the reader is given a g with nothing but its labels */
	memset(w->gbuf, 0, (size_t)w->l->g_size);
	w->scratch.chunk_size = SCRATCH_CHUNK;
	for (int pass = 0; n && !err; pass++) {
		bool last = pass == MAX_LABEL_PASSES;
		gm_live_recorder_set_deferred(rec, !last);
		gm_live_recorder_next_pass(rec);
		size_t keep = 0;
		for (size_t i = 0; i < n; i++) {
			if (i % BUDGET_EVERY == 0)
				gm_live_check_budget(r);
			memcpy(w->gbuf + w->l->g_labels, &lps[i], 8);
			read_labels(w, rec, w->gbuf);
			if (gm_live_recorder_pending(rec))
				lps[keep++] = lps[i];
		}
		n = last ? 0 : keep;
		err = gm_live_fetch(r);
	}
	gm_live_recorder_destroy(rec);
	w->mem = NULL;
	return err;
}

struct gm_error *gm_gwalk_live_plan(const struct gm_gobin *gb, const struct gm_layout *l,
				    struct gm_live_reader *r)
{
	if (l->g_size <= 0 || l->g_size > 4096 || !l->allgs)
		return gm_error_create(GM_ERR_UNSUPPORTED, "live: the runtime.g layout is incomplete");
	uint8_t gbuf[4096];
	struct gm_gwalk w = {.gb = gb, .l = l, .gbuf = gbuf};
	gm_arena_init(&w.scratch);
	struct gm_error *err;

	uint64_t allgs = 0, allglen = 0;
	if (!gm_live_u64(r, l->allgs, &allgs) || !gm_live_u64(r, l->allgs + 8, &allglen))
		return gm_error_fault(l->allgs, "live: cannot read runtime.allgs at 0x%llx",
				      (unsigned long long)l->allgs);
	if (allglen > MAX_ALLGLEN)
		return gm_error_create(GM_ERR_FORMAT, "live: runtime.allgs has an absurd length (%llu)",
				       (unsigned long long)allglen);
	gm_live_want(r, allgs, allglen * 8);
	want_ms(&w, r, false);
	if ((err = gm_live_fetch(r)))
		return err;

	for (uint64_t i = 0; i < allglen && !err; i++) {
		uint64_t gp;
		if (i % BUDGET_EVERY == 0)
			gm_live_check_budget(r);
		if (gm_live_u64(r, allgs + 8 * i, &gp) && gp)
			gm_live_want(r, gp, (uint64_t)l->g_size);
	}
	if ((err = gm_live_fetch(r)))
		return err;

	want_ms(&w, r, true);
	size_t nth;
	const struct gm_thread *th = gm_live_threads(r, &nth);
	uint64_t *labelled = NULL; /* the g.labels of the live goroutines with labels */
	size_t nlab = 0, caplab = 0;
	for (uint64_t i = 0; i < allglen; i++) {
		uint64_t gp;
		if (i % BUDGET_EVERY == 0)
			gm_live_check_budget(r);
		if (!gm_live_u64(r, allgs + 8 * i, &gp) || !gp || !gm_live_read(r, gp, gbuf, (size_t)l->g_size))
			continue;
		uint32_t st = gm_rd32(gbuf + l->g_atomicstatus) & ~l->gs_scan;
		if ((int32_t)st == l->gs_dead || (l->gs_deadextra >= 0 && (int32_t)st == l->gs_deadextra))
			continue;
		want_stack(&w, r, gbuf, th, nth);
		uint64_t lp = gfield64(&w, gbuf, l->g_labels);
		if (!lp || (nlab && labelled[nlab - 1] == lp))
			continue; /* none, or the label set of the goroutine before (inherited) */
		if (nlab == caplab && !gm_grow((void **)&labelled, &caplab, nlab + 1, sizeof(*labelled))) {
			err = &gm_error_nomem;
			break;
		}
		labelled[nlab++] = lp;
	}
	if (!err)
		err = nlab ? want_labels(&w, r, labelled, nlab) : gm_live_fetch(r);
	free(labelled);
	gm_arena_deinit(&w.scratch);
	return err;
}
