/* jid_machine.h - the contract between the JID split machine (machines/jid.rl,
 * compiled by Ragel into generated/jid.c) and its glue in src/jid.c.
 *
 * Ownership: a machine struct holds only Ragel's state; the pointers the actions
 * pass point into the address being split, and the glue turns them into offsets
 * from its start at once. */
#ifndef XMPPD_JID_MACHINE_H
#define XMPPD_JID_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jid.h"

/* What the actions record (src/jid.c). */
struct jid_split {
	const uint8_t *base;   /* the address's first byte */
	enum jid_status error; /* the first refusal, or JID_OK */
	bool has_at;
	bool has_slash;
	size_t at;    /* offset of the '@' that ends the localpart */
	size_t slash; /* offset of the '/' that starts the resourcepart */
};

struct jid_machine {
	int cs; /* Ragel's current state */
};

void jid_machine_init(struct jid_machine *m);
/* Runs over [p, pe); `eof` is pe on the last call (the address is whole), else
 * NULL. Returns where it stopped (pe unless a refusal stopped it). */
const uint8_t *jid_machine_exec(struct jid_split *js, struct jid_machine *m, const uint8_t *p,
				const uint8_t *pe, const uint8_t *eof);
bool jid_machine_failed(const struct jid_machine *m); /* no transition for a byte */
bool jid_machine_final(const struct jid_machine *m);
int jid_machine_start_state(void);

/* `at` is the '@' that ends the localpart. */
void jid_on_at(struct jid_split *js, const uint8_t *at);
/* `slash` is the first '/': the resourcepart starts after it. */
void jid_on_slash(struct jid_split *js, const uint8_t *slash);
/* Records the first refusal; later ones (an EOF action after a stop) are ignored. */
void jid_on_refuse(struct jid_split *js, enum jid_status e);

#endif
