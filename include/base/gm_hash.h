/* gm_hash: a 64-bit mixer for open-addressing tables keyed by addresses
 * (MurmurHash3's fmix64 finalizer). */
#ifndef GM_HASH_H
#define GM_HASH_H
#include <stdint.h>

static inline uint64_t gm_hash64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

#endif
