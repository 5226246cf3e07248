/* What summary.c, summary_flags.c, failon.c and diff.c share. Private to
 * src/analyze. */
#ifndef GM_SUMMARY_INTERNAL_H
#define GM_SUMMARY_INTERNAL_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "gm_summary.h"

static inline void set_metric(struct gm_summary *sm, enum gm_metric m, int64_t v)
{
	sm->metric[m] = v;
	sm->metric_known[m] = true;
}

/* Appends a flag to flags[*n] (at most max: past it, NULL). */
static inline struct gm_summary_flag *gm_flag_vadd(struct gm_summary_flag *flags, int *n, int max,
						   enum gm_flag_severity sev, const char *code,
						   const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
static inline struct gm_summary_flag *gm_flag_vadd(struct gm_summary_flag *flags, int *n, int max,
						   enum gm_flag_severity sev, const char *code,
						   const char *fmt, va_list ap)
{
	if (*n >= max)
		return NULL;
	struct gm_summary_flag *f = &flags[(*n)++];
	f->severity = sev;
	f->code = code;
	vsnprintf(f->message, sizeof(f->message), fmt, ap);
	return f;
}

#endif
