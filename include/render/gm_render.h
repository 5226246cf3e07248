/* Renderers for goroutine records. They never read target memory: all
 * they know comes in the records and in struct gm_render_ctx. Each is a
 * stream: begin, one call per goroutine, end. */
#ifndef GM_RENDER_H
#define GM_RENDER_H
#include <stdio.h>
#include "gm_goroutines.h"

struct gm_render_ctx {
	FILE *out;
	int go_minor;
	const char *go_version;
	const char *core_path, *exe_path;
	int tracebacklabels;      /* runtime.debug.tracebacklabels (1.26+), -1 unknown */
	int64_t now;              /* lower bound of "now" (nanotime), 0 unknown */
	const char *now_source;
	bool now_exact;           /* now is the target's clock (live), not a lower bound */
	bool live;                /* read from a running process */
	bool consistent;          /* live: the process was stopped while it was read */
	double pause_ms;          /* live: how long it was stopped (0 with --no-stop) */
	bool budget_hit;          /* live: the pause budget ran out, the rest read while it ran */
	bool fold_runtime;        /* text: fold runtime frames (default) */
	bool full_goids;          /* text: list every goid of a group */
	/* proven leaks (gm_heapleak; each record's proven_leaked): checked
	 * says whether they were looked for, leaks_note why not / what makes
	 * them unproven (NULL none) */
	bool leaks_checked, leaks_proven;
	uint64_t leaked;
	const char *leaks_note;
};

struct gm_renderer {
	const char *name;
	void *(*begin)(const struct gm_render_ctx *ctx);
	void (*goroutine)(void *st, const struct gm_goroutine *g);
	/* stats may be NULL; returns 0 or -1 on an output error */
	int (*end)(void *st, const struct gm_gwalk_stats *stats);
	bool want_args;           /* the walker must format arguments */
};

extern const struct gm_renderer gm_render_go;
extern const struct gm_renderer gm_render_text;
extern const struct gm_renderer gm_render_json;
extern const struct gm_renderer gm_render_pprof;

/* A JSON string straight to a FILE * (gm_json_escape of gm_json.h). */
void gm_json_str(FILE *out, const char *s, size_t n);

/* Colour in text output (src/render/color.c): off by default; the command
 * layer turns it on for a terminal (--color, NO_COLOR). gm_color gives the
 * escape for a role, "" when off; GM_COLOR_END ends it. */
enum gm_color_role { GM_COLOR_CRITICAL, GM_COLOR_WARNING, GM_COLOR_COUNT, GM_COLOR_END };
void gm_color_set(bool on);
bool gm_color_enabled(void);
const char *gm_color(enum gm_color_role r);

#endif
