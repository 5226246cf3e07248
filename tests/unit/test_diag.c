/* Unit tests for gm_diag, the diagnostics sink: records kept in order with
 * their severity and part, the first problem, the hook (records before it
 * shown when it is set, later ones at once, each once), the bound (a record
 * past GM_DIAG_MAX counted and shown, not kept), a NULL sink ignored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gm_diag.h"

struct seen {
	int n;
	char last[64];
	enum gm_diag_sev sev[GM_DIAG_MAX + 8];
};

static void hook(void *arg, const struct gm_diag_rec *r)
{
	struct seen *s = arg;
	s->sev[s->n++] = r->sev;
	snprintf(s->last, sizeof(s->last), "%s:%s", r->part, r->msg);
}

static void test_records(void **state)
{
	(void)state;
	struct gm_diag *d = calloc(1, sizeof(*d));
	assert_non_null(d);
	assert_null(gm_diag_first(d, GM_DIAG_PARTIAL));
	assert_false(gm_diag_any(d, GM_DIAG_WARNING));
	gm_diag_emit(d, GM_DIAG_WARNING, "session", "w%d", 1);
	gm_diag_emit(d, GM_DIAG_NOTE, "layout", "n");
	gm_diag_emit(d, GM_DIAG_PARTIAL, "heap", "first %s", "cut");
	gm_diag_emit(d, GM_DIAG_PARTIAL, "heap", "second");
	assert_int_equal(d->n, 4);
	assert_string_equal(gm_diag_first(d, GM_DIAG_PARTIAL), "first cut");
	assert_string_equal(gm_diag_first(d, GM_DIAG_WARNING), "w1");
	assert_int_equal(gm_diag_count(d, GM_DIAG_PARTIAL, NULL), 2);
	assert_int_equal(gm_diag_count(d, GM_DIAG_WARNING, "session"), 1);
	assert_int_equal(gm_diag_count(d, GM_DIAG_WARNING, "target"), 0);
	assert_true(gm_diag_any(d, GM_DIAG_NOTE));

	struct seen s = {0};
	gm_diag_watch(d, hook, &s);
	assert_int_equal(s.n, 4); /* the records so far, in order */
	assert_int_equal(s.sev[0], GM_DIAG_WARNING);
	assert_int_equal(s.sev[1], GM_DIAG_NOTE);
	gm_diag_emit(d, GM_DIAG_WARNING, "target", "late");
	assert_int_equal(s.n, 5);
	assert_string_equal(s.last, "target:late");
	gm_diag_watch(d, hook, &s); /* nothing is shown twice */
	assert_int_equal(s.n, 5);
	gm_diag_watch(d, NULL, NULL);
	gm_diag_emit(d, GM_DIAG_WARNING, "target", "waits");
	assert_int_equal(s.n, 5);
	gm_diag_watch(d, hook, &s);
	assert_int_equal(s.n, 6);
	assert_string_equal(s.last, "target:waits");
	free(d);
	gm_diag_emit(NULL, GM_DIAG_WARNING, "x", "ignored");
	assert_int_equal(gm_diag_count(NULL, GM_DIAG_WARNING, NULL), 0);
}

static void test_bound(void **state)
{
	(void)state;
	struct gm_diag *d = calloc(1, sizeof(*d));
	assert_non_null(d);
	struct seen s = {0};
	gm_diag_watch(d, hook, &s);
	for (int i = 0; i < GM_DIAG_MAX + 3; i++)
		gm_diag_emit(d, GM_DIAG_PARTIAL, "p", "%d", i);
	assert_int_equal(d->n, GM_DIAG_MAX);
	assert_int_equal(d->count[GM_DIAG_PARTIAL], GM_DIAG_MAX + 3);
	assert_int_equal(s.n, GM_DIAG_MAX + 3);
	char want[16];
	snprintf(want, sizeof(want), "p:%d", GM_DIAG_MAX + 2);
	assert_string_equal(s.last, want);
	assert_string_equal(gm_diag_first(d, GM_DIAG_PARTIAL), "0");
	/* a long message is cut to the record's size, not overrun */
	char big[3000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	struct gm_diag *e = calloc(1, sizeof(*e));
	assert_non_null(e);
	gm_diag_emit(e, GM_DIAG_WARNING, "a-part-name-longer-than-its-field", "%s", big);
	assert_int_equal(strlen(e->rec[0].msg), sizeof(e->rec[0].msg) - 1);
	assert_int_equal(strlen(e->rec[0].part), sizeof(e->rec[0].part) - 1);
	free(e);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
