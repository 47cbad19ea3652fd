/* check_iq_info.c - the IQ handlers of src/iq_info.c called directly, as iq.c
 * will call them: XEP-0092 software version, XEP-0202 entity time, XEP-0199
 * ping, XEP-0012 last activity (uptime; an offline account's last activity,
 * only for itself and its presence subscribers). Each test compares the exact
 * result XML or the error (type, condition, and the rule its text cites). */
#include <sys/utsname.h>

#include "iq_info.h"
#include "iq_test.h"

#ifndef VERSION
#define VERSION "0.1"
#endif

static struct iq_fixture fx;

static void setup(void)
{
	static const char *const users[] = { "alice", "bob", "carol", NULL };
	iq_fixture_open(&fx, users);
}

static void teardown(void)
{
	iq_fixture_close(&fx);
}

#define GET(payload) "<iq type='get' id='q1'>" payload "</iq>"

/* ---------- XEP-0092 ---------- */

START_TEST(test_version)
{
	/* Requirement: XEP0092-2-a, XEP0092-2-b, XEP0092-5-a */
	iq_address(&fx, "alice", "", IQ_TO_SERVER);
	ck_assert_str_eq(iq_run(&fx, iq_info_version, GET("<query xmlns='jabber:iq:version'/>")),
			 "result <query xmlns='jabber:iq:version'><name>xmppd</name><version>" VERSION
			 "</version></query>");
}
END_TEST

START_TEST(test_version_with_os)
{
	/* Requirement: XEP0092-2-c */
	fx.cfg.im.version_os = true;
	struct utsname un;
	ck_assert_int_eq(uname(&un), 0);
	char want[512];
	(void)snprintf(want, sizeof want,
		       "result <query xmlns='jabber:iq:version'><name>xmppd</name><version>" VERSION
		       "</version><os>%s</os></query>", un.sysname);
	iq_address(&fx, "alice", "", IQ_TO_SERVER);
	ck_assert_str_eq(iq_run(&fx, iq_info_version, GET("<query xmlns='jabber:iq:version'/>")), want);
}
END_TEST

/* XEP-0092 §5: the administrator can hide it; hidden is "not offered". */
START_TEST(test_version_hidden)
{
	fx.cfg.im.version_visible = false;
	fx.cfg.im.version_os = true;
	iq_address(&fx, "alice", "", IQ_TO_SERVER);
	ck_assert_str_eq(iq_run(&fx, iq_info_version, GET("<query xmlns='jabber:iq:version'/>")),
			 "error cancel service-unavailable | XEP-0092 §5: this server does not disclose its"
			 " software version");
}
END_TEST

/* ---------- XEP-0202 ---------- */

START_TEST(test_time)
{
	/* Requirement: XEP0202-2-a, XEP0202-2-b, XEP0082-3.2-a */
	iq_address(&fx, "alice", "", IQ_TO_SERVER);
	ck_assert_str_eq(iq_run(&fx, iq_info_time, GET("<time xmlns='urn:xmpp:time'/>")),
			 "result <time xmlns='urn:xmpp:time'><tzo>+00:00</tzo>"
			 "<utc>2023-11-14T22:13:20Z</utc></time>");
	fx.now = 0;
	ck_assert_str_eq(iq_run(&fx, iq_info_time, GET("<time xmlns='urn:xmpp:time'/>")),
			 "result <time xmlns='urn:xmpp:time'><tzo>+00:00</tzo>"
			 "<utc>1970-01-01T00:00:00Z</utc></time>");
	fx.now = 951782400; /* a leap day */
	ck_assert_str_eq(iq_run(&fx, iq_info_time, GET("<time xmlns='urn:xmpp:time'/>")),
			 "result <time xmlns='urn:xmpp:time'><tzo>+00:00</tzo>"
			 "<utc>2000-02-29T00:00:00Z</utc></time>");
}
END_TEST

START_TEST(test_time_out_of_range)
{
	/* Requirement: RFC6120-8.3.3.6-a */
	iq_address(&fx, "alice", "", IQ_TO_SERVER);
	fx.now = INT64_MAX;
	iq_assert_error(iq_run(&fx, iq_info_time, GET("<time xmlns='urn:xmpp:time'/>")),
			"cancel internal-server-error", "XEP-0202 §2:");
	fx.now = 253402300800; /* 10000-01-01: five digits do not fit XEP-0082 */
	iq_assert_error(iq_run(&fx, iq_info_time, GET("<time xmlns='urn:xmpp:time'/>")),
			"cancel internal-server-error", "XEP-0202 §2:");
}
END_TEST

/* ---------- XEP-0199 ---------- */

