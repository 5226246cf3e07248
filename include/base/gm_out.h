/* gm_out: a fast buffered writer for renderers (printf's format parsing
 * dominated the cost of printing 100,000s of goroutines). */
#ifndef GM_OUT_H
#define GM_OUT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct gm_out {
	FILE *f;
	bool err;
	size_t n, cap; /* bytes buffered, size of buf */
	char *buf;     /* mem, or the caller's (gm_out_init_buf) */
	char mem[1 << 16];
};

void gm_out_init(struct gm_out *o, FILE *f);
/* With the caller's buffer of cap bytes (at least 4 KiB), which must
 * outlive o: fewer, bigger writes (--format go writes 730 MB for 225,000
 * goroutines, and a write costs a system call). */
void gm_out_init_buf(struct gm_out *o, FILE *f, char *buf, size_t cap);
/* Writes what is buffered; false on an output error (sticky). */
bool gm_out_flush(struct gm_out *o);
void gm_out_mem_slow(struct gm_out *o, const void *p, size_t n);
static inline void gm_out_mem(struct gm_out *o, const void *p, size_t n)
{
	if (n <= o->cap - o->n) {
		memcpy(o->buf + o->n, p, n);
		o->n += n;
		return;
	}
	gm_out_mem_slow(o, p, n);
}
void gm_out_hex(struct gm_out *o, uint64_t v);   /* "0x1f" */
void gm_out_u64(struct gm_out *o, uint64_t v);
void gm_out_i64(struct gm_out *o, int64_t v);
void gm_out_fmt(struct gm_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writing in place (issue 22: millions of frame lines): gm_out_reserve
 * returns where n bytes (and GM_OUT_SLACK more, which gm_put_hex may
 * scribble on) can be written, flushing first if needed, or NULL when n is
 * too big for the buffer; gm_out_commit(o, end) keeps what was written up
 * to end. */
#define GM_OUT_SLACK 32
static inline char *gm_out_reserve(struct gm_out *o, size_t n)
{
	if (n > o->cap - GM_OUT_SLACK)
		return NULL;
	if (o->cap - o->n < n + GM_OUT_SLACK)
		gm_out_flush(o);
	return o->buf + o->n;
}
static inline void gm_out_commit(struct gm_out *o, char *end)
{
	o->n = (size_t)(end - o->buf);
}
/* The 8 hex digits of v, most significant first, in 8 bytes: nibbles
 * spread one a byte, then '0'-'9' / 'a'-'f' for all of them at once. */
static inline uint64_t gm_hex8(uint32_t v)
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
/* "0x1f" at p (at most 18 bytes written, 18 more may be scribbled on);
 * returns the end of what it wrote. Inline: --format go prints 19 million
 * of them for 225,000 goroutines (issue 22). */
static inline char *gm_put_hex(char *p, uint64_t v)
{
	unsigned nd = v ? (unsigned)(67 - __builtin_clzll(v)) / 4 : 1; /* hex digits */
	p[0] = '0';
	p[1] = 'x';
	/* whole 8-byte stores (the bytes past the digits are overwritten
	 * later): little-endian, the leading zero digits shift out */
	uint64_t lo = gm_hex8((uint32_t)v);
	if (nd <= 8) {
		lo >>= 8 * (8 - nd);
		memcpy(p + 2, &lo, 8);
	} else {
		uint64_t hi = gm_hex8((uint32_t)(v >> 32)) >> (8 * (16 - nd));
		memcpy(p + 2, &hi, 8);
		memcpy(p + 2 + nd - 8, &lo, 8);
	}
	return p + 2 + nd;
}
/* decimal, at most 20 bytes; returns the end */
char *gm_put_i64(char *p, int64_t v);

static inline void gm_out_ch(struct gm_out *o, char c)
{
	if (o->n == o->cap)
		gm_out_flush(o);
	o->buf[o->n++] = c;
}
static inline void gm_out_str(struct gm_out *o, const char *s)
{
	gm_out_mem(o, s, strlen(s));
}

#endif
