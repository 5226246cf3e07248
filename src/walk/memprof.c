/* The runtime's sampled heap profile from runtime.mbuckets, rebuilt as
 * runtime/pprof.WriteHeapProfile writes it (include/gm_memprof.h,
 * docs/heap-profile.md). Sources followed, per Go version: runtime/mprof.go
 * (bucket, memRecord, memProfileInternal / MemProfile, mProfCycleHolder),
 * runtime/pprof/protomem.go (writeHeapProto, scaleHeapSample), proto.go
 * (appendLocsForStack, pcDeck, emitLocation, allFrames), runtime/symtab.go
 * (Frames.Next, FuncForPC, runtime_expandFinalInlineFrame), math/exp_amd64.s. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gm_arena.h"
#include "gm_bytes.h"
#include "gm_memprof.h"
#include "gm_memsrc.h"
#include "gm_pbuf.h"

#define MAX_BUCKETS (4u << 20)  /* far more than any real profile (each costs >= 112 B) */
#define MAX_PCS (64u << 20)
#define MAX_HDR 256

/* ---- Go's math.Exp on amd64 ---------------------------------------------- */

/* int64 arithmetic that wraps as Go's does, without C's undefined
 * behaviour on overflow (garbage counts in a damaged bucket). */
static int64_t wsub(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a - (uint64_t)b);
}

static int64_t wadd(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a + (uint64_t)b);
}

static double dbits(uint64_t u)
{
	double d;
	memcpy(&d, &u, 8);
	return d;
}

/* CVTSD2SL: round to nearest even; out of range (or NaN) gives INT32_MIN. */
static int32_t cvtsd2sl(double x)
{
	double r = nearbyint(x);
	if (!(r >= -2147483648.0 && r <= 2147483647.0))
		return INT32_MIN;
	return (int32_t)r;
}

/* math/exp_amd64.s, instruction by instruction. Every operation is a
 * separately rounded double operation (this file is built with
 * -ffp-contract=off semantics: volatile-free, but no a*b+c here is left for
 * the compiler to fuse: the fused ones are explicit fma() calls). */
double gm_memprof_go_exp(double x, bool usefma)
{
	static const double c[9] = {0.5,
				    1.0,
				    2.0,
				    1.6666666666666666667e-1,
				    4.1666666666666666667e-2,
				    8.3333333333333333333e-3,
				    1.3888888888888888889e-3,
				    1.9841269841269841270e-4,
				    2.4801587301587301587e-5};
	const double LOG2E = 1.4426950408889634073599246810018920;
	const double LN2U = 0.69314718055966295651160180568695068359375;
	const double LN2L = 0.28235290563031577122588448175013436025525412068e-12;
	const double OVERFLOW = 7.09782712893384e+02;
	uint64_t bx;
	memcpy(&bx, &x, 8);
	uint64_t dx = bx & ~(1ull << 63);
	if ((int64_t)dx >= (int64_t)0x7FF0000000000000ull) {
		if (bx == 0xFFF0000000000000ull)
			return 0;
		return x; /* NaN or +Inf */
	}
	if (x > OVERFLOW)
		return dbits(0x7FF0000000000000ull);
	double x1 = LOG2E * x;
	int32_t e = cvtsd2sl(x1);
	x1 = (double)e;
	double x0 = x;
	if (!usefma) {
		volatile double t = LN2U * x1;
		x0 = x0 - t;
		t = LN2L * x1;
		x0 = x0 - t;
		x0 = x0 * 0.0625;
		volatile double p = c[8] * x0;
		p = p + c[7];
		p = p * x0;
		p = p + c[6];
		p = p * x0;
		p = p + c[5];
		p = p * x0;
		p = p + c[4];
		p = p * x0;
		p = p + c[3];
		p = p * x0;
		p = p + c[0];
		p = p * x0;
		p = p + c[1];
		x0 = x0 * p;
		for (int i = 0; i < 4; i++) {
			volatile double q = c[2] + x0;
			x0 = x0 * q;
		}
		x0 = x0 + c[1];
	} else {
		x0 = fma(-x1, LN2U, x0);
		x0 = fma(-x1, LN2L, x0);
		x0 = x0 * 0.0625;
		double p = c[8];
		p = fma(x0, p, c[7]);
		p = fma(x0, p, c[6]);
		p = fma(x0, p, c[5]);
		p = fma(x0, p, c[4]);
		p = fma(x0, p, c[3]);
		p = fma(x0, p, c[0]);
		p = fma(x0, p, c[1]);
		x0 = x0 * p;
		for (int i = 0; i < 3; i++) {
			volatile double q = x0 + c[2];
			x0 = x0 * q;
		}
		volatile double q = x0 + c[2];
		x0 = fma(q, x0, c[1]);
	}
	/* ldexp */
	int64_t b = (int64_t)(int32_t)((uint32_t)e + 0x3FFu);
	if (b <= 0) {
		if (b < -52)
			return 0;
		b += 0x3FE;
		x0 = x0 * dbits((uint64_t)b << 52);
		b = 1;
	} else if (b >= 0x7FF) {
		return dbits(0x7FF0000000000000ull);
	}
	return x0 * dbits((uint64_t)b << 52);
}

/* math/exp_arm64.s (archExp), instruction by instruction: a different
 * algorithm from amd64's (FreeBSD's exp with a degree-5 polynomial), its
 * multiply-adds fused (FMADD/FMSUB/FNMSUB: fma() here), every other
 * operation separately rounded. */
double gm_memprof_go_exp_arm64(double x)
{
	const double LN2HI = 6.93147180369123816490e-01, LN2LO = 1.90821492927058770002e-10,
		     LOG2E = 1.44269504088896338700e+00, OVERFLOW = 7.09782712893383973096e+02,
		     UNDERFLOW = -7.45133219101941108420e+02, P1 = 1.66666666666666657415e-01,
		     P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
		     P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08;
	if (x != x)
		return x;
	if (x > OVERFLOW)
		return dbits(0x7FF0000000000000ull);
	if (x < UNDERFLOW)
		return 0;
	if (fabs(x) < dbits(0x3e30000000000000ull)) /* 2^-28 */
		return 1.0 + x;
	/* k = int(Log2e*x -+ 0.5), FCVTZS: toward zero (|x| is bounded above) */
	double kf = x < 0 ? fma(LOG2E, x, -0.5) : fma(LOG2E, x, 0.5);
	int64_t k = (int64_t)kf;
	double fk = (double)k;
	double hi = fma(-fk, LN2HI, x);
	volatile double lo = fk * LN2LO;
	volatile double r = hi - lo;
	volatile double t = r * r;
	double c = fma(P5, t, P4);
	c = fma(c, t, P3);
	c = fma(c, t, P2);
	c = fma(c, t, P1);
	c = fma(-c, t, r);
	volatile double d = 2.0 - c;
	volatile double q = r * c;
	q = q / d;
	q = lo - q;
	q = q - hi;
	volatile double y = 1.0 - q;
	/* the inline ldexp(y, k): no overflow check (|x| <= Overflow) */
	uint64_t yb;
	double yv = y;
	memcpy(&yb, &yv, 8);
	uint64_t frac = yb & 0x000fffffffffffffull;
	int64_t ex = (int64_t)(yb >> 52) + k;
	double m = 1.0;
	if (ex < 1) {
		ex += 52;
		m = dbits(0x3cb0000000000000ull); /* 2^-52 */
	}
	return m * dbits(frac | ((uint64_t)ex << 52));
}

