/* gm_layout from the executable's DWARF, through libdwarf.
 *
 * Go puts every package in its own compile unit(s). Everything we need is in
 * the CUs named "runtime": the runtime's package-level variables and
 * constants (DW_TAG_variable with DW_OP_addr, DW_TAG_constant) sit at the top
 * level of the runtime CU, and the linker appends all type DIEs to a runtime
 * CU as well. So we read the CU headers, and walk only the top-level DIEs of
 * the "runtime" CUs; struct types are then reached through DW_AT_type
 * references. Go compresses its debug sections (SHF_COMPRESSED, zlib);
 * libdwarf 20210528 inflates them itself when it loads a section.
 *
 * Layout changes are detected from the DWARF (is the member there?), never
 * from the version number, except labels_kind when the program does not link
 * runtime/pprof (then no label type is in the DWARF at all). */
#include <dwarf.h>
#include <errno.h>
#include <fcntl.h>
#include <libdwarf.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "gm_bytes.h"

#include "layout_internal.h"

#define DW_AT_go_kind 0x2900
#define GO_KIND_MAP 21
#define GO_KIND_STRUCT 25

/* Bounds against hostile DWARF. */
#define MAX_CUS (1u << 20)
#define MAX_TOP_DIES (1u << 24)
#define MAX_MEMBERS 512
#define MAX_TYPE_HOPS 16

enum {
	V_ALLGS,
	V_ALLGLEN,
	V_ALLM,
	V_SCHED,
	V_DEBUG,
	V_FING,
	V_FINGSTATUS,
	V_FINGRUNNING,
	V_MEMSTATS,
	V_WAITREASONSTRINGS,
	V_GSTATUSSTRINGS,
	V_BUILDVERSION,
	V_MHEAP,
	V_FINQ,
	V_ALLFIN,
	V_GCCLEANUPS,
	V_FINGWAIT,
	V_GCCONTROLLER,
	V_ALLP,
	V_EMPTYMSPAN,
	V_WORK,
	V_RUNTIMEINITTIME,
	V_SEMTABLE,
	NVARS
};
static const char *const var_names[NVARS] = {
	[V_ALLGS] = "runtime.allgs",
	[V_ALLGLEN] = "runtime.allglen",
	[V_ALLM] = "runtime.allm",
	[V_SCHED] = "runtime.sched",
	[V_DEBUG] = "runtime.debug",
	[V_FING] = "runtime.fing",
	[V_FINGSTATUS] = "runtime.fingStatus",
	[V_FINGRUNNING] = "runtime.fingRunning",
	[V_MEMSTATS] = "runtime.memstats",
	[V_WAITREASONSTRINGS] = "runtime.waitReasonStrings",
	[V_GSTATUSSTRINGS] = "runtime.gStatusStrings",
	[V_BUILDVERSION] = "runtime.buildVersion",
	[V_MHEAP] = "runtime.mheap_",
	[V_FINQ] = "runtime.finq",
	[V_ALLFIN] = "runtime.allfin",
	[V_GCCLEANUPS] = "runtime.gcCleanups",
	[V_FINGWAIT] = "runtime.fingwait",
	[V_GCCONTROLLER] = "runtime.gcController",
	[V_ALLP] = "runtime.allp",
	[V_EMPTYMSPAN] = "runtime.emptymspan",
	[V_WORK] = "runtime.work",
	[V_RUNTIMEINITTIME] = "runtime.runtimeInitTime",
	[V_SEMTABLE] = "runtime.semtable",
};

enum {
	C_GIDLE,
	C_GRUNNABLE,
	C_GRUNNING,
	C_GSYSCALL,
	C_GWAITING,
	C_GDEAD,
	C_GCOPYSTACK,
	C_GPREEMPTED,
	C_GLEAKED,
	C_GDEADEXTRA,
	C_GSCAN,
	C_FINGRUNNINGFINALIZER,
	C_KFINALIZER,
	C_KWEAKHANDLE,
	C_KPROFILE,
	C_KREACHABLE,
	C_KPINCOUNTER,
	C_KCLEANUP,
	C_KTINYBLOCK,
	C_KCHECKFINALIZER,
	C_KBUBBLE,
	C_KSECRET,
	C_MSPANINUSE,
	NCONSTS
};
static const char *const const_names[NCONSTS] = {
	[C_GIDLE] = "runtime._Gidle",
	[C_GRUNNABLE] = "runtime._Grunnable",
	[C_GRUNNING] = "runtime._Grunning",
	[C_GSYSCALL] = "runtime._Gsyscall",
	[C_GWAITING] = "runtime._Gwaiting",
	[C_GDEAD] = "runtime._Gdead",
	[C_GCOPYSTACK] = "runtime._Gcopystack",
	[C_GPREEMPTED] = "runtime._Gpreempted",
	[C_GLEAKED] = "runtime._Gleaked",
	[C_GDEADEXTRA] = "runtime._Gdeadextra",
	[C_GSCAN] = "runtime._Gscan",
	[C_FINGRUNNINGFINALIZER] = "runtime.fingRunningFinalizer",
	[C_KFINALIZER] = "runtime._KindSpecialFinalizer",
	[C_KWEAKHANDLE] = "runtime._KindSpecialWeakHandle",
	[C_KPROFILE] = "runtime._KindSpecialProfile",
	[C_KREACHABLE] = "runtime._KindSpecialReachable",
	[C_KPINCOUNTER] = "runtime._KindSpecialPinCounter",
	[C_KCLEANUP] = "runtime._KindSpecialCleanup",
	[C_KTINYBLOCK] = "runtime._KindSpecialTinyBlock",
	[C_KCHECKFINALIZER] = "runtime._KindSpecialCheckFinalizer",
	[C_KBUBBLE] = "runtime._KindSpecialBubble",
	[C_KSECRET] = "runtime._KindSpecialSecret",
	[C_MSPANINUSE] = "runtime.mSpanInUse",
};

enum {
	T_G,
	T_M,
	T_SCHEDT,
	T_PPROF_LABELMAP,
	T_LABEL_SET,
	T_MSPAN,
	T_MHEAP,
	T_SPECIAL,
	T_SPFIN,
	T_SPCLEANUP,
	T_FINBLOCK,
	T_FINBLOCK125,
	T_FINALIZER,
	T_CLEANUPQ,
	T_CLEANUPBLOCK,
	T_CLEANUPFN,
	T_ABITYPE,
	T_RTYPE,
	T_ABIPTRTYPE,
	T_RPTRTYPE,
	T_MODULEDATA,
	T_MSTATS,
	T_HSD,
	T_GCC,
	T_P,
	T_MCACHE,
	T_TIMER,
	T_TIMERWHEN,
	T_FIXALLOC,
	T_BUCKET,
	T_MEMRECORD,
	T_MEMRECORDCYCLE,
	T_SUDOG,
	T_SEMAROOT,
	NTYPES
};
static const char *const type_names[NTYPES] = {
	[T_G] = "runtime.g",
	[T_M] = "runtime.m",
	[T_SCHEDT] = "runtime.schedt",
	[T_PPROF_LABELMAP] = "runtime/pprof.labelMap",
	[T_LABEL_SET] = "internal/runtime/pprof/label.Set",
	[T_MSPAN] = "runtime.mspan",
	[T_MHEAP] = "runtime.mheap",
	[T_SPECIAL] = "runtime.special",
	[T_SPFIN] = "runtime.specialfinalizer",
	[T_SPCLEANUP] = "runtime.specialCleanup",
	[T_FINBLOCK] = "runtime.finblock",
	[T_FINBLOCK125] = "runtime.finBlock",
	[T_FINALIZER] = "runtime.finalizer",
	[T_CLEANUPQ] = "runtime.cleanupQueue",
	[T_CLEANUPBLOCK] = "runtime.cleanupBlock",
	[T_CLEANUPFN] = "runtime.cleanupFn",
	[T_ABITYPE] = "internal/abi.Type",
	[T_RTYPE] = "runtime._type",
	[T_ABIPTRTYPE] = "internal/abi.PtrType",
	[T_RPTRTYPE] = "runtime.ptrtype",
	[T_MODULEDATA] = "runtime.moduledata",
	[T_MSTATS] = "runtime.mstats",
	[T_HSD] = "runtime.heapStatsDelta",
	[T_GCC] = "runtime.gcControllerState",
	[T_P] = "runtime.p",
	[T_MCACHE] = "runtime.mcache",
	[T_TIMER] = "runtime.timer",
	[T_TIMERWHEN] = "runtime.timerWhen",
	[T_FIXALLOC] = "runtime.fixalloc",
	[T_BUCKET] = "runtime.bucket",
	[T_MEMRECORD] = "runtime.memRecord",
	[T_MEMRECORDCYCLE] = "runtime.memRecordCycle",
	[T_SUDOG] = "runtime.sudog",
	[T_SEMAROOT] = "runtime.semaRoot",
};

struct dw {
	Dwarf_Debug dbg;
	Dwarf_Error err;
	bool var_found[NVARS];
	uint64_t var_addr[NVARS];
	Dwarf_Off var_type[NVARS]; /* 0 = unknown */
	bool const_found[NCONSTS];
	int64_t const_val[NCONSTS];
	Dwarf_Off type_die[NTYPES];
	int cu_version;
	/* hashes of var_names, const_names, type_names (find_name) */
	uint32_t var_hash[NVARS], const_hash[NCONSTS], type_hash[NTYPES];
};

struct member {
	const char *name;
	int64_t off;
	Dwarf_Off type;
};

struct sinfo {
	Dwarf_Off die;
	int64_t size;
	int n;
	struct member m[MAX_MEMBERS];
};

static void dw_clear_err(struct dw *d)
{
	if (d->err) {
		dwarf_dealloc_error(d->dbg, d->err);
		d->err = NULL;
	}
}

static struct gm_error *dw_error(struct dw *d, const char *what)
{
	struct gm_error *e = gm_error_create(GM_ERR_FORMAT, "DWARF: %s: %s", what,
					     d->err ? dwarf_errmsg(d->err) : "no entry");
	dw_clear_err(d);
	return e;
}

/* The bytes of an exprloc or block attribute (Go uses DW_FORM_block1 for
 * locations). Valid until dwarf_finish; *blk must be freed with
 * block_free. */
static bool attr_bytes(struct dw *d, Dwarf_Attribute a, const uint8_t **p, Dwarf_Unsigned *len,
		       Dwarf_Block **blk)
{
	Dwarf_Half form = 0;
	*blk = NULL;
	if (dwarf_whatform(a, &form, &d->err) != DW_DLV_OK)
		return false;
	if (form == DW_FORM_exprloc) {
		Dwarf_Ptr ptr = NULL;
		if (dwarf_formexprloc(a, len, &ptr, &d->err) != DW_DLV_OK)
			return false;
		*p = ptr;
		return true;
	}
	if (form == DW_FORM_block1 || form == DW_FORM_block2 || form == DW_FORM_block4 ||
	    form == DW_FORM_block) {
		if (dwarf_formblock(a, blk, &d->err) != DW_DLV_OK)
			return false;
		*p = (*blk)->bl_data;
		*len = (*blk)->bl_len;
		return true;
	}
	return false;
}

static void block_free(struct dw *d, Dwarf_Block *blk)
{
	if (blk)
		dwarf_dealloc(d->dbg, blk, DW_DLA_BLOCK);
}

