/* Native stacks: modules (ELF files the target mapped), their symbols and
 * unwind tables, and a frame-by-frame unwinder mixing Go's pcsp, libunwind's
 * remote API (CFI) and frame pointers. See include/walk/gm_native.h.
 * libunwind (Debian's) unwinds only the architecture it was built for: the
 * CFI of amd64 targets is used when gomortem itself runs on x86-64
 * (GM_X86_CFI); built for arm64, amd64 stacks use frame pointers only. arm64
 * targets never use libunwind (gm_native_unwind_arm64). */
#if defined(__x86_64__)
#define GM_X86_CFI 1
#else
#define GM_X86_CFI 0
#endif
#define UNW_REMOTE_ONLY
#include "gm_native.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#if GM_X86_CFI
#include <libunwind.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gm_bytes.h"
#include "gm_elfnote.h"
#include "gm_file.h"

#if GM_X86_CFI
/* libunwind exports it (remote table lookup) without declaring it. */
extern int _Ux86_64_dwarf_search_unwind_table(unw_addr_space_t as, unw_word_t ip,
					      unw_dyn_info_t *di, unw_proc_info_t *pi,
					      int need_unwind_info, void *arg);
#endif

#define MAX_MODULES 512
#define MAX_SYMS (8u << 20)
#define FUNCFLAG_TOPFRAME 1
#define FUNCFLAG_SPWRITE 2

struct sym {
	uint64_t addr, size;
	const char *name; /* into the mmapped file */
};

struct load {
	uint64_t vaddr, off, filesz;
};

struct module {
	struct gm_native_module pub;
	char *path_copy;
	const uint8_t *data; /* mmapped file (or the gobin's image, borrowed) */
	size_t size;
	bool owned;
	const uint8_t *dbg;  /* mmapped debuginfo file, may be NULL */
	size_t dbg_size;
	struct load loads[16];
	int nloads;
	uint64_t eh_hdr;     /* runtime address of .eh_frame_hdr, 0 if none */
	uint64_t text_lo, text_hi; /* runtime range of executable PT_LOADs */
	struct sym *syms;
	size_t nsyms;
};

struct gm_native {
	struct gm_target *t;
	const struct gm_gobin *gb;
	struct module *mods;
	size_t nmods;
#if GM_X86_CFI
	unw_addr_space_t as;
#endif
	uint64_t sigreturn[2];
	uint64_t goexit;
	uint64_t clone; /* runtime.clone: a new thread's first Go frame */
	/* registers of the frame libunwind starts from */
	struct gm_regs cur;
};

const char *gm_native_how_name(enum gm_nframe_how how)
{
	switch (how) {
	case GM_NF_REGS: return "regs";
	case GM_NF_CFI: return "cfi";
	case GM_NF_FP: return "fp";
	case GM_NF_GO: return "go";
	case GM_NF_SIGNAL: return "signal";
	}
	return "?";
}

/* ---- ELF files ---- */

static bool elf_hdr(const uint8_t *d, size_t n, Elf64_Ehdr *eh)
{
	if (n < sizeof(*eh) || memcmp(d, ELFMAG, SELFMAG) || d[EI_CLASS] != ELFCLASS64)
		return false;
	memcpy(eh, d, sizeof(*eh));
	return true;
}

static bool elf_shdr(const uint8_t *d, size_t n, const Elf64_Ehdr *eh, unsigned i, Elf64_Shdr *sh)
{
	if (eh->e_shentsize != sizeof(*sh) || eh->e_shoff > n || i >= eh->e_shnum ||
	    (uint64_t)(i + 1) * sizeof(*sh) > n - eh->e_shoff)
		return false;
	memcpy(sh, d + eh->e_shoff + (uint64_t)i * sizeof(*sh), sizeof(*sh));
	return true;
}

static bool elf_phdr(const uint8_t *d, size_t n, const Elf64_Ehdr *eh, unsigned i, Elf64_Phdr *ph)
{
	if (eh->e_phentsize != sizeof(*ph) || eh->e_phoff > n || i >= eh->e_phnum ||
	    (uint64_t)(i + 1) * sizeof(*ph) > n - eh->e_phoff)
		return false;
	memcpy(ph, d + eh->e_phoff + (uint64_t)i * sizeof(*ph), sizeof(*ph));
	return true;
}

