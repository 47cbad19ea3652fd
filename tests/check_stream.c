/* check_stream.c - client-to-server negotiation (machines/stream.rl, src/stream.c).
 *
 * A fake connection records what the stream sends and asks for. Scenarios check
 * the exact bytes of RFC 6120 §4-§7 exchanges (the SCRAM-SHA-256 one replays the
 * RFC 7677 §3 vector); a walk injects every event into every state of the chart
 * and checks the stream error the RFC calls for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "account.h"
#include "buf.h"
#include "stream.h"
#include "suites.h"

#define NS_STREAM "http://etherx.jabber.org/streams"
#define CLIENT_HDR "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM "' to='example.com' version='1.0'>"
#define SERVER_HDR "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM "' id='test-stream-id' " \
	"from='example.com' version='1.0' xml:lang='en'>"
#define DECL "<?xml version='1.0'?>"
#define STARTTLS "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
#define MECHS_NO_PLUS "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-256</mechanism>" \
	"<mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms>"
#define ERR(cond) "<stream:error><" cond " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
/* base64("\0juliet\0r0m30myr0m30") */
#define PLAIN_OK "AGp1bGlldAByMG0zMG15cjBtMzA="
#define PLAIN_BAD "AGp1bGlldAB3cm9uZw=="

struct fake {
	struct buf sent;
	int start_tls, closes, delivered, binds, auth_failures, authenticated, registers;
	char registered_user[32], registered_password[32];
	const char *mechanism;
	struct credentials juliet;  /* password r0m30myr0m30 */
	struct credentials user;    /* RFC 7677 "user"/"pencil" */
	bool store_broken;
	bool tls_broken; /* start_tls() cannot make a TLS session */
};

static void fake_send(void *ctx, struct span bytes)
{
	struct fake *f = ctx;
	ck_assert(buf_append_span(&f->sent, bytes));
}

static bool fake_start_tls(void *ctx)
{
	struct fake *f = ctx;
	f->start_tls++;
	return !f->tls_broken;
}
static void fake_close(void *ctx) { ((struct fake *)ctx)->closes++; }

static enum stream_lookup fake_lookup(void *ctx, struct span user, struct credentials *out)
{
	struct fake *f = ctx;
	if (f->store_broken)
		return STREAM_LOOKUP_ERROR;
	if (span_eq(user, SPAN_LIT("juliet"))) {
		*out = f->juliet;
		return STREAM_LOOKUP_FOUND;
	}
	if (span_eq(user, SPAN_LIT("user"))) {
		*out = f->user;
		return STREAM_LOOKUP_FOUND;
	}
	return STREAM_LOOKUP_NOT_FOUND;
}

static enum stream_bind_result fake_bind(void *ctx, struct span jid)
{
	struct fake *f = ctx;
	f->binds++;
	if (span_eq(jid, SPAN_LIT("juliet@example.com/one-too-many")))
		return STREAM_BIND_LIMIT;
	return span_eq(jid, SPAN_LIT("juliet@example.com/taken")) ? STREAM_BIND_CONFLICT : STREAM_BIND_OK;
}

static void fake_deliver(void *ctx, const struct xml_node *stanza)
{
	(void)stanza;
	((struct fake *)ctx)->delivered++;
}

static bool fake_auth_allowed(void *ctx, struct span user)
{
	(void)ctx;
	return !span_eq(user, SPAN_LIT("blocked"));
}

static void fake_auth_failed(void *ctx, struct span user)
{
	(void)user;
	((struct fake *)ctx)->auth_failures++;
}

static void fake_authenticated(void *ctx, struct span user, const char *mechanism)
{
	(void)user;
	((struct fake *)ctx)->authenticated++;
	((struct fake *)ctx)->mechanism = mechanism;
}

/* "taken" exists, "busy" is throttled, "broken" makes the store fail. */
static enum stream_register fake_register(void *ctx, struct span user, struct span password)
{
	struct fake *f = ctx;
	f->registers++;
	if (span_eq(user, SPAN_LIT("taken")))
		return STREAM_REGISTER_CONFLICT;
	if (span_eq(user, SPAN_LIT("busy")))
		return STREAM_REGISTER_THROTTLED;
	if (span_eq(user, SPAN_LIT("broken")))
		return STREAM_REGISTER_ERROR;
	(void)snprintf(f->registered_user, sizeof f->registered_user, "%.*s", (int)user.len, (const char *)user.ptr);
	(void)snprintf(f->registered_password, sizeof f->registered_password, "%.*s", (int)password.len,
		       (const char *)password.ptr);
	return STREAM_REGISTER_OK;
}

static struct fake the_fake;
static bool keys_ready;

static const struct stream_io fake_io = {
	&the_fake, fake_send, fake_start_tls, fake_close, fake_lookup, fake_bind, fake_deliver,
	fake_auth_allowed, fake_auth_failed, fake_authenticated, fake_register, NULL,
};

static void setup_keys(void)
{
	if (keys_ready)
		return;
	ck_assert_int_eq(sodium_init() >= 0, 1);
	ck_assert_int_eq(scram_derive_keys(SCRAM_SHA256, SPAN_LIT("r0m30myr0m30"), SPAN_LIT("saltsaltsalt1234"),
					   4096, &the_fake.juliet.keys[SCRAM_SHA256]), SASL_OK);
	uint8_t salt[16];
	size_t salt_len;
	ck_assert_int_eq(sasl_base64_decode(SPAN_LIT("W22ZaJ0SNY7soEsUEjb6gQ=="), salt, sizeof salt, &salt_len),
			 SASL_OK);
	ck_assert_int_eq(scram_derive_keys(SCRAM_SHA256, SPAN_LIT("pencil"), span_of(salt, salt_len), 4096,
					   &the_fake.user.keys[SCRAM_SHA256]), SASL_OK);
	keys_ready = true;
}

/* The settings every test stream borrows (tests may change a field). */
static struct stream_settings *test_settings(void)
{
	static struct stream_settings settings;
	return &settings;
}

static struct stream *new_stream_with(bool tls_required, bool register_enabled)
{
	setup_keys();
	if (the_fake.sent.mem == NULL)
		buf_init(&the_fake.sent, mem_default());
	buf_clear(&the_fake.sent);
	the_fake.start_tls = the_fake.closes = the_fake.delivered = the_fake.binds = 0;
	the_fake.auth_failures = the_fake.authenticated = the_fake.registers = 0;
	the_fake.registered_user[0] = the_fake.registered_password[0] = '\0';
	the_fake.mechanism = NULL;
	the_fake.store_broken = false;
	the_fake.tls_broken = false;
	/* Borrowed by the stream: it must outlive it. */
	struct stream_settings *stp = test_settings();
	struct stream_settings st = {
		.domain = SPAN_LIT("example.com"),
		.tls_required = tls_required,
		.mechanisms = { CONFIG_SASL_SCRAM_SHA_256_PLUS, CONFIG_SASL_SCRAM_SHA_256,
				CONFIG_SASL_SCRAM_SHA_1, CONFIG_SASL_PLAIN },
		.mechanism_count = 4,
		.max_auth_attempts = 3,
		.register_enabled = register_enabled,
		.scram_iterations = 4096,
		.xml = xml_limits_default(),
		.test_server_nonce = SPAN_LIT("%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"),
	};
	*stp = st;
	struct stream *s = stream_new(mem_default(), stp, &fake_io);
	ck_assert_ptr_nonnull(s);
	return s;
}

static struct stream *new_stream(bool tls_required)
{
	return new_stream_with(tls_required, false);
}

/* Feeds text; returns the status; the bytes the server sent are in the_fake.sent. */
static enum stream_status say(struct stream *s, const char *text, size_t *consumed)
{
	size_t used;
	buf_clear(&the_fake.sent);
	enum stream_status st = stream_input(s, (const uint8_t *)text, strlen(text), &used);
	if (consumed != NULL)
		*consumed = used;
	return st;
}

static void expect_sent(const char *expected)
{
	size_t n = strlen(expected);
	if (the_fake.sent.len != n || memcmp(the_fake.sent.data, expected, n) != 0)
		ck_abort_msg("--- expected\n%s\n--- sent\n%.*s", expected, (int)the_fake.sent.len,
			     (const char *)the_fake.sent.data);
}

static bool sent_contains(const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= the_fake.sent.len; i++) {
		if (memcmp(the_fake.sent.data + i, needle, n) == 0)
			return true;
	}
	return false;
}

static void tls_up(struct stream *s)
{
	buf_clear(&the_fake.sent);
	stream_tls_established(s, NULL);
}

