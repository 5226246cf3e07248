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

#endif
