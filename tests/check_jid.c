/* check_jid.c - XMPP addresses (RFC 7622): the split (machines/jid.rl), the
 * preparation of each part (src/jid.c, src/precis.c) and struct jid.
 *
 * What is checked, and against what:
 * - The examples of RFC 7622 §3.5.1 (valid) and §3.5.2 (invalid), each with the
 *   prepared parts or the exact jid_status; then a table of further cases, one
 *   row per rule: PRECIS classes (RFC 8264 §8), the UsernameCaseMapped and
 *   OpaqueString mappings (RFC 8265 §3.3, §4.2), the §3.3.1 exclusions, the
 *   contextual rules (RFC 5892 Appendix A), the Bidi Rule (RFC 5893 §2),
 *   IDNA2008 labels and A-labels, IP literals, the final dot (§3.2).
 * - Length limits at the edges: 1023/1024 bytes prepared per part, inputs
 *   longer than 1023 bytes that prepare shorter, DNS limits on domainparts.
 * - Comparison (§3.1: on the prepared form): case folding in the localpart and
 *   domainpart, none in the resourcepart, NFC equivalence in every part.
 * - The ASCII fast paths against the full paths: every ASCII byte in every
 *   part, and pseudo-random strings over an alphabet of edge characters.
 * - Idempotence: every accepted address parses again to an equal JID.
 * - Every UTF-8 class in every position of the split, so that `make coverage`
 *   reaches every transition of machines/jid.rl; malformed UTF-8 everywhere.
 * - The status and property name tables are complete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jid.h"
#include "precis.h"
#include "suites.h"

static struct span str_span(const char *s)
{
	return span_of(s, strlen(s));
}

/* A span as a C string, for messages; non-ASCII and controls as \xNN. */
static const char *show(struct span s, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < s.len && n + 5 < cap; i++) {
		uint8_t c = s.ptr[i];
		if (c >= 0x20 && c < 0x7f && c != '\\')
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, cap - n, "\\x%02x", c);
	}
	out[n] = '\0';
	return out;
}

/* Parses an exact-size heap copy (ASan catches any read past the end) and
 * describes the outcome: "local=.. domain=.. resource=.." or "error JID_E_..". */
static void parse_log(const char *input, size_t len, char *out, size_t cap)
{
	uint8_t *copy = malloc(len + 1);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, input, len);
	struct jid j;
	enum jid_status e = jid_parse(span_of(copy, len), &j);
	if (e != JID_OK) {
		snprintf(out, cap, "error %s", jid_status_name(e));
	} else {
		static char a[4200], b[4200], c[4200];
		snprintf(out, cap, "local=%s domain=%s resource=%s",
			 j.local_len > 0 ? show(jid_local(&j), a, sizeof a) : "-",
			 show(jid_domain(&j), b, sizeof b),
			 j.resource_len > 0 ? show(jid_resource(&j), c, sizeof c) : "-");
	}
	free(copy);
}

struct parse_case {
	const char *name;
	const char *input;
	const char *expect;
};

/* ---------- RFC 7622 §3.5 ---------- */

static const struct parse_case rfc_cases[] = {
	/* §3.5.1 Examples of Valid JIDs */
	{ "a bare JID", "juliet@example.com", "local=juliet domain=example.com resource=-" },
	{ "a full JID", "juliet@example.com/foo", "local=juliet domain=example.com resource=foo" },
	{ "single space in resourcepart", "juliet@example.com/foo bar",
	  "local=juliet domain=example.com resource=foo bar" },
	{ "at-sign in resourcepart", "juliet@example.com/foo@bar",
	  "local=juliet domain=example.com resource=foo@bar" },
	{ "XEP-0106 escaped space in localpart", "foo\\20bar@example.com",
	  "local=foo\\x5c20bar domain=example.com resource=-" },
	{ "another user", "fussball@example.com", "local=fussball domain=example.com resource=-" },
	{ "eszett (U+00DF) kept, not folded to ss", "fu\xc3\x9f" "ball@example.com",
	  "local=fu\\xc3\\x9fball domain=example.com resource=-" },
	{ "Greek small pi", "\xcf\x80@example.com", "local=\\xcf\\x80 domain=example.com resource=-" },
	{ "Greek capital sigma, mapped to small sigma", "\xce\xa3@example.com/foo",
	  "local=\\xcf\\x83 domain=example.com resource=foo" },
	{ "Greek small sigma", "\xcf\x83@example.com/foo",
	  "local=\\xcf\\x83 domain=example.com resource=foo" },
	{ "Greek final sigma, kept", "\xcf\x82@example.com/foo",
	  "local=\\xcf\\x82 domain=example.com resource=foo" },
	{ "black chess king in resourcepart", "king@example.com/\xe2\x99\x9a",
	  "local=king domain=example.com resource=\\xe2\\x99\\x9a" },
	{ "a domain alone", "example.com", "local=- domain=example.com resource=-" },
	{ "a domain with a resource", "example.com/foobar", "local=- domain=example.com resource=foobar" },
	{ "a resource that looks like a JID", "a.example.com/b@example.net",
	  "local=- domain=a.example.com resource=b@example.net" },
	/* §3.5.2 Examples of Invalid JIDs */
	{ "quotation marks (U+0022) in localpart", "\"juliet\"@example.com", "error JID_E_LOCAL_PRECIS" },
	{ "space (U+0020) in localpart", "foo bar@example.com", "error JID_E_LOCAL_PRECIS" },
	{ "zero-length localpart and resourcepart", "@example.com/", "error JID_E_LOCAL_EMPTY" },
	{ "ROMAN NUMERAL FOUR (U+2163) in localpart", "henry\xe2\x85\xa3@example.com",
	  "error JID_E_LOCAL_PRECIS" },
	{ "black chess king (U+265A) in localpart", "\xe2\x99\x9a@example.com", "error JID_E_LOCAL_PRECIS" },
	{ "zero-length domainpart after '@'", "juliet@", "error JID_E_DOMAIN_EMPTY" },
	{ "zero-length domainpart before '/'", "/foobar", "error JID_E_DOMAIN_EMPTY" },
};

/* ---------- further cases, one rule each ---------- */

