/* gomortem maps: every mapping classified, and the memory outside the Go
 * heap that the runtime does not account for (src/walk/maps.c collects,
 * src/render/render_maps.c renders). */
#include "gm_cli.h"
#include "gm_report.h"

int gm_cmd_maps(const struct gm_cli *c)
{
	return gm_cli_run_report_ops(c, &gm_report_maps);
}
