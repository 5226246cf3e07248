/* gm_memprof: the runtime's own sampled heap profile (runtime.mbuckets),
 * rebuilt from a core or a live process exactly as
 * runtime/pprof.WriteHeapProfile would have written it at that moment
 * (src/memprof.c; docs/heap-profile.md):
 *
 *   - memProfileInternal (MemProfile up to 1.22): future[cycle%3] folded
 *     into active; when every bucket's active is still zero (no GC has
 *     published a cycle yet) all three futures are; every bucket is a
 *     record (inuseZero = true);
 *   - runtime/pprof's writeHeapProto: runtime frames hidden up to the first
 *     non-runtime frame, scaleHeapSample (with Go's own math.Exp on amd64),
 *     the `bytes` label, the stack PCs grouped into locations with their
 *     inlined frames as pprof's pcDeck does, functions by symbol name.
 *
 * Everything is read first and checked (bucket list bounded and
 * cycle-checked, nstk against the runtime's own limit, records readable);
 * what could not be read is named in `problem` and the rest kept. */
#ifndef GM_MEMPROF_H
#define GM_MEMPROF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "gm_error.h"
#include "gm_session.h"

/* One line of a location: a logical frame. */
struct gm_memprof_frame {
	const char *name;   /* symbol name as pprof writes it ("" when unknown) */
	const char *file;
	int32_t line;
	int32_t start_line; /* 0 when unknown (always 0 before 1.21, as pprof writes it) */
	uint32_t func_id;   /* 1-based, in first-seen order, as pprof numbers them */
};

/* A location: one or more PCs of the stack merged (inlined calls). */
struct gm_memprof_loc {
	uint64_t addr;      /* the first frame's PC (return address - 1) */
	uint32_t first, nframes; /* in frames[] */
	bool in_mapping;    /* inside the executable's text mapping */
};

struct gm_memprof_sample {
	uint64_t bucket;            /* address of the runtime's bucket */
	uint64_t size;              /* bucket.size: the object size */
	int64_t allocs, frees;      /* published counts after folding, unscaled */
	int64_t alloc_bytes, free_bytes;
	int64_t v[4];               /* alloc_objects alloc_space inuse_objects inuse_space (scaled) */
	int64_t label_bytes;        /* the `bytes` label */
	bool has_label;
	uint32_t stk_first, nstk;   /* the bucket's PCs in pcs[] */
	uint32_t loc_first, nloc;   /* location indices (0-based) in loc_ids[] */
};

/* Which math.Exp the target ran (values as bool fma for amd64). */
enum gm_go_exp { GM_GO_EXP_AMD64 = 0, GM_GO_EXP_AMD64_FMA = 1, GM_GO_EXP_ARM64 = 2 };

struct gm_memprof {
	int go_minor;
	int64_t rate;               /* runtime.MemProfileRate: the profile's period */
	uint32_t cycle;             /* mProfCycle >> 1 */
	bool flushed;               /* mProfCycle & 1 */
	bool folded_all;            /* no cycle published yet: all futures folded (as the runtime does) */
	bool fma;                   /* math.Exp's FMA path (math.useFMA; always on arm64) */
	enum gm_go_exp exp;         /* the math.Exp the scaling reproduces */
	const char *fma_source;     /* "math.useFMA", "this machine's CPU", "arm64 (always)" */
	size_t nbuckets;
	struct gm_memprof_sample *samples; /* in the runtime's bucket order */
	size_t nsamples;
	uint64_t *pcs;
	size_t npcs;
	uint32_t *loc_ids;
	size_t nloc_ids;
	struct gm_memprof_loc *locs;
	size_t nlocs;
	struct gm_memprof_frame *frames;
	size_t nframes;
	size_t nfuncs;
	/* the executable's text mapping (the profile's one mapping) */
	uint64_t map_start, map_limit, map_offset;
	const char *map_file, *build_id;
	/* totals of the published profile, scaled as the samples */
	int64_t total[4];
	/* why the profile cannot be given (then no samples): profiling turned
	 * off; "" otherwise */
	char disabled[200];
	/* first problem of a partial profile, "" when complete */
	char problem[256];

