/* check_loop_timer.c - the event loop's timers (src/loop_timer.c), deferred
 * hooks and loop_run(). Timers use the real monotonic clock with delays of a few
 * ms, and the tests assert orderings and lower bounds, never upper ones.
 * Conventions: tests/loop_test.h. */
#include <stdlib.h>
#include <time.h>

#include "loop_test.h"
#include "suites.h"

/* ---- timers ---- */

struct tick {
	struct trace *trace;
	const char *name;
	uint64_t id;
	uint64_t due_ms;      /* loop_now_ms() when armed + delay */
	int calls;
	int rearm_left;       /* reset itself this many more times (delay 0) */
	uint64_t cancel_id;   /* cancel this one when run */
};

static void tick_timer(struct loop *loop, uint64_t id, void *ctx)
{
	struct tick *t = ctx;
	ck_assert_uint_eq(id, t->id);
	ck_assert_uint_ge(loop_now_ms(loop), t->due_ms);
	t->calls++;
	if (t->trace != NULL)
		trace_add(t->trace, t->name);
	if (t->cancel_id != 0)
		loop_timer_cancel(loop, t->cancel_id);
	if (t->rearm_left > 0) {
		t->rearm_left--;
		ck_assert_int_eq(loop_timer_reset(loop, id, 0), LOOP_OK);
	}
}

static void tick_add(struct loop *loop, struct tick *t, uint64_t delay_ms)
{
	t->due_ms = loop_now_ms(loop) + delay_ms;
	ck_assert_int_eq(loop_timer_add(loop, delay_ms, tick_timer, t, &t->id), LOOP_OK);
	ck_assert_uint_ne(t->id, 0);
}

static void run_until(struct loop *loop, const int *counter, int target)
{
	for (int turns = 0; *counter < target; turns++) {
		ck_assert_int_lt(turns, 1000);
		turn(loop, -1);
	}
}

START_TEST(test_timers_run_in_deadline_then_arming_order)
{
	struct loop *loop = new_loop(_i);
	struct trace tr = { "" };
	struct tick t[5] = { { .trace = &tr, .name = "A" }, { .trace = &tr, .name = "B" }, { .trace = &tr, .name = "C" }, { .trace = &tr, .name = "D" }, { .trace = &tr, .name = "E" } };
	static const uint64_t delays[5] = { 30, 10, 20, 10, 0 };
	for (int i = 0; i < 5; i++)
		tick_add(loop, &t[i], delays[i]);
	int fired = 0;
	for (int turns = 0; fired < 5; turns++) {
		ck_assert_int_lt(turns, 1000);
		turn(loop, -1);
		fired = t[0].calls + t[1].calls + t[2].calls + t[3].calls + t[4].calls;
	}
	ck_assert_str_eq(tr.text, "E B D C A");
	loop_free(loop);
}
END_TEST

START_TEST(test_timer_cancel)
{
	struct loop *loop = new_loop(_i);
	struct trace tr = { "" };
	struct tick first = { .trace = &tr, .name = "first" }, victim = { .trace = &tr, .name = "victim" }, last = { .trace = &tr, .name = "last" };
	tick_add(loop, &first, 2);
	tick_add(loop, &victim, 2); /* same deadline, runs after first: cancelled by it */
	tick_add(loop, &last, 3);
	first.cancel_id = victim.id;
	last.cancel_id = last.id; /* cancelling itself while it runs: it is simply done */
	uint64_t never_id;
	ck_assert_int_eq(loop_timer_add(loop, 1, never_timer, NULL, &never_id), LOOP_OK);
	loop_timer_cancel(loop, never_id);
	run_until(loop, &last.calls, 1);
	ck_assert_str_eq(tr.text, "first last");
	ck_assert_int_eq(loop_timer_reset(loop, first.id, 1), LOOP_E_NOT_FOUND); /* fired: gone */
	ck_assert_int_eq(loop_timer_reset(loop, last.id, 1), LOOP_E_NOT_FOUND);

	/* A stale id never names the timer that reuses its slot, whichever it is. */
	struct tick reuse = { .trace = &tr, .name = "reuse" };
	tick_add(loop, &reuse, 0);
	const uint64_t stale[] = { never_id, first.id, victim.id, last.id };
	for (size_t i = 0; i < sizeof stale / sizeof stale[0]; i++) {
		ck_assert_uint_ne(reuse.id, stale[i]);
		loop_timer_cancel(loop, stale[i]);
		ck_assert_int_eq(loop_timer_reset(loop, stale[i], 5000), LOOP_E_NOT_FOUND);
	}
	turn(loop, 0);
	ck_assert_int_eq(reuse.calls, 1);
	loop_free(loop);
}
END_TEST

