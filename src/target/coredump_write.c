/* gomortem dump: an ELF core of a live process that gomortem, gdb and Delve
 * can open. Layout: Ehdr, Phdrs (PT_NOTE first), the notes, then the PT_LOAD
 * contents from the first page boundary on. */
#include "gm_coredump.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procfs.h>
#include <unistd.h>
#include <zstd.h>

struct out {
	FILE *f;
	ZSTD_CCtx *z;
	uint8_t *zbuf;
	size_t zcap;
	uint64_t off;      /* uncompressed offset */
	uint64_t written;  /* bytes written to the file */
	uint64_t hole;     /* plain file: zero bytes skipped, not written yet */
	uint64_t zero_pages; /* whole zero pages of memory contents */
	bool err;
};

static void raw_write(struct out *o, const void *p, size_t n)
{
	if (o->err || !n)
		return;
	if (o->hole) {
		if (fseeko(o->f, (off_t)o->hole, SEEK_CUR) != 0)
			o->err = true;
		o->hole = 0;
	}
	if (fwrite(p, 1, n, o->f) != n)
		o->err = true;
	o->written += n;
}

static void out_flush_z(struct out *o, ZSTD_EndDirective mode, ZSTD_inBuffer *in)
{
	for (;;) {
		ZSTD_outBuffer ob = {o->zbuf, o->zcap, 0};
		size_t r = ZSTD_compressStream2(o->z, &ob, in, mode);
		if (ZSTD_isError(r)) {
			o->err = true;
			return;
		}
		raw_write(o, o->zbuf, ob.pos);
		if (mode == ZSTD_e_continue ? in->pos == in->size : r == 0)
			return;
	}
}

static void out_write(struct out *o, const void *p, size_t n)
{
	if (o->err)
		return;
	o->off += n;
	if (!o->z) {
		raw_write(o, p, n);
		return;
	}
	ZSTD_inBuffer in = {p, n, 0};
	out_flush_z(o, ZSTD_e_continue, &in);
}

