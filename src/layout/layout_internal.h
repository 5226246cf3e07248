/* Private helpers shared by layout.c, layout_dwarf.c and layout_gorts.c. */
#ifndef GM_LAYOUT_INTERNAL_H
#define GM_LAYOUT_INTERNAL_H
#include "gm_layout.h"

/* Longest runtime string we accept from a [N]string table. */
#define GM_LAYOUT_MAX_STRLEN 256

/* Reads the [wr_n]string array at wr_addr (runtime.waitReasonStrings) and the
 * [gs_n]string array at gs_addr (runtime.gStatusStrings) out of the
 * executable's file image into l->strbuf, and points l->waitreasons /
 * l->gstatus at the copies. An address of 0 leaves that table alone. Counts
 * are clamped to GM_MAX_WAITREASONS / GM_MAX_GSTATUS. */
struct gm_error *gm_layout__read_strings(const struct gm_gobin *gb, struct gm_layout *l,
					 uint64_t wr_addr, int wr_n, uint64_t gs_addr, int gs_n);

/* layout_dwarf.c: checks the DWARF sections libdwarf parses on its own
 * before it is given the file (the unit headers of .debug_rnglists); an
 * error names the section and what is wrong. */
struct gm_error *gm_layout__check_dwarf_sections(const struct gm_gobin *gb);
/* The unit-header check of one (uncompressed) DWARF 5 list section
 * (.debug_rnglists); false with the reason in why. */
bool gm_layout__list_units_ok(const uint8_t *p, size_t n, char *why, size_t whyn);

/* Appends a formatted note to l->warnings (dropped when full). */
void gm_layout__warn(struct gm_layout *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* labels_kind by version, when the binary cannot tell. Since Go 1.24
 * runtime/pprof.labelMap is a struct holding a sorted []label (a slice);
 * before, it was a map[string]string. */
int gm_layout__labels_kind_for(int go_minor);
/* stripped.c: fills the global addresses still 0 (no symbols) from the code
 * that uses them; warns for each one it cannot find. */
void gm_layout__find_stripped_globals(const struct gm_gobin *gb, struct gm_layout *l);

/* layout_stripped.c: reflect's globals from the code that uses them (no
 * symbols); 0 where not found. */
void layout_stripped_reflect_globals(const struct gm_gobin *gb, struct gm_reflect_globals *g);

/* The runtime's global variables, by symbol name, and where their address
 * goes in struct gm_layout. */
struct gm_layout__global {
	const char *sym;
	size_t off;
};
extern const struct gm_layout__global gm_layout__globals[];
extern const size_t gm_layout__nglobals;

#endif
