/* target_core: a gm_target opened from an ELF64 x86-64 or AArch64 core file, plain or
 * compressed with zstd, lz4 (frame format) or xz (detected by magic,
 * src/target/decompress.c). The (decompressed) core is mmapped
 * read-only; segments and NT_FILE paths point into that mapping.
 *
 * Everything in the file is hostile: each header, note and string is checked
 * against the bytes that exist before it is used.
 *
 * exe_path choice: the NT_FILE mapping that contains AT_ENTRY (the entry point
 * lies in the executable's text); without AUXV or when no mapping contains it,
 * the first NT_FILE entry with file offset 0 (NT_FILE is sorted by address and
 * a non-PIE Go binary is mapped lowest); otherwise NULL. */
#include "gm_target.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_bytes.h"
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gm_decompress.h"
#include "gm_elfnote.h"
#include "gm_file.h"

#define CORE_PRIO 10
#define EXE_PRIO 1

#define ELF_EHDR_SIZE 64
#define ELF_PHDR_SIZE 56
#define ELF_SHDR_SIZE 64
#define ET_EXEC_ 2
#define ET_DYN_ 3
#define ET_CORE_ 4
#define ET_REL_ 1
#define PT_LOAD_ 1
#define PT_NOTE_ 4
#define PN_XNUM_ 0xffff

#define NT_PRSTATUS_ 1
#define NT_PRPSINFO_ 3
#define NT_AUXV_ 6
#define NT_SIGINFO_ 0x53494749u
#define NT_FILE_ 0x46494c45u

#define PRSTATUS_CURSIG 12
#define PRSTATUS_PID 32
#define PRSTATUS_REGS 112
#define PRSTATUS_MIN (PRSTATUS_REGS + 27 * 8)       /* x86-64 */
#define PRSTATUS_MIN_ARM64 (PRSTATUS_REGS + 34 * 8) /* AArch64 */
#define PRPSINFO_PID 24
#define PRPSINFO_FNAME 40
#define PRPSINFO_FNAME_LEN 16
#define PRPSINFO_PSARGS 56
#define PRPSINFO_PSARGS_LEN 80
#define PRPSINFO_MIN (PRPSINFO_PSARGS + PRPSINFO_PSARGS_LEN)
#define AT_PHDR_ 3
#define AT_ENTRY_ 9

_Static_assert(sizeof(struct gm_regs) == 27 * 8, "gm_regs must match user_regs_struct");
_Static_assert(sizeof(struct gm_regs_arm64) == 34 * 8, "gm_regs_arm64 must match user_pt_regs");

/* A compressed core is decoded on demand (see gm_lazy in gm_decompress.h):
 * at open only its head (ELF header, program headers, notes) and the page
 * of the executable's headers that the session compares; the PT_LOAD
 * segments are gm_memsrc_add_lazy segments whose ensure() (core_ensure)
 * decodes up to the bytes a read needs. GM_DECODE=full in the environment
 * decodes the whole stream at open instead (every truncation detected
 * before anything is read). */
#define LAZY_HEAD_MAX (64ull << 20)  /* headers past this: decode everything */
#define LAZY_SIZE_MAX (1ull << 40)   /* a decompressed core is at most 1 TiB */

struct core_load {
	uint64_t off, end; /* file bytes of a PT_LOAD */
};

struct core_priv {
	void *map;
	size_t map_size;
	int fd;                     /* the mapped file, for its map of holes (not lazy); -1 */
	struct gm_lazy *lazy;       /* compressed core decoded on demand, else NULL */
	struct gm_target *t;
	struct core_load *loads;    /* lazy: the PT_LOADs, for truncated_bytes */
	size_t nloads;
	bool reported;              /* lazy: the end of decoding was looked at */
	bool size_settled;          /* lazy: the headers said whether the stream is long enough */
	char *path;
	char note[256];             /* truncation_note found from the stream's headers */
	struct gm_stream_shape shape; /* lazy: from gm_decompress_shape */
};

static void core_priv_destroy(void *p)
{
	struct core_priv *priv = p;
	if (!priv)
		return;
	if (priv->map)
		munmap(priv->map, priv->map_size);
	if (priv->fd >= 0)
		close(priv->fd);
	gm_lazy_destroy(priv->lazy);
	free(priv->loads);
	free(priv->path);
	free(priv);
}

/* PT_LOAD bytes at or past decompressed offset `avail`. */
static uint64_t loads_missing(const struct core_priv *pv, uint64_t avail)
{
	uint64_t missing = 0;
	for (size_t i = 0; i < pv->nloads; i++) {
		const struct core_load *l = &pv->loads[i];
		uint64_t from = l->off > avail ? l->off : avail;
		if (l->end > from)
			missing += l->end - from;
	}
	return missing;
}

/* Decoding stopped: flags the target truncated when data is missing (or
 * the stream was found corrupt after it) and says so at once through
 * t->diag (the session's warnings were printed before the command
 * started). */
