/* gm_summary: the one-screen triage of a target (gomortem summary): what it
 * is, its goroutines by state and the biggest groups of identical stacks,
 * finalizers and cleanups, reflect caches, timers, heap figures, memory
 * outside the Go heap, and red flags, each with its evidence. Also the
 * named metrics that --fail-on thresholds test.
 *
 * Collection runs every walker once; each walker's problem is kept (the
 * summary is then partial) and the others go on. Nothing here prints. */
#ifndef GM_SUMMARY_H
#define GM_SUMMARY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_finalizers.h"
#include "gm_types.h"
#include "gm_heap.h"
#include "gm_timers.h"
#include "gm_memprof.h"
#include "gm_maps.h"
#include "gm_session.h"
#include "gm_cdname.h"

#define GM_SUMMARY_TOP 5
#define GM_SUMMARY_MAX_FLAGS 16
#define GM_SUMMARY_MAX_STATES 32
#define GM_SUMMARY_MAX_PROBLEMS 8

struct gm_summary_group {
	uint64_t count, locked, first_goid;
	const char *state;
	int64_t max_minutes;            /* -1 unknown */
	bool system;                    /* every member is a system goroutine */
	bool waiting;                   /* parked (the state is a wait reason) */
	const char *func, *file;        /* first frame outside the runtime (else innermost); NULL: no stack */
	int32_t line;
	const char *created_func, *created_file; /* NULL when not recorded */
	int32_t created_line;
	uint32_t frames;                /* stack depth (logical frames) */
	char incomplete[192];           /* why the stack stopped early (the walker's
					 * unwind_error, copied), "" when complete */
};

enum gm_flag_severity { GM_FLAG_NOTE, GM_FLAG_WARNING, GM_FLAG_CRITICAL };

struct gm_summary_flag {
	enum gm_flag_severity severity;
	const char *code;               /* stable identifier: "goroutine_leak", ... */
	char message[512];              /* one sentence with its evidence */
};

/* The named figures --fail-on tests (docs/json.md lists them). */
enum gm_metric {
	GM_M_GOROUTINES, GM_M_GOROUTINES_GROUPS, GM_M_GOROUTINES_LARGEST_GROUP,
	GM_M_GOROUTINES_MAX_WAIT_MINUTES, GM_M_GOROUTINES_RUNNING, GM_M_GOROUTINES_RUNNABLE,
	GM_M_GOROUTINES_WAITING, GM_M_GOROUTINES_SYSCALL, GM_M_GOROUTINES_UNREADABLE,
	GM_M_GOROUTINES_LEAKED,
	GM_M_THREADS, GM_M_THREADS_NOT_GO, GM_M_THREADS_IN_CGO, GM_M_PLUGINS,
	GM_M_FIN_REGISTERED, GM_M_FIN_QUEUED, GM_M_FIN_BLOCKED, GM_M_FIN_BLOCKED_MINUTES,
	GM_M_CL_REGISTERED, GM_M_CL_QUEUED,
	GM_M_TYPES_RUNTIME, GM_M_TYPES_CACHED,
	GM_M_TIMERS, GM_M_TIMERS_TICKERS, GM_M_TIMERS_LARGEST_GROUP,
	GM_M_HEAP_ALLOC, GM_M_HEAP_TOTALALLOC, GM_M_HEAP_SYS, GM_M_HEAP_MALLOCS, GM_M_HEAP_FREES,
	GM_M_HEAP_HEAPALLOC, GM_M_HEAP_HEAPSYS, GM_M_HEAP_HEAPIDLE, GM_M_HEAP_HEAPINUSE,
	GM_M_HEAP_HEAPRELEASED, GM_M_HEAP_HEAPOBJECTS, GM_M_HEAP_STACKINUSE, GM_M_HEAP_STACKSYS,
	GM_M_HEAP_GCSYS, GM_M_HEAP_OTHERSYS, GM_M_HEAP_NEXTGC, GM_M_HEAP_NUMGC,
	GM_M_HEAP_PROFILE_INUSE_TOP, GM_M_HEAP_PROFILE_INUSE,
	GM_M_MEM_MAPPED, GM_M_MEM_SHLIB, GM_M_MEM_ANON, GM_M_MEM_UNACCOUNTED,
	GM_M_MEM_UNACCOUNTED_IN_USE, GM_M_MEM_C_MALLOC,
	GM_M_FLAGS, GM_M_FLAGS_CRITICAL,
	GM_M_N
};
extern const char *const gm_metric_names[GM_M_N];

