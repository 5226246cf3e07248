#include "gm_session.h"
#include "live_plan.h"
#include "plugins.h"

#include "gm_bytes.h"
#include "gm_fmt.h"
#include "gm_memsrc.h"

#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void gm_session_warn(struct gm_session *s, const char *fmt, ...)
{
	if (gm_diag_count(&s->diag, GM_DIAG_WARNING, "session") >= GM_SESSION_MAX_WARNINGS)
		return;
	va_list ap;
	va_start(ap, fmt);
	gm_diag_vemit(&s->diag, GM_DIAG_WARNING, "session", fmt, ap);
	va_end(ap);
}

void gm_session_watch(struct gm_session *s, gm_diag_hook *hook, void *arg)
{
	gm_diag_watch(&s->diag, hook, arg);
	s->target->diag = &s->diag;
}

/* The Go build ID note ("Go\0\0", type 4) inside a page of ELF headers. */
static bool find_go_build_id(const uint8_t *p, size_t n, char *out, size_t outn)
{
	static const uint8_t tail[8] = {4, 0, 0, 0, 'G', 'o', 0, 0};
	for (size_t i = 0; i + 16 <= n; i += 4) {
		uint32_t namesz, descsz;
		memcpy(&namesz, p + i, 4);
		if (namesz != 4 || memcmp(p + i + 8, tail, 8))
			continue;
		memcpy(&descsz, p + i + 4, 4);
		if (descsz == 0 || descsz >= outn || i + 16 + descsz > n)
			return false;
		memcpy(out, p + i + 16, descsz);
		out[descsz] = 0;
		return true;
	}
	return false;
}

/* What the byte at file offset off (< 4096) of an executable (d, n bytes)
 * is, in words: an ELF header field, a program header's field, a note
 * (the Go build ID, the GNU build-id, ...) or the section holding it. The
 * executable's own headers say where things are (the core's copy may be
 * the damaged one); every read is bounds-checked. */
