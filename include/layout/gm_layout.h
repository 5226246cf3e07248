/* gm_layout: every runtime struct offset, global address and constant the
 * walkers use, for the Go version of one executable. Filled from DWARF when
 * present (gm_layout_from_dwarf), else from the per-version tables in gorts/
 * (gm_layout_from_gorts); when both exist they are cross-checked.
 * An offset of -1 means "this field does not exist in this version". */
#ifndef GM_LAYOUT_H
#define GM_LAYOUT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"

#define GM_MAX_WAITREASONS 128
#define GM_MAX_GSTATUS 32
#define GM_LAYOUT_MAX_WARNINGS 24

struct gm_layout {
	int go_minor;               /* 19, 21, ... 27 */
	/* the executable's architecture (set by gm_layout_load, not in the
	 * gorts tables; GM_ARCH_UNKNOWN in a table used directly: amd64) */
	enum gm_arch arch;
	const char *source;         /* "dwarf", "gorts", or how the gorts table was completed/chosen */
	bool approximate;           /* a neighbouring version's table: must be validated against the target */
	char source_buf[96];

	/* runtime.g */
	int32_t g_size;
	int32_t g_stack_lo, g_stack_hi;
	int32_t g_m;
	int32_t g_sched_sp, g_sched_pc, g_sched_bp, g_sched_lr;
	int32_t g_syscallsp, g_syscallpc, g_syscallbp; /* syscallbp: 1.23+ */
	int32_t g_atomicstatus;
	int32_t g_goid;
	int32_t g_waitsince;
	int32_t g_waitreason;
	int32_t g_lockedm;
	int32_t g_parent_goid;      /* 1.21+ */
	int32_t g_gopc;
	int32_t g_ancestors;
	int32_t g_startpc;
	int32_t g_labels;
	int32_t g_running_cleanups; /* 1.25+ */
	int32_t g_bubble;           /* 1.25+ (synctest bubble) / 1.24 syncGroup */
	int32_t g_timer;

	/* runtime.m */
	int32_t m_size;
	int32_t m_g0, m_procid, m_curg, m_id, m_alllink, m_lockedg, m_throwing, m_p;
	int32_t m_gsignal;          /* *g of the signal-handling stack */

	/* runtime.sched (schedt) */
	int32_t sched_lastpoll;

	/* runtime.debug.tracebacklabels (1.26+) */
	int32_t debug_tracebacklabels;

	/* globals (absolute addresses, 0 when absent) */
	uint64_t allgs;             /* []*g */
	uint64_t allglen;
	uint64_t allm;              /* *m */
	uint64_t sched;
	uint64_t debug;             /* runtime.debug */
	uint64_t fing;              /* *g */
	uint64_t fing_status;       /* runtime.fingStatus (1.21+) */
	uint64_t fing_running;      /* runtime.fingRunning (1.19) */
	uint64_t memstats;          /* runtime.memstats */
	uint64_t waitreason_strings_addr;
	uint64_t buildversion;      /* runtime.buildVersion (string) */

	/* constants */
	int32_t gs_idle, gs_runnable, gs_running, gs_syscall, gs_waiting, gs_dead,
		gs_copystack, gs_preempted, gs_leaked, gs_deadextra; /* -1 when absent */
	uint32_t gs_scan;           /* _Gscan bit, 0x1000 */
	uint32_t fing_running_finalizer_bit; /* fingRunningFinalizer (1.21+), 2 */

	/* strings, copied out of the executable */
	int n_waitreasons;
	const char *waitreasons[GM_MAX_WAITREASONS];
	int n_gstatus;
	const char *gstatus[GM_MAX_GSTATUS];

	/* labels representation of g.labels */
	enum { GM_LABELS_MAP = 1, GM_LABELS_SLICE = 2 } labels_kind;

	/* private storage for the strings above */
	char *strbuf;

