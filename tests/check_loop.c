/* check_loop.c - the event loop's fd readiness (src/loop.c and both backends):
 * level-triggered read and write readiness, argument checks, interest changes
 * and hangups. Conventions: tests/loop_test.h. */
#include <signal.h>

#include "loop_test.h"
#include "suites.h"

/* ---- names ---- */

START_TEST(test_name_tables_complete)
{
	for (int s = 0; s < LOOP_STATUS_COUNT; s++) {
		const char *name = loop_status_name((enum loop_status)s);
		ck_assert_ptr_nonnull(name);
		ck_assert_int_eq(strncmp(name, "LOOP_", 5), 0);
		for (int t = 0; t < s; t++)
			ck_assert_str_ne(name, loop_status_name((enum loop_status)t));
	}
	ck_assert_str_eq(loop_status_name(LOOP_STATUS_COUNT), "LOOP_E_UNKNOWN");
	ck_assert_str_eq(loop_backend_name(LOOP_BACKEND_EPOLL), "epoll");
	ck_assert_str_eq(loop_backend_name(LOOP_BACKEND_POLL), "poll");
	ck_assert_str_eq(loop_backend_name(LOOP_BACKEND_COUNT), "unknown");
	errno = 0;
	ck_assert_ptr_null(loop_new(mem_default(), LOOP_BACKEND_COUNT, 0));
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

/* ---- readiness ---- */

START_TEST(test_read_readiness_is_level_triggered)
{
	struct loop *loop = new_loop(_i);
	int p[2];
	make_pipe(p);
	struct probe pr = { 0 };
	ck_assert_int_eq(loop_watch(loop, p[0], LOOP_READ, probe_fd, &pr), LOOP_OK);
	turn(loop, 0);
	ck_assert_int_eq(pr.calls, 0);
	put_byte(p[1]);
	turn(loop, 0);
	ck_assert_int_eq(pr.calls, 1);
	ck_assert_int_eq(pr.fd, p[0]);
	ck_assert_uint_eq(pr.events, LOOP_READ);
	turn(loop, 0); /* not read yet: reported again */
	ck_assert_int_eq(pr.calls, 2);
	drain(p[0]);
	turn(loop, 0);
	ck_assert_int_eq(pr.calls, 2);
	loop_unwatch(loop, p[0]);
	close(p[0]);
	close(p[1]);
	loop_free(loop);
}
END_TEST

START_TEST(test_write_readiness_follows_buffer_space)
{
	struct loop *loop = new_loop(_i);
	int s[2];
	make_socketpair(s);
	struct probe pr = { 0 };
	ck_assert_int_eq(loop_watch(loop, s[0], LOOP_READ | LOOP_WRITE, probe_fd, &pr), LOOP_OK);
	turn(loop, 0);
	ck_assert_int_eq(pr.calls, 1);
	ck_assert_uint_eq(pr.events, LOOP_WRITE);
	put_byte(s[1]); /* both at once: one call */
	turn(loop, 0);
	ck_assert_int_eq(pr.calls, 2);
	ck_assert_uint_eq(pr.events, LOOP_READ | LOOP_WRITE);
	drain(s[0]);
	char block[4096] = { 0 };
	while (write(s[0], block, sizeof block) > 0)
		continue;
	ck_assert_int_eq(errno, EAGAIN);
	turn(loop, 0);
	ck_assert_int_eq(pr.calls, 2); /* full: not writable */
	drain(s[1]);
	turn(loop, 0);
	ck_assert_int_eq(pr.calls, 3);
	ck_assert_uint_eq(pr.events, LOOP_WRITE);
	loop_unwatch(loop, s[0]);
	close(s[0]);
	close(s[1]);
	loop_free(loop);
}
END_TEST

START_TEST(test_invalid_arguments_change_nothing)
{
	struct loop *loop = new_loop(_i);
	int p[2];
	make_pipe(p);
	struct probe pr = { 0 };
	ck_assert_int_eq(loop_watch(loop, -1, LOOP_READ, probe_fd, &pr), LOOP_E_INVALID);
	ck_assert_int_eq(loop_watch(loop, p[0], 4, probe_fd, &pr), LOOP_E_INVALID);
	ck_assert_int_eq(loop_watch(loop, p[0], LOOP_READ, NULL, &pr), LOOP_E_INVALID);
	ck_assert_int_eq(loop_modify(loop, p[0], LOOP_READ), LOOP_E_NOT_FOUND);
	ck_assert_int_eq(loop_modify(loop, -1, LOOP_READ), LOOP_E_NOT_FOUND);
	loop_unwatch(loop, p[0]); /* not watched: ignored */
	loop_unwatch(loop, -3);
	ck_assert_int_eq(loop_watch(loop, p[0], LOOP_READ, probe_fd, &pr), LOOP_OK);
	ck_assert_int_eq(loop_watch(loop, p[0], LOOP_WRITE, probe_fd, &pr), LOOP_E_EXISTS);
	ck_assert_int_eq(loop_modify(loop, p[0], 8), LOOP_E_INVALID);
	ck_assert_int_eq(loop_modify(loop, p[0], LOOP_READ), LOOP_OK); /* unchanged: no-op */
	put_byte(p[1]);
	turn(loop, 0);
	ck_assert_uint_eq(pr.events, LOOP_READ); /* still the first watch's interest */

	/* A file epoll cannot watch: refused, and not left half-watched. */
	FILE *f = tmpfile();
	ck_assert_ptr_nonnull(f);
	enum loop_status st = loop_watch(loop, fileno(f), LOOP_READ, probe_fd, &pr);
	if (_i == LOOP_BACKEND_EPOLL) {
		ck_assert_int_eq(st, LOOP_E_SYSTEM);
		ck_assert_int_eq(errno, EPERM);
		ck_assert_int_eq(loop_modify(loop, fileno(f), LOOP_WRITE), LOOP_E_NOT_FOUND);
	} else {
		ck_assert_int_eq(st, LOOP_OK);
		loop_unwatch(loop, fileno(f));
	}
	fclose(f);

	uint64_t id = 0;
	ck_assert_int_eq(loop_timer_add(loop, 0, NULL, NULL, &id), LOOP_E_INVALID);
	ck_assert_int_eq(loop_timer_reset(loop, 0, 1), LOOP_E_NOT_FOUND);
	ck_assert_int_eq(loop_timer_reset(loop, UINT64_MAX, 1), LOOP_E_NOT_FOUND);
	loop_timer_cancel(loop, 0);
	loop_timer_cancel(loop, 12345);
	static const int bad_signals[] = { 0, -1, 32, SIGKILL, SIGSTOP };
	for (size_t i = 0; i < sizeof bad_signals / sizeof bad_signals[0]; i++)
		ck_assert_int_eq(loop_signal(loop, bad_signals[i], NULL, NULL), LOOP_E_INVALID);
	loop_unwatch(loop, p[0]);
	close(p[0]);
	close(p[1]);
	loop_free(loop);
}
END_TEST

START_TEST(test_unwatch_then_rewatch_same_fd)
{
	struct loop *loop = new_loop(_i);
	int p[2];
	make_pipe(p);
	struct probe first = { 0 }, second = { 0 };
	ck_assert_int_eq(loop_watch(loop, p[0], LOOP_READ, probe_fd, &first), LOOP_OK);
	put_byte(p[1]);
	loop_unwatch(loop, p[0]);
	first.freed = true;
	turn(loop, 0);
	ck_assert_int_eq(loop_watch(loop, p[0], LOOP_READ, probe_fd, &second), LOOP_OK);
	turn(loop, 0);
	ck_assert_int_eq(second.calls, 1);
	ck_assert_int_eq(first.calls, 0);
	loop_unwatch(loop, p[0]);
	close(p[0]);
	close(p[1]);
	loop_free(loop);
}
END_TEST

static void count_timer(struct loop *loop, uint64_t id, void *ctx)
{
	(void)loop;
	(void)id;
	++*(int *)ctx;
}

START_TEST(test_modify_interest)
{
	struct loop *loop = new_loop(_i);
	int s[2];
	make_socketpair(s);
	struct probe pr = { 0 };
	ck_assert_int_eq(loop_watch(loop, s[0], LOOP_READ | LOOP_WRITE, probe_fd, &pr), LOOP_OK);
	put_byte(s[1]);
	ck_assert_int_eq(loop_modify(loop, s[0], LOOP_WRITE), LOOP_OK);
	turn(loop, 0);
	ck_assert_int_eq(pr.calls, 1);
	ck_assert_uint_eq(pr.events, LOOP_WRITE); /* readable, but not asked */
	ck_assert_int_eq(loop_modify(loop, s[0], 0), LOOP_OK);
	close(s[1]); /* a hangup on a paused watch is not reported either ... */
	int timer_calls = 0;
	uint64_t id;
	ck_assert_int_eq(loop_timer_add(loop, 20, count_timer, &timer_calls, &id), LOOP_OK);
	turn(loop, -1); /* ... nor does it wake the poller: the turn lasts until the timer */
	ck_assert_int_eq(timer_calls, 1);
	ck_assert_int_eq(pr.calls, 1);
	ck_assert_int_eq(loop_modify(loop, s[0], LOOP_READ), LOOP_OK);
	turn(loop, 0);
	ck_assert_int_eq(pr.calls, 2);
	ck_assert_uint_eq(pr.events, LOOP_READ);
	loop_unwatch(loop, s[0]);
	close(s[0]);
	loop_free(loop);
}
END_TEST

START_TEST(test_hangups_reported_as_interest)
{
	struct loop *loop = new_loop(_i);
	int a[2], b[2];
	make_pipe(a);
	make_pipe(b);
	struct probe reader = { 0 }, writer = { 0 };
	ck_assert_int_eq(loop_watch(loop, a[0], LOOP_READ, probe_fd, &reader), LOOP_OK);
	ck_assert_int_eq(loop_watch(loop, b[1], LOOP_WRITE, probe_fd, &writer), LOOP_OK);
	turn(loop, 0);
	ck_assert_int_eq(writer.calls, 1);
	close(a[1]);
	close(b[0]);
	turn(loop, 0);
	ck_assert_int_eq(reader.calls, 1);
	ck_assert_uint_eq(reader.events, LOOP_READ); /* read() now returns 0 */
	ck_assert_int_eq(writer.calls, 2);
	ck_assert_uint_eq(writer.events, LOOP_WRITE); /* write() now fails with EPIPE */
	loop_unwatch(loop, a[0]);
	loop_unwatch(loop, b[1]);
	close(a[0]);
	close(b[1]);
	loop_free(loop);
}
END_TEST

Suite *loop_suite(void)
{
	Suite *s = suite_create("loop");
	TCase *names = tcase_create("names");
	tcase_add_test(names, test_name_tables_complete);
	suite_add_tcase(s, names);

	TCase *tc = tcase_create("readiness");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, watchdog_on, watchdog_off);
	tcase_add_loop_test(tc, test_read_readiness_is_level_triggered, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_write_readiness_follows_buffer_space, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_invalid_arguments_change_nothing, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_unwatch_then_rewatch_same_fd, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_modify_interest, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_hangups_reported_as_interest, 0, LOOP_BACKEND_COUNT);
	suite_add_tcase(s, tc);
	return s;
}
