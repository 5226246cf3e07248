/* Threads: each OS thread of the target, the M on it (runtime.allm by
 * m.procid), and its native stack. See include/walk/gm_threads.h. */
#include "gm_threads.h"

#include "gm_allm.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool rd64(struct gm_target *t, uint64_t base, int32_t off, uint64_t *v)
{
	return off >= 0 && gm_memsrc_u64(t->mem, base + (uint64_t)off, v);
}

static uint64_t goid_of(struct gm_target *t, const struct gm_layout *l, uint64_t g)
{
	uint64_t id = 0;
	if (g)
		rd64(t, g, l->g_goid, &id);
	return id;
}

static bool stack_of(struct gm_target *t, const struct gm_layout *l, uint64_t g, uint64_t sp)
{
	uint64_t lo, hi;
	return g && rd64(t, g, l->g_stack_lo, &lo) && rd64(t, g, l->g_stack_hi, &hi) && lo < hi &&
	       sp >= lo && sp < hi;
}

static void problem(struct gm_threads *ts, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct gm_threads *ts, const char *fmt, ...)
{
	if (!ts->nproblems++) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(ts->problem_buf, sizeof(ts->problem_buf), fmt, ap);
		va_end(ap);
		ts->problem = ts->problem_buf;
	}
}

#define MAX_ALLG_SCAN (1u << 22)

/* m.curg and m.lockedg are in runtime.allgs (newproc1 adds every g before
 * it can run; oneNewExtraM adds an extra M's g). Returns the index of the first curg not found, -1 when all are (or
 * allgs cannot be read: the goroutine walker says so itself). */
static long curg_not_in_allgs(struct gm_target *t, const struct gm_layout *l, const uint64_t *curg,
			      size_t n)
{
	uint64_t arr, len;
	if (!n || !l->allgs || !gm_memsrc_u64(t->mem, l->allgs, &arr) ||
	    !gm_memsrc_u64(t->mem, l->allgs + 8, &len) || !arr || !len)
		return -1;
	if (len > MAX_ALLG_SCAN)
		return -1;
	bool found[64] = {0};
	size_t left = n;
	uint64_t buf[512];
	for (uint64_t i = 0; i < len && left; i += 512) {
		size_t k = len - i < 512 ? (size_t)(len - i) : 512;
		if (!gm_memsrc_try_read(t->mem, arr + 8 * i, buf, 8 * k))
			return -1;
		for (size_t j = 0; j < k; j++)
			for (size_t c = 0; c < n; c++)
				if (!found[c] && buf[j] == curg[c]) {
					found[c] = true;
					left--;
				}
	}
	for (size_t c = 0; c < n; c++)
		if (!found[c])
			return (long)c;
	return -1;
}

/* Invariants of the M list the runtime keeps (proc.go): every M made by
 * mcommoninit is on allm until mexit takes it off, and sched.mnext counts
 * the Ms made, sched.nmfreed the ones freed; ids are handed out from mnext;
 * a thread records its tid in m.procid (minit); every running goroutine is
 * in allgs; without cgo every thread is the runtime's. */
