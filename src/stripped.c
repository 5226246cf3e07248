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
 * Every address must lie inside the executable's loaded segments; every
 * ambiguity leaves the global at 0 with a warning naming it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_bytes.h"
#include "layout_internal.h"

#define MAX_REFS 4096

struct ripref {
	uint64_t target;
	uint64_t insn;  /* address of the instruction */
	uint8_t op;     /* opcode byte (0x8B load, 0x8D lea, 0x89 store, ...) */
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
		bool rexw = false;
		if (code[p] >= 0x40 && code[p] <= 0x4f) {
			rexw = code[p] & 8;
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
		out[k++] = (struct ripref){next + (uint64_t)(int64_t)disp, addr + i, op, rexw};
	}
	return k;
}

static size_t func_refs(const struct gm_gobin *gb, const char *name, struct ripref *out, size_t max)
{
	struct gm_func f;
	if (!gm_gobin_func_by_name(gb, name, &f) || f.end <= f.entry || f.end - f.entry > (1u << 20))
		return 0;
	const uint8_t *code = gm_gobin_vaddr_ptr(gb, f.entry, f.end - f.entry);
	if (!code)
		return 0;
	return rip_refs(code, f.end - f.entry, f.entry, out, max);
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
	if (found_any && !l->approximate)
		l->source = "gorts (globals found from code)";
	free(r);
}
