/* diff_expat.c - differential fuzz target: xml_parser_feed() against expat.
 *
 * expat (expat_oracle.c) is the test oracle for XML 1.0 + Namespaces in XML
 * well-formedness; it is linked into this program only. Both parsers read the
 * same bytes and must agree on where the input stops being well-formed and,
 * on a complete stream both accept, on what it contains. A disagreement
 * abort()s.
 *
 * ---- What is compared: a window [0, N) inside the subset ----
 * N is the smallest of
 *  - the input length;
 *  - where our parser stopped at </stream:stream>. It consumes nothing after,
 *    and expat is given exactly the consumed bytes followed by isFinal, so "our
 *    parser stops at the close tag" and "expat's document ends" coincide;
 *  - the first byte where the input leaves the subset syntactically (S1-S8,
 *    found by scan(), a small tokenizer that is deliberately conservative: an
 *    occurrence cuts even where it would be harmless, e.g. inside CDATA);
 *  - where our parser detects an XMPP-specific refusal (S9): that byte and all
 *    after it are out of the window, the bytes before it are compared.
 * The window is "inside the subset": XML that RFC 6120 §11 lets through, where
 * XML 1.0 well-formedness and our verdict must coincide.
 *
 * Outside the subset (each a reason expat may legitimately disagree):
 *  S1 "<!--": comments (RFC 6120 §11.1, restricted-xml; expat accepts them).
 *  S2 "<?" anywhere but at byte 0, and at byte 0 unless "<?xml" + whitespace:
 *     processing instructions (RFC 6120 §11.1).
 *  S3 "<!DOCTYPE": document type declarations (RFC 6120 §11.1).
 *  S4 a UTF-8 lead byte (C2-F4) in an element or attribute name (in a tag,
 *     outside quoted values) or in an entity name: expat classifies names by the
 *     tables of XML 1.0 4th edition (Appendix B), we by the 5th edition's
 *     NameStartChar [4]; they differ on thousands of code points.
 *  S5 EF BB BF at byte 0: XML 1.0 §4.3.3 allows a UTF-8 byte order mark and
 *     expat skips it; RFC 6120 §11.6 says U+FEFF is a zero width no-break
 *     space even first in a stream, hence text before the root.
 *  S6 before the root element, the first byte that is neither whitespace nor
 *     '<': inside the subset only whitespace may precede the root (XML 1.0 [22]
 *     [27] with S1-S3 removed), so both parsers must reject it, but expat
 *     reads the prolog as DTD tokens (names, literals, "]"...) and reports at
 *     a token's end, which no simple rule predicts. Our parser must still
 *     reject it: it may not reach </stream:stream> (checked separately).
 *  S7 in the XML declaration, a version other than '1.' [0-9]+ (VersionNum
 *     [26]): expat does not check the value (it accepts '', '2.0', 'abc'); the
 *     window ends where the value goes wrong.
 *  S8 "<" NUL at byte 0: expat reads the first two bytes for an encoding
 *     signature even when told UTF-8 (xmltok.c initScan) and takes UTF-16LE;
 *     we see a NUL byte. The window ends after the '<'.
 *  S9 refusals that are XMPP rules, not XML ones (xmpp_refusal()): the root's
 *     name, namespace and prefix (RFC 6120 §4.8), text between stanzas (§4.6.1),
 *     encodings other than UTF-8 (§11.6), the limits (§13.12), out of memory.
 *  Not excluded: "&name;" for any name: with no DTD an undeclared entity is a
 *     well-formedness error (XML 1.0 §4.1 [WFC: Entity Declared]) that expat
 *     reports too, so XML_E_ENTITY_REF is compared like one.
 *
 * ---- Aligning the verdicts ----
 * Each parser is fed the window byte by byte (after a whole-window pass that
 * finds roughly where) and its detection point is the index of the byte whose
 * feed first reports an error (none if no error). The points must be equal,
 * except for these differences in *when* a parser can tell, never in whether:
 *  A1 UTF-8: expat takes the sequence length from the lead byte (C0-DF: 2,
 *     E0-EF: 3, F0-F7: 4), waits for that many bytes, then judges; we reject the
 *     first byte that cannot continue a valid sequence. When our detection
 *     falls inside such a sequence, expat's may be at the sequence's last byte.
 *  A2 one markup token: expat scans a whole start tag (or end tag, or the XML
 *     declaration) before its semantic checks (references in attribute values,
 *     duplicate attributes, namespaces, the declaration's pseudo-attributes),
 *     while we check as bytes arrive; we read an end tag's name before matching
 *     it (so "</x" with no open element fails at its '>'), expat fails at the
 *     "/"; expat judges "<![" only once the 6 bytes of "CDATA[" are in. When
 *     the earlier detection falls inside markup from '<' to its '>' (outside
 *     quotes, and at least 9 bytes for "<!["), inside a CDATA opener, or inside a
 *     reference from '&' to the byte that ends it, the later one may come up
 *     to that end. Ends are found as expat sees them: in quoted values and
 *     CDATA a lead byte takes its whole sequence (A1), even a quote or '>'.
 * If the window ends before the allowed delay does, the input is undecided and
 * not compared (FUZZ_VERBOSE=1 on a replay build says so). The price of A2: a
 * wrong rejection by either parser goes unseen when a genuine error follows in
 * the same token; the fuzzer usually also finds the input without it.
 *
 * ---- Content ----
 * When the window is a complete stream both accept, they must report the same
 * content: the root's and every stanza element's namespace, local name and
 * attributes (namespace, local name, normalized value, in document order,
 * declarations excluded), and the character data inside stanzas (adjacent
 * pieces merged, CDATA as text). Character data between stanzas must be
 * whitespace (our parser stores none; expat reports it). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "driver.h"
#include "expat_oracle.h"
#include "xml.h"

#define NONE ORACLE_NONE

static const uint8_t *g_input;
static size_t g_len;

static void fail_oom(void)
{
	fuzz_fail(g_input, g_len, "diff harness out of memory", "malloc failed in the harness itself");
}

static void put(struct buf *b, const void *bytes, size_t len)
{
	if (!buf_append(b, bytes, len))
		fail_oom();
}

static void put_byte(struct buf *b, char c)
{
	put(b, &c, 1);
}

/* ---------- the subset and the token extents ---------- */

