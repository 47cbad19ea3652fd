/* blocking.c - XEP-0191. Ownership: blocking.h. */
#include "blocking.h"

#include <string.h>

#include "presence.h"
#include "subscription.h"
#include "xml_write.h"


/* ---------- matching ---------- */

bool blocking_item_matches(struct span item, struct span jid)
{
	if (span_eq(item, jid))
		return true;
	if (item.len == 0 || jid.len == 0)
		return false;
	const uint8_t *slash = memchr(jid.ptr, '/', jid.len);
	struct span bare = span_of(jid.ptr, slash != NULL ? (size_t)(slash - jid.ptr) : jid.len);
	if (memchr(item.ptr, '/', item.len) != NULL)
		return false; /* a full item matches itself only */
	if (memchr(item.ptr, '@', item.len) != NULL)
		return span_eq(item, bare);
	const uint8_t *at = memchr(bare.ptr, '@', bare.len);
	struct span domain = at != NULL ? span_of(at + 1, bare.len - (size_t)(at + 1 - bare.ptr)) : bare;
	return span_eq(item, domain);
}

struct match {
	struct span other;
	bool hit;
	struct buf *copy; /* loading the cache */
};

static bool match_item(void *ctx, struct span jid)
{
	struct match *m = ctx;
	if (m->copy != NULL && !(buf_append_span(m->copy, jid) && buf_append(m->copy, "", 1)))
		return false;
	if (m->copy == NULL && blocking_item_matches(jid, m->other))
		m->hit = true;
	return m->copy != NULL || !m->hit;
}

static struct account *cached(struct im *im, struct span owner)
{
	struct account *a = router_account(im->router, owner);
	if (a == NULL || a->blocklist_loaded)
		return a;
	buf_clear(&a->blocklist);
	struct match m = { span_of(NULL, 0), false, &a->blocklist };
	if (store_block_list(im->deps.store, owner, match_item, &m) != STORE_OK)
		return NULL; /* read again next time */
	a->blocklist_loaded = true;
	return a;
}

void blocking_load(struct im *im, struct span owner)
{
	(void)cached(im, owner);
}

bool blocking_blocks(struct im *im, struct span owner, struct span other)
{
	struct account *a = cached(im, owner);
	if (a != NULL) {
		for (size_t at = 0; at < a->blocklist.len;) {
			const uint8_t *item = a->blocklist.data + at;
			size_t len = strlen((const char *)item);
			if (blocking_item_matches(span_of(item, len), other))
				return true;
			at += len + 1;
		}
		return false;
	}
	struct match m = { other, false, NULL };
	enum store_status st = store_block_list(im->deps.store, owner, match_item, &m);
	if (st != STORE_OK && st != STORE_E_NOT_FOUND)
		log_line(im->deps.log, CONFIG_LOG_ERROR, "block list unreadable: %s", store_last_error(im->deps.store));
	return m.hit;
}

/* ---------- IQs (XEP-0191 §3.2 to §3.5) ---------- */

static bool write_item(void *ctx, struct span jid)
{
	struct buf *b = ctx;
	return buf_append_str(b, "<item jid='") && xml_write_attr_value(b, jid) == XML_WRITE_OK && buf_append_str(b, "'/>");
}

bool blocking_get(struct iq_request *rq, struct iq_error *err)
{
	if (rq->target != IQ_TO_SELF)
		return iq_fail(err, "auth", "forbidden", "XEP-0191 §3.2: only the account itself reads its block list");
	rq->session->blocklist_requested = true;
	if (!buf_append_str(rq->result, "<blocklist xmlns='" NS_BLOCKING "'>") ||
	    store_block_list(rq->store, session_local(rq->session), write_item, rq->result) != STORE_OK ||
	    !buf_append_str(rq->result, "</blocklist>")) {
		buf_clear(rq->result);
		return iq_fail(err, "cancel", "internal-server-error", "XEP-0191 §3.2: the block list cannot be read");
	}
	return true;
}