/* The unsigned / signed constant value of an attribute. */
static bool attr_int(struct dw *d, Dwarf_Die die, Dwarf_Half at, int64_t *out)
{
	Dwarf_Attribute a = NULL;
	int r = dwarf_attr(die, at, &a, &d->err);
	if (r != DW_DLV_OK) {
		dw_clear_err(d);
		return false;
	}
	Dwarf_Half form = 0;
	bool ok = false;
	if (dwarf_whatform(a, &form, &d->err) == DW_DLV_OK) {
		if (form == DW_FORM_sdata || form == DW_FORM_implicit_const) {
			Dwarf_Signed s;
			if (dwarf_formsdata(a, &s, &d->err) == DW_DLV_OK) {
				*out = s;
				ok = true;
			}
		} else if (form == DW_FORM_exprloc || form == DW_FORM_block1 ||
			   form == DW_FORM_block2 || form == DW_FORM_block4 ||
			   form == DW_FORM_block) {
			/* DW_AT_data_member_location as DW_OP_plus_uconst ULEB */
			Dwarf_Unsigned len = 0;
			const uint8_t *b = NULL;
			Dwarf_Block *blk = NULL;
			if (attr_bytes(d, a, &b, &len, &blk) && len >= 2 && len <= 11 &&
			    b[0] == DW_OP_plus_uconst) {
				uint64_t v = 0;
				unsigned shift = 0;
				for (Dwarf_Unsigned i = 1; i < len && shift < 64; i++, shift += 7) {
					v |= (uint64_t)(b[i] & 0x7f) << shift;
					if (!(b[i] & 0x80)) {
						ok = i + 1 == len;
						break;
					}
				}
				*out = (int64_t)v;
			}
			block_free(d, blk);
		} else {
			Dwarf_Unsigned u;
			if (dwarf_formudata(a, &u, &d->err) == DW_DLV_OK) {
				*out = (int64_t)u;
				ok = true;
			}
		}
	}
	dw_clear_err(d);
	dwarf_dealloc_attribute(a);
	return ok;
}

/* Global .debug_info offset of the DIE an attribute refers to (0 if none). */
static Dwarf_Off attr_ref(struct dw *d, Dwarf_Die die, Dwarf_Half at)
{
	Dwarf_Attribute a = NULL;
	Dwarf_Off off = 0;
	if (dwarf_attr(die, at, &a, &d->err) != DW_DLV_OK) {
		dw_clear_err(d);
		return 0;
	}
	if (dwarf_global_formref(a, &off, &d->err) != DW_DLV_OK) {
		dw_clear_err(d);
		off = 0;
	}
	dwarf_dealloc_attribute(a);
	return off;
}

/* DW_AT_location = DW_OP_addr <8 bytes> (or DW_OP_addrx <uleb>). */
static bool var_location(struct dw *d, Dwarf_Die die, uint64_t *addr)
{
	Dwarf_Attribute a = NULL;
	if (dwarf_attr(die, DW_AT_location, &a, &d->err) != DW_DLV_OK) {
		dw_clear_err(d);
		return false;
	}
	Dwarf_Unsigned len = 0;
	const uint8_t *b = NULL;
	Dwarf_Block *blk = NULL;
	bool ok = false;
	if (attr_bytes(d, a, &b, &len, &blk) && len >= 2 && len <= 16) {
		if (b[0] == DW_OP_addr && len == 9) {
			uint64_t v = 0;
			for (int i = 8; i >= 1; i--)
				v = (v << 8) | b[i];
			*addr = v;
			ok = true;
		} else if (b[0] == DW_OP_addrx || b[0] == DW_OP_GNU_addr_index) {
			uint64_t idx = 0;
			unsigned shift = 0;
			for (Dwarf_Unsigned i = 1; i < len && shift < 64; i++, shift += 7) {
				idx |= (uint64_t)(b[i] & 0x7f) << shift;
				if (!(b[i] & 0x80))
					break;
			}
			Dwarf_Addr v = 0;
			if (dwarf_debug_addr_index_to_addr(die, idx, &v, &d->err) == DW_DLV_OK) {
				*addr = v;
				ok = true;
			}
		}
	}
	block_free(d, blk);
	dw_clear_err(d);
	dwarf_dealloc_attribute(a);
	return ok;
}

static bool die_at(struct dw *d, Dwarf_Off off, Dwarf_Die *out)
{
	if (!off)
		return false;
	if (dwarf_offdie_b(d->dbg, off, true, out, &d->err) != DW_DLV_OK) {
		dw_clear_err(d);
		return false;
	}
	return true;
}

static Dwarf_Half die_tag(struct dw *d, Dwarf_Die die)
{
	Dwarf_Half tag = 0;
	if (dwarf_tag(die, &tag, &d->err) != DW_DLV_OK) {
		dw_clear_err(d);
		return 0;
	}
	return tag;
}

static const char *die_name(struct dw *d, Dwarf_Die die)
{
	char *name = NULL;
	if (dwarf_diename(die, &name, &d->err) != DW_DLV_OK) {
		dw_clear_err(d);
		return NULL;
	}
	return name;
}

/* Follows typedefs (and one pointer level when deref) from a type DIE
 * offset; returns the offset of the underlying type (0 on failure). */
static Dwarf_Off type_resolve(struct dw *d, Dwarf_Off off, bool deref)
{
	for (int hop = 0; off && hop < MAX_TYPE_HOPS; hop++) {
		Dwarf_Die die;
		if (!die_at(d, off, &die))
			return 0;
		Dwarf_Half tag = die_tag(d, die);
		Dwarf_Off next = 0;
		if (tag == DW_TAG_typedef || (deref && tag == DW_TAG_pointer_type)) {
			if (tag == DW_TAG_pointer_type)
				deref = false;
			next = attr_ref(d, die, DW_AT_type);
			dwarf_dealloc_die(die);
			off = next;
			continue;
		}
		dwarf_dealloc_die(die);
		return deref ? 0 : off;
	}
	return 0;
}

/* Reads the members of the struct type at off into *s. */
static bool struct_load(struct dw *d, Dwarf_Off off, struct sinfo *s)
{
	s->die = off;
	s->n = 0;
	s->size = -1;
	Dwarf_Die die;
	if (!die_at(d, off, &die))
		return false;
	if (die_tag(d, die) != DW_TAG_structure_type) {
		dwarf_dealloc_die(die);
		return false;
	}
	attr_int(d, die, DW_AT_byte_size, &s->size);
	Dwarf_Die c = NULL;
	int r = dwarf_child(die, &c, &d->err);
	dwarf_dealloc_die(die);
	if (r != DW_DLV_OK) {
		dw_clear_err(d);
		return true; /* empty struct */
	}
	for (unsigned i = 0; i < 4 * MAX_MEMBERS; i++) {
		if (die_tag(d, c) == DW_TAG_member && s->n < MAX_MEMBERS) {
			struct member *m = &s->m[s->n];
			m->name = die_name(d, c);
			m->off = -1;
			attr_int(d, c, DW_AT_data_member_location, &m->off);
			m->type = attr_ref(d, c, DW_AT_type);
			if (m->name && m->off >= 0 && (s->size < 0 || m->off <= s->size))
				s->n++;
		}
		Dwarf_Die next = NULL;
		r = dwarf_siblingof_b(d->dbg, c, true, &next, &d->err);
		dwarf_dealloc_die(c);
		if (r != DW_DLV_OK) {
			dw_clear_err(d);
			break;
		}
		c = next;
	}
	return true;
}

static const struct member *struct_member(const struct sinfo *s, const char *name, size_t len)
{
	for (int i = 0; i < s->n; i++)
		if (strlen(s->m[i].name) == len && !memcmp(s->m[i].name, name, len))
			return &s->m[i];
	return NULL;
}

/* Offset of a dotted member path ("sched.sp") in struct s; -1 if absent. */
static int32_t path_off(struct dw *d, const struct sinfo *s, const char *path)
{
	const char *dot = strchr(path, '.');
	size_t len = dot ? (size_t)(dot - path) : strlen(path);
	const struct member *m = struct_member(s, path, len);
	if (!m)
		return -1;
	if (!dot)
		return m->off <= INT32_MAX ? (int32_t)m->off : -1;
	struct sinfo *sub = malloc(sizeof(*sub));
	if (!sub)
		return -1;
	int32_t r = -1;
	if (struct_load(d, type_resolve(d, m->type, false), sub)) {
		int32_t in = path_off(d, sub, dot + 1);
		if (in >= 0 && m->off + in <= INT32_MAX)
			r = (int32_t)(m->off + in);
	}
	free(sub);
	return r;
}

/* Element count of a [N]T array type; elem_size receives sizeof(T) if known. */
static int64_t array_count(struct dw *d, Dwarf_Off off, int64_t *elem_size)
{
	off = type_resolve(d, off, false);
	Dwarf_Die die;
	*elem_size = -1;
	if (!die_at(d, off, &die))
		return -1;
	int64_t n = -1, bytes = -1;
	if (die_tag(d, die) == DW_TAG_array_type) {
		attr_int(d, die, DW_AT_byte_size, &bytes);
		Dwarf_Off et = type_resolve(d, attr_ref(d, die, DW_AT_type), false);
		Dwarf_Die e;
		if (die_at(d, et, &e)) {
			attr_int(d, e, DW_AT_byte_size, elem_size);
			dwarf_dealloc_die(e);
		}
		Dwarf_Die c = NULL;
		if (dwarf_child(die, &c, &d->err) == DW_DLV_OK) {
			if (die_tag(d, c) == DW_TAG_subrange_type) {
				int64_t v;
				if (attr_int(d, c, DW_AT_count, &v))
					n = v;
				else if (attr_int(d, c, DW_AT_upper_bound, &v))
					n = v + 1;
			}
			dwarf_dealloc_die(c);
		}
		dw_clear_err(d);
		if (n < 0 && bytes >= 0 && *elem_size > 0)
			n = bytes / *elem_size;
	}
	dwarf_dealloc_die(die);
	return n;
}

