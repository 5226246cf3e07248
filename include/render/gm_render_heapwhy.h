/* heap --why's output: text for a person, JSON (schema gomortem.heapwhy,
 * docs/json.md) for scripts. Only reads the report (src/walk/heapwhy.c). */
#ifndef GM_RENDER_HEAPWHY_H
#define GM_RENDER_HEAPWHY_H
#include <stdio.h>
#include "gm_heapwhy.h"
#include "gm_json.h"
#include "gm_report.h"

void gm_render_heapwhy_text(FILE *o, const struct gm_why_report *r);
/* one top-level object, no newline after it */
void gm_render_heapwhy_json(struct gm_json *j, const struct gm_why_report *r, const struct gm_report_meta *m);

#endif
