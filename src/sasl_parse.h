/* sasl_parse.h - SASL failures, and the grammar of the SASL messages a server receives:
 * SCRAM client-first / client-final (RFC 5802 §7) and PLAIN (RFC 4616 §2).
 *
 * The grammars are the Ragel machines machines/scram.rl and machines/sasl_plain.rl;
 * this module runs them and returns what they recorded. It does no crypto and no
 * policy (src/scram.c does the SCRAM exchange; the stream layer decides who may
 * authorize as whom).
 *
 * Ownership: every span in a parse result borrows the message passed in, and is
 * valid while that message is. Nothing is allocated. Decoders write into buffers
 * the caller owns, with their sizes passed explicitly.
 *
 * Every refusal is one enum sasl_error with a name, the RFC 6120 §6.5 failure
 * condition the server sends, the RFC 5802 §7 server-error value (for SCRAM, when
 * one applies: it can only be sent in a server-final-message), and a sentence
 * citing the rule. */
#ifndef XMPPD_SASL_PARSE_H
#define XMPPD_SASL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "span.h"

enum sasl_error {
	SASL_OK = 0,
	/* incorrect-encoding (RFC 6120 §6.5.5) */
	SASL_E_BASE64,              /* the <auth/>/<response/> text is not strict base64 */
	SASL_E_SCRAM_BASE64,        /* c= or p= is not canonical base64 (e=invalid-encoding) */
	/* malformed-request (RFC 6120 §6.5.8) */
	SASL_E_SCRAM_SYNTAX,        /* outside the RFC 5802 §7 ABNF (e=invalid-encoding) */
	SASL_E_SCRAM_EXTENSION,     /* the mandatory extension m= (e=extensions-not-supported) */
	SASL_E_SCRAM_NONCE,         /* client-final r= is not the server-first nonce */
	SASL_E_SCRAM_TOO_LONG,      /* client-first-message longer than SCRAM_CLIENT_FIRST_MAX */
	SASL_E_CB_NOT_SUPPORTED,    /* flag p with a mechanism that is not -PLUS */
	SASL_E_CB_REQUIRED,         /* flag n or y with a -PLUS mechanism */
	SASL_E_PLAIN_SYNTAX,        /* outside the RFC 4616 §2 ABNF */
	SASL_E_PLAIN_TOO_LONG,      /* a PLAIN field longer than SASL_PLAIN_FIELD_MAX */
	SASL_E_OUT_OF_ORDER,        /* a message at a step that does not take it */
	/* invalid-authzid (RFC 6120 §6.5.6): decided by the caller's policy */
	SASL_E_INVALID_AUTHZID,
	/* not-authorized (RFC 6120 §6.5.10) */
	SASL_E_INVALID_PROOF,       /* wrong password or unknown user (e=invalid-proof) */
	SASL_E_PLAIN_CREDENTIALS,   /* PLAIN: wrong password or unknown user */
	SASL_E_CB_UNSUPPORTED_TYPE, /* p=<cb-name> not available here */
	SASL_E_CB_DOWNGRADE,        /* flag y although -PLUS was offered */
	SASL_E_CB_MISMATCH,         /* c= is not gs2-header + channel binding data */
	/* temporary-auth-failure (RFC 6120 §6.5.11) */
	SASL_E_INTERNAL,            /* OpenSSL failed, or the server's configuration is invalid */
	SASL_ERROR_COUNT
};

const char *sasl_error_name(enum sasl_error e);      /* "SASL_E_SCRAM_SYNTAX" */
const char *sasl_error_condition(enum sasl_error e); /* "malformed-request" */
/* The RFC 5802 §7 server-error-value, "" when none applies (non-SCRAM errors). */
const char *sasl_error_scram_value(enum sasl_error e);
const char *sasl_error_text(enum sasl_error e);      /* one sentence citing the rule */

/* ---------- base64 of the stream layer (RFC 6120 §6.4.2, RFC 4648 §4) ---------- */

/* Decodes the character data of <auth/> or <response/> into out[0..out_max).
 * Strict: the RFC 4648 §4 alphabet with padding, nothing else (no whitespace,
 * no line breaks: RFC 6120 §6.4.2), and zero bits after the last character.
 * The single character "=" is RFC 6120's zero-length payload; empty text also
 * decodes to nothing (whether it was allowed is the caller's question).
 * SASL_E_BASE64 on anything else, including a result longer than out_max. */
enum sasl_error sasl_base64_decode(struct span text, uint8_t *out, size_t out_max,
				   size_t *out_len) __attribute__((warn_unused_result));

/* ---------- SCRAM (RFC 5802 §7) ---------- */

enum scram_cbind_flag {
	SCRAM_CBIND_N, /* the client does not support channel binding */
	SCRAM_CBIND_Y, /* the client does, but thinks the server does not */
	SCRAM_CBIND_P, /* the client requires channel binding of type cb_name */
};

struct scram_client_first {
	enum scram_cbind_flag flag;
	struct span cb_name;      /* flag p: the channel binding type, as sent */
	bool has_authzid;
	struct span authzid;      /* a= saslname, still escaped (=2C, =3D) */
	struct span username;     /* n= saslname, still escaped */
	struct span client_nonce; /* r= */
	struct span gs2_header;   /* the message up to and including the second ',' */
	struct span bare;         /* client-first-message-bare: the rest */
};

struct scram_client_final {
	struct span channel_binding; /* c=, base64 as sent (may be empty) */
	struct span nonce;           /* r= */
	struct span without_proof;   /* client-final-message-without-proof */
	struct span proof;           /* p=, base64 as sent (may be empty) */
};

/* SASL_E_SCRAM_SYNTAX or SASL_E_SCRAM_EXTENSION on refusal; *out is then undefined. */
enum sasl_error scram_parse_client_first(struct span message, struct scram_client_first *out)
	__attribute__((warn_unused_result));
enum sasl_error scram_parse_client_final(struct span message, struct scram_client_final *out)
	__attribute__((warn_unused_result));

/* Undoes the saslname escapes (RFC 5802 §5.1: "=2C" is ',', "=3D" is '=') of a
 * span that scram_parse_client_first() returned. out must hold escaped.len bytes
 * (decoding never lengthens); returns the decoded length. */
size_t scram_saslname_unescape(struct span escaped, uint8_t *out);

/* ---------- PLAIN (RFC 4616 §2) ---------- */

#define SASL_PLAIN_FIELD_MAX 255 /* octets per field: RFC 4616 §2's "MUST accept up to" */

struct sasl_plain {
	struct span authzid; /* len 0: absent */
	struct span authcid;
	struct span passwd;
};

/* SASL_E_PLAIN_SYNTAX or SASL_E_PLAIN_TOO_LONG on refusal. */
enum sasl_error sasl_plain_parse(struct span message, struct sasl_plain *out)
	__attribute__((warn_unused_result));

#endif
