/* heap --why TYPE|ADDR (include/walk/gm_heapwhy.h): a conservative
 * breadth-first mark from the roots with one parent per object, then the
 * path from a root to the biggest objects asked about. Never prints. */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_goroutines.h"
#include "gm_gotype.h"
#include "gm_heapmark.h"
#include "gm_heapobj.h"
#include "gm_heaptrav.h"
#include "gm_heapwhy.h"
#include "gm_session.h"
#include "gm_stackroots.h"
#include "rtcheck.h"

#define MAX_PATH_STEPS 100000
#define TYPE_CACHE 4096
#define MIN_SIZE_FOR_MALLOC_HEADER 512 /* exclusive (runtime/mbitmap.go) */
#define ROOT_BASE GM_HMARK_ROOT_BASE

#define problem(r, ...) gm_first_problem((r)->problem, sizeof((r)->problem), __VA_ARGS__)

struct gsym {
	uint64_t addr, size;
	const char *name;
};

struct tcache_ent {
	uint64_t typ;
	const char *name;       /* NULL: not a type */
	bool used;
};

struct ctx {
	struct gm_why_report *r;
	struct gm_memsrc *m;
	const struct gm_gobin *gb;
	const struct gm_layout *l;
	struct gm_hmark *k;     /* the mark (src/walk/heapmark.c) */
	struct gm_heapobj *h;   /* k's */
	const struct gm_heapids *ids;
	bool headers;
	/* type names */
	struct gm_gotypes *tc;
	struct tcache_ent tcache[TYPE_CACHE];
	/* the traversal's types (traversed: it ran) and their labels, by
	 * index (tnamed[k]: tnames[k] computed) */
	struct gm_heaptrav trav;
	bool traversed;
	const char **tnames;
	bool *tnamed;
};

/* the id of the allocated object holding addr, or UINT64_MAX */
static uint64_t id_of(const struct ctx *c, uint64_t addr)
{
	return gm_hmark_id(c->k, addr);
}

/* the span of id */
static const struct gm_hspan *span_of(const struct ctx *c, uint64_t id, uint32_t *slot)
{
	return gm_hmark_span(c->k, id, slot);
}

static bool has_header(const struct ctx *c, const struct gm_hspan *s)
{
	return gm_hmark_has_header(c->k, s);
}

static bool object_type(struct ctx *c, const struct gm_hspan *s, uint64_t base, uint64_t *typ)
{
	return gm_hmark_object_type(c->k, s, base, typ);
}

/* ---- type names ---- */

static const char *type_name(struct ctx *c, uint64_t typ)
{
	if (!c->tc || !typ || typ % 8)
		return NULL;
	size_t k = (size_t)((typ >> 3) * 0x9e3779b97f4a7c15ull >> 52) % TYPE_CACHE;
	for (size_t n = 0; n < 8; n++, k = (k + 1) % TYPE_CACHE) {
		struct tcache_ent *e = &c->tcache[k];
		if (e->used && e->typ == typ)
			return e->name;
		if (!e->used) {
			struct gm_gotype t;
			struct gm_error *err = gm_gotype_read(c->tc, typ, &c->r->arena, &t);
			e->used = true;
			e->typ = typ;
			e->name = err ? NULL : t.name;
			gm_error_destroy(err);
			return e->name;
		}
	}
	struct gm_gotype t;
	struct gm_error *err = gm_gotype_read(c->tc, typ, &c->r->arena, &t);
	const char *nm = err ? NULL : t.name;
	gm_error_destroy(err);
	return nm;
}

/* the recorded type of the object at base in span s, NULL none */
static const char *recorded_type(struct ctx *c, const struct gm_hspan *s, uint64_t base)
{
	uint64_t typ;
	return object_type(c, s, base, &typ) ? type_name(c, typ) : NULL;
}

/* the label of the traversal's type k, as heap --by-type labels its row
 * (gm_htype_row_label); NULL when it has no name */
