/* roster.h - rosters (RFC 6121 §2): the jabber:iq:roster get and set handler,
 * versioning (§2.6) and roster pushes to interested resources (§2.1.6).
 *
 * Ownership: nothing is kept; items come from the store and are borrowed for
 * the call. */
#ifndef XMPPD_ROSTER_H
#define XMPPD_ROSTER_H

#include "im.h"
#include "iq.h"

bool roster_get(struct iq_request *rq, struct iq_error *err);
bool roster_set(struct iq_request *rq, struct iq_error *err);
/* Pushes the item (as stored at version `ver`) to every interested resource
 * of `local`; a removed item is pushed with subscription='remove'. */
void roster_push(struct im *im, struct span local, const struct store_roster_item *item, uint64_t ver);
/* <item .../> for the item. */
bool roster_write_item(struct buf *out, const struct store_roster_item *item) __attribute__((warn_unused_result));

#endif
