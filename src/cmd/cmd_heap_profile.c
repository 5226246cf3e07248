/* gomortem heap --profile (= gomortem profile heap): the runtime's sampled
 * heap profile (src/walk/memprof.c) as text (top allocation sites), JSON
 * (gomortem.heap_profile, every site) or pprof (the profile
 * WriteHeapProfile would have written). gomortem profile block|mutex: the
 * block and mutex profiles as text (top sites by delay) or pprof (what
 * pprof.Lookup(NAME).WriteTo(w, 0) would have written). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gm_cli.h"
#include "gm_memprof.h"

#define TOP 10

static const struct gm_memprof *sort_p;
static int sort_k;

static int by_value(const void *a, const void *b)
{
	const struct gm_memprof_sample *x = &sort_p->samples[*(const uint32_t *)a];
	const struct gm_memprof_sample *y = &sort_p->samples[*(const uint32_t *)b];
	if (x->v[sort_k] != y->v[sort_k])
		return x->v[sort_k] > y->v[sort_k] ? -1 : 1;
	if (x->v[sort_k - 1] != y->v[sort_k - 1])
		return x->v[sort_k - 1] > y->v[sort_k - 1] ? -1 : 1;
	return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

/* Sample indices sorted by v[k] (k = 1 alloc_space, 3 inuse_space). */
static uint32_t *sorted(const struct gm_memprof *p, int k)
{
	uint32_t *ix = malloc((p->nsamples ? p->nsamples : 1) * sizeof(*ix));
	if (!ix)
		return NULL;
	for (size_t i = 0; i < p->nsamples; i++)
		ix[i] = (uint32_t)i;
	sort_p = p;
	sort_k = k;
	qsort(ix, p->nsamples, sizeof(*ix), by_value);
	return ix;
}

static const char *human(int64_t v, char *buf, size_t n)
{
	double d = (double)v;
	if (v >= (10ll << 30))
		snprintf(buf, n, "%.1f GiB", d / (1u << 30));
	else if (v >= (10ll << 20))
		snprintf(buf, n, "%.1f MiB", d / (1u << 20));
	else if (v >= (10ll << 10))
		snprintf(buf, n, "%.1f KiB", d / (1u << 10));
	else
		snprintf(buf, n, "%" PRId64 " B", v);
	return buf;
}

/* The TOP sites by bytes value v[k] (3: in use, 1: allocated), each with the
 * other figure (v[4-k]) beside it and its stack. */
static void top_sites(FILE *o, const struct gm_memprof *p, int k, const char *what,
		      const char *by, const char *other)
{
	uint32_t *ix = sorted(p, k);
	if (!ix)
		return;
	char b1[32], b2[32];
	fprintf(o, "\ntop allocation sites by %s:\n", by);
	size_t shown = 0;
	for (size_t i = 0; i < p->nsamples && shown < TOP; i++) {
		const struct gm_memprof_sample *s = &p->samples[ix[i]];
		if (!s->v[k])
			break;
		shown++;
		fprintf(o, "  %10s %s in %" PRId64 " objects of %" PRIu64 " bytes (%s: %s in %" PRId64 ")\n",
			human(s->v[k], b1, sizeof(b1)), what, s->v[k - 1], s->size, other,
			human(s->v[4 - k], b2, sizeof(b2)), s->v[3 - k]);
		for (uint32_t l = 0; l < s->nloc; l++) {
			const struct gm_memprof_loc *loc = &p->locs[p->loc_ids[s->loc_first + l]];
			for (uint32_t f = 0; f < loc->nframes; f++) {
				const struct gm_memprof_frame *fr = &p->frames[loc->first + f];
				fprintf(o, "      %s\n          %s:%d\n", fr->name[0] ? fr->name : "?",
					fr->file[0] ? fr->file : "?", fr->line);
			}
		}
	}
	if (!shown)
		fputs("  (none)\n", o);
	free(ix);
}

static void render_text(FILE *o, const struct gm_memprof *p)
{
	char b1[32], b2[32];
	fprintf(o,
		"heap profile (the runtime's samples, as WriteHeapProfile would write them):\n"
		"  MemProfileRate %" PRId64 " bytes, %zu allocation sites, profile cycle %" PRIu32 "%s\n"
		"  in use:    %s in %" PRId64 " objects (estimated from the samples)\n"
		"  allocated: %s in %" PRId64 " objects since the program started\n",
		p->rate, p->nsamples, p->cycle,
		p->folded_all ? " (no GC yet: every sample so far, as the runtime then reports)" : "",
		human(p->total[3], b1, sizeof(b1)), p->total[2], human(p->total[1], b2, sizeof(b2)),
		p->total[0]);
	top_sites(o, p, 3, "in use", "in-use bytes", "allocated");
	top_sites(o, p, 1, "allocated", "allocated bytes", "in use");
}

