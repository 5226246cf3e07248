/* --format json: the documented, versioned schema of docs/json.md
 * ("gomortem.goroutines", version 1). Streams one object per goroutine. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "gm_json.h"
#include "gm_out.h"
#include "gm_render.h"

/* Function names and files by pointer (the same few hundred strings for
 * millions of frames) with their printed length and whether they need
 * escaping: a direct-mapped cache (issue 22). */
#define NCACHE 1024
struct strent {
	const char *key;   /* as the frame has it */
	const char *print; /* what is printed: key itself, or NULL (not cacheable) */
	size_t len;
	bool plain;        /* no byte to escape */
};

struct json_state {
	struct gm_render_ctx ctx;
	bool first;
	struct strent names[NCACHE], files[NCACHE];
	struct gm_out out;
};

static inline struct strent *slot_of(struct strent *tab, const char *p)
{
	return &tab[(size_t)(((uintptr_t)p * 0x9E3779B97F4A7C15ull) >> 54) & (NCACHE - 1)];
}

static void out_cached(struct gm_out *o, const struct strent *e)
{
	if (!e->plain) {
		gm_json_escape(o, e->print, e->len);
		return;
	}
	gm_out_ch(o, '"');
	gm_out_mem(o, e->print, e->len);
	gm_out_ch(o, '"');
}

static void fill_ent(struct strent *e, const char *key, const char *print)
{
	e->key = key;
	e->print = print;
	e->len = strlen(print);
	e->plain = gm_json_plain(print, e->len);
}

void gm_json_str(FILE *f, const char *s, size_t n)
{
	struct gm_out *o = malloc(sizeof(*o));
	if (!o)
		return;
	gm_out_init(o, f);
	gm_json_escape(o, s, n);
	gm_out_flush(o);
	free(o);
}

static void jstr(struct gm_out *o, const char *s)
{
	gm_json_escape(o, s, s ? strlen(s) : 0);
}

static void *json_begin(const struct gm_render_ctx *ctx)
{
	struct json_state *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->ctx = *ctx;
	s->first = true;
	gm_out_init(&s->out, ctx->out);
	struct gm_out *o = &s->out;
	gm_out_str(o, "{\"schema\":\"gomortem.goroutines\",\"schema_version\":1,\"go_version\":");
	jstr(o, ctx->go_version);
	gm_out_str(o, ",\"core\":");
	jstr(o, ctx->core_path);
	gm_out_str(o, ",\"executable\":");
	jstr(o, ctx->exe_path);
	gm_out_str(o, ",\"now\":");
	if (ctx->now) {
		gm_out_fmt(o, "{\"nanotime\":%" PRId64 ",\"lower_bound\":%s,\"source\":", ctx->now,
			   ctx->now_exact ? "false" : "true");
		jstr(o, ctx->now_source);
		gm_out_ch(o, '}');
	} else {
		gm_out_str(o, "null");
	}
	gm_out_fmt(o, ",\"live\":%s,\"consistent\":%s,\"pause_ms\":", ctx->live ? "true" : "false",
		   ctx->live && !ctx->consistent ? "false" : "true");
	if (ctx->live && (ctx->consistent || ctx->budget_hit))
		gm_out_fmt(o, "%.3f", ctx->pause_ms);
	else
		gm_out_str(o, "null");
	gm_out_str(o, ",\"leaks\":{\"checked\":");
	gm_out_str(o, ctx->leaks_checked ? "true" : "false");
	if (ctx->leaks_checked) {
		gm_out_fmt(o, ",\"proven\":%s,\"leaked\":%" PRIu64, ctx->leaks_proven ? "true" : "false", ctx->leaked);
		gm_out_str(o, ",\"problem\":");
	} else {
		gm_out_str(o, ",\"why_not\":");
	}
	jstr(o, ctx->leaks_note);
	gm_out_str(o, "},\"goroutines\":[");
	return s;
}