/* header, STARTTLS, TLS, header: ready for SASL. */
static struct stream *to_sasl(void)
{
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, CLIENT_HDR STARTTLS, NULL), STREAM_TLS);
	tls_up(s);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	return s;
}

static struct stream *to_bind(void)
{
	struct stream *s = to_sasl();
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" PLAIN_OK "</auth>",
			     NULL), STREAM_OK);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	return s;
}

static struct stream *to_active(void)
{
	struct stream *s = to_bind();
	ck_assert_int_eq(say(s, "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
			     "<resource>balcony</resource></bind></iq>", NULL), STREAM_OK);
	return s;
}

/* Requirement: RFC6120-4.1-a, RFC6120-4.3.2-a, RFC6120-4.7.1-a, RFC6120-5.3.1-b, RFC6120-5.4.1-a, RFC6120-5.4.1-b, RFC6120-4.8.5-i */
START_TEST(test_header_offers_starttls_required)
{
	/* Requirement: RFC6120-11.6-e, RFC6120-11.5-a, RFC6120-11.5-b, RFC6120-11.5-c: the output starts with the declaration (no standalone), no BOM */
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	expect_sent(DECL SERVER_HDR "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
		    "<required/></starttls></stream:features>");
	stream_free(s);
}
END_TEST

/* Requirement: RFC6120-5.4.2.1-a, RFC6120-5.4.2.3-a, RFC6120-5.4.2.3-b, RFC6120-4.3.3-c, RFC6120-5.4.3.3-c, RFC6120-5.4.3.3-d, RFC6120-5.4.3.3-e */
START_TEST(test_starttls_stops_at_the_element)
{
	struct stream *s = new_stream(true);
	const char *in = CLIENT_HDR STARTTLS "\x16\x03\x01 tls bytes";
	size_t consumed;
	ck_assert_int_eq(say(s, in, &consumed), STREAM_TLS);
	ck_assert_uint_eq(consumed, strlen(CLIENT_HDR STARTTLS));
	ck_assert(sent_contains("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"));
	ck_assert_int_eq(the_fake.start_tls, 1);
	/* RFC 6120 §5.4.3.3: a new stream over TLS; its header, like every one,
	 * after an XML declaration (§4.3.3, §11.5). */
	/* Requirement: RFC6120-11.5-a */
	tls_up(s);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	expect_sent(DECL SERVER_HDR "<stream:features>" MECHS_NO_PLUS "</stream:features>");
	stream_free(s);
}
END_TEST

START_TEST(test_plus_offered_with_channel_binding)
{
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, CLIENT_HDR STARTTLS, NULL), STREAM_TLS);
	uint8_t exporter[32] = { 1, 2, 3 };
	struct span cb[SCRAM_CB_TYPE_COUNT] = { span_of(exporter, sizeof exporter), span_of(NULL, 0) };
	stream_tls_established(s, cb);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	ck_assert(sent_contains("<mechanism>SCRAM-SHA-256-PLUS</mechanism><mechanism>SCRAM-SHA-256</mechanism>"));
	stream_free(s);
}
END_TEST

/* Requirement: RFC6120-4.3.3-c, RFC6120-6.4.6-c, RFC6120-6.4.6-g, RFC6120-7.4-a, RFC6120-7.7.1-a, RFC6120-7.7.1-b, RFC6120-7.6.2.2-a, RFC6120-4.4-b, RFC6120-4.4-d */
START_TEST(test_plain_login_bind_and_stanzas)
{
	struct stream *s = to_sasl();
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" PLAIN_OK
			     "</auth>", NULL), STREAM_OK);
	expect_sent("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
	ck_assert_int_eq(the_fake.authenticated, 1);
	ck_assert_str_eq(the_fake.mechanism, "PLAIN");
	/* Requirement: RFC6120-11.5-a: after SASL too, the restarted stream's header follows a declaration */
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	expect_sent(DECL SERVER_HDR "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
		    "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session></stream:features>");
	ck_assert_int_eq(say(s, "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
			     "<resource>balcony</resource></bind></iq>", NULL), STREAM_OK);
	expect_sent("<iq type='result' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
		    "<jid>juliet@example.com/balcony</jid></bind></iq>");
	ck_assert(stream_is_bound(s));
	ck_assert(span_eq(stream_jid(s), SPAN_LIT("juliet@example.com/balcony")));
	ck_assert_int_eq(say(s, "<iq type='set' id='s1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>",
			     NULL), STREAM_OK);
	expect_sent("<iq type='result' id='s1'/>");
	ck_assert_int_eq(say(s, "<message to='romeo@example.net'><body>hi</body></message><presence/>", NULL),
			 STREAM_OK);
	ck_assert_int_eq(the_fake.delivered, 2);
	/* A second bind on the same stream is refused; the first stays. */
	ck_assert_int_eq(say(s, "<iq type='set' id='b2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>",
			     NULL), STREAM_OK);
	ck_assert(sent_contains("<iq type='error' id='b2'><error type='cancel'><not-allowed"));
	ck_assert(span_eq(stream_jid(s), SPAN_LIT("juliet@example.com/balcony")));
	ck_assert_int_eq(say(s, "</stream:stream>", NULL), STREAM_CLOSED);
	expect_sent("</stream:stream>");
	ck_assert_int_eq(the_fake.closes, 1);
	stream_free(s);
}
END_TEST

/* A bound, idle stream holds little: the parser's stanza arena and the output
 * buffer are released by stream_trim() (the connection calls it every turn). */
/* RFC 6120 §7.7.2.2: with the random-suffix policy the taken resource is bound
 * under a name of the server's choosing. */
/* Requirement: RFC6120-7.7.2.2-a, RFC6120-7.7.2.2-d */
START_TEST(test_conflict_random_suffix)
{
	struct stream *s = to_bind();
	/* new_stream's settings are static: switch the policy for this stream. */
	test_settings()->conflict = CONFIG_CONFLICT_RANDOM_SUFFIX;
	ck_assert_int_eq(say(s, "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
			     "<resource>taken</resource></bind></iq>", NULL), STREAM_OK);
	ck_assert(sent_contains("<jid>juliet@example.com/taken."));
	ck_assert_uint_eq(stream_jid(s).len, strlen("juliet@example.com/taken.") + 8);
	ck_assert_int_eq(the_fake.binds, 2);
	test_settings()->conflict = CONFIG_CONFLICT_REPLACE;
	stream_free(s);
}
END_TEST

START_TEST(test_idle_memory)
{
	struct stream *s = to_active();
	ck_assert_int_eq(say(s, "<message to='romeo@example.net'><body>hi</body></message>", NULL), STREAM_OK);
	size_t busy = stream_memory(s);
	stream_trim(s);
	size_t idle = stream_memory(s);
	ck_assert_uint_lt(idle, busy);
	ck_assert_uint_le(idle, 2048);
	fprintf(stderr, "stream: an idle bound stream holds %zu bytes (struct, parser, names)\n", idle);
	stream_free(s);
}
END_TEST

/* Requirement: RFC6120-7.7.2.2-c, RFC6120-7.6-a, RFC6120-7.6.1-a */
START_TEST(test_generated_resource_and_conflict)
{
	struct stream *s = to_bind();
	ck_assert_int_eq(say(s, "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
			     "<resource>taken</resource></bind></iq>", NULL), STREAM_OK);
	ck_assert(sent_contains("<iq type='error' id='b1'><error type='cancel'><conflict"));
	ck_assert(!stream_is_bound(s));
	ck_assert_int_eq(say(s, "<iq type='set' id='b2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>",
			     NULL), STREAM_OK);
	ck_assert(sent_contains("<jid>juliet@example.com/"));
	ck_assert_uint_eq(stream_jid(s).len, strlen("juliet@example.com/") + 32);
	stream_free(s);
}
END_TEST

/* Requirement: RFC6120-6.3.5-a, RFC6120-6.3.5-b, RFC6120-6.3.10-a, RFC6120-6.3.10-b, RFC6120-6.3.10-c, RFC6120-6.4.3-a, RFC6120-6.4.6-c */
START_TEST(test_scram_sha256_rfc7677_vector)
{
	struct stream *s = to_sasl();
	/* base64("n,,n=user,r=rOprNGfwEbeRWgbNEkqO") */
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
			     "biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=</auth>", NULL), STREAM_OK);
	/* base64("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096") */
	expect_sent("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
		    "cj1yT3ByTkdmd0ViZVJXZ2JORWtxTyVodllEcFdVYTJSYVRDQWZ1eEZJbGopaE5sRiRrMCxzPVcyMlphSjBTTlk3c29Fc1VFamI2Z1E9PSxpPTQwOTY="
		    "</challenge>");
	/* base64("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=") */
	ck_assert_int_eq(say(s, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
			     "Yz1iaXdzLHI9ck9wck5HZndFYmVSV2diTkVrcU8laHZZRHBXVWEyUmFUQ0FmdXhGSWxqKWhObEYkazAscD1kSHpiWmFwV0lrNGpVaE4rVXRlOXl0YWc5empmTUhnc3FtbWl6N0FuZFZRPQ=="
			     "</response>", NULL), STREAM_OK);
	/* base64("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=") */
	expect_sent("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
		    "dj02cnJpVFJCaTIzV3BSUi93dHVwK21NaFVaVW4vZEI1bkxUSlJzamw5NUc0PQ==</success>");
	ck_assert_str_eq(the_fake.mechanism, "SCRAM-SHA-256");
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	ck_assert(sent_contains("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"));
	stream_free(s);
}
END_TEST

