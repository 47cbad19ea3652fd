/* check_error_texts.c - every error text the server can send cites the
 * section it follows (tests/cites_section.h; conformance/run.py checks the
 * same rule on the wire, but only for the errors its scenarios provoke).
 *
 * The tables (XML, SASL, JID, stream refusals) are read through their
 * accessors. The texts written inline are found in the sources themselves:
 * every string literal passed to one of the functions that emit an error
 * (iq_fail, im_bounce, iq_error, fail_with, sasl_failure, terminate ...) that
 * is not a type or condition keyword nor markup must cite a section. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cites_section.h"
#include "jid.h"
#include "sasl_parse.h"
#include "stream.h"
#include "suites.h"
#include "xml.h"

START_TEST(test_tables_cite_sections)
{
	for (int e = 1; e < XML_ERROR_COUNT; e++)
		ck_assert_msg(cites_section(xml_error_text((enum xml_error)e)), "%s: %s", xml_error_name((enum xml_error)e),
			      xml_error_text((enum xml_error)e));
	for (int e = 1; e < SASL_ERROR_COUNT; e++)
		ck_assert_msg(cites_section(sasl_error_text((enum sasl_error)e)), "%s: %s",
			      sasl_error_name((enum sasl_error)e), sasl_error_text((enum sasl_error)e));
	for (int e = 1; e < JID_STATUS_COUNT; e++)
		ck_assert_msg(cites_section(jid_status_text((enum jid_status)e)), "%s: %s",
			      jid_status_name((enum jid_status)e), jid_status_text((enum jid_status)e));
	for (int r = 0; r < STREAM_REFUSAL_COUNT; r++)
		ck_assert_msg(cites_section(stream_refusal_text((enum stream_refusal)r)), "%s: %s",
			      stream_refusal_name((enum stream_refusal)r), stream_refusal_text((enum stream_refusal)r));
}
END_TEST

START_TEST(test_the_rule_itself)
{
	ck_assert(cites_section("RFC 6120 §4.9.3.6: this server does not serve that domain"));
	ck_assert(cites_section("RFC 6120 §7.7.2.1, RFC 7622 §3.4: the resourcepart is not valid"));
	ck_assert(cites_section("XEP-0191 §3.3: you have blocked this address"));
	ck_assert(cites_section("RFC 6121 §A.3.3: an appendix"));
	ck_assert(!cites_section("out of memory"));
	ck_assert(!cites_section("RFC 6120: no section"));
	ck_assert(!cites_section("RFC 6120 §4.9.3.6 and no explanation"));
	ck_assert(!cites_section("RFC 6120 §4.9.3.6:"));
	ck_assert(!cites_section("XML 1.0 §3: not an RFC or XEP first"));
	ck_assert(!cites_section("RFC 612 §4: three digits"));
}
END_TEST

/* The functions whose literal arguments are error texts (or types, conditions
 * and application-specific markup, which are told apart by their form). */
static const char *const emitters[] = { "iq_fail(", "im_bounce(", "im_bounce_app(", "iq_error(", "fail_with(",
					"sasl_failure(", "terminate(", NULL };

static bool keyword(const char *s)
{
	if (*s == '\0')
		return true;
	for (; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || *s == '-'))
			return false;
	}
	return true;
}

/* From just after an emitter's '(' to its matching ')': checks each literal
 * (adjacent literals joined). Returns the number of literals checked. */
static int check_call(const char *file, int line, const char *p, int *bad)
{
	int depth = 1, checked = 0;
	char lit[1024];
	size_t n = 0;
	bool in_lit = false, pending = false;
	for (; *p != '\0' && depth > 0; p++) {
		if (in_lit) {
			if (*p == '\\' && p[1] != '\0') {
				if (n + 1 < sizeof lit)
					lit[n++] = p[1];
				p++;
			} else if (*p == '"') {
				in_lit = false;
				pending = true;
			} else if (n + 1 < sizeof lit) {
				lit[n++] = *p;
			}
			continue;
		}
		if (*p == '"') {
			in_lit = true;
			if (!pending)
				n = 0;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\n')
			continue;
		if (*p == '\'' && p[1] != '\0' && p[2] == '\'') {
			p += 2; /* a character literal such as '(' */
			continue;
		}
		if (pending) {
			lit[n] = '\0';
			pending = false;
			if (!keyword(lit) && lit[0] != '<') {
				checked++;
				if (!cites_section(lit)) {
					fprintf(stderr, "%s:%d: error text cites no section: \"%s\"\n", file, line, lit);
					++*bad;
				}
			}
		}
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
	}
	return checked;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	char *data = NULL;
	if (fseek(f, 0, SEEK_END) == 0) {
		long size = ftell(f);
		if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)size + 1)) != NULL) {
			size_t got = fread(data, 1, (size_t)size, f);
			data[got] = '\0';
		}
	}
	fclose(f);
	return data;
}

START_TEST(test_inline_texts_cite_sections)
{
	DIR *d = opendir("src");
	ck_assert_ptr_nonnull(d);
	int bad = 0, checked = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0)
			continue;
		char path[300];
		(void)snprintf(path, sizeof path, "src/%s", e->d_name);
		char *src = slurp(path);
		ck_assert_ptr_nonnull(src);
		for (const char *const *em = emitters; *em != NULL; em++) {
			for (const char *hit = strstr(src, *em); hit != NULL; hit = strstr(hit + 1, *em)) {
				/* a whole name: not sio_terminate(, nor the tail of another */
				char before = hit > src ? hit[-1] : ' ';
				if ((before >= 'a' && before <= 'z') || before == '_' || (before >= '0' && before <= '9'))
					continue;
				int line = 1;
				for (const char *q = src; q < hit; q++)
					line += *q == '\n';
				checked += check_call(path, line, hit + strlen(*em), &bad);
			}
		}
		free(src);
	}
	closedir(d);
	ck_assert_msg(bad == 0, "%d error texts in src/ cite no section (listed above)", bad);
	/* The scan must find the texts, or it proves nothing. */
	ck_assert_int_gt(checked, 100);
}
END_TEST

Suite *error_texts_suite(void)
{
	Suite *s = suite_create("error_texts");
	TCase *tc = tcase_create("error_texts");
	tcase_add_test(tc, test_the_rule_itself);
	tcase_add_test(tc, test_tables_cite_sections);
	tcase_add_test(tc, test_inline_texts_cite_sections);
	suite_add_tcase(s, tc);
	return s;
}
