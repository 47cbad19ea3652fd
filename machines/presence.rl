/*
 * machines/presence.rl - presence subscriptions (RFC 6121 §3 and Appendix A).
 *
 * An event machine (alphtype int) over two symbols: the stored state of one
 * roster item (one user, one contact) as a state token, then one subscription
 * stanza as an event. It decides what src/subscription.c returns from
 * sub_step() (contract: src/subscription.h): the next state, whether the stanza
 * is forwarded (outbound: routed to the contact, "ROUTE?" in Appendix A.2;
 * inbound: delivered to the user, "DELIVER?" in A.3), and whether the server
 * answers an inbound subscribe itself (A.3.1's "no *" rows, §3.1.3, §3.4).
 * Each action is one line calling src/subscription.c (src/presence_machine.h).
 *
 * The defaults of every row are the RFC's "no" and "no state change": sub_step()
 * starts from (same state, not forwarded, not answered), so a row with no
 * action is exactly such a row of the tables.
 *
 * Below, one machine per state, one line per event, in the order of the
 * appendix's tables: A.2.1 subscribe, A.2.2 unsubscribe, A.2.3 subscribed,
 * A.2.4 unsubscribed sent by the user, then A.3.1 to A.3.4 the same four
 * arriving for the user. The pre-approved states (§3.4) follow their base
 * state's rows, keeping the approval while the base state could hold one
 * (None, None + Pending Out, To), except: OUT_SUBSCRIBED records nothing new;
 * OUT_UNSUBSCRIBED cancels the approval (§3.4: not routed, as A.2.4 says for
 * the base states); IN_SUBSCRIBE is answered by the server and grants the
 * subscription (§3.1.3, §3.4).
 *
 * The whole chart reads at once in generated/presence.dot (edge labels are the
 * numbers below; docs/machines.md has the key).
 *
 * Unreachable transitions: none; `make coverage` lists any the tests miss.
 */
#include "presence_machine.h"

