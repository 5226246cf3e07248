/* The streaming JSON writer (see gm_json.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gm_json.h"

/* bytes written as they are: printable ASCII but '"' and '\\' */
#define P16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
static const bool plain_byte[256] = {
	[0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x22 '"' */
	[0x30] = P16, P16, /* 0x30-0x4f */
	[0x50] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x5c '\\' */
	[0x60] = P16,
	[0x70] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, /* 0x7f */
};
#undef P16

bool gm_json_plain(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!plain_byte[(unsigned char)s[i]])
			return false;
	return true;
}

void gm_json_escape(struct gm_out *o, const char *s, size_t n)
{
	if (!s) {
		gm_out_str(o, "null");
		return;
	}
	gm_out_ch(o, '"');
	size_t plain = 0; /* start of the pending run of bytes that need no escape */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (plain_byte[c])
			continue;
		gm_out_mem(o, s + plain, i - plain);
		plain = i + 1;
		switch (c) {
		case '"': gm_out_str(o, "\\\""); break;
		case '\\': gm_out_str(o, "\\\\"); break;
		case '\n': gm_out_str(o, "\\n"); break;
		case '\r': gm_out_str(o, "\\r"); break;
		case '\t': gm_out_str(o, "\\t"); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				char u[6] = {'\\', 'u', '0', '0', "0123456789abcdef"[c >> 4],
					     "0123456789abcdef"[c & 15]};
				gm_out_mem(o, u, sizeof(u));
			} else {
				/* pass well-formed UTF-8 through (RFC 3629: no
				 * overlong form, no surrogate, nothing past
				 * U+10FFFF), escape every other byte as U+FFFD */
				size_t len = c >= 0xc2 && c <= 0xdf   ? 2
					     : c >= 0xe0 && c <= 0xef ? 3
					     : c >= 0xf0 && c <= 0xf4 ? 4
								      : 0;
				bool ok = len && i + len <= n;
				for (size_t k = 1; ok && k < len; k++)
					ok = ((unsigned char)s[i + k] & 0xc0) == 0x80;
				if (ok) {
					unsigned char c1 = (unsigned char)s[i + 1];
					ok = !((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0) ||
					       (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90));
				}
				if (ok) {
					gm_out_mem(o, s + i, len);
					i += len - 1;
					plain = i + 1;
				} else {
					gm_out_str(o, "\\ufffd");
				}
			}
		}
	}
	gm_out_mem(o, s + plain, n - plain);
	gm_out_ch(o, '"');
}

