/* Runtime globals of a binary without symbols (-ldflags=-s): found from the
 * code that uses them. The pclntab always names the runtime's functions, so
 * we decode the RIP-relative memory operands of a few known functions and
 * recognise each global by how it is used there:
 *
 *   runtime.allgs              runtime.allgadd: a slice, so the same function
 *                              touches X, X+8 and X+16 (append)
 *   runtime.allm               runtime.mcommoninit: read (MOVQ) and taken by
 *                              address (LEAQ, atomicstorep) in the same function
 *   runtime.waitReasonStrings  runtime.goroutineheader: LEAQ of an array whose
 *   runtime.gStatusStrings     entries are {ptr,len} strings "" / "GC assist
 *                              marking" ... and "idle" / "runnable" ... (checked
 *                              in the executable's data)
 *   runtime.debug              (1.26+) goroutineheader: the 32-bit atomic load
 *                              of debug.tracebacklabels (the instruction's
 *                              innermost inlined function is an atomic Load);
 *                              debug = target - offset of tracebacklabels
 *
 * and, in find_heap_globals, mheap_, allfin, finq, fing, fingStatus /
 * fingRunning, gcCleanups, gcController, memstats, allp, emptymspan and
 * sched: docs/stripped.md has the method for each.
 *
 * arm64 executables: the same, from the ADRP+ADD / ADRP+LDR / ADRP+STR pairs
 * (adrp_refs, reported in amd64's terms).
 *
 * Every address must lie inside the executable's writable data (the
 * section a global of its kind lives in, from moduledata); every ambiguity
 * or failed cross-check leaves the global at 0 with a warning naming it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_bytes.h"
#include "gm_stripped.h"
#include "layout_internal.h"

#define MAX_REFS 4096

struct ripref {
	uint64_t target;
	uint64_t insn;  /* address of the instruction */
	uint64_t end;   /* address of the next instruction */
	uint32_t imm;   /* immediate operand (0x80/0x83/0xC6/0xC7), else 0 */
	uint8_t op;     /* opcode byte (0x8B load, 0x8D lea, 0x89 store, ...) */
	uint8_t reg;    /* ModRM reg field (with REX.R): the register operand */
	bool rexw;
};

/* Decodes the instructions that take a [rip+disp32] operand, at every byte
 * offset of the function (no full disassembler: a misdecoded hit is harmless
 * because every use below is validated). */
static size_t rip_refs(const uint8_t *code, size_t n, uint64_t addr, struct ripref *out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i + 7 <= n && k < max; i++) {
		size_t p = i;
		bool rexw = false, rexr = false;
		if (code[p] >= 0x40 && code[p] <= 0x4f) {
			rexw = code[p] & 8;
			rexr = code[p] & 4;
			p++;
		}
		uint8_t op = code[p];
		size_t modrm_at, imm = 0;
		switch (op) {
		case 0x8b: case 0x8d: case 0x89: case 0x3b: case 0x39: case 0x03: case 0x2b:
		case 0x33: case 0x23: case 0x0b: case 0x85: case 0x87:
			modrm_at = p + 1;
			break;
		case 0x83: case 0x80: case 0xc6:
			modrm_at = p + 1, imm = 1;
			break;
		case 0x81: case 0xc7:
			modrm_at = p + 1, imm = 4;
			break;
		case 0x0f:
			if (p + 1 >= n || (code[p + 1] != 0xb6 && code[p + 1] != 0xb7 && code[p + 1] != 0xbe &&
					   code[p + 1] != 0xbf))
				continue;
			modrm_at = p + 2;
			break;
		default:
			continue;
		}
		if (modrm_at + 5 + imm > n || (code[modrm_at] & 0xc7) != 0x05)
			continue;
		int32_t disp = (int32_t)gm_rd32(code + modrm_at + 1);
		uint64_t next = addr + modrm_at + 5 + imm;
		uint32_t immv = imm == 1 ? code[modrm_at + 5] : imm == 4 ? gm_rd32(code + modrm_at + 5) : 0;
		out[k++] = (struct ripref){
			.target = next + (uint64_t)(int64_t)disp,
			.insn = addr + i,
			.end = next,
			.imm = immv,
			.op = op,
			.reg = (uint8_t)(((code[modrm_at] >> 3) & 7) | (rexr ? 8 : 0)),
			.rexw = rexw,
		};
	}
	return k;
}

/* ---- arm64 ----
 * A Go arm64 executable reaches a global with an adjacent pair the linker
 * resolves (R_ADDRARM64): ADRP Rn, page; then ADD $lo12, Rn, Rd (the
 * address: amd64's LEAQ) or LDR/STR lo12(Rn) (a load or store: MOVQ/MOVL).
 * Atomics take the address first and then LDAR/STLR/LDADDAL (Rd). The pairs
 * are reported in amd64's vocabulary, so the recognisers below serve both:
 *   ADRP+ADD Xd         op 0x8D, rexw, reg d
 *   ADRP+LDR X / W      op 0x8B, rexw / not, reg t (LDRB/LDRH: op 0x0F)
 *   ADRP+STR X / W      op 0x89, rexw / not; STR XZR/WZR: op 0xC7 imm 0;
 *   ADRP+STRB           op 0xC6, imm the byte (from the MOVZ/ORR that set
 *                       the register just before, or XZR: 0)
 *   ADD'd Rd, then LDAR (Rd) / STLR (Rd) / LDR, STR, LDP, STP off(Rd) within 8
 *                       instructions: also a load / store ref of the address
 *                       (insn: the LDAR/STLR/LDR/STR); an ADD into R27 (the
 *                       linker's temporary, 1.19's ADRP; ADD; MOVD (R27)) is
 *                       no LEAQ, only its load or store is reported.
 * The instruction after the pair (`end`) is where the amd64 recognisers
 * look for the call (BL) or the atomic add (LDADDAL / LDAXR) that follows. */
