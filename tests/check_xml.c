/* check_xml.c - the XML machine and builder (machines/xml.rl, src/xml.c).
 *
 * Most tests are rows of one table: an input (usually after a standard stream
 * header), and the exact log the parser must produce (tests/xml_log.h). Every
 * row is run whole, at every chunk size from 1 to 64, and over random splits:
 * the log, errors and error offsets included, must not change (RFC 6120 §11
 * gives no licence to depend on how TCP segments the stream). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "suites.h"
#include "xml.h"
#include "xml_log.h"
#include "xml_write.h"

#define NS_STREAM "http://etherx.jabber.org/streams"
#define HDR "<stream:stream xmlns='jabber:client' xmlns:stream='" NS_STREAM "' to='example.com' version='1.0'>"
#define OPEN "open <stream xmlns='" NS_STREAM "' to='example.com' version='1.0'/>\n"

struct xml_case {
	const char *name;
	bool header;         /* input and error offsets follow HDR */
	const char *input;
	size_t input_len;    /* 0: strlen(input) (cases with NUL bytes set it) */
	const char *expect;  /* after OPEN when header is set */
};

static const struct xml_case cases[] = {
	/* ---- streams (RFC 6120 §4) ---- */
	{ "empty stanza", true, "<message/>", 0, "stanza <message/>\nstatus OK\n" },
	{ "stream close", true, "</stream:stream>", 0, "close\nstatus CLOSED\n" },
	{ "bytes after close are not consumed", true, "</stream:stream><x/>", 0, "close\nstatus CLOSED\n" },
	{ "whitespace keepalives between stanzas", true, " \n\t\r <a/>  <b/> ", 0,
	  "stanza <a/>\nstanza <b/>\nstatus OK\n" },
	{ "xml declaration", false, "<?xml version='1.0' encoding='UTF-8' standalone='no'?>\n"
	  "<stream:stream xmlns:stream='" NS_STREAM "'/>", 0,
	  "open <stream xmlns='" NS_STREAM "'/>\nclose\nstatus CLOSED\n" },
	{ "xml declaration, double quotes and utf-8 in any case", false,
	  "<?xml version=\"1.0\" encoding=\"utf-8\" ?><stream:stream xmlns:stream='" NS_STREAM "'/>", 0,
	  "open <stream xmlns='" NS_STREAM "'/>\nclose\nstatus CLOSED\n" },
	{ "xml declaration: encoding other than UTF-8", false,
	  "<?xml version='1.0' encoding='ISO-8859-1'?>", 0, "error XML_E_ENCODING@40\nstatus ERROR\n" },
	{ "UTF-16 byte order mark", false, "\xfe\xff", 0, "error XML_E_ENCODING@0\nstatus ERROR\n" },
	{ "UTF-16 without BOM", false, "\0<", 2, "error XML_E_ENCODING@0\nstatus ERROR\n" },
	{ "whitespace before the root", false, " \n<stream:stream xmlns:stream='" NS_STREAM "'/>", 0,
	  "open <stream xmlns='" NS_STREAM "'/>\nclose\nstatus CLOSED\n" },
	{ "text before the root", false, "hi<stream:stream/>", 0,
	  "error XML_E_TEXT_OUTSIDE_ROOT@0\nstatus ERROR\n" },
	{ "reference before the root", false, "&amp;", 0,
	  "error XML_E_TEXT_OUTSIDE_ROOT@4\nstatus ERROR\n" },
	{ "CDATA before the root", false, "<![CDATA[x]]>", 0,
	  "error XML_E_TEXT_OUTSIDE_ROOT@8\nstatus ERROR\n" },
	{ "text between stanzas", true, "<a/>x", 0,
	  "stanza <a/>\nerror XML_E_STREAM_TEXT@4\nstatus ERROR\n" },
	{ "CDATA between stanzas", true, "<![CDATA[ ]]>", 0,
	  "error XML_E_STREAM_TEXT@8\nstatus ERROR\n" },
	{ "root without stream prefix", false, "<stream xmlns='" NS_STREAM "'>", 0,
	  "error XML_E_STREAM_PREFIX@0\nstatus ERROR\n" },
	{ "root in the wrong namespace", false, "<stream:stream xmlns:stream='urn:wrong'>", 0,
	  "error XML_E_STREAM_NAMESPACE@0\nstatus ERROR\n" },
	{ "root with the wrong name", false, "<stream:features xmlns:stream='" NS_STREAM "'>", 0,
	  "error XML_E_STREAM_NAMESPACE@0\nstatus ERROR\n" },
	{ "root prefix undeclared", false, "<stream:stream>", 0,
	  "error XML_E_UNDECLARED_PREFIX@1\nstatus ERROR\n" },
	{ "stream close must match the header's name", true, "</stream>", 0,
	  "error XML_E_TAG_MISMATCH@8\nstatus ERROR\n" },

	/* ---- restricted XML (RFC 6120 §11.1) ---- */
	{ "comment", true, "<!-- hi -->", 0, "error XML_E_COMMENT@3\nstatus ERROR\n" },
	{ "comment inside a stanza", true, "<m><!---->", 0, "error XML_E_COMMENT@6\nstatus ERROR\n" },
	{ "processing instruction", true, "<?php x?>", 0, "error XML_E_PI@1\nstatus ERROR\n" },
	{ "PI at the very start", false, "<?foo bar?>", 0, "error XML_E_PI@2\nstatus ERROR\n" },
	{ "PI named like xml-stylesheet", false, "<?xml-stylesheet?>", 0, "error XML_E_PI@5\nstatus ERROR\n" },
	{ "PI xm", false, "<?xm?>", 0, "error XML_E_PI@4\nstatus ERROR\n" },
	{ "PI x", false, "<?x?>", 0, "error XML_E_PI@3\nstatus ERROR\n" },
	{ "second xml declaration", false, "<?xml version='1.0'?><?xml version='1.0'?>", 0,
	  "error XML_E_PI@22\nstatus ERROR\n" },
	{ "declaration after whitespace", false, " <?xml version='1.0'?>", 0, "error XML_E_PI@2\nstatus ERROR\n" },
	{ "DOCTYPE", false, "<!DOCTYPE stream>", 0, "error XML_E_DTD@8\nstatus ERROR\n" },
	{ "undefined entity", true, "<m>&nbsp;</m>", 0, "error XML_E_ENTITY_REF@8\nstatus ERROR\n" },
	{ "undefined entity in an attribute", true, "<m a='&ampx;'/>", 0,
	  "error XML_E_ENTITY_REF@11\nstatus ERROR\n" },

	/* ---- attributes (XML 1.0 §3.1, §3.3.3) ---- */
	{ "both quote styles", true, "<m to=\"a@b\" id='x\"y' t=\"it's\"/>", 0,
	  "stanza <m to='a@b' id='x\"y' t='it&apos;s'/>\nstatus OK\n" },
	{ "attribute value normalization", true, "<m a='x\ty\nz\r\nw\rv' b=\" \"/>", 0,
	  "stanza <m a='x y z w v' b=' '/>\nstatus OK\n" },
	{ "references are not normalized", true, "<m a='&#9;&#10;&#13;&#x20;'/>", 0,
	  "stanza <m a='&#9;&#10;&#13; '/>\nstatus OK\n" },
	{ "predefined entities in values", true, "<m a='&lt;&gt;&amp;&quot;&apos;'/>", 0,
	  "stanza <m a='&lt;>&amp;\"&apos;'/>\nstatus OK\n" },
	{ "'<' in a value", true, "<m a='<'/>", 0, "error XML_E_SYNTAX@6\nstatus ERROR\n" },
	{ "attribute without value", true, "<m a/>", 0, "error XML_E_SYNTAX@4\nstatus ERROR\n" },
	{ "attributes need whitespace between", true, "<m a='1'b='2'/>", 0, "error XML_E_SYNTAX@8\nstatus ERROR\n" },
	{ "whitespace around '='", true, "<m a = '1'\n/>", 0, "stanza <m a='1'/>\nstatus OK\n" },
	{ "duplicate attribute", true, "<m a='1' a='2'/>", 0, "error XML_E_DUPLICATE_ATTR@9\nstatus ERROR\n" },
	{ "duplicate by expanded name", true, "<m xmlns:p='u' xmlns:q='u' p:a='1' q:a='2'/>", 0,
	  "error XML_E_DUPLICATE_ATTR@35\nstatus ERROR\n" },
	{ "duplicate namespace declaration", true, "<m xmlns:p='u' xmlns:p='v'/>", 0,
	  "error XML_E_DUPLICATE_ATTR@15\nstatus ERROR\n" },

	/* ---- character data, references, CDATA (XML 1.0 §2.4, §2.7, §2.11, §4.1) ---- */
	{ "line ends normalized in text", true, "<m>a\r\nb\rc\nd\r</m>", 0,
	  "stanza <m>a\nb\nc\nd\n</m>\nstatus OK\n" },
	{ "CR by reference survives", true, "<m>&#13;</m>", 0, "stanza <m>&#13;</m>\nstatus OK\n" },
	{ "predefined entities in text", true, "<m>&lt;&gt;&amp;&quot;&apos;</m>", 0,
	  "stanza <m>&lt;&gt;&amp;\"'</m>\nstatus OK\n" },
	{ "character references", true, "<m>&#65;&#x42;&#x263a;&#x1F600;&#0000067;</m>", 0,
	  "stanza <m>AB\xe2\x98\xba\xf0\x9f\x98\x80" "C</m>\nstatus OK\n" },
	{ "uppercase X in a hex reference", true, "<m>&#X41;</m>", 0, "error XML_E_SYNTAX@5\nstatus ERROR\n" },
	{ "reference to NUL", true, "<m>&#0;</m>", 0, "error XML_E_CHAR_REF@6\nstatus ERROR\n" },
	{ "reference to a surrogate", true, "<m>&#xD800;</m>", 0, "error XML_E_CHAR_REF@10\nstatus ERROR\n" },
	{ "reference to U+FFFE", true, "<m>&#xFFFE;</m>", 0, "error XML_E_CHAR_REF@10\nstatus ERROR\n" },
	{ "reference above U+10FFFF", true, "<m>&#x110000;</m>", 0, "error XML_E_CHAR_REF@12\nstatus ERROR\n" },
	{ "reference that overflows 32 bits", true, "<m>&#99999999999999;</m>", 0,
	  "error XML_E_CHAR_REF@19\nstatus ERROR\n" },
	{ "reference without ';'", true, "<m>&amp</m>", 0, "error XML_E_SYNTAX@7\nstatus ERROR\n" },
	{ "bare '&'", true, "<m>a & b</m>", 0, "error XML_E_SYNTAX@6\nstatus ERROR\n" },
	{ "']]>' in text", true, "<m>a]]>b</m>", 0, "error XML_E_SYNTAX@6\nstatus ERROR\n" },
	{ "']]' and ']>' in text are fine", true, "<m>a]]b]>c]</m>", 0,
	  "stanza <m>a]]b]&gt;c]</m>\nstatus OK\n" },
	{ "CDATA section", true, "<m>x<![CDATA[a<b>&c]]]>y</m>", 0,
	  "stanza <m>xa&lt;b&gt;&amp;c]y</m>\nstatus OK\n" },
	{ "empty CDATA section", true, "<m><![CDATA[]]></m>", 0, "stanza <m/>\nstatus OK\n" },
	{ "CDATA with line ends", true, "<m><![CDATA[\r\n\r]]]]></m>", 0,
	  "stanza <m>\n\n]]</m>\nstatus OK\n" },
	{ "CDATA opener misspelled", true, "<m><![CDATX[", 0, "error XML_E_SYNTAX@10\nstatus ERROR\n" },
	{ "mixed content keeps its order", true, "<m>a<b/>c<d>e</d>f</m>", 0,
	  "stanza <m>a<b/>c<d>e</d>f</m>\nstatus OK\n" },

	/* ---- UTF-8 (RFC 3629, XML 1.0 Char) ---- */
	{ "two-, three- and four-byte UTF-8", true, "<m>\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80</m>", 0,
	  "stanza <m>\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80</m>\nstatus OK\n" },
	{ "DEL is a character", true, "<m>\x7f</m>", 0, "stanza <m>\x7f</m>\nstatus OK\n" },
	{ "overlong two-byte form", true, "<m>\xc0\xaf</m>", 0, "error XML_E_SYNTAX@3\nstatus ERROR\n" },
	{ "overlong three-byte form", true, "<m>\xe0\x80\xaf</m>", 0, "error XML_E_SYNTAX@4\nstatus ERROR\n" },
	{ "overlong four-byte form", true, "<m>\xf0\x80\x80\xaf</m>", 0, "error XML_E_SYNTAX@4\nstatus ERROR\n" },
	{ "UTF-16 surrogate", true, "<m>\xed\xa0\x80</m>", 0, "error XML_E_SYNTAX@4\nstatus ERROR\n" },
	{ "above U+10FFFF", true, "<m>\xf4\x90\x80\x80</m>", 0, "error XML_E_SYNTAX@4\nstatus ERROR\n" },
	{ "U+FFFE", true, "<m>\xef\xbf\xbe</m>", 0, "error XML_E_SYNTAX@5\nstatus ERROR\n" },
	{ "U+FFFF", true, "<m>\xef\xbf\xbf</m>", 0, "error XML_E_SYNTAX@5\nstatus ERROR\n" },
	{ "control character", true, "<m>\x01</m>", 0, "error XML_E_SYNTAX@3\nstatus ERROR\n" },
	{ "NUL byte", true, "<m>\0</m>", 9, "error XML_E_SYNTAX@3\nstatus ERROR\n" },
	{ "lone continuation byte", true, "<m>\x80</m>", 0, "error XML_E_SYNTAX@3\nstatus ERROR\n" },
	{ "truncated sequence", true, "<m>\xc3<</m>", 0, "error XML_E_SYNTAX@4\nstatus ERROR\n" },
	{ "0xF5 never starts a sequence", true, "<m>\xf5\x80\x80\x80</m>", 0,
	  "error XML_E_SYNTAX@3\nstatus ERROR\n" },
	{ "invalid UTF-8 in an attribute", true, "<m a='\xff'/>", 0, "error XML_E_SYNTAX@6\nstatus ERROR\n" },

	/* ---- names (XML 1.0 [4], Namespaces in XML [7]) ---- */
	{ "non-ASCII names", true, "<\xc3\xa9t\xc3\xa9 a\xcc\x80='1'/>", 0,
	  "stanza <\xc3\xa9t\xc3\xa9 a\xcc\x80='1'/>\nstatus OK\n" },
	{ "combining mark cannot start a name", true, "<\xcc\x80/>", 0, "error XML_E_SYNTAX@1\nstatus ERROR\n" },
	{ "digit cannot start a name", true, "<1a/>", 0, "error XML_E_SYNTAX@1\nstatus ERROR\n" },
	{ "names with digits, dots, dashes", true, "<a1.b-c_d/>", 0, "stanza <a1.b-c_d/>\nstatus OK\n" },
	{ "two colons in a name", true, "<a:b:c/>", 0, "error XML_E_SYNTAX@4\nstatus ERROR\n" },
	{ "leading colon", true, "<:a/>", 0, "error XML_E_SYNTAX@1\nstatus ERROR\n" },
	{ "space after '<'", true, "< a/>", 0, "error XML_E_SYNTAX@1\nstatus ERROR\n" },
	{ "end tag with whitespace", true, "<m></m \n>", 0, "stanza <m/>\nstatus OK\n" },
	{ "end tag mismatch", true, "<m></n>", 0, "error XML_E_TAG_MISMATCH@6\nstatus ERROR\n" },
	{ "end tag must match the prefix too", true, "<p:m xmlns:p='u' xmlns:q='u'></q:m>", 0,
	  "error XML_E_TAG_MISMATCH@34\nstatus ERROR\n" },

	/* ---- namespaces (Namespaces in XML 1.0) ---- */
	{ "inherited and declared default namespaces", true,
	  "<iq><query xmlns='jabber:iq:roster'><item/></query></iq>", 0,
	  "stanza <iq><query xmlns='jabber:iq:roster'><item/></query></iq>\nstatus OK\n" },
	{ "prefixed elements", true, "<iq><p:query xmlns:p='urn:x'><p:item/><item/></p:query></iq>", 0,
	  "stanza <iq><query xmlns='urn:x'><item/><item xmlns='jabber:client'/></query></iq>\nstatus OK\n" },
	{ "undeclaring the default namespace", true, "<m><x xmlns=''><y/></x></m>", 0,
	  "stanza <m><x xmlns=''><y/></x></m>\nstatus OK\n" },
	{ "stream prefix is usable in stanzas", true, "<stream:error><e/></stream:error>", 0,
	  "stanza <error xmlns='" NS_STREAM "'><e xmlns='jabber:client'/></error>\nstatus OK\n" },
	{ "namespaced attributes", true, "<m xmlns:p='urn:p' p:a='1' a='2' xml:lang='en'/>", 0,
	  "stanza <m xmlns:a0='urn:p' a0:a='1' a='2' xml:lang='en'/>\nstatus OK\n" },
	{ "undeclared element prefix", true, "<p:iq/>", 0, "error XML_E_UNDECLARED_PREFIX@1\nstatus ERROR\n" },
	{ "undeclared attribute prefix", true, "<iq p:a='1'/>", 0,
	  "error XML_E_UNDECLARED_PREFIX@4\nstatus ERROR\n" },
	{ "prefix out of scope", true, "<iq><a xmlns:p='u'/><p:b/></iq>", 0,
	  "error XML_E_UNDECLARED_PREFIX@21\nstatus ERROR\n" },
	{ "prefix declared on a previous stanza", true, "<a xmlns:p='u'/><p:b/>", 0,
	  "stanza <a/>\nerror XML_E_UNDECLARED_PREFIX@17\nstatus ERROR\n" },
	{ "xml prefix may be declared correctly", true,
	  "<m xmlns:xml='http://www.w3.org/XML/1998/namespace'/>", 0, "stanza <m/>\nstatus OK\n" },
	{ "xml prefix bound elsewhere", true, "<m xmlns:xml='urn:x'/>", 0,
	  "error XML_E_RESERVED_PREFIX@3\nstatus ERROR\n" },
	{ "xmlns prefix declared", true, "<m xmlns:xmlns='urn:x'/>", 0,
	  "error XML_E_RESERVED_PREFIX@3\nstatus ERROR\n" },
	{ "prefix bound to the xmlns namespace", true, "<m xmlns:p='http://www.w3.org/2000/xmlns/'/>", 0,
	  "error XML_E_RESERVED_PREFIX@3\nstatus ERROR\n" },
	{ "default namespace bound to the xml namespace", true,
	  "<m xmlns='http://www.w3.org/XML/1998/namespace'/>", 0,
	  "error XML_E_RESERVED_PREFIX@3\nstatus ERROR\n" },
	{ "prefix bound to an empty name", true, "<m xmlns:p=''/>", 0,
	  "error XML_E_EMPTY_PREFIX_DECL@3\nstatus ERROR\n" },
};