/* Requirement: RFC6120-6.3.10-d, RFC6120-6.4.4-a, RFC6120-6.5.1-a */
START_TEST(test_scram_without_initial_response)
{
	struct stream *s = to_sasl();
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'/>", NULL),
			 STREAM_OK);
	expect_sent("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>=</challenge>");
	ck_assert_int_eq(say(s, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
			     "biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=</response>", NULL), STREAM_OK);
	ck_assert(sent_contains("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>cj1yT3By"));
	/* RFC 6120 §6.4.4: abort ends the exchange with <aborted/>; the stream stays. */
	ck_assert_int_eq(say(s, "<abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", NULL), STREAM_OK);
	ck_assert(sent_contains("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><aborted/>"));
	stream_free(s);
}
END_TEST

/* Requirement: RFC6120-6.4.5-a, RFC6120-6.4.5-c, RFC6120-6.4.5-d, RFC6120-4.9.3.14-a, RFC6120-4.9.3.14-b, RFC6120-6.5.5-a, RFC6120-6.5.7-a, RFC6120-6.5.10-a */
START_TEST(test_sasl_failures_then_give_up)
{
	struct stream *s = to_sasl();
	const char *bad = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" PLAIN_BAD "</auth>";
	ck_assert_int_eq(say(s, bad, NULL), STREAM_OK);
	ck_assert(sent_contains("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/>"));
	ck_assert_int_eq(the_fake.auth_failures, 1);
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='DIGEST-MD5'/>", NULL),
			 STREAM_OK);
	ck_assert(sent_contains("<invalid-mechanism/>"));
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>!!!</auth>", NULL),
			 STREAM_CLOSED);
	ck_assert(sent_contains("<incorrect-encoding/>"));
	ck_assert(sent_contains(ERR("policy-violation")));
	ck_assert(sent_contains("§6.4.5"));
	ck_assert_int_eq(the_fake.closes, 1);
	stream_free(s);
}
END_TEST

/* Requirement: RFC6120-6.5.10-a, RFC6120-6.5.11-a */
START_TEST(test_unknown_user_and_store_failure)
{
	struct stream *s = to_sasl();
	/* base64("\0nobody\0pencil") */
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AG5vYm9keQBwZW5jaWw="
			     "</auth>", NULL), STREAM_OK);
	ck_assert(sent_contains("<not-authorized/>"));
	the_fake.store_broken = true;
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" PLAIN_OK "</auth>",
			     NULL), STREAM_OK);
	ck_assert(sent_contains("<temporary-auth-failure/>"));
	stream_free(s);
}
END_TEST

/* Throttled accounts or peers get <temporary-auth-failure/> before any check. */
/* Requirement: RFC6120-6.5.11-a */
START_TEST(test_throttled_login)
{
	/* Requirement: RFC6120-13.12-b */
	struct stream *s = to_sasl();
	/* base64("\0blocked\0pencil") */
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGJsb2NrZWQAcGVuY2ls"
			     "</auth>", NULL), STREAM_OK);
	ck_assert(sent_contains("<temporary-auth-failure/>"));
	/* base64("n,,n=blocked,r=abcdefghijklmnop") */
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
			     "biwsbj1ibG9ja2VkLHI9YWJjZGVmZ2hpamtsbW5vcA==</auth>", NULL), STREAM_OK);
	ck_assert(sent_contains("<temporary-auth-failure/>"));
	ck_assert_int_eq(the_fake.auth_failures, 0); /* not counted again: no password was tried */
	stream_free(s);
}
END_TEST

/* Requirement: RFC6120-6.3.8-a, RFC6120-6.5.6-a */
START_TEST(test_plain_authzid_of_someone_else)
{
	struct stream *s = to_sasl();
	/* base64("romeo\0juliet\0r0m30myr0m30") */
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
			     "cm9tZW8AanVsaWV0AHIwbTMwbXlyMG0zMA==</auth>", NULL), STREAM_OK);
	ck_assert(sent_contains("<invalid-authzid/>"));
	stream_free(s);
}
END_TEST

/* Requirement: RFC6120-6.3.4-a, RFC6120-6.5.4-a, RFC6120-6.5.7-a */
START_TEST(test_plain_not_offered_before_tls)
{
	struct stream *s = new_stream(false);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	expect_sent(DECL SERVER_HDR "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
		    "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-256</mechanism>"
		    "<mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>");
	/* RFC 6120 §6.5.4: a mechanism that needs TLS, asked for without it. */
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" PLAIN_OK "</auth>",
			     NULL), STREAM_OK);
	ck_assert(sent_contains("<encryption-required/>"));
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256-PLUS'/>",
			     NULL), STREAM_OK);
	ck_assert(sent_contains("<encryption-required/>"));
	/* A mechanism this server does not have at all is invalid-mechanism (§6.5.7). */
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='CRAM-MD5'/>", NULL),
			 STREAM_CLOSED);
	ck_assert(sent_contains("<invalid-mechanism/>"));
	stream_free(s);
}
END_TEST

/* RFC 6120 §4.7.2: the client's 'from' comes back as 'to'; §4.7.5: versions are
 * integers (leading zeros ignored), and a header without one is answered
 * without one. */
/* Requirement: RFC6120-4.7.2-a, RFC6120-4.7.5-a, RFC6120-4.7.5-b, RFC6120-4.7.5-f, RFC6120-4.7.5-g, RFC6120-4.9.3.25-a */
START_TEST(test_header_from_and_versions)
{
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM
			     "' to='example.com' from='juliet@example.com' version='01.00'>", NULL), STREAM_OK);
	ck_assert(sent_contains("from='example.com' to='juliet@example.com' version='1.0'"));
	ck_assert(sent_contains("<starttls"));
	stream_free(s);
	s = new_stream(true);
	ck_assert_int_eq(say(s, "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM
			     "' to='example.com'>", NULL), STREAM_CLOSED);
	ck_assert(!sent_contains("' version=")); /* the XML declaration's own version aside */
	ck_assert(sent_contains(ERR("unsupported-version")));
	stream_free(s);
	static const char *const bad[] = { "1", "1.", ".0", "2.0", "10.0", "1.0a", "0.9", "1.-1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char hdr[256];
		snprintf(hdr, sizeof hdr, "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM
			 "' to='example.com' version='%s'>", bad[i]);
		s = new_stream(true);
		ck_assert_int_eq(say(s, hdr, NULL), STREAM_CLOSED);
		ck_assert_msg(sent_contains(ERR("unsupported-version")), "version '%s'", bad[i]);
		stream_free(s);
	}
}
END_TEST

struct header_case {
	const char *header;
	const char *condition;
};

static const struct header_case header_cases[] = {
	{ "<stream:stream xmlns='jabber:server' xmlns:stream='" NS_STREAM "' to='example.com' version='1.0'>",
	  ERR("invalid-namespace") },
	{ "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM "' to='example.com'>",
	  ERR("unsupported-version") },
	{ "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM "' to='example.com' version='2.0'>",
	  ERR("unsupported-version") },
	{ "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM "' to='example.com' version='1.x'>",
	  ERR("unsupported-version") },
	{ "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM "' to='example.net' version='1.0'>",
	  ERR("host-unknown") },
	{ "<stream:stream xmlns='jabber:client' xmlns:stream='urn:x' to='example.com' version='1.0'>",
	  ERR("invalid-namespace") },
	{ "<!-- hi -->", ERR("restricted-xml") },
	{ CLIENT_HDR "<message><body>x</message>", ERR("not-well-formed") },
};

