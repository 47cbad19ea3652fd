/* check_xml_grammar.c - the grammar of machines/xml.rl, checked production by production.
 *
 * check_xml.c shows the parser on hand-written stanzas; this file checks the
 * grammar itself against the specifications it implements. Small tables copy
 * the productions (XML 1.0 5th edition [2] Char, [4] NameStartChar, [4a]
 * NameChar, [23]-[32] XMLDecl, [66] CharRef, [68] EntityRef, [81] EncName;
 * RFC 3629 for UTF-8), and the rows are generated from them: each character
 * of interest in each context where the grammar reads it. The characters are
 * every single byte; both ends of every range and the code points just outside;
 * one code point per UTF-8 lead byte and per lead-and-second-byte pair of the
 * three- and four-byte forms (the bytes the grammar branches on); and the
 * ill-formed sequences RFC 3629 describes.
 *
 * Every expectation is computed from those tables, never from the machine. An
 * accepted character must give the exact log (tests/xml_log.h) of the element
 * that holds it. A refused one must give XML_E_SYNTAX at the first byte that no
 * character of the class begins with (RFC 3629 §3: a sequence is ill-formed
 * at the first byte that cannot continue it); a valid but unfinished sequence
 * is refused at the byte after it. Bytes that have another meaning in a
 * context (a quote inside a value, '>' after "]]") are skipped by the
 * generator and covered by the hand-written rows at the end.
 *
 * `make coverage` shows that these rows, with check_xml.c's, take every
 * transition of the machine (tools/transition_coverage.py). Generated rows run
 * in one chunk; every 61st one and the hand-written rows also run split into
 * one-byte chunks and at random, check_xml.c covers chunking in depth. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "suites.h"
#include "xml.h"
#include "xml_log.h"
#include "xml_write.h"

#define NS_STREAM "http://etherx.jabber.org/streams"
#define HDR "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM "' to='example.com' version='1.0'>"
#define OPEN "open <stream xmlns='" NS_STREAM "' to='example.com' version='1.0'/>\n"
/* The smallest complete stream, for inputs that do not begin with HDR. */
#define STREAM "<stream:stream xmlns:stream='" NS_STREAM "'/>"
#define STREAM_LOG "open <stream xmlns='" NS_STREAM "'/>\nclose\nstatus CLOSED\n"

/* ---------- the productions ---------- */

struct cp_range {
	uint32_t lo, hi;
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ck_assert records every check it passes (a write per call without fork):
 * too slow for the inner loops here, which check once per byte. */
#define REQUIRE(cond)                                                                   \
	do {                                                                            \
		if (!(cond))                                                            \
			ck_abort_msg("%s:%d: %s", __FILE__, __LINE__, #cond);           \
	} while (0)

/* XML 1.0 [2] Char */
static const struct cp_range xml_chars[] = {
	{ 0x9, 0x9 }, { 0xA, 0xA }, { 0xD, 0xD }, { 0x20, 0xD7FF }, { 0xE000, 0xFFFD },
	{ 0x10000, 0x10FFFF },
};

/* XML 1.0 [4] NameStartChar without ':', which Namespaces in XML 1.0 [4] (NCName)
 * reserves to separate prefix and local part. */
static const struct cp_range name_start_chars[] = {
	{ 'A', 'Z' }, { '_', '_' }, { 'a', 'z' }, { 0xC0, 0xD6 }, { 0xD8, 0xF6 }, { 0xF8, 0x2FF },
	{ 0x370, 0x37D }, { 0x37F, 0x1FFF }, { 0x200C, 0x200D }, { 0x2070, 0x218F },
	{ 0x2C00, 0x2FEF }, { 0x3001, 0xD7FF }, { 0xF900, 0xFDCF }, { 0xFDF0, 0xFFFD },
	{ 0x10000, 0xEFFFF },
};

/* XML 1.0 [4a] NameChar: NameStartChar and these. */
static const struct cp_range name_more_chars[] = {
	{ '-', '-' }, { '.', '.' }, { '0', '9' }, { 0xB7, 0xB7 }, { 0x300, 0x36F }, { 0x203F, 0x2040 },
};

enum char_class {
	CLASS_CHAR,         /* [2] */
	CLASS_NCNAME_START, /* [4] less ':' */
	CLASS_NCNAME_CHAR,  /* [4a] less ':' */
	CLASS_NAME_START,   /* [4]: entity names are Names, the colon included */
	CLASS_NAME_CHAR,    /* [4a] */
};

static bool ranges_overlap(const struct cp_range *r, size_t n, uint32_t lo, uint32_t hi)
{
	for (size_t i = 0; i < n; i++) {
		if (r[i].lo <= hi && lo <= r[i].hi)
			return true;
	}
	return false;
}

/* Does some character of the class lie in [lo, hi]? */
static bool class_overlaps(enum char_class cls, uint32_t lo, uint32_t hi)
{
	bool colon = lo <= ':' && ':' <= hi;
	switch (cls) {
	case CLASS_CHAR:
		return ranges_overlap(xml_chars, COUNT(xml_chars), lo, hi);
	case CLASS_NAME_START:
		if (colon)
			return true;
		/* fall through */
	case CLASS_NCNAME_START:
		return ranges_overlap(name_start_chars, COUNT(name_start_chars), lo, hi);
	case CLASS_NAME_CHAR:
		if (colon)
			return true;
		/* fall through */
	case CLASS_NCNAME_CHAR:
		return ranges_overlap(name_start_chars, COUNT(name_start_chars), lo, hi) ||
		       ranges_overlap(name_more_chars, COUNT(name_more_chars), lo, hi);
	}
	return false;
}

static bool is_xml_char(uint32_t cp)
{
	return class_overlaps(CLASS_CHAR, cp, cp);
}

/* ---------- UTF-8 (RFC 3629) ---------- */

/* Length of the form a lead byte starts; 0 for a byte that starts none. */
static size_t utf8_form_len(uint8_t lead)
{
	return lead < 0x80 ? 1 : lead < 0xc0 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf8 ? 4 : 0;
}

/* The code points whose UTF-8 form begins with b[0..n), as [*lo, *hi]; false if
 * none does. Overlong forms encode nothing; surrogates and values above
 * U+10FFFF come out as code points, which no class contains. */
static bool utf8_prefix(const uint8_t *b, size_t n, uint32_t *lo, uint32_t *hi)
{
	static const uint32_t shortest[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len = utf8_form_len(b[0]);
	if (len == 0 || n > len)
		return false;
	uint32_t low = b[0] & (len == 1 ? 0x7f : 0xffu >> (len + 1)), high = low;
	for (size_t i = 1; i < len; i++) {
		if (i < n && (b[i] & 0xc0) != 0x80)
			return false;
		low = low << 6 | (i < n ? b[i] & 0x3fu : 0);
		high = high << 6 | (i < n ? b[i] & 0x3fu : 0x3f);
	}
	*lo = low > shortest[len] ? low : shortest[len];
	*hi = high;
	return *lo <= *hi;
}

/* Index of the byte at which `c` is refused as a character of the class: the
 * first that no character's form continues, or len if `c` is a valid but
 * unfinished beginning (the byte after it is refused); -1 if `c` is one. */
static long refused_at(const uint8_t *c, size_t len, enum char_class cls)
{
	for (size_t k = 1; k <= len; k++) {
		uint32_t lo, hi;
		if (!utf8_prefix(c, k, &lo, &hi) || !class_overlaps(cls, lo, hi))
			return (long)k - 1;
	}
	return utf8_form_len(c[0]) == len ? -1 : (long)len;
}

/* UTF-8, extended past RFC 3629 to surrogates and up to U+1FFFFF so that the
 * code points just outside the ranges can be written. */
static size_t utf8_encode(uint32_t cp, uint8_t *out)
{
	if (cp < 0x80) {
		out[0] = (uint8_t)cp;
		return 1;
	}
	size_t len = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	for (size_t i = len - 1; i > 0; i--, cp >>= 6)
		out[i] = (uint8_t)(0x80 | (cp & 0x3f));
	out[0] = (uint8_t)((0xff00u >> len) | cp); /* 0xc0, 0xe0 or 0xf0 and the top bits */
	return len;
}

/* ---------- the characters tried in every context ---------- */

struct sample {
	uint8_t bytes[4];
	uint8_t len;
};

/* RFC 3629 §3 and §10: sequences that encode no character, at the edges. */
static const char *const ill_formed[] = {
	"\xc0\x80", "\xc1\xbf",                    /* overlong two-byte forms */
	"\xe0\x80\x80", "\xe0\x9f\xbf",            /* overlong three-byte forms */
	"\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf",    /* overlong four-byte forms */
	"\xf4\x90\x80\x80", "\xf7\xbf\xbf\xbf",    /* above U+10FFFF */
	"\xc2\x41", "\xe1\x80\x41", "\xf1\x80\x80\x41", /* cut short by ASCII */
	"\xc2\xc2", "\xe1\xe1", "\xf1\xf1",        /* cut short by a lead byte */
	"\xe1\x80", "\xf1\x80\x80",                /* cut short by what follows */
};

struct sample_set {
	struct sample s[4096];
	size_t n;
	uint32_t cps[8192]; /* scratch: the code points, before sorting out duplicates */
};

static void add_cp(uint32_t *cps, size_t *n, size_t max, uint32_t cp)
{
	/* ASCII comes from the byte sweep; nothing above U+1FFFFF has a form. */
	if (cp < 0x80 || cp > 0x1FFFFF)
		return;
	REQUIRE(*n < max);
	cps[(*n)++] = cp;
}

static void add_range(uint32_t *cps, size_t *n, size_t max, struct cp_range r)
{
	add_cp(cps, n, max, r.lo - 1);
	add_cp(cps, n, max, r.hi);
	add_cp(cps, n, max, r.hi + 1);
	/* One per lead byte (two-byte forms: blocks of 64) or per first two bytes
	 * (three-byte forms: 64, four-byte forms: 4096); r.lo opens the first. */
	for (uint32_t cp = r.lo; cp <= r.hi;) {
		add_cp(cps, n, max, cp);
		uint32_t block = cp < 0x10000 ? 0x40 : 0x1000;
		cp = (cp / block + 1) * block;
	}
}

static int cmp_cp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static void build_samples(struct sample_set *set)
{
	uint32_t *cps = set->cps;
	size_t n = 0;
	for (size_t i = 0; i < COUNT(xml_chars); i++)
		add_range(cps, &n, COUNT(set->cps), xml_chars[i]);
	for (size_t i = 0; i < COUNT(name_start_chars); i++)
		add_range(cps, &n, COUNT(set->cps), name_start_chars[i]);
	for (size_t i = 0; i < COUNT(name_more_chars); i++)
		add_range(cps, &n, COUNT(set->cps), name_more_chars[i]);
	qsort(cps, n, sizeof cps[0], cmp_cp);
	set->n = 0;
	for (unsigned b = 0; b < 256; b++)
		set->s[set->n++] = (struct sample){ { (uint8_t)b }, 1 };
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && cps[i] == cps[i - 1])
			continue;
		REQUIRE(set->n < COUNT(set->s));
		struct sample *s = &set->s[set->n++];
		s->len = (uint8_t)utf8_encode(cps[i], s->bytes);
	}
	for (size_t i = 0; i < COUNT(ill_formed); i++) {
		REQUIRE(set->n < COUNT(set->s));
		struct sample *s = &set->s[set->n];
		s->len = (uint8_t)strlen(ill_formed[i]);
		memcpy(s->bytes, ill_formed[i], s->len);
		set->n++;
	}
}

/* ---------- running one row ---------- */

/* Copies `tmpl` into `out`; "$c" becomes the bytes of `c`, "$t" and "$a" the
 * same escaped as text and as an attribute value (xml_write.h), "$e" the
 * offset of the byte after `c` (`c` being at offset `at`). */
static void expand(struct buf *out, const char *tmpl, const uint8_t *c, size_t len, size_t at)
{
	for (const char *p = tmpl; *p != '\0'; p++) {
		bool ok = true;
		char number[24];
		if (p[0] != '$') {
			ok = buf_append(out, p, 1);
			continue;
		}
		switch (*++p) {
		case 'c': ok = buf_append(out, c, len); break;
		case 't': ok = xml_write_text(out, span_of(c, len)) == XML_WRITE_OK; break;
		case 'a': ok = xml_write_attr_value(out, span_of(c, len)) == XML_WRITE_OK; break;
		case 'e':
			snprintf(number, sizeof number, "%zu", at + len);
			ok = buf_append(out, number, strlen(number));
			break;
		default: ck_abort_msg("bad template %s", tmpl);
		}
		REQUIRE(ok);
	}
}

/* For failure messages: bytes as a C string literal would show them. */
static void render(char *out, size_t size, const uint8_t *bytes, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 5 < size; i++) {
		if (bytes[i] >= 0x20 && bytes[i] < 0x7f && bytes[i] != '\\')
			out[n++] = (char)bytes[i];
		else
			n += (size_t)snprintf(out + n, size - n, "\\x%02x", bytes[i]);
	}
	out[n] = '\0';
}

