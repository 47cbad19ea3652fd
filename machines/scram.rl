/*
 * machines/scram.rl - the SCRAM messages a server receives (RFC 5802 §7; RFC 7677
 * adds SCRAM-SHA-256 with the same messages; channel binding type names are
 * RFC 5056 cb-names such as those of RFC 5929 and RFC 9266).
 *
 * A byte-level Ragel machine with one entry point per message: client_first
 * (client-first-message) and client_final (client-final-message). The input is
 * a whole SASL payload, already base64-decoded by the stream layer. Every action
 * is one line that calls the glue in src/sasl_parse.c (contract:
 * src/sasl_machine.h), which records offsets; src/scram.c does the crypto.
 *
 * Rule names are those of RFC 5802 §7: gs2-cbind-flag, gs2-header, authzid,
 * saslname, username, nonce, reserved-mext, attr-val, channel-binding, proof,
 * client-first-message-bare, client-final-message.
 *
 * Where this machine is more precise than the ABNF, on purpose:
 * - Attribute names, the cbind flags and the "=2C" / "=3D" escapes are matched
 *   case-sensitively: RFC 5802 §5 says attribute names are case-sensitive and
 *   §5.1 spells the escapes, although ABNF quoted strings are case-insensitive.
 * - c-nonce is 1*printable (the ABNF's single "printable" is the erratum every
 *   implementation reads as a run; the RFC's own examples have long nonces).
 * - "m=" is refused wherever an attribute name may appear, not only first:
 *   §5.1 "its presence in a client or a server message MUST cause
 *   authentication failure" (refuse_mext -> e=extensions-not-supported).
 * - In client-final-message no extension may be named "p": the ABNF would let
 *   an extension "p=..." compete with the proof, which §5.1 places last.
 * UTF-8 in saslname and extension values is RFC 3629 §4: no overlong forms, no
 * surrogates, nothing above U+10FFFF; NUL never appears (value-safe-char).
 *
 * Offsets: a value's start is recorded at the "=" that ends its attribute
 * name (the value may be empty, as base64 may), its end at the "," that
 * follows; a value that ends the message is closed by the glue at the end.
 *
 * Diagrams: generated/scram.dot is the whole machine; the parts drawn alone:
 * diagrams: gs2_header client_first_bare client_final_message
 *
 * Unreachable transitions: none; `make coverage` lists any the tests miss.
 */
#include "sasl_machine.h"

%%{
	machine scram;
	alphtype unsigned char;
	access m->;

	action flag_n          { scram_on_flag(sp, SCRAM_CBIND_N); }
	action flag_y          { scram_on_flag(sp, SCRAM_CBIND_Y); }
	action flag_p          { scram_on_flag(sp, SCRAM_CBIND_P); }
	action cb_name_value   { scram_on_value(sp, SCRAM_FIELD_CB_NAME, p); }
	action authzid_value   { scram_on_value(sp, SCRAM_FIELD_AUTHZID, p); }
	action username_value  { scram_on_value(sp, SCRAM_FIELD_USERNAME, p); }
	action nonce_value     { scram_on_value(sp, SCRAM_FIELD_NONCE, p); }
	action cb_value        { scram_on_value(sp, SCRAM_FIELD_CHANNEL_BINDING, p); }
	action proof_value     { scram_on_value(sp, SCRAM_FIELD_PROOF, p); }
	action value_end       { scram_on_value_end(sp, p); }
	action gs2_header_end  { scram_on_gs2_header_end(sp, p); }
	action proof_attr      { scram_on_proof_attr(sp, p); }
	action refuse_mext     { if (scram_on_refuse(sp, SASL_E_SCRAM_EXTENSION)) fbreak; }

	# ---- characters: UTF-8 (RFC 3629 §4, machines/lib/utf8.rl) ----
	include utf8 "lib/utf8.rl";

	# ---- RFC 5802 §7 ----
	value_safe_char = 0x01..0x2b | 0x2d..0x3c | 0x3e..0x7f | utf8_multi;  # not NUL , =
	value_char      = value_safe_char | '=';
	printable       = 0x21..0x2b | 0x2d..0x7e;                            # not ,
	base64_char     = [A-Za-z0-9+/];
	base64          = (base64_char{4})* (base64_char{3} '=' | base64_char{2} '==')?;
	saslname        = (value_safe_char | '=2C' | '=3D')+;
	value           = value_char+;
	cb_name         = [A-Za-z0-9.\-]+;

	# The refusal always stops the machine, so nothing may follow "m=": a
	# continuation would be transitions no input can take.
	reserved_mext   = 'm=' @refuse_mext;
	attr_val        = (alpha - 'm') '=' value;

	gs2_cbind_flag  = 'n' @flag_n | 'y' @flag_y | 'p' @flag_p '=' @cb_name_value cb_name;
	authzid         = 'a=' @authzid_value saslname;
	gs2_header      = gs2_cbind_flag ',' @value_end authzid? ',' @gs2_header_end;

	username        = 'n=' @username_value saslname;
	nonce           = 'r=' @nonce_value printable+;
	client_first_bare = reserved_mext
	                  | username ',' @value_end nonce (',' @value_end attr_val)*
	                    (',' reserved_mext)?;

	channel_binding = 'c=' @cb_value base64;
	final_attr_val  = (alpha - [mp]) '=' value;
	proof           = 'p' @proof_attr '=' @proof_value base64;
	client_final_message = channel_binding ',' @value_end nonce
	                       (',' @value_end final_attr_val)* ',' @value_end (proof | reserved_mext);

	# Requirement: RFC6120-6.4.3-a, RFC6120-6.5.8-a
	client_first := gs2_header client_first_bare;
	# Requirement: RFC6120-6.4.3-a, RFC6120-6.5.8-a
	client_final := client_final_message;
}%%

%% write data;

void scram_machine_init(struct scram_machine *m, enum scram_message which)
{
	%% write init;
	m->cs = which == SCRAM_MESSAGE_CLIENT_FINAL ? scram_en_client_final : scram_en_client_first;
}

const uint8_t *scram_machine_exec(struct scram_parser *sp, struct scram_machine *m,
				  const uint8_t *p, const uint8_t *pe)
{
	/* The message's end is not an event: the glue closes a trailing value itself. */
	const uint8_t *eof = NULL;
	(void)eof; /* no action waits for the end, so Ragel's code never reads it */
	%% write exec;
	return p;
}

bool scram_machine_failed(const struct scram_machine *m)
{
	return m->cs == scram_error;
}

bool scram_machine_final(const struct scram_machine *m)
{
	return m->cs >= scram_first_final;
}

int scram_machine_start_state(enum scram_message which)
{
	(void)scram_start;
	return which == SCRAM_MESSAGE_CLIENT_FINAL ? scram_en_client_final : scram_en_client_first;
}