/* RFC 6120 §4.9.1.1: an error about the header still comes after our header. */
/* Requirement: RFC6120-4.9.1.1-a, RFC6120-4.9.1.2-a, RFC6120-4.9.2-a, RFC6120-4.9.2-b, RFC6120-4.9.2-c, RFC6120-4.9.2-d, RFC6120-4.9.2-e, RFC6120-4.9.2-f, RFC6120-4.9.3.6-a, RFC6120-4.9.3.10-a, RFC6120-4.9.3.13-a, RFC6120-4.9.3.18-a, RFC6120-4.9.3.25-a */
START_TEST(test_header_errors)
{
	const struct header_case *c = &header_cases[_i];
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, c->header, NULL), STREAM_CLOSED);
	ck_assert(the_fake.sent.len > strlen(DECL SERVER_HDR));
	ck_assert_int_eq(memcmp(the_fake.sent.data, DECL "<stream:stream", strlen(DECL "<stream:stream")), 0);
	if (!sent_contains(c->condition))
		ck_abort_msg("case %d: %s not in %.*s", _i, c->condition, (int)the_fake.sent.len,
			     (const char *)the_fake.sent.data);
	/* Every refusal names the rule it enforces. */
	ck_assert(sent_contains("<text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>"));
	ck_assert(sent_contains("§"));
	ck_assert(sent_contains("</stream:error></stream:stream>"));
	ck_assert_int_eq(the_fake.closes, 1);
	stream_free(s);
}
END_TEST

START_TEST(test_header_without_to_and_mixed_case)
{
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM "' version='1.0'>", NULL),
			 STREAM_OK);
	ck_assert(sent_contains("<starttls"));
	stream_free(s);
	s = new_stream(true);
	ck_assert_int_eq(say(s, "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM
			     "' to='Example.COM' version='1.0'>", NULL), STREAM_OK);
	ck_assert(sent_contains("<starttls"));
	stream_free(s);
}
END_TEST

START_TEST(test_direct_tls)
{
	/* XEP-0368: TLS first, then the stream; PLAIN may be offered at once. */
	for (int lax = 0; lax <= 1; lax++) {
		struct stream *s = new_stream(!lax);
		tls_up(s);
		ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
		expect_sent(DECL SERVER_HDR "<stream:features>" MECHS_NO_PLUS "</stream:features>");
		stream_free(s);
	}
}
END_TEST

/* Requirement: RFC6120-5.2-b */
START_TEST(test_starttls_when_optional)
{
	struct stream *s = new_stream(false);
	ck_assert_int_eq(say(s, CLIENT_HDR STARTTLS, NULL), STREAM_TLS);
	ck_assert(sent_contains("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"));
	tls_up(s);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	expect_sent(DECL SERVER_HDR "<stream:features>" MECHS_NO_PLUS "</stream:features>");
	stream_free(s);
}
END_TEST

/* SCRAM over a stream without TLS (allowed when STARTTLS is optional). */
START_TEST(test_scram_when_tls_optional)
{
	struct stream *s = new_stream(false);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
			     "biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=</auth>", NULL), STREAM_OK);
	ck_assert(sent_contains("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>cj1yT3By"));
	stream_free(s);
}
END_TEST

/* Requirement: RFC6120-4.6.3-a, RFC6120-4.9.3.4-a */
START_TEST(test_timeout)
{
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	buf_clear(&the_fake.sent);
	stream_timeout(s);
	ck_assert(sent_contains(ERR("connection-timeout")));
	ck_assert_int_eq(the_fake.closes, 1);
	stream_free(s);
}
END_TEST

/* ---- in-band registration before authentication (XEP-0077) ---- */

#define REG_FEATURE "<register xmlns='http://jabber.org/features/iq-register'/>"
#define REG_GET "<iq type='get' id='reg1'><query xmlns='jabber:iq:register'/></iq>"
#define REG_SET(user, pass) "<iq type='set' id='reg2'><query xmlns='jabber:iq:register'><username>" user \
	"</username><password>" pass "</password></query></iq>"
#define REG_ERR(type, cond) "<iq type='error' id='reg2'><error type='" type "'><" cond \
	" xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
#define AUTH_PLAIN_OK "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" PLAIN_OK "</auth>"

/* Registration enabled, STARTTLS required, TLS up, features sent. */
static struct stream *to_register(void)
{
	struct stream *s = new_stream_with(true, true);
	ck_assert_int_eq(say(s, CLIENT_HDR STARTTLS, NULL), STREAM_TLS);
	tls_up(s);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	return s;
}

/* XEP-0077 §8: the stream feature; §11: only once the channel is protected
 * (RFC 6120 §5.3.1: nothing but STARTTLS before TLS when it is required). */
START_TEST(test_register_feature_only_inside_tls)
{
	/* Requirement: XEP0077-8-a, XEP0077-11-a, XEP0077-11-b */
	struct stream *s = new_stream_with(true, true);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	expect_sent(DECL SERVER_HDR "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
		    "<required/></starttls></stream:features>");
	ck_assert_int_eq(say(s, STARTTLS, NULL), STREAM_TLS);
	tls_up(s);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	expect_sent(DECL SERVER_HDR "<stream:features>" MECHS_NO_PLUS REG_FEATURE "</stream:features>");
	/* After authentication the features are binding's only. */
	ck_assert_int_eq(say(s, AUTH_PLAIN_OK, NULL), STREAM_OK);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	ck_assert(!sent_contains("iq-register"));
	stream_free(s);
	/* STARTTLS optional: not offered in the clear, offered after STARTTLS. */
	s = new_stream_with(false, true);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	ck_assert(sent_contains("<mechanisms"));
	ck_assert(!sent_contains("iq-register"));
	ck_assert_int_eq(say(s, STARTTLS, NULL), STREAM_TLS);
	tls_up(s);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	ck_assert(sent_contains(REG_FEATURE "</stream:features>"));
	stream_free(s);
	/* Direct TLS (XEP-0368). */
	s = new_stream_with(false, true);
	tls_up(s);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	expect_sent(DECL SERVER_HDR "<stream:features>" MECHS_NO_PLUS REG_FEATURE "</stream:features>");
	stream_free(s);
	/* Disabled: never offered. */
	s = to_sasl();
	expect_sent(DECL SERVER_HDR "<stream:features>" MECHS_NO_PLUS "</stream:features>");
	stream_free(s);
}
END_TEST

/* XEP-0077 §3.1: the fields, the account, an empty result; §3.1.1: then the
 * client authenticates on the same stream. */