#define A64_ZR 31
static inline uint32_t a64_at(const uint8_t *code, size_t i)
{
	return gm_rd32(code + i);
}

static bool a64_adrp(uint32_t x, uint64_t pc, unsigned *rd, uint64_t *page)
{
	if ((x & 0x9f000000u) != 0x90000000u)
		return false;
	uint64_t imm = ((uint64_t)((x >> 5) & 0x7ffff) << 2) | ((x >> 29) & 3);
	int64_t simm = (int64_t)(imm << 43) >> 43; /* 21-bit signed */
	*rd = x & 31;
	*page = (pc & ~0xfffull) + (uint64_t)(simm * 4096);
	return true;
}

/* A small constant put in a register (MOVZ Wd/Xd, #imm16; ORR Rd, ZR, #1). */
static bool a64_movconst(uint32_t x, unsigned *rd, uint32_t *val)
{
	if ((x & 0x7fe00000u) == 0x52800000u) { /* MOVZ, hw 0 */
		*rd = x & 31;
		*val = (x >> 5) & 0xffff;
		return true;
	}
	if ((x & 0x7f8003e0u) == 0x320003e0u && ((x >> 10) & 0xfff) == 0) { /* ORR Rd, ZR, #1 */
		*rd = x & 31;
		*val = 1;
		return true;
	}
	return false;
}

/* LDR/STR (unsigned immediate, general registers) x of the address base:
 * the ref in amd64's terms; false for other instructions. */
static bool a64_ldst(uint32_t x, uint64_t base, const uint32_t *regval, const size_t *valat, size_t idx,
		     struct ripref *r)
{
	if ((x & 0x3b000000u) != 0x39000000u || ((x >> 26) & 1))
		return false;
	unsigned size = x >> 30, opc = (x >> 22) & 3, rt = x & 31;
	r->target = base + ((uint64_t)((x >> 10) & 0xfff) << size);
	r->reg = (uint8_t)rt;
	r->rexw = size == 3;
	r->imm = 0;
	if (opc == 0) { /* store */
		if (size == 0) {
			r->op = 0xc6;
			r->imm = rt == A64_ZR ? 0 : valat[rt] && idx + 1 - valat[rt] <= 8 ? regval[rt] : 0x100;
		} else if (rt == A64_ZR) {
			r->op = 0xc7;
		} else {
			r->op = 0x89;
		}
	} else {
		r->op = opc == 1 && size >= 2 ? 0x8b : 0x0f; /* LDRB/LDRH, sign-extending: 0x0F */
	}
	return true;
}

static size_t adrp_refs(const uint8_t *code, size_t n, uint64_t addr, struct ripref *out, size_t max)
{
	size_t k = 0;
	uint64_t regaddr[32] = {0};   /* address ADRP+ADD put in a register */
	size_t regat[32] = {0};       /* ... at this instruction index + 1 */
	uint32_t regval[32] = {0};    /* small constant put in a register */
	size_t valat[32] = {0};
	for (size_t i = 0; i + 4 <= n && k < max; i += 4) {
		uint32_t x = a64_at(code, i);
		uint64_t pc = addr + i, page;
		size_t idx = i / 4;
		unsigned rd, rv;
		uint32_t v;
		if (a64_movconst(x, &rv, &v)) {
			regval[rv] = v;
			valat[rv] = idx + 1;
			continue;
		}
		/* LDAR / STLR (Rn), LDR/STR off(Rn): through an address taken
		 * just before (ADRP; ADD $lo, R27, R27; MOVD (R27), R3 is 1.19's
		 * load of a global) */
		unsigned bn = (x >> 5) & 31;
		bool recent = regat[bn] && idx + 1 - regat[bn] <= 8;
		bool ldar = (x & 0x3ffffc00u) == 0x08dffc00u, stlr = (x & 0x3ffffc00u) == 0x089ffc00u;
		if (ldar || stlr) {
			if (recent)
				out[k++] = (struct ripref){.target = regaddr[bn], .insn = pc, .end = pc + 4,
							   .op = ldar ? 0x8b : 0x89, .reg = (uint8_t)(x & 31),
							   .rexw = (x >> 30) == 3};
			continue;
		}
		struct ripref r = {.insn = pc, .end = pc + 4};
		if (recent && a64_ldst(x, regaddr[bn], regval, valat, idx, &r)) {
			out[k++] = r;
			continue;
		}
		/* LDP / STP (signed offset) Rt, Rt2, off(Rn): two loads or stores
		 * (a slice's pointer and length, 1.27's allp in gcStart) */
		if (recent && ((x & 0x3fc00000u) == 0x29000000u || (x & 0x3fc00000u) == 0x29400000u) &&
		    ((x >> 30) == 0 || (x >> 30) == 2)) {
			bool load = (x >> 22) & 1, x64 = (x >> 30) == 2;
			unsigned scale = x64 ? 8 : 4;
			int64_t imm7 = (int64_t)((uint64_t)((x >> 15) & 0x7f) << 57) >> 57;
			unsigned rts[2] = {x & 31, (x >> 10) & 31};
			for (int h = 0; h < 2 && k < max; h++) {
				r = (struct ripref){.insn = pc, .end = pc + 4, .reg = (uint8_t)rts[h], .rexw = x64,
						    .target = regaddr[bn] + (uint64_t)(imm7 * scale) + h * scale};
				r.op = load ? 0x8b : rts[h] == A64_ZR ? 0xc7 : 0x89;
				out[k++] = r;
			}
			continue;
		}
		if (!a64_adrp(x, pc, &rd, &page))
			continue;
		regat[rd] = 0; /* ADRP writes rd: an address ADD'd there before is gone */
		if (i + 8 > n)
			continue;
		uint32_t y = a64_at(code, i + 4);
		unsigned rn = (y >> 5) & 31, rt = y & 31;
		if (rn != rd)
			continue;
		r = (struct ripref){.insn = pc, .end = pc + 8};
		if ((y & 0xff800000u) == 0x91000000u) { /* ADD Xd, Xn, #imm{, lsl 12} */
			uint64_t imm = (y >> 10) & 0xfff;
			if ((y >> 22) & 1)
				imm <<= 12;
			regaddr[rt] = page + imm;
			regat[rt] = idx + 2;
			i += 4;
			if (rt == 27)
				continue; /* REGTMP: the address of the load/store that follows */
			r.target = page + imm;
			r.op = 0x8d;
			r.rexw = true;
			r.reg = (uint8_t)rt;
		} else if (a64_ldst(y, page, regval, valat, idx + 1, &r)) {
			/* the pair's LDR/STR is consumed: seen again on its own, it
			 * would be taken for a load or store through an address an
			 * older ADRP+ADD left in that register (go1.27's schedinit:
			 * a stale second candidate for disableMemoryProfiling) */
			i += 4;
			if (r.op == 0x8b || r.op == 0x0f)
				regat[rt] = 0; /* the load writes rt */
		} else {
			continue;
		}
		out[k++] = r;
	}
	return k;
}

