/* check_iq_storage.c - the IQ handlers of src/iq_storage.c called directly, as
 * iq.c will call them: XEP-0054 vcard-temp (one's own vCard, another account's,
 * the size limit, who may change it) and XEP-0049 private XML storage (round
 * trip, keys by namespace and name, the element sent back when nothing is
 * stored, reserved namespaces, one element only, own account only). Each test
 * compares the exact result XML or the error (type, condition, cited rule). */
#include "iq_storage.h"
#include "iq_test.h"

static struct iq_fixture fx;

static void setup(void)
{
	static const char *const users[] = { "alice", "bob", NULL };
	iq_fixture_open(&fx, users);
}

static void teardown(void)
{
	iq_fixture_close(&fx);
}

#define GET(payload) "<iq type='get' id='q1'>" payload "</iq>"
#define SET(payload) "<iq type='set' id='q2'>" payload "</iq>"

/* ---------- XEP-0054 ---------- */

#define VCARD_GET GET("<vCard xmlns='vcard-temp'/>")
#define PETER                                                                                      \
	"<vCard xmlns='vcard-temp'><FN>Peter Saint-Andre</FN><N><FAMILY>Saint-Andre</FAMILY>"      \
	"<GIVEN>Peter</GIVEN><MIDDLE/></N><NICKNAME>stpeter</NICKNAME>"                             \
	"<DESC>Tom &amp; Jerry &lt;3</DESC></vCard>"

/* §3.1: none yet is an empty vCard; §3.2: a set replaces it whole. */
START_TEST(test_vcard_own)
{
	/* Requirement: XEP0054-3.1-a, XEP0054-3.1-b */
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	ck_assert_str_eq(iq_run(&fx, iq_vcard_get, VCARD_GET), "result <vCard xmlns='vcard-temp'/>");
	ck_assert_str_eq(iq_run(&fx, iq_vcard_set, SET(PETER)), "result ");
	ck_assert_str_eq(iq_run(&fx, iq_vcard_get, VCARD_GET), "result " PETER);

	/* Attributes, whitespace and a prefixed form come back as equivalent XML. */
	ck_assert_str_eq(iq_run(&fx, iq_vcard_set, SET("<v:vCard xmlns:v='vcard-temp' version='3.0'>\n"
						       "  <v:FN>A</v:FN>\n</v:vCard>")),
			 "result ");
	ck_assert_str_eq(iq_run(&fx, iq_vcard_get, VCARD_GET),
			 "result <vCard xmlns='vcard-temp' version='3.0'>\n  <FN>A</FN>\n</vCard>");

	/* Stored under the key "vcard", serialized in the jabber:client context. */
	struct span v = { NULL, 0 };
	ck_assert_int_eq(store_value_get(fx.store, SPAN_LIT("alice"), SPAN_LIT("vcard"), &v), STORE_OK);
	ck_assert(span_eq(v, SPAN_LIT("<vCard xmlns='vcard-temp' version='3.0'>\n  <FN>A</FN>\n</vCard>")));

	/* An empty vCard is a vCard: kept as sent. */
	ck_assert_str_eq(iq_run(&fx, iq_vcard_set, SET("<vCard xmlns='vcard-temp'/>")), "result ");
	ck_assert_str_eq(iq_run(&fx, iq_vcard_get, VCARD_GET), "result <vCard xmlns='vcard-temp'/>");
}
END_TEST

/* §3.3: anyone may read an account's vCard; none stored is an error there. */
START_TEST(test_vcard_other_account)
{
	/* Requirement: XEP0054-3.3-b, XEP0054-3.3-c, XEP0054-3.3-d, XEP0054-3.3-e */
	iq_address(&fx, "bob", "alice", IQ_TO_ACCOUNT);
	ck_assert_str_eq(iq_run(&fx, iq_vcard_get, VCARD_GET),
			 "error cancel service-unavailable | XEP-0054 §3.3: no vCard is stored for this account");
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	ck_assert_str_eq(iq_run(&fx, iq_vcard_set, SET(PETER)), "result ");
	iq_address(&fx, "bob", "alice", IQ_TO_ACCOUNT);
	ck_assert_str_eq(iq_run(&fx, iq_vcard_get, VCARD_GET), "result " PETER);
	/* an account that does not exist reads the same as one without a vCard */
	iq_address(&fx, "bob", "nobody", IQ_TO_ACCOUNT);
	iq_assert_error(iq_run(&fx, iq_vcard_get, VCARD_GET), "cancel service-unavailable", "XEP-0054 §3.3:");
	/* bob's own is still empty */
	iq_address(&fx, "bob", "", IQ_TO_SELF);
	ck_assert_str_eq(iq_run(&fx, iq_vcard_get, VCARD_GET), "result <vCard xmlns='vcard-temp'/>");
}
END_TEST

