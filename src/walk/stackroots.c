/* The typed slots of the goroutines' stacks (include/walk/gm_stackroots.h).
 * Two goroutine walks: the pcs of the frames (for one DWARF read), then the
 * slots at each frame, checked against the stack maps. Never prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_arena.h"
#include "gm_bytes.h"
#include "gm_goroutines.h"
#include "gm_gotype.h"
#include "gm_sort.h"
#include "gm_session.h"
#include "gm_stackroots.h"

#define KIND_INTERFACE 20
#define MAX_STACKMAP_BYTES (1u << 20)

void gm_stackroots_free(struct gm_stackroots *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* one bitmap of a stack map (runtime.stackmap: n, nbit int32, then n
 * bitmaps of (nbit + 7) / 8 bytes); false when absent or damaged */
struct bitvec {
	uint32_t nbit;
	const uint8_t *bits;
};

static bool stackmap(const struct gm_gobin *gb, const struct gm_func *f, uint32_t which, int32_t idx,
		     struct bitvec *out)
{
	const uint8_t *h = gm_gobin_funcdata(f->mod ? f->mod : gb, f, which, 8);
	if (!h)
		return false;
	int32_t n = (int32_t)gm_rd32(h), nbit = (int32_t)gm_rd32(h + 4);
	uint64_t per = ((uint64_t)nbit + 7) / 8;
	if (n <= 0 || nbit < 0 || idx < 0 || idx >= n || 8 + per * (uint64_t)n > MAX_STACKMAP_BYTES)
		return false;
	const uint8_t *all = gm_gobin_funcdata(f->mod ? f->mod : gb, f, which, 8 + per * (size_t)n);
	if (!all)
		return false;
	out->nbit = (uint32_t)nbit;
	out->bits = all + 8 + per * (uint64_t)idx;
	return true;
}

/* the live pointer words of one frame, as the runtime's getStackMap */
struct frame {
	uint64_t varp, argp;
	struct bitvec locals, args;
};

static bool frame_maps(const struct gm_gobin *gb, const struct gm_func *f, uint64_t pc, uint64_t sp, uint64_t cfa,
		       struct frame *fr)
{
	bool lr = gb->arch == GM_ARCH_ARM64;
	memset(fr, 0, sizeof(*fr));
	fr->varp = lr ? cfa : cfa - 8;
	if (fr->varp > sp) /* the saved frame pointer */
		fr->varp -= 8;
	fr->argp = cfa + (lr ? 8 : 0);
	int32_t idx = pc != f->entry ? gm_gobin_pcdata(gb, f, GM_PCDATA_StackMapIndex, pc - 1) : -1;
	if (idx < 0)
		idx = 0;
	bool ok = true;
	if (fr->varp - sp > (lr ? 16u : 0u))
		ok = stackmap(gb, f, GM_FUNCDATA_LocalsPointerMaps, idx, &fr->locals);
	if (!stackmap(gb, f, GM_FUNCDATA_ArgsPointerMaps, idx, &fr->args))
		fr->args.nbit = 0;
	return ok;
}

static bool bit(const struct bitvec *b, uint64_t i)
{
	return i < b->nbit && (b->bits[i / 8] >> (i % 8) & 1);
}

static bool live(const struct frame *fr, uint64_t w)
{
	uint64_t lbase = fr->varp - (uint64_t)fr->locals.nbit * 8;
	if (w % 8)
		return false;
	if (w >= lbase && w < fr->varp)
		return bit(&fr->locals, (w - lbase) / 8);
	if (w >= fr->argp && w - fr->argp < (uint64_t)fr->args.nbit * 8)
		return bit(&fr->args, (w - fr->argp) / 8);
	return false;
}

/* the frame's physical frames: (pc, sp) of each, from the logical ones */
static size_t phys_frames(const struct gm_goroutine *g, uint64_t *pcs, uint64_t *sps, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < g->nframes && n < max; i++) {
		const struct gm_gframe *f = &g->frames[i];
		if (f->native || (n && f->phys == g->frames[i - 1].phys && !g->frames[i - 1].native))
			continue;
		pcs[n] = f->pc;
		sps[n] = f->sp;
		n++;
	}
	return n;
}

static size_t lower_bound(const struct gm_dwframevar *v, size_t n, uint64_t pc)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].pc < pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#define MAX_FRAMES 4096

struct fr {
	uint64_t pc, sp, hi; /* hi: its goroutine's stack.hi (0 unknown) */
};

#define MAX_KEPT ((24u << 20) / sizeof(struct fr)) /* frames kept from the first walk (24 MiB); past it, a second walk */