/* Parses `in` and compares the log with `expect`. `split` adds one-byte chunks
 * and random splits, which must not change a thing. */
static void check_row(const char *what, const uint8_t *c, size_t clen, const struct buf *in,
		      bool header, const char *expect, bool split)
{
	uint64_t base = header ? strlen(HDR) : 0;
	/* Runs: whole; one-byte chunks; two random splits into chunks of 1..7 bytes. */
	for (unsigned run = 0; run < (split ? 4u : 1u); run++) {
		char *log = xml_log_run(in->data, in->len, run == 0 ? 0 : run == 1 ? 1 : 7,
					run < 2 ? 0 : run * 7919, NULL, mem_default(), base);
		char full[4096];
		snprintf(full, sizeof full, "%s%s", header ? OPEN : "", expect);
		if (strcmp(log, full) != 0) {
			char bytes[32], input[1024];
			render(bytes, sizeof bytes, c, clen);
			render(input, sizeof input, in->data, in->len);
			ck_abort_msg("%s, \"%s\" (run %u):\n--- input\n%s\n--- expected\n%s--- got\n%s", what,
				     bytes, run, input, full, log);
		}
		free(log);
	}
}

/* The log's error lines: `error` at stream offset `at`. */
static void append_error(struct buf *expect, const char *error, size_t at)
{
	char line[64];
	snprintf(line, sizeof line, "error %s@%zu\nstatus ERROR\n", error, at);
	REQUIRE(buf_append(expect, line, strlen(line)));
}

/* Builds the input from a template, "$c" standing for the character. */
static size_t build_input(struct buf *in, bool header, const char *tmpl, const uint8_t *c, size_t len)
{
	buf_clear(in);
	if (header)
		REQUIRE(buf_append(in, HDR, strlen(HDR)));
	const char *mark = strstr(tmpl, "$c");
	REQUIRE(mark != NULL);
	expand(in, tmpl, c, len, 0);
	return (size_t)(mark - tmpl);
}

/* ---------- characters in names and in character data ---------- */

struct char_context {
	const char *what;
	enum char_class cls;
	bool header;        /* the input follows HDR, offsets count from its end */
	const char *input;  /* "$c" is the character */
	const char *skip;   /* bytes that mean something else here: see the rows */
	size_t skip_len;
	const char *accept; /* the log if the character is accepted (template) */
};

#define SKIP(bytes) bytes, sizeof(bytes) - 1

#define OK_STANZA(x) "stanza " x "\nstatus OK\n"
#define ERROR_AT(e, at) "error " #e "@" at "\nstatus ERROR\n"
#define WS " \t\r\n"