START_TEST(test_ping)
{
	/* Requirement: XEP0199-4.2-a */
	iq_address(&fx, "alice", "", IQ_TO_SERVER);
	ck_assert_str_eq(iq_run(&fx, iq_info_ping, GET("<ping xmlns='urn:xmpp:ping'/>")), "result ");
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	ck_assert_str_eq(iq_run(&fx, iq_info_ping, GET("<ping xmlns='urn:xmpp:ping'/>")), "result ");
}
END_TEST

/* ---------- XEP-0012 ---------- */

#define LAST GET("<query xmlns='jabber:iq:last'/>")

/* §5: to the server, its uptime. */
START_TEST(test_last_server_uptime)
{
	/* Requirement: XEP0012-2-b, XEP0012-5-a */
	iq_address(&fx, "alice", "", IQ_TO_SERVER);
	ck_assert_str_eq(iq_run(&fx, iq_info_last, LAST), "result <query xmlns='jabber:iq:last' seconds='10000'/>");
	fx.started = fx.now;
	ck_assert_str_eq(iq_run(&fx, iq_info_last, LAST), "result <query xmlns='jabber:iq:last' seconds='0'/>");
	fx.started = fx.now + 50; /* the clock went back */
	ck_assert_str_eq(iq_run(&fx, iq_info_last, LAST), "result <query xmlns='jabber:iq:last' seconds='0'/>");
}
END_TEST

/* §3: the account itself: seconds since logout, the status text as content. */
START_TEST(test_last_self)
{
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	iq_assert_error(iq_run(&fx, iq_info_last, LAST), "cancel item-not-found", "XEP-0012 §3:");
	ck_assert_int_eq(store_last_set(fx.store, SPAN_LIT("alice"), fx.now - 903, SPAN_LIT("Heading Home")),
			 STORE_OK);
	ck_assert_str_eq(iq_run(&fx, iq_info_last, LAST),
			 "result <query xmlns='jabber:iq:last' seconds='903'>Heading Home</query>");
	/* no status text: an empty element; markup in the text is escaped */
	ck_assert_int_eq(store_last_set(fx.store, SPAN_LIT("alice"), fx.now - 5, SPAN_LIT("")), STORE_OK);
	ck_assert_str_eq(iq_run(&fx, iq_info_last, LAST), "result <query xmlns='jabber:iq:last' seconds='5'/>");
	ck_assert_int_eq(store_last_set(fx.store, SPAN_LIT("alice"), fx.now, SPAN_LIT("a<b>&c")), STORE_OK);
	ck_assert_str_eq(iq_run(&fx, iq_info_last, LAST),
			 "result <query xmlns='jabber:iq:last' seconds='0'>a&lt;b&gt;&amp;c</query>");
	/* a logout recorded "in the future" (clock set back) is not a negative age */
	ck_assert_int_eq(store_last_set(fx.store, SPAN_LIT("alice"), fx.now + 100, SPAN_LIT("")), STORE_OK);
	ck_assert_str_eq(iq_run(&fx, iq_info_last, LAST), "result <query xmlns='jabber:iq:last' seconds='0'/>");
}
END_TEST

/* alice's roster holds bob in `state`; bob asks for alice's last activity. */
static const char *bob_asks_alice(enum sub_state state)
{
	struct store_roster_item it;
	memset(&it, 0, sizeof it);
	it.contact = SPAN_LIT("bob@localhost");
	it.state = state;
	it.in_roster = true;
	uint64_t ver = 0;
	ck_assert_int_eq(store_roster_put(fx.store, SPAN_LIT("alice"), &it, &ver), STORE_OK);
	iq_address(&fx, "bob", "alice", IQ_TO_ACCOUNT);
	return iq_run(&fx, iq_info_last, LAST);
}

/* §3 and §8: another account sees it only with a subscription to alice's
 * presence: her roster item for him says 'from' (RFC 6121 §2.1.2.5: From and
 * Both, pending outbound requests or not). */
START_TEST(test_last_needs_subscription)
{
	/* Requirement: XEP0012-3-b, XEP0012-3-c, XEP0012-8-b */
	ck_assert_int_eq(store_last_set(fx.store, SPAN_LIT("alice"), fx.now - 60, SPAN_LIT("lunch")), STORE_OK);
	static const struct {
		enum sub_state state;
		bool allowed;
	} cases[] = {
		{ SUB_NONE, false },
		{ SUB_NONE_PENDING_OUT, false },
		{ SUB_NONE_PENDING_IN, false },
		{ SUB_NONE_PENDING_OUT_IN, false },
		{ SUB_TO, false },
		{ SUB_TO_PENDING_IN, false },
		{ SUB_FROM, true },
		{ SUB_FROM_PENDING_OUT, true },
		{ SUB_BOTH, true },
		{ SUB_NONE_APPROVED, false },
		{ SUB_NONE_PENDING_OUT_APPROVED, false },
		{ SUB_TO_APPROVED, false },
	};
	ck_assert_uint_eq(sizeof cases / sizeof cases[0], SUB_STATE_COUNT);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *out = bob_asks_alice(cases[i].state);
		if (cases[i].allowed)
			ck_assert_msg(strcmp(out, "result <query xmlns='jabber:iq:last' seconds='60'>lunch</query>")
					      == 0,
				      "state %d: %s", (int)cases[i].state, out);
		else
			ck_assert_msg(strcmp(out, "error auth forbidden | XEP-0012 §3: only those subscribed to the"
						  " account's presence may see its last activity")
					      == 0,
				      "state %d: %s", (int)cases[i].state, out);
	}
}
END_TEST

