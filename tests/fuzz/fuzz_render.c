/* Fuzz target: the goroutine renderers (go, text, json, pprof) on their own,
 * over mutated goroutine records. The walker has its own target
 * (fuzz_walker.c); both sides keep to the contract of fuzz_records.h.
 *
 * Start-up: each corpus core (corpus/go1.{19,22,27}-scenarios) is walked
 * once (arguments and labels on); every record is copied (its strings too,
 * function and file names still point into the executable's pclntab, as the
 * walker's do), and all their frames form the sample's frame pool.
 *
 * Input: byte 0 picks the sample (d[0] % 3) and, with byte 1, the context
 * (fold_runtime, full_goids, tracebacklabels, leaks, live...); byte 1's top
 * 3 bits pick which 12 consecutive records of the sample (of 82 to 84) the
 * working set starts with (12, not all: each input renders 4 times and
 * parses the JSON: all records made it 1.8 times slower; op 7 brings
 * more). Then records
 *   u8 op, u8 index [, operands]
 * on the working set:
 * op 0 FIELD  u8 field, u64 value: goid, addr, status, wait reason,
 *             waitsince, wait_minutes, m, m_id, parent goid, gopc,
 *             startpc, created_by line/pc/entry, a bit set of the bools;
 * op 1 STR    u8 field, string: status_str, wait_reason, start_func,
 *             unwind_error, damage, created_by func/file, a frame's
 *             func/file/args (u16 frame), a context string;
 * op 2 NULL   u8 field: a field that may be NULL set to NULL (created_by
 *             dropped, a frame's args);
 * op 3 FRAMES u16 count (0 to 300), u16 start, u8 stride: frames taken
 *             from the pool (stride 0: one frame repeated, recursion);
 * op 4 FRAME  u16 frame, u8 field, u64 value: line, pc, entry, sp, fp,
 *             inlined (physical frames recomputed), native (a C frame);
 * op 5 LABELS u8 count (0 to 40), then key and value strings;
 * op 6 DUP    u8 to: the record copied to another slot (groups);
 * op 7 COUNT  number of records (index % 257), refilled from the sample
 *             (from the window on, cyclically);
 * op 8 CTX    u8 field, u64 value: now, go_minor, tracebacklabels,
 *             pause_ms, leaked, stats fields, stats dropped.
 * A string is u8 L then L bytes (any byte: NUL, invalid UTF-8), or for
 * L >= 0xf0 (L - 0xef) * 300 bytes repeating the next 16 (long names).
 *
 * Every record is checked against fuzz_records.h before rendering (a
 * harness self-check). go, text and pprof write to /dev/null; the JSON is
 * parsed back (src/base/jsonread.c) and must be one valid value, in valid
 * UTF-8, with the goroutines, frames and labels of the records, and every
 * label, file and status string decoding to the bytes rendered (invalid
 * UTF-8 as U+FFFD, a NUL ending the string). */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "fuzz_records.h"
#include "fuzz_sample.h"
#include "gm_arena.h"
#include "gm_gobin.h"
#include "gm_goroutines.h"
#include "gm_jsonread.h"
#include "gm_layout.h"
#include "gm_render.h"
#include "gm_target.h"

static const char *samples[] = {"go1.19-scenarios", "go1.22-scenarios", "go1.27-scenarios"};
#define NSAMPLES 3
#define GMR_MAXG 256      /* records per input */
#define GMR_START 12      /* records in the working set at first */
#define GMR_MAXF 4096     /* frames per input (mutated or built) */
#define GMR_MAXLB 512     /* labels per input */
#define GMR_POOL (1 << 20) /* string bytes per input */

struct rsample {
	struct gm_target *t;
	struct gm_gobin *gb;
	struct gm_layout layout;
	struct gm_goroutine *g;
	size_t ng;
	struct gm_gframe *pool;
	size_t npool;
	struct gm_gwalk_stats stats;
	int64_t now;
	const char *now_source;
};

static struct rsample S[NSAMPLES];
static FILE *devnull;

/* per input */
static struct gm_goroutine W[GMR_MAXG];
static size_t nw;
static struct gm_gframe FB[GMR_MAXF];
static size_t nfb;
static struct gm_label LB[GMR_MAXLB];
static size_t nlb;
static char *SP; /* GMR_POOL bytes */
static size_t nsp;

