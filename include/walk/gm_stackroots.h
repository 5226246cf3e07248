/* gm_stackroots: the typed slots of the goroutines' stacks (issue 16,
 * heap --by-type's traversal and heap --why's types), with DWARF.
 *
 * For every goroutine's physical frame in the executable, the variables
 * and parameters DWARF locates in a frame slot at that pc
 * (gm_layout_dwarf_frame_vars) become roots of the traversal, each kept
 * only when every pointer word of it is live there by the function's own
 * stack maps (FUNCDATA_LocalsPointerMaps / ArgsPointerMaps at the pc's
 * PCDATA_StackMapIndex, read as the runtime's getStackMap does): a stale
 * word in a dead slot is never followed. A live pointer into the
 * goroutine's own stack (an address-taken local, which the stack maps leave
 * out and the runtime scans as a stack object when such a pointer reaches
 * it) makes the value it points at the root instead, of the pointer's
 * element type. The frame's CFA (the caller's SP)
 * is its SP plus the pcsp delta, plus the return address on amd64.
 * Stripped executables have none (the roots come from DWARF). Never
 * prints; bounded by the goroutine walk and the DWARF records. */
#ifndef GM_STACKROOTS_H
#define GM_STACKROOTS_H
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_target.h"

struct gm_stackroots {
	struct gm_dwglobal *v;   /* absolute addresses and descriptors, as gm_typed_globals' */
	size_t n;
	uint64_t goroutines;     /* walked with their stacks */
	uint64_t frames;         /* physical frames in the executable */
	uint64_t slots;          /* typed slots DWARF gave at those frames */
	uint64_t dead;           /* of those, not live by the stack maps (not roots) */
	uint64_t pointees;       /* live pointers into their own stack: the value they point at
				  * (a stack object) is the root, typed by their element type */
	char note[200];          /* why there are none ("" when there are) */
};

/* ft: the session's typed stack slots (gm_typed_globals.frames; NULL:
 * none). Error only when memory runs out; anything else is a note. */
struct gm_frame_types;
struct gm_error *gm_stackroots_collect(struct gm_target *t, const struct gm_gobin *gb, const struct gm_layout *l,
				       struct gm_frame_types *ft, struct gm_stackroots *out);
void gm_stackroots_free(struct gm_stackroots *r);

#endif
