/* Terminal colour for text output: off unless the command layer turns it
 * on (gm_color_set, from --color and NO_COLOR, for a terminal), so files,
 * pipes, JSON and batch output never carry escapes. */
#include "gm_render.h"

static bool color_on;

void gm_color_set(bool on)
{
	color_on = on;
}

bool gm_color_enabled(void)
{
	return color_on;
}

const char *gm_color(enum gm_color_role r)
{
	if (!color_on)
		return "";
	switch (r) {
	case GM_COLOR_CRITICAL: return "\033[1;31m"; /* bold red */
	case GM_COLOR_WARNING: return "\033[33m";    /* yellow */
	case GM_COLOR_COUNT: return "\033[1m";       /* bold */
	case GM_COLOR_END: return "\033[0m";
	}
	return "";
}
