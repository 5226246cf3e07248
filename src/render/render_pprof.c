/* --format pprof: the goroutine profile in pprof's format (profile.proto,
 * gzip-compressed), as runtime/pprof's "goroutine" profile writes it: one
 * sample per distinct stack (and label set) with the number of goroutines,
 * one location per PC with its inlined functions as lines (innermost first),
 * sample_type goroutine/count. `go tool pprof` and its web UI read it.
 *
 * The protobuf is written by hand (a few varint and length-delimited
 * fields), then deflated with zlib in gzip framing. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gm_arena.h"
#include "gm_render.h"

struct buf {
	uint8_t *p;
	size_t n, cap;
	bool oom;
};

static void put(struct buf *b, const void *p, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		while (cap < b->n + n)
			cap *= 2;
		uint8_t *q = realloc(b->p, cap);
		if (!q) {
			b->oom = true;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void varint(struct buf *b, uint64_t v)
{
	uint8_t t[10];
	size_t n = 0;
	do {
		t[n++] = (uint8_t)((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
		v >>= 7;
	} while (v);
	put(b, t, n);
}

static void field_varint(struct buf *b, unsigned field, uint64_t v)
{
	varint(b, (uint64_t)field << 3);
	varint(b, v);
}

static void field_bytes(struct buf *b, unsigned field, const void *p, size_t n)
{
	varint(b, (uint64_t)field << 3 | 2);
	varint(b, n);
	put(b, p, n);
}

static void field_msg(struct buf *b, unsigned field, struct buf *m)
{
	field_bytes(b, field, m->p, m->n);
	b->oom |= m->oom;
	m->n = 0;
}

/* ---- interning ---- */

struct strtab {
	const char **v;
	size_t n, cap;
	/* open addressing on pointer identity first, then content */
	size_t *slot;
	size_t scap;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int64_t str_id(struct strtab *t, const char *s)
{
	if (t->n * 2 >= t->scap) {
		size_t ncap = t->scap ? t->scap * 2 : 1024;
		size_t *ns = malloc(ncap * sizeof(*ns));
		if (!ns)
			return -1;
		for (size_t i = 0; i < ncap; i++)
			ns[i] = SIZE_MAX;
		for (size_t i = 0; i < t->n; i++) {
			size_t j = hash_str(t->v[i]) & (ncap - 1);
			while (ns[j] != SIZE_MAX)
				j = (j + 1) & (ncap - 1);
			ns[j] = i;
		}
		free(t->slot);
		t->slot = ns;
		t->scap = ncap;
	}
	size_t j = hash_str(s) & (t->scap - 1);
	while (t->slot[j] != SIZE_MAX) {
		if (!strcmp(t->v[t->slot[j]], s))
			return (int64_t)t->slot[j];
		j = (j + 1) & (t->scap - 1);
	}
	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 256;
		const char **nv = realloc(t->v, ncap * sizeof(*nv));
		if (!nv)
			return -1;
		t->v = nv;
		t->cap = ncap;
	}
	t->v[t->n] = s;
	t->slot[j] = t->n;
	return (int64_t)t->n++;
}

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
	struct strtab strs;
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
	if (str_id(&s->strs, "") != 0) { /* string_table[0] must be "" */
		free(s);
		return NULL;
	}
	return s;
}

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	size_t ncap = *cap ? *cap * 2 : 256;
	while (ncap < need)
		ncap *= 2;
	void *q = realloc(*p, ncap * elem);
	if (!q)
		return false;
	*p = q;
	*cap = ncap;
	return true;
}

