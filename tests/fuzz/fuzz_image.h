/* Target-memory mutation shared by the walker fuzz targets that came after
 * fuzz_walker.c (heap, timers, maps, types, gomap). Header-only, fuzz builds.
 *
 * Start-up (fi_setup): each corpus core (corpus/go1.{19,22,27}-scenarios) and
 * its executable are opened once. A stand-in target is built whose memory is
 * WRITABLE COPIES of the core's saved segments and of the executable's
 * PT_LOADs (type descriptors, moduledata and the like live there), with the
 * threads and mappings of the real core. The pclntab and symbols still come
 * from the pristine executable (fuzz_pclntab and fuzz_gobin cover them).
 *
 * Where to mutate: the harness runs its walker once on the clean image with
 * every copy mprotect'ed PROT_NONE; a SIGSEGV handler records each page the
 * walker touches (in first-touch order) and opens it. Those pages are the
 * regions: exactly the memory this walker reads (mheap_, spans, allp, the
 * P's timer heaps, sync.Map nodes, type descriptors, ...). A target may
 * set fi_prepare to shape the image before the trace (fuzz_plugins adds a
 * module list the corpus cores lack). The pointer table
 * is the start of every such page plus up to FI_MAXPTR values found in them
 * that point into another touched page (real links: cycles and cross links
 * come from these), plus 0 and a few unmapped addresses.
 *
 * Input: byte 0 picks the sample (d[0] % 3; d[0] / 3 is left to the
 * harness), then records
 *   u16 region, u16 offset, u8 op, u8 arg [, raw bytes]
 * at region.addr + offset % region.size:
 * op 0: (arg % 32) + 1 raw bytes from the input;
 * op 1: an 8-byte pointer from the pointer table;
 * op 2: an 8-byte absurd value (lengths, counts, states, sizes);
 * op 3: xor one byte with arg + 1;
 * op 4: the 8-byte pointer to this very word (a one-element cycle);
 * op 5: add (int8)arg to the 8-byte word (off-by-a-few pointers, counts).
 * Patches are undone after each input. */
#ifndef GM_FUZZ_IMAGE_H
#define GM_FUZZ_IMAGE_H
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "fuzz_sample.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_memsrc.h"
#include "gm_session.h"
#include "gm_target.h"

#define FI_NSAMPLES 3
#define FI_MAXREG 8192
#define FI_MAXPTR 4096
#define FI_MAXBUF 1024
#define FI_PAGE 4096ull

static const char *const fi_samples[FI_NSAMPLES] = {"go1.19-scenarios", "go1.22-scenarios",
						    "go1.27-scenarios"};

struct fi_region {
	uint64_t addr, size;
};

struct fi_buf { /* a writable copy (page aligned, mmapped) */
	uint8_t *p;
	size_t size;
	uint8_t *touched; /* one byte per page, during the trace */
};

struct fi_sample {
	struct gm_target *real;
	struct gm_target fake;
	struct gm_gobin *gb;
	struct gm_layout layout;
	struct gm_typed_globals tg; /* DWARF's typed globals (heap --by-type's roots), read once */
	struct fi_buf bufs[FI_MAXBUF];
	size_t nbufs;
	struct fi_region reg[FI_MAXREG];
	size_t nreg;
	uint64_t ptrs[FI_MAXPTR];
	size_t nptr;
};

static struct fi_sample fi_S[FI_NSAMPLES];
static struct gmf_undo fi_undo;

static const uint64_t fi_absurd[] = {
	0, 1, 2, 3, 4, 6, 8, 9, 0x7f, 0x80, 0xff, 0x1000, 0xffff, 0x7fffffff, 0x80000000,
	0xffffffff, 0x100000000ull, 1ull << 40, 0x7fffffffffffffffull, 0x8000000000000000ull,
	~0ull, ~0ull - 7, 0x4000000, 0x3ffffff, 100000, 100001, 68, 67, 136, 0x2000, 8192,
	1ull << 22, (1ull << 22) - 1, 0x3fffffffffffull,
};

