/* Fuzz target: DWARF layout extraction as gomortem does it (the checks of
 * the list sections libdwarf walks on its own, then libdwarf over the
 * runtime compile unit: struct member offsets, constants, globals).
 * The input patches (fuzz_elfpatch.h) a corpus executable whose debug
 * sections were decompressed at start-up (objcopy
 * --decompress-debug-sections), so mutations hit DWARF, not zlib. Each
 * input opens the patched executable with gm_gobin_open, as gomortem does,
 * so the section checks and libdwarf see the same section headers; an
 * executable gobin refuses is skipped (gomortem would stop there too).
 *
 * libdwarf runs in this process (gm_layout_from_dwarf_in_process): in
 * gomortem it runs in a forked child that survives a libdwarf crash, but a
 * child would hide the coverage and the crash from libFuzzer. So a crash
 * here inside libdwarf is a libdwarf bug the section checks do not stop:
 * gomortem itself falls back to the gorts tables with a warning on it, and
 * the input belongs in tests/fuzz/libdwarf-bugs/. */
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>

#include "fuzz_elfpatch.h"
#include "gm_gobin.h"
#include "gm_layout.h"

static const char *samples[] = {"go1.19-scenarios", "go1.22-scenarios", "go1.27-scenarios"};
#define NSAMPLES 3
static struct ep_exe exes[NSAMPLES];

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
		/* DWARF 5 (go1.27): the unit headers of the list sections libdwarf
		 * loads with the first CU header, and .debug_addr */
		ep_add_section(e, ".debug_rnglists", 4096);
		ep_add_section(e, ".debug_loclists", 4096);
		ep_add_section(e, ".debug_addr", 4096);
		ep_add_section(e, ".debug_rnglists", ~0ull);
		struct gm_gobin *gb = NULL;
		struct gm_error *err = gm_gobin_open(e->path, &gb);
		if (err)
			gmf_die(err->msg);
		if (!gb->has_dwarf)
			gmf_die("corpus executable without DWARF");
		/* the pristine executable must pass the checks and give a layout */
		struct gm_layout l = {0};
		if ((err = gm_layout_from_dwarf_in_process(gb, &l)))
			gmf_die(err->msg);
		gm_layout_deinit(&l);
		gm_gobin_destroy(gb);
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
	struct gm_gobin *gb = NULL;
	struct gm_error *err = gm_gobin_open(e->path, &gb);
	if (err) {
		gm_error_destroy(err);
		ep_restore(e, &log);
		return 0;
	}
	struct gm_layout l = {0};
	if (gb->has_dwarf) {
		err = gm_layout_from_dwarf_in_process(gb, &l);
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
	}
	gm_gobin_destroy(gb);
	gm_layout_deinit(&l);
	ep_restore(e, &log);
	return 0;
}