/* §3.2: only the account itself changes its vCard. */
START_TEST(test_vcard_set_forbidden)
{
	/* Requirement: XEP0054-3.2-a, XEP0054-3.2-b */
	iq_address(&fx, "bob", "alice", IQ_TO_ACCOUNT);
	ck_assert_str_eq(iq_run(&fx, iq_vcard_set, SET(PETER)),
			 "error auth forbidden | XEP-0054 §3.2: only the account itself may change its vCard");
	iq_address(&fx, "bob", "", IQ_TO_SERVER);
	iq_assert_error(iq_run(&fx, iq_vcard_set, SET(PETER)), "auth forbidden", "XEP-0054 §3.2:");
	struct span v = { NULL, 0 };
	ck_assert_int_eq(store_value_get(fx.store, SPAN_LIT("alice"), SPAN_LIT("vcard"), &v), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_value_get(fx.store, SPAN_LIT("bob"), SPAN_LIT("vcard"), &v), STORE_E_NOT_FOUND);
}
END_TEST

START_TEST(test_vcard_server)
{
	iq_address(&fx, "alice", "", IQ_TO_SERVER);
	ck_assert_str_eq(iq_run(&fx, iq_vcard_get, VCARD_GET),
			 "error cancel service-unavailable | XEP-0054 §3.3: this server has no vCard of its own");
}
END_TEST

/* im.value_bytes_max bounds the serialized vCard, inclusive. */
START_TEST(test_vcard_size_limit)
{
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	const char *card = "<vCard xmlns='vcard-temp'><FN>0123456789</FN></vCard>";
	fx.cfg.im.value_bytes_max = (uint32_t)strlen(card);
	char iq[256];
	(void)snprintf(iq, sizeof iq, SET("%s"), card);
	ck_assert_str_eq(iq_run(&fx, iq_vcard_set, iq), "result ");
	fx.cfg.im.value_bytes_max--;
	ck_assert_str_eq(iq_run(&fx, iq_vcard_set, SET("<vCard xmlns='vcard-temp'><FN>9876543210</FN></vCard>")),
			 "error modify not-acceptable | XEP-0054 §3.2: the vCard is larger than this server stores");
	/* the refused set left the old one */
	char want[256];
	(void)snprintf(want, sizeof want, "result %s", card);
	ck_assert_str_eq(iq_run(&fx, iq_vcard_get, VCARD_GET), want);
}
END_TEST

/* ---------- XEP-0049 ---------- */

#define PRIVATE(inner) "<query xmlns='jabber:iq:private'>" inner "</query>"
#define EXODUS "<exodus xmlns='exodus:prefs'><defaultnick>Hamlet</defaultnick></exodus>"

/* §2.3, examples 1 and 2. */
START_TEST(test_private_round_trip)
{
	/* Requirement: XEP0049-2.1-a */
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	ck_assert_str_eq(iq_run(&fx, iq_private_set, SET(PRIVATE(EXODUS))), "result ");
	ck_assert_str_eq(iq_run(&fx, iq_private_get, GET(PRIVATE("<exodus xmlns='exodus:prefs'/>"))),
			 "result " PRIVATE(EXODUS));
	/* pretty-printed queries: whitespace around the element is fine */
	ck_assert_str_eq(iq_run(&fx, iq_private_get, GET(PRIVATE("\n  <exodus xmlns='exodus:prefs'/>\n"))),
			 "result " PRIVATE(EXODUS));
	/* stored under "private:<ns> <name>" */
	struct span v = { NULL, 0 };
	ck_assert_int_eq(store_value_get(fx.store, SPAN_LIT("alice"), SPAN_LIT("private:exodus:prefs exodus"), &v),
			 STORE_OK);
	ck_assert(span_eq(v, SPAN_LIT(EXODUS)));
	/* a second set replaces */
	ck_assert_str_eq(iq_run(&fx, iq_private_set, SET(PRIVATE("<exodus xmlns='exodus:prefs'/>"))), "result ");
	ck_assert_str_eq(iq_run(&fx, iq_private_get, GET(PRIVATE("<exodus xmlns='exodus:prefs'/>"))),
			 "result " PRIVATE("<exodus xmlns='exodus:prefs'/>"));
	/* another account's storage is its own */
	iq_address(&fx, "bob", "", IQ_TO_SELF);
	ck_assert_str_eq(iq_run(&fx, iq_private_get, GET(PRIVATE("<exodus xmlns='exodus:prefs'/>"))),
			 "result " PRIVATE("<exodus xmlns='exodus:prefs'/>"));
}
END_TEST

