/* Fuzz target: the executable reader: ELF headers and sections, symbol
 * tables, notes (build IDs), .go.buildinfo (version, modinfo), pclntab
 * location and moduledata, then the gorts layout (symbols + pclntab) and a
 * few lookups. The input patches a real corpus executable (fuzz_elfpatch.h)
 * where these live, so mutations land in the parsed bytes and not in code. */
#include <stdint.h>
#include <string.h>

#include "fuzz_elfpatch.h"
#include "gm_gobin.h"
#include "gm_layout.h"

static const char *samples[] = {"go1.19-scenarios", "go1.22-scenarios", "go1.27-scenarios"};
#define NSAMPLES 3
static struct ep_exe exes[NSAMPLES];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	for (int i = 0; i < NSAMPLES; i++) {
		struct ep_exe *e = &exes[i];
		ep_load(e, samples[i]);
		ep_add_section(e, ".go.buildinfo", 4096);
		ep_add_section(e, ".note.go.buildid", 4096);
		ep_add_section(e, ".gopclntab", 4096);
		ep_add_section(e, ".gopclntab", ~0ull);
		ep_add_section(e, ".symtab", ~0ull);
		ep_add_section(e, ".strtab", ~0ull);
		ep_add_section(e, ".shstrtab", ~0ull);
		ep_add_section(e, ".noptrdata", ~0ull);
		struct gm_gobin *gb;
		struct gm_error *err = gm_gobin_open(e->path, &gb);
		if (err)
			gmf_die(err->msg);
		if (gb->moduledata_addr) {
			uint64_t o = ep_vaddr_off(e->orig, e->size, gb->moduledata_addr);
			ep_add(e, o, 640); /* runtime.moduledata, every version */
			ep_add(e, o, 640);
		}
		gm_gobin_destroy(gb);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	if (n < 1)
		return 0;
	struct ep_exe *e = &exes[d[0] % NSAMPLES];
	struct ep_patchlog log;
	ep_apply(e, d + 1, n - 1, &log);
	struct gm_gobin *gb;
	struct gm_error *err = gm_gobin_open(e->path, &gb);
	if (err) {
		if (!err->msg[0])
			abort();
		gm_error_destroy(err);
		ep_restore(e, &log);
		return 0;
	}
	volatile uint64_t sink = strlen(gb->go_version) + strlen(gb->build_id) +
				 strlen(gb->go_build_id);
	if (gb->mod_path)
		sink += strlen(gb->mod_path);
	if (gb->modinfo)
		sink += strlen(gb->modinfo);
	uint64_t a, s;
	if (gm_gobin_sym(gb, "runtime.allgs", &a, &s))
		sink += a + s;
	if (gm_gobin_section(gb, ".text", &a, &s)) {
		const uint8_t *p = gm_gobin_vaddr_ptr(gb, a, 16);
		if (p)
			sink += p[0] + p[15];
	}
	struct gm_func f;
	if (gm_gobin_func_by_name(gb, "main.main", &f)) {
		const char *file;
		int32_t line;
		if (gm_gobin_fileline(gb, &f, f.entry, &file, &line))
			sink += strlen(file);
		struct gm_inline_frame fr[8];
		sink += gm_gobin_expand_inline(gb, &f, f.entry + 8, fr, 8);
	}
	for (uint32_t i = 0; i < gb->nfunc && i < 8; i++)
		if (gm_gobin_func_at(gb, i, &f))
			sink += strlen(f.name);
	if (gm_gobin_find_func(gb, gb->entry, &f))
		sink += f.entry;
	struct gm_layout l = {0};
	err = gm_layout_from_gorts(gb, &l);
	if (err)
		gm_error_destroy(err);
	else
		sink += l.allgs + (uint64_t)l.n_waitreasons;
	gm_layout_deinit(&l);
	(void)sink;
	gm_gobin_destroy(gb);
	ep_restore(e, &log);
	return 0;
}
