/* The runtime's debug settings (runtime.debug, set from GODEBUG) as the
 * target had them. */
#include "gm_rtdebug.h"

int gm_rtdebug_tracebacklabels(struct gm_memsrc *m, const struct gm_layout *l)
{
	uint32_t v;
	if (!l->debug || l->debug_tracebacklabels < 0)
		return -1;
	if (!gm_memsrc_u32(m, l->debug + (uint64_t)l->debug_tracebacklabels, &v))
		return -1;
	return (int)v;
}