/* GNU build ID from the notes in [p, p+n), as hex into out. */
static bool note_build_id(const uint8_t *p, uint64_t n, char *out, size_t outn)
{
	struct gm_elfnote_iter it;
	struct gm_elfnote nt;
	gm_elfnote_begin(&it, p, n);
	while (gm_elfnote_next(&it, &nt)) {
		if (nt.type == NT_GNU_BUILD_ID && gm_elfnote_owner(&nt, "GNU") && nt.descsz > 0 &&
		    nt.descsz * 2ull + 1 <= outn) {
			for (uint32_t i = 0; i < nt.descsz; i++)
				snprintf(out + 2 * i, 3, "%02x", nt.desc[i]);
			return true;
		}
	}
	return false;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* A global untyped symbol in an executable section: an assembly function
 * declared without .type, as cgo's crosscall1 (gcc_amd64.S), where the threads
 * the Go runtime starts through cgo (c-archive, c-shared, cgo programs) begin.
 * Local ones are left out: ARM's $x/$d mapping symbols are local and untyped. */
static bool code_label(const uint8_t *d, size_t n, const Elf64_Ehdr *eh, const Elf64_Sym *s,
		       uint64_t stroff)
{
	Elf64_Shdr sec;
	unsigned bind = ELF64_ST_BIND(s->st_info);
	if (ELF64_ST_TYPE(s->st_info) != STT_NOTYPE || (bind != STB_GLOBAL && bind != STB_WEAK) ||
	    s->st_shndx == SHN_UNDEF || s->st_shndx >= SHN_LORESERVE ||
	    !elf_shdr(d, n, eh, s->st_shndx, &sec) || !(sec.sh_flags & SHF_EXECINSTR))
		return false;
	return d[stroff + s->st_name] != '$';
}

/* FUNC symbols of section type `type` (SHT_SYMTAB / SHT_DYNSYM), and the
 * untyped labels of code_label(). */
static size_t load_syms(struct module *m, const uint8_t *d, size_t n, uint32_t type)
{
	Elf64_Ehdr eh;
	if (!elf_hdr(d, n, &eh))
		return 0;
	for (unsigned i = 0; i < eh.e_shnum && i < 65536; i++) {
		Elf64_Shdr sh, str;
		if (!elf_shdr(d, n, &eh, i, &sh) || sh.sh_type != type)
			continue;
		if (sh.sh_entsize != sizeof(Elf64_Sym) || sh.sh_offset > n || sh.sh_size > n - sh.sh_offset ||
		    !elf_shdr(d, n, &eh, sh.sh_link, &str) || str.sh_offset > n ||
		    str.sh_size > n - str.sh_offset)
			continue;
		size_t cnt = sh.sh_size / sizeof(Elf64_Sym);
		if (cnt > MAX_SYMS)
			cnt = MAX_SYMS;
		struct sym *v = realloc(m->syms, (m->nsyms + cnt) * sizeof(*v) + 1);
		if (!v)
			return 0;
		m->syms = v;
		size_t before = m->nsyms;
		for (size_t k = 0; k < cnt; k++) {
			Elf64_Sym s;
			memcpy(&s, d + sh.sh_offset + k * sizeof(s), sizeof(s));
			if (!s.st_value || s.st_name >= str.sh_size)
				continue;
			if (ELF64_ST_TYPE(s.st_info) != STT_FUNC && !code_label(d, n, &eh, &s, str.sh_offset))
				continue;
			const char *name = (const char *)d + str.sh_offset + s.st_name;
			if (!memchr(name, 0, str.sh_size - s.st_name))
				continue;
			m->syms[m->nsyms++] = (struct sym){s.st_value, s.st_size, name};
		}
		if (m->nsyms > before)
			qsort(m->syms, m->nsyms, sizeof(*m->syms), sym_cmp);
		return m->nsyms - before;
	}
	return 0;
}

static const uint8_t *map_file(const char *path, size_t *size)
{
	/* a path the core names: a FIFO or a device there must not hang us */
	struct stat st;
	int fd = gm_open_regular(AT_FDCWD, path, &st);
	if (fd < 0)
		return NULL;
	void *p = MAP_FAILED;
	if (st.st_size > 0)
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*size = (size_t)st.st_size;
	return p;
}

/* The file of a mapping, as a path we can open. */
static const uint8_t *open_module_file(const struct gm_target *t, const char *path, size_t *size)
{
	char buf[4096];
	const uint8_t *d = map_file(path, size);
	if (d)
		return d;
	size_t n = strlen(path);
	const char *del = " (deleted)";
	if (n > strlen(del) && !strcmp(path + n - strlen(del), del) && n < sizeof(buf)) {
		memcpy(buf, path, n - strlen(del));
		buf[n - strlen(del)] = 0;
		if ((d = map_file(buf, size)))
			return d;
	}
	if (t->is_live && t->pid > 0) {
		snprintf(buf, sizeof(buf), "/proc/%d/root%s", (int)t->pid, path);
		if ((d = map_file(buf, size)))
			return d;
	}
	return NULL;
}

/* The build ID of the ELF image whose first page the target holds at base. */
static bool target_build_id(struct gm_target *t, uint64_t base, char *out, size_t outn)
{
	const uint8_t *p = gm_memsrc_ptr(t->mem, base, 4096);
	Elf64_Ehdr eh;
	if (!p || !elf_hdr(p, 4096, &eh))
		return false;
	for (unsigned i = 0; i < eh.e_phnum && i < 64; i++) {
		Elf64_Phdr ph;
		if (!elf_phdr(p, 4096, &eh, i, &ph) || ph.p_type != PT_NOTE)
			continue;
		/* notes are near the start of the first PT_LOAD (file offset == vaddr offset) */
		if (ph.p_offset < 4096 && ph.p_filesz <= 4096 - ph.p_offset &&
		    note_build_id(p + ph.p_offset, ph.p_filesz, out, outn))
			return true;
	}
	return false;
}

static void module_init(struct gm_native *n, struct module *m)
{
	struct gm_native_module *pub = &m->pub;
	Elf64_Ehdr eh;
	if (!elf_hdr(m->data, m->size, &eh) || gm_arch_from_machine(eh.e_machine) != n->t->arch) {
		pub->problem = n->t->arch == GM_ARCH_ARM64 ? "not an AArch64 ELF file" : "not an x86-64 ELF file";
		return;
	}
	uint64_t first_vaddr = UINT64_MAX;
	uint64_t hdr_vaddr = 0;
	for (unsigned i = 0; i < eh.e_phnum && i < 256; i++) {
		Elf64_Phdr ph;
		if (!elf_phdr(m->data, m->size, &eh, i, &ph))
			break;
		if (ph.p_type == PT_LOAD) {
			if (ph.p_vaddr < first_vaddr)
				first_vaddr = ph.p_vaddr;
			if (m->nloads < 16 && ph.p_offset <= m->size)
				m->loads[m->nloads++] = (struct load){ph.p_vaddr, ph.p_offset,
					ph.p_filesz < m->size - ph.p_offset ? ph.p_filesz : m->size - ph.p_offset};
		} else if (ph.p_type == PT_GNU_EH_FRAME) {
			hdr_vaddr = ph.p_vaddr;
		} else if (ph.p_type == PT_NOTE && !pub->build_id[0] && ph.p_offset <= m->size &&
			   ph.p_filesz <= m->size - ph.p_offset) {
			note_build_id(m->data + ph.p_offset, ph.p_filesz, pub->build_id,
				      sizeof(pub->build_id));
		}
	}
	if (first_vaddr == UINT64_MAX) {
		pub->problem = "no PT_LOAD";
		return;
	}
	pub->bias = eh.e_type == ET_DYN ? pub->start - (first_vaddr & ~4095ull) : 0;
	m->text_lo = UINT64_MAX;
	for (unsigned i = 0; i < eh.e_phnum && i < 256; i++) {
		Elf64_Phdr ph;
		if (!elf_phdr(m->data, m->size, &eh, i, &ph))
			break;
		if (ph.p_type == PT_LOAD && (ph.p_flags & PF_X)) {
			if (ph.p_vaddr + pub->bias < m->text_lo)
				m->text_lo = ph.p_vaddr + pub->bias;
			if (ph.p_vaddr + ph.p_memsz + pub->bias > m->text_hi)
				m->text_hi = ph.p_vaddr + ph.p_memsz + pub->bias;
		}
	}
	if (m->text_lo == UINT64_MAX)
		m->text_lo = m->text_hi = 0;
	/* build ID against the target's copy of the first page */
	char tid[72];
	if (pub->build_id[0] && target_build_id(n->t, pub->start, tid, sizeof(tid))) {
		pub->build_id_checked = true;
		if (strcmp(tid, pub->build_id)) {
			pub->problem = "build ID differs from the target's (another version of the file)";
			return;
		}
	}
	if (hdr_vaddr) {
		m->eh_hdr = hdr_vaddr + pub->bias;
		pub->eh_frame_hdr = true;
	}
	/* symbols: .symtab, a debuginfo file's .symtab, .dynsym */
	size_t k = load_syms(m, m->data, m->size, SHT_SYMTAB);
	pub->symbols = "symtab";
	if (!k && pub->build_id[0] && strlen(pub->build_id) > 2) {
		char dp[256];
		snprintf(dp, sizeof(dp), "/usr/lib/debug/.build-id/%.2s/%s.debug", pub->build_id,
			 pub->build_id + 2);
		if ((m->dbg = map_file(dp, &m->dbg_size)) &&
		    (k = load_syms(m, m->dbg, m->dbg_size, SHT_SYMTAB)))
			pub->symbols = "debuginfo";
	}
	if (!k) {
		k = load_syms(m, m->data, m->size, SHT_DYNSYM);
		pub->symbols = k ? "dynsym" : "none";
	}
	pub->nsyms = m->nsyms;
}

/* The executable's name in the module list: as the target's mappings give
 * it, else (no NT_FILE) the path it was opened from. */
static const char *exe_name(const struct gm_native *n)
{
	const char *x = gm_target_exe_map_name(n->t);
	return x ? x : n->gb ? n->gb->path : NULL;
}

static bool is_exe_path(const struct gm_native *n, const char *path)
{
	const char *x = exe_name(n);
	return n->gb && x && !strcmp(path, x);
}

/* A module of a file at [start, end): data, if given, is the caller's
 * mmap of it (owned from here); else the file is opened later. */
static struct gm_error *add_module(struct gm_native *n, const char *path, uint64_t start, uint64_t end,
				   const uint8_t *data, size_t size)
{
	struct module *v = realloc(n->mods, (n->nmods + 1) * sizeof(*v));
	if (!v)
		return &gm_error_nomem;
	n->mods = v;
	struct module *m = &n->mods[n->nmods++];
	memset(m, 0, sizeof(*m));
	m->path_copy = strdup(path);
	m->pub.path = m->path_copy ? m->path_copy : "?";
	m->pub.start = start;
	m->pub.end = end;
	m->data = data;
	m->size = size;
	m->owned = data != NULL;
	return NULL;
}

/* The link-time span of an ELF file's PT_LOADs: [*lo page, *hi); false if none. */
static bool load_span(const uint8_t *d, size_t size, uint64_t *lo, uint64_t *hi)
{
	Elf64_Ehdr eh;
	*lo = UINT64_MAX;
	*hi = 0;
	for (unsigned i = 0; elf_hdr(d, size, &eh) && i < eh.e_phnum && i < 256; i++) {
		Elf64_Phdr ph;
		if (!elf_phdr(d, size, &eh, i, &ph))
			break;
		if (ph.p_type != PT_LOAD || ph.p_memsz > (1ull << 40) || ph.p_vaddr > UINT64_MAX - ph.p_memsz)
			continue;
		if (ph.p_vaddr < *lo)
			*lo = ph.p_vaddr;
		if (ph.p_vaddr + ph.p_memsz > *hi)
			*hi = ph.p_vaddr + ph.p_memsz;
	}
	*lo &= ~4095ull;
	return *lo < *hi;
}

/* A module already covers part of [lo, hi). */
static bool overlaps(const struct gm_native *n, uint64_t lo, uint64_t hi)
{
	for (size_t i = 0; i < n->nmods; i++)
		if (n->mods[i].pub.start < hi && lo < n->mods[i].pub.end)
			return true;
	return false;
}

/* The executable as a module when no mapping names it: qemu-user's cores
 * have no NT_FILE note, so the C code linked into a cgo executable would
 * be "no module". Its span is its PT_LOADs at the executable's load bias
 * (gm_gobin_rebase); another file mapped there means it is not this one. */
static struct gm_error *add_exe_module(struct gm_native *n)
{
	const struct gm_gobin *gb = n->gb;
	const char *x = exe_name(n);
	uint64_t lo, hi;
	if (!gb || !x || n->nmods >= MAX_MODULES || !load_span(gb->data, gb->size, &lo, &hi) ||
	    hi > UINT64_MAX - gb->bias)
		return NULL;
	for (size_t k = 0; k < n->nmods; k++)
		if (is_exe_path(n, n->mods[k].pub.path))
			return NULL;
	if (overlaps(n, lo + gb->bias, hi + gb->bias))
		return NULL;
	return add_module(n, x, lo + gb->bias, hi + gb->bias, NULL, 0);
}

#define MAX_DYN 512
#define MAX_LM_PATH 4096

/* The shared libraries from the dynamic linker's list when the core names
 * no file (qemu-user's cores have no NT_FILE): the executable's
 * PT_DYNAMIC holds DT_DEBUG = &_r_debug, whose r_map (+8) heads the
 * link_map list {l_addr (the load bias), l_name, l_ld, l_next}. A library
 * is read from this machine's file of that name (its ELF machine must be
 * the core's: module_init). Damage ends the list quietly: the frames in
 * such libraries stay nameless, as before. */
static struct gm_error *add_linkmap_modules(struct gm_native *n)
{
	const struct gm_gobin *gb = n->gb;
	struct gm_memsrc *mem = n->t->mem;
	Elf64_Ehdr eh;
	if (!gb || n->t->nmaps || n->t->is_live || !elf_hdr(gb->data, gb->size, &eh))
		return NULL;
	uint64_t dyn = 0, dynsz = 0;
	for (unsigned i = 0; i < eh.e_phnum && i < 256; i++) {
		Elf64_Phdr ph;
		if (!elf_phdr(gb->data, gb->size, &eh, i, &ph))
			break;
		if (ph.p_type == PT_DYNAMIC) {
			dyn = ph.p_vaddr + gb->bias;
			dynsz = ph.p_memsz;
		}
	}
	uint64_t rdebug = 0, lm = 0;
	for (uint64_t off = 0; dyn && off + 16 <= dynsz && off < MAX_DYN * 16; off += 16) {
		uint64_t tag, val;
		if (!gm_memsrc_u64(mem, dyn + off, &tag) || !gm_memsrc_u64(mem, dyn + off + 8, &val) ||
		    tag == DT_NULL)
			break;
		if (tag == DT_DEBUG) {
			rdebug = val;
			break;
		}
	}
	if (!rdebug || !gm_memsrc_u64(mem, rdebug + 8, &lm))
		return NULL;
	for (unsigned k = 0; lm && k < MAX_MODULES && n->nmods < MAX_MODULES; k++) {
		uint64_t laddr, lname, lnext;
		if (!gm_memsrc_u64(mem, lm, &laddr) || !gm_memsrc_u64(mem, lm + 8, &lname) ||
		    !gm_memsrc_u64(mem, lm + 24, &lnext))
			break;
		lm = lnext;
		char path[MAX_LM_PATH];
		size_t len = 0;
		uint8_t ch = 1;
		while (lname && len + 1 < sizeof(path) && gm_memsrc_u8(mem, lname + len, &ch) && ch)
			path[len++] = (char)ch;
		path[len] = 0;
		if (ch || path[0] != '/') /* the executable (""), the vDSO, a cut name */
			continue;
		size_t size;
		const uint8_t *d = map_file(path, &size);
		if (!d)
			continue;
		uint64_t lo, hi;
		if (!load_span(d, size, &lo, &hi) || laddr > UINT64_MAX - hi || overlaps(n, laddr + lo, laddr + hi)) {
			munmap((void *)d, size);
			continue;
		}
		struct gm_error *err = add_module(n, path, laddr + lo, laddr + hi, d, size);
		if (err) {
			munmap((void *)d, size);
			return err;
		}
	}
	return NULL;
}

struct gm_error *gm_native_create(struct gm_target *t, const struct gm_gobin *gb,
				  struct gm_native **ret)
{
	*ret = NULL;
	struct gm_native *n = calloc(1, sizeof(*n));
	if (!n)
		return &gm_error_nomem;
	n->t = t;
	n->gb = gb;
	if (gb) {
		struct gm_func f;
		if (gm_gobin_func_by_name(gb, "runtime.sigreturn__sigaction", &f))
			n->sigreturn[0] = f.entry;
		if (gm_gobin_func_by_name(gb, "runtime.sigreturn", &f))
			n->sigreturn[1] = f.entry;
		if (gm_gobin_func_by_name(gb, "runtime.goexit", &f))
			n->goexit = f.entry;
		if (gm_gobin_func_by_name(gb, "runtime.clone", &f))
			n->clone = f.entry;
	}
	/* one module per distinct path, in mapping order */
	for (size_t i = 0; i < t->nmaps && n->nmods < MAX_MODULES; i++) {
		const struct gm_mapping *mp = &t->maps[i];
		if (!mp->path || mp->path[0] != '/' || mp->end <= mp->start)
			continue;
		struct module *m = NULL;
		for (size_t k = 0; k < n->nmods; k++)
			if (!strcmp(n->mods[k].pub.path, mp->path))
				m = &n->mods[k];
		if (m) {
			if (mp->start < m->pub.start && mp->file_ofs == 0)
				m->pub.start = mp->start;
			if (mp->end > m->pub.end)
				m->pub.end = mp->end;
			continue;
		}
		if (mp->file_ofs != 0)
			continue; /* a module starts with the mapping of its ELF header */
		struct gm_error *err = add_module(n, mp->path, mp->start, mp->end, NULL, 0);
		if (err) {
			gm_native_destroy(n);
			return err;
		}
	}
	struct gm_error *xerr = add_exe_module(n);
	if (!xerr)
		xerr = add_linkmap_modules(n);
	if (xerr) {
		gm_native_destroy(n);
		return xerr;
	}
	for (size_t k = 0; k < n->nmods; k++) {
		struct module *m = &n->mods[k];
		bool is_exe = is_exe_path(n, m->pub.path);
		if (is_exe) {
			m->data = gb->data;
			m->size = gb->size;
		} else if (!m->data) {
			m->data = open_module_file(t, m->pub.path, &m->size);
			m->owned = m->data != NULL;
		}
		if (!m->data) {
			m->pub.problem = "cannot open the file";
			m->pub.symbols = "none";
			continue;
		}
		module_init(n, m);
		if (!m->pub.symbols)
			m->pub.symbols = "none";
	}
	*ret = n;
	return NULL;
}

void gm_native_destroy(struct gm_native *n)
{
	if (!n)
		return;
#if GM_X86_CFI
	if (n->as)
		unw_destroy_addr_space(n->as);
#endif
	for (size_t i = 0; i < n->nmods; i++) {
		struct module *m = &n->mods[i];
		if (m->owned)
			munmap((void *)m->data, m->size);
		if (m->dbg)
			munmap((void *)m->dbg, m->dbg_size);
		free(m->syms);
		free(m->path_copy);
	}
	free(n->mods);
	free(n);
}

size_t gm_native_nmodules(const struct gm_native *n)
{
	return n ? n->nmods : 0;
}

const struct gm_native_module *gm_native_module(const struct gm_native *n, size_t i)
{
	return n && i < n->nmods ? &n->mods[i].pub : NULL;
}

static struct module *module_at(struct gm_native *n, uint64_t pc)
{
	for (size_t i = 0; i < n->nmods; i++)
		if (pc >= n->mods[i].pub.start && pc < n->mods[i].pub.end)
			return &n->mods[i];
	return NULL;
}

/* Target memory, else the file contents of the module mapped there. */
static bool read_u64(struct gm_native *n, uint64_t addr, uint64_t *v) __attribute__((unused));
static bool read_u64(struct gm_native *n, uint64_t addr, uint64_t *v)
{
	if (gm_memsrc_u64(n->t->mem, addr, v))
		return true;
	struct module *m = module_at(n, addr);
	if (!m || !m->data || m->pub.problem)
		return false;
	uint64_t va = addr - m->pub.bias;
	for (int i = 0; i < m->nloads; i++) {
		const struct load *l = &m->loads[i];
		if (va >= l->vaddr && va - l->vaddr <= l->filesz && l->filesz - (va - l->vaddr) >= 8) {
			*v = gm_rd64(m->data + l->off + (va - l->vaddr));
			return true;
		}
	}
	return false;
}

/* ---- symbols ---- */

void gm_native_symbolize(struct gm_native *n, uint64_t pc, bool innermost, struct gm_nframe *f)
{
	f->pc = pc;
	f->func = NULL;
	f->off = 0;
	f->file = NULL;
	f->line = 0;
	f->go = false;
	f->sigreturn = false;
	struct module *m = module_at(n, pc);
	f->module = m ? m->pub.path : NULL;
	struct gm_func gf;
	if (n->gb && gm_gobin_find_func(n->gb, pc, &gf)) {
		f->go = true;
		f->func = gf.name;
		f->off = pc - gf.entry;
		uint64_t tpc = innermost || pc == gf.entry ? pc : pc - 1;
		const char *file;
		int32_t line;
		if (gm_gobin_fileline(n->gb, &gf, tpc, &file, &line)) {
			f->file = file;
			f->line = line;
		}
		f->sigreturn = gf.entry == pc && (pc == n->sigreturn[0] || pc == n->sigreturn[1]);
		return;
	}
	if (!m || !m->nsyms || m->pub.problem)
		return;
	uint64_t va = pc - m->pub.bias;
	if (!innermost && va)
		va--; /* a return address may be past the end of a noreturn call's function */
	size_t lo = 0, hi = m->nsyms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->syms[mid].addr <= va)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* the last symbol starting at or before va that contains it (size 0: assume it does) */
	for (size_t k = lo; k > 0 && lo - k < 8; k--) {
		const struct sym *s = &m->syms[k - 1];
		if (s->size == 0 || va < s->addr + s->size) {
			f->func = s->name;
			f->off = pc - m->pub.bias - s->addr;
			return;
		}
	}
}

