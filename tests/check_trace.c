/* check_trace.c - the per-connection protocol trace (src/trace.c and its hooks
 * in src/stream.c, src/im.c, src/presence.c).
 *
 * Connections without sockets: each is a real stream (src/stream.c) whose
 * bound session lives in a real IM service over a scratch SQLite store, with
 * the session's output sent back through stream_send() as src/conn.c does.
 * The logger writes to a memory stream, so each test reads the TRACE lines the
 * server would have written and checks what they say: the states and events
 * of both machines, both directions, the rules that switch tracing on, the
 * redaction of secrets and the bound on a line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "config.h"
#include "im.h"
#include "store.h"
#include "stream.h"
#include "suites.h"
#include "test_account.h"
#include "test_dir.h"
#include "trace.h"

#define NS_STREAM "http://etherx.jabber.org/streams"
#define CLIENT_HDR "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM "' to='example.com' version='1.0'>"
#define STARTTLS "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
#define AUTH_PLAIN(b64) "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" b64 "</auth>"
/* base64("\0juliet\0r0m30myr0m30") and base64("\0romeo\0r0m30myr0m30") */
#define JULIET_PLAIN "AGp1bGlldAByMG0zMG15cjBtMzA="
#define ROMEO_PLAIN "AHJvbWVvAHIwbTMwbXlyMG0zMA=="
#define BIND(res) "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" res \
	"</resource></bind></iq>"

/* ---------- the log, captured ---------- */

static char *log_text;
static size_t log_size;
static FILE *log_file;
static struct logger lg;

/* Everything logged so far (NUL-terminated, owned by the memory stream). */
static const char *logged(void)
{
	ck_assert_int_eq(fflush(log_file), 0);
	return log_text != NULL ? log_text : "";
}

static bool logged_has(const char *needle)
{
	return strstr(logged(), needle) != NULL;
}

#define EXPECT_LOGGED(needle) ck_assert_msg(logged_has(needle), "not in the trace: %s\n--- log:\n%.3000s", needle, logged())
#define EXPECT_NOT_LOGGED(needle) \
	ck_assert_msg(!logged_has(needle), "in the trace: %s\n--- log:\n%.3000s", needle, logged())

static size_t count_lines(const char *prefix)
{
	size_t n = 0;
	for (const char *p = logged(); (p = strstr(p, prefix)) != NULL; p++)
		n++;
	return n;
}

/* ---------- the server side ---------- */

static char dir[64];
static struct config cfg;
static struct store *st;
static struct im *im;
static struct stream_settings settings;
static struct credentials creds_juliet, creds_romeo, creds_user;

struct tconn {
	struct stream *s;
	struct trace trace;
	struct buf sent;
	struct session *session;
};

static void io_send(void *ctx, struct span bytes)
{
	struct tconn *c = ctx;
	ck_assert(buf_append_span(&c->sent, bytes));
}

static void io_nothing(void *ctx) { (void)ctx; }
static bool io_start_tls(void *ctx) { (void)ctx; return true; }

static enum stream_lookup io_lookup(void *ctx, struct span user, struct credentials *out)
{
	(void)ctx;
	if (span_eq(user, SPAN_LIT("juliet")))
		*out = creds_juliet;
	else if (span_eq(user, SPAN_LIT("romeo")))
		*out = creds_romeo;
	else if (span_eq(user, SPAN_LIT("user")))
		*out = creds_user;
	else
		return STREAM_LOOKUP_NOT_FOUND;
	return STREAM_LOOKUP_FOUND;
}

/* As src/conn.c: the session's bytes go through the stream (and its trace). */
static void sio_send(void *ctx, struct span bytes)
{
	struct tconn *c = ctx;
	stream_send(c->s, bytes);
}

static void sio_terminate(void *ctx, const char *condition, const char *text)
{
	struct tconn *c = ctx;
	stream_terminate(c->s, condition, text);
}

static void sio_unbound(void *ctx)
{
	((struct tconn *)ctx)->session = NULL;
}

