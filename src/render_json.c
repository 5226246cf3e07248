/* --format json: the documented, versioned schema of docs/json.md
 * ("gomortem.goroutines", version 1). Streams one object per goroutine. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "gm_render.h"

struct json_state {
	struct gm_render_ctx ctx;
	bool first;
};

void gm_json_str(FILE *o, const char *s, size_t n)
{
	if (!s) {
		fputs("null", o);
		return;
	}
	fputc('"', o);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': fputs("\\\"", o); break;
		case '\\': fputs("\\\\", o); break;
		case '\n': fputs("\\n", o); break;
		case '\r': fputs("\\r", o); break;
		case '\t': fputs("\\t", o); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(o, "\\u%04x", c);
			else if (c >= 0x80) {
				/* pass valid UTF-8 through, escape invalid bytes as U+FFFD */
				size_t len = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
				bool ok = len && i + len <= n;
				for (size_t k = 1; ok && k < len; k++)
					ok = ((unsigned char)s[i + k] & 0xc0) == 0x80;
				if (ok) {
					fwrite(s + i, 1, len, o);
					i += len - 1;
				} else {
					fputs("\\ufffd", o);
				}
			} else
				fputc(c, o);
		}
	}
	fputc('"', o);
}

static void jstr(FILE *o, const char *s)
{
	gm_json_str(o, s, s ? strlen(s) : 0);
}

static void *json_begin(const struct gm_render_ctx *ctx)
{
	struct json_state *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->ctx = *ctx;
	s->first = true;
	FILE *o = ctx->out;
	fputs("{\"schema\":\"gomortem.goroutines\",\"schema_version\":1,\"go_version\":", o);
	jstr(o, ctx->go_version);
	fputs(",\"core\":", o);
	jstr(o, ctx->core_path);
	fputs(",\"executable\":", o);
	jstr(o, ctx->exe_path);
	fputs(",\"now\":", o);
	if (ctx->now)
		fprintf(o, "{\"nanotime\":%" PRId64 ",\"lower_bound\":true,\"source\":", ctx->now),
			jstr(o, ctx->now_source), fputc('}', o);
	else
		fputs("null", o);
	fputs(",\"goroutines\":[", o);
	return s;
}

static void json_goroutine(void *st, const struct gm_goroutine *g)
{
	struct json_state *s = st;
	FILE *o = s->ctx.out;
	char name[512];
	fputs(s->first ? "\n" : ",\n", o);
	s->first = false;
	fprintf(o, "{\"goid\":%" PRIu64 ",\"gp\":\"0x%" PRIx64 "\",\"status\":", g->goid, g->addr);
	/* status: the runtime's status name, never the wait reason */
	jstr(o, g->wait_reason ? "waiting" : g->status_str);
	fputs(",\"wait_reason\":", o);
	jstr(o, g->wait_reason);
	fputs(",\"wait_minutes\":", o);
	if (g->wait_minutes >= 0)
		fprintf(o, "%" PRId64, g->wait_minutes);
	else
		fputs("null", o);
	fprintf(o, ",\"locked_to_thread\":%s,\"system\":%s,\"scan\":%s", g->locked ? "true" : "false",
		g->system ? "true" : "false", g->scan ? "true" : "false");
	fputs(",\"m\":", o);
	if (g->m_id >= 0)
		fprintf(o, "%" PRId64, g->m_id);
	else
		fputs("null", o);
	fputs(",\"labels\":{", o);
	for (size_t i = 0; i < g->nlabels; i++) {
		if (i)
			fputc(',', o);
		gm_json_str(o, g->labels[i].key, g->labels[i].klen);
		fputc(':', o);
		gm_json_str(o, g->labels[i].value, g->labels[i].vlen);
	}
	fputs("},\"start_function\":", o);
	jstr(o, g->start_func);
	fputs(",\"created_by\":", o);
	if (g->created_by.present) {
		fputs("{\"goid\":", o);
		if (g->parent_goid)
			fprintf(o, "%" PRIu64, g->parent_goid);
		else
			fputs("null", o);
		fputs(",\"function\":", o);
		jstr(o, gm_go_funcname_for_print(g->created_by.func, 21, name, sizeof(name)));
		fputs(",\"file\":", o);
		jstr(o, g->created_by.file);
		fprintf(o, ",\"line\":%d,\"pc\":\"0x%" PRIx64 "\"}", g->created_by.line, g->created_by.pc);
	} else {
		fputs("null", o);
	}
	fprintf(o, ",\"stack_available\":%s,\"unwind_error\":", g->stack_unavailable ? "false" : "true");
	jstr(o, g->unwind_error);
	fputs(",\"frames\":[", o);
	for (size_t i = 0; i < g->nframes; i++) {
		const struct gm_gframe *f = &g->frames[i];
		fputs(i ? ",{\"function\":" : "{\"function\":", o);
		jstr(o, gm_go_funcname_for_print(f->func, 21, name, sizeof(name)));
		fputs(",\"file\":", o);
		jstr(o, f->file);
		fprintf(o, ",\"line\":%d,\"pc\":\"0x%" PRIx64 "\",\"inlined\":%s}", f->line, f->pc,
			f->inlined ? "true" : "false");
	}
	fputs("]}", o);
}

static int json_end(void *st, const struct gm_gwalk_stats *stats)
{
	struct json_state *s = st;
	FILE *o = s->ctx.out;
	fputs("\n],\"stats\":", o);
	if (stats) {
		fprintf(o,
			"{\"allglen\":%" PRIu64 ",\"goroutines\":%" PRIu64 ",\"dead\":%" PRIu64
			",\"unreadable\":%" PRIu64 ",\"unwind_errors\":%" PRIu64 ",\"first_problem\":",
			stats->allglen, stats->live, stats->dead, stats->unreadable, stats->unwind_errors);
		jstr(o, stats->first_problem);
		fputc('}', o);
	} else {
		fputs("null", o);
	}
	fputs("}\n", o);
	int rc = ferror(o) ? -1 : 0;
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
