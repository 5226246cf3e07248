/* --format text: goroutines grouped by identical state, stack and creator,
 * biggest groups first, with a one-line total by state on top. This is what
 * a person reads when 100,000 goroutines leaked.
 *
 * Grouping keys on pointers: function and file names point into the
 * executable's pclntab and state strings into the layout, so equal strings
 * are equal pointers and hashing a stack costs a few multiplications. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "gm_arena.h"
#include "gm_render.h"

#define SAMPLE_GOIDS 8

struct tframe {
	const char *func, *file;
	int32_t line;
	bool inlined;
};

struct group {
	uint64_t hash;
	const char *state;
	const char *created_func, *created_file;
	int32_t created_line;
	bool created;
	struct tframe *frames;
	uint32_t nframes;
	bool unavailable;
	const char *unwind_error;
	uint64_t count, locked, system;
	int64_t max_minutes;
	uint64_t *goids;        /* all goids (for --full-goids) or the first SAMPLE_GOIDS */
	size_t ngoids, goids_cap;
	uint64_t parent_min, parent_max;
};

struct state_count {
	const char *state;
	uint64_t n;
};

struct text_state {
	struct gm_render_ctx ctx;
	struct gm_arena arena;
	struct group **tab;     /* open addressing */
	size_t cap, len;
	struct state_count states[128];
	size_t nstates;
	uint64_t total;
	bool oom;
};

static void *text_begin(const struct gm_render_ctx *ctx)
{
	struct text_state *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->ctx = *ctx;
	gm_arena_init(&s->arena);
	s->cap = 1024;
	s->tab = calloc(s->cap, sizeof(*s->tab));
	if (!s->tab) {
		free(s);
		return NULL;
	}
	return s;
}

static inline uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
	return h * 0xff51afd7ed558ccdull;
}

static uint64_t group_hash(const struct gm_goroutine *g)
{
	uint64_t h = mix(0, (uintptr_t)g->status_str);
	h = mix(h, g->stack_unavailable);
	h = mix(h, (uintptr_t)g->created_by.func);
	h = mix(h, (uint64_t)g->created_by.line);
	for (size_t i = 0; i < g->nframes; i++) {
		h = mix(h, (uintptr_t)g->frames[i].func);
		h = mix(h, (uint64_t)g->frames[i].line << 1 | g->frames[i].inlined);
	}
	return h;
}

static bool group_eq(const struct group *gr, const struct gm_goroutine *g)
{
	if (gr->state != g->status_str || gr->nframes != g->nframes ||
	    gr->unavailable != g->stack_unavailable || gr->created != g->created_by.present)
		return false;
	if (gr->created && (gr->created_func != g->created_by.func || gr->created_line != g->created_by.line ||
			    gr->created_file != g->created_by.file))
		return false;
	for (size_t i = 0; i < g->nframes; i++) {
		const struct tframe *a = &gr->frames[i];
		const struct gm_gframe *b = &g->frames[i];
		if (a->func != b->func || a->file != b->file || a->line != b->line || a->inlined != b->inlined)
			return false;
	}
	return true;
}

static bool grow(struct text_state *s)
{
	size_t ncap = s->cap * 2;
	struct group **n = calloc(ncap, sizeof(*n));
	if (!n)
		return false;
	for (size_t i = 0; i < s->cap; i++) {
		struct group *gr = s->tab[i];
		if (!gr)
			continue;
		size_t j = gr->hash & (ncap - 1);
		while (n[j])
			j = (j + 1) & (ncap - 1);
		n[j] = gr;
	}
	free(s->tab);
	s->tab = n;
	s->cap = ncap;
	return true;
}

static void count_state(struct text_state *s, const char *state)
{
	for (size_t i = 0; i < s->nstates; i++)
		if (s->states[i].state == state) {
			s->states[i].n++;
			return;
		}
	if (s->nstates < sizeof(s->states) / sizeof(s->states[0]))
		s->states[s->nstates++] = (struct state_count){state, 1};
}

static void add_goid(struct text_state *s, struct group *gr, uint64_t goid)
{
	size_t limit = s->ctx.full_goids ? SIZE_MAX : SAMPLE_GOIDS;
	if (gr->ngoids >= limit)
		return;
	if (gr->ngoids == gr->goids_cap) {
		size_t ncap = gr->goids_cap ? gr->goids_cap * 2 : SAMPLE_GOIDS;
		uint64_t *n = realloc(gr->goids, ncap * sizeof(*n));
		if (!n) {
			s->oom = true;
			return;
		}
		gr->goids = n;
		gr->goids_cap = ncap;
	}
	gr->goids[gr->ngoids++] = goid;
}

