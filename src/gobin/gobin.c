/* gm_gobin: opening an executable (or a bare pclntab, for tests) and
 * freeing it; the parts are gobin_elf.c, gobin_reloc.c, gobin_syms.c,
 * gobin_buildinfo.c, gobin_moduledata.c and gobin_pcln.c. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gm_elfnote.h"
#include "gm_file.h"
#include "gm_error.h"
#include "gm_gobin.h"
#include "gobin_internal.h"

/* ---------- open / destroy ---------- */

static struct gm_gobin *gobin_alloc(void)
{
	struct gm_gobin *gb = calloc(1, sizeof(*gb));
	if (!gb)
		return NULL;
	gb->priv = calloc(1, sizeof(*gb->priv));
	if (!gb->priv) {
		free(gb);
		return NULL;
	}
	return gb; /* calloc'ed caches are empty */
}

struct gm_error *gm_gobin_open(const char *path, struct gm_gobin **ret)
{
	struct gm_error *err = NULL;
	*ret = NULL;
	struct gm_gobin *gb = gobin_alloc();
	if (!gb)
		return &gm_error_nomem;
	struct gm_gobin_priv *p = gb->priv;
	gb->path = strdup(path);
	if (!gb->path) {
		gm_gobin_destroy(gb);
		return &gm_error_nomem;
	}
	/* O_NONBLOCK: a FIFO or a device named as the executable cannot hang
	 * the open; anything but a regular file is refused */
	struct stat st;
	int fd;
	if ((err = gm_open_input(path, "cannot open", &fd, &st)))
		goto fail;
	if (st.st_size == 0) {
		close(fd);
		err = gm_error_create(GM_ERR_FORMAT, "%s: empty file", path);
		goto fail;
	}
	void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	int merr = errno;
	close(fd);
	if (m == MAP_FAILED) {
		err = gm_error_os(merr, "mmap %s", path);
		goto fail;
	}
	p->mapped = true;
	p->map_size = (size_t)st.st_size;
	p->file = m;
	p->file_size = (size_t)st.st_size;
	gb->data = p->file;
	gb->size = p->file_size;

	if ((err = gobin_parse_elf(gb)))
		goto fail;
	/* PIE: relocated copies first, so every later read of a pointer word
	 * (moduledata, pcHeader.textStart) sees link-time values. */
	if (gb->pie && ((err = gobin_load_relocs(gb)) || (err = gobin_apply_relocs(p, 0))))
		goto fail;
	if ((err = gobin_load_symtab(p, SHT_SYMTAB, &p->symtab)) ||
	    (err = gobin_load_symtab(p, SHT_DYNSYM, &p->dynsym)))
		goto fail;
	gb->has_symtab = gobin_find_sect(p, ".symtab") != NULL;
	gb->has_dwarf = gobin_find_sect(p, ".debug_info") || gobin_find_sect(p, ".zdebug_info");
	gobin_find_notes(gb);
	if ((err = gobin_find_buildinfo(gb)))
		goto wrap;
	if (gb->go_major == 1 && gb->go_minor < 18 && gb->go_version[0]) {
		err = gm_error_create(GM_ERR_UNSUPPORTED,
				      "unsupported Go version %s (Go 1.19 and later are supported)",
				      gb->go_version);
		goto wrap;
	}
	if ((err = gobin_find_pclntab(gb)))
		goto wrap;
	gobin_find_moduledata(gb);
	gobin_finish_pcln(gb);
	/* the pc quantum is the instruction alignment: 1 on amd64, 4 on arm64 */
	if (gb->pc_quantum && gb->pc_quantum != (gb->arch == GM_ARCH_ARM64 ? 4u : 1u)) {
		err = gm_error_create(GM_ERR_FORMAT, "the pclntab's pc quantum %u is not linux/%s's (%u)",
				      gb->pc_quantum, gm_arch_name(gb->arch), gb->arch == GM_ARCH_ARM64 ? 4u : 1u);
		goto wrap;
	}
	*ret = gb;
	return NULL;
wrap:
	err = gm_error_wrap(err, "%s", path);
fail:
	gm_gobin_destroy(gb);
	return err;
}

struct gm_error *gm_gobin_from_pclntab(const struct gm_gobin_pcln_spec *spec,
				       struct gm_gobin **ret)
{
	*ret = NULL;
	if (!spec || !spec->pcln)
		return gm_error_create(GM_ERR_USAGE, "gm_gobin_from_pclntab: no pclntab");
	struct gm_gobin *gb = gobin_alloc();
	if (!gb)
		return &gm_error_nomem;
	struct gm_gobin_priv *p = gb->priv;
	gb->path = strdup("<pclntab>");
	p->segs = calloc(2, sizeof(*p->segs));
	if (!gb->path || !p->segs) {
		gm_gobin_destroy(gb);
		return &gm_error_nomem;
	}
	p->segs[0] = (struct gm_gobin_seg){.vaddr = spec->pcln_addr,
					   .filesz = spec->pcln_size,
					   .memsz = spec->pcln_size,
					   .ptr = spec->pcln,
					   .flags = PF_R};
	p->nsegs = 1;
	if (spec->gofunc_data && spec->gofunc_size)
		p->segs[p->nsegs++] = (struct gm_gobin_seg){.vaddr = spec->gofunc,
							    .filesz = spec->gofunc_size,
							    .memsz = spec->gofunc_size,
							    .ptr = spec->gofunc_data,
							    .flags = PF_R};
	struct gm_pcln *t = &p->pcln;
	t->base = spec->pcln;
	t->size = spec->pcln_size;
	t->addr = spec->pcln_addr;
	t->text_start = spec->text_start;
	struct gm_error *err = gobin_pcln_parse(t);
	if (err) {
		gm_gobin_destroy(gb);
		return err;
	}
	t->gofunc = spec->gofunc;
	gb->go_major = 1;
	gb->go_minor = spec->go_minor ? spec->go_minor : (t->magic == 0xfffffff0u ? 19 : 21);
	gb->moduledata_addr = 0;
	gobin_finish_pcln(gb);
	*ret = gb;
	return NULL;
}

void gm_gobin_destroy(struct gm_gobin *gb)
{
	if (!gb)
		return;
	struct gm_gobin_priv *p = gb->priv;
	if (p) {
		if (p->mapped)
			munmap((void *)p->file, p->map_size);
		for (size_t i = 0; p->segs && i < p->nsegs; i++)
			free(p->segs[i].copy);
		free(p->segs);
		free(p->relocs);
		free(p->sects);
		free(p->symtab.hash);
		free(p->dynsym.hash);
		free(atomic_load_explicit(&p->name_index, memory_order_relaxed));
		free(p);
	}
	free((void *)gb->path);
	free(gb->mod_path);
	free(gb->modinfo);
	free(gb);
}
