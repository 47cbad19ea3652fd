/* im.c - stanza entry, checks, message and IQ routing, stanza errors.
 * Ownership: im.h. */
#include "im.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "blocking.h"
#include "iq.h"
#include "presence.h"
#include "subscription.h"
#include "xml_write.h"

#define NS_CLIENT "jabber:client"
#define NS_STANZAS "urn:ietf:params:xml:ns:xmpp-stanzas"
#define NS_DELAY "urn:xmpp:delay"

/* ---------- lifetime ---------- */

struct im *im_new(const struct im_deps *deps)
{
	struct im *im = mem_alloc(deps->mem, sizeof *im);
	if (im == NULL)
		return NULL;
	memset(im, 0, sizeof *im);
	im->deps = *deps;
	im->router = router_new(deps->mem);
	if (im->router == NULL) {
		mem_release(deps->mem, im);
		return NULL;
	}
	im->domain = span_of(deps->cfg->server.domain, strlen(deps->cfg->server.domain));
	im->started_unix = (int64_t)time(NULL);
	buf_init(&im->scratch, deps->mem);
	return im;
}

void im_free(struct im *im)
{
	if (im == NULL)
		return;
	router_free(im->router);
	buf_free(&im->scratch);
	mem_release(im->deps.mem, im);
}

int64_t im_now_unix(const struct im *im)
{
	(void)im;
	return (int64_t)time(NULL);
}

const char *im_stream_features(void)
{
	/* RFC 6121 §2.6.1 roster versioning, §3.4.1 subscription pre-approval. */
	return "<ver xmlns='urn:xmpp:features:rosterver'/><sub xmlns='urn:xmpp:features:pre-approval'/>";
}

/* ---------- sessions ---------- */

enum stream_bind_result im_bind(struct im *im, struct span full_jid, const struct session_io *io,
				const char *peer_ip, struct session **out)
{
	struct jid *j = mem_alloc(im->deps.mem, sizeof *j);
	if (j == NULL)
		return STREAM_BIND_ERROR;
	enum stream_bind_result r = STREAM_BIND_ERROR;
	if (jid_parse(full_jid, j) != JID_OK || jid_is_bare(j) || jid_local(j).len == 0 ||
	    !span_eq(jid_domain(j), im->domain))
		goto done;
	struct session *old = router_session(im->router, jid_local(j), jid_resource(j));
	if (old != NULL) {
		if (im->deps.cfg->resource_conflict != CONFIG_CONFLICT_REPLACE) {
			r = STREAM_BIND_CONFLICT;
			goto done;
		}
		/* RFC 6120 §7.7.2.2: the new session wins; the old one gets <conflict/>. */
		struct session_io old_io = old->io;
		im_unbind(im, old);
		old_io.terminate(old_io.ctx, "conflict", "RFC 6120 §7.7.2.2: a new session bound the same resource");
	} else {
		/* RFC 6120 §7.6.2.1: a limit on the account's connected resources (a
		 * replaced session above frees its own place). 0: a test's bare config. */
		const struct account *acc = router_account(im->router, jid_local(j));
		uint32_t max = im->deps.cfg->resources_max;
		if (max > 0 && acc != NULL && acc->session_count >= max) {
			r = STREAM_BIND_LIMIT;
			goto done;
		}
	}
	struct session *s = router_add(im->router, jid_local(j), jid_domain(j), jid_resource(j), io);
	if (s == NULL)
		goto done;
	(void)snprintf(s->peer_ip, sizeof s->peer_ip, "%s", peer_ip != NULL ? peer_ip : "");
	blocking_load(im, jid_local(j));
	*out = s;
	r = STREAM_BIND_OK;
done:
	mem_release(im->deps.mem, j);
	return r;
}

void im_unbind(struct im *im, struct session *s)
{
	presence_session_ended(im, s);
	struct session_io io = s->io;
	router_remove(im->router, s);
	if (io.unbound != NULL)
		io.unbound(io.ctx);
}

/* ---------- helpers shared with presence.c and roster.c ---------- */

