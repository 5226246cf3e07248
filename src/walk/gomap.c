/* Go map and sync.Map enumeration over target memory (gm_gomap.h;
 * docs/go-runtime-reference.md §4). */
#include <stdlib.h>
#include <string.h>

#include "gm_bytes.h"
#include "gm_gomap.h"

#define HMAP_SIZE 48
#define HMAP_MAX_B 40          /* 2^40 buckets: far beyond any real map */
#define MAX_INLINE 128         /* keys/elems above this are stored indirectly */
#define MAX_CHAIN 65536        /* overflow buckets in one chain */
#define MAX_DIRLEN (1u << 24)
#define MAX_GROUPS (1ull << 32)
#define TRIE_MAX_DEPTH 20      /* 64-bit hash / 4 bits per level = 16, plus slack */
#define TRIE_MAX_OVERFLOW 100000
/* buckets / groups / trie nodes one walk may visit, whatever the entries:
 * garbage (chains and directories that loop, DAGs of trie nodes) cannot
 * make a walk take more than a few seconds */
#define MAX_STEPS (1ull << 22)

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return a ? (v + a - 1) / a * a : v;
}

static bool pow2(uint64_t a)
{
	return a && !(a & (a - 1));
}

struct gm_error *gm_maptype_synth(enum gm_map_impl impl, uint64_t key_size, uint64_t key_align,
				  uint64_t elem_size, uint64_t elem_align, struct gm_maptype *out)
{
	memset(out, 0, sizeof(*out));
	if (!pow2(key_align) || !pow2(elem_align) || key_align > 8 || elem_align > 8 ||
	    key_size > (1u << 30) || elem_size > (1u << 30))
		return gm_error_create(GM_ERR_FORMAT, "map type: bad key/elem size or alignment");
	out->impl = impl;
	out->key_size = key_size;
	out->elem_size = elem_size;
	out->indirect_key = key_size > MAX_INLINE;
	out->indirect_elem = elem_size > MAX_INLINE;
	uint64_t ks = out->indirect_key ? 8 : key_size, ka = out->indirect_key ? 8 : key_align;
	uint64_t es = out->indirect_elem ? 8 : elem_size, ea = out->indirect_elem ? 8 : elem_align;
	if (impl == GM_MAP_HMAP) {
		/* bucket: tophash [8]u8; keys [8]K; elems [8]V; overflow *bmap */
		out->key_slot = ks;
		out->elem_slot = es;
		out->bucket_size = align_up(8 + 8 * ks + 8 * es, 8) + 8;
		return NULL;
	}
	if (impl == GM_MAP_SWISS) {
		/* group: ctrl u64; slots [8]struct{key K; elem V} */
		uint64_t eoff = align_up(ks, ea);
		uint64_t slot = align_up(eoff + es, ka > ea ? ka : ea);
		out->group_size = 8 + 8 * slot;
		out->keys_off = 8;
		out->key_stride = slot;
		out->elems_off = 8 + eoff;
		out->elem_stride = slot;
		return NULL;
	}
	if (impl == GM_MAP_SWISS_SPLIT) {
		/* group: ctrl u64; keys [8]K; elems [8]V */
		out->impl = GM_MAP_SWISS;
		out->keys_off = 8;
		out->key_stride = ks;
		out->elems_off = align_up(8 + 8 * ks, ea);
		out->elem_stride = es;
		out->group_size = align_up(out->elems_off + 8 * es, 8);
		return NULL;
	}
	return gm_error_create(GM_ERR_UNSUPPORTED, "map type: unknown implementation %d", (int)impl);
}

