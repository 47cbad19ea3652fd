/* check_subscription.c - presence subscription states (machines/presence.rl,
 * src/subscription.c) against RFC 6121 §3 and Appendix A.
 *
 * The expectation table below is transcribed from the appendix's eight tables
 * (A.2.1-A.2.4 outbound, A.3.1-A.3.4 inbound), one row per (state, event),
 * plus the rows §3.4 (pre-approval) adds; it shares nothing with the machine.
 * Then the derived views, the name tables, and the §3 narratives played
 * between two servers: each side's roster item for the other, a stanza routed
 * or answered as the chart says. */
#include <stdio.h>
#include <string.h>

#include "presence_machine.h"
#include "subscription.h"
#include "suites.h"

/* Short names, so that a row reads like a line of the RFC's tables. */
#define NONE SUB_NONE
#define NONE_PO SUB_NONE_PENDING_OUT
#define NONE_PI SUB_NONE_PENDING_IN
#define NONE_POI SUB_NONE_PENDING_OUT_IN
#define TO SUB_TO
#define TO_PI SUB_TO_PENDING_IN
#define FROM SUB_FROM
#define FROM_PO SUB_FROM_PENDING_OUT
#define BOTH SUB_BOTH
#define NONE_AP SUB_NONE_APPROVED
#define NONE_PO_AP SUB_NONE_PENDING_OUT_APPROVED
#define TO_AP SUB_TO_APPROVED

#define O_SUB SUB_OUT_SUBSCRIBE
#define O_UNSUB SUB_OUT_UNSUBSCRIBE
#define O_SUBD SUB_OUT_SUBSCRIBED
#define O_UNSUBD SUB_OUT_UNSUBSCRIBED
#define I_SUB SUB_IN_SUBSCRIBE
#define I_UNSUB SUB_IN_UNSUBSCRIBE
#define I_SUBD SUB_IN_SUBSCRIBED
#define I_UNSUBD SUB_IN_UNSUBSCRIBED

#define YES true      /* ROUTE? / DELIVER? */
#define NO false
#define SAME (-1)     /* "no state change" */
#define AUTO true     /* the "*" of A.3.1: the server replies "subscribed" itself */

struct row {
	const char *section;
	enum sub_state state;
	enum sub_event event;
	bool forward;
	int next; /* enum sub_state, or SAME */
	bool auto_subscribed;
};

