/* stream.c - classification and actions for machines/stream.rl. Ownership: stream.h. */
#include "stream.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "buf.h"
#include "jid.h"
#include "xml_write.h"

#ifdef MACHINE_TRACE
#include "machine_trace.h"
#endif

#define NS_CLIENT "jabber:client"
#define NS_SERVER "jabber:server"
#define NS_TLS "urn:ietf:params:xml:ns:xmpp-tls"
#define NS_SASL "urn:ietf:params:xml:ns:xmpp-sasl"
#define NS_BIND "urn:ietf:params:xml:ns:xmpp-bind"
#define NS_SESSION "urn:ietf:params:xml:ns:xmpp-session"
#define NS_STREAMS_ERR "urn:ietf:params:xml:ns:xmpp-streams"
#define NS_STANZAS "urn:ietf:params:xml:ns:xmpp-stanzas"
#define NS_REGISTER "jabber:iq:register"
#define NS_REGISTER_FEATURE "http://jabber.org/features/iq-register"

/* base64 of a SCRAM message is at most 4/3 of it, plus padding. */
#define SASL_TEXT_MAX (((SCRAM_CLIENT_FIRST_MAX + 2) / 3) * 4 + 1)

enum sasl_mech { MECH_NONE, MECH_PLAIN, MECH_SCRAM };

struct stream {
	struct stream_machine machine;
	const struct mem *mem;
	const struct stream_settings *settings; /* borrowed: the server's */
	struct stream_io io;
	struct xml_parser *xp;
	struct buf out;                  /* one message being composed */

	const struct xml_node *element;  /* the element the current event is about */
	int pending;                     /* an outcome queued by an action, or 0 */
	bool header_sent;                /* our header for the current stream is out */
	bool peer_version_missing;       /* RFC 6120 §4.7.5: a pre-1.0 peer; we do not say 1.0 */
	char version_low[16];            /* §4.7.5: the peer's version when below ours ("0.9"), else "" */
	uint8_t *peer_from;              /* the 'from' of the client's header, echoed as 'to' */
	size_t peer_from_len;
	bool restart_pending;            /* reset the parser after this element */
	bool tls_pending;                /* stop reading: the rest is TLS */
	bool closed;
	bool peer_closed;                /* the peer ended its stream first (</stream:stream>, its error) */
	char id[33];                     /* the current stream id */

	/* TLS */
	bool secure;
	uint8_t cb_data[SCRAM_CB_TYPE_COUNT][SCRAM_CB_DATA_MAX];
	size_t cb_len[SCRAM_CB_TYPE_COUNT];

	/* SASL */
	unsigned offered;                /* bit per enum config_sasl_mech in the last <mechanisms/> */
	enum sasl_mech mech;
	enum config_sasl_mech mech_name;
	struct scram_server *scram;      /* allocated only during an exchange */
	uint32_t auth_failures;
	uint32_t bind_failures;
	uint8_t *username;               /* after SASL success: exactly username_len bytes */
	size_t username_len;
	bool registered;                 /* an account was registered on this stream (XEP-0077) */

	/* binding */
	bool bound;
	uint8_t *jid;                    /* once bound: the full JID, jid_len bytes */
	size_t jid_len;
};

static const char *const event_names[STREAM_EV_COUNT] = {
	[0] = "(none)",
	[STREAM_EV_HEADER] = "HEADER", [STREAM_EV_TLS_OPTIONAL] = "TLS_OPTIONAL",
	[STREAM_EV_TLS_DONE] = "TLS_DONE", [STREAM_EV_STARTTLS] = "STARTTLS",
	[STREAM_EV_AUTH] = "AUTH", [STREAM_EV_RESPONSE] = "RESPONSE", [STREAM_EV_ABORT] = "ABORT",
	[STREAM_EV_SASL_CHALLENGE] = "SASL_CHALLENGE", [STREAM_EV_SASL_SUCCESS] = "SASL_SUCCESS",
	[STREAM_EV_SASL_FAILURE] = "SASL_FAILURE", [STREAM_EV_SASL_GIVE_UP] = "SASL_GIVE_UP",
	[STREAM_EV_BIND] = "BIND", [STREAM_EV_BIND_DONE] = "BIND_DONE",
	[STREAM_EV_BIND_FAILED] = "BIND_FAILED", [STREAM_EV_SESSION] = "SESSION",
	[STREAM_EV_STANZA] = "STANZA", [STREAM_EV_CLOSE] = "CLOSE", [STREAM_EV_UNKNOWN] = "UNKNOWN",
	[STREAM_EV_TIMEOUT] = "TIMEOUT", [STREAM_EV_REGISTER] = "REGISTER",
	[STREAM_EV_BIND_GIVE_UP] = "BIND_GIVE_UP", [STREAM_EV_IDLE] = "IDLE",
};

const char *stream_event_name(enum stream_event e)
{
	return (unsigned)e < STREAM_EV_COUNT ? event_names[e] : "UNKNOWN_EVENT";
}

struct refusal_info {
	const char *name;
	const char *condition;
	const char *text;
};

static const struct refusal_info refusals[STREAM_REFUSAL_COUNT] = {
	[STREAM_ERR_NOT_AUTHORIZED] = { "STREAM_ERR_NOT_AUTHORIZED", "not-authorized",
		"RFC 6120 §4.9.3.12, §7.1: stanzas need an authenticated stream with a bound resource" },
	[STREAM_ERR_TLS_REQUIRED] = { "STREAM_ERR_TLS_REQUIRED", "policy-violation",
		"RFC 6120 §5.3.1: STARTTLS is mandatory-to-negotiate on this server" },
	[STREAM_ERR_OUT_OF_ORDER] = { "STREAM_ERR_OUT_OF_ORDER", "policy-violation",
		"RFC 6120 §4.3: this element is not allowed at this point of stream negotiation" },
	[STREAM_ERR_UNSUPPORTED_STANZA] = { "STREAM_ERR_UNSUPPORTED_STANZA", "unsupported-stanza-type",
		"RFC 6120 §4.9.3.24: this server does not handle that first-level element" },
	[STREAM_ERR_TIMEOUT] = { "STREAM_ERR_TIMEOUT", "connection-timeout",
		"RFC 6120 §4.9.3.4: no answer in time (to a ping, or to the stream features)" },
	[STREAM_ERR_AUTH_ATTEMPTS] = { "STREAM_ERR_AUTH_ATTEMPTS", "policy-violation",
		"RFC 6120 §6.4.5: too many failed authentication attempts" },
	[STREAM_ERR_BIND_ATTEMPTS] = { "STREAM_ERR_BIND_ATTEMPTS", "policy-violation",
		"RFC 6120 §7.7.3: too many failed resource binding attempts" },
	[STREAM_ERR_IDLE] = { "STREAM_ERR_IDLE", "policy-violation",
		"RFC 6120 §4.6.3: the stream was silent longer than this server's idle timeout" },
};

