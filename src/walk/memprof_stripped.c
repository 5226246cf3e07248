/* The heap profile's globals in an executable without symbols
 * (-ldflags=-s), found from the code that uses them (docs/heap-profile.md,
 * the method of src/stripped.c):
 *
 *   runtime.mProfCycle   the one 32-bit load (MOVL) and
 *   runtime.mbuckets     the one 64-bit load (MOVQ) of runtime.MemProfile
 *                        (up to 1.22) / runtime.memProfileInternal (1.23+)
 *                        (mProfCycle.read(); head := mbuckets.Load())
 *   runtime.disableMemoryProfiling   1.21+: runtime.schedinit's
 *   runtime.MemProfileRate           `if disableMemoryProfiling {
 *                        MemProfileRate = 0 }`: a CMPB $0 of a byte global
 *                        followed (after a short JE) by a MOVQ $0 to a
 *                        word global (arm64: a MOVBU, a TBZ, a MOVD ZR
 *                        store); 1.19: runtime.init's
 *                        defaultMemProfileRate: a MOVZX of the byte
 *                        followed by a MOVQ store of the word
 *
 * Each must lie in the executable's data or bss sections and be the only
 * candidate; otherwise it stays 0 and the profile is said not located. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "gm_gobin.h"
#include "gm_stripped.h"

void gm_memprof__find_stripped(const struct gm_gobin *gb, uint64_t *mbuckets, uint64_t *cycle,
			       uint64_t *rate, uint64_t *disable);
uint64_t gm_memprof__find_usefma(const struct gm_gobin *gb);

#define MAXR 4096

static bool in_data(const struct gm_gobin *gb, uint64_t a, uint64_t size)
{
	static const char *const secs[] = {".noptrdata", ".data", ".bss", ".noptrbss"};
	for (size_t i = 0; i < sizeof(secs) / sizeof(secs[0]); i++) {
		uint64_t s, n;
		if (gm_gobin_section(gb, secs[i], &s, &n) && a >= s && a + size <= s + n)
			return true;
	}
	return false;
}

/* The decoder tries every byte offset: a REX-prefixed instruction is also
 * seen one byte later without its prefix. */
static bool rex_shadow(const struct gm_ripref *r, size_t n, size_t i)
{
	for (size_t k = i; k-- > 0 && r[k].insn + 1 >= r[i].insn;)
		if (r[k].insn + 1 == r[i].insn && r[k].target == r[i].target)
			return true;
	return false;
}

/* The one target of the refs with opcode op and REX.W rexw; 0 if none or several. */
static uint64_t only_target(const struct gm_ripref *r, size_t n, uint8_t op, bool rexw)
{
	uint64_t t = 0;
	for (size_t i = 0; i < n; i++) {
		if (r[i].op != op || r[i].rexw != rexw || rex_shadow(r, n, i))
			continue;
		if (t && r[i].target != t)
			return 0;
		t = r[i].target;
	}
	return t;
}

void gm_memprof__find_stripped(const struct gm_gobin *gb, uint64_t *mbuckets, uint64_t *cycle,
			       uint64_t *rate, uint64_t *disable)
{
	struct gm_ripref *r = malloc(MAXR * sizeof(*r));
	if (!r)
		return;
	size_t n = gm_stripped_func_refs(gb, gb->go_minor >= 23 ? "runtime.memProfileInternal"
								: "runtime.MemProfile",
					 r, MAXR);
	uint64_t c = only_target(r, n, 0x8b, false), b = only_target(r, n, 0x8b, true);
	if (!*cycle && c && in_data(gb, c, 4))
		*cycle = c;
	if (!*mbuckets && b && b != c && in_data(gb, b, 8))
		*mbuckets = b;

	uint64_t d = 0, rt = 0;
	int found = 0;
	if (gb->go_minor >= 21) {
		n = gm_stripped_func_refs(gb, "runtime.schedinit", r, MAXR);
		for (size_t i = 0; i + 1 < n && gb->arch == GM_ARCH_ARM64; i++) {
			/* arm64: MOVBU disableMemoryProfiling (an ADRP pair), TBZ,
			 * then MOVD ZR, MemProfileRate (the next pair) */
			if (r[i].op != 0x0f || r[i].rexw)
				continue;
			for (size_t k = i + 1; k < n && r[k].insn <= r[i].end + 4; k++)
				if (r[k].op == 0xc7 && r[k].rexw && r[k].imm == 0 && r[k].insn == r[i].end + 4) {
					d = r[i].target, rt = r[k].target;
					found++;
				}
		}
		for (size_t i = 0; i + 1 < n && gb->arch == GM_ARCH_AMD64; i++) {
			if (r[i].op != 0x80 || r[i].imm != 0 || r[i].rexw)
				continue;
			for (size_t k = i + 1; k < n && r[k].insn <= r[i].end + 4; k++)
				if (r[k].op == 0xc7 && r[k].rexw && r[k].imm == 0 && r[k].insn == r[i].end + 2) {
					d = r[i].target, rt = r[k].target;
					found++;
				}
		}
	} else {
		n = gm_stripped_func_refs(gb, "runtime.init", r, MAXR);
		for (size_t i = 0; i + 1 < n; i++) {
			if (r[i].op != 0x0f)
				continue;
			for (size_t k = i + 1; k < n && r[k].insn <= r[i].end + 32; k++)
				if (r[k].op == 0x89 && r[k].rexw) {
					d = r[i].target, rt = r[k].target;
					found++;
					break;
				}
		}
	}
	if (found == 1 && in_data(gb, d, 1) && in_data(gb, rt, 8)) {
		if (!*disable)
			*disable = d;
		if (!*rate)
			*rate = rt;
	}
	free(r);
}