bool im_serialize(struct im *im, const struct xml_node *stanza, struct span from, struct span to, struct span extra)
{
	buf_clear(&im->scratch);
	return xml_write_stanza(&im->scratch, stanza, SPAN_LIT(NS_CLIENT), from, to, extra) == XML_WRITE_OK;
}


static bool put_attr(struct buf *b, const char *name, struct span value)
{
	return value.len == 0 ||
	       (buf_append_str(b, " ") && buf_append_str(b, name) && buf_append_str(b, "='") && xml_write_attr_value(b, value) == XML_WRITE_OK &&
		buf_append_str(b, "'"));
}

void im_bounce(struct im *im, struct session *to, const struct xml_node *stanza, struct span from,
	       const char *type, const char *condition, const char *text)
{
	im_bounce_app(im, to, stanza, from, type, condition, text, NULL);
}

void im_bounce_app(struct im *im, struct session *to, const struct xml_node *stanza, struct span from,
		   const char *type, const char *condition, const char *text, const char *app)
{
	if (span_eq(xml_node_attr_value(stanza, "type"), SPAN_LIT("error")))
		return; /* RFC 6120 §8.3.1: never an error in reply to an error */
	struct buf b;
	buf_init(&b, im->deps.mem);
	bool ok = buf_append_str(&b, "<") && buf_append_span(&b, stanza->local) &&
		  put_attr(&b, "from", from.len > 0 ? from : xml_node_attr_value(stanza, "to")) &&
		  put_attr(&b, "to", session_full(to)) &&
		  /* RFC 6120 §8.2.3: an IQ response repeats the request's id, "or be
		   * empty if the generated stanza did not include an 'id'". */
		  ((xml_node_attr(stanza, span_of(NULL, 0), SPAN_LIT("id")) == NULL && !span_eq(stanza->local, SPAN_LIT("iq"))) ||
		   (buf_append_str(&b, " id='") && xml_write_attr_value(&b, xml_node_attr_value(stanza, "id")) == XML_WRITE_OK &&
		    buf_append_str(&b, "'"))) &&
		  buf_append_str(&b, " type='error'><error type='") &&
		  buf_append_str(&b, type) && buf_append_str(&b, "'><") && buf_append_str(&b, condition) && buf_append_str(&b, " xmlns='" NS_STANZAS "'/><text xmlns='" NS_STANZAS "' xml:lang='en'>") &&
		  xml_write_text(&b, span_of(text, strlen(text))) == XML_WRITE_OK && buf_append_str(&b, "</text>") &&
		  buf_append_str(&b, app != NULL ? app : "") && buf_append_str(&b, "</error></") &&
		  buf_append_span(&b, stanza->local) && buf_append_str(&b, ">");
	if (ok) {
		if (trace_on(im->trace))
			trace_route(im->trace, "bounced %s (%s)", condition, type);
		session_send(to, buf_span(&b));
	}
	buf_free(&b);
}

bool im_account_exists(struct im *im, struct span local)
{
	if (router_account(im->router, local) != NULL)
		return true;
	struct credentials creds;
	bool found = store_account_get(im->deps.store, local, &creds) == STORE_OK;
	memset(&creds, 0, sizeof creds);
	return found;
}

void im_each_session(struct im *im, struct span local, bool available_only, im_session_fn fn, void *ctx)
{
	struct account *a = router_account(im->router, local);
	for (struct session *s = a != NULL ? a->sessions : NULL, *next; s != NULL; s = next) {
		next = s->next; /* fn may not remove s, but be safe about the order */
		if (!available_only || s->available)
			fn(ctx, s);
	}
}

size_t im_deliver_available(struct im *im, struct span local, struct span bytes, bool nonnegative_only)
{
	size_t n = 0;
	struct account *a = router_account(im->router, local);
	for (struct session *s = a != NULL ? a->sessions : NULL; s != NULL; s = s->next) {
		if (s->available && (!nonnegative_only || s->priority >= 0)) {
			session_send(s, bytes);
			n++;
		}
	}
	return n;
}

/* ---------- messages (RFC 6121 §5, §8.5) ---------- */

enum msg_type { MSG_NORMAL, MSG_CHAT, MSG_GROUPCHAT, MSG_HEADLINE, MSG_ERROR };

