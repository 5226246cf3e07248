/* minwalk: the floor for walking a core's goroutines (issue 22's baseline).
 *
 * Everything the goroutine walker cannot avoid and nothing else: the
 * session (executable tables and runtime layout) finds runtime.allgs and the
 * runtime.g field offsets; then the core is mapped again here, read-only
 * and private as the target maps it, with its PT_LOADs in a sorted table,
 * and the walk is: allgs[i] -> the g -> its status (dead ones skipped),
 * g.stack, g.sched.{pc,sp,bp} -> frame pointers up the stack (return PC at
 * bp+8, caller's bp at bp) while they stay inside the goroutine's stack.
 * No symbols, no pclntab, no grouping, no output but a checksum.
 *
 * Usage: minwalk CORE EXE [--advise LIST] [--runs N]
 * LIST (default "huge,willneed", as gomortem; "none": a plain mapping):
 * comma-separated, to see what each gains at the floor: populate
 * (MAP_POPULATE), seq (MADV_SEQUENTIAL), willneed (MADV_WILLNEED), huge
 * (MADV_HUGEPAGE), popread (MADV_POPULATE_READ), all on the whole core.
 * Prints on stderr: goroutines, frames, a checksum of the PCs, the walk's time (ms,
 * best of --runs, after the session is open) and the page faults of the
 * first run. bench/bench.py times the whole process, as it does gomortem.
 * This is a benchmark tool, not a test. */
#include <elf.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gm_session.h"

struct load {
	uint64_t va, end; /* [va, va + filesz) */
	const uint8_t *data;
};

static struct load *loads;
static size_t nloads, last;

static const uint8_t *at(uint64_t a, size_t n)
{
	const struct load *l = &loads[last];
	if (a >= l->va && a + n <= l->end)
		return l->data + (a - l->va);
	size_t lo = 0, hi = nloads;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (loads[mid].va <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || a + n > loads[lo - 1].end || a + n < a)
		return NULL;
	last = lo - 1;
	return loads[last].data + (a - loads[last].va);
}

static bool rd(uint64_t a, uint64_t *v)
{
	const uint8_t *p = at(a, 8);
	if (!p)
		return false;
	memcpy(v, p, 8);
	return true;
}

static int cmp_load(const void *a, const void *b)
{
	const struct load *x = a, *y = b;
	return x->va < y->va ? -1 : x->va > y->va;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	const char *core = NULL, *exe = NULL;
	const char *adv = "huge,willneed"; /* what gomortem does by default */
	int runs = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--advise") && i + 1 < argc)
			adv = argv[++i];
		else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!core)
			core = argv[i];
		else if (!exe)
			exe = argv[i];
	}
	if (!core || !exe || runs < 1) {
		fprintf(stderr, "usage: minwalk CORE EXE [--advise populate,seq,willneed,huge,popread] [--runs N]\n");
		return 2;
	}
	struct gm_session_opts so = {.core = core, .exe = exe, .force = true};
	struct gm_session *s;
	struct gm_error *err = gm_session_open(&so, &s);
	if (err) {
		fprintf(stderr, "minwalk: %s\n", err->msg);
		return 2;
	}
	const struct gm_layout *l = &s->layout;
	if (!s->have_layout || !l->allgs || l->g_sched_bp < 0) {
		fprintf(stderr, "minwalk: no layout (allgs, g.sched.bp)\n");
		return 2;
	}

	int fd = open(core, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror(core);
		return 2;
	}
	size_t size = (size_t)st.st_size;
	double tm0 = now_ms();
	const uint8_t *map = mmap(NULL, size, PROT_READ,
				  MAP_PRIVATE | (strstr(adv, "populate") ? MAP_POPULATE : 0), fd, 0);
	if (map == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	if (strstr(adv, "seq"))
		madvise((void *)map, size, MADV_SEQUENTIAL);
	if (strstr(adv, "huge"))
		madvise((void *)map, size, MADV_HUGEPAGE);
	if (strstr(adv, "willneed"))
		madvise((void *)map, size, MADV_WILLNEED);
#ifdef MADV_POPULATE_READ
	if (strstr(adv, "popread"))
		madvise((void *)map, size, MADV_POPULATE_READ);
#endif
	double map_ms = now_ms() - tm0;
	const Elf64_Ehdr *eh = (const void *)map;
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size) {
		fprintf(stderr, "minwalk: %s: not a plain ELF core\n", core);
		return 2;
	}
	const Elf64_Phdr *ph = (const void *)(map + eh->e_phoff);
	loads = calloc(eh->e_phnum + 1u, sizeof(*loads));
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || !ph[i].p_filesz)
			continue;
		uint64_t fs = ph[i].p_filesz;
		if (ph[i].p_offset > size)
			continue;
		if (fs > size - ph[i].p_offset)
			fs = size - ph[i].p_offset;
		loads[nloads++] = (struct load){ph[i].p_vaddr, ph[i].p_vaddr + fs, map + ph[i].p_offset};
	}
	qsort(loads, nloads, sizeof(*loads), cmp_load);
	if (!nloads) {
		fprintf(stderr, "minwalk: no PT_LOAD\n");
		return 2;
	}

	double best = 0;
	uint64_t ngs = 0, nframes = 0, sum = 0;
	long faults = 0;
	for (int run = 0; run < runs; run++) {
		struct rusage r0, r1;
		getrusage(RUSAGE_SELF, &r0);
		double t0 = now_ms();
		ngs = nframes = sum = 0;
		uint64_t allgs, allglen;
		if (!rd(l->allgs, &allgs) || !rd(l->allgs + 8, &allglen)) {
			fprintf(stderr, "minwalk: allgs unreadable\n");
			return 2;
		}
		const uint8_t *slots = at(allgs, allglen * 8);
		for (uint64_t i = 0; slots && i < allglen; i++) {
			uint64_t gp;
			memcpy(&gp, slots + 8 * i, 8);
			const uint8_t *g = at(gp, (size_t)l->g_size);
			if (!g)
				continue;
			uint32_t status;
			memcpy(&status, g + l->g_atomicstatus, 4);
			if ((int32_t)(status & ~l->gs_scan) == l->gs_dead)
				continue;
			uint64_t lo, hi, pc, bp;
			memcpy(&lo, g + l->g_stack_lo, 8);
			memcpy(&hi, g + l->g_stack_hi, 8);
			memcpy(&pc, g + l->g_sched_pc, 8);
			memcpy(&bp, g + l->g_sched_bp, 8);
			ngs++;
			sum += pc;
			for (unsigned k = 0; k < 100000 && bp >= lo && bp + 16 <= hi; k++) {
				const uint8_t *f = at(bp, 16);
				if (!f)
					break;
				uint64_t nbp;
				memcpy(&nbp, f, 8);
				memcpy(&pc, f + 8, 8);
				if (!pc)
					break;
				nframes++;
				sum = sum * 31 + pc;
				if (nbp <= bp)
					break;
				bp = nbp;
			}
		}
		double t = now_ms() - t0;
		getrusage(RUSAGE_SELF, &r1);
		if (run == 0)
			faults = (r1.ru_minflt - r0.ru_minflt) + (r1.ru_majflt - r0.ru_majflt);
		if (run == 0 || t < best)
			best = t;
	}
	fprintf(stderr, "minwalk: goroutines %" PRIu64 " frames %" PRIu64 " checksum %016" PRIx64
	       " map_ms %.1f walk_ms %.1f faults %ld\n", ngs, nframes, sum, map_ms, best, faults);
	munmap((void *)map, size);
	close(fd);
	free(loads);
	gm_session_destroy(s);
	return 0;
}
