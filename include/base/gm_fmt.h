/* gm_fmt: numbers formatted for people, shared by the report renderers. */
#ifndef GM_FMT_H
#define GM_FMT_H
#include <stddef.h>
#include <stdint.h>

/* "41,233" */
const char *gm_fmt_thousands(uint64_t v, char *buf, size_t n);
/* "3.4 MiB" (one decimal from 1 KiB on), "512 B" */
const char *gm_fmt_bytes(uint64_t v, char *buf, size_t n);

#endif