/* ---- the page trace ---- */

static struct fi_sample *fi_tracing;
/* host page -> first-touch order, as a list of host page addresses */
static uintptr_t *fi_trace;
static size_t fi_ntrace, fi_captrace;

static void fi_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	uintptr_t a = (uintptr_t)si->si_addr;
	struct fi_sample *s = fi_tracing;
	for (size_t i = 0; s && i < s->nbufs; i++) {
		struct fi_buf *b = &s->bufs[i];
		if (a >= (uintptr_t)b->p && a < (uintptr_t)b->p + b->size) {
			uintptr_t pg = a & ~(uintptr_t)(FI_PAGE - 1);
			size_t k = (pg - (uintptr_t)b->p) / FI_PAGE;
			if (!b->touched[k]) {
				b->touched[k] = 1;
				if (fi_ntrace < fi_captrace)
					fi_trace[fi_ntrace++] = pg;
			}
			if (mprotect((void *)pg, FI_PAGE, PROT_READ | PROT_WRITE) == 0)
				return;
		}
	}
	/* not ours: die the default way */
	signal(sig, SIG_DFL);
	raise(sig);
}

static uint8_t *fi_copy(struct fi_sample *s, const uint8_t *src, size_t n)
{
	if (s->nbufs == FI_MAXBUF)
		gmf_die("too many segments");
	size_t sz = (n + FI_PAGE - 1) & ~(size_t)(FI_PAGE - 1);
	uint8_t *p = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		gmf_die("mmap");
	memcpy(p, src, n);
	struct fi_buf *b = &s->bufs[s->nbufs++];
	b->p = p;
	b->size = sz;
	b->touched = calloc(sz / FI_PAGE, 1);
	if (!b->touched)
		gmf_die("out of memory");
	return p;
}

static void fi_add_reg(struct fi_sample *s, uint64_t addr, uint64_t size)
{
	if (s->nreg < FI_MAXREG && size)
		s->reg[s->nreg++] = (struct fi_region){addr, size};
}

static void fi_add_ptr(struct fi_sample *s, uint64_t p)
{
	if (s->nptr < FI_MAXPTR)
		s->ptrs[s->nptr++] = p;
}

/* The target address range(s) of a touched host page. */
static void fi_page_regions(struct fi_sample *s, uintptr_t pg)
{
	struct gm_memsrc *m = s->fake.mem;
	for (size_t i = 0; i < gm_memsrc_nsegments(m); i++) {
		const struct gm_segment *g = gm_memsrc_segment(m, i);
		uintptr_t lo = (uintptr_t)g->data, hi = lo + g->filesz;
		if (!g->filesz || hi <= pg || lo >= pg + FI_PAGE)
			continue;
		uintptr_t a = pg > lo ? pg : lo, b = pg + FI_PAGE < hi ? pg + FI_PAGE : hi;
		/* only if this segment really serves those addresses */
		uint64_t va = g->vaddr + (a - lo);
		if (gm_memsrc_segment_at(m, va) != g)
			continue;
		fi_add_reg(s, va, b - a);
	}
}

static bool fi_touched_addr(struct fi_sample *s, uint64_t va)
{
	const struct gm_segment *g = gm_memsrc_segment_at(s->fake.mem, va);
	if (!g || va - g->vaddr >= g->filesz)
		return false;
	uintptr_t h = (uintptr_t)g->data + (va - g->vaddr);
	for (size_t i = 0; i < s->nbufs; i++) {
		struct fi_buf *b = &s->bufs[i];
		if (h >= (uintptr_t)b->p && h < (uintptr_t)b->p + b->size)
			return b->touched[(h - (uintptr_t)b->p) / FI_PAGE];
	}
	return false;
}

typedef void (*fi_run_fn)(struct fi_sample *s);
/* NULL, or called on each image once built, before the trace */
static fi_run_fn fi_prepare;

