/* The reflect caches (gm_gotype.h; docs/go-runtime-reference.md §3.2):
 * every one is a sync.Map whose values hold the types reflect made:
 *   ptrMap            value *ptrType                      (PointerTo)
 *   lookupCache       value *rtype                        (SliceOf, MapOf, ChanOf, ArrayOf)
 *   funcLookupCache.m value []*abi.Type                   (FuncOf)
 *   structLookupCache.m value []reflect.Type              (StructOf)
 *   layoutCache       value layoutType{t *abi.Type, ...}  (funcLayout: Value.Call, MakeFunc, Method)
 * funcLookupCache and structLookupCache are struct{sync.Mutex; m sync.Map}:
 * the map is at +8 in every version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_bytes.h"
#include "gm_types.h"
#include "rtcheck.h"

#define MAX_SLICE 4096           /* types under one hash in func/struct caches */
#define MAX_CACHE_ENTRIES (4u << 20)
#define MAX_TYPES (4u << 20)     /* types listed per cache */

static const struct {
	const char *name, *global;
	uint64_t off;
} cache_def[GM_TC_N] = {
	[GM_TC_PTRMAP] = {"ptrMap", "reflect.ptrMap", 0},
	[GM_TC_LOOKUP] = {"lookupCache", "reflect.lookupCache", 0},
	[GM_TC_FUNC] = {"funcLookupCache", "reflect.funcLookupCache", 8},
	[GM_TC_STRUCT] = {"structLookupCache", "reflect.structLookupCache", 8},
	[GM_TC_LAYOUT] = {"layoutCache", "reflect.layoutCache", 0},
};

struct addrs {
	uint64_t *v;
	size_t n, cap;
	bool nomem, full;
};

static void push(struct addrs *a, uint64_t x)
{
	if (!x)
		return;
	if (a->n >= MAX_TYPES) {
		a->full = true;
		return;
	}
	if (a->n == a->cap) {
		size_t nc = a->cap ? a->cap * 2 : 64;
		uint64_t *v = realloc(a->v, nc * sizeof(*v));
		if (!v) {
			a->nomem = true;
			return;
		}
		a->v = v;
		a->cap = nc;
	}
	a->v[a->n++] = x;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static size_t uniq(uint64_t *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_u64);
	size_t k = 1;
	for (size_t i = 1; i < n; i++)
		if (v[i] != v[k - 1])
			v[k++] = v[i];
	return k;
}

struct walkctx {
	struct gm_memsrc *m;
	int which;
	struct addrs *out;
	uint64_t entries;
	uint64_t bad;
};

static int on_entry(void *vctx, uint64_t key, uint64_t val)
{
	(void)key;
	struct walkctx *c = vctx;
	uint64_t data;
	c->entries++;
	if (!gm_memsrc_u64(c->m, val + 8, &data) || !data) {
		c->bad++;
		return 0;
	}
	switch (c->which) {
	case GM_TC_PTRMAP:
	case GM_TC_LOOKUP:
		push(c->out, data);
		break;
	case GM_TC_LAYOUT: {
		uint64_t t;
		if (gm_memsrc_u64(c->m, data, &t))
			push(c->out, t);
		else
			c->bad++;
		break;
	}
	case GM_TC_FUNC:
	case GM_TC_STRUCT: {
		uint8_t sh[16];
		if (!gm_memsrc_try_read(c->m, data, sh, sizeof(sh))) {
			c->bad++;
			break;
		}
		uint64_t p = gm_rd64(sh), n = gm_rd64(sh + 8);
		if (n > MAX_SLICE) {
			c->bad++;
			n = MAX_SLICE;
		}
		uint64_t stride = c->which == GM_TC_FUNC ? 8 : 16, off = c->which == GM_TC_FUNC ? 0 : 8;
		for (uint64_t i = 0; i < n; i++) {
			uint64_t t;
			if (!gm_memsrc_u64(c->m, p + i * stride + off, &t)) {
				c->bad++;
				break;
			}
			push(c->out, t);
		}
		break;
	}
	}
	return c->out->nomem || c->out->full;
}

static const char *constructor(int which, unsigned kind)
{
	switch (which) {
	case GM_TC_PTRMAP: return "PointerTo";
	case GM_TC_FUNC: return "FuncOf";
	case GM_TC_STRUCT: return "StructOf";
	case GM_TC_LAYOUT: return "funcLayout";
	default: break;
	}
	switch (kind) {
	case 17: return "ArrayOf";
	case 18: return "ChanOf";
	case 21: return "MapOf";
	case 23: return "SliceOf";
	default: return "lookupCache";
	}
}

