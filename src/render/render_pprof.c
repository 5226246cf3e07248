/* --format pprof: the goroutine profile in pprof's format (profile.proto,
 * gzip-compressed), as runtime/pprof's "goroutine" profile writes it: one
 * sample per distinct stack (and label set) with the number of goroutines,
 * one location per PC with its inlined functions as lines (innermost first),
 * sample_type goroutine/count. `go tool pprof` and its web UI read it.
 *
 * The protobuf is written with src/pbuf.c (shared with the heap profile). */
#include <stdlib.h>
#include <string.h>

#include "gm_arena.h"
#include "gm_pbuf.h"
#include "gm_render.h"

struct loc {
	uint64_t pc;
	uint32_t first, nlines; /* logical frames, in the locations' line arrays */
};

struct sample {
	uint64_t hash;
	uint32_t *locs;
	uint32_t nlocs;
	struct gm_label *labels;
	size_t nlabels;
	uint64_t count;
};

struct pprof_state {
	struct gm_render_ctx ctx;
	struct gm_arena arena;
	struct gm_strtab strs;
	/* functions: (name, file) -> id; lines of every location */
	struct {
		const char *name, *file;
	} *funcs;
	size_t nfuncs, cfuncs;
	struct {
		uint32_t func;
		int32_t line;
	} *lines;
	size_t nlines, clines;
	struct loc *locs;
	size_t nlocs, clocs;
	size_t *lochash; /* pc -> loc index + 1 */
	size_t lcap;
	struct sample **samples; /* open addressing */
	size_t scap, nsamples;
	uint32_t *tmp;
	size_t tmpcap;
	bool oom;
};

static void *pprof_begin(const struct gm_render_ctx *ctx)
{
	struct pprof_state *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->ctx = *ctx;
	gm_arena_init(&s->arena);
	if (gm_strtab_id(&s->strs, "") != 0) { /* string_table[0] must be "" */
		free(s);
		return NULL;
	}
	return s;
}

static uint32_t func_id(struct pprof_state *s, const char *name, const char *file)
{
	/* linear probing would be faster; functions are few (distinct PCs) */
	for (size_t i = s->nfuncs; i > 0; i--)
		if (s->funcs[i - 1].name == name && s->funcs[i - 1].file == file)
			return (uint32_t)i;
	if (!gm_grow((void **)&s->funcs, &s->cfuncs, s->nfuncs + 1, sizeof(*s->funcs))) {
		s->oom = true;
		return 0;
	}
	s->funcs[s->nfuncs].name = name;
	s->funcs[s->nfuncs].file = file;
	return (uint32_t)++s->nfuncs;
}

/* Location id (1-based) of the physical frame starting at frames[i]. */
static uint32_t loc_id(struct pprof_state *s, const struct gm_goroutine *g, size_t i, size_t n)
{
	uint64_t pc = g->frames[i].pc;
	if (s->nlocs * 2 >= s->lcap) {
		size_t ncap = s->lcap ? s->lcap * 2 : 1024;
		size_t *nh = calloc(ncap, sizeof(*nh));
		if (!nh) {
			s->oom = true;
			return 0;
		}
		for (size_t k = 0; k < s->nlocs; k++) {
			size_t j = (s->locs[k].pc * 0x9E3779B97F4A7C15ull >> 20) & (ncap - 1);
			while (nh[j])
				j = (j + 1) & (ncap - 1);
			nh[j] = k + 1;
		}
		free(s->lochash);
		s->lochash = nh;
		s->lcap = ncap;
	}
	size_t j = (pc * 0x9E3779B97F4A7C15ull >> 20) & (s->lcap - 1);
	while (s->lochash[j]) {
		if (s->locs[s->lochash[j] - 1].pc == pc)
			return (uint32_t)s->lochash[j];
		j = (j + 1) & (s->lcap - 1);
	}
	if (!gm_grow((void **)&s->locs, &s->clocs, s->nlocs + 1, sizeof(*s->locs)) ||
	    !gm_grow((void **)&s->lines, &s->clines, s->nlines + n, sizeof(*s->lines))) {
		s->oom = true;
		return 0;
	}
	struct loc *l = &s->locs[s->nlocs];
	l->pc = pc;
	l->first = (uint32_t)s->nlines;
	l->nlines = (uint32_t)n;
	for (size_t k = 0; k < n; k++) {
		const struct gm_gframe *f = &g->frames[i + k];
		s->lines[s->nlines].func = func_id(s, f->func, f->file);
		s->lines[s->nlines].line = f->line;
		s->nlines++;
	}
	s->lochash[j] = ++s->nlocs;
	return (uint32_t)s->nlocs;
}

