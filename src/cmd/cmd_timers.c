/* gomortem timers: every pending timer of every P, grouped by what it runs
 * (src/walk/timers.c collects). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gm_cli.h"
#include "gm_timers.h"
#include "gm_render.h"

static const char chan_note[] =
	"Go 1.23+: a channel timer (NewTimer, NewTicker, After, Tick) is in a P's heap only "
	"while a goroutine is blocked receiving from its channel; idle ones are not listed";

static void jwhen(FILE *o, const struct gm_timer_report *r, int64_t when)
{
	fprintf(o, "\"when\":%" PRId64 ",\"in_ns\":", when);
	if (r->now)
		fprintf(o, "%" PRId64, when - r->now);
	else
		fputs("null", o);
}

static void render_json(FILE *o, const struct gm_timer_report *r, const char *core,
			const char *exe, const char *go_version)
{
	fputs("{\"schema\":\"gomortem.timers\",\"schema_version\":1,\"go_version\":", o);
	gm_cli_jstr(o, go_version);
	fputs(",\"core\":", o);
	gm_cli_jstr(o, core);
	fputs(",\"executable\":", o);
	gm_cli_jstr(o, exe);
	fputs(",\"now\":", o);
	if (r->now) {
		bool exact = r->now_source && !strcmp(r->now_source, "CLOCK_MONOTONIC");
		fprintf(o, "{\"nanotime\":%" PRId64 ",\"lower_bound\":%s,\"source\":", r->now,
			exact ? "false" : "true");
		gm_cli_jstr(o, r->now_source);
		fputc('}', o);
	} else {
		fputs("null", o);
	}
	fprintf(o, ",\"procs\":%" PRIu32 ",\"chan_timers_only_when_blocked\":%s,\"total\":%zu",
		r->nprocs, r->chan_timers_heaped_only_when_blocked ? "true" : "false", r->n);
	fputs(",\"groups\":[", o);
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct gm_timer_group *g = &r->groups[i];
		fprintf(o, "%s{\"kind\":\"%s\",\"function\":", i ? "," : "",
			gm_timer_kind_names[g->kind]);
		gm_cli_jstr(o, g->function);
		fputs(",\"file\":", o);
		gm_cli_jstr(o, g->file);
		if (g->file)
			fprintf(o, ",\"line\":%" PRId32, g->line);
		else
			fputs(",\"line\":null", o);
		fprintf(o, ",\"pc\":\"0x%" PRIx64 "\",\"period_ns\":%" PRId64 ",\"count\":%" PRIu64
			",\"next_when\":%" PRId64 ",\"next_in_ns\":",
			g->fn_pc, g->period, g->count, g->next_when);
		if (r->now)
			fprintf(o, "%" PRId64 "}", g->next_when - r->now);
		else
			fputs("null}", o);
	}
	fputs("],\"timers\":[", o);
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_timer *t = &r->v[i];
		fprintf(o, "%s{\"addr\":\"0x%" PRIx64 "\",\"p\":%" PRIu32 ",", i ? "," : "", t->addr,
			t->p);
		jwhen(o, r, t->when);
		fprintf(o, ",\"period_ns\":%" PRId64 ",\"kind\":\"%s\",\"callback\":", t->period,
			gm_timer_kind_names[t->kind]);
		gm_cli_jstr(o, t->f_name);
		fputs(",\"function\":", o);
		gm_cli_jstr(o, t->function);
		fprintf(o, ",\"pc\":\"0x%" PRIx64 "\",\"arg\":\"0x%" PRIx64 "\"}", t->fn_pc, t->arg);
	}
	fprintf(o, "],\"skipped\":%" PRIu64 ",\"problem\":", r->skipped);
	gm_cli_jstr(o, r->problem[0] ? r->problem : NULL);
	fputs("}\n", o);
}

static const char *base(const char *p)
{
	const char *s = p ? strrchr(p, '/') : NULL;
	return s ? s + 1 : p ? p : "?";
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

static void render_text(FILE *o, const struct gm_timer_report *r)
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
			fprintf(o, " (%s:%" PRId32 ")", base(g->file), g->line);
		else if (!g->function)
			fprintf(o, " (pc 0x%" PRIx64 ")", g->fn_pc);
		fputc('\n', o);
	}
}

static struct gm_error *collect(struct gm_session *s, void **out)
{
	struct gm_timer_report *r = NULL;
	struct gm_error *err = gm_timers_collect(s->target, s->gobin, &s->layout, &r);
	*out = r;
	return err;
}

static void text(FILE *o, const void *report, const struct gm_cli *c)
{
	render_text(o, report);
}

static void json(FILE *o, const void *report, const char *target, const char *exe, const char *go_version)
{
	render_json(o, report, target, exe, go_version);
}

static const char *problem(const void *report)
{
	return ((const struct gm_timer_report *)report)->problem;
}

static void destroy(void *report)
{
	gm_timer_report_destroy(report);
}

int gm_cmd_timers(const struct gm_cli *c)
{
	static const struct gm_report_cmd cmd = {collect, text, json, problem, destroy};
	return gm_cli_run_report(c, &cmd);
}