#define CASE_COUNT (sizeof cases / sizeof cases[0])

static size_t case_len(const struct xml_case *c)
{
	return c->input_len != 0 ? c->input_len : strlen(c->input);
}

/* The whole input: HDR + body for header cases. */
static uint8_t *case_input(const struct xml_case *c, size_t *len)
{
	size_t hdr = c->header ? strlen(HDR) : 0, body = case_len(c);
	uint8_t *in = malloc(hdr + body);
	ck_assert_ptr_nonnull(in);
	memcpy(in, HDR, hdr);
	memcpy(in + hdr, c->input, body);
	*len = hdr + body;
	return in;
}

static void check_log(const struct xml_case *c, const char *log, const char *how)
{
	char expect[4096];
	snprintf(expect, sizeof expect, "%s%s", c->header ? OPEN : "", c->expect);
	if (strcmp(log, expect) != 0)
		ck_abort_msg("case '%s' (%s):\n--- expected\n%s--- got\n%s", c->name, how, expect, log);
}

/* Requirement: RFC6120-11.1-b, RFC6120-11.3-b, RFC6120-11.5-d, RFC6120-11.6-a, RFC6120-11.6-c, RFC6120-11.6-g, RFC6120-12-a */
START_TEST(test_case_whole)
{
	const struct xml_case *c = &cases[_i];
	size_t len;
	uint8_t *in = case_input(c, &len);
	char *log = xml_log_run(in, len, 0, 0, NULL, mem_default(), c->header ? strlen(HDR) : 0);
	check_log(c, log, "one chunk");
	free(log);
	free(in);
}
END_TEST