struct rctx {
	struct gm_target *t;
	const struct gm_gobin *gb;
	const struct gm_layout *l;
	struct gm_stackroots *out;
	const struct gm_dwframevar *fv;
	size_t nfv, rcap;
	bool nomem;
};

static bool add_root(struct rctx *c, struct gm_dwglobal r)
{
	struct gm_stackroots *out = c->out;
	if (!gm_grow((void **)&out->v, &c->rcap, out->n + 1, sizeof(*out->v))) {
		c->nomem = true;
		return false;
	}
	out->v[out->n++] = r;
	return true;
}

/* A live pointer of the frame at sp into its goroutine's stack below hi
 * (its own frame's or a caller's: the only places a live pointer to a stack
 * can point) points at a stack object, an address-taken local the stack
 * maps leave out and the runtime scans because such a pointer reaches it
 * (scanstack's stack objects): the value there, of the pointer's element
 * type, is the root. A VIA record (a pointer to a struct without a runtime
 * type) names one member of the pointee: the member is the root, in the
 * stack or in the heap object the pointer holds. */
static void slot_root(struct rctx *c, const struct gm_dwframevar *v, uint64_t slot, uint64_t sp, uint64_t hi)
{
	uint64_t p, size;
	bool via = v->kind == GM_DWG_VIA_VALUE || v->kind == GM_DWG_VIA_POINTS_TO;
	if (v->kind != GM_DWG_POINTS_TO && !via) {
		add_root(c, (struct gm_dwglobal){slot, v->rtype, v->kind, 0});
		return;
	}
	if (!gm_memsrc_u64(c->t->mem, slot, &p) || !p)
		return;
	bool in_stack = hi && p >= sp && p < hi;
	if (via) {
		uint64_t m = p + v->pad;
		size = v->kind == GM_DWG_VIA_VALUE ? 0 : 8;
		if (!size && !gm_memsrc_u64(c->t->mem, v->rtype, &size))
			return;
		if (m < p || m % 8 || !size || (in_stack && (m >= hi || size > hi - m)))
			return;
		c->out->pointees += in_stack;
		add_root(c, (struct gm_dwglobal){m, v->rtype,
						 v->kind == GM_DWG_VIA_VALUE ? GM_DWG_VALUE : GM_DWG_POINTS_TO, 0});
		return;
	}
	if (!in_stack) {
		add_root(c, (struct gm_dwglobal){slot, v->rtype, v->kind, 0});
		return;
	}
	/* abi.Type.Size_, its first word: a value that overruns the stack is no value */
	if (gm_memsrc_u64(c->t->mem, v->rtype, &size) && size && size <= hi - p) {
		c->out->pointees++;
		add_root(c, (struct gm_dwglobal){p, v->rtype, GM_DWG_VALUE, 0});
	}
}

/* the typed slots of the frame at (pc, sp) that are live there; hi: its
 * goroutine's stack.hi (0 unknown) */
static void frame_roots(struct rctx *c, uint64_t pc, uint64_t sp, uint64_t hi)
{
	const struct gm_gobin *gb = c->gb;
	struct gm_stackroots *out = c->out;
	struct gm_func f;
	int32_t delta;
	if (!gm_gobin_find_func(gb, pc, &f) || (f.mod && f.mod != gb) || !gm_gobin_pcsp(gb, &f, pc, &delta) ||
	    delta < 0)
		return;
	out->frames++;
	size_t a = lower_bound(c->fv, c->nfv, pc);
	if (a == c->nfv || c->fv[a].pc != pc)
		return;
	uint64_t cfa = sp + (uint64_t)delta + (gb->arch == GM_ARCH_ARM64 ? 0 : 8);
	struct frame fr;
	if (!frame_maps(gb, &f, pc, sp, cfa, &fr))
		return;
	for (; a < c->nfv && c->fv[a].pc == pc; a++) {
		const struct gm_dwframevar *v = &c->fv[a];
		uint64_t slot = cfa + (uint64_t)v->cfa_off;
		out->slots++;
		bool ok = live(&fr, slot);
		uint8_t kb;
		if (ok && v->kind == GM_DWG_VALUE && gm_memsrc_u8(c->t->mem, v->rtype + 23, &kb) &&
		    gm_gotype_kind(c->l->go_minor, kb) == KIND_INTERFACE)
			ok = live(&fr, slot + 8);
		if (!ok) {
			out->dead++;
			continue;
		}
		slot_root(c, v, slot, sp, hi);
	}
}

