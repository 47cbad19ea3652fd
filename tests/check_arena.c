/* check_arena.c - the stanza arena and the output buffer (src/arena.c, src/buf.c). */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "suites.h"

START_TEST(test_alloc_aligned_and_distinct)
{
	struct arena a;
	arena_init(&a, mem_default(), 64);
	uint8_t *p = arena_alloc(&a, 3), *q = arena_alloc(&a, 8), *big = arena_alloc(&a, 1000);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_nonnull(big);
	ck_assert_uint_eq((uintptr_t)q % _Alignof(max_align_t), 0);
	ck_assert_uint_eq((uintptr_t)big % _Alignof(max_align_t), 0);
	memset(p, 1, 3);
	memset(q, 2, 8);
	memset(big, 3, 1000);
	ck_assert_int_eq(p[2], 1);
	ck_assert_int_eq(q[0], 2);
	arena_release(&a);
	ck_assert_uint_eq(a.bytes_allocated, 0);
}
END_TEST

START_TEST(test_open_string_grows_across_blocks)
{
	struct arena a;
	arena_init(&a, mem_default(), 16);
	void *before = arena_alloc(&a, 10);
	ck_assert_ptr_nonnull(before);
	arena_str_open(&a);
	char expect[300];
	for (int i = 0; i < 300; i++) {
		uint8_t c = (uint8_t)('a' + i % 26);
		expect[i] = (char)c;
		ck_assert(arena_str_append(&a, &c, 1));
	}
	ck_assert_uint_eq(arena_str_len(&a), 300);
	arena_str_trim(&a, 2);
	struct span s = arena_str_close(&a);
	ck_assert_uint_eq(s.len, 298);
	ck_assert_int_eq(memcmp(s.ptr, expect, 298), 0);
	ck_assert(!arena_str_is_open(&a));
	arena_release(&a);
}
END_TEST

START_TEST(test_reset_keeps_first_block)
{
	struct arena a;
	arena_init(&a, mem_default(), 128);
	ck_assert_ptr_nonnull(arena_alloc(&a, 100));
	ck_assert_ptr_nonnull(arena_alloc(&a, 5000));
	ck_assert_uint_gt(a.bytes_allocated, 5000);
	arena_reset(&a);
	ck_assert_uint_eq(a.bytes_allocated, 128);
	arena_release(&a);
	ck_assert_uint_eq(a.bytes_allocated, 0);
}
END_TEST

START_TEST(test_buf_append_and_grow)
{
	struct buf b;
	buf_init(&b, mem_default());
	for (int i = 0; i < 1000; i++)
		ck_assert(buf_append(&b, "xy", 2));
	ck_assert_uint_eq(b.len, 2000);
	ck_assert_int_eq(memcmp(b.data + 1998, "xy", 2), 0);
	buf_clear(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_ge(b.capacity, 2000);
	buf_free(&b);
}
END_TEST

Suite *arena_suite(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("arena");
	tcase_add_test(tc, test_alloc_aligned_and_distinct);
	tcase_add_test(tc, test_open_string_grows_across_blocks);
	tcase_add_test(tc, test_reset_keeps_first_block);
	tcase_add_test(tc, test_buf_append_and_grow);
	suite_add_tcase(s, tc);
	return s;
}