struct gm_error *gm_maptype_read(struct gm_memsrc *m, int go_minor, enum gm_map_impl impl,
				 uint64_t typ, struct gm_maptype *out)
{
	memset(out, 0, sizeof(*out));
	if (impl == GM_MAP_SWISS_SPLIT)
		impl = GM_MAP_SWISS; /* the descriptor has KeysOff & co. */
	uint8_t b[136];
	size_t need = impl == GM_MAP_HMAP ? 88 : go_minor >= 27 ? 132 : 108;
	if (!gm_memsrc_try_read(m, typ, b, need))
		return gm_error_fault(typ, "map type descriptor at 0x%llx not readable",
				      (unsigned long long)typ);
	uint64_t key = gm_rd64(b + 48), elem = gm_rd64(b + 56);
	uint64_t kts, ets;
	if (!gm_memsrc_u64(m, key, &kts) || !gm_memsrc_u64(m, elem, &ets))
		return gm_error_fault(key, "map type at 0x%llx: key/elem type not readable",
				      (unsigned long long)typ);
	out->impl = impl;
	out->key_size = kts;
	out->elem_size = ets;
	if (impl == GM_MAP_HMAP) {
		uint32_t flags = gm_rd32(b + 84);
		out->key_slot = b[80];
		out->elem_slot = b[81];
		out->bucket_size = gm_rd16(b + 82);
		out->indirect_key = flags & 1;
		out->indirect_elem = flags & 2;
		if ((out->indirect_key ? 8 : kts) != out->key_slot ||
		    (out->indirect_elem ? 8 : ets) != out->elem_slot ||
		    out->bucket_size < 8 + 8 * (out->key_slot + out->elem_slot) + 8)
			return gm_error_create(GM_ERR_FORMAT, "map type at 0x%llx: inconsistent sizes",
					       (unsigned long long)typ);
		return NULL;
	}
	if (impl != GM_MAP_SWISS)
		return gm_error_create(GM_ERR_UNSUPPORTED, "map type: unknown implementation %d",
				       (int)impl);
	out->group_size = gm_rd64(b + 80);
	uint32_t flags;
	if (go_minor >= 27) {
		out->keys_off = gm_rd64(b + 88);
		out->key_stride = gm_rd64(b + 96);
		out->elems_off = gm_rd64(b + 104);
		out->elem_stride = gm_rd64(b + 112);
		flags = gm_rd32(b + 128);
	} else {
		uint64_t slot = gm_rd64(b + 88), eoff = gm_rd64(b + 96);
		out->keys_off = 8;
		out->key_stride = slot;
		out->elems_off = 8 + eoff;
		out->elem_stride = slot;
		flags = gm_rd32(b + 104);
	}
	out->indirect_key = flags & 4;
	out->indirect_elem = flags & 8;
	uint64_t ks = out->indirect_key ? 8 : kts, es = out->indirect_elem ? 8 : ets;
	if (out->group_size > (1u << 24) || out->key_stride > out->group_size ||
	    out->elem_stride > out->group_size ||
	    out->keys_off + 7 * out->key_stride + ks > out->group_size ||
	    out->elems_off + 7 * out->elem_stride + es > out->group_size)
		return gm_error_create(GM_ERR_FORMAT, "map type at 0x%llx: inconsistent sizes",
				       (unsigned long long)typ);
	return NULL;
}

struct walk {
	struct gm_memsrc *m;
	const struct gm_maptype *mt;
	uint64_t max;
	gm_gomap_fn fn;
	void *ctx;
	struct gm_gomap_stats *st;
	uint64_t steps, max_steps;
};

/* false when the step budget is spent */
static bool step(uint64_t *steps, uint64_t max_steps, struct gm_gomap_stats *st)
{
	if (++*steps > max_steps) {
		st->truncated = true;
		return false;
	}
	return true;
}

/* 1: go on, 0: stop */
static int emit(struct walk *w, uint64_t k, uint64_t e)
{
	if (w->mt->indirect_key && !gm_memsrc_u64(w->m, k, &k)) {
		w->st->skipped++;
		return 1;
	}
	if (w->mt->indirect_elem && !gm_memsrc_u64(w->m, e, &e)) {
		w->st->skipped++;
		return 1;
	}
	if (w->st->visited >= w->max) {
		w->st->truncated = true;
		return 0;
	}
	w->st->visited++;
	if (w->fn && w->fn(w->ctx, k, e)) {
		w->st->stopped = true;
		return 0;
	}
	return 1;
}

/* One bucket chain of the classic map. old: slots of an old bucket (tophash
 * 2..4 there mean evacuated: skip them like empty ones). */
