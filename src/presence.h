/* presence.h - presence (RFC 6121 §4) and subscriptions (§3): broadcasts,
 * probes, directed presence, and the glue that runs each subscription stanza
 * through the chart of machines/presence.rl (subscription.h) on both sides,
 * stores the new state and pushes the roster item.
 *
 * Ownership: nothing is kept here; state lives in the sessions (router.h) and
 * the store. Trees are borrowed for the call. */
#ifndef XMPPD_PRESENCE_H
#define XMPPD_PRESENCE_H

#include "im.h"
#include "subscription.h"

/* A presence stanza from the session's client (to: prepared, NULL if absent). */
void presence_outbound(struct im *im, struct session *s, const struct xml_node *n, const struct jid *to);
/* The session is going away: unavailable presence to whoever had its presence. */
void presence_session_ended(struct im *im, struct session *s);
/* The user `local` sends a subscription stanza (event SUB_OUT_*) to `contact`
 * (a bare JID); `n` is the client's stanza, or NULL when the server sends it on
 * the user's behalf. `removing`: a roster removal (RFC 6121 §2.5.2) sends it;
 * the item is about to go, so it is neither kept in the roster nor pushed. */
void presence_subscription_out(struct im *im, struct span local, struct span contact, enum sub_event event,
			       const struct xml_node *n, bool removing);

/* The account is about to be removed (XEP-0077 §3.2: "SHOULD also cancel all
 * existing presence subscriptions"): every subscription in its roster is
 * cancelled as a roster removal would (RFC 6121 §2.5.2), so the contacts get
 * unsubscribe/unsubscribed and, where they saw the user, unavailable presence. */
void presence_cancel_all(struct im *im, struct span local);

#endif