static bool has_at(const uint8_t *in, size_t len, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i + n <= len && memcmp(in + i, lit, n) == 0;
}

static bool is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Bytes that can continue a reference after '&': ASCII name characters, and
 * '#' and hex digits of character references (all ASCII letters already are). */
static bool is_ref_char(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == ':' || c == '-' || c == '.' || c == '#';
}

/* How many bytes after a lead byte expat takes as part of its character,
 * whatever they are (A1): it may swallow the '>' that ends a token. */
static size_t utf8_extra(uint8_t c)
{
	return c >= 0xf0 && c <= 0xf7 ? 3 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xc0 && c <= 0xdf ? 1 : 0;
}

/* The end of the XML declaration: index of the '>' of its "?>", or len. */
static size_t decl_end(const uint8_t *in, size_t len)
{
	for (size_t i = 2; i + 1 < len; i += 1 + utf8_extra(in[i])) {
		if (in[i] == '?' && in[i + 1] == '>')
			return i + 1;
	}
	return len;
}

/* Does the input start with what can only be an XML declaration ("<?xml" S)?
 * *undecided: the input ends before that is known. */
static bool starts_with_decl(const uint8_t *in, size_t len, bool *undecided)
{
	static const char head[] = "<?xml";
	*undecided = false;
	for (size_t i = 0; i < 5; i++) {
		if (i == len) {
			*undecided = true;
			return false;
		}
		if (in[i] != (uint8_t)head[i])
			return false;
	}
	if (len == 5) {
		*undecided = true;
		return false;
	}
	return is_space(in[5]);
}

struct layout {
	size_t cut;         /* where the subset ends (S1-S8), or len */
	const char *why;    /* which rule cut, NULL if none */
	size_t *token_end;  /* per byte: the end of the token holding it (A2), NONE
			     * outside tokens, len when the token is unterminated */
};

/* Bytes [from, to] (clipped to the input) belong to a token ending at `end`. */
static void mark_token(struct layout *l, size_t from, size_t to, size_t end, size_t len)
{
	for (size_t i = from; i <= to && i < len; i++)
		l->token_end[i] = end;
}