	/* ---- the block and mutex profiles (gm_blockprof_read) ----
	 * kind GM_PROF_BLOCK / GM_PROF_MUTEX: each sample's v[0] is
	 * `contentions` (count), v[1] `delay` (nanoseconds), as
	 * pprof.Lookup("block"|"mutex").WriteTo(w, 0) writes them; allocs holds
	 * the record's Count, alloc_bytes its Cycles (unscaled); samples are in
	 * writeProfileInternal's order (cycles, descending). total[0..1] sum
	 * them. The fields above that are heap-only stay 0. */
	int kind;                   /* enum gm_prof_kind */
	int64_t cycles_per_second;  /* runtime.ticks.val: the runtime's cputicks per second */
	int64_t sampling;           /* runtime.blockprofilerate (cycles) or mutexprofilerate; -1 unknown */
};

enum gm_prof_kind { GM_PROF_HEAP = 0, GM_PROF_BLOCK = 1, GM_PROF_MUTEX = 2 };

/* Reads the profile. An error when the target cannot be read at all (no
 * mbuckets). When profiling is off, returns a profile with `disabled` set
 * and no samples. */
struct gm_error *gm_memprof_read(struct gm_session *s, struct gm_memprof **out);
/* A sample's site: the first frame of its first location (runtime frames
 * already hidden as pprof hides them); NULL when it has none. */
const struct gm_memprof_frame *gm_memprof_sample_site(const struct gm_memprof *p,
						      const struct gm_memprof_sample *s);
void gm_memprof_destroy(struct gm_memprof *p);

/* The profile as runtime/pprof writes it: gzip'd profile.proto. 0 or -1. */
int gm_memprof_write_pprof(const struct gm_memprof *p, FILE *out);

/* Go's math.Exp on amd64 (math/exp_amd64.s), without (fma=false) or with
 * the FMA instructions: the heap profile's scaling must round exactly as
 * the target's would. */
double gm_memprof_go_exp(double x, bool fma);
/* Go's math.Exp on arm64 (math/exp_arm64.s). */
double gm_memprof_go_exp_arm64(double x);
/* runtime/pprof's scaleHeapSample of this Go version: up to 1.26 (count,
 * total bytes), from 1.27 (count, object size). */
void gm_memprof_scale(int go_minor, enum gm_go_exp exp, int64_t count, int64_t bytes_or_size, int64_t rate,
		      int64_t *objs, int64_t *space);

/* The same from given global addresses over any memory (unit tests, fuzz
 * targets): usefma and disable may be 0 (unknown); `where` names the memory
 * in messages ("core"). */
struct gm_layout;
struct gm_memprof_globals {
	uint64_t mbuckets, cycle, rate, disable, usefma;
	/* bucket / memRecord shapes (bucket_*, memrecord*); NULL: the
	 * per-version defaults (header 48 bytes, memRecordCycle 32, 16 in 1.27) */
	const struct gm_layout *layout;
};
struct gm_memsrc;
/* The block (kind GM_PROF_BLOCK) or mutex (GM_PROF_MUTEX) profile:
 * runtime.bbuckets / xbuckets, rebuilt as runtime/pprof's
 * writeProfileInternal + printCountCycleProfile write them (1.19's
 * scaleMutexProfile; from 1.23 the frame-pointer stacks expanded as
 * expandInlinedFrames does). An error when the list head is not found;
 * `disabled` set when there is nothing to give (the rate is 0, or no event
 * has been recorded yet). */
struct gm_error *gm_blockprof_read(struct gm_session *s, int kind, struct gm_memprof **out);
struct gm_blockprof_globals {
	uint64_t head;    /* runtime.bbuckets or runtime.xbuckets */
	uint64_t rate;    /* runtime.blockprofilerate or mutexprofilerate; 0 unknown */
	uint64_t ticks;   /* runtime.ticks.val (the field itself); 0 unknown */
	const struct gm_layout *layout; /* as in gm_memprof_globals */
};
struct gm_error *gm_blockprof_build(const struct gm_gobin *gb, struct gm_memsrc *m, int kind,
				    const struct gm_blockprof_globals *g, const char *where,
				    struct gm_memprof **out);
struct gm_error *gm_memprof_build(const struct gm_gobin *gb, struct gm_memsrc *m,
				  const struct gm_memprof_globals *g, const char *where,
				  struct gm_memprof **out);

#endif
