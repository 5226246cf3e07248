/* gomortem diff: snapshots of two targets and their comparison (see
 * gm_diff.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_diff.h"
#include "gm_fmt.h"
#include "gm_ggroup.h"
#include "gm_goroutines.h"
#include "gm_heapobj.h"
#include "gm_jsonread.h"
#include "gm_memprof.h"
#include "summary_internal.h"

int64_t gm_diff_growth(const struct gm_summary *old, const struct gm_summary *nw, enum gm_metric m,
		       bool *known)
{
	*known = m >= 0 && m < GM_M_N && old->metric_known[m] && nw->metric_known[m];
	if (!*known)
		return 0;
	return nw->metric[m] - old->metric[m];
}

struct gm_error *gm_diff_failon_parse(const char *expr, struct gm_diff_failon *out)
{
	memset(out, 0, sizeof(*out));
	out->expr = expr;
	static const char pfx[] = "growth.";
	if (strncmp(expr, pfx, sizeof(pfx) - 1))
		return gm_error_create(GM_ERR_USAGE,
				       "--fail-on '%s': expected growth.METRIC OP NUMBER[%%], e.g. "
				       "growth.goroutines>1000", expr);
	char buf[256];
	size_t n = strlen(expr + sizeof(pfx) - 1);
	if (n >= sizeof(buf))
		return gm_error_create(GM_ERR_USAGE, "--fail-on: expression too long");
	memcpy(buf, expr + sizeof(pfx) - 1, n + 1);
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = 0;
	if (n > 0 && buf[n - 1] == '%') {
		out->percent = true;
		buf[--n] = 0;
	}
	struct gm_error *err = gm_failon_parse(buf, &out->f);
	if (err) {
		gm_error_destroy(err);
		return gm_error_create(GM_ERR_USAGE,
				       "--fail-on '%s': expected growth.METRIC OP NUMBER[%%] with a metric "
				       "of gomortem help summary", expr);
	}
	out->f.expr = expr;
	return NULL;
}

int gm_diff_failon_eval(const struct gm_diff_failon *d, const struct gm_summary *old,
			const struct gm_summary *nw)
{
	bool known;
	int64_t g = gm_diff_growth(old, nw, d->f.metric, &known);
	if (!known)
		return -1;
	/* compare g (or 100*g/old, exactly: g*100 OP value*old) */
	__int128 l = g, r = d->f.value;
	if (d->percent) {
		int64_t o = old->metric[d->f.metric];
		if (o <= 0)
			return -1;
		l = (__int128)g * 100;
		r = (__int128)d->f.value * o;
	}
	switch (d->f.op) {
	case GM_OP_GT: return l > r;
	case GM_OP_GE: return l >= r;
	case GM_OP_LT: return l < r;
	case GM_OP_LE: return l <= r;
	case GM_OP_EQ: return l == r;
	case GM_OP_NE: return l != r;
	}
	return -1;
}

/* ---- snapshots ---- */

const char *const gm_diff_cat_names[GM_DC_N] = {
	[GM_DC_GOROUTINES] = "goroutines",
	[GM_DC_FIN_REGISTERED] = "finalizers.registered",
	[GM_DC_FIN_QUEUED] = "finalizers.queued",
	[GM_DC_CL_REGISTERED] = "cleanups.registered",
	[GM_DC_CL_QUEUED] = "cleanups.queued",
	[GM_DC_TYPES] = "types.runtime_created",
	[GM_DC_TIMERS] = "timers",
	[GM_DC_MEMORY] = "memory",
	[GM_DC_HEAP_SITES] = "heap.sites",
	[GM_DC_HEAP_TYPES] = "heap.types",
	[GM_DC_PLUGINS] = "plugins",
};

const char *const gm_diff_change_names[5] = {"grown", "new", "unchanged", "shrunk", "gone"};

bool gm_diff_cat_bytes(enum gm_diff_cat c)
{
	return c == GM_DC_MEMORY || c == GM_DC_HEAP_SITES || c == GM_DC_HEAP_TYPES;
}

const char *gm_diff_build_id(const struct gm_session *s)
{
	return s->gobin->go_build_id[0] ? s->gobin->go_build_id : s->gobin->build_id;
}