static const struct row rows[] = {
	/* A.2.1 outbound "subscribe": always routed */
	{ "A.2.1", NONE,       O_SUB,    YES, NONE_PO,    NO },
	{ "A.2.1", NONE_PO,    O_SUB,    YES, SAME,       NO },
	{ "A.2.1", NONE_PI,    O_SUB,    YES, NONE_POI,   NO },
	{ "A.2.1", NONE_POI,   O_SUB,    YES, SAME,       NO },
	{ "A.2.1", TO,         O_SUB,    YES, SAME,       NO },
	{ "A.2.1", TO_PI,      O_SUB,    YES, SAME,       NO },
	{ "A.2.1", FROM,       O_SUB,    YES, FROM_PO,    NO },
	{ "A.2.1", FROM_PO,    O_SUB,    YES, SAME,       NO },
	{ "A.2.1", BOTH,       O_SUB,    YES, SAME,       NO },
	{ "A.2.1 as None, §3.4",            NONE_AP,    O_SUB, YES, NONE_PO_AP, NO },
	{ "A.2.1 as None + Pending Out, §3.4", NONE_PO_AP, O_SUB, YES, SAME,    NO },
	{ "A.2.1 as To, §3.4",              TO_AP,      O_SUB, YES, SAME,       NO },

	/* A.2.2 outbound "unsubscribe": always routed */
	{ "A.2.2", NONE,       O_UNSUB,  YES, SAME,       NO },
	{ "A.2.2", NONE_PO,    O_UNSUB,  YES, NONE,       NO },
	{ "A.2.2", NONE_PI,    O_UNSUB,  YES, SAME,       NO },
	{ "A.2.2", NONE_POI,   O_UNSUB,  YES, NONE_PI,    NO },
	{ "A.2.2", TO,         O_UNSUB,  YES, NONE,       NO },
	{ "A.2.2", TO_PI,      O_UNSUB,  YES, NONE_PI,    NO },
	{ "A.2.2", FROM,       O_UNSUB,  YES, SAME,       NO },
	{ "A.2.2", FROM_PO,    O_UNSUB,  YES, FROM,       NO },
	{ "A.2.2", BOTH,       O_UNSUB,  YES, FROM,       NO },
	{ "A.2.2 as None, §3.4",            NONE_AP,    O_UNSUB, YES, SAME,    NO },
	{ "A.2.2 as None + Pending Out, §3.4", NONE_PO_AP, O_UNSUB, YES, NONE_AP, NO },
	{ "A.2.2 as To, §3.4",              TO_AP,      O_UNSUB, YES, NONE_AP, NO },

	/* A.2.3 outbound "subscribed": routed only as an answer to a pending request;
	 * where there is none and no "from", §3.4.2 records a pre-approval */
	{ "A.2.3, §3.4.2", NONE,    O_SUBD,   NO,  NONE_AP,    NO },
	{ "A.2.3, §3.4.2", NONE_PO, O_SUBD,   NO,  NONE_PO_AP, NO },
	{ "A.2.3", NONE_PI,    O_SUBD,   YES, FROM,       NO },
	{ "A.2.3", NONE_POI,   O_SUBD,   YES, FROM_PO,    NO },
	{ "A.2.3, §3.4.2", TO,      O_SUBD,   NO,  TO_AP,      NO },
	{ "A.2.3", TO_PI,      O_SUBD,   YES, BOTH,       NO },
	{ "A.2.3", FROM,       O_SUBD,   NO,  SAME,       NO },
	{ "A.2.3", FROM_PO,    O_SUBD,   NO,  SAME,       NO },
	{ "A.2.3", BOTH,       O_SUBD,   NO,  SAME,       NO },
	{ "§3.4.2 (already pre-approved)", NONE_AP,    O_SUBD, NO, SAME, NO },
	{ "§3.4.2 (already pre-approved)", NONE_PO_AP, O_SUBD, NO, SAME, NO },
	{ "§3.4.2 (already pre-approved)", TO_AP,      O_SUBD, NO, SAME, NO },

	/* A.2.4 outbound "unsubscribed" */
	{ "A.2.4", NONE,       O_UNSUBD, NO,  SAME,       NO },
	{ "A.2.4", NONE_PO,    O_UNSUBD, NO,  SAME,       NO },
	{ "A.2.4", NONE_PI,    O_UNSUBD, YES, NONE,       NO },
	{ "A.2.4", NONE_POI,   O_UNSUBD, YES, NONE_PO,    NO },
	{ "A.2.4", TO,         O_UNSUBD, NO,  SAME,       NO },
	{ "A.2.4", TO_PI,      O_UNSUBD, YES, TO,         NO },
	{ "A.2.4", FROM,       O_UNSUBD, YES, NONE,       NO },
	{ "A.2.4", FROM_PO,    O_UNSUBD, YES, NONE_PO,    NO },
	{ "A.2.4", BOTH,       O_UNSUBD, YES, TO,         NO },
	{ "A.2.4, §3.4 (cancels the pre-approval)", NONE_AP,    O_UNSUBD, NO, NONE,    NO },
	{ "A.2.4, §3.4 (cancels the pre-approval)", NONE_PO_AP, O_UNSUBD, NO, NONE_PO, NO },
	{ "A.2.4, §3.4 (cancels the pre-approval)", TO_AP,      O_UNSUBD, NO, TO,      NO },

	/* A.3.1 inbound "subscribe" */
	{ "A.3.1", NONE,       I_SUB,    YES, NONE_PI,    NO },
	{ "A.3.1", NONE_PO,    I_SUB,    YES, NONE_POI,   NO },
	{ "A.3.1", NONE_PI,    I_SUB,    NO,  SAME,       NO },
	{ "A.3.1", NONE_POI,   I_SUB,    NO,  SAME,       NO },
	{ "A.3.1", TO,         I_SUB,    YES, TO_PI,      NO },
	{ "A.3.1", TO_PI,      I_SUB,    NO,  SAME,       NO },
	{ "A.3.1", FROM,       I_SUB,    NO,  SAME,       AUTO },
	{ "A.3.1", FROM_PO,    I_SUB,    NO,  SAME,       AUTO },
	{ "A.3.1", BOTH,       I_SUB,    NO,  SAME,       AUTO },
	{ "§3.1.3, §3.4 (pre-approved)", NONE_AP,    I_SUB, NO, FROM,    AUTO },
	{ "§3.1.3, §3.4 (pre-approved)", NONE_PO_AP, I_SUB, NO, FROM_PO, AUTO },
	{ "§3.1.3, §3.4 (pre-approved)", TO_AP,      I_SUB, NO, BOTH,    AUTO },

	/* A.3.2 inbound "unsubscribe" */
	{ "A.3.2", NONE,       I_UNSUB,  NO,  SAME,       NO },
	{ "A.3.2", NONE_PO,    I_UNSUB,  NO,  SAME,       NO },
	{ "A.3.2", NONE_PI,    I_UNSUB,  YES, NONE,       NO },
	{ "A.3.2", NONE_POI,   I_UNSUB,  YES, NONE_PO,    NO },
	{ "A.3.2", TO,         I_UNSUB,  NO,  SAME,       NO },
	{ "A.3.2", TO_PI,      I_UNSUB,  YES, TO,         NO },
	{ "A.3.2", FROM,       I_UNSUB,  YES, NONE,       NO },
	{ "A.3.2", FROM_PO,    I_UNSUB,  YES, NONE_PO,    NO },
	{ "A.3.2", BOTH,       I_UNSUB,  YES, TO,         NO },
	{ "A.3.2 as None, §3.4",            NONE_AP,    I_UNSUB, NO, SAME, NO },
	{ "A.3.2 as None + Pending Out, §3.4", NONE_PO_AP, I_UNSUB, NO, SAME, NO },
	{ "A.3.2 as To, §3.4",              TO_AP,      I_UNSUB, NO, SAME, NO },

	/* A.3.3 inbound "subscribed" */
	{ "A.3.3", NONE,       I_SUBD,   NO,  SAME,       NO },
	{ "A.3.3", NONE_PO,    I_SUBD,   YES, TO,         NO },
	{ "A.3.3", NONE_PI,    I_SUBD,   NO,  SAME,       NO },
	{ "A.3.3", NONE_POI,   I_SUBD,   YES, TO_PI,      NO },
	{ "A.3.3", TO,         I_SUBD,   NO,  SAME,       NO },
	{ "A.3.3", TO_PI,      I_SUBD,   NO,  SAME,       NO },
	{ "A.3.3", FROM,       I_SUBD,   NO,  SAME,       NO },
	{ "A.3.3", FROM_PO,    I_SUBD,   YES, BOTH,       NO },
	{ "A.3.3", BOTH,       I_SUBD,   NO,  SAME,       NO },
	{ "A.3.3 as None, §3.4",            NONE_AP,    I_SUBD, NO,  SAME,  NO },
	{ "A.3.3 as None + Pending Out, §3.4", NONE_PO_AP, I_SUBD, YES, TO_AP, NO },
	{ "A.3.3 as To, §3.4",              TO_AP,      I_SUBD, NO,  SAME,  NO },

	/* A.3.4 inbound "unsubscribed" */
	{ "A.3.4", NONE,       I_UNSUBD, NO,  SAME,       NO },
	{ "A.3.4", NONE_PO,    I_UNSUBD, YES, NONE,       NO },
	{ "A.3.4", NONE_PI,    I_UNSUBD, NO,  SAME,       NO },
	{ "A.3.4", NONE_POI,   I_UNSUBD, YES, NONE_PI,    NO },
	{ "A.3.4", TO,         I_UNSUBD, YES, NONE,       NO },
	{ "A.3.4", TO_PI,      I_UNSUBD, YES, NONE_PI,    NO },
	{ "A.3.4", FROM,       I_UNSUBD, NO,  SAME,       NO },
	{ "A.3.4", FROM_PO,    I_UNSUBD, YES, FROM,       NO },
	{ "A.3.4", BOTH,       I_UNSUBD, YES, FROM,       NO },
	{ "A.3.4 as None, §3.4",            NONE_AP,    I_UNSUBD, NO,  SAME,    NO },
	{ "A.3.4 as None + Pending Out, §3.4", NONE_PO_AP, I_UNSUBD, YES, NONE_AP, NO },
	{ "A.3.4 as To, §3.4",              TO_AP,      I_UNSUBD, YES, NONE_AP, NO },
};