START_TEST(test_timer_reset_and_rearm)
{
	struct loop *loop = new_loop(_i);
	struct tick idle = { 0 };
	tick_add(loop, &idle, 10000);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(loop_timer_reset(loop, idle.id, 10000), LOOP_OK);
		turn(loop, 5); /* the wait honours the shorter timeout */
	}
	ck_assert_int_eq(idle.calls, 0);
	idle.due_ms = loop_now_ms(loop);
	ck_assert_int_eq(loop_timer_reset(loop, idle.id, 0), LOOP_OK);
	turn(loop, 0);
	ck_assert_int_eq(idle.calls, 1);

	/* Reset from its own callback: periodic, at most once per turn even at 0 ms. */
	struct tick periodic = { .rearm_left = 3 };
	tick_add(loop, &periodic, 0);
	for (int i = 1; i <= 4; i++) {
		turn(loop, 0);
		ck_assert_int_eq(periodic.calls, i);
	}
	turn(loop, 0);
	ck_assert_int_eq(periodic.calls, 4);
	ck_assert_int_eq(loop_timer_reset(loop, periodic.id, 0), LOOP_E_NOT_FOUND);
	loop_free(loop);
}
END_TEST

START_TEST(test_wait_ends_at_nearest_timer)
{
	struct loop *loop = new_loop(_i);
	struct tick near = { 0 }, far = { 0 };
	tick_add(loop, &far, 10000);
	tick_add(loop, &near, 15);
	uint64_t start = loop_now_ms(loop);
	turn(loop, -1); /* one turn: neither returns early nor sleeps past it */
	ck_assert_int_eq(near.calls, 1);
	ck_assert_int_eq(far.calls, 0);
	ck_assert_uint_ge(loop_now_ms(loop) - start, 15);
	loop_free(loop);
}
END_TEST

/* 10^5 timers with random delays, a third cancelled, a fifth reset: each must
 * run exactly once, no earlier than due, in (deadline, arming) order. The hot
 * paths count violations instead of asserting: every Check assertion is an IPC
 * message, and 10^5 of them would dominate the runtime. */
#define MANY 100000

struct many_run;

struct many {
	uint64_t id;
	uint64_t delay_ms;
	uint64_t armed; /* arming order, the tie-breaker */
	bool cancelled;
	int calls;
	struct many_run *run;
};

struct many_run {
	uint64_t base_ms;
	uint64_t last_delay, last_armed;
	int fired;
	int wrong; /* early, out of order, cancelled or wrong id */
};

static void many_timer(struct loop *loop, uint64_t id, void *ctx)
{
	struct many *m = ctx;
	struct many_run *run = m->run;
	bool in_order = run->fired == 0 || m->delay_ms > run->last_delay ||
			(m->delay_ms == run->last_delay && m->armed > run->last_armed);
	if (id != m->id || m->cancelled || !in_order || loop_now_ms(loop) < run->base_ms + m->delay_ms)
		run->wrong++;
	run->last_delay = m->delay_ms;
	run->last_armed = m->armed;
	run->fired++;
	m->calls++;
}

