/* cites_section.h - the rule every error text the server sends follows, as
 * conformance/run.py checks it on the wire (ERROR_TEXT_RE): it begins with an
 * RFC or XEP section, "RFC 6120 §4.9.3.6: ..." or "XEP-0191 §3.3: ...", maybe
 * more citations before the colon ("RFC 6120 §7.7.2.1, RFC 7622 §3.4: ..."),
 * then ": " and the explanation. Header-only: static, used by several tests. */
#ifndef TESTS_CITES_SECTION_H
#define TESTS_CITES_SECTION_H

#include <stdbool.h>
#include <string.h>

static inline bool cites_section(const char *text)
{
	size_t i;
	if (strncmp(text, "RFC ", 4) == 0)
		i = 4;
	else if (strncmp(text, "XEP-", 4) == 0)
		i = 4;
	else
		return false;
	for (size_t d = 0; d < 4; d++, i++) {
		if (text[i] < '0' || text[i] > '9')
			return false;
	}
	if (strncmp(text + i, " \xc2\xa7", 3) != 0) /* " §" */
		return false;
	i += 3;
	if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'A' && text[i] <= 'Z')))
		return false;
	const char *colon = strchr(text + i, ':');
	return colon != NULL && colon[1] == ' ' && colon[2] != '\0' && colon[2] != ' ';
}

#endif