/* S4: a byte that can begin a UTF-8 sequence, hence perhaps a name character
 * in one edition and not the other. Other bytes >= 0x80 (continuation bytes,
 * C0, C1, F5-FF) are never characters: both parsers reject them on sight. */
static bool utf8_lead(uint8_t c)
{
	return c >= 0xc2 && c <= 0xf4;
}

/* After a '&' at i in text: the reference ends at the first byte that is not a
 * reference character (';' included); *bad is that byte if it is a UTF-8 lead
 * (S4), or NONE. */
static size_t reference_end(const uint8_t *in, size_t len, size_t i, size_t *bad)
{
	size_t j = i + 1;
	while (j < len && is_ref_char(in[j]))
		j++;
	*bad = j < len && utf8_lead(in[j]) && in[i + 1] != '#' ? j : NONE;
	return j;
}

enum scan { SCAN_TEXT, SCAN_TAG, SCAN_QUOTE, SCAN_CDATA };

static bool cut_at(struct layout *l, size_t i, const char *why)
{
	l->cut = i;
	l->why = why;
	return true;
}

/* The version in the XML declaration at byte 0: where its value leaves
 * '1.' [0-9]+ (VersionNum [26]), or NONE (also when the declaration is too
 * malformed to find the value: both parsers reject that, compared under A2). */
static size_t bad_version(const uint8_t *in, size_t len)
{
	size_t i = 5;
	while (i < len && is_space(in[i]))
		i++;
	if (!has_at(in, len, i, "version"))
		return NONE;
	i += 7;
	while (i < len && is_space(in[i]))
		i++;
	if (i >= len || in[i] != '=')
		return NONE;
	for (i++; i < len && is_space(in[i]); i++)
		;
	if (i >= len || (in[i] != '\'' && in[i] != '"'))
		return NONE;
	uint8_t quote = in[i++];
	size_t start = i;
	for (; i < len && in[i] != quote; i++) {
		size_t k = i - start;
		bool fits = k == 0 ? in[i] == '1' : k == 1 ? in[i] == '.' : in[i] >= '0' && in[i] <= '9';
		if (!fits)
			return start;
	}
	return i < len && i - start < 3 ? start : NONE;
}

/* One pass over the input; stops at the first cut. */
static void scan_body(struct layout *l, const uint8_t *in, size_t len, size_t *open_tag);

static void scan(struct layout *l, const uint8_t *in, size_t len)
{
	size_t open_tag = NONE;
	scan_body(l, in, len, &open_tag);
	/* A tag still open where the window ends: its end is beyond the window. */
	if (open_tag != NONE && open_tag < l->cut)
		mark_token(l, open_tag, l->cut - 1, len, len);
}

