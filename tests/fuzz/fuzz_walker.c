/* Fuzz target: the goroutine walker over a mutated memory image of a real
 * core (corpus/go1.XX-scenarios). It only walks: the renderers have their
 * own target (fuzz_render.c); every record is checked against what they
 * rely on (fuzz_records.h).
 *
 * Start-up: each corpus core and executable is opened once; the core's
 * saved segments are copied into writable buffers that form the memory of a
 * stand-in target (threads and mappings borrowed from the real one, the
 * executable's PT_LOADs under it as usual). A clean walk finds the regions
 * the walker reads: the allgs slice header and array, every g, every m, the
 * saved part of every goroutine stack, runtime.sched.
 *
 * Input: byte 0 picks the sample, then records
 *   u8 region, u16 offset, u8 op, u8 arg [, raw bytes]
 * op 0: (arg % 32) + 1 raw bytes from the input;
 * op 1: an 8-byte pointer from the sample's pointer table (gs, ms, stack
 *       addresses, the region itself: cycles; 0; unmapped addresses);
 * op 2: an 8-byte absurd value (lengths, counts, statuses);
 * op 3: xor one byte with arg + 1.
 * Patches are undone after the input, so each input starts from the clean
 * image. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "fuzz_records.h"
#include "fuzz_sample.h"
#include "gm_bytes.h"
#ifdef GMF_FINALIZERS
#include "gm_finalizers.h"
#endif
#include "gm_gobin.h"
#include "gm_goroutines.h"
#include "gm_layout.h"
#include "gm_target.h"

static const char *samples[] = {"go1.19-scenarios", "go1.22-scenarios", "go1.27-scenarios"};
#define NSAMPLES 3
#define MAXREG 4096
#define MAXPTR 1024

struct region {
	uint64_t addr, size;
};

struct sample {
	struct gm_target *real;   /* the opened core (owns threads, maps) */
	struct gm_target fake;    /* same, memory replaced by writable copies */
	struct gm_gobin *gb;
	struct gm_layout layout;
	uint8_t **copies;
	size_t ncopies;
	struct region reg[MAXREG];
	size_t nreg;
	uint64_t ptrs[MAXPTR];
	size_t nptr;
};

static struct sample S[NSAMPLES];
static struct gmf_undo undo;

static const uint64_t absurd[] = {
	0, 1, 2, 3, 4, 6, 8, 9, 0x7f, 0x80, 0xff, 0x1000, 0xffff, 0x7fffffff, 0x80000000,
	0xffffffff, 0x100000000ull, 1ull << 40, 0x7fffffffffffffffull, 0x8000000000000000ull,
	~0ull, ~0ull - 7, 0x4000000, 0x3ffffff, 100000, 100001,
};

static void add_reg(struct sample *s, uint64_t addr, uint64_t size)
{
	if (s->nreg < MAXREG && size)
		s->reg[s->nreg++] = (struct region){addr, size};
}

static void add_ptr(struct sample *s, uint64_t p)
{
	if (s->nptr < MAXPTR)
		s->ptrs[s->nptr++] = p;
}

