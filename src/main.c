/* gomortem: command table, option parsing, exit codes.
 *
 * Exit codes (docs/usage.md):
 *   0  success
 *   1  partial: output was produced but something could not be read
 *      (unreadable goroutines, incomplete stacks, truncated core, unverified executable)
 *   2  bad input: the core or executable cannot be used (named in a one-line error)
 *   64 usage error
 *   70 internal error (out of memory, output error) */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_goroutines.h"
#include "gm_render.h"
#include "gm_session.h"

#define EXIT_PARTIAL 1
#define EXIT_BADINPUT 2
#define EXIT_USAGE 64
#define EXIT_INTERNAL 70

#ifndef GM_VERSION
#define GM_VERSION "0.1.0"
#endif

static const char usage_text[] =
	"usage: gomortem <command> CORE [options]\n"
	"\n"
	"Inspects a Go program from an ELF core file (plain or zstd-compressed).\n"
	"\n"
	"commands:\n"
	"  goroutines CORE [--exe EXE] [--format text|go|json] [--full-goids] [--no-fold]\n"
	"      every goroutine: grouped by state and stack (text), as the Go runtime\n"
	"      prints them in a GOTRACEBACK=crash dump (go), or as JSON (docs/json.md)\n"
	"  info CORE [--exe EXE] [--format text|json]\n"
	"      Go version, module, executable check, threads, the signal that ended it\n"
	"\n"
	"options:\n"
	"  --exe EXE      the executable (default: the one the core's NT_FILE note names)\n"
	"  --force        read the core even if the executable does not match it\n"
	"  --format F     output format\n"
	"  -h, --help     this text;  --version  print the version\n"
	"\n"
	"exit codes: 0 ok, 1 partial results, 2 bad input, 64 usage, 70 internal error\n";

struct cli {
	const char *cmd;
	const char *core;
	const char *exe;
	const char *format;
	bool force;
	bool full_goids;
	bool no_fold;
};

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "gomortem: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n(see gomortem --help)\n");
	va_end(ap);
	return EXIT_USAGE;
}

static int exit_for_error(const struct gm_error *err)
{
	switch (err->code) {
	case GM_ERR_NOMEM:
		return EXIT_INTERNAL;
	case GM_ERR_USAGE:
		return EXIT_USAGE;
	default:
		return EXIT_BADINPUT;
	}
}

static int report_error(struct gm_error *err)
{
	fprintf(stderr, "gomortem: %s\n", err->msg);
	int rc = exit_for_error(err);
	gm_error_destroy(err);
	return rc;
}

static int open_session(const struct cli *c, struct gm_session **s)
{
	struct gm_session_opts o = {.core = c->core, .exe = c->exe, .force = c->force};
	struct gm_error *err = gm_session_open(&o, s);
	if (err)
		return report_error(err);
	for (int i = 0; i < (*s)->nwarnings; i++)
		fprintf(stderr, "gomortem: warning: %s\n", (*s)->warnings[i]);
	return 0;
}

