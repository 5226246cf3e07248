/* The goroutine walker: allgs -> records with fully unwound stacks.
 *
 * The unwinder follows the runtime's own (traceback.go, `unwinder` since
 * Go 1.21, `gentraceback` in 1.19): frame size from the pclntab's pcsp
 * table, the return address at fp-8, stop at TOPFRAME / SPWRITE functions
 * or at an unknown PC. Everything that only depends on a PC (function,
 * frame size, inline expansion, argument metadata) is cached per PC, so a
 * core with 100,000 identical stacks symbolizes each PC once. */
#include "gm_goroutines.h"
#include "gm_gomap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_bytes.h"

#include "gm_arena.h"
#include "gm_out.h"

#define MAX_PHYS_FRAMES 100000  /* per goroutine: bound for garbage stacks */
#define MAX_INLINE 64
#define MAX_LABELS 256
#define MAX_LABEL_LEN 4096
#define MAX_ALLGLEN (64u << 20)
#define MAX_BAD_RUN 4096 /* nil/unreadable allgs entries in a row: the rest is garbage */
#define SCRATCH_CHUNK (16u << 10) /* per-goroutine arena chunk (args, labels) */
#define PREFETCH_STACK 2048u /* bytes of the next goroutine's stack top to prefetch */
/* sched.lastpoll is first set in schedinit, just before runtime.main sets
 * runtimeInitTime: a little earlier is fine */
#define LASTPOLL_SLACK_NS 10000000000ll

/* _func.flag bits (internal/abi/symtab.go FuncFlag*). */
#define FUNCFLAG_TOPFRAME 1
#define FUNCFLAG_SPWRITE 2

struct pcinfo {
	uint64_t key;           /* pc, with bit 63 set for a trap PC; 0 = empty slot */
	uint64_t pc;
	bool trap;              /* pc is where a signal interrupted (not a return address) */
	bool injected;          /* the function is sigpanic / asyncPreempt / debugCallV2 */
	bool valid;             /* pc is inside a Go function */
	bool spdelta_ok;
	int32_t spdelta;
	struct gm_func fn;
	uint16_t ninl;
	struct gm_inline_frame *inl; /* expansion at symPC, innermost first */
	/* argument printing metadata */
	const uint8_t *arginfo;      /* FUNCDATA_ArgInfo, NULL if none */
	uint16_t arginfo_len;        /* bytes of it known to be readable */
	const uint8_t *liveinfo;     /* FUNCDATA_ArgLiveInfo, NULL if none */
	uint16_t liveinfo_len;
	int32_t liveidx;
};

struct gm_gwalk {
	struct gm_target *t;
	struct gm_memsrc *mem;
	const struct gm_gobin *gb;
	const struct gm_layout *l;
	struct gm_gwalk_opts opts;

	uint64_t allgs_ptr, allglen, idx;
	uint64_t bad_run;       /* consecutive nil/unreadable allgs entries */
	struct gm_gwalk_stats stats;
	char first_problem[256];

	int64_t now;
	const char *now_source;

	/* the runtime's own clock and counters, for plausibility (issue 20):
	 * runtime.runtimeInitTime (0 unknown), work.tstart (the last GC's
	 * start: every g.waitsince is one), sched.goidgen (the last goid) */
	int64_t start_ns;
	bool have_tstart, have_goidgen;
	int64_t tstart;
	uint64_t goidgen;
	char damage[160];
	uint64_t clock_damaged; /* stats.damaged from read_clock/compute_now */

	/* entry PCs of the runtime's sa_restorer (runtime.sigreturn__sigaction,
	 * runtime.sigreturn in 1.19): marks a kernel signal frame */
	uint64_t sigreturn[2];
	bool uses_lr;           /* arm64: return addresses in LR / at 0(SP) */
	uint64_t min_frame;     /* sys.MinFrameSize: args at fp + min_frame */

	/* finalizer goroutine state, for isSystemGoroutine */
	uint64_t fing;
	bool fing_running;

	/* pc cache (open addressing, power of two) */
	struct pcinfo *cache;
	size_t cache_cap, cache_len;
	struct gm_arena cache_arena;
	/* unknown-pc messages (pc_error): kept for the walk, since renderers
	 * group goroutines by them; the last one reused, at most
	 * MAX_PC_ERRORS made (garbage gives a new pc per goroutine) */
	uint64_t pc_error_pc;
	const char *pc_error_what, *pc_error_msg;
	size_t pc_errors;

