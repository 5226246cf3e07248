/* gm_progress: forwards to the hook the command layer installed, if any. */
#include <stddef.h>

#include "gm_progress.h"

static const struct gm_progress_hook *progress_hook;

void gm_progress_set(const struct gm_progress_hook *hook)
{
	progress_hook = hook;
}

void gm_progress(const char *what, uint64_t done, uint64_t total, bool bytes)
{
	if (progress_hook)
		progress_hook->show(what, done, total, bytes);
}

void gm_progress_end(void)
{
	if (progress_hook)
		progress_hook->end();
}
