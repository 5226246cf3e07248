/* gomortem summary's text and JSON (gm_render_summary.h): the records of
 * src/analyze/summary.c and the session's description; no target memory
 * is read here. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gm_fmt.h"
#include "gm_render.h"
#include "gm_render_summary.h"
#include "report_ops.h"

static const char *severity_name(enum gm_flag_severity s)
{
	return s == GM_FLAG_CRITICAL ? "critical" : s == GM_FLAG_WARNING ? "warning" : "note";
}

void gm_render_flags_json(struct gm_json *j, const struct gm_summary_flag *f, int n)
{
	gm_json_karray(j, "flags");
	for (int i = 0; i < n; i++) {
		gm_json_object_begin(j);
		gm_json_kstring(j, "severity", severity_name(f[i].severity));
		gm_json_kstring(j, "code", f[i].code);
		gm_json_kstring(j, "message", f[i].message);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
}

/* ---- text ---- */

/* The heap profile's top in-use sites (at most n, in-use bytes > 0): sample
 * indices, biggest first. */
static size_t memprof_top(const struct gm_memprof *p, size_t *ix, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < p->nsamples; i++) {
		if (p->samples[i].v[3] <= 0)
			continue;
		size_t j = k < n ? k++ : n;
		if (j == n && p->samples[i].v[3] <= p->samples[ix[n - 1]].v[3])
			continue;
		if (j == n)
			j = n - 1;
		while (j > 0 && p->samples[ix[j - 1]].v[3] < p->samples[i].v[3]) {
			ix[j] = ix[j - 1];
			j--;
		}
		ix[j] = i;
	}
	return k;
}


static void text_target(FILE *o, const char *name, const struct gm_session_desc *t,
			const struct gm_target_time *ct)
{
	char sb[32], tb[64];
	fprintf(o, "%s (%s%s)\n", name, t->source_kind, t->truncated ? ", TRUNCATED" : "");
	fprintf(o, "  program   %s, %s", t->go_version[0] ? t->go_version : "unknown Go version",
		t->module ? t->module : "unknown module");
	fprintf(o, ", pid %d", t->pid);
	if (t->comm)
		fprintf(o, " (%s)", t->comm);
	fprintf(o, ", %zu thread%s\n", t->nthreads, t->nthreads == 1 ? "" : "s");
	fprintf(o, "  binary    %s (%s)\n", t->exe, gm_report_exe_check_name(t->exe_check));
	if (t->nplugins)
		fprintf(o, "  plugins   %zu Go plugin%s loaded:\n", t->nplugins, t->nplugins == 1 ? "" : "s");
	gm_report_plugins_text(o, t, "    ");
	if (t->live && t->consistent)
		fprintf(o, "  live      stopped for %.1f ms while it was read (%.1f MB copied)\n",
			(double)t->pause_ns / 1e6, (double)t->copied_bytes / 1e6);
	else if (t->live && t->budget_hit)
		fprintf(o, "  live      stopped for %.1f ms, the pause budget: resumed after %.1f of %.1f MB, the rest "
			   "read while it ran (may be inconsistent)\n",
			(double)t->pause_ns / 1e6, (double)t->copied_stopped / 1e6, (double)t->copied_bytes / 1e6);
	else if (t->live)
		fputs("  live      read without stopping it (--no-stop): may be inconsistent\n", o);
	else
		fprintf(o, "  ended     %s; core made %s%s (%s)\n",
			t->signo > 0 ? gm_report_signame(t->signo, sb, sizeof(sb)) : "signal unknown",
			ct->lower_bound ? "at or after " : "", gm_fmt_iso_time(ct->usec, tb, sizeof(tb)),
			ct->source ? ct->source : "time unknown");
}

static void text_flags(FILE *o, const struct gm_summary *sm)
{
	fputs("\nred flags\n", o);
	if (!sm->nflags)
		fputs("  none\n", o);
	for (int i = 0; i < sm->nflags; i++) {
		int sev = sm->flags[i].severity;
		const char *on = sev == GM_FLAG_CRITICAL ? gm_color(GM_COLOR_CRITICAL)
				 : sev == GM_FLAG_WARNING ? gm_color(GM_COLOR_WARNING) : "";
		const char *name = sev == GM_FLAG_CRITICAL ? "CRITICAL" : sev == GM_FLAG_WARNING ? "WARNING" : "note";
		fprintf(o, "  %s%s%s%-*s %s\n", on, name, on[0] ? gm_color(GM_COLOR_END) : "", (int)(8 - strlen(name)), "",
			sm->flags[i].message);
	}
}

