/* Private to the session: the Go plugins of the target (plugins.c). */
#ifndef GM_SESSION_PLUGINS_H
#define GM_SESSION_PLUGINS_H
#include "gm_session.h"

/* Finds the modules of the runtime's moduledata list beyond the first
 * (Go plugins), opens their files from the target's mappings with their
 * load bias, chains them to s->gobin (next_module) and serves their
 * PT_LOADs under what the target holds. Problems are session warnings. */
struct gm_error *session_load_plugins(struct gm_session *s);
void session_free_plugins(struct gm_session *s);
/* Offsets of pluginpath and next in runtime.moduledata for gb's Go
 * version; false for a version whose layout is unknown. */
bool session_md_offsets(const struct gm_gobin *gb, uint64_t *pluginpath, uint64_t *next);
/* The next file the target mapped from its start that opens as a Go
 * binary here, from index *i on: a mapping at file offset 0 with an
 * absolute path, the first mapping of that path, a regular file, none of
 * the non-NULL paths skip[0..nskip). Opening a file takes one of *budget
 * (the search stops at 0). *i is left past it, *gb is the opened file (the
 * caller's to destroy); NULL when no mapping is left. */
const struct gm_mapping *session_next_mapped_gobin(const struct gm_target *t, size_t *i,
						   const char *const *skip, size_t nskip,
						   size_t *budget, struct gm_gobin **gb);

#endif