static void scan_body(struct layout *l, const uint8_t *in, size_t len, size_t *open_tag)
{
	l->cut = len;
	l->why = NULL;
	for (size_t i = 0; i < len; i++)
		l->token_end[i] = NONE;
	if (has_at(in, len, 0, "\xef\xbb\xbf") && cut_at(l, 0, "S5 byte order mark"))
		return;
	size_t i = 0;
	if (has_at(in, len, 0, "<?")) {
		bool undecided;
		if (!starts_with_decl(in, len, &undecided)) {
			if (!undecided)
				cut_at(l, 0, "S2 processing instruction at the start");
			return;
		}
		size_t end = decl_end(in, len), bad = bad_version(in, len);
		if (bad != NONE && cut_at(l, bad, "S7 version expat does not check"))
			return;
		mark_token(l, 0, end, end, len);
		i = end + 1;
	} else if (len >= 2 && in[0] == '<' && in[1] == 0) {
		cut_at(l, 1, "S8 '<' NUL, UTF-16 to expat");
		return;
	}
	enum scan state = SCAN_TEXT;
	bool prolog = true; /* no element tag yet */
	uint8_t quote = 0;
	size_t tag_start = 0, min_end = 0;
	for (; i < len; i++) {
		uint8_t c = in[i];
		size_t bad;
		if ((state == SCAN_QUOTE || state == SCAN_CDATA) && c >= 0x80) {
			i += utf8_extra(c); /* one character to expat, even a quote (A1) */
			continue;
		}
		switch (state) {
		case SCAN_TEXT:
			if (c == '<') {
				if (has_at(in, len, i, "<!--") && cut_at(l, i, "S1 comment"))
					return;
				if (has_at(in, len, i, "<?") && cut_at(l, i, "S2 processing instruction"))
					return;
				if (has_at(in, len, i, "<!DOCTYPE") && cut_at(l, i, "S3 DOCTYPE"))
					return;
				if (has_at(in, len, i, "<![CDATA[")) {
					mark_token(l, i, i + 8, i + 8, len);
					state = SCAN_CDATA;
					i += 8;
				} else {
					state = SCAN_TAG;
					tag_start = i;
					*open_tag = i;
					prolog = false;
					/* expat compares "CDATA[" only once all 6 bytes are in. */
					min_end = has_at(in, len, i, "<![") ? i + 8 : 0;
				}
			} else if (prolog && !is_space(c)) {
				cut_at(l, i, "S6 text before the root");
				return;
			} else if (c == '&') {
				size_t end = reference_end(in, len, i, &bad);
				if (bad != NONE) {
					mark_token(l, i, bad - 1, len, len); /* unterminated in the window */
					cut_at(l, bad, "S4 non-ASCII entity name");
					return;
				}
				mark_token(l, i, end, end, len);
				i = end - 1; /* the byte that ended it is scanned again */
			}
			break;
		case SCAN_TAG:
		case SCAN_QUOTE:
			if (state == SCAN_QUOTE) {
				if (c == quote)
					state = SCAN_TAG;
				else if (c == '&') {
					(void)reference_end(in, len, i, &bad);
					if (bad != NONE && cut_at(l, bad, "S4 non-ASCII entity name"))
						return;
				}
			} else if (c == '\'' || c == '"') {
				state = SCAN_QUOTE;
				quote = c;
			} else if (c == '>') {
				mark_token(l, tag_start, i > min_end ? i : min_end, i > min_end ? i : min_end, len);
				*open_tag = NONE;
				state = SCAN_TEXT;
			} else if (utf8_lead(c) && cut_at(l, i, "S4 non-ASCII name")) {
				return;
			}
			break;
		case SCAN_CDATA:
			if (has_at(in, len, i, "]]>")) {
				state = SCAN_TEXT;
				i += 2;
			}
			break;
		}
	}
}

/* S9 */
static bool xmpp_refusal(enum xml_error e)
{
	switch (e) {
	case XML_E_COMMENT:
	case XML_E_PI:
	case XML_E_DTD:
	case XML_E_STREAM_PREFIX:
	case XML_E_STREAM_NAMESPACE:
	case XML_E_ENCODING:
	case XML_E_STREAM_TEXT:
	case XML_E_LIMIT_STANZA_BYTES:
	case XML_E_LIMIT_DEPTH:
	case XML_E_LIMIT_ATTRS:
	case XML_E_LIMIT_NAME_BYTES:
	case XML_E_LIMIT_TEXT_BYTES:
	case XML_E_NOMEM:
		return true;
	default:
		return false;
	}
}

/* ---------- our parser ---------- */

struct ours {
	enum xml_status status;  /* after feeding the whole input (before finish) */
	size_t consumed;
	struct xml_fault fault;
	size_t detect;           /* NONE unless status is ERROR */
	struct buf events;
};

static void put_element_start(struct buf *b, const struct xml_node *n)
{
	put_byte(b, 'S');
	put(b, n->ns.ptr, n->ns.len);
	put_byte(b, REC_FIELD);
	put(b, n->local.ptr, n->local.len);
	put_byte(b, REC_END);
	for (size_t i = 0; i < n->attr_count; i++) {
		const struct xml_attr *a = &n->attrs[i];
		put_byte(b, 'A');
		put(b, a->ns.ptr, a->ns.len);
		put_byte(b, REC_FIELD);
		put(b, a->local.ptr, a->local.len);
		put_byte(b, REC_FIELD);
		put(b, a->value.ptr, a->value.len);
		put_byte(b, REC_END);
	}
}

