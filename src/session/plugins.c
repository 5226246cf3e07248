/* Go plugins (-buildmode=plugin, plugin.Open): every plugin is a module of
 * its own, with its own moduledata and pclntab, linked into the runtime's
 * list (runtime.firstmoduledata.next, runtime/symtab.go; plugin.go's
 * pluginOpen -> runtime.plugin_lastmoduleinit). The session walks that
 * list in the target, finds each module's file among the target's mappings
 * (NT_FILE in a core, /proc/PID/maps live) by the address of its
 * moduledata, and opens it with the bias of its mapping. */
#include "plugins.h"

#include "gm_bytes.h"
#include "gm_fmt.h"
#include "gm_memsrc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_CANDIDATES 256  /* Go files among the mappings tried */
#define MAX_PLUGINPATH 4096

/* Offsets in runtime.moduledata (runtime/symtab.go) of pluginpath and next:
 * after gofunc come epclntab (1.26+), textsectmap, typelinks and
 * itablinks (up to 1.26), ptab, then pluginpath; from pluginpath to next:
 * pkghashes, inittasks (1.21+), modulename, modulehashes, hasmain (+ bad
 * from 1.23), gcdatamask, gcbssmask, typemap (+ bad up to 1.22). */
bool session_md_offsets(const struct gm_gobin *gb, uint64_t *pluginpath, uint64_t *next)
{
	if (gb->go_major != 1 || gb->go_minor < 19 || gb->go_minor == 20)
		return false;
	int v = gb->go_minor;
	uint64_t gofunc = v >= 27 ? 344 : v >= 20 ? 320 : 304;
	*pluginpath = gofunc + 8 + (v >= 26 ? 8 : 0) + 24 + (v >= 27 ? 0 : 48) + 24;
	*next = *pluginpath + 16 + 24 + (v >= 21 ? 24 : 0) + 16 + 24 + 8 + 32 + 8 + (v >= 23 ? 0 : 8);
	return true;
}

/* Bytes the target maps of path. */
static uint64_t mapped_bytes(const struct gm_target *t, const char *path)
{
	uint64_t n = 0;
	for (size_t i = 0; i < t->nmaps; i++)
		if (t->maps[i].path && !strcmp(t->maps[i].path, path))
			n += t->maps[i].end - t->maps[i].start;
	return n;
}

/* A Go module among the target's files (offset-0 mappings), opened and
 * rebased to its mapping. */
struct cand {
	struct gm_gobin *gb;
	const char *path;
	bool used;
};

