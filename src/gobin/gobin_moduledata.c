/* gm_gobin: locating the pclntab and runtime.firstmoduledata (by symbol,
 * section, or search of the read-only data when stripped). */
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

/* ---------- pclntab and moduledata ---------- */

/* Bytes readable from vaddr to the end of its segment's file-backed part. */
static const uint8_t *vaddr_span(const struct gm_gobin_priv *p, uint64_t vaddr, size_t *avail)
{
	for (size_t i = 0; i < p->nsegs; i++) {
		const struct gm_gobin_seg *s = &p->segs[i];
		if (vaddr >= s->vaddr && vaddr - s->vaddr < s->filesz) {
			*avail = s->filesz - (vaddr - s->vaddr);
			return s->ptr + (vaddr - s->vaddr);
		}
	}
	return NULL;
}

struct gm_error *gobin_find_pclntab(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	struct gm_pcln *t = &p->pcln;
	/* PIE and other relro builds (≤1.25) name it .data.rel.ro.gopclntab. */
	const struct gm_gobin_sect *s = gobin_find_sect(p, ".gopclntab");
	if (!s)
		s = gobin_find_sect(p, ".data.rel.ro.gopclntab");
	/* Through the PT_LOADs when the section is loaded: a PIE's relocated
	 * copy (pcHeader.textStart is a relocated word up to 1.25). */
	const uint8_t *d = s && (s->flags & SHF_ALLOC) ? gm_gobin_vaddr_ptr(gb, s->addr, s->size)
						      : NULL;
	if (!d)
		d = gobin_sect_data(p, s);
	if (d) {
		t->base = d;
		t->size = s->size;
		t->addr = s->addr;
		return gobin_pcln_parse(t);
	}
	uint64_t a, sz, ea;
	if (gm_gobin_sym(gb, "runtime.pcheader", &a, &sz) ||
	    gm_gobin_sym(gb, "runtime.pclntab", &a, &sz)) {
		size_t avail;
		d = vaddr_span(p, a, &avail);
		if (d && gobin_pcln_plausible(d, avail)) {
			if (gm_gobin_sym(gb, "runtime.epclntab", &ea, NULL) && ea > a &&
			    ea - a <= avail)
				avail = ea - a;
			t->base = d;
			t->size = avail;
			t->addr = a;
			return gobin_pcln_parse(t);
		}
	}
	/* Scan read-only segments for the magic + "00 00 01 08", then the
	 * writable ones (relro: PIE puts the pclntab in .data.rel.ro). */
	for (size_t k = 0; k < 2 * p->nsegs; k++) {
		const struct gm_gobin_seg *sg = &p->segs[k % p->nsegs];
		if (!(sg->flags & PF_W) != (k < p->nsegs))
			continue;
		for (uint64_t o = (8 - (sg->vaddr & 7)) & 7; o + 72 <= sg->filesz; o += 8) {
			const uint8_t *c = sg->ptr + o;
			if (c[0] != 0xf0 && c[0] != 0xf1)
				continue;
			if (!gobin_pcln_plausible(c, sg->filesz - o))
				continue;
			t->base = c;
			t->size = sg->filesz - o;
			t->addr = sg->vaddr + o;
			struct gm_error *err = gobin_pcln_parse(t);
			if (!err)
				return NULL;
			gm_error_destroy(err);
			memset(t, 0, sizeof(*t));
		}
	}
	return gm_error_create(GM_ERR_FORMAT, "%s: no Go pclntab found (not a Go executable?)",
			       gb->path);
}

/* moduledata.gofunc offset (runtime/symtab.go `type moduledata`):
 * 1.18/1.19 304; 1.20 added covctrs/ecovctrs -> 320 (to 1.26); 1.27 added
 * typedesclen, itaboffset, itabsize -> 344. */
static uint64_t gofunc_offset(const struct gm_gobin *gb)
{
	if (gb->go_major == 1 && gb->go_minor >= 27)
		return 344;
	if (gb->go_major == 1 && gb->go_minor >= 20)
		return 320;
	if (gb->go_major == 1 && gb->go_minor >= 18)
		return 304;
	return gb->priv->pcln.magic == 0xfffffff0u ? 304 : 320;
}

#define MD_MIN_SIZE 368 /* covers gofunc in every version */