/* The instruction right after a ref is a call (amd64: E8 rel32 within 24
 * bytes; arm64: BL within 6 instructions): its target, else 0. */
static uint64_t call_after(const struct gm_gobin *gb, const struct ripref *r, uint64_t fend)
{
	if (r->end >= fend)
		return 0;
	size_t len = fend - r->end < 24 ? (size_t)(fend - r->end) : 24;
	const uint8_t *c = gm_gobin_vaddr_ptr(gb, r->end, len);
	if (!c)
		return 0;
	if (gb->arch == GM_ARCH_ARM64) {
		for (size_t j = 0; j + 4 <= len; j += 4) {
			uint32_t x = gm_rd32(c + j);
			if ((x & 0xfc000000u) == 0x94000000u) {
				int64_t off = (int64_t)((uint64_t)(x & 0x03ffffffu) << 38) >> 36;
				return r->end + j + (uint64_t)off;
			}
		}
		return 0;
	}
	for (size_t j = 0; j + 5 <= len; j++)
		if (c[j] == 0xe8)
			return r->end + j + 5 + (uint64_t)(int64_t)(int32_t)gm_rd32(c + j + 1);
	return 0;
}

static size_t func_refs2(const struct gm_gobin *gb, const char *name, struct ripref *out, size_t max,
			 struct gm_func *f)
{
	if (!gm_gobin_func_by_name(gb, name, f) || f->end <= f->entry || f->end - f->entry > (1u << 20))
		return 0;
	const uint8_t *code = gm_gobin_vaddr_ptr(gb, f->entry, f->end - f->entry);
	if (!code)
		return 0;
	if (gb->arch == GM_ARCH_ARM64)
		return adrp_refs(code, f->end - f->entry, f->entry, out, max);
	return rip_refs(code, f->end - f->entry, f->entry, out, max);
}

static size_t func_refs(const struct gm_gobin *gb, const char *name, struct ripref *out, size_t max)
{
	struct gm_func f;
	return func_refs2(gb, name, out, max, &f);
}

/* Does r[0..n) reference t with opcode op (-1: any) and REX.W rexw (-1: any)? */
static bool has_ref(const struct ripref *r, size_t n, uint64_t t, int op, int rexw)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].target == t && (op < 0 || r[i].op == op) && (rexw < 0 || r[i].rexw == (rexw != 0)))
			return true;
	return false;
}

/* The global whose address `LEAQ g(SB), AX` loads right before a CALL of a
 * function that `callee_ok` accepts, in function fname: the receiver of a
 * method call on a global (mheap_.alloc(...), gcCleanups.enqueue(...),
 * ptrMap.Load(...)). 0 unless exactly one. */
static uint64_t lea_then_call_if(const struct gm_gobin *gb, struct ripref *r, const char *fname,
				 bool (*callee_ok)(const char *name, const void *arg), const void *arg,
				 int *ncand)
{
	struct gm_func f;
	size_t n = func_refs2(gb, fname, r, MAX_REFS, &f);
	uint64_t cand = 0;
	*ncand = 0;
	for (size_t i = 0; i < n; i++) {
		if (r[i].op != 0x8d || !r[i].rexw || r[i].reg != 0 || r[i].end >= f.end)
			continue;
		if (gb->arch == GM_ARCH_AMD64) {
			size_t len = f.end - r[i].end < 24 ? (size_t)(f.end - r[i].end) : 24;
			const uint8_t *c = gm_gobin_vaddr_ptr(gb, r[i].end, len);
			for (size_t j = 0; c && j + 5 <= len; j++) {
				if (c[j] != 0xe8)
					continue;
				uint64_t to = r[i].end + j + 5 + (uint64_t)(int64_t)(int32_t)gm_rd32(c + j + 1);
				struct gm_func cf;
				if (gm_gobin_find_func(gb, to, &cf) && cf.entry == to && callee_ok(cf.name, arg)) {
					if (r[i].target != cand) {
						cand = r[i].target;
						(*ncand)++;
					}
					break;
				}
			}
			continue;
		}
		uint64_t to = call_after(gb, &r[i], f.end);
		struct gm_func cf;
		if (to && gm_gobin_find_func(gb, to, &cf) && cf.entry == to && callee_ok(cf.name, arg) &&
		    r[i].target != cand) {
			cand = r[i].target;
			(*ncand)++;
		}
	}
	return *ncand == 1 ? cand : 0;
}