/* Nothing stored: the element as asked for, emptied, attributes kept. */
START_TEST(test_private_get_unknown)
{
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	ck_assert_str_eq(iq_run(&fx, iq_private_get, GET(PRIVATE("<storage xmlns='storage:bookmarks'/>"))),
			 "result " PRIVATE("<storage xmlns='storage:bookmarks'/>"));
	ck_assert_str_eq(iq_run(&fx, iq_private_get,
				GET(PRIVATE("<p:x xmlns:p='urn:a' kind='k&amp;'><p:junk/>text</p:x>"))),
			 "result " PRIVATE("<x xmlns='urn:a' kind='k&amp;'/>"));
}
END_TEST

/* The key is namespace and name together. */
START_TEST(test_private_keys)
{
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	ck_assert_str_eq(iq_run(&fx, iq_private_set, SET(PRIVATE("<a xmlns='urn:one'>1a</a>"))), "result ");
	ck_assert_str_eq(iq_run(&fx, iq_private_set, SET(PRIVATE("<b xmlns='urn:one'>1b</b>"))), "result ");
	ck_assert_str_eq(iq_run(&fx, iq_private_set, SET(PRIVATE("<a xmlns='urn:two'>2a</a>"))), "result ");
	ck_assert_str_eq(iq_run(&fx, iq_private_get, GET(PRIVATE("<a xmlns='urn:one'/>"))),
			 "result " PRIVATE("<a xmlns='urn:one'>1a</a>"));
	ck_assert_str_eq(iq_run(&fx, iq_private_get, GET(PRIVATE("<b xmlns='urn:one'/>"))),
			 "result " PRIVATE("<b xmlns='urn:one'>1b</b>"));
	ck_assert_str_eq(iq_run(&fx, iq_private_get, GET(PRIVATE("<a xmlns='urn:two'/>"))),
			 "result " PRIVATE("<a xmlns='urn:two'>2a</a>"));
	ck_assert_str_eq(iq_run(&fx, iq_private_get, GET(PRIVATE("<b xmlns='urn:two'/>"))),
			 "result " PRIVATE("<b xmlns='urn:two'/>"));
}
END_TEST

/* §2.3: exactly one element, and nothing else but whitespace. */
START_TEST(test_private_one_element)
{
	/* Requirement: XEP0049-2.3-a, XEP0049-2.3-d */
	static const char *const bad[] = {
		PRIVATE(""),
		PRIVATE("<a xmlns='urn:x'/><b xmlns='urn:x'/>"),
		PRIVATE("<a xmlns='urn:x'/><a xmlns='urn:x'/>"),
		PRIVATE("text<a xmlns='urn:x'/>"),
		PRIVATE("<a xmlns='urn:x'/>text"),
	};
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char iq[256];
		for (int set = 0; set < 2; set++) {
			(void)snprintf(iq, sizeof iq, "<iq type='%s' id='x'>%s</iq>", set ? "set" : "get", bad[i]);
			const char *out = iq_run(&fx, set ? iq_private_set : iq_private_get, iq);
			ck_assert_msg(strcmp(out, "error modify not-acceptable | XEP-0049 §2.3: the query must hold"
						  " exactly one element, in a namespace of its own") == 0,
				      "%s: %s", iq, out);
		}
	}
}
END_TEST

/* §2.3 and §3: reserved namespaces, and none. A child without xmlns is in the
 * query's own namespace, jabber:iq:private. */