	/* Differences found by gm_layout_load's cross-check of DWARF against the
	 * gorts table ("g_goid: dwarf 152, gorts 160"), and other non-fatal
	 * notes. Owned by the layout. */
	int n_warnings;
	char warnings[GM_LAYOUT_MAX_WARNINGS][112];

	uint64_t gstatus_strings_addr; /* runtime.gStatusStrings, 0 when absent */
	int dwarf_version;             /* of the runtime CU; 0 without DWARF */

	/* ---- finalizers, cleanups, specials (issue 4; see src/walk/finalizers.c) ---- */
	/* runtime.mspan */
	int32_t mspan_startaddr, mspan_npages, mspan_elemsize, mspan_specials, mspan_state;
	int32_t mheap_allspans;     /* runtime.mheap.allspans ([]*mspan) */
	/* runtime.special: offset is uint16 up to 1.23, uintptr from 1.24 */
	int32_t special_size, special_next, special_offset, special_kind;
	int32_t spfin_fn, spfin_ot; /* runtime.specialfinalizer */
	/* runtime.specialCleanup: the *funcval of the cleanup. 1.24/1.25 `fn`,
	 * AddCleanup's closure func(){cleanup(arg)}; 1.26+ `cleanup.fn`, the
	 * function passed to AddCleanup. */
	int32_t spcleanup_fn;
	int32_t cleanup_fn_wrapped; /* 1: fn is the AddCleanup closure (1.24/1.25); 0: not; -1 no cleanups */
	/* runtime.finblock (finBlock from 1.25) and runtime.finalizer */
	int32_t finblock_size, finblock_alllink, finblock_next, finblock_cnt, finblock_fin;
	int32_t finalizer_size, finalizer_fn, finalizer_arg, finalizer_ot;
	/* runtime.cleanupQueue / cleanupBlock (1.25+) */
	int32_t cleanupq_all;
	int32_t cleanupblock_size, cleanupblock_alllink, cleanupblock_n, cleanupblock_cleanups;
	int32_t cleanupblock_entsize;  /* 8 (*funcval, 1.25) or sizeof(cleanupFn) (1.26+) */
	int32_t cleanupblock_entfn;    /* offset of the *funcval inside an entry */
	/* type descriptors: abi.Type (runtime._type in 1.19), abi.PtrType */
	int32_t type_tflag, type_str, ptrtype_elem;
	int32_t moduledata_types, moduledata_etypes;
	/* constants (-1 when the kind does not exist in this version) */
	int32_t kind_finalizer, kind_weakhandle, kind_profile, kind_reachable, kind_pincounter,
		kind_cleanup, kind_tinyblock, kind_checkfinalizer, kind_bubble, kind_secret;
	int32_t mspan_inuse;        /* runtime.mSpanInUse */
	/* globals (0 when absent) */
	uint64_t mheap;             /* runtime.mheap_ */
	uint64_t finq, allfin;      /* *finblock */
	uint64_t gc_cleanups;       /* runtime.gcCleanups (1.25+) */
	uint64_t fingwait;          /* runtime.fingwait bool (1.19) */

