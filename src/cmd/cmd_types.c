/* gomortem types: the reflect caches and the types made at run time
 * (src/walk/types.c collects; text and JSON renderers here). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_cli.h"
#include "gm_types.h"
#include "gm_render.h"

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

static void render_json(FILE *o, const struct gm_types_report *r, const char *core,
			const char *exe, const char *go_version)
{
	fputs("{\"schema\":\"gomortem.types\",\"schema_version\":1,\"go_version\":", o);
	gm_cli_jstr(o, go_version);
	fputs(",\"core\":", o);
	gm_cli_jstr(o, core);
	fputs(",\"executable\":", o);
	gm_cli_jstr(o, exe);
	fprintf(o, ",\"map_impl\":\"%s\",\"syncmap_impl\":\"%s\"", map_impl_name(r->impl.map),
		syncmap_impl_name(r->impl.syncmap));
	fprintf(o,
		",\"runtime_created_total\":%" PRIu64 ",\"types_total\":%" PRIu64
		",\"reflect_offs_entries\":",
		r->runtime_created_total, r->types_total);
	if (r->reflect_offs_present)
		fprintf(o, "%" PRIu64, r->reflect_offs_entries);
	else
		fputs("null", o);
	fputs(",\"caches\":[", o);
	for (int i = 0; i < GM_TC_N; i++) {
		const struct gm_types_cache *c = &r->caches[i];
		fprintf(o, "%s{\"name\":\"%s\",\"global\":\"%s\",\"present\":%s,\"entries\":%" PRIu64
			   ",\"types_count\":%zu,\"runtime_created\":%" PRIu64 ",\"problem\":",
			i ? "," : "", c->name, c->global, c->present ? "true" : "false", c->entries,
			c->ntypes, c->runtime_created);
		gm_cli_jstr(o, c->problem[0] ? c->problem : NULL);
		fputs(",\"types\":[", o);
		for (size_t j = 0; j < c->ntypes; j++) {
			const struct gm_types_entry *e = &c->types[j];
			fputs(j ? ",{\"name\":" : "{\"name\":", o);
			gm_cli_jstr(o, e->t.name);
			fprintf(o,
				",\"kind\":\"%s\",\"size\":%" PRIu64
				",\"runtime_created\":%s,\"constructor\":\"%s\",\"addr\":\"0x%" PRIx64
				"\"}",
				gm_gotype_kind_name(e->t.kind), e->t.size,
				e->t.runtime_created ? "true" : "false", e->constructor, e->t.addr);
		}
		fputs("]}", o);
	}
	fputs("],\"top\":[", o);
	size_t nt;
	struct top *t = make_top(r, &nt);
	for (size_t i = 0; i < nt; i++) {
		fprintf(o, "%s{\"constructor\":\"%s\",\"prefix\":", i ? "," : "", t[i].ctor);
		gm_json_str(o, t[i].name, t[i].plen);
		fprintf(o, ",\"types\":%" PRIu64 ",\"runtime_created\":%" PRIu64 "}", t[i].count,
			t[i].runtime_created);
	}
	free(t);
	fputs("],\"problem\":", o);
	gm_cli_jstr(o, r->problem[0] ? r->problem : NULL);
	fputs("}\n", o);
}

static void render_text(FILE *o, const struct gm_types_report *r, bool all)
{
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

static struct gm_error *collect(struct gm_session *s, void **out)
{
	struct gm_types_report *r = NULL;
	struct gm_error *err = gm_types_collect(s->target->mem, s->gobin, &s->layout, &r);
	*out = r;
	return err;
}

static void text(FILE *o, const void *report, const struct gm_cli *c)
{
	render_text(o, report, c->all);
}

static void json(FILE *o, const void *report, const char *target, const char *exe, const char *go_version)
{
	render_json(o, report, target, exe, go_version);
}

static const char *problem(const void *report)
{
	return ((const struct gm_types_report *)report)->problem;
}

static void destroy(void *report)
{
	gm_types_report_destroy(report);
}

int gm_cmd_types(const struct gm_cli *c)
{
	static const struct gm_report_cmd cmd = {collect, text, json, problem, destroy};
	return gm_cli_run_report(c, &cmd);
}
