/* gm_fmt: numbers formatted for people, shared by the report renderers. */
#ifndef GM_FMT_H
#define GM_FMT_H
#include <stddef.h>
#include <stdint.h>

/* "41,233" */
const char *gm_fmt_thousands(uint64_t v, char *buf, size_t n);
/* "3.4 MiB" (one decimal from 1 KiB on), "512 B" */
const char *gm_fmt_bytes(uint64_t v, char *buf, size_t n);
/* "2026-12-05 18:19:40 UTC" from microseconds since the epoch; "unknown"
 * for 0 or less */
const char *gm_fmt_iso_time(int64_t usec, char *buf, size_t n);
/* the last element of a path; "?" for NULL */
const char *gm_fmt_base_name(const char *path);

#endif
