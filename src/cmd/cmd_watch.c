/* gomortem watch --pid PID: a snapshot of a live process every interval
 * (the usual short pause of every live command; --no-stop honoured), one
 * line per snapshot, and at the end (--count, --for, SIGINT/SIGTERM/SIGHUP,
 * or the target's exit) the diff between the first and the last snapshot
 * (src/analyze/diff.c, src/render/render_diff.c: the diff command's own)
 * with the trend of every growing item and metric over the samples.
 *
 * Never leaves the target stopped: SIGINT, SIGTERM and SIGHUP are blocked
 * while a snapshot is taken (the stop, the copy and the detach), so they
 * cannot cut it; once the target runs again they are delivered to a
 * handler that only sets a flag, and the sleep between snapshots is the
 * one place they interrupt. The live target's own guard (a watchdog,
 * SIGQUIT/SIGPIPE detach) stays in force during the stop, and the kernel
 * detaches the target if gomortem is killed with SIGKILL. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gm_cli.h"
#include "gm_report.h"
#include "gm_diff.h"
#include "gm_json.h"
#include "gm_out.h"
#include "gm_render_diff.h"

#define TEXT_ROWS 20
#define MAX_SAMPLES 100000

static volatile sig_atomic_t watch_signal;

static void on_stop_signal(int sig)
{
	watch_signal = sig;
}

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* one snapshot as the trends need it: the metrics and, per category, the
 * items' counts by the hash of their key (sorted) */
struct hcount {
	uint64_t h;
	uint64_t n;
};
struct sample {
	int64_t usec;
	double pause_ms;
	int64_t metric[GM_M_N];
	bool known[GM_M_N];
	struct hcount *hc[GM_DC_N];
	size_t nhc[GM_DC_N];
	bool have[GM_DC_N];
};

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int cmp_hc(const void *a, const void *b)
{
	const struct hcount *x = a, *y = b;
	return (x->h > y->h) - (x->h < y->h);
}

static bool sample_fill(struct sample *sp, const struct gm_diff_side *d, double pause_ms)
{
	memset(sp, 0, sizeof(*sp));
	sp->usec = d->time.usec;
	sp->pause_ms = pause_ms;
	memcpy(sp->metric, d->sm->metric, sizeof(sp->metric));
	memcpy(sp->known, d->sm->metric_known, sizeof(sp->known));
	for (int c = 0; c < GM_DC_N; c++) {
		sp->have[c] = d->have[c];
		sp->hc[c] = calloc(d->n[c] ? d->n[c] : 1, sizeof(struct hcount));
		if (!sp->hc[c])
			return false;
		for (size_t i = 0; i < d->n[c]; i++)
			sp->hc[c][i] = (struct hcount){hash_key(d->e[c][i].key), d->e[c][i].count};
		sp->nhc[c] = d->n[c];
		qsort(sp->hc[c], sp->nhc[c], sizeof(struct hcount), cmp_hc);
	}
	return true;
}

static void sample_free(struct sample *sp)
{
	for (int c = 0; c < GM_DC_N; c++)
		free(sp->hc[c]);
}

static uint64_t sample_count(const struct sample *sp, int c, uint64_t h)
{
	struct hcount k = {h, 0};
	const struct hcount *r = sp->nhc[c] ? bsearch(&k, sp->hc[c], sp->nhc[c], sizeof(k), cmp_hc) : NULL;
	return r ? r->n : 0;
}

/* the trend of one series: non-decreasing at every step (and grown
 * overall), and the least-squares slope per minute over the samples' times
 * (NAN when the times are unknown or all equal) */
struct trend {
	bool monotonic;
	double per_minute;
};

static struct trend trend_of(const struct sample *s, const double *v, size_t n)
{
	struct trend t = {true, NAN};
	for (size_t i = 1; i < n; i++)
		if (v[i] < v[i - 1])
			t.monotonic = false;
	if (n < 2 || !(v[n - 1] > v[0]))
		t.monotonic = false;
	double mx = 0, my = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i].usec <= 0)
			return t;
		mx += (double)(s[i].usec - s[0].usec) / 60e6;
		my += v[i];
		k++;
	}
	mx /= (double)k;
	my /= (double)k;
	double sxx = 0, sxy = 0;
	for (size_t i = 0; i < n; i++) {
		double x = (double)(s[i].usec - s[0].usec) / 60e6 - mx;
		sxx += x * x;
		sxy += x * (v[i] - my);
	}
	if (sxx > 0)
		t.per_minute = sxy / sxx;
	return t;
}

