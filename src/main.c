/* gomortem: command table and option parsing. Exit codes: see gm_cli.h and
 * the usage text. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_cli.h"

#ifndef GM_VERSION
#define GM_VERSION "0.1.0"
#endif

static const char usage_text[] =
	"usage: gomortem <command> CORE [options]\n"
	"       gomortem <command> --pid PID [options]\n"
	"\n"
	"Inspects a Go program from an ELF core file (plain or zstd-compressed)\n"
	"or a live process.\n"
	"\n"
	"commands:\n"
	"  goroutines CORE [--exe EXE] [--format text|go|json|pprof] [-o FILE] [--full-goids] [--no-fold]\n"
	"      every goroutine: grouped by state and stack (text), as the Go runtime\n"
	"      prints them in a GOTRACEBACK=crash dump (go), as JSON (docs/json.md), or\n"
	"      as a pprof goroutine profile (pprof, gzipped protobuf: go tool pprof)\n"
	"  info CORE [--exe EXE] [--format text|json]\n"
	"      Go version, module, executable check, threads, the signal that ended it\n"
	"  dump --pid PID -o FILE[.zst]\n"
	"      write an ELF core of a running process (zstd-compressed for .zst)\n"
	"  finalizers CORE [--format text|json]\n"
	"      registered and queued finalizers and cleanups, and what blocks them\n"
	"  heap CORE [--format text|json]\n"
	"      runtime.MemStats figures (as ReadMemStats), in-use spans by size class\n"
	"  timers CORE [--format text|json]\n"
	"      pending timers of every P, grouped by what they run\n"
	"  maps CORE [--format text|json]\n"
	"      every mapping classified; memory outside the Go heap it does not account for\n"
	"  types CORE [--format text|json] [--all]\n"
	"      types made at run time: the reflect caches (StructOf, FuncOf, ...)\n"
	"\n"
	"options:\n"
	"  --exe EXE      the executable (default: the one the core's NT_FILE note names)\n"
	"  --force        read the core even if the executable does not match it\n"
	"  --format F     output format\n"
	"  --pid PID      read a live process instead of a core (attach, copy, resume)\n"
	"  --no-stop      with --pid: read without stopping the process (may be inconsistent)\n"
	"  -o, --output F output file (dump; goroutines, default stdout)\n"
	"  -h, --help     this text;  --version  print the version\n"
	"\n"
	"exit codes: 0 ok, 1 partial results, 2 bad input, 64 usage, 70 internal error\n";

static const struct command {
	const char *name;
	int (*fn)(const struct gm_cli *c);
} commands[] = {
	{"goroutines", gm_cmd_goroutines},
	{"info", gm_cmd_info},
	{"dump", gm_cmd_dump},
	{"finalizers", gm_cmd_finalizers},
	{"types", gm_cmd_types},
	{"heap", gm_cmd_heap},
	{"timers", gm_cmd_timers},
	{"maps", gm_cmd_maps},
	{"threads", gm_cmd_threads},
	{"summary", gm_cmd_summary},
};

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"exe", required_argument, NULL, 'e'},
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
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{0, 0, 0, 0},
	};
	struct gm_cli c = {0};
	int opt;
	while ((opt = getopt_long(argc, argv, "+e:f:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'V':
			printf("gomortem %s\n", GM_VERSION);
			return 0;
		default:
			fputs(usage_text, stderr);
			return GM_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(usage_text, stderr);
		return GM_EXIT_USAGE;
	}
	c.cmd = argv[optind++];
	/* options may come before or after CORE */
	int rest = argc - optind + 1;
	char **rv = argv + optind - 1;
	optind = 1;
	while (optind < rest) {
		opt = getopt_long(rest, rv, "e:f:ho:", longopts, NULL);
		if (opt == -1) {
			if (c.core)
				return gm_cli_usage_error("unexpected argument '%s'", rv[optind]);
			c.core = rv[optind++];
			continue;
		}
		switch (opt) {
		case 'e': c.exe = optarg; break;
		case 'f': c.format = optarg; break;
		case 'F': c.force = true; break;
		case 'G': c.full_goids = true; break;
		case 'N': c.no_fold = true; break;
		case 'A': c.all = true; break;
		case 'S': c.no_stop = true; break;
		case 'n': c.native = true; break;
		case 'B': c.batch = optarg; break;
		case 'X':
			if (c.nfail_on >= GM_CLI_MAX_FAIL_ON)
				return gm_cli_usage_error("--fail-on: at most %d conditions", GM_CLI_MAX_FAIL_ON);
			c.fail_on[c.nfail_on++] = optarg;
			break;
		case 'o': c.output = optarg; break;
		case 'p': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*optarg == 0 || *end || v <= 0 || v > 0x7fffffff)
				return gm_cli_usage_error("--pid: not a process id: '%s'", optarg);
			c.pid = (int)v;
			break;
		}
		case 'h': fputs(usage_text, stdout); return 0;
		case 'V': printf("gomortem %s\n", GM_VERSION); return 0;
		default: return GM_EXIT_USAGE;
		}
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(commands[i].name, c.cmd)) {
			if (!c.core && !c.pid)
				return gm_cli_usage_error("%s: missing CORE (or --pid PID)", c.cmd);
			if (c.core && c.pid)
				return gm_cli_usage_error("%s: give CORE or --pid, not both", c.cmd);
			return commands[i].fn(&c);
		}
	}
	return gm_cli_usage_error("unknown command '%s'", c.cmd);
}
