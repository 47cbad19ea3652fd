/* jid.h - XMPP addresses (RFC 7622): syntax, preparation, comparison.
 *
 * The split into localpart, domainpart and resourcepart is the Ragel machine in
 * machines/jid.rl (RFC 7622 §3.2: the first '/' starts the resourcepart, and the first
 * '@' before it ends the localpart). Each part is then prepared with its
 * PRECIS profile (RFC 8264, RFC 8265, RFC 7622 §3.2-§3.4) using libunistring's
 * Unicode properties and normalization and libidn2 for IDNA2008 domain labels:
 *   localpart:    UsernameCaseMapped (RFC 8265 §3.3) plus the RFC 7622 §3.3.1
 *                 exclusions (" & ' / : < > @");
 *   domainpart:   one final dot removed (§3.2); IPv4 addresses and bracketed
 *                 IPv6 addresses kept as written (no zone identifiers);
 *                 otherwise width mapping, lower case and NFC (§3.2.2), then
 *                 IDNA2008 label by label (libidn2, without the UTS #46
 *                 mapping): NR-LDH labels, A-labels converted to their
 *                 U-labels, U-labels; DNS limits of 63 octets a label and 253
 *                 for the name in A-label form; the Bidi Rule in every label of
 *                 a name with a right-to-left label (RFC 5893 §2);
 *   resourcepart: OpaqueString (RFC 8265 §4.2).
 * The profiles are applied until the result is stable (RFC 8264 §7), so a
 * prepared part prepares to itself: jid_full() parses back to an equal JID.
 * Pure-ASCII parts take a fast path with the same outcome that allocates
 * nothing; the full path (jid_prepare_*_full) allocates and frees within the call.
 *
 * A prepared JID is compared byte for byte (§3.1: "comparison ... on the
 * prepared form"): two struct jid are equal when their parts are.
 *
 * Ownership: struct jid holds its bytes inline (no allocation; about 3 KB,
 * meant for the stack or an arena); spans returned by the accessors point into
 * it and live as long as it. Input spans are borrowed for the call and must not
 * point into the struct jid being written. No global state: thread-safe. */
#ifndef XMPPD_JID_H
#define XMPPD_JID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "span.h"

/* RFC 7622 §3.3, §3.2, §3.4: each part is 1..1023 bytes once prepared. */
#define JID_PART_MAX 1023u
/* local@domain/resource */
#define JID_BYTES_MAX (3u * JID_PART_MAX + 2u)

enum jid_status {
	JID_OK = 0,
	JID_E_EMPTY,             /* the whole address is empty */
	JID_E_SYNTAX,            /* the machine refused it (e.g. "a@b@c": '@' in the domainpart) */
	JID_E_LOCAL_EMPTY,       /* "@domain": an '@' with nothing before it */
	JID_E_LOCAL_LENGTH,      /* more than 1023 bytes once prepared */
	JID_E_LOCAL_PRECIS,      /* a code point UsernameCaseMapped disallows, or RFC 7622 §3.3.1 excludes;
				  * a failed contextual or Bidi rule; a string that does not stabilize */
	JID_E_DOMAIN_EMPTY,      /* "/r", "a@", "a@/r", or "a@." once the final dot is removed */
	JID_E_DOMAIN_LENGTH,     /* over 1023 bytes prepared, a label over 63 octets, a name over 253 */
	JID_E_DOMAIN_IDNA,       /* not a valid IDNA2008 name, IPv4 or [IPv6] literal */
	JID_E_RESOURCE_EMPTY,    /* "domain/": a '/' with nothing after it */
	JID_E_RESOURCE_LENGTH,
	JID_E_RESOURCE_PRECIS,   /* a code point OpaqueString disallows */
	JID_E_UTF8,              /* not well-formed UTF-8 */
	JID_E_NOMEM,
	JID_STATUS_COUNT
};

const char *jid_status_name(enum jid_status s); /* "JID_E_LOCAL_PRECIS" */
/* One sentence citing the RFC, for the <text/> of a jid-malformed error. */
const char *jid_status_text(enum jid_status s);

struct jid {
	uint16_t local_len;    /* 0: no localpart */
	uint16_t domain_len;   /* never 0 in a prepared JID */
	uint16_t resource_len; /* 0: no resourcepart (a bare JID) */
	/* local '@' domain '/' resource, contiguous, so the bare and full forms are spans */
	uint8_t bytes[JID_BYTES_MAX];
};

/* Parses and prepares `in`. On failure *out is unspecified. */
enum jid_status jid_parse(struct span in, struct jid *out) __attribute__((warn_unused_result));

/* Builds a JID from parts that are prepared here (local and resource may be empty). */
enum jid_status jid_from_parts(struct span local, struct span domain, struct span resource, struct jid *out)
	__attribute__((warn_unused_result));

/* Each part on its own (the SASL authcid, a requested resource, a registered
 * username): `out` receives the prepared bytes, at most JID_PART_MAX. */
enum jid_status jid_prepare_local(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
	__attribute__((warn_unused_result));
enum jid_status jid_prepare_resource(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
	__attribute__((warn_unused_result));
enum jid_status jid_prepare_domain(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
	__attribute__((warn_unused_result));

/* The same three without the pure-ASCII fast path: every input through
 * libunistring and libidn2. Same outcome (status and bytes) as the functions
 * above; the unit tests and fuzz/jid compare them. */
enum jid_status jid_prepare_local_full(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
	__attribute__((warn_unused_result));
enum jid_status jid_prepare_resource_full(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
	__attribute__((warn_unused_result));
enum jid_status jid_prepare_domain_full(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
	__attribute__((warn_unused_result));

struct span jid_local(const struct jid *j);
struct span jid_domain(const struct jid *j);
struct span jid_resource(const struct jid *j);
struct span jid_bare(const struct jid *j); /* "local@domain" or "domain" */
struct span jid_full(const struct jid *j); /* with "/resource" when there is one */
bool jid_is_bare(const struct jid *j);
/* Drops the resourcepart in place. */
void jid_make_bare(struct jid *j);
bool jid_equal(const struct jid *a, const struct jid *b);

#endif
