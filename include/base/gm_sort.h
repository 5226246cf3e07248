/* gm_sort_u64: sorts an array of 64-bit keys ascending (a radix sort:
 * linear in n, for the million-entry address lists of the leak proof,
 * where qsort's comparison calls were 17 % of `summary` on a
 * 225,000-goroutine core). */
#ifndef GM_SORT_H
#define GM_SORT_H
#include <stddef.h>
#include <stdint.h>

void gm_sort_u64(uint64_t *v, size_t n);
/* gm_sort_u64, then the duplicates dropped: returns the distinct count. */
size_t gm_sort_u64_unique(uint64_t *v, size_t n);

/* gm_sort_by_key: sorts n records of size bytes (8 to 64) ascending by the
 * uint64_t each begins with, stably (records with equal keys keep their
 * order, unless the scratch memory cannot be had: qsort then); the same
 * radix sort, for the copy plan of a live process
 * (src/target/live_mem.c: 100,000 (address, length) ranges sorted while the
 * process is stopped, where qsort took 6-12 ms a round). */
void gm_sort_by_key(void *v, size_t n, size_t size);

#endif