/* The prepared JIDs of the <item/> children, NUL-separated into `out`. */
static bool collect(struct iq_request *rq, struct iq_error *err, struct buf *out, size_t *count)
{
	struct jid *j = mem_alloc(rq->mem, sizeof *j);
	if (j == NULL)
		return iq_fail(err, "cancel", "internal-server-error", "RFC 6120 §8.3.3.6: out of memory");
	*count = 0;
	bool ok = true;
	for (const struct xml_node *c = rq->payload->first_child; c != NULL && ok; c = c->next) {
		if (c->kind != XML_NODE_ELEMENT || !span_eq(c->local, SPAN_LIT("item")) ||
		    !span_eq(c->ns, SPAN_LIT(NS_BLOCKING)))
			continue;
		const struct xml_attr *a = xml_node_attr(c, span_of(NULL, 0), SPAN_LIT("jid"));
		enum jid_status js = a != NULL ? jid_parse(a->value, j) : JID_E_EMPTY;
		if (js != JID_OK)
			ok = iq_fail(err, "modify", "jid-malformed", "XEP-0191 §3.3: an item's 'jid' is not a valid JID");
		else if (!buf_append_span(out, jid_full(j)) || !buf_append(out, "", 1))
			ok = iq_fail(err, "cancel", "internal-server-error", "RFC 6120 §8.3.3.6: out of memory");
		else
			++*count;
	}
	mem_release(rq->mem, j);
	return ok;
}

/* XEP-0191 §3.3/§3.4: the change goes to every resource that asked for the list. */
static void push(struct iq_request *rq, const char *verb, const struct buf *items)
{
	struct buf b;
	buf_init(&b, rq->mem);
	struct account *a = rq->session->account;
	for (struct session *s = a->sessions; s != NULL; s = s->next) {
		if (!s->blocklist_requested)
			continue;
		buf_clear(&b);
		bool ok = buf_append_str(&b, "<iq type='set' id='block") && buf_append_str(&b, verb) && buf_append_str(&b, "' to='") &&
			  xml_write_attr_value(&b, session_full(s)) == XML_WRITE_OK && buf_append_str(&b, "'><") && buf_append_str(&b, verb) &&
			  buf_append_str(&b, " xmlns='" NS_BLOCKING "'");
		if (items->len == 0) {
			ok = ok && buf_append_str(&b, "/></iq>");
		} else {
			ok = ok && buf_append_str(&b, ">");
			for (size_t at = 0; at < items->len && ok;) {
				const uint8_t *jid = items->data + at;
				size_t len = strlen((const char *)jid);
				ok = write_item(&b, span_of(jid, len));
				at += len + 1;
			}
			ok = ok && buf_append_str(&b, "</") && buf_append_str(&b, verb) && buf_append_str(&b, "></iq>");
		}
		if (ok)
			session_send(s, buf_span(&b));
	}
	buf_free(&b);
}

/* The user's contacts with a 'from' subscription (they see the user's
 * presence), NUL-separated; collected before any send, outside the store call. */
static bool collect_from(void *ctx, const struct store_roster_item *item)
{
	struct buf *b = ctx;
	if (item->removed || !sub_has_from((enum sub_state)item->state))
		return true;
	return buf_append_span(b, item->contact) && buf_append(b, "", 1);
}

/* One presence from each available resource of the user to `to`, a bare or
 * full JID of a local account. */
static void send_presence(struct iq_request *rq, struct span to, bool available)
{
	const uint8_t *slash = memchr(to.ptr, '/', to.len);
	struct span bare = span_of(to.ptr, slash != NULL ? (size_t)(slash - to.ptr) : to.len);
	const uint8_t *at = memchr(bare.ptr, '@', bare.len);
	if (at == NULL || !span_eq(span_of(at + 1, bare.len - (size_t)(at + 1 - bare.ptr)), rq->domain))
		return; /* no federation yet: only local accounts */
	struct span local = span_of(bare.ptr, (size_t)(at - bare.ptr));
	struct session *target = slash != NULL ? router_session(rq->im->router, local,
							       span_of(slash + 1, to.len - bare.len - 1))
					       : NULL;
	if (slash != NULL && target == NULL)
		return;
	struct buf b;
	buf_init(&b, rq->mem);
	for (struct session *s = rq->session->account->sessions; s != NULL; s = s->next) {
		if (!s->available)
			continue;
		buf_clear(&b);
		bool ok = buf_append_str(&b, "<presence from='") && xml_write_attr_value(&b, session_full(s)) == XML_WRITE_OK &&
			  buf_append_str(&b, "' to='") && xml_write_attr_value(&b, to) == XML_WRITE_OK &&
			  buf_append_str(&b, available ? "'" : "' type='unavailable'");
		/* s->presence: the tail of the last available presence, after `<presence` (router.h) */
		if (available && s->presence.len > 0)
			ok = ok && buf_append_span(&b, buf_span(&s->presence));
		else
			ok = ok && buf_append_str(&b, "/>");
		if (!ok)
			continue;
		if (target != NULL)
			session_send(target, buf_span(&b));
		else
			(void)im_deliver_available(rq->im, local, buf_span(&b), false);
	}
	buf_free(&b);
}

