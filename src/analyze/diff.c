/* gomortem diff: growth of the summary's metrics between two cores. */
#include <string.h>

#include "gm_diff.h"

int64_t gm_diff_growth(const struct gm_summary *old, const struct gm_summary *nw, enum gm_metric m,
		       bool *known)
{
	*known = m >= 0 && m < GM_M_N && old->metric_known[m] && nw->metric_known[m];
	if (!*known)
		return 0;
	return nw->metric[m] - old->metric[m];
}

struct gm_error *gm_diff_failon_parse(const char *expr, struct gm_diff_failon *out)
{
	memset(out, 0, sizeof(*out));
	out->expr = expr;
	static const char pfx[] = "growth.";
	if (strncmp(expr, pfx, sizeof(pfx) - 1))
		return gm_error_create(GM_ERR_USAGE,
				       "--fail-on '%s': expected growth.METRIC OP NUMBER[%%], e.g. "
				       "growth.goroutines>1000", expr);
	char buf[256];
	size_t n = strlen(expr + sizeof(pfx) - 1);
	if (n >= sizeof(buf))
		return gm_error_create(GM_ERR_USAGE, "--fail-on: expression too long");
	memcpy(buf, expr + sizeof(pfx) - 1, n + 1);
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = 0;
	if (n > 0 && buf[n - 1] == '%') {
		out->percent = true;
		buf[--n] = 0;
	}
	struct gm_error *err = gm_failon_parse(buf, &out->f);
	if (err) {
		gm_error_destroy(err);
		return gm_error_create(GM_ERR_USAGE,
				       "--fail-on '%s': expected growth.METRIC OP NUMBER[%%] with a metric "
				       "of gomortem help summary", expr);
	}
	out->f.expr = expr;
	return NULL;
}

int gm_diff_failon_eval(const struct gm_diff_failon *d, const struct gm_summary *old,
			const struct gm_summary *nw)
{
	bool known;
	int64_t g = gm_diff_growth(old, nw, d->f.metric, &known);
	if (!known)
		return -1;
	/* compare g (or 100*g/old, exactly: g*100 OP value*old) */
	__int128 l = g, r = d->f.value;
	if (d->percent) {
		int64_t o = old->metric[d->f.metric];
		if (o <= 0)
			return -1;
		l = (__int128)g * 100;
		r = (__int128)d->f.value * o;
	}
	switch (d->f.op) {
	case GM_OP_GT: return l > r;
	case GM_OP_GE: return l >= r;
	case GM_OP_LT: return l < r;
	case GM_OP_LE: return l <= r;
	case GM_OP_EQ: return l == r;
	case GM_OP_NE: return l != r;
	}
	return -1;
}
