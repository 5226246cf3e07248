/* gm_gshare: one goroutine walk serving several walkers (issue 22).
 *
 * `summary` walks every goroutine with its full stack; the finalizer
 * walker (the finalizer and cleanup goroutines), the timers' sleeper check
 * (every goroutine parked in time.Sleep) and "now" (the latest g.waitsince,
 * for heap and timers) used to walk allgs again each. A share is filled from
 * that one walk (gm_gshare_add for every record, gm_gshare_finish at its
 * end) and handed to gm_fin_collect_shared, gm_timers_collect_shared and
 * gm_heap_collect_shared, which then read it instead of the core: their
 * results are the same as with walks of their own.
 *
 * It keeps only what they use: deep copies of the goroutines that run
 * finalizers or cleanups (a few), the goid and g of each sleeper (and whether
 * it is the scavenger), the walk's counts and "now". Bounded: past
 * GM_GSHARE_MAX_FIN goroutines or GM_GSHARE_MAX_SLEEPERS sleepers the share
 * says `overflow` and the walkers walk on their own, as before. */
#ifndef GM_GSHARE_H
#define GM_GSHARE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_arena.h"
#include "gm_goroutines.h"

#define GM_GSHARE_MAX_FIN 256
#define GM_GSHARE_MAX_SLEEPERS (1u << 20)

struct gm_gshare_sleeper {
	uint64_t goid, addr;
	bool scavenger;      /* its stack is in runtime.bgscavenge */
};

struct gm_gshare {
	const struct gm_layout *l;
	bool complete;       /* gm_gshare_finish saw the walk end without an error */
	bool overflow;       /* more than the bounds: useless, walk instead */
	uint64_t fing;       /* runtime.fing as read before the walk */
	struct gm_gwalk_stats stats;
	char first_problem[256];
	int64_t now;
	const char *now_source;
	struct gm_goroutine *fin;   /* the goroutines gm_fin_runs_finalizers says yes to */
	size_t nfin;
	struct gm_gshare_sleeper *sleepers;
	size_t nsleepers, capsleepers;
	struct gm_arena arena;      /* frames and strings of the copies */
};

void gm_gshare_init(struct gm_gshare *sh, struct gm_target *t, const struct gm_layout *l);
/* Every record of a walk that unwinds every stack (want_stack NULL),
 * without arguments or labels, in walk order. */
void gm_gshare_add(struct gm_gshare *sh, const struct gm_goroutine *g);
/* After the last record; ended: gm_gwalk_next ended the walk without an
 * error (else the share is not complete and stands in for nothing). */
void gm_gshare_finish(struct gm_gshare *sh, const struct gm_gwalk *w, bool ended);
/* The share can stand in for a walk. */
bool gm_gshare_usable(const struct gm_gshare *sh);
void gm_gshare_deinit(struct gm_gshare *sh);

#endif
