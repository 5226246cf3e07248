/* gm_timers: every pending timer of every P (gomortem timers).
 *
 * Timers (src/walk/timers.c): the heap of every P of allp. Up to Go 1.22 p.timers
 * is a []*timer and every timer that has been started is in it (deleted ones
 * are skipped by status). From 1.23 p.timers.heap is a []timerWhen, and a
 * channel timer (NewTimer, NewTicker, After, Tick) is in a heap ONLY while a
 * goroutine is blocked receiving from its channel (runtime needsAdd: !isChan
 * || blocked > 0); idle channel timers live only in the time.Timer object.
 * AfterFunc and runtime-internal timers (Sleep, netpoll deadlines) are always
 * in a heap. Zombie timers (stopped, not yet removed) are skipped.
 *
 * The walker never prints. Every read is bounded; problems leave partial
 * results and set `problem`. */
#ifndef GM_TIMERS_H
#define GM_TIMERS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_target.h"

enum gm_timer_kind {
	GM_TIMER_CHAN,        /* time.sendTime: NewTimer/NewTicker/After/Tick */
	GM_TIMER_FUNC,        /* time.goFunc: AfterFunc(d, f), function = f */
	GM_TIMER_SLEEP,       /* runtime.goroutineReady: time.Sleep */
	GM_TIMER_NETPOLL,     /* runtime.netpoll*Deadline */
	GM_TIMER_OTHER,
	GM_TIMER_NKINDS
};
extern const char *const gm_timer_kind_names[GM_TIMER_NKINDS];

struct gm_timer {
	uint64_t addr;            /* the runtime.timer */
	int64_t when;             /* nanotime it fires */
	int64_t period;           /* > 0: ticker */
	enum gm_timer_kind kind;
	uint64_t f_pc;            /* the timer's callback */
	const char *f_name;
	uint64_t fn_pc;           /* what it runs: AfterFunc's f, else f_pc */
	const char *function;     /* pclntab name of fn_pc, NULL unknown */
	const char *file;
	int32_t line;
	uint64_t arg;             /* chan (sendTime), *g (goroutineReady)... */
	uint32_t p;               /* index in allp */
};

struct gm_timer_group {
	enum gm_timer_kind kind;
	const char *function;
	const char *file;
	int32_t line;
	uint64_t fn_pc;
	int64_t period;           /* 0 for one-shot timers */
	uint64_t count;
	int64_t next_when;        /* the earliest `when` of the group */
};

struct gm_timer_report {
	int go_minor;
	bool chan_timers_heaped_only_when_blocked; /* 1.23+ */
	int64_t now;
	const char *now_source;
	uint32_t nprocs;
	struct gm_timer *v;       /* by when */
	size_t n;
	struct gm_timer_group *groups; /* by count desc */
	size_t ngroups;
	uint64_t skipped;         /* deleted / zombie entries */
	char problem[240];
};

struct gm_error *gm_timers_collect(struct gm_target *t, const struct gm_gobin *gb,
				   const struct gm_layout *l, struct gm_timer_report **ret);
/* The same, with the sleepers (and "now") taken from a share filled by a
 * walk already made (gm_gshare.h) when it is usable. */
struct gm_gshare;
struct gm_goroutine;
struct gm_error *gm_timers_collect_shared(struct gm_target *t, const struct gm_gobin *gb,
					  const struct gm_layout *l, const struct gm_gshare *sh,
					  struct gm_timer_report **ret);
/* A goroutine parked in time.Sleep (the sleepers' check looks at these). */
bool gm_timers_is_sleeper(const struct gm_layout *l, const struct gm_goroutine *g);
/* Its stack is in runtime.bgscavenge (the scavenger sleeps on a timer of its own). */
bool gm_timers_in_scavenger(const struct gm_goroutine *g);
void gm_timer_report_destroy(struct gm_timer_report *r);

#endif