static char *xstrdup(const char *s)
{
	if (!s)
		return NULL;
	char *c = strdup(s);
	if (!c)
		gmf_die("out of memory");
	return c;
}

static void setup(struct rsample *s, const char *name)
{
	gmf_open_sample(name, &s->t, &s->gb, &s->layout, NULL);
	struct gm_error *err;
	struct gm_gwalk_opts o = {.want_args = true, .want_labels = true};
	struct gm_gwalk *w;
	if ((err = gm_gwalk_create(s->t, s->gb, &s->layout, &o, &w)))
		gmf_die(err->msg);
	const char *src = NULL;
	s->now = gm_gwalk_now(w, &src);
	s->now_source = xstrdup(src);
	size_t cap = 0, pcap = 0;
	const struct gm_goroutine *g;
	while (!(err = gm_gwalk_next(w, &g)) && g) {
		if (s->ng == cap) {
			cap = cap ? 2 * cap : 128;
			s->g = realloc(s->g, cap * sizeof(*s->g));
			if (!s->g)
				gmf_die("out of memory");
		}
		struct gm_goroutine *c = &s->g[s->ng++];
		*c = *g;
		c->status_str = xstrdup(g->status_str);
		c->wait_reason = xstrdup(g->wait_reason);
		c->start_func = xstrdup(g->start_func);
		c->unwind_error = xstrdup(g->unwind_error);
		c->damage = xstrdup(g->damage);
		c->frames = calloc(g->nframes ? g->nframes : 1, sizeof(*c->frames));
		c->labels = calloc(g->nlabels ? g->nlabels : 1, sizeof(*c->labels));
		if (!c->frames || !c->labels)
			gmf_die("out of memory");
		for (size_t i = 0; i < g->nframes; i++) {
			c->frames[i] = g->frames[i];
			c->frames[i].args = xstrdup(g->frames[i].args);
		}
		for (size_t i = 0; i < g->nlabels; i++) {
			struct gm_label *l = &c->labels[i];
			*l = g->labels[i];
			char *k = malloc(l->klen + 1), *v = malloc(l->vlen + 1);
			if (!k || !v)
				gmf_die("out of memory");
			memcpy(k, g->labels[i].key, l->klen + 1);
			memcpy(v, g->labels[i].value, l->vlen + 1);
			l->key = k;
			l->value = v;
		}
		gmf_check_record(c, NULL);
		if (s->npool + g->nframes > pcap) {
			pcap = (s->npool + g->nframes) * 2;
			s->pool = realloc(s->pool, pcap * sizeof(*s->pool));
			if (!s->pool)
				gmf_die("out of memory");
		}
		memcpy(s->pool + s->npool, c->frames, g->nframes * sizeof(*c->frames));
		s->npool += g->nframes;
	}
	if (err)
		gmf_die(err->msg);
	gm_gwalk_stats(w, &s->stats);
	s->stats.first_problem = xstrdup(s->stats.first_problem);
	gm_gwalk_destroy(w);
	if (!s->ng || !s->npool)
		gmf_die("a corpus core gave no goroutine records");
	if (getenv("GM_FUZZ_VERBOSE")) {
		size_t maxf = 0;
		for (size_t i = 0; i < s->ng; i++)
			maxf = s->g[i].nframes > maxf ? s->g[i].nframes : maxf;
		fprintf(stderr, "fuzz render %s: %zu records, %zu frames (at most %zu in one)\n", name,
			s->ng, s->npool, maxf);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	devnull = fopen("/dev/null", "w");
	SP = malloc(GMR_POOL);
	if (!devnull || !SP)
		gmf_die("set-up");
	for (int i = 0; i < NSAMPLES; i++)
		setup(&S[i], samples[i]);
	return 0;
}

/* ---- input ---- */

static uint64_t take_u64(struct gmf_in *in)
{
	uint64_t v = 0;
	size_t n = (size_t)(in->end - in->p) < 8 ? (size_t)(in->end - in->p) : 8;
	memcpy(&v, in->p, n);
	in->p += n;
	return v;
}

static unsigned take_u8(struct gmf_in *in)
{
	uint8_t b = 0;
	(void)gmf_take(in, &b, 1);
	return b;
}

static unsigned take_u16(struct gmf_in *in)
{
	return take_u8(in) | take_u8(in) << 8;
}

/* A string of the input into the pool, NUL-terminated; NULL when full. */
static char *take_str(struct gmf_in *in, size_t *len)
{
	unsigned l = take_u8(in);
	size_t n;
	uint8_t pat[16];
	size_t np = 0;
	if (l >= 0xf0) {
		n = (size_t)(l - 0xef) * 300;
		np = (size_t)(in->end - in->p) < 16 ? (size_t)(in->end - in->p) : 16;
		memcpy(pat, in->p, np);
		in->p += np;
	} else {
		n = l;
		if ((size_t)(in->end - in->p) < n)
			n = (size_t)(in->end - in->p);
	}
	if (nsp + n + 1 > GMR_POOL)
		return NULL;
	char *s = SP + nsp;
	if (l >= 0xf0) {
		for (size_t i = 0; i < n; i++)
			s[i] = np ? (char)pat[i % np] : 'x';
	} else {
		memcpy(s, in->p, n);
		in->p += n;
	}
	s[n] = 0;
	nsp += n + 1;
	*len = n;
	return s;
}

/* OWN[i]: W[i].frames are its own copy in FB (else the sample's or
 * another record's: copied before a change) */
static bool OWN[GMR_MAXG];

/* physical frame indexes as the walker numbers them: the inlined frames of
 * a physical frame come before its own (the one not inlined) */
static void renumber(struct gm_goroutine *g)
{
	uint32_t p = 0;
	for (size_t i = 0; i < g->nframes; i++) {
		g->frames[i].phys = p;
		if (!g->frames[i].inlined)
			p++;
	}
	g->nphys = g->nframes && g->frames[g->nframes - 1].inlined ? p + 1 : p;
}

/* g's frames made writable (copied into FB); false when FB is full */
static bool own_frames(struct gm_goroutine *g)
{
	size_t i = (size_t)(g - W);
	if (!g->nframes || OWN[i])
		return g->nframes != 0;
	if (nfb + g->nframes > GMR_MAXF)
		return false;
	memcpy(FB + nfb, g->frames, g->nframes * sizeof(*FB));
	g->frames = FB + nfb;
	nfb += g->nframes;
	OWN[i] = true;
	return true;
}

/* the first record of the working set: one of 8 windows over the sample's */
static size_t first;

static void refill(const struct rsample *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		W[i] = s->g[(first + i) % s->ng];
		OWN[i] = false;
	}
}

