/* loop.c - the turn, the fd table and the deferred hooks; timers are in
 * loop_timer.c, signals in loop_signal.c, pollers in loop_epoll.c and
 * loop_poll.c (picked at run time). Ownership and callback rules: see loop.h. */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "loop_internal.h"

#define WATCH_CAPACITY_DEFAULT 64

static const char *const status_names[LOOP_STATUS_COUNT] = {
	[LOOP_OK] = "LOOP_OK",
	[LOOP_E_INVALID] = "LOOP_E_INVALID",
	[LOOP_E_EXISTS] = "LOOP_E_EXISTS",
	[LOOP_E_NOT_FOUND] = "LOOP_E_NOT_FOUND",
	[LOOP_E_BUSY] = "LOOP_E_BUSY",
	[LOOP_E_NOMEM] = "LOOP_E_NOMEM",
	[LOOP_E_SYSTEM] = "LOOP_E_SYSTEM",
};

static const struct loop_backend_ops *const backends[LOOP_BACKEND_COUNT] = {
	[LOOP_BACKEND_EPOLL] = &loop_epoll_ops,
	[LOOP_BACKEND_POLL] = &loop_poll_ops,
};

const char *loop_status_name(enum loop_status s)
{
	return (unsigned)s < LOOP_STATUS_COUNT ? status_names[s] : "LOOP_E_UNKNOWN";
}

const char *loop_backend_name(enum loop_backend b)
{
	return (unsigned)b < LOOP_BACKEND_COUNT ? backends[b]->name : "unknown";
}

static uint64_t clock_now_ms(void)
{
	struct timespec ts;
	(void)clock_gettime(CLOCK_MONOTONIC, &ts); /* cannot fail for this clock */
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- the fd table ---- */

static void watches_clear(struct loop_watch *watches, size_t from, size_t to)
{
	for (size_t fd = from; fd < to; fd++)
		watches[fd] = (struct loop_watch){ NULL, NULL, 0, 0, false };
}

static enum loop_status watches_grow(struct loop *loop, size_t fd)
{
	size_t capacity = loop->watch_capacity;
	while (capacity <= fd) {
		if (capacity > SIZE_MAX / 2 / sizeof(struct loop_watch))
			return LOOP_E_NOMEM;
		capacity *= 2;
	}
	struct loop_watch *watches = mem_alloc(loop->mem, capacity * sizeof *watches);
	if (watches == NULL)
		return LOOP_E_NOMEM;
	memcpy(watches, loop->watches, loop->watch_capacity * sizeof *watches);
	watches_clear(watches, loop->watch_capacity, capacity);
	mem_release(loop->mem, loop->watches);
	loop->watches = watches;
	loop->watch_capacity = capacity;
	return LOOP_OK;
}

static struct loop_watch *watch_of(const struct loop *loop, int fd)
{
	if (fd < 0 || (size_t)fd >= loop->watch_capacity || loop->watches[fd].fn == NULL)
		return NULL;
	return &loop->watches[fd];
}

enum loop_status loop_watch(struct loop *loop, int fd, unsigned events, loop_fd_fn *fn, void *ctx)
{
	if (fd < 0 || (events & ~(LOOP_READ | LOOP_WRITE)) != 0 || fn == NULL)
		return LOOP_E_INVALID;
	if (watch_of(loop, fd) != NULL)
		return LOOP_E_EXISTS;
	enum loop_status status = LOOP_OK;
	if ((size_t)fd >= loop->watch_capacity)
		status = watches_grow(loop, (size_t)fd);
	if (status == LOOP_OK && events != 0)
		status = loop->ops->add(loop->poller, fd, events);
	if (status != LOOP_OK)
		return status;
	loop->watches[fd] = (struct loop_watch){ fn, ctx, loop->turn, (uint8_t)events, events != 0 };
	return LOOP_OK;
}

enum loop_status loop_modify(struct loop *loop, int fd, unsigned events)
{
	if ((events & ~(LOOP_READ | LOOP_WRITE)) != 0)
		return LOOP_E_INVALID;
	struct loop_watch *w = watch_of(loop, fd);
	if (w == NULL)
		return LOOP_E_NOT_FOUND;
	if (events == w->events)
		return LOOP_OK;
	enum loop_status status = LOOP_OK;
	if (events == 0)
		loop->ops->remove(loop->poller, fd); /* epoll would report hangups even with no interest */
	else if (w->registered)
		status = loop->ops->modify(loop->poller, fd, events);
	else
		status = loop->ops->add(loop->poller, fd, events);
	if (status != LOOP_OK)
		return status;
	w->events = (uint8_t)events;
	w->registered = events != 0;
	return LOOP_OK;
}

void loop_unwatch(struct loop *loop, int fd)
{
	struct loop_watch *w = watch_of(loop, fd);
	if (w == NULL)
		return;
	if (w->registered)
		loop->ops->remove(loop->poller, fd);
	*w = (struct loop_watch){ NULL, NULL, 0, 0, false };
}

static void dispatch_fired(struct loop *loop, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		int fd = loop->fired[i].fd;
		/* Re-read every time: an earlier callback may have unwatched, re-watched
		 * or paused this fd, or grown the table. */
		const struct loop_watch *w = watch_of(loop, fd);
		if (w == NULL || w->armed_turn == loop->turn)
			continue;
		unsigned events = loop->fired[i].events & w->events;
		if (events != 0)
			w->fn(loop, fd, events, w->ctx);
	}
}

