/*
 * machines/stream.rl - client-to-server stream negotiation (RFC 6120 §4-§7).
 *
 * An event machine (alphtype int): src/stream.c classifies what arrives (a stream
 * header, a first-level element, a TLS or SASL outcome) into the events below and
 * runs them through this chart; each action is one line calling src/stream.c.
 * Outcomes of an action (the SASL exchange went on, succeeded or failed; the
 * resource was bound or not) come back as the next event, never as a nested run.
 *
 * The order RFC 6120 §4.3 prescribes, with STARTTLS mandatory-to-negotiate
 * (§5.3.1) unless the configuration makes it optional:
 *
 *   start --header--> pre_tls --starttls--> tls_handshake --tls_done--> secure_start
 *   secure_start --header--> sasl_offered --auth--> sasl_running <--> sasl_wait
 *   sasl_running --success--> authed_start --header--> bind_offered --bind--> binding
 *   binding --bind_done--> active
 *
 * In-band registration (XEP-0077 §3.1, when im.register_enabled) is a REGISTER
 * event: an <iq/> get or set of jabber:iq:register before authentication. It
 * is answered where SASL is offered and leaves the state as it was, so the
 * client then authenticates on the same stream (§3.1.1). Before TLS it is
 * refused: with STARTTLS required like <auth/> (<policy-violation/>, RFC 6120
 * §5.3.1), with STARTTLS optional by a stanza error that leaves the stream open
 * for STARTTLS (XEP-0077 §11: not over an unprotected channel). Once
 * authenticated it is an ordinary stanza (jabber:iq:register in src/iq_register.c).
 *
 * Direct TLS (XEP-0368) starts with tls_done before any header. Every state
 * that waits for the peer takes
 * CLOSE (the peer's </stream:stream>), TIMEOUT and UNKNOWN (a first-level element
 * no one handles) the same way; before the resource is bound, stanzas are
 * refused with <not-authorized/> (§6.4, §7.1); any other event out of order is a
 * <policy-violation/>.
 *
 * The whole chart is small enough to read at once: generated/stream.dot.
 */
#include <stddef.h>

#include "stream_machine.h"