static bool name_is(const char *name, const void *arg)
{
	return !strcmp(name, arg);
}

static uint64_t lea_then_call(const struct gm_gobin *gb, struct ripref *r, const char *fname,
			      const char *callee, int *ncand)
{
	return lea_then_call_if(gb, r, fname, name_is, callee, ncand);
}

/* The globals whose address `LEAQ g(SB), R` loads right before a
 * `LOCK XADDQ x, 0(R)` in fname (sched.goidgen.Add in newproc1): up to max
 * distinct ones into out; returns how many. */
static size_t lea_then_xaddq(const struct gm_gobin *gb, struct ripref *r, const char *fname,
			     uint64_t *out, size_t max)
{
	struct gm_func f;
	size_t n = func_refs2(gb, fname, r, MAX_REFS, &f), k = 0;
	for (size_t i = 0; i < n && k < max; i++) {
		if (r[i].op != 0x8d || !r[i].rexw || r[i].end + 5 > f.end)
			continue;
		if (gb->arch == GM_ARCH_ARM64) {
			/* LDADDALD Rs, Rt, (Rn) or the LDAXR (Rn) loop, Rn = the register
			 * the ADD wrote, within 8 instructions */
			size_t len = f.end - r[i].end < 32 ? (size_t)(f.end - r[i].end) : 32;
			const uint8_t *c = gm_gobin_vaddr_ptr(gb, r[i].end, len);
			bool hit = false;
			for (size_t j = 0; c && j + 4 <= len && !hit; j += 4) {
				uint32_t x = gm_rd32(c + j);
				hit = ((x & 0xffe0fc00u) == 0xf8e00000u || (x & 0xfffffc00u) == 0xc85ffc00u) &&
				      ((x >> 5) & 31) == r[i].reg;
			}
			if (!hit)
				continue;
		} else {
			const uint8_t *c = gm_gobin_vaddr_ptr(gb, r[i].end, 5);
			if (!c || c[0] != 0xf0 || (c[1] & 0xf8) != 0x48 || c[2] != 0x0f || c[3] != 0xc1 ||
			    (c[4] >> 6) != 0 || (c[4] & 7) == 4 || (c[4] & 7) == 5 ||
			    (unsigned)((c[4] & 7) | ((c[1] & 1) << 3)) != r[i].reg)
				continue;
		}
		bool dup = false;
		for (size_t j = 0; j < k && !dup; j++)
			dup = out[j] == r[i].target;
		if (!dup)
			out[k++] = r[i].target;
	}
	return k;
}

/* The executable's writable data, from moduledata (text..enoptrbss sit at
 * the same offsets in every supported version), else the section headers.
 * Pointerful globals live in .data/.bss, the others in .noptrdata/.noptrbss. */
enum { W_NOPTRDATA = 1, W_DATA = 2, W_BSS = 4, W_NOPTRBSS = 8 };
#define W_PTR (W_DATA | W_BSS)
#define W_NOPTR (W_NOPTRDATA | W_NOPTRBSS)
#define W_ANY (W_PTR | W_NOPTR)
struct wranges {
	uint64_t lo[4], hi[4];
	bool ok;
};

static void get_ranges(const struct gm_gobin *gb, struct wranges *w)
{
	memset(w, 0, sizeof(*w));
	const uint8_t *md = gb->moduledata_addr ? gm_gobin_vaddr_ptr(gb, gb->moduledata_addr + 176, 80) : NULL;
	if (md && gm_rd64(md) == gb->text_start && gb->text_start) {
		for (int i = 0; i < 4; i++) {
			w->lo[i] = gm_rd64(md + 16 + 16 * i);
			w->hi[i] = gm_rd64(md + 24 + 16 * i);
		}
		w->ok = true;
		for (int i = 0; i < 4; i++)
			if (w->hi[i] < w->lo[i] || w->lo[i] < gm_rd64(md + 8) /* etext */)
				w->ok = false;
		if (w->ok)
			return;
	}
	static const char *const names[4] = {".noptrdata", ".data", ".bss", ".noptrbss"};
	w->ok = false;
	for (int i = 0; i < 4; i++) {
		uint64_t a, sz;
		if (gm_gobin_section(gb, names[i], &a, &sz) && a && a + sz >= a) {
			w->lo[i] = a, w->hi[i] = a + sz;
			w->ok = true;
		} else {
			w->lo[i] = w->hi[i] = 0;
		}
	}
}

static bool in_ranges(const struct wranges *w, int which, uint64_t a, uint64_t size)
{
	if (!w->ok || a + size < a)
		return false;
	for (int i = 0; i < 4; i++)
		if ((which & (1 << i)) && a >= w->lo[i] && a + size <= w->hi[i])
			return true;
	return false;
}

static bool has_target(const struct ripref *r, size_t n, uint64_t t)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].target == t)
			return true;
	return false;
}

/* A {ptr,len} string in the executable's data equal to s. */
static bool data_string_is(const struct gm_gobin *gb, uint64_t hdr, const char *s)
{
	const uint8_t *h = gm_gobin_vaddr_ptr(gb, hdr, 16);
	if (!h)
		return false;
	uint64_t p = gm_rd64(h), len = gm_rd64(h + 8);
	size_t n = strlen(s);
	if (len != n)
		return false;
	const uint8_t *b = n ? gm_gobin_vaddr_ptr(gb, p, n) : NULL;
	return n == 0 || (b && !memcmp(b, s, n));
}

