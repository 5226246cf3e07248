/* --format go: the text the target's own Go runtime prints for a goroutine
 * in a GOTRACEBACK=crash dump (traceback.go goroutineheader, traceback1,
 * traceback2/gentraceback, printcreatedby1), for the target's Go version. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "gm_out.h"
#include "gm_render.h"

/* Names and files by pointer (they point into the executable's tables:
 * the same few hundred strings for millions of frames), with what printing
 * them takes: a direct-mapped cache (issue 22). */
#define NCACHE 1024
struct strent {
	const char *key;   /* the function name or file as the frame has it */
	const char *print; /* what is printed: key itself, or NULL (not cacheable) */
	size_t len;
};

/* A frame's line without its fp and sp, by (pc, function, file, line):
 * the same few hundred for millions of frames (issue 22). text holds
 * "NAME(" (head), ")\n\tFILE:LINE +0xOFF fp=" (mid) and " pc=0x...\n"
 * (tail); the arguments go between head and mid, fp and " sp=" SP between
 * mid and tail. An inlined frame's whole line, "NAME(...)\n\tFILE:LINE\n",
 * is its head (mid and tail empty). */
#define NFRAMES 4096
#define COPY_PAD 16 /* bytes readable past the end of a text (copy16) */
struct fent {
	uint64_t pc, entry;
	const char *func, *file;
	int32_t line;
	bool inlined;
	uint32_t head, mid, tail;
	char *text; /* NULL: the slot is empty */
};

struct go_state {
	struct gm_render_ctx ctx;
	bool first;
	struct strent names[NCACHE], files[NCACHE];
	struct fent frames[NFRAMES];
	char *big; /* the output buffer, GO_OUTBUF bytes (NULL: out's own) */
	struct gm_out out;
};
#define GO_OUTBUF (1u << 18)

static inline size_t slot_of(const char *p)
{
	return (size_t)(((uintptr_t)p * 0x9E3779B97F4A7C15ull) >> 54) & (NCACHE - 1);
}

static inline size_t file_len(struct go_state *s, const char *f)
{
	struct strent *e = &s->files[slot_of(f)];
	if (e->key != f) {
		e->key = f;
		e->print = f;
		e->len = strlen(f);
	}
	return e->len;
}

static inline void out_file(struct go_state *s, const char *f)
{
	gm_out_mem(&s->out, f, file_len(s, f));
}