static int hmap_chain(struct walk *w, uint64_t b)
{
	const struct gm_maptype *mt = w->mt;
	for (unsigned n = 0; b; n++) {
		if (n >= MAX_CHAIN) {
			w->st->truncated = true;
			return 0;
		}
		if (!step(&w->steps, w->max_steps, w->st))
			return 0;
		const uint8_t *p = gm_memsrc_ptr(w->m, b, mt->bucket_size);
		if (!p) {
			w->st->truncated = true;
			return 1;
		}
		for (unsigned i = 0; i < 8; i++) {
			if (p[i] < 5)
				continue;
			if (!emit(w, b + 8 + i * mt->key_slot,
				  b + 8 + 8 * mt->key_slot + i * mt->elem_slot))
				return 0;
		}
		b = gm_rd64(p + mt->bucket_size - 8);
	}
	return 1;
}

static struct gm_error *hmap_walk(struct walk *w, uint64_t h)
{
	uint8_t hb[HMAP_SIZE];
	if (!gm_memsrc_try_read(w->m, h, hb, sizeof(hb)))
		return gm_error_fault(h, "map header at 0x%llx not readable", (unsigned long long)h);
	uint64_t count = gm_rd64(hb);
	uint8_t flags = hb[8], B = hb[9];
	uint64_t buckets = gm_rd64(hb + 16), old = gm_rd64(hb + 24);
	w->st->count = count;
	/* makemap, mapclear and the delete of the last entry draw a random
	 * hash0: zero means the header is not a live map's */
	if (!gm_rd32(hb + 12))
		return gm_error_create(GM_ERR_FORMAT,
				       "map at 0x%llx: hash seed 0 (count %llu): the header is damaged",
				       (unsigned long long)h, (unsigned long long)count);
	/* a map of n entries has about n/6.5 buckets */
	w->max_steps = MAX_STEPS + (count < w->max ? count : w->max) / 2;
	if (B > HMAP_MAX_B || (int64_t)count < 0)
		return gm_error_create(GM_ERR_FORMAT, "map at 0x%llx: bad header (B=%u)",
				       (unsigned long long)h, B);
	if (!w->mt->bucket_size)
		return gm_error_create(GM_ERR_FORMAT, "map type has no bucket size");
	if (!buckets)
		return NULL;
	uint64_t nb = 1ull << B;
	/* the bucket array must be there (its first and last bucket at least:
	 * a garbage B cannot make us try 2^40 unreadable buckets) */
	if (!gm_memsrc_ptr(w->m, buckets, w->mt->bucket_size) ||
	    !gm_memsrc_ptr(w->m, buckets + (nb - 1) * w->mt->bucket_size, w->mt->bucket_size))
		return gm_error_fault(buckets, "map at 0x%llx: buckets at 0x%llx (B=%u) not readable",
				      (unsigned long long)h, (unsigned long long)buckets, B);
	for (uint64_t i = 0; i < nb; i++)
		if (!hmap_chain(w, buckets + i * w->mt->bucket_size))
			return NULL;
	if (old) {
		w->st->growing = true;
		uint64_t nold = (flags & 8) || B == 0 ? nb : nb >> 1;
		if (!gm_memsrc_ptr(w->m, old + (nold - 1) * w->mt->bucket_size, w->mt->bucket_size)) {
			w->st->truncated = true;
			return NULL;
		}
		for (uint64_t i = 0; i < nold; i++)
			if (!hmap_chain(w, old + i * w->mt->bucket_size))
				return NULL;
	}
	return NULL;
}

static int swiss_group(struct walk *w, uint64_t g)
{
	const struct gm_maptype *mt = w->mt;
	if (!step(&w->steps, w->max_steps, w->st))
		return 0;
	const uint8_t *p = gm_memsrc_ptr(w->m, g, mt->group_size);
	if (!p) {
		w->st->truncated = true;
		return 1;
	}
	uint64_t ctrl = gm_rd64(p);
	for (unsigned i = 0; i < 8; i++) {
		uint8_t c = (uint8_t)(ctrl >> (8 * i));
		if (c & 0x80)
			continue;
		if (!emit(w, g + mt->keys_off + i * mt->key_stride,
			  g + mt->elems_off + i * mt->elem_stride))
			return 0;
	}
	return 1;
}

