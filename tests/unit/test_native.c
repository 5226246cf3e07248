/* Unit tests for gm_native's unwinder on hostile memory: a frame-pointer
 * chain it must follow, garbage stacks, loops and absent memory must end in
 * a bounded number of frames with a reason, never a crash or a hang. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gm_native.h"

#define STACK_BASE 0x7ff000000000ull
#define STACK_SIZE 0x10000

static uint64_t stack[STACK_SIZE / 8];

static struct gm_target *mk_target(void)
{
	struct gm_target *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	assert_null(gm_memsrc_create(&t->mem));
	assert_null(gm_memsrc_add(t->mem, STACK_BASE, STACK_SIZE, STACK_SIZE, (const uint8_t *)stack,
				  10, GM_SEG_TEST));
	return t;
}

static void free_target(struct gm_target *t)
{
	gm_memsrc_destroy(t->mem);
	free(t);
}

static void unwind(struct gm_target *t, const struct gm_regs *r, size_t *n, const char **why)
{
	struct gm_native *nat;
	assert_null(gm_native_create(t, NULL, &nat));
	struct gm_nframe f[GM_NATIVE_MAX_FRAMES];
	*why = gm_native_unwind(nat, r, f, GM_NATIVE_MAX_FRAMES, n);
	assert_true(*n <= GM_NATIVE_MAX_FRAMES);
	for (size_t i = 0; i < *n; i++) {
		assert_null(f[i].module); /* no module mapped */
		assert_false(f[i].go);
	}
	gm_native_destroy(nat);
}

/* three frames linked by rbp, then a zero return address: three frames by
 * frame pointer, in order */
static void test_fp_chain(void **state)
{
	(void)state;
	memset(stack, 0, sizeof(stack));
	struct gm_target *t = mk_target();
	uint64_t fp1 = STACK_BASE + 0x100, fp2 = STACK_BASE + 0x200, fp3 = STACK_BASE + 0x300;
	stack[0x100 / 8] = fp2, stack[0x108 / 8] = 0x401111;
	stack[0x200 / 8] = fp3, stack[0x208 / 8] = 0x402222;
	stack[0x300 / 8] = 0, stack[0x308 / 8] = 0;
	struct gm_regs r = {.rip = 0x400000, .rsp = STACK_BASE + 0x80, .rbp = fp1};
	size_t n;
	const char *why;
	unwind(t, &r, &n, &why);
	assert_int_equal(n, 3);
	assert_null(why);
	free_target(t);
}

/* a frame-pointer loop (rbp points at itself) must stop: sp does not grow */
static void test_fp_loop(void **state)
{
	(void)state;
	memset(stack, 0, sizeof(stack));
	struct gm_target *t = mk_target();
	uint64_t fp = STACK_BASE + 0x100;
	stack[0x100 / 8] = fp - 0x10, stack[0x108 / 8] = 0x401111;
	stack[0xf0 / 8] = fp, stack[0xf8 / 8] = 0x401111;
	struct gm_regs r = {.rip = 0x400000, .rsp = STACK_BASE + 0x80, .rbp = fp};
	size_t n;
	const char *why;
	unwind(t, &r, &n, &why);
	assert_true(n < 8);
	assert_non_null(why);
	free_target(t);
}

/* random stacks and registers: bounded, no crash (ASan build checks reads) */
static void test_garbage(void **state)
{
	(void)state;
	srand(12345);
	for (int k = 0; k < 300; k++) {
		for (size_t i = 0; i < STACK_SIZE / 8; i++) {
			uint64_t v = ((uint64_t)rand() << 33) ^ ((uint64_t)rand() << 2) ^ (uint64_t)rand();
			if (i % 3 == 0)
				v = STACK_BASE + (v % STACK_SIZE);
			stack[i] = v;
		}
		struct gm_target *t = mk_target();
		struct gm_regs r = {.rip = stack[k], .rsp = STACK_BASE + (uint64_t)(rand() % STACK_SIZE),
				    .rbp = STACK_BASE + (uint64_t)(rand() % STACK_SIZE)};
		size_t n;
		const char *why;
		unwind(t, &r, &n, &why);
		free_target(t);
	}
}

/* nothing readable: one frame, a reason */
static void test_no_memory(void **state)
{
	(void)state;
	struct gm_target *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	assert_null(gm_memsrc_create(&t->mem));
	struct gm_regs r = {.rip = 0x400000, .rsp = 0x1000, .rbp = 0x2000};
	size_t n;
	const char *why;
	unwind(t, &r, &n, &why);
	assert_int_equal(n, 1);
	assert_non_null(why);
	free_target(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fp_chain),
		cmocka_unit_test(test_fp_loop),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_no_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
