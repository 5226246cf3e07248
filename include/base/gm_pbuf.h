/* gm_pbuf: the small protobuf writer the pprof outputs share (the goroutine
 * profile of src/render_pprof.c, the heap profile of src/memprof_pprof.c):
 * varint and length-delimited fields into a growing buffer, a string table
 * with interning (profile.proto's string_table, "" at index 0), and the
 * gzip framing `go tool pprof` expects. */
#ifndef GM_PBUF_H
#define GM_PBUF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct gm_pbuf {
	uint8_t *p;
	size_t n, cap;
	bool oom;  /* an allocation failed: the content is incomplete */
};

void gm_pbuf_put(struct gm_pbuf *b, const void *p, size_t n);
void gm_pbuf_varint(struct gm_pbuf *b, uint64_t v);
void gm_pbuf_field_varint(struct gm_pbuf *b, unsigned field, uint64_t v);
void gm_pbuf_field_bytes(struct gm_pbuf *b, unsigned field, const void *p, size_t n);
/* Appends m as a length-delimited field of b and empties m for reuse. */
void gm_pbuf_field_msg(struct gm_pbuf *b, unsigned field, struct gm_pbuf *m);
void gm_pbuf_free(struct gm_pbuf *b);

/* String table: interned by content; the strings are borrowed (they must
 * outlive the table). */
struct gm_strtab {
	const char **v;
	size_t n, cap;
	size_t *slot;
	size_t scap;
};
/* Index of s (added when new), -1 when out of memory. */
int64_t gm_strtab_id(struct gm_strtab *t, const char *s);
void gm_strtab_free(struct gm_strtab *t);
uint64_t gm_pbuf_hash_str(const char *s);

/* Writes b gzip-compressed to out; 0, or -1 on a write or zlib error. */
int gm_pbuf_write_gzip(const struct gm_pbuf *b, FILE *out);

#endif
