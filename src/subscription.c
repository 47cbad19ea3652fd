/* subscription.c - runs machines/presence.rl and names what it decides.
 * Ownership: subscription.h (nothing to own). */
#include "subscription.h"

#include "presence_machine.h"

#ifdef MACHINE_TRACE
#include "machine_trace.h"
#endif

/* What a state means, for the roster (RFC 6121 §2.1.2) and for presence
 * broadcast: data, not decisions; the decisions are the chart's. */
struct state_info {
	const char *name;
	bool to;          /* the user is subscribed to the contact's presence */
	bool from;        /* the contact is subscribed to the user's presence */
	bool pending_out; /* the user asked the contact: ask='subscribe' */
	bool pending_in;  /* the contact asked the user, no answer yet */
	bool approved;    /* §3.4 pre-approval: approved='true' */
};

static const struct state_info states[SUB_STATE_COUNT] = {
	/*                                 name                           to     from   out    in     approved */
	[SUB_NONE] =                      { "SUB_NONE",                      false, false, false, false, false },
	[SUB_NONE_PENDING_OUT] =          { "SUB_NONE_PENDING_OUT",          false, false, true,  false, false },
	[SUB_NONE_PENDING_IN] =           { "SUB_NONE_PENDING_IN",           false, false, false, true,  false },
	[SUB_NONE_PENDING_OUT_IN] =       { "SUB_NONE_PENDING_OUT_IN",       false, false, true,  true,  false },
	[SUB_TO] =                        { "SUB_TO",                        true,  false, false, false, false },
	[SUB_TO_PENDING_IN] =             { "SUB_TO_PENDING_IN",             true,  false, false, true,  false },
	[SUB_FROM] =                      { "SUB_FROM",                      false, true,  false, false, false },
	[SUB_FROM_PENDING_OUT] =          { "SUB_FROM_PENDING_OUT",          false, true,  true,  false, false },
	[SUB_BOTH] =                      { "SUB_BOTH",                      true,  true,  false, false, false },
	[SUB_NONE_APPROVED] =             { "SUB_NONE_APPROVED",             false, false, false, false, true },
	[SUB_NONE_PENDING_OUT_APPROVED] = { "SUB_NONE_PENDING_OUT_APPROVED", false, false, true,  false, true },
	[SUB_TO_APPROVED] =               { "SUB_TO_APPROVED",               true,  false, false, false, true },
};

static const char *const event_names[SUB_EVENT_END] = {
	[0] = "SUB_EVENT_UNKNOWN",
	[SUB_OUT_SUBSCRIBE] = "SUB_OUT_SUBSCRIBE",
	[SUB_OUT_UNSUBSCRIBE] = "SUB_OUT_UNSUBSCRIBE",
	[SUB_OUT_SUBSCRIBED] = "SUB_OUT_SUBSCRIBED",
	[SUB_OUT_UNSUBSCRIBED] = "SUB_OUT_UNSUBSCRIBED",
	[SUB_IN_SUBSCRIBE] = "SUB_IN_SUBSCRIBE",
	[SUB_IN_UNSUBSCRIBE] = "SUB_IN_UNSUBSCRIBE",
	[SUB_IN_SUBSCRIBED] = "SUB_IN_SUBSCRIBED",
	[SUB_IN_UNSUBSCRIBED] = "SUB_IN_UNSUBSCRIBED",
};

/* A stored value that is no state (a damaged row) has no meaning: it grants
 * nothing and names itself as unknown. */
static const struct state_info unknown_state = { "SUB_STATE_UNKNOWN", false, false, false, false, false };

static const struct state_info *info(enum sub_state s)
{
	return (unsigned)s < SUB_STATE_COUNT ? &states[s] : &unknown_state;
}

/* ---------- the chart's actions ---------- */

void sub_on_forward(struct sub_outcome *o)
{
	o->forward = true;
}

void sub_on_auto_subscribed(struct sub_outcome *o)
{
	o->auto_subscribed = true;
}

void sub_on_next(struct sub_outcome *o, enum sub_state next)
{
	o->next = next;
}

/* ---------- running the chart ---------- */

static bool run(struct sub_outcome *o, struct presence_machine *m, int symbol)
{
#ifdef MACHINE_TRACE
	int before = presence_machine_state(m);
#endif
	if (!presence_machine_exec(o, m, symbol))
		return false;
#ifdef MACHINE_TRACE
	machine_trace_hit("presence", before, (unsigned)symbol);
#endif
	return true;
}

struct sub_outcome sub_step(enum sub_state state, enum sub_event event)
{
	/* Every row starts as the tables' "no" and "no state change"; the chart's
	 * actions say where a row differs. */
	struct sub_outcome o = { .next = state, .forward = false, .auto_subscribed = false };
	if ((unsigned)state >= SUB_STATE_COUNT)
		return o; /* not a state: the chart has no token for it; drop, keep */
	struct presence_machine m;
	presence_machine_init(&m);
	if (!run(&o, &m, presence_state_token(state)) || !run(&o, &m, (int)event) ||
	    !presence_machine_final(&m)) {
		/* Only an event outside enum sub_event gets here (every state has a
		 * row for each of the eight): dropped, nothing changes. */
		return (struct sub_outcome){ .next = state, .forward = false, .auto_subscribed = false };
	}
	return o;
}

/* ---------- derived views ---------- */

bool sub_has_to(enum sub_state s)
{
	return info(s)->to;
}

bool sub_has_from(enum sub_state s)
{
	return info(s)->from;
}

bool sub_pending_out(enum sub_state s)
{
	return info(s)->pending_out;
}

bool sub_pending_in(enum sub_state s)
{
	return info(s)->pending_in;
}

bool sub_approved(enum sub_state s)
{
	return info(s)->approved;
}

const char *sub_roster_value(enum sub_state s)
{
	const struct state_info *i = info(s);
	if (i->to && i->from)
		return "both";
	if (i->to)
		return "to";
	return i->from ? "from" : "none";
}

const char *sub_state_name(enum sub_state s)
{
	return info(s)->name;
}

const char *sub_event_name(enum sub_event e)
{
	return (unsigned)e < SUB_EVENT_END ? event_names[e] : event_names[0];
}