static void byte_field(const uint8_t *d, size_t n, size_t off, char *out, size_t outn)
{
	static const struct {
		uint8_t at, len;
		const char *name;
	} eh[] = {{0, 16, "e_ident"},    {16, 2, "e_type"},      {18, 2, "e_machine"}, {20, 4, "e_version"},
		  {24, 8, "e_entry"},    {32, 8, "e_phoff"},     {40, 8, "e_shoff"},   {48, 4, "e_flags"},
		  {52, 2, "e_ehsize"},   {54, 2, "e_phentsize"}, {56, 2, "e_phnum"},   {58, 2, "e_shentsize"},
		  {60, 2, "e_shnum"},    {62, 2, "e_shstrndx"}};
	static const char *const ph_fields[8] = {"p_type/p_flags", "p_offset", "p_vaddr", "p_paddr",
						 "p_filesz", "p_memsz", "p_align", NULL};
	if (off < 64) {
		for (size_t i = 0; i < sizeof(eh) / sizeof(eh[0]); i++)
			if (off >= eh[i].at && off < (size_t)eh[i].at + eh[i].len) {
				snprintf(out, outn, "ELF header: %s", eh[i].name);
				return;
			}
	}
	snprintf(out, outn, "outside the headers, notes and sections");
	if (n < 64 || memcmp(d, "\177ELF", 4) != 0)
		return;
	uint64_t phoff = gm_rd64(d + 32), shoff = gm_rd64(d + 40);
	uint16_t phentsize = gm_rd16(d + 54), phnum = gm_rd16(d + 56);
	uint16_t shentsize = gm_rd16(d + 58), shnum = gm_rd16(d + 60), shstrndx = gm_rd16(d + 62);
	if (phentsize >= 56 && phoff < 4096 && phoff <= n) {
		uint64_t maxph = (n - phoff) / phentsize;
		uint64_t nph = phnum < maxph ? phnum : maxph;
		if (off >= phoff && (off - phoff) / phentsize < nph) {
			uint64_t i = (off - phoff) / phentsize, within = (off - phoff) % phentsize;
			uint32_t type = gm_rd32(d + phoff + i * phentsize);
			const char *tn = type == 1 ? "PT_LOAD" : type == 4 ? "PT_NOTE" : type == 6 ? "PT_PHDR" :
					 type == 0x6474e551 ? "PT_GNU_STACK" : "";
			snprintf(out, outn, "program header %llu%s%s%s: %s", (unsigned long long)i, *tn ? " (" : "",
				 tn, *tn ? ")" : "", within < 56 ? ph_fields[within / 8] : "padding");
			return;
		}
		/* the notes of the PT_NOTE segments */
		for (uint64_t i = 0; i < nph; i++) {
			const uint8_t *ph = d + phoff + i * phentsize;
			if (gm_rd32(ph) != 4)
				continue;
			uint64_t no = gm_rd64(ph + 8), nend = no + gm_rd64(ph + 32);
			if (nend < no || nend > n)
				nend = n;
			for (int k = 0; k < 512 && no + 12 <= nend; k++) {
				uint32_t namesz = gm_rd32(d + no), descsz = gm_rd32(d + no + 4), nt = gm_rd32(d + no + 8);
				uint64_t size = 12 + (((uint64_t)namesz + 3) & ~3ull) + (((uint64_t)descsz + 3) & ~3ull);
				if (off >= no && off < no + size) {
					const uint8_t *nm = d + no + 12;
					bool fits = no + 12 + namesz <= nend;
					if (fits && namesz == 4 && !memcmp(nm, "Go\0\0", 4) && nt == 4)
						snprintf(out, outn, "the Go build ID note");
					else if (fits && namesz == 4 && !memcmp(nm, "GNU\0", 4) && nt == 3)
						snprintf(out, outn, "the GNU build-id note");
					else
						snprintf(out, outn, "a note of type %u", nt);
					return;
				}
				no += size;
			}
		}
	}
	/* the section holding it */
	if (shentsize < 64 || shoff > n || shnum == 0 || shstrndx >= shnum)
		return;
	uint64_t maxsh = (n - shoff) / shentsize;
	if (shnum > maxsh || shnum > 4096)
		return;
	const uint8_t *strh = d + shoff + (uint64_t)shstrndx * shentsize;
	uint64_t stro = gm_rd64(strh + 24), strsz = gm_rd64(strh + 32);
	for (uint64_t i = 1; i < shnum; i++) {
		const uint8_t *sh = d + shoff + i * shentsize;
		uint64_t so = gm_rd64(sh + 24), ssz = gm_rd64(sh + 32);
		if (gm_rd32(sh + 4) == 8 || off < so || off - so >= ssz) /* SHT_NOBITS */
			continue;
		uint32_t nmo = gm_rd32(sh);
		if (stro < n && strsz <= n - stro && nmo < strsz && memchr(d + stro + nmo, 0, strsz - nmo))
			snprintf(out, outn, "section %s", (const char *)d + stro + nmo);
		else
			snprintf(out, outn, "section %llu", (unsigned long long)i);
		return;
	}
}

/* "N bytes of its first M differ: 0x18-0x1f (ELF header: e_entry), ..."
 * for two copies of an executable's first n bytes: runs of differing bytes
 * in one field, the first 4 of them, then how many more. d, dn: the
 * executable (for its structure). */
static void describe_diff(const uint8_t *core, const uint8_t *exe, size_t n, const uint8_t *d, size_t dn,
			  char *out, size_t outn)
{
	struct run {
		size_t from, to;
		char what[96];
	} runs[4], cur;
	size_t nruns = 0, more = 0, ndiff = 0;
	bool open = false; /* cur is a run still growing */
	for (size_t i = 0; i <= n; i++) {
		char f[96];
		bool differs = i < n && core[i] != exe[i];
		if (differs) {
			ndiff++;
			byte_field(d, dn, i, f, sizeof(f));
			if (open && cur.to + 1 == i && !strcmp(cur.what, f)) {
				cur.to = i;
				continue;
			}
		}
		if (open) { /* the run ends */
			if (nruns < 4)
				runs[nruns++] = cur;
			else
				more++;
			open = false;
		}
		if (differs) {
			cur.from = cur.to = i;
			memcpy(cur.what, f, sizeof(f));
			open = true;
		}
	}
	size_t w = (size_t)snprintf(out, outn, "%zu byte%s of its first %zu differ%s: ", ndiff,
				    ndiff == 1 ? "" : "s", n, ndiff == 1 ? "s" : "");
	for (size_t r = 0; r < nruns && w < outn; r++) {
		if (runs[r].to > runs[r].from)
			w += (size_t)snprintf(out + w, outn - w, "%s0x%zx-0x%zx (%s)", r ? ", " : "", runs[r].from,
					      runs[r].to, runs[r].what);
		else
			w += (size_t)snprintf(out + w, outn - w, "%s0x%zx (%s)", r ? ", " : "", runs[r].from,
					      runs[r].what);
	}
	if (more && w < outn)
		snprintf(out + w, outn - w, " and %zu more run%s", more, more == 1 ? "" : "s");
}

