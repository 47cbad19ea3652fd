/* check_im.c - the IM service end to end without sockets (src/im.c,
 * presence.c, roster.c, iq.c): clients are sessions whose output is captured;
 * stanzas are parsed from text and handed to im_stanza() as the connection
 * would. Each test names the RFC 6121 / RFC 6120 rule it checks. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "config.h"
#include "im.h"
#include "suites.h"
#include "test_dir.h"

/* ---------- fixture ---------- */

struct client {
	struct session *s;
	struct buf out;
	char terminated[64]; /* the stream error condition, if the service ended it */
	bool unbound;
};

static char dir[64];
static char db_path[128];
static struct config cfg;
static struct store *st;
static struct im *im;
static struct logger log_null;

static void out_send(void *ctx, struct span bytes)
{
	struct client *c = ctx;
	ck_assert(buf_append_span(&c->out, bytes));
}

static void out_terminate(void *ctx, const char *condition, const char *text)
{
	struct client *c = ctx;
	(void)text;
	(void)snprintf(c->terminated, sizeof c->terminated, "%s", condition);
}

static void out_unbound(void *ctx)
{
	struct client *c = ctx;
	c->unbound = true;
	c->s = NULL;
}

static void add_account(const char *name)
{
	struct credentials creds;
	memset(&creds, 0, sizeof creds);
	for (int h = 0; h < SCRAM_HASH_COUNT; h++) {
		creds.keys[h].salt_len = 16;
		creds.keys[h].iterations = STORE_SCRAM_ITERATIONS_MIN;
	}
	ck_assert_int_eq(store_account_create(st, span_of(name, strlen(name)), &creds), STORE_OK);
}

static void setup_with(const char *config_text)
{
	ck_assert_int_ge(sodium_init(), 0);
	(void)snprintf(dir, sizeof dir, "/tmp/xmppd-im-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	(void)snprintf(db_path, sizeof db_path, "%s/accounts.sqlite", dir);
	ck_assert_int_eq(config_load_string("test.conf", config_text, &cfg, NULL), CONFIG_OK);
	ck_assert_int_eq(store_open(mem_default(), db_path, &st), STORE_OK);
	add_account("juliet");
	add_account("romeo");
	add_account("nurse");
	memset(&log_null, 0, sizeof log_null);
	log_null.level = CONFIG_LOG_ERROR;
	struct im_deps deps = { mem_default(), NULL, &cfg, st, &log_null };
	im = im_new(&deps);
	ck_assert_ptr_nonnull(im);
}

static void setup(void)
{
	setup_with("server = { domain = \"example.com\"; };");
}

static void teardown(void)
{
	im_free(im);
	store_close(st);
	config_free(&cfg);
	test_dir_remove(dir);
}

static void connect_as(struct client *c, const char *full)
{
	memset(c, 0, sizeof *c);
	buf_init(&c->out, mem_default());
	struct session_io io = { c, out_send, out_terminate, out_unbound };
	ck_assert_int_eq(im_bind(im, span_of(full, strlen(full)), &io, "127.0.0.1", &c->s), STREAM_BIND_OK);
}

static void disconnect(struct client *c)
{
	if (c->s != NULL)
		im_unbind(im, c->s);
	buf_free(&c->out);
}

struct feed {
	struct client *c;
};

static enum xml_verdict f_open(void *ctx, const struct xml_node *root)
{
	(void)ctx;
	(void)root;
	return XML_CONTINUE;
}

static enum xml_verdict f_stanza(void *ctx, const struct xml_node *n)
{
	struct feed *f = ctx;
	im_stanza(im, f->c->s, n);
	return XML_CONTINUE;
}

static void f_close(void *ctx)
{
	(void)ctx;
}

/* The client sends these stanzas. */
static void say(struct client *c, const char *xml)
{
	struct feed f = { c };
	struct xml_limits lim = xml_limits_default();
	struct xml_handler h = { &f, f_open, f_stanza, f_close };
	struct xml_parser *xp = xml_parser_new(mem_default(), &lim, &h);
	static const char head[] =
		"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
	size_t used = 0;
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)head, sizeof head - 1, &used), XML_STATUS_OK);
	ck_assert_msg(xml_parser_feed(xp, (const uint8_t *)xml, strlen(xml), &used) == XML_STATUS_OK, "bad XML: %s",
		      xml);
	xml_parser_free(xp);
}