/* ---- durations: 500ms, 10s, 30m, 2h; a bare number is seconds ---- */
int gm_cli_parse_duration_ms(const char *s, int64_t *ms)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || errno || !(v >= 0))
		return -1;
	double mul = 1000;
	if (!strcmp(end, "ms"))
		mul = 1;
	else if (!strcmp(end, "s") || !*end)
		mul = 1000;
	else if (!strcmp(end, "m"))
		mul = 60000;
	else if (!strcmp(end, "h"))
		mul = 3600000;
	else
		return -1;
	v *= mul;
	if (v > 1e12)
		return -1;
	*ms = (int64_t)(v + 0.5);
	return 0;
}

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* 'Z' zombie, 0 gone, else the state letter */
static char proc_state(int pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	const char *p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

static bool target_gone(int pid)
{
	char st = proc_state(pid);
	return st == 0 || st == 'Z' || st == 'X';
}

static void human_bytes(char *b, size_t n, int64_t v, bool sign)
{
	double a = (double)(v < 0 ? -v : v);
	const char *u = "B";
	if (a >= 1 << 30) {
		a /= 1 << 30;
		u = "GiB";
	} else if (a >= 1 << 20) {
		a /= 1 << 20;
		u = "MiB";
	} else if (a >= 1 << 10) {
		a /= 1 << 10;
		u = "KiB";
	}
	snprintf(b, n, "%s%.*f%s", v < 0 ? "-" : sign ? "+" : "", u[0] == 'B' ? 0 : 1, a, u);
}

/* the figures of a snapshot line, in order */
static const enum gm_metric line_metrics[] = {GM_M_GOROUTINES, GM_M_HEAP_HEAPINUSE, GM_M_FIN_QUEUED,
					      GM_M_TIMERS, GM_M_TYPES_RUNTIME};
static const char *const line_names[] = {"goroutines", "HeapInuse", "finalizers.queued", "timers",
					  "types.runtime_created"};

/* The plugins of side a that side b lacks (a NEW, b the snapshot before:
 * loaded since; the other way round: gone, which no process does), in a's
 * load order; each passed to fn. false when either side has no plugin
 * list. */
static bool plugins_not_in(const struct gm_diff_side *a, const struct gm_diff_side *b,
			   void (*fn)(void *arg, const struct gm_diff_pdesc *p), void *arg)
{
	if (!a || !b || !a->have[GM_DC_PLUGINS] || !b->have[GM_DC_PLUGINS])
		return false;
	for (size_t i = 0; i < a->n[GM_DC_PLUGINS]; i++) {
		const struct gm_diff_entry *e = &a->e[GM_DC_PLUGINS][i];
		if (e->p && !gm_diff_side_find(b, GM_DC_PLUGINS, e->key))
			fn(arg, e->p);
	}
	return true;
}

struct plugin_print {
	FILE *o;
	const char *what;
	struct gm_json *j;
};

static void plugin_text(void *arg, const struct gm_diff_pdesc *p)
{
	const struct plugin_print *pp = arg;
	fprintf(pp->o, "     %s: %s (%s)\n", pp->what, p->path, p->pluginpath[0] ? p->pluginpath : "plugin path unread");
}

static void plugin_json(void *arg, const struct gm_diff_pdesc *p)
{
	const struct plugin_print *pp = arg;
	gm_json_object_begin(pp->j);
	gm_json_kstring(pp->j, "path", p->path);
	gm_json_kstring(pp->j, "pluginpath", p->pluginpath);
	gm_json_object_end(pp->j);
}

/* under a snapshot's line, the plugins loaded since the snapshot before
 * (prev) and any gone */
static void print_plugins_text(FILE *o, const struct gm_diff_side *prev, const struct gm_diff_side *d)
{
	struct plugin_print pp = {o, "Go plugin loaded", NULL};
	plugins_not_in(d, prev, plugin_text, &pp);
	pp.what = "Go plugin gone (a process never unloads one: not the same process, or a damaged module list)";
	plugins_not_in(prev, d, plugin_text, &pp);
	fflush(o);
}

static void print_line_text(FILE *o, const struct sample *s0, const struct sample *sp, size_t seq)
{
	char tb[64] = "?";
	if (sp->usec > 0) {
		time_t sec = (time_t)(sp->usec / 1000000);
		struct tm tm;
		gmtime_r(&sec, &tm);
		size_t l = strftime(tb, sizeof(tb), "%H:%M:%S", &tm);
		snprintf(tb + l, sizeof(tb) - l, ".%03dZ", (int)(sp->usec / 1000 % 1000));
	}
	fprintf(o, "#%-3zu %s  pause %.1f ms", seq, tb, sp->pause_ms);
	for (size_t i = 0; i < sizeof(line_metrics) / sizeof(line_metrics[0]); i++) {
		enum gm_metric m = line_metrics[i];
		if (!sp->known[m]) {
			fprintf(o, "  %s ?", line_names[i]);
			continue;
		}
		char v[32], dv[32] = "?";
		int64_t d = s0->known[m] ? sp->metric[m] - s0->metric[m] : 0;
		if (m == GM_M_HEAP_HEAPINUSE) {
			human_bytes(v, sizeof v, sp->metric[m], false);
			if (s0->known[m])
				human_bytes(dv, sizeof dv, d, true);
		} else {
			snprintf(v, sizeof v, "%lld", (long long)sp->metric[m]);
			if (s0->known[m])
				snprintf(dv, sizeof dv, "%+lld", (long long)d);
		}
		fprintf(o, "  %s %s (%s)", line_names[i], v, dv);
	}
	fputc('\n', o);
	fflush(o);
}

static void json_head(struct gm_json *j, const char *type)
{
	gm_json_object_begin(j);
	gm_json_kstring(j, "schema", "gomortem.watch");
	gm_json_ki64(j, "version", 1);
	gm_json_kstring(j, "type", type);
}

static void print_line_json(FILE *o, const struct sample *s0, const struct sample *sp, size_t seq, int pid,
			    const struct gm_diff_side *prev, const struct gm_diff_side *d)
{
	struct gm_out out;
	struct gm_json j;
	gm_out_init(&out, o);
	gm_json_init(&j, &out);
	json_head(&j, "snapshot");
	gm_json_ki64(&j, "pid", pid);
	gm_json_ku64(&j, "seq", seq);
	if (sp->usec > 0)
		gm_json_ki64(&j, "time_usec", sp->usec);
	else
		gm_json_knull(&j, "time_usec");
	gm_json_kdouble(&j, "pause_ms", sp->pause_ms, 3);
	gm_json_kobject(&j, "metrics");
	for (int m = 0; m < GM_M_N; m++)
		if (sp->known[m])
			gm_json_ki64(&j, gm_metric_names[m], sp->metric[m]);
		else
			gm_json_knull(&j, gm_metric_names[m]);
	gm_json_object_end(&j);
	gm_json_kobject(&j, "growth");
	for (int m = 0; m < GM_M_N; m++)
		if (sp->known[m] && s0->known[m])
			gm_json_ki64(&j, gm_metric_names[m], sp->metric[m] - s0->metric[m]);
		else
			gm_json_knull(&j, gm_metric_names[m]);
	gm_json_object_end(&j);
	/* the plugins loaded since the snapshot before, and any gone */
	static const char *const pkeys[2] = {"plugins_new", "plugins_gone"};
	for (int k = 0; k < 2; k++) {
		struct plugin_print pp = {o, NULL, &j};
		if (!prev || !prev->have[GM_DC_PLUGINS] || !d->have[GM_DC_PLUGINS]) {
			gm_json_knull(&j, pkeys[k]);
			continue;
		}
		gm_json_karray(&j, pkeys[k]);
		plugins_not_in(k ? prev : d, k ? d : prev, plugin_json, &pp);
		gm_json_array_end(&j);
	}
	gm_json_object_end(&j);
	gm_out_flush(&out);
	fputc('\n', o);
	fflush(o);
}

/* a row of the final diff as a reader sees it */
static void row_label(char *b, size_t n, int c, const struct gm_diff_row *r)
{
	const struct gm_diff_entry *e = r->nw ? r->nw : r->old;
	if (c == GM_DC_GOROUTINES && e->g) {
		const struct gm_diff_gdesc *g = e->g;
		const char *file = g->file ? strrchr(g->file, '/') : NULL;
		file = file ? file + 1 : g->file;
		if (g->func)
			snprintf(b, n, "%s at %s (%s:%d)", g->state ? g->state : "?", g->func, file ? file : "?",
				 (int)g->line);
		else
			snprintf(b, n, "%s", g->state ? g->state : "?");
	} else {
		snprintf(b, n, "%s", e->label ? e->label : e->key);
	}
}

static const char *end_reason_names[] = {"count", "for", "signal", "target_exited", "error"};
enum end_reason { END_COUNT, END_FOR, END_SIGNAL, END_EXITED, END_ERROR };

static void print_trends(FILE *o, bool json, struct gm_json *j, const struct gm_diff *d, const struct sample *s,
			 size_t ns, double *v)
{
	if (json)
		gm_json_karray(j, "trends");
	else
		fprintf(o, "\ntrends over %zu snapshots (growing items; rate: least squares over the samples' times)\n",
			ns);
	size_t shown = 0;
	for (int c = 0; c < GM_DC_N; c++) {
		const struct gm_diff_catres *cr = &d->cat[c];
		if (!cr->known)
			continue;
		for (size_t i = 0; i < cr->n; i++) {
			const struct gm_diff_row *r = &cr->rows[i];
			if (r->growth <= 0)
				continue;
			const struct gm_diff_entry *e = r->nw ? r->nw : r->old;
			uint64_t h = hash_key(e->key);
			for (size_t k = 0; k < ns; k++)
				v[k] = (double)sample_count(&s[k], c, h);
			struct trend t = trend_of(s, v, ns);
			char lab[512];
			row_label(lab, sizeof lab, c, r);
			if (json) {
				gm_json_object_begin(j);
				gm_json_kstring(j, "category", gm_diff_cat_names[c]);
				gm_json_kstring(j, "key", e->key);
				gm_json_kstring(j, "label", lab);
				gm_json_karray(j, "samples");
				for (size_t k = 0; k < ns; k++)
					gm_json_u64(j, (uint64_t)v[k]);
				gm_json_array_end(j);
				gm_json_ki64(j, "growth", r->growth);
				gm_json_kbool(j, "monotonic", t.monotonic);
				gm_json_kdouble(j, "per_minute", t.per_minute, 2);
				gm_json_object_end(j);
			} else if (shown < TEXT_ROWS) {
				char rate[48] = "rate unknown";
				if (!isnan(t.per_minute))
					snprintf(rate, sizeof rate, "%+.1f/min", t.per_minute);
				fprintf(o, "  %-22s %+8lld  %-14s %-13s %s\n", gm_diff_cat_names[c], (long long)r->growth,
					t.monotonic ? "monotonic" : "not monotonic", rate, lab);
			}
			shown++;
		}
	}
	if (json) {
		gm_json_array_end(j);
		gm_json_karray(j, "metric_trends");
	} else {
		if (shown > TEXT_ROWS)
			fprintf(o, "  ... %zu more (--format json lists every one)\n", shown - TEXT_ROWS);
		if (!shown)
			fprintf(o, "  nothing grew\n");
		fprintf(o, "metrics that grew:\n");
	}
	size_t nm = 0;
	for (int m = 0; m < GM_M_N; m++) {
		bool known = true;
		for (size_t k = 0; k < ns; k++) {
			known &= s[k].known[m];
			v[k] = (double)s[k].metric[m];
		}
		if (!known || !(v[ns - 1] > v[0]))
			continue;
		struct trend t = trend_of(s, v, ns);
		if (json) {
			gm_json_object_begin(j);
			gm_json_kstring(j, "metric", gm_metric_names[m]);
			gm_json_ki64(j, "growth", (int64_t)(v[ns - 1] - v[0]));
			gm_json_kbool(j, "monotonic", t.monotonic);
			gm_json_kdouble(j, "per_minute", t.per_minute, 2);
			gm_json_object_end(j);
		} else {
			char rate[48] = "rate unknown";
			if (!isnan(t.per_minute))
				snprintf(rate, sizeof rate, "%+.1f/min", t.per_minute);
			fprintf(o, "  %-32s %+14lld  %-14s %s\n", gm_metric_names[m], (long long)(v[ns - 1] - v[0]),
				t.monotonic ? "monotonic" : "not monotonic", rate);
		}
		nm++;
	}
	if (json)
		gm_json_array_end(j);
	else if (!nm)
		fprintf(o, "  none\n");
}

/* one snapshot: the session (its stop with the stop signals blocked), the
 * summary, the diff side. 0, or an exit code after the message. */
static int take(const struct gm_cli *c, struct gm_session **sp, struct gm_diff_side **dp, double *pause_ms)
{
	sigset_t set, old;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
		sigaddset(&set, stop_signals[i]);
	sigprocmask(SIG_BLOCK, &set, &old);
	int rc = gm_cli_open_session_heap(c, sp);
	/* the target runs again (or was never stopped): a pending stop
	 * signal now only sets the flag */
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (rc)
		return rc;
	*pause_ms = (double)(*sp)->target->pause_ns / 1e6;
	struct gm_summary *sm;
	struct gm_error *err = gm_summary_collect(*sp, &sm);
	if (!err) {
		char name[64];
		snprintf(name, sizeof name, "pid %d", c->pid);
		/* when the process was read: the start of its stop (the detach,
		 * just before the open returned, minus the pause), not the end of
		 * the analysis, which comes later by a varying time */
		struct gm_target_time t;
		gm_summary_time(sm, name, true, &t);
		t.usec = (int64_t)now.tv_sec * 1000000 + now.tv_nsec / 1000 - (int64_t)((*sp)->target->pause_ns / 1000);
		t.source = "the stop (live process)";
		t.lower_bound = false;
		/* the heap was copied at the stop: its types cost no pause */
		err = gm_diff_side_collect(*sp, sm, true, name, &t, GM_DIFF_HEAP_TYPES, dp);
	}
	return err ? gm_cli_report_error(err) : 0;
}

int gm_cmd_watch(const struct gm_cli *c)
{
	bool json;
	int rc = gm_cli_text_or_json(c, &json);
	if (rc)
		return rc;
	if (!c->pid)
		return gm_cli_usage_error("watch: --pid PID is required (a core does not change)");
	if (c->watch_count >= 0 && c->watch_for_ms >= 0)
		return gm_cli_usage_error("watch: --count or --for, not both");
	int64_t interval = c->watch_interval_ms >= 0 ? c->watch_interval_ms : 10000;
	if (interval < 100)
		return gm_cli_usage_error("watch: --interval: at least 100ms");
	if (c->watch_count == 0)
		return gm_cli_usage_error("watch: --count: at least 1");
	struct gm_diff_failon fo[GM_CLI_MAX_FAIL_ON];
	struct gm_diff_failon_result fr[GM_CLI_MAX_FAIL_ON];
	for (int i = 0; i < c->nfail_on; i++) {
		struct gm_error *err = gm_diff_failon_parse(c->fail_on[i], &fo[i]);
		if (err)
			return gm_cli_report_error(err);
	}
	struct sigaction sa, oldsa[3];
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal; /* no SA_RESTART: the sleep is cut */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < 3; i++)
		sigaction(stop_signals[i], &sa, &oldsa[i]);

	FILE *o = stdout;
	struct gm_session *s0 = NULL, *sl = NULL;
	struct gm_diff_side *d0 = NULL, *dl = NULL;
	struct sample *samples = NULL;
	size_t ns = 0, cap = 0;
	enum end_reason why = END_COUNT;
	int64_t start = mono_ms();
	bool partial = false;
	for (size_t seq = 1;; seq++) {
		if (ns && target_gone(c->pid)) {
			why = END_EXITED;
			break;
		}
		struct gm_session *s = NULL;
		struct gm_diff_side *d = NULL;
		double pause = 0;
		int r = take(c, &s, &d, &pause);
		if (r) {
			gm_diff_side_destroy(d);
			gm_session_destroy(s);
			why = target_gone(c->pid) ? END_EXITED : END_ERROR;
			if (!ns)
				rc = r;
			break;
		}
		if (ns == cap) {
			size_t nc = cap ? cap * 2 : 16;
			struct sample *nv = nc <= MAX_SAMPLES ? realloc(samples, nc * sizeof(*nv)) : NULL;
			if (!nv) {
				gm_diff_side_destroy(d);
				gm_session_destroy(s);
				rc = gm_cli_report_error(&gm_error_nomem);
				why = END_ERROR;
				break;
			}
			samples = nv;
			cap = nc;
		}
		if (!sample_fill(&samples[ns], d, pause)) {
			sample_free(&samples[ns]);
			gm_diff_side_destroy(d);
			gm_session_destroy(s);
			rc = gm_cli_report_error(&gm_error_nomem);
			why = END_ERROR;
			break;
		}
		ns++;
		for (int i = 0; i < d->sm->nproblems && i < GM_SUMMARY_MAX_PROBLEMS; i++)
			fprintf(stderr, "gomortem: snapshot %zu: %s\n", seq, d->sm->problems[i]);
		partial |= d->sm->nproblems > 0;
		const struct gm_diff_side *prev = dl ? dl : d0;
		if (json)
			print_line_json(o, &samples[0], &samples[ns - 1], seq, c->pid, prev, d);
		else {
			print_line_text(o, &samples[0], &samples[ns - 1], seq);
			if (prev)
				print_plugins_text(o, prev, d);
		}
		/* keep the first and the latest snapshot whole */
		if (!d0) {
			d0 = d;
			s0 = s;
		} else {
			gm_diff_side_destroy(dl);
			gm_session_destroy(sl);
			dl = d;
			sl = s;
		}
		if (watch_signal) {
			why = END_SIGNAL;
			break;
		}
		if (c->watch_count > 0 && ns >= (size_t)c->watch_count) {
			why = END_COUNT;
			break;
		}
		int64_t next = start + (int64_t)seq * interval;
		if (c->watch_for_ms >= 0 && next - start > c->watch_for_ms) {
			why = END_FOR;
			break;
		}
		/* the only interruptible wait */
		for (int64_t now = mono_ms(); now < next && !watch_signal; now = mono_ms()) {
			int64_t left = next - now;
			struct timespec ts = {(time_t)(left / 1000), (long)(left % 1000) * 1000000};
			nanosleep(&ts, NULL);
		}
		if (watch_signal) {
			why = END_SIGNAL;
			break;
		}
	}
	for (size_t i = 0; i < 3; i++)
		sigaction(stop_signals[i], &oldsa[i], NULL);
	if (why == END_EXITED && ns)
		fprintf(stderr, "gomortem: watch: pid %d exited after %zu snapshot%s\n", c->pid, ns, ns == 1 ? "" : "s");
	else if (why == END_SIGNAL) {
		char b[32];
		fprintf(stderr, "gomortem: watch: %s after %zu snapshot%s\n", gm_report_signame(watch_signal, b, sizeof b),
			ns, ns == 1 ? "" : "s");
	}
	if (why == END_EXITED || why == END_ERROR)
		partial = true;
	struct gm_diff *d = NULL;
	if (ns >= 2 && dl) {
		struct gm_error *err = gm_diff_compute(d0, dl, &d);
		if (err) {
			rc = gm_cli_report_error(err);
			goto out;
		}
	}
	bool crossed = false;
	for (int i = 0; d && i < c->nfail_on; i++) {
		fr[i].expr = fo[i].expr;
		fr[i].result = gm_diff_failon_eval(&fo[i], d0->sm, dl->sm);
		crossed |= fr[i].result > 0;
	}
	double *v = malloc((ns ? ns : 1) * sizeof(double));
	if (!v) {
		rc = gm_cli_report_error(&gm_error_nomem);
		goto out;
	}
	if (json && ns) {
		struct gm_out out;
		struct gm_json j;
		gm_out_init(&out, o);
		gm_json_init(&j, &out);
		json_head(&j, "end");
		gm_json_ki64(&j, "pid", c->pid);
		gm_json_kstring(&j, "reason", end_reason_names[why]);
		gm_json_ku64(&j, "snapshots", ns);
		if (d) {
			gm_json_key(&j, "diff");
			gm_render_diff_json(&j, d, fr, c->nfail_on);
			print_trends(o, true, &j, d, samples, ns, v);
		} else {
			gm_json_knull(&j, "diff");
		}
		gm_json_object_end(&j);
		gm_out_flush(&out);
		fputc('\n', o);
	} else if (ns) {
		if (d) {
			fputc('\n', o);
			gm_render_diff_text(o, d, TEXT_ROWS);
			print_trends(o, false, NULL, d, samples, ns, v);
		} else {
			fprintf(o, "one snapshot: no diff\n");
		}
	}
	free(v);
	fflush(o);
	for (int i = 0; d && i < c->nfail_on; i++)
		if (fr[i].result > 0)
			fprintf(stderr, "gomortem: --fail-on %s: crossed\n", fo[i].expr);
		else if (fr[i].result < 0)
			fprintf(stderr, "gomortem: --fail-on %s: unknown\n", fo[i].expr);
	if (ns)
		rc = crossed ? GM_EXIT_THRESHOLD : partial ? GM_EXIT_PARTIAL : 0;
out:
	gm_diff_destroy(d);
	gm_diff_side_destroy(d0);
	gm_diff_side_destroy(dl);
	gm_session_destroy(s0);
	gm_session_destroy(sl);
	for (size_t i = 0; i < ns; i++)
		sample_free(&samples[i]);
	free(samples);
	return rc;
}