static enum msg_type message_type(const struct xml_node *n)
{
	struct span t = xml_node_attr_value(n, "type");
	if (span_eq(t, SPAN_LIT("chat")))
		return MSG_CHAT;
	if (span_eq(t, SPAN_LIT("groupchat")))
		return MSG_GROUPCHAT;
	if (span_eq(t, SPAN_LIT("headline")))
		return MSG_HEADLINE;
	if (span_eq(t, SPAN_LIT("error")))
		return MSG_ERROR;
	return MSG_NORMAL; /* RFC 6121 §5.2.2: absent or unknown types are "normal" */
}

static bool has_child(const struct xml_node *n, const char *ns, const char *local)
{
	return iq_child(n, ns, local) != NULL;
}

/* XEP-0203 stamp, e.g. 2026-11-24T10:00:00Z. */
static bool put_delay(struct im *im, struct buf *b)
{
	char stamp[32];
	time_t now = (time_t)im_now_unix(im);
	struct tm tm;
	gmtime_r(&now, &tm);
	size_t n = strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf_append_str(b, "<delay xmlns='" NS_DELAY "' from='") && xml_write_attr_value(b, im->domain) == XML_WRITE_OK &&
	       buf_append_str(b, "' stamp='") && buf_append(b, stamp, n) && buf_append_str(b, "'/>");
}

/* XEP-0160 §3: chat and normal messages to an account without an available
 * resource are stored and delivered at its next available presence. */
static void message_offline(struct im *im, struct session *from, const struct xml_node *n, struct span local,
			    struct span to)
{
	const struct config_im *cfg = &im->deps.cfg->im;
	if (!has_child(n, NS_CLIENT, "body") && !has_child(n, NS_CLIENT, "subject"))
		return; /* XEP-0160 §3: nothing to read later (chat states, receipts alone) */
	if (cfg->offline_max == 0) {
		im_bounce(im, from, n, to, "cancel", "service-unavailable",
			  "RFC 6121 §8.5.2.2.1: the account has no available resource and offline storage is off");
		return;
	}
	struct buf delay;
	buf_init(&delay, im->deps.mem);
	enum store_status st = STORE_E_NOMEM;
	if (put_delay(im, &delay) && im_serialize(im, n, session_full(from), to, buf_span(&delay)))
		st = store_offline_push(im->deps.store, local, buf_span(&im->scratch), im_now_unix(im), cfg->offline_max);
	buf_free(&delay);
	if (st == STORE_E_LIMIT)
		im_bounce(im, from, n, to, "cancel", "service-unavailable",
			  "XEP-0160 §2: the recipient's offline message queue is full");
	else if (st != STORE_OK)
		im_bounce(im, from, n, to, "cancel", "internal-server-error",
			  "XEP-0160 §3: the message could not be stored for the offline recipient");
	else if (trace_on(im->trace))
		trace_route(im->trace, "stored offline for %.*s", (int)local.len, (const char *)local.ptr);
}

/* RFC 6121 §8.5.2.1.1: to a bare JID. */
static void message_to_bare(struct im *im, struct session *from, const struct xml_node *n, enum msg_type type,
			    struct span local, struct span to)
{
	if (type == MSG_ERROR)
		return;
	if (type == MSG_GROUPCHAT) {
		im_bounce(im, from, n, to, "cancel", "service-unavailable",
			  "RFC 6121 §8.5.2.1.1, §8.5.2.2.1: a groupchat message to an account's bare JID is not "
			  "delivered");
		return;
	}
	if (!im_account_exists(im, local)) {
		im_bounce(im, from, n, to, "cancel", "service-unavailable",
			  "RFC 6121 §8.5.1: there is no such account");
		return;
	}
	struct account *a = router_account(im->router, local);
	int best = -1;
	for (struct session *s = a != NULL ? a->sessions : NULL; s != NULL; s = s->next) {
		if (s->available && s->priority >= 0 && s->priority > best)
			best = s->priority;
	}
	if (best < 0) {
		if (type == MSG_HEADLINE)
			return; /* §8.5.2.2.1: headlines are not stored */
		message_offline(im, from, n, local, to);
		return;
	}
	if (!im_serialize(im, n, session_full(from), to, span_of(NULL, 0)))
		return;
	/* headline: every non-negative resource; chat and normal: the "most
	 * available" ones, i.e. those with the highest priority (§8.5.2.1.1). */
	size_t delivered = 0;
	for (struct session *s = a->sessions; s != NULL; s = s->next) {
		if (s->available && s->priority >= 0 && (type == MSG_HEADLINE || s->priority == best)) {
			session_send(s, buf_span(&im->scratch));
			delivered++;
		}
	}
	if (trace_on(im->trace))
		trace_route(im->trace, "delivered to %zu resource%s of %.*s", delivered, delivered == 1 ? "" : "s",
			    (int)local.len, (const char *)local.ptr);
}