static void setup(struct sample *s, const char *name)
{
	gmf_open_sample(name, &s->real, &s->gb, &s->layout, NULL);
	struct gm_error *err;
	s->fake = *s->real;
	s->fake.priv = NULL;
	s->fake.priv_destroy = NULL;
	if ((err = gm_memsrc_create(&s->fake.mem)))
		gmf_die(err->msg);
	size_t ns = gm_memsrc_nsegments(s->real->mem);
	s->copies = calloc(ns, sizeof(*s->copies));
	for (size_t i = 0; i < ns; i++) {
		const struct gm_segment *g = gm_memsrc_segment(s->real->mem, i);
		uint8_t *c = NULL;
		if (g->filesz) {
			c = malloc(g->filesz);
			if (!c)
				gmf_die("out of memory");
			memcpy(c, g->data, g->filesz);
			s->copies[s->ncopies++] = c;
		}
		if ((err = gm_memsrc_add(s->fake.mem, g->vaddr, g->memsz, g->filesz, c, g->prio,
					 g->origin)))
			gmf_die(err->msg);
	}
	if ((err = gm_target_add_exe_segments(&s->fake, s->gb->data, s->gb->size, 0)))
		gmf_die(err->msg);

	/* a clean walk finds where the walker reads */
	const struct gm_layout *l = &s->layout;
	struct gm_memsrc *m = s->fake.mem;
	uint64_t allgs = 0, allglen = 0;
	gm_memsrc_u64(m, l->allgs, &allgs);
	gm_memsrc_u64(m, l->allgs + 8, &allglen);
	add_reg(s, l->allgs, 24);
	if (l->allglen)
		add_reg(s, l->allglen, 8);
	add_reg(s, allgs, allglen * 8);
	if (l->sched)
		add_reg(s, l->sched, 512);
	if (l->allm)
		add_reg(s, l->allm, 8);
	add_ptr(s, 0);
	add_ptr(s, allgs);
	add_ptr(s, l->allgs);
	add_ptr(s, 0x10);
	add_ptr(s, 0xdead0000);
	add_ptr(s, 0x7ffffffff000ull);
	add_ptr(s, ~0ull);
	struct gm_gwalk_opts o = {.want_args = true, .want_labels = true};
	struct gm_gwalk *w;
	if ((err = gm_gwalk_create(&s->fake, s->gb, l, &o, &w)))
		gmf_die(err->msg);
	const struct gm_goroutine *g;
	uint64_t lastm = 0;
	while (!(err = gm_gwalk_next(w, &g)) && g) {
		add_reg(s, g->addr, (uint64_t)l->g_size);
		add_ptr(s, g->addr);
		uint64_t sp = 0, hi = 0, lo = 0;
		gm_memsrc_u64(m, g->addr + (uint64_t)l->g_sched_sp, &sp);
		gm_memsrc_u64(m, g->addr + (uint64_t)l->g_stack_hi, &hi);
		gm_memsrc_u64(m, g->addr + (uint64_t)l->g_stack_lo, &lo);
		if (sp && hi > sp && hi - sp < (1 << 20)) {
			add_reg(s, sp, hi - sp);
			add_ptr(s, sp);
			add_ptr(s, sp + (hi - sp) / 2);
		}
		add_ptr(s, lo);
		add_ptr(s, hi);
		for (size_t i = 0; i < g->nframes && i < 4; i++)
			add_ptr(s, g->frames[i].pc);
		if (g->m_addr && g->m_addr != lastm) {
			add_reg(s, g->m_addr, (uint64_t)l->m_size);
			add_ptr(s, g->m_addr);
			lastm = g->m_addr;
		}
		if (g->gopc)
			add_ptr(s, g->gopc);
	}
	if (err)
		gmf_die(err->msg);
	gm_gwalk_destroy(w);
	/* and every saved core segment, whole (heap spans, specials, anything) */
	for (size_t i = 0; i < gm_memsrc_nsegments(m); i++) {
		const struct gm_segment *sg = gm_memsrc_segment(m, i);
		if (sg->origin == GM_SEG_CORE && sg->filesz)
			add_reg(s, sg->vaddr, sg->filesz);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	for (int i = 0; i < NSAMPLES; i++)
		setup(&S[i], samples[i]);
	return 0;
}

/* Writable bytes of the image at addr (a core segment's saved part). */
static uint8_t *image_at(struct sample *s, uint64_t addr, size_t n)
{
	const struct gm_segment *g = gm_memsrc_segment_at(s->fake.mem, addr);
	if (!g || g->origin != GM_SEG_CORE || addr - g->vaddr > g->filesz ||
	    n > g->filesz - (addr - g->vaddr))
		return NULL;
	return (uint8_t *)(uintptr_t)g->data + (addr - g->vaddr);
}

static void apply(struct sample *s, const uint8_t *d, size_t n)
{
	struct gmf_in in = {d, d + n};
	for (;;) {
		uint8_t r, op, arg;
		uint16_t off;
		if (!gmf_take(&in, &r, 1) || !gmf_take(&in, &off, 2) || !gmf_take(&in, &op, 1) ||
		    !gmf_take(&in, &arg, 1))
			return;
		const struct region *rg = &s->reg[r % s->nreg];
		uint64_t at = rg->addr + off % rg->size;
		uint8_t buf[32];
		size_t len;
		switch (op % 4) {
		case 0:
			len = (size_t)(arg % 32) + 1;
			if (!gmf_take(&in, buf, len))
				return;
			break;
		case 1:
			at &= ~7ull;
			memcpy(buf, &s->ptrs[arg % s->nptr], 8);
			len = 8;
			break;
		case 2:
			at &= ~7ull;
			memcpy(buf, &absurd[arg % (sizeof(absurd) / sizeof(absurd[0]))], 8);
			len = 8;
			break;
		default: {
			uint8_t *p = image_at(s, at, 1);
			if (!p)
				continue;
			buf[0] = *p ^ (uint8_t)(arg + 1);
			len = 1;
			break;
		}
		}
		uint8_t *p = image_at(s, at, len);
		if (p && !gmf_patch(&undo, p, buf, len))
			return;
	}
}

#ifdef GMF_FINALIZERS
/* fuzz_finalizers: the finalizer/cleanup walker over the same images. */
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	if (n < 1)
		return 0;
	struct sample *s = &S[d[0] % NSAMPLES];
	apply(s, d + 1, n - 1);
	struct gm_fin_report *r;
	struct gm_error *err = gm_fin_collect(&s->fake, s->gb, &s->layout, &r);
	if (err) {
		if (!err->msg[0])
			abort();
		gm_error_destroy(err);
	} else {
		gm_fin_report_destroy(r);
	}
	gmf_undo_all(&undo);
	return 0;
}
#else
/* The walk only: the renderers are fuzzed on their own (fuzz_render.c).
 * What they rely on in a record (fuzz_records.h) is checked here on every
 * record, and the strings they keep past a record at the end of the walk. */
static struct gmf_keep keep;

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	if (n < 1)
		return 0;
	struct sample *s = &S[d[0] % NSAMPLES];
	apply(s, d + 1, n - 1);

	struct gm_gwalk_opts o = {.want_args = true, .want_labels = true};
	struct gm_gwalk *w;
	struct gm_error *err = gm_gwalk_create(&s->fake, s->gb, &s->layout, &o, &w);
	if (err) {
		if (!err->msg[0])
			abort();
		gm_error_destroy(err);
		gmf_undo_all(&undo);
		return 0;
	}
	const char *now_source = NULL;
	(void)gm_gwalk_now(w, &now_source);
	gmf_keep_reset(&keep);
	const struct gm_goroutine *g;
	uint64_t count = 0;
	while (!(err = gm_gwalk_next(w, &g)) && g) {
		gmf_check_record(g, &keep);
		count++;
	}
	if (err && !err->msg[0])
		abort();
	gm_error_destroy(err);
	struct gm_gwalk_stats stats;
	gm_gwalk_stats(w, &stats);
	if (stats.live != count)
		abort();
	size_t len;
	if (stats.first_problem)
		(void)gmf_hash_str(stats.first_problem, &len);
	if (now_source)
		(void)gmf_hash_str(now_source, &len);
	gmf_keep_check(&keep);
	gm_gwalk_destroy(w);
	gmf_undo_all(&undo);
	return 0;
}
#endif
