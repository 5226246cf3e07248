/* What the report renderers share inside the render layer, and the one
 * place that ties a report's typed functions to the untyped struct
 * gm_report_ops (gm_report.h). In src/render/render_NAME.c, after
 *
 *	static struct gm_error *NAME_collect(struct gm_session *s, TYPE **r);
 *	static void NAME_text(FILE *o, const TYPE *r, const struct gm_report_opts *opts);
 *	static void NAME_json(struct gm_json *j, const TYPE *r, const struct gm_report_meta *m);
 *
 * GM_REPORT_OPS(NAME, TYPE, DESTRUCTOR) defines gm_report_NAME (and
 * GM_REPORT_OPS_PLAN(..., PLAN_ONLY) one whose plan_only is given); TYPE has a
 * char array `problem` ("" when complete) and DESTRUCTOR(TYPE *) frees it. */
#ifndef GM_REPORT_OPS_H
#define GM_REPORT_OPS_H
#include <stdint.h>
#include <string.h>

#include "gm_report.h"

/* "function":F,"file":FILE,"line":LINE (null without a file),"pc":"0x.."
 * (a callback of the timers and finalizers reports) */
void gm_report_json_code(struct gm_json *j, const char *function, const char *file, int32_t line,
			 uint64_t pc);

/* KEY:{"function":F,"file":FILE,"line":LINE}, KEY:null without a function
 * (a goroutine group's place and creator: summary and diff) */
void gm_report_json_frame(struct gm_json *j, const char *key, const char *func, const char *file, int32_t line);

/* "now":{"nanotime":N,"lower_bound":B,"source":S} (lower_bound unless the
 * source is CLOCK_MONOTONIC), or "now":null when now is 0 */
void gm_report_json_now(struct gm_json *j, int64_t now, const char *source);

/* a size for people: "123 B", "45.6 KiB" .. "7.8 GiB" (one decimal from
 * 10 units up; the heap and maps text) */
const char *gm_report_human(uint64_t v, char *buf, size_t n);

/* "match", "mismatch", "unverified" (info and summary) */
const char *gm_report_exe_check_name(enum gm_exe_check c);

/* The Go plugins the program loaded, for info and summary: a JSON array
 * value (docs/json.md "plugins"), and text lines each starting with
 * indent. */
void gm_report_plugins_json(struct gm_json *j, const struct gm_session_desc *d);
void gm_report_plugins_text(FILE *o, const struct gm_session_desc *d, const char *indent);

/* Members about the target that info and summary both write:
 * core (name), source, truncated, executable, executable_check, go_version,
 * module; */
void gm_report_json_target(struct gm_json *j, const char *name, const struct gm_session_desc *d);
/* pid, command, signal ({"number","name"} or null); */
void gm_report_json_process(struct gm_json *j, const struct gm_session_desc *d);
/* live, consistent, pause_ms. */
void gm_report_json_live(struct gm_json *j, const struct gm_session_desc *d);

/* the last element of a file path, "?" for NULL (text renderers) */
static inline const char *gm_report_base(const char *p)
{
	const char *s = p ? strrchr(p, '/') : NULL;
	return s ? s + 1 : p ? p : "?";
}

#define GM_REPORT_OPS(NAME, TYPE, DESTRUCTOR) GM_REPORT_OPS_PLAN(NAME, TYPE, DESTRUCTOR, false)

/* the same; PLAN_ONLY: gm_report_ops.plan_only */
#define GM_REPORT_OPS_PLAN(NAME, TYPE, DESTRUCTOR, PLAN_ONLY)                                 \
	static struct gm_error *NAME##_collect_v(struct gm_session *s,                        \
						 const struct gm_report_opts *opts, void **out)        \
	{                                                                                      \
		(void)opts;                                                                    \
		TYPE *r = NULL;                                                                \
		struct gm_error *err = NAME##_collect(s, &r);                                  \
		*out = r;                                                                      \
		return err;                                                                    \
	}                                                                                      \
	static void NAME##_text_v(FILE *o, const void *r, const struct gm_report_opts *opts)  \
	{                                                                                      \
		NAME##_text(o, (const TYPE *)r, opts);                                         \
	}                                                                                      \
	static void NAME##_json_v(struct gm_json *j, const void *r,                           \
				  const struct gm_report_meta *m)                              \
	{                                                                                      \
		NAME##_json(j, (const TYPE *)r, m);                                            \
	}                                                                                      \
	static const char *NAME##_problem_v(const void *r)                                    \
	{                                                                                      \
		return ((const TYPE *)r)->problem;                                             \
	}                                                                                      \
	static void NAME##_destroy_v(void *r)                                                 \
	{                                                                                      \
		DESTRUCTOR((TYPE *)r);                                                         \
	}                                                                                      \
	const struct gm_report_ops gm_report_##NAME = {                                        \
		#NAME, NAME##_collect_v, NAME##_text_v, NAME##_json_v, NAME##_problem_v,       \
		NAME##_destroy_v, PLAN_ONLY}

#endif
