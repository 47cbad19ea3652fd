
#line 1 "machines/xml.rl"
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


#line 167 "machines/xml.rl"



#line 36 "/dev/stdout"
static const int xml_start = 427;
static const int xml_first_final = 427;
static const int xml_error = 0;

static const int xml_en_main = 427;


#line 170 "machines/xml.rl"

void xml_machine_init(struct xml_machine *m)
{
	
#line 45 "/dev/stdout"
	{
	 m->cs = xml_start;
	}

#line 174 "machines/xml.rl"
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
	
#line 59 "/dev/stdout"
	{
	if ( p == pe )
		goto _test_eof;
	switch (  m->cs )
	{
case 427:
	switch( (*p) ) {
		case 0u: goto tr529;
		case 13u: goto tr531;
		case 38u: goto st1;
		case 60u: goto st355;
		case 93u: goto tr534;
		case 224u: goto tr536;
		case 237u: goto tr538;
		case 239u: goto tr539;
		case 240u: goto tr540;
		case 244u: goto tr542;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 127u )
				goto tr530;
		} else if ( (*p) >= 9u )
			goto tr530;
	} else if ( (*p) > 223u ) {
		if ( (*p) < 241u ) {
			if ( 225u <= (*p) && (*p) <= 238u )
				goto tr537;
		} else if ( (*p) > 243u ) {
			if ( 254u <= (*p) )
				goto tr529;
		} else
			goto tr541;
	} else
		goto tr535;
	goto st0;
tr529:
#line 68 "machines/xml.rl"
	{ if (xml_on_refuse(xp, p, XML_REFUSE_ENCODING)) {p++;  m->cs = 428; goto _out;} }
	goto st428;
st428:
	if ( ++p == pe )
		goto _test_eof428;
case 428:
#line 102 "/dev/stdout"
	goto st0;
st0:
 m->cs = 0;
	goto _out;
tr530:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st429;
st429:
	if ( ++p == pe )
		goto _test_eof429;
case 429:
#line 113 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr543;
		case 38u: goto tr544;
		case 60u: goto tr545;
		case 93u: goto st432;
		case 224u: goto st347;
		case 237u: goto st349;
		case 239u: goto st350;
		case 240u: goto st352;
		case 244u: goto st354;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 127u )
				goto st429;
		} else if ( (*p) >= 9u )
			goto st429;
	} else if ( (*p) > 223u ) {
		if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto st353;
		} else if ( (*p) >= 225u )
			goto st348;
	} else
		goto st346;
	goto st0;
tr531:
#line 45 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_LF)) {p++;  m->cs = 430; goto _out;} }
	goto st430;
tr543:
#line 39 "machines/xml.rl"
	{ if (xml_on_piece(xp, p)) {p++;  m->cs = 430; goto _out;} }
#line 45 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_LF)) {p++;  m->cs = 430; goto _out;} }
	goto st430;
st430:
	if ( ++p == pe )
		goto _test_eof430;
case 430:
#line 150 "/dev/stdout"
	switch( (*p) ) {
		case 9u: goto tr530;
		case 10u: goto st431;
		case 13u: goto tr531;
		case 38u: goto st1;
		case 60u: goto st45;
		case 93u: goto tr534;
		case 224u: goto tr536;
		case 237u: goto tr538;
		case 239u: goto tr539;
		case 240u: goto tr540;
		case 244u: goto tr542;
	}
	if ( (*p) < 194u ) {
		if ( 32u <= (*p) && (*p) <= 127u )
			goto tr530;
	} else if ( (*p) > 223u ) {
		if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto tr541;
		} else if ( (*p) >= 225u )
			goto tr537;
	} else
		goto tr535;
	goto st0;
