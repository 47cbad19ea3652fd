/* sasl_machine.h - the contract between the SASL grammar machines (machines/scram.rl,
 * machines/sasl_plain.rl, compiled by Ragel into generated/) and their glue in
 * src/sasl_parse.c.
 *
 * Ownership: a machine struct holds only Ragel's state; the pointers the actions
 * pass point into the message being parsed, and the glue turns them into offsets
 * from the message start at once. Actions that may refuse return true when the
 * machine must stop (the error is recorded in the parser). */
#ifndef XMPPD_SASL_MACHINE_H
#define XMPPD_SASL_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sasl_parse.h"

/* ---------- SCRAM ---------- */

struct scram_parser;

struct scram_machine {
	int cs; /* Ragel's current state */
};

enum scram_message { SCRAM_MESSAGE_CLIENT_FIRST, SCRAM_MESSAGE_CLIENT_FINAL };

/* The values the machine delimits (attribute values of RFC 5802 §5.1). */
enum scram_field {
	SCRAM_FIELD_CB_NAME,
	SCRAM_FIELD_AUTHZID,
	SCRAM_FIELD_USERNAME,
	SCRAM_FIELD_NONCE,
	SCRAM_FIELD_CHANNEL_BINDING,
	SCRAM_FIELD_PROOF,
	SCRAM_FIELD_COUNT
};

void scram_machine_init(struct scram_machine *m, enum scram_message which);
/* Runs over [p, pe); returns where it stopped (pe unless an action stopped it). */
const uint8_t *scram_machine_exec(struct scram_parser *sp, struct scram_machine *m,
				  const uint8_t *p, const uint8_t *pe);
bool scram_machine_failed(const struct scram_machine *m); /* no transition for a byte */
bool scram_machine_final(const struct scram_machine *m);
int scram_machine_start_state(enum scram_message which);

void scram_on_flag(struct scram_parser *sp, enum scram_cbind_flag flag);
/* `equals` is the '=' ending the attribute name: the value starts after it. */
void scram_on_value(struct scram_parser *sp, enum scram_field field, const uint8_t *equals);
/* `comma` ends the value in progress, if any. */
void scram_on_value_end(struct scram_parser *sp, const uint8_t *comma);
/* `comma` is the gs2-header's last byte; client-first-message-bare follows. */
void scram_on_gs2_header_end(struct scram_parser *sp, const uint8_t *comma);
/* `p_char` is the "p" of ",p=": client-final-message-without-proof ends before its ','. */
void scram_on_proof_attr(struct scram_parser *sp, const uint8_t *p_char);
bool scram_on_refuse(struct scram_parser *sp, enum sasl_error e);

/* ---------- PLAIN ---------- */

struct sasl_plain_parser;

struct sasl_plain_machine {
	int cs;
};

enum sasl_plain_field {
	SASL_PLAIN_FIELD_AUTHZID,
	SASL_PLAIN_FIELD_AUTHCID,
	SASL_PLAIN_FIELD_PASSWD,
	SASL_PLAIN_FIELD_COUNT
};

void sasl_plain_machine_init(struct sasl_plain_machine *m);
const uint8_t *sasl_plain_machine_exec(struct sasl_plain_parser *pp, struct sasl_plain_machine *m,
				       const uint8_t *p, const uint8_t *pe);
bool sasl_plain_machine_failed(const struct sasl_plain_machine *m);
bool sasl_plain_machine_final(const struct sasl_plain_machine *m);
int sasl_plain_machine_start_state(void);

/* `first` is the field's first byte. */
void sasl_plain_on_begin(struct sasl_plain_parser *pp, enum sasl_plain_field field,
			 const uint8_t *first);
/* `nul` ends the field in progress; true (and SASL_E_PLAIN_TOO_LONG) when it is too long. */
bool sasl_plain_on_end(struct sasl_plain_parser *pp, const uint8_t *nul);

#endif
