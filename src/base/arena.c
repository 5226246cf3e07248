#include "gm_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct gm_arena_chunk {
	struct gm_arena_chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char mem[];
};

void gm_arena_init(struct gm_arena *a)
{
	a->head = NULL;
	a->chunk_size = 1 << 20;
}

void gm_arena_deinit(struct gm_arena *a)
{
	struct gm_arena_chunk *c = a->head;
	while (c) {
		struct gm_arena_chunk *n = c->next;
		free(c);
		c = n;
	}
	a->head = NULL;
}

void gm_arena_reset(struct gm_arena *a)
{
	struct gm_arena_chunk *c = a->head;
	if (!c)
		return;
	gm_arena_deinit(&(struct gm_arena){c->next, 0});
	c->next = NULL;
	c->used = 0;
}

void *gm_arena_alloc(struct gm_arena *a, size_t n)
{
	if (n > SIZE_MAX / 2)
		return NULL;
	n = (n + 15) & ~(size_t)15;
	struct gm_arena_chunk *c = a->head;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > a->chunk_size / 4 ? n : a->chunk_size;
		c = malloc(sizeof(*c) + cap);
		if (!c)
			return NULL;
		c->cap = cap;
		c->used = 0;
		if (cap == n && a->head) { /* big block: keep the current chunk on top */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = c->mem + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *gm_arena_strndup(struct gm_arena *a, const char *s, size_t n)
{
	char *p = gm_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *gm_arena_strdup(struct gm_arena *a, const char *s)
{
	return gm_arena_strndup(a, s, strlen(s));
}

bool gm_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap : 64;
	while (n < need && n <= SIZE_MAX / 2)
		n *= 2;
	if (n < need || !elem || n > SIZE_MAX / elem)
		return false;
	void *q = realloc(*p, n * elem);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}
