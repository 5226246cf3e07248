/* The types report (gomortem types): the reflect caches and the types made
 * at run time. src/walk/types.c collects; text and JSON ("gomortem.types",
 * docs/json.md) here. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_types.h"
#include "report_ops.h"

#define TEXT_TOP 10

/* The start of a name that groups alike types: up to and including the
 * first '{', '(' or '[...]', at most 40 bytes ("struct {", "func(", "[]",
 * "map[", "*main.", ...). */
static size_t prefix_len(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n && i < 40; i++) {
		char ch = s[i];
		if (ch == '{' || ch == '(' || ch == '[')
			return i + 1 < n && s[i + 1] == ']' ? i + 2 : i + 1;
		if (ch == '.')
			return i + 1;
	}
	return n < 40 ? n : 40;
}

struct top {
	const char *ctor;
	const char *name;
	size_t plen;
	uint64_t count, runtime_created;
};

static int cmp_top(const void *a, const void *b)
{
	const struct top *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	int c = strcmp(x->ctor, y->ctor);
	if (c)
		return c;
	return strncmp(x->name, y->name, x->plen < y->plen ? x->plen : y->plen);
}

static int cmp_group(const void *a, const void *b)
{
	const struct top *x = a, *y = b;
	int c = strcmp(x->ctor, y->ctor);
	if (c)
		return c;
	size_t n = x->plen < y->plen ? x->plen : y->plen;
	c = strncmp(x->name, y->name, n);
	if (c)
		return c;
	return x->plen < y->plen ? -1 : x->plen > y->plen;
}

/* Groups of (constructor, name prefix), largest first: sort, then merge. */
static struct top *make_top(const struct gm_types_report *r, size_t *nout)
{
	size_t cap = 0;
	for (int i = 0; i < GM_TC_N; i++)
		cap += r->caches[i].ntypes;
	struct top *t = calloc(cap ? cap : 1, sizeof(*t));
	size_t n = 0;
	*nout = 0;
	if (!t)
		return NULL;
	for (int i = 0; i < GM_TC_N; i++) {
		const struct gm_types_cache *c = &r->caches[i];
		for (size_t j = 0; j < c->ntypes; j++) {
			const struct gm_types_entry *e = &c->types[j];
			const char *nm = e->t.name ? e->t.name : "?";
			t[n++] = (struct top){e->constructor, nm, prefix_len(nm), 1,
					      e->t.runtime_created ? 1u : 0u};
		}
	}
	qsort(t, n, sizeof(*t), cmp_group);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k && !cmp_group(&t[k - 1], &t[i])) {
			t[k - 1].count += t[i].count;
			t[k - 1].runtime_created += t[i].runtime_created;
		} else {
			t[k++] = t[i];
		}
	}
	qsort(t, k, sizeof(*t), cmp_top);
	*nout = k;
	return t;
}

static const char *map_impl_name(enum gm_map_impl m)
{
	return m == GM_MAP_HMAP ? "hmap" : m == GM_MAP_SWISS_SPLIT ? "swiss-split" : "swiss";
}

static const char *syncmap_impl_name(enum gm_syncmap_impl m)
{
	return m == GM_SYNCMAP_TRIE ? "hashtriemap" : "readdirty";
}

static struct gm_error *types_collect(struct gm_session *s, struct gm_types_report **r)
{
	return gm_types_collect(s->target->mem, s->gobin, &s->layout, r);
}

