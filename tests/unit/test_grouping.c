/* Grouping of goroutines by the text renderer: identical state + stack +
 * creator make one group; groups are sorted by size; totals by state. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gm_render.h"

/* Strings are compared by pointer in the renderer, as they would be when
 * they point into a pclntab: keep one copy of each. */
static const char F_PARK[] = "runtime.gopark";
static const char F_RECV[] = "runtime.chanrecv1";
static const char F_WORK[] = "main.worker";
static const char F_WORK2[] = "main.worker2";
static const char F_GEN[] = "main.Gen[go.shape.int]";
static const char F_MAIN[] = "main.main";
static const char F_EXIT[] = "runtime.goexit";
static const char FILE_RT[] = "/usr/lib/go/src/runtime/proc.go";
static const char FILE_MAIN[] = "/src/main.go";
static const char ST_RECV[] = "chan receive";
static const char ST_LOCK[] = "sync.Mutex.Lock";

struct sample {
	struct gm_gframe frames[8];
	struct gm_goroutine g;
};

static void mk(struct sample *s, uint64_t goid, const char *state, const char *leaf, int line,
	       int64_t minutes, bool locked)
{
	memset(s, 0, sizeof(*s));
	const char *funcs[] = {F_PARK, F_RECV, leaf, F_EXIT};
	const char *files[] = {FILE_RT, FILE_RT, FILE_MAIN, FILE_RT};
	int lines[] = {402, 442, line, 1700};
	for (int i = 0; i < 4; i++) {
		s->frames[i].func = funcs[i];
		s->frames[i].file = files[i];
		s->frames[i].line = lines[i];
		s->frames[i].pc = 0x401000 + (uint64_t)i * 0x10;
	}
	s->g.goid = goid;
	s->g.status_str = state;
	s->g.wait_reason = state;
	s->g.wait_minutes = minutes;
	s->g.locked = locked;
	s->g.frames = s->frames;
	s->g.nframes = 4;
	s->g.nphys = 4;
	s->g.created_by.present = true;
	s->g.created_by.func = F_MAIN;
	s->g.created_by.file = FILE_MAIN;
	s->g.created_by.line = 30;
	s->g.parent_goid = 1;
}

static char *render(struct sample *v, size_t n, bool full)
{
	/* the stream's buffer pointer lives on the heap, not on this stack
	 * frame (gcc's -Wdangling-pointer cannot see that open_memstream's
	 * buffer is heap memory) */
	struct {
		char *buf;
		size_t len;
	} *m = calloc(1, sizeof(*m));
	assert_non_null(m);
	FILE *f = open_memstream(&m->buf, &m->len);
	assert_non_null(f);
	struct gm_render_ctx ctx = {.out = f, .go_minor = 22, .go_version = "go1.22.1",
				    .fold_runtime = true, .full_goids = full};
	void *st = gm_render_text.begin(&ctx);
	assert_non_null(st);
	for (size_t i = 0; i < n; i++)
		gm_render_text.goroutine(st, &v[i].g);
	struct gm_gwalk_stats stats = {.allglen = n, .live = n};
	assert_int_equal(gm_render_text.end(st, &stats), 0);
	fclose(f);
	char *buf = m->buf;
	free(m);
	return buf;
}

static void test_groups_and_order(void **state)
{
	struct sample v[10];
	/* 6 identical (goids 10..15), 3 identical but another line (20..22),
	 * one with another wait state and the same stack as the first six. */
	for (int i = 0; i < 6; i++)
		mk(&v[i], 10 + (uint64_t)i, ST_RECV, F_WORK, 12, i == 3 ? 7 : -1, false);
	for (int i = 0; i < 3; i++)
		mk(&v[6 + i], 20 + (uint64_t)i, ST_RECV, F_WORK, 13, -1, i == 0);
	mk(&v[9], 30, ST_LOCK, F_WORK, 12, -1, false);
	char *out = render(v, 10, false);
	/* total line */
	assert_non_null(strstr(out, "10 goroutines (go1.22.1): 9 chan receive, 1 sync.Mutex.Lock; 3 groups\n"));
	/* biggest group first, with its longest wait and all its goids */
	char *g1 = strstr(out, "6 goroutines [chan receive, longest >= 7 minutes]\n  goroutines: 10 11 12 13 14 15\n");
	char *g2 = strstr(out, "3 goroutines [chan receive, 1 locked to thread]\n  goroutines: 20 21 22\n");
	char *g3 = strstr(out, "1 goroutine [sync.Mutex.Lock]\n  goroutines: 30\n");
	assert_non_null(g1);
	assert_non_null(g2);
	assert_non_null(g3);
	assert_true(g1 < g2 && g2 < g3);
	/* runtime frames folded around the user frame, creator printed */
	assert_non_null(strstr(g1, "    ... 2 runtime frames\n    main.worker\n        /src/main.go:12\n    ... 1 runtime frame\n"
				   "  created by main.main in goroutine 1\n"));
	free(out);
}

static void test_sample_goids_and_full(void **state)
{
	struct sample v[20];
	for (int i = 0; i < 20; i++)
		mk(&v[i], 100 + (uint64_t)i, ST_RECV, F_WORK2, 5, -1, false);
	char *out = render(v, 20, false);
	assert_non_null(strstr(out, "  goroutines: 100 101 102 103 104 105 106 107 ... (12 more)\n"));
	free(out);
	out = render(v, 20, true);
	assert_non_null(strstr(out, "116 117 118 119\n"));
	assert_null(strstr(out, "more)"));
	free(out);
}

static void test_recursion_and_shapes(void **state)
{
	struct sample s;
	mk(&s, 7, ST_RECV, F_GEN, 40, -1, false);
	/* park, chanrecv1, Gen x4 (recursion), goexit */
	s.frames[6] = s.frames[3];
	s.frames[3] = s.frames[2];
	s.frames[4] = s.frames[2];
	s.frames[5] = s.frames[2];
	s.g.nframes = 7;
	char *out = render(&s, 1, false);
	assert_non_null(strstr(out, "    main.Gen[...] (x4, recursive)\n        /src/main.go:40\n"));
	free(out);
}

static void test_unavailable_not_merged(void **state)
{
	struct sample v[2];
	mk(&v[0], 1, ST_RECV, F_WORK, 12, -1, false);
	mk(&v[1], 2, ST_RECV, F_WORK, 12, -1, false);
	v[1].g.stack_unavailable = true;
	v[1].g.nframes = 0;
	char *out = render(v, 2, false);
	assert_non_null(strstr(out, "; 2 groups\n"));
	assert_non_null(strstr(out, "(running on a thread: no saved stack)"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups_and_order),
		cmocka_unit_test(test_sample_goids_and_full),
		cmocka_unit_test(test_recursion_and_shapes),
		cmocka_unit_test(test_unavailable_not_merged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