static const struct parse_case more_cases[] = {
	/* the split (§3.1, §3.2) */
	{ "empty address", "", "error JID_E_EMPTY" },
	{ "'@' in the domainpart", "a@b@c", "error JID_E_SYNTAX" },
	{ "'@' right after '@'", "a@@b", "error JID_E_SYNTAX" },
	{ "'@' ending the domainpart", "a@b@", "error JID_E_SYNTAX" },
	{ "'/' right after '@'", "a@/r", "error JID_E_DOMAIN_EMPTY" },
	{ "'@' alone", "@", "error JID_E_LOCAL_EMPTY" },
	{ "'/' alone", "/", "error JID_E_DOMAIN_EMPTY" },
	{ "'/' at the end", "example.com/", "error JID_E_RESOURCE_EMPTY" },
	{ "'/' at the end after a localpart", "a@example.com/", "error JID_E_RESOURCE_EMPTY" },
	{ "'@' after the first '/' belongs to the resource", "a/b@c", "local=- domain=a resource=b@c" },
	{ "'/' in the resourcepart", "a@b/c/d", "local=a domain=b resource=c/d" },
	{ "'@' and '/' only in the resource", "a@b/@/", "local=a domain=b resource=@/" },
	{ "separators are matched before mapping: fullwidth '@' is no separator",
	  "a\xef\xbc\xa0" "b@example.com", "error JID_E_LOCAL_PRECIS" },
	{ "fullwidth '@' in a domainpart", "a\xef\xbc\xa0" "b.example", "error JID_E_DOMAIN_IDNA" },
	{ "fullwidth '/' in a domainpart", "a\xef\xbc\x8f" "b.example", "error JID_E_DOMAIN_IDNA" },

	/* localpart: UsernameCaseMapped (RFC 8265 §3.3) and RFC 7622 §3.3.1 */
	{ "upper case folded", "JuLiEt@example.com", "local=juliet domain=example.com resource=-" },
	{ "fullwidth letters width-mapped and folded", "\xef\xbc\xaa\xef\xbd\x95@x",
	  "local=ju domain=x resource=-" },
	{ "halfwidth katakana width-mapped", "\xef\xbd\xb1@x", "local=\\xe3\\x82\\xa2 domain=x resource=-" },
	{ "halfwidth katakana and voiced mark compose after width mapping", "\xef\xbd\xb6\xef\xbe\x9e@x",
	  "local=\\xe3\\x82\\xac domain=x resource=-" },
	{ "capital sigma at the end of a word becomes final sigma (toLowerCase)", "\xce\x91\xce\xa3@x",
	  "local=\\xce\\xb1\\xcf\\x82 domain=x resource=-" },
	{ "dotted capital I to i and combining dot (toLowerCase, full mapping)", "\xc4\xb0@x",
	  "local=i\\xcc\\x87 domain=x resource=-" },
	{ "KELVIN SIGN normalized and folded to k", "\xe2\x84\xaa@x", "local=k domain=x resource=-" },
	{ "decomposed e-acute composed (NFC)", "e\xcc\x81@x", "local=\\xc3\\xa9 domain=x resource=-" },
	{ "every ASCII7 code point but the excluded ones",
	  "!#$%()*+,-.0123456789;=?ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~@x",
	  "local=!#$%()*+,-.0123456789;=?abcdefghijklmnopqrstuvwxyz[\\x5c]^_`abcdefghijklmnopqrstuvwxyz{|}~ "
	  "domain=x resource=-" },
	{ "excluded '&'", "a&b@x", "error JID_E_LOCAL_PRECIS" },
	{ "excluded '''", "a'b@x", "error JID_E_LOCAL_PRECIS" },
	{ "excluded ':'", "a:b@x", "error JID_E_LOCAL_PRECIS" },
	{ "excluded '<'", "a<b@x", "error JID_E_LOCAL_PRECIS" },
	{ "excluded '>'", "a>b@x", "error JID_E_LOCAL_PRECIS" },
	{ "fullwidth '&' width-mapped to an excluded character", "a\xef\xbc\x86" "b@x",
	  "error JID_E_LOCAL_PRECIS" },
	{ "a control character", "a\x01@x", "error JID_E_LOCAL_PRECIS" },
	{ "DEL", "a\x7f@x", "error JID_E_LOCAL_PRECIS" },
	{ "NO-BREAK SPACE (HasCompat)", "a\xc2\xa0" "b@x", "error JID_E_LOCAL_PRECIS" },
	{ "IDEOGRAPHIC SPACE width-mapped to a space", "a\xe3\x80\x80" "b@x", "error JID_E_LOCAL_PRECIS" },
	{ "a symbol (Sm)", "a\xe2\x88\x9e@x", "error JID_E_LOCAL_PRECIS" },
	{ "a punctuation mark (Po)", "\xc2\xa1@x", "error JID_E_LOCAL_PRECIS" },
	{ "NOT LESS-THAN, also '<' and a combining mark", "<\xcc\xb8@x", "error JID_E_LOCAL_PRECIS" },
	{ "an unassigned code point (U+0378)", "\xcd\xb8@x", "error JID_E_LOCAL_PRECIS" },
	{ "a noncharacter (U+FDD0)", "a\xef\xb7\x90@x", "error JID_E_LOCAL_PRECIS" },
	{ "SOFT HYPHEN (default ignorable)", "a\xc2\xad" "b@x", "error JID_E_LOCAL_PRECIS" },
	{ "a private-use code point", "\xee\x80\x80@x", "error JID_E_LOCAL_PRECIS" },
	{ "an old Hangul jamo (U+1100)", "\xe1\x84\x80@x", "error JID_E_LOCAL_PRECIS" },
	{ "jamo that compose to a syllable (NFC first)", "\xe1\x84\x80\xe1\x85\xa1@x",
	  "local=\\xea\\xb0\\x80 domain=x resource=-" },
	{ "a Hangul syllable", "\xea\xb0\x80@x", "local=\\xea\\xb0\\x80 domain=x resource=-" },
	{ "ARABIC TATWEEL (an exception: DISALLOWED)", "\xd8\xa8\xd9\x80@x", "error JID_E_LOCAL_PRECIS" },
	{ "a combining mark (Mn)", "a\xcc\x88@x", "local=\\xc3\\xa4 domain=x resource=-" },
	{ "a spacing mark (Mc)", "\xe0\xa4\x95\xe0\xa4\xbe@x",
	  "local=\\xe0\\xa4\\x95\\xe0\\xa4\\xbe domain=x resource=-" },
	{ "a titlecase letter (Lt, also HasCompat)", "\xc7\x85@x", "error JID_E_LOCAL_PRECIS" },
	{ "an enclosing mark (Me)", "a\xd2\x88@x", "error JID_E_LOCAL_PRECIS" },
	{ "a letter number without compatibility mapping (Nl)", "\xe1\x9b\xae@x", "error JID_E_LOCAL_PRECIS" },
	{ "a mathematical letter (HasCompat)", "\xf0\x9d\x90\x80@x", "error JID_E_LOCAL_PRECIS" },
	{ "LINE SEPARATOR (Zl)", "a\xe2\x80\xa8@x", "error JID_E_LOCAL_PRECIS" },
	{ "ZERO WIDTH SPACE (default ignorable)", "a\xe2\x80\x8b" "b@x", "error JID_E_LOCAL_PRECIS" },

	/* contextual rules (RFC 5892 Appendix A) */
	{ "A.1 ZWNJ after a virama", "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8c\xe0\xa4\xb7@x",
	  "local=\\xe0\\xa4\\x95\\xe0\\xa5\\x8d\\xe2\\x80\\x8c\\xe0\\xa4\\xb7 domain=x resource=-" },
	{ "A.1 ZWNJ between dual-joining letters", "\xd8\xa8\xe2\x80\x8c\xd8\xa8@x",
	  "local=\\xd8\\xa8\\xe2\\x80\\x8c\\xd8\\xa8 domain=x resource=-" },
	{ "A.1 ZWNJ between joiners with transparent marks", "\xd8\xa8\xd9\x8e\xe2\x80\x8c\xd9\x8e\xd8\xa7@x",
	  "local=\\xd8\\xa8\\xd9\\x8e\\xe2\\x80\\x8c\\xd9\\x8e\\xd8\\xa7 domain=x resource=-" },
	{ "A.1 ZWNJ after a right-joining letter", "\xd8\xa7\xe2\x80\x8c\xd8\xa8@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.1 ZWNJ before a left-joining context ends", "\xd8\xa8\xe2\x80\x8c\xd9\x8e@x",
	  "error JID_E_LOCAL_PRECIS" },
	{ "A.1 ZWNJ between Latin letters", "a\xe2\x80\x8c" "b@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.1 ZWNJ first", "\xe2\x80\x8c" "b@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.2 ZWJ after a virama", "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d@x",
	  "local=\\xe0\\xa4\\x95\\xe0\\xa5\\x8d\\xe2\\x80\\x8d domain=x resource=-" },
	{ "A.2 ZWJ elsewhere", "a\xe2\x80\x8d@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.2 ZWJ first", "\xe2\x80\x8d@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.3 MIDDLE DOT between two l", "l\xc2\xb7l@x", "local=l\\xc2\\xb7l domain=x resource=-" },
	{ "A.3 MIDDLE DOT elsewhere", "a\xc2\xb7" "b@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.3 MIDDLE DOT last", "l\xc2\xb7@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.3 MIDDLE DOT first", "\xc2\xb7l@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.3 MIDDLE DOT after L (folded to l)", "L\xc2\xb7L@x", "local=l\\xc2\\xb7l domain=x resource=-" },
	{ "A.4 KERAIA before Greek", "\xcd\xb5\xce\xb1@x", "local=\\xcd\\xb5\\xce\\xb1 domain=x resource=-" },
	{ "A.4 KERAIA before Latin", "\xcd\xb5" "a@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.4 KERAIA last", "\xce\xb1\xcd\xb5@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.5 GERESH after Hebrew", "\xd7\x90\xd7\xb3@x", "local=\\xd7\\x90\\xd7\\xb3 domain=x resource=-" },
	{ "A.5 GERESH first", "\xd7\xb3\xd7\x90@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.6 GERSHAYIM after Hebrew", "\xd7\x90\xd7\xb4@x", "local=\\xd7\\x90\\xd7\\xb4 domain=x resource=-" },
	{ "A.6 GERSHAYIM after Latin (in a resource: no Bidi Rule there)", "x@y/a\xd7\xb4",
	  "error JID_E_RESOURCE_PRECIS" },
	{ "A.7 KATAKANA MIDDLE DOT with Katakana", "\xe3\x82\xa2\xe3\x83\xbb@x",
	  "local=\\xe3\\x82\\xa2\\xe3\\x83\\xbb domain=x resource=-" },
	{ "A.7 KATAKANA MIDDLE DOT with Hiragana", "\xe3\x83\xbb\xe3\x81\x82@x",
	  "local=\\xe3\\x83\\xbb\\xe3\\x81\\x82 domain=x resource=-" },
	{ "A.7 KATAKANA MIDDLE DOT with Han", "\xe4\xb8\x80\xe3\x83\xbb@x",
	  "local=\\xe4\\xb8\\x80\\xe3\\x83\\xbb domain=x resource=-" },
	{ "A.7 KATAKANA MIDDLE DOT alone", "\xe3\x83\xbb@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.7 KATAKANA MIDDLE DOT with Latin", "a\xe3\x83\xbb@x", "error JID_E_LOCAL_PRECIS" },
	{ "A.8 ARABIC-INDIC DIGITs", "x@y/\xd9\xa0\xd9\xa1", "local=x domain=y resource=\\xd9\\xa0\\xd9\\xa1" },
	{ "A.8 ARABIC-INDIC DIGIT with an EXTENDED one", "x@y/\xd9\xa0\xdb\xb0", "error JID_E_RESOURCE_PRECIS" },
	{ "A.9 EXTENDED ARABIC-INDIC DIGITs", "x@y/\xdb\xb0\xdb\xb1",
	  "local=x domain=y resource=\\xdb\\xb0\\xdb\\xb1" },
	{ "A.9 EXTENDED ARABIC-INDIC DIGIT with a plain one", "x@y/\xdb\xb0\xd9\xa0",
	  "error JID_E_RESOURCE_PRECIS" },

	/* the Bidi Rule (RFC 5893 §2) in localparts */
	{ "RTL: Hebrew letters", "\xd7\x90\xd7\x91@x", "local=\\xd7\\x90\\xd7\\x91 domain=x resource=-" },
	{ "RTL ending with a European digit", "\xd7\x90" "1@x", "local=\\xd7\\x90" "1 domain=x resource=-" },
	{ "RTL ending with NSM after AL", "\xd8\xa8\xd9\x8b@x", "local=\\xd8\\xa8\\xd9\\x8b domain=x resource=-" },
	{ "condition 1: starts with a digit", "1\xd7\x90@x", "error JID_E_LOCAL_PRECIS" },
	{ "condition 1: starts with an Arabic digit (AN)", "\xd9\xa0\xd8\xa8@x", "error JID_E_LOCAL_PRECIS" },
	{ "condition 2: a Latin letter in an RTL string", "\xd7\x90" "a\xd7\x91@x", "error JID_E_LOCAL_PRECIS" },
	{ "condition 3: RTL ending with a neutral", "\xd7\x90-@x", "error JID_E_LOCAL_PRECIS" },
	{ "condition 4: EN and AN together", "\xd8\xa8" "1\xd9\xa1@x", "error JID_E_LOCAL_PRECIS" },
	{ "condition 5: a Hebrew letter in an LTR string", "a\xd7\x90" "b@x", "error JID_E_LOCAL_PRECIS" },
	{ "condition 5: an Arabic digit (AN) in an LTR string", "a\xd9\xa0" "b@x", "error JID_E_LOCAL_PRECIS" },
	{ "no RTL: no Bidi Rule (digits first are fine)", "1a-@x", "local=1a- domain=x resource=-" },
	{ "the resourcepart has no Bidi Rule", "x@y/1\xd7\x90" "a", "local=x domain=y resource=1\\xd7\\x90" "a" },

	/* resourcepart: OpaqueString (RFC 8265 §4.2) */
	{ "case kept", "x@y/FooBar", "local=x domain=y resource=FooBar" },
	{ "leading and trailing spaces are FREE_PVAL", "juliet@example.com/ foo ",
	  "local=juliet domain=example.com resource= foo " },
	{ "ROMAN NUMERAL FOUR (FREE_PVAL)", "henry@example.com/\xe2\x85\xa3",
	  "local=henry domain=example.com resource=\\xe2\\x85\\xa3" },
	{ "fullwidth letters kept (no width mapping)", "x@y/\xef\xbc\xa1",
	  "local=x domain=y resource=\\xef\\xbc\\xa1" },
	{ "NO-BREAK SPACE mapped to a space", "x@y/a\xc2\xa0" "b", "local=x domain=y resource=a b" },
	{ "IDEOGRAPHIC SPACE mapped to a space", "x@y/a\xe3\x80\x80" "b", "local=x domain=y resource=a b" },
	{ "decomposed e-acute composed (NFC)", "x@y/e\xcc\x81", "local=x domain=y resource=\\xc3\\xa9" },
	{ "tab", "x@y/a\tb", "error JID_E_RESOURCE_PRECIS" },
	{ "DEL", "x@y/a\x7f", "error JID_E_RESOURCE_PRECIS" },
	{ "C1 control", "x@y/a\xc2\x85", "error JID_E_RESOURCE_PRECIS" },
	{ "ZERO WIDTH SPACE", "x@y/a\xe2\x80\x8b" "b", "error JID_E_RESOURCE_PRECIS" },
	{ "unassigned", "x@y/\xcd\xb8", "error JID_E_RESOURCE_PRECIS" },
	{ "noncharacter U+FFFE", "x@y/\xef\xbf\xbe", "error JID_E_RESOURCE_PRECIS" },
	{ "LINE SEPARATOR", "x@y/\xe2\x80\xa8", "error JID_E_RESOURCE_PRECIS" },
	{ "ZWNJ without its context", "x@y/a\xe2\x80\x8c" "b", "error JID_E_RESOURCE_PRECIS" },

	/* domainpart (§3.2): IDNA2008, IP literals, the final dot */
	{ "upper case folded", "x@EXAMPLE.Com", "local=x domain=example.com resource=-" },
	{ "one final dot removed", "x@example.com.", "local=x domain=example.com resource=-" },
	{ "one final dot removed before a resource", "x@example.com./r", "local=x domain=example.com resource=r" },
	{ "two final dots", "x@example.com..", "error JID_E_DOMAIN_IDNA" },
	{ "a dot alone", "x@.", "error JID_E_DOMAIN_EMPTY" },
	{ "a dot alone, no localpart", "./r", "error JID_E_DOMAIN_EMPTY" },
	{ "a leading dot", "x@.example.com", "error JID_E_DOMAIN_IDNA" },
	{ "an empty label", "x@a..b", "error JID_E_DOMAIN_IDNA" },
	{ "a single-label name", "localhost", "local=- domain=localhost resource=-" },
	{ "digits and hyphens", "x@1-2.3com", "local=x domain=1-2.3com resource=-" },
	{ "hyphen first", "x@-a.com", "error JID_E_DOMAIN_IDNA" },
	{ "hyphen last", "x@a-.com", "error JID_E_DOMAIN_IDNA" },
	{ "'--' in the third and fourth positions (R-LDH)", "x@ab--cd.com", "error JID_E_DOMAIN_IDNA" },
	{ "'--' elsewhere", "x@a--b.com", "local=x domain=a--b.com resource=-" },
	{ "underscore", "x@a_b.com", "error JID_E_DOMAIN_IDNA" },
	{ "space", "x@a b.com", "error JID_E_DOMAIN_IDNA" },
	{ "a control character", "x@a\x01" "b.com", "error JID_E_DOMAIN_IDNA" },
	{ "U-label kept", "x@b\xc3\xbc" "cher.ch", "local=x domain=b\\xc3\\xbc" "cher.ch resource=-" },
	{ "upper-case U-label folded", "x@B\xc3\x9c" "CHER.ch", "local=x domain=b\\xc3\\xbc" "cher.ch resource=-" },
	{ "A-label converted to its U-label", "x@xn--bcher-kva.ch", "local=x domain=b\\xc3\\xbc" "cher.ch resource=-" },
	{ "upper-case A-label", "x@XN--BCHER-KVA.ch", "local=x domain=b\\xc3\\xbc" "cher.ch resource=-" },
	{ "A-label of a disallowed code point", "x@xn--ls8h.la", "error JID_E_DOMAIN_IDNA" },
	{ "A-label that is not Punycode (overflow)", "x@xn--99999999999a.com", "error JID_E_DOMAIN_IDNA" },
	{ "A-label of an ASCII string (ends with '-')", "x@xn--abc-.com", "error JID_E_DOMAIN_IDNA" },
	{ "A-label that does not round-trip (decodes to nothing)", "x@xn--a.com", "error JID_E_DOMAIN_IDNA" },
	{ "A-label of CJK ideographs", "x@xn--zzzzzzzzzz",
	  "local=x domain=\\xe8\\xa1\\x9e\\xe7\\xae\\xa5\\xe7\\xb3\\xaa\\xe7\\xb8\\x96 resource=-" },
	/* fuzz/regress/jid-alabel-upper-case-cherokee: IDNA2008 keeps upper-case
	 * Cherokee (case folding maps Cherokee to upper case), toLowerCase does not. */
	{ "A-label of upper-case Cherokee: its U-label is not stable under the mappings", "xn--bcea.",
	  "error JID_E_DOMAIN_IDNA" },
	{ "upper-case Cherokee, lower-cased to what IDNA2008 disallows", "x@\xe1\x8f\xb4.com",
	  "error JID_E_DOMAIN_IDNA" },
	{ "eszett kept (IDNA2008, not transitional)", "x@fa\xc3\x9f" "ball.de",
	  "local=x domain=fa\\xc3\\x9f" "ball.de resource=-" },
	{ "decomposed letter composed (NFC)", "x@a\xcc\x81.com", "local=x domain=\\xc3\\xa1.com resource=-" },
	{ "fullwidth letters and dot width-mapped",
	  "x@\xef\xbd\x85\xef\xbd\x98\xef\xbc\x8e\xef\xbd\x83\xef\xbd\x8f",
	  "local=x domain=ex.co resource=-" },
	{ "IDEOGRAPHIC FULL STOP is not a dot", "x@a\xe3\x80\x82" "b", "error JID_E_DOMAIN_IDNA" },
	{ "a final fullwidth dot is not removed", "x@a\xef\xbc\x8e", "error JID_E_DOMAIN_IDNA" },
	{ "a symbol", "x@\xe2\x99\x9a.com", "error JID_E_DOMAIN_IDNA" },
	{ "ROMAN NUMERAL FOUR (folded, still disallowed)", "x@\xe2\x85\xa3.com", "error JID_E_DOMAIN_IDNA" },
	{ "CONTEXTJ: ZWNJ alone", "x@\xe2\x80\x8c.com", "error JID_E_DOMAIN_IDNA" },
	{ "CONTEXTO: MIDDLE DOT between l", "x@l\xc2\xb7l.com", "local=x domain=l\\xc2\\xb7l.com resource=-" },
	{ "CONTEXTO: MIDDLE DOT elsewhere", "x@a\xc2\xb7" "b.com", "error JID_E_DOMAIN_IDNA" },
	{ "a combining mark first", "x@\xcc\x81" "a.com", "error JID_E_DOMAIN_IDNA" },
	{ "Bidi: an RTL label", "x@\xd7\x90\xd7\x91.com", "local=x domain=\\xd7\\x90\\xd7\\x91.com resource=-" },
	{ "Bidi: RTL label ending with a digit", "x@\xd7\x90" "1.com", "local=x domain=\\xd7\\x90" "1.com resource=-" },
	{ "Bidi: RTL label starting with a digit", "x@1\xd7\x90.com", "error JID_E_DOMAIN_IDNA" },
	{ "Bidi domain name: an LTR label starting with a digit", "x@\xd7\x90\xd7\x91.1com",
	  "error JID_E_DOMAIN_IDNA" },
	{ "Bidi domain name: A-label of an RTL label", "x@xn--4dbrk0ce.1com", "error JID_E_DOMAIN_IDNA" },
	{ "no RTL: digits first are fine", "x@1com.2net", "local=x domain=1com.2net resource=-" },
	{ "IPv4 address", "x@192.0.2.1/r", "local=x domain=192.0.2.1 resource=r" },
	{ "IPv4 address with a final dot", "x@192.0.2.1.", "local=x domain=192.0.2.1 resource=-" },
	{ "not an IPv4 address: an all-numeric name", "x@192.0.2.256", "local=x domain=192.0.2.256 resource=-" },
	{ "not an IPv4 address: three parts", "x@192.0.2", "local=x domain=192.0.2 resource=-" },
	{ "IPv6 literal", "x@[2001:db8::1]/r", "local=x domain=[2001:db8::1] resource=r" },
	{ "IPv6 literal kept as written", "x@[2001:DB8:0::1]", "local=x domain=[2001:DB8:0::1] resource=-" },
	{ "IPv6 literal with an IPv4 tail", "x@[::ffff:192.0.2.1]", "local=x domain=[::ffff:192.0.2.1] resource=-" },
	{ "IPv6 literal with a final dot", "x@[::1].", "local=x domain=[::1] resource=-" },
	{ "IPv6 without brackets", "x@::1", "error JID_E_DOMAIN_IDNA" },
	{ "IPv6 literal not closed", "x@[::1", "error JID_E_DOMAIN_IDNA" },
	{ "IPv6 literal with a bad digit", "x@[::g]", "error JID_E_DOMAIN_IDNA" },
	{ "IPv6 literal with a zone", "x@[fe80::1%25eth0]", "error JID_E_DOMAIN_IDNA" },
	{ "IPv4 address in brackets", "x@[192.0.2.1]", "error JID_E_DOMAIN_IDNA" },
	{ "empty brackets", "x@[]", "error JID_E_DOMAIN_IDNA" },
	{ "IPv6 literal too long to be one", "x@[0000:0000:0000:0000:0000:0000:0000:0000:0000]",
	  "error JID_E_DOMAIN_IDNA" },
	{ "non-ASCII in brackets", "x@[\xc3\xa9]", "error JID_E_DOMAIN_IDNA" },

	/* UTF-8 (RFC 3629): refused by the machine wherever it is */
	{ "lone continuation byte in the localpart", "a\x80@x", "error JID_E_UTF8" },
	{ "overlong form in the domainpart", "x@\xc0\xae", "error JID_E_UTF8" },
	{ "surrogate in the resourcepart", "x@y/\xed\xa0\x80", "error JID_E_UTF8" },
	{ "above U+10FFFF", "\xf4\x90\x80\x80", "error JID_E_UTF8" },
	{ "byte F5", "x/\xf5", "error JID_E_UTF8" },
	{ "byte FF first", "\xff", "error JID_E_UTF8" },
	{ "truncated at the end of the domainpart", "x@\xc3", "error JID_E_UTF8" },
	{ "truncated at the end of the resourcepart", "x@y/\xe2\x82", "error JID_E_UTF8" },
	{ "truncated before '@'", "\xe2\x82@x", "error JID_E_UTF8" },
	{ "a syntax error before a UTF-8 error: the first refusal counts", "a@b@\xff", "error JID_E_SYNTAX" },
	{ "the localpart is prepared first", "a b@-x/\x01", "error JID_E_LOCAL_PRECIS" },
	{ "then the domainpart", "ab@-x/\x01", "error JID_E_DOMAIN_IDNA" },
	{ "then the resourcepart", "ab@x/\x01", "error JID_E_RESOURCE_PRECIS" },
};

