/* gm_diff: the comparison of two snapshots of the same program (gomortem
 * diff OLD NEW). A snapshot (struct gm_diff_side) is what a diff needs of
 * one target: its summary's metrics, when it was taken, and per-item counts
 * in categories (goroutine groups, finalizers and cleanups by function,
 * reflect types made at run time, timers, the memory map by class, the heap
 * profile's in-use bytes by site, the heap's bytes by type, the Go plugins
 * loaded), each item named by a key that is the same in two snapshots of
 * one build.
 * gm_diff_compute matches the items of two snapshots by key: grown, new,
 * gone, shrunk, unchanged, biggest growth first; and raises red flags on
 * growth. --fail-on thresholds on growth ("growth.METRIC OP NUMBER[%]",
 * percent relative to OLD). Nothing here prints (src/render/render_diff.c). */
#ifndef GM_DIFF_H
#define GM_DIFF_H
#include <stdbool.h>
#include <stdint.h>
#include "gm_arena.h"
#include "gm_cdname.h"
#include "gm_summary.h"

struct gm_diff_failon {
	struct gm_failon f;     /* metric, op, value (a percentage when percent) */
	bool percent;
	const char *expr;
};

/* GM_ERR_USAGE unless EXPR is growth.METRIC OP NUMBER[UNIT|%]. */
struct gm_error *gm_diff_failon_parse(const char *expr, struct gm_diff_failon *out);
/* 1 crossed, 0 not, -1 unknown (the metric is unknown in either summary,
 * or a percentage of an OLD value of 0). */
int gm_diff_failon_eval(const struct gm_diff_failon *d, const struct gm_summary *old,
			const struct gm_summary *nw);
/* growth of metric m: *known false when either side is unknown */
int64_t gm_diff_growth(const struct gm_summary *old, const struct gm_summary *nw, enum gm_metric m,
		       bool *known);

/* ---- snapshots ---- */

enum gm_diff_cat {
	GM_DC_GOROUTINES,       /* goroutine groups: state, full stack, creator; count of goroutines */
	GM_DC_FIN_REGISTERED,   /* finalizers registered, by function and object type */
	GM_DC_FIN_QUEUED,       /* finalizers queued, not run yet, by function */
	GM_DC_CL_REGISTERED,    /* cleanups (1.24+) registered, by function */
	GM_DC_CL_QUEUED,        /* cleanups queued, by function */
	GM_DC_TYPES,            /* types made at run time, by constructor and name (count 1 each) */
	GM_DC_TIMERS,           /* pending timers by kind, function and period */
	GM_DC_MEMORY,           /* the memory map: bytes by class */
	GM_DC_HEAP_SITES,       /* the heap profile's in-use bytes by allocation site (as of the last GC) */
	GM_DC_HEAP_TYPES,       /* heap --by-type: bytes of the allocated objects by recorded type
				 * (or size class); collected on request (GM_DIFF_HEAP_TYPES) */
	GM_DC_PLUGINS,          /* the Go plugins loaded (the runtime's module list), count 1
				 * each: a process never unloads one, so one gone means OLD and
				 * NEW are not one process (or a list is damaged) */
	GM_DC_N
};
/* "goroutines", "finalizers.registered", ... (JSON keys) */
extern const char *const gm_diff_cat_names[GM_DC_N];
/* the category counts bytes (memory), not items */
bool gm_diff_cat_bytes(enum gm_diff_cat c);

/* a goroutine group as the reader sees it (the summary's choice of
 * "where": the program's own first frame, else the first outside the
 * runtime, else the innermost) */
struct gm_diff_gdesc {
	const char *state;
	const char *func, *file;   /* NULL: no stack */
	int32_t line;
	const char *created_func, *created_file; /* NULL: no creator recorded */
	int32_t created_line;
	uint32_t nframes;
	bool system;               /* every member is a system goroutine */
};

/* a Go plugin as the reader sees it */
struct gm_diff_pdesc {
	const char *path;          /* the file the target mapped */
	const char *pluginpath;    /* moduledata.pluginpath, "" unread */
	uint32_t order;            /* its place in its side's module list, from 1 */
};

struct gm_diff_entry {
	const char *key;           /* what matches between snapshots */
	const char *alt;           /* goroutine groups: the key across builds (lines, not pcs) */
	const char *label;         /* what the reader sees (goroutines: NULL, see g) */
	uint64_t count;
	const struct gm_diff_gdesc *g; /* goroutine groups only */
	const struct gm_diff_pdesc *p; /* plugins only */
};

