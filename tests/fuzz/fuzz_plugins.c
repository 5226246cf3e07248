/* Fuzz target: the reader of the runtime's module list (the Go plugins:
 * session_load_plugins of src/session/plugins.c: runtime.firstmoduledata.next,
 * then each module's pluginpath and next, the mapping that holds it) over a
 * mutated memory image of a corpus core.
 *
 * The corpus programs open no plugin, so each image is given one before the
 * trace (fi_prepare): FP_N fake moduledata, one a page at FP_BASE (the
 * moduledata at the page's start, its pluginpath string at +FP_STR), each
 * page a file mapping of its own (/gm-fuzz-plugin-K.so, a file no machine
 * has: no candidate file opens, the reader's "not a Go plugin gomortem can
 * open" path), linked from firstmoduledata.next in order. The clean walk
 * reads them all, warning once per plugin (its file cannot be opened) and
 * nothing else (checked at start-up).
 *
 * Regions (first touch): firstmoduledata.next's page, then the FP_N pages.
 * Pointer table: 0, 0x10, 0xdead0000, 0x7ffffffff000, ~0, the region starts
 * (the fake moduledata among them: indices 6 to 5 + FP_N), then links found.
 * Input format: fuzz_image.h. A list that loops, entries in no mapping or
 * unreadable, pluginpaths of absurd length or unreadable bytes: warnings,
 * never a crash; each plugin kept is a distinct module inside a mapping
 * with a path, its pluginpath printable and terminated; one that no file
 * vouches for has a pluginpath and a file of its own, not the executable.
 * GM_FUZZ_VERBOSE prints each input's plugins and warnings. */
#include "fuzz_image.h"
#include "plugins.h"

#define FP_N 3
#define FP_BASE 0x7e5500000000ull
#define FP_STR 0xc00

static volatile uint64_t sink;
static struct gm_session fp_sess;
static bool fp_verbose; /* GM_FUZZ_VERBOSE: each input's plugins and warnings on stderr */

static void prepare(struct fi_sample *s)
{
	uint64_t pp_off, next_off;
	fp_verbose = getenv("GM_FUZZ_VERBOSE") != NULL;
	if (!s->gb->moduledata_addr || !session_md_offsets(s->gb, &pp_off, &next_off))
		gmf_die("no moduledata layout for this sample's Go version");
	for (uint64_t a = FP_BASE; a < FP_BASE + FP_N * FI_PAGE; a += FI_PAGE)
		if (gm_memsrc_segment_at(s->fake.mem, a))
			gmf_die("the fake modules' pages are taken");
	uint8_t img[FP_N * FI_PAGE];
	memset(img, 0, sizeof(img));
	for (uint64_t k = 0; k < FP_N; k++) {
		uint8_t *md = img + k * FI_PAGE;
		char path[64];
		int n = snprintf(path, sizeof(path), "example.com/fuzz/plug%d", (int)k);
		uint64_t str = FP_BASE + k * FI_PAGE + FP_STR, len = (uint64_t)n;
		uint64_t next = k + 1 < FP_N ? FP_BASE + (k + 1) * FI_PAGE : 0;
		memcpy(md + FP_STR, path, (size_t)n);
		memcpy(md + pp_off, &str, 8);
		memcpy(md + pp_off + 8, &len, 8);
		memcpy(md + next_off, &next, 8);
	}
	uint8_t *c = fi_copy(s, img, sizeof(img));
	struct gm_error *err = gm_memsrc_add(s->fake.mem, FP_BASE, sizeof(img), sizeof(img), c, 3, GM_SEG_TEST);
	if (err)
		gmf_die(err->msg);
	uint8_t *w = fi_image_at(s, s->gb->moduledata_addr + next_off, 8);
	uint64_t first = FP_BASE;
	if (!w)
		gmf_die("firstmoduledata.next is not in the image");
	memcpy(w, &first, 8);
	struct gm_mapping *maps = calloc(s->fake.nmaps + FP_N, sizeof(*maps));
	if (!maps)
		gmf_die("out of memory");
	memcpy(maps, s->fake.maps, s->fake.nmaps * sizeof(*maps));
	for (uint64_t k = 0; k < FP_N; k++) {
		char *p = malloc(64);
		if (!p)
			gmf_die("out of memory");
		snprintf(p, 64, "/gm-fuzz-plugin-%d.so", (int)k);
		maps[s->fake.nmaps + k] = (struct gm_mapping){FP_BASE + k * FI_PAGE, FP_BASE + (k + 1) * FI_PAGE, 0, p};
	}
	s->fake.maps = maps;
	s->fake.nmaps += FP_N;
}

