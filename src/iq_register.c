/* iq_register.c - jabber:iq:register after authentication (XEP-0077 §3.2,
 * §3.3). Ownership: iq_register.h. */
#include "iq_register.h"

#include <string.h>

#include <sodium.h>

#include "account.h"
#include "xml_write.h"

/* Errors never echo the request (§3.3: "SHOULD NOT return the original XML"
 * for password changes; it holds the new password): iq.c never does. */

static bool in_query(const struct xml_node *c, const char *local)
{
	return c->kind == XML_NODE_ELEMENT && span_eq(c->ns, SPAN_LIT(IQ_REGISTER_NS)) &&
	       span_eq(c->local, span_of(local, strlen(local)));
}

static const struct xml_node *field(const struct xml_node *query, const char *local)
{
	for (const struct xml_node *c = query->first_child; c != NULL; c = c->next) {
		if (in_query(c, local))
			return c;
	}
	return NULL;
}

/* The character data of a field without child elements; empty otherwise. */
static struct span field_text(const struct xml_node *n)
{
	const struct xml_node *c = n != NULL ? n->first_child : NULL;
	return c != NULL && c->kind == XML_NODE_TEXT && c->next == NULL ? c->text : span_of(NULL, 0);
}

/* The account is the sender's localpart. */
static struct span own_username(const struct iq_request *rq)
{
	return jid_local(rq->from);
}

/* §3.3's example names the account by its username; the data-form variant by
 * the bare JID. Either must be the sender's own account. */
static bool names_own_account(const struct iq_request *rq, struct span given)
{
	struct span own = own_username(rq);
	if (span_eq(given, own))
		return true;
	if (given.ptr == NULL || given.len != own.len + 1 + rq->domain.len)
		return false;
	return span_eq(span_of(given.ptr, own.len), own) && given.ptr[own.len] == '@' &&
	       span_eq(span_of(given.ptr + own.len + 1, rq->domain.len), rq->domain);
}


bool iq_register_get(struct iq_request *rq, struct iq_error *err)
{
	/* §3.1: an entity already registered gets "an empty <registered/> element",
	 * SHOULD get what is on file ("the <password/> element MAY be empty") and
	 * SHOULD get <instructions/>. */
	bool ok = buf_append_str(rq->result, "<query xmlns='" IQ_REGISTER_NS "'><registered/><instructions>This account is "
				  "registered. Send your username with a new password to change it, or remove to "
				  "cancel the account.</instructions><username>") &&
		  xml_write_text(rq->result, own_username(rq)) == XML_WRITE_OK &&
		  buf_append_str(rq->result, "</username><password/></query>");
	if (!ok)
		return iq_fail(err, "wait", "resource-constraint", "RFC 6120 §8.3.3.18: out of memory");
	return true;
}

/* §3.2: <remove/> deletes the sender's account. */
static bool remove_account(struct iq_request *rq, struct iq_error *err)
{
	for (const struct xml_node *c = rq->payload->first_child; c != NULL; c = c->next) {
		if (c->kind == XML_NODE_ELEMENT && !in_query(c, "remove"))
			return iq_fail(err, "modify", "bad-request",
				    "XEP-0077 §3.2: <remove/> must be the only child element of <query/>");
	}
	enum store_status st = store_account_delete(rq->store, own_username(rq));
	if (st == STORE_E_NOT_FOUND)
		return iq_fail(err, "auth", "registration-required", "XEP-0077 §3.2: this account is not registered");
	if (st != STORE_OK)
		return iq_fail(err, "cancel", "internal-server-error", "XEP-0077 §3.2: the account store failed");
	rq->account_removed = true;
	return true;
}

/* §3.3: a new password, turned into SCRAM keys the way xmppctl passwd does. */
static bool change_password(struct iq_request *rq, struct iq_error *err)
{
	struct span username = field_text(field(rq->payload, "username"));
	struct span password = field_text(field(rq->payload, "password"));
	/* §3.3: an empty password "MUST NOT change the password to a null value";
	 * its error table answers incomplete requests with <bad-request/>. */
	if (username.len == 0 || password.len == 0)
		return iq_fail(err, "modify", "bad-request",
			    "XEP-0077 §3.3: a password change needs a <username/> and a non-empty <password/>");
	if (!names_own_account(rq, username))
		return iq_fail(err, "auth", "forbidden",
			    "XEP-0077 §3.3: a password can be changed only for the account of this session");
	if (password.len > ACCOUNT_PASSWORD_MAX)
		return iq_fail(err, "modify", "not-acceptable", "XEP-0077 §3.3: the password is longer than 1023 bytes");
	struct credentials creds;
	if (!account_credentials_create(password, rq->cfg->sasl.scram_iterations, &creds))
		return iq_fail(err, "cancel", "internal-server-error", "XEP-0077 §3.3: deriving the keys failed");
	enum store_status st = store_account_set_credentials(rq->store, own_username(rq), &creds);
	sodium_memzero(&creds, sizeof creds);
	if (st == STORE_E_NOT_FOUND)
		return iq_fail(err, "auth", "registration-required", "XEP-0077 §3.3: this account is not registered");
	if (st != STORE_OK)
		return iq_fail(err, "cancel", "internal-server-error", "XEP-0077 §3.3: the account store failed");
	return true;
}

bool iq_register_set(struct iq_request *rq, struct iq_error *err)
{
	if (field(rq->payload, "remove") != NULL)
		return remove_account(rq, err);
	return change_password(rq, err);
}
