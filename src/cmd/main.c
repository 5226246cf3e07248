/* gomortem: command table, per-command help and option parsing. Exit codes:
 * see gm_cli.h and the usage text. docs/gomortem.1 is the manual. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gm_cli.h"
#include "gm_layout.h"
#include "gm_render.h"

#ifndef GM_VERSION
#define GM_VERSION "0.1.0"
#endif

/* options, as bits: which ones a command takes */
enum {
	O_EXE = 1 << 0, O_FORMAT = 1 << 1, O_FORCE = 1 << 2, O_PID = 1 << 3, O_NOSTOP = 1 << 4,
	O_OUTPUT = 1 << 5, O_FULLGOIDS = 1 << 6, O_NOFOLD = 1 << 7, O_ALL = 1 << 8, O_NATIVE = 1 << 9,
	O_FAILON = 1 << 10, O_BATCH = 1 << 11, O_PROFILE = 1 << 12, O_BYTYPE = 1 << 13,
	O_TOP = 1 << 14, O_INTERVAL = 1 << 15, O_COUNT = 1 << 16, O_FOR = 1 << 17, O_HEAPTYPES = 1 << 18,
	O_WHY = 1 << 19, O_PATHS = 1 << 20, O_BUDGET = 1 << 21, O_LEAKS = 1 << 22,
	O_TARGET = O_EXE | O_FORCE | O_PID | O_NOSTOP | O_BUDGET,
};

/* the option of each bit, for messages and the shell completion */
static const struct {
	unsigned bit;
	const char *name;
} optnames[] = {{O_EXE, "--exe"}, {O_FORMAT, "--format"}, {O_FORCE, "--force"}, {O_PID, "--pid"},
		{O_NOSTOP, "--no-stop"}, {O_OUTPUT, "-o"}, {O_FULLGOIDS, "--full-goids"},
		{O_NOFOLD, "--no-fold"}, {O_ALL, "--all"}, {O_NATIVE, "--native"},
		{O_FAILON, "--fail-on"}, {O_BATCH, "--batch"}, {O_PROFILE, "--profile"},
		{O_BYTYPE, "--by-type"}, {O_TOP, "--top"}, {O_INTERVAL, "--interval"},
		{O_COUNT, "--count"}, {O_FOR, "--for"}, {O_HEAPTYPES, "--heap-types"},
		{O_WHY, "--why"}, {O_PATHS, "--paths"}, {O_BUDGET, "--pause-budget"}, {O_LEAKS, "--leaks"}};