static void text_goroutine(void *st, const struct gm_goroutine *g)
{
	struct text_state *s = st;
	s->total++;
	count_state(s, g->status_str);
	if (s->len * 2 >= s->cap && !grow(s)) {
		s->oom = true;
		return;
	}
	uint64_t h = group_hash(g);
	size_t j = h & (s->cap - 1);
	struct group *gr;
	while ((gr = s->tab[j])) {
		if (gr->hash == h && group_eq(gr, g))
			break;
		j = (j + 1) & (s->cap - 1);
	}
	if (!gr) {
		gr = gm_arena_alloc(&s->arena, sizeof(*gr));
		struct tframe *fr = gm_arena_alloc(&s->arena, (g->nframes ? g->nframes : 1) * sizeof(*fr));
		if (!gr || !fr) {
			s->oom = true;
			return;
		}
		gr->hash = h;
		gr->state = g->status_str;
		gr->unavailable = g->stack_unavailable;
		gr->unwind_error = g->unwind_error;
		gr->created = g->created_by.present;
		gr->created_func = g->created_by.func;
		gr->created_file = g->created_by.file;
		gr->created_line = g->created_by.line;
		gr->frames = fr;
		gr->nframes = (uint32_t)g->nframes;
		for (size_t i = 0; i < g->nframes; i++)
			fr[i] = (struct tframe){g->frames[i].func, g->frames[i].file, g->frames[i].line,
						g->frames[i].inlined};
		gr->max_minutes = -1;
		gr->parent_min = UINT64_MAX;
		s->tab[j] = gr;
		s->len++;
	}
	gr->count++;
	gr->locked += g->locked;
	gr->system += g->system;
	if (g->wait_minutes > gr->max_minutes)
		gr->max_minutes = g->wait_minutes;
	if (g->parent_goid) {
		if (g->parent_goid < gr->parent_min)
			gr->parent_min = g->parent_goid;
		if (g->parent_goid > gr->parent_max)
			gr->parent_max = g->parent_goid;
	}
	add_goid(s, gr, g->goid);
}

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = *(const struct group *const *)a, *y = *(const struct group *const *)b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	uint64_t gx = x->ngoids ? x->goids[0] : 0, gy = y->ngoids ? y->goids[0] : 0;
	return (gx > gy) - (gx < gy);
}

static int cmp_state(const void *a, const void *b)
{
	const struct state_count *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->state, y->state);
}

static bool is_runtime(const char *f)
{
	return !strncmp(f, "runtime.", 8) || !strncmp(f, "internal/runtime/", 17);
}

/* Shape names elided as the runtime prints them (1.19's pclntab has them
 * elided already; the 1.21 rule is a no-op on such names). */
static const char *print_name(const struct text_state *s, const char *f, char *buf, size_t n)
{
	return gm_go_funcname_for_print(f, s->ctx.go_minor >= 21 ? s->ctx.go_minor : 21, buf, n);
}

