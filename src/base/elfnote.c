#include "gm_elfnote.h"

#include <string.h>

#include "gm_bytes.h"

void gm_elfnote_begin(struct gm_elfnote_iter *it, const uint8_t *d, uint64_t size)
{
	memset(it, 0, sizeof(*it));
	it->d = d;
	it->size = d ? size : 0;
}

bool gm_elfnote_next(struct gm_elfnote_iter *it, struct gm_elfnote *out)
{
	uint64_t off = it->off, n = it->size;
	if (off >= n || n - off < 12)
		return false;
	const uint8_t *d = it->d;
	uint32_t namesz = gm_rd32(d + off), descsz = gm_rd32(d + off + 4);
	uint64_t name_off = off + 12;
	uint64_t desc_off = name_off + (((uint64_t)namesz + 3) & ~3ull);
	if (desc_off > n || descsz > n - desc_off) {
		it->damaged = true;
		it->damaged_at = off;
		it->off = n;
		return false;
	}
	uint64_t next = desc_off + (((uint64_t)descsz + 3) & ~3ull);
	out->type = gm_rd32(d + off + 8);
	out->name = d + name_off;
	out->namesz = namesz;
	out->desc = d + desc_off;
	out->descsz = descsz;
	out->offset = off;
	it->off = next > n ? n : next; /* the last note's padding may be missing */
	return true;
}

bool gm_elfnote_owner(const struct gm_elfnote *n, const char *owner)
{
	size_t l = strlen(owner);
	if (n->namesz < l || n->namesz > ((l + 1 + 3) & ~(size_t)3) || memcmp(n->name, owner, l))
		return false;
	for (size_t i = l; i < n->namesz; i++) /* the NUL and NUL padding ("Go\0\0") */
		if (n->name[i])
			return false;
	return true;
}