static void lazy_report(struct core_priv *pv, uint64_t frontier)
{
	pv->reported = true;
	const char *note = gm_lazy_note(pv->lazy);
	uint64_t missing = loads_missing(pv, frontier);
	if (!note && frontier >= pv->map_size)
		return; /* a clean end after everything */
	struct gm_target *t = pv->t;
	t->truncated = true;
	t->truncated_bytes = missing;
	t->truncated_bytes_min = false;
	t->truncation_note = note ? note : "the decompressed core is shorter than its program headers say";
	char msg[512];
	if (frontier < pv->map_size)
		snprintf(msg, sizeof(msg), "%s: the core is truncated: %s: its data from offset %llu on is missing (%llu bytes of memory): results may be partial",
			 pv->path, t->truncation_note, (unsigned long long)frontier, (unsigned long long)missing);
	else
		snprintf(msg, sizeof(msg), "%s: the core is truncated: %s (found after the last byte of the core's data)", pv->path,
			 t->truncation_note);
	gm_diag_emit(t->diag, GM_DIAG_WARNING, "target", "%s", msg);
}

static const uint8_t *core_ensure(void *ctx, const uint8_t *need_end)
{
	struct core_priv *pv = ctx;
	const uint8_t *base = pv->map;
	uint64_t need = need_end > base ? (uint64_t)(need_end - base) : 0, f;
	gm_error_destroy(gm_lazy_advance(pv->lazy, need, &f)); /* the note says it */
	/* Reported when a read misses bytes, not when the look-ahead merely ran
	 * into the end: the exit code says whether the command needed them. A
	 * corrupt tail after all the data counts once everything is decoded. */
	if (!pv->reported && gm_lazy_finished(pv->lazy) &&
	    (f < need || (f >= pv->map_size && gm_lazy_note(pv->lazy))))
		lazy_report(pv, f);
	return base + (f < pv->map_size ? f : pv->map_size);
}


/* At open, on demand: what the stream's headers say (gm_decompress_shape)
 * against the size the program headers need (map_size). A stream cut
 * before its end, or one that decodes to fewer bytes than needed (its
 * declared size, or the most its blocks can hold), makes the core truncated
 * at once, whatever the command reads, as a cut plain core is. Otherwise
 * the size is settled when the headers prove it (a declared size that is
 * enough) or left to gm_target_verify_size. */
static void shape_check(struct core_priv *pv)
{
	const struct gm_stream_shape *sh = &pv->shape;
	struct gm_target *t = pv->t;
	uint64_t need = pv->map_size;
	if (sh->cut) {
		/* without a bound (xz), how much is missing is not known: 0 */
		uint64_t avail = sh->cut_bound && sh->max_size < need ? sh->max_size : need;
		snprintf(pv->note, sizeof(pv->note),
			 "%s (compressed offset %llu, seen from its headers)", sh->note,
			 (unsigned long long)sh->cut_at);
		t->truncated_bytes = loads_missing(pv, avail);
	} else if (sh->size_known && sh->size < need) {
		snprintf(pv->note, sizeof(pv->note),
			 "the stream's headers say it decodes to %llu bytes, its program headers need %llu",
			 (unsigned long long)sh->size, (unsigned long long)need);
		t->truncated_bytes = loads_missing(pv, sh->size);
	} else if (sh->max_known && sh->max_size < need) {
		snprintf(pv->note, sizeof(pv->note),
			 "the stream's %llu blocks decode to at most %llu bytes, its program headers need %llu",
			 (unsigned long long)sh->blocks, (unsigned long long)sh->max_size,
			 (unsigned long long)need);
		t->truncated_bytes = loads_missing(pv, sh->max_size);
	} else {
		pv->size_settled = sh->size_known;
		return;
	}
	pv->size_settled = true;
	t->truncated = true;
	t->truncated_bytes_min = !sh->size_known || sh->cut;
	t->truncation_note = pv->note;
}

bool gm_target_verify_size(struct gm_target *t)
{
	if (!t || t->is_live || t->priv_destroy != core_priv_destroy || !t->priv)
		return true;
	struct core_priv *pv = t->priv;
	if (!pv->lazy || pv->size_settled || pv->reported || t->truncated)
		return true;
	uint64_t f = gm_lazy_frontier(pv->lazy);
	if (f >= pv->map_size) {
		pv->size_settled = true;
		return true;
	}
	if (pv->map_size - f > GM_VERIFY_DECODE_MAX)
		return false;
	(void)core_ensure(pv, (const uint8_t *)pv->map + pv->map_size);
	pv->size_settled = true;
	return true;
}

