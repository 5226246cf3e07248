/* The runtime's M list, read once (include/walk/gm_allm.h). */
#include "gm_allm.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool rd64(struct gm_target *t, uint64_t base, int32_t off, uint64_t *v)
{
	return off >= 0 && gm_memsrc_u64(t->mem, base + (uint64_t)off, v);
}

static void problem(struct gm_allm *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct gm_allm *a, const char *fmt, ...)
{
	if (a->problem[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->problem, sizeof(a->problem), fmt, ap);
	va_end(ap);
}

static void read_m(struct gm_target *t, const struct gm_layout *l, struct gm_m *m)
{
	uint64_t v;
	m->id = rd64(t, m->addr, l->m_id, &v) ? (int64_t)v : -1;
	rd64(t, m->addr, l->m_curg, &m->curg);
	rd64(t, m->addr, l->m_lockedg, &m->lockedg);
	rd64(t, m->addr, l->m_g0, &m->g0);
	rd64(t, m->addr, l->m_gsignal, &m->gsignal);
	uint8_t b;
	if (l->m_incgo >= 0 && gm_memsrc_u8(t->mem, m->addr + (uint64_t)l->m_incgo, &b))
		m->incgo = b != 0;
	uint32_t w;
	if (l->m_ncgo >= 0 && gm_memsrc_u32(t->mem, m->addr + (uint64_t)l->m_ncgo, &w))
		m->ncgo = (int32_t)w;
	if (rd64(t, m->addr, l->m_ncgocall, &v))
		m->ncgocall = (int64_t)v;
	uint64_t lo, hi;
	if (m->g0 && rd64(t, m->g0, l->g_stack_lo, &lo) && rd64(t, m->g0, l->g_stack_hi, &hi) &&
	    lo < hi) {
		m->g0_lo = lo;
		m->g0_hi = hi;
	}
}

struct gm_error *gm_allm_read(struct gm_target *t, const struct gm_layout *l, struct gm_allm *a)
{
	memset(a, 0, sizeof(*a));
	uint64_t mp = 0;
	if (!l->allm || !gm_memsrc_u64(t->mem, l->allm, &mp)) {
		problem(a, "runtime.allm unreadable: which threads run Go is unknown");
		a->unknown = true;
		return NULL;
	}
	if (!mp) { /* m0 is on it from schedinit on */
		problem(a, "runtime.allm is nil: the core's copy of the M list is lost, which threads run Go is unknown");
		a->unknown = true;
		return NULL;
	}
	size_t cap = 0;
	for (; mp && a->n < GM_ALLM_MAX;) {
		if (a->n == cap) {
			cap = cap ? 2 * cap : 16;
			struct gm_m *v = realloc(a->v, cap * sizeof(*v));
			if (!v) {
				gm_allm_free(a);
				return &gm_error_nomem;
			}
			a->v = v;
		}
		struct gm_m *m = &a->v[a->n];
		memset(m, 0, sizeof(*m));
		m->addr = mp;
		m->ncgo = -1;
		m->ncgocall = -1;
		if (!rd64(t, mp, l->m_procid, &m->procid)) {
			problem(a, "the M at 0x%llx of runtime.allm is unreadable (the M list is cut)",
				(unsigned long long)mp);
			return NULL;
		}
		read_m(t, l, m);
		a->n++;
		if (!rd64(t, mp, l->m_alllink, &mp)) {
			problem(a, "m.alllink unreadable (the M list is cut)");
			return NULL;
		}
	}
	if (mp)
		problem(a, "runtime.allm: too many Ms (a loop?)");
	else
		a->complete = true;
	return NULL;
}

void gm_allm_free(struct gm_allm *a)
{
	free(a->v);
	a->v = NULL;
	a->n = 0;
}