struct ctxmut {
	struct gm_render_ctx ctx;
	struct gm_gwalk_stats stats;
	bool no_stats;
};

static void op_field(const struct rsample *s, struct gm_goroutine *g, unsigned f, uint64_t v)
{
	switch (f % 15) {
	case 0: g->goid = v; break;
	case 1: g->addr = v; break;
	case 2: g->status = (uint32_t)v; break;
	case 3: g->waitreason = (uint8_t)v; break;
	case 4: g->waitsince = (int64_t)v; break;
	case 5: g->wait_minutes = (int64_t)v; break;
	case 6: g->m_addr = v; break;
	case 7: g->m_id = (int64_t)v; break;
	case 8: g->parent_goid = v; break;
	case 9: g->gopc = v; break;
	case 10: g->startpc = v; break;
	case 11: g->created_by.line = (int32_t)v; break;
	case 12: g->created_by.pc = v; break;
	case 13: g->created_by.entry = v; break;
	default: {
		bool *b[] = {&g->scan, &g->leaked, &g->proven_leaked, &g->locked, &g->system,
			     &g->stack_unavailable, &g->from_signal, &g->from_syscall, &g->from_thread,
			     &g->stack_skipped, &g->created_by.present};
		for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++)
			*b[i] = v >> i & 1;
		if (g->created_by.present && (!g->created_by.func || !g->created_by.file)) {
			/* a creator from the pool (the record had none) */
			const struct gm_gframe *fr = &s->pool[(v >> 16) % s->npool];
			g->created_by.func = fr->func;
			g->created_by.file = fr->file;
		}
	}
	}
}

