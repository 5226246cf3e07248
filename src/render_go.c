/* --format go: the text the target's own Go runtime prints for a goroutine
 * in a GOTRACEBACK=crash dump (traceback.go goroutineheader, traceback1,
 * traceback2/gentraceback, printcreatedby1), for the target's Go version. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "gm_render.h"

struct go_state {
	struct gm_render_ctx ctx;
	bool first;
};

static void *go_begin(const struct gm_render_ctx *ctx)
{
	struct go_state *s = calloc(1, sizeof(*s));
	if (s) {
		s->ctx = *ctx;
		s->first = true;
	}
	return s;
}

static bool needs_quoting(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '/' || c == '_'))
			return true;
	}
	return false;
}

/* UTF-8 decode one rune; returns its length, *r = 0xFFFD and len 1 on error. */
static size_t utf8_rune(const unsigned char *s, size_t n, uint32_t *r)
{
	unsigned c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*r = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		len = 2, v = c & 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3, v = c & 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		*r = 0xfffd;
		return 1;
	}
	if (len > n)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		goto bad;
	*r = v;
	return len;
bad:
	*r = 0xfffd;
	return 1;
}

/* runtime printquoted */
static void print_quoted(FILE *o, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	fputc('"', o);
	for (size_t i = 0; i < n;) {
		uint32_t r;
		size_t len = utf8_rune(s + i, n - i, &r);
		if (r == '\n')
			fputs("\\n", o);
		else if (r == '\r')
			fputs("\\r", o);
		else if (r == '\t')
			fputs("\\t", o);
		else if (r == '\\' || r == '"')
			fprintf(o, "\\%c", (int)r);
		else if (r == 0xfffd && len == 1 && !(n - i >= 3 && s[i] == 0xef && s[i + 1] == 0xbf && s[i + 2] == 0xbd))
			fprintf(o, "\\x%02x", s[i]);
		else if (r >= ' ' && r <= '~')
			fputc((int)r, o);
		else if (r < 127)
			fprintf(o, "\\x%02x", r);
		else if (r < 0x10000)
			fprintf(o, "\\u%04x", r);
		else
			fprintf(o, "\\U%08x", r);
		i += len;
	}
	fputc('"', o);
}

static void print_labels(FILE *o, const struct gm_goroutine *g, bool v127)
{
	fputs(v127 ? " {" : " labels:{", o);
	for (size_t i = 0; i < g->nlabels; i++) {
		const struct gm_label *l = &g->labels[i];
		if (v127 && !needs_quoting(l->key, l->klen))
			fwrite(l->key, 1, l->klen, o);
		else
			print_quoted(o, l->key, l->klen);
		fputs(": ", o);
		if (v127 && !needs_quoting(l->value, l->vlen))
			fwrite(l->value, 1, l->vlen, o);
		else
			print_quoted(o, l->value, l->vlen);
		if (i + 1 < g->nlabels)
			fputs(", ", o);
	}
	fputc('}', o);
}

static void print_header(const struct go_state *s, const struct gm_goroutine *g)
{
	FILE *o = s->ctx.out;
	int v = s->ctx.go_minor;
	fprintf(o, "goroutine %" PRIu64, g->goid);
	if (v >= 22) {
		fprintf(o, " gp=0x%" PRIx64, g->addr);
		if (g->m_addr)
			fprintf(o, " m=%" PRId64 " mp=0x%" PRIx64, g->m_id, g->m_addr);
		else
			fputs(" m=nil", o);
	}
	fprintf(o, " [%s", g->status_str);
	if (g->leaked)
		fputs(" (leaked)", o);
	if (g->scan)
		fputs(" (scan)", o);
	if (g->wait_minutes >= 1)
		fprintf(o, ", %" PRId64 " minutes", g->wait_minutes);
	if (g->locked)
		fputs(", locked to thread", o);
	bool labels = g->nlabels > 0 && s->ctx.tracebacklabels == 1;
	if (v == 26 && labels)
		print_labels(o, g, false);
	fputc(']', o);
	if (v >= 27 && labels)
		print_labels(o, g, true);
	fputs(":\n", o);
}

static void print_frame(const struct go_state *s, const struct gm_gframe *f)
{
	FILE *o = s->ctx.out;
	char name[512];
	if (s->ctx.go_minor >= 21)
		gm_go_funcname_for_print(f->func, s->ctx.go_minor, name, sizeof(name));
	else
		snprintf(name, sizeof(name), "%s", strcmp(f->func, "runtime.gopanic") ? f->func : "panic");
	if (f->inlined) {
		fprintf(o, "%s(...)\n\t%s:%d\n", name, f->file, f->line);
		return;
	}
	fprintf(o, "%s(%s)\n\t%s:%d", name, f->args ? f->args : "", f->file, f->line);
	if (f->pc > f->entry)
		fprintf(o, " +0x%" PRIx64, f->pc - f->entry);
	fprintf(o, " fp=0x%" PRIx64 " sp=0x%" PRIx64 " pc=0x%" PRIx64 "\n", f->fp, f->sp, f->pc);
}

static void go_goroutine(void *st, const struct gm_goroutine *g)
{
	struct go_state *s = st;
	FILE *o = s->ctx.out;
	if (!s->first)
		fputc('\n', o);
	s->first = false;
	print_header(s, g);
	if (g->stack_unavailable) {
		fputs("\tgoroutine running on other thread; stack unavailable\n", o);
	} else if (s->ctx.go_minor >= 21) {
		/* traceback1: 50 innermost and 50 outermost logical frames. */
		size_t n = g->nframes;
		if (n <= 100) {
			for (size_t i = 0; i < n; i++)
				print_frame(s, &g->frames[i]);
		} else {
			for (size_t i = 0; i < 50; i++)
				print_frame(s, &g->frames[i]);
			fprintf(o, "...%zu frames elided...\n", n - 100);
			for (size_t i = n - 50; i < n; i++)
				print_frame(s, &g->frames[i]);
		}
	} else {
		/* 1.19 gentraceback: at most 100 physical frames; the message is
		 * printed when exactly 100 logical frames were printed. */
		size_t printed = 0;
		for (size_t i = 0; i < g->nframes && g->frames[i].phys < 100; i++, printed++)
			print_frame(s, &g->frames[i]);
		if (printed == 100)
			fputs("...additional frames elided...\n", o);
	}
	if (g->created_by.present) {
		char name[512];
		if (s->ctx.go_minor >= 21)
			gm_go_funcname_for_print(g->created_by.func, s->ctx.go_minor, name, sizeof(name));
		else
			snprintf(name, sizeof(name), "%s", g->created_by.func);
		fprintf(o, "created by %s", name);
		if (s->ctx.go_minor >= 21 && g->parent_goid)
			fprintf(o, " in goroutine %" PRIu64, g->parent_goid);
		fprintf(o, "\n\t%s:%d", g->created_by.file, g->created_by.line);
		if (g->created_by.pc > g->created_by.entry)
			fprintf(o, " +0x%" PRIx64, g->created_by.pc - g->created_by.entry);
		fputc('\n', o);
	}
}

static int go_end(void *st, const struct gm_gwalk_stats *stats)
{
	struct go_state *s = st;
	int rc = ferror(s->ctx.out) ? -1 : 0;
	free(s);
	return rc;
}

const struct gm_renderer gm_render_go = {
	.name = "go",
	.begin = go_begin,
	.goroutine = go_goroutine,
	.end = go_end,
	.want_args = true,
};