static enum stream_bind_result io_bind(void *ctx, struct span jid)
{
	struct tconn *c = ctx;
	struct session_io sio = { c, sio_send, sio_terminate, sio_unbound, &c->trace };
	return im_bind(im, jid, &sio, "127.0.0.1", &c->session);
}

static void io_deliver(void *ctx, const struct xml_node *stanza)
{
	struct tconn *c = ctx;
	im_stanza(im, c->session, stanza);
}

static bool io_allowed(void *ctx, struct span user)
{
	(void)ctx;
	(void)user;
	return true;
}

static void io_failed(void *ctx, struct span user)
{
	(void)ctx;
	(void)user;
}

static void io_authenticated(void *ctx, struct span user, const char *mechanism)
{
	(void)ctx;
	(void)user;
	(void)mechanism;
}

static enum stream_register io_register(void *ctx, struct span user, struct span password)
{
	(void)ctx;
	(void)user;
	(void)password;
	return STREAM_REGISTER_OK;
}

static void derive(struct credentials *c, const char *password, struct span salt)
{
	memset(c, 0, sizeof *c);
	ck_assert_int_eq(scram_derive_keys(SCRAM_SHA256, span_of(password, strlen(password)), salt, 4096,
					   &c->keys[SCRAM_SHA256]), SASL_OK);
}