START_TEST(test_last_strangers_and_removed_items)
{
	ck_assert_int_eq(store_last_set(fx.store, SPAN_LIT("alice"), fx.now - 60, SPAN_LIT("")), STORE_OK);
	/* carol is on nobody's roster */
	iq_address(&fx, "carol", "alice", IQ_TO_ACCOUNT);
	iq_assert_error(iq_run(&fx, iq_info_last, LAST), "auth forbidden", "XEP-0012 §3:");
	/* bob was subscribed, then removed: a tombstone grants nothing */
	ck_assert_str_eq(bob_asks_alice(SUB_BOTH), "result <query xmlns='jabber:iq:last' seconds='60'/>");
	uint64_t ver = 0;
	ck_assert_int_eq(store_roster_remove(fx.store, SPAN_LIT("alice"), SPAN_LIT("bob@localhost"), &ver),
			 STORE_OK);
	iq_address(&fx, "bob", "alice", IQ_TO_ACCOUNT);
	iq_assert_error(iq_run(&fx, iq_info_last, LAST), "auth forbidden", "XEP-0012 §3:");
	/* bob's own roster holding alice does not matter: it is alice's roster that counts */
	struct store_roster_item it;
	memset(&it, 0, sizeof it);
	it.contact = SPAN_LIT("alice@localhost");
	it.state = SUB_BOTH;
	it.in_roster = true;
	ck_assert_int_eq(store_roster_put(fx.store, SPAN_LIT("bob"), &it, &ver), STORE_OK);
	iq_assert_error(iq_run(&fx, iq_info_last, LAST), "auth forbidden", "XEP-0012 §3:");
}
END_TEST

/* Authorized, but nothing recorded (alice never logged out): item-not-found.
 * An account that does not exist gives a stranger the same forbidden as one
 * that does, so this query cannot probe for accounts. */
START_TEST(test_last_nothing_recorded)
{
	ck_assert_str_eq(bob_asks_alice(SUB_FROM), "error cancel item-not-found | XEP-0012 §3: no last activity is"
						   " recorded for this account");
	iq_address(&fx, "bob", "nobody", IQ_TO_ACCOUNT);
	iq_assert_error(iq_run(&fx, iq_info_last, LAST), "auth forbidden", "XEP-0012 §3:");
}
END_TEST

/* What the router calls before answering seconds='0' for an online account. */
START_TEST(test_last_authorize_alone)
{
	struct iq_error err = { NULL, NULL, NULL };
	struct iq_request rq;
	memset(&rq, 0, sizeof rq);
	rq.store = fx.store;
	rq.cfg = &fx.cfg;
	rq.from = &fx.from;
	rq.to = &fx.to;
	iq_address(&fx, "carol", "alice", IQ_TO_ACCOUNT);
	rq.target = fx.target;
	ck_assert(!iq_last_authorize(&rq, &err));
	ck_assert_str_eq(err.condition, "forbidden");
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	rq.target = fx.target;
	ck_assert(iq_last_authorize(&rq, &err));
	iq_address(&fx, "carol", "", IQ_TO_SERVER);
	rq.target = fx.target;
	ck_assert(iq_last_authorize(&rq, &err));
	/* the account's own bare JID, however it was classified */
	iq_address(&fx, "alice", "alice", IQ_TO_ACCOUNT);
	rq.target = fx.target;
	ck_assert(iq_last_authorize(&rq, &err));
}
END_TEST

Suite *iq_info_suite(void)
{
	Suite *s = suite_create("iq_info");
	TCase *tc = tcase_create("handlers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_version);
	tcase_add_test(tc, test_version_with_os);
	tcase_add_test(tc, test_version_hidden);
	tcase_add_test(tc, test_time);
	tcase_add_test(tc, test_time_out_of_range);
	tcase_add_test(tc, test_ping);
	tcase_add_test(tc, test_last_server_uptime);
	tcase_add_test(tc, test_last_self);
	tcase_add_test(tc, test_last_needs_subscription);
	tcase_add_test(tc, test_last_strangers_and_removed_items);
	tcase_add_test(tc, test_last_nothing_recorded);
	tcase_add_test(tc, test_last_authorize_alone);
	suite_add_tcase(s, tc);
	return s;
}
