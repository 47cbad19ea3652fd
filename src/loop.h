/* loop.h - the event loop: fd readiness, timers, end-of-turn hooks, signals.
 *
 * One loop runs the whole server on one thread. Sessions never talk to the
 * poller: they watch an fd and receive its ready events as a callback (the IO
 * layer above does the read() and write()). Each turn:
 *   1. waits for readiness, no longer than until the nearest timer is due;
 *   2. calls the callback of every ready fd (one call per fd, events or-ed);
 *   3. runs every timer due by loop_now_ms();
 *   4. runs the deferred hooks queued so far, oldest first.
 * Readiness is level-triggered: an fd that stays readable is reported again.
 *
 * Ownership:
 * - loop_new() allocates through the given struct mem, which is borrowed and must
 *   outlive the loop. loop_free() releases all of it, closes the fds the loop
 *   created (the poller, the signal pipe) and restores the signal actions that
 *   loop_signal() replaced.
 * - Watched fds stay the caller's: the loop never reads, writes or closes them.
 *   Unwatch before close(): the poller may otherwise keep reporting a closed fd
 *   (poll) or forget it silently (epoll), and the loop, still counting it as
 *   watched, refuses the reused number (LOOP_E_EXISTS).
 * - Every ctx is borrowed: the loop stores it and hands it back, never touches it.
 *   It must stay valid until the watch is removed, the timer fired or was
 *   cancelled, the deferred node ran or was cancelled, or the loop is freed.
 * - Timers live inside the loop and are named by ids (0 is never an id). An id
 *   is not reused while its timer is alive, nor until its slot has been reused
 *   2^32 times, so cancelling or resetting a stale id is harmless: it names no
 *   timer (LOOP_E_NOT_FOUND).
 * - A struct loop_deferred belongs to the caller (embed it in the connection);
 *   while queued the loop links it into a list, so loop_defer_cancel() it before
 *   freeing the memory that holds it.
 *
 * Callbacks may call any loop function except loop_run(), loop_run_once() and
 * loop_free(). Once loop_unwatch(fd) returns, that watch gets no more callbacks,
 * not even for readiness already collected in this turn; a new watch of the same
 * fd number in the same turn starts with nothing pending.
 *
 * Process-wide state: a signal handler cannot be passed a pointer, so the write
 * end of the signal pipe and one pending flag per signal are static in
 * loop_signal.c. Hence only one loop at a time may handle signals: the first
 * that calls loop_signal(), until it is freed (others get LOOP_E_BUSY). */
#ifndef XMPPD_LOOP_H
#define XMPPD_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"

enum loop_status {
	LOOP_OK = 0,
	/* the caller's mistake: nothing changed */
	LOOP_E_INVALID,   /* fd < 0, events outside LOOP_READ|LOOP_WRITE, NULL callback, bad signo */
	LOOP_E_EXISTS,    /* the fd is already watched */
	LOOP_E_NOT_FOUND, /* the fd is not watched, or the timer id names no live timer */
	LOOP_E_BUSY,      /* another loop handles signals */
	/* the system's refusal: nothing changed (loop_run() returns it and stops) */
	LOOP_E_NOMEM,     /* the struct mem failed */
	LOOP_E_SYSTEM,    /* a system call failed; errno says why */
	LOOP_STATUS_COUNT
};

const char *loop_status_name(enum loop_status s); /* "LOOP_E_NOMEM" */

enum loop_backend {
	LOOP_BACKEND_EPOLL, /* Linux: O(ready) per turn; the default */
	LOOP_BACKEND_POLL,  /* poll(2): O(watched) per turn; portable, and a second opinion in tests */
	LOOP_BACKEND_COUNT
};
#define LOOP_BACKEND_DEFAULT LOOP_BACKEND_EPOLL

const char *loop_backend_name(enum loop_backend b); /* "epoll" */

/* Interest and ready events. An error or hangup on the fd is reported as every
 * event the watch is interested in, so the next read() or write() returns it. */
#define LOOP_READ 1u
#define LOOP_WRITE 2u

struct loop;

typedef void loop_fd_fn(struct loop *loop, int fd, unsigned events, void *ctx);
typedef void loop_timer_fn(struct loop *loop, uint64_t timer_id, void *ctx);
typedef void loop_deferred_fn(struct loop *loop, void *ctx);
typedef void loop_signal_fn(struct loop *loop, int signo, void *ctx);