const char *stream_refusal_name(enum stream_refusal r)
{
	return (unsigned)r < STREAM_REFUSAL_COUNT ? refusals[r].name : "STREAM_ERR_UNKNOWN";
}

const char *stream_refusal_text(enum stream_refusal r)
{
	return (unsigned)r < STREAM_REFUSAL_COUNT ? refusals[r].text : "";
}

/* ---------- output ---------- */

static bool put(struct stream *s, const char *literal)
{
	return buf_append(&s->out, literal, strlen(literal));
}

static bool put_span(struct stream *s, struct span text)
{
	return xml_write_text(&s->out, text) == XML_WRITE_OK;
}

/* Sends what was composed in s->out. Memory failure drops the connection: a
 * half-sent negotiation is worse than none. */
static void flush_out(struct stream *s, bool ok)
{
	if (!ok) {
		buf_clear(&s->out);
		s->closed = true;
		s->io.close(s->io.ctx);
		return;
	}
	if (trace_on(s->io.trace))
		trace_out(s->io.trace, buf_span(&s->out));
	s->io.send(s->io.ctx, buf_span(&s->out));
	buf_clear(&s->out);
}

static void new_stream_id(struct stream *s)
{
	if (s->settings->test_server_nonce.len > 0) {
		static const char test_id[] = "test-stream-id";
		memcpy(s->id, test_id, sizeof test_id);
		return;
	}
	uint8_t raw[16];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(s->id, sizeof s->id, raw, sizeof raw);
}

static bool put_header(struct stream *s)
{
	new_stream_id(s);
	/* §4.3.3, §11.5: every response header, restarts included, comes after
	 * an XML declaration (a restarted stream is a new XML document). */
	bool ok = put(s, "<?xml version='1.0'?>");
	ok = ok && put(s, "<stream:stream xmlns='" NS_CLIENT "' xmlns:stream='" XML_NS_STREAMS "' id='") &&
	     put(s, s->id) && put(s, "' from='") && put_span(s, s->settings->domain) && put(s, "'");
	/* §4.7.2: the client's 'from' comes back as 'to'. */
	if (s->peer_from != NULL)
		ok = ok && put(s, " to='") &&
		     xml_write_attr_value(&s->out, span_of(s->peer_from, s->peer_from_len)) == XML_WRITE_OK &&
		     put(s, "'");
	/* §4.7.5: no version attribute for a peer that sent none. */
	if (!s->peer_version_missing)
		ok = ok && put(s, " version='") && put(s, s->version_low[0] != '\0' ? s->version_low : "1.0") &&
		     put(s, "'");
	ok = ok && put(s, " xml:lang='en'>");
	s->header_sent = true;
	return ok;
}

/* RFC 6120 §4.9.1: the error, then the closing tag; our header first if the
 * error is about the peer's header. */
static void fail_with(struct stream *s, const char *condition, const char *text)
{
	if (s->closed)
		return;
	bool ok = s->header_sent || put_header(s);
	ok = ok && put(s, "<stream:error><") && put(s, condition) && put(s, " xmlns='" NS_STREAMS_ERR "'/>") &&
	     put(s, "<text xmlns='" NS_STREAMS_ERR "' xml:lang='en'>") && put_span(s, span_of(text, strlen(text))) &&
	     put(s, "</text></stream:error></stream:stream>");
	flush_out(s, ok);
	if (!s->closed) {
		s->closed = true;
		s->io.close(s->io.ctx);
	}
}

void stream_fail(struct stream *s, enum stream_refusal r)
{
	fail_with(s, refusals[r].condition, refusals[r].text);
}

static void queue(struct stream *s, enum stream_event e)
{
	s->pending = (int)e;
}

/* ---------- features ---------- */

static bool mech_usable(const struct stream *s, enum config_sasl_mech m)
{
	switch (m) {
	case CONFIG_SASL_SCRAM_SHA_256_PLUS:
	case CONFIG_SASL_SCRAM_SHA_1_PLUS:
		/* -PLUS needs channel binding data from TLS (RFC 5802 §6). */
		return s->cb_len[SCRAM_CB_TLS_EXPORTER] > 0 || s->cb_len[SCRAM_CB_TLS_SERVER_END_POINT] > 0;
	case CONFIG_SASL_PLAIN:
		return s->secure; /* RFC 6120 §13.8: PLAIN only inside TLS */
	case CONFIG_SASL_SCRAM_SHA_256:
	case CONFIG_SASL_SCRAM_SHA_1:
		return true;
	default:
		return false;
	}
}

static bool put_mechanisms(struct stream *s)
{
	bool ok = put(s, "<mechanisms xmlns='" NS_SASL "'>");
	s->offered = 0;
	for (size_t i = 0; i < s->settings->mechanism_count; i++) {
		enum config_sasl_mech m = s->settings->mechanisms[i];
		if (!mech_usable(s, m))
			continue;
		s->offered |= 1u << m;
		ok = ok && put(s, "<mechanism>") && put(s, config_sasl_mech_name(m)) && put(s, "</mechanism>");
	}
	return ok && put(s, "</mechanisms>");
}

void stream_open_plain(struct stream *s)
{
	flush_out(s, put_header(s) && put(s, "<stream:features><starttls xmlns='" NS_TLS "'><required/></starttls>"
					     "</stream:features>"));
}

void stream_open_lax(struct stream *s)
{
	flush_out(s, put_header(s) && put(s, "<stream:features><starttls xmlns='" NS_TLS "'/>") &&
		     put_mechanisms(s) && put(s, "</stream:features>"));
}

/* XEP-0077 §8: registration is a stream feature; offered only here, inside TLS
 * (§11), like PLAIN. */
void stream_open_secure(struct stream *s)
{
	flush_out(s, put_header(s) && put(s, "<stream:features>") && put_mechanisms(s) &&
		     (!s->settings->register_enabled || put(s, "<register xmlns='" NS_REGISTER_FEATURE "'/>")) &&
		     put(s, "</stream:features>"));
}

void stream_open_authed(struct stream *s)
{
	flush_out(s, put_header(s) && put(s, "<stream:features><bind xmlns='" NS_BIND "'/>"
					     "<session xmlns='" NS_SESSION "'><optional/></session>") &&
		     put(s, s->settings->features_authed != NULL ? s->settings->features_authed : "") &&
		     put(s, "</stream:features>"));
}

