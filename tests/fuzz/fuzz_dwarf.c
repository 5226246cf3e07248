/* Fuzz target: DWARF layout extraction (gm_layout_from_dwarf: libdwarf over
 * the runtime compile unit, struct member offsets, constants, globals).
 * The input patches (fuzz_elfpatch.h) a corpus executable whose debug
 * sections were decompressed at start-up (objcopy
 * --decompress-debug-sections), so mutations hit DWARF, not zlib. The gobin
 * (symbols, pclntab) is opened once from the pristine file; only the DWARF
 * reader sees the patched one. */
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>

#include "fuzz_elfpatch.h"
#include "gm_gobin.h"
#include "gm_layout.h"

/* go1.27-scenarios (DWARF 5: .debug_rnglists/.debug_loclists) is left out
 * for now: a one-byte change of its debug data makes bookworm's libdwarf
 * (20210528) free a block twice inside dwarf_load_rnglists, called from
 * dwarf_next_cu_header_d — a bug of the library, found by this target in CI
 * (input kept in tests/fuzz/libdwarf-bugs/). Until gomortem guards against
 * it (validating .debug_rnglists itself, or parsing DWARF in a child
 * process), the target fuzzes the DWARF 4 executables only. */
static const char *samples[] = {"go1.19-scenarios", "go1.22-scenarios"};
#define NSAMPLES 2
static struct ep_exe exes[NSAMPLES];
static struct gm_gobin *gobins[NSAMPLES];

/* The executable with plain (uncompressed) DWARF, via objcopy. */
static void decompress_debug(const char *sample, char *out, size_t outn)
{
	uint64_t size;
	int fd = gmf_corpus_file(sample, "exe", &size);
	char in[64]; /* objcopy is another process: not /proc/self */
	snprintf(in, sizeof(in), "/proc/%d/fd/%d", (int)getpid(), fd);
	const char *dir = getenv("TMPDIR");
	snprintf(out, outn, "%s/gm-fuzz-dwarf-XXXXXX", dir && *dir ? dir : P_tmpdir);
	int ofd = mkstemp(out);
	if (ofd < 0)
		gmf_die("mkstemp");
	close(ofd);
	char cmd[8192];
	snprintf(cmd, sizeof(cmd), "objcopy --decompress-debug-sections '%s' '%s'", in, out);
	if (system(cmd) != 0)
		gmf_die("objcopy --decompress-debug-sections (binutils) failed");
	close(fd);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	for (int i = 0; i < NSAMPLES; i++) {
		char tmp[4096];
		decompress_debug(samples[i], tmp, sizeof(tmp));
		struct ep_exe *e = &exes[i];
		/* ep_load wants a corpus file: load the decompressed one by hand */
		int fd = open(tmp, O_RDONLY | O_CLOEXEC);
		struct stat st;
		if (fd < 0 || fstat(fd, &st) < 0)
			gmf_die("decompressed executable");
		e->size = (size_t)st.st_size;
		e->orig = malloc(e->size);
		if (!e->orig || pread(fd, e->orig, e->size, 0) != (ssize_t)e->size)
			gmf_die("reading the decompressed executable");
		close(fd);
		unlink(tmp);
		e->fd = memfd_create("gm-fuzz-dwarf", MFD_CLOEXEC);
		if (e->fd < 0)
			gmf_die("memfd_create");
		gmf_write_all(e->fd, e->orig, e->size);
		snprintf(e->path, sizeof(e->path), "/proc/self/fd/%d", e->fd);
		ep_add(e, 0, 4096);
		ep_add(e, gm_rd64(e->orig + 40), 64ull * gm_rd16(e->orig + 60));
		ep_add_section(e, ".debug_abbrev", ~0ull);
		ep_add_section(e, ".debug_info", ~0ull);
		ep_add_section(e, ".debug_info", 65536);
		ep_add_section(e, ".debug_info", 65536);
		ep_add_section(e, ".debug_str", ~0ull);
		ep_add_section(e, ".debug_loc", 4096);
		ep_add_section(e, ".debug_ranges", 4096);
		ep_add_section(e, ".shstrtab", ~0ull);
		struct gm_error *err = gm_gobin_open(e->path, &gobins[i]);
		if (err)
			gmf_die(err->msg);
		if (!gobins[i]->has_dwarf)
			gmf_die("corpus executable without DWARF");
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	if (n < 1)
		return 0;
	int k = d[0] % NSAMPLES;
	struct ep_exe *e = &exes[k];
	struct ep_patchlog log;
	ep_apply(e, d + 1, n - 1, &log);
	struct gm_gobin gb = *gobins[k];
	gb.path = e->path;
	struct gm_layout l = {0};
	struct gm_error *err = gm_layout_from_dwarf(&gb, &l);
	if (err) {
		if (!err->msg[0])
			abort();
		gm_error_destroy(err);
	} else {
		volatile uint64_t sink = (uint64_t)l.g_size + l.allgs;
		for (int i = 0; i < l.n_waitreasons; i++)
			if (l.waitreasons[i])
				sink += strlen(l.waitreasons[i]);
		for (int i = 0; i < l.n_gstatus; i++)
			if (l.gstatus[i])
				sink += strlen(l.gstatus[i]);
		(void)sink;
	}
	gm_layout_deinit(&l);
	ep_restore(e, &log);
	return 0;
}
