/* gomortem finalizers: registered and queued finalizers and cleanups, the
 * other special kinds, and the goroutines that run finalizers and cleanups
 * (src/walk/finalizers.c collects; text and JSON renderers here). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gm_cli.h"
#include "gm_finalizers.h"
#include "gm_render.h"

static void jframe(FILE *o, const struct gm_fin_frame *f)
{
	if (!f->function) {
		fputs("null", o);
		return;
	}
	fputs("{\"function\":", o);
	gm_cli_jstr(o, f->function);
	fputs(",\"file\":", o);
	gm_cli_jstr(o, f->file);
	fprintf(o, ",\"line\":%" PRId32 "}", f->line);
}

static void jlist(FILE *o, const struct gm_fin_list *L, bool with_bytes)
{
	fprintf(o, "{\"total\":%" PRIu64, L->total);
	if (with_bytes)
		fprintf(o, ",\"bytes\":%" PRIu64, L->bytes);
	fputs(",\"by_function\":[", o);
	for (size_t i = 0; i < L->n; i++) {
		const struct gm_fin_group *g = &L->v[i];
		fputs(i ? ",{\"function\":" : "{\"function\":", o);
		gm_cli_jstr(o, g->function);
		fputs(",\"file\":", o);
		gm_cli_jstr(o, g->file);
		if (g->file)
			fprintf(o, ",\"line\":%" PRId32, g->line);
		else
			fputs(",\"line\":null", o);
		fprintf(o, ",\"pc\":\"0x%" PRIx64 "\",\"object_type\":", g->fn_pc);
		gm_cli_jstr(o, g->object_type);
		fprintf(o, ",\"count\":%" PRIu64, g->count);
		if (with_bytes)
			fprintf(o, ",\"bytes\":%" PRIu64, g->bytes);
		fputc('}', o);
	}
	fputs("]}", o);
}

static void jgoroutine(FILE *o, const struct gm_fin_goroutine *g, bool found)
{
	if (!found) {
		fputs("{\"goid\":null,\"state\":\"not started\",\"status\":null,\"wait_reason\":null,"
		      "\"wait_minutes\":null,\"running\":null,\"frame\":null,\"frames\":[]}",
		      o);
		return;
	}
	fprintf(o, "{\"goid\":%" PRIu64 ",\"gp\":\"0x%" PRIx64 "\",\"state\":", g->goid, g->addr);
	gm_cli_jstr(o, g->state);
	fputs(",\"status\":", o);
	gm_cli_jstr(o, g->status);
	fputs(",\"wait_reason\":", o);
	gm_cli_jstr(o, g->wait_reason);
	if (g->wait_minutes >= 0)
		fprintf(o, ",\"wait_minutes\":%" PRId64, g->wait_minutes);
	else
		fputs(",\"wait_minutes\":null", o);
	fputs(",\"running\":", o);
	jframe(o, &g->running);
	fputs(",\"frame\":", o);
	jframe(o, &g->frame);
	fputs(",\"frames\":[", o);
	for (size_t i = 0; i < g->nframes; i++) {
		if (i)
			fputc(',', o);
		jframe(o, &g->frames[i]);
	}
	fprintf(o, "],\"frames_truncated\":%s}", g->frames_truncated ? "true" : "false");
}

static void render_json(FILE *o, const struct gm_fin_report *r, const char *core, const char *exe,
			const char *go_version)
{
	fputs("{\"schema\":\"gomortem.finalizers\",\"schema_version\":1,\"go_version\":", o);
	gm_cli_jstr(o, go_version);
	fputs(",\"core\":", o);
	gm_cli_jstr(o, core);
	fputs(",\"executable\":", o);
	gm_cli_jstr(o, exe);
	fputs(",\"now\":", o);
	if (r->now) {
		fprintf(o, "{\"nanotime\":%" PRId64 ",\"lower_bound\":true,\"source\":", r->now);
		gm_cli_jstr(o, r->now_source);
		fputc('}', o);
	} else {
		fputs("null", o);
	}
	fputs(",\"blocked\":", o);
	gm_cli_jstr(o, r->blocked[0] ? r->blocked : NULL);
	fputs(",\"registered\":", o);
	jlist(o, &r->registered, true);
	fputs(",\"queued\":", o);
	jlist(o, &r->queued, false);
	fputs(",\"finalizer_goroutine\":", o);
	jgoroutine(o, &r->fing, r->have_fing);
	fputs(",\"cleanups\":", o);
	if (!r->cleanups_supported) {
		fputs("null", o);
	} else {
		fprintf(o, "{\"queue\":\"%s\",\"registered\":",
			r->cleanup_queue_separate ? "cleanup_queue" : "finalizer_queue");
		jlist(o, &r->cl_registered, true);
		fputs(",\"queued\":", o);
		jlist(o, &r->cl_queued, false);
		fputs(",\"goroutines\":[", o);
		for (size_t i = 0; i < r->ncleanup_gs; i++) {
			if (i)
				fputc(',', o);
			jgoroutine(o, &r->cleanup_gs[i], true);
		}
		fputs("]}", o);
	}
	fputs(",\"specials\":{", o);
	bool first = true;
	for (int k = 0; k < GM_FIN_NKINDS; k++) {
		if (!r->kind_present[k] && (k != GM_FIN_K_UNKNOWN || !r->kinds[k]))
			continue;
		fprintf(o, "%s\"%s\":%" PRIu64, first ? "" : ",", gm_fin_kind_names[k], r->kinds[k]);
		first = false;
	}
	fprintf(o,
		"},\"stats\":{\"spans\":%" PRIu64 ",\"spans_in_use\":%" PRIu64
		",\"specials\":%" PRIu64 ",\"finalizer_blocks\":%" PRIu64
		",\"cleanup_blocks\":%" PRIu64 ",\"problem\":",
		r->spans, r->spans_in_use, r->specials, r->fin_blocks, r->cleanup_blocks);
	gm_cli_jstr(o, r->problem[0] ? r->problem : NULL);
	fputs("}}\n", o);
}

static const char *base(const char *p)
{
	const char *s = p ? strrchr(p, '/') : NULL;
	return s ? s + 1 : p ? p : "?";
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
			fprintf(o, " (%s:%" PRId32 ")", base(g->file), g->line);
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
		fprintf(o, "    in %s (%s:%" PRId32 ")\n", g->frame.function, base(g->frame.file),
			g->frame.line);
}

static void render_text(FILE *o, const struct gm_fin_report *r)
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

static struct gm_error *collect(struct gm_session *s, void **out)
{
	struct gm_fin_report *r = NULL;
	struct gm_error *err = gm_fin_collect(s->target, s->gobin, &s->layout, &r);
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
	return ((const struct gm_fin_report *)report)->problem;
}

static void destroy(void *report)
{
	gm_fin_report_destroy(report);
}

int gm_cmd_finalizers(const struct gm_cli *c)
{
	static const struct gm_report_cmd cmd = {collect, text, json, problem, destroy};
	return gm_cli_run_report(c, &cmd);
}