static void check_ms(struct gm_threads *ts, struct gm_target *t, const struct gm_gobin *gb,
		     const struct gm_layout *l, const struct gm_m *ms, size_t nms, bool complete)
{
	uint64_t mnext = 0, nmfreed = 0;
	bool have_mnext = l->sched && l->sched_mnext >= 0 && l->sched_nmfreed >= 0 &&
			  gm_memsrc_u64(t->mem, l->sched + (uint64_t)l->sched_mnext, &mnext) &&
			  gm_memsrc_u64(t->mem, l->sched + (uint64_t)l->sched_nmfreed, &nmfreed);
	if (have_mnext && complete && mnext >= nmfreed && mnext - nmfreed != nms)
		problem(ts, "runtime.allm lists %zu Ms, sched.mnext - sched.nmfreed says %llu: the M list is damaged",
			nms, (unsigned long long)(mnext - nmfreed));
	else if (have_mnext && nmfreed > mnext)
		problem(ts, "sched.nmfreed %llu is above sched.mnext %llu: runtime.sched is damaged",
			(unsigned long long)nmfreed, (unsigned long long)mnext);
	for (size_t k = 0; k < nms; k++) {
		if (ms[k].id < 0 || (have_mnext && (uint64_t)ms[k].id >= mnext)) {
			problem(ts, "M at 0x%llx has id %lld, outside [0, sched.mnext %llu): the M is damaged",
				(unsigned long long)ms[k].addr, (long long)ms[k].id, (unsigned long long)mnext);
			continue;
		}
		for (size_t j = 0; j < k; j++) {
			if (ms[j].id == ms[k].id)
				problem(ts, "Ms at 0x%llx and 0x%llx both have id %lld: one is damaged",
					(unsigned long long)ms[j].addr, (unsigned long long)ms[k].addr,
					(long long)ms[k].id);
			else if (ms[k].procid && ms[j].procid == ms[k].procid)
				problem(ts, "Ms %lld and %lld both run on thread %llu: one is damaged",
					(long long)ms[j].id, (long long)ms[k].id,
					(unsigned long long)ms[k].procid);
		}
	}
	/* m0 runs on the main thread (tid == pid) from rt0_go on, except in a
	 * c-shared or c-archive library (runtime.islibrary / isarchive: the
	 * library's rt0 starts the runtime on a thread of its own); an M whose
	 * thread has not started yet (procid 0) runs no goroutine */
	uint64_t m0 = 0, libflag = 0;
	uint8_t islib = 0, isarch = 0;
	if (gb && gm_gobin_sym(gb, "runtime.islibrary", &libflag, NULL) && libflag)
		gm_memsrc_u8(t->mem, libflag, &islib);
	if (gb && gm_gobin_sym(gb, "runtime.isarchive", &libflag, NULL) && libflag)
		gm_memsrc_u8(t->mem, libflag, &isarch);
	if (gb && !islib && !isarch && !gm_gobin_is_library(gb) && gm_gobin_sym(gb, "runtime.m0", &m0, NULL) && m0 && t->pid > 0)
		for (size_t k = 0; k < nms; k++)
			if (ms[k].addr == m0 && ms[k].procid != (uint64_t)t->pid)
				problem(ts, "m0.procid is %llu, not the main thread %d: m0 is damaged",
					(unsigned long long)ms[k].procid, t->pid);
	/* without cgo, threads come only from newosproc, for an M made first
	 * (its procid is 0 until the new thread runs minit) */
	uint64_t iscgo_addr = 0;
	uint8_t iscgo = 1;
	bool nocgo = gb && gm_gobin_sym(gb, "runtime.iscgo", &iscgo_addr, NULL) && iscgo_addr &&
		     gm_memsrc_u8(t->mem, iscgo_addr, &iscgo) && !iscgo;
	/* a started M has a g0 and a signal g (mcommoninit/mpreinit, minit)
	 * with their stacks. With cgo, Go 1.21's dropm clears an extra M's g0
	 * stack and leaves its procid (1.22+ clears the procid too): g0 is
	 * then checked only without cgo. */
	bool check_g0 = nocgo || l->go_minor != 21;
	for (size_t k = 0; k < nms; k++) {
		if (!ms[k].procid)
			continue;
		const char *which = NULL;
		uint64_t gp = 0, lo = 0, hi = 0;
		for (int w = check_g0 ? 0 : 1; w < 2 && !which; w++) {
			gp = w ? ms[k].gsignal : ms[k].g0;
			if (!gp || !rd64(t, gp, l->g_stack_lo, &lo) || !rd64(t, gp, l->g_stack_hi, &hi) ||
			    !hi || lo >= hi)
				which = w ? "gsignal" : "g0";
		}
		if (which)
			problem(ts, "m%lld.%s (g 0x%llx) has no stack [0x%llx, 0x%llx): the M or the g is damaged",
				(long long)ms[k].id, which, (unsigned long long)gp, (unsigned long long)lo,
				(unsigned long long)hi);
	}
	/* (with cgo, an extra M not in use has procid 0 and its own dead g as
	 * curg: oneNewExtraM) */
	for (size_t k = 0; nocgo && k < nms; k++)
		if (!ms[k].procid && ms[k].curg)
			problem(ts, "M %lld runs goroutine g 0x%llx but has no thread (procid 0): the M is damaged",
				(long long)ms[k].id, (unsigned long long)ms[k].curg);
	/* the goroutines Ms run (curg) or are locked to (lockedg) */
	uint64_t curg[64];
	int64_t curg_m[64];
	const char *curg_what[64];
	size_t nc = 0;
	for (size_t k = 0; k < nms && nc + 1 < 64; k++) {
		if (ms[k].curg) {
			curg_m[nc] = ms[k].id;
			curg_what[nc] = "curg";
			curg[nc++] = ms[k].curg;
		}
		if (ms[k].lockedg) {
			curg_m[nc] = ms[k].id;
			curg_what[nc] = "lockedg";
			curg[nc++] = ms[k].lockedg;
		}
	}
	/* a running goroutine has its goid (newproc1), at most sched.goidgen */
	uint64_t goidgen = 0;
	bool have_goidgen = l->sched && l->sched_goidgen >= 0 &&
			    gm_memsrc_u64(t->mem, l->sched + (uint64_t)l->sched_goidgen, &goidgen);
	for (size_t c = 0; c < nc; c++) {
		uint64_t goid;
		if (l->g_goid >= 0 && gm_memsrc_u64(t->mem, curg[c] + (uint64_t)l->g_goid, &goid) &&
		    (!goid || (have_goidgen && goid > goidgen)))
			problem(ts, "m%lld.%s (g 0x%llx) has goid %llu (sched.goidgen %llu): the g is damaged",
				(long long)curg_m[c], curg_what[c], (unsigned long long)curg[c], (unsigned long long)goid,
				(unsigned long long)goidgen);
	}
	long bad = curg_not_in_allgs(t, l, curg, nc);
	if (bad >= 0)
		problem(ts, "m%lld.%s 0x%llx is not in runtime.allgs: the M or allgs is damaged",
			(long long)curg_m[bad], curg_what[bad], (unsigned long long)curg[bad]);
	if (nocgo && complete) {
		size_t unstarted = 0, unclaimed = 0;
		int32_t first = 0;
		for (size_t k = 0; k < nms; k++)
			unstarted += ms[k].procid == 0;
		for (size_t i = 0; i < t->nthreads; i++) {
			bool claimed = false;
			for (size_t k = 0; k < nms && !claimed; k++)
				claimed = ms[k].procid == (uint64_t)t->threads[i].tid;
			if (!claimed && !unclaimed++)
				first = t->threads[i].tid;
		}
		if (unclaimed > unstarted)
			problem(ts, "thread %d runs no M, and the program has no cgo (runtime.iscgo is false): "
				    "every thread is an M's; the M list or an m.procid is damaged",
				first);
	}
}