#define ROWS (sizeof rows / sizeof rows[0])

START_TEST(test_table_has_every_pair_once)
{
	int seen[SUB_STATE_COUNT][SUB_EVENT_END] = { { 0 } };
	for (size_t i = 0; i < ROWS; i++)
		seen[rows[i].state][rows[i].event]++;
	for (int s = 0; s < SUB_STATE_COUNT; s++)
		for (int e = SUB_OUT_SUBSCRIBE; e < SUB_EVENT_END; e++)
			ck_assert_msg(seen[s][e] == 1, "%s x %s: %d rows", sub_state_name((enum sub_state)s),
				      sub_event_name((enum sub_event)e), seen[s][e]);
	ck_assert_uint_eq(ROWS, 96);
}
END_TEST

/* One loop iteration per row, so a failure names its row. */
/* Requirement: RFC6121-A.2.1-a, RFC6121-A.2.1-b, RFC6121-A.2.1-c, RFC6121-A.2.1-d, RFC6121-A.2.1-e, RFC6121-A.2.1-f, RFC6121-A.2.1-g, RFC6121-A.2.1-h, RFC6121-A.2.1-i, RFC6121-A.2.2-a, RFC6121-A.2.2-b, RFC6121-A.2.2-c, RFC6121-A.2.2-d, RFC6121-A.2.2-e, RFC6121-A.2.2-f, RFC6121-A.2.2-g, RFC6121-A.2.2-h, RFC6121-A.2.2-i, RFC6121-A.2.3-a, RFC6121-A.2.3-b, RFC6121-A.2.3-c, RFC6121-A.2.3-d, RFC6121-A.2.3-e, RFC6121-A.2.3-f, RFC6121-A.2.3-g, RFC6121-A.2.3-h, RFC6121-A.2.3-i, RFC6121-A.2.4-a, RFC6121-A.2.4-b, RFC6121-A.2.4-c, RFC6121-A.2.4-d, RFC6121-A.2.4-e, RFC6121-A.2.4-f, RFC6121-A.2.4-g, RFC6121-A.2.4-h, RFC6121-A.2.4-i, RFC6121-A.3.1-a, RFC6121-A.3.1-b, RFC6121-A.3.1-c, RFC6121-A.3.1-d, RFC6121-A.3.1-e, RFC6121-A.3.1-f, RFC6121-A.3.1-g, RFC6121-A.3.1-h, RFC6121-A.3.1-i, RFC6121-A.3.2-a, RFC6121-A.3.2-b, RFC6121-A.3.2-c, RFC6121-A.3.2-d, RFC6121-A.3.2-e, RFC6121-A.3.2-f, RFC6121-A.3.2-g, RFC6121-A.3.2-h, RFC6121-A.3.2-i, RFC6121-A.3.3-a, RFC6121-A.3.3-b, RFC6121-A.3.3-c, RFC6121-A.3.3-d, RFC6121-A.3.3-e, RFC6121-A.3.3-f, RFC6121-A.3.3-g, RFC6121-A.3.3-h, RFC6121-A.3.3-i, RFC6121-A.3.4-a, RFC6121-A.3.4-b, RFC6121-A.3.4-c, RFC6121-A.3.4-d, RFC6121-A.3.4-e, RFC6121-A.3.4-f, RFC6121-A.3.4-g, RFC6121-A.3.4-h, RFC6121-A.3.4-i, RFC6121-A.3.1-j, RFC6121-A.3.1-k, RFC6121-3.4.2-a, RFC6121-3.4.2-b, RFC6121-3.4.2-c, RFC6121-3.1.3-f, RFC6121-3.1.3-g, RFC6121-3.1.6-a, RFC6121-3.1.6-f, RFC6121-3.2.3-e, RFC6121-3.3.3-e, RFC6121-3.2.2-a, RFC6121-3.2.2-c, RFC6121-3.2.3-a, RFC6121-3.3.3-a */
START_TEST(test_appendix_a_row)
{
	const struct row *r = &rows[_i];
	enum sub_state want_next = r->next == SAME ? r->state : (enum sub_state)r->next;
	struct sub_outcome got = sub_step(r->state, r->event);
	if (got.next != want_next || got.forward != r->forward || got.auto_subscribed != r->auto_subscribed)
		ck_abort_msg("%s: %s + %s: expected (%s, %s%s), got (%s, %s%s)", r->section,
			     sub_state_name(r->state), sub_event_name(r->event), sub_state_name(want_next),
			     r->forward ? "forward" : "drop", r->auto_subscribed ? ", auto-subscribed" : "",
			     sub_state_name(got.next), got.forward ? "forward" : "drop",
			     got.auto_subscribed ? ", auto-subscribed" : "");
}
END_TEST

