/* gomortem timers: every pending timer of every P, grouped by what it runs
 * (src/walk/timers.c collects, src/render/render_timers.c renders). */
#include "gm_cli.h"
#include "gm_report.h"

int gm_cmd_timers(const struct gm_cli *c)
{
	return gm_cli_run_report_ops(c, &gm_report_timers);
}
