/* gm_info: what gomortem info shows, collected once (src/walk/info.c): the
 * session's description (gm_session_describe) after the size check of a
 * compressed core, and each thread's M and running goroutine from the M
 * list (gm_threads). The renderer is src/render/render_info.c. */
#ifndef GM_INFO_H
#define GM_INFO_H
#include <stdbool.h>
#include <stdint.h>

#include "gm_error.h"
#include "gm_session.h"

struct gm_info_thread {
	int64_t m_id;        /* the M that runs on the thread, -1 none/unknown */
	int64_t curg_goid;   /* the goroutine that M runs, -1 none/unknown */
};

struct gm_info {
	struct gm_session_desc d;
	struct gm_info_thread *threads;  /* d.nthreads of them, in the target's order */
	bool size_verified;              /* gm_target_verify_size: the stream's length is known */
	char problem[400];               /* "threads: <why>" when the Ms were not all mapped, else "" */
};

/* GM_ERR_NOMEM; a damaged M list is the report's problem. */
struct gm_error *gm_info_collect(struct gm_session *s, struct gm_info **out);
void gm_info_destroy(struct gm_info *info);

#endif