/* The same rows read differently: properties the RFC states in prose. */
/* Requirement: RFC6121-3.1.3-d */
START_TEST(test_properties_of_the_chart)
{
	for (int s = 0; s < SUB_STATE_COUNT; s++) {
		for (int e = SUB_OUT_SUBSCRIBE; e < SUB_EVENT_END; e++) {
			struct sub_outcome o = sub_step((enum sub_state)s, (enum sub_event)e);
			/* §3.1.2, §3.3.2: subscribe and unsubscribe from the user are always routed */
			if (e == SUB_OUT_SUBSCRIBE || e == SUB_OUT_UNSUBSCRIBE)
				ck_assert(o.forward);
			/* only an inbound request is answered by the server, and then not delivered */
			if (o.auto_subscribed)
				ck_assert(e == SUB_IN_SUBSCRIBE && !o.forward && sub_has_from(o.next));
			/* §3.4: a pre-approval exists only without "from" and without a pending request */
			if (sub_approved(o.next))
				ck_assert(!sub_has_from(o.next) && !sub_pending_in(o.next));
			/* nothing but the user's own "subscribed" grants "from" */
			if (!sub_has_from((enum sub_state)s) && sub_has_from(o.next))
				ck_assert(e == SUB_OUT_SUBSCRIBED || (e == SUB_IN_SUBSCRIBE &&
								       sub_approved((enum sub_state)s)));
			/* nothing but the contact's "subscribed" grants "to" */
			if (!sub_has_to((enum sub_state)s) && sub_has_to(o.next))
				ck_assert_int_eq(e, SUB_IN_SUBSCRIBED);
		}
	}
}
END_TEST

/* A pre-approved state behaves as its base state, keeping the approval, for
 * every event but the three §3.4 is about. */