	/* ---- heap statistics and timers (issue 6; src/walk/heap.c, src/walk/timers.c) ---- */
	/* runtime.mstats (sysMemStat = uint64) */
	int32_t mstats_heapstats, mstats_stacks_sys, mstats_mspan_sys, mstats_mcache_sys,
		mstats_buckhash_sys, mstats_gcmisc_sys, mstats_other_sys, mstats_last_gc_unix,
		mstats_pause_total_ns, mstats_numgc, mstats_last_gc_nanotime;
	/* runtime.heapStatsDelta (memstats.heapStats.stats is [3]heapStatsDelta) */
	int32_t hsd_size, hsd_in_stacks, hsd_in_workbufs, hsd_in_ptrscalarbits, hsd_tiny_alloc_count,
		hsd_large_alloc, hsd_large_alloc_count, hsd_small_alloc_count, hsd_large_free,
		hsd_large_free_count, hsd_small_free_count, hsd_nclasses;
	/* runtime.gcControllerState */
	int32_t gcc_gc_percent, gcc_memory_limit, gcc_heap_goal, gcc_sweep_dist_min_trigger,
		gcc_triggered, gcc_heap_marked, gcc_heap_inuse, gcc_heap_released, gcc_heap_free,
		gcc_total_alloc, gcc_total_free, gcc_mapped_ready;
	/* runtime.mheap fixalloc counters, mspan / p / mcache fields */
	int32_t mheap_spanalloc_inuse, mheap_cachealloc_inuse;
	int32_t mspan_spanclass, mspan_alloccount, mspan_alloccount_bc;
	int32_t p_mcache, p_timers, p_timers_heap; /* p_timers_heap: p.timers.heap (1.23+) */
	int32_t mcache_alloc, mcache_nalloc, mcache_tinyallocs;
	/* runtime.timer; timer_status is `status uint32` up to 1.22, `state uint8`
	 * from 1.23; timerwhen_size: sizeof(runtime.timerWhen) (1.23+) */
	int32_t timer_when, timer_period, timer_f, timer_arg, timer_status, timer_nextwhen,
		timer_ischan, timerwhen_size;
	uint64_t gc_controller, allp, emptymspan; /* globals */
	/* mheap_.allArenas (heapArenas from 1.25; []arenaIdx) and mheap_.arenas ([1]*[1<<22]*heapArena
	 * on linux/amd64: the heap index), for src/walk/maps.c */
	int32_t mheap_allarenas, mheap_arenas;

	/* ---- threads and cgo (issue 10; src/walk/threads.c) ---- */
	/* runtime.m: incgo (bool: executing a cgo call), ncgocall (uint64: cgo
	 * calls made), ncgo (int32: cgo calls in progress) */
	int32_t m_incgo, m_ncgocall, m_ncgo;

	/* The executable has DWARF, but it could not be used (damaged,
	 * rejected by the section checks, libdwarf failed, crashed or timed
	 * out) and the layout came from the gorts tables: the reason, for a
	 * warning. "" otherwise. */
	char dwarf_problem[160];

	/* ---- plausibility (issue 20; src/rtcheck.c gm_rtcheck_clock, goroutines.c) ---- */
	/* runtime.schedt: goidgen (the last goid handed out), mnext (Ms created,
	 * the next M id), nmfreed (Ms freed) */
	int32_t sched_goidgen, sched_mnext, sched_nmfreed;
	int32_t work_tstart;        /* runtime.workType.tstart: nanotime of the last GC start */
	int32_t work_tend;          /* runtime.workType.tEnd: the last GC's end, = memstats.last_gc_nanotime */
	int32_t mstats_pause_end;   /* runtime.mstats.pause_end [256]uint64 (unix ns of each GC's end) */
	uint64_t work;              /* runtime.work (global) */
	uint64_t runtime_init_time; /* runtime.runtimeInitTime (int64 nanotime, set in runtime.main) */
	/* ---- the heap profile (issue 15; src/memprof.c) ---- */
	/* runtime.bucket (the header before the PCs), runtime.memRecord,
	 * runtime.memRecordCycle (alloc_bytes: -1 in 1.27, which dropped it) */
	int32_t bucket_hdr_size, bucket_allnext, bucket_typ, bucket_size, bucket_nstk;
	int32_t memrecord_size, memrecordcycle_size, memrecordcycle_alloc_bytes;
	/* ---- the heap by type (issue 16; src/walk/heapobj.c) ---- */
	/* runtime.mspan: nelems, freeindex (uintptr up to 1.21, uint16 from
	 * 1.22), allocBits (*gcBits), largeType (*_type, 1.22+; -1 before) */
	int32_t mspan_nelems, mspan_freeindex, mspan_allocbits, mspan_largetype;
	/* ---- proven goroutine leaks (issue 16; src/walk/heapleak.c) ---- */
	/* runtime.g.waiting (*sudog: the sudogs of a channel wait / select; a
	 * sync wait's from 1.26), runtime.sudog: size, waitlink, and elem / c
	 * (the field's start and the word holding the address: 1.26+ made them
	 * maybeTraceablePtr {vp, vu}, the address in vu) */
	int32_t g_waiting;
	int32_t sudog_size, sudog_waitlink, sudog_elem, sudog_elem_addr, sudog_c, sudog_c_addr;
	/* the semaphore table (runtime.semtable: semtable_n entries of
	 * semtable_entsize bytes, each a semaRoot first; semaRoot.treap: a
	 * tree of sudogs by sudog.prev/next, each with a waitlink list), and
	 * sudog.g: which goroutine waits on which semaphore before 1.26 */
	int32_t semtable_n, semtable_entsize, semaroot_treap, sudog_g, sudog_prev, sudog_next;
	uint64_t semtable;          /* runtime.semtable (global, 0 when absent) */
};