%%{
	machine stream;
	alphtype int;
	access m->;

	# Events: the numbers are enum stream_event in src/stream_machine.h
	# (tests/check_stream.c checks that the two lists agree).
	HEADER = 1; TLS_OPTIONAL = 2; TLS_DONE = 3; STARTTLS = 4; AUTH = 5; RESPONSE = 6;
	ABORT = 7; SASL_CHALLENGE = 8; SASL_SUCCESS = 9; SASL_FAILURE = 10; SASL_GIVE_UP = 11;
	BIND = 12; BIND_DONE = 13; BIND_FAILED = 14; SESSION = 15; STANZA = 16; CLOSE = 17;
	UNKNOWN = 18; TIMEOUT = 19; REGISTER = 20; BIND_GIVE_UP = 21; IDLE = 22;
	event = 1..22;

	# Requirement: RFC6120-4.1-a, RFC6120-4.3.2-a, RFC6120-5.3.1-b, RFC6120-5.4.1-a, RFC6120-5.4.1-b
	action open_plain       { stream_open_plain(s); }
	# Requirement: RFC6120-5.2-b, RFC6120-6.3.4-a
	action open_lax         { stream_open_lax(s); }
	# Requirement: RFC6120-5.4.3.3-b, RFC6120-5.4.3.3-c, RFC6120-5.4.3.3-d, RFC6120-5.4.3.3-e, RFC6120-6.4.1-a
	action open_secure      { stream_open_secure(s); }
	# Requirement: RFC6120-6.4.6-f, RFC6120-6.4.6-g, RFC6120-7.4-a
	action open_authed      { stream_open_authed(s); }
	# Requirement: RFC6120-5.4.2.1-a, RFC6120-5.4.2.3-a, RFC6120-5.4.2.3-b
	action proceed          { stream_proceed(s); }
	# Requirement: RFC6120-4.3.3-a, RFC6120-5.3.2-a, RFC6120-6.3.2-a, RFC6120-6.4.6-e
	action restart          { stream_restart(s); }
	action sasl_begin       { stream_sasl_begin(s); }
	action sasl_step        { stream_sasl_step(s); }
	# Requirement: RFC6120-6.4.2-b
	action sasl_restart     { stream_sasl_restart(s); }
	# Requirement: RFC6120-6.4.4-a
	action sasl_abort       { stream_sasl_abort(s); }
	# Requirement: RFC6120-6.4.5-c, RFC6120-6.4.5-d
	action sasl_give_up     { stream_fail(s, STREAM_ERR_AUTH_ATTEMPTS); }
	# Requirement: RFC6120-7.6.1-a, RFC6120-7.7.1-b
	action bind             { stream_bind(s); }
	# Requirement: RFC6120-7.7.3-b
	action bind_give_up     { stream_fail(s, STREAM_ERR_BIND_ATTEMPTS); }
	# Requirement: RFC6120-4.6.3-a, RFC6120-4.9.3.4-b
	action idle             { stream_fail(s, STREAM_ERR_IDLE); }
	action session          { stream_session(s); }
	action register         { stream_register(s); }
	action register_no_tls  { stream_register_needs_tls(s); }
	action deliver          { stream_deliver(s); }
	# Requirement: RFC6120-4.4-d, RFC6120-4.9.1.1-b
	action close_reply      { stream_close_reply(s); }
	# Requirement: RFC6120-4.9.3.12-a, RFC6120-6.3.1-a, RFC6120-7.1-a, RFC6120-7.3.1-a
	action not_authorized   { stream_fail(s, STREAM_ERR_NOT_AUTHORIZED); }
	# Requirement: RFC6120-5.3.1-a
	action tls_required     { stream_fail(s, STREAM_ERR_TLS_REQUIRED); }
	action out_of_order     { stream_fail(s, STREAM_ERR_OUT_OF_ORDER); }
	# Requirement: RFC6120-4.8.4-a, RFC6120-4.9.3.24-a
	action unsupported      { stream_fail(s, STREAM_ERR_UNSUPPORTED_STANZA); }
	# Requirement: RFC6120-4.6.3-a, RFC6120-4.9.3.4-a
	action timeout          { stream_fail(s, STREAM_ERR_TIMEOUT); }

	# Handled alike in every state.
	ends      = CLOSE @close_reply | TIMEOUT @timeout | UNKNOWN @unsupported;
	# Stanzas (and resource binding) need an authenticated stream.
	unauthed  = (STANZA | SESSION | BIND) @not_authorized;
	# In a state that takes `legal`, everything else not named above.
	refuse_rest = (event - (CLOSE | TIMEOUT | UNKNOWN));

	main := (
	start: (
		  HEADER @open_plain -> pre_tls
		| TLS_OPTIONAL -> start_lax
		| TLS_DONE -> secure_start
		| ends -> final
		| (refuse_rest - (HEADER | TLS_OPTIONAL | TLS_DONE)) @out_of_order -> final ),
	start_lax: (
		  HEADER @open_lax -> pre_tls_lax
		| TLS_DONE -> secure_start
		| ends -> final
		| (refuse_rest - (HEADER | TLS_DONE)) @out_of_order -> final ),
	# Requirement: RFC6120-5.3.1-a
	pre_tls: (
		  STARTTLS @proceed -> tls_handshake
		| (AUTH | REGISTER) @tls_required -> final
		| unauthed -> final
		| ends -> final
		| (refuse_rest - (STARTTLS | AUTH | REGISTER | STANZA | SESSION | BIND)) @out_of_order -> final ),
	pre_tls_lax: (
		  STARTTLS @proceed -> tls_handshake
		| AUTH @sasl_begin -> sasl_running
		| REGISTER @register_no_tls -> pre_tls_lax
		| unauthed -> final
		| ends -> final
		| (refuse_rest - (STARTTLS | AUTH | REGISTER | STANZA | SESSION | BIND)) @out_of_order -> final ),
	tls_handshake: (
		  TLS_DONE @restart -> secure_start
		| ends -> final
		| (refuse_rest - TLS_DONE) @out_of_order -> final ),
	secure_start: (
		  HEADER @open_secure -> sasl_offered
		| ends -> final
		| (refuse_rest - HEADER) @out_of_order -> final ),
	# Also reached without TLS (pre_tls_lax, then a SASL failure): stream.c
	# refuses REGISTER there as register_no_tls does.
	sasl_offered: (
		  AUTH @sasl_begin -> sasl_running
		| REGISTER @register -> sasl_offered
		| unauthed -> final
		| ends -> final
		| (refuse_rest - (AUTH | REGISTER | STANZA | SESSION | BIND)) @out_of_order -> final ),
	# Entered only by an action that always queues its outcome next: nothing
	# else can arrive here, so nothing else has a slot (stream.c reports a
	# missing transition as an internal error).
	sasl_running: (
		  SASL_CHALLENGE -> sasl_wait
		| SASL_SUCCESS @restart -> authed_start
		| SASL_FAILURE -> sasl_offered
		| SASL_GIVE_UP @sasl_give_up -> final ),
	sasl_wait: (
		  RESPONSE @sasl_step -> sasl_running
		| ABORT @sasl_abort -> sasl_running
		| AUTH @sasl_restart -> sasl_running
		| (STANZA | SESSION | BIND | REGISTER) @not_authorized -> final
		| ends -> final
		| (refuse_rest - (RESPONSE | ABORT | AUTH | REGISTER | STANZA | SESSION | BIND)) @out_of_order -> final ),
	authed_start: (
		  HEADER @open_authed -> bind_offered
		| ends -> final
		| (refuse_rest - HEADER) @out_of_order -> final ),
	# Requirement: RFC6120-7.4-b, RFC6120-7.3.1-a
	bind_offered: (
		  BIND @bind -> binding
		| (STANZA | SESSION | REGISTER) @not_authorized -> final
		| ends -> final
		| (refuse_rest - (BIND | STANZA | SESSION | REGISTER)) @out_of_order -> final ),
	binding: (
		  BIND_DONE -> active
		| BIND_FAILED -> bind_offered
		| BIND_GIVE_UP @bind_give_up -> final ),
	# Requirement: RFC6120-7.3.2-a
	active: (
		  (STANZA | REGISTER) @deliver -> active
		| SESSION @session -> active
		| BIND @bind -> binding
		| IDLE @idle -> final
		| ends -> final
		| (refuse_rest - (STANZA | REGISTER | SESSION | BIND | IDLE)) @out_of_order -> final )
	);
}%%