START_TEST(test_approved_states_follow_their_base)
{
	static const enum sub_state pairs[][2] = {
		{ SUB_NONE_APPROVED, SUB_NONE },
		{ SUB_NONE_PENDING_OUT_APPROVED, SUB_NONE_PENDING_OUT },
		{ SUB_TO_APPROVED, SUB_TO },
	};
	for (size_t i = 0; i < 3; i++) {
		for (int e = SUB_OUT_SUBSCRIBE; e < SUB_EVENT_END; e++) {
			if (e == SUB_OUT_SUBSCRIBED || e == SUB_OUT_UNSUBSCRIBED || e == SUB_IN_SUBSCRIBE)
				continue;
			struct sub_outcome a = sub_step(pairs[i][0], (enum sub_event)e);
			struct sub_outcome b = sub_step(pairs[i][1], (enum sub_event)e);
			ck_assert_int_eq(a.forward, b.forward);
			ck_assert_int_eq(a.auto_subscribed, b.auto_subscribed);
			ck_assert(sub_approved(a.next));
			ck_assert_int_eq(sub_has_to(a.next), sub_has_to(b.next));
			ck_assert_int_eq(sub_pending_out(a.next), sub_pending_out(b.next));
			ck_assert_int_eq(sub_pending_in(a.next), sub_pending_in(b.next));
			ck_assert(!sub_approved(b.next));
		}
	}
}
END_TEST

/* Values outside the enums (a damaged database row, a caller's bug): dropped,
 * nothing changes. */
START_TEST(test_out_of_range_is_dropped)
{
	static const int bad_events[] = { 0, SUB_EVENT_END, 16, 27, -1, 1000 };
	for (size_t i = 0; i < sizeof bad_events / sizeof bad_events[0]; i++) {
		struct sub_outcome o = sub_step(SUB_TO, (enum sub_event)bad_events[i]);
		ck_assert_int_eq(o.next, SUB_TO);
		ck_assert(!o.forward && !o.auto_subscribed);
	}
	static const int bad_states[] = { SUB_STATE_COUNT, 40, -1, -16 };
	for (size_t i = 0; i < sizeof bad_states / sizeof bad_states[0]; i++) {
		struct sub_outcome o = sub_step((enum sub_state)bad_states[i], SUB_IN_SUBSCRIBE);
		ck_assert_int_eq((int)o.next, bad_states[i]);
		ck_assert(!o.forward && !o.auto_subscribed);
		ck_assert_str_eq(sub_roster_value((enum sub_state)bad_states[i]), "none");
		ck_assert(!sub_has_to((enum sub_state)bad_states[i]) && !sub_has_from((enum sub_state)bad_states[i]));
		ck_assert(!sub_pending_out((enum sub_state)bad_states[i]) &&
			  !sub_pending_in((enum sub_state)bad_states[i]) && !sub_approved((enum sub_state)bad_states[i]));
		ck_assert_str_eq(sub_state_name((enum sub_state)bad_states[i]), "SUB_STATE_UNKNOWN");
	}
}
END_TEST

/* ---- derived views (RFC 6121 §2.1.2.1 approved, §2.1.2.2 ask, §2.1.2.5 subscription) ---- */

struct view {
	enum sub_state state;
	const char *subscription;
	bool to, from, ask, pending_in, approved;
};

static const struct view views[] = {
	{ NONE,       "none", false, false, false, false, false },
	{ NONE_PO,    "none", false, false, true,  false, false },
	{ NONE_PI,    "none", false, false, false, true,  false },
	{ NONE_POI,   "none", false, false, true,  true,  false },
	{ TO,         "to",   true,  false, false, false, false },
	{ TO_PI,      "to",   true,  false, false, true,  false },
	{ FROM,       "from", false, true,  false, false, false },
	{ FROM_PO,    "from", false, true,  true,  false, false },
	{ BOTH,       "both", true,  true,  false, false, false },
	{ NONE_AP,    "none", false, false, false, false, true },
	{ NONE_PO_AP, "none", false, false, true,  false, true },
	{ TO_AP,      "to",   true,  false, false, false, true },
};

START_TEST(test_derived_views)
{
	ck_assert_uint_eq(sizeof views / sizeof views[0], SUB_STATE_COUNT);
	for (size_t i = 0; i < SUB_STATE_COUNT; i++) {
		const struct view *v = &views[i];
		ck_assert_str_eq(sub_roster_value(v->state), v->subscription);
		ck_assert_int_eq(sub_has_to(v->state), v->to);
		ck_assert_int_eq(sub_has_from(v->state), v->from);
		ck_assert_int_eq(sub_pending_out(v->state), v->ask);
		ck_assert_int_eq(sub_pending_in(v->state), v->pending_in);
		ck_assert_int_eq(sub_approved(v->state), v->approved);
	}
}
END_TEST

/* ---- names ---- */

