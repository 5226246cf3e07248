/* What the report renderers share (see gm_report.h). */
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

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
