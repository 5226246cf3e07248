/* gm_session: a target opened for inspection with its executable's tables
 * and the runtime layout: what every command starts from. */
#ifndef GM_SESSION_H
#define GM_SESSION_H
#include <stdbool.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_target.h"

enum gm_exe_check { GM_EXE_MATCH, GM_EXE_UNVERIFIED, GM_EXE_MISMATCH };

struct gm_live_reader;
typedef struct gm_error *gm_session_live_plan_fn(const struct gm_gobin *gb, const struct gm_layout *l,
						 struct gm_live_reader *r);

struct gm_session_opts {
	const char *core;       /* path of the core file (when pid == 0) */
	int pid;                /* > 0: a live process instead of a core */
	bool no_stop;           /* live: read without stopping the process */
	bool full_memory;       /* live: copy every private writable mapping, not only
				 * what the goroutine walker needs (dump; walkers that
				 * read the heap) */
	bool zero_fill;         /* with full_memory: untouched anonymous pages read as zeros */
	bool copy_all;          /* with full_memory: no copy limit (dump: the core holds everything) */
	const char *exe;        /* --exe, or NULL: take it from the core's NT_FILE */
	bool force;             /* go on even when the executable does not match */
	/* live: the pause budget in ms (gm_live_opts.pause_budget_ms:
	 * UINT32_MAX none, 0 the default from the goroutine count) */
	unsigned pause_budget_ms;
	/* live, without full_memory: what the walkers read beyond the
	 * executable's and plugins' data, queued on r and fetched while the
	 * process is stopped (gm_gwalk_live_plan: the layer that opens the
	 * session passes it, since the session may not call a walker);
	 * required there (else the open fails) */
	gm_session_live_plan_fn *live_plan;
};

/* A module of the runtime's list beyond the first: a Go plugin the
 * program opened (plugin.Open). */
struct gm_session_plugin {
	struct gm_gobin *gb;       /* its file, rebased; NULL when no mapping holds it */
	const char *path;          /* the target's name for the file mapped there */
	char pluginpath[256];      /* moduledata.pluginpath, from the target */
	uint64_t moduledata;       /* its moduledata's address in the target */
	uint64_t mapped;           /* bytes of the target's mappings of path */
};

/* The global variables DWARF types, of the executable and every plugin
 * (gm_layout_dwarf_globals), with absolute descriptor addresses: the
 * typed roots of heap --by-type's traversal. */
struct gm_frame_types;
struct gm_typed_globals {
	struct gm_dwglobal *v;
	size_t n;
	char note[200];   /* why the executable's are missing, or "" */
	struct gm_frame_types *frames; /* the executable's typed stack slots, read as needed */
};

/* DWARF's typed stack slots of the executable (gm_layout_dwarf_frame_vars),
 * at the pcs asked so far: read once per new pc set (a libdwarf child), so
 * that several reports of one session (or a fuzz target's runs) pay it
 * once. */
struct gm_frame_types {
	uint64_t *pcs;              /* asked, sorted, distinct */
	size_t npcs;
	struct gm_dwframevar *v;    /* sorted by pc (absolute descriptors: moduledata.types added) */
	size_t n;
	uint64_t types;             /* the executable's moduledata.types */
	unsigned reads;             /* libdwarf children run (at most GM_FRAME_TYPES_MAX_READS) */
	char note[200];             /* why there are none, or "" */
};
/* A session reads DWARF's frame slots at most this many times: a report
 * asks once, several in a row (summary, diff) mostly ask for the same
 * pcs; a fuzz target's mutated stacks would otherwise fork per input. */
#define GM_FRAME_TYPES_MAX_READS 8
/* Makes ft hold the slots at every pc of pcs (sorted, distinct, the
 * executable's). A failure is ft->note (and no slots for those pcs);
 * error only when memory runs out. */
struct gm_error *gm_frame_types_need(struct gm_frame_types *ft, struct gm_memsrc *m, const struct gm_gobin *gb,
				     const struct gm_layout *l, const uint64_t *pcs, size_t n);
struct gm_error *gm_typed_globals_load(struct gm_memsrc *m, const struct gm_gobin *gb, const struct gm_layout *l,
				       struct gm_typed_globals *out);
void gm_typed_globals_free(struct gm_typed_globals *tg);

