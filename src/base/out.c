#include "gm_out.h"

#include <stdarg.h>

void gm_out_init(struct gm_out *o, FILE *f)
{
	o->f = f;
	o->err = false;
	o->n = 0;
}

bool gm_out_flush(struct gm_out *o)
{
	if (o->n && !o->err && fwrite(o->buf, 1, o->n, o->f) != o->n)
		o->err = true;
	o->n = 0;
	return !o->err;
}

void gm_out_mem(struct gm_out *o, const void *p, size_t n)
{
	if (n > sizeof(o->buf) - o->n) {
		gm_out_flush(o);
		if (n > sizeof(o->buf)) {
			if (!o->err && fwrite(p, 1, n, o->f) != n)
				o->err = true;
			return;
		}
	}
	memcpy(o->buf + o->n, p, n);
	o->n += n;
}

void gm_out_hex(struct gm_out *o, uint64_t v)
{
	char t[20];
	size_t i = sizeof(t);
	do {
		t[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	t[--i] = 'x';
	t[--i] = '0';
	gm_out_mem(o, t + i, sizeof(t) - i);
}

void gm_out_u64(struct gm_out *o, uint64_t v)
{
	char t[24];
	size_t i = sizeof(t);
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
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
