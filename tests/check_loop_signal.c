/* check_loop_signal.c - what the event loop takes from the process: signal
 * delivery (src/loop_signal.c), allocations (every one made to fail in turn)
 * and memory per fd. Conventions: tests/loop_test.h. */
#include <signal.h>
#include <stdlib.h>

#include "loop_test.h"
#include "suites.h"

/* ---- signals ---- */

struct caught {
	int calls;
	int signo;
};

static void caught_signal(struct loop *loop, int signo, void *ctx)
{
	(void)loop;
	struct caught *c = ctx;
	c->calls++;
	c->signo = signo;
}

static void (*handler_of(int signo))(int)
{
	struct sigaction sa;
	ck_assert_int_eq(sigaction(signo, NULL, &sa), 0);
	return sa.sa_handler;
}

START_TEST(test_signals_arrive_as_callbacks)
{
	struct sigaction ignore = { .sa_handler = SIG_IGN }, hup_before, term_before;
	ck_assert_int_eq(sigaction(SIGHUP, &ignore, &hup_before), 0);
	ck_assert_int_eq(sigaction(SIGTERM, NULL, &term_before), 0);
	struct loop *loop = new_loop(_i);
	struct caught hup = { 0 }, term = { 0 };
	ck_assert_int_eq(loop_signal(loop, SIGHUP, caught_signal, &hup), LOOP_OK);
	ck_assert_int_eq(loop_signal(loop, SIGTERM, caught_signal, &term), LOOP_OK);
	ck_assert_int_eq(loop_signal(loop, SIGHUP, caught_signal, &hup), LOOP_OK); /* again: same */
	raise(SIGHUP);
	raise(SIGHUP);
	raise(SIGTERM);
	ck_assert_int_eq(hup.calls, 0); /* not in the handler: in the loop's turn */
	turn(loop, -1);
	ck_assert_int_eq(hup.calls, 1); /* two deliveries before a turn: one call */
	ck_assert_int_eq(hup.signo, SIGHUP);
	ck_assert_int_eq(term.calls, 1);
	ck_assert_int_eq(term.signo, SIGTERM);
	turn(loop, 0);
	ck_assert_int_eq(hup.calls, 1);
	raise(SIGHUP);
	turn(loop, -1);
	ck_assert_int_eq(hup.calls, 2);
	ck_assert_int_eq(term.calls, 1); /* delivered once, not on every wakeup */

	/* One loop at a time owns signals. */
	struct loop *other = new_loop(_i);
	ck_assert_int_eq(loop_signal(other, SIGINT, caught_signal, &term), LOOP_E_BUSY);

	/* Giving a signal up, or freeing the loop, restores what was there. */
	ck_assert_int_eq(loop_signal(loop, SIGTERM, NULL, NULL), LOOP_OK);
	ck_assert_ptr_eq(handler_of(SIGTERM), term_before.sa_handler);
	ck_assert_ptr_ne(handler_of(SIGHUP), SIG_IGN);
	loop_free(loop);
	ck_assert_ptr_eq(handler_of(SIGHUP), SIG_IGN);
	ck_assert_int_eq(loop_signal(other, SIGHUP, caught_signal, &hup), LOOP_OK);
	raise(SIGHUP);
	turn(other, -1);
	ck_assert_int_eq(hup.calls, 3);
	loop_free(other);
	ck_assert_int_eq(sigaction(SIGHUP, &hup_before, NULL), 0);
}
END_TEST

/* ---- memory ---- */

/* Allocation k fails, for every k: the step that needed it reports LOOP_E_NOMEM
 * (or loop_new returns NULL with ENOMEM), the loop is unchanged so the step then
 * succeeds, and freeing the loop returns every byte. */
struct failing_mem {
	long countdown; /* allocations left before the failing one; < 0: never fail */
	long calls;
	long live;
};

static void *failing_alloc(void *ctx, size_t size)
{
	struct failing_mem *fm = ctx;
	fm->calls++;
	if (fm->countdown == 0)
		return NULL;
	if (fm->countdown > 0)
		fm->countdown--;
	void *p = malloc(size);
	fm->live += p != NULL;
	return p;
}

static void failing_release(void *ctx, void *p)
{
	struct failing_mem *fm = ctx;
	fm->live -= p != NULL;
	free(p);
}

