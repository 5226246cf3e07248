/* gm_target: what is being inspected: memory, threads (registers),
 * file mappings, the executable path and how the process ended.
 * Opened from an ELF core (plain, or compressed with zstd, lz4 (frame format)
 * or xz; compression is detected by magic bytes). A live process fills the
 * same struct (issue 3). */
#ifndef GM_TARGET_H
#define GM_TARGET_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_arch.h"
#include "gm_diag.h"
#include "gm_error.h"
#include "gm_memsrc.h"

/* x86-64 user_regs_struct, in the kernel's order. */
struct gm_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8, rax, rcx, rdx, rsi, rdi,
		orig_rax, rip, cs, eflags, rsp, ss, fs_base, gs_base, ds, es, fs, gs;
};

/* arm64 user_pt_regs (the kernel's elf_gregset_t): x0..x30, sp, pc, pstate. */
struct gm_regs_arm64 {
	uint64_t x[31], sp, pc, pstate;
};

struct gm_thread {
	int32_t tid;
	int32_t cursig;   /* pr_cursig of NT_PRSTATUS */
	/* The registers by role (pc, sp, fp, lr, g), for every architecture:
	 * what the walkers use. Set with gm_thread_set_roles from the
	 * architecture's own set below. */
	struct gm_regroles r;
	struct gm_regs regs;              /* amd64 targets only (else zero) */
	struct gm_regs_arm64 regs_arm64;  /* arm64 targets only (else zero) */
	bool regs_live;   /* live target: regs were taken while the thread was
			   * stopped (false for cores, and for threads of a
			   * --no-stop read whose registers are unknown) */
};

struct gm_mapping {      /* one NT_FILE entry */
	uint64_t start, end, file_ofs; /* file_ofs in bytes */
	const char *path;
};

/* live, full memory: an anonymous mapping left out of the copy because
 * copying it would pass the copy limit (docs/live.md) */
struct gm_uncopied {
	uint64_t start, end;
	uint64_t resident;       /* its present pages' bytes (pagemap, before the stop) */
};

struct gm_target {
	enum gm_arch arch;       /* the core's e_machine; a live target: this host's */
	struct gm_memsrc *mem;
	struct gm_thread *threads;
	size_t nthreads;
	struct gm_mapping *maps;
	size_t nmaps;
	char *exe_path;          /* from NT_FILE (mapping of AT_ENTRY) / NT_PRPSINFO; may be NULL */
	/* The executable as the target's mappings name it, when that differs
	 * from exe_path: live, /proc/PID/exe's link text, which is the path
	 * /proc/PID/maps shows ("/app/prog" in another mount namespace, "...
	 * (deleted)") while exe_path is a path this process can open. NULL:
	 * the mappings name it exe_path. */
	char *exe_map_path;
	char *comm;              /* NT_PRPSINFO pr_fname; may be NULL */
	char *psargs;            /* NT_PRPSINFO pr_psargs; may be NULL */
	int32_t pid;
	int32_t signo;           /* signal that ended the process (NT_SIGINFO / prstatus), 0 if unknown */
	int32_t sigcode;         /* si_code when NT_SIGINFO present */
	uint64_t auxv_entry;     /* AT_ENTRY, 0 if unknown */
	uint64_t auxv_phdr;      /* AT_PHDR, 0 if unknown */
	const char *source_kind; /* "core", "core (zstd)", "core (lz4)", "core (xz)", "live" */
	bool truncated;          /* some PT_LOAD extends past the end of the file */
	/* a PT_LOAD no kernel writes (past the address space, or overlapping
	 * another): what is wrong with the first, NULL when none. A size past
	 * the address space is cut to the bytes saved in the file. */
	char *phdr_damage;
	uint64_t truncated_bytes; /* PT_LOAD bytes missing from the file */
	bool truncated_bytes_min; /* truncated_bytes is a lower bound (a compressed
				   * stream found cut or short from its headers) */
	const char *truncation_note; /* text (static, or owned by the target) when a
				      * compressed stream was cut off or corrupt
				      * ("zstd stream ends in the middle of a frame",
				      * "xz data is corrupt", ...), else NULL.
				      * Compressed cores are decoded on demand: these
				      * three fields are set when a read first needs
				      * bytes the stream does not have (or at open with
				      * GM_DECODE=full), so look at them after the
				      * command's reads (gm_cli_soundness does). */
	/* live processes (all zero for cores) */
	bool is_live;            /* read from a running process */
	bool consistent;         /* live: every thread was stopped while copying (false with --no-stop) */
	bool threads_live_regs;  /* threads[] carry the registers the threads had when
				  * stopped: a _Grunning goroutine's stack starts there
				  * (cores: from the kernel signal frame) */
	int64_t now_ns;          /* live: the target's CLOCK_MONOTONIC while stopped, 0 for cores */
	/* cores: the latest plausible g.waitsince (0: none), found by the first
	 * goroutine walker's sweep of allgs and kept for the next walkers, the
	 * memory being the same; latest_waitsince_known false until then */
	int64_t latest_waitsince;
	bool latest_waitsince_known;
	uint64_t pause_ns;       /* live: how long the process was stopped */
	uint64_t copied_bytes;   /* live: bytes copied out of the process */
	unsigned pause_budget_ms;/* live: the budget of the stop (0: none) */
	bool pause_budget_default; /* live: it is the default one (gm_live_default_budget_ms) */
	bool budget_hit;         /* live: the budget ran out: resumed, the rest read while running */
	uint64_t copied_stopped; /* live, budget_hit: bytes copied while it was stopped */
	uint64_t copied_unprepared; /* live: of the bytes copied while stopped, those into memory
				     * allocated during the stop (the estimate fell short) */
	struct gm_uncopied *uncopied; /* live, full memory: mappings not copied (the copy limit) */
	size_t nuncopied;
	uint64_t copy_limit;     /* live, full memory: the limit in bytes (0: none) */
	/* Problems found after open (a compressed core decoded on demand found
	 * cut where a read needed it): one GM_DIAG_WARNING record, part
	 * "target", goes into this sink when it is set (the session sets it to
	 * its own when the command starts to show diagnostics,
	 * gm_session_watch; the target itself never prints). */
	struct gm_diag *diag;
	/* private */
	void *priv;
	void (*priv_destroy)(void *priv); /* called by gm_target_destroy when set */
};

