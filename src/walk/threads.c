/* Threads: each OS thread of the target, the M on it (runtime.allm by
 * m.procid), and its native stack. See include/walk/gm_threads.h. */
#include "gm_threads.h"

#include <stdlib.h>
#include <string.h>

#define MAX_MS 100000

struct m_rec {
	uint64_t addr, procid, curg, lockedg, g0, gsignal;
	int64_t id;
	bool incgo;
	int32_t ncgo;
	int64_t ncgocall;
};

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
	(void)gb;
	*ret = NULL;
	struct gm_threads *ts = calloc(1, sizeof(*ts));
	if (!ts)
		return &gm_error_nomem;
	struct m_rec *ms = NULL;
	size_t nms = 0, cap = 0;
	uint64_t mp = 0;
	if (!l->allm || !gm_memsrc_u64(t->mem, l->allm, &mp))
		ts->problem = "runtime.allm unreadable";
	for (; mp && nms < MAX_MS; nms++) {
		if (nms == cap) {
			cap = cap ? 2 * cap : 16;
			struct m_rec *v = realloc(ms, cap * sizeof(*v));
			if (!v) {
				free(ms);
				gm_threads_destroy(ts);
				return &gm_error_nomem;
			}
			ms = v;
		}
		struct m_rec *m = &ms[nms];
		memset(m, 0, sizeof(*m));
		m->addr = mp;
		m->ncgo = -1;
		m->ncgocall = -1;
		uint64_t v;
		if (!rd64(t, mp, l->m_procid, &m->procid)) {
			ts->problem = "an M of runtime.allm is unreadable";
			break;
		}
		m->id = rd64(t, mp, l->m_id, &v) ? (int64_t)v : -1;
		rd64(t, mp, l->m_curg, &m->curg);
		rd64(t, mp, l->m_lockedg, &m->lockedg);
		rd64(t, mp, l->m_g0, &m->g0);
		rd64(t, mp, l->m_gsignal, &m->gsignal);
		uint8_t b;
		if (l->m_incgo >= 0 && gm_memsrc_u8(t->mem, mp + (uint64_t)l->m_incgo, &b))
			m->incgo = b != 0;
		uint32_t w;
		if (l->m_ncgo >= 0 && gm_memsrc_u32(t->mem, mp + (uint64_t)l->m_ncgo, &w))
			m->ncgo = (int32_t)w;
		if (rd64(t, mp, l->m_ncgocall, &v))
			m->ncgocall = (int64_t)v;
		if (!rd64(t, mp, l->m_alllink, &mp)) {
			nms++;
			ts->problem = "m.alllink unreadable";
			break;
		}
	}
	if (mp && nms >= MAX_MS)
		ts->problem = "runtime.allm: too many Ms (a loop?)";
	ts->nms = nms;
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
		const struct m_rec *m = NULL;
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
			uint64_t sp = th->regs.rsp;
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
			ti->unwind_stop = gm_native_unwind(nat, &th->regs, ti->frames,
							   GM_NATIVE_MAX_FRAMES, &ti->nframes);
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
