/* gomortem summary: placeholder (issue 8). */
#include <stdio.h>

#include "gm_cli.h"

int gm_cmd_summary(const struct gm_cli *c)
{
	(void)c;
	fprintf(stderr, "gomortem: summary: not implemented yet\n");
	return GM_EXIT_USAGE;
}
