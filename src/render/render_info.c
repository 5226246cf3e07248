/* gomortem info: Go version, module, executable check, layout, plugins,
 * threads and signal. src/walk/info.c collects (gm_info.h); text and JSON
 * ("gomortem.info", docs/json.md) here. */
#include <inttypes.h>
#include <stdio.h>

#include "gm_info.h"
#include "report_ops.h"

static struct gm_error *info_collect(struct gm_session *s, struct gm_info **r)
{
	return gm_info_collect(s, r);
}

static void info_json(struct gm_json *j, const struct gm_info *r, const struct gm_report_meta *m)
{
	const struct gm_session_desc *t = &r->d;
	gm_json_object_begin(j);
	gm_json_kstring(j, "schema", "gomortem.info");
	gm_json_ki64(j, "schema_version", 1);
	gm_report_json_target(j, m->target, t);
	gm_json_kbool(j, "pie", t->pie);
	gm_json_khex(j, "load_bias", t->bias);
	gm_json_kbool(j, "race", t->race);
	gm_json_kstring(j, "goarch", gm_arch_name(t->exe_arch));
	gm_json_kbool(j, "dwarf", t->dwarf);
	gm_json_kbool(j, "symtab", t->symtab);
	gm_json_kstring(j, "layout_source", t->layout_source);
	/* what the layout could not establish (e.g. a runtime global not
	 * found in a stripped binary), and cross-check differences */
	gm_json_karray(j, "layout_warnings");
	for (int i = 0; i < t->nlayout_warnings; i++)
		gm_json_string_n(j, t->layout_warnings[i].s, t->layout_warnings[i].n);
	gm_json_array_end(j);
	gm_json_kstring(j, "nt_file_executable", t->nt_file_exe);
	gm_json_kstring(j, "go_build_id", t->go_build_id);
	gm_json_key(j, "plugins");
	gm_report_plugins_json(j, t);
	gm_report_json_live(j, t);
	if (t->live && t->pause_budget_ms) {
		gm_json_ku64(j, "pause_budget_ms", t->pause_budget_ms);
		gm_json_kbool(j, "pause_budget_default", t->pause_budget_default);
	} else {
		gm_json_knull(j, "pause_budget_ms");
		gm_json_kbool(j, "pause_budget_default", false);
	}
	gm_report_json_process(j, t);
	/* amd64 keeps its register names (rip, rsp); arm64's are pc, sp */
	bool a64 = t->arch == GM_ARCH_ARM64;
	gm_json_karray(j, "threads");
	for (size_t i = 0; i < t->nthreads; i++) {
		const struct gm_thread_desc *th = &t->threads[i];
		const struct gm_info_thread *tm = &r->threads[i];
		gm_json_object_begin(j);
		gm_json_ki64(j, "tid", th->tid);
		gm_json_khex(j, a64 ? "pc" : "rip", th->pc);
		gm_json_khex(j, a64 ? "sp" : "rsp", th->sp);
		if (tm->m_id >= 0)
			gm_json_ki64(j, "m", tm->m_id);
		else
			gm_json_knull(j, "m");
		if (tm->curg_goid >= 0)
			gm_json_ki64(j, "curg", tm->curg_goid);
		else
			gm_json_knull(j, "curg");
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_object_end(j);
}

static void info_text(FILE *o, const struct gm_info *r, const struct gm_report_opts *opts)
{
	const struct gm_session_desc *t = &r->d;
	char sb[32];
	fprintf(o, "target:         %s (%s%s)\n", opts && opts->target ? opts->target : "?", t->source_kind,
		t->truncated ? ", TRUNCATED" : "");
	if (t->decode_known)
		fprintf(o, "decoded:        %.0f%% of %.1f MB on demand (what this command read)%s\n",
			t->decode_total ? 100.0 * (double)t->decoded / (double)t->decode_total : 100.0,
			(double)t->decode_total / 1e6,
			r->size_verified ? "" : "; the stream's length is not verified (GM_DECODE=full checks it)");
	char budget[64] = "no pause budget";
	if (t->pause_budget_ms)
		snprintf(budget, sizeof(budget), "pause budget %u ms%s", t->pause_budget_ms,
			 t->pause_budget_default ? ", the default" : "");
	if (t->live && t->consistent)
		fprintf(o, "pause:          %.3f ms (every thread stopped, %.1f MB copied; %s)\n",
			(double)t->pause_ns / 1e6, (double)t->copied_bytes / 1e6, budget);
	else if (t->live && t->budget_hit)
		fprintf(o, "pause:          %.3f ms (the pause budget: resumed after %.1f of %.1f MB copied, "
			   "the rest read while running, may be inconsistent)\n",
			(double)t->pause_ns / 1e6, (double)t->copied_stopped / 1e6, (double)t->copied_bytes / 1e6);
	else if (t->live)
		fprintf(o, "pause:          none (--no-stop: read while running, may be inconsistent)\n");
	fprintf(o, "executable:     %s (%s)\n", t->exe, gm_report_exe_check_name(t->exe_check));
	fprintf(o, "go version:     %s\n", t->go_version[0] ? t->go_version : "unknown");
	fprintf(o, "module:         %s\n", t->module ? t->module : "unknown");
	fprintf(o, "goarch:         %s\n", gm_arch_name(t->exe_arch));
	if (t->pie)
		fprintf(o, "pie:            yes, loaded at bias 0x%" PRIx64 "\n", t->bias);
	if (t->race)
		fprintf(o, "race:           yes (built with -race: the race detector's memory is in maps)\n");
	fprintf(o, "dwarf:          %s\n", t->dwarf ? "yes" : "no");
	fprintf(o, "symbol table:   %s\n", t->symtab ? "yes" : "no");
	fprintf(o, "layout from:    %s\n", t->layout_source);
	for (int i = 0; i < t->nlayout_warnings; i++)
		fprintf(o, "layout warning: %.*s\n", (int)t->layout_warnings[i].n, t->layout_warnings[i].s);
	if (t->go_build_id[0])
		fprintf(o, "go build id:    %s\n", t->go_build_id);
	if (t->nplugins) {
		fprintf(o, "go plugins:     %zu\n", t->nplugins);
		gm_report_plugins_text(o, t, "  ");
	}
	fprintf(o, "process:        pid %d", t->pid);
	if (t->comm)
		fprintf(o, " (%s)", t->comm);
	fputc('\n', o);
	if (t->signo > 0)
		fprintf(o, "signal:         %s (%d)\n", gm_report_signame(t->signo, sb, sizeof(sb)), t->signo);
	else if (t->live)
		fprintf(o, "signal:         none (running)\n");
	else
		fprintf(o, "signal:         unknown\n");
	fprintf(o, "threads:        %zu\n", t->nthreads);
	for (size_t i = 0; i < t->nthreads; i++) {
		const struct gm_thread_desc *th = &t->threads[i];
		const struct gm_info_thread *tm = &r->threads[i];
		if (t->arch == GM_ARCH_ARM64)
			fprintf(o, "  tid %-8d pc  0x%-14" PRIx64 " sp  0x%-14" PRIx64, th->tid, th->pc, th->sp);
		else
			fprintf(o, "  tid %-8d rip 0x%-14" PRIx64 " rsp 0x%-14" PRIx64, th->tid, th->pc, th->sp);
		if (tm->m_id >= 0)
			fprintf(o, " m%" PRId64, tm->m_id);
		if (tm->curg_goid >= 0)
			fprintf(o, " running goroutine %" PRId64, tm->curg_goid);
		if (th->cursig)
			fprintf(o, " (%s)", gm_report_signame(th->cursig, sb, sizeof(sb)));
		fputc('\n', o);
	}
}

/* info reads what the goroutine walk's plan copies (the M list), as threads */
GM_REPORT_OPS_PLAN(info, struct gm_info, gm_info_destroy, true);