/* RFC 6121 §8.5.3.1, §8.1: whether the account `local` lets `from` know its
 * presence: `from`'s own account, a 'from' or 'both' subscription, or
 * directed presence to `from` from `only` (NULL: from any of the account's
 * sessions) in its current session. */
static bool shares_presence(struct im *im, struct span local, const struct session *only,
			    const struct session *from)
{
	if (span_eq(local, session_local(from)))
		return true;
	struct account *a = router_account(im->router, local);
	for (struct session *s = a != NULL ? a->sessions : NULL; s != NULL; s = s->next) {
		if ((only == NULL || s == only) &&
		    (session_directed_has(s, session_full(from)) || session_directed_has(s, session_bare(from))))
			return true;
	}
	struct store_roster_item item;
	return store_roster_get(im->deps.store, local, session_bare(from), &item) == STORE_OK && !item.removed &&
	       sub_has_from((enum sub_state)item.state);
}

static void message_route(struct im *im, struct session *from, const struct xml_node *n, const struct jid *to)
{
	enum msg_type type = message_type(n);
	struct span to_text = to != NULL ? jid_full(to) : session_bare(from);
	if (to != NULL && jid_local(to).len == 0) {
		/* RFC 6120 §10.5.1: the server itself handles the stanza; it reads no messages. */
		im_bounce(im, from, n, to_text, "cancel", "service-unavailable",
			  "RFC 6120 §10.5.1: the server itself handles no messages addressed to its domain");
		return;
	}
	struct span local = to != NULL ? jid_local(to) : session_local(from);
	if (to != NULL && !jid_is_bare(to)) {
		struct session *s = router_session(im->router, local, jid_resource(to));
		if (s != NULL) {
			if (im_serialize(im, n, session_full(from), to_text, span_of(NULL, 0)))
				session_send(s, buf_span(&im->scratch));
			if (trace_on(im->trace))
				trace_route(im->trace, "delivered to the full JID");
			return;
		}
		/* RFC 6121 §8.5.3.2.1: no such resource: chat goes to the bare JID;
		 * normal, groupchat and headline are refused or dropped, error
		 * dropped. §8.1: the error tells that the resource is gone, so only
		 * those who may know the account's presence get it; to anyone else
		 * the stanza vanishes as a delivered one would (no presence leak,
		 * §11). */
		if (type == MSG_NORMAL || type == MSG_GROUPCHAT || type == MSG_HEADLINE) {
			if (im_account_exists(im, local) && shares_presence(im, local, NULL, from))
				im_bounce(im, from, n, to_text, "cancel", "service-unavailable",
					  "RFC 6121 §8.5.3.2.1: no such resource is connected");
			else if (trace_on(im->trace))
				trace_route(im->trace, "dropped: no such resource, and the sender may not know (RFC 6121 §8.1)");
			return;
		}
		if (type == MSG_ERROR) {
			if (trace_on(im->trace))
				trace_route(im->trace, "dropped: an error for a resource that is gone (RFC 6121 §8.5.3.2.1)");
			return;
		}
	}
	message_to_bare(im, from, n, type, local, to_text);
}

/* ---------- IQ (RFC 6120 §8.2.3, §10.3) ---------- */

