/* iq.c - the table of IQ payloads the server answers, the dispatch that
 * answers each request exactly once, and service discovery (XEP-0030) built
 * from the same table. Ownership: iq.h. */
#include "iq.h"

#include <string.h>

#include "blocking.h"
#include "im.h"
#include "iq_info.h"
#include "iq_register.h"
#include "iq_storage.h"
#include "presence.h"
#include "roster.h"
#include "subscription.h"
#include "xml_write.h"

#define NS_STANZAS "urn:ietf:params:xml:ns:xmpp-stanzas"
#define NS_DISCO_INFO "http://jabber.org/protocol/disco#info"
#define NS_DISCO_ITEMS "http://jabber.org/protocol/disco#items"
#define ANYONE (IQ_TO_SERVER | IQ_TO_SELF | IQ_TO_ACCOUNT)

static bool disco_info(struct iq_request *rq, struct iq_error *err);
static bool disco_items(struct iq_request *rq, struct iq_error *err);
static bool last_activity(struct iq_request *rq, struct iq_error *err);
static bool register_set(struct iq_request *rq, struct iq_error *err);

static bool offline_on(const struct config *cfg)
{
	return cfg->im.offline_max > 0;
}

static bool version_on(const struct config *cfg)
{
	return cfg->im.version_visible;
}

static const struct iq_handler handlers[] = {
	{ NS_DISCO_INFO, "query", ANYONE, disco_info, NULL, NS_DISCO_INFO, ANYONE, NULL },
	{ NS_DISCO_ITEMS, "query", ANYONE, disco_items, NULL, NS_DISCO_ITEMS, ANYONE, NULL },
	{ "jabber:iq:roster", "query", IQ_TO_SELF | IQ_TO_ACCOUNT, roster_get, roster_set, NULL, 0, NULL },
	/* XEP-0199 §3.2/§4.2: the server answers pings to itself and, on the
	 * account's behalf, to bare JIDs. */
	{ "urn:xmpp:ping", "ping", ANYONE, iq_info_ping, NULL, "urn:xmpp:ping", IQ_TO_SERVER, NULL },
	{ "jabber:iq:version", "query", IQ_TO_SERVER, iq_info_version, NULL, "jabber:iq:version", IQ_TO_SERVER,
	  version_on },
	{ "urn:xmpp:time", "time", IQ_TO_SERVER, iq_info_time, NULL, "urn:xmpp:time", IQ_TO_SERVER, NULL },
	{ "jabber:iq:last", "query", ANYONE, last_activity, NULL, "jabber:iq:last", IQ_TO_SERVER, NULL },
	{ "vcard-temp", "vCard", IQ_TO_SELF | IQ_TO_ACCOUNT, iq_vcard_get, iq_vcard_set, "vcard-temp", IQ_TO_SERVER,
	  NULL },
	{ "jabber:iq:private", "query", IQ_TO_SELF | IQ_TO_ACCOUNT, iq_private_get, iq_private_set, "jabber:iq:private",
	  IQ_TO_SERVER, NULL },
	{ "jabber:iq:register", "query", IQ_TO_SERVER | IQ_TO_SELF, iq_register_get, register_set,
	  "jabber:iq:register", IQ_TO_SERVER, NULL },
	{ NS_BLOCKING, "blocklist", IQ_TO_SELF, blocking_get, NULL, NS_BLOCKING, IQ_TO_SERVER | IQ_TO_SELF, NULL },
	{ NS_BLOCKING, "block", IQ_TO_SELF, NULL, blocking_block, NULL, 0, NULL },
	{ NS_BLOCKING, "unblock", IQ_TO_SELF, NULL, blocking_unblock, NULL, 0, NULL },
	/* XEP-0160: a feature with no IQ of its own */
	{ NULL, NULL, 0, NULL, NULL, "msgoffline", IQ_TO_SERVER, offline_on },
};

#define HANDLER_COUNT (sizeof handlers / sizeof handlers[0])

const struct iq_handler *iq_handlers(size_t *count)
{
	*count = HANDLER_COUNT;
	return handlers;
}

bool iq_fail(struct iq_error *err, const char *type, const char *condition, const char *text)
{
	err->type = type;
	err->condition = condition;
	err->text = text;
	return false;
}

const struct xml_node *iq_child(const struct xml_node *n, const char *ns, const char *local)
{
	for (const struct xml_node *c = n != NULL ? n->first_child : NULL; c != NULL; c = c->next) {
		if (c->kind == XML_NODE_ELEMENT && span_eq(c->ns, span_of(ns, strlen(ns))) &&
		    span_eq(c->local, span_of(local, strlen(local))))
			return c;
	}
	return NULL;
}

struct span iq_text(const struct xml_node *n)
{
	for (const struct xml_node *c = n != NULL ? n->first_child : NULL; c != NULL; c = c->next) {
		if (c->kind == XML_NODE_TEXT)
			return c->text;
	}
	return span_of(NULL, 0);
}


