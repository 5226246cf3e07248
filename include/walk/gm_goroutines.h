/* gm_goroutines: the goroutine walker. Iterates runtime.allgs of a target
 * and, for each live goroutine, produces a plain record: identity, state,
 * the full unwound stack (every logical frame, inlined ones included, no
 * elision: renderers decide what to print), creator, labels.
 *
 * The walker streams: gm_gwalk_next() fills a record that stays valid until
 * the next call, so memory stays flat for 100,000s of goroutines. Symbolic
 * information (function names, files) points into the executable's pclntab
 * and lives as long as the gobin. */
#ifndef GM_GOROUTINES_H
#define GM_GOROUTINES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_target.h"

struct gm_gframe {              /* one logical frame */
	const char *func;       /* raw pclntab name (shape names not yet elided) */
	const char *file;
	int32_t line;
	bool inlined;
	uint32_t phys;          /* index of the physical frame it belongs to */
	uint64_t pc, sp, fp;    /* of the physical frame */
	uint64_t entry;         /* entry PC of the physical function */
	const char *args;       /* Go-formatted argument list without parens, NULL when not computed */
	uint32_t args_len;      /* strlen(args), 0 when args is NULL */
	/* goroutines --native (src/cmd/cmd_goroutines.c): a C frame of the thread the
	 * goroutine's cgo call runs on, placed before its Go frames. func is the
	 * symbol ("?" when unknown), file the module's path ("?"), line -1,
	 * entry the symbol's start; the walker itself never sets it. */
	bool native;
};

struct gm_label {
	const char *key, *value; /* NUL-terminated copies; may contain any byte but NUL */
	size_t klen, vlen;
};

struct gm_goroutine {
	uint64_t addr;          /* the runtime.g */
	uint64_t goid;
	uint32_t status;        /* atomicstatus, with the _Gscan bit */
	bool scan;
	bool leaked;           /* _Gleaked (1.26+) */
	/* proven leaked (gm_heapleak, set by the goroutines command on its copy
	 * of the record; the walker leaves it false) */
	bool proven_leaked;
	uint8_t waitreason;
	const char *status_str; /* as the runtime prints it: wait reason when waiting, else status name, or "???" */
	const char *wait_reason;/* wait reason text, NULL when not waiting / reason zero */
	int64_t waitsince;      /* nanotime, 0 when unknown */
	int64_t wait_minutes;   /* -1 when unknown; else a lower bound (see gm_gwalk_now) */
	uint64_t m_addr;        /* 0 when g.m == nil */
	int64_t m_id;           /* -1 when g.m == nil */
	bool locked;            /* lockedm != 0 */
	bool system;            /* isSystemGoroutine */
	uint64_t parent_goid;   /* 0 when unknown / not recorded (1.19) */
	uint64_t gopc, startpc;
	const char *start_func; /* function at startpc, NULL if unknown */
	struct {
		bool present;
		const char *func, *file;
		int32_t line;
		uint64_t pc, entry;
	} created_by;
	struct gm_gframe *frames;
	size_t nframes;         /* logical frames */
	size_t nphys;           /* physical frames */
	bool stack_unavailable; /* running on a thread and no signal frame found */
	bool from_signal;       /* running: stack unwound from the thread's signal frame */
	bool from_syscall;      /* in a syscall: unwound from g.syscallpc/syscallsp */
	bool from_thread;       /* running, live target: unwound from its stopped thread's registers */
	bool stack_skipped;     /* not unwound: gm_gwalk_opts.want_stack said no */
	const char *unwind_error; /* why unwinding stopped early, NULL if it reached the end */
	/* a value of the g the runtime never produces (goid above
	 * sched.goidgen, a wait reason its status or bubble does not allow,
	 * g.waitsince outside [runtimeInitTime, work.tstart]): the g is
	 * damaged; the impossible value is dropped (wait_minutes -1, no
	 * wait_reason, parent_goid 0). NULL when nothing is impossible. Valid
	 * until the next gm_gwalk_next. */
	const char *damage;
	struct gm_label *labels;
	size_t nlabels;
};

struct gm_gwalk_opts {
	bool want_args;         /* format frame arguments as the runtime does */
	bool want_labels;
	/* When set, only the goroutines it says yes to are unwound (it sees
	 * every field but the stack); the others come with no frames and
	 * stack_skipped set. A walker that needs a few stacks, or none, saves
	 * the unwinding of all the others (most of a walk's time). */
	bool (*want_stack)(void *arg, const struct gm_goroutine *g);
	void *want_stack_arg;
};

struct gm_gwalk;

struct gm_error *gm_gwalk_create(struct gm_target *t, const struct gm_gobin *gb,
				 const struct gm_layout *l, const struct gm_gwalk_opts *opts,
				 struct gm_gwalk **ret);
/* *out = NULL at the end. A goroutine whose g struct cannot be read is
 * skipped and counted (gm_gwalk_stats); an error is returned only when the
 * walk itself cannot go on (allgs unreadable). */
struct gm_error *gm_gwalk_next(struct gm_gwalk *w, const struct gm_goroutine **out);
/* Restart from the first goroutine. */
void gm_gwalk_rewind(struct gm_gwalk *w);
struct gm_gwalk_stats {
	uint64_t allglen;        /* slots in allgs */
	uint64_t live;           /* records produced */
	uint64_t dead;           /* _Gdead / _Gdeadextra skipped */
	uint64_t unreadable;     /* g structs that could not be read */
	uint64_t unwind_errors;  /* goroutines whose stack stopped early */
	uint64_t damaged;        /* goroutines with impossible values (gm_goroutine.damage),
				  * plus runtime clock/counter globals found impossible */
	const char *first_problem; /* message of the first problem, NULL if none */
};
void gm_gwalk_stats(const struct gm_gwalk *w, struct gm_gwalk_stats *out);
/* The "now" used for wait minutes: a lower bound of the target's
 * CLOCK_MONOTONIC at dump time (max of sched.lastpoll and every
 * g.waitsince), 0 when unknown. `source` says where it came from. */
int64_t gm_gwalk_now(const struct gm_gwalk *w, const char **source);
void gm_gwalk_destroy(struct gm_gwalk *w);
/* A live process, while it is stopped: queues on r (gm_live_want) what
 * gm_gwalk_next will read beyond the executable's data (allgs, every g,
 * every M with its g0 and gsignal, the g0 or signal stack a thread was
 * stopped on, each goroutine's used stack, its pprof labels as the
 * walker's own label reader reads them) and fetches it. The session's
 * gm_session_opts.live_plan (src/session/live_plan.c runs it). */
struct gm_live_reader;
struct gm_error *gm_gwalk_live_plan(const struct gm_gobin *gb, const struct gm_layout *l,
				    struct gm_live_reader *r);
/* gm_gwalk_now without walking: for other walkers that need "now". Falls
 * back to the target's own clock (live) when goroutines cannot be read. */
int64_t gm_gwalk_estimate_now(struct gm_target *t, const struct gm_gobin *gb,
			      const struct gm_layout *l, const char **source);

/* Go's printFuncName: "runtime.gopanic" -> "panic", shape names -> "[...]"
 * (1.21+; 1.27's two-group rule when go_minor >= 27). Returns `name` itself
 * when it prints unchanged, else buf (at most n bytes, NUL-terminated). */
char *gm_go_funcname_for_print(const char *name, int go_minor, char *buf, size_t n);

#endif
