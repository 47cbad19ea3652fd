/* iq_storage.c - XEP-0054 vcard-temp and XEP-0049 private XML storage.
 * See iq_storage.h. */
#include "iq_storage.h"

#include <string.h>

#include "xml_write.h"

#define NS_CLIENT "jabber:client"
#define NS_SERVER "jabber:server"
#define NS_PRIVATE "jabber:iq:private"


static bool no_memory(struct iq_error *err)
{
	return iq_fail(err, "wait", "resource-constraint", "RFC 6120 §8.3.3.18: out of memory");
}

static bool store_failed(enum store_status s, struct iq_error *err)
{
	if (s == STORE_E_NOMEM)
		return no_memory(err);
	return iq_fail(err, s == STORE_E_BUSY ? "wait" : "cancel", "internal-server-error",
		       "RFC 6120 §8.3.3.6: the account store failed");
}

/* A result is written whole or not at all. */
static bool finish(struct iq_request *rq, size_t mark, bool written, struct iq_error *err)
{
	if (written)
		return true;
	rq->result->len = mark;
	return no_memory(err);
}

/* What a set may store: the configured limit, and never more than the store takes. */
static bool fits(const struct iq_request *rq, size_t len)
{
	return len <= rq->cfg->im.value_bytes_max && len <= STORE_VALUE_BYTES_MAX;
}

/* ---------- XEP-0054 vcard-temp ---------- */

static const struct span vcard_key = SPAN_LIT("vcard");

bool iq_vcard_get(struct iq_request *rq, struct iq_error *err)
{
	if (rq->target == IQ_TO_SERVER)
		return iq_fail(err, "cancel", "service-unavailable",
			       "XEP-0054 §3.3: this server has no vCard of its own");
	bool self = rq->target == IQ_TO_SELF;
	struct span vcard = { NULL, 0 };
	enum store_status s = store_value_get(rq->store, jid_local(self ? rq->from : rq->to), vcard_key, &vcard);
	if (s == STORE_E_NOT_FOUND && !self)
		/* §3.3: the same condition as for an account that does not exist */
		return iq_fail(err, "cancel", "service-unavailable",
			       "XEP-0054 §3.3: no vCard is stored for this account");
	if (s != STORE_OK && s != STORE_E_NOT_FOUND)
		return store_failed(s, err);
	size_t mark = rq->result->len;
	/* §3.1: none of one's own is an empty vCard rather than an error. */
	bool ok = s == STORE_OK ? buf_append_span(rq->result, vcard) : buf_append_str(rq->result, "<vCard xmlns='vcard-temp'/>");
	return finish(rq, mark, ok, err);
}

bool iq_vcard_set(struct iq_request *rq, struct iq_error *err)
{
	if (rq->target != IQ_TO_SELF)
		return iq_fail(err, "auth", "forbidden", "XEP-0054 §3.2: only the account itself may change its vCard");
	struct buf vcard;
	buf_init(&vcard, rq->mem);
	bool ok = false;
	if (xml_write(&vcard, rq->payload, SPAN_LIT(NS_CLIENT)) != XML_WRITE_OK) {
		ok = no_memory(err);
	} else if (!fits(rq, vcard.len)) {
		ok = iq_fail(err, "modify", "not-acceptable",
			     "XEP-0054 §3.2: the vCard is larger than this server stores");
	} else {
		enum store_status s = store_value_set(rq->store, jid_local(rq->from), vcard_key, buf_span(&vcard));
		ok = s == STORE_OK || store_failed(s, err);
	}
	buf_free(&vcard);
	return ok;
}

/* ---------- XEP-0049 private XML storage ---------- */

static bool is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool blank(struct span text)
{
	for (size_t i = 0; i < text.len; i++)
		if (!is_space(text.ptr[i]))
			return false;
	return true;
}

/* §2.3 and §3: the sender's own storage, one element, a namespace of its own.
 * NULL (and *err filled) when the request breaks a rule. */
