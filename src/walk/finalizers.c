/* The finalizers walker (include/walk/gm_finalizers.h): mspan specials, the
 * finalizer queue (allfin), the cleanup queue (gcCleanups, 1.25+) and the
 * goroutines that run them. Reads target memory only through the memsrc;
 * every list walk is bounded and cycle-checked. Never prints. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_finalizers.h"
#include "gm_heapobj.h"
#include "gm_progress.h"
#include "rtcheck.h"
#include "gm_gotype.h"
#include "gm_goroutines.h"
#include "gm_gshare.h"

#define MAX_SPANS (1u << 27)          /* allspans entries */
#define MAX_SPECIALS_PER_SPAN (1u << 20)
#define MAX_SPECIALS (1ull << 28)
#define MAX_BLOCKS (1u << 22)         /* finalizer / cleanup blocks */
#define MAX_TYPE_NAME 4096
#define PAGE_SIZE_GO 8192
#define TFLAG_EXTRASTAR 2             /* abi.TFlagExtraStar, the same in every version */

const char *const gm_fin_kind_names[GM_FIN_NKINDS] = {
	[GM_FIN_K_FINALIZER] = "finalizer",
	[GM_FIN_K_CLEANUP] = "cleanup",
	[GM_FIN_K_WEAKHANDLE] = "weak_handle",
	[GM_FIN_K_PROFILE] = "profile",
	[GM_FIN_K_REACHABLE] = "reachable",
	[GM_FIN_K_PINCOUNTER] = "pin_counter",
	[GM_FIN_K_TINYBLOCK] = "tiny_block",
	[GM_FIN_K_CHECKFINALIZER] = "check_finalizer",
	[GM_FIN_K_BUBBLE] = "bubble",
	[GM_FIN_K_SECRET] = "secret",
	[GM_FIN_K_UNKNOWN] = "unknown",
};

/* key -> group index, open addressing; one per list */
struct gtab {
	struct gm_fin_list *list;
	uint32_t *slot;               /* index + 1, 0 = empty */
	size_t mask;
};

struct ctx {
	struct gm_memsrc *m;
	const struct gm_gobin *gb;
	const struct gm_layout *l;
	struct gm_fin_report *r;
	struct gtab tabs[4];
	uint64_t md_types, md_etypes;
	uint64_t plugin_types[GM_GOTYPE_MAX_PLUGINS][2]; /* the plugins' {types, etypes} */
	size_t nplugin_types;
	bool nomem;
};

/* the first problem of a partial result */
#define problem(c, ...) gm_first_problem((c)->r->problem, sizeof((c)->r->problem), __VA_ARGS__)

static bool rd64(struct ctx *c, uint64_t a, uint64_t *v)
{
	return gm_memsrc_u64(c->m, a, v);
}

static uint64_t hash2(uint64_t a, uint64_t b)
{
	uint64_t h = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
	return h ^ (h >> 29);
}

/* Name of the type descriptor at t (NULL when unknown), malloc'd. */
static char *type_name(struct ctx *c, uint64_t t)
{
	const struct gm_layout *l = c->l;
	uint64_t types = c->md_types, etypes = c->md_etypes;
	bool in = types && t >= types && t < etypes;
	for (size_t i = 0; !in && i < c->nplugin_types; i++) { /* a type of a Go plugin */
		types = c->plugin_types[i][0];
		etypes = c->plugin_types[i][1];
		in = t >= types && t < etypes;
	}
	if (!t || l->type_str < 0 || !in)
		return NULL;
	uint32_t str;
	uint8_t tflag = 0;
	if (!gm_memsrc_u32(c->m, t + (uint64_t)l->type_str, &str))
		return NULL;
	if (l->type_tflag >= 0)
		gm_memsrc_u8(c->m, t + (uint64_t)l->type_tflag, &tflag);
	int32_t off = (int32_t)str;
	if (off < 0)
		return NULL;
	uint64_t p = types + (uint64_t)off;
	if (p >= etypes)
		return NULL;
	uint64_t start, len;
	if (!gm_goname_header(c->m, p, MAX_TYPE_NAME, &start, &len))
		return NULL;
	char *s = malloc(len + 1);
	if (!s) {
		c->nomem = true;
		return NULL;
	}
	if (!gm_memsrc_try_read(c->m, start, s, len)) {
		free(s);
		return NULL;
	}
	s[len] = 0;
	gm_goname_clean(s, len);
	if ((tflag & TFLAG_EXTRASTAR) && s[0] == '*')
		memmove(s, s + 1, len);
	return s;
}