	/* per-goroutine scratch */
	struct gm_arena scratch;
	struct gm_goroutine rec;
	struct gm_gframe *frames;
	size_t frames_cap;
	uint8_t *gbuf;
	char namebuf[64];
};

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


static uint64_t gfield64(const struct gm_gwalk *w, const uint8_t *g, int32_t off)
{
	if (off < 0 || off + 8 > w->l->g_size)
		return 0;
	return gm_rd64(g + off);
}

/* ---- pc cache ---- */

static struct pcinfo *pc_lookup(struct gm_gwalk *w, uint64_t pc, bool trap);

static bool cache_grow(struct gm_gwalk *w)
{
	size_t ncap = w->cache_cap ? w->cache_cap * 2 : 4096;
	struct pcinfo *n = calloc(ncap, sizeof(*n));
	if (!n)
		return false;
	for (size_t i = 0; i < w->cache_cap; i++) {
		struct pcinfo *e = &w->cache[i];
		if (!e->key)
			continue;
		size_t h = (e->key * 0x9E3779B97F4A7C15ull) >> 20;
		for (size_t j = 0;; j++) {
			struct pcinfo *s = &n[(h + j) & (ncap - 1)];
			if (!s->key) {
				*s = *e;
				break;
			}
		}
	}
	free(w->cache);
	w->cache = n;
	w->cache_cap = ncap;
	return true;
}

/* printArgs' bound on the ArgInfo program: (maxDepth*3+2)*limit + 1. */
#define ARGINFO_MAXLEN ((5 * 3 + 2) * 10 + 1)

/* The first up-to-`want` readable bytes of a funcdata (it can sit near the
 * end of a segment, so a shorter prefix is accepted). */
static const uint8_t *funcdata_prefix(struct gm_gwalk *w, const struct gm_func *f, uint32_t idx,
				      size_t want, uint16_t *len)
{
	*len = 0;
	for (size_t n = want; n > 0; n = n > 16 ? n / 2 : n - 1) {
		const uint8_t *p = gm_gobin_funcdata(w->gb, f, idx, n);
		if (p) {
			*len = (uint16_t)(n > 0xffff ? 0xffff : n);
			return p;
		}
	}
	return NULL;
}

static void pcinfo_fill(struct gm_gwalk *w, struct pcinfo *e)
{
	uint64_t pc = e->pc;
	if (!gm_gobin_find_func(w->gb, pc, &e->fn))
		return;
	e->valid = true;
	e->spdelta_ok = gm_gobin_pcsp(w->gb, &e->fn, pc, &e->spdelta);
	e->injected = !strcmp(e->fn.name, "runtime.sigpanic") ||
		      !strcmp(e->fn.name, "runtime.asyncPreempt") ||
		      !strcmp(e->fn.name, "runtime.debugCallV2");
	/* symPC: a saved PC is a return address; back up into the CALL. A
	 * trap PC is the interrupted instruction itself. */
	uint64_t sympc = pc > e->fn.entry && !e->trap ? pc - 1 : pc;
	struct gm_inline_frame tmp[MAX_INLINE];
	size_t n = gm_gobin_expand_inline(w->gb, &e->fn, sympc, tmp, MAX_INLINE);
	if (n == 0) {
		tmp[0].name = e->fn.name;
		tmp[0].funcid = e->fn.funcid;
		tmp[0].inlined = false;
		if (!gm_gobin_fileline(w->gb, &e->fn, sympc, &tmp[0].file, &tmp[0].line)) {
			tmp[0].file = "?";
			tmp[0].line = 0;
		}
		n = 1;
	}
	e->inl = gm_arena_alloc(&w->cache_arena, n * sizeof(*e->inl));
	if (e->inl) {
		memcpy(e->inl, tmp, n * sizeof(*e->inl));
		e->ninl = (uint16_t)n;
	}
	if (w->opts.want_args) {
		/* 1.19 evaluates liveness at the outermost tracepc; 1.21+ at symPC.
		 * They differ only for inlined PCs, whose args are printed as "...". */
		e->arginfo = funcdata_prefix(w, &e->fn, GM_FUNCDATA_ArgInfo, ARGINFO_MAXLEN,
					     &e->arginfo_len);
		e->liveidx = gm_gobin_pcdata(w->gb, &e->fn, GM_PCDATA_ArgLiveIndex, sympc);
		size_t want = 1 + (e->liveidx > 0 ? (size_t)e->liveidx + 32 : 0);
		e->liveinfo = funcdata_prefix(w, &e->fn, GM_FUNCDATA_ArgLiveInfo, want,
					      &e->liveinfo_len);
	}
}

