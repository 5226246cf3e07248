/* gm_gobin, part 1: the executable file. ELF64 parsed directly from a
 * read-only mmap (every offset bounds-checked), symbols, notes,
 * .go.buildinfo, and locating the pclntab and runtime.firstmoduledata. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gm_error.h"
#include "gm_gobin.h"
#include "gobin_internal.h"

/* ---------- ELF ---------- */

static bool file_range(const struct gm_gobin_priv *p, uint64_t off, uint64_t len)
{
	return off <= p->file_size && len <= p->file_size - off;
}

static const struct gm_gobin_sect *find_sect(const struct gm_gobin_priv *p, const char *name)
{
	for (size_t i = 0; i < p->nsects; i++)
		if (p->sects[i].name && strcmp(p->sects[i].name, name) == 0)
			return &p->sects[i];
	return NULL;
}

/* File bytes of a section (NULL for NOBITS or out of the file). */
static const uint8_t *sect_data(const struct gm_gobin_priv *p, const struct gm_gobin_sect *s)
{
	if (!s || s->type == SHT_NOBITS || !file_range(p, s->offset, s->size))
		return NULL;
	return p->file + s->offset;
}

static struct gm_error *parse_elf(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	Elf64_Ehdr eh;
	if (p->file_size < sizeof(eh) || memcmp(p->file, ELFMAG, SELFMAG) != 0)
		return gm_error_create(GM_ERR_FORMAT, "%s: not an ELF file", gb->path);
	memcpy(&eh, p->file, sizeof(eh));
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return gm_error_create(GM_ERR_UNSUPPORTED, "%s: not a 64-bit little-endian ELF",
				       gb->path);
	if (eh.e_machine != EM_X86_64)
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "%s: ELF machine %u is not x86-64 (only linux/amd64 is supported)",
				       gb->path, eh.e_machine);
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		return gm_error_create(GM_ERR_FORMAT, "%s: ELF type %u is not an executable",
				       gb->path, eh.e_type);
	gb->pie = eh.e_type == ET_DYN;
	gb->entry = eh.e_entry;

	/* Program headers: the PT_LOADs give the address -> file mapping. */
	if (eh.e_phnum && (eh.e_phentsize < sizeof(Elf64_Phdr) ||
			   !file_range(p, eh.e_phoff, (uint64_t)eh.e_phnum * eh.e_phentsize)))
		return gm_error_create(GM_ERR_FORMAT, "%s: program headers out of the file",
				       gb->path);
	p->segs = calloc(eh.e_phnum ? eh.e_phnum : 1, sizeof(*p->segs));
	if (!p->segs)
		return &gm_error_nomem;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, p->file + eh.e_phoff + (uint64_t)i * eh.e_phentsize, sizeof(ph));
		if (ph.p_type != PT_LOAD)
			continue;
		struct gm_gobin_seg *s = &p->segs[p->nsegs++];
		s->vaddr = ph.p_vaddr;
		s->memsz = ph.p_memsz;
		s->flags = ph.p_flags;
		s->offset = ph.p_offset;
		uint64_t fsz = ph.p_filesz < ph.p_memsz ? ph.p_filesz : ph.p_memsz;
		if (ph.p_offset > p->file_size)
			fsz = 0;
		else if (fsz > p->file_size - ph.p_offset)
			fsz = p->file_size - ph.p_offset; /* truncated file */
		s->filesz = fsz;
		s->ptr = p->file + (ph.p_offset <= p->file_size ? ph.p_offset : 0);
	}

	/* Section headers are optional (sstrip); a broken table is ignored. */
	uint64_t shnum = eh.e_shnum;
	uint32_t shstrndx = eh.e_shstrndx;
	if (eh.e_shoff && eh.e_shentsize >= sizeof(Elf64_Shdr) &&
	    file_range(p, eh.e_shoff, sizeof(Elf64_Shdr))) {
		Elf64_Shdr s0;
		memcpy(&s0, p->file + eh.e_shoff, sizeof(s0));
		if (shnum == 0)
			shnum = s0.sh_size;
		if (shstrndx == SHN_XINDEX)
			shstrndx = s0.sh_link;
	} else {
		shnum = 0;
	}
	if (shnum > 1000000 || !file_range(p, eh.e_shoff, shnum * eh.e_shentsize))
		shnum = 0;
	if (shnum) {
		p->sects = calloc(shnum, sizeof(*p->sects));
		if (!p->sects)
			return &gm_error_nomem;
		p->nsects = shnum;
		for (uint64_t i = 0; i < shnum; i++) {
			Elf64_Shdr sh;
			memcpy(&sh, p->file + eh.e_shoff + i * eh.e_shentsize, sizeof(sh));
			struct gm_gobin_sect *s = &p->sects[i];
			s->type = sh.sh_type;
			s->flags = sh.sh_flags;
			s->addr = sh.sh_addr;
			s->offset = sh.sh_offset;
			s->size = sh.sh_size;
			s->link = sh.sh_link;
			s->name = (const char *)(uintptr_t)sh.sh_name; /* resolved below */
		}
		const uint8_t *strs = NULL;
		uint64_t strsz = 0;
		if (shstrndx < shnum && p->sects[shstrndx].type == SHT_STRTAB &&
		    file_range(p, p->sects[shstrndx].offset, p->sects[shstrndx].size)) {
			strs = p->file + p->sects[shstrndx].offset;
			strsz = p->sects[shstrndx].size;
		}
		for (uint64_t i = 0; i < shnum; i++) {
			uint64_t off = (uint64_t)(uintptr_t)p->sects[i].name;
			p->sects[i].name = NULL;
			if (strs && off < strsz && memchr(strs + off, 0, strsz - off))
				p->sects[i].name = (const char *)strs + off;
		}
	}
	return NULL;
}