/* a growable string */
struct sbuf {
	char *p;
	size_t n, cap;
	bool oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 256;
		while (nc < b->n + n + 1)
			nc *= 2;
		char *q = realloc(b->p, nc);
		if (!q) {
			b->oom = true;
			return;
		}
		b->p = q;
		b->cap = nc;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void sb_str(struct sbuf *b, const char *s)
{
	s = s ? s : "?";
	sb_add(b, s, strlen(s));
}

static void sb_fmt(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_fmt(struct sbuf *b, const char *fmt, ...)
{
	char t[128];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(t, sizeof(t), fmt, ap);
	va_end(ap);
	if (k > 0)
		sb_add(b, t, (size_t)k < sizeof(t) ? (size_t)k : sizeof(t) - 1);
}

/* a bag: entries by key (open addressing over an index table) */
struct bag {
	struct gm_diff_entry *v;
	uint64_t *hash;
	size_t n, cap;
	uint32_t *tab;          /* index + 1, 0 empty */
	size_t tcap;
	struct gm_arena *a;
	bool oom;
};

static uint64_t str_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

static bool bag_rehash(struct bag *b, size_t ncap)
{
	uint32_t *t = calloc(ncap, sizeof(*t));
	if (!t)
		return false;
	for (size_t i = 0; i < b->n; i++) {
		size_t j = b->hash[i] & (ncap - 1);
		while (t[j])
			j = (j + 1) & (ncap - 1);
		t[j] = (uint32_t)(i + 1);
	}
	free(b->tab);
	b->tab = t;
	b->tcap = ncap;
	return true;
}

/* the entry of key (created with count 0 when new), NULL on out of memory */
static struct gm_diff_entry *bag_get(struct bag *b, const char *key, bool *created)
{
	*created = false;
	if (b->oom)
		return NULL;
	if ((b->n + 1) * 2 > b->tcap && (b->n >= UINT32_MAX - 1 || !bag_rehash(b, b->tcap ? b->tcap * 2 : 256))) {
		b->oom = true;
		return NULL;
	}
	uint64_t h = str_hash(key);
	size_t j = h & (b->tcap - 1);
	while (b->tab[j]) {
		size_t i = b->tab[j] - 1;
		if (b->hash[i] == h && !strcmp(b->v[i].key, key))
			return &b->v[i];
		j = (j + 1) & (b->tcap - 1);
	}
	if (b->n == b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 64;
		struct gm_diff_entry *nv = realloc(b->v, nc * sizeof(*nv));
		if (nv)
			b->v = nv;
		uint64_t *nh = nv ? realloc(b->hash, nc * sizeof(*nh)) : NULL;
		if (nh)
			b->hash = nh;
		if (!nv || !nh) {
			b->oom = true;
			return NULL;
		}
		b->cap = nc;
	}
	char *k = gm_arena_strdup(b->a, key);
	if (!k) {
		b->oom = true;
		return NULL;
	}
	struct gm_diff_entry *e = &b->v[b->n];
	*e = (struct gm_diff_entry){.key = k};
	b->hash[b->n++] = h;
	b->tab[j] = (uint32_t)b->n;
	*created = true;
	return e;
}

static void bag_add(struct bag *b, const char *key, const char *label, uint64_t count)
{
	bool created;
	struct gm_diff_entry *e = bag_get(b, key, &created);
	if (!e)
		return;
	if (created && label)
		e->label = gm_arena_strdup(b->a, label);
	e->count += count;
}

/* the bag's entries become the side's category */
static void bag_done(struct gm_diff_side *d, enum gm_diff_cat c, struct bag *b)
{
	free(b->tab);
	free(b->hash);
	if (b->oom) {
		free(b->v);
		d->have[c] = false;
		if (d->sm->nproblems < GM_SUMMARY_MAX_PROBLEMS)
			snprintf(d->sm->problems[d->sm->nproblems++], sizeof(d->sm->problems[0]),
				 "diff: %s: out of memory", gm_diff_cat_names[c]);
		return;
	}
	d->e[c] = b->v;
	d->n[c] = b->n;
	d->have[c] = true;
}

static const char *dup_or_null(struct gm_arena *a, const char *s)
{
	return s ? gm_arena_strdup(a, s) : NULL;
}

static void goroutine_key(struct sbuf *k, const struct gm_goroutine *g, bool by_line)
{
	k->n = 0;
	sb_str(k, g->status_str);
	sb_fmt(k, "|%d|", g->stack_unavailable);
	for (size_t i = 0; i < g->nframes; i++) {
		const struct gm_gframe *f = &g->frames[i];
		sb_str(k, f->func);
		if (by_line) {
			sb_fmt(k, ":%d", (int)f->line);
		} else {
			/* the pc as an offset in its physical function: the same in two
			 * processes of one build, PIE or not */
			sb_fmt(k, "+0x%" PRIx64, f->pc >= f->entry ? f->pc - f->entry : f->pc);
		}
		sb_str(k, f->inlined ? "(i);" : ";");
	}
	sb_str(k, "|by ");
	if (g->created_by.present) {
		sb_str(k, g->created_by.func);
		if (by_line)
			sb_fmt(k, ":%d", (int)g->created_by.line);
		else
			sb_fmt(k, "+0x%" PRIx64, g->created_by.pc >= g->created_by.entry
						 ? g->created_by.pc - g->created_by.entry : g->created_by.pc);
	}
}

static void fill_gdesc(struct gm_arena *a, struct gm_diff_gdesc *o, const struct gm_goroutine *g)
{
	memset(o, 0, sizeof(*o));
	o->state = dup_or_null(a, g->status_str);
	o->nframes = (uint32_t)g->nframes;
	o->system = g->system;
	const struct gm_gframe *f = NULL;
	for (size_t k = 0; k < g->nframes && !f; k++)
		if (!gm_summary_is_std_func(g->frames[k].func))
			f = &g->frames[k];
	for (size_t k = 0; k < g->nframes && !f; k++)
		if (g->frames[k].func && !gm_ggroup_is_runtime(g->frames[k].func))
			f = &g->frames[k];
	if (!f && g->nframes)
		f = &g->frames[0];
	if (f) {
		o->func = dup_or_null(a, f->func ? f->func : "?");
		o->file = dup_or_null(a, f->file);
		o->line = f->line;
	}
	if (g->created_by.present) {
		o->created_func = dup_or_null(a, g->created_by.func ? g->created_by.func : "?");
		o->created_file = dup_or_null(a, g->created_by.file);
		o->created_line = g->created_by.line;
	}
}

static void side_goroutines(struct gm_diff_side *d, struct gm_session *s)
{
	struct gm_gwalk_opts o = {.want_args = false, .want_labels = false};
	struct gm_gwalk *w;
	struct gm_error *err = gm_gwalk_create(s->target, s->gobin, &s->layout, &o, &w);
	if (err) {
		gm_error_destroy(err);
		return; /* the summary already says why */
	}
	struct bag b = {.a = &d->arena};
	struct sbuf k = {0}, alt = {0};
	const struct gm_goroutine *g;
	bool failed = false;
	for (;;) {
		err = gm_gwalk_next(w, &g);
		if (err) {
			gm_error_destroy(err);
			failed = true;
			break;
		}
		if (!g)
			break;
		goroutine_key(&k, g, false);
		if (k.oom) {
			b.oom = true;
			break;
		}
		bool created;
		struct gm_diff_entry *e = bag_get(&b, k.p, &created);
		if (!e)
			break;
		if (created) {
			struct gm_diff_gdesc *gd = gm_arena_alloc(&d->arena, sizeof(*gd));
			if (!gd) {
				b.oom = true;
				break;
			}
			fill_gdesc(&d->arena, gd, g);
			e->g = gd;
			goroutine_key(&alt, g, true);
			e->alt = alt.oom ? NULL : gm_arena_strdup(&d->arena, alt.p);
			if (!e->alt) {
				b.oom = true;
				break;
			}
		} else if (!g->system && e->g) {
			((struct gm_diff_gdesc *)e->g)->system = false;
		}
		e->count++;
	}
	free(k.p);
	free(alt.p);
	gm_gwalk_destroy(w);
	bag_done(d, GM_DC_GOROUTINES, &b);
	/* a walk that stopped early (its problem is the summary's) gives
	 * counts that are too low: not compared */
	if (failed) {
		free(d->e[GM_DC_GOROUTINES]);
		d->e[GM_DC_GOROUTINES] = NULL;
		d->n[GM_DC_GOROUTINES] = 0;
		d->have[GM_DC_GOROUTINES] = false;
	}
}

static void fin_list(struct gm_diff_side *d, enum gm_diff_cat c, const struct gm_fin_list *l, bool with_type)
{
	struct bag b = {.a = &d->arena};
	char key[512], label[640];
	for (size_t i = 0; i < l->n; i++) {
		const struct gm_fin_group *f = &l->v[i];
		if (with_type && f->object_type)
			snprintf(key, sizeof(key), "%s for %s", f->function ? f->function : "?", f->object_type);
		else
			snprintf(key, sizeof(key), "%s", f->function ? f->function : "?");
		if (f->function && f->file) {
			const char *base = strrchr(f->file, '/');
			snprintf(label, sizeof(label), "%s (%s:%d)", key, base ? base + 1 : f->file, (int)f->line);
		} else {
			snprintf(label, sizeof(label), "%s", key);
		}
		bag_add(&b, key, label, f->count);
	}
	bag_done(d, c, &b);
}

static void side_others(struct gm_diff_side *d)
{
	const struct gm_summary *sm = d->sm;
	if (sm->fin) {
		fin_list(d, GM_DC_FIN_REGISTERED, &sm->fin->registered, true);
		fin_list(d, GM_DC_FIN_QUEUED, &sm->fin->queued, false);
		if (sm->fin->cleanups_supported) {
			fin_list(d, GM_DC_CL_REGISTERED, &sm->fin->cl_registered, false);
			fin_list(d, GM_DC_CL_QUEUED, &sm->fin->cl_queued, false);
		} else {
			d->unsupported[GM_DC_CL_REGISTERED] = d->unsupported[GM_DC_CL_QUEUED] = true;
		}
	}
	if (sm->types) {
		/* a type is counted once per constructor, whichever caches hold it */
		struct bag b = {.a = &d->arena};
		char key[600];
		for (int c = 0; c < GM_TC_N; c++) {
			const struct gm_types_cache *tc = &sm->types->caches[c];
			if (!tc->present)
				continue;
			for (size_t i = 0; i < tc->ntypes; i++) {
				const struct gm_types_entry *e = &tc->types[i];
				if (!e->t.runtime_created)
					continue;
				snprintf(key, sizeof(key), "%s %s", e->constructor ? e->constructor : "?",
					 e->t.name ? e->t.name : "?");
				bool created;
				struct gm_diff_entry *de = bag_get(&b, key, &created);
				if (de)
					de->count = 1;
			}
		}
		bag_done(d, GM_DC_TYPES, &b);
	}
	if (sm->timers) {
		struct bag b = {.a = &d->arena};
		char key[512], label[640];
		for (size_t i = 0; i < sm->timers->ngroups; i++) {
			const struct gm_timer_group *t = &sm->timers->groups[i];
			snprintf(key, sizeof(key), "%s %s", gm_timer_kind_names[t->kind],
				 t->function ? t->function : "?");
			if (t->period > 0) {
				size_t n = strlen(key);
				snprintf(key + n, sizeof(key) - n, " every %" PRId64 "ns", t->period);
			}
			if (t->function && t->file) {
				const char *base = strrchr(t->file, '/');
				snprintf(label, sizeof(label), "%s (%s:%d)", key, base ? base + 1 : t->file,
					 (int)t->line);
			} else {
				snprintf(label, sizeof(label), "%s", key);
			}
			bag_add(&b, key, label, t->count);
		}
		bag_done(d, GM_DC_TIMERS, &b);
	}
	if (sm->maps) {
		struct bag b = {.a = &d->arena};
		for (int c = 0; c < GM_MAP_NCLASSES; c++)
			bag_add(&b, gm_map_class_names[c], NULL, sm->maps->bytes[c]);
		bag_done(d, GM_DC_MEMORY, &b);
	}
}

/* The heap profile's in-use bytes by allocation site: the first frame
 * pprof shows of each sample (runtime frames hidden), as summary's top
 * sites. */
static void side_heap_sites(struct gm_diff_side *d)
{
	const struct gm_memprof *p = d->sm->memprof;
	if (!p) {
		d->why_not[GM_DC_HEAP_SITES] =
			gm_arena_strdup(&d->arena, d->sm->memprof_off[0] ? d->sm->memprof_off : "no heap profile");
		return;
	}
	struct bag b = {.a = &d->arena};
	char key[700], label[700];
	for (size_t i = 0; i < p->nsamples; i++) {
		const struct gm_memprof_sample *smp = &p->samples[i];
		if (smp->v[3] <= 0)
			continue;
		const struct gm_memprof_frame *f = gm_memprof_sample_site(p, smp);
		if (f && f->name && f->name[0]) {
			snprintf(key, sizeof(key), "%s %s:%d", f->name, f->file ? f->file : "?", (int)f->line);
			snprintf(label, sizeof(label), "%s (%s:%d)", f->name, gm_fmt_base_name(f->file ? f->file : "?"),
				 (int)f->line);
		} else {
			snprintf(key, sizeof(key), "(no stack)");
			snprintf(label, sizeof(label), "(no stack)");
		}
		bag_add(&b, key, label, (uint64_t)smp->v[3]);
	}
	bag_done(d, GM_DC_HEAP_SITES, &b);
}

/* heap --by-type: bytes of the allocated objects by the type the runtime
 * recorded, the rest by size class (the same rows as heap --by-type) */
static void side_heap_types(struct gm_diff_side *d, struct gm_session *s)
{
	struct gm_heaptypes_report *r = NULL;
	if (!s->have_layout) {
		d->why_not[GM_DC_HEAP_TYPES] = "the runtime's layout is unknown";
		return;
	}
	struct gm_error *err = gm_heaptypes_collect(s->target, s->gobin, &s->layout, gm_session_typed_globals(s), &r);
	if (err) {
		d->why_not[GM_DC_HEAP_TYPES] = gm_arena_strdup(&d->arena, err->msg);
		gm_error_destroy(err);
		return;
	}
	struct bag b = {.a = &d->arena};
	char key[600];
	for (size_t i = 0; i < r->nrows; i++) {
		const struct gm_htype_row *w = &r->rows[i];
		/* a type's recorded and traversal rows are one key */
		const char *k = gm_htype_row_label(w, key, sizeof(key));
		if (k != key)
			snprintf(key, sizeof(key), "%s", k);
		bag_add(&b, key, NULL, w->bytes);
	}
	bag_done(d, GM_DC_HEAP_TYPES, &b);
	gm_heaptypes_report_destroy(r);
}

/* a plugin's key: "PLUGINPATH PATH" */
static void plugin_key(char *b, size_t n, const char *pluginpath, const char *path)
{
	snprintf(b, n, "%s %s", pluginpath[0] ? pluginpath : "?", path);
}

/* a plugin's label: "PATH (PLUGINPATH)" */
static void plugin_label(char *b, size_t n, const char *pluginpath, const char *path)
{
	snprintf(b, n, "%s (%s)", path, pluginpath[0] ? pluginpath : "plugin path unread");
}

/* the plugin item of a new entry: its file, plugin path and place */
static bool plugin_desc(struct gm_diff_side *d, struct gm_diff_entry *e, const char *path, const char *pluginpath,
			size_t order)
{
	struct gm_diff_pdesc *p = gm_arena_alloc(&d->arena, sizeof(*p));
	if (!p)
		return false;
	p->path = gm_arena_strdup(&d->arena, path);
	p->pluginpath = gm_arena_strdup(&d->arena, pluginpath);
	p->order = order > UINT32_MAX ? UINT32_MAX : (uint32_t)order;
	e->p = p;
	return p->path && p->pluginpath;
}

/* The Go plugins of the runtime's module list, in its order (the order
 * the program opened them). */
static void side_plugins(struct gm_diff_side *d, const struct gm_session *s)
{
	struct bag b = {.a = &d->arena};
	char key[4608], label[4608];
	for (size_t i = 0; i < s->nplugins && !b.oom; i++) {
		const struct gm_session_plugin *sp = &s->plugins[i];
		const char *path = sp->path ? sp->path : "?";
		plugin_key(key, sizeof(key), sp->pluginpath, path);
		plugin_label(label, sizeof(label), sp->pluginpath, path);
		bool created;
		struct gm_diff_entry *e = bag_get(&b, key, &created);
		if (!e)
			break;
		e->count++;
		if (created && (!(e->label = gm_arena_strdup(&d->arena, label)) ||
				!plugin_desc(d, e, path, sp->pluginpath, i + 1)))
			b.oom = true;
	}
	bag_done(d, GM_DC_PLUGINS, &b);
}

struct gm_error *gm_diff_side_collect(struct gm_session *s, struct gm_summary *sm, bool own_sm, const char *name,
				      const struct gm_target_time *time, unsigned what, struct gm_diff_side **ret)
{
	*ret = NULL;
	struct gm_diff_side *d = calloc(1, sizeof(*d));
	if (!d) {
		if (own_sm)
			gm_summary_destroy(sm);
		return &gm_error_nomem;
	}
	gm_arena_init(&d->arena);
	d->sm = sm;
	d->own_sm = own_sm;
	d->time = *time;
	d->name = gm_arena_strdup(&d->arena, name ? name : "?");
	d->build_id = gm_arena_strdup(&d->arena, gm_diff_build_id(s));
	if (!d->name || !d->build_id) {
		gm_diff_side_destroy(d);
		return &gm_error_nomem;
	}
	if (sm->have_goroutines)
		side_goroutines(d, s);
	side_others(d);
	side_heap_sites(d);
	if (what & GM_DIFF_HEAP_TYPES)
		side_heap_types(d, s);
	else
		d->why_not[GM_DC_HEAP_TYPES] = "not collected (--heap-types)";
	side_plugins(d, s);
	*ret = d;
	return NULL;
}

void gm_diff_side_destroy(struct gm_diff_side *d)
{
	if (!d)
		return;
	for (int c = 0; c < GM_DC_N; c++)
		free(d->e[c]);
	if (d->own_sm)
		gm_summary_destroy(d->sm);
	gm_arena_deinit(&d->arena);
	free(d);
}

const struct gm_diff_entry *gm_diff_side_find(const struct gm_diff_side *d, enum gm_diff_cat c, const char *key)
{
	for (size_t i = 0; d->have[c] && i < d->n[c]; i++)
		if (!strcmp(d->e[c][i].key, key))
			return &d->e[c][i];
	return NULL;
}

bool gm_diff_side_by_line(struct gm_diff_side *d)
{
	if (d->by_line)
		return true;
	d->by_line = true;
	if (!d->have[GM_DC_GOROUTINES])
		return true;
	struct bag b = {.a = &d->arena};
	const struct gm_diff_entry *v = d->e[GM_DC_GOROUTINES];
	for (size_t i = 0; i < d->n[GM_DC_GOROUTINES]; i++) {
		bool created;
		struct gm_diff_entry *e = bag_get(&b, v[i].alt ? v[i].alt : v[i].key, &created);
		if (!e)
			break;
		if (created) {
			e->g = v[i].g;
			e->alt = e->key;
		} else if (e->g && v[i].g && !v[i].g->system) {
			((struct gm_diff_gdesc *)e->g)->system = false;
		}
		e->count += v[i].count;
	}
	free(d->e[GM_DC_GOROUTINES]);
	d->e[GM_DC_GOROUTINES] = NULL;
	d->n[GM_DC_GOROUTINES] = 0;
	bool ok = !b.oom;
	bag_done(d, GM_DC_GOROUTINES, &b);
	return ok;
}

/* ---- the comparison ---- */

static int cmp_entry_key(const void *a, const void *b)
{
	const struct gm_diff_entry *const *x = a, *const *y = b;
	return strcmp((*x)->key, (*y)->key);
}

static int cmp_row(const void *a, const void *b)
{
	const struct gm_diff_row *x = a, *y = b;
	if (x->growth != y->growth)
		return x->growth < y->growth ? 1 : -1;
	if (x->nnew != y->nnew)
		return x->nnew < y->nnew ? 1 : -1;
	if (x->nold != y->nold)
		return x->nold < y->nold ? 1 : -1;
	const struct gm_diff_entry *ex = x->nw ? x->nw : x->old, *ey = y->nw ? y->nw : y->old;
	if (ex->p && ey->p && ex->p->order != ey->p->order)
		return ex->p->order < ey->p->order ? -1 : 1;
	return strcmp(ex->key, ey->key);
}

static const struct gm_diff_entry **sorted_ptrs(const struct gm_diff_entry *v, size_t n)
{
	const struct gm_diff_entry **p = malloc((n ? n : 1) * sizeof(*p));
	if (!p)
		return NULL;
	for (size_t i = 0; i < n; i++)
		p[i] = &v[i];
	qsort(p, n, sizeof(*p), cmp_entry_key);
	return p;
}

static int64_t sat_growth(uint64_t o, uint64_t n)
{
	if (n >= o)
		return n - o > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)(n - o);
	return o - n > (uint64_t)INT64_MAX ? -INT64_MAX : -(int64_t)(o - n);
}

static bool compare_cat(struct gm_diff_catres *r, const struct gm_diff_side *o, const struct gm_diff_side *n,
			enum gm_diff_cat c)
{
	r->known = o->have[c] && n->have[c];
	if (!r->known)
		return true;
	const struct gm_diff_entry **po = sorted_ptrs(o->e[c], o->n[c]), **pn = sorted_ptrs(n->e[c], n->n[c]);
	r->rows = calloc(o->n[c] + n->n[c] + 1, sizeof(*r->rows));
	if (!po || !pn || !r->rows) {
		free(po);
		free(pn);
		return false;
	}
	size_t i = 0, j = 0;
	while (i < o->n[c] || j < n->n[c]) {
		int k = i == o->n[c] ? 1 : j == n->n[c] ? -1 : strcmp(po[i]->key, pn[j]->key);
		struct gm_diff_row *row = &r->rows[r->n++];
		if (k <= 0)
			row->old = po[i++];
		if (k >= 0)
			row->nw = pn[j++];
		row->nold = row->old ? row->old->count : 0;
		row->nnew = row->nw ? row->nw->count : 0;
		row->growth = sat_growth(row->nold, row->nnew);
		row->change = !row->old ? GM_DIFF_NEW : !row->nw ? GM_DIFF_GONE
			      : row->growth > 0 ? GM_DIFF_GROWN : row->growth < 0 ? GM_DIFF_SHRUNK
			      : GM_DIFF_UNCHANGED;
		r->counted[row->change]++;
		r->old_total += (int64_t)row->nold;
		r->new_total += (int64_t)row->nnew;
	}
	free(po);
	free(pn);
	qsort(r->rows, r->n, sizeof(*r->rows), cmp_row);
	return true;
}

bool gm_diff_per_minute(const struct gm_diff *d, int64_t growth, double *out)
{
	if (!d->have_interval || d->interval_usec <= 0)
		return false;
	*out = (double)growth * 60e6 / (double)d->interval_usec;
	return true;
}

/* " in 31 minutes", " in 12 seconds", "" when the interval is unknown */
static const char *in_time(const struct gm_diff *d, char *buf, size_t n)
{
	buf[0] = 0;
	if (!d->have_interval)
		return buf;
	int64_t s = d->interval_usec / 1000000;
	if (s >= 7200)
		snprintf(buf, n, " in %.1f hours", (double)d->interval_usec / 3.6e9);
	else if (s >= 120)
		snprintf(buf, n, " in %" PRId64 " minutes", s / 60);
	else
		snprintf(buf, n, " in %.1f seconds", (double)d->interval_usec / 1e6);
	return buf;
}

static void add_flag(struct gm_diff *d, enum gm_flag_severity sev, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add_flag(struct gm_diff *d, enum gm_flag_severity sev, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	gm_flag_vadd(d->flags, &d->nflags, GM_DIFF_MAX_FLAGS, sev, code, fmt, ap);
	va_end(ap);
}

/* "PATH (PLUGINPATH), ..." of the rows of change ch (in load order), at
 * most what fits in b; *n: how many */
static void plugin_list(const struct gm_diff_catres *r, enum gm_diff_change ch, char *b, size_t bn, size_t *n)
{
	size_t len = 0, listed = 0;
	bool full = false;
	*n = 0;
	b[0] = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_diff_row *row = &r->rows[i];
		if (row->change != ch)
			continue;
		const struct gm_diff_entry *e = row->nw ? row->nw : row->old;
		++*n;
		if (full)
			continue;
		int k = snprintf(b + len, bn - len, "%s%s", listed ? ", " : "", e->label ? e->label : e->key);
		if (k < 0 || (size_t)k + 24 > bn - len) { /* room for " and N more" */
			b[len] = 0;
			full = true;
			continue;
		}
		len += (size_t)k;
		listed++;
	}
	if (listed < *n)
		snprintf(b + len, bn - len, " and %zu more", *n - listed);
}

/* Plugins: every new one (a plugin is never unloaded: plugins piling up
 * is a leak), and any gone, which no process does. */
static void plugin_flags(struct gm_diff *d)
{
	const struct gm_diff_catres *r = &d->cat[GM_DC_PLUGINS];
	if (!r->known)
		return;
	char list[400], t[64];
	size_t n;
	plugin_list(r, GM_DIFF_GONE, list, sizeof(list), &n);
	if (n)
		add_flag(d, GM_FLAG_CRITICAL, "plugins_gone",
			 "%zu Go plugin%s of OLD %s not in NEW (%s): a process never unloads a plugin, so OLD "
			 "and NEW are not snapshots of one process (or a module list is damaged)",
			 n, n == 1 ? "" : "s", n == 1 ? "is" : "are", list);
	plugin_list(r, GM_DIFF_NEW, list, sizeof(list), &n);
	if (n)
		add_flag(d, GM_FLAG_WARNING, "plugin_growth",
			 "+%zu Go plugin%s loaded%s, never to be unloaded: %s", n, n == 1 ? "" : "s",
			 in_time(d, t, sizeof(t)), list);
}

static void growth_flags(struct gm_diff *d)
{
	char a[32], t[64], w[300];
	plugin_flags(d);
	const struct gm_diff_catres *r = &d->cat[GM_DC_GOROUTINES];
	for (size_t i = 0; r->known && i < r->n; i++) {
		const struct gm_diff_row *row = &r->rows[i];
		if (row->growth < GM_DIFF_FLAG_GOROUTINES || !row->nw || !row->nw->g)
			continue;
		const struct gm_diff_gdesc *g = row->nw->g;
		if (g->func)
			snprintf(w, sizeof(w), " at %s (%s:%d)", g->func, gm_fmt_base_name(g->file), (int)g->line);
		else
			snprintf(w, sizeof(w), " (no stack)");
		add_flag(d, GM_FLAG_WARNING, "goroutine_growth", "+%s goroutines in %s%s%s%s",
			 gm_fmt_thousands((uint64_t)row->growth, a, sizeof(a)), g->state ? g->state : "?", w,
			 in_time(d, t, sizeof(t)), row->change == GM_DIFF_NEW ? " (a new group)" : "");
	}
	static const struct { enum gm_diff_cat c; const char *what, *code; } q[] = {
		{GM_DC_FIN_QUEUED, "finalizers", "finalizer_queue_growth"},
		{GM_DC_CL_QUEUED, "cleanups", "cleanup_queue_growth"},
	};
	for (size_t k = 0; k < sizeof(q) / sizeof(q[0]); k++) {
		r = &d->cat[q[k].c];
		for (size_t i = 0; r->known && i < r->n; i++) {
			const struct gm_diff_row *row = &r->rows[i];
			if (row->growth < GM_DIFF_FLAG_FINALIZERS)
				continue;
			add_flag(d, GM_FLAG_WARNING, q[k].code, "+%s %s queued and not run for %s%s",
				 gm_fmt_thousands((uint64_t)row->growth, a, sizeof(a)), q[k].what,
				 row->nw->label ? row->nw->label : row->nw->key, in_time(d, t, sizeof(t)));
		}
	}
	r = &d->cat[GM_DC_TYPES];
	if (r->known && r->new_total - r->old_total >= GM_DIFF_FLAG_TYPES) {
		/* the constructor that made most of the new ones */
		const char *ctor[16];
		uint64_t cnt[16];
		size_t nc = 0;
		for (size_t i = 0; i < r->n; i++) {
			if (r->rows[i].change != GM_DIFF_NEW)
				continue;
			const char *key = r->rows[i].nw->key;
			size_t len = strcspn(key, " ");
			size_t j;
			for (j = 0; j < nc && (strcspn(ctor[j], " ") != len || strncmp(ctor[j], key, len)); j++)
				;
			if (j == nc) {
				if (nc == 16)
					continue;
				ctor[nc] = key;
				cnt[nc++] = 0;
			}
			cnt[j]++;
		}
		size_t best = 0;
		for (size_t j = 1; j < nc; j++)
			if (cnt[j] > cnt[best])
				best = j;
		char by[96] = "";
		if (nc)
			snprintf(by, sizeof(by), " (most by %.*s: %" PRIu64 ")", (int)strcspn(ctor[best], " "),
				 ctor[best], cnt[best]);
		add_flag(d, GM_FLAG_WARNING, "runtime_types_growth",
			 "+%s types made at run time, kept forever by the reflect caches%s%s",
			 gm_fmt_thousands((uint64_t)(r->new_total - r->old_total), a, sizeof(a)),
			 in_time(d, t, sizeof(t)), by);
	}
	r = &d->cat[GM_DC_TIMERS];
	for (size_t i = 0; r->known && i < r->n; i++) {
		const struct gm_diff_row *row = &r->rows[i];
		if (row->growth < GM_DIFF_FLAG_TIMERS)
			continue;
		add_flag(d, GM_FLAG_WARNING, "timer_growth", "+%s pending timers: %s%s",
			 gm_fmt_thousands((uint64_t)row->growth, a, sizeof(a)),
			 row->nw->label ? row->nw->label : row->nw->key, in_time(d, t, sizeof(t)));
	}
	/* the heap: the types and the sites that grew by a megabyte and by a
	 * tenth of OLD's heap, biggest first */
	static const struct { enum gm_diff_cat c; const char *what, *source, *code; } h[] = {
		{GM_DC_HEAP_TYPES, "by", "heap --by-type", "heap_type_growth"},
		{GM_DC_HEAP_SITES, "allocated at", "heap profile, as of the last GC", "heap_site_growth"},
	};
	for (size_t k = 0; k < sizeof(h) / sizeof(h[0]); k++) {
		r = &d->cat[h[k].c];
		int nf = 0;
		for (size_t i = 0; r->known && i < r->n && nf < GM_DIFF_FLAG_HEAP_ROWS; i++) {
			const struct gm_diff_row *row = &r->rows[i];
			if (row->growth < GM_DIFF_FLAG_HEAP_BYTES ||
			    (__int128)row->growth * 100 < (__int128)r->old_total * GM_DIFF_FLAG_HEAP_PERCENT)
				continue;
			nf++;
			add_flag(d, GM_FLAG_WARNING, h[k].code, "+%s in use %s %s%s (%s)",
				 gm_fmt_bytes((uint64_t)row->growth, a, sizeof(a)), h[k].what,
				 row->nw->label ? row->nw->label : row->nw->key, in_time(d, t, sizeof(t)),
				 h[k].source);
		}
	}
}

struct gm_error *gm_diff_compute(const struct gm_diff_side *o, const struct gm_diff_side *n, struct gm_diff **ret)
{
	*ret = NULL;
	struct gm_diff *d = calloc(1, sizeof(*d));
	if (!d)
		return &gm_error_nomem;
	d->old = o;
	d->nw = n;
	d->same_build = o->build_id[0] && !strcmp(o->build_id, n->build_id);
	if (o->time.usec > 0 && n->time.usec > 0 && n->time.usec >= o->time.usec) {
		d->have_interval = true;
		d->interval_usec = n->time.usec - o->time.usec;
	}
	for (int c = 0; c < GM_DC_N; c++)
		if (!compare_cat(&d->cat[c], o, n, (enum gm_diff_cat)c)) {
			gm_diff_destroy(d);
			return &gm_error_nomem;
		}
	growth_flags(d);
	*ret = d;
	return NULL;
}

void gm_diff_destroy(struct gm_diff *d)
{
	if (!d)
		return;
	for (int c = 0; c < GM_DC_N; c++)
		free(d->cat[c].rows);
	free(d);
}

/* ---- snapshots read back (gomortem.snapshot in a summary's JSON) ---- */

bool gm_diff_is_snapshot_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	int c;
	for (int i = 0; i < 4096 && (c = fgetc(f)) != EOF; i++)
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
	fclose(f);
	return c == '{';
}