static struct pcinfo *pc_lookup(struct gm_gwalk *w, uint64_t pc, bool trap)
{
	static const struct pcinfo invalid; /* sentinel: pc 0 or no memory */
	uint64_t key = pc | (trap ? 1ull << 63 : 0);
	if (pc == 0 || pc >> 63)
		return (struct pcinfo *)&invalid;
	if (w->cache_len * 2 >= w->cache_cap && !cache_grow(w))
		return (struct pcinfo *)&invalid;
	size_t h = (key * 0x9E3779B97F4A7C15ull) >> 20;
	for (size_t j = 0;; j++) {
		struct pcinfo *s = &w->cache[(h + j) & (w->cache_cap - 1)];
		if (s->key == key)
			return s;
		if (!s->key) {
			memset(s, 0, sizeof(*s));
			s->key = key;
			s->pc = pc;
			s->trap = trap;
			w->cache_len++;
			pcinfo_fill(w, s);
			return s;
		}
	}
}

/* ---- frames ---- */

static struct gm_gframe *frame_push(struct gm_gwalk *w)
{
	if (w->rec.nframes == w->frames_cap) {
		size_t ncap = w->frames_cap ? w->frames_cap * 2 : 256;
		struct gm_gframe *n = realloc(w->frames, ncap * sizeof(*n));
		if (!n)
			return NULL;
		w->frames = n;
		w->frames_cap = ncap;
		w->rec.frames = n;
	}
	struct gm_gframe *f = &w->frames[w->rec.nframes++];
	memset(f, 0, sizeof(*f));
	return f;
}

/* printArgs (traceback.go): the ArgInfo "program" over the args area at argp. */
static const char *format_args(struct gm_gwalk *w, const struct pcinfo *e, uint64_t argp, uint32_t *len)
{
	enum { END = 0xff, START_AGG = 0xfe, END_AGG = 0xfd, DOTDOTDOT = 0xfc, TOO_LARGE = 0xfb };
	const uint8_t *p = e->arginfo;
	size_t avail = e->arginfo_len;
	*len = 0;
	if (!p)
		return "";
	uint8_t start_off = 0xff;
	if (e->liveinfo)
		start_off = e->liveinfo[0];
	/* OUTMAX bytes at most; the slack is for gm_put_hex's 8-byte stores
	 * past the digits */
	enum { OUTMAX = 1024 };
	char out[OUTMAX + GM_OUT_SLACK];
	size_t o = 0;
	/* EMIT appends a literal; EMITHEX a Go hex(): "0x" and lowercase digits. */
#define EMIT(lit)                                                                       \
	do {                                                                            \
		if (o + sizeof(lit) - 1 >= OUTMAX)                                      \
			goto done;                                                      \
		memcpy(out + o, lit, sizeof(lit) - 1);                                  \
		o += sizeof(lit) - 1;                                                   \
	} while (0)
#define EMITHEX(v)                                                                      \
	do {                                                                            \
		uint64_t v_ = (v);                                                      \
		size_t nd_ = v_ ? (size_t)(67 - __builtin_clzll(v_)) / 4 : 1;           \
		if (o + 2 + nd_ >= OUTMAX)                                              \
			goto done;                                                      \
		o = (size_t)(gm_put_hex(out + o, v_) - out);                            \
	} while (0)
	bool start = true;
	size_t pi = 0;
	uint8_t slot = 0;
	for (;;) {
		if (pi >= avail)
			break;
		uint8_t op = p[pi++];
		if (op == END)
			break;
		if (op == START_AGG) {
			if (!start)
				EMIT(", ");
			EMIT("{");
			start = true;
			continue;
		}
		if (op == END_AGG) {
			EMIT("}");
		} else if (op == DOTDOTDOT) {
			if (!start)
				EMIT(", ");
			EMIT("...");
		} else if (op == TOO_LARGE) {
			if (!start)
				EMIT(", ");
			EMIT("_");
		} else {
			if (!start)
				EMIT(", ");
			if (pi >= avail)
				break;
			uint8_t sz = p[pi++];
			uint64_t x = 0;
			if (!gm_memsrc_u64(w->mem, argp + op, &x)) {
				EMIT("?");
			} else {
				if (sz < 8 && sz > 0) {
					unsigned sh = 64 - sz * 8u;
					x = x << sh >> sh;
				}
				EMITHEX(x);
				bool live = true;
				if (e->liveinfo && e->liveidx > 0 && op >= start_off) {
					size_t bi = (size_t)e->liveidx + slot / 8;
					if (bi < e->liveinfo_len)
						live = (e->liveinfo[bi] >> (slot % 8)) & 1;
				}
				if (!live)
					EMIT("?");
			}
			if (op >= start_off)
				slot++;
		}
		start = false;
	}
done:
#undef EMIT
#undef EMITHEX
	out[o] = 0;
	const char *s = gm_arena_strndup(&w->scratch, out, o);
	*len = s ? (uint32_t)o : 0;
	return s;
}