static void check_case(const struct parse_case *c)
{
	char log[16384];
	parse_log(c->input, strlen(c->input), log, sizeof log);
	ck_assert_msg(strcmp(log, c->expect) == 0, "%s:\n  got    %s\n  expect %s", c->name, log, c->expect);
}

/* Requirement: RFC7622-3.1-a, RFC7622-3.2-a, RFC7622-3.3-a, RFC7622-3.3-d, RFC7622-3.3.1-a, RFC7622-3.4-f, RFC7622-3.5-a, RFC7622-3.5-c, RFC7622-5-b, RFC7622-5-c */
START_TEST(test_rfc_7622_examples)
{
	check_case(&rfc_cases[_i]);
}
END_TEST

/* Requirement: RFC7622-3.1-a, RFC7622-3.1-c, RFC7622-3.1-d, RFC7622-3.2-a, RFC7622-3.2-c, RFC7622-3.2-d, RFC7622-3.2-e, RFC7622-3.2.1-a, RFC7622-3.2.1-b, RFC7622-3.2.1-c, RFC7622-3.2.2-a, RFC7622-3.2.2-b, RFC7622-3.3-a, RFC7622-3.3-d, RFC7622-3.3.1-a, RFC7622-3.4-c, RFC7622-3.4-f, RFC7622-3.5-c, RFC7622-5-a, RFC7622-5-b, RFC7622-5-c */
START_TEST(test_more_cases)
{
	check_case(&more_cases[_i]);
}
END_TEST

