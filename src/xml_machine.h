/* xml_machine.h - the contract between machines/xml.rl (the tokenizer, compiled by
 * Ragel into generated/xml.c) and src/xml.c (the builder that receives its events).
 *
 * Ownership: struct xml_machine is embedded in the parser; it holds only the
 * machine state and pointers into the chunk being executed, which are
 * meaningless once xml_machine_exec() returns (the builder flushes any piece
 * in progress at the chunk end, see xml.c). Every xml_on_* returns true when
 * the machine must stop (error recorded in the parser, or a pause requested). */
#ifndef XMPPD_XML_MACHINE_H
#define XMPPD_XML_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xml_parser;

struct xml_machine {
	int cs;                 /* Ragel's current state */
	const uint8_t *mark;    /* start of the piece in progress in this chunk, or NULL */
	uint32_t charref;       /* value of the &#...; being read, saturated */
};

void xml_machine_init(struct xml_machine *m);
/* Runs over [p, pe); returns where it stopped (pe unless an action stopped it). */
const uint8_t *xml_machine_exec(struct xml_parser *xp, struct xml_machine *m,
				const uint8_t *p, const uint8_t *pe);
bool xml_machine_failed(const struct xml_machine *m);  /* no transition for a byte */
bool xml_machine_final(const struct xml_machine *m);
/* For the transition-coverage tooling: the start state and the state count. */
int xml_machine_start_state(void);

/* What a reference or a line end decodes to. */
enum xml_decoded { XML_DEC_AMP, XML_DEC_LT, XML_DEC_GT, XML_DEC_QUOT, XML_DEC_APOS,
		   XML_DEC_LF, XML_DEC_SPACE };

/* Restricted constructs (RFC 6120 §11.1) and other refusals found by the grammar. */
enum xml_refusal { XML_REFUSE_COMMENT, XML_REFUSE_PI, XML_REFUSE_DTD,
		   XML_REFUSE_ENTITY, XML_REFUSE_ENCODING };

/* Skip loops: each returns the first byte at or after p (before pe) that is not
 * "plain" for its run; the machine calls them only on transitions into a state
 * that loops on every plain byte, so skipping equals stepping. Never read past pe. */
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Text: [\t\n\x20-\x7f] less < & ] (']' must stay visible to the "]]>" check). */
static inline bool xml_text_plain(uint8_t c)
{
	return (c >= 0x20 && c < 0x80 && c != '<' && c != '&' && c != ']') || c == '\t' || c == '\n';
}

static inline const uint8_t *xml_skip_text(const uint8_t *p, const uint8_t *pe)
{
#ifdef __SSE2__
	const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), rsb = _mm_set1_epi8(']');
	const __m128i tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n'), sp = _mm_set1_epi8(0x1f);
	while (pe - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		/* signed: bytes >= 0x80 are negative, so "> 0x1f" is false for them too */
		__m128i ok = _mm_cmpgt_epi8(v, sp);
		ok = _mm_or_si128(ok, _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, nl)));
		__m128i bad = _mm_or_si128(_mm_cmpeq_epi8(v, lt),
					   _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, rsb)));
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(bad, ok)) ^ 0xffffu;
		if (mask != 0)
			return p + __builtin_ctz(mask);
		p += 16;
	}
#endif
	while (p < pe && xml_text_plain(*p))
		p++;
	return p;
}

/* Attribute values: [\x20-\x7f] less < & and the delimiting quote. */
static inline const uint8_t *xml_skip_value(const uint8_t *p, const uint8_t *pe, uint8_t quote)
{
#ifdef __SSE2__
	const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), q = _mm_set1_epi8((char)quote);
	const __m128i sp = _mm_set1_epi8(0x1f);
	while (pe - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i ok = _mm_cmpgt_epi8(v, sp);
		__m128i bad = _mm_or_si128(_mm_cmpeq_epi8(v, lt),
					   _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, q)));
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(bad, ok)) ^ 0xffffu;
		if (mask != 0)
			return p + __builtin_ctz(mask);
		p += 16;
	}
#endif
	while (p < pe && *p >= 0x20 && *p < 0x80 && *p != '<' && *p != '&' && *p != quote)
		p++;
	return p;
}

/* Names: the ASCII NameChars [A-Za-z0-9_.-]; runs are short, so a table loop. */
static inline const uint8_t *xml_skip_name(const uint8_t *p, const uint8_t *pe)
{
	static const bool name_ascii[256] = {
		['-'] = 1, ['.'] = 1, ['_'] = 1,
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
		['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
		['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
		['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
		['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
		['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
		['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
		['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
		['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
		['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	};
	while (p < pe && name_ascii[*p])
		p++;
	return p;
}

uint32_t xml_charref_digit(uint32_t value, unsigned base, uint8_t digit_char);

bool xml_on_piece(struct xml_parser *xp, const uint8_t *p);         /* flush [mark, p) */
bool xml_on_decoded(struct xml_parser *xp, const uint8_t *p, enum xml_decoded d);
bool xml_on_charref(struct xml_parser *xp, const uint8_t *p);
bool xml_on_elem_name_begin(struct xml_parser *xp, const uint8_t *p);
bool xml_on_elem_name_end(struct xml_parser *xp, const uint8_t *p);
bool xml_on_attr_name_begin(struct xml_parser *xp, const uint8_t *p);
bool xml_on_attr_name_end(struct xml_parser *xp, const uint8_t *p);
bool xml_on_value_begin(struct xml_parser *xp, const uint8_t *p);
bool xml_on_value_end(struct xml_parser *xp, const uint8_t *p);
bool xml_on_stag_end(struct xml_parser *xp, const uint8_t *p, bool empty);
bool xml_on_etag_name_begin(struct xml_parser *xp, const uint8_t *p);
bool xml_on_etag_name_end(struct xml_parser *xp, const uint8_t *p);
bool xml_on_etag_end(struct xml_parser *xp, const uint8_t *p);
bool xml_on_cdata_begin(struct xml_parser *xp, const uint8_t *p);
bool xml_on_cdata_end(struct xml_parser *xp, const uint8_t *p);
bool xml_on_refuse(struct xml_parser *xp, const uint8_t *p, enum xml_refusal r);

#endif