/* The same log at every chunk size and over random splits (chunk-split invariance). */
/* Requirement: RFC6120-8-c */
START_TEST(test_case_chunked)
{
	const struct xml_case *c = &cases[_i];
	size_t len;
	uint8_t *in = case_input(c, &len);
	uint64_t base = c->header ? strlen(HDR) : 0;
	char how[64];
	for (size_t chunk = 1; chunk <= 64 && chunk <= len; chunk++) {
		char *log = xml_log_run(in, len, chunk, 0, NULL, mem_default(), base);
		snprintf(how, sizeof how, "chunks of %zu", chunk);
		check_log(c, log, how);
		free(log);
	}
	for (uint32_t seed = 1; seed <= 100; seed++) {
		char *log = xml_log_run(in, len, 1 + seed % 17, seed, NULL, mem_default(), base);
		snprintf(how, sizeof how, "random split, seed %u", seed);
		check_log(c, log, how);
		free(log);
	}
	free(in);
}
END_TEST

/* ---- limits (policy-violation, RFC 6120 §13.12) ---- */

struct limit_case {
	const char *name;
	struct xml_limits limits;
	const char *input;  /* after HDR */
	const char *expect; /* after OPEN */
};

#define L(stanza, depth, attrs, name, text) { stanza, depth, attrs, name, text }
static const struct limit_case limit_cases[] = {
	{ "stanza exactly at the size limit", L(12, 32, 64, 1024, 1024), "<m>12345</m>",
	  "stanza <m>12345</m>\nstatus OK\n" },
	{ "stanza one byte over", L(11, 32, 64, 1024, 1024), "<m>12345</m>",
	  "error XML_E_LIMIT_STANZA_BYTES@11\nstatus ERROR\n" },
	{ "whitespace between stanzas is not counted", L(4, 32, 64, 1024, 1024), "<a/>    <b/>",
	  "stanza <a/>\nstanza <b/>\nstatus OK\n" },
	{ "malformed byte past the limit reports the limit", L(4, 32, 64, 1024, 1024), "<abcd\x01",
	  "error XML_E_LIMIT_STANZA_BYTES@4\nstatus ERROR\n" },
	/* Found by fuzzing (fuzz/regress/): the stanza is known to start only at its
	 * name's first byte, already past a limit of 1; the machine must not run. */
	{ "stanza limit of one byte", L(1, 32, 64, 1024, 1024), "<a/>",
	  "error XML_E_LIMIT_STANZA_BYTES@1\nstatus ERROR\n" },
	/* Found by fuzzing: text over its limit before the stanza limit is reached
	 * must be reported first, however the input is split. */
	{ "text limit before the stanza limit", L(60, 32, 64, 1024, 40),
	  "<a>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</a>",
	  "error XML_E_LIMIT_TEXT_BYTES@43\nstatus ERROR\n" },
	{ "depth at the limit", L(1000, 3, 64, 1024, 1024), "<a><b><c/></b></a>",
	  "stanza <a><b><c/></b></a>\nstatus OK\n" },
	{ "depth over the limit", L(1000, 3, 64, 1024, 1024), "<a><b><c><d/></c></b></a>",
	  "error XML_E_LIMIT_DEPTH@9\nstatus ERROR\n" },
	{ "attributes at the limit", L(1000, 32, 2, 1024, 1024), "<m a='1' b='2'/>",
	  "stanza <m a='1' b='2'/>\nstatus OK\n" },
	{ "attributes over the limit", L(1000, 32, 2, 1024, 1024), "<m a='1' b='2' c='3'/>",
	  "error XML_E_LIMIT_ATTRS@15\nstatus ERROR\n" },
	{ "declarations count as attributes", L(1000, 32, 1, 1024, 1024), "<m xmlns='u' a='1'/>",
	  "error XML_E_LIMIT_ATTRS@13\nstatus ERROR\n" },
	/* The header's own name (13 bytes) and namespace (32 bytes) must fit too. */
	{ "name at the limit", L(1000, 32, 64, 16, 1024), "<abcdefghijklmnop/>",
	  "stanza <abcdefghijklmnop/>\nstatus OK\n" },
	{ "name over the limit", L(1000, 32, 64, 16, 1024), "<abcdefghijklmnopq/>",
	  "error XML_E_LIMIT_NAME_BYTES@17\nstatus ERROR\n" },
	{ "attribute name over the limit", L(1000, 32, 64, 16, 1024), "<m abcdefghijklmnopq='1'/>",
	  "error XML_E_LIMIT_NAME_BYTES@19\nstatus ERROR\n" },
	{ "end tag name over the limit", L(1000, 32, 64, 16, 1024), "<m></abcdefghijklmnopq>",
	  "error XML_E_LIMIT_NAME_BYTES@21\nstatus ERROR\n" },
	/* Whole or split, the name is over the limit before the bad byte comes. */
	{ "name over the limit, then a bad byte", L(1000, 32, 64, 16, 1024), "<abcdefghijklmnopq\x01",
	  "error XML_E_LIMIT_NAME_BYTES@17\nstatus ERROR\n" },
	{ "text at the limit", L(1000, 32, 64, 64, 40), "<m>0123456789012345678901234567890123456789</m>",
	  "stanza <m>0123456789012345678901234567890123456789</m>\nstatus OK\n" },
	{ "text over the limit", L(1000, 32, 64, 64, 40), "<m>0123456789012345678901234567890123456789x</m>",
	  "error XML_E_LIMIT_TEXT_BYTES@43\nstatus ERROR\n" },
	{ "decoded text over the limit", L(1000, 32, 64, 64, 40),
	  "<m>0123456789012345678901234567890123456789&amp;</m>",
	  "error XML_E_LIMIT_TEXT_BYTES@47\nstatus ERROR\n" },
	{ "attribute value over the limit", L(1000, 32, 64, 64, 40),
	  "<m a='0123456789012345678901234567890123456789x'/>",
	  "error XML_E_LIMIT_TEXT_BYTES@46\nstatus ERROR\n" },
};

