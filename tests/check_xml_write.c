/* check_xml_write.c - escaping in the serializer (src/xml_write.c). */
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

START_TEST(test_attr_escaping)
{
	expect_text(SPAN_LIT("a<b>c&d'e\"f\t\n\r"), "a&lt;b>c&amp;d&apos;e\"f&#9;&#10;&#13;", true);
}
END_TEST

Suite *xml_write_suite(void)
{
	Suite *s = suite_create("xml_write");
	TCase *tc = tcase_create("escaping");
	tcase_add_test(tc, test_text_escaping);
	tcase_add_test(tc, test_attr_escaping);
	suite_add_tcase(s, tc);
	return s;
}
