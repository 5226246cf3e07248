/* gomortem diff's output: text for a person, JSON (schema gomortem.diff,
 * docs/json.md) for scripts. The renderers only read the struct gm_diff
 * (src/analyze/diff.c). */
#ifndef GM_RENDER_DIFF_H
#define GM_RENDER_DIFF_H
#include <stdio.h>
#include "gm_diff.h"
#include "gm_json.h"

#define GM_DIFF_JSON_VERSION 2

struct gm_diff_failon_result {
	const char *expr;
	int result;                 /* gm_diff_failon_eval: 1 crossed, 0 ok, -1 unknown */
};

/* rows: how many changed items each category lists (the rest are counted) */
void gm_render_diff_text(FILE *o, const struct gm_diff *d, size_t rows);
/* one top-level object, no newline after it */
void gm_render_diff_json(struct gm_json *j, const struct gm_diff *d, const struct gm_diff_failon_result *fo,
			 int nfo);

/* the snapshot a later gomortem diff reads back (gm_diff_side_load): one
 * object, schema gomortem.snapshot */
void gm_render_diff_snapshot_json(struct gm_json *j, const struct gm_diff_side *s);

#endif
