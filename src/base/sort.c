/* LSD radix sort of records by a leading 64-bit key, 16-bit digits; a
 * digit all keys share costs one counting pass and no move. Insertion sort
 * for short arrays, qsort when the scratch buffer cannot be had.
 * gm_sort_u64 is its 8-byte case. */
#include "gm_sort.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int cmp_key(const void *a, const void *b)
{
	uint64_t x, y;
	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	return x < y ? -1 : x > y;
}

static uint64_t key_at(const unsigned char *p, size_t i, size_t size)
{
	uint64_t k;
	memcpy(&k, p + i * size, 8);
	return k;
}

void gm_sort_by_key(void *v, size_t n, size_t size)
{
	if (n < 2 || size < 8 || size > 64)
		return;
	unsigned char *base = v;
	bool sorted = true;
	for (size_t i = 1; i < n && sorted; i++)
		sorted = key_at(base, i - 1, size) <= key_at(base, i, size);
	if (sorted)
		return;
	/* 16-bit digits (4 passes) for big arrays; 8-bit ones (8 passes, a
	 * 2 KiB count table instead of 512 KiB to clear each pass) below
	 * 64 Ki records, where clearing the big table cost more than sorting */
	unsigned bits = n >= 65536 ? 16 : 8;
	size_t ndig = (size_t)1 << bits;
	uint64_t mask = ndig - 1;
	unsigned char *tmp = n >= 64 ? malloc(n * size) : NULL;
	size_t *cnt = tmp ? malloc(ndig * sizeof(*cnt)) : NULL;
	if (!cnt && n >= 64) { /* no memory for the scratch: not stable then */
		free(tmp);
		qsort(base, n, size, cmp_key);
		return;
	}
	if (!cnt) { /* short: insertion sort, stable and in place */
		unsigned char rec[64];
		for (size_t i = 1; i < n; i++) {
			uint64_t k = key_at(base, i, size);
			size_t j = i;
			while (j > 0 && key_at(base, j - 1, size) > k)
				j--;
			if (j == i)
				continue;
			memcpy(rec, base + i * size, size);
			memmove(base + (j + 1) * size, base + j * size, (i - j) * size);
			memcpy(base + j * size, rec, size);
		}
		return;
	}
	unsigned char *src = base, *dst = tmp;
	for (unsigned shift = 0; shift < 64; shift += bits) {
		memset(cnt, 0, ndig * sizeof(*cnt));
		for (size_t i = 0; i < n; i++)
			cnt[(key_at(src, i, size) >> shift) & mask]++;
		if (cnt[(key_at(src, 0, size) >> shift) & mask] == n)
			continue; /* one digit for all: already in order for it */
		size_t sum = 0;
		for (size_t d = 0; d < ndig; d++) {
			size_t c = cnt[d];
			cnt[d] = sum;
			sum += c;
		}
		/* the common sizes: a fixed-size copy the compiler inlines */
		if (size == 8)
			for (size_t i = 0; i < n; i++)
				memcpy(dst + 8 * cnt[(key_at(src, i, 8) >> shift) & mask]++, src + 8 * i, 8);
		else if (size == 16)
			for (size_t i = 0; i < n; i++)
				memcpy(dst + 16 * cnt[(key_at(src, i, 16) >> shift) & mask]++, src + 16 * i, 16);
		else
			for (size_t i = 0; i < n; i++)
				memcpy(dst + size * cnt[(key_at(src, i, size) >> shift) & mask]++, src + size * i, size);
		unsigned char *t = src;
		src = dst;
		dst = t;
	}
	if (src != base)
		memcpy(base, src, n * size);
	free(cnt);
	free(tmp);
}

void gm_sort_u64(uint64_t *v, size_t n)
{
	gm_sort_by_key(v, n, sizeof(*v));
}

size_t gm_sort_u64_unique(uint64_t *v, size_t n)
{
	gm_sort_u64(v, n);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || v[k - 1] != v[i])
			v[k++] = v[i];
	return k;
}