START_TEST(test_many_timers)
{
	struct loop *loop = new_loop(_i);
	struct many *all = calloc(MANY, sizeof *all);
	ck_assert_ptr_nonnull(all);
	struct many_run run = { .base_ms = loop_now_ms(loop) };
	uint32_t rng = 12345;
	uint64_t armed = 0;
	int refused = 0;
	for (int i = 0; i < MANY; i++) {
		rng = rng * 1103515245u + 12345u;
		all[i] = (struct many){ .delay_ms = (rng >> 16) % 8, .armed = armed++, .run = &run };
		refused += loop_timer_add(loop, all[i].delay_ms, many_timer, &all[i], &all[i].id) != LOOP_OK;
	}
	int expected = MANY;
	for (int i = 0; i < MANY; i++) {
		rng = rng * 1103515245u + 12345u;
		if (i % 3 == 0) {
			loop_timer_cancel(loop, all[i].id);
			all[i].cancelled = true;
			expected--;
		} else if (i % 5 == 0) {
			all[i].delay_ms = (rng >> 16) % 8;
			all[i].armed = armed++;
			refused += loop_timer_reset(loop, all[i].id, all[i].delay_ms) != LOOP_OK;
		}
	}
	ck_assert_int_eq(refused, 0);
	run_until(loop, &run.fired, expected);
	turn(loop, 0);
	ck_assert_int_eq(run.fired, expected);
	ck_assert_int_eq(run.wrong, 0);
	int miscounted = 0;
	for (int i = 0; i < MANY; i++)
		miscounted += all[i].calls != (all[i].cancelled ? 0 : 1);
	ck_assert_int_eq(miscounted, 0);
	free(all);
	loop_free(loop);
}
END_TEST

/* ---- deferred hooks ---- */

struct hook {
	struct loop_deferred node;
	char name[4];
	struct hooks *all;
};

struct hooks {
	struct trace trace;
	struct hook d[8]; /* d[1]..d[7] */
};

static void hook_run(struct loop *loop, void *ctx);

static void defer_hook(struct loop *loop, struct hooks *h, int n)
{
	loop_defer(loop, &h->d[n].node, hook_run, &h->d[n]);
}

static void hook_run(struct loop *loop, void *ctx)
{
	struct hook *k = ctx;
	struct hooks *h = k->all;
	ck_assert(!loop_deferred_is_queued(&k->node));
	trace_add(&h->trace, k->name);
	if (k == &h->d[1]) {
		defer_hook(loop, h, 4); /* new: next turn */
		defer_hook(loop, h, 2); /* ran already this turn: again, next turn */
	} else if (k == &h->d[6]) {
		loop_defer_cancel(loop, &h->d[7].node); /* queued behind d6: never runs */
	}
}

static void hooks_io(struct loop *loop, int fd, unsigned events, void *ctx)
{
	(void)events;
	struct hooks *h = ctx;
	drain(fd);
	ck_assert_ptr_null(strchr(h->trace.text, 'd')); /* no hook before the last IO */
	trace_add(&h->trace, "io");
	defer_hook(loop, h, 2);
	defer_hook(loop, h, 1);
	loop_defer(loop, &h->d[2].node, hook_run, &h->d[1]); /* queued: no-op, the first ctx stays */
}

static void hooks_timer(struct loop *loop, uint64_t id, void *ctx)
{
	(void)id;
	struct hooks *h = ctx;
	trace_add(&h->trace, "timer");
	defer_hook(loop, h, 3);
}

