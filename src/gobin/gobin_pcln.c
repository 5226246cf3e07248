/* gm_gobin, part 2: the pclntab (runtime/symtab.go, symtabinl.go).
 *
 * Every table is bounds-checked: the pclntab comes from a file we do not
 * trust. The decoding replicates the runtime's findfunc / pcvalue / step /
 * funcline1 / funcfile / pcdatavalue / funcdata and the inline unwinder. */
#include <stdlib.h>
#include <string.h>

#include "gm_error.h"
#include "gm_gobin.h"
#include "gobin_internal.h"

/* pcHeader magics (internal/abi/symtab.go, runtime/symtab.go). */
#define GO118_MAGIC 0xfffffff0u /* 1.18, 1.19 */
#define GO120_MAGIC 0xfffffff1u /* 1.20 and later */
#define PCHEADER_SIZE 72

/* abi.FuncTabBucketSize = 256 * MINFUNC (16) ; 16 subbuckets. */
#define FUNCTAB_BUCKET_SIZE 4096u
#define FINDFUNCBUCKET_SIZE 20u

bool gobin_pcln_plausible(const uint8_t *p, size_t avail)
{
	if (avail < PCHEADER_SIZE)
		return false;
	uint32_t magic = gm_rd32(p);
	if (magic != GO118_MAGIC && magic != GO120_MAGIC)
		return false;
	if (p[4] != 0 || p[5] != 0 || (p[6] != 1 && p[6] != 2 && p[6] != 4) || p[7] != 8)
		return false;
	uint64_t nfunc = gm_rd64(p + 8);
	if (nfunc == 0 || nfunc > (1u << 26))
		return false;
	uint64_t prev = PCHEADER_SIZE;
	for (int i = 0; i < 5; i++) {
		uint64_t off = gm_rd64(p + 32 + 8 * i);
		if (off < prev || off > avail)
			return false;
		prev = off;
	}
	return true;
}

struct gm_error *gobin_pcln_parse(struct gm_pcln *t)
{
	const uint8_t *p = t->base;
	if (t->size < PCHEADER_SIZE)
		return gm_error_create(GM_ERR_FORMAT, "pclntab truncated (%zu bytes)", t->size);
	t->magic = gm_rd32(p);
	if (t->magic == 0xfffffffbu || t->magic == 0xfffffffau)
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "unsupported Go version: pclntab magic %#x is Go <= 1.17",
				       t->magic);
	if (t->magic != GO118_MAGIC && t->magic != GO120_MAGIC)
		return gm_error_create(GM_ERR_FORMAT, "bad pclntab magic %#x", t->magic);
	if (p[4] != 0 || p[5] != 0 || p[7] != 8)
		return gm_error_create(GM_ERR_FORMAT, "bad pclntab header (pad %u %u, ptrsize %u)",
				       p[4], p[5], p[7]);
	if (p[6] != 1 && p[6] != 2 && p[6] != 4)
		return gm_error_create(GM_ERR_FORMAT, "bad pclntab minLC %u", p[6]);
	t->quantum = p[6];
	/* _func: 1.20 added startLine (runtime2.go `type _func`). */
	t->func_size = t->magic == GO118_MAGIC ? 40 : 44;
	/* inlinedCall: 1.19 {parent i16, funcID u8, _, file, line, func_, parentPc};
	 * 1.20+ {funcID u8, _ [3]byte, nameOff, parentPc, startLine}. */
	t->inl_size = t->magic == GO118_MAGIC ? 20 : 16;
	uint64_t nfunc = gm_rd64(p + 8);
	if (nfunc == 0 || nfunc > (1u << 26))
		return gm_error_create(GM_ERR_FORMAT, "bad pclntab nfunc %llu",
				       (unsigned long long)nfunc);
	t->nfunc = (uint32_t)nfunc;
	t->nfiles = gm_rd64(p + 16);
	if (!t->text_start)
		t->text_start = gm_rd64(p + 24); /* 0 since 1.26: caller uses moduledata.text */
	uint64_t off[6];
	for (int i = 0; i < 5; i++)
		off[i] = gm_rd64(p + 32 + 8 * i);
	off[5] = t->size;
	/* The linker writes funcnametab, cutab, filetab, pctab, pclntable in this
	 * order (cmd/link pcln.go); each table ends where the next begins. */
	for (int i = 0; i < 5; i++) {
		if (off[i] < PCHEADER_SIZE || off[i] > off[i + 1])
			return gm_error_create(GM_ERR_FORMAT,
					       "pclntab table offsets out of order or range");
	}
	t->funcnametab = p + off[0];
	t->funcnametab_len = off[1] - off[0];
	t->cutab = p + off[1];
	t->cutab_len = (off[2] - off[1]) / 4;
	t->filetab = p + off[2];
	t->filetab_len = off[3] - off[2];
	t->pctab = p + off[3];
	t->pctab_len = off[4] - off[3];
	t->pclntable = p + off[4];
	t->pclntable_len = off[5] - off[4];
	if ((uint64_t)(t->nfunc + 1) * 8 > t->pclntable_len)
		return gm_error_create(GM_ERR_FORMAT, "pclntab truncated: ftab of %u functions",
				       t->nfunc);
	/* ftab must be sorted; check it once so that lookups can trust it. */
	uint32_t prev = 0;
	for (uint32_t i = 0; i <= t->nfunc; i++) {
		uint32_t e = gm_rd32(t->pclntable + 8 * (size_t)i);
		if (e < prev)
			return gm_error_create(GM_ERR_FORMAT, "pclntab ftab not sorted at %u", i);
		prev = e;
	}
	return NULL;
}

