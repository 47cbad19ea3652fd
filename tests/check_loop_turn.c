/* check_loop_turn.c - what callbacks may do to other watches within one turn
 * of the event loop (src/loop.c and both backends): unwatch, replace, pause or
 * close fds whose readiness was already collected, churn many watches, and
 * more ready fds than one turn takes. Conventions: tests/loop_test.h. */
#include "loop_internal.h" /* LOOP_FIRED_MAX */
#include "loop_test.h"
#include "suites.h"

/* Two ready pipes; whichever runs first unwatches and closes the other, and
 * puts a fresh pipe under the other's fd number with a new watch. Neither the
 * old ctx nor the new one may see the old readiness. */
struct rival {
	struct probe probe;
	int fd;
	struct rival *other;
	bool struck;
	int fresh[2];
	struct probe *fresh_probe;
};

static void rival_fd(struct loop *loop, int fd, unsigned events, void *ctx)
{
	struct rival *r = ctx;
	probe_fd(loop, fd, events, &r->probe);
	drain(fd);
	if (r->struck || r->other->struck)
		return;
	r->struck = true;
	int victim = r->other->fd;
	loop_unwatch(loop, victim);
	r->other->probe.freed = true;
	close(victim);
	make_pipe(r->fresh);
	move_fd(r->fresh[0], victim);
	r->fresh[0] = victim;
	ck_assert_int_eq(loop_watch(loop, victim, LOOP_READ, probe_fd, r->fresh_probe), LOOP_OK);
}

START_TEST(test_unwatch_other_ready_fd_in_same_turn)
{
	struct loop *loop = new_loop(_i);
	int p[2], q[2];
	make_pipe(p);
	make_pipe(q);
	struct probe fresh = { 0 };
	struct rival rp = { .fd = p[0], .fresh_probe = &fresh }, rq = { .fd = q[0], .fresh_probe = &fresh };
	rp.other = &rq;
	rq.other = &rp;
	ck_assert_int_eq(loop_watch(loop, p[0], LOOP_READ, rival_fd, &rp), LOOP_OK);
	ck_assert_int_eq(loop_watch(loop, q[0], LOOP_READ, rival_fd, &rq), LOOP_OK);
	put_byte(p[1]);
	put_byte(q[1]);
	turn(loop, 0);
	ck_assert_int_eq(rp.probe.calls + rq.probe.calls, 1);
	ck_assert_int_eq(fresh.calls, 0);
	struct rival *winner = rp.probe.calls == 1 ? &rp : &rq;
	turn(loop, 0);
	ck_assert_int_eq(fresh.calls, 0); /* the fresh pipe is empty */
	put_byte(winner->fresh[1]);
	turn(loop, 0);
	ck_assert_int_eq(fresh.calls, 1);
	ck_assert_int_eq(fresh.fd, winner->other->fd);
	loop_unwatch(loop, p[0]);
	loop_unwatch(loop, q[0]);
	for (int i = 0; i < 2; i++) {
		close(p[i]);
		close(q[i]);
	}
	close(winner->fresh[1]);
	loop_free(loop);
}
END_TEST

/* Two ready pipes; whichever runs first pauses the other (backpressure):
 * the paused one gets nothing, not even what was collected this turn. */
struct pauser {
	struct probe probe;
	int other_fd;
	bool *done;
};

static void pauser_fd(struct loop *loop, int fd, unsigned events, void *ctx)
{
	struct pauser *p = ctx;
	probe_fd(loop, fd, events, &p->probe);
	if (*p->done)
		return;
	*p->done = true;
	ck_assert_int_eq(loop_modify(loop, p->other_fd, 0), LOOP_OK);
}

START_TEST(test_pause_other_ready_fd_in_same_turn)
{
	struct loop *loop = new_loop(_i);
	int p[2], q[2];
	make_pipe(p);
	make_pipe(q);
	bool done = false;
	struct pauser pp = { .other_fd = q[0], .done = &done }, pq = { .other_fd = p[0], .done = &done };
	ck_assert_int_eq(loop_watch(loop, p[0], LOOP_READ, pauser_fd, &pp), LOOP_OK);
	ck_assert_int_eq(loop_watch(loop, q[0], LOOP_READ, pauser_fd, &pq), LOOP_OK);
	put_byte(p[1]);
	put_byte(q[1]);
	turn(loop, 0);
	turn(loop, 0);
	struct pauser *paused = pp.probe.calls > 0 ? &pq : &pp;
	ck_assert_int_eq(pp.probe.calls + pq.probe.calls, 2); /* the first, twice */
	ck_assert_int_eq(paused->probe.calls, 0);
	ck_assert_int_eq(loop_modify(loop, paused == &pp ? p[0] : q[0], LOOP_READ), LOOP_OK);
	turn(loop, 0);
	ck_assert_int_eq(paused->probe.calls, 1);
	loop_unwatch(loop, p[0]);
	loop_unwatch(loop, q[0]);
	for (int i = 0; i < 2; i++) {
		close(p[i]);
		close(q[i]);
	}
	loop_free(loop);
}
END_TEST

/* Many watches added, paused, resumed and removed in a mixed order: each ready
 * fd reaches its own ctx, and only while watched and interested (the poll
 * backend moves entries around its array on every removal). */
#define CHURN 16

