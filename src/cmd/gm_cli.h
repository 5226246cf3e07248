/* gm_cli: what the command files share: the parsed command line, exit
 * codes, and the helpers that turn errors into one-line messages. Only the
 * command files (src/cmd_*.c) and main.c print to stderr or pick an exit
 * code. */
#ifndef GM_CLI_H
#define GM_CLI_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "gm_error.h"
#include "gm_file.h"
#include "gm_session.h"

#define GM_EXIT_OK 0
#define GM_EXIT_PARTIAL 1   /* output produced, something could not be read */
#define GM_EXIT_BADINPUT 2  /* the core/executable/process cannot be used */
#define GM_EXIT_THRESHOLD 3 /* reserved: --fail-on thresholds crossed */
#define GM_EXIT_USAGE 64
#define GM_EXIT_INTERNAL 70

struct gm_cli {
	const char *cmd;
	const char *core;       /* CORE argument, NULL with --pid */
	const char *core2;      /* diff: the second core, NEW */
	const char *exe;        /* --exe */
	int pid;                /* --pid, 0 when reading a core */
	const char *format;     /* --format, NULL = the command's default */
	const char *output;     /* -o / --output */
	bool force;             /* --force */
	bool no_stop;           /* --no-stop (live: read without stopping) */
	bool full_goids;        /* goroutines --full-goids */
	bool no_fold;           /* goroutines --no-fold */
	bool all;               /* types --all: every type, not the top ones */
	bool native;            /* threads/goroutines --native: C frames too */
	const char *batch;      /* summary --batch DIR */
	bool profile;           /* heap --profile: the runtime's heap profile */
	const char *prof_kind;  /* profile KIND: heap, block or mutex */
	bool by_type;           /* heap --by-type: objects by the type the runtime recorded */
	bool heap_types;        /* summary --heap-types: heap --by-type in the JSON snapshot */
	bool leaks;             /* summary/goroutines --leaks: prove leaks whatever the heap's size */
	const char *why;        /* heap --why TYPE|ADDR */
	unsigned pause_budget_ms; /* --pause-budget D (UINT32_MAX: none; 0: the default) */
	long paths;             /* heap --paths N (-1: not given) */
	long top;               /* --top N (heap --by-type), -1 when not given */
#define GM_CLI_MAX_FAIL_ON 32
	const char *fail_on[GM_CLI_MAX_FAIL_ON]; /* --fail-on EXPR, in order */
	int nfail_on;
	int64_t watch_interval_ms; /* watch --interval, -1 when not given */
	long watch_count;          /* watch --count N, -1 when not given */
	int64_t watch_for_ms;      /* watch --for DURATION, -1 when not given */
};

int gm_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* --format of a command that writes text or JSON: *json set; 0, or the
 * usage exit code after the message. */
int gm_cli_text_or_json(const struct gm_cli *c, bool *json);
/* gm_cli_text_or_json, then the session (heap: gm_cli_open_session_heap):
 * what a text-or-JSON command does first. 0 or an exit code. */
int gm_cli_begin(const struct gm_cli *c, bool heap, bool *json, struct gm_session **s);
/* name -> JSON string, NULL -> null */
void gm_cli_jstr(FILE *o, const char *s);
/* Prints "gomortem: <msg>", frees err, returns the exit code for it. */
int gm_cli_report_error(struct gm_error *err);
/* Prints the session's diagnostics (s->diag), the one place they are
 * printed: the warnings recorded so far now ("gomortem: warning: MSG", or
 * "gomortem: PREFIX: warning: MSG" with a prefix), every later record as
 * it is recorded (without the prefix; a partial result: "gomortem: partial
 * results: MSG"). */
void gm_cli_watch_diags(struct gm_session *s, const char *prefix);
/* A partial result of the command's report (part: the report's name) into
 * the session's sink: printed at once, and gm_cli_soundness gives exit
 * code 1 for it. */
void gm_cli_partial(struct gm_session *s, const char *part, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Opens the core or process of c; shows its diagnostics, now and later
 * (gm_cli_watch_diags). 0 or an exit code. */
int gm_cli_open_session(const struct gm_cli *c, struct gm_session **s);
/* The same for commands that walk the heap (finalizers, ...): a live process
 * is copied whole (every private writable mapping), not only what the
 * goroutine walker needs. */
int gm_cli_open_session_heap(const struct gm_cli *c, struct gm_session **s);
/* The target's name for messages and JSON: CORE or "pid N". */
const char *gm_cli_target_name(const struct gm_cli *c, char *buf, size_t n);
/* Exit code for the target's soundness: PARTIAL when the session's sink
 * holds a partial result (gm_cli_partial), the core is truncated or the
 * executable unverified, else rc. Finishes the check of a compressed
 * core's length first when cheap (gm_target_verify_size). */
int gm_cli_soundness(const struct gm_session *s, int rc);

/* Where a command writes its report: stdout, or -o FILE made as dump makes
 * its core (gm_outfile: created 0600 in FILE's directory under no name, no
 * symbolic link followed, given its name only when complete), except that
 * an existing FILE is replaced, as pprof -output does: rename(2) over it,
 * a symbolic link itself, never what it points to. */
struct gm_cli_output {
	FILE *f;
	struct gm_outfile of;
	bool file;
};
/* 0, or an exit code after the one-line message. */
int gm_cli_output_open(const struct gm_cli *c, struct gm_cli_output *o);
/* Flushes; a FILE gets its name when commit (the report was written),
 * else it is removed. 0, or -1 after "error writing the output". */
int gm_cli_output_close(struct gm_cli_output *o, bool commit);

/* A command that collects one report from the target and prints it as text
 * or JSON (heap, maps, timers, types, finalizers, info; the contract, struct gm_report_ops,
 * and the renderers are in the render layer, gm_report.h): the shared
 * driver does the format check, the session, the error and exit-code
 * handling. */
struct gm_report_ops;
int gm_cli_run_report_ops(const struct gm_cli *c, const struct gm_report_ops *ops);


/* gomortem --complete (src/cmd/complete.c): the --fail-on metric names, one
 * a line, after prefix; the PIDs of the Go processes whose executable this
 * user can read (a .go.buildinfo or .note.go.buildid section). */
void gm_cli_complete_metrics(FILE *o, const char *prefix);
void gm_cli_complete_go_pids(FILE *o);

/* Shows the progress of long work on stderr when it is a terminal
 * (src/cmd/progress.c). */
void gm_cli_progress_init(void);

int gm_cmd_goroutines(const struct gm_cli *c);
int gm_cmd_info(const struct gm_cli *c);
int gm_cmd_dump(const struct gm_cli *c);
int gm_cmd_finalizers(const struct gm_cli *c);
int gm_cmd_heap(const struct gm_cli *c);
int gm_cmd_heap_profile(const struct gm_cli *c); /* heap --profile (src/cmd_heap_profile.c) */
int gm_cmd_profile(const struct gm_cli *c); /* profile heap|block|mutex (the same file) */
int gm_cmd_timers(const struct gm_cli *c);
int gm_cmd_maps(const struct gm_cli *c);
int gm_cmd_types(const struct gm_cli *c);
int gm_cmd_threads(const struct gm_cli *c);
int gm_cmd_summary(const struct gm_cli *c);
int gm_cmd_diff(const struct gm_cli *c);
int gm_cmd_watch(const struct gm_cli *c);
/* 500ms, 10s, 30m, 2h, a bare number of seconds: 0, or -1 when not one */
int gm_cli_parse_duration_ms(const char *s, int64_t *ms);

#endif