/* All-zero caches are empty (a calloc'ed priv needs no reset: its pages
 * are not even touched until used). */
void gobin_reset_caches(struct gm_gobin_priv *priv)
{
	for (size_t i = 0; i < GM_FUNC_CACHE_SIZE; i++)
		atomic_store_explicit(&priv->func_cache[i], 0, memory_order_relaxed);
	for (size_t i = 0; i < GM_PCV_CACHE_SIZE; i++) {
		atomic_store_explicit(&priv->pcv_cache[i].a, 0, memory_order_relaxed);
		atomic_store_explicit(&priv->pcv_cache[i].b, 0, memory_order_relaxed);
	}
}

const char *gm_gobin_funcname(const struct gm_gobin *gb, int32_t nameoff)
{
	const struct gm_pcln *t = &gb->priv->pcln;
	/* The 1.21+ runtime's funcName returns "" for nameOff 0; we return the
	 * name stored there (the first function's), like 1.19 and debug/gosym. */
	if (nameoff < 0 || (size_t)nameoff >= t->funcnametab_len)
		return "?";
	const uint8_t *s = t->funcnametab + nameoff;
	if (!memchr(s, 0, t->funcnametab_len - (size_t)nameoff))
		return "?";
	return (const char *)s;
}

/* Fills out from ftab entry idx; false if the _func record is out of bounds. */
/* The module whose tables describe f: a function found in a plugin
 * (gb->next_module) is read from that plugin's pclntab, whichever module
 * the caller passes. */
static const struct gm_gobin *func_module(const struct gm_gobin *gb, const struct gm_func *f)
{
	return f && f->mod ? f->mod : gb;
}

static bool func_fill(const struct gm_gobin *gb, uint32_t idx, struct gm_func *out)
{
	const struct gm_pcln *t = &gb->priv->pcln;
	if (!t->base || idx >= t->nfunc)
		return false;
	const uint8_t *fe = t->pclntable + 8 * (size_t)idx;
	uint32_t entryoff = gm_rd32(fe);
	uint32_t funcoff = gm_rd32(fe + 4);
	uint32_t nextoff = gm_rd32(fe + 8);
	if ((uint64_t)funcoff + t->func_size > t->pclntable_len)
		return false;
	const uint8_t *r = t->pclntable + funcoff;
	out->mod = gb;
	uint32_t npcdata = gm_rd32(r + 28);
	uint8_t nfuncdata = r[t->func_size - 1];
	if ((uint64_t)funcoff + t->func_size + 4ull * npcdata + 4ull * nfuncdata >
	    t->pclntable_len)
		return false;
	/* The record must describe the function the ftab says it does. */
	if (gm_rd32(r) != entryoff)
		return false;
	out->entry = t->text_start + entryoff;
	out->end = t->text_start + nextoff;
	out->name = gm_gobin_funcname(gb, (int32_t)gm_rd32(r + 4));
	out->args = (int32_t)gm_rd32(r + 8);
	out->deferreturn = gm_rd32(r + 12);
	out->pcsp = gm_rd32(r + 16);
	out->pcfile = gm_rd32(r + 20);
	out->pcln = gm_rd32(r + 24);
	out->npcdata = npcdata;
	out->cuoffset = gm_rd32(r + 32);
	if (t->func_size == 44) {
		out->start_line = (int32_t)gm_rd32(r + 36);
		out->funcid = r[40];
		out->flag = r[41];
	} else {
		out->start_line = 0;
		out->funcid = r[36];
		out->flag = r[37];
	}
	out->nfuncdata = nfuncdata;
	out->idx = idx;
	out->raw = r;
	return true;
}