/* int64(f) on amd64 (CVTTSD2SQ): truncation, 0x8000000000000000 out of range. */
static int64_t go_int64(double f)
{
	if (!(f > -9223372036854775808.0 && f < 9223372036854775808.0))
		return INT64_MIN;
	return (int64_t)f;
}

static double go_exp(double x, enum gm_go_exp kind)
{
	return kind == GM_GO_EXP_ARM64 ? gm_memprof_go_exp_arm64(x) : gm_memprof_go_exp(x, kind == GM_GO_EXP_AMD64_FMA);
}

void gm_memprof_scale(int go_minor, enum gm_go_exp kind, int64_t count, int64_t b, int64_t rate,
		      int64_t *objs, int64_t *space)
{
	if (count == 0 || b == 0) {
		*objs = *space = 0;
		return;
	}
	if (go_minor >= 27) { /* b = avgSize */
		int64_t total = (int64_t)((uint64_t)count * (uint64_t)b);
		if (rate <= 1) {
			*objs = count;
			*space = total;
			return;
		}
		double scale = 1 / (1 - go_exp(-(double)b / (double)rate, kind));
		*objs = go_int64((double)count * scale);
		*space = go_int64((double)total * scale);
		return;
	}
	/* up to 1.26: b = total bytes */
	if (rate <= 1) {
		*objs = count;
		*space = b;
		return;
	}
	double avg = (double)b / (double)count;
	double scale = 1 / (1 - go_exp(-avg / (double)rate, kind));
	*objs = go_int64((double)count * scale);
	*space = go_int64((double)b * scale);
}

/* ---- reading the buckets --------------------------------------------------- */

struct raw {
	uint64_t addr, size;
	int64_t active[4];       /* allocs, frees, alloc_bytes, free_bytes */
	int64_t future[3][4];
	uint32_t stk_first, nstk;
};

struct builder {
	struct gm_memprof *p;
	const struct gm_gobin *gb;
	size_t cpcs, cids, clocs, cframes, csamples;
	/* addr -> location (pprof's b.locs) */
	struct lent {
		uint64_t addr;
		uint32_t loc;         /* index + 1 */
		uint32_t pcs_first, npcs; /* in lpcs */
		uint32_t fframes_first, nfframes; /* firstPCFrames, in lframes */
	} *lmap;
	size_t lcap, lused;
	uint64_t *lpcs;
	size_t nlpcs, clpcs;
	/* one frame of allFrames() with what tryAdd looks at */
	struct frame {
		struct gm_memprof_frame f;
		uint64_t pc, entry;
		bool func_nonnil;     /* Frame.Func != nil: not inlined */
	} *lframes, *deckf;
	size_t nlframes, clframes, ndeckf, cdeckf;
	uint64_t *deckpcs;
	size_t ndeckpcs, cdeckpcs;
	size_t deck_first_frames;
	/* functions: name -> id */
	struct fent {
		const char *name;
		uint32_t id;
	} *fmap;
	size_t fcap, fused;
	bool oom;
};

static uint64_t hash64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

static struct lent *lmap_find(struct builder *b, uint64_t addr)
{
	if (!b->lcap)
		return NULL;
	size_t j = hash64(addr) & (b->lcap - 1);
	while (b->lmap[j].loc) {
		if (b->lmap[j].addr == addr)
			return &b->lmap[j];
		j = (j + 1) & (b->lcap - 1);
	}
	return NULL;
}

static struct lent *lmap_insert(struct builder *b, uint64_t addr)
{
	if ((b->lused + 1) * 2 >= b->lcap) {
		size_t ncap = b->lcap ? b->lcap * 2 : 1024;
		struct lent *n = calloc(ncap, sizeof(*n));
		if (!n)
			return NULL;
		for (size_t i = 0; i < b->lcap; i++) {
			if (!b->lmap[i].loc)
				continue;
			size_t j = hash64(b->lmap[i].addr) & (ncap - 1);
			while (n[j].loc)
				j = (j + 1) & (ncap - 1);
			n[j] = b->lmap[i];
		}
		free(b->lmap);
		b->lmap = n;
		b->lcap = ncap;
	}
	size_t j = hash64(addr) & (b->lcap - 1);
	while (b->lmap[j].loc) {
		if (b->lmap[j].addr == addr)
			return &b->lmap[j];
		j = (j + 1) & (b->lcap - 1);
	}
	b->lused++;
	b->lmap[j].addr = addr;
	return &b->lmap[j];
}

static uint32_t func_id(struct builder *b, const char *name)
{
	if ((b->fused + 1) * 2 >= b->fcap) {
		size_t ncap = b->fcap ? b->fcap * 2 : 512;
		struct fent *n = calloc(ncap, sizeof(*n));
		if (!n) {
			b->oom = true;
			return 0;
		}
		for (size_t i = 0; i < b->fcap; i++) {
			if (!b->fmap[i].name)
				continue;
			size_t j = gm_pbuf_hash_str(b->fmap[i].name) & (ncap - 1);
			while (n[j].name)
				j = (j + 1) & (ncap - 1);
			n[j] = b->fmap[i];
		}
		free(b->fmap);
		b->fmap = n;
		b->fcap = ncap;
	}
	size_t j = gm_pbuf_hash_str(name) & (b->fcap - 1);
	while (b->fmap[j].name) {
		if (!strcmp(b->fmap[j].name, name))
			return b->fmap[j].id;
		j = (j + 1) & (b->fcap - 1);
	}
	b->fmap[j].name = name;
	b->fmap[j].id = (uint32_t)++b->fused;
	b->p->nfuncs = b->fused;
	return b->fmap[j].id;
}

/* ---- symbolization, as the runtime's Frames / FuncForPC do it ---------- */

#define MAX_INL 64

struct inl_level {
	const char *name;
	uint64_t pc;       /* uf.pc: the level's PC in the physical function */
	int32_t start_line;
	uint8_t funcid;
	bool inlined;
};

/* The inline unwinder at pc (newInlineUnwinder + next): levels innermost
 * first, the physical function last. */
