/* The heap profile's globals in an executable without symbols: see
 * gm_memprof__find_stripped below and docs/heap-profile.md. */
#include <stdint.h>
#include "gm_gobin.h"

void gm_memprof__find_stripped(const struct gm_gobin *gb, uint64_t *mbuckets, uint64_t *cycle,
			       uint64_t *rate, uint64_t *disable);

void gm_memprof__find_stripped(const struct gm_gobin *gb, uint64_t *mbuckets, uint64_t *cycle,
			       uint64_t *rate, uint64_t *disable)
{
	(void)gb, (void)mbuckets, (void)cycle, (void)rate, (void)disable;
}
