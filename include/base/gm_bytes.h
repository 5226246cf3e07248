/* gm_bytes: unaligned little-endian loads from untrusted byte buffers (the
 * caller has checked the bounds). One definition for every module. */
#ifndef GM_BYTES_H
#define GM_BYTES_H
#include <stdint.h>
#include <string.h>

static inline uint16_t gm_rd16(const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}
static inline uint32_t gm_rd32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}
static inline uint64_t gm_rd64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

#endif
