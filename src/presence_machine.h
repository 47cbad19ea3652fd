/* presence_machine.h - the contract between machines/presence.rl (compiled into
 * generated/presence.c) and src/subscription.c, which runs it in sub_step() and
 * carries out its actions.
 *
 * The chart reads two symbols: presence_state_token(state), then one enum
 * sub_event. Its actions fill the struct sub_outcome that sub_step() returns.
 *
 * Ownership: struct presence_machine is only `cs`; the caller keeps it (and the
 * outcome) on its stack for one step. */
#ifndef XMPPD_PRESENCE_MACHINE_H
#define XMPPD_PRESENCE_MACHINE_H

#include <stdbool.h>

#include "subscription.h"

/* State tokens are the stored states shifted past the events, so that the two
 * halves of the alphabet never share a number (machines/presence.rl lists both). */
#define PRESENCE_STATE_TOKEN_BASE 16

static inline int presence_state_token(enum sub_state s)
{
	return PRESENCE_STATE_TOKEN_BASE + (int)s;
}

struct presence_machine {
	int cs;
};

void presence_machine_init(struct presence_machine *m);
/* Runs one symbol; false when the chart has no transition for it. */
bool presence_machine_exec(struct sub_outcome *o, struct presence_machine *m, int symbol);
int presence_machine_state(const struct presence_machine *m);
/* True once a state token and an event have been read. */
bool presence_machine_final(const struct presence_machine *m);

/* The actions. */
void sub_on_forward(struct sub_outcome *o);
void sub_on_auto_subscribed(struct sub_outcome *o);
void sub_on_next(struct sub_outcome *o, enum sub_state next);

#endif