static const struct char_context char_contexts[] = {
	/* Element names: QName = (NCName ':')? NCName (Namespaces in XML [7]); a
	 * prefixed name's local part comes out with its namespace, unprefixed. */
	{ "element name, first", CLASS_NCNAME_START, true, "<$c/>", SKIP("/!?"), OK_STANZA("<$c/>") },
	/* At the very start '<' may also begin the XML declaration; a root
	 * element other than the stream header is refused by the builder. */
	{ "root element name, first", CLASS_NCNAME_START, false, "<$c/>", SKIP("/!?"),
	  ERROR_AT(XML_E_STREAM_NAMESPACE, "0") },
	{ "element name, later", CLASS_NCNAME_CHAR, true, "<a$c/>", SKIP(WS "/>:"), OK_STANZA("<a$c/>") },
	{ "element local name, first", CLASS_NCNAME_START, true, "<p:$c xmlns:p='u'/>", SKIP(""),
	  OK_STANZA("<$c xmlns='u'/>") },
	{ "element local name, later", CLASS_NCNAME_CHAR, true, "<p:a$c xmlns:p='u'/>", SKIP(WS "/>"),
	  OK_STANZA("<a$c xmlns='u'/>") },
	/* Attribute names (XML 1.0 [41]); the writer gives prefixed ones prefix a0. */
	{ "attribute name, first", CLASS_NCNAME_START, true, "<m $c='v'/>", SKIP(WS "/>"),
	  OK_STANZA("<m $c='v'/>") },
	{ "attribute name, later", CLASS_NCNAME_CHAR, true, "<m a$c='v'/>", SKIP(WS "=:"),
	  OK_STANZA("<m a$c='v'/>") },
	{ "attribute local name, first", CLASS_NCNAME_START, true, "<m xmlns:p='u' p:$c='v'/>", SKIP(""),
	  OK_STANZA("<m xmlns:a0='u' a0:$c='v'/>") },
	{ "attribute local name, later", CLASS_NCNAME_CHAR, true, "<m xmlns:p='u' p:a$c='v'/>", SKIP(WS "="),
	  OK_STANZA("<m xmlns:a0='u' a0:a$c='v'/>") },
	/* End tags (XML 1.0 [42]): a well-formed name that differs from the start
	 * tag's is read to its end, then refused as a mismatch at the '>'. */
	{ "end-tag name, first", CLASS_NCNAME_START, true, "<mm></$c>", SKIP(""),
	  ERROR_AT(XML_E_TAG_MISMATCH, "$e") },
	{ "end-tag name, later", CLASS_NCNAME_CHAR, true, "<m></m$c>", SKIP(WS ">:"),
	  ERROR_AT(XML_E_TAG_MISMATCH, "$e") },
	{ "end-tag local name, first", CLASS_NCNAME_START, true, "<m></p:$c>", SKIP(""),
	  ERROR_AT(XML_E_TAG_MISMATCH, "$e") },
	{ "end-tag local name, later", CLASS_NCNAME_CHAR, true, "<m></p:a$c>", SKIP(WS ">"),
	  ERROR_AT(XML_E_TAG_MISMATCH, "$e") },

	/* Character data (XML 1.0 [14]): any Char but '<' and '&'; "\r" and "\r\n"
	 * are one line end, "\n" (XML 1.0 §2.11); "]]>" may not appear. */
	{ "text, first", CLASS_CHAR, true, "<m>$c</m>", SKIP("<&\r"), OK_STANZA("<m>$t</m>") },
	{ "text, after a character", CLASS_CHAR, true, "<m>x$c</m>", SKIP("<&\r"), OK_STANZA("<m>x$t</m>") },
	{ "text, after CR", CLASS_CHAR, true, "<m>\r$c</m>", SKIP("<&\r\n"), OK_STANZA("<m>\n$t</m>") },
	{ "text, after CR LF", CLASS_CHAR, true, "<m>\r\n$c</m>", SKIP("<&\r"), OK_STANZA("<m>\n$t</m>") },
	{ "text, after ']'", CLASS_CHAR, true, "<m>]$c</m>", SKIP("<&\r"), OK_STANZA("<m>]$t</m>") },
	{ "text, after ']]'", CLASS_CHAR, true, "<m>]]$c</m>", SKIP("<&\r>"), OK_STANZA("<m>]]$t</m>") },
	{ "text, after a reference", CLASS_CHAR, true, "<m>&amp;$c</m>", SKIP("<&\r"),
	  OK_STANZA("<m>&amp;$t</m>") },
	/* Before the stream header only whitespace may appear (XML 1.0 [27] Misc):
	 * a character the grammar accepts is refused by the builder. 0x00, 0xFE,
	 * 0xFF at the very start mean UTF-16 or UTF-32: see the rows. */
	{ "text before the stream header", CLASS_CHAR, false, "$c" STREAM, SKIP("<&" WS "\0\xfe\xff"),
	  ERROR_AT(XML_E_TEXT_OUTSIDE_ROOT, "0") },
	{ "text before the stream header, after a space", CLASS_CHAR, false, " $c" STREAM, SKIP("<&" WS),
	  ERROR_AT(XML_E_TEXT_OUTSIDE_ROOT, "1") },

	/* CDATA sections (XML 1.0 [18]-[21]): any Char up to the first "]]>". */
	{ "CDATA, first", CLASS_CHAR, true, "<m><![CDATA[$c]]></m>", SKIP("\r"), OK_STANZA("<m>$t</m>") },
	{ "CDATA, after a character", CLASS_CHAR, true, "<m><![CDATA[x$c]]></m>", SKIP("\r"),
	  OK_STANZA("<m>x$t</m>") },
	{ "CDATA, after CR", CLASS_CHAR, true, "<m><![CDATA[\r$c]]></m>", SKIP("\r\n"),
	  OK_STANZA("<m>\n$t</m>") },
	{ "CDATA, after CR LF", CLASS_CHAR, true, "<m><![CDATA[\r\n$c]]></m>", SKIP("\r"),
	  OK_STANZA("<m>\n$t</m>") },
	{ "CDATA, after ']'", CLASS_CHAR, true, "<m><![CDATA[]$c]]></m>", SKIP("\r"), OK_STANZA("<m>]$t</m>") },
	{ "CDATA, after ']]'", CLASS_CHAR, true, "<m><![CDATA[]]$c]]></m>", SKIP("\r>"),
	  OK_STANZA("<m>]]$t</m>") },

	/* Attribute values (XML 1.0 [10]): any Char but '<', '&' and the quote;
	 * whitespace is normalized to spaces (§3.3.3): see the rows. */
	{ "value in \"\", first", CLASS_CHAR, true, "<m a=\"$c\"/>", SKIP("<&\"" WS), OK_STANZA("<m a='$a'/>") },
	{ "value in \"\", after a character", CLASS_CHAR, true, "<m a=\"x$c\"/>", SKIP("<&\"" WS),
	  OK_STANZA("<m a='x$a'/>") },
	{ "value in \"\", after CR", CLASS_CHAR, true, "<m a=\"\r$c\"/>", SKIP("<&\"" WS),
	  OK_STANZA("<m a=' $a'/>") },
	{ "value in \"\", after a space", CLASS_CHAR, true, "<m a=\" $c\"/>", SKIP("<&\"" WS),
	  OK_STANZA("<m a=' $a'/>") },
	{ "value in \"\", after a reference", CLASS_CHAR, true, "<m a=\"&lt;$c\"/>", SKIP("<&\"" WS),
	  OK_STANZA("<m a='&lt;$a'/>") },
	{ "value in '', first", CLASS_CHAR, true, "<m a='$c'/>", SKIP("<&'" WS), OK_STANZA("<m a='$a'/>") },
	{ "value in '', after a character", CLASS_CHAR, true, "<m a='x$c'/>", SKIP("<&'" WS),
	  OK_STANZA("<m a='x$a'/>") },
	{ "value in '', after CR", CLASS_CHAR, true, "<m a='\r$c'/>", SKIP("<&'" WS),
	  OK_STANZA("<m a=' $a'/>") },
	{ "value in '', after a space", CLASS_CHAR, true, "<m a=' $c'/>", SKIP("<&'" WS),
	  OK_STANZA("<m a=' $a'/>") },
	{ "value in '', after a reference", CLASS_CHAR, true, "<m a='&lt;$c'/>", SKIP("<&'" WS),
	  OK_STANZA("<m a='&lt;$a'/>") },
};