/* Every address accepted above parses again, from its full form, to an equal JID. */
static void check_idempotent(const struct parse_case *c)
{
	struct jid j, again;
	if (jid_parse(str_span(c->input), &j) != JID_OK)
		return;
	struct span full = jid_full(&j);
	uint8_t copy[JID_BYTES_MAX];
	memcpy(copy, full.ptr, full.len);
	ck_assert_int_eq(jid_parse(span_of(copy, full.len), &again), JID_OK);
	ck_assert_msg(jid_equal(&j, &again), "%s: not idempotent", c->name);
}

START_TEST(test_idempotent)
{
	for (size_t i = 0; i < sizeof rfc_cases / sizeof rfc_cases[0]; i++)
		check_idempotent(&rfc_cases[i]);
	for (size_t i = 0; i < sizeof more_cases / sizeof more_cases[0]; i++)
		check_idempotent(&more_cases[i]);
}
END_TEST

/* ---------- comparison (§3.1, §3.2.3, §3.3.3, §3.4.3) ---------- */

struct pair {
	const char *a, *b;
	bool equal;
};

static const struct pair pairs[] = {
	{ "juliet@example.com", "JULIET@EXAMPLE.COM", true },
	{ "juliet@example.com/foo", "Juliet@Example.com/foo", true },
	{ "juliet@example.com/foo", "juliet@example.com/Foo", false },
	{ "juliet@example.com/foo", "juliet@example.com", false },
	{ "juliet@example.com", "example.com", false },
	{ "juliet@example.com", "juliet@example.com.", true },
	{ "\xce\xa3@x", "\xcf\x83@x", true },
	{ "\xcf\x83@x", "\xcf\x82@x", false },
	{ "fussball@x", "fu\xc3\x9f" "ball@x", false },
	{ "\xc3\xa9@x", "e\xcc\x81@x", true },                         /* NFC in the localpart */
	{ "\xc3\x89@x", "e\xcc\x81@x", true },                         /* and case */
	{ "x@y/\xc3\xa9", "x@y/e\xcc\x81", true },                     /* NFC in the resourcepart */
	{ "x@y/\xc3\x89", "x@y/\xc3\xa9", false },                     /* no case folding there */
	{ "x@\xc3\xa9.com", "x@e\xcc\x81.com", true },                 /* NFC in the domainpart */
	{ "x@\xc3\xa9.com", "x@xn--9ca.com", true },                   /* A-label and U-label */
	{ "x@\xc3\x89.com", "x@XN--9CA.COM", true },
	{ "\xef\xbd\x8a@x", "j@x", true },                             /* width mapping (localpart) */
	{ "x@y/\xef\xbd\x8a", "x@y/j", false },                        /* none in the resourcepart */
	{ "x@y/a\xc2\xa0" "b", "x@y/a b", true },                      /* spaces in the resourcepart */
	{ "x@[::1]", "x@[0::1]", false },                              /* IP literals as written */
};

/* Requirement: RFC7622-3.2-c, RFC7622-3.2.3-a, RFC7622-3.3-d, RFC7622-3.4-f, RFC7622-3.5-b */
START_TEST(test_equal)
{
	const struct pair *p = &pairs[_i];
	struct jid a, b;
	ck_assert_int_eq(jid_parse(str_span(p->a), &a), JID_OK);
	ck_assert_int_eq(jid_parse(str_span(p->b), &b), JID_OK);
	ck_assert_msg(jid_equal(&a, &b) == p->equal, "'%s' vs '%s'", p->a, p->b);
	ck_assert(jid_equal(&b, &a) == p->equal);
	ck_assert(jid_equal(&a, &a));
}
END_TEST

/* ---------- lengths ---------- */