START_TEST(test_private_reserved_namespaces)
{
	/* Requirement: XEP0049-2.3-e */
	static const char *const bad[] = {
		PRIVATE("<a/>"),
		PRIVATE("<a xmlns='jabber:iq:private'/>"),
		PRIVATE("<a xmlns='jabber:client'/>"),
		PRIVATE("<a xmlns='jabber:server'/>"),
		PRIVATE("<a xmlns=''/>"),
	};
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char iq[256];
		for (int set = 0; set < 2; set++) {
			(void)snprintf(iq, sizeof iq, "<iq type='%s' id='x'>%s</iq>", set ? "set" : "get", bad[i]);
			const char *out = iq_run(&fx, set ? iq_private_set : iq_private_get, iq);
			ck_assert_msg(strcmp(out, "error modify not-acceptable | XEP-0049 §3: the element is in a"
						  " reserved namespace (or in none)") == 0,
				      "%s: %s", iq, out);
		}
	}
	/* a namespace that merely starts like one is fine */
	ck_assert_str_eq(iq_run(&fx, iq_private_set, SET(PRIVATE("<a xmlns='jabber:client:x'/>"))), "result ");
}
END_TEST

/* §2.3 and §3: someone else's storage (or the server's) is forbidden, checked
 * before the content. */
START_TEST(test_private_forbidden)
{
	/* Requirement: XEP0049-2.3-c, XEP0049-4-a */
	iq_address(&fx, "bob", "alice", IQ_TO_ACCOUNT);
	ck_assert_str_eq(iq_run(&fx, iq_private_set, SET(PRIVATE(EXODUS))),
			 "error auth forbidden | XEP-0049 §3: private XML can only be read or written by its own"
			 " account");
	iq_assert_error(iq_run(&fx, iq_private_get, GET(PRIVATE("<exodus xmlns='exodus:prefs'/>"))),
			"auth forbidden", "XEP-0049 §3:");
	iq_assert_error(iq_run(&fx, iq_private_get, GET(PRIVATE(""))), "auth forbidden", "XEP-0049 §3:");
	iq_address(&fx, "bob", "", IQ_TO_SERVER);
	iq_assert_error(iq_run(&fx, iq_private_set, SET(PRIVATE(EXODUS))), "auth forbidden", "XEP-0049 §3:");
	struct span v = { NULL, 0 };
	ck_assert_int_eq(store_value_get(fx.store, SPAN_LIT("alice"), SPAN_LIT("private:exodus:prefs exodus"), &v),
			 STORE_E_NOT_FOUND);
}
END_TEST

START_TEST(test_private_size_limit)
{
	iq_address(&fx, "alice", "", IQ_TO_SELF);
	fx.cfg.im.value_bytes_max = (uint32_t)strlen(EXODUS);
	ck_assert_str_eq(iq_run(&fx, iq_private_set, SET(PRIVATE(EXODUS))), "result ");
	fx.cfg.im.value_bytes_max--;
	ck_assert_str_eq(iq_run(&fx, iq_private_set, SET(PRIVATE(EXODUS))),
			 "error modify not-acceptable | XEP-0049 §2.3: the element is larger than this server stores");
}
END_TEST

Suite *iq_storage_suite(void)
{
	Suite *s = suite_create("iq_storage");
	TCase *vcard = tcase_create("vcard");
	tcase_add_checked_fixture(vcard, setup, teardown);
	tcase_add_test(vcard, test_vcard_own);
	tcase_add_test(vcard, test_vcard_other_account);
	tcase_add_test(vcard, test_vcard_set_forbidden);
	tcase_add_test(vcard, test_vcard_server);
	tcase_add_test(vcard, test_vcard_size_limit);
	suite_add_tcase(s, vcard);

	TCase *private = tcase_create("private");
	tcase_add_checked_fixture(private, setup, teardown);
	tcase_add_test(private, test_private_round_trip);
	tcase_add_test(private, test_private_get_unknown);
	tcase_add_test(private, test_private_keys);
	tcase_add_test(private, test_private_one_element);
	tcase_add_test(private, test_private_reserved_namespaces);
	tcase_add_test(private, test_private_forbidden);
	tcase_add_test(private, test_private_size_limit);
	suite_add_tcase(s, private);
	return s;
}