START_TEST(test_deferred_hooks)
{
	struct loop *loop = new_loop(_i);
	struct hooks h = { .trace = { "" } };
	for (int n = 0; n < 8; n++) {
		loop_deferred_init(&h.d[n].node);
		snprintf(h.d[n].name, sizeof h.d[n].name, "d%d", n);
		h.d[n].all = &h;
	}
	int p[2], q[2];
	make_pipe(p);
	make_pipe(q);
	ck_assert_int_eq(loop_watch(loop, p[0], LOOP_READ, hooks_io, &h), LOOP_OK);
	ck_assert_int_eq(loop_watch(loop, q[0], LOOP_READ, hooks_io, &h), LOOP_OK);
	uint64_t id;
	ck_assert_int_eq(loop_timer_add(loop, 0, hooks_timer, &h, &id), LOOP_OK);
	put_byte(p[1]);
	put_byte(q[1]);
	turn(loop, 0);
	/* Both IO callbacks, the timer, then each hook once, oldest first. */
	ck_assert_str_eq(h.trace.text, "io io timer d2 d1 d3");
	/* Hooks queued by d1 are pending: this wait must not block. */
	ck_assert(loop_deferred_is_queued(&h.d[4].node));
	turn(loop, -1);
	ck_assert_str_eq(h.trace.text, "io io timer d2 d1 d3 d4 d2");
	defer_hook(loop, &h, 5);
	loop_defer_cancel(loop, &h.d[5].node);
	defer_hook(loop, &h, 6);
	defer_hook(loop, &h, 7);
	turn(loop, 0);
	ck_assert_str_eq(h.trace.text, "io io timer d2 d1 d3 d4 d2 d6");
	ck_assert(!loop_deferred_is_queued(&h.d[7].node));
	defer_hook(loop, &h, 5); /* loop_free unqueues what is still queued */
	loop_unwatch(loop, p[0]);
	loop_unwatch(loop, q[0]);
	for (int i = 0; i < 2; i++) {
		close(p[i]);
		close(q[i]);
	}
	loop_free(loop);
	ck_assert(!loop_deferred_is_queued(&h.d[5].node));
}
END_TEST

/* ---- running ---- */

struct stopper {
	int calls;
	uint64_t seen_ms;
};

static void stopper_timer(struct loop *loop, uint64_t id, void *ctx)
{
	struct stopper *s = ctx;
	if (++s->calls < 3)
		ck_assert_int_eq(loop_timer_reset(loop, id, 1), LOOP_OK);
	else
		loop_stop(loop);
}

static void clock_fd(struct loop *loop, int fd, unsigned events, void *ctx)
{
	(void)events;
	struct stopper *s = ctx;
	drain(fd);
	s->seen_ms = loop_now_ms(loop);
	struct timespec pause = { 0, 3 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	ck_assert_uint_eq(loop_now_ms(loop), s->seen_ms); /* one turn, one time */
	s->calls++;
}

START_TEST(test_run_until_stop_and_cached_clock)
{
	struct loop *loop = new_loop(_i);
	struct stopper s = { 0 };
	uint64_t id;
	ck_assert_int_eq(loop_timer_add(loop, 1, stopper_timer, &s, &id), LOOP_OK);
	ck_assert_int_eq(loop_run(loop), LOOP_OK);
	ck_assert_int_eq(s.calls, 3);

	int p[2];
	make_pipe(p);
	struct stopper c = { 0 };
	ck_assert_int_eq(loop_watch(loop, p[0], LOOP_READ, clock_fd, &c), LOOP_OK);
	put_byte(p[1]);
	turn(loop, 0);
	uint64_t first_ms = c.seen_ms;
	put_byte(p[1]);
	turn(loop, 0);
	ck_assert_int_eq(c.calls, 2);
	ck_assert_uint_ge(c.seen_ms, first_ms + 3); /* the next turn read the clock again */
	loop_unwatch(loop, p[0]);
	close(p[0]);
	close(p[1]);
	loop_free(loop);
}
END_TEST

Suite *loop_timer_suite(void)
{
	Suite *s = suite_create("loop_timer");
	TCase *tc = tcase_create("timers");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, watchdog_on, watchdog_off);
	tcase_add_loop_test(tc, test_timers_run_in_deadline_then_arming_order, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_timer_cancel, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_timer_reset_and_rearm, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_wait_ends_at_nearest_timer, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_many_timers, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_deferred_hooks, 0, LOOP_BACKEND_COUNT);
	tcase_add_loop_test(tc, test_run_until_stop_and_cached_clock, 0, LOOP_BACKEND_COUNT);
	suite_add_tcase(s, tc);
	return s;
}
