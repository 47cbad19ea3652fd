/* roster.c - roster get/set (RFC 6121 §2), versioning (§2.6), pushes (§2.1.6).
 * Ownership: roster.h. */
#include "roster.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presence.h"
#include "subscription.h"
#include "xml_write.h"

#define NS_ROSTER "jabber:iq:roster"
/* §2.3.3 lets the server limit names and groups; a JID part's limit is a fair one. */
#define ROSTER_TEXT_BYTES_MAX 1023u


static bool put_attr(struct buf *b, const char *name, struct span value)
{
	return buf_append_str(b, " ") && buf_append_str(b, name) && buf_append_str(b, "='") && xml_write_attr_value(b, value) == XML_WRITE_OK &&
	       buf_append_str(b, "'");
}

static bool put_ver(struct buf *b, uint64_t ver)
{
	char v[24];
	int n = snprintf(v, sizeof v, "%" PRIu64, ver);
	return buf_append_str(b, " ver='") && buf_append(b, v, (size_t)n) && buf_append_str(b, "'");
}

bool roster_write_item(struct buf *out, const struct store_roster_item *item)
{
	enum sub_state st = (enum sub_state)item->state;
	if (item->removed)
		return buf_append_str(out, "<item") && put_attr(out, "jid", item->contact) && buf_append_str(out, " subscription='remove'/>");
	bool ok = buf_append_str(out, "<item") && put_attr(out, "jid", item->contact) &&
		  (item->name.len == 0 || put_attr(out, "name", item->name)) && buf_append_str(out, " subscription='") &&
		  buf_append_str(out, sub_roster_value(st)) && buf_append_str(out, "'") &&
		  (!sub_pending_out(st) || buf_append_str(out, " ask='subscribe'")) &&
		  (!sub_approved(st) || buf_append_str(out, " approved='true'"));
	if (item->group_count == 0)
		return ok && buf_append_str(out, "/>");
	ok = ok && buf_append_str(out, ">");
	for (size_t i = 0; i < item->group_count; i++) {
		ok = ok && buf_append_str(out, "<group>") && xml_write_text(out, item->groups[i]) == XML_WRITE_OK &&
		     buf_append_str(out, "</group>");
	}
	return ok && buf_append_str(out, "</item>");
}

static bool write_push(struct buf *b, struct im *im, struct session *to, const struct store_roster_item *item,
		       uint64_t ver)
{
	char id[32];
	int n = snprintf(id, sizeof id, "push%" PRIu64, ++im->push_counter);
	/* §2.1.6: a push has no 'from' (or the user's bare JID): it comes from the account. */
	return buf_append_str(b, "<iq type='set' id='") && buf_append(b, id, (size_t)n) && buf_append_str(b, "'") &&
	       put_attr(b, "to", session_full(to)) && buf_append_str(b, "><query xmlns='" NS_ROSTER "'") && put_ver(b, ver) &&
	       buf_append_str(b, ">") && roster_write_item(b, item) && buf_append_str(b, "</query></iq>");
}

void roster_push(struct im *im, struct span local, const struct store_roster_item *item, uint64_t ver)
{
	struct account *a = router_account(im->router, local);
	struct buf b;
	buf_init(&b, im->deps.mem);
	for (struct session *s = a != NULL ? a->sessions : NULL; s != NULL; s = s->next) {
		buf_clear(&b);
		if (s->interested && write_push(&b, im, s, item, ver))
			session_send(s, buf_span(&b));
	}
	buf_free(&b);
}

/* ---------- get (§2.2, §2.6) ---------- */

struct listing {
	struct buf *out;
	struct iq_request *rq;
	bool pushes; /* write pushes (a versioned get answered with changes only) */
	uint64_t ver;
	bool ok;
};

static bool list_item(void *ctx, const struct store_roster_item *item)
{
	struct listing *l = ctx;
	if (!item->in_roster && !item->removed)
		return true; /* tracked subscription state only (§3.1.3) */
	if (l->pushes)
		l->ok = l->ok && write_push(l->out, l->rq->im, l->rq->session, item, item->ver);
	else
		l->ok = l->ok && roster_write_item(l->out, item);
	return l->ok;
}

/* The client's ver: a version this server gave out, or UINT64_MAX (unknown). */
static uint64_t parse_ver(struct span v)
{
	if (v.len == 0 || v.len > 19)
		return UINT64_MAX;
	uint64_t n = 0;
	for (size_t i = 0; i < v.len; i++) {
		if (v.ptr[i] < '0' || v.ptr[i] > '9')
			return UINT64_MAX;
		n = n * 10 + (uint64_t)(v.ptr[i] - '0');
	}
	return n;
}