static bool all_zero(const uint8_t *p, size_t n)
{
	uint64_t acc = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		acc |= w;
	}
	for (; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

/* Memory contents: in a plain file, whole zero pages become holes (as the
 * kernel leaves them in its cores), written as data by out_write otherwise. */
static void out_data(struct out *o, const uint8_t *p, size_t n)
{
	while (n && !o->err) {
		size_t k = n > 4096 ? 4096 : n;
		bool zero = k == 4096 && all_zero(p, k);
		o->zero_pages += zero;
		if (zero && !o->z) {
			o->hole += k;
			o->off += k;
		} else {
			out_write(o, p, k);
		}
		p += k;
		n -= k;
	}
}

/* A hole at the end of a plain file: its size is set by ftruncate. */
static void out_finish_hole(struct out *o)
{
	if (!o->hole || o->err)
		return;
	if (fflush(o->f) != 0 || ftruncate(fileno(o->f), (off_t)o->off) != 0)
		o->err = true;
	o->hole = 0;
}

static void out_zeros(struct out *o, uint64_t n)
{
	static const uint8_t z[4096];
	while (n && !o->err) {
		size_t k = n > sizeof(z) ? sizeof(z) : (size_t)n;
		out_write(o, z, k);
		n -= k;
	}
}

/* ---- notes ---- */

struct buf {
	uint8_t *p;
	size_t n, cap;
	bool err;
};

static void buf_put(struct buf *b, const void *p, size_t n)
{
	if (b->err)
		return;
	if (b->n + n > b->cap) {
		size_t nc = b->cap ? b->cap : 4096;
		while (nc < b->n + n)
			nc *= 2;
		uint8_t *np = realloc(b->p, nc);
		if (!np) {
			b->err = true;
			return;
		}
		b->p = np;
		b->cap = nc;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void buf_align4(struct buf *b)
{
	static const uint8_t z[4];
	if (b->n & 3)
		buf_put(b, z, 4 - (b->n & 3));
}

static void note(struct buf *b, uint32_t type, const void *desc, size_t len)
{
	Elf64_Nhdr nh = {.n_namesz = 5, .n_descsz = (Elf64_Word)len, .n_type = type};
	buf_put(b, &nh, sizeof(nh));
	buf_put(b, "CORE\0\0\0", 8);
	buf_put(b, desc, len);
	buf_align4(b);
}

static char *read_proc(int pid, const char *what, size_t *len)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/%s", pid, what);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	*len = 0;
	if (fd < 0)
		return NULL;
	size_t cap = 4096;
	char *b = malloc(cap);
	while (b) {
		ssize_t r = read(fd, b + *len, cap - *len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		*len += (size_t)r;
		if (*len == cap) {
			if (cap >= (1u << 20))
				break;
			char *nb = realloc(b, cap * 2);
			if (!nb)
				break;
			b = nb;
			cap *= 2;
		}
	}
	close(fd);
	return b;
}

static void build_notes(const struct gm_target *t, struct buf *b)
{
	/* threads: the process's main thread first (gdb's current thread) */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < t->nthreads; i++) {
			const struct gm_thread *th = &t->threads[i];
			if ((pass == 0) != (th->tid == t->pid))
				continue;
			struct elf_prstatus ps;
			memset(&ps, 0, sizeof(ps));
			ps.pr_info.si_signo = th->cursig;
			ps.pr_cursig = (short)th->cursig;
			ps.pr_pid = th->tid;
			ps.pr_ppid = 0;
			ps.pr_pgrp = t->pid;
			ps.pr_sid = t->pid;
			/* a dump is of a live process: this host's register set */
#if defined(__aarch64__)
			_Static_assert(sizeof(ps.pr_reg) == sizeof(th->regs_arm64), "pr_reg layout");
			memcpy(&ps.pr_reg, &th->regs_arm64, sizeof(th->regs_arm64));
#else
			_Static_assert(sizeof(ps.pr_reg) == sizeof(th->regs), "pr_reg layout");
			memcpy(&ps.pr_reg, &th->regs, sizeof(th->regs));
#endif
			note(b, NT_PRSTATUS, &ps, sizeof(ps));
		}
	}
	struct elf_prpsinfo pi;
	memset(&pi, 0, sizeof(pi));
	pi.pr_state = 0;
	pi.pr_sname = 'R';
	pi.pr_pid = t->pid;
	pi.pr_pgrp = t->pid;
	pi.pr_sid = t->pid;
	if (t->comm)
		strncpy(pi.pr_fname, t->comm, sizeof(pi.pr_fname) - 1);
	size_t n;
	char *cl = read_proc(t->pid, "cmdline", &n);
	if (cl) {
		if (n > sizeof(pi.pr_psargs) - 1)
			n = sizeof(pi.pr_psargs) - 1;
		for (size_t i = 0; i < n; i++)
			pi.pr_psargs[i] = cl[i] ? cl[i] : ' ';
		free(cl);
	}
	note(b, NT_PRPSINFO, &pi, sizeof(pi));
	char *auxv = read_proc(t->pid, "auxv", &n);
	if (auxv && n) {
		note(b, NT_AUXV, auxv, n);
	}
	free(auxv);
	/* NT_FILE: count, page size, {start, end, offset in pages}, names */
	struct buf f = {0};
	uint64_t hdr[2] = {t->nmaps, 4096};
	buf_put(&f, hdr, sizeof(hdr));
	for (size_t i = 0; i < t->nmaps; i++) {
		uint64_t e[3] = {t->maps[i].start, t->maps[i].end, t->maps[i].file_ofs / 4096};
		buf_put(&f, e, sizeof(e));
	}
	for (size_t i = 0; i < t->nmaps; i++)
		buf_put(&f, t->maps[i].path, strlen(t->maps[i].path) + 1);
	if (f.err)
		b->err = true;
	else
		note(b, NT_FILE, f.p, f.n);
	free(f.p);
}

/* One PT_LOAD: a copied range alone (seg), or the copies inside a mapping
 * the target layer covered with zeros (gm_live_opts.zero_fill: pages never
 * touched) merged with it into one range, read through the memsrc so each
 * byte comes from the copy when there is one (seg NULL). */
struct run {
	uint64_t vaddr, memsz, filesz;
	const struct gm_segment *seg;
};

/* The LIVE segments (sorted by vaddr) as runs: overlapping ones merged. */
static struct run *make_runs(struct gm_memsrc *m, size_t *nret)
{
	size_t nseg = gm_memsrc_nsegments(m);
	struct run *v = malloc((nseg ? nseg : 1) * sizeof(*v));
	size_t n = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < nseg; i++) {
		const struct gm_segment *sg = gm_memsrc_segment(m, i);
		if (sg->origin != GM_SEG_LIVE || !sg->memsz)
			continue;
		struct run *last = n ? &v[n - 1] : NULL;
		if (last && sg->vaddr < last->vaddr + last->memsz) {
			uint64_t end = sg->vaddr + sg->memsz;
			if (end > last->vaddr + last->memsz)
				last->memsz = end - last->vaddr;
			last->filesz = last->memsz;
			last->seg = NULL;
			continue;
		}
		v[n++] = (struct run){sg->vaddr, sg->memsz, sg->filesz, sg};
	}
	*nret = n;
	return v;
}