static void op_str(struct gm_goroutine *g, struct ctxmut *c, struct gmf_in *in)
{
	unsigned f = take_u8(in) % 13;
	unsigned fi = f >= 7 && f <= 9 ? take_u16(in) : 0;
	size_t n;
	char *s = take_str(in, &n);
	if (!s)
		return;
	switch (f) {
	case 0: g->status_str = s; break;
	case 1: g->wait_reason = s; break;
	case 2: g->start_func = s; break;
	case 3: g->unwind_error = s; break;
	case 4: g->damage = s; break;
	case 5: if (g->created_by.present) g->created_by.func = s; break;
	case 6: if (g->created_by.present) g->created_by.file = s; break;
	case 7: case 8: case 9:
		if (!own_frames(g))
			return;
		fi %= g->nframes;
		if (f == 7)
			g->frames[fi].func = s;
		else if (f == 8)
			g->frames[fi].file = s;
		else {
			g->frames[fi].args = s;
			g->frames[fi].args_len = (uint32_t)strlen(s);
		}
		break;
	case 10: c->ctx.go_version = s; break;
	case 11: c->ctx.leaks_note = s; break;
	default: c->stats.first_problem = s; break;
	}
}

static void op_null(struct gm_goroutine *g, struct ctxmut *c, struct gmf_in *in)
{
	unsigned f = take_u8(in) % 9;
	switch (f) {
	case 0: g->wait_reason = NULL; break;
	case 1: g->start_func = NULL; break;
	case 2: g->unwind_error = NULL; break;
	case 3: g->damage = NULL; break;
	case 4: g->created_by.present = false; break;
	case 5: c->ctx.leaks_note = NULL; break;
	case 6: c->stats.first_problem = NULL; break;
	case 7: c->ctx.now_source = NULL; break;
	default: {
		unsigned fi = take_u16(in);
		if (own_frames(g)) {
			g->frames[fi % g->nframes].args = NULL;
			g->frames[fi % g->nframes].args_len = 0;
		}
	}
	}
}

static void op_frames(const struct rsample *s, struct gm_goroutine *g, struct gmf_in *in)
{
	size_t count = take_u16(in) % 301, start = take_u16(in), stride = take_u8(in) % 8;
	if (nfb + count > GMR_MAXF)
		return;
	for (size_t i = 0; i < count; i++)
		FB[nfb + i] = s->pool[(start + i * stride) % s->npool];
	g->frames = FB + nfb;
	g->nframes = count;
	nfb += count;
	OWN[g - W] = true;
	renumber(g);
}

static void op_frame(struct gm_goroutine *g, struct gmf_in *in)
{
	unsigned fi = take_u16(in), f = take_u8(in) % 7;
	uint64_t v = take_u64(in);
	if (!own_frames(g))
		return;
	struct gm_gframe *fr = &g->frames[fi % g->nframes];
	switch (f) {
	case 0: fr->line = (int32_t)v; break;
	case 1: fr->pc = v; break;
	case 2: fr->entry = v; break;
	case 3: fr->sp = v; break;
	case 4: fr->fp = v; break;
	case 5:
		fr->inlined = !fr->inlined;
		if (fr->inlined) {
			fr->args = "...";
			fr->args_len = 3;
		}
		renumber(g);
		break;
	default:
		/* goroutines --native: a C frame (func the symbol or "?", file
		 * the module or "?", line -1) */
		fr->native = true;
		fr->line = -1;
		fr->inlined = false;
		if (v & 1)
			fr->func = "?";
		if (v & 2)
			fr->file = "?";
		renumber(g);
		break;
	}
}

static void op_labels(struct gm_goroutine *g, struct gmf_in *in)
{
	size_t count = take_u8(in) % 41;
	if (nlb + count > GMR_MAXLB)
		return;
	struct gm_label *l = LB + nlb;
	for (size_t i = 0; i < count; i++) {
		l[i].key = take_str(in, &l[i].klen);
		l[i].value = take_str(in, &l[i].vlen);
		if (!l[i].key || !l[i].value)
			return;
	}
	g->labels = l;
	g->nlabels = count;
	nlb += count;
}

static void op_ctx(struct ctxmut *c, struct gmf_in *in)
{
	unsigned f = take_u8(in) % 12;
	uint64_t v = take_u64(in);
	switch (f) {
	case 0: c->ctx.now = (int64_t)v; break;
	case 1: c->ctx.go_minor = 17 + (int)(v % 13); break;
	case 2: c->ctx.tracebacklabels = (int)(v % 4) - 1; break;
	case 3:
		/* a measured pause (0 to 10^8 ms, to the microsecond): the
		 * command never has NaN, inf or 1e300 (300 digits with %.3f) */
		c->ctx.pause_ms = (double)(v % 100000000000ull) / 1000;
		break;
	case 4: c->ctx.leaked = v; break;
	case 5: c->stats.allglen = v; break;
	case 6: c->stats.live = v; break;
	case 7: c->stats.dead = v; break;
	case 8: c->stats.unreadable = v; break;
	case 9: c->stats.unwind_errors = v; break;
	case 10: c->stats.damaged = v; break;
	default: c->no_stats = v & 1; break;
	}
}

