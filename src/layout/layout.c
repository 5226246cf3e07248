/* gm_layout: the common part. Field table, string tables read from the
 * executable, and gm_layout_load (DWARF first, gorts as fallback and as a
 * cross-check). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"

#define F(name, kind, pv) {#name, offsetof(struct gm_layout, name), kind, pv}
#define OFF(name) F(name, GM_LF_I32, true)
#define ADDR(name) F(name, GM_LF_U64, false)

const struct gm_layout_field gm_layout_fields[] = {
	OFF(g_size),
	OFF(g_stack_lo),
	OFF(g_stack_hi),
	OFF(g_m),
	OFF(g_sched_sp),
	OFF(g_sched_pc),
	OFF(g_sched_bp),
	OFF(g_sched_lr),
	OFF(g_syscallsp),
	OFF(g_syscallpc),
	OFF(g_syscallbp),
	OFF(g_atomicstatus),
	OFF(g_goid),
	OFF(g_waitsince),
	OFF(g_waitreason),
	OFF(g_lockedm),
	OFF(g_parent_goid),
	OFF(g_gopc),
	OFF(g_ancestors),
	OFF(g_startpc),
	OFF(g_labels),
	OFF(g_running_cleanups),
	OFF(g_bubble),
	OFF(g_timer),
	OFF(m_size),
	OFF(m_g0),
	OFF(m_procid),
	OFF(m_curg),
	OFF(m_id),
	OFF(m_alllink),
	OFF(m_lockedg),
	OFF(m_throwing),
	OFF(m_p),
	OFF(m_gsignal),
	OFF(sched_lastpoll),
	OFF(debug_tracebacklabels),
	OFF(gs_idle),
	OFF(gs_runnable),
	OFF(gs_running),
	OFF(gs_syscall),
	OFF(gs_waiting),
	OFF(gs_dead),
	OFF(gs_copystack),
	OFF(gs_preempted),
	OFF(gs_leaked),
	OFF(gs_deadextra),
	F(gs_scan, GM_LF_U32, true),
	F(fing_running_finalizer_bit, GM_LF_U32, true),
	ADDR(allgs),
	ADDR(allglen),
	ADDR(allm),
	ADDR(sched),
	ADDR(debug),
	ADDR(fing),
	ADDR(fing_status),
	ADDR(fing_running),
	ADDR(memstats),
	ADDR(waitreason_strings_addr),
	ADDR(gstatus_strings_addr),
	ADDR(buildversion),
	OFF(mspan_startaddr),
	OFF(mspan_npages),
	OFF(mspan_elemsize),
	OFF(mspan_specials),
	OFF(mspan_state),
	OFF(mheap_allspans),
	OFF(special_size),
	OFF(special_next),
	OFF(special_offset),
	OFF(special_kind),
	OFF(spfin_fn),
	OFF(spfin_ot),
	OFF(spcleanup_fn),
	OFF(cleanup_fn_wrapped),
	OFF(finblock_size),
	OFF(finblock_alllink),
	OFF(finblock_next),
	OFF(finblock_cnt),
	OFF(finblock_fin),
	OFF(finalizer_size),
	OFF(finalizer_fn),
	OFF(finalizer_arg),
	OFF(finalizer_ot),
	OFF(cleanupq_all),
	OFF(cleanupblock_size),
	OFF(cleanupblock_alllink),
	OFF(cleanupblock_n),
	OFF(cleanupblock_cleanups),
	OFF(cleanupblock_entsize),
	OFF(cleanupblock_entfn),
	OFF(type_tflag),
	OFF(type_str),
	OFF(ptrtype_elem),
	OFF(moduledata_types),
	OFF(moduledata_etypes),
	OFF(kind_finalizer),
	OFF(kind_weakhandle),
	OFF(kind_profile),
	OFF(kind_reachable),
	OFF(kind_pincounter),
	OFF(kind_cleanup),
	OFF(kind_tinyblock),
	OFF(kind_checkfinalizer),
	OFF(kind_bubble),
	OFF(kind_secret),
	OFF(mspan_inuse),
	ADDR(mheap),
	ADDR(finq),
	ADDR(allfin),
	ADDR(gc_cleanups),
	ADDR(fingwait),
	OFF(mstats_heapstats),
	OFF(mstats_stacks_sys),
	OFF(mstats_mspan_sys),
	OFF(mstats_mcache_sys),
	OFF(mstats_buckhash_sys),
	OFF(mstats_gcmisc_sys),
	OFF(mstats_other_sys),
	OFF(mstats_last_gc_unix),
	OFF(mstats_pause_total_ns),
	OFF(mstats_numgc),
	OFF(mstats_last_gc_nanotime),
	OFF(hsd_size),
	OFF(hsd_in_stacks),
	OFF(hsd_in_workbufs),
	OFF(hsd_in_ptrscalarbits),
	OFF(hsd_tiny_alloc_count),
	OFF(hsd_large_alloc),
	OFF(hsd_large_alloc_count),
	OFF(hsd_small_alloc_count),
	OFF(hsd_large_free),
	OFF(hsd_large_free_count),
	OFF(hsd_small_free_count),
	OFF(hsd_nclasses),
	OFF(gcc_gc_percent),
	OFF(gcc_memory_limit),
	OFF(gcc_heap_goal),
	OFF(gcc_sweep_dist_min_trigger),
	OFF(gcc_triggered),
	OFF(gcc_heap_marked),
	OFF(gcc_heap_inuse),
	OFF(gcc_heap_released),
	OFF(gcc_heap_free),
	OFF(gcc_total_alloc),
	OFF(gcc_total_free),
	OFF(gcc_mapped_ready),
	OFF(mheap_spanalloc_inuse),
	OFF(mheap_cachealloc_inuse),
	OFF(mspan_spanclass),
	OFF(mspan_alloccount),
	OFF(mspan_alloccount_bc),
	OFF(p_mcache),
	OFF(p_timers),
	OFF(p_timers_heap),
	OFF(mcache_alloc),
	OFF(mcache_nalloc),
	OFF(mcache_tinyallocs),
	OFF(timer_when),
	OFF(timer_period),
	OFF(timer_f),
	OFF(timer_arg),
	OFF(timer_status),
	OFF(timer_nextwhen),
	OFF(timer_ischan),
	OFF(timerwhen_size),
	ADDR(gc_controller),
	ADDR(allp),
	ADDR(emptymspan),
	OFF(mheap_allarenas),
	OFF(mheap_arenas),
	OFF(m_incgo),
	OFF(m_ncgocall),
	OFF(m_ncgo),
	OFF(sched_goidgen),
	OFF(sched_mnext),
	OFF(sched_nmfreed),
	OFF(work_tstart),
	OFF(work_tend),
	OFF(mstats_pause_end),
	ADDR(work),
	ADDR(runtime_init_time),
	OFF(bucket_hdr_size),
	OFF(bucket_allnext),
	OFF(bucket_typ),
	OFF(bucket_size),
	OFF(bucket_nstk),
	OFF(memrecord_size),
	OFF(memrecordcycle_size),
	OFF(memrecordcycle_alloc_bytes),
	OFF(mspan_nelems),
	OFF(mspan_freeindex),
	OFF(mspan_allocbits),
	OFF(mspan_largetype),
	OFF(g_waiting),
	OFF(sudog_size),
	OFF(sudog_waitlink),
	OFF(sudog_elem),
	OFF(sudog_elem_addr),
	OFF(sudog_c),
	OFF(sudog_c_addr),
	OFF(semtable_n),
	OFF(semtable_entsize),
	OFF(semaroot_treap),
	OFF(sudog_g),
	OFF(sudog_prev),
	OFF(sudog_next),
	ADDR(semtable),
};
const size_t gm_layout_nfields = sizeof(gm_layout_fields) / sizeof(gm_layout_fields[0]);

#define GLOBAL(sym, field) {sym, offsetof(struct gm_layout, field)}
const struct gm_layout__global gm_layout__globals[] = {
	GLOBAL("runtime.allgs", allgs),
	GLOBAL("runtime.allglen", allglen),
	GLOBAL("runtime.allm", allm),
	GLOBAL("runtime.sched", sched),
	GLOBAL("runtime.debug", debug),
	GLOBAL("runtime.fing", fing),
	GLOBAL("runtime.fingStatus", fing_status),
	GLOBAL("runtime.fingRunning", fing_running),
	GLOBAL("runtime.memstats", memstats),
	GLOBAL("runtime.waitReasonStrings", waitreason_strings_addr),
	GLOBAL("runtime.gStatusStrings", gstatus_strings_addr),
	GLOBAL("runtime.buildVersion", buildversion),
	GLOBAL("runtime.mheap_", mheap),
	GLOBAL("runtime.finq", finq),
	GLOBAL("runtime.allfin", allfin),
	GLOBAL("runtime.gcCleanups", gc_cleanups),
	GLOBAL("runtime.fingwait", fingwait),
	GLOBAL("runtime.gcController", gc_controller),
	GLOBAL("runtime.allp", allp),
	GLOBAL("runtime.emptymspan", emptymspan),
	GLOBAL("runtime.work", work),
	GLOBAL("runtime.runtimeInitTime", runtime_init_time),
	GLOBAL("runtime.semtable", semtable),
};
const size_t gm_layout__nglobals = sizeof(gm_layout__globals) / sizeof(gm_layout__globals[0]);

int64_t gm_layout_field_get(const struct gm_layout *l, const struct gm_layout_field *f)
{
	const char *p = (const char *)l + f->off;
	switch (f->kind) {
	case GM_LF_I32: {
		int32_t v;
		memcpy(&v, p, sizeof(v));
		return v;
	}
	case GM_LF_U32: {
		uint32_t v;
		memcpy(&v, p, sizeof(v));
		return v;
	}
	case GM_LF_U64: {
		uint64_t v;
		memcpy(&v, p, sizeof(v));
		return (int64_t)v;
	}
	}
	return 0;
}

void gm_layout_clear(struct gm_layout *l)
{
	free(l->strbuf);
	memset(l, 0, sizeof(*l));
	for (size_t i = 0; i < gm_layout_nfields; i++) {
		const struct gm_layout_field *f = &gm_layout_fields[i];
		if (f->kind == GM_LF_I32) {
			int32_t v = -1;
			memcpy((char *)l + f->off, &v, sizeof(v));
		}
	}
}

void gm_layout_deinit(struct gm_layout *l)
{
	if (!l)
		return;
	free(l->strbuf);
	memset(l, 0, sizeof(*l));
}

const char *gm_layout_waitreason(const struct gm_layout *l, unsigned v)
{
	if (!l || v >= (unsigned)l->n_waitreasons || v >= GM_MAX_WAITREASONS ||
	    !l->waitreasons[v])
		return "unknown wait reason";
	return l->waitreasons[v];
}

void gm_layout__warn(struct gm_layout *l, const char *fmt, ...)
{
	if (l->n_warnings < 0 || l->n_warnings >= GM_LAYOUT_MAX_WARNINGS)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(l->warnings[l->n_warnings], sizeof(l->warnings[0]), fmt, ap);
	va_end(ap);
	l->n_warnings++;
}

int gm_layout__labels_kind_for(int go_minor)
{
	return go_minor >= 24 ? GM_LABELS_SLICE : GM_LABELS_MAP;
}

/* String headers {ptr, len} of one [n]string table, checked. */
static struct gm_error *string_table(const struct gm_gobin *gb, const char *what, uint64_t addr,
				     int n, const uint8_t **ptrs, size_t *lens, size_t *total)
{
	const uint8_t *hdr = gm_gobin_vaddr_ptr(gb, addr, (size_t)n * 16);
	if (!hdr)
		return gm_error_create(GM_ERR_FORMAT, "%s at 0x%llx is not in the executable's file",
				       what, (unsigned long long)addr);
	for (int i = 0; i < n; i++) {
		uint64_t p = 0, len = 0;
		for (int b = 7; b >= 0; b--) {
			p = (p << 8) | hdr[i * 16 + b];
			len = (len << 8) | hdr[i * 16 + 8 + b];
		}
		if (len > GM_LAYOUT_MAX_STRLEN)
			return gm_error_create(GM_ERR_FORMAT, "%s[%d] has length %llu", what, i,
					       (unsigned long long)len);
		ptrs[i] = NULL;
		lens[i] = (size_t)len;
		if (len) {
			ptrs[i] = gm_gobin_vaddr_ptr(gb, p, (size_t)len);
			if (!ptrs[i])
				return gm_error_create(GM_ERR_FORMAT,
						       "%s[%d] points outside the file (0x%llx)",
						       what, i, (unsigned long long)p);
		}
		*total += (size_t)len + 1;
	}
	return NULL;
}

