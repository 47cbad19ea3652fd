/* loop_internal.h - what the event loop's own files share; nothing else includes it.
 *
 * The loop is split by concern so each file stays small: loop.c (the turn, the
 * fd table, deferred hooks), loop_timer.c (the timer heap), loop_signal.c (the
 * signal pipe), and one file per poller backend (loop_epoll.c, loop_poll.c),
 * each exporting one table of the same functions so loop.c has no #ifdef.
 *
 * Ownership: as loop.h says; struct loop and everything it points to belongs to
 * the loop, the poller's state to its backend. */
#ifndef XMPPD_LOOP_INTERNAL_H
#define XMPPD_LOOP_INTERNAL_H

#include <signal.h>

#include "loop.h"

#define LOOP_FIRED_MAX 256   /* ready fds taken per turn; the rest wait for the next */
#define LOOP_SIGNAL_LIMIT 32 /* signals 1..31: the standard ones */

struct loop_fired {
	int fd;
	unsigned events; /* LOOP_READ | LOOP_WRITE, errors and hangups mapped to both */
};

struct loop_backend_ops {
	const char *name;
	/* *poller is the backend's state; fd_capacity_hint as for loop_new(). */
	enum loop_status (*create)(void **poller, const struct mem *mem, size_t fd_capacity_hint);
	void (*destroy)(void *poller);
	size_t (*memory)(const void *poller);
	/* events is never 0: a paused watch is removed from the poller instead. */
	enum loop_status (*add)(void *poller, int fd, unsigned events);
	enum loop_status (*modify)(void *poller, int fd, unsigned events);
	void (*remove)(void *poller, int fd);
	/* Fills at most fired_max entries; an interrupted wait is LOOP_OK with none. */
	enum loop_status (*wait)(void *poller, int timeout_ms, struct loop_fired *fired,
				 size_t fired_max, size_t *fired_count);
};

extern const struct loop_backend_ops loop_epoll_ops;
extern const struct loop_backend_ops loop_poll_ops;

/* One per fd number up to the highest watched: 24 bytes. */
struct loop_watch {
	loop_fd_fn *fn;      /* NULL: not watched */
	void *ctx;
	uint32_t armed_turn; /* readiness collected during this turn predates the watch */
	uint8_t events;
	bool registered;     /* known to the poller; false while events is 0 */
};

/* One per timer slot (40 bytes), plus 4 in the heap. */
struct loop_timer {
	uint64_t deadline_ms;
	uint64_t seq;        /* arming order: equal deadlines run oldest first */
	loop_timer_fn *fn;   /* NULL: the slot is free */
	void *ctx;
	uint32_t heap_index; /* live: position in the heap, or off the heap while it runs; free: next free slot */
	uint32_t generation; /* the id's high half; changes whenever the slot is freed */
};

struct loop_signal_slot {
	loop_signal_fn *fn;  /* NULL: not handled */
	void *ctx;
	struct sigaction previous;
};

struct loop {
	const struct mem *mem;
	const struct loop_backend_ops *ops;
	void *poller;
	uint64_t now_ms;
	uint32_t turn;              /* counts waits; wrapping costs at most one turn's delay */
	bool stop;

	struct loop_watch *watches; /* indexed by fd */
	size_t watch_capacity;

	struct loop_timer *timers;
	uint32_t *heap;             /* timer slots, a binary min-heap on (deadline, seq) */
	uint32_t timer_capacity;    /* of both timers and heap, so arming never allocates */
	uint32_t heap_len;
	uint32_t free_timer;        /* head of the free slot list */
	uint64_t next_seq;

	struct loop_deferred deferred; /* sentinel of the circular queue */

	int signal_pipe[2];         /* -1 until loop_signal() */
	struct loop_signal_slot signals[LOOP_SIGNAL_LIMIT];

	struct loop_fired fired[LOOP_FIRED_MAX];
};

/* loop_timer.c */
void loop_timers_init(struct loop *loop);
void loop_timers_release(struct loop *loop);
size_t loop_timers_memory(const struct loop *loop);
/* timeout_ms shortened to the nearest timer (< 0: none given). */
int loop_timers_wait_ms(const struct loop *loop, int timeout_ms);
void loop_timers_run(struct loop *loop);

/* loop_signal.c */
void loop_signals_init(struct loop *loop);
void loop_signals_release(struct loop *loop);

#endif