/* ---- the JSON read back ---- */

/* Length of the well-formed UTF-8 sequence at s (n bytes left), 0 if none
 * (overlong forms, surrogates and code points past U+10FFFF are not). */
GMF_NO_COV static size_t utf8_ok(const uint8_t *s, size_t n)
{
	uint8_t c = s[0];
	if (c < 0x80)
		return 1;
	size_t len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (!len || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0) || (c == 0xf0 && s[1] < 0x90) ||
	    (c == 0xf4 && s[1] >= 0x90))
		return 0;
	return len;
}

/* what a JSON string of the n bytes at s reads back as through gm_jv_parse:
 * well-formed UTF-8 as is, every other byte U+FFFD, cut at a NUL */
GMF_NO_COV static bool json_readback_eq(const char *got, const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s, *q = (const uint8_t *)got;
	for (size_t i = 0; i < n;) {
		if (!u[i])
			break;
		size_t l = utf8_ok(u + i, n - i);
		if (l) {
			if (memcmp(q, u + i, l))
				return false;
			q += l;
			i += l;
		} else {
			if (memcmp(q, "\xef\xbf\xbd", 3))
				return false;
			q += 3;
			i++;
		}
	}
	return *q == 0;
}

GMF_NO_COV static const struct gm_jv *member(const struct gm_jv *o, const char *k, enum gm_jv_kind kind)
{
	const struct gm_jv *v = o && o->kind == GM_JV_OBJ ? gm_jv_get(o, k) : NULL;
	if (!v || v->kind != kind) {
		fprintf(stderr, "fuzz_render: JSON member %s missing or of the wrong kind\n", k);
		abort();
	}
	return v;
}