/* a group's line up to its end (the callers add their tags and '\n') */
static void text_group_head(FILE *o, const struct gm_summary_group *g)
{
	char a[32], w[32] = "";
	if (g->max_minutes >= 1)
		snprintf(w, sizeof(w), "%" PRId64 "+ min", g->max_minutes);
	fprintf(o, "  %s%9s%s  %-20.40s %-9s", gm_color(GM_COLOR_COUNT), gm_fmt_thousands(g->count, a, sizeof(a)),
		gm_color(GM_COLOR_END), g->state ? g->state : "?", w);
	if (g->func)
		fprintf(o, " %s (%s:%d)", g->func, gm_fmt_base_name(g->file), g->line);
	else if (g->incomplete[0])
		fprintf(o, " (no stack: %s)", g->incomplete);
	else
		fputs(" (no stack)", o);
	if (g->created_func)
		fprintf(o, "  <- %s (%s:%d)", g->created_func, gm_fmt_base_name(g->created_file), g->created_line);
}

/* proven leaks (gm_heapleak): the count and the leaked goroutines' groups */
static void text_leaks(FILE *o, const struct gm_summary *sm)
{
	char a[32], b[32];
	if (!sm->leaks_checked) {
		fprintf(o, "  leaks not checked: %s\n", sm->leaks_off[0] ? sm->leaks_off : "unknown");
		return;
	}
	fprintf(o, "  %s goroutine%s %s leaked", gm_fmt_thousands(sm->leaked, a, sizeof(a)), sm->leaked == 1 ? "" : "s",
		sm->leaks_proven ? "proven" : "possibly");
	if (sm->leaked)
		fprintf(o, " in %" PRIu64 " group%s", sm->leaked_groups, sm->leaked_groups == 1 ? "" : "s");
	fprintf(o, " (%s parked on a channel, select or lock checked, %s undecided)",
		gm_fmt_thousands(sm->leak_candidates, b, sizeof(b)), gm_fmt_thousands(sm->leak_undecided, a, sizeof(a)));
	fputs(sm->leaked ? ":\n" : "\n", o);
	if (!sm->leaks_proven && sm->leaks_problem[0])
		fprintf(o, "  not proven: %s\n", sm->leaks_problem);
	for (size_t i = 0; i < sm->nleaked_top; i++) {
		text_group_head(o, &sm->leaked_top[i]);
		fputc('\n', o);
	}
	if (sm->leaked_groups > sm->nleaked_top)
		fprintf(o, "  ... %" PRIu64 " more leaked groups (gomortem goroutines)\n",
			sm->leaked_groups - sm->nleaked_top);
}

static void text_goroutines(FILE *o, const struct gm_summary *sm)
{
	char a[32];
	fputs("\ngoroutines ", o);
	if (!sm->have_goroutines) {
		fputs("unreadable\n", o);
		return;
	}
	fprintf(o, "%s:", gm_fmt_thousands(sm->goroutines, a, sizeof(a)));
	for (size_t i = 0; i < sm->nstates; i++)
		fprintf(o, "%s %s %s", i ? "," : "", gm_fmt_thousands(sm->states[i].n, a, sizeof(a)), sm->states[i].state);
	fprintf(o, " (%" PRIu64 " group%s of identical stacks)\n", sm->groups, sm->groups == 1 ? "" : "s");
	if (sm->unreadable || sm->unwind_errors)
		fprintf(o, "  %" PRIu64 " unreadable, %" PRIu64 " stacks incomplete\n", sm->unreadable,
			sm->unwind_errors);
	for (size_t i = 0; i < sm->ntop; i++) {
		const struct gm_summary_group *g = &sm->top[i];
		text_group_head(o, g);
		for (size_t k = 0; k < sm->ntop; k++)
			if (k != i && sm->top[k].state == g->state && sm->top[k].func == g->func &&
			    sm->top[k].line == g->line && sm->top[k].created_func == g->created_func) {
				fprintf(o, "  [%u frames deep]", g->frames);
				break;
			}
		if (g->system)
			fputs("  [system]", o);
		fputc('\n', o);
	}
	if (sm->groups > sm->ntop)
		fprintf(o, "  ... %" PRIu64 " more groups (gomortem goroutines)\n", sm->groups - sm->ntop);
	text_leaks(o, sm);
}