#define NOT_FOUND(l, what, how) gm_layout__warn(l, "stripped binary: %s not found (%s)", what, how)

/* The finalizer and heap globals (src/walk/finalizers.c) and runtime.sched. r,
 * r2, r3: MAX_REFS scratch entries each. Returns whether any was found. */
static bool find_heap_globals(const struct gm_gobin *gb, struct gm_layout *l, struct ripref *r,
			      struct ripref *r2, struct ripref *r3, const struct wranges *w)
{
	bool found = false;
	int nc = 0;
	size_t n, n2, n3;
	const char *runfinq = gm_gobin_func_by_name(gb, "runtime.runFinalizers", &(struct gm_func){0})
				      ? "runtime.runFinalizers" : "runtime.runfinq";

	/* mheap_: the receiver of mheap_.alloc(npages, spanclass) */
	if (!l->mheap && l->mheap_allspans >= 0) {
		uint64_t t = lea_then_call(gb, r, "runtime.(*mcentral).grow", "runtime.(*mheap).alloc", &nc);
		if (!t)
			t = lea_then_call(gb, r, "runtime.(*mcache).allocLarge", "runtime.(*mheap).alloc", &nc);
		if (t && in_ranges(w, W_PTR, t, (uint64_t)l->mheap_allspans + 24))
			l->mheap = t, found = true;
		else
			NOT_FOUND(l, "runtime.mheap_", "receiver of (*mheap).alloc in (*mcentral).grow");
	}

	/* allfin: loaded by markroot, stored by queuefinalizer */
	n2 = func_refs(gb, "runtime.queuefinalizer", r2, MAX_REFS);
	if (!l->allfin) {
		n = func_refs(gb, "runtime.markroot", r, MAX_REFS);
		uint64_t cand = 0;
		nc = 0;
		for (size_t i = 0; i < n; i++)
			if (r[i].op == 0x8b && r[i].rexw && r[i].target != cand &&
			    has_ref(r2, n2, r[i].target, 0x89, 1))
				cand = r[i].target, nc++;
		if (nc == 1 && in_ranges(w, W_ANY, cand, 8))
			l->allfin = cand, found = true;
		else
			NOT_FOUND(l, "runtime.allfin", "markroot / queuefinalizer");
	}

	/* finq: set to nil (MOVQ $0) by runfinq, loaded by queuefinalizer */
	n = func_refs(gb, runfinq, r, MAX_REFS);
	if (!l->finq) {
		uint64_t cand = 0;
		nc = 0;
		for (size_t i = 0; i < n; i++)
			if (r[i].op == 0xc7 && r[i].rexw && r[i].imm == 0 && r[i].target != l->allfin &&
			    r[i].target != cand && has_ref(r2, n2, r[i].target, 0x8b, 1))
				cand = r[i].target, nc++;
		if (nc == 1 && in_ranges(w, W_ANY, cand, 8))
			l->finq = cand, found = true;
		else
			NOT_FOUND(l, "runtime.finq", "runfinq / queuefinalizer");
	}

	/* fing: stored by runfinq (fing = gp), loaded by wakefing (1.19) or
	 * findRunnable (wakefing inlined); finc, also stored by runfinq, is
	 * stored by queuefinalizer too */
	if (!l->fing) {
		n3 = func_refs(gb, "runtime.wakefing", r3, MAX_REFS);
		if (!n3)
			n3 = func_refs(gb, "runtime.findRunnable", r3, MAX_REFS);
		if (!n3)
			n3 = func_refs(gb, "runtime.findrunnable", r3, MAX_REFS);
		uint64_t cand = 0;
		nc = 0;
		for (size_t i = 0; i < n; i++)
			if (r[i].op == 0x89 && r[i].rexw && r[i].target != cand &&
			    !has_ref(r2, n2, r[i].target, 0x89, 1) && has_ref(r3, n3, r[i].target, 0x8b, 1))
				cand = r[i].target, nc++;
		if (nc == 1 && in_ranges(w, W_PTR, cand, 8))
			l->fing = cand, found = true;
		else
			NOT_FOUND(l, "runtime.fing", "runfinq / findRunnable");
	}

	/* isSystemGoroutine reads fingStatus (1.21+) / fingRunning (1.19) */
	n3 = func_refs(gb, "runtime.isSystemGoroutine", r3, MAX_REFS);
	if (l->fing_running_finalizer_bit && !l->fing_status) {
		/* createfing: fingStatus.Load() (MOVL) and CompareAndSwap (LEAQ) */
		n2 = func_refs(gb, "runtime.createfing", r2, MAX_REFS);
		uint64_t cand = 0;
		nc = 0;
		for (size_t i = 0; i < n2; i++)
			if (r2[i].op == 0x8d && r2[i].rexw && r2[i].target != cand &&
			    has_ref(r2, n2, r2[i].target, 0x8b, 0) &&
			    (!n3 || has_ref(r3, n3, r2[i].target, 0x8b, 0)))
				cand = r2[i].target, nc++;
		if (nc == 1 && in_ranges(w, W_NOPTR, cand, 4))
			l->fing_status = cand, found = true;
		else
			NOT_FOUND(l, "runtime.fingStatus", "createfing / isSystemGoroutine");
	} else if (!l->fing_running_finalizer_bit && !l->fing_running) {
		/* runfinq: fingRunning = true ... fingRunning = false (MOVB $1 / $0) */
		uint64_t cand = 0;
		nc = 0;
		for (size_t i = 0; i < n; i++) {
			if (r[i].op != 0xc6 || r[i].imm != 1 || r[i].target == cand || !has_ref(r3, n3, r[i].target, -1, -1))
				continue;
			bool zero = false;
			for (size_t j = 0; j < n && !zero; j++)
				zero = r[j].op == 0xc6 && r[j].imm == 0 && r[j].target == r[i].target;
			if (zero)
				cand = r[i].target, nc++;
		}
		if (nc == 1 && in_ranges(w, W_NOPTR, cand, 1))
			l->fing_running = cand, found = true;
		else
			NOT_FOUND(l, "runtime.fingRunning", "runfinq / isSystemGoroutine");
	}

