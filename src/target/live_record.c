/* gm_live_recorder: a memsrc over a stopped process that copies what a
 * reader reads (gm_live.h). Its segments are the bytes read so far; a read
 * of anything else (the memsrc's miss hook) reads the process through the
 * live reader and queues the same range for the copy. */
#include "gm_live.h"

#include <stdlib.h>

#include "gm_arena.h"
#include "gm_memsrc.h"

#define MAX_READ (16u << 20) /* one read: a reader never asks for more of a structure */

struct gm_live_recorder {
	struct gm_live_reader *r;
	struct gm_memsrc *mem;
	struct gm_arena bytes;
};

static bool miss(void *ctx, struct gm_memsrc *m, uint64_t addr, size_t len)
{
	struct gm_live_recorder *rec = ctx;
	if (len == 0 || len > MAX_READ || addr + len < addr)
		return false;
	uint8_t *b = gm_arena_alloc(&rec->bytes, len);
	if (!b || !gm_live_read(rec->r, addr, b, len))
		return false;
	struct gm_error *err = gm_memsrc_add(m, addr, len, len, b, 0, GM_SEG_LIVE);
	if (err) {
		gm_error_destroy(err);
		return false;
	}
	gm_live_want(rec->r, addr, len);
	return true;
}

static struct gm_error *fresh(struct gm_live_recorder *rec)
{
	gm_memsrc_destroy(rec->mem);
	rec->mem = NULL;
	gm_arena_deinit(&rec->bytes);
	gm_arena_init(&rec->bytes);
	rec->bytes.chunk_size = 16u << 10;
	struct gm_error *err = gm_memsrc_create(&rec->mem);
	if (!err)
		gm_memsrc_set_miss(rec->mem, miss, rec);
	return err;
}

struct gm_error *gm_live_recorder_create(struct gm_live_reader *r, struct gm_live_recorder **ret)
{
	*ret = NULL;
	struct gm_live_recorder *rec = calloc(1, sizeof(*rec));
	if (!rec)
		return &gm_error_nomem;
	rec->r = r;
	gm_arena_init(&rec->bytes);
	struct gm_error *err = fresh(rec);
	if (err) {
		gm_live_recorder_destroy(rec);
		return err;
	}
	*ret = rec;
	return NULL;
}

struct gm_memsrc *gm_live_recorder_mem(struct gm_live_recorder *rec)
{
	return rec->mem;
}

struct gm_error *gm_live_recorder_reset(struct gm_live_recorder *rec)
{
	return fresh(rec);
}

void gm_live_recorder_destroy(struct gm_live_recorder *rec)
{
	if (!rec)
		return;
	gm_memsrc_destroy(rec->mem);
	gm_arena_deinit(&rec->bytes);
	free(rec);
}