static bool im_serialize_items_reply(struct im *im, struct session *to, const struct xml_node *n, struct span from)
{
	struct buf *b = &im->scratch;
	buf_clear(b);
	return buf_append_str(b, "<iq type='result' id='") && xml_write_attr_value(b, xml_node_attr_value(n, "id")) == XML_WRITE_OK &&
	       buf_append_str(b, "' from='") && xml_write_attr_value(b, from) == XML_WRITE_OK && buf_append_str(b, "' to='") &&
	       xml_write_attr_value(b, session_full(to)) == XML_WRITE_OK &&
	       buf_append_str(b, "'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
}

static size_t element_children(const struct xml_node *n, const struct xml_node **first)
{
	size_t count = 0;
	*first = NULL;
	for (const struct xml_node *c = n->first_child; c != NULL; c = c->next) {
		if (c->kind != XML_NODE_ELEMENT)
			continue;
		if (count++ == 0)
			*first = c;
	}
	return count;
}

/* XEP-0012 §4, §8: a last-activity request to a user's full JID reaches the
 * resource only from someone allowed to see the user's presence; anyone else
 * gets <forbidden/>, whether or not the resource is there (no presence leak). */
static bool last_activity_forbidden(struct im *im, struct session *from, const struct xml_node *n,
				    const struct jid *to)
{
	if (!span_eq(xml_node_attr_value(n, "type"), SPAN_LIT("get")) || jid_local(to).len == 0 ||
	    iq_child(n, "jabber:iq:last", "query") == NULL || span_eq(jid_bare(to), session_bare(from)))
		return false;
	struct store_roster_item item;
	return store_roster_get(im->deps.store, jid_local(to), session_bare(from), &item) != STORE_OK ||
	       !sub_has_from((enum sub_state)item.state);
}

static void iq_route(struct im *im, struct session *from, const struct xml_node *n, const struct jid *to)
{
	struct span type = xml_node_attr_value(n, "type");
	bool request = span_eq(type, SPAN_LIT("get")) || span_eq(type, SPAN_LIT("set"));
	struct span to_text = to != NULL ? jid_full(to) : span_of(NULL, 0);
	if (to != NULL && !jid_is_bare(to) && last_activity_forbidden(im, from, n, to)) {
		im_bounce(im, from, n, to_text, "auth", "forbidden",
			  "XEP-0012 §4: only those subscribed to the user's presence may ask for its last activity");
		return;
	}
	if (to != NULL && !jid_is_bare(to)) {
		struct session *s = jid_local(to).len > 0 ? router_session(im->router, jid_local(to), jid_resource(to))
							  : NULL;
		if (s != NULL && request && !shares_presence(im, jid_local(to), s, from)) {
			/* "This policy helps to prevent presence leaks" */
			im_bounce(im, from, n, to_text, "cancel", "service-unavailable",
				  "RFC 6121 §8.5.3.1: the resource does not share presence with you");
		} else if (s != NULL) {
			if (im_serialize(im, n, session_full(from), to_text, span_of(NULL, 0)))
				session_send(s, buf_span(&im->scratch));
		} else if (request) {
			im_bounce(im, from, n, to_text, "cancel", "service-unavailable",
				  "RFC 6121 §8.5.3.2.3: no such resource is connected");
		}
		return;
	}
	if (!request)
		return; /* results and errors to the server or an account: consumed (pings, pushes) */
	const struct xml_node *payload;
	if (element_children(n, &payload) != 1) {
		im_bounce(im, from, n, to_text, "modify", "bad-request",
			  "RFC 6120 §8.2.3: an IQ get or set contains exactly one child element");
		return;
	}
	struct iq_request rq = {
		.im = im, .store = im->deps.store, .cfg = im->deps.cfg, .mem = im->deps.mem,
		.domain = im->domain, .now_unix = im_now_unix(im), .started_unix = im->started_unix,
		.peer_ip = from->peer_ip, .session = from, .iq = n, .payload = payload,
		.set = span_eq(type, SPAN_LIT("set")),
	};
	struct jid *self = NULL;
	if (to == NULL || span_eq(jid_bare(to), session_bare(from))) {
		rq.target = IQ_TO_SELF;
	} else if (jid_local(to).len == 0) {
		rq.target = IQ_TO_SERVER;
	} else if (!im_account_exists(im, jid_local(to)) ||
		   iq_disco_hidden(im->deps.store, payload, jid_local(to), session_bare(from))) {
		/* XEP-0030 §8: disco to a missing account, and to one whose presence
		 * the requester may not see, get the same answer, byte for byte (an
		 * empty item list, or service-unavailable), so that accounts cannot
		 * be harvested */
		if (span_eq(payload->ns, SPAN_LIT("http://jabber.org/protocol/disco#items")) &&
		    !span_eq(type, SPAN_LIT("set"))) {
			if (im_serialize_items_reply(im, from, n, to_text))
				session_send(from, buf_span(&im->scratch));
			return;
		}
		im_bounce(im, from, n, to_text, "cancel", "service-unavailable",
			  iq_is_disco(payload) ? "XEP-0030 §8: no information about this address for you"
				: "RFC 6121 §8.5.1: there is no such account");
		return;
	} else {
		rq.target = IQ_TO_ACCOUNT;
	}
	self = mem_alloc(im->deps.mem, sizeof *self);
	if (self == NULL || jid_parse(session_full(from), self) != JID_OK) {
		mem_release(im->deps.mem, self);
		im_bounce(im, from, n, to_text, "cancel", "internal-server-error", "RFC 6120 §8.3.3.6: out of memory");
		return;
	}
	rq.from = self;
	rq.to = to;
	struct jid *bare = NULL;
	if (to == NULL) {
		bare = mem_alloc(im->deps.mem, sizeof *bare);
		if (bare != NULL) {
			*bare = *self;
			jid_make_bare(bare);
		}
		rq.to = bare;
	}
	if (rq.to != NULL)
		iq_dispatch(&rq);
	else
		im_bounce(im, from, n, to_text, "cancel", "internal-server-error", "RFC 6120 §8.3.3.6: out of memory");
	mem_release(im->deps.mem, bare);
	mem_release(im->deps.mem, self);
}

/* ---------- entry ---------- */

static bool one_of(struct span v, const char *const *values)
{
	for (size_t i = 0; values[i] != NULL; i++) {
		if (span_eq(v, span_of(values[i], strlen(values[i]))))
			return true;
	}
	return false;
}

/* RFC 6120 §8.1.3 (id), §8.2.3 (IQ type), RFC 6121 §4.7.1 (presence type). */
static const char *stanza_problem(const struct xml_node *n)
{
	static const char *const iq_types[] = { "get", "set", "result", "error", NULL };
	static const char *const presence_types[] = { "unavailable", "subscribe", "subscribed", "unsubscribe",
						      "unsubscribed", "probe", "error", NULL };
	const struct xml_attr *type = xml_node_attr(n, span_of(NULL, 0), SPAN_LIT("type"));
	if (span_eq(n->local, SPAN_LIT("iq"))) {
		if (xml_node_attr(n, span_of(NULL, 0), SPAN_LIT("id")) == NULL)
			return "RFC 6120 §8.2.3: an IQ stanza must have an 'id' attribute";
		if (type == NULL || !one_of(type->value, iq_types))
			return "RFC 6120 §8.2.3: an IQ stanza's type is get, set, result or error";
	} else if (span_eq(n->local, SPAN_LIT("presence"))) {
		if (type != NULL && !one_of(type->value, presence_types))
			return "RFC 6121 §4.7.1: the presence type is not one the RFC defines";
	}
	return NULL;
}

/* XEP-0191 §3.3 (version 1.3): to someone the user blocks: refused with
 * <not-acceptable/> and <blocked/>; from someone the recipient blocks:
 * messages and requests bounce as if nobody were there, the rest is dropped. */
static bool blocked(struct im *im, struct session *s, const struct xml_node *n, const struct jid *to)
{
	struct span type = xml_node_attr_value(n, "type");
	if (blocking_blocks(im, session_local(s), jid_full(to))) {
		im_bounce_app(im, s, n, jid_full(to), "cancel", "not-acceptable",
			      "XEP-0191 §3.3: you have blocked this address", "<blocked xmlns='urn:xmpp:blocking:errors'/>");
		return true;
	}
	if (!blocking_blocks(im, jid_local(to), session_full(s)))
		return false;
	bool request = span_eq(n->local, SPAN_LIT("iq")) && (span_eq(type, SPAN_LIT("get")) || span_eq(type, SPAN_LIT("set")));
	if (span_eq(n->local, SPAN_LIT("message")) || request)
		im_bounce(im, s, n, jid_full(to), "cancel", "service-unavailable",
			  "XEP-0191 §3.3: the recipient is not available to you");
	return true;
}

static void stanza(struct im *im, struct session *s, const struct xml_node *n);
/* XEP-0203 §5: only this server stamps delays from its own address (offline
 * storage); a client's stanza that carries one is forging it. */
static bool forged_delay(struct im *im, const struct xml_node *n)
{
	for (const struct xml_node *c = n->first_child; c != NULL; c = c->next) {
		if (c->kind != XML_NODE_ELEMENT || !span_eq(c->ns, SPAN_LIT(NS_DELAY)) ||
		    !span_eq(c->local, SPAN_LIT("delay")))
			continue;
		const struct xml_attr *from = xml_node_attr(c, span_of(NULL, 0), SPAN_LIT("from"));
		if (from == NULL)
			continue;
		struct jid *j = mem_alloc(im->deps.mem, sizeof *j);
		bool ours = j != NULL && jid_parse(from->value, j) == JID_OK && jid_local(j).len == 0 && jid_is_bare(j) &&
			    span_eq(jid_domain(j), im->domain);
		mem_release(im->deps.mem, j);
		if (ours)
			return true;
	}
	return false;
}

void im_stanza(struct im *im, struct session *s, const struct xml_node *n)
{
	struct trace *outer = im->trace;
	im->trace = s->io.trace;
	stanza(im, s, n);
	im->trace = outer;
}

static void stanza(struct im *im, struct session *s, const struct xml_node *n)
{
	const char *problem = stanza_problem(n);
	if (problem != NULL) {
		im_bounce(im, s, n, span_of(NULL, 0), "modify", "bad-request", problem);
		return;
	}
	if (forged_delay(im, n)) {
		im_bounce(im, s, n, span_of(NULL, 0), "modify", "not-acceptable",
			  "XEP-0203 §5: a delay notation from this server's address can only come from the server");
		return;
	}
	/* RFC 6120 §8.1.2.1: "the server MUST add a 'from' attribute to the stanza
	 * or override the 'from' attribute specified by the client": every stanza
	 * is serialized again with the session's full JID, whatever it said. */
	const struct xml_attr *to_attr = xml_node_attr(n, span_of(NULL, 0), SPAN_LIT("to"));
	struct jid *to = NULL;
	if (to_attr != NULL) {
		to = mem_alloc(im->deps.mem, sizeof *to);
		if (to == NULL)
			return;
		enum jid_status js = jid_parse(to_attr->value, to);
		if (js != JID_OK) {
			/* RFC 6120 §8.3.1: no swap when that would put a malformed JID in
			 * 'from'; the server itself reports the error (§8.1.2.1). The
			 * text names the RFC 7622 rule the address breaks. */
			if (js == JID_E_NOMEM)
				im_bounce(im, s, n, im->domain, "wait", "resource-constraint", jid_status_text(js));
			else
				im_bounce(im, s, n, im->domain, "modify", "jid-malformed", jid_status_text(js));
			goto done;
		}
		if (!span_eq(jid_domain(to), im->domain)) {
			/* No server-to-server yet: every other domain is unreachable. */
			im_bounce(im, s, n, jid_full(to), "cancel", "remote-server-not-found",
				  "RFC 6120 §8.3.3.16: this server does not federate with other domains");
			goto done;
		}
	}
	if (to != NULL && jid_local(to).len > 0 && !span_eq(jid_bare(to), session_bare(s)) && blocked(im, s, n, to))
		goto done;
	if (span_eq(n->local, SPAN_LIT("message")))
		message_route(im, s, n, to);
	else if (span_eq(n->local, SPAN_LIT("presence")))
		presence_outbound(im, s, n, to);
	else
		iq_route(im, s, n, to);
done:
	mem_release(im->deps.mem, to);
}