void stream_proceed(struct stream *s)
{
	/* §5.4.2.2: no TLS session to go on with: <failure/>, the closing tag, and
	 * the end of the connection. */
	if (!s->io.start_tls(s->io.ctx)) {
		flush_out(s, put(s, "<failure xmlns='" NS_TLS "'/></stream:stream>"));
		if (!s->closed) {
			s->closed = true;
			s->io.close(s->io.ctx);
		}
		return;
	}
	flush_out(s, put(s, "<proceed xmlns='" NS_TLS "'/>"));
	s->tls_pending = true;
}

/* RFC 6120 §4.3.3: after TLS and after SASL both sides start a new stream. */
void stream_restart(struct stream *s)
{
	s->restart_pending = true;
	s->header_sent = false;
}

void stream_close_reply(struct stream *s)
{
	if (s->closed)
		return;
	s->peer_closed = true;
	flush_out(s, (s->header_sent || put_header(s)) && put(s, "</stream:stream>"));
	if (!s->closed) {
		s->closed = true;
		s->io.close(s->io.ctx);
	}
}

/* ---------- SASL (RFC 6120 §6) ---------- */

static bool mech_from_name(struct span name, enum config_sasl_mech *out)
{
	for (int m = 0; m < CONFIG_SASL_MECH_COUNT; m++) {
		const char *n = config_sasl_mech_name((enum config_sasl_mech)m);
		if (span_eq(name, span_of(n, strlen(n)))) {
			*out = (enum config_sasl_mech)m;
			return true;
		}
	}
	return false;
}

static struct span element_text(const struct xml_node *n)
{
	const struct xml_node *c = n->first_child;
	if (c != NULL && c->kind == XML_NODE_TEXT && c->next == NULL)
		return c->text;
	return span_of(NULL, 0);
}

static void end_exchange(struct stream *s)
{
	if (s->scram != NULL) {
		scram_server_wipe(s->scram);
		mem_release(s->mem, s->scram);
		s->scram = NULL;
	}
	s->mech = MECH_NONE;
}

/* RFC 6120 §6.5: <failure/> with the condition and a text naming the rule. */
static void sasl_failure(struct stream *s, const char *condition, const char *text)
{
	end_exchange(s);
	bool ok = put(s, "<failure xmlns='" NS_SASL "'><") && put(s, condition) && put(s, "/><text xml:lang='en'>") &&
		  put_span(s, span_of(text, strlen(text))) && put(s, "</text></failure>");
	flush_out(s, ok);
	s->auth_failures++;
	queue(s, s->auth_failures >= s->settings->max_auth_attempts ? STREAM_EV_SASL_GIVE_UP
								     : STREAM_EV_SASL_FAILURE);
}

static void sasl_failure_error(struct stream *s, enum sasl_error e)
{
	sasl_failure(s, sasl_error_condition(e), sasl_error_text(e));
}

static void sasl_success(struct stream *s, struct span additional, struct span username)
{
	char encoded[SCRAM_SERVER_FINAL_MAX * 2];
	bool ok = put(s, "<success xmlns='" NS_SASL "'");
	if (additional.len > 0) {
		sodium_bin2base64(encoded, sizeof encoded, additional.ptr, additional.len,
				  sodium_base64_VARIANT_ORIGINAL);
		ok = ok && put(s, ">") && put(s, encoded) && put(s, "</success>");
	} else {
		ok = ok && put(s, "/>");
	}
	uint8_t prepared[JID_PART_MAX];
	size_t n = 0;
	ok = ok && jid_prepare_local(username, prepared, &n) == JID_OK; /* as lookup() did */
	s->username = ok ? mem_alloc(s->mem, n) : NULL;
	ok = ok && s->username != NULL;
	if (ok) {
		memcpy(s->username, prepared, n);
		s->username_len = n;
		trace_authenticated(s->io.trace, span_of(prepared, n), s->settings->domain);
	}
	end_exchange(s);
	flush_out(s, ok);
	queue(s, STREAM_EV_SASL_SUCCESS);
}

static void sasl_challenge(struct stream *s, struct span data)
{
	char encoded[SCRAM_SERVER_FIRST_MAX * 2];
	sodium_bin2base64(encoded, sizeof encoded, data.ptr, data.len, sodium_base64_VARIANT_ORIGINAL);
	flush_out(s, put(s, "<challenge xmlns='" NS_SASL "'>") && put(s, data.len > 0 ? encoded : "=") &&
		     put(s, "</challenge>"));
	queue(s, STREAM_EV_SASL_CHALLENGE);
}

static enum stream_lookup lookup(struct stream *s, struct span username, struct credentials *creds)
{
	/* RFC 6120 §6.3.8 + RFC 7622 §3.3: the account is the authcid prepared
	 * as a localpart (UsernameCaseMapped), so "Juliet" logs in as juliet. */
	uint8_t prepared[JID_PART_MAX];
	size_t n = 0;
	if (username.len == 0 || username.len > STREAM_LOCAL_MAX ||
	    jid_prepare_local(username, prepared, &n) != JID_OK)
		return STREAM_LOOKUP_NOT_FOUND;
	return s->io.lookup(s->io.ctx, span_of(prepared, n), creds);
}

/* RFC 6120 §6.4.6: a 'from' on a stream header protected by TLS names the
 * account the client means to be; it SHOULD be the one SASL authenticated, and
 * when it is not the attempt SHOULD end (here with <invalid-from/>, §4.9.3.9).
 * peer_from is already bare (remember_from()). */
static bool from_matches(const struct stream *s, struct span username)
{
	if (!s->secure || s->peer_from == NULL)
		return true;
	struct jid claimed, authenticated;
	if (jid_parse(span_of(s->peer_from, s->peer_from_len), &claimed) != JID_OK ||
	    jid_from_parts(username, s->settings->domain, span_of(NULL, 0), &authenticated) != JID_OK)
		return false;
	size_t n = (size_t)authenticated.local_len + 1 + authenticated.domain_len;
	return claimed.local_len == authenticated.local_len && claimed.domain_len == authenticated.domain_len &&
	       claimed.resource_len == 0 && memcmp(claimed.bytes, authenticated.bytes, n) == 0;
}

static bool refuse_other_from(struct stream *s, struct span username)
{
	if (from_matches(s, username))
		return false;
	end_exchange(s);
	fail_with(s, "invalid-from",
		  "RFC 6120 §6.4.6: the 'from' of the stream header is not the account that authenticated");
	return true;
}

/* Throttled names and peers get <temporary-auth-failure/> without a password check. */
static bool throttled(struct stream *s, struct span username)
{
	if (s->io.auth_allowed(s->io.ctx, username))
		return false;
	sasl_failure(s, "temporary-auth-failure",
		     "RFC 6120 §6.5.11: too many failed logins for this account or address; try later");
	return true;
}

