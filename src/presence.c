/* presence.c - presence broadcasts, probes, directed presence, subscriptions.
 * Ownership: presence.h. */
#include "presence.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "blocking.h"
#include "iq.h"
#include "roster.h"
#include "xml_write.h"

#define NS_CLIENT "jabber:client"


static bool put_attr(struct buf *b, const char *name, struct span value)
{
	return value.len == 0 ||
	       (buf_append_str(b, " ") && buf_append_str(b, name) && buf_append_str(b, "='") && xml_write_attr_value(b, value) == XML_WRITE_OK &&
		buf_append_str(b, "'"));
}

/* <presence from to [type]>payload</presence> */
static bool build(struct buf *b, struct span from, struct span to, const char *type, struct span payload)
{
	buf_clear(b);
	bool ok = buf_append_str(b, "<presence") && put_attr(b, "from", from) && put_attr(b, "to", to);
	if (type != NULL)
		ok = ok && buf_append_str(b, " type='") && buf_append_str(b, type) && buf_append_str(b, "'");
	if (payload.len == 0)
		return ok && buf_append_str(b, "/>");
	return ok && buf_append_str(b, ">") && buf_append_span(b, payload) && buf_append_str(b, "</presence>");
}

/* A presence stanza's "tail": everything after `<presence` but its from and
 * to, e.g. ` id='p1' xml:lang='en'><show>away</show></presence>` or `/>`.
 * RFC 6121 §4.4.2, §4.5.2, §4.3.2: broadcasts and probe answers carry "the
 * full XML" of what the client sent, its id and xml:lang included; the
 * server only writes the addresses. */
static bool write_tail(struct buf *out, const struct xml_node *n)
{
	struct buf whole;
	buf_init(&whole, out->mem);
	bool ok = xml_write_stanza(&whole, n, SPAN_LIT(NS_CLIENT), span_of(NULL, 0), span_of(NULL, 0),
				   span_of(NULL, 0)) == XML_WRITE_OK &&
		  whole.len > sizeof "<presence" - 1 &&
		  buf_append(out, whole.data + sizeof "<presence" - 1, whole.len - (sizeof "<presence" - 1));
	buf_free(&whole);
	return ok;
}

#define TAIL_AVAILABLE "/>"
#define TAIL_UNAVAILABLE " type='unavailable'/>"

/* <presence from to TAIL */
static bool build_tail(struct buf *b, struct span from, struct span to, struct span tail)
{
	buf_clear(b);
	return buf_append_str(b, "<presence") && put_attr(b, "from", from) && put_attr(b, "to", to) &&
	       (tail.len > 0 ? buf_append_span(b, tail) : buf_append_str(b, TAIL_AVAILABLE));
}

/* RFC 6121 §4.7.2.3: an integer -128..127; anything else counts as 0. */
static int priority_of(const struct xml_node *n)
{
	struct span t = iq_text(iq_child(n, NS_CLIENT, "priority"));
	char digits[8];
	if (t.len == 0 || t.len >= sizeof digits)
		return 0;
	memcpy(digits, t.ptr, t.len);
	digits[t.len] = '\0';
	char *end = NULL;
	long v = strtol(digits, &end, 10);
	if (end == NULL || *end != '\0' || v < -128 || v > 127)
		return 0;
	return (int)v;
}

static bool is_local(const struct im *im, struct span bare, struct span *local)
{
	/* A bare JID "local@domain" of this server. */
	const uint8_t *at = memchr(bare.ptr, '@', bare.len);
	if (at == NULL)
		return false;
	size_t l = (size_t)(at - bare.ptr);
	if (!span_eq(span_of(at + 1, bare.len - l - 1), im->domain))
		return false;
	*local = span_of(bare.ptr, l);
	return true;
}

/* §4.6.1: "SHOULD remove any entity that sends unavailable presence to the
 * user" from the list of JIDs the user's sessions owe unavailable presence;
 * `sender` as written in the presence's 'from'. */
static void forget_directed(struct im *im, struct span local, struct span resource, struct span sender)
{
	struct account *a = router_account(im->router, local);
	for (struct session *t = a != NULL ? a->sessions : NULL; t != NULL; t = t->next) {
		/* never the sender's own list: broadcast_unavailable() is walking it */
		if ((resource.len == 0 || span_eq(session_resource(t), resource)) && !span_eq(session_full(t), sender))
			session_directed_remove(t, im->deps.mem, sender);
	}
}

