/* gm_stripped: what the code of an executable without a symbol table says
 * (src/layout/layout_stripped.c's decoder), for walkers that find globals of
 * their own (src/walk/memprof_stripped.c). The runtime's globals are filled
 * into struct gm_layout by the layout; reflect's by gm_layout_reflect_globals. */
#ifndef GM_STRIPPED_H
#define GM_STRIPPED_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_gobin.h"

/* The [rip+disp32] memory operands of function `name` (pclntab name).
 * Returns the count (0: no such function). */
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
