/* gm_json: a small streaming JSON writer (the idea of git's json-writer,
 * but written as it goes into a gm_out rather than kept in a buffer). The
 * caller says what comes next; the writer puts the commas and colons,
 * escapes the strings and keeps count of the nesting:
 *
 *	gm_json_object_begin(j);
 *	gm_json_kstring(j, "name", s);        // "name":"..." (NULL -> null)
 *	gm_json_karray(j, "v");
 *	gm_json_u64(j, 1); gm_json_u64(j, 2);
 *	gm_json_array_end(j);
 *	gm_json_object_end(j);                // {"name":"...","v":[1,2]}
 *
 * No whitespace is written. Misuse (a value in an object without its key, a
 * key in an array, an end that does not match, a second top-level value)
 * is recorded: gm_json_ok() says whether the document is complete and well
 * formed. Nesting is bounded by GM_JSON_MAX_DEPTH: a container opened
 * deeper is written as null (its contents are dropped) and the document is
 * marked not ok, so the output stays valid JSON. Output errors are the
 * gm_out's (gm_out_flush). */
#ifndef GM_JSON_H
#define GM_JSON_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gm_out.h"

#define GM_JSON_MAX_DEPTH 32

struct gm_json {
	struct gm_out *out;
	int depth;                          /* containers open and written */
	int dropped;                        /* containers open past the bound, not written */
	bool key_pending;                   /* a key is written; its value comes next */
	bool top_done;                      /* the top-level value is complete */
	bool bad;                           /* misuse or too deep (see above) */
	char open[GM_JSON_MAX_DEPTH];       /* '{' or '[' at each depth */
	bool nonempty[GM_JSON_MAX_DEPTH];   /* it has a member: the next needs a comma */
};

void gm_json_init(struct gm_json *j, struct gm_out *out);
/* Every container closed, one top-level value, no misuse. */
bool gm_json_ok(const struct gm_json *j);

/* A string as JSON, straight to o: quoted; '"', '\\', \n, \r, \t escaped
 * by name, other control bytes and DEL as \u00XX, valid UTF-8 sequences
 * passed through, any other byte as \ufffd; s == NULL writes null. */
void gm_json_escape(struct gm_out *o, const char *s, size_t n);
/* gm_json_escape writes s between quotes unchanged: no byte to escape. */
bool gm_json_plain(const char *s, size_t n);

/* values: an array element, or an object member after gm_json_key */
void gm_json_object_begin(struct gm_json *j);
void gm_json_object_end(struct gm_json *j);
void gm_json_array_begin(struct gm_json *j);
void gm_json_array_end(struct gm_json *j);
void gm_json_string(struct gm_json *j, const char *s);               /* NULL -> null */
void gm_json_string_n(struct gm_json *j, const char *s, size_t n);   /* n bytes of s */
void gm_json_null(struct gm_json *j);
void gm_json_bool(struct gm_json *j, bool v);
void gm_json_i64(struct gm_json *j, int64_t v);
void gm_json_u64(struct gm_json *j, uint64_t v);
void gm_json_hex(struct gm_json *j, uint64_t v);                     /* "0x1f" */
/* printf's "%.*f"; NaN and infinities (not JSON numbers) -> null */
void gm_json_double(struct gm_json *j, double v, int decimals);

/* object members: the key, then its value */
void gm_json_key(struct gm_json *j, const char *key);
void gm_json_kobject(struct gm_json *j, const char *key);            /* key + object_begin */
void gm_json_karray(struct gm_json *j, const char *key);             /* key + array_begin */
void gm_json_kstring(struct gm_json *j, const char *key, const char *s);
void gm_json_kstring_n(struct gm_json *j, const char *key, const char *s, size_t n);
void gm_json_knull(struct gm_json *j, const char *key);
void gm_json_kbool(struct gm_json *j, const char *key, bool v);
void gm_json_ki64(struct gm_json *j, const char *key, int64_t v);
void gm_json_ku64(struct gm_json *j, const char *key, uint64_t v);
void gm_json_khex(struct gm_json *j, const char *key, uint64_t v);
void gm_json_kdouble(struct gm_json *j, const char *key, double v, int decimals);

#endif