const struct gm_mapping *session_next_mapped_gobin(const struct gm_target *t, size_t *i,
						   const char *const *skip, size_t nskip,
						   size_t *budget, struct gm_gobin **gb)
{
	for (; *i < t->nmaps && *budget; (*i)++) {
		const struct gm_mapping *m = &t->maps[*i];
		if (m->file_ofs || !m->path || m->path[0] != '/')
			continue;
		bool seen = false;
		for (size_t k = 0; k < *i && !seen; k++)
			seen = t->maps[k].file_ofs == 0 && t->maps[k].path && !strcmp(t->maps[k].path, m->path);
		for (size_t k = 0; k < nskip && !seen; k++)
			seen = skip[k] && !strcmp(skip[k], m->path);
		struct stat st;
		if (seen || stat(m->path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		(*budget)--;
		struct gm_error *err = gm_gobin_open(m->path, gb);
		if (err) {
			gm_error_destroy(err);
			continue;
		}
		(*i)++;
		return m;
	}
	return NULL;
}

static size_t find_candidates(struct gm_session *s, struct cand *c, size_t max)
{
	const struct gm_target *t = s->target;
	size_t n = 0, i = 0, budget = MAX_CANDIDATES;
	const char *skip[] = {s->gobin->path, s->module_path,
			      s->module_path ? NULL : gm_target_exe_map_name(t)};
	const struct gm_mapping *m;
	struct gm_gobin *gb = NULL;
	while (n < max && (m = session_next_mapped_gobin(t, &i, skip, 3, &budget, &gb))) {
		uint64_t first = 0, first_ofs = 0;
		/* 1.19 writes no .go.buildinfo into a plugin: the version is the
		 * program's (plugin.Open refuses a plugin built with another
		 * runtime) */
		if (!gb->pclntab_addr || !gb->moduledata_addr || !gb->pie ||
		    gb->arch != s->gobin->arch || !gm_gobin_first_load(gb, &first, &first_ofs) ||
		    first_ofs != 0 || m->start < (first & ~4095ull)) {
			gm_gobin_destroy(gb);
			continue;
		}
		struct gm_error *err = gm_gobin_rebase(gb, m->start - (first & ~4095ull));
		if (err) {
			gm_error_destroy(err);
			gm_gobin_destroy(gb);
			continue;
		}
		if (!gb->go_version[0]) {
			memcpy(gb->go_version, s->gobin->go_version, sizeof(gb->go_version));
			gb->go_major = s->gobin->go_major;
			gb->go_minor = s->gobin->go_minor;
			gb->go_patch = s->gobin->go_patch;
		}
		c[n].gb = gb;
		c[n].path = m->path;
		c[n].used = false;
		n++;
	}
	return n;
}

/* moduledata.pluginpath (a Go string at addr) into out: "" when nil or
 * empty, "?" when unreadable or longer than MAX_PLUGINPATH, cut at outn - 1
 * bytes, bytes that are not text as '?'. NULL, or what was wrong with it
 * (damage: the runtime always names a plugin, in text). */
static const char *read_string(struct gm_memsrc *m, uint64_t addr, char *out, size_t outn)
{
	uint64_t p = 0, len = 0;
	out[0] = 0;
	if (!gm_memsrc_u64(m, addr, &p) || !gm_memsrc_u64(m, addr + 8, &len) || !p || !len)
		return "none";
	if (len > MAX_PLUGINPATH) {
		snprintf(out, outn, "?");
		return "an absurd length";
	}
	size_t n = len < outn ? (size_t)len : outn - 1;
	if (!gm_memsrc_try_read(m, p, out, n)) {
		snprintf(out, outn, "?");
		return NULL; /* a plugin's rodata, not in every core */
	}
	out[n] = 0;
	const char *why = NULL;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f) {
			out[i] = '?';
			why = "bytes that are not text";
		}
	return why;
}

/* The file's relocated words over its raw bytes (add_relocated_segments
 * of session.c for the executable). */
static struct gm_error *add_segments(struct gm_session *s, const struct gm_gobin *gb)
{
	struct gm_error *err = gm_target_add_exe_segments(s->target, gb->data, gb->size, gb->bias);
	if (err)
		return err;
	uint64_t va, n;
	const uint8_t *d;
	bool relocated;
	for (size_t i = 0; gm_gobin_load_segment(gb, i, &va, &d, &n, &relocated); i++) {
		if (!relocated || !n)
			continue;
		if ((err = gm_memsrc_add(s->target->mem, va, n, n, d, 2, GM_SEG_EXE)))
			return err;
	}
	return NULL;
}

struct gm_error *session_load_plugins(struct gm_session *s)
{
	uint64_t pp_off, next_off;
	if (!s->gobin->moduledata_addr || !session_md_offsets(s->gobin, &pp_off, &next_off))
		return NULL;
	struct gm_memsrc *m = s->target->mem;
	uint64_t md = 0;
	if (!gm_memsrc_u64(m, s->gobin->moduledata_addr + next_off, &md)) {
		gm_session_warn(s, "cannot read runtime.firstmoduledata.next at 0x%llx: Go plugins, if any, are not read",
				(unsigned long long)(s->gobin->moduledata_addr + next_off));
		return NULL;
	}
	if (!md)
		return NULL;
	struct cand *c = calloc(MAX_CANDIDATES, sizeof(*c));
	if (!c)
		return &gm_error_nomem;
	size_t nc = find_candidates(s, c, MAX_CANDIDATES);
	struct gm_error *err = NULL;
	struct gm_gobin *last = s->gobin;
	for (size_t k = 0; md && k < GM_GOBIN_MAX_MODULES - 1; k++) {
		bool loop = md == s->gobin->moduledata_addr;
		for (size_t i = 0; i < s->nplugins && !loop; i++)
			loop = s->plugins[i].moduledata == md;
		if (loop) {
			gm_session_warn(s, "the runtime's module list loops at 0x%llx: cut there", (unsigned long long)md);
			break;
		}
		struct gm_session_plugin *np = realloc(s->plugins, (s->nplugins + 1) * sizeof(*np));
		if (!np) {
			err = &gm_error_nomem;
			break;
		}
		s->plugins = np;
		struct gm_session_plugin *p = &s->plugins[s->nplugins++];
		memset(p, 0, sizeof(*p));
		p->moduledata = md;
		for (size_t i = 0; i < nc && !p->gb; i++)
			if (!c[i].used && c[i].gb->moduledata_addr == md) {
				c[i].used = true;
				p->gb = c[i].gb;
				p->path = c[i].path;
			}
		if (p->gb) {
			p->mapped = mapped_bytes(s->target, p->path);
			if ((err = add_segments(s, p->gb)))
				break;
			last->next_module = p->gb;
			last = p->gb;
		}
		/* after its segments: the string is in the plugin's rodata */
		const char *bad = read_string(m, md + pp_off, p->pluginpath, sizeof(p->pluginpath));
		if (!p->gb) {
			const struct gm_target *t = s->target;
			for (size_t i = 0; i < t->nmaps && !p->path; i++)
				if (md >= t->maps[i].start && md < t->maps[i].end && t->maps[i].path)
					p->path = t->maps[i].path;
			/* nothing vouches for it but the list: in no file, in the
			 * file of an earlier module (each plugin is a file of its
			 * own), or unnamed, it is not a module's moduledata */
			const char *dup = NULL;
			if (p->path && (!strcmp(p->path, s->gobin->path) ||
					(gm_target_exe_map_name(t) && !strcmp(p->path, gm_target_exe_map_name(t))) ||
					(s->module_path && !strcmp(p->path, s->module_path))))
				dup = "the executable's";
			for (size_t i = 0; p->path && !dup && i + 1 < s->nplugins; i++)
				if (s->plugins[i].path && !strcmp(s->plugins[i].path, p->path))
					dup = "an earlier module's";
			if (!p->path || dup || !p->pluginpath[0]) {
				if (!p->path)
					gm_session_warn(s, "the runtime's module list holds 0x%llx, in no file the target "
							   "maps: damaged, the list is cut there", (unsigned long long)md);
				else if (dup)
					gm_session_warn(s, "the runtime's module list holds 0x%llx, in %s, %s file: "
							   "damaged, the list is cut there", (unsigned long long)md, p->path, dup);
				else
					gm_session_warn(s, "the runtime's module list holds 0x%llx (in %s) with no plugin "
							   "path: damaged, the list is cut there", (unsigned long long)md, p->path);
				s->nplugins--;
				break;
			}
			p->mapped = mapped_bytes(t, p->path);
			gm_session_warn(s, "the runtime's module at 0x%llx (plugin %s) is in %s, which is not a Go "
					   "plugin gomortem can open here: its functions are unknown",
					(unsigned long long)md, p->pluginpath, p->path);
		}
		if (bad && !strcmp(bad, "none"))
			gm_session_warn(s, "the runtime's module at 0x%llx (%s) has no plugin path: damaged",
					(unsigned long long)md, p->path ? p->path : "?");
		else if (bad)
			gm_session_warn(s, "the plugin path of the runtime's module at 0x%llx (%s) has %s: damaged",
					(unsigned long long)md, p->path ? p->path : "?", bad);
		uint64_t nx = 0;
		if (!gm_memsrc_u64(m, md + next_off, &nx)) {
			gm_session_warn(s, "cannot read the next module after 0x%llx: the list of Go plugins is cut there",
					(unsigned long long)md);
			break;
		}
		md = nx;
	}
	for (size_t i = 0; i < nc; i++)
		if (!c[i].used)
			gm_gobin_destroy(c[i].gb);
	free(c);
	return err;
}

void session_free_plugins(struct gm_session *s)
{
	for (size_t i = 0; i < s->nplugins; i++)
		gm_gobin_destroy(s->plugins[i].gb);
	free(s->plugins);
	s->plugins = NULL;
	s->nplugins = 0;
}
