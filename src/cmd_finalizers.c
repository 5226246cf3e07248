/* gomortem finalizers (issue 4): not implemented yet. */
#include "gm_cli.h"

int gm_cmd_finalizers(const struct gm_cli *c)
{
	return gm_cli_report_error(gm_error_create(GM_ERR_UNSUPPORTED, "finalizers: not implemented yet"));
}