static struct gm_error *swiss_walk(struct walk *w, uint64_t h)
{
	uint8_t hb[48];
	if (!gm_memsrc_try_read(w->m, h, hb, sizeof(hb)))
		return gm_error_fault(h, "map header at 0x%llx not readable", (unsigned long long)h);
	uint64_t used = gm_rd64(hb), dir = gm_rd64(hb + 16);
	int64_t dirlen = (int64_t)gm_rd64(hb + 24);
	uint8_t gdepth = hb[32];
	w->st->count = used;
	w->max_steps = MAX_STEPS + (used < w->max ? used : w->max) / 2;
	/* NewMap, NewEmptyMap and Clear draw a random seed: zero means the
	 * header is not a live map's */
	if (!gm_rd64(hb + 8))
		return gm_error_create(GM_ERR_FORMAT,
				       "map at 0x%llx: hash seed 0 (%llu used): the header is damaged",
				       (unsigned long long)h, (unsigned long long)used);
	if (!w->mt->group_size)
		return gm_error_create(GM_ERR_FORMAT, "map type has no group size");
	if (dirlen == 0) {
		if (used > 8)
			return gm_error_create(GM_ERR_FORMAT, "map at 0x%llx: small map with %llu entries",
					       (unsigned long long)h, (unsigned long long)used);
		if (!dir)
			return NULL;
		if (!gm_memsrc_ptr(w->m, dir, w->mt->group_size))
			return gm_error_fault(dir, "map at 0x%llx: group at 0x%llx not readable",
					      (unsigned long long)h, (unsigned long long)dir);
		swiss_group(w, dir);
		return NULL;
	}
	if (dirlen < 0 || (uint64_t)dirlen > MAX_DIRLEN || gdepth > 24 ||
	    (uint64_t)dirlen != (1ull << gdepth))
		return gm_error_create(GM_ERR_FORMAT, "map at 0x%llx: bad directory (len %lld, depth %u)",
				       (unsigned long long)h, (long long)dirlen, gdepth);
	const uint8_t *d = gm_memsrc_ptr(w->m, dir, (size_t)dirlen * 8);
	if (!d)
		return gm_error_fault(dir, "map at 0x%llx: directory at 0x%llx not readable",
				      (unsigned long long)h, (unsigned long long)dir);
	for (int64_t i = 0; i < dirlen;) {
		uint64_t t = gm_rd64(d + i * 8);
		uint8_t tb[32];
		if (!t || !gm_memsrc_try_read(w->m, t, tb, sizeof(tb))) {
			w->st->truncated = true;
			i++;
			continue;
		}
		uint8_t ldepth = tb[6];
		uint64_t groups = gm_rd64(tb + 16), mask = gm_rd64(tb + 24);
		if (ldepth > gdepth) {
			w->st->truncated = true;
			i++;
			continue;
		}
		/* visit a table once: at its first directory entry */
		int64_t step = 1ll << (gdepth - ldepth);
		if (i % step == 0 && mask < MAX_GROUPS && pow2(mask + 1) &&
		    gm_memsrc_ptr(w->m, groups + mask * w->mt->group_size, w->mt->group_size)) {
			for (uint64_t g = 0; g <= mask; g++)
				if (!swiss_group(w, groups + g * w->mt->group_size))
					return NULL;
		} else if (i % step == 0) {
			w->st->truncated = true;
		}
		i += step - (i % step);
	}
	return NULL;
}