/* fd_capacity_hint: the highest fd number expected, plus one; tables are sized
 * for it up front and doubled when a larger fd is watched. NULL on failure, with
 * errno set (ENOMEM when the struct mem failed). */
struct loop *loop_new(const struct mem *mem, enum loop_backend backend, size_t fd_capacity_hint)
	__attribute__((warn_unused_result));
void loop_free(struct loop *loop);

/* Bytes the loop holds now (its tables and the poller's), for memory budgets. */
size_t loop_memory(const struct loop *loop);

/* ---- fd readiness ---- */

/* events may be 0: watched but paused (not even hangups are reported). */
enum loop_status loop_watch(struct loop *loop, int fd, unsigned events, loop_fd_fn *fn, void *ctx)
	__attribute__((warn_unused_result));
enum loop_status loop_modify(struct loop *loop, int fd, unsigned events)
	__attribute__((warn_unused_result));
/* Cannot fail; an fd that is not watched is ignored. */
void loop_unwatch(struct loop *loop, int fd);

/* ---- timers: one-shot; resetting from its own callback makes one periodic ---- */

/* Due delay_ms after loop_now_ms(), the turn's cached time (so a timer added
 * late in a long turn runs that much early). Timers due at the same ms run in the
 * order they were added or last reset. Added with delay 0 from an IO callback, a
 * timer runs in the same turn; added or reset while timers run, in the next. */
enum loop_status loop_timer_add(struct loop *loop, uint64_t delay_ms, loop_timer_fn *fn, void *ctx,
				uint64_t *timer_id) __attribute__((warn_unused_result));
/* Re-arms a pending or running timer to delay_ms from now: O(log n), no
 * allocation (made for idle timeouts, pushed back on every read). */
enum loop_status loop_timer_reset(struct loop *loop, uint64_t timer_id, uint64_t delay_ms)
	__attribute__((warn_unused_result));
/* An id that names no live timer is ignored. */
void loop_timer_cancel(struct loop *loop, uint64_t timer_id);

/* ---- end-of-turn hooks ---- */

/* Zero-initialize (or loop_deferred_init) before first use. The fields are the loop's. */
struct loop_deferred {
	struct loop_deferred *prev, *next; /* NULL while not queued */
	loop_deferred_fn *fn;
	void *ctx;
};

static inline void loop_deferred_init(struct loop_deferred *node)
{
	*node = (struct loop_deferred){ NULL, NULL, NULL, NULL };
}

static inline bool loop_deferred_is_queued(const struct loop_deferred *node)
{
	return node->next != NULL;
}

/* Queues fn(loop, ctx) to run once, after every ready fd of this turn has been
 * dispatched and every due timer has run. Queuing a node that is already queued
 * does nothing (the first fn and ctx stay). This is how a connection coalesces
 * its writes: each stanza appends to the output buffer and queues the flush
 * node, so one turn costs one write() however many stanzas it produced. A node
 * queued from a deferred hook runs next turn (the wait then does not block). */
void loop_defer(struct loop *loop, struct loop_deferred *node, loop_deferred_fn *fn, void *ctx);
/* Unqueues the node if it is queued; safe from any callback, hooks included. */
void loop_defer_cancel(struct loop *loop, struct loop_deferred *node);

/* ---- signals ---- */

/* From now on signo (1..31, not SIGKILL or SIGSTOP) arrives as fn(loop, signo,
 * ctx) during a turn, like readiness, instead of interrupting the program. Several
 * deliveries between two turns make one call. fn NULL restores the action that was
 * in place before. The first call creates the signal pipe. */
enum loop_status loop_signal(struct loop *loop, int signo, loop_signal_fn *fn, void *ctx)
	__attribute__((warn_unused_result));

/* ---- running ---- */

/* Turns until loop_stop(); LOOP_OK once stopped, or the wait's failure. */
enum loop_status loop_run(struct loop *loop) __attribute__((warn_unused_result));
/* One turn. timeout_ms < 0: wait until readiness or the nearest timer; 0: do not
 * block; otherwise block at most that long. */
enum loop_status loop_run_once(struct loop *loop, int timeout_ms) __attribute__((warn_unused_result));
/* loop_run() returns once the current turn is complete. */
void loop_stop(struct loop *loop);
/* CLOCK_MONOTONIC in ms, read when the turn's wait returned: every callback of a
 * turn sees the same value, and timers are measured from it. */
uint64_t loop_now_ms(const struct loop *loop);

#endif