	/* gcCleanups (1.25+): the receiver of gcCleanups.enqueue in
	 * freeSpecial; markroot loads gcCleanups.all */
	if (!l->gc_cleanups && l->cleanupq_all >= 0) {
		uint64_t t = lea_then_call(gb, r, "runtime.freeSpecial", "runtime.(*cleanupQueue).enqueue", &nc);
		if (!t)
			t = lea_then_call(gb, r, "runtime.(*activeSweep).end", "runtime.(*cleanupQueue).flush", &nc);
		n2 = func_refs(gb, "runtime.markroot", r2, MAX_REFS);
		if (t && in_ranges(w, W_PTR, t, (uint64_t)l->cleanupq_all + 8) &&
		    has_ref(r2, n2, t + (uint64_t)l->cleanupq_all, 0x8b, 1))
			l->gc_cleanups = t, found = true;
		else
			NOT_FOUND(l, "runtime.gcCleanups", "receiver of (*cleanupQueue).enqueue in freeSpecial");
	}

	/* sched: sched.goidgen (its first field) is the LOCK XADDQ of newproc1;
	 * sysmon reads sched.lastpoll */
	if (!l->sched && l->sched_lastpoll >= 0) {
		uint64_t c[8], t = 0;
		size_t k = lea_then_xaddq(gb, r, "runtime.newproc1", c, 8);
		n2 = func_refs(gb, "runtime.sysmon", r2, MAX_REFS);
		nc = 0;
		for (size_t i = 0; i < k; i++)
			if (in_ranges(w, W_PTR, c[i], (uint64_t)l->sched_lastpoll + 8) &&
			    has_ref(r2, n2, c[i] + (uint64_t)l->sched_lastpoll, -1, -1))
				t = c[i], nc++;
		if (nc == 1)
			l->sched = t, found = true;
		else
			NOT_FOUND(l, "runtime.sched", "sched.goidgen in newproc1, sched.lastpoll in sysmon");
	}
	/* ---- heap statistics and timers (src/walk/heap.c, src/walk/timers.c) ---- */

	/* gcController: the receiver of gcController.init in gcinit (else of
	 * startCycle in gcStart) */
	if (!l->gc_controller) {
		uint64_t t = lea_then_call(gb, r, "runtime.gcinit", "runtime.(*gcControllerState).init", &nc);
		if (!t)
			t = lea_then_call(gb, r, "runtime.gcStart", "runtime.(*gcControllerState).startCycle", &nc);
		if (t && in_ranges(w, W_ANY, t, 8))
			l->gc_controller = t, found = true;
		else
			NOT_FOUND(l, "runtime.gcController", "receiver of (*gcControllerState).init in gcinit");
	}

	/* memstats: memstats.heapStats is the receiver of
	 * (*consistentHeapStats).acquire in (*mcache).releaseAll; queuefinalizer
	 * takes &memstats.gcMiscSys (persistentalloc) */
	if (!l->memstats && l->mstats_heapstats >= 0) {
		uint64_t t = lea_then_call(gb, r, "runtime.(*mcache).releaseAll",
					   "runtime.(*consistentHeapStats).acquire", &nc);
		if (!t)
			t = lea_then_call(gb, r, "runtime.(*mcache).refill",
					  "runtime.(*consistentHeapStats).acquire", &nc);
		uint64_t m = t - (uint64_t)l->mstats_heapstats;
		n2 = func_refs(gb, "runtime.queuefinalizer", r2, MAX_REFS);
		if (t && t >= (uint64_t)l->mstats_heapstats && in_ranges(w, W_ANY, m, (uint64_t)l->mstats_heapstats + 8) &&
		    (l->mstats_gcmisc_sys < 0 || !n2 ||
		     has_ref(r2, n2, m + (uint64_t)l->mstats_gcmisc_sys, 0x8d, 1)))
			l->memstats = m, found = true;
		else
			NOT_FOUND(l, "runtime.memstats", "heapStats in (*mcache).releaseAll, gcMiscSys in queuefinalizer");
	}

