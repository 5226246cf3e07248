/* What the goroutine renderers (src/render/render_{go,text,json,pprof}.c,
 * and gm_ggroup under the text one) rely on in a struct gm_goroutine: the
 * contract between the walker and the renderers, checked on both sides of
 * the split fuzz targets (header-only, fuzz builds only):
 *  - fuzz_walker checks every record the walker produces from a mutated
 *    image (it no longer renders them);
 *  - fuzz_render builds its mutated records within it and renders them.
 *
 * The contract:
 *  - status_str is a string (never NULL);
 *  - wait_reason, start_func, unwind_error, damage: NULL or a string;
 *  - nframes > 0: frames is an array of nframes; each frame's func and file
 *    are strings; args is NULL with args_len 0, or a string of args_len
 *    bytes; phys never decreases and is below nphys; nphys <= nframes;
 *  - created_by.present: created_by.func and created_by.file are strings;
 *  - nlabels > 0: labels is an array of nlabels, each key and value
 *    readable for klen / vlen bytes and NUL-terminated there;
 *  - status_str, unwind_error, every frame's func and file, created_by's
 *    func and file stay valid and unchanged until the walk ends (the text
 *    renderer's groups and the pprof renderer keep the pointers until end):
 *    gmf_keep_* below hashes their bytes when seen and again at the end.
 * A string is touched whole (strlen, a hash): under ASan a dangling or
 * unterminated one is a report. */
#ifndef GM_FUZZ_RECORDS_H
#define GM_FUZZ_RECORDS_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gm_goroutines.h"

/* The harnesses' own checks are not what is fuzzed: no coverage
 * instrumentation in them (no trace-cmp callbacks, no edges that would make
 * libFuzzer keep inputs for the checker's sake); not inlined, since the
 * instrumentation follows the function a body ends up in. ASan and UBSan
 * stay. */
#define GMF_NO_COV __attribute__((no_sanitize("coverage"), noinline))

GMF_NO_COV static inline uint64_t gmf_hash_str(const char *s, size_t *len)
{
	uint64_t h = 1469598103934665603ull;
	size_t n = 0;
	for (; s[n]; n++)
		h = (h ^ (uint8_t)s[n]) * 1099511628211ull;
	*len = n;
	return h;
}

/* The strings whose pointers must outlive the record: (pointer, length,
 * hash) of up to GMF_KEEP distinct ones per walk, checked at its end. */
#define GMF_KEEP 1024
struct gmf_keep {
	struct {
		const char *p;
		size_t n;
		uint64_t h;
	} v[GMF_KEEP];
	size_t n;
	uint16_t slot[4096]; /* open addressing by pointer: index + 1 */
};

GMF_NO_COV static inline void gmf_keep_reset(struct gmf_keep *k)
{
	k->n = 0;
	memset(k->slot, 0, sizeof(k->slot));
}

GMF_NO_COV static inline void gmf_keep_add(struct gmf_keep *k, const char *p)
{
	size_t j = (size_t)(((uintptr_t)p * 0x9E3779B97F4A7C15ull) >> 52) & 4095;
	for (size_t probe = 0; probe < 4096; probe++, j = (j + 1) & 4095) {
		if (!k->slot[j])
			break;
		if (k->v[k->slot[j] - 1].p == p)
			return;
	}
	size_t n;
	uint64_t h = gmf_hash_str(p, &n);
	if (k->n == GMF_KEEP || k->slot[j])
		return;
	k->v[k->n].p = p;
	k->v[k->n].n = n;
	k->v[k->n].h = h;
	k->slot[j] = (uint16_t)++k->n;
}

/* abort() when a kept string changed since it was seen */
GMF_NO_COV static inline void gmf_keep_check(const struct gmf_keep *k)
{
	for (size_t i = 0; i < k->n; i++) {
		size_t n;
		if (gmf_hash_str(k->v[i].p, &n) != k->v[i].h || n != k->v[i].n)
			abort();
	}
}

/* abort() when g breaks the contract above; keep (may be NULL) collects
 * the pointers that must outlive it. */
GMF_NO_COV static inline void gmf_check_record(const struct gm_goroutine *g, struct gmf_keep *keep)
{
	size_t n;
	if (!g->status_str)
		abort();
	const char *opt[] = {g->wait_reason, g->start_func, g->unwind_error, g->damage};
	for (size_t i = 0; i < sizeof(opt) / sizeof(opt[0]); i++)
		if (opt[i])
			(void)gmf_hash_str(opt[i], &n);
	if (g->nframes && !g->frames)
		abort();
	if (g->nphys > g->nframes)
		abort();
	for (size_t i = 0; i < g->nframes; i++) {
		const struct gm_gframe *f = &g->frames[i];
		if (!f->func || !f->file)
			abort();
		if (f->args ? (gmf_hash_str(f->args, &n), n != f->args_len) : f->args_len != 0)
			abort();
		if (f->phys >= g->nphys || (i && f->phys < g->frames[i - 1].phys))
			abort();
	}
	if (g->created_by.present && (!g->created_by.func || !g->created_by.file))
		abort();
	if (g->nlabels && !g->labels)
		abort();
	for (size_t i = 0; i < g->nlabels; i++) {
		const struct gm_label *l = &g->labels[i];
		if (!l->key || !l->value || l->key[l->klen] || l->value[l->vlen])
			abort();
		/* every byte readable (ASan) */
		volatile uint8_t x = 0;
		for (size_t k = 0; k < l->klen; k++)
			x ^= (uint8_t)l->key[k];
		for (size_t k = 0; k < l->vlen; k++)
			x ^= (uint8_t)l->value[k];
		(void)x;
	}
	if (!keep)
		return;
	gmf_keep_add(keep, g->status_str);
	if (g->unwind_error)
		gmf_keep_add(keep, g->unwind_error);
	if (g->created_by.present) {
		gmf_keep_add(keep, g->created_by.func);
		gmf_keep_add(keep, g->created_by.file);
	}
	for (size_t i = 0; i < g->nframes; i++) {
		gmf_keep_add(keep, g->frames[i].func);
		gmf_keep_add(keep, g->frames[i].file);
	}
}

#endif
