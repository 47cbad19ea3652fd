/* check_router.c - the registry of online accounts and sessions (src/router.c). */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "router.h"
#include "suites.h"

static void sink(void *ctx, struct span bytes)
{
	*(size_t *)ctx += bytes.len;
}

static void no_terminate(void *ctx, const char *condition, const char *text)
{
	(void)ctx;
	(void)condition;
	(void)text;
}

START_TEST(test_router_add_find_remove)
{
	ck_assert_int_ge(sodium_init(), 0);
	struct router *r = router_new(mem_default());
	ck_assert_ptr_nonnull(r);
	size_t sent = 0;
	struct session_io io = { &sent, sink, no_terminate, NULL, NULL };
	struct session *a = router_add(r, SPAN_LIT("juliet"), SPAN_LIT("example.com"), SPAN_LIT("balcony"), &io);
	struct session *b = router_add(r, SPAN_LIT("juliet"), SPAN_LIT("example.com"), SPAN_LIT("chamber"), &io);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_eq(a->account, b->account);
	ck_assert_uint_eq(router_account_count(r), 1);
	ck_assert_uint_eq(router_session_count(r), 2);
	ck_assert(span_eq(session_full(a), SPAN_LIT("juliet@example.com/balcony")));
	ck_assert(span_eq(session_bare(a), SPAN_LIT("juliet@example.com")));
	ck_assert(span_eq(session_local(a), SPAN_LIT("juliet")));
	ck_assert(span_eq(session_resource(b), SPAN_LIT("chamber")));
	ck_assert_ptr_eq(router_session(r, SPAN_LIT("juliet"), SPAN_LIT("chamber")), b);
	ck_assert_ptr_null(router_session(r, SPAN_LIT("juliet"), SPAN_LIT("garden")));
	ck_assert_ptr_null(router_session(r, SPAN_LIT("romeo"), SPAN_LIT("balcony")));
	session_send(a, SPAN_LIT("<x/>"));
	ck_assert_uint_eq(sent, 4);
	router_remove(r, a);
	ck_assert_uint_eq(router_account_count(r), 1);
	ck_assert_ptr_null(router_session(r, SPAN_LIT("juliet"), SPAN_LIT("balcony")));
	router_remove(r, b);
	ck_assert_uint_eq(router_account_count(r), 0);
	ck_assert_ptr_null(router_account(r, SPAN_LIT("juliet")));
	router_free(r);
}
END_TEST

/* Many accounts: the table grows and every one is still found. */
START_TEST(test_router_many_accounts)
{
	struct router *r = router_new(mem_default());
	struct session_io io = { NULL, sink, no_terminate, NULL, NULL };
	struct session *s[1000];
	char name[16];
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(name, sizeof name, "user%d", i);
		s[i] = router_add(r, span_of(name, (size_t)n), SPAN_LIT("example.com"), SPAN_LIT("r"), &io);
		ck_assert_ptr_nonnull(s[i]);
	}
	ck_assert_uint_eq(router_account_count(r), 1000);
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(name, sizeof name, "user%d", i);
		ck_assert_ptr_eq(router_session(r, span_of(name, (size_t)n), SPAN_LIT("r")), s[i]);
	}
	for (int i = 0; i < 1000; i += 2)
		router_remove(r, s[i]);
	ck_assert_uint_eq(router_account_count(r), 500);
	ck_assert_ptr_null(router_account(r, SPAN_LIT("user0")));
	ck_assert_ptr_eq(router_session(r, SPAN_LIT("user1"), SPAN_LIT("r")), s[1]);
	router_free(r); /* frees the remaining half */
}
END_TEST

START_TEST(test_router_directed)
{
	struct router *r = router_new(mem_default());
	struct session_io io = { NULL, sink, no_terminate, NULL, NULL };
	struct session *s = router_add(r, SPAN_LIT("juliet"), SPAN_LIT("example.com"), SPAN_LIT("b"), &io);
	ck_assert(session_directed_add(s, mem_default(), SPAN_LIT("nurse@example.com")));
	ck_assert(session_directed_add(s, mem_default(), SPAN_LIT("nurse@example.com")));
	ck_assert(session_directed_add(s, mem_default(), SPAN_LIT("romeo@example.com/orchard")));
	size_t n = 0;
	for (struct directed *d = s->directed; d != NULL; d = d->next)
		n++;
	ck_assert_uint_eq(n, 2); /* no duplicates */
	session_directed_remove(s, mem_default(), SPAN_LIT("nurse@example.com"));
	session_directed_remove(s, mem_default(), SPAN_LIT("absent@example.com"));
	ck_assert_ptr_nonnull(s->directed);
	ck_assert_ptr_null(s->directed->next);
	router_free(r); /* frees the session and its list */
}
END_TEST

Suite *router_suite(void)
{
	Suite *s = suite_create("router");
	TCase *tc = tcase_create("router");
	tcase_add_test(tc, test_router_add_find_remove);
	tcase_add_test(tc, test_router_many_accounts);
	tcase_add_test(tc, test_router_directed);
	suite_add_tcase(s, tc);
	return s;
}