	/* allp: a slice resized in procresize (X, X+8, X+16 all touched) whose
	 * pointer and length gcStart loads */
	if (!l->allp) {
		n = func_refs(gb, "runtime.procresize", r, MAX_REFS);
		n2 = func_refs(gb, "runtime.gcStart", r2, MAX_REFS);
		uint64_t c[8];
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			uint64_t t = r[i].target;
			if (!has_ref(r, n, t + 8, -1, -1) || !has_ref(r, n, t + 16, -1, -1) ||
			    !has_ref(r2, n2, t, 0x8b, 1) || !has_ref(r2, n2, t + 8, 0x8b, 1))
				continue;
			bool dup = false;
			for (size_t j = 0; j < k && !dup; j++)
				dup = c[j] == t;
			if (!dup && k < 8)
				c[k++] = t;
		}
		if (k == 1 && in_ranges(w, W_PTR, c[0], 24))
			l->allp = c[0], found = true;
		else
			NOT_FOUND(l, "runtime.allp", "procresize / gcStart");
	}

	/* semtable: the table both semacquire1 and semrelease1 take the
	 * address of (semtable.rootFor, inlined) */
	if (!l->semtable && l->semtable_n > 0 && l->semtable_entsize > 0) {
		n = func_refs(gb, "runtime.semacquire1", r, MAX_REFS);
		n2 = func_refs(gb, "runtime.semrelease1", r2, MAX_REFS);
		uint64_t cand = 0;
		nc = 0;
		for (size_t i = 0; i < n; i++)
			if (r[i].op == 0x8d && r[i].rexw && r[i].target != cand && has_ref(r2, n2, r[i].target, 0x8d, 1))
				cand = r[i].target, nc++;
		if (nc == 1 && in_ranges(w, W_PTR, cand, (uint64_t)l->semtable_n * (uint64_t)l->semtable_entsize))
			l->semtable = cand, found = true;
		else
			NOT_FOUND(l, "runtime.semtable", "semacquire1 / semrelease1");
	}

	/* emptymspan: &emptymspan stored into every mcache.alloc[i] by
	 * allocmcache and (*mcache).releaseAll */
	if (!l->emptymspan) {
		n = func_refs(gb, "runtime.allocmcache", r, MAX_REFS);
		n2 = func_refs(gb, "runtime.(*mcache).releaseAll", r2, MAX_REFS);
		uint64_t cand = 0;
		nc = 0;
		for (size_t i = 0; i < n; i++)
			if (r[i].op == 0x8d && r[i].rexw && r[i].target != cand &&
			    has_ref(r2, n2, r[i].target, 0x8d, 1) &&
			    (!l->mheap || r[i].target < l->mheap ||
			     r[i].target >= l->mheap + (uint64_t)l->mheap_allspans + 24))
				cand = r[i].target, nc++;
		if (nc == 1 && in_ranges(w, W_ANY, cand, 8))
			l->emptymspan = cand, found = true;
		else
			NOT_FOUND(l, "runtime.emptymspan", "allocmcache / (*mcache).releaseAll");
	}
	return found;
}

void gm_layout__find_stripped_globals(const struct gm_gobin *gb, struct gm_layout *l)
{
	struct ripref *r = malloc(MAX_REFS * sizeof(*r));
	size_t n;
	bool found_any = false;
	if (!r) {
		gm_layout__warn(l, "stripped binary: out of memory looking for runtime globals");
		return;
	}

	if (!l->allgs) {
		n = func_refs(gb, "runtime.allgadd", r, MAX_REFS);
		uint64_t best = 0;
		for (size_t i = 0; i < n; i++) {
			uint64_t t = r[i].target;
			if (has_target(r, n, t + 8) && has_target(r, n, t + 16) && (!best || t < best))
				best = t;
		}
		if (best)
			l->allgs = best, found_any = true;
		else
			gm_layout__warn(l, "stripped binary: runtime.allgs not found (runtime.allgadd)");
	}
	if (!l->allm) {
		n = func_refs(gb, "runtime.mcommoninit", r, MAX_REFS);
		uint64_t cand = 0;
		int ncand = 0;
		for (size_t i = 0; i < n; i++) {
			if (r[i].op != 0x8b || !r[i].rexw)
				continue;
			bool lea = false;
			for (size_t j = 0; j < n && !lea; j++)
				lea = r[j].op == 0x8d && r[j].target == r[i].target;
			if (lea && r[i].target != cand) {
				cand = r[i].target;
				ncand++;
			}
		}
		if (ncand == 1)
			l->allm = cand, found_any = true;
		else
			gm_layout__warn(l, "stripped binary: runtime.allm not found (%d candidates)", ncand);
	}
	if (!l->waitreason_strings_addr || !l->gstatus_strings_addr || (!l->debug && l->debug_tracebacklabels >= 0)) {
		n = func_refs(gb, "runtime.goroutineheader", r, MAX_REFS);
		for (size_t i = 0; i < n; i++) {
			uint64_t t = r[i].target;
			if (r[i].op == 0x8d && !l->waitreason_strings_addr && data_string_is(gb, t, "") &&
			    data_string_is(gb, t + 16, "GC assist marking"))
				l->waitreason_strings_addr = t, found_any = true;
			if (r[i].op == 0x8d && !l->gstatus_strings_addr && data_string_is(gb, t, "idle") &&
			    data_string_is(gb, t + 16, "runnable"))
				l->gstatus_strings_addr = t, found_any = true;
		}
		if (!l->debug && l->debug_tracebacklabels >= 0) {
			uint64_t cand = 0;
			int ncand = 0;
			for (size_t i = 0; i < n; i++) {
				if (r[i].op != 0x8b || r[i].rexw)
					continue;
				struct gm_func f;
				struct gm_inline_frame fr[16];
				if (!gm_gobin_find_func(gb, r[i].insn, &f))
					continue;
				size_t k = gm_gobin_expand_inline(gb, &f, r[i].insn, fr, 16);
				if (k < 2 || !strstr(fr[0].name, "atomic") || !strstr(fr[0].name, "Load"))
					continue;
				uint64_t d = r[i].target - (uint64_t)l->debug_tracebacklabels;
				if (d != cand) {
					cand = d;
					ncand++;
				}
			}
			if (ncand == 1)
				l->debug = cand, found_any = true;
			else
				gm_layout__warn(l, "stripped binary: runtime.debug not found (%d candidates)", ncand);
		}
	}
	struct wranges w;
	get_ranges(gb, &w);
	/* the slices and pointers above live in .data/.bss */
	if (l->allgs && !in_ranges(&w, W_PTR, l->allgs, 24)) {
		gm_layout__warn(l, "stripped binary: runtime.allgs candidate 0x%llx is not in .data/.bss",
				(unsigned long long)l->allgs);
		l->allgs = 0;
	}
	if (l->allm && !in_ranges(&w, W_PTR, l->allm, 8)) {
		gm_layout__warn(l, "stripped binary: runtime.allm candidate 0x%llx is not in .data/.bss",
				(unsigned long long)l->allm);
		l->allm = 0;
	}
	if (l->debug && !in_ranges(&w, W_ANY, l->debug, (uint64_t)l->debug_tracebacklabels + 4)) {
		gm_layout__warn(l, "stripped binary: runtime.debug candidate is not writable data");
		l->debug = 0;
	}
	struct ripref *r2 = malloc(2 * MAX_REFS * sizeof(*r2));
	if (!r2) {
		gm_layout__warn(l, "stripped binary: out of memory looking for runtime globals");
	} else {
		found_any |= find_heap_globals(gb, l, r, r2, r2 + MAX_REFS, &w);
		free(r2);
	}
	if (found_any && !l->approximate)
		l->source = "gorts (globals found from code)";
	free(r);
}

