/* What the report renderers share (see gm_report.h). */
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "gm_fmt.h"
#include "report_ops.h"

int gm_report_write_json(const struct gm_report_ops *ops, FILE *f, const void *report,
			 const struct gm_report_meta *m)
{
	struct gm_out *o = malloc(sizeof(*o));
	if (!o)
		return -1;
	gm_out_init(o, f);
	struct gm_json j;
	gm_json_init(&j, o);
	ops->render_json(&j, report, m);
	gm_out_ch(o, '\n');
	bool written = gm_out_flush(o);
	free(o);
	return !written ? -1 : !gm_json_ok(&j) ? -2 : 0;
}

void gm_report_json_begin(struct gm_json *j, const char *schema, int version,
			  const struct gm_report_meta *m)
{
	gm_json_object_begin(j);
	gm_json_kstring(j, "schema", schema);
	gm_json_ki64(j, "schema_version", version);
	gm_json_kstring(j, "go_version", m->go_version);
	gm_json_kstring(j, "core", m->target);
	gm_json_kstring(j, "executable", m->exe);
}

void gm_report_json_code(struct gm_json *j, const char *function, const char *file, int32_t line,
			 uint64_t pc)
{
	gm_json_kstring(j, "function", function);
	gm_json_kstring(j, "file", file);
	if (file)
		gm_json_ki64(j, "line", line);
	else
		gm_json_knull(j, "line");
	gm_json_khex(j, "pc", pc);
}

void gm_report_json_frame(struct gm_json *j, const char *key, const char *func, const char *file, int32_t line)
{
	if (!func) {
		gm_json_knull(j, key);
		return;
	}
	gm_json_kobject(j, key);
	gm_json_kstring(j, "function", func);
	gm_json_kstring(j, "file", file);
	gm_json_ki64(j, "line", line);
	gm_json_object_end(j);
}

const char *gm_report_human(uint64_t v, char *buf, size_t n)
{
	if (v >= (10ull << 30))
		snprintf(buf, n, "%.1f GiB", (double)v / (1u << 30));
	else if (v >= (10ull << 20))
		snprintf(buf, n, "%.1f MiB", (double)v / (1u << 20));
	else if (v >= (10ull << 10))
		snprintf(buf, n, "%.1f KiB", (double)v / (1u << 10));
	else
		snprintf(buf, n, "%" PRIu64 " B", v);
	return buf;
}

void gm_report_json_now(struct gm_json *j, int64_t now, const char *source)
{
	if (!now) {
		gm_json_knull(j, "now");
		return;
	}
	gm_json_kobject(j, "now");
	gm_json_ki64(j, "nanotime", now);
	gm_json_kbool(j, "lower_bound", !(source && !strcmp(source, "CLOCK_MONOTONIC")));
	gm_json_kstring(j, "source", source);
	gm_json_object_end(j);
}

const char *gm_report_signame(int sig, char *buf, size_t n)
{
	const char *a = sig > 0 ? sigabbrev_np(sig) : NULL;
	if (a)
		snprintf(buf, n, "SIG%s", a);
	else
		snprintf(buf, n, "signal %d", sig);
	return buf;
}

const char *gm_report_exe_check_name(enum gm_exe_check c)
{
	return c == GM_EXE_MATCH ? "match" : c == GM_EXE_MISMATCH ? "mismatch" : "unverified";
}

void gm_report_plugins_json(struct gm_json *j, const struct gm_session_desc *d)
{
	gm_json_array_begin(j);
	for (size_t i = 0; i < d->nplugins; i++) {
		const struct gm_plugin_desc *p = &d->plugins[i];
		gm_json_object_begin(j);
		gm_json_kstring(j, "path", p->path);
		gm_json_kstring(j, "pluginpath", p->pluginpath);
		gm_json_kstring(j, "go_build_id", p->go_build_id);
		gm_json_kstring(j, "build_id", p->build_id);
		gm_json_khex(j, "moduledata", p->moduledata);
		gm_json_khex(j, "load_bias", p->bias);
		gm_json_ku64(j, "mapped_bytes", p->mapped);
		gm_json_kbool(j, "symtab", p->symtab);
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
}

void gm_report_plugins_text(FILE *o, const struct gm_session_desc *d, const char *indent)
{
	for (size_t i = 0; i < d->nplugins; i++) {
		const struct gm_plugin_desc *p = &d->plugins[i];
		char sz[32];
		gm_fmt_bytes(p->mapped, sz, sizeof(sz));
		if (!p->opened) {
			fprintf(o, "%s%s (%s: not a Go plugin gomortem can open here), %s mapped\n", indent,
				p->pluginpath[0] ? p->pluginpath : "?", p->path ? p->path : "?", sz);
			continue;
		}
		fprintf(o, "%s%s (%s), %s mapped at bias 0x%" PRIx64 "%s%s%s\n", indent,
			p->pluginpath[0] ? p->pluginpath : "?", p->path ? p->path : "?", sz, p->bias,
			p->go_build_id[0] ? ", go build id " : "", p->go_build_id, !p->symtab ? ", stripped" : "");
	}
}

void gm_report_json_target(struct gm_json *j, const char *name, const struct gm_session_desc *d)
{
	gm_json_kstring(j, "core", name);
	gm_json_kstring(j, "source", d->source_kind);
	gm_json_kbool(j, "truncated", d->truncated);
	gm_json_kstring(j, "executable", d->exe);
	gm_json_kstring(j, "executable_check", gm_report_exe_check_name(d->exe_check));
	gm_json_kstring(j, "go_version", d->go_version);
	gm_json_kstring(j, "module", d->module);
}

void gm_report_json_process(struct gm_json *j, const struct gm_session_desc *d)
{
	char sb[32];
	gm_json_ki64(j, "pid", d->pid);
	gm_json_kstring(j, "command", d->comm);
	if (d->signo > 0) {
		gm_json_kobject(j, "signal");
		gm_json_ki64(j, "number", d->signo);
		gm_json_kstring(j, "name", gm_report_signame(d->signo, sb, sizeof(sb)));
		gm_json_object_end(j);
	} else {
		gm_json_knull(j, "signal");
	}
}

void gm_report_json_live(struct gm_json *j, const struct gm_session_desc *d)
{
	gm_json_kbool(j, "live", d->live);
	gm_json_kbool(j, "consistent", d->consistent || !d->live);
	if (d->live && d->consistent)
		gm_json_kdouble(j, "pause_ms", (double)d->pause_ns / 1e6, 3);
	else
		gm_json_knull(j, "pause_ms");
}