/* ---------- PIE: dynamic relocations (docs/pie.md) ---------- */

/* The R_X86_64_RELATIVE entries of DT_RELA (what the dynamic loader applies;
 * section headers are not needed). Other types (GLOB_DAT, JUMP_SLOT of cgo
 * binaries) name libc symbols gomortem never reads through the file. */
static struct gm_error *load_relocs(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	Elf64_Ehdr eh;
	memcpy(&eh, p->file, sizeof(eh));
	uint64_t rela = 0, relasz = 0, relaent = sizeof(Elf64_Rela);
	bool have_rela = false;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, p->file + eh.e_phoff + (uint64_t)i * eh.e_phentsize, sizeof(ph));
		if (ph.p_type != PT_DYNAMIC || !file_range(p, ph.p_offset, ph.p_filesz))
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
		if (ELF64_R_TYPE(gm_rd64(e + 8)) != R_X86_64_RELATIVE)
			continue;
		p->relocs[p->nrelocs++] = (struct gm_gobin_reloc){gm_rd64(e), gm_rd64(e + 16)};
	}
	return NULL;
}

/* Writes addend + bias at every relocated word of the file-backed segments
 * (copying a segment the first time one of its words is written). Segments
 * are already at their rebased addresses. */
static struct gm_error *apply_relocs(struct gm_gobin_priv *p, uint64_t bias)
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
	gm_gobin_priv_reset_caches(p);
	return apply_relocs(p, bias);
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

static struct gm_error *load_symtab(struct gm_gobin_priv *p, uint32_t type,
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
	const uint8_t *syms = sect_data(p, s);
	const uint8_t *strs = sect_data(p, str);
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

bool gm_gobin_section(const struct gm_gobin *gb, const char *name, uint64_t *addr, uint64_t *size)
{
	if (!gb || !gb->priv || !name)
		return false;
	const struct gm_gobin_sect *s = find_sect(gb->priv, name);
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
	out->data = sect_data(gb->priv, s);
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

/* ---------- notes ---------- */

static void hexify(const uint8_t *d, size_t n, char *out, size_t outsz)
{
	static const char hx[] = "0123456789abcdef";
	size_t j = 0;
	for (size_t i = 0; i < n && j + 2 < outsz; i++) {
		out[j++] = hx[d[i] >> 4];
		out[j++] = hx[d[i] & 15];
	}
	out[j] = 0;
}

/* Walks a note area; fills the GNU build-id and the Go build ID. */
static void parse_notes(struct gm_gobin *gb, const uint8_t *d, uint64_t size)
{
	uint64_t off = 0;
	for (int n = 0; n < 4096 && size - off >= 12; n++) {
		uint32_t namesz = gm_rd32(d + off), descsz = gm_rd32(d + off + 4);
		uint32_t type = gm_rd32(d + off + 8);
		uint64_t nameoff = off + 12;
		uint64_t descoff = nameoff + (((uint64_t)namesz + 3) & ~3ull);
		uint64_t next = descoff + (((uint64_t)descsz + 3) & ~3ull);
		if (descoff > size || next > size || descsz > size)
			return;
		const uint8_t *name = d + nameoff;
		const uint8_t *desc = d + descoff;
		if (namesz == 4 && memcmp(name, "GNU", 4) == 0 && type == NT_GNU_BUILD_ID &&
		    !gb->build_id[0])
			hexify(desc, descsz, gb->build_id, sizeof(gb->build_id));
		else if (namesz == 4 && memcmp(name, "Go\0\0", 4) == 0 && type == 4 &&
			 !gb->go_build_id[0]) {
			size_t l = descsz < sizeof(gb->go_build_id) - 1 ? descsz
									 : sizeof(gb->go_build_id) - 1;
			memcpy(gb->go_build_id, desc, l);
			gb->go_build_id[l] = 0;
			gb->go_build_id[strnlen(gb->go_build_id, l)] = 0;
		}
		off = next;
	}
}

static void find_notes(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	bool any = false;
	for (size_t i = 0; i < p->nsects; i++) {
		const struct gm_gobin_sect *s = &p->sects[i];
		const uint8_t *d;
		if (s->type == SHT_NOTE && (d = sect_data(p, s))) {
			parse_notes(gb, d, s->size);
			any = true;
		}
	}
	if (any)
		return;
	/* No section headers: PT_NOTE segments. */
	Elf64_Ehdr eh;
	memcpy(&eh, p->file, sizeof(eh));
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, p->file + eh.e_phoff + (uint64_t)i * eh.e_phentsize, sizeof(ph));
		if (ph.p_type == PT_NOTE && file_range(p, ph.p_offset, ph.p_filesz))
			parse_notes(gb, p->file + ph.p_offset, ph.p_filesz);
	}
}

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

