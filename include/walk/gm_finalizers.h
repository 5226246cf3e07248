/* gm_finalizers: registered and queued finalizers and cleanups, the other
 * mspan special kinds, and the state of the goroutines that run them.
 *
 * Sources (docs/json.md "gomortem.finalizers"):
 * - registered: the specials lists of every in-use span of mheap_.allspans;
 * - queued finalizers: every block of runtime.allfin, entries [0:cnt) with
 *   fn != nil (1.24: entries with arg == nil are cleanups);
 * - queued cleanups (1.25+): every block of gcCleanups.all, entries [0:n)
 *   that are not zero;
 * - goroutines: the goroutine walker (start function runtime.runfinq /
 *   runFinalizers / runCleanups, or runtime.fing).
 * The entry a blocked finalizer / cleanup goroutine is running is not counted
 * as queued: it is reported as the goroutine's `running` function.
 *
 * The walker never prints. Everything it reads is bounded; on corrupt target
 * memory it stops that part of the walk, keeps the counts so far and records
 * the first problem in `problem`. */
#ifndef GM_FINALIZERS_H
#define GM_FINALIZERS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_target.h"

struct gm_fin_group {
	uint64_t fn_pc;           /* code PC of the function (0 when unreadable) */
	const char *function;     /* pclntab name, NULL when the PC is in no function */
	const char *file;         /* file:line of the function's entry PC */
	int32_t line;
	uint64_t type_addr;       /* the object's type descriptor (0: unknown) */
	char *object_type;        /* "main.T", NULL when unknown (always for cleanups) */
	uint64_t count;
	uint64_t bytes;           /* sum of span.elemsize (0 for queue entries) */
};

struct gm_fin_list {
	struct gm_fin_group *v;
	size_t n, cap;
	uint64_t total;           /* sum of counts */
	uint64_t bytes;
};

#define GM_FIN_MAX_FRAMES 64

struct gm_fin_frame {
	const char *function, *file;
	int32_t line;
};

struct gm_fin_goroutine {
	uint64_t goid, addr;
	const char *status;       /* the runtime's status / wait reason text */
	const char *wait_reason;  /* NULL when not waiting */
	int64_t wait_minutes;     /* -1 unknown; else a lower bound */
	bool waiting;
	bool running_one;         /* running a finalizer / cleanup */
	const char *state;        /* "idle", "running", "not started" */
	struct gm_fin_frame running; /* the finalizer / cleanup being run (function NULL if none) */
	struct gm_fin_frame frame;   /* first non-runtime frame, innermost (function NULL if none) */
	struct gm_fin_frame frames[GM_FIN_MAX_FRAMES];
	size_t nframes;
	bool frames_truncated;
};

enum gm_fin_kind {
	GM_FIN_K_FINALIZER, GM_FIN_K_CLEANUP, GM_FIN_K_WEAKHANDLE, GM_FIN_K_PROFILE,
	GM_FIN_K_REACHABLE, GM_FIN_K_PINCOUNTER, GM_FIN_K_TINYBLOCK, GM_FIN_K_CHECKFINALIZER,
	GM_FIN_K_BUBBLE, GM_FIN_K_SECRET, GM_FIN_K_UNKNOWN, GM_FIN_NKINDS
};
extern const char *const gm_fin_kind_names[GM_FIN_NKINDS];

struct gm_fin_report {
	int go_minor;
	struct gm_fin_list registered;       /* finalizers, by (function, type), bytes desc */
	struct gm_fin_list queued;           /* finalizers not run yet, by function, count desc */
	struct gm_fin_list cl_registered;    /* cleanups (1.24+), by function */
	struct gm_fin_list cl_queued;
	bool cleanups_supported;             /* Go 1.24+ */
	bool cleanup_queue_separate;         /* 1.25+: gcCleanups; 1.24: cleanups share finq */
	bool kind_present[GM_FIN_NKINDS];
	uint64_t kinds[GM_FIN_NKINDS];       /* specials per kind */
	uint64_t spans, spans_in_use, specials;
	uint64_t fin_blocks, cleanup_blocks;

	bool have_fing;
	struct gm_fin_goroutine fing;
	struct gm_fin_goroutine *cleanup_gs;
	size_t ncleanup_gs;

	int64_t now;                         /* gm_gwalk_now */
	const char *now_source;
	char blocked[512];                   /* one sentence when finalization is blocked, else "" */
	char problem[240];                   /* first problem (partial results), else "" */
};

/* Collects the report. Returns an error only when nothing could be read at
 * all (missing layout pieces, allspans unreadable...); problems met on the
 * way leave partial counts and r->problem set. */
struct gm_error *gm_fin_collect(struct gm_target *t, const struct gm_gobin *gb,
				const struct gm_layout *l, struct gm_fin_report **ret);
/* The same, with the finalizer and cleanup goroutines (and "now") taken from
 * a share filled by a walk already made (gm_gshare.h) when it is usable. */
struct gm_gshare;
struct gm_goroutine;
struct gm_error *gm_fin_collect_shared(struct gm_target *t, const struct gm_gobin *gb,
				       const struct gm_layout *l, const struct gm_gshare *sh,
				       struct gm_fin_report **ret);
/* The goroutines whose stacks the walker reads: g is runtime.fing, or
 * starts at runfinq / runFinalizers / runCleanups. */
bool gm_fin_runs_finalizers(uint64_t fing, const struct gm_goroutine *g);
void gm_fin_report_destroy(struct gm_fin_report *r);

#endif