tr21:
#line 50 "machines/xml.rl"
	{ if (xml_on_charref(xp, p)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr23:
#line 67 "machines/xml.rl"
	{ if (xml_on_refuse(xp, p, XML_REFUSE_ENTITY)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr37:
#line 40 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_AMP)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr40:
#line 44 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_APOS)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr42:
#line 42 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_GT)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr44:
#line 41 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_LT)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr48:
#line 43 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_QUOT)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr53:
#line 65 "machines/xml.rl"
	{ if (xml_on_refuse(xp, p, XML_REFUSE_PI)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr70:
#line 64 "machines/xml.rl"
	{ if (xml_on_refuse(xp, p, XML_REFUSE_COMMENT)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr76:
#line 66 "machines/xml.rl"
	{ if (xml_on_refuse(xp, p, XML_REFUSE_DTD)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr106:
#line 63 "machines/xml.rl"
	{ if (xml_on_cdata_end(xp, p)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr124:
#line 60 "machines/xml.rl"
	{ if (xml_on_etag_name_end(xp, p)) {p++;  m->cs = 431; goto _out;} }
#line 61 "machines/xml.rl"
	{ if (xml_on_etag_end(xp, p)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr139:
#line 61 "machines/xml.rl"
	{ if (xml_on_etag_end(xp, p)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr178:
#line 52 "machines/xml.rl"
	{ if (xml_on_elem_name_end(xp, p)) {p++;  m->cs = 431; goto _out;} }
#line 57 "machines/xml.rl"
	{ if (xml_on_stag_end(xp, p, false)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr194:
#line 57 "machines/xml.rl"
	{ if (xml_on_stag_end(xp, p, false)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
tr208:
#line 58 "machines/xml.rl"
	{ if (xml_on_stag_end(xp, p, true)) {p++;  m->cs = 431; goto _out;} }
	goto st431;
st431:
	if ( ++p == pe )
		goto _test_eof431;
case 431:
#line 229 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr531;
		case 38u: goto st1;
		case 60u: goto st45;
		case 93u: goto tr534;
		case 224u: goto tr536;
		case 237u: goto tr538;
		case 239u: goto tr539;
		case 240u: goto tr540;
		case 244u: goto tr542;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 127u )
				goto tr530;
		} else if ( (*p) >= 9u )
			goto tr530;
	} else if ( (*p) > 223u ) {
		if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto tr541;
		} else if ( (*p) >= 225u )
			goto tr537;
	} else
		goto tr535;
	goto st0;
tr544:
#line 39 "machines/xml.rl"
	{ if (xml_on_piece(xp, p)) {p++;  m->cs = 1; goto _out;} }
	goto st1;
st1:
	if ( ++p == pe )
		goto _test_eof1;
case 1:
#line 262 "/dev/stdout"
	switch( (*p) ) {
		case 35u: goto tr0;
		case 58u: goto st6;
		case 95u: goto st6;
		case 97u: goto st27;
		case 103u: goto st33;
		case 108u: goto st35;
		case 113u: goto st37;
		case 195u: goto st8;
		case 205u: goto st41;
		case 224u: goto st11;
		case 226u: goto st42;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 196u ) {
		if ( (*p) > 90u ) {
			if ( 98u <= (*p) && (*p) <= 122u )
				goto st6;
		} else if ( (*p) >= 65u )
			goto st6;
	} else if ( (*p) > 203u ) {
		if ( (*p) < 225u ) {
			if ( 206u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st9;
	goto st0;
tr0:
#line 47 "machines/xml.rl"
	{ m->charref = 0; }
	goto st2;
st2:
	if ( ++p == pe )
		goto _test_eof2;
case 2:
#line 305 "/dev/stdout"
	if ( (*p) == 120u )
		goto st4;
	if ( 48u <= (*p) && (*p) <= 57u )
		goto tr19;
	goto st0;
tr19:
#line 48 "machines/xml.rl"
	{ m->charref = xml_charref_digit(m->charref, 10, *p); }
	goto st3;
st3:
	if ( ++p == pe )
		goto _test_eof3;
case 3:
#line 317 "/dev/stdout"
	if ( (*p) == 59u )
		goto tr21;
	if ( 48u <= (*p) && (*p) <= 57u )
		goto tr19;
	goto st0;
st4:
	if ( ++p == pe )
		goto _test_eof4;
case 4:
	if ( (*p) < 65u ) {
		if ( 48u <= (*p) && (*p) <= 57u )
			goto tr22;
	} else if ( (*p) > 70u ) {
		if ( 97u <= (*p) && (*p) <= 102u )
			goto tr22;
	} else
		goto tr22;
	goto st0;
tr22:
#line 49 "machines/xml.rl"
	{ m->charref = xml_charref_digit(m->charref, 16, *p); }
	goto st5;
st5:
	if ( ++p == pe )
		goto _test_eof5;
case 5:
#line 342 "/dev/stdout"
	if ( (*p) == 59u )
		goto tr21;
	if ( (*p) < 65u ) {
		if ( 48u <= (*p) && (*p) <= 57u )
			goto tr22;
	} else if ( (*p) > 70u ) {
		if ( 97u <= (*p) && (*p) <= 102u )
			goto tr22;
	} else
		goto tr22;
	goto st0;
st6:
	if ( ++p == pe )
		goto _test_eof6;
case 6:
	switch( (*p) ) {
		case 59u: goto tr23;
		case 95u: goto st6;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st7:
	if ( ++p == pe )
		goto _test_eof7;
case 7:
	if ( (*p) == 183u )
		goto st6;
	goto st0;
st8:
	if ( ++p == pe )
		goto _test_eof8;
case 8:
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st6;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st6;
	} else
		goto st6;
	goto st0;
st9:
	if ( ++p == pe )
		goto _test_eof9;
case 9:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st6;
	goto st0;
st10:
	if ( ++p == pe )
		goto _test_eof10;
case 10:
	if ( (*p) == 191u )
		goto st6;
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st6;
	goto st0;
st11:
	if ( ++p == pe )
		goto _test_eof11;
case 11:
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st9;
	goto st0;
st12:
	if ( ++p == pe )
		goto _test_eof12;
case 12:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st9;
	goto st0;
st13:
	if ( ++p == pe )
		goto _test_eof13;
case 13:
	switch( (*p) ) {
		case 128u: goto st14;
		case 129u: goto st15;
		case 134u: goto st16;
		case 191u: goto st17;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st9;
	} else if ( (*p) >= 130u )
		goto st9;
	goto st0;
st14:
	if ( ++p == pe )
		goto _test_eof14;
case 14:
	if ( (*p) == 191u )
		goto st6;
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st6;
	goto st0;
st15:
	if ( ++p == pe )
		goto _test_eof15;
case 15:
	if ( (*p) == 128u )
		goto st6;
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st6;
	goto st0;
st16:
	if ( ++p == pe )
		goto _test_eof16;
case 16:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st6;
	goto st0;
st17:
	if ( ++p == pe )
		goto _test_eof17;
case 17:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st6;
	goto st0;
st18:
	if ( ++p == pe )
		goto _test_eof18;
case 18:
	if ( (*p) == 128u )
		goto st19;
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st9;
	goto st0;
st19:
	if ( ++p == pe )
		goto _test_eof19;
case 19:
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st6;
	goto st0;
st20:
	if ( ++p == pe )
		goto _test_eof20;
case 20:
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st9;
	goto st0;
st21:
	if ( ++p == pe )
		goto _test_eof21;
case 21:
	switch( (*p) ) {
		case 183u: goto st22;
		case 191u: goto st23;
	}
	if ( 164u <= (*p) && (*p) <= 190u )
		goto st9;
	goto st0;
st22:
	if ( ++p == pe )
		goto _test_eof22;
case 22:
	if ( (*p) > 143u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st6;
	} else if ( (*p) >= 128u )
		goto st6;
	goto st0;
st23:
	if ( ++p == pe )
		goto _test_eof23;
case 23:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st6;
	goto st0;
st24:
	if ( ++p == pe )
		goto _test_eof24;
case 24:
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st12;
	goto st0;
st25:
	if ( ++p == pe )
		goto _test_eof25;
case 25:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st12;
	goto st0;
st26:
	if ( ++p == pe )
		goto _test_eof26;
case 26:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st12;
	goto st0;
st27:
	if ( ++p == pe )
		goto _test_eof27;
case 27:
	switch( (*p) ) {
		case 59u: goto tr23;
		case 95u: goto st6;
		case 109u: goto st28;
		case 112u: goto st30;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st28:
	if ( ++p == pe )
		goto _test_eof28;
case 28:
	switch( (*p) ) {
		case 59u: goto tr23;
		case 95u: goto st6;
		case 112u: goto st29;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st29:
	if ( ++p == pe )
		goto _test_eof29;
case 29:
	switch( (*p) ) {
		case 59u: goto tr37;
		case 95u: goto st6;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st30:
	if ( ++p == pe )
		goto _test_eof30;
case 30:
	switch( (*p) ) {
		case 59u: goto tr23;
		case 95u: goto st6;
		case 111u: goto st31;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st31:
	if ( ++p == pe )
		goto _test_eof31;
case 31:
	switch( (*p) ) {
		case 59u: goto tr23;
		case 95u: goto st6;
		case 115u: goto st32;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st32:
	if ( ++p == pe )
		goto _test_eof32;
case 32:
	switch( (*p) ) {
		case 59u: goto tr40;
		case 95u: goto st6;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st33:
	if ( ++p == pe )
		goto _test_eof33;
case 33:
	switch( (*p) ) {
		case 59u: goto tr23;
		case 95u: goto st6;
		case 116u: goto st34;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st34:
	if ( ++p == pe )
		goto _test_eof34;
case 34:
	switch( (*p) ) {
		case 59u: goto tr42;
		case 95u: goto st6;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st35:
	if ( ++p == pe )
		goto _test_eof35;
case 35:
	switch( (*p) ) {
		case 59u: goto tr23;
		case 95u: goto st6;
		case 116u: goto st36;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st36:
	if ( ++p == pe )
		goto _test_eof36;
case 36:
	switch( (*p) ) {
		case 59u: goto tr44;
		case 95u: goto st6;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st37:
	if ( ++p == pe )
		goto _test_eof37;
case 37:
	switch( (*p) ) {
		case 59u: goto tr23;
		case 95u: goto st6;
		case 117u: goto st38;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st38:
	if ( ++p == pe )
		goto _test_eof38;
case 38:
	switch( (*p) ) {
		case 59u: goto tr23;
		case 95u: goto st6;
		case 111u: goto st39;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st39:
	if ( ++p == pe )
		goto _test_eof39;
case 39:
	switch( (*p) ) {
		case 59u: goto tr23;
		case 95u: goto st6;
		case 116u: goto st40;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st40:
	if ( ++p == pe )
		goto _test_eof40;
case 40:
	switch( (*p) ) {
		case 59u: goto tr48;
		case 95u: goto st6;
		case 194u: goto st7;
		case 195u: goto st8;
		case 205u: goto st10;
		case 224u: goto st11;
		case 226u: goto st13;
		case 227u: goto st18;
		case 237u: goto st20;
		case 239u: goto st21;
		case 240u: goto st24;
		case 243u: goto st26;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st6;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st6;
		} else
			goto st6;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st9;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st25;
		} else
			goto st12;
	} else
		goto st6;
	goto st0;
st41:
	if ( ++p == pe )
		goto _test_eof41;
case 41:
	if ( (*p) == 191u )
		goto st6;
	if ( 176u <= (*p) && (*p) <= 189u )
		goto st6;
	goto st0;
st42:
	if ( ++p == pe )
		goto _test_eof42;
case 42:
	switch( (*p) ) {
		case 128u: goto st43;
		case 129u: goto st44;
		case 134u: goto st16;
		case 191u: goto st17;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st9;
	} else if ( (*p) >= 130u )
		goto st9;
	goto st0;
st43:
	if ( ++p == pe )
		goto _test_eof43;
case 43:
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st6;
	goto st0;
st44:
	if ( ++p == pe )
		goto _test_eof44;
case 44:
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st6;
	goto st0;
tr545:
#line 39 "machines/xml.rl"
	{ if (xml_on_piece(xp, p)) {p++;  m->cs = 45; goto _out;} }
	goto st45;
st45:
	if ( ++p == pe )
		goto _test_eof45;
case 45:
#line 1164 "/dev/stdout"
	switch( (*p) ) {
		case 33u: goto st46;
		case 47u: goto st74;
		case 63u: goto tr53;
		case 95u: goto tr54;
		case 195u: goto tr55;
		case 205u: goto tr57;
		case 224u: goto tr58;
		case 226u: goto tr60;
		case 227u: goto tr61;
		case 237u: goto tr62;
		case 239u: goto tr63;
		case 240u: goto tr64;
		case 243u: goto tr66;
	}
	if ( (*p) < 196u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto tr54;
		} else if ( (*p) >= 65u )
			goto tr54;
	} else if ( (*p) > 203u ) {
		if ( (*p) < 225u ) {
			if ( 206u <= (*p) && (*p) <= 223u )
				goto tr56;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto tr65;
		} else
			goto tr59;
	} else
		goto tr56;
	goto st0;
st46:
	if ( ++p == pe )
		goto _test_eof46;
case 46:
	switch( (*p) ) {
		case 45u: goto st47;
		case 68u: goto st48;
		case 91u: goto st54;
	}
	goto st0;
st47:
	if ( ++p == pe )
		goto _test_eof47;
case 47:
	if ( (*p) == 45u )
		goto tr70;
	goto st0;
st48:
	if ( ++p == pe )
		goto _test_eof48;
case 48:
	if ( (*p) == 79u )
		goto st49;
	goto st0;
st49:
	if ( ++p == pe )
		goto _test_eof49;
case 49:
	if ( (*p) == 67u )
		goto st50;
	goto st0;
st50:
	if ( ++p == pe )
		goto _test_eof50;
case 50:
	if ( (*p) == 84u )
		goto st51;
	goto st0;
st51:
	if ( ++p == pe )
		goto _test_eof51;
case 51:
	if ( (*p) == 89u )
		goto st52;
	goto st0;
st52:
	if ( ++p == pe )
		goto _test_eof52;
case 52:
	if ( (*p) == 80u )
		goto st53;
	goto st0;
st53:
	if ( ++p == pe )
		goto _test_eof53;
case 53:
	if ( (*p) == 69u )
		goto tr76;
	goto st0;
st54:
	if ( ++p == pe )
		goto _test_eof54;
case 54:
	if ( (*p) == 67u )
		goto st55;
	goto st0;
st55:
	if ( ++p == pe )
		goto _test_eof55;
case 55:
	if ( (*p) == 68u )
		goto st56;
	goto st0;
st56:
	if ( ++p == pe )
		goto _test_eof56;
case 56:
	if ( (*p) == 65u )
		goto st57;
	goto st0;
st57:
	if ( ++p == pe )
		goto _test_eof57;
case 57:
	if ( (*p) == 84u )
		goto st58;
	goto st0;
st58:
	if ( ++p == pe )
		goto _test_eof58;
case 58:
	if ( (*p) == 65u )
		goto st59;
	goto st0;
st59:
	if ( ++p == pe )
		goto _test_eof59;
case 59:
	if ( (*p) == 91u )
		goto tr82;
	goto st0;
tr82:
#line 62 "machines/xml.rl"
	{ if (xml_on_cdata_begin(xp, p)) {p++;  m->cs = 60; goto _out;} }
	goto st60;
st60:
	if ( ++p == pe )
		goto _test_eof60;
case 60:
#line 1305 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr84;
		case 93u: goto tr85;
		case 224u: goto tr87;
		case 237u: goto tr89;
		case 239u: goto tr90;
		case 240u: goto tr91;
		case 244u: goto tr93;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 127u )
				goto tr83;
		} else if ( (*p) >= 9u )
			goto tr83;
	} else if ( (*p) > 223u ) {
		if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto tr92;
		} else if ( (*p) >= 225u )
			goto tr88;
	} else
		goto tr86;
	goto st0;
tr83:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st61;
st61:
	if ( ++p == pe )
		goto _test_eof61;
case 61:
#line 1336 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr84;
		case 93u: goto st63;
		case 224u: goto st66;
		case 237u: goto st68;
		case 239u: goto st69;
		case 240u: goto st71;
		case 244u: goto st73;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 127u )
				goto st61;
		} else if ( (*p) >= 9u )
			goto st61;
	} else if ( (*p) > 223u ) {
		if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto st72;
		} else if ( (*p) >= 225u )
			goto st67;
	} else
		goto st65;
	goto st0;
tr84:
#line 45 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_LF)) {p++;  m->cs = 62; goto _out;} }
	goto st62;
st62:
	if ( ++p == pe )
		goto _test_eof62;
case 62:
#line 1367 "/dev/stdout"
	switch( (*p) ) {
		case 9u: goto tr83;
		case 10u: goto st60;
		case 13u: goto tr84;
		case 93u: goto tr85;
		case 224u: goto tr87;
		case 237u: goto tr89;
		case 239u: goto tr90;
		case 240u: goto tr91;
		case 244u: goto tr93;
	}
	if ( (*p) < 194u ) {
		if ( 32u <= (*p) && (*p) <= 127u )
			goto tr83;
	} else if ( (*p) > 223u ) {
		if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto tr92;
		} else if ( (*p) >= 225u )
			goto tr88;
	} else
		goto tr86;
	goto st0;
tr85:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st63;
st63:
	if ( ++p == pe )
		goto _test_eof63;
case 63:
#line 1397 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr84;
		case 93u: goto st64;
		case 224u: goto st66;
		case 237u: goto st68;
		case 239u: goto st69;
		case 240u: goto st71;
		case 244u: goto st73;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 127u )
				goto st61;
		} else if ( (*p) >= 9u )
			goto st61;
	} else if ( (*p) > 223u ) {
		if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto st72;
		} else if ( (*p) >= 225u )
			goto st67;
	} else
		goto st65;
	goto st0;
st64:
	if ( ++p == pe )
		goto _test_eof64;
case 64:
	switch( (*p) ) {
		case 13u: goto tr84;
		case 62u: goto tr106;
		case 93u: goto st64;
		case 224u: goto st66;
		case 237u: goto st68;
		case 239u: goto st69;
		case 240u: goto st71;
		case 244u: goto st73;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 127u )
				goto st61;
		} else if ( (*p) >= 9u )
			goto st61;
	} else if ( (*p) > 223u ) {
		if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto st72;
		} else if ( (*p) >= 225u )
			goto st67;
	} else
		goto st65;
	goto st0;
tr86:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st65;
st65:
	if ( ++p == pe )
		goto _test_eof65;
case 65:
#line 1457 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st61;
	goto st0;
tr87:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st66;
st66:
	if ( ++p == pe )
		goto _test_eof66;
case 66:
#line 1467 "/dev/stdout"
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st65;
	goto st0;
tr88:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st67;
st67:
	if ( ++p == pe )
		goto _test_eof67;
case 67:
#line 1477 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st65;
	goto st0;
tr89:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st68;
st68:
	if ( ++p == pe )
		goto _test_eof68;
case 68:
#line 1487 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st65;
	goto st0;
tr90:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st69;
st69:
	if ( ++p == pe )
		goto _test_eof69;
case 69:
#line 1497 "/dev/stdout"
	if ( (*p) == 191u )
		goto st70;
	if ( 128u <= (*p) && (*p) <= 190u )
		goto st65;
	goto st0;
st70:
	if ( ++p == pe )
		goto _test_eof70;
case 70:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st61;
	goto st0;
tr91:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st71;
st71:
	if ( ++p == pe )
		goto _test_eof71;
case 71:
#line 1516 "/dev/stdout"
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st67;
	goto st0;
tr92:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st72;
st72:
	if ( ++p == pe )
		goto _test_eof72;
case 72:
#line 1526 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st67;
	goto st0;
tr93:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st73;
st73:
	if ( ++p == pe )
		goto _test_eof73;
case 73:
#line 1536 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st67;
	goto st0;
st74:
	if ( ++p == pe )
		goto _test_eof74;
case 74:
	switch( (*p) ) {
		case 95u: goto tr108;
		case 195u: goto tr109;
		case 205u: goto tr111;
		case 224u: goto tr112;
		case 226u: goto tr114;
		case 227u: goto tr115;
		case 237u: goto tr116;
		case 239u: goto tr117;
		case 240u: goto tr118;
		case 243u: goto tr120;
	}
	if ( (*p) < 196u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto tr108;
		} else if ( (*p) >= 65u )
			goto tr108;
	} else if ( (*p) > 203u ) {
		if ( (*p) < 225u ) {
			if ( 206u <= (*p) && (*p) <= 223u )
				goto tr110;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto tr119;
		} else
			goto tr113;
	} else
		goto tr110;
	goto st0;
tr108:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 75; goto _out;} }
	goto st75;
st75:
	if ( ++p == pe )
		goto _test_eof75;
case 75:
#line 1580 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr121;
		case 32u: goto tr121;
		case 58u: goto st77;
		case 62u: goto tr124;
		case 95u: goto st75;
		case 194u: goto st103;
		case 195u: goto st104;
		case 205u: goto st106;
		case 224u: goto st107;
		case 226u: goto st109;
		case 227u: goto st114;
		case 237u: goto st116;
		case 239u: goto st117;
		case 240u: goto st120;
		case 243u: goto st122;
	}
	if ( (*p) < 65u ) {
		if ( (*p) < 45u ) {
			if ( 9u <= (*p) && (*p) <= 10u )
				goto tr121;
		} else if ( (*p) > 46u ) {
			if ( 48u <= (*p) && (*p) <= 57u )
				goto st75;
		} else
			goto st75;
	} else if ( (*p) > 90u ) {
		if ( (*p) < 196u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st75;
		} else if ( (*p) > 223u ) {
			if ( (*p) > 236u ) {
				if ( 241u <= (*p) && (*p) <= 242u )
					goto st121;
			} else if ( (*p) >= 225u )
				goto st108;
		} else
			goto st105;
	} else
		goto st75;
	goto st0;
tr121:
#line 60 "machines/xml.rl"
	{ if (xml_on_etag_name_end(xp, p)) {p++;  m->cs = 76; goto _out;} }
	goto st76;
st76:
	if ( ++p == pe )
		goto _test_eof76;
case 76:
#line 1628 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto st76;
		case 32u: goto st76;
		case 62u: goto tr139;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st76;
	goto st0;
st77:
	if ( ++p == pe )
		goto _test_eof77;
case 77:
	switch( (*p) ) {
		case 95u: goto st78;
		case 195u: goto st80;
		case 205u: goto st99;
		case 224u: goto st83;
		case 226u: goto st100;
		case 227u: goto st90;
		case 237u: goto st92;
		case 239u: goto st93;
		case 240u: goto st96;
		case 243u: goto st98;
	}
	if ( (*p) < 196u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st78;
		} else if ( (*p) >= 65u )
			goto st78;
	} else if ( (*p) > 203u ) {
		if ( (*p) < 225u ) {
			if ( 206u <= (*p) && (*p) <= 223u )
				goto st81;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st97;
		} else
			goto st84;
	} else
		goto st81;
	goto st0;
st78:
	if ( ++p == pe )
		goto _test_eof78;
case 78:
	switch( (*p) ) {
		case 13u: goto tr121;
		case 32u: goto tr121;
		case 62u: goto tr124;
		case 95u: goto st78;
		case 194u: goto st79;
		case 195u: goto st80;
		case 205u: goto st82;
		case 224u: goto st83;
		case 226u: goto st85;
		case 227u: goto st90;
		case 237u: goto st92;
		case 239u: goto st93;
		case 240u: goto st96;
		case 243u: goto st98;
	}
	if ( (*p) < 65u ) {
		if ( (*p) < 45u ) {
			if ( 9u <= (*p) && (*p) <= 10u )
				goto tr121;
		} else if ( (*p) > 46u ) {
			if ( 48u <= (*p) && (*p) <= 57u )
				goto st78;
		} else
			goto st78;
	} else if ( (*p) > 90u ) {
		if ( (*p) < 196u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st78;
		} else if ( (*p) > 223u ) {
			if ( (*p) > 236u ) {
				if ( 241u <= (*p) && (*p) <= 242u )
					goto st97;
			} else if ( (*p) >= 225u )
				goto st84;
		} else
			goto st81;
	} else
		goto st78;
	goto st0;
st79:
	if ( ++p == pe )
		goto _test_eof79;
case 79:
	if ( (*p) == 183u )
		goto st78;
	goto st0;
st80:
	if ( ++p == pe )
		goto _test_eof80;
case 80:
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st78;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st78;
	} else
		goto st78;
	goto st0;
st81:
	if ( ++p == pe )
		goto _test_eof81;
case 81:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st78;
	goto st0;
st82:
	if ( ++p == pe )
		goto _test_eof82;
case 82:
	if ( (*p) == 191u )
		goto st78;
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st78;
	goto st0;
st83:
	if ( ++p == pe )
		goto _test_eof83;
case 83:
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st81;
	goto st0;
st84:
	if ( ++p == pe )
		goto _test_eof84;
case 84:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st81;
	goto st0;
st85:
	if ( ++p == pe )
		goto _test_eof85;
case 85:
	switch( (*p) ) {
		case 128u: goto st86;
		case 129u: goto st87;
		case 134u: goto st88;
		case 191u: goto st89;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st81;
	} else if ( (*p) >= 130u )
		goto st81;
	goto st0;
st86:
	if ( ++p == pe )
		goto _test_eof86;
case 86:
	if ( (*p) == 191u )
		goto st78;
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st78;
	goto st0;
st87:
	if ( ++p == pe )
		goto _test_eof87;
case 87:
	if ( (*p) == 128u )
		goto st78;
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st78;
	goto st0;
st88:
	if ( ++p == pe )
		goto _test_eof88;
case 88:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st78;
	goto st0;
st89:
	if ( ++p == pe )
		goto _test_eof89;
case 89:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st78;
	goto st0;
st90:
	if ( ++p == pe )
		goto _test_eof90;
case 90:
	if ( (*p) == 128u )
		goto st91;
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st81;
	goto st0;
st91:
	if ( ++p == pe )
		goto _test_eof91;
case 91:
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st78;
	goto st0;
st92:
	if ( ++p == pe )
		goto _test_eof92;
case 92:
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st81;
	goto st0;
st93:
	if ( ++p == pe )
		goto _test_eof93;
case 93:
	switch( (*p) ) {
		case 183u: goto st94;
		case 191u: goto st95;
	}
	if ( 164u <= (*p) && (*p) <= 190u )
		goto st81;
	goto st0;
st94:
	if ( ++p == pe )
		goto _test_eof94;
case 94:
	if ( (*p) > 143u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st78;
	} else if ( (*p) >= 128u )
		goto st78;
	goto st0;
st95:
	if ( ++p == pe )
		goto _test_eof95;
case 95:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st78;
	goto st0;
st96:
	if ( ++p == pe )
		goto _test_eof96;
case 96:
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st84;
	goto st0;
st97:
	if ( ++p == pe )
		goto _test_eof97;
case 97:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st84;
	goto st0;
st98:
	if ( ++p == pe )
		goto _test_eof98;
case 98:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st84;
	goto st0;
st99:
	if ( ++p == pe )
		goto _test_eof99;
case 99:
	if ( (*p) == 191u )
		goto st78;
	if ( 176u <= (*p) && (*p) <= 189u )
		goto st78;
	goto st0;
st100:
	if ( ++p == pe )
		goto _test_eof100;
case 100:
	switch( (*p) ) {
		case 128u: goto st101;
		case 129u: goto st102;
		case 134u: goto st88;
		case 191u: goto st89;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st81;
	} else if ( (*p) >= 130u )
		goto st81;
	goto st0;
st101:
	if ( ++p == pe )
		goto _test_eof101;
case 101:
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st78;
	goto st0;
st102:
	if ( ++p == pe )
		goto _test_eof102;
case 102:
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st78;
	goto st0;
st103:
	if ( ++p == pe )
		goto _test_eof103;
case 103:
	if ( (*p) == 183u )
		goto st75;
	goto st0;
tr109:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 104; goto _out;} }
	goto st104;
st104:
	if ( ++p == pe )
		goto _test_eof104;
case 104:
#line 1937 "/dev/stdout"
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st75;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st75;
	} else
		goto st75;
	goto st0;
tr110:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 105; goto _out;} }
	goto st105;
st105:
	if ( ++p == pe )
		goto _test_eof105;
case 105:
#line 1953 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st75;
	goto st0;
st106:
	if ( ++p == pe )
		goto _test_eof106;
case 106:
	if ( (*p) == 191u )
		goto st75;
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st75;
	goto st0;
tr112:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 107; goto _out;} }
	goto st107;
st107:
	if ( ++p == pe )
		goto _test_eof107;
case 107:
#line 1972 "/dev/stdout"
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st105;
	goto st0;
tr113:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 108; goto _out;} }
	goto st108;
st108:
	if ( ++p == pe )
		goto _test_eof108;
case 108:
#line 1982 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st105;
	goto st0;
st109:
	if ( ++p == pe )
		goto _test_eof109;
case 109:
	switch( (*p) ) {
		case 128u: goto st110;
		case 129u: goto st111;
		case 134u: goto st112;
		case 191u: goto st113;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st105;
	} else if ( (*p) >= 130u )
		goto st105;
	goto st0;
st110:
	if ( ++p == pe )
		goto _test_eof110;
case 110:
	if ( (*p) == 191u )
		goto st75;
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st75;
	goto st0;
st111:
	if ( ++p == pe )
		goto _test_eof111;
case 111:
	if ( (*p) == 128u )
		goto st75;
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st75;
	goto st0;
st112:
	if ( ++p == pe )
		goto _test_eof112;
case 112:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st75;
	goto st0;
st113:
	if ( ++p == pe )
		goto _test_eof113;
case 113:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st75;
	goto st0;
tr115:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 114; goto _out;} }
	goto st114;
st114:
	if ( ++p == pe )
		goto _test_eof114;
case 114:
#line 2040 "/dev/stdout"
	if ( (*p) == 128u )
		goto st115;
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st105;
	goto st0;
st115:
	if ( ++p == pe )
		goto _test_eof115;
case 115:
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st75;
	goto st0;
tr116:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 116; goto _out;} }
	goto st116;
st116:
	if ( ++p == pe )
		goto _test_eof116;
case 116:
#line 2059 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st105;
	goto st0;
tr117:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 117; goto _out;} }
	goto st117;
st117:
	if ( ++p == pe )
		goto _test_eof117;
case 117:
#line 2069 "/dev/stdout"
	switch( (*p) ) {
		case 183u: goto st118;
		case 191u: goto st119;
	}
	if ( 164u <= (*p) && (*p) <= 190u )
		goto st105;
	goto st0;
st118:
	if ( ++p == pe )
		goto _test_eof118;
case 118:
	if ( (*p) > 143u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st75;
	} else if ( (*p) >= 128u )
		goto st75;
	goto st0;
st119:
	if ( ++p == pe )
		goto _test_eof119;
case 119:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st75;
	goto st0;
tr118:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 120; goto _out;} }
	goto st120;
st120:
	if ( ++p == pe )
		goto _test_eof120;
case 120:
#line 2100 "/dev/stdout"
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st108;
	goto st0;
tr119:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 121; goto _out;} }
	goto st121;
st121:
	if ( ++p == pe )
		goto _test_eof121;
case 121:
#line 2110 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st108;
	goto st0;
tr120:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 122; goto _out;} }
	goto st122;
st122:
	if ( ++p == pe )
		goto _test_eof122;
case 122:
#line 2120 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st108;
	goto st0;
tr111:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 123; goto _out;} }
	goto st123;
st123:
	if ( ++p == pe )
		goto _test_eof123;
case 123:
#line 2130 "/dev/stdout"
	if ( (*p) == 191u )
		goto st75;
	if ( 176u <= (*p) && (*p) <= 189u )
		goto st75;
	goto st0;