static void text_fin(FILE *o, const struct gm_summary *sm)
{
	char a[32], b[32], c[32];
	const struct gm_fin_report *r = sm->fin;
	fputs("\nfinalizers ", o);
	if (!r) {
		fputs("unreadable\n", o);
		return;
	}
	fprintf(o, "%s registered (%s), %s queued", gm_fmt_thousands(r->registered.total, a, sizeof(a)),
		gm_fmt_bytes(r->registered.bytes, b, sizeof(b)), gm_fmt_thousands(r->queued.total, c, sizeof(c)));
	if (r->cleanups_supported)
		fprintf(o, "; cleanups %s registered, %s queued", gm_fmt_thousands(r->cl_registered.total, a, sizeof(a)),
			gm_fmt_thousands(r->cl_queued.total, c, sizeof(c)));
	fputc('\n', o);
	if (r->have_fing) {
		const struct gm_fin_goroutine *f = &r->fing;
		fprintf(o, "  finalizer goroutine %" PRIu64 ": %s", f->goid, f->state ? f->state : "?");
		if (f->running.function)
			fprintf(o, " %s", f->running.function);
		fprintf(o, " [%s", f->status ? f->status : "?");
		if (f->wait_minutes >= 0)
			fprintf(o, ", %" PRId64 "+ minutes", f->wait_minutes);
		fputs("]\n", o);
	}
}