/* g.stack.hi, 0 when unknown */
static uint64_t stack_hi(struct rctx *c, const struct gm_goroutine *g)
{
	uint64_t hi;
	if (c->l->g_stack_hi < 0 || !gm_memsrc_u64(c->t->mem, g->addr + (uint64_t)c->l->g_stack_hi, &hi))
		return 0;
	return hi;
}

struct gm_error *gm_stackroots_collect(struct gm_target *t, const struct gm_gobin *gb, const struct gm_layout *l,
				       struct gm_frame_types *ft, struct gm_stackroots *out)
{
	memset(out, 0, sizeof(*out));
	if (!gb->has_dwarf || !ft) {
		snprintf(out->note, sizeof(out->note), "no typed stack slots: the executable has no DWARF");
		return NULL;
	}
	struct gm_gwalk *w = NULL;
	struct gm_gwalk_opts o = {0};
	struct gm_error *err = gm_gwalk_create(t, gb, l, &o, &w);
	if (err) {
		snprintf(out->note, sizeof(out->note), "no typed stack slots: %s", err->msg);
		gm_error_destroy(err);
		return NULL;
	}
	uint64_t *fpc = malloc(MAX_FRAMES * sizeof(*fpc)), *fsp = malloc(MAX_FRAMES * sizeof(*fsp));
	uint64_t *pcs = NULL;
	size_t npcs = 0, cap = 0;
	struct fr *kept = NULL; /* the first walk's frames, replayed: one walk, not two */
	size_t nkept = 0, kcap = 0;
	bool replay = true;
	struct rctx c = {.t = t, .gb = gb, .l = l, .out = out, .nomem = !fpc || !fsp};
	/* the executable's frames and their pcs */
	const struct gm_goroutine *g;
	while (!c.nomem && !(err = gm_gwalk_next(w, &g)) && g) {
		out->goroutines++;
		uint64_t hi = stack_hi(&c, g);
		size_t n = phys_frames(g, fpc, fsp, MAX_FRAMES);
		for (size_t i = 0; i < n && !c.nomem; i++) {
			struct gm_func f;
			if (!gm_gobin_find_func(gb, fpc[i], &f) || (f.mod && f.mod != gb))
				continue;
			if (!gm_grow((void **)&pcs, &cap, npcs + 1, sizeof(*pcs))) {
				c.nomem = true;
				break;
			}
			pcs[npcs++] = fpc[i];
			if (replay && nkept < MAX_KEPT && gm_grow((void **)&kept, &kcap, nkept + 1, sizeof(*kept))) {
				kept[nkept++] = (struct fr){fpc[i], fsp[i], hi};
			} else if (replay) { /* too many (or no memory): walk again */
				replay = false;
				free(kept);
				kept = NULL;
			}
		}
		if (npcs > (1u << 20)) /* keep it distinct as it grows */
			npcs = gm_sort_u64_unique(pcs, npcs);
	}
	if (err) {
		snprintf(out->note, sizeof(out->note), "no typed stack slots: %s", err->msg);
		gm_error_destroy(err);
		err = NULL;
		goto done;
	}
	if (c.nomem)
		goto done;
	npcs = gm_sort_u64_unique(pcs, npcs);
	if (gm_frame_types_need(ft, t->mem, gb, l, pcs, npcs)) {
		c.nomem = true;
		goto done;
	}
	c.fv = ft->v;
	c.nfv = ft->n;
	if (ft->note[0])
		snprintf(out->note, sizeof(out->note), "%s", ft->note);
	/* the slots of every frame, live by the stack maps */
	if (replay) {
		for (size_t i = 0; i < nkept && !c.nomem; i++)
			frame_roots(&c, kept[i].pc, kept[i].sp, kept[i].hi);
	} else {
		gm_gwalk_rewind(w);
		while (!c.nomem && !(err = gm_gwalk_next(w, &g)) && g) {
			uint64_t hi = stack_hi(&c, g);
			size_t n = phys_frames(g, fpc, fsp, MAX_FRAMES);
			for (size_t i = 0; i < n && !c.nomem; i++)
				frame_roots(&c, fpc[i], fsp[i], hi);
		}
	}
	if (err) {
		snprintf(out->note, sizeof(out->note), "typed stack slots: the goroutines' walk stopped: %s",
			 err->msg);
		gm_error_destroy(err);
		err = NULL;
	}
done:
	gm_gwalk_destroy(w);
	free(fpc);
	free(fsp);
	free(pcs);
	free(kept);
	if (c.nomem) {
		gm_stackroots_free(out);
		return &gm_error_nomem;
	}
	if (!out->n && !out->note[0])
		snprintf(out->note, sizeof(out->note), "no typed stack slot is live in any frame");
	return NULL;
}
