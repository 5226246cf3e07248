/* gm_info_collect: gomortem info's record (gm_info.h). */
#include <stdio.h>
#include <stdlib.h>

#include "gm_info.h"
#include "gm_threads.h"

/* Each thread's M (m.procid == tid) and the M's current goroutine, with
 * the M list's plausibility checks (threads.c); the problem, or NULL. */
static const char *map_threads(struct gm_session *s, struct gm_info_thread *tm, struct gm_threads **tsp)
{
	for (size_t i = 0; i < s->target->nthreads; i++)
		tm[i] = (struct gm_info_thread){-1, -1};
	struct gm_threads *ts = NULL;
	struct gm_error *err = gm_threads_collect(s->target, s->gobin, &s->layout, NULL, &ts);
	if (err) {
		gm_error_destroy(err);
		return "out of memory while mapping threads to Ms";
	}
	for (size_t i = 0; i < ts->n && i < s->target->nthreads; i++) {
		if (!ts->v[i].go)
			continue;
		tm[i].m_id = ts->v[i].m_id;
		tm[i].curg_goid = ts->v[i].curg_goid ? (int64_t)ts->v[i].curg_goid : -1;
	}
	*tsp = ts;
	return ts->problem;
}

struct gm_error *gm_info_collect(struct gm_session *s, struct gm_info **out)
{
	*out = NULL;
	struct gm_info *r = calloc(1, sizeof(*r));
	if (r)
		r->threads = calloc(s->target->nthreads ? s->target->nthreads : 1, sizeof(*r->threads));
	if (!r || !r->threads) {
		free(r);
		return &gm_error_nomem;
	}
	struct gm_threads *ts = NULL;
	const char *problem = map_threads(s, r->threads, &ts);
	if (problem)
		snprintf(r->problem, sizeof(r->problem), "threads: %s", problem);
	gm_threads_destroy(ts);
	/* before the description: a compressed core shorter than its program
	 * headers is TRUNCATED here as a cut plain core is */
	r->size_verified = gm_target_verify_size(s->target);
	struct gm_error *err = gm_session_describe(s, &r->d);
	if (err) {
		free(r->threads);
		free(r);
		return err;
	}
	*out = r;
	return NULL;
}

void gm_info_destroy(struct gm_info *info)
{
	if (!info)
		return;
	gm_session_desc_free(&info->d);
	free(info->threads);
	free(info);
}
