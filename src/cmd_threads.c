/* gomortem threads: placeholder until the threads command lands (issue 10). */
#include <stdio.h>

#include "gm_cli.h"

int gm_cmd_threads(const struct gm_cli *c)
{
	(void)c;
	fprintf(stderr, "gomortem: threads: not implemented yet\n");
	return GM_EXIT_USAGE;
}