static const char *trav_label(struct ctx *c, size_t k)
{
	if (c->tnamed[k])
		return c->tnames[k];
	c->tnamed[k] = true;
	struct gm_travtype tt = c->trav.types[k];
	const char *nm = NULL;
	struct gm_func f;
	if (tt.view == GM_TV_STRING)
		return c->tnames[k] = "(string bytes)";
	if (tt.view == GM_TV_CLOSURE)
		nm = gm_gobin_find_func(c->gb, tt.typ, &f) ? f.name : NULL;
	else if (tt.view < GM_TV_NVIEWS)
		nm = type_name(c, tt.typ);
	if (!nm)
		return NULL;
	const char *sfx = gm_trav_view_suffix[tt.view];
	size_t n = strlen(nm) + strlen(sfx) + 1;
	char *b = gm_arena_alloc(&c->r->arena, n);
	if (b)
		snprintf(b, n, "%s%s", nm, sfx);
	return c->tnames[k] = b;
}

/* the type of object id (its slot at base in span s): the runtime's
 * record, else the traversal's; *trav says which */
static const char *type_of(struct ctx *c, uint64_t id, const struct gm_hspan *s, uint64_t base, bool *trav)
{
	const char *nm = recorded_type(c, s, base);
	*trav = false;
	if (nm || !c->traversed || !c->trav.tix[id] || c->trav.tix[id] > c->trav.ntypes)
		return nm;
	nm = trav_label(c, c->trav.tix[id] - 1u);
	*trav = nm != NULL;
	return nm;
}

/* ---- the globals' names ---- */

static int cmp_gsym(const void *a, const void *b)
{
	const struct gsym *x = a, *y = b;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* the data and bss object symbols, sorted; NULL when there is no .symtab */
static struct gsym *global_syms(const struct gm_gobin *gb, uint64_t lo, uint64_t hi, size_t *n)
{
	*n = 0;
	struct gsym *v = NULL;
	size_t cap = 0;
	struct gm_gobin_symview sv;
	for (size_t i = 0; gm_gobin_symtab_at(gb, i, &sv); i++) {
		if (sv.type != STT_OBJECT || !sv.name || !sv.name[0] || sv.addr < lo || sv.addr >= hi)
			continue;
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 1024;
			struct gsym *nv = realloc(v, nc * sizeof(*nv));
			if (!nv)
				break;
			v = nv;
			cap = nc;
		}
		v[(*n)++] = (struct gsym){sv.addr, sv.size, sv.name};
	}
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_gsym);
	return v;
}

static const struct gsym *global_at(const struct gsym *v, size_t n, uint64_t a)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].addr <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	const struct gsym *s = &v[lo - 1];
	return a - s->addr < (s->size ? s->size : 8) ? s : NULL;
}

/* ---- the report ---- */

void gm_heapwhy_report_destroy(struct gm_why_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->npaths; i++)
		free(r->paths[i].steps);
	free(r->paths);
	free(r->unreached);
	gm_arena_deinit(&r->arena);
	free(r);
}

static bool parse_addr(const char *q, uint64_t *out)
{
	if (!q[0] || (q[0] < '0' || q[0] > '9'))
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(q, &end, 0);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

struct cand {
	uint64_t id, size, addr;
};

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->size != y->size)
		return x->size < y->size ? 1 : -1;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* keeps the n biggest of a stream in v (n slots), *k used */
static void keep_biggest(struct cand *v, size_t n, size_t *k, struct cand c)
{
	if (*k < n) {
		v[(*k)++] = c;
		return;
	}
	size_t small = 0;
	for (size_t i = 1; i < n; i++)
		if (cmp_cand(&v[i], &v[small]) > 0)
			small = i;
	if (cmp_cand(&c, &v[small]) < 0)
		v[small] = c;
}