static size_t inl_levels(const struct gm_gobin *gb, int go_minor, const struct gm_func *f,
			 uint64_t pc, struct inl_level *out, size_t max)
{
	size_t n = 0;
	size_t esz = go_minor >= 20 ? 16 : 20;
	if (f->mod) /* a function of a Go plugin: its own tables and names */
		gb = f->mod;
	uint64_t tree = gm_gobin_funcdata_addr(gb, f, GM_FUNCDATA_InlTree);
	int32_t ix = tree ? gm_gobin_pcdata(gb, f, GM_PCDATA_InlTreeIndex, pc) : -1;
	while (ix >= 0 && n + 1 < max) {
		const uint8_t *e = gm_gobin_vaddr_ptr(gb, tree + (uint64_t)ix * esz, esz);
		if (!e)
			break;
		struct inl_level *l = &out[n++];
		int32_t parentpc;
		if (esz == 20) {
			l->funcid = e[2];
			l->name = gm_gobin_funcname(gb, (int32_t)gm_rd32(e + 12));
			parentpc = (int32_t)gm_rd32(e + 16);
			l->start_line = 0;
		} else {
			l->funcid = e[0];
			l->name = gm_gobin_funcname(gb, (int32_t)gm_rd32(e + 4));
			parentpc = (int32_t)gm_rd32(e + 8);
			l->start_line = (int32_t)gm_rd32(e + 12);
		}
		l->pc = pc;
		l->inlined = true;
		pc = f->entry + (uint64_t)(int64_t)parentpc;
		ix = gm_gobin_pcdata(gb, f, GM_PCDATA_InlTreeIndex, pc);
	}
	struct inl_level *l = &out[n++];
	l->name = f->name;
	l->pc = pc;
	l->start_line = f->start_line;
	l->funcid = f->funcid;
	l->inlined = false;
	return n;
}

/* runtime.FuncForPC(pc).Name(); NULL when FuncForPC returns nil. */
static const char *funcforpc_name(const struct gm_gobin *gb, int go_minor, uint64_t pc)
{
	struct gm_func f;
	if (!gm_gobin_find_func(gb, pc, &f))
		return NULL;
	struct inl_level lv[MAX_INL];
	size_t n = inl_levels(gb, go_minor, &f, pc, lv, MAX_INL);
	return n ? lv[0].name : f.name;
}

/* pprof's allFrames(addr): runtime.CallersFrames([]uintptr{addr}) gives
 * exactly one frame (a lone PC gets no virtual callers); none for
 * runtime.goexit. */
static bool all_frames(const struct gm_gobin *gb, int go_minor, uint64_t addr, struct frame *fr)
{
	memset(fr, 0, sizeof(*fr));
	struct gm_func f;
	if (!gm_gobin_find_func(gb, addr, &f)) {
		/* an empty Frame: Function "", PC made up as addr-1 */
		fr->pc = addr - 1;
		fr->f.name = "";
		fr->f.file = "";
		return true;
	}
	uint64_t pc = addr > f.entry ? addr - 1 : addr;
	struct inl_level lv[MAX_INL];
	size_t n = inl_levels(gb, go_minor, &f, pc, lv, MAX_INL);
	const char *file = "";
	int32_t line = 0;
	if (!gm_gobin_fileline(gb, &f, pc, &file, &line))
		file = "", line = 0;
	fr->f.name = n ? lv[0].name : f.name;
	if (!strcmp(fr->f.name, "runtime.goexit"))
		return false;
	fr->f.file = file ? file : "";
	fr->f.line = line;
	fr->f.start_line = go_minor >= 21 && n ? lv[0].start_line : 0;
	fr->pc = pc;
	fr->entry = f.entry;
	fr->func_nonnil = !(n && lv[0].inlined);
	return true;
}

static int wrapper_funcid(int go_minor)
{
	return go_minor >= 25 ? 23 : go_minor >= 22 ? 22 : 21;
}

/* elideWrapperCalling(id): !(gopanic || sigpanic || panicwrap) */
static bool elide_wrapper_calling(int go_minor, uint8_t id)
{
	int gopanic = go_minor >= 22 ? 10 : 9, panicwrap = go_minor >= 22 ? 15 : 14,
	    sigpanic = go_minor >= 25 ? 20 : go_minor >= 22 ? 19 : 18;
	return !(id == gopanic || id == sigpanic || id == panicwrap);
}

/* runtime_expandFinalInlineFrame: the last PC of a truncated stack gets
 * its inlined callers back. Appends into b->p->pcs from `first`; returns
 * the new count. */
static size_t expand_final(struct builder *b, uint64_t *stk, size_t n, uint64_t **out)
{
	*out = stk;
	if (!n)
		return n;
	uint64_t pc = stk[n - 1];
	uint64_t tracepc = pc - 1;
	struct gm_func f;
	if (!gm_gobin_find_func(b->gb, tracepc, &f))
		return n;
	struct inl_level lv[MAX_INL];
	size_t nl = inl_levels(b->gb, b->p->go_minor, &f, tracepc, lv, MAX_INL);
	if (!nl || !lv[0].inlined)
		return n;
	uint64_t *ns = malloc((n - 1 + nl) * sizeof(*ns));
	if (!ns) {
		b->oom = true;
		return n;
	}
	memcpy(ns, stk, (n - 1) * sizeof(*ns));
	size_t k = n - 1;
	uint8_t callee = 0; /* FuncIDNormal */
	for (size_t i = 0; i < nl; i++) {
		if (!(lv[i].funcid == wrapper_funcid(b->p->go_minor) &&
		      elide_wrapper_calling(b->p->go_minor, callee)))
			ns[k++] = lv[i].pc + 1;
		callee = lv[i].funcid;
	}
	*out = ns;
	return k;
}

/* ---- pprof's pcDeck and emitLocation -------------------------------------- */

static bool deck_try_add(struct builder *b, uint64_t pc, const struct frame *fr, size_t nfr)
{
	if (b->ndeckf > 0) {
		const struct frame *last = &b->deckf[b->ndeckf - 1];
		const struct frame *nf = &fr[0];
		if (last->func_nonnil)
			return false;
		if (last->entry == 0 || nf->entry == 0)
			return false;
		if (last->entry != nf->entry)
			return false;
		if (!strcmp(last->f.name, nf->f.name))
			return false;
	}
	if (!gm_grow((void **)&b->deckpcs, &b->cdeckpcs, b->ndeckpcs + 1, sizeof(*b->deckpcs)) ||
	    !gm_grow((void **)&b->deckf, &b->cdeckf, b->ndeckf + nfr, sizeof(*b->deckf))) {
		b->oom = true;
		return true;
	}
	b->deckpcs[b->ndeckpcs++] = pc;
	memcpy(b->deckf + b->ndeckf, fr, nfr * sizeof(*fr));
	b->ndeckf += nfr;
	if (b->ndeckpcs == 1)
		b->deck_first_frames = b->ndeckf;
	return true;
}

static void deck_reset(struct builder *b)
{
	b->ndeckpcs = b->ndeckf = 0;
	b->deck_first_frames = 0;
}