static struct gm_fin_group *group_get(struct ctx *c, int which, uint64_t pc, uint64_t tkey,
				      uint64_t elem_type)
{
	struct gtab *t = &c->tabs[which];
	struct gm_fin_list *L = t->list;
	if (L->n * 2 >= t->mask) { /* grow */
		size_t nm = t->mask ? (t->mask + 1) * 2 - 1 : 63;
		uint32_t *ns = calloc(nm + 1, sizeof(*ns));
		if (!ns) {
			c->nomem = true;
			return NULL;
		}
		for (size_t i = 0; i < L->n; i++) {
			size_t h = hash2(L->v[i].fn_pc, L->v[i].type_addr) & nm;
			while (ns[h])
				h = (h + 1) & nm;
			ns[h] = (uint32_t)(i + 1);
		}
		free(t->slot);
		t->slot = ns;
		t->mask = nm;
	}
	size_t h = hash2(pc, tkey) & t->mask;
	while (t->slot[h]) {
		struct gm_fin_group *g = &L->v[t->slot[h] - 1];
		if (g->fn_pc == pc && g->type_addr == tkey)
			return g;
		h = (h + 1) & t->mask;
	}
	if (L->n == L->cap) {
		size_t ncap = L->cap ? L->cap * 2 : 16;
		struct gm_fin_group *nv = realloc(L->v, ncap * sizeof(*nv));
		if (!nv) {
			c->nomem = true;
			return NULL;
		}
		L->v = nv;
		L->cap = ncap;
	}
	struct gm_fin_group *g = &L->v[L->n];
	memset(g, 0, sizeof(*g));
	g->fn_pc = pc;
	g->type_addr = tkey;
	struct gm_func f;
	if (pc && gm_gobin_find_func(c->gb, pc, &f)) {
		g->function = f.name;
		if (!gm_gobin_fileline(c->gb, &f, f.entry, &g->file, &g->line)) {
			g->file = NULL;
			g->line = 0;
		}
	}
	g->object_type = type_name(c, elem_type);
	t->slot[h] = (uint32_t)(L->n + 1);
	L->n++;
	return g;
}

static void add(struct ctx *c, int which, uint64_t pc, uint64_t tkey, uint64_t elem_type,
		uint64_t bytes)
{
	struct gm_fin_group *g = group_get(c, which, pc, tkey, elem_type);
	if (!g)
		return;
	g->count++;
	g->bytes += bytes;
	c->tabs[which].list->total++;
	c->tabs[which].list->bytes += bytes;
}

/* Code PC of a *funcval (0 when unreadable). A wrapped cleanup (1.24/1.25)
 * is AddCleanup's closure {pc, cleanup *funcval, arg}: take the cleanup's PC
 * when it is a function, else the closure's own. */
static uint64_t funcval_pc(struct ctx *c, uint64_t fv, bool wrapped)
{
	uint64_t pc = 0, inner, ipc;
	if (!fv || !rd64(c, fv, &pc))
		return 0;
	struct gm_func f;
	/* the captured variables' order is the compiler's: 1.24 puts cleanup
	 * first, 1.25 after arg; arg is never a *funcval of its own (a func
	 * argument would be, but then it is not the closure's first word) */
	/* The captured variables' order and mode are the compiler's: 1.24
	 * captures {cleanup, arg} by value; 1.25 takes arg's address, so both
	 * are captured by reference ({&arg, &cleanup}, then the generic
	 * dictionary). Take the first of words 1..3 that is a funcval, or a
	 * pointer to one, of a function other than the closure itself. */
	for (uint64_t w = 1; wrapped && w <= 3; w++) {
		if (!rd64(c, fv + 8 * w, &inner) || !inner || inner == fv)
			continue;
		for (int deref = 0; deref < 2 && inner; deref++) {
			if (rd64(c, inner, &ipc) && ipc != pc && gm_gobin_find_func(c->gb, ipc, &f) &&
			    f.entry == ipc)
				return ipc;
			if (!rd64(c, inner, &inner))
				break;
		}
	}
	return pc;
}

/* ptrtype -> elem type (0 when unreadable). */
static uint64_t ptr_elem(struct ctx *c, uint64_t ot)
{
	uint64_t e = 0;
	if (!ot || c->l->ptrtype_elem < 0 || !rd64(c, ot + (uint64_t)c->l->ptrtype_elem, &e))
		return 0;
	return e;
}

static int kind_of(const struct gm_layout *l, int k)
{
	const int32_t v[GM_FIN_K_UNKNOWN] = {
		[GM_FIN_K_FINALIZER] = l->kind_finalizer,
		[GM_FIN_K_CLEANUP] = l->kind_cleanup,
		[GM_FIN_K_WEAKHANDLE] = l->kind_weakhandle,
		[GM_FIN_K_PROFILE] = l->kind_profile,
		[GM_FIN_K_REACHABLE] = l->kind_reachable,
		[GM_FIN_K_PINCOUNTER] = l->kind_pincounter,
		[GM_FIN_K_TINYBLOCK] = l->kind_tinyblock,
		[GM_FIN_K_CHECKFINALIZER] = l->kind_checkfinalizer,
		[GM_FIN_K_BUBBLE] = l->kind_bubble,
		[GM_FIN_K_SECRET] = l->kind_secret,
	};
	for (int i = 0; i < GM_FIN_K_UNKNOWN; i++)
		if (v[i] >= 0 && v[i] == k)
			return i;
	return GM_FIN_K_UNKNOWN;
}


