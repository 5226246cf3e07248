/* gomortem finalizers: registered and queued finalizers and cleanups, the
 * other special kinds, and the goroutines that run finalizers and cleanups
 * (src/walk/finalizers.c collects, src/render/render_finalizers.c renders). */
#include "gm_cli.h"
#include "gm_report.h"

int gm_cmd_finalizers(const struct gm_cli *c)
{
	return gm_cli_run_report_ops(c, &gm_report_finalizers);
}
