/* gm_jsonread: a JSON reader (RFC 8259) for gomortem's own documents read
 * back (gomortem diff on a summary's snapshot). The whole text is parsed
 * into a tree allocated from an arena. Hostile input: nesting is bounded
 * (GM_JV_MAX_DEPTH), every byte checked, malformed text is an error with
 * its offset, never a crash. */
#ifndef GM_JSONREAD_H
#define GM_JSONREAD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_arena.h"
#include "gm_error.h"

#define GM_JV_MAX_DEPTH 64

enum gm_jv_kind { GM_JV_NULL, GM_JV_BOOL, GM_JV_NUM, GM_JV_STR, GM_JV_ARR, GM_JV_OBJ };

struct gm_jv {
	enum gm_jv_kind kind;
	bool b;
	double num;
	bool is_int;            /* the number was an integer that fits int64 */
	int64_t i;
	const char *s;          /* NUL-terminated (a \u0000 inside ends it early) */
	size_t n;               /* array elements / object members */
	struct gm_jv **v;       /* elements / member values */
	const char **keys;      /* object member names */
};

/* GM_ERR_FORMAT ("JSON: ... at byte N") when text is not one JSON value. */
struct gm_error *gm_jv_parse(const char *text, size_t len, struct gm_arena *a, struct gm_jv **ret);
/* the member named key of an object (the last of equal names), else NULL */
const struct gm_jv *gm_jv_get(const struct gm_jv *obj, const char *key);

#endif