/* Requirement: RFC6120-13.12-d */
START_TEST(test_limit)
{
	const struct limit_case *c = &limit_cases[_i];
	/* A header with one attribute, so that small attribute limits leave it alone. */
	static const char hdr[] = "<stream:stream xmlns:stream='" NS_STREAM "'>";
	char input[512], expect[1024];
	snprintf(input, sizeof input, "%s%s", hdr, c->input);
	snprintf(expect, sizeof expect, "open <stream xmlns='" NS_STREAM "'/>\n%s", c->expect);
	size_t len = strlen(input);
	for (size_t chunk = 0; chunk <= len; chunk++) {
		char *log = xml_log_run((const uint8_t *)input, len, chunk, 0, &c->limits, mem_default(),
					strlen(hdr));
		if (strcmp(log, expect) != 0)
			ck_abort_msg("limit case '%s' chunk %zu:\n--- expected\n%s--- got\n%s", c->name,
				     chunk, expect, log);
		free(log);
	}
}
END_TEST

/* ---- properties over a corpus ---- */

/* Stanzas of every kind above, valid, used by round-trip, pause and allocation tests. */
static const char corpus[] = HDR
	"<message to='juliet@example.com/balcony' from='romeo@example.net/orchard' type='chat' "
	"xml:lang='en' id='m1'><body>Art thou not Romeo, &amp; a Montague?</body>"
	"<thread>e0ffe42b28561960c6b12b944a092794b9683a38</thread>"
	"<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
	"<p>Art <em>thou</em> not</p></body></html></message>"
	"<presence><show>away</show><status>\xe2\x98\x95 tea\r\n</status>"
	"<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>"
	"</presence>"
	"<iq type='result' id='r1'><query xmlns='jabber:iq:roster' ver='v1'>"
	"<item jid='nurse@example.com' name='N&#x00e9;e' subscription='both'><group>Friends</group></item>"
	"</query></iq>"
	"<iq type='set' id='x'><p:pubsub xmlns:p='http://jabber.org/protocol/pubsub' xmlns:d='urn:d'>"
	"<p:publish node='n' d:attr='v&#9;w'><p:item><![CDATA[<raw> & stuff]]><xml:x>in xml ns</xml:x></p:item>"
	"</p:publish>"
	"</p:pubsub></iq>"
	"</stream:stream>";

