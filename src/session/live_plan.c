/* What a live read copies while the process is stopped: here what needs no
 * walker's knowledge (the executable's writable segments, the plugins'
 * data), then the walkers' own plan (gm_session_opts.live_plan: the
 * goroutine walker's, src/walk/gwalk_plan.c); proportional to what the
 * goroutines use, not to the heap or to reserved stack space. Also the
 * estimate and goroutine count made before the stop. See docs/live.md. */
#include "live_plan.h"
#include "plugins.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_bytes.h"
#include "gm_live.h"

#define MAX_ALLGLEN (64u << 20)

/* The executable's writable PT_LOADs (.data, .bss, .noptrdata, .noptrbss:
 * every runtime global) and the first page of the one at file offset 0, at
 * their load addresses (a PIE's bias added). A PIE's relro segment
 * (PT_GNU_RELRO: .data.rel.ro, up to 1.25 the pclntab too) is not copied:
 * read-only once the loader relocated it, it is served from gobin's
 * relocated copy (docs/pie.md). */
/* r NULL: only adds the bytes it would copy to *count (the estimate). */
#define WANT(a, n) (r ? gm_live_want(r, (a), (n)) : (void)(*count += (n)))
static void want_exe(struct gm_live_reader *r, const struct gm_gobin *gb, uint64_t *count)
{
	uint64_t bias = gb->bias, relro = 0, relro_end = 0;
	const uint8_t *d = gb->data;
	if (gb->size < sizeof(Elf64_Ehdr))
		return;
	Elf64_Ehdr eh;
	memcpy(&eh, d, sizeof(eh));
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phoff > gb->size ||
	    (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > gb->size - eh.e_phoff)
		return;
	for (unsigned i = 0; gb->pie && i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, d + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_GNU_RELRO && ph.p_vaddr + ph.p_memsz > ph.p_vaddr) {
			relro = ph.p_vaddr;
			relro_end = ph.p_vaddr + ph.p_memsz;
		}
	}
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, d + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD)
			continue;
		if (ph.p_offset == 0)
			WANT((ph.p_vaddr & ~4095ull) + bias, 4096);
		if (!(ph.p_flags & PF_W))
			continue;
		uint64_t a = ph.p_vaddr, e = ph.p_vaddr + ph.p_memsz;
		if (e < a)
			continue;
		if (relro_end > relro && a >= relro && a < relro_end)
			a = relro_end < e ? relro_end : e; /* the part past the relro area */
		if (e > a)
			WANT(a + bias, e - a);
	}
}
#undef WANT

/* The Go plugins' writable data (their moduledata, .data, .bss, and the
 * relro part before it: type descriptors whose words the loader wrote
 * from symbols, not only R_X86_64_RELATIVE): for each module of the
 * runtime's list after the first, the mapping holding its moduledata, the
 * mapping of the same file just before it and the anonymous one (bss)
 * just after it. */
#define MAX_PLUGIN_DATA (256ull << 20)
static void want_plugins(struct gm_live_reader *r, const struct gm_gobin *gb)
{
	uint64_t pp_off, next_off, md = 0;
	if (!gb->moduledata_addr || !session_md_offsets(gb, &pp_off, &next_off) ||
	    !gm_live_u64(r, gb->moduledata_addr + next_off, &md))
		return;
	size_t nm;
	const struct gm_mapping *m = gm_live_maps(r, &nm);
	for (size_t k = 0; md && k < GM_GOBIN_MAX_MODULES; k++) {
		for (size_t i = 0; i < nm; i++) {
			if (md < m[i].start || md >= m[i].end || !m[i].path)
				continue;
			uint64_t a = m[i].start, e = m[i].end;
			if (i > 0 && m[i - 1].end == a && m[i - 1].path && !strcmp(m[i - 1].path, m[i].path) &&
			    m[i - 1].file_ofs != 0)
				a = m[i - 1].start;
			if (i + 1 < nm && m[i + 1].start == e && !m[i + 1].path)
				e = m[i + 1].end;
			if (e - a <= MAX_PLUGIN_DATA)
				gm_live_want(r, a, e - a);
			break;
		}
		uint64_t nx = 0;
		if (!gm_live_u64(r, md + next_off, &nx) || nx == md || nx == gb->moduledata_addr)
			break;
		md = nx;
	}
}