bool gm_gobin_func_at(const struct gm_gobin *gb, uint32_t idx, struct gm_func *out)
{
	return gb && func_fill(gb, idx, out);
}

/* Largest idx < nfunc with ftab[idx].entryoff <= pcoff (ftab is sorted). */
static uint32_t ftab_search(const struct gm_pcln *t, uint32_t pcoff)
{
	uint32_t lo = 0, hi = t->nfunc; /* invariant: entry[lo] <= pcoff < entry[hi] */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (gm_rd32(t->pclntable + 8 * (size_t)mid) <= pcoff)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The runtime's findfunctab walk; UINT32_MAX when the table is unusable. */
static uint32_t findfunctab_lookup(const struct gm_pcln *t, uint64_t pc, uint32_t pcoff)
{
	if (!t->findfunctab || pc < t->minpc)
		return UINT32_MAX;
	uint64_t x = pc - t->minpc;
	uint64_t b = x / FUNCTAB_BUCKET_SIZE;
	uint64_t i = x % FUNCTAB_BUCKET_SIZE / (FUNCTAB_BUCKET_SIZE / 16);
	if ((b + 1) * FINDFUNCBUCKET_SIZE > t->findfunctab_len)
		return UINT32_MAX;
	const uint8_t *ffb = t->findfunctab + b * FINDFUNCBUCKET_SIZE;
	uint64_t idx = (uint64_t)gm_rd32(ffb) + ffb[4 + i];
	if (idx >= t->nfunc || gm_rd32(t->pclntable + 8 * idx) > pcoff)
		return UINT32_MAX;
	/* Bounded: at most the functions inside one 4 KiB bucket, else give up. */
	for (int n = 0; n < 4096; n++) {
		if (idx + 1 >= t->nfunc || gm_rd32(t->pclntable + 8 * (idx + 1)) > pcoff)
			return (uint32_t)idx;
		idx++;
	}
	return UINT32_MAX;
}

static bool find_func_here(const struct gm_gobin *gb, uint64_t pc, struct gm_func *out);

/* The executable's functions, then those of the other modules of the
 * target (Go plugins: gb->next_module, set by the session). */
bool gm_gobin_find_func(const struct gm_gobin *gb, uint64_t pc, struct gm_func *out)
{
	for (size_t n = 0; gb && n < GM_GOBIN_MAX_MODULES; n++, gb = gb->next_module)
		if (find_func_here(gb, pc, out))
			return true;
	return false;
}

static bool find_func_here(const struct gm_gobin *gb, uint64_t pc, struct gm_func *out)
{
	if (!gb || !gb->priv)
		return false;
	struct gm_gobin_priv *priv = gb->priv;
	const struct gm_pcln *t = &priv->pcln;
	if (!t->base || pc < t->text_start)
		return false;
	uint64_t off64 = pc - t->text_start;
	if (off64 >= UINT32_MAX)
		return false;
	uint32_t pcoff = (uint32_t)off64;
	/* maxpc = text + ftab[nfunc].entryoff; the first entry is minpc. */
	if (pcoff >= gm_rd32(t->pclntable + 8 * (size_t)t->nfunc) ||
	    pcoff < gm_rd32(t->pclntable))
		return false;
	size_t slot = (size_t)((pcoff * 0x9E3779B1u) >> 20) & (GM_FUNC_CACHE_SIZE - 1);
	/* stored inverted: 0 (empty) never matches, pcoff < UINT32_MAX */
	uint64_t ce = ~atomic_load_explicit(&priv->func_cache[slot], memory_order_relaxed);
	if ((uint32_t)(ce >> 32) == pcoff)
		return func_fill(gb, (uint32_t)ce, out);
	uint32_t idx = findfunctab_lookup(t, pc, pcoff);
	if (idx == UINT32_MAX)
		idx = ftab_search(t, pcoff);
	if (!func_fill(gb, idx, out))
		return false;
	atomic_store_explicit(&priv->func_cache[slot], ~((uint64_t)pcoff << 32 | idx),
			      memory_order_relaxed);
	return true;
}

/* Name of ftab entry i, NULL if its _func record is out of bounds. */
static const char *ftab_name(const struct gm_gobin *gb, uint32_t i)
{
	const struct gm_pcln *t = &gb->priv->pcln;
	uint32_t funcoff = gm_rd32(t->pclntable + 8 * (size_t)i + 4);
	if ((uint64_t)funcoff + t->func_size > t->pclntable_len)
		return NULL;
	return gm_gobin_funcname(gb, (int32_t)gm_rd32(t->pclntable + funcoff + 4));
}

static uint64_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
	return h ^ (h >> 29);
}