static void json_goroutine(void *st, const struct gm_goroutine *g)
{
	struct json_state *s = st;
	struct gm_out *o = &s->out;
	char name[512];
	gm_out_str(o, s->first ? "\n" : ",\n");
	s->first = false;
	gm_out_str(o, "{\"goid\":");
	gm_out_u64(o, g->goid);
	gm_out_str(o, ",\"gp\":\"");
	gm_out_hex(o, g->addr);
	gm_out_str(o, "\",\"status\":");
	/* status: the runtime's status name, never the wait reason */
	jstr(o, g->wait_reason ? "waiting" : g->status_str);
	gm_out_str(o, ",\"wait_reason\":");
	jstr(o, g->wait_reason);
	gm_out_str(o, ",\"wait_minutes\":");
	if (g->wait_minutes >= 0)
		gm_out_i64(o, g->wait_minutes);
	else
		gm_out_str(o, "null");
	gm_out_str(o, g->locked ? ",\"locked_to_thread\":true" : ",\"locked_to_thread\":false");
	gm_out_str(o, g->system ? ",\"system\":true" : ",\"system\":false");
	gm_out_str(o, g->scan ? ",\"scan\":true" : ",\"scan\":false");
	gm_out_str(o, !s->ctx.leaks_checked ? ",\"proven_leaked\":null"
		   : g->proven_leaked ? ",\"proven_leaked\":true" : ",\"proven_leaked\":false");
	gm_out_str(o, ",\"m\":");
	if (g->m_id >= 0)
		gm_out_i64(o, g->m_id);
	else
		gm_out_str(o, "null");
	gm_out_str(o, ",\"labels\":{");
	for (size_t i = 0; i < g->nlabels; i++) {
		if (i)
			gm_out_ch(o, ',');
		gm_json_escape(o, g->labels[i].key, g->labels[i].klen);
		gm_out_ch(o, ':');
		gm_json_escape(o, g->labels[i].value, g->labels[i].vlen);
	}
	gm_out_str(o, "},\"start_function\":");
	jstr(o, g->start_func);
	gm_out_str(o, ",\"created_by\":");
	if (g->created_by.present) {
		gm_out_str(o, "{\"goid\":");
		if (g->parent_goid)
			gm_out_u64(o, g->parent_goid);
		else
			gm_out_str(o, "null");
		gm_out_str(o, ",\"function\":");
		jstr(o, gm_go_funcname_for_print(g->created_by.func, s->ctx.go_minor >= 21 ? s->ctx.go_minor : 21, name, sizeof(name)));
		gm_out_str(o, ",\"file\":");
		jstr(o, g->created_by.file);
		gm_out_str(o, ",\"line\":");
		gm_out_i64(o, g->created_by.line);
		gm_out_str(o, ",\"pc\":\"");
		gm_out_hex(o, g->created_by.pc);
		gm_out_str(o, "\"}");
	} else {
		gm_out_str(o, "null");
	}
	gm_out_str(o, g->stack_unavailable ? ",\"stack_available\":false,\"stack_from\":\""
					    : ",\"stack_available\":true,\"stack_from\":\"");
	gm_out_str(o, g->stack_unavailable ? "none"
		      : g->from_thread ? "thread_registers"
		      : g->from_signal ? "signal_frame"
		      : g->from_syscall ? "syscall"
					: "sched");
	gm_out_str(o, "\",\"unwind_error\":");
	jstr(o, g->unwind_error);
	gm_out_str(o, ",\"damage\":");
	jstr(o, g->damage);
	gm_out_str(o, ",\"frames\":[");
	for (size_t i = 0; i < g->nframes; i++) {
		const struct gm_gframe *f = &g->frames[i];
		gm_out_str(o, i ? ",{\"function\":" : "{\"function\":");
		if (f->native) {
			/* --native: a C frame (docs/json.md) */
			jstr(o, f->func && strcmp(f->func, "?") ? f->func : NULL);
			gm_out_str(o, ",\"module\":");
			jstr(o, f->file && strcmp(f->file, "?") ? f->file : NULL);
			gm_out_fmt(o, ",\"offset\":%" PRIu64 ",\"pc\":\"0x%" PRIx64 "\",\"native\":true}",
				   f->pc - f->entry, f->pc);
			continue;
		}
		struct strent *e = f->func ? slot_of(s->names, f->func) : NULL;
		if (e && e->key == f->func && e->print) {
			out_cached(o, e);
		} else {
			const char *p = gm_go_funcname_for_print(f->func, s->ctx.go_minor >= 21 ? s->ctx.go_minor : 21, name, sizeof(name));
			jstr(o, p);
			if (e && p == f->func)
				fill_ent(e, f->func, p);
		}
		gm_out_str(o, ",\"file\":");
		e = f->file ? slot_of(s->files, f->file) : NULL;
		if (e) {
			if (e->key != f->file)
				fill_ent(e, f->file, f->file);
			out_cached(o, e);
		} else {
			jstr(o, NULL);
		}
		/* ",\"line\":%d,\"pc\":\"0x%x\",\"inlined\":%s}" without printf */
		gm_out_str(o, ",\"line\":");
		gm_out_i64(o, f->line);
		gm_out_str(o, ",\"pc\":\"");
		gm_out_hex(o, f->pc);
		gm_out_str(o, f->inlined ? "\",\"inlined\":true}" : "\",\"inlined\":false}");
	}
	gm_out_str(o, "]}");
}

static int json_end(void *st, const struct gm_gwalk_stats *stats)
{
	struct json_state *s = st;
	struct gm_out *o = &s->out;
	gm_out_str(o, "\n],\"stats\":");
	if (stats) {
		gm_out_fmt(o,
			"{\"allglen\":%" PRIu64 ",\"goroutines\":%" PRIu64 ",\"dead\":%" PRIu64
			",\"unreadable\":%" PRIu64 ",\"unwind_errors\":%" PRIu64 ",\"damaged\":%" PRIu64
			",\"first_problem\":",
			stats->allglen, stats->live, stats->dead, stats->unreadable, stats->unwind_errors,
			stats->damaged);
		jstr(o, stats->first_problem);
		gm_out_ch(o, '}');
	} else {
		gm_out_str(o, "null");
	}
	gm_out_str(o, "}\n");
	int rc = gm_out_flush(o) && !ferror(s->ctx.out) ? 0 : -1;
	free(s);
	return rc;
}

const struct gm_renderer gm_render_json = {
	.name = "json",
	.begin = json_begin,
	.goroutine = json_goroutine,
	.end = json_end,
	.want_args = false,
};
