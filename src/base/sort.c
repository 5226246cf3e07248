/* LSD radix sort of 64-bit keys, 16-bit digits; a digit all keys share
 * costs one counting pass and no move. qsort for short arrays or when the
 * scratch buffer cannot be had. */
#include "gm_sort.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

void gm_sort_u64(uint64_t *v, size_t n)
{
	if (n < 2)
		return;
	uint64_t *tmp = n >= 512 ? malloc(n * sizeof(*tmp)) : NULL;
	size_t *cnt = tmp ? malloc(65536 * sizeof(*cnt)) : NULL;
	if (!cnt) {
		free(tmp);
		qsort(v, n, sizeof(*v), cmp_u64);
		return;
	}
	uint64_t *src = v, *dst = tmp;
	for (unsigned shift = 0; shift < 64; shift += 16) {
		memset(cnt, 0, 65536 * sizeof(*cnt));
		for (size_t i = 0; i < n; i++)
			cnt[(src[i] >> shift) & 0xffff]++;
		if (cnt[(src[0] >> shift) & 0xffff] == n)
			continue; /* one digit for all: already in order for it */
		size_t sum = 0;
		for (size_t d = 0; d < 65536; d++) {
			size_t c = cnt[d];
			cnt[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[cnt[(src[i] >> shift) & 0xffff]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	free(cnt);
	free(tmp);
}

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
	unsigned char *tmp = n >= 64 ? malloc(n * size) : NULL;
	size_t *cnt = tmp ? malloc(65536 * sizeof(*cnt)) : NULL;
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
	for (unsigned shift = 0; shift < 64; shift += 16) {
		memset(cnt, 0, 65536 * sizeof(*cnt));
		for (size_t i = 0; i < n; i++)
			cnt[(key_at(src, i, size) >> shift) & 0xffff]++;
		if (cnt[(key_at(src, 0, size) >> shift) & 0xffff] == n)
			continue; /* one digit for all: already in order for it */
		size_t sum = 0;
		for (size_t d = 0; d < 65536; d++) {
			size_t c = cnt[d];
			cnt[d] = sum;
			sum += c;
		}
		if (size == 16) /* the common case: a fixed-size copy the compiler inlines */
			for (size_t i = 0; i < n; i++)
				memcpy(dst + 16 * cnt[(key_at(src, i, 16) >> shift) & 0xffff]++, src + 16 * i, 16);
		else
			for (size_t i = 0; i < n; i++)
				memcpy(dst + size * cnt[(key_at(src, i, size) >> shift) & 0xffff]++, src + size * i, size);
		unsigned char *t = src;
		src = dst;
		dst = t;
	}
	if (src != base)
		memcpy(base, src, n * size);
	free(cnt);
	free(tmp);
}