static void render_json(FILE *o, const struct gm_memprof *p, const char *target, const char *exe,
			const char *go_version)
{
	fputs("{\"schema\":\"gomortem.heap_profile\",\"schema_version\":1,\"go_version\":", o);
	gm_cli_jstr(o, go_version);
	fputs(",\"core\":", o);
	gm_cli_jstr(o, target);
	fputs(",\"executable\":", o);
	gm_cli_jstr(o, exe);
	fprintf(o,
		",\"mem_profile_rate\":%" PRId64 ",\"cycle\":%" PRIu32 ",\"all_cycles_folded\":%s"
		",\"buckets\":%zu,\"total\":{\"alloc_objects\":%" PRId64 ",\"alloc_space\":%" PRId64
		",\"inuse_objects\":%" PRId64 ",\"inuse_space\":%" PRId64 "},\"exp_fma\":%s"
		",\"exp_fma_source\":",
		p->rate, p->cycle, p->folded_all ? "true" : "false", p->nbuckets, p->total[0],
		p->total[1], p->total[2], p->total[3], p->fma ? "true" : "false");
	gm_cli_jstr(o, p->fma_source);
	fputs(",\"samples\":[", o);
	uint32_t *ix = sorted(p, 3);
	for (size_t i = 0; ix && i < p->nsamples; i++) {
		const struct gm_memprof_sample *s = &p->samples[ix[i]];
		fprintf(o,
			"%s{\"alloc_objects\":%" PRId64 ",\"alloc_space\":%" PRId64
			",\"inuse_objects\":%" PRId64 ",\"inuse_space\":%" PRId64 ",\"object_size\":%" PRIu64
			",\"bytes_label\":",
			i ? "," : "", s->v[0], s->v[1], s->v[2], s->v[3], s->size);
		if (s->has_label)
			fprintf(o, "%" PRId64, s->label_bytes);
		else
			fputs("null", o);
		fprintf(o,
			",\"sampled\":{\"allocs\":%" PRId64 ",\"frees\":%" PRId64 ",\"alloc_bytes\":%" PRId64
			",\"free_bytes\":%" PRId64 "},\"bucket\":\"0x%" PRIx64 "\",\"pcs\":[",
			s->allocs, s->frees, s->alloc_bytes, s->free_bytes, s->bucket);
		for (uint32_t k = 0; k < s->nstk; k++)
			fprintf(o, "%s\"0x%" PRIx64 "\"", k ? "," : "", p->pcs[s->stk_first + k]);
		fputs("],\"stack\":[", o);
		bool first = true;
		for (uint32_t l = 0; l < s->nloc; l++) {
			const struct gm_memprof_loc *loc = &p->locs[p->loc_ids[s->loc_first + l]];
			for (uint32_t f = 0; f < loc->nframes; f++) {
				const struct gm_memprof_frame *fr = &p->frames[loc->first + f];
				fprintf(o, "%s{\"function\":", first ? "" : ",");
				gm_cli_jstr(o, fr->name);
				fputs(",\"file\":", o);
				gm_cli_jstr(o, fr->file);
				fprintf(o, ",\"line\":%d,\"address\":\"0x%" PRIx64 "\",\"inlined\":%s}", fr->line,
					loc->addr, f + 1 < loc->nframes ? "true" : "false");
				first = false;
			}
		}
		fputs("]}", o);
	}
	free(ix);
	fputs("],\"problem\":", o);
	gm_cli_jstr(o, p->problem[0] ? p->problem : NULL);
	fputs("}\n", o);
}