static uint32_t name_hash32(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static void hash_names(const char *const *names, int n, uint32_t *hashes)
{
	for (int i = 0; i < n; i++)
		hashes[i] = name_hash32(names[i]);
}

/* The first i with names[i] == name, -1 if none. Called for every top-level
 * DIE of the runtime CU: the hashes spare most string compares. */
static int find_name(const char *const *names, const uint32_t *hashes, int n, const char *name)
{
	uint32_t h = name_hash32(name);
	for (int i = 0; i < n; i++)
		if (hashes[i] == h && !strcmp(names[i], name))
			return i;
	return -1;
}

/* One top-level DIE of a runtime CU. */
static void visit_top(struct dw *d, Dwarf_Die die)
{
	Dwarf_Half tag = die_tag(d, die);
	if (tag != DW_TAG_variable && tag != DW_TAG_constant && tag != DW_TAG_structure_type &&
	    tag != DW_TAG_typedef)
		return;
	const char *name = die_name(d, die);
	if (!name)
		return;
	/* every name we look for has a "runtime" or "internal/runtime" prefix */
	if (name[0] != 'r' && name[0] != 'i')
		return;
	int i;
	if (tag == DW_TAG_variable) {
		if ((i = find_name(var_names, d->var_hash, NVARS, name)) >= 0 && !d->var_found[i]) {
			uint64_t addr = 0;
			if (var_location(d, die, &addr)) {
				d->var_found[i] = true;
				d->var_addr[i] = addr;
				d->var_type[i] = attr_ref(d, die, DW_AT_type);
			}
		}
	} else if (tag == DW_TAG_constant) {
		if ((i = find_name(const_names, d->const_hash, NCONSTS, name)) >= 0 && !d->const_found[i]) {
			int64_t v;
			if (attr_int(d, die, DW_AT_const_value, &v)) {
				d->const_found[i] = true;
				d->const_val[i] = v;
			}
		}
	} else if ((i = find_name(type_names, d->type_hash, NTYPES, name)) >= 0 && !d->type_die[i]) {
		Dwarf_Off off = 0;
		if (dwarf_dieoffset(die, &off, &d->err) == DW_DLV_OK)
			d->type_die[i] = off;
		dw_clear_err(d);
	}
}

/* Calls visit on every top-level DIE of every compile unit (only the one
 * named only_cu when not NULL; its version into d->cu_version). A unit
 * that cannot be read is skipped; its DIEs are kept up to an error. */
static struct gm_error *each_top_die(struct dw *d, const char *only_cu,
				     void (*visit)(struct dw *d, Dwarf_Die die, void *arg), void *arg)
{
	unsigned ncu = 0;
	for (; ncu < MAX_CUS; ncu++) {
		Dwarf_Unsigned hlen = 0, typeoff = 0, next = 0;
		Dwarf_Half ver = 0, asz = 0, lsz = 0, esz = 0, utype = 0;
		Dwarf_Off aoff = 0;
		Dwarf_Sig8 sig;
		int r = dwarf_next_cu_header_d(d->dbg, true, &hlen, &ver, &aoff, &asz, &lsz, &esz,
					       &sig, &typeoff, &next, &utype, &d->err);
		if (r == DW_DLV_NO_ENTRY)
			break;
		if (r != DW_DLV_OK)
			return dw_error(d, "reading a compile unit header");
		Dwarf_Die cu = NULL;
		if (dwarf_siblingof_b(d->dbg, NULL, true, &cu, &d->err) != DW_DLV_OK) {
			dw_clear_err(d);
			continue;
		}
		if (only_cu) {
			const char *name = die_name(d, cu);
			if (!name || strcmp(name, only_cu) != 0) {
				dwarf_dealloc_die(cu);
				continue;
			}
			if (!d->cu_version)
				d->cu_version = ver;
		}
		Dwarf_Die c = NULL;
		r = dwarf_child(cu, &c, &d->err);
		dwarf_dealloc_die(cu);
		if (r != DW_DLV_OK) {
			dw_clear_err(d);
			continue;
		}
		for (unsigned n = 0; n < MAX_TOP_DIES; n++) {
			visit(d, c, arg);
			Dwarf_Die s = NULL;
			r = dwarf_siblingof_b(d->dbg, c, true, &s, &d->err);
			dwarf_dealloc_die(c);
			if (r != DW_DLV_OK) {
				if (r == DW_DLV_ERROR) {
					/* keep what we have: the unit was read up to here */
					dw_clear_err(d);
				}
				break;
			}
			c = s;
		}
	}
	if (ncu == MAX_CUS)
		return gm_error_create(GM_ERR_FORMAT, "DWARF: too many compile units");
	return NULL;
}

static void visit_runtime(struct dw *d, Dwarf_Die die, void *arg)
{
	(void)arg;
	visit_top(d, die);
}

static struct gm_error *walk_runtime_cus(struct dw *d)
{
	return each_top_die(d, "runtime", visit_runtime, NULL);
}

#define MAX_STRUCT_SIZE 65536

/* The DWARF is input too: the fields every walker needs must be there, and
 * every offset must lie inside its struct. */
static struct gm_error *validate(const struct gm_layout *l)
{
	static const struct {
		const char *what;
		size_t off;
	} need[] = {
		{"runtime.g.stack", offsetof(struct gm_layout, g_stack_lo)},
		{"runtime.g.stack.hi", offsetof(struct gm_layout, g_stack_hi)},
		{"runtime.g.sched.sp", offsetof(struct gm_layout, g_sched_sp)},
		{"runtime.g.sched.pc", offsetof(struct gm_layout, g_sched_pc)},
		{"runtime.g.atomicstatus", offsetof(struct gm_layout, g_atomicstatus)},
		{"runtime.g.goid", offsetof(struct gm_layout, g_goid)},
		{"runtime.g.waitreason", offsetof(struct gm_layout, g_waitreason)},
		{"runtime.g.gopc", offsetof(struct gm_layout, g_gopc)},
		{"runtime.m.curg", offsetof(struct gm_layout, m_curg)},
		{"runtime.m.alllink", offsetof(struct gm_layout, m_alllink)},
		{"runtime.m.procid", offsetof(struct gm_layout, m_procid)},
	};
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		int32_t v;
		memcpy(&v, (const char *)l + need[i].off, sizeof(v));
		if (v < 0)
			return gm_error_create(GM_ERR_LOOKUP, "DWARF: %s not found", need[i].what);
	}
	/* the roots of every walk: without them the DWARF is damaged (a
	 * variable DIE lost), and the symbol table the gorts path uses still
	 * knows them */
	if (!l->allgs || !l->allglen || !l->allm)
		return gm_error_create(GM_ERR_LOOKUP, "DWARF: runtime.%s not found",
				       !l->allgs ? "allgs" : !l->allglen ? "allglen" : "allm");
	if (l->g_size <= 0 || l->g_size > MAX_STRUCT_SIZE || l->m_size <= 0 ||
	    l->m_size > MAX_STRUCT_SIZE)
		return gm_error_create(GM_ERR_FORMAT, "DWARF: implausible sizeof(g) %d / sizeof(m) %d",
				       l->g_size, l->m_size);
	for (size_t i = 0; i < gm_layout_nfields; i++) {
		const struct gm_layout_field *f = &gm_layout_fields[i];
		bool isg = !strncmp(f->name, "g_", 2) && strcmp(f->name, "g_size");
		bool ism = !strncmp(f->name, "m_", 2) && strcmp(f->name, "m_size");
		if (!isg && !ism)
			continue;
		int64_t v = gm_layout_field_get(l, f);
		/* a present field has at least one byte inside the struct */
		if (v >= (isg ? l->g_size : l->m_size))
			return gm_error_create(GM_ERR_FORMAT, "DWARF: %s offset %lld outside the struct",
					       f->name, (long long)v);
	}
	if (l->sched_lastpoll > MAX_STRUCT_SIZE || l->debug_tracebacklabels > MAX_STRUCT_SIZE ||
	    l->sched_goidgen > MAX_STRUCT_SIZE || l->sched_mnext > MAX_STRUCT_SIZE ||
	    l->sched_nmfreed > MAX_STRUCT_SIZE || l->work_tstart > MAX_STRUCT_SIZE ||
	    l->work_tend > MAX_STRUCT_SIZE)
		return gm_error_create(GM_ERR_FORMAT, "DWARF: implausible schedt/debug offsets");
	return NULL;
}

/* Loads the struct named by type_names[a] (else [b]); false if neither. */
static bool struct_load2(struct dw *d, int a, int b, struct sinfo *s)
{
	if (d->type_die[a] && struct_load(d, type_resolve(d, d->type_die[a], false), s))
		return true;
	return b >= 0 && d->type_die[b] &&
	       struct_load(d, type_resolve(d, d->type_die[b], false), s);
}

static int32_t size32(const struct sinfo *s)
{
	return s->size >= 0 && s->size <= MAX_STRUCT_SIZE ? (int32_t)s->size : -1;
}

/* First of two member paths that exists. */
static int32_t path_off2(struct dw *d, const struct sinfo *s, const char *a, const char *b)
{
	int32_t r = path_off(d, s, a);
	return r >= 0 ? r : path_off(d, s, b);
}

/* Heap spans, specials, the finalizer and cleanup queues, type descriptors
 * (src/walk/finalizers.c). Whatever is missing stays -1: the finalizers command
 * says what it cannot read. */
static void fill_finalizers(struct dw *d, struct gm_layout *l, struct sinfo *s)
{
	if (struct_load2(d, T_MSPAN, -1, s)) {
		l->mspan_startaddr = path_off(d, s, "startAddr");
		l->mspan_npages = path_off(d, s, "npages");
		l->mspan_elemsize = path_off(d, s, "elemsize");
		l->mspan_specials = path_off(d, s, "specials");
		l->mspan_state = path_off(d, s, "state");
	}
	if (struct_load2(d, T_MHEAP, -1, s))
		l->mheap_allspans = path_off(d, s, "allspans");
	if (struct_load2(d, T_SPECIAL, -1, s)) {
		l->special_size = size32(s);
		l->special_next = path_off(d, s, "next");
		l->special_offset = path_off(d, s, "offset");
		l->special_kind = path_off(d, s, "kind");
	}
	if (struct_load2(d, T_SPFIN, -1, s)) {
		l->spfin_fn = path_off(d, s, "fn");
		l->spfin_ot = path_off(d, s, "ot");
	}
	if (struct_load2(d, T_SPCLEANUP, -1, s)) {
		l->spcleanup_fn = path_off(d, s, "fn");
		l->cleanup_fn_wrapped = 1;
		if (l->spcleanup_fn < 0) {
			l->spcleanup_fn = path_off(d, s, "cleanup.fn");
			l->cleanup_fn_wrapped = l->spcleanup_fn >= 0 ? 0 : -1;
		}
	}
	if (struct_load2(d, T_FINBLOCK, T_FINBLOCK125, s)) {
		l->finblock_size = size32(s);
		l->finblock_alllink = path_off(d, s, "alllink");
		l->finblock_next = path_off(d, s, "next");
		l->finblock_cnt = path_off(d, s, "cnt");
		l->finblock_fin = path_off(d, s, "fin");
	}
	if (struct_load2(d, T_FINALIZER, -1, s)) {
		l->finalizer_size = size32(s);
		l->finalizer_fn = path_off(d, s, "fn");
		l->finalizer_arg = path_off(d, s, "arg");
		l->finalizer_ot = path_off(d, s, "ot");
	}
	if (struct_load2(d, T_CLEANUPQ, -1, s))
		l->cleanupq_all = path_off(d, s, "all");
	if (struct_load2(d, T_CLEANUPBLOCK, -1, s)) {
		l->cleanupblock_size = size32(s);
		l->cleanupblock_alllink = path_off2(d, s, "alllink", "cleanupBlockHeader.alllink");
		l->cleanupblock_n = path_off2(d, s, "n", "cleanupBlockHeader.n");
		l->cleanupblock_cleanups = path_off(d, s, "cleanups");
		const struct member *m = struct_member(s, "cleanups", 8);
		int64_t esz = -1;
		int64_t cnt = m ? array_count(d, m->type, &esz) : -1;
		/* Go's pointer types carry no DW_AT_byte_size: derive it */
		if (cnt > 0 && esz <= 0 && s->size > l->cleanupblock_cleanups &&
		    l->cleanupblock_cleanups >= 0)
			esz = (s->size - l->cleanupblock_cleanups) / cnt;
		if (cnt > 0 && esz > 0 && esz <= 256) {
			l->cleanupblock_entsize = (int32_t)esz;
			l->cleanupblock_entfn = 0;
			if (esz != 8) { /* [N]cleanupFn (1.26+) */
				l->cleanupblock_entfn = -1;
				if (struct_load2(d, T_CLEANUPFN, -1, s))
					l->cleanupblock_entfn = path_off(d, s, "fn");
			}
		}
	}
	if (struct_load2(d, T_ABITYPE, T_RTYPE, s)) {
		l->type_tflag = path_off2(d, s, "TFlag", "tflag");
		l->type_str = path_off2(d, s, "Str", "str");
	}
	if (struct_load2(d, T_ABIPTRTYPE, T_RPTRTYPE, s))
		l->ptrtype_elem = path_off2(d, s, "Elem", "elem");
	if (struct_load2(d, T_MODULEDATA, -1, s)) {
		l->moduledata_types = path_off(d, s, "types");
		l->moduledata_etypes = path_off(d, s, "etypes");
	}
}

/* Heap statistics (mstats, heapStatsDelta, gcControllerState, mheap fixalloc
 * counters, mcache) and timers (p.timers, runtime.timer) for src/walk/heap.c and
 * src/walk/timers.c. Whatever is missing stays -1. */