/* [off, off+len) inside [0, size)? (overflow-safe) */
static inline bool in_bounds(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

static const char *elf_type_name(uint16_t t)
{
	switch (t) {
	case ET_EXEC_: return "an executable";
	case ET_DYN_: return "an executable (PIE) or shared library";
	case ET_REL_: return "an object file";
	default: return "an ELF file of unknown type";
	}
}

struct elf_view {
	const uint8_t *data;
	size_t size;
	uint64_t phoff;
	uint64_t phnum;
	uint16_t phentsize;
	uint16_t type;
	enum gm_arch arch;
};

/* Checks the ELF header (ELF64, little-endian, x86-64 or AArch64) and locates the
 * program headers. `want_core`: require ET_CORE, else refuse ET_CORE. */
static struct gm_error *elf_open(const uint8_t *d, size_t size, const char *name,
				 bool want_core, struct elf_view *v)
{
	if (size < 4 || memcmp(d, "\177ELF", 4) != 0)
		return gm_error_create(GM_ERR_FORMAT, "%s: not an ELF file", name);
	if (size < ELF_EHDR_SIZE)
		return gm_error_create(GM_ERR_FORMAT,
				       "%s: truncated ELF header (%zu of %d bytes)", name, size,
				       ELF_EHDR_SIZE);
	if (d[4] != 2)
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "%s: %s ELF file; only ELF64 x86-64 and AArch64 are supported", name,
				       d[4] == 1 ? "32-bit" : "unknown-class");
	if (d[5] != 1)
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "%s: big-endian ELF file; only little-endian ELF64 is supported",
				       name);
	uint16_t type = gm_rd16(d + 16), machine = gm_rd16(d + 18);
	if (want_core && type != ET_CORE_)
		return gm_error_create(GM_ERR_FORMAT, "%s is %s, not a core file", name,
				       elf_type_name(type));
	if (!want_core && type == ET_CORE_)
		return gm_error_create(GM_ERR_FORMAT, "%s is a core file, not an executable", name);
	v->arch = gm_arch_from_machine(machine);
	if (v->arch == GM_ARCH_UNKNOWN)
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "%s: ELF machine %u is neither x86-64 (62) nor AArch64 (183); only those are supported",
				       name, machine);
	v->data = d;
	v->size = size;
	v->type = type;
	v->phoff = gm_rd64(d + 32);
	v->phentsize = gm_rd16(d + 54);
	v->phnum = gm_rd16(d + 56);
	if (v->phnum == 0)
		return NULL;
	if (v->phentsize < ELF_PHDR_SIZE)
		return gm_error_create(GM_ERR_FORMAT, "%s: bad program header size %u", name,
				       v->phentsize);
	if (v->phnum == PN_XNUM_) {
		/* real count in section header 0's sh_info */
		uint64_t shoff = gm_rd64(d + 40);
		if (!in_bounds(shoff, ELF_SHDR_SIZE, size))
			return gm_error_create(GM_ERR_FORMAT,
					       "%s: more than 65534 program headers but no section header 0",
					       name);
		v->phnum = gm_rd32(d + shoff + 44);
	}
	if (v->phnum > (size / v->phentsize) || !in_bounds(v->phoff, v->phnum * v->phentsize, size))
		return gm_error_create(GM_ERR_FORMAT,
				       "%s: program headers (%llu at offset 0x%llx) extend past the end of the file (%zu bytes)",
				       name, (unsigned long long)v->phnum,
				       (unsigned long long)v->phoff, size);
	return NULL;
}

struct phdr {
	uint32_t type;
	uint64_t offset, vaddr, filesz, memsz, align;
};

static struct phdr elf_phdr(const struct elf_view *v, uint64_t i)
{
	const uint8_t *p = v->data + v->phoff + i * v->phentsize;
	return (struct phdr){
		.type = gm_rd32(p),
		.offset = gm_rd64(p + 8),
		.vaddr = gm_rd64(p + 16),
		.filesz = gm_rd64(p + 32),
		.memsz = gm_rd64(p + 40),
		.align = gm_rd64(p + 48),
	};
}

/* ---- notes ---- */

struct note_state {
	struct gm_target *t;
	size_t capthreads;
	bool have_prpsinfo, have_siginfo, have_auxv, have_file;
	const char *name;
};

static char *dup_field(const uint8_t *p, size_t max)
{
	size_t n = strnlen((const char *)p, max);
	while (n && p[n - 1] == ' ')
		n--;
	char *s = malloc(n + 1);
	if (!s)
		return NULL;
	memcpy(s, p, n);
	s[n] = 0;
	return s;
}

static struct gm_error *note_prstatus(struct note_state *st, const uint8_t *d, uint64_t n)
{
	struct gm_target *t = st->t;
	if (n < (t->arch == GM_ARCH_ARM64 ? PRSTATUS_MIN_ARM64 : PRSTATUS_MIN))
		return gm_error_create(GM_ERR_FORMAT, "%s: NT_PRSTATUS note too small (%llu bytes)",
				       st->name, (unsigned long long)n);
	if (t->nthreads == st->capthreads) {
		size_t cap = st->capthreads ? st->capthreads * 2 : 16;
		struct gm_thread *nt = realloc(t->threads, cap * sizeof(*nt));
		if (!nt)
			return &gm_error_nomem;
		t->threads = nt;
		st->capthreads = cap;
	}
	struct gm_thread *th = &t->threads[t->nthreads++];
	memset(th, 0, sizeof(*th));
	th->tid = (int32_t)gm_rd32(d + PRSTATUS_PID);
	th->cursig = (int16_t)gm_rd16(d + PRSTATUS_CURSIG);
	if (t->arch == GM_ARCH_ARM64)
		memcpy(&th->regs_arm64, d + PRSTATUS_REGS, sizeof(th->regs_arm64));
	else
		memcpy(&th->regs, d + PRSTATUS_REGS, sizeof(th->regs));
	gm_thread_set_roles(t->arch, th);
	return NULL;
}