struct gm_error *gm_live_collect_go(void *arg, struct gm_live_reader *r)
{
	const struct gm_live_go *a = arg;
	struct gm_error *err;
	if (!a->plan)
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "live: no plan of what the walkers read (gm_session_opts.live_plan)");
	want_exe(r, a->gb, NULL);
	if ((err = gm_live_fetch(r)))
		return err;
	want_plugins(r, a->gb);
	return a->plan(a->gb, a->l, r);
}

uint64_t gm_live_goroutines_go(void *arg, struct gm_live_reader *r)
{
	const struct gm_live_go *a = arg;
	uint64_t allglen = 0;
	if (!a->l->allgs || !gm_live_u64(r, a->l->allgs + 8, &allglen) || allglen > MAX_ALLGLEN)
		return 0;
	return allglen;
}

uint64_t gm_live_estimate_go(void *arg, struct gm_live_reader *r)
{
	const struct gm_live_go *a = arg;
	const struct gm_layout *l = a->l;
	uint64_t allglen = 0;
	if (!l->allgs || l->g_size <= 0 || !gm_live_u64(r, l->allgs + 8, &allglen) ||
	    allglen > MAX_ALLGLEN)
		return 0;
	/* the g, its allgs slot and ~2 KiB of used stack each, the
	 * executable's writable segments (every runtime global; a -race build
	 * adds the race runtime's 16 MB: without room for them made ready
	 * here, the copy faulted in its own pages during the stop, 200 ms on a
	 * loaded machine), plus 4 MiB */
	uint64_t exe = 0;
	want_exe(NULL, a->gb, &exe);
	return allglen * ((uint64_t)l->g_size + 8 + 2048) + exe + (4u << 20);
}

#define ARENA_BYTES (64ull << 20) /* heapArenaBytes, linux/amd64 and arm64 */
#define HEAP_INDEX_BYTES ((1ull << 22) * 8) /* [1 << arenaL2Bits]*heapArena */
#define MAX_ARENAS (1u << 22)

bool gm_live_must_copy_go(void *arg, struct gm_live_reader *r, uint64_t start, uint64_t end)
{
	const struct gm_live_go *a = arg;
	const struct gm_layout *l = a->l;
	uint64_t arr, n, l2 = 0;
	if (!l->mheap || l->mheap_allarenas < 0 ||
	    !gm_live_u64(r, l->mheap + (uint64_t)l->mheap_allarenas, &arr) ||
	    !gm_live_u64(r, l->mheap + (uint64_t)l->mheap_allarenas + 8, &n) || n > MAX_ARENAS)
		return true; /* the heap unknown: keep everything */
	if (l->mheap_arenas >= 0 && gm_live_u64(r, l->mheap + (uint64_t)l->mheap_arenas, &l2) && l2 &&
	    l2 < end && l2 + HEAP_INDEX_BYTES > start)
		return true;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t idx, ha;
		if (!gm_live_u64(r, arr + 8 * i, &idx) || idx >= MAX_ARENAS)
			return true;
		uint64_t base = idx * ARENA_BYTES + gm_layout_arena_base(l);
		if (base < end && base + ARENA_BYTES > start)
			return true;
		if (l2 && gm_live_u64(r, l2 + 8 * idx, &ha) && ha >= start && ha < end)
			return true;
	}
	return false;
}

struct gm_error *gm_live_load_bias(int pid, const struct gm_gobin *gb, uint64_t *ret)
{
	*ret = 0;
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/auxv", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return gm_error_os(errno, "pid %d: reading %s (the load address of its position-independent executable)",
				   pid, path);
	uint64_t kv[2], entry = 0;
	for (int i = 0; i < 4096 && fread(kv, sizeof(kv), 1, f) == 1 && kv[0] != AT_NULL; i++)
		if (kv[0] == AT_ENTRY)
			entry = kv[1];
	fclose(f);
	uint64_t link = gb->entry - gb->bias;
	if (!entry)
		return gm_error_create(GM_ERR_FORMAT, "pid %d: no AT_ENTRY in %s: the load address of %s is unknown",
				       pid, path, gb->path);
	uint64_t b = entry - link;
	if (b & 4095)
		return gm_error_create(GM_ERR_MISMATCH,
				       "pid %d: entry point 0x%llx is not the entry of %s (0x%llx) at a page-aligned load bias",
				       pid, (unsigned long long)entry, gb->path, (unsigned long long)link);
	*ret = b;
	return NULL;
}
