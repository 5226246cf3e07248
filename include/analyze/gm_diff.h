/* gm_diff: the comparison of two summaries of the same program (gomortem
 * diff OLD NEW): every named metric's growth, and --fail-on thresholds on
 * growth ("growth.METRIC OP NUMBER[%]", percent relative to OLD).
 * Nothing here prints. First part of issue #19: metrics only; the
 * goroutine groups matched by stack are not compared yet. */
#ifndef GM_DIFF_H
#define GM_DIFF_H
#include <stdbool.h>
#include <stdint.h>
#include "gm_summary.h"

struct gm_diff_failon {
	struct gm_failon f;     /* metric, op, value (a percentage when percent) */
	bool percent;
	const char *expr;
};

/* GM_ERR_USAGE unless EXPR is growth.METRIC OP NUMBER[UNIT|%]. */
struct gm_error *gm_diff_failon_parse(const char *expr, struct gm_diff_failon *out);
/* 1 crossed, 0 not, -1 unknown (the metric is unknown in either summary,
 * or a percentage of an OLD value of 0). */
int gm_diff_failon_eval(const struct gm_diff_failon *d, const struct gm_summary *old,
			const struct gm_summary *nw);
/* growth of metric m: *known false when either side is unknown */
int64_t gm_diff_growth(const struct gm_summary *old, const struct gm_summary *nw, enum gm_metric m,
		       bool *known);

#endif
