/* gomortem goroutines: every goroutine, grouped (text), as the Go runtime
 * prints it (go), or as JSON. */
#include <errno.h>
#include <inttypes.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_cli.h"
#include "gm_fmt.h"
#include "gm_goroutines.h"
#include "gm_heapleak.h"
#include "gm_summary.h"
#include "gm_render.h"
#include "gm_rtdebug.h"
#include "gm_threads.h"

/* --native: the goroutine's record with the C frames of its thread before
 * its Go frames, when its M is in a cgo call (m.incgo) or it is running on
 * a thread interrupted in C code. buf grows as needed; g itself is
 * returned when there is nothing to add (or no memory). */
static const struct gm_goroutine *with_native(const struct gm_threads *ts,
					      const struct gm_goroutine *g,
					      struct gm_goroutine *copy, struct gm_gframe **buf,
					      size_t *cap)
{
	const struct gm_thread_info *th = gm_threads_by_m(ts, g->m_addr);
	if (!th || !(th->incgo || g->stack_unavailable || g->from_signal || g->from_thread) ||
	    th->curg_goid != g->goid)
		return g;
	const struct gm_nframe *cf;
	size_t n = gm_threads_c_frames(th, &cf);
	if (!n)
		return g;
	if (n + g->nframes > *cap) {
		size_t c = n + g->nframes + 64;
		struct gm_gframe *v = realloc(*buf, c * sizeof(*v));
		if (!v)
			return g;
		*buf = v;
		*cap = c;
	}
	struct gm_gframe *f = *buf;
	for (size_t i = 0; i < n; i++) {
		f[i] = (struct gm_gframe){
			.func = cf[i].func ? cf[i].func : "?",
			.file = cf[i].module ? cf[i].module : "?",
			.line = -1,
			.phys = (uint32_t)i,
			.pc = cf[i].pc,
			.sp = cf[i].sp,
			.entry = cf[i].pc - cf[i].off,
			.native = true,
		};
	}
	for (size_t i = 0; i < g->nframes; i++) {
		f[n + i] = g->frames[i];
		f[n + i].phys += (uint32_t)n;
	}
	*copy = *g;
	copy->frames = f;
	copy->nframes = n + g->nframes;
	copy->nphys = g->nphys + n;
	if (copy->stack_unavailable)
		copy->stack_unavailable = false;
	return copy;
}

/* GOMORTEM_STATS=1: print this process's anonymous memory and peak RSS on
 * stderr just before tear-down, when every record built is still alive
 * (the benchmark reads it; pages of the mmapped core count in VmHWM only). */
static void print_self_stats(void)
{
	const char *e = getenv("GOMORTEM_STATS");
	if (!e || strcmp(e, "1"))
		return;
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return;
	char line[256];
	long anon = -1, hwm = -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "RssAnon:", 8))
			anon = strtol(line + 8, NULL, 10);
		else if (!strncmp(line, "VmHWM:", 6))
			hwm = strtol(line + 6, NULL, 10);
	}
	fclose(f);
	fprintf(stderr, "gomortem-stats: rss_anon_kb=%ld vm_hwm_kb=%ld\n", anon, hwm);
}