static void text_rest(FILE *o, const struct gm_summary *sm)
{
	char a[32], b[32], c[32], d[32], e[32], f[32], g[32];
	fputs("\nreflect caches ", o);
	if (!sm->types) {
		fputs("unreadable\n", o);
	} else {
		fprintf(o, "%s types made at run time, %s types cached:",
			gm_fmt_thousands(sm->types->runtime_created_total, a, sizeof(a)),
			gm_fmt_thousands(sm->types->types_total, b, sizeof(b)));
		int shown = 0;
		for (int i = 0; i < GM_TC_N; i++) {
			const struct gm_types_cache *tc = &sm->types->caches[i];
			if (tc->present)
				fprintf(o, "%s %s %s", shown++ ? "," : "", tc->name, gm_fmt_thousands(tc->entries, a, sizeof(a)));
		}
		fputs(shown ? "\n" : " reflect not linked in\n", o);
	}
	fputs("threads ", o);
	if (!sm->have_threads)
		fputs("unreadable\n", o);
	else
		fprintf(o, "%" PRIu64 ": %" PRIu64 " Go (an M runs on it; %" PRIu64 " in a system call, %" PRIu64
			   " in a cgo call), %" PRIu64 " not Go (created by C code)\n",
			sm->threads, sm->threads_go, sm->threads_in_syscall, sm->threads_in_cgo, sm->threads_not_go);
	fputs("timers ", o);
	if (!sm->timers) {
		fputs("unreadable\n", o);
	} else {
		uint64_t k[GM_TIMER_NKINDS] = {0};
		for (size_t i = 0; i < sm->timers->n; i++)
			if ((unsigned)sm->timers->v[i].kind < GM_TIMER_NKINDS)
				k[sm->timers->v[i].kind]++;
		fprintf(o, "%s pending", gm_fmt_thousands(sm->timers->n, a, sizeof(a)));
		int shown = 0;
		for (int i = 0; i < GM_TIMER_NKINDS; i++)
			if (k[i])
				fprintf(o, "%s %s %s", shown++ ? "," : ":", gm_fmt_thousands(k[i], a, sizeof(a)), gm_timer_kind_names[i]);
		fprintf(o, "; %s ticker%s\n", gm_fmt_thousands(sm->timer_tickers, a, sizeof(a)), sm->timer_tickers == 1 ? "" : "s");
	}
	fputs("heap ", o);
	if (!sm->heap) {
		fputs("unreadable\n", o);
	} else {
		const struct gm_heap_report *h = sm->heap;
		fprintf(o, "HeapAlloc %s, HeapInuse %s, HeapSys %s, Sys %s, StackInuse %s, %s objects\n",
			gm_fmt_bytes(h->heap_alloc, a, sizeof(a)), gm_fmt_bytes(h->heap_inuse, b, sizeof(b)),
			gm_fmt_bytes(h->heap_sys, c, sizeof(c)), gm_fmt_bytes(h->sys, d, sizeof(d)),
			gm_fmt_bytes(h->stack_inuse, e, sizeof(e)), gm_fmt_thousands(h->heap_objects, f, sizeof(f)));
		if (h->next_gc >= (1ull << 60)) /* no goal: the collector is off */
			fprintf(o, "     %u GCs, no NextGC, GOGC ", h->num_gc);
		else
			fprintf(o, "     %u GCs, NextGC %s, GOGC ", h->num_gc, gm_fmt_bytes(h->next_gc, a, sizeof(a)));
		if (h->gogc < 0)
			fputs("off", o);
		else
			fprintf(o, "%d", h->gogc);
		if (h->memory_limit > 0 && h->memory_limit != INT64_MAX)
			fprintf(o, ", GOMEMLIMIT %s\n", gm_fmt_bytes((uint64_t)h->memory_limit, a, sizeof(a)));
		else
			fputs(", no GOMEMLIMIT\n", o);
	}
	if (sm->memprof) {
		const struct gm_memprof *mp = sm->memprof;
		size_t ix[3];
		size_t n = memprof_top(mp, ix, 3);
		fprintf(o, "     heap profile (1 sample per %s): %s in use", gm_fmt_bytes((uint64_t)mp->rate, a, sizeof(a)),
			gm_fmt_bytes((uint64_t)(mp->total[3] > 0 ? mp->total[3] : 0), b, sizeof(b)));
		for (size_t i = 0; i < n; i++) {
			const struct gm_memprof_sample *smp = &mp->samples[ix[i]];
			const struct gm_memprof_frame *fr = gm_memprof_sample_site(mp, smp);
			fprintf(o, "%s %s %s", i ? "," : "; top sites:", gm_fmt_bytes((uint64_t)smp->v[3], a, sizeof(a)),
				fr && fr->name[0] ? fr->name : "?");
			if (fr && fr->file[0]) {
				const char *base = strrchr(fr->file, '/');
				fprintf(o, " (%s:%d)", base ? base + 1 : fr->file, fr->line);
			}
		}
		fputc('\n', o);
	} else if (sm->memprof_off[0]) {
		fprintf(o, "     no heap profile: %s\n", sm->memprof_off);
	}
	fputs("memory ", o);
	if (!sm->maps) {
		fputs("unreadable\n", o);
	} else {
		const struct gm_maps_report *m = sm->maps;
		fprintf(o, "%s mapped: Go heap %s, executable %s, shared libraries %s, files %s, thread stacks %s, "
			   "anonymous %s\n",
			gm_fmt_bytes(m->mapped, a, sizeof(a)), gm_fmt_bytes(m->bytes[GM_MAP_GO_HEAP], b, sizeof(b)),
			gm_fmt_bytes(m->bytes[GM_MAP_GO_BINARY], c, sizeof(c)), gm_fmt_bytes(m->bytes[GM_MAP_SHLIB], d, sizeof(d)),
			gm_fmt_bytes(m->bytes[GM_MAP_FILE], e, sizeof(e)), gm_fmt_bytes(m->bytes[GM_MAP_THREAD_STACK], f, sizeof(f)),
			gm_fmt_bytes(m->bytes[GM_MAP_ANON], g, sizeof(g)));
		if (m->bytes[GM_MAP_GO_PLUGIN])
			fprintf(o, "       Go plugins %s\n", gm_fmt_bytes(m->bytes[GM_MAP_GO_PLUGIN], a, sizeof(a)));
		if (m->have_heap && m->unaccounted_known)
			fprintf(o, "       outside the Go runtime's accounting: %s, at most %s of it in use%s%s\n",
				gm_fmt_bytes((uint64_t)m->unaccounted, a, sizeof(a)),
				gm_fmt_bytes(m->unaccounted_in_use, b, sizeof(b)),
				m->bytes[GM_MAP_C_MALLOC] ? "; C malloc arenas in use " : "",
				m->bytes[GM_MAP_C_MALLOC] ? gm_fmt_bytes(m->in_use[GM_MAP_C_MALLOC], c, sizeof(c)) : "");
		else if (m->have_heap)
			fputs("       outside the Go runtime's accounting: unknown (damaged figures)\n", o);
	}
}

