/* gomortem summary's text and JSON (schema gomortem.summary, docs/json.md),
 * rendered from the records the analyze layer made (gm_summary) and the
 * session's description (gm_session_describe); src/render/render_summary.c.
 * The command (src/cmd/cmd_summary.c) evaluates --fail-on, adds the JSON's
 * diff_snapshot and exit_code, and closes the document. */
#ifndef GM_RENDER_SUMMARY_H
#define GM_RENDER_SUMMARY_H
#include <stdio.h>

#include "gm_cdname.h"
#include "gm_json.h"
#include "gm_session.h"
#include "gm_summary.h"

/* "flags":[{"severity":"critical"|"warning"|"note","code":..,"message":..}]
 * (summary's and diff's JSON) */
void gm_render_flags_json(struct gm_json *j, const struct gm_summary_flag *f, int n);

/* The one screen: the target (name: CORE or "pid N"), red flags,
 * goroutines, finalizers, caches, threads, timers, heap, memory, and
 * what could not be read. */
void gm_render_summary_text(FILE *o, const char *name, const struct gm_session_desc *d,
			    const struct gm_target_time *ct, const struct gm_summary *sm);
/* The crossed --fail-on conditions and the ones not evaluated; r[i] is
 * gm_failon_eval(&f[i], sm). */
void gm_render_summary_failon_text(FILE *o, const struct gm_failon *f, const int *r, int n,
				   const struct gm_summary *sm);

/* Opens the document and writes its members up to the diff snapshot:
 * schema, target, file (e: the --batch directory entry, else NULL),
 * goroutines, finalizers ... problems. */
void gm_render_summary_json_begin(struct gm_json *j, const char *name, const struct gm_session_desc *d,
				  const struct gm_target_time *ct, const struct gm_summary *sm,
				  const struct gm_cdentry *e);
/* "fail_on":[...], r as above */
void gm_render_summary_failon_json(struct gm_json *j, const struct gm_failon *f, const int *r, int n,
				   const struct gm_summary *sm);
/* --batch: the whole document for a core that could not be read */
void gm_render_summary_batch_error_json(struct gm_json *j, const struct gm_cdentry *e, const char *msg,
					int exit_code);

#endif