static void walk_span(struct ctx *c, uint64_t span, uint64_t *budget)
{
	const struct gm_layout *l = c->l;
	struct gm_fin_report *r = c->r;
	uint64_t sp;
	if (!rd64(c, span + (uint64_t)l->mspan_specials, &sp)) {
		problem(c, "span 0x%llx: unreadable", (unsigned long long)span);
		return;
	}
	uint8_t state;
	if (!gm_memsrc_u8(c->m, span + (uint64_t)l->mspan_state, &state))
		return;
	if (state != (uint8_t)l->mspan_inuse)
		return;
	r->spans_in_use++;
	if (!sp)
		return;
	uint64_t start, npages, elemsize;
	if (!rd64(c, span + (uint64_t)l->mspan_startaddr, &start) ||
	    !rd64(c, span + (uint64_t)l->mspan_npages, &npages) ||
	    !rd64(c, span + (uint64_t)l->mspan_elemsize, &elemsize)) {
		problem(c, "span 0x%llx: unreadable", (unsigned long long)span);
		return;
	}
	if (npages == 0 || npages > (1ull << 40) / PAGE_SIZE_GO) {
		problem(c, "span 0x%llx: implausible npages %llu", (unsigned long long)span,
			(unsigned long long)npages);
		return;
	}
	uint64_t limit = npages * PAGE_SIZE_GO;
	struct gm_special_order order = {0};
	for (unsigned n = 0; sp; n++) {
		if (n >= MAX_SPECIALS_PER_SPAN || !*budget) {
			problem(c, "span 0x%llx: too many specials (corrupt list?)",
				(unsigned long long)span);
			return;
		}
		(*budget)--;
		uint64_t next, off;
		uint8_t kind;
		bool ok = gm_special_read(c->m, l, sp, &next, &kind, &off);
		if (!ok) {
			problem(c, "span 0x%llx: special 0x%llx unreadable", (unsigned long long)span,
				(unsigned long long)sp);
			return;
		}
		/* the list is sorted by (offset, kind), repeated only for the
		 * kinds added with force: anything else is corrupt, and so is
		 * a cycle */
		if (off >= limit || !gm_special_order_ok(&order, l, sp, off, kind)) {
			problem(c, "span 0x%llx: special list corrupt at 0x%llx (offset %llu, kind %u)",
				(unsigned long long)span, (unsigned long long)sp,
				(unsigned long long)off, kind);
			return;
		}
		r->specials++;
		int k = kind_of(l, kind);
		r->kinds[k]++;
		if (k == GM_FIN_K_UNKNOWN) /* addspecial only adds the kinds of its version */
			problem(c, "span 0x%llx: special 0x%llx has an unknown kind %u: damaged",
				(unsigned long long)span, (unsigned long long)sp, kind);
		uint64_t bytes = elemsize;
		if (k == GM_FIN_K_FINALIZER && l->spfin_fn >= 0) {
			uint64_t fv = 0, ot = 0;
			rd64(c, sp + (uint64_t)l->spfin_fn, &fv);
			if (l->spfin_ot >= 0)
				rd64(c, sp + (uint64_t)l->spfin_ot, &ot);
			uint64_t pc = funcval_pc(c, fv, false), elem = ptr_elem(c, ot);
			/* SetFinalizer stores a func and the object's *ptrtype */
			if (!pc || (l->spfin_ot >= 0 && l->ptrtype_elem >= 0 && !elem))
				problem(c, "span 0x%llx: finalizer special 0x%llx is damaged (fn 0x%llx, "
					   "type 0x%llx)", (unsigned long long)span,
					(unsigned long long)sp, (unsigned long long)fv,
					(unsigned long long)ot);
			add(c, 0, pc, ot, elem, bytes);
		} else if (k == GM_FIN_K_CLEANUP && l->spcleanup_fn >= 0) {
			uint64_t fv = 0;
			rd64(c, sp + (uint64_t)l->spcleanup_fn, &fv);
			uint64_t pc = funcval_pc(c, fv, l->cleanup_fn_wrapped == 1);
			if (!pc) /* AddCleanup always stores a function */
				problem(c, "span 0x%llx: cleanup special 0x%llx is damaged (fn 0x%llx)",
					(unsigned long long)span, (unsigned long long)sp,
					(unsigned long long)fv);
			add(c, 2, pc, 0, 0, bytes);
		}
		if (c->nomem)
			return;
		sp = next;
	}
}

