/* --fail-on: parsing and evaluation (see gm_summary.h). */
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_fmt.h"
#include "gm_summary.h"
#include "gm_target.h"
#include "summary_internal.h"

/* ---- --fail-on ---- */

const char *gm_failon_op_str(enum gm_failon_op op)
{
	static const char *const s[] = {">", ">=", "<", "<=", "==", "!="};
	return (unsigned)op < 6 ? s[op] : "?";
}

struct gm_error *gm_failon_parse(const char *expr, struct gm_failon *out)
{
	memset(out, 0, sizeof(*out));
	out->expr = expr;
	size_t nl = strcspn(expr, "<>=! \t");
	const char *p = expr + nl;
	while (*p == ' ' || *p == '\t')
		p++;
	static const struct {
		const char *s;
		enum gm_failon_op op;
	} ops[] = {{">=", GM_OP_GE}, {"<=", GM_OP_LE}, {"==", GM_OP_EQ}, {"!=", GM_OP_NE},
		   {">", GM_OP_GT}, {"<", GM_OP_LT}, {"=", GM_OP_EQ}};
	size_t i;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strncmp(p, ops[i].s, strlen(ops[i].s)))
			break;
	if (nl == 0 || i == sizeof(ops) / sizeof(ops[0]))
		return gm_error_create(GM_ERR_USAGE,
				       "--fail-on '%s': expected METRIC OP NUMBER, e.g. goroutines>10000 "
				       "(OP: > >= < <= == !=)", expr);
	out->op = ops[i].op;
	int m;
	for (m = 0; m < GM_M_N; m++)
		if (strlen(gm_metric_names[m]) == nl && !strncmp(gm_metric_names[m], expr, nl))
			break;
	if (m == GM_M_N)
		return gm_error_create(GM_ERR_USAGE,
				       "--fail-on '%s': unknown metric '%.*s' (gomortem help summary lists them)",
				       expr, (int)(nl < 64 ? nl : 64), expr);
	out->metric = (enum gm_metric)m;
	p += strlen(ops[i].s);
	while (*p == ' ' || *p == '\t')
		p++;
	/* the number, with '_' or ',' grouping digits */
	char num[64];
	size_t k = 0;
	bool neg = false;
	if (*p == '-') {
		neg = true;
		p++;
	}
	while ((*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == ',') {
		if (*p != '_' && *p != ',' && k + 1 < sizeof(num))
			num[k++] = *p;
		p++;
	}
	num[k] = 0;
	char *end;
	double v = k ? strtod(num, &end) : 0;
	if (!k || *end)
		return gm_error_create(GM_ERR_USAGE, "--fail-on '%s': no number after '%s'", expr, ops[i].s);
	while (*p == ' ')
		p++;
	static const struct {
		const char *s;
		double mul;
	} units[] = {{"", 1},
		     {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"TiB", 1099511627776.0},
		     {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
		     {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
		     {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"k", 1e3}, {"B", 1}};
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(p, units[i].s))
			break;
	if (i == sizeof(units) / sizeof(units[0]))
		return gm_error_create(GM_ERR_USAGE,
				       "--fail-on '%s': unknown unit '%s' (K M G T, KiB MiB GiB TiB, or none)", expr, p);
	v *= units[i].mul;
	if (neg)
		v = -v;
	if (!(v > -9.2e18 && v < 9.2e18))
		return gm_error_create(GM_ERR_USAGE, "--fail-on '%s': number out of range", expr);
	out->value = (int64_t)(v < 0 ? v - 0.5 : v + 0.5);
	return NULL;
}

int gm_failon_eval(const struct gm_failon *f, const struct gm_summary *sm)
{
	if ((unsigned)f->metric >= GM_M_N || !sm->metric_known[f->metric])
		return -1;
	int64_t v = sm->metric[f->metric], t = f->value;
	switch (f->op) {
	case GM_OP_GT: return v > t;
	case GM_OP_GE: return v >= t;
	case GM_OP_LT: return v < t;
	case GM_OP_LE: return v <= t;
	case GM_OP_EQ: return v == t;
	case GM_OP_NE: return v != t;
	}
	return -1;
}