static bool skipped(const char *skip, size_t skip_len, const struct sample *s)
{
	return s->len == 1 && memchr(skip, s->bytes[0], skip_len) != NULL;
}

START_TEST(test_chars_in_context)
{
	const struct char_context *ctx = &char_contexts[_i];
	struct sample_set *set = malloc(sizeof *set);
	REQUIRE(set != NULL);
	build_samples(set);
	struct buf in, expect;
	buf_init(&in, mem_default());
	buf_init(&expect, mem_default());
	for (size_t i = 0; i < set->n; i++) {
		const struct sample *s = &set->s[i];
		if (skipped(ctx->skip, ctx->skip_len, s))
			continue;
		size_t at = build_input(&in, ctx->header, ctx->input, s->bytes, s->len);
		long refused = refused_at(s->bytes, s->len, ctx->cls);
		buf_clear(&expect);
		/* Before the stream header, the bytes of a refused sequence read so
		 * far are text, refused first (the builder checks text as it comes). */
		bool text_before_header = !ctx->header && ctx->cls == CLASS_CHAR;
		if (refused < 0 || (text_before_header && refused > 0))
			expand(&expect, ctx->accept, s->bytes, s->len, at);
		else
			append_error(&expect, "XML_E_SYNTAX", at + (size_t)refused);
		REQUIRE(buf_append(&expect, "", 1));
		check_row(ctx->what, s->bytes, s->len, &in, ctx->header, (const char *)expect.data, i % 61 == 0);
	}
	buf_free(&in);
	buf_free(&expect);
	free(set);
}
END_TEST

/* ---------- entity references [67] [68]: names, and the five predefined ---------- */

struct ref_context {
	const char *what;
	const char *open, *close; /* around the reference */
	const char *decoded;      /* log when it is predefined: "$t" / "$a" its character */
};

static const struct ref_context ref_contexts[] = {
	{ "text", "<m>", "</m>", OK_STANZA("<m>$t</m>") },
	{ "value in \"\"", "<m a=\"", "\"/>", OK_STANZA("<m a='$a'/>") },
	{ "value in ''", "<m a='", "'/>", OK_STANZA("<m a='$a'/>") },
};

/* XML 1.0 §4.6; every other name is refused as restricted XML (RFC 6120 §11.1). */
static const char *const predefined[][2] = {
	{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
};

static const char *predefined_value(const uint8_t *name, size_t len)
{
	for (size_t i = 0; i < COUNT(predefined); i++) {
		if (strlen(predefined[i][0]) == len && memcmp(predefined[i][0], name, len) == 0)
			return predefined[i][1];
	}
	return NULL;
}

/* Every name begun so far: "", a generic one, and each beginning of a predefined name. */
static size_t name_beginnings(char out[][8], size_t max)
{
	size_t n = 0;
	strcpy(out[n++], "");
	strcpy(out[n++], "x");
	for (size_t i = 0; i < COUNT(predefined); i++) {
		for (size_t len = 1; len <= strlen(predefined[i][0]); len++) {
			char b[8] = "";
			memcpy(b, predefined[i][0], len);
			bool seen = false;
			for (size_t j = 0; j < n; j++)
				seen = seen || strcmp(out[j], b) == 0;
			if (!seen) {
				REQUIRE(n < max);
				strcpy(out[n++], b);
			}
		}
	}
	return n;
}

START_TEST(test_entity_names)
{
	const struct ref_context *ctx = &ref_contexts[_i];
	char begun[24][8];
	size_t begun_count = name_beginnings(begun, COUNT(begun));
	struct sample_set *set = malloc(sizeof *set);
	REQUIRE(set != NULL);
	build_samples(set);
	struct buf in, expect;
	buf_init(&in, mem_default());
	buf_init(&expect, mem_default());
	for (size_t b = 0; b < begun_count; b++) {
		char tmpl[64], what[64];
		snprintf(tmpl, sizeof tmpl, "%s&%s$c;%s", ctx->open, begun[b], ctx->close);
		snprintf(what, sizeof what, "entity name in %s after \"&%s\"", ctx->what, begun[b]);
		bool first = begun[b][0] == '\0';
		for (size_t i = 0; i < set->n; i++) {
			const struct sample *s = &set->s[i];
			/* "&#" is a character reference, ';' ends the name: see the rows. */
			if (skipped(first ? "#" : ";", 1, s))
				continue;
			size_t at = build_input(&in, true, tmpl, s->bytes, s->len);
			long refused = refused_at(s->bytes, s->len, first ? CLASS_NAME_START : CLASS_NAME_CHAR);
			uint8_t name[16];
			size_t name_len = strlen(begun[b]);
			memcpy(name, begun[b], name_len);
			memcpy(name + name_len, s->bytes, s->len);
			const char *value = predefined_value(name, name_len + s->len);
			buf_clear(&expect);
			if (refused >= 0)
				append_error(&expect, "XML_E_SYNTAX", at + (size_t)refused);
			else if (value == NULL) /* a well-formed name, refused at its ';' */
				append_error(&expect, "XML_E_ENTITY_REF", at + s->len);
			else
				expand(&expect, ctx->decoded, (const uint8_t *)value, 1, at);
			REQUIRE(buf_append(&expect, "", 1));
			check_row(what, s->bytes, s->len, &in, true, (const char *)expect.data, i % 61 == 0);
		}
	}
	buf_free(&in);
	buf_free(&expect);
	free(set);
}
END_TEST

/* ---------- character references [66] and WFC: Legal Character ---------- */

/* Is `s` the beginning of a CharRef's body: [0-9]+ or 'x' [0-9a-fA-F]+? */
static bool charref_begins(const char *s, size_t len, bool *complete, uint32_t *value)
{
	bool hex = len > 0 && s[0] == 'x';
	size_t digits = 0;
	uint32_t v = 0;
	for (size_t i = hex ? 1 : 0; i < len; i++, digits++) {
		char c = s[i];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
			: hex && c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
			: hex && c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 99;
		if (d == 99)
			return false;
		v = v * (hex ? 16 : 10) + d;
	}
	*complete = digits > 0;
	*value = v;
	return true;
}

START_TEST(test_char_refs)
{
	const struct ref_context *ctx = &ref_contexts[_i];
	/* Beginnings whose continuations stay small: each digit gives a character. */
	static const char *const begun[] = { "", "6", "65", "x", "x4", "x41" };
	struct buf in, expect;
	buf_init(&in, mem_default());
	buf_init(&expect, mem_default());
	for (size_t b = 0; b < COUNT(begun); b++) {
		char tmpl[64], what[64];
		snprintf(tmpl, sizeof tmpl, "%s&#%s$c;%s", ctx->open, begun[b], ctx->close);
		snprintf(what, sizeof what, "character reference in %s after \"&#%s\"", ctx->what, begun[b]);
		for (unsigned byte = 0; byte < 256; byte++) {
			uint8_t c = (uint8_t)byte;
			size_t at = build_input(&in, true, tmpl, &c, 1);
			char body[8];
			size_t len = strlen(begun[b]);
			memcpy(body, begun[b], len);
			body[len] = (char)c;
			bool complete = false;
			uint32_t value = 0;
			size_t end;      /* offset of the ';' that ends the reference */
			const char *after = ""; /* text the reference leaves behind it */
			if (c == ';' && charref_begins(body, len, &complete, &value)) {
				end = at;
				after = ";";
			} else if (c != ';' && charref_begins(body, len + 1, &complete, &value)) {
				end = at + 1;
			} else {
				complete = false;
				end = at;
			}
			buf_clear(&expect);
			if (!complete) {
				append_error(&expect, "XML_E_SYNTAX", end);
			} else if (!is_xml_char(value)) {
				append_error(&expect, "XML_E_CHAR_REF", end);
			} else {
				uint8_t decoded[8];
				size_t n = utf8_encode(value, decoded);
				memcpy(decoded + n, after, strlen(after));
				expand(&expect, ctx->decoded, decoded, n + strlen(after), at);
			}
			REQUIRE(buf_append(&expect, "", 1));
			check_row(what, &c, 1, &in, true, (const char *)expect.data, byte % 61 == 0);
		}
	}
	buf_free(&in);
	buf_free(&expect);
}
END_TEST

/* ---------- the XML declaration [23]-[26], [32], [80], [81] ---------- */

/* [26] VersionNum ::= '1.' [0-9]+ */
static bool version_begins(const char *s, size_t len, bool *complete)
{
	static const char lead[] = "1.";
	for (size_t i = 0; i < len; i++) {
		if (i < 2 ? s[i] != lead[i] : !(s[i] >= '0' && s[i] <= '9'))
			return false;
	}
	*complete = len > 2;
	return true;
}

/* [81] EncName ::= [A-Za-z] ([A-Za-z0-9._] | '-')* */
static bool encname_begins(const char *s, size_t len, bool *complete)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
		bool more = (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
		if (!letter && !(i > 0 && more))
			return false;
	}
	*complete = len > 0;
	return true;
}