static void types_json(struct gm_json *j, const struct gm_types_report *r,
		       const struct gm_report_meta *m)
{
	gm_report_json_begin(j, "gomortem.types", 1, m);
	gm_json_kstring(j, "map_impl", map_impl_name(r->impl.map));
	gm_json_kstring(j, "syncmap_impl", syncmap_impl_name(r->impl.syncmap));
	gm_json_ku64(j, "runtime_created_total", r->runtime_created_total);
	gm_json_ku64(j, "types_total", r->types_total);
	if (r->reflect_offs_present)
		gm_json_ku64(j, "reflect_offs_entries", r->reflect_offs_entries);
	else
		gm_json_knull(j, "reflect_offs_entries");
	gm_json_karray(j, "caches");
	for (int i = 0; i < GM_TC_N; i++) {
		const struct gm_types_cache *c = &r->caches[i];
		gm_json_object_begin(j);
		gm_json_kstring(j, "name", c->name);
		gm_json_kstring(j, "global", c->global);
		gm_json_kbool(j, "present", c->present);
		gm_json_ku64(j, "entries", c->entries);
		gm_json_ku64(j, "types_count", c->ntypes);
		gm_json_ku64(j, "runtime_created", c->runtime_created);
		gm_json_kstring(j, "problem", c->problem[0] ? c->problem : NULL);
		gm_json_karray(j, "types");
		for (size_t k = 0; k < c->ntypes; k++) {
			const struct gm_types_entry *e = &c->types[k];
			gm_json_object_begin(j);
			gm_json_kstring(j, "name", e->t.name);
			gm_json_kstring(j, "kind", gm_gotype_kind_name(e->t.kind));
			gm_json_ku64(j, "size", e->t.size);
			gm_json_kbool(j, "runtime_created", e->t.runtime_created);
			gm_json_kstring(j, "constructor", e->constructor);
			gm_json_khex(j, "addr", e->t.addr);
			gm_json_object_end(j);
		}
		gm_json_array_end(j);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_karray(j, "top");
	size_t nt;
	struct top *t = make_top(r, &nt);
	for (size_t i = 0; i < nt; i++) {
		gm_json_object_begin(j);
		gm_json_kstring(j, "constructor", t[i].ctor);
		gm_json_kstring_n(j, "prefix", t[i].name, t[i].plen);
		gm_json_ku64(j, "types", t[i].count);
		gm_json_ku64(j, "runtime_created", t[i].runtime_created);
		gm_json_object_end(j);
	}
	free(t);
	gm_json_array_end(j);
	gm_json_kstring(j, "problem", r->problem[0] ? r->problem : NULL);
	gm_json_object_end(j);
}

static void types_text(FILE *o, const struct gm_types_report *r, const struct gm_report_opts *opts)
{
	bool all = opts->all;
	fprintf(o, "types made at run time: %" PRIu64 " (of %" PRIu64 " types in the reflect caches)",
		r->runtime_created_total, r->types_total);
	if (r->reflect_offs_present)
		fprintf(o, "; names registered in runtime.reflectOffs: %" PRIu64, r->reflect_offs_entries);
	fputs("\n\n", o);
	fprintf(o, "  %-18s %9s %9s %9s\n", "cache", "entries", "types", "run-time");
	for (int i = 0; i < GM_TC_N; i++) {
		const struct gm_types_cache *c = &r->caches[i];
		if (!c->present) {
			fprintf(o, "  %-18s %9s\n", c->name, "absent");
			continue;
		}
		fprintf(o, "  %-18s %9" PRIu64 " %9zu %9" PRIu64 "%s%s\n", c->name, c->entries,
			c->ntypes, c->runtime_created, c->problem[0] ? "  ! " : "", c->problem);
	}
	size_t nt;
	struct top *t = make_top(r, &nt);
	if (nt) {
		fputs("\nby constructor and name prefix:\n", o);
		for (size_t i = 0; i < nt && (all || i < TEXT_TOP); i++)
			fprintf(o, "  %8" PRIu64 "  %-11s %.*s...\n", t[i].count, t[i].ctor,
				(int)t[i].plen, t[i].name);
		if (!all && nt > TEXT_TOP)
			fprintf(o, "  (%zu more groups: --all)\n", nt - TEXT_TOP);
	}
	free(t);
	for (int i = 0; i < GM_TC_N; i++) {
		const struct gm_types_cache *c = &r->caches[i];
		if (!c->ntypes)
			continue;
		fprintf(o, "\n%s:\n", c->name);
		size_t lim = all ? c->ntypes : (c->ntypes < TEXT_TOP ? c->ntypes : TEXT_TOP);
		for (size_t j = 0; j < lim; j++) {
			const struct gm_types_entry *e = &c->types[j];
			fprintf(o, "  %-10s %-7s %8" PRIu64 "  %s%s\n", e->constructor,
				gm_gotype_kind_name(e->t.kind), e->t.size, e->t.name ? e->t.name : "?",
				e->t.runtime_created ? "" : "  (in the executable)");
		}
		if (lim < c->ntypes)
			fprintf(o, "  (%zu more: --all)\n", c->ntypes - lim);
	}
}

GM_REPORT_OPS(types, struct gm_types_report, gm_types_report_destroy);
