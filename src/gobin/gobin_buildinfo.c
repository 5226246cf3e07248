/* gm_gobin: .go.buildinfo (debug/buildinfo, cmd/link buildinfo()): the Go
 * version and the module information. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gm_elfnote.h"
#include "gm_error.h"
#include "gm_gobin.h"
#include "gobin_internal.h"

/* ---------- .go.buildinfo (debug/buildinfo, cmd/link buildinfo()) ---------- */

static const uint8_t buildinfo_magic[14] = "\xff Go buildinf:";

static bool uvarint(const uint8_t **pp, const uint8_t *end, uint64_t *v)
{
	uint64_t x = 0;
	unsigned shift = 0;
	for (const uint8_t *p = *pp; p < end && shift < 64; p++, shift += 7) {
		x |= (uint64_t)(*p & 0x7f) << shift;
		if (!(*p & 0x80)) {
			*pp = p + 1;
			*v = x;
			return true;
		}
	}
	return false;
}

static void parse_go_version(struct gm_gobin *gb)
{
	const char *v = gb->go_version;
	int nums[3] = {0, 0, 0};
	if (strncmp(v, "go", 2) != 0)
		return;
	v += 2;
	for (int i = 0; i < 3; i++) {
		if (*v < '0' || *v > '9')
			break;
		int x = 0;
		while (*v >= '0' && *v <= '9' && x < 100000)
			x = x * 10 + (*v++ - '0');
		nums[i] = x;
		if (*v != '.')
			break;
		v++;
	}
	gb->go_major = nums[0];
	gb->go_minor = nums[1];
	gb->go_patch = nums[2];
}

static struct gm_error *parse_modinfo(struct gm_gobin *gb, const uint8_t *m, uint64_t len)
{
	/* debug/buildinfo: strip the 16-byte sentinels when the text ends in '\n'. */
	if (len < 33 || m[len - 17] != '\n')
		return NULL;
	m += 16;
	len -= 32;
	gb->modinfo = strndup((const char *)m, len);
	if (!gb->modinfo)
		return &gm_error_nomem;
	const char *path = NULL, *mod = NULL;
	size_t pathlen = 0, modlen = 0;
	for (const char *l = gb->modinfo; *l;) {
		const char *nl = strchr(l, '\n');
		size_t ll = nl ? (size_t)(nl - l) : strlen(l);
		const char **dst = NULL;
		size_t *dlen = NULL;
		size_t skip = 0;
		if (ll > 4 && strncmp(l, "mod\t", 4) == 0 && !mod) {
			dst = &mod, dlen = &modlen, skip = 4;
		} else if (ll > 5 && strncmp(l, "path\t", 5) == 0 && !path) {
			dst = &path, dlen = &pathlen, skip = 5;
		}
		if (dst) {
			const char *s = l + skip;
			const char *tab = memchr(s, '\t', ll - skip);
			*dst = s;
			*dlen = tab ? (size_t)(tab - s) : ll - skip;
		}
		if (!nl)
			break;
		l = nl + 1;
	}
	if (mod || path) {
		gb->mod_path = mod ? strndup(mod, modlen) : strndup(path, pathlen);
		if (!gb->mod_path)
			return &gm_error_nomem;
	}
	return NULL;
}

static struct gm_error *parse_buildinfo_at(struct gm_gobin *gb, const uint8_t *d, uint64_t size)
{
	if (size < 32 || memcmp(d, buildinfo_magic, 14) != 0)
		return gm_error_create(GM_ERR_FORMAT, "bad .go.buildinfo header");
	uint8_t ptrsize = d[14], flags = d[15];
	if (flags & 1)
		return gm_error_create(GM_ERR_UNSUPPORTED, "big-endian Go binary");
	if (!(flags & 2))
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "unsupported Go version: pre-1.18 buildinfo (pointer format, "
				       "ptrsize %u); Go 1.19 and later are supported",
				       ptrsize);
	const uint8_t *p = d + 32, *end = d + size;
	uint64_t vlen, mlen;
	if (!uvarint(&p, end, &vlen) || vlen > (uint64_t)(end - p))
		return gm_error_create(GM_ERR_FORMAT, ".go.buildinfo: bad version string");
	size_t l = vlen < sizeof(gb->go_version) - 1 ? vlen : sizeof(gb->go_version) - 1;
	memcpy(gb->go_version, p, l);
	gb->go_version[l] = 0;
	gb->go_version[strnlen(gb->go_version, l)] = 0;
	/* "go1.21.13 X:nocoverageredesign": keep the version word only. */
	char *sp = strchr(gb->go_version, ' ');
	if (sp)
		*sp = 0;
	parse_go_version(gb);
	p += vlen;
	if (!uvarint(&p, end, &mlen) || mlen > (uint64_t)(end - p))
		return NULL; /* version alone is still useful */
	return parse_modinfo(gb, p, mlen);
}

struct gm_error *gobin_find_buildinfo(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	const struct gm_gobin_sect *s = gobin_find_sect(p, ".go.buildinfo");
	const uint8_t *d = gobin_sect_data(p, s);
	if (d)
		return parse_buildinfo_at(gb, d, s->size);
	/* No section header: search writable PT_LOADs at 16-byte alignment
	 * (debug/buildinfo up to 1.26 tried only the first one, which misses
	 * PIE binaries whose first writable segment is the relro one). */
	for (size_t i = 0; i < p->nsegs; i++) {
		const struct gm_gobin_seg *sg = &p->segs[i];
		if (!(sg->flags & PF_W))
			continue;
		uint64_t start = (16 - (sg->vaddr & 15)) & 15;
		for (uint64_t o = start; o + 32 <= sg->filesz; o += 16)
			if (memcmp(sg->ptr + o, buildinfo_magic, 14) == 0)
				return parse_buildinfo_at(gb, sg->ptr + o, sg->filesz - o);
	}
	return NULL; /* absent: the version stays "" */
}