static const struct command {
	const char *name;
	int (*fn)(const struct gm_cli *c);
	unsigned opts;
	const char *synopsis; /* after "gomortem NAME " */
	const char *help;     /* what it prints; indented two spaces */
} commands[] = {
	{"summary", gm_cmd_summary, O_TARGET | O_FORMAT | O_FAILON | O_BATCH | O_HEAPTYPES | O_LEAKS,
	 "CORE|--pid PID [--format text|json [--heap-types]] [--leaks] [--fail-on EXPR]...\n"
	 "       gomortem summary --batch DIR [--fail-on EXPR]...",
	 "  The default command (gomortem CORE is gomortem summary CORE): one screen\n"
	 "  to read first. The target (Go version, executable, signal, threads, when\n"
	 "  the core was made), goroutine totals by state and the biggest groups of\n"
	 "  identical stacks with their longest waits, finalizers and cleanups,\n"
	 "  reflect caches, timers, heap figures, memory outside the Go heap, and red\n"
	 "  flags, each with its evidence, and the goroutines proven leaked: parked\n"
	 "  on a channel, select or sync primitive that only other such goroutines\n"
	 "  reach (a mark of the heap from the true roots, checked by default when\n"
	 "  the heap holds at most 256 MiB).\n"
	 "  --leaks          prove leaks whatever the heap's size (also implied by\n"
	 "                   --fail-on goroutines.leaked...)\n"
	 "  --fail-on EXPR   exit 3 when METRIC OP NUMBER[UNIT] holds, e.g.\n"
	 "                   goroutines>10000, finalizers.queued>0, heap.HeapInuse>2GiB\n"
	 "                   (OP: > >= < <= == !=; UNIT: K M G T, KiB MiB GiB TiB).\n"
	 "                   Metrics: goroutines[.groups .largest_group .max_wait_minutes\n"
	 "                   .running .runnable .waiting .syscall .unreadable .leaked],\n"
	 "                   threads[.not_go .in_cgo], plugins (Go plugins opened),\n"
	 "                   finalizers.{registered,queued,blocked,blocked_minutes},\n"
	 "                   cleanups.{registered,queued}, types.{runtime_created,cached},\n"
	 "                   timers[.tickers .largest_group], heap.<MemStats field> (Alloc\n"
	 "                   TotalAlloc Sys Mallocs Frees HeapAlloc HeapSys HeapIdle\n"
	 "                   HeapInuse HeapReleased HeapObjects StackInuse StackSys GCSys\n"
	 "                   OtherSys NextGC NumGC), heap.profile.inuse_bytes[.top]\n"
	 "                   (the runtime's heap profile: in use, its biggest site),\n"
	 "                   memory.{mapped,shared_libraries,anonymous,unaccounted,\n"
	 "                   unaccounted_in_use,c_malloc}, flags, flags.critical.\n"
	 "  --heap-types     with --format json: the diff snapshot also holds the heap\n"
	 "                   by type (heap --by-type: reads every typed object's header)\n"
	 "                   for gomortem diff to compare\n"
	 "  --batch DIR      one JSON line (gomortem.summary) per core in DIR, plain or\n"
	 "                   compressed (zstd, lz4, xz), found by content; systemd-coredump\n"
	 "                   names (core.COMM.UID.BOOTID.PID.USEC.zst) are decoded.\n"
	 "                   Exit 3 if any core crossed a threshold, else 1 if any was\n"
	 "                   partial or unreadable."},
	{"goroutines", gm_cmd_goroutines, O_TARGET | O_FORMAT | O_OUTPUT | O_FULLGOIDS | O_NOFOLD | O_NATIVE | O_LEAKS,
	 "CORE|--pid PID [--format text|go|json|pprof] [-o FILE] [--full-goids] [--no-fold] [--native]\n"
	 "                      [--leaks]",
	 "  Every goroutine: grouped by state, stack and creator, biggest groups first\n"
	 "  (text); exactly as the Go runtime prints them in a GOTRACEBACK=crash dump\n"
	 "  (go); as JSON (gomortem.goroutines); or as a pprof goroutine profile\n"
	 "  (pprof: gzipped protobuf for go tool pprof, needs -o FILE).\n"
	 "  --full-goids     text: list every goroutine id of a group, not the first 8\n"
	 "  --no-fold        text: show runtime frames instead of folding them\n"
	 "  --native         C frames of goroutines in cgo calls or on threads in C code\n"
	 "  --leaks          text and json: mark the goroutines proven leaked (as\n"
	 "                   summary proves them: a mark of the heap)"},
	{"threads", gm_cmd_threads, O_TARGET | O_FORMAT | O_NATIVE,
	 "CORE|--pid PID [--format text|json] [--native]",
	 "  Every OS thread: its id, the M it runs (curg, lockedg, in a syscall or in\n"
	 "  cgo), threads created by C code too (listed as not Go), and its native\n"
	 "  stack: C frames unwound with libunwind (CFI) or frame pointers, Go frames\n"
	 "  with the pclntab, named from the executable and the shared libraries.\n"
	 "  --native         every frame (default: from the code a signal interrupted,\n"
	 "                   the signal handler's own frames folded)"},
	{"finalizers", gm_cmd_finalizers, O_TARGET | O_FORMAT, "CORE|--pid PID [--format text|json]",
	 "  Registered and queued finalizers and cleanups by function and type, the\n"
	 "  goroutines that run them, and what blocks them."},
	{"heap", gm_cmd_heap, O_TARGET | O_FORMAT | O_PROFILE | O_OUTPUT | O_BYTYPE | O_TOP | O_ALL | O_WHY | O_PATHS,
	 "CORE|--pid PID [--format text|json]\n"
	 "       gomortem heap CORE|--pid PID --profile [--format text|json|pprof] [-o FILE]\n"
	 "       gomortem heap CORE|--pid PID --by-type [--format text|json|pprof] [--top N|--all]\n"
	 "                      [-o FILE]\n"
	 "       gomortem heap CORE|--pid PID --why TYPE|ADDR [--paths N] [--format text|json]",
	 "  runtime.MemStats figures as ReadMemStats would report them, and in-use\n"
	 "  spans by size class.\n"
	 "  --by-type        every allocated object of the in-use spans by the type the\n"
	 "                   runtime recorded for it (Go 1.22+: the malloc header of scan\n"
	 "                   objects > 512 B, mspan.largeType of large ones), else by the\n"
	 "                   type carried along pointers from those, from objects with\n"
	 "                   a finalizer and from DWARF's typed globals and live stack\n"
	 "                   slots (source traversal); the rest by size class\n"
	 "                   and scan/noscan. Totals equal HeapObjects and\n"
	 "                   HeapAlloc. Each row lists the allocation sites of its live\n"
	 "                   objects the heap profile sampled (count, and the in-use\n"
	 "                   estimate as pprof scales it). Text shows the top 30 rows\n"
	 "                   by bytes (--top N, --all: every row) with their top 3\n"
	 "                   sites; JSON has every row and site; pprof (the default\n"
	 "                   with -o FILE) the histogram for go tool pprof: sample types\n"
	 "                   objects/count and space/bytes, one sample per row whose one\n"
	 "                   frame is named by the type (or the untyped size class).\n"
	 "  --profile        the runtime's own sampled heap profile (runtime.mbuckets), as\n"
	 "                   runtime/pprof.WriteHeapProfile would have written it at the\n"
	 "                   dump: the top allocation sites by in-use and by allocated\n"
	 "                   bytes (text), every site (json), or the profile itself for\n"
	 "                   go tool pprof (pprof, the default with -o FILE). Exit 1 with\n"
	 "                   one line when the program has profiling off.\n"
	 "  --why TYPE|ADDR  why objects are alive: the shortest path from a root (a\n"
	 "                   global, a goroutine's stack frame) to the biggest objects\n"
	 "                   of TYPE (as reflect names it, or as --by-type labels a row:\n"
	 "                   the type the runtime recorded, else the one its traversal\n"
	 "                   carried; Go 1.22+, or any version with DWARF) or to the\n"
	 "                   object holding ADDR, through every\n"
	 "                   object on the way (address, type or size class, the offset\n"
	 "                   of the pointer). A conservative mark of the whole heap; also\n"
	 "                   says how many of TYPE no root reaches (garbage not yet freed).\n"
	 "  --paths N        how many paths --why gives (default 3)"},
	{"profile", gm_cmd_profile, O_TARGET | O_FORMAT | O_OUTPUT,
	 "heap|block|mutex CORE|--pid PID [--format text|pprof] [-o FILE]",
	 "  The runtime's own profiles, as runtime/pprof would have written them at\n"
	 "  the dump: heap (exactly heap --profile; --format json too), block\n"
	 "  (runtime.bbuckets: where goroutines blocked on channels, selects, sync\n"
	 "  waits; pprof.Lookup(\"block\")) and mutex (runtime.xbuckets: contended\n"
	 "  locks, charged to the Unlock; pprof.Lookup(\"mutex\")). Text: the top\n"
	 "  sites (by delay for block and mutex); pprof, the default with -o FILE:\n"
	 "  the profile itself for go tool pprof. Exit 1 with one line when the\n"
	 "  program has that profile off or it has recorded nothing."},
	{"timers", gm_cmd_timers, O_TARGET | O_FORMAT, "CORE|--pid PID [--format text|json]",
	 "  Pending timers of every P (tickers, AfterFuncs, sleeps, deadlines), grouped\n"
	 "  by what they run."},
	{"maps", gm_cmd_maps, O_TARGET | O_FORMAT, "CORE|--pid PID [--format text|json]",
	 "  Every mapping classified (Go heap, executable, shared libraries, stacks,\n"
	 "  anonymous), and the memory outside the Go heap the runtime does not\n"
	 "  account for (cgo, mmap, plugins)."},
	{"types", gm_cmd_types, O_TARGET | O_FORMAT | O_ALL, "CORE|--pid PID [--format text|json] [--all]",
	 "  Types made at run time and the reflect caches that keep them forever\n"
	 "  (PointerTo, SliceOf, MapOf, FuncOf, StructOf...).\n"
	 "  --all            list every cached type, not the top ones"},
	{"info", gm_cmd_info, O_TARGET | O_FORMAT, "CORE|--pid PID [--format text|json]",
	 "  Go version, module, executable check, layout source, threads and their\n"
	 "  Ms, the signal that ended the process."},
	{"dump", gm_cmd_dump, O_PID | O_NOSTOP | O_OUTPUT | O_FORCE | O_BUDGET, "--pid PID -o FILE[.zst] [--force]",
	 "  Write an ELF core of a running process (zstd-compressed when FILE ends in\n"
	 "  .zst), stopping it only while its memory is copied. FILE is created mode\n"
	 "  0600 in its directory under no name and linked into place when complete;\n"
	 "  a symbolic link there is never followed.\n"
	 "  --force          replace FILE if it exists (a symbolic link is replaced\n"
	 "                   itself, not what it points to); without it an existing\n"
	 "                   FILE is refused before the process is stopped"},
	{"diff", gm_cmd_diff, O_EXE | O_FORCE | O_FORMAT | O_FAILON,
	 "OLD NEW [--exe EXE] [--format text|json] [--fail-on EXPR]... [--force]",
	 "  OLD and NEW: cores, or snapshots written by summary --format json.\n"
	 "  Growth between two cores of the same program (same build unless --force,\n"
	 "  which matches stacks by function and line instead of pc): goroutine groups\n"
	 "  (state, full stack, creator), finalizers and cleanups by function, types\n"
	 "  made at run time, timers, the memory map by class, the heap profile's\n"
	 "  in-use bytes by allocation site, the heap's bytes by type (heap\n"
	 "  --by-type; in a snapshot only with summary --heap-types) and the Go plugins\n"
	 "  loaded (file and plugin path, in load order) (grown, new, gone, shrunk,\n"
	 "  unchanged, biggest growth first, per minute when both cores have a time),\n"
	 "  red flags on growth (every plugin loaded since OLD; a plugin gone, which no\n"
	 "  process does: not one process), and every summary metric (gomortem help\n"
	 "  summary) in OLD, in NEW, and its growth.\n"
	 "  --fail-on EXPR   exit 3 when growth.METRIC OP NUMBER[UNIT|%] holds, e.g.\n"
	 "                   growth.goroutines>1000, growth.finalizers.queued>0,\n"
	 "                   growth.heap.HeapInuse>20% (percent of the OLD value)."},
	{"watch", gm_cmd_watch, O_PID | O_NOSTOP | O_EXE | O_FORMAT | O_FAILON | O_INTERVAL | O_COUNT | O_FOR | O_BUDGET,
	 "--pid PID [--interval 10s] [--count N|--for 30m] [--format text|json] [--fail-on EXPR]...",
	 "  Snapshots a running process every interval (each with the short pause of\n"
	 "  every --pid command; --no-stop honoured) and prints one line per snapshot:\n"
	 "  the time, the pause, goroutines, HeapInuse, queued finalizers, timers and\n"
	 "  run-time types, each with its change since the first snapshot, and a line\n"
	 "  per Go plugin loaded (or gone) since the snapshot before. At the end\n"
	 "  (--count snapshots taken, --for elapsed, or SIGINT/SIGTERM/SIGHUP) the diff\n"
	 "  between the first and the last snapshot (as gomortem diff prints it) and\n"
	 "  the trend of every growing item and metric: monotonic over the samples or\n"
	 "  not, and its rate per minute (least squares over the snapshots' times).\n"
	 "  The target is never left stopped: those signals are held during a\n"
	 "  snapshot and end the watch only between two. A target that exits ends the\n"
	 "  watch with one line and the diff of what was collected (exit 1).\n"
	 "  --interval D     time between snapshots (500ms, 10s, 5m; default 10s;\n"
	 "                   at least 100ms)\n"
	 "  --count N        stop after N snapshots;  --for D  stop after D\n"
	 "                   (default: until a signal)\n"
	 "  --format json    one gomortem.watch object a line per snapshot, then one\n"
	 "                   with the diff (gomortem.diff) and the trends\n"
	 "  --fail-on EXPR   exit 3 when growth.METRIC OP NUMBER[UNIT|%] holds between\n"
	 "                   the first and the last snapshot (as diff)."},
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char common_text[] =
	"target options:\n"
	"  CORE           an ELF core: plain, or compressed with zstd, lz4 or xz (by content)\n"
	"  --pid PID      a live process instead: attach, copy what is needed, resume\n"
	"  --no-stop      with --pid: read without stopping it (may be inconsistent)\n"
	"  --pause-budget D  with --pid: the longest stop, plan and copy (500ms, 2s; 0\n"
	"                 or none: no limit; default 2 ms per 1,000 goroutines, at least\n"
	"                 200ms): past it the process is resumed and the rest read while\n"
	"                 it runs (said; exit 1)\n"
	"  --exe EXE      the executable (default: the one the core's NT_FILE note names)\n"
	"  EXE -c CORE    (or --core CORE) the same as CORE --exe EXE: gdb's order, the\n"
	"                 one coredumpctl debug --debugger=gomortem [-A 'COMMAND OPTIONS'] uses\n"
	"  --force        read the core even if the executable does not match it\n"
	"  --format F     output format;  -o, --output F  output file\n"
	"  --color WHEN   auto (the default: on a terminal, unless NO_COLOR is set),\n"
	"                 always or never: colour in text output\n"
	"\n"
	"exit codes: 0 ok, 1 partial results (what is missing is said on stderr), 2 bad\n"
	"input, 3 a --fail-on threshold crossed, 64 usage, 70 internal error\n";

static void print_usage(FILE *o)
{
	fputs("usage: gomortem [COMMAND] CORE [options]\n"
	      "       gomortem [COMMAND] --pid PID [options]\n"
	      "       gomortem help COMMAND\n"
	      "       gomortem --version\n"
	      "\n"
	      "Inspects a Go program (Go 1.19 to 1.27, linux/amd64 or linux/arm64, stripped\n"
	      "or not) from an ELF core file or a live process.\n"
	      "\n"
	      "commands (summary when none is given):\n",
	      o);
	for (size_t i = 0; i < NCOMMANDS; i++) {
		/* the first line of each help text */
		const char *h = commands[i].help + 2, *nl = strchr(h, '\n');
		fprintf(o, "  %-11s %.*s%s\n", commands[i].name, nl ? (int)(nl - h) : (int)strlen(h), h,
			nl ? "..." : "");
	}
	fputs("\n", o);
	fputs(common_text, o);
	fputs("\ngomortem help COMMAND (or gomortem COMMAND --help) describes one command;\n"
	      "man gomortem (docs/gomortem.1) has it all.\n",
	      o);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int command_help(const struct command *cmd)
{
	printf("usage: gomortem %s %s\n\n%s\n\n%s", cmd->name, cmd->synopsis, cmd->help, common_text);
	return 0;
}

/* gomortem --version: the version and the Go versions of the built-in layout
 * tables (gorts/), the ones a stripped executable can be read for. */
static int print_version(void)
{
	const int *v;
	size_t n = gm_layout_gorts_versions(&v);
	printf("gomortem %s\nGo versions:", GM_VERSION);
	for (size_t i = 0; i < n; i++)
		printf(" 1.%d", v[i]);
	printf(" (linux/amd64 and linux/arm64; executables with or without DWARF)\n");
	return 0;
}

/* gomortem --complete WHAT [COMMAND]: the words the shell completion
 * (completions/) offers, one a line, from the tables above, so a new command
 * or option completes without touching the scripts. Not in --help.
 *   commands | options CMD | formats CMD | kinds CMD | metrics |
 *   growth-metrics | pids
 * (kinds: the words a command takes first, "heap|block|mutex" of profile's
 * synopsis) */
static int complete(int argc, char **argv)
{
	const char *what = argc > 2 ? argv[2] : "";
	const struct command *cmd = argc > 3 ? find_command(argv[3]) : NULL;
	if (!strcmp(what, "commands")) {
		for (size_t i = 0; i < NCOMMANDS; i++)
			printf("%s\n", commands[i].name);
		printf("help\n");
	} else if (!strcmp(what, "options") && cmd) {
		for (size_t i = 0; i < sizeof(optnames) / sizeof(optnames[0]); i++)
			if (cmd->opts & optnames[i].bit)
				printf("%s\n", optnames[i].bit == O_OUTPUT ? "--output" : optnames[i].name);
		if (cmd->opts & O_EXE)
			printf("--core\n");
		printf("--color\n");
		printf("--help\n");
	} else if (!strcmp(what, "formats") && cmd) {
		/* every "--format a|b|c" of the synopsis, each value once */
		char seen[256] = "|";
		for (const char *p = cmd->synopsis; (p = strstr(p, "--format "));) {
			p += strlen("--format ");
			size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz|");
			char vals[128], *save = NULL;
			snprintf(vals, sizeof vals, "%.*s", (int)(len < 127 ? len : 127), p);
			for (char *w = strtok_r(vals, "|", &save); w; w = strtok_r(NULL, "|", &save)) {
				char key[132];
				snprintf(key, sizeof key, "|%s|", w);
				if (!strstr(seen, key) && strlen(seen) + strlen(w) + 2 < sizeof seen) {
					printf("%s\n", w);
					strcat(seen, w);
					strcat(seen, "|");
				}
			}
			p += len;
		}
	} else if (!strcmp(what, "kinds") && cmd) {
		/* a synopsis opening with "a|b|c " */
		const char *p = cmd->synopsis;
		size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz|");
		if (len && p[len] == ' ' && memchr(p, '|', len))
			for (size_t i = 0; i <= len; i++)
				putchar(i == len || p[i] == '|' ? '\n' : p[i]);
	} else if (!strcmp(what, "metrics")) {
		gm_cli_complete_metrics(stdout, "");
	} else if (!strcmp(what, "growth-metrics")) {
		gm_cli_complete_metrics(stdout, "growth.");
	} else if (!strcmp(what, "pids")) {
		gm_cli_complete_go_pids(stdout);
	} else {
		return GM_EXIT_USAGE;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"exe", required_argument, NULL, 'e'},
		{"core", required_argument, NULL, 'c'},
		{"color", required_argument, NULL, 'K'},
		{"format", required_argument, NULL, 'f'},
		{"force", no_argument, NULL, 'F'},
		{"full-goids", no_argument, NULL, 'G'},
		{"no-fold", no_argument, NULL, 'N'},
		{"all", no_argument, NULL, 'A'},
		{"pid", required_argument, NULL, 'p'},
		{"no-stop", no_argument, NULL, 'S'},
		{"native", no_argument, NULL, 'n'},
		{"fail-on", required_argument, NULL, 'X'},
		{"batch", required_argument, NULL, 'B'},
		{"profile", no_argument, NULL, 'P'},
		{"by-type", no_argument, NULL, 'T'},
		{"heap-types", no_argument, NULL, 'H'},
		{"leaks", no_argument, NULL, 'L'},
		{"why", required_argument, NULL, 'W'},
		{"paths", required_argument, NULL, 'Q'},
		{"pause-budget", required_argument, NULL, 'Y'},
		{"top", required_argument, NULL, 't'},
		{"interval", required_argument, NULL, 'I'},
		{"count", required_argument, NULL, 'C'},
		{"for", required_argument, NULL, 'D'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{0, 0, 0, 0},
	};
	if (argc < 2) {
		print_usage(stderr);
		return GM_EXIT_USAGE;
	}
	const char *a1 = argv[1];
	if (!strcmp(a1, "-h") || !strcmp(a1, "--help")) {
		print_usage(stdout);
		return 0;
	}
	if (!strcmp(a1, "--version"))
		return print_version();
	if (!strcmp(a1, "--complete"))
		return complete(argc, argv);
	if (!strcmp(a1, "help")) {
		if (argc < 3) {
			print_usage(stdout);
			return 0;
		}
		const struct command *cmd = find_command(argv[2]);
		if (!cmd)
			return gm_cli_usage_error("help: unknown command '%s'", argv[2]);
		return command_help(cmd);
	}
	/* no command: summary (an argument that is not a command is a CORE or
	 * an option) */
	const struct command *cmd = find_command(a1);
	int first = 2;
	if (!cmd) {
		/* a typo of a command name is not a core: say so */
		if (a1[0] != '-' && access(a1, F_OK) != 0)
			return gm_cli_usage_error("'%s' is neither a command nor a file", a1);
		cmd = find_command("summary");
		first = 1;
	}
	struct gm_cli c = {0};
	c.top = -1;
	c.paths = -1;
	c.watch_interval_ms = -1;
	c.watch_count = -1;
	c.watch_for_ms = -1;
	c.cmd = cmd->name;
	/* options may come before or after CORE */
	int rest = argc - first + 1;
	char **rv = argv + first - 1;
	unsigned seen = 0;
	const char *core_opt = NULL; /* -c CORE: the argument is then EXE (gdb's form) */
	const char *color = "auto";  /* --color */
	/* "-": non-option arguments come back in order as option 1 */
	optind = 1;
	int opt;
	while ((opt = getopt_long(rest, rv, "-c:e:f:ho:", longopts, NULL)) != -1) {
		if (opt == 1) {
			if (!c.prof_kind && !strcmp(cmd->name, "profile")) {
				c.prof_kind = optarg;
				continue;
			}
			if (c.core && !strcmp(cmd->name, "diff") && !c.core2) {
				c.core2 = optarg;
				continue;
			}
			if (c.core)
				return gm_cli_usage_error("unexpected argument '%s'", optarg);
			c.core = optarg;
			continue;
		}
		switch (opt) {
		case 'c': core_opt = optarg; break;
		case 'K': color = optarg; break;
		case 'e': c.exe = optarg; seen |= O_EXE; break;
		case 'f': c.format = optarg; seen |= O_FORMAT; break;
		case 'F': c.force = true; seen |= O_FORCE; break;
		case 'G': c.full_goids = true; seen |= O_FULLGOIDS; break;
		case 'N': c.no_fold = true; seen |= O_NOFOLD; break;
		case 'A': c.all = true; seen |= O_ALL; break;
		case 'S': c.no_stop = true; seen |= O_NOSTOP; break;
		case 'n': c.native = true; seen |= O_NATIVE; break;
		case 'B': c.batch = optarg; seen |= O_BATCH; break;
		case 'P': c.profile = true; seen |= O_PROFILE; break;
		case 'T': c.by_type = true; seen |= O_BYTYPE; break;
		case 'H': c.heap_types = true; seen |= O_HEAPTYPES; break;
		case 'L': c.leaks = true; seen |= O_LEAKS; break;
		case 'W': c.why = optarg; seen |= O_WHY; break;
		case 'Y': {
			int64_t ms;
			if (!strcmp(optarg, "none") || !strcmp(optarg, "0")) {
				c.pause_budget_ms = UINT32_MAX;
			} else if (gm_cli_parse_duration_ms(optarg, &ms) || ms < 0 || ms > 3600000) {
				return gm_cli_usage_error("--pause-budget: a duration from 1ms to 1h (500ms, 2s), or 0 or "
							  "none: '%s'", optarg);
			} else if (ms == 0) {
				c.pause_budget_ms = UINT32_MAX;
			} else {
				c.pause_budget_ms = (unsigned)ms;
			}
			seen |= O_BUDGET;
			break;
		}
		case 'Q': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*optarg == 0 || *end || v < 1 || v > 1000)
				return gm_cli_usage_error("--paths: a count from 1 to 1000: '%s'", optarg);
			c.paths = v;
			seen |= O_PATHS;
			break;
		}
		case 't': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*optarg == 0 || *end || v < 0 || v > 1000000000)
				return gm_cli_usage_error("--top: not a count: '%s'", optarg);
			c.top = v;
			seen |= O_TOP;
			break;
		}
		case 'o': c.output = optarg; seen |= O_OUTPUT; break;
		case 'I':
		case 'D': {
			int64_t ms;
			if (gm_cli_parse_duration_ms(optarg, &ms))
				return gm_cli_usage_error("--%s: not a duration (500ms, 10s, 30m, 2h): '%s'",
							  opt == 'I' ? "interval" : "for", optarg);
			*(opt == 'I' ? &c.watch_interval_ms : &c.watch_for_ms) = ms;
			seen |= opt == 'I' ? O_INTERVAL : O_FOR;
			break;
		}
		case 'C': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*optarg == 0 || *end || v < 1 || v > 100000)
				return gm_cli_usage_error("--count: not a count (1 to 100000): '%s'", optarg);
			c.watch_count = v;
			seen |= O_COUNT;
			break;
		}
		case 'X':
			if (c.nfail_on >= GM_CLI_MAX_FAIL_ON)
				return gm_cli_usage_error("--fail-on: at most %d conditions", GM_CLI_MAX_FAIL_ON);
			c.fail_on[c.nfail_on++] = optarg;
			seen |= O_FAILON;
			break;
		case 'p': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*optarg == 0 || *end || v <= 0 || v > 0x7fffffff)
				return gm_cli_usage_error("--pid: not a process id: '%s'", optarg);
			c.pid = (int)v;
			seen |= O_PID;
			break;
		}
		case 'h': return command_help(cmd);
		case 'V': return print_version();
		default: return GM_EXIT_USAGE;
		}
	}
	/* EXE -c CORE, as gdb takes them and coredumpctl debug --debugger=gomortem
	 * [--debugger-arguments=ARGS] passes them: ARGS EXE -c CORE */
	if (core_opt) {
		if (c.core2 || (c.core && c.exe))
			return gm_cli_usage_error("-c CORE goes with one EXE argument (or --exe EXE)");
		if (c.core) {
			c.exe = c.core;
			seen |= O_EXE;
		}
		c.core = core_opt;
		if (!(cmd->opts & O_EXE))
			return gm_cli_usage_error("%s does not take -c", cmd->name);
	}
	for (size_t i = 0; i < sizeof(optnames) / sizeof(optnames[0]); i++)
		if ((seen & optnames[i].bit) && !(cmd->opts & optnames[i].bit))
			return gm_cli_usage_error("%s does not take %s", cmd->name, optnames[i].name);
	if (c.no_stop && !c.pid)
		return gm_cli_usage_error("--no-stop goes with --pid");
	if (!c.batch) {
		if (!c.core && !c.pid)
			return gm_cli_usage_error("%s: missing CORE (or --pid PID)", cmd->name);
		if (c.core && c.pid)
			return gm_cli_usage_error("%s: give CORE or --pid, not both", cmd->name);
	}
	/* colour: text on a terminal, unless NO_COLOR (no-color.org) or a dumb
	 * terminal; --color=always|never overrides (JSON never has any) */
	if (!strcmp(color, "auto")) {
		const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
		gm_color_set(isatty(STDOUT_FILENO) && !(nc && nc[0]) && !(term && !strcmp(term, "dumb")));
	} else if (!strcmp(color, "always") || !strcmp(color, "never")) {
		gm_color_set(color[0] == 'a');
	} else {
		return gm_cli_usage_error("--color: auto, always or never, not '%s'", color);
	}
	if (!c.batch)
		gm_cli_progress_init();
	return cmd->fn(&c);
}
