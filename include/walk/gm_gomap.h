/* gm_gomap: enumerate the entries of Go maps and sync.Maps in target memory.
 *
 * Implementations (docs/go-runtime-reference.md §4):
 * - GM_MAP_HMAP: the classic hash map (runtime.hmap, Go <= 1.23 and 1.24/1.25
 *   built with GOEXPERIMENT=noswissmap); buckets, overflow chains and, during
 *   a grow, the old buckets' slots that are not evacuated yet;
 * - GM_MAP_SWISS: Swiss tables (internal/runtime/maps.Map, 1.24+): a small
 *   map (one group) or a directory of tables.
 * sync.Map: the read/dirty version (1.19, 1.21-1.23, 1.24/1.25 with
 * GOEXPERIMENT=nosynchashtriemap) and the HashTrieMap (1.24+).
 *
 * Every walk is bounded (entries, buckets, chain lengths, tree depth) and
 * cycle-safe; target memory is hostile. The callback receives the ADDRESS of
 * each key and element in target memory (indirect keys/elems already
 * followed). */
#ifndef GM_GOMAP_H
#define GM_GOMAP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_memsrc.h"

/* GM_MAP_SWISS_SPLIT: Swiss tables whose groups are {ctrl; keys [8]K;
 * elems [8]V} (Go 1.27+ GOEXPERIMENT=mapsplitgroup). It only matters to
 * gm_maptype_synth; maptypes made from it have impl GM_MAP_SWISS. */
enum gm_map_impl { GM_MAP_HMAP = 1, GM_MAP_SWISS = 2, GM_MAP_SWISS_SPLIT = 3 };

/* What the walker needs from a map type (abi.MapType / OldMapType /
 * runtime.maptype / SwissMapType). */
struct gm_maptype {
	enum gm_map_impl impl;
	uint64_t key_size, elem_size;  /* of K and V themselves */
	bool indirect_key, indirect_elem;
	/* HMAP: slot sizes (8 when indirect) and the bucket size */
	uint64_t key_slot, elem_slot, bucket_size;
	/* SWISS: group size and where slot i's key/elem are inside a group:
	 * key(i) = group + keys_off + i*key_stride, elem(i) = group + elems_off + i*elem_stride */
	uint64_t group_size, keys_off, key_stride, elems_off, elem_stride;
};

/* The map type for K and V of the given sizes and alignments, laid out as
 * the Go compiler does for impl (interleaved Swiss groups). */
struct gm_error *gm_maptype_synth(enum gm_map_impl impl, uint64_t key_size, uint64_t key_align,
				  uint64_t elem_size, uint64_t elem_align, struct gm_maptype *out);
/* The map type from a map type descriptor at typ in target memory. go_minor
 * picks the descriptor layout; impl says which map implementation the
 * binary uses (1.24/1.25 may be either). */
struct gm_error *gm_maptype_read(struct gm_memsrc *m, int go_minor, enum gm_map_impl impl,
				 uint64_t typ, struct gm_maptype *out);

/* Return nonzero to stop the walk. */
typedef int (*gm_gomap_fn)(void *ctx, uint64_t key_addr, uint64_t elem_addr);

struct gm_gomap_stats {
	uint64_t count;        /* the map's own count (hmap.count / Map.used) */
	uint64_t visited;      /* entries passed to the callback */
	uint64_t skipped;      /* full slots whose indirect key/elem could not be read */
	bool growing;          /* HMAP: oldbuckets != nil */
	bool truncated;        /* a bound was hit */
	bool stopped;          /* the callback asked to stop */
};

/* Entries at most visited by one walk (callers can lower it). */
#define GM_GOMAP_MAX_ENTRIES (64u * 1024 * 1024)

/* Walks the map whose header (*hmap / *maps.Map, the value of a Go map
 * variable) is at map_addr; 0 is the nil map. max_entries 0 = the default.
 * Errors: the header or the bucket/directory array unreadable, or values
 * that cannot be a map. Unreadable overflow buckets/tables and indirect
 * slots after a good start are counted in stats (truncated/skipped), not
 * errors. */
struct gm_error *gm_gomap_foreach(struct gm_memsrc *m, const struct gm_maptype *mt,
				  uint64_t map_addr, uint64_t max_entries, gm_gomap_fn fn, void *ctx,
				  struct gm_gomap_stats *stats);

enum gm_syncmap_impl {
	GM_SYNCMAP_RW_119 = 1,   /* read atomic.Value (eface) +8, dirty +24, entry.p unsafe.Pointer */
	GM_SYNCMAP_RW = 2,       /* 1.21+: read *readOnly +8, dirty +16 */
	GM_SYNCMAP_TRIE = 3,     /* 1.24+: internal/sync.HashTrieMap[any,any] at +0 */
};

/* Walks a sync.Map at addr (of K=any, V=any). The callback gets the
 * address of the key's eface and of the value's eface (16 bytes each).
 * For the read/dirty versions dirty_mt is the type of map[any]*entry and
 * expunged the value of sync.expunged (0 when unknown: then entries whose
 * value eface has a nil type word are skipped, as expunged's is). */
struct gm_error *gm_syncmap_foreach(struct gm_memsrc *m, enum gm_syncmap_impl impl,
				    const struct gm_maptype *dirty_mt, uint64_t expunged,
				    uint64_t addr, uint64_t max_entries, gm_gomap_fn fn, void *ctx,
				    struct gm_gomap_stats *stats);

#endif