static void plain_exchange(struct stream *s, struct span message)
{
	struct sasl_plain plain;
	enum sasl_error e = sasl_plain_parse(message, &plain);
	if (e != SASL_OK) {
		sasl_failure_error(s, e);
		return;
	}
	if (throttled(s, plain.authcid))
		return;
	struct credentials creds;
	enum stream_lookup found = lookup(s, plain.authcid, &creds);
	if (found == STREAM_LOOKUP_ERROR) {
		sasl_failure(s, "temporary-auth-failure", "RFC 6120 §6.5.11: the account store failed");
		return;
	}
	if (found == STREAM_LOOKUP_NOT_FOUND &&
	    scram_unknown_user_keys(SCRAM_SHA256, s->settings->unknown_user_secret, plain.authcid,
				    s->settings->scram_iterations, &creds.keys[SCRAM_SHA256]) != SASL_OK) {
		sasl_failure_error(s, SASL_E_INTERNAL);
		return;
	}
	e = scram_verify_plain(&creds.keys[SCRAM_SHA256], SCRAM_SHA256, plain.passwd);
	sodium_memzero(&creds, sizeof creds);
	if (e == SASL_OK && found != STREAM_LOOKUP_FOUND)
		e = SASL_E_PLAIN_CREDENTIALS;
	/* This server acts only for the account itself (RFC 6120 §6.4.6). */
	if (e == SASL_OK && plain.authzid.len > 0 && !span_eq(plain.authzid, plain.authcid))
		e = SASL_E_INVALID_AUTHZID;
	if (e != SASL_OK) {
		if (e == SASL_E_PLAIN_CREDENTIALS)
			s->io.auth_failed(s->io.ctx, plain.authcid);
		sasl_failure_error(s, e);
		return;
	}
	if (refuse_other_from(s, plain.authcid))
		return;
	s->io.authenticated(s->io.ctx, plain.authcid, "PLAIN");
	sasl_success(s, span_of(NULL, 0), plain.authcid);
}

static void scram_first(struct stream *s, struct span message)
{
	enum sasl_error e = scram_server_start(s->scram, message);
	if (e != SASL_OK) {
		sasl_failure_error(s, e);
		return;
	}
	if (scram_server_has_authzid(s->scram)) {
		sasl_failure_error(s, SASL_E_INVALID_AUTHZID);
		return;
	}
	if (throttled(s, scram_server_username(s->scram)))
		return;
	struct credentials creds;
	enum scram_hash hash = s->mech_name == CONFIG_SASL_SCRAM_SHA_1 ||
			       s->mech_name == CONFIG_SASL_SCRAM_SHA_1_PLUS ? SCRAM_SHA1 : SCRAM_SHA256;
	enum stream_lookup found = lookup(s, scram_server_username(s->scram), &creds);
	if (found == STREAM_LOOKUP_ERROR) {
		sasl_failure(s, "temporary-auth-failure", "RFC 6120 §6.5.11: the account store failed");
		return;
	}
	struct span first;
	e = scram_server_challenge(s->scram, found == STREAM_LOOKUP_FOUND ? &creds.keys[hash] : NULL, &first);
	sodium_memzero(&creds, sizeof creds);
	if (e != SASL_OK) {
		sasl_failure_error(s, e);
		return;
	}
	sasl_challenge(s, first);
}

static void scram_final(struct stream *s, struct span message)
{
	struct span final;
	enum sasl_error e = scram_server_final(s->scram, message, &final);
	if (e != SASL_OK) {
		if (e == SASL_E_INVALID_PROOF)
			s->io.auth_failed(s->io.ctx, scram_server_username(s->scram));
		sasl_failure_error(s, e);
		return;
	}
	uint8_t name[STREAM_LOCAL_MAX];
	struct span user = scram_server_username(s->scram);
	if (user.len > sizeof name) { /* lookup() refused it already; never succeeds */
		sasl_failure_error(s, SASL_E_INTERNAL);
		return;
	}
	memcpy(name, user.ptr, user.len);
	if (refuse_other_from(s, span_of(name, user.len)))
		return;
	s->io.authenticated(s->io.ctx, span_of(name, user.len), config_sasl_mech_name(s->mech_name));
	sasl_success(s, final, span_of(name, user.len));
}

static bool start_scram(struct stream *s)
{
	bool plus = s->mech_name == CONFIG_SASL_SCRAM_SHA_256_PLUS || s->mech_name == CONFIG_SASL_SCRAM_SHA_1_PLUS;
	struct scram_server_config cfg = {
		.hash = s->mech_name == CONFIG_SASL_SCRAM_SHA_1 || s->mech_name == CONFIG_SASL_SCRAM_SHA_1_PLUS
				? SCRAM_SHA1 : SCRAM_SHA256,
		.plus_advertised = (s->offered & ((1u << CONFIG_SASL_SCRAM_SHA_256_PLUS) |
						  (1u << CONFIG_SASL_SCRAM_SHA_1_PLUS))) != 0,
		.plus_selected = plus,
		.unknown_user_secret = s->settings->unknown_user_secret,
		.unknown_user_iterations = s->settings->scram_iterations,
		.test_server_nonce = s->settings->test_server_nonce,
	};
	for (int t = 0; t < SCRAM_CB_TYPE_COUNT; t++)
		cfg.cb_data[t] = span_of(s->cb_data[t], s->cb_len[t]);
	s->scram = mem_alloc(s->mem, sizeof *s->scram);
	if (s->scram == NULL || scram_server_init(s->scram, &cfg) != SASL_OK) {
		sasl_failure_error(s, SASL_E_INTERNAL);
		return false;
	}
	return true;
}

/* The <auth/>/<response/> payload: base64, "=" for empty (RFC 6120 §6.4.2). */
static bool decode_payload(struct stream *s, uint8_t *out, size_t *len)
{
	struct span text = element_text(s->element);
	if (text.len == 0) {
		*len = 0;
		return true;
	}
	enum sasl_error e = sasl_base64_decode(text, out, SCRAM_CLIENT_FIRST_MAX, len);
	if (e != SASL_OK) {
		sasl_failure_error(s, e);
		return false;
	}
	return true;
}

static bool configured(const struct stream *s, enum config_sasl_mech m)
{
	for (size_t i = 0; i < s->settings->mechanism_count; i++) {
		if (s->settings->mechanisms[i] == m)
			return true;
	}
	return false;
}