struct roundtrip {
	struct buf out;
	struct span content_ns;
	uint8_t ns_copy[64];
	int stanzas;
	int equal;
	const struct xml_node *original;
};

static enum xml_verdict rt_open(void *ctx, const struct xml_node *root)
{
	struct roundtrip *rt = ctx;
	memcpy(rt->ns_copy, root->default_ns.ptr, root->default_ns.len);
	rt->content_ns = span_of(rt->ns_copy, root->default_ns.len);
	return XML_CONTINUE;
}

static enum xml_verdict rt_compare(void *ctx, const struct xml_node *reparsed)
{
	struct roundtrip *rt = ctx;
	rt->equal += xml_node_equal(rt->original, reparsed);
	return XML_CONTINUE;
}

/* For each stanza: serialize, parse the bytes again, compare the trees. */
static enum xml_verdict rt_stanza(void *ctx, const struct xml_node *stanza)
{
	struct roundtrip *rt = ctx;
	rt->stanzas++;
	buf_clear(&rt->out);
	ck_assert(buf_append(&rt->out, HDR, strlen(HDR)));
	ck_assert_int_eq(xml_write(&rt->out, stanza, rt->content_ns), XML_WRITE_OK);
	struct roundtrip inner = { .original = stanza };
	struct xml_handler h = { &inner, NULL, rt_compare, NULL };
	struct xml_parser *xp = xml_parser_new(mem_default(), NULL, &h);
	size_t used;
	ck_assert_int_eq(xml_parser_feed(xp, rt->out.data, rt->out.len, &used), XML_STATUS_OK);
	ck_assert_int_eq(inner.equal, 1);
	xml_parser_free(xp);
	rt->equal += inner.equal;
	return XML_CONTINUE;
}