/* The executable's mapping with file offset 0 in the target (NULL if none),
 * by the name the mappings give it (exe_map_path: a deleted executable, one
 * in another mount namespace). */
static const struct gm_mapping *map_named(const struct gm_target *t, const char *name)
{
	for (size_t i = 0; name && i < t->nmaps; i++)
		if (t->maps[i].file_ofs == 0 && t->maps[i].path && !strcmp(t->maps[i].path, name))
			return &t->maps[i];
	return NULL;
}

/* The mapping of the Go binary: the executable's, or a c-shared library's
 * (by its name in the target, else by its file name: --exe may name a
 * copy elsewhere). */
static const struct gm_mapping *exe_mapping(const struct gm_session *s)
{
	const struct gm_target *t = s->target;
	if (!s->module_path)
		return map_named(t, gm_target_exe_map_name(t));
	const struct gm_mapping *m = map_named(t, s->module_path);
	for (size_t i = 0; !m && i < t->nmaps; i++)
		if (t->maps[i].file_ofs == 0 && t->maps[i].path &&
		    !strcmp(gm_fmt_base_name(t->maps[i].path), gm_fmt_base_name(s->module_path)))
			m = &t->maps[i];
	return m;
}

/* The executable is not Go: the first file the target mapped (NT_FILE,
 * offset 0) that is a Go binary with build information, e.g. a c-shared
 * library a C, Python or Java program loaded. */
static struct gm_error *find_go_module(struct gm_session *s, const char *exe)
{
	const struct gm_target *t = s->target;
	size_t i = 0, budget = 256;
	const struct gm_mapping *m;
	struct gm_gobin *gb = NULL;
	while ((m = session_next_mapped_gobin(t, &i, &exe, 1, &budget, &gb))) {
		if (gb->go_version[0] && gb->pclntab_addr && gm_gobin_is_library(gb)) {
			s->gobin = gb;
			s->module_path = m->path;
			return NULL;
		}
		gm_gobin_destroy(gb);
	}
	return gm_error_create(GM_ERR_UNSUPPORTED,
			       "%s is not a Go program and the core maps no Go shared library (c-shared): "
			       "nothing to read; pass --exe if the Go binary is elsewhere", exe);
}

/* Compares the executable's first page with the copy the kernel saved in
 * the core (coredump_filter bit 4 keeps ELF headers of file mappings). */
/* A core without a copy of the executable's first page (qemu-user writes
 * no file bytes of the text mapping, nor NT_FILE) may still hold the
 * read-only .gopclntab (qemu saves the rodata mapping): its first 64 KiB
 * (function and file names, offsets: unique to a build) compared with the
 * file's settle the question. true when it did (exe_check set). */
#define PCLNTAB_CHECK_MAX (64u << 10)
static bool check_exe_pclntab(struct gm_session *s)
{
	struct gm_gobin *gb = s->gobin;
	uint64_t addr, size;
	if (gb->pie || !gm_gobin_section(gb, ".gopclntab", &addr, &size) || !size)
		return false;
	size_t n = size < PCLNTAB_CHECK_MAX ? (size_t)size : PCLNTAB_CHECK_MAX;
	const uint8_t *file = gm_gobin_vaddr_ptr(gb, addr, n);
	const struct gm_segment *seg = gm_memsrc_segment_at(s->target->mem, addr);
	if (!file || !seg || seg->origin != GM_SEG_CORE || addr + n > seg->vaddr + seg->filesz)
		return false;
	uint8_t *core = malloc(n);
	if (!core)
		return false;
	bool read = gm_memsrc_try_read(s->target->mem, addr, core, n);
	bool same = read && !memcmp(core, file, n);
	free(core);
	if (!read)
		return false;
	if (same) {
		s->exe_check = GM_EXE_MATCH;
		snprintf(s->exe_check_msg, sizeof(s->exe_check_msg),
			 "the core has no copy of the executable's headers; its .gopclntab matches");
	} else {
		s->exe_check = GM_EXE_MISMATCH;
		snprintf(s->exe_check_msg, sizeof(s->exe_check_msg),
			 "executable %s does not match the core: the core's copy of its .gopclntab (at 0x%llx) differs",
			 gb->path, (unsigned long long)addr);
	}
	return true;
}