struct gm_error *gm_gomap_foreach(struct gm_memsrc *m, const struct gm_maptype *mt,
				  uint64_t map_addr, uint64_t max_entries, gm_gomap_fn fn, void *ctx,
				  struct gm_gomap_stats *stats)
{
	struct gm_gomap_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	if (!map_addr)
		return NULL;
	struct walk w = {m, mt, max_entries ? max_entries : GM_GOMAP_MAX_ENTRIES, fn, ctx, stats, 0,
			 MAX_STEPS};
	struct gm_error *err;
	if (mt->impl == GM_MAP_HMAP)
		err = hmap_walk(&w, map_addr);
	else if (mt->impl == GM_MAP_SWISS)
		err = swiss_walk(&w, map_addr);
	else
		return gm_error_create(GM_ERR_UNSUPPORTED, "map type: unknown implementation %d",
				       (int)mt->impl);
	/* a whole walk finds the map's own count of entries: fewer or more
	 * means damaged buckets, groups or header */
	if (!err && !stats->truncated && !stats->stopped &&
	    stats->visited + stats->skipped != stats->count)
		stats->truncated = true;
	return err;
}

/* ---- sync.Map ---- */

struct rw_ctx {
	struct gm_memsrc *m;
	bool v119;
	uint64_t expunged;
	gm_gomap_fn fn;
	void *ctx;
	uint64_t live, dead;
};

/* key: the eface; elem: the *entry slot */
static int rw_entry(void *vctx, uint64_t key, uint64_t elem)
{
	struct rw_ctx *c = vctx;
	uint64_t ent, p, typ;
	if (!gm_memsrc_u64(c->m, elem, &ent) || !ent || !gm_memsrc_u64(c->m, ent, &p) || !p ||
	    p == c->expunged || !gm_memsrc_u64(c->m, p, &typ) || (!c->expunged && !typ)) {
		c->dead++;
		return 0;
	}
	c->live++;
	return c->fn ? c->fn(c->ctx, key, p) : 0;
}

struct trie {
	struct gm_memsrc *m;
	uint64_t max;
	gm_gomap_fn fn;
	void *ctx;
	struct gm_gomap_stats *st;
	uint64_t steps;
	/* every indirect node and entry seen (open addressing, 0 = empty): in a
	 * real trie each has one parent, so a second sighting is garbage (a
	 * DAG or a cycle) and is not walked again. Without it a DAG whose
	 * nodes all hold entries keeps growing the step budget (it grows with
	 * the entries visited) until the entry limit: minutes. */
	uint64_t *seen;
	size_t nseen, capseen;
	bool nomem;
};

/* true when a was not seen before (and now is); false when it was, or when
 * the set cannot grow (then the walk stops: nomem). */
static bool trie_first(struct trie *t, uint64_t a)
{
	if (t->nomem)
		return false;
	if (2 * (t->nseen + 1) > t->capseen) {
		size_t nc = t->capseen ? 2 * t->capseen : 1024;
		uint64_t *ns = calloc(nc, sizeof(*ns));
		if (!ns) {
			t->nomem = true;
			return false;
		}
		for (size_t i = 0; i < t->capseen; i++) {
			uint64_t v = t->seen[i];
			if (!v)
				continue;
			size_t h = (size_t)((v >> 3) * 0x9e3779b97f4a7c15ull) & (nc - 1);
			while (ns[h])
				h = (h + 1) & (nc - 1);
			ns[h] = v;
		}
		free(t->seen);
		t->seen = ns;
		t->capseen = nc;
	}
	size_t h = (size_t)((a >> 3) * 0x9e3779b97f4a7c15ull) & (t->capseen - 1);
	while (t->seen[h]) {
		if (t->seen[h] == a)
			return false;
		h = (h + 1) & (t->capseen - 1);
	}
	t->seen[h] = a;
	t->nseen++;
	return true;
}