static void print_group(struct text_state *s, const struct group *gr)
{
	FILE *o = s->ctx.out;
	char name[512];
	fprintf(o, "%" PRIu64 " goroutine%s [%s", gr->count, gr->count == 1 ? "" : "s", gr->state);
	if (gr->max_minutes >= 1)
		fprintf(o, ", longest >= %" PRId64 " minutes", gr->max_minutes);
	if (gr->locked)
		fprintf(o, ", %" PRIu64 " locked to thread", gr->locked);
	if (gr->system == gr->count)
		fputs(", system", o);
	fputs("]\n", o);
	fputs("  goroutines: ", o);
	for (size_t i = 0; i < gr->ngoids; i++)
		fprintf(o, "%s%" PRIu64, i ? " " : "", gr->goids[i]);
	if (gr->count > gr->ngoids)
		fprintf(o, " ... (%" PRIu64 " more)", gr->count - gr->ngoids);
	fputc('\n', o);
	if (gr->unavailable)
		fputs("    (running on a thread: no saved stack)\n", o);
	/* Runtime frames are folded when the stack has frames of its own; a
	 * stack made only of runtime frames (a system goroutine) is shown whole. */
	bool has_user = false;
	for (size_t i = 0; i < gr->nframes && !has_user; i++)
		has_user = !is_runtime(gr->frames[i].func);
	bool fold = s->ctx.fold_runtime && has_user;
	size_t folded = 0;
	for (size_t i = 0; i <= gr->nframes; i++) {
		const struct tframe *f = i < gr->nframes ? &gr->frames[i] : NULL;
		if (f && fold && is_runtime(f->func)) {
			folded++;
			continue;
		}
		if (folded) {
			fprintf(o, "    ... %zu runtime frame%s\n", folded, folded == 1 ? "" : "s");
			folded = 0;
		}
		if (!f)
			break;
		/* a run of identical frames (recursion) is printed once */
		size_t run = 1;
		while (i + run < gr->nframes && gr->frames[i + run].func == f->func &&
		       gr->frames[i + run].file == f->file && gr->frames[i + run].line == f->line &&
		       gr->frames[i + run].inlined == f->inlined)
			run++;
		fprintf(o, "    %s%s", print_name(s, f->func, name, sizeof(name)),
			f->inlined ? " (inlined)" : "");
		if (run > 1)
			fprintf(o, " (x%zu, recursive)", run);
		fprintf(o, "\n        %s:%d\n", f->file, f->line);
		i += run - 1;
	}
	if (gr->unwind_error)
		fprintf(o, "    (stack incomplete: %s)\n", gr->unwind_error);
	if (gr->created) {
		fprintf(o, "  created by %s", print_name(s, gr->created_func, name, sizeof(name)));
		if (gr->parent_max) {
			if (gr->parent_min == gr->parent_max)
				fprintf(o, " in goroutine %" PRIu64, gr->parent_min);
			else
				fprintf(o, " in goroutines %" PRIu64 "..%" PRIu64, gr->parent_min, gr->parent_max);
		}
		fprintf(o, "\n        %s:%d\n", gr->created_file, gr->created_line);
	}
	fputc('\n', o);
}

static int text_end(void *st, const struct gm_gwalk_stats *stats)
{
	struct text_state *s = st;
	FILE *o = s->ctx.out;
	qsort(s->states, s->nstates, sizeof(s->states[0]), cmp_state);
	fprintf(o, "%" PRIu64 " goroutines", s->total);
	if (s->ctx.go_version && s->ctx.go_version[0])
		fprintf(o, " (%s)", s->ctx.go_version);
	fputs(":", o);
	for (size_t i = 0; i < s->nstates; i++)
		fprintf(o, "%s %" PRIu64 " %s", i ? "," : "", s->states[i].n, s->states[i].state);
	fprintf(o, "; %zu group%s\n", s->len, s->len == 1 ? "" : "s");
	if (s->ctx.live && s->ctx.consistent)
		fprintf(o, "live process, stopped for %.1f ms while it was read\n", s->ctx.pause_ms);
	else if (s->ctx.live)
		fputs("live process read without stopping it (--no-stop): the answer may be inconsistent\n", o);
	if (stats && (stats->unreadable || stats->unwind_errors))
		fprintf(o, "warning: %" PRIu64 " goroutines unreadable, %" PRIu64 " stacks incomplete\n",
			stats->unreadable, stats->unwind_errors);
	if (s->oom)
		fputs("warning: out of memory while grouping: output incomplete\n", o);
	fputc('\n', o);
	struct group **v = malloc((s->len ? s->len : 1) * sizeof(*v));
	size_t n = 0;
	if (v) {
		for (size_t i = 0; i < s->cap; i++)
			if (s->tab[i])
				v[n++] = s->tab[i];
		qsort(v, n, sizeof(*v), cmp_group);
		for (size_t i = 0; i < n; i++)
			print_group(s, v[i]);
	}
	int rc = ferror(o) || !v || s->oom ? -1 : 0;
	for (size_t i = 0; i < s->cap; i++)
		if (s->tab[i])
			free(s->tab[i]->goids);
	free(v);
	free(s->tab);
	gm_arena_deinit(&s->arena);
	free(s);
	return rc;
}

const struct gm_renderer gm_render_text = {
	.name = "text",
	.begin = text_begin,
	.goroutine = text_goroutine,
	.end = text_end,
	.want_args = false,
};