tr114:
#line 59 "machines/xml.rl"
	{ if (xml_on_etag_name_begin(xp, p)) {p++;  m->cs = 124; goto _out;} }
	goto st124;
st124:
	if ( ++p == pe )
		goto _test_eof124;
case 124:
#line 2142 "/dev/stdout"
	switch( (*p) ) {
		case 128u: goto st125;
		case 129u: goto st126;
		case 134u: goto st112;
		case 191u: goto st113;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st105;
	} else if ( (*p) >= 130u )
		goto st105;
	goto st0;
st125:
	if ( ++p == pe )
		goto _test_eof125;
case 125:
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st75;
	goto st0;
st126:
	if ( ++p == pe )
		goto _test_eof126;
case 126:
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st75;
	goto st0;
tr54:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 127; goto _out;} }
	goto st127;
st127:
	if ( ++p == pe )
		goto _test_eof127;
case 127:
#line 2175 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr174;
		case 32u: goto tr174;
		case 47u: goto tr176;
		case 58u: goto st296;
		case 62u: goto tr178;
		case 95u: goto st127;
		case 194u: goto st322;
		case 195u: goto st323;
		case 205u: goto st325;
		case 224u: goto st326;
		case 226u: goto st328;
		case 227u: goto st333;
		case 237u: goto st335;
		case 239u: goto st336;
		case 240u: goto st339;
		case 243u: goto st341;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 45u ) {
			if ( 9u <= (*p) && (*p) <= 10u )
				goto tr174;
		} else if ( (*p) > 57u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st127;
		} else
			goto st127;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st324;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st340;
		} else
			goto st327;
	} else
		goto st127;
	goto st0;
tr174:
#line 52 "machines/xml.rl"
	{ if (xml_on_elem_name_end(xp, p)) {p++;  m->cs = 128; goto _out;} }
	goto st128;
st128:
	if ( ++p == pe )
		goto _test_eof128;
case 128:
#line 2221 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto st128;
		case 32u: goto st128;
		case 47u: goto st129;
		case 62u: goto tr194;
		case 95u: goto tr195;
		case 195u: goto tr196;
		case 205u: goto tr198;
		case 224u: goto tr199;
		case 226u: goto tr201;
		case 227u: goto tr202;
		case 237u: goto tr203;
		case 239u: goto tr204;
		case 240u: goto tr205;
		case 243u: goto tr207;
	}
	if ( (*p) < 196u ) {
		if ( (*p) < 65u ) {
			if ( 9u <= (*p) && (*p) <= 10u )
				goto st128;
		} else if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto tr195;
		} else
			goto tr195;
	} else if ( (*p) > 203u ) {
		if ( (*p) < 225u ) {
			if ( 206u <= (*p) && (*p) <= 223u )
				goto tr197;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto tr206;
		} else
			goto tr200;
	} else
		goto tr197;
	goto st0;
tr176:
#line 52 "machines/xml.rl"
	{ if (xml_on_elem_name_end(xp, p)) {p++;  m->cs = 129; goto _out;} }
	goto st129;
st129:
	if ( ++p == pe )
		goto _test_eof129;
case 129:
#line 2265 "/dev/stdout"
	if ( (*p) == 62u )
		goto tr208;
	goto st0;
tr195:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 130; goto _out;} }
	goto st130;
st130:
	if ( ++p == pe )
		goto _test_eof130;
case 130:
#line 2275 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr209;
		case 32u: goto tr209;
		case 58u: goto st246;
		case 61u: goto tr212;
		case 95u: goto st130;
		case 194u: goto st272;
		case 195u: goto st273;
		case 205u: goto st275;
		case 224u: goto st276;
		case 226u: goto st278;
		case 227u: goto st283;
		case 237u: goto st285;
		case 239u: goto st286;
		case 240u: goto st289;
		case 243u: goto st291;
	}
	if ( (*p) < 65u ) {
		if ( (*p) < 45u ) {
			if ( 9u <= (*p) && (*p) <= 10u )
				goto tr209;
		} else if ( (*p) > 46u ) {
			if ( 48u <= (*p) && (*p) <= 57u )
				goto st130;
		} else
			goto st130;
	} else if ( (*p) > 90u ) {
		if ( (*p) < 196u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st130;
		} else if ( (*p) > 223u ) {
			if ( (*p) > 236u ) {
				if ( 241u <= (*p) && (*p) <= 242u )
					goto st290;
			} else if ( (*p) >= 225u )
				goto st277;
		} else
			goto st274;
	} else
		goto st130;
	goto st0;
tr209:
#line 54 "machines/xml.rl"
	{ if (xml_on_attr_name_end(xp, p)) {p++;  m->cs = 131; goto _out;} }
	goto st131;
st131:
	if ( ++p == pe )
		goto _test_eof131;
case 131:
#line 2323 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto st131;
		case 32u: goto st131;
		case 61u: goto st132;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st131;
	goto st0;
tr212:
#line 54 "machines/xml.rl"
	{ if (xml_on_attr_name_end(xp, p)) {p++;  m->cs = 132; goto _out;} }
	goto st132;
st132:
	if ( ++p == pe )
		goto _test_eof132;
case 132:
#line 2338 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto st132;
		case 32u: goto st132;
		case 34u: goto tr228;
		case 39u: goto tr229;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st132;
	goto st0;
tr277:
#line 50 "machines/xml.rl"
	{ if (xml_on_charref(xp, p)) {p++;  m->cs = 133; goto _out;} }
	goto st133;
tr279:
#line 67 "machines/xml.rl"
	{ if (xml_on_refuse(xp, p, XML_REFUSE_ENTITY)) {p++;  m->cs = 133; goto _out;} }
	goto st133;
tr293:
#line 40 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_AMP)) {p++;  m->cs = 133; goto _out;} }
	goto st133;
tr296:
#line 44 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_APOS)) {p++;  m->cs = 133; goto _out;} }
	goto st133;
tr298:
#line 42 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_GT)) {p++;  m->cs = 133; goto _out;} }
	goto st133;
tr300:
#line 41 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_LT)) {p++;  m->cs = 133; goto _out;} }
	goto st133;
tr304:
#line 43 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_QUOT)) {p++;  m->cs = 133; goto _out;} }
	goto st133;
tr228:
#line 55 "machines/xml.rl"
	{ if (xml_on_value_begin(xp, p)) {p++;  m->cs = 133; goto _out;} }
	goto st133;
tr230:
#line 46 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_SPACE)) {p++;  m->cs = 133; goto _out;} }
	goto st133;
tr244:
#line 39 "machines/xml.rl"
	{ if (xml_on_piece(xp, p)) {p++;  m->cs = 133; goto _out;} }
#line 46 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_SPACE)) {p++;  m->cs = 133; goto _out;} }
	goto st133;
st133:
	if ( ++p == pe )
		goto _test_eof133;
case 133:
#line 2382 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr231;
		case 34u: goto tr233;
		case 38u: goto st137;
		case 224u: goto tr236;
		case 237u: goto tr238;
		case 239u: goto tr239;
		case 240u: goto tr240;
		case 244u: goto tr242;
	}
	if ( (*p) < 61u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 59u )
				goto tr232;
		} else if ( (*p) >= 9u )
			goto tr230;
	} else if ( (*p) > 127u ) {
		if ( (*p) < 225u ) {
			if ( 194u <= (*p) && (*p) <= 223u )
				goto tr235;
		} else if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto tr241;
		} else
			goto tr237;
	} else
		goto tr232;
	goto st0;
tr231:
#line 46 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_SPACE)) {p++;  m->cs = 134; goto _out;} }
	goto st134;
tr245:
#line 39 "machines/xml.rl"
	{ if (xml_on_piece(xp, p)) {p++;  m->cs = 134; goto _out;} }
#line 46 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_SPACE)) {p++;  m->cs = 134; goto _out;} }
	goto st134;
st134:
	if ( ++p == pe )
		goto _test_eof134;
case 134:
#line 2421 "/dev/stdout"
	switch( (*p) ) {
		case 9u: goto tr230;
		case 10u: goto st133;
		case 13u: goto tr231;
		case 34u: goto tr233;
		case 38u: goto st137;
		case 224u: goto tr236;
		case 237u: goto tr238;
		case 239u: goto tr239;
		case 240u: goto tr240;
		case 244u: goto tr242;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 59u ) {
			if ( 61u <= (*p) && (*p) <= 127u )
				goto tr232;
		} else if ( (*p) >= 32u )
			goto tr232;
	} else if ( (*p) > 223u ) {
		if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto tr241;
		} else if ( (*p) >= 225u )
			goto tr237;
	} else
		goto tr235;
	goto st0;
tr232:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st135;
st135:
	if ( ++p == pe )
		goto _test_eof135;
case 135:
#line 2455 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr245;
		case 34u: goto tr247;
		case 38u: goto tr248;
		case 224u: goto st182;
		case 237u: goto st184;
		case 239u: goto st185;
		case 240u: goto st187;
		case 244u: goto st189;
	}
	if ( (*p) < 61u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 59u )
				goto st135;
		} else if ( (*p) >= 9u )
			goto tr244;
	} else if ( (*p) > 127u ) {
		if ( (*p) < 225u ) {
			if ( 194u <= (*p) && (*p) <= 223u )
				goto st181;
		} else if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto st188;
		} else
			goto st183;
	} else
		goto st135;
	goto st0;
tr233:
#line 56 "machines/xml.rl"
	{ if (xml_on_value_end(xp, p)) {p++;  m->cs = 136; goto _out;} }
	goto st136;
tr247:
#line 39 "machines/xml.rl"
	{ if (xml_on_piece(xp, p)) {p++;  m->cs = 136; goto _out;} }
#line 56 "machines/xml.rl"
	{ if (xml_on_value_end(xp, p)) {p++;  m->cs = 136; goto _out;} }
	goto st136;
st136:
	if ( ++p == pe )
		goto _test_eof136;
case 136:
#line 2494 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto st128;
		case 32u: goto st128;
		case 47u: goto st129;
		case 62u: goto tr194;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st128;
	goto st0;
tr248:
#line 39 "machines/xml.rl"
	{ if (xml_on_piece(xp, p)) {p++;  m->cs = 137; goto _out;} }
	goto st137;
st137:
	if ( ++p == pe )
		goto _test_eof137;