void stream_sasl_begin(struct stream *s)
{
	const struct xml_attr *a = xml_node_attr(s->element, span_of(NULL, 0), SPAN_LIT("mechanism"));
	enum config_sasl_mech m;
	if (a == NULL || !mech_from_name(a->value, &m) || !configured(s, m)) {
		sasl_failure(s, "invalid-mechanism",
			     "RFC 6120 §6.5.7: this server does not support that mechanism");
		return;
	}
	if (!(s->offered & (1u << m))) {
		/* PLAIN and the -PLUS variants need TLS (RFC 6120 §13.8, RFC 5802 §6). */
		sasl_failure(s, "encryption-required",
			     "RFC 6120 §6.5.4: that mechanism is offered only inside TLS");
		return;
	}
	s->mech_name = m;
	s->mech = m == CONFIG_SASL_PLAIN ? MECH_PLAIN : MECH_SCRAM;
	if (s->mech == MECH_SCRAM && !start_scram(s))
		return;
	bool initial = element_text(s->element).len > 0;
	uint8_t payload[SCRAM_CLIENT_FIRST_MAX];
	size_t len;
	if (!decode_payload(s, payload, &len))
		return;
	if (!initial) {
		/* No initial response: an empty challenge asks for it (§6.4.2). */
		sasl_challenge(s, span_of(NULL, 0));
		return;
	}
	if (s->mech == MECH_PLAIN)
		plain_exchange(s, span_of(payload, len));
	else
		scram_first(s, span_of(payload, len));
	sodium_memzero(payload, sizeof payload);
}

void stream_sasl_step(struct stream *s)
{
	uint8_t payload[SCRAM_CLIENT_FIRST_MAX];
	size_t len;
	if (!decode_payload(s, payload, &len))
		return;
	if (s->mech == MECH_PLAIN)
		plain_exchange(s, span_of(payload, len));
	else if (s->scram->state == SCRAM_SERVER_NEW)
		scram_first(s, span_of(payload, len));
	else
		scram_final(s, span_of(payload, len));
	sodium_memzero(payload, sizeof payload);
}

/* RFC 6120 §6.4.2: a new <auth/> before the exchange ended discards that
 * exchange and starts the one now asked for (its outcome counts as usual). */
void stream_sasl_restart(struct stream *s)
{
	end_exchange(s);
	stream_sasl_begin(s);
}

void stream_sasl_abort(struct stream *s)
{
	sasl_failure(s, "aborted", "RFC 6120 §6.4.4: the client aborted the exchange");
}

/* ---------- resource binding (RFC 6120 §7), session, stanzas ---------- */

static const struct xml_node *child(const struct xml_node *n, const char *ns, const char *local)
{
	for (const struct xml_node *c = n->first_child; c != NULL; c = c->next) {
		if (c->kind == XML_NODE_ELEMENT && span_eq(c->ns, span_of(ns, strlen(ns))) &&
		    span_eq(c->local, span_of(local, strlen(local))))
			return c;
	}
	return NULL;
}

static bool put_iq_open(struct stream *s, const char *type)
{
	return put(s, "<iq type='") && put(s, type) && put(s, "' id='") &&
	       xml_write_attr_value(&s->out, xml_node_attr_value(s->element, "id")) == XML_WRITE_OK && put(s, "'");
}

static void iq_error(struct stream *s, const char *type, const char *condition, const char *text)
{
	flush_out(s, put_iq_open(s, "error") && put(s, "><error type='") && put(s, type) && put(s, "'><") &&
		     put(s, condition) && put(s, " xmlns='" NS_STANZAS "'/><text xmlns='" NS_STANZAS
					  "' xml:lang='en'>") &&
		     put_span(s, span_of(text, strlen(text))) && put(s, "</text></error></iq>"));
}

/* Composes username@domain/resource into s->jid and offers it to io.bind; the
 * JID is kept only when the binding succeeds. */
static enum stream_bind_result try_bind(struct stream *s, struct span resource)
{
	struct span domain = s->settings->domain;
	uint8_t *jid = mem_alloc(s->mem, s->username_len + 1 + domain.len + 1 + resource.len);
	if (jid == NULL)
		return STREAM_BIND_ERROR;
	size_t n = 0;
	memcpy(jid, s->username, s->username_len);
	n += s->username_len;
	jid[n++] = '@';
	memcpy(jid + n, domain.ptr, domain.len);
	n += domain.len;
	jid[n++] = '/';
	memcpy(jid + n, resource.ptr, resource.len);
	n += resource.len;
	enum stream_bind_result r = s->io.bind(s->io.ctx, span_of(jid, n));
	if (r != STREAM_BIND_OK) {
		mem_release(s->mem, jid);
		return r;
	}
	s->jid = jid;
	s->jid_len = n;
	return r;
}

/* §7.7.3: a failed bind request may be retried on the stream, up to a limit
 * (max_bind_attempts; 0: none), then the stream is closed with policy-violation. */
static void bind_failed(struct stream *s)
{
	s->bind_failures++;
	bool give_up = s->settings->max_bind_attempts > 0 && s->bind_failures >= s->settings->max_bind_attempts;
	queue(s, give_up ? STREAM_EV_BIND_GIVE_UP : STREAM_EV_BIND_FAILED);
}