/* §3.3: every contact that could see the user and that an item now covers
 * gets unavailable presence from each available resource (a full-JID item:
 * that resource only); §3.4: unblocked, they get the current presence again.
 * Items are matched as blocking_item_matches() does, so a domain item covers
 * every contact at that domain. */
static void for_each(const struct buf *items, struct iq_request *rq, bool available)
{
	struct buf contacts;
	buf_init(&contacts, rq->mem);
	if (store_roster_list(rq->store, session_local(rq->session), 0, collect_from, &contacts) != STORE_OK) {
		buf_free(&contacts);
		return;
	}
	for (size_t at = 0; at < items->len;) {
		struct span item = span_of(items->data + at, strlen((const char *)items->data + at));
		bool full_item = memchr(item.ptr, '/', item.len) != NULL;
		for (size_t c = 0; c < contacts.len;) {
			struct span contact = span_of(contacts.data + c, strlen((const char *)contacts.data + c));
			if (full_item) {
				const uint8_t *slash = memchr(item.ptr, '/', item.len);
				if (span_eq(span_of(item.ptr, (size_t)(slash - item.ptr)), contact))
					send_presence(rq, item, available);
			} else if (blocking_item_matches(item, contact) &&
				   (!available || !blocking_blocks(rq->im, session_local(rq->session), contact))) {
				send_presence(rq, contact, available);
			}
			c += contact.len + 1;
		}
		at += item.len + 1;
	}
	buf_free(&contacts);
}

bool blocking_block(struct iq_request *rq, struct iq_error *err)
{
	if (rq->target != IQ_TO_SELF)
		return iq_fail(err, "auth", "forbidden", "XEP-0191 §3.3: only the account itself changes its block list");
	struct buf items;
	buf_init(&items, rq->mem);
	size_t count = 0;
	bool ok = collect(rq, err, &items, &count);
	if (ok && count == 0)
		ok = iq_fail(err, "modify", "bad-request", "XEP-0191 §3.3: a block request names at least one item");
	struct span user = session_local(rq->session);
	for (size_t at = 0; ok && at < items.len;) {
		const uint8_t *jid = items.data + at;
		size_t len = strlen((const char *)jid);
		enum store_status st = store_block_add(rq->store, user, span_of(jid, len), rq->cfg->im.block_items_max);
		if (st == STORE_E_LIMIT)
			ok = iq_fail(err, "cancel", "not-acceptable", "XEP-0191 §3.3: the block list is full (im.block_items_max)");
		else if (st != STORE_OK)
			ok = iq_fail(err, "cancel", "internal-server-error", "XEP-0191 §3.3: the block list cannot be stored");
		at += len + 1;
	}
	rq->session->account->blocklist_loaded = false;
	(void)cached(rq->im, user); /* reloaded now, never from inside a store callback */
	if (ok) {
		for_each(&items, rq, false);
		push(rq, "block", &items);
	}
	buf_free(&items);
	return ok;
}

bool blocking_unblock(struct iq_request *rq, struct iq_error *err)
{
	if (rq->target != IQ_TO_SELF)
		return iq_fail(err, "auth", "forbidden", "XEP-0191 §3.4: only the account itself changes its block list");
	struct buf items;
	buf_init(&items, rq->mem);
	size_t count = 0;
	struct span user = session_local(rq->session);
	bool ok = collect(rq, err, &items, &count);
	if (ok && count == 0) {
		/* §3.5: no items: unblock everyone. Collect them first for presence. */
		struct account *a = cached(rq->im, user);
		if (a != NULL && !buf_append_span(&items, buf_span(&a->blocklist)))
			ok = iq_fail(err, "cancel", "internal-server-error", "RFC 6120 §8.3.3.6: out of memory");
		if (ok && store_block_remove(rq->store, user, span_of(NULL, 0)) != STORE_OK)
			ok = iq_fail(err, "cancel", "internal-server-error", "XEP-0191 §3.5: the block list cannot be changed");
	}
	for (size_t at = 0; ok && count > 0 && at < items.len;) {
		const uint8_t *jid = items.data + at;
		size_t len = strlen((const char *)jid);
		if (store_block_remove(rq->store, user, span_of(jid, len)) != STORE_OK)
			ok = iq_fail(err, "cancel", "internal-server-error", "XEP-0191 §3.4: the block list cannot be changed");
		at += len + 1;
	}
	rq->session->account->blocklist_loaded = false;
	(void)cached(rq->im, user);
	if (ok) {
		for_each(&items, rq, true);
		struct buf none;
		buf_init(&none, rq->mem);
		push(rq, "unblock", count == 0 ? &none : &items);
		buf_free(&none);
	}
	buf_free(&items);
	return ok;
}
