/* The threads report (gomortem threads): every OS thread with the M it runs
 * and its native stack. src/walk/threads.c and src/walk/native.c collect;
 * text (--native: every frame, else the innermost frames up to the first
 * Go frame) and JSON ("gomortem.threads", docs/json.md) here. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_threads.h"
#include "report_ops.h"

struct threads_report {
	struct gm_threads *ts;
	struct gm_native *nat;
	bool live;
	char problem[400]; /* "" when complete */
};

static void threads_destroy(struct threads_report *r)
{
	if (!r)
		return;
	gm_threads_destroy(r->ts);
	gm_native_destroy(r->nat);
	free(r);
}

static struct gm_error *threads_collect(struct gm_session *s, struct threads_report **out)
{
	*out = NULL;
	struct threads_report *r = calloc(1, sizeof(*r));
	if (!r)
		return &gm_error_nomem;
	struct gm_error *err = gm_native_create(s->target, s->gobin, &r->nat);
	if (!err)
		err = gm_threads_collect(s->target, s->gobin, &s->layout, r->nat, &r->ts);
	if (err) {
		threads_destroy(r);
		return err;
	}
	r->live = s->target->is_live;
	const struct gm_threads *ts = r->ts;
	if (ts->problem && ts->nproblems > 1)
		snprintf(r->problem, sizeof(r->problem), "%zu problems (first: %s)", ts->nproblems, ts->problem);
	else if (ts->problem)
		snprintf(r->problem, sizeof(r->problem), "%s", ts->problem);
	*out = r;
	return NULL;
}

static void frame_text(FILE *o, size_t i, const struct gm_nframe *f)
{
	fprintf(o, "  #%-3zu 0x%016" PRIx64 " ", i, f->pc);
	if (f->func)
		fprintf(o, "%s+0x%" PRIx64, f->func, f->off);
	else
		fputs("??", o);
	if (f->go && f->file)
		fprintf(o, "  %s:%d", f->file, f->line);
	else if (!f->go)
		fprintf(o, "  (%s)", f->module ? f->module : "no module");
	if (f->how == GM_NF_FP)
		fputs("  [frame pointer]", o);
	else if (f->how == GM_NF_SIGNAL)
		fputs("  [interrupted by a signal]", o);
	fputc('\n', o);
	if (f->sigreturn)
		fputs("        <signal handler called>\n", o);
}

static void thread_text(FILE *o, const struct gm_thread_info *t, bool all, const char *go_minor_unused)
{
	(void)go_minor_unused;
	fprintf(o, "thread %d", t->tid);
	if (t->go) {
		fprintf(o, " m=%" PRId64, t->m_id);
		if (t->curg_goid)
			fprintf(o, " curg=%" PRIu64 " [%s]", t->curg_goid,
				t->curg_status ? t->curg_status : "?");
		else
			fputs(" curg=nil", o);
		if (t->lockedg_goid)
			fprintf(o, " lockedg=%" PRIu64, t->lockedg_goid);
		if (t->in_syscall)
			fputs(" in-syscall", o);
		if (t->incgo)
			fputs(" in-cgo", o);
		if (t->ncgocall >= 0)
			fprintf(o, " cgo-calls=%" PRId64, t->ncgocall);
		fprintf(o, " stack=%s", t->stack);
	} else {
		fputs(" (not a Go thread: no M runs on it)", o);
	}
	if (t->cursig) {
		char b[32];
		fprintf(o, " signal=%s", gm_report_signame(t->cursig, b, sizeof(b)));
	}
	fputc('\n', o);
	/* without --native, the frames before the last signal frame (the
	 * runtime's signal handler that was running when the core was written)
	 * are summed up: what was interrupted is what matters */
	size_t first = 0;
	if (!all)
		for (size_t i = 0; i < t->nframes; i++)
			if (t->frames[i].how == GM_NF_SIGNAL)
				first = i;
	if (first)
		fprintf(o, "  ... %zu frames of the signal handler (--native: all)\n", first);
	for (size_t i = first; i < t->nframes; i++) {
		const struct gm_nframe *f = &t->frames[i];
		if (f->how == GM_NF_SIGNAL && i > 0 && !t->frames[i - 1].sigreturn)
			fputs("        <signal handler called>\n", o);
		frame_text(o, i, f);
	}
	if (t->unwind_stop)
		fprintf(o, "  (unwinding stopped: %s)\n", t->unwind_stop);
	fputc('\n', o);
}

