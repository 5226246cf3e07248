/* gomortem info: Go version, module, executable check, threads, signal. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_cli.h"
#include "gm_report.h"
#include "gm_render.h"
#include "gm_threads.h"

/* Maps each thread to its M (m.procid == tid) and the M's current goroutine,
 * with the M list's plausibility checks (src/threads.c). */
struct thread_m {
	int64_t m_id;
	int64_t curg_goid;
};

static const char *map_threads(struct gm_session *s, struct thread_m *tm, struct gm_threads **tsp)
{
	for (size_t i = 0; i < s->target->nthreads; i++)
		tm[i] = (struct thread_m){-1, -1};
	struct gm_threads *ts = NULL;
	struct gm_error *err = gm_threads_collect(s->target, s->gobin, &s->layout, NULL, &ts);
	if (err) {
		gm_error_destroy(err);
		return "out of memory while mapping threads to Ms";
	}
	for (size_t i = 0; i < ts->n && i < s->target->nthreads; i++) {
		if (!ts->v[i].go)
			continue;
		tm[i].m_id = ts->v[i].m_id;
		tm[i].curg_goid = ts->v[i].curg_goid ? (int64_t)ts->v[i].curg_goid : -1;
	}
	*tsp = ts;
	return ts->problem;
}

static const char *exe_check_name(enum gm_exe_check c)
{
	return c == GM_EXE_MATCH ? "match" : c == GM_EXE_MISMATCH ? "mismatch" : "unverified";
}

