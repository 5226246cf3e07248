/* gm_gobin: the Go executable's own tables, read from the file on disk
 * (never from target memory): ELF sections and symbols, .go.buildinfo
 * (Go version, module path), the pclntab (functions, files, lines, SP deltas,
 * pcdata, funcdata, inline trees) and moduledata. */
#ifndef GM_GOBIN_H
#define GM_GOBIN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_arch.h"
#include "gm_error.h"

struct gm_gobin_priv;

struct gm_gobin {
	const char *path;          /* owned */
	const uint8_t *data;       /* the mmapped file */
	size_t size;
	char go_version[32];       /* "go1.21.13" from .go.buildinfo ("" if absent) */
	int go_major, go_minor, go_patch; /* 1, 21, 13 */
	char *mod_path;            /* main module path from modinfo, may be NULL */
	char *modinfo;             /* whole modinfo text (between sentinels), may be NULL */
	char build_id[96];         /* GNU build-id as hex, "" if none */
	char go_build_id[128];     /* Go build ID note (.note.go.buildid), "" if none */
	bool has_dwarf;            /* .debug_info (or .zdebug_info) present */
	bool has_symtab;           /* .symtab present */
	bool pie;                  /* ET_DYN */
	enum gm_arch arch;         /* e_machine: GM_ARCH_AMD64 or GM_ARCH_ARM64 */
	uint32_t pc_quantum;       /* the pclntab's minLC: 1 (amd64), 4 (arm64); 0 unknown */
	uint64_t bias;             /* load bias given to gm_gobin_rebase (0 until then) */
	uint64_t entry;            /* e_entry (+ bias) */
	uint32_t pcln_magic;       /* pcHeader magic */
	uint64_t pclntab_addr;     /* vaddr of pcHeader */
	uint64_t moduledata_addr;  /* vaddr of runtime.firstmoduledata (0 if not found) */
	uint64_t text_start;       /* moduledata.text (entry offsets are relative to it) */
	uint64_t gofunc;           /* moduledata.gofunc: base of funcdata offsets */
	uint32_t nfunc;
	/* The next module of the target (a Go plugin the program loaded: the
	 * runtime's moduledata list), rebased to where it is mapped; NULL at
	 * the end. Not owned: the session sets it and frees the modules.
	 * gm_gobin_find_func looks there too, and a gm_func found there is
	 * read from its module's tables by every function taking it. */
	const struct gm_gobin *next_module;
	struct gm_gobin_priv *priv;
};
#define GM_GOBIN_MAX_MODULES 256 /* bound of the next_module chain */

/* A function of the pclntab: a view, valid while the gobin lives. */
struct gm_func {
	uint64_t entry;            /* absolute PC of the first instruction */
	uint64_t end;              /* next function's entry */
	const char *name;          /* NUL-terminated, points into the pclntab */
	int32_t args;
	uint32_t deferreturn;
	uint32_t pcsp, pcfile, pcln;
	uint32_t npcdata;
	uint32_t cuoffset;
	int32_t start_line;        /* 0 before 1.20 */
	uint8_t funcid;
	uint8_t flag;
	uint8_t nfuncdata;
	uint32_t idx;              /* index in the ftab */
	const struct gm_gobin *mod; /* the module whose pclntab holds it */
	const uint8_t *raw;        /* the _func struct inside the pclntab */
};

/* PCDATA / FUNCDATA table numbers (internal/abi/symtab.go). */
enum {
	GM_PCDATA_UnsafePoint = 0,
	GM_PCDATA_StackMapIndex = 1,
	GM_PCDATA_InlTreeIndex = 2,
	GM_PCDATA_ArgLiveIndex = 3,
	GM_FUNCDATA_ArgsPointerMaps = 0,
	GM_FUNCDATA_LocalsPointerMaps = 1,
	GM_FUNCDATA_StackObjects = 2,
	GM_FUNCDATA_InlTree = 3,
	GM_FUNCDATA_OpenCodedDeferInfo = 4,
	GM_FUNCDATA_ArgInfo = 5,
	GM_FUNCDATA_ArgLiveInfo = 6,
	GM_FUNCDATA_WrapInfo = 7,
};