START_TEST(test_names_complete_and_distinct)
{
	for (int s = 0; s < SUB_STATE_COUNT; s++) {
		const char *n = sub_state_name((enum sub_state)s);
		ck_assert_ptr_nonnull(n);
		ck_assert_int_eq(strncmp(n, "SUB_", 4), 0);
		ck_assert_str_ne(n, "SUB_STATE_UNKNOWN");
		for (int t = 0; t < s; t++)
			ck_assert_str_ne(n, sub_state_name((enum sub_state)t));
	}
	ck_assert_str_eq(sub_state_name(SUB_NONE_PENDING_OUT), "SUB_NONE_PENDING_OUT");
	ck_assert_str_eq(sub_state_name(SUB_TO_APPROVED), "SUB_TO_APPROVED");
	for (int e = SUB_OUT_SUBSCRIBE; e < SUB_EVENT_END; e++) {
		const char *n = sub_event_name((enum sub_event)e);
		ck_assert_ptr_nonnull(n);
		ck_assert_int_eq(strncmp(n, "SUB_", 4), 0);
		ck_assert_str_ne(n, "SUB_EVENT_UNKNOWN");
		for (int f = SUB_OUT_SUBSCRIBE; f < e; f++)
			ck_assert_str_ne(n, sub_event_name((enum sub_event)f));
	}
	ck_assert_str_eq(sub_event_name(SUB_OUT_SUBSCRIBE), "SUB_OUT_SUBSCRIBE");
	ck_assert_str_eq(sub_event_name(SUB_IN_UNSUBSCRIBED), "SUB_IN_UNSUBSCRIBED");
	ck_assert_str_eq(sub_event_name((enum sub_event)0), "SUB_EVENT_UNKNOWN");
	ck_assert_str_eq(sub_event_name(SUB_EVENT_END), "SUB_EVENT_UNKNOWN");
	ck_assert_str_eq(sub_event_name((enum sub_event)-1), "SUB_EVENT_UNKNOWN");
}
END_TEST

/* The stored numbers are a database format: they must never move. */
START_TEST(test_stored_numbers)
{
	ck_assert_int_eq(SUB_NONE, 0);
	ck_assert_int_eq(SUB_NONE_PENDING_OUT, 1);
	ck_assert_int_eq(SUB_NONE_PENDING_IN, 2);
	ck_assert_int_eq(SUB_NONE_PENDING_OUT_IN, 3);
	ck_assert_int_eq(SUB_TO, 4);
	ck_assert_int_eq(SUB_TO_PENDING_IN, 5);
	ck_assert_int_eq(SUB_FROM, 6);
	ck_assert_int_eq(SUB_FROM_PENDING_OUT, 7);
	ck_assert_int_eq(SUB_BOTH, 8);
	ck_assert_int_eq(SUB_NONE_APPROVED, 9);
	ck_assert_int_eq(SUB_NONE_PENDING_OUT_APPROVED, 10);
	ck_assert_int_eq(SUB_TO_APPROVED, 11);
	ck_assert_int_eq(SUB_STATE_COUNT, 12);
}
END_TEST

/* machines/presence.rl names its alphabet "NAME = N;": events as the enum's
 * names without SUB_, state tokens as ST_ + the name, shifted by the base. */
START_TEST(test_alphabet_matches_the_enums)
{
	FILE *f = fopen("machines/presence.rl", "r");
	ck_assert_ptr_nonnull(f);
	char line[512];
	int events = 0, tokens = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		char *p = line;
		char name[64], full[80];
		int n, used;
		while (sscanf(p, " %63[A-Z_] = %d;%n", name, &n, &used) == 2) {
			if (strncmp(name, "ST_", 3) == 0) {
				int s = n - PRESENCE_STATE_TOKEN_BASE;
				ck_assert_int_ge(s, 0);
				ck_assert_int_lt(s, SUB_STATE_COUNT);
				ck_assert_int_eq(presence_state_token((enum sub_state)s), n);
				(void)snprintf(full, sizeof full, "SUB_%s", name + 3);
				ck_assert_str_eq(sub_state_name((enum sub_state)s), full);
				tokens++;
			} else {
				ck_assert_int_gt(n, 0);
				ck_assert_int_lt(n, SUB_EVENT_END);
				ck_assert_int_lt(n, PRESENCE_STATE_TOKEN_BASE);
				(void)snprintf(full, sizeof full, "SUB_%s", name);
				ck_assert_str_eq(sub_event_name((enum sub_event)n), full);
				events++;
			}
			p += used;
		}
	}
	fclose(f);
	ck_assert_int_eq(events, SUB_EVENT_END - 1);
	ck_assert_int_eq(tokens, SUB_STATE_COUNT);
}
END_TEST

/* ---- RFC 6121 §3 narratives between two servers ----
 *
 * Juliet (the user) and Romeo (the contact), each with the roster item for
 * the other on their own server. A stanza one of them sends is their server's
 * outbound event; if routed, it is the other server's inbound event; if that
 * server answers a subscribe itself, its "subscribed" comes back inbound. */

enum party { JULIET, ROMEO };

struct pair {
	enum sub_state item[2]; /* item[JULIET]: Juliet's roster item for Romeo */
	bool delivered;         /* the last stanza reached the other party */
	bool answered;          /* ... or was answered by the other's server */
};

static enum sub_event inbound(enum sub_event out)
{
	return (enum sub_event)(out + (SUB_IN_SUBSCRIBE - SUB_OUT_SUBSCRIBE));
}

