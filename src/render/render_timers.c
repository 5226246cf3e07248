/* The timers report (gomortem timers): every pending timer of every P,
 * grouped by what it runs. src/walk/timers.c collects; text and JSON
 * ("gomortem.timers", docs/json.md) here. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gm_timers.h"
#include "report_ops.h"

static const char chan_note[] =
	"Go 1.23+: a channel timer (NewTimer, NewTicker, After, Tick) is in a P's heap only "
	"while a goroutine is blocked receiving from its channel; idle ones are not listed";

static struct gm_error *timers_collect(struct gm_session *s, struct gm_timer_report **r)
{
	return gm_timers_collect(s->target, s->gobin, &s->layout, r);
}

/* "key":when - now, or null when now is not known */
static void jrel(struct gm_json *j, const char *key, const struct gm_timer_report *r, int64_t when)
{
	if (r->now)
		gm_json_ki64(j, key, when - r->now);
	else
		gm_json_knull(j, key);
}

static void timers_json(struct gm_json *j, const struct gm_timer_report *r,
			const struct gm_report_meta *m)
{
	gm_report_json_begin(j, "gomortem.timers", 1, m);
	gm_report_json_now(j, r->now, r->now_source);
	gm_json_ku64(j, "procs", r->nprocs);
	gm_json_kbool(j, "chan_timers_only_when_blocked", r->chan_timers_heaped_only_when_blocked);
	gm_json_ku64(j, "total", r->n);
	gm_json_karray(j, "groups");
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct gm_timer_group *g = &r->groups[i];
		gm_json_object_begin(j);
		gm_json_kstring(j, "kind", gm_timer_kind_names[g->kind]);
		gm_report_json_code(j, g->function, g->file, g->line, g->fn_pc);
		gm_json_ki64(j, "period_ns", g->period);
		gm_json_ku64(j, "count", g->count);
		gm_json_ki64(j, "next_when", g->next_when);
		jrel(j, "next_in_ns", r, g->next_when);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_karray(j, "timers");
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_timer *t = &r->v[i];
		gm_json_object_begin(j);
		gm_json_khex(j, "addr", t->addr);
		gm_json_ku64(j, "p", t->p);
		gm_json_ki64(j, "when", t->when);
		jrel(j, "in_ns", r, t->when);
		gm_json_ki64(j, "period_ns", t->period);
		gm_json_kstring(j, "kind", gm_timer_kind_names[t->kind]);
		gm_json_kstring(j, "callback", t->f_name);
		gm_json_kstring(j, "function", t->function);
		gm_json_khex(j, "pc", t->fn_pc);
		gm_json_khex(j, "arg", t->arg);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_ku64(j, "skipped", r->skipped);
	gm_json_kstring(j, "problem", r->problem[0] ? r->problem : NULL);
	gm_json_object_end(j);
}

static void fmt_dur(char *b, size_t n, int64_t ns)
{
	double v = (double)ns;
	const char *sign = v < 0 ? "-" : "";
	if (v < 0)
		v = -v;
	if (v >= 1e9)
		snprintf(b, n, "%s%.3fs", sign, v / 1e9);
	else if (v >= 1e6)
		snprintf(b, n, "%s%.3fms", sign, v / 1e6);
	else if (v >= 1e3)
		snprintf(b, n, "%s%.3fus", sign, v / 1e3);
	else
		snprintf(b, n, "%s%.0fns", sign, v);
}

static void timers_text(FILE *o, const struct gm_timer_report *r, const struct gm_report_opts *opts)
{
	fprintf(o, "%zu pending timers in %" PRIu32 " Ps", r->n, r->nprocs);
	if (r->now && r->now_source && !strcmp(r->now_source, "CLOCK_MONOTONIC"))
		fputs(" (times relative to the target's clock when it was read)\n", o);
	else if (r->now)
		fprintf(o, " (times relative to the dump; its clock is only known to be >= %s,"
			   " so they may be a little late)\n", r->now_source);
	else
		fputs(" (no clock known: absolute nanotime)\n", o);
	if (r->chan_timers_heaped_only_when_blocked)
		fprintf(o, "note: %s\n", chan_note);
	fputs("\n   count  kind     period       next           function\n", o);
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct gm_timer_group *g = &r->groups[i];
		char per[32] = "-", nxt[32];
		if (g->period)
			fmt_dur(per, sizeof(per), g->period);
		if (r->now)
			fmt_dur(nxt, sizeof(nxt), g->next_when - r->now);
		else
			snprintf(nxt, sizeof(nxt), "@%" PRId64, g->next_when);
		fprintf(o, "  %6" PRIu64 "  %-7s  %-11s  %-13s  %s", g->count,
			gm_timer_kind_names[g->kind], per, nxt,
			g->function ? g->function : "?");
		if (g->function && g->file)
			fprintf(o, " (%s:%" PRId32 ")", gm_report_base(g->file), g->line);
		else if (!g->function)
			fprintf(o, " (pc 0x%" PRIx64 ")", g->fn_pc);
		fputc('\n', o);
	}
}

GM_REPORT_OPS(timers, struct gm_timer_report, gm_timer_report_destroy);
