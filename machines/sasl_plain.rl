/*
 * machines/sasl_plain.rl - the SASL PLAIN message (RFC 4616 §2).
 *
 *   message = [authzid] UTF8NUL authcid UTF8NUL passwd
 *   authcid = 1*SAFE, authzid = 1*SAFE, passwd = 1*SAFE
 *   SAFE    = UTF1 / UTF2 / UTF3 / UTF4   ; any UTF-8 character except NUL
 *
 * A byte-level Ragel machine over one whole, already base64-decoded payload.
 * Every action is one line calling src/sasl_parse.c (contract:
 * src/sasl_machine.h). The 255-octet bound on each field (RFC 4616 §2: "MUST
 * accept up to 255 octets"; this server accepts no more) is counted by the
 * glue at each NUL and at the end, not by the machine, which keeps the
 * diagram readable. UTF-8 is RFC 3629 §4: no overlong forms, no surrogates,
 * nothing above U+10FFFF.
 *
 * Diagrams: generated/sasl_plain.dot is the whole machine; also drawn alone:
 * diagrams: safe
 *
 * Unreachable transitions: none; `make coverage` lists any the tests miss.
 */
#include "sasl_machine.h"

%%{
	machine sasl_plain;
	alphtype unsigned char;
	access m->;

	action authzid_begin { sasl_plain_on_begin(pp, SASL_PLAIN_FIELD_AUTHZID, p); }
	action authcid_begin { sasl_plain_on_begin(pp, SASL_PLAIN_FIELD_AUTHCID, p); }
	action passwd_begin  { sasl_plain_on_begin(pp, SASL_PLAIN_FIELD_PASSWD, p); }
	action field_end     { if (sasl_plain_on_end(pp, p)) fbreak; }

	# ---- characters: UTF-8 (RFC 3629 §4, machines/lib/utf8.rl) ----
	include utf8 "lib/utf8.rl";

	# ---- RFC 4616 §2 ----
	safe    = 0x01..0x7f | utf8_2 | utf8_3 | utf8_4;
	authzid = safe+ >authzid_begin;
	authcid = safe+ >authcid_begin;
	passwd  = safe+ >passwd_begin;

	# Requirement: RFC6120-6.3.10-a, RFC6120-6.5.8-a
	main := authzid? 0 @field_end authcid 0 @field_end passwd;
}%%

%% write data;

void sasl_plain_machine_init(struct sasl_plain_machine *m)
{
	%% write init;
	(void)sasl_plain_en_main;
}

const uint8_t *sasl_plain_machine_exec(struct sasl_plain_parser *pp, struct sasl_plain_machine *m,
				       const uint8_t *p, const uint8_t *pe)
{
	/* The message's end is not an event: the glue closes the password itself. */
	const uint8_t *eof = NULL;
	(void)eof; /* no action waits for the end, so Ragel's code never reads it */
	%% write exec;
	return p;
}

bool sasl_plain_machine_failed(const struct sasl_plain_machine *m)
{
	return m->cs == sasl_plain_error;
}

bool sasl_plain_machine_final(const struct sasl_plain_machine *m)
{
	return m->cs >= sasl_plain_first_final;
}

int sasl_plain_machine_start_state(void)
{
	return sasl_plain_start;
}