case 137:
#line 2510 "/dev/stdout"
	switch( (*p) ) {
		case 35u: goto tr257;
		case 58u: goto st142;
		case 95u: goto st142;
		case 97u: goto st163;
		case 103u: goto st169;
		case 108u: goto st171;
		case 113u: goto st173;
		case 195u: goto st144;
		case 205u: goto st177;
		case 224u: goto st147;
		case 226u: goto st178;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 196u ) {
		if ( (*p) > 90u ) {
			if ( 98u <= (*p) && (*p) <= 122u )
				goto st142;
		} else if ( (*p) >= 65u )
			goto st142;
	} else if ( (*p) > 203u ) {
		if ( (*p) < 225u ) {
			if ( 206u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st145;
	goto st0;
tr257:
#line 47 "machines/xml.rl"
	{ m->charref = 0; }
	goto st138;
st138:
	if ( ++p == pe )
		goto _test_eof138;
case 138:
#line 2553 "/dev/stdout"
	if ( (*p) == 120u )
		goto st140;
	if ( 48u <= (*p) && (*p) <= 57u )
		goto tr275;
	goto st0;
tr275:
#line 48 "machines/xml.rl"
	{ m->charref = xml_charref_digit(m->charref, 10, *p); }
	goto st139;
st139:
	if ( ++p == pe )
		goto _test_eof139;
case 139:
#line 2565 "/dev/stdout"
	if ( (*p) == 59u )
		goto tr277;
	if ( 48u <= (*p) && (*p) <= 57u )
		goto tr275;
	goto st0;
st140:
	if ( ++p == pe )
		goto _test_eof140;
case 140:
	if ( (*p) < 65u ) {
		if ( 48u <= (*p) && (*p) <= 57u )
			goto tr278;
	} else if ( (*p) > 70u ) {
		if ( 97u <= (*p) && (*p) <= 102u )
			goto tr278;
	} else
		goto tr278;
	goto st0;
tr278:
#line 49 "machines/xml.rl"
	{ m->charref = xml_charref_digit(m->charref, 16, *p); }
	goto st141;
st141:
	if ( ++p == pe )
		goto _test_eof141;
case 141:
#line 2590 "/dev/stdout"
	if ( (*p) == 59u )
		goto tr277;
	if ( (*p) < 65u ) {
		if ( 48u <= (*p) && (*p) <= 57u )
			goto tr278;
	} else if ( (*p) > 70u ) {
		if ( 97u <= (*p) && (*p) <= 102u )
			goto tr278;
	} else
		goto tr278;
	goto st0;
st142:
	if ( ++p == pe )
		goto _test_eof142;
case 142:
	switch( (*p) ) {
		case 59u: goto tr279;
		case 95u: goto st142;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st143:
	if ( ++p == pe )
		goto _test_eof143;
case 143:
	if ( (*p) == 183u )
		goto st142;
	goto st0;
st144:
	if ( ++p == pe )
		goto _test_eof144;
case 144:
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st142;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st142;
	} else
		goto st142;
	goto st0;
st145:
	if ( ++p == pe )
		goto _test_eof145;
case 145:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st142;
	goto st0;
st146:
	if ( ++p == pe )
		goto _test_eof146;
case 146:
	if ( (*p) == 191u )
		goto st142;
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st142;
	goto st0;
st147:
	if ( ++p == pe )
		goto _test_eof147;
case 147:
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st145;
	goto st0;
st148:
	if ( ++p == pe )
		goto _test_eof148;
case 148:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st145;
	goto st0;
st149:
	if ( ++p == pe )
		goto _test_eof149;
case 149:
	switch( (*p) ) {
		case 128u: goto st150;
		case 129u: goto st151;
		case 134u: goto st152;
		case 191u: goto st153;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st145;
	} else if ( (*p) >= 130u )
		goto st145;
	goto st0;
st150:
	if ( ++p == pe )
		goto _test_eof150;
case 150:
	if ( (*p) == 191u )
		goto st142;
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st142;
	goto st0;
st151:
	if ( ++p == pe )
		goto _test_eof151;
case 151:
	if ( (*p) == 128u )
		goto st142;
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st142;
	goto st0;
st152:
	if ( ++p == pe )
		goto _test_eof152;
case 152:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st142;
	goto st0;
st153:
	if ( ++p == pe )
		goto _test_eof153;
case 153:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st142;
	goto st0;
st154:
	if ( ++p == pe )
		goto _test_eof154;
case 154:
	if ( (*p) == 128u )
		goto st155;
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st145;
	goto st0;
st155:
	if ( ++p == pe )
		goto _test_eof155;
case 155:
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st142;
	goto st0;
st156:
	if ( ++p == pe )
		goto _test_eof156;
case 156:
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st145;
	goto st0;
st157:
	if ( ++p == pe )
		goto _test_eof157;
case 157:
	switch( (*p) ) {
		case 183u: goto st158;
		case 191u: goto st159;
	}
	if ( 164u <= (*p) && (*p) <= 190u )
		goto st145;
	goto st0;
st158:
	if ( ++p == pe )
		goto _test_eof158;
case 158:
	if ( (*p) > 143u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st142;
	} else if ( (*p) >= 128u )
		goto st142;
	goto st0;
st159:
	if ( ++p == pe )
		goto _test_eof159;
case 159:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st142;
	goto st0;
st160:
	if ( ++p == pe )
		goto _test_eof160;
case 160:
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st148;
	goto st0;
st161:
	if ( ++p == pe )
		goto _test_eof161;
case 161:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st148;
	goto st0;
st162:
	if ( ++p == pe )
		goto _test_eof162;
case 162:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st148;
	goto st0;
st163:
	if ( ++p == pe )
		goto _test_eof163;
case 163:
	switch( (*p) ) {
		case 59u: goto tr279;
		case 95u: goto st142;
		case 109u: goto st164;
		case 112u: goto st166;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st164:
	if ( ++p == pe )
		goto _test_eof164;
case 164:
	switch( (*p) ) {
		case 59u: goto tr279;
		case 95u: goto st142;
		case 112u: goto st165;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st165:
	if ( ++p == pe )
		goto _test_eof165;
case 165:
	switch( (*p) ) {
		case 59u: goto tr293;
		case 95u: goto st142;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st166:
	if ( ++p == pe )
		goto _test_eof166;
case 166:
	switch( (*p) ) {
		case 59u: goto tr279;
		case 95u: goto st142;
		case 111u: goto st167;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st167:
	if ( ++p == pe )
		goto _test_eof167;
case 167:
	switch( (*p) ) {
		case 59u: goto tr279;
		case 95u: goto st142;
		case 115u: goto st168;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st168:
	if ( ++p == pe )
		goto _test_eof168;
case 168:
	switch( (*p) ) {
		case 59u: goto tr296;
		case 95u: goto st142;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st169:
	if ( ++p == pe )
		goto _test_eof169;
case 169:
	switch( (*p) ) {
		case 59u: goto tr279;
		case 95u: goto st142;
		case 116u: goto st170;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st170:
	if ( ++p == pe )
		goto _test_eof170;
case 170:
	switch( (*p) ) {
		case 59u: goto tr298;
		case 95u: goto st142;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st171:
	if ( ++p == pe )
		goto _test_eof171;
case 171:
	switch( (*p) ) {
		case 59u: goto tr279;
		case 95u: goto st142;
		case 116u: goto st172;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st172:
	if ( ++p == pe )
		goto _test_eof172;
case 172:
	switch( (*p) ) {
		case 59u: goto tr300;
		case 95u: goto st142;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st173:
	if ( ++p == pe )
		goto _test_eof173;
case 173:
	switch( (*p) ) {
		case 59u: goto tr279;
		case 95u: goto st142;
		case 117u: goto st174;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st174:
	if ( ++p == pe )
		goto _test_eof174;
case 174:
	switch( (*p) ) {
		case 59u: goto tr279;
		case 95u: goto st142;
		case 111u: goto st175;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st175:
	if ( ++p == pe )
		goto _test_eof175;
case 175:
	switch( (*p) ) {
		case 59u: goto tr279;
		case 95u: goto st142;
		case 116u: goto st176;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st176:
	if ( ++p == pe )
		goto _test_eof176;
case 176:
	switch( (*p) ) {
		case 59u: goto tr304;
		case 95u: goto st142;
		case 194u: goto st143;
		case 195u: goto st144;
		case 205u: goto st146;
		case 224u: goto st147;
		case 226u: goto st149;
		case 227u: goto st154;
		case 237u: goto st156;
		case 239u: goto st157;
		case 240u: goto st160;
		case 243u: goto st162;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st142;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st142;
		} else
			goto st142;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st145;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st161;
		} else
			goto st148;
	} else
		goto st142;
	goto st0;
st177:
	if ( ++p == pe )
		goto _test_eof177;
case 177:
	if ( (*p) == 191u )
		goto st142;
	if ( 176u <= (*p) && (*p) <= 189u )
		goto st142;
	goto st0;
st178:
	if ( ++p == pe )
		goto _test_eof178;
case 178:
	switch( (*p) ) {
		case 128u: goto st179;
		case 129u: goto st180;
		case 134u: goto st152;
		case 191u: goto st153;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st145;
	} else if ( (*p) >= 130u )
		goto st145;
	goto st0;
st179:
	if ( ++p == pe )
		goto _test_eof179;
case 179:
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st142;
	goto st0;
st180:
	if ( ++p == pe )
		goto _test_eof180;
case 180:
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st142;
	goto st0;
tr235:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st181;
st181:
	if ( ++p == pe )
		goto _test_eof181;
case 181:
#line 3412 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st135;
	goto st0;
tr236:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st182;
st182:
	if ( ++p == pe )
		goto _test_eof182;
case 182:
#line 3422 "/dev/stdout"
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st181;
	goto st0;
tr237:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st183;
st183:
	if ( ++p == pe )
		goto _test_eof183;
case 183:
#line 3432 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st181;
	goto st0;
tr238:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st184;
st184:
	if ( ++p == pe )
		goto _test_eof184;
case 184:
#line 3442 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st181;
	goto st0;
tr239:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st185;
st185:
	if ( ++p == pe )
		goto _test_eof185;
case 185:
#line 3452 "/dev/stdout"
	if ( (*p) == 191u )
		goto st186;
	if ( 128u <= (*p) && (*p) <= 190u )
		goto st181;
	goto st0;
st186:
	if ( ++p == pe )
		goto _test_eof186;
case 186:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st135;
	goto st0;
tr240:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st187;
st187:
	if ( ++p == pe )
		goto _test_eof187;
case 187:
#line 3471 "/dev/stdout"
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st183;
	goto st0;
tr241:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st188;
st188:
	if ( ++p == pe )
		goto _test_eof188;
case 188:
#line 3481 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st183;
	goto st0;
tr242:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st189;
st189:
	if ( ++p == pe )
		goto _test_eof189;
case 189:
#line 3491 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st183;
	goto st0;
tr353:
#line 50 "machines/xml.rl"
	{ if (xml_on_charref(xp, p)) {p++;  m->cs = 190; goto _out;} }
	goto st190;
tr355:
#line 67 "machines/xml.rl"
	{ if (xml_on_refuse(xp, p, XML_REFUSE_ENTITY)) {p++;  m->cs = 190; goto _out;} }
	goto st190;
tr369:
#line 40 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_AMP)) {p++;  m->cs = 190; goto _out;} }
	goto st190;
tr372:
#line 44 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_APOS)) {p++;  m->cs = 190; goto _out;} }
	goto st190;
tr374:
#line 42 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_GT)) {p++;  m->cs = 190; goto _out;} }
	goto st190;
tr376:
#line 41 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_LT)) {p++;  m->cs = 190; goto _out;} }
	goto st190;
tr380:
#line 43 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_QUOT)) {p++;  m->cs = 190; goto _out;} }
	goto st190;
tr229:
#line 55 "machines/xml.rl"
	{ if (xml_on_value_begin(xp, p)) {p++;  m->cs = 190; goto _out;} }
	goto st190;
tr308:
#line 46 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_SPACE)) {p++;  m->cs = 190; goto _out;} }
	goto st190;
tr321:
#line 39 "machines/xml.rl"
	{ if (xml_on_piece(xp, p)) {p++;  m->cs = 190; goto _out;} }
#line 46 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_SPACE)) {p++;  m->cs = 190; goto _out;} }
	goto st190;
st190:
	if ( ++p == pe )
		goto _test_eof190;
case 190:
#line 3529 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr309;
		case 38u: goto st193;
		case 39u: goto tr233;
		case 224u: goto tr313;
		case 237u: goto tr315;
		case 239u: goto tr316;
		case 240u: goto tr317;
		case 244u: goto tr319;
	}
	if ( (*p) < 61u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 59u )
				goto tr310;
		} else if ( (*p) >= 9u )
			goto tr308;
	} else if ( (*p) > 127u ) {
		if ( (*p) < 225u ) {
			if ( 194u <= (*p) && (*p) <= 223u )
				goto tr312;
		} else if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto tr318;
		} else
			goto tr314;
	} else
		goto tr310;
	goto st0;
tr309:
#line 46 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_SPACE)) {p++;  m->cs = 191; goto _out;} }
	goto st191;
tr322:
#line 39 "machines/xml.rl"
	{ if (xml_on_piece(xp, p)) {p++;  m->cs = 191; goto _out;} }
#line 46 "machines/xml.rl"
	{ if (xml_on_decoded(xp, p, XML_DEC_SPACE)) {p++;  m->cs = 191; goto _out;} }
	goto st191;
st191:
	if ( ++p == pe )
		goto _test_eof191;
case 191:
#line 3568 "/dev/stdout"
	switch( (*p) ) {
		case 9u: goto tr308;
		case 10u: goto st190;
		case 13u: goto tr309;
		case 38u: goto st193;
		case 39u: goto tr233;
		case 224u: goto tr313;
		case 237u: goto tr315;
		case 239u: goto tr316;
		case 240u: goto tr317;
		case 244u: goto tr319;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 59u ) {
			if ( 61u <= (*p) && (*p) <= 127u )
				goto tr310;
		} else if ( (*p) >= 32u )
			goto tr310;
	} else if ( (*p) > 223u ) {
		if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto tr318;
		} else if ( (*p) >= 225u )
			goto tr314;
	} else
		goto tr312;
	goto st0;
tr310:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st192;
st192:
	if ( ++p == pe )
		goto _test_eof192;
case 192:
#line 3602 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr322;
		case 38u: goto tr324;
		case 39u: goto tr247;
		case 224u: goto st238;
		case 237u: goto st240;
		case 239u: goto st241;
		case 240u: goto st243;
		case 244u: goto st245;
	}
	if ( (*p) < 61u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 59u )
				goto st192;
		} else if ( (*p) >= 9u )
			goto tr321;
	} else if ( (*p) > 127u ) {
		if ( (*p) < 225u ) {
			if ( 194u <= (*p) && (*p) <= 223u )
				goto st237;
		} else if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto st244;
		} else
			goto st239;
	} else
		goto st192;
	goto st0;
tr324:
#line 39 "machines/xml.rl"
	{ if (xml_on_piece(xp, p)) {p++;  m->cs = 193; goto _out;} }
	goto st193;
st193:
	if ( ++p == pe )
		goto _test_eof193;
case 193:
#line 3637 "/dev/stdout"
	switch( (*p) ) {
		case 35u: goto tr333;
		case 58u: goto st198;
		case 95u: goto st198;
		case 97u: goto st219;
		case 103u: goto st225;
		case 108u: goto st227;
		case 113u: goto st229;
		case 195u: goto st200;
		case 205u: goto st233;
		case 224u: goto st203;
		case 226u: goto st234;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 196u ) {
		if ( (*p) > 90u ) {
			if ( 98u <= (*p) && (*p) <= 122u )
				goto st198;
		} else if ( (*p) >= 65u )
			goto st198;
	} else if ( (*p) > 203u ) {
		if ( (*p) < 225u ) {
			if ( 206u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st201;
	goto st0;
tr333:
#line 47 "machines/xml.rl"
	{ m->charref = 0; }
	goto st194;
st194:
	if ( ++p == pe )
		goto _test_eof194;
case 194:
#line 3680 "/dev/stdout"
	if ( (*p) == 120u )
		goto st196;
	if ( 48u <= (*p) && (*p) <= 57u )
		goto tr351;
	goto st0;
tr351:
#line 48 "machines/xml.rl"
	{ m->charref = xml_charref_digit(m->charref, 10, *p); }
	goto st195;
st195:
	if ( ++p == pe )
		goto _test_eof195;
case 195:
#line 3692 "/dev/stdout"
	if ( (*p) == 59u )
		goto tr353;
	if ( 48u <= (*p) && (*p) <= 57u )
		goto tr351;
	goto st0;
st196:
	if ( ++p == pe )
		goto _test_eof196;
case 196:
	if ( (*p) < 65u ) {
		if ( 48u <= (*p) && (*p) <= 57u )
			goto tr354;
	} else if ( (*p) > 70u ) {
		if ( 97u <= (*p) && (*p) <= 102u )
			goto tr354;
	} else
		goto tr354;
	goto st0;
tr354:
#line 49 "machines/xml.rl"
	{ m->charref = xml_charref_digit(m->charref, 16, *p); }
	goto st197;
st197:
	if ( ++p == pe )
		goto _test_eof197;
case 197:
#line 3717 "/dev/stdout"
	if ( (*p) == 59u )
		goto tr353;
	if ( (*p) < 65u ) {
		if ( 48u <= (*p) && (*p) <= 57u )
			goto tr354;
	} else if ( (*p) > 70u ) {
		if ( 97u <= (*p) && (*p) <= 102u )
			goto tr354;
	} else
		goto tr354;
	goto st0;
st198:
	if ( ++p == pe )
		goto _test_eof198;
case 198:
	switch( (*p) ) {
		case 59u: goto tr355;
		case 95u: goto st198;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st199:
	if ( ++p == pe )
		goto _test_eof199;
case 199:
	if ( (*p) == 183u )
		goto st198;
	goto st0;
st200:
	if ( ++p == pe )
		goto _test_eof200;
case 200:
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st198;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st198;
	} else
		goto st198;
	goto st0;
st201:
	if ( ++p == pe )
		goto _test_eof201;
case 201:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st198;
	goto st0;
st202:
	if ( ++p == pe )
		goto _test_eof202;
case 202:
	if ( (*p) == 191u )
		goto st198;
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st198;
	goto st0;
st203:
	if ( ++p == pe )
		goto _test_eof203;
case 203:
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st201;
	goto st0;
st204:
	if ( ++p == pe )
		goto _test_eof204;
case 204:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st201;
	goto st0;
st205:
	if ( ++p == pe )
		goto _test_eof205;
case 205:
	switch( (*p) ) {
		case 128u: goto st206;
		case 129u: goto st207;
		case 134u: goto st208;
		case 191u: goto st209;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st201;
	} else if ( (*p) >= 130u )
		goto st201;
	goto st0;
st206:
	if ( ++p == pe )
		goto _test_eof206;
case 206:
	if ( (*p) == 191u )
		goto st198;
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st198;
	goto st0;
st207:
	if ( ++p == pe )
		goto _test_eof207;
case 207:
	if ( (*p) == 128u )
		goto st198;
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st198;
	goto st0;
st208:
	if ( ++p == pe )
		goto _test_eof208;
case 208:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st198;
	goto st0;
st209:
	if ( ++p == pe )
		goto _test_eof209;
case 209:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st198;
	goto st0;
st210:
	if ( ++p == pe )
		goto _test_eof210;
case 210:
	if ( (*p) == 128u )
		goto st211;
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st201;
	goto st0;
st211:
	if ( ++p == pe )
		goto _test_eof211;
case 211:
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st198;
	goto st0;
st212:
	if ( ++p == pe )
		goto _test_eof212;
case 212:
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st201;
	goto st0;
st213:
	if ( ++p == pe )
		goto _test_eof213;
case 213:
	switch( (*p) ) {
		case 183u: goto st214;
		case 191u: goto st215;
	}
	if ( 164u <= (*p) && (*p) <= 190u )
		goto st201;
	goto st0;
st214:
	if ( ++p == pe )
		goto _test_eof214;
case 214:
	if ( (*p) > 143u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st198;
	} else if ( (*p) >= 128u )
		goto st198;
	goto st0;
st215:
	if ( ++p == pe )
		goto _test_eof215;
case 215:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st198;
	goto st0;
st216:
	if ( ++p == pe )
		goto _test_eof216;
case 216:
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st204;
	goto st0;
st217:
	if ( ++p == pe )
		goto _test_eof217;
case 217:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st204;
	goto st0;
st218:
	if ( ++p == pe )
		goto _test_eof218;
case 218:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st204;
	goto st0;
st219:
	if ( ++p == pe )
		goto _test_eof219;
case 219:
	switch( (*p) ) {
		case 59u: goto tr355;
		case 95u: goto st198;
		case 109u: goto st220;
		case 112u: goto st222;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st220:
	if ( ++p == pe )
		goto _test_eof220;
case 220:
	switch( (*p) ) {
		case 59u: goto tr355;
		case 95u: goto st198;
		case 112u: goto st221;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st221:
	if ( ++p == pe )
		goto _test_eof221;
case 221:
	switch( (*p) ) {
		case 59u: goto tr369;
		case 95u: goto st198;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st222:
	if ( ++p == pe )
		goto _test_eof222;
case 222:
	switch( (*p) ) {
		case 59u: goto tr355;
		case 95u: goto st198;
		case 111u: goto st223;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st223:
	if ( ++p == pe )
		goto _test_eof223;
case 223:
	switch( (*p) ) {
		case 59u: goto tr355;
		case 95u: goto st198;
		case 115u: goto st224;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st224:
	if ( ++p == pe )
		goto _test_eof224;
case 224:
	switch( (*p) ) {
		case 59u: goto tr372;
		case 95u: goto st198;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st225:
	if ( ++p == pe )
		goto _test_eof225;
case 225:
	switch( (*p) ) {
		case 59u: goto tr355;
		case 95u: goto st198;
		case 116u: goto st226;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st226:
	if ( ++p == pe )
		goto _test_eof226;
case 226:
	switch( (*p) ) {
		case 59u: goto tr374;
		case 95u: goto st198;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st227:
	if ( ++p == pe )
		goto _test_eof227;
case 227:
	switch( (*p) ) {
		case 59u: goto tr355;
		case 95u: goto st198;
		case 116u: goto st228;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st228:
	if ( ++p == pe )
		goto _test_eof228;
case 228:
	switch( (*p) ) {
		case 59u: goto tr376;
		case 95u: goto st198;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st229:
	if ( ++p == pe )
		goto _test_eof229;
case 229:
	switch( (*p) ) {
		case 59u: goto tr355;
		case 95u: goto st198;
		case 117u: goto st230;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st230:
	if ( ++p == pe )
		goto _test_eof230;
case 230:
	switch( (*p) ) {
		case 59u: goto tr355;
		case 95u: goto st198;
		case 111u: goto st231;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st231:
	if ( ++p == pe )
		goto _test_eof231;
case 231:
	switch( (*p) ) {
		case 59u: goto tr355;
		case 95u: goto st198;
		case 116u: goto st232;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st232:
	if ( ++p == pe )
		goto _test_eof232;
case 232:
	switch( (*p) ) {
		case 59u: goto tr380;
		case 95u: goto st198;
		case 194u: goto st199;
		case 195u: goto st200;
		case 205u: goto st202;
		case 224u: goto st203;
		case 226u: goto st205;
		case 227u: goto st210;
		case 237u: goto st212;
		case 239u: goto st213;
		case 240u: goto st216;
		case 243u: goto st218;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 48u ) {
			if ( 45u <= (*p) && (*p) <= 46u )
				goto st198;
		} else if ( (*p) > 58u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st198;
		} else
			goto st198;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st201;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st217;
		} else
			goto st204;
	} else
		goto st198;
	goto st0;
st233:
	if ( ++p == pe )
		goto _test_eof233;
case 233:
	if ( (*p) == 191u )
		goto st198;
	if ( 176u <= (*p) && (*p) <= 189u )
		goto st198;
	goto st0;
st234:
	if ( ++p == pe )
		goto _test_eof234;
case 234:
	switch( (*p) ) {
		case 128u: goto st235;
		case 129u: goto st236;
		case 134u: goto st208;
		case 191u: goto st209;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st201;
	} else if ( (*p) >= 130u )
		goto st201;
	goto st0;
st235:
	if ( ++p == pe )
		goto _test_eof235;
case 235:
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st198;
	goto st0;
st236:
	if ( ++p == pe )
		goto _test_eof236;
case 236:
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st198;
	goto st0;
tr312:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st237;
st237:
	if ( ++p == pe )
		goto _test_eof237;
case 237:
#line 4539 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st192;
	goto st0;
tr313:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st238;
st238:
	if ( ++p == pe )
		goto _test_eof238;
case 238:
#line 4549 "/dev/stdout"
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st237;
	goto st0;
tr314:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st239;
st239:
	if ( ++p == pe )
		goto _test_eof239;
case 239:
#line 4559 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st237;
	goto st0;
tr315:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st240;
st240:
	if ( ++p == pe )
		goto _test_eof240;
case 240:
#line 4569 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st237;
	goto st0;
tr316:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st241;
st241:
	if ( ++p == pe )
		goto _test_eof241;
case 241:
#line 4579 "/dev/stdout"
	if ( (*p) == 191u )
		goto st242;
	if ( 128u <= (*p) && (*p) <= 190u )
		goto st237;
	goto st0;
st242:
	if ( ++p == pe )
		goto _test_eof242;
case 242:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st192;
	goto st0;
tr317:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st243;
st243:
	if ( ++p == pe )
		goto _test_eof243;
case 243:
#line 4598 "/dev/stdout"
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st239;
	goto st0;
tr318:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st244;
st244:
	if ( ++p == pe )
		goto _test_eof244;
case 244:
#line 4608 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st239;
	goto st0;
tr319:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st245;
st245:
	if ( ++p == pe )
		goto _test_eof245;
case 245:
#line 4618 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st239;
	goto st0;
st246:
	if ( ++p == pe )
		goto _test_eof246;
case 246:
	switch( (*p) ) {
		case 95u: goto st247;
		case 195u: goto st249;
		case 205u: goto st268;
		case 224u: goto st252;
		case 226u: goto st269;
		case 227u: goto st259;
		case 237u: goto st261;
		case 239u: goto st262;
		case 240u: goto st265;
		case 243u: goto st267;
	}
	if ( (*p) < 196u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st247;
		} else if ( (*p) >= 65u )
			goto st247;
	} else if ( (*p) > 203u ) {
		if ( (*p) < 225u ) {
			if ( 206u <= (*p) && (*p) <= 223u )
				goto st250;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st266;
		} else
			goto st253;
	} else
		goto st250;
	goto st0;
st247:
	if ( ++p == pe )
		goto _test_eof247;
case 247:
	switch( (*p) ) {
		case 13u: goto tr209;
		case 32u: goto tr209;
		case 61u: goto tr212;
		case 95u: goto st247;
		case 194u: goto st248;
		case 195u: goto st249;
		case 205u: goto st251;
		case 224u: goto st252;
		case 226u: goto st254;
		case 227u: goto st259;
		case 237u: goto st261;
		case 239u: goto st262;
		case 240u: goto st265;
		case 243u: goto st267;
	}
	if ( (*p) < 65u ) {
		if ( (*p) < 45u ) {
			if ( 9u <= (*p) && (*p) <= 10u )
				goto tr209;
		} else if ( (*p) > 46u ) {
			if ( 48u <= (*p) && (*p) <= 57u )
				goto st247;
		} else
			goto st247;
	} else if ( (*p) > 90u ) {
		if ( (*p) < 196u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st247;
		} else if ( (*p) > 223u ) {
			if ( (*p) > 236u ) {
				if ( 241u <= (*p) && (*p) <= 242u )
					goto st266;
			} else if ( (*p) >= 225u )
				goto st253;
		} else
			goto st250;
	} else
		goto st247;
	goto st0;
st248:
	if ( ++p == pe )
		goto _test_eof248;
case 248:
	if ( (*p) == 183u )
		goto st247;
	goto st0;
st249:
	if ( ++p == pe )
		goto _test_eof249;
case 249:
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st247;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st247;
	} else
		goto st247;
	goto st0;
st250:
	if ( ++p == pe )
		goto _test_eof250;
case 250:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st247;
	goto st0;
st251:
	if ( ++p == pe )
		goto _test_eof251;
case 251:
	if ( (*p) == 191u )
		goto st247;
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st247;
	goto st0;
st252:
	if ( ++p == pe )
		goto _test_eof252;
case 252:
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st250;
	goto st0;
st253:
	if ( ++p == pe )
		goto _test_eof253;
case 253:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st250;
	goto st0;
st254:
	if ( ++p == pe )
		goto _test_eof254;
case 254:
	switch( (*p) ) {
		case 128u: goto st255;
		case 129u: goto st256;
		case 134u: goto st257;
		case 191u: goto st258;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st250;
	} else if ( (*p) >= 130u )
		goto st250;
	goto st0;
st255:
	if ( ++p == pe )
		goto _test_eof255;
case 255:
	if ( (*p) == 191u )
		goto st247;
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st247;
	goto st0;
st256:
	if ( ++p == pe )
		goto _test_eof256;
case 256:
	if ( (*p) == 128u )
		goto st247;
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st247;
	goto st0;
st257:
	if ( ++p == pe )
		goto _test_eof257;
case 257:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st247;
	goto st0;
st258:
	if ( ++p == pe )
		goto _test_eof258;
case 258:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st247;
	goto st0;
st259:
	if ( ++p == pe )
		goto _test_eof259;
case 259:
	if ( (*p) == 128u )
		goto st260;
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st250;
	goto st0;
st260:
	if ( ++p == pe )
		goto _test_eof260;
case 260:
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st247;
	goto st0;
st261:
	if ( ++p == pe )
		goto _test_eof261;
case 261:
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st250;
	goto st0;
st262:
	if ( ++p == pe )
		goto _test_eof262;
case 262:
	switch( (*p) ) {
		case 183u: goto st263;
		case 191u: goto st264;
	}
	if ( 164u <= (*p) && (*p) <= 190u )
		goto st250;
	goto st0;
st263:
	if ( ++p == pe )
		goto _test_eof263;
case 263:
	if ( (*p) > 143u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st247;
	} else if ( (*p) >= 128u )
		goto st247;
	goto st0;
st264:
	if ( ++p == pe )
		goto _test_eof264;
case 264:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st247;
	goto st0;
st265:
	if ( ++p == pe )
		goto _test_eof265;
case 265:
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st253;
	goto st0;
st266:
	if ( ++p == pe )
		goto _test_eof266;
case 266:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st253;
	goto st0;
st267:
	if ( ++p == pe )
		goto _test_eof267;
case 267:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st253;
	goto st0;
st268:
	if ( ++p == pe )
		goto _test_eof268;
case 268:
	if ( (*p) == 191u )
		goto st247;
	if ( 176u <= (*p) && (*p) <= 189u )
		goto st247;
	goto st0;
st269:
	if ( ++p == pe )
		goto _test_eof269;
case 269:
	switch( (*p) ) {
		case 128u: goto st270;
		case 129u: goto st271;
		case 134u: goto st257;
		case 191u: goto st258;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st250;
	} else if ( (*p) >= 130u )
		goto st250;
	goto st0;
st270:
	if ( ++p == pe )
		goto _test_eof270;
case 270:
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st247;
	goto st0;
st271:
	if ( ++p == pe )
		goto _test_eof271;
case 271:
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st247;
	goto st0;
st272:
	if ( ++p == pe )
		goto _test_eof272;
case 272:
	if ( (*p) == 183u )
		goto st130;
	goto st0;
tr196:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 273; goto _out;} }
	goto st273;
st273:
	if ( ++p == pe )
		goto _test_eof273;
case 273:
#line 4922 "/dev/stdout"
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st130;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st130;
	} else
		goto st130;
	goto st0;
tr197:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 274; goto _out;} }
	goto st274;
st274:
	if ( ++p == pe )
		goto _test_eof274;
case 274:
#line 4938 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st130;
	goto st0;
st275:
	if ( ++p == pe )
		goto _test_eof275;
case 275:
	if ( (*p) == 191u )
		goto st130;
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st130;
	goto st0;
tr199:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 276; goto _out;} }
	goto st276;
st276:
	if ( ++p == pe )
		goto _test_eof276;
case 276:
#line 4957 "/dev/stdout"
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st274;
	goto st0;
tr200:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 277; goto _out;} }
	goto st277;
st277:
	if ( ++p == pe )
		goto _test_eof277;
case 277:
#line 4967 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st274;
	goto st0;
st278:
	if ( ++p == pe )
		goto _test_eof278;
case 278:
	switch( (*p) ) {
		case 128u: goto st279;
		case 129u: goto st280;
		case 134u: goto st281;
		case 191u: goto st282;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st274;
	} else if ( (*p) >= 130u )
		goto st274;
	goto st0;
st279:
	if ( ++p == pe )
		goto _test_eof279;
case 279:
	if ( (*p) == 191u )
		goto st130;
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st130;
	goto st0;
st280:
	if ( ++p == pe )
		goto _test_eof280;
case 280:
	if ( (*p) == 128u )
		goto st130;
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st130;
	goto st0;
st281:
	if ( ++p == pe )
		goto _test_eof281;
case 281:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st130;
	goto st0;
st282:
	if ( ++p == pe )
		goto _test_eof282;
case 282:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st130;
	goto st0;
tr202:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 283; goto _out;} }
	goto st283;
st283:
	if ( ++p == pe )
		goto _test_eof283;
case 283:
#line 5025 "/dev/stdout"
	if ( (*p) == 128u )
		goto st284;
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st274;
	goto st0;
st284:
	if ( ++p == pe )
		goto _test_eof284;
case 284:
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st130;
	goto st0;
tr203:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 285; goto _out;} }
	goto st285;
st285:
	if ( ++p == pe )
		goto _test_eof285;
case 285:
#line 5044 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st274;
	goto st0;
tr204:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 286; goto _out;} }
	goto st286;
st286:
	if ( ++p == pe )
		goto _test_eof286;
case 286:
#line 5054 "/dev/stdout"
	switch( (*p) ) {
		case 183u: goto st287;
		case 191u: goto st288;
	}
	if ( 164u <= (*p) && (*p) <= 190u )
		goto st274;
	goto st0;
st287:
	if ( ++p == pe )
		goto _test_eof287;
case 287:
	if ( (*p) > 143u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st130;
	} else if ( (*p) >= 128u )
		goto st130;
	goto st0;
st288:
	if ( ++p == pe )
		goto _test_eof288;
case 288:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st130;
	goto st0;
tr205:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 289; goto _out;} }
	goto st289;