/* [32] SDDecl's value: 'yes' | 'no' */
static bool standalone_begins(const char *s, size_t len, bool *complete)
{
	bool yes = len <= 3 && strncmp(s, "yes", len) == 0;
	bool no = len <= 2 && strncmp(s, "no", len) == 0;
	*complete = (yes && len == 3) || (no && len == 2);
	return yes || no;
}

/* RFC 6120 §11.6: UTF-8 only, named in any case (XML 1.0 §4.3.3). */
static bool is_utf8_name(const char *s, size_t len)
{
	return len == 5 && strncasecmp(s, "utf-8", 5) == 0;
}

struct decl_value {
	const char *what;
	const char *before; /* the declaration up to the value's opening quote */
	bool (*begins)(const char *s, size_t len, bool *complete);
	bool encoding;      /* well-formed names other than UTF-8 are XML_E_ENCODING */
	const char *begun[20];
};

static const struct decl_value decl_values[] = {
	{ "version", "<?xml version=", version_begins, false, { "", "1", "1.", "1.0", "1.10" } },
	{ "encoding", "<?xml version='1.0' encoding=", encname_begins, true,
	  { "", "U", "UT", "UTF", "UTF-", "UTF-8", "u", "ut", "utf", "utf-", "utf-8", "uT", "UtF", "uTf-",
	    "UTF-8x", "I", "ISO-8859-1" } },
	{ "standalone", "<?xml version='1.0' standalone=", standalone_begins, false,
	  { "", "y", "ye", "yes", "n", "no" } },
};

/* The verdict on a finished value whose closing quote is at `end`: NULL if accepted. */
static const char *judge_value(const struct decl_value *v, const char *s, size_t len, size_t end,
			       char *line, size_t size)
{
	bool complete = false;
	if (!v->begins(s, len, &complete) || !complete)
		snprintf(line, size, "error XML_E_SYNTAX@%zu\nstatus ERROR\n", end);
	else if (v->encoding && !is_utf8_name(s, len))
		snprintf(line, size, "error XML_E_ENCODING@%zu\nstatus ERROR\n", end);
	else
		return NULL;
	return line;
}

/* Requirement: RFC6120-11.5-b */
START_TEST(test_decl_values)
{
	const struct decl_value *v = &decl_values[_i];
	struct buf in;
	buf_init(&in, mem_default());
	for (const char *q = "'\""; *q != '\0'; q++) {
		for (size_t b = 0; b < COUNT(v->begun) && v->begun[b] != NULL; b++) {
			char tmpl[128], what[96];
			snprintf(tmpl, sizeof tmpl, "%s%c%s$c%c?>" STREAM, v->before, *q, v->begun[b], *q);
			snprintf(what, sizeof what, "XML declaration %s %c%s", v->what, *q, v->begun[b]);
			size_t len = strlen(v->begun[b]);
			for (unsigned byte = 0; byte < 256; byte++) {
				uint8_t c = (uint8_t)byte;
				size_t at = build_input(&in, false, tmpl, &c, 1);
				char value[32], line[64];
				memcpy(value, v->begun[b], len);
				value[len] = (char)c;
				const char *expect;
				bool complete;
				if (c == (uint8_t)*q) {
					/* The value ends here; then a second quote is one too many. */
					expect = judge_value(v, value, len, at, line, sizeof line);
					if (expect == NULL) {
						snprintf(line, sizeof line, "error XML_E_SYNTAX@%zu\nstatus ERROR\n", at + 1);
						expect = line;
					}
				} else if (v->begins(value, len + 1, &complete)) {
					expect = judge_value(v, value, len + 1, at + 1, line, sizeof line);
					if (expect == NULL)
						expect = STREAM_LOG;
				} else {
					snprintf(line, sizeof line, "error XML_E_SYNTAX@%zu\nstatus ERROR\n", at);
					expect = line;
				}
				check_row(what, &c, 1, &in, false, expect, byte % 61 == 0);
			}
		}
	}
	buf_free(&in);
}
END_TEST

/* "<?" begins the declaration only as "<?xml" and whitespace (XML 1.0 [23]);
 * any other target is a processing instruction, refused (RFC 6120 §11.1) at
 * the first byte that shows it. */
START_TEST(test_decl_or_pi)
{
	static const char *const begun[] = { "<?", "<?x", "<?xm", "<?xml" };
	static const char *const continues[] = { "x", "m", "l", WS };
	struct buf in;
	buf_init(&in, mem_default());
	for (size_t b = 0; b < COUNT(begun); b++) {
		char tmpl[32], what[32];
		snprintf(tmpl, sizeof tmpl, "%s$c?>", begun[b]);
		snprintf(what, sizeof what, "after \"%s\"", begun[b]);
		for (unsigned byte = 0; byte < 256; byte++) {
			uint8_t c = (uint8_t)byte;
			if (c != 0 && strchr(continues[b], c) != NULL)
				continue;
			size_t at = build_input(&in, false, tmpl, &c, 1);
			char line[64];
			snprintf(line, sizeof line, "error XML_E_PI@%zu\nstatus ERROR\n", at);
			check_row(what, &c, 1, &in, false, line, byte % 61 == 0);
		}
	}
	buf_free(&in);
}
END_TEST

/* Whitespace (XML 1.0 [3] S): every run of one or two of space, tab, CR, LF. */
static size_t whitespace_runs(char out[][3])
{
	static const char ws[] = WS;
	size_t n = 0;
	for (size_t i = 0; i < 4; i++) {
		out[n][0] = ws[i];
		out[n++][1] = '\0';
		for (size_t j = 0; j < 4; j++) {
			out[n][0] = ws[i];
			out[n][1] = ws[j];
			out[n++][2] = '\0';
		}
	}
	return n;
}

/* The declaration allows whitespace wherever S appears in [23]-[25], [32],
 * [80], in any combination of the optional parts. */
START_TEST(test_decl_whitespace)
{
	char runs[20][3];
	size_t run_count = whitespace_runs(runs);
	struct buf in;
	buf_init(&in, mem_default());
	for (size_t r = 0; r < run_count; r++) {
		const char *w = runs[r];
		for (unsigned shape = 0; shape < 16; shape++) {
			char q = shape & 1 ? '"' : '\'';
			char decl[256];
			int n = snprintf(decl, sizeof decl, "<?xml%sversion%s=%s%c1.0%c", w, w, w, q, q);
			if (shape & 2)
				n += snprintf(decl + n, sizeof decl - (size_t)n, "%sencoding%s=%s%cUTF-8%c", w, w,
					      w, q, q);
			if (shape & 4)
				n += snprintf(decl + n, sizeof decl - (size_t)n, "%sstandalone%s=%s%cno%c", w, w,
					      w, q, q);
			if (shape & 8)
				n += snprintf(decl + n, sizeof decl - (size_t)n, "%s", w);
			snprintf(decl + n, sizeof decl - (size_t)n, "?>%s" STREAM, w);
			buf_clear(&in);
			REQUIRE(buf_append(&in, decl, strlen(decl)));
			check_row("XML declaration whitespace", (const uint8_t *)w, strlen(w), &in, false,
				  STREAM_LOG, shape == 15);
		}
	}
	buf_free(&in);
}
END_TEST

