/* gomortem threads: every OS thread with the M it runs and its native stack
 * (src/walk/threads.c and native.c collect, src/render/render_threads.c
 * renders). */
#include "gm_cli.h"
#include "gm_report.h"

int gm_cmd_threads(const struct gm_cli *c)
{
	return gm_cli_run_report_ops(c, &gm_report_threads);
}
