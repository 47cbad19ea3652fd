/* im.h - the instant messaging service (RFC 6121 on top of RFC 6120 §8, §10):
 * every stanza from a bound client enters here, is checked (addresses,
 * types, the IQ rules of RFC 6120 §8.2.3), stamped with its sender's full JID
 * (§8.1.2.1) and delivered by the rules of RFC 6121 §8.5: to sessions, to the
 * offline store (XEP-0160), to the server's own handlers (iq.h), or bounced
 * with the stanza error the RFC names.
 *
 * Split by topic: im.c (entry, checks, messages, IQ routing, errors),
 * presence.c (presence, subscriptions, probes, directed presence), roster.c
 * (roster IQs and pushes), iq.c and its handlers (what the server answers).
 * They share struct im through this header; nothing else reaches into it.
 *
 * Ownership: im_new() allocates through deps->mem; everything in deps is
 * borrowed and must outlive the service. The service owns the router and
 * every session in it. Stanza trees passed in are borrowed for the call. */
#ifndef XMPPD_IM_H
#define XMPPD_IM_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "jid.h"
#include "log.h"
#include "loop.h"
#include "mem.h"
#include "router.h"
#include "store.h"
#include "stream.h"
#include "trace.h"
#include "xml.h"

struct im_deps {
	const struct mem *mem;
	struct loop *loop;
	const struct config *cfg;
	struct store *store;
	const struct logger *log;
};

struct im {
	struct im_deps deps;
	struct router *router;
	struct span domain;
	int64_t started_unix;
	uint64_t push_counter; /* ids of server-generated IQs (roster pushes) */
	struct buf scratch;    /* one stanza's serialization at a time */
	/* While im_stanza() runs: the sending connection's protocol trace, where
	 * routing decisions and subscription transitions are logged; else NULL. */
	struct trace *trace;
};

struct im *im_new(const struct im_deps *deps) __attribute__((warn_unused_result));
void im_free(struct im *im);

/* Binds a full JID (prepared) for a stream; the conflict policy of the config
 * decides when the resource is in use (RFC 6120 §7.7.2.2). */
enum stream_bind_result im_bind(struct im *im, struct span full_jid, const struct session_io *io,
				const char *peer_ip, struct session **out) __attribute__((warn_unused_result));
/* The stream of this session ended (closed or lost): unavailable presence goes
 * out as if the client had sent it (RFC 6121 §4.5.2), then the session is freed. */
void im_unbind(struct im *im, struct session *s);
/* A stanza from the session's client. */
void im_stanza(struct im *im, struct session *s, const struct xml_node *stanza);
/* Stream features the service adds after binding (roster versioning, pre-approval). */
const char *im_stream_features(void);

/* ---- shared by im.c, presence.c, roster.c, iq.c ---- */

int64_t im_now_unix(const struct im *im);

/* Serializes `stanza` with from/to replaced into im->scratch (extra: children
 * appended). Returns false when out of memory. */
bool im_serialize(struct im *im, const struct xml_node *stanza, struct span from, struct span to,
		  struct span extra) __attribute__((warn_unused_result));

/* A stanza error in reply to `stanza` sent by session `to` (RFC 6120 §8.3):
 * from/to swapped, type='error', the original id; never for an error stanza.
 * `from` is the address the failed stanza was sent to (empty: its 'to' as
 * written, or no 'from' at all for a stanza without one, handled for the
 * account like iq.c's replies). */
void im_bounce(struct im *im, struct session *to, const struct xml_node *stanza, struct span from,
	       const char *type, const char *condition, const char *text);

/* The same with an application-specific condition element after <text/>
 * (e.g. XEP-0191's <blocked/>). */
void im_bounce_app(struct im *im, struct session *to, const struct xml_node *stanza, struct span from,
		   const char *type, const char *condition, const char *text, const char *app);

/* Does an account exist (online or in the store)? */
bool im_account_exists(struct im *im, struct span local);

/* Each available session of `local` with priority >= 0, or every session
 * (available or not) when `all` is set. */
typedef void (*im_session_fn)(void *ctx, struct session *s);
void im_each_session(struct im *im, struct span local, bool available_only, im_session_fn fn, void *ctx);

/* Sends bytes to every available resource of `local` (only those with a
 * non-negative priority when asked); returns how many got them. */
size_t im_deliver_available(struct im *im, struct span local, struct span bytes, bool nonnegative_only);

#endif