/* ---- deferred hooks ---- */

static void deferred_unlink(struct loop_deferred *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	node->prev = node->next = NULL;
}

void loop_defer(struct loop *loop, struct loop_deferred *node, loop_deferred_fn *fn, void *ctx)
{
	if (loop_deferred_is_queued(node))
		return;
	struct loop_deferred *head = &loop->deferred;
	node->fn = fn;
	node->ctx = ctx;
	node->prev = head->prev;
	node->next = head;
	head->prev->next = node;
	head->prev = node;
}

void loop_defer_cancel(struct loop *loop, struct loop_deferred *node)
{
	(void)loop;
	if (loop_deferred_is_queued(node))
		deferred_unlink(node);
}

static void run_deferred(struct loop *loop)
{
	struct loop_deferred *head = &loop->deferred;
	if (head->next == head)
		return;
	/* Take the whole queue: nodes queued by these hooks run next turn, nodes
	 * cancelled by them are unlinked from `running` and never run. */
	struct loop_deferred running = { head->prev, head->next, NULL, NULL };
	running.next->prev = &running;
	running.prev->next = &running;
	head->next = head->prev = head;
	while (running.next != &running) {
		struct loop_deferred *node = running.next;
		deferred_unlink(node);
		node->fn(loop, node->ctx);
	}
}

/* ---- the loop ---- */

struct loop *loop_new(const struct mem *mem, enum loop_backend backend, size_t fd_capacity_hint)
{
	size_t capacity = fd_capacity_hint > 0 ? fd_capacity_hint : WATCH_CAPACITY_DEFAULT;
	if ((unsigned)backend >= LOOP_BACKEND_COUNT || capacity > SIZE_MAX / sizeof(struct loop_watch)) {
		errno = EINVAL;
		return NULL;
	}
	struct loop *loop = mem_alloc(mem, sizeof *loop);
	struct loop_watch *watches = loop != NULL ? mem_alloc(mem, capacity * sizeof *watches) : NULL;
	enum loop_status status = watches != NULL ? LOOP_OK : LOOP_E_NOMEM;
	void *poller = NULL;
	if (status == LOOP_OK)
		status = backends[backend]->create(&poller, mem, capacity);
	if (status != LOOP_OK) {
		int saved_errno = status == LOOP_E_NOMEM ? ENOMEM : errno;
		mem_release(mem, watches);
		mem_release(mem, loop);
		errno = saved_errno;
		return NULL;
	}
	memset(loop, 0, sizeof *loop);
	loop->mem = mem;
	loop->ops = backends[backend];
	loop->poller = poller;
	loop->now_ms = clock_now_ms();
	watches_clear(watches, 0, capacity);
	loop->watches = watches;
	loop->watch_capacity = capacity;
	loop_timers_init(loop);
	loop_signals_init(loop);
	loop->deferred.prev = loop->deferred.next = &loop->deferred;
	return loop;
}

void loop_free(struct loop *loop)
{
	if (loop == NULL)
		return;
	loop_signals_release(loop);
	/* Leave no queued node pointing into freed memory. */
	for (struct loop_deferred *node = loop->deferred.next, *next; node != &loop->deferred; node = next) {
		next = node->next;
		node->prev = node->next = NULL;
	}
	loop->ops->destroy(loop->poller);
	mem_release(loop->mem, loop->watches);
	loop_timers_release(loop);
	mem_release(loop->mem, loop);
}

size_t loop_memory(const struct loop *loop)
{
	return sizeof *loop + loop->watch_capacity * sizeof(struct loop_watch) +
	       loop_timers_memory(loop) +
	       loop->ops->memory(loop->poller);
}

enum loop_status loop_run_once(struct loop *loop, int timeout_ms)
{
	loop->now_ms = clock_now_ms();
	/* Hooks queued by hooks run next turn, which must then come at once. */
	bool hooks_queued = loop->deferred.next != &loop->deferred;
	int wait_ms = hooks_queued ? 0 : loop_timers_wait_ms(loop, timeout_ms);
	size_t count = 0;
	loop->turn++;
	enum loop_status status = loop->ops->wait(loop->poller, wait_ms, loop->fired, LOOP_FIRED_MAX, &count);
	if (status != LOOP_OK)
		return status;
	loop->now_ms = clock_now_ms();
	dispatch_fired(loop, count);
	loop_timers_run(loop);
	run_deferred(loop);
	return LOOP_OK;
}

enum loop_status loop_run(struct loop *loop)
{
	loop->stop = false;
	while (!loop->stop) {
		enum loop_status status = loop_run_once(loop, -1);
		if (status != LOOP_OK)
			return status;
	}
	return LOOP_OK;
}

void loop_stop(struct loop *loop)
{
	loop->stop = true;
}

uint64_t loop_now_ms(const struct loop *loop)
{
	return loop->now_ms;
}
