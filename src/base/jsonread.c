/* JSON reader (see gm_jsonread.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gm_jsonread.h"

struct jp {
	const char *p, *end, *start;
	struct gm_arena *a;
	const char *err;
	int depth;
};

static void ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static struct gm_jv *fail(struct jp *j, const char *why)
{
	if (!j->err)
		j->err = why;
	return NULL;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool hex4(struct jp *j, unsigned *out)
{
	if (j->end - j->p < 4)
		return false;
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		int h = hexval(j->p[k]);
		if (h < 0)
			return false;
		v = v << 4 | (unsigned)h;
	}
	j->p += 4;
	*out = v;
	return true;
}

/* a string at j->p (the opening quote); NULL on error */
static char *str(struct jp *j)
{
	j->p++;
	/* the decoded text is never longer than the encoded one */
	const char *q = j->p;
	while (q < j->end && *q != '"') {
		if (*q == '\\' && q + 1 < j->end)
			q++;
		q++;
	}
	if (q >= j->end)
		return (char *)fail(j, "unterminated string");
	char *o = gm_arena_alloc(j->a, (size_t)(q - j->p) + 1);
	if (!o)
		return (char *)fail(j, "out of memory");
	size_t n = 0;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p++;
		if (c < 0x20)
			return (char *)fail(j, "control character in a string");
		if (c != '\\') {
			o[n++] = (char)c;
			continue;
		}
		if (j->p >= j->end)
			return (char *)fail(j, "unterminated string");
		char e = *j->p++;
		switch (e) {
		case '"': o[n++] = '"'; break;
		case '\\': o[n++] = '\\'; break;
		case '/': o[n++] = '/'; break;
		case 'b': o[n++] = '\b'; break;
		case 'f': o[n++] = '\f'; break;
		case 'n': o[n++] = '\n'; break;
		case 'r': o[n++] = '\r'; break;
		case 't': o[n++] = '\t'; break;
		case 'u': {
			unsigned u;
			if (!hex4(j, &u))
				return (char *)fail(j, "bad \\u escape");
			if (u >= 0xd800 && u < 0xdc00 && j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') {
				const char *save = j->p;
				unsigned lo;
				j->p += 2;
				if (hex4(j, &lo) && lo >= 0xdc00 && lo < 0xe000)
					u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
				else
					j->p = save;
			}
			if (u >= 0xd800 && u < 0xe000)
				u = 0xfffd; /* a lone surrogate */
			/* UTF-8: at most 4 bytes for at most 6 escaped ones */
			if (u < 0x80) {
				o[n++] = (char)u;
			} else if (u < 0x800) {
				o[n++] = (char)(0xc0 | u >> 6);
				o[n++] = (char)(0x80 | (u & 0x3f));
			} else if (u < 0x10000) {
				o[n++] = (char)(0xe0 | u >> 12);
				o[n++] = (char)(0x80 | (u >> 6 & 0x3f));
				o[n++] = (char)(0x80 | (u & 0x3f));
			} else {
				o[n++] = (char)(0xf0 | u >> 18);
				o[n++] = (char)(0x80 | (u >> 12 & 0x3f));
				o[n++] = (char)(0x80 | (u >> 6 & 0x3f));
				o[n++] = (char)(0x80 | (u & 0x3f));
			}
			break;
		}
		default:
			return (char *)fail(j, "bad escape");
		}
	}
	j->p++; /* the closing quote */
	o[n] = 0;
	return o;
}

static struct gm_jv *value(struct jp *j);

/* the elements (and keys) gathered in a malloc'd vector, then moved to the arena */
struct vec {
	struct gm_jv **v;
	const char **k;
	size_t n, cap;
};

static bool vec_push(struct vec *x, const char *k, struct gm_jv *v)
{
	if (x->n == x->cap) {
		size_t nc = x->cap ? x->cap * 2 : 8;
		struct gm_jv **nv = realloc(x->v, nc * sizeof(*nv));
		if (nv)
			x->v = nv;
		const char **nk = nv ? realloc(x->k, nc * sizeof(*nk)) : NULL;
		if (nk)
			x->k = nk;
		if (!nv || !nk)
			return false;
		x->cap = nc;
	}
	x->v[x->n] = v;
	x->k[x->n++] = k;
	return true;
}