/* ---- reflect's caches (the types command) ----
 * Each is found as the receiver of the calls made on it:
 *   reflect.ptrMap             ptrMap.Load/LoadOrStore in reflect.(*rtype).ptrTo
 *   reflect.lookupCache        lookupCache.Load/LoadOrStore in reflect.SliceOf,
 *                              cross-checked in reflect.MapOf
 *   reflect.funcLookupCache    funcLookupCache.Lock() in reflect.FuncOf (the
 *   reflect.structLookupCache  mutex is the struct's first field: lockSlow's
 *                              receiver is the global itself), likewise StructOf
 *   reflect.layoutCache        layoutCache.Load/LoadOrStore in reflect.funcLayout
 *   runtime.reflectOffs        lock(&reflectOffs.lock) in reflect.addReflectOff,
 *                              cross-checked in runtime.resolveTypeOff
 *   sync.expunged (<= 1.23)    the only pointer store in sync.init
 * The sync.Map methods are sync.(*Map).X up to 1.23 and the HashTrieMap
 * generic methods from 1.24. */
static bool is_syncmap_method(const char *name, const void *arg)
{
	return !strncmp(name, "sync.(*Map).", 12) || !strncmp(name, "internal/sync.(*HashTrieMap[", 28);
}

static bool is_lockslow(const char *name, const void *arg)
{
	return !strcmp(name, "sync.(*Mutex).lockSlow") || !strcmp(name, "internal/sync.(*Mutex).lockSlow");
}

static uint64_t checked(uint64_t a, uint64_t b)
{
	return a && (!b || a == b) ? a : 0;
}

void layout_stripped_reflect_globals(const struct gm_gobin *gb, struct gm_reflect_globals *g)
{
	memset(g, 0, sizeof(*g));
	struct ripref *r = malloc(MAX_REFS * sizeof(*r));
	if (!r)
		return;
	int nc;
	struct wranges w;
	get_ranges(gb, &w);
	g->ptrmap = lea_then_call_if(gb, r, "reflect.(*rtype).ptrTo", is_syncmap_method, NULL, &nc);
	g->lookupcache = checked(lea_then_call_if(gb, r, "reflect.SliceOf", is_syncmap_method, NULL, &nc),
				 lea_then_call_if(gb, r, "reflect.MapOf", is_syncmap_method, NULL, &nc));
	g->funclookupcache = lea_then_call_if(gb, r, "reflect.FuncOf", is_lockslow, NULL, &nc);
	g->structlookupcache = lea_then_call_if(gb, r, "reflect.StructOf", is_lockslow, NULL, &nc);
	g->layoutcache = lea_then_call_if(gb, r, "reflect.funcLayout", is_syncmap_method, NULL, &nc);
	g->reflectoffs = checked(lea_then_call(gb, r, "reflect.addReflectOff", "runtime.lock2", &nc),
				 lea_then_call(gb, r, "runtime.resolveTypeOff", "runtime.lock2", &nc));
	size_t n = func_refs(gb, "sync.init", r, MAX_REFS);
	int nstores = 0;
	for (size_t i = 0; i < n; i++)
		if (r[i].op == 0x89 && r[i].rexw && r[i].target != g->expunged) {
			g->expunged = r[i].target;
			nstores++;
		}
	if (nstores != 1)
		g->expunged = 0;
	/* every one of them is a Go variable in a writable section */
	uint64_t *all[] = {&g->ptrmap, &g->lookupcache, &g->funclookupcache, &g->structlookupcache,
			   &g->layoutcache, &g->reflectoffs, &g->expunged};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (*all[i] && !in_ranges(&w, -1, *all[i], 8))
			*all[i] = 0;
	free(r);
}

size_t gm_stripped_func_refs(const struct gm_gobin *gb, const char *name, struct gm_ripref *out,
			     size_t max)
{
	struct ripref *r = malloc((max ? max : 1) * sizeof(*r));
	if (!r)
		return 0;
	size_t n = func_refs(gb, name, r, max);
	for (size_t i = 0; i < n; i++)
		out[i] = (struct gm_ripref){r[i].target, r[i].insn, r[i].end, r[i].imm,
					    r[i].op,     r[i].reg,  r[i].rexw};
	free(r);
	return n;
}
