/* The goroutine walker: allgs -> records with fully unwound stacks.
 *
 * The unwinder follows the runtime's own (traceback.go, `unwinder` since
 * Go 1.21, `gentraceback` in 1.19): frame size from the pclntab's pcsp
 * table, the return address at fp-8, stop at TOPFRAME / SPWRITE functions
 * or at an unknown PC. Everything that only depends on a PC (function,
 * frame size, inline expansion, argument metadata) is cached per PC, so a
 * core with 100,000 identical stacks symbolizes each PC once. */
#include "gm_goroutines.h"
#include "gwalk_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_bytes.h"

#include "gm_arena.h"
#include "gm_out.h"

static void note_problem(struct gm_gwalk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note_problem(struct gm_gwalk *w, const char *fmt, ...)
{
	if (w->first_problem[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->first_problem, sizeof(w->first_problem), fmt, ap);
	va_end(ap);
	w->stats.first_problem = w->first_problem;
}


/* ---- records ---- */

static bool is_system_goroutine(struct gm_gwalk *w, const struct gm_goroutine *r)
{
	struct pcinfo *e = gm_gwalk__pc_lookup(w, r->startpc, false);
	if (!e->valid)
		return false;
	const char *n = e->fn.name;
	if (!strcmp(n, "runtime.main") || !strcmp(n, "runtime.handleAsyncEvent") ||
	    !strcmp(n, "runtime.corostart"))
		return false;
	if (!strcmp(n, "runtime.runfinq") || !strcmp(n, "runtime.runFinalizers"))
		return !w->fing_running;
	if (!strcmp(n, "runtime.runCleanups") && w->l->g_running_cleanups >= 0) {
		const uint8_t *g = w->gbuf;
		return g[w->l->g_running_cleanups] == 0;
	}
	return strncmp(n, "runtime.", 8) == 0;
}

static void fill_creator(struct gm_gwalk *w, struct gm_goroutine *r)
{
	if (r->goid == 1 || !r->gopc)
		return;
	struct pcinfo *e = gm_gwalk__pc_lookup(w, r->gopc, false);
	if (!e->valid || !e->ninl)
		return;
	/* printcreatedby1 uses the physical function's name and funcline at
	 * gopc-1 (the innermost inlined call's file:line). */
	r->created_by.present = true;
	r->created_by.func = e->fn.name;
	r->created_by.file = e->inl[0].file;
	r->created_by.line = e->inl[0].line;
	r->created_by.pc = r->gopc;
	r->created_by.entry = e->fn.entry;
}

/* g.waitsince is 0 or the work.tstart of the GC that saw the goroutine
 * blocked (markroot), so it lies between the runtime's start and the last
 * GC's start. */
static bool waitsince_plausible(const struct gm_gwalk *w, int64_t ws)
{
	if (ws < 0)
		return false;
	if (w->have_tstart && ws > w->tstart)
		return false;
	return !(w->start_ns > 0 && ws < w->start_ns);
}

static bool is_bubble_reason(const char *s)
{
	size_t n = strlen(s);
	return !strcmp(s, "synctest.Wait") ||
	       (n > 10 && !strcmp(s + n - 10, " (durable)")) ||
	       (n > 11 && !strcmp(s + n - 11, " (synctest)"));
}

/* Values of a g the runtime never produces: a damaged g (garbage, a page of
 * another object). Returns what is impossible, NULL when nothing is. The
 * impossible figure is then not used (no wait minutes, no wait reason). */
static const char *check_g(struct gm_gwalk *w, struct gm_goroutine *r, const uint8_t *g, uint32_t st)
{
	const struct gm_layout *l = w->l;
	bool waiting = (int32_t)st == l->gs_waiting || (l->gs_leaked >= 0 && (int32_t)st == l->gs_leaked);
	if (w->have_goidgen && r->goid > w->goidgen) {
		snprintf(w->damage, sizeof(w->damage),
			 "goid %llu is above sched.goidgen %llu (no goroutine got that id)",
			 (unsigned long long)r->goid, (unsigned long long)w->goidgen);
		return w->damage;
	}
	if (w->have_goidgen && r->parent_goid > w->goidgen) {
		snprintf(w->damage, sizeof(w->damage),
			 "creator goroutine %llu is above sched.goidgen %llu (it never existed)",
			 (unsigned long long)r->parent_goid, (unsigned long long)w->goidgen);
		r->parent_goid = 0;
		return w->damage;
	}
	if (waiting && r->waitreason && l->n_waitreasons > 0 && r->waitreason >= l->n_waitreasons) {
		snprintf(w->damage, sizeof(w->damage), "wait reason %u is not one of go1.%d's %d",
			 r->waitreason, l->go_minor, l->n_waitreasons);
		r->wait_reason = NULL;
		return w->damage;
	}
	if (waiting && r->wait_reason && l->g_bubble >= 0 && !gfield64(w, g, l->g_bubble) &&
	    is_bubble_reason(r->wait_reason)) {
		snprintf(w->damage, sizeof(w->damage),
			 "wait reason \"%s\" is a synctest bubble's, and the goroutine is in no bubble",
			 r->wait_reason);
		r->wait_reason = NULL;
		return w->damage;
	}
	if (r->waitsince && !waitsince_plausible(w, r->waitsince)) {
		if (w->start_ns > 0 && r->waitsince > 0 && r->waitsince < w->start_ns)
			snprintf(w->damage, sizeof(w->damage),
				 "g.waitsince %lld is before the runtime started (runtimeInitTime %lld): a wait longer than the process lived",
				 (long long)r->waitsince, (long long)w->start_ns);
		else if (w->have_tstart && r->waitsince > w->tstart)
			snprintf(w->damage, sizeof(w->damage),
				 "g.waitsince %lld is after the last GC's start (work.tstart %lld), the only time it is set to",
				 (long long)r->waitsince, (long long)w->tstart);
		else
			snprintf(w->damage, sizeof(w->damage), "g.waitsince %lld is not a time",
				 (long long)r->waitsince);
		r->waitsince = 0;
		return w->damage;
	}
	return NULL;
}

static int64_t wait_minutes(const struct gm_gwalk *w, const struct gm_goroutine *r)
{
	uint32_t st = r->status & ~w->l->gs_scan;
	if (r->waitsince <= 0 || w->now <= 0)
		return -1; /* unknown, or garbage: a nanotime is positive */
	if ((int32_t)st != w->l->gs_waiting && (int32_t)st != w->l->gs_syscall)
		return -1;
	if (w->now < r->waitsince)
		return 0;
	return (w->now - r->waitsince) / 60000000000ll;
}

/* While this goroutine is unwound, the next ones come in (issue 22): the g
 * two ahead, and the stack top of the next one, whose g was asked for one
 * goroutine earlier. Only bytes readable now are touched (gm_memsrc_peek);
 * prefetches never fault. */
static void prefetch_ahead(struct gm_gwalk *w)
{
	const struct gm_layout *l = w->l;
	for (uint64_t k = 0; k < 2; k++) {
		uint64_t i = w->idx + 1 - k; /* idx: the next goroutine's slot */
		if (i >= w->allglen)
			continue;
		const uint8_t *slot = gm_memsrc_peek(w->mem, w->allgs_ptr + 8 * i, 8);
		uint64_t gp = slot ? gm_rd64(slot) : 0;
		const uint8_t *g = gp ? gm_memsrc_peek(w->mem, gp, (size_t)l->g_size) : NULL;
		if (!g)
			continue;
		if (k == 0) {
			for (int32_t off = 0; off < l->g_size; off += 64)
				__builtin_prefetch(g + off);
			continue;
		}
		/* the frames sit between sched.sp and the stack's top: up to
		 * PREFETCH_STACK bytes of them */
		uint64_t sp = gm_rd64(g + l->g_sched_sp), hi = 0;
		if (l->g_stack_hi >= 0 && l->g_stack_hi + 8 <= l->g_size)
			hi = gm_rd64(g + l->g_stack_hi);
		uint64_t n = hi > sp && hi - sp < PREFETCH_STACK ? hi - sp : PREFETCH_STACK;
		const uint8_t *st = sp ? gm_memsrc_peek(w->mem, sp, (size_t)n) : NULL;
		if (st)
			for (uint64_t off = 0; off < n; off += 64)
				__builtin_prefetch(st + off);
	}
}

struct gm_error *gm_gwalk_next(struct gm_gwalk *w, const struct gm_goroutine **out)
{
	const struct gm_layout *l = w->l;
	*out = NULL;
	while (w->idx < w->allglen) {
		uint64_t gp;
		uint64_t slot = w->allgs_ptr + 8 * w->idx++;
		if (!gm_memsrc_u64(w->mem, slot, &gp)) {
			w->stats.unreadable++;
			note_problem(w, "allgs[%llu] at 0x%llx is not in the core", (unsigned long long)(w->idx - 1), (unsigned long long)slot);
			goto bad;
		}
		if (!gp || !gm_memsrc_try_read(w->mem, gp, w->gbuf, (size_t)l->g_size)) {
			w->stats.unreadable++;
			note_problem(w, "g %llu at 0x%llx is not readable", (unsigned long long)(w->idx - 1), (unsigned long long)gp);
			goto bad;
		}
		w->bad_run = 0;
		if (!w->t->is_live)
			prefetch_ahead(w);
		const uint8_t *g = w->gbuf;
		uint32_t status = gm_rd32(g + l->g_atomicstatus);
		uint32_t st = status & ~l->gs_scan;
		if ((int32_t)st == l->gs_dead || (l->gs_deadextra >= 0 && (int32_t)st == l->gs_deadextra)) {
			w->stats.dead++;
			continue;
		}
		gm_arena_deinit(&w->scratch);
		gm_arena_init(&w->scratch);
		w->scratch.chunk_size = SCRATCH_CHUNK; /* per goroutine: small chunks, not 1 MiB */
		struct gm_goroutine *r = &w->rec;
		memset(r, 0, sizeof(*r));
		r->frames = w->frames;
		r->addr = gp;
		r->goid = gm_rd64(g + l->g_goid);
		r->status = status;
		r->scan = (status & l->gs_scan) != 0;
		r->leaked = l->gs_leaked >= 0 && (int32_t)st == l->gs_leaked;
		r->waitreason = g[l->g_waitreason];
		r->waitsince = (int64_t)gm_rd64(g + l->g_waitsince);
		if (st < (uint32_t)l->n_gstatus && l->gstatus[st])
			r->status_str = l->gstatus[st];
		else
			r->status_str = "???";
		if (((int32_t)st == l->gs_waiting || (l->gs_leaked >= 0 && (int32_t)st == l->gs_leaked)) &&
		    r->waitreason != 0) {
			r->wait_reason = gm_layout_waitreason(l, r->waitreason);
			r->status_str = r->wait_reason;
		}
		r->parent_goid = l->g_parent_goid >= 0 ? gfield64(w, g, l->g_parent_goid) : 0;
		r->damage = check_g(w, r, g, st);
		if (r->damage) {
			w->stats.damaged++;
			note_problem(w, "goroutine %llu (g at 0x%llx) is damaged: %s",
				     (unsigned long long)r->goid, (unsigned long long)gp, r->damage);
			if (!r->wait_reason && st < (uint32_t)l->n_gstatus && l->gstatus[st])
				r->status_str = l->gstatus[st];
		}
		r->wait_minutes = r->damage ? -1 : wait_minutes(w, r);
		r->m_addr = gfield64(w, g, l->g_m);
		r->m_id = -1;
		if (r->m_addr) {
			uint64_t id;
			if (gm_memsrc_u64(w->mem, r->m_addr + (uint64_t)l->m_id, &id))
				r->m_id = (int64_t)id;
		}
		r->locked = gfield64(w, g, l->g_lockedm) != 0;
		r->gopc = gfield64(w, g, l->g_gopc);
		r->startpc = gfield64(w, g, l->g_startpc);
		struct pcinfo *se = gm_gwalk__pc_lookup(w, r->startpc, false);
		r->start_func = se->valid ? se->fn.name : NULL;
		r->system = is_system_goroutine(w, r);
		fill_creator(w, r);
		if (w->opts.want_labels)
			gm_gwalk__read_labels(w, g);

		if (w->opts.want_stack && !w->opts.want_stack(w->opts.want_stack_arg, r)) {
			r->stack_skipped = true;
			w->stats.live++;
			*out = r;
			return NULL;
		}
		uint64_t syscallsp = gfield64(w, g, l->g_syscallsp);
		struct sigctx sc;
		if ((int32_t)st == l->gs_running && syscallsp == 0) {
			/* Running on a thread: g.sched is stale. A live target's
			 * stopped thread holds its registers; in a crash core they are
			 * in the signal frame the crash left on the thread's signal
			 * stack. Both are interrupted PCs (trap frames). */
			uint64_t lo = gfield64(w, g, l->g_stack_lo), hi = gfield64(w, g, l->g_stack_hi);
			if (w->t->is_live && gm_gwalk__live_thread_context(w, r->m_addr, lo, hi, &sc, false)) {
				r->from_thread = true;
				gm_gwalk__unwind(w, g, sc.pc, sc.sp, sc.lr, true);
			} else if (gm_gwalk__find_signal_context(w, r->m_addr, lo, hi, &sc)) {
				r->from_signal = true;
				gm_gwalk__unwind(w, g, sc.pc, sc.sp, sc.lr, true);
			} else if (!w->t->is_live && gm_gwalk__live_thread_context(w, r->m_addr, lo, hi, &sc, true)) {
				/* no signal frame, but the core caught its thread on the
				 * goroutine's stack (a raise() or abort() with no Go
				 * handler in between: a c-shared library's panic) */
				r->from_thread = true;
				gm_gwalk__unwind(w, g, sc.pc, sc.sp, sc.lr, true);
			} else {
				r->stack_unavailable = true;
			}
		} else if (syscallsp != 0) {
			r->from_syscall = true;
			gm_gwalk__unwind(w, g, gfield64(w, g, l->g_syscallpc), syscallsp, 0, false);
		} else {
			/* g.sched.lr: LR machines only (gobuf.lr; 0 after mcall/gopark) */
			uint64_t slr = l->g_sched_lr >= 0 ? gfield64(w, g, l->g_sched_lr) : 0;
			gm_gwalk__unwind(w, g, gfield64(w, g, l->g_sched_pc), gfield64(w, g, l->g_sched_sp), slr, false);
		}
		if (r->unwind_error) {
			w->stats.unwind_errors++;
			note_problem(w, "goroutine %llu: %s (g at 0x%llx)", (unsigned long long)r->goid, r->unwind_error, (unsigned long long)gp);
		}
		w->stats.live++;
		*out = r;
		return NULL;
	bad:
		if (++w->bad_run >= MAX_BAD_RUN && w->idx < w->allglen) {
			/* a real allgs has no nil entries: this is garbage (a
			 * corrupt length or array pointer); do not read on */
			w->stats.unreadable += w->allglen - w->idx;
			note_problem(w, "allgs[%llu:%llu]: %u nil or unreadable entries in a row, the rest is not read",
				     (unsigned long long)w->idx, (unsigned long long)w->allglen, MAX_BAD_RUN);
			w->idx = w->allglen;
		}
	}
	return NULL;
}

void gm_gwalk_rewind(struct gm_gwalk *w)
{
	w->idx = 0;
	w->bad_run = 0;
	memset(&w->stats, 0, sizeof(w->stats));
	w->stats.allglen = w->allglen;
	w->stats.damaged = w->clock_damaged;
	if (w->clock_damaged) /* the message of read_clock/compute_now stays */
		w->stats.first_problem = w->first_problem;
	else
		w->first_problem[0] = 0;
}

void gm_gwalk_stats(const struct gm_gwalk *w, struct gm_gwalk_stats *out)
{
	*out = w->stats;
}

int64_t gm_gwalk_now(const struct gm_gwalk *w, const char **source)
{
	if (source)
		*source = w->now_source;
	return w->now;
}

/* The runtime's own bounds for its timestamps and goids. */
static void read_clock(struct gm_gwalk *w)
{
	const struct gm_layout *l = w->l;
	uint64_t v;
	if (l->runtime_init_time && gm_memsrc_u64(w->mem, l->runtime_init_time, &v) && (int64_t)v > 0)
		w->start_ns = (int64_t)v;
	if (l->work && l->work_tstart >= 0 &&
	    gm_memsrc_u64(w->mem, l->work + (uint64_t)l->work_tstart, &v)) {
		if ((int64_t)v < 0 || (v && w->start_ns > 0 && (int64_t)v < w->start_ns)) {
			w->stats.damaged++;
			note_problem(w, "work.tstart %lld is before the runtime started (runtimeInitTime %lld): runtime.work is damaged",
				     (long long)v, (long long)w->start_ns);
		} else {
			w->have_tstart = true;
			w->tstart = (int64_t)v;
		}
	}
	if (l->sched && l->sched_goidgen >= 0 &&
	    gm_memsrc_u64(w->mem, l->sched + (uint64_t)l->sched_goidgen, &v)) {
		if (!v) { /* the main goroutine took goid 1 from it */
			w->stats.damaged++;
			note_problem(w, "sched.goidgen is 0: runtime.sched is damaged");
		} else {
			w->have_goidgen = true;
			w->goidgen = v;
		}
	}
}

static void compute_now(struct gm_gwalk *w)
{
	const struct gm_layout *l = w->l;
	int64_t now = 0;
	const char *src = NULL;
	uint64_t v;
	if (w->t->now_ns > 0) { /* live: the target's clock while it was stopped */
		w->now = w->t->now_ns;
		w->now_source = "CLOCK_MONOTONIC";
		return;
	}
	if (l->sched && l->sched_lastpoll >= 0 &&
	    gm_memsrc_u64(w->mem, l->sched + (uint64_t)l->sched_lastpoll, &v) && v &&
	    (int64_t)v > now) {
		/* schedinit sets it just before runtime.main sets runtimeInitTime */
		if ((int64_t)v < 0 || (w->start_ns > 0 && (int64_t)v < w->start_ns - LASTPOLL_SLACK_NS)) {
			w->stats.damaged++;
			note_problem(w, "sched.lastpoll %lld is before the runtime started (runtimeInitTime %lld): not used as a time",
				     (long long)v, (long long)w->start_ns);
		} else {
			now = (int64_t)v;
			src = "sched.lastpoll";
		}
	}
	/* one sweep of allgs per target: every walker of it finds the same */
	if (!w->t->latest_waitsince_known) {
		int64_t latest = 0;
		uint64_t bad = 0;
		for (uint64_t i = 0; i < w->allglen && bad < MAX_BAD_RUN; i++) {
			uint64_t gp, ws;
			if (!gm_memsrc_u64(w->mem, w->allgs_ptr + 8 * i, &gp) || !gp ||
			    !gm_memsrc_u64(w->mem, gp + (uint64_t)l->g_waitsince, &ws)) {
				bad++; /* same rule as gm_gwalk_next */
				continue;
			}
			bad = 0;
			if ((int64_t)ws > latest && waitsince_plausible(w, (int64_t)ws))
				latest = (int64_t)ws;
		}
		w->t->latest_waitsince = latest;
		w->t->latest_waitsince_known = true;
	}
	if (w->t->latest_waitsince > now) {
		now = w->t->latest_waitsince;
		src = "latest g.waitsince";
	}
	w->now = now;
	w->now_source = src;
}

struct gm_error *gm_gwalk_create(struct gm_target *t, const struct gm_gobin *gb,
				 const struct gm_layout *l, const struct gm_gwalk_opts *opts,
				 struct gm_gwalk **ret)
{
	*ret = NULL;
	if (!l->allgs)
		return gm_error_create(GM_ERR_LOOKUP, "runtime.allgs not found in the executable");
	if (l->g_size <= 0 || l->g_size > 4096 || l->g_goid < 0 || l->g_atomicstatus < 0 ||
	    l->g_sched_sp < 0 || l->g_sched_pc < 0 || l->g_stack_hi < 0 || l->g_waitreason < 0 ||
	    l->g_waitsince < 0)
		return gm_error_create(GM_ERR_UNSUPPORTED, "the runtime.g layout is incomplete");
	uint8_t hdr[16];
	if (!gm_memsrc_try_read(t->mem, l->allgs, hdr, 16))
		return gm_error_fault(l->allgs, "runtime.allgs at 0x%llx is not in the core",
				      (unsigned long long)l->allgs);
	struct gm_gwalk *w = calloc(1, sizeof(*w));
	if (!w)
		return &gm_error_nomem;
	w->t = t;
	w->mem = t->mem;
	w->gb = gb;
	w->l = l;
	w->uses_lr = gm_arch_uses_lr(gb->arch);
	w->min_frame = gm_arch_min_frame_size(gb->arch);
	if (opts)
		w->opts = *opts;
	w->allgs_ptr = gm_rd64(hdr);
	w->allglen = gm_rd64(hdr + 8);
	if (w->allglen > MAX_ALLGLEN) {
		free(w);
		return gm_error_create(GM_ERR_FORMAT, "runtime.allgs has an absurd length (%llu)",
				       (unsigned long long)gm_rd64(hdr + 8));
	}
	if (!w->allglen || !w->allgs_ptr) {
		/* A started Go program always has goroutines in allgs: an empty
		 * slice means the core's copy of it was lost (zeroed page), not
		 * "no goroutines" (nothing printed, exit 0 would be a wrong answer). */
		free(w);
		return gm_error_create(GM_ERR_FORMAT,
				       "runtime.allgs is empty (len %llu, array 0x%llx): the core's copy of the goroutine list is lost",
				       (unsigned long long)gm_rd64(hdr + 8),
				       (unsigned long long)gm_rd64(hdr));
	}
	/* the walk reads every g and the top of every stack: most of a core
	 * with many goroutines; let the kernel read ahead (issue 22) */
	if (!t->is_live)
		gm_memsrc_willneed(t->mem);
	w->gbuf = calloc(1, (size_t)l->g_size);
	gm_arena_init(&w->cache_arena);
	gm_arena_init(&w->scratch);
	w->scratch.chunk_size = SCRATCH_CHUNK; /* per goroutine: small chunks, not 1 MiB */
	if (!w->gbuf || !gm_gwalk__cache_grow(w)) {
		gm_gwalk_destroy(w);
		return &gm_error_nomem;
	}
	w->stats.allglen = w->allglen;
	/* Walk only the part of the allgs array the core has: a garbage length
	 * (up to MAX_ALLGLEN) over unsaved memory would otherwise cost two
	 * failing reads per slot. The rest counts as unreadable. */
	uint64_t a = w->allgs_ptr, end = w->allgs_ptr + 8 * w->allglen;
	if (end < a)
		end = UINT64_MAX;
	while (a < end) {
		const struct gm_segment *seg = gm_memsrc_segment_at(w->mem, a);
		if (!seg || !seg->data || a - seg->vaddr >= seg->filesz)
			break;
		a = seg->vaddr + seg->filesz;
		if (a < seg->vaddr)
			break;
	}
	if (a < end) {
		uint64_t have = (a - w->allgs_ptr) / 8;
		w->stats.unreadable += w->allglen - have;
		note_problem(w, "allgs[%llu:%llu] at 0x%llx is not in the core",
			     (unsigned long long)have, (unsigned long long)w->allglen,
			     (unsigned long long)(w->allgs_ptr + 8 * have));
		w->allglen = have;
	}
	/* allgs[0] is the main goroutine (goid 1, started at runtime.main) in
	 * every process: a layout taken from a neighbouring version's table is
	 * only trusted when it reads that back. */
	if (l->approximate) {
		uint64_t g0p = 0, goid = 0, startpc = 0;
		struct gm_func mf;
		bool ok = w->allglen > 0 && gm_memsrc_u64(t->mem, w->allgs_ptr, &g0p) && g0p &&
			  gm_memsrc_u64(t->mem, g0p + (uint64_t)l->g_goid, &goid) && goid == 1 &&
			  gm_memsrc_u64(t->mem, g0p + (uint64_t)l->g_startpc, &startpc) &&
			  gm_gobin_find_func(gb, startpc, &mf) && !strcmp(mf.name, "runtime.main");
		if (!ok) {
			gm_gwalk_destroy(w);
			return gm_error_create(GM_ERR_UNSUPPORTED,
					       "%s: the table does not fit this binary (allgs[0] is not the "
					       "main goroutine); this Go version needs DWARF or its own table",
					       l->source);
		}
	}
	struct gm_func f;
	if (gm_gobin_func_by_name(gb, "runtime.sigreturn__sigaction", &f))
		w->sigreturn[0] = f.entry;
	if (gm_gobin_func_by_name(gb, "runtime.sigreturn", &f))
		w->sigreturn[1] = f.entry;
	if (l->fing)
		gm_memsrc_u64(w->mem, l->fing, &w->fing);
	if (l->fing_status) {
		uint32_t s;
		if (gm_memsrc_u32(w->mem, l->fing_status, &s))
			w->fing_running = (s & l->fing_running_finalizer_bit) != 0;
	} else if (l->fing_running) {
		uint8_t b;
		if (gm_memsrc_u8(w->mem, l->fing_running, &b))
			w->fing_running = b != 0;
	}
	read_clock(w);
	compute_now(w);
	w->clock_damaged = w->stats.damaged;
	*ret = w;
	return NULL;
}

int64_t gm_gwalk_estimate_now(struct gm_target *t, const struct gm_gobin *gb,
			      const struct gm_layout *l, const char **source)
{
	struct gm_gwalk_opts wo = {0};
	struct gm_gwalk *w = NULL;
	struct gm_error *err = gm_gwalk_create(t, gb, l, &wo, &w);
	int64_t now;
	if (!err && w) {
		now = gm_gwalk_now(w, source);
	} else {
		gm_error_destroy(err);
		now = t->now_ns;
		if (source)
			*source = t->now_ns ? "CLOCK_MONOTONIC" : NULL;
	}
	gm_gwalk_destroy(w);
	return now;
}

void gm_gwalk_destroy(struct gm_gwalk *w)
{
	if (!w)
		return;
	free(w->cache);
	free(w->frames);
	free(w->gbuf);
	gm_arena_deinit(&w->cache_arena);
	gm_arena_deinit(&w->scratch);
	free(w);
}

/* ---- names ---- */

char *gm_go_funcname_for_print(const char *name, int go_minor, char *buf, size_t n)
{
	if (!n)
		return buf;
	if (!strcmp(name, "runtime.gopanic")) {
		snprintf(buf, n, "panic");
		return buf;
	}
	const char *i = strchr(name, '[');
	const char *j = i ? strrchr(name, ']') : NULL;
	if (go_minor < 21 || !i || !j || j <= i)
		return (char *)name; /* printed as is: no copy */
	/* interior = (i, j) */
	if (go_minor >= 27 && memchr(i + 1, '[', (size_t)(j - i - 1))) {
		int depth = 1;
		const char *rbr = NULL, *lbr = NULL;
		for (const char *k = i + 1; k < j; k++) {
			if (*k == '[') {
				depth++;
				if (depth != 1)
					continue;
				lbr = k;
				break;
			}
			if (*k == ']') {
				depth--;
				if (depth < 0)
					break;
				if (depth != 0)
					continue;
				rbr = k;
			}
		}
		if (depth == 1 && rbr && lbr && lbr > rbr) {
			snprintf(buf, n, "%.*s[...]%.*s[...]%s", (int)(i - name), name,
				 (int)(lbr - rbr - 1), rbr + 1, j + 1);
			return buf;
		}
		if (!(depth == 1 && !rbr && !lbr))
			return (char *)name;
	}
	snprintf(buf, n, "%.*s[...]%s", (int)(i - name), name, j + 1);
	return buf;
}
