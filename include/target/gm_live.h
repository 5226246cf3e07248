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
/* The pause budget: a plan calls it between items (every thousand or so);
 * once the budget has run out the process is resumed, as the copy does
 * (gm_live_fetch and gm_live_read's reads of the process check it too), and
 * the rest is read while it runs. */
void gm_live_check_budget(struct gm_live_reader *r);
/* The copy of [addr, addr+len) when one fetched range holds all of it, else
 * NULL, with *failed set when a fetch asked for all of it and the process
 * could not give it (asking again would not help). */
const uint8_t *gm_live_copied(struct gm_live_reader *r, uint64_t addr, size_t len, bool *failed);
/* A memsrc over the stopped process for a walker's own reader (the
 * goroutine walker's label reader, gm_gwalk_live_plan): what the copy
 * holds is served from it; any other read is queued with gm_live_want, so
 * the copy holds exactly what the reader read. Deferred (the default): a
 * read of bytes not copied yet fails and counts as pending
 * (gm_live_recorder_pending), to be read again after the next
 * gm_live_fetch: the plan runs the reader over every item, fetches what
 * they all asked for in one batch, and runs it again over the items still
 * pending, one level of pointers a pass. Not deferred: such a read is
 * served from the process at once (through a cache of whole pages, read
 * once each). The bytes it returned (gm_memsrc_ptr's pointers) stay valid
 * until gm_live_recorder_reset, to be called between items. */
struct gm_memsrc;
struct gm_live_recorder;
struct gm_error *gm_live_recorder_create(struct gm_live_reader *r, struct gm_live_recorder **ret);
struct gm_memsrc *gm_live_recorder_mem(struct gm_live_recorder *rec);
void gm_live_recorder_reset(struct gm_live_recorder *rec);
void gm_live_recorder_set_deferred(struct gm_live_recorder *rec, bool deferred);
/* reads deferred since the last reset (0: the item was read whole, or as
 * far as the process could give it) */
size_t gm_live_recorder_pending(const struct gm_live_recorder *rec);
/* a new pass: forgets which ranges this one queued */
void gm_live_recorder_next_pass(struct gm_live_recorder *rec);
void gm_live_recorder_destroy(struct gm_live_recorder *rec);

/* The stopped threads (registers valid when regs_live) and the mappings. */
const struct gm_thread *gm_live_threads(struct gm_live_reader *r, size_t *n);
const struct gm_mapping *gm_live_maps(struct gm_live_reader *r, size_t *n);

#endif