/* Tags allow whitespace after names, around '=' (XML 1.0 [25] Eq), between
 * attributes and before the end of the tag ([40] [42] [44]), whatever the
 * form of the name or the quotes of the value before it. */
START_TEST(test_tag_whitespace)
{
	static const char tags[] =
		"<m$ca$c=$c'1'$cb$c=$c\"2\"$c/>"
		"<p:m$cxmlns:p='u'$cp:a$c=$c'1'$c></p:m$c>"
		"<m$cp:a='1'$cxmlns:p='u'$c>x</m$c>";
	static const char expect[] = OK_STANZA("<m a='1' b='2'/>\nstanza <m xmlns='u' xmlns:a0='u' a0:a='1'/>\n"
					       "stanza <m xmlns:a0='u' a0:a='1'>x</m>");
	char runs[20][3];
	size_t run_count = whitespace_runs(runs);
	struct buf in;
	buf_init(&in, mem_default());
	for (size_t r = 0; r < run_count; r++) {
		build_input(&in, true, tags, (const uint8_t *)runs[r], strlen(runs[r]));
		check_row("whitespace in tags", (const uint8_t *)runs[r], strlen(runs[r]), &in, true, expect,
			  r % 5 == 0);
	}
	buf_free(&in);
}
END_TEST

/* Attribute values: each of tab, LF, CR becomes a space, and CR LF one space
 * (XML 1.0 §2.11, §3.3.3); references next to them are not normalized. */
START_TEST(test_value_whitespace)
{
	char runs[20][3];
	size_t run_count = whitespace_runs(runs);
	struct buf in;
	buf_init(&in, mem_default());
	for (size_t r = 0; r < run_count; r++) {
		const char *w = runs[r];
		size_t spaces = strcmp(w, "\r\n") == 0 ? 1 : strlen(w);
		build_input(&in, true, "<m a=\"$c\" b='$c' c=\"x$c&amp;$c\" d='x$c&amp;$c'/>",
			    (const uint8_t *)w, strlen(w));
		char sp[3] = "  ";
		sp[spaces] = '\0';
		char line[128];
		snprintf(line, sizeof line, OK_STANZA("<m a='%s' b='%s' c='x%s&amp;%s' d='x%s&amp;%s'/>"), sp,
			 sp, sp, sp, sp, sp);
		check_row("whitespace in values", (const uint8_t *)w, strlen(w), &in, true, line, r % 5 == 0);
	}
	buf_free(&in);
}
END_TEST

/* ---------- hand-written rows: what the generators skip ---------- */

struct grammar_row {
	const char *what;
	bool header;       /* input and offsets follow HDR */
	const char *input;
	size_t input_len;  /* 0: strlen(input) */
	const char *expect;
};

