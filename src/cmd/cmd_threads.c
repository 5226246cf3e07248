/* gomortem threads: every OS thread with the M it runs and its native stack
 * (src/walk/threads.c, src/walk/native.c). Text (--native: every frame, else the
 * innermost frames up to the first Go frame) or JSON (docs/json.md). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gm_cli.h"
#include "gm_render.h"
#include "gm_threads.h"

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
		fprintf(o, " signal=%s", gm_cli_signame(t->cursig, b, sizeof(b)));
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

static void frame_json(FILE *o, const struct gm_nframe *f)
{
	fprintf(o, "{\"pc\":\"0x%" PRIx64 "\",\"sp\":\"0x%" PRIx64 "\",\"function\":", f->pc, f->sp);
	gm_cli_jstr(o, f->func);
	fprintf(o, ",\"offset\":%" PRIu64 ",\"module\":", f->off);
	gm_cli_jstr(o, f->module);
	fprintf(o, ",\"go\":%s,\"file\":", f->go ? "true" : "false");
	gm_cli_jstr(o, f->go ? f->file : NULL);
	if (f->go && f->file)
		fprintf(o, ",\"line\":%d", f->line);
	else
		fputs(",\"line\":null", o);
	fprintf(o, ",\"unwound_by\":\"%s\",\"signal_frame_follows\":%s}", gm_native_how_name(f->how),
		f->sigreturn ? "true" : "false");
}

static void render_json(FILE *o, const struct gm_threads *ts, const struct gm_native *nat,
			const char *target, const struct gm_session *s)
{
	fputs("{\"schema\":\"gomortem.threads\",\"schema_version\":1,\"go_version\":", o);
	gm_cli_jstr(o, s->gobin->go_version);
	fputs(",\"core\":", o);
	gm_cli_jstr(o, target);
	fputs(",\"executable\":", o);
	gm_cli_jstr(o, s->gobin->path);
	fprintf(o, ",\"live\":%s,\"ms\":%zu,\"ms_without_thread\":%zu,\"threads\":[",
		s->target->is_live ? "true" : "false", ts->nms, ts->ms_without_thread);
	for (size_t i = 0; i < ts->n; i++) {
		const struct gm_thread_info *t = &ts->v[i];
		/* null: runtime.allm is lost, whether an M runs on it is unknown */
		fprintf(o, "%s{\"tid\":%d,\"go\":%s", i ? "," : "", t->tid,
			t->go ? "true" : ts->ms_unknown ? "null" : "false");
		if (t->go) {
			fprintf(o, ",\"m\":{\"id\":%" PRId64 ",\"addr\":\"0x%" PRIx64 "\",\"curg\":", t->m_id,
				t->m_addr);
			if (t->curg_goid)
				fprintf(o, "%" PRIu64, t->curg_goid);
			else
				fputs("null", o);
			fputs(",\"curg_status\":", o);
			gm_cli_jstr(o, t->curg_goid ? t->curg_status : NULL);
			fputs(",\"lockedg\":", o);
			if (t->lockedg_goid)
				fprintf(o, "%" PRIu64, t->lockedg_goid);
			else
				fputs("null", o);
			fprintf(o, ",\"in_syscall\":%s,\"incgo\":%s", t->in_syscall ? "true" : "false",
				t->incgo ? "true" : "false");
			if (t->ncgocall >= 0)
				fprintf(o, ",\"ncgocall\":%" PRId64, t->ncgocall);
			else
				fputs(",\"ncgocall\":null", o);
			fprintf(o, ",\"stack\":\"%s\"}", t->stack);
		} else {
			fputs(",\"m\":null", o);
		}
		fprintf(o, ",\"signal\":%d,\"frames\":[", t->cursig);
		for (size_t k = 0; k < t->nframes; k++) {
			if (k)
				fputc(',', o);
			frame_json(o, &t->frames[k]);
		}
		fputs("],\"unwind_stop\":", o);
		gm_cli_jstr(o, t->unwind_stop);
		fputc('}', o);
	}
	fputs("],\"modules\":[", o);
	for (size_t i = 0; i < gm_native_nmodules(nat); i++) {
		const struct gm_native_module *m = gm_native_module(nat, i);
		fprintf(o, "%s{\"path\":", i ? "," : "");
		gm_cli_jstr(o, m->path);
		fprintf(o, ",\"start\":\"0x%" PRIx64 "\",\"end\":\"0x%" PRIx64 "\",\"bias\":\"0x%" PRIx64
			"\",\"build_id\":", m->start, m->end, m->bias);
		gm_cli_jstr(o, m->build_id[0] ? m->build_id : NULL);
		fprintf(o, ",\"build_id_checked\":%s,\"symbols\":\"%s\",\"nsyms\":%zu,\"eh_frame_hdr\":%s,"
			"\"problem\":", m->build_id_checked ? "true" : "false", m->symbols, m->nsyms,
			m->eh_frame_hdr ? "true" : "false");
		gm_cli_jstr(o, m->problem);
		fputc('}', o);
	}
	fputs("],\"problem\":", o);
	gm_cli_jstr(o, ts->problem);
	fputs("}\n", o);
}

int gm_cmd_threads(const struct gm_cli *c)
{
	bool json;
	struct gm_session *s;
	int rc = gm_cli_begin(c, false, &json, &s);
	if (rc)
		return rc;
	struct gm_native *nat = NULL;
	struct gm_threads *ts = NULL;
	struct gm_error *err = gm_native_create(s->target, s->gobin, &nat);
	if (!err)
		err = gm_threads_collect(s->target, s->gobin, &s->layout, nat, &ts);
	if (err) {
		rc = gm_cli_report_error(err);
		gm_native_destroy(nat);
		gm_session_destroy(s);
		return rc;
	}
	char tname[64];
	FILE *o = stdout;
	size_t ngo = 0, incomplete = 0;
	for (size_t i = 0; i < ts->n; i++) {
		ngo += ts->v[i].go;
		incomplete += ts->v[i].unwind_stop != NULL;
	}
	if (json) {
		render_json(o, ts, nat, gm_cli_target_name(c, tname, sizeof(tname)), s);
	} else {
		if (ts->ms_unknown)
			fprintf(o, "%zu threads: which run Go is unknown (runtime.allm is lost)", ts->n);
		else
			fprintf(o, "%zu threads: %zu Go (an M runs on it), %zu not Go; %zu Ms in runtime.allm",
				ts->n, ngo, ts->n - ngo, ts->nms);
		if (ts->ms_without_thread)
			fprintf(o, " (%zu without a thread)", ts->ms_without_thread);
		fputs("\n\n", o);
		for (size_t i = 0; i < ts->n; i++)
			thread_text(o, &ts->v[i], c->native, NULL);
		for (size_t i = 0; i < gm_native_nmodules(nat); i++) {
			const struct gm_native_module *m = gm_native_module(nat, i);
			if (m->problem)
				fprintf(o, "module %s: %s\n", m->path, m->problem);
		}
	}
	if (ts->problem) {
		if (ts->nproblems > 1)
			fprintf(stderr, "gomortem: partial results: %zu problems (first: %s)\n", ts->nproblems,
				ts->problem);
		else
			fprintf(stderr, "gomortem: partial results: %s\n", ts->problem);
		rc = GM_EXIT_PARTIAL;
	}
	rc = gm_cli_soundness(s, rc);
	if (fflush(o) != 0) {
		fprintf(stderr, "gomortem: error writing the output\n");
		rc = GM_EXIT_INTERNAL;
	}
	(void)incomplete;
	gm_threads_destroy(ts);
	gm_native_destroy(nat);
	gm_session_destroy(s);
	return rc;
}