/* Fills th->r from the architecture's register set (regs / regs_arm64). */
static inline void gm_thread_set_roles(enum gm_arch arch, struct gm_thread *th)
{
	if (arch == GM_ARCH_ARM64) {
		const struct gm_regs_arm64 *a = &th->regs_arm64;
		th->r = (struct gm_regroles){.pc = a->pc, .sp = a->sp, .fp = a->x[29], .lr = a->x[30], .g = a->x[28]};
	} else {
		const struct gm_regs *x = &th->regs;
		th->r = (struct gm_regroles){.pc = x->rip, .sp = x->rsp, .fp = x->rbp, .lr = 0, .g = x->r14};
	}
}

/* The name the target's mappings give the executable (exe_map_path, else
 * exe_path; NULL if unknown). */
static inline const char *gm_target_exe_map_name(const struct gm_target *t)
{
	return t->exe_map_path ? t->exe_map_path : t->exe_path;
}

/* Opens an ELF core. Detects zstd / lz4 / xz compression by magic (28 b5 2f
 * fd / 04 22 4d 18 / fd 37 7a 58 5a 00) and decompresses into an unlinked
 * sparse temporary file (in $TMPDIR, default /tmp) that is mmapped, so it
 * costs page cache, not anonymous memory. Decoding is on demand: the open
 * decodes the ELF headers and notes, reads decode further as they need
 * bytes (when a read first misses bytes, one "gomortem: warning: ..." line
 * goes to stderr). The stream's headers are read at open: a cut stream or
 * one too short for the program headers is truncated at once; what they
 * leave open gm_target_verify_size settles when the command ends.
 * GM_DECODE=full in the environment decodes the whole stream at open. */
struct gm_error *gm_target_open_core(const char *path, struct gm_target **ret);
/* A compressed core decoded on demand: *decoded bytes of *total decoded so
 * far (true); false (zeros) for plain cores, GM_DECODE=full and live targets. */
bool gm_target_decode_progress(const struct gm_target *t, uint64_t *decoded, uint64_t *total);
/* A compressed core decoded on demand whose size its headers did not settle
 * (a stream without content sizes, intact as far as its block headers
 * show): decodes the rest of the core's data if at most
 * GM_VERIFY_DECODE_MAX bytes are left, so that a stream shorter than the
 * program headers is reported (truncated, the warning) as a cut plain core
 * is. Returns false when the size stays unverified (more was left), true
 * otherwise (and for every other target). Called when a command finishes
 * (gm_cli_soundness) and by info before it prints. */
#define GM_VERIFY_DECODE_MAX (64ull << 20)
bool gm_target_verify_size(struct gm_target *t);
/* Attaches to a live process (ptrace; see src/target/target_live.c), copies what is
 * needed, resumes it. With no_stop the process is read without stopping it
 * (results may be inconsistent). */
