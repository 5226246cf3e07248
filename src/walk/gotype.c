/* Type descriptors in target memory (gm_gotype.h;
 * docs/go-runtime-reference.md §3.1). The abi.Type layout is the same in
 * every supported version: Size_ +0, TFlag +20, Kind_ +23, Str +40. */
#include <stdlib.h>
#include <string.h>

#include "gm_bytes.h"
#include "gm_gotype.h"

#define TYPE_SIZE 48
#define TFLAG_EXTRASTAR 2
#define MAX_NAME (1u << 16)
#define MAX_OFFS (1u << 22)

struct off_ent {
	int32_t id;
	uint64_t ptr;
};

struct gm_gotypes {
	struct gm_memsrc *m;
	int go_minor;
	uint64_t md_types, md_etypes;
	/* the plugins' types sections (gm_gotypes_add_plugins) */
	uint64_t plugin_types[GM_GOTYPE_MAX_PLUGINS][2];
	size_t nplugin_types;
	struct off_ent *offs;
	size_t noffs, cap;
	bool nomem;
};

void gm_goimpl_of(const struct gm_gobin *gb, int go_minor, struct gm_goimpl *out)
{
	const char *mi = gb ? gb->modinfo : NULL;
	const char *exp = mi ? strstr(mi, "GOEXPERIMENT=") : NULL;
	char ex[256] = "";
	if (exp) {
		exp += strlen("GOEXPERIMENT=");
		size_t n = strcspn(exp, "\n\t");
		if (n >= sizeof(ex))
			n = sizeof(ex) - 1;
		memcpy(ex, exp, n);
		ex[n] = 0;
	}
	out->map = go_minor <= 23 ? GM_MAP_HMAP : GM_MAP_SWISS;
	if ((go_minor == 24 || go_minor == 25) && strstr(ex, "noswissmap"))
		out->map = GM_MAP_HMAP;
	if (go_minor >= 27 && strstr(ex, "mapsplitgroup") && !strstr(ex, "nomapsplitgroup"))
		out->map = GM_MAP_SWISS_SPLIT;
	out->syncmap = go_minor <= 19 ? GM_SYNCMAP_RW_119 : go_minor <= 23 ? GM_SYNCMAP_RW
										: GM_SYNCMAP_TRIE;
	if ((go_minor == 24 || go_minor == 25) && strstr(ex, "nosynchashtriemap"))
		out->syncmap = GM_SYNCMAP_RW;
}

size_t gm_gotype_plugin_types(struct gm_memsrc *m, const struct gm_gobin *gb, const struct gm_layout *l,
			      uint64_t out[][2], size_t max)
{
	size_t n = 0;
	if (l->moduledata_types < 0 || l->moduledata_etypes < 0)
		return 0;
	const struct gm_gobin *p = gb->next_module;
	for (size_t k = 0; p && n < max && k < GM_GOBIN_MAX_MODULES; k++, p = p->next_module) {
		uint64_t t, e;
		if (p->moduledata_addr && gm_memsrc_u64(m, p->moduledata_addr + (uint64_t)l->moduledata_types, &t) &&
		    gm_memsrc_u64(m, p->moduledata_addr + (uint64_t)l->moduledata_etypes, &e) && t && e > t) {
			out[n][0] = t;
			out[n][1] = e;
			n++;
		}
	}
	return n;
}

void gm_gotypes_add_plugins(struct gm_gotypes *c, const struct gm_gobin *gb, const struct gm_layout *l)
{
	if (c)
		c->nplugin_types = gm_gotype_plugin_types(c->m, gb, l, c->plugin_types, GM_GOTYPE_MAX_PLUGINS);
}