static void send_from(struct pair *p, enum party who, enum sub_event out)
{
	enum party other = who == JULIET ? ROMEO : JULIET;
	struct sub_outcome o = sub_step(p->item[who], out);
	p->item[who] = o.next;
	p->delivered = p->answered = false;
	if (!o.forward)
		return;
	struct sub_outcome in = sub_step(p->item[other], inbound(out));
	p->item[other] = in.next;
	p->delivered = in.forward;
	p->answered = in.auto_subscribed;
	if (in.auto_subscribed) {
		/* §3.1.3: the contact's server sends "subscribed" on the contact's behalf */
		struct sub_outcome back = sub_step(p->item[who], SUB_IN_SUBSCRIBED);
		p->item[who] = back.next;
		ck_assert(back.forward); /* the answer reaches the user who asked */
	}
}

#define assert_items(p, j, r) do { \
	ck_assert_str_eq(sub_state_name((p)->item[JULIET]), sub_state_name(j)); \
	ck_assert_str_eq(sub_state_name((p)->item[ROMEO]), sub_state_name(r)); \
} while (0)

/* §3.1: Juliet asks, Romeo approves; §3.1.6 (mutual): Romeo asks back, Juliet approves. */
/* Requirement: RFC6121-3.4.2-b */
START_TEST(test_handshake_to_both)
{
	struct pair p = { { NONE, NONE }, false, false };
	send_from(&p, JULIET, SUB_OUT_SUBSCRIBE);          /* §3.1.1-§3.1.3 */
	assert_items(&p, NONE_PO, NONE_PI);
	ck_assert(p.delivered && !p.answered);
	ck_assert(sub_pending_out(p.item[JULIET]));        /* ask='subscribe' */
	ck_assert_str_eq(sub_roster_value(p.item[JULIET]), "none");

	send_from(&p, ROMEO, SUB_OUT_SUBSCRIBED);          /* §3.1.4-§3.1.6 */
	assert_items(&p, TO, FROM);
	ck_assert(p.delivered);
	ck_assert_str_eq(sub_roster_value(p.item[JULIET]), "to");
	ck_assert_str_eq(sub_roster_value(p.item[ROMEO]), "from");
	ck_assert(!sub_pending_out(p.item[JULIET]));

	send_from(&p, ROMEO, SUB_OUT_SUBSCRIBE);
	assert_items(&p, TO_PI, FROM_PO);
	ck_assert(p.delivered);

	send_from(&p, JULIET, SUB_OUT_SUBSCRIBED);
	assert_items(&p, BOTH, BOTH);
	ck_assert(p.delivered);
	ck_assert_str_eq(sub_roster_value(p.item[JULIET]), "both");
	ck_assert_str_eq(sub_roster_value(p.item[ROMEO]), "both");
}
END_TEST

/* §3.1.3: a request repeated while pending is routed but not delivered again;
 * a request from someone already approved is answered by the server. */
/* Requirement: RFC6121-3.1.3-f, RFC6121-3.1.3-k, RFC6121-A.3.1-k */
START_TEST(test_repeated_request_and_lost_state)
{
	struct pair p = { { NONE, NONE }, false, false };
	send_from(&p, JULIET, SUB_OUT_SUBSCRIBE);
	send_from(&p, JULIET, SUB_OUT_SUBSCRIBE);
	assert_items(&p, NONE_PO, NONE_PI);
	ck_assert(!p.delivered && !p.answered);

	/* Juliet's server lost her item (None) while Romeo's still says From: the
	 * new request is answered by Romeo's server and both agree again. */
	p.item[JULIET] = NONE;
	p.item[ROMEO] = FROM;
	send_from(&p, JULIET, SUB_OUT_SUBSCRIBE);
	ck_assert(!p.delivered && p.answered);
	assert_items(&p, TO, FROM);
}
END_TEST

/* §3.1.5: Romeo declines Juliet's request (unsubscribed while it is pending). */
START_TEST(test_request_declined)
{
	struct pair p = { { NONE, NONE }, false, false };
	send_from(&p, JULIET, SUB_OUT_SUBSCRIBE);
	send_from(&p, ROMEO, SUB_OUT_UNSUBSCRIBED);
	ck_assert(p.delivered);
	assert_items(&p, NONE, NONE);
	/* Juliet may withdraw her request before an answer (§3.3: unsubscribe). */
	send_from(&p, JULIET, SUB_OUT_SUBSCRIBE);
	send_from(&p, JULIET, SUB_OUT_UNSUBSCRIBE);
	ck_assert(p.delivered);
	assert_items(&p, NONE, NONE);
}
END_TEST

/* From Both: Juliet unsubscribes from Romeo's presence (§3.3), then cancels
 * his subscription to hers (§3.2); then the same from Romeo's side. */
