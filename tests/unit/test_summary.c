/* gomortem summary: the red flags on made-up figures (waits of minutes that
 * a test program cannot produce in a test's time) and --fail-on parsing and
 * evaluation. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gm_summary.h"

static struct gm_summary *leak(uint64_t count, const char *state, int64_t minutes)
{
	struct gm_summary *sm = calloc(1, sizeof(*sm));
	assert_non_null(sm);
	sm->have_goroutines = true;
	sm->goroutines = count + 10;
	sm->groups = 7;
	sm->nplaces = 1;
	sm->places[0] = (struct gm_summary_group){
		.count = count, .state = state, .max_minutes = minutes, .waiting = true,
		.func = "main.worker", .file = "example.com/svc/main.go", .line = 88,
		.created_func = "main.main", .created_file = "example.com/svc/main.go", .created_line = 30,
	};
	return sm;
}

static const struct gm_summary_flag *find(const struct gm_summary *sm, const char *code)
{
	for (int i = 0; i < sm->nflags; i++)
		if (!strcmp(sm->flags[i].code, code))
			return &sm->flags[i];
	return NULL;
}

static void test_leak_flag(void **state)
{
	(void)state;
	struct gm_summary *sm = leak(41233, "chan receive", 12);
	gm_summary_flags(sm, NULL);
	const struct gm_summary_flag *f = find(sm, "goroutine_leak");
	assert_non_null(f);
	assert_string_equal(f->message,
			    "41,233 goroutines in chan receive at main.worker (main.go:88), waiting 12+ minutes");
	assert_int_equal(f->severity, GM_FLAG_CRITICAL);
	assert_non_null(find(sm, "many_goroutines"));
	assert_int_equal(sm->metric[GM_M_FLAGS], sm->nflags);
	assert_true(sm->metric_known[GM_M_FLAGS_CRITICAL]);
	assert_int_equal(sm->metric[GM_M_FLAGS_CRITICAL], 1);
	free(sm);

	/* a fresh leak: a warning, no wait in the sentence */
	sm = leak(1000, "select", 0);
	gm_summary_flags(sm, NULL);
	f = find(sm, "goroutine_leak");
	assert_non_null(f);
	assert_int_equal(f->severity, GM_FLAG_WARNING);
	assert_string_equal(f->message, "1,000 goroutines in select at main.worker (main.go:88)");
	assert_null(find(sm, "many_goroutines"));
	free(sm);

	/* below the threshold, or system goroutines: no flag */
	sm = leak(999, "chan receive", 60);
	gm_summary_flags(sm, NULL);
	assert_int_equal(sm->nflags, 0);
	sm->places[0].count = 5000;
	sm->places[0].system = true;
	gm_summary_flags(sm, NULL);
	assert_null(find(sm, "goroutine_leak"));
	free(sm);
}

static void test_lock_wait_flag(void **state)
{
	(void)state;
	struct gm_summary *sm = leak(3, "sync.Mutex.Lock", 5);
	gm_summary_flags(sm, NULL);
	const struct gm_summary_flag *f = find(sm, "lock_wait");
	assert_non_null(f);
	assert_int_equal(f->severity, GM_FLAG_CRITICAL);
	assert_non_null(strstr(f->message, "3 goroutines waiting for sync.Mutex.Lock at main.worker (main.go:88), "
					   "waiting 5+ minutes"));
	free(sm);
	sm = leak(3, "sync.RWMutex.RLock", 0); /* not long enough */
	gm_summary_flags(sm, NULL);
	assert_null(find(sm, "lock_wait"));
	free(sm);
}

/* proven leaks: a warning with the biggest leaked group, a note when the
 * proof met damage, nothing when none leaked or leaks were not checked */
static void test_leaked_flag(void **state)
{
	(void)state;
	struct gm_summary *sm = leak(3, "chan receive", 0);
	gm_summary_flags(sm, NULL);
	assert_null(find(sm, "goroutines_leaked"));
	sm->leaks_checked = true;
	sm->leaks_proven = true;
	sm->leaked = 7;
	sm->leaked_top[0] = sm->places[0];
	sm->leaked_top[0].count = 5;
	sm->nleaked_top = 1;
	gm_summary_flags(sm, NULL);
	const struct gm_summary_flag *f = find(sm, "goroutines_leaked");
	assert_non_null(f);
	assert_int_equal(f->severity, GM_FLAG_WARNING);
	assert_non_null(strstr(f->message, "7 goroutines proven leaked"));
	assert_non_null(strstr(f->message, "5 in chan receive at main.worker (main.go:88)"));
	sm->leaks_proven = false;
	gm_summary_flags(sm, NULL);
	f = find(sm, "goroutines_leaked");
	assert_int_equal(f->severity, GM_FLAG_NOTE);
	assert_non_null(strstr(f->message, "7 goroutines possibly leaked"));
	sm->leaked = 0;
	gm_summary_flags(sm, NULL);
	assert_null(find(sm, "goroutines_leaked"));
	free(sm);
}