/* One level of a possibly-inlined call at a PC. */
struct gm_inline_frame {
	const char *name;          /* function name (NUL-terminated, in pclntab) */
	const char *file;          /* NUL-terminated, in pclntab */
	int32_t line;
	uint8_t funcid;
	bool inlined;              /* true for every level but the outermost (physical) one */
};

struct gm_error *gm_gobin_open(const char *path, struct gm_gobin **ret);
void gm_gobin_destroy(struct gm_gobin *gb);

/* A position-independent executable (-buildmode=pie) runs at a load bias
 * chosen at exec time: every address gobin hands out after this call
 * (sections, symbols, segments for gm_gobin_vaddr_ptr, pclntab entries,
 * moduledata fields, entry) is the link-time address + bias, and the words
 * the dynamic loader relocates (R_X86_64_RELATIVE: moduledata, itabs, type
 * links...) read through gm_gobin_vaddr_ptr as the loader wrote them
 * (addend + bias). Calling it again replaces the previous bias. bias must be
 * 0 for a non-PIE executable (GM_ERR_MISMATCH otherwise). docs/pie.md. */
struct gm_error *gm_gobin_rebase(struct gm_gobin *gb, uint64_t bias);
/* The file-backed part of the i-th PT_LOAD (i < count): address (rebased),
 * bytes (relocated for PIE), size. false when i is out of range. */
bool gm_gobin_load_segment(const struct gm_gobin *gb, size_t i, uint64_t *vaddr,
			   const uint8_t **data, uint64_t *filesz, bool *relocated);
/* Link-time vaddr of the first PT_LOAD (the one that maps the ELF header for
 * Go executables); false when there is none. */
bool gm_gobin_first_load(const struct gm_gobin *gb, uint64_t *vaddr, uint64_t *offset);

/* ELF symbol by exact name (.symtab, then .dynsym). */
bool gm_gobin_sym(const struct gm_gobin *gb, const char *name, uint64_t *addr, uint64_t *size);
/* Symbol i of .symtab (0 <= i; false past the last one, or without a
 * .symtab): its name (NULL when unreadable), address (bias added unless
 * absolute), size and ELF type (STT_*). For lookups by address. */
struct gm_gobin_symview {
	const char *name;
	uint64_t addr, size;
	unsigned type;
};
bool gm_gobin_symtab_at(const struct gm_gobin *gb, size_t i, struct gm_gobin_symview *out);
/* Section by name: vaddr/size; false if absent. */
bool gm_gobin_section(const struct gm_gobin *gb, const char *name, uint64_t *addr, uint64_t *size);
/* Section i of the section header table (0 <= i < count), for code that
 * checks section contents itself (src/layout_dwarf.c). name is NULL when
 * the header's name is unreadable; data is NULL for NOBITS or a range
 * outside the file. Returns false when i is past the last section. */
struct gm_gobin_section_view {
	const char *name;
	uint32_t type;
	uint64_t flags;
	const uint8_t *data;
	uint64_t size;
};
bool gm_gobin_section_at(const struct gm_gobin *gb, size_t i, struct gm_gobin_section_view *out);
/* Pointer into the file image for [vaddr, vaddr+len) of a PT_LOAD's file-backed
 * part, or NULL (bss, out of range). */
const uint8_t *gm_gobin_vaddr_ptr(const struct gm_gobin *gb, uint64_t vaddr, size_t len);

/* pclntab. find_func: false when pc is in no Go function of gb or of its
 * next modules. */