/* Opens a sample, builds the writable image, traces `clean` over it. */
static void fi_setup(struct fi_sample *s, const char *name, fi_run_fn clean)
{
	gmf_open_sample(name, &s->real, &s->gb, &s->layout, &s->tg);
	struct gm_error *err;
	s->fake = *s->real;
	s->fake.priv = NULL;
	s->fake.priv_destroy = NULL;
	if ((err = gm_memsrc_create(&s->fake.mem)))
		gmf_die(err->msg);
	size_t ns = gm_memsrc_nsegments(s->real->mem);
	for (size_t i = 0; i < ns; i++) {
		const struct gm_segment *g = gm_memsrc_segment(s->real->mem, i);
		const uint8_t *c = g->filesz ? fi_copy(s, g->data, g->filesz) : NULL;
		if ((err = gm_memsrc_add(s->fake.mem, g->vaddr, g->memsz, g->filesz, c, g->prio,
					 g->origin)))
			gmf_die(err->msg);
	}
	uint8_t *exe = fi_copy(s, s->gb->data, s->gb->size);
	if ((err = gm_target_add_exe_segments(&s->fake, exe, s->gb->size, 0)))
		gmf_die(err->msg);
	if (fi_prepare)
		fi_prepare(s);

	/* the trace */
	fi_captrace = 1u << 20;
	fi_trace = malloc(fi_captrace * sizeof(*fi_trace));
	if (!fi_trace)
		gmf_die("out of memory");
	fi_ntrace = 0;
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fi_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &old) < 0)
		gmf_die("sigaction");
	fi_tracing = s;
	for (size_t i = 0; i < s->nbufs; i++)
		if (mprotect(s->bufs[i].p, s->bufs[i].size, PROT_NONE) < 0)
			gmf_die("mprotect");
	clean(s);
	for (size_t i = 0; i < s->nbufs; i++)
		if (mprotect(s->bufs[i].p, s->bufs[i].size, PROT_READ | PROT_WRITE) < 0)
			gmf_die("mprotect");
	fi_tracing = NULL;
	sigaction(SIGSEGV, &old, NULL);

	for (size_t i = 0; i < fi_ntrace; i++)
		fi_page_regions(s, fi_trace[i]);
	if (!s->nreg)
		gmf_die("the clean walk read no memory of the image");
	fi_add_ptr(s, 0);
	fi_add_ptr(s, 0x10);
	fi_add_ptr(s, 0xdead0000);
	fi_add_ptr(s, 0x7ffffffff000ull);
	fi_add_ptr(s, ~0ull);
	for (size_t i = 0; i < s->nreg; i++)
		fi_add_ptr(s, s->reg[i].addr);
	/* links found in the touched pages */
	for (size_t i = 0; i < s->nreg && s->nptr < FI_MAXPTR; i++) {
		const uint8_t *p = gm_memsrc_ptr(s->fake.mem, s->reg[i].addr, s->reg[i].size);
		for (uint64_t o = 0; p && o + 8 <= s->reg[i].size && s->nptr < FI_MAXPTR; o += 8) {
			uint64_t v;
			memcpy(&v, p + o, 8);
			if (v > 0x10000 && (v & 7) == 0 && fi_touched_addr(s, v) &&
			    (s->nptr < 64 || v != s->ptrs[s->nptr - 1]))
				fi_add_ptr(s, v);
		}
	}
	for (size_t i = 0; i < s->nbufs; i++) {
		free(s->bufs[i].touched);
		s->bufs[i].touched = NULL;
	}
	free(fi_trace);
	fi_trace = NULL;
	if (getenv("GM_FUZZ_VERBOSE"))
		fprintf(stderr, "fuzz image %s: %zu regions, %zu pointers\n", name, s->nreg, s->nptr);
}

static void fi_setup_all(fi_run_fn clean)
{
	for (int i = 0; i < FI_NSAMPLES; i++)
		fi_setup(&fi_S[i], fi_samples[i], clean);
}

