/* stream.h - one client-to-server XML stream, from the first byte to a bound
 * resource (RFC 6120 §4 streams, §5 STARTTLS, §6 SASL, §7 binding).
 *
 * The sequencing is the chart in machines/stream.rl; this module classifies
 * input into its events and carries out its actions. It never touches a socket
 * or TLS: bytes come in through stream_input(), and everything the stream wants
 * done goes out through struct stream_io (queue bytes, switch to TLS, look up
 * an account, bind a resource, deliver a stanza, close).
 *
 * Ownership: stream_new() allocates through the given struct mem; stream_free()
 * releases everything, wiping SASL secrets. The settings (and the domain they
 * point to) are borrowed, like the io ctx: both must outlive the stream. The io
 * table itself is copied. Spans passed to io
 * callbacks are valid only during the call. */
#ifndef XMPPD_STREAM_H
#define XMPPD_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "credentials.h"
#include "mem.h"
#include "scram.h"
#include "span.h"
#include "stream_machine.h"
#include "trace.h"
#include "xml.h"

#define STREAM_DOMAIN_MAX 1023
#define STREAM_LOCAL_MAX 1023
#define STREAM_RESOURCE_MAX 1023

struct stream_settings {
	struct span domain;               /* the one domain this server serves (copied) */
	bool tls_required;                /* STARTTLS mandatory-to-negotiate (RFC 6120 §5.3.1) */
	enum config_sasl_mech mechanisms[CONFIG_SASL_MECH_COUNT]; /* offered, in this order */
	size_t mechanism_count;
	uint32_t max_auth_attempts;       /* failures before the stream is closed */
	uint32_t max_bind_attempts;       /* failed bind requests before the stream is closed; 0: no limit */
	bool register_enabled;            /* XEP-0077 in-band registration before authentication */
	/* §7.7.2.2 when the resource is taken: io.bind decides replace or refuse;
	 * CONFIG_CONFLICT_RANDOM_SUFFIX makes the stream retry under "<resource>.<hex>". */
	enum config_resource_conflict conflict;
	uint32_t scram_iterations;        /* what accounts get (for unknown-user keys) */
	uint8_t unknown_user_secret[SCRAM_SECRET_LEN];
	struct xml_limits xml;
	/* more features offered after authentication (roster versioning, ...); NULL: none */
	const char *features_authed;
	struct span test_server_nonce;    /* tests only: fixed SCRAM s-nonce and stream id */
};

enum stream_lookup { STREAM_LOOKUP_FOUND, STREAM_LOOKUP_NOT_FOUND, STREAM_LOOKUP_ERROR };
enum stream_bind_result {
	STREAM_BIND_OK,
	STREAM_BIND_CONFLICT, /* the full JID is bound elsewhere and the policy keeps it there */
	STREAM_BIND_LIMIT,    /* the account has resources.max_per_account sessions (RFC 6120 §7.6.2.1) */
	STREAM_BIND_ERROR
};
enum stream_register {
	STREAM_REGISTER_OK,        /* the account exists now */
	STREAM_REGISTER_CONFLICT,  /* the username is taken (XEP-0077 §3.1) */
	STREAM_REGISTER_THROTTLED, /* this peer's address registered an account too recently */
	STREAM_REGISTER_ERROR      /* the store or the key derivation failed */
};

