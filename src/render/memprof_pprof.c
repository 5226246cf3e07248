/* The block and mutex profiles (kind GM_PROF_BLOCK / MUTEX) as
 * printCountCycleProfile writes them: period_type contentions/count, period
 * 1, sample types contentions/count delay/nanoseconds, no labels; the rest
 * as the heap profile's.
 *
 * The heap profile as runtime/pprof's writeHeapProto writes it
 * (include/gm_memprof.h): period_type space/bytes, period MemProfileRate,
 * sample types alloc_objects/count alloc_space/bytes inuse_objects/count
 * inuse_space/bytes, one sample per bucket with the `bytes` numeric label,
 * locations with their inlined lines, functions by symbol name, the
 * executable's text mapping. gzip'd. The profile has no time_nanos: a core
 * does not say when the profile would have been written. */
#include <string.h>

#include "gm_memprof.h"
#include "gm_pbuf.h"

static uint64_t sid(struct gm_strtab *t, const char *s, bool *oom)
{
	int64_t id = gm_strtab_id(t, s ? s : "");
	if (id < 0)
		*oom = true;
	return id < 0 ? 0 : (uint64_t)id;
}

static void value_type(struct gm_pbuf *pb, struct gm_pbuf *m, unsigned field, struct gm_strtab *t,
		       const char *type, const char *unit, bool *oom)
{
	gm_pbuf_field_varint(m, 1, sid(t, type, oom));
	gm_pbuf_field_varint(m, 2, sid(t, unit, oom));
	gm_pbuf_field_msg(pb, field, m);
}

int gm_memprof_write_pprof(const struct gm_memprof *p, FILE *out)
{
	struct gm_strtab t = {0};
	struct gm_pbuf pb = {0}, m = {0}, m2 = {0};
	bool oom = false;
	sid(&t, "", &oom);
	int nv = 4;
	if (p->kind == GM_PROF_BLOCK || p->kind == GM_PROF_MUTEX) {
		/* printCountCycleProfile(w, "contentions", "delay", ...) */
		nv = 2;
		value_type(&pb, &m, 11, &t, "contentions", "count", &oom);
		gm_pbuf_field_varint(&pb, 12, 1);
		value_type(&pb, &m, 1, &t, "contentions", "count", &oom);
		value_type(&pb, &m, 1, &t, "delay", "nanoseconds", &oom);
	} else {
		value_type(&pb, &m, 11, &t, "space", "bytes", &oom); /* period_type */
		gm_pbuf_field_varint(&pb, 12, (uint64_t)p->rate);   /* period */
		value_type(&pb, &m, 1, &t, "alloc_objects", "count", &oom);
		value_type(&pb, &m, 1, &t, "alloc_space", "bytes", &oom);
		value_type(&pb, &m, 1, &t, "inuse_objects", "count", &oom);
		value_type(&pb, &m, 1, &t, "inuse_space", "bytes", &oom);
	}
	for (size_t i = 0; i < p->nsamples; i++) {
		const struct gm_memprof_sample *s = &p->samples[i];
		for (uint32_t k = 0; k < s->nloc; k++)
			gm_pbuf_varint(&m2, (uint64_t)p->loc_ids[s->loc_first + k] + 1);
		gm_pbuf_field_msg(&m, 1, &m2);
		for (int k = 0; k < nv; k++)
			gm_pbuf_varint(&m2, (uint64_t)s->v[k]);
		gm_pbuf_field_msg(&m, 2, &m2);
		if (nv == 4 && s->has_label) {
			gm_pbuf_field_varint(&m2, 1, sid(&t, "bytes", &oom));
			if (s->label_bytes)
				gm_pbuf_field_varint(&m2, 3, (uint64_t)s->label_bytes);
			gm_pbuf_field_msg(&m, 3, &m2);
		}
		gm_pbuf_field_msg(&pb, 2, &m);
	}
	/* the mapping */
	gm_pbuf_field_varint(&m, 1, 1);
	gm_pbuf_field_varint(&m, 2, p->map_start);
	gm_pbuf_field_varint(&m, 3, p->map_limit);
	gm_pbuf_field_varint(&m, 4, p->map_offset);
	gm_pbuf_field_varint(&m, 5, sid(&t, p->map_file, &oom));
	if (p->build_id && p->build_id[0])
		gm_pbuf_field_varint(&m, 6, sid(&t, p->build_id, &oom));
	gm_pbuf_field_varint(&m, 7, 1); /* has_functions */
	gm_pbuf_field_msg(&pb, 3, &m);
	for (size_t i = 0; i < p->nlocs; i++) {
		const struct gm_memprof_loc *l = &p->locs[i];
		gm_pbuf_field_varint(&m, 1, i + 1);
		if (l->in_mapping)
			gm_pbuf_field_varint(&m, 2, 1);
		gm_pbuf_field_varint(&m, 3, l->addr);
		for (uint32_t k = 0; k < l->nframes; k++) {
			const struct gm_memprof_frame *f = &p->frames[l->first + k];
			gm_pbuf_field_varint(&m2, 1, f->func_id);
			if (f->line)
				gm_pbuf_field_varint(&m2, 2, (uint64_t)(int64_t)f->line);
			gm_pbuf_field_msg(&m, 4, &m2);
		}
		gm_pbuf_field_msg(&pb, 4, &m);
	}
	/* functions, once each, in id order: the first frame that named it */
	uint32_t next = 1;
	for (size_t i = 0; i < p->nframes && next <= p->nfuncs; i++) {
		const struct gm_memprof_frame *f = &p->frames[i];
		if (f->func_id != next)
			continue;
		gm_pbuf_field_varint(&m, 1, f->func_id);
		gm_pbuf_field_varint(&m, 2, sid(&t, f->name, &oom));
		gm_pbuf_field_varint(&m, 3, sid(&t, f->name, &oom));
		gm_pbuf_field_varint(&m, 4, sid(&t, f->file, &oom));
		if (f->start_line)
			gm_pbuf_field_varint(&m, 5, (uint64_t)(int64_t)f->start_line);
		gm_pbuf_field_msg(&pb, 5, &m);
		next++;
	}
	/* WriteHeapProfile sets no default_sample_type (the allocs profile does) */
	for (size_t i = 0; i < t.n; i++)
		gm_pbuf_field_bytes(&pb, 6, t.v[i], strlen(t.v[i]));
	int rc = oom ? -1 : gm_pbuf_write_gzip(&pb, out);
	gm_pbuf_free(&pb);
	gm_pbuf_free(&m);
	gm_pbuf_free(&m2);
	gm_strtab_free(&t);
	return rc;
}