%%{
	machine presence;
	alphtype int;
	access m->;

	# Events: enum sub_event in src/subscription.h; state tokens: enum sub_state
	# plus PRESENCE_STATE_TOKEN_BASE (src/presence_machine.h). tests/check_subscription.c
	# checks that these lists agree with the enums.
	OUT_SUBSCRIBE = 1; OUT_UNSUBSCRIBE = 2; OUT_SUBSCRIBED = 3; OUT_UNSUBSCRIBED = 4;
	IN_SUBSCRIBE = 5; IN_UNSUBSCRIBE = 6; IN_SUBSCRIBED = 7; IN_UNSUBSCRIBED = 8;

	ST_NONE = 16; ST_NONE_PENDING_OUT = 17; ST_NONE_PENDING_IN = 18; ST_NONE_PENDING_OUT_IN = 19;
	ST_TO = 20; ST_TO_PENDING_IN = 21; ST_FROM = 22; ST_FROM_PENDING_OUT = 23; ST_BOTH = 24;
	ST_NONE_APPROVED = 25; ST_NONE_PENDING_OUT_APPROVED = 26; ST_TO_APPROVED = 27;

	action forward                        { sub_on_forward(o); }
	action auto_subscribed                { sub_on_auto_subscribed(o); }
	action to_none                        { sub_on_next(o, SUB_NONE); }
	action to_none_pending_out            { sub_on_next(o, SUB_NONE_PENDING_OUT); }
	action to_none_pending_in             { sub_on_next(o, SUB_NONE_PENDING_IN); }
	action to_none_pending_out_in         { sub_on_next(o, SUB_NONE_PENDING_OUT_IN); }
	action to_to                          { sub_on_next(o, SUB_TO); }
	action to_to_pending_in               { sub_on_next(o, SUB_TO_PENDING_IN); }
	action to_from                        { sub_on_next(o, SUB_FROM); }
	action to_from_pending_out            { sub_on_next(o, SUB_FROM_PENDING_OUT); }
	action to_both                        { sub_on_next(o, SUB_BOTH); }
	action to_none_approved               { sub_on_next(o, SUB_NONE_APPROVED); }
	action to_none_pending_out_approved   { sub_on_next(o, SUB_NONE_PENDING_OUT_APPROVED); }
	action to_to_approved                 { sub_on_next(o, SUB_TO_APPROVED); }

	# ---- the nine states of Appendix A ----

	# Requirement: RFC6121-A.2.1-a, RFC6121-A.2.2-a, RFC6121-A.2.3-a, RFC6121-A.2.4-a, RFC6121-A.3.1-a, RFC6121-A.3.2-a, RFC6121-A.3.3-a, RFC6121-A.3.4-a, RFC6121-3.4.2-d
	state_none = ST_NONE . (
		  OUT_SUBSCRIBE    @forward @to_none_pending_out           # A.2.1
		| OUT_UNSUBSCRIBE  @forward                                # A.2.2
		| OUT_SUBSCRIBED   @to_none_approved                       # A.2.3 "no"; §3.4.2 pre-approval
		| OUT_UNSUBSCRIBED                                         # A.2.4
		| IN_SUBSCRIBE     @forward @to_none_pending_in            # A.3.1
		| IN_UNSUBSCRIBE                                           # A.3.2
		| IN_SUBSCRIBED                                            # A.3.3
		| IN_UNSUBSCRIBED                                          # A.3.4
	);

	# Requirement: RFC6121-A.2.1-b, RFC6121-A.2.2-b, RFC6121-A.2.3-b, RFC6121-A.2.4-b, RFC6121-A.3.1-b, RFC6121-A.3.2-b, RFC6121-A.3.3-b, RFC6121-A.3.4-b
	state_none_pending_out = ST_NONE_PENDING_OUT . (
		  OUT_SUBSCRIBE    @forward                                # A.2.1
		| OUT_UNSUBSCRIBE  @forward @to_none                       # A.2.2
		| OUT_SUBSCRIBED   @to_none_pending_out_approved           # A.2.3 "no"; §3.4.2 pre-approval
		| OUT_UNSUBSCRIBED                                         # A.2.4
		| IN_SUBSCRIBE     @forward @to_none_pending_out_in        # A.3.1
		| IN_UNSUBSCRIBE                                           # A.3.2
		| IN_SUBSCRIBED    @forward @to_to                         # A.3.3
		| IN_UNSUBSCRIBED  @forward @to_none                       # A.3.4
	);

	# Requirement: RFC6121-A.2.1-c, RFC6121-A.2.2-c, RFC6121-A.2.3-c, RFC6121-A.2.4-c, RFC6121-A.3.1-c, RFC6121-A.3.2-c, RFC6121-A.3.3-c, RFC6121-A.3.4-c, RFC6121-3.4.2-b
	state_none_pending_in = ST_NONE_PENDING_IN . (
		  OUT_SUBSCRIBE    @forward @to_none_pending_out_in        # A.2.1
		| OUT_UNSUBSCRIBE  @forward                                # A.2.2
		| OUT_SUBSCRIBED   @forward @to_from                       # A.2.3
		| OUT_UNSUBSCRIBED @forward @to_none                       # A.2.4
		| IN_SUBSCRIBE                                             # A.3.1 (a duplicate request)
		| IN_UNSUBSCRIBE   @forward @to_none                       # A.3.2
		| IN_SUBSCRIBED                                            # A.3.3
		| IN_UNSUBSCRIBED                                          # A.3.4
	);

	# Requirement: RFC6121-A.2.1-d, RFC6121-A.2.2-d, RFC6121-A.2.3-d, RFC6121-A.2.4-d, RFC6121-A.3.1-d, RFC6121-A.3.2-d, RFC6121-A.3.3-d, RFC6121-A.3.4-d, RFC6121-3.4.2-b
	state_none_pending_out_in = ST_NONE_PENDING_OUT_IN . (
		  OUT_SUBSCRIBE    @forward                                # A.2.1
		| OUT_UNSUBSCRIBE  @forward @to_none_pending_in            # A.2.2
		| OUT_SUBSCRIBED   @forward @to_from_pending_out           # A.2.3
		| OUT_UNSUBSCRIBED @forward @to_none_pending_out           # A.2.4
		| IN_SUBSCRIBE                                             # A.3.1 (a duplicate request)
		| IN_UNSUBSCRIBE   @forward @to_none_pending_out           # A.3.2
		| IN_SUBSCRIBED    @forward @to_to_pending_in              # A.3.3
		| IN_UNSUBSCRIBED  @forward @to_none_pending_in            # A.3.4
	);

	# Requirement: RFC6121-A.2.1-e, RFC6121-A.2.2-e, RFC6121-A.2.3-e, RFC6121-A.2.4-e, RFC6121-A.3.1-e, RFC6121-A.3.2-e, RFC6121-A.3.3-e, RFC6121-A.3.4-e
	state_to = ST_TO . (
		  OUT_SUBSCRIBE    @forward                                # A.2.1
		| OUT_UNSUBSCRIBE  @forward @to_none                       # A.2.2
		| OUT_SUBSCRIBED   @to_to_approved                         # A.2.3 "no"; §3.4.2 pre-approval
		| OUT_UNSUBSCRIBED                                         # A.2.4
		| IN_SUBSCRIBE     @forward @to_to_pending_in              # A.3.1
		| IN_UNSUBSCRIBE                                           # A.3.2
		| IN_SUBSCRIBED                                            # A.3.3
		| IN_UNSUBSCRIBED  @forward @to_none                       # A.3.4
	);

	# Requirement: RFC6121-A.2.1-f, RFC6121-A.2.2-f, RFC6121-A.2.3-f, RFC6121-A.2.4-f, RFC6121-A.3.1-f, RFC6121-A.3.2-f, RFC6121-A.3.3-f, RFC6121-A.3.4-f, RFC6121-3.4.2-b
	state_to_pending_in = ST_TO_PENDING_IN . (
		  OUT_SUBSCRIBE    @forward                                # A.2.1
		| OUT_UNSUBSCRIBE  @forward @to_none_pending_in            # A.2.2
		| OUT_SUBSCRIBED   @forward @to_both                       # A.2.3
		| OUT_UNSUBSCRIBED @forward @to_to                         # A.2.4
		| IN_SUBSCRIBE                                             # A.3.1 (a duplicate request)
		| IN_UNSUBSCRIBE   @forward @to_to                         # A.3.2
		| IN_SUBSCRIBED                                            # A.3.3
		| IN_UNSUBSCRIBED  @forward @to_none_pending_in            # A.3.4
	);

	# Requirement: RFC6121-A.2.1-g, RFC6121-A.2.2-g, RFC6121-A.2.3-g, RFC6121-A.2.4-g, RFC6121-A.3.1-g, RFC6121-A.3.2-g, RFC6121-A.3.3-g, RFC6121-A.3.4-g, RFC6121-3.1.3-f, RFC6121-A.3.1-k, RFC6121-3.4.2-a
	state_from = ST_FROM . (
		  OUT_SUBSCRIBE    @forward @to_from_pending_out           # A.2.1
		| OUT_UNSUBSCRIBE  @forward                                # A.2.2
		| OUT_SUBSCRIBED                                           # A.2.3
		| OUT_UNSUBSCRIBED @forward @to_none                       # A.2.4
		| IN_SUBSCRIBE     @auto_subscribed                        # A.3.1 "no *": already approved
		| IN_UNSUBSCRIBE   @forward @to_none                       # A.3.2
		| IN_SUBSCRIBED                                            # A.3.3
		| IN_UNSUBSCRIBED                                          # A.3.4
	);

	# Requirement: RFC6121-A.2.1-h, RFC6121-A.2.2-h, RFC6121-A.2.3-h, RFC6121-A.2.4-h, RFC6121-A.3.1-h, RFC6121-A.3.2-h, RFC6121-A.3.3-h, RFC6121-A.3.4-h, RFC6121-3.1.3-f, RFC6121-A.3.1-k, RFC6121-3.4.2-a
	state_from_pending_out = ST_FROM_PENDING_OUT . (
		  OUT_SUBSCRIBE    @forward                                # A.2.1
		| OUT_UNSUBSCRIBE  @forward @to_from                       # A.2.2
		| OUT_SUBSCRIBED                                           # A.2.3
		| OUT_UNSUBSCRIBED @forward @to_none_pending_out           # A.2.4
		| IN_SUBSCRIBE     @auto_subscribed                        # A.3.1 "no *": already approved
		| IN_UNSUBSCRIBE   @forward @to_none_pending_out           # A.3.2
		| IN_SUBSCRIBED    @forward @to_both                       # A.3.3
		| IN_UNSUBSCRIBED  @forward @to_from                       # A.3.4
	);

	# Requirement: RFC6121-A.2.1-i, RFC6121-A.2.2-i, RFC6121-A.2.3-i, RFC6121-A.2.4-i, RFC6121-A.3.1-i, RFC6121-A.3.2-i, RFC6121-A.3.3-i, RFC6121-A.3.4-i, RFC6121-3.1.3-f, RFC6121-A.3.1-k, RFC6121-3.4.2-a
	state_both = ST_BOTH . (
		  OUT_SUBSCRIBE    @forward                                # A.2.1
		| OUT_UNSUBSCRIBE  @forward @to_from                       # A.2.2
		| OUT_SUBSCRIBED                                           # A.2.3
		| OUT_UNSUBSCRIBED @forward @to_to                         # A.2.4
		| IN_SUBSCRIBE     @auto_subscribed                        # A.3.1 "no *": already approved
		| IN_UNSUBSCRIBE   @forward @to_to                         # A.3.2
		| IN_SUBSCRIBED                                            # A.3.3
		| IN_UNSUBSCRIBED  @forward @to_from                       # A.3.4
	);

	# ---- pre-approved (§3.4): the base state's rows, keeping the approval ----

	# Requirement: RFC6121-3.4.2-c, RFC6121-3.4.2-e, RFC6121-3.1.3-g, RFC6121-A.3.1-j, RFC6121-3.2.2-c
	state_none_approved = ST_NONE_APPROVED . (
		  OUT_SUBSCRIBE    @forward @to_none_pending_out_approved  # A.2.1 as None
		| OUT_UNSUBSCRIBE  @forward                                # A.2.2 as None
		| OUT_SUBSCRIBED                                           # §3.4.2: already pre-approved
		| OUT_UNSUBSCRIBED @to_none                                # §3.4: cancels the pre-approval
		| IN_SUBSCRIBE     @auto_subscribed @to_from               # §3.1.3, §3.4: answered by the server
		| IN_UNSUBSCRIBE                                           # A.3.2 as None
		| IN_SUBSCRIBED                                            # A.3.3 as None
		| IN_UNSUBSCRIBED                                          # A.3.4 as None
	);

	# Requirement: RFC6121-3.4.2-c, RFC6121-3.4.2-e, RFC6121-3.1.3-g, RFC6121-A.3.1-j, RFC6121-3.2.2-c
	state_none_pending_out_approved = ST_NONE_PENDING_OUT_APPROVED . (
		  OUT_SUBSCRIBE    @forward                                # A.2.1 as None + Pending Out
		| OUT_UNSUBSCRIBE  @forward @to_none_approved              # A.2.2 as None + Pending Out
		| OUT_SUBSCRIBED                                           # §3.4.2: already pre-approved
		| OUT_UNSUBSCRIBED @to_none_pending_out                    # §3.4: cancels the pre-approval
		| IN_SUBSCRIBE     @auto_subscribed @to_from_pending_out   # §3.1.3, §3.4: answered by the server
		| IN_UNSUBSCRIBE                                           # A.3.2 as None + Pending Out
		| IN_SUBSCRIBED    @forward @to_to_approved                # A.3.3 as None + Pending Out
		| IN_UNSUBSCRIBED  @forward @to_none_approved              # A.3.4 as None + Pending Out
	);

	# Requirement: RFC6121-3.4.2-c, RFC6121-3.4.2-e, RFC6121-3.1.3-g, RFC6121-A.3.1-j, RFC6121-3.2.2-c
	state_to_approved = ST_TO_APPROVED . (
		  OUT_SUBSCRIBE    @forward                                # A.2.1 as To
		| OUT_UNSUBSCRIBE  @forward @to_none_approved              # A.2.2 as To
		| OUT_SUBSCRIBED                                           # §3.4.2: already pre-approved
		| OUT_UNSUBSCRIBED @to_to                                  # §3.4: cancels the pre-approval
		| IN_SUBSCRIBE     @auto_subscribed @to_both               # §3.1.3, §3.4: answered by the server
		| IN_UNSUBSCRIBE                                           # A.3.2 as To
		| IN_SUBSCRIBED                                            # A.3.3 as To
		| IN_UNSUBSCRIBED  @forward @to_none_approved              # A.3.4 as To
	);

	main := state_none | state_none_pending_out | state_none_pending_in | state_none_pending_out_in
		| state_to | state_to_pending_in | state_from | state_from_pending_out | state_both
		| state_none_approved | state_none_pending_out_approved | state_to_approved;
}%%

%% write data;

void presence_machine_init(struct presence_machine *m)
{
	%% write init;
	(void)presence_en_main;
}

bool presence_machine_exec(struct sub_outcome *o, struct presence_machine *m, int symbol)
{
	const int *p = &symbol, *pe = p + 1;
	%% write exec;
	return m->cs != presence_error;
}

int presence_machine_state(const struct presence_machine *m)
{
	return m->cs;
}

bool presence_machine_final(const struct presence_machine *m)
{
	return m->cs >= presence_first_final;
}