START_TEST(test_cancellation_back_to_none)
{
	struct pair p = { { BOTH, BOTH }, false, false };
	send_from(&p, JULIET, SUB_OUT_UNSUBSCRIBE);         /* §3.3: she stops receiving his */
	ck_assert(p.delivered);
	assert_items(&p, FROM, TO);
	send_from(&p, JULIET, SUB_OUT_UNSUBSCRIBED);        /* §3.2: he stops receiving hers */
	ck_assert(p.delivered);
	assert_items(&p, NONE, NONE);

	p.item[JULIET] = p.item[ROMEO] = BOTH;
	send_from(&p, ROMEO, SUB_OUT_UNSUBSCRIBED);         /* §3.2 from the other side */
	assert_items(&p, FROM, TO);
	send_from(&p, ROMEO, SUB_OUT_UNSUBSCRIBE);          /* §3.3 from the other side */
	assert_items(&p, NONE, NONE);
	/* Cancelling what no longer exists routes the stanza and changes nothing. */
	send_from(&p, ROMEO, SUB_OUT_UNSUBSCRIBE);
	ck_assert(!p.delivered);
	assert_items(&p, NONE, NONE);
}
END_TEST

/* §3.4: Romeo pre-approves Juliet; her later request is approved by his server. */
/* Requirement: RFC6121-3.4.2-c, RFC6121-3.4.2-e, RFC6121-3.1.3-g, RFC6121-A.3.1-j */
START_TEST(test_pre_approval_then_subscribe)
{
	struct pair p = { { NONE, NONE }, false, false };
	send_from(&p, ROMEO, SUB_OUT_SUBSCRIBED);
	ck_assert(!p.delivered);                            /* not routed */
	assert_items(&p, NONE, NONE_AP);
	ck_assert(sub_approved(p.item[ROMEO]));             /* approved='true' */

	send_from(&p, JULIET, SUB_OUT_SUBSCRIBE);
	ck_assert(!p.delivered && p.answered);
	assert_items(&p, TO, FROM);
	ck_assert(!sub_approved(p.item[ROMEO]));            /* used up */

	/* Pre-approval while his own request is pending, then hers: From + Pending Out. */
	p.item[JULIET] = p.item[ROMEO] = NONE;
	send_from(&p, ROMEO, SUB_OUT_SUBSCRIBE);
	assert_items(&p, NONE_PI, NONE_PO);
	send_from(&p, ROMEO, SUB_OUT_SUBSCRIBED);
	/* Romeo's item says nothing was asked of him: a pre-approval, not an answer. */
	assert_items(&p, NONE_PI, NONE_PO_AP);
	send_from(&p, JULIET, SUB_OUT_SUBSCRIBED);          /* she approves his request */
	assert_items(&p, FROM, TO_AP);
	send_from(&p, JULIET, SUB_OUT_SUBSCRIBE);           /* her request, pre-approved */
	ck_assert(p.answered);
	assert_items(&p, BOTH, BOTH);
}
END_TEST

/* §3.4: a pre-approval can be cancelled; a later request then waits for Romeo. */
/* Requirement: RFC6121-3.2.2-c */
START_TEST(test_pre_approval_cancelled)
{
	struct pair p = { { NONE, NONE }, false, false };
	send_from(&p, ROMEO, SUB_OUT_SUBSCRIBED);
	assert_items(&p, NONE, NONE_AP);
	send_from(&p, ROMEO, SUB_OUT_UNSUBSCRIBED);
	ck_assert(!p.delivered);
	assert_items(&p, NONE, NONE);
	send_from(&p, JULIET, SUB_OUT_SUBSCRIBE);
	ck_assert(p.delivered && !p.answered);
	assert_items(&p, NONE_PO, NONE_PI);
}
END_TEST

Suite *subscription_suite(void)
{
	Suite *s = suite_create("subscription");
	TCase *tc = tcase_create("appendix_a");
	tcase_add_test(tc, test_table_has_every_pair_once);
	tcase_add_loop_test(tc, test_appendix_a_row, 0, (int)ROWS);
	tcase_add_test(tc, test_properties_of_the_chart);
	tcase_add_test(tc, test_approved_states_follow_their_base);
	tcase_add_test(tc, test_out_of_range_is_dropped);
	suite_add_tcase(s, tc);

	tc = tcase_create("views");
	tcase_add_test(tc, test_derived_views);
	tcase_add_test(tc, test_names_complete_and_distinct);
	tcase_add_test(tc, test_stored_numbers);
	tcase_add_test(tc, test_alphabet_matches_the_enums);
	suite_add_tcase(s, tc);

	tc = tcase_create("narratives");
	tcase_add_test(tc, test_handshake_to_both);
	tcase_add_test(tc, test_repeated_request_and_lost_state);
	tcase_add_test(tc, test_request_declined);
	tcase_add_test(tc, test_cancellation_back_to_none);
	tcase_add_test(tc, test_pre_approval_then_subscribe);
	tcase_add_test(tc, test_pre_approval_cancelled);
	suite_add_tcase(s, tc);
	return s;
}