static void fill_step(struct ctx *c, uint64_t id, struct gm_why_step *st)
{
	uint32_t slot;
	const struct gm_hspan *s = span_of(c, id, &slot);
	/* as the program sees it: after the malloc header */
	uint64_t hdr = has_header(c, s) ? 8 : 0;
	st->obj = s->base + (uint64_t)slot * s->elemsize + hdr;
	st->size = s->elemsize - hdr;
	st->sizeclass = gm_hspan_class(s);
	st->noscan = gm_hspan_noscan(s);
	st->type = type_of(c, id, s, st->obj - hdr, &st->traversal);
}

/* the offset (from the object's address after its header) of the first
 * word of object id that points into object child: the offsets are not
 * kept during the mark, only found again for the paths shown */
static uint64_t find_off(struct ctx *c, uint64_t id, uint64_t child)
{
	uint32_t slot;
	const struct gm_hspan *s = span_of(c, id, &slot);
	uint64_t base = s->base + (uint64_t)slot * s->elemsize, hdr = has_header(c, s) ? 8 : 0;
	/* a typed object: the first pointer field (by its type's mask) */
	uint64_t typ, size, pb;
	if (object_type(c, s, base, &typ) && gm_hmark_type_mask(c->k, typ, s->elemsize - hdr, &size, &pb)) {
		for (uint64_t e = 0; e < (s->elemsize - hdr) / size; e++)
			for (uint64_t w = 0; w < pb / 8; w++) {
				uint64_t v, o = hdr + e * size + w * 8;
				if ((c->k->mask[w / 8] >> (w % 8) & 1) && gm_memsrc_u64(c->m, base + o, &v) &&
				    v >= c->ids->lo && v < c->ids->hi && id_of(c, v) == child)
					return o - hdr;
			}
	}
	uint64_t buf[512];
	for (uint64_t o = hdr; o + 8 <= s->elemsize;) {
		uint64_t n = s->elemsize - o < sizeof(buf) ? (s->elemsize - o) & ~7ull : sizeof(buf);
		if (!gm_memsrc_try_read(c->m, base + o, buf, n))
			n = gm_memsrc_u64(c->m, base + o, buf) ? 8 : 0;
		if (!n) {
			o += 8;
			continue;
		}
		for (uint64_t k = 0; k < n / 8; k++)
			if (buf[k] >= c->ids->lo && buf[k] < c->ids->hi && id_of(c, buf[k]) == child)
				return o + k * 8 - hdr;
		o += n;
	}
	return 0;
}

/* A root word in a Go plugin's .data or .bss (a module after c->gb): its
 * module in *mod and, from the plugin's symbol table (linear: paths are
 * few), the object symbol holding it in p->root / p->root_off. */
static void plugin_global(struct ctx *c, uint64_t word, struct gm_why_path *p, const struct gm_gobin **mod)
{
	size_t k = 0;
	for (const struct gm_gobin *m = c->gb->next_module; m && k < GM_GOBIN_MAX_MODULES; m = m->next_module, k++) {
		static const char *const secs[] = {".data", ".bss"};
		bool in = false;
		for (int i = 0; i < 2 && !in; i++) {
			uint64_t a, n;
			in = gm_gobin_section(m, secs[i], &a, &n) && word >= a && word - a < n;
		}
		if (!in)
			continue;
		*mod = m;
		struct gm_gobin_symview sv;
		for (size_t i = 0; gm_gobin_symtab_at(m, i, &sv); i++)
			if (sv.type == STT_OBJECT && sv.name && sv.name[0] && word >= sv.addr && word - sv.addr < sv.size) {
				const char *nm = gm_arena_strdup(&c->r->arena, sv.name);
				if (nm) {
					p->root = nm;
					p->root_off = word - sv.addr;
				}
				break;
			}
		return;
	}
}