static void fill_heap_timers(struct dw *d, struct gm_layout *l, struct sinfo *s)
{
	if (struct_load2(d, T_MSTATS, -1, s)) {
		l->mstats_heapstats = path_off(d, s, "heapStats");
		l->mstats_stacks_sys = path_off(d, s, "stacks_sys");
		l->mstats_mspan_sys = path_off(d, s, "mspan_sys");
		l->mstats_mcache_sys = path_off(d, s, "mcache_sys");
		l->mstats_buckhash_sys = path_off(d, s, "buckhash_sys");
		l->mstats_gcmisc_sys = path_off(d, s, "gcMiscSys");
		l->mstats_other_sys = path_off(d, s, "other_sys");
		l->mstats_last_gc_unix = path_off(d, s, "last_gc_unix");
		l->mstats_pause_total_ns = path_off(d, s, "pause_total_ns");
		l->mstats_numgc = path_off(d, s, "numgc");
		l->mstats_last_gc_nanotime = path_off(d, s, "last_gc_nanotime");
		l->mstats_pause_end = path_off(d, s, "pause_end");
	}
	if (struct_load2(d, T_HSD, -1, s)) {
		l->hsd_size = size32(s);
		l->hsd_in_stacks = path_off(d, s, "inStacks");
		l->hsd_in_workbufs = path_off(d, s, "inWorkBufs");
		l->hsd_in_ptrscalarbits = path_off(d, s, "inPtrScalarBits"); /* up to 1.24 */
		l->hsd_tiny_alloc_count = path_off(d, s, "tinyAllocCount");
		l->hsd_large_alloc = path_off(d, s, "largeAlloc");
		l->hsd_large_alloc_count = path_off(d, s, "largeAllocCount");
		l->hsd_small_alloc_count = path_off(d, s, "smallAllocCount");
		l->hsd_large_free = path_off(d, s, "largeFree");
		l->hsd_large_free_count = path_off(d, s, "largeFreeCount");
		l->hsd_small_free_count = path_off(d, s, "smallFreeCount");
		const struct member *m = struct_member(s, "smallAllocCount", 15);
		int64_t esz = -1;
		int64_t n = m ? array_count(d, m->type, &esz) : -1;
		if (n > 0 && n <= 256)
			l->hsd_nclasses = (int32_t)n;
	}
	if (struct_load2(d, T_GCC, -1, s)) {
		l->gcc_gc_percent = path_off(d, s, "gcPercent");
		l->gcc_memory_limit = path_off(d, s, "memoryLimit");
		l->gcc_heap_goal = path_off(d, s, "gcPercentHeapGoal");
		l->gcc_sweep_dist_min_trigger = path_off(d, s, "sweepDistMinTrigger");
		l->gcc_triggered = path_off(d, s, "triggered");
		l->gcc_heap_marked = path_off(d, s, "heapMarked");
		l->gcc_heap_inuse = path_off(d, s, "heapInUse");
		l->gcc_heap_released = path_off(d, s, "heapReleased");
		l->gcc_heap_free = path_off(d, s, "heapFree");
		l->gcc_total_alloc = path_off(d, s, "totalAlloc");
		l->gcc_total_free = path_off(d, s, "totalFree");
		l->gcc_mapped_ready = path_off(d, s, "mappedReady");
	}
	if (struct_load2(d, T_MHEAP, -1, s)) {
		int32_t sa = path_off(d, s, "spanalloc"), ca = path_off(d, s, "cachealloc");
		struct sinfo *f = malloc(sizeof(*f));
		if (f && struct_load2(d, T_FIXALLOC, -1, f)) {
			int32_t in = path_off(d, f, "inuse");
			if (in >= 0 && sa >= 0)
				l->mheap_spanalloc_inuse = sa + in;
			if (in >= 0 && ca >= 0)
				l->mheap_cachealloc_inuse = ca + in;
		}
		free(f);
		l->mheap_allarenas = path_off2(d, s, "allArenas", "heapArenas"); /* 1.25 renamed it */
		l->mheap_arenas = path_off(d, s, "arenas");
	}
	if (struct_load2(d, T_MSPAN, -1, s)) {
		l->mspan_spanclass = path_off(d, s, "spanclass");
		l->mspan_alloccount = path_off(d, s, "allocCount");
		l->mspan_alloccount_bc = path_off(d, s, "allocCountBeforeCache");
		l->mspan_nelems = path_off(d, s, "nelems");
		l->mspan_freeindex = path_off(d, s, "freeindex");
		l->mspan_allocbits = path_off(d, s, "allocBits");
		l->mspan_largetype = path_off(d, s, "largeType"); /* 1.22+ */
	}
	if (struct_load2(d, T_P, -1, s)) {
		l->p_mcache = path_off(d, s, "mcache");
		l->p_timers = path_off(d, s, "timers");
		l->p_timers_heap = path_off(d, s, "timers.heap"); /* 1.23+ */
	}
	if (struct_load2(d, T_MCACHE, -1, s)) {
		l->mcache_alloc = path_off(d, s, "alloc");
		l->mcache_tinyallocs = path_off(d, s, "tinyAllocs");
		const struct member *m = struct_member(s, "alloc", 5);
		int64_t esz = -1;
		int64_t n = m ? array_count(d, m->type, &esz) : -1;
		if (n > 0 && n <= 1024)
			l->mcache_nalloc = (int32_t)n;
	}
	if (struct_load2(d, T_TIMER, -1, s)) {
		l->timer_when = path_off(d, s, "when");
		l->timer_period = path_off(d, s, "period");
		l->timer_f = path_off(d, s, "f");
		l->timer_arg = path_off(d, s, "arg");
		l->timer_status = path_off2(d, s, "status", "state");
		l->timer_nextwhen = path_off(d, s, "nextwhen"); /* up to 1.22 */
		l->timer_ischan = path_off(d, s, "isChan");     /* 1.23+ */
	}
	if (struct_load2(d, T_TIMERWHEN, -1, s))
		l->timerwhen_size = size32(s);
	/* the heap profile's buckets (src/memprof.c) */
	if (struct_load2(d, T_BUCKET, -1, s)) {
		l->bucket_hdr_size = size32(s);
		l->bucket_allnext = path_off(d, s, "allnext");
		l->bucket_typ = path_off(d, s, "typ");
		l->bucket_size = path_off(d, s, "size");
		l->bucket_nstk = path_off(d, s, "nstk");
	}
	if (struct_load2(d, T_MEMRECORD, -1, s))
		l->memrecord_size = size32(s);
	if (struct_load2(d, T_MEMRECORDCYCLE, -1, s)) {
		l->memrecordcycle_size = size32(s);
		l->memrecordcycle_alloc_bytes = path_off(d, s, "alloc_bytes");
	}
	/* the sudogs a blocked goroutine waits with (src/walk/heapleak.c) */
	if (struct_load2(d, T_SUDOG, -1, s)) {
		l->sudog_size = size32(s);
		l->sudog_waitlink = path_off(d, s, "waitlink");
		l->sudog_elem = path_off(d, s, "elem");
		l->sudog_elem_addr = path_off2(d, s, "elem.vu", "elem"); /* 1.26+: maybeTraceablePtr */
		l->sudog_c = path_off(d, s, "c");
		l->sudog_c_addr = path_off2(d, s, "c.maybeTraceablePtr.vu", "c");
		l->sudog_g = path_off(d, s, "g");
		l->sudog_prev = path_off(d, s, "prev");
		l->sudog_next = path_off(d, s, "next");
	}
	if (struct_load2(d, T_SEMAROOT, -1, s))
		l->semaroot_treap = path_off(d, s, "treap");
	if (d->var_found[V_SEMTABLE] && d->var_type[V_SEMTABLE]) {
		int64_t esz = -1, n = array_count(d, d->var_type[V_SEMTABLE], &esz);
		if (n > 0 && n <= 4096 && esz > 0 && esz <= 4096) {
			l->semtable_n = (int32_t)n;
			l->semtable_entsize = (int32_t)esz;
		}
	}
}

/* Fills l from the collected DIEs; *wr_n / *gs_n receive the lengths of
 * runtime.waitReasonStrings / gStatusStrings (read from the executable by
 * the caller, outside libdwarf). */
static struct gm_error *fill_layout(struct dw *d, const struct gm_gobin *gb, struct gm_layout *l,
				    struct sinfo *s, int *wr_n_out, int *gs_n_out)
{
	/* runtime.g */
	Dwarf_Off goff = d->type_die[T_G];
	Dwarf_Off moff = d->type_die[T_M];
	if (!moff && d->var_found[V_ALLM])
		moff = type_resolve(d, d->var_type[V_ALLM], true);
	if (!struct_load(d, moff, s))
		return gm_error_create(GM_ERR_LOOKUP, "DWARF: type runtime.m not found");
	l->m_size = s->size <= INT32_MAX ? (int32_t)s->size : -1;
	l->m_g0 = path_off(d, s, "g0");
	l->m_procid = path_off(d, s, "procid");
	l->m_curg = path_off(d, s, "curg");
	l->m_id = path_off(d, s, "id");
	l->m_alllink = path_off(d, s, "alllink");
	l->m_lockedg = path_off(d, s, "lockedg");
	l->m_throwing = path_off(d, s, "throwing");
	l->m_p = path_off(d, s, "p");
	l->m_gsignal = path_off(d, s, "gsignal");
	l->m_incgo = path_off(d, s, "incgo");
	l->m_ncgocall = path_off(d, s, "ncgocall");
	l->m_ncgo = path_off(d, s, "ncgo");
	if (!goff) {
		const struct member *curg = struct_member(s, "curg", 4);
		if (curg)
			goff = type_resolve(d, curg->type, true);
	}

	if (!struct_load(d, goff, s))
		return gm_error_create(GM_ERR_LOOKUP, "DWARF: type runtime.g not found");
	l->g_size = s->size <= INT32_MAX ? (int32_t)s->size : -1;
	l->g_stack_lo = path_off(d, s, "stack.lo");
	l->g_stack_hi = path_off(d, s, "stack.hi");
	l->g_m = path_off(d, s, "m");
	l->g_sched_sp = path_off(d, s, "sched.sp");
	l->g_sched_pc = path_off(d, s, "sched.pc");
	l->g_sched_bp = path_off(d, s, "sched.bp");
	l->g_sched_lr = path_off(d, s, "sched.lr");
	l->g_syscallsp = path_off(d, s, "syscallsp");
	l->g_syscallpc = path_off(d, s, "syscallpc");
	l->g_syscallbp = path_off(d, s, "syscallbp"); /* Go 1.23+ */
	l->g_atomicstatus = path_off(d, s, "atomicstatus");
	l->g_goid = path_off(d, s, "goid");
	l->g_waitsince = path_off(d, s, "waitsince");
	l->g_waitreason = path_off(d, s, "waitreason");
	l->g_lockedm = path_off(d, s, "lockedm");
	l->g_parent_goid = path_off(d, s, "parentGoid"); /* Go 1.21+ */
	l->g_gopc = path_off(d, s, "gopc");
	l->g_ancestors = path_off(d, s, "ancestors");
	l->g_startpc = path_off(d, s, "startpc");
	l->g_labels = path_off(d, s, "labels");
	l->g_running_cleanups = path_off(d, s, "runningCleanups"); /* Go 1.25+ */
	/* Go 1.25 renamed g.syncGroup (*synctestGroup, 1.24) to g.bubble */
	l->g_bubble = path_off(d, s, "bubble");
	if (l->g_bubble < 0)
		l->g_bubble = path_off(d, s, "syncGroup");
	l->g_timer = path_off(d, s, "timer");
	l->g_waiting = path_off(d, s, "waiting");

	Dwarf_Off schedt = d->type_die[T_SCHEDT];
	if (!schedt && d->var_found[V_SCHED])
		schedt = type_resolve(d, d->var_type[V_SCHED], false);
	if (struct_load(d, schedt, s)) {
		l->sched_lastpoll = path_off(d, s, "lastpoll");
		l->sched_goidgen = path_off(d, s, "goidgen");
		l->sched_mnext = path_off(d, s, "mnext");
		l->sched_nmfreed = path_off(d, s, "nmfreed");
	}
	/* runtime.work is a runtime.workType */
	if (d->var_found[V_WORK] && struct_load(d, type_resolve(d, d->var_type[V_WORK], false), s)) {
		l->work_tstart = path_off(d, s, "tstart");
		l->work_tend = path_off(d, s, "tEnd");
	}

	/* runtime.debug is `var debug struct{...}`: an anonymous struct type */
	if (d->var_found[V_DEBUG] &&
	    struct_load(d, type_resolve(d, d->var_type[V_DEBUG], false), s))
		l->debug_tracebacklabels = path_off(d, s, "tracebacklabels"); /* Go 1.26+ */