static const struct grammar_row rows[] = {
	/* ---- the first bytes of a stream (RFC 6120 §11.6, XML 1.0 Appendix F) ---- */
	{ "UTF-16 LE BOM", false, "\xff\xfe<", 0, ERROR_AT(XML_E_ENCODING, "0") },
	{ "UTF-16 BE BOM", false, "\xfe\xff", 0, ERROR_AT(XML_E_ENCODING, "0") },
	{ "UTF-32 or UTF-16 BE without BOM", false, "\0\0\0<", 4, ERROR_AT(XML_E_ENCODING, "0") },
	{ "a UTF-8 BOM is U+FEFF, a character (RFC 6120 §11.6)", false, "\xef\xbb\xbf" STREAM, 0,
	  ERROR_AT(XML_E_TEXT_OUTSIDE_ROOT, "0") },
	{ "NUL after the first byte is no encoding signature", false, " \0", 2,
	  ERROR_AT(XML_E_SYNTAX, "1") },
	{ "whitespace before the header", false, "\r \t\r\n\r\r\n" STREAM, 0, STREAM_LOG },
	{ "an end tag first", false, "</a>", 0, ERROR_AT(XML_E_TAG_MISMATCH, "3") },
	{ "'&' before the header", false, "&lt;" STREAM, 0, ERROR_AT(XML_E_TEXT_OUTSIDE_ROOT, "3") },
	/* Text is checked before a later bad byte, however the input is split. */
	{ "']]>' before the header", false, "]]>", 0, ERROR_AT(XML_E_TEXT_OUTSIDE_ROOT, "0") },
	{ "ill-formed UTF-8 before the header", false, "\xe1\x80<", 0,
	  ERROR_AT(XML_E_TEXT_OUTSIDE_ROOT, "0") },
	{ "ill-formed UTF-8 between stanzas", true, "<a/> \xe1\x80<", 0,
	  "stanza <a/>\n" ERROR_AT(XML_E_STREAM_TEXT, "5") },

	/* ---- the XML declaration (XML 1.0 [23]-[32], RFC 6120 §11.5) ---- */
	{ "declaration, then the stream", false, "<?xml version='1.0'?>" STREAM, 0, STREAM_LOG },
	{ "declaration needs a version", false, "<?xml encoding='UTF-8'?>", 0,
	  ERROR_AT(XML_E_SYNTAX, "6") },
	{ "standalone before encoding", false, "<?xml version='1.0' standalone='no' encoding='UTF-8'?>", 0,
	  ERROR_AT(XML_E_SYNTAX, "36") },
	{ "whitespace needed before encoding", false, "<?xml version='1.0'encoding='UTF-8'?>", 0,
	  ERROR_AT(XML_E_SYNTAX, "19") },
	{ "'?' must be followed by '>'", false, "<?xml version='1.0'? >", 0, ERROR_AT(XML_E_SYNTAX, "20") },
	{ "'?>' after whitespace", false, "<?xml version='1.0' ?x", 0, ERROR_AT(XML_E_SYNTAX, "21") },
	{ "misspelled version", false, "<?xml versoin='1.0'?>", 0, ERROR_AT(XML_E_SYNTAX, "10") },
	{ "misspelled encoding", false, "<?xml version='1.0' encodign='UTF-8'?>", 0,
	  ERROR_AT(XML_E_SYNTAX, "26") },
	{ "misspelled standalone", false, "<?xml version='1.0' standalnoe='no'?>", 0,
	  ERROR_AT(XML_E_SYNTAX, "27") },
	{ "'=' needed", false, "<?xml version '1.0'?>", 0, ERROR_AT(XML_E_SYNTAX, "14") },
	{ "encoding '=' needed", false, "<?xml version='1.0' encoding 'UTF-8'?>", 0,
	  ERROR_AT(XML_E_SYNTAX, "29") },
	{ "standalone '=' needed", false, "<?xml version='1.0' standalone\t'no'?>", 0,
	  ERROR_AT(XML_E_SYNTAX, "31") },
	{ "mismatched version quotes", false, "<?xml version='1.0\"?>", 0, ERROR_AT(XML_E_SYNTAX, "18") },
	{ "unquoted version", false, "<?xml version=1.0?>", 0, ERROR_AT(XML_E_SYNTAX, "14") },
	{ "unquoted encoding", false, "<?xml version='1.0' encoding=UTF-8?>", 0,
	  ERROR_AT(XML_E_SYNTAX, "29") },
	{ "unquoted standalone", false, "<?xml version='1.0' standalone=no?>", 0,
	  ERROR_AT(XML_E_SYNTAX, "31") },
	{ "other encoding, double quotes", false, "<?xml version='1.0' encoding=\"US-ASCII\"?>", 0,
	  ERROR_AT(XML_E_ENCODING, "38") },
	{ "upper case XML is another target", false, "<?XML version='1.0'?>", 0, ERROR_AT(XML_E_PI, "2") },
	{ "an empty target", false, "<?" "?>", 0, ERROR_AT(XML_E_PI, "2") },
	{ "declaration after text", false, "\n<?xml version='1.0'?>", 0, ERROR_AT(XML_E_PI, "2") },
	{ "declaration inside a stanza", true, "<m><?xml version='1.0'?>", 0, ERROR_AT(XML_E_PI, "4") },

	/* ---- markup after '<' (XML 1.0 [39]-[44]) ---- */
	{ "'<!' other than CDATA, comment, DOCTYPE", true, "<!x", 0, ERROR_AT(XML_E_SYNTAX, "2") },
	{ "'<!-' then not '-'", true, "<!-x", 0, ERROR_AT(XML_E_SYNTAX, "3") },
	{ "DOCTYPE misspelled", true, "<!DOCTYPO", 0, ERROR_AT(XML_E_SYNTAX, "8") },
	{ "DOCTYPE in a stanza", true, "<m><!DOCTYPE", 0, ERROR_AT(XML_E_DTD, "11") },
	{ "a lone '<' before the end", true, "<m>< /m>", 0, ERROR_AT(XML_E_SYNTAX, "4") },
	{ "'<' then '/' then space", true, "<m></ m>", 0, ERROR_AT(XML_E_SYNTAX, "5") },
	{ "CDATA keyword case matters", true, "<m><![cdata[", 0, ERROR_AT(XML_E_SYNTAX, "6") },

	/* ---- qualified names (Namespaces in XML 1.0 [7]) ---- */
	{ "prefixed element", true, "<p:a xmlns:p='u'/>", 0, OK_STANZA("<a xmlns='u'/>") },
	{ "empty local part", true, "<p:/>", 0, ERROR_AT(XML_E_SYNTAX, "3") },
	{ "two colons", true, "<p:a:b/>", 0, ERROR_AT(XML_E_SYNTAX, "4") },
	{ "colon first", true, "<:a/>", 0, ERROR_AT(XML_E_SYNTAX, "1") },
	{ "prefixed attribute", true, "<m xmlns:p='u' p:a='v'/>", 0, OK_STANZA("<m xmlns:a0='u' a0:a='v'/>") },
	{ "attribute with an empty local part", true, "<m p:='v'/>", 0, ERROR_AT(XML_E_SYNTAX, "5") },
	{ "attribute with two colons", true, "<m p:a:b='v'/>", 0, ERROR_AT(XML_E_SYNTAX, "6") },
	{ "attribute name colon first", true, "<m :a='v'/>", 0, ERROR_AT(XML_E_SYNTAX, "3") },
	{ "prefixed end tag", true, "<p:a xmlns:p='u'></p:a>", 0, OK_STANZA("<a xmlns='u'/>") },
	{ "end tag with an empty local part", true, "<m></p:>", 0, ERROR_AT(XML_E_SYNTAX, "7") },
	{ "end tag with two colons", true, "<m></p:a:b>", 0, ERROR_AT(XML_E_SYNTAX, "8") },
	{ "end tag colon first", true, "<m></:m>", 0, ERROR_AT(XML_E_SYNTAX, "5") },
	{ "entity names may hold colons", true, "<m>&a:b;</m>", 0, ERROR_AT(XML_E_ENTITY_REF, "7") },
	{ "entity name begins with a colon", true, "<m>&:;</m>", 0, ERROR_AT(XML_E_ENTITY_REF, "5") },
	{ "empty entity name", true, "<m>&;</m>", 0, ERROR_AT(XML_E_SYNTAX, "4") },

	/* ---- whitespace in tags (XML 1.0 [40]-[44]: S, Eq) ---- */
	{ "whitespace after names", true, "<m\t\r\n a\t\r\n =\t\r\n 'v'\t\r\n ></m\t\r\n >", 0,
	  OK_STANZA("<m a='v'/>") },
	{ "whitespace before '/>'", true, "<m a='v' \r\n\t/>", 0, OK_STANZA("<m a='v'/>") },
	{ "second attribute after a tab", true, "<m a='1'\tb='2'/>", 0, OK_STANZA("<m a='1' b='2'/>") },
	{ "'/' must be followed by '>'", true, "<m/ >", 0, ERROR_AT(XML_E_SYNTAX, "3") },
	{ "attribute without '='", true, "<m a 'v'/>", 0, ERROR_AT(XML_E_SYNTAX, "5") },
	{ "unquoted value", true, "<m a=v/>", 0, ERROR_AT(XML_E_SYNTAX, "5") },
	{ "start tag closed after a name", true, "<m a>", 0, ERROR_AT(XML_E_SYNTAX, "4") },
	{ "attribute right after the name", true, "<m/a='v'>", 0, ERROR_AT(XML_E_SYNTAX, "3") },
	{ "end tag with an attribute", true, "<m></m a='v'>", 0, ERROR_AT(XML_E_SYNTAX, "7") },

	/* ---- line ends (XML 1.0 §2.11) and value normalization (§3.3.3) ---- */
	{ "CR CR LF in text", true, "<m>\r\r\n</m>", 0, OK_STANZA("<m>\n\n</m>") },
	{ "CR LF CR in text", true, "<m>a\r\n\r</m>", 0, OK_STANZA("<m>a\n\n</m>") },
	{ "CR before markup", true, "<m>\r<b/>\r&amp;\r</m>", 0, OK_STANZA("<m>\n<b/>\n&amp;\n</m>") },
	{ "CR after ']'", true, "<m>]\r]]\r</m>", 0, OK_STANZA("<m>]\n]]\n</m>") },
	{ "CR LF after ']]' is text", true, "<m>]]\r\n></m>", 0, OK_STANZA("<m>]]\n&gt;</m>") },
	{ "']]>' after more ']'", true, "<m>]]]></m>", 0, ERROR_AT(XML_E_SYNTAX, "6") },
	{ "']' before markup and references", true, "<m>]<b/>]]&amp;]]</m>", 0,
	  OK_STANZA("<m>]<b/>]]&amp;]]</m>") },
	{ "CR CR LF in CDATA", true, "<m><![CDATA[\r\r\n]]></m>", 0, OK_STANZA("<m>\n\n</m>") },
	{ "CR after a character and after ']' in CDATA", true, "<m><![CDATA[x\r]\r]]></m>", 0,
	  OK_STANZA("<m>x\n]\n</m>") },
	{ "CR before the end of CDATA", true, "<m><![CDATA[\r]]></m>", 0, OK_STANZA("<m>\n</m>") },
	{ "CR LF in CDATA before ']'", true, "<m><![CDATA[\r\n]]]></m>", 0, OK_STANZA("<m>\n]</m>") },
	{ "']]' then CR in CDATA", true, "<m><![CDATA[]]\r]]></m>", 0, OK_STANZA("<m>]]\n</m>") },
	{ "CDATA ends at the first ']]>'", true, "<m><![CDATA[a]]>]]></m>", 0, ERROR_AT(XML_E_SYNTAX, "18") },
	{ "whitespace in a value", true, "<m a=\"\t\n\r \r\n\" b='\t\n\r \r\n'/>", 0,
	  OK_STANZA("<m a='     ' b='     '/>") },
	{ "CR CR LF in a value", true, "<m a=\"\r\r\n\" b='\r\r\n'/>", 0, OK_STANZA("<m a='  ' b='  '/>") },
	{ "whitespace then a reference in a value", true, "<m a=\"\r&amp;\n&amp;\" b='\r&amp;\t&amp;'/>", 0,
	  OK_STANZA("<m a=' &amp; &amp;' b=' &amp; &amp;'/>") },
	{ "whitespace at the end of a value", true, "<m a=\"x\r\" b='x\r'/>", 0,
	  OK_STANZA("<m a='x ' b='x '/>") },
	{ "the other quote inside a value", true, "<m a=\"'\" b='\"'/>", 0,
	  OK_STANZA("<m a='&apos;' b='\"'/>") },
	{ "'<' in a value in \"\"", true, "<m a=\"<\"/>", 0, ERROR_AT(XML_E_SYNTAX, "6") },
	{ "'&' alone in a value in \"\"", true, "<m a=\"& \"/>", 0, ERROR_AT(XML_E_SYNTAX, "7") },
	{ "'&' alone in a value in ''", true, "<m a='& '/>", 0, ERROR_AT(XML_E_SYNTAX, "7") },
	{ "CR then '<' in a value", true, "<m a='\r<'/>", 0, ERROR_AT(XML_E_SYNTAX, "7") },

	/* ---- references (XML 1.0 [66]-[68], RFC 6120 §11.1) ---- */
	{ "the five predefined entities in text", true, "<m>&amp;&lt;&gt;&quot;&apos;</m>", 0,
	  OK_STANZA("<m>&amp;&lt;&gt;\"'</m>") },
	{ "the five predefined entities in \"\"", true, "<m a=\"&amp;&lt;&gt;&quot;&apos;\"/>", 0,
	  OK_STANZA("<m a='&amp;&lt;>\"&apos;'/>") },
	{ "the five predefined entities in ''", true, "<m a='&amp;&lt;&gt;&quot;&apos;'/>", 0,
	  OK_STANZA("<m a='&amp;&lt;>\"&apos;'/>") },
	{ "predefined names are case-sensitive", true, "<m>&AMP;</m>", 0, ERROR_AT(XML_E_ENTITY_REF, "7") },
	{ "a reference after CR", true, "<m>\r&#65;\r\n&#x42;</m>", 0, OK_STANZA("<m>\nA\nB</m>") },
	{ "a reference after ']'", true, "<m>]&lt;]]&gt;</m>", 0, OK_STANZA("<m>]&lt;]]&gt;</m>") },
	{ "hex digits in both cases", true, "<m>&#x4a;&#x4A;&#x0041;</m>", 0, OK_STANZA("<m>JJA</m>") },
	{ "reference to the last character", true, "<m>&#x10FFFF;&#1114111;</m>", 0,
	  OK_STANZA("<m>\xf4\x8f\xbf\xbf\xf4\x8f\xbf\xbf</m>") },
	{ "reference to U+FFFD and U+E000", true, "<m>&#xFFFD;&#57344;</m>", 0,
	  OK_STANZA("<m>\xef\xbf\xbd\xee\x80\x80</m>") },
	{ "reference to U+FFFF", true, "<m>&#65535;</m>", 0, ERROR_AT(XML_E_CHAR_REF, "10") },
	{ "reference to U+DFFF", true, "<m a='&#xDFFF;'/>", 0, ERROR_AT(XML_E_CHAR_REF, "13") },
	{ "reference to U+001F", true, "<m a=\"&#31;\"/>", 0, ERROR_AT(XML_E_CHAR_REF, "10") },
	{ "'&#' alone", true, "<m>&#;</m>", 0, ERROR_AT(XML_E_SYNTAX, "5") },
	{ "'&#x' alone", true, "<m>&#x;</m>", 0, ERROR_AT(XML_E_SYNTAX, "6") },
	{ "decimal digits then a hex digit", true, "<m>&#1a;</m>", 0, ERROR_AT(XML_E_SYNTAX, "6") },
};