/* What the client received since the last call (NUL-terminated copy). */
static char *got(struct client *c)
{
	char *s = malloc(c->out.len + 1);
	ck_assert_ptr_nonnull(s);
	if (c->out.len > 0)
		memcpy(s, c->out.data, c->out.len);
	s[c->out.len] = '\0';
	buf_clear(&c->out);
	return s;
}

#define EXPECT(c, ...)                                                                    \
	do {                                                                              \
		char *text_ = got(c);                                                     \
		const char *needles_[] = { __VA_ARGS__, NULL };                           \
		for (size_t i_ = 0; needles_[i_] != NULL; i_++)                           \
			ck_assert_msg(strstr(text_, needles_[i_]) != NULL,                \
				      "expected %s\n  in: %s", needles_[i_], text_);     \
		free(text_);                                                              \
	} while (0)

#define EXPECT_NOTHING(c)                                                         \
	do {                                                                      \
		char *text_ = got(c);                                             \
		ck_assert_msg(text_[0] == '\0', "expected nothing, got %s", text_); \
		free(text_);                                                      \
	} while (0)

static void out_of_disco(struct client *c, const char *feature)
{
	char *text = got(c);
	ck_assert_msg(strstr(text, "<identity") != NULL, "%s", text);
	ck_assert_msg(strstr(text, feature) == NULL, "%s advertised: %s", feature, text);
	free(text);
}

static void online(struct client *c, const char *full, const char *presence)
{
	connect_as(c, full);
	say(c, "<iq type='get' id='r0'><query xmlns='jabber:iq:roster'/></iq>");
	say(c, presence);
}

/* Both directions approved between romeo and juliet (RFC 6121 §3.1). */
static void befriend(struct client *r, struct client *j)
{
	say(r, "<presence to='juliet@example.com' type='subscribe'/>");
	say(j, "<presence to='romeo@example.com' type='subscribed'/>");
	say(j, "<presence to='romeo@example.com' type='subscribe'/>");
	say(r, "<presence to='juliet@example.com' type='subscribed'/>");
	free(got(r));
	free(got(j));
}

/* ---------- messages (RFC 6121 §8.5) ---------- */

START_TEST(test_message_to_full_jid_is_stamped)
{
	struct client j, r;
	connect_as(&j, "juliet@example.com/balcony");
	connect_as(&r, "romeo@example.com/orchard");
	/* RFC 6120 §8.1.2.1: the server stamps the full JID of the sender. */
	say(&r, "<message to='juliet@example.com/balcony' type='chat' id='m1'><body>hi</body></message>");
	EXPECT(&j, "<message from='romeo@example.com/orchard' to='juliet@example.com/balcony' type='chat' id='m1'><body>hi</body></message>");
	EXPECT_NOTHING(&r);
	disconnect(&j);
	disconnect(&r);
}
END_TEST

START_TEST(test_message_to_bare_jid_goes_to_highest_priority)
{
	struct client a, b, c, r;
	online(&a, "juliet@example.com/a", "<presence><priority>5</priority></presence>");
	online(&b, "juliet@example.com/b", "<presence><priority>1</priority></presence>");
	online(&c, "juliet@example.com/c", "<presence><priority>-1</priority></presence>");
	connect_as(&r, "romeo@example.com/orchard");
	free(got(&a));
	free(got(&b));
	free(got(&c));
	say(&r, "<message to='juliet@example.com' type='chat'><body>1</body></message>");
	EXPECT(&a, "<body>1</body>");
	EXPECT_NOTHING(&b);
	EXPECT_NOTHING(&c); /* §8.5.2.1.1: never to a negative priority */
	/* headlines go to every non-negative resource */
	say(&r, "<message to='juliet@example.com' type='headline'><body>2</body></message>");
	EXPECT(&a, "<body>2</body>");
	EXPECT(&b, "<body>2</body>");
	EXPECT_NOTHING(&c);
	/* groupchat to a bare JID: service-unavailable */
	say(&r, "<message to='juliet@example.com' type='groupchat' id='g'><body>3</body></message>");
	EXPECT(&r, "type='error'", "<service-unavailable");
	EXPECT_NOTHING(&a);
	/* a full JID with no such resource is treated as the bare JID (chat) */
	say(&r, "<message to='juliet@example.com/gone' type='chat'><body>4</body></message>");
	EXPECT(&a, "to='juliet@example.com/gone'", "<body>4</body>");
	disconnect(&a);
	disconnect(&b);
	disconnect(&c);
	disconnect(&r);
}
END_TEST