int gm_cmd_info(const struct gm_cli *c)
{
	bool json;
	struct gm_session *s;
	int rc = gm_cli_begin(c, false, &json, &s);
	if (rc)
		return rc;
	struct gm_target *t = s->target;
	struct gm_gobin *gb = s->gobin;
	struct thread_m *tm = calloc(t->nthreads ? t->nthreads : 1, sizeof(*tm));
	if (!tm) {
		gm_session_destroy(s);
		return GM_EXIT_INTERNAL;
	}
	struct gm_threads *ts = NULL;
	const char *tproblem = map_threads(s, tm, &ts);
	/* before anything is printed: a compressed core shorter than its
	 * program headers is TRUNCATED here as a cut plain core is */
	bool verified = gm_target_verify_size(t);
	char sb[32];
	FILE *o = stdout;
	if (json) {
		fputs("{\"schema\":\"gomortem.info\",\"schema_version\":1,\"core\":", o);
		char tname[64];
		const char *tn = gm_cli_target_name(c, tname, sizeof(tname));
		gm_json_str(o, tn, strlen(tn));
		fputs(",\"source\":", o);
		gm_json_str(o, t->source_kind, strlen(t->source_kind));
		fprintf(o, ",\"truncated\":%s,\"executable\":", t->truncated ? "true" : "false");
		gm_json_str(o, gb->path, strlen(gb->path));
		fprintf(o, ",\"executable_check\":\"%s\",\"go_version\":", exe_check_name(s->exe_check));
		gm_json_str(o, gb->go_version, strlen(gb->go_version));
		fputs(",\"module\":", o);
		gm_json_str(o, gb->mod_path, gb->mod_path ? strlen(gb->mod_path) : 0);
		fprintf(o, ",\"pie\":%s,\"load_bias\":\"0x%" PRIx64 "\"", gb->pie ? "true" : "false", gb->bias);
		fprintf(o, ",\"race\":%s", gm_gobin_is_race(gb) ? "true" : "false");
		fprintf(o, ",\"goarch\":\"%s\",\"dwarf\":%s,\"symtab\":%s,\"layout_source\":", gm_arch_name(gb->arch),
			gb->has_dwarf ? "true" : "false", gb->has_symtab ? "true" : "false");
		gm_json_str(o, s->layout.source, strlen(s->layout.source));
		/* what the layout could not establish (e.g. a runtime global not
		 * found in a stripped binary), and cross-check differences */
		fputs(",\"layout_warnings\":[", o);
		for (int i = 0; i < s->layout.n_warnings && i < GM_LAYOUT_MAX_WARNINGS; i++) {
			if (i)
				fputc(',', o);
			gm_json_str(o, s->layout.warnings[i], strnlen(s->layout.warnings[i], sizeof(s->layout.warnings[i])));
		}
		fputc(']', o);
		fputs(",\"nt_file_executable\":", o);
		gm_json_str(o, t->exe_path, t->exe_path ? strlen(t->exe_path) : 0);
		fputs(",\"go_build_id\":", o);
		gm_json_str(o, gb->go_build_id, strlen(gb->go_build_id));
		fputs(",\"plugins\":", o);
		gm_cli_plugins_json(o, s);
		fprintf(o, ",\"live\":%s,\"consistent\":%s,\"pause_ms\":", t->is_live ? "true" : "false",
			t->consistent || !t->is_live ? "true" : "false");
		if (t->is_live && t->consistent)
			fprintf(o, "%.3f", (double)t->pause_ns / 1e6);
		else
			fputs("null", o);
		if (t->is_live && t->pause_budget_ms)
			fprintf(o, ",\"pause_budget_ms\":%u,\"pause_budget_default\":%s", t->pause_budget_ms,
				t->pause_budget_default ? "true" : "false");
		else
			fputs(",\"pause_budget_ms\":null,\"pause_budget_default\":false", o);
		fprintf(o, ",\"pid\":%d,\"command\":", t->pid);
		gm_json_str(o, t->comm, t->comm ? strlen(t->comm) : 0);
		fputs(",\"signal\":", o);
		if (t->signo > 0) {
			fprintf(o, "{\"number\":%d,\"name\":", t->signo);
			gm_report_signame(t->signo, sb, sizeof(sb));
			gm_json_str(o, sb, strlen(sb));
			fputc('}', o);
		} else {
			fputs("null", o);
		}
		fputs(",\"threads\":[", o);
		for (size_t i = 0; i < t->nthreads; i++) {
			const struct gm_thread *th = &t->threads[i];
			/* amd64 keeps its register names (rip, rsp); arm64's are pc, sp */
			bool a64 = t->arch == GM_ARCH_ARM64;
			fprintf(o, "%s{\"tid\":%d,\"%s\":\"0x%" PRIx64 "\",\"%s\":\"0x%" PRIx64 "\",\"m\":",
				i ? "," : "", th->tid, a64 ? "pc" : "rip", th->r.pc, a64 ? "sp" : "rsp", th->r.sp);
			if (tm[i].m_id >= 0)
				fprintf(o, "%" PRId64, tm[i].m_id);
			else
				fputs("null", o);
			fputs(",\"curg\":", o);
			if (tm[i].curg_goid >= 0)
				fprintf(o, "%" PRId64, tm[i].curg_goid);
			else
				fputs("null", o);
			fputc('}', o);
		}
		fputs("]}\n", o);
	} else {
		char tname[64];
		fprintf(o, "target:         %s (%s%s)\n", gm_cli_target_name(c, tname, sizeof(tname)), t->source_kind,
			t->truncated ? ", TRUNCATED" : "");
		uint64_t dec = 0, tot = 0;
		if (gm_target_decode_progress(t, &dec, &tot))
			fprintf(o, "decoded:        %.0f%% of %.1f MB on demand (what this command read)%s\n",
				tot ? 100.0 * (double)dec / (double)tot : 100.0, (double)tot / 1e6,
				verified ? "" : "; the stream's length is not verified (GM_DECODE=full checks it)");
		char budget[64] = "no pause budget";
		if (t->pause_budget_ms)
			snprintf(budget, sizeof(budget), "pause budget %u ms%s", t->pause_budget_ms,
				 t->pause_budget_default ? ", the default" : "");
		if (t->is_live && t->consistent)
			fprintf(o, "pause:          %.3f ms (every thread stopped, %.1f MB copied; %s)\n",
				(double)t->pause_ns / 1e6, (double)t->copied_bytes / 1e6, budget);
		else if (t->is_live && t->budget_hit)
			fprintf(o, "pause:          %.3f ms (the pause budget: resumed after %.1f of %.1f MB copied, "
				   "the rest read while running, may be inconsistent)\n",
				(double)t->pause_ns / 1e6, (double)t->copied_stopped / 1e6,
				(double)t->copied_bytes / 1e6);
		else if (t->is_live)
			fprintf(o, "pause:          none (--no-stop: read while running, may be inconsistent)\n");
		fprintf(o, "executable:     %s (%s)\n", gb->path, exe_check_name(s->exe_check));
		fprintf(o, "go version:     %s\n", gb->go_version[0] ? gb->go_version : "unknown");
		fprintf(o, "module:         %s\n", gb->mod_path ? gb->mod_path : "unknown");
		fprintf(o, "goarch:         %s\n", gm_arch_name(gb->arch));
		if (gb->pie)
			fprintf(o, "pie:            yes, loaded at bias 0x%" PRIx64 "\n", gb->bias);
		if (gm_gobin_is_race(gb))
			fprintf(o, "race:           yes (built with -race: the race detector's memory is in maps)\n");
		fprintf(o, "dwarf:          %s\n", gb->has_dwarf ? "yes" : "no");
		fprintf(o, "symbol table:   %s\n", gb->has_symtab ? "yes" : "no");
		fprintf(o, "layout from:    %s\n", s->layout.source);
		for (int i = 0; i < s->layout.n_warnings && i < GM_LAYOUT_MAX_WARNINGS; i++)
			fprintf(o, "layout warning: %.*s\n", (int)sizeof(s->layout.warnings[i]), s->layout.warnings[i]);
		if (gb->go_build_id[0])
			fprintf(o, "go build id:    %s\n", gb->go_build_id);
		if (s->nplugins) {
			fprintf(o, "go plugins:     %zu\n", s->nplugins);
			gm_cli_plugins_text(o, s, "  ");
		}
		fprintf(o, "process:        pid %d", t->pid);
		if (t->comm)
			fprintf(o, " (%s)", t->comm);
		fputc('\n', o);
		if (t->signo > 0)
			fprintf(o, "signal:         %s (%d)\n", gm_report_signame(t->signo, sb, sizeof(sb)), t->signo);
		else if (t->is_live)
			fprintf(o, "signal:         none (running)\n");
		else
			fprintf(o, "signal:         unknown\n");
		fprintf(o, "threads:        %zu\n", t->nthreads);
		for (size_t i = 0; i < t->nthreads; i++) {
			const struct gm_thread *th = &t->threads[i];
			if (t->arch == GM_ARCH_ARM64)
				fprintf(o, "  tid %-8d pc  0x%-14" PRIx64 " sp  0x%-14" PRIx64, th->tid, th->r.pc,
					th->r.sp);
			else
				fprintf(o, "  tid %-8d rip 0x%-14" PRIx64 " rsp 0x%-14" PRIx64, th->tid, th->r.pc,
					th->r.sp);
			if (tm[i].m_id >= 0)
				fprintf(o, " m%" PRId64, tm[i].m_id);
			if (tm[i].curg_goid >= 0)
				fprintf(o, " running goroutine %" PRId64, tm[i].curg_goid);
			if (th->cursig)
				fprintf(o, " (%s)", gm_report_signame(th->cursig, sb, sizeof(sb)));
			fputc('\n', o);
		}
	}
	free(tm);
	if (tproblem) {
		fprintf(stderr, "gomortem: partial results: threads: %s\n", tproblem);
		rc = GM_EXIT_PARTIAL;
	}
	gm_threads_destroy(ts);
	if (fflush(o) != 0)
		rc = GM_EXIT_INTERNAL;
	else
		rc = gm_cli_soundness(s, rc);
	gm_session_destroy(s);
	return rc;
}