/* ---- libunwind accessors ---- */
#if GM_X86_CFI

static int acc_find_proc_info(unw_addr_space_t as, unw_word_t ip, unw_proc_info_t *pi,
			      int need_unwind_info, void *arg)
{
	struct gm_native *n = arg;
	struct module *m = module_at(n, ip);
	if (!m || !m->eh_hdr || m->pub.problem || ip < m->text_lo || ip >= m->text_hi)
		return -UNW_ENOINFO;
	/* .eh_frame_hdr: version 1, eh_frame_ptr_enc, fde_count_enc, table_enc,
	 * then eh_frame_ptr and fde_count; the table must be datarel|sdata4 */
	uint64_t w;
	if (!read_u64(n, m->eh_hdr, &w))
		return -UNW_ENOINFO;
	uint8_t ver = w & 0xff, ptr_enc = (w >> 8) & 0xff, cnt_enc = (w >> 16) & 0xff,
		tab_enc = (w >> 24) & 0xff;
	if (ver != 1 || tab_enc != 0x3b || (cnt_enc & 0x0f) != 0x03 || (ptr_enc & 0x0f) != 0x0b)
		return -UNW_ENOINFO;
	uint32_t fde_count = (uint32_t)(w >> 32);
	if (!read_u64(n, m->eh_hdr + 8, &w))
		return -UNW_ENOINFO;
	/* eh_frame_ptr (4 bytes at +4) is not needed; fde_count at +8 */
	fde_count = (uint32_t)w;
	if (!fde_count || fde_count > (1u << 24))
		return -UNW_ENOINFO;
	unw_dyn_info_t di;
	memset(&di, 0, sizeof(di));
	di.start_ip = m->text_lo;
	di.end_ip = m->text_hi;
	di.format = UNW_INFO_FORMAT_REMOTE_TABLE;
	di.u.rti.name_ptr = 0;
	di.u.rti.segbase = m->eh_hdr;
	di.u.rti.table_data = m->eh_hdr + 12;
	di.u.rti.table_len = (uint64_t)fde_count * 8 / sizeof(unw_word_t);
	return _Ux86_64_dwarf_search_unwind_table(as, ip, &di, pi, need_unwind_info, arg);
}