START_TEST(test_watch_churn)
{
	struct loop *loop = new_loop(_i);
	int fds[CHURN][2];
	struct probe pr[CHURN] = { { 0 } };
	for (int i = 0; i < CHURN; i++) {
		make_pipe(fds[i]);
		ck_assert_int_eq(loop_watch(loop, fds[i][0], LOOP_READ, probe_fd, &pr[i]), LOOP_OK);
		put_byte(fds[i][1]);
	}
	static const int removed[] = { 0, 15, 5, 10, 3 }, paused[] = { 1, 14, 7 };
	for (size_t k = 0; k < sizeof removed / sizeof removed[0]; k++) {
		loop_unwatch(loop, fds[removed[k]][0]);
		pr[removed[k]].freed = true;
	}
	for (size_t k = 0; k < sizeof paused / sizeof paused[0]; k++)
		ck_assert_int_eq(loop_modify(loop, fds[paused[k]][0], 0), LOOP_OK);
	turn(loop, 0);
	int expect[CHURN];
	for (int i = 0; i < CHURN; i++)
		expect[i] = pr[i].freed || i == 1 || i == 14 || i == 7 ? 0 : 1;
	for (int i = 0; i < CHURN; i++) {
		ck_assert_int_eq(pr[i].calls, expect[i]);
		if (expect[i] != 0)
			ck_assert_int_eq(pr[i].fd, fds[i][0]);
	}
	/* Resume the paused ones, remove two more, re-add a removed one. */
	for (size_t k = 0; k < sizeof paused / sizeof paused[0]; k++)
		ck_assert_int_eq(loop_modify(loop, fds[paused[k]][0], LOOP_READ), LOOP_OK);
	loop_unwatch(loop, fds[2][0]);
	loop_unwatch(loop, fds[13][0]);
	pr[2].freed = pr[13].freed = true;
	pr[5].freed = false;
	ck_assert_int_eq(loop_watch(loop, fds[5][0], LOOP_READ, probe_fd, &pr[5]), LOOP_OK);
	turn(loop, 0);
	for (int i = 0; i < CHURN; i++) {
		ck_assert_int_eq(pr[i].calls, pr[i].freed ? expect[i] : expect[i] + 1);
		if (pr[i].calls > 0)
			ck_assert_int_eq(pr[i].fd, fds[i][0]);
	}
	for (int i = 0; i < CHURN; i++) {
		loop_unwatch(loop, fds[i][0]);
		close(fds[i][0]);
		close(fds[i][1]);
	}
	loop_free(loop);
}
END_TEST

/* More ready fds than one turn takes: the rest come next turn, and the fds
 * served first do not starve the others (poll rotates where its scan starts;
 * epoll requeues level-triggered fds behind the ones it has not returned). */
#define READY_MANY (LOOP_FIRED_MAX + 44)

START_TEST(test_more_ready_than_one_turn_takes)
{
	struct loop *loop = new_loop(_i);
	static int fds[READY_MANY][2];
	static struct probe pr[READY_MANY];
	memset(pr, 0, sizeof pr);
	for (int i = 0; i < READY_MANY; i++) {
		make_pipe(fds[i]);
		ck_assert_int_eq(loop_watch(loop, fds[i][0], LOOP_READ, probe_fd, &pr[i]), LOOP_OK);
		put_byte(fds[i][1]);
	}
	turn(loop, 0);
	int calls = 0, starved = 0;
	for (int i = 0; i < READY_MANY; i++)
		calls += pr[i].calls;
	ck_assert_int_eq(calls, LOOP_FIRED_MAX);
	turn(loop, 0);
	for (int i = 0; i < READY_MANY; i++)
		starved += pr[i].calls == 0;
	ck_assert_int_eq(starved, 0);
	for (int i = 0; i < READY_MANY; i++) {
		loop_unwatch(loop, fds[i][0]);
		close(fds[i][0]);
		close(fds[i][1]);
	}
	loop_free(loop);
}
END_TEST

/* The owner closes its fd from its own callback, in either order. */
struct closer {
	int calls;
	bool close_first;
};

static void closer_fd(struct loop *loop, int fd, unsigned events, void *ctx)
{
	(void)events;
	struct closer *c = ctx;
	c->calls++;
	if (c->close_first)
		close(fd);
	loop_unwatch(loop, fd);
	if (!c->close_first)
		close(fd);
}

START_TEST(test_close_fd_inside_its_callback)
{
	struct loop *loop = new_loop(_i);
	for (int order = 0; order < 2; order++) {
		int p[2];
		make_pipe(p);
		struct closer c = { 0, order == 1 };
		ck_assert_int_eq(loop_watch(loop, p[0], LOOP_READ, closer_fd, &c), LOOP_OK);
		put_byte(p[1]);
		turn(loop, 0);
		turn(loop, 0);
		ck_assert_int_eq(c.calls, 1);
		/* The number is free again: a new pipe may take it. */
		int again[2];
		make_pipe(again);
		move_fd(again[0], p[0]);
		struct probe pr = { 0 };
		ck_assert_int_eq(loop_watch(loop, p[0], LOOP_READ, probe_fd, &pr), LOOP_OK);
		put_byte(again[1]);
		turn(loop, 0);
		ck_assert_int_eq(pr.calls, 1);
		loop_unwatch(loop, p[0]);
		close(p[0]);
		close(p[1]);
		close(again[1]);
	}
	loop_free(loop);
}
END_TEST

Suite *loop_turn_suite(void)
{
	Suite *s = suite_create("loop_turn");
	TCase *tc = tcase_create("same_turn");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, watchdog_on, watchdog_off);
	tcase_add_loop_test(tc, test_unwatch_other_ready_fd_in_same_turn, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_pause_other_ready_fd_in_same_turn, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_watch_churn, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_more_ready_than_one_turn_takes, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_close_fd_inside_its_callback, 0, LOOP_BACKEND_COUNT);
	suite_add_tcase(s, tc);
	return s;
}
