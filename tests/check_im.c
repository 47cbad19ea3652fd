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
#include <sqlite3.h>

#include "blocking.h"
#include "config.h"
#include "im.h"
#include "suites.h"
#include "test_account.h"
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

static void setup_with(const char *config_text)
{
	ck_assert_int_ge(sodium_init(), 0);
	(void)snprintf(dir, sizeof dir, "/tmp/xmppd-im-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	(void)snprintf(db_path, sizeof db_path, "%s/accounts.sqlite", dir);
	ck_assert_int_eq(config_load_string("test.conf", config_text, &cfg, NULL), CONFIG_OK);
	ck_assert_int_eq(store_open(mem_default(), db_path, &st), STORE_OK);
	test_account_add(st, "juliet");
	test_account_add(st, "romeo");
	test_account_add(st, "nurse");
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

static void connect_from(struct client *c, const char *full, const char *ip)
{
	memset(c, 0, sizeof *c);
	buf_init(&c->out, mem_default());
	struct session_io io = { c, out_send, out_terminate, out_unbound, NULL };
	ck_assert_int_eq(im_bind(im, span_of(full, strlen(full)), &io, ip, &c->s), STREAM_BIND_OK);
}

static void connect_as(struct client *c, const char *full)
{
	connect_from(c, full, "127.0.0.1");
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

/* Requirement: RFC6120-8.1.2.1-a, RFC6120-10.5.4-a */
/* Requirement: RFC6121-8.5.3.1-c, RFC6121-9-a */
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

/* Requirement: RFC6120-10.5.3.2-a, RFC6120-10.5.4-b */
/* Requirement: RFC6121-8.5.2.1.1-f, RFC6121-8.5.2.1.1-g, RFC6121-8.5.2.1.1-h, RFC6121-8.5.2.1.1-k, RFC6121-8.5.2.1.1-m, RFC6121-8.5.3.2.1-e, RFC6121-8.5.4-b, RFC6121-5.2.2-a */
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

/* Requirement: RFC6120-8.1.2.1-a, RFC6120-8.3.1-c, RFC6120-8.3.1-e, RFC6120-10.4.3-a, RFC6120-10.5.3.1-a */
/* Requirement: RFC6121-8.5.1-b, RFC6121-8.5.3.2.1-a, RFC6121-8.1-a, RFC6121-8.5.4-a, RFC6121-11-b */
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
	/* RFC 6121 §8.5.3.2.1: a normal message to a resource that is not there is
	 * dropped or refused; §8.1: refused only for those who may know the
	 * account's presence (here once the nurse sent romeo directed presence),
	 * silently dropped for anyone else, so that nobody else learns whether a
	 * resource is online (§11) */
	say(&r, "<message to='nurse@example.com/gone' id='x5'><body>?</body></message>");
	EXPECT_NOTHING(&r);
	say(&r, "<message to='nurse@example.com/gone' type='headline' id='x6'><body>?</body></message>");
	EXPECT_NOTHING(&r);
	say(&n, "<presence to='romeo@example.com'/>");
	free(got(&r));
	say(&r, "<message to='nurse@example.com/gone' id='x7'><body>?</body></message>");
	EXPECT(&r, "id='x7'", "<service-unavailable");
	say(&r, "<message to='nurse@example.com/gone' type='headline' id='x8'><body>?</body></message>");
	EXPECT(&r, "id='x8'", "<service-unavailable");
	EXPECT_NOTHING(&n);
	disconnect(&n);
	disconnect(&r);
}
END_TEST

/* Requirement: RFC6120-8.3.1-f, RFC6120-8.3.1-g */
START_TEST(test_error_stanzas_carry_no_original_payload)
{
	/* RFC 6120 §8.3.1: the original XML may be echoed only when it is harmless;
	 * the server never echoes it, so nothing malformed or oversized can come
	 * back; and an <error/> child goes only into stanzas of type 'error'. */
	struct client r;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<message to='tybalt@example.com' id='o1'><body>secret</body><lute xmlns='urn:example:music'/></message>");
	char *e = got(&r);
	ck_assert_ptr_nonnull(strstr(e, "type='error'"));
	ck_assert_ptr_nonnull(strstr(e, "<error "));
	ck_assert_ptr_null(strstr(e, "secret"));
	ck_assert_ptr_null(strstr(e, "<lute"));
	free(e);
	say(&r, "<iq type='get' id='o2'><query xmlns='jabber:iq:roster'/></iq>");
	char *res = got(&r);
	ck_assert_ptr_nonnull(strstr(res, "type='result'"));
	ck_assert_ptr_null(strstr(res, "<error"));
	free(res);
	disconnect(&r);
}
END_TEST

/* Requirement: RFC6121-8.5.2.1.1-d, RFC6121-8.5.2.1.1-n, RFC6121-8.5.2.2.1-a */
START_TEST(test_offline_messages)
{
	/* Requirement: XEP0160-2-a, XEP0160-2-c, XEP0160-2-d, XEP0160-3-b, XEP0160-3-c, XEP0203-2-a */
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

/* XEP-0160 §3: normal messages are stored too; §1: with offline storage off
 * (im.offline_max = 0), service-unavailable. XEP-0203 §5: a client's delay
 * notation claiming to come from the server is refused; another is kept. */
START_TEST(test_offline_normal_and_forged_delay)
{
	/* Requirement: XEP0160-1-a, XEP0160-3-a, XEP0160-2-c, XEP0160-2-d, XEP0203-2-a, XEP0203-2-b, XEP0203-2-c, XEP0203-5-a, XEP0082-3.2-a */
	struct client r, j;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<message to='juliet@example.com' id='n1'><subject>plain</subject></message>");
	say(&r, "<message to='juliet@example.com' type='normal' id='n2'><body>normal</body>"
		"<delay xmlns='urn:xmpp:delay' from='EXAMPLE.com' stamp='2002-09-10T23:08:25Z'/></message>");
	EXPECT(&r, "id='n2'", "<not-acceptable", "XEP-0203 §5");
	say(&r, "<message to='juliet@example.com' type='normal' id='n3'><body>relayed</body>"
		"<delay xmlns='urn:xmpp:delay' from='capulet.com' stamp='2002-09-10T23:08:25Z'/></message>");
	EXPECT_NOTHING(&r);
	online(&j, "juliet@example.com/balcony", "<presence/>");
	char *out = got(&j);
	ck_assert_msg(strstr(out, "id='n1'") != NULL && strstr(out, "<subject>plain</subject>") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "id='n2'") == NULL, "%s", out);
	ck_assert_msg(strstr(out, "id='n3'") != NULL && strstr(out, "from='capulet.com'") != NULL, "%s", out);
	/* the server's own stamp: from its domain, XEP-0082 dateTime in UTC */
	const char *d = strstr(out, "<delay xmlns='urn:xmpp:delay' from='example.com' stamp='");
	ck_assert_msg(d != NULL, "%s", out);
	d += strlen("<delay xmlns='urn:xmpp:delay' from='example.com' stamp='");
	const char *shape = "dddd-dd-ddTdd:dd:ddZ'";
	for (size_t i = 0; shape[i] != '\0'; i++)
		ck_assert_msg(shape[i] == 'd' ? (d[i] >= '0' && d[i] <= '9') : d[i] == shape[i], "stamp %.24s", d);
	free(out);
	disconnect(&j);
	disconnect(&r);
	teardown();
	setup_with("server = { domain = \"example.com\"; }; im = { offline_max = 0; };");
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<message to='juliet@example.com' type='chat' id='off'><body>1</body></message>");
	EXPECT(&r, "id='off'", "<service-unavailable");
	disconnect(&r);
}
END_TEST

START_TEST(test_offline_queue_full)
{
	/* Requirement: XEP0160-2-b */
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

/* Requirement: RFC6120-8.2.3-b, RFC6120-8.2.3-c, RFC6120-8.2.3-e, RFC6120-8.2.3-g, RFC6120-8.4-a */
/* Requirement: RFC6121-8.5.2.1.3-a, RFC6121-8.5.2.1.3-c, RFC6121-8.5.3.1-a, RFC6121-8.5.3.1-b, RFC6121-8.5.3.2.3-a */
START_TEST(test_iq_rules)
{
	struct client j, r;
	connect_as(&j, "juliet@example.com/balcony");
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>");
	/* no 'to': answered for the account, so no 'from' (like iq.c's replies);
	 * no id: the response's is empty (RFC 6120 §8.2.3 rule 3) */
	EXPECT(&r, "<iq to='romeo@example.com/orchard' id='' type='error'>", "<bad-request");
	say(&r, "<iq type='get' id='2'><a xmlns='urn:x'/><b xmlns='urn:x'/></iq>");
	EXPECT(&r, "id='2'", "<bad-request");
	say(&r, "<iq type='bogus' id='3'><a xmlns='urn:x'/></iq>");
	EXPECT(&r, "id='3'", "<bad-request");
	say(&r, "<iq type='get' id='4' to='example.com'><query xmlns='urn:unknown'/></iq>");
	EXPECT(&r, "<iq type='error' id='4' from='example.com' to='romeo@example.com/orchard'>", "<service-unavailable");
	say(&r, "<iq type='get' id='5' to='juliet@example.com'><query xmlns='urn:unknown'/></iq>");
	EXPECT(&r, "id='5'", "from='juliet@example.com'", "<service-unavailable");
	EXPECT_NOTHING(&j);
	/* RFC 6121 §8.5.3.1: to a full JID that shares no presence with romeo:
	 * refused, not delivered */
	say(&r, "<iq type='get' id='5b' to='juliet@example.com/balcony'><query xmlns='jabber:iq:version'/></iq>");
	EXPECT(&r, "<iq from='juliet@example.com/balcony' to='romeo@example.com/orchard' id='5b' type='error'>", "<service-unavailable");
	EXPECT_NOTHING(&j);
	/* juliet's directed presence to romeo shares it: routed, and the answer
	 * routed back (results and errors are delivered anyway) */
	say(&j, "<presence to='romeo@example.com'/>");
	free(got(&r));
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

/* Requirement: XEP0030-3.1-k, XEP0030-7-b */
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

/* Requirement: RFC6121-2-a, RFC6121-2-c, RFC6121-2.3.3-c, RFC6121-2.3.3-d, RFC6121-2.3.3-f, RFC6121-2.5.2-a, RFC6121-2.5.3-a, RFC6121-2.6.3-a, RFC6121-2.6.3-b, RFC6121-2.6.3-c, RFC6121-2.6.3-d */
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

/* Requirement: RFC6121-3-a, RFC6121-3.1.2-f, RFC6121-3.1.2-h, RFC6121-3.1.3-e, RFC6121-3.1.3-h, RFC6121-3.1.5-a, RFC6121-3.1.5-b, RFC6121-3.1.5-c, RFC6121-3.1.6-d, RFC6121-3.1.6-e, RFC6121-3.4.2-a, RFC6121-3.2.2-d, RFC6121-3.2.2-f, RFC6121-3.2.3-c, RFC6121-3.2.3-d, RFC6121-2.1.2.2-a */
/* Requirement: RFC6121-4.4.2-a, RFC6121-4.4.2-b, RFC6121-11-c */
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

/* Requirement: RFC6121-4.2.2-a, RFC6121-4.2.2-c, RFC6121-4.3.1-a, RFC6121-4.5.2-a, RFC6121-4.5.2-b, RFC6121-4.5.2-e */
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

/* Requirement: RFC6121-3.1.3-i, RFC6121-3.1.3-j, RFC6121-3.1.3-m, RFC6121-A.1-b, RFC6121-A.1-c */
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

/* Requirement: RFC6121-3.4.2-d, RFC6121-3.4.2-e, RFC6121-3.1.3-g, RFC6121-2.1.2.1-a */
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

/* Requirement: RFC6121-4.6.3-c, RFC6121-4.6.3-e */
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

/* Requirement: RFC6121-4.7.1-a, RFC6121-4.7.1-b */
START_TEST(test_bad_presence_type)
{
	struct client r;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<presence type='invisible' id='p'/>");
	/* RFC 6121 §4.7.1: an unknown type is bad-request; a presence of type
	 * error carries an <error/> child */
	EXPECT(&r, "id='p' type='error'><error type='modify'><bad-request");
	say(&r, "<presence type='subscribe' id='p2'/>");
	EXPECT(&r, "id='p2'", "<bad-request");
	disconnect(&r);
}
END_TEST

/* ---------- roster and subscription details (RFC 6121 §2, §3, Appendix A) ---------- */

/* The needles appear in this order in what the client received. */
#define EXPECT_ORDER(c, ...)                                                              \
	do {                                                                              \
		char *text_ = got(c);                                                     \
		const char *needles_[] = { __VA_ARGS__, NULL };                           \
		const char *at_ = text_;                                                  \
		for (size_t i_ = 0; needles_[i_] != NULL; i_++) {                         \
			const char *hit_ = strstr(at_, needles_[i_]);                     \
			ck_assert_msg(hit_ != NULL, "expected %s (in this order)\n  in: %s", \
				      needles_[i_], text_);                              \
			at_ = hit_ + strlen(needles_[i_]);                                \
		}                                                                         \
		free(text_);                                                              \
	} while (0)

/* The item attribute or element text of `len` bytes of 'x'. */
static char *long_text(size_t len)
{
	char *s = malloc(len + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, 'x', len);
	s[len] = '\0';
	return s;
}

/* Requirement: RFC6121-2.3.3-e, RFC6121-2.3.3-g, RFC6121-2.4.3-a, RFC6121-2.1.2.3-a, RFC6121-2.1.1-b, RFC6121-2.6.3-g */
START_TEST(test_roster_limits_and_update_errors)
{
	struct client a;
	connect_as(&a, "juliet@example.com/a");
	/* §2.6.3: 'ver' even though the client sent none */
	say(&a, "<iq type='get' id='g'><query xmlns='jabber:iq:roster'/></iq>");
	EXPECT(&a, "<iq type='result' id='g' to='juliet@example.com/a'><query xmlns='jabber:iq:roster' ver='0'>");
	/* §2.1.2.3: an item without 'jid' */
	say(&a, "<iq type='set' id='j'><query xmlns='jabber:iq:roster'><item name='Nobody'/></query></iq>");
	EXPECT(&a, "id='j'", "<bad-request");
	/* §2.3.3: name and group up to the limit (1023 bytes) are taken, one byte more is not-acceptable */
	char xml[4096];
	char *t = long_text(1023);
	(void)snprintf(xml, sizeof xml,
		       "<iq type='set' id='n1'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com' name='%s'>"
		       "<group>%s</group></item></query></iq>", t, t);
	say(&a, xml);
	EXPECT(&a, "<iq type='result' id='n1'");
	free(t);
	t = long_text(1024);
	(void)snprintf(xml, sizeof xml,
		       "<iq type='set' id='n2'><query xmlns='jabber:iq:roster'><item jid='romeo@example.com' name='%s'/></query></iq>", t);
	say(&a, xml);
	EXPECT(&a, "id='n2'", "<not-acceptable");
	(void)snprintf(xml, sizeof xml,
		       "<iq type='set' id='n3'><query xmlns='jabber:iq:roster'><item jid='romeo@example.com'><group>%s</group></item></query></iq>", t);
	say(&a, xml);
	EXPECT(&a, "id='n3'", "<not-acceptable");
	free(t);
	/* §2.4.3: the same errors on an update leave the item as it was */
	say(&a, "<iq type='set' id='u0'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com' name='Nurse'><group>Servants</group></item></query></iq>");
	EXPECT(&a, "<iq type='result' id='u0'");
	say(&a, "<iq type='set' id='u1'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com' name='Angelica'><group></group></item></query></iq>");
	EXPECT(&a, "id='u1'", "<not-acceptable");
	say(&a, "<iq type='set' id='u2'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com'><group>A</group><group>A</group></item></query></iq>");
	EXPECT(&a, "id='u2'", "<bad-request");
	say(&a, "<iq type='get' id='g2'><query xmlns='jabber:iq:roster'/></iq>");
	EXPECT(&a, "<item jid='nurse@example.com' name='Nurse' subscription='none'><group>Servants</group></item>");
	disconnect(&a);
}
END_TEST

/* Requirement: RFC6121-2.3.3-a */
START_TEST(test_roster_full_is_not_allowed)
{
	teardown();
	setup_with("server = { domain = \"example.com\"; }; im = { roster_items_max = 1; };");
	struct client a;
	connect_as(&a, "juliet@example.com/a");
	say(&a, "<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com'/></query></iq>");
	EXPECT(&a, "<iq type='result' id='s1'");
	say(&a, "<iq type='set' id='s2'><query xmlns='jabber:iq:roster'><item jid='romeo@example.com'/></query></iq>");
	EXPECT(&a, "id='s2'", "<not-allowed");
	/* an update of the item already there is still taken */
	say(&a, "<iq type='set' id='s3'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com' name='Nurse'/></query></iq>");
	EXPECT(&a, "<iq type='result' id='s3'");
	disconnect(&a);
}
END_TEST

/* Requirement: RFC6121-2.1.6-b */
START_TEST(test_roster_push_error_ignored)
{
	struct client a;
	connect_as(&a, "juliet@example.com/a");
	say(&a, "<iq type='get' id='g'><query xmlns='jabber:iq:roster'/></iq>");
	free(got(&a));
	say(&a, "<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com'/></query></iq>");
	char *out = got(&a);
	const char *p = strstr(out, "<iq type='set' id='");
	ck_assert_msg(p != NULL, "%s", out);
	p += strlen("<iq type='set' id='");
	char id[32];
	size_t n = strcspn(p, "'");
	ck_assert_uint_lt(n, sizeof id);
	memcpy(id, p, n);
	id[n] = '\0';
	free(out);
	char xml[256];
	(void)snprintf(xml, sizeof xml,
		       "<iq type='error' id='%s'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>", id);
	say(&a, xml);
	EXPECT_NOTHING(&a);
	ck_assert_str_eq(a.terminated, "");
	say(&a, "<iq type='get' id='g2'><query xmlns='jabber:iq:roster'/></iq>");
	EXPECT(&a, "<item jid='nurse@example.com' subscription='none'/>");
	disconnect(&a);
}
END_TEST

/* Requirement: RFC6121-3.1.1-a */
START_TEST(test_roster_set_and_request_in_either_order)
{
	struct client r;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	free(got(&r));
	/* roster set first, then the request: the item keeps its name and group */
	say(&r, "<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='juliet@example.com' name='Juliet'><group>Friends</group></item></query></iq>");
	free(got(&r));
	say(&r, "<presence to='juliet@example.com' type='subscribe'/>");
	EXPECT(&r, "<item jid='juliet@example.com' name='Juliet' subscription='none' ask='subscribe'><group>Friends</group></item>");
	/* the request first, then the roster set: the item keeps its pending request */
	say(&r, "<presence to='nurse@example.com' type='subscribe'/>");
	free(got(&r));
	say(&r, "<iq type='set' id='s2'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com' name='Nurse'/></query></iq>");
	EXPECT(&r, "<item jid='nurse@example.com' name='Nurse' subscription='none' ask='subscribe'/>");
	disconnect(&r);
}
END_TEST

/* Requirement: RFC6121-3.1.2-a, RFC6121-3.1.2-b, RFC6121-3.1.2-c, RFC6121-3.1.3-a, RFC6121-3.1.3-b, RFC6121-3.1.3-c, RFC6121-3.1.3-h, RFC6121-3-a */
START_TEST(test_request_to_full_or_malformed_jid)
{
	struct client r, j, j2;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	online(&j, "juliet@example.com/balcony", "<presence/>");
	online(&j2, "juliet@example.com/chamber", "<presence/>");
	free(got(&r));
	free(got(&j));
	free(got(&j2));
	/* to one full JID, yet every available resource of the bare JID gets it (§3.1.3) */
	say(&r, "<presence id='s1' to='juliet@example.com/balcony' type='subscribe'/>");
	EXPECT(&r, "<item jid='juliet@example.com' subscription='none' ask='subscribe'/>");
	EXPECT(&j, "<presence from='romeo@example.com' to='juliet@example.com' id='s1' type='subscribe'/>");
	EXPECT(&j2, "<presence from='romeo@example.com' to='juliet@example.com' id='s1' type='subscribe'/>");
	say(&r, "<presence id='s2' to='juliet@@example.com' type='subscribe'/>");
	EXPECT(&r, "id='s2'", "type='error'", "<jid-malformed");
	EXPECT_NOTHING(&j);
	disconnect(&r);
	disconnect(&j2);
	disconnect(&j);
}
END_TEST

/* Requirement: RFC6121-3.1.3-k, RFC6121-3.1.3-l */
START_TEST(test_repeated_request_while_away_delivered_once)
{
	struct client r, j;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	say(&r, "<presence to='juliet@example.com' type='subscribe'><status>first</status></presence>");
	say(&r, "<presence to='juliet@example.com' type='subscribe'><status>second</status></presence>");
	online(&j, "juliet@example.com/balcony", "<presence/>");
	char *out = got(&j);
	const char *first = strstr(out, "type='subscribe'");
	ck_assert_msg(first != NULL && strstr(first + 1, "type='subscribe'") == NULL, "%s", out);
	ck_assert_msg(strstr(out, "<status>first</status>") != NULL && strstr(out, "second") == NULL, "%s", out);
	free(out);
	disconnect(&j);
	disconnect(&r);
}
END_TEST

/* Requirement: RFC6121-A.1-a */
START_TEST(test_request_from_contact_already_in_roster)
{
	struct client r, j;
	online(&j, "juliet@example.com/balcony", "<presence/>");
	say(&j, "<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='romeo@example.com' name='Romeo'/></query></iq>");
	free(got(&j));
	online(&r, "romeo@example.com/orchard", "<presence/>");
	free(got(&r));
	free(got(&j));
	say(&r, "<presence to='juliet@example.com' type='subscribe'/>");
	EXPECT(&j, "<presence from='romeo@example.com' to='juliet@example.com' type='subscribe'/>");
	say(&j, "<iq type='get' id='g'><query xmlns='jabber:iq:roster'/></iq>");
	EXPECT(&j, "<item jid='romeo@example.com' name='Romeo' subscription='none'/>");
	/* the request is recorded with the item: it comes again at her next login */
	disconnect(&j);
	online(&j, "juliet@example.com/chamber", "<presence/>");
	EXPECT(&j, "<presence from='romeo@example.com' to='juliet@example.com' type='subscribe'/>");
	disconnect(&j);
	disconnect(&r);
}
END_TEST

/* Requirement: RFC6121-2.5.2-b, RFC6121-2.5.2-c, RFC6121-2.5.2-d */
START_TEST(test_remove_item_cancels_subscriptions)
{
	struct client r, j, n;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	online(&j, "juliet@example.com/balcony", "<presence/>");
	online(&n, "nurse@example.com/kitchen", "<presence/>");
	/* juliet has 'from' only: removing romeo sends him unsubscribed, not unsubscribe */
	say(&r, "<presence to='juliet@example.com' type='subscribe'/>");
	say(&j, "<presence to='romeo@example.com' type='subscribed'/>");
	free(got(&r));
	free(got(&j));
	say(&j, "<iq type='set' id='rm1'><query xmlns='jabber:iq:roster'><item jid='romeo@example.com' subscription='remove'/></query></iq>");
	EXPECT(&j, "<item jid='romeo@example.com' subscription='remove'/>", "<iq type='result' id='rm1'");
	char *out = got(&r);
	ck_assert_msg(strstr(out, "from='juliet@example.com' to='romeo@example.com' type='unsubscribed'") != NULL &&
			      strstr(out, "type='unsubscribe'") == NULL, "%s", out);
	free(out);
	/* romeo has 'to' only: removing the nurse sends her unsubscribe, not unsubscribed */
	say(&r, "<presence to='nurse@example.com' type='subscribe'/>");
	say(&n, "<presence to='romeo@example.com' type='subscribed'/>");
	free(got(&r));
	free(got(&n));
	say(&r, "<iq type='set' id='rm2'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com' subscription='remove'/></query></iq>");
	EXPECT(&r, "<item jid='nurse@example.com' subscription='remove'/>", "<iq type='result' id='rm2'");
	out = got(&n);
	ck_assert_msg(strstr(out, "from='romeo@example.com' to='nurse@example.com' type='unsubscribe'") != NULL &&
			      strstr(out, "type='unsubscribed'") == NULL, "%s", out);
	free(out);
	/* mutual: both, the unsubscribe first */
	befriend(&r, &j);
	say(&j, "<iq type='set' id='rm3'><query xmlns='jabber:iq:roster'><item jid='romeo@example.com' subscription='remove'/></query></iq>");
	EXPECT(&j, "<item jid='romeo@example.com' subscription='remove'/>", "<iq type='result' id='rm3'");
	EXPECT_ORDER(&r, "from='juliet@example.com' to='romeo@example.com' type='unsubscribe'",
		     "from='juliet@example.com' to='romeo@example.com' type='unsubscribed'");
	disconnect(&n);
	disconnect(&j);
	disconnect(&r);
}
END_TEST

/* An interested resource that is not available (romeo/pda) gets the
 * subscription stanzas that explain its roster pushes, each before the push.
 * Requirement: RFC6121-3.1.6-b, RFC6121-3.1.6-c, RFC6121-3.1.6-e, RFC6121-3.1.5-c, RFC6121-3.2.2-e, RFC6121-3.2.3-b, RFC6121-3.2.3-d, RFC6121-3.3.3-b, RFC6121-3.3.3-d, RFC6121-2.2-a */
START_TEST(test_subscription_stanzas_before_their_push)
{
	struct client r, pda, j;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	connect_as(&pda, "romeo@example.com/pda");
	say(&pda, "<iq type='get' id='r0'><query xmlns='jabber:iq:roster'/></iq>");
	online(&j, "juliet@example.com/balcony", "<presence/>");
	free(got(&r));
	free(got(&pda));
	free(got(&j));
	/* §3.1.5, §3.1.6: subscribed, then the push, then juliet's presence */
	say(&r, "<presence to='juliet@example.com' type='subscribe'/>");
	free(got(&r));
	free(got(&pda));
	say(&j, "<presence to='romeo@example.com' type='subscribed'/>");
	EXPECT_ORDER(&r, "<presence from='juliet@example.com' to='romeo@example.com' type='subscribed'/>",
		     "<item jid='juliet@example.com' subscription='to'/>",
		     "<presence from='juliet@example.com/balcony' to='romeo@example.com'/>");
	EXPECT_ORDER(&pda, "<presence from='juliet@example.com' to='romeo@example.com' type='subscribed'/>",
		     "<item jid='juliet@example.com' subscription='to'/>");
	free(got(&j));
	/* juliet asks back; romeo approves */
	say(&j, "<presence to='romeo@example.com' type='subscribe'/>");
	say(&r, "<presence to='juliet@example.com' type='subscribed'/>");
	EXPECT_ORDER(&j, "<presence from='romeo@example.com' to='juliet@example.com' type='subscribed'/>",
		     "<item jid='romeo@example.com' subscription='both'/>",
		     "<presence from='romeo@example.com/orchard' to='juliet@example.com'/>");
	free(got(&r));
	free(got(&pda));
	/* §3.3.3: juliet unsubscribes: romeo's resources get the unsubscribe, then the push;
	 * juliet gets unavailable presence from romeo's available resource */
	say(&j, "<presence to='romeo@example.com' type='unsubscribe'/>");
	EXPECT_ORDER(&r, "<presence from='juliet@example.com' to='romeo@example.com' type='unsubscribe'/>",
		     "<item jid='juliet@example.com' subscription='to'/>");
	EXPECT_ORDER(&pda, "<presence from='juliet@example.com' to='romeo@example.com' type='unsubscribe'/>",
		     "<item jid='juliet@example.com' subscription='to'/>");
	EXPECT(&j, "<item jid='romeo@example.com' subscription='from'/>",
	       "<presence from='romeo@example.com/orchard' to='juliet@example.com' type='unavailable'/>");
	/* §3.2.2, §3.2.3: juliet cancels romeo's subscription: unavailable, then
	 * unsubscribed, then the push */
	say(&j, "<presence to='romeo@example.com' type='unsubscribed'/>");
	EXPECT_ORDER(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com' type='unavailable'/>",
		     "<presence from='juliet@example.com' to='romeo@example.com' type='unsubscribed'/>",
		     "<item jid='juliet@example.com' subscription='none'/>");
	EXPECT_ORDER(&pda, "<presence from='juliet@example.com' to='romeo@example.com' type='unsubscribed'/>",
		     "<item jid='juliet@example.com' subscription='none'/>");
	disconnect(&j);
	disconnect(&pda);
	disconnect(&r);
}
END_TEST

/* A request from someone who already has a subscription is routed (A.2.1:
 * To), answered by the contact's server instead of reaching the contact
 * (A.3.1: From), and the answer, which changes nothing, is not delivered
 * either (A.3.3: To): neither side sees anything. An unsubscribed from the
 * side that has no 'from' (To) is neither routed nor followed by unavailable
 * presence (§3.2.2, A.2.4).
 * Requirement: RFC6121-3.1.6-f, RFC6121-A.2.1-e, RFC6121-A.3.1-g, RFC6121-A.3.3-e, RFC6121-3.2.2-a, RFC6121-3.2.2-b, RFC6121-A.2.4-e */
START_TEST(test_repeated_request_after_approval_changes_nothing)
{
	struct client r, j;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	online(&j, "juliet@example.com/balcony", "<presence/>");
	say(&r, "<presence to='juliet@example.com' type='subscribe'/>");
	say(&j, "<presence to='romeo@example.com' type='subscribed'/>");
	free(got(&r));
	free(got(&j));
	say(&r, "<presence to='juliet@example.com' type='subscribe'/>");
	EXPECT_NOTHING(&r);
	EXPECT_NOTHING(&j);
	say(&r, "<presence to='juliet@example.com' type='unsubscribed'/>");
	EXPECT_NOTHING(&r);
	EXPECT_NOTHING(&j);
	say(&r, "<iq type='get' id='g'><query xmlns='jabber:iq:roster'/></iq>");
	EXPECT(&r, "<item jid='juliet@example.com' subscription='to'/>");
	disconnect(&j);
	disconnect(&r);
}
END_TEST

/* Requirement: RFC6121-3.3.3-f */
START_TEST(test_withdrawn_request_is_forgotten)
{
	struct client r, j;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	say(&r, "<presence to='juliet@example.com' type='subscribe'/>");
	say(&r, "<presence to='juliet@example.com' type='unsubscribe'/>");
	EXPECT(&r, "<item jid='juliet@example.com' subscription='none'/>");
	online(&j, "juliet@example.com/balcony", "<presence/>");
	char *out = got(&j);
	ck_assert_msg(strstr(out, "type='subscribe'") == NULL && strstr(out, "romeo") == NULL, "%s", out);
	free(out);
	disconnect(&j);
	disconnect(&r);
}
END_TEST

/* What works of §3.1.2's "return an error": another domain gets
 * remote-server-not-found; an account that does not exist answers unsubscribed.
 * Requirement: RFC6121-3.1.2-g */
START_TEST(test_undeliverable_request)
{
	struct client r;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	free(got(&r));
	say(&r, "<presence id='x1' to='juliet@example.net' type='subscribe'/>");
	EXPECT(&r, "id='x1'", "type='error'", "<remote-server-not-found");
	say(&r, "<presence id='x2' to='tybalt@example.com' type='subscribe'/>");
	EXPECT(&r, "<item jid='tybalt@example.com' subscription='none' ask='subscribe'/>",
	       "<presence from='tybalt@example.com' to='romeo@example.com' type='unsubscribed'/>",
	       "<item jid='tybalt@example.com' subscription='none'/>");
	disconnect(&r);
}
END_TEST

/* A roster the store cannot read (its table dropped behind the server's back)
 * is answered with an error, not an empty roster.
 * Requirement: RFC6121-2.2-b */
START_TEST(test_roster_get_store_failure)
{
	struct client a;
	connect_as(&a, "juliet@example.com/a");
	sqlite3 *db = NULL;
	ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "DROP TABLE roster", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
	say(&a, "<iq type='get' id='g'><query xmlns='jabber:iq:roster'/></iq>");
	EXPECT(&a, "id='g'", "type='error'", "<internal-server-error");
	/* the version, too: a versioned get that is up to date needs only that */
	ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "DROP TABLE roster_versions", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
	say(&a, "<iq type='get' id='g2'><query xmlns='jabber:iq:roster' ver='0'/></iq>");
	EXPECT(&a, "id='g2'", "type='error'", "<internal-server-error");
	disconnect(&a);
}
END_TEST

/* ---------- XEP-0191 blocking ---------- */

START_TEST(test_blocking)
{
	/* Requirement: XEP0191-3.2-a, XEP0191-3.2-b, XEP0191-3.3-a, XEP0191-3.3-b, XEP0191-3.3-c, XEP0191-3.3-e, XEP0191-3.3-f, XEP0191-3.3-h, XEP0191-3.3-l, XEP0191-3.3-m, XEP0191-3.5-a, XEP0191-3.5-b, XEP0191-3.5-c */
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

/* A domain item covers every contact at the domain (XEP-0191 §6, XEP-0016
 * §2.1): they all lose the user's presence at once (found by fuzz/im). */
START_TEST(test_blocking_a_domain)
{
	/* Requirement: XEP0191-3.3-e, XEP0191-3.4-a, XEP0191-3.4-c, XEP0191-6-a */
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

/* XEP-0191 details: what a blocked JID's other stanzas get, polite blocking,
 * the user's own resources, and how items match (§6). */
START_TEST(test_blocking_details)
{
	/* Requirement: XEP0191-3.3-g, XEP0191-3.3-k, XEP0191-4-a, XEP0191-5-c, XEP0191-6-a */
	struct client r, j, j2, n;
	connect_as(&r, "romeo@example.com/orchard");
	connect_as(&j, "juliet@example.com/balcony");
	connect_as(&j2, "juliet@example.com/chamber");
	connect_as(&n, "nurse@example.com/kitchen");
	befriend(&r, &j);
	free(got(&j2));
	say(&j, "<iq type='set' id='b1'><block xmlns='urn:xmpp:blocking'><item jid='romeo@example.com'/></block></iq>");
	EXPECT(&j, "<iq type='result' id='b1'");
	free(got(&r));
	/* §3.3: IQ results and errors, presence of any kind: dropped, no error */
	say(&r, "<iq type='result' id='x1' to='juliet@example.com/balcony'/>");
	say(&r, "<iq type='error' id='x2' to='juliet@example.com/balcony'><error type='cancel'>"
		"<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
	say(&r, "<presence to='juliet@example.com' type='subscribe'/>");
	say(&r, "<presence to='juliet@example.com' type='probe'/>");
	say(&r, "<presence to='juliet@example.com/balcony'/>");
	EXPECT_NOTHING(&r);
	EXPECT_NOTHING(&j);
	EXPECT_NOTHING(&j2);
	/* §4: polite blocking: the subscription is kept, nothing tells romeo */
	say(&j, "<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
	EXPECT(&j, "<item jid='romeo@example.com' subscription='both'/>");
	/* §5: even an item naming the user never blocks her own resources */
	say(&j, "<iq type='set' id='b2'><block xmlns='urn:xmpp:blocking'><item jid='juliet@example.com'/></block></iq>");
	EXPECT(&j, "<iq type='result' id='b2'");
	say(&j, "<message to='juliet@example.com/chamber' id='self'><body>me</body></message>");
	EXPECT(&j2, "id='self'", "<body>me</body>");
	EXPECT_NOTHING(&j);
	/* §6: a full-JID item matches that resource only */
	say(&n, "<iq type='set' id='b3'><block xmlns='urn:xmpp:blocking'><item jid='romeo@example.com/orchard'/></block></iq>");
	EXPECT(&n, "<iq type='result' id='b3'");
	say(&r, "<message to='nurse@example.com/kitchen' id='m1'><body>?</body></message>");
	EXPECT(&r, "id='m1'", "<service-unavailable");
	EXPECT_NOTHING(&n);
	ck_assert(blocking_item_matches(SPAN_LIT("romeo@example.com/orchard"), SPAN_LIT("romeo@example.com/orchard")));
	ck_assert(blocking_item_matches(SPAN_LIT("romeo@example.com/o'r&<"), SPAN_LIT("romeo@example.com/o'r&<")));
	ck_assert(!blocking_item_matches(SPAN_LIT("romeo@example.com/orchard"), SPAN_LIT("romeo@example.com/garden")));
	ck_assert(!blocking_item_matches(SPAN_LIT("romeo@example.com/orchard"), SPAN_LIT("romeo@example.com")));
	ck_assert(blocking_item_matches(SPAN_LIT("romeo@example.com"), SPAN_LIT("romeo@example.com/garden")));
	ck_assert(blocking_item_matches(SPAN_LIT("romeo@example.com"), SPAN_LIT("romeo@example.com")));
	ck_assert(!blocking_item_matches(SPAN_LIT("romeo@example.com"), SPAN_LIT("example.com")));
	ck_assert(blocking_item_matches(SPAN_LIT("example.com/admin"), SPAN_LIT("example.com/admin")));
	ck_assert(!blocking_item_matches(SPAN_LIT("example.com/admin"), SPAN_LIT("example.com")));
	ck_assert(!blocking_item_matches(SPAN_LIT("example.com/admin"), SPAN_LIT("romeo@example.com/admin")));
	ck_assert(blocking_item_matches(SPAN_LIT("example.com"), SPAN_LIT("romeo@example.com/orchard")));
	ck_assert(blocking_item_matches(SPAN_LIT("example.com"), SPAN_LIT("example.com/admin")));
	ck_assert(blocking_item_matches(SPAN_LIT("example.com"), SPAN_LIT("example.com")));
	ck_assert(!blocking_item_matches(SPAN_LIT("example.com"), SPAN_LIT("romeo@example.net")));
	disconnect(&r);
	disconnect(&j);
	disconnect(&j2);
	disconnect(&n);
}
END_TEST

/* XEP-0191 §3.3: what was stored for the user before a block (offline
 * messages, a pending subscription request) is not delivered after it. */
START_TEST(test_blocking_what_was_stored)
{
	/* Requirement: XEP0191-3.3-f */
	struct client r, n, j;
	connect_as(&r, "romeo@example.com/o'r&<");
	connect_as(&n, "nurse@example.com/kitchen");
	say(&r, "<message to='juliet@example.com' type='chat' id='s1'><body>before the block</body></message>");
	say(&r, "<presence to='juliet@example.com' type='subscribe'/>");
	say(&n, "<message to='juliet@example.com' type='chat' id='s2'><body>from the nurse</body></message>");
	EXPECT_NOTHING(&r);
	EXPECT_NOTHING(&n);
	connect_as(&j, "juliet@example.com/balcony");
	say(&j, "<iq type='set' id='b1'><block xmlns='urn:xmpp:blocking'><item jid=\"romeo@example.com/o'r&amp;&lt;\"/></block></iq>");
	EXPECT(&j, "<iq type='result' id='b1'");
	say(&j, "<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
	free(got(&j));
	say(&j, "<presence/>");
	char *out = got(&j);
	ck_assert_msg(strstr(out, "from the nurse") != NULL, "%s", out);
	/* the stored 'from' is read unescaped: the full-JID item matches it */
	ck_assert_msg(strstr(out, "before the block") == NULL, "%s", out);
	/* the request came from the bare JID, which that item does not cover */
	ck_assert_msg(strstr(out, "type='subscribe'") != NULL, "%s", out);
	free(out);
	disconnect(&j);
	/* the same with the bare JID blocked: neither the message nor the request */
	say(&r, "<message to='juliet@example.com' type='chat' id='s3'><body>again</body></message>");
	connect_as(&j, "juliet@example.com/balcony");
	say(&j, "<iq type='set' id='b2'><block xmlns='urn:xmpp:blocking'><item jid='romeo@example.com'/></block></iq>");
	EXPECT(&j, "<iq type='result' id='b2'");
	say(&j, "<presence/>");
	out = got(&j);
	ck_assert_msg(strstr(out, "again") == NULL, "%s", out);
	ck_assert_msg(strstr(out, "type='subscribe'") == NULL, "%s", out);
	free(out);
	disconnect(&j);
	disconnect(&n);
	disconnect(&r);
}
END_TEST

/* RFC 6121 §4.6.3: directed presence from a resource that never sent initial
 * presence is cancelled when it goes, even to a contact with 'from' (found by
 * fuzz/im: no broadcast covers it). */
/* Requirement: RFC6121-4.6.3-f */
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
	/* Requirement: XEP0077-3.2-a, XEP0077-3.2-b, XEP0077-3.2-c, XEP0077-3.2-d */
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

/* XEP-0012 §4, §8: a last-activity request to a full JID from someone not
 * subscribed to the user's presence is refused, whether the resource is there
 * or not; from a contact it reaches the resource. */
START_TEST(test_last_activity_to_full_jid)
{
	/* Requirement: XEP0012-4-a, XEP0012-4-b, XEP0012-4-c, XEP0012-8-a */
	struct client r, j;
	online(&j, "juliet@example.com/balcony", "<presence/>");
	connect_as(&r, "romeo@example.com/orchard");
	free(got(&j));
	say(&r, "<iq type='get' id='l1' to='juliet@example.com/balcony'><query xmlns='jabber:iq:last'/></iq>");
	EXPECT(&r, "id='l1'", "from='juliet@example.com/balcony'", "<error type='auth'><forbidden");
	say(&r, "<iq type='get' id='l2' to='juliet@example.com/gone'><query xmlns='jabber:iq:last'/></iq>");
	EXPECT(&r, "id='l2'", "<error type='auth'><forbidden");
	EXPECT_NOTHING(&j);
	/* other requests from a stranger are refused too (RFC 6121 §8.5.3.1: no
	 * presence shared), as if the resource were not there */
	say(&r, "<iq type='get' id='v1' to='juliet@example.com/balcony'><query xmlns='jabber:iq:version'/></iq>");
	EXPECT(&r, "id='v1'", "<service-unavailable");
	EXPECT_NOTHING(&j);
	befriend(&r, &j);
	say(&r, "<iq type='get' id='l3' to='juliet@example.com/balcony'><query xmlns='jabber:iq:last'/></iq>");
	EXPECT(&j, "id='l3'", "from='romeo@example.com/orchard'", "jabber:iq:last");
	/* §4: no such resource: RFC 6121 rules, service-unavailable */
	say(&r, "<iq type='get' id='l4' to='juliet@example.com/gone'><query xmlns='jabber:iq:last'/></iq>");
	EXPECT(&r, "id='l4'", "<service-unavailable");
	/* her own other resources may always ask */
	struct client j2;
	connect_as(&j2, "juliet@example.com/chamber");
	say(&j2, "<iq type='get' id='l5' to='juliet@example.com/balcony'><query xmlns='jabber:iq:last'/></iq>");
	EXPECT(&j, "id='l5'", "jabber:iq:last");
	disconnect(&j2);
	disconnect(&r);
	disconnect(&j);
}
END_TEST

/* XEP-0077 §3.3: an error about a password change does not carry the
 * request back (it holds the password). */
START_TEST(test_password_change_errors_do_not_echo)
{
	/* Requirement: XEP0077-3.3-d */
	struct client r;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<iq type='set' id='pw1'><query xmlns='jabber:iq:register'><username>juliet</username>"
		"<password>Calliope</password></query></iq>");
	char *out = got(&r);
	ck_assert_msg(strstr(out, "id='pw1'") != NULL && strstr(out, "<forbidden") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "Calliope") == NULL && strstr(out, "<query") == NULL, "echoed: %s", out);
	free(out);
	say(&r, "<iq type='set' id='pw2'><query xmlns='jabber:iq:register'><username>romeo</username>"
		"<password></password><x xmlns='urn:x:Calliope'/></query></iq>");
	out = got(&r);
	ck_assert_msg(strstr(out, "id='pw2'") != NULL && strstr(out, "<bad-request") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "Calliope") == NULL && strstr(out, "<query") == NULL, "echoed: %s", out);
	free(out);
	disconnect(&r);
}
END_TEST

/* The handlers of iq_info/iq_storage reached through the table. */
/* Requirement: RFC6121-8.5.2.1.3-b, RFC6121-8.5.2.2.3-b */
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

/* XEP-0030 §8: disco to an account whose presence the requester may not see
 * is answered byte for byte as disco to an account that does not exist (the
 * address aside), node or not, get or set: nothing tells the two apart. */
/* Requirement: XEP0030-8-b, XEP0030-8-c, XEP0030-8-d, XEP0030-8-e */
START_TEST(test_disco_hides_accounts)
{
	static const char *const queries[] = {
		"type='get'><query xmlns='http://jabber.org/protocol/disco#info'/>",
		"type='get'><query xmlns='http://jabber.org/protocol/disco#info' node='n'/>",
		"type='set'><query xmlns='http://jabber.org/protocol/disco#info'/>",
		"type='get'><query xmlns='http://jabber.org/protocol/disco#items'/>",
		"type='get'><query xmlns='http://jabber.org/protocol/disco#items' node='n'/>",
	};
	struct client r;
	connect_as(&r, "romeo@example.com/orchard");
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char xml[256];
		(void)snprintf(xml, sizeof xml, "<iq id='q' to='nurse@example.com' %s</iq>", queries[i]);
		say(&r, xml);
		char *stranger = got(&r);
		(void)snprintf(xml, sizeof xml, "<iq id='q' to='tybal@example.com' %s</iq>", queries[i]);
		say(&r, xml);
		char *missing = got(&r);
		ck_assert_msg(strstr(stranger, "nurse@example.com") != NULL, "%s", stranger);
		for (char *p = strstr(stranger, "nurse"); p != NULL; p = strstr(p, "nurse"))
			memcpy(p, "tybal", 5);
		ck_assert_msg(strcmp(stranger, missing) == 0, "query %zu:\n  stranger %s\n  missing  %s", i, stranger,
			      missing);
		free(stranger);
		free(missing);
	}
	disconnect(&r);
}
END_TEST

/* XEP-0030 §4.1: a contact who may see the account's presence gets its
 * available resources as items; §8: a stranger gets an empty list, and so does
 * anyone for a node (an account has none). */
/* Requirement: XEP0030-4.1-c, XEP0030-4.1-h, XEP0030-8-f */
START_TEST(test_disco_items_of_an_account)
{
	struct client r, j, n;
	connect_as(&r, "romeo@example.com/orchard");
	connect_as(&j, "juliet@example.com/balcony");
	connect_as(&n, "nurse@example.com/kitchen");
	befriend(&r, &j);
	say(&j, "<presence/>");
	free(got(&r));
	free(got(&j));
	say(&r, "<iq type='get' id='i1' to='juliet@example.com'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
	EXPECT(&r, "<iq type='result' id='i1' from='juliet@example.com' to='romeo@example.com/orchard'>"
		   "<query xmlns='http://jabber.org/protocol/disco#items'><item jid='juliet@example.com/balcony'/></query></iq>");
	say(&r, "<iq type='get' id='i2' to='juliet@example.com'><query xmlns='http://jabber.org/protocol/disco#items' node='n'/></iq>");
	EXPECT(&r, "<iq type='result' id='i2' from='juliet@example.com' to='romeo@example.com/orchard'>"
		   "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
	say(&n, "<iq type='get' id='i3' to='juliet@example.com'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
	EXPECT(&n, "<iq type='result' id='i3' from='juliet@example.com' to='nurse@example.com/kitchen'>"
		   "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
	disconnect(&n);
	disconnect(&j);
	disconnect(&r);
}
END_TEST

/* RFC 6120 §13.10.1: a client's IP address is not made public. Two clients
 * from documentation addresses (RFC 5737) use every kind of stanza the server
 * answers or routes; neither address appears in anything either receives. */
/* Requirement: RFC6120-13.10.1-a */
START_TEST(test_client_address_never_sent)
{
	static const char *const stanzas[] = {
		"<presence/>",
		"<message to='juliet@example.com' type='chat' id='a1'><body>hi</body></message>",
		"<message to='tybalt@example.com' id='a2'><body>?</body></message>",
		"<iq type='get' id='a3' to='example.com'><query xmlns='jabber:iq:version'/></iq>",
		"<iq type='get' id='a4' to='example.com'><query xmlns='jabber:iq:last'/></iq>",
		"<iq type='get' id='a5' to='juliet@example.com'><query xmlns='jabber:iq:last'/></iq>",
		"<iq type='get' id='a6' to='juliet@example.com'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>",
		"<iq type='get' id='a7' to='example.com'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>",
		"<iq type='get' id='a8' to='juliet@example.com'><vCard xmlns='vcard-temp'/></iq>",
		"<iq type='get' id='a9' to='juliet@example.com/gone'><ping xmlns='urn:xmpp:ping'/></iq>",
		"<iq type='get' id='a10'><query xmlns='jabber:iq:roster'/></iq>",
		"<iq type='get' id='a11' to='example.com'><time xmlns='urn:xmpp:time'/></iq>",
		"<presence to='juliet@example.com' type='probe'/>",
		"<presence to='juliet@example.com' type='subscribe'/>",
		"<message to='juliet@example.net' id='a12'><body>far</body></message>",
		"<presence type='unavailable'><status>bye</status></presence>",
	};
	struct client j, r;
	connect_from(&j, "juliet@example.com/balcony", "192.0.2.78");
	connect_from(&r, "romeo@example.com/orchard", "192.0.2.77");
	say(&j, "<presence/>");
	for (size_t i = 0; i < sizeof stanzas / sizeof stanzas[0]; i++)
		say(&r, stanzas[i]);
	say(&j, "<iq type='get' id='b1' to='romeo@example.com'><query xmlns='jabber:iq:last'/></iq>");
	char *to_romeo = got(&r);
	ck_assert_msg(strstr(to_romeo, "<service-unavailable") != NULL, "romeo got no errors: %s", to_romeo);
	ck_assert_msg(strstr(to_romeo, "192.0.2.") == NULL, "an address was sent: %s", to_romeo);
	free(to_romeo);
	disconnect(&r);
	char *to_juliet = got(&j);
	ck_assert_msg(strstr(to_juliet, "<message") != NULL, "juliet got nothing: %s", to_juliet);
	ck_assert_msg(strstr(to_juliet, "192.0.2.") == NULL, "an address was sent: %s", to_juliet);
	free(to_juliet);
	disconnect(&j);
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
	tcase_add_test(tc, test_error_stanzas_carry_no_original_payload);
	tcase_add_test(tc, test_offline_messages);
	tcase_add_test(tc, test_offline_queue_full);
	tcase_add_test(tc, test_offline_normal_and_forged_delay);
	tcase_add_test(tc, test_iq_rules);
	tcase_add_test(tc, test_disco);
	tcase_add_test(tc, test_roster_set_get_remove_and_versions);
	tcase_add_test(tc, test_subscription_handshake_and_presence);
	tcase_add_test(tc, test_probes_and_unavailable_on_disconnect);
	tcase_add_test(tc, test_pending_request_redelivered);
	tcase_add_test(tc, test_preapproval);
	tcase_add_test(tc, test_roster_limits_and_update_errors);
	tcase_add_test(tc, test_roster_full_is_not_allowed);
	tcase_add_test(tc, test_roster_push_error_ignored);
	tcase_add_test(tc, test_roster_set_and_request_in_either_order);
	tcase_add_test(tc, test_request_to_full_or_malformed_jid);
	tcase_add_test(tc, test_repeated_request_while_away_delivered_once);
	tcase_add_test(tc, test_request_from_contact_already_in_roster);
	tcase_add_test(tc, test_remove_item_cancels_subscriptions);
	tcase_add_test(tc, test_subscription_stanzas_before_their_push);
	tcase_add_test(tc, test_repeated_request_after_approval_changes_nothing);
	tcase_add_test(tc, test_withdrawn_request_is_forgotten);
	tcase_add_test(tc, test_undeliverable_request);
	tcase_add_test(tc, test_roster_get_store_failure);
	tcase_add_test(tc, test_directed_presence);
	tcase_add_test(tc, test_resource_conflict_replaces);
	tcase_add_test(tc, test_bad_presence_type);
	tcase_add_test(tc, test_blocking);
	tcase_add_test(tc, test_account_removal_ends_streams);
	tcase_add_test(tc, test_blocking_a_domain);
	tcase_add_test(tc, test_blocking_details);
	tcase_add_test(tc, test_blocking_what_was_stored);
	tcase_add_test(tc, test_directed_presence_from_unavailable_resource);
	tcase_add_test(tc, test_table_rows);
	tcase_add_test(tc, test_password_change_errors_do_not_echo);
	tcase_add_test(tc, test_last_activity_to_full_jid);
	tcase_add_test(tc, test_version_hidden);
	tcase_add_test(tc, test_disco_hides_accounts);
	tcase_add_test(tc, test_disco_items_of_an_account);
	tcase_add_test(tc, test_client_address_never_sent);
	suite_add_tcase(s, tc);
	return s;
}

/* ---------- RFC 6121 §4, §5, §8: the rules of the requirement catalog ---------- */

/* How many times needle occurs in text. */
static int count_of(const char *text, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(text, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* §4.2 to §4.5 with a contact that has two available resources and one that
 * is only connected: every presence of the user reaches each available
 * resource of the contact (and no other), and each of the user's own. */
/* Requirement: RFC6121-4.2.2-b, RFC6121-4.2.2-c, RFC6121-4.2.3-a, RFC6121-4.4.2-a, RFC6121-4.4.2-b, RFC6121-4.4.3-a */
/* Requirement: RFC6121-4.5.2-b, RFC6121-4.5.2-c, RFC6121-4.5.2-d, RFC6121-4.5.2-f, RFC6121-4.5.3-a, RFC6121-4.3.2-g */
/* Requirement: RFC6121-4.3.2.1-a, RFC6121-11-c */
START_TEST(test_presence_reaches_every_available_resource)
{
	struct client r, g, hall, j, ch, n;
	connect_as(&r, "romeo@example.com/orchard");
	connect_as(&j, "juliet@example.com/balcony");
	befriend(&r, &j);
	say(&r, "<presence/>");
	online(&g, "romeo@example.com/garden", "<presence/>");
	connect_as(&hall, "romeo@example.com/hall"); /* connected, never available */
	online(&n, "nurse@example.com/kitchen", "<presence/>");
	free(got(&r));
	free(got(&g));
	free(got(&n));
	/* initial presence, with an id and a language kept as sent (§4.2.2: "the
	 * initial presence stanza"; §4.3.2.1: probe answers keep the id) */
	say(&j, "<presence id='p1' xml:lang='en'><status>here</status></presence>");
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com' id='p1' xml:lang='en'><status>here</status></presence>");
	EXPECT(&g, "<presence from='juliet@example.com/balcony' to='romeo@example.com' id='p1' xml:lang='en'><status>here</status></presence>");
	EXPECT_NOTHING(&hall);
	EXPECT_NOTHING(&n); /* §11: the nurse has no subscription */
	char *out = got(&j);
	ck_assert_msg(strstr(out, "<presence from='juliet@example.com/balcony' to='juliet@example.com/balcony' id='p1'") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "from='romeo@example.com/orchard'") != NULL, "%s", out); /* §4.2.2: the contacts' presence */
	ck_assert_msg(strstr(out, "from='romeo@example.com/garden'") != NULL, "%s", out);
	free(out);
	/* a second resource of juliet: its presence reaches her first one too, and
	 * the contact's server answers the probe with her first one's (id kept) */
	online(&ch, "juliet@example.com/chamber", "<presence><priority>2</priority></presence>");
	EXPECT(&j, "<presence from='juliet@example.com/chamber' to='juliet@example.com/balcony'><priority>2</priority></presence>");
	out = got(&ch);
	ck_assert_msg(strstr(out, "<presence from='juliet@example.com/balcony' to='juliet@example.com/chamber' id='p1' xml:lang='en'><status>here</status></presence>") != NULL, "%s", out);
	free(out);
	free(got(&r));
	free(got(&g));
	/* subsequent presence (§4.4.2, §4.4.3), to the contact's resources and the user's */
	say(&j, "<presence id='p2'><show>away</show></presence>");
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com' id='p2'><show>away</show></presence>");
	EXPECT(&g, "<presence from='juliet@example.com/balcony' to='romeo@example.com' id='p2'><show>away</show></presence>");
	EXPECT(&j, "<presence from='juliet@example.com/balcony' to='juliet@example.com/balcony' id='p2'><show>away</show></presence>");
	EXPECT(&ch, "<presence from='juliet@example.com/balcony' to='juliet@example.com/chamber' id='p2'><show>away</show></presence>");
	EXPECT_NOTHING(&hall);
	EXPECT_NOTHING(&n);
	/* unavailable presence (§4.5.2, §4.5.3), as sent, to the sender as well */
	say(&j, "<presence type='unavailable' id='p3'><status>bye</status></presence>");
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com' type='unavailable' id='p3'><status>bye</status></presence>");
	EXPECT(&g, "<presence from='juliet@example.com/balcony' to='romeo@example.com' type='unavailable' id='p3'><status>bye</status></presence>");
	EXPECT(&j, "<presence from='juliet@example.com/balcony' to='juliet@example.com/balcony' type='unavailable' id='p3'>");
	EXPECT(&ch, "<presence from='juliet@example.com/balcony' to='juliet@example.com/chamber' type='unavailable' id='p3'>");
	EXPECT_NOTHING(&hall);
	EXPECT_NOTHING(&n);
	/* §4.5.2: available presence after that is initial presence again: it is
	 * broadcast, and the contacts' presence comes back as at login */
	say(&j, "<presence/>");
	EXPECT(&r, "<presence from='juliet@example.com/balcony' to='romeo@example.com'/>");
	EXPECT(&g, "<presence from='juliet@example.com/balcony' to='romeo@example.com'/>");
	out = got(&j);
	ck_assert_msg(strstr(out, "from='romeo@example.com/orchard'") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "from='juliet@example.com/chamber'") != NULL, "%s", out);
	free(out);
	disconnect(&ch);
	disconnect(&j);
	disconnect(&hall);
	disconnect(&g);
	disconnect(&n);
	disconnect(&r);
}
END_TEST

/* §4.7.2.3, §5.2.2 and §8.5.2.1.1 for messages to a bare JID and §8.5.3.2.1
 * for a full JID that matches nothing. */
/* Requirement: RFC6121-4.7.2.3-a, RFC6121-5.2.2-c, RFC6121-5.2.2-e, RFC6121-8.5.2.1.1-c, RFC6121-8.5.2.1.1-i */
/* Requirement: RFC6121-8.5.2.1.1-j, RFC6121-8.5.2.1.1-l, RFC6121-8.5.2.1.1-m */
START_TEST(test_message_types_and_priorities)
{
	struct client a, b, c, r, n;
	online(&a, "juliet@example.com/a", "<presence/>"); /* no priority: 0 */
	online(&b, "juliet@example.com/b", "<presence><priority>-1</priority></presence>");
	online(&n, "nurse@example.com/kitchen", "<presence><priority>-5</priority></presence>");
	connect_as(&r, "romeo@example.com/orchard");
	free(got(&a));
	free(got(&b));
	free(got(&n));
	/* one non-negative resource (priority absent beats -1): headline, normal */
	say(&r, "<message to='juliet@example.com' type='headline' id='h1'><body>1</body></message>");
	EXPECT(&a, "id='h1'");
	EXPECT_NOTHING(&b);
	say(&r, "<message to='juliet@example.com' id='n1'><body>2</body></message>");
	EXPECT(&a, "id='n1'");
	EXPECT_NOTHING(&b);
	/* an error message to a bare JID is dropped, and not answered */
	say(&r, "<message to='juliet@example.com' type='error' id='e1'><error type='cancel'><undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
	EXPECT_NOTHING(&a);
	EXPECT_NOTHING(&b);
	EXPECT_NOTHING(&r);
	/* the only resource is negative: a headline is dropped, unanswered */
	say(&r, "<message to='nurse@example.com' type='headline' id='h2'><body>3</body></message>");
	EXPECT_NOTHING(&n);
	EXPECT_NOTHING(&r);
	/* priority 1 is more available than an absent priority (0): a normal
	 * message goes to the most available resource only */
	online(&c, "juliet@example.com/c", "<presence><priority>1</priority></presence>");
	free(got(&a));
	free(got(&b));
	free(got(&c));
	say(&r, "<message to='juliet@example.com' id='n2'><body>4</body></message>");
	EXPECT(&c, "id='n2'");
	EXPECT_NOTHING(&a);
	EXPECT_NOTHING(&b);
	/* a headline to a full JID that matches goes to that resource */
	say(&r, "<message to='juliet@example.com/a' type='headline' id='h3'><body>5</body></message>");
	EXPECT(&a, "<message from='romeo@example.com/orchard' to='juliet@example.com/a' type='headline' id='h3'>");
	EXPECT_NOTHING(&c);
	/* an unknown type is "normal" (§5.2.2): to a full JID that matches
	 * nothing it is dropped (romeo does not share juliet's presence, §8.1),
	 * where a chat message would go to resource c */
	say(&r, "<message to='juliet@example.com/gone' type='bogus' id='u1'><body>6</body></message>");
	EXPECT_NOTHING(&r);
	EXPECT_NOTHING(&a);
	EXPECT_NOTHING(&b);
	EXPECT_NOTHING(&c);
	disconnect(&a);
	disconnect(&b);
	disconnect(&c);
	disconnect(&n);
	disconnect(&r);
}
END_TEST

/* §8.5.3.2.1: a chat message to a full JID that matches no resource, while
 * the account has none or only negative ones, is stored; §8.5.3.1 and
 * §8.5.3.2.2: a subscription request to a full JID is one to the bare JID. */
/* Requirement: RFC6121-8.5.3.2.1-b, RFC6121-8.5.3.2.1-c, RFC6121-8.5.3.1-e, RFC6121-8.5.3.2.2-b */
START_TEST(test_chat_to_a_missing_resource_and_subscribe_to_a_full_jid)
{
	struct client r, j;
	connect_as(&r, "romeo@example.com/orchard");
	say(&r, "<message to='juliet@example.com/balcony' type='chat' id='c1'><body>1</body></message>");
	EXPECT_NOTHING(&r);
	online(&j, "juliet@example.com/balcony", "<presence><priority>-1</priority></presence>");
	char *out = got(&j);
	ck_assert_ptr_null(strstr(out, "id='c1'"));
	free(out);
	say(&r, "<message to='juliet@example.com/gone' type='chat' id='c2'><body>2</body></message>");
	EXPECT_NOTHING(&r);
	EXPECT_NOTHING(&j);
	say(&j, "<presence/>");
	EXPECT(&j, "id='c1'", "id='c2'", "<delay xmlns='urn:xmpp:delay'");
	/* subscribe to a full JID that matches (balcony), then one that does not */
	say(&r, "<presence to='juliet@example.com/balcony' type='subscribe' id='s1'/>");
	EXPECT(&j, "<presence from='romeo@example.com' to='juliet@example.com' type='subscribe' id='s1'/>");
	say(&r, "<presence to='nurse@example.com/kitchen' type='subscribe' id='s2'/>");
	struct client n;
	online(&n, "nurse@example.com/kitchen", "<presence/>");
	EXPECT(&n, "<presence from='romeo@example.com' to='nurse@example.com' type='subscribe' id='s2'/>");
	disconnect(&n);
	disconnect(&j);
	disconnect(&r);
}
END_TEST

/* §4.3.2, §4.6.6, §8.5 and §11: probes sent by a client. */
/* Requirement: RFC6121-4.3.2-e, RFC6121-4.3.2-f, RFC6121-4.3.2.1-b, RFC6121-4.3.2-h, RFC6121-4.3.2-i, RFC6121-4.3.2-j, RFC6121-4.6.6-a, RFC6121-8.5.1-e */
/* Requirement: RFC6121-8.5.2.1.2-c, RFC6121-8.5.2.2.2-c, RFC6121-8.5.3.1-f, RFC6121-8.5.3.2.2-d, RFC6121-11-a, RFC6121-11-b */
START_TEST(test_probes_from_clients)
{
	struct client r, j, ch, n;
	connect_as(&r, "romeo@example.com/orchard");
	connect_as(&j, "juliet@example.com/balcony");
	befriend(&r, &j);
	/* juliet has no available resource (only a connected one): unavailable
	 * from her bare JID with the probe's id (§4.3.2 #3, §4.3.2.1), no
	 * delay (she never logged out); the probe is not delivered to her */
	say(&r, "<presence to='juliet@example.com' type='probe' id='pr0'/>");
	EXPECT(&r, "<presence from='juliet@example.com' to='romeo@example.com/orchard' id='pr0' type='unavailable'/>");
	EXPECT_NOTHING(&j);
	say(&j, "<presence><show>away</show><status>out</status></presence>");
	online(&ch, "juliet@example.com/chamber", "<presence><priority>3</priority></presence>");
	connect_as(&n, "nurse@example.com/kitchen");
	free(got(&r));
	free(got(&j));
	free(got(&ch));
	/* bare JID: each available resource's presence, the probe delivered to none */
	say(&r, "<presence to='juliet@example.com' type='probe' id='pr1'/>");
	char *out = got(&r);
	ck_assert_msg(strstr(out, "<presence from='juliet@example.com/balcony' to='romeo@example.com/orchard'><show>away</show><status>out</status></presence>") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "<presence from='juliet@example.com/chamber' to='romeo@example.com/orchard'><priority>3</priority></presence>") != NULL, "%s", out);
	free(out);
	EXPECT_NOTHING(&j);
	EXPECT_NOTHING(&ch);
	/* full JID: that resource only, and only that it is available */
	say(&r, "<presence to='juliet@example.com/balcony' type='probe' id='pr2'/>");
	out = got(&r);
	ck_assert_msg(strcmp(out, "<presence from='juliet@example.com/balcony' to='romeo@example.com/orchard'/>") == 0, "%s", out);
	free(out);
	/* a full JID that matches nothing, an account that does not exist: dropped */
	say(&r, "<presence to='juliet@example.com/gone' type='probe'/>");
	say(&r, "<presence to='tybalt@example.com' type='probe'/>");
	EXPECT_NOTHING(&r);
	/* the nurse has no subscription: juliet's presence is not revealed */
	say(&n, "<presence to='juliet@example.com' type='probe'/>");
	say(&n, "<presence to='juliet@example.com/balcony' type='probe'/>");
	EXPECT_NOTHING(&n);
	EXPECT_NOTHING(&j);
	ck_assert_str_eq(r.terminated, "");
	disconnect(&n);
	disconnect(&ch);
	disconnect(&j);
	/* after her last session: stamped with its end (XEP-0203), no details */
	free(got(&r));
	say(&r, "<presence to='juliet@example.com' type='probe'/>");
	char *gone = got(&r);
	ck_assert_msg(strncmp(gone, "<presence from='juliet@example.com' to='romeo@example.com/orchard' type='unavailable'><delay xmlns='urn:xmpp:delay' stamp='", 120) == 0, "%s", gone);
	ck_assert_msg(strstr(gone, "Z'/></presence>") != NULL && strstr(gone, "status") == NULL, "%s", gone);
	free(gone);
	disconnect(&r);
}
END_TEST

/* §4.6: directed presence to a contact and to a stranger; §8.5.2.1.2 and
 * §8.5.2.2.2 for presence to a bare JID. */
/* Requirement: RFC6121-4.6.1-a, RFC6121-4.6.1-b, RFC6121-4.6.3-a, RFC6121-4.6.3-b, RFC6121-4.6.3-d */
/* Requirement: RFC6121-8.5.2.1.2-a, RFC6121-8.5.2.2.2-a */
START_TEST(test_directed_presence_rules)
{
	struct client r, j, n1, n2;
	connect_as(&r, "romeo@example.com/orchard");
	connect_as(&j, "juliet@example.com/balcony");
	befriend(&r, &j);
	/* the nurse is offline: directed presence to her is not kept for later */
	say(&r, "<presence/>");
	say(&r, "<presence to='nurse@example.com' id='d0'><status>early</status></presence>");
	online(&n1, "nurse@example.com/kitchen", "<presence/>");
	online(&n2, "nurse@example.com/garden", "<presence/>");
	say(&j, "<presence/>");
	char *out = got(&n1);
	ck_assert_ptr_null(strstr(out, "id='d0'"));
	free(out);
	free(got(&n2));
	free(got(&r));
	free(got(&j));
	/* to the nurse's bare JID: both her available resources, 'to' unchanged */
	say(&r, "<presence to='nurse@example.com' id='d1'><status>hi</status></presence>");
	EXPECT(&n1, "<presence from='romeo@example.com/orchard' to='nurse@example.com' id='d1'><status>hi</status></presence>");
	EXPECT(&n2, "<presence from='romeo@example.com/orchard' to='nurse@example.com' id='d1'><status>hi</status></presence>");
	/* the next broadcast does not reach her (§4.6.3 #2) */
	say(&r, "<presence><show>away</show></presence>");
	EXPECT(&j, "<show>away</show>");
	EXPECT_NOTHING(&n1);
	EXPECT_NOTHING(&n2);
	/* directed unavailable to juliet, a contact: delivered as sent, and she
	 * still gets the next broadcast (§4.6.3 #1) */
	say(&r, "<presence to='juliet@example.com' type='unavailable' id='d2'/>");
	EXPECT(&j, "<presence from='romeo@example.com/orchard' to='juliet@example.com' type='unavailable' id='d2'/>");
	say(&r, "<presence><show>chat</show></presence>");
	EXPECT(&j, "<presence from='romeo@example.com/orchard' to='juliet@example.com'><show>chat</show></presence>");
	/* directed unavailable to the nurse takes her off the list (§4.6.1):
	 * romeo's end brings her nothing more; juliet gets the unavailable */
	say(&r, "<presence to='nurse@example.com' type='unavailable'/>");
	EXPECT(&n1, "type='unavailable'");
	EXPECT(&n2, "type='unavailable'");
	disconnect(&r);
	EXPECT_NOTHING(&n1);
	EXPECT_NOTHING(&n2);
	EXPECT(&j, "<presence from='romeo@example.com/orchard' to='juliet@example.com' type='unavailable'/>");
	/* §4.6.1: a subscription takes precedence over directed presence */
	online(&r, "romeo@example.com/orchard", "<presence/>");
	free(got(&r));
	free(got(&j));
	say(&r, "<presence to='nurse@example.com'/>");
	EXPECT(&n1, "<presence from='romeo@example.com/orchard' to='nurse@example.com'/>");
	free(got(&n2));
	say(&n1, "<presence to='romeo@example.com' type='subscribe'/>");
	say(&r, "<presence to='nurse@example.com' type='subscribed'/>");
	free(got(&n1));
	free(got(&n2));
	free(got(&r));
	say(&r, "<presence><show>dnd</show></presence>"); /* now a subscriber: broadcasts reach her */
	EXPECT(&n1, "<presence from='romeo@example.com/orchard' to='nurse@example.com'><show>dnd</show></presence>");
	free(got(&n2));
	say(&r, "<presence to='nurse@example.com' type='unsubscribed'/>"); /* cancelled: unavailable */
	EXPECT(&n1, "<presence from='romeo@example.com/orchard' to='nurse@example.com' type='unavailable'/>");
	disconnect(&n1);
	disconnect(&n2);
	disconnect(&j);
	disconnect(&r);
}
END_TEST

/* §8.5.1: subscription stanzas to an account that does not exist. The
 * subscribe is answered with unsubscribed (the row is partial for it). */
/* Requirement: RFC6121-8.5.1-d */
START_TEST(test_subscriptions_to_no_such_user)
{
	struct client r;
	online(&r, "romeo@example.com/orchard", "<presence/>");
	free(got(&r));
	say(&r, "<presence to='tybalt@example.com' type='subscribed'/>");
	say(&r, "<presence to='tybalt@example.com' type='unsubscribe'/>");
	say(&r, "<presence to='tybalt@example.com' type='unsubscribed'/>");
	char *out = got(&r); /* roster pushes of romeo's own item, no presence */
	ck_assert_int_eq(count_of(out, "<presence "), 0);
	free(out);
	say(&r, "<presence to='tybalt@example.com' type='subscribe'/>");
	out = got(&r);
	ck_assert_int_eq(count_of(out, "<presence "), 1);
	ck_assert_msg(strstr(out, "<presence from='tybalt@example.com' to='romeo@example.com' type='unsubscribed'/>") != NULL, "%s", out);
	free(out);
	disconnect(&r);
}
END_TEST

/* §4.6.6: probes from an entity that got directed presence; §4.6.1: an
 * entity that sends unavailable presence leaves the list of those owed it. */
/* Requirement: RFC6121-4.6.6-b, RFC6121-4.6.6-c, RFC6121-4.6.1-c */
START_TEST(test_directed_presence_probes_and_forgetting)
{
	struct client j, ch, n;
	online(&j, "juliet@example.com/balcony", "<presence><show>away</show></presence>");
	online(&ch, "juliet@example.com/chamber", "<presence/>");
	online(&n, "nurse@example.com/kitchen", "<presence/>");
	free(got(&j));
	free(got(&ch));
	free(got(&n));
	/* no subscription, no directed presence: nothing */
	say(&n, "<presence to='juliet@example.com' type='probe'/>");
	EXPECT_NOTHING(&n);
	/* the balcony sends the nurse's kitchen directed presence */
	say(&j, "<presence to='nurse@example.com/kitchen'><status>psst</status></presence>");
	EXPECT(&n, "<status>psst</status>");
	/* a probe to the bare or the full JID: the balcony only, mere availability */
	say(&n, "<presence to='juliet@example.com' type='probe'/>");
	char *out = got(&n);
	ck_assert_msg(strcmp(out, "<presence from='juliet@example.com/balcony' to='nurse@example.com/kitchen'/>") == 0, "%s", out);
	free(out);
	say(&n, "<presence to='juliet@example.com/balcony' type='probe'/>");
	out = got(&n);
	ck_assert_msg(strcmp(out, "<presence from='juliet@example.com/balcony' to='nurse@example.com/kitchen'/>") == 0, "%s", out);
	free(out);
	say(&n, "<presence to='juliet@example.com/chamber' type='probe'/>");
	EXPECT_NOTHING(&n);
	EXPECT_NOTHING(&j);
	EXPECT_NOTHING(&ch);
	/* the kitchen sends the balcony unavailable presence: the balcony no
	 * longer owes it one, so its end sends it nothing (a JID that matches
	 * exactly: presence to the nurse's bare JID stays owed, her other
	 * resources may still count on it) */
	say(&n, "<presence to='juliet@example.com/balcony' type='unavailable'/>");
	EXPECT(&j, "<presence from='nurse@example.com/kitchen' to='juliet@example.com/balcony' type='unavailable'/>");
	disconnect(&j);
	EXPECT_NOTHING(&n);
	disconnect(&ch);
	disconnect(&n);
}
END_TEST

/* §4.3.2 #3 for the server's own probe at initial presence: a contact with
 * no available resource answers with unavailable presence from its bare JID,
 * stamped with the end of its last session. */
/* Requirement: RFC6121-4.3.2-e, RFC6121-4.3.2-f, RFC6121-4.2.2-c */
START_TEST(test_initial_presence_learns_offline_contacts)
{
	struct client r, j;
	connect_as(&r, "romeo@example.com/orchard");
	connect_as(&j, "juliet@example.com/balcony");
	befriend(&r, &j);
	disconnect(&j); /* her last session ends: its time is kept (XEP-0012) */
	say(&r, "<presence/>");
	char *out = got(&r);
	ck_assert_msg(strstr(out, "<presence from='juliet@example.com' to='romeo@example.com/orchard' type='unavailable'><delay xmlns='urn:xmpp:delay' stamp='") != NULL, "%s", out);
	free(out);
	/* the nurse, to whom romeo is not subscribed, is not reported */
	say(&r, "<presence type='unavailable'/>");
	free(got(&r));
	say(&r, "<presence/>");
	out = got(&r);
	ck_assert_int_eq(count_of(out, "type='unavailable'"), 1);
	ck_assert_ptr_null(strstr(out, "nurse"));
	free(out);
	disconnect(&r);
}
END_TEST

Suite *im_rules_suite(void)
{
	Suite *s = suite_create("im_rules");
	TCase *tc = tcase_create("im_rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_presence_reaches_every_available_resource);
	tcase_add_test(tc, test_message_types_and_priorities);
	tcase_add_test(tc, test_chat_to_a_missing_resource_and_subscribe_to_a_full_jid);
	tcase_add_test(tc, test_probes_from_clients);
	tcase_add_test(tc, test_directed_presence_rules);
	tcase_add_test(tc, test_subscriptions_to_no_such_user);
	tcase_add_test(tc, test_directed_presence_probes_and_forgetting);
	tcase_add_test(tc, test_initial_presence_learns_offline_contacts);
	suite_add_tcase(s, tc);
	return s;
}