/* A server with these log settings (the `log` group's inside). */
static void server_with(const char *log_settings)
{
	ck_assert_int_ge(sodium_init(), 0);
	log_text = NULL;
	log_size = 0;
	log_file = open_memstream(&log_text, &log_size);
	ck_assert_ptr_nonnull(log_file);
	memset(&lg, 0, sizeof lg);
	lg.level = CONFIG_LOG_ERROR; /* the trace ignores the level */
	lg.out = log_file;
	char text[1024];
	(void)snprintf(text, sizeof text, "server = { domain = \"example.com\"; };\nim = { register_enabled = true; };\n"
					  "log = { %s };\n", log_settings);
	struct buf errors;
	buf_init(&errors, mem_default());
	ck_assert_msg(config_load_string("test.conf", text, &cfg, &errors) == CONFIG_OK, "%.*s", (int)errors.len,
		      (const char *)errors.data);
	buf_free(&errors);
	(void)snprintf(dir, sizeof dir, "/tmp/xmppd-trace-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char db[128];
	(void)snprintf(db, sizeof db, "%s/accounts.sqlite", dir);
	ck_assert_int_eq(store_open(mem_default(), db, &st), STORE_OK);
	test_account_add(st, "juliet");
	test_account_add(st, "romeo");
	struct im_deps deps = { mem_default(), NULL, &cfg, st, &lg };
	im = im_new(&deps);
	ck_assert_ptr_nonnull(im);
	derive(&creds_juliet, "r0m30myr0m30", SPAN_LIT("saltsaltsalt1234"));
	derive(&creds_romeo, "r0m30myr0m30", SPAN_LIT("saltsaltsalt5678"));
	uint8_t salt[16];
	size_t salt_len;
	ck_assert_int_eq(sasl_base64_decode(SPAN_LIT("W22ZaJ0SNY7soEsUEjb6gQ=="), salt, sizeof salt, &salt_len), SASL_OK);
	derive(&creds_user, "pencil", span_of(salt, salt_len)); /* RFC 7677 §3 */
	settings = (struct stream_settings){
		.domain = SPAN_LIT("example.com"),
		.tls_required = true,
		.mechanisms = { CONFIG_SASL_SCRAM_SHA_256, CONFIG_SASL_PLAIN },
		.mechanism_count = 2,
		.max_auth_attempts = 3,
		.register_enabled = true,
		.scram_iterations = 4096,
		.xml = xml_limits_default(),
		.test_server_nonce = SPAN_LIT("%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"),
	};
}

static void open_conn(struct tconn *c, uint64_t id, const char *ip, bool tls_required)
{
	memset(c, 0, sizeof *c);
	buf_init(&c->sent, mem_default());
	trace_init(&c->trace, &lg, &cfg.log, mem_default(), id, ip);
	settings.tls_required = tls_required;
	struct stream_io io = { c, io_send, io_start_tls, io_nothing, io_lookup, io_bind, io_deliver,
				io_allowed, io_failed, io_authenticated, io_register, &c->trace };
	c->s = stream_new(mem_default(), &settings, &io);
	ck_assert_ptr_nonnull(c->s);
}

static void say(struct tconn *c, const char *text)
{
	size_t used;
	enum stream_status status = stream_input(c->s, (const uint8_t *)text, strlen(text), &used);
	ck_assert_msg(status != STREAM_E_NOMEM, "out of memory after %s", text);
}

/* Header, STARTTLS, TLS, header, PLAIN, header, bind: a bound resource. */
static void log_in(struct tconn *c, const char *plain_b64, const char *resource_bind)
{
	say(c, CLIENT_HDR STARTTLS);
	stream_tls_established(c->s, NULL);
	say(c, CLIENT_HDR);
	char auth[256];
	(void)snprintf(auth, sizeof auth, AUTH_PLAIN("%s"), plain_b64);
	say(c, auth);
	say(c, CLIENT_HDR);
	say(c, resource_bind);
	ck_assert(stream_is_bound(c->s));
}

static void unbind_conn(struct tconn *c)
{
	if (c->session != NULL)
		im_unbind(im, c->session);
	c->session = NULL;
}

static void free_conn(struct tconn *c)
{
	stream_free(c->s);
	trace_free(&c->trace);
	buf_free(&c->sent);
}

static void server_free(void)
{
	im_free(im);
	store_close(st);
	config_free(&cfg);
	test_dir_remove(dir);
	(void)fclose(log_file);
	free(log_text);
}

/* ---------- global: both directions, every transition named ---------- */

START_TEST(test_global_negotiation_both_directions)
{
	server_with("trace = true;");
	struct tconn c;
	open_conn(&c, 7, "192.0.2.1", true);
	log_in(&c, JULIET_PLAIN, BIND("balcony"));
	say(&c, "<message to='juliet@example.com/balcony' type='chat'><body>hello me</body></message>");
	say(&c, "</stream:stream>");
	EXPECT_LOGGED("TRACE c7 trace on for peer 192.0.2.1 (log.trace)\n");
	/* Each element in, with the state it found and the event it became. */
	EXPECT_LOGGED("TRACE c7 in [start] HEADER <stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM "' "
		      "to='example.com' version='1.0'>\n");
	EXPECT_LOGGED("TRACE c7 in [pre_tls] STARTTLS <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\n");
	EXPECT_LOGGED("TRACE c7 in [sasl_offered] AUTH <auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' "
		      "mechanism='PLAIN'>[28 bytes redacted]</auth>\n");
	EXPECT_LOGGED("TRACE c7 in [bind_offered] BIND <iq type='set' id='b1'>");
	EXPECT_LOGGED("TRACE c7 in [active] STANZA <message to='juliet@example.com/balcony' type='chat'>"
		      "<body>hello me</body></message>\n");
	EXPECT_LOGGED("TRACE c7 in [active] CLOSE </stream:stream>\n");
	/* Every transition of the negotiation, by the chart's labels. */
	static const char *const transitions[] = {
		"start --HEADER--> pre_tls", "pre_tls --STARTTLS--> tls_handshake",
		"tls_handshake --TLS_DONE--> secure_start", "secure_start --HEADER--> sasl_offered",
		"sasl_offered --AUTH--> sasl_running", "sasl_running --SASL_SUCCESS--> authed_start",
		"authed_start --HEADER--> bind_offered", "bind_offered --BIND--> binding",
		"binding --BIND_DONE--> active", "active --STANZA--> active", "active --CLOSE--> final",
	};
	for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++) {
		char line[128];
		(void)snprintf(line, sizeof line, "TRACE c7 stream %s\n", transitions[i]);
		EXPECT_LOGGED(line);
	}
	/* Everything out, as sent. */
	EXPECT_LOGGED("TRACE c7 out <?xml version='1.0'?><stream:stream xmlns='jabber:client'");
	EXPECT_LOGGED("TRACE c7 out <proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\n");
	EXPECT_LOGGED("TRACE c7 out <success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>\n");
	EXPECT_LOGGED("<jid>juliet@example.com/balcony</jid></bind></iq>\n");
	EXPECT_LOGGED("TRACE c7 out <message from='juliet@example.com/balcony' to='juliet@example.com/balcony' "
		      "type='chat'><body>hello me</body></message>\n");
	EXPECT_LOGGED("TRACE c7 route delivered to the full JID\n");
	EXPECT_LOGGED("TRACE c7 out </stream:stream>\n");
	/* In before the answer, the answer before the transition it belongs to. */
	const char *in = strstr(logged(), "in [pre_tls] STARTTLS"), *out = strstr(logged(), "out <proceed"),
		   *tr = strstr(logged(), "stream pre_tls --STARTTLS-->");
	ck_assert(in != NULL && out != NULL && tr != NULL && in < out && out < tr);
	unbind_conn(&c);
	free_conn(&c);
	server_free();
}
END_TEST