static struct gm_error *note_prpsinfo(struct note_state *st, const uint8_t *d, uint64_t n)
{
	struct gm_target *t = st->t;
	if (st->have_prpsinfo)
		return NULL;
	if (n < PRPSINFO_MIN)
		return gm_error_create(GM_ERR_FORMAT, "%s: NT_PRPSINFO note too small (%llu bytes)",
				       st->name, (unsigned long long)n);
	st->have_prpsinfo = true;
	t->pid = (int32_t)gm_rd32(d + PRPSINFO_PID);
	t->comm = dup_field(d + PRPSINFO_FNAME, PRPSINFO_FNAME_LEN);
	t->psargs = dup_field(d + PRPSINFO_PSARGS, PRPSINFO_PSARGS_LEN);
	if (!t->comm || !t->psargs)
		return &gm_error_nomem;
	return NULL;
}

static struct gm_error *note_siginfo(struct note_state *st, const uint8_t *d, uint64_t n)
{
	if (st->have_siginfo)
		return NULL;
	if (n < 12)
		return gm_error_create(GM_ERR_FORMAT, "%s: NT_SIGINFO note too small (%llu bytes)",
				       st->name, (unsigned long long)n);
	st->have_siginfo = true;
	st->t->signo = (int32_t)gm_rd32(d);
	st->t->sigcode = (int32_t)gm_rd32(d + 8);
	return NULL;
}

static struct gm_error *note_auxv(struct note_state *st, const uint8_t *d, uint64_t n)
{
	if (st->have_auxv)
		return NULL;
	st->have_auxv = true;
	for (uint64_t off = 0; off + 16 <= n; off += 16) {
		uint64_t type = gm_rd64(d + off), val = gm_rd64(d + off + 8);
		if (type == 0)
			break;
		if (type == AT_ENTRY_)
			st->t->auxv_entry = val;
		else if (type == AT_PHDR_)
			st->t->auxv_phdr = val;
	}
	return NULL;
}

static struct gm_error *note_file(struct note_state *st, const uint8_t *d, uint64_t n)
{
	struct gm_target *t = st->t;
	if (st->have_file)
		return NULL;
	st->have_file = true;
	if (n < 16)
		return gm_error_create(GM_ERR_FORMAT, "%s: NT_FILE note too small (%llu bytes)",
				       st->name, (unsigned long long)n);
	uint64_t count = gm_rd64(d), page = gm_rd64(d + 8);
	if (count > (n - 16) / 24)
		return gm_error_create(GM_ERR_FORMAT,
				       "%s: NT_FILE claims %llu mappings but the note has %llu bytes",
				       st->name, (unsigned long long)count, (unsigned long long)n);
	if (page == 0 || (page & (page - 1)) || page > (1ull << 30))
		return gm_error_create(GM_ERR_FORMAT, "%s: NT_FILE page size %llu is invalid",
				       st->name, (unsigned long long)page);
	if (count == 0)
		return NULL;
	t->maps = calloc(count, sizeof(*t->maps));
	if (!t->maps)
		return &gm_error_nomem;
	const uint8_t *names = d + 16 + count * 24, *end = d + n;
	size_t k = 0;
	for (uint64_t i = 0; i < count; i++) {
		const uint8_t *e = d + 16 + i * 24;
		const uint8_t *nul = memchr(names, 0, (size_t)(end - names));
		if (!nul)
			break; /* unterminated name: drop this and later entries */
		struct gm_mapping *mp = &t->maps[k];
		mp->start = gm_rd64(e);
		mp->end = gm_rd64(e + 8);
		uint64_t pgoff = gm_rd64(e + 16);
		mp->file_ofs = pgoff > UINT64_MAX / page ? UINT64_MAX : pgoff * page;
		mp->path = (const char *)names;
		names = nul + 1;
		if (mp->end >= mp->start)
			k++; /* else: nonsense entry, skipped */
	}
	t->nmaps = k;
	return NULL;
}

static struct gm_error *parse_notes(struct note_state *st, const uint8_t *d, uint64_t n)
{
	struct gm_elfnote_iter it;
	struct gm_elfnote nt;
	gm_elfnote_begin(&it, d, n);
	while (gm_elfnote_next(&it, &nt)) {
		if (!gm_elfnote_owner(&nt, "CORE"))
			continue;
		struct gm_error *err = NULL;
		switch (nt.type) {
		case NT_PRSTATUS_: err = note_prstatus(st, nt.desc, nt.descsz); break;
		case NT_PRPSINFO_: err = note_prpsinfo(st, nt.desc, nt.descsz); break;
		case NT_SIGINFO_: err = note_siginfo(st, nt.desc, nt.descsz); break;
		case NT_AUXV_: err = note_auxv(st, nt.desc, nt.descsz); break;
		case NT_FILE_: err = note_file(st, nt.desc, nt.descsz); break;
		default: break;
		}
		if (err)
			return err;
	}
	if (it.damaged)
		return gm_error_create(GM_ERR_FORMAT,
				       "%s: note at offset 0x%llx of a PT_NOTE extends past its end",
				       st->name, (unsigned long long)it.damaged_at);
	return NULL;
}