#define GROW_PIPES 12
#define GROW_TIMERS 40
#define GROW_STEPS (1 + 2 * GROW_PIPES + GROW_TIMERS)

/* The signal first: its pipe's fds lie beyond the 2-fd table, so even that
 * watch has to grow it. */
static enum loop_status grow_step(struct loop *loop, const int *fds, int step, struct probe *pr,
				  struct caught *hup)
{
	uint64_t id;
	if (step == 0)
		return loop_signal(loop, SIGHUP, caught_signal, hup);
	if (step <= 2 * GROW_PIPES)
		return loop_watch(loop, fds[step - 1], step % 2 ? LOOP_READ : LOOP_WRITE, probe_fd, pr);
	return loop_timer_add(loop, 100000, never_timer, NULL, &id);
}

/* Returns the allocations made, or which step failed: -1 for loop_new, -(step + 2). */
static long grow_run(int backend, struct failing_mem *fm, const int *fds)
{
	struct mem m = { failing_alloc, failing_release, fm };
	struct probe pr = { 0 };
	struct caught hup = { 0 };
	long failed = 0;
	errno = 0;
	struct loop *loop = loop_new(&m, (enum loop_backend)backend, 2);
	if (loop == NULL) {
		ck_assert_int_eq(errno, ENOMEM);
		ck_assert_int_eq(fm->live, 0);
		return -1;
	}
	for (int step = 0; step < GROW_STEPS; step++) {
		enum loop_status s = grow_step(loop, fds, step, &pr, &hup);
		if (s == LOOP_OK)
			continue;
		ck_assert_str_eq(loop_status_name(s), "LOOP_E_NOMEM");
		ck_assert_int_eq(failed, 0);
		failed = -(step + 2);
		fm->countdown = -1;
		step--; /* nothing changed: the same step now succeeds */
	}
	raise(SIGHUP);
	turn(loop, 0);
	ck_assert_int_eq(pr.calls, GROW_PIPES); /* every write end is writable */
	ck_assert_int_eq(hup.calls, 1);
	loop_free(loop);
	ck_assert_int_eq(fm->live, 0);
	return failed != 0 ? failed : fm->calls;
}

START_TEST(test_allocation_failures)
{
	int fds[2 * GROW_PIPES];
	for (int i = 0; i < GROW_PIPES; i++)
		make_pipe(&fds[2 * i]);
	struct failing_mem fm = { -1, 0, 0 };
	long total = grow_run(_i, &fm, fds);
	ck_assert_int_gt(total, 8); /* the tables grew several times */
	for (long k = 0; k < total; k++) {
		fm = (struct failing_mem){ k, 0, 0 };
		long failed = grow_run(_i, &fm, fds);
		ck_assert_msg(failed < 0, "allocation %ld failed silently", k);
	}
	for (int i = 0; i < 2 * GROW_PIPES; i++)
		close(fds[i]);
}
END_TEST

START_TEST(test_memory_per_fd)
{
	struct loop *small = loop_new(mem_default(), (enum loop_backend)_i, 64);
	struct loop *big = loop_new(mem_default(), (enum loop_backend)_i, 64 + 8192);
	ck_assert_ptr_nonnull(small);
	ck_assert_ptr_nonnull(big);
	size_t per_fd = (loop_memory(big) - loop_memory(small)) / 8192;
	ck_assert_uint_le(per_fd, _i == LOOP_BACKEND_EPOLL ? 24 : 36);
	size_t before = loop_memory(small);
	uint64_t id;
	ck_assert_int_eq(loop_timer_add(small, 1000, never_timer, NULL, &id), LOOP_OK);
	ck_assert_uint_le(loop_memory(small) - before, 16 * 44); /* the first slab: 16 timers */
	loop_free(small);
	loop_free(big);
}
END_TEST

Suite *loop_signal_suite(void)
{
	Suite *s = suite_create("loop_signal");
	TCase *tc = tcase_create("process");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, watchdog_on, watchdog_off);
	tcase_add_loop_test(tc, test_signals_arrive_as_callbacks, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_allocation_failures, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_memory_per_fd, 0, LOOP_BACKEND_COUNT);
	suite_add_tcase(s, tc);
	return s;
}