/* Requirement: RFC6120-11.1-a, RFC6120-11.3-a, RFC6120-11.3-c, RFC6120-11.6-b */
START_TEST(test_roundtrip_identity)
{
	struct roundtrip rt = { .stanzas = 0 };
	buf_init(&rt.out, mem_default());
	struct xml_handler h = { &rt, rt_open, rt_stanza, NULL };
	struct xml_parser *xp = xml_parser_new(mem_default(), NULL, &h);
	size_t used;
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)corpus, strlen(corpus), &used),
			 XML_STATUS_CLOSED);
	ck_assert_int_eq(rt.stanzas, 4);
	ck_assert_int_eq(rt.equal, 4);
	xml_parser_free(xp);
	buf_free(&rt.out);
}
END_TEST

/* Trees are borrowed during their callback only: compare variant j, parsed inside
 * the callback for variant i, with variant i. */
struct equal_probe {
	const char *other;
	const struct xml_node *first;
	int verdict; /* -1: not reached, else xml_node_equal */
};

static enum xml_verdict probe_second(void *ctx, const struct xml_node *n)
{
	struct equal_probe *pr = ctx;
	pr->verdict = xml_node_equal(pr->first, n);
	return XML_CONTINUE;
}

static enum xml_verdict probe_first(void *ctx, const struct xml_node *n)
{
	struct equal_probe *pr = ctx;
	pr->first = n;
	struct xml_handler h = { pr, NULL, probe_second, NULL };
	struct xml_parser *xp = xml_parser_new(mem_default(), NULL, &h);
	size_t used;
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)pr->other, strlen(pr->other), &used),
			 XML_STATUS_OK);
	xml_parser_free(xp);
	return XML_CONTINUE;
}

START_TEST(test_equal_detects_differences)
{
	/* xml_node_equal must not be trivially true, or the round-trip test proves nothing. */
	static const char *const variants[] = {
		HDR "<m a='1'><b>t</b></m>", HDR "<m a='2'><b>t</b></m>", HDR "<m b='1'><b>t</b></m>",
		HDR "<m a='1'><b>u</b></m>", HDR "<m a='1'><c>t</c></m>", HDR "<m a='1' xmlns='x'><b>t</b></m>",
		HDR "<m a='1'><b>t</b><b/></m>", HDR "<n a='1'><b>t</b></n>", HDR "<m a='1'>t<b>t</b></m>",
		HDR "<m xmlns:p='u' p:a='1'><b>t</b></m>", HDR "<m a='1'><b/></m>",
	};
	enum { N = sizeof variants / sizeof variants[0] };
	for (int i = 0; i < N; i++) {
		for (int j = 0; j < N; j++) {
			struct equal_probe pr = { variants[j], NULL, -1 };
			struct xml_handler h = { &pr, NULL, probe_first, NULL };
			struct xml_parser *xp = xml_parser_new(mem_default(), NULL, &h);
			size_t used;
			ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)variants[i],
							 strlen(variants[i]), &used), XML_STATUS_OK);
			xml_parser_free(xp);
			ck_assert_msg(pr.verdict == (i == j), "variants %d and %d: equal=%d", i, j, pr.verdict);
		}
	}
}
END_TEST

struct pauser {
	int stanzas;
	int closes;
};

static enum xml_verdict pause_stanza(void *ctx, const struct xml_node *n)
{
	(void)n;
	((struct pauser *)ctx)->stanzas++;
	return XML_PAUSE;
}