/* §4.3.2 #3: a probed contact with no available resource: unavailable
 * presence from its bare JID, stamped (XEP-0203) with the end of its last
 * session when known, without its details; §4.3.2.1: the probe's id. */
static void answer_unavailable(struct im *im, struct session *s, struct span contact_bare, struct span contact_local,
			       const struct xml_attr *id)
{
	int64_t when = 0;
	struct span status;
	char stamp[32];
	size_t stamp_len = 0;
	if (store_last_get(im->deps.store, contact_local, &when, &status) == STORE_OK && when > 0) {
		time_t t = (time_t)when;
		struct tm tm;
		if (gmtime_r(&t, &tm) != NULL)
			stamp_len = strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	struct buf b;
	buf_init(&b, im->deps.mem);
	bool ok = buf_append_str(&b, "<presence") && put_attr(&b, "from", contact_bare) &&
		  put_attr(&b, "to", session_full(s)) &&
		  (id == NULL || (buf_append_str(&b, " id='") && xml_write_attr_value(&b, id->value) == XML_WRITE_OK &&
				  buf_append_str(&b, "'"))) &&
		  buf_append_str(&b, " type='unavailable'");
	if (stamp_len > 0)
		ok = ok && buf_append_str(&b, "><delay xmlns='urn:xmpp:delay' stamp='") && buf_append(&b, stamp, stamp_len) &&
		     buf_append_str(&b, "'/></presence>");
	else
		ok = ok && buf_append_str(&b, "/>");
	if (ok)
		session_send(s, buf_span(&b));
	buf_free(&b);
}

/* ---------- walking a roster ---------- */

enum audience { TO_FROM_CONTACTS, TO_PROBED_CONTACTS, PENDING_REQUESTS };

struct walk {
	struct im *im;
	struct session *s;
	enum audience audience;
	struct span tail;      /* for broadcasts: see write_tail() */
	bool unavailable;      /* the broadcast is unavailable presence */
	struct buf *out;
	struct buf *offline;   /* TO_PROBED_CONTACTS: local contacts with no available resource, NUL-separated */
};

static void send_session_presence(struct session *from, struct session *to)
{
	struct buf b;
	buf_init(&b, from->presence.mem);
	if (build_tail(&b, session_full(from), session_full(to), buf_span(&from->presence)))
		session_send(to, buf_span(&b));
	buf_free(&b);
}

/* XEP-0191 §3.3: no presence either way between a user and someone blocked. */
static bool hidden(struct im *im, struct session *s, struct span contact, struct span contact_local)
{
	return blocking_blocks(im, session_local(s), contact) || blocking_blocks(im, contact_local, session_full(s));
}

static bool walk_item(void *ctx, const struct store_roster_item *item)
{
	struct walk *w = ctx;
	enum sub_state st = (enum sub_state)item->state;
	struct span local;
	if (item->removed)
		return true;
	switch (w->audience) {
	case TO_FROM_CONTACTS:
		/* online contacts only: their block lists are cached (no store call here) */
		if (sub_has_from(st) && is_local(w->im, item->contact, &local) &&
		    router_account(w->im->router, local) != NULL && !hidden(w->im, w->s, item->contact, local) &&
		    build_tail(w->out, session_full(w->s), item->contact, w->tail)) {
			(void)im_deliver_available(w->im, local, buf_span(w->out), false);
			if (w->unavailable)
				forget_directed(w->im, local, span_of(NULL, 0), session_full(w->s));
		}
		break;
	case TO_PROBED_CONTACTS:
		/* §4.3.2: the contact's server answers the probe with the last
		 * presence of each available resource; none: unavailable presence
		 * from its bare JID (after the walk). */
		if (sub_has_to(st) && is_local(w->im, item->contact, &local)) {
			struct account *a = router_account(w->im->router, local);
			bool any_available = false;
			for (struct session *c = a != NULL ? a->sessions : NULL; c != NULL; c = c->next)
				any_available = any_available || c->available;
			if (!any_available) {
				/* answered after the walk: hidden() may read the store */
				bool kept = buf_append_span(w->offline, item->contact) && buf_append(w->offline, "", 1);
				(void)kept; /* out of memory: that contact's answer is missing */
			} else if (!hidden(w->im, w->s, item->contact, local)) {
				for (struct session *c = a->sessions; c != NULL; c = c->next) {
					if (c->available)
						send_session_presence(c, w->s);
				}
			}
		}
		break;
	case PENDING_REQUESTS:
		/* XEP-0191 §3.3: not from someone blocked since the request came */
		if (sub_pending_in(st) && item->pending.len > 0 &&
		    !blocking_blocks(w->im, session_local(w->s), item->contact))
			session_send(w->s, item->pending);
		break;
	}
	return true;
}

static void walk_roster(struct im *im, struct session *s, enum audience audience, struct span tail,
			bool unavailable)
{
	struct buf out, offline;
	buf_init(&out, im->deps.mem);
	buf_init(&offline, im->deps.mem);
	struct walk w = { im, s, audience, tail, unavailable, &out, &offline };
	enum store_status st = store_roster_list(im->deps.store, session_local(s), 0, walk_item, &w);
	if (st != STORE_OK && st != STORE_E_NOT_FOUND) /* not found: the account was just removed */
		log_line(im->deps.log, CONFIG_LOG_ERROR, "roster of %.*s unreadable: %s", (int)session_local(s).len,
			 (const char *)session_local(s).ptr, store_last_error(im->deps.store));
	/* §4.3.2 #3: contacts with no available resource answer the server's
	 * probe with unavailable presence from their bare JID */
	for (size_t at = 0; at < offline.len;) {
		struct span contact = span_of(offline.data + at, strlen((const char *)offline.data + at));
		struct span local;
		if (is_local(im, contact, &local) && im_account_exists(im, local) && !hidden(im, s, contact, local))
			answer_unavailable(im, s, contact, local, NULL);
		at += contact.len + 1;
	}
	buf_free(&offline);
	buf_free(&out);
}

/* ---------- broadcasts (§4.2, §4.4, §4.5) ---------- */

struct offline_delivery {
	struct im *im;
	struct session *s;
	struct buf from;
};

/* The sender of a stored message: the 'from' im_serialize() wrote first
 * ("<message from='...'"), unescaped (attribute values escape &, < and '). */
static bool stored_sender(struct span stanza, struct buf *out)
{
	static const char head[] = "<message from='";
	size_t at = sizeof head - 1;
	if (stanza.len < at || memcmp(stanza.ptr, head, at) != 0)
		return false;
	static const struct {
		const char *entity;
		char c;
	} entities[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&apos;", '\'' }, { "&quot;", '"' } };
	while (at < stanza.len && stanza.ptr[at] != '\'') {
		size_t used = 1;
		char c = (char)stanza.ptr[at];
		for (size_t i = 0; c == '&' && i < sizeof entities / sizeof entities[0]; i++) {
			size_t n = strlen(entities[i].entity);
			if (stanza.len - at >= n && memcmp(stanza.ptr + at, entities[i].entity, n) == 0) {
				c = entities[i].c;
				used = n;
				break;
			}
		}
		if (!buf_append(out, &c, 1))
			return false;
		at += used;
	}
	return at < stanza.len;
}

static bool deliver_offline(void *ctx, struct span stanza, int64_t stamp)
{
	struct offline_delivery *d = ctx;
	(void)stamp;
	/* XEP-0191 §3.3: nothing from a JID the user blocks now, even if it was
	 * stored before the block. */
	buf_clear(&d->from);
	if (stored_sender(stanza, &d->from) && blocking_blocks(d->im, session_local(d->s), buf_span(&d->from)))
		return true;
	session_send(d->s, stanza);
	return true;
}

static void broadcast_available(struct im *im, struct session *s, const struct xml_node *n)
{
	bool initial = !s->available;
	buf_clear(&s->presence);
	if (!write_tail(&s->presence, n))
		buf_clear(&s->presence); /* then sent as bare <presence/> */
	s->available = true;
	s->priority = priority_of(n);
	walk_roster(im, s, TO_FROM_CONTACTS, buf_span(&s->presence), false);
	/* §4.2.2, §4.4.2: to all of the user's available resources, this one included. */
	struct account *a = s->account;
	for (struct session *t = a->sessions; t != NULL; t = t->next) {
		if (t->available)
			send_session_presence(s, t);
	}
	if (initial) {
		walk_roster(im, s, TO_PROBED_CONTACTS, span_of(NULL, 0), false);
		for (struct session *t = a->sessions; t != NULL; t = t->next) {
			if (t->available && t != s)
				send_session_presence(t, s);
		}
		/* §3.1.3: requests that arrived while the user was away. */
		walk_roster(im, s, PENDING_REQUESTS, span_of(NULL, 0), false);
	}
	if (s->priority >= 0) {
		struct offline_delivery d = { im, s, { 0 } };
		buf_init(&d.from, im->deps.mem);
		if (store_offline_take(im->deps.store, session_local(s), deliver_offline, &d) != STORE_OK)
			log_line(im->deps.log, CONFIG_LOG_ERROR, "offline messages of %.*s unreadable: %s",
				 (int)session_local(s).len, (const char *)session_local(s).ptr,
				 store_last_error(im->deps.store));
		buf_free(&d.from);
	}
}

/* XEP-0012 §3: the time of the account's last logout, with the status of its
 * last unavailable presence. */
static void remember_last(struct im *im, struct session *s)
{
	if (s->account->session_count > 1)
		return;
	enum store_status st = store_last_set(im->deps.store, session_local(s), im_now_unix(im), buf_span(&s->last_status));
	if (st != STORE_OK && st != STORE_E_NOT_FOUND)
		log_line(im->deps.log, CONFIG_LOG_WARN, "last activity not stored: %s", store_last_error(im->deps.store));
}

/* n: the client's unavailable presence, or NULL when the stream ended (§4.5.2:
 * the server then generates it). */
static void broadcast_unavailable(struct im *im, struct session *s, const struct xml_node *n)
{
	struct buf payload, b;
	buf_init(&payload, im->deps.mem);
	buf_init(&b, im->deps.mem);
	/* the client's own stanza (§4.5.2: its full XML), or one the server makes */
	if (n == NULL || !write_tail(&payload, n)) {
		buf_clear(&payload);
		(void)buf_append_str(&payload, TAIL_UNAVAILABLE);
	}
	if (s->available) {
		walk_roster(im, s, TO_FROM_CONTACTS, buf_span(&payload), true);
		for (struct session *t = s->account->sessions; t != NULL; t = t->next) {
			if (t->available && (t != s || n != NULL) &&
			    build_tail(&b, session_full(s), session_full(t), buf_span(&payload)))
				session_send(t, buf_span(&b));
		}
	}
	if (n != NULL) {
		struct span status = iq_text(iq_child(n, NS_CLIENT, "status"));
		buf_clear(&s->last_status);
		if (!buf_append_span(&s->last_status, status))
			buf_clear(&s->last_status);
	}
	/* §4.6.3: everyone that got directed presence gets the unavailable too. */
	while (s->directed != NULL) {
		struct directed *d = s->directed;
		struct span to = span_of(d->jid, d->jid_len);
		struct span local;
		const uint8_t *slash = memchr(to.ptr, '/', to.len);
		struct span bare = span_of(to.ptr, slash != NULL ? (size_t)(slash - to.ptr) : to.len);
		if (is_local(im, bare, &local) && build_tail(&b, session_full(s), to, buf_span(&payload))) {
			struct span resource = slash != NULL ? span_of(slash + 1, to.len - bare.len - 1) : span_of(NULL, 0);
			if (slash == NULL) {
				(void)im_deliver_available(im, local, buf_span(&b), false);
			} else {
				struct session *t = router_session(im->router, local, resource);
				if (t != NULL)
					session_send(t, buf_span(&b));
			}
			forget_directed(im, local, resource, session_full(s));
		}
		session_directed_remove(s, im->deps.mem, to);
	}
	s->available = false;
	buf_clear(&s->presence);
	buf_free(&payload);
	buf_free(&b);
}

void presence_session_ended(struct im *im, struct session *s)
{
	broadcast_unavailable(im, s, NULL);
	remember_last(im, s);
}

/* ---------- directed presence and probes (§4.6, §4.3) ---------- */

static enum sub_state state_of(struct im *im, struct span local, struct span contact)
{
	struct store_roster_item item;
	if (store_roster_get(im->deps.store, local, contact, &item) != STORE_OK || item.removed)
		return SUB_NONE;
	return (enum sub_state)item.state;
}

/* §4.6.6: a prober without a subscription that got directed presence from a
 * resource in its current session learns, for that full JID only, that it is
 * available (no child elements). Anyone else learns nothing (§11). */
static void answer_probe_directed(struct im *im, struct session *s, const struct jid *to)
{
	struct account *a = router_account(im->router, jid_local(to));
	struct buf b;
	buf_init(&b, im->deps.mem);
	for (struct session *c = a != NULL ? a->sessions : NULL; c != NULL; c = c->next) {
		if (!jid_is_bare(to) && !span_eq(session_resource(c), jid_resource(to)))
			continue;
		if (!session_directed_has(c, session_full(s)) && !session_directed_has(c, session_bare(s)))
			continue;
		if (build_tail(&b, session_full(c), session_full(s), SPAN_LIT(TAIL_AVAILABLE)))
			session_send(s, buf_span(&b));
	}
	buf_free(&b);
}

static void answer_probe(struct im *im, struct session *s, const struct xml_node *probe, const struct jid *to)
{
	if (jid_local(to).len == 0)
		return;
	/* §4.3.2, §4.6.6: the subscription first, then directed presence. */
	if (!sub_has_from(state_of(im, jid_local(to), session_bare(s)))) {
		answer_probe_directed(im, s, to);
		return;
	}
	struct account *a = router_account(im->router, jid_local(to));
	bool any_available = false;
	for (struct session *c = a != NULL ? a->sessions : NULL; c != NULL; c = c->next) {
		if (!c->available)
			continue;
		any_available = true;
		if (jid_is_bare(to)) {
			send_session_presence(c, s);
		} else if (span_eq(session_resource(c), jid_resource(to))) {
			/* §4.3.2: for a full JID, "only the fact that the resource is
			 * available", without show, status, priority or extensions */
			struct buf b;
			buf_init(&b, im->deps.mem);
			if (build_tail(&b, session_full(c), session_full(s), SPAN_LIT(TAIL_AVAILABLE)))
				session_send(s, buf_span(&b));
			buf_free(&b);
		}
	}
	if (!any_available && jid_is_bare(to))
		answer_unavailable(im, s, jid_bare(to), jid_local(to), xml_node_attr(probe, span_of(NULL, 0), SPAN_LIT("id")));
}

/* type: "" (available), "unavailable" or "error" (routed, but neither a
 * promise to cancel nor a cancellation). */
static void directed(struct im *im, struct session *s, const struct xml_node *n, const struct jid *to,
		     struct span type)
{
	bool unavailable = span_eq(type, SPAN_LIT("unavailable"));
	struct span local = jid_local(to);
	if (local.len == 0)
		return; /* presence to the server itself: nothing to do */
	if (im_serialize(im, n, session_full(s), jid_full(to), span_of(NULL, 0))) {
		if (jid_is_bare(to)) {
			(void)im_deliver_available(im, local, buf_span(&im->scratch), false);
		} else {
			struct session *t = router_session(im->router, local, jid_resource(to));
			if (t != NULL)
				session_send(t, buf_span(&im->scratch));
		}
	}
	/* §4.6.3: owed an unavailable when the session ends, unless the broadcast
	 * will bring it (an available session and a contact with 'from'). */
	if (span_eq(type, SPAN_LIT("error")))
		return;
	if (unavailable) {
		forget_directed(im, local, jid_resource(to), session_full(s));
		session_directed_remove(s, im->deps.mem, jid_full(to));
	} else if ((!s->available || !sub_has_from(state_of(im, session_local(s), jid_bare(to)))) &&
		   !session_directed_add(s, im->deps.mem, jid_full(to))) {
		log_line(im->deps.log, CONFIG_LOG_WARN, "directed presence not tracked: out of memory");
	}
}

/* ---------- subscriptions (§3, Appendix A) ---------- */

/* A roster item copied out of the store's scratch, so it survives store calls. */
struct item_copy {
	struct store_roster_item item;
	bool exists;
	struct buf bytes;
};

static bool item_load(struct im *im, struct span local, struct span contact, struct item_copy *c)
{
	memset(&c->item, 0, sizeof c->item);
	buf_init(&c->bytes, im->deps.mem);
	struct store_roster_item it;
	enum store_status st = store_roster_get(im->deps.store, local, contact, &it);
	c->exists = st == STORE_OK && !it.removed;
	if (!c->exists) {
		c->item.state = SUB_NONE;
		if (!buf_append_span(&c->bytes, contact))
			return false;
		c->item.contact = buf_span(&c->bytes);
		return st == STORE_OK || st == STORE_E_NOT_FOUND;
	}
	/* offsets first: the buffer may move while it grows */
	size_t total = it.contact.len + it.name.len + it.pending.len;
	for (size_t i = 0; i < it.group_count; i++)
		total += it.groups[i].len;
	if (!buf_reserve(&c->bytes, total))
		return false;
	c->item = it;
	uint8_t *base = c->bytes.data;
	size_t at = 0;
#define COPY(field)                                                              \
	do {                                                                     \
		if ((field).len > 0)                                             \
			memcpy(base + at, (field).ptr, (field).len);             \
		(field) = span_of((field).len > 0 ? base + at : NULL, (field).len); \
		at += (field).len;                                               \
	} while (0)
	COPY(c->item.contact);
	COPY(c->item.name);
	COPY(c->item.pending);
	for (size_t i = 0; i < c->item.group_count; i++)
		COPY(c->item.groups[i]);
#undef COPY
	c->bytes.len = at;
	return true;
}

static void item_save(struct im *im, struct span local, struct item_copy *c)
{
	uint64_t ver = 0;
	if (store_roster_put(im->deps.store, local, &c->item, &ver) != STORE_OK) {
		log_line(im->deps.log, CONFIG_LOG_ERROR, "roster item not stored: %s", store_last_error(im->deps.store));
		return;
	}
	if (c->item.in_roster)
		roster_push(im, local, &c->item, ver);
}

static void send_all_presence(struct im *im, struct span local, struct span contact, bool available)
{
	struct span contact_local;
	if (!is_local(im, contact, &contact_local))
		return;
	struct account *a = router_account(im->router, local);
	struct buf b;
	buf_init(&b, im->deps.mem);
	for (struct session *s = a != NULL ? a->sessions : NULL; s != NULL; s = s->next) {
		if (s->available &&
		    build_tail(&b, session_full(s), contact,
			       available ? buf_span(&s->presence) : SPAN_LIT(TAIL_UNAVAILABLE)))
			(void)im_deliver_available(im, contact_local, buf_span(&b), false);
	}
	buf_free(&b);
}

static const char *const event_types[SUB_EVENT_END] = {
	[SUB_OUT_SUBSCRIBE] = "subscribe", [SUB_OUT_UNSUBSCRIBE] = "unsubscribe",
	[SUB_OUT_SUBSCRIBED] = "subscribed", [SUB_OUT_UNSUBSCRIBED] = "unsubscribed",
	[SUB_IN_SUBSCRIBE] = "subscribe", [SUB_IN_UNSUBSCRIBE] = "unsubscribe",
	[SUB_IN_SUBSCRIBED] = "subscribed", [SUB_IN_UNSUBSCRIBED] = "unsubscribed",
};

/* §3.1.2 ff.: the owner's 'from' changed: the contact gets the owner's
 * presence (approved) or an unavailable (cancelled). */
static void from_changed(struct im *im, struct span owner, struct span contact, enum sub_state before,
			 enum sub_state after)
{
	if (!sub_has_from(before) && sub_has_from(after))
		send_all_presence(im, owner, contact, true);
	else if (sub_has_from(before) && !sub_has_from(after))
		send_all_presence(im, owner, contact, false);
}

static void subscription_in(struct im *im, struct span owner, struct span sender, enum sub_event event,
			    struct span stanza);

static struct span bare_of(struct im *im, struct span local, struct buf *b)
{
	buf_clear(b);
	if (!buf_append_span(b, local) || !buf_append(b, "@", 1) || !buf_append_span(b, im->domain))
		return span_of(NULL, 0);
	return buf_span(b);
}

void presence_subscription_out(struct im *im, struct span local, struct span contact, enum sub_event event,
			       const struct xml_node *n, bool removing)
{
	struct item_copy c;
	struct buf owner_bare_buf, stanza;
	buf_init(&owner_bare_buf, im->deps.mem);
	buf_init(&stanza, im->deps.mem);
	struct span owner_bare = bare_of(im, local, &owner_bare_buf);
	if (!item_load(im, local, contact, &c) || owner_bare.len == 0)
		goto done;
	enum sub_state before = (enum sub_state)c.item.state;
	struct sub_outcome o = sub_step(before, event);
	if (trace_on(im->trace))
		trace_subscription(im->trace, local, contact, before, event, &o);
	bool was_in_roster = c.exists && c.item.in_roster;
	c.item.state = (int)o.next;
	if (removing)
		c.item.in_roster = false;
	else if (o.next != before || event == SUB_OUT_SUBSCRIBE)
		c.item.in_roster = true; /* §3.1.2: a request creates the item if needed */
	bool changed = o.next != before || c.item.in_roster != was_in_roster;
	if (!sub_pending_in(o.next) && c.item.pending.len > 0) {
		c.item.pending = span_of(NULL, 0);
		changed = true;
	}
	if (changed)
		item_save(im, local, &c);
	/* §3.2.2: a cancelled contact gets unavailable presence before the
	 * unsubscribed; §3.1.5: an approved one gets presence after the subscribed. */
	bool gains_from = !sub_has_from(before) && sub_has_from(o.next);
	if (!gains_from)
		from_changed(im, local, contact, before, o.next);
	if (o.forward) {
		/* §3.1.2: stamped with the user's bare JID, to the contact's bare JID. */
		bool ok;
		if (n != NULL) /* the client's stanza as sent (id, xml:lang, status), re-addressed */
			ok = xml_write_stanza(&stanza, n, SPAN_LIT(NS_CLIENT), owner_bare, contact, span_of(NULL, 0)) ==
			     XML_WRITE_OK;
		else
			ok = buf_append_str(&stanza, "<presence") && put_attr(&stanza, "from", owner_bare) &&
			     put_attr(&stanza, "to", contact) && buf_append_str(&stanza, " type='") &&
			     buf_append_str(&stanza, event_types[event]) && buf_append_str(&stanza, "'/>");
		struct span contact_local;
		if (ok && is_local(im, contact, &contact_local))
			subscription_in(im, contact_local, owner_bare, (enum sub_event)(event + (SUB_IN_SUBSCRIBE - SUB_OUT_SUBSCRIBE)),
					buf_span(&stanza));
	}
	if (gains_from)
		from_changed(im, local, contact, before, o.next);
done:
	buf_free(&c.bytes);
	buf_free(&owner_bare_buf);
	buf_free(&stanza);
}

/* The server answers for `owner_bare` (approved: subscribed; else unsubscribed). */
static void reply(struct im *im, struct span owner_bare, struct span sender, bool approved)
{
	struct buf b;
	buf_init(&b, im->deps.mem);
	struct span sender_local;
	if (build(&b, owner_bare, sender, approved ? "subscribed" : "unsubscribed", span_of(NULL, 0)) &&
	    is_local(im, sender, &sender_local))
		subscription_in(im, sender_local, owner_bare, approved ? SUB_IN_SUBSCRIBED : SUB_IN_UNSUBSCRIBED,
				buf_span(&b));
	buf_free(&b);
}

/* A request goes to the available resources, which can answer it (§3.1.3);
 * subscribed, unsubscribe and unsubscribed explain a roster push, so they go to
 * the interested resources (§3.1.6, §3.2.3, §3.3.3), and to the available ones
 * as well. */
static void deliver_subscription(struct im *im, struct span owner, struct span stanza, enum sub_event event)
{
	struct account *a = router_account(im->router, owner);
	for (struct session *s = a != NULL ? a->sessions : NULL; s != NULL; s = s->next) {
		if (s->available || (event != SUB_IN_SUBSCRIBE && s->interested))
			session_send(s, stanza);
	}
}

/* The stanza `stanza` (serialized, from sender's bare JID) arrives for `owner`. */
static void subscription_in(struct im *im, struct span owner, struct span sender, enum sub_event event,
			    struct span stanza)
{
	struct buf owner_bare_buf;
	buf_init(&owner_bare_buf, im->deps.mem);
	struct span owner_bare = bare_of(im, owner, &owner_bare_buf);
	if (!im_account_exists(im, owner)) {
		/* No such contact: the request is refused at once, so the user's
		 * roster does not wait forever (§3.1.3, §8.5.2.2.2). */
		if (event == SUB_IN_SUBSCRIBE)
			reply(im, owner_bare, sender, false);
		buf_free(&owner_bare_buf);
		return;
	}
	struct item_copy c;
	if (!item_load(im, owner, sender, &c)) {
		buf_free(&c.bytes);
		buf_free(&owner_bare_buf);
		return;
	}
	enum sub_state before = (enum sub_state)c.item.state;
	struct sub_outcome o = sub_step(before, event);
	if (trace_on(im->trace))
		trace_subscription(im->trace, owner, sender, before, event, &o);
	bool changed = o.next != before;
	c.item.state = (int)o.next;
	if (event == SUB_IN_SUBSCRIBE && o.forward) {
		c.item.pending = stanza; /* kept for redelivery at the next login (§3.1.3) */
		changed = true;
	} else if (!sub_pending_in(o.next) && c.item.pending.len > 0) {
		c.item.pending = span_of(NULL, 0);
		changed = true;
	}
	/* §3.1.6, §3.2.3, §3.3.3: the stanza reaches the user before the roster
	 * push it causes. */
	if (o.forward)
		deliver_subscription(im, owner, stanza, event);
	if (changed)
		item_save(im, owner, &c);
	if (o.auto_subscribed)
		reply(im, owner_bare, sender, true);
	from_changed(im, owner, sender, before, o.next);
	buf_free(&c.bytes);
	buf_free(&owner_bare_buf);
}

/* ---------- entry ---------- */

static enum sub_event out_event(struct span type)
{
	if (span_eq(type, SPAN_LIT("subscribe")))
		return SUB_OUT_SUBSCRIBE;
	if (span_eq(type, SPAN_LIT("subscribed")))
		return SUB_OUT_SUBSCRIBED;
	if (span_eq(type, SPAN_LIT("unsubscribe")))
		return SUB_OUT_UNSUBSCRIBE;
	if (span_eq(type, SPAN_LIT("unsubscribed")))
		return SUB_OUT_UNSUBSCRIBED;
	return SUB_EVENT_END;
}

void presence_outbound(struct im *im, struct session *s, const struct xml_node *n, const struct jid *to)
{
	struct span type = xml_node_attr_value(n, "type");
	enum sub_event ev = out_event(type);
	if (ev != SUB_EVENT_END) {
		if (to == NULL || jid_local(to).len == 0) {
			im_bounce(im, s, n, to != NULL ? jid_full(to) : span_of(NULL, 0), "modify", "bad-request",
				  "RFC 6121 §3.1.1: a subscription stanza is addressed to a contact's JID");
			return;
		}
		if (span_eq(jid_bare(to), session_bare(s)))
			return; /* the user always has its own presence (§4.2.2): nothing to subscribe to */
		presence_subscription_out(im, session_local(s), jid_bare(to), ev, n, false);
		return;
	}
	if (span_eq(type, SPAN_LIT("probe"))) {
		if (to != NULL)
			answer_probe(im, s, n, to); /* §4.3: clients SHOULD NOT probe, but may */
		return;
	}
	if (to != NULL) {
		directed(im, s, n, to, type);
		return;
	}
	if (span_eq(type, SPAN_LIT("unavailable")))
		broadcast_unavailable(im, s, n);
	else if (type.len == 0)
		broadcast_available(im, s, n);
	/* type='error' without 'to': nowhere to go */
}

/* ---------- account removal (XEP-0077 §3.2) ---------- */

struct contact_list {
	struct buf *out; /* contact NUL state-byte ... */
	bool ok;
};

static bool collect_contact(void *ctx, const struct store_roster_item *item)
{
	struct contact_list *l = ctx;
	uint8_t state = (uint8_t)item->state;
	if (!item->removed)
		l->ok = l->ok && buf_append_span(l->out, item->contact) && buf_append(l->out, "", 1) &&
			buf_append(l->out, &state, 1);
	return l->ok;
}

void presence_cancel_all(struct im *im, struct span local)
{
	struct buf contacts;
	buf_init(&contacts, im->deps.mem);
	struct contact_list l = { &contacts, true };
	/* collected first: the subscription changes below call into the store */
	if (store_roster_list(im->deps.store, local, 0, collect_contact, &l) != STORE_OK || !l.ok) {
		log_line(im->deps.log, CONFIG_LOG_ERROR, "roster unreadable at account removal: %s",
			 store_last_error(im->deps.store));
		buf_free(&contacts);
		return;
	}
	for (size_t at = 0; at < contacts.len;) {
		const uint8_t *jid = contacts.data + at;
		size_t len = strlen((const char *)jid);
		enum sub_state state = (enum sub_state)contacts.data[at + len + 1];
		struct span contact = span_of(jid, len);
		if (sub_has_to(state) || sub_pending_out(state))
			presence_subscription_out(im, local, contact, SUB_OUT_UNSUBSCRIBE, NULL, true);
		if (sub_has_from(state) || sub_pending_in(state))
			presence_subscription_out(im, local, contact, SUB_OUT_UNSUBSCRIBED, NULL, true);
		at += len + 2;
	}
	buf_free(&contacts);
}
