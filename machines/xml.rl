/*
 * machines/xml.rl - the tokenizer for the XML subset XMPP allows (RFC 6120 §11).
 *
 * A byte-level Ragel machine over UTF-8. It holds the grammar of XML 1.0
 * (5th ed.) productions as XMPP restricts them; every action is one line that
 * calls the builder in src/xml.c (contract: src/xml_machine.h). The machine
 * has no stack: element nesting, namespaces and limits are the builder's.
 *
 * Names below follow the XML 1.0 productions: S [3], NameStartChar [4],
 * NameChar [4a], CharData [14], CDSect [18], XMLDecl [23], STag [40],
 * Attribute [41], ETag [42], EmptyElemTag [44], CharRef [66], EntityRef [68];
 * QName and NCName are from Namespaces in XML 1.0 [4] [7].
 *
 * Restricted by RFC 6120 §11.1 and refused with restricted-xml: comments,
 * processing instructions (except the leading XML declaration), DOCTYPE, and
 * entity references other than the five predefined ones.
 *
 * Priorities (the only places where two paths compete for one byte):
 * - decl: at the very start "<?" begins the XML declaration; anywhere else it
 *   is a processing instruction.
 * - crlf / avcr / cdcr: a "\n" right after "\r" belongs to that line end
 *   (XML 1.0 §2.11: "\r\n" is one line end), not to the following text.
 *
 * Diagrams: generated/xml.dot is the whole machine; the parts below are also
 * drawn alone (generated/xml-<part>.dot), being far easier to read:
 * diagrams: xml_decl reference text cdata att_value etag stag
 *
 * Unreachable transitions: none are known; `make coverage` lists any that the
 * tests do not take.
 */
#include "xml_machine.h"