struct gm_error *gm_target_open_live(int pid, bool no_stop, struct gm_target **ret);
/* Live processes, in more detail than gm_target_open_live.
 *
 * The attach stops every thread (PTRACE_SEIZE + PTRACE_INTERRUPT), takes their
 * registers, then calls `collect`, which says what memory to copy while the
 * process is stopped (through the gm_live_* functions of include/target/gm_live.h),
 * then detaches: the copied ranges become GM_SEG_LIVE segments. With
 * full_memory, every private writable/anonymous mapping is copied (present
 * pages only), as a kernel core dump would. A watchdog (watchdog_ms, default
 * 2000 or $GOMORTEM_WATCHDOG_MS) and handlers for SIGINT/SIGTERM/SIGHUP detach
 * and end gomortem if the stop lasts too long or gomortem is interrupted. */
struct gm_live_reader;
struct gm_live_opts {
	int pid;
	bool no_stop;            /* read without stopping the process */
	bool full_memory;        /* copy every private writable mapping (dump) */
	bool zero_fill;          /* full_memory: never-touched anonymous pages read as
				  * zeros (walkers), instead of being absent (dump) */
	unsigned watchdog_ms;    /* 0: default */
	const char *exe_path;    /* recorded as exe_path (copied), may be NULL */
	struct gm_error *(*collect)(void *arg, struct gm_live_reader *r);
	void *collect_arg;
	/* optional, called before the stop (reads go straight to the running
	 * process): how many bytes collect will probably copy. That much memory
	 * is allocated and faulted in before the stop, not during it. */
	uint64_t (*estimate)(void *arg, struct gm_live_reader *r);
	/* The pause budget (ms, from the moment every thread is stopped): past
	 * it the process is resumed and what is left to copy is read while it
	 * runs (gm_target.budget_hit; the results may then be inconsistent).
	 * UINT32_MAX: none; 0: the default, gm_live_default_budget_ms of what
	 * goroutines (optional, called before the stop) counts. */
	unsigned pause_budget_ms;
	uint64_t (*goroutines)(void *arg, struct gm_live_reader *r); /* arg: collect_arg */
	/* full_memory, optional, called before the stop: must [start, end)
	 * be copied whatever its size (it holds Go heap arenas or the
	 * runtime's heap index)? Anonymous mappings for which it says no may
	 * be left out when the copy would pass the copy limit: half of
	 * MemAvailable, or GOMORTEM_COPY_LIMIT_MB (0: none). NULL: no limit,
	 * everything is copied (dump). */
	bool (*must_copy)(void *arg, struct gm_live_reader *r, uint64_t start, uint64_t end);
};
/* The default pause budget: GM_PAUSE_MS_PER_1000_G ms per 1,000 goroutines,
 * at least GM_PAUSE_MIN_MS (200 ms at 100,000 goroutines, 2 s at 1,000,000),
 * at most GM_PAUSE_MAX_MS; GM_PAUSE_MIN_MS when the count is unknown (0). */
#define GM_PAUSE_MIN_MS 200u
#define GM_PAUSE_MS_PER_1000_G 2u
#define GM_PAUSE_MAX_MS 30000u
unsigned gm_live_default_budget_ms(uint64_t goroutines);
struct gm_error *gm_target_open_live_opts(const struct gm_live_opts *o, struct gm_target **ret);
/* The executable of a live process, as a path gomortem can open: the path the
 * process's /proc/PID/exe link names when it is the same file here, else the
 * same path under /proc/PID/root (containers), else "/proc/PID/exe" itself
 * (deleted executables). Clear errors for ESRCH / EPERM / zombies. */
struct gm_error *gm_target_live_exe(int pid, char **ret);
/* Adds the executable's PT_LOAD segments as low-priority fallbacks for what
 * the core did not save (text, rodata, pclntab). For a PIE executable, `bias`
 * is the load bias (0 for Go's default non-PIE builds). `data`/`size` is the
 * mmapped executable, borrowed. */
struct gm_error *gm_target_add_exe_segments(struct gm_target *t, const uint8_t *data,
					    size_t size, uint64_t bias);
void gm_target_destroy(struct gm_target *t);
/* Notes (target_core.c):
 * - exe_path: the NT_FILE path of the mapping that contains AT_ENTRY; else
 *   the first NT_FILE mapping with file offset 0; else NULL. It is the path
 *   as the kernel recorded it (may end in " (deleted)"). NT_PRPSINFO only
 *   gives `comm` (16 chars), which is not used as a path.
 * - maps[i].path points into the mmapped core (valid until destroy).
 * - threads are in NT_PRSTATUS order (the crashing thread first).
 * - pid: NT_PRPSINFO pr_pid, else the first thread's tid.
 * - A live target sets priv/priv_destroy to its own state. */

#endif