START_TEST(test_register_then_authenticate)
{
	/* Requirement: XEP0077-3.1-a, XEP0077-3.1-f, XEP0077-3.1.1-a, XEP0077-3.1.1-b, XEP0077-4-a */
	struct stream *s = to_register();
	ck_assert_int_eq(say(s, REG_GET, NULL), STREAM_OK);
	expect_sent("<iq type='result' id='reg1'><query xmlns='jabber:iq:register'><instructions>Choose a username "
		    "and password for use with this server.</instructions><username/><password/></query></iq>");
	ck_assert_int_eq(say(s, REG_SET("romeo", "C&amp;lliope"), NULL), STREAM_OK);
	expect_sent("<iq type='result' id='reg2'/>");
	ck_assert_int_eq(the_fake.registers, 1);
	ck_assert_str_eq(the_fake.registered_user, "romeo");
	ck_assert_str_eq(the_fake.registered_password, "C&lliope"); /* the characters, not the XML */
	/* §3.1.1: a second identity on the same stream may be refused. */
	ck_assert_int_eq(say(s, REG_SET("mercutio", "x"), NULL), STREAM_OK);
	ck_assert(sent_contains(REG_ERR("cancel", "not-acceptable")));
	ck_assert(sent_contains("§3.1.1"));
	ck_assert_int_eq(the_fake.registers, 1);
	ck_assert_int_eq(say(s, AUTH_PLAIN_OK, NULL), STREAM_OK);
	expect_sent("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
	ck_assert_int_eq(the_fake.closes, 0);
	stream_free(s);
}
END_TEST

/* XEP-0077 §3.1.1: after registering, the entity must authenticate; any other
 * stanza is still one before authentication: <not-authorized/> (RFC 6120
 * §4.9.3.12). */
START_TEST(test_register_then_only_authentication)
{
	/* Requirement: XEP0077-3.1.1-c */
	struct stream *s = to_register();
	ck_assert_int_eq(say(s, REG_SET("romeo", "Calliope"), NULL), STREAM_OK);
	expect_sent("<iq type='result' id='reg2'/>");
	ck_assert_int_eq(say(s, "<message to='juliet@example.com'><body>hi</body></message>", NULL), STREAM_CLOSED);
	ck_assert(sent_contains(ERR("not-authorized")));
	ck_assert_int_eq(the_fake.delivered, 0);
	stream_free(s);
}
END_TEST

struct register_case {
	const char *set;       /* the <iq type='set'/> sent */
	const char *error;     /* the start of the answer */
	bool reaches_io;       /* io.register_account was asked */
};

static const struct register_case register_cases[] = {
	/* §3.1: "does not provide all of the requested information" (an empty
	 * <password/> included) -> MUST <not-acceptable/>. */
	{ "<iq type='set' id='reg2'><query xmlns='jabber:iq:register'><username>bill</username></query></iq>",
	  REG_ERR("modify", "not-acceptable"), false },
	{ "<iq type='set' id='reg2'><query xmlns='jabber:iq:register'><username>bill</username><password/>"
	  "</query></iq>", REG_ERR("modify", "not-acceptable"), false },
	{ "<iq type='set' id='reg2'><query xmlns='jabber:iq:register'><password>Calliope</password></query></iq>",
	  REG_ERR("modify", "not-acceptable"), false },
	{ "<iq type='set' id='reg2'><query xmlns='jabber:iq:register'/></iq>", REG_ERR("modify", "not-acceptable"),
	  false },
	/* RFC 6120 §8.3.3.8: a localpart that breaks RFC 7622. */
	{ REG_SET("bill@shakespeare.lit", "Calliope"), REG_ERR("modify", "jid-malformed"), false },
	{ REG_SET("bill the bard", "Calliope"), REG_ERR("modify", "jid-malformed"), false },
	/* §3.1: the username is taken -> <conflict/>. */
	{ REG_SET("taken", "Calliope"), REG_ERR("cancel", "conflict"), true },
	/* The per-address limit: retry later. */
	{ REG_SET("busy", "Calliope"), REG_ERR("wait", "resource-constraint"), true },
	{ REG_SET("broken", "Calliope"), REG_ERR("cancel", "internal-server-error"), true },
	/* §3.2: cancelling needs an account: unexpected-request before authentication. */
	{ "<iq type='set' id='reg2'><query xmlns='jabber:iq:register'><remove/></query></iq>",
	  REG_ERR("modify", "unexpected-request"), false },
};

START_TEST(test_register_refusals)
{
	/* Requirement: XEP0077-3.1-g */
	/* Requirement: RFC6120-8.3.3.22-a */
	const struct register_case *c = &register_cases[_i];
	struct stream *s = to_register();
	ck_assert_int_eq(say(s, c->set, NULL), STREAM_OK);
	if (!sent_contains(c->error))
		ck_abort_msg("case %d: expected %s, sent %.*s", _i, c->error, (int)the_fake.sent.len,
			     (const char *)the_fake.sent.data);
	ck_assert(sent_contains("<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>"));
	ck_assert(sent_contains("§"));
	ck_assert(!sent_contains("Calliope")); /* the request is not echoed (it may hold a password) */
	ck_assert_int_eq(the_fake.registers, c->reaches_io ? 1 : 0);
	/* A refusal is a stanza error: the stream goes on, and the client may retry. */
	ck_assert_int_eq(the_fake.closes, 0);
	ck_assert_int_eq(say(s, REG_SET("romeo", "Calliope"), NULL), STREAM_OK);
	expect_sent("<iq type='result' id='reg2'/>");
	stream_free(s);
}
END_TEST

START_TEST(test_register_password_length)
{
	struct stream *s = to_register();
	char set[2048];
	char pass[ACCOUNT_PASSWORD_MAX + 2];
	memset(pass, 'p', sizeof pass - 1);
	pass[sizeof pass - 1] = '\0'; /* one byte too many */
	snprintf(set, sizeof set, REG_SET("romeo", "%s"), pass);
	ck_assert_int_eq(say(s, set, NULL), STREAM_OK);
	ck_assert(sent_contains(REG_ERR("modify", "not-acceptable")));
	ck_assert_int_eq(the_fake.registers, 0);
	pass[ACCOUNT_PASSWORD_MAX] = '\0';
	snprintf(set, sizeof set, REG_SET("romeo", "%s"), pass);
	ck_assert_int_eq(say(s, set, NULL), STREAM_OK);
	expect_sent("<iq type='result' id='reg2'/>");
	stream_free(s);
}
END_TEST

/* STARTTLS required: registration before TLS is refused like <auth/> there:
 * <policy-violation/> (RFC 6120 §5.3.1, §4.9.3.14); the password is never read. */
/* Requirement: RFC6120-5.3.1-a */
START_TEST(test_register_before_tls_when_required)
{
	/* Requirement: XEP0077-11-a */
	struct stream *s = new_stream_with(true, true);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	ck_assert_int_eq(say(s, REG_SET("romeo", "Calliope"), NULL), STREAM_CLOSED);
	ck_assert(sent_contains(ERR("policy-violation")));
	ck_assert(sent_contains("§5.3.1"));
	ck_assert_int_eq(the_fake.registers, 0);
	stream_free(s);
}
END_TEST

/* STARTTLS optional: XEP-0077 §11 "SHOULD NOT be used unless the channel ...
 * has been secured": a stanza error (§3.3's condition for a channel not safe
 * enough), and the stream goes on so that the client can still STARTTLS. */
START_TEST(test_register_without_tls_when_optional)
{
	/* Requirement: XEP0077-11-a */
	struct stream *s = new_stream_with(false, true);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	ck_assert_int_eq(say(s, REG_SET("romeo", "Calliope"), NULL), STREAM_OK);
	ck_assert(sent_contains(REG_ERR("modify", "not-authorized")));
	ck_assert(sent_contains("XEP-0077 §11"));
	ck_assert_int_eq(say(s, REG_GET, NULL), STREAM_OK);
	ck_assert(sent_contains("<iq type='error' id='reg1'><error type='modify'><not-authorized"));
	ck_assert_int_eq(the_fake.registers, 0);
	ck_assert_int_eq(say(s, STARTTLS, NULL), STREAM_TLS);
	stream_free(s);
	/* The same in sasl_offered reached without TLS (a failed <auth/> in the clear). */
	s = new_stream_with(false, true);
	ck_assert_int_eq(say(s, CLIENT_HDR AUTH_PLAIN_OK, NULL), STREAM_OK);
	ck_assert(sent_contains("<encryption-required/>"));
	ck_assert_int_eq(say(s, REG_SET("romeo", "Calliope"), NULL), STREAM_OK);
	ck_assert(sent_contains(REG_ERR("modify", "not-authorized")));
	ck_assert_int_eq(the_fake.registers, 0);
	stream_free(s);
}
END_TEST

/* Disabled (the default): jabber:iq:register before authentication is a
 * stanza like any other: <not-authorized/> (RFC 6120 §4.9.3.12). */
START_TEST(test_register_disabled)
{
	/* Requirement: XEP0077-3.1-b, XEP0077-11-b */
	struct stream *s = to_sasl();
	ck_assert_int_eq(say(s, REG_GET, NULL), STREAM_CLOSED);
	ck_assert(sent_contains(ERR("not-authorized")));
	ck_assert_int_eq(the_fake.registers, 0);
	stream_free(s);
	s = new_stream(true);
	ck_assert_int_eq(say(s, CLIENT_HDR REG_SET("romeo", "Calliope"), NULL), STREAM_CLOSED);
	ck_assert(sent_contains(ERR("not-authorized")));
	stream_free(s);
}
END_TEST

/* During a SASL exchange, and after it until a resource is bound, a register
 * IQ is a stanza on a stream that may not send them yet (RFC 6120 §6.4, §7.1);
 * once bound it goes to the server's IQ handlers (src/iq_register.c). */
START_TEST(test_register_after_authentication)
{
	struct stream *s = to_register();
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'/>", NULL),
			 STREAM_OK);
	ck_assert_int_eq(say(s, REG_GET, NULL), STREAM_CLOSED);
	ck_assert(sent_contains(ERR("not-authorized")));
	stream_free(s);
	s = to_register();
	ck_assert_int_eq(say(s, AUTH_PLAIN_OK CLIENT_HDR, NULL), STREAM_OK);
	ck_assert_int_eq(say(s, REG_GET, NULL), STREAM_CLOSED);
	ck_assert(sent_contains(ERR("not-authorized")));
	stream_free(s);
	s = to_register();
	ck_assert_int_eq(say(s, AUTH_PLAIN_OK CLIENT_HDR "<iq type='set' id='b1'><bind xmlns="
			     "'urn:ietf:params:xml:ns:xmpp-bind'/></iq>", NULL), STREAM_OK);
	ck_assert(stream_is_bound(s));
	ck_assert_int_eq(say(s, REG_GET "<iq type='set' id='reg3'><query xmlns='jabber:iq:register'><remove/>"
			     "</query></iq>", NULL), STREAM_OK);
	ck_assert_int_eq(the_fake.delivered, 2);
	ck_assert_int_eq(the_fake.registers, 0);
	ck_assert_uint_eq(the_fake.sent.len, 0);
	stream_free(s);
}
END_TEST