static int read_tracebacklabels(struct gm_session *s)
{
	const struct gm_layout *l = &s->layout;
	uint32_t v;
	if (!l->debug || l->debug_tracebacklabels < 0)
		return -1;
	if (!gm_memsrc_u32(s->target->mem, l->debug + (uint64_t)l->debug_tracebacklabels, &v))
		return -1;
	return (int)v;
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

static int cmd_goroutines(const struct cli *c)
{
	const struct gm_renderer *r = &gm_render_text;
	if (c->format) {
		if (!strcmp(c->format, "go"))
			r = &gm_render_go;
		else if (!strcmp(c->format, "json"))
			r = &gm_render_json;
		else if (strcmp(c->format, "text"))
			return usage_error("unknown format '%s' (text, go or json)", c->format);
	}
	struct gm_session *s;
	int rc = open_session(c, &s);
	if (rc)
		return rc;
	struct gm_gwalk_opts wo = {.want_args = r->want_args, .want_labels = true};
	struct gm_gwalk *w;
	struct gm_error *err = gm_gwalk_create(s->target, s->gobin, &s->layout, &wo, &w);
	if (err) {
		rc = report_error(err);
		gm_session_destroy(s);
		return rc;
	}
	struct gm_render_ctx ctx = {
		.out = stdout,
		.go_minor = s->gobin->go_minor,
		.go_version = s->gobin->go_version,
		.core_path = c->core,
		.exe_path = s->gobin->path,
		.tracebacklabels = read_tracebacklabels(s),
		.fold_runtime = !c->no_fold,
		.full_goids = c->full_goids,
	};
	ctx.now = gm_gwalk_now(w, &ctx.now_source);
	void *st = r->begin(&ctx);
	if (!st) {
		gm_gwalk_destroy(w);
		gm_session_destroy(s);
		fprintf(stderr, "gomortem: out of memory\n");
		return EXIT_INTERNAL;
	}
	const struct gm_goroutine *g;
	while (!(err = gm_gwalk_next(w, &g)) && g)
		r->goroutine(st, g);
	struct gm_gwalk_stats stats;
	gm_gwalk_stats(w, &stats);
	print_self_stats();
	int out_rc = r->end(st, &stats);
	if (fflush(stdout) != 0)
		out_rc = -1;
	if (err) {
		fprintf(stderr, "gomortem: %s\n", err->msg);
		gm_error_destroy(err);
		rc = EXIT_PARTIAL;
	}
	if (stats.unreadable || stats.unwind_errors) {
		fprintf(stderr,
			"gomortem: partial results: %" PRIu64 " goroutines unreadable, %" PRIu64
			" stacks incomplete (first: %s)\n",
			stats.unreadable, stats.unwind_errors,
			stats.first_problem ? stats.first_problem : "?");
		rc = EXIT_PARTIAL;
	}
	if (s->target->truncated || s->exe_check != GM_EXE_MATCH)
		rc = rc ? rc : EXIT_PARTIAL;
	if (out_rc) {
		fprintf(stderr, "gomortem: error writing the output\n");
		rc = EXIT_INTERNAL;
	}
	gm_gwalk_destroy(w);
	gm_session_destroy(s);
	return rc;
}

static const char *signame(int sig, char *buf, size_t n)
{
	const char *a = sig > 0 ? sigabbrev_np(sig) : NULL;
	if (a)
		snprintf(buf, n, "SIG%s", a);
	else
		snprintf(buf, n, "signal %d", sig);
	return buf;
}

/* Maps each thread to its M (m.procid == tid) and the M's current goroutine. */
struct thread_m {
	int64_t m_id;
	int64_t curg_goid;
};

static void map_threads(struct gm_session *s, struct thread_m *tm)
{
	const struct gm_layout *l = &s->layout;
	struct gm_memsrc *mem = s->target->mem;
	for (size_t i = 0; i < s->target->nthreads; i++)
		tm[i] = (struct thread_m){-1, -1};
	uint64_t mp = 0;
	if (!l->allm || !gm_memsrc_u64(mem, l->allm, &mp))
		return;
	for (int n = 0; mp && n < 100000; n++) {
		uint64_t procid = 0, id = 0, curg = 0;
		if (!gm_memsrc_u64(mem, mp + (uint64_t)l->m_procid, &procid) ||
		    !gm_memsrc_u64(mem, mp + (uint64_t)l->m_id, &id))
			break;
		gm_memsrc_u64(mem, mp + (uint64_t)l->m_curg, &curg);
		for (size_t i = 0; i < s->target->nthreads; i++) {
			if ((uint64_t)s->target->threads[i].tid == procid) {
				tm[i].m_id = (int64_t)id;
				uint64_t goid;
				if (curg && gm_memsrc_u64(mem, curg + (uint64_t)l->g_goid, &goid))
					tm[i].curg_goid = (int64_t)goid;
			}
		}
		if (!gm_memsrc_u64(mem, mp + (uint64_t)l->m_alllink, &mp))
			break;
	}
}

static const char *exe_check_name(enum gm_exe_check c)
{
	return c == GM_EXE_MATCH ? "match" : c == GM_EXE_MISMATCH ? "mismatch" : "unverified";
}

static int cmd_info(const struct cli *c)
{
	bool json = false;
	if (c->format) {
		if (!strcmp(c->format, "json"))
			json = true;
		else if (strcmp(c->format, "text"))
			return usage_error("unknown format '%s' for info (text or json)", c->format);
	}
	struct gm_session *s;
	int rc = open_session(c, &s);
	if (rc)
		return rc;
	struct gm_target *t = s->target;
	struct gm_gobin *gb = s->gobin;
	struct thread_m *tm = calloc(t->nthreads ? t->nthreads : 1, sizeof(*tm));
	if (!tm) {
		gm_session_destroy(s);
		return EXIT_INTERNAL;
	}
	map_threads(s, tm);
	char sb[32];
	FILE *o = stdout;
	if (json) {
		fputs("{\"schema\":\"gomortem.info\",\"schema_version\":1,\"core\":", o);
		gm_json_str(o, c->core, strlen(c->core));
		fputs(",\"source\":", o);
		gm_json_str(o, t->source_kind, strlen(t->source_kind));
		fprintf(o, ",\"truncated\":%s,\"executable\":", t->truncated ? "true" : "false");
		gm_json_str(o, gb->path, strlen(gb->path));
		fprintf(o, ",\"executable_check\":\"%s\",\"go_version\":", exe_check_name(s->exe_check));
		gm_json_str(o, gb->go_version, strlen(gb->go_version));
		fputs(",\"module\":", o);
		gm_json_str(o, gb->mod_path, gb->mod_path ? strlen(gb->mod_path) : 0);
		fprintf(o, ",\"goarch\":\"amd64\",\"dwarf\":%s,\"symtab\":%s,\"layout_source\":",
			gb->has_dwarf ? "true" : "false", gb->has_symtab ? "true" : "false");
		gm_json_str(o, s->layout.source, strlen(s->layout.source));
		fputs(",\"nt_file_executable\":", o);
		gm_json_str(o, t->exe_path, t->exe_path ? strlen(t->exe_path) : 0);
		fputs(",\"go_build_id\":", o);
		gm_json_str(o, gb->go_build_id, strlen(gb->go_build_id));
		fprintf(o, ",\"pid\":%d,\"command\":", t->pid);
		gm_json_str(o, t->comm, t->comm ? strlen(t->comm) : 0);
		fputs(",\"signal\":", o);
		if (t->signo > 0) {
			fprintf(o, "{\"number\":%d,\"name\":", t->signo);
			signame(t->signo, sb, sizeof(sb));
			gm_json_str(o, sb, strlen(sb));
			fputc('}', o);
		} else {
			fputs("null", o);
		}
		fputs(",\"threads\":[", o);
		for (size_t i = 0; i < t->nthreads; i++) {
			const struct gm_thread *th = &t->threads[i];
			fprintf(o, "%s{\"tid\":%d,\"rip\":\"0x%" PRIx64 "\",\"rsp\":\"0x%" PRIx64 "\",\"m\":",
				i ? "," : "", th->tid, th->regs.rip, th->regs.rsp);
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
		fprintf(o, "core:           %s (%s%s)\n", c->core, t->source_kind,
			t->truncated ? ", TRUNCATED" : "");
		fprintf(o, "executable:     %s (%s)\n", gb->path, exe_check_name(s->exe_check));
		fprintf(o, "go version:     %s\n", gb->go_version[0] ? gb->go_version : "unknown");
		fprintf(o, "module:         %s\n", gb->mod_path ? gb->mod_path : "unknown");
		fprintf(o, "goarch:         amd64\n");
		fprintf(o, "dwarf:          %s\n", gb->has_dwarf ? "yes" : "no");
		fprintf(o, "symbol table:   %s\n", gb->has_symtab ? "yes" : "no");
		fprintf(o, "layout from:    %s\n", s->layout.source);
		if (gb->go_build_id[0])
			fprintf(o, "go build id:    %s\n", gb->go_build_id);
		fprintf(o, "process:        pid %d", t->pid);
		if (t->comm)
			fprintf(o, " (%s)", t->comm);
		fputc('\n', o);
		if (t->signo > 0)
			fprintf(o, "signal:         %s (%d)\n", signame(t->signo, sb, sizeof(sb)), t->signo);
		else
			fprintf(o, "signal:         unknown\n");
		fprintf(o, "threads:        %zu\n", t->nthreads);
		for (size_t i = 0; i < t->nthreads; i++) {
			const struct gm_thread *th = &t->threads[i];
			fprintf(o, "  tid %-8d rip 0x%-14" PRIx64 " rsp 0x%-14" PRIx64, th->tid, th->regs.rip,
				th->regs.rsp);
			if (tm[i].m_id >= 0)
				fprintf(o, " m%" PRId64, tm[i].m_id);
			if (tm[i].curg_goid >= 0)
				fprintf(o, " running goroutine %" PRId64, tm[i].curg_goid);
			if (th->cursig)
				fprintf(o, " (%s)", signame(th->cursig, sb, sizeof(sb)));
			fputc('\n', o);
		}
	}
	free(tm);
	if (fflush(o) != 0)
		rc = EXIT_INTERNAL;
	else if (t->truncated || s->exe_check != GM_EXE_MATCH)
		rc = EXIT_PARTIAL;
	gm_session_destroy(s);
	return rc;
}

static const struct command {
	const char *name;
	int (*fn)(const struct cli *c);
} commands[] = {
	{"goroutines", cmd_goroutines},
	{"info", cmd_info},
};

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"exe", required_argument, NULL, 'e'},
		{"format", required_argument, NULL, 'f'},
		{"force", no_argument, NULL, 'F'},
		{"full-goids", no_argument, NULL, 'G'},
		{"no-fold", no_argument, NULL, 'N'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{0, 0, 0, 0},
	};
	struct cli c = {0};
	int opt;
	while ((opt = getopt_long(argc, argv, "+e:f:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'V':
			printf("gomortem %s\n", GM_VERSION);
			return 0;
		default:
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	c.cmd = argv[optind++];
	/* options may come before or after CORE */
	int rest = argc - optind + 1;
	char **rv = argv + optind - 1;
	optind = 1;
	while (optind < rest) {
		opt = getopt_long(rest, rv, "e:f:h", longopts, NULL);
		if (opt == -1) {
			if (c.core)
				return usage_error("unexpected argument '%s'", rv[optind]);
			c.core = rv[optind++];
			continue;
		}
		switch (opt) {
		case 'e': c.exe = optarg; break;
		case 'f': c.format = optarg; break;
		case 'F': c.force = true; break;
		case 'G': c.full_goids = true; break;
		case 'N': c.no_fold = true; break;
		case 'h': fputs(usage_text, stdout); return 0;
		case 'V': printf("gomortem %s\n", GM_VERSION); return 0;
		default: return EXIT_USAGE;
		}
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(commands[i].name, c.cmd)) {
			if (!c.core)
				return usage_error("%s: missing CORE", c.cmd);
			return commands[i].fn(&c);
		}
	}
	return usage_error("unknown command '%s'", c.cmd);
}