static void acc_put_unwind_info(unw_addr_space_t as, unw_proc_info_t *pi, void *arg)
{
	(void)as, (void)pi, (void)arg; /* table-format info is freed by libunwind */
}

static int acc_get_dyn_info_list_addr(unw_addr_space_t as, unw_word_t *addr, void *arg)
{
	(void)as, (void)addr, (void)arg;
	return -UNW_ENOINFO;
}

static int acc_access_mem(unw_addr_space_t as, unw_word_t addr, unw_word_t *valp, int write,
			  void *arg)
{
	(void)as;
	if (write)
		return -UNW_EINVAL;
	uint64_t v;
	if (!read_u64(arg, addr, &v))
		return -UNW_EINVAL;
	*valp = v;
	return 0;
}

static uint64_t *reg_slot(struct gm_regs *r, unw_regnum_t reg)
{
	switch (reg) {
	case UNW_X86_64_RAX: return &r->rax;
	case UNW_X86_64_RDX: return &r->rdx;
	case UNW_X86_64_RCX: return &r->rcx;
	case UNW_X86_64_RBX: return &r->rbx;
	case UNW_X86_64_RSI: return &r->rsi;
	case UNW_X86_64_RDI: return &r->rdi;
	case UNW_X86_64_RBP: return &r->rbp;
	case UNW_X86_64_RSP: return &r->rsp;
	case UNW_X86_64_R8: return &r->r8;
	case UNW_X86_64_R9: return &r->r9;
	case UNW_X86_64_R10: return &r->r10;
	case UNW_X86_64_R11: return &r->r11;
	case UNW_X86_64_R12: return &r->r12;
	case UNW_X86_64_R13: return &r->r13;
	case UNW_X86_64_R14: return &r->r14;
	case UNW_X86_64_R15: return &r->r15;
	case UNW_X86_64_RIP: return &r->rip;
	default: return NULL;
	}
}