static struct gm_error *walk_spans(struct ctx *c)
{
	const struct gm_layout *l = c->l;
	if (!l->mheap || l->mheap_allspans < 0 || l->mspan_specials < 0 || l->mspan_state < 0 ||
	    l->mspan_startaddr < 0 || l->mspan_npages < 0 || l->mspan_elemsize < 0 ||
	    l->special_next < 0 || l->special_offset < 0 || l->special_kind < 0 ||
	    l->mspan_inuse < 0)
		return gm_error_create(GM_ERR_LOOKUP,
				       "finalizers: the layout of mheap_/mspan/special is unknown");
	uint64_t arr, len;
	uint64_t a = l->mheap + (uint64_t)l->mheap_allspans;
	if (!rd64(c, a, &arr) || !rd64(c, a + 8, &len))
		return gm_error_fault(a, "finalizers: mheap_.allspans unreadable");
	if (len > MAX_SPANS)
		return gm_error_create(GM_ERR_FORMAT, "finalizers: mheap_.allspans has %llu entries",
				       (unsigned long long)len);
	if (!len) /* a started runtime has spans (the g's, their stacks...) */
		return gm_error_create(GM_ERR_FORMAT,
				       "finalizers: mheap_.allspans is empty (len 0, array 0x%llx): the "
				       "core's copy of mheap_ is lost", (unsigned long long)arr);
	char why[200];
	if (!gm_rtcheck_spans(c->m, l, why, sizeof(why)))
		problem(c, "%s", why);
	uint64_t budget = MAX_SPECIALS;
	for (uint64_t i = 0; i < len && !c->nomem; i++) {
		if (i % 16384 == 0)
			gm_progress("finalizers: reading spans", i, len, false);
		uint64_t span;
		if (!rd64(c, arr + i * 8, &span)) {
			problem(c, "mheap_.allspans[%llu] unreadable", (unsigned long long)i);
			break;
		}
		c->r->spans++;
		if (span)
			walk_span(c, span, &budget);
	}
	gm_progress_end();
	return NULL;
}

static void walk_finq(struct ctx *c)
{
	const struct gm_layout *l = c->l;
	struct gm_fin_report *r = c->r;
	if (!l->allfin || l->finblock_alllink < 0 || l->finblock_cnt < 0 || l->finblock_fin < 0 ||
	    l->finalizer_size <= 0 || l->finalizer_fn < 0 || l->finblock_size <= l->finblock_fin) {
		problem(c, "the finalizer queue's layout is unknown");
		return;
	}
	uint64_t cap = (uint64_t)(l->finblock_size - l->finblock_fin) / (uint64_t)l->finalizer_size;
	uint64_t b;
	if (!rd64(c, l->allfin, &b)) {
		problem(c, "runtime.allfin unreadable");
		return;
	}
	bool cl_in_finq = r->cleanups_supported && !r->cleanup_queue_separate;
	struct gm_cycle y = {0};
	for (; b; r->fin_blocks++) {
		if (r->fin_blocks >= MAX_BLOCKS || gm_cycle_step(&y, b)) {
			problem(c, "runtime.allfin: the block list loops or is too long");
			return;
		}
		uint32_t cnt;
		if (!gm_memsrc_u32(c->m, b + (uint64_t)l->finblock_cnt, &cnt)) {
			problem(c, "finalizer block 0x%llx unreadable", (unsigned long long)b);
			return;
		}
		if (cnt > cap) {
			problem(c, "finalizer block 0x%llx: cnt %u > %llu", (unsigned long long)b, cnt,
				(unsigned long long)cap);
			cnt = 0;
		}
		for (uint32_t i = 0; i < cnt && !c->nomem; i++) {
			uint64_t e = b + (uint64_t)l->finblock_fin + (uint64_t)i * (uint64_t)l->finalizer_size;
			uint64_t fv = 0, arg = 1, ot = 0;
			if (!rd64(c, e + (uint64_t)l->finalizer_fn, &fv)) {
				problem(c, "finalizer block 0x%llx: entry %u unreadable",
					(unsigned long long)b, i);
				break;
			}
			if (!fv)
				continue;
			if (l->finalizer_arg >= 0)
				rd64(c, e + (uint64_t)l->finalizer_arg, &arg);
			if (l->finalizer_ot >= 0)
				rd64(c, e + (uint64_t)l->finalizer_ot, &ot);
			bool cl = cl_in_finq && !arg && !ot;
			uint64_t pc = funcval_pc(c, fv, cl && l->cleanup_fn_wrapped == 1);
			if (!pc)
				problem(c, "finalizer block 0x%llx: entry %u has an unreadable function "
					   "(0x%llx): damaged", (unsigned long long)b, i,
					(unsigned long long)fv);
			if (cl)
				add(c, 3, pc, 0, 0, 0);
			else
				add(c, 1, pc, ot, ptr_elem(c, ot), 0);
		}
		if (!rd64(c, b + (uint64_t)l->finblock_alllink, &b)) {
			problem(c, "finalizer block list unreadable");
			return;
		}
	}
}

