/* loop_poll.c - the poll(2) backend of the event loop (see loop.h).
 *
 * A dense pollfd array (what poll() takes) plus an fd -> position index, so
 * add, modify and remove are O(1): removal moves the last entry into the hole.
 * 12 bytes per fd. Each wait scans the whole array; when more fds are ready
 * than one turn takes, the next scan starts where this one stopped, so no fd
 * is starved. */
#include "loop_internal.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

#define NO_POSITION UINT32_MAX

struct poll_poller {
	const struct mem *mem;
	struct pollfd *pollfds;   /* [0, count) watched */
	uint32_t *position_of_fd; /* index into pollfds, or NO_POSITION */
	size_t count;
	size_t capacity;          /* of pollfds */
	size_t fd_capacity;       /* of position_of_fd */
	size_t scan_start;
};

/* Both arrays grow together, so one allocation failure leaves both unchanged. */
static enum loop_status poll_grow(struct poll_poller *pp, size_t capacity, size_t fd_capacity)
{
	if (capacity > UINT32_MAX || fd_capacity > SIZE_MAX / sizeof(struct pollfd))
		return LOOP_E_NOMEM;
	struct pollfd *pollfds = mem_alloc(pp->mem, capacity * sizeof *pollfds);
	uint32_t *positions = mem_alloc(pp->mem, fd_capacity * sizeof *positions);
	if (pollfds == NULL || positions == NULL) {
		mem_release(pp->mem, pollfds);
		mem_release(pp->mem, positions);
		return LOOP_E_NOMEM;
	}
	if (pp->count > 0)
		memcpy(pollfds, pp->pollfds, pp->count * sizeof *pollfds);
	for (size_t fd = 0; fd < fd_capacity; fd++)
		positions[fd] = fd < pp->fd_capacity ? pp->position_of_fd[fd] : NO_POSITION;
	mem_release(pp->mem, pp->pollfds);
	mem_release(pp->mem, pp->position_of_fd);
	pp->pollfds = pollfds;
	pp->position_of_fd = positions;
	pp->capacity = capacity;
	pp->fd_capacity = fd_capacity;
	return LOOP_OK;
}

static enum loop_status poll_create(void **poller, const struct mem *mem, size_t fd_capacity_hint)
{
	struct poll_poller *pp = mem_alloc(mem, sizeof *pp);
	if (pp == NULL)
		return LOOP_E_NOMEM;
	*pp = (struct poll_poller){ .mem = mem };
	size_t capacity = fd_capacity_hint > 0 ? fd_capacity_hint : 1;
	if (poll_grow(pp, capacity, capacity) != LOOP_OK) {
		mem_release(mem, pp);
		return LOOP_E_NOMEM;
	}
	*poller = pp;
	return LOOP_OK;
}

static void poll_destroy(void *poller)
{
	struct poll_poller *pp = poller;
	mem_release(pp->mem, pp->pollfds);
	mem_release(pp->mem, pp->position_of_fd);
	mem_release(pp->mem, pp);
}

static size_t poll_memory(const void *poller)
{
	const struct poll_poller *pp = poller;
	return sizeof *pp + pp->capacity * sizeof(struct pollfd) + pp->fd_capacity * sizeof(uint32_t);
}

static short poll_events_of(unsigned events)
{
	return (short)(((events & LOOP_READ) ? POLLIN : 0) | ((events & LOOP_WRITE) ? POLLOUT : 0));
}

static size_t doubled_past(size_t capacity, size_t needed)
{
	while (capacity < needed && capacity <= SIZE_MAX / 2)
		capacity *= 2;
	return capacity < needed ? needed : capacity;
}

static enum loop_status poll_add(void *poller, int fd, unsigned events)
{
	struct poll_poller *pp = poller;
	size_t slot = (size_t)fd;
	if (slot < pp->fd_capacity && pp->position_of_fd[slot] != NO_POSITION)
		return LOOP_E_EXISTS;
	if (slot >= pp->fd_capacity || pp->count == pp->capacity) {
		size_t capacity = doubled_past(pp->capacity, pp->count + 1);
		size_t fd_capacity = doubled_past(pp->fd_capacity, slot + 1);
		enum loop_status status = poll_grow(pp, capacity, fd_capacity);
		if (status != LOOP_OK)
			return status;
	}
	pp->pollfds[pp->count] = (struct pollfd){ .fd = fd, .events = poll_events_of(events) };
	pp->position_of_fd[slot] = (uint32_t)pp->count++;
	return LOOP_OK;
}

static enum loop_status poll_modify(void *poller, int fd, unsigned events)
{
	struct poll_poller *pp = poller;
	size_t slot = (size_t)fd;
	if (slot >= pp->fd_capacity || pp->position_of_fd[slot] == NO_POSITION)
		return LOOP_E_NOT_FOUND;
	pp->pollfds[pp->position_of_fd[slot]].events = poll_events_of(events);
	return LOOP_OK;
}

static void poll_remove(void *poller, int fd)
{
	struct poll_poller *pp = poller;
	size_t slot = (size_t)fd;
	if (slot >= pp->fd_capacity || pp->position_of_fd[slot] == NO_POSITION)
		return;
	uint32_t hole = pp->position_of_fd[slot];
	struct pollfd last = pp->pollfds[--pp->count];
	pp->pollfds[hole] = last;
	pp->position_of_fd[(size_t)last.fd] = hole;
	pp->position_of_fd[slot] = NO_POSITION;
}

static unsigned loop_events_of(short revents)
{
	/* POLLNVAL: closed without unwatching; the owner's read() will say EBADF. */
	if (revents & (POLLERR | POLLHUP | POLLNVAL))
		return LOOP_READ | LOOP_WRITE;
	return ((revents & POLLIN) ? LOOP_READ : 0) | ((revents & POLLOUT) ? LOOP_WRITE : 0);
}

static enum loop_status poll_wait_ready(void *poller, int timeout_ms, struct loop_fired *fired,
					size_t fired_max, size_t *fired_count)
{
	struct poll_poller *pp = poller;
	*fired_count = 0;
	int n = poll(pp->pollfds, (nfds_t)pp->count, timeout_ms);
	if (n < 0)
		return errno == EINTR ? LOOP_OK : LOOP_E_SYSTEM;
	size_t taken = 0, scanned = 0;
	size_t at = pp->scan_start < pp->count ? pp->scan_start : 0;
	for (; scanned < pp->count && taken < fired_max && taken < (size_t)n; scanned++) {
		const struct pollfd *p = &pp->pollfds[at];
		if (p->revents != 0)
			fired[taken++] = (struct loop_fired){ p->fd, loop_events_of(p->revents) };
		at = at + 1 < pp->count ? at + 1 : 0;
	}
	pp->scan_start = at;
	*fired_count = taken;
	return LOOP_OK;
}

const struct loop_backend_ops loop_poll_ops = {
	.name = "poll",
	.create = poll_create,
	.destroy = poll_destroy,
	.memory = poll_memory,
	.add = poll_add,
	.modify = poll_modify,
	.remove = poll_remove,
	.wait = poll_wait_ready,
};