/* The block or mutex profile's top sites by delay. */
static void render_block_text(FILE *o, const struct gm_memprof *p)
{
	const char *name = p->kind == GM_PROF_MUTEX ? "mutex" : "block";
	fprintf(o, "%s profile (the runtime's records, as pprof.Lookup(\"%s\").WriteTo would write them):\n",
		name, name);
	if (p->sampling >= 0)
		fprintf(o, "  %s %" PRId64 "%s, ", p->kind == GM_PROF_MUTEX ? "mutex profile fraction" : "block profile rate",
			p->sampling, p->kind == GM_PROF_MUTEX ? "" : " cycles");
	else
		fputs("  ", o);
	fprintf(o, "%zu sites, %" PRId64 " cycles/second\n", p->nsamples, p->cycles_per_second);
	fprintf(o, "  %s: %" PRId64 ", delay %.3f ms in all\n",
		p->kind == GM_PROF_MUTEX ? "contentions" : "blocking events", p->total[0],
		(double)p->total[1] / 1e6);
	fprintf(o, "\ntop sites by delay:\n");
	size_t shown = 0;
	/* the samples are sorted by cycles, descending: delay follows */
	for (size_t i = 0; i < p->nsamples && shown < TOP; i++) {
		const struct gm_memprof_sample *s = &p->samples[i];
		shown++;
		fprintf(o, "  %12.3f ms in %" PRId64 " %s\n", (double)s->v[1] / 1e6, s->v[0],
			s->v[0] == 1 ? "event" : "events");
		for (uint32_t l = 0; l < s->nloc; l++) {
			const struct gm_memprof_loc *loc = &p->locs[p->loc_ids[s->loc_first + l]];
			for (uint32_t f = 0; f < loc->nframes; f++) {
				const struct gm_memprof_frame *fr = &p->frames[loc->first + f];
				fprintf(o, "      %s\n          %s:%d\n", fr->name[0] ? fr->name : "?",
					fr->file[0] ? fr->file : "?", fr->line);
			}
		}
	}
	if (!shown)
		fputs("  (none)\n", o);
}

static int run_profile(const struct gm_cli *c, int kind)
{
	enum { TEXT, JSON, PPROF } fmt = c->output ? PPROF : TEXT;
	if (c->format) {
		if (!strcmp(c->format, "text"))
			fmt = TEXT;
		else if (!strcmp(c->format, "json") && kind == GM_PROF_HEAP)
			fmt = JSON;
		else if (!strcmp(c->format, "pprof"))
			fmt = PPROF;
		else
			return gm_cli_usage_error("unknown format '%s' (text%s or pprof)", c->format,
						  kind == GM_PROF_HEAP ? ", json" : "");
	}
	if (fmt == PPROF && !c->output && isatty(STDOUT_FILENO))
		return gm_cli_usage_error("the pprof %s profile is gzipped protobuf: give -o FILE",
					  kind == GM_PROF_MUTEX ? "mutex" : kind == GM_PROF_BLOCK ? "block" : "heap");
	struct gm_session *s;
	int rc = gm_cli_open_session_heap(c, &s);
	if (rc)
		return rc;
	struct gm_memprof *p = NULL;
	struct gm_error *err = kind == GM_PROF_HEAP ? gm_memprof_read(s, &p) : gm_blockprof_read(s, kind, &p);
	if (err) {
		rc = gm_cli_report_error(err);
		gm_session_destroy(s);
		return rc;
	}
	if (p->disabled[0]) {
		fprintf(stderr, "gomortem: no %s profile: %s\n",
			kind == GM_PROF_MUTEX ? "mutex" : kind == GM_PROF_BLOCK ? "block" : "heap", p->disabled);
		gm_memprof_destroy(p);
		gm_session_destroy(s);
		return GM_EXIT_PARTIAL;
	}
	struct gm_cli_output o;
	rc = gm_cli_output_open(c, &o);
	if (rc) {
		gm_memprof_destroy(p);
		gm_session_destroy(s);
		return rc;
	}
	FILE *out = o.f;
	char tname[64];
	if (fmt == PPROF) {
		if (gm_memprof_write_pprof(p, out) != 0)
			rc = GM_EXIT_INTERNAL;
	} else if (fmt == JSON) {
		render_json(out, p, gm_cli_target_name(c, tname, sizeof(tname)), s->gobin->path,
			    s->gobin->go_version);
	} else if (kind == GM_PROF_HEAP) {
		render_text(out, p);
	} else {
		render_block_text(out, p);
	}
	if (p->problem[0])
		gm_cli_partial(s, "profile", "%s", p->problem);
	rc = gm_cli_soundness(s, rc);
	if (rc == GM_EXIT_INTERNAL)
		gm_cli_output_close(&o, false);
	else if (gm_cli_output_close(&o, true) != 0)
		rc = GM_EXIT_INTERNAL;
	gm_memprof_destroy(p);
	gm_session_destroy(s);
	return rc;
}

int gm_cmd_heap_profile(const struct gm_cli *c)
{
	return run_profile(c, GM_PROF_HEAP);
}

int gm_cmd_profile(const struct gm_cli *c)
{
	static const char *const kinds[] = {"heap", "block", "mutex"};
	if (!c->prof_kind)
		return gm_cli_usage_error("profile: which one? heap, block or mutex");
	for (int k = 0; k < 3; k++)
		if (!strcmp(c->prof_kind, kinds[k]))
			return run_profile(c, k);
	return gm_cli_usage_error("profile: unknown profile '%s' (heap, block or mutex)", c->prof_kind);
}
