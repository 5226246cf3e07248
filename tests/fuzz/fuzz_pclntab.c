/* Fuzz target: pclntab decoding (pcHeader, ftab, _func records, pc-value
 * tables, file tables, funcdata, inline trees) through
 * gm_gobin_from_pclntab, as the walker uses it: function lookup by PC, SP
 * deltas, file:line, PCDATA, funcdata and inline expansion.
 *
 * Input: a 32-byte header {u64 pcln_addr, u64 text_start, u64 gofunc,
 * u32 pcln_len, u32 go_minor selector}, then pcln_len bytes of pclntab, then
 * the bytes at gofunc (funcdata: inline trees, ArgInfo). make_seeds.py cuts
 * real ones out of the corpus executables. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "gm_bytes.h"
#include "gm_gobin.h"

static const int minors[] = {0, 19, 21, 22, 23, 24, 25, 26, 27, 0};

static void probe(const struct gm_gobin *gb, uint64_t pc, volatile uint64_t *sink)
{
	struct gm_func f;
	if (!gm_gobin_find_func(gb, pc, &f))
		return;
	if (pc < f.entry || (f.end && pc >= f.end))
		abort(); /* find_func must return the function that contains pc */
	int32_t v;
	if (gm_gobin_pcsp(gb, &f, pc, &v))
		*sink += (uint64_t)v;
	const char *file;
	int32_t line;
	if (gm_gobin_fileline(gb, &f, pc, &file, &line))
		*sink += strlen(file) + (uint64_t)line;
	for (uint32_t t = 0; t < 4; t++)
		*sink += (uint64_t)gm_gobin_pcdata(gb, &f, t, pc);
	for (uint32_t k = 0; k < 8; k++) {
		*sink += gm_gobin_funcdata_addr(gb, &f, k);
		const uint8_t *p = gm_gobin_funcdata(gb, &f, k, 16);
		if (p)
			*sink += p[0] + p[15];
	}
	struct gm_inline_frame fr[16];
	size_t n = gm_gobin_expand_inline(gb, &f, pc, fr, 16);
	if (n > 16)
		abort();
	for (size_t i = 0; i < n; i++)
		*sink += strlen(fr[i].name) + (fr[i].file ? strlen(fr[i].file) : 0);
	*sink += strlen(f.name);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	if (n < 32)
		return 0;
	struct gm_gobin_pcln_spec spec = {0};
	uint32_t plen = gm_rd32(d + 24), sel = gm_rd32(d + 28);
	if (plen > n - 32)
		plen = (uint32_t)(n - 32);
	spec.pcln_addr = gm_rd64(d);
	spec.text_start = gm_rd64(d + 8);
	spec.gofunc = gm_rd64(d + 16);
	spec.pcln = d + 32;
	spec.pcln_size = plen;
	spec.gofunc_data = d + 32 + plen;
	spec.gofunc_size = n - 32 - plen;
	if (!spec.gofunc_size)
		spec.gofunc_data = NULL;
	spec.go_minor = minors[sel % 10];
	struct gm_gobin *gb;
	struct gm_error *err = gm_gobin_from_pclntab(&spec, &gb);
	if (err) {
		gm_error_destroy(err);
		return 0;
	}
	volatile uint64_t sink = 0;
	/* A bounded sample of functions: the first ones, the last ones, and
	 * every stride-th, each probed at its entry, inside, and at its end. */
	uint32_t nf = gb->nfunc, stride = nf > 64 ? nf / 64 : 1;
	for (uint32_t i = 0; i < nf; i += (i < 16 || i + 16 >= nf) ? 1 : stride) {
		struct gm_func f;
		if (!gm_gobin_func_at(gb, i, &f))
			continue;
		probe(gb, f.entry, &sink);
		probe(gb, f.entry + 1, &sink);
		if (f.end > f.entry) {
			probe(gb, f.entry + (f.end - f.entry) / 2, &sink);
			probe(gb, f.end - 1, &sink);
		}
		sink += strlen(gm_gobin_funcname(gb, (int32_t)i));
	}
	/* PCs that are not function starts */
	probe(gb, 0, &sink);
	probe(gb, ~0ull, &sink);
	probe(gb, gb->text_start, &sink);
	probe(gb, gb->text_start - 1, &sink);
	(void)sink;
	gm_gobin_destroy(gb);
	return 0;
}