bool roster_get(struct iq_request *rq, struct iq_error *err)
{
	if (rq->target != IQ_TO_SELF)
		return iq_fail(err, "auth", "forbidden", "RFC 6121 §2.1.5: only the account itself reads its roster");
	rq->session->interested = true;
	struct span user = session_local(rq->session);
	uint64_t current = 0;
	if (store_roster_version(rq->store, user, &current) != STORE_OK)
		return iq_fail(err, "cancel", "internal-server-error", "RFC 6121 §2.2: the roster cannot be read");
	const struct xml_attr *ver = xml_node_attr(rq->payload, span_of(NULL, 0), SPAN_LIT("ver"));
	uint64_t since = ver != NULL ? parse_ver(ver->value) : UINT64_MAX;
	/* since 0 (a roster that was empty) is answered in full: as short as the changes */
	if (ver != NULL && since <= current && (since > 0 || current == 0)) {
		/* §2.6.3: the client is current, or gets only the changes, as pushes
		 * after an empty result. */
		if (since == current)
			return true;
		struct listing l = { rq->after, rq, true, current, true };
		if (store_roster_list(rq->store, user, since, list_item, &l) != STORE_OK || !l.ok) {
			buf_clear(rq->after);
			return iq_fail(err, "cancel", "internal-server-error", "RFC 6121 §2.6.3: the roster cannot be read");
		}
		return true;
	}
	/* §2.6.3: 'ver' on every result, even when the client sent none. */
	bool ok = buf_append_str(rq->result, "<query xmlns='" NS_ROSTER "'") && put_ver(rq->result, current) &&
		  buf_append_str(rq->result, ">");
	struct listing l = { rq->result, rq, false, current, ok };
	if (store_roster_list(rq->store, user, 0, list_item, &l) != STORE_OK || !l.ok ||
	    !buf_append_str(rq->result, "</query>")) {
		buf_clear(rq->result);
		return iq_fail(err, "cancel", "internal-server-error", "RFC 6121 §2.2: the roster cannot be read");
	}
	return true;
}

/* ---------- set (§2.3, §2.4, §2.5) ---------- */

struct counter {
	size_t items;
};

static bool count_item(void *ctx, const struct store_roster_item *item)
{
	struct counter *c = ctx;
	if (item->in_roster && !item->removed)
		c->items++;
	return true;
}

static bool roster_remove(struct iq_request *rq, struct iq_error *err, struct span user, struct span contact)
{
	struct store_roster_item item;
	enum store_status st = store_roster_get(rq->store, user, contact, &item);
	if (st == STORE_E_NOT_FOUND || (st == STORE_OK && (!item.in_roster || item.removed)))
		return iq_fail(err, "cancel", "item-not-found", "RFC 6121 §2.5.3: the item is not in the roster");
	if (st != STORE_OK)
		return iq_fail(err, "cancel", "internal-server-error", "RFC 6121 §2.5.2: the roster cannot be read");
	enum sub_state state = (enum sub_state)item.state;
	/* §2.5.2: cancel both directions before the item goes. */
	if (sub_has_to(state) || sub_pending_out(state))
		presence_subscription_out(rq->im, user, contact, SUB_OUT_UNSUBSCRIBE, NULL, true);
	if (sub_has_from(state) || sub_pending_in(state))
		presence_subscription_out(rq->im, user, contact, SUB_OUT_UNSUBSCRIBED, NULL, true);
	uint64_t ver = 0;
	if (store_roster_remove(rq->store, user, contact, &ver) != STORE_OK)
		return iq_fail(err, "cancel", "internal-server-error", "RFC 6121 §2.5.2: the item cannot be removed");
	struct store_roster_item gone = { .contact = contact, .removed = true };
	roster_push(rq->im, user, &gone, ver);
	return true;
}