st289:
	if ( ++p == pe )
		goto _test_eof289;
case 289:
#line 5085 "/dev/stdout"
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st277;
	goto st0;
tr206:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 290; goto _out;} }
	goto st290;
st290:
	if ( ++p == pe )
		goto _test_eof290;
case 290:
#line 5095 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st277;
	goto st0;
tr207:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 291; goto _out;} }
	goto st291;
st291:
	if ( ++p == pe )
		goto _test_eof291;
case 291:
#line 5105 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st277;
	goto st0;
tr198:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 292; goto _out;} }
	goto st292;
st292:
	if ( ++p == pe )
		goto _test_eof292;
case 292:
#line 5115 "/dev/stdout"
	if ( (*p) == 191u )
		goto st130;
	if ( 176u <= (*p) && (*p) <= 189u )
		goto st130;
	goto st0;
tr201:
#line 53 "machines/xml.rl"
	{ if (xml_on_attr_name_begin(xp, p)) {p++;  m->cs = 293; goto _out;} }
	goto st293;
st293:
	if ( ++p == pe )
		goto _test_eof293;
case 293:
#line 5127 "/dev/stdout"
	switch( (*p) ) {
		case 128u: goto st294;
		case 129u: goto st295;
		case 134u: goto st281;
		case 191u: goto st282;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st274;
	} else if ( (*p) >= 130u )
		goto st274;
	goto st0;
st294:
	if ( ++p == pe )
		goto _test_eof294;
case 294:
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st130;
	goto st0;
st295:
	if ( ++p == pe )
		goto _test_eof295;
case 295:
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st130;
	goto st0;
st296:
	if ( ++p == pe )
		goto _test_eof296;
case 296:
	switch( (*p) ) {
		case 95u: goto st297;
		case 195u: goto st299;
		case 205u: goto st318;
		case 224u: goto st302;
		case 226u: goto st319;
		case 227u: goto st309;
		case 237u: goto st311;
		case 239u: goto st312;
		case 240u: goto st315;
		case 243u: goto st317;
	}
	if ( (*p) < 196u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st297;
		} else if ( (*p) >= 65u )
			goto st297;
	} else if ( (*p) > 203u ) {
		if ( (*p) < 225u ) {
			if ( 206u <= (*p) && (*p) <= 223u )
				goto st300;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st316;
		} else
			goto st303;
	} else
		goto st300;
	goto st0;
st297:
	if ( ++p == pe )
		goto _test_eof297;
case 297:
	switch( (*p) ) {
		case 13u: goto tr174;
		case 32u: goto tr174;
		case 47u: goto tr176;
		case 62u: goto tr178;
		case 95u: goto st297;
		case 194u: goto st298;
		case 195u: goto st299;
		case 205u: goto st301;
		case 224u: goto st302;
		case 226u: goto st304;
		case 227u: goto st309;
		case 237u: goto st311;
		case 239u: goto st312;
		case 240u: goto st315;
		case 243u: goto st317;
	}
	if ( (*p) < 97u ) {
		if ( (*p) < 45u ) {
			if ( 9u <= (*p) && (*p) <= 10u )
				goto tr174;
		} else if ( (*p) > 57u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st297;
		} else
			goto st297;
	} else if ( (*p) > 122u ) {
		if ( (*p) < 225u ) {
			if ( 196u <= (*p) && (*p) <= 223u )
				goto st300;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto st316;
		} else
			goto st303;
	} else
		goto st297;
	goto st0;
st298:
	if ( ++p == pe )
		goto _test_eof298;
case 298:
	if ( (*p) == 183u )
		goto st297;
	goto st0;
st299:
	if ( ++p == pe )
		goto _test_eof299;
case 299:
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st297;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st297;
	} else
		goto st297;
	goto st0;
st300:
	if ( ++p == pe )
		goto _test_eof300;
case 300:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st297;
	goto st0;
st301:
	if ( ++p == pe )
		goto _test_eof301;
case 301:
	if ( (*p) == 191u )
		goto st297;
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st297;
	goto st0;
st302:
	if ( ++p == pe )
		goto _test_eof302;
case 302:
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st300;
	goto st0;
st303:
	if ( ++p == pe )
		goto _test_eof303;
case 303:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st300;
	goto st0;
st304:
	if ( ++p == pe )
		goto _test_eof304;
case 304:
	switch( (*p) ) {
		case 128u: goto st305;
		case 129u: goto st306;
		case 134u: goto st307;
		case 191u: goto st308;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st300;
	} else if ( (*p) >= 130u )
		goto st300;
	goto st0;
st305:
	if ( ++p == pe )
		goto _test_eof305;
case 305:
	if ( (*p) == 191u )
		goto st297;
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st297;
	goto st0;
st306:
	if ( ++p == pe )
		goto _test_eof306;
case 306:
	if ( (*p) == 128u )
		goto st297;
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st297;
	goto st0;
st307:
	if ( ++p == pe )
		goto _test_eof307;
case 307:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st297;
	goto st0;
st308:
	if ( ++p == pe )
		goto _test_eof308;
case 308:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st297;
	goto st0;
st309:
	if ( ++p == pe )
		goto _test_eof309;
case 309:
	if ( (*p) == 128u )
		goto st310;
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st300;
	goto st0;
st310:
	if ( ++p == pe )
		goto _test_eof310;
case 310:
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st297;
	goto st0;
st311:
	if ( ++p == pe )
		goto _test_eof311;
case 311:
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st300;
	goto st0;
st312:
	if ( ++p == pe )
		goto _test_eof312;
case 312:
	switch( (*p) ) {
		case 183u: goto st313;
		case 191u: goto st314;
	}
	if ( 164u <= (*p) && (*p) <= 190u )
		goto st300;
	goto st0;
st313:
	if ( ++p == pe )
		goto _test_eof313;
case 313:
	if ( (*p) > 143u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st297;
	} else if ( (*p) >= 128u )
		goto st297;
	goto st0;
st314:
	if ( ++p == pe )
		goto _test_eof314;
case 314:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st297;
	goto st0;
st315:
	if ( ++p == pe )
		goto _test_eof315;
case 315:
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st303;
	goto st0;
st316:
	if ( ++p == pe )
		goto _test_eof316;
case 316:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st303;
	goto st0;
st317:
	if ( ++p == pe )
		goto _test_eof317;
case 317:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st303;
	goto st0;
st318:
	if ( ++p == pe )
		goto _test_eof318;
case 318:
	if ( (*p) == 191u )
		goto st297;
	if ( 176u <= (*p) && (*p) <= 189u )
		goto st297;
	goto st0;
st319:
	if ( ++p == pe )
		goto _test_eof319;
case 319:
	switch( (*p) ) {
		case 128u: goto st320;
		case 129u: goto st321;
		case 134u: goto st307;
		case 191u: goto st308;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st300;
	} else if ( (*p) >= 130u )
		goto st300;
	goto st0;
st320:
	if ( ++p == pe )
		goto _test_eof320;
case 320:
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st297;
	goto st0;
st321:
	if ( ++p == pe )
		goto _test_eof321;
case 321:
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st297;
	goto st0;
st322:
	if ( ++p == pe )
		goto _test_eof322;
case 322:
	if ( (*p) == 183u )
		goto st127;
	goto st0;
tr55:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 323; goto _out;} }
	goto st323;
st323:
	if ( ++p == pe )
		goto _test_eof323;
case 323:
#line 5452 "/dev/stdout"
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st127;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st127;
	} else
		goto st127;
	goto st0;
tr56:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 324; goto _out;} }
	goto st324;
st324:
	if ( ++p == pe )
		goto _test_eof324;
case 324:
#line 5468 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st127;
	goto st0;
st325:
	if ( ++p == pe )
		goto _test_eof325;
case 325:
	if ( (*p) == 191u )
		goto st127;
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st127;
	goto st0;
tr58:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 326; goto _out;} }
	goto st326;
st326:
	if ( ++p == pe )
		goto _test_eof326;
case 326:
#line 5487 "/dev/stdout"
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st324;
	goto st0;
tr59:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 327; goto _out;} }
	goto st327;
st327:
	if ( ++p == pe )
		goto _test_eof327;
case 327:
#line 5497 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st324;
	goto st0;
st328:
	if ( ++p == pe )
		goto _test_eof328;
