/* gm_gobin: PIE executables: the load bias and the dynamic relocations
 * (docs/pie.md). */
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

/* ---------- PIE: dynamic relocations (docs/pie.md) ---------- */

/* The R_X86_64_RELATIVE entries of DT_RELA (what the dynamic loader applies;
 * section headers are not needed). Other types (GLOB_DAT, JUMP_SLOT of cgo
 * binaries) name libc symbols gomortem never reads through the file. */
struct gm_error *gobin_load_relocs(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	Elf64_Ehdr eh;
	memcpy(&eh, p->file, sizeof(eh));
	uint64_t rela = 0, relasz = 0, relaent = sizeof(Elf64_Rela);
	bool have_rela = false;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, p->file + eh.e_phoff + (uint64_t)i * eh.e_phentsize, sizeof(ph));
		if (ph.p_type != PT_DYNAMIC || !gobin_file_range(p, ph.p_offset, ph.p_filesz))
			continue;
		for (uint64_t o = 0; o + 16 <= ph.p_filesz && o < (1u << 20); o += 16) {
			uint64_t tag = gm_rd64(p->file + ph.p_offset + o);
			uint64_t val = gm_rd64(p->file + ph.p_offset + o + 8);
			if (tag == DT_NULL)
				break;
			if (tag == DT_RELA)
				rela = val, have_rela = true;
			else if (tag == DT_RELASZ)
				relasz = val;
			else if (tag == DT_RELAENT)
				relaent = val;
		}
		break;
	}
	if (!have_rela || relasz == 0)
		return NULL;
	if (relaent < sizeof(Elf64_Rela) || relaent > 256)
		return gm_error_create(GM_ERR_FORMAT, "%s: DT_RELAENT %llu is invalid", gb->path,
				       (unsigned long long)relaent);
	const uint8_t *d = gm_gobin_vaddr_ptr(gb, rela, relasz);
	if (!d)
		return gm_error_create(GM_ERR_FORMAT,
				       "%s: dynamic relocations at 0x%llx (%llu bytes) are not in the file",
				       gb->path, (unsigned long long)rela, (unsigned long long)relasz);
	uint64_t n = relasz / relaent;
	if (n > (1u << 26))
		return gm_error_create(GM_ERR_FORMAT, "%s: %llu dynamic relocations", gb->path,
				       (unsigned long long)n);
	p->relocs = malloc((n ? n : 1) * sizeof(*p->relocs));
	if (!p->relocs)
		return &gm_error_nomem;
	for (uint64_t i = 0; i < n; i++) {
		const uint8_t *e = d + i * relaent;
		if (ELF64_R_TYPE(gm_rd64(e + 8)) != (gb->arch == GM_ARCH_ARM64 ? R_AARCH64_RELATIVE : R_X86_64_RELATIVE))
			continue;
		p->relocs[p->nrelocs++] = (struct gm_gobin_reloc){gm_rd64(e), gm_rd64(e + 16)};
	}
	return NULL;
}

/* Writes addend + bias at every relocated word of the file-backed segments
 * (copying a segment the first time one of its words is written). Segments
 * are already at their rebased addresses. */
struct gm_error *gobin_apply_relocs(struct gm_gobin_priv *p, uint64_t bias)
{
	size_t last = 0;
	for (size_t i = 0; i < p->nrelocs; i++) {
		uint64_t va = p->relocs[i].off + bias;
		struct gm_gobin_seg *s = last < p->nsegs ? &p->segs[last] : NULL;
		if (!s || va < s->vaddr || va - s->vaddr >= s->filesz || s->filesz - (va - s->vaddr) < 8) {
			s = NULL;
			for (size_t k = 0; k < p->nsegs; k++) {
				struct gm_gobin_seg *c = &p->segs[k];
				if (va >= c->vaddr && va - c->vaddr < c->filesz &&
				    c->filesz - (va - c->vaddr) >= 8) {
					s = c;
					last = k;
					break;
				}
			}
		}
		if (!s)
			continue; /* in .bss or out of the file: the loader's business */
		if (!s->copy) {
			s->copy = malloc(s->filesz ? s->filesz : 1);
			if (!s->copy)
				return &gm_error_nomem;
			memcpy(s->copy, s->ptr, s->filesz);
			s->ptr = s->copy;
		}
		uint64_t v = p->relocs[i].addend + bias;
		memcpy(s->copy + (va - s->vaddr), &v, 8);
	}
	return NULL;
}

struct gm_error *gm_gobin_rebase(struct gm_gobin *gb, uint64_t bias)
{
	if (!gb || !gb->priv)
		return gm_error_create(GM_ERR_USAGE, "gm_gobin_rebase: no executable");
	struct gm_gobin_priv *p = gb->priv;
	if (bias && !gb->pie)
		return gm_error_create(GM_ERR_MISMATCH,
				       "%s is not position-independent but the process loaded it 0x%llx bytes away from its link address",
				       gb->path, (unsigned long long)bias);
	if (bias & 4095)
		return gm_error_create(GM_ERR_MISMATCH, "load bias 0x%llx of %s is not page-aligned",
				       (unsigned long long)bias, gb->path);
	uint64_t delta = bias - gb->bias;
	for (size_t i = 0; i < p->nsegs; i++) {
		if (p->segs[i].vaddr + delta < delta && bias > gb->bias)
			return gm_error_create(GM_ERR_MISMATCH,
					       "load bias 0x%llx of %s puts a segment past the end of the address space",
					       (unsigned long long)bias, gb->path);
	}
	for (size_t i = 0; i < p->nsegs; i++)
		p->segs[i].vaddr += delta;
	for (size_t i = 0; i < p->nsects; i++)
		if ((p->sects[i].flags & SHF_ALLOC) && p->sects[i].addr)
			p->sects[i].addr += delta;
	struct gm_pcln *t = &p->pcln;
	t->addr += delta;
	if (t->text_start)
		t->text_start += delta;
	if (t->gofunc)
		t->gofunc += delta;
	if (t->minpc)
		t->minpc += delta;
	if (gb->moduledata_addr)
		gb->moduledata_addr += delta;
	if (gb->pclntab_addr)
		gb->pclntab_addr += delta;
	if (gb->text_start)
		gb->text_start += delta;
	if (gb->gofunc)
		gb->gofunc += delta;
	gb->entry += delta;
	gb->bias = bias;
	gobin_reset_caches(p);
	return gobin_apply_relocs(p, bias);
}

bool gm_gobin_load_segment(const struct gm_gobin *gb, size_t i, uint64_t *vaddr,
			   const uint8_t **data, uint64_t *filesz, bool *relocated)
{
	if (!gb || !gb->priv || i >= gb->priv->nsegs)
		return false;
	const struct gm_gobin_seg *s = &gb->priv->segs[i];
	*vaddr = s->vaddr;
	*data = s->ptr;
	*filesz = s->filesz;
	*relocated = s->copy != NULL;
	return true;
}

bool gm_gobin_first_load(const struct gm_gobin *gb, uint64_t *vaddr, uint64_t *offset)
{
	if (!gb || !gb->priv || !gb->priv->nsegs)
		return false;
	*vaddr = gb->priv->segs[0].vaddr - gb->bias;
	*offset = gb->priv->segs[0].offset;
	return true;
}
