/* trace.h - the per-connection protocol trace: for a connection chosen by the
 * log.trace, log.trace_addresses or log.trace_accounts settings, one TRACE log
 * line for every first-level element in and out, every transition of the
 * stream machine (machines/stream.rl), every subscription transition of the
 * presence machine (machines/presence.rl) and the routing decisions of the IM
 * service, so an implementer can see why the server answered as it did.
 *
 * Lines read `c<id> <what> <text>`, <what> being `in`, `out` (the element, its
 * bytes escaped to one line), `stream`, `presence` (a transition `old --EVENT-->
 * new`), `route` (a decision) or `trace` (why tracing started). Secrets never
 * reach the log: the text content of every element named auth, response,
 * challenge, success (SASL, RFC 6120 §6.4) or password (XEP-0077) is replaced by
 * its length. An element longer than TRACE_BYTES_MAX is cut there, with its
 * full length noted.
 *
 * Cost when off: callers test trace_on() (one load and one compare) before
 * calling anything else here; nothing is formatted or allocated.
 *
 * Ownership: struct trace is embedded in its connection (or a test fixture)
 * and set up by trace_init(); the logger, the rules (the configuration's log
 * group) and the mem are borrowed and must outlive it; trace_free() releases
 * its scratch buffer. The stream (struct stream_io.trace) and the IM session
 * (struct session_io.trace) borrow a pointer to it for the connection's life.
 * Spans and nodes passed in are borrowed for the call. */
#ifndef XMPPD_TRACE_H
#define XMPPD_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "config.h"
#include "log.h"
#include "mem.h"
#include "span.h"
#include "subscription.h"
#include "xml.h"

/* Bytes of one element shown on a line; longer ones are cut, their length noted. */
#define TRACE_BYTES_MAX 2048

struct trace {
	const struct logger *log;
	const struct config_log *rules;
	const struct mem *mem;
	uint64_t id;         /* the connection's number, unique while the server runs */
	bool on;
	struct buf scratch;  /* an inbound element serialized for its line */
};

/* Tracing starts here when log.trace is set or the peer's address `ip` (as
 * inet_ntop writes it) is in log.trace_addresses. */
void trace_init(struct trace *t, const struct logger *lg, const struct config_log *rules, const struct mem *mem,
		uint64_t id, const char *ip);
void trace_free(struct trace *t);

static inline bool trace_on(const struct trace *t)
{
	return t != NULL && t->on;
}

/* The stream authenticated as local@domain (both prepared): tracing starts
 * here, for the rest of the connection, when log.trace_accounts names it. */
void trace_authenticated(struct trace *t, struct span local, struct span domain);

/* The rules alone (for the tests and trace_init). */
bool trace_address_listed(const struct config_log *rules, const char *ip);
bool trace_account_listed(const struct config_log *rules, struct span local, struct span domain);

/* What arrived, with the stream machine's state and the event it was classified as. */
void trace_header_in(struct trace *t, const struct xml_node *root, const char *state, const char *event);
void trace_element_in(struct trace *t, const struct xml_node *n, const char *state, const char *event);
void trace_close_in(struct trace *t, const char *state);
/* Bytes queued for the peer. */
void trace_out(struct trace *t, struct span bytes);
/* One transition of a machine; `after` is "error" when it had none. */
void trace_transition(struct trace *t, const char *machine, const char *before, const char *event,
		      const char *after);
/* One subscription transition as applied to owner's roster item for contact. */
void trace_subscription(struct trace *t, struct span owner, struct span contact, enum sub_state before,
			enum sub_event event, const struct sub_outcome *o);
/* A routing decision, e.g. "delivered to 2 resources". */
void trace_route(struct trace *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