case 328:
	switch( (*p) ) {
		case 128u: goto st329;
		case 129u: goto st330;
		case 134u: goto st331;
		case 191u: goto st332;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st324;
	} else if ( (*p) >= 130u )
		goto st324;
	goto st0;
st329:
	if ( ++p == pe )
		goto _test_eof329;
case 329:
	if ( (*p) == 191u )
		goto st127;
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st127;
	goto st0;
st330:
	if ( ++p == pe )
		goto _test_eof330;
case 330:
	if ( (*p) == 128u )
		goto st127;
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st127;
	goto st0;
st331:
	if ( ++p == pe )
		goto _test_eof331;
case 331:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st127;
	goto st0;
st332:
	if ( ++p == pe )
		goto _test_eof332;
case 332:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st127;
	goto st0;
tr61:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 333; goto _out;} }
	goto st333;
st333:
	if ( ++p == pe )
		goto _test_eof333;
case 333:
#line 5555 "/dev/stdout"
	if ( (*p) == 128u )
		goto st334;
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st324;
	goto st0;
st334:
	if ( ++p == pe )
		goto _test_eof334;
case 334:
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st127;
	goto st0;
tr62:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 335; goto _out;} }
	goto st335;
st335:
	if ( ++p == pe )
		goto _test_eof335;
case 335:
#line 5574 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st324;
	goto st0;
tr63:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 336; goto _out;} }
	goto st336;
st336:
	if ( ++p == pe )
		goto _test_eof336;
case 336:
#line 5584 "/dev/stdout"
	switch( (*p) ) {
		case 183u: goto st337;
		case 191u: goto st338;
	}
	if ( 164u <= (*p) && (*p) <= 190u )
		goto st324;
	goto st0;
st337:
	if ( ++p == pe )
		goto _test_eof337;
case 337:
	if ( (*p) > 143u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st127;
	} else if ( (*p) >= 128u )
		goto st127;
	goto st0;
st338:
	if ( ++p == pe )
		goto _test_eof338;
case 338:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st127;
	goto st0;
tr64:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 339; goto _out;} }
	goto st339;
st339:
	if ( ++p == pe )
		goto _test_eof339;
case 339:
#line 5615 "/dev/stdout"
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st327;
	goto st0;
tr65:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 340; goto _out;} }
	goto st340;
st340:
	if ( ++p == pe )
		goto _test_eof340;
case 340:
#line 5625 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st327;
	goto st0;
tr66:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 341; goto _out;} }
	goto st341;
st341:
	if ( ++p == pe )
		goto _test_eof341;
case 341:
#line 5635 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st327;
	goto st0;
tr57:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 342; goto _out;} }
	goto st342;
st342:
	if ( ++p == pe )
		goto _test_eof342;
case 342:
#line 5645 "/dev/stdout"
	if ( (*p) == 191u )
		goto st127;
	if ( 176u <= (*p) && (*p) <= 189u )
		goto st127;
	goto st0;
tr60:
#line 51 "machines/xml.rl"
	{ if (xml_on_elem_name_begin(xp, p)) {p++;  m->cs = 343; goto _out;} }
	goto st343;
st343:
	if ( ++p == pe )
		goto _test_eof343;
case 343:
#line 5657 "/dev/stdout"
	switch( (*p) ) {
		case 128u: goto st344;
		case 129u: goto st345;
		case 134u: goto st331;
		case 191u: goto st332;
	}
	if ( (*p) > 133u ) {
		if ( 176u <= (*p) && (*p) <= 190u )
			goto st324;
	} else if ( (*p) >= 130u )
		goto st324;
	goto st0;
st344:
	if ( ++p == pe )
		goto _test_eof344;
case 344:
	if ( 140u <= (*p) && (*p) <= 141u )
		goto st127;
	goto st0;
st345:
	if ( ++p == pe )
		goto _test_eof345;
case 345:
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st127;
	goto st0;
tr534:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st432;
st432:
	if ( ++p == pe )
		goto _test_eof432;
case 432:
#line 5690 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto tr543;
		case 38u: goto tr544;
		case 60u: goto tr545;
		case 93u: goto st433;
		case 224u: goto st347;
		case 237u: goto st349;
		case 239u: goto st350;
		case 240u: goto st352;
		case 244u: goto st354;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 127u )
				goto st429;
		} else if ( (*p) >= 9u )
			goto st429;
	} else if ( (*p) > 223u ) {
		if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto st353;
		} else if ( (*p) >= 225u )
			goto st348;
	} else
		goto st346;
	goto st0;
st433:
	if ( ++p == pe )
		goto _test_eof433;
case 433:
	switch( (*p) ) {
		case 13u: goto tr543;
		case 38u: goto tr544;
		case 60u: goto tr545;
		case 93u: goto st433;
		case 224u: goto st347;
		case 237u: goto st349;
		case 239u: goto st350;
		case 240u: goto st352;
		case 244u: goto st354;
	}
	if ( (*p) < 63u ) {
		if ( (*p) > 10u ) {
			if ( 32u <= (*p) && (*p) <= 61u )
				goto st429;
		} else if ( (*p) >= 9u )
			goto st429;
	} else if ( (*p) > 127u ) {
		if ( (*p) < 225u ) {
			if ( 194u <= (*p) && (*p) <= 223u )
				goto st346;
		} else if ( (*p) > 238u ) {
			if ( 241u <= (*p) && (*p) <= 243u )
				goto st353;
		} else
			goto st348;
	} else
		goto st429;
	goto st0;
tr535:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st346;
st346:
	if ( ++p == pe )
		goto _test_eof346;
case 346:
#line 5756 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st429;
	goto st0;
tr536:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st347;
st347:
	if ( ++p == pe )
		goto _test_eof347;
case 347:
#line 5766 "/dev/stdout"
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st346;
	goto st0;
tr537:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st348;
st348:
	if ( ++p == pe )
		goto _test_eof348;
case 348:
#line 5776 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st346;
	goto st0;
tr538:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st349;
st349:
	if ( ++p == pe )
		goto _test_eof349;
case 349:
#line 5786 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st346;
	goto st0;
tr539:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st350;
st350:
	if ( ++p == pe )
		goto _test_eof350;
case 350:
#line 5796 "/dev/stdout"
	if ( (*p) == 191u )
		goto st351;
	if ( 128u <= (*p) && (*p) <= 190u )
		goto st346;
	goto st0;
st351:
	if ( ++p == pe )
		goto _test_eof351;
case 351:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st429;
	goto st0;
tr540:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st352;
st352:
	if ( ++p == pe )
		goto _test_eof352;
case 352:
#line 5815 "/dev/stdout"
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st348;
	goto st0;
tr541:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st353;
st353:
	if ( ++p == pe )
		goto _test_eof353;
case 353:
#line 5825 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st348;
	goto st0;
tr542:
#line 38 "machines/xml.rl"
	{ m->mark = p; }
	goto st354;
st354:
	if ( ++p == pe )
		goto _test_eof354;
case 354:
#line 5835 "/dev/stdout"
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st348;
	goto st0;
st355:
	if ( ++p == pe )
		goto _test_eof355;
case 355:
	switch( (*p) ) {
		case 33u: goto st46;
		case 47u: goto st74;
		case 63u: goto st356;
		case 95u: goto tr54;
		case 195u: goto tr55;
		case 205u: goto tr57;
		case 224u: goto tr58;
		case 226u: goto tr60;
		case 227u: goto tr61;
		case 237u: goto tr62;
		case 239u: goto tr63;
		case 240u: goto tr64;
		case 243u: goto tr66;
	}
	if ( (*p) < 196u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto tr54;
		} else if ( (*p) >= 65u )
			goto tr54;
	} else if ( (*p) > 203u ) {
		if ( (*p) < 225u ) {
			if ( 206u <= (*p) && (*p) <= 223u )
				goto tr56;
		} else if ( (*p) > 236u ) {
			if ( 241u <= (*p) && (*p) <= 242u )
				goto tr65;
		} else
			goto tr59;
	} else
		goto tr56;
	goto st0;
st356:
	if ( ++p == pe )
		goto _test_eof356;
case 356:
	if ( (*p) == 120u )
		goto st357;
	goto tr53;
st357:
	if ( ++p == pe )
		goto _test_eof357;
case 357:
	if ( (*p) == 109u )
		goto st358;
	goto tr53;
st358:
	if ( ++p == pe )
		goto _test_eof358;
case 358:
	if ( (*p) == 108u )
		goto st359;
	goto tr53;
st359:
	if ( ++p == pe )
		goto _test_eof359;
