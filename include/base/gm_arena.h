/* gm_arena: bump allocator for records that live as long as a command.
 * Everything allocated from an arena is freed at once by gm_arena_deinit. */
#ifndef GM_ARENA_H
#define GM_ARENA_H
#include <stdbool.h>
#include <stddef.h>

struct gm_arena_chunk;
struct gm_arena {
	struct gm_arena_chunk *head;
	size_t chunk_size;
};

void gm_arena_init(struct gm_arena *a);
void gm_arena_deinit(struct gm_arena *a);
/* Frees everything allocated but keeps the newest chunk for what follows
 * (an arena reused item after item). */
void gm_arena_reset(struct gm_arena *a);
/* 16-byte aligned, zeroed; NULL on out of memory. */
void *gm_arena_alloc(struct gm_arena *a, size_t n);
char *gm_arena_strdup(struct gm_arena *a, const char *s);
char *gm_arena_strndup(struct gm_arena *a, const char *s, size_t n);

/* Makes the malloc'd array *p of *cap elements of elem bytes hold at least
 * need (capacity doubled from 64); false, *p unchanged, when memory runs
 * out or the size would overflow. */
bool gm_grow(void **p, size_t *cap, size_t need, size_t elem);

#endif