void gm_json_init(struct gm_json *j, struct gm_out *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

bool gm_json_ok(const struct gm_json *j)
{
	return !j->bad && !j->depth && !j->dropped && !j->key_pending && j->top_done;
}

/* Before any value: the comma or the check that its key came first. False
 * when the value is inside a dropped (too deep) container. */
static bool value_start(struct gm_json *j)
{
	if (j->dropped)
		return false;
	if (!j->depth) {
		if (j->top_done)
			j->bad = true;
		return true;
	}
	int d = j->depth - 1;
	if (j->open[d] == '{') {
		if (!j->key_pending)
			j->bad = true;
		j->key_pending = false;
	} else {
		if (j->nonempty[d])
			gm_out_ch(j->out, ',');
		j->nonempty[d] = true;
	}
	return true;
}

/* After a value: at depth 0 the document is complete. */
static void value_end(struct gm_json *j)
{
	if (!j->depth)
		j->top_done = true;
}

static void begin(struct gm_json *j, char kind)
{
	if (j->dropped) {
		j->dropped++;
		return;
	}
	if (j->depth == GM_JSON_MAX_DEPTH) {
		value_start(j);
		gm_out_str(j->out, "null");
		j->bad = true;
		j->dropped = 1;
		return;
	}
	value_start(j);
	gm_out_ch(j->out, kind);
	j->open[j->depth] = kind;
	j->nonempty[j->depth] = false;
	j->depth++;
}

static void end(struct gm_json *j, char kind)
{
	if (j->dropped) {
		j->dropped--;
		return;
	}
	if (!j->depth || j->open[j->depth - 1] != kind || j->key_pending) {
		j->bad = true;
		j->key_pending = false;
		if (!j->depth)
			return;
	}
	/* the close of what is open, even on a mismatch: the output stays balanced */
	gm_out_ch(j->out, j->open[j->depth - 1] == '{' ? '}' : ']');
	j->depth--;
	value_end(j);
}

void gm_json_object_begin(struct gm_json *j)
{
	begin(j, '{');
}

void gm_json_object_end(struct gm_json *j)
{
	end(j, '{');
}

void gm_json_array_begin(struct gm_json *j)
{
	begin(j, '[');
}

void gm_json_array_end(struct gm_json *j)
{
	end(j, '[');
}

void gm_json_string_n(struct gm_json *j, const char *s, size_t n)
{
	if (!value_start(j))
		return;
	gm_json_escape(j->out, s, n);
	value_end(j);
}

void gm_json_string(struct gm_json *j, const char *s)
{
	gm_json_string_n(j, s, s ? strlen(s) : 0);
}

static void raw(struct gm_json *j, const char *s)
{
	if (!value_start(j))
		return;
	gm_out_str(j->out, s);
	value_end(j);
}

void gm_json_null(struct gm_json *j)
{
	raw(j, "null");
}

void gm_json_bool(struct gm_json *j, bool v)
{
	raw(j, v ? "true" : "false");
}

void gm_json_i64(struct gm_json *j, int64_t v)
{
	if (!value_start(j))
		return;
	gm_out_i64(j->out, v);
	value_end(j);
}

void gm_json_u64(struct gm_json *j, uint64_t v)
{
	if (!value_start(j))
		return;
	gm_out_u64(j->out, v);
	value_end(j);
}

void gm_json_hex(struct gm_json *j, uint64_t v)
{
	if (!value_start(j))
		return;
	gm_out_ch(j->out, '"');
	gm_out_hex(j->out, v);
	gm_out_ch(j->out, '"');
	value_end(j);
}

void gm_json_double(struct gm_json *j, double v, int decimals)
{
	if (!isfinite(v)) {
		gm_json_null(j);
		return;
	}
	if (!value_start(j))
		return;
	gm_out_fmt(j->out, "%.*f", decimals, v);
	value_end(j);
}

void gm_json_key(struct gm_json *j, const char *key)
{
	if (j->dropped)
		return;
	int d = j->depth - 1;
	if (d < 0 || j->open[d] != '{' || j->key_pending) {
		j->bad = true;
		if (d < 0 || j->open[d] != '{')
			return;
	}
	if (j->nonempty[d])
		gm_out_ch(j->out, ',');
	j->nonempty[d] = true;
	gm_json_escape(j->out, key, strlen(key));
	gm_out_ch(j->out, ':');
	j->key_pending = true;
}

void gm_json_kobject(struct gm_json *j, const char *key)
{
	gm_json_key(j, key);
	gm_json_object_begin(j);
}

void gm_json_karray(struct gm_json *j, const char *key)
{
	gm_json_key(j, key);
	gm_json_array_begin(j);
}

void gm_json_kstring(struct gm_json *j, const char *key, const char *s)
{
	gm_json_key(j, key);
	gm_json_string(j, s);
}

void gm_json_kstring_n(struct gm_json *j, const char *key, const char *s, size_t n)
{
	gm_json_key(j, key);
	gm_json_string_n(j, s, n);
}

void gm_json_knull(struct gm_json *j, const char *key)
{
	gm_json_key(j, key);
	gm_json_null(j);
}

void gm_json_kbool(struct gm_json *j, const char *key, bool v)
{
	gm_json_key(j, key);
	gm_json_bool(j, v);
}

void gm_json_ki64(struct gm_json *j, const char *key, int64_t v)
{
	gm_json_key(j, key);
	gm_json_i64(j, v);
}

void gm_json_ku64(struct gm_json *j, const char *key, uint64_t v)
{
	gm_json_key(j, key);
	gm_json_u64(j, v);
}

void gm_json_khex(struct gm_json *j, const char *key, uint64_t v)
{
	gm_json_key(j, key);
	gm_json_hex(j, v);
}

void gm_json_kdouble(struct gm_json *j, const char *key, double v, int decimals)
{
	gm_json_key(j, key);
	gm_json_double(j, v, decimals);
}
