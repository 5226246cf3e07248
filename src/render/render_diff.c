/* gomortem diff OLD NEW: text and JSON (see gm_render_diff.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "gm_fmt.h"
#include "gm_render_diff.h"
#include "gm_render_summary.h"
#include "report_ops.h"

/* ---- text ---- */

static void text_time(FILE *o, const char *what, const struct gm_diff_side *s)
{
	char b[64];
	if (s->time.usec > 0)
		fprintf(o, "  %s %s: %s%s (%s)\n", what, s->name, s->time.lower_bound ? "at or after " : "",
			gm_fmt_iso_time(s->time.usec, b, sizeof(b)), s->time.source ? s->time.source : "?");
	else
		fprintf(o, "  %s %s: time unknown\n", what, s->name);
}

static void text_interval(FILE *o, const struct gm_diff *d)
{
	if (!d->have_interval) {
		fputs("  interval: unknown (no growth per minute)\n", o);
		return;
	}
	double s = (double)d->interval_usec / 1e6;
	if (s >= 120)
		fprintf(o, "  interval: %.1f minutes\n", s / 60);
	else
		fprintf(o, "  interval: %.3f seconds\n", s);
}

static void text_amount(char *b, size_t n, enum gm_diff_cat c, uint64_t v)
{
	if (gm_diff_cat_bytes(c))
		gm_fmt_bytes(v, b, n);
	else
		gm_fmt_thousands(v, b, n);
}

static void text_growth(char *b, size_t n, enum gm_diff_cat c, int64_t g)
{
	char t[32];
	uint64_t a = g < 0 ? (uint64_t)0 - (uint64_t)g : (uint64_t)g;
	text_amount(t, sizeof(t), c, a);
	snprintf(b, n, "%s%s", g < 0 ? "-" : g > 0 ? "+" : "", t);
}

static void text_group(FILE *o, const struct gm_diff_gdesc *g)
{
	fprintf(o, "%s", g->state ? g->state : "?");
	if (g->func)
		fprintf(o, " at %s (%s:%d)", g->func, gm_fmt_base_name(g->file), (int)g->line);
	else
		fputs(" (no stack)", o);
	if (g->created_func)
		fprintf(o, ", created by %s (%s:%d)", g->created_func, gm_fmt_base_name(g->created_file), (int)g->created_line);
	if (g->system)
		fputs(" [runtime]", o);
}

