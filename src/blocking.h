/* blocking.h - XEP-0191 blocking command: the urn:xmpp:blocking IQs, the
 * pushes to resources that asked for the list, and the check the router makes
 * on every stanza between two accounts (XEP-0191 §3.3, both directions).
 *
 * Matching follows XEP-0016 §2.1 as XEP-0191 §6 asks: an item
 * user@domain/resource matches that full JID only; user@domain matches it and
 * every resource; domain/resource that JID only; domain every JID at it.
 *
 * Ownership: an online account's list is cached in its struct account (router.h)
 * and dropped with it; an offline account's list is read from the store per
 * check. Nothing else is kept. */
#ifndef XMPPD_BLOCKING_H
#define XMPPD_BLOCKING_H

#include "im.h"
#include "iq.h"

#define NS_BLOCKING "urn:xmpp:blocking"

bool blocking_get(struct iq_request *rq, struct iq_error *err);
bool blocking_block(struct iq_request *rq, struct iq_error *err);
bool blocking_unblock(struct iq_request *rq, struct iq_error *err);

/* Loads an online account's list into its cache (at bind), so that checks on
 * online accounts never read the store (they run inside roster walks). */
void blocking_load(struct im *im, struct span owner);
/* Does the block list of account `owner` (a localpart) match `other` (a
 * prepared JID, full or bare)? Reads the store when `owner` is offline. */
bool blocking_blocks(struct im *im, struct span owner, struct span other);
/* Does an item match a JID (the XEP-0016 rules above)? For tests. */
bool blocking_item_matches(struct span item, struct span jid);

#endif