case 359:
	switch( (*p) ) {
		case 13u: goto st360;
		case 32u: goto st360;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st360;
	goto tr53;
st360:
	if ( ++p == pe )
		goto _test_eof360;
case 360:
	switch( (*p) ) {
		case 13u: goto st360;
		case 32u: goto st360;
		case 118u: goto st361;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st360;
	goto st0;
st361:
	if ( ++p == pe )
		goto _test_eof361;
case 361:
	if ( (*p) == 101u )
		goto st362;
	goto st0;
st362:
	if ( ++p == pe )
		goto _test_eof362;
case 362:
	if ( (*p) == 114u )
		goto st363;
	goto st0;
st363:
	if ( ++p == pe )
		goto _test_eof363;
case 363:
	if ( (*p) == 115u )
		goto st364;
	goto st0;
st364:
	if ( ++p == pe )
		goto _test_eof364;
case 364:
	if ( (*p) == 105u )
		goto st365;
	goto st0;
st365:
	if ( ++p == pe )
		goto _test_eof365;
case 365:
	if ( (*p) == 111u )
		goto st366;
	goto st0;
st366:
	if ( ++p == pe )
		goto _test_eof366;
case 366:
	if ( (*p) == 110u )
		goto st367;
	goto st0;
st367:
	if ( ++p == pe )
		goto _test_eof367;
case 367:
	switch( (*p) ) {
		case 13u: goto st367;
		case 32u: goto st367;
		case 61u: goto st368;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st367;
	goto st0;
st368:
	if ( ++p == pe )
		goto _test_eof368;
case 368:
	switch( (*p) ) {
		case 13u: goto st368;
		case 32u: goto st368;
		case 34u: goto st369;
		case 39u: goto st423;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st368;
	goto st0;
st369:
	if ( ++p == pe )
		goto _test_eof369;
case 369:
	if ( (*p) == 49u )
		goto st370;
	goto st0;
st370:
	if ( ++p == pe )
		goto _test_eof370;
case 370:
	if ( (*p) == 46u )
		goto st371;
	goto st0;
st371:
	if ( ++p == pe )
		goto _test_eof371;
case 371:
	if ( 48u <= (*p) && (*p) <= 57u )
		goto st372;
	goto st0;
st372:
	if ( ++p == pe )
		goto _test_eof372;
case 372:
	if ( (*p) == 34u )
		goto st373;
	if ( 48u <= (*p) && (*p) <= 57u )
		goto st372;
	goto st0;
st373:
	if ( ++p == pe )
		goto _test_eof373;
case 373:
	switch( (*p) ) {
		case 13u: goto st374;
		case 32u: goto st374;
		case 63u: goto st375;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st374;
	goto st0;
st374:
	if ( ++p == pe )
		goto _test_eof374;
case 374:
	switch( (*p) ) {
		case 13u: goto st374;
		case 32u: goto st374;
		case 63u: goto st375;
		case 101u: goto st376;
		case 115u: goto st389;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st374;
	goto st0;
st375:
	if ( ++p == pe )
		goto _test_eof375;
case 375:
	if ( (*p) == 62u )
		goto st431;
	goto st0;
st376:
	if ( ++p == pe )
		goto _test_eof376;
case 376:
	if ( (*p) == 110u )
		goto st377;
	goto st0;
st377:
	if ( ++p == pe )
		goto _test_eof377;
case 377:
	if ( (*p) == 99u )
		goto st378;
	goto st0;
st378:
	if ( ++p == pe )
		goto _test_eof378;
case 378:
	if ( (*p) == 111u )
		goto st379;
	goto st0;
st379:
	if ( ++p == pe )
		goto _test_eof379;
case 379:
	if ( (*p) == 100u )
		goto st380;
	goto st0;
st380:
	if ( ++p == pe )
		goto _test_eof380;
case 380:
	if ( (*p) == 105u )
		goto st381;
	goto st0;
st381:
	if ( ++p == pe )
		goto _test_eof381;
case 381:
	if ( (*p) == 110u )
		goto st382;
	goto st0;
st382:
	if ( ++p == pe )
		goto _test_eof382;
case 382:
	if ( (*p) == 103u )
		goto st383;
	goto st0;
st383:
	if ( ++p == pe )
		goto _test_eof383;
case 383:
	switch( (*p) ) {
		case 13u: goto st383;
		case 32u: goto st383;
		case 61u: goto st384;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st383;
	goto st0;
st384:
	if ( ++p == pe )
		goto _test_eof384;
case 384:
	switch( (*p) ) {
		case 13u: goto st384;
		case 32u: goto st384;
		case 34u: goto st385;
		case 39u: goto st416;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st384;
	goto st0;
st385:
	if ( ++p == pe )
		goto _test_eof385;
case 385:
	switch( (*p) ) {
		case 85u: goto st411;
		case 117u: goto st411;
	}
	if ( (*p) > 90u ) {
		if ( 97u <= (*p) && (*p) <= 122u )
			goto st386;
	} else if ( (*p) >= 65u )
		goto st386;
	goto st0;
st386:
	if ( ++p == pe )
		goto _test_eof386;
case 386:
	switch( (*p) ) {
		case 34u: goto tr492;
		case 95u: goto st386;
	}
	if ( (*p) < 48u ) {
		if ( 45u <= (*p) && (*p) <= 46u )
			goto st386;
	} else if ( (*p) > 57u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st386;
		} else if ( (*p) >= 65u )
			goto st386;
	} else
		goto st386;
	goto st0;
tr492:
#line 68 "machines/xml.rl"
	{ if (xml_on_refuse(xp, p, XML_REFUSE_ENCODING)) {p++;  m->cs = 387; goto _out;} }
	goto st387;
st387:
	if ( ++p == pe )
		goto _test_eof387;
case 387:
#line 6164 "/dev/stdout"
	switch( (*p) ) {
		case 13u: goto st388;
		case 32u: goto st388;
		case 63u: goto st375;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st388;
	goto st0;
st388:
	if ( ++p == pe )
		goto _test_eof388;
case 388:
	switch( (*p) ) {
		case 13u: goto st388;
		case 32u: goto st388;
		case 63u: goto st375;
		case 115u: goto st389;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st388;
	goto st0;
st389:
	if ( ++p == pe )
		goto _test_eof389;
case 389:
	if ( (*p) == 116u )
		goto st390;
	goto st0;
st390:
	if ( ++p == pe )
		goto _test_eof390;
case 390:
	if ( (*p) == 97u )
		goto st391;
	goto st0;
st391:
	if ( ++p == pe )
		goto _test_eof391;
case 391:
	if ( (*p) == 110u )
		goto st392;
	goto st0;
st392:
	if ( ++p == pe )
		goto _test_eof392;
case 392:
	if ( (*p) == 100u )
		goto st393;
	goto st0;
st393:
	if ( ++p == pe )
		goto _test_eof393;
case 393:
	if ( (*p) == 97u )
		goto st394;
	goto st0;
st394:
	if ( ++p == pe )
		goto _test_eof394;
case 394:
	if ( (*p) == 108u )
		goto st395;
	goto st0;
st395:
	if ( ++p == pe )
		goto _test_eof395;
case 395:
	if ( (*p) == 111u )
		goto st396;
	goto st0;
st396:
	if ( ++p == pe )
		goto _test_eof396;
case 396:
	if ( (*p) == 110u )
		goto st397;
	goto st0;
st397:
	if ( ++p == pe )
		goto _test_eof397;
case 397:
	if ( (*p) == 101u )
		goto st398;
	goto st0;
st398:
	if ( ++p == pe )
		goto _test_eof398;
case 398:
	switch( (*p) ) {
		case 13u: goto st398;
		case 32u: goto st398;
		case 61u: goto st399;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st398;
	goto st0;
st399:
	if ( ++p == pe )
		goto _test_eof399;
case 399:
	switch( (*p) ) {
		case 13u: goto st399;
		case 32u: goto st399;
		case 34u: goto st400;
		case 39u: goto st406;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st399;
	goto st0;
st400:
	if ( ++p == pe )
		goto _test_eof400;
case 400:
	switch( (*p) ) {
		case 110u: goto st401;
		case 121u: goto st404;
	}
	goto st0;
st401:
	if ( ++p == pe )
		goto _test_eof401;
case 401:
	if ( (*p) == 111u )
		goto st402;
	goto st0;
st402:
	if ( ++p == pe )
		goto _test_eof402;
case 402:
	if ( (*p) == 34u )
		goto st403;
	goto st0;
st403:
	if ( ++p == pe )
		goto _test_eof403;
case 403:
	switch( (*p) ) {
		case 13u: goto st403;
		case 32u: goto st403;
		case 63u: goto st375;
	}
	if ( 9u <= (*p) && (*p) <= 10u )
		goto st403;
	goto st0;
st404:
	if ( ++p == pe )
		goto _test_eof404;
case 404:
	if ( (*p) == 101u )
		goto st405;
	goto st0;
st405:
	if ( ++p == pe )
		goto _test_eof405;
case 405:
	if ( (*p) == 115u )
		goto st402;
	goto st0;
st406:
	if ( ++p == pe )
		goto _test_eof406;
case 406:
	switch( (*p) ) {
		case 110u: goto st407;
		case 121u: goto st409;
	}
	goto st0;
st407:
	if ( ++p == pe )
		goto _test_eof407;
case 407:
	if ( (*p) == 111u )
		goto st408;
	goto st0;
st408:
	if ( ++p == pe )
		goto _test_eof408;
case 408:
	if ( (*p) == 39u )
		goto st403;
	goto st0;
st409:
	if ( ++p == pe )
		goto _test_eof409;
case 409:
	if ( (*p) == 101u )
		goto st410;
	goto st0;
st410:
	if ( ++p == pe )
		goto _test_eof410;
case 410:
	if ( (*p) == 115u )
		goto st408;
	goto st0;
st411:
	if ( ++p == pe )
		goto _test_eof411;
case 411:
	switch( (*p) ) {
		case 34u: goto tr492;
		case 84u: goto st412;
		case 95u: goto st386;
		case 116u: goto st412;
	}
	if ( (*p) < 48u ) {
		if ( 45u <= (*p) && (*p) <= 46u )
			goto st386;
	} else if ( (*p) > 57u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st386;
		} else if ( (*p) >= 65u )
			goto st386;
	} else
		goto st386;
	goto st0;
st412:
	if ( ++p == pe )
		goto _test_eof412;
case 412:
	switch( (*p) ) {
		case 34u: goto tr492;
		case 70u: goto st413;
		case 95u: goto st386;
		case 102u: goto st413;
	}
	if ( (*p) < 48u ) {
		if ( 45u <= (*p) && (*p) <= 46u )
			goto st386;
	} else if ( (*p) > 57u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st386;
		} else if ( (*p) >= 65u )
			goto st386;
	} else
		goto st386;
	goto st0;
st413:
	if ( ++p == pe )
		goto _test_eof413;
case 413:
	switch( (*p) ) {
		case 34u: goto tr492;
		case 45u: goto st414;
		case 46u: goto st386;
		case 95u: goto st386;
	}
	if ( (*p) < 65u ) {
		if ( 48u <= (*p) && (*p) <= 57u )
			goto st386;
	} else if ( (*p) > 90u ) {
		if ( 97u <= (*p) && (*p) <= 122u )
			goto st386;
	} else
		goto st386;
	goto st0;
st414:
	if ( ++p == pe )
		goto _test_eof414;
case 414:
	switch( (*p) ) {
		case 34u: goto tr492;
		case 56u: goto st415;
		case 95u: goto st386;
	}
	if ( (*p) < 48u ) {
		if ( 45u <= (*p) && (*p) <= 46u )
			goto st386;
	} else if ( (*p) > 57u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st386;
		} else if ( (*p) >= 65u )
			goto st386;
	} else
		goto st386;
	goto st0;
st415:
	if ( ++p == pe )
		goto _test_eof415;
case 415:
	switch( (*p) ) {
		case 34u: goto st387;
		case 95u: goto st386;
	}
	if ( (*p) < 48u ) {
		if ( 45u <= (*p) && (*p) <= 46u )
			goto st386;
	} else if ( (*p) > 57u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st386;
		} else if ( (*p) >= 65u )
			goto st386;
	} else
		goto st386;
	goto st0;
st416:
	if ( ++p == pe )
		goto _test_eof416;
case 416:
	switch( (*p) ) {
		case 85u: goto st418;
		case 117u: goto st418;
	}
	if ( (*p) > 90u ) {
		if ( 97u <= (*p) && (*p) <= 122u )
			goto st417;
	} else if ( (*p) >= 65u )
		goto st417;
	goto st0;
st417:
	if ( ++p == pe )
		goto _test_eof417;
case 417:
	switch( (*p) ) {
		case 39u: goto tr492;
		case 95u: goto st417;
	}
	if ( (*p) < 48u ) {
		if ( 45u <= (*p) && (*p) <= 46u )
			goto st417;
	} else if ( (*p) > 57u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st417;
		} else if ( (*p) >= 65u )
			goto st417;
	} else
		goto st417;
	goto st0;
st418:
	if ( ++p == pe )
		goto _test_eof418;
case 418:
	switch( (*p) ) {
		case 39u: goto tr492;
		case 84u: goto st419;
		case 95u: goto st417;
		case 116u: goto st419;
	}
	if ( (*p) < 48u ) {
		if ( 45u <= (*p) && (*p) <= 46u )
			goto st417;
	} else if ( (*p) > 57u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st417;
		} else if ( (*p) >= 65u )
			goto st417;
	} else
		goto st417;
	goto st0;
st419:
	if ( ++p == pe )
		goto _test_eof419;
case 419:
	switch( (*p) ) {
		case 39u: goto tr492;
		case 70u: goto st420;
		case 95u: goto st417;
		case 102u: goto st420;
	}
	if ( (*p) < 48u ) {
		if ( 45u <= (*p) && (*p) <= 46u )
			goto st417;
	} else if ( (*p) > 57u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st417;
		} else if ( (*p) >= 65u )
			goto st417;
	} else
		goto st417;
	goto st0;
st420:
	if ( ++p == pe )
		goto _test_eof420;
case 420:
	switch( (*p) ) {
		case 39u: goto tr492;
		case 45u: goto st421;
		case 46u: goto st417;
		case 95u: goto st417;
	}
	if ( (*p) < 65u ) {
		if ( 48u <= (*p) && (*p) <= 57u )
			goto st417;
	} else if ( (*p) > 90u ) {
		if ( 97u <= (*p) && (*p) <= 122u )
			goto st417;
	} else
		goto st417;
	goto st0;
st421:
	if ( ++p == pe )
		goto _test_eof421;
case 421:
	switch( (*p) ) {
		case 39u: goto tr492;
		case 56u: goto st422;
		case 95u: goto st417;
	}
	if ( (*p) < 48u ) {
		if ( 45u <= (*p) && (*p) <= 46u )
			goto st417;
	} else if ( (*p) > 57u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st417;
		} else if ( (*p) >= 65u )
			goto st417;
	} else
		goto st417;
	goto st0;
st422:
	if ( ++p == pe )
		goto _test_eof422;
case 422:
	switch( (*p) ) {
		case 39u: goto st387;
		case 95u: goto st417;
	}
	if ( (*p) < 48u ) {
		if ( 45u <= (*p) && (*p) <= 46u )
			goto st417;
	} else if ( (*p) > 57u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st417;
		} else if ( (*p) >= 65u )
			goto st417;
	} else
		goto st417;
	goto st0;
st423:
	if ( ++p == pe )
		goto _test_eof423;
case 423:
	if ( (*p) == 49u )
		goto st424;
	goto st0;
st424:
	if ( ++p == pe )
		goto _test_eof424;
case 424:
	if ( (*p) == 46u )
		goto st425;
	goto st0;
st425:
	if ( ++p == pe )
		goto _test_eof425;
case 425:
	if ( 48u <= (*p) && (*p) <= 57u )
		goto st426;
	goto st0;
st426:
	if ( ++p == pe )
		goto _test_eof426;
case 426:
	if ( (*p) == 39u )
		goto st373;
	if ( 48u <= (*p) && (*p) <= 57u )
		goto st426;
	goto st0;
	}
	_test_eof428:  m->cs = 428; goto _test_eof; 
	_test_eof429:  m->cs = 429; goto _test_eof; 
	_test_eof430:  m->cs = 430; goto _test_eof; 
	_test_eof431:  m->cs = 431; goto _test_eof; 
	_test_eof1:  m->cs = 1; goto _test_eof; 
	_test_eof2:  m->cs = 2; goto _test_eof; 
	_test_eof3:  m->cs = 3; goto _test_eof; 
	_test_eof4:  m->cs = 4; goto _test_eof; 
	_test_eof5:  m->cs = 5; goto _test_eof; 
	_test_eof6:  m->cs = 6; goto _test_eof; 
	_test_eof7:  m->cs = 7; goto _test_eof; 
	_test_eof8:  m->cs = 8; goto _test_eof; 
	_test_eof9:  m->cs = 9; goto _test_eof; 
	_test_eof10:  m->cs = 10; goto _test_eof; 
	_test_eof11:  m->cs = 11; goto _test_eof; 
	_test_eof12:  m->cs = 12; goto _test_eof; 
	_test_eof13:  m->cs = 13; goto _test_eof; 
	_test_eof14:  m->cs = 14; goto _test_eof; 
	_test_eof15:  m->cs = 15; goto _test_eof; 
	_test_eof16:  m->cs = 16; goto _test_eof; 
	_test_eof17:  m->cs = 17; goto _test_eof; 
	_test_eof18:  m->cs = 18; goto _test_eof; 
	_test_eof19:  m->cs = 19; goto _test_eof; 
	_test_eof20:  m->cs = 20; goto _test_eof; 
	_test_eof21:  m->cs = 21; goto _test_eof; 
	_test_eof22:  m->cs = 22; goto _test_eof; 
	_test_eof23:  m->cs = 23; goto _test_eof; 
	_test_eof24:  m->cs = 24; goto _test_eof; 
	_test_eof25:  m->cs = 25; goto _test_eof; 
	_test_eof26:  m->cs = 26; goto _test_eof; 
	_test_eof27:  m->cs = 27; goto _test_eof; 
	_test_eof28:  m->cs = 28; goto _test_eof; 
	_test_eof29:  m->cs = 29; goto _test_eof; 
	_test_eof30:  m->cs = 30; goto _test_eof; 
	_test_eof31:  m->cs = 31; goto _test_eof; 
	_test_eof32:  m->cs = 32; goto _test_eof; 
	_test_eof33:  m->cs = 33; goto _test_eof; 
	_test_eof34:  m->cs = 34; goto _test_eof; 
	_test_eof35:  m->cs = 35; goto _test_eof; 
	_test_eof36:  m->cs = 36; goto _test_eof; 
	_test_eof37:  m->cs = 37; goto _test_eof; 
	_test_eof38:  m->cs = 38; goto _test_eof; 
	_test_eof39:  m->cs = 39; goto _test_eof; 
	_test_eof40:  m->cs = 40; goto _test_eof; 
	_test_eof41:  m->cs = 41; goto _test_eof; 
	_test_eof42:  m->cs = 42; goto _test_eof; 
	_test_eof43:  m->cs = 43; goto _test_eof; 
	_test_eof44:  m->cs = 44; goto _test_eof; 
	_test_eof45:  m->cs = 45; goto _test_eof; 
	_test_eof46:  m->cs = 46; goto _test_eof; 
	_test_eof47:  m->cs = 47; goto _test_eof; 
	_test_eof48:  m->cs = 48; goto _test_eof; 
	_test_eof49:  m->cs = 49; goto _test_eof; 
	_test_eof50:  m->cs = 50; goto _test_eof; 
	_test_eof51:  m->cs = 51; goto _test_eof; 
	_test_eof52:  m->cs = 52; goto _test_eof; 
	_test_eof53:  m->cs = 53; goto _test_eof; 
	_test_eof54:  m->cs = 54; goto _test_eof; 
	_test_eof55:  m->cs = 55; goto _test_eof; 
	_test_eof56:  m->cs = 56; goto _test_eof; 
	_test_eof57:  m->cs = 57; goto _test_eof; 
	_test_eof58:  m->cs = 58; goto _test_eof; 
	_test_eof59:  m->cs = 59; goto _test_eof; 
	_test_eof60:  m->cs = 60; goto _test_eof; 
	_test_eof61:  m->cs = 61; goto _test_eof; 
	_test_eof62:  m->cs = 62; goto _test_eof; 
	_test_eof63:  m->cs = 63; goto _test_eof; 
	_test_eof64:  m->cs = 64; goto _test_eof; 
	_test_eof65:  m->cs = 65; goto _test_eof; 
	_test_eof66:  m->cs = 66; goto _test_eof; 
	_test_eof67:  m->cs = 67; goto _test_eof; 
	_test_eof68:  m->cs = 68; goto _test_eof; 
	_test_eof69:  m->cs = 69; goto _test_eof; 
	_test_eof70:  m->cs = 70; goto _test_eof; 
	_test_eof71:  m->cs = 71; goto _test_eof; 
	_test_eof72:  m->cs = 72; goto _test_eof; 
	_test_eof73:  m->cs = 73; goto _test_eof; 
	_test_eof74:  m->cs = 74; goto _test_eof; 
	_test_eof75:  m->cs = 75; goto _test_eof; 
	_test_eof76:  m->cs = 76; goto _test_eof; 
	_test_eof77:  m->cs = 77; goto _test_eof; 
	_test_eof78:  m->cs = 78; goto _test_eof; 
	_test_eof79:  m->cs = 79; goto _test_eof; 
	_test_eof80:  m->cs = 80; goto _test_eof; 
	_test_eof81:  m->cs = 81; goto _test_eof; 
	_test_eof82:  m->cs = 82; goto _test_eof; 
	_test_eof83:  m->cs = 83; goto _test_eof; 
	_test_eof84:  m->cs = 84; goto _test_eof; 
	_test_eof85:  m->cs = 85; goto _test_eof; 
	_test_eof86:  m->cs = 86; goto _test_eof; 
	_test_eof87:  m->cs = 87; goto _test_eof; 
	_test_eof88:  m->cs = 88; goto _test_eof; 
	_test_eof89:  m->cs = 89; goto _test_eof; 
	_test_eof90:  m->cs = 90; goto _test_eof; 
	_test_eof91:  m->cs = 91; goto _test_eof; 
	_test_eof92:  m->cs = 92; goto _test_eof; 
	_test_eof93:  m->cs = 93; goto _test_eof; 
	_test_eof94:  m->cs = 94; goto _test_eof; 
	_test_eof95:  m->cs = 95; goto _test_eof; 
	_test_eof96:  m->cs = 96; goto _test_eof; 
	_test_eof97:  m->cs = 97; goto _test_eof; 
	_test_eof98:  m->cs = 98; goto _test_eof; 
	_test_eof99:  m->cs = 99; goto _test_eof; 
	_test_eof100:  m->cs = 100; goto _test_eof; 
	_test_eof101:  m->cs = 101; goto _test_eof; 
	_test_eof102:  m->cs = 102; goto _test_eof; 
	_test_eof103:  m->cs = 103; goto _test_eof; 
	_test_eof104:  m->cs = 104; goto _test_eof; 
	_test_eof105:  m->cs = 105; goto _test_eof; 
	_test_eof106:  m->cs = 106; goto _test_eof; 
	_test_eof107:  m->cs = 107; goto _test_eof; 
	_test_eof108:  m->cs = 108; goto _test_eof; 
	_test_eof109:  m->cs = 109; goto _test_eof; 
	_test_eof110:  m->cs = 110; goto _test_eof; 
	_test_eof111:  m->cs = 111; goto _test_eof; 
	_test_eof112:  m->cs = 112; goto _test_eof; 
	_test_eof113:  m->cs = 113; goto _test_eof; 
	_test_eof114:  m->cs = 114; goto _test_eof; 
	_test_eof115:  m->cs = 115; goto _test_eof; 
	_test_eof116:  m->cs = 116; goto _test_eof; 
	_test_eof117:  m->cs = 117; goto _test_eof; 
	_test_eof118:  m->cs = 118; goto _test_eof; 
	_test_eof119:  m->cs = 119; goto _test_eof; 
	_test_eof120:  m->cs = 120; goto _test_eof; 
	_test_eof121:  m->cs = 121; goto _test_eof; 
	_test_eof122:  m->cs = 122; goto _test_eof; 
	_test_eof123:  m->cs = 123; goto _test_eof; 
	_test_eof124:  m->cs = 124; goto _test_eof; 
	_test_eof125:  m->cs = 125; goto _test_eof; 
	_test_eof126:  m->cs = 126; goto _test_eof; 
	_test_eof127:  m->cs = 127; goto _test_eof; 
	_test_eof128:  m->cs = 128; goto _test_eof; 
	_test_eof129:  m->cs = 129; goto _test_eof; 
	_test_eof130:  m->cs = 130; goto _test_eof; 
	_test_eof131:  m->cs = 131; goto _test_eof; 
	_test_eof132:  m->cs = 132; goto _test_eof; 
	_test_eof133:  m->cs = 133; goto _test_eof; 
	_test_eof134:  m->cs = 134; goto _test_eof; 
	_test_eof135:  m->cs = 135; goto _test_eof; 
	_test_eof136:  m->cs = 136; goto _test_eof; 
	_test_eof137:  m->cs = 137; goto _test_eof; 
	_test_eof138:  m->cs = 138; goto _test_eof; 
	_test_eof139:  m->cs = 139; goto _test_eof; 
	_test_eof140:  m->cs = 140; goto _test_eof; 
	_test_eof141:  m->cs = 141; goto _test_eof; 
	_test_eof142:  m->cs = 142; goto _test_eof; 
	_test_eof143:  m->cs = 143; goto _test_eof; 
	_test_eof144:  m->cs = 144; goto _test_eof; 
	_test_eof145:  m->cs = 145; goto _test_eof; 
	_test_eof146:  m->cs = 146; goto _test_eof; 
	_test_eof147:  m->cs = 147; goto _test_eof; 
	_test_eof148:  m->cs = 148; goto _test_eof; 
	_test_eof149:  m->cs = 149; goto _test_eof; 
	_test_eof150:  m->cs = 150; goto _test_eof; 
	_test_eof151:  m->cs = 151; goto _test_eof; 
	_test_eof152:  m->cs = 152; goto _test_eof; 
	_test_eof153:  m->cs = 153; goto _test_eof; 
	_test_eof154:  m->cs = 154; goto _test_eof; 
	_test_eof155:  m->cs = 155; goto _test_eof; 
	_test_eof156:  m->cs = 156; goto _test_eof; 
	_test_eof157:  m->cs = 157; goto _test_eof; 
	_test_eof158:  m->cs = 158; goto _test_eof; 
	_test_eof159:  m->cs = 159; goto _test_eof; 
	_test_eof160:  m->cs = 160; goto _test_eof; 
	_test_eof161:  m->cs = 161; goto _test_eof; 
	_test_eof162:  m->cs = 162; goto _test_eof; 
	_test_eof163:  m->cs = 163; goto _test_eof; 
	_test_eof164:  m->cs = 164; goto _test_eof; 
	_test_eof165:  m->cs = 165; goto _test_eof; 
	_test_eof166:  m->cs = 166; goto _test_eof; 
	_test_eof167:  m->cs = 167; goto _test_eof; 
	_test_eof168:  m->cs = 168; goto _test_eof; 
	_test_eof169:  m->cs = 169; goto _test_eof; 
	_test_eof170:  m->cs = 170; goto _test_eof; 
	_test_eof171:  m->cs = 171; goto _test_eof; 
	_test_eof172:  m->cs = 172; goto _test_eof; 
	_test_eof173:  m->cs = 173; goto _test_eof; 
	_test_eof174:  m->cs = 174; goto _test_eof; 
	_test_eof175:  m->cs = 175; goto _test_eof; 
	_test_eof176:  m->cs = 176; goto _test_eof; 
	_test_eof177:  m->cs = 177; goto _test_eof; 
	_test_eof178:  m->cs = 178; goto _test_eof; 
	_test_eof179:  m->cs = 179; goto _test_eof; 
	_test_eof180:  m->cs = 180; goto _test_eof; 
	_test_eof181:  m->cs = 181; goto _test_eof; 
	_test_eof182:  m->cs = 182; goto _test_eof; 
	_test_eof183:  m->cs = 183; goto _test_eof; 
	_test_eof184:  m->cs = 184; goto _test_eof; 
	_test_eof185:  m->cs = 185; goto _test_eof; 
	_test_eof186:  m->cs = 186; goto _test_eof; 
	_test_eof187:  m->cs = 187; goto _test_eof; 
	_test_eof188:  m->cs = 188; goto _test_eof; 
	_test_eof189:  m->cs = 189; goto _test_eof; 
	_test_eof190:  m->cs = 190; goto _test_eof; 
	_test_eof191:  m->cs = 191; goto _test_eof; 
	_test_eof192:  m->cs = 192; goto _test_eof; 
	_test_eof193:  m->cs = 193; goto _test_eof; 
	_test_eof194:  m->cs = 194; goto _test_eof; 
	_test_eof195:  m->cs = 195; goto _test_eof; 
	_test_eof196:  m->cs = 196; goto _test_eof; 
	_test_eof197:  m->cs = 197; goto _test_eof; 
	_test_eof198:  m->cs = 198; goto _test_eof; 
	_test_eof199:  m->cs = 199; goto _test_eof; 
	_test_eof200:  m->cs = 200; goto _test_eof; 
	_test_eof201:  m->cs = 201; goto _test_eof; 
	_test_eof202:  m->cs = 202; goto _test_eof; 
	_test_eof203:  m->cs = 203; goto _test_eof; 
	_test_eof204:  m->cs = 204; goto _test_eof; 
	_test_eof205:  m->cs = 205; goto _test_eof; 
	_test_eof206:  m->cs = 206; goto _test_eof; 
	_test_eof207:  m->cs = 207; goto _test_eof; 
	_test_eof208:  m->cs = 208; goto _test_eof; 
	_test_eof209:  m->cs = 209; goto _test_eof; 
	_test_eof210:  m->cs = 210; goto _test_eof; 
	_test_eof211:  m->cs = 211; goto _test_eof; 
	_test_eof212:  m->cs = 212; goto _test_eof; 
	_test_eof213:  m->cs = 213; goto _test_eof; 
	_test_eof214:  m->cs = 214; goto _test_eof; 
	_test_eof215:  m->cs = 215; goto _test_eof; 
	_test_eof216:  m->cs = 216; goto _test_eof; 
	_test_eof217:  m->cs = 217; goto _test_eof; 
	_test_eof218:  m->cs = 218; goto _test_eof; 
	_test_eof219:  m->cs = 219; goto _test_eof; 
	_test_eof220:  m->cs = 220; goto _test_eof; 
	_test_eof221:  m->cs = 221; goto _test_eof; 
	_test_eof222:  m->cs = 222; goto _test_eof; 
	_test_eof223:  m->cs = 223; goto _test_eof; 
	_test_eof224:  m->cs = 224; goto _test_eof; 
	_test_eof225:  m->cs = 225; goto _test_eof; 
	_test_eof226:  m->cs = 226; goto _test_eof; 
	_test_eof227:  m->cs = 227; goto _test_eof; 
	_test_eof228:  m->cs = 228; goto _test_eof; 
	_test_eof229:  m->cs = 229; goto _test_eof; 
	_test_eof230:  m->cs = 230; goto _test_eof; 
	_test_eof231:  m->cs = 231; goto _test_eof; 
	_test_eof232:  m->cs = 232; goto _test_eof; 
	_test_eof233:  m->cs = 233; goto _test_eof; 
	_test_eof234:  m->cs = 234; goto _test_eof; 
	_test_eof235:  m->cs = 235; goto _test_eof; 
	_test_eof236:  m->cs = 236; goto _test_eof; 
	_test_eof237:  m->cs = 237; goto _test_eof; 
	_test_eof238:  m->cs = 238; goto _test_eof; 
	_test_eof239:  m->cs = 239; goto _test_eof; 
	_test_eof240:  m->cs = 240; goto _test_eof; 
	_test_eof241:  m->cs = 241; goto _test_eof; 
	_test_eof242:  m->cs = 242; goto _test_eof; 
	_test_eof243:  m->cs = 243; goto _test_eof; 
	_test_eof244:  m->cs = 244; goto _test_eof; 
	_test_eof245:  m->cs = 245; goto _test_eof; 
	_test_eof246:  m->cs = 246; goto _test_eof; 
	_test_eof247:  m->cs = 247; goto _test_eof; 
	_test_eof248:  m->cs = 248; goto _test_eof; 
	_test_eof249:  m->cs = 249; goto _test_eof; 
	_test_eof250:  m->cs = 250; goto _test_eof; 
	_test_eof251:  m->cs = 251; goto _test_eof; 
	_test_eof252:  m->cs = 252; goto _test_eof; 
	_test_eof253:  m->cs = 253; goto _test_eof; 
	_test_eof254:  m->cs = 254; goto _test_eof; 
	_test_eof255:  m->cs = 255; goto _test_eof; 
	_test_eof256:  m->cs = 256; goto _test_eof; 
	_test_eof257:  m->cs = 257; goto _test_eof; 
	_test_eof258:  m->cs = 258; goto _test_eof; 
	_test_eof259:  m->cs = 259; goto _test_eof; 
	_test_eof260:  m->cs = 260; goto _test_eof; 
	_test_eof261:  m->cs = 261; goto _test_eof; 
	_test_eof262:  m->cs = 262; goto _test_eof; 
	_test_eof263:  m->cs = 263; goto _test_eof; 
	_test_eof264:  m->cs = 264; goto _test_eof; 
	_test_eof265:  m->cs = 265; goto _test_eof; 
	_test_eof266:  m->cs = 266; goto _test_eof; 
	_test_eof267:  m->cs = 267; goto _test_eof; 
	_test_eof268:  m->cs = 268; goto _test_eof; 
	_test_eof269:  m->cs = 269; goto _test_eof; 
	_test_eof270:  m->cs = 270; goto _test_eof; 
	_test_eof271:  m->cs = 271; goto _test_eof; 
	_test_eof272:  m->cs = 272; goto _test_eof; 
	_test_eof273:  m->cs = 273; goto _test_eof; 
	_test_eof274:  m->cs = 274; goto _test_eof; 
	_test_eof275:  m->cs = 275; goto _test_eof; 
	_test_eof276:  m->cs = 276; goto _test_eof; 
	_test_eof277:  m->cs = 277; goto _test_eof; 
	_test_eof278:  m->cs = 278; goto _test_eof; 
	_test_eof279:  m->cs = 279; goto _test_eof; 
	_test_eof280:  m->cs = 280; goto _test_eof; 
	_test_eof281:  m->cs = 281; goto _test_eof; 
	_test_eof282:  m->cs = 282; goto _test_eof; 
	_test_eof283:  m->cs = 283; goto _test_eof; 
	_test_eof284:  m->cs = 284; goto _test_eof; 
	_test_eof285:  m->cs = 285; goto _test_eof; 
	_test_eof286:  m->cs = 286; goto _test_eof; 
	_test_eof287:  m->cs = 287; goto _test_eof; 
	_test_eof288:  m->cs = 288; goto _test_eof; 
	_test_eof289:  m->cs = 289; goto _test_eof; 
	_test_eof290:  m->cs = 290; goto _test_eof; 
	_test_eof291:  m->cs = 291; goto _test_eof; 
	_test_eof292:  m->cs = 292; goto _test_eof; 
	_test_eof293:  m->cs = 293; goto _test_eof; 
	_test_eof294:  m->cs = 294; goto _test_eof; 
	_test_eof295:  m->cs = 295; goto _test_eof; 
	_test_eof296:  m->cs = 296; goto _test_eof; 
	_test_eof297:  m->cs = 297; goto _test_eof; 
	_test_eof298:  m->cs = 298; goto _test_eof; 
	_test_eof299:  m->cs = 299; goto _test_eof; 
	_test_eof300:  m->cs = 300; goto _test_eof; 
	_test_eof301:  m->cs = 301; goto _test_eof; 
	_test_eof302:  m->cs = 302; goto _test_eof; 
	_test_eof303:  m->cs = 303; goto _test_eof; 
	_test_eof304:  m->cs = 304; goto _test_eof; 
	_test_eof305:  m->cs = 305; goto _test_eof; 
	_test_eof306:  m->cs = 306; goto _test_eof; 
	_test_eof307:  m->cs = 307; goto _test_eof; 
	_test_eof308:  m->cs = 308; goto _test_eof; 
	_test_eof309:  m->cs = 309; goto _test_eof; 
	_test_eof310:  m->cs = 310; goto _test_eof; 
	_test_eof311:  m->cs = 311; goto _test_eof; 
	_test_eof312:  m->cs = 312; goto _test_eof; 
	_test_eof313:  m->cs = 313; goto _test_eof; 
	_test_eof314:  m->cs = 314; goto _test_eof; 
	_test_eof315:  m->cs = 315; goto _test_eof; 
	_test_eof316:  m->cs = 316; goto _test_eof; 
	_test_eof317:  m->cs = 317; goto _test_eof; 
	_test_eof318:  m->cs = 318; goto _test_eof; 
	_test_eof319:  m->cs = 319; goto _test_eof; 
	_test_eof320:  m->cs = 320; goto _test_eof; 
	_test_eof321:  m->cs = 321; goto _test_eof; 
	_test_eof322:  m->cs = 322; goto _test_eof; 
	_test_eof323:  m->cs = 323; goto _test_eof; 
	_test_eof324:  m->cs = 324; goto _test_eof; 
	_test_eof325:  m->cs = 325; goto _test_eof; 
	_test_eof326:  m->cs = 326; goto _test_eof; 
	_test_eof327:  m->cs = 327; goto _test_eof; 
	_test_eof328:  m->cs = 328; goto _test_eof; 
	_test_eof329:  m->cs = 329; goto _test_eof; 
	_test_eof330:  m->cs = 330; goto _test_eof; 
	_test_eof331:  m->cs = 331; goto _test_eof; 
	_test_eof332:  m->cs = 332; goto _test_eof; 
	_test_eof333:  m->cs = 333; goto _test_eof; 
	_test_eof334:  m->cs = 334; goto _test_eof; 
	_test_eof335:  m->cs = 335; goto _test_eof; 
	_test_eof336:  m->cs = 336; goto _test_eof; 
	_test_eof337:  m->cs = 337; goto _test_eof; 
	_test_eof338:  m->cs = 338; goto _test_eof; 
	_test_eof339:  m->cs = 339; goto _test_eof; 
	_test_eof340:  m->cs = 340; goto _test_eof; 
	_test_eof341:  m->cs = 341; goto _test_eof; 
	_test_eof342:  m->cs = 342; goto _test_eof; 
	_test_eof343:  m->cs = 343; goto _test_eof; 
	_test_eof344:  m->cs = 344; goto _test_eof; 
	_test_eof345:  m->cs = 345; goto _test_eof; 
	_test_eof432:  m->cs = 432; goto _test_eof; 
	_test_eof433:  m->cs = 433; goto _test_eof; 
	_test_eof346:  m->cs = 346; goto _test_eof; 
	_test_eof347:  m->cs = 347; goto _test_eof; 
	_test_eof348:  m->cs = 348; goto _test_eof; 
	_test_eof349:  m->cs = 349; goto _test_eof; 
	_test_eof350:  m->cs = 350; goto _test_eof; 
	_test_eof351:  m->cs = 351; goto _test_eof; 
	_test_eof352:  m->cs = 352; goto _test_eof; 
	_test_eof353:  m->cs = 353; goto _test_eof; 
	_test_eof354:  m->cs = 354; goto _test_eof; 
	_test_eof355:  m->cs = 355; goto _test_eof; 
	_test_eof356:  m->cs = 356; goto _test_eof; 
	_test_eof357:  m->cs = 357; goto _test_eof; 
	_test_eof358:  m->cs = 358; goto _test_eof; 
	_test_eof359:  m->cs = 359; goto _test_eof; 
	_test_eof360:  m->cs = 360; goto _test_eof; 
	_test_eof361:  m->cs = 361; goto _test_eof; 
	_test_eof362:  m->cs = 362; goto _test_eof; 
	_test_eof363:  m->cs = 363; goto _test_eof; 
	_test_eof364:  m->cs = 364; goto _test_eof; 
	_test_eof365:  m->cs = 365; goto _test_eof; 
	_test_eof366:  m->cs = 366; goto _test_eof; 
	_test_eof367:  m->cs = 367; goto _test_eof; 
	_test_eof368:  m->cs = 368; goto _test_eof; 
	_test_eof369:  m->cs = 369; goto _test_eof; 
	_test_eof370:  m->cs = 370; goto _test_eof; 
	_test_eof371:  m->cs = 371; goto _test_eof; 
	_test_eof372:  m->cs = 372; goto _test_eof; 
	_test_eof373:  m->cs = 373; goto _test_eof; 
	_test_eof374:  m->cs = 374; goto _test_eof; 
	_test_eof375:  m->cs = 375; goto _test_eof; 
	_test_eof376:  m->cs = 376; goto _test_eof; 
	_test_eof377:  m->cs = 377; goto _test_eof; 
	_test_eof378:  m->cs = 378; goto _test_eof; 
	_test_eof379:  m->cs = 379; goto _test_eof; 
	_test_eof380:  m->cs = 380; goto _test_eof; 
	_test_eof381:  m->cs = 381; goto _test_eof; 
	_test_eof382:  m->cs = 382; goto _test_eof; 
	_test_eof383:  m->cs = 383; goto _test_eof; 
	_test_eof384:  m->cs = 384; goto _test_eof; 
	_test_eof385:  m->cs = 385; goto _test_eof; 
	_test_eof386:  m->cs = 386; goto _test_eof; 
	_test_eof387:  m->cs = 387; goto _test_eof; 
	_test_eof388:  m->cs = 388; goto _test_eof; 
	_test_eof389:  m->cs = 389; goto _test_eof; 
	_test_eof390:  m->cs = 390; goto _test_eof; 
	_test_eof391:  m->cs = 391; goto _test_eof; 
	_test_eof392:  m->cs = 392; goto _test_eof; 
	_test_eof393:  m->cs = 393; goto _test_eof; 
	_test_eof394:  m->cs = 394; goto _test_eof; 
	_test_eof395:  m->cs = 395; goto _test_eof; 
	_test_eof396:  m->cs = 396; goto _test_eof; 
	_test_eof397:  m->cs = 397; goto _test_eof; 
	_test_eof398:  m->cs = 398; goto _test_eof; 
	_test_eof399:  m->cs = 399; goto _test_eof; 
	_test_eof400:  m->cs = 400; goto _test_eof; 
	_test_eof401:  m->cs = 401; goto _test_eof; 
	_test_eof402:  m->cs = 402; goto _test_eof; 
	_test_eof403:  m->cs = 403; goto _test_eof; 
	_test_eof404:  m->cs = 404; goto _test_eof; 
	_test_eof405:  m->cs = 405; goto _test_eof; 
	_test_eof406:  m->cs = 406; goto _test_eof; 
	_test_eof407:  m->cs = 407; goto _test_eof; 
	_test_eof408:  m->cs = 408; goto _test_eof; 
	_test_eof409:  m->cs = 409; goto _test_eof; 
	_test_eof410:  m->cs = 410; goto _test_eof; 
	_test_eof411:  m->cs = 411; goto _test_eof; 
	_test_eof412:  m->cs = 412; goto _test_eof; 
	_test_eof413:  m->cs = 413; goto _test_eof; 
	_test_eof414:  m->cs = 414; goto _test_eof; 
	_test_eof415:  m->cs = 415; goto _test_eof; 
	_test_eof416:  m->cs = 416; goto _test_eof; 
	_test_eof417:  m->cs = 417; goto _test_eof; 
	_test_eof418:  m->cs = 418; goto _test_eof; 
	_test_eof419:  m->cs = 419; goto _test_eof; 
	_test_eof420:  m->cs = 420; goto _test_eof; 
	_test_eof421:  m->cs = 421; goto _test_eof; 
	_test_eof422:  m->cs = 422; goto _test_eof; 
	_test_eof423:  m->cs = 423; goto _test_eof; 
	_test_eof424:  m->cs = 424; goto _test_eof; 
	_test_eof425:  m->cs = 425; goto _test_eof; 
	_test_eof426:  m->cs = 426; goto _test_eof; 

	_test_eof: {}
	if ( p == eof )
	{
	switch (  m->cs ) {
	case 429: 
	case 432: 
	case 433: 
#line 39 "machines/xml.rl"
	{ if (xml_on_piece(xp, p)) {p++;  m->cs = 0; goto _out;} }
	break;
#line 7074 "/dev/stdout"
	}
	}

	_out: {}
	}

#line 186 "machines/xml.rl"
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
