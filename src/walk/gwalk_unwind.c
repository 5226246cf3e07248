/* The goroutine walker's PC cache and unwinder (src/walk/gwalk_internal.h):
 * everything that only depends on a PC (function, frame size, inline
 * expansion, argument metadata) is looked up once per PC; the unwinder
 * follows the runtime's own (traceback.go). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_gomap.h"
#include "gm_out.h"
#include "gwalk_internal.h"

/* ---- pc cache ---- */


bool gm_gwalk__cache_grow(struct gm_gwalk *w)
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

struct pcinfo *gm_gwalk__pc_lookup(struct gm_gwalk *w, uint64_t pc, bool trap)
{
	static const struct pcinfo invalid; /* sentinel: pc 0 or no memory */
	uint64_t key = pc | (trap ? 1ull << 63 : 0);
	if (pc == 0 || pc >> 63)
		return (struct pcinfo *)&invalid;
	if (w->cache_len * 2 >= w->cache_cap && !gm_gwalk__cache_grow(w))
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
void gm_gwalk__unwind(struct gm_gwalk *w, const uint8_t *g, uint64_t pc, uint64_t sp, uint64_t lr, bool trap)
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
		struct pcinfo *e = gm_gwalk__pc_lookup(w, pc, trap);
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
			struct pcinfo *ne = gm_gwalk__pc_lookup(w, pc, trap);
			if (!ne->valid)
				pc = x;
			else if (ne->spdelta_ok && ne->spdelta == 0)
				lr = x;
		}
	}
	r->unwind_error = "too many frames";
}
