/* gm_bigmem (include/base/gm_bigmem.h) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gm_bigmem.h"

#if defined(__SANITIZE_ADDRESS__)
#define PLAIN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PLAIN 1
#endif
#endif
#ifndef PLAIN
#define PLAIN 0
#endif

#define HUGE_SIZE ((size_t)2 << 20)
#define HDR 64 /* the header: the mapping's length, 0 for a malloc'd block */

static void *big_alloc(size_t bytes)
{
	if (bytes > SIZE_MAX - HDR - 2 * HUGE_SIZE)
		return NULL;
	if (PLAIN || bytes < HUGE_SIZE) {
		uint8_t *b = calloc(1, HDR + bytes);
		return b ? b + HDR : NULL;
	}
	size_t len = (HDR + bytes + 4095) & ~(size_t)4095, res = len + HUGE_SIZE;
	uint8_t *m = mmap(NULL, res, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	uint8_t *a = (uint8_t *)(((uintptr_t)m + HUGE_SIZE - 1) & ~(uintptr_t)(HUGE_SIZE - 1));
	if (a > m)
		munmap(m, (size_t)(a - m));
	if (m + res > a + len)
		munmap(a + len, (size_t)(m + res - (a + len)));
	(void)madvise(a, len, MADV_HUGEPAGE); /* advice: without it, small pages */
	memcpy(a, &len, sizeof(len));
	return a + HDR;
}

void *gm_big_calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return big_alloc(n * size);
}

bool gm_big_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	size_t nc = *cap ? *cap : 64;
	while (nc < need) {
		if (nc > SIZE_MAX / 2)
			return false;
		nc *= 2;
	}
	if (elem && nc > SIZE_MAX / elem)
		return false;
	size_t len = 0;
	if (*p)
		memcpy(&len, (uint8_t *)*p - HDR, sizeof(len));
	if (!len && *p && (PLAIN || nc * elem < HUGE_SIZE)) {
		/* malloc'd and staying small: realloc (mremap when big) */
		if (nc * elem > SIZE_MAX - HDR)
			return false;
		uint8_t *b = realloc((uint8_t *)*p - HDR, HDR + nc * elem);
		if (!b)
			return false;
		*p = b + HDR;
		*cap = nc;
		return true;
	}
	void *v = big_alloc(nc * elem);
	if (!v)
		return false;
	if (*p) {
		memcpy(v, *p, *cap * elem);
		gm_big_free(*p);
	}
	*p = v;
	*cap = nc;
	return true;
}

void gm_big_free(void *p)
{
	if (!p)
		return;
	uint8_t *b = (uint8_t *)p - HDR;
	size_t len;
	memcpy(&len, b, sizeof(len));
	if (len)
		munmap(b, len);
	else
		free(b);
}

bool gm_big_maps(void)
{
	return !PLAIN;
}