bool gm_gobin_find_func(const struct gm_gobin *gb, uint64_t pc, struct gm_func *out);
/* Function by exact name (linear scan, for rare use); false if absent. */
bool gm_gobin_func_by_name(const struct gm_gobin *gb, const char *name, struct gm_func *out);
/* A -race build: the race runtime's assembly (runtime.racecallbackthunk,
 * race_amd64.s, built only with the race tag) is in pclntab, stripped or
 * not. */
bool gm_gobin_is_race(const struct gm_gobin *gb);
/* A Go shared library (-buildmode=c-shared): position-independent with no
 * entry point, loaded by a program that is not Go. */
bool gm_gobin_is_library(const struct gm_gobin *gb);
/* Value of a pc-value table (off = f->pcsp, f->pcfile, f->pcln or a pcdata
 * offset) at targetpc. false if the table is absent/corrupt or pc is outside. */
bool gm_gobin_pcvalue(const struct gm_gobin *gb, const struct gm_func *f, uint32_t off,
		      uint64_t targetpc, int32_t *out);
/* SP delta at pc (frame size so far). */
bool gm_gobin_pcsp(const struct gm_gobin *gb, const struct gm_func *f, uint64_t pc, int32_t *out);
/* PCDATA table `table` at pc; -1 when the function has no such table. */
int32_t gm_gobin_pcdata(const struct gm_gobin *gb, const struct gm_func *f, uint32_t table,
			uint64_t pc);
/* File and line of pc in f (the innermost inlined call's file:line). */
bool gm_gobin_fileline(const struct gm_gobin *gb, const struct gm_func *f, uint64_t pc,
		       const char **file, int32_t *line);
/* Target address of FUNCDATA `idx` (0 if absent). */
uint64_t gm_gobin_funcdata_addr(const struct gm_gobin *gb, const struct gm_func *f, uint32_t idx);
/* Same, as a pointer into the file image with at least `len` bytes, or NULL. */
const uint8_t *gm_gobin_funcdata(const struct gm_gobin *gb, const struct gm_func *f, uint32_t idx,
				 size_t len);
/* Expands the inlined calls at pc (a "tracepc": callers pass pc-1 for return
 * addresses) into out[0..n), innermost first, the physical function last,
 * exactly as the runtime's inline unwinder of this Go version does. Returns n
 * (>= 1 when f is valid; at most max). */
size_t gm_gobin_expand_inline(const struct gm_gobin *gb, const struct gm_func *f, uint64_t pc,
			      struct gm_inline_frame *out, size_t max);

/* Function by ftab index (0 <= idx < gb->nfunc), for iterating all functions. */
bool gm_gobin_func_at(const struct gm_gobin *gb, uint32_t idx, struct gm_func *out);
/* Name at a funcnametab offset ("?" when out of range or unterminated). */
const char *gm_gobin_funcname(const struct gm_gobin *gb, int32_t nameoff);

/* A gobin over a pclntab that is already in memory, without an ELF file
 * (unit tests build synthetic tables this way). Nothing is copied: the
 * buffers must outlive the gobin. Only the pclntab functions work on it
 * (gm_gobin_sym/section return false); gm_gobin_vaddr_ptr covers the pclntab
 * and the optional gofunc region. */
struct gm_gobin_pcln_spec {
	const uint8_t *pcln;       /* starts with the pcHeader */
	size_t pcln_size;
	uint64_t pcln_addr;        /* vaddr of the pcHeader */
	uint64_t text_start;       /* moduledata.text; 0 = use pcHeader.textStart */
	uint64_t gofunc;           /* moduledata.gofunc (0 = no funcdata) */
	const uint8_t *gofunc_data; /* bytes at gofunc (may be NULL) */
	size_t gofunc_size;
	int go_minor;              /* 19, 21, ...; 0 = infer from the magic */
};
struct gm_error *gm_gobin_from_pclntab(const struct gm_gobin_pcln_spec *spec,
				       struct gm_gobin **ret);

#endif
