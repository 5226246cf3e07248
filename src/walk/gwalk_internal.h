/* The goroutine walker's own parts (src/walk/goroutines.c: the walk and
 * the records; gwalk_unwind.c: the PC cache and the unwinder; gwalk_labels.c:
 * pprof labels; gwalk_signal.c: the context of a running goroutine). Private
 * to src/walk. */
#ifndef GM_GWALK_INTERNAL_H
#define GM_GWALK_INTERNAL_H
#include <stdbool.h>
#include <stdint.h>

#include "gm_arena.h"
#include "gm_bytes.h"
#include "gm_goroutines.h"

#define MAX_PHYS_FRAMES 100000  /* per goroutine: bound for garbage stacks */
#define MAX_INLINE 64
#define MAX_LABELS 256
#define MAX_LABEL_LEN 4096
#define MAX_ALLGLEN (64u << 20)
#define MAX_BAD_RUN 4096 /* nil/unreadable allgs entries in a row: the rest is garbage */
#define SCRATCH_CHUNK (16u << 10) /* per-goroutine arena chunk (args, labels) */
#define PREFETCH_STACK 2048u /* bytes of the next goroutine's stack top to prefetch */
/* sched.lastpoll is first set in schedinit, just before runtime.main sets
 * runtimeInitTime: a little earlier is fine */
#define LASTPOLL_SLACK_NS 10000000000ll

/* _func.flag bits (internal/abi/symtab.go FuncFlag*). */
#define FUNCFLAG_TOPFRAME 1
#define FUNCFLAG_SPWRITE 2

struct pcinfo {
	uint64_t key;           /* pc, with bit 63 set for a trap PC; 0 = empty slot */
	uint64_t pc;
	bool trap;              /* pc is where a signal interrupted (not a return address) */
	bool injected;          /* the function is sigpanic / asyncPreempt / debugCallV2 */
	bool valid;             /* pc is inside a Go function */
	bool spdelta_ok;
	int32_t spdelta;
	struct gm_func fn;
	uint16_t ninl;
	struct gm_inline_frame *inl; /* expansion at symPC, innermost first */
	/* argument printing metadata */
	const uint8_t *arginfo;      /* FUNCDATA_ArgInfo, NULL if none */
	uint16_t arginfo_len;        /* bytes of it known to be readable */
	const uint8_t *liveinfo;     /* FUNCDATA_ArgLiveInfo, NULL if none */
	uint16_t liveinfo_len;
	int32_t liveidx;
};

struct gm_gwalk {
	struct gm_target *t;
	struct gm_memsrc *mem;
	const struct gm_gobin *gb;
	const struct gm_layout *l;
	struct gm_gwalk_opts opts;

	uint64_t allgs_ptr, allglen, idx;
	uint64_t bad_run;       /* consecutive nil/unreadable allgs entries */
	struct gm_gwalk_stats stats;
	char first_problem[256];

	int64_t now;
	const char *now_source;

	/* the runtime's own clock and counters, for plausibility (issue 20):
	 * runtime.runtimeInitTime (0 unknown), work.tstart (the last GC's
	 * start: every g.waitsince is one), sched.goidgen (the last goid) */
	int64_t start_ns;
	bool have_tstart, have_goidgen;
	int64_t tstart;
	uint64_t goidgen;
	char damage[160];
	uint64_t clock_damaged; /* stats.damaged from read_clock/compute_now */

	/* entry PCs of the runtime's sa_restorer (runtime.sigreturn__sigaction,
	 * runtime.sigreturn in 1.19): marks a kernel signal frame */
	uint64_t sigreturn[2];
	bool uses_lr;           /* arm64: return addresses in LR / at 0(SP) */
	uint64_t min_frame;     /* sys.MinFrameSize: args at fp + min_frame */

	/* finalizer goroutine state, for isSystemGoroutine */
	uint64_t fing;
	bool fing_running;

	/* pc cache (open addressing, power of two) */
	struct pcinfo *cache;
	size_t cache_cap, cache_len;
	struct gm_arena cache_arena;
	/* unknown-pc messages (pc_error): kept for the walk, since renderers
	 * group goroutines by them; the last one reused, at most
	 * MAX_PC_ERRORS made (garbage gives a new pc per goroutine) */
	uint64_t pc_error_pc;
	const char *pc_error_what, *pc_error_msg;
	size_t pc_errors;

	/* per-goroutine scratch */
	struct gm_arena scratch;
	struct gm_goroutine rec;
	size_t labels_cap; /* rec.labels' room (gwalk_labels.c) */
	struct gm_gframe *frames;
	size_t frames_cap;
	uint8_t *gbuf;
	char namebuf[64];
};

/* The registers a signal interrupted, as the kernel saved them. */
struct sigctx {
	uint64_t pc, sp, lr;
};

static inline uint64_t gfield64(const struct gm_gwalk *w, const uint8_t *g, int32_t off)
{
	if (off < 0 || off + 8 > w->l->g_size)
		return 0;
	return gm_rd64(g + off);
}

/* gwalk_unwind.c */
bool gm_gwalk__cache_grow(struct gm_gwalk *w);
struct pcinfo *gm_gwalk__pc_lookup(struct gm_gwalk *w, uint64_t pc, bool trap);
void gm_gwalk__unwind(struct gm_gwalk *w, const uint8_t *g, uint64_t pc, uint64_t sp, uint64_t lr, bool trap);
/* gwalk_labels.c */
void gm_gwalk__read_labels(struct gm_gwalk *w, const uint8_t *g);
/* gwalk_signal.c */
bool gm_gwalk__find_signal_context(struct gm_gwalk *w, uint64_t m_addr, uint64_t lo, uint64_t hi,
				   struct sigctx *ctx);
bool gm_gwalk__live_thread_context(struct gm_gwalk *w, uint64_t m_addr, uint64_t lo, uint64_t hi,
				   struct sigctx *ctx, bool core);

#endif