/* ---- every (state, event) pair of the chart ---- */

enum outcome { STAYS, CLOSES, NOT_AUTHORIZED, POLICY, UNSUPPORTED, TIMEOUT_ERR };

/* A state, how to reach it, and the events it takes without a stream error. */
struct chart_state {
	const char *name;
	struct stream *(*reach)(void);
	unsigned legal; /* bit per event: no error (the action may still answer) */
	bool authed;    /* stanzas are not refused with not-authorized */
};

#define B(e) (1u << (e))

static struct stream *reach_start(void) { return new_stream(true); }
static struct stream *reach_start_lax(void) { return new_stream(false); }
static struct stream *reach_pre_tls(void)
{
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	return s;
}
static struct stream *reach_pre_tls_lax(void)
{
	struct stream *s = new_stream(false);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	return s;
}
static struct stream *reach_tls_handshake(void)
{
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, CLIENT_HDR STARTTLS, NULL), STREAM_TLS);
	return s;
}
static struct stream *reach_secure_start(void)
{
	struct stream *s = reach_tls_handshake();
	tls_up(s);
	return s;
}
static struct stream *reach_sasl_wait(void)
{
	struct stream *s = to_sasl();
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'/>", NULL),
			 STREAM_OK);
	return s;
}
static struct stream *reach_sasl_running(void)
{
	/* Between an element and its outcome: inject AUTH's successor by hand. */
	struct stream *s = to_sasl();
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'/>", NULL),
			 STREAM_OK);
	ck_assert_int_eq(say(s, "<abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", NULL), STREAM_OK);
	/* abort -> sasl_running -> (SASL_FAILURE) -> sasl_offered; go back in with AUTH */
	return s;
}
static struct stream *reach_binding(void)
{
	struct stream *s = to_bind();
	ck_assert_int_eq(say(s, "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
			     "<resource>taken</resource></bind></iq>", NULL), STREAM_OK);
	return s; /* BIND_FAILED took it back to bind_offered */
}

static const struct chart_state chart[] = {
	{ "start", reach_start, B(STREAM_EV_HEADER) | B(STREAM_EV_TLS_OPTIONAL) | B(STREAM_EV_TLS_DONE), false },
	{ "start_lax", reach_start_lax, B(STREAM_EV_HEADER) | B(STREAM_EV_TLS_DONE), false },
	{ "pre_tls", reach_pre_tls, B(STREAM_EV_STARTTLS), false },
	{ "pre_tls_lax", reach_pre_tls_lax, B(STREAM_EV_STARTTLS) | B(STREAM_EV_AUTH) | B(STREAM_EV_REGISTER), false },
	{ "tls_handshake", reach_tls_handshake, B(STREAM_EV_TLS_DONE), false },
	{ "secure_start", reach_secure_start, B(STREAM_EV_HEADER), false },
	{ "sasl_offered", to_sasl, B(STREAM_EV_AUTH) | B(STREAM_EV_REGISTER), false },
	{ "sasl_offered (after a failure)", reach_sasl_running, B(STREAM_EV_AUTH) | B(STREAM_EV_REGISTER), false },
	{ "sasl_wait", reach_sasl_wait, B(STREAM_EV_RESPONSE) | B(STREAM_EV_ABORT) | B(STREAM_EV_AUTH), false },
	{ "authed_start", NULL, B(STREAM_EV_HEADER), true },
	{ "bind_offered", to_bind, B(STREAM_EV_BIND), false },
	{ "bind_offered (after a conflict)", reach_binding, B(STREAM_EV_BIND), false },
	{ "active", to_active, B(STREAM_EV_STANZA) | B(STREAM_EV_SESSION) | B(STREAM_EV_BIND) | B(STREAM_EV_REGISTER),
	  true },
};

static enum outcome expected(const struct chart_state *st, enum stream_event e)
{
	if (st->legal & B(e))
		return STAYS;
	if (e == STREAM_EV_CLOSE)
		return CLOSES;
	if (e == STREAM_EV_TIMEOUT)
		return TIMEOUT_ERR;
	if (e == STREAM_EV_UNKNOWN)
		return UNSUPPORTED;
	/* Registration before TLS is refused like <auth/> (STARTTLS first). */
	if (e == STREAM_EV_REGISTER && strcmp(st->name, "pre_tls") == 0)
		return POLICY;
	bool stanza_like = e == STREAM_EV_STANZA || e == STREAM_EV_SESSION || e == STREAM_EV_BIND ||
			   e == STREAM_EV_REGISTER;
	bool stanzas_checked = strncmp(st->name, "pre_tls", 7) == 0 || strncmp(st->name, "sasl_", 5) == 0 ||
			       strncmp(st->name, "bind_offered", 12) == 0;
	if (stanza_like && stanzas_checked)
		return NOT_AUTHORIZED;
	if (e == STREAM_EV_AUTH && strcmp(st->name, "pre_tls") == 0)
		return POLICY; /* STARTTLS first */
	return POLICY;
}

static struct stream *reach_authed_start(void)
{
	struct stream *s = to_sasl();
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" PLAIN_OK "</auth>",
			     NULL), STREAM_OK);
	return s;
}

/* Requirement: RFC6120-4.9.1.1-a, RFC6120-4.9.3.12-a, RFC6120-4.9.3.14-a, RFC6120-4.9.3.24-a, RFC6120-5.3.1-a, RFC6120-6.3.1-a, RFC6120-7.1-a, RFC6120-7.3.1-a */
START_TEST(test_chart_every_state_and_event)
{
	const struct chart_state *st = &chart[_i];
	for (int e = 1; e < STREAM_EV_COUNT; e++) {
		enum outcome want = expected(st, (enum stream_event)e);
		if (want == STAYS)
			continue; /* legal events are driven with real elements in the scenarios */
		struct stream *s = st->reach != NULL ? st->reach() : reach_authed_start();
		buf_clear(&the_fake.sent);
		int closes = the_fake.closes;
		stream_run_event(s, (enum stream_event)e);
		const char *cond = want == CLOSES ? NULL : want == NOT_AUTHORIZED ? ERR("not-authorized")
				 : want == POLICY ? ERR("policy-violation") : want == UNSUPPORTED
				 ? ERR("unsupported-stanza-type") : ERR("connection-timeout");
		if (cond != NULL && !sent_contains(cond))
			ck_abort_msg("state %s, event %s: expected %s, sent %.*s", st->name,
				     stream_event_name((enum stream_event)e), cond, (int)the_fake.sent.len,
				     (const char *)the_fake.sent.data);
		if (cond == NULL && (!sent_contains("</stream:stream>") || sent_contains("<stream:error>")))
			ck_abort_msg("state %s: CLOSE must be answered with a plain closing tag", st->name);
		ck_assert_int_eq(the_fake.closes, closes + 1);
		/* Nothing more is taken after the stream ended. */
		buf_clear(&the_fake.sent);
		stream_run_event(s, STREAM_EV_HEADER);
		ck_assert_uint_eq(the_fake.sent.len, 0);
		stream_free(s);
	}
}
END_TEST

/* Outcome events arriving when no action queued them are out of order: after a
 * failed exchange the stream is back in sasl_offered, which takes only <auth/>. */
START_TEST(test_outcomes_out_of_order)
{
	static const enum stream_event outcomes[] = { STREAM_EV_SASL_CHALLENGE, STREAM_EV_SASL_SUCCESS,
						       STREAM_EV_SASL_FAILURE, STREAM_EV_SASL_GIVE_UP };
	for (size_t i = 0; i < 4; i++) {
		struct stream *s = reach_sasl_wait();
		ck_assert_int_eq(say(s, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>!!</response>", NULL),
				 STREAM_OK);
		ck_assert(sent_contains("<incorrect-encoding/>"));
		stream_run_event(s, outcomes[i]);
		ck_assert(sent_contains(ERR("policy-violation")));
		stream_free(s);
	}
}
END_TEST

/* RFC 6120 §6.4.2: an <auth/> while a challenge is unanswered discards that
 * exchange and starts the new one, which may succeed. */
/* Requirement: RFC6120-6.4.2-b */
START_TEST(test_auth_during_exchange_restarts_it)
{
	struct stream *s = reach_sasl_wait();
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" PLAIN_OK "</auth>",
			     NULL), STREAM_OK);
	ck_assert(sent_contains("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"));
	ck_assert(!sent_contains("<stream:error>"));
	stream_free(s);
}
END_TEST