void stream_bind(struct stream *s)
{
	if (s->bound) {
		/* One resource per stream (RFC 6120 §7.7.2.1 lets a server refuse more). */
		iq_error(s, "cancel", "not-allowed",
			 "RFC 6120 §7.1, §7.6.2.2: this stream already has a bound resource (one per stream)");
		queue(s, STREAM_EV_BIND_DONE);
		return;
	}
	const struct xml_node *bind = child(s->element, NS_BIND, "bind");
	const struct xml_node *res = child(bind, NS_BIND, "resource");
	uint8_t generated[33];
	uint8_t prepared_resource[JID_PART_MAX];
	struct span resource = res != NULL ? element_text(res) : span_of(NULL, 0);
	if (res == NULL || resource.len == 0) {
		uint8_t raw[16];
		if (s->settings->test_server_nonce.len > 0)
			memset(raw, 0x42, sizeof raw); /* tests and fuzzing compare transcripts */
		else
			randombytes_buf(raw, sizeof raw);
		sodium_bin2hex((char *)generated, sizeof generated, raw, sizeof raw);
		resource = span_of(generated, 32);
	} else {
		/* RFC 7622 §3.4: the resourcepart is prepared with OpaqueString. */
		size_t n = 0;
		if (jid_prepare_resource(resource, prepared_resource, &n) != JID_OK) {
			iq_error(s, "modify", "bad-request", "RFC 6120 §7.7.2.1, RFC 7622 §3.4: the resourcepart is not valid");
			bind_failed(s);
			return;
		}
		resource = span_of(prepared_resource, n);
	}
	enum stream_bind_result r = try_bind(s, resource);
	uint8_t suffixed[STREAM_RESOURCE_MAX];
	if (r == STREAM_BIND_CONFLICT && s->settings->conflict == CONFIG_CONFLICT_RANDOM_SUFFIX &&
	    resource.len + 9 <= sizeof suffixed) {
		/* §7.7.2.2: the server may bind a resource of its own choosing instead. */
		uint8_t raw[4] = { 0x42, 0x42, 0x42, 0x42 };
		if (s->settings->test_server_nonce.len == 0)
			randombytes_buf(raw, sizeof raw);
		memcpy(suffixed, resource.ptr, resource.len);
		suffixed[resource.len] = '.';
		char hex[9];
		sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
		memcpy(suffixed + resource.len + 1, hex, 8);
		r = try_bind(s, span_of(suffixed, resource.len + 9));
	}
	if (r != STREAM_BIND_OK) {
		if (r == STREAM_BIND_CONFLICT)
			iq_error(s, "cancel", "conflict", "RFC 6120 §7.7.2.2: that resource is in use");
		else if (r == STREAM_BIND_LIMIT)
			iq_error(s, "wait", "resource-constraint",
				 "RFC 6120 §7.6.2.1: this account has as many resources connected as it may");
		else
			iq_error(s, "cancel", "internal-server-error",
				 "RFC 6120 §8.3.3.6: the server could not record the binding");
		bind_failed(s);
		return;
	}
	s->bound = true;
	flush_out(s, put_iq_open(s, "result") && put(s, "><bind xmlns='" NS_BIND "'><jid>") &&
		     put_span(s, span_of(s->jid, s->jid_len)) && put(s, "</jid></bind></iq>"));
	queue(s, STREAM_EV_BIND_DONE);
}

void stream_session(struct stream *s)
{
	flush_out(s, put_iq_open(s, "result") && put(s, "/>"));
}

void stream_deliver(struct stream *s)
{
	s->io.deliver(s->io.ctx, s->element);
}

/* ---------- in-band registration before authentication (XEP-0077 §3.1) ---------- */

/* XEP-0077 §11: registration "SHOULD NOT be used unless the channel between the
 * registrant and the entity that accepts registration has been secured"; §3.3
 * answers a channel "not safe enough" with <not-authorized/> (type as in its
 * example). A stanza error: <starttls/> is still on offer. */
void stream_register_needs_tls(struct stream *s)
{
	iq_error(s, "modify", "not-authorized", "XEP-0077 §11: in-band registration needs TLS; send <starttls/> first");
}

static void register_set(struct stream *s, const struct xml_node *query)
{
	const struct xml_node *user = child(query, NS_REGISTER, "username");
	const struct xml_node *pass = child(query, NS_REGISTER, "password");
	struct span username = user != NULL ? element_text(user) : span_of(NULL, 0);
	struct span password = pass != NULL ? element_text(pass) : span_of(NULL, 0);
	if (child(query, NS_REGISTER, "remove") != NULL) {
		iq_error(s, "modify", "unexpected-request",
			 "XEP-0077 §3.2: only an authenticated account can cancel its registration");
		return;
	}
	/* §3.1: "If the requesting entity does not provide all of the requested
	 * information" (an empty <password/> included) "... MUST return a
	 * <not-acceptable/> error". */
	if (username.len == 0 || password.len == 0) {
		iq_error(s, "modify", "not-acceptable", "XEP-0077 §3.1: a username and a password are required");
		return;
	}
	if (s->registered) {
		iq_error(s, "cancel", "not-acceptable",
			 "XEP-0077 §3.1.1: one registration per stream; authenticate with the new account");
		return;
	}
	uint8_t prepared[JID_PART_MAX];
	size_t prepared_len = 0;
	if (!account_username_prepare(username, prepared, &prepared_len)) {
		iq_error(s, "modify", "jid-malformed",
			 "RFC 6120 §8.3.3.8: the username is not a valid localpart (RFC 7622 §3.3)");
		return;
	}
	username = span_of(prepared, prepared_len);
	if (password.len > ACCOUNT_PASSWORD_MAX) {
		iq_error(s, "modify", "not-acceptable", "XEP-0077 §3.1: the password is longer than 1023 bytes");
		return;
	}
	switch (s->io.register_account(s->io.ctx, username, password)) {
	case STREAM_REGISTER_OK:
		s->registered = true;
		flush_out(s, put_iq_open(s, "result") && put(s, "/>"));
		break;
	case STREAM_REGISTER_CONFLICT:
		iq_error(s, "cancel", "conflict", "XEP-0077 §3.1: that username is already registered");
		break;
	case STREAM_REGISTER_THROTTLED:
		/* XEP-0077 §3.1.1 leaves such limits to "local service provisioning";
		 * its <not-acceptable/> is for retries on one stream. Across streams
		 * the answer is "retry later": RFC 6120 §8.3.3.18 with type 'wait'
		 * (§8.3.2). */
		iq_error(s, "wait", "resource-constraint",
			 "XEP-0077 §3.1.1: this address registered an account recently; try again later");
		break;
	default:
		iq_error(s, "cancel", "internal-server-error", "XEP-0077 §3.1: the account could not be stored");
		break;
	}
}

void stream_register(struct stream *s)
{
	if (!s->secure) {
		stream_register_needs_tls(s); /* sasl_offered after a failed login without TLS */
		return;
	}
	if (span_eq(xml_node_attr_value(s->element, "type"), SPAN_LIT("set"))) {
		register_set(s, child(s->element, NS_REGISTER, "query"));
		return;
	}
	/* §3.1: "the host MUST inform the entity of the required registration fields". */
	flush_out(s, put_iq_open(s, "result") && put(s, "><query xmlns='" NS_REGISTER "'><instructions>Choose a "
						  "username and password for use with this server.</instructions>"
						  "<username/><password/></query></iq>"));
}

/* ---------- running the chart ---------- */

void stream_run_event(struct stream *s, enum stream_event e)
{
	while (!s->closed) {
		s->pending = 0;
		int before = stream_machine_state(&s->machine);
		bool ran = stream_machine_exec(s, &s->machine, (int)e);
		if (trace_on(s->io.trace))
			trace_transition(s->io.trace, "stream", stream_machine_state_name(before), stream_event_name(e),
					 stream_machine_state_name(stream_machine_state(&s->machine)));
		if (!ran) {
			/* Only states entered by an action lack slots for other events. */
			char text[160];
			/* The text fits; truncating it would only shorten a diagnostic. */
			(void)snprintf(text, sizeof text,
				       "RFC 6120 §4.9.3.8: unreachable: event %s has no transition here",
				       stream_event_name(e));
			fail_with(s, "internal-server-error", text);
			break;
		}
#ifdef MACHINE_TRACE
		machine_trace_hit("stream", before, (unsigned)e);
#endif
		if (s->pending == 0)
			break;
		e = (enum stream_event)s->pending;
	}
}

