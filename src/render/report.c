/* What the report renderers share (see gm_report.h). */
#include <stdlib.h>

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
