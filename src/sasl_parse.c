/* sasl_parse.c - the glue behind machines/scram.rl and machines/sasl_plain.rl, the
 * SASL failure table, and strict base64 for the stream layer. Ownership: see
 * sasl_parse.h. The machines report delimiters; this file turns them into
 * offsets from the message start, then into spans of the caller's message. */
#include "sasl_parse.h"

#include <sodium.h>
#include <string.h>

#include "sasl_machine.h"

#ifdef MACHINE_TRACE
#include "machine_trace.h"
#endif

/* ---------- failures ---------- */

static const char *const error_names[SASL_ERROR_COUNT] = {
	[SASL_OK] = "SASL_OK",
	[SASL_E_BASE64] = "SASL_E_BASE64",
	[SASL_E_SCRAM_BASE64] = "SASL_E_SCRAM_BASE64",
	[SASL_E_SCRAM_SYNTAX] = "SASL_E_SCRAM_SYNTAX",
	[SASL_E_SCRAM_EXTENSION] = "SASL_E_SCRAM_EXTENSION",
	[SASL_E_SCRAM_NONCE] = "SASL_E_SCRAM_NONCE",
	[SASL_E_SCRAM_TOO_LONG] = "SASL_E_SCRAM_TOO_LONG",
	[SASL_E_CB_NOT_SUPPORTED] = "SASL_E_CB_NOT_SUPPORTED",
	[SASL_E_CB_REQUIRED] = "SASL_E_CB_REQUIRED",
	[SASL_E_PLAIN_SYNTAX] = "SASL_E_PLAIN_SYNTAX",
	[SASL_E_PLAIN_TOO_LONG] = "SASL_E_PLAIN_TOO_LONG",
	[SASL_E_OUT_OF_ORDER] = "SASL_E_OUT_OF_ORDER",
	[SASL_E_INVALID_AUTHZID] = "SASL_E_INVALID_AUTHZID",
	[SASL_E_INVALID_PROOF] = "SASL_E_INVALID_PROOF",
	[SASL_E_PLAIN_CREDENTIALS] = "SASL_E_PLAIN_CREDENTIALS",
	[SASL_E_CB_UNSUPPORTED_TYPE] = "SASL_E_CB_UNSUPPORTED_TYPE",
	[SASL_E_CB_DOWNGRADE] = "SASL_E_CB_DOWNGRADE",
	[SASL_E_CB_MISMATCH] = "SASL_E_CB_MISMATCH",
	[SASL_E_INTERNAL] = "SASL_E_INTERNAL",
};

struct error_info {
	const char *condition;   /* RFC 6120 §6.5 */
	const char *scram_value; /* RFC 5802 §7 server-error-value, "" if none */
	const char *text;
};

