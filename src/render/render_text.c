/* --format text: goroutines grouped by identical state, stack and creator
 * (gm_ggroup), biggest groups first, with a one-line total by state on top.
 * This is what a person reads when 100,000 goroutines leaked. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "gm_ggroup.h"
#include "gm_render.h"

#define SAMPLE_GOIDS 8

struct text_state {
	struct gm_render_ctx ctx;
	struct gm_ggroups groups;
};

static void *text_begin(const struct gm_render_ctx *ctx)
{
	struct text_state *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->ctx = *ctx;
	if (!gm_ggroups_init(&s->groups, ctx->full_goids ? SIZE_MAX : SAMPLE_GOIDS)) {
		gm_ggroups_deinit(&s->groups);
		free(s);
		return NULL;
	}
	return s;
}

static void text_goroutine(void *st, const struct gm_goroutine *g)
{
	struct text_state *s = st;
	gm_ggroups_add(&s->groups, g);
}

/* Shape names elided as the runtime prints them (1.19's pclntab has them
 * elided already; the 1.21 rule is a no-op on such names). */
static const char *print_name(const struct text_state *s, const char *f, char *buf, size_t n)
{
	return gm_go_funcname_for_print(f, s->ctx.go_minor >= 21 ? s->ctx.go_minor : 21, buf, n);
}

static void print_group(struct text_state *s, const struct gm_ggroup *gr)
{
	FILE *o = s->ctx.out;
	char name[512];
	fprintf(o, "%s%" PRIu64 " goroutine%s%s [%s", gm_color(GM_COLOR_COUNT), gr->count, gr->count == 1 ? "" : "s",
		gm_color(GM_COLOR_END), gr->state);
	if (gr->max_minutes >= 1)
		fprintf(o, ", longest >= %" PRId64 " minutes", gr->max_minutes);
	if (gr->locked)
		fprintf(o, ", %" PRIu64 " locked to thread", gr->locked);
	if (gr->system == gr->count)
		fputs(", system", o);
	if (gr->proven_leaked)
		fputs(s->ctx.leaks_proven ? ", proven leaked" : ", leaked (not proven)", o);
	fputs("]\n", o);
	fputs("  goroutines: ", o);
	for (size_t i = 0; i < gr->ngoids; i++)
		fprintf(o, "%s%" PRIu64, i ? " " : "", gr->goids[i]);
	if (gr->count > gr->ngoids)
		fprintf(o, " ... (%" PRIu64 " more)", gr->count - gr->ngoids);
	fputc('\n', o);
	if (gr->unavailable)
		fputs("    (running on a thread: no saved stack)\n", o);
	/* Runtime frames are folded when the stack has frames of its own; a
	 * stack made only of runtime frames (a system goroutine) is shown whole. */
	bool has_user = false;
	for (size_t i = 0; i < gr->nframes && !has_user; i++)
		has_user = !gm_ggroup_is_runtime(gr->frames[i].func);
	bool fold = s->ctx.fold_runtime && has_user;
	size_t folded = 0;
	for (size_t i = 0; i <= gr->nframes; i++) {
		const struct gm_ggroup_frame *f = i < gr->nframes ? &gr->frames[i] : NULL;
		if (f && fold && gm_ggroup_is_runtime(f->func)) {
			folded++;
			continue;
		}
		if (folded) {
			fprintf(o, "    ... %zu runtime frame%s\n", folded, folded == 1 ? "" : "s");
			folded = 0;
		}
		if (!f)
			break;
		/* a run of identical frames (recursion) is printed once */
		size_t run = 1;
		while (i + run < gr->nframes && gr->frames[i + run].func == f->func &&
		       gr->frames[i + run].file == f->file && gr->frames[i + run].line == f->line &&
		       gr->frames[i + run].inlined == f->inlined)
			run++;
		if (f->line == -1) {
			/* --native: a C frame (func: symbol, file: module) */
			fprintf(o, "    %s [C]\n        %s\n", f->func, f->file);
			continue;
		}
		fprintf(o, "    %s%s", print_name(s, f->func, name, sizeof(name)),
			f->inlined ? " (inlined)" : "");
		if (run > 1)
			fprintf(o, " (x%zu, recursive)", run);
		fprintf(o, "\n        %s:%d\n", f->file, f->line);
		i += run - 1;
	}
	if (gr->unwind_error)
		fprintf(o, "    (stack incomplete: %s)\n", gr->unwind_error);
	if (gr->damaged)
		fprintf(o, "    (%" PRIu64 " damaged: %s)\n", gr->damaged, gr->damage ? gr->damage : "?");
	if (gr->created) {
		fprintf(o, "  created by %s", print_name(s, gr->created_func, name, sizeof(name)));
		if (gr->parent_max) {
			if (gr->parent_min == gr->parent_max)
				fprintf(o, " in goroutine %" PRIu64, gr->parent_min);
			else
				fprintf(o, " in goroutines %" PRIu64 "..%" PRIu64, gr->parent_min, gr->parent_max);
		}
		fprintf(o, "\n        %s:%d\n", gr->created_file, gr->created_line);
	}
	fputc('\n', o);
}

