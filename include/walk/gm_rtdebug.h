/* gm_rtdebug: the runtime's debug settings (runtime.debug, from GODEBUG) as
 * the target had them. */
#ifndef GM_RTDEBUG_H
#define GM_RTDEBUG_H
#include "gm_layout.h"
#include "gm_memsrc.h"

/* GODEBUG=tracebacklabels (Go 1.26+): 0 or 1; -1 when the version has no
 * such setting or it cannot be read. */
int gm_rtdebug_tracebacklabels(struct gm_memsrc *m, const struct gm_layout *l);

#endif