static int acc_access_reg(unw_addr_space_t as, unw_regnum_t reg, unw_word_t *valp, int write,
			  void *arg)
{
	(void)as;
	struct gm_native *n = arg;
	uint64_t *slot = reg_slot(&n->cur, reg);
	if (!slot || write)
		return -UNW_EBADREG;
	*valp = *slot;
	return 0;
}

static int acc_access_fpreg(unw_addr_space_t as, unw_regnum_t reg, unw_fpreg_t *val, int write,
			    void *arg)
{
	(void)as, (void)reg, (void)val, (void)write, (void)arg;
	return -UNW_EBADREG;
}

static int acc_resume(unw_addr_space_t as, unw_cursor_t *c, void *arg)
{
	(void)as, (void)c, (void)arg;
	return -UNW_EINVAL;
}

static int acc_get_proc_name(unw_addr_space_t as, unw_word_t addr, char *buf, size_t len,
			     unw_word_t *off, void *arg)
{
	(void)as, (void)addr, (void)buf, (void)len, (void)off, (void)arg;
	return -UNW_ENOINFO;
}

static unw_accessors_t accessors = {
	.find_proc_info = acc_find_proc_info,
	.put_unwind_info = acc_put_unwind_info,
	.get_dyn_info_list_addr = acc_get_dyn_info_list_addr,
	.access_mem = acc_access_mem,
	.access_reg = acc_access_reg,
	.access_fpreg = acc_access_fpreg,
	.resume = acc_resume,
	.get_proc_name = acc_get_proc_name,
};
#endif /* GM_X86_CFI */