#define SNAPSHOT_MAX_BYTES (1ull << 30)

static const char *jstr(const struct gm_jv *o, const char *k)
{
	const struct gm_jv *v = gm_jv_get(o, k);
	return v && v->kind == GM_JV_STR ? v->s : NULL;
}

static bool jint(const struct gm_jv *o, const char *k, int64_t *out)
{
	const struct gm_jv *v = gm_jv_get(o, k);
	if (!v || v->kind != GM_JV_NUM || !v->is_int)
		return false;
	*out = v->i;
	return true;
}

static bool jcode(struct gm_arena *a, const struct gm_jv *o, const char *k, const char **func, const char **file,
		  int32_t *line)
{
	const struct gm_jv *v = gm_jv_get(o, k);
	*func = *file = NULL;
	*line = 0;
	if (!v || v->kind == GM_JV_NULL)
		return true;
	int64_t l;
	const char *fn = jstr(v, "function"), *fl = jstr(v, "file");
	if (v->kind != GM_JV_OBJ || !fn || !jint(v, "line", &l) || l < INT32_MIN || l > INT32_MAX)
		return false;
	*func = gm_arena_strdup(a, fn);
	*file = fl ? gm_arena_strdup(a, fl) : NULL;
	*line = (int32_t)l;
	return *func != NULL;
}