static bool is(const struct xml_node *n, const char *ns, const char *local)
{
	return span_eq(n->ns, span_of(ns, strlen(ns))) && span_eq(n->local, span_of(local, strlen(local)));
}

static enum stream_event classify(const struct stream *s, const struct xml_node *n)
{
	/* §4.9.1.1: a stream error from the peer ends its stream; ours is closed in
	 * reply, as for </stream:stream>, never answered with an error of our own. */
	if (is(n, XML_NS_STREAMS, "error"))
		return STREAM_EV_CLOSE;
	if (is(n, NS_TLS, "starttls"))
		return STREAM_EV_STARTTLS;
	if (is(n, NS_SASL, "auth"))
		return STREAM_EV_AUTH;
	if (is(n, NS_SASL, "response"))
		return STREAM_EV_RESPONSE;
	if (is(n, NS_SASL, "abort"))
		return STREAM_EV_ABORT;
	struct span type = xml_node_attr_value(n, "type");
	bool set = span_eq(type, SPAN_LIT("set"));
	if (is(n, NS_CLIENT, "iq") && set) {
		if (child(n, NS_BIND, "bind") != NULL)
			return STREAM_EV_BIND;
		if (child(n, NS_SESSION, "session") != NULL)
			return STREAM_EV_SESSION;
	}
	if (s->settings->register_enabled && is(n, NS_CLIENT, "iq") && (set || span_eq(type, SPAN_LIT("get"))) &&
	    child(n, NS_REGISTER, "query") != NULL)
		return STREAM_EV_REGISTER;
	if (is(n, NS_CLIENT, "message") || is(n, NS_CLIENT, "presence") || is(n, NS_CLIENT, "iq"))
		return STREAM_EV_STANZA;
	return STREAM_EV_UNKNOWN;
}

/* RFC 7622 §3.2, §4: the header's 'to' is a domainpart slot, compared once
 * prepared (case and width mapped, NFC, U-labels, no final dot) with the
 * served domain; anything that is no domainpart serves no domain here. */
static bool is_served_domain(struct span to, struct span domain)
{
	uint8_t prepared[JID_PART_MAX];
	size_t len = 0;
	return jid_prepare_domain(to, prepared, &len) == JID_OK && span_eq(span_of(prepared, len), domain);
}

/* RFC 6120 §4.7.5: "major.minor", each a non-negative integer compared as a
 * number (leading zeros ignored). False when v is not of that form; numbers
 * above 999999 saturate, which orders them correctly against 1.0. */
static bool version_parse(struct span v, uint32_t *major, uint32_t *minor)
{
	size_t i = 0;
	uint32_t *part[2] = { major, minor };
	for (int k = 0; k < 2; k++) {
		size_t digits = 0;
		*part[k] = 0;
		for (; i < v.len && v.ptr[i] >= '0' && v.ptr[i] <= '9'; i++, digits++) {
			if (*part[k] < 1000000)
				*part[k] = *part[k] * 10 + (uint32_t)(v.ptr[i] - '0');
		}
		if (digits == 0 || (k == 0 && (i == v.len || v.ptr[i++] != '.')))
			return false;
	}
	return i == v.len;
}

/* The client's 'from' (its JID, §4.7.1), echoed as our 'to' on every header:
 * §4.7.2 asks for the bare JID, so a resourcepart (from the first '/', RFC
 * 7622 §3.1) is left out. */
static void remember_from(struct stream *s, const struct xml_node *root)
{
	const struct xml_attr *from = xml_node_attr(root, span_of(NULL, 0), SPAN_LIT("from"));
	mem_release(s->mem, s->peer_from);
	s->peer_from = NULL;
	s->peer_from_len = 0;
	if (from == NULL || from->value.len == 0 || from->value.len > 3071)
		return;
	const uint8_t *slash = memchr(from->value.ptr, '/', from->value.len);
	size_t bare_len = slash != NULL ? (size_t)(slash - from->value.ptr) : from->value.len;
	if (bare_len == 0)
		return;
	s->peer_from = mem_alloc(s->mem, bare_len);
	if (s->peer_from == NULL)
		return;
	memcpy(s->peer_from, from->value.ptr, bare_len);
	s->peer_from_len = bare_len;
}

/* RFC 6120 §4.7: the attributes of the client's stream header. */
static bool check_header(struct stream *s, const struct xml_node *root)
{
	if (!span_eq(root->default_ns, SPAN_LIT(NS_CLIENT))) {
		fail_with(s, "invalid-namespace", "RFC 6120 §4.8.2: the content namespace must be jabber:client");
		return false;
	}
	remember_from(s, root);
	const struct xml_attr *version = xml_node_attr(root, span_of(NULL, 0), SPAN_LIT("version"));
	if (version == NULL) {
		s->peer_version_missing = true;
		fail_with(s, "unsupported-version",
			  "RFC 6120 §4.7.5: no version attribute means XMPP 0.9; this server speaks 1.0");
		return false;
	}
	uint32_t major = 0, minor = 0;
	bool parsed = version_parse(version->value, &major, &minor);
	if (parsed && major == 0) /* answered with the lower version, without leading zeros */
		(void)snprintf(s->version_low, sizeof s->version_low, "0.%u", (unsigned)minor);
	if (!parsed || major != 1) {
		fail_with(s, "unsupported-version",
			  "RFC 6120 §4.7.5: this server speaks XMPP 1.0; the version must be 1.x");
		return false;
	}
	const struct xml_attr *to = xml_node_attr(root, span_of(NULL, 0), SPAN_LIT("to"));
	/* 'to' SHOULD be present (§4.7.2); without it the one domain served is meant. */
	if (to != NULL && !is_served_domain(to->value, s->settings->domain)) {
		fail_with(s, "host-unknown", "RFC 6120 §4.9.3.6: this server does not serve that domain");
		return false;
	}
	return true;
}

static enum xml_verdict on_open(void *ctx, const struct xml_node *root)
{
	struct stream *s = ctx;
	if (trace_on(s->io.trace))
		trace_header_in(s->io.trace, root, stream_machine_state_name(stream_machine_state(&s->machine)),
				stream_event_name(STREAM_EV_HEADER));
	if (!check_header(s, root))
		return XML_PAUSE;
	s->element = root;
	stream_run_event(s, STREAM_EV_HEADER);
	return s->closed ? XML_PAUSE : XML_CONTINUE;
}