static void threads_text(FILE *o, const struct threads_report *r, const struct gm_report_opts *opts)
{
	const struct gm_threads *ts = r->ts;
	size_t ngo = 0;
	for (size_t i = 0; i < ts->n; i++)
		ngo += ts->v[i].go;
	if (ts->ms_unknown)
		fprintf(o, "%zu threads: which run Go is unknown (runtime.allm is lost)", ts->n);
	else
		fprintf(o, "%zu threads: %zu Go (an M runs on it), %zu not Go; %zu Ms in runtime.allm",
			ts->n, ngo, ts->n - ngo, ts->nms);
	if (ts->ms_without_thread)
		fprintf(o, " (%zu without a thread)", ts->ms_without_thread);
	fputs("\n\n", o);
	for (size_t i = 0; i < ts->n; i++)
		thread_text(o, &ts->v[i], opts && opts->native, NULL);
	for (size_t i = 0; i < gm_native_nmodules(r->nat); i++) {
		const struct gm_native_module *m = gm_native_module(r->nat, i);
		if (m->problem)
			fprintf(o, "module %s: %s\n", m->path, m->problem);
	}
}

static void frame_json(struct gm_json *j, const struct gm_nframe *f)
{
	gm_json_object_begin(j);
	gm_json_khex(j, "pc", f->pc);
	gm_json_khex(j, "sp", f->sp);
	gm_json_kstring(j, "function", f->func);
	gm_json_ku64(j, "offset", f->off);
	gm_json_kstring(j, "module", f->module);
	gm_json_kbool(j, "go", f->go);
	gm_json_kstring(j, "file", f->go ? f->file : NULL);
	if (f->go && f->file)
		gm_json_ki64(j, "line", f->line);
	else
		gm_json_knull(j, "line");
	gm_json_kstring(j, "unwound_by", gm_native_how_name(f->how));
	gm_json_kbool(j, "signal_frame_follows", f->sigreturn);
	gm_json_object_end(j);
}

static void thread_json(struct gm_json *j, const struct gm_thread_info *t, bool ms_unknown)
{
	gm_json_object_begin(j);
	gm_json_ki64(j, "tid", t->tid);
	/* null: runtime.allm is lost, whether an M runs on it is unknown */
	if (!t->go && ms_unknown)
		gm_json_knull(j, "go");
	else
		gm_json_kbool(j, "go", t->go);
	if (t->go) {
		gm_json_kobject(j, "m");
		gm_json_ki64(j, "id", t->m_id);
		gm_json_khex(j, "addr", t->m_addr);
		if (t->curg_goid)
			gm_json_ku64(j, "curg", t->curg_goid);
		else
			gm_json_knull(j, "curg");
		gm_json_kstring(j, "curg_status", t->curg_goid ? t->curg_status : NULL);
		if (t->lockedg_goid)
			gm_json_ku64(j, "lockedg", t->lockedg_goid);
		else
			gm_json_knull(j, "lockedg");
		gm_json_kbool(j, "in_syscall", t->in_syscall);
		gm_json_kbool(j, "incgo", t->incgo);
		if (t->ncgocall >= 0)
			gm_json_ki64(j, "ncgocall", t->ncgocall);
		else
			gm_json_knull(j, "ncgocall");
		gm_json_kstring(j, "stack", t->stack);
		gm_json_object_end(j);
	} else {
		gm_json_knull(j, "m");
	}
	gm_json_ki64(j, "signal", t->cursig);
	gm_json_karray(j, "frames");
	for (size_t k = 0; k < t->nframes; k++)
		frame_json(j, &t->frames[k]);
	gm_json_array_end(j);
	gm_json_kstring(j, "unwind_stop", t->unwind_stop);
	gm_json_object_end(j);
}

static void threads_json(struct gm_json *j, const struct threads_report *r, const struct gm_report_meta *m)
{
	const struct gm_threads *ts = r->ts;
	gm_report_json_begin(j, "gomortem.threads", 1, m);
	gm_json_kbool(j, "live", r->live);
	gm_json_ku64(j, "ms", ts->nms);
	gm_json_ku64(j, "ms_without_thread", ts->ms_without_thread);
	gm_json_karray(j, "threads");
	for (size_t i = 0; i < ts->n; i++)
		thread_json(j, &ts->v[i], ts->ms_unknown);
	gm_json_array_end(j);
	gm_json_karray(j, "modules");
	for (size_t i = 0; i < gm_native_nmodules(r->nat); i++) {
		const struct gm_native_module *mod = gm_native_module(r->nat, i);
		gm_json_object_begin(j);
		gm_json_kstring(j, "path", mod->path);
		gm_json_khex(j, "start", mod->start);
		gm_json_khex(j, "end", mod->end);
		gm_json_khex(j, "bias", mod->bias);
		gm_json_kstring(j, "build_id", mod->build_id[0] ? mod->build_id : NULL);
		gm_json_kbool(j, "build_id_checked", mod->build_id_checked);
		gm_json_kstring(j, "symbols", mod->symbols);
		gm_json_ku64(j, "nsyms", mod->nsyms);
		gm_json_kbool(j, "eh_frame_hdr", mod->eh_frame_hdr);
		gm_json_kstring(j, "problem", mod->problem);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_kstring(j, "problem", ts->problem);
	gm_json_object_end(j);
}

/* plan_only: threads reads Ms and stacks, never the heap */
GM_REPORT_OPS_PLAN(threads, struct threads_report, threads_destroy, true);