static bool labels_eq(const struct sample *a, const struct gm_goroutine *g)
{
	if (a->nlabels != g->nlabels)
		return false;
	for (size_t i = 0; i < g->nlabels; i++)
		if (a->labels[i].klen != g->labels[i].klen || a->labels[i].vlen != g->labels[i].vlen ||
		    memcmp(a->labels[i].key, g->labels[i].key, g->labels[i].klen) ||
		    memcmp(a->labels[i].value, g->labels[i].value, g->labels[i].vlen))
			return false;
	return true;
}

static void pprof_goroutine(void *st, const struct gm_goroutine *g)
{
	struct pprof_state *s = st;
	if (s->oom)
		return;
	/* physical frames -> locations. s->tmp always has room for one: a
	 * goroutine with no frames (a damaged stack) is a sample with no
	 * locations, and memcmp/memcpy of 0 entries still need real pointers. */
	size_t n = 0;
	if (!gm_grow((void **)&s->tmp, &s->tmpcap, 1, sizeof(*s->tmp))) {
		s->oom = true;
		return;
	}
	for (size_t i = 0; i < g->nframes;) {
		size_t k = 1;
		while (i + k < g->nframes && g->frames[i + k].phys == g->frames[i].phys)
			k++;
		if (!gm_grow((void **)&s->tmp, &s->tmpcap, n + 1, sizeof(*s->tmp))) {
			s->oom = true;
			return;
		}
		s->tmp[n++] = loc_id(s, g, i, k);
		i += k;
	}
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s->tmp[i]) * 1099511628211ull;
	for (size_t i = 0; i < g->nlabels; i++)
		h = (h ^ gm_pbuf_hash_str(g->labels[i].key) ^ (gm_pbuf_hash_str(g->labels[i].value) << 1)) * 1099511628211ull;
	if (s->nsamples * 2 >= s->scap) {
		size_t ncap = s->scap ? s->scap * 2 : 1024;
		struct sample **ns = calloc(ncap, sizeof(*ns));
		if (!ns) {
			s->oom = true;
			return;
		}
		for (size_t i = 0; i < s->scap; i++) {
			if (!s->samples[i])
				continue;
			size_t j = s->samples[i]->hash & (ncap - 1);
			while (ns[j])
				j = (j + 1) & (ncap - 1);
			ns[j] = s->samples[i];
		}
		free(s->samples);
		s->samples = ns;
		s->scap = ncap;
	}
	size_t j = h & (s->scap - 1);
	struct sample *sm;
	while ((sm = s->samples[j])) {
		if (sm->hash == h && sm->nlocs == n && !memcmp(sm->locs, s->tmp, n * sizeof(*s->tmp)) &&
		    labels_eq(sm, g))
			break;
		j = (j + 1) & (s->scap - 1);
	}
	if (!sm) {
		sm = gm_arena_alloc(&s->arena, sizeof(*sm));
		uint32_t *locs = gm_arena_alloc(&s->arena, (n ? n : 1) * sizeof(*locs));
		struct gm_label *lb = gm_arena_alloc(&s->arena, (g->nlabels ? g->nlabels : 1) * sizeof(*lb));
		if (!sm || !locs || !lb) {
			s->oom = true;
			return;
		}
		memcpy(locs, s->tmp, n * sizeof(*locs));
		for (size_t i = 0; i < g->nlabels; i++) {
			lb[i] = g->labels[i];
			lb[i].key = gm_arena_strndup(&s->arena, g->labels[i].key, g->labels[i].klen);
			lb[i].value = gm_arena_strndup(&s->arena, g->labels[i].value, g->labels[i].vlen);
			if (!lb[i].key || !lb[i].value) {
				s->oom = true;
				return;
			}
		}
		*sm = (struct sample){h, locs, (uint32_t)n, lb, g->nlabels, 0};
		s->samples[j] = sm;
		s->nsamples++;
	}
	sm->count++;
}

static int64_t sid(struct pprof_state *s, const char *str)
{
	int64_t id = gm_strtab_id(&s->strs, str ? str : "");
	if (id < 0)
		s->oom = true;
	return id < 0 ? 0 : id;
}