static const struct xml_node *private_element(const struct iq_request *rq, struct iq_error *err)
{
	if (rq->target != IQ_TO_SELF) {
		(void)iq_fail(err, "auth", "forbidden",
			      "XEP-0049 §3: private XML can only be read or written by its own account");
		return NULL;
	}
	const struct xml_node *element = NULL;
	bool more = false, text = false;
	for (const struct xml_node *c = rq->payload->first_child; c != NULL; c = c->next) {
		if (c->kind == XML_NODE_ELEMENT) {
			more = more || element != NULL;
			element = c;
		} else if (!blank(c->text)) {
			text = true;
		}
	}
	if (element == NULL || more || text) {
		(void)iq_fail(err, "modify", "not-acceptable",
			      "XEP-0049 §2.3: the query must hold exactly one element, in a namespace of its own");
		return NULL;
	}
	static const struct span reserved[] = { SPAN_LIT(NS_CLIENT), SPAN_LIT(NS_SERVER), SPAN_LIT(NS_PRIVATE) };
	bool refused = element->ns.len == 0;
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		refused = refused || span_eq(element->ns, reserved[i]);
	if (refused) {
		(void)iq_fail(err, "modify", "not-acceptable",
			      "XEP-0049 §3: the element is in a reserved namespace (or in none)");
		return NULL;
	}
	return element;
}

/* "private:<namespace> <local name>": a local name has no space, so the last
 * space splits a key unambiguously. */
static bool private_key(struct buf *key, const struct xml_node *element)
{
	return buf_append_str(key, "private:") && buf_append_span(key, element->ns) && buf_append_str(key, " ") &&
	       buf_append_span(key, element->local);
}

bool iq_private_get(struct iq_request *rq, struct iq_error *err)
{
	const struct xml_node *element = private_element(rq, err);
	if (element == NULL)
		return false;
	struct buf key;
	buf_init(&key, rq->mem);
	struct span stored = { NULL, 0 };
	enum store_status s = STORE_E_NOMEM;
	if (private_key(&key, element))
		s = store_value_get(rq->store, jid_local(rq->from), buf_span(&key), &stored);
	buf_free(&key);
	if (s != STORE_OK && s != STORE_E_NOT_FOUND)
		return store_failed(s, err);
	size_t mark = rq->result->len;
	bool ok = buf_append_str(rq->result, "<query xmlns='" NS_PRIVATE "'>");
	if (s == STORE_OK) {
		ok = ok && buf_append_span(rq->result, stored);
	} else {
		/* Nothing stored: the element as asked for, without children. */
		struct xml_node empty = *element;
		empty.first_child = NULL;
		empty.last_child = NULL;
		ok = ok && xml_write(rq->result, &empty, SPAN_LIT(NS_PRIVATE)) == XML_WRITE_OK;
	}
	ok = ok && buf_append_str(rq->result, "</query>");
	return finish(rq, mark, ok, err);
}

bool iq_private_set(struct iq_request *rq, struct iq_error *err)
{
	const struct xml_node *element = private_element(rq, err);
	if (element == NULL)
		return false;
	struct buf key, value;
	buf_init(&key, rq->mem);
	buf_init(&value, rq->mem);
	bool ok = false;
	if (!private_key(&key, element) || xml_write(&value, element, SPAN_LIT(NS_PRIVATE)) != XML_WRITE_OK) {
		ok = no_memory(err);
	} else {
		/* The key counts too: the store refuses one over STORE_VALUE_BYTES_MAX. */
		enum store_status s = fits(rq, value.len) ? store_value_set(rq->store, jid_local(rq->from),
									    buf_span(&key), buf_span(&value))
							  : STORE_E_TOO_LARGE;
		if (s == STORE_E_TOO_LARGE)
			ok = iq_fail(err, "modify", "not-acceptable",
				     "XEP-0049 §2.3: the element is larger than this server stores");
		else
			ok = s == STORE_OK || store_failed(s, err);
	}
	buf_free(&key);
	buf_free(&value);
	return ok;
}
