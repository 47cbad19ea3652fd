/* expat_oracle.c - see expat_oracle.h.
 *
 * expat runs namespace-aware (XML_ParserCreateNS), with UTF-8 imposed as the
 * protocol encoding: the subset is UTF-8 only (RFC 6120 §11.6), and without it
 * expat would read "<\0" as the start of UTF-16 where we see a NUL byte. */
#include "expat_oracle.h"

#include <expat.h>
#include <string.h>

#include "driver.h"

/* expat >= 2.6 (and distribution backports, e.g. Debian's 2.5.0+deb12u2) defer
 * re-parsing a partial token until enough bytes arrive, which would delay
 * detection when fed byte by byte. Declared weak so that this builds and runs
 * against any expat 2.x, with or without the call. */
XMLPARSEAPI(XML_Bool) XML_SetReparseDeferralEnabled(XML_Parser parser, XML_Bool enabled);
#pragma weak XML_SetReparseDeferralEnabled

/* Separates namespace URI and local name in expat's names. Not an XML Char
 * (even by reference), so it cannot occur in a URI or a name. */
#define NS_SEP '\x01'

static const uint8_t *g_input;
static size_t g_len;

static void put(struct buf *b, const void *bytes, size_t len)
{
	if (!buf_append(b, bytes, len))
		fuzz_fail(g_input, g_len, "expat oracle out of memory", "malloc failed in the oracle");
}

static void put_byte(struct buf *b, char c)
{
	put(b, &c, 1);
}

static bool is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct expat_log {
	struct buf *events;
	struct buf text;   /* character data not yet written */
	size_t depth;      /* open elements, the root included */
};

static void flush_text(struct expat_log *lg)
{
	if (lg->text.len == 0)
		return;
	if (lg->depth >= 2) {
		put_byte(lg->events, 'T');
		put(lg->events, lg->text.data, lg->text.len);
		put_byte(lg->events, REC_END);
	} else {
		/* Between stanzas: our parser keeps no text, and only whitespace may be there. */
		for (size_t i = 0; i < lg->text.len; i++) {
			if (!is_space(lg->text.data[i])) {
				put_byte(lg->events, 'X');
				put(lg->events, lg->text.data, lg->text.len);
				put_byte(lg->events, REC_END);
				break;
			}
		}
	}
	buf_clear(&lg->text);
}

/* "uri<NS_SEP>local", or "local" when in no namespace. */
static void put_name(struct buf *b, const XML_Char *name)
{
	const char *sep = strchr(name, NS_SEP);
	if (sep != NULL) {
		put(b, name, (size_t)(sep - name));
		put_byte(b, REC_FIELD);
		put(b, sep + 1, strlen(sep + 1));
	} else {
		put_byte(b, REC_FIELD);
		put(b, name, strlen(name));
	}
}

static void XMLCALL on_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	struct expat_log *lg = ctx;
	flush_text(lg);
	put_byte(lg->events, 'S');
	put_name(lg->events, name);
	put_byte(lg->events, REC_END);
	for (size_t i = 0; atts[i] != NULL; i += 2) {
		put_byte(lg->events, 'A');
		put_name(lg->events, atts[i]);
		put_byte(lg->events, REC_FIELD);
		put(lg->events, atts[i + 1], strlen(atts[i + 1]));
		put_byte(lg->events, REC_END);
	}
	lg->depth++;
}

static void XMLCALL on_end(void *ctx, const XML_Char *name)
{
	(void)name;
	struct expat_log *lg = ctx;
	flush_text(lg);
	put_byte(lg->events, 'E');
	put_byte(lg->events, REC_END);
	lg->depth--;
}

static void XMLCALL on_text(void *ctx, const XML_Char *s, int len)
{
	struct expat_log *lg = ctx;
	put(&lg->text, s, (size_t)len);
}

static XML_Parser parser_new(struct expat_log *lg)
{
	XML_Parser p = XML_ParserCreateNS("UTF-8", NS_SEP);
	if (p == NULL)
		fuzz_fail(g_input, g_len, "expat oracle out of memory", "XML_ParserCreateNS failed");
	if (XML_SetReparseDeferralEnabled != NULL)
		XML_SetReparseDeferralEnabled(p, XML_FALSE);
	XML_SetHashSalt(p, 1); /* deterministic runs */
	if (lg != NULL) {
		XML_SetUserData(p, lg);
		XML_SetElementHandler(p, on_start, on_end);
		XML_SetCharacterDataHandler(p, on_text);
	}
	return p;
}

static size_t bytewise(XML_Parser p, const uint8_t *in, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (XML_Parse(p, (const char *)in + i, 1, XML_FALSE) != XML_STATUS_OK)
			return i;
	}
	return ORACLE_NONE;
}

/* expat's error index is where the bad token starts, or the bad byte: nothing
 * before it can have revealed the error, so feed up to it in one call, then
 * byte by byte. */
static size_t detect(const uint8_t *in, size_t len, size_t index, const char **error)
{
	XML_Parser p = parser_new(NULL);
	size_t at = index < len ? index : len, d;
	if (at == 0 || XML_Parse(p, (const char *)in, (int)at, XML_FALSE) == XML_STATUS_OK) {
		d = bytewise(p, in, at, len);
	} else {
		XML_ParserFree(p);
		p = parser_new(NULL);
		d = bytewise(p, in, 0, len);
	}
	*error = XML_ErrorString(XML_GetErrorCode(p));
	XML_ParserFree(p);
	return d;
}

void oracle_run(struct oracle_result *r, const uint8_t *in, size_t n, bool complete)
{
	g_input = in;
	g_len = n;
	buf_init(&r->events, mem_default());
	r->detect = ORACLE_NONE;
	r->error = "no error";
	r->final_ok = false;
	struct expat_log lg = { .events = &r->events, .depth = 0 };
	buf_init(&lg.text, mem_default());
	XML_Parser p = parser_new(&lg);
	if (XML_Parse(p, (const char *)in, (int)n, XML_FALSE) != XML_STATUS_OK) {
		size_t index = (size_t)XML_GetCurrentByteIndex(p);
		r->detect = detect(in, n, index, &r->error);
		if (r->detect == ORACLE_NONE)
			fuzz_fail(in, n, "expat oracle is not split-invariant",
				  "one call reports '%s' at %zu, byte by byte nothing",
				  XML_ErrorString(XML_GetErrorCode(p)), index);
	} else if (complete) {
		r->final_ok = XML_Parse(p, "", 0, XML_TRUE) == XML_STATUS_OK;
		if (!r->final_ok)
			r->error = XML_ErrorString(XML_GetErrorCode(p));
		flush_text(&lg);
	}
	XML_ParserFree(p);
	buf_free(&lg.text);
}

void oracle_result_free(struct oracle_result *r)
{
	buf_free(&r->events);
}
