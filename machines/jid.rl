/*
 * machines/jid.rl - the split of an XMPP address into its parts (RFC 7622 §3.1, §3.2).
 *
 *   jid = [ localpart "@" ] domainpart [ "/" resourcepart ]
 *
 * A byte-level Ragel machine over one whole address. RFC 7622 §3.2 gives the
 * order: the first '/' starts the resourcepart (which may hold any character,
 * '@' and '/' included), and the first '@' before it ends the localpart. The
 * split comes before any preparation (§3.1: separators are matched before
 * mappings that could produce them), so only the ASCII bytes '@' (0x40) and
 * '/' (0x2F) separate. What the machine refuses:
 * - an empty localpart ("@example.com": an '@' first), an empty domainpart
 *   ("/foo", "juliet@/foo", "juliet@" at the end) and an empty resourcepart
 *   ("example.com/" at the end): §3.3, §3.2, §3.4 say each is at least one byte;
 * - an '@' in the domainpart ("a@b@c"): an ifqdn, an IPv4 address or an IP
 *   literal never holds one;
 * - anything that is not well-formed UTF-8 (RFC 3629 §4, machines/lib/utf8.rl):
 *   the machine fails on the byte, and the glue reports JID_E_UTF8.
 * Every action is one line calling src/jid.c (contract: src/jid_machine.h); the
 * actions record the offsets of the two separators and nothing else. The
 * preparation of each part (PRECIS, IDNA2008) and the limits on prepared
 * lengths are the glue's.
 *
 * End of input: the glue runs the machine with eof = pe; the EOF actions name
 * the part that is missing when the address stops right after a separator.
 *
 * Diagrams: generated/jid.dot is the whole machine (most of its states are
 * UTF-8 sequences); the parts drawn alone:
 * diagrams: domain_after_at
 *
 * Unreachable transitions: none; `make coverage` lists any the tests miss.
 */
#include "jid_machine.h"

%%{
	machine jid;
	alphtype unsigned char;
	access m->;

	action at               { jid_on_at(js, p); }
	action slash            { jid_on_slash(js, p); }
	action local_empty      { jid_on_refuse(js, JID_E_LOCAL_EMPTY); fbreak; }
	action domain_empty     { jid_on_refuse(js, JID_E_DOMAIN_EMPTY); fbreak; }
	action at_in_domain     { jid_on_refuse(js, JID_E_SYNTAX); fbreak; }
	action eof_empty        { jid_on_refuse(js, JID_E_EMPTY); }
	action eof_no_domain    { jid_on_refuse(js, JID_E_DOMAIN_EMPTY); }
	action eof_no_resource  { jid_on_refuse(js, JID_E_RESOURCE_EMPTY); }

	# ---- characters: UTF-8 (RFC 3629 §4, machines/lib/utf8.rl) ----
	include utf8 "lib/utf8.rl";

	# Requirement: RFC7622-3.1-a, RFC7622-3.2.1-d
	char      = 0x00..0x7f | utf8_multi;
	part_char = char - [@/];

	# ---- RFC 7622 §3.1, §3.2 ----
	# After the first '/', everything is the resourcepart.
	# Requirement: RFC7622-3.2-a, RFC7622-3.4-a, RFC7622-3.4-c
	resource  = char+ >/eof_no_resource;
	slash_resource = '/' @slash resource;

	# After "localpart@": the domainpart, then an optional resourcepart.
	# Requirement: RFC7622-3.2-a, RFC7622-3.2-e
	domain_after_at = ( part_char+ ( slash_resource | '@' @at_in_domain )?
	                  | '@' @at_in_domain
	                  | '/' @domain_empty ) >/eof_no_domain;

	# Until the first '@' or '/', the bytes are the localpart or the domainpart.
	# Only the ASCII '@' and '/' separate, before any mapping.
	# Requirement: RFC7622-3.1-a, RFC7622-3.1-c, RFC7622-3.3-a, RFC7622-3.2-e
	main := ( part_char+ ( '@' @at domain_after_at | slash_resource )?
	        | '@' @local_empty
	        | '/' @domain_empty ) >/eof_empty;
}%%

%% write data;

void jid_machine_init(struct jid_machine *m)
{
	%% write init;
	(void)jid_en_main;
}

const uint8_t *jid_machine_exec(struct jid_split *js, struct jid_machine *m, const uint8_t *p,
				const uint8_t *pe, const uint8_t *eof)
{
	%% write exec;
	return p;
}

bool jid_machine_failed(const struct jid_machine *m)
{
	return m->cs == jid_error;
}

bool jid_machine_final(const struct jid_machine *m)
{
	return m->cs >= jid_first_final;
}

int jid_machine_start_state(void)
{
	return jid_start;
}
