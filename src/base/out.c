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

void gm_out_mem_slow(struct gm_out *o, const void *p, size_t n)
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

/* Two digits a step, written straight into the buffer (issue 22: a
 * --format go of 225,000 goroutines prints 14 million hex numbers). */
static const char hex2[513] =
	"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	"202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
	"404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
	"606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
	"808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
	"a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
	"c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
	"e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
static const char dec2[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

void gm_out_hex(struct gm_out *o, uint64_t v)
{
	unsigned nd = v ? (unsigned)(67 - __builtin_clzll(v)) / 4 : 1; /* hex digits */
	if (sizeof(o->buf) - o->n < 18)
		gm_out_flush(o);
	char *p = o->buf + o->n;
	p[0] = '0';
	p[1] = 'x';
	char *e = p + 2 + nd;
	o->n += 2 + nd;
	while (v >= 0x100) {
		e -= 2;
		memcpy(e, hex2 + 2 * (v & 0xff), 2);
		v >>= 8;
	}
	if (v >= 0x10) {
		e -= 2;
		memcpy(e, hex2 + 2 * v, 2);
	} else {
		e[-1] = "0123456789abcdef"[v];
	}
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
