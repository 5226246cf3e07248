/* gm_bigmem: arrays of an entry per heap object, span, page or goroutine,
 * filled densely. From 2 MiB on, each is a mapping of its own, 2 MiB
 * aligned, with transparent huge pages asked for (MADV_HUGEPAGE): on the
 * VMs gomortem is measured on, the first touch of a 4 KiB page costs about
 * 10 us (and a page read before it is written faults twice), of a 2 MiB
 * page about 0.5 ms, 20 times less a byte. A partial last 2 MiB stays in
 * small pages, so nothing is touched that the array does not use. Smaller
 * arrays, and every array of an AddressSanitizer build (whose checks cover
 * malloc's blocks only), are malloc'd. Free with gm_big_free only. */
#ifndef GM_BIGMEM_H
#define GM_BIGMEM_H
#include <stdbool.h>
#include <stddef.h>

/* n x size bytes, zeroed; NULL on out of memory or overflow */
void *gm_big_calloc(size_t n, size_t size);
/* As gm_grow (gm_arena.h) for a gm_big array (or NULL): *p holds at least
 * need elements of elem bytes, the first *cap kept (the rest undefined). */
bool gm_big_grow(void **p, size_t *cap, size_t need, size_t elem);
void gm_big_free(void *p);
/* arrays from 2 MiB on get mappings of their own (false: an
 * AddressSanitizer build, where all are malloc'd) */
bool gm_big_maps(void);

#endif