/* Returns the location id (1-based) or 0 when the deck is empty. */
static uint32_t emit_location(struct builder *b)
{
	struct gm_memprof *p = b->p;
	if (!b->ndeckpcs)
		return 0;
	uint64_t addr = b->deckpcs[0];
	if (!gm_grow((void **)&p->locs, &b->clocs, p->nlocs + 1, sizeof(*p->locs)) ||
	    !gm_grow((void **)&p->frames, &b->cframes, p->nframes + b->ndeckf, sizeof(*p->frames)) ||
	    !gm_grow((void **)&b->lpcs, &b->clpcs, b->nlpcs + b->ndeckpcs, sizeof(*b->lpcs)) ||
	    !gm_grow((void **)&b->lframes, &b->clframes, b->nlframes + b->deck_first_frames,
		  sizeof(*b->lframes))) {
		b->oom = true;
		deck_reset(b);
		return 0;
	}
	uint32_t id = (uint32_t)p->nlocs + 1;
	struct lent *e = lmap_insert(b, addr);
	if (!e) {
		b->oom = true;
		deck_reset(b);
		return 0;
	}
	e->loc = id;
	e->pcs_first = (uint32_t)b->nlpcs;
	e->npcs = (uint32_t)b->ndeckpcs;
	memcpy(b->lpcs + b->nlpcs, b->deckpcs, b->ndeckpcs * sizeof(*b->lpcs));
	b->nlpcs += b->ndeckpcs;
	e->fframes_first = (uint32_t)b->nlframes;
	e->nfframes = (uint32_t)b->deck_first_frames;
	memcpy(b->lframes + b->nlframes, b->deckf, b->deck_first_frames * sizeof(*b->lframes));
	b->nlframes += b->deck_first_frames;

	struct gm_memprof_loc *l = &p->locs[p->nlocs++];
	l->addr = b->deckf[0].pc;
	l->first = (uint32_t)p->nframes;
	l->nframes = (uint32_t)b->ndeckf;
	l->in_mapping = p->map_limit && p->map_start <= addr && addr < p->map_limit;
	for (size_t i = 0; i < b->ndeckf; i++) {
		struct gm_memprof_frame *f = &p->frames[p->nframes++];
		*f = b->deckf[i].f;
		f->func_id = func_id(b, f->name);
	}
	deck_reset(b);
	return id;
}

static bool push_loc(struct builder *b, uint32_t id)
{
	struct gm_memprof *p = b->p;
	if (!gm_grow((void **)&p->loc_ids, &b->cids, p->nloc_ids + 1, sizeof(*p->loc_ids))) {
		b->oom = true;
		return false;
	}
	p->loc_ids[p->nloc_ids++] = id - 1;
	return true;
}

/* appendLocsForStack. */
static void append_locs(struct builder *b, uint64_t *stk0, size_t n0)
{
	deck_reset(b);
	uint64_t *stk;
	size_t n = expand_final(b, stk0, n0, &stk);
	size_t i = 0;
	struct frame fr;
	while (i < n && !b->oom) {
		uint64_t addr = stk[i];
		struct lent *l = lmap_find(b, addr);
		if (l) {
			if (b->ndeckpcs > 0 &&
			    deck_try_add(b, addr, b->lframes + l->fframes_first, l->nfframes)) {
				i++;
				continue;
			}
			uint32_t id = emit_location(b);
			if (id)
				push_loc(b, id);
			l = lmap_find(b, addr); /* the table may have moved */
			push_loc(b, l->loc);
			if (l->npcs > n - i) {
				/* runtime/pprof panics here ("stack too short to match
				 * cached location"): cannot happen with the runtime's
				 * stacks; stop this sample */
				gm_first_problem(b->p->problem, sizeof(b->p->problem),
						 "a stack ends inside a cached location (pprof would panic)");
				break;
			}
			i += l->npcs;
			continue;
		}
		if (!all_frames(b->gb, b->p->go_minor, addr, &fr)) { /* runtime.goexit */
			uint32_t id = emit_location(b);
			if (id)
				push_loc(b, id);
			i++;
			continue;
		}
		if (deck_try_add(b, addr, &fr, 1)) {
			i++;
			continue;
		}
		uint32_t id = emit_location(b);
		if (id)
			push_loc(b, id);
		l = lmap_find(b, addr);
		if (l) {
			push_loc(b, l->loc);
			i += l->npcs;
		} else {
			deck_try_add(b, addr, &fr, 1);
			i++;
		}
	}
	uint32_t id = emit_location(b);
	if (id)
		push_loc(b, id);
	if (stk != stk0)
		free(stk);
}

/* ---- reading ------------------------------------------------------------- */

static bool has_prefix(const char *s, const char *p)
{
	return s && !strncmp(s, p, strlen(p));
}

/* The executable's text mapping, as /proc/self/maps shows it. */
static void text_mapping(const struct gm_gobin *gb, struct gm_memprof *p)
{
	uint64_t va, fsz, fva = 0, foff = 0;
	const uint8_t *data;
	bool rel;
	bool have_first = gm_gobin_first_load(gb, &fva, &foff);
	for (size_t i = 0; gm_gobin_load_segment(gb, i, &va, &data, &fsz, &rel); i++) {
		if (gb->text_start >= va && gb->text_start < va + fsz) {
			p->map_start = va & ~0xfffull;
			p->map_limit = (va + fsz + 0xfff) & ~0xfffull;
			/* file offset: the first PT_LOAD's mapping starts at its own */
			uint64_t bias = gb->bias;
			p->map_offset = (have_first && fva + bias == va) ? (foff & ~0xfffull) : 0;
			break;
		}
	}
	p->map_file = gb->path;
	p->build_id = gb->build_id;
}

/* src/memprof_stripped.c */
void gm_memprof__find_stripped(const struct gm_gobin *gb, uint64_t *mbuckets, uint64_t *cycle,
			       uint64_t *rate, uint64_t *disable);
uint64_t gm_memprof__find_usefma(const struct gm_gobin *gb);

static bool sym_addr(const struct gm_gobin *gb, const char *name, uint64_t *a)
{
	uint64_t sz;
	return gm_gobin_sym(gb, name, a, &sz) && *a;
}

struct gm_error *gm_memprof_read(struct gm_session *s, struct gm_memprof **out)
{
	*out = NULL;
	const struct gm_gobin *gb = s->gobin;
	struct gm_memprof_globals g = {0};
	sym_addr(gb, "runtime.mbuckets", &g.mbuckets);
	sym_addr(gb, "runtime.mProfCycle", &g.cycle);
	sym_addr(gb, "runtime.MemProfileRate", &g.rate);
	sym_addr(gb, "runtime.disableMemoryProfiling", &g.disable);
	sym_addr(gb, "math.useFMA", &g.usefma);
	if (!gb->has_symtab && (!g.mbuckets || !g.cycle || !g.rate))
		gm_memprof__find_stripped(gb, &g.mbuckets, &g.cycle, &g.rate, &g.disable);
	if (!g.usefma && !gb->has_symtab)
		g.usefma = gm_memprof__find_usefma(gb);
	if (!g.mbuckets || !g.cycle || !g.rate)
		return gm_error_create(GM_ERR_LOOKUP,
				       "the heap profile's globals (runtime.mbuckets, mProfCycle, "
				       "MemProfileRate) were not found in the executable%s",
				       gb->has_symtab ? "" : " (stripped: not located from the code)");
	g.layout = s->have_layout ? &s->layout : NULL;
	return gm_memprof_build(gb, s->target->mem, &g, s->target->is_live ? "process copy" : "core",
				out);
}