static void text_cat(FILE *o, const struct gm_diff *d, enum gm_diff_cat c, size_t maxrows)
{
	const struct gm_diff_catres *r = &d->cat[c];
	if (!r->known && d->old->unsupported[c] && d->nw->unsupported[c]) {
		fprintf(o, "%s: none in this Go version\n\n", gm_diff_cat_names[c]);
		return;
	}
	if (!r->known) {
		const char *wo = !d->old->have[c] ? d->old->why_not[c] : NULL;
		const char *wn = !d->nw->have[c] ? d->nw->why_not[c] : NULL;
		if (!wo && !wn) {
			fprintf(o, "%s: not compared (unreadable in %s)\n\n", gm_diff_cat_names[c],
				!d->old->have[c] && !d->nw->have[c] ? "both" : !d->old->have[c] ? "OLD" : "NEW");
		} else if (wo && wn && !strcmp(wo, wn)) {
			fprintf(o, "%s: not compared (%s)\n\n", gm_diff_cat_names[c], wo);
		} else {
			fprintf(o, "%s: not compared (", gm_diff_cat_names[c]);
			if (!d->old->have[c])
				fprintf(o, "OLD: %s%s", wo ? wo : "unreadable", !d->nw->have[c] ? "; " : "");
			if (!d->nw->have[c])
				fprintf(o, "NEW: %s", wn ? wn : "unreadable");
			fputs(")\n\n", o);
		}
		return;
	}
	char a[32], b[32], g[40], pm[40];
	text_amount(a, sizeof(a), c, (uint64_t)r->old_total);
	text_amount(b, sizeof(b), c, (uint64_t)r->new_total);
	fprintf(o, "%s: %s -> %s; %" PRIu64 " grown, %" PRIu64 " new, %" PRIu64 " gone, %" PRIu64
		   " shrunk, %" PRIu64 " unchanged\n",
		gm_diff_cat_names[c], a, b, r->counted[GM_DIFF_GROWN], r->counted[GM_DIFF_NEW],
		r->counted[GM_DIFF_GONE], r->counted[GM_DIFF_SHRUNK], r->counted[GM_DIFF_UNCHANGED]);
	size_t shown = 0, changed = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_diff_row *row = &r->rows[i];
		if (row->change == GM_DIFF_UNCHANGED)
			continue;
		changed++;
		if (shown == (c == GM_DC_TYPES && maxrows > 5 ? 5 : maxrows))
			continue;
		if (!shown)
			fprintf(o, "  %12s %12s %12s %10s  %-9s  %s\n", "old", "new", "growth", "/min", "change",
				c == GM_DC_GOROUTINES ? "state, where, creator" :
				c == GM_DC_PLUGINS ? "file (plugin path), in load order" : "what");
		shown++;
		text_amount(a, sizeof(a), c, row->nold);
		text_amount(b, sizeof(b), c, row->nnew);
		text_growth(g, sizeof(g), c, row->growth);
		double per;
		if (gm_diff_per_minute(d, row->growth, &per) && gm_diff_cat_bytes(c)) {
			char t[32];
			snprintf(pm, sizeof(pm), "%s%s", per < 0 ? "-" : "+",
				 gm_fmt_bytes((uint64_t)(per < 0 ? -per : per), t, sizeof(t)));
		} else if (gm_diff_per_minute(d, row->growth, &per))
			snprintf(pm, sizeof(pm), "%+.1f", per);
		else
			snprintf(pm, sizeof(pm), "?");
		fprintf(o, "  %12s %12s %12s %10s  %-9s  ", a, b, g, pm, gm_diff_change_names[row->change]);
		const struct gm_diff_entry *e = row->nw ? row->nw : row->old;
		if (e->g)
			text_group(o, e->g);
		else
			fputs(e->label ? e->label : e->key, o);
		fputc('\n', o);
	}
	if (changed > shown)
		fprintf(o, "  ... %zu more changed (--format json lists every one)\n", changed - shown);
	fputc('\n', o);
}

void gm_render_diff_text(FILE *o, const struct gm_diff *d, size_t rows)
{
	fprintf(o, "diff %s -> %s\n", d->old->name, d->nw->name);
	if (d->same_build)
		fprintf(o, "  same build (%s)\n", d->old->build_id);
	else
		fprintf(o, "  different builds ('%s' vs '%s', --force): goroutine stacks matched by function "
			   "and line\n", d->old->build_id, d->nw->build_id);
	text_time(o, "OLD", d->old);
	text_time(o, "NEW", d->nw);
	text_interval(o, d);
	fputc('\n', o);
	if (d->nflags) {
		fputs("red flags on growth:\n", o);
		for (int i = 0; i < d->nflags; i++)
			fprintf(o, "  %-8s %s\n", d->flags[i].severity == GM_FLAG_CRITICAL ? "CRITICAL" :
						  d->flags[i].severity == GM_FLAG_WARNING ? "WARNING" : "note",
				d->flags[i].message);
		fputc('\n', o);
	}
	for (int c = 0; c < GM_DC_N; c++)
		text_cat(o, d, (enum gm_diff_cat)c, rows);
	const struct gm_summary *mo = d->old->sm, *mn = d->nw->sm;
	fputs("summary metrics that changed or are unknown:\n", o);
	fprintf(o, "  %-32s %14s %14s %14s\n", "metric", "old", "new", "growth");
	for (int m = 0; m < GM_M_N; m++) {
		bool known;
		int64_t g = gm_diff_growth(mo, mn, (enum gm_metric)m, &known);
		if (known && g == 0)
			continue;
		char a[24], b[24], c[24];
		snprintf(a, sizeof(a), mo->metric_known[m] ? "%" PRId64 : "?", mo->metric[m]);
		snprintf(b, sizeof(b), mn->metric_known[m] ? "%" PRId64 : "?", mn->metric[m]);
		snprintf(c, sizeof(c), known ? "%+" PRId64 : "?", g);
		fprintf(o, "  %-32s %14s %14s %14s\n", gm_metric_names[m], a, b, c);
	}
}

/* ---- JSON ---- */