static void test_signal_flag(void **state)
{
	(void)state;
	struct gm_summary *sm = leak(1, "sleep", 0);
	struct gm_target t = {.signo = SIGSEGV};
	gm_summary_flags(sm, &t);
	const struct gm_summary_flag *f = find(sm, "fatal_signal");
	assert_non_null(f);
	assert_int_equal(f->severity, GM_FLAG_CRITICAL);
	assert_non_null(strstr(f->message, "SIGSEGV"));
	t.signo = SIGABRT;
	gm_summary_flags(sm, &t);
	assert_int_equal(find(sm, "fatal_signal")->severity, GM_FLAG_WARNING);
	t.signo = SIGQUIT; /* asked for: not a red flag */
	gm_summary_flags(sm, &t);
	assert_null(find(sm, "fatal_signal"));
	free(sm);
}

static void test_failon_parse(void **state)
{
	(void)state;
	struct gm_failon f;
	assert_null(gm_failon_parse("heap.HeapInuse>2GiB", &f));
	assert_int_equal(f.metric, GM_M_HEAP_HEAPINUSE);
	assert_int_equal(f.op, GM_OP_GT);
	assert_int_equal(f.value, 2147483648LL);
	assert_null(gm_failon_parse("goroutines >= 10_000", &f));
	assert_int_equal(f.op, GM_OP_GE);
	assert_int_equal(f.value, 10000);
	assert_null(gm_failon_parse("finalizers.queued>0", &f));
	assert_int_equal(f.metric, GM_M_FIN_QUEUED);
	assert_null(gm_failon_parse("memory.unaccounted>1.5G", &f));
	assert_int_equal(f.value, 1500000000LL);
	assert_null(gm_failon_parse("flags.critical!=0", &f));
	assert_int_equal(f.op, GM_OP_NE);
	assert_null(gm_failon_parse("goroutines.leaked>0", &f));
	assert_int_equal(f.metric, GM_M_GOROUTINES_LEAKED);
	assert_null(gm_failon_parse("threads<=4", &f));
	assert_int_equal(f.op, GM_OP_LE);
	static const char *const bad[] = {"", "goroutines", ">1", "goroutine>1", "goroutines>", "goroutines>1XB",
					  "goroutines>>1", "goroutines>1e99", "goroutines=>1", "heap.heapinuse>1"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct gm_error *err = gm_failon_parse(bad[i], &f);
		assert_non_null(err);
		assert_int_equal(err->code, GM_ERR_USAGE);
		gm_error_destroy(err);
	}
	/* every metric has a name that parses back to it */
	for (int m = 0; m < GM_M_N; m++) {
		char e[96];
		assert_non_null(gm_metric_names[m]);
		snprintf(e, sizeof(e), "%s<1", gm_metric_names[m]);
		assert_null(gm_failon_parse(e, &f));
		assert_int_equal(f.metric, m);
	}
}

static void test_failon_eval(void **state)
{
	(void)state;
	struct gm_summary sm;
	memset(&sm, 0, sizeof(sm));
	struct gm_failon f;
	assert_null(gm_failon_parse("goroutines>10000", &f));
	assert_int_equal(gm_failon_eval(&f, &sm), -1); /* unknown */
	sm.metric[GM_M_GOROUTINES] = 10000;
	sm.metric_known[GM_M_GOROUTINES] = true;
	assert_int_equal(gm_failon_eval(&f, &sm), 0);
	sm.metric[GM_M_GOROUTINES] = 10001;
	assert_int_equal(gm_failon_eval(&f, &sm), 1);
	assert_null(gm_failon_parse("goroutines<=10000", &f));
	assert_int_equal(gm_failon_eval(&f, &sm), 0);
	assert_null(gm_failon_parse("goroutines==10001", &f));
	assert_int_equal(gm_failon_eval(&f, &sm), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leak_flag),      cmocka_unit_test(test_lock_wait_flag),
		cmocka_unit_test(test_leaked_flag),
		cmocka_unit_test(test_signal_flag),    cmocka_unit_test(test_failon_parse),
		cmocka_unit_test(test_failon_eval),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