struct gm_error *gm_memprof_build(const struct gm_gobin *gb, struct gm_memsrc *m,
				  const struct gm_memprof_globals *g, const char *where,
				  struct gm_memprof **out)
{
	*out = NULL;
	struct gm_memprof *p = calloc(1, sizeof(*p));
	if (!p)
		return &gm_error_nomem;
	p->go_minor = gb->go_minor;
	text_mapping(gb, p);
	uint64_t a_mbuckets = g->mbuckets, a_cycle = g->cycle, a_rate = g->rate,
		 a_disable = g->disable, a_fma = g->usefma;
	uint8_t dis = 0;
	uint64_t rate = 0, head = 0;
	uint32_t cyc = 0;
	if (!gm_memsrc_u64(m, a_rate, &rate) || !gm_memsrc_u64(m, a_mbuckets, &head) ||
	    !gm_memsrc_u32(m, a_cycle, &cyc)) {
		gm_memprof_destroy(p);
		return gm_error_create(GM_ERR_FAULT, "the heap profile's globals are not in the %s",
				       where);
	}
	p->rate = (int64_t)rate;
	p->cycle = cyc >> 1;
	p->flushed = cyc & 1;
	if (a_disable && gm_memsrc_u8(m, a_disable, &dis) && dis) {
		snprintf(p->disabled, sizeof(p->disabled),
			 "memory profiling is disabled: the linker set runtime.disableMemoryProfiling "
			 "(the program never reads its heap profile)");
		*out = p;
		return NULL;
	}
	if (p->rate == 0) {
		snprintf(p->disabled, sizeof(p->disabled),
			 "memory profiling is off: runtime.MemProfileRate is 0");
		*out = p;
		return NULL;
	}
	uint8_t fmab = 0;
	if (a_fma && gm_memsrc_u8(m, a_fma, &fmab)) {
		p->fma = fmab != 0;
		p->fma_source = "math.useFMA";
	} else if (gb->arch == GM_ARCH_ARM64) {
		/* no math.useFMA on arm64: FMADD is part of the base ISA and
		 * math.archExp (exp_arm64.s, its own algorithm) uses it */
		p->fma = true;
		p->fma_source = "arm64 (always)";
	} else {
#if defined(__x86_64__)
		__builtin_cpu_init();
		p->fma = __builtin_cpu_supports("avx") && __builtin_cpu_supports("fma");
		p->fma_source = "this machine's CPU";
#else
		p->fma = false;
		p->fma_source = "unknown (gomortem does not run on x86-64)";
#endif
	}
	p->exp = gb->arch == GM_ARCH_ARM64 ? GM_GO_EXP_ARM64 : p->fma ? GM_GO_EXP_AMD64_FMA : GM_GO_EXP_AMD64;