static int cmp_off(const void *a, const void *b)
{
	const struct off_ent *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int add_off(void *vctx, uint64_t k, uint64_t e)
{
	struct gm_gotypes *c = vctx;
	uint32_t id;
	uint64_t p;
	if (!gm_memsrc_u32(c->m, k, &id) || !gm_memsrc_u64(c->m, e, &p))
		return 0;
	if (c->noffs == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 256;
		struct off_ent *v = realloc(c->offs, nc * sizeof(*v));
		if (!v) {
			c->nomem = true;
			return 1;
		}
		c->offs = v;
		c->cap = nc;
	}
	c->offs[c->noffs++] = (struct off_ent){(int32_t)id, p};
	return 0;
}

struct gm_error *gm_gotypes_create(struct gm_memsrc *m, int go_minor, const struct gm_goimpl *impl,
				   uint64_t md_types, uint64_t md_etypes, uint64_t reflect_offs,
				   struct gm_gotypes **ret)
{
	*ret = NULL;
	struct gm_gotypes *c = calloc(1, sizeof(*c));
	if (!c)
		return &gm_error_nomem;
	c->m = m;
	c->go_minor = go_minor;
	if (md_etypes > md_types) {
		c->md_types = md_types;
		c->md_etypes = md_etypes;
	}
	struct gm_error *err = NULL;
	if (reflect_offs) {
		uint64_t h;
		uint32_t next0 = 0;
		if (!gm_memsrc_u64(m, reflect_offs + 16, &h)) {
			err = gm_error_fault(reflect_offs + 16, "runtime.reflectOffs not readable");
		} else if (!h && gm_memsrc_u32(m, reflect_offs + 8, &next0) && next0) {
			err = gm_error_create(GM_ERR_FORMAT,
					      "runtime.reflectOffs: no map but next id %d: damaged",
					      (int32_t)next0);
		} else if (h) {
			struct gm_maptype mt;
			err = gm_maptype_synth(impl->map, 4, 4, 8, 8, &mt);
			struct gm_gomap_stats st;
			uint32_t next = 0;
			if (!err)
				err = gm_gomap_foreach(m, &mt, h, MAX_OFFS, add_off, c, &st);
			/* reflect_addReflectOff: next starts at -1 and is
			 * decremented for each entry it adds to m */
			if (!err && !c->nomem &&
			    (st.truncated || !gm_memsrc_u32(m, reflect_offs + 8, &next) ||
			     (int64_t)(int32_t)next != -1 - (int64_t)c->noffs))
				err = gm_error_create(GM_ERR_FORMAT,
						      "%zu entries found, its count says %llu, next id %d: "
						      "damaged", c->noffs, (unsigned long long)st.count,
						      (int32_t)next);
			if (err)
				err = gm_error_wrap(err, "runtime.reflectOffs.m");
		}
	}
	if (c->nomem) {
		gm_error_destroy(err);
		err = &gm_error_nomem;
	}
	if (err) {
		gm_gotypes_destroy(c);
		return err;
	}
	if (c->noffs)
		qsort(c->offs, c->noffs, sizeof(*c->offs), cmp_off);
	*ret = c;
	return NULL;
}

void gm_gotypes_destroy(struct gm_gotypes *c)
{
	if (!c)
		return;
	free(c->offs);
	free(c);
}

uint64_t gm_gotypes_reflect_offs(const struct gm_gotypes *c)
{
	return c ? c->noffs : 0;
}

static const char *const kinds[] = {
	"invalid", "bool",      "int",        "int8",   "int16",  "int32",     "int64",
	"uint",    "uint8",     "uint16",     "uint32", "uint64", "uintptr",   "float32",
	"float64", "complex64", "complex128", "array",  "chan",   "func",      "interface",
	"map",     "ptr",       "slice",      "string", "struct", "unsafe.Pointer",
};

const char *gm_gotype_kind_name(unsigned kind)
{
	return kind < sizeof(kinds) / sizeof(kinds[0]) ? kinds[kind] : "invalid";
}

bool gm_goname_header(struct gm_memsrc *m, uint64_t p, uint64_t max, uint64_t *start, uint64_t *len)
{
	uint8_t hdr[6];
	size_t have = 0;
	for (; have < sizeof(hdr); have++)
		if (!gm_memsrc_u8(m, p + have, &hdr[have]))
			break;
	if (have < 2)
		return false;
	uint64_t n = 0;
	size_t i = 1;
	for (unsigned shift = 0; i < have && shift < 35; i++, shift += 7) {
		n |= (uint64_t)(hdr[i] & 0x7f) << shift;
		if (!(hdr[i] & 0x80))
			break;
	}
	if (i >= have || n == 0 || n > max)
		return false;
	*start = p + i + 1;
	*len = n;
	return true;
}

void gm_goname_clean(char *s, size_t len)
{
	for (size_t k = 0; k < len; k++) /* no control bytes in a type name */
		if ((unsigned char)s[k] < 0x20 || s[k] == 0x7f)
			s[k] = '?';
}

/* The abi.Name at p: flags byte, uvarint length, bytes. */
static const char *read_name(struct gm_gotypes *c, uint64_t p, bool extrastar, struct gm_arena *a)
{
	uint64_t start, len;
	if (!gm_goname_header(c->m, p, MAX_NAME, &start, &len))
		return NULL;
	if (extrastar && len > 1) {
		start++;
		len--;
	}
	char *s = gm_arena_alloc(a, len + 1);
	if (!s) {
		c->nomem = true;
		return NULL;
	}
	if (!gm_memsrc_try_read(c->m, start, s, len))
		return NULL;
	s[len] = 0;
	gm_goname_clean(s, len);
	return s;
}

struct gm_error *gm_gotype_read(struct gm_gotypes *c, uint64_t addr, struct gm_arena *a,
				struct gm_gotype *out)
{
	memset(out, 0, sizeof(*out));
	out->addr = addr;
	uint8_t b[TYPE_SIZE];
	if (!addr || !gm_memsrc_try_read(c->m, addr, b, sizeof(b)))
		return gm_error_fault(addr, "type descriptor at 0x%llx not readable",
				      (unsigned long long)addr);
	out->size = gm_rd64(b);
	out->tflag = b[20];
	uint8_t k = b[23];
	out->kind = gm_gotype_kind(c->go_minor, k);
	if (out->kind > 26)
		return gm_error_create(GM_ERR_FORMAT, "0x%llx is not a type descriptor (kind %u)",
				       (unsigned long long)addr, k);
	int32_t str = (int32_t)gm_rd32(b + 40);
	uint64_t types = c->md_types, etypes = c->md_etypes;
	bool in_module = types && addr >= types && addr < etypes;
	for (size_t i = 0; !in_module && i < c->nplugin_types; i++) {
		types = c->plugin_types[i][0];
		etypes = c->plugin_types[i][1];
		in_module = addr >= types && addr < etypes;
	}
	out->runtime_created = !in_module;
	bool es = out->tflag & TFLAG_EXTRASTAR;
	if (in_module) {
		if (str >= 0 && types + (uint64_t)str < etypes)
			out->name = read_name(c, types + (uint64_t)str, es, a);
	} else if (c->noffs) {
		struct off_ent key = {str, 0};
		const struct off_ent *e = bsearch(&key, c->offs, c->noffs, sizeof(*c->offs), cmp_off);
		if (e)
			out->name = read_name(c, e->ptr, es, a);
	}
	if (c->nomem)
		return &gm_error_nomem;
	/* every type has a name: in the module's types section, or registered
	 * in reflectOffs by reflect when it made the type */
	if (!out->name)
		return gm_error_create(GM_ERR_FORMAT,
				       "type descriptor 0x%llx: its name (str %d) is not readable%s",
				       (unsigned long long)addr, str,
				       in_module ? "" : " (not in runtime.reflectOffs)");
	/* kind 0: only reflect's funcLayout frame types ("funcargs(...)"),
	 * made at run time with a name */
	if (out->kind == 0 && (!out->runtime_created || !out->name))
		return gm_error_create(GM_ERR_FORMAT, "0x%llx is not a type descriptor (kind 0)",
				       (unsigned long long)addr);
	return NULL;
}
