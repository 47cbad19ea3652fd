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