static void check_exe(struct gm_session *s)
{
	struct gm_target *t = s->target;
	struct gm_gobin *gb = s->gobin;
	const struct gm_mapping *m = exe_mapping(s);
	size_t n = gb->size < 4096 ? gb->size : 4096;
	const struct gm_segment *seg = m ? gm_memsrc_segment_at(t->mem, m->start) : NULL;
	bool copy = seg && (seg->origin == GM_SEG_CORE || seg->origin == GM_SEG_LIVE);
	if (!m || !copy || m->start + n > seg->vaddr + seg->filesz) {
		s->exe_check = GM_EXE_UNVERIFIED;
		if (t->is_live) {
			snprintf(s->exe_check_msg, sizeof(s->exe_check_msg),
				 "could not read the executable's headers in the process: cannot verify that %s matches",
				 gb->path);
			return;
		}
		if (check_exe_pclntab(s))
			return;
		snprintf(s->exe_check_msg, sizeof(s->exe_check_msg),
			 "the core has no copy of the executable's headers: cannot verify that %s matches",
			 gb->path);
		return;
	}
	const uint8_t *core_page = seg->data + (m->start - seg->vaddr);
	find_go_build_id(core_page, n, s->core_go_build_id, sizeof(s->core_go_build_id));
	if (!memcmp(core_page, gb->data, n)) {
		s->exe_check = GM_EXE_MATCH;
		snprintf(s->exe_check_msg, sizeof(s->exe_check_msg), "headers and build ID match the %s",
			 t->is_live ? "process" : "core");
		return;
	}
	s->exe_check = GM_EXE_MISMATCH;
	/* which bytes, in which fields; the build IDs twice only when they differ */
	char diff[320];
	describe_diff(core_page, gb->data, n, gb->data, gb->size, diff, sizeof(diff));
	const char *where = t->is_live ? "process" : "core";
	char ids[300];
	const char *cid = s->core_go_build_id, *eid = gb->go_build_id;
	if (cid[0] && eid[0] && !strcmp(cid, eid))
		snprintf(ids, sizeof(ids), "the same Go build ID %s", cid);
	else
		snprintf(ids, sizeof(ids), "Go build ID in the %s: %s; in the executable: %s", where,
			 cid[0] ? cid : "unknown", eid[0] ? eid : "none");
	snprintf(s->exe_check_msg, sizeof(s->exe_check_msg), "executable %s does not match the %s: %s; %s",
		 gb->path, where, diff, ids);
}

/* Relocated copies of a PIE's segments (gobin's, at the biased addresses)
 * above the raw file bytes (target_core.c's EXE_PRIO 1) and below what the
 * core or the process holds (10). */
#define RELOC_EXE_PRIO 2

/* A PIE's load bias in a core: AT_ENTRY - e_entry (the auxv), checked
 * against the NT_FILE mapping of the executable's first PT_LOAD; either
 * alone when the other is missing. Non-PIE: 0, and a core that says
 * otherwise is reported by the executable check. docs/pie.md. */
static struct gm_error *core_bias(struct gm_session *s, uint64_t *ret)
{
	struct gm_target *t = s->target;
	struct gm_gobin *gb = s->gobin;
	*ret = 0;
	if (!gb->pie)
		return NULL;
	uint64_t first = 0, first_ofs = 0;
	bool have_first = gm_gobin_first_load(gb, &first, &first_ofs) && first_ofs == 0;
	const struct gm_mapping *m = exe_mapping(s);
	bool have_map = m && have_first;
	uint64_t map_bias = have_map ? m->start - (first & ~4095ull) : 0;
	uint64_t entry = gb->entry - gb->bias;
	if (t->auxv_entry && !s->module_path) { /* the entry point is the executable's */
		uint64_t b = t->auxv_entry - entry;
		if (b & 4095)
			return gm_error_create(GM_ERR_MISMATCH,
					       "%s: the core's entry point 0x%llx is not the executable's (0x%llx) at a page-aligned load bias",
					       gb->path, (unsigned long long)t->auxv_entry,
					       (unsigned long long)entry);
		if (have_map && map_bias != b)
			return gm_error_create(GM_ERR_MISMATCH,
					       "%s: load bias 0x%llx from the core's entry point but 0x%llx from its mapping of the executable",
					       gb->path, (unsigned long long)b, (unsigned long long)map_bias);
		*ret = b;
		return NULL;
	}
	if (have_map) {
		*ret = map_bias;
		return NULL;
	}
	return gm_error_create(GM_ERR_FORMAT,
			       "%s is position-independent and the core says neither its entry point (NT_AUXV) nor where it mapped it (NT_FILE): the load address is unknown",
			       gb->path);
}

