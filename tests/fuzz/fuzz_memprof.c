/* Fuzz target: the runtime's heap profile reader (gm_memprof_build: the
 * bucket list, cycle folding, runtime-frame trim, pcDeck locations over a
 * real pclntab) and its pprof writer, on a memory image taken from the
 * input. The corpus cores have profiling off (their program reads no heap
 * profile), so the image is made up: the pclntab and symbols are those of a
 * corpus executable, the memory is the input.
 *
 * Input: byte 0 picks the executable (d[0] % 3) and the bucket shapes
 * ((d[0] / 3) & 1: that Go version's gorts table, or the per-version
 * defaults); the rest (at most 64 KiB) is the memory at BASE: the globals
 * runtime.mbuckets at BASE, mProfCycle at +8, MemProfileRate at +16,
 * disableMemoryProfiling at +24, math.useFMA at +25; buckets anywhere after
 * (tests/fuzz/make_seeds.py memprof_seeds writes well-formed lists with PCs
 * in the executables' text).
 *
 * (d[0] / 6) % 3 picks the profile: 0 the heap profile (above), 1 the block
 * and 2 the mutex profile (gm_blockprof_build: the bucket list, the sort,
 * 1.19's mutex scaling, 1.23+'s CallersFrames expansion): the list head at
 * BASE, runtime.ticks.val at +8, the rate at +16. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_memprof.h"
#include "gm_memsrc.h"

#define BASE 0x7f0000000000ull
#define MAXMEM 65536
static const char *samples[] = {"go1.19-scenarios", "go1.22-scenarios", "go1.27-scenarios"};
#define NSAMPLES 3
static struct gm_gobin *gbs[NSAMPLES];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	for (int i = 0; i < NSAMPLES; i++) {
		uint64_t size;
		int fd = gmf_corpus_file(samples[i], "exe", &size);
		char p[64];
		struct gm_error *err = gm_gobin_open(gmf_fd_path(fd, p, sizeof(p)), &gbs[i]);
		if (err)
			gmf_die(err->msg);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	if (n < 1)
		return 0;
	const struct gm_gobin *gb = gbs[d[0] % NSAMPLES];
	bool lay = (d[0] / 3) & 1;
	size_t len = n - 1 > MAXMEM ? MAXMEM : n - 1;
	/* a copy, so that reads past the input are ASan errors */
	uint8_t *mem = malloc(len ? len : 1);
	if (!mem)
		return 0;
	memcpy(mem, d + 1, len);
	struct gm_memsrc *m;
	if (gm_memsrc_create(&m)) {
		free(mem);
		return 0;
	}
	if (len && gm_memsrc_add(m, BASE, len, len, mem, 1, GM_SEG_TEST))
		abort();
	const struct gm_layout *L = lay ? gm_layout_gorts_table(gb->go_minor) : NULL;
	int kind = (d[0] / 6) % 3;
	struct gm_memprof_globals g = {BASE, BASE + 8, BASE + 16, BASE + 24, BASE + 25, L};
	struct gm_blockprof_globals bg = {BASE, BASE + 16, BASE + 8, L};
	struct gm_memprof *p = NULL;
	struct gm_error *err = kind == GM_PROF_HEAP ? gm_memprof_build(gb, m, &g, "input", &p)
						    : gm_blockprof_build(gb, m, kind, &bg, "input", &p);
	if (err) {
		if (!err->msg[0])
			abort();
		gm_error_destroy(err);
	} else {
		if (strnlen(p->problem, sizeof(p->problem)) == sizeof(p->problem))
			abort();
		/* every location index and frame range in bounds */
		for (size_t i = 0; i < p->nsamples; i++) {
			const struct gm_memprof_sample *s = &p->samples[i];
			if ((size_t)s->loc_first + s->nloc > p->nloc_ids ||
			    (size_t)s->stk_first + s->nstk > p->npcs)
				abort();
			for (uint32_t k = 0; k < s->nloc; k++)
				if (p->loc_ids[s->loc_first + k] >= p->nlocs)
					abort();
		}
		for (size_t i = 0; i < p->nlocs; i++)
			if ((size_t)p->locs[i].first + p->locs[i].nframes > p->nframes)
				abort();
		FILE *null = fopen("/dev/null", "wb");
		if (null) {
			if (!p->disabled[0] && gm_memprof_write_pprof(p, null) != 0)
				abort();
			fclose(null);
		}
		gm_memprof_destroy(p);
	}
	gm_memsrc_destroy(m);
	free(mem);
	return 0;
}