static void walk_cleanupq(struct ctx *c)
{
	const struct gm_layout *l = c->l;
	struct gm_fin_report *r = c->r;
	if (l->cleanupq_all < 0 || l->cleanupblock_alllink < 0 || l->cleanupblock_n < 0 ||
	    l->cleanupblock_cleanups < 0 || l->cleanupblock_entsize <= 0 ||
	    l->cleanupblock_entfn < 0 || l->cleanupblock_size <= l->cleanupblock_cleanups) {
		problem(c, "the cleanup queue's layout is unknown");
		return;
	}
	uint64_t cap = (uint64_t)(l->cleanupblock_size - l->cleanupblock_cleanups) /
		       (uint64_t)l->cleanupblock_entsize;
	uint64_t b;
	if (!rd64(c, l->gc_cleanups + (uint64_t)l->cleanupq_all, &b)) {
		problem(c, "runtime.gcCleanups unreadable");
		return;
	}
	struct gm_cycle y = {0};
	for (; b; r->cleanup_blocks++) {
		if (r->cleanup_blocks >= MAX_BLOCKS || gm_cycle_step(&y, b)) {
			problem(c, "gcCleanups.all: the block list loops or is too long");
			return;
		}
		uint32_t n;
		if (!gm_memsrc_u32(c->m, b + (uint64_t)l->cleanupblock_n, &n)) {
			problem(c, "cleanup block 0x%llx unreadable", (unsigned long long)b);
			return;
		}
		if (n > cap) {
			problem(c, "cleanup block 0x%llx: n %u > %llu", (unsigned long long)b, n,
				(unsigned long long)cap);
			n = 0;
		}
		for (uint32_t i = 0; i < n && !c->nomem; i++) {
			uint64_t fv;
			uint64_t e = b + (uint64_t)l->cleanupblock_cleanups +
				     (uint64_t)i * (uint64_t)l->cleanupblock_entsize +
				     (uint64_t)l->cleanupblock_entfn;
			if (!rd64(c, e, &fv)) {
				problem(c, "cleanup block 0x%llx: entry %u unreadable",
					(unsigned long long)b, i);
				break;
			}
			if (fv)
				add(c, 3, funcval_pc(c, fv, l->cleanup_fn_wrapped == 1), 0, 0, 0);
		}
		if (!rd64(c, b + (uint64_t)l->cleanupblock_alllink, &b)) {
			problem(c, "cleanup block list unreadable");
			return;
		}
	}
}

static bool is_runtime(const char *f)
{
	return f && !strncmp(f, "runtime.", 8);
}

/* Fills o from goroutine g; start = the start function's name. */
static void fill_g(struct ctx *c, struct gm_fin_goroutine *o, const struct gm_goroutine *g,
		   bool running)
{
	const struct gm_layout *l = c->l;
	memset(o, 0, sizeof(*o));
	o->goid = g->goid;
	o->addr = g->addr;
	o->status = g->status_str;
	o->wait_reason = g->wait_reason;
	o->wait_minutes = g->wait_minutes;
	o->waiting = l->gs_waiting >= 0 && (g->status & ~l->gs_scan) == (uint32_t)l->gs_waiting;
	o->running_one = running;
	o->state = running ? "running" : "idle";
	for (size_t i = 0; i < g->nframes; i++) {
		if (o->nframes < GM_FIN_MAX_FRAMES) {
			struct gm_fin_frame *f = &o->frames[o->nframes++];
			f->function = g->frames[i].func;
			f->file = g->frames[i].file;
			f->line = g->frames[i].line;
		} else {
			o->frames_truncated = true;
		}
		if (!o->frame.function && g->frames[i].func && !is_runtime(g->frames[i].func)) {
			o->frame.function = g->frames[i].func;
			o->frame.file = g->frames[i].file;
			o->frame.line = g->frames[i].line;
		}
	}
	if (!running || !g->start_func)
		return;
	/* the function being run: the outermost non-runtime frame inside the
	 * start function (callNN and AddCleanup's closure are runtime.*) */
	size_t k = g->nframes;
	for (size_t i = 0; i < g->nframes; i++)
		if (g->frames[i].func == g->start_func ||
		    (g->frames[i].func && !strcmp(g->frames[i].func, g->start_func)))
			k = i;
	for (size_t i = k; i-- > 0;) {
		const struct gm_gframe *f = &g->frames[i];
		if (f->func && !is_runtime(f->func)) {
			o->running.function = f->func;
			o->running.file = f->file;
			o->running.line = f->line;
			break;
		}
	}
}