/* "unknown pc 0x...: in FILE" (or "in anonymous memory", "in no
 * mapping"): where a pc outside the executable's Go code points, so a
 * frame in a plugin, a C library or garbage says which. */
#define MAX_PC_ERRORS 4096
static const char *pc_error(struct gm_gwalk *w, const char *what, uint64_t pc)
{
	if (w->pc_error_msg && w->pc_error_pc == pc && w->pc_error_what == what)
		return w->pc_error_msg;
	if (w->pc_errors >= MAX_PC_ERRORS)
		return what;
	const char *where = "in no mapping of the target";
	char buf[512];
	for (size_t i = 0; i < w->t->nmaps; i++)
		if (pc >= w->t->maps[i].start && pc < w->t->maps[i].end && w->t->maps[i].path) {
			snprintf(buf, sizeof buf, "in %s", w->t->maps[i].path);
			where = buf;
			break;
		}
	if (where != buf && gm_memsrc_segment_at(w->mem, pc))
		where = "in anonymous memory";
	char out[640];
	snprintf(out, sizeof out, "%s 0x%llx %s", what, (unsigned long long)pc, where);
	const char *s = gm_arena_strdup(&w->cache_arena, out);
	if (!s)
		return what;
	w->pc_errors++;
	w->pc_error_pc = pc;
	w->pc_error_what = what;
	w->pc_error_msg = s;
	return s;
}

/* The unwinder of traceback.go for both kinds of machine. amd64: CALL
 * pushes the return address, a frame's fp is sp + spdelta + 8 and the
 * caller's PC is at fp-8. arm64 (usesLR): BL leaves it in LR and the
 * prologue saves LR at 0(SP) of the new frame, so fp is sp + spdelta, the
 * caller's PC is at 0(sp) -- except in the innermost frame before the
 * prologue (sp == fp: a leaf or a function stopped at its entry), where it
 * is still in LR (lr: the register, from the signal context or g.sched.lr;
 * 0 when unknown) -- and the arguments start at fp + 8 (sys.MinFrameSize). */
