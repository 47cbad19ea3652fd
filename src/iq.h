/* iq.h - the IQ requests the server answers itself (RFC 6120 §8.2.3, §10.3),
 * by payload: one table row per (namespace, element), with who may address it
 * and a handler for get and one for set. Service discovery (XEP-0030) lists
 * exactly the rows' features, so what is advertised is what is dispatched.
 *
 * A handler writes the children of <iq type='result'/> into rq->result (leave it
 * empty for an empty result) and returns true, or fills *err and returns false;
 * iq.c wraps either in the <iq/> with the right id, from and to. It never sends
 * the reply itself, and is called at most once per request, so every get/set is
 * answered exactly once (RFC 6120 §8.2.3).
 *
 * Ownership: everything in struct iq_request is borrowed for the call. */
#ifndef XMPPD_IQ_H
#define XMPPD_IQ_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "config.h"
#include "mem.h"
#include "store.h"
#include "jid.h"
#include "xml.h"

struct im;
struct session;

enum iq_target {
	IQ_TO_SERVER = 1u << 0,  /* to='domain' (or no 'to' for the few §10.3.3 lets the server take) */
	IQ_TO_SELF = 1u << 1,    /* no 'to', or the sender's own bare JID: handled on the account's behalf */
	IQ_TO_ACCOUNT = 1u << 2, /* another local account's bare JID (RFC 6121 §8.5.2.1.3? see iq.c) */
};

struct iq_request {
	/* the server's context, so handlers need nothing else */
	struct im *im;
	struct store *store;
	const struct config *cfg;
	const struct mem *mem;
	struct span domain;             /* the served domain */
	int64_t now_unix;
	int64_t started_unix;           /* when the server started (XEP-0012 uptime) */
	const char *peer_ip;            /* the sender's address (rate limits), "" if unknown */
	/* the request */
	struct session *session;        /* the sender's session */
	const struct jid *from;         /* the sender's full JID */
	const struct jid *to;           /* the addressee, prepared (domain or bare JID) */
	enum iq_target target;          /* which of the three `to` is */
	bool set;                       /* type='set'; else 'get' */
	const struct xml_node *iq;
	const struct xml_node *payload; /* the one child element */
	struct buf *result;             /* children of the result (UTF-8 XML, jabber:client context) */
	/* stanzas sent right after the reply, e.g. the roster pushes that follow an
	 * empty result to a versioned roster get (RFC 6121 §2.6.3) */
	struct buf *after;
	/* out, false on entry: the handler deleted the sender's account (XEP-0077
	 * §3.2, iq_register_set). The caller sends the result, then ends every
	 * stream of the account with a <not-authorized/> stream error. */
	bool account_removed;
};

struct iq_error {
	const char *type;      /* "cancel", "modify", "auth", "wait" (RFC 6120 §8.3.2) */
	const char *condition; /* "service-unavailable", ... (RFC 6120 §8.3.3) */
	const char *text;      /* cites the rule, e.g. "XEP-0049 §3: ..." (a literal) */
};

typedef bool (*iq_handler_fn)(struct iq_request *rq, struct iq_error *err);

struct iq_handler {
	const char *ns;
	const char *local;
	unsigned targets;       /* enum iq_target bits */
	iq_handler_fn get;      /* NULL: a get is refused (see iq.c) */
	iq_handler_fn set;
	const char *feature;    /* disco#info <feature var=''/>, NULL for none */
	unsigned disco_targets; /* where the feature is advertised (enum iq_target bits) */
	/* NULL: always on; else whether the configuration turns the row on */
	bool (*enabled)(const struct config *cfg);
};

/* The table, for disco. */
const struct iq_handler *iq_handlers(size_t *count);

/* Whether the payload is a disco#info or disco#items query (XEP-0030). */
bool iq_is_disco(const struct xml_node *payload);

/* XEP-0030 §8: whether a disco#info or disco#items request (payload) to the
 * existing account `owner` must be answered as if the account did not exist,
 * because `requester` (a bare JID) may not receive its presence. False for any
 * other payload. */
bool iq_disco_hidden(struct store *st, const struct xml_node *payload, struct span owner, struct span requester);

/* Handles an IQ get/set addressed to the server or to a bare JID of this server.
 * Answers exactly once. */
void iq_dispatch(struct iq_request *rq);

/* Fills *err; returns false, so handlers can `return iq_fail(err, ...)`. */
bool iq_fail(struct iq_error *err, const char *type, const char *condition, const char *text);

/* The first child element of n with this namespace and name, or NULL. */
const struct xml_node *iq_child(const struct xml_node *n, const char *ns, const char *local);
/* The concatenated text of n's text children (empty when none or when n is NULL);
 * borrowed from the stanza: valid during the request. Only the first text node
 * is returned when the text is split (the parser never splits plain text). */
struct span iq_text(const struct xml_node *n);

#endif
