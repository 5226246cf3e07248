/* Private to the live target (src/target/target_live.c and its parts):
 * live_proc.c (/proc), live_stop.c (ptrace stop, the signal guard and
 * watchdog), live_mem.c (remote reads, the copy plan, mappings). */
#ifndef GM_LIVE_INTERNAL_H
#define GM_LIVE_INTERNAL_H
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "gm_live.h"

#define LIVE_PRIO 10
#define MAX_THREADS 65536
#define MAX_ROUNDS 64
#define MAX_WANTS (16u << 20)
#define MAX_WANT_LEN (1ull << 32)     /* one range: 4 GiB */
#define MAX_FILE (64u << 20)          /* /proc text files */
#define MERGE_GAP 256                 /* queued ranges closer than this are read as one */
#define BATCH_IOV 1024                /* IOV_MAX */
#define DEFAULT_WATCHDOG_MS 2000
#define LIVE_HINTS 1024u
#define LIVE_PAGE_BITS (1u << 18)


struct block {
	uint64_t addr, len, got; /* got: valid prefix */
	uint8_t *data;
};

struct round {
	struct block *b;
	size_t n;
	uint8_t *buf;
	size_t buflen;
};

struct want {
	uint64_t addr, len; /* addr first: sorted by gm_sort_by_key */
};

struct zero_map {
	void *p;
	size_t len;
};

/* The scan of /proc/PID/pagemap before the stop (full-memory reads): each
 * writable or anonymous mapping with the runs of pages it found present;
 * the stop reads again only the pagemap of mappings it does not call
 * sparse (live_mem.c, sparse_premap). */
#define PRESCAN_SPARSE_MIN (256ull << 20)
#define PRESCAN_SPARSE_FRAC 16
#define PRESCAN_MAX_RUNS (16u << 20)
struct live_premap {
	uint64_t start, end, present;
	char perms[5];
	bool anon;          /* no path: anonymous */
	bool skip;          /* not copied (live_choose_uncopied) */
	size_t run0, nruns; /* in runs[] */
};
struct live_prescan {
	struct live_premap *maps;
	size_t nmaps, capmaps;
	struct want *runs;
	size_t nruns, capruns;
	bool overflow; /* not all recorded: the stop scans every mapping */
};

struct live_priv {
	struct round rounds[MAX_ROUNDS];
	size_t nrounds;
	/* full-memory reads: zero-filled stand-ins for the pages of anonymous
	 * mappings that were never touched (they read as zeros in the process
	 * too, and a kernel core writes them as zeros) */
	struct zero_map *zeros;
	size_t nzeros;
	uint8_t *arena;      /* prefaulted before the stop; rounds take slices of it */
	size_t arena_len, arena_used;
	char **paths;
	size_t npaths;
	struct live_prescan prescan;
	struct gm_uncopied *uncopied; /* the mappings full_memory left out */
	size_t nuncopied;
};

struct gm_live_reader {
	int pid;
	int memfd;
	bool use_vm;
	struct live_priv *p;
	struct want *q;
	size_t nq, capq;
	struct gm_thread *threads;
	size_t nthreads;
	struct gm_mapping *maps;
	size_t nmaps;
	uint64_t total;
	const struct block *hint[LIVE_HINTS]; /* find_block's last hit, by page */
	/* a bit for every page some fetched range touches (hashed: a bit may
	 * stand for several), for gm_live_copied's misses */
	uint64_t pages[LIVE_PAGE_BITS / 64];
	bool overflow;
	/* the pause budget: past deadline_ns (CLOCK_MONOTONIC, 0 none) the
	 * copy calls resume(resume_arg) once, then reads the running process */
	uint64_t deadline_ns;
	void (*resume)(void *arg);
	void *resume_arg;
	bool resumed;
	uint64_t total_at_resume;
	bool stopped;        /* every thread is stopped (not with --no-stop) */
	uint64_t unprepared; /* bytes copied while stopped into memory not made ready before the stop */
};


struct attach_list {
	int pid;
	volatile sig_atomic_t n;
	pid_t *tids;
	int *sigs;           /* signal to deliver on detach (a signal-delivery-stop) */
	char *stopped;
	char *group_stop;
};

#define NHANDLED 6

struct guard {
	struct sigaction old[NHANDLED];
	sigset_t blockset, oldmask;
	bool installed;
};

struct mapinfo {
	uint64_t start, end, off;
	char perms[5];
	const char *path; /* NULL: anonymous; "[vdso]" etc. */
};

/* live_proc.c */
char *live_read_text_file(const char *path, size_t *len);
char live_proc_state(int pid);
struct gm_error *live_access_error(int pid, int err, const char *what);
void live_regs_from_syscall_file(int pid, struct gm_thread *th);
int64_t live_monotonic_offset(int pid);
uint64_t live_mono_ns(void);
unsigned live_env_ms(const char *name, unsigned dflt);
/* live_stop.c */
void live_detach_all_async(struct attach_list *a);
void live_guard_install(struct guard *gd, struct attach_list *a, unsigned watchdog_ms);
void live_guard_remove(struct guard *gd);
void live_block_signals(struct guard *gd);
void live_unblock_signals(struct guard *gd);
pid_t *live_list_tasks(int pid, size_t max, size_t *n, int *err);
struct gm_error *live_stop_all(struct attach_list *a, struct guard *gd, size_t cap);
/* live_mem.c */
/* gm_live_want of a range known not to be copied yet (gm_live_copied) */
void live_want_new(struct gm_live_reader *r, uint64_t addr, uint64_t len);
struct gm_error *live_read_maps(struct gm_live_reader *r, struct mapinfo **ret, size_t *nret);
void live_want_full_memory(struct gm_live_reader *r, const struct mapinfo *mi, size_t n);
/* Before the stop: the bytes live_want_full_memory would copy now (from
 * /proc/PID/maps and pagemap), 0 when unknown. */
uint64_t live_estimate_full_memory(struct gm_live_reader *r);
/* After the estimate: when est passes limit, marks the biggest anonymous
 * mappings (at least 16 MiB present, must_copy false) to be left out until
 * it does not; returns the bytes they hold. */
uint64_t live_choose_uncopied(struct gm_live_reader *r, uint64_t est, uint64_t limit,
			      bool (*must_copy)(void *, struct gm_live_reader *, uint64_t, uint64_t),
			      void *arg);
/* GOMORTEM_COPY_LIMIT_MB, else half of MemAvailable; 0: none */
uint64_t live_copy_limit(void);
void live_prescan_free(struct live_prescan *p);
void live_want_thread_stacks(struct gm_live_reader *r, const struct mapinfo *mi, size_t n);

#endif
