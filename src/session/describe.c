/* gm_session_describe: the session as a record for the renderers of info
 * and summary (gm_session.h). */
#include <stdlib.h>
#include <string.h>

#include "gm_session.h"

struct gm_error *gm_session_describe(const struct gm_session *s, struct gm_session_desc *d)
{
	const struct gm_target *t = s->target;
	const struct gm_gobin *gb = s->gobin;
	memset(d, 0, sizeof(*d));
	d->threads = calloc(t->nthreads ? t->nthreads : 1, sizeof(*d->threads));
	d->plugins = calloc(s->nplugins ? s->nplugins : 1, sizeof(*d->plugins));
	if (!d->threads || !d->plugins) {
		gm_session_desc_free(d);
		return &gm_error_nomem;
	}
	d->source_kind = t->source_kind;
	d->truncated = t->truncated;
	d->pid = t->pid;
	d->signo = t->signo;
	d->comm = t->comm;
	d->nt_file_exe = t->exe_path;
	d->arch = t->arch;
	d->nthreads = t->nthreads;
	for (size_t i = 0; i < t->nthreads; i++) {
		const struct gm_thread *th = &t->threads[i];
		d->threads[i] = (struct gm_thread_desc){th->tid, th->cursig, th->r.pc, th->r.sp};
	}
	d->live = t->is_live;
	d->consistent = t->consistent;
	d->budget_hit = t->budget_hit;
	d->pause_budget_default = t->pause_budget_default;
	d->pause_ns = t->pause_ns;
	d->copied_bytes = t->copied_bytes;
	d->copied_stopped = t->copied_stopped;
	d->pause_budget_ms = t->pause_budget_ms;
	d->decode_known = gm_target_decode_progress(t, &d->decoded, &d->decode_total);
	d->exe = gb->path;
	d->exe_check = s->exe_check;
	d->go_version = gb->go_version;
	d->module = gb->mod_path;
	d->go_build_id = gb->go_build_id;
	d->exe_arch = gb->arch;
	d->pie = gb->pie;
	d->race = gm_gobin_is_race(gb);
	d->dwarf = gb->has_dwarf;
	d->symtab = gb->has_symtab;
	d->bias = gb->bias;
	d->layout_source = s->layout.source;
	for (int i = 0; i < s->diag.n && d->nlayout_warnings < GM_LAYOUT_MAX_WARNINGS; i++) {
		const struct gm_diag_rec *r = &s->diag.rec[i];
		if (r->sev != GM_DIAG_NOTE || strcmp(r->part, "layout"))
			continue;
		d->layout_warnings[d->nlayout_warnings].s = r->msg;
		d->layout_warnings[d->nlayout_warnings].n = strlen(r->msg);
		d->nlayout_warnings++;
	}
	d->nplugins = s->nplugins;
	for (size_t i = 0; i < s->nplugins; i++) {
		const struct gm_session_plugin *p = &s->plugins[i];
		struct gm_plugin_desc *q = &d->plugins[i];
		q->path = p->path;
		q->pluginpath = p->pluginpath;
		q->moduledata = p->moduledata;
		q->mapped = p->mapped;
		q->opened = p->gb != NULL;
		q->go_build_id = p->gb ? p->gb->go_build_id : "";
		q->build_id = p->gb ? p->gb->build_id : "";
		q->bias = p->gb ? p->gb->bias : 0;
		q->symtab = p->gb && p->gb->has_symtab;
	}
	return NULL;
}

void gm_session_desc_free(struct gm_session_desc *d)
{
	free(d->threads);
	free(d->plugins);
	d->threads = NULL;
	d->plugins = NULL;
}