static void *go_begin(const struct gm_render_ctx *ctx)
{
	struct go_state *s = calloc(1, sizeof(*s));
	if (s) {
		s->ctx = *ctx;
		s->first = true;
		s->big = malloc(GO_OUTBUF);
		if (s->big)
			gm_out_init_buf(&s->out, ctx->out, s->big, GO_OUTBUF);
		else
			gm_out_init(&s->out, ctx->out);
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
static void print_quoted(struct gm_out *o, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	gm_out_ch(o, '"');
	for (size_t i = 0; i < n;) {
		uint32_t r;
		size_t len = utf8_rune(s + i, n - i, &r);
		if (r == '\n')
			gm_out_str(o, "\\n");
		else if (r == '\r')
			gm_out_str(o, "\\r");
		else if (r == '\t')
			gm_out_str(o, "\\t");
		else if (r == '\\' || r == '"')
			gm_out_fmt(o, "\\%c", (int)r);
		else if (r == 0xfffd && len == 1 && !(n - i >= 3 && s[i] == 0xef && s[i + 1] == 0xbf && s[i + 2] == 0xbd))
			gm_out_fmt(o, "\\x%02x", s[i]);
		else if (r >= ' ' && r <= '~')
			gm_out_ch(o, (char)r);
		else if (r < 127)
			gm_out_fmt(o, "\\x%02x", r);
		else if (r < 0x10000)
			gm_out_fmt(o, "\\u%04x", r);
		else
			gm_out_fmt(o, "\\U%08x", r);
		i += len;
	}
	gm_out_ch(o, '"');
}

static void print_labels(struct gm_out *o, const struct gm_goroutine *g, bool v127)
{
	gm_out_str(o, v127 ? " {" : " labels:{");
	for (size_t i = 0; i < g->nlabels; i++) {
		const struct gm_label *l = &g->labels[i];
		if (v127 && !needs_quoting(l->key, l->klen))
			gm_out_mem(o, l->key, l->klen);
		else
			print_quoted(o, l->key, l->klen);
		gm_out_str(o, ": ");
		if (v127 && !needs_quoting(l->value, l->vlen))
			gm_out_mem(o, l->value, l->vlen);
		else
			print_quoted(o, l->value, l->vlen);
		if (i + 1 < g->nlabels)
			gm_out_str(o, ", ");
	}
	gm_out_ch(o, '}');
}

static void print_header(struct go_state *s, const struct gm_goroutine *g)
{
	struct gm_out *o = &s->out;
	int v = s->ctx.go_minor;
	gm_out_str(o, "goroutine ");
	gm_out_u64(o, g->goid);
	if (v >= 22) {
		gm_out_str(o, " gp=");
		gm_out_hex(o, g->addr);
		if (g->m_addr) {
			gm_out_str(o, " m=");
			gm_out_i64(o, g->m_id);
			gm_out_str(o, " mp=");
			gm_out_hex(o, g->m_addr);
		} else {
			gm_out_str(o, " m=nil");
		}
	}
	gm_out_str(o, " [");
	gm_out_str(o, g->status_str);
	if (g->leaked)
		gm_out_str(o, " (leaked)");
	if (g->scan)
		gm_out_str(o, " (scan)");
	if (g->wait_minutes >= 1) {
		gm_out_str(o, ", ");
		gm_out_i64(o, g->wait_minutes);
		gm_out_str(o, " minutes");
	}
	if (g->locked)
		gm_out_str(o, ", locked to thread");
	bool labels = g->nlabels > 0 && s->ctx.tracebacklabels == 1;
	if (v == 26 && labels)
		print_labels(o, g, false);
	gm_out_ch(o, ']');
	if (v >= 27 && labels)
		print_labels(o, g, true);
	gm_out_str(o, ":\n");
}

static const char *print_name(const struct go_state *s, const char *func, char *buf, size_t n)
{
	if (s->ctx.go_minor >= 21)
		return gm_go_funcname_for_print(func, s->ctx.go_minor, buf, n);
	/* 1.19: the pclntab already holds "[...]"; only gopanic is renamed */
	return strcmp(func, "runtime.gopanic") ? func : "panic";
}

/* print_name(func), by the cache of names */
static void out_name(struct go_state *s, const char *func)
{
	struct gm_out *o = &s->out;
	char buf[512];
	struct strent *e = &s->names[slot_of(func)];
	if (e->key != func) {
		const char *p = print_name(s, func, buf, sizeof(buf));
		e->key = func;
		e->print = p == func ? p : NULL; /* buf: not kept */
		e->len = strlen(p);
		gm_out_mem(o, p, e->len);
	} else if (e->print) {
		gm_out_mem(o, e->print, e->len);
	} else {
		gm_out_str(o, print_name(s, func, buf, sizeof(buf)));
	}
}

static void print_frame_slow(struct go_state *s, const struct gm_gframe *f)
{
	struct gm_out *o = &s->out;
	if (f->native) {
		/* --native: a C frame, as the runtime's printCgoTraceback prints
		 * the frames of a cgo traceback (runtime.SetCgoTraceback):
		 * "NAME\n\tpc=0x...", "non-Go function" when there is no name */
		gm_out_str(o, f->func && strcmp(f->func, "?") ? f->func : "non-Go function");
		gm_out_str(o, "\n\tpc=");
		gm_out_hex(o, f->pc);
		gm_out_ch(o, '\n');
		return;
	}
	out_name(s, f->func);
	if (f->inlined) {
		gm_out_str(o, "(...)\n\t");
		out_file(s, f->file);
		gm_out_ch(o, ':');
		gm_out_i64(o, f->line);
		gm_out_ch(o, '\n');
		return;
	}
	/* the rest of the line in place: "(ARGS)\n\tFILE:LINE +0xOFF fp=0x.. sp=0x.. pc=0x..\n" */
	size_t alen = f->args ? strlen(f->args) : 0, flen = file_len(s, f->file);
	char *p = gm_out_reserve(o, alen + flen + 128);
	if (p) {
		*p++ = '(';
		if (alen)
			memcpy(p, f->args, alen);
		p += alen;
		memcpy(p, ")\n\t", 3);
		p += 3;
		memcpy(p, f->file, flen);
		p += flen;
		*p++ = ':';
		p = gm_put_i64(p, f->line);
		if (f->pc > f->entry) {
			memcpy(p, " +", 2);
			p = gm_put_hex(p + 2, f->pc - f->entry);
		}
		memcpy(p, " fp=", 4);
		p = gm_put_hex(p + 4, f->fp);
		memcpy(p, " sp=", 4);
		p = gm_put_hex(p + 4, f->sp);
		memcpy(p, " pc=", 4);
		p = gm_put_hex(p + 4, f->pc);
		*p++ = '\n';
		gm_out_commit(o, p);
		return;
	}
	gm_out_ch(o, '(');
	if (f->args)
		gm_out_str(o, f->args);
	gm_out_str(o, ")\n\t");
	out_file(s, f->file);
	gm_out_ch(o, ':');
	gm_out_i64(o, f->line);
	if (f->pc > f->entry) {
		gm_out_str(o, " +");
		gm_out_hex(o, f->pc - f->entry);
	}
	gm_out_str(o, " fp=");
	gm_out_hex(o, f->fp);
	gm_out_str(o, " sp=");
	gm_out_hex(o, f->sp);
	gm_out_str(o, " pc=");
	gm_out_hex(o, f->pc);
	gm_out_ch(o, '\n');
}

/* The constant parts of f's line, as print_frame_slow prints them, into
 * e; false when out of memory. */
static bool fent_fill(struct go_state *s, struct fent *e, const struct gm_gframe *f)
{
	char buf[512];
	const char *name = print_name(s, f->func, buf, sizeof(buf));
	size_t nlen = strlen(name), flen = file_len(s, f->file);
	char *t = calloc(1, nlen + flen + 128 + COPY_PAD); /* copy16 reads up to COPY_PAD past the end */
	if (!t)
		return false;
	char *p = t;
	memcpy(p, name, nlen);
	p += nlen;
	if (f->inlined) {
		memcpy(p, "(...)\n\t", 7);
		p += 7;
	} else {
		*p++ = '(';
	}
	uint32_t head = (uint32_t)(p - t);
	if (!f->inlined) {
		memcpy(p, ")\n\t", 3);
		p += 3;
	}
	memcpy(p, f->file, flen);
	p += flen;
	*p++ = ':';
	p = gm_put_i64(p, f->line);
	if (f->inlined) {
		*p++ = '\n';
		head = (uint32_t)(p - t);
	} else {
		if (f->pc > f->entry) {
			memcpy(p, " +", 2);
			p = gm_put_hex(p + 2, f->pc - f->entry);
		}
		memcpy(p, " fp=", 4);
		p += 4;
	}
	uint32_t mid = (uint32_t)(p - t) - head;
	if (!f->inlined) {
		memcpy(p, " pc=", 4);
		p = gm_put_hex(p + 4, f->pc);
		*p++ = '\n';
	}
	free(e->text);
	e->text = t;
	e->head = head;
	e->mid = mid;
	e->tail = (uint32_t)(p - t) - head - mid;
	e->pc = f->pc;
	e->entry = f->entry;
	e->func = f->func;
	e->file = f->file;
	e->line = f->line;
	e->inlined = f->inlined;
	return true;
}

/* n bytes from s to d in 16-byte steps: up to COPY_PAD bytes past n are
 * read from s and written to d (the output buffer's slack, overwritten by
 * what follows); no call to memcpy for the 3 pieces of every frame. */
static inline char *copy16(char *d, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i += 16)
		memcpy(d + i, s + i, 16);
	return d + n;
}

static void print_frame(struct go_state *s, const struct gm_gframe *f)
{
	if (f->native) {
		print_frame_slow(s, f);
		return;
	}
	uint64_t h = f->pc ^ ((uint64_t)(uintptr_t)f->func << 7) ^ (uint64_t)(uint32_t)f->line;
	struct fent *e = &s->frames[((h * 0x9E3779B97F4A7C15ull) >> 40) & (NFRAMES - 1)];
	if (!(e->text && e->pc == f->pc && e->func == f->func && e->line == f->line &&
	      e->file == f->file && e->inlined == f->inlined && e->entry == f->entry) &&
	    !fent_fill(s, e, f)) {
		print_frame_slow(s, f);
		return;
	}
	struct gm_out *o = &s->out;
	size_t alen = f->args && !f->inlined ? f->args_len : 0;
	char *p = gm_out_reserve(o, e->head + alen + e->mid + e->tail + 48 + COPY_PAD);
	if (!p) {
		print_frame_slow(s, f);
		return;
	}
	p = copy16(p, e->text, e->head);
	if (f->inlined) {
		gm_out_commit(o, p);
		return;
	}
	if (alen)
		memcpy(p, f->args, alen);
	p += alen;
	p = gm_put_hex(copy16(p, e->text + e->head, e->mid), f->fp);
	memcpy(p, " sp=", 4);
	p = gm_put_hex(p + 4, f->sp);
	gm_out_commit(o, copy16(p, e->text + e->head + e->mid, e->tail));
}

static void go_goroutine(void *st, const struct gm_goroutine *g)
{
	struct go_state *s = st;
	struct gm_out *o = &s->out;
	if (!s->first)
		gm_out_ch(o, '\n');
	s->first = false;
	print_header(s, g);
	if (g->stack_unavailable) {
		gm_out_str(o, "\tgoroutine running on other thread; stack unavailable\n");
	} else if (s->ctx.go_minor >= 21) {
		/* traceback1: 50 innermost and 50 outermost logical frames. */
		size_t n = g->nframes;
		if (n <= 100) {
			for (size_t i = 0; i < n; i++)
				print_frame(s, &g->frames[i]);
		} else {
			for (size_t i = 0; i < 50; i++)
				print_frame(s, &g->frames[i]);
			gm_out_str(o, "...");
			gm_out_u64(o, n - 100);
			gm_out_str(o, " frames elided...\n");
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
			gm_out_str(o, "...additional frames elided...\n");
	}
	if (g->created_by.present) {
		gm_out_str(o, "created by ");
		/* 1.19 prints funcname(f) as is, 1.21+ printFuncName */
		if (s->ctx.go_minor >= 21)
			out_name(s, g->created_by.func);
		else
			gm_out_str(o, g->created_by.func);
		if (s->ctx.go_minor >= 21 && g->parent_goid) {
			gm_out_str(o, " in goroutine ");
			gm_out_u64(o, g->parent_goid);
		}
		gm_out_str(o, "\n\t");
		out_file(s, g->created_by.file);
		gm_out_ch(o, ':');
		gm_out_i64(o, g->created_by.line);
		if (g->created_by.pc > g->created_by.entry) {
			gm_out_str(o, " +");
			gm_out_hex(o, g->created_by.pc - g->created_by.entry);
		}
		gm_out_ch(o, '\n');
	}
}

static int go_end(void *st, const struct gm_gwalk_stats *stats)
{
	struct go_state *s = st;
	int rc = gm_out_flush(&s->out) && !ferror(s->ctx.out) ? 0 : -1;
	for (size_t i = 0; i < NFRAMES; i++)
		free(s->frames[i].text);
	free(s->big);
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
