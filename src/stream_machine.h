/* stream_machine.h - the contract between machines/stream.rl (compiled into
 * generated/stream.c) and src/stream.c, which classifies input into events and
 * carries out the actions.
 *
 * Ownership: struct stream_machine is embedded in struct stream; it is only `cs`.
 * Actions never run the machine again: an outcome is queued by stream.c and
 * executed after the current event. */
#ifndef XMPPD_STREAM_MACHINE_H
#define XMPPD_STREAM_MACHINE_H

#include <stdbool.h>

/* The numbers are the machine's alphabet (see the list in machines/stream.rl). */
enum stream_event {
	STREAM_EV_HEADER = 1,     /* a valid stream header */
	STREAM_EV_TLS_OPTIONAL,   /* policy, fed first: STARTTLS is not required */
	STREAM_EV_TLS_DONE,       /* the TLS handshake finished */
	STREAM_EV_STARTTLS,       /* <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/> */
	STREAM_EV_AUTH,           /* <auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/> */
	STREAM_EV_RESPONSE,       /* <response/> */
	STREAM_EV_ABORT,          /* <abort/> */
	STREAM_EV_SASL_CHALLENGE, /* outcome: a <challenge/> was sent */
	STREAM_EV_SASL_SUCCESS,   /* outcome: <success/> was sent */
	STREAM_EV_SASL_FAILURE,   /* outcome: <failure/> was sent, attempts remain */
	STREAM_EV_SASL_GIVE_UP,   /* outcome: <failure/> was sent, no attempts remain */
	STREAM_EV_BIND,           /* <iq type='set'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/> */
	STREAM_EV_BIND_DONE,      /* outcome: the resource is bound */
	STREAM_EV_BIND_FAILED,    /* outcome: an error was returned */
	STREAM_EV_SESSION,        /* <iq type='set'><session/> (RFC 3921 legacy) */
	STREAM_EV_STANZA,         /* <message/>, <presence/>, any other <iq/> */
	STREAM_EV_CLOSE,          /* </stream:stream> */
	STREAM_EV_UNKNOWN,        /* any other first-level element */
	STREAM_EV_TIMEOUT,        /* negotiation or idle timeout */
	STREAM_EV_REGISTER,       /* <iq type='get'|'set'><query xmlns='jabber:iq:register'/> (XEP-0077),
				   * when in-band registration is enabled; else it is a STANZA */
	STREAM_EV_BIND_GIVE_UP,   /* outcome: an error was returned, no attempts remain */
	STREAM_EV_IDLE,           /* a bound stream silent past limits.idle_timeout, no ping outstanding */
	STREAM_EV_COUNT
};

/* Stream errors the chart decides (others come from the XML layer or header checks). */
enum stream_refusal {
	STREAM_ERR_NOT_AUTHORIZED,
	STREAM_ERR_TLS_REQUIRED,
	STREAM_ERR_OUT_OF_ORDER,
	STREAM_ERR_UNSUPPORTED_STANZA,
	STREAM_ERR_TIMEOUT,
	STREAM_ERR_AUTH_ATTEMPTS,
	STREAM_ERR_BIND_ATTEMPTS,
	STREAM_ERR_IDLE,
	STREAM_REFUSAL_COUNT
};

struct stream;

struct stream_machine {
	int cs;
};

void stream_machine_init(struct stream_machine *m);
/* Runs one event; false when the chart has no transition for it. */
bool stream_machine_exec(struct stream *s, struct stream_machine *m, int event);
int stream_machine_state(const struct stream_machine *m);
/* The chart's label for a state number ("pre_tls"), "final" or "error"; for
 * the protocol trace (trace.h). */
const char *stream_machine_state_name(int cs);
bool stream_machine_done(const struct stream_machine *m);

void stream_open_plain(struct stream *s);
void stream_open_lax(struct stream *s);
void stream_open_secure(struct stream *s);
void stream_open_authed(struct stream *s);
void stream_proceed(struct stream *s);
void stream_restart(struct stream *s);
void stream_sasl_begin(struct stream *s);
void stream_sasl_step(struct stream *s);
void stream_sasl_restart(struct stream *s);
void stream_sasl_abort(struct stream *s);
void stream_bind(struct stream *s);
void stream_session(struct stream *s);
void stream_register(struct stream *s);
void stream_register_needs_tls(struct stream *s);
void stream_deliver(struct stream *s);
void stream_close_reply(struct stream *s);
void stream_fail(struct stream *s, enum stream_refusal r);

#endif