/* the module list of s's image read into a bare session */
static struct gm_session *load(struct fi_sample *s)
{
	struct gm_session *ss = &fp_sess;
	memset(ss, 0, sizeof(*ss));
	ss->target = &s->fake;
	ss->gobin = s->gb;
	fi_check_error(session_load_plugins(ss));
	return ss;
}

static void run(struct fi_sample *s)
{
	struct gm_session *ss = load(s);
	if (ss->nplugins > GM_GOBIN_MAX_MODULES - 1 || (ss->nplugins && !ss->plugins))
		abort();
	for (size_t i = 0; i < ss->nplugins; i++) {
		const struct gm_session_plugin *p = &ss->plugins[i];
		if (!p->moduledata || p->moduledata == s->gb->moduledata_addr || !p->path || !p->mapped)
			abort();
		for (size_t k = 0; k < i; k++)
			if (ss->plugins[k].moduledata == p->moduledata ||
			    (!p->gb && !strcmp(ss->plugins[k].path, p->path)))
				abort(); /* a loop is cut, never followed; one module a file */
		if (!p->gb && (!p->pluginpath[0] || !strcmp(p->path, s->gb->path)))
			abort(); /* what only the list vouches for is named, outside the executable */
		size_t n = strnlen(p->pluginpath, sizeof(p->pluginpath));
		if (n == sizeof(p->pluginpath))
			abort();
		for (size_t k = 0; k < n; k++)
			if ((unsigned char)p->pluginpath[k] < 0x20 || p->pluginpath[k] == 0x7f)
				abort();
		bool held = false; /* a mapping with that path holds the moduledata */
		for (size_t k = 0; k < s->fake.nmaps && !held; k++)
			held = s->fake.maps[k].path && !strcmp(s->fake.maps[k].path, p->path) &&
			       p->moduledata >= s->fake.maps[k].start && p->moduledata < s->fake.maps[k].end;
		if (!held && !p->gb)
			abort();
		sink += n + strlen(p->path) + p->mapped;
	}
	for (int i = 0; i < ss->diag.n; i++)
		if (!ss->diag.rec[i].msg[0])
			abort();
	for (size_t i = 0; fp_verbose && i < ss->nplugins; i++)
		fprintf(stderr, "plugin 0x%llx %s (%s)\n", (unsigned long long)ss->plugins[i].moduledata,
			ss->plugins[i].path, ss->plugins[i].pluginpath);
	for (int i = 0; fp_verbose && i < ss->diag.n; i++)
		fprintf(stderr, "warning: %s\n", ss->diag.rec[i].msg);
	session_free_plugins(ss);
}

/* the clean image: the FP_N plugins in order, one warning each */
static void check_clean(struct fi_sample *s)
{
	struct gm_session *ss = load(s);
	if (ss->nplugins != FP_N)
		gmf_die("the clean module list does not give its plugins");
	for (size_t k = 0; k < FP_N; k++) {
		char want[64];
		snprintf(want, sizeof(want), "example.com/fuzz/plug%d", (int)k);
		if (strcmp(ss->plugins[k].pluginpath, want) || ss->plugins[k].moduledata != FP_BASE + k * FI_PAGE)
			gmf_die("the clean module list is read wrong");
	}
	if (gm_diag_count(&ss->diag, GM_DIAG_WARNING, "session") !=
	    (FP_N < GM_SESSION_MAX_WARNINGS ? FP_N : GM_SESSION_MAX_WARNINGS))
		gmf_die("the clean module list warns of more than the plugins' files");
	session_free_plugins(ss);
}

FI_DEFINE_FUZZER_WITH(prepare, run, check_clean)
