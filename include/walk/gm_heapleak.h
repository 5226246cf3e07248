/* gm_heapleak: proven goroutine leaks (issue 16), as the runtime's own
 * detector proves them at run time (Go 1.26 goroutineleak profile,
 * runtime/mgc.go findGoroutineLeaks), from a core or a stopped process, on
 * every Go version.
 *
 * A goroutine parked on a channel operation or a select ("chan receive",
 * "chan send", "select": the channels of its g.waiting sudogs), on a nil
 * channel or an empty select (nothing), or on a sync primitive
 * ("semacquire", "sync.Mutex.Lock", "sync.RWMutex.Lock", "sync.RWMutex.RLock",
 * "sync.WaitGroup.Wait", "sync.Cond.Wait": the semaphore or notify list of
 * its g.waiting sudog) is a candidate. Before 1.26 g.waiting is nil for a
 * sync wait: the semaphore comes from the semaphore table (runtime.semtable:
 * every root's tree of sudogs, sudog.g and sudog.elem), found by its symbol
 * or, stripped, from the code of semacquire1 / semrelease1 (layout); sync.Cond's
 * notify list is in no table. A
 * goroutine whose awaited object is not known is undecided, never called
 * leaked.
 *
 * The mark (src/walk/heapmark.c) runs from the true roots: every module's
 * globals, the stacks of every goroutine that is not a candidate, the
 * finalizer / cleanup specials and queues (timers are reached from allp);
 * the candidates' sudogs' c (channel waits) or elem (sync waits) words are
 * hidden, as the runtime makes them untraceable. Then, to a fixpoint, a
 * candidate one of whose awaited objects is marked (or is not a heap
 * object: a global mutex) is runnable: its stack is scanned, while some
 * reported candidate is still undecided (once none is, what the runnable
 * ones hold can decide nothing). The candidates
 * left are leaked, but for goroutine 1 parked in select {} (a program that
 * ends its main that way): as Go 1.27's detector, it is analysed as leaked
 * (its stack is no root) and not reported.
 *
 * The mark is conservative (it can only over-mark): a leak it names is a
 * leak unless target memory was damaged or unreadable, which is flagged
 * (proven false, problem says what). Never prints. */
#ifndef GM_HEAPLEAK_H
#define GM_HEAPLEAK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_goroutines.h"
#include "gm_layout.h"
#include "gm_target.h"

struct gm_leak_report {
	bool checked;              /* false: the heap was bigger than max_bytes, nothing computed */
	uint64_t candidates;       /* parked on a channel / select / sync primitive, awaited objects known */
	uint64_t undecided;        /* parked on one, awaited object unknown (never leaked) */
	uint64_t leaked;
	uint64_t *leaked_g;        /* the leaked goroutines' runtime.g addresses, sorted */
	uint64_t rounds;           /* fixpoint rounds */
	uint64_t marked;           /* heap objects marked */
	uint64_t objects;          /* allocated heap objects */
	uint64_t heap_bytes;       /* their bytes */
	bool proven;               /* nothing was damaged or unreadable: every leak is proven */
	char problem[300];         /* the first problem ("" none) */
};

/* max_bytes: when the allocated heap objects hold more (the mark's cost
 * grows with them), nothing is computed (checked false, objects and the
 * heap's bytes in heap_bytes); 0: no limit. A live target read without
 * stopping it proves nothing (proven false). */
struct gm_error *gm_heapleak_collect(struct gm_target *t, const struct gm_gobin *gb, const struct gm_layout *l,
				     uint64_t max_bytes, struct gm_leak_report **ret);
/* The same proof fed by the caller's own goroutine walk, so that one walk
 * serves both (summary): gm_heapleak_begin (over max_bytes: a proof that
 * wants no goroutines and finishes as not checked), gm_heapleak_goroutine
 * for every goroutine the walk yields (any gm_gwalk_opts), then
 * gm_heapleak_finish with the walk's stats (NULL: the walk could not
 * start) and its error's message if it stopped on one, which frees the
 * proof; or gm_heapleak_abandon. */
struct gm_leak_proof;
struct gm_error *gm_heapleak_begin(struct gm_target *t, const struct gm_gobin *gb, const struct gm_layout *l,
				   uint64_t max_bytes, struct gm_leak_proof **ret);
bool gm_heapleak_wants_goroutines(const struct gm_leak_proof *p);
void gm_heapleak_goroutine(struct gm_leak_proof *p, const struct gm_goroutine *g);
struct gm_error *gm_heapleak_finish(struct gm_leak_proof *p, const struct gm_gwalk_stats *st, const char *stopped,
				    struct gm_leak_report **ret);
void gm_heapleak_abandon(struct gm_leak_proof *p);
bool gm_heapleak_is_leaked(const struct gm_leak_report *r, uint64_t g_addr);
void gm_heapleak_destroy(struct gm_leak_report *r);

#endif
