/* check_counts.c - keyed counters for throttling and per-address limits (src/counts.c). */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "counts.h"
#include "suites.h"

START_TEST(test_counts_window)
{
	ck_assert_int_ge(sodium_init(), 0);
	struct counts *t = counts_new(mem_default(), 64, 1000);
	ck_assert_ptr_nonnull(t);
	struct span a = SPAN_LIT("a:127.0.0.1"), b = SPAN_LIT("a:::1");
	ck_assert_uint_eq(counts_get(t, a, 0), 0);
	for (int i = 0; i < 5; i++)
		ck_assert(counts_add(t, a, 1, 100));
	ck_assert(counts_add(t, b, 1, 100));
	ck_assert_uint_eq(counts_get(t, a, 500), 5);
	ck_assert_uint_eq(counts_get(t, b, 500), 1);
	/* The window runs from the first count: at 1100 it has passed. */
	ck_assert_uint_eq(counts_get(t, a, 1099), 5);
	ck_assert_uint_eq(counts_get(t, a, 1100), 0);
	ck_assert(counts_add(t, a, 1, 1200));
	ck_assert_uint_eq(counts_get(t, a, 1200), 1);
	counts_free(t);
}
END_TEST

START_TEST(test_counts_up_and_down)
{
	struct counts *t = counts_new(mem_default(), 64, 0);
	struct span k = SPAN_LIT("c:10.0.0.1");
	ck_assert(counts_add(t, k, 1, 0));
	ck_assert(counts_add(t, k, 1, 999999999));
	ck_assert_uint_eq(counts_get(t, k, 999999999), 2); /* no window: never expires */
	ck_assert(counts_add(t, k, -1, 0));
	ck_assert(counts_add(t, k, -5, 0));
	ck_assert_uint_eq(counts_get(t, k, 0), 0);
	ck_assert(counts_add(t, k, -1, 0)); /* below zero on an absent key: nothing */
	ck_assert_uint_eq(counts_get(t, k, 0), 0);
	char long_key[COUNTS_KEY_MAX + 2];
	memset(long_key, 'x', sizeof long_key);
	ck_assert(!counts_add(t, span_of(long_key, sizeof long_key), 1, 0));
	counts_free(t);
}
END_TEST

/* Without a window nothing is evicted: a full neighbourhood says so. With a
 * window the oldest entry makes room, so throttling degrades instead of blocking. */
START_TEST(test_counts_full)
{
	struct counts *fixed = counts_new(mem_default(), 8, 0), *windowed = counts_new(mem_default(), 8, 1000);
	char key[32];
	int refused = 0;
	for (int i = 0; i < 200; i++) {
		int n = snprintf(key, sizeof key, "c:%d", i);
		refused += !counts_add(fixed, span_of(key, (size_t)n), 1, 0);
		ck_assert(counts_add(windowed, span_of(key, (size_t)n), 1, (uint64_t)i));
	}
	ck_assert_int_gt(refused, 0);
	/* Every key the fixed table accepted is still counted exactly. */
	int kept = 0;
	for (int i = 0; i < 200; i++) {
		int n = snprintf(key, sizeof key, "c:%d", i);
		uint32_t c = counts_get(fixed, span_of(key, (size_t)n), 0);
		ck_assert_uint_le(c, 1);
		kept += (int)c;
	}
	ck_assert_int_eq(kept + refused, 200);
	int n = snprintf(key, sizeof key, "c:%d", 199);
	ck_assert_uint_eq(counts_get(windowed, span_of(key, (size_t)n), 199), 1); /* the newest survives */
	counts_free(fixed);
	counts_free(windowed);
}
END_TEST

Suite *counts_suite(void)
{
	Suite *s = suite_create("counts");
	TCase *tc = tcase_create("counts");
	tcase_add_test(tc, test_counts_window);
	tcase_add_test(tc, test_counts_up_and_down);
	tcase_add_test(tc, test_counts_full);
	suite_add_tcase(s, tc);
	return s;
}
