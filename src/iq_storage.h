/* iq_storage.h - IQ handlers that keep XML for an account in the store:
 * XEP-0054 vcard-temp and XEP-0049 private XML storage. Each is an
 * iq_handler_fn for the table in iq.c (iq.h); they use rq->cfg, rq->store,
 * rq->mem and the request, never sessions (rq->im and rq->session may be NULL).
 *
 * What is stored is the element as received, serialized by xml_write() in the
 * jabber:client context (vCard) or the jabber:iq:private context (private XML),
 * so it declares its own namespace and can be sent back verbatim. Store keys:
 * "vcard", and "private:<namespace> <local name>" (store.h).
 *
 * Ownership: everything in struct iq_request is borrowed for the call; the
 * handlers append to rq->result, allocate only temporaries through rq->mem
 * and keep nothing. */
#ifndef XMPPD_IQ_STORAGE_H
#define XMPPD_IQ_STORAGE_H

#include <stdbool.h>

#include "iq.h"

/* vcard-temp <vCard/> get (XEP-0054 §3.1, §3.3). IQ_TO_SELF: the stored vCard,
 * or an empty <vCard xmlns='vcard-temp'/> when there is none. IQ_TO_ACCOUNT:
 * the account's stored vCard, or <item-not-found/> (§3.3 requires an error
 * there, not an empty vCard). IQ_TO_SERVER: <service-unavailable/> (the server
 * has no vCard of its own). */
bool iq_vcard_get(struct iq_request *rq, struct iq_error *err);
/* vcard-temp <vCard/> set (XEP-0054 §3.2): replaces the sender's vCard; to
 * anyone else <forbidden/>; larger than im.value_bytes_max once serialized:
 * <not-acceptable/>. */
bool iq_vcard_set(struct iq_request *rq, struct iq_error *err);

/* jabber:iq:private <query/> get and set (XEP-0049 §2.3, §3). Only for the
 * sender's own account (IQ_TO_SELF), else <forbidden/>. The query must hold
 * exactly one element (whitespace around it is fine) and that element must not
 * be in the jabber:client, jabber:server or jabber:iq:private namespace or in
 * none: else <not-acceptable/>. A get of nothing stored answers the element
 * as sent, emptied of children; a set stores it (im.value_bytes_max applies,
 * <not-acceptable/> above). */
bool iq_private_get(struct iq_request *rq, struct iq_error *err);
bool iq_private_set(struct iq_request *rq, struct iq_error *err);

#endif
