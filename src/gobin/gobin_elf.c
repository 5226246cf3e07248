/* gm_gobin: the ELF file. ELF64 parsed directly from a read-only mmap
 * (every offset bounds-checked): sections, segments, notes (build IDs). */
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

/* ---------- ELF ---------- */

bool gobin_file_range(const struct gm_gobin_priv *p, uint64_t off, uint64_t len)
{
	return off <= p->file_size && len <= p->file_size - off;
}

const struct gm_gobin_sect *gobin_find_sect(const struct gm_gobin_priv *p, const char *name)
{
	for (size_t i = 0; i < p->nsects; i++)
		if (p->sects[i].name && strcmp(p->sects[i].name, name) == 0)
			return &p->sects[i];
	return NULL;
}

/* File bytes of a section (NULL for NOBITS or out of the file). */
const uint8_t *gobin_sect_data(const struct gm_gobin_priv *p, const struct gm_gobin_sect *s)
{
	if (!s || s->type == SHT_NOBITS || !gobin_file_range(p, s->offset, s->size))
		return NULL;
	return p->file + s->offset;
}

struct gm_error *gobin_parse_elf(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	Elf64_Ehdr eh;
	if (p->file_size < sizeof(eh) || memcmp(p->file, ELFMAG, SELFMAG) != 0) {
		/* a compressed executable (a core may be compressed, the
		 * executable is read as it is): say how to get the ELF file */
		static const struct {
			const char *magic, *what, *cmd;
			size_t n;
		} comp[] = {
			{"\x28\xb5\x2f\xfd", "zstd", "zstd -d", 4},
			{"\xfd\x37\x7a\x58\x5a\x00", "xz", "xz -d", 6},
			{"\x04\x22\x4d\x18", "lz4", "lz4 -d", 4},
			{"\x1f\x8b", "gzip", "gzip -d", 2},
		};
		for (size_t i = 0; i < sizeof(comp) / sizeof(comp[0]); i++)
			if (p->file_size >= comp[i].n && memcmp(p->file, comp[i].magic, comp[i].n) == 0)
				return gm_error_create(GM_ERR_FORMAT,
						       "%s: not an ELF file but %s-compressed (executables are read uncompressed: %s it first)",
						       gb->path, comp[i].what, comp[i].cmd);
		return gm_error_create(GM_ERR_FORMAT, "%s: not an ELF file", gb->path);
	}
	memcpy(&eh, p->file, sizeof(eh));
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return gm_error_create(GM_ERR_UNSUPPORTED, "%s: not a 64-bit little-endian ELF",
				       gb->path);
	gb->arch = gm_arch_from_machine(eh.e_machine);
	if (gb->arch == GM_ARCH_UNKNOWN)
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "%s: ELF machine %u is neither x86-64 nor AArch64 (only linux/amd64 and linux/arm64 are supported)",
				       gb->path, eh.e_machine);
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		return gm_error_create(GM_ERR_FORMAT, "%s: ELF type %u is not an executable",
				       gb->path, eh.e_type);
	gb->pie = eh.e_type == ET_DYN;
	gb->entry = eh.e_entry;

	/* Program headers: the PT_LOADs give the address -> file mapping. */
	if (eh.e_phnum && (eh.e_phentsize < sizeof(Elf64_Phdr) ||
			   !gobin_file_range(p, eh.e_phoff, (uint64_t)eh.e_phnum * eh.e_phentsize)))
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
	    gobin_file_range(p, eh.e_shoff, sizeof(Elf64_Shdr))) {
		Elf64_Shdr s0;
		memcpy(&s0, p->file + eh.e_shoff, sizeof(s0));
		if (shnum == 0)
			shnum = s0.sh_size;
		if (shstrndx == SHN_XINDEX)
			shstrndx = s0.sh_link;
	} else {
		shnum = 0;
	}
	if (shnum > 1000000 || !gobin_file_range(p, eh.e_shoff, shnum * eh.e_shentsize))
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
		    gobin_file_range(p, p->sects[shstrndx].offset, p->sects[shstrndx].size)) {
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
	struct gm_elfnote_iter it;
	struct gm_elfnote nt;
	gm_elfnote_begin(&it, d, size);
	while (gm_elfnote_next(&it, &nt)) {
		if (nt.type == NT_GNU_BUILD_ID && gm_elfnote_owner(&nt, "GNU") && !gb->build_id[0])
			hexify(nt.desc, nt.descsz, gb->build_id, sizeof(gb->build_id));
		else if (nt.type == 4 && gm_elfnote_owner(&nt, "Go") && !gb->go_build_id[0]) {
			size_t l = nt.descsz < sizeof(gb->go_build_id) - 1 ? nt.descsz
									   : sizeof(gb->go_build_id) - 1;
			memcpy(gb->go_build_id, nt.desc, l);
			gb->go_build_id[l] = 0;
			gb->go_build_id[strnlen(gb->go_build_id, l)] = 0;
		}
	}
}

void gobin_find_notes(struct gm_gobin *gb)
{
	struct gm_gobin_priv *p = gb->priv;
	bool any = false;
	for (size_t i = 0; i < p->nsects; i++) {
		const struct gm_gobin_sect *s = &p->sects[i];
		const uint8_t *d;
		if (s->type == SHT_NOTE && (d = gobin_sect_data(p, s))) {
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
		if (ph.p_type == PT_NOTE && gobin_file_range(p, ph.p_offset, ph.p_filesz))
			parse_notes(gb, p->file + ph.p_offset, ph.p_filesz);
	}
}
