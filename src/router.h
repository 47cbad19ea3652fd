/* router.h - who is online: accounts with at least one bound resource, and
 * their sessions (RFC 6120 §7 resources, RFC 6121 §4 availability).
 *
 * A hash of accounts keyed by prepared localpart (SipHash with a random key, so
 * chosen usernames cannot collide a bucket), each with a short list of
 * sessions. This module holds the data only; the protocol (what to send to
 * whom) is in im.c and presence.c.
 *
 * Ownership: router_new() allocates through the given struct mem (borrowed).
 * The router owns accounts and sessions: router_add() creates a session (and
 * its account when it is the first), router_remove() frees it (and the account
 * with its last session). struct session_io is copied; its ctx is borrowed and
 * must outlive the session. Spans returned point into the session or account
 * and live as long as it. */
#ifndef XMPPD_ROUTER_H
#define XMPPD_ROUTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "mem.h"
#include "span.h"

struct trace;

/* How a session reaches its connection. */
struct session_io {
	void *ctx;
	/* Queue bytes for the client (coalesced per loop turn by the connection). */
	void (*send)(void *ctx, struct span bytes);
	/* End the stream with a stream error (<conflict/> when replaced, RFC 6120 §7.7.2.2). */
	void (*terminate)(void *ctx, const char *condition, const char *text);
	/* The service freed the session while the stream still runs (it was
	 * replaced by a new one): the connection must forget it. May be NULL. */
	void (*unbound)(void *ctx);
	/* The connection's protocol trace (trace.h), borrowed; NULL: none. */
	struct trace *trace;
};

/* A directed presence recipient (RFC 6121 §4.6): a JID that got available
 * presence from this session without a subscription, owed an unavailable. */
struct directed {
	struct directed *next;
	size_t jid_len;
	uint8_t jid[];
};

struct account;

struct session {
	struct session *next;     /* in the account's list */
	struct account *account;
	struct session_io io;
	char peer_ip[48];         /* for rate limits and logs */
	int priority;             /* RFC 6121 §4.7.2.3, -128..127 */
	bool available;           /* initial presence sent, not yet unavailable (§4.2) */
	bool interested;          /* requested the roster (an "interested resource", §2.1.6) */
	bool blocklist_requested; /* asked for the XEP-0191 block list: gets its pushes */
	struct buf presence;      /* the last available presence after `<presence` but from/to: ` id='x'><show>away</show></presence>` (for probes) */
	struct buf last_status;   /* <status/> of the last unavailable presence (XEP-0012) */
	struct directed *directed;
	size_t full_len;
	uint8_t full[];           /* local@domain/resource */
};

struct account {
	struct account *next;     /* in the hash bucket */
	struct session *sessions;
	size_t session_count;
	/* XEP-0191 block list, loaded on first use while the account is online:
	 * prepared JIDs, each followed by a NUL */
	struct buf blocklist;
	bool blocklist_loaded;
	size_t bare_len;          /* local@domain */
	size_t local_len;
	uint8_t bare[];
};

struct router;

struct router *router_new(const struct mem *mem) __attribute__((warn_unused_result));
void router_free(struct router *r);

/* The account's entry, or NULL when it has no session. */
struct account *router_account(const struct router *r, struct span local);
/* The session bound to this exact resource, or NULL. */
struct session *router_session(const struct router *r, struct span local, struct span resource);

/* A new session for local@domain/resource; NULL when out of memory. The caller
 * has checked that the resource is free. */
struct session *router_add(struct router *r, struct span local, struct span domain, struct span resource,
			   const struct session_io *io) __attribute__((warn_unused_result));
void router_remove(struct router *r, struct session *s);

size_t router_session_count(const struct router *r);
size_t router_account_count(const struct router *r);

static inline struct span session_full(const struct session *s)
{
	return span_of(s->full, s->full_len);
}
static inline struct span session_bare(const struct session *s)
{
	return span_of(s->full, s->account->bare_len);
}
static inline struct span session_local(const struct session *s)
{
	return span_of(s->full, s->account->local_len);
}
static inline struct span session_resource(const struct session *s)
{
	return span_of(s->full + s->account->bare_len + 1, s->full_len - s->account->bare_len - 1);
}
static inline struct span account_local(const struct account *a)
{
	return span_of(a->bare, a->local_len);
}
static inline struct span account_bare(const struct account *a)
{
	return span_of(a->bare, a->bare_len);
}
static inline void session_send(struct session *s, struct span bytes)
{
	s->io.send(s->io.ctx, bytes);
}

/* Directed presence bookkeeping. Adding a JID already there is a no-op. */
bool session_directed_add(struct session *s, const struct mem *mem, struct span jid)
	__attribute__((warn_unused_result));
void session_directed_remove(struct session *s, const struct mem *mem, struct span jid);
/* Whether this session sent directed presence to exactly `jid` (and owes it unavailable). */
bool session_directed_has(const struct session *s, struct span jid);

#endif