/* The name index (see struct gm_gobin_priv), NULL without memory. */
static const uint32_t *name_index(const struct gm_gobin *gb, size_t *mask)
{
	struct gm_gobin_priv *p = gb->priv;
	const struct gm_pcln *t = &p->pcln;
	size_t cap = 16;
	while (cap < 2 * (size_t)t->nfunc)
		cap *= 2;
	*mask = cap - 1;
	uint32_t *ix = atomic_load_explicit(&p->name_index, memory_order_acquire);
	if (ix)
		return ix;
	ix = calloc(cap, sizeof(*ix));
	if (!ix)
		return NULL;
	/* in ftab order: a probe meets equal names in that order, so the first
	 * match wins as in a scan */
	for (uint32_t i = 0; i < t->nfunc; i++) {
		const char *n = ftab_name(gb, i);
		if (!n)
			continue;
		size_t h = (size_t)name_hash(n) & (cap - 1);
		while (ix[h])
			h = (h + 1) & (cap - 1);
		ix[h] = i + 1;
	}
	uint32_t *expected = NULL;
	if (!atomic_compare_exchange_strong_explicit(&p->name_index, &expected, ix,
						     memory_order_acq_rel, memory_order_acquire)) {
		free(ix); /* another thread published one first */
		return expected;
	}
	return ix;
}

bool gm_gobin_func_by_name(const struct gm_gobin *gb, const char *name, struct gm_func *out)
{
	if (!gb || !gb->priv || !gb->priv->pcln.base)
		return false;
	const struct gm_pcln *t = &gb->priv->pcln;
	/* the symbol table (hashed at open) names the entry of most functions */
	uint64_t a;
	if (gm_gobin_sym(gb, name, &a, NULL) && gm_gobin_find_func(gb, a, out) && out->entry == a &&
	    strcmp(out->name, name) == 0)
		return true;
	size_t mask;
	const uint32_t *ix = NULL;
	if (atomic_fetch_add_explicit(&gb->priv->name_lookups, 1, memory_order_relaxed) > 0)
		ix = name_index(gb, &mask);
	if (ix) {
		for (size_t h = (size_t)name_hash(name) & mask, k = 0; ix[h] && k <= mask;
		     h = (h + 1) & mask, k++) {
			const char *n = ftab_name(gb, ix[h] - 1);
			if (n && strcmp(n, name) == 0 && func_fill(gb, ix[h] - 1, out))
				return true;
		}
		return false;
	}
	for (uint32_t i = 0; i < t->nfunc; i++) {
		const char *n = ftab_name(gb, i);
		if (n && strcmp(n, name) == 0 && func_fill(gb, i, out))
			return true;
	}
	return false;
}

/* runtime.readvarint, bounded by the table end. */
static inline bool readvarint(const uint8_t **pp, const uint8_t *end, uint32_t *val)
{
	const uint8_t *p = *pp;
	uint32_t v = 0, shift = 0;
	for (int n = 0; n < 10; n++) {
		if (p >= end)
			return false;
		uint8_t b = *p++;
		v |= (uint32_t)(b & 0x7f) << (shift & 31);
		if (!(b & 0x80)) {
			*pp = p;
			*val = v;
			return true;
		}
		shift += 7;
	}
	return false;
}

/* runtime.pcvalue without strictness: false where the runtime returns -1
 * (no table, table exhausted before targetpc) or the table is corrupt. */
