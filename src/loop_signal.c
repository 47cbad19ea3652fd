/* loop_signal.c - signals delivered as loop callbacks, through a self-pipe.
 *
 * The handler only sets the signal's pending flag and writes one byte to a
 * non-blocking pipe (both async-signal-safe); the loop watches the read end
 * like any fd and, in its turn, drains it and calls the registered callbacks.
 * A flag per signal rather than the byte's value says which signal came, so a
 * full pipe loses nothing. Ownership and the one-loop rule: see loop.h. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "loop_internal.h"

/* The process-wide state loop.h admits to: the handler's only way to the loop.
 * A handler may only assign to volatile sig_atomic_t objects (C11 7.14.1.1). */
static volatile sig_atomic_t signal_wake_fd = -1;
static volatile sig_atomic_t signal_pending[LOOP_SIGNAL_LIMIT];

void loop_signals_init(struct loop *loop)
{
	loop->signal_pipe[0] = loop->signal_pipe[1] = -1;
	for (int signo = 0; signo < LOOP_SIGNAL_LIMIT; signo++)
		loop->signals[signo].fn = NULL;
}

static void signal_catch(int signo)
{
	int saved_errno = errno;
	if (signo > 0 && signo < LOOP_SIGNAL_LIMIT)
		signal_pending[signo] = 1;
	/* A full pipe already holds a wakeup; the flag carries which signal. */
	const uint8_t wake = (uint8_t)signo;
	ssize_t written = write(signal_wake_fd, &wake, 1);
	(void)written;
	errno = saved_errno;
}

static void signal_drain(struct loop *loop, int fd, unsigned events, void *ctx)
{
	(void)events;
	(void)ctx;
	uint8_t sink[64];
	while (read(fd, sink, sizeof sink) > 0)
		continue;
	/* After the drain: a signal caught from now on writes a new wakeup. */
	for (int signo = 1; signo < LOOP_SIGNAL_LIMIT; signo++) {
		if (signal_pending[signo] == 0)
			continue;
		signal_pending[signo] = 0;
		const struct loop_signal_slot *s = &loop->signals[signo];
		if (s->fn != NULL)
			s->fn(loop, signo, s->ctx);
	}
}

static bool fd_set_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	return fl >= 0 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0 && fcntl(fd, F_SETFD, FD_CLOEXEC) == 0;
}

static void signal_pipe_close(struct loop *loop)
{
	if (loop->signal_pipe[0] < 0)
		return;
	loop_unwatch(loop, loop->signal_pipe[0]);
	(void)close(loop->signal_pipe[0]);
	(void)close(loop->signal_pipe[1]);
	loop->signal_pipe[0] = loop->signal_pipe[1] = -1;
}

static enum loop_status signal_pipe_open(struct loop *loop)
{
	if (loop->signal_pipe[0] >= 0)
		return LOOP_OK;
	if (pipe(loop->signal_pipe) != 0) {
		loop->signal_pipe[0] = loop->signal_pipe[1] = -1;
		return LOOP_E_SYSTEM;
	}
	enum loop_status status = LOOP_E_SYSTEM;
	if (fd_set_flags(loop->signal_pipe[0]) && fd_set_flags(loop->signal_pipe[1]))
		status = loop_watch(loop, loop->signal_pipe[0], LOOP_READ, signal_drain, NULL);
	if (status != LOOP_OK) {
		int saved_errno = errno;
		signal_pipe_close(loop);
		errno = saved_errno;
	}
	return status;
}

enum loop_status loop_signal(struct loop *loop, int signo, loop_signal_fn *fn, void *ctx)
{
	if (signo <= 0 || signo >= LOOP_SIGNAL_LIMIT || signo == SIGKILL || signo == SIGSTOP)
		return LOOP_E_INVALID;
	struct loop_signal_slot *s = &loop->signals[signo];
	if (fn == NULL) {
		if (s->fn != NULL && sigaction(signo, &s->previous, NULL) != 0)
			return LOOP_E_SYSTEM;
		s->fn = NULL;
		return LOOP_OK;
	}
	if (signal_wake_fd >= 0 && signal_wake_fd != loop->signal_pipe[1])
		return LOOP_E_BUSY;
	enum loop_status status = signal_pipe_open(loop);
	if (status != LOOP_OK)
		return status;
	signal_wake_fd = loop->signal_pipe[1]; /* before the handler can run */
	if (s->fn == NULL) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = signal_catch;
		sa.sa_flags = SA_RESTART;
		sigfillset(&sa.sa_mask);
		if (sigaction(signo, &sa, &s->previous) != 0)
			return LOOP_E_SYSTEM;
	}
	s->fn = fn;
	s->ctx = ctx;
	return LOOP_OK;
}

void loop_signals_release(struct loop *loop)
{
	for (int signo = 1; signo < LOOP_SIGNAL_LIMIT; signo++)
		if (loop->signals[signo].fn != NULL)
			(void)sigaction(signo, &loop->signals[signo].previous, NULL);
	if (loop->signal_pipe[1] >= 0 && signal_wake_fd == loop->signal_pipe[1]) {
		signal_wake_fd = -1;
		for (int signo = 1; signo < LOOP_SIGNAL_LIMIT; signo++)
			signal_pending[signo] = 0;
	}
	signal_pipe_close(loop);
}

