/* gm_live_recorder: a memsrc over a stopped process that copies what a
 * reader reads (gm_live.h). The memsrc has no segments: every read goes to
 * its miss hook, which serves what the copy already holds and queues any
 * other range for the copy (gm_live_want), so what is queued is exactly
 * what was read. Deferred (the plan's passes), a range not copied yet is
 * only queued, and the read fails as pending: the next gm_live_fetch reads
 * the ranges of every item at once, in batches of process_vm_readv, where
 * reading each at once cost one system call per page, one item at a time
 * (the labels of 100,000 goroutines: most of the stop). Not deferred, the
 * bytes come from a small cache of whole pages read through the live
 * reader (the process is stopped: they do not change), so the many small
 * reads of one page cost one read of the process, not one each. */
#include "gm_live.h"
#include "live_internal.h"

#include <stdlib.h>
#include <string.h>

#include "gm_arena.h"
#include "gm_memsrc.h"

#define PAGE 4096u
#define CACHE_PAGES 256u          /* direct-mapped by page number: 1 MiB */
#define MAX_CACHED_READ (64u << 10) /* bigger reads go to the process directly */
#define MAX_READ (16u << 20)      /* one read: a reader never asks for more of a structure */
#define QUEUED_SLOTS 4096u        /* ranges queued this pass (direct-mapped): asked once */

struct cpage {
	uint64_t addr;  /* page address + 1 when filled (0: empty) */
	bool ok;        /* readable */
};

struct gm_live_recorder {
	struct gm_live_reader *r;
	struct gm_memsrc *mem;
	struct gm_arena bytes;       /* what reads returned, until the next reset */
	struct cpage tag[CACHE_PAGES];
	uint8_t *data;               /* CACHE_PAGES pages */
	bool direct;                 /* not deferred: read the process at once */
	size_t pending;              /* reads deferred since the last reset */
	struct want_slot {
		uint64_t addr, len;
	} queued[QUEUED_SLOTS];
};

static const uint8_t *page_of(struct gm_live_recorder *rec, uint64_t page)
{
	size_t i = (size_t)(page / PAGE) % CACHE_PAGES;
	struct cpage *c = &rec->tag[i];
	uint8_t *d = rec->data + (size_t)i * PAGE;
	if (c->addr != page + 1) {
		c->addr = page + 1;
		c->ok = gm_live_read(rec->r, page, d, PAGE);
	}
	return c->ok ? d : NULL;
}

/* deferred: queue the range (once a pass) for the next fetch */
static void defer_read(struct gm_live_recorder *rec, uint64_t addr, size_t len)
{
	rec->pending++;
	struct want_slot *q = &rec->queued[(size_t)((addr >> 3) ^ (addr >> 15)) % QUEUED_SLOTS];
	if (q->addr == addr && q->len == len)
		return; /* the same label strings, read for each of many goroutines */
	*q = (struct want_slot){addr, len};
	live_want_new(rec->r, addr, len); /* gm_live_copied looked */
}

static const uint8_t *miss(void *ctx, uint64_t addr, size_t len)
{
	struct gm_live_recorder *rec = ctx;
	if (len == 0 || len > MAX_READ || addr == 0 || addr + len < addr || (addr + len) >> 63)
		return NULL;
	bool failed;
	const uint8_t *c = gm_live_copied(rec->r, addr, len, &failed);
	if (c || failed)
		return c; /* the copy's bytes (stable until the target goes), or never */
	if (!rec->direct) {
		defer_read(rec, addr, len);
		return NULL;
	}
	uint8_t *b = gm_arena_alloc(&rec->bytes, len);
	if (!b)
		return NULL;
	if (len > MAX_CACHED_READ) {
		if (!gm_live_read(rec->r, addr, b, len))
			return NULL;
	} else {
		for (size_t done = 0; done < len;) {
			uint64_t a = addr + done, page = a & ~(uint64_t)(PAGE - 1);
			size_t n = PAGE - (size_t)(a - page);
			if (n > len - done)
				n = len - done;
			const uint8_t *p = page_of(rec, page);
			if (!p)
				return NULL;
			memcpy(b + done, p + (a - page), n);
			done += n;
		}
	}
	gm_live_want(rec->r, addr, len);
	return b;
}

struct gm_error *gm_live_recorder_create(struct gm_live_reader *r, struct gm_live_recorder **ret)
{
	*ret = NULL;
	struct gm_live_recorder *rec = calloc(1, sizeof(*rec));
	if (!rec)
		return &gm_error_nomem;
	rec->r = r;
	gm_arena_init(&rec->bytes);
	rec->bytes.chunk_size = 16u << 10;
	struct gm_error *err = NULL;
	if (!(rec->data = malloc((size_t)CACHE_PAGES * PAGE)))
		err = &gm_error_nomem;
	else
		err = gm_memsrc_create(&rec->mem);
	if (err) {
		gm_live_recorder_destroy(rec);
		return err;
	}
	gm_memsrc_set_miss(rec->mem, miss, rec);
	*ret = rec;
	return NULL;
}

struct gm_memsrc *gm_live_recorder_mem(struct gm_live_recorder *rec)
{
	return rec->mem;
}

void gm_live_recorder_reset(struct gm_live_recorder *rec)
{
	rec->pending = 0;
	if (rec->bytes.head) /* deferred reads keep nothing there */
		gm_arena_reset(&rec->bytes);
}

void gm_live_recorder_set_deferred(struct gm_live_recorder *rec, bool deferred)
{
	rec->direct = !deferred;
}

size_t gm_live_recorder_pending(const struct gm_live_recorder *rec)
{
	return rec->pending;
}

void gm_live_recorder_next_pass(struct gm_live_recorder *rec)
{
	memset(rec->queued, 0, sizeof(rec->queued));
}

void gm_live_recorder_destroy(struct gm_live_recorder *rec)
{
	if (!rec)
		return;
	gm_memsrc_destroy(rec->mem);
	gm_arena_deinit(&rec->bytes);
	free(rec->data);
	free(rec);
}