static bool pcvalue_raw(const struct gm_pcln *t, uint64_t entry, uint32_t off,
			uint64_t targetpc, int32_t *out)
{
	if (off == 0 || off >= t->pctab_len || targetpc < entry)
		return false;
	const uint8_t *p = t->pctab + off;
	const uint8_t *end = t->pctab + t->pctab_len;
	uint64_t pc = entry;
	uint32_t val = (uint32_t)-1;
	/* Each step consumes at least 2 bytes, so the loop is bounded by the table. */
	for (;;) {
		if (p >= end)
			return false;
		uint32_t uvdelta = *p;
		if (uvdelta == 0 && pc != entry)
			return false; /* end of table before targetpc */
		if (uvdelta & 0x80) {
			if (!readvarint(&p, end, &uvdelta))
				return false;
		} else {
			p++;
		}
		val += (uint32_t)(-(uvdelta & 1) ^ (uvdelta >> 1));
		uint32_t pcdelta;
		if (p >= end)
			return false;
		if (*p & 0x80) {
			if (!readvarint(&p, end, &pcdelta))
				return false;
		} else {
			pcdelta = *p++;
		}
		pc += (uint64_t)(uint32_t)(pcdelta * t->quantum);
		if (targetpc < pc) {
			*out = (int32_t)val;
			return true;
		}
	}
}

bool gm_gobin_pcvalue(const struct gm_gobin *gb, const struct gm_func *f, uint32_t off,
		      uint64_t targetpc, int32_t *out)
{
	gb = func_module(gb, f);
	if (!gb || !gb->priv || !f || off == 0)
		return false;
	struct gm_gobin_priv *priv = gb->priv;
	if (targetpc < f->entry || (f->end > f->entry && targetpc >= f->end))
		return false;
	if (targetpc < priv->pcln.text_start || targetpc - priv->pcln.text_start >= UINT32_MAX) {
		int32_t v;
		if (!pcvalue_raw(&priv->pcln, f->entry, off, targetpc, &v))
			return false;
		*out = v;
		return true;
	}
	/* Cache keyed by (off, pc offset); the runtime keeps a similar per-M
	 * cache. pc lies inside f, so (off, pc) determines the value even when
	 * the linker shares one table between functions. */
	uint64_t key = (uint64_t)off << 32 | (uint32_t)(targetpc - priv->pcln.text_start);
	size_t slot = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 50) & (GM_PCV_CACHE_SIZE - 1);
	struct gm_pcv_cache_ent *ce = &priv->pcv_cache[slot];
	uint64_t b = atomic_load_explicit(&ce->b, memory_order_relaxed);
	uint64_t a = atomic_load_explicit(&ce->a, memory_order_relaxed);
	if ((b >> 32) == 1 && (a ^ (uint32_t)b) == key) {
		*out = (int32_t)(uint32_t)b;
		return true;
	}
	int32_t v;
	if (!pcvalue_raw(&priv->pcln, f->entry, off, targetpc, &v))
		return false;
	atomic_store_explicit(&ce->a, key ^ (uint32_t)v, memory_order_relaxed);
	atomic_store_explicit(&ce->b, (uint64_t)1 << 32 | (uint32_t)v, memory_order_relaxed);
	*out = v;
	return true;
}

bool gm_gobin_pcsp(const struct gm_gobin *gb, const struct gm_func *f, uint64_t pc, int32_t *out)
{
	gb = func_module(gb, f);
	return f && gm_gobin_pcvalue(gb, f, f->pcsp, pc, out);
}

int32_t gm_gobin_pcdata(const struct gm_gobin *gb, const struct gm_func *f, uint32_t table,
			uint64_t pc)
{
	gb = func_module(gb, f);
	if (!f || !f->raw || table >= f->npcdata)
		return -1;
	uint32_t off = gm_rd32(f->raw + gb->priv->pcln.func_size + 4 * (size_t)table);
	int32_t v;
	if (!gm_gobin_pcvalue(gb, f, off, pc, &v))
		return -1;
	return v;
}

/* runtime.funcfile */
static const char *funcfile(const struct gm_gobin *gb, const struct gm_func *f, int32_t fileno)
{
	gb = func_module(gb, f);
	const struct gm_pcln *t = &gb->priv->pcln;
	uint64_t ci = (uint64_t)f->cuoffset + (uint32_t)fileno;
	if (ci >= t->cutab_len)
		return "?";
	uint32_t fileoff = gm_rd32(t->cutab + 4 * ci);
	if (fileoff == UINT32_MAX || fileoff >= t->filetab_len)
		return "?";
	const uint8_t *s = t->filetab + fileoff;
	if (!memchr(s, 0, t->filetab_len - fileoff))
		return "?";
	return (const char *)s;
}

