/* precis.h - PRECIS (RFC 8264): the derived property of a code point, the
 * contextual rules of RFC 5892 Appendix A, the Bidi Rule of RFC 5893, and the two
 * RFC 8265 profiles XMPP addresses use: UsernameCaseMapped (localparts,
 * RFC 7622 §3.3) and OpaqueString (resourceparts, RFC 7622 §3.4).
 *
 * Everything is computed from libunistring's Unicode Character Database
 * (general category, properties, blocks, scripts, bidi classes, joining types,
 * normalization, case mapping): the only tables here are the RFC's own short
 * lists (RFC 5892 §2.6 Exceptions). The Unicode version is libunistring's.
 *
 * This is the full path for any input; src/jid.c puts a pure-ASCII fast path in
 * front of it, and the tests and fuzz/jid check that both agree.
 *
 * Ownership: inputs are borrowed for the call; prepared strings are written to
 * the caller's buffer. libunistring allocates internally (malloc); every block
 * is freed before a function returns. No state is kept between calls. */
#ifndef XMPPD_PRECIS_H
#define XMPPD_PRECIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "span.h"

/* RFC 8264 §8: the values of the derived property. ID_DIS stands for "ID_DIS or
 * FREE_PVAL": disallowed in the IdentifierClass, valid in the FreeformClass. */
enum precis_property {
	PRECIS_PVALID,
	PRECIS_ID_DIS,
	PRECIS_CONTEXTJ,
	PRECIS_CONTEXTO,
	PRECIS_DISALLOWED,
	PRECIS_UNASSIGNED,
	PRECIS_PROPERTY_COUNT
};

enum precis_profile {
	PRECIS_USERNAME_CASE_MAPPED, /* RFC 8265 §3.3, IdentifierClass */
	PRECIS_OPAQUE_STRING,        /* RFC 8265 §4.2, FreeformClass */
	PRECIS_PROFILE_COUNT
};

enum precis_status {
	PRECIS_OK = 0,
	PRECIS_E_EMPTY,      /* zero bytes (RFC 8265 §3.3.3, §4.2.3) */
	PRECIS_E_UTF8,       /* not well-formed UTF-8 */
	PRECIS_E_DISALLOWED, /* a code point the class refuses, a failed contextual or Bidi rule, or
			      * a string that does not stabilize (RFC 8264 §7) */
	PRECIS_E_TOO_LONG,   /* longer than the caller's buffer once prepared */
	PRECIS_E_NOMEM,
	PRECIS_STATUS_COUNT
};

const char *precis_property_name(enum precis_property p); /* "PVALID", "ID_DIS", ... */
const char *precis_status_name(enum precis_status s);      /* "PRECIS_E_DISALLOWED" */

/* RFC 8264 §8 (the categories of §9), for any value; surrogates and values above
 * U+10FFFF are DISALLOWED. */
enum precis_property precis_derived_property(uint32_t cp);

/* RFC 5892 Appendix A: true when s[i], a CONTEXTJ or CONTEXTO code point, meets
 * its rule in the string s[0..n); false for any other code point. */
bool precis_context_rule(const uint32_t *s, size_t n, size_t i);

/* RFC 5893 §1.4: the string holds a code point of bidi class R, AL or AN. */
bool precis_has_rtl(const uint32_t *s, size_t n);
/* RFC 5893 §2: the six conditions of the Bidi Rule (false for an empty string). */
bool precis_bidi_rule(const uint32_t *s, size_t n);

/* Enforces a profile (RFC 8264 §7 order: width mapping, additional mapping,
 * case mapping, NFC, directionality, then the behavioral rules), applied again
 * until the output is stable; a string that still changes on the fourth
 * application is refused (RFC 8264 §7). `excluded` (may be NULL) lists ASCII
 * characters the protocol using the profile also disallows (RFC 7622 §3.3.1
 * for localparts); they are refused with the other behavioral rules, so before
 * the length is known. At most out_max bytes are written. */
enum precis_status precis_enforce(enum precis_profile profile, const char *excluded, struct span in,
				  uint8_t *out, size_t out_max, size_t *out_len)
	__attribute__((warn_unused_result));

/* The mappings RFC 7622 §3.2.2 asks of a domainpart before IDNA2008 (those of
 * RFC 5895 §2): fullwidth and halfwidth code points to their decompositions,
 * toLowerCase, NFC. `in` must be well-formed UTF-8. *out is malloc'd (the caller
 * frees it with free()); returns PRECIS_E_NOMEM when allocation fails. */
enum precis_status precis_map_domain(struct span in, uint8_t **out, size_t *out_len)
	__attribute__((warn_unused_result));

#endif
