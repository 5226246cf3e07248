/* What a live target's `collect` callback may do while the process is
 * stopped (src/target/target_live.c). Reads are bounds-checked copies: target
 * memory stays hostile. */
#ifndef GM_LIVE_H
#define GM_LIVE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_target.h"

/* Reads len bytes at addr: from what was already fetched when it covers the
 * range, else straight from the process (not kept). */
bool gm_live_read(struct gm_live_reader *r, uint64_t addr, void *buf, size_t len);
bool gm_live_u64(struct gm_live_reader *r, uint64_t addr, uint64_t *out);
/* Queues [addr, addr+len) to be kept (copied by the next gm_live_fetch).
 * Ranges already fetched are skipped; absurd lengths are clamped. */
void gm_live_want(struct gm_live_reader *r, uint64_t addr, uint64_t len);
/* Copies every queued range (process_vm_readv in batches of IOV_MAX remote
 * ranges, /proc/PID/mem as a fallback). Unreadable ranges are kept as
 * "not saved" (reads fault). */
struct gm_error *gm_live_fetch(struct gm_live_reader *r);
/* A memsrc over the stopped process for a walker's own reader (the
 * goroutine walker's label reader, gm_gwalk_live_plan): every read through
 * it is served from the process (through a cache of whole pages, read once
 * each) and queued with gm_live_want, so the copy holds exactly what the
 * reader read. The bytes it returned (gm_memsrc_ptr's pointers) stay valid
 * until gm_live_recorder_reset, to be called between items. */
struct gm_memsrc;
struct gm_live_recorder;
struct gm_error *gm_live_recorder_create(struct gm_live_reader *r, struct gm_live_recorder **ret);
struct gm_memsrc *gm_live_recorder_mem(struct gm_live_recorder *rec);
void gm_live_recorder_reset(struct gm_live_recorder *rec);
void gm_live_recorder_destroy(struct gm_live_recorder *rec);

/* The stopped threads (registers valid when regs_live) and the mappings. */
const struct gm_thread *gm_live_threads(struct gm_live_reader *r, size_t *n);
const struct gm_mapping *gm_live_maps(struct gm_live_reader *r, size_t *n);

#endif