static uint32_t func_id(struct pprof_state *s, const char *name, const char *file)
{
	/* linear probing would be faster; functions are few (distinct PCs) */
	for (size_t i = s->nfuncs; i > 0; i--)
		if (s->funcs[i - 1].name == name && s->funcs[i - 1].file == file)
			return (uint32_t)i;
	if (!grow((void **)&s->funcs, &s->cfuncs, s->nfuncs + 1, sizeof(*s->funcs))) {
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
	if (!grow((void **)&s->locs, &s->clocs, s->nlocs + 1, sizeof(*s->locs)) ||
	    !grow((void **)&s->lines, &s->clines, s->nlines + n, sizeof(*s->lines))) {
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
	/* physical frames -> locations */
	size_t n = 0;
	for (size_t i = 0; i < g->nframes;) {
		size_t k = 1;
		while (i + k < g->nframes && g->frames[i + k].phys == g->frames[i].phys)
			k++;
		if (!grow((void **)&s->tmp, &s->tmpcap, n + 1, sizeof(*s->tmp))) {
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
		h = (h ^ hash_str(g->labels[i].key) ^ (hash_str(g->labels[i].value) << 1)) * 1099511628211ull;
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
	int64_t id = str_id(&s->strs, str ? str : "");
	if (id < 0)
		s->oom = true;
	return id < 0 ? 0 : id;
}

static int pprof_end(void *st, const struct gm_gwalk_stats *stats)
{
	struct pprof_state *s = st;
	struct buf pb = {0}, m = {0}, m2 = {0};
	char name[512];
	/* sample_type and period_type: goroutine/count */
	field_varint(&m, 1, (uint64_t)sid(s, "goroutine"));
	field_varint(&m, 2, (uint64_t)sid(s, "count"));
	field_msg(&pb, 1, &m);
	for (size_t i = 0; i < s->scap; i++) {
		struct sample *sm = s->samples[i];
		if (!sm)
			continue;
		for (uint32_t k = 0; k < sm->nlocs; k++)
			varint(&m2, sm->locs[k]);
		field_msg(&m, 1, &m2);
		varint(&m2, sm->count);
		field_msg(&m, 2, &m2);
		for (size_t k = 0; k < sm->nlabels; k++) {
			field_varint(&m2, 1, (uint64_t)sid(s, sm->labels[k].key));
			field_varint(&m2, 2, (uint64_t)sid(s, sm->labels[k].value));
			field_msg(&m, 3, &m2);
		}
		field_msg(&pb, 2, &m);
	}
	/* one mapping: the executable, with symbolized functions */
	field_varint(&m, 1, 1);
	field_varint(&m, 3, UINT64_MAX);
	field_varint(&m, 5, (uint64_t)sid(s, s->ctx.exe_path));
	field_varint(&m, 7, 1); /* has_functions */
	field_varint(&m, 8, 1); /* has_filenames */
	field_varint(&m, 9, 1); /* has_line_numbers */
	field_varint(&m, 10, 1); /* has_inline_frames */
	field_msg(&pb, 3, &m);
	for (size_t i = 0; i < s->nlocs; i++) {
		const struct loc *l = &s->locs[i];
		field_varint(&m, 1, i + 1);
		field_varint(&m, 2, 1);
		field_varint(&m, 3, l->pc);
		for (uint32_t k = 0; k < l->nlines; k++) {
			field_varint(&m2, 1, s->lines[l->first + k].func);
			field_varint(&m2, 2, (uint64_t)(int64_t)s->lines[l->first + k].line);
			field_msg(&m, 4, &m2);
		}
		field_msg(&pb, 4, &m);
	}
	for (size_t i = 0; i < s->nfuncs; i++) {
		const char *pn = gm_go_funcname_for_print(s->funcs[i].name, s->ctx.go_minor >= 21 ? s->ctx.go_minor : 21,
							  name, sizeof(name));
		field_varint(&m, 1, i + 1);
		field_varint(&m, 2, (uint64_t)sid(s, pn == name ? gm_arena_strdup(&s->arena, name) : pn));
		field_varint(&m, 3, (uint64_t)sid(s, s->funcs[i].name));
		field_varint(&m, 4, (uint64_t)sid(s, s->funcs[i].file));
		field_msg(&pb, 5, &m);
	}
	/* period_type goroutine/count, period 1; string_table last, once every
	 * string is interned */
	field_varint(&m, 1, (uint64_t)sid(s, "goroutine"));
	field_varint(&m, 2, (uint64_t)sid(s, "count"));
	field_msg(&pb, 11, &m); /* period_type */
	field_varint(&pb, 12, 1);  /* period */
	for (size_t i = 0; i < s->strs.n; i++)
		field_bytes(&pb, 6, s->strs.v[i], strlen(s->strs.v[i]));
	int rc = (s->oom || pb.oom) ? -1 : 0;
	if (!rc) {
		/* gzip */
		z_stream z = {0};
		if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
			rc = -1;
		} else {
			uint8_t out[1 << 16];
			z.next_in = pb.p;
			z.avail_in = (uInt)pb.n;
			int zr;
			do {
				z.next_out = out;
				z.avail_out = sizeof(out);
				zr = deflate(&z, Z_FINISH);
				size_t have = sizeof(out) - z.avail_out;
				if (have && fwrite(out, 1, have, s->ctx.out) != have)
					rc = -1;
			} while (zr == Z_OK);
			if (zr != Z_STREAM_END)
				rc = -1;
			deflateEnd(&z);
		}
	}
	if (ferror(s->ctx.out))
		rc = -1;
	free(pb.p);
	free(m.p);
	free(m2.p);
	free(s->strs.v);
	free(s->strs.slot);
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