/* Writable bytes of the image at addr (a copy's saved part). */
static uint8_t *fi_image_at(struct fi_sample *s, uint64_t addr, size_t n)
{
	const struct gm_segment *g = gm_memsrc_segment_at(s->fake.mem, addr);
	if (!g || !g->data || addr - g->vaddr > g->filesz || n > g->filesz - (addr - g->vaddr))
		return NULL;
	return (uint8_t *)(uintptr_t)g->data + (addr - g->vaddr);
}

/* Applies the records of d to the sample's image (undone by fi_undo_all). */
static void fi_apply(struct fi_sample *s, const uint8_t *d, size_t n)
{
	struct gmf_in in = {d, d + n};
	for (;;) {
		uint16_t r, off;
		uint8_t op, arg;
		if (!gmf_take(&in, &r, 2) || !gmf_take(&in, &off, 2) || !gmf_take(&in, &op, 1) ||
		    !gmf_take(&in, &arg, 1))
			return;
		const struct fi_region *rg = &s->reg[r % s->nreg];
		uint64_t at = rg->addr + off % rg->size;
		uint8_t buf[32];
		size_t len = 8;
		uint64_t v;
		switch (op % 6) {
		case 0:
			len = (size_t)(arg % 32) + 1;
			if (!gmf_take(&in, buf, len))
				return;
			break;
		case 1:
			at &= ~7ull;
			memcpy(buf, &s->ptrs[arg % s->nptr], 8);
			break;
		case 2:
			at &= ~7ull;
			memcpy(buf, &fi_absurd[arg % (sizeof(fi_absurd) / sizeof(fi_absurd[0]))], 8);
			break;
		case 3: {
			uint8_t *p = fi_image_at(s, at, 1);
			if (!p)
				continue;
			buf[0] = *p ^ (uint8_t)(arg + 1);
			len = 1;
			break;
		}
		case 4:
			at &= ~7ull;
			memcpy(buf, &at, 8);
			break;
		default: {
			at &= ~7ull;
			uint8_t *p = fi_image_at(s, at, 8);
			if (!p)
				continue;
			memcpy(&v, p, 8);
			v += (uint64_t)(int64_t)(int8_t)arg;
			memcpy(buf, &v, 8);
			break;
		}
		}
		uint8_t *p = fi_image_at(s, at, len);
		if (p && !gmf_patch(&fi_undo, p, buf, len))
			return;
	}
}

static void fi_undo_all(void)
{
	gmf_undo_all(&fi_undo);
}

/* Every error must say something. */
static void fi_check_error(struct gm_error *err)
{
	if (err) {
		if (!err->msg[0])
			abort();
		gm_error_destroy(err);
	}
}

/* The libFuzzer entry points of a target whose run_fn(sample) walks one
 * sample image: the first input byte picks the sample, the rest are patches
 * (fi_apply), undone after the walk. FI_DEFINE_FUZZER_WITH: prepare_fn
 * (or NULL) shapes each image before its trace (fi_prepare), check_fn (or
 * NULL) then checks each clean image once. */
#define FI_DEFINE_FUZZER_WITH(prepare_fn, run_fn, check_fn)                       \
	int LLVMFuzzerInitialize(int *argc, char ***argv)                         \
	{                                                                         \
		(void)argc;                                                       \
		(void)argv;                                                       \
		fi_run_fn check = (check_fn);                                     \
		fi_prepare = (prepare_fn);                                        \
		fi_setup_all(run_fn);                                             \
		for (int i = 0; check && i < FI_NSAMPLES; i++)                    \
			check(&fi_S[i]);                                          \
		return 0;                                                         \
	}                                                                         \
	int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)                    \
	{                                                                         \
		if (n < 1)                                                        \
			return 0;                                                 \
		struct fi_sample *s = &fi_S[d[0] % FI_NSAMPLES];                  \
		fi_apply(s, d + 1, n - 1);                                        \
		run_fn(s);                                                        \
		fi_undo_all();                                                    \
		return 0;                                                         \
	}
#define FI_DEFINE_FUZZER(run_fn) FI_DEFINE_FUZZER_WITH(NULL, run_fn, NULL)

#endif