/* The entry being run is still in its queue block: do not count it as
 * queued (1.26+ cleanups are taken out of their block before they run). */
static void uncount_running(struct ctx *c, int which, const char *fn)
{
	struct gm_fin_list *L = c->tabs[which].list;
	if (!fn)
		return;
	for (size_t i = 0; i < L->n; i++) {
		struct gm_fin_group *g = &L->v[i];
		if (g->count && g->function && !strcmp(g->function, fn)) {
			g->count--;
			L->total--;
			return;
		}
	}
}

/* The finalizer goroutine's stack has a non-runtime frame (the finalizer)
 * between its start function and the top. */
static bool fing_stack_in_finalizer(const struct gm_fin_report *r)
{
	const struct gm_fin_goroutine *o = &r->fing;
	for (size_t i = 0; i < o->nframes; i++) {
		const char *f = o->frames[i].function;
		if (!f)
			continue;
		if (!strcmp(f, "runtime.runfinq") || !strcmp(f, "runtime.runFinalizers"))
			return false; /* reached the start function: nothing above it */
		if (!is_runtime(f))
			return true;
	}
	return false;
}

/* want_stack of the goroutine walk: the goroutines that run finalizers or
 * cleanups (arg: runtime.fing's value) */
bool gm_fin_runs_finalizers(uint64_t fing, const struct gm_goroutine *g)
{
	const char *sf = g->start_func ? g->start_func : "";
	return (fing && g->addr == fing) || !strcmp(sf, "runtime.runfinq") ||
	       !strcmp(sf, "runtime.runFinalizers") || !strcmp(sf, "runtime.runCleanups");
}

static bool runs_finalizers(void *arg, const struct gm_goroutine *g)
{
	return gm_fin_runs_finalizers(*(const uint64_t *)arg, g);
}

/* The goroutines walk_goroutines looks at: from a walk of its own, or
 * those a share kept (the same records, in the same order). */
struct gsrc {
	struct gm_gwalk *w;
	const struct gm_gshare *sh;
	size_t i;
};

static struct gm_error *gsrc_next(struct gsrc *s, const struct gm_goroutine **g)
{
	if (s->w)
		return gm_gwalk_next(s->w, g);
	*g = s->i < s->sh->nfin ? &s->sh->fin[s->i++] : NULL;
	return NULL;
}

