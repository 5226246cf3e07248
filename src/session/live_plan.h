/* The Go-aware part of a live read: what the walkers need, copied while the
 * process is stopped (a `collect` callback for gm_target_open_live_opts). */
#ifndef GM_LIVE_PLAN_H
#define GM_LIVE_PLAN_H
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_layout.h"

#include "gm_session.h"

struct gm_live_reader;

struct gm_live_go {
	const struct gm_gobin *gb;
	const struct gm_layout *l;
	gm_session_live_plan_fn *plan; /* the walkers' plan (gm_session_opts.live_plan) */
};

/* arg: struct gm_live_go *. Copies the executable's writable segments
 * (every runtime global), its first page (the executable check) and the Go
 * plugins' data, then runs plan (what the walkers read: allgs, every g,
 * every M, the used stacks, the pprof labels). */
struct gm_error *gm_live_collect_go(void *arg, struct gm_live_reader *r);
/* Before the stop: a generous estimate of what gm_live_collect_go copies
 * (from allglen, read from the running process). */
uint64_t gm_live_estimate_go(void *arg, struct gm_live_reader *r);
/* gm_live_opts.must_copy: [start, end) holds a Go heap arena, the heap
 * index (mheap_.arenas[0]) or a heapArena record; true when that cannot
 * be read. */
bool gm_live_must_copy_go(void *arg, struct gm_live_reader *r, uint64_t start, uint64_t end);
/* Before the stop: len(runtime.allgs) (every goroutine ever created and
 * not freed: what the walkers read), 0 when unknown; sizes the default
 * pause budget. */
uint64_t gm_live_goroutines_go(void *arg, struct gm_live_reader *r);

/* A position-independent executable's load bias in process pid (before any
 * stop): AT_ENTRY from /proc/PID/auxv minus the executable's e_entry. */
struct gm_error *gm_live_load_bias(int pid, const struct gm_gobin *gb, uint64_t *ret);

#endif