%% write data;

void stream_machine_init(struct stream_machine *m)
{
	%% write init;
	(void)stream_en_main;
}

bool stream_machine_exec(struct stream *s, struct stream_machine *m, int event)
{
	const int *p = &event, *pe = p + 1;
	%% write exec;
	return m->cs != stream_error;
}

int stream_machine_state(const struct stream_machine *m)
{
	return m->cs;
}

bool stream_machine_done(const struct stream_machine *m)
{
	return m->cs >= stream_first_final || m->cs == stream_error;
}

/* Ragel keeps no label names in its output, so the chart's labels are listed
 * here by state number, as generated/stream.dot numbers them. A change to the
 * chart that renumbers its states fails tests/check_trace.c, which walks every
 * labelled state and checks its name. */
static const char *const state_names[] = {
	[1] = "start", [2] = "pre_tls", [3] = "tls_handshake", [4] = "secure_start", [5] = "sasl_offered",
	[6] = "sasl_running", [7] = "sasl_wait", [8] = "authed_start", [9] = "bind_offered", [10] = "binding",
	[11] = "active", [12] = "start_lax", [13] = "pre_tls_lax",
};

const char *stream_machine_state_name(int cs)
{
	if (cs == stream_error)
		return "error";
	if (cs >= stream_first_final)
		return "final";
	if (cs > 0 && cs < (int)(sizeof state_names / sizeof state_names[0]) && state_names[cs] != NULL)
		return state_names[cs];
	return "unnamed";
}
