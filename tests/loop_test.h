/* loop_test.h - what the event loop's test files share (tests/check_loop*.c).
 *
 * Every loop test runs once per backend (Check loop tests over enum
 * loop_backend, `_i` in the test body): epoll and poll must be
 * indistinguishable. Only pipes and socketpairs, never the network. A 10 s
 * alarm per test (the fixture below) turns a loop that blocks forever into a
 * failure. Helpers are static inline: the Makefile links no test support file
 * but tests/xml_log.c. */
#ifndef XMPPD_TEST_LOOP_TEST_H
#define XMPPD_TEST_LOOP_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "loop.h"
#include "suites.h"

struct trace {
	char text[1024]; /* words in the order things happened */
};

static inline void trace_add(struct trace *t, const char *word)
{
	size_t len = strlen(t->text);
	snprintf(t->text + len, sizeof t->text - len, "%s%s", len > 0 ? " " : "", word);
}

/* What a watch saw; ctx of probe_fd. */
struct probe {
	int calls;
	int fd;
	unsigned events;
	bool freed; /* set when the test pretends to free it: a call afterwards is a bug */
};

static inline void probe_fd(struct loop *loop, int fd, unsigned events, void *ctx)
{
	(void)loop;
	struct probe *p = ctx;
	ck_assert_msg(!p->freed, "callback on a ctx that was unwatched this turn");
	p->calls++;
	p->fd = fd;
	p->events = events;
}

static inline struct loop *new_loop(int backend)
{
	struct loop *loop = loop_new(mem_default(), (enum loop_backend)backend, 0);
	ck_assert_ptr_nonnull(loop);
	return loop;
}

static inline void make_pipe(int fds[2])
{
	ck_assert_int_eq(pipe(fds), 0);
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(fcntl(fds[i], F_SETFL, O_NONBLOCK), 0);
}

static inline void make_socketpair(int fds[2])
{
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(fcntl(fds[i], F_SETFL, O_NONBLOCK), 0);
}

/* Renumbers fd as `to` (which must be free or already it). */
static inline void move_fd(int fd, int to)
{
	if (fd == to)
		return;
	ck_assert_int_eq(dup2(fd, to), to);
	close(fd);
}

static inline void put_byte(int fd)
{
	ck_assert_int_eq(write(fd, "x", 1), 1);
}

static inline void drain(int fd)
{
	char sink[4096];
	while (read(fd, sink, sizeof sink) > 0)
		continue;
}

static inline void turn(struct loop *loop, int timeout_ms)
{
	enum loop_status s = loop_run_once(loop, timeout_ms);
	ck_assert_str_eq(loop_status_name(s), "LOOP_OK");
}

static inline void watchdog_on(void) { alarm(10); }
static inline void watchdog_off(void) { alarm(0); }

static inline void never_timer(struct loop *loop, uint64_t id, void *ctx)
{
	(void)loop;
	(void)id;
	(void)ctx;
	ck_abort_msg("this timer must not run");
}

#endif