/* One scalar field of struct gm_layout, for generic code (cross-check,
 * gorts generator, dumps). */
enum gm_layout_fkind { GM_LF_I32, GM_LF_U32, GM_LF_U64 };
struct gm_layout_field {
	const char *name;           /* the C member name, e.g. "g_goid" */
	size_t off;                 /* offsetof(struct gm_layout, member) */
	enum gm_layout_fkind kind;
	bool per_version;           /* same for every binary of a Go version
				     * (offsets, sizes, constants), not an address */
};
extern const struct gm_layout_field gm_layout_fields[];
extern const size_t gm_layout_nfields;
/* Value of field f of l, widened. */
int64_t gm_layout_field_get(const struct gm_layout *l, const struct gm_layout_field *f);

/* arenaBaseOffset (runtime/malloc.go): 0xffff800000000000 on amd64 (its
 * addresses are 48-bit signed), 0 on arm64; heapArenaBytes (64 MiB) and the
 * one-level arena index (arenaL2Bits 22) are the same on both. */
static inline uint64_t gm_layout_arena_base(const struct gm_layout *l)
{
	return l->arch == GM_ARCH_ARM64 ? 0 : 0xffff800000000000ull;
}

/* The gorts table for a Go minor version (NULL when unknown). Global
 * addresses in it are 0; strings point to static storage. */
const struct gm_layout *gm_layout_gorts_table(int go_minor);
/* The same for an architecture (gm_layout_gorts_table: amd64's); NULL when
 * there is no table for that version or architecture. */
const struct gm_layout *gm_layout_gorts_table_arch(enum gm_arch arch, int go_minor);
/* The Go minor versions that have a gorts table, ascending; returns count. */
size_t gm_layout_gorts_versions(const int **out);

/* Fills *l from the executable's DWARF. GM_ERR_LOOKUP when the binary has
 * no DWARF; other errors name the missing piece. The list sections libdwarf
 * walks on its own are checked first; libdwarf then runs in a forked child
 * process (a libdwarf crash or hang becomes an error; docs/reliability.md). */
struct gm_error *gm_layout_from_dwarf(const struct gm_gobin *gb, struct gm_layout *l);
/* The same with libdwarf in this process (the section checks still run):
 * for the fuzz target, whose coverage a child would hide. */
struct gm_error *gm_layout_from_dwarf_in_process(const struct gm_gobin *gb, struct gm_layout *l);
/* The global variables DWARF gives a runtime type for (the
 * DW_AT_go_runtime_type of their type DIE; for a struct type without one,
 * such as a slice or string, each member that has one): load addresses (a
 * PIE's bias added). In a child process, as above. Error when there is no
 * DWARF or it cannot be read. */