	/* the bucket list: bounded, cycle-checked (Brent), every read checked */
	/* the shapes: from the layout (DWARF, or the gorts table of the version),
	 * else what every supported version has: a 48-byte header {next,
	 * allnext, typ, hash, size, nstk}, memRecordCycle of 4 words (2 in 1.27) */
	const struct gm_layout *L = g->layout;
	bool lay = L && L->bucket_hdr_size > 0 && L->memrecordcycle_size > 0;
	size_t hdrsz = lay ? (size_t)L->bucket_hdr_size : 48;
	int32_t o_allnext = lay ? L->bucket_allnext : 8, o_typ = lay ? L->bucket_typ : 16,
		o_size = lay ? L->bucket_size : 32, o_nstk = lay ? L->bucket_nstk : 40;
	size_t crec = lay ? (size_t)L->memrecordcycle_size : p->go_minor >= 27 ? 16 : 32;
	bool has_bytes = lay ? L->memrecordcycle_alloc_bytes == 16 : p->go_minor <= 26;
	if (hdrsz > MAX_HDR || o_allnext < 0 || o_typ < 0 || o_size < 0 || o_nstk < 0 ||
	    (size_t)o_allnext + 8 > hdrsz || (size_t)o_typ + 8 > hdrsz || (size_t)o_size + 8 > hdrsz ||
	    (size_t)o_nstk + 8 > hdrsz || (crec != 16 && crec != 32) || (has_bytes && crec != 32) ||
	    (lay && L->memrecord_size > 0 && (size_t)L->memrecord_size != 4 * crec)) {
		gm_memprof_destroy(p);
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "the heap profile's bucket layout is not one gomortem knows "
				       "(header %zu bytes, memRecordCycle %zu bytes)", hdrsz, crec);
	}
	if (!has_bytes && p->go_minor <= 26) {
		gm_memprof_destroy(p);
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "memRecordCycle without byte counts in go1.%d: not a known layout",
				       p->go_minor);
	}
	size_t maxstk = p->go_minor >= 23 ? 1024 : 32;
	struct raw *raws = NULL;
	size_t nraw = 0, craw = 0;
	uint64_t *pcs = NULL;
	size_t npcs = 0, cpcs = 0;
	/* every bucket address seen, to stop at a loop (open addressing) */
	uint64_t *seen = NULL;
	size_t scap = 0;
	uint8_t rec[4 * 32];
	for (uint64_t b = head; b; ) {
		if (nraw >= MAX_BUCKETS) {
			gm_first_problem(p->problem, sizeof(p->problem),
					 "more than %u buckets: list cut there", MAX_BUCKETS);
			break;
		}
		if ((nraw + 1) * 2 >= scap) {
			size_t ncap = scap ? scap * 2 : 1024;
			uint64_t *ns = calloc(ncap, sizeof(*ns));
			if (!ns) {
				free(seen);
				free(pcs);
				free(raws);
				gm_memprof_destroy(p);
				return &gm_error_nomem;
			}
			for (size_t i = 0; i < scap; i++)
				if (seen[i]) {
					size_t j = hash64(seen[i]) & (ncap - 1);
					while (ns[j])
						j = (j + 1) & (ncap - 1);
					ns[j] = seen[i];
				}
			free(seen);
			seen = ns;
			scap = ncap;
		}
		size_t j = hash64(b) & (scap - 1);
		while (seen[j] && seen[j] != b)
			j = (j + 1) & (scap - 1);
		if (seen[j] == b) {
			gm_first_problem(p->problem, sizeof(p->problem),
					 "the bucket list loops (bucket 0x%llx seen twice): cut after %zu buckets",
					 (unsigned long long)b, nraw);
			break;
		}
		seen[j] = b;
		uint8_t hdr[MAX_HDR];
		if (!gm_memsrc_try_read(m, b, hdr, hdrsz)) {
			gm_first_problem(p->problem, sizeof(p->problem),
					 "bucket 0x%llx is not in the %s: list cut after %zu buckets",
					 (unsigned long long)b, where, nraw);
			break;
		}
		uint64_t allnext = gm_rd64(hdr + o_allnext), typ = gm_rd64(hdr + o_typ),
			 size = gm_rd64(hdr + o_size), nstk = gm_rd64(hdr + o_nstk);
		if (typ != 1 || nstk > maxstk || size > (1ull << 47)) {
			gm_first_problem(p->problem, sizeof(p->problem),
					 "bucket 0x%llx is not a heap bucket (type %llu, %llu PCs, size %llu): "
					 "list cut after %zu buckets",
					 (unsigned long long)b, (unsigned long long)typ,
					 (unsigned long long)nstk, (unsigned long long)size, nraw);
			break;
		}
		if (npcs + nstk > MAX_PCS || !gm_grow((void **)&pcs, &cpcs, npcs + nstk + 1, sizeof(*pcs)) ||
		    !gm_grow((void **)&raws, &craw, nraw + 1, sizeof(*raws))) {
			free(seen);
			free(pcs);
			free(raws);
			gm_memprof_destroy(p);
			return &gm_error_nomem;
		}
		if ((nstk && !gm_memsrc_try_read(m, b + hdrsz, pcs + npcs, nstk * 8)) ||
		    !gm_memsrc_try_read(m, b + hdrsz + nstk * 8, rec, 4 * crec)) {
			gm_first_problem(p->problem, sizeof(p->problem),
					 "bucket 0x%llx's stack or counts are not in the %s: list cut after %zu buckets",
					 (unsigned long long)b, where, nraw);
			break;
		}
		struct raw *r = &raws[nraw++];
		memset(r, 0, sizeof(*r));
		r->addr = b;
		r->size = size;
		r->stk_first = (uint32_t)npcs;
		r->nstk = (uint32_t)nstk;
		/* up to 1.22 the record's Stack0[32] is cut at the first 0 */
		if (p->go_minor <= 22)
			for (uint32_t k = 0; k < r->nstk; k++)
				if (!pcs[npcs + k]) {
					r->nstk = k;
					break;
				}
		npcs += nstk;
		for (int c = 0; c < 4; c++) {
			int64_t *dst = c == 0 ? r->active : r->future[c - 1];
			for (size_t w = 0; w < crec / 8; w++)
				dst[w] = (int64_t)gm_rd64(rec + c * crec + w * 8);
		}
		b = allnext;
	}
	free(seen);
	p->nbuckets = nraw;
	p->pcs = pcs;
	p->npcs = npcs;

	/* memProfileInternal's folding */
	uint32_t idx = p->cycle % 3;
	bool clear = true;
	for (size_t i = 0; i < nraw; i++) {
		for (int w = 0; w < 4; w++) {
			raws[i].active[w] = wadd(raws[i].active[w], raws[i].future[idx][w]);
			raws[i].future[idx][w] = 0;
		}
		if (raws[i].active[0] || raws[i].active[1])
			clear = false;
	}
	if (clear && nraw) {
		p->folded_all = true;
		for (size_t i = 0; i < nraw; i++)
			for (int c = 0; c < 3; c++)
				for (int w = 0; w < 4; w++)
					raws[i].active[w] = wadd(raws[i].active[w], raws[i].future[c][w]);
	}

	/* writeHeapProto */
	struct builder bd = {.p = p, .gb = gb};
	p->samples = calloc(nraw ? nraw : 1, sizeof(*p->samples));
	if (!p->samples) {
		free(raws);
		gm_memprof_destroy(p);
		return &gm_error_nomem;
	}
	for (size_t i = 0; i < nraw && !bd.oom; i++) {
		struct raw *r = &raws[i];
		struct gm_memprof_sample *sm = &p->samples[p->nsamples++];
		sm->bucket = r->addr;
		sm->size = r->size;
		sm->allocs = r->active[0];
		sm->frees = r->active[1];
		if (p->go_minor >= 27) {
			sm->alloc_bytes = (int64_t)((uint64_t)r->active[0] * r->size);
			sm->free_bytes = (int64_t)((uint64_t)r->active[1] * r->size);
			gm_memprof_scale(27, p->exp, sm->allocs, (int64_t)r->size, p->rate, &sm->v[0], &sm->v[1]);
			gm_memprof_scale(27, p->exp, wsub(sm->allocs, sm->frees), (int64_t)r->size, p->rate,
					 &sm->v[2], &sm->v[3]);
			sm->label_bytes = (int64_t)r->size;
			sm->has_label = true;
		} else {
			sm->alloc_bytes = r->active[2];
			sm->free_bytes = r->active[3];
			gm_memprof_scale(p->go_minor, p->exp, sm->allocs, sm->alloc_bytes, p->rate, &sm->v[0],
					 &sm->v[1]);
			gm_memprof_scale(p->go_minor, p->exp, wsub(sm->allocs, sm->frees),
					 wsub(sm->alloc_bytes, sm->free_bytes), p->rate, &sm->v[2], &sm->v[3]);
			if (sm->allocs > 0) {
				sm->label_bytes = sm->alloc_bytes / sm->allocs;
				sm->has_label = sm->label_bytes != 0;
			}
		}
		for (int k = 0; k < 4; k++)
			p->total[k] = wadd(p->total[k], sm->v[k]);
		sm->stk_first = r->stk_first;
		sm->nstk = r->nstk;
		sm->loc_first = (uint32_t)p->nloc_ids;
		uint64_t *stk = pcs + r->stk_first;
		size_t n = r->nstk;
		/* hide runtime frames, then, when nothing is left, show them all */
		for (int tries = 0; tries < 2; tries++) {
			uint64_t *st = stk;
			size_t sn = n;
			if (tries == 0) {
				for (size_t k = 0; k < n; k++) {
					const char *fn = funcforpc_name(gb, p->go_minor, stk[k]);
					if (fn && (has_prefix(fn, "runtime.") ||
						   (p->go_minor >= 24 && has_prefix(fn, "internal/runtime/"))))
						continue;
					st = stk + k;
					sn = n - k;
					break;
				}
			}
			size_t before = p->nloc_ids;
			append_locs(&bd, st, sn);
			if (p->nloc_ids > before || bd.oom)
				break;
		}
		sm->nloc = (uint32_t)(p->nloc_ids - sm->loc_first);
	}
	free(raws);
	free(bd.lmap);
	free(bd.lpcs);
	free(bd.lframes);
	free(bd.deckf);
	free(bd.deckpcs);
	free(bd.fmap);
	if (bd.oom) {
		gm_memprof_destroy(p);
		return &gm_error_nomem;
	}
	*out = p;
	return NULL;
}

void gm_memprof_destroy(struct gm_memprof *p)
{
	if (!p)
		return;
	free(p->samples);
	free(p->pcs);
	free(p->loc_ids);
	free(p->locs);
	free(p->frames);
	free(p);
}

/* ---- the block and mutex profiles ---------------------------------------- *
 * runtime/mprof.go: bucket {next, allnext, typ, hash, size, nstk} + nstk
 * PCs + blockRecord {count float64; cycles int64}; typ 2 (blockProfile) or
 * 3 (mutexProfile). runtime.BlockProfile / MutexProfile (up to 1.22) and
 * blockProfileInternal / mutexProfileInternal (1.23+): Count =
 * int64(count) (a block record's 0 made 1), Cycles; runtime/pprof's
 * writeProfileInternal sorts by Cycles, descending, and
 * printCountCycleProfile writes (Count, int64(float64(Cycles) / cpuGHz)),
 * cpuGHz = ticks per second / 1e9; 1.19 scales the mutex profile by the
 * fraction at the time of writing (scaleMutexProfile); from 1.23 the
 * stacks are frame-pointer PCs, first expanded by expandInlinedFrames
 * (runtime.CallersFrames, at most debug.profstackdepth frames). */

#define PROFSTACKDEPTH 128 /* debug.profstackdepth's default (not read: see docs) */

/* runtime.CallersFrames(stk) and Frames.Next until done or max frames, as
 * expandInlinedFrames: each frame's PC + 1 (1 for the empty Frame when
 * no PC is a Go function). */