bool roster_set(struct iq_request *rq, struct iq_error *err)
{
	if (rq->target != IQ_TO_SELF)
		return iq_fail(err, "auth", "forbidden", "RFC 6121 §2.1.5: only the account itself changes its roster");
	const struct xml_node *item = NULL;
	size_t items = 0;
	for (const struct xml_node *c = rq->payload->first_child; c != NULL; c = c->next) {
		if (c->kind == XML_NODE_ELEMENT && (items++ == 0))
			item = c;
	}
	if (items != 1 || !span_eq(item->local, SPAN_LIT("item")) || !span_eq(item->ns, SPAN_LIT(NS_ROSTER)))
		return iq_fail(err, "modify", "bad-request", "RFC 6121 §2.3.3: a roster set carries exactly one <item/>");
	const struct xml_attr *jid_attr = xml_node_attr(item, span_of(NULL, 0), SPAN_LIT("jid"));
	if (jid_attr == NULL)
		return iq_fail(err, "modify", "bad-request", "RFC 6121 §2.1.2.3: a roster item needs a 'jid'");
	struct jid *contact = mem_alloc(rq->mem, sizeof *contact);
	if (contact == NULL)
		return iq_fail(err, "cancel", "internal-server-error", "RFC 6120 §8.3.3.6: out of memory");
	bool result = false;
	enum jid_status js = jid_parse(jid_attr->value, contact);
	struct span user = session_local(rq->session);
	if (js != JID_OK) {
		result = js == JID_E_NOMEM ? iq_fail(err, "wait", "resource-constraint", jid_status_text(js))
					   : iq_fail(err, "modify", "jid-malformed", jid_status_text(js));
		goto done;
	}
	if (span_eq(xml_node_attr_value(item, "subscription"), SPAN_LIT("remove"))) {
		result = roster_remove(rq, err, user, jid_full(contact));
		goto done;
	}
	struct store_roster_item next;
	memset(&next, 0, sizeof next);
	struct span name = xml_node_attr_value(item, "name");
	if (name.len > ROSTER_TEXT_BYTES_MAX) {
		result = iq_fail(err, "modify", "not-acceptable", "RFC 6121 §2.3.3: the name is longer than 1023 bytes");
		goto done;
	}
	for (const struct xml_node *g = item->first_child; g != NULL; g = g->next) {
		if (g->kind != XML_NODE_ELEMENT || !span_eq(g->local, SPAN_LIT("group")) ||
		    !span_eq(g->ns, SPAN_LIT(NS_ROSTER)))
			continue;
		struct span text = iq_text(g);
		if (text.len == 0 || text.len > ROSTER_TEXT_BYTES_MAX) {
			result = iq_fail(err, "modify", "not-acceptable",
					 "RFC 6121 §2.3.3: a group name is empty or longer than 1023 bytes");
			goto done;
		}
		for (size_t i = 0; i < next.group_count; i++) {
			if (span_eq(next.groups[i], text)) {
				result = iq_fail(err, "modify", "bad-request",
						 "RFC 6121 §2.3.3: the item names the same group twice");
				goto done;
			}
		}
		if (next.group_count == STORE_ROSTER_GROUPS_MAX) {
			result = iq_fail(err, "modify", "not-acceptable", "RFC 6121 §2.3.3: too many groups on one item");
			goto done;
		}
		next.groups[next.group_count++] = text;
	}
	/* Keep what the server owns: the subscription state and a pending request
	 * (§2.1.2.5: a client cannot set the subscription). */
	struct store_roster_item old;
	enum store_status st = store_roster_get(rq->store, user, jid_full(contact), &old);
	bool exists = st == STORE_OK && old.in_roster && !old.removed;
	uint8_t *pending = NULL;
	if (st == STORE_OK && !old.removed) {
		next.state = old.state;
		if (old.pending.len > 0 && (pending = mem_alloc(rq->mem, old.pending.len)) != NULL) {
			memcpy(pending, old.pending.ptr, old.pending.len);
			next.pending = span_of(pending, old.pending.len);
		}
	} else if (st != STORE_OK && st != STORE_E_NOT_FOUND) {
		result = iq_fail(err, "cancel", "internal-server-error", "RFC 6121 §2.3: the roster cannot be read");
		goto done;
	}
	if (!exists) {
		struct counter c = { 0 };
		if (store_roster_list(rq->store, user, 0, count_item, &c) != STORE_OK ||
		    c.items >= rq->cfg->im.roster_items_max) {
			mem_release(rq->mem, pending);
			result = iq_fail(err, "cancel", "not-allowed", "RFC 6121 §2.3.3: the roster is full (im.roster_items_max)");
			goto done;
		}
	}
	next.contact = jid_full(contact);
	next.name = name;
	next.in_roster = true;
	uint64_t ver = 0;
	st = store_roster_put(rq->store, user, &next, &ver);
	mem_release(rq->mem, pending);
	if (st != STORE_OK) {
		result = iq_fail(err, "cancel", "internal-server-error", "RFC 6121 §2.3: the item cannot be stored");
		goto done;
	}
	/* §2.3.2: pushed to every interested resource, the requester included. */
	next.pending = span_of(NULL, 0);
	roster_push(rq->im, user, &next, ver);
	result = true;
done:
	mem_release(rq->mem, contact);
	return result;
}