/* ---- the unwinder ---- */

/* The registers a signal frame saved: sp points just past the sa_restorer
 * return address, at the ucontext; its mcontext gregs start at +40 (r8, r9,
 * r10, r11, r12, r13, r14, r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip). */
static bool signal_regs(struct gm_native *n, uint64_t sp, struct gm_regs *r)
{
	uint64_t g[17];
	for (int i = 0; i < 17; i++)
		if (!gm_memsrc_u64(n->t->mem, sp + 40 + 8 * (uint64_t)i, &g[i]))
			return false;
	memset(r, 0, sizeof(*r));
	r->r8 = g[0], r->r9 = g[1], r->r10 = g[2], r->r11 = g[3], r->r12 = g[4], r->r13 = g[5];
	r->r14 = g[6], r->r15 = g[7], r->rdi = g[8], r->rsi = g[9], r->rbp = g[10], r->rbx = g[11];
	r->rdx = g[12], r->rax = g[13], r->rcx = g[14], r->rsp = g[15], r->rip = g[16];
	return true;
}

/* Stops that mean the target's memory is missing or damaged where a stack
 * should be (not a limit of the unwinder nor the thread's first frame). */
static const char STOP_RET_UNREADABLE[] = "return address unreadable";
static const char STOP_SIG_UNREADABLE[] = "signal frame unreadable";
static const char STOP_RET_ZERO[] =
	"return address 0 below a Go function that is not a thread's first: the stack is cut (damaged or not saved)";

bool gm_native_stop_is_damage(const char *stop)
{
	return stop == STOP_RET_UNREADABLE || stop == STOP_SIG_UNREADABLE || stop == STOP_RET_ZERO;
}