static void pause_close(void *ctx)
{
	((struct pauser *)ctx)->closes++;
}

/* After <starttls/> the rest of the read is TLS: the handler must be able to stop
 * the parser right after a stanza and get back exactly where it stopped. */
START_TEST(test_pause_stops_after_the_stanza)
{
	struct pauser pz = { 0, 0 };
	struct xml_handler h = { &pz, NULL, pause_stanza, pause_close };
	struct xml_parser *xp = xml_parser_new(mem_default(), NULL, &h);
	const char *in = HDR "<starttls/>\x16\x03\x01garbage";
	size_t used, hdr = strlen(HDR);
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)in, strlen(in), &used), XML_STATUS_PAUSED);
	ck_assert_uint_eq(used, hdr + strlen("<starttls/>"));
	ck_assert_int_eq(pz.stanzas, 1);
	/* A restart: the next stream begins from scratch. */
	xml_parser_reset(xp);
	const char *again = HDR "<a/></stream:stream>";
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)again, strlen(again), &used), XML_STATUS_PAUSED);
	ck_assert_uint_eq(used, hdr + 4);
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)again + used, strlen(again) - used, &used),
			 XML_STATUS_CLOSED);
	ck_assert_int_eq(pz.closes, 1);
	ck_assert_int_eq(xml_parser_finish(xp), XML_STATUS_CLOSED);
	xml_parser_free(xp);
}
END_TEST

/* Found by fuzzing: the connection trims the parser every loop turn; a trim
 * while </stream:stream> is half-read must not free its name. */
START_TEST(test_trim_between_reads_keeps_tokens)
{
	struct xml_parser *xp = xml_parser_new(mem_default(), NULL, NULL);
	const char *in = HDR "<message><body>split</body></message></stream:stream>";
	size_t len = strlen(in), at = 0, used;
	enum xml_status st = XML_STATUS_OK;
	while (at < len && st == XML_STATUS_OK) {
		size_t n = len - at < 2 ? len - at : 2;
		st = xml_parser_feed(xp, (const uint8_t *)in + at, n, &used);
		at += used;
		xml_parser_trim(xp);
	}
	ck_assert_int_eq(st, XML_STATUS_CLOSED);
	xml_parser_free(xp);
}
END_TEST

START_TEST(test_finish_before_close_is_an_error)
{
	struct xml_parser *xp = xml_parser_new(mem_default(), NULL, NULL);
	size_t used;
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)HDR "<m>", strlen(HDR) + 3, &used), XML_STATUS_OK);
	ck_assert_int_eq(xml_parser_finish(xp), XML_STATUS_ERROR);
	ck_assert_int_eq(xml_parser_error(xp).error, XML_E_UNEXPECTED_END);
	ck_assert_uint_eq(xml_parser_error(xp).offset, strlen(HDR) + 3);
	/* Errors are final: no more input is taken. */
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)"</m>", 4, &used), XML_STATUS_ERROR);
	ck_assert_uint_eq(used, 0);
	xml_parser_free(xp);
}
END_TEST

/* Allocation k fails, for every k: the parser reports XML_E_NOMEM (or cannot be
 * created) and leaks nothing (LeakSanitizer checks under `make check`). */
struct failing_mem {
	long countdown; /* allocations left before the failing one; < 0: never fail */
	long calls;
};

static void *failing_alloc(void *ctx, size_t size)
{
	struct failing_mem *fm = ctx;
	fm->calls++;
	if (fm->countdown == 0)
		return NULL;
	if (fm->countdown > 0)
		fm->countdown--;
	return malloc(size);
}

static void failing_release(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

START_TEST(test_allocation_failures)
{
	struct failing_mem fm = { -1, 0 };
	struct mem m = { failing_alloc, failing_release, &fm };
	struct xml_limits small = xml_limits_default();
	char *clean = xml_log_run((const uint8_t *)corpus, strlen(corpus), 7, 0, &small, &m, 0);
	long total = fm.calls;
	ck_assert_int_gt(total, 2);
	ck_assert_ptr_null(strstr(clean, "error"));
	for (long k = 0; k < total; k++) {
		fm.countdown = k;
		fm.calls = 0;
		char *log = xml_log_run((const uint8_t *)corpus, strlen(corpus), 7, 0, &small, &m, 0);
		if (strstr(log, "XML_E_NOMEM") == NULL)
			ck_abort_msg("allocation %ld failed silently:\n%s", k, log);
		/* Everything reported before the failure is what the clean run reported. */
		size_t prefix = (size_t)(strstr(log, "error") - log);
		ck_assert_int_eq(strncmp(log, clean, prefix), 0);
		free(log);
	}
	free(clean);
}
END_TEST

START_TEST(test_idle_trim_releases_stanza_memory)
{
	struct xml_parser *xp = xml_parser_new(mem_default(), NULL, NULL);
	size_t used, idle = xml_parser_memory(xp);
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)corpus, strlen(corpus) - 16, &used),
			 XML_STATUS_OK);
	ck_assert_uint_gt(xml_parser_memory(xp), idle);
	xml_parser_trim(xp);
	/* Only the stream header's arena remains. */
	ck_assert_uint_le(xml_parser_memory(xp), idle + 1024);
	xml_parser_free(xp);
}
END_TEST

/* The machine skips runs of plain bytes 16 at a time (xml_skip_text and friends,
 * src/xml_machine.h); fed one byte at a time it never skips. The two must agree
 * for every byte that ends a run, at every position of a long run, in text,
 * both attribute quote styles and names. */