/* Requirement: RFC6120-11.5-b, RFC6120-11.6-c, RFC6120-11.6-f */
START_TEST(test_rows)
{
	const struct grammar_row *r = &rows[_i];
	struct buf in;
	buf_init(&in, mem_default());
	if (r->header)
		REQUIRE(buf_append(&in, HDR, strlen(HDR)));
	REQUIRE(buf_append(&in, r->input, r->input_len != 0 ? r->input_len : strlen(r->input)));
	check_row(r->what, NULL, 0, &in, r->header, r->expect, true);
	buf_free(&in);
}
END_TEST

/* ---------- the oracle itself ---------- */

/* The expectations above are only as good as refused_at(): pin it to RFC 3629
 * and XML 1.0 on known sequences. */
START_TEST(test_oracle)
{
	static const struct {
		const char *bytes;
		enum char_class cls;
		long refused;
	} known[] = {
		{ "A", CLASS_NCNAME_START, -1 }, { "1", CLASS_NCNAME_START, 0 }, { "1", CLASS_NCNAME_CHAR, -1 },
		{ ":", CLASS_NCNAME_CHAR, 0 }, { ":", CLASS_NAME_START, -1 }, { "\xc3\x97", CLASS_NCNAME_START, 1 },
		{ "\xc3\x98", CLASS_NCNAME_START, -1 }, { "\xc2\xb7", CLASS_NCNAME_START, 0 },
		{ "\xc2\xb7", CLASS_NCNAME_CHAR, -1 }, { "\xcc\x80", CLASS_NCNAME_START, 0 },
		{ "\xcc\x80", CLASS_NCNAME_CHAR, -1 }, { "\xe2\x80\x8b", CLASS_NCNAME_CHAR, 2 },
		{ "\xe2\x80\x8c", CLASS_NCNAME_START, -1 }, { "\xef\xbf\xbd", CLASS_NCNAME_START, -1 },
		{ "\xf3\xb0\x80\x80", CLASS_NCNAME_START, 1 }, { "\xf3\xaf\xbf\xbf", CLASS_NCNAME_START, -1 },
		{ "\x09", CLASS_CHAR, -1 }, { "\x0b", CLASS_CHAR, 0 }, { "\x7f", CLASS_CHAR, -1 },
		{ "\x80", CLASS_CHAR, 0 }, { "\xc0\xaf", CLASS_CHAR, 0 }, { "\xc2\x80", CLASS_CHAR, -1 },
		{ "\xe0\x9f\xbf", CLASS_CHAR, 1 }, { "\xe0\xa0\x80", CLASS_CHAR, -1 },
		{ "\xed\x9f\xbf", CLASS_CHAR, -1 }, { "\xed\xa0\x80", CLASS_CHAR, 1 },
		{ "\xef\xbf\xbd", CLASS_CHAR, -1 }, { "\xef\xbf\xbe", CLASS_CHAR, 2 },
		{ "\xf0\x8f\xbf\xbf", CLASS_CHAR, 1 }, { "\xf4\x8f\xbf\xbf", CLASS_CHAR, -1 },
		{ "\xf4\x90\x80\x80", CLASS_CHAR, 1 }, { "\xf5", CLASS_CHAR, 0 }, { "\xe1\x80", CLASS_CHAR, 2 },
	};
	for (size_t i = 0; i < COUNT(known); i++) {
		const uint8_t *b = (const uint8_t *)known[i].bytes;
		ck_assert_msg(refused_at(b, strlen(known[i].bytes), known[i].cls) == known[i].refused,
			      "oracle row %zu", i);
	}
	uint8_t out[4];
	ck_assert_uint_eq(utf8_encode(0x10FFFF, out), 4);
	ck_assert_int_eq(memcmp(out, "\xf4\x8f\xbf\xbf", 4), 0);
	ck_assert_uint_eq(utf8_encode(0x7FF, out), 2);
	ck_assert_int_eq(memcmp(out, "\xdf\xbf", 2), 0);
	struct sample_set *set = malloc(sizeof *set);
	ck_assert_ptr_nonnull(set);
	build_samples(set);
	ck_assert_uint_gt(set->n, 1000);
	free(set);
}
END_TEST

Suite *xml_grammar_suite(void)
{
	Suite *s = suite_create("xml_grammar");
	TCase *tc = tcase_create("grammar");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_oracle);
	tcase_add_loop_test(tc, test_chars_in_context, 0, COUNT(char_contexts));
	tcase_add_loop_test(tc, test_entity_names, 0, COUNT(ref_contexts));
	tcase_add_loop_test(tc, test_char_refs, 0, COUNT(ref_contexts));
	tcase_add_loop_test(tc, test_decl_values, 0, COUNT(decl_values));
	tcase_add_test(tc, test_decl_or_pi);
	tcase_add_test(tc, test_decl_whitespace);
	tcase_add_test(tc, test_tag_whitespace);
	tcase_add_test(tc, test_value_whitespace);
	tcase_add_loop_test(tc, test_rows, 0, COUNT(rows));
	suite_add_tcase(s, tc);
	return s;
}
