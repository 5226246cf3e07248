/* Fuzz target: the reflect caches walker (gm_types_collect: moduledata's
 * types section, runtime.reflectOffs (a Go map), reflect.ptrMap and the other
 * caches (sync.Maps: read/dirty or HashTrieMap), and every type descriptor
 * they name: abi.Type, names, pointers/slices/maps/structs/funcs ...) over a
 * mutated memory image of a corpus core, the executable's type descriptors
 * included. Input format and regions: fuzz_image.h. */
#include "fuzz_image.h"
#include "gm_types.h"

static volatile uint64_t sink;

static void run(struct fi_sample *s)
{
	struct gm_types_report *r;
	struct gm_error *err = gm_types_collect(s->fake.mem, s->gb, &s->layout, &r);
	if (err) {
		fi_check_error(err);
		return;
	}
	if (strnlen(r->problem, sizeof(r->problem)) == sizeof(r->problem))
		abort();
	for (int i = 0; i < GM_TC_N; i++) {
		const struct gm_types_cache *c = &r->caches[i];
		if (c->ntypes && !c->types)
			abort();
		uint64_t rc = 0;
		for (size_t k = 0; k < c->ntypes; k++) {
			const struct gm_types_entry *e = &c->types[k];
			if (e->t.name)
				sink += strlen(e->t.name);
			if (e->constructor)
				sink += strlen(e->constructor);
			sink += strlen(gm_gotype_kind_name(e->t.kind)) + e->t.size;
			rc += e->t.runtime_created;
		}
		if (rc != c->runtime_created)
			abort();
		sink += c->entries;
	}
	sink += r->types_total + r->runtime_created_total + r->reflect_offs_entries;
	gm_types_report_destroy(r);
}

FI_DEFINE_FUZZER(run)
