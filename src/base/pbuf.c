/* The protobuf writer, string table and gzip output of the pprof profiles
 * (include/gm_pbuf.h). */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gm_pbuf.h"

void gm_pbuf_put(struct gm_pbuf *b, const void *p, size_t n)
{
	if (b->oom || !n)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		while (cap < b->n + n)
			cap *= 2;
		uint8_t *q = realloc(b->p, cap);
		if (!q) {
			b->oom = true;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

void gm_pbuf_varint(struct gm_pbuf *b, uint64_t v)
{
	uint8_t t[10];
	size_t n = 0;
	do {
		t[n++] = (uint8_t)((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
		v >>= 7;
	} while (v);
	gm_pbuf_put(b, t, n);
}

void gm_pbuf_field_varint(struct gm_pbuf *b, unsigned field, uint64_t v)
{
	gm_pbuf_varint(b, (uint64_t)field << 3);
	gm_pbuf_varint(b, v);
}

void gm_pbuf_field_bytes(struct gm_pbuf *b, unsigned field, const void *p, size_t n)
{
	gm_pbuf_varint(b, (uint64_t)field << 3 | 2);
	gm_pbuf_varint(b, n);
	gm_pbuf_put(b, p, n);
}

void gm_pbuf_field_msg(struct gm_pbuf *b, unsigned field, struct gm_pbuf *m)
{
	gm_pbuf_field_bytes(b, field, m->p, m->n);
	b->oom |= m->oom;
	m->n = 0;
}

void gm_pbuf_free(struct gm_pbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

uint64_t gm_pbuf_hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

int64_t gm_strtab_id(struct gm_strtab *t, const char *s)
{
	if (t->n * 2 >= t->scap) {
		size_t ncap = t->scap ? t->scap * 2 : 1024;
		size_t *ns = malloc(ncap * sizeof(*ns));
		if (!ns)
			return -1;
		for (size_t i = 0; i < ncap; i++)
			ns[i] = SIZE_MAX;
		for (size_t i = 0; i < t->n; i++) {
			size_t j = gm_pbuf_hash_str(t->v[i]) & (ncap - 1);
			while (ns[j] != SIZE_MAX)
				j = (j + 1) & (ncap - 1);
			ns[j] = i;
		}
		free(t->slot);
		t->slot = ns;
		t->scap = ncap;
	}
	size_t j = gm_pbuf_hash_str(s) & (t->scap - 1);
	while (t->slot[j] != SIZE_MAX) {
		if (!strcmp(t->v[t->slot[j]], s))
			return (int64_t)t->slot[j];
		j = (j + 1) & (t->scap - 1);
	}
	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 256;
		const char **nv = realloc(t->v, ncap * sizeof(*nv));
		if (!nv)
			return -1;
		t->v = nv;
		t->cap = ncap;
	}
	t->v[t->n] = s;
	t->slot[j] = t->n;
	return (int64_t)t->n++;
}

void gm_strtab_free(struct gm_strtab *t)
{
	free(t->v);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

int gm_pbuf_write_gzip(const struct gm_pbuf *b, FILE *out)
{
	if (b->oom)
		return -1;
	int rc = 0;
	z_stream z = {0};
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	uint8_t buf[1 << 16];
	z.next_in = b->p;
	z.avail_in = (uInt)b->n;
	int zr;
	do {
		z.next_out = buf;
		z.avail_out = sizeof(buf);
		zr = deflate(&z, Z_FINISH);
		size_t have = sizeof(buf) - z.avail_out;
		if (have && fwrite(buf, 1, have, out) != have)
			rc = -1;
	} while (zr == Z_OK);
	if (zr != Z_STREAM_END)
		rc = -1;
	deflateEnd(&z);
	if (ferror(out))
		rc = -1;
	return rc;
}
