/* LSD radix sort of 64-bit keys, 16-bit digits; a digit all keys share
 * costs one counting pass and no move. qsort for short arrays or when the
 * scratch buffer cannot be had. */
#include "gm_sort.h"

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