GMF_NO_COV static void check_json(const char *text, size_t len, const struct gm_goroutine *gs, size_t n,
		       const struct gm_gwalk_stats *stats)
{
	for (size_t i = 0; i < len;) {
		size_t l = utf8_ok((const uint8_t *)text + i, len - i);
		if (!l) {
			fprintf(stderr, "fuzz_render: JSON output not UTF-8 at byte %zu\n", i);
			abort();
		}
		i += l;
	}
	struct gm_arena a;
	gm_arena_init(&a);
	a.chunk_size = 64 << 10; /* not 1 MiB: under ASan a fresh mapping per input */
	struct gm_jv *root;
	struct gm_error *err = gm_jv_parse(text, len, &a, &root);
	if (err) {
		fprintf(stderr, "fuzz_render: JSON output unreadable: %s\n", err->msg);
		abort();
	}
	if (strcmp(member(root, "schema", GM_JV_STR)->s, "gomortem.goroutines"))
		abort();
	const struct gm_jv *arr = member(root, "goroutines", GM_JV_ARR);
	if (arr->n != n)
		abort();
	for (size_t i = 0; i < n; i++) {
		const struct gm_goroutine *g = &gs[i];
		const struct gm_jv *o = arr->v[i];
		const struct gm_jv *goid = member(o, "goid", GM_JV_NUM);
		if (goid->is_int ? (uint64_t)goid->i != g->goid : goid->num != (double)g->goid)
			abort();
		const char *st = g->wait_reason ? "waiting" : g->status_str;
		if (!json_readback_eq(member(o, "status", GM_JV_STR)->s, st, strlen(st)))
			abort();
		const struct gm_jv *fr = member(o, "frames", GM_JV_ARR);
		if (fr->n != g->nframes)
			abort();
		for (size_t k = 0; k < g->nframes; k++) {
			const struct gm_gframe *f = &g->frames[k];
			if (f->native && !strcmp(f->file, "?"))
				continue;
			const char *key = f->native ? "module" : "file";
			if (!json_readback_eq(member(fr->v[k], key, GM_JV_STR)->s, f->file, strlen(f->file)))
				abort();
		}
		const struct gm_jv *lb = member(o, "labels", GM_JV_OBJ);
		if (lb->n != g->nlabels)
			abort();
		for (size_t k = 0; k < g->nlabels; k++) {
			if (lb->v[k]->kind != GM_JV_STR ||
			    !json_readback_eq(lb->keys[k], g->labels[k].key, g->labels[k].klen) ||
			    !json_readback_eq(lb->v[k]->s, g->labels[k].value, g->labels[k].vlen))
				abort();
		}
	}
	if (stats) {
		const struct gm_jv *sv = member(member(root, "stats", GM_JV_OBJ), "goroutines", GM_JV_NUM);
		if (sv->is_int ? (uint64_t)sv->i != stats->live : sv->num != (double)stats->live)
			abort();
	}
	gm_arena_deinit(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	if (n < 2)
		return 0;
	struct rsample *s = &S[d[0] % NSAMPLES];
	unsigned f0 = d[0] / NSAMPLES, f1 = d[1];
	nfb = nlb = nsp = 0;
	first = (f1 >> 5) * s->ng / 8;
	nw = s->ng < GMR_START ? s->ng : GMR_START;
	refill(s, 0, nw);
	struct ctxmut c = {
		.ctx = {
			.go_minor = s->gb->go_minor,
			.go_version = s->gb->go_version,
			.core_path = "core",
			.exe_path = "exe",
			.tracebacklabels = (int)(f0 % 3) - 1,
			.now = (f0 & 4) ? 0 : s->now,
			.now_source = s->now_source,
			.now_exact = f0 & 8,
			.fold_runtime = f0 & 16,
			.full_goids = f0 & 32,
			.live = f1 & 1,
			.consistent = f1 & 2,
			.pause_ms = 1.5,
			.budget_hit = f1 & 4,
			.leaks_checked = f1 & 8,
			.leaks_proven = f1 & 16,
			.leaked = 0, /* op 8 sets it */
		},
		.stats = s->stats,
	};
	struct gmf_in in = {d + 2, d + n};
	while (in.p < in.end) {
		unsigned op = take_u8(&in) % 9, idx = take_u8(&in);
		struct gm_goroutine *g = nw ? &W[idx % nw] : NULL;
		if (!g && op != 7 && op != 8)
			continue;
		switch (op) {
		case 0: {
			unsigned f = take_u8(&in);
			op_field(s, g, f, take_u64(&in));
			break;
		}
		case 1: op_str(g, &c, &in); break;
		case 2: op_null(g, &c, &in); break;
		case 3: op_frames(s, g, &in); break;
		case 4: op_frame(g, &in); break;
		case 5: op_labels(g, &in); break;
		case 6: {
			size_t to = take_u8(&in) % nw;
			if (&W[to] != g) {
				W[to] = *g;
				OWN[to] = false;
			}
			break;
		}
		case 7: {
			size_t k = idx % (GMR_MAXG + 1);
			if (k > nw)
				refill(s, nw, k);
			nw = k;
			break;
		}
		default: op_ctx(&c, &in); break;
		}
	}
	for (size_t i = 0; i < nw; i++)
		gmf_check_record(&W[i], NULL);

	const struct gm_gwalk_stats *stats = c.no_stats ? NULL : &c.stats;
	const struct gm_renderer *rs[4] = {&gm_render_go, &gm_render_text, &gm_render_pprof,
					   &gm_render_json};
	char *json = NULL;
	size_t jlen = 0;
	FILE *jf = open_memstream(&json, &jlen);
	if (!jf)
		gmf_die("open_memstream");
	void *st[4];
	for (int i = 0; i < 4; i++) {
		struct gm_render_ctx ctx = c.ctx;
		ctx.out = i == 3 ? jf : devnull;
		if (!(st[i] = rs[i]->begin(&ctx)))
			abort();
	}
	for (size_t k = 0; k < nw; k++)
		for (int i = 0; i < 4; i++)
			rs[i]->goroutine(st[i], &W[k]);
	/* end's -1 (an output error, an allocation failed, text's no group
	 * at all) is not checked: the JSON read back is */
	for (int i = 0; i < 4; i++)
		(void)rs[i]->end(st[i], stats);
	if (fclose(jf) != 0)
		abort();
	check_json(json, jlen, W, nw, stats);
	free(json);
	return 0;
}