static bool pick_exe_path(struct gm_target *t)
{
	const char *path = NULL;
	if (t->auxv_entry) {
		for (size_t i = 0; i < t->nmaps && !path; i++)
			if (t->auxv_entry >= t->maps[i].start && t->auxv_entry < t->maps[i].end)
				path = t->maps[i].path;
	}
	for (size_t i = 0; i < t->nmaps && !path; i++)
		if (t->maps[i].file_ofs == 0)
			path = t->maps[i].path;
	if (path && !(t->exe_path = strdup(path)))
		return false;
	return true;
}

/* linux/amd64: user space ends at 2^56 with 5-level paging (2^47 with 4);
 * the kernel half starts at 0xff00000000000000, where a core only has
 * [vsyscall] (one page) */
#define USER_TOP (1ull << 56)
#define KERNEL_HALF 0xff00000000000000ull
#define MAX_KERNEL_SEG (1ull << 20)

static const char *load_implausible(uint64_t vaddr, uint64_t memsz)
{
	uint64_t end = vaddr + memsz;
	if (end < vaddr)
		return "it ends past 2^64";
	if (vaddr < KERNEL_HALF && end > USER_TOP)
		return "it reaches past the user address space (2^56)";
	if (vaddr >= KERNEL_HALF && memsz > MAX_KERNEL_SEG)
		return "a kernel-half mapping larger than [vsyscall]";
	return NULL;
}

struct load_range {
	uint64_t start, end, idx;
};