void gm_render_summary_text(FILE *o, const char *name, const struct gm_session_desc *d,
			    const struct gm_target_time *ct, const struct gm_summary *sm)
{
	text_target(o, name, d, ct);
	text_flags(o, sm);
	text_goroutines(o, sm);
	text_fin(o, sm);
	text_rest(o, sm);
	if (sm->nproblems) {
		fputs("\npartial results\n", o);
		for (int i = 0; i < sm->nproblems; i++)
			fprintf(o, "  %s\n", sm->problems[i]);
	}
}

void gm_render_summary_failon_text(FILE *o, const struct gm_failon *f, const int *r, int n,
				   const struct gm_summary *sm)
{
	int crossed = 0;
	for (int i = 0; i < n; i++) {
		if (r[i] == 1) {
			fprintf(o, "%sfail-on: %s crossed (%s = %" PRId64 ")\n", ++crossed == 1 ? "\n" : "", f[i].expr,
				gm_metric_names[f[i].metric], sm->metric[f[i].metric]);
		} else if (r[i] < 0) {
			fprintf(o, "fail-on: %s not evaluated: %s is unknown for this target\n", f[i].expr,
				gm_metric_names[f[i].metric]);
		}
	}
}

/* ---- json ---- */

static void json_target(struct gm_json *j, const char *name, const struct gm_session_desc *t,
			const struct gm_target_time *ct)
{
	char tb[64];
	gm_json_kobject(j, "target");
	gm_report_json_target(j, name, t);
	gm_json_key(j, "plugins");
	gm_report_plugins_json(j, t);
	gm_report_json_process(j, t);
	gm_json_ku64(j, "threads", t->nthreads);
	gm_report_json_live(j, t);
	if (ct->usec > 0) {
		gm_json_kobject(j, "time");
		gm_json_ki64(j, "unix_usec", ct->usec);
		gm_json_kstring(j, "utc", gm_fmt_iso_time(ct->usec, tb, sizeof(tb)));
		gm_json_kstring(j, "source", ct->source);
		gm_json_kbool(j, "lower_bound", ct->lower_bound);
		gm_json_object_end(j);
	} else {
		gm_json_knull(j, "time");
	}
	gm_json_object_end(j);
}

/* a minute count, null when unknown (< 0) */
static void json_minutes(struct gm_json *j, const char *key, int64_t v)
{
	if (v >= 0)
		gm_json_ki64(j, key, v);
	else
		gm_json_knull(j, key);
}