/* `count` copies of `unit` between `before` and `after`, in a malloc'd string. */
static char *repeat(const char *before, const char *unit, size_t count, const char *after)
{
	size_t u = strlen(unit), b = strlen(before), a = strlen(after);
	char *s = malloc(b + u * count + a + 1);
	ck_assert_ptr_nonnull(s);
	memcpy(s, before, b);
	for (size_t i = 0; i < count; i++)
		memcpy(s + b + i * u, unit, u);
	memcpy(s + b + u * count, after, a + 1);
	return s;
}

struct length_case {
	const char *name, *before, *unit;
	size_t count;
	const char *after;
	enum jid_status expect;
	size_t local_len, domain_len, resource_len; /* when accepted */
};

static const struct length_case length_cases[] = {
	{ "localpart of 1023 bytes", "", "a", 1023, "@x", JID_OK, 1023, 1, 0 },
	{ "localpart of 1024 bytes", "", "a", 1024, "@x", JID_E_LOCAL_LENGTH, 0, 0, 0 },
	{ "localpart of 1023 bytes, upper case", "", "A", 1023, "@x", JID_OK, 1023, 1, 0 },
	{ "localpart of 511 e-acute and 'a' (1023 bytes)", "a", "\xc3\xa9", 511, "@x", JID_OK, 1023, 1, 0 },
	{ "localpart of 512 e-acute (1024 bytes)", "", "\xc3\xa9", 512, "@x", JID_E_LOCAL_LENGTH, 0, 0, 0 },
	{ "localpart of 1023 fullwidth letters (3069 bytes, 1023 once mapped)", "", "\xef\xbd\x81", 1023, "@x",
	  JID_OK, 1023, 1, 0 },
	{ "localpart of 1024 fullwidth letters", "", "\xef\xbd\x81", 1024, "@x", JID_E_LOCAL_LENGTH, 0, 0, 0 },
	{ "localpart too long, with a space: the character is reported", " ", "a", 2000, "@x",
	  JID_E_LOCAL_PRECIS, 0, 0, 0 },
	{ "resourcepart of 1023 bytes", "x@y/", "r", 1023, "", JID_OK, 1, 1, 1023 },
	{ "resourcepart of 1024 bytes", "x@y/", "r", 1024, "", JID_E_RESOURCE_LENGTH, 0, 0, 0 },
	{ "resourcepart of 341 decomposed e-acute (1023 bytes in, 682 out)", "x@y/", "e\xcc\x81", 341, "",
	  JID_OK, 1, 1, 682 },
	{ "resourcepart of 512 e-acute (1024 bytes)", "x@y/", "\xc3\xa9", 512, "", JID_E_RESOURCE_LENGTH, 0, 0, 0 },
	{ "resourcepart of 'a' and 1022 NO-BREAK SPACEs (2045 bytes, 1023 once mapped)", "x@y/a", "\xc2\xa0", 1022, "",
	  JID_OK, 1, 1, 1023 },
	{ "resourcepart too long, with a control: the character is reported", "x@y/\x01", "a", 2000, "",
	  JID_E_RESOURCE_PRECIS, 0, 0, 0 },
	{ "domainpart of 1023 bytes (longer than DNS allows)", "x@", "a", 1023, "", JID_E_DOMAIN_LENGTH, 0, 0, 0 },
	{ "domainpart of 1024 bytes", "x@", "a", 1024, "", JID_E_DOMAIN_LENGTH, 0, 0, 0 },
	{ "label of 63 bytes", "x@", "a", 63, ".com", JID_OK, 1, 67, 0 },
	{ "label of 64 bytes", "x@", "a", 64, ".com", JID_E_DOMAIN_LENGTH, 0, 0, 0 },
	{ "name of 252 bytes", "x@", "abcdefg.", 31, "abcd", JID_OK, 1, 252, 0 },
	{ "name of 253 bytes", "x@", "abcdefg.", 31, "abcde", JID_OK, 1, 253, 0 },
	{ "name of 253 bytes and a final dot", "x@", "abcdefg.", 31, "abcde.", JID_OK, 1, 253, 0 },
	{ "name of 254 bytes", "x@", "abcdefg.", 31, "abcdef", JID_E_DOMAIN_LENGTH, 0, 0, 0 },
	{ "name of 254 bytes with a bad character", "x@_", "abcdefg.", 31, "abcde", JID_E_DOMAIN_LENGTH, 0, 0, 0 },
	{ "U-label whose A-label has 63 bytes", "x@", "\xf0\xa0\x80\x80", 56, ".com", JID_OK, 1, 228, 0 },
	{ "U-label whose A-label has 64 bytes", "x@", "\xf0\xa0\x80\x80", 57, ".com", JID_E_DOMAIN_LENGTH, 0, 0, 0 },
};

/* Requirement: RFC7622-3.1-b, RFC7622-3.2-f, RFC7622-3.3-b, RFC7622-3.3-c, RFC7622-3.4-d, RFC7622-3.4-e */
START_TEST(test_lengths)
{
	const struct length_case *c = &length_cases[_i];
	char *s = repeat(c->before, c->unit, c->count, c->after);
	struct jid j;
	enum jid_status e = jid_parse(str_span(s), &j);
	ck_assert_msg(e == c->expect, "%s: got %s, expect %s", c->name, jid_status_name(e),
		      jid_status_name(c->expect));
	if (e == JID_OK) {
		ck_assert_msg(j.local_len == c->local_len && j.domain_len == c->domain_len &&
				      j.resource_len == c->resource_len,
			      "%s: lengths %u %u %u", c->name, j.local_len, j.domain_len, j.resource_len);
		struct jid again;
		ck_assert_int_eq(jid_parse(jid_full(&j), &again), JID_OK);
		ck_assert(jid_equal(&j, &again));
	}
	free(s);
}
END_TEST

/* Three labels of 56 U+20000 (A-labels of 63 bytes) and one ASCII label: the
 * name's A-label form has 253 bytes (accepted) or 254 (refused), while its
 * prepared U-label form has more than 700. */
/* Requirement: RFC7622-3.2-f */
START_TEST(test_domain_alabel_form_limit)
{
	char *cjk = repeat("", "\xf0\xa0\x80\x80", 56, "");
	for (size_t extra = 61; extra <= 62; extra++) {
		char *tail = repeat("", "a", extra, "");
		char name[2048];
		snprintf(name, sizeof name, "%s.%s.%s.%s", cjk, cjk, cjk, tail);
		uint8_t out[JID_PART_MAX];
		size_t len = 0;
		enum jid_status e = jid_prepare_domain(str_span(name), out, &len);
		if (extra == 61) {
			ck_assert_msg(e == JID_OK, "253 bytes as A-labels: %s", jid_status_name(e));
			ck_assert_uint_eq(len, 3 * 224 + 3 + 61);
		} else {
			ck_assert_msg(e == JID_E_DOMAIN_LENGTH, "254 bytes as A-labels: %s", jid_status_name(e));
		}
		free(tail);
	}
	free(cjk);
}
END_TEST

/* ---------- fast paths against full paths ---------- */

typedef enum jid_status (*prepare_fn)(struct span, uint8_t *, size_t *);

struct part_kind {
	const char *name;
	prepare_fn fast, full;
};

static const struct part_kind kinds[] = {
	{ "localpart", jid_prepare_local, jid_prepare_local_full },
	{ "domainpart", jid_prepare_domain, jid_prepare_domain_full },
	{ "resourcepart", jid_prepare_resource, jid_prepare_resource_full },
};

static void check_same(const struct part_kind *k, struct span in)
{
	uint8_t fast[JID_PART_MAX], full[JID_PART_MAX];
	size_t fast_len = 0, full_len = 0;
	char shown[8192];
	enum jid_status a = k->fast(in, fast, &fast_len);
	enum jid_status b = k->full(in, full, &full_len);
	ck_assert_msg(a == b, "%s '%s': fast %s, full %s", k->name, show(in, shown, sizeof shown),
		      jid_status_name(a), jid_status_name(b));
	if (a == JID_OK)
		ck_assert_msg(fast_len == full_len && memcmp(fast, full, fast_len) == 0, "%s '%s': bytes differ",
			      k->name, show(in, shown, sizeof shown));
	else
		ck_assert_uint_eq(fast_len, 0);
}

/* Every ASCII byte alone, first, last and in the middle of each part. */
START_TEST(test_fast_path_every_ascii_byte)
{
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		for (int c = 0; c < 128; c++) {
			uint8_t s[5] = { (uint8_t)c, 'a', (uint8_t)c, 'b', (uint8_t)c };
			check_same(&kinds[k], span_of(s, 1));
			check_same(&kinds[k], span_of(s, 2));
			check_same(&kinds[k], span_of(s + 2, 3));
			check_same(&kinds[k], span_of(s + 1, 2));
		}
	}
}
END_TEST

/* Pieces where the paths could part: the case, dots and hyphens of labels,
 * A-label prefixes, excluded characters, controls, and non-ASCII that maps to
 * ASCII or composes with it. */
static const char *const pieces[] = {
	"a", "Z", "0", "-", ".", "..", "xn--", "XN--", "--", "@", "/", " ", "\"", "&", "<", ":", "\x01", "\x7f",
	"\t", "e\xcc\x81", "\xcc\x81", "\xef\xbd\x81", "\xef\xbc\x8e", "\xc2\xa0", "\xce\xa3", "\xc3\x9f",
	"\xd7\x90", "1", "\xe2\x80\x8c", "l\xc2\xb7l", "[", "]", "::1", "192.0.2.1", "\xe2\x84\xaa", "bcher-kva",
	"\xff", "\xc3",
};