/* RFC 6120 §7.7.3: failed bind requests are retried up to max_bind_attempts,
 * then the stream is closed with policy-violation. */
/* Requirement: RFC6120-7.7.3-a, RFC6120-7.7.3-b */
START_TEST(test_bind_attempts_limited)
{
	struct stream *s = to_bind();
	test_settings()->max_bind_attempts = 2;
	int closes = the_fake.closes;
	ck_assert_int_eq(say(s, "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
			     "<resource>a&#x378;</resource></bind></iq>", NULL), STREAM_OK);
	ck_assert(sent_contains("<bad-request"));
	ck_assert(!sent_contains("<stream:error>"));
	ck_assert_int_eq(the_fake.closes, closes);
	(void)say(s, "<iq type='set' id='b2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
		  "<resource>b&#x378;</resource></bind></iq>", NULL);
	ck_assert(sent_contains("<bad-request"));
	ck_assert(sent_contains(ERR("policy-violation")));
	ck_assert_int_eq(the_fake.closes, closes + 1);
	stream_free(s);
}
END_TEST

START_TEST(test_event_numbers_match_the_machine)
{
	/* machines/stream.rl names its alphabet "NAME = N;"; they must equal the enum. */
	FILE *f = fopen("machines/stream.rl", "r");
	ck_assert_ptr_nonnull(f);
	char line[512];
	int matched = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		char *p = line;
		char name[64];
		int n, used;
		while (sscanf(p, " %63[A-Z_] = %d;%n", name, &n, &used) == 2) {
			ck_assert_int_gt(n, 0);
			ck_assert_int_lt(n, STREAM_EV_COUNT);
			ck_assert_str_eq(stream_event_name((enum stream_event)n), name);
			matched++;
			p += used;
		}
	}
	fclose(f);
	ck_assert_int_eq(matched, STREAM_EV_COUNT - 1);
	for (int r = 0; r < STREAM_REFUSAL_COUNT; r++)
		ck_assert_str_ne(stream_refusal_name((enum stream_refusal)r), "STREAM_ERR_UNKNOWN");
}
END_TEST

/* ---- RFC 6120 §4-§7 details ---- */

/* §5.3.3: no whitespace from <starttls/> to the end of <proceed/>: the answer
 * is exactly the element, and nothing follows it in the clear. */
/* Requirement: RFC6120-5.3.3-a, RFC6120-5.4.2.1-a, RFC6120-5.4.2.3-a */
START_TEST(test_proceed_exact_bytes)
{
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	ck_assert_int_eq(say(s, STARTTLS, NULL), STREAM_TLS);
	expect_sent("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
	stream_free(s);
}
END_TEST

/* §4.9.3.12: a stanza before authentication is refused and "the receiving
 * entity MUST NOT process the offending data"; §7.1 the same before binding. */
/* Requirement: RFC6120-4.9.3.12-a, RFC6120-4.9.3.12-b, RFC6120-6.3.1-a, RFC6120-7.1-a */
START_TEST(test_stanza_before_bind_not_processed)
{
	static const char *const stanza = "<message to='romeo@example.com'><body>hi</body></message>";
	struct stream *s = to_sasl();
	ck_assert_int_eq(say(s, stanza, NULL), STREAM_CLOSED);
	ck_assert(sent_contains(ERR("not-authorized")));
	ck_assert_int_eq(the_fake.delivered, 0);
	stream_free(s);
	s = to_bind();
	ck_assert_int_eq(say(s, stanza, NULL), STREAM_CLOSED);
	ck_assert(sent_contains(ERR("not-authorized")));
	ck_assert_int_eq(the_fake.delivered, 0);
	ck_assert_int_eq(the_fake.binds, 0);
	stream_free(s);
}
END_TEST

/* §4.9.1.1: the peer's stream error ends its stream; ours is closed in reply,
 * without an error of our own, at any point of the negotiation. */
/* Requirement: RFC6120-4.9.1.1-b, RFC6120-4.4-b */
START_TEST(test_peer_stream_error_closes)
{
	static const char *const peer_error = "<stream:error><undefined-condition "
					      "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>";
	struct stream *const streams[] = { reach_pre_tls(), to_sasl(), to_bind(), to_active() };
	for (size_t i = 0; i < sizeof streams / sizeof streams[0]; i++) {
		int closes = the_fake.closes;
		ck_assert_int_eq(say(streams[i], peer_error, NULL), STREAM_CLOSED);
		expect_sent("</stream:stream>");
		ck_assert_int_eq(the_fake.closes, closes + 1);
		stream_free(streams[i]);
	}
}
END_TEST

/* §6.5: the failure names a defined condition; its <text/> (MAY) carries
 * xml:lang and cites the rule. */
/* Requirement: RFC6120-6.5-a, RFC6120-6.5-b, RFC6120-6.4.5-a */
START_TEST(test_sasl_failure_text)
{
	struct stream *s = to_sasl();
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" PLAIN_BAD "</auth>",
			     NULL), STREAM_OK);
	ck_assert(sent_contains("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/>"
				"<text xml:lang='en'>RFC "));
	ck_assert(sent_contains("</text></failure>"));
	stream_free(s);
}
END_TEST

/* §4.9.3.21: undefined-condition is for application-specific errors, which
 * this server has none of; §4.9.2: every stream error names a defined
 * condition. Every refusal of the chart and of the header checks is one. */
/* Requirement: RFC6120-4.9.3.21-a, RFC6120-4.9.2-b */
START_TEST(test_no_undefined_condition)
{
	static const char *const defined[] = { /* RFC 6120 §4.9.3.1 .. §4.9.3.25 */
		"bad-format", "bad-namespace-prefix", "conflict", "connection-timeout", "host-gone",
		"host-unknown", "improper-addressing", "internal-server-error", "invalid-from",
		"invalid-namespace", "invalid-xml", "not-authorized", "not-well-formed", "policy-violation",
		"remote-connection-failed", "reset", "resource-constraint", "restricted-xml", "see-other-host",
		"system-shutdown", "undefined-condition", "unsupported-encoding", "unsupported-feature",
		"unsupported-stanza-type", "unsupported-version",
	};
	static const enum stream_event events[] = { STREAM_EV_STANZA, STREAM_EV_AUTH, STREAM_EV_UNKNOWN,
						    STREAM_EV_TIMEOUT, STREAM_EV_RESPONSE };
	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
		struct stream *s = reach_pre_tls();
		buf_clear(&the_fake.sent);
		stream_run_event(s, events[i]);
		ck_assert(sent_contains("<stream:error><"));
		ck_assert(!sent_contains("undefined-condition"));
		bool known = false;
		for (size_t c = 0; c < sizeof defined / sizeof defined[0]; c++) {
			char needle[96];
			snprintf(needle, sizeof needle, "<stream:error><%s xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>",
				 defined[c]);
			known = known || sent_contains(needle);
		}
		ck_assert_msg(known, "event %s: %.*s", stream_event_name(events[i]), (int)the_fake.sent.len,
			      (const char *)the_fake.sent.data);
		stream_free(s);
	}
}
END_TEST

/* §4.7.2: the client's 'from' comes back as the bare JID, whatever resource it
 * named; no 'from', no 'to'. */
/* Requirement: RFC6120-4.7.2-a, RFC6120-4.7.2-b */
START_TEST(test_header_to_is_bare)
{
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM
			     "' to='example.com' from='juliet@example.com/balcony/2' version='1.0'>", NULL), STREAM_OK);
	ck_assert(sent_contains("from='example.com' to='juliet@example.com' version='1.0'"));
	stream_free(s);
	s = new_stream(true);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	ck_assert(!sent_contains(" to="));
	stream_free(s);
}
END_TEST

/* §4.3.3, §4.3.4, §6.4.6: each restart gets a new header (a new XML document,
 * after a declaration) and new features, both after TLS and after SASL. */
/* Requirement: RFC6120-4.3.3-a, RFC6120-4.3.3-c, RFC6120-4.3.4-a, RFC6120-6.4.6-e, RFC6120-6.4.6-f, RFC6120-6.3.2-a, RFC6120-5.3.2-a */
START_TEST(test_restarts_start_new_documents)
{
	struct stream *s = to_sasl();
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" PLAIN_OK "</auth>"
			     CLIENT_HDR, NULL), STREAM_OK);
	/* the header in the same read as <auth/> already belongs to the new stream */
	ck_assert(sent_contains("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>" DECL SERVER_HDR
				"<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"));
	ck_assert(!sent_contains("</stream:stream>"));
	ck_assert_int_eq(the_fake.closes, 0);
	stream_free(s);
}
END_TEST

