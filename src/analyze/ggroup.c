/* Goroutine grouping (see gm_ggroup.h). */
#include <stdlib.h>
#include <string.h>

#include "gm_ggroup.h"

bool gm_ggroups_init(struct gm_ggroups *gs, size_t goid_limit)
{
	memset(gs, 0, sizeof(*gs));
	gm_arena_init(&gs->arena);
	gs->goid_limit = goid_limit;
	gs->cap = 1024;
	gs->tab = calloc(gs->cap, sizeof(*gs->tab));
	return gs->tab != NULL;
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
	h = mix(h, g->proven_leaked);
	h = mix(h, (uintptr_t)g->created_by.func);
	h = mix(h, (uint64_t)g->created_by.line);
	for (size_t i = 0; i < g->nframes; i++) {
		h = mix(h, (uintptr_t)g->frames[i].func);
		h = mix(h, (uint64_t)g->frames[i].line << 1 | g->frames[i].inlined);
	}
	return h;
}

static bool group_eq(const struct gm_ggroup *gr, const struct gm_goroutine *g)
{
	if (gr->state != g->status_str || gr->nframes != g->nframes ||
	    gr->unavailable != g->stack_unavailable || gr->created != g->created_by.present ||
	    gr->proven_leaked != g->proven_leaked)
		return false;
	if (gr->created && (gr->created_func != g->created_by.func || gr->created_line != g->created_by.line ||
			    gr->created_file != g->created_by.file))
		return false;
	for (size_t i = 0; i < g->nframes; i++) {
		const struct gm_ggroup_frame *a = &gr->frames[i];
		const struct gm_gframe *b = &g->frames[i];
		if (a->func != b->func || a->file != b->file || a->line != b->line || a->inlined != b->inlined)
			return false;
	}
	return true;
}

static bool grow(struct gm_ggroups *gs)
{
	size_t ncap = gs->cap * 2;
	struct gm_ggroup **n = calloc(ncap, sizeof(*n));
	if (!n)
		return false;
	for (size_t i = 0; i < gs->cap; i++) {
		struct gm_ggroup *gr = gs->tab[i];
		if (!gr)
			continue;
		size_t j = gr->hash & (ncap - 1);
		while (n[j])
			j = (j + 1) & (ncap - 1);
		n[j] = gr;
	}
	free(gs->tab);
	gs->tab = n;
	gs->cap = ncap;
	return true;
}

static void count_state(struct gm_ggroups *gs, const char *state)
{
	for (size_t i = 0; i < gs->nstates; i++)
		if (gs->states[i].state == state) {
			gs->states[i].n++;
			return;
		}
	if (gs->nstates < sizeof(gs->states) / sizeof(gs->states[0]))
		gs->states[gs->nstates++] = (struct gm_ggroup_state){state, 1};
}

static void add_goid(struct gm_ggroups *gs, struct gm_ggroup *gr, uint64_t goid)
{
	if (gr->ngoids >= gs->goid_limit)
		return;
	if (gr->ngoids == gr->goids_cap) {
		size_t ncap = gr->goids_cap ? gr->goids_cap * 2 : 8;
		uint64_t *n = realloc(gr->goids, ncap * sizeof(*n));
		if (!n) {
			gs->oom = true;
			return;
		}
		gr->goids = n;
		gr->goids_cap = ncap;
	}
	gr->goids[gr->ngoids++] = goid;
}

void gm_ggroups_add(struct gm_ggroups *gs, const struct gm_goroutine *g)
{
	gs->total++;
	count_state(gs, g->status_str);
	if (!gs->tab || (gs->len * 2 >= gs->cap && !grow(gs))) {
		gs->oom = true;
		return;
	}
	uint64_t h = group_hash(g);
	size_t j = h & (gs->cap - 1);
	struct gm_ggroup *gr;
	while ((gr = gs->tab[j])) {
		if (gr->hash == h && group_eq(gr, g))
			break;
		j = (j + 1) & (gs->cap - 1);
	}
	if (!gr) {
		gr = gm_arena_alloc(&gs->arena, sizeof(*gr));
		struct gm_ggroup_frame *fr =
			gm_arena_alloc(&gs->arena, (g->nframes ? g->nframes : 1) * sizeof(*fr));
		if (!gr || !fr) {
			gs->oom = true;
			return;
		}
		gr->hash = h;
		gr->state = g->status_str;
		gr->unavailable = g->stack_unavailable;
		gr->proven_leaked = g->proven_leaked;
		gr->unwind_error = g->unwind_error;
		gr->created = g->created_by.present;
		gr->created_func = g->created_by.func;
		gr->created_file = g->created_by.file;
		gr->created_line = g->created_by.line;
		gr->frames = fr;
		gr->nframes = (uint32_t)g->nframes;
		for (size_t i = 0; i < g->nframes; i++)
			fr[i] = (struct gm_ggroup_frame){g->frames[i].func, g->frames[i].file,
							 g->frames[i].line, g->frames[i].inlined};
		gr->max_minutes = -1;
		gr->parent_min = UINT64_MAX;
		gs->tab[j] = gr;
		gs->len++;
	}
	gr->count++;
	if (g->damage) {
		if (!gr->damaged)
			gr->damage = gm_arena_strdup(&gs->arena, g->damage);
		gr->damaged++;
	}
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
	add_goid(gs, gr, g->goid);
}

static int cmp_group(const void *a, const void *b)
{
	const struct gm_ggroup *x = *(const struct gm_ggroup *const *)a, *y = *(const struct gm_ggroup *const *)b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	uint64_t gx = x->ngoids ? x->goids[0] : 0, gy = y->ngoids ? y->goids[0] : 0;
	return (gx > gy) - (gx < gy);
}

static int cmp_state(const void *a, const void *b)
{
	const struct gm_ggroup_state *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->state, y->state);
}

struct gm_ggroup **gm_ggroups_sorted(struct gm_ggroups *gs, size_t *n)
{
	qsort(gs->states, gs->nstates, sizeof(gs->states[0]), cmp_state);
	struct gm_ggroup **v = malloc((gs->len ? gs->len : 1) * sizeof(*v));
	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < gs->cap; i++)
		if (gs->tab[i])
			v[(*n)++] = gs->tab[i];
	qsort(v, *n, sizeof(*v), cmp_group);
	return v;
}

void gm_ggroups_deinit(struct gm_ggroups *gs)
{
	if (gs->tab)
		for (size_t i = 0; i < gs->cap; i++)
			if (gs->tab[i])
				free(gs->tab[i]->goids);
	free(gs->tab);
	gs->tab = NULL;
	gm_arena_deinit(&gs->arena);
}

bool gm_ggroup_is_runtime(const char *f)
{
	return !strncmp(f, "runtime.", 8) || !strncmp(f, "internal/runtime/", 17);
}