static int trie_node(struct trie *t, uint64_t ind, int depth)
{
	if (depth > TRIE_MAX_DEPTH) {
		t->st->truncated = true;
		return 1;
	}
	/* indirect nodes: about as many as entries in a real trie */
	if (!step(&t->steps, MAX_STEPS + 4 * t->st->visited, t->st))
		return 0;
	if (!trie_first(t, ind)) { /* a node reached twice: garbage */
		t->st->truncated = true;
		return t->nomem ? 0 : 1;
	}
	const uint8_t *p = gm_memsrc_ptr(t->m, ind, 24 + 16 * 8);
	if (!p) {
		t->st->truncated = true;
		return 1;
	}
	for (unsigned i = 0; i < 16; i++) {
		uint64_t c = gm_rd64(p + 24 + i * 8);
		if (!c)
			continue;
		uint8_t is_entry;
		if (!gm_memsrc_u8(t->m, c, &is_entry)) {
			t->st->truncated = true;
			continue;
		}
		if (!is_entry) {
			if (!trie_node(t, c, depth + 1))
				return 0;
			continue;
		}
		for (unsigned n = 0; c; n++) {
			if (n >= TRIE_MAX_OVERFLOW) {
				t->st->truncated = true;
				break;
			}
			if (t->st->visited >= t->max) {
				t->st->truncated = true;
				return 0;
			}
			if (!trie_first(t, c)) { /* an entry reached twice: garbage */
				t->st->truncated = true;
				if (t->nomem)
					return 0;
				break;
			}
			t->st->visited++;
			t->st->count++;
			if (t->fn && t->fn(t->ctx, c + 16, c + 32)) {
				t->st->stopped = true;
				return 0;
			}
			if (!gm_memsrc_u64(t->m, c + 8, &c)) {
				t->st->truncated = true;
				break;
			}
		}
	}
	return 1;
}

struct gm_error *gm_syncmap_foreach(struct gm_memsrc *m, enum gm_syncmap_impl impl,
				    const struct gm_maptype *dirty_mt, uint64_t expunged,
				    uint64_t addr, uint64_t max_entries, gm_gomap_fn fn, void *ctx,
				    struct gm_gomap_stats *stats)
{
	struct gm_gomap_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	if (!max_entries)
		max_entries = GM_GOMAP_MAX_ENTRIES;
	if (impl == GM_SYNCMAP_TRIE) {
		uint64_t root;
		if (!gm_memsrc_u64(m, addr + 16, &root))
			return gm_error_fault(addr + 16, "sync.Map at 0x%llx not readable",
					      (unsigned long long)addr);
		if (!root)
			return NULL;
		struct trie t = {m, max_entries, fn, ctx, stats, 0, NULL, 0, 0, false};
		trie_node(&t, root, 0);
		free(t.seen);
		return t.nomem ? &gm_error_nomem : NULL;
	}
	if (impl != GM_SYNCMAP_RW && impl != GM_SYNCMAP_RW_119)
		return gm_error_create(GM_ERR_UNSUPPORTED, "sync.Map: unknown implementation %d",
				       (int)impl);
	if (!dirty_mt)
		return gm_error_create(GM_ERR_UNSUPPORTED, "sync.Map: no map type for its dirty map");
	bool v119 = impl == GM_SYNCMAP_RW_119;
	uint8_t sb[40];
	if (!gm_memsrc_try_read(m, addr, sb, sizeof(sb)))
		return gm_error_fault(addr, "sync.Map at 0x%llx not readable", (unsigned long long)addr);
	/* read: 1.19 atomic.Value{v any}: data word at +16 points to a readOnly;
	 * 1.21+ atomic.Pointer[readOnly] at +8 */
	uint64_t ro = v119 ? gm_rd64(sb + 16) : gm_rd64(sb + 8);
	uint64_t dirty = v119 ? gm_rd64(sb + 24) : gm_rd64(sb + 16);
	uint64_t readm = 0;
	uint8_t amended = 0;
	if (ro) {
		uint8_t rb[16];
		if (!gm_memsrc_try_read(m, ro, rb, sizeof(rb)))
			return gm_error_fault(ro, "sync.Map at 0x%llx: read-only part not readable",
					      (unsigned long long)addr);
		readm = gm_rd64(rb);
		amended = rb[8];
	}
	/* amended: dirty holds every live entry (it starts as a copy of read) */
	uint64_t which = amended && dirty ? dirty : readm;
	struct rw_ctx c = {m, v119, expunged, fn, ctx, 0, 0};
	struct gm_error *err = gm_gomap_foreach(m, dirty_mt, which, max_entries, rw_entry, &c, stats);
	stats->count = c.live;
	stats->visited = c.live;
	return err;
}