static bool row_on(const struct iq_handler *h, const struct config *cfg)
{
	return h->enabled == NULL || h->enabled(cfg);
}

/* ---------- XEP-0030 ---------- */

bool iq_is_disco(const struct xml_node *payload)
{
	return span_eq(payload->ns, SPAN_LIT(NS_DISCO_INFO)) || span_eq(payload->ns, SPAN_LIT(NS_DISCO_ITEMS));
}

bool iq_disco_hidden(struct store *st, const struct xml_node *payload, struct span owner, struct span requester)
{
	if (!iq_is_disco(payload))
		return false;
	struct store_roster_item item;
	return store_roster_get(st, owner, requester, &item) != STORE_OK || item.removed ||
	       !sub_has_from((enum sub_state)item.state);
}

static bool disco_info(struct iq_request *rq, struct iq_error *err)
{
	/* XEP-0030 §8: an account's information only for itself and those allowed
	 * to see its presence, node or not; im.c answers anyone else before this
	 * as for a missing account. */
	if (rq->target == IQ_TO_ACCOUNT && iq_disco_hidden(rq->store, rq->payload, jid_local(rq->to), jid_bare(rq->from)))
		return iq_fail(err, "cancel", "service-unavailable", "XEP-0030 §8: no information about this address for you");
	if (xml_node_attr(rq->payload, span_of(NULL, 0), SPAN_LIT("node")) != NULL)
		return iq_fail(err, "cancel", "item-not-found", "XEP-0030 §3.1: this entity has no such node");
	bool ok = buf_append_str(rq->result, "<query xmlns='" NS_DISCO_INFO "'>");
	if (rq->target == IQ_TO_SERVER)
		ok = ok && buf_append_str(rq->result, "<identity category='server' type='im' name='xmppd'/>");
	else
		ok = ok && buf_append_str(rq->result, "<identity category='account' type='registered'/>");
	for (size_t i = 0; i < HANDLER_COUNT; i++) {
		const struct iq_handler *h = &handlers[i];
		if (h->feature != NULL && (h->disco_targets & rq->target) != 0 && row_on(h, rq->cfg))
			ok = ok && buf_append_str(rq->result, "<feature var='") && buf_append_str(rq->result, h->feature) && buf_append_str(rq->result, "'/>");
	}
	if (!(ok && buf_append_str(rq->result, "</query>"))) {
		buf_clear(rq->result);
		return iq_fail(err, "cancel", "internal-server-error", "RFC 6120 §8.3.3.6: out of memory");
	}
	return true;
}

struct items_writer {
	struct buf *out;
	size_t count;
	bool ok;
};

static void put_resource_item(void *ctx, struct session *s)
{
	struct items_writer *w = ctx;
	w->ok = w->ok && buf_append_str(w->out, w->count++ == 0 ? "><item jid='" : "<item jid='") &&
		xml_write_attr_value(w->out, session_full(s)) == XML_WRITE_OK && buf_append_str(w->out, "'/>");
}

static bool disco_items(struct iq_request *rq, struct iq_error *err)
{
	bool node = xml_node_attr(rq->payload, span_of(NULL, 0), SPAN_LIT("node")) != NULL;
	if (rq->target == IQ_TO_SERVER && node)
		return iq_fail(err, "cancel", "item-not-found", "XEP-0030 §4.1: this entity has no such node");
	struct items_writer w = { rq->result, 0, buf_append_str(rq->result, "<query xmlns='" NS_DISCO_ITEMS "'") };
	/* §4.1: an account's items are its available resources, for itself and
	 * those who may see its presence (§8: an empty list for anyone else, and
	 * for any node: an account has none). The server itself has no
	 * components, rooms or published items yet: an empty list (§4.1). */
	bool shown = rq->target == IQ_TO_SELF ||
		     (rq->target == IQ_TO_ACCOUNT &&
		      !iq_disco_hidden(rq->store, rq->payload, jid_local(rq->to), jid_bare(rq->from)));
	if (shown && !node)
		im_each_session(rq->im, jid_local(rq->to), true, put_resource_item, &w);
	if (!(w.ok && buf_append_str(rq->result, w.count == 0 ? "/>" : "</query>"))) {
		buf_clear(rq->result);
		return iq_fail(err, "cancel", "internal-server-error", "RFC 6120 §8.3.3.6: out of memory");
	}
	return true;
}

/* XEP-0077 §3.2: a <remove/> alone deletes the account; its subscriptions are
 * cancelled first, while its roster still exists. */
static bool register_set(struct iq_request *rq, struct iq_error *err)
{
	size_t elements = 0;
	for (const struct xml_node *c = rq->payload->first_child; c != NULL; c = c->next)
		elements += c->kind == XML_NODE_ELEMENT;
	if (elements == 1 && iq_child(rq->payload, "jabber:iq:register", "remove") != NULL)
		presence_cancel_all(rq->im, jid_local(rq->from));
	return iq_register_set(rq, err);
}

/* XEP-0012 §3: "If the user has at least one connected or available
 * resource ... 'seconds' ... set to a value of '0'". */
