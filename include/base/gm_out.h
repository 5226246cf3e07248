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
	size_t n;
	char buf[1 << 16];
};

void gm_out_init(struct gm_out *o, FILE *f);
/* Writes what is buffered; false on an output error (sticky). */
bool gm_out_flush(struct gm_out *o);
void gm_out_mem_slow(struct gm_out *o, const void *p, size_t n);
static inline void gm_out_mem(struct gm_out *o, const void *p, size_t n)
{
	if (n <= sizeof(o->buf) - o->n) {
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
	if (n > sizeof(o->buf) - GM_OUT_SLACK)
		return NULL;
	if (sizeof(o->buf) - o->n < n + GM_OUT_SLACK)
		gm_out_flush(o);
	return o->buf + o->n;
}
static inline void gm_out_commit(struct gm_out *o, char *end)
{
	o->n = (size_t)(end - o->buf);
}
/* "0x1f" at p (at most 18 bytes written, 18 more may be scribbled on);
 * returns the end of what it wrote. */
char *gm_put_hex(char *p, uint64_t v);
/* decimal, at most 20 bytes; returns the end */
char *gm_put_i64(char *p, int64_t v);

static inline void gm_out_ch(struct gm_out *o, char c)
{
	if (o->n == sizeof(o->buf))
		gm_out_flush(o);
	o->buf[o->n++] = c;
}
static inline void gm_out_str(struct gm_out *o, const char *s)
{
	gm_out_mem(o, s, strlen(s));
}

#endif