static void put_tree(struct buf *b, const struct xml_node *n)
{
	if (n->kind == XML_NODE_TEXT) {
		put_byte(b, 'T');
		put(b, n->text.ptr, n->text.len);
		put_byte(b, REC_END);
		return;
	}
	put_element_start(b, n);
	for (const struct xml_node *c = n->first_child; c != NULL; c = c->next)
		put_tree(b, c);
	put_byte(b, 'E');
	put_byte(b, REC_END);
}

static enum xml_verdict ours_open(void *ctx, const struct xml_node *root)
{
	put_element_start(ctx, root);
	return XML_CONTINUE;
}

static enum xml_verdict ours_stanza(void *ctx, const struct xml_node *stanza)
{
	put_tree(ctx, stanza);
	return XML_CONTINUE;
}

static void ours_close(void *ctx)
{
	put_byte(ctx, 'E');
	put_byte(ctx, REC_END);
}

static struct xml_parser *ours_new(const struct xml_handler *h)
{
	struct xml_parser *xp = xml_parser_new(mem_default(), NULL, h);
	if (xp == NULL)
		fail_oom();
	return xp;
}

/* Feeds bytes [from, to) one at a time; returns the index of the byte whose feed
 * failed, or NONE. */
static size_t ours_bytewise(struct xml_parser *xp, const uint8_t *in, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		size_t used;
		enum xml_status s = xml_parser_feed(xp, in + i, 1, &used);
		if (s == XML_STATUS_ERROR)
			return i;
		if (s != XML_STATUS_OK)
			return NONE;
	}
	return NONE;
}

/* The detection point of an error our parser reported at `offset`: no byte
 * before the offending one can have revealed it, so feed up to it in one call,
 * then byte by byte. */
static size_t ours_detect(const uint8_t *in, size_t len, uint64_t offset)
{
	struct xml_parser *xp = ours_new(NULL);
	size_t at = offset < len ? (size_t)offset : len, used, d;
	enum xml_status s = at > 0 ? xml_parser_feed(xp, in, at, &used) : XML_STATUS_OK;
	if (s == XML_STATUS_OK) {
		d = ours_bytewise(xp, in, at, len);
	} else {
		xml_parser_free(xp);
		xp = ours_new(NULL);
		d = ours_bytewise(xp, in, 0, len);
	}
	xml_parser_free(xp);
	return d;
}

static void ours_run(struct ours *o, const uint8_t *in, size_t len)
{
	buf_init(&o->events, mem_default());
	struct xml_handler h = { &o->events, ours_open, ours_stanza, ours_close };
	struct xml_parser *xp = ours_new(&h);
	o->status = xml_parser_feed(xp, in, len, &o->consumed);
	o->fault = xml_parser_error(xp);
	xml_parser_free(xp);
	o->detect = NONE;
	if (o->status == XML_STATUS_ERROR) {
		o->detect = ours_detect(in, len, o->fault.offset);
		if (o->detect == NONE)
			fuzz_fail(in, len, "diff: our parser is not split-invariant",
				  "one feed reports %s@%llu, byte-by-byte feeding reports nothing",
				  xml_error_name(o->fault.error), (unsigned long long)o->fault.offset);
	}
}

/* ---------- comparison ---------- */

static void print_events(const char *who, const struct buf *b)
{
	fprintf(stderr, "---- %s (S=start A=attribute T=text X=text between stanzas E=end; "
			"\\x02 separates fields, \\x03 ends a record):\n\"", who);
	fuzz_print_escaped(stderr, b->data, b->len);
	fprintf(stderr, "\"\n");
}

static const char *detect_str(size_t d, char *out, size_t size)
{
	if (d == NONE)
		snprintf(out, size, "none");
	else
		snprintf(out, size, "byte %zu", d);
	return out;
}

/* A1: the last byte of the UTF-8 sequence that expat is reading at index d
 * (its lead byte at most 3 before), or NONE. */
