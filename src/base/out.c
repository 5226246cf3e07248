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

/* Numbers without a loop per digit (issue 22: a --format go of 225,000
 * goroutines prints 19 million hex numbers): decimal two digits a step. */
static const char dec2[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* The 8 hex digits of v, most significant first, in 8 bytes: nibbles
 * spread one a byte, then '0'-'9' / 'a'-'f' for all of them at once. */
static inline uint64_t hex8(uint32_t v)
{
	uint64_t x = v;
	x = ((x & 0xffff0000ull) << 16) | (x & 0xffffull);
	x = ((x & 0x0000ff000000ff00ull) << 8) | (x & 0x000000ff000000ffull);
	x = ((x & 0x00f000f000f000f0ull) << 4) | (x & 0x000f000f000f000full);
	/* byte i holds nibble i (least significant first) */
	uint64_t letter = ((x + 0x0606060606060606ull) >> 4) & 0x0101010101010101ull;
	x += 0x3030303030303030ull + letter * ('a' - '0' - 10);
	return __builtin_bswap64(x);
}

char *gm_put_hex(char *p, uint64_t v)
{
	unsigned nd = v ? (unsigned)(67 - __builtin_clzll(v)) / 4 : 1; /* hex digits */
	p[0] = '0';
	p[1] = 'x';
	/* whole 8-byte stores (the bytes past the digits are overwritten
	 * later): little-endian, the leading zero digits shift out */
	uint64_t lo = hex8((uint32_t)v);
	if (nd <= 8) {
		lo >>= 8 * (8 - nd);
		memcpy(p + 2, &lo, 8);
	} else {
		uint64_t hi = hex8((uint32_t)(v >> 32)) >> (8 * (16 - nd));
		memcpy(p + 2, &hi, 8);
		memcpy(p + 2 + nd - 8, &lo, 8);
	}
	return p + 2 + nd;
}

void gm_out_hex(struct gm_out *o, uint64_t v)
{
	if (sizeof(o->buf) - o->n < 18)
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