static size_t callers_frames(const struct gm_gobin *gb, int go_minor, const uint64_t *stk,
			     size_t n, uint64_t *out, size_t max)
{
	size_t k = 0, i = 0;
	uint64_t nextpc = 0;
	while (k < max) {
		uint64_t pc;
		if (nextpc) {
			pc = nextpc;
			nextpc = 0;
		} else if (i < n) {
			pc = stk[i++];
		} else {
			break;
		}
		struct gm_func f;
		if (!gm_gobin_find_func(gb, pc, &f))
			continue;
		if (pc > f.entry)
			pc--;
		struct inl_level lv[MAX_INL];
		size_t nl = inl_levels(gb, go_minor, &f, pc, lv, MAX_INL);
		if (nl && lv[0].inlined) {
			for (size_t u = 1; u < nl && i < n && stk[i] != lv[u].pc + 1; u++) {
				if (lv[u].funcid == wrapper_funcid(go_minor) &&
				    elide_wrapper_calling(go_minor, lv[0].funcid))
					continue;
				nextpc = lv[u].pc + 1;
				break;
			}
		}
		out[k++] = pc + 1;
	}
	if (!k && max)
		out[k++] = 1;
	return k;
}

struct braw {
	uint64_t addr;
	int64_t count, cycles;
	uint32_t stk_first, nstk;
};

static const struct braw *bsort_r;

static int by_cycles(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (bsort_r[x].cycles != bsort_r[y].cycles)
		return bsort_r[x].cycles > bsort_r[y].cycles ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* float64 -> int64 conversion as Go on amd64 */
static int64_t f2i(double d)
{
	return go_int64(d);
}

struct gm_error *gm_blockprof_build(const struct gm_gobin *gb, struct gm_memsrc *m, int kind,
				    const struct gm_blockprof_globals *g, const char *where,
				    struct gm_memprof **out)
{
	*out = NULL;
	const char *what = kind == GM_PROF_MUTEX ? "mutex" : "block";
	struct gm_memprof *p = calloc(1, sizeof(*p));
	if (!p)
		return &gm_error_nomem;
	p->go_minor = gb->go_minor;
	p->kind = kind;
	p->sampling = -1;
	text_mapping(gb, p);
	uint64_t head = 0, rate = 0, ticks = 0;
	if (!gm_memsrc_u64(m, g->head, &head)) {
		gm_memprof_destroy(p);
		return gm_error_create(GM_ERR_FAULT, "the %s profile's bucket list head is not in the %s",
				       what, where);
	}
	if (g->rate && gm_memsrc_u64(m, g->rate, &rate))
		p->sampling = (int64_t)rate;
	if (g->ticks && gm_memsrc_u64(m, g->ticks, &ticks))
		p->cycles_per_second = (int64_t)ticks;
	if (!head) {
		if (p->sampling == 0)
			snprintf(p->disabled, sizeof(p->disabled),
				 "%s profiling is off: runtime.%s is 0 (the program never called "
				 "runtime.%s)",
				 what, kind == GM_PROF_MUTEX ? "mutexprofilerate" : "blockprofilerate",
				 kind == GM_PROF_MUTEX ? "SetMutexProfileFraction" : "SetBlockProfileRate");
		else if (p->sampling > 0)
			snprintf(p->disabled, sizeof(p->disabled),
				 "%s profiling is on (runtime.%s %" PRId64 ") but no event has been "
				 "recorded yet",
				 what, kind == GM_PROF_MUTEX ? "mutexprofilerate" : "blockprofilerate",
				 p->sampling);
		else
			snprintf(p->disabled, sizeof(p->disabled),
				 "no %s event has been recorded (the %s profile's bucket list is empty)",
				 what, what);
		*out = p;
		return NULL;
	}
	const struct gm_layout *L = g->layout;
	bool lay = L && L->bucket_hdr_size > 0;
	size_t hdrsz = lay ? (size_t)L->bucket_hdr_size : 48;
	int32_t o_allnext = lay ? L->bucket_allnext : 8, o_typ = lay ? L->bucket_typ : 16,
		o_nstk = lay ? L->bucket_nstk : 40;
	if (hdrsz > MAX_HDR || o_allnext < 0 || o_typ < 0 || o_nstk < 0 ||
	    (size_t)o_allnext + 8 > hdrsz || (size_t)o_typ + 8 > hdrsz || (size_t)o_nstk + 8 > hdrsz) {
		gm_memprof_destroy(p);
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "the %s profile's bucket layout is not one gomortem knows "
				       "(header %zu bytes)", what, hdrsz);
	}
	uint64_t want_typ = kind == GM_PROF_MUTEX ? 3 : 2;
	size_t maxstk = p->go_minor >= 23 ? 1024 : 32;
	struct braw *raws = NULL;
	size_t nraw = 0, craw = 0, npcs = 0, cpcs = 0, scap = 0;
	uint64_t *pcs = NULL, *seen = NULL;
	struct gm_error *err = NULL;
	for (uint64_t b = head; b;) {
		if (nraw >= MAX_BUCKETS) {
			gm_first_problem(p->problem, sizeof(p->problem),
					 "more than %u buckets: list cut there", MAX_BUCKETS);
			break;
		}
		if ((nraw + 1) * 2 >= scap) {
			size_t ncap = scap ? scap * 2 : 1024;
			uint64_t *ns = calloc(ncap, sizeof(*ns));
			if (!ns) {
				err = &gm_error_nomem;
				break;
			}
			for (size_t i = 0; i < scap; i++)
				if (seen[i]) {
					size_t j = hash64(seen[i]) & (ncap - 1);
					while (ns[j])
						j = (j + 1) & (ncap - 1);
					ns[j] = seen[i];
				}
			free(seen);
			seen = ns;
			scap = ncap;
		}
		size_t j = hash64(b) & (scap - 1);
		while (seen[j] && seen[j] != b)
			j = (j + 1) & (scap - 1);
		if (seen[j] == b) {
			gm_first_problem(p->problem, sizeof(p->problem),
					 "the %s bucket list loops (bucket 0x%llx seen twice): cut after %zu "
					 "buckets", what, (unsigned long long)b, nraw);
			break;
		}
		seen[j] = b;
		uint8_t hdr[MAX_HDR], rec[16];
		if (!gm_memsrc_try_read(m, b, hdr, hdrsz)) {
			gm_first_problem(p->problem, sizeof(p->problem),
					 "%s bucket 0x%llx is not in the %s: list cut after %zu buckets", what,
					 (unsigned long long)b, where, nraw);
			break;
		}
		uint64_t allnext = gm_rd64(hdr + o_allnext), typ = gm_rd64(hdr + o_typ),
			 nstk = gm_rd64(hdr + o_nstk);
		if (typ != want_typ || nstk > maxstk) {
			gm_first_problem(p->problem, sizeof(p->problem),
					 "bucket 0x%llx is not a %s bucket (type %llu, %llu PCs): list cut "
					 "after %zu buckets",
					 (unsigned long long)b, what, (unsigned long long)typ,
					 (unsigned long long)nstk, nraw);
			break;
		}
		if (npcs + nstk > MAX_PCS || !gm_grow((void **)&pcs, &cpcs, npcs + nstk + 1, sizeof(*pcs)) ||
		    !gm_grow((void **)&raws, &craw, nraw + 1, sizeof(*raws))) {
			err = &gm_error_nomem;
			break;
		}
		if ((nstk && !gm_memsrc_try_read(m, b + hdrsz, pcs + npcs, nstk * 8)) ||
		    !gm_memsrc_try_read(m, b + hdrsz + nstk * 8, rec, sizeof(rec))) {
			gm_first_problem(p->problem, sizeof(p->problem),
					 "%s bucket 0x%llx's stack or counts are not in the %s: list cut after "
					 "%zu buckets", what, (unsigned long long)b, where, nraw);
			break;
		}
		struct braw *r = &raws[nraw++];
		r->addr = b;
		r->stk_first = (uint32_t)npcs;
		r->nstk = (uint32_t)nstk;
		if (p->go_minor <= 22) /* Stack0[32]; Stack() stops at the first 0 */
			for (uint32_t k = 0; k < r->nstk; k++)
				if (!pcs[npcs + k]) {
					r->nstk = k;
					break;
				}
		npcs += nstk;
		r->count = f2i(dbits(gm_rd64(rec)));
		if (kind == GM_PROF_BLOCK && r->count == 0)
			r->count = 1;
		r->cycles = (int64_t)gm_rd64(rec + 8);
		b = allnext;
	}
	free(seen);
	p->nbuckets = nraw;
	p->pcs = pcs;
	p->npcs = npcs;
	uint32_t *ix = err ? NULL : malloc((nraw ? nraw : 1) * sizeof(*ix));
	p->samples = err ? NULL : calloc(nraw ? nraw : 1, sizeof(*p->samples));
	uint64_t *exp = err ? NULL : malloc(PROFSTACKDEPTH * sizeof(*exp));
	if (err || !ix || !p->samples || !exp) {
		free(ix);
		free(exp);
		free(raws);
		gm_memprof_destroy(p);
		return err ? err : &gm_error_nomem;
	}
	if (p->cycles_per_second <= 0) {
		gm_first_problem(p->problem, sizeof(p->problem),
				 "the runtime never measured its cycles per second (runtime.ticks is 0%s): "
				 "delays are given as cycles",
				 g->ticks ? "" : ": not located");
	}
	double ghz = p->cycles_per_second > 0 ? (double)p->cycles_per_second / 1e9 : 1.0;
	/* 1.19's scaleMutexProfile: the fraction when the profile is written */
	int64_t period = 1;
	bool scale = kind == GM_PROF_MUTEX && p->go_minor < 21;
	if (scale) {
		if (p->sampling >= 0)
			period = p->sampling;
		else
			gm_first_problem(p->problem, sizeof(p->problem),
					 "runtime.mutexprofilerate not located: go1.19's profile is scaled by "
					 "it; values unscaled");
	}
	for (size_t i = 0; i < nraw; i++)
		ix[i] = (uint32_t)i;
	bsort_r = raws;
	qsort(ix, nraw, sizeof(*ix), by_cycles);
	struct builder bd = {.p = p, .gb = gb};
	for (size_t i = 0; i < nraw && !bd.oom; i++) {
		const struct braw *r = &raws[ix[i]];
		struct gm_memprof_sample *sm = &p->samples[p->nsamples++];
		sm->bucket = r->addr;
		sm->allocs = r->count;
		sm->alloc_bytes = r->cycles;
		if (scale) {
			sm->v[0] = (int64_t)((uint64_t)r->count * (uint64_t)period);
			sm->v[1] = f2i((double)r->cycles / ghz * (double)period);
		} else {
			sm->v[0] = r->count;
			sm->v[1] = f2i((double)r->cycles / ghz);
		}
		p->total[0] = wadd(p->total[0], sm->v[0]);
		p->total[1] = wadd(p->total[1], sm->v[1]);
		sm->stk_first = r->stk_first;
		sm->nstk = r->nstk;
		sm->loc_first = (uint32_t)p->nloc_ids;
		if (p->go_minor >= 23) {
			size_t n = callers_frames(gb, p->go_minor, pcs + r->stk_first, r->nstk, exp,
						  PROFSTACKDEPTH);
			append_locs(&bd, exp, n);
		} else {
			append_locs(&bd, pcs + r->stk_first, r->nstk);
		}
		sm->nloc = (uint32_t)(p->nloc_ids - sm->loc_first);
	}
	free(exp);
	free(ix);
	free(raws);
	free(bd.lmap);
	free(bd.lpcs);
	free(bd.lframes);
	free(bd.deckf);
	free(bd.deckpcs);
	free(bd.fmap);
	if (bd.oom) {
		gm_memprof_destroy(p);
		return &gm_error_nomem;
	}
	*out = p;
	return NULL;
}