bool gm_gobin_fileline(const struct gm_gobin *gb, const struct gm_func *f, uint64_t pc,
		       const char **file, int32_t *line)
{
	gb = func_module(gb, f);
	int32_t fileno, ln;
	if (!f || !gm_gobin_pcvalue(gb, f, f->pcfile, pc, &fileno) ||
	    !gm_gobin_pcvalue(gb, f, f->pcln, pc, &ln) || fileno == -1 || ln == -1 ||
	    fileno < 0 || (size_t)fileno >= gb->priv->pcln.filetab_len) {
		*file = "?";
		*line = 0;
		return false;
	}
	*file = funcfile(gb, f, fileno);
	*line = ln;
	return true;
}

uint64_t gm_gobin_funcdata_addr(const struct gm_gobin *gb, const struct gm_func *f, uint32_t idx)
{
	gb = func_module(gb, f);
	if (!gb || !f || !f->raw || idx >= f->nfuncdata || !gb->priv->pcln.gofunc)
		return 0;
	const uint8_t *p = f->raw + gb->priv->pcln.func_size + 4 * (size_t)f->npcdata + 4 * (size_t)idx;
	uint32_t off = gm_rd32(p);
	if (off == UINT32_MAX)
		return 0;
	return gb->priv->pcln.gofunc + off;
}

const uint8_t *gm_gobin_funcdata(const struct gm_gobin *gb, const struct gm_func *f, uint32_t idx,
				 size_t len)
{
	gb = func_module(gb, f);
	uint64_t a = gm_gobin_funcdata_addr(gb, f, idx);
	return a ? gm_gobin_vaddr_ptr(gb, a, len) : NULL;
}

/* Inline expansion: runtime/symtabinl.go (1.21+) and the loop in
 * traceback.go/symtab.go of 1.19. Both do, for each level: index =
 * pcdatavalue(InlTreeIndex, pc); the level's name comes from the inline tree
 * entry, its file:line from funcline1(f, pc) of the PHYSICAL function (in
 * 1.19 the inlinedCall file/line fields are not used for printing); then
 * pc = entry + parentPc. The physical function comes last. */
#define GM_MAX_INLINE_DEPTH 1024

size_t gm_gobin_expand_inline(const struct gm_gobin *gb, const struct gm_func *f, uint64_t pc,
			      struct gm_inline_frame *out, size_t max)
{
	gb = func_module(gb, f);
	if (!gb || !f || !f->raw || max == 0)
		return 0;
	const struct gm_pcln *t = &gb->priv->pcln;
	size_t n = 0;
	uint64_t tree = gm_gobin_funcdata_addr(gb, f, GM_FUNCDATA_InlTree);
	int32_t ix = tree ? gm_gobin_pcdata(gb, f, GM_PCDATA_InlTreeIndex, pc) : -1;
	/* The last slot is kept for the physical function. */
	while (ix >= 0 && n + 1 < max && n < GM_MAX_INLINE_DEPTH) {
		const uint8_t *e = gm_gobin_vaddr_ptr(gb, tree + (uint64_t)ix * t->inl_size,
						     t->inl_size);
		if (!e)
			break;
		int32_t nameoff, parentpc;
		uint8_t funcid;
		if (t->inl_size == 20) { /* 1.19 */
			funcid = e[2];
			nameoff = (int32_t)gm_rd32(e + 12);
			parentpc = (int32_t)gm_rd32(e + 16);
		} else {
			funcid = e[0];
			nameoff = (int32_t)gm_rd32(e + 4);
			parentpc = (int32_t)gm_rd32(e + 8);
		}
		struct gm_inline_frame *fr = &out[n++];
		fr->name = gm_gobin_funcname(gb, nameoff);
		gm_gobin_fileline(gb, f, pc, &fr->file, &fr->line);
		fr->funcid = funcid;
		fr->inlined = true;
		pc = f->entry + (uint64_t)(int64_t)parentpc;
		ix = gm_gobin_pcdata(gb, f, GM_PCDATA_InlTreeIndex, pc);
	}
	struct gm_inline_frame *fr = &out[n++];
	fr->name = f->name;
	gm_gobin_fileline(gb, f, pc, &fr->file, &fr->line);
	fr->funcid = f->funcid;
	fr->inlined = false;
	return n;
}

bool gm_gobin_is_library(const struct gm_gobin *gb)
{
	return gb->pie && gb->entry == gb->bias;
}

bool gm_gobin_is_race(const struct gm_gobin *gb)
{
	struct gm_func f;
	return gm_gobin_func_by_name(gb, "runtime.racecallbackthunk", &f);
}
