/* Fuzz target: the generic Go map readers (src/walk/gomap.c): gm_gomap_foreach
 * over hmap buckets/overflow chains/old buckets (1.19, 1.22) and Swiss
 * tables/directories (1.27), gm_syncmap_foreach over the read/dirty sync.Map
 * (1.19, 1.22) and the HashTrieMap (1.27), and gm_maptype_read on map type
 * descriptors, over a mutated memory image of a corpus core (fuzz_image.h).
 *
 * The maps of each sample (found on the clean image): main.scenarios
 * (map[string]int), runtime.reflectOffs.m (map[int32]unsafe.Pointer),
 * reflect.ptrMap (a sync.Map) and, through ptrMap's *ptrType values, the
 * descriptor of map[string]int & co. Every input walks all of them with the
 * right map types, then main.scenarios once more with a map type made from
 * the input (wrong key/elem sizes: d[0] / 3 picks them) and once with the
 * type read from the (mutated) descriptor. The callback reads each key and
 * element as a consumer would. */
#include "fuzz_image.h"
#include "gm_gomap.h"
#include "gm_gotype.h"

#define MAXMT 8

struct maps {
	struct gm_goimpl impl;
	uint64_t scenarios, roffs, ptrmap, expunged;
	struct gm_maptype str_int, i32_ptr, any_entry;
	uint64_t maptypes[MAXMT]; /* map type descriptors */
	size_t nmaptypes;
	bool found;
};
static struct maps M[FI_NSAMPLES];
static volatile uint64_t sink;

struct cbctx {
	struct gm_memsrc *m;
	uint64_t ksize, esize, n;
};

static int on_entry(void *vc, uint64_t k, uint64_t e)
{
	struct cbctx *c = vc;
	uint8_t b[16];
	if (gm_memsrc_try_read(c->m, k, b, c->ksize < 16 ? c->ksize : 16))
		sink += b[0];
	if (gm_memsrc_try_read(c->m, e, b, c->esize < 16 ? c->esize : 16))
		sink += b[0];
	c->n++;
	return 0;
}

static int find_maptypes(void *vc, uint64_t k, uint64_t e)
{
	struct fi_sample *s = vc;
	struct maps *mp = &M[s - fi_S];
	uint64_t pt, elem;
	uint8_t kind;
	(void)k;
	/* e: the value eface {type, data}; data is a *ptrType, elem at +48 */
	if (mp->nmaptypes < MAXMT && gm_memsrc_u64(s->fake.mem, e + 8, &pt) &&
	    gm_memsrc_u64(s->fake.mem, pt + 48, &elem) &&
	    gm_memsrc_u8(s->fake.mem, elem + 23, &kind) && (kind & 31) == 21 /* Map */)
		mp->maptypes[mp->nmaptypes++] = elem;
	return 0;
}

static void check_stats(const struct gm_gomap_stats *st, uint64_t max, uint64_t n)
{
	if (st->visited != n || (max && st->visited > max))
		abort();
}

static void walk(struct gm_memsrc *m, const struct gm_maptype *mt, uint64_t h, uint64_t max)
{
	struct cbctx c = {m, mt->key_size, mt->elem_size, 0};
	struct gm_gomap_stats st;
	struct gm_error *err = gm_gomap_foreach(m, mt, h, max, on_entry, &c, &st);
	if (!err)
		check_stats(&st, max, c.n);
	fi_check_error(err);
}

static void run(struct fi_sample *s, unsigned variant)
{
	struct maps *mp = &M[s - fi_S];
	struct gm_memsrc *m = s->fake.mem;
	if (!mp->found) {
		int minor = s->gb->go_minor;
		gm_goimpl_of(s->gb, minor, &mp->impl);
		uint64_t ev = 0;
		if (!gm_gobin_sym(s->gb, "main.scenarios", &mp->scenarios, NULL) ||
		    !gm_gobin_sym(s->gb, "runtime.reflectOffs", &mp->roffs, NULL) ||
		    !gm_gobin_sym(s->gb, "reflect.ptrMap", &mp->ptrmap, NULL))
			gmf_die("a corpus executable lacks main.scenarios, reflectOffs or ptrMap");
		if (gm_gobin_sym(s->gb, "sync.expunged", &ev, NULL))
			gm_memsrc_u64(m, ev, &mp->expunged);
		if (gm_maptype_synth(mp->impl.map, 16, 8, 8, 8, &mp->str_int) ||
		    gm_maptype_synth(mp->impl.map, 4, 4, 8, 8, &mp->i32_ptr) ||
		    gm_maptype_synth(mp->impl.map, 16, 8, 8, 8, &mp->any_entry))
			gmf_die("gm_maptype_synth");
		struct gm_gomap_stats st;
		struct gm_error *err = gm_syncmap_foreach(m, mp->impl.syncmap, &mp->any_entry,
							  mp->expunged, mp->ptrmap, 0,
							  find_maptypes, s, &st);
		if (err)
			gmf_die(err->msg);
		if (!mp->nmaptypes)
			gmf_die("no map type found through reflect.ptrMap");
		mp->found = true;
	}
	uint64_t h;
	/* main.scenarios, reflectOffs.m: Go maps */
	if (gm_memsrc_u64(m, mp->scenarios, &h))
		walk(m, &mp->str_int, h, (variant & 1) ? 3 : 0);
	uint64_t ro;
	if (gm_memsrc_u64(m, mp->roffs + 16, &ro))
		walk(m, &mp->i32_ptr, ro, 0);
	/* reflect.ptrMap: a sync.Map */
	struct cbctx c = {m, 16, 16, 0};
	struct gm_gomap_stats st;
	uint64_t max = (variant & 1) ? 2 : 0;
	struct gm_error *err = gm_syncmap_foreach(m, mp->impl.syncmap, &mp->any_entry, mp->expunged,
						  mp->ptrmap, max, on_entry, &c, &st);
	if (!err)
		check_stats(&st, max, c.n);
	fi_check_error(err);
	/* main.scenarios with a wrong map type */
	static const uint64_t sizes[][2] = {{0, 1}, {1, 1}, {3, 1}, {8, 8}, {24, 8}, {128, 8},
					    {129, 1}, {4096, 8}, {1u << 20, 8}, {7, 4}};
	const uint64_t *ks = sizes[(variant >> 1) % 10], *es = sizes[(variant >> 4) % 10];
	struct gm_maptype wrong;
	err = gm_maptype_synth(mp->impl.map, ks[0], ks[1], es[0], es[1], &wrong);
	if (!err && gm_memsrc_u64(m, mp->scenarios, &h))
		walk(m, &wrong, h, 0);
	fi_check_error(err);
	/* map type descriptors (mutated too) */
	for (size_t i = 0; i < mp->nmaptypes; i++) {
		struct gm_maptype mt;
		err = gm_maptype_read(m, s->gb->go_minor, mp->impl.map, mp->maptypes[i], &mt);
		if (!err) {
			if (mt.impl != GM_MAP_HMAP && mt.impl != GM_MAP_SWISS)
				abort();
			if (i == 0 && gm_memsrc_u64(m, mp->scenarios, &h))
				walk(m, &mt, h, 0);
		}
		fi_check_error(err);
	}
}

static void clean(struct fi_sample *s)
{
	run(s, 0);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fi_setup_all(clean);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	if (n < 1)
		return 0;
	struct fi_sample *s = &fi_S[d[0] % FI_NSAMPLES];
	fi_apply(s, d + 1, n - 1);
	run(s, d[0] / FI_NSAMPLES);
	fi_undo_all();
	return 0;
}