/* src/memprof_stripped.c */
void gm_memprof__find_block_stripped(const struct gm_gobin *gb, int kind, uint64_t *head,
				     uint64_t *rate, uint64_t *ticks);

struct gm_error *gm_blockprof_read(struct gm_session *s, int kind, struct gm_memprof **out)
{
	*out = NULL;
	const struct gm_gobin *gb = s->gobin;
	struct gm_blockprof_globals g = {0};
	bool mutex = kind == GM_PROF_MUTEX;
	sym_addr(gb, mutex ? "runtime.xbuckets" : "runtime.bbuckets", &g.head);
	sym_addr(gb, mutex ? "runtime.mutexprofilerate" : "runtime.blockprofilerate", &g.rate);
	if (sym_addr(gb, "runtime.ticks", &g.ticks))
		/* ticksType (runtime/runtime.go; mutex is one word): 1.19 {lock
		 * mutex; pad uint32; val uint64}, 1.21 {lock mutex; val
		 * atomic.Int64}, from 1.22 {lock mutex; startTicks, startTime
		 * int64; val atomic.Int64} */
		g.ticks += gb->go_minor >= 22 ? 24 : gb->go_minor == 21 ? 8 : 16;
	if (!gb->has_symtab && (!g.head || !g.rate || !g.ticks))
		gm_memprof__find_block_stripped(gb, kind, &g.head, &g.rate, &g.ticks);
	if (!g.head)
		return gm_error_create(GM_ERR_LOOKUP,
				       "the %s profile's bucket list (runtime.%s) was not found in the "
				       "executable%s",
				       mutex ? "mutex" : "block", mutex ? "xbuckets" : "bbuckets",
				       gb->has_symtab ? "" : " (stripped: not located from the code)");
	g.layout = s->have_layout ? &s->layout : NULL;
	return gm_blockprof_build(gb, s->target->mem, kind, &g,
				  s->target->is_live ? "process copy" : "core", out);
}

const struct gm_memprof_frame *gm_memprof_sample_site(const struct gm_memprof *p,
						      const struct gm_memprof_sample *s)
{
	if (!s->nloc || s->loc_first >= p->nloc_ids)
		return NULL;
	uint32_t li = p->loc_ids[s->loc_first];
	if (li >= p->nlocs || !p->locs[li].nframes || p->locs[li].first >= p->nframes)
		return NULL;
	return &p->frames[p->locs[li].first];
}