	/* globals */
	uint64_t *const gaddr[NVARS] = {
		[V_ALLGS] = &l->allgs,
		[V_ALLGLEN] = &l->allglen,
		[V_ALLM] = &l->allm,
		[V_SCHED] = &l->sched,
		[V_DEBUG] = &l->debug,
		[V_FING] = &l->fing,
		[V_FINGSTATUS] = &l->fing_status,
		[V_FINGRUNNING] = &l->fing_running,
		[V_MEMSTATS] = &l->memstats,
		[V_WAITREASONSTRINGS] = &l->waitreason_strings_addr,
		[V_GSTATUSSTRINGS] = &l->gstatus_strings_addr,
		[V_BUILDVERSION] = &l->buildversion,
		[V_MHEAP] = &l->mheap,
		[V_FINQ] = &l->finq,
		[V_ALLFIN] = &l->allfin,
		[V_GCCLEANUPS] = &l->gc_cleanups,
		[V_FINGWAIT] = &l->fingwait,
		[V_GCCONTROLLER] = &l->gc_controller,
		[V_ALLP] = &l->allp,
		[V_EMPTYMSPAN] = &l->emptymspan,
		[V_WORK] = &l->work,
		[V_RUNTIMEINITTIME] = &l->runtime_init_time,
		[V_SEMTABLE] = &l->semtable,
	};
	for (int i = 0; i < NVARS; i++)
		if (d->var_found[i]) /* DWARF has link-time addresses: add a PIE's load bias */
			*gaddr[i] = d->var_addr[i] ? d->var_addr[i] + gb->bias : 0;

	/* constants */
	int32_t *const cval[NCONSTS] = {
		&l->gs_idle,  &l->gs_runnable, &l->gs_running,   &l->gs_syscall, &l->gs_waiting,
		&l->gs_dead,  &l->gs_copystack, &l->gs_preempted, &l->gs_leaked,  &l->gs_deadextra,
		[C_KFINALIZER] = &l->kind_finalizer,
		[C_KWEAKHANDLE] = &l->kind_weakhandle,
		[C_KPROFILE] = &l->kind_profile,
		[C_KREACHABLE] = &l->kind_reachable,
		[C_KPINCOUNTER] = &l->kind_pincounter,
		[C_KCLEANUP] = &l->kind_cleanup,
		[C_KTINYBLOCK] = &l->kind_tinyblock,
		[C_KCHECKFINALIZER] = &l->kind_checkfinalizer,
		[C_KBUBBLE] = &l->kind_bubble,
		[C_KSECRET] = &l->kind_secret,
		[C_MSPANINUSE] = &l->mspan_inuse,
	};
	for (int i = 0; i < NCONSTS; i++)
		if (cval[i] && d->const_found[i] && d->const_val[i] >= 0 &&
		    d->const_val[i] <= INT32_MAX)
			*cval[i] = (int32_t)d->const_val[i];
	if (d->const_found[C_GSCAN] && d->const_val[C_GSCAN] > 0 &&
	    d->const_val[C_GSCAN] <= UINT32_MAX)
		l->gs_scan = (uint32_t)d->const_val[C_GSCAN];
	if (d->const_found[C_FINGRUNNINGFINALIZER] && d->const_val[C_FINGRUNNINGFINALIZER] > 0 &&
	    d->const_val[C_FINGRUNNINGFINALIZER] <= UINT32_MAX)
		l->fing_running_finalizer_bit = (uint32_t)d->const_val[C_FINGRUNNINGFINALIZER];

	/* labels representation */
	l->labels_kind = 0;
	if (d->type_die[T_LABEL_SET]) {
		l->labels_kind = GM_LABELS_SLICE; /* Go 1.26+ internal/runtime/pprof/label */
	} else if (d->type_die[T_PPROF_LABELMAP]) {
		Dwarf_Die die;
		if (die_at(d, d->type_die[T_PPROF_LABELMAP], &die)) {
			int64_t kind = -1;
			attr_int(d, die, DW_AT_go_kind, &kind);
			if (kind == GO_KIND_MAP)
				l->labels_kind = GM_LABELS_MAP;
			else if (kind == GO_KIND_STRUCT || die_tag(d, die) == DW_TAG_structure_type)
				l->labels_kind = GM_LABELS_SLICE;
			dwarf_dealloc_die(die);
		}
	}
	if (!l->labels_kind)
		l->labels_kind = gm_layout__labels_kind_for(gb->go_minor);

	fill_finalizers(d, l, s);
	fill_heap_timers(d, l, s);

	struct gm_error *verr = validate(l);
	if (verr)
		return verr;

	/* runtime strings: [N]string in .data */
	int wr_n = 0, gs_n = 0;
	for (int v = 0; v < 2; v++) {
		int vi = v ? V_GSTATUSSTRINGS : V_WAITREASONSTRINGS;
		if (!d->var_found[vi])
			continue;
		int64_t esz = -1;
		int64_t n = array_count(d, d->var_type[vi], &esz);
		uint64_t symsz = 0, symaddr = 0;
		if (n < 0 && gm_gobin_sym(gb, var_names[vi], &symaddr, &symsz))
			n = (int64_t)(symsz / 16);
		if (esz >= 0 && esz != 16)
			return gm_error_create(GM_ERR_FORMAT, "DWARF: %s is not a string array",
					       var_names[vi]);
		if (n < 0)
			n = 0;
		if (v)
			gs_n = n > GM_MAX_GSTATUS ? GM_MAX_GSTATUS : (int)n;
		else
			wr_n = n > GM_MAX_WAITREASONS ? GM_MAX_WAITREASONS : (int)n;
	}
	*wr_n_out = wr_n;
	*gs_n_out = gs_n;
	return NULL;
}


/* ---- Checks of the sections libdwarf walks on its own ----
 *
 * libdwarf 20210528 (Debian bookworm) loads .debug_rnglists and
 * .debug_loclists the first time it reads a compile unit header
 * (_dwarf_load_debug_info -> dwarf_load_rnglists / dwarf_load_loclists) and
 * splits them into units. When a unit header of .debug_rnglists cannot be
 * read (length past the section, version not 5, address size not 2/4/8,
 * header cut by the section end), internal_load_rnglists_contexts frees the
 * new context and the whole chain but does not return: it links the freed
 * context into the freed chain and frees both again (a double free, abort).
 * Its .debug_loclists twin (internal_load_loclists_contexts) returns there.
 * So before libdwarf sees the file, every unit header of .debug_rnglists is
 * checked, stricter than libdwarf: each unit lies inside the section, has
 * version 5, address size 2, 4 or 8, segment selector size 0 and an offset
 * table inside the unit. Every section whose name is .debug_rnglists or
 * .zdebug_rnglists (or their .dwo forms) is checked, so a duplicate cannot
 * slip past. What fails goes to the gorts tables with the reason; the child
 * process (below) catches what these checks do not foresee.
 * .debug_loclists is not checked: libdwarf handles its header errors, and
 * inflating it costs about 20 ms on a 37 MB executable (2 MB compressed);
 * .debug_addr and .debug_str_offsets are read lazily, through the same
 * child. */

#define SHF_COMPRESSED_ 0x800u
#define MAX_INFLATED (1ull << 30)

/* The bytes libdwarf would see for section v: inflated when compressed
 * (SHF_COMPRESSED with an Elf64_Chdr, or Go's old .zdebug_ "ZLIB" + big
 * endian size). *owned is set when *out was allocated. */
static bool section_bytes(const struct gm_gobin_section_view *v, const uint8_t **out, size_t *n,
			  uint8_t **owned, char *why, size_t whyn)
{
	*owned = NULL;
	if (!v->data) {
		snprintf(why, whyn, "outside the file");
		return false;
	}
	const uint8_t *src = v->data, *z = NULL;
	uint64_t zn = 0, want = 0;
	if (v->flags & SHF_COMPRESSED_) {
		if (v->size < 24 || gm_rd32(src) != 1 /* ELFCOMPRESS_ZLIB */) {
			snprintf(why, whyn, "compressed with an unknown method");
			return false;
		}
		want = gm_rd64(src + 8);
		z = src + 24;
		zn = v->size - 24;
	} else if (v->name && !strncmp(v->name, ".zdebug", 7)) {
		if (v->size < 12 || memcmp(src, "ZLIB", 4)) {
			snprintf(why, whyn, "no ZLIB header");
			return false;
		}
		for (int i = 4; i < 12; i++)
			want = (want << 8) | src[i];
		z = src + 12;
		zn = v->size - 12;
	} else {
		*out = src;
		*n = (size_t)v->size;
		return true;
	}
	/* zlib's largest expansion is about 1032:1 */
	if (want > MAX_INFLATED || (zn < want / 1032 && want > 1032)) {
		snprintf(why, whyn, "implausible uncompressed size %llu", (unsigned long long)want);
		return false;
	}
	uint8_t *buf = malloc(want ? (size_t)want : 1);
	if (!buf) {
		snprintf(why, whyn, "out of memory inflating %llu bytes", (unsigned long long)want);
		return false;
	}
	z_stream zs;
	memset(&zs, 0, sizeof(zs));
	if (inflateInit(&zs) != Z_OK) {
		free(buf);
		snprintf(why, whyn, "zlib init failed");
		return false;
	}
	zs.next_in = (Bytef *)z;
	zs.next_out = buf;
	zs.avail_out = (uInt)want;
	int r = Z_OK;
	uint64_t left = zn;
	/* avail_in is 32 bits: feed the stream in slices */
	while (r == Z_OK) {
		if (!zs.avail_in && left) {
			zs.avail_in = left > (1u << 30) ? (1u << 30) : (uInt)left;
			left -= zs.avail_in;
		}
		r = inflate(&zs, Z_NO_FLUSH);
		if (r == Z_BUF_ERROR && !zs.avail_in && !left)
			break;
	}
	uint64_t got = zs.total_out;
	inflateEnd(&zs);
	if (r != Z_STREAM_END || got != want) {
		free(buf);
		snprintf(why, whyn, "zlib data damaged (%llu of %llu bytes inflated)",
			 (unsigned long long)got, (unsigned long long)want);
		return false;
	}
	*out = *owned = buf;
	*n = (size_t)want;
	return true;
}

/* DWARF 5 list-section unit headers (see above); false with the reason. */
bool gm_layout__list_units_ok(const uint8_t *p, size_t n, char *why, size_t whyn)
{
	size_t off = 0;
	for (unsigned units = 0; off < n; units++) {
		if (units >= (1u << 24)) {
			snprintf(why, whyn, "more than %u units", 1u << 24);
			return false;
		}
		if (n - off < 4) {
			snprintf(why, whyn, "unit at 0x%zx: length cut by the section end", off);
			return false;
		}
		uint64_t len = gm_rd32(p + off), hdr = 4, offsz = 4;
		if (len == 0xffffffffu) {
			if (n - off < 12) {
				snprintf(why, whyn, "unit at 0x%zx: length cut by the section end", off);
				return false;
			}
			len = gm_rd64(p + off + 4);
			hdr = 12;
			offsz = 8;
		} else if (len >= 0xfffffff0u) {
			snprintf(why, whyn, "unit at 0x%zx: reserved length 0x%llx", off,
				 (unsigned long long)len);
			return false;
		}
		if (len > n - off - hdr) {
			snprintf(why, whyn, "unit at 0x%zx: length 0x%llx runs past the section end (0x%zx)",
				 off, (unsigned long long)len, n);
			return false;
		}
		const uint8_t *u = p + off + hdr;
		if (len < 8) {
			snprintf(why, whyn, "unit at 0x%zx: length 0x%llx shorter than its header", off,
				 (unsigned long long)len);
			return false;
		}
		unsigned ver = gm_rd16(u), asz = u[2], seg = u[3];
		uint64_t count = gm_rd32(u + 4);
		if (ver != 5 || (asz != 2 && asz != 4 && asz != 8) || seg != 0) {
			snprintf(why, whyn, "unit at 0x%zx: version %u, address size %u, segment selector size %u",
				 off, ver, asz, seg);
			return false;
		}
		if (count > (len - 8) / offsz) {
			snprintf(why, whyn, "unit at 0x%zx: %llu offsets do not fit in the unit", off,
				 (unsigned long long)count);
			return false;
		}
		off += (size_t)(hdr + len);
	}
	return true;
}