%%{
	machine xml;
	alphtype unsigned char;
	access m->;

	action mark            { m->mark = p; }
	action skip_name       { p = xml_skip_name(p + 1, pe) - 1; }
	action skip_text       { p = xml_skip_text(p + 1, pe) - 1; }
	action skip_value_dq   { p = xml_skip_value(p + 1, pe, '"') - 1; }
	action skip_value_sq   { p = xml_skip_value(p + 1, pe, '\'') - 1; }
	action piece           { if (xml_on_piece(xp, p)) fbreak; }
	action dec_amp         { if (xml_on_decoded(xp, p, XML_DEC_AMP)) fbreak; }
	action dec_lt          { if (xml_on_decoded(xp, p, XML_DEC_LT)) fbreak; }
	action dec_gt          { if (xml_on_decoded(xp, p, XML_DEC_GT)) fbreak; }
	action dec_quot        { if (xml_on_decoded(xp, p, XML_DEC_QUOT)) fbreak; }
	action dec_apos        { if (xml_on_decoded(xp, p, XML_DEC_APOS)) fbreak; }
	action text_cr         { if (xml_on_decoded(xp, p, XML_DEC_LF)) fbreak; }
	action value_space     { if (xml_on_decoded(xp, p, XML_DEC_SPACE)) fbreak; }
	action charref_begin   { m->charref = 0; }
	action dec_digit       { m->charref = xml_charref_digit(m->charref, 10, *p); }
	action hex_digit       { m->charref = xml_charref_digit(m->charref, 16, *p); }
	action charref_end     { if (xml_on_charref(xp, p)) fbreak; }
	action elem_name_begin { if (xml_on_elem_name_begin(xp, p)) fbreak; }
	action elem_name_end   { if (xml_on_elem_name_end(xp, p)) fbreak; }
	action attr_name_begin { if (xml_on_attr_name_begin(xp, p)) fbreak; }
	action attr_name_end   { if (xml_on_attr_name_end(xp, p)) fbreak; }
	action value_begin     { if (xml_on_value_begin(xp, p)) fbreak; }
	action value_end       { if (xml_on_value_end(xp, p)) fbreak; }
	action stag_end        { if (xml_on_stag_end(xp, p, false)) fbreak; }
	action empty_end       { if (xml_on_stag_end(xp, p, true)) fbreak; }
	action etag_name_begin { if (xml_on_etag_name_begin(xp, p)) fbreak; }
	action etag_name_end   { if (xml_on_etag_name_end(xp, p)) fbreak; }
	action etag_end        { if (xml_on_etag_end(xp, p)) fbreak; }
	action cdata_begin     { if (xml_on_cdata_begin(xp, p)) fbreak; }
	action cdata_end       { if (xml_on_cdata_end(xp, p)) fbreak; }
	action refuse_comment  { if (xml_on_refuse(xp, p, XML_REFUSE_COMMENT)) fbreak; }
	action refuse_pi       { if (xml_on_refuse(xp, p, XML_REFUSE_PI)) fbreak; }
	action refuse_dtd      { if (xml_on_refuse(xp, p, XML_REFUSE_DTD)) fbreak; }
	action refuse_entity   { if (xml_on_refuse(xp, p, XML_REFUSE_ENTITY)) fbreak; }
	action refuse_encoding { if (xml_on_refuse(xp, p, XML_REFUSE_ENCODING)) fbreak; }

	# ---- characters: UTF-8 (machines/lib/utf8.rl) limited to the XML Char production [2] ----
	include utf8 "lib/utf8.rl";
	# Requirement: RFC6120-11.6-a, RFC6120-13.9.6-a (UTF-8 only, ill-formed sequences refused)
	char_3   = utf8_3 - (0xef 0xbf 0xbe..0xbf);   # not U+FFFE, U+FFFF
	char_multi = utf8_2 | char_3 | utf8_4;
	xchar    = 0x09 | 0x0a | 0x0d | 0x20..0x7f | char_multi;
	S        = [ \t\r\n];

	# ---- names: NameStartChar and NameChar [4] [4a], colon handled by QName ----
	name_start_2 = 0xc3 (0x80..0x96 | 0x98..0xb6 | 0xb8..0xbf)   # U+00C0..00FF less D7, F7
	             | 0xc4..0xcb tail                               # U+0100..02FF
	             | 0xcd (0xb0..0xbd | 0xbf)                      # U+0370..037D, U+037F
	             | 0xce..0xdf tail;                              # U+0380..07FF
	name_start_3 = 0xe0 0xa0..0xbf tail | 0xe1 tail tail         # U+0800..1FFF
	             | 0xe2 0x80 0x8c..0x8d                          # U+200C..200D
	             | 0xe2 0x81 0xb0..0xbf | 0xe2 0x82..0x85 tail
	             | 0xe2 0x86 0x80..0x8f                          # U+2070..218F
	             | 0xe2 0xb0..0xbe tail | 0xe2 0xbf 0x80..0xaf   # U+2C00..2FEF
	             | 0xe3 0x80 0x81..0xbf | 0xe3 0x81..0xbf tail
	             | 0xe4..0xec tail tail | 0xed 0x80..0x9f tail   # U+3001..D7FF
	             | 0xef 0xa4..0xb6 tail | 0xef 0xb7 0x80..0x8f   # U+F900..FDCF
	             | 0xef 0xb7 0xb0..0xbf | 0xef 0xb8..0xbe tail
	             | 0xef 0xbf 0x80..0xbd;                         # U+FDF0..FFFD
	name_start_4 = 0xf0 0x90..0xbf tail tail | 0xf1..0xf2 tail tail tail
	             | 0xf3 0x80..0xaf tail tail;                    # U+10000..EFFFF
	name_more    = [\-.0-9] | 0xc2 0xb7                          # U+00B7
	             | 0xcc tail | 0xcd 0x80..0xaf                   # U+0300..036F
	             | 0xe2 0x80 0xbf | 0xe2 0x81 0x80;              # U+203F..2040
	ncname_start = [A-Za-z_] | name_start_2 | name_start_3 | name_start_4;
	ncname_char  = ncname_start | name_more;
	# Runs of ASCII name characters are skipped in one call (xml_skip_name).
	ncname_ascii = [A-Za-z0-9_.\-];
	ncname_more  = ncname_ascii @skip_name | (ncname_char - ncname_ascii);
	ncname       = ncname_start ncname_more*;
	qname        = ncname (':' ncname)?;
	name         = (ncname_start | ':') (ncname_char | ':')*;

	# ---- references [66] [68]: only the five predefined entities exist ----
	predefined = 'amp' | 'lt' | 'gt' | 'quot' | 'apos';
	# Requirement: RFC6120-11.1-b, RFC6120-11.1-c (entity references other than the predefined five)
	reference  = '&' ( 'amp;' @dec_amp | 'lt;' @dec_lt | 'gt;' @dec_gt
	                 | 'quot;' @dec_quot | 'apos;' @dec_apos
	                 | (name - predefined) ';' @refuse_entity
	                 | '#' @charref_begin ( [0-9]+ $dec_digit | 'x' [0-9a-fA-F]+ $hex_digit )
	                   ';' @charref_end );

	# ---- character data [14]: no "]]>", line ends normalized to "\n" ----
	# Plain bytes land in the run's self-looping state, so the rest of their
	# run is skipped in one call (xml_skip_text); ']' stays visible to "]]>".
	text_plain = ([\t\n] | 0x20..0x7f) - [<&\]];
	text_char  = text_plain @skip_text | ']' | char_multi;
	# Requirement: RFC6120-11.3-b ("]]>" in character data is not well-formed)
	text_run  = (text_char+ - (any* ']]>' any*)) >(crlf, 0) >mark %piece;
	text_cr   = '\r' >text_cr ('\n' >(crlf, 1))?;
	text      = text_run? ((text_cr | reference) text_run?)*;

	# ---- CDATA sections [18]: the "]]" of the end is trimmed by cdata_end ----
	cdata_run  = (xchar - '\r')+ >(cdcr, 0) >mark;
	cdata_cr   = '\r' >text_cr ('\n' >(cdcr, 1))?;
	cdata_body = (cdata_run? (cdata_cr cdata_run?)*) - (any* ']]>' any*);
	cdata      = '![CDATA[' @cdata_begin cdata_body ']]>' @cdata_end;

	# ---- attribute values [10], normalized as CDATA attributes (XML 1.0 §3.3.3) ----
	value_ws     = ('\r' ('\n' >(avcr, 1))?) >value_space | [\t\n] >(avcr, 0) >value_space;
	value_run_dq = ((0x20..0x7f - [<&"]) @skip_value_dq | char_multi)+ >mark %piece;
	value_run_sq = ((0x20..0x7f - [<&']) @skip_value_sq | char_multi)+ >mark %piece;
	value_dq     = value_run_dq? ((value_ws | reference) value_run_dq?)*;
	value_sq     = value_run_sq? ((value_ws | reference) value_run_sq?)*;
	att_value    = '"' @value_begin value_dq '"' @value_end
	             | "'" @value_begin value_sq "'" @value_end;

	# ---- tags [40] [41] [42] [44] ----
	attribute = qname >attr_name_begin %attr_name_end S* '=' S* att_value;
	stag      = qname >elem_name_begin %elem_name_end (S+ attribute)* S*
	            ('>' @stag_end | '/>' @empty_end);
	etag      = '/' qname >etag_name_begin %etag_name_end S* '>' @etag_end;

	# Requirement: RFC6120-11.1-b, RFC6120-11.1-c (comments, DOCTYPE, processing instructions)
	markup = '<' ( stag | etag | cdata
	             | '!--' @refuse_comment
	             | '!DOCTYPE' @refuse_dtd
	             | '?' >(decl, 0) @refuse_pi );

	# ---- the document: an optional XML declaration [23], then content ----
	eq          = S* '=' S*;
	version_num = '1.' [0-9]+;
	version     = S+ 'version' eq ("'" version_num "'" | '"' version_num '"');
	enc_name    = [A-Za-z] [A-Za-z0-9._\-]*;
	enc_utf8    = /utf-8/i;
	# Requirement: RFC6120-11.6-c, RFC6120-11.6-d (an XML declaration naming another encoding)
	encoding    = S+ 'encoding' eq
	              ( "'" (enc_utf8 "'" | (enc_name - enc_utf8) "'" @refuse_encoding)
	              | '"' (enc_utf8 '"' | (enc_name - enc_utf8) '"' @refuse_encoding) );
	standalone  = S+ 'standalone' eq ("'" ('yes' | 'no') "'" | '"' ('yes' | 'no') '"');
	# Requirement: RFC6120-11.5-b (the XML declaration, XMLDecl [23], at the very start only)
	xml_decl    = '<' '?' >(decl, 1) 'xml' version encoding? standalone? S* '?>';
	# Requirement: RFC6120-11.1-b (a processing instruction at the start)
	start_pi    = '<' '?' >(decl, 1) ([^x] | 'x' [^m] | 'xm' [^l] | 'xml' ^S) @refuse_pi;
	# A UTF-16 or UTF-32 stream starts with a byte UTF-8 text never starts with.
	# Requirement: RFC6120-11.6-c, RFC6120-11.6-d (UTF-16 or UTF-32 input)
	not_utf8    = (0x00 | 0xfe | 0xff) @refuse_encoding;

	content = text? (markup text?)*;
	main := ((xml_decl | start_pi)? content) | not_utf8;
}%%

%% write data;

void xml_machine_init(struct xml_machine *m)
{
	%% write init;
	m->mark = NULL;
	m->charref = 0;
	(void)xml_en_main;
}

const uint8_t *xml_machine_exec(struct xml_parser *xp, struct xml_machine *m,
				const uint8_t *p, const uint8_t *pe)
{
	/* The stream's end is never an event: text pending at a read boundary is
	 * flushed by the builder, and an unclosed stream is an error (xml_parser_finish). */
	const uint8_t *eof = NULL;
	%% write exec;
	return p;
}

bool xml_machine_failed(const struct xml_machine *m)
{
	return m->cs == xml_error;
}

bool xml_machine_final(const struct xml_machine *m)
{
	return m->cs >= xml_first_final;
}

int xml_machine_start_state(void)
{
	return xml_start;
}
