/* iq_register.h - jabber:iq:register (XEP-0077) for an authenticated account:
 * what the account is (get), a new password (§3.3), removing the account
 * (§3.2). Creating an account happens before authentication and is the
 * stream's (src/stream.c, the REGISTER event; src/server.c, server_register).
 *
 * The handlers of one iq.h table row:
 *   { "jabber:iq:register", "query", IQ_TO_SERVER | IQ_TO_SELF,
 *     iq_register_get, iq_register_set, "jabber:iq:register", IQ_TO_SERVER }
 * (§3.2: the request SHOULD carry no 'to'; §3.3's example has to='<domain>';
 * XEP-0077 §10: the disco feature 'jabber:iq:register' on the server.)
 *
 * They use rq->from (its localpart names the account), rq->domain, rq->store,
 * rq->cfg->sasl.scram_iterations, rq->payload and rq->result; never rq->im.
 *
 * Removal: on success iq_register_set sets rq->account_removed and has deleted
 * the account with everything the store keeps for it (roster, offline
 * messages, ...). The caller answers with the (empty) result first, then ends
 * every stream of that account with a <not-authorized/> stream error (§3.2:
 * "the server SHOULD then return a <not-authorized/> stream error and
 * terminate all active sessions for the entity"). §3.2 also says the server
 * SHOULD cancel the account's presence subscriptions: the roster is gone with
 * the account, so telling the contacts (RFC 6121 §3.2, §3.3 unsubscribe and
 * unsubscribed) is not done here; a caller that does it reads the roster
 * before dispatching a <remove/>.
 *
 * Ownership: iq.h (everything in the request is borrowed for the call). */
#ifndef XMPPD_IQ_REGISTER_H
#define XMPPD_IQ_REGISTER_H

#include <stdbool.h>

#include "iq.h"

#define IQ_REGISTER_NS "jabber:iq:register"

/* <registered/>, instructions, the username and an empty <password/> (§3.1). */
bool iq_register_get(struct iq_request *rq, struct iq_error *err);
/* <username/> + <password/>: a new password (§3.3); <remove/> alone: the
 * account is deleted (§3.2). */
bool iq_register_set(struct iq_request *rq, struct iq_error *err);

#endif