START_TEST(test_fast_path_random)
{
	uint64_t state = 0x9e3779b97f4a7c15u;
	for (int round = 0; round < 20000; round++) {
		char s[256];
		size_t n = 0;
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		int count = 1 + (int)(state % 8);
		for (int i = 0; i < count; i++) {
			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			const char *p = pieces[state % (sizeof pieces / sizeof pieces[0])];
			size_t len = strlen(p);
			if (n + len < sizeof s) {
				memcpy(s + n, p, len);
				n += len;
			}
		}
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			check_same(&kinds[k], span_of(s, n));
	}
}
END_TEST

START_TEST(test_fast_path_long_inputs)
{
	static const char *const units[] = { "a", "A", " ", "a.", "\x01", "&", "-" };
	static const size_t counts[] = { 63, 64, 253, 254, 1023, 1024, 3000 };
	for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
		for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
			char *s = repeat("", units[u], counts[c], "");
			for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
				check_same(&kinds[k], str_span(s));
			free(s);
		}
	}
}
END_TEST

/* ---------- the parts on their own ---------- */

/* Requirement: RFC7622-3.2-e, RFC7622-3.3-a, RFC7622-3.4-c */
START_TEST(test_prepare_parts)
{
	uint8_t out[JID_PART_MAX];
	size_t len = 99;
	ck_assert_int_eq(jid_prepare_local(span_of(NULL, 0), out, &len), JID_E_LOCAL_EMPTY);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(jid_prepare_local_full(span_of(NULL, 0), out, &len), JID_E_LOCAL_EMPTY);
	ck_assert_int_eq(jid_prepare_resource(span_of(NULL, 0), out, &len), JID_E_RESOURCE_EMPTY);
	ck_assert_int_eq(jid_prepare_resource_full(span_of(NULL, 0), out, &len), JID_E_RESOURCE_EMPTY);
	ck_assert_int_eq(jid_prepare_domain(span_of(NULL, 0), out, &len), JID_E_DOMAIN_EMPTY);
	ck_assert_int_eq(jid_prepare_domain_full(span_of(NULL, 0), out, &len), JID_E_DOMAIN_EMPTY);
	ck_assert_int_eq(jid_prepare_domain_full(SPAN_LIT("."), out, &len), JID_E_DOMAIN_EMPTY);
	struct jid j;
	ck_assert_int_eq(jid_parse(span_of(NULL, 0), &j), JID_E_EMPTY); /* no pointer at all */
	/* On their own the parts take '@' and '/' as characters. */
	ck_assert_int_eq(jid_prepare_local(SPAN_LIT("a@b"), out, &len), JID_E_LOCAL_PRECIS);
	ck_assert_int_eq(jid_prepare_local(SPAN_LIT("a/b"), out, &len), JID_E_LOCAL_PRECIS);
	ck_assert_int_eq(jid_prepare_domain(SPAN_LIT("a@b"), out, &len), JID_E_DOMAIN_IDNA);
	ck_assert_int_eq(jid_prepare_domain(SPAN_LIT("a/b"), out, &len), JID_E_DOMAIN_IDNA);
	ck_assert_int_eq(jid_prepare_resource(SPAN_LIT("a@b/c"), out, &len), JID_OK);
	ck_assert_uint_eq(len, 5);
	/* Malformed UTF-8 reaches the full paths when a part comes alone. */
	ck_assert_int_eq(jid_prepare_local(SPAN_LIT("a\xff"), out, &len), JID_E_UTF8);
	ck_assert_int_eq(jid_prepare_resource(SPAN_LIT("\xc3"), out, &len), JID_E_UTF8);
	ck_assert_int_eq(jid_prepare_domain(SPAN_LIT("\xed\xa0\x80.com"), out, &len), JID_E_UTF8);
	ck_assert_int_eq(jid_prepare_local(SPAN_LIT(" \xff"), out, &len), JID_E_UTF8);
	/* The SASL authcid and a requested resource are prepared like the parts. */
	ck_assert_int_eq(jid_prepare_local(SPAN_LIT("Juliet"), out, &len), JID_OK);
	ck_assert_mem_eq(out, "juliet", 6);
	ck_assert_int_eq(jid_prepare_resource(SPAN_LIT("Balcony"), out, &len), JID_OK);
	ck_assert_mem_eq(out, "Balcony", 7);
}
END_TEST

/* NUL bytes, which the XML layer never delivers but jid.h does not exclude. */
struct nul_case {
	const char *name;
	const char *input;
	size_t len;
	enum jid_status expect;
};

static const struct nul_case nul_cases[] = {
	{ "NUL in a localpart", "a\0b@x", 5, JID_E_LOCAL_PRECIS },
	{ "NUL in an ASCII domainpart", "x@a\0b", 6, JID_E_DOMAIN_IDNA },
	{ "NUL after an IPv4 address", "x@192.0.2.1\0", 12, JID_E_DOMAIN_IDNA },
	{ "NUL in an IPv6 literal", "x@[::1\0]", 9, JID_E_DOMAIN_IDNA },
	/* fuzz/regress/jid-nul-hides-rest-of-ulabel: libidn2 reads C strings, so it
	 * saw only "x" and the domainpart kept the '@' a fullwidth one maps to. */
	{ "NUL in a U-label, before a fullwidth '@'", "x@x\0\xc3\xa9\xef\xbc\xa0" "b", 10, JID_E_DOMAIN_IDNA },
	{ "NUL in a resourcepart", "x@y/a\0", 7, JID_E_RESOURCE_PRECIS },
	{ "NUL alone", "\0", 1, JID_E_DOMAIN_IDNA },
};

START_TEST(test_nul_bytes)
{
	const struct nul_case *c = &nul_cases[_i];
	char log[256];
	parse_log(c->input, c->len, log, sizeof log);
	char expect[64];
	snprintf(expect, sizeof expect, "error %s", jid_status_name(c->expect));
	ck_assert_msg(strcmp(log, expect) == 0, "%s: got %s", c->name, log);
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		check_same(&kinds[k], span_of(c->input, c->len));
}
END_TEST

/* Requirement: RFC7622-3.1-b */
START_TEST(test_from_parts)
{
	struct jid j;
	ck_assert_int_eq(jid_from_parts(SPAN_LIT("Juliet"), SPAN_LIT("Example.COM."), SPAN_LIT("Balcony"), &j), JID_OK);
	ck_assert(span_eq(jid_full(&j), SPAN_LIT("juliet@example.com/Balcony")));
	ck_assert_int_eq(jid_from_parts(span_of(NULL, 0), SPAN_LIT("example.com"), span_of(NULL, 0), &j), JID_OK);
	ck_assert(span_eq(jid_full(&j), SPAN_LIT("example.com")));
	ck_assert_int_eq(jid_from_parts(span_of(NULL, 0), SPAN_LIT("example.com"), SPAN_LIT("a/b@c"), &j), JID_OK);
	ck_assert(span_eq(jid_full(&j), SPAN_LIT("example.com/a/b@c")));
	ck_assert_int_eq(jid_from_parts(SPAN_LIT("a"), span_of(NULL, 0), span_of(NULL, 0), &j), JID_E_DOMAIN_EMPTY);
	ck_assert_int_eq(jid_from_parts(SPAN_LIT("a@b"), SPAN_LIT("x"), span_of(NULL, 0), &j), JID_E_LOCAL_PRECIS);
	ck_assert_int_eq(jid_from_parts(SPAN_LIT("a"), SPAN_LIT("x@y"), span_of(NULL, 0), &j), JID_E_DOMAIN_IDNA);
	ck_assert_int_eq(jid_from_parts(SPAN_LIT("a"), SPAN_LIT("x"), SPAN_LIT("\x01"), &j), JID_E_RESOURCE_PRECIS);
	/* The longest JID: three parts of 1023 bytes. */
	char *local = repeat("", "l", JID_PART_MAX, "");
	char *resource = repeat("", "r", JID_PART_MAX, "");
	ck_assert_int_eq(jid_from_parts(str_span(local), SPAN_LIT("[::1]"), str_span(resource), &j), JID_OK);
	ck_assert_uint_eq(jid_full(&j).len, 2 * JID_PART_MAX + 5 + 2);
	struct jid again;
	ck_assert_int_eq(jid_parse(jid_full(&j), &again), JID_OK);
	ck_assert(jid_equal(&j, &again));
	free(local);
	free(resource);
}
END_TEST