struct stream_io {
	void *ctx;
	/* Queue bytes for the peer; the connection coalesces them per loop turn. */
	void (*send)(void *ctx, struct span bytes);
	/* Asked on <starttls/>, before any answer: prepare the TLS session for the
	 * bytes after <proceed/>; false when there is none to be had (the stream
	 * then answers <failure/> and closes, RFC 6120 §5.4.2.2). When it returns
	 * true, <proceed/> is queued and stream_input() stops right after
	 * <starttls/> (STREAM_TLS): flush it, then the bytes in both directions are TLS. */
	bool (*start_tls)(void *ctx);
	/* The stream is over (closing tag queued, or the peer's close answered). */
	void (*close)(void *ctx);
	enum stream_lookup (*lookup)(void *ctx, struct span username, struct credentials *out);
	/* Bind this full JID (username@domain/resource) to the stream; the conflict
	 * policy for a JID in use (replace or refuse) is the callee's. */
	enum stream_bind_result (*bind)(void *ctx, struct span jid);
	/* A stanza from the bound client; `stanza` is borrowed for the call. */
	void (*deliver)(void *ctx, const struct xml_node *stanza);
	/* Throttling (RFC 6120 §6.4.5, §13.9): may this username (from this peer)
	 * try now? And: a login as username just failed. */
	bool (*auth_allowed)(void *ctx, struct span username);
	void (*auth_failed)(void *ctx, struct span username);
	/* A login succeeded with this mechanism (for the log). */
	void (*authenticated)(void *ctx, struct span username, const char *mechanism);
	/* In-band registration (XEP-0077 §3.1), over TLS only: create this account,
	 * SCRAM keys only (account_credentials_create), unless the peer's address
	 * made one too recently. The stream has checked the username
	 * (account_username_prepare: stored in its prepared form) and the password (1..ACCOUNT_PASSWORD_MAX bytes). */
	enum stream_register (*register_account)(void *ctx, struct span username, struct span password);
	/* The connection's protocol trace (trace.h), borrowed; NULL: never traced. */
	struct trace *trace;
};

enum stream_status {
	STREAM_OK,        /* all input consumed */
	STREAM_TLS,       /* stopped after <starttls/>: the rest of the input is TLS */
	STREAM_CLOSED,    /* the stream is over; drop further input */
	STREAM_E_NOMEM
};

struct stream;

struct stream *stream_new(const struct mem *mem, const struct stream_settings *settings,
			  const struct stream_io *io) __attribute__((warn_unused_result));
void stream_free(struct stream *s);

enum stream_status stream_input(struct stream *s, const uint8_t *bytes, size_t len, size_t *consumed)
	__attribute__((warn_unused_result));
/* The TLS handshake finished (after STARTTLS, or first thing on Direct TLS);
 * channel binding data per type, len 0 where the type is unavailable. */
void stream_tls_established(struct stream *s, const struct span cb_data[SCRAM_CB_TYPE_COUNT]);
void stream_timeout(struct stream *s);
/* A bound stream merely silent past the idle timeout (no ping unanswered):
 * RFC 6120 §4.9.3.4 keeps connection-timeout for a peer that does not answer,
 * so this closes with policy-violation (a local timeout policy, §4.6.3). */
void stream_idle(struct stream *s);
/* The connection went idle: release the parser's stanza arena and the output buffer. */
void stream_trim(struct stream *s);
/* Bytes this stream holds (struct, parser arenas, buffers), for tests and benchmarks. */
size_t stream_memory(const struct stream *s);
/* Ends the stream with a stream error decided outside the chart: <conflict/>
 * for a session replaced by a new one (RFC 6120 §4.9.3.3, §7.7.2.2),
 * <system-shutdown/> when the server stops (§4.9.3.20). `text` is a literal. */
void stream_terminate(struct stream *s, const char *condition, const char *text);
/* Queues bytes for the peer (stanzas the server answers or routes). */
void stream_send(struct stream *s, struct span bytes);
/* Runs one event through the chart as if it had been classified from input. For
 * the unit tests that walk every (state, event) pair, and for outcome events;
 * element events (STARTTLS, AUTH, ...) need the element, so tests inject only
 * those whose action does not read it (refusals, CLOSE, TIMEOUT, outcomes). */
void stream_run_event(struct stream *s, enum stream_event e);

/* For logs, tests and the protocol trace. */
const char *stream_state_name(const struct stream *s);
bool stream_is_bound(const struct stream *s);
/* The peer ended its stream before we did (so our closing tag was the answer,
 * and the connection need not wait for the peer's, RFC 6120 §4.4). */
bool stream_peer_closed(const struct stream *s);
struct span stream_jid(const struct stream *s); /* full JID once bound */
const char *stream_event_name(enum stream_event e);
const char *stream_refusal_name(enum stream_refusal r);
const char *stream_refusal_text(enum stream_refusal r); /* the <text/> sent, citing the rule */

#endif