static void json_side(struct gm_json *j, const char *key, const struct gm_diff_side *s)
{
	char b[64];
	gm_json_kobject(j, key);
	gm_json_kstring(j, "name", s->name);
	gm_json_kstring(j, "build_id", s->build_id);
	if (s->time.usec > 0) {
		gm_json_ki64(j, "time_us", s->time.usec);
		gm_json_kstring(j, "time", gm_fmt_iso_time(s->time.usec, b, sizeof(b)));
		gm_json_kstring(j, "time_source", s->time.source);
		gm_json_kbool(j, "time_lower_bound", s->time.lower_bound);
	} else {
		gm_json_knull(j, "time_us");
		gm_json_knull(j, "time");
		gm_json_knull(j, "time_source");
		gm_json_knull(j, "time_lower_bound");
	}
	gm_json_karray(j, "problems");
	for (int i = 0; i < s->sm->nproblems && i < GM_SUMMARY_MAX_PROBLEMS; i++)
		gm_json_string(j, s->sm->problems[i]);
	gm_json_array_end(j);
	gm_json_object_end(j);
}

static void json_cat(struct gm_json *j, const struct gm_diff *d, enum gm_diff_cat c)
{
	const struct gm_diff_catres *r = &d->cat[c];
	gm_json_kobject(j, gm_diff_cat_names[c]);
	gm_json_kbool(j, "known", r->known);
	gm_json_kbool(j, "supported", !d->old->unsupported[c] || !d->nw->unsupported[c]);
	gm_json_kstring(j, "unit", gm_diff_cat_bytes(c) ? "bytes" : "count");
	if (!r->known) {
		const struct gm_diff_side *sd[2] = {d->old, d->nw};
		for (int k = 0; k < 2; k++) {
			const char *key = k ? "why_not_new" : "why_not_old";
			if (sd[k]->have[c])
				gm_json_knull(j, key);
			else
				gm_json_kstring(j, key, sd[k]->why_not[c] ? sd[k]->why_not[c] : "unreadable");
		}
		gm_json_object_end(j);
		return;
	}
	gm_json_ki64(j, "old", r->old_total);
	gm_json_ki64(j, "new", r->new_total);
	gm_json_ki64(j, "growth", r->new_total - r->old_total);
	gm_json_kobject(j, "changes");
	for (int k = 0; k < 5; k++)
		gm_json_ku64(j, gm_diff_change_names[k], r->counted[k]);
	gm_json_object_end(j);
	gm_json_karray(j, "items");
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_diff_row *row = &r->rows[i];
		const struct gm_diff_entry *e = row->nw ? row->nw : row->old;
		gm_json_object_begin(j);
		gm_json_kstring(j, "change", gm_diff_change_names[row->change]);
		gm_json_ku64(j, "old", row->nold);
		gm_json_ku64(j, "new", row->nnew);
		gm_json_ki64(j, "growth", row->growth);
		double per;
		if (gm_diff_per_minute(d, row->growth, &per))
			gm_json_kdouble(j, "per_minute", per, 3);
		else
			gm_json_knull(j, "per_minute");
		gm_json_kstring(j, "key", e->key);
		if (e->g) {
			gm_json_kstring(j, "state", e->g->state);
			gm_report_json_frame(j, "where", e->g->func, e->g->file, e->g->line);
			gm_report_json_frame(j, "created_by", e->g->created_func, e->g->created_file, e->g->created_line);
			gm_json_ku64(j, "frames", e->g->nframes);
			gm_json_kbool(j, "system", e->g->system);
		} else {
			gm_json_kstring(j, "label", e->label ? e->label : e->key);
		}
		if (e->p) {
			gm_json_kstring(j, "path", e->p->path);
			gm_json_kstring(j, "pluginpath", e->p->pluginpath);
			gm_json_ku64(j, "load_order", e->p->order);
		}
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_object_end(j);
}

