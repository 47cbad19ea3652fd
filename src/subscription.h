/* subscription.h - presence subscription states (RFC 6121 §3 and Appendix A).
 *
 * The chart is machines/presence.rl: for each state of one roster item (one
 * user, one contact), what each of the eight subscription stanzas does when the
 * user sends it (outbound, Appendix A.2) or when it arrives for the user
 * (inbound, Appendix A.3): whether it is routed/delivered, whether the server
 * answers it itself, and the next state. Pre-approval (§3.4) is folded into the
 * states: it can only exist where the contact has no subscription from the user
 * and has not asked for one (None, None + Pending Out, To).
 *
 * This module has no I/O and no allocation: it maps (state, event) to an
 * outcome; the caller (roster/presence glue) stores the state and does the rest.
 * Ownership: nothing to own. */
#ifndef XMPPD_SUBSCRIPTION_H
#define XMPPD_SUBSCRIPTION_H

#include <stdbool.h>

/* Stored in the database as these numbers: never renumber. */
enum sub_state {
	SUB_NONE = 0,
	SUB_NONE_PENDING_OUT = 1,
	SUB_NONE_PENDING_IN = 2,
	SUB_NONE_PENDING_OUT_IN = 3,
	SUB_TO = 4,
	SUB_TO_PENDING_IN = 5,
	SUB_FROM = 6,
	SUB_FROM_PENDING_OUT = 7,
	SUB_BOTH = 8,
	/* §3.4 pre-approved: the next inbound subscribe is approved by the server */
	SUB_NONE_APPROVED = 9,
	SUB_NONE_PENDING_OUT_APPROVED = 10,
	SUB_TO_APPROVED = 11,
	SUB_STATE_COUNT
};

enum sub_event {
	/* the user sends (Appendix A.2) */
	SUB_OUT_SUBSCRIBE = 1,
	SUB_OUT_UNSUBSCRIBE,
	SUB_OUT_SUBSCRIBED,
	SUB_OUT_UNSUBSCRIBED,
	/* arrives for the user (Appendix A.3) */
	SUB_IN_SUBSCRIBE,
	SUB_IN_UNSUBSCRIBE,
	SUB_IN_SUBSCRIBED,
	SUB_IN_UNSUBSCRIBED,
	SUB_EVENT_END
};

struct sub_outcome {
	enum sub_state next;
	/* outbound: route the stanza to the contact; inbound: deliver it to the user
	 * (to every available resource with non-negative priority, or keep it as a
	 * pending request when there is none). False: silently dropped (§3.1.3, ...). */
	bool forward;
	/* inbound subscribe answered by the server itself with <presence
	 * type='subscribed'/> on the user's behalf (already approved: From/Both, or
	 * pre-approved, §3.1.3 and §3.4) */
	bool auto_subscribed;
};

/* One step of the chart. Every (state, event) pair has an outcome. */
struct sub_outcome sub_step(enum sub_state state, enum sub_event event);

/* Derived views of a state. */
bool sub_has_to(enum sub_state s);          /* the user receives the contact's presence */
bool sub_has_from(enum sub_state s);        /* the contact receives the user's presence */
bool sub_pending_out(enum sub_state s);     /* ask='subscribe' in the roster */
bool sub_pending_in(enum sub_state s);      /* a request waits for the user's answer */
bool sub_approved(enum sub_state s);        /* approved='true' in the roster (§3.4) */
/* "none", "to", "from" or "both": the roster's subscription attribute (§2.1.2.5). */
const char *sub_roster_value(enum sub_state s);
const char *sub_state_name(enum sub_state s);   /* "SUB_NONE_PENDING_OUT" */
const char *sub_event_name(enum sub_event e);   /* "SUB_OUT_SUBSCRIBE" */

#endif