/* Serves the relocated copies of a PIE's segments (words the dynamic loader
 * wrote: addend + bias) over the raw file bytes. */
static struct gm_error *add_relocated_segments(struct gm_session *s)
{
	uint64_t va, n;
	const uint8_t *d;
	bool relocated;
	for (size_t i = 0; gm_gobin_load_segment(s->gobin, i, &va, &d, &n, &relocated); i++) {
		if (!relocated || !n)
			continue;
		struct gm_error *err = gm_memsrc_add(s->target->mem, va, n, n, d, RELOC_EXE_PRIO,
						     GM_SEG_EXE);
		if (err)
			return gm_error_wrap(err, "executable: relocated PT_LOAD %zu", i);
	}
	return NULL;
}

/* The layout was loaded: its notes into the sink; and when the
 * executable's DWARF could not be used, the warning that the layout came
 * from the gorts tables (the same offsets for a supported version, but
 * unchecked). */
static void layout_loaded(struct gm_session *s)
{
	/* the layout's notes stay a plain array in struct gm_layout (it
	 * crosses the DWARF child's pipe by value); the sink gets copies */
	for (int i = 0; i < s->layout.n_warnings && i < GM_LAYOUT_MAX_WARNINGS; i++)
		gm_diag_emit(&s->diag, GM_DIAG_NOTE, "layout", "%.*s",
			     (int)strnlen(s->layout.warnings[i], sizeof(s->layout.warnings[i])), s->layout.warnings[i]);
	if (s->layout.dwarf_problem[0])
		gm_session_warn(s, "DWARF unreadable (%.160s); layout from the go1.%d tables",
				s->layout.dwarf_problem, s->layout.go_minor);
}

/* A live process whose executable is not Go: the first file it mapped at
 * offset 0 (/proc/PID/maps) that is a Go shared library (c-shared), opened
 * and given the bias of that mapping. */
static struct gm_error *find_live_go_module(struct gm_session *s, int pid, const char *exe)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return gm_error_os(errno, "pid %d: reading %s", pid, path);
	char line[4096 + 128];
	size_t tried = 0;
	struct gm_error *found = NULL;
	bool ok = false;
	while (!ok && tried < 256 && fgets(line, sizeof(line), f)) {
		unsigned long long a, b, off;
		int pos = 0;
		if (sscanf(line, "%llx-%llx %*s %llx %*s %*s%n", &a, &b, &off, &pos) != 3 || off)
			continue;
		char *p = line + pos;
		while (*p == ' ')
			p++;
		p[strcspn(p, "\n")] = 0;
		if (p[0] != '/' || !strcmp(p, exe))
			continue;
		tried++;
		struct gm_gobin *gb = NULL;
		struct gm_error *err = gm_gobin_open(p, &gb);
		if (err) {
			gm_error_destroy(err);
			continue;
		}
		uint64_t first = 0, first_ofs = 0;
		if (gb->go_version[0] && gb->pclntab_addr && gm_gobin_is_library(gb) &&
		    gm_gobin_first_load(gb, &first, &first_ofs) && first_ofs == 0) {
			if ((found = gm_gobin_rebase(gb, a - (first & ~4095ull)))) {
				gm_gobin_destroy(gb);
				break;
			}
			s->gobin = gb;
			ok = true;
			break;
		}
		gm_gobin_destroy(gb);
	}
	fclose(f);
	if (found)
		return found;
	if (!ok)
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "pid %d is not a Go program: %s has no Go build information and it maps no Go "
				       "shared library (c-shared)", pid, exe);
	s->module_path = s->gobin->path;
	return NULL;
}

/* The target and the executable are of one architecture (an arm64 core
 * read with an amd64 build of the program, or the reverse, is a mix-up:
 * nothing of it can be read). */