static bool build_path(struct ctx *c, uint64_t id, const struct gsym *gs, size_t ngs, struct gm_why_path *p)
{
	memset(p, 0, sizeof(*p));
	/* the chain from the target up to the object a root points to */
	size_t len = 1;
	uint64_t x = id;
	while (len < MAX_PATH_STEPS && c->k->parent[x] && c->k->parent[x] < ROOT_BASE) {
		x = c->k->parent[x] - 1;
		len++;
	}
	p->steps = calloc(len, sizeof(*p->steps));
	if (!p->steps)
		return false;
	p->nsteps = len;
	x = id;
	for (size_t i = len; i-- > 0;) {
		fill_step(c, x, &p->steps[i]);
		if (i) {
			uint64_t child = x;
			x = c->k->parent[x] - 1;
			p->steps[i - 1].off = find_off(c, x, child);
		}
	}
	p->root = "?";
	if (c->k->parent[x] < ROOT_BASE || c->k->parent[x] - ROOT_BASE >= c->k->nroots)
		return true; /* cut at MAX_PATH_STEPS: the root is not known */
	const struct gm_hmark_root *rt = &c->k->roots[c->k->parent[x] - ROOT_BASE];
	p->root_word = rt->word;
	if (rt->stack) {
		p->kind = GM_WHY_STACK;
		p->goid = rt->goid == UINT64_MAX ? 0 : rt->goid;
		struct gm_func f;
		if (rt->func_entry && gm_gobin_find_func(c->gb, rt->func_entry, &f) && f.name)
			p->root = gm_arena_strdup(&c->r->arena, f.name);
		return p->root != NULL;
	}
	p->kind = GM_WHY_GLOBAL;
	const struct gsym *g = global_at(gs, ngs, rt->word);
	p->root = g ? gm_arena_strdup(&c->r->arena, g->name) : "";
	p->root_off = g ? rt->word - g->addr : 0;
	uint64_t a, n;
	const struct gm_gobin *mod = c->gb;
	if (!g) /* a global of a Go plugin: its own sections and symbols */
		plugin_global(c, rt->word, p, &mod);
	p->section = gm_gobin_section(mod, ".bss", &a, &n) && rt->word >= a && rt->word - a < n ? ".bss" : ".data";
	return p->root != NULL;
}

/* Types the heap as heap --by-type does (gm_heaptrav.h), over the mark's
 * index; a failure is a note, not an error (the recorded types remain) */
static bool traverse(struct ctx *c, struct gm_target *t, const struct gm_typed_globals *tg)
{
	struct gm_travopts o = {.headers = c->headers};
	if (tg && c->tc) {
		o.roots = tg->v;
		o.nroots = tg->n;
	}
	if (!c->tc)
		return true;
	struct gm_stackroots sr = {0};
	struct gm_error *err = tg ? gm_stackroots_collect(t, c->gb, c->l, tg->frames, &sr) : NULL;
	if (err)
		return false;
	o.sroots = sr.v;
	o.nsroots = sr.n;
	err = gm_heaptrav_run(c->m, c->l, c->gb, c->h, c->ids, &o, &c->trav);
	gm_stackroots_free(&sr);
	if (err == &gm_error_nomem)
		return false;
	if (err) {
		problem(c->r, "types carried along pointers: not run: %s", err->msg);
		gm_error_destroy(err);
		return true;
	}
	c->tnames = calloc(c->trav.ntypes + 1, sizeof(*c->tnames));
	c->tnamed = calloc(c->trav.ntypes + 1, sizeof(*c->tnamed));
	if (!c->tnames || !c->tnamed)
		return false;
	c->traversed = c->r->traversed = true;
	c->r->traversal_misfits = c->trav.misfits;
	c->r->traversal_truncated = c->trav.truncated;
	if (c->trav.truncated)
		problem(c->r, "types carried along pointers: the step budget ran out (damage?): some objects "
			      "are untyped");
	return true;
}