/* one category's items; NULL on success, else why not */
static const char *load_cat(struct gm_diff_side *d, enum gm_diff_cat c, const struct gm_jv *cat)
{
	const struct gm_jv *sup = gm_jv_get(cat, "supported");
	d->unsupported[c] = sup && sup->kind == GM_JV_BOOL && !sup->b;
	const struct gm_jv *items = gm_jv_get(cat, "items");
	if (!items || items->kind == GM_JV_NULL) {
		const char *why = jstr(cat, "why_not");
		if (why)
			d->why_not[c] = gm_arena_strdup(&d->arena, why);
		return NULL; /* unknown in that target */
	}
	if (items->kind != GM_JV_ARR)
		return "items is not an array";
	struct bag b = {.a = &d->arena};
	for (size_t i = 0; i < items->n; i++) {
		const struct gm_jv *it = items->v[i];
		const char *key = jstr(it, "key");
		int64_t count;
		if (!key || !jint(it, "count", &count) || count < 0) {
			free(b.v), free(b.hash), free(b.tab);
			return "an item without key or count";
		}
		bool created;
		struct gm_diff_entry *e = bag_get(&b, key, &created);
		if (!e)
			break;
		if ((uint64_t)count > UINT64_MAX - e->count) {
			free(b.v), free(b.hash), free(b.tab);
			return "a count out of range";
		}
		e->count += (uint64_t)count;
		if (!created)
			continue;
		const char *label = jstr(it, "label");
		if (label)
			e->label = gm_arena_strdup(&d->arena, label);
		if (c == GM_DC_PLUGINS) {
			const char *path = jstr(it, "path"), *pp = jstr(it, "pluginpath");
			if (!path || !pp || !plugin_desc(d, e, path, pp, i + 1)) {
				free(b.v), free(b.hash), free(b.tab);
				return path && pp ? "out of memory" : "a plugin without path or pluginpath";
			}
			continue;
		}
		if (c != GM_DC_GOROUTINES)
			continue;
		const char *alt = jstr(it, "alt"), *state = jstr(it, "state");
		struct gm_diff_gdesc *g = gm_arena_alloc(&d->arena, sizeof(*g));
		int64_t frames = 0;
		const struct gm_jv *sys = gm_jv_get(it, "system");
		if (!g || !alt || !state || !jint(it, "frames", &frames) || frames < 0 || frames > UINT32_MAX ||
		    !jcode(&d->arena, it, "where", &g->func, &g->file, &g->line) ||
		    !jcode(&d->arena, it, "created_by", &g->created_func, &g->created_file, &g->created_line)) {
			free(b.v), free(b.hash), free(b.tab);
			return g ? "a goroutine group without alt, state, frames, where or created_by" : "out of memory";
		}
		g->state = gm_arena_strdup(&d->arena, state);
		g->nframes = (uint32_t)frames;
		g->system = sys && sys->kind == GM_JV_BOOL && sys->b;
		e->g = g;
		e->alt = gm_arena_strdup(&d->arena, alt);
	}
	bag_done(d, c, &b);
	return NULL;
}

