/* check_xml_write.c - escaping in the serializer (src/xml_write.c). */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "suites.h"
#include "xml_write.h"

static void expect_text(struct span in, const char *out, bool attr)
{
	struct buf b;
	buf_init(&b, mem_default());
	enum xml_write_status s = attr ? xml_write_attr_value(&b, in) : xml_write_text(&b, in);
	ck_assert_int_eq(s, XML_WRITE_OK);
	ck_assert_uint_eq(b.len, strlen(out));
	ck_assert(b.len == 0 || memcmp(b.data, out, b.len) == 0);
	buf_free(&b);
}

/* Requirement: RFC6120-11.1-a, RFC6120-11.3-a */
START_TEST(test_text_escaping)
{
	expect_text(SPAN_LIT("plain"), "plain", false);
	expect_text(SPAN_LIT("a<b>c&d]]>e\r\n\t'\""), "a&lt;b&gt;c&amp;d]]&gt;e&#13;\n\t'\"", false);
	expect_text(SPAN_LIT(""), "", false);
	/* An absent attribute is an empty span without a pointer (found by fuzz/stream). */
	expect_text(span_of(NULL, 0), "", false);
	expect_text(span_of(NULL, 0), "", true);
}
END_TEST

/* Requirement: RFC6120-11.1-a, RFC6120-11.3-a */
START_TEST(test_attr_escaping)
{
	expect_text(SPAN_LIT("a<b>c&d'e\"f\t\n\r"), "a&lt;b>c&amp;d&apos;e\"f&#9;&#10;&#13;", true);
}
END_TEST

struct stamp_ctx {
	struct buf out;
	struct span from, to, extra;
};

static enum xml_verdict stamp_open(void *ctx, const struct xml_node *root)
{
	(void)ctx;
	(void)root;
	return XML_CONTINUE;
}

static enum xml_verdict stamp_stanza(void *ctx, const struct xml_node *n)
{
	struct stamp_ctx *c = ctx;
	ck_assert_int_eq(xml_write_stanza(&c->out, n, SPAN_LIT("jabber:client"), c->from, c->to, c->extra),
			 XML_WRITE_OK);
	return XML_CONTINUE;
}

static void stamp_close(void *ctx)
{
	(void)ctx;
}

static void stamp_in(const char *header, const char *stanza, struct span from, struct span to, struct span extra,
		     const char *want)
{
	struct stamp_ctx c = { .from = from, .to = to, .extra = extra };
	buf_init(&c.out, mem_default());
	struct xml_limits lim = xml_limits_default();
	struct xml_handler h = { &c, stamp_open, stamp_stanza, stamp_close };
	struct xml_parser *xp = xml_parser_new(mem_default(), &lim, &h);
	char doc[1024];
	int n = snprintf(doc, sizeof doc, "%s%s", header, stanza);
	size_t used = 0;
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)doc, (size_t)n, &used), XML_STATUS_OK);
	ck_assert_msg(span_eq(buf_span(&c.out), span_of(want, strlen(want))), "got %.*s", (int)c.out.len,
		      (const char *)c.out.data);
	xml_parser_free(xp);
	buf_free(&c.out);
}

static void stamp(const char *stanza, struct span from, struct span to, struct span extra, const char *want)
{
	stamp_in("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>", stanza, from,
		 to, extra, want);
}

/* The router rewrites addresses (RFC 6120 §8.1.2.1) and appends a delay
 * (XEP-0203) without touching anything else of the stanza. */
START_TEST(test_write_stanza_addresses)
{
	stamp("<message from='mallory@evil' to='romeo@example.com' type='chat' id='m1'><body>hi &amp; bye</body></message>",
	      SPAN_LIT("juliet@example.com/balcony"), SPAN_LIT("romeo@example.com"), span_of(NULL, 0),
	      "<message from='juliet@example.com/balcony' to='romeo@example.com' type='chat' id='m1'>"
	      "<body>hi &amp; bye</body></message>");
	/* an empty 'to' leaves the attribute out; extra children go last */
	stamp("<message id='m2'><body>x</body></message>", SPAN_LIT("a@b/c"), span_of(NULL, 0),
	      SPAN_LIT("<delay xmlns='urn:xmpp:delay'/>"),
	      "<message from='a@b/c' id='m2'><body>x</body><delay xmlns='urn:xmpp:delay'/></message>");
	/* an empty element stays empty unless there are extra children */
	stamp("<presence to='x@y'/>", SPAN_LIT("a@b/c"), SPAN_LIT("x@y"), span_of(NULL, 0),
	      "<presence from='a@b/c' to='x@y'/>");
	stamp("<iq type='get' id='1' xml:lang='en'><ping xmlns='urn:xmpp:ping'/></iq>", SPAN_LIT("a@b/c"),
	      SPAN_LIT("b"), span_of(NULL, 0),
	      "<iq from='a@b/c' to='b' type='get' id='1' xml:lang='en'><ping xmlns='urn:xmpp:ping'/></iq>");
	/* values are escaped */
	stamp("<message/>", SPAN_LIT("a'b@c"), SPAN_LIT("<x>"), span_of(NULL, 0),
	      "<message from='a&apos;b@c' to='&lt;x>'/>");
}
END_TEST

/* Requirement: RFC6120-8.4-i */
START_TEST(test_write_prefixes_declared_in_stanza)
{
	/* RFC 6120 §8.4: a prefix the writer generates is declared in the stanza
	 * itself, never left to the stream header. Element prefixes become default
	 * namespace declarations; namespaced attributes get a prefix declared on
	 * their own element. */
	stamp("<message id='p1' xmlns:m='urn:example:meta' m:mood='wistful'><m:lute m:strings='6'/></message>",
	      SPAN_LIT("a@b/c"), span_of(NULL, 0), span_of(NULL, 0),
	      "<message from='a@b/c' id='p1' xmlns:a1='urn:example:meta' a1:mood='wistful'>"
	      "<lute xmlns='urn:example:meta' xmlns:a0='urn:example:meta' a0:strings='6'/></message>");
}
END_TEST

/* RFC 6120 §4.8.5: what the router writes never prefixes elements of the
 * content namespace, even when the client did (the prefix is corrected, not
 * passed on), and a namespace the client declared in its stream header is
 * declared again on the element that uses it, since the header does not
 * travel with the stanza. */
/* Requirement: RFC6120-4.8.5-e, RFC6120-4.8.5-g, RFC6120-4.8.5-k */
START_TEST(test_write_stanza_namespaces)
{
	stamp_in("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
		 "xmlns:x='urn:example:ext'>",
		 "<foo:message xmlns:foo='jabber:client' to='romeo@example.com' id='p1'><foo:body>hi</foo:body>"
		 "<x:thing/></foo:message>",
		 SPAN_LIT("juliet@example.com/balcony"), SPAN_LIT("romeo@example.com"), span_of(NULL, 0),
		 "<message from='juliet@example.com/balcony' to='romeo@example.com' id='p1'><body>hi</body>"
		 "<thing xmlns='urn:example:ext'/></message>");
}
END_TEST

Suite *xml_write_suite(void)
{
	Suite *s = suite_create("xml_write");
	TCase *tc = tcase_create("escaping");
	tcase_add_test(tc, test_text_escaping);
	tcase_add_test(tc, test_attr_escaping);
	tcase_add_test(tc, test_write_stanza_addresses);
	tcase_add_test(tc, test_write_prefixes_declared_in_stanza);
	tcase_add_test(tc, test_write_stanza_namespaces);
	suite_add_tcase(s, tc);
	return s;
}