const char *gm_native_unwind(struct gm_native *n, const struct gm_regs *regs,
			     struct gm_nframe *out, size_t max, size_t *nout)
{
	*nout = 0;
	if (max > GM_NATIVE_MAX_FRAMES)
		max = GM_NATIVE_MAX_FRAMES;
#if GM_X86_CFI
	if (!n->as) {
		n->as = unw_create_addr_space(&accessors, 0);
		if (!n->as)
			return "libunwind: cannot create an address space";
		unw_set_caching_policy(n->as, UNW_CACHE_NONE);
	}
	unw_cursor_t cur;
#endif
	struct gm_regs r = *regs;
	enum gm_nframe_how how = GM_NF_REGS;
	bool cursor = false;   /* cur is positioned at the frame being recorded */
	bool innermost = true; /* pc is not a return address */
	for (;;) {
		if (*nout >= max)
			return "too many frames";
		if (r.rip < 4096)
			return *nout ? NULL : "no instruction pointer";
		struct gm_nframe *f = &out[(*nout)++];
		gm_native_symbolize(n, r.rip, innermost, f);
		f->sp = r.rsp;
		f->how = how;
		uint64_t sp0 = r.rsp;
		if (f->go) {
			cursor = false;
			struct gm_func gf;
			if (!gm_gobin_find_func(n->gb, r.rip, &gf))
				return "pclntab lookup failed";
			if (f->sigreturn) {
				struct gm_regs sr;
				if (!signal_regs(n, r.rsp, &sr))
					return STOP_SIG_UNREADABLE;
				r = sr;
				how = GM_NF_SIGNAL;
				innermost = true;
				continue;
			}
			if (gf.entry == n->goexit)
				return NULL;
			if (gf.flag & FUNCFLAG_SPWRITE && !innermost)
				return "stack switch (the function writes SP: the frames below are on another stack)";
			if (gf.flag & FUNCFLAG_TOPFRAME && !strcmp(gf.name, "runtime.rt0_go"))
				return NULL;
			int32_t sz;
			if (!gm_gobin_pcsp(n->gb, &gf, r.rip, &sz) || sz < 0 || sz > (1 << 24))
				return "no pcsp entry for the Go function";
			uint64_t ret;
			if (!gm_memsrc_u64(n->t->mem, r.rsp + (uint64_t)sz, &ret))
				return STOP_RET_UNREADABLE;
			/* Go stacks end at goexit, rt0_go (above) or the thread's
			 * start, runtime.clone, whose caller slot is 0; below any
			 * other Go function a 0 is a cut stack */
			if (ret < 4096 && !(gf.flag & FUNCFLAG_TOPFRAME) && gf.entry != n->clone)
				return STOP_RET_ZERO;
			if (sz >= 8) {
				uint64_t bp;
				if (gm_memsrc_u64(n->t->mem, r.rsp + (uint64_t)sz - 8, &bp))
					r.rbp = bp;
			}
			r.rsp += (uint64_t)sz + 8;
			r.rip = ret;
			how = GM_NF_GO;
		} else {
			bool ok = false;
			/* libunwind only where a module has CFI for pc: without it,
			 * libunwind guesses, and the frame-pointer chain below says so */
			struct module *mod = module_at(n, r.rip);
			bool cfi = GM_X86_CFI && mod && mod->eh_hdr && !mod->pub.problem && r.rip >= mod->text_lo &&
				   r.rip < mod->text_hi;
#if GM_X86_CFI
			if (!cfi)
				cursor = false;
			else if (!cursor) {
				n->cur = r;
				cursor = unw_init_remote(&cur, n->as, n) == 0;
			}
			int st = cfi && cursor ? unw_step(&cur) : -UNW_ENOINFO;
			if (st == 0 && f->module)
				return NULL; /* the CFI says: outermost frame (thread start) */
			if (st > 0) {
				unw_word_t ip, sp, v;
				if (!unw_get_reg(&cur, UNW_REG_IP, &ip) && !unw_get_reg(&cur, UNW_REG_SP, &sp)) {
					struct gm_regs nr = r;
					nr.rip = ip;
					nr.rsp = sp;
					static const unw_regnum_t keep[] = {UNW_X86_64_RBP, UNW_X86_64_RBX,
						UNW_X86_64_R12, UNW_X86_64_R13, UNW_X86_64_R14, UNW_X86_64_R15};
					for (size_t k = 0; k < sizeof(keep) / sizeof(keep[0]); k++)
						if (!unw_get_reg(&cur, keep[k], &v))
							*reg_slot(&nr, keep[k]) = v;
					bool sig = unw_is_signal_frame(&cur) > 0;
					r = nr;
					how = sig ? GM_NF_SIGNAL : GM_NF_CFI;
					ok = true;
					if (sig) {
						/* the frame above is the interrupted code: its pc is exact */
						cursor = false;
					}
				}
			}
#else
			(void)cfi, (void)cursor;
#endif
			if (!ok) {
				cursor = false;
				uint64_t bp = r.rbp, ret, nbp;
				if (bp <= r.rsp || bp - r.rsp > (64u << 20) ||
				    !gm_memsrc_u64(n->t->mem, bp + 8, &ret) ||
				    !gm_memsrc_u64(n->t->mem, bp, &nbp))
					return f->module ? "no unwind information and no frame pointer"
							 : "pc outside every module, no frame pointer";
				r.rip = ret;
				r.rsp = bp + 16;
				r.rbp = nbp;
				how = GM_NF_FP;
			}
			if (r.rip == 0)
				return NULL; /* outermost frame (thread start) */
		}
		innermost = how == GM_NF_SIGNAL;
		if (how != GM_NF_SIGNAL && r.rsp <= sp0)
			return "stack pointer did not grow";
	}
}