static const struct error_info error_infos[SASL_ERROR_COUNT] = {
	[SASL_OK] = { "", "", "" },
	[SASL_E_BASE64] = { "incorrect-encoding", "",
		"RFC 6120 §6.4.2 / RFC 4648 §4: the SASL data is not base64 (padded alphabet only, no whitespace)" },
	[SASL_E_SCRAM_BASE64] = { "incorrect-encoding", "invalid-encoding",
		"RFC 5802 §7 / RFC 4648 §3.5: the c= or p= attribute is not canonical base64" },
	[SASL_E_SCRAM_SYNTAX] = { "malformed-request", "invalid-encoding",
		"RFC 5802 §7: the SCRAM message does not match the ABNF" },
	[SASL_E_SCRAM_EXTENSION] = { "malformed-request", "extensions-not-supported",
		"RFC 5802 §5.1: the mandatory extension attribute m= MUST cause authentication failure" },
	[SASL_E_SCRAM_NONCE] = { "malformed-request", "other-error",
		"RFC 5802 §5.1: the client-final nonce MUST be the one of the server-first-message" },
	[SASL_E_SCRAM_TOO_LONG] = { "malformed-request", "other-error",
		"RFC 5802 §5: the client-first-message is longer than this server accepts" },
	[SASL_E_CB_NOT_SUPPORTED] = { "malformed-request", "channel-binding-not-supported",
		"RFC 5802 §6 / RFC 5801 §5: gs2-cbind-flag p needs the -PLUS variant of the mechanism" },
	[SASL_E_CB_REQUIRED] = { "malformed-request", "other-error",
		"RFC 5802 §6 / RFC 5801 §5: a -PLUS mechanism needs gs2-cbind-flag p" },
	[SASL_E_PLAIN_SYNTAX] = { "malformed-request", "",
		"RFC 4616 §2: PLAIN is [authzid] NUL authcid NUL passwd, each non-empty UTF-8 without NUL" },
	[SASL_E_PLAIN_TOO_LONG] = { "malformed-request", "",
		"RFC 4616 §2: a PLAIN field is longer than 255 octets" },
	[SASL_E_OUT_OF_ORDER] = { "malformed-request", "other-error",
		"RFC 6120 §6.4: this SASL message does not belong at this step of the exchange" },
	[SASL_E_INVALID_AUTHZID] = { "invalid-authzid", "other-error",
		"RFC 6120 §6.5.6: the authzid is malformed or not one the authenticated entity may use" },
	[SASL_E_INVALID_PROOF] = { "not-authorized", "invalid-proof",
		"RFC 5802 §5.1: the ClientProof does not verify (wrong password or unknown user)" },
	[SASL_E_PLAIN_CREDENTIALS] = { "not-authorized", "",
		"RFC 4616 §2: the password does not verify (wrong password or unknown user)" },
	[SASL_E_CB_UNSUPPORTED_TYPE] = { "not-authorized", "unsupported-channel-binding-type",
		"RFC 5802 §6: the server MUST fail when it does not support the channel binding type named" },
	[SASL_E_CB_DOWNGRADE] = { "not-authorized", "server-does-support-channel-binding",
		"RFC 5802 §6: flag y although the server offered channel binding (downgrade): MUST fail" },
	[SASL_E_CB_MISMATCH] = { "not-authorized", "channel-bindings-dont-match",
		"RFC 5802 §6: c= is not the gs2-header followed by this connection's channel binding data" },
	[SASL_E_INTERNAL] = { "temporary-auth-failure", "other-error",
		"RFC 6120 §6.5.11: the server could not run the exchange (crypto failure or bad configuration)" },
};

static bool error_valid(enum sasl_error e)
{
	return (unsigned)e < SASL_ERROR_COUNT;
}

const char *sasl_error_name(enum sasl_error e)
{
	return error_valid(e) ? error_names[e] : "SASL_E_?";
}

const char *sasl_error_condition(enum sasl_error e)
{
	return error_valid(e) ? error_infos[e].condition : "temporary-auth-failure";
}

const char *sasl_error_scram_value(enum sasl_error e)
{
	return error_valid(e) ? error_infos[e].scram_value : "other-error";
}

const char *sasl_error_text(enum sasl_error e)
{
	return error_valid(e) ? error_infos[e].text : "unknown SASL error";
}

/* ---------- base64 ---------- */

