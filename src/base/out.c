#include "gm_out.h"

#include <stdarg.h>

void gm_out_init(struct gm_out *o, FILE *f)
{
	gm_out_init_buf(o, f, o->mem, sizeof(o->mem));
}

void gm_out_init_buf(struct gm_out *o, FILE *f, char *buf, size_t cap)
{
	o->f = f;
	o->err = false;
	o->n = 0;
	o->buf = buf;
	o->cap = cap;
}

bool gm_out_flush(struct gm_out *o)
{
	if (o->n && !o->err && fwrite(o->buf, 1, o->n, o->f) != o->n)
		o->err = true;
	o->n = 0;
	return !o->err;
}

void gm_out_mem_slow(struct gm_out *o, const void *p, size_t n)
{
	if (n > o->cap - o->n) {
		gm_out_flush(o);
		if (n > o->cap) {
			if (!o->err && fwrite(p, 1, n, o->f) != n)
				o->err = true;
			return;
		}
	}
	memcpy(o->buf + o->n, p, n);
	o->n += n;
}

/* Numbers without a loop per digit (issue 22: a --format go of 225,000
 * goroutines prints 19 million hex numbers): decimal two digits a step. */
static const char dec2[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

void gm_out_hex(struct gm_out *o, uint64_t v)
{
	if (o->cap - o->n < 18)
		gm_out_flush(o);
	gm_out_commit(o, gm_put_hex(o->buf + o->n, v));
}

char *gm_put_i64(char *p, int64_t v)
{
	uint64_t u = (uint64_t)v;
	if (v < 0) {
		*p++ = '-';
		u = (uint64_t)0 - u;
	}
	char t[24];
	size_t i = sizeof(t);
	while (u >= 100) {
		i -= 2;
		memcpy(t + i, dec2 + 2 * (u % 100), 2);
		u /= 100;
	}
	if (u >= 10) {
		i -= 2;
		memcpy(t + i, dec2 + 2 * u, 2);
	} else {
		t[--i] = (char)('0' + u);
	}
	memcpy(p, t + i, sizeof(t) - i);
	return p + (sizeof(t) - i);
}

void gm_out_u64(struct gm_out *o, uint64_t v)
{
	char t[24];
	size_t i = sizeof(t);
	while (v >= 100) {
		i -= 2;
		memcpy(t + i, dec2 + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		i -= 2;
		memcpy(t + i, dec2 + 2 * v, 2);
	} else {
		t[--i] = (char)('0' + v);
	}
	gm_out_mem(o, t + i, sizeof(t) - i);
}

void gm_out_i64(struct gm_out *o, int64_t v)
{
	if (v < 0) {
		gm_out_ch(o, '-');
		gm_out_u64(o, (uint64_t)0 - (uint64_t)v);
	} else {
		gm_out_u64(o, (uint64_t)v);
	}
}

void gm_out_fmt(struct gm_out *o, const char *fmt, ...)
{
	char t[1024];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(t, sizeof(t), fmt, ap);
	va_end(ap);
	if (k > 0)
		gm_out_mem(o, t, (size_t)k < sizeof(t) ? (size_t)k : sizeof(t) - 1);
}
