/* One goroutine walk serving several walkers (include/walk/gm_gshare.h). */
#include "gm_gshare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_finalizers.h"
#include "gm_timers.h"

void gm_gshare_init(struct gm_gshare *sh, struct gm_target *t, const struct gm_layout *l)
{
	memset(sh, 0, sizeof(*sh));
	sh->l = l;
	gm_arena_init(&sh->arena);
	if (l->fing)
		gm_memsrc_u64(t->mem, l->fing, &sh->fing);
}

static const char *dup(struct gm_gshare *sh, const char *s)
{
	if (!s)
		return NULL;
	const char *c = gm_arena_strdup(&sh->arena, s);
	if (!c)
		sh->overflow = true;
	return c;
}

static void keep_fin(struct gm_gshare *sh, const struct gm_goroutine *g)
{
	if (sh->nfin >= GM_GSHARE_MAX_FIN) {
		sh->overflow = true;
		return;
	}
	if (!sh->fin) {
		sh->fin = gm_arena_alloc(&sh->arena, GM_GSHARE_MAX_FIN * sizeof(*sh->fin));
		if (!sh->fin) {
			sh->overflow = true;
			return;
		}
	}
	struct gm_goroutine *c = &sh->fin[sh->nfin++];
	*c = *g;
	c->labels = NULL;
	c->nlabels = 0;
	/* walker-owned: the frames, the unwind error and damage messages;
	 * names and files point into the executable and stay valid */
	c->frames = NULL;
	if (g->nframes) {
		c->frames = gm_arena_alloc(&sh->arena, g->nframes * sizeof(*c->frames));
		if (!c->frames) {
			sh->overflow = true;
			return;
		}
		memcpy(c->frames, g->frames, g->nframes * sizeof(*c->frames));
		for (size_t i = 0; i < g->nframes; i++)
			c->frames[i].args = NULL, c->frames[i].args_len = 0;
	}
	c->unwind_error = dup(sh, g->unwind_error);
	c->damage = dup(sh, g->damage);
}

void gm_gshare_add(struct gm_gshare *sh, const struct gm_goroutine *g)
{
	if (sh->overflow)
		return;
	if (gm_fin_runs_finalizers(sh->fing, g)) {
		/* past its first 4096 unknown PCs a walker says only "unknown
		 * pc", where a walk of the finalizer goroutines alone would say
		 * where the PC points: let the finalizer walker walk then */
		if (g->unwind_error && (!strcmp(g->unwind_error, "unknown pc") ||
					!strcmp(g->unwind_error, "unexpected return pc"))) {
			sh->overflow = true;
			return;
		}
		keep_fin(sh, g);
	}
	if (!gm_timers_is_sleeper(sh->l, g))
		return;
	if (sh->nsleepers == sh->capsleepers) {
		size_t ncap = sh->capsleepers ? sh->capsleepers * 2 : 256;
		struct gm_gshare_sleeper *n;
		if (ncap > GM_GSHARE_MAX_SLEEPERS ||
		    !(n = realloc(sh->sleepers, ncap * sizeof(*n)))) {
			sh->overflow = true;
			return;
		}
		sh->sleepers = n;
		sh->capsleepers = ncap;
	}
	sh->sleepers[sh->nsleepers++] =
		(struct gm_gshare_sleeper){g->goid, g->addr, gm_timers_in_scavenger(g)};
}

void gm_gshare_finish(struct gm_gshare *sh, const struct gm_gwalk *w, bool ended)
{
	gm_gwalk_stats(w, &sh->stats);
	if (sh->stats.first_problem) {
		snprintf(sh->first_problem, sizeof(sh->first_problem), "%s", sh->stats.first_problem);
		sh->stats.first_problem = sh->first_problem;
	}
	sh->now = gm_gwalk_now(w, &sh->now_source);
	sh->complete = ended;
}

bool gm_gshare_usable(const struct gm_gshare *sh)
{
	return sh && sh->complete && !sh->overflow;
}

void gm_gshare_deinit(struct gm_gshare *sh)
{
	free(sh->sleepers);
	gm_arena_deinit(&sh->arena);
	memset(sh, 0, sizeof(*sh));
}