static bool last_activity(struct iq_request *rq, struct iq_error *err)
{
	if (rq->target == IQ_TO_SERVER)
		return iq_info_last(rq, err);
	bool active = router_account(rq->im->router, jid_local(rq->to)) != NULL;
	if (!active)
		return iq_info_last(rq, err);
	if (!iq_last_authorize(rq, err))
		return false;
	if (!buf_append_str(rq->result, "<query xmlns='jabber:iq:last' seconds='0'/>"))
		return iq_fail(err, "cancel", "internal-server-error", "RFC 6120 §8.3.3.6: out of memory");
	return true;
}

/* ---------- dispatch ---------- */

static bool put_reply_head(struct buf *b, const struct iq_request *rq, const char *type)
{
	bool ok = buf_append_str(b, "<iq type='") && buf_append_str(b, type) && buf_append_str(b, "' id='") &&
		  xml_write_attr_value(b, xml_node_attr_value(rq->iq, "id")) == XML_WRITE_OK && buf_append_str(b, "'");
	/* §8.1.2.1: the reply comes from the address the request went to; a
	 * request without 'to' was handled for the account and has no 'from'. */
	const struct xml_attr *to = xml_node_attr(rq->iq, span_of(NULL, 0), SPAN_LIT("to"));
	if (to != NULL)
		ok = ok && buf_append_str(b, " from='") && xml_write_attr_value(b, jid_full(rq->to)) == XML_WRITE_OK && buf_append_str(b, "'");
	return ok && buf_append_str(b, " to='") && xml_write_attr_value(b, jid_full(rq->from)) == XML_WRITE_OK && buf_append_str(b, "'");
}

static const struct iq_handler *find(const struct iq_request *rq)
{
	for (size_t i = 0; i < HANDLER_COUNT; i++) {
		const struct iq_handler *h = &handlers[i];
		if (h->ns != NULL && (h->targets & rq->target) != 0 && span_eq(rq->payload->ns, span_of(h->ns, strlen(h->ns))) &&
		    span_eq(rq->payload->local, span_of(h->local, strlen(h->local))) && row_on(h, rq->cfg))
			return h;
	}
	return NULL;
}

void iq_dispatch(struct iq_request *request)
{
	struct buf result, after, out;
	buf_init(&result, request->mem);
	buf_init(&after, request->mem);
	buf_init(&out, request->mem);
	struct iq_request local = *request;
	struct iq_request *rq = &local;
	local.result = &result;
	local.after = &after;
	struct iq_error err = { NULL, NULL, NULL };
	const struct iq_handler *h = find(rq);
	iq_handler_fn fn = h == NULL ? NULL : rq->set ? h->set : h->get;
	bool ok = false;
	if (h != NULL && fn == NULL)
		iq_fail(&err, "modify", "bad-request",
			rq->set ? "RFC 6120 §8.2.3: this namespace takes no IQ set" : "RFC 6120 §8.2.3: this namespace takes no IQ get");
	else if (fn != NULL)
		ok = fn(rq, &err);
	if (!ok && err.condition == NULL) {
		if (h == NULL)
			iq_fail(&err, "cancel", "service-unavailable",
				"RFC 6120 §8.4, §8.3.3.19: the server answers no request in this namespace at this address");
		else /* a handler that could not write its reply */
			iq_fail(&err, "wait", "resource-constraint",
				"RFC 6120 §8.3.3.18: the server lacked the memory to compose the reply");
	}
	bool written;
	if (ok) {
		written = put_reply_head(&out, rq, "result") &&
			  (result.len == 0 ? buf_append_str(&out, "/>")
					   : buf_append_str(&out, ">") && buf_append_span(&out, buf_span(&result)) && buf_append_str(&out, "</iq>"));
	} else {
		written = put_reply_head(&out, rq, "error") && buf_append_str(&out, "><error type='") && buf_append_str(&out, err.type) &&
			  buf_append_str(&out, "'><") && buf_append_str(&out, err.condition) && buf_append_str(&out, " xmlns='" NS_STANZAS "'/><text xmlns='" NS_STANZAS "' xml:lang='en'>") &&
			  xml_write_text(&out, span_of(err.text, strlen(err.text))) == XML_WRITE_OK &&
			  buf_append_str(&out, "</text></error></iq>");
	}
	if (written) {
		session_send(rq->session, buf_span(&out));
		if (ok && after.len > 0)
			session_send(rq->session, buf_span(&after));
	}
	if (ok && rq->account_removed) {
		/* XEP-0077 §3.2: the result first, then the account's streams end. */
		struct account *a = router_account(rq->im->router, jid_local(rq->from));
		for (struct session *s = a != NULL ? a->sessions : NULL; s != NULL; s = s->next)
			s->io.terminate(s->io.ctx, "not-authorized", "XEP-0077 §3.2: the account was removed");
	}
	buf_free(&result);
	buf_free(&after);
	buf_free(&out);
	request->account_removed = local.account_removed;
}
