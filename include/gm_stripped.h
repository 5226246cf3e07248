/* gm_stripped: finding Go globals in executables without a symbol table
 * (-ldflags=-s), from the code that uses them (src/stripped.c). The
 * runtime's own globals are filled into struct gm_layout by the layout
 * module; this header is for the walkers that need globals of other packages. */
#ifndef GM_STRIPPED_H
#define GM_STRIPPED_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_gobin.h"

/* reflect's type caches and what reading them needs; 0 = not found. */
struct gm_reflect_globals {
	uint64_t ptrmap, lookupcache, funclookupcache, structlookupcache, layoutcache;
	uint64_t reflectoffs; /* runtime.reflectOffs */
	uint64_t expunged;    /* sync.expunged (sync.Map before 1.24) */
};
void gm_stripped_reflect_globals(const struct gm_gobin *gb, struct gm_reflect_globals *g);

/* The [rip+disp32] memory operands of function `name` (pclntab name), for
 * walkers that find their own globals (src/memprof_stripped.c): what
 * stripped.c's decoder sees. Returns the count (0: no such function). */
struct gm_ripref {
	uint64_t target;  /* the operand's address */
	uint64_t insn;    /* address of the instruction */
	uint64_t end;     /* address of the next instruction */
	uint32_t imm;     /* immediate (0x80/0x83/0xC6/0xC7), else 0 */
	uint8_t op;       /* opcode byte (0x8B load, 0x8D lea, 0x89 store, 0x0F two-byte ...) */
	uint8_t reg;
	bool rexw;
};
size_t gm_stripped_func_refs(const struct gm_gobin *gb, const char *name, struct gm_ripref *out,
			     size_t max);

#endif