/* math.useFMA: math.archExp's `CMPB math.useFMA(SB), $1`. 0 when not found. */
uint64_t gm_memprof__find_usefma(const struct gm_gobin *gb)
{
	struct gm_ripref *r = malloc(MAXR * sizeof(*r));
	if (!r)
		return 0;
	size_t n = gm_stripped_func_refs(gb, "math.archExp", r, MAXR);
	uint64_t t = 0;
	for (size_t i = 0; i < n; i++) {
		if (r[i].op != 0x80 || r[i].imm != 1 || r[i].rexw)
			continue;
		if (t && t != r[i].target) {
			t = 0;
			break;
		}
		t = r[i].target;
	}
	free(r);
	return t && in_data(gb, t, 1) ? t : 0;
}

/* The block / mutex profile's globals (include/gm_memprof.h):
 *   runtime.bbuckets / xbuckets   the one 64-bit load (MOVQ) of
 *                        runtime.blockProfileInternal / mutexProfileInternal
 *                        (1.23+) or runtime.BlockProfile / MutexProfile
 *                        (head := bbuckets.Load())
 *   runtime.blockprofilerate      the one 64-bit XCHG (atomic.Store64) of
 *                        runtime.SetBlockProfileRate
 *   runtime.mutexprofilerate      the one 64-bit XCHG of
 *                        runtime.SetMutexProfileFraction, or (go1.19 inlines
 *                        it) the one 64-bit load of
 *                        runtime/pprof.scaleMutexProfile
 *   runtime.ticks.val    the first 64-bit load of runtime.ticksPerSecond
 *                        (1.22+) / runtime.tickspersecond (the fast path
 *                        `r := ticks.val.Load()`)
 * A function the program does not link leaves its global 0. */
void gm_memprof__find_block_stripped(const struct gm_gobin *gb, int kind, uint64_t *head,
				     uint64_t *rate, uint64_t *ticks);

void gm_memprof__find_block_stripped(const struct gm_gobin *gb, int kind, uint64_t *head,
				     uint64_t *rate, uint64_t *ticks)
{
	struct gm_ripref *r = malloc(MAXR * sizeof(*r));
	if (!r)
		return;
	bool mutex = kind == 2;
	const char *names[2] = {
		gb->go_minor >= 23 ? (mutex ? "runtime.mutexProfileInternal" : "runtime.blockProfileInternal")
				   : NULL,
		mutex ? "runtime.MutexProfile" : "runtime.BlockProfile"};
	for (int i = 0; i < 2 && !*head; i++) {
		if (!names[i])
			continue;
		size_t n = gm_stripped_func_refs(gb, names[i], r, MAXR);
		uint64_t t = only_target(r, n, 0x8b, true);
		if (t && in_data(gb, t, 8))
			*head = t;
	}
	if (!*rate) {
		size_t n = gm_stripped_func_refs(gb, mutex ? "runtime.SetMutexProfileFraction"
							  : "runtime.SetBlockProfileRate", r, MAXR);
		uint64_t t = only_target(r, n, 0x87, true);
		/* go1.19 inlines SetMutexProfileFraction everywhere; its
		 * runtime/pprof.scaleMutexProfile (which needs the fraction) is
		 * `period := runtime.SetMutexProfileFraction(-1)`: one load */
		if (!t && mutex) {
			n = gm_stripped_func_refs(gb, "runtime/pprof.scaleMutexProfile", r, MAXR);
			t = only_target(r, n, 0x8b, true);
		}
		if (t && in_data(gb, t, 8))
			*rate = t;
	}
	if (!*ticks) {
		size_t n = gm_stripped_func_refs(gb, gb->go_minor >= 22 ? "runtime.ticksPerSecond"
								: "runtime.tickspersecond", r, MAXR);
		for (size_t i = 0; i < n; i++)
			if (r[i].op == 0x8b && r[i].rexw && !rex_shadow(r, n, i)) {
				if (in_data(gb, r[i].target, 8))
					*ticks = r[i].target;
				break;
			}
	}
	free(r);
}