static struct gm_error *walk_goroutines(struct ctx *c, struct gm_target *t,
					const struct gm_gshare *sh)
{
	const struct gm_layout *l = c->l;
	struct gm_fin_report *r = c->r;
	uint64_t fing = 0;
	if (l->fing)
		rd64(c, l->fing, &fing);
	bool fing_running = false;
	if (l->fing_status && l->fing_running_finalizer_bit) {
		uint32_t st;
		if (gm_memsrc_u32(c->m, l->fing_status, &st))
			fing_running = st & l->fing_running_finalizer_bit;
	} else if (l->fing_running) {
		uint8_t b;
		if (gm_memsrc_u8(c->m, l->fing_running, &b))
			fing_running = b != 0;
	}
	/* only the finalizer and cleanup goroutines' stacks are needed */
	struct gm_gwalk_opts wo = {.want_stack = runs_finalizers, .want_stack_arg = &fing};
	struct gm_gwalk *w = NULL;
	struct gm_error *err = NULL;
	struct gsrc src = {NULL, sh, 0};
	struct gm_gwalk_stats gs;
	if (gm_gshare_usable(sh) && sh->fing == fing) {
		r->now = sh->now;
		r->now_source = sh->now_source;
		gs = sh->stats;
	} else {
		err = gm_gwalk_create(t, c->gb, l, &wo, &w);
		if (err)
			return err;
		r->now = gm_gwalk_now(w, &r->now_source);
		src.w = w;
	}
	const struct gm_goroutine *g;
	size_t cap = 0;
	while (!(err = gsrc_next(&src, &g)) && g) {
		const char *sf = g->start_func ? g->start_func : "";
		bool is_fing = (fing && g->addr == fing) || !strcmp(sf, "runtime.runfinq") ||
			       !strcmp(sf, "runtime.runFinalizers");
		if ((is_fing || !strcmp(sf, "runtime.runCleanups")) &&
		    (g->unwind_error || !g->nframes))
			problem(c, "goroutine %llu (%s): its stack is unreadable (%s): what it runs is "
				   "unknown", (unsigned long long)g->goid, sf,
				g->unwind_error ? g->unwind_error : "no frames");
		if (is_fing && !r->have_fing) {
			r->have_fing = true;
			fill_g(c, &r->fing, g, fing_running);
		} else if (!strcmp(sf, "runtime.runCleanups")) {
			bool running = false;
			uint8_t b;
			if (l->g_running_cleanups >= 0 &&
			    gm_memsrc_u8(c->m, g->addr + (uint64_t)l->g_running_cleanups, &b))
				running = b != 0;
			if (r->ncleanup_gs == cap) {
				size_t ncap = cap ? cap * 2 : 4;
				struct gm_fin_goroutine *nv =
					realloc(r->cleanup_gs, ncap * sizeof(*nv));
				if (!nv) {
					c->nomem = true;
					break;
				}
				r->cleanup_gs = nv;
				cap = ncap;
			}
			fill_g(c, &r->cleanup_gs[r->ncleanup_gs++], g, running);
		}
	}
	if (w)
		gm_gwalk_stats(w, &gs);
	if (err) {
		problem(c, "goroutines: %s", err->msg);
		gm_error_destroy(err);
	} else if (gs.unreadable) {
		problem(c, "%llu goroutines unreadable: the finalizer and cleanup goroutines may be "
			   "among them", (unsigned long long)gs.unreadable);
	}
	gm_gwalk_destroy(w);
	if (!r->have_fing && fing)
		problem(c, "runtime.fing is g 0x%llx, which is not among the goroutines read: "
			   "damaged", (unsigned long long)fing);
	/* SetFinalizer starts the finalizer goroutine (createfing) before it
	 * adds the special, and the goroutine never exits */
	if (!r->have_fing && (r->registered.total || r->queued.total))
		problem(c, "%llu finalizers registered and %llu queued, but no finalizer goroutine "
			   "was found: the goroutines or the finalizer state are damaged",
			(unsigned long long)r->registered.total, (unsigned long long)r->queued.total);
	/* fingStatus says whether a finalizer runs; the stack says it too */
	if (r->have_fing && !fing_running && r->fing.frame.function &&
	    (l->fing_status || l->fing_running) && fing_stack_in_finalizer(r))
		problem(c, "the finalizer goroutine is in %s, but the runtime's flag says no "
			   "finalizer runs: damaged", r->fing.frame.function);
	if (!r->have_fing)
		r->fing.state = "not started";
	/* finq entries stay in their block while they run (every version) */
	if (r->have_fing && r->fing.running.function) {
		size_t before = r->queued.total;
		uncount_running(c, 1, r->fing.running.function);
		if (r->queued.total == before && r->cleanups_supported && !r->cleanup_queue_separate)
			uncount_running(c, 3, r->fing.running.function);
	}
	/* 1.25 zeroes a cleanup entry after running it, 1.26+ before */
	if (l->cleanup_fn_wrapped == 1 && r->cleanup_queue_separate)
		for (size_t i = 0; i < r->ncleanup_gs; i++)
			uncount_running(c, 3, r->cleanup_gs[i].running.function);
	return NULL;
}

static int cmp_group(const void *a, const void *b)
{
	const struct gm_fin_group *x = a, *y = b;
	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	int s = strcmp(x->function ? x->function : "", y->function ? y->function : "");
	if (s)
		return s;
	s = strcmp(x->object_type ? x->object_type : "", y->object_type ? y->object_type : "");
	if (s)
		return s;
	return x->fn_pc < y->fn_pc ? -1 : x->fn_pc > y->fn_pc;
}

static void finish_list(struct gm_fin_list *L)
{
	size_t j = 0;
	for (size_t i = 0; i < L->n; i++) {
		if (L->v[i].count)
			L->v[j++] = L->v[i];
		else
			free(L->v[i].object_type);
	}
	L->n = j;
	if (L->n > 1)
		qsort(L->v, L->n, sizeof(L->v[0]), cmp_group);
}

