/* gm_report: the contract of a report command (timers, types, finalizers,
 * info, ...): collect one report from the session, render it as text or as JSON
 * (on the gm_json writer), say whether it is partial, free it. One
 * struct gm_report_ops per report, defined once next to its renderers
 * (src/render/render_REPORT.c); the command layer drives it
 * (gm_cli_run_report_ops). The renderers never read target memory. */
#ifndef GM_REPORT_H
#define GM_REPORT_H
#include <stdbool.h>
#include <stdio.h>

#include "gm_error.h"
#include "gm_json.h"
#include "gm_session.h"

/* what the text renderers may be asked for on the command line */
struct gm_report_opts {
	bool all;                 /* types --all: every type, not the top ones */
	long top;                 /* --top N (-1: not given) */
	const char *why;          /* heap --why TYPE|ADDR */
	unsigned paths;           /* heap --paths N (0: the default) */
	bool native;              /* threads --native: every frame */
	const char *target;       /* the target's name, CORE or "pid N" (info's text) */
};

/* what every JSON report says about where it comes from */
struct gm_report_meta {
	const char *target;       /* "core": the core's path or "pid N" */
	const char *exe;          /* "executable" */
	const char *go_version;   /* "go_version" */
};

struct gm_report_ops {
	const char *name;
	/* collect the report (opts: what the command line asks; NULL: the
	 * defaults); on success *report is freed with destroy() */
	struct gm_error *(*collect)(struct gm_session *s, const struct gm_report_opts *opts, void **report);
	void (*render_text)(FILE *o, const void *report, const struct gm_report_opts *opts);
	/* one top-level object, no newline after it */
	void (*render_json)(struct gm_json *j, const void *report, const struct gm_report_meta *m);
	/* why the report is partial, "" when it is complete */
	const char *(*problem)(const void *report);
	void (*destroy)(void *report);
	/* a live target: copy only what the goroutine walk plans (threads),
	 * not every writable mapping (the reports that read the heap) */
	bool plan_only;
};

extern const struct gm_report_ops gm_report_heap;
extern const struct gm_report_ops gm_report_threads;
extern const struct gm_report_ops gm_report_maps;
extern const struct gm_report_ops gm_report_timers;
extern const struct gm_report_ops gm_report_types;
extern const struct gm_report_ops gm_report_finalizers;
extern const struct gm_report_ops gm_report_heaptypes;
extern const struct gm_report_ops gm_report_heapwhy;
extern const struct gm_report_ops gm_report_info;

/* heap --by-type --format pprof: the histogram as a gzipped profile.proto
 * (sample types objects/count, space/bytes; one sample per row, its
 * location a pseudo-frame named by the row). 0, or -1. */
struct gm_heaptypes_report;
int gm_heaptypes_write_pprof(const struct gm_heaptypes_report *r, FILE *out);

/* "SIGQUIT", or "signal N" for a number without a name (text renderers) */
const char *gm_report_signame(int sig, char *buf, size_t n);

/* ops->render_json into f, then a newline. 0; -1 on an output error; -2
 * when the document is malformed (a renderer's bug: gm_json_ok). */
int gm_report_write_json(const struct gm_report_ops *ops, FILE *f, const void *report,
			 const struct gm_report_meta *m);

/* What every report's JSON starts with: opens the top-level object and
 * writes "schema":"gomortem.NAME","schema_version":VERSION, then
 * go_version, core and executable from m. */
void gm_report_json_begin(struct gm_json *j, const char *schema, int version,
			  const struct gm_report_meta *m);

#endif