enum { GM_DWG_VALUE, GM_DWG_POINTS_TO, GM_DWG_VIA_VALUE, GM_DWG_VIA_POINTS_TO };
struct gm_dwglobal {
	uint64_t addr;   /* the variable (or member) */
	uint64_t rtype;  /* as an offset from the module's moduledata.types: the *_type of
			  * the value at addr (GM_DWG_VALUE), or of what the pointer at
			  * addr points to (GM_DWG_POINTS_TO: one or more of them) */
	uint32_t kind;
	uint32_t pad;    /* GM_DWG_VIA_* (frame slots only): the offset in the pointee */
};
struct gm_error *gm_layout_dwarf_globals(const struct gm_gobin *gb, struct gm_dwglobal **out, size_t *n);
/* The stack slots of the functions holding pcs (load addresses, sorted,
 * distinct; return addresses: the location at pc - 1 is taken) that DWARF
 * gives a runtime type for, at each of those pcs: a variable or parameter
 * whose location there is a frame slot (DW_OP_fbreg, the frame base being
 * the CFA), or pieces of it (a split slice, string or struct: its members
 * wholly in one slot). Pointers give GM_DWG_POINTS_TO, one- and two-word
 * values with a runtime type (map, chan, func, string, interface)
 * GM_DWG_VALUE, structs their members; a pointer to a struct without a
 * runtime type gives its members as GM_DWG_VIA_VALUE / GM_DWG_VIA_POINTS_TO
 * (the pointer is at the slot; the member, of that kind and runtime type,
 * at offset pad in what it points to). Whether the slot holds a live
 * value at pc is for the caller to check (the stack maps). In a child
 * process, as above. */
struct gm_dwframevar {
	uint64_t pc;      /* load address, as given */
	int64_t cfa_off;  /* the slot: CFA + cfa_off */
	uint64_t rtype;   /* an offset from moduledata.types, as gm_dwglobal's */
	uint32_t kind;    /* GM_DWG_* */
	uint32_t pad;     /* GM_DWG_VIA_*: the member's offset in the pointee */
};
struct gm_error *gm_layout_dwarf_frame_vars(const struct gm_gobin *gb, const uint64_t *pcs, size_t npcs,
					    struct gm_dwframevar **out, size_t *n);
/* Fills *l from gorts/ tables for gb->go_minor plus symbols/pclntab. */
struct gm_error *gm_layout_from_gorts(const struct gm_gobin *gb, struct gm_layout *l);
/* DWARF first, gorts as fallback and cross-check. Differences found by the
 * cross-check are listed in l->warnings. Unknown Go version without DWARF:
 * GM_ERR_UNSUPPORTED. */
struct gm_error *gm_layout_load(const struct gm_gobin *gb, struct gm_layout *l);
/* Globals of other packages than the runtime, which only some walkers need
 * (so they are not part of struct gm_layout): reflect's type caches and what
 * reading them needs. By symbol; in a stripped executable from the code that
 * uses them (src/layout/layout_stripped.c); 0 = not found. */
struct gm_reflect_globals {
	uint64_t ptrmap, lookupcache, funclookupcache, structlookupcache, layoutcache;
	uint64_t reflectoffs; /* runtime.reflectOffs */
	uint64_t expunged;    /* sync.expunged (sync.Map before 1.24) */
};
void gm_layout_reflect_globals(const struct gm_gobin *gb, struct gm_reflect_globals *g);
/* Frees what *l owns; leaves it zeroed. No-op on a zeroed layout. */
void gm_layout_deinit(struct gm_layout *l);
/* Sets every offset/constant to -1 (gs_scan, fing_running_finalizer_bit, and
 * addresses to 0), strings to none. The from_* functions start with this. */
void gm_layout_clear(struct gm_layout *l);
/* The wait reason text for value v ("unknown wait reason" when out of range). */
const char *gm_layout_waitreason(const struct gm_layout *l, unsigned v);

#endif