struct gm_error *gm_layout__read_strings(const struct gm_gobin *gb, struct gm_layout *l,
					 uint64_t wr_addr, int wr_n, uint64_t gs_addr, int gs_n)
{
	const uint8_t *ptrs[GM_MAX_WAITREASONS + GM_MAX_GSTATUS];
	size_t lens[GM_MAX_WAITREASONS + GM_MAX_GSTATUS];
	size_t total = 0;
	struct gm_error *err;
	if (!wr_addr || wr_n < 0)
		wr_n = 0;
	if (!gs_addr || gs_n < 0)
		gs_n = 0;
	if (wr_n > GM_MAX_WAITREASONS)
		wr_n = GM_MAX_WAITREASONS;
	if (gs_n > GM_MAX_GSTATUS)
		gs_n = GM_MAX_GSTATUS;
	if (wr_n && (err = string_table(gb, "runtime.waitReasonStrings", wr_addr, wr_n, ptrs, lens,
					&total)))
		return err;
	if (gs_n && (err = string_table(gb, "runtime.gStatusStrings", gs_addr, gs_n, ptrs + wr_n,
					lens + wr_n, &total)))
		return err;
	if (!wr_n && !gs_n)
		return NULL;
	char *buf = malloc(total ? total : 1);
	if (!buf)
		return &gm_error_nomem;
	/* Keep the other table (from gorts, static) when only one is read. */
	char *p = buf;
	for (int i = 0; i < wr_n + gs_n; i++) {
		if (lens[i])
			memcpy(p, ptrs[i], lens[i]);
		p[lens[i]] = 0;
		if (i < wr_n)
			l->waitreasons[i] = p;
		else
			l->gstatus[i - wr_n] = p;
		p += lens[i] + 1;
	}
	if (wr_n) {
		for (int i = wr_n; i < l->n_waitreasons && i < GM_MAX_WAITREASONS; i++)
			l->waitreasons[i] = NULL;
		l->n_waitreasons = wr_n;
	}
	if (gs_n) {
		for (int i = gs_n; i < l->n_gstatus && i < GM_MAX_GSTATUS; i++)
			l->gstatus[i] = NULL;
		l->n_gstatus = gs_n;
	}
	free(l->strbuf);
	l->strbuf = buf;
	return NULL;
}