struct gm_diff_side {
	const char *name;          /* the core as given */
	const char *build_id;      /* Go build ID, else GNU build ID, "" unknown */
	struct gm_target_time time;
	bool by_line;              /* goroutine keys name lines, not pcs (gm_diff_side_by_line) */
	struct gm_summary *sm;     /* metrics and problems */
	bool own_sm;               /* freed with the side */
	bool have[GM_DC_N];        /* the category was read (its walker did not fail) */
	bool unsupported[GM_DC_N]; /* the target's Go has none (cleanups before 1.24) */
	const char *why_not[GM_DC_N]; /* !have: why, when known ("not collected (--heap-types)") */
	struct gm_diff_entry *e[GM_DC_N];
	size_t n[GM_DC_N];
	struct gm_arena arena;
};

/* The snapshot of a session: sm is gm_summary_collect of the same session
 * (own_sm: freed with the side, also on error). Goroutine groups are keyed
 * by state, every frame's function and pc offset, and the creator; their
 * alt key names lines instead of pcs. name is copied; time: when the
 * target was read (gm_summary_time). A goroutine walk that fails leaves
 * GM_DC_GOROUTINES unknown (the summary says why). */
#define GM_DIFF_HEAP_TYPES 1u   /* also heap --by-type (reads every typed object's header) */
struct gm_error *gm_diff_side_collect(struct gm_session *s, struct gm_summary *sm, bool own_sm, const char *name,
				      const struct gm_target_time *time, unsigned what, struct gm_diff_side **ret);
/* Goroutine groups re-keyed by their alt key (groups that differ only in
 * pcs merge): for two builds, whose pcs differ. false on out of memory. */
bool gm_diff_side_by_line(struct gm_diff_side *d);
/* A snapshot written by summary --format json (member "diff_snapshot",
 * schema gomortem.snapshot) read back: GM_ERR_FORMAT when the file is not
 * one (malformed JSON, another schema or version, a missing member). */
struct gm_error *gm_diff_side_load(const char *path, struct gm_diff_side **ret);
void gm_diff_side_destroy(struct gm_diff_side *d);
/* The item of category c keyed key in d, NULL when absent (or c unread). */
const struct gm_diff_entry *gm_diff_side_find(const struct gm_diff_side *d, enum gm_diff_cat c, const char *key);
/* 2 added heap.sites and heap.types (and why_not); a version 1 snapshot is
 * read with those two unknown. 3 added plugins (unknown in 1 and 2). */
#define GM_SNAPSHOT_VERSION 3
/* the file starts with '{' (after white space): a JSON snapshot, not a core */
bool gm_diff_is_snapshot_file(const char *path);
/* The build ID a diff compares: Go's, else the GNU one, else "". */
const char *gm_diff_build_id(const struct gm_session *s);

/* ---- the comparison ---- */

enum gm_diff_change { GM_DIFF_GROWN, GM_DIFF_NEW, GM_DIFF_UNCHANGED, GM_DIFF_SHRUNK, GM_DIFF_GONE };
extern const char *const gm_diff_change_names[5];

struct gm_diff_row {
	const struct gm_diff_entry *old, *nw; /* NULL when absent on that side */
	uint64_t nold, nnew;
	int64_t growth;
	enum gm_diff_change change;
};

struct gm_diff_catres {
	bool known;                /* both sides have the category */
	struct gm_diff_row *rows;  /* growth desc, then NEW count desc, then (plugins)
				    * load order, then key */
	size_t n;
	uint64_t counted[5];       /* rows per change */
	int64_t old_total, new_total;
};

#define GM_DIFF_MAX_FLAGS 16
/* red-flag thresholds (docs/gomortem.1, diff) */
#define GM_DIFF_FLAG_GOROUTINES 100   /* a group grew by this many */
#define GM_DIFF_FLAG_FINALIZERS 100   /* finalizers or cleanups queued for one function */
#define GM_DIFF_FLAG_TYPES 100        /* types made at run time */
#define GM_DIFF_FLAG_TIMERS 100       /* pending timers of one group */
#define GM_DIFF_FLAG_HEAP_BYTES (1 << 20) /* a heap type or site grew by this many bytes, */
#define GM_DIFF_FLAG_HEAP_PERCENT 10      /* and by this percent of OLD's total of the category */
#define GM_DIFF_FLAG_HEAP_ROWS 3          /* flags per heap category at most */

struct gm_diff {
	const struct gm_diff_side *old, *nw;
	bool same_build;
	bool have_interval;        /* both times known, NEW not before OLD */
	int64_t interval_usec;
	struct gm_diff_catres cat[GM_DC_N];
	struct gm_summary_flag flags[GM_DIFF_MAX_FLAGS];
	int nflags;
};

struct gm_error *gm_diff_compute(const struct gm_diff_side *old, const struct gm_diff_side *nw,
				 struct gm_diff **ret);
void gm_diff_destroy(struct gm_diff *d);
/* growth per minute of a row (have_interval and interval > 0), else false */
bool gm_diff_per_minute(const struct gm_diff *d, int64_t growth, double *out);

#endif
