/* gm_threads: every OS thread of a target, the M it runs (runtime.allm,
 * matched by m.procid == tid) and its native stack (gm_native). Threads
 * that no M claims were created by C code (or are the runtime's before it
 * recorded them) and are listed as non-Go. */
#ifndef GM_THREADS_H
#define GM_THREADS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_native.h"
#include "gm_target.h"

struct gm_thread_info {
	int32_t tid;
	int32_t cursig;          /* core: the signal the thread was handling, 0 none */
	bool go;                 /* an M runs on it */
	uint64_t m_addr;
	int64_t m_id;            /* -1 when no M */
	uint64_t curg_goid;      /* 0 when m.curg is nil */
	const char *curg_status; /* status name of curg, NULL when none */
	uint64_t lockedg_goid;   /* 0 when m.lockedg is nil */
	bool incgo;              /* m.incgo: in a cgo call */
	int32_t ncgo;            /* m.ncgo: cgo calls in progress (-1 unknown) */
	int64_t ncgocall;        /* m.ncgocall (-1 unknown) */
	bool in_syscall;         /* curg is in _Gsyscall */
	const char *stack;       /* which stack sp is on: "g0", "gsignal", "goroutine", "other" */
	struct gm_nframe *frames;
	size_t nframes;
	const char *unwind_stop; /* why the native unwind stopped, NULL at the outermost frame */
};

struct gm_threads {
	struct gm_thread_info *v;
	size_t n;
	size_t nms;              /* Ms in runtime.allm */
	size_t ms_without_thread;/* Ms whose procid matches no thread (exited / not yet started) */
	const char *problem;     /* the first problem (allm not walked, or an invariant of
				  * the M list, m.curg, m.procid or a native stack that the
				  * target breaks: damage), NULL if none; points into the struct */
	size_t nproblems;
	bool ms_unknown;         /* runtime.allm unreadable or nil: which threads are Go is unknown */
	size_t stacks_cut;       /* core: native stacks cut by missing or damaged memory */
	char problem_buf[320];
};

/* nat may be NULL (no native stacks). */
struct gm_error *gm_threads_collect(struct gm_target *t, const struct gm_gobin *gb,
				    const struct gm_layout *l, struct gm_native *nat,
				    struct gm_threads **ret);
void gm_threads_destroy(struct gm_threads *ts);
/* The thread an M (by address) runs on, NULL if none. */
const struct gm_thread_info *gm_threads_by_m(const struct gm_threads *ts, uint64_t m_addr);
/* The C frames a goroutine on thread th is executing (a cgo call or C code
 * the thread is in): out[0..n) of th->frames, innermost first, from the
 * interrupted context (after the last signal frame, when the thread was
 * handling a signal) up to the first Go frame. 0 when the thread is in Go
 * code. */
size_t gm_threads_c_frames(const struct gm_thread_info *th, const struct gm_nframe **out);

#endif