static struct gm_error *check_arch(enum gm_arch target, const char *what, const struct gm_gobin *gb)
{
	if (gb->arch == target)
		return NULL;
	return gm_error_create(GM_ERR_MISMATCH,
			       "%s is linux/%s (%s) but the executable %s is linux/%s (%s): they do not belong together",
			       what, gm_arch_name(target), gm_arch_elf_name(target), gb->path,
			       gm_arch_name(gb->arch), gm_arch_elf_name(gb->arch));
}

/* A live process: its executable and layout first (they say what to copy),
 * then the stop / copy / resume. */
static struct gm_error *open_live(struct gm_session *s, const struct gm_session_opts *o)
{
	char *exe = NULL;
	struct gm_error *err = NULL;
	if (!o->exe && (err = gm_target_live_exe(o->pid, &exe)))
		return err;
	const char *path = o->exe ? o->exe : exe;
	err = gm_gobin_open(path, &s->gobin);
	if (!o->exe && (err || !s->gobin->go_version[0] || !s->gobin->pclntab_addr)) {
		gm_gobin_destroy(s->gobin);
		s->gobin = NULL;
		gm_error_destroy(err);
		if ((err = find_live_go_module(s, o->pid, path)))
			goto out;
		path = s->gobin->path;
	}
	if (err) {
		err = gm_error_wrap(err, "pid %d is not a Go program that gomortem can read", o->pid);
		goto out;
	}
	if (!s->gobin->go_version[0] || !s->gobin->pclntab_addr) {
		err = gm_error_create(GM_ERR_UNSUPPORTED,
				      "pid %d is not a Go program: %s has no Go build information", o->pid,
				      path);
		goto out;
	}
	if ((err = check_arch(GM_ARCH_HOST, "this machine", s->gobin)))
		goto out;
	if (o->exe && gm_gobin_is_library(s->gobin)) {
		err = gm_error_create(GM_ERR_UNSUPPORTED,
				      "pid %d: --exe %s is a Go shared library: leave --exe out, gomortem finds it in the process",
				      o->pid, path);
		goto out;
	}
	if (s->gobin->pie && !s->module_path) {
		uint64_t bias = 0;
		if ((err = gm_live_load_bias(o->pid, s->gobin, &bias)) ||
		    (err = gm_gobin_rebase(s->gobin, bias)))
			goto out;
	}
	if ((err = gm_layout_load(s->gobin, &s->layout)))
		goto out;
	s->have_layout = true;
	layout_loaded(s);
	struct gm_live_go lg = {.gb = s->gobin, .l = &s->layout, .plan = o->live_plan};
	struct gm_live_opts lo = {
		.pid = o->pid,
		.no_stop = o->no_stop,
		.full_memory = o->full_memory,
		.zero_fill = o->zero_fill,
		.watchdog_ms = o->full_memory ? 30000 : 0,
		.exe_path = path,
		.collect = o->full_memory ? NULL : gm_live_collect_go,
		.collect_arg = &lg,
		.estimate = o->full_memory ? NULL : gm_live_estimate_go,
		.pause_budget_ms = o->pause_budget_ms,
		.goroutines = gm_live_goroutines_go,
		.must_copy = o->copy_all ? NULL : gm_live_must_copy_go,
	};
	err = gm_target_open_live_opts(&lo, &s->target);
	if (!err && o->no_stop)
		gm_session_warn(s, "pid %d was read without stopping it (--no-stop): the results may be inconsistent",
				o->pid);
	if (!err && s->target->nuncopied) {
		uint64_t res = 0;
		for (size_t i = 0; i < s->target->nuncopied; i++)
			res += s->target->uncopied[i].resident;
		const struct gm_uncopied *u = &s->target->uncopied[0];
		gm_session_warn(s, "%zu anonymous mapping%s holding %.1f MiB (the first 0x%llx-0x%llx) %s not copied: the "
				   "copy would pass the limit of %.1f MiB (%s); %s counted in use by resident pages, "
				   "and a Go structure there would be missing",
				s->target->nuncopied, s->target->nuncopied == 1 ? "" : "s", (double)res / 1048576.0,
				(unsigned long long)u->start, (unsigned long long)u->end,
				s->target->nuncopied == 1 ? "was" : "were", (double)s->target->copy_limit / 1048576.0,
				getenv("GOMORTEM_COPY_LIMIT_MB") ? "GOMORTEM_COPY_LIMIT_MB" : "half the available memory",
				s->target->nuncopied == 1 ? "it is" : "they are");
	}
	if (!err && s->target->budget_hit)
		gm_session_warn(s, "the %spause budget of %u ms ran out after %.1f of %.1f MB: pid %d was resumed and the "
				   "rest read while it ran, the results may be inconsistent (--pause-budget)",
				s->target->pause_budget_default ? "default " : "", s->target->pause_budget_ms,
				(double)s->target->copied_stopped / 1e6, (double)s->target->copied_bytes / 1e6,
				o->pid);
out:
	free(exe);
	return err;
}