static bool name_is(const char *name, const char *base)
{
	/* .debug_X, .zdebug_X, and their .dwo forms */
	size_t bl = strlen(base);
	if (!strncmp(name, ".debug_", 7) && !strncmp(name + 7, base, bl))
		return name[7 + bl] == 0 || !strcmp(name + 7 + bl, ".dwo");
	if (!strncmp(name, ".zdebug_", 8) && !strncmp(name + 8, base, bl))
		return name[8 + bl] == 0 || !strcmp(name + 8 + bl, ".dwo");
	return false;
}

struct gm_error *gm_layout__check_dwarf_sections(const struct gm_gobin *gb)
{
	struct gm_gobin_section_view v;
	for (size_t i = 0; i < (1u << 16) && gm_gobin_section_at(gb, i, &v); i++) {
		if (!v.name || !name_is(v.name, "rnglists"))
			continue;
		if (v.type == 8 /* SHT_NOBITS: what libdwarf would make of it is unclear */)
			return gm_error_create(GM_ERR_FORMAT, "%s: no data in the file (NOBITS)", v.name);
		char why[160];
		const uint8_t *p;
		size_t n;
		uint8_t *owned;
		bool ok = section_bytes(&v, &p, &n, &owned, why, sizeof(why)) &&
			  gm_layout__list_units_ok(p, n, why, sizeof(why));
		free(owned);
		if (!ok)
			return gm_error_create(GM_ERR_FORMAT, "%s: %s", v.name, why);
	}
	return NULL;
}

/* ---- libdwarf, in-process part ---- */

/* libdwarf calls this for an error raised where it was given no Dwarf_Error
 * pointer; without a handler it would print to stdout and abort(). The
 * failing call returns DW_DLV_ERROR to its caller either way. */
static void dw_errhand(Dwarf_Error e, Dwarf_Ptr arg)
{
	(void)e;
	if (arg)
		(*(unsigned *)arg)++;
}

/* Everything that calls libdwarf: fills l (strings excepted) and the string
 * table lengths. */
static struct gm_error *dwarf_extract(const struct gm_gobin *gb, struct gm_layout *l, int *wr_n,
				      int *gs_n)
{
	struct dw *d = calloc(1, sizeof(*d));
	struct sinfo *s = malloc(sizeof(*s));
	struct gm_error *err = NULL;
	static unsigned handler_errors;
	if (!d || !s) {
		err = &gm_error_nomem;
		goto out;
	}
	/* No debuglink following (true_path buffer NULL). Errors come back
	 * through d->err; dw_errhand covers libdwarf's internal calls made
	 * without an error pointer. */
	int r = dwarf_init_path(gb->path, NULL, 0, DW_DLC_READ, DW_GROUPNUMBER_ANY, dw_errhand,
				&handler_errors, &d->dbg, NULL, 0, NULL, &d->err);
	if (r == DW_DLV_NO_ENTRY) {
		err = gm_error_create(GM_ERR_LOOKUP, "%s has no DWARF", gb->path);
		goto out;
	}
	if (r != DW_DLV_OK) {
		err = gm_error_wrap(dw_error(d, "opening"), "%s", gb->path);
		d->dbg = NULL;
		goto out;
	}
	hash_names(var_names, NVARS, d->var_hash);
	hash_names(const_names, NCONSTS, d->const_hash);
	hash_names(type_names, NTYPES, d->type_hash);
	err = walk_runtime_cus(d);
	if (err)
		goto out;
	l->dwarf_version = d->cu_version;
	err = fill_layout(d, gb, l, s, wr_n, gs_n);
out:
	if (d && d->dbg) {
		dw_clear_err(d);
		dwarf_finish(d->dbg, &d->err);
		if (d->err)
			dwarf_dealloc_error(NULL, d->err);
	}
	free(d);
	free(s);
	return err;
}

/* ---- libdwarf in a child process ----
 *
 * A libdwarf bug the checks above do not foresee (a crash, an endless loop)
 * must not take gomortem down: the extraction runs in a forked child that
 * sends the result (struct gm_layout is plain data until the strings are
 * read, which the parent does from its own mapping of the executable) back
 * through a pipe. A child that dies, or runs past the timeout (killed),
 * becomes an error, and gm_layout_load falls back to the gorts tables. */

#define DWARF_TIMEOUT_MS 30000
#define MSG_MAGIC 0x676d6477u /* "gmdw" */

/* what the child sends: this header, then len bytes of the job's result */
struct child_hdr {
	uint32_t magic;
	int32_t errcode; /* 0: success */
	char errmsg[sizeof(((struct gm_error *)0)->msg)];
	uint64_t len;
};

/* a job: fills *out (malloc'd, *len bytes) from gb's DWARF */
typedef struct gm_error *(*dwarf_job)(const struct gm_gobin *gb, void *arg, void **out, size_t *len);

static int dwarf_timeout_ms(void)
{
	const char *e = getenv("GM_DWARF_TIMEOUT_MS");
	if (e && *e) {
		char *end;
		long v = strtol(e, &end, 10);
		if (!*end && v > 0 && v <= 3600000)
			return (int)v;
	}
	return DWARF_TIMEOUT_MS;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool write_all(int fd, const void *buf, size_t left)
{
	const char *p = buf;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		left -= (size_t)w;
	}
	return true;
}

static void child_main(const struct gm_gobin *gb, dwarf_job job, void *arg, int wfd)
{
	/* stdout and stderr are not the child's: a stray libdwarf print, a
	 * flush of the parent's buffered output copied by fork, glibc's "double
	 * free detected" must not reach them (the parent says in one line what
	 * happened) */
	int dn = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (dn >= 0) {
		dup2(dn, STDOUT_FILENO);
		dup2(dn, STDERR_FILENO);
		close(dn);
	}
	struct child_hdr h = {.magic = MSG_MAGIC};
	void *out = NULL;
	size_t len = 0;
	struct gm_error *err = job(gb, arg, &out, &len);
	if (err) {
		h.errcode = (int32_t)err->code;
		snprintf(h.errmsg, sizeof(h.errmsg), "%s", err->msg);
		len = 0;
	}
	h.len = len;
	if (!write_all(wfd, &h, sizeof(h)) || (len && !write_all(wfd, out, len)))
		_exit(4);
	_exit(0); /* no atexit handlers, no stdio flush of the parent's buffers */
}