/* arm64 threads. libunwind as Debian ships it unwinds only its host's
 * architecture (its remote API has no cross-architecture build), so arm64
 * stacks are unwound here with the two rules every arm64 frame follows:
 * - Go functions (the pclntab): the frame is spdelta bytes, the caller's PC
 *   is at 0(SP) once the prologue ran (in LR before it: spdelta 0), the
 *   caller's x29 at -8(SP);
 * - other code (AAPCS64): x29 points to the frame record {caller's x29,
 *   return address}. The innermost frame may be a leaf that made no record
 *   (a libc syscall wrapper): its return address is in LR. LR is taken as
 *   the caller unless it points back into the function itself (a call it
 *   already made), and a record whose return address is that LR is then
 *   skipped (the function had made its record but not yet called).
 * No CFI is read: code built without frame records (-fomit-frame-pointer)
 * stops the walk with a reason, as the amd64 frame-pointer fallback does. */
const char *gm_native_unwind_arm64(struct gm_native *n, const struct gm_regs_arm64 *regs,
				   struct gm_nframe *out, size_t max, size_t *nout)
{
	*nout = 0;
	if (max > GM_NATIVE_MAX_FRAMES)
		max = GM_NATIVE_MAX_FRAMES;
	uint64_t pc = regs->pc, sp = regs->sp, fp = regs->x[29], lr = regs->x[30];
	int signals = 0;
	enum gm_nframe_how how = GM_NF_REGS;
	bool innermost = true;
	uint64_t skip_ret = 0; /* a frame record's return address already used from LR */
	for (;;) {
		if (*nout >= max)
			return "too many frames";
		if (pc < 4096)
			return *nout ? NULL : "no instruction pointer";
		struct gm_nframe *f = &out[(*nout)++];
		gm_native_symbolize(n, pc, innermost, f);
		f->sp = sp;
		f->how = how;
		uint64_t sp0 = sp;
		if (f->go) {
			struct gm_func gf;
			if (!gm_gobin_find_func(n->gb, pc, &gf))
				return "pclntab lookup failed";
			if (gf.entry == n->goexit)
				return NULL;
			if (gf.flag & FUNCFLAG_SPWRITE && !innermost)
				return "stack switch (the function writes SP: the frames below are on another stack)";
			int32_t sz;
			if (!gm_gobin_pcsp(n->gb, &gf, pc, &sz) || sz < 0 || sz > (1 << 24))
				return "no pcsp entry for the Go function";
			if ((gf.flag & FUNCFLAG_TOPFRAME) && sz > 0 &&
			    (!strcmp(gf.name, "runtime.sigtramp") || !strcmp(gf.name, "runtime.cgoSigtramp"))) {
				/* the kernel entered the handler with SP at its
				 * rt_sigframe (siginfo 128 bytes, then the ucontext,
				 * whose sigcontext at +176 has regs[31], sp, pc): go on
				 * in the interrupted code */
				uint64_t mc = sp + (uint64_t)sz + 128 + 176, v[34];
				bool ok = true;
				for (int k = 0; k < 34 && ok; k++)
					ok = k < 28 || gm_memsrc_u64(n->t->mem, mc + 8 + 8 * (uint64_t)k, &v[k]);
				if (!ok)
					return STOP_SIG_UNREADABLE;
				fp = v[29];
				lr = v[30];
				sp = v[31];
				pc = v[32];
				how = GM_NF_SIGNAL;
				innermost = true;
				skip_ret = 0;
				if (++signals > 16)
					return "too many nested signal frames";
				continue;
			}
			if (gf.flag & FUNCFLAG_TOPFRAME)
				return NULL; /* rt0_go, mstart: the top of a Go stack */
			uint64_t ret;
			if (sz == 0 && innermost) {
				ret = lr;
			} else {
				if (!gm_memsrc_u64(n->t->mem, sp, &ret))
					return STOP_RET_UNREADABLE;
				uint64_t v;
				if (sz > 0 && gm_memsrc_u64(n->t->mem, sp - 8, &v))
					fp = v;
			}
			if (ret < 4096 && gf.entry != n->clone)
				return STOP_RET_ZERO;
			sp += (uint64_t)sz;
			pc = ret;
			how = GM_NF_GO;
		} else {
			bool used_lr = false;
			if (innermost && lr >= 4096) {
				struct gm_nframe cf, lf;
				gm_native_symbolize(n, pc, true, &cf);
				gm_native_symbolize(n, lr, false, &lf);
				bool same = cf.func && lf.func && cf.func == lf.func && cf.module == lf.module;
				if (!same) {
					pc = lr;
					skip_ret = lr;
					how = GM_NF_REGS;
					used_lr = true;
				}
			}
			if (!used_lr) {
				uint64_t ret, nfp;
				for (int k = 0; k < 2; k++) {
					if (fp < sp || fp - sp > (64u << 20) || !gm_memsrc_u64(n->t->mem, fp + 8, &ret) ||
					    !gm_memsrc_u64(n->t->mem, fp, &nfp))
						return f->module ? "no frame record (x29) for the function"
								 : "pc outside every module, no frame record";
					if (k == 0 && skip_ret && ret == skip_ret && nfp > fp) {
						fp = nfp; /* the leaf's own record: its caller came from LR */
						continue;
					}
					break;
				}
				skip_ret = 0;
				pc = ret;
				sp = fp + 16;
				fp = nfp;
				how = GM_NF_FP;
				if (pc == 0)
					return NULL; /* outermost frame (thread start) */
			}
		}
		innermost = false;
		if (sp < sp0 || (how != GM_NF_REGS && sp == sp0 && how != GM_NF_GO))
			return "stack pointer did not grow";
	}
}