struct gm_error *gm_session_open(const struct gm_session_opts *o, struct gm_session **ret)
{
	*ret = NULL;
	struct gm_session *s = calloc(1, sizeof(*s));
	if (!s)
		return &gm_error_nomem;
	struct gm_error *err = NULL;
	if (o->pid > 0) {
		err = open_live(s, o);
		if (err)
			goto fail;
		goto opened;
	}
	err = gm_target_open_core(o->core, &s->target);
	if (err)
		goto fail;
	const char *exe = o->exe ? o->exe : s->target->exe_path;
	if (!exe) {
		err = gm_error_create(GM_ERR_FORMAT,
				      "the core does not name its executable (no NT_FILE note): pass --exe");
		goto fail;
	}
	struct stat st;
	if (!o->exe && stat(exe, &st) != 0) {
		err = gm_error_create(GM_ERR_LOOKUP,
				      "the core's executable %s is not on this machine: pass --exe", exe);
		goto fail;
	}
	err = gm_gobin_open(exe, &s->gobin);
	if (!o->exe && (err || !s->gobin->go_version[0] || !s->gobin->pclntab_addr)) {
		/* not a Go executable: a Go library in it? (else the first error) */
		gm_gobin_destroy(s->gobin);
		s->gobin = NULL;
		struct gm_error *merr = find_go_module(s, exe);
		if (merr && err) {
			gm_error_destroy(merr);
			goto fail;
		}
		gm_error_destroy(err);
		err = merr;
	}
	if (err)
		goto fail;
	if ((err = check_arch(s->target->arch, "the core", s->gobin)))
		goto fail;
	if (o->exe && gm_gobin_is_library(s->gobin))
		s->module_path = s->gobin->path;
	if (s->gobin->pie) {
		uint64_t bias = 0;
		if ((err = core_bias(s, &bias)) || (err = gm_gobin_rebase(s->gobin, bias)))
			goto fail;
	}
opened:
	check_exe(s);
	if (s->exe_check == GM_EXE_MISMATCH && !o->force) {
		err = gm_error_create(GM_ERR_MISMATCH, "%s (use --force to read it anyway)", s->exe_check_msg);
		goto fail;
	}
	if (s->exe_check != GM_EXE_MATCH)
		gm_session_warn(s, "%s", s->exe_check_msg);
	err = gm_target_add_exe_segments(s->target, s->gobin->data, s->gobin->size, s->gobin->bias);
	if (!err)
		err = add_relocated_segments(s);
	if (err)
		goto fail;
	if (s->target->phdr_damage)
		gm_session_warn(s, "the core's program headers are damaged: %s", s->target->phdr_damage);
	if (s->target->truncated && s->target->truncated_bytes_min && !s->target->truncated_bytes &&
	    s->target->truncation_note)
		gm_session_warn(s, "the core is truncated (%s): results may be partial", s->target->truncation_note);
	else if (s->target->truncated)
		gm_session_warn(s, "the core is truncated (%s%llu bytes missing%s%s): results may be partial",
				s->target->truncated_bytes_min ? "at least " : "",
				(unsigned long long)s->target->truncated_bytes, s->target->truncation_note ? ": " : "", s->target->truncation_note ? s->target->truncation_note : "");
	if (!s->have_layout) {
		err = gm_layout_load(s->gobin, &s->layout);
		if (err)
			goto fail;
		s->have_layout = true;
		layout_loaded(s);
	}
	if ((err = session_load_plugins(s)))
		goto fail;
	*ret = s;
	return NULL;
fail:
	gm_session_destroy(s);
	return err;
}

void gm_session_destroy(struct gm_session *s)
{
	if (!s)
		return;
	if (s->have_layout)
		gm_layout_deinit(&s->layout);
	session_free_plugins(s);
	gm_typed_globals_free(&s->tglobals);
	gm_gobin_destroy(s->gobin);
	gm_target_destroy(s->target);
	free(s);
}