/* §4.7.5: the response states the lower of the two versions, written without
 * leading zeros; below 1.0 that is the client's, refused all the same. */
/* Requirement: RFC6120-4.7.5-e, RFC6120-4.7.5-b, RFC6120-4.7.5-c, RFC6120-4.9.3.25-a */
START_TEST(test_lower_version_answered_with_it)
{
	static const struct { const char *sent, *answered; } cases[] = {
		{ "0.9", "0.9" }, { "00.09", "0.9" }, { "0.0", "0.0" }, { "2.0", "1.0" }, { "1.10", "1.0" },
		{ "001.000", "1.0" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char hdr[256], want[64];
		snprintf(hdr, sizeof hdr, "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM
			 "' to='example.com' version='%s'>", cases[i].sent);
		snprintf(want, sizeof want, "from='example.com' version='%s' xml:lang='en'>", cases[i].answered);
		struct stream *s = new_stream(true);
		enum stream_status st = say(s, hdr, NULL);
		ck_assert_msg(sent_contains(want), "version '%s': %.*s", cases[i].sent, (int)the_fake.sent.len,
			      (const char *)the_fake.sent.data);
		bool refused = cases[i].answered[0] != '1' || cases[i].sent[0] == '2';
		ck_assert_int_eq(st, refused ? STREAM_CLOSED : STREAM_OK);
		ck_assert(sent_contains(ERR("unsupported-version")) == refused);
		stream_free(s);
	}
}
END_TEST

/* §5.4.2.2: when no TLS session can be made, <failure/> instead of
 * <proceed/>, then the closing tag and the end of the connection. */
/* Requirement: RFC6120-5.4.2.2-a, RFC6120-5.4.2.1-a */
START_TEST(test_starttls_failure_case)
{
	struct stream *s = new_stream(true);
	ck_assert_int_eq(say(s, CLIENT_HDR, NULL), STREAM_OK);
	the_fake.tls_broken = true;
	ck_assert_int_eq(say(s, STARTTLS "<stream:stream", NULL), STREAM_CLOSED);
	expect_sent("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>");
	ck_assert_int_eq(the_fake.start_tls, 1);
	ck_assert_int_eq(the_fake.closes, 1);
	stream_free(s);
}
END_TEST

/* §6.4.6: the 'from' of the header over TLS is checked against the account
 * SASL authenticated (prepared, so case does not matter); another account ends
 * the attempt with <invalid-from/> (§4.9.3.9) instead of <success/>. Without
 * TLS the 'from' is not trusted, so not checked. */
/* Requirement: RFC6120-6.4.6-a, RFC6120-6.4.6-b, RFC6120-4.9.3.9-a */
START_TEST(test_header_from_checked_against_sasl)
{
	static const char *const auth = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" PLAIN_OK
					"</auth>";
	static const struct { const char *from; bool ok; } cases[] = {
		{ "juliet@example.com", true }, { "Juliet@EXAMPLE.com", true }, { "juliet@example.com/balcony", true },
		{ "romeo@example.com", false }, { "juliet@example.net", false }, { "example.com", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct stream *s = new_stream(true);
		ck_assert_int_eq(say(s, CLIENT_HDR STARTTLS, NULL), STREAM_TLS);
		tls_up(s);
		char hdr[256];
		snprintf(hdr, sizeof hdr, "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM
			 "' to='example.com' from='%s' version='1.0'>", cases[i].from);
		ck_assert_int_eq(say(s, hdr, NULL), STREAM_OK);
		enum stream_status st = say(s, auth, NULL);
		ck_assert_msg(sent_contains("<success") == cases[i].ok, "from '%s': %.*s", cases[i].from,
			      (int)the_fake.sent.len, (const char *)the_fake.sent.data);
		ck_assert_int_eq(st, cases[i].ok ? STREAM_OK : STREAM_CLOSED);
		ck_assert(sent_contains(ERR("invalid-from")) == !cases[i].ok);
		ck_assert_int_eq(the_fake.authenticated, cases[i].ok ? 1 : 0);
		stream_free(s);
	}
	/* Over a stream without TLS the claim is not protected: not compared. */
	struct stream *s = new_stream(false);
	ck_assert_int_eq(say(s, "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM
			     "' to='example.com' from='romeo@example.com' version='1.0'>", NULL), STREAM_OK);
	/* base64("n,,n=user,r=rOprNGfwEbeRWgbNEkqO") */
	ck_assert_int_eq(say(s, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
			     "biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=</auth>", NULL), STREAM_OK);
	ck_assert(sent_contains("<challenge"));
	stream_free(s);
}
END_TEST

/* §7.6.2.1: the account has all the resources it may: <resource-constraint/>
 * (type wait, RFC 6120 §8.3.3.18), and the stream may bind later. */
/* Requirement: RFC6120-7.6.2.1-a */
START_TEST(test_bind_resource_limit)
{
	struct stream *s = to_bind();
	ck_assert_int_eq(say(s, "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
			     "<resource>one-too-many</resource></bind></iq>", NULL), STREAM_OK);
	ck_assert(sent_contains("<iq type='error' id='b1'><error type='wait'><resource-constraint "
				"xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
	ck_assert(!stream_is_bound(s));
	ck_assert_int_eq(say(s, "<iq type='set' id='b2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
			     "<resource>balcony</resource></bind></iq>", NULL), STREAM_OK);
	ck_assert(stream_is_bound(s));
	stream_free(s);
}
END_TEST

Suite *stream_suite(void)
{
	Suite *s = suite_create("stream");
	TCase *tc = tcase_create("negotiation");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_header_offers_starttls_required);
	tcase_add_test(tc, test_starttls_stops_at_the_element);
	tcase_add_test(tc, test_plus_offered_with_channel_binding);
	tcase_add_test(tc, test_plain_login_bind_and_stanzas);
	tcase_add_test(tc, test_generated_resource_and_conflict);
	tcase_add_test(tc, test_idle_memory);
	tcase_add_test(tc, test_conflict_random_suffix);
	tcase_add_test(tc, test_scram_sha256_rfc7677_vector);
	tcase_add_test(tc, test_scram_without_initial_response);
	tcase_add_test(tc, test_sasl_failures_then_give_up);
	tcase_add_test(tc, test_unknown_user_and_store_failure);
	tcase_add_test(tc, test_plain_authzid_of_someone_else);
	tcase_add_test(tc, test_throttled_login);
	tcase_add_test(tc, test_plain_not_offered_before_tls);
	tcase_add_test(tc, test_header_from_and_versions);
	tcase_add_loop_test(tc, test_header_errors, 0, sizeof header_cases / sizeof header_cases[0]);
	tcase_add_test(tc, test_header_without_to_and_mixed_case);
	tcase_add_test(tc, test_timeout);
	tcase_add_test(tc, test_direct_tls);
	tcase_add_test(tc, test_starttls_when_optional);
	tcase_add_test(tc, test_scram_when_tls_optional);
	tcase_add_test(tc, test_register_feature_only_inside_tls);
	tcase_add_test(tc, test_register_then_authenticate);
	tcase_add_test(tc, test_register_then_only_authentication);
	tcase_add_loop_test(tc, test_register_refusals, 0, sizeof register_cases / sizeof register_cases[0]);
	tcase_add_test(tc, test_register_password_length);
	tcase_add_test(tc, test_register_before_tls_when_required);
	tcase_add_test(tc, test_register_without_tls_when_optional);
	tcase_add_test(tc, test_register_disabled);
	tcase_add_test(tc, test_register_after_authentication);
	tcase_add_loop_test(tc, test_chart_every_state_and_event, 0, sizeof chart / sizeof chart[0]);
	tcase_add_test(tc, test_outcomes_out_of_order);
	tcase_add_test(tc, test_auth_during_exchange_restarts_it);
	tcase_add_test(tc, test_bind_attempts_limited);
	tcase_add_test(tc, test_event_numbers_match_the_machine);
	tcase_add_test(tc, test_proceed_exact_bytes);
	tcase_add_test(tc, test_stanza_before_bind_not_processed);
	tcase_add_test(tc, test_peer_stream_error_closes);
	tcase_add_test(tc, test_sasl_failure_text);
	tcase_add_test(tc, test_no_undefined_condition);
	tcase_add_test(tc, test_header_to_is_bare);
	tcase_add_test(tc, test_restarts_start_new_documents);
	tcase_add_test(tc, test_lower_version_answered_with_it);
	tcase_add_test(tc, test_starttls_failure_case);
	tcase_add_test(tc, test_header_from_checked_against_sasl);
	tcase_add_test(tc, test_bind_resource_limit);
	suite_add_tcase(s, tc);
	return s;
}
