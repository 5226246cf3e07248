/* Private parts of gm_gobin shared by its files: gobin.c (open), gobin_elf.c,
 * gobin_reloc.c, gobin_syms.c, gobin_buildinfo.c, gobin_moduledata.c and
 * gobin_pcln.c (pclntab decoding). Not for other layers; internal functions
 * are named gobin_*, the public API gm_gobin_*. */
#ifndef GM_GOBIN_INTERNAL_H
#define GM_GOBIN_INTERNAL_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gm_bytes.h"
#include "gm_gobin.h"

/* A file-backed address range (an ELF PT_LOAD, or a test buffer). */
struct gm_gobin_seg {
	uint64_t vaddr;
	uint64_t filesz; /* bytes available at ptr */
	uint64_t memsz;
	const uint8_t *ptr;
	uint32_t flags; /* PF_R / PF_W / PF_X */
	uint64_t offset; /* p_offset */
	uint8_t *copy;   /* PIE: owned copy of the file bytes with the
			  * R_X86_64_RELATIVE relocations applied (ptr == copy) */
};

/* One R_X86_64_RELATIVE relocation: *(u64 *)(off + bias) = addend + bias. */
struct gm_gobin_reloc {
	uint64_t off, addend;
};

struct gm_gobin_sect {
	const char *name;
	uint32_t type;
	uint64_t flags;
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
	uint32_t link;
};

/* One symbol table (.symtab or .dynsym) with an open-addressing name hash. */
struct gm_gobin_symtab {
	const uint8_t *syms; /* Elf64_Sym array inside the file */
	size_t nsyms;
	const char *strtab;
	size_t strsz;
	uint32_t *hash; /* symbol index + 1, 0 = empty */
	size_t hashmask;
};

/* Decoded pcHeader and its sub-tables, all bounds known. */
struct gm_pcln {
	const uint8_t *base; /* the pcHeader */
	size_t size;         /* bytes readable from base */
	uint64_t addr;
	uint32_t magic;
	uint32_t func_size; /* sizeof(_func): 40 (1.18/1.19), 44 (1.20+) */
	uint32_t inl_size;  /* sizeof(inlinedCall): 20 (1.19), 16 (1.20+) */
	uint32_t quantum;   /* minLC */
	uint32_t nfunc;
	uint64_t nfiles;
	uint64_t text_start;
	uint64_t gofunc;
	const uint8_t *funcnametab;
	size_t funcnametab_len;
	const uint8_t *cutab;
	size_t cutab_len; /* in uint32 entries */
	const uint8_t *filetab;
	size_t filetab_len;
	const uint8_t *pctab;
	size_t pctab_len;
	const uint8_t *pclntable; /* ftab then _func records */
	size_t pclntable_len;
	/* findfunctab from moduledata (NULL if unknown). */
	const uint8_t *findfunctab;
	size_t findfunctab_len;
	uint64_t minpc;
};

#define GM_FUNC_CACHE_SIZE 4096u   /* power of two; entries ~(pcoff<<32 | idx), 0 empty */
#define GM_PCV_CACHE_SIZE 16384u   /* power of two */

struct gm_pcv_cache_ent {
	/* a = key ^ val32, b = val32 | 1<<32: a torn entry fails the check. */
	_Atomic uint64_t a, b;
};

struct gm_gobin_priv {
	bool mapped;
	size_t map_size;
	const uint8_t *file;
	size_t file_size;
	struct gm_gobin_seg *segs;
	size_t nsegs;
	struct gm_gobin_sect *sects;
	size_t nsects;
	struct gm_gobin_symtab symtab, dynsym;
	struct gm_gobin_reloc *relocs; /* PIE only */
	size_t nrelocs;
	struct gm_pcln pcln;
	/* Caches (relaxed atomics: lookups stay safe from several threads). */
	_Atomic uint64_t func_cache[GM_FUNC_CACHE_SIZE]; /* ~(pcoff<<32 | idx), 0 empty */
	struct gm_pcv_cache_ent pcv_cache[GM_PCV_CACHE_SIZE];
	/* Function-name index for gm_gobin_func_by_name, built on its second
	 * call (a single lookup scans): open addressing, ftab index + 1 per
	 * slot, 0 empty; name_index_mask + 1 slots. Published with a
	 * compare-and-swap so concurrent lookups stay safe. */
	_Atomic(uint32_t *) name_index;
	size_t name_index_mask;
	_Atomic uint32_t name_lookups;
};


/* gobin_pcln.c: decode the pcHeader at pcln->base (base/size/addr set),
 * fill the table pointers; text_start/gofunc are set later by the caller. */
struct gm_error *gobin_pcln_parse(struct gm_pcln *pcln);
/* Check a pcHeader candidate cheaply (magic, pads, sizes, offsets). */
bool gobin_pcln_plausible(const uint8_t *p, size_t avail);
void gobin_reset_caches(struct gm_gobin_priv *priv);

/* gobin_elf.c */
bool gobin_file_range(const struct gm_gobin_priv *p, uint64_t off, uint64_t len);
const struct gm_gobin_sect *gobin_find_sect(const struct gm_gobin_priv *p, const char *name);
const uint8_t *gobin_sect_data(const struct gm_gobin_priv *p, const struct gm_gobin_sect *s);
struct gm_error *gobin_parse_elf(struct gm_gobin *gb);
void gobin_find_notes(struct gm_gobin *gb);
/* gobin_reloc.c */
struct gm_error *gobin_load_relocs(struct gm_gobin *gb);
struct gm_error *gobin_apply_relocs(struct gm_gobin_priv *p, uint64_t bias);
/* gobin_syms.c */
struct gm_error *gobin_load_symtab(struct gm_gobin_priv *p, uint32_t type,
				    struct gm_gobin_symtab *t);
/* gobin_buildinfo.c */
struct gm_error *gobin_find_buildinfo(struct gm_gobin *gb);
/* gobin_moduledata.c */
struct gm_error *gobin_find_pclntab(struct gm_gobin *gb);
void gobin_find_moduledata(struct gm_gobin *gb);
void gobin_finish_pcln(struct gm_gobin *gb);

#endif