void gm_render_diff_json(struct gm_json *j, const struct gm_diff *d, const struct gm_diff_failon_result *fo,
			 int nfo)
{
	const struct gm_summary *mo = d->old->sm, *mn = d->nw->sm;
	gm_json_object_begin(j);
	gm_json_kstring(j, "schema", "gomortem.diff");
	gm_json_ki64(j, "version", GM_DIFF_JSON_VERSION);
	gm_json_kstring(j, "old", d->old->name);
	gm_json_kstring(j, "new", d->nw->name);
	gm_json_kbool(j, "same_build", d->same_build);
	gm_json_kstring(j, "stacks_matched_by", d->old->by_line ? "function and line" : "function and pc");
	json_side(j, "old_snapshot", d->old);
	json_side(j, "new_snapshot", d->nw);
	if (d->have_interval)
		gm_json_kdouble(j, "interval_seconds", (double)d->interval_usec / 1e6, 6);
	else
		gm_json_knull(j, "interval_seconds");
	gm_render_flags_json(j, d->flags, d->nflags);
	gm_json_kobject(j, "categories");
	for (int c = 0; c < GM_DC_N; c++)
		json_cat(j, d, (enum gm_diff_cat)c);
	gm_json_object_end(j);
	gm_json_kobject(j, "metrics");
	for (int m = 0; m < GM_M_N; m++) {
		bool known;
		int64_t g = gm_diff_growth(mo, mn, (enum gm_metric)m, &known);
		gm_json_kobject(j, gm_metric_names[m]);
		if (mo->metric_known[m]) gm_json_ki64(j, "old", mo->metric[m]); else gm_json_knull(j, "old");
		if (mn->metric_known[m]) gm_json_ki64(j, "new", mn->metric[m]); else gm_json_knull(j, "new");
		if (known) gm_json_ki64(j, "growth", g); else gm_json_knull(j, "growth");
		gm_json_object_end(j);
	}
	gm_json_object_end(j);
	gm_json_karray(j, "fail_on");
	for (int i = 0; i < nfo; i++) {
		gm_json_object_begin(j);
		gm_json_kstring(j, "expr", fo[i].expr);
		gm_json_kstring(j, "result", fo[i].result > 0 ? "crossed" : fo[i].result == 0 ? "ok" : "unknown");
		gm_json_object_end(j);
	}
	gm_json_array_end(j);
	gm_json_object_end(j);
}

/* ---- the snapshot (summary --format json, member diff_snapshot) ---- */

void gm_render_diff_snapshot_json(struct gm_json *j, const struct gm_diff_side *s)
{
	gm_json_object_begin(j);
	gm_json_kstring(j, "schema", "gomortem.snapshot");
	gm_json_ki64(j, "version", GM_SNAPSHOT_VERSION);
	gm_json_kstring(j, "build_id", s->build_id);
	if (s->time.usec > 0) {
		gm_json_ki64(j, "time_us", s->time.usec);
		gm_json_kstring(j, "time_source", s->time.source);
		gm_json_kbool(j, "time_lower_bound", s->time.lower_bound);
	} else {
		gm_json_knull(j, "time_us");
		gm_json_knull(j, "time_source");
		gm_json_knull(j, "time_lower_bound");
	}
	gm_json_kobject(j, "categories");
	for (int c = 0; c < GM_DC_N; c++) {
		gm_json_kobject(j, gm_diff_cat_names[c]);
		gm_json_kbool(j, "supported", !s->unsupported[c]);
		if (!s->have[c]) {
			if (s->why_not[c])
				gm_json_kstring(j, "why_not", s->why_not[c]);
			gm_json_knull(j, "items");
			gm_json_object_end(j);
			continue;
		}
		gm_json_karray(j, "items");
		for (size_t i = 0; i < s->n[c]; i++) {
			const struct gm_diff_entry *e = &s->e[c][i];
			gm_json_object_begin(j);
			gm_json_kstring(j, "key", e->key);
			gm_json_ku64(j, "count", e->count);
			if (e->g) {
				gm_json_kstring(j, "alt", e->alt);
				gm_json_kstring(j, "state", e->g->state);
				gm_report_json_frame(j, "where", e->g->func, e->g->file, e->g->line);
				gm_report_json_frame(j, "created_by", e->g->created_func, e->g->created_file, e->g->created_line);
				gm_json_ku64(j, "frames", e->g->nframes);
				gm_json_kbool(j, "system", e->g->system);
			} else if (e->label) {
				gm_json_kstring(j, "label", e->label);
			}
			if (e->p) {
				gm_json_kstring(j, "path", e->p->path);
				gm_json_kstring(j, "pluginpath", e->p->pluginpath);
			}
			gm_json_object_end(j);
		}
		gm_json_array_end(j);
		gm_json_object_end(j);
	}
	gm_json_object_end(j);
	gm_json_object_end(j);
}