static void blocked_sentence(struct gm_fin_report *r)
{
	char *p = r->blocked;
	size_t n = sizeof(r->blocked);
	const struct gm_fin_goroutine *f = &r->fing;
	if (r->have_fing && f->running_one && f->waiting) {
		int k = snprintf(p, n,
				 "Finalization is blocked: the finalizer goroutine (goroutine %llu) "
				 "has been waiting (%s) %s%lld minutes%s in %s, "
				 "with %llu finalizers%s queued behind it.",
				 (unsigned long long)f->goid, f->wait_reason ? f->wait_reason : f->status,
				 f->wait_minutes >= 0 ? "for at least " : "", (long long)(f->wait_minutes >= 0 ? f->wait_minutes : 0),
				 f->wait_minutes >= 0 ? "" : " (time unknown)",
				 f->running.function ? f->running.function : "a finalizer",
				 (unsigned long long)r->queued.total,
				 r->cleanups_supported && !r->cleanup_queue_separate ? " and cleanups" : "");
		if (k < 0 || (size_t)k >= n)
			return;
		p += k;
		n -= (size_t)k;
	}
	if (r->ncleanup_gs) {
		size_t blocked = 0;
		const struct gm_fin_goroutine *one = NULL;
		for (size_t i = 0; i < r->ncleanup_gs; i++)
			if (r->cleanup_gs[i].running_one && r->cleanup_gs[i].waiting) {
				blocked++;
				one = &r->cleanup_gs[i];
			}
		if (blocked == r->ncleanup_gs && one && blocked == 1)
			snprintf(p, n,
				 "%sCleanups are blocked: the cleanup goroutine (goroutine %llu) is "
				 "waiting (%s) in %s, with %llu cleanups queued.",
				 p == r->blocked ? "" : " ", (unsigned long long)one->goid,
				 one->wait_reason ? one->wait_reason : one->status,
				 one->running.function ? one->running.function : "a cleanup",
				 (unsigned long long)r->cl_queued.total);
		else if (blocked == r->ncleanup_gs && one)
			snprintf(p, n,
				 "%sCleanups are blocked: all %zu cleanup goroutines are waiting inside "
				 "a cleanup (goroutine %llu: %s in %s), with %llu cleanups queued.",
				 p == r->blocked ? "" : " ", blocked, (unsigned long long)one->goid,
				 one->wait_reason ? one->wait_reason : one->status,
				 one->running.function ? one->running.function : "a cleanup",
				 (unsigned long long)r->cl_queued.total);
	}
}

struct gm_error *gm_fin_collect(struct gm_target *t, const struct gm_gobin *gb,
				const struct gm_layout *l, struct gm_fin_report **ret)
{
	return gm_fin_collect_shared(t, gb, l, NULL, ret);
}

struct gm_error *gm_fin_collect_shared(struct gm_target *t, const struct gm_gobin *gb,
				       const struct gm_layout *l, const struct gm_gshare *sh,
				       struct gm_fin_report **ret)
{
	*ret = NULL;
	struct gm_fin_report *r = calloc(1, sizeof(*r));
	if (!r)
		return &gm_error_nomem;
	struct ctx c = {.m = t->mem, .gb = gb, .l = l, .r = r};
	c.tabs[0].list = &r->registered;
	c.tabs[1].list = &r->queued;
	c.tabs[2].list = &r->cl_registered;
	c.tabs[3].list = &r->cl_queued;
	r->go_minor = gb->go_minor;
	r->cleanups_supported = l->kind_cleanup >= 0;
	r->cleanup_queue_separate = l->gc_cleanups != 0;
	const int32_t kinds[GM_FIN_K_UNKNOWN] = {
		l->kind_finalizer, l->kind_cleanup, l->kind_weakhandle, l->kind_profile,
		l->kind_reachable, l->kind_pincounter, l->kind_tinyblock, l->kind_checkfinalizer,
		l->kind_bubble, l->kind_secret,
	};
	for (int i = 0; i < GM_FIN_K_UNKNOWN; i++)
		r->kind_present[i] = kinds[i] >= 0;
	if (gb->moduledata_addr && l->moduledata_types >= 0 && l->moduledata_etypes >= 0) {
		if (!rd64(&c, gb->moduledata_addr + (uint64_t)l->moduledata_types, &c.md_types) ||
		    !rd64(&c, gb->moduledata_addr + (uint64_t)l->moduledata_etypes, &c.md_etypes) ||
		    c.md_etypes <= c.md_types) {
			c.md_types = c.md_etypes = 0;
			/* the linker fills moduledata.types: zero is a lost page */
			problem(&c, "moduledata's types section is unreadable: the objects' type "
				    "names are unknown");
		}
	}

	c.nplugin_types = gm_gotype_plugin_types(c.m, gb, l, c.plugin_types, GM_GOTYPE_MAX_PLUGINS);
	struct gm_error *err = walk_spans(&c);
	if (!err) {
		walk_finq(&c);
		if (r->cleanup_queue_separate)
			walk_cleanupq(&c);
		err = walk_goroutines(&c, t, sh);
	}
	for (int i = 0; i < 4; i++)
		free(c.tabs[i].slot);
	if (!err && c.nomem)
		err = &gm_error_nomem;
	if (err) {
		gm_fin_report_destroy(r);
		return err;
	}
	finish_list(&r->registered);
	finish_list(&r->queued);
	finish_list(&r->cl_registered);
	finish_list(&r->cl_queued);
	blocked_sentence(r);
	*ret = r;
	return NULL;
}

static void list_free(struct gm_fin_list *L)
{
	for (size_t i = 0; i < L->n; i++)
		free(L->v[i].object_type);
	free(L->v);
}

void gm_fin_report_destroy(struct gm_fin_report *r)
{
	if (!r)
		return;
	list_free(&r->registered);
	list_free(&r->queued);
	list_free(&r->cl_registered);
	list_free(&r->cl_queued);
	free(r->cleanup_gs);
	free(r);
}