static int cmp_entry(const void *a, const void *b)
{
	const struct gm_types_entry *x = a, *y = b;
	const char *nx = x->t.name ? x->t.name : "", *ny = y->t.name ? y->t.name : "";
	int c = strcmp(nx, ny);
	if (c)
		return c;
	return x->t.addr < y->t.addr ? -1 : x->t.addr > y->t.addr;
}

static void note(char *buf, size_t n, const char *what, struct gm_error *err)
{
	if (!buf[0])
		snprintf(buf, n, "%s: %s", what, err->msg);
}

struct gm_error *gm_types_collect(struct gm_memsrc *m, const struct gm_gobin *gb,
				  const struct gm_layout *l, struct gm_types_report **ret)
{
	*ret = NULL;
	struct gm_types_report *r = calloc(1, sizeof(*r));
	if (!r)
		return &gm_error_nomem;
	gm_arena_init(&r->arena);
	r->go_minor = l->go_minor;
	gm_goimpl_of(gb, l->go_minor, &r->impl);

	uint64_t md_types = 0, md_etypes = 0;
	if (gb->moduledata_addr && l->moduledata_types >= 0 && l->moduledata_etypes >= 0) {
		if (!gm_memsrc_u64(m, gb->moduledata_addr + (uint64_t)l->moduledata_types, &md_types) ||
		    !gm_memsrc_u64(m, gb->moduledata_addr + (uint64_t)l->moduledata_etypes,
				   &md_etypes) ||
		    md_etypes <= md_types)
			md_types = md_etypes = 0;
	}
	if (!md_types)
		snprintf(r->problem, sizeof(r->problem),
			 "the module's types section is unknown: every type counts as made at run time");
	/* The globals by symbol; in a stripped executable from the code that
	 * uses them (the layout finds them). */
	struct gm_reflect_globals sg;
	gm_layout_reflect_globals(gb, &sg);
	uint64_t cache_addr[GM_TC_N] = {sg.ptrmap, sg.lookupcache, sg.funclookupcache,
					sg.structlookupcache, sg.layoutcache};
	uint64_t roffs = sg.reflectoffs, expunged = 0;
	r->reflect_offs_present = roffs != 0;
	if (sg.expunged)
		gm_memsrc_u64(m, sg.expunged, &expunged);
	bool any = false;
	for (int i = 0; i < GM_TC_N; i++) {
		r->caches[i].name = cache_def[i].name;
		r->caches[i].global = cache_def[i].global;
		r->caches[i].present = cache_addr[i] != 0;
		any |= r->caches[i].present;
	}
	/* stripped: when none of the functions that use the caches is linked,
	 * there are no caches (as a symbol table would show), not a failure */
	static const char *const users[] = {"reflect.(*rtype).ptrTo", "reflect.ptrTo", "reflect.SliceOf",
					    "reflect.MapOf", "reflect.FuncOf", "reflect.StructOf",
					    "reflect.funcLayout"};
	bool linked = false;
	for (size_t i = 0; !any && !gb->has_symtab && !linked && i < sizeof(users) / sizeof(users[0]); i++) {
		struct gm_func f;
		linked = gm_gobin_func_by_name(gb, users[i], &f);
	}
	if (!any && !gb->has_symtab && linked) {
		gm_types_report_destroy(r);
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "stripped executable: none of reflect's caches was found from the code "
				       "that uses them (does the program use reflect's type constructors?)");
	}

	/* an empty cache and an empty reflectOffs read the same as a lost
	 * page of globals: tell them apart */
	char why[300];
	if (!gm_rtcheck_global_page(m, gb, l, roffs, "runtime.reflectOffs", why, sizeof(why)))
		snprintf(r->problem, sizeof(r->problem), "%s", why);
	for (int i = 0; i < GM_TC_N && !r->problem[0]; i++)
		if (!gm_rtcheck_global_page(m, gb, l, cache_addr[i], cache_def[i].global, why,
					    sizeof(why)))
			snprintf(r->problem, sizeof(r->problem), "%s", why);
	struct gm_gotypes *tc;
	struct gm_error *err = gm_gotypes_create(m, l->go_minor, &r->impl, md_types, md_etypes,
						 roffs, &tc);
	if (err) {
		note(r->problem, sizeof(r->problem), "reflectOffs", err);
		gm_error_destroy(err);
		err = gm_gotypes_create(m, l->go_minor, &r->impl, md_types, md_etypes, 0, &tc);
		if (err) {
			gm_types_report_destroy(r);
			return err;
		}
	}
	gm_gotypes_add_plugins(tc, gb, l);
	r->reflect_offs_entries = gm_gotypes_reflect_offs(tc);

	struct gm_maptype dirty_mt;
	err = gm_maptype_synth(r->impl.map, 16, 8, 8, 8, &dirty_mt); /* map[any]*entry */
	if (err) {
		gm_gotypes_destroy(tc);
		gm_types_report_destroy(r);
		return err;
	}
	struct addrs all = {0};
	for (int i = 0; i < GM_TC_N; i++) {
		struct gm_types_cache *cc = &r->caches[i];
		if (!cc->present)
			continue;
		uint64_t a = cache_addr[i];
		struct addrs out = {0};
		struct walkctx wc = {m, i, &out, 0, 0};
		struct gm_gomap_stats st;
		err = gm_syncmap_foreach(m, r->impl.syncmap, &dirty_mt, expunged, a + cache_def[i].off,
					 MAX_CACHE_ENTRIES, on_entry, &wc, &st);
		if (err) {
			snprintf(cc->problem, sizeof(cc->problem), "%s", err->msg);
			note(r->problem, sizeof(r->problem), cc->global, err);
			gm_error_destroy(err);
			err = NULL;
		} else if (st.truncated || wc.bad || out.full) {
			snprintf(cc->problem, sizeof(cc->problem),
				 "%s: partly unreadable (%llu bad entries%s)", cc->global,
				 (unsigned long long)wc.bad,
				 st.truncated || out.full ? ", walk cut short" : "");
			if (!r->problem[0])
				snprintf(r->problem, sizeof(r->problem), "%s", cc->problem);
		}
		cc->entries = wc.entries;
		if (out.nomem) {
			free(out.v);
			err = &gm_error_nomem;
			break;
		}
		size_t n = uniq(out.v, out.n);
		cc->types = n ? gm_arena_alloc(&r->arena, n * sizeof(*cc->types)) : NULL;
		if (n && !cc->types) {
			free(out.v);
			err = &gm_error_nomem;
			break;
		}
		size_t k = 0;
		for (size_t j = 0; j < n; j++) {
			struct gm_types_entry *e = &cc->types[k];
			struct gm_error *te = gm_gotype_read(tc, out.v[j], &r->arena, &e->t);
			if (te == &gm_error_nomem) {
				err = te;
				break;
			}
			if (te) {
				if (!cc->problem[0])
					snprintf(cc->problem, sizeof(cc->problem), "%s", te->msg);
				note(r->problem, sizeof(r->problem), cc->global, te);
				gm_error_destroy(te);
				continue;
			}
			e->constructor = constructor(i, e->t.kind);
			if (e->t.runtime_created)
				cc->runtime_created++;
			push(&all, e->t.addr | (e->t.runtime_created ? 1 : 0)); /* types are aligned */
			k++;
		}
		free(out.v);
		if (err)
			break;
		cc->ntypes = k;
		if (k > 1) /* an empty cache has no array: qsort(NULL, ...) is undefined */
			qsort(cc->types, k, sizeof(*cc->types), cmp_entry);
	}
	gm_gotypes_destroy(tc);
	if (!err && all.nomem)
		err = &gm_error_nomem;
	if (err) {
		free(all.v);
		gm_types_report_destroy(r);
		return err;
	}
	if (all.full && !r->problem[0])
		snprintf(r->problem, sizeof(r->problem), "more than %u types: totals cut short",
			 MAX_TYPES);
	size_t n = uniq(all.v, all.n);
	r->types_total = n;
	for (size_t i = 0; i < n; i++)
		r->runtime_created_total += all.v[i] & 1;
	free(all.v);
	/* reflect registers the name of every type it makes in reflectOffs
	 * and keeps the type in one of its caches for good: names without a
	 * single made type mean the caches were lost */
	if (r->reflect_offs_entries && !r->runtime_created_total && !r->problem[0])
		snprintf(r->problem, sizeof(r->problem),
			 "runtime.reflectOffs holds %llu names, but the reflect caches hold no type "
			 "made at run time: the caches are damaged",
			 (unsigned long long)r->reflect_offs_entries);
	*ret = r;
	return NULL;
}

void gm_types_report_destroy(struct gm_types_report *r)
{
	if (!r)
		return;
	gm_arena_deinit(&r->arena);
	free(r);
}