static struct gm_error *load_doc(struct gm_diff_side *d, const char *path, const struct gm_jv *doc)
{
	const char *schema = jstr(doc, "schema");
	const struct gm_jv *snap = gm_jv_get(doc, "diff_snapshot");
	if (!schema || strcmp(schema, "gomortem.summary") || !snap || snap->kind != GM_JV_OBJ)
		return gm_error_create(GM_ERR_FORMAT, "%s: not a gomortem summary with a diff snapshot "
				       "(gomortem summary CORE --format json > FILE)", path);
	int64_t version = 0;
	schema = jstr(snap, "schema");
	if (!schema || strcmp(schema, "gomortem.snapshot") || !jint(snap, "version", &version) ||
	    version < 1 || version > GM_SNAPSHOT_VERSION)
		return gm_error_create(GM_ERR_FORMAT, "%s: snapshot schema '%s' version %" PRId64
				       ", this gomortem reads gomortem.snapshot versions 1 to %d", path,
				       schema ? schema : "?", version, GM_SNAPSHOT_VERSION);
	const char *bid = jstr(snap, "build_id");
	d->build_id = gm_arena_strdup(&d->arena, bid ? bid : "");
	int64_t t;
	if (jint(snap, "time_us", &t) && t > 0) {
		d->time.usec = t;
		const char *src = jstr(snap, "time_source");
		d->time.source = src ? gm_arena_strdup(&d->arena, src) : NULL;
		const struct gm_jv *lb = gm_jv_get(snap, "time_lower_bound");
		d->time.lower_bound = lb && lb->kind == GM_JV_BOOL && lb->b;
	}
	const struct gm_jv *metrics = gm_jv_get(doc, "metrics");
	for (int m = 0; m < GM_M_N; m++) {
		int64_t v;
		if (jint(metrics, gm_metric_names[m], &v)) {
			d->sm->metric[m] = v;
			d->sm->metric_known[m] = true;
		}
	}
	const struct gm_jv *pr = gm_jv_get(doc, "problems");
	for (size_t i = 0; pr && pr->kind == GM_JV_ARR && i < pr->n; i++)
		if (pr->v[i]->kind == GM_JV_STR && d->sm->nproblems < GM_SUMMARY_MAX_PROBLEMS)
			snprintf(d->sm->problems[d->sm->nproblems++], sizeof(d->sm->problems[0]), "%s",
				 pr->v[i]->s);
	const struct gm_jv *cats = gm_jv_get(snap, "categories");
	if (!cats || cats->kind != GM_JV_OBJ)
		return gm_error_create(GM_ERR_FORMAT, "%s: the snapshot has no categories", path);
	for (int c = 0; c < GM_DC_N; c++) {
		const struct gm_jv *cat = gm_jv_get(cats, gm_diff_cat_names[c]);
		if (!cat && version == 1 && (c == GM_DC_HEAP_SITES || c == GM_DC_HEAP_TYPES)) {
			d->why_not[c] = "not in a version 1 snapshot";
			continue;
		}
		if (!cat && version <= 2 && c == GM_DC_PLUGINS) {
			d->why_not[c] = version == 1 ? "not in a version 1 snapshot" : "not in a version 2 snapshot";
			continue;
		}
		if (!cat || cat->kind != GM_JV_OBJ)
			return gm_error_create(GM_ERR_FORMAT, "%s: the snapshot has no category %s", path,
					       gm_diff_cat_names[c]);
		const char *why = load_cat(d, (enum gm_diff_cat)c, cat);
		if (why)
			return gm_error_create(GM_ERR_FORMAT, "%s: snapshot category %s: %s", path,
					       gm_diff_cat_names[c], why);
	}
	return NULL;
}