/* n bytes known to be zero (n a multiple of the page size): holes in a
 * plain file, as out_data would make them, without reading anything */
static void out_zero_pages(struct out *o, uint64_t n)
{
	static const uint8_t zeros[4096];
	if (!o->z) {
		o->zero_pages += n / 4096;
		o->hole += n;
		o->off += n;
		return;
	}
	for (; n && !o->err; n -= 4096)
		out_data(o, zeros, 4096);
}

static void write_range(struct out *o, struct gm_memsrc *m, uint64_t a, uint64_t end)
{
	static uint8_t buf[1 << 16];
	while (a < end && !o->err) {
		size_t k = end - a > sizeof(buf) ? sizeof(buf) : (size_t)(end - a);
		struct gm_error *err = gm_memsrc_read(m, a, buf, k);
		if (err) { /* cannot happen: the zeros cover the run; never write garbage */
			gm_error_destroy(err);
			memset(buf, 0, k);
		}
		out_data(o, buf, k);
		a += k;
	}
}

/* A merged run is read only where the copy has bytes (gm_memsrc_next_data):
 * the pages between are the zero mapping's, written as holes unread (a
 * 64 GiB reservation with a few pages touched; reading the zeros faulted
 * them into memory on machines without a shared zero page). */
static void write_run(struct out *o, struct gm_memsrc *m, const struct run *r)
{
	if (r->seg) {
		out_data(o, r->seg->data, (size_t)r->filesz);
		return;
	}
	uint64_t a = r->vaddr, end = r->vaddr + r->filesz, ds, de;
	while (a < end && !o->err && gm_memsrc_next_data(m, a, end, &ds, &de)) {
		uint64_t pds = r->vaddr + (ds - r->vaddr) / 4096 * 4096;
		uint64_t pde = r->vaddr + (de - r->vaddr + 4095) / 4096 * 4096;
		if (pds < a)
			pds = a;
		if (pde > end)
			pde = end;
		out_zero_pages(o, pds - a);
		write_range(o, m, pds, pde);
		a = pde;
	}
	if (a < end && (end - a) % 4096 == 0)
		out_zero_pages(o, end - a);
	else
		write_range(o, m, a, end);
}

