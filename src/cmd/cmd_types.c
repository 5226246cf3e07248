/* gomortem types: the reflect caches and the types made at run time
 * (src/walk/types.c collects, src/render/render_types.c renders; --all is
 * struct gm_report_opts's). */
#include "gm_cli.h"
#include "gm_report.h"

int gm_cmd_types(const struct gm_cli *c)
{
	return gm_cli_run_report_ops(c, &gm_report_types);
}