void gm_threads_destroy(struct gm_threads *ts)
{
	if (!ts)
		return;
	for (size_t i = 0; i < ts->n; i++)
		free(ts->v[i].frames);
	free(ts->v);
	free(ts);
}

struct gm_error *gm_threads_collect(struct gm_target *t, const struct gm_gobin *gb,
				    const struct gm_layout *l, struct gm_native *nat,
				    struct gm_threads **ret)
{
	*ret = NULL;
	struct gm_threads *ts = calloc(1, sizeof(*ts));
	if (!ts)
		return &gm_error_nomem;
	struct gm_allm am;
	struct gm_error *aerr = gm_allm_read(t, l, &am);
	if (aerr) {
		gm_threads_destroy(ts);
		return aerr;
	}
	if (am.problem[0])
		problem(ts, "%s", am.problem);
	ts->ms_unknown = am.unknown;
	struct gm_m *ms = am.v;
	size_t nms = am.n;
	bool complete = am.complete;
	ts->nms = nms;
	if (nms)
		check_ms(ts, t, gb, l, ms, nms, complete);
	ts->v = calloc(t->nthreads ? t->nthreads : 1, sizeof(*ts->v));
	if (!ts->v) {
		free(ms);
		gm_threads_destroy(ts);
		return &gm_error_nomem;
	}
	for (size_t k = 0; k < nms; k++) {
		bool found = false;
		for (size_t i = 0; i < t->nthreads && !found; i++)
			found = (uint64_t)t->threads[i].tid == ms[k].procid;
		ts->ms_without_thread += !found;
	}
	for (size_t i = 0; i < t->nthreads; i++) {
		const struct gm_thread *th = &t->threads[i];
		struct gm_thread_info *ti = &ts->v[ts->n++];
		ti->tid = th->tid;
		ti->cursig = th->cursig;
		ti->m_id = -1;
		ti->ncgo = -1;
		ti->ncgocall = -1;
		ti->stack = "other";
		const struct gm_m *m = NULL;
		for (size_t k = 0; k < nms && !m; k++)
			if (ms[k].procid == (uint64_t)th->tid && th->tid > 0)
				m = &ms[k];
		if (m) {
			ti->go = true;
			ti->m_addr = m->addr;
			ti->m_id = m->id;
			ti->curg_goid = goid_of(t, l, m->curg);
			ti->lockedg_goid = goid_of(t, l, m->lockedg);
			ti->incgo = m->incgo;
			ti->ncgo = m->ncgo;
			ti->ncgocall = m->ncgocall;
			uint32_t st;
			if (m->curg && l->g_atomicstatus >= 0 &&
			    gm_memsrc_u32(t->mem, m->curg + (uint64_t)l->g_atomicstatus, &st)) {
				st &= ~l->gs_scan;
				ti->in_syscall = (int32_t)st == l->gs_syscall;
				ti->curg_status = st < (uint32_t)l->n_gstatus && st < GM_MAX_GSTATUS
							  ? l->gstatus[st] : NULL;
			}
			uint64_t sp = th->r.sp;
			if (stack_of(t, l, m->g0, sp))
				ti->stack = "g0";
			else if (stack_of(t, l, m->gsignal, sp))
				ti->stack = "gsignal";
			else if (stack_of(t, l, m->curg, sp))
				ti->stack = "goroutine";
		}
		if (nat && (th->regs_live || !t->is_live)) {
			ti->frames = calloc(GM_NATIVE_MAX_FRAMES, sizeof(*ti->frames));
			if (!ti->frames) {
				free(ms);
				gm_threads_destroy(ts);
				return &gm_error_nomem;
			}
			if (t->arch == GM_ARCH_AMD64)
				ti->unwind_stop = gm_native_unwind(nat, &th->regs, ti->frames,
								   GM_NATIVE_MAX_FRAMES, &ti->nframes);
			else
				ti->unwind_stop = gm_native_unwind_arm64(nat, &th->regs_arm64, ti->frames,
									 GM_NATIVE_MAX_FRAMES, &ti->nframes);
			/* a core's thread stacks are saved whole: a cut is damage (a
			 * live target's copy is bounded, docs/live.md) */
			if (!t->is_live && gm_native_stop_is_damage(ti->unwind_stop)) {
				ts->stacks_cut++;
				problem(ts, "thread %d: native stack cut after %zu frames: %s", th->tid,
					ti->nframes, ti->unwind_stop);
			}
		} else if (nat) {
			ti->unwind_stop = "registers unknown (read without stopping the thread)";
		}
	}
	free(ms);
	*ret = ts;
	return NULL;
}

const struct gm_thread_info *gm_threads_by_m(const struct gm_threads *ts, uint64_t m_addr)
{
	if (!ts || !m_addr)
		return NULL;
	for (size_t i = 0; i < ts->n; i++)
		if (ts->v[i].go && ts->v[i].m_addr == m_addr)
			return &ts->v[i];
	return NULL;
}

size_t gm_threads_c_frames(const struct gm_thread_info *th, const struct gm_nframe **out)
{
	*out = NULL;
	if (!th || !th->nframes)
		return 0;
	size_t start = 0;
	for (size_t i = 0; i < th->nframes; i++)
		if (th->frames[i].how == GM_NF_SIGNAL)
			start = i;
	size_t end = start;
	while (end < th->nframes && !th->frames[end].go)
		end++;
	*out = th->frames + start;
	return end - start;
}
