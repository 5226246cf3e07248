/* gm_gobin: the symbol tables (.symtab, .dynsym) with a name hash. */
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

/* ---------- symbols ---------- */

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static const char *sym_name(const struct gm_gobin_symtab *t, size_t i, Elf64_Sym *sym)
{
	memcpy(sym, t->syms + i * sizeof(Elf64_Sym), sizeof(*sym));
	if (sym->st_name == 0 || sym->st_name >= t->strsz ||
	    !memchr(t->strtab + sym->st_name, 0, t->strsz - sym->st_name))
		return NULL;
	return t->strtab + sym->st_name;
}

struct gm_error *gobin_load_symtab(struct gm_gobin_priv *p, uint32_t type,
				    struct gm_gobin_symtab *t)
{
	const struct gm_gobin_sect *s = NULL;
	for (size_t i = 0; i < p->nsects; i++)
		if (p->sects[i].type == type) {
			s = &p->sects[i];
			break;
		}
	if (!s || s->link >= p->nsects)
		return NULL;
	const struct gm_gobin_sect *str = &p->sects[s->link];
	const uint8_t *syms = gobin_sect_data(p, s);
	const uint8_t *strs = gobin_sect_data(p, str);
	if (!syms || !strs || s->size < sizeof(Elf64_Sym))
		return NULL;
	t->syms = syms;
	t->nsyms = s->size / sizeof(Elf64_Sym);
	if (t->nsyms > (1u << 24))
		t->nsyms = 1u << 24;
	t->strtab = (const char *)strs;
	t->strsz = str->size;
	size_t cap = 16;
	while (cap < t->nsyms * 2)
		cap <<= 1;
	t->hash = calloc(cap, sizeof(uint32_t));
	if (!t->hash)
		return &gm_error_nomem;
	t->hashmask = cap - 1;
	for (size_t i = 1; i < t->nsyms; i++) {
		Elf64_Sym sym;
		const char *name = sym_name(t, i, &sym);
		if (!name || sym.st_shndx == SHN_UNDEF)
			continue;
		size_t h = name_hash(name) & t->hashmask;
		for (;;) {
			uint32_t e = t->hash[h];
			if (!e) {
				t->hash[h] = (uint32_t)i + 1;
				break;
			}
			Elf64_Sym other;
			if (strcmp(sym_name(t, e - 1, &other), name) == 0)
				break; /* keep the first definition */
			h = (h + 1) & t->hashmask;
		}
	}
	return NULL;
}

static bool symtab_lookup(const struct gm_gobin_symtab *t, const char *name, uint64_t bias,
			  uint64_t *addr, uint64_t *size)
{
	if (!t->hash)
		return false;
	size_t h = name_hash(name) & t->hashmask;
	for (size_t n = 0; n <= t->hashmask; n++) {
		uint32_t e = t->hash[h];
		if (!e)
			return false;
		Elf64_Sym sym;
		const char *sn = sym_name(t, e - 1, &sym);
		if (sn && strcmp(sn, name) == 0) {
			if (addr)
				*addr = sym.st_value + (sym.st_shndx == SHN_ABS ||
							ELF64_ST_TYPE(sym.st_info) == STT_TLS
							? 0 : bias);
			if (size)
				*size = sym.st_size;
			return true;
		}
		h = (h + 1) & t->hashmask;
	}
	return false;
}

bool gm_gobin_sym(const struct gm_gobin *gb, const char *name, uint64_t *addr, uint64_t *size)
{
	if (!gb || !gb->priv || !name)
		return false;
	return symtab_lookup(&gb->priv->symtab, name, gb->bias, addr, size) ||
	       symtab_lookup(&gb->priv->dynsym, name, gb->bias, addr, size);
}

bool gm_gobin_symtab_at(const struct gm_gobin *gb, size_t i, struct gm_gobin_symview *out)
{
	if (!gb || !gb->priv || i >= gb->priv->symtab.nsyms)
		return false;
	Elf64_Sym sym;
	out->name = sym_name(&gb->priv->symtab, i, &sym);
	out->type = ELF64_ST_TYPE(sym.st_info);
	out->addr = sym.st_value + (sym.st_shndx == SHN_ABS || out->type == STT_TLS ? 0 : gb->bias);
	out->size = sym.st_size;
	return true;
}

bool gm_gobin_section(const struct gm_gobin *gb, const char *name, uint64_t *addr, uint64_t *size)
{
	if (!gb || !gb->priv || !name)
		return false;
	const struct gm_gobin_sect *s = gobin_find_sect(gb->priv, name);
	if (!s)
		return false;
	if (addr)
		*addr = s->addr;
	if (size)
		*size = s->size;
	return true;
}

bool gm_gobin_section_at(const struct gm_gobin *gb, size_t i, struct gm_gobin_section_view *out)
{
	if (!gb || !gb->priv || i >= gb->priv->nsects)
		return false;
	const struct gm_gobin_sect *s = &gb->priv->sects[i];
	out->name = s->name;
	out->type = s->type;
	out->flags = s->flags;
	out->data = gobin_sect_data(gb->priv, s);
	out->size = s->size;
	return true;
}

const uint8_t *gm_gobin_vaddr_ptr(const struct gm_gobin *gb, uint64_t vaddr, size_t len)
{
	if (!gb || !gb->priv)
		return NULL;
	const struct gm_gobin_priv *p = gb->priv;
	for (size_t i = 0; i < p->nsegs; i++) {
		const struct gm_gobin_seg *s = &p->segs[i];
		if (vaddr >= s->vaddr && vaddr - s->vaddr <= s->filesz &&
		    len <= s->filesz - (vaddr - s->vaddr))
			return s->ptr + (vaddr - s->vaddr);
	}
	return NULL;
}