struct gm_error *gm_heapwhy_collect(struct gm_target *t, const struct gm_gobin *gb, const struct gm_layout *l,
				    const struct gm_typed_globals *tg, const char *query, unsigned npaths,
				    struct gm_why_report **ret)
{
	*ret = NULL;
	if (npaths < 1 || npaths > 1000)
		return gm_error_create(GM_ERR_USAGE, "--paths: 1 to 1000");
	struct gm_why_report *r = calloc(1, sizeof(*r));
	struct ctx *c = calloc(1, sizeof(*c));
	if (!r || !c) {
		free(r);
		free(c);
		return &gm_error_nomem;
	}
	gm_arena_init(&r->arena);
	r->query = gm_arena_strdup(&r->arena, query);
	r->by_type = !parse_addr(query, &r->addr);
	c->r = r, c->m = t->mem, c->gb = gb, c->l = l;
	c->headers = l->go_minor >= 23 || (l->go_minor == 22 && !gm_heapobj_noallocheaders(gb));
	r->records_types = c->headers;
	struct gm_error *err = NULL;
	if (r->by_type && !c->headers && (!tg || !tg->n)) {
		err = gm_error_create(GM_ERR_USAGE, "heap --why %s: this Go version records no type for heap "
				      "objects (Go 1.22+ does) and no typed global (DWARF) gives one: give an "
				      "object's address", query);
		goto out;
	}
	c->k = malloc(sizeof(*c->k));
	if (!c->k)
		goto nomem;
	if ((err = gm_hmark_init(c->k, t, gb, l, "heap --why", true, r->problem, sizeof(r->problem))))
		goto out;
	c->h = c->k->h;
	c->ids = &c->k->ids;
	r->spans = c->h->n;
	r->skipped_spans = c->h->skipped + c->ids->unreadable;
	r->objects = c->ids->objects;
	r->bytes = c->ids->bytes;
	/* type names: the recorded types (1.22+) and the traversal's */
	{
		uint64_t mdt = 0, mde = 0;
		if (!gb->moduledata_addr || l->moduledata_types < 0 || l->moduledata_etypes < 0 ||
		    !gm_memsrc_u64(c->m, gb->moduledata_addr + (uint64_t)l->moduledata_types, &mdt) ||
		    !gm_memsrc_u64(c->m, gb->moduledata_addr + (uint64_t)l->moduledata_etypes, &mde) || mde <= mdt)
			mdt = mde = 0;
		struct gm_goimpl impl;
		gm_goimpl_of(gb, l->go_minor, &impl);
		struct gm_reflect_globals sg;
		gm_layout_reflect_globals(gb, &sg);
		struct gm_error *e2 = gm_gotypes_create(c->m, l->go_minor, &impl, mdt, mde, sg.reflectoffs, &c->tc);
		if (e2) {
			gm_error_destroy(e2);
			e2 = gm_gotypes_create(c->m, l->go_minor, &impl, mdt, mde, 0, &c->tc);
		}
		if (e2) {
			if (c->headers || (tg && tg->n))
				problem(r, "type names unavailable: %s", e2->msg);
			gm_error_destroy(e2);
			c->tc = NULL;
		}
		gm_gotypes_add_plugins(c->tc, gb, l);
	}
	/* every root at the first level (globals, then stacks), then breadth
	 * first: the shortest path */
	gm_hmark_globals(c->k);
	gm_hmark_stacks(c->k, t, NULL, NULL);
	gm_hmark_drain(c->k);
	if (c->k->nomem || !traverse(c, t, tg))
		goto nomem;
	r->global_bytes = c->k->global_bytes;
	r->globals_precise = c->k->globals_precise;
	r->goroutines = c->k->goroutines;
	r->stack_bytes = c->k->stack_bytes;
	r->goroutines_unscanned = c->k->goroutines_unscanned;
	r->objects_precise = c->k->objects_precise;
	r->marked = c->k->qtail;
	for (uint64_t i = 0; i < c->k->qtail; i++) {
		uint32_t slot;
		r->marked_bytes += span_of(c, c->k->queue[i], &slot)->elemsize;
	}
	/* the targets */
	struct cand *best = calloc(npaths, sizeof(*best)), *lost = calloc(npaths, sizeof(*lost));
	size_t nbest = 0, nlost = 0;
	if (!best || !lost) {
		free(best);
		free(lost);
		goto nomem;
	}
	if (!r->by_type) {
		uint64_t id = id_of(c, r->addr);
		if (id != UINT64_MAX) {
			uint32_t slot;
			const struct gm_hspan *s = span_of(c, id, &slot);
			struct cand cd = {id, s->elemsize, s->base + (uint64_t)slot * s->elemsize};
			r->obj = cd.addr + (has_header(c, s) ? 8 : 0);
			r->matched = 1;
			r->matched_bytes = cd.size;
			if (c->k->parent[id]) {
				r->reached = 1;
				r->reached_bytes = cd.size;
				best[nbest++] = cd;
			} else {
				lost[nlost++] = cd;
			}
		}
	} else {
		for (size_t i = 0; i < c->h->n; i++) {
			const struct gm_hspan *s = &c->h->spans[i];
			/* only scan objects > 512 B have a recorded type; any
			 * object may have the traversal's */
			if (!c->traversed &&
			    (gm_hspan_noscan(s) || (gm_hspan_class(s) && s->elemsize <= MIN_SIZE_FOR_MALLOC_HEADER)))
				continue;
			for (unsigned k = 0; k < s->nelems; k++) {
				uint64_t id = (uint64_t)c->ids->first[i] + k;
				if (!gm_heapids_allocated(c->ids, id))
					continue;
				uint64_t base = s->base + (uint64_t)k * s->elemsize;
				bool trav;
				const char *nm = type_of(c, id, s, base, &trav);
				if (!nm || strcmp(nm, query))
					continue;
				struct cand cd = {id, s->elemsize, base};
				r->matched++;
				r->matched_traversal += trav;
				r->matched_bytes += s->elemsize;
				if (c->k->parent[id]) {
					r->reached++;
					r->reached_bytes += s->elemsize;
					keep_biggest(best, npaths, &nbest, cd);
				} else {
					keep_biggest(lost, npaths, &nlost, cd);
				}
			}
		}
	}
	qsort(best, nbest, sizeof(*best), cmp_cand);
	qsort(lost, nlost, sizeof(*lost), cmp_cand);
	size_t ngs = 0;
	uint64_t dlo = UINT64_MAX, dhi = 0;
	static const char *const secs[] = {".data", ".bss"};
	for (int i = 0; i < 2; i++) {
		uint64_t a, n;
		if (gm_gobin_section(gb, secs[i], &a, &n) && n) {
			if (a < dlo)
				dlo = a;
			if (a + n > dhi)
				dhi = a + n;
		}
	}
	struct gsym *gs = dhi > dlo ? global_syms(gb, dlo, dhi, &ngs) : NULL;
	r->globals_named = ngs > 0;
	r->paths = calloc(nbest ? nbest : 1, sizeof(*r->paths));
	r->unreached = calloc(nlost ? nlost : 1, sizeof(*r->unreached));
	bool ok = r->paths && r->unreached;
	for (size_t i = 0; ok && i < nbest; i++) {
		ok = build_path(c, best[i].id, gs, ngs, &r->paths[i]);
		if (ok)
			r->npaths++;
	}
	for (size_t i = 0; ok && i < nlost; i++) {
		uint32_t slot;
		r->unreached[r->nunreached++] = lost[i].addr + (has_header(c, span_of(c, lost[i].id, &slot)) ? 8 : 0);
	}
	free(gs);
	free(best);
	free(lost);
	if (!ok)
		goto nomem;
	if (r->goroutines_unscanned)
		problem(r, "%llu goroutines without a readable stack: their stacks were not scanned",
			(unsigned long long)r->goroutines_unscanned);
	goto out;
nomem:
	err = &gm_error_nomem;
out:
	gm_heaptrav_free(&c->trav);
	free(c->tnames);
	free(c->tnamed);
	if (c->tc)
		gm_gotypes_destroy(c->tc);
	if (c->k)
		gm_hmark_deinit(c->k);
	free(c->k);
	free(c);
	if (err) {
		gm_heapwhy_report_destroy(r);
		return err;
	}
	*ret = r;
	return NULL;
}