struct gm_error *gm_coredump_write(const struct gm_target *t, struct gm_outfile *of, bool zstd,
				   struct gm_coredump_stats *st)
{
	memset(st, 0, sizeof(*st));
	size_t nload = 0;
	struct run *runs = make_runs(t->mem, &nload);
	struct buf notes = {0};
	if (runs)
		build_notes(t, &notes);
	if (!runs || notes.err) {
		free(runs);
		free(notes.p);
		close(of->fd);
		gm_outfile_abort(of);
		return &gm_error_nomem;
	}
	struct out o = {0};
	o.f = fdopen(of->fd, "wb");
	if (!o.f) {
		struct gm_error *err = gm_error_os(errno, "%s: writing", of->path);
		close(of->fd);
		gm_outfile_abort(of);
		free(notes.p);
		free(runs);
		return err;
	}
	setvbuf(o.f, NULL, _IOFBF, 1 << 20);
	if (zstd) {
		o.z = ZSTD_createCCtx();
		o.zcap = ZSTD_CStreamOutSize();
		o.zbuf = malloc(o.zcap);
		if (!o.z || !o.zbuf)
			o.err = true;
		else {
			ZSTD_CCtx_setParameter(o.z, ZSTD_c_compressionLevel, 3);
			ZSTD_CCtx_setParameter(o.z, ZSTD_c_nbWorkers, 4); /* ignored without threads */
		}
	}
	bool xnum = nload + 1 >= PN_XNUM;
	uint64_t phnum = nload + 1;
	Elf64_Ehdr eh;
	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh.e_type = ET_CORE;
	eh.e_machine = t->arch == GM_ARCH_ARM64 ? EM_AARCH64 : EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof(Elf64_Ehdr);
	eh.e_ehsize = sizeof(Elf64_Ehdr);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = xnum ? PN_XNUM : (Elf64_Half)phnum;
	uint64_t shdr_off = eh.e_phoff + phnum * sizeof(Elf64_Phdr);
	if (xnum) { /* the real count in section header 0's sh_info */
		eh.e_shoff = shdr_off;
		eh.e_shentsize = sizeof(Elf64_Shdr);
		eh.e_shnum = 1;
	}
	uint64_t notes_off = shdr_off + (xnum ? sizeof(Elf64_Shdr) : 0);
	uint64_t data_off = (notes_off + notes.n + 4095) & ~4095ull;
	out_write(&o, &eh, sizeof(eh));
	Elf64_Phdr ph;
	memset(&ph, 0, sizeof(ph));
	ph.p_type = PT_NOTE;
	ph.p_offset = notes_off;
	ph.p_filesz = notes.n;
	ph.p_align = 4;
	out_write(&o, &ph, sizeof(ph));
	uint64_t off = data_off;
	for (size_t i = 0; i < nload; i++) {
		const struct run *r = &runs[i];
		memset(&ph, 0, sizeof(ph));
		ph.p_type = PT_LOAD;
		ph.p_flags = PF_R | PF_W;
		ph.p_offset = off;
		ph.p_vaddr = r->vaddr;
		ph.p_memsz = r->memsz;
		ph.p_filesz = r->filesz;
		ph.p_align = 1;
		out_write(&o, &ph, sizeof(ph));
		off += r->filesz;
		st->memory_bytes += r->filesz;
		st->segments++;
	}
	if (xnum) {
		Elf64_Shdr sh;
		memset(&sh, 0, sizeof(sh));
		sh.sh_info = (Elf64_Word)phnum;
		out_write(&o, &sh, sizeof(sh));
	}
	out_write(&o, notes.p, notes.n);
	out_zeros(&o, data_off - o.off);
	for (size_t i = 0; i < nload && !o.err; i++)
		write_run(&o, t->mem, &runs[i]);
	out_finish_hole(&o);
	free(runs);
	if (o.z && !o.err) {
		ZSTD_inBuffer in = {NULL, 0, 0};
		out_flush_z(&o, ZSTD_e_end, &in);
	}
	free(notes.p);
	ZSTD_freeCCtx(o.z);
	free(o.zbuf);
	int e = 0;
	if (fflush(o.f) != 0 || ferror(o.f))
		o.err = true, e = errno;
	struct gm_error *err = NULL;
	if (o.err) {
		err = gm_error_os(e ? e : EIO, "%s: writing", of->path);
		gm_outfile_abort(of);
	} else {
		err = gm_outfile_commit(of); /* the file gets its name while still open */
	}
	if (fclose(o.f) != 0 && !err)
		err = gm_error_os(errno, "closing the core just written");
	st->file_bytes = o.written;
	st->zero_bytes = o.zero_pages * 4096;
	return err;
}