int gm_cmd_goroutines(const struct gm_cli *c)
{
	const struct gm_renderer *r = &gm_render_text;
	if (c->format) {
		if (!strcmp(c->format, "go"))
			r = &gm_render_go;
		else if (!strcmp(c->format, "json"))
			r = &gm_render_json;
		else if (!strcmp(c->format, "pprof"))
			r = &gm_render_pprof;
		else if (strcmp(c->format, "text"))
			return gm_cli_usage_error("unknown format '%s' (text, go, json or pprof)", c->format);
	}
	if (r == &gm_render_pprof && !c->output && isatty(STDOUT_FILENO))
		return gm_cli_usage_error("--format pprof writes a gzipped profile: give -o FILE");
	struct gm_cli_output o;
	int rc = gm_cli_output_open(c, &o);
	if (rc)
		return rc;
	FILE *out = o.f;
	struct gm_session *s;
	/* proven leaks (text and json) with --leaks only: the proof walks the
	 * goroutines again and marks the heap (a 100,000-goroutine core: twice
	 * the time of the listing); a live process's heap is then copied */
	bool want_leaks = (r == &gm_render_text || r == &gm_render_json) && c->leaks;
	rc = want_leaks && c->pid ? gm_cli_open_session_heap(c, &s) : gm_cli_open_session(c, &s);
	if (rc) {
		gm_cli_output_close(&o, false);
		return rc;
	}
	struct gm_gwalk_opts wo = {.want_args = r->want_args, .want_labels = true};
	struct gm_gwalk *w;
	struct gm_native *nat = NULL;
	struct gm_threads *ts = NULL;
	struct gm_error *err = NULL;
	if (c->native) {
		if (r == &gm_render_pprof)
			err = gm_error_create(GM_ERR_USAGE, "--native is not available with --format pprof");
		if (!err)
			err = gm_native_create(s->target, s->gobin, &nat);
		if (!err)
			err = gm_threads_collect(s->target, s->gobin, &s->layout, nat, &ts);
	}
	if (!err)
		err = gm_gwalk_create(s->target, s->gobin, &s->layout, &wo, &w);
	if (err) {
		gm_threads_destroy(ts);
		gm_native_destroy(nat);
		rc = gm_cli_report_error(err);
		gm_session_destroy(s);
		gm_cli_output_close(&o, false);
		return rc;
	}
	struct gm_leak_report *lr = NULL;
	char lnote[200] = "";
	if (!want_leaks && r == &gm_render_json)
		snprintf(lnote, sizeof(lnote), "not asked (--leaks)");
	if (want_leaks) {
		struct gm_error *le = gm_heapleak_collect(s->target, s->gobin, &s->layout, 0, &lr);
		if (le) {
			snprintf(lnote, sizeof(lnote), "%s", le == &gm_error_nomem ? "out of memory" : le->msg);
			gm_error_destroy(le);
		} else {
			snprintf(lnote, sizeof(lnote), "%s", lr->problem);
		}
	}
	char tname[64];
	struct gm_render_ctx ctx = {
		.out = out,
		.go_minor = s->gobin->go_minor,
		.go_version = s->gobin->go_version,
		.core_path = gm_cli_target_name(c, tname, sizeof(tname)),
		.exe_path = s->gobin->path,
		.tracebacklabels = gm_rtdebug_tracebacklabels(s->target->mem, &s->layout),
		.fold_runtime = !c->no_fold,
		.full_goids = c->full_goids,
		.leaks_checked = lr && lr->checked,
		.leaks_proven = lr && lr->checked && lr->proven,
		.leaked = lr && lr->checked ? lr->leaked : 0,
		.leaks_note = lnote[0] ? lnote : NULL,
	};
	ctx.now = gm_gwalk_now(w, &ctx.now_source);
	ctx.now_exact = s->target->now_ns > 0;
	ctx.live = s->target->is_live;
	ctx.consistent = s->target->consistent;
	ctx.pause_ms = (double)s->target->pause_ns / 1e6;
	ctx.budget_hit = s->target->budget_hit;
	void *st = r->begin(&ctx);
	if (!st) {
		gm_heapleak_destroy(lr);
		gm_gwalk_destroy(w);
		gm_session_destroy(s);
		gm_cli_output_close(&o, false);
		fprintf(stderr, "gomortem: out of memory\n");
		return GM_EXIT_INTERNAL;
	}
	const struct gm_goroutine *g;
	struct gm_goroutine copy;
	struct gm_gframe *nbuf = NULL;
	size_t ncap = 0;
	struct gm_goroutine lcopy;
	while (!(err = gm_gwalk_next(w, &g)) && g) {
		const struct gm_goroutine *x = ts ? with_native(ts, g, &copy, &nbuf, &ncap) : g;
		if (gm_heapleak_is_leaked(lr, g->addr)) {
			lcopy = *x;
			lcopy.proven_leaked = true;
			x = &lcopy;
		}
		r->goroutine(st, x);
	}
	gm_heapleak_destroy(lr);
	lr = NULL;
	struct gm_gwalk_stats stats;
	gm_gwalk_stats(w, &stats);
	print_self_stats();
	int out_rc = r->end(st, &stats);
	if (err) {
		fprintf(stderr, "gomortem: %s\n", err->msg);
		gm_error_destroy(err);
		rc = GM_EXIT_PARTIAL;
	}
	if (stats.unreadable || stats.unwind_errors || stats.damaged)
		gm_cli_partial(s, "goroutines",
			       "%" PRIu64 " goroutines unreadable, %" PRIu64 " stacks incomplete, %" PRIu64
			       " impossible values (first: %s)",
			       stats.unreadable, stats.unwind_errors, stats.damaged,
			       stats.first_problem ? stats.first_problem : "?");
	rc = gm_cli_soundness(s, rc);
	if (out_rc) {
		gm_cli_output_close(&o, false);
		fprintf(stderr, "gomortem: error writing the output\n");
		rc = GM_EXIT_INTERNAL;
	} else if (gm_cli_output_close(&o, true) != 0) {
		rc = GM_EXIT_INTERNAL;
	}
	gm_gwalk_destroy(w);
	free(nbuf);
	gm_threads_destroy(ts);
	gm_native_destroy(nat);
	gm_session_destroy(s);
	return rc;
}