/* The other labels: STARTTLS optional, SCRAM with a challenge round. */
START_TEST(test_global_lax_scram_states)
{
	server_with("trace = true;");
	struct tconn c;
	open_conn(&c, 1, "192.0.2.1", false);
	say(&c, CLIENT_HDR);
	say(&c, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'/>");
	/* base64("n,,n=user,r=rOprNGfwEbeRWgbNEkqO") */
	say(&c, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=</response>");
	say(&c, "<abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
	static const char *const transitions[] = {
		"start --TLS_OPTIONAL--> start_lax", "start_lax --HEADER--> pre_tls_lax",
		"pre_tls_lax --AUTH--> sasl_running", "sasl_running --SASL_CHALLENGE--> sasl_wait",
		"sasl_wait --RESPONSE--> sasl_running", "sasl_wait --ABORT--> sasl_running",
		"sasl_running --SASL_FAILURE--> sasl_offered",
	};
	for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++) {
		char line[128];
		(void)snprintf(line, sizeof line, "TRACE c1 stream %s\n", transitions[i]);
		EXPECT_LOGGED(line);
	}
	/* A challenge and a response are SASL payloads too. */
	EXPECT_NOT_LOGGED("biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=");
	EXPECT_NOT_LOGGED("cj1yT3By");
	EXPECT_LOGGED("TRACE c1 in [sasl_wait] RESPONSE <response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
		      "[44 bytes redacted]</response>\n");
	EXPECT_LOGGED("TRACE c1 out <challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>[1 bytes redacted]</challenge>\n");
	/* An event with no slot: the transition says so before the stream error. */
	stream_run_event(c.s, STREAM_EV_BIND_DONE);
	EXPECT_LOGGED("TRACE c1 stream sasl_offered --BIND_DONE--> final\n");
	free_conn(&c);
	server_free();
}
END_TEST

/* The name table covers the chart: every state number from the start to
 * the first final one is a distinct label. */
START_TEST(test_state_names_complete)
{
	ck_assert_str_eq(stream_machine_state_name(0), "error");
	for (int cs = 1; cs <= 13; cs++) {
		const char *n = stream_machine_state_name(cs);
		ck_assert_str_ne(n, "unnamed");
		ck_assert_str_ne(n, "final");
		for (int other = 1; other < cs; other++)
			ck_assert_str_ne(n, stream_machine_state_name(other));
	}
	ck_assert_str_eq(stream_machine_state_name(14), "final");
	ck_assert_str_eq(stream_machine_state_name(-1), "unnamed");
}
END_TEST

/* ---------- off: nothing at all ---------- */

START_TEST(test_off_logs_nothing)
{
	server_with("trace = false; trace_addresses = [ \"10.0.0.0/8\" ]; trace_accounts = [ \"romeo@example.com\" ];");
	struct tconn c;
	open_conn(&c, 3, "192.0.2.1", true);
	log_in(&c, JULIET_PLAIN, BIND("balcony"));
	say(&c, "<message to='juliet@example.com/balcony'><body>not traced</body></message>");
	say(&c, "<presence to='romeo@example.com' type='subscribe'/>");
	ck_assert(!trace_on(&c.trace));
	ck_assert_msg(strcmp(logged(), "") == 0, "logged: %.3000s", logged());
	unbind_conn(&c);
	free_conn(&c);
	server_free();
}
END_TEST

/* ---------- per address ---------- */

START_TEST(test_address_rules)
{
	server_with("trace_addresses = [ \"10.0.0.0/8\", \"192.0.2.7\", \"2001:db8::/32\", \"::1\", \"172.16.0.0/12\" ];");
	static const struct { const char *ip; bool listed; } cases[] = {
		{ "10.1.2.3", true }, { "10.255.255.255", true }, { "11.0.0.1", false }, { "9.255.255.255", false },
		{ "192.0.2.7", true }, { "192.0.2.8", false }, { "172.31.255.1", true }, { "172.32.0.1", false },
		{ "2001:db8::5", true }, { "2001:db8:ffff::1", true }, { "2001:db9::1", false },
		{ "::1", true }, { "::2", false }, { "::ffff:10.9.8.7", true }, { "::ffff:11.0.0.1", false },
		{ "not an address", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(trace_address_listed(&cfg.log, cases[i].ip) == cases[i].listed, "%s", cases[i].ip);
	/* The decision at accept, end to end, IPv4 and IPv6. */
	struct tconn on4, off4, on6, off6;
	open_conn(&on4, 1, "10.1.2.3", true);
	open_conn(&off4, 2, "11.1.2.3", true);
	open_conn(&on6, 3, "2001:db8::5", true);
	open_conn(&off6, 4, "2001:db9::5", true);
	say(&on4, CLIENT_HDR);
	say(&off4, CLIENT_HDR);
	say(&on6, CLIENT_HDR);
	say(&off6, CLIENT_HDR);
	EXPECT_LOGGED("TRACE c1 trace on for peer 10.1.2.3 (log.trace_addresses)\n");
	EXPECT_LOGGED("TRACE c1 stream start --HEADER--> pre_tls\n");
	EXPECT_LOGGED("TRACE c3 trace on for peer 2001:db8::5 (log.trace_addresses)\n");
	EXPECT_LOGGED("TRACE c3 stream start --HEADER--> pre_tls\n");
	ck_assert_uint_eq(count_lines("TRACE c2 "), 0);
	ck_assert_uint_eq(count_lines("TRACE c4 "), 0);
	free_conn(&on4);
	free_conn(&off4);
	free_conn(&on6);
	free_conn(&off6);
	server_free();
}
END_TEST

/* ---------- per account ---------- */

START_TEST(test_account_from_authentication)
{
	/* Written unprepared: matched in its prepared form (RFC 7622 §3). */
	server_with("trace_accounts = [ \"Juliet@Example.com\" ];");
	struct trace probe = { .rules = &cfg.log };
	ck_assert(trace_account_listed(probe.rules, SPAN_LIT("juliet"), SPAN_LIT("example.com")));
	ck_assert(!trace_account_listed(probe.rules, SPAN_LIT("Juliet"), SPAN_LIT("example.com")));
	ck_assert(!trace_account_listed(probe.rules, SPAN_LIT("romeo"), SPAN_LIT("example.com")));
	ck_assert(!trace_account_listed(probe.rules, SPAN_LIT("juliet"), SPAN_LIT("example.co")));
	struct tconn j, r;
	open_conn(&j, 1, "192.0.2.1", true);
	open_conn(&r, 2, "192.0.2.2", true);
	log_in(&r, ROMEO_PLAIN, BIND("orchard"));
	say(&r, "<presence/>");
	log_in(&j, JULIET_PLAIN, BIND("balcony"));
	/* Nothing before authentication; from the <success/> on, everything. */
	EXPECT_NOT_LOGGED("TRACE c1 in [start]");
	EXPECT_NOT_LOGGED("STARTTLS");
	EXPECT_LOGGED("TRACE c1 trace on from authentication as juliet@example.com (log.trace_accounts)\n");
	EXPECT_LOGGED("TRACE c1 out <success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>\n");
	EXPECT_LOGGED("TRACE c1 stream sasl_offered --AUTH--> sasl_running\n");
	EXPECT_LOGGED("TRACE c1 in [authed_start] HEADER <stream:stream");
	EXPECT_LOGGED("TRACE c1 stream binding --BIND_DONE--> active\n");
	/* Her stanzas in, with what the server decided. */
	say(&j, "<message to='romeo@example.com/orchard' type='chat'><body>wherefore</body></message>");
	EXPECT_LOGGED("TRACE c1 in [active] STANZA <message to='romeo@example.com/orchard' type='chat'>"
		      "<body>wherefore</body></message>\n");
	EXPECT_LOGGED("TRACE c1 route delivered to the full JID\n");
	say(&j, "<message to='romeo@example.com/gone'><body>normal</body></message>");
	EXPECT_LOGGED("TRACE c1 route dropped: no such resource, and the sender may not know (RFC 6121 §8.1)\n");
	say(&j, "<iq type='get' id='v1' to='romeo@example.com/orchard'><query xmlns='jabber:iq:version'/></iq>");
	EXPECT_LOGGED("TRACE c1 route bounced service-unavailable (cancel)\n");
	say(&j, "<message to='romeo@example.com' type='chat'><body>bare</body></message>");
	EXPECT_LOGGED("TRACE c1 route delivered to 1 resource of romeo\n");
	/* Stanzas for her from an untraced connection: out on hers. */
	say(&r, "<message to='juliet@example.com/balcony' type='chat'><body>it is my lady</body></message>");
	EXPECT_LOGGED("TRACE c1 out <message from='romeo@example.com/orchard' to='juliet@example.com/balcony' "
		      "type='chat'><body>it is my lady</body></message>\n");
	/* A subscription: the presence machine on her side and on his. */
	say(&j, "<presence to='romeo@example.com' type='subscribe'/>");
	EXPECT_LOGGED("TRACE c1 in [active] STANZA <presence to='romeo@example.com' type='subscribe'/>\n");
	EXPECT_LOGGED("TRACE c1 presence juliet's item romeo@example.com: SUB_NONE --SUB_OUT_SUBSCRIBE--> "
		      "SUB_NONE_PENDING_OUT, routed\n");
	EXPECT_LOGGED("TRACE c1 presence romeo's item juliet@example.com: SUB_NONE --SUB_IN_SUBSCRIBE--> "
		      "SUB_NONE_PENDING_IN, delivered\n");
	/* Romeo's connection is never traced, though he talked to her. */
	ck_assert_uint_eq(count_lines("TRACE c2 "), 0);
	EXPECT_NOT_LOGGED("orchard' type='chat'><body>wherefore</body></message>\nTRACE c2");
	unbind_conn(&j);
	unbind_conn(&r);
	free_conn(&j);
	free_conn(&r);
	server_free();
}
END_TEST

/* ---------- secrets ---------- */

START_TEST(test_secrets_redacted)
{
	server_with("trace = true;");
	struct tconn c;
	open_conn(&c, 5, "192.0.2.1", true);
	say(&c, CLIENT_HDR STARTTLS);
	stream_tls_established(c.s, NULL);
	say(&c, CLIENT_HDR);
	/* XEP-0077 registration carries the password in clear text. */
	say(&c, "<iq type='set' id='reg1'><query xmlns='jabber:iq:register'><username>nurse</username>"
		"<password>s3cr3t-pw</password></query></iq>");
	EXPECT_LOGGED("TRACE c5 in [sasl_offered] REGISTER <iq type='set' id='reg1'><query xmlns='jabber:iq:register'>"
		      "<username>nurse</username><password>[9 bytes redacted]</password></query></iq>\n");
	EXPECT_LOGGED("TRACE c5 stream sasl_offered --REGISTER--> sasl_offered\n");
	say(&c, AUTH_PLAIN(JULIET_PLAIN));
	EXPECT_LOGGED("[28 bytes redacted]</auth>");
	/* Neither the base64 nor the password it holds, anywhere. */
	EXPECT_NOT_LOGGED("s3cr3t-pw");
	EXPECT_NOT_LOGGED(JULIET_PLAIN);
	EXPECT_NOT_LOGGED("r0m30myr0m30");
	/* The rule on bytes alone: prefixes, attributes holding '>' or "/>",
	 * children inside a secret, empty elements. */
	struct trace *t = &c.trace;
	trace_out(t, SPAN_LIT("<x:password a='/>'>p1<b>p2</b></x:password><success/><response xmlns='n'></response>"));
	EXPECT_LOGGED("TRACE c5 out <x:password a='/>'>[11 bytes redacted]</x:password><success/>"
		      "<response xmlns='n'></response>\n");
	EXPECT_NOT_LOGGED("p1");
	free_conn(&c);
	server_free();
}
END_TEST

/* ---------- one line, bounded ---------- */

START_TEST(test_truncated_and_escaped)
{
	server_with("trace = true;");
	struct trace t;
	trace_init(&t, &lg, &cfg.log, mem_default(), 9, "192.0.2.1");
	static char big[5000];
	memset(big, 'a', sizeof big);
	memcpy(big, "<message>", 9);
	trace_out(&t, span_of(big, sizeof big));
	EXPECT_LOGGED("...[cut at 2048 of 5000 bytes]\n");
	const char *line = strstr(logged(), "TRACE c9 out <message>");
	ck_assert_ptr_nonnull(line);
	const char *end = strchr(line, '\n');
	ck_assert_uint_eq((size_t)(end - line), strlen("TRACE c9 out ") + 2048 + strlen("...[cut at 2048 of 5000 bytes]"));
	/* A secret that begins before the cut stays hidden after it. */
	memcpy(big + 2040, "<password>", 10);
	memset(big + 2050, 'S', 100);
	memcpy(big + 2150, "</password>", 11);
	trace_out(&t, span_of(big, sizeof big));
	EXPECT_LOGGED("<password>[100 bytes redacted]...[cut at 2150 of 5000 bytes]\n");
	EXPECT_NOT_LOGGED("SSS");
	/* Control bytes and backslashes cannot break the line. */
	trace_out(&t, SPAN_LIT("<a>x\ny\rz\t\x01\x7f\\ \xc3\xa9</a>"));
	EXPECT_LOGGED("TRACE c9 out <a>x\\ny\\rz\\t\\x01\\x7f\\\\ \xc3\xa9</a>\n");
	/* A long stanza from a client is cut the same way. */
	struct tconn c;
	open_conn(&c, 10, "192.0.2.1", true);
	log_in(&c, JULIET_PLAIN, BIND("balcony"));
	char msg[4200];
	int n = snprintf(msg, sizeof msg, "<message to='juliet@example.com/balcony'><body>");
	memset(msg + n, 'b', 4000);
	(void)snprintf(msg + n + 4000, sizeof msg - (size_t)n - 4000, "</body></message>");
	say(&c, msg);
	char cut[64];
	(void)snprintf(cut, sizeof cut, "...[cut at 2048 of %zu bytes]\n", strlen(msg));
	line = strstr(logged(), "TRACE c10 in [active] STANZA <message to='juliet@example.com/balcony'><body>bbb");
	ck_assert_ptr_nonnull(line);
	end = strchr(line, '\n');
	ck_assert_msg(strncmp(end + 1 - strlen(cut), cut, strlen(cut)) == 0, "%.80s", end + 1 - strlen(cut));
	unbind_conn(&c);
	free_conn(&c);
	trace_free(&t);
	server_free();
}
END_TEST

Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("trace");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_global_negotiation_both_directions);
	tcase_add_test(tc, test_global_lax_scram_states);
	tcase_add_test(tc, test_state_names_complete);
	tcase_add_test(tc, test_off_logs_nothing);
	tcase_add_test(tc, test_address_rules);
	tcase_add_test(tc, test_account_from_authentication);
	tcase_add_test(tc, test_secrets_redacted);
	tcase_add_test(tc, test_truncated_and_escaped);
	suite_add_tcase(s, tc);
	return s;
}