static int text_end(void *st, const struct gm_gwalk_stats *stats)
{
	struct text_state *s = st;
	struct gm_ggroups *gs = &s->groups;
	FILE *o = s->ctx.out;
	size_t n = 0;
	struct gm_ggroup **v = gm_ggroups_sorted(gs, &n);
	fprintf(o, "%" PRIu64 " goroutines", gs->total);
	if (s->ctx.go_version && s->ctx.go_version[0])
		fprintf(o, " (%s)", s->ctx.go_version);
	fputs(":", o);
	for (size_t i = 0; i < gs->nstates; i++)
		fprintf(o, "%s %" PRIu64 " %s", i ? "," : "", gs->states[i].n, gs->states[i].state);
	fprintf(o, "; %zu group%s\n", gs->len, gs->len == 1 ? "" : "s");
	if (s->ctx.live && s->ctx.consistent)
		fprintf(o, "live process, stopped for %.1f ms while it was read\n", s->ctx.pause_ms);
	else if (s->ctx.live && s->ctx.budget_hit)
		fprintf(o, "live process, stopped for %.1f ms: the pause budget ran out, the rest was read while it "
			   "ran; the answer may be inconsistent\n", s->ctx.pause_ms);
	else if (s->ctx.live)
		fputs("live process read without stopping it (--no-stop): the answer may be inconsistent\n", o);
	if (stats && (stats->unreadable || stats->unwind_errors || stats->damaged))
		fprintf(o, "warning: %" PRIu64 " goroutines unreadable, %" PRIu64 " stacks incomplete, %" PRIu64
			" impossible values (damaged)\n",
			stats->unreadable, stats->unwind_errors, stats->damaged);
	if (gs->oom)
		fputs("warning: out of memory while grouping: output incomplete\n", o);
	if (s->ctx.leaks_checked) {
		uint64_t lg = 0;
		for (size_t i = 0; v && i < n; i++)
			lg += v[i]->proven_leaked;
		fprintf(o, "%" PRIu64 " goroutine%s %s leaked", s->ctx.leaked, s->ctx.leaked == 1 ? "" : "s",
			s->ctx.leaks_proven ? "proven" : "possibly");
		if (s->ctx.leaked)
			fprintf(o, " (%" PRIu64 " group%s marked)", lg, lg == 1 ? "" : "s");
		fputc('\n', o);
		if (s->ctx.leaks_note)
			fprintf(o, "%s: %s\n", s->ctx.leaks_proven ? "note" : "not proven", s->ctx.leaks_note);
	} else if (s->ctx.leaks_note) {
		fprintf(o, "leaks not checked: %s\n", s->ctx.leaks_note);
	}
	fputc('\n', o);
	for (size_t i = 0; v && i < n; i++)
		print_group(s, v[i]);
	int rc = ferror(o) || !v || gs->oom ? -1 : 0;
	free(v);
	gm_ggroups_deinit(gs);
	free(s);
	return rc;
}

const struct gm_renderer gm_render_text = {
	.name = "text",
	.begin = text_begin,
	.goroutine = text_goroutine,
	.end = text_end,
	.want_args = false,
};
