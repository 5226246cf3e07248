/* gm_native: native (C) stacks of a target's threads, and their symbols.
 *
 * The modules are the ELF files the target mapped (NT_FILE of a core,
 * /proc/PID/maps of a live process): the executable and the shared
 * libraries. Each is opened read-only, its build ID checked against the
 * copy of its first page in the target when there is one, and its symbols
 * (.symtab, else .dynsym; a /usr/lib/debug/.build-id/xx/yyyy.debug file's
 * .symtab when present) and unwind tables (.eh_frame_hdr) are used.
 *
 * Unwinding mixes three methods, frame by frame:
 *  - Go functions (the pclntab knows the PC): the frame size from pcsp, as
 *    the runtime does; the runtime's own signal frames (sa_restorer
 *    runtime.sigreturn__sigaction) continue with the interrupted registers;
 *  - other code with CFI: libunwind's remote API over the target memory
 *    (unw_create_addr_space with accessors over gm_memsrc, the modules'
 *    file contents as fallback, .eh_frame_hdr tables through
 *    dwarf_search_unwind_table);
 *  - no unwind information: the frame-pointer chain, marked as such.
 * Every read is bounds-checked; the stack pointer must grow; at most
 * GM_NATIVE_MAX_FRAMES frames. */
#ifndef GM_NATIVE_H
#define GM_NATIVE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_target.h"

#define GM_NATIVE_MAX_FRAMES 256

enum gm_nframe_how {
	GM_NF_REGS = 0,   /* the thread's registers (innermost frame) */
	GM_NF_CFI,        /* unwound with the caller's CFI (libunwind) */
	GM_NF_FP,         /* unwound with the frame-pointer chain (no CFI) */
	GM_NF_GO,         /* unwound with the Go function's pcsp table */
	GM_NF_SIGNAL,     /* registers from a signal frame (interrupted code) */
};

struct gm_nframe {
	uint64_t pc, sp;
	const char *func;       /* symbol or Go function name, NULL when unknown */
	uint64_t off;           /* pc - start of func */
	const char *module;     /* path of the module containing pc, NULL if none */
	const char *file;       /* Go frames: file:line of pc (pc-1 for callers) */
	int32_t line;
	bool go;                /* pc is in a Go function of the executable */
	bool sigreturn;         /* the runtime's sa_restorer: a signal frame follows */
	enum gm_nframe_how how;
};

struct gm_native_module {
	const char *path;       /* as the target named it */
	uint64_t start, end;    /* lowest and highest mapped address */
	uint64_t bias;          /* load bias (0 for ET_EXEC) */
	char build_id[72];      /* hex, "" if none */
	const char *symbols;    /* "symtab", "dynsym", "debuginfo", "none" */
	const char *problem;    /* static text: why the module is not used, NULL if fine */
	bool build_id_checked;  /* the target's copy of its first page was compared */
	bool eh_frame_hdr;
	size_t nsyms;
};

struct gm_native;

/* gb may be NULL (no Go symbolization). The target must outlive *ret. */
struct gm_error *gm_native_create(struct gm_target *t, const struct gm_gobin *gb,
				  struct gm_native **ret);
void gm_native_destroy(struct gm_native *n);
size_t gm_native_nmodules(const struct gm_native *n);
const struct gm_native_module *gm_native_module(const struct gm_native *n, size_t i);
/* Unwinds from regs into out[0..*nout) (max at most GM_NATIVE_MAX_FRAMES).
 * Returns why the unwind stopped (static text), or NULL when it reached an
 * outermost frame (thread start, goroutine end). */
const char *gm_native_unwind(struct gm_native *n, const struct gm_regs *regs,
			     struct gm_nframe *out, size_t max, size_t *nout);
/* The same for a thread of an arm64 target (docs/arm64.md): Go frames by
 * the pclntab (LR rule), other code by the AAPCS64 frame records (x29
 * chain); libunwind is not used (Debian's only unwinds its host). */
const char *gm_native_unwind_arm64(struct gm_native *n, const struct gm_regs_arm64 *regs,
				   struct gm_nframe *out, size_t max, size_t *nout);
/* True when a stop gm_native_unwind returned means the stack's memory is
 * missing or damaged (a cut stack), not the end of the stack or a limit. */
bool gm_native_stop_is_damage(const char *stop);
/* Symbolizes one PC (innermost: not a return address). */
void gm_native_symbolize(struct gm_native *n, uint64_t pc, bool innermost, struct gm_nframe *f);
/* The name GNU tools print for how: "regs", "cfi", "fp", "go", "signal". */
const char *gm_native_how_name(enum gm_nframe_how how);

#endif