static int pprof_end(void *st, const struct gm_gwalk_stats *stats)
{
	struct pprof_state *s = st;
	struct gm_pbuf pb = {0}, m = {0}, m2 = {0};
	char name[512];
	/* sample_type and period_type: goroutine/count */
	gm_pbuf_field_varint(&m, 1, (uint64_t)sid(s, "goroutine"));
	gm_pbuf_field_varint(&m, 2, (uint64_t)sid(s, "count"));
	gm_pbuf_field_msg(&pb, 1, &m);
	for (size_t i = 0; i < s->scap; i++) {
		struct sample *sm = s->samples[i];
		if (!sm)
			continue;
		for (uint32_t k = 0; k < sm->nlocs; k++)
			gm_pbuf_varint(&m2, sm->locs[k]);
		gm_pbuf_field_msg(&m, 1, &m2);
		gm_pbuf_varint(&m2, sm->count);
		gm_pbuf_field_msg(&m, 2, &m2);
		for (size_t k = 0; k < sm->nlabels; k++) {
			gm_pbuf_field_varint(&m2, 1, (uint64_t)sid(s, sm->labels[k].key));
			gm_pbuf_field_varint(&m2, 2, (uint64_t)sid(s, sm->labels[k].value));
			gm_pbuf_field_msg(&m, 3, &m2);
		}
		gm_pbuf_field_msg(&pb, 2, &m);
	}
	/* one mapping: the executable, with symbolized functions */
	gm_pbuf_field_varint(&m, 1, 1);
	gm_pbuf_field_varint(&m, 3, UINT64_MAX);
	gm_pbuf_field_varint(&m, 5, (uint64_t)sid(s, s->ctx.exe_path));
	gm_pbuf_field_varint(&m, 7, 1); /* has_functions */
	gm_pbuf_field_varint(&m, 8, 1); /* has_filenames */
	gm_pbuf_field_varint(&m, 9, 1); /* has_line_numbers */
	gm_pbuf_field_varint(&m, 10, 1); /* has_inline_frames */
	gm_pbuf_field_msg(&pb, 3, &m);
	for (size_t i = 0; i < s->nlocs; i++) {
		const struct loc *l = &s->locs[i];
		gm_pbuf_field_varint(&m, 1, i + 1);
		gm_pbuf_field_varint(&m, 2, 1);
		gm_pbuf_field_varint(&m, 3, l->pc);
		for (uint32_t k = 0; k < l->nlines; k++) {
			gm_pbuf_field_varint(&m2, 1, s->lines[l->first + k].func);
			gm_pbuf_field_varint(&m2, 2, (uint64_t)(int64_t)s->lines[l->first + k].line);
			gm_pbuf_field_msg(&m, 4, &m2);
		}
		gm_pbuf_field_msg(&pb, 4, &m);
	}
	for (size_t i = 0; i < s->nfuncs; i++) {
		const char *pn = gm_go_funcname_for_print(s->funcs[i].name, s->ctx.go_minor >= 21 ? s->ctx.go_minor : 21,
							  name, sizeof(name));
		gm_pbuf_field_varint(&m, 1, i + 1);
		gm_pbuf_field_varint(&m, 2, (uint64_t)sid(s, pn == name ? gm_arena_strdup(&s->arena, name) : pn));
		gm_pbuf_field_varint(&m, 3, (uint64_t)sid(s, s->funcs[i].name));
		gm_pbuf_field_varint(&m, 4, (uint64_t)sid(s, s->funcs[i].file));
		gm_pbuf_field_msg(&pb, 5, &m);
	}
	/* period_type goroutine/count, period 1; string_table last, once every
	 * string is interned */
	gm_pbuf_field_varint(&m, 1, (uint64_t)sid(s, "goroutine"));
	gm_pbuf_field_varint(&m, 2, (uint64_t)sid(s, "count"));
	gm_pbuf_field_msg(&pb, 11, &m); /* period_type */
	gm_pbuf_field_varint(&pb, 12, 1);  /* period */
	for (size_t i = 0; i < s->strs.n; i++)
		gm_pbuf_field_bytes(&pb, 6, s->strs.v[i], strlen(s->strs.v[i]));
	int rc = (s->oom || pb.oom) ? -1 : 0;
	if (!rc)
		rc = gm_pbuf_write_gzip(&pb, s->ctx.out);
	if (ferror(s->ctx.out))
		rc = -1;
	free(pb.p);
	free(m.p);
	free(m2.p);
	gm_strtab_free(&s->strs);
	free(s->funcs);
	free(s->lines);
	free(s->locs);
	free(s->lochash);
	free(s->samples);
	free(s->tmp);
	gm_arena_deinit(&s->arena);
	free(s);
	return rc;
}

const struct gm_renderer gm_render_pprof = {
	.name = "pprof",
	.begin = pprof_begin,
	.goroutine = pprof_goroutine,
	.end = pprof_end,
	.want_args = false,
};
