/* iq_info.h - IQ handlers that answer with facts about the server or an
 * account: XEP-0092 software version, XEP-0202 entity time, XEP-0012 last
 * activity, XEP-0199 ping. Each is an iq_handler_fn for the table in iq.c
 * (iq.h); they read rq->cfg, rq->store, rq->now_unix and rq->started_unix and
 * nothing else of the server (no sessions: rq->im and rq->session may be NULL).
 *
 * XEP-0012 and sessions: iq_info_last() answers from the store, i.e. for an
 * account with no available resource. When the addressed account has one, the
 * caller (the router, which knows sessions) answers seconds='0' itself
 * (XEP-0012 §3) - but only after iq_last_authorize() said yes, so that being
 * online is not revealed to someone who may not see the account's presence.
 *
 * Ownership: everything in struct iq_request is borrowed for the call; the
 * handlers append to rq->result and keep nothing. */
#ifndef XMPPD_IQ_INFO_H
#define XMPPD_IQ_INFO_H

#include <stdbool.h>

#include "iq.h"

/* jabber:iq:version <query/> to the server (XEP-0092): name "xmppd", the
 * VERSION macro (or "0.1"), the operating system's name (uname sysname, no
 * release) only with im.version_os; <service-unavailable/> when
 * im.version_visible is false. */
bool iq_info_version(struct iq_request *rq, struct iq_error *err);

/* urn:xmpp:time <time/> to the server (XEP-0202): UTC from rq->now_unix. */
bool iq_info_time(struct iq_request *rq, struct iq_error *err);

/* urn:xmpp:ping <ping/> (XEP-0199): an empty result. */
bool iq_info_ping(struct iq_request *rq, struct iq_error *err);

/* jabber:iq:last <query/> (XEP-0012). To the server (IQ_TO_SERVER): its uptime,
 * rq->now_unix - rq->started_unix (§5). To an account (IQ_TO_SELF, or
 * IQ_TO_ACCOUNT: the account named by rq->to): seconds since its last session
 * ended, with the status text of its last unavailable presence (§3), if
 * iq_last_authorize() allows it; <item-not-found/> when nothing is recorded. */
bool iq_info_last(struct iq_request *rq, struct iq_error *err);

/* XEP-0012 §3 and §8: only the account itself and those with a presence
 * subscription to it (its roster item for the requester's bare JID has a
 * 'from' subscription, sub_has_from) may learn its last activity; anyone else
 * gets <forbidden/>. True for the server target. */
bool iq_last_authorize(struct iq_request *rq, struct iq_error *err);

#endif