static void cross_check(struct gm_layout *l, const struct gm_layout *g)
{
	for (size_t i = 0; i < gm_layout_nfields; i++) {
		const struct gm_layout_field *f = &gm_layout_fields[i];
		if (!f->per_version)
			continue;
		int64_t a = gm_layout_field_get(l, f), b = gm_layout_field_get(g, f);
		if (a != b)
			gm_layout__warn(l, "%s: dwarf %lld, gorts go1.%d %lld", f->name,
					(long long)a, g->go_minor, (long long)b);
	}
	if (l->labels_kind != g->labels_kind)
		gm_layout__warn(l, "labels_kind: dwarf %d, gorts %d", l->labels_kind,
				g->labels_kind);
	if (l->n_waitreasons != g->n_waitreasons)
		gm_layout__warn(l, "waitReasonStrings: dwarf has %d, gorts %d", l->n_waitreasons,
				g->n_waitreasons);
	for (int i = 0; i < l->n_waitreasons && i < g->n_waitreasons; i++) {
		const char *a = l->waitreasons[i] ? l->waitreasons[i] : "";
		const char *b = g->waitreasons[i] ? g->waitreasons[i] : "";
		if (strcmp(a, b))
			gm_layout__warn(l, "waitReasonStrings[%d]: binary \"%.32s\", gorts \"%.32s\"",
					i, a, b);
	}
	if (l->n_gstatus != g->n_gstatus)
		gm_layout__warn(l, "gStatusStrings: dwarf has %d, gorts %d", l->n_gstatus,
				g->n_gstatus);
	for (int i = 0; i < l->n_gstatus && i < g->n_gstatus; i++) {
		const char *a = l->gstatus[i] ? l->gstatus[i] : "";
		const char *b = g->gstatus[i] ? g->gstatus[i] : "";
		if (strcmp(a, b))
			gm_layout__warn(l, "gStatusStrings[%d]: binary \"%.32s\", gorts \"%.32s\"", i,
					a, b);
	}
}

