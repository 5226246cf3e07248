/* Progress of long work (decoding a multi-GB compressed core, walking the
 * spans of a huge heap). The lower layers report; only the command layer
 * shows it (a line on stderr when stderr is a terminal), by installing a
 * hook; without one, reporting costs a call and a test. */
#ifndef GM_PROGRESS_H
#define GM_PROGRESS_H
#include <stdbool.h>
#include <stdint.h>

/* what: "decompressing core.zst"; done of total (total 0: unknown); bytes:
 * done/total are bytes (else a count). Cheap enough to call every few MiB
 * or every few thousand items. */
void gm_progress(const char *what, uint64_t done, uint64_t total, bool bytes);
/* The work that gm_progress reported on is over (its line is cleared). */
void gm_progress_end(void);

struct gm_progress_hook {
	void (*show)(const char *what, uint64_t done, uint64_t total, bool bytes);
	void (*end)(void);
};
void gm_progress_set(const struct gm_progress_hook *hook); /* NULL: none */

#endif
