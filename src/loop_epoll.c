/* loop_epoll.c - the epoll(7) backend of the event loop (see loop.h).
 *
 * Level-triggered, one epoll_ctl() per interest change. The kernel keeps the
 * interest set, so this backend holds no per-fd memory at all: only the buffer
 * that one epoll_wait() fills. <sys/epoll.h> needs no _GNU_SOURCE. */
#include "loop_internal.h"

#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

struct epoll_poller {
	const struct mem *mem;
	int epoll_fd;
	struct epoll_event ready[LOOP_FIRED_MAX];
};

static enum loop_status epoll_create_poller(void **poller, const struct mem *mem, size_t fd_capacity_hint)
{
	(void)fd_capacity_hint;
	struct epoll_poller *ep = mem_alloc(mem, sizeof *ep);
	if (ep == NULL)
		return LOOP_E_NOMEM;
	ep->mem = mem;
	ep->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (ep->epoll_fd < 0) {
		int saved_errno = errno;
		mem_release(mem, ep);
		errno = saved_errno;
		return LOOP_E_SYSTEM;
	}
	*poller = ep;
	return LOOP_OK;
}

static void epoll_destroy(void *poller)
{
	struct epoll_poller *ep = poller;
	(void)close(ep->epoll_fd);
	mem_release(ep->mem, ep);
}

static size_t epoll_memory(const void *poller)
{
	(void)poller;
	return sizeof(struct epoll_poller);
}

static enum loop_status epoll_control(void *poller, int op, int fd, unsigned events)
{
	const struct epoll_poller *ep = poller;
	struct epoll_event ev = { 0 };
	ev.events = ((events & LOOP_READ) ? (uint32_t)EPOLLIN : 0) |
		    ((events & LOOP_WRITE) ? (uint32_t)EPOLLOUT : 0);
	ev.data.fd = fd;
	return epoll_ctl(ep->epoll_fd, op, fd, &ev) == 0 ? LOOP_OK : LOOP_E_SYSTEM;
}

static enum loop_status epoll_add(void *poller, int fd, unsigned events)
{
	return epoll_control(poller, EPOLL_CTL_ADD, fd, events);
}

static enum loop_status epoll_modify(void *poller, int fd, unsigned events)
{
	return epoll_control(poller, EPOLL_CTL_MOD, fd, events);
}

static void epoll_remove(void *poller, int fd)
{
	/* Fails only when the fd was closed first, which removed it already. */
	(void)epoll_control(poller, EPOLL_CTL_DEL, fd, 0);
}

static enum loop_status epoll_wait_ready(void *poller, int timeout_ms, struct loop_fired *fired,
					 size_t fired_max, size_t *fired_count)
{
	struct epoll_poller *ep = poller;
	*fired_count = 0;
	int max = fired_max < LOOP_FIRED_MAX ? (int)fired_max : LOOP_FIRED_MAX;
	int n = epoll_wait(ep->epoll_fd, ep->ready, max, timeout_ms);
	if (n < 0)
		return errno == EINTR ? LOOP_OK : LOOP_E_SYSTEM;
	for (int i = 0; i < n; i++) {
		uint32_t e = ep->ready[i].events;
		unsigned events = ((e & EPOLLIN) ? LOOP_READ : 0) | ((e & EPOLLOUT) ? LOOP_WRITE : 0);
		if (e & (EPOLLERR | EPOLLHUP))
			events = LOOP_READ | LOOP_WRITE;
		fired[i] = (struct loop_fired){ ep->ready[i].data.fd, events };
	}
	*fired_count = (size_t)n;
	return LOOP_OK;
}

const struct loop_backend_ops loop_epoll_ops = {
	.name = "epoll",
	.create = epoll_create_poller,
	.destroy = epoll_destroy,
	.memory = epoll_memory,
	.add = epoll_add,
	.modify = epoll_modify,
	.remove = epoll_remove,
	.wait = epoll_wait_ready,
};