static void unwind(struct gm_gwalk *w, const uint8_t *g, uint64_t pc, uint64_t sp, uint64_t lr, bool trap)
{
	struct gm_goroutine *r = &w->rec;
	uint64_t lo = gfield64(w, g, w->l->g_stack_lo), hi = gfield64(w, g, w->l->g_stack_hi);
	const bool uses_lr = w->uses_lr;
	if (pc == 0) { /* the runtime reads the PC from *sp in this case */
		if (!gm_memsrc_u64(w->mem, sp, &pc)) {
			r->unwind_error = "cannot read the saved PC";
			return;
		}
		if (!uses_lr)
			sp += 8;
		lr = 0;
	}
	if (!uses_lr)
		lr = 0;
	bool innermost = true, prev_frameless = false;
	uint64_t prev_sp = 0;
	for (size_t nphys = 0; nphys < MAX_PHYS_FRAMES; nphys++) {
		struct pcinfo *e = pc_lookup(w, pc, trap);
		if (!e->valid) {
			r->unwind_error = pc_error(w, innermost ? "unknown pc" : "unexpected return pc", pc);
			return;
		}
		/* On an LR machine a frameless function (spdelta 0: a leaf
		 * interrupted by an injected call) shares its caller's sp. */
		if (!innermost && (sp < prev_sp || (sp == prev_sp && !(uses_lr && prev_frameless)))) {
			r->unwind_error = "stack pointer went backwards";
			return;
		}
		if (lo && hi && (sp < lo || sp > hi)) {
			r->unwind_error = "stack pointer outside the goroutine's stack";
			return;
		}
		if (e->fn.pcsp == 0) /* no frame information: the runtime stops here */
			return;
		if (!e->spdelta_ok || e->spdelta < 0) {
			r->unwind_error = "bad pcsp table";
			return;
		}
		uint64_t fp = sp + (uint64_t)e->spdelta + (uses_lr ? 0 : 8);
		uint8_t flag = e->fn.flag;
		/* In a syscall the SPWRITE bit of the innermost frame is ignored;
		 * so is cgocallback's (traceback.go: it keeps its frame valid on
		 * both stacks while it switches: a goroutine called from C, e.g.
		 * into a c-shared library, unwinds through it to goexit). */
		if ((flag & FUNCFLAG_SPWRITE) && e->fn.name && !strcmp(e->fn.name, "runtime.cgocallback"))
			flag &= (uint8_t)~FUNCFLAG_SPWRITE;
		bool stop = (flag & FUNCFLAG_TOPFRAME) || (flag & FUNCFLAG_SPWRITE && !innermost);
		if (innermost && (flag & FUNCFLAG_SPWRITE)) {
			uint64_t scsp = gfield64(w, g, w->l->g_syscallsp);
			uint64_t scpc = gfield64(w, g, w->l->g_syscallpc);
			if (!(scsp == sp && scpc == pc))
				stop = true;
		}
		const char *args = NULL;
		uint32_t args_len = 0;
		if (w->opts.want_args)
			args = format_args(w, e, fp + w->min_frame, &args_len);
		for (size_t i = 0; i < e->ninl; i++) {
			struct gm_gframe *f = frame_push(w);
			if (!f) {
				r->unwind_error = "out of memory";
				return;
			}
			f->func = e->inl[i].name;
			f->file = e->inl[i].file;
			f->line = e->inl[i].line;
			f->inlined = e->inl[i].inlined;
			f->phys = (uint32_t)nphys;
			f->pc = pc;
			f->sp = sp;
			f->fp = fp;
			f->entry = e->fn.entry;
			f->args = f->inlined ? "..." : args;
			f->args_len = f->inlined ? 3 : args_len;
		}
		r->nphys = nphys + 1;
		if (stop)
			return;
		if (!uses_lr) {
			if (!gm_memsrc_u64(w->mem, fp - 8, &lr)) {
				r->unwind_error = "return address not in the core";
				return;
			}
		} else if ((innermost && sp < fp) || lr == 0) {
			if (!gm_memsrc_u64(w->mem, sp, &lr)) {
				r->unwind_error = "return address not in the core";
				return;
			}
		}
		if (lr == pc && fp == sp) {
			r->unwind_error = "traceback stuck";
			return;
		}
		prev_sp = sp;
		prev_frameless = fp == sp;
		pc = lr;
		lr = 0;
		sp = fp;
		innermost = false;
		/* After an injected call the caller's PC is where the signal hit
		 * (1.21+ unwindTrap). 1.19 only knew this for sigpanic. */
		trap = w->l->go_minor >= 21 ? e->injected : !strcmp(e->fn.name, "runtime.sigpanic");
		/* On an LR machine the signal handler that injected the call
		 * (sigpanic, asyncPreempt, debugCallV2) pushed the interrupted
		 * LR in a 16-byte slot (alignUp(MinFrameSize, StackAlign)); it is
		 * the caller's LR when the interrupted function had no frame
		 * yet (spdelta 0), its PC when the PC was not in Go code. */
		if (uses_lr && e->injected) {
			uint64_t x;
			if (!gm_memsrc_u64(w->mem, sp, &x)) {
				r->unwind_error = "return address not in the core";
				return;
			}
			sp += 16;
			struct pcinfo *ne = pc_lookup(w, pc, trap);
			if (!ne->valid)
				pc = x;
			else if (ne->spdelta_ok && ne->spdelta == 0)
				lr = x;
		}
	}
	r->unwind_error = "too many frames";
}

