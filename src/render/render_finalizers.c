/* The finalizers report (gomortem finalizers): registered and queued
 * finalizers and cleanups, the other special kinds, and the goroutines that
 * run finalizers and cleanups. src/walk/finalizers.c collects; text and
 * JSON ("gomortem.finalizers", docs/json.md) here. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gm_finalizers.h"
#include "report_ops.h"

static struct gm_error *finalizers_collect(struct gm_session *s, struct gm_fin_report **r)
{
	return gm_fin_collect(s->target, s->gobin, &s->layout, r);
}

static void jframe(struct gm_json *j, const char *key, const struct gm_fin_frame *f)
{
	if (key)
		gm_json_key(j, key);
	if (!f->function) {
		gm_json_null(j);
		return;
	}
	gm_json_object_begin(j);
	gm_json_kstring(j, "function", f->function);
	gm_json_kstring(j, "file", f->file);
	gm_json_ki64(j, "line", f->line);
	gm_json_object_end(j);
}

static void jlist(struct gm_json *j, const char *key, const struct gm_fin_list *L, bool with_bytes)
{
	gm_json_kobject(j, key);
	gm_json_ku64(j, "total", L->total);
	if (with_bytes)
		gm_json_ku64(j, "bytes", L->bytes);
	gm_json_karray(j, "by_function");
	for (size_t i = 0; i < L->n; i++) {
		const struct gm_fin_group *g = &L->v[i];
		gm_json_object_begin(j);
		gm_report_json_code(j, g->function, g->file, g->line, g->fn_pc);
		gm_json_kstring(j, "object_type", g->object_type);
		gm_json_ku64(j, "count", g->count);
		if (with_bytes)
			gm_json_ku64(j, "bytes", g->bytes);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_object_end(j);
}

static void jgoroutine(struct gm_json *j, const struct gm_fin_goroutine *g, bool found)
{
	gm_json_object_begin(j);
	if (!found) {
		gm_json_knull(j, "goid");
		gm_json_kstring(j, "state", "not started");
		gm_json_knull(j, "status");
		gm_json_knull(j, "wait_reason");
		gm_json_knull(j, "wait_minutes");
		gm_json_knull(j, "running");
		gm_json_knull(j, "frame");
		gm_json_karray(j, "frames");
		gm_json_array_end(j);
		gm_json_object_end(j);
		return;
	}
	gm_json_ku64(j, "goid", g->goid);
	gm_json_khex(j, "gp", g->addr);
	gm_json_kstring(j, "state", g->state);
	gm_json_kstring(j, "status", g->status);
	gm_json_kstring(j, "wait_reason", g->wait_reason);
	if (g->wait_minutes >= 0)
		gm_json_ki64(j, "wait_minutes", g->wait_minutes);
	else
		gm_json_knull(j, "wait_minutes");
	jframe(j, "running", &g->running);
	jframe(j, "frame", &g->frame);
	gm_json_karray(j, "frames");
	for (size_t i = 0; i < g->nframes; i++)
		jframe(j, NULL, &g->frames[i]);
	gm_json_array_end(j);
	gm_json_kbool(j, "frames_truncated", g->frames_truncated);
	gm_json_object_end(j);
}

static void finalizers_json(struct gm_json *j, const struct gm_fin_report *r,
			    const struct gm_report_meta *m)
{
	gm_report_json_begin(j, "gomortem.finalizers", 1, m);
	if (r->now) {
		gm_json_kobject(j, "now");
		gm_json_ki64(j, "nanotime", r->now);
		gm_json_kbool(j, "lower_bound", true);
		gm_json_kstring(j, "source", r->now_source);
		gm_json_object_end(j);
	} else {
		gm_json_knull(j, "now");
	}
	gm_json_kstring(j, "blocked", r->blocked[0] ? r->blocked : NULL);
	jlist(j, "registered", &r->registered, true);
	jlist(j, "queued", &r->queued, false);
	gm_json_key(j, "finalizer_goroutine");
	jgoroutine(j, &r->fing, r->have_fing);
	if (!r->cleanups_supported) {
		gm_json_knull(j, "cleanups");
	} else {
		gm_json_kobject(j, "cleanups");
		gm_json_kstring(j, "queue",
				r->cleanup_queue_separate ? "cleanup_queue" : "finalizer_queue");
		jlist(j, "registered", &r->cl_registered, true);
		jlist(j, "queued", &r->cl_queued, false);
		gm_json_karray(j, "goroutines");
		for (size_t i = 0; i < r->ncleanup_gs; i++)
			jgoroutine(j, &r->cleanup_gs[i], true);
		gm_json_array_end(j);
		gm_json_object_end(j);
	}
	gm_json_kobject(j, "specials");
	for (int k = 0; k < GM_FIN_NKINDS; k++) {
		if (!r->kind_present[k] && (k != GM_FIN_K_UNKNOWN || !r->kinds[k]))
			continue;
		gm_json_ku64(j, gm_fin_kind_names[k], r->kinds[k]);
	}
	gm_json_object_end(j);
	gm_json_kobject(j, "stats");
	gm_json_ku64(j, "spans", r->spans);
	gm_json_ku64(j, "spans_in_use", r->spans_in_use);
	gm_json_ku64(j, "specials", r->specials);
	gm_json_ku64(j, "finalizer_blocks", r->fin_blocks);
	gm_json_ku64(j, "cleanup_blocks", r->cleanup_blocks);
	gm_json_kstring(j, "problem", r->problem[0] ? r->problem : NULL);
	gm_json_object_end(j);
	gm_json_object_end(j);
}

static void tlist(FILE *o, const char *title, const struct gm_fin_list *L, bool with_bytes)
{
	if (with_bytes)
		fprintf(o, "%s: %" PRIu64 " (%" PRIu64 " bytes)\n", title, L->total, L->bytes);
	else
		fprintf(o, "%s: %" PRIu64 "\n", title, L->total);
	for (size_t i = 0; i < L->n; i++) {
		const struct gm_fin_group *g = &L->v[i];
		fprintf(o, "  %8" PRIu64, g->count);
		if (with_bytes)
			fprintf(o, " %12" PRIu64 " B", g->bytes);
		fprintf(o, "  %s", g->function ? g->function : "?");
		if (g->function && g->file)
			fprintf(o, " (%s:%" PRId32 ")", gm_report_base(g->file), g->line);
		else if (!g->function)
			fprintf(o, " (pc 0x%" PRIx64 ")", g->fn_pc);
		if (g->object_type)
			fprintf(o, "  on %s", g->object_type);
		fputc('\n', o);
	}
}

static void tgoroutine(FILE *o, const char *what, const struct gm_fin_goroutine *g, bool found)
{
	if (!found) {
		fprintf(o, "%s: not started\n", what);
		return;
	}
	fprintf(o, "%s: goroutine %" PRIu64 ", %s", what, g->goid,
		g->running_one ? "running " : "idle");
	if (g->running_one)
		fprintf(o, "%s", g->running.function ? g->running.function : "(unknown function)");
	fprintf(o, " [%s", g->wait_reason ? g->wait_reason : g->status ? g->status : "?");
	if (g->wait_minutes >= 0)
		fprintf(o, ", %" PRId64 "+ minutes", g->wait_minutes);
	fputs("]\n", o);
	if (g->frame.function)
		fprintf(o, "    in %s (%s:%" PRId32 ")\n", g->frame.function, gm_report_base(g->frame.file),
			g->frame.line);
}

static void finalizers_text(FILE *o, const struct gm_fin_report *r,
			    const struct gm_report_opts *opts)
{
	if (r->blocked[0])
		fprintf(o, "%s\n\n", r->blocked);
	tgoroutine(o, "finalizer goroutine", &r->fing, r->have_fing);
	for (size_t i = 0; i < r->ncleanup_gs; i++)
		tgoroutine(o, "cleanup goroutine", &r->cleanup_gs[i], true);
	fputc('\n', o);
	tlist(o, "registered finalizers", &r->registered, true);
	tlist(o, "queued finalizers (not run yet)", &r->queued, false);
	if (r->cleanups_supported) {
		tlist(o, "registered cleanups", &r->cl_registered, true);
		tlist(o, r->cleanup_queue_separate ? "queued cleanups (not run yet)"
						   : "queued cleanups (in the finalizer queue)",
		      &r->cl_queued, false);
	}
	fputs("other specials:", o);
	for (int k = GM_FIN_K_WEAKHANDLE; k < GM_FIN_NKINDS; k++)
		if (r->kind_present[k] || r->kinds[k])
			fprintf(o, " %s %" PRIu64, gm_fin_kind_names[k], r->kinds[k]);
	fputc('\n', o);
}

GM_REPORT_OPS(finalizers, struct gm_fin_report, gm_fin_report_destroy);