START_TEST(test_skip_loops_equal_stepping)
{
	static const char *const frames[][2] = {
		{ "<m>", "</m>" }, { "<m a='", "'/>" }, { "<m a=\"", "\"/>" }, { "<m", "/>" }, { "<m ", "='1'/>" },
	};
	static const char *const stops[] = { "<", "&", "]", "]]>", "]>", ">", "\r", "\r\n", "\n", "\t", "'", "\"",
					     "\x01", "\x80", "\xc3", "\xc3\xa9", "\xe2\x82\xac", "\xff", ":", " ",
					     "/", "=", "x", "&amp;" };
	char input[512];
	for (size_t f = 0; f < sizeof frames / sizeof frames[0]; f++) {
		for (size_t at = 0; at < 40; at++) {
			for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++) {
				int n = snprintf(input, sizeof input, "%s%s", HDR, frames[f][0]);
				for (size_t i = 0; i < 48; i++) {
					if (i == at)
						n += snprintf(input + n, sizeof input - (size_t)n, "%s", stops[k]);
					input[n++] = (char)('a' + i % 26);
				}
				n += snprintf(input + n, sizeof input - (size_t)n, "%s", frames[f][1]);
				char *whole = xml_log_run((const uint8_t *)input, (size_t)n, 0, 0, NULL, mem_default(), 0);
				char *stepped = xml_log_run((const uint8_t *)input, (size_t)n, 1, 0, NULL, mem_default(), 0);
				if (strcmp(whole, stepped) != 0)
					ck_abort_msg("frame %zu, stop %zu at %zu:\nwhole:\n%sstepped:\n%s", f, k, at,
						     whole, stepped);
				free(whole);
				free(stepped);
			}
		}
	}
}
END_TEST

/* Requirement: RFC6120-4.9.2-b, RFC6120-4.9.3.1-b, RFC6120-4.9.3.17-a, RFC6120-4.9.3.21-a */
START_TEST(test_error_tables_complete)
{
	/* RFC 6120 §4.9.3: the defined stream error conditions (undefined-condition
	 * is left out: it goes only with an application-specific condition). */
	static const char *const defined[] = {
		"bad-format", "bad-namespace-prefix", "conflict", "connection-timeout", "host-gone",
		"host-unknown", "improper-addressing", "internal-server-error", "invalid-from",
		"invalid-namespace", "invalid-xml", "not-authorized", "not-well-formed", "policy-violation",
		"remote-connection-failed", "reset", "resource-constraint", "restricted-xml", "see-other-host",
		"system-shutdown", "unsupported-encoding", "unsupported-feature", "unsupported-stanza-type",
		"unsupported-version",
	};
	for (int e = 0; e < XML_ERROR_COUNT; e++) {
		ck_assert_ptr_nonnull(xml_error_name(e));
		ck_assert_str_ne(xml_error_name(e), "");
		ck_assert_ptr_nonnull(xml_error_text(e));
		if (e != XML_OK) {
			ck_assert_str_ne(xml_error_condition(e), "");
			ck_assert_ptr_nonnull(strstr(xml_error_text(e), "§"));
			bool known = false;
			for (size_t c = 0; c < sizeof defined / sizeof defined[0]; c++)
				known = known || strcmp(xml_error_condition(e), defined[c]) == 0;
			ck_assert_msg(known, "%s: condition '%s'", xml_error_name(e), xml_error_condition(e));
		}
	}
	/* The server could not go on for lack of memory (§4.9.3.17). */
	ck_assert_str_eq(xml_error_condition(XML_E_NOMEM), "resource-constraint");
	/* bad-format only where no specific condition fits (§4.9.3.1): text
	 * between stanzas; syntax is not-well-formed, restrictions restricted-xml. */
	for (int e = 1; e < XML_ERROR_COUNT; e++)
		ck_assert(strcmp(xml_error_condition(e), "bad-format") != 0 || e == XML_E_STREAM_TEXT);
	ck_assert_str_eq(xml_error_condition(XML_E_PI), "restricted-xml");
	ck_assert_str_eq(xml_error_condition(XML_E_TAG_MISMATCH), "not-well-formed");
	ck_assert_str_eq(xml_error_name(XML_ERROR_COUNT), "XML_E_UNKNOWN");
	ck_assert_str_eq(xml_error_condition(XML_E_COMMENT), "restricted-xml");
	ck_assert_str_eq(xml_error_condition(XML_E_STREAM_NAMESPACE), "invalid-namespace");
	ck_assert_str_eq(xml_error_condition(XML_E_UNDECLARED_PREFIX), "bad-namespace-prefix");
	ck_assert_str_eq(xml_error_condition(XML_E_ENCODING), "unsupported-encoding");
	ck_assert_str_eq(xml_error_condition(XML_E_LIMIT_DEPTH), "policy-violation");
	ck_assert_str_eq(xml_error_condition(XML_E_SYNTAX), "not-well-formed");
}
END_TEST

Suite *xml_suite(void)
{
	Suite *s = suite_create("xml");
	TCase *tc = tcase_create("cases");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_case_whole, 0, CASE_COUNT);
	tcase_add_loop_test(tc, test_case_chunked, 0, CASE_COUNT);
	tcase_add_loop_test(tc, test_limit, 0, sizeof limit_cases / sizeof limit_cases[0]);
	suite_add_tcase(s, tc);
	TCase *props = tcase_create("properties");
	tcase_set_timeout(props, 120);
	tcase_add_test(props, test_roundtrip_identity);
	tcase_add_test(props, test_equal_detects_differences);
	tcase_add_test(props, test_pause_stops_after_the_stanza);
	tcase_add_test(props, test_finish_before_close_is_an_error);
	tcase_add_test(props, test_trim_between_reads_keeps_tokens);
	tcase_add_test(props, test_allocation_failures);
	tcase_add_test(props, test_idle_trim_releases_stanza_memory);
	tcase_add_test(props, test_error_tables_complete);
	tcase_add_test(props, test_skip_loops_equal_stepping);
	suite_add_tcase(s, props);
	return s;
}