/* ---- labels ---- */

static bool read_gostring(struct gm_gwalk *w, uint64_t hdr, const char **s, size_t *len)
{
	uint8_t b[16];
	if (!gm_memsrc_try_read(w->mem, hdr, b, 16))
		return false;
	uint64_t p = gm_rd64(b), n = gm_rd64(b + 8);
	if (n > MAX_LABEL_LEN)
		return false;
	char *c = gm_arena_alloc(&w->scratch, n + 1);
	if (!c || (n && !gm_memsrc_try_read(w->mem, p, c, n)))
		return false;
	c[n] = 0;
	*s = c;
	*len = n;
	return true;
}

static void add_label(struct gm_gwalk *w, uint64_t kaddr, uint64_t vaddr)
{
	struct gm_goroutine *r = &w->rec;
	if (r->nlabels >= MAX_LABELS)
		return;
	struct gm_label lb;
	if (!read_gostring(w, kaddr, &lb.key, &lb.klen) || !read_gostring(w, vaddr, &lb.value, &lb.vlen))
		return;
	r->labels[r->nlabels++] = lb;
}

static int label_cmp(const void *a, const void *b)
{
	const struct gm_label *x = a, *y = b;
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, n);
	return c ? c : (x->klen > y->klen) - (x->klen < y->klen);
}

static int label_entry(void *ctx, uint64_t key_addr, uint64_t elem_addr)
{
	struct gm_gwalk *w = ctx;
	add_label(w, key_addr, elem_addr);
	return w->rec.nlabels >= MAX_LABELS;
}

/* map[string]string (Go <= 1.23: labelMap is a map, always in the hmap
 * layout, since Swiss maps came with 1.24, when labelMap became a slice),
 * through the map reader. */
static void labels_from_map(struct gm_gwalk *w, uint64_t hmap)
{
	struct gm_maptype mt;
	struct gm_gomap_stats st;
	struct gm_error *err = gm_maptype_synth(GM_MAP_HMAP, 16, 8, 16, 8, &mt);
	if (!err)
		err = gm_gomap_foreach(w->mem, &mt, hmap, MAX_LABELS * 4, label_entry, w, &st);
	gm_error_destroy(err); /* labels are best effort: what was read is kept */
}

static void read_labels(struct gm_gwalk *w, const uint8_t *g)
{
	struct gm_goroutine *r = &w->rec;
	uint64_t lp = gfield64(w, g, w->l->g_labels);
	if (!lp)
		return;
	r->labels = gm_arena_alloc(&w->scratch, MAX_LABELS * sizeof(*r->labels));
	if (!r->labels)
		return;
	if (w->l->labels_kind == GM_LABELS_MAP) {
		uint64_t hmap;
		if (gm_memsrc_u64(w->mem, lp, &hmap) && hmap)
			labels_from_map(w, hmap);
		qsort(r->labels, r->nlabels, sizeof(*r->labels), label_cmp);
	} else {
		uint8_t sl[16];
		if (!gm_memsrc_try_read(w->mem, lp, sl, 16))
			return;
		uint64_t p = gm_rd64(sl), n = gm_rd64(sl + 8);
		if (n > MAX_LABELS)
			n = MAX_LABELS;
		for (uint64_t i = 0; i < n; i++)
			add_label(w, p + i * 32, p + i * 32 + 16);
	}
}

/* ---- records ---- */