static struct gm_jv *container(struct jp *j, bool obj)
{
	if (++j->depth > GM_JV_MAX_DEPTH)
		return fail(j, "nested too deep");
	j->p++;
	struct vec x = {0};
	struct gm_jv *r = gm_arena_alloc(j->a, sizeof(*r));
	if (!r)
		return fail(j, "out of memory");
	r->kind = obj ? GM_JV_OBJ : GM_JV_ARR;
	ws(j);
	char close = obj ? '}' : ']';
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return r;
	}
	for (;;) {
		const char *k = NULL;
		ws(j);
		if (obj) {
			if (j->p >= j->end || *j->p != '"') {
				r = fail(j, "expected a member name");
				break;
			}
			if (!(k = str(j))) {
				r = NULL;
				break;
			}
			ws(j);
			if (j->p >= j->end || *j->p != ':') {
				r = fail(j, "expected ':'");
				break;
			}
			j->p++;
		}
		struct gm_jv *v = value(j);
		if (!v) {
			r = NULL;
			break;
		}
		if (!vec_push(&x, k, v)) {
			r = fail(j, "out of memory");
			break;
		}
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			break;
		}
		r = fail(j, obj ? "expected ',' or '}'" : "expected ',' or ']'");
		break;
	}
	if (r && x.n) {
		r->v = gm_arena_alloc(j->a, x.n * sizeof(*r->v));
		r->keys = obj ? gm_arena_alloc(j->a, x.n * sizeof(*r->keys)) : NULL;
		if (!r->v || (obj && !r->keys)) {
			r = fail(j, "out of memory");
		} else {
			memcpy(r->v, x.v, x.n * sizeof(*r->v));
			if (obj)
				memcpy(r->keys, x.k, x.n * sizeof(*r->keys));
			r->n = x.n;
		}
	}
	free(x.v);
	free(x.k);
	j->depth--;
	return r;
}

static struct gm_jv *number(struct jp *j)
{
	const char *s = j->p;
	bool integer = true;
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p >= j->end || *j->p < '0' || *j->p > '9')
		return fail(j, "bad number");
	if (*j->p == '0' && j->p + 1 < j->end && j->p[1] >= '0' && j->p[1] <= '9')
		return fail(j, "bad number (leading zero)");
	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	if (j->p < j->end && *j->p == '.') {
		integer = false;
		j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return fail(j, "bad number");
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		integer = false;
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return fail(j, "bad number");
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	char buf[64];
	size_t n = (size_t)(j->p - s);
	if (n >= sizeof(buf))
		return fail(j, "number too long");
	memcpy(buf, s, n);
	buf[n] = 0;
	struct gm_jv *r = gm_arena_alloc(j->a, sizeof(*r));
	if (!r)
		return fail(j, "out of memory");
	r->kind = GM_JV_NUM;
	r->num = strtod(buf, NULL);
	if (integer) {
		char *e;
		errno = 0;
		long long v = strtoll(buf, &e, 10);
		if (!*e && errno != ERANGE) {
			r->is_int = true;
			r->i = v;
		}
	}
	return r;
}

static struct gm_jv *literal(struct jp *j, const char *word, enum gm_jv_kind k, bool b)
{
	size_t n = strlen(word);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n))
		return fail(j, "unexpected character");
	j->p += n;
	struct gm_jv *r = gm_arena_alloc(j->a, sizeof(*r));
	if (!r)
		return fail(j, "out of memory");
	r->kind = k;
	r->b = b;
	return r;
}

static struct gm_jv *value(struct jp *j)
{
	ws(j);
	if (j->p >= j->end)
		return fail(j, "unexpected end");
	switch (*j->p) {
	case '{': return container(j, true);
	case '[': return container(j, false);
	case '"': {
		char *s = str(j);
		if (!s)
			return NULL;
		struct gm_jv *r = gm_arena_alloc(j->a, sizeof(*r));
		if (!r)
			return fail(j, "out of memory");
		r->kind = GM_JV_STR;
		r->s = s;
		return r;
	}
	case 't': return literal(j, "true", GM_JV_BOOL, true);
	case 'f': return literal(j, "false", GM_JV_BOOL, false);
	case 'n': return literal(j, "null", GM_JV_NULL, false);
	default: return number(j);
	}
}

struct gm_error *gm_jv_parse(const char *text, size_t len, struct gm_arena *a, struct gm_jv **ret)
{
	*ret = NULL;
	struct jp j = {.p = text, .end = text + len, .start = text, .a = a};
	struct gm_jv *v = value(&j);
	if (v) {
		ws(&j);
		if (j.p != j.end)
			v = fail(&j, "text after the value");
	}
	if (!v)
		return gm_error_create(GM_ERR_FORMAT, "JSON: %s at byte %zu", j.err ? j.err : "malformed",
				       (size_t)(j.p - j.start));
	*ret = v;
	return NULL;
}

const struct gm_jv *gm_jv_get(const struct gm_jv *obj, const char *key)
{
	if (!obj || obj->kind != GM_JV_OBJ)
		return NULL;
	for (size_t i = obj->n; i-- > 0;)
		if (!strcmp(obj->keys[i], key))
			return obj->v[i];
	return NULL;
}