struct gm_session {
	struct gm_target *target;
	struct gm_gobin *gobin;
	struct gm_layout layout;
	bool have_layout;
	enum gm_exe_check exe_check;
	char exe_check_msg[1024];  /* human explanation of exe_check */
	char core_go_build_id[128];/* Go build ID read from the core's copy of the exe headers */
	/* The Go runtime is in a shared library the program loaded
	 * (-buildmode=c-shared), not in the executable: gobin is that library,
	 * module_path the target's name for its mapping. NULL otherwise. */
	const char *module_path;
	/* The Go plugins (runtime.firstmoduledata.next...), in list order;
	 * their gobins are chained to gobin (next_module). */
	struct gm_session_plugin *plugins;
	size_t nplugins;
	/* The diagnostics of this session and of what reads through it
	 * (gm_diag.h): the session's warnings (part "session", at most
	 * GM_SESSION_MAX_WARNINGS), the layout's notes (part "layout",
	 * GM_DIAG_NOTE, copied from gm_layout.warnings when the layout is
	 * loaded), the target's later warnings (part "target", from
	 * gm_session_watch on) and the command's partial results. */
	struct gm_diag diag;
	/* gm_session_typed_globals, read on first use */
	struct gm_typed_globals tglobals;
	bool tglobals_loaded;
};

/* Opens core + executable + layout. On error, *ret is NULL. */
struct gm_error *gm_session_open(const struct gm_session_opts *o, struct gm_session **ret);
void gm_session_destroy(struct gm_session *s);
/* The session's typed globals, read on the first call (never NULL: empty,
 * with a note, when there is no DWARF). */
const struct gm_typed_globals *gm_session_typed_globals(struct gm_session *s);
/* A warning of the session (GM_DIAG_WARNING, part "session") in s->diag;
 * past GM_SESSION_MAX_WARNINGS of them, dropped. */
#define GM_SESSION_MAX_WARNINGS 4
void gm_session_warn(struct gm_session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Shows the session's diagnostics through hook (gm_diag_watch): those
 * recorded so far at once, the later ones as they come; and from now on
 * the target's late problems go into the sink too (before this, during the
 * open, the session states them itself). */
void gm_session_watch(struct gm_session *s, gm_diag_hook *hook, void *arg);

/* What the session knows of its target, executable, layout and plugins,
 * as info and summary show it: plain values, and strings that live as
 * long as the session. No target memory is read to make it (the render
 * layer gets this record, not the session). */
struct gm_plugin_desc {
	const char *path;          /* the target's name for its mapping, NULL unknown */
	const char *pluginpath;    /* moduledata.pluginpath */
	bool opened;               /* its file was opened (else the fields below are 0/"") */
	const char *go_build_id, *build_id;
	uint64_t moduledata, bias, mapped;
	bool symtab;
};
struct gm_thread_desc {
	int32_t tid, cursig;
	uint64_t pc, sp;
};
struct gm_session_desc {
	/* the target */
	const char *source_kind;
	bool truncated;
	int32_t pid, signo;
	const char *comm;          /* NULL unknown */
	const char *nt_file_exe;   /* the core's name for the executable, NULL unknown */
	enum gm_arch arch;         /* the target's (register names) */
	size_t nthreads;
	struct gm_thread_desc *threads;
	bool live, consistent, budget_hit, pause_budget_default;
	uint64_t pause_ns, copied_bytes, copied_stopped;
	unsigned pause_budget_ms;
	/* a core decoded on demand: how much of it (decode_known) */
	bool decode_known;
	uint64_t decoded, decode_total;
	/* the executable */
	const char *exe;
	enum gm_exe_check exe_check;
	const char *go_version;    /* "" unknown */
	const char *module;        /* NULL unknown */
	const char *go_build_id;   /* "" none */
	enum gm_arch exe_arch;
	bool pie, race, dwarf, symtab;
	uint64_t bias;
	/* the layout */
	const char *layout_source;
	struct { const char *s; size_t n; } layout_warnings[GM_LAYOUT_MAX_WARNINGS];
	int nlayout_warnings;
	struct gm_plugin_desc *plugins;
	size_t nplugins;
};
/* Fills *d from s (the caller settles the target's size first,
 * gm_target_verify_size, if truncated is to count it). GM_ERR_NOMEM. */
struct gm_error *gm_session_describe(const struct gm_session *s, struct gm_session_desc *d);
void gm_session_desc_free(struct gm_session_desc *d);

#endif