/* §4.8.5: an element of the content namespace written with a prefix
 * (<foo:message xmlns:foo='jabber:client'>), at any depth of the element. */
static bool has_prefixed_content(const struct xml_node *top)
{
	const struct xml_node *n = top;
	for (;;) {
		if (n->kind == XML_NODE_ELEMENT && span_eq(n->ns, SPAN_LIT(NS_CLIENT)) && n->qname.len != n->local.len)
			return true;
		if (n->first_child != NULL) {
			n = n->first_child;
			continue;
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n == top)
			return false;
		n = n->next;
	}
}

static enum xml_verdict on_stanza(void *ctx, const struct xml_node *n)
{
	struct stream *s = ctx;
	/* §4.8.3: jabber:server is a content namespace, but not one a client
	 * stream speaks: any first-level element qualified by it is refused. */
	if (span_eq(n->ns, SPAN_LIT(NS_SERVER))) {
		fail_with(s, "invalid-namespace",
			  "RFC 6120 §4.8.3: jabber:server is not the content namespace of a client stream");
		return XML_PAUSE;
	}
	if (has_prefixed_content(n)) {
		fail_with(s, "bad-namespace-prefix",
			  "RFC 6120 §4.8.5: elements of jabber:client must not carry a namespace prefix");
		return XML_PAUSE;
	}
	s->element = n;
	enum stream_event e = classify(s, n);
	if (trace_on(s->io.trace))
		trace_element_in(s->io.trace, n, stream_machine_state_name(stream_machine_state(&s->machine)),
				 stream_event_name(e));
	stream_run_event(s, e);
	s->element = NULL;
	return s->closed || s->tls_pending || s->restart_pending ? XML_PAUSE : XML_CONTINUE;
}

static void on_close(void *ctx)
{
	struct stream *s = ctx;
	if (trace_on(s->io.trace))
		trace_close_in(s->io.trace, stream_machine_state_name(stream_machine_state(&s->machine)));
	stream_run_event(s, STREAM_EV_CLOSE);
}

static void fail_xml(struct stream *s)
{
	struct xml_fault f = xml_parser_error(s->xp);
	fail_with(s, xml_error_condition(f.error), xml_error_text(f.error));
}

enum stream_status stream_input(struct stream *s, const uint8_t *bytes, size_t len, size_t *consumed)
{
	*consumed = 0;
	while (!s->closed && !s->tls_pending && *consumed < len) {
		size_t used;
		enum xml_status st = xml_parser_feed(s->xp, bytes + *consumed, len - *consumed, &used);
		*consumed += used;
		if (st == XML_STATUS_ERROR) {
			fail_xml(s);
		} else if (st == XML_STATUS_CLOSED && !s->closed) {
			stream_close_reply(s);
		}
		if (s->restart_pending) {
			s->restart_pending = false;
			xml_parser_reset(s->xp);
		}
		if (st == XML_STATUS_OK)
			break;
	}
	if (s->closed)
		return STREAM_CLOSED;
	return s->tls_pending ? STREAM_TLS : STREAM_OK;
}

void stream_tls_established(struct stream *s, const struct span cb_data[SCRAM_CB_TYPE_COUNT])
{
	s->secure = true;
	s->tls_pending = false;
	for (int t = 0; t < SCRAM_CB_TYPE_COUNT; t++) {
		size_t n = cb_data != NULL && cb_data[t].len <= SCRAM_CB_DATA_MAX ? cb_data[t].len : 0;
		if (n > 0)
			memcpy(s->cb_data[t], cb_data[t].ptr, n);
		s->cb_len[t] = n;
	}
	stream_run_event(s, STREAM_EV_TLS_DONE);
	if (s->restart_pending) {
		s->restart_pending = false;
		xml_parser_reset(s->xp);
	}
}

void stream_terminate(struct stream *s, const char *condition, const char *text)
{
	fail_with(s, condition, text);
}

void stream_send(struct stream *s, struct span bytes)
{
	if (s->closed)
		return;
	if (trace_on(s->io.trace))
		trace_out(s->io.trace, bytes);
	s->io.send(s->io.ctx, bytes);
}

void stream_trim(struct stream *s)
{
	xml_parser_trim(s->xp);
	if (s->out.len == 0)
		buf_free(&s->out);
}

size_t stream_memory(const struct stream *s)
{
	return sizeof *s + xml_parser_memory(s->xp) + s->out.capacity + s->username_len + s->jid_len +
	       (s->scram != NULL ? sizeof *s->scram : 0);
}

void stream_timeout(struct stream *s)
{
	stream_run_event(s, STREAM_EV_TIMEOUT);
}

void stream_idle(struct stream *s)
{
	stream_run_event(s, STREAM_EV_IDLE);
}

/* ---------- lifetime ---------- */

struct stream *stream_new(const struct mem *mem, const struct stream_settings *settings,
			  const struct stream_io *io)
{
	if (settings->domain.len == 0 || settings->domain.len > STREAM_DOMAIN_MAX)
		return NULL;
	struct stream *s = mem_alloc(mem, sizeof *s);
	if (s == NULL)
		return NULL;
	memset(s, 0, sizeof *s);
	s->mem = mem;
	s->settings = settings;
	s->io = *io;
	buf_init(&s->out, mem);
	struct xml_handler h = { s, on_open, on_stanza, on_close };
	s->xp = xml_parser_new(mem, &settings->xml, &h);
	if (s->xp == NULL) {
		mem_release(mem, s);
		return NULL;
	}
	stream_machine_init(&s->machine);
	if (!settings->tls_required)
		stream_run_event(s, STREAM_EV_TLS_OPTIONAL);
	return s;
}

void stream_free(struct stream *s)
{
	if (s == NULL)
		return;
	const struct mem *mem = s->mem;
	end_exchange(s);
	mem_release(mem, s->username);
	mem_release(mem, s->jid);
	mem_release(mem, s->peer_from);
	xml_parser_free(s->xp);
	buf_free(&s->out);
	sodium_memzero(s, sizeof *s);
	mem_release(mem, s);
}

/* The chart's state numbers are Ragel's; names for logs come from the transition
 * they were reached by, so print the number with the bound flag. */
const char *stream_state_name(const struct stream *s)
{
	if (s->closed)
		return "closed";
	if (s->bound)
		return "active";
	if (s->username_len > 0)
		return "authenticated";
	return s->secure ? "secure" : "plain";
}

bool stream_peer_closed(const struct stream *s)
{
	return s->peer_closed;
}

bool stream_is_bound(const struct stream *s)
{
	return s->bound;
}

struct span stream_jid(const struct stream *s)
{
	return span_of(s->jid, s->jid_len);
}