START_TEST(test_accessors)
{
	struct jid j;
	ck_assert_int_eq(jid_parse(SPAN_LIT("Juliet@Example.com/Balcony"), &j), JID_OK);
	ck_assert(span_eq(jid_local(&j), SPAN_LIT("juliet")));
	ck_assert(span_eq(jid_domain(&j), SPAN_LIT("example.com")));
	ck_assert(span_eq(jid_resource(&j), SPAN_LIT("Balcony")));
	ck_assert(span_eq(jid_bare(&j), SPAN_LIT("juliet@example.com")));
	ck_assert(span_eq(jid_full(&j), SPAN_LIT("juliet@example.com/Balcony")));
	ck_assert(!jid_is_bare(&j));
	struct jid bare;
	ck_assert_int_eq(jid_parse(SPAN_LIT("juliet@example.com"), &bare), JID_OK);
	ck_assert(jid_is_bare(&bare));
	ck_assert(!jid_equal(&j, &bare));
	jid_make_bare(&j);
	ck_assert(jid_is_bare(&j));
	ck_assert(span_eq(jid_full(&j), SPAN_LIT("juliet@example.com")));
	ck_assert(jid_equal(&j, &bare));
	ck_assert_uint_eq(jid_resource(&j).len, 0);

	ck_assert_int_eq(jid_parse(SPAN_LIT("example.com/r"), &j), JID_OK);
	ck_assert_uint_eq(jid_local(&j).len, 0);
	ck_assert(span_eq(jid_domain(&j), SPAN_LIT("example.com")));
	ck_assert(span_eq(jid_bare(&j), SPAN_LIT("example.com")));
	ck_assert(span_eq(jid_resource(&j), SPAN_LIT("r")));
}
END_TEST

/* ---------- the machine: every transition (make coverage) ---------- */

/* One sample of every UTF-8 lead class and continuation range (RFC 3629 §4),
 * and of the three ASCII ranges around '/' (0x2F) and '@' (0x40). */
static const char *const char_samples[] = {
	"\x01", "-", "0", "?", "A", "\x7f",
	"\xc2\x80", "\xdf\xbf",
	"\xe0\xa0\x80", "\xe0\xbf\xbf", "\xe1\x80\x80", "\xec\xbf\xbf",
	"\xed\x80\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
	"\xf0\x90\x80\x80", "\xf0\xbf\xbf\xbf", "\xf1\x80\x80\x80", "\xf3\xbf\xbf\xbf",
	"\xf4\x80\x80\x80", "\xf4\x8f\xbf\xbf",
};
#define SAMPLE_COUNT ((int)(sizeof char_samples / sizeof char_samples[0]))

/* Each sample at each place of the split: first, inside the localpart-or-
 * domainpart, first and inside the domainpart after '@', first and inside the
 * resourcepart. The machine accepts them all; what preparation then says is
 * not the point here (most of these are not valid characters). */
START_TEST(test_every_character_class_in_every_position)
{
	static const char *const shapes[][2] = {
		{ "", "x" }, { "x", "" }, { "x@", "" }, { "x@y", "" }, { "x/", "" }, { "x/y", "" }, { "x@y/", "" },
	};
	const char *c = char_samples[_i];
	for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
		char in[32];
		snprintf(in, sizeof in, "%s%s%s", shapes[s][0], c, shapes[s][1]);
		struct jid j;
		enum jid_status e = jid_parse(str_span(in), &j);
		ck_assert_msg(e != JID_E_UTF8 && e != JID_E_SYNTAX && e != JID_E_EMPTY && e != JID_E_LOCAL_EMPTY &&
				      e != JID_E_DOMAIN_EMPTY && e != JID_E_RESOURCE_EMPTY,
			      "shape %zu sample %d: %s", s, _i, jid_status_name(e));
	}
}
END_TEST

/* Malformed UTF-8 at each place: the machine fails on the byte. */
/* Requirement: RFC7622-3.1-a, RFC7622-3.2.1-d */
START_TEST(test_malformed_utf8_in_every_position)
{
	static const char *const bad[] = {
		"\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xc2", "\xc2\x41", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xe1\x41",
		"\xe1\x80\x41", "\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf1\x80\x80",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xf8", "\xfe", "\xff",
	};
	static const char *const shapes[][2] = {
		{ "", "" }, { "x", "" }, { "x@", "" }, { "x@y", "" }, { "x/", "" }, { "x/y", "" }, { "", "@x" },
		{ "x@", "/r" },
	};
	for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
		for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
			char in[32];
			snprintf(in, sizeof in, "%s%s%s", shapes[s][0], bad[b], shapes[s][1]);
			struct jid j;
			enum jid_status e = jid_parse(str_span(in), &j);
			ck_assert_msg(e == JID_E_UTF8, "bad %zu shape %zu: %s", b, s, jid_status_name(e));
		}
	}
}
END_TEST

/* ---------- PRECIS ---------- */

struct property_case {
	uint32_t cp;
	enum precis_property expect;
	const char *why;
};

static const struct property_case property_cases[] = {
	{ 0x0061, PRECIS_PVALID, "ASCII7" },
	{ 0x0021, PRECIS_PVALID, "ASCII7 first" },
	{ 0x007E, PRECIS_PVALID, "ASCII7 last" },
	{ 0x0020, PRECIS_ID_DIS, "Spaces" },
	{ 0x0000, PRECIS_DISALLOWED, "Controls" },
	{ 0x007F, PRECIS_DISALLOWED, "Controls" },
	{ 0x0085, PRECIS_DISALLOWED, "Controls" },
	{ 0x00DF, PRECIS_PVALID, "Exceptions PVALID" },
	{ 0x03C2, PRECIS_PVALID, "Exceptions PVALID" },
	{ 0x06FD, PRECIS_PVALID, "Exceptions PVALID" },
	{ 0x06FE, PRECIS_PVALID, "Exceptions PVALID" },
	{ 0x0F0B, PRECIS_PVALID, "Exceptions PVALID" },
	{ 0x3007, PRECIS_PVALID, "Exceptions PVALID" },
	{ 0x00B7, PRECIS_CONTEXTO, "Exceptions CONTEXTO" },
	{ 0x0375, PRECIS_CONTEXTO, "Exceptions CONTEXTO" },
	{ 0x05F3, PRECIS_CONTEXTO, "Exceptions CONTEXTO" },
	{ 0x05F4, PRECIS_CONTEXTO, "Exceptions CONTEXTO" },
	{ 0x30FB, PRECIS_CONTEXTO, "Exceptions CONTEXTO" },
	{ 0x0660, PRECIS_CONTEXTO, "Exceptions CONTEXTO" },
	{ 0x0669, PRECIS_CONTEXTO, "Exceptions CONTEXTO" },
	{ 0x06F0, PRECIS_CONTEXTO, "Exceptions CONTEXTO" },
	{ 0x06F9, PRECIS_CONTEXTO, "Exceptions CONTEXTO" },
	{ 0x0640, PRECIS_DISALLOWED, "Exceptions DISALLOWED" },
	{ 0x07FA, PRECIS_DISALLOWED, "Exceptions DISALLOWED" },
	{ 0x302E, PRECIS_DISALLOWED, "Exceptions DISALLOWED" },
	{ 0x302F, PRECIS_DISALLOWED, "Exceptions DISALLOWED" },
	{ 0x3031, PRECIS_DISALLOWED, "Exceptions DISALLOWED" },
	{ 0x3035, PRECIS_DISALLOWED, "Exceptions DISALLOWED" },
	{ 0x303B, PRECIS_DISALLOWED, "Exceptions DISALLOWED" },
	{ 0x0378, PRECIS_UNASSIGNED, "Unassigned" },
	{ 0x10FFFD, PRECIS_DISALLOWED, "private use (Co): none of the lists" },
	{ 0xE0080, PRECIS_UNASSIGNED, "Unassigned in a plane" },
	{ 0xFDD0, PRECIS_DISALLOWED, "noncharacter: not Unassigned, PrecisIgnorableProperties" },
	{ 0x1FFFF, PRECIS_DISALLOWED, "noncharacter" },
	{ 0x200C, PRECIS_CONTEXTJ, "JoinControl (before PrecisIgnorableProperties)" },
	{ 0x200D, PRECIS_CONTEXTJ, "JoinControl" },
	{ 0x1100, PRECIS_DISALLOWED, "OldHangulJamo (L)" },
	{ 0x1160, PRECIS_DISALLOWED, "OldHangulJamo (V)" },
	{ 0x11A8, PRECIS_DISALLOWED, "OldHangulJamo (T)" },
	{ 0xA960, PRECIS_DISALLOWED, "OldHangulJamo (Extended-A)" },
	{ 0xD7B0, PRECIS_DISALLOWED, "OldHangulJamo (Extended-B)" },
	{ 0x3131, PRECIS_ID_DIS, "compatibility jamo: HasCompat" },
	{ 0xAC00, PRECIS_PVALID, "Hangul syllable: LetterDigits" },
	{ 0x00AD, PRECIS_DISALLOWED, "default ignorable" },
	{ 0x034F, PRECIS_DISALLOWED, "default ignorable (Mn)" },
	{ 0xFE00, PRECIS_DISALLOWED, "variation selector" },
	{ 0xE0001, PRECIS_DISALLOWED, "language tag" },
	{ 0x00A0, PRECIS_ID_DIS, "HasCompat (Zs)" },
	{ 0x2163, PRECIS_ID_DIS, "HasCompat (Nl)" },
	{ 0x212B, PRECIS_ID_DIS, "HasCompat: a canonical singleton (ANGSTROM SIGN)" },
	{ 0xFF21, PRECIS_ID_DIS, "HasCompat (fullwidth)" },
	{ 0x1D400, PRECIS_ID_DIS, "HasCompat (font)" },
	{ 0x00E9, PRECIS_PVALID, "Ll, canonical decomposition that recomposes" },
	{ 0x00C9, PRECIS_PVALID, "Lu" },
	{ 0x02B0, PRECIS_ID_DIS, "Lm with a compatibility mapping" },
	{ 0x02C6, PRECIS_PVALID, "Lm" },
	{ 0x05D0, PRECIS_PVALID, "Lo" },
	{ 0x0967, PRECIS_PVALID, "Nd" },
	{ 0x0300, PRECIS_PVALID, "Mn" },
	{ 0x0903, PRECIS_PVALID, "Mc" },
	{ 0x01C5, PRECIS_ID_DIS, "Lt" },
	{ 0x1F88, PRECIS_ID_DIS, "Lt, canonical decomposition only" },
	{ 0x16EE, PRECIS_ID_DIS, "Nl: OtherLetterDigits" },
	{ 0x00BD, PRECIS_ID_DIS, "No" },
	{ 0x0F2A, PRECIS_ID_DIS, "No without compatibility mapping" },
	{ 0x0488, PRECIS_ID_DIS, "Me" },
	{ 0x1680, PRECIS_ID_DIS, "Zs: Spaces" },
	{ 0x221E, PRECIS_ID_DIS, "Sm" },
	{ 0x20AC, PRECIS_ID_DIS, "Sc" },
	{ 0x02C2, PRECIS_ID_DIS, "Sk" },
	{ 0x265A, PRECIS_ID_DIS, "So" },
	{ 0x00A1, PRECIS_ID_DIS, "Po" },
	{ 0x2010, PRECIS_ID_DIS, "Pd" },
	{ 0x2028, PRECIS_DISALLOWED, "Zl" },
	{ 0x2029, PRECIS_DISALLOWED, "Zp" },
	{ 0x0600, PRECIS_DISALLOWED, "Cf, not default ignorable" },
	{ 0xE000, PRECIS_DISALLOWED, "Co" },
	{ 0xD800, PRECIS_DISALLOWED, "surrogate" },
	{ 0x110000, PRECIS_DISALLOWED, "above U+10FFFF" },
};

