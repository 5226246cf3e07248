/* Fuzz target: the timers walker (gm_timers_collect: allp, every P's timer
 * heap ([]*timer up to 1.22, []timerWhen from 1.23), each timer's status,
 * when, period, callback and argument, grouping, the estimate of "now") over
 * a mutated memory image of a corpus core. Input format and regions:
 * fuzz_image.h. */
#include "fuzz_image.h"
#include "gm_timers.h"

static volatile uint64_t sink;

static void run(struct fi_sample *s)
{
	struct gm_timer_report *r;
	struct gm_error *err = gm_timers_collect(&s->fake, s->gb, &s->layout, &r);
	if (err) {
		fi_check_error(err);
		return;
	}
	if (strnlen(r->problem, sizeof(r->problem)) == sizeof(r->problem))
		abort();
	if (r->n && !r->v)
		abort();
	uint64_t grouped = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_timer *t = &r->v[i];
		if (i && t->when < r->v[i - 1].when)
			abort(); /* sorted by when */
		if ((unsigned)t->kind >= GM_TIMER_NKINDS || t->period < 0)
			abort();
		if (t->function)
			sink += strlen(t->function);
		if (t->file)
			sink += strlen(t->file) + (uint64_t)t->line;
		if (t->f_name)
			sink += strlen(t->f_name);
	}
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct gm_timer_group *g = &r->groups[i];
		if (!g->count || (unsigned)g->kind >= GM_TIMER_NKINDS)
			abort();
		grouped += g->count;
		if (g->function)
			sink += strlen(g->function);
		if (g->file)
			sink += strlen(g->file);
		sink += strlen(gm_timer_kind_names[g->kind]);
	}
	if (grouped != r->n)
		abort(); /* every timer is in exactly one group */
	if (r->now_source)
		sink += strlen(r->now_source);
	gm_timer_report_destroy(r);
}

FI_DEFINE_FUZZER(run)