struct gm_summary {
	/* goroutines */
	bool have_goroutines;
	uint64_t goroutines, groups, unreadable, unwind_errors;
	int64_t max_wait_minutes;       /* over every waiting goroutine, -1 unknown */
	struct { const char *state; uint64_t n; } states[GM_SUMMARY_MAX_STATES];
	size_t nstates;
	uint64_t running, runnable, waiting, syscall;
	struct gm_summary_group top[GM_SUMMARY_TOP];
	size_t ntop;
	/* the biggest "places": groups merged by state, where and creator (a
	 * leak through recursion of varying depth is many groups of one place);
	 * count/max_minutes/frames summed/maxed over the merged groups; the red
	 * flags look at these */
	struct gm_summary_group places[GM_SUMMARY_TOP];
	size_t nplaces;
	int64_t now;                    /* lower bound of the target's nanotime, 0 unknown */
	/* proven leaks (src/walk/heapleak.c): computed when the options say so
	 * or the heap is small (GM_SUMMARY_LEAKS_AUTO_BYTES) */
	bool leaks_checked;
	bool leaks_proven;              /* no damage: every leak counted is proven */
	uint64_t leaked, leak_candidates, leak_undecided, leaked_groups;
	char leaks_problem[300];        /* damage or what could not be read ("" none) */
	char leaks_off[160];            /* not checked: why ("" checked) */
	struct gm_summary_group leaked_top[GM_SUMMARY_TOP]; /* the biggest groups of leaked goroutines */
	size_t nleaked_top;
	/* the walkers' reports; NULL when that walker failed outright */
	struct gm_fin_report *fin;
	struct gm_types_report *types;
	struct gm_timer_report *timers;
	struct gm_heap_report *heap;
	/* the runtime's heap profile (src/memprof.c); NULL when the program has
	 * none (profiling off) or it could not be read */
	struct gm_memprof *memprof;
	char memprof_off[200];          /* why there is none, "" when there is one */
	struct gm_maps_report *maps;
	uint64_t timer_tickers;         /* pending timers with a period */
	/* threads (gm_threads, without native stacks) */
	bool have_threads;
	uint64_t threads, threads_go, threads_not_go, threads_in_cgo, threads_in_syscall;
	int32_t signal_tid;             /* the thread the fatal signal was delivered to, 0 unknown */
	uint64_t signal_goid;           /* the goroutine that thread ran, 0 none/unknown */
	/* what could not be read: "<part>: <why>" */
	char problems[GM_SUMMARY_MAX_PROBLEMS][300];
	int nproblems;
	struct gm_summary_flag flags[GM_SUMMARY_MAX_FLAGS];
	int nflags;
	/* metrics: value and whether it is known (a walker that failed leaves its
	 * metrics unknown; a threshold on an unknown metric is not crossed and
	 * is reported as unknown) */
	int64_t metric[GM_M_N];
	bool metric_known[GM_M_N];
};

/* The leak proof's cost grows with the heap: by default (AUTO) it runs
 * when the allocated heap objects hold at most this many bytes. */
#define GM_SUMMARY_LEAKS_AUTO_BYTES (256ull << 20)
enum gm_summary_leaks { GM_SUMMARY_LEAKS_AUTO, GM_SUMMARY_LEAKS_ON, GM_SUMMARY_LEAKS_OFF };
struct gm_summary_opts {
	enum gm_summary_leaks leaks;
};
struct gm_error *gm_summary_collect(struct gm_session *s, struct gm_summary **ret);
/* o NULL: the defaults */
struct gm_error *gm_summary_collect_opts(struct gm_session *s, const struct gm_summary_opts *o,
					 struct gm_summary **ret);
/* Computes flags[] and the flag metrics from the rest of the summary (called
 * by collect; separate so that it can be tested on made-up figures). */
void gm_summary_flags(struct gm_summary *sm, const struct gm_target *t);
void gm_summary_destroy(struct gm_summary *sm);
/* A function of the standard library (the first element of its package
 * path has no dot; "main." is the program's): where a group is shown is
 * the first frame that is not one. */
bool gm_summary_is_std_func(const char *f);
/* When the target was read (gm_target_time_of), with the runtime's clocks
 * in sm (last GC wall time + monotonic time since) as the lower bound. */
void gm_summary_time(const struct gm_summary *sm, const char *path, bool live, struct gm_target_time *out);

/* --fail-on EXPR: METRIC OP NUMBER[UNIT], OP one of > >= < <= == !=, UNIT
 * one of K M G T (x1000) KiB MiB GiB TiB (x1024), or none; '_' and ','
 * may group digits. */
enum gm_failon_op { GM_OP_GT, GM_OP_GE, GM_OP_LT, GM_OP_LE, GM_OP_EQ, GM_OP_NE };
struct gm_failon {
	enum gm_metric metric;
	enum gm_failon_op op;
	int64_t value;
	const char *expr;
};
/* GM_ERR_USAGE on a malformed expression or an unknown metric. */
struct gm_error *gm_failon_parse(const char *expr, struct gm_failon *out);
/* 1 crossed, 0 not, -1 the metric is unknown for this target. */
int gm_failon_eval(const struct gm_failon *f, const struct gm_summary *sm);
const char *gm_failon_op_str(enum gm_failon_op op);

#endif