/* The architecture, for the runtime's constants that depend on it
 * (gm_layout_arena_base). */
static void set_arch_constants(const struct gm_gobin *gb, struct gm_layout *l)
{
	l->arch = gb->arch;
}

static struct gm_error *layout_load(const struct gm_gobin *gb, struct gm_layout *l);

struct gm_error *gm_layout_load(const struct gm_gobin *gb, struct gm_layout *l)
{
	struct gm_error *err = layout_load(gb, l);
	if (!err)
		set_arch_constants(gb, l);
	return err;
}

static struct gm_error *layout_load(const struct gm_gobin *gb, struct gm_layout *l)
{
	const struct gm_layout *table = gm_layout_gorts_table_arch(gb->arch, gb->go_minor);
	if (gb->has_dwarf) {
		struct gm_error *err = gm_layout_from_dwarf(gb, l);
		if (!err) {
			if (table)
				cross_check(l, table);
			return NULL;
		}
		if (!table)
			return err;
		/* Broken DWARF: fall back to the table, and say so. */
		char msg[sizeof(l->dwarf_problem)];
		const char *why = err->msg;
		static const char *const prefixes[] = {"layout from DWARF: ", "DWARF: "};
		for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
			if (!strncmp(why, prefixes[i], strlen(prefixes[i])))
				why += strlen(prefixes[i]);
		snprintf(msg, sizeof(msg), "%s", why);
		gm_error_destroy(err);
		err = gm_layout_from_gorts(gb, l);
		if (!err) {
			gm_layout__warn(l, "DWARF unusable, using gorts: %.80s", msg);
			snprintf(l->dwarf_problem, sizeof(l->dwarf_problem), "%s", msg);
		}
		return err;
	}
	return gm_layout_from_gorts(gb, l);
}
