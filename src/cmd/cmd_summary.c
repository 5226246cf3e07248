/* gomortem summary (the default command): one screen to read first, or one
 * JSON document (schema gomortem.summary) for scripts; --fail-on thresholds
 * (exit 3 when crossed); --batch DIR: one JSON line per core of a directory.
 * Collection is src/analyze/summary.c. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "gm_cdname.h"
#include "gm_cli.h"
#include "gm_report.h"
#include "gm_fmt.h"
#include "gm_render.h"
#include "gm_render_diff.h"
#include "gm_out.h"
#include "gm_summary.h"


/* ---- small output helpers ---- */

static const char *exe_check_name(enum gm_exe_check c)
{
	return c == GM_EXE_MATCH ? "match" : c == GM_EXE_MISMATCH ? "mismatch" : "unverified";
}

static const char *sev_name(enum gm_flag_severity s)
{
	return s == GM_FLAG_CRITICAL ? "critical" : s == GM_FLAG_WARNING ? "warning" : "note";
}

/* When the core was made: systemd-coredump's record (xattr / file name),
 * else the file's modification time (the kernel finishes writing the core
 * as the process dies), or now for a live process. */
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


static void text_target(FILE *o, const struct gm_cli *c, const struct gm_session *s, const struct gm_target_time *ct)
{
	const struct gm_target *t = s->target;
	const struct gm_gobin *gb = s->gobin;
	char tn[64], sb[32], tb[64];
	fprintf(o, "%s (%s%s)\n", gm_cli_target_name(c, tn, sizeof(tn)), t->source_kind,
		t->truncated ? ", TRUNCATED" : "");
	fprintf(o, "  program   %s, %s", gb->go_version[0] ? gb->go_version : "unknown Go version",
		gb->mod_path ? gb->mod_path : "unknown module");
	fprintf(o, ", pid %d", t->pid);
	if (t->comm)
		fprintf(o, " (%s)", t->comm);
	fprintf(o, ", %zu thread%s\n", t->nthreads, t->nthreads == 1 ? "" : "s");
	fprintf(o, "  binary    %s (%s)\n", gb->path, exe_check_name(s->exe_check));
	if (s->nplugins)
		fprintf(o, "  plugins   %zu Go plugin%s loaded:\n", s->nplugins, s->nplugins == 1 ? "" : "s");
	gm_cli_plugins_text(o, s, "    ");
	if (t->is_live && t->consistent)
		fprintf(o, "  live      stopped for %.1f ms while it was read (%.1f MB copied)\n",
			(double)t->pause_ns / 1e6, (double)t->copied_bytes / 1e6);
	else if (t->is_live && t->budget_hit)
		fprintf(o, "  live      stopped for %.1f ms, the pause budget: resumed after %.1f of %.1f MB, the rest "
			   "read while it ran (may be inconsistent)\n",
			(double)t->pause_ns / 1e6, (double)t->copied_stopped / 1e6, (double)t->copied_bytes / 1e6);
	else if (t->is_live)
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

/* ---- json ---- */

static void json_u(FILE *o, const char *key, uint64_t v, bool comma)
{
	fprintf(o, "%s\"%s\":%" PRIu64, comma ? "," : "", key, v);
}

static void json_target(FILE *o, const char *name, const struct gm_session *s, const struct gm_target_time *ct)
{
	const struct gm_target *t = s->target;
	const struct gm_gobin *gb = s->gobin;
	char sb[32], tb[64];
	fputs("\"target\":{\"core\":", o);
	gm_cli_jstr(o, name);
	fputs(",\"source\":", o);
	gm_cli_jstr(o, t->source_kind);
	fprintf(o, ",\"truncated\":%s,\"executable\":", t->truncated ? "true" : "false");
	gm_cli_jstr(o, gb->path);
	fprintf(o, ",\"executable_check\":\"%s\",\"go_version\":", exe_check_name(s->exe_check));
	gm_cli_jstr(o, gb->go_version);
	fputs(",\"module\":", o);
	gm_cli_jstr(o, gb->mod_path);
	fputs(",\"plugins\":", o);
	gm_cli_plugins_json(o, s);
	fprintf(o, ",\"pid\":%d,\"command\":", t->pid);
	gm_cli_jstr(o, t->comm);
	fputs(",\"signal\":", o);
	if (t->signo > 0) {
		fprintf(o, "{\"number\":%d,\"name\":", t->signo);
		gm_cli_jstr(o, gm_report_signame(t->signo, sb, sizeof(sb)));
		fputc('}', o);
	} else {
		fputs("null", o);
	}
	fprintf(o, ",\"threads\":%zu,\"live\":%s,\"consistent\":%s", t->nthreads, t->is_live ? "true" : "false",
		t->consistent || !t->is_live ? "true" : "false");
	fputs(",\"pause_ms\":", o);
	if (t->is_live && t->consistent)
		fprintf(o, "%.3f", (double)t->pause_ns / 1e6);
	else
		fputs("null", o);
	fputs(",\"time\":", o);
	if (ct->usec > 0) {
		fprintf(o, "{\"unix_usec\":%" PRId64 ",\"utc\":", ct->usec);
		gm_cli_jstr(o, gm_fmt_iso_time(ct->usec, tb, sizeof(tb)));
		fputs(",\"source\":", o);
		gm_cli_jstr(o, ct->source);
		fprintf(o, ",\"lower_bound\":%s}", ct->lower_bound ? "true" : "false");
	} else {
		fputs("null", o);
	}
	fputc('}', o);
}

static void json_frame(FILE *o, const char *key, const char *func, const char *file, int32_t line)
{
	fprintf(o, ",\"%s\":", key);
	if (!func) {
		fputs("null", o);
		return;
	}
	fputs("{\"function\":", o);
	gm_cli_jstr(o, func);
	fputs(",\"file\":", o);
	gm_cli_jstr(o, file);
	fprintf(o, ",\"line\":%d}", line);
}

static void json_groups(FILE *o, const char *key, const struct gm_summary_group *v, size_t n)
{
	fprintf(o, ",\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		const struct gm_summary_group *g = &v[i];
		fprintf(o, "%s{\"count\":%" PRIu64 ",\"state\":", i ? "," : "", g->count);
		gm_cli_jstr(o, g->state);
		fputs(",\"max_wait_minutes\":", o);
		if (g->max_minutes >= 0)
			fprintf(o, "%" PRId64, g->max_minutes);
		else
			fputs("null", o);
		fprintf(o, ",\"locked\":%" PRIu64 ",\"system\":%s,\"first_goid\":%" PRIu64 ",\"frames\":%u",
			g->locked, g->system ? "true" : "false", g->first_goid, g->frames);
		json_frame(o, "where", g->func, g->file, g->line);
		json_frame(o, "created_by", g->created_func, g->created_file, g->created_line);
		fputs(",\"stack_incomplete\":", o);
		gm_cli_jstr(o, g->incomplete[0] ? g->incomplete : NULL);
		fputc('}', o);
	}
	fputc(']', o);
}

static void json_goroutines(FILE *o, const struct gm_summary *sm)
{
	fputs(",\"goroutines\":", o);
	if (!sm->have_goroutines) {
		fputs("null", o);
		return;
	}
	fputc('{', o);
		json_u(o, "total", sm->goroutines, false);
	fputs(",\"by_state\":{", o);
	for (size_t i = 0; i < sm->nstates; i++) {
		if (i)
			fputc(',', o);
		gm_cli_jstr(o, sm->states[i].state);
		fprintf(o, ":%" PRIu64, sm->states[i].n);
	}
	fputc('}', o);
	json_u(o, "running", sm->running, true);
	json_u(o, "runnable", sm->runnable, true);
	json_u(o, "waiting", sm->waiting, true);
	json_u(o, "syscall", sm->syscall, true);
	json_u(o, "groups", sm->groups, true);
	json_u(o, "unreadable", sm->unreadable, true);
	json_u(o, "stacks_incomplete", sm->unwind_errors, true);
	fputs(",\"max_wait_minutes\":", o);
	if (sm->max_wait_minutes >= 0)
		fprintf(o, "%" PRId64, sm->max_wait_minutes);
	else
		fputs("null", o);
	json_groups(o, "top_groups", sm->top, sm->ntop);
	json_groups(o, "top_places", sm->places, sm->nplaces);
	fputs(",\"leaked\":", o);
	if (sm->leaks_checked)
		fprintf(o, "%" PRIu64, sm->leaked);
	else
		fputs("null", o);
	fputs(",\"leaks\":{\"checked\":", o);
	fputs(sm->leaks_checked ? "true" : "false", o);
	if (sm->leaks_checked) {
		fprintf(o, ",\"proven\":%s", sm->leaks_proven ? "true" : "false");
		json_u(o, "candidates", sm->leak_candidates, true);
		json_u(o, "undecided", sm->leak_undecided, true);
		json_u(o, "groups", sm->leaked_groups, true);
		fputs(",\"problem\":", o);
		gm_cli_jstr(o, sm->leaks_problem[0] ? sm->leaks_problem : NULL);
		json_groups(o, "top_groups", sm->leaked_top, sm->nleaked_top);
	} else {
		fputs(",\"why_not\":", o);
		gm_cli_jstr(o, sm->leaks_off);
	}
	fputs("}}", o);
}

static void json_rest(FILE *o, const struct gm_summary *sm)
{
	fputs(",\"finalizers\":", o);
	if (!sm->fin) {
		fputs("null", o);
	} else {
		const struct gm_fin_report *r = sm->fin;
		fputc('{', o);
		json_u(o, "registered", r->registered.total, false);
		json_u(o, "registered_bytes", r->registered.bytes, true);
		json_u(o, "queued", r->queued.total, true);
		if (r->cleanups_supported) {
			json_u(o, "cleanups_registered", r->cl_registered.total, true);
			json_u(o, "cleanups_queued", r->cl_queued.total, true);
		} else {
			fputs(",\"cleanups_registered\":null,\"cleanups_queued\":null", o);
		}
		fputs(",\"blocked\":", o);
		gm_cli_jstr(o, r->blocked[0] ? r->blocked : NULL);
		fputs(",\"goroutine\":", o);
		if (r->have_fing) {
			fprintf(o, "{\"goid\":%" PRIu64 ",\"state\":", r->fing.goid);
			gm_cli_jstr(o, r->fing.state);
			fputs(",\"status\":", o);
			gm_cli_jstr(o, r->fing.status);
			fputs(",\"running\":", o);
			gm_cli_jstr(o, r->fing.running.function);
			fputs(",\"wait_minutes\":", o);
			if (r->fing.wait_minutes >= 0)
				fprintf(o, "%" PRId64 "}", r->fing.wait_minutes);
			else
				fputs("null}", o);
		} else {
			fputs("null", o);
		}
		fputc('}', o);
	}
	fputs(",\"types\":", o);
	if (!sm->types) {
		fputs("null", o);
	} else {
		fputc('{', o);
		json_u(o, "runtime_created", sm->types->runtime_created_total, false);
		json_u(o, "cached", sm->types->types_total, true);
		fputs(",\"caches\":{", o);
		for (int i = 0; i < GM_TC_N; i++) {
			const struct gm_types_cache *tc = &sm->types->caches[i];
			fprintf(o, "%s\"%s\":", i ? "," : "", tc->name);
			if (tc->present)
				fprintf(o, "{\"entries\":%" PRIu64 ",\"runtime_created\":%" PRIu64 "}", tc->entries,
					tc->runtime_created);
			else
				fputs("null", o);
		}
		fputs("}}", o);
	}
	fputs(",\"threads\":", o);
	if (!sm->have_threads) {
		fputs("null", o);
	} else {
		fputc('{', o);
		json_u(o, "total", sm->threads, false);
		json_u(o, "go", sm->threads_go, true);
		json_u(o, "not_go", sm->threads_not_go, true);
		json_u(o, "in_cgo", sm->threads_in_cgo, true);
		json_u(o, "in_syscall", sm->threads_in_syscall, true);
		fputs(",\"signal_thread\":", o);
		if (sm->signal_tid)
			fprintf(o, "{\"tid\":%d,\"goroutine\":%" PRIu64 "}}", sm->signal_tid, sm->signal_goid);
		else
			fputs("null}", o);
	}
	fputs(",\"timers\":", o);
	if (!sm->timers) {
		fputs("null", o);
	} else {
		uint64_t k[GM_TIMER_NKINDS] = {0};
		for (size_t i = 0; i < sm->timers->n; i++)
			if ((unsigned)sm->timers->v[i].kind < GM_TIMER_NKINDS)
				k[sm->timers->v[i].kind]++;
		fputc('{', o);
		json_u(o, "pending", sm->timers->n, false);
		json_u(o, "tickers", sm->timer_tickers, true);
		fputs(",\"by_kind\":{", o);
		for (int i = 0; i < GM_TIMER_NKINDS; i++)
			fprintf(o, "%s\"%s\":%" PRIu64, i ? "," : "", gm_timer_kind_names[i], k[i]);
		fputs("}}", o);
	}
	fputs(",\"heap\":", o);
	if (!sm->heap) {
		fputs("null", o);
	} else {
		/* the MemStats figures, by the names --fail-on uses */
		fputc('{', o);
		bool first = true;
		for (int m = GM_M_HEAP_ALLOC; m <= GM_M_HEAP_NUMGC; m++) {
			fprintf(o, "%s\"%s\":%" PRId64, first ? "" : ",", gm_metric_names[m] + 5, sm->metric[m]);
			first = false;
		}
		fprintf(o, ",\"GOGC\":%d,\"GOMEMLIMIT\":", sm->heap->gogc);
		if (sm->heap->memory_limit > 0 && sm->heap->memory_limit != INT64_MAX)
			fprintf(o, "%" PRId64 "}", sm->heap->memory_limit);
		else
			fputs("null}", o);
	}
	fputs(",\"heap_profile\":", o);
	if (!sm->memprof) {
		fputs("{\"available\":false,\"why\":", o);
		gm_cli_jstr(o, sm->memprof_off[0] ? sm->memprof_off : NULL);
		fputc('}', o);
	} else {
		const struct gm_memprof *mp = sm->memprof;
		fprintf(o,
			"{\"available\":true,\"why\":null,\"mem_profile_rate\":%" PRId64 ",\"alloc_objects\":%" PRId64
			",\"alloc_space\":%" PRId64 ",\"inuse_objects\":%" PRId64 ",\"inuse_space\":%" PRId64
			",\"top_inuse\":[",
			mp->rate, mp->total[0], mp->total[1], mp->total[2], mp->total[3]);
		size_t ix[5];
		size_t n = memprof_top(mp, ix, 5);
		for (size_t i = 0; i < n; i++) {
			const struct gm_memprof_sample *smp = &mp->samples[ix[i]];
			const struct gm_memprof_frame *fr = gm_memprof_sample_site(mp, smp);
			fprintf(o, "%s{\"function\":", i ? "," : "");
			gm_cli_jstr(o, fr ? fr->name : NULL);
			fputs(",\"file\":", o);
			gm_cli_jstr(o, fr ? fr->file : NULL);
			fprintf(o,
				",\"line\":%d,\"inuse_space\":%" PRId64 ",\"inuse_objects\":%" PRId64
				",\"alloc_space\":%" PRId64 ",\"alloc_objects\":%" PRId64 ",\"object_size\":%" PRIu64 "}",
				fr ? fr->line : 0, smp->v[3], smp->v[2], smp->v[1], smp->v[0], smp->size);
		}
		fputs("]}", o);
	}
	fputs(",\"memory\":", o);
	if (!sm->maps) {
		fputs("null", o);
	} else {
		fputc('{', o);
		json_u(o, "mapped", sm->maps->mapped, false);
		fputs(",\"by_class\":{", o);
		for (int i = 0; i < GM_MAP_NCLASSES; i++)
			fprintf(o, "%s\"%s\":%" PRIu64, i ? "," : "", gm_map_class_names[i], sm->maps->bytes[i]);
		fprintf(o, "},\"in_use\":{\"c_malloc\":%" PRIu64 ",\"anonymous\":%" PRIu64 "}",
			sm->maps->in_use[GM_MAP_C_MALLOC], sm->maps->in_use[GM_MAP_ANON]);
		fputs(",\"unaccounted\":", o);
		if (sm->maps->have_heap && sm->maps->unaccounted_known)
			fprintf(o, "%" PRId64 ",\"unaccounted_in_use\":%" PRIu64 "}", sm->maps->unaccounted,
				sm->maps->unaccounted_in_use);
		else
			fputs("null,\"unaccounted_in_use\":null}", o);
	}
	fputs(",\"flags\":[", o);
	for (int i = 0; i < sm->nflags; i++) {
		fprintf(o, "%s{\"severity\":\"%s\",\"code\":\"%s\",\"message\":", i ? "," : "",
			sev_name(sm->flags[i].severity), sm->flags[i].code);
		gm_cli_jstr(o, sm->flags[i].message);
		fputc('}', o);
	}
	fputs("],\"metrics\":{", o);
	for (int m = 0; m < GM_M_N; m++) {
		fprintf(o, "%s\"%s\":", m ? "," : "", gm_metric_names[m]);
		if (sm->metric_known[m])
			fprintf(o, "%" PRId64, sm->metric[m]);
		else
			fputs("null", o);
	}
	fputs("},\"problems\":[", o);
	for (int i = 0; i < sm->nproblems; i++) {
		if (i)
			fputc(',', o);
		gm_cli_jstr(o, sm->problems[i]);
	}
	fputc(']', o);
}

static void json_coredump(FILE *o, const struct gm_cdentry *e)
{
	fputs(",\"file\":{\"size\":", o);
	fprintf(o, "%" PRIu64 ",\"compression\":", e->file_size);
	gm_cli_jstr(o, e->compression == GM_COMP_NONE ? "none" : gm_decompress_name(e->compression));
	fputs(",\"coredump\":", o);
	if (e->named) {
		fputs("{\"command\":", o);
		gm_cli_jstr(o, e->cd.comm);
		fprintf(o, ",\"pid\":%d,\"uid\":%u,\"boot_id\":", e->cd.pid, e->cd.uid);
		gm_cli_jstr(o, e->cd.boot_id);
		fprintf(o, ",\"timestamp_usec\":%" PRIu64 "}", e->cd.timestamp_us);
	} else {
		fputs("null", o);
	}
	fputc('}', o);
}

/* what gomortem diff needs to compare this target later (docs/json.md,
 * gomortem.snapshot) */
static int json_snapshot(FILE *o, struct gm_session *s, struct gm_summary *sm, const char *name,
			 const struct gm_target_time *ct, bool heap_types)
{
	struct gm_diff_side *d;
	struct gm_error *err = gm_diff_side_collect(s, sm, false, name, ct, heap_types ? GM_DIFF_HEAP_TYPES : 0, &d);
	if (err)
		return gm_cli_report_error(err);
	fputs(",\"diff_snapshot\":", o);
	fflush(o);
	struct gm_out out;
	struct gm_json j;
	gm_out_init(&out, o);
	gm_json_init(&j, &out);
	gm_render_diff_snapshot_json(&j, d);
	gm_out_flush(&out);
	gm_diff_side_destroy(d);
	return 0;
}

/* ---- --fail-on ---- */

/* Evaluates every condition; prints the crossed ones (text) or the fail_on
 * array (json). Returns how many were crossed. */
static int eval_fail_on(FILE *o, bool json, const struct gm_failon *f, int n, const struct gm_summary *sm)
{
	int crossed = 0;
	if (json)
		fputs(",\"fail_on\":[", o);
	for (int i = 0; i < n; i++) {
		int r = gm_failon_eval(&f[i], sm);
		crossed += r == 1;
		if (json) {
			fprintf(o, "%s{\"expr\":", i ? "," : "");
			gm_cli_jstr(o, f[i].expr);
			fprintf(o, ",\"metric\":\"%s\",\"op\":\"%s\",\"threshold\":%" PRId64 ",\"value\":",
				gm_metric_names[f[i].metric], gm_failon_op_str(f[i].op), f[i].value);
			if (r >= 0)
				fprintf(o, "%" PRId64 ",\"crossed\":%s}", sm->metric[f[i].metric], r ? "true" : "false");
			else
				fputs("null,\"crossed\":null}", o);
		} else if (r == 1) {
			fprintf(o, "%sfail-on: %s crossed (%s = %" PRId64 ")\n", crossed == 1 ? "\n" : "", f[i].expr,
				gm_metric_names[f[i].metric], sm->metric[f[i].metric]);
		} else if (r < 0) {
			fprintf(o, "fail-on: %s not evaluated: %s is unknown for this target\n", f[i].expr,
				gm_metric_names[f[i].metric]);
		}
	}
	if (json)
		fputc(']', o);
	return crossed;
}

/* ---- one target ---- */

static int exit_code(int rc, bool partial, int crossed)
{
	if (rc && rc != GM_EXIT_PARTIAL)
		return rc;
	if (crossed)
		return GM_EXIT_THRESHOLD;
	return partial || rc ? GM_EXIT_PARTIAL : GM_EXIT_OK;
}

/* e: the directory entry in --batch mode, else NULL */
static int summarize(const struct gm_cli *c, struct gm_session *s, const char *name, bool json,
		     const struct gm_failon *fo, int nfo, FILE *o, const struct gm_cdentry *e)
{
	struct gm_summary *sm;
	struct gm_summary_opts so = {.leaks = c->leaks ? GM_SUMMARY_LEAKS_ON : GM_SUMMARY_LEAKS_AUTO};
	for (int i = 0; i < nfo; i++)
		if (fo[i].metric == GM_M_GOROUTINES_LEAKED)
			so.leaks = GM_SUMMARY_LEAKS_ON;
	struct gm_error *err = gm_summary_collect_opts(s, &so, &sm);
	if (err)
		return gm_cli_report_error(err);
	struct gm_target_time ct;
	gm_summary_time(sm, c->core, s->target->is_live, &ct);
	bool partial = sm->nproblems > 0;
	int soundness = gm_cli_soundness(s, 0);
	int crossed, rc;
	if (json) {
		fputs("{\"schema\":\"gomortem.summary\",\"schema_version\":1,", o);
		json_target(o, name, s, &ct);
		if (e)
			json_coredump(o, e);
		json_goroutines(o, sm);
		json_rest(o, sm);
		if (!e && (rc = json_snapshot(o, s, sm, name, &ct, c->heap_types))) {
			gm_summary_destroy(sm);
			return rc;
		}
		crossed = eval_fail_on(o, true, fo, nfo, sm);
		fprintf(o, ",\"exit_code\":%d}\n", exit_code(soundness, partial, crossed));
	} else {
		text_target(o, c, s, &ct);
		text_flags(o, sm);
		text_goroutines(o, sm);
		text_fin(o, sm);
		text_rest(o, sm);
		if (sm->nproblems) {
			fputs("\npartial results\n", o);
			for (int i = 0; i < sm->nproblems; i++)
				fprintf(o, "  %s\n", sm->problems[i]);
		}
		crossed = eval_fail_on(o, false, fo, nfo, sm);
	}
	for (int i = 0; i < sm->nproblems; i++)
		fprintf(stderr, "gomortem: partial results: %s\n", sm->problems[i]);
	gm_summary_destroy(sm);
	return exit_code(soundness, partial, crossed);
}

static int parse_fail_on(const struct gm_cli *c, struct gm_failon *fo)
{
	for (int i = 0; i < c->nfail_on; i++) {
		struct gm_error *err = gm_failon_parse(c->fail_on[i], &fo[i]);
		if (err) {
			fprintf(stderr, "gomortem: %s\n", err->msg);
			gm_error_destroy(err);
			return GM_EXIT_USAGE;
		}
	}
	return 0;
}

/* ---- --batch DIR ---- */

static void batch_error_line(FILE *o, const struct gm_cdentry *e, const char *msg, int rc)
{
	fputs("{\"schema\":\"gomortem.summary\",\"schema_version\":1,\"target\":{\"core\":", o);
	gm_cli_jstr(o, e->path);
	fputc('}', o);
	json_coredump(o, e);
	fputs(",\"error\":", o);
	gm_cli_jstr(o, msg);
	fprintf(o, ",\"exit_code\":%d}\n", rc);
}

static int run_batch(const struct gm_cli *c, const struct gm_failon *fo, int nfo)
{
	if (c->pid || c->core)
		return gm_cli_usage_error("summary --batch DIR: no CORE or --pid with --batch");
	if (c->format && strcmp(c->format, "json"))
		return gm_cli_usage_error("summary --batch writes JSON lines (--format json)");
	struct gm_cdlist *list;
	struct gm_error *err = gm_cdname_list_dir(c->batch, 0, &list);
	if (err)
		return gm_cli_report_error(err);
	int worst = GM_EXIT_OK;
	FILE *o = stdout;
	for (size_t i = 0; i < list->n; i++) {
		const struct gm_cdentry *e = &list->entries[i];
		int rc;
		if (e->errnum) {
			char msg[300];
			snprintf(msg, sizeof(msg), "%s: %s", e->path, strerror(e->errnum));
			batch_error_line(o, e, msg, GM_EXIT_BADINPUT);
			rc = GM_EXIT_BADINPUT;
		} else {
			struct gm_session_opts so = {.core = e->path, .exe = c->exe, .force = c->force};
			struct gm_session *s;
			err = gm_session_open(&so, &s);
			if (err) {
				rc = err->code == GM_ERR_NOMEM ? GM_EXIT_INTERNAL : GM_EXIT_BADINPUT;
				batch_error_line(o, e, err->msg, rc);
				gm_error_destroy(err);
			} else {
				for (int k = 0; k < s->nwarnings; k++)
					fprintf(stderr, "gomortem: %s: warning: %s\n", e->path, s->warnings[k]);
				s->target->on_warning = gm_cli_print_warning;
				struct gm_cli one = *c;
				one.core = e->path;
				rc = summarize(&one, s, e->path, true, fo, nfo, o, e);
				gm_session_destroy(s);
			}
		}
		fflush(o);
		/* the batch's code: 3 if any core crossed a threshold, else 1 if
		 * any was partial or unreadable, else 0 */
		if (rc == GM_EXIT_THRESHOLD)
			worst = GM_EXIT_THRESHOLD;
		else if (rc && worst == GM_EXIT_OK)
			worst = GM_EXIT_PARTIAL;
	}
	if (list->skipped_noncore + list->skipped_nonregular)
		fprintf(stderr, "gomortem: %s: %zu files are not cores, %zu are not regular files (skipped)\n",
			c->batch, list->skipped_noncore, list->skipped_nonregular);
	if (list->capped)
		fprintf(stderr, "gomortem: %s: too many cores, only the first %zu were read\n", c->batch, list->n);
	gm_cdlist_destroy(list);
	if (fflush(o) != 0)
		return GM_EXIT_INTERNAL;
	return worst;
}

int gm_cmd_summary(const struct gm_cli *c)
{
	struct gm_failon fo[GM_CLI_MAX_FAIL_ON];
	int rc = parse_fail_on(c, fo);
	if (rc)
		return rc;
	if (c->batch)
		return run_batch(c, fo, c->nfail_on);
	if (!c->core && !c->pid)
		return gm_cli_usage_error("summary: missing CORE (or --pid PID, or --batch DIR)");
	bool json;
	struct gm_session *s;
	if ((rc = gm_cli_begin(c, true, &json, &s)))
		return rc;
	char tn[64];
	rc = summarize(c, s, gm_cli_target_name(c, tn, sizeof(tn)), json, fo, c->nfail_on, stdout, NULL);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "gomortem: error writing the output\n");
		rc = GM_EXIT_INTERNAL;
	}
	gm_session_destroy(s);
	return rc;
}