static void json_groups(struct gm_json *j, const char *key, const struct gm_summary_group *v, size_t n)
{
	gm_json_karray(j, key);
	for (size_t i = 0; i < n; i++) {
		const struct gm_summary_group *g = &v[i];
		gm_json_object_begin(j);
		gm_json_ku64(j, "count", g->count);
		gm_json_kstring(j, "state", g->state);
		json_minutes(j, "max_wait_minutes", g->max_minutes);
		gm_json_ku64(j, "locked", g->locked);
		gm_json_kbool(j, "system", g->system);
		gm_json_ku64(j, "first_goid", g->first_goid);
		gm_json_ku64(j, "frames", g->frames);
		gm_report_json_frame(j, "where", g->func, g->file, g->line);
		gm_report_json_frame(j, "created_by", g->created_func, g->created_file, g->created_line);
		gm_json_kstring(j, "stack_incomplete", g->incomplete[0] ? g->incomplete : NULL);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
}

static void json_goroutines(struct gm_json *j, const struct gm_summary *sm)
{
	if (!sm->have_goroutines) {
		gm_json_knull(j, "goroutines");
		return;
	}
	gm_json_kobject(j, "goroutines");
	gm_json_ku64(j, "total", sm->goroutines);
	gm_json_kobject(j, "by_state");
	for (size_t i = 0; i < sm->nstates; i++)
		gm_json_ku64(j, sm->states[i].state ? sm->states[i].state : "?", sm->states[i].n);
	gm_json_object_end(j);
	gm_json_ku64(j, "running", sm->running);
	gm_json_ku64(j, "runnable", sm->runnable);
	gm_json_ku64(j, "waiting", sm->waiting);
	gm_json_ku64(j, "syscall", sm->syscall);
	gm_json_ku64(j, "groups", sm->groups);
	gm_json_ku64(j, "unreadable", sm->unreadable);
	gm_json_ku64(j, "stacks_incomplete", sm->unwind_errors);
	json_minutes(j, "max_wait_minutes", sm->max_wait_minutes);
	json_groups(j, "top_groups", sm->top, sm->ntop);
	json_groups(j, "top_places", sm->places, sm->nplaces);
	if (sm->leaks_checked)
		gm_json_ku64(j, "leaked", sm->leaked);
	else
		gm_json_knull(j, "leaked");
	gm_json_kobject(j, "leaks");
	gm_json_kbool(j, "checked", sm->leaks_checked);
	if (sm->leaks_checked) {
		gm_json_kbool(j, "proven", sm->leaks_proven);
		gm_json_ku64(j, "candidates", sm->leak_candidates);
		gm_json_ku64(j, "undecided", sm->leak_undecided);
		gm_json_ku64(j, "groups", sm->leaked_groups);
		gm_json_kstring(j, "problem", sm->leaks_problem[0] ? sm->leaks_problem : NULL);
		json_groups(j, "top_groups", sm->leaked_top, sm->nleaked_top);
	} else {
		gm_json_kstring(j, "why_not", sm->leaks_off);
	}
	gm_json_object_end(j);
	gm_json_object_end(j);
}

static void json_fin(struct gm_json *j, const struct gm_fin_report *r)
{
	if (!r) {
		gm_json_knull(j, "finalizers");
		return;
	}
	gm_json_kobject(j, "finalizers");
	gm_json_ku64(j, "registered", r->registered.total);
	gm_json_ku64(j, "registered_bytes", r->registered.bytes);
	gm_json_ku64(j, "queued", r->queued.total);
	if (r->cleanups_supported) {
		gm_json_ku64(j, "cleanups_registered", r->cl_registered.total);
		gm_json_ku64(j, "cleanups_queued", r->cl_queued.total);
	} else {
		gm_json_knull(j, "cleanups_registered");
		gm_json_knull(j, "cleanups_queued");
	}
	gm_json_kstring(j, "blocked", r->blocked[0] ? r->blocked : NULL);
	if (r->have_fing) {
		gm_json_kobject(j, "goroutine");
		gm_json_ku64(j, "goid", r->fing.goid);
		gm_json_kstring(j, "state", r->fing.state);
		gm_json_kstring(j, "status", r->fing.status);
		gm_json_kstring(j, "running", r->fing.running.function);
		json_minutes(j, "wait_minutes", r->fing.wait_minutes);
		gm_json_object_end(j);
	} else {
		gm_json_knull(j, "goroutine");
	}
	gm_json_object_end(j);
}

static void json_types(struct gm_json *j, const struct gm_types_report *t)
{
	if (!t) {
		gm_json_knull(j, "types");
		return;
	}
	gm_json_kobject(j, "types");
	gm_json_ku64(j, "runtime_created", t->runtime_created_total);
	gm_json_ku64(j, "cached", t->types_total);
	gm_json_kobject(j, "caches");
	for (int i = 0; i < GM_TC_N; i++) {
		const struct gm_types_cache *tc = &t->caches[i];
		if (!tc->present) {
			gm_json_knull(j, tc->name);
			continue;
		}
		gm_json_kobject(j, tc->name);
		gm_json_ku64(j, "entries", tc->entries);
		gm_json_ku64(j, "runtime_created", tc->runtime_created);
		gm_json_object_end(j);
	}
	gm_json_object_end(j);
	gm_json_object_end(j);
}

static void json_threads_timers(struct gm_json *j, const struct gm_summary *sm)
{
	if (!sm->have_threads) {
		gm_json_knull(j, "threads");
	} else {
		gm_json_kobject(j, "threads");
		gm_json_ku64(j, "total", sm->threads);
		gm_json_ku64(j, "go", sm->threads_go);
		gm_json_ku64(j, "not_go", sm->threads_not_go);
		gm_json_ku64(j, "in_cgo", sm->threads_in_cgo);
		gm_json_ku64(j, "in_syscall", sm->threads_in_syscall);
		if (sm->signal_tid) {
			gm_json_kobject(j, "signal_thread");
			gm_json_ki64(j, "tid", sm->signal_tid);
			gm_json_ku64(j, "goroutine", sm->signal_goid);
			gm_json_object_end(j);
		} else {
			gm_json_knull(j, "signal_thread");
		}
		gm_json_object_end(j);
	}
	if (!sm->timers) {
		gm_json_knull(j, "timers");
		return;
	}
	uint64_t k[GM_TIMER_NKINDS] = {0};
	for (size_t i = 0; i < sm->timers->n; i++)
		if ((unsigned)sm->timers->v[i].kind < GM_TIMER_NKINDS)
			k[sm->timers->v[i].kind]++;
	gm_json_kobject(j, "timers");
	gm_json_ku64(j, "pending", sm->timers->n);
	gm_json_ku64(j, "tickers", sm->timer_tickers);
	gm_json_kobject(j, "by_kind");
	for (int i = 0; i < GM_TIMER_NKINDS; i++)
		gm_json_ku64(j, gm_timer_kind_names[i], k[i]);
	gm_json_object_end(j);
	gm_json_object_end(j);
}

static void json_heap(struct gm_json *j, const struct gm_summary *sm)
{
	if (!sm->heap) {
		gm_json_knull(j, "heap");
	} else {
		/* the MemStats figures, by the names --fail-on uses */
		gm_json_kobject(j, "heap");
		for (int m = GM_M_HEAP_ALLOC; m <= GM_M_HEAP_NUMGC; m++)
			gm_json_ki64(j, gm_metric_names[m] + 5, sm->metric[m]);
		gm_json_ki64(j, "GOGC", sm->heap->gogc);
		if (sm->heap->memory_limit > 0 && sm->heap->memory_limit != INT64_MAX)
			gm_json_ki64(j, "GOMEMLIMIT", sm->heap->memory_limit);
		else
			gm_json_knull(j, "GOMEMLIMIT");
		gm_json_object_end(j);
	}
	gm_json_kobject(j, "heap_profile");
	if (!sm->memprof) {
		gm_json_kbool(j, "available", false);
		gm_json_kstring(j, "why", sm->memprof_off[0] ? sm->memprof_off : NULL);
		gm_json_object_end(j);
		return;
	}
	const struct gm_memprof *mp = sm->memprof;
	gm_json_kbool(j, "available", true);
	gm_json_knull(j, "why");
	gm_json_ki64(j, "mem_profile_rate", mp->rate);
	gm_json_ki64(j, "alloc_objects", mp->total[0]);
	gm_json_ki64(j, "alloc_space", mp->total[1]);
	gm_json_ki64(j, "inuse_objects", mp->total[2]);
	gm_json_ki64(j, "inuse_space", mp->total[3]);
	gm_json_karray(j, "top_inuse");
	size_t ix[5];
	size_t n = memprof_top(mp, ix, 5);
	for (size_t i = 0; i < n; i++) {
		const struct gm_memprof_sample *smp = &mp->samples[ix[i]];
		const struct gm_memprof_frame *fr = gm_memprof_sample_site(mp, smp);
		gm_json_object_begin(j);
		gm_json_kstring(j, "function", fr ? fr->name : NULL);
		gm_json_kstring(j, "file", fr ? fr->file : NULL);
		gm_json_ki64(j, "line", fr ? fr->line : 0);
		gm_json_ki64(j, "inuse_space", smp->v[3]);
		gm_json_ki64(j, "inuse_objects", smp->v[2]);
		gm_json_ki64(j, "alloc_space", smp->v[1]);
		gm_json_ki64(j, "alloc_objects", smp->v[0]);
		gm_json_ku64(j, "object_size", smp->size);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_object_end(j);
}

static void json_memory(struct gm_json *j, const struct gm_maps_report *m)
{
	if (!m) {
		gm_json_knull(j, "memory");
		return;
	}
	gm_json_kobject(j, "memory");
	gm_json_ku64(j, "mapped", m->mapped);
	gm_json_kobject(j, "by_class");
	for (int i = 0; i < GM_MAP_NCLASSES; i++)
		gm_json_ku64(j, gm_map_class_names[i], m->bytes[i]);
	gm_json_object_end(j);
	gm_json_kobject(j, "in_use");
	gm_json_ku64(j, "c_malloc", m->in_use[GM_MAP_C_MALLOC]);
	gm_json_ku64(j, "anonymous", m->in_use[GM_MAP_ANON]);
	gm_json_object_end(j);
	if (m->have_heap && m->unaccounted_known) {
		gm_json_ki64(j, "unaccounted", m->unaccounted);
		gm_json_ku64(j, "unaccounted_in_use", m->unaccounted_in_use);
	} else {
		gm_json_knull(j, "unaccounted");
		gm_json_knull(j, "unaccounted_in_use");
	}
	gm_json_object_end(j);
}

static void json_rest(struct gm_json *j, const struct gm_summary *sm)
{
	json_fin(j, sm->fin);
	json_types(j, sm->types);
	json_threads_timers(j, sm);
	json_heap(j, sm);
	json_memory(j, sm->maps);
	gm_render_flags_json(j, sm->flags, sm->nflags);
	gm_json_kobject(j, "metrics");
	for (int m = 0; m < GM_M_N; m++) {
		if (sm->metric_known[m])
			gm_json_ki64(j, gm_metric_names[m], sm->metric[m]);
		else
			gm_json_knull(j, gm_metric_names[m]);
	}
	gm_json_object_end(j);
	gm_json_karray(j, "problems");
	for (int i = 0; i < sm->nproblems; i++)
		gm_json_string(j, sm->problems[i]);
	gm_json_array_end(j);
}

static void json_coredump(struct gm_json *j, const struct gm_cdentry *e)
{
	gm_json_kobject(j, "file");
	gm_json_ku64(j, "size", e->file_size);
	gm_json_kstring(j, "compression",
			e->compression == GM_COMP_NONE ? "none" : gm_decompress_name(e->compression));
	if (e->named) {
		gm_json_kobject(j, "coredump");
		gm_json_kstring(j, "command", e->cd.comm);
		gm_json_ki64(j, "pid", e->cd.pid);
		gm_json_ku64(j, "uid", e->cd.uid);
		gm_json_kstring(j, "boot_id", e->cd.boot_id);
		gm_json_ku64(j, "timestamp_usec", e->cd.timestamp_us);
		gm_json_object_end(j);
	} else {
		gm_json_knull(j, "coredump");
	}
	gm_json_object_end(j);
}

static void json_schema(struct gm_json *j)
{
	gm_json_object_begin(j);
	gm_json_kstring(j, "schema", "gomortem.summary");
	gm_json_ki64(j, "schema_version", 1);
}

void gm_render_summary_json_begin(struct gm_json *j, const char *name, const struct gm_session_desc *d,
				  const struct gm_target_time *ct, const struct gm_summary *sm,
				  const struct gm_cdentry *e)
{
	json_schema(j);
	json_target(j, name, d, ct);
	if (e)
		json_coredump(j, e);
	json_goroutines(j, sm);
	json_rest(j, sm);
}

void gm_render_summary_failon_json(struct gm_json *j, const struct gm_failon *f, const int *r, int n,
				   const struct gm_summary *sm)
{
	gm_json_karray(j, "fail_on");
	for (int i = 0; i < n; i++) {
		gm_json_object_begin(j);
		gm_json_kstring(j, "expr", f[i].expr);
		gm_json_kstring(j, "metric", gm_metric_names[f[i].metric]);
		gm_json_kstring(j, "op", gm_failon_op_str(f[i].op));
		gm_json_ki64(j, "threshold", f[i].value);
		if (r[i] >= 0) {
			gm_json_ki64(j, "value", sm->metric[f[i].metric]);
			gm_json_kbool(j, "crossed", r[i] != 0);
		} else {
			gm_json_knull(j, "value");
			gm_json_knull(j, "crossed");
		}
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
}

void gm_render_summary_batch_error_json(struct gm_json *j, const struct gm_cdentry *e, const char *msg,
					int exit_code)
{
	json_schema(j);
	gm_json_kobject(j, "target");
	gm_json_kstring(j, "core", e->path);
	gm_json_object_end(j);
	json_coredump(j, e);
	gm_json_kstring(j, "error", msg);
	gm_json_ki64(j, "exit_code", exit_code);
	gm_json_object_end(j);
}