START_TEST(test_derived_property)
{
	const struct property_case *c = &property_cases[_i];
	enum precis_property p = precis_derived_property(c->cp);
	ck_assert_msg(p == c->expect, "U+%04X (%s): got %s, expect %s", (unsigned)c->cp, c->why,
		      precis_property_name(p), precis_property_name(c->expect));
}
END_TEST

START_TEST(test_precis_direct)
{
	uint8_t out[8];
	size_t len = 99;
	ck_assert_int_eq(precis_enforce(PRECIS_OPAQUE_STRING, NULL, SPAN_LIT("abc"), out, sizeof out, &len), PRECIS_OK);
	ck_assert_uint_eq(len, 3);
	ck_assert_int_eq(precis_enforce(PRECIS_OPAQUE_STRING, NULL, SPAN_LIT("abcdefghi"), out, sizeof out, &len),
			 PRECIS_E_TOO_LONG);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(precis_enforce(PRECIS_OPAQUE_STRING, NULL, span_of(NULL, 0), out, sizeof out, &len),
			 PRECIS_E_EMPTY);
	ck_assert_int_eq(precis_enforce(PRECIS_PROFILE_COUNT, NULL, SPAN_LIT("a"), out, sizeof out, &len),
			 PRECIS_E_DISALLOWED);
	ck_assert_int_eq(precis_enforce(PRECIS_USERNAME_CASE_MAPPED, "a", SPAN_LIT("bA"), out, sizeof out, &len),
			 PRECIS_E_DISALLOWED);
	ck_assert_int_eq(precis_enforce(PRECIS_USERNAME_CASE_MAPPED, "", SPAN_LIT("bA"), out, sizeof out, &len),
			 PRECIS_OK);
	uint8_t *mapped = NULL;
	ck_assert_int_eq(precis_map_domain(span_of(NULL, 0), &mapped, &len), PRECIS_E_EMPTY);
	ck_assert_int_eq(precis_map_domain(SPAN_LIT("\xef\xbc\xa1.B"), &mapped, &len), PRECIS_OK);
	ck_assert_uint_eq(len, 3);
	ck_assert_mem_eq(mapped, "a.b", 3);
	free(mapped);
	/* Context and Bidi rules on their own, at their edges. */
	static const uint32_t zwnj_last[] = { 0x0628, 0x200C };
	ck_assert(!precis_context_rule(zwnj_last, 2, 1));
	static const uint32_t not_context[] = { 0x0061 };
	ck_assert(!precis_context_rule(not_context, 1, 0));
	ck_assert(!precis_bidi_rule(not_context, 0));
	static const uint32_t ltr_ending_with_es[] = { 0x0061, 0x002D }; /* condition 6 */
	ck_assert(!precis_bidi_rule(ltr_ending_with_es, 2));
	static const uint32_t rtl_with_l[] = { 0x05D0, 0x0061, 0x05D0 }; /* condition 2 */
	ck_assert(!precis_bidi_rule(rtl_with_l, 3));
	static const uint32_t nsm_only_after[] = { 0x05D0, 0x0591, 0x0591 };
	ck_assert(precis_bidi_rule(nsm_only_after, 3));
	ck_assert(precis_has_rtl(nsm_only_after, 3));
	ck_assert(!precis_has_rtl(not_context, 1));
}
END_TEST

/* ---------- name tables ---------- */

START_TEST(test_status_tables_complete)
{
	ck_assert_str_eq(jid_status_name(JID_OK), "JID_OK");
	ck_assert_str_eq(jid_status_text(JID_OK), "");
	for (int e = 1; e < JID_STATUS_COUNT; e++) {
		const char *name = jid_status_name((enum jid_status)e);
		ck_assert_msg(name != NULL && strncmp(name, "JID_E_", 6) == 0, "status %d has no name", e);
		for (int f = 0; f < e; f++)
			ck_assert_str_ne(name, jid_status_name((enum jid_status)f));
		const char *text = jid_status_text((enum jid_status)e);
		ck_assert_msg(text != NULL && strncmp(text, "RFC ", 4) == 0, "%s: text does not cite an RFC", name);
		ck_assert_msg(strstr(text, "§") != NULL, "%s: text names no section", name);
		for (int f = 1; f < e; f++)
			ck_assert_str_ne(text, jid_status_text((enum jid_status)f));
	}
	ck_assert_str_eq(jid_status_name(JID_STATUS_COUNT), "JID_E_?");
	ck_assert_str_eq(jid_status_text(JID_STATUS_COUNT), "unknown JID error");

	for (int p = 0; p < PRECIS_PROPERTY_COUNT; p++) {
		const char *name = precis_property_name((enum precis_property)p);
		ck_assert(name != NULL && strcmp(name, "?") != 0);
		for (int q = 0; q < p; q++)
			ck_assert_str_ne(name, precis_property_name((enum precis_property)q));
	}
	ck_assert_str_eq(precis_property_name(PRECIS_PROPERTY_COUNT), "?");
	ck_assert_str_eq(precis_status_name(PRECIS_OK), "PRECIS_OK");
	for (int s = 1; s < PRECIS_STATUS_COUNT; s++) {
		const char *name = precis_status_name((enum precis_status)s);
		ck_assert(name != NULL && strncmp(name, "PRECIS_E_", 9) == 0);
		for (int q = 0; q < s; q++)
			ck_assert_str_ne(name, precis_status_name((enum precis_status)q));
	}
	ck_assert_str_eq(precis_status_name(PRECIS_STATUS_COUNT), "PRECIS_E_?");
}
END_TEST

Suite *jid_suite(void)
{
	Suite *s = suite_create("jid");
	TCase *parse = tcase_create("parse");
	tcase_add_loop_test(parse, test_rfc_7622_examples, 0, (int)(sizeof rfc_cases / sizeof rfc_cases[0]));
	tcase_add_loop_test(parse, test_more_cases, 0, (int)(sizeof more_cases / sizeof more_cases[0]));
	tcase_add_test(parse, test_idempotent);
	tcase_add_loop_test(parse, test_equal, 0, (int)(sizeof pairs / sizeof pairs[0]));
	tcase_add_loop_test(parse, test_lengths, 0, (int)(sizeof length_cases / sizeof length_cases[0]));
	tcase_add_test(parse, test_domain_alabel_form_limit);
	tcase_add_test(parse, test_prepare_parts);
	tcase_add_loop_test(parse, test_nul_bytes, 0, (int)(sizeof nul_cases / sizeof nul_cases[0]));
	tcase_add_test(parse, test_from_parts);
	tcase_add_test(parse, test_accessors);
	tcase_add_loop_test(parse, test_every_character_class_in_every_position, 0, SAMPLE_COUNT);
	tcase_add_test(parse, test_malformed_utf8_in_every_position);
	suite_add_tcase(s, parse);

	TCase *paths = tcase_create("fast paths");
	tcase_set_timeout(paths, 60); /* tens of thousands of full-path preparations, under ASan */
	tcase_add_test(paths, test_fast_path_every_ascii_byte);
	tcase_add_test(paths, test_fast_path_random);
	tcase_add_test(paths, test_fast_path_long_inputs);
	suite_add_tcase(s, paths);

	TCase *precis = tcase_create("precis");
	tcase_add_loop_test(precis, test_derived_property, 0,
			    (int)(sizeof property_cases / sizeof property_cases[0]));
	tcase_add_test(precis, test_precis_direct);
	tcase_add_test(precis, test_status_tables_complete);
	suite_add_tcase(s, precis);
	return s;
}