struct gm_error *gm_diff_side_load(const char *path, struct gm_diff_side **ret)
{
	*ret = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return gm_error_create(GM_ERR_OS, "%s: %s", path, strerror(errno));
	char *text = NULL;
	size_t n = 0, cap = 0;
	struct gm_error *err = NULL;
	for (;;) {
		if (n == cap) {
			if (cap >= SNAPSHOT_MAX_BYTES) {
				err = gm_error_create(GM_ERR_FORMAT, "%s: larger than %llu bytes: not a snapshot", path,
						      (unsigned long long)SNAPSHOT_MAX_BYTES);
				break;
			}
			size_t nc = cap ? cap * 2 : 1 << 16;
			char *t = realloc(text, nc);
			if (!t) {
				err = &gm_error_nomem;
				break;
			}
			text = t;
			cap = nc;
		}
		size_t k = fread(text + n, 1, cap - n, f);
		n += k;
		if (k == 0) {
			if (ferror(f))
				err = gm_error_create(GM_ERR_OS, "%s: read error", path);
			break;
		}
	}
	fclose(f);
	struct gm_diff_side *d = err ? NULL : calloc(1, sizeof(*d));
	if (!err && !d)
		err = &gm_error_nomem;
	if (d) {
		gm_arena_init(&d->arena);
		d->sm = calloc(1, sizeof(*d->sm));
		d->own_sm = true;
		d->name = gm_arena_strdup(&d->arena, path);
		if (!d->sm || !d->name)
			err = &gm_error_nomem;
	}
	struct gm_arena ja;
	gm_arena_init(&ja);
	struct gm_jv *doc = NULL;
	if (!err && (err = gm_jv_parse(text, n, &ja, &doc))) {
		struct gm_error *e2 = gm_error_create(GM_ERR_FORMAT, "%s: %s", path, err->msg);
		gm_error_destroy(err);
		err = e2;
	}
	if (!err)
		err = load_doc(d, path, doc);
	gm_arena_deinit(&ja);
	free(text);
	if (err) {
		gm_diff_side_destroy(d);
		return err;
	}
	if (d->sm)
		d->sm->max_wait_minutes = -1;
	*ret = d;
	return NULL;
}