START_TEST(test_message_errors)
{
	struct client r;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<message to='tybalt@example.com' id='x1'><body>?</body></message>");
	EXPECT(&r, "from='tybalt@example.com'", "id='x1'", "type='error'", "<service-unavailable");
	say(&r, "<message to='juliet@example.net' id='x2'><body>?</body></message>");
	EXPECT(&r, "<remote-server-not-found");
	say(&r, "<message to='juliet@@example.com' id='x3'><body>?</body></message>");
	EXPECT(&r, "<jid-malformed");
	/* an empty id is still echoed (RFC 6120 §8.3.1: the error carries the id) */
	say(&r, "<message to='tybalt@example.com' id=''><body>?</body></message>");
	EXPECT(&r, " id='' type='error'");
	/* RFC 6120 §8.3.1: never an error in reply to an error */
	say(&r, "<message to='tybalt@example.com' type='error' id='x4'/>");
	EXPECT_NOTHING(&r);
	/* §8.1.2.1: the server overrides whatever 'from' the client wrote */
	struct client n;
	connect_as(&n, "nurse@example.com/kitchen");
	say(&r, "<message from='juliet@example.com/balcony' to='nurse@example.com/kitchen'><body>x</body></message>");
	EXPECT(&n, "<message from='romeo@example.com/orchard' to='nurse@example.com/kitchen'>");
	ck_assert_str_eq(r.terminated, "");
	/* §8.5.3.2.1: a normal message to a resource that is not there is refused */
	say(&r, "<message to='nurse@example.com/gone' id='x5'><body>?</body></message>");
	EXPECT(&r, "id='x5'", "<service-unavailable");
	EXPECT_NOTHING(&n);
	disconnect(&n);
	disconnect(&r);
}
END_TEST