/* reads n bytes before the deadline; false on EOF, error or time out */
static bool read_all(int fd, void *buf, size_t n, int64_t deadline, bool *timed_out)
{
	size_t got = 0;
	while (got < n) {
		int64_t left = deadline - now_ms();
		if (left <= 0) {
			*timed_out = true;
			return false;
		}
		struct pollfd pf = {.fd = fd, .events = POLLIN};
		int r = poll(&pf, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return false;
		if (r == 0) {
			*timed_out = true;
			return false;
		}
		ssize_t k = read(fd, (char *)buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false; /* EOF: the child is gone */
		got += (size_t)k;
	}
	return true;
}

/* Runs job in a forked child and takes its result (at most maxlen bytes)
 * into *out / *outlen; *forked is false when fork itself failed (the
 * caller then runs the job in-process). */
static struct gm_error *run_in_child(const struct gm_gobin *gb, dwarf_job job, void *arg, size_t maxlen,
				     void **out, size_t *outlen, bool *forked)
{
	*forked = false;
	*out = NULL;
	*outlen = 0;
	int pfd[2];
	if (pipe2(pfd, O_CLOEXEC) != 0)
		return NULL;
	pid_t pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return NULL;
	}
	if (pid == 0) {
		close(pfd[0]);
		child_main(gb, job, arg, pfd[1]);
	}
	*forked = true;
	close(pfd[1]);
	int timeout = dwarf_timeout_ms();
	int64_t deadline = now_ms() + timeout;
	bool timed_out = false, complete = false, too_big = false;
	struct child_hdr h;
	void *buf = NULL;
	if (read_all(pfd[0], &h, sizeof(h), deadline, &timed_out) && h.magic == MSG_MAGIC) {
		if (h.errcode || !h.len) {
			complete = true;
		} else if (h.len > maxlen) {
			too_big = true;
		} else if (!(buf = malloc(h.len))) {
			close(pfd[0]);
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			return &gm_error_nomem;
		} else {
			complete = read_all(pfd[0], buf, h.len, deadline, &timed_out);
		}
	}
	close(pfd[0]);
	if (!complete)
		kill(pid, SIGKILL); /* timed out, or a short message: make sure it is gone */
	int st = 0;
	pid_t w;
	while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	struct gm_error *err = NULL;
	if (timed_out) {
		err = gm_error_create(GM_ERR_FORMAT, "libdwarf did not finish in %d ms (killed)",
				      timeout);
	} else if (too_big) {
		err = gm_error_create(GM_ERR_FORMAT, "the DWARF reader sent %llu bytes (at most %zu)",
				      (unsigned long long)h.len, maxlen);
	} else if (!complete) {
		char sb[32];
		if (w == pid && WIFSIGNALED(st)) {
			const char *a = sigabbrev_np(WTERMSIG(st));
			if (a)
				snprintf(sb, sizeof(sb), "SIG%s", a);
			else
				snprintf(sb, sizeof(sb), "signal %d", WTERMSIG(st));
			err = gm_error_create(GM_ERR_FORMAT, "libdwarf crashed (%s)", sb);
		} else if (w == pid && WIFEXITED(st)) {
			err = gm_error_create(GM_ERR_FORMAT, "the DWARF reader exited with status %d",
					      WEXITSTATUS(st));
		} else {
			err = gm_error_create(GM_ERR_FORMAT, "the DWARF reader died");
		}
	} else if (h.errcode) {
		h.errmsg[sizeof(h.errmsg) - 1] = 0;
		enum gm_err_code c = h.errcode >= GM_ERR_NOMEM && h.errcode <= GM_ERR_USAGE
					     ? (enum gm_err_code)h.errcode
					     : GM_ERR_FORMAT;
		err = c == GM_ERR_NOMEM ? &gm_error_nomem : gm_error_create(c, "%s", h.errmsg);
	}
	if (err) {
		free(buf);
		return err;
	}
	*out = buf;
	*outlen = (size_t)h.len;
	return NULL;
}

/* the layout job's result */
struct layout_msg {
	int32_t wr_n, gs_n;
	struct gm_layout l;
};

static struct gm_error *layout_job(const struct gm_gobin *gb, void *arg, void **out, size_t *len)
{
	(void)arg;
	struct layout_msg *m = calloc(1, sizeof(*m));
	if (!m)
		return &gm_error_nomem;
	gm_layout_clear(&m->l);
	m->l.go_minor = gb->go_minor;
	int wr_n = 0, gs_n = 0;
	struct gm_error *err = dwarf_extract(gb, &m->l, &wr_n, &gs_n);
	m->wr_n = wr_n;
	m->gs_n = gs_n;
	*out = m;
	*len = sizeof(*m);
	return err;
}

/* Runs dwarf_extract in a child; *forked is false when fork itself failed
 * (the caller then runs it in-process). */
static struct gm_error *dwarf_extract_child(const struct gm_gobin *gb, struct gm_layout *l,
					    int *wr_n, int *gs_n, bool *forked)
{
	void *buf;
	size_t len;
	struct gm_error *err = run_in_child(gb, layout_job, NULL, sizeof(struct layout_msg), &buf, &len,
					    forked);
	if (err || !*forked)
		return err;
	if (len != sizeof(struct layout_msg)) {
		free(buf);
		return gm_error_create(GM_ERR_FORMAT, "the DWARF reader sent %zu bytes, not a layout", len);
	}
	struct layout_msg *m = buf;
	/* plain data, except the pointers: none is set before the strings are
	 * read, and none is taken from the child */
	memcpy(l, &m->l, sizeof(*l));
	l->go_minor = gb->go_minor;
	l->approximate = false;
	l->source = "dwarf";
	l->strbuf = NULL;
	l->n_waitreasons = l->n_gstatus = 0;
	memset(l->waitreasons, 0, sizeof(l->waitreasons));
	memset(l->gstatus, 0, sizeof(l->gstatus));
	l->n_warnings = 0;
	*wr_n = m->wr_n;
	*gs_n = m->gs_n;
	free(buf);
	return validate(l);
}

/* ---- the types of global variables (heap --by-type's typed roots) ---- */

#define DW_AT_go_runtime_type 0x2904
#define MAX_GLOBALS (1u << 22)

struct gvec {
	struct gm_dwglobal *v;
	size_t n, cap;
	bool nomem;
};

/* the runtime type descriptor of the type DIE at off, as its offset from
 * moduledata.types (the linker's R_ADDROFF), following typedefs without
 * one; 0 when none (the linker writes 0 for the types it synthesizes) */
static uint64_t runtime_type_of(struct dw *d, Dwarf_Off off)
{
	for (int hop = 0; off && hop < MAX_TYPE_HOPS; hop++) {
		Dwarf_Die die;
		if (!die_at(d, off, &die))
			return 0;
		Dwarf_Attribute a = NULL;
		Dwarf_Addr rt = 0;
		if (dwarf_attr(die, DW_AT_go_runtime_type, &a, &d->err) == DW_DLV_OK) {
			if (dwarf_formaddr(a, &rt, &d->err) != DW_DLV_OK)
				rt = 0;
			dwarf_dealloc_attribute(a);
		}
		dw_clear_err(d);
		Dwarf_Off next = !rt && die_tag(d, die) == DW_TAG_typedef ? attr_ref(d, die, DW_AT_type) : 0;
		dwarf_dealloc_die(die);
		if (rt)
			return rt;
		off = next;
	}
	return 0;
}

static void push_global_at(struct gvec *g, uint64_t addr, uint64_t rt, uint32_t kind, uint32_t off)
{
	if (g->nomem || g->n >= MAX_GLOBALS)
		return;
	if (g->n == g->cap) {
		size_t nc = g->cap ? g->cap * 2 : 1024;
		struct gm_dwglobal *v = realloc(g->v, nc * sizeof(*v));
		if (!v) {
			g->nomem = true;
			return;
		}
		g->v = v;
		g->cap = nc;
	}
	g->v[g->n++] = (struct gm_dwglobal){addr, rt, kind, off};
}

static void push_global(struct gvec *g, uint64_t addr, uint64_t rt, uint32_t kind)
{
	push_global_at(g, addr, rt, kind, 0);
}

/* a value at addr of the DWARF type at off: its runtime type; else, for
 * a pointer (a slice's array: *elem), the type it points to; else, for a
 * struct (the linker writes 0 for the slice and other types it
 * synthesizes), its members' */
static void emit_typed(struct dw *d, struct gvec *g, uint64_t addr, Dwarf_Off off, int depth)
{
	uint64_t rt = runtime_type_of(d, off);
	if (rt) {
		push_global(g, addr, rt, GM_DWG_VALUE);
		return;
	}
	Dwarf_Off u = type_resolve(d, off, false);
	Dwarf_Die die;
	if (depth >= 3 || !u || !die_at(d, u, &die))
		return;
	Dwarf_Half tag = die_tag(d, die);
	Dwarf_Off elem = tag == DW_TAG_pointer_type ? attr_ref(d, die, DW_AT_type) : 0;
	dwarf_dealloc_die(die);
	if (tag == DW_TAG_pointer_type) {
		if (elem && (rt = runtime_type_of(d, elem)))
			push_global(g, addr, rt, GM_DWG_POINTS_TO);
		return;
	}
	struct sinfo *s;
	if (tag != DW_TAG_structure_type || !(s = malloc(sizeof(*s))))
		return;
	if (struct_load(d, u, s))
		for (int i = 0; i < s->n; i++)
			if (s->m[i].type)
				emit_typed(d, g, addr + (uint64_t)s->m[i].off, s->m[i].type, depth + 1);
	free(s);
}

static void visit_global(struct dw *d, Dwarf_Die die, void *arg)
{
	struct gvec *g = arg;
	if (die_tag(d, die) != DW_TAG_variable || g->nomem || g->n >= MAX_GLOBALS)
		return;
	uint64_t addr = 0;
	if (var_location(d, die, &addr) && addr)
		emit_typed(d, g, addr, attr_ref(d, die, DW_AT_type), 0);
}

static struct gm_error *globals_extract(struct dw *d, struct gvec *g)
{
	struct gm_error *err = each_top_die(d, NULL, visit_global, g);
	if (g->nomem) {
		gm_error_destroy(err);
		return &gm_error_nomem;
	}
	return err;
}

/* Opens gb's DWARF, runs fn(d, arg) on it and closes it: the jobs that
 * read more than the layout (in the child, or in process when fork fails) */
static struct gm_error *with_dwarf(const struct gm_gobin *gb, struct gm_error *(*fn)(struct dw *d, void *arg),
				   void *arg)
{
	struct dw *d = calloc(1, sizeof(*d));
	static unsigned handler_errors;
	struct gm_error *err;
	if (!d)
		return &gm_error_nomem;
	int r = dwarf_init_path(gb->path, NULL, 0, DW_DLC_READ, DW_GROUPNUMBER_ANY, dw_errhand,
				&handler_errors, &d->dbg, NULL, 0, NULL, &d->err);
	if (r == DW_DLV_NO_ENTRY) {
		err = gm_error_create(GM_ERR_LOOKUP, "%s has no DWARF", gb->path);
		d->dbg = NULL;
	} else if (r != DW_DLV_OK) {
		err = gm_error_wrap(dw_error(d, "opening"), "%s", gb->path);
		d->dbg = NULL;
	} else {
		err = fn(d, arg);
		dw_clear_err(d);
		dwarf_finish(d->dbg, &d->err);
		if (d->err)
			dwarf_dealloc_error(NULL, d->err);
	}
	free(d);
	return err;
}

static struct gm_error *globals_run(struct dw *d, void *arg)
{
	return globals_extract(d, arg);
}

static struct gm_error *globals_job(const struct gm_gobin *gb, void *arg, void **out, size_t *len)
{
	(void)arg;
	struct gvec g = {0};
	struct gm_error *err = with_dwarf(gb, globals_run, &g);
	if (err) {
		free(g.v);
		return err;
	}
	*out = g.v;
	*len = g.n * sizeof(*g.v);
	return NULL;
}

struct gm_error *gm_layout_dwarf_globals(const struct gm_gobin *gb, struct gm_dwglobal **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!gb->has_dwarf || !gb->path)
		return gm_error_create(GM_ERR_LOOKUP, "%s has no DWARF", gb->path ? gb->path : "the executable");
	struct gm_error *err = gm_layout__check_dwarf_sections(gb);
	void *buf = NULL;
	size_t len = 0;
	bool forked = false;
	if (!err)
		err = run_in_child(gb, globals_job, NULL, (size_t)MAX_GLOBALS * sizeof(struct gm_dwglobal), &buf,
				   &len, &forked);
	if (!err && !forked)
		err = globals_job(gb, NULL, &buf, &len);
	if (err)
		return gm_error_wrap(err, "global variables' types from DWARF");
	if (len % sizeof(struct gm_dwglobal)) {
		free(buf);
		return gm_error_create(GM_ERR_FORMAT, "the DWARF reader sent %zu bytes, not a list of globals", len);
	}
	struct gm_dwglobal *v = buf;
	*n = len / sizeof(*v);
	for (size_t i = 0; i < *n; i++) /* DWARF has link-time addresses: add a PIE's load bias */
		v[i].addr += gb->bias;
	*out = v;
	return NULL;
}

/* ---- the types of goroutines' stack slots (heap --by-type's stack roots) ---- */

#define MAX_PIECES 16
#define MAX_VAR_DEPTH 8 /* nested lexical blocks */

struct piece {
	uint64_t start, size; /* bytes of the value */
	int64_t off;          /* on the stack: CFA + off */
	bool stack;
};

struct fjob {
	const uint64_t *pcs;  /* sorted, link-time */
	size_t npcs;
	struct gvec tmp;      /* one variable's records at one pc */
	struct gm_dwframevar *v;
	size_t n, cap;
	bool nomem;
};

static int64_t type_size(struct dw *d, Dwarf_Off off)
{
	Dwarf_Off u = type_resolve(d, off, false);
	Dwarf_Die die;
	int64_t sz = -1;
	if (u && die_at(d, u, &die)) {
		attr_int(d, die, DW_AT_byte_size, &sz);
		if (sz < 0 && die_tag(d, die) == DW_TAG_pointer_type) /* Go writes none before 1.2x */
			sz = 8;
		dwarf_dealloc_die(die);
	}
	return sz;
}

/* a value of the DWARF type at off in the frame slot at CFA + addr: a
 * pointer -> what it points to (POINTS_TO); a value of one or two words
 * with a runtime type (map, chan, func, string, interface) -> VALUE; a
 * struct -> its members; anything else (arrays, big typed structs) is not
 * a root here. A pointer to a struct without a runtime type (a type never
 * allocated on the heap nor converted to an interface: an address-taken
 * local's, say) -> its members, as VIA_* records at their offset in it
 * (via: the value is that pointee's member at offset base) */
static void emit_slot_via(struct dw *d, struct gvec *g, uint64_t addr, Dwarf_Off off, int depth, bool via,
			  uint32_t base)
{
	uint64_t rt = runtime_type_of(d, off);
	Dwarf_Off u = type_resolve(d, off, false);
	Dwarf_Die die;
	if (!u || depth > 3 || !die_at(d, u, &die))
		return;
	Dwarf_Half tag = die_tag(d, die);
	int64_t size = -1;
	attr_int(d, die, DW_AT_byte_size, &size);
	Dwarf_Off elem = tag == DW_TAG_pointer_type ? attr_ref(d, die, DW_AT_type) : 0;
	dwarf_dealloc_die(die);
	uint64_t ert;
	if (tag == DW_TAG_base_type) /* no pointer in it */
		return;
	if (tag == DW_TAG_pointer_type) {
		if (elem && (ert = runtime_type_of(d, elem)))
			push_global_at(g, addr, ert, via ? GM_DWG_VIA_POINTS_TO : GM_DWG_POINTS_TO, base);
		else if (rt) /* map, chan: a typedef of a pointer to the runtime's header */
			push_global_at(g, addr, rt, via ? GM_DWG_VIA_VALUE : GM_DWG_VALUE, base);
		else if (elem && !via)
			emit_slot_via(d, g, addr, elem, depth + 1, true, 0);
		return;
	}
	if (rt && (size == 8 || (size == 16 && tag == DW_TAG_structure_type))) {
		push_global_at(g, addr, rt, via ? GM_DWG_VIA_VALUE : GM_DWG_VALUE, base);
		return;
	}
	struct sinfo *si;
	if (tag != DW_TAG_structure_type || !(si = malloc(sizeof(*si))))
		return;
	if (struct_load(d, u, si))
		for (int i = 0; i < si->n; i++) {
			uint64_t mo = (uint64_t)si->m[i].off;
			if (!si->m[i].type || (via && (uint64_t)base + mo > UINT32_MAX))
				continue;
			if (via)
				emit_slot_via(d, g, addr, si->m[i].type, depth + 1, true, base + (uint32_t)mo);
			else
				emit_slot_via(d, g, addr + mo, si->m[i].type, depth + 1, false, 0);
		}
	free(si);
}

static void emit_slot(struct dw *d, struct gvec *g, uint64_t addr, Dwarf_Off off, int depth)
{
	emit_slot_via(d, g, addr, off, depth, false, 0);
}

