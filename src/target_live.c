/* Live processes (issue 3): not implemented yet. */
#include "gm_target.h"

struct gm_error *gm_target_open_live(int pid, bool no_stop, struct gm_target **ret)
{
	*ret = NULL;
	return gm_error_create(GM_ERR_UNSUPPORTED, "pid %d: reading live processes is not supported yet", pid);
}
