/* gm_sort_u64: sorts an array of 64-bit keys ascending (a radix sort:
 * linear in n, for the million-entry address lists of the leak proof,
 * where qsort's comparison calls were 17 % of `summary` on a
 * 225,000-goroutine core). */
#ifndef GM_SORT_H
#define GM_SORT_H
#include <stddef.h>
#include <stdint.h>

void gm_sort_u64(uint64_t *v, size_t n);

#endif