enum sasl_error sasl_base64_decode(struct span text, uint8_t *out, size_t out_max,
				   size_t *out_len)
{
	*out_len = 0;
	if (text.len == 0 || (text.len == 1 && text.ptr[0] == '='))
		return SASL_OK;
	size_t bin_len = 0;
	/* No `ignore` set and no end pointer: every character must be consumed as
	 * base64 or padding, and libsodium refuses non-zero bits after the last one. */
	if (sodium_base642bin(out, out_max, (const char *)text.ptr, text.len, NULL, &bin_len, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0)
		return SASL_E_BASE64;
	*out_len = bin_len;
	return SASL_OK;
}

/* ---------- SCRAM ---------- */

#define NO_FIELD (-1)

struct scram_parser {
	const uint8_t *base;
	enum sasl_error error;
	enum scram_cbind_flag flag;
	int open; /* the field whose value is in progress, or NO_FIELD */
	bool seen[SCRAM_FIELD_COUNT];
	size_t begin[SCRAM_FIELD_COUNT];
	size_t end[SCRAM_FIELD_COUNT];
	size_t gs2_header_len;
	size_t without_proof_len;
};

void scram_on_flag(struct scram_parser *sp, enum scram_cbind_flag flag)
{
	sp->flag = flag;
}

void scram_on_value(struct scram_parser *sp, enum scram_field field, const uint8_t *equals)
{
	sp->open = (int)field;
	sp->seen[field] = true;
	sp->begin[field] = (size_t)(equals + 1 - sp->base);
}

void scram_on_value_end(struct scram_parser *sp, const uint8_t *comma)
{
	if (sp->open == NO_FIELD)
		return; /* after an extension, whose value nobody keeps */
	sp->end[sp->open] = (size_t)(comma - sp->base);
	sp->open = NO_FIELD;
}

void scram_on_gs2_header_end(struct scram_parser *sp, const uint8_t *comma)
{
	scram_on_value_end(sp, comma);
	sp->gs2_header_len = (size_t)(comma + 1 - sp->base);
}

void scram_on_proof_attr(struct scram_parser *sp, const uint8_t *p_char)
{
	sp->without_proof_len = (size_t)(p_char - 1 - sp->base);
}

bool scram_on_refuse(struct scram_parser *sp, enum sasl_error e)
{
	sp->error = e;
	return true;
}

static void run_scram(struct scram_parser *sp, struct scram_machine *m, const uint8_t *p,
		      const uint8_t *pe)
{
#ifdef MACHINE_TRACE
	/* One byte at a time, so every transition taken is recorded. */
	while (p < pe) {
		int before = m->cs;
		uint8_t byte = *p;
		const uint8_t *next = scram_machine_exec(sp, m, p, p + 1);
		if (next != p)
			machine_trace_hit("scram", before, byte);
		if (next != p + 1 || scram_machine_failed(m) || sp->error != SASL_OK)
			return;
		p = next;
	}
#else
	(void)scram_machine_exec(sp, m, p, pe);
#endif
}

/* init, exec, finish: the whole message is one chunk. */
static enum sasl_error scram_run(struct scram_parser *sp, enum scram_message which,
				 struct span message)
{
	memset(sp, 0, sizeof *sp);
	sp->open = NO_FIELD;
	if (message.len == 0)
		return SASL_E_SCRAM_SYNTAX; /* both messages start with a letter */
	sp->base = message.ptr;
	struct scram_machine m;
	scram_machine_init(&m, which);
	run_scram(sp, &m, message.ptr, message.ptr + message.len);
	if (sp->error != SASL_OK)
		return sp->error;
	if (scram_machine_failed(&m) || !scram_machine_final(&m))
		return SASL_E_SCRAM_SYNTAX;
	if (sp->open != NO_FIELD)
		sp->end[sp->open] = message.len; /* a value that ends the message */
	return SASL_OK;
}

static struct span field_span(const struct scram_parser *sp, struct span message,
			      enum scram_field f)
{
	if (!sp->seen[f])
		return span_of(message.ptr, 0);
	return span_of(message.ptr + sp->begin[f], sp->end[f] - sp->begin[f]);
}

enum sasl_error scram_parse_client_first(struct span message, struct scram_client_first *out)
{
	struct scram_parser sp;
	enum sasl_error e = scram_run(&sp, SCRAM_MESSAGE_CLIENT_FIRST, message);
	if (e != SASL_OK)
		return e;
	out->flag = sp.flag;
	out->cb_name = field_span(&sp, message, SCRAM_FIELD_CB_NAME);
	out->has_authzid = sp.seen[SCRAM_FIELD_AUTHZID];
	out->authzid = field_span(&sp, message, SCRAM_FIELD_AUTHZID);
	out->username = field_span(&sp, message, SCRAM_FIELD_USERNAME);
	out->client_nonce = field_span(&sp, message, SCRAM_FIELD_NONCE);
	out->gs2_header = span_of(message.ptr, sp.gs2_header_len);
	out->bare = span_of(message.ptr + sp.gs2_header_len, message.len - sp.gs2_header_len);
	return SASL_OK;
}

enum sasl_error scram_parse_client_final(struct span message, struct scram_client_final *out)
{
	struct scram_parser sp;
	enum sasl_error e = scram_run(&sp, SCRAM_MESSAGE_CLIENT_FINAL, message);
	if (e != SASL_OK)
		return e;
	out->channel_binding = field_span(&sp, message, SCRAM_FIELD_CHANNEL_BINDING);
	out->nonce = field_span(&sp, message, SCRAM_FIELD_NONCE);
	out->without_proof = span_of(message.ptr, sp.without_proof_len);
	out->proof = field_span(&sp, message, SCRAM_FIELD_PROOF);
	return SASL_OK;
}

size_t scram_saslname_unescape(struct span escaped, uint8_t *out)
{
	size_t n = 0;
	for (size_t i = 0; i < escaped.len; i++) {
		if (escaped.ptr[i] != '=') {
			out[n++] = escaped.ptr[i];
			continue;
		}
		/* The machine let through only "=2C" and "=3D". */
		out[n++] = escaped.ptr[i + 1] == '2' ? ',' : '=';
		i += 2;
	}
	return n;
}

/* ---------- PLAIN ---------- */

struct sasl_plain_parser {
	const uint8_t *base;
	enum sasl_error error;
	int open;
	bool seen[SASL_PLAIN_FIELD_COUNT];
	size_t begin[SASL_PLAIN_FIELD_COUNT];
	size_t end[SASL_PLAIN_FIELD_COUNT];
};

void sasl_plain_on_begin(struct sasl_plain_parser *pp, enum sasl_plain_field field,
			 const uint8_t *first)
{
	pp->open = (int)field;
	pp->seen[field] = true;
	pp->begin[field] = (size_t)(first - pp->base);
}

static bool plain_close(struct sasl_plain_parser *pp, size_t end)
{
	if (pp->open == NO_FIELD)
		return false; /* the NUL after an absent authzid */
	pp->end[pp->open] = end;
	bool too_long = end - pp->begin[pp->open] > SASL_PLAIN_FIELD_MAX;
	pp->open = NO_FIELD;
	if (too_long)
		pp->error = SASL_E_PLAIN_TOO_LONG;
	return too_long;
}

bool sasl_plain_on_end(struct sasl_plain_parser *pp, const uint8_t *nul)
{
	return plain_close(pp, (size_t)(nul - pp->base));
}

static void run_plain(struct sasl_plain_parser *pp, struct sasl_plain_machine *m,
		      const uint8_t *p, const uint8_t *pe)
{
#ifdef MACHINE_TRACE
	while (p < pe) {
		int before = m->cs;
		uint8_t byte = *p;
		const uint8_t *next = sasl_plain_machine_exec(pp, m, p, p + 1);
		if (next != p)
			machine_trace_hit("sasl_plain", before, byte);
		if (next != p + 1 || sasl_plain_machine_failed(m) || pp->error != SASL_OK)
			return;
		p = next;
	}
#else
	(void)sasl_plain_machine_exec(pp, m, p, pe);
#endif
}

static struct span plain_span(const struct sasl_plain_parser *pp, struct span message,
			      enum sasl_plain_field f)
{
	if (!pp->seen[f])
		return span_of(message.ptr, 0);
	return span_of(message.ptr + pp->begin[f], pp->end[f] - pp->begin[f]);
}

enum sasl_error sasl_plain_parse(struct span message, struct sasl_plain *out)
{
	struct sasl_plain_parser pp;
	memset(&pp, 0, sizeof pp);
	pp.open = NO_FIELD;
	if (message.len == 0)
		return SASL_E_PLAIN_SYNTAX; /* two NULs at least */
	pp.base = message.ptr;
	struct sasl_plain_machine m;
	sasl_plain_machine_init(&m);
	run_plain(&pp, &m, message.ptr, message.ptr + message.len);
	if (pp.error != SASL_OK)
		return pp.error;
	if (sasl_plain_machine_failed(&m) || !sasl_plain_machine_final(&m))
		return SASL_E_PLAIN_SYNTAX;
	if (plain_close(&pp, message.len)) /* the password ends the message */
		return pp.error;
	out->authzid = plain_span(&pp, message, SASL_PLAIN_FIELD_AUTHZID);
	out->authcid = plain_span(&pp, message, SASL_PLAIN_FIELD_AUTHCID);
	out->passwd = plain_span(&pp, message, SASL_PLAIN_FIELD_PASSWD);
	return SASL_OK;
}