static int cmp_range(const void *a, const void *b)
{
	const struct load_range *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

static bool phdr_damage(struct gm_target *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool phdr_damage(struct gm_target *t, const char *fmt, ...)
{
	if (t->phdr_damage)
		return true;
	char buf[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	t->phdr_damage = strdup(buf);
	return t->phdr_damage != NULL;
}

static struct gm_error *parse_core(struct gm_target *t, const uint8_t *d, size_t size,
				   const char *name, struct core_priv *lazy)
{
	struct elf_view v;
	struct gm_error *err = elf_open(d, size, name, true, &v);
	if (err)
		return err;
	t->arch = v.arch;
	struct note_state st = {.t = t, .name = name};
	if (lazy && v.phnum && !(lazy->loads = calloc(v.phnum, sizeof(*lazy->loads))))
		return &gm_error_nomem;
	struct load_range *ranges = v.phnum ? calloc(v.phnum, sizeof(*ranges)) : NULL;
	uint64_t *cut = v.phnum ? calloc(v.phnum, sizeof(*cut)) : NULL; /* overlap: new memsz + 1 */
	size_t nranges = 0;
	if (v.phnum && (!ranges || !cut)) {
		free(ranges);
		free(cut);
		return &gm_error_nomem;
	}
	/* the kernel writes one PT_LOAD per VMA, page-aligned (p_align 4096):
	 * they never overlap. One that runs into the next is cut at the next
	 * one's start (when its saved bytes end before), so that no size it
	 * cannot have is reported. (gomortem's own dumps of live processes
	 * overlap by design: copied stack ranges over their mappings, p_align
	 * 1; those are not checked.) */
	for (uint64_t i = 0; i < v.phnum; i++) {
		struct phdr ph = elf_phdr(&v, i);
		if (ph.type == PT_LOAD_ && ph.memsz && ph.align == 4096 && ph.vaddr % 4096 == 0 &&
		    !load_implausible(ph.vaddr, ph.memsz))
			ranges[nranges++] = (struct load_range){ph.vaddr, ph.vaddr + ph.memsz, i};
	}
	if (nranges > 1)
		qsort(ranges, nranges, sizeof(*ranges), cmp_range);
	for (size_t k = 1; k < nranges; k++) {
		if (ranges[k].start >= ranges[k - 1].end)
			continue;
		if (!phdr_damage(t, "PT_LOADs %llu and %llu overlap (0x%llx < 0x%llx): the program headers are damaged",
				 (unsigned long long)ranges[k - 1].idx, (unsigned long long)ranges[k].idx,
				 (unsigned long long)ranges[k].start, (unsigned long long)ranges[k - 1].end)) {
			free(ranges);
			free(cut);
			return &gm_error_nomem;
		}
		struct phdr pp = elf_phdr(&v, ranges[k - 1].idx);
		if (ranges[k].start > pp.vaddr && pp.vaddr + pp.filesz <= ranges[k].start)
			cut[ranges[k - 1].idx] = ranges[k].start - pp.vaddr + 1;
	}
	free(ranges);
	for (uint64_t i = 0; i < v.phnum; i++) {
		struct phdr ph = elf_phdr(&v, i);
		if (ph.type == PT_LOAD_) {
			const char *why = load_implausible(ph.vaddr, ph.memsz);
			if (why) {
				/* keep the bytes the file has, when they fit */
				uint64_t keep = ph.filesz < ph.memsz ? ph.filesz : ph.memsz;
				bool ok = phdr_damage(t, "PT_LOAD %llu (0x%llx, %llu bytes in memory) is impossible: %s",
						      (unsigned long long)i, (unsigned long long)ph.vaddr,
						      (unsigned long long)ph.memsz, why);
				if (!ok) {
					free(cut);
					return &gm_error_nomem;
				}
				if (!keep || load_implausible(ph.vaddr, keep))
					continue;
				ph.memsz = keep;
			}
			if (cut[i])
				ph.memsz = cut[i] - 1;
			uint64_t filesz = ph.filesz;
			if (filesz > ph.memsz)
				filesz = ph.memsz; /* bogus; never serve more than memsz */
			uint64_t avail = 0;
			if (ph.offset < size)
				avail = size - ph.offset < filesz ? size - ph.offset : filesz;
			if (avail < filesz) {
				t->truncated = true;
				t->truncated_bytes += filesz - avail;
			}
			if (lazy && avail) {
				struct core_load *cl = &lazy->loads[lazy->nloads++];
				cl->off = ph.offset;
				cl->end = ph.offset + filesz < ph.offset ? UINT64_MAX : ph.offset + filesz;
			}
			err = gm_memsrc_add_lazy(t->mem, ph.vaddr, ph.memsz, avail,
						 avail ? d + ph.offset : NULL, CORE_PRIO, GM_SEG_CORE,
						 lazy ? core_ensure : NULL, lazy);
			if (err) {
				free(cut);
				return gm_error_wrap(err, "%s: PT_LOAD %llu", name,
						     (unsigned long long)i);
			}
		} else if (ph.type == PT_NOTE_) {
			uint64_t n = ph.filesz;
			if (ph.offset >= size) {
				t->truncated = true;
				continue;
			}
			if (n > size - ph.offset) {
				n = size - ph.offset;
				t->truncated = true;
			}
			err = parse_notes(&st, d + ph.offset, n);
			if (err) {
				free(cut);
				return err;
			}
		}
	}
	free(cut);
	if (!st.have_siginfo && t->nthreads)
		t->signo = t->threads[0].cursig;
	if (!st.have_prpsinfo && t->nthreads)
		t->pid = t->threads[0].tid;
	if (!pick_exe_path(t))
		return &gm_error_nomem;
	return NULL;
}

static bool pread_all(int fd, void *buf, size_t n, uint64_t off)
{
	uint8_t *p = buf;
	while (n) {
		ssize_t r = pread(fd, p, n, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return true;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

/* Decodes the head of a compressed core (ELF header, program headers,
 * notes) and works out the decompressed size its program headers imply.
 * *ret_size is that size, or what the whole stream gave when it ended
 * during the head (then everything is decoded, as with GM_DECODE=full);
 * *ret_lazy says whether segments must be decoded on demand. */
static struct gm_error *lazy_head(struct gm_lazy *lz, uint64_t *ret_size, bool *ret_lazy)
{
	*ret_lazy = false;
	*ret_size = 0;
	uint64_t f;
	int fd = gm_lazy_fd(lz);
	struct gm_error *err = gm_lazy_advance(lz, ELF_EHDR_SIZE, &f);
	if (err)
		return err;
	uint8_t eh[ELF_EHDR_SIZE];
	if (f < ELF_EHDR_SIZE || !pread_all(fd, eh, sizeof(eh), 0) ||
	    memcmp(eh, "\177ELF", 4) != 0 || eh[4] != 2 || eh[5] != 1 ||
	    gm_rd16(eh + 16) != ET_CORE_)
		goto whole_head; /* parse_core says what is wrong */
	uint64_t phoff = gm_rd64(eh + 32), phnum = gm_rd16(eh + 56), shoff = gm_rd64(eh + 40);
	uint16_t phentsize = gm_rd16(eh + 54);
	uint64_t implied = ELF_EHDR_SIZE, head = ELF_EHDR_SIZE;
	if (phnum == PN_XNUM_) {
		/* the real count is in section header 0 (Linux writes it after the data) */
		if (add_sat(shoff, ELF_SHDR_SIZE) > LAZY_HEAD_MAX)
			goto everything;
		err = gm_lazy_advance(lz, shoff + ELF_SHDR_SIZE, &f);
		uint8_t sh[ELF_SHDR_SIZE];
		if (err || f < shoff + ELF_SHDR_SIZE || !pread_all(fd, sh, sizeof(sh), shoff)) {
			gm_error_destroy(err);
			goto everything;
		}
		phnum = gm_rd32(sh + 44);
		implied = head = shoff + ELF_SHDR_SIZE;
	}
	if (phnum == 0 || phentsize < ELF_PHDR_SIZE)
		goto whole_head;
	uint64_t phsize = phnum * phentsize, phend = add_sat(phoff, phsize);
	if (phnum > LAZY_HEAD_MAX / phentsize || phend > LAZY_HEAD_MAX)
		goto everything;
	err = gm_lazy_advance(lz, phend, &f);
	if (err)
		return err;
	if (f < phend)
		goto whole_head;
	uint8_t *ph = malloc((size_t)phsize);
	if (!ph)
		return &gm_error_nomem;
	if (!pread_all(fd, ph, (size_t)phsize, phoff)) {
		free(ph);
		goto everything;
	}
	if (phend > implied)
		implied = phend;
	if (phend > head)
		head = phend;
	for (uint64_t i = 0; i < phnum; i++) {
		const uint8_t *p = ph + i * phentsize;
		uint32_t type = gm_rd32(p);
		uint64_t off = gm_rd64(p + 8), filesz = gm_rd64(p + 32), memsz = gm_rd64(p + 40);
		if (type == PT_LOAD_) {
			uint64_t end = add_sat(off, filesz < memsz ? filesz : memsz);
			if (filesz && end > implied)
				implied = end;
		} else if (type == PT_NOTE_) {
			uint64_t end = add_sat(off, filesz);
			if (end > head)
				head = end;
			if (end > implied)
				implied = end;
		}
	}
	free(ph);
	if (implied > LAZY_SIZE_MAX)
		implied = LAZY_SIZE_MAX;
	if (head > implied)
		head = implied;
	err = gm_lazy_advance(lz, head, &f);
	if (err)
		return err;
	if (gm_lazy_finished(lz))
		goto whole_head;
	*ret_size = implied;
	*ret_lazy = true;
	return NULL;
everything:
	err = gm_lazy_advance(lz, UINT64_MAX, &f);
	if (err)
		return err;
whole_head:
	/* the stream ended (or will be read whole): what came out is the core */
	if (!gm_lazy_finished(lz)) {
		err = gm_lazy_advance(lz, UINT64_MAX, &f);
		if (err)
			return err;
	}
	*ret_size = gm_lazy_frontier(lz);
	return NULL;
}

/* Makes sure the first page of the executable's mapping is decoded: the
 * session compares it with the executable through the segment's data. */
static void lazy_exe_page(struct gm_target *t)
{
	for (size_t i = 0; i < t->nmaps; i++) {
		const struct gm_mapping *m = &t->maps[i];
		if (m->file_ofs != 0 || !t->exe_path || strcmp(m->path, t->exe_path) != 0)
			continue;
		uint8_t page[4096];
		uint64_t n = m->end - m->start < sizeof(page) ? m->end - m->start : sizeof(page);
		/* when it fails, the segment was cut: the session sees its filesz */
		if (n)
			(void)gm_memsrc_try_read(t->mem, m->start, page, (size_t)n);
		return;
	}
}

/* A compressed core's stream was opened (note: why it is incomplete, or
 * NULL): the source kind, the truncation (when flag_truncated: a lazy
 * decode reports it later, when a read needs the missing part) and a size
 * too small for an ELF header. */
static struct gm_error *compressed_opened(struct gm_target *t, enum gm_compression comp, const char *path,
					  uint64_t size, const char *note, bool flag_truncated)
{
	t->source_kind = comp == GM_COMP_ZSTD ? "core (zstd)" : comp == GM_COMP_LZ4 ? "core (lz4)" : "core (xz)";
	if (flag_truncated && note) {
		t->truncated = true;
		t->truncation_note = note;
	}
	if (size < ELF_EHDR_SIZE)
		return gm_error_create(GM_ERR_FORMAT,
				       "%s: %s data decompresses to only %llu bytes%s%s, too few for an ELF header",
				       path, gm_decompress_name(comp), (unsigned long long)size, note ? ": " : "",
				       note ? note : "");
	return NULL;
}

struct gm_error *gm_target_open_core(const char *path, struct gm_target **ret)
{
	*ret = NULL;
	struct gm_error *err = NULL;
	/* O_NONBLOCK: a FIFO or a device named as the core cannot hang the open */
	struct stat sb;
	int fd;
	err = gm_open_input(path, "cannot open", &fd, &sb);
	if (err)
		return err;
	struct gm_target *t = calloc(1, sizeof(*t));
	struct core_priv *priv = calloc(1, sizeof(*priv));
	if (!t || !priv) {
		free(t);
		free(priv);
		close(fd);
		return &gm_error_nomem;
	}
	priv->fd = -1;
	t->priv = priv;
	t->priv_destroy = core_priv_destroy;
	t->source_kind = "core";

	uint64_t size = (uint64_t)sb.st_size;
	uint8_t head[GM_DECOMPRESS_MAGIC_LEN];
	ssize_t hn;
	do
		hn = pread(fd, head, sizeof(head), 0);
	while (hn < 0 && errno == EINTR);
	if (hn < 0) {
		err = gm_error_os(errno, "%s: reading", path);
		goto fail;
	}
	enum gm_compression comp;
	err = gm_decompress_detect_fd(fd, &comp);
	if (err) {
		err = gm_error_wrap(err, "%s", path);
		goto fail;
	}
	if (comp == GM_COMP_NONE && gm_decompress_is_lz4_legacy(head, (size_t)hn)) {
		err = gm_error_create(GM_ERR_UNSUPPORTED,
				      "%s: lz4 legacy format (lz4 -l) is not supported: decompress it with lz4 -d first",
				      path);
		goto fail;
	}
	if (comp == GM_COMP_NONE && hn >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
		err = gm_error_create(GM_ERR_UNSUPPORTED,
				      "%s: gzip-compressed: decompress it first (gomortem reads zstd, lz4 and xz)",
				      path);
		goto fail;
	}
	const char *mode = getenv("GM_DECODE");
	bool lazy = false;
	if (comp != GM_COMP_NONE && !(mode && strcmp(mode, "full") == 0)) {
		/* what the stream's headers say of its length: read before the
		 * gm_lazy takes the descriptor (pread: its position stays) */
		struct gm_stream_shape shape;
		if ((err = gm_decompress_shape(fd, comp, &shape))) {
			err = gm_error_wrap(err, "%s", path);
			goto fail;
		}
		priv->shape = shape;
		struct gm_lazy *lz;
		err = gm_lazy_create(fd, comp, path, &lz);
		fd = -1; /* the gm_lazy owns it */
		if (err)
			goto fail;
		priv->lazy = lz;
		err = lazy_head(lz, &size, &lazy);
		if (!err)
			err = gm_lazy_set_size(lz, size);
		if (err)
			goto fail;
		if ((err = compressed_opened(t, comp, path, size, gm_lazy_note(lz), !lazy)))
			goto fail;
		if (!(priv->path = strdup(path))) {
			err = &gm_error_nomem;
			goto fail;
		}
		priv->t = t;
		fd = dup(gm_lazy_fd(lz));
		if (fd < 0) {
			err = gm_error_os(errno, "%s: dup", path);
			goto fail;
		}
	} else if (comp != GM_COMP_NONE) {
		struct gm_decompressed dz;
		err = gm_decompress_to_tempfile(fd, comp, path, &dz);
		if (err)
			goto fail;
		close(fd);
		fd = dz.fd;
		size = dz.size;
		if ((err = compressed_opened(t, comp, path, size, dz.incomplete, true)))
			goto fail;
	}
	if (size == 0) {
		err = gm_error_create(GM_ERR_FORMAT, "%s: empty file", path);
		goto fail;
	}
	if (size > SIZE_MAX) {
		err = gm_error_create(GM_ERR_FORMAT, "%s: too large", path);
		goto fail;
	}
	/* shared: the lazy decoder writes the file after it is mapped */
	void *map = mmap(NULL, (size_t)size, PROT_READ, priv->lazy ? MAP_SHARED : MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		err = gm_error_os(errno, "%s: mmap of %llu bytes", path, (unsigned long long)size);
		goto fail;
	}
	gm_memsrc_advise_map(map, (size_t)size);
	priv->map = map;
	priv->map_size = (size_t)size;
	if (priv->lazy) {
		close(fd); /* the mapping keeps the (possibly unlinked) file alive */
	} else {
		priv->fd = fd; /* where its holes are: a sparse core's untouched pages */
	}
	fd = -1;

	err = gm_memsrc_create(&t->mem);
	if (err)
		goto fail;
	if (priv->fd >= 0)
		gm_memsrc_set_file(t->mem, map, (size_t)size, priv->fd);
	err = parse_core(t, map, (size_t)size, path, lazy ? priv : NULL);
	if (err)
		goto fail;
	if (lazy) {
		shape_check(priv);
		lazy_exe_page(t);
	}
	else if (priv->lazy) {
		gm_lazy_destroy(priv->lazy); /* all decoded */
		priv->lazy = NULL;
	}
	*ret = t;
	return NULL;
fail:
	if (fd >= 0)
		close(fd);
	gm_target_destroy(t);
	return err;
}

bool gm_target_decode_progress(const struct gm_target *t, uint64_t *decoded, uint64_t *total)
{
	*decoded = *total = 0;
	if (!t || t->is_live || t->priv_destroy != core_priv_destroy || !t->priv)
		return false;
	const struct core_priv *pv = t->priv;
	if (!pv->lazy)
		return false;
	*decoded = gm_lazy_frontier(pv->lazy);
	*total = pv->map_size;
	return true;
}

struct gm_error *gm_target_add_exe_segments(struct gm_target *t, const uint8_t *data,
					    size_t size, uint64_t bias)
{
	struct elf_view v;
	struct gm_error *err = elf_open(data, size, "executable", false, &v);
	if (err)
		return err;
	for (uint64_t i = 0; i < v.phnum; i++) {
		struct phdr ph = elf_phdr(&v, i);
		if (ph.type != PT_LOAD_ || ph.filesz == 0)
			continue;
		if (ph.offset >= size)
			continue;
		uint64_t n = ph.filesz;
		if (n > size - ph.offset)
			n = size - ph.offset;
		if (n > ph.memsz && ph.memsz)
			n = ph.memsz;
		uint64_t va = ph.vaddr + bias;
		if (va < ph.vaddr && bias)
			return gm_error_create(GM_ERR_FORMAT,
					       "executable: PT_LOAD %llu at 0x%llx + bias 0x%llx overflows",
					       (unsigned long long)i, (unsigned long long)ph.vaddr,
					       (unsigned long long)bias);
		err = gm_memsrc_add(t->mem, va, n, n, data + ph.offset, EXE_PRIO, GM_SEG_EXE);
		if (err)
			return gm_error_wrap(err, "executable: PT_LOAD %llu", (unsigned long long)i);
	}
	return NULL;
}

void gm_target_destroy(struct gm_target *t)
{
	if (!t)
		return;
	gm_memsrc_destroy(t->mem);
	free(t->threads);
	free(t->maps);
	free(t->exe_path);
	free(t->exe_map_path);
	free(t->phdr_damage);
	free(t->comm);
	free(t->psargs);
	free(t->uncopied);
	if (t->priv_destroy)
		t->priv_destroy(t->priv);
	free(t);
}