/* Does md (with avail bytes) look like the moduledata of our pclntab? */
static bool md_valid(const struct gm_pcln *t, const uint8_t *md, size_t avail)
{
	if (avail < MD_MIN_SIZE || gm_rd64(md) != t->addr)
		return false;
	uint64_t fnt = gm_rd64(md + 8);
	if (fnt != t->addr + (uint64_t)(t->funcnametab - t->base))
		return false;
	uint64_t ftab = gm_rd64(md + 128), ftablen = gm_rd64(md + 136);
	return ftab == t->addr + (uint64_t)(t->pclntable - t->base) && ftablen == t->nfunc + 1ull;
}

static void use_moduledata(struct gm_gobin *gb, uint64_t addr, const uint8_t *md)
{
	struct gm_pcln *t = &gb->priv->pcln;
	gb->moduledata_addr = addr;
	t->text_start = gm_rd64(md + 176);
	t->gofunc = gm_rd64(md + gofunc_offset(gb));
	t->minpc = gm_rd64(md + 160);
	uint64_t ff = gm_rd64(md + 152);
	size_t avail;
	const uint8_t *fp = ff ? vaddr_span(gb->priv, ff, &avail) : NULL;
	uint64_t maxpc = gm_rd64(md + 168);
	if (fp && maxpc > t->minpc) {
		uint64_t need = ((maxpc - t->minpc) / 4096 + 1) * 20;
		if (need <= avail) {
			t->findfunctab = fp;
			t->findfunctab_len = need;
		}
	}
}

void gobin_find_moduledata(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	struct gm_pcln *t = &p->pcln;
	uint64_t a;
	size_t avail;
	const uint8_t *md;
	if (gm_gobin_sym(gb, "runtime.firstmoduledata", &a, NULL) &&
	    (md = vaddr_span(p, a, &avail)) && md_valid(t, md, avail)) {
		use_moduledata(gb, a, md);
		return;
	}
	/* ≤1.25: .noptrdata; 1.26+: alone in .go.module. */
	static const char *const names[] = {".go.module", ".noptrdata", ".data"};
	for (size_t k = 0; k < 3; k++) {
		const struct gm_gobin_sect *s = gobin_find_sect(p, names[k]);
		if (!s || s->type == SHT_NOBITS)
			continue;
		for (uint64_t o = (8 - (s->addr & 7)) & 7; o + 8 <= s->size; o += 8) {
			const uint8_t *w = gm_gobin_vaddr_ptr(gb, s->addr + o, 8);
			if (!w)
				break;
			if (gm_rd64(w) == t->addr && (md = vaddr_span(p, s->addr + o, &avail)) &&
			    md_valid(t, md, avail)) {
				use_moduledata(gb, s->addr + o, md);
				return;
			}
		}
	}
	if (p->nsects)
		return;
	/* No section headers: writable segments. */
	for (size_t i = 0; i < p->nsegs; i++) {
		const struct gm_gobin_seg *sg = &p->segs[i];
		if (!(sg->flags & PF_W))
			continue;
		for (uint64_t o = (8 - (sg->vaddr & 7)) & 7; o + 8 <= sg->filesz; o += 8)
			if (gm_rd64(sg->ptr + o) == t->addr &&
			    md_valid(t, sg->ptr + o, sg->filesz - o)) {
				use_moduledata(gb, sg->vaddr + o, sg->ptr + o);
				return;
			}
	}
}

void gobin_finish_pcln(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	struct gm_pcln *t = &p->pcln;
	uint64_t a;
	/* Without moduledata: pcHeader.textStart (0 in 1.26+), else .text. */
	if (!gb->moduledata_addr) {
		if (!t->text_start) {
			const struct gm_gobin_sect *s = gobin_find_sect(p, ".text");
			if (gm_gobin_sym(gb, "runtime.text", &a, NULL))
				t->text_start = a;
			else if (s)
				t->text_start = s->addr;
		}
		if (gm_gobin_sym(gb, "go:func.*", &a, NULL) ||
		    gm_gobin_sym(gb, "go.func.*", &a, NULL))
			t->gofunc = a;
	}
	gb->pcln_magic = t->magic;
	gb->pclntab_addr = t->addr;
	gb->text_start = t->text_start;
	gb->gofunc = t->gofunc;
	gb->nfunc = t->nfunc;
	gb->pc_quantum = t->quantum;
}
