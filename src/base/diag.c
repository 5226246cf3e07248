/* gm_diag: the diagnostics sink (gm_diag.h). */
#include "gm_diag.h"

#include <stdio.h>
#include <string.h>

void gm_diag_vemit(struct gm_diag *d, enum gm_diag_sev sev, const char *part, const char *fmt, va_list ap)
{
	if (!d || (unsigned)sev >= GM_DIAG_NSEV)
		return;
	d->count[sev]++;
	struct gm_diag_rec spill, *r = d->n < GM_DIAG_MAX ? &d->rec[d->n] : &spill;
	r->sev = sev;
	snprintf(r->part, sizeof(r->part), "%s", part ? part : "");
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	if (r != &spill) {
		d->n++;
		if (!d->hook)
			return;
		d->shown = d->n;
	}
	if (d->hook)
		d->hook(d->hook_arg, r);
}

void gm_diag_emit(struct gm_diag *d, enum gm_diag_sev sev, const char *part, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	gm_diag_vemit(d, sev, part, fmt, ap);
	va_end(ap);
}

int gm_diag_count(const struct gm_diag *d, enum gm_diag_sev sev, const char *part)
{
	int k = 0;
	for (int i = 0; d && i < d->n; i++)
		if (d->rec[i].sev == sev && (!part || !strcmp(d->rec[i].part, part)))
			k++;
	return k;
}

const char *gm_diag_first(const struct gm_diag *d, enum gm_diag_sev sev)
{
	for (int i = 0; d && i < d->n; i++)
		if (d->rec[i].sev == sev)
			return d->rec[i].msg;
	return NULL;
}

void gm_diag_watch(struct gm_diag *d, gm_diag_hook *hook, void *arg)
{
	if (!d)
		return;
	d->hook = hook;
	d->hook_arg = arg;
	if (!hook)
		return;
	for (; d->shown < d->n; d->shown++)
		hook(arg, &d->rec[d->shown]);
}
