/* A corpus sample opened for a fuzz target (fuzz_walker, fuzz_render and
 * the image targets of fuzz_image.h): its core, executable and layout, and,
 * when tg is given, DWARF's typed globals (read while the executable's
 * path is still open: libdwarf reads it by path). Dies on failure. */
#ifndef GMF_SAMPLE_H
#define GMF_SAMPLE_H
#include "fuzz_common.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_session.h"
#include "gm_target.h"

static inline void gmf_open_sample(const char *name, struct gm_target **t, struct gm_gobin **gb,
				   struct gm_layout *l, struct gm_typed_globals *tg)
{
	uint64_t csize, esize;
	int cfd = gmf_corpus_file(name, "core", &csize);
	int efd = gmf_corpus_file(name, "exe", &esize);
	char cp[64], ep[64];
	struct gm_error *err = gm_target_open_core(gmf_fd_path(cfd, cp, sizeof(cp)), t);
	if (!err)
		err = gm_gobin_open(gmf_fd_path(efd, ep, sizeof(ep)), gb);
	if (!err)
		err = gm_layout_load(*gb, l);
	if (!err && tg)
		err = gm_typed_globals_load((*t)->mem, *gb, l, tg);
	if (err)
		gmf_die(err->msg);
	close(cfd);
	close(efd);
}

#endif