static struct gm_error *find_buildinfo(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	const struct gm_gobin_sect *s = find_sect(p, ".go.buildinfo");
	const uint8_t *d = sect_data(p, s);
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

static struct gm_error *find_pclntab(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	struct gm_pcln *t = &p->pcln;
	/* PIE and other relro builds (≤1.25) name it .data.rel.ro.gopclntab. */
	const struct gm_gobin_sect *s = find_sect(p, ".gopclntab");
	if (!s)
		s = find_sect(p, ".data.rel.ro.gopclntab");
	/* Through the PT_LOADs when the section is loaded: a PIE's relocated
	 * copy (pcHeader.textStart is a relocated word up to 1.25). */
	const uint8_t *d = s && (s->flags & SHF_ALLOC) ? gm_gobin_vaddr_ptr(gb, s->addr, s->size)
						      : NULL;
	if (!d)
		d = sect_data(p, s);
	if (d) {
		t->base = d;
		t->size = s->size;
		t->addr = s->addr;
		return gm_pcln_parse(t);
	}
	uint64_t a, sz, ea;
	if (gm_gobin_sym(gb, "runtime.pcheader", &a, &sz) ||
	    gm_gobin_sym(gb, "runtime.pclntab", &a, &sz)) {
		size_t avail;
		d = vaddr_span(p, a, &avail);
		if (d && gm_pcln_plausible(d, avail)) {
			if (gm_gobin_sym(gb, "runtime.epclntab", &ea, NULL) && ea > a &&
			    ea - a <= avail)
				avail = ea - a;
			t->base = d;
			t->size = avail;
			t->addr = a;
			return gm_pcln_parse(t);
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
			if (!gm_pcln_plausible(c, sg->filesz - o))
				continue;
			t->base = c;
			t->size = sg->filesz - o;
			t->addr = sg->vaddr + o;
			struct gm_error *err = gm_pcln_parse(t);
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

static void find_moduledata(struct gm_gobin *gb)
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
		const struct gm_gobin_sect *s = find_sect(p, names[k]);
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

static void finish_pcln(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	struct gm_pcln *t = &p->pcln;
	uint64_t a;
	/* Without moduledata: pcHeader.textStart (0 in 1.26+), else .text. */
	if (!gb->moduledata_addr) {
		if (!t->text_start) {
			const struct gm_gobin_sect *s = find_sect(p, ".text");
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
}

/* ---------- open / destroy ---------- */

static struct gm_gobin *gobin_alloc(void)
{
	struct gm_gobin *gb = calloc(1, sizeof(*gb));
	if (!gb)
		return NULL;
	gb->priv = calloc(1, sizeof(*gb->priv));
	if (!gb->priv) {
		free(gb);
		return NULL;
	}
	return gb; /* calloc'ed caches are empty */
}

struct gm_error *gm_gobin_open(const char *path, struct gm_gobin **ret)
{
	struct gm_error *err = NULL;
	*ret = NULL;
	struct gm_gobin *gb = gobin_alloc();
	if (!gb)
		return &gm_error_nomem;
	struct gm_gobin_priv *p = gb->priv;
	gb->path = strdup(path);
	if (!gb->path) {
		gm_gobin_destroy(gb);
		return &gm_error_nomem;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = gm_error_os(errno, "opening %s", path);
		goto fail;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		err = gm_error_os(errno, "stat %s", path);
		close(fd);
		goto fail;
	}
	if (!S_ISREG(st.st_mode) || st.st_size == 0) {
		close(fd);
		err = gm_error_create(GM_ERR_FORMAT, "%s: not a regular non-empty file", path);
		goto fail;
	}
	void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	int merr = errno;
	close(fd);
	if (m == MAP_FAILED) {
		err = gm_error_os(merr, "mmap %s", path);
		goto fail;
	}
	p->mapped = true;
	p->map_size = (size_t)st.st_size;
	p->file = m;
	p->file_size = (size_t)st.st_size;
	gb->data = p->file;
	gb->size = p->file_size;

	if ((err = parse_elf(gb)))
		goto fail;
	/* PIE: relocated copies first, so every later read of a pointer word
	 * (moduledata, pcHeader.textStart) sees link-time values. */
	if (gb->pie && ((err = load_relocs(gb)) || (err = apply_relocs(p, 0))))
		goto fail;
	if ((err = load_symtab(p, SHT_SYMTAB, &p->symtab)) ||
	    (err = load_symtab(p, SHT_DYNSYM, &p->dynsym)))
		goto fail;
	gb->has_symtab = find_sect(p, ".symtab") != NULL;
	gb->has_dwarf = find_sect(p, ".debug_info") || find_sect(p, ".zdebug_info");
	find_notes(gb);
	if ((err = find_buildinfo(gb)))
		goto wrap;
	if (gb->go_major == 1 && gb->go_minor < 18 && gb->go_version[0]) {
		err = gm_error_create(GM_ERR_UNSUPPORTED,
				      "unsupported Go version %s (Go 1.19 and later are supported)",
				      gb->go_version);
		goto wrap;
	}
	if ((err = find_pclntab(gb)))
		goto wrap;
	find_moduledata(gb);
	finish_pcln(gb);
	*ret = gb;
	return NULL;
wrap:
	err = gm_error_wrap(err, "%s", path);
fail:
	gm_gobin_destroy(gb);
	return err;
}

struct gm_error *gm_gobin_from_pclntab(const struct gm_gobin_pcln_spec *spec,
				       struct gm_gobin **ret)
{
	*ret = NULL;
	if (!spec || !spec->pcln)
		return gm_error_create(GM_ERR_USAGE, "gm_gobin_from_pclntab: no pclntab");
	struct gm_gobin *gb = gobin_alloc();
	if (!gb)
		return &gm_error_nomem;
	struct gm_gobin_priv *p = gb->priv;
	gb->path = strdup("<pclntab>");
	p->segs = calloc(2, sizeof(*p->segs));
	if (!gb->path || !p->segs) {
		gm_gobin_destroy(gb);
		return &gm_error_nomem;
	}
	p->segs[0] = (struct gm_gobin_seg){.vaddr = spec->pcln_addr,
					   .filesz = spec->pcln_size,
					   .memsz = spec->pcln_size,
					   .ptr = spec->pcln,
					   .flags = PF_R};
	p->nsegs = 1;
	if (spec->gofunc_data && spec->gofunc_size)
		p->segs[p->nsegs++] = (struct gm_gobin_seg){.vaddr = spec->gofunc,
							    .filesz = spec->gofunc_size,
							    .memsz = spec->gofunc_size,
							    .ptr = spec->gofunc_data,
							    .flags = PF_R};
	struct gm_pcln *t = &p->pcln;
	t->base = spec->pcln;
	t->size = spec->pcln_size;
	t->addr = spec->pcln_addr;
	t->text_start = spec->text_start;
	struct gm_error *err = gm_pcln_parse(t);
	if (err) {
		gm_gobin_destroy(gb);
		return err;
	}
	t->gofunc = spec->gofunc;
	gb->go_major = 1;
	gb->go_minor = spec->go_minor ? spec->go_minor : (t->magic == 0xfffffff0u ? 19 : 21);
	gb->moduledata_addr = 0;
	finish_pcln(gb);
	*ret = gb;
	return NULL;
}

void gm_gobin_destroy(struct gm_gobin *gb)
{
	if (!gb)
		return;
	struct gm_gobin_priv *p = gb->priv;
	if (p) {
		if (p->mapped)
			munmap((void *)p->file, p->map_size);
		for (size_t i = 0; p->segs && i < p->nsegs; i++)
			free(p->segs[i].copy);
		free(p->segs);
		free(p->relocs);
		free(p->sects);
		free(p->symtab.hash);
		free(p->dynsym.hash);
		free(atomic_load_explicit(&p->name_index, memory_order_relaxed));
		free(p);
	}
	free((void *)gb->path);
	free(gb->mod_path);
	free(gb->modinfo);
	free(gb);
}