static bool is_system_goroutine(struct gm_gwalk *w, const struct gm_goroutine *r)
{
	struct pcinfo *e = pc_lookup(w, r->startpc, false);
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
	struct pcinfo *e = pc_lookup(w, r->gopc, false);
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

/* The registers a signal interrupted, as the kernel saved them. */
struct sigctx {
	uint64_t pc, sp, lr;
};

/* A goroutine in _Grunning has no saved context in g.sched: the thread
 * running it was interrupted by a signal (the crash's SIGQUIT/SIGABRT), and
 * the kernel saved the interrupted registers in an rt_sigframe on the M's
 * signal stack (m.gsignal's stack, installed with sigaltstack).
 * amd64: a frame starts with its return address, sa_restorer
 * (runtime.sigreturn*), and its ucontext's mcontext holds rsp at +168 and
 * rip at +176 (x86-64 rt_sigframe: pretcode 8, uc_flags 8, uc_link 8,
 * uc_stack 24, then r8..rsp, rip).
 * arm64: the runtime sets no sa_restorer (the kernel returns through the
 * vDSO's), so the frame has no marker word; it is found by its ucontext
 * (rt_sigframe: siginfo 128 bytes, then the ucontext), whose uc_stack is
 * the signal stack itself: ss_sp = g.stack.lo and ss_size = hi - lo of
 * gsignal (the kernel's __save_altstack, qemu's target_save_altstack), at
 * +16 and +32; its sigcontext at +176 (uc_flags 8, uc_link 8, uc_stack 24,
 * uc_sigmask 8, 120 bytes of glibc's sigset, aligned to 16) holds
 * fault_address, regs[31] (x30 = LR at +8+240), sp (+256), pc (+264)
 * (arch/arm64/include/uapi/asm/{sigcontext,ucontext}.h; the runtime's
 * defs_linux_arm64.go).
 * The kernel puts the first signal's frame at the top of the alternate stack;
 * nested signals and older handlers leave frames below it, so the highest
 * frame between the thread's SP and the top whose saved sp lies inside the
 * goroutine's stack is the one that interrupted the goroutine. */
#define ARM64_UC_STACK_SP 16
#define ARM64_UC_STACK_SIZE 32
#define ARM64_UC_MCONTEXT 176
#define ARM64_UC_SIZE (ARM64_UC_MCONTEXT + 8 + 34 * 8)
static bool find_signal_context(struct gm_gwalk *w, uint64_t m_addr, uint64_t lo, uint64_t hi,
				struct sigctx *ctx)
{
	const struct gm_layout *l = w->l;
	uint64_t procid, gsignal, slo, shi;
	bool arm64 = w->t->arch == GM_ARCH_ARM64;
	if (!arm64 && !w->sigreturn[0] && !w->sigreturn[1])
		return false;
	if (!m_addr || l->m_procid < 0 || l->m_gsignal < 0 ||
	    !gm_memsrc_u64(w->mem, m_addr + (uint64_t)l->m_procid, &procid) ||
	    !gm_memsrc_u64(w->mem, m_addr + (uint64_t)l->m_gsignal, &gsignal) || !gsignal ||
	    !gm_memsrc_u64(w->mem, gsignal + (uint64_t)l->g_stack_lo, &slo) ||
	    !gm_memsrc_u64(w->mem, gsignal + (uint64_t)l->g_stack_hi, &shi) || shi <= slo ||
	    shi - slo > (1u << 20))
		return false;
	const struct gm_thread *th = NULL;
	for (size_t i = 0; i < w->t->nthreads; i++)
		if ((uint64_t)w->t->threads[i].tid == procid)
			th = &w->t->threads[i];
	if (!th || th->r.sp < slo || th->r.sp >= shi)
		return false;
	uint64_t bottom = th->r.sp & ~7ull;
	if (arm64) {
		if (shi - slo < ARM64_UC_SIZE)
			return false;
		for (uint64_t u = (shi - ARM64_UC_SIZE) & ~7ull; u >= bottom && u >= slo; u -= 8) {
			uint64_t ss_sp, ss_size;
			if (!gm_memsrc_u64(w->mem, u + ARM64_UC_STACK_SP, &ss_sp) || ss_sp != slo ||
			    !gm_memsrc_u64(w->mem, u + ARM64_UC_STACK_SIZE, &ss_size) || ss_size != shi - slo)
				continue;
			uint64_t mc = u + ARM64_UC_MCONTEXT, sp, pc, lr;
			if (!gm_memsrc_u64(w->mem, mc + 8 + 31 * 8, &sp) ||
			    !gm_memsrc_u64(w->mem, mc + 8 + 32 * 8, &pc) ||
			    !gm_memsrc_u64(w->mem, mc + 8 + 30 * 8, &lr))
				continue;
			if (sp >= lo && sp < hi && pc_lookup(w, pc, true)->valid) {
				*ctx = (struct sigctx){.pc = pc, .sp = sp, .lr = lr};
				return true;
			}
		}
		return false;
	}
	for (uint64_t p = (shi - 184) & ~7ull; p >= bottom && p >= slo; p -= 8) {
		uint64_t ret, sp, pc;
		if (!gm_memsrc_u64(w->mem, p, &ret))
			continue;
		if (ret != w->sigreturn[0] && ret != w->sigreturn[1])
			continue;
		if (!gm_memsrc_u64(w->mem, p + 168, &sp) || !gm_memsrc_u64(w->mem, p + 176, &pc))
			continue;
		if (sp >= lo && sp < hi && pc_lookup(w, pc, true)->valid) {
			*ctx = (struct sigctx){.pc = pc, .sp = sp};
			return true;
		}
	}
	return false;
}

/* Live targets (t->threads_live_regs): the thread whose tid is m.procid was
 * stopped by ptrace; its pc/sp (and lr) are the goroutine's context when sp
 * lies on the goroutine's stack (not on g0's or gsignal's). */
static bool live_thread_context(struct gm_gwalk *w, uint64_t m_addr, uint64_t lo, uint64_t hi,
				struct sigctx *ctx, bool core)
{
	uint64_t procid;
	if ((!core && !w->t->threads_live_regs) || !m_addr || w->l->m_procid < 0 ||
	    !gm_memsrc_u64(w->mem, m_addr + (uint64_t)w->l->m_procid, &procid))
		return false;
	for (size_t i = 0; i < w->t->nthreads; i++) {
		const struct gm_thread *th = &w->t->threads[i];
		if ((uint64_t)th->tid != procid || (!core && !th->regs_live))
			continue;
		if (th->r.sp < lo || th->r.sp >= hi)
			return false;
		*ctx = (struct sigctx){.pc = th->r.pc, .sp = th->r.sp, .lr = th->r.lr};
		return true;
	}
	return false;
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
		struct pcinfo *se = pc_lookup(w, r->startpc, false);
		r->start_func = se->valid ? se->fn.name : NULL;
		r->system = is_system_goroutine(w, r);
		fill_creator(w, r);
		if (w->opts.want_labels)
			read_labels(w, g);

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
			if (w->t->is_live && live_thread_context(w, r->m_addr, lo, hi, &sc, false)) {
				r->from_thread = true;
				unwind(w, g, sc.pc, sc.sp, sc.lr, true);
			} else if (find_signal_context(w, r->m_addr, lo, hi, &sc)) {
				r->from_signal = true;
				unwind(w, g, sc.pc, sc.sp, sc.lr, true);
			} else if (!w->t->is_live && live_thread_context(w, r->m_addr, lo, hi, &sc, true)) {
				/* no signal frame, but the core caught its thread on the
				 * goroutine's stack (a raise() or abort() with no Go
				 * handler in between: a c-shared library's panic) */
				r->from_thread = true;
				unwind(w, g, sc.pc, sc.sp, sc.lr, true);
			} else {
				r->stack_unavailable = true;
			}
		} else if (syscallsp != 0) {
			r->from_syscall = true;
			unwind(w, g, gfield64(w, g, l->g_syscallpc), syscallsp, 0, false);
		} else {
			/* g.sched.lr: LR machines only (gobuf.lr; 0 after mcall/gopark) */
			uint64_t slr = l->g_sched_lr >= 0 ? gfield64(w, g, l->g_sched_lr) : 0;
			unwind(w, g, gfield64(w, g, l->g_sched_pc), gfield64(w, g, l->g_sched_sp), slr, false);
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
	uint64_t bad = 0;
	for (uint64_t i = 0; i < w->allglen && bad < MAX_BAD_RUN; i++) {
		uint64_t gp, ws;
		if (!gm_memsrc_u64(w->mem, w->allgs_ptr + 8 * i, &gp) || !gp ||
		    !gm_memsrc_u64(w->mem, gp + (uint64_t)l->g_waitsince, &ws)) {
			bad++; /* same rule as gm_gwalk_next */
			continue;
		}
		bad = 0;
		if ((int64_t)ws > now && waitsince_plausible(w, (int64_t)ws)) {
			now = (int64_t)ws;
			src = "latest g.waitsince";
		}
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
	if (!w->gbuf || !cache_grow(w)) {
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
