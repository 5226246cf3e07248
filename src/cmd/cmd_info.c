/* gomortem info: Go version, module, executable check, threads, signal
 * (the report and its renderers: src/render/render_info.c). */
#include "gm_cli.h"
#include "gm_report.h"

int gm_cmd_info(const struct gm_cli *c)
{
	return gm_cli_run_report_ops(c, &gm_report_info);
}
