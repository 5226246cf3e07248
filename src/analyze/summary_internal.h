/* What summary.c, summary_flags.c and failon.c share. Private to
 * src/analyze. */
#ifndef GM_SUMMARY_INTERNAL_H
#define GM_SUMMARY_INTERNAL_H
#include <stdbool.h>
#include <stdint.h>

#include "gm_summary.h"

static inline void set_metric(struct gm_summary *sm, enum gm_metric m, int64_t v)
{
	sm->metric[m] = v;
	sm->metric_known[m] = true;
}

#endif