START_TEST(test_offline_messages)
{
	struct client r, j;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<message to='juliet@example.com' type='chat' id='o1'><body>while you slept</body></message>");
	say(&r, "<message to='juliet@example.com' type='chat' id='o2'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
	EXPECT_NOTHING(&r);
	/* XEP-0160: not on negative priority, then on the first non-negative presence */
	online(&j, "juliet@example.com/balcony", "<presence><priority>-1</priority></presence>");
	char *first = got(&j);
	ck_assert_ptr_null(strstr(first, "while you slept"));
	free(first);
	say(&j, "<presence/>");
	EXPECT(&j, "id='o1'", "<body>while you slept</body>", "<delay xmlns='urn:xmpp:delay' from='example.com' stamp='");
	disconnect(&j);
	/* delivered once only */
	online(&j, "juliet@example.com/balcony", "<presence/>");
	char *again = got(&j);
	ck_assert_ptr_null(strstr(again, "while you slept"));
	ck_assert_ptr_null(strstr(again, "composing")); /* chat states are not stored */
	free(again);
	disconnect(&j);
	disconnect(&r);
}
END_TEST

START_TEST(test_offline_queue_full)
{
	teardown();
	setup_with("server = { domain = \"example.com\"; }; im = { offline_max = 1; };");
	struct client r;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<message to='juliet@example.com' id='q1'><body>1</body></message>");
	EXPECT_NOTHING(&r);
	say(&r, "<message to='juliet@example.com' id='q2'><body>2</body></message>");
	EXPECT(&r, "id='q2'", "<service-unavailable");
	disconnect(&r);
}
END_TEST

/* ---------- IQ (RFC 6120 §8.2.3, §10.3) ---------- */

START_TEST(test_iq_rules)
{
	struct client j, r;
	connect_as(&j, "juliet@example.com/balcony");
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>");
	/* no 'to': answered for the account, so no 'from' (like iq.c's replies) */
	EXPECT(&r, "<iq to='romeo@example.com/orchard' type='error'>", "<bad-request");
	say(&r, "<iq type='get' id='2'><a xmlns='urn:x'/><b xmlns='urn:x'/></iq>");
	EXPECT(&r, "id='2'", "<bad-request");
	say(&r, "<iq type='bogus' id='3'><a xmlns='urn:x'/></iq>");
	EXPECT(&r, "id='3'", "<bad-request");
	say(&r, "<iq type='get' id='4' to='example.com'><query xmlns='urn:unknown'/></iq>");
	EXPECT(&r, "<iq type='error' id='4' from='example.com' to='romeo@example.com/orchard'>", "<service-unavailable");
	say(&r, "<iq type='get' id='5' to='juliet@example.com'><query xmlns='urn:unknown'/></iq>");
	EXPECT(&r, "id='5'", "from='juliet@example.com'", "<service-unavailable");
	EXPECT_NOTHING(&j);
	/* to a full JID: routed, and the answer routed back */
	say(&r, "<iq type='get' id='6' to='juliet@example.com/balcony'><query xmlns='jabber:iq:version'/></iq>");
	EXPECT(&j, "<iq from='romeo@example.com/orchard' to='juliet@example.com/balcony' type='get' id='6'>");
	say(&j, "<iq type='result' id='6' to='romeo@example.com/orchard'/>");
	EXPECT(&r, "<iq from='juliet@example.com/balcony' to='romeo@example.com/orchard' type='result' id='6'/>");
	say(&r, "<iq type='get' id='7' to='juliet@example.com/gone'><query xmlns='jabber:iq:version'/></iq>");
	EXPECT(&r, "id='7'", "<service-unavailable");
	/* results to the server are consumed, never answered */
	say(&r, "<iq type='result' id='8'/>");
	say(&r, "<iq type='error' id='9' to='example.com'/>");
	EXPECT_NOTHING(&r);
	say(&r, "<iq type='get' id='10' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
	EXPECT(&r, "<iq type='result' id='10' from='example.com' to='romeo@example.com/orchard'/>");
	disconnect(&j);
	disconnect(&r);
}
END_TEST

START_TEST(test_disco)
{
	struct client r;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<iq type='get' id='d1' to='example.com'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
	EXPECT(&r, "<identity category='server' type='im'", "<feature var='http://jabber.org/protocol/disco#info'/>",
	       "<feature var='urn:xmpp:ping'/>", "<feature var='msgoffline'/>");
	say(&r, "<iq type='get' id='d2' to='example.com'><query xmlns='http://jabber.org/protocol/disco#info' node='x'/></iq>");
	EXPECT(&r, "<item-not-found");
	say(&r, "<iq type='get' id='d3' to='example.com'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
	EXPECT(&r, "<query xmlns='http://jabber.org/protocol/disco#items'/>");
	say(&r, "<iq type='set' id='d4' to='example.com'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
	EXPECT(&r, "<bad-request");
	disconnect(&r);
}
END_TEST

/* ---------- roster (RFC 6121 §2) ---------- */

START_TEST(test_roster_set_get_remove_and_versions)
{
	struct client a, b;
	connect_as(&a, "juliet@example.com/a");
	connect_as(&b, "juliet@example.com/b");
	say(&a, "<iq type='get' id='g1'><query xmlns='jabber:iq:roster' ver=''/></iq>");
	EXPECT(&a, "<iq type='result' id='g1' to='juliet@example.com/a'><query xmlns='jabber:iq:roster' ver='0'></query></iq>");
	say(&b, "<iq type='get' id='g2'><query xmlns='jabber:iq:roster'/></iq>");
	free(got(&b));
	say(&a, "<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='Nurse@Example.com' name='Nurse'>"
		"<group>Servants</group><group>Friends</group></item></query></iq>");
	/* §2.3.2: pushed to every interested resource, then the result */
	char *out = got(&a);
	ck_assert_msg(strstr(out, "<item jid='nurse@example.com' name='Nurse' subscription='none'><group>Servants</group><group>Friends</group></item>") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "ver='1'") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "<iq type='result' id='s1' to='juliet@example.com/a'/>") != NULL, "%s", out);
	free(out);
	EXPECT(&b, "<iq type='set' id='push", "jid='nurse@example.com'");
	say(&a, "<iq type='get' id='g3'><query xmlns='jabber:iq:roster' ver='1'/></iq>");
	EXPECT(&a, "<iq type='result' id='g3' to='juliet@example.com/a'/>"); /* §2.6.3: up to date */
	/* errors of §2.3.3 */
	say(&a, "<iq type='set' id='e1'><query xmlns='jabber:iq:roster'><item jid='a@example.com'/><item jid='b@example.com'/></query></iq>");
	EXPECT(&a, "id='e1'", "<bad-request");
	say(&a, "<iq type='set' id='e2'><query xmlns='jabber:iq:roster'><item jid='a@example.com'><group></group></item></query></iq>");
	EXPECT(&a, "id='e2'", "<not-acceptable");
	say(&a, "<iq type='set' id='e3'><query xmlns='jabber:iq:roster'><item jid='a@example.com'><group>x</group><group>x</group></item></query></iq>");
	EXPECT(&a, "id='e3'", "<bad-request");
	say(&a, "<iq type='set' id='e4'><query xmlns='jabber:iq:roster'><item jid='a@@example.com'/></query></iq>");
	EXPECT(&a, "id='e4'", "<jid-malformed");
	say(&a, "<iq type='set' id='e5'><query xmlns='jabber:iq:roster'><item jid='tybalt@example.com' subscription='remove'/></query></iq>");
	EXPECT(&a, "id='e5'", "<item-not-found");
	say(&a, "<iq type='get' id='e6' to='romeo@example.com'><query xmlns='jabber:iq:roster'/></iq>");
	EXPECT(&a, "id='e6'", "<forbidden");
	/* removal: pushed with subscription='remove' */
	say(&a, "<iq type='set' id='s2'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com' subscription='remove'/></query></iq>");
	EXPECT(&a, "<item jid='nurse@example.com' subscription='remove'/>", "ver='2'", "id='s2'");
	EXPECT(&b, "<item jid='nurse@example.com' subscription='remove'/>");
	/* an old version gets an empty result and the changes as pushes */
	say(&a, "<iq type='get' id='g4'><query xmlns='jabber:iq:roster' ver='1'/></iq>");
	out = got(&a);
	const char *result = strstr(out, "<iq type='result' id='g4' to='juliet@example.com/a'/>");
	const char *push = strstr(out, "subscription='remove'");
	ck_assert_msg(result != NULL && push != NULL && result < push, "%s", out);
	free(out);
	disconnect(&a);
	disconnect(&b);
}
END_TEST

/* ---------- subscriptions and presence (RFC 6121 §3, §4) ---------- */

START_TEST(test_subscription_handshake_and_presence)
{
	struct client r, j;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	online(&j, "juliet@example.com/balcony", "<presence/>");
	free(got(&r));
	free(got(&j));
	/* §3.1.2: the request is stamped with the bare JID; the user's roster shows ask */
	say(&r, "<presence to='juliet@example.com' type='subscribe'/>");
	EXPECT(&r, "<item jid='juliet@example.com' subscription='none' ask='subscribe'/>");
	EXPECT(&j, "<presence from='romeo@example.com' to='juliet@example.com' type='subscribe'/>");
	/* §3.1.5: approval: both rosters updated, romeo gets subscribed and juliet's presence */
	say(&j, "<presence to='romeo@example.com' type='subscribed'/>");
	EXPECT(&j, "<item jid='romeo@example.com' subscription='from'/>");
	EXPECT(&r, "<presence from='juliet@example.com' to='romeo@example.com' type='subscribed'/>",
	       "<item jid='juliet@example.com' subscription='to'/>",
	       "<presence from='juliet@example.com/balcony' to='romeo@example.com'/>");
	/* §4.4: later presence reaches romeo (who has 'to') */
	say(&j, "<presence><show>away</show></presence>");
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com'><show>away</show></presence>");
	EXPECT(&j, "<presence from='juliet@example.com/balcony' to='juliet@example.com/balcony'><show>away</show></presence>");
	/* romeo has no 'from': his presence does not reach juliet */
	say(&r, "<presence><show>dnd</show></presence>");
	EXPECT(&r, "<presence from='romeo@example.com/orchard' to='romeo@example.com/orchard'><show>dnd</show></presence>");
	EXPECT_NOTHING(&j);
	/* a duplicate subscribed is dropped silently (A.2.3: To has no pending in) */
	say(&j, "<presence to='romeo@example.com' type='subscribed'/>");
	EXPECT_NOTHING(&r);
	/* §3.2: juliet cancels romeo's subscription: he gets unsubscribed and her unavailable */
	say(&j, "<presence to='romeo@example.com' type='unsubscribed'/>");
	EXPECT(&r, "type='unsubscribed'", "<item jid='juliet@example.com' subscription='none'/>",
	       "<presence from='juliet@example.com/balcony' to='romeo@example.com' type='unavailable'/>");
	disconnect(&r);
	disconnect(&j);
}
END_TEST

START_TEST(test_probes_and_unavailable_on_disconnect)
{
	struct client r, j;
	connect_as(&r, "romeo@example.com/orchard");
	connect_as(&j, "juliet@example.com/balcony");
	befriend(&r, &j);
	say(&j, "<presence><status>here</status></presence>");
	free(got(&j));
	free(got(&r));
	/* §4.3: romeo's initial presence probes juliet, who is online: her last presence comes back */
	say(&r, "<presence/>");
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com/orchard'><status>here</status></presence>");
	EXPECT(&j, "<presence from='romeo@example.com/orchard' to='juliet@example.com'/>");
	/* §4.5.2: a lost connection is an unavailable presence */
	disconnect(&j);
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com' type='unavailable'/>");
	disconnect(&r);
}
END_TEST

START_TEST(test_pending_request_redelivered)
{
	struct client r, j;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	say(&r, "<presence to='juliet@example.com' type='subscribe'><status>let me in</status></presence>");
	/* juliet is offline: §3.1.3: the request waits for her */
	online(&j, "juliet@example.com/balcony", "<presence/>");
	EXPECT(&j, "<presence from='romeo@example.com' to='juliet@example.com' type='subscribe'><status>let me in</status></presence>");
	/* it is not in her roster yet */
	say(&j, "<iq type='get' id='g'><query xmlns='jabber:iq:roster'/></iq>");
	char *out = got(&j);
	ck_assert_ptr_null(strstr(out, "romeo"));
	free(out);
	/* refusing it clears it: no redelivery at the next login */
	say(&j, "<presence to='romeo@example.com' type='unsubscribed'/>");
	EXPECT(&r, "type='unsubscribed'");
	disconnect(&j);
	online(&j, "juliet@example.com/balcony", "<presence/>");
	out = got(&j);
	ck_assert_ptr_null(strstr(out, "subscribe"));
	free(out);
	disconnect(&j);
	disconnect(&r);
}
END_TEST

START_TEST(test_preapproval)
{
	struct client r, j;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	online(&j, "juliet@example.com/balcony", "<presence/>");
	free(got(&r));
	free(got(&j));
	/* §3.4: juliet approves before romeo asks */
	say(&j, "<presence to='romeo@example.com' type='subscribed'/>");
	EXPECT(&j, "<item jid='romeo@example.com' subscription='none' approved='true'/>");
	EXPECT_NOTHING(&r);
	say(&r, "<presence to='juliet@example.com' type='subscribe'/>");
	/* the server answers for her; she is not asked */
	EXPECT(&r, "type='subscribed'", "<item jid='juliet@example.com' subscription='to'/>",
	       "<presence from='juliet@example.com/balcony' to='romeo@example.com'/>");
	EXPECT(&j, "<item jid='romeo@example.com' subscription='from'/>");
	disconnect(&r);
	disconnect(&j);
}
END_TEST

START_TEST(test_directed_presence)
{
	struct client r, n;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	online(&n, "nurse@example.com/kitchen", "<presence/>");
	free(got(&r));
	free(got(&n));
	/* §4.6: no subscription, but directed presence gets through ... */
	say(&r, "<presence to='nurse@example.com'><show>chat</show></presence>");
	EXPECT(&n, "<presence from='romeo@example.com/orchard' to='nurse@example.com'><show>chat</show></presence>");
	/* ... and the unavailable follows when romeo leaves; a presence error is
	 * routed but owes nothing (only one unavailable comes) */
	say(&r, "<presence to='nurse@example.com/kitchen' type='error'/>");
	EXPECT(&n, "type='error'");
	disconnect(&r);
	char *end = got(&n);
	ck_assert_msg(strstr(end, "<presence from='romeo@example.com/orchard' to='nurse@example.com' type='unavailable'/>") != NULL, "%s", end);
	ck_assert_msg(strstr(end, "nurse@example.com/kitchen") == NULL, "%s", end);
	free(end);
	disconnect(&n);
}
END_TEST

/* Requirement: RFC6120-7.7.2.2-b, RFC6120-4.9.3.3-a */
START_TEST(test_resource_conflict_replaces)
{
	struct client a, b;
	connect_as(&a, "juliet@example.com/balcony");
	connect_as(&b, "juliet@example.com/balcony");
	ck_assert_str_eq(a.terminated, "conflict");
	ck_assert(a.unbound);
	ck_assert_ptr_nonnull(b.s);
	disconnect(&a);
	disconnect(&b);
}
END_TEST

START_TEST(test_bad_presence_type)
{
	struct client r;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<presence type='invisible' id='p'/>");
	EXPECT(&r, "id='p'", "<bad-request");
	say(&r, "<presence type='subscribe' id='p2'/>");
	EXPECT(&r, "id='p2'", "<bad-request");
	disconnect(&r);
}
END_TEST

/* ---------- XEP-0191 blocking ---------- */

START_TEST(test_blocking)
{
	struct client r, j, j2;
	connect_as(&r, "romeo@example.com/orchard");
	connect_as(&j, "juliet@example.com/balcony");
	befriend(&r, &j);
	say(&r, "<presence/>");
	say(&j, "<presence/>");
	connect_as(&j2, "juliet@example.com/chamber");
	say(&j2, "<iq type='get' id='bl0'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
	EXPECT(&j2, "<blocklist xmlns='urn:xmpp:blocking'></blocklist>");
	free(got(&r));
	free(got(&j));
	/* §3.3: block; pushed to resources that asked for the list; romeo sees her go */
	say(&j, "<iq type='set' id='b1'><block xmlns='urn:xmpp:blocking'><item jid='Romeo@example.com'/></block></iq>");
	EXPECT(&j, "<iq type='result' id='b1' to='juliet@example.com/balcony'/>");
	EXPECT(&j2, "<block xmlns='urn:xmpp:blocking'><item jid='romeo@example.com'/></block>");
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com' type='unavailable'/>");
	/* §3.5: romeo's message bounces; §3.6: hers to him is refused */
	say(&r, "<message to='juliet@example.com' id='m1'><body>?</body></message>");
	EXPECT(&r, "id='m1'", "<service-unavailable");
	EXPECT_NOTHING(&j);
	say(&j, "<message to='romeo@example.com/orchard' id='m2'><body>!</body></message>");
	EXPECT(&j, "id='m2'", "<not-acceptable", "<blocked xmlns='urn:xmpp:blocking:errors'/>");
	EXPECT_NOTHING(&r);
	/* presence no longer flows either way */
	say(&j, "<presence><show>away</show></presence>");
	char *out = got(&r);
	ck_assert_ptr_null(strstr(out, "away"));
	free(out);
	say(&j, "<iq type='get' id='bl1'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
	EXPECT(&j, "<item jid='romeo@example.com'/>");
	say(&j, "<iq type='set' id='b2'><block xmlns='urn:xmpp:blocking'/></iq>");
	EXPECT(&j, "id='b2'", "<bad-request");
	/* §3.4: unblock all; pushed as an empty <unblock/>; presence comes back */
	say(&j, "<iq type='set' id='b3'><unblock xmlns='urn:xmpp:blocking'/></iq>");
	EXPECT(&j, "<iq type='result' id='b3' to='juliet@example.com/balcony'/>", "<unblock xmlns='urn:xmpp:blocking'/>");
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com'><show>away</show></presence>");
	say(&r, "<message to='juliet@example.com' id='m3'><body>again</body></message>");
	EXPECT(&j, "<body>again</body>");
	disconnect(&r);
	disconnect(&j);
	disconnect(&j2);
}
END_TEST

/* A domain item covers every contact at the domain (XEP-0191 §3.2, XEP-0016
 * §2.1): they all lose the user's presence at once (found by fuzz/im). */
START_TEST(test_blocking_a_domain)
{
	struct client r, j;
	connect_as(&r, "romeo@example.com/orchard");
	connect_as(&j, "juliet@example.com/balcony");
	befriend(&r, &j);
	say(&r, "<presence/>");
	say(&j, "<presence/>");
	free(got(&r));
	free(got(&j));
	say(&j, "<iq type='set' id='b'><block xmlns='urn:xmpp:blocking'><item jid='example.com'/></block></iq>");
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com' type='unavailable'/>");
	say(&j, "<iq type='set' id='u'><unblock xmlns='urn:xmpp:blocking'><item jid='example.com'/></unblock></iq>");
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com'/>");
	disconnect(&r);
	disconnect(&j);
}
END_TEST

/* RFC 6121 §4.6.3: directed presence from a resource that never sent initial
 * presence is cancelled when it goes, even to a contact with 'from' (found by
 * fuzz/im: no broadcast covers it). */
START_TEST(test_directed_presence_from_unavailable_resource)
{
	struct client r, j;
	connect_as(&r, "romeo@example.com/orchard");
	connect_as(&j, "juliet@example.com/balcony");
	befriend(&r, &j);
	say(&r, "<presence/>");
	free(got(&r));
	say(&j, "<presence to='romeo@example.com'/>");
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com'/>");
	disconnect(&j);
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com' type='unavailable'/>");
	disconnect(&r);
}
END_TEST

/* XEP-0077 §3.2: removing the account answers, then ends its streams. */
START_TEST(test_account_removal_ends_streams)
{
	struct client a, b, r;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	online(&a, "nurse@example.com/a", "<presence/>");
	say(&r, "<presence to='nurse@example.com' type='subscribe'/>");
	say(&a, "<presence to='romeo@example.com' type='subscribed'/>");
	EXPECT(&r, "<presence from='nurse@example.com/a' to='romeo@example.com'/>");
	connect_as(&b, "nurse@example.com/b");
	say(&a, "<iq type='set' id='rm'><query xmlns='jabber:iq:register'><remove/></query></iq>");
	EXPECT(&a, "<iq type='result' id='rm' to='nurse@example.com/a'/>");
	/* §3.2: "SHOULD also cancel all existing presence subscriptions" */
	EXPECT(&r, "<presence from='nurse@example.com' to='romeo@example.com' type='unsubscribed'/>",
	       "<item jid='nurse@example.com' subscription='none'/>",
	       "<presence from='nurse@example.com/a' to='romeo@example.com' type='unavailable'/>");
	disconnect(&r);
	ck_assert_str_eq(a.terminated, "not-authorized");
	ck_assert_str_eq(b.terminated, "not-authorized");
	struct credentials creds;
	ck_assert_int_eq(store_account_get(st, SPAN_LIT("nurse"), &creds), STORE_E_NOT_FOUND);
	disconnect(&a);
	disconnect(&b);
}
END_TEST

/* The handlers of iq_info/iq_storage reached through the table. */
START_TEST(test_table_rows)
{
	struct client r;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<iq type='get' id='v' to='example.com'><query xmlns='jabber:iq:version'/></iq>");
	EXPECT(&r, "<name>xmppd</name>");
	say(&r, "<iq type='get' id='t' to='example.com'><time xmlns='urn:xmpp:time'/></iq>");
	EXPECT(&r, "<tzo>+00:00</tzo>");
	say(&r, "<iq type='set' id='vc'><vCard xmlns='vcard-temp'><FN>Romeo</FN></vCard></iq>");
	EXPECT(&r, "<iq type='result' id='vc' to='romeo@example.com/orchard'/>");
	say(&r, "<iq type='get' id='vc2' to='romeo@example.com'><vCard xmlns='vcard-temp'/></iq>");
	EXPECT(&r, "<FN>Romeo</FN>");
	say(&r, "<iq type='set' id='p'><query xmlns='jabber:iq:private'><n xmlns='urn:x:notes'>x</n></query></iq>");
	EXPECT(&r, "id='p'");
	say(&r, "<iq type='get' id='p2'><query xmlns='jabber:iq:private'><n xmlns='urn:x:notes'/></query></iq>");
	EXPECT(&r, "<n xmlns='urn:x:notes'>x</n>");
	say(&r, "<iq type='get' id='l' to='juliet@example.com'><query xmlns='jabber:iq:last'/></iq>");
	EXPECT(&r, "id='l'", "<forbidden");
	disconnect(&r);
}
END_TEST

START_TEST(test_version_hidden)
{
	teardown();
	setup_with("server = { domain = \"example.com\"; }; im = { version_visible = false; };");
	struct client r;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<iq type='get' id='v' to='example.com'><query xmlns='jabber:iq:version'/></iq>");
	EXPECT(&r, "<service-unavailable");
	say(&r, "<iq type='get' id='d' to='example.com'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
	out_of_disco(&r, "jabber:iq:version");
	disconnect(&r);
}
END_TEST

Suite *im_suite(void)
{
	Suite *s = suite_create("im");
	TCase *tc = tcase_create("im");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_message_to_full_jid_is_stamped);
	tcase_add_test(tc, test_message_to_bare_jid_goes_to_highest_priority);
	tcase_add_test(tc, test_message_errors);
	tcase_add_test(tc, test_offline_messages);
	tcase_add_test(tc, test_offline_queue_full);
	tcase_add_test(tc, test_iq_rules);
	tcase_add_test(tc, test_disco);
	tcase_add_test(tc, test_roster_set_get_remove_and_versions);
	tcase_add_test(tc, test_subscription_handshake_and_presence);
	tcase_add_test(tc, test_probes_and_unavailable_on_disconnect);
	tcase_add_test(tc, test_pending_request_redelivered);
	tcase_add_test(tc, test_preapproval);
	tcase_add_test(tc, test_directed_presence);
	tcase_add_test(tc, test_resource_conflict_replaces);
	tcase_add_test(tc, test_bad_presence_type);
	tcase_add_test(tc, test_blocking);
	tcase_add_test(tc, test_account_removal_ends_streams);
	tcase_add_test(tc, test_blocking_a_domain);
	tcase_add_test(tc, test_directed_presence_from_unavailable_resource);
	tcase_add_test(tc, test_table_rows);
	tcase_add_test(tc, test_version_hidden);
	suite_add_tcase(s, tc);
	return s;
}