/* the pieces of one location description; -1: not a form we read */
static int loc_pieces(struct dw *d, Dwarf_Locdesc_c desc, Dwarf_Unsigned nops, struct piece *p)
{
	int np = 0;
	uint64_t start = 0;
	struct piece cur = {0};
	bool have = false;
	for (Dwarf_Unsigned k = 0; k < nops && k < 64; k++) {
		Dwarf_Small atom = 0;
		Dwarf_Unsigned o1 = 0, o2 = 0, o3 = 0, r1 = 0, r2 = 0, r3 = 0, br = 0;
		if (dwarf_get_location_op_value_d(desc, k, &atom, &o1, &o2, &o3, &r1, &r2, &r3, &br, &d->err) !=
		    DW_DLV_OK) {
			dw_clear_err(d);
			return -1;
		}
		if (atom == DW_OP_fbreg) { /* the frame base is DW_OP_call_frame_cfa */
			cur = (struct piece){.off = (int64_t)o1, .stack = true};
			have = true;
		} else if (atom == DW_OP_call_frame_cfa) {
			cur = (struct piece){.off = 0, .stack = true};
			have = true;
		} else if (atom == DW_OP_consts && k + 1 < nops && have && cur.stack) {
			Dwarf_Small a2 = 0;
			if (dwarf_get_location_op_value_d(desc, k + 1, &a2, &r1, &r2, &r3, &r1, &r2, &r3, &br,
							  &d->err) != DW_DLV_OK || a2 != DW_OP_plus) {
				dw_clear_err(d);
				return -1;
			}
			cur.off += (int64_t)o1;
			k++;
		} else if (atom == DW_OP_plus_uconst && have && cur.stack) {
			cur.off += (int64_t)o1;
		} else if ((atom >= DW_OP_reg0 && atom <= DW_OP_reg31) || atom == DW_OP_regx) {
			cur = (struct piece){0};
			have = true;
		} else if (atom == DW_OP_piece) {
			if (np == MAX_PIECES || !o1 || o1 > (1u << 20))
				return -1;
			cur.start = start;
			cur.size = o1;
			p[np++] = cur;
			start += o1;
			cur = (struct piece){0};
			have = false;
		} else {
			return -1;
		}
	}
	if (!np && have && cur.stack)
		p[np++] = (struct piece){0, UINT64_MAX, cur.off, true};
	return np;
}

/* the records of variable die (its type: type) at pc from its pieces */
static void emit_pieces(struct dw *d, struct gvec *g, const struct piece *p, int np, Dwarf_Off type)
{
	bool contig = np > 0;
	for (int k = 0; k < np && contig; k++)
		contig = p[k].stack && p[k].off == p[0].off + (int64_t)p[k].start;
	if (contig) {
		emit_slot(d, g, (uint64_t)p[0].off, type, 0);
		return;
	}
	/* split: a struct's members, each wholly inside one piece on the stack */
	Dwarf_Off u = type_resolve(d, type, false);
	struct sinfo *si = malloc(sizeof(*si));
	if (si && u && struct_load(d, u, si))
		for (int i = 0; i < si->n; i++) {
			uint64_t mo = (uint64_t)si->m[i].off;
			int64_t ms = type_size(d, si->m[i].type);
			for (int k = 0; k < np && ms > 0; k++)
				if (p[k].stack && mo >= p[k].start && mo - p[k].start < p[k].size &&
				    (uint64_t)ms <= p[k].size - (mo - p[k].start)) {
					emit_slot(d, g, (uint64_t)(p[k].off + (int64_t)(mo - p[k].start)),
						  si->m[i].type, 1);
					break;
				}
		}
	free(si);
}

static void push_frame_var(struct fjob *j, uint64_t pc, const struct gm_dwglobal *g)
{
	if (j->nomem || j->n >= MAX_GLOBALS)
		return;
	if (j->n == j->cap) {
		size_t nc = j->cap ? j->cap * 2 : 1024;
		struct gm_dwframevar *v = realloc(j->v, nc * sizeof(*v));
		if (!v) {
			j->nomem = true;
			return;
		}
		j->v = v;
		j->cap = nc;
	}
	j->v[j->n++] = (struct gm_dwframevar){pc, (int64_t)g->addr, g->rtype, g->kind, g->pad};
}

/* a variable or parameter of a function holding pcs [lo, hi) of j->pcs */
static void frame_var(struct dw *d, struct fjob *j, Dwarf_Die die, size_t lo, size_t hi, uint64_t entry)
{
	Dwarf_Attribute a = NULL;
	Dwarf_Off type = attr_ref(d, die, DW_AT_type);
	if (!type || dwarf_attr(die, DW_AT_location, &a, &d->err) != DW_DLV_OK) {
		dw_clear_err(d);
		return;
	}
	Dwarf_Loc_Head_c head = NULL;
	Dwarf_Unsigned count = 0;
	unsigned kind = DW_LKIND_unknown;
	if (dwarf_get_loclist_c(a, &head, &count, &d->err) != DW_DLV_OK ||
	    dwarf_get_loclist_head_kind(head, &kind, &d->err) != DW_DLV_OK) {
		dw_clear_err(d);
		if (head)
			dwarf_loc_head_c_dealloc(head);
		dwarf_dealloc_attribute(a);
		return;
	}
	for (size_t i = lo; i < hi && !j->nomem; i++) {
		/* a return address: the call is the instruction before it */
		uint64_t pc = j->pcs[i], at = pc > entry ? pc - 1 : pc;
		for (Dwarf_Unsigned e = 0; e < count && e < 4096; e++) {
			Dwarf_Small lle = 0, src = 0;
			Dwarf_Unsigned rlo = 0, rhi = 0, nops = 0, eoff = 0, doff = 0;
			Dwarf_Bool unavail = 0;
			Dwarf_Addr elo = 0, ehi = 0;
			Dwarf_Locdesc_c desc = NULL;
			if (dwarf_get_locdesc_entry_d(head, e, &lle, &rlo, &rhi, &unavail, &elo, &ehi, &nops, &desc,
						      &src, &eoff, &doff, &d->err) != DW_DLV_OK) {
				dw_clear_err(d);
				break;
			}
			if (kind != DW_LKIND_expression && (unavail || at < elo || at >= ehi || !nops))
				continue;
			struct piece p[MAX_PIECES];
			int np = loc_pieces(d, desc, nops, p);
			if (np > 0) {
				j->tmp.n = 0;
				emit_pieces(d, &j->tmp, p, np, type);
				for (size_t k = 0; k < j->tmp.n; k++)
					push_frame_var(j, pc, &j->tmp.v[k]);
			}
			break;
		}
	}
	dwarf_loc_head_c_dealloc(head);
	dwarf_dealloc_attribute(a);
}

static void frame_vars_of(struct dw *d, struct fjob *j, Dwarf_Die parent, size_t lo, size_t hi, uint64_t entry,
			  int depth)
{
	Dwarf_Die c = NULL;
	if (depth > MAX_VAR_DEPTH || dwarf_child(parent, &c, &d->err) != DW_DLV_OK) {
		dw_clear_err(d);
		return;
	}
	for (unsigned n = 0; n < 100000 && !j->nomem; n++) {
		Dwarf_Half tag = die_tag(d, c);
		if (tag == DW_TAG_variable || tag == DW_TAG_formal_parameter)
			frame_var(d, j, c, lo, hi, entry);
		else if (tag == DW_TAG_lexical_block)
			frame_vars_of(d, j, c, lo, hi, entry, depth + 1);
		Dwarf_Die next = NULL;
		int r = dwarf_siblingof_b(d->dbg, c, true, &next, &d->err);
		dwarf_dealloc_die(c);
		if (r != DW_DLV_OK) {
			dw_clear_err(d);
			return;
		}
		c = next;
	}
	dwarf_dealloc_die(c);
}

static size_t lower_bound(const uint64_t *v, size_t n, uint64_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void visit_func(struct dw *d, Dwarf_Die die, void *arg)
{
	struct fjob *j = arg;
	Dwarf_Addr lo = 0, hi = 0;
	Dwarf_Half form = 0;
	enum Dwarf_Form_Class cls = DW_FORM_CLASS_UNKNOWN;
	if (die_tag(d, die) != DW_TAG_subprogram || j->nomem || dwarf_lowpc(die, &lo, &d->err) != DW_DLV_OK ||
	    dwarf_highpc_b(die, &hi, &form, &cls, &d->err) != DW_DLV_OK) {
		dw_clear_err(d);
		return;
	}
	if (cls == DW_FORM_CLASS_CONSTANT)
		hi += lo;
	size_t a = lower_bound(j->pcs, j->npcs, lo), b = lower_bound(j->pcs, j->npcs, hi);
	if (a < b && hi > lo)
		frame_vars_of(d, j, die, a, b, lo, 0);
}

static struct gm_error *frames_run(struct dw *d, void *arg)
{
	return each_top_die(d, NULL, visit_func, arg);
}

static struct gm_error *frames_job(const struct gm_gobin *gb, void *arg, void **out, size_t *len)
{
	struct fjob *j = arg;
	struct gm_error *err = with_dwarf(gb, frames_run, j);
	free(j->tmp.v);
	j->tmp = (struct gvec){0};
	if (!err && j->nomem)
		err = &gm_error_nomem;
	if (err) {
		free(j->v);
		j->v = NULL;
		return err;
	}
	*out = j->v;
	*len = j->n * sizeof(*j->v);
	j->v = NULL;
	return NULL;
}

struct gm_error *gm_layout_dwarf_frame_vars(const struct gm_gobin *gb, const uint64_t *pcs, size_t npcs,
					    struct gm_dwframevar **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!gb->has_dwarf || !gb->path)
		return gm_error_create(GM_ERR_LOOKUP, "%s has no DWARF", gb->path ? gb->path : "the executable");
	if (!npcs)
		return NULL;
	struct gm_error *err = gm_layout__check_dwarf_sections(gb);
	uint64_t *lp = err ? NULL : malloc(npcs * sizeof(*lp));
	if (!err && !lp)
		return &gm_error_nomem;
	for (size_t i = 0; lp && i < npcs; i++) /* DWARF has link-time addresses */
		lp[i] = pcs[i] - gb->bias;
	struct fjob j = {.pcs = lp, .npcs = npcs};
	void *buf = NULL;
	size_t len = 0;
	bool forked = false;
	if (!err)
		err = run_in_child(gb, frames_job, &j, (size_t)MAX_GLOBALS * sizeof(struct gm_dwframevar), &buf,
				   &len, &forked);
	if (!err && !forked)
		err = frames_job(gb, &j, &buf, &len);
	free(lp);
	if (err)
		return gm_error_wrap(err, "stack variables' types from DWARF");
	if (len % sizeof(struct gm_dwframevar)) {
		free(buf);
		return gm_error_create(GM_ERR_FORMAT, "the DWARF reader sent %zu bytes, not a list of stack slots",
				       len);
	}
	struct gm_dwframevar *v = buf;
	*n = len / sizeof(*v);
	for (size_t i = 0; i < *n; i++)
		v[i].pc += gb->bias;
	*out = v;
	return NULL;
}

static struct gm_error *from_dwarf(const struct gm_gobin *gb, struct gm_layout *l, bool in_process)
{
	gm_layout_clear(l);
	l->go_minor = gb->go_minor;
	l->source = "dwarf";
	if (!gb->has_dwarf || !gb->path)
		return gm_error_create(GM_ERR_LOOKUP, "%s has no DWARF",
				       gb->path ? gb->path : "the executable");
	/* GM_DWARF_NO_CHECK=1 skips the section checks: for testing the child
	 * against the libdwarf bug they exist for */
	const char *nc = getenv("GM_DWARF_NO_CHECK");
	struct gm_error *err = nc && !strcmp(nc, "1") ? NULL : gm_layout__check_dwarf_sections(gb);
	int wr_n = 0, gs_n = 0;
	bool forked = false;
	if (!err && !in_process)
		err = dwarf_extract_child(gb, l, &wr_n, &gs_n, &forked);
	if (!err && !forked)
		err = dwarf_extract(gb, l, &wr_n, &gs_n);
	if (!err) {
		if (wr_n < 0 || wr_n > GM_MAX_WAITREASONS)
			wr_n = 0;
		if (gs_n < 0 || gs_n > GM_MAX_GSTATUS)
			gs_n = 0;
		err = gm_layout__read_strings(gb, l, wr_n ? l->waitreason_strings_addr : 0, wr_n,
					      gs_n ? l->gstatus_strings_addr : 0, gs_n);
	}
	if (err)
		gm_error_wrap(err, "layout from DWARF");
	return err;
}

struct gm_error *gm_layout_from_dwarf(const struct gm_gobin *gb, struct gm_layout *l)
{
	return from_dwarf(gb, l, false);
}

struct gm_error *gm_layout_from_dwarf_in_process(const struct gm_gobin *gb, struct gm_layout *l)
{
	return from_dwarf(gb, l, true);
}
