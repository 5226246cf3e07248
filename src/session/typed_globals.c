/* The typed globals of every module (include/session/gm_session.h): the
 * global variables DWARF gives a runtime type for, as roots of heap
 * --by-type's traversal. Read once per session (a libdwarf child per
 * module), kept for every later report (diff and watch take one per
 * snapshot). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_session.h"
#include "gm_sort.h"

void gm_typed_globals_free(struct gm_typed_globals *tg)
{
	free(tg->v);
	if (tg->frames) {
		free(tg->frames->pcs);
		free(tg->frames->v);
		free(tg->frames);
	}
	memset(tg, 0, sizeof(*tg));
}

struct gm_error *gm_frame_types_need(struct gm_frame_types *ft, struct gm_memsrc *m, const struct gm_gobin *gb,
				     const struct gm_layout *l, const uint64_t *pcs, size_t n)
{
	/* the pcs not asked yet */
	uint64_t *miss = malloc((n ? n : 1) * sizeof(*miss));
	size_t nmiss = 0, j = 0;
	if (!miss)
		return &gm_error_nomem;
	for (size_t i = 0; i < n; i++) {
		while (j < ft->npcs && ft->pcs[j] < pcs[i])
			j++;
		if (j == ft->npcs || ft->pcs[j] != pcs[i])
			miss[nmiss++] = pcs[i];
	}
	if (!nmiss) {
		free(miss);
		return NULL;
	}
	if (!ft->types && (!gb->moduledata_addr || l->moduledata_types < 0 ||
			   !gm_memsrc_u64(m, gb->moduledata_addr + (uint64_t)l->moduledata_types, &ft->types) ||
			   !ft->types)) {
		ft->types = 0;
		snprintf(ft->note, sizeof(ft->note), "no typed stack slots: moduledata.types is not readable");
		free(miss);
		return NULL;
	}
	if (ft->reads >= GM_FRAME_TYPES_MAX_READS) {
		snprintf(ft->note, sizeof(ft->note),
			 "typed stack slots: DWARF was read %u times in this session; frames at new pcs are not "
			 "typed", ft->reads);
		free(miss);
		return NULL;
	}
	ft->reads++;
	struct gm_dwframevar *v = NULL;
	size_t nv = 0;
	struct gm_error *err = gm_layout_dwarf_frame_vars(gb, miss, nmiss, &v, &nv);
	if (err == &gm_error_nomem) {
		free(miss);
		return err;
	}
	if (err) { /* no slots for these pcs: remembered as asked, said once */
		snprintf(ft->note, sizeof(ft->note), "no typed stack slots: %s", err->msg);
		gm_error_destroy(err);
		nv = 0;
	}
	for (size_t i = 0; i < nv; i++)
		v[i].rtype += ft->types;
	uint64_t *np = realloc(ft->pcs, (ft->npcs + nmiss) * sizeof(*np));
	struct gm_dwframevar *nfv = nv ? realloc(ft->v, (ft->n + nv) * sizeof(*nfv)) : ft->v;
	if (np)
		ft->pcs = np;
	if (nfv)
		ft->v = nfv;
	if (!np || !nfv) {
		free(v);
		free(miss);
		return &gm_error_nomem;
	}
	memcpy(ft->pcs + ft->npcs, miss, nmiss * sizeof(*miss));
	ft->npcs += nmiss;
	gm_sort_u64(ft->pcs, ft->npcs);
	if (nv)
		memcpy(ft->v + ft->n, v, nv * sizeof(*v));
	ft->n += nv;
	gm_sort_by_key(ft->v, ft->n, sizeof(*ft->v));
	free(v);
	free(miss);
	return NULL;
}

struct gm_error *gm_typed_globals_load(struct gm_memsrc *m, const struct gm_gobin *gb, const struct gm_layout *l,
				       struct gm_typed_globals *out)
{
	memset(out, 0, sizeof(*out));
	out->frames = calloc(1, sizeof(*out->frames));
	if (!out->frames)
		return &gm_error_nomem;
	size_t k = 0;
	for (const struct gm_gobin *mod = gb; mod && k < GM_GOBIN_MAX_MODULES; mod = mod->next_module, k++) {
		struct gm_dwglobal *v = NULL;
		size_t n = 0;
		struct gm_error *err = gm_layout_dwarf_globals(mod, &v, &n);
		if (err) {
			if (mod == gb)
				snprintf(out->note, sizeof(out->note), "no typed globals: %s", err->msg);
			gm_error_destroy(err);
			continue;
		}
		/* the descriptors are offsets from the module's types */
		uint64_t types = 0;
		if (!mod->moduledata_addr || l->moduledata_types < 0 ||
		    !gm_memsrc_u64(m, mod->moduledata_addr + (uint64_t)l->moduledata_types, &types) || !types) {
			if (mod == gb)
				snprintf(out->note, sizeof(out->note),
					 "no typed globals: moduledata.types is not readable");
			n = 0;
		}
		for (size_t i = 0; i < n; i++)
			v[i].rtype += types;
		struct gm_dwglobal *all = n ? realloc(out->v, (out->n + n) * sizeof(*all)) : out->v;
		if (!all) {
			free(v);
			gm_typed_globals_free(out);
			return &gm_error_nomem;
		}
		if (n)
			memcpy(all + out->n, v, n * sizeof(*v));
		out->v = all;
		out->n += n;
		free(v);
	}
	return NULL;
}

const struct gm_typed_globals *gm_session_typed_globals(struct gm_session *s)
{
	if (s->tglobals_loaded)
		return &s->tglobals;
	s->tglobals_loaded = true;
	if (!s->have_layout) {
		snprintf(s->tglobals.note, sizeof(s->tglobals.note), "no typed globals: no layout");
		return &s->tglobals;
	}
	struct gm_error *err = gm_typed_globals_load(s->target->mem, s->gobin, &s->layout, &s->tglobals);
	if (err) {
		snprintf(s->tglobals.note, sizeof(s->tglobals.note), "no typed globals: %s", err->msg);
		gm_error_destroy(err);
	}
	return &s->tglobals;
}
