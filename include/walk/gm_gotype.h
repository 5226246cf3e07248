/* gm_gotype: Go type descriptors (abi.Type / runtime._type) in target
 * memory: kind, size and the name as reflect.Type.String() prints it,
 * whether the type lives in the executable's types section or was made at
 * run time (reflect.StructOf, FuncOf, ...: its name is then found through
 * runtime.reflectOffs). The reflect caches walker is in gm_types.h. */
#ifndef GM_GOTYPE_H
#define GM_GOTYPE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_arena.h"
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_gomap.h"
#include "gm_layout.h"
#include "gm_memsrc.h"

/* The map implementations a binary uses (from its Go version and the
 * GOEXPERIMENT of its build information). */
struct gm_goimpl {
	enum gm_map_impl map;
	enum gm_syncmap_impl syncmap;
};
void gm_goimpl_of(const struct gm_gobin *gb, int go_minor, struct gm_goimpl *out);

struct gm_gotypes;  /* name resolution context */

/* md_types/md_etypes: the module's types section ([0,0) when unknown);
 * reflect_offs: address of runtime.reflectOffs (0 when absent: names of
 * run-time types are then unknown). The reflectOffs map is read once. */
struct gm_error *gm_gotypes_create(struct gm_memsrc *m, int go_minor, const struct gm_goimpl *impl,
				   uint64_t md_types, uint64_t md_etypes, uint64_t reflect_offs,
				   struct gm_gotypes **ret);
void gm_gotypes_destroy(struct gm_gotypes *c);
/* The types sections of the Go plugins (gb's next modules: each one's
 * moduledata.types/etypes read from m), into out[i] = {types, etypes};
 * returns how many (at most max; a module whose fields are unreadable is
 * left out). */
#define GM_GOTYPE_MAX_PLUGINS 64
size_t gm_gotype_plugin_types(struct gm_memsrc *m, const struct gm_gobin *gb, const struct gm_layout *l,
			      uint64_t out[][2], size_t max);
/* Adds the plugins' types sections to c: a type in one of them is named
 * from its own module's section. */
void gm_gotypes_add_plugins(struct gm_gotypes *c, const struct gm_gobin *gb, const struct gm_layout *l);
/* Entries of reflectOffs.m read (names registered at run time). */
uint64_t gm_gotypes_reflect_offs(const struct gm_gotypes *c);

struct gm_gotype {
	uint64_t addr;
	uint64_t size;
	unsigned kind;          /* reflect.Kind */
	uint8_t tflag;
	bool runtime_created;   /* outside the types section */
	const char *name;       /* reflect.Type.String(); NULL when unreadable */
};
/* Reads the descriptor at addr; the name is allocated from a. Error only
 * when the descriptor itself cannot be read or is not a type. */
struct gm_error *gm_gotype_read(struct gm_gotypes *c, uint64_t addr, struct gm_arena *a,
				struct gm_gotype *out);
/* The reflect.Kind of a descriptor from its kind byte (offset 23) and its
 * tflag byte (offset 20): up to Go 1.25 the low 5 bits of the kind byte
 * (bit 5 KindDirectIface, bit 6 KindGCProg), from 1.26 the whole byte
 * (abi.Kind; direct interface moved to tflag bit 5, TFlagDirectIface). */
static inline unsigned gm_gotype_kind(int go_minor, uint8_t kindbyte)
{
	return go_minor >= 26 ? kindbyte : (kindbyte & 31u);
}
/* Whether values of the type are stored directly in an interface word. */
static inline bool gm_gotype_direct_iface(int go_minor, uint8_t kindbyte, uint8_t tflag)
{
	return go_minor >= 26 ? (tflag & 32u) : (kindbyte & 32u);
}
/* reflect.Kind.String() ("ptr", "struct", ...; "kind%u" is not produced:
 * unknown kinds give "invalid"). */
const char *gm_gotype_kind_name(unsigned kind);

/* An abi.Name at p (flags byte, uvarint length, bytes): where its bytes
 * start and how many; false when unreadable, empty or longer than max. */
bool gm_goname_header(struct gm_memsrc *m, uint64_t p, uint64_t max, uint64_t *start, uint64_t *len);
/* Replaces control bytes of a name read from the target with '?'. */
void gm_goname_clean(char *s, size_t len);

#endif