static size_t utf8_sequence_end(const uint8_t *in, size_t d)
{
	for (size_t back = 0; back <= 3 && back <= d; back++) {
		uint8_t c = in[d - back];
		size_t n = c >= 0xf0 && c <= 0xf7 ? 4 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xc0 && c <= 0xdf ? 2 : 0;
		if (n != 0)
			return back < n ? d - back + n - 1 : NONE;
		if (back > 0 && (c & 0xc0) != 0x80)
			return NONE; /* an ASCII byte: no sequence in progress */
	}
	return NONE;
}

enum agreement { AGREE, DISAGREE, UNDECIDED };

/* Is `late` (NONE: no detection in the window [0, n)) an allowed delay after
 * the earlier detection `early`? */
static enum agreement allowed_delay(const struct layout *l, const uint8_t *in, size_t n, size_t early,
				    size_t late, bool ours_early)
{
	size_t limit = NONE;
	if (ours_early)
		limit = utf8_sequence_end(in, early); /* A1 */
	size_t token = l->token_end[early]; /* A2 */
	if (token != NONE && (limit == NONE || token > limit))
		limit = token;
	if (limit == NONE)
		return DISAGREE;
	if (late != NONE)
		return late <= limit ? AGREE : DISAGREE;
	return limit >= n ? UNDECIDED : DISAGREE;
}

void fuzz_one(const uint8_t *in, size_t len)
{
	g_input = in;
	g_len = len;
	if (len > (size_t)1 << 20)
		return; /* expat takes int lengths; AFL inputs stay far below */

	struct layout l;
	l.token_end = malloc((len > 0 ? len : 1) * sizeof *l.token_end);
	if (l.token_end == NULL)
		fail_oom();
	scan(&l, in, len);
	struct ours o;
	ours_run(&o, in, len);

	size_t n = len;
	const char *window = "the whole input";
	if (o.status == XML_STATUS_CLOSED) {
		n = o.consumed;
		window = "up to </stream:stream>";
	}
	if (l.cut < n) {
		n = l.cut;
		window = l.why;
	}
	if (o.detect != NONE && o.detect < n && xmpp_refusal(o.fault.error)) {
		n = o.detect;
		window = "S9 XMPP-specific refusal";
	}
	size_t ours_d = o.detect != NONE && o.detect < n ? o.detect : NONE;
	bool complete = o.status == XML_STATUS_CLOSED && n == o.consumed;

	struct oracle_result e;
	oracle_run(&e, in, n, complete);

	char bo[32], be[32], msg[1024];
	enum agreement verdict = AGREE;
	if (ours_d != e.detect) {
		bool ours_early = ours_d < e.detect;
		verdict = allowed_delay(&l, in, n, ours_early ? ours_d : e.detect,
					ours_early ? e.detect : ours_d, ours_early);
	}
	snprintf(msg, sizeof msg,
		 "window [0, %zu) (%s); ours: %s, detected at %s (reported offset %llu); "
		 "expat: detected at %s (%s)",
		 n, window, xml_error_name(o.fault.error), detect_str(ours_d, bo, sizeof bo),
		 (unsigned long long)o.fault.offset, detect_str(e.detect, be, sizeof be), e.error);
#ifndef __AFL_FUZZ_TESTCASE_LEN
	if (getenv("FUZZ_VERBOSE") != NULL)
		fprintf(stderr, "%s%s\n", msg, verdict == UNDECIDED ? " [undecided]" : "");
#endif
	if (verdict == DISAGREE)
		fuzz_fail(in, len, "diff: well-formedness verdicts differ", "%s", msg);
	/* S6: text before the root is out of the window, but never acceptable. */
	if (l.why != NULL && l.why[1] == '6' && o.status == XML_STATUS_CLOSED)
		fuzz_fail(in, len, "diff: text before the root accepted", "%s", msg);
	if (complete && ours_d == NONE && e.detect == NONE) {
		if (!e.final_ok)
			fuzz_fail(in, len, "diff: expat rejects a complete stream we accept", "%s", msg);
		if (o.events.len != e.events.len ||
		    memcmp(o.events.data, e.events.data, o.events.len) != 0) {
			print_events("ours", &o.events);
			print_events("expat", &e.events);
			fuzz_fail(in, len, "diff: content differs", "%s", msg);
		}
	}
	oracle_result_free(&e);
	buf_free(&o.events);
	free(l.token_end);
}
