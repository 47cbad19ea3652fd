/* tls.h - the server side of TLS 1.2/1.3 over OpenSSL 3, without sockets.
 *
 * A struct tls_conn never reads or writes a file descriptor: the connection code
 * feeds it the ciphertext it read from the socket and takes from it the
 * ciphertext to write. The same code therefore serves STARTTLS (RFC 6120 §5, the
 * upgrade in the middle of a plaintext stream on 5222) and Direct TLS (XEP-0368,
 * ALPN "xmpp-client" on 5223), and tests run both ends in one process.
 *
 * Ownership:
 * - tls_context_new() allocates the context through the given struct mem
 *   (borrowed; must outlive the context). Paths are read during the call only.
 * - tls_conn_new() allocates the connection through its own struct mem (borrowed;
 *   must outlive the connection). OpenSSL's own objects (SSL, keys, records) come
 *   from OpenSSL's process-wide allocator (CRYPTO_set_mem_functions), not from it.
 * - A connection holds a reference to the certificate and settings it was made
 *   with: tls_context_reload() changes what later connections get, never an
 *   existing one. Free every connection before its context (the connections
 *   share the context's I/O method table).
 * - Bytes given to tls_conn_feed_ciphertext() and tls_conn_write_plaintext() are
 *   copied (ciphertext) or encrypted (plaintext) before the call returns.
 * - Spans returned by tls_conn_alpn() and tls_conn_sni(), and the strings of
 *   tls_conn_error(), tls_conn_protocol_name() and tls_conn_cipher_name(), belong
 *   to the connection and stay valid until it is freed.
 *
 * Driving a connection (the rule the connection code follows):
 *   on readable:   read(); tls_conn_feed_ciphertext(); then tls_conn_read_plaintext()
 *                  until TLS_WANT_MORE (or tls_conn_handshake() until TLS_OK);
 *   after any call: if tls_conn_wants_write(), tls_conn_take_ciphertext() and write
 *                  it. Reading can produce ciphertext (handshake flights, session
 *                  tickets, a KeyUpdate answer, alerts), writing always does.
 *   on TLS_E_*:    take the ciphertext once more (it may hold the fatal alert),
 *                  write it if the socket takes it, close, log tls_conn_error().
 * Nothing is processed in tls_conn_feed_ciphertext(): it only queues. Nothing is
 * ever lost by pausing: unread ciphertext and decrypted records stay queued until
 * the next read (tls_conn_has_buffered_input() says whether anything is queued,
 * for a reader resuming after backpressure: the socket will not say so).
 *
 * Memory: see the measurement in tests/check_tls.c (printed by the unit run).
 * OpenSSL's record buffers are released whenever they are empty
 * (SSL_MODE_RELEASE_BUFFERS) and this layer frees its own queues when drained, so
 * an idle connection after the handshake holds only OpenSSL's session and cipher
 * state. */
#ifndef XMPPD_TLS_H
#define XMPPD_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "mem.h"
#include "span.h"

/* The ALPN protocol of XEP-0368 Direct TLS. */
#define TLS_ALPN_XMPP_CLIENT "xmpp-client"
/* Channel binding data is at most a SHA-512 digest (tls-server-end-point with a
 * SHA-512 signed certificate); tls-exporter is 32 bytes (RFC 9266 §2). */
#define TLS_CB_DATA_MAX 64
#define TLS_CB_EXPORTER_LEN 32
/* A good size for the caller's error buffer: OpenSSL's reasons and two paths.
 * Longer messages are cut, never overrun. */
#define TLS_ERROR_TEXT_MAX 512

enum tls_status {
	TLS_OK = 0,
	TLS_WANT_MORE,     /* nothing more until more ciphertext is fed */
	TLS_CLOSED,        /* the peer sent close_notify: no more plaintext will come */
	/* the caller's mistake: nothing changed */
	TLS_E_INVALID,     /* before the handshake, after shutdown, cap too small, bad type */
	TLS_E_UNAVAILABLE, /* this channel binding type does not exist on this connection */
	/* the connection is dead (every later call returns the same status) */
	TLS_E_PROTOCOL,    /* handshake refused, bad record, fatal alert: tls_conn_error() */
	TLS_E_NOMEM,       /* the struct mem or OpenSSL's allocator failed */
	/* tls_context_new() and tls_context_reload() only */
	TLS_E_CONFIG,      /* certificate or key unreadable, invalid, or not a pair */
	TLS_STATUS_COUNT
};

const char *tls_status_name(enum tls_status s); /* "TLS_E_PROTOCOL" */

/* Channel binding types (RFC 5056) this layer computes, for SCRAM -PLUS. */
enum tls_cb_type {
	TLS_CB_EXPORTER,         /* "tls-exporter", RFC 9266 */
	TLS_CB_SERVER_END_POINT, /* "tls-server-end-point", RFC 5929 §4 */
	TLS_CB_TYPE_COUNT
};

const char *tls_cb_type_name(enum tls_cb_type type); /* "tls-exporter"; "" if invalid */

/* ---------- the server context (certificate, key, settings) ---------- */

/* Zero-initialized options are the defaults. */
struct tls_context_options {
	bool tls13_only;          /* refuse TLS 1.2 too */
	bool session_tickets_off; /* no resumption at all (tickets are on by default) */
};

struct tls_context;

/* Loads a PEM certificate chain (leaf first) and its PEM private key. Always: TLS
 * 1.2 and 1.3 only; for 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305 only; no
 * compression, no renegotiation, no early data; session tickets (stateless, no
 * server-side cache); ALPN "xmpp-client" selected when offered, a fatal
 * no_application_protocol alert when the client offers only other protocols
 * (RFC 7301 §3.2), nothing when it offers none (STARTTLS clients); SNI recorded.
 * options may be NULL. On TLS_E_CONFIG or TLS_E_NOMEM, *out is NULL and err (if
 * err_cap > 0) holds a line for the log naming the file and OpenSSL's reasons
 * ("key /etc/xmppd/x.key does not match certificate /etc/xmppd/x.crt: ...").
 * TLS_E_INVALID for a NULL path or mem. */
enum tls_status tls_context_new(const char *cert_path, const char *key_path,
				const struct tls_context_options *options, const struct mem *mem,
				struct tls_context **out, char *err, size_t err_cap)
	__attribute__((warn_unused_result));

/* For SIGHUP: loads the pair again (the same paths or new ones) with the same
 * options. On success new connections use the new pair; existing connections
 * keep theirs. On failure nothing changes, and err says why. Session tickets
 * issued before a reload are not accepted after it: they would resume a session
 * whose client saw the old certificate, and tls-server-end-point would then
 * differ between the two ends. */
enum tls_status tls_context_reload(struct tls_context *ctx, const char *cert_path,
				   const char *key_path, char *err, size_t err_cap)
	__attribute__((warn_unused_result));

void tls_context_free(struct tls_context *ctx);

/* ---------- one connection ---------- */

struct tls_conn;

/* A server-side connection waiting for a ClientHello. NULL when an allocator fails. */
struct tls_conn *tls_conn_new(struct tls_context *ctx, const struct mem *mem)
	__attribute__((warn_unused_result));
void tls_conn_free(struct tls_conn *conn);

/* Queues ciphertext read from the socket (copied). TLS_OK, TLS_E_NOMEM, or the
 * connection's error status once it is dead (the bytes are then dropped). */
enum tls_status tls_conn_feed_ciphertext(struct tls_conn *conn, const uint8_t *bytes, size_t len)
	__attribute__((warn_unused_result));

/* Advances the handshake over the queued ciphertext. TLS_OK once complete (and on
 * every later call), TLS_WANT_MORE, or an error. Optional: reading does the same. */
enum tls_status tls_conn_handshake(struct tls_conn *conn) __attribute__((warn_unused_result));

/* Decrypts up to cap bytes of application data into out (finishing the handshake
 * first if needed). TLS_OK with *n > 0; TLS_WANT_MORE with *n == 0 when the
 * queued ciphertext holds no complete record; TLS_CLOSED after the peer's
 * close_notify; an error. Call again after TLS_OK: more may be queued. */
enum tls_status tls_conn_read_plaintext(struct tls_conn *conn, uint8_t *out, size_t cap, size_t *n)
	__attribute__((warn_unused_result));

/* Encrypts application data into the outgoing queue, in records of at most 16 KiB.
 * TLS_OK with *accepted == len; TLS_E_INVALID before the handshake completes or
 * after tls_conn_shutdown(); on an error *accepted counts what was encrypted. */
enum tls_status tls_conn_write_plaintext(struct tls_conn *conn, const uint8_t *bytes, size_t len,
					 size_t *accepted) __attribute__((warn_unused_result));

/* Appends every queued outgoing byte (handshake, records, alerts) to out and
 * empties the queue. TLS_OK, or TLS_E_NOMEM with nothing moved. When out is empty
 * and shares the connection's struct mem, the bytes are handed over, not copied. */
enum tls_status tls_conn_take_ciphertext(struct tls_conn *conn, struct buf *out)
	__attribute__((warn_unused_result));

/* Queues close_notify (RFC 8446 §6.1); take_ciphertext then sends it. After the
 * handshake only: before it, or on a dead connection, nothing is queued and the
 * answer is TLS_OK anyway (there is nothing to close politely). Writing is
 * refused afterwards; reading still works until the peer's close_notify. */
enum tls_status tls_conn_shutdown(struct tls_conn *conn) __attribute__((warn_unused_result));

bool tls_conn_handshake_done(const struct tls_conn *conn); /* never goes back to false */
bool tls_conn_wants_write(const struct tls_conn *conn);    /* ciphertext is queued */
/* Queued ciphertext not yet consumed, or decrypted data not yet read. */
bool tls_conn_has_buffered_input(const struct tls_conn *conn);

/* Why the connection died, for the log: OpenSSL's reasons and the alert sent or
 * received. "" while the connection is healthy. Never holds secrets. */
const char *tls_conn_error(const struct tls_conn *conn);

/* After the handshake; "" before it. "TLSv1.3", "TLS_AES_256_GCM_SHA384". */
const char *tls_conn_protocol_name(const struct tls_conn *conn);
const char *tls_conn_cipher_name(const struct tls_conn *conn);
bool tls_conn_resumed(const struct tls_conn *conn); /* a session ticket was accepted */
/* The negotiated ALPN protocol ("xmpp-client"), empty when none was. */
struct span tls_conn_alpn(const struct tls_conn *conn);
/* The server name the client asked for (RFC 6066 §3), empty when it sent none.
 * Recorded as sent; the stream layer compares it with the stream's 'to'. */
struct span tls_conn_sni(const struct tls_conn *conn);

/* Channel binding data for SCRAM -PLUS, after the handshake:
 * - TLS_CB_EXPORTER: RFC 9266 §2, the exporter with label "EXPORTER-Channel-Binding",
 *   a zero-length context, 32 bytes. On TLS 1.2 only when the extended master
 *   secret (RFC 7627) was negotiated; otherwise TLS_E_UNAVAILABLE (RFC 9266 §3).
 * - TLS_CB_SERVER_END_POINT: RFC 5929 §4.1, the hash of this server's certificate
 *   with the hash of its signature algorithm, SHA-256 when that is MD5 or SHA-1.
 *   TLS_E_UNAVAILABLE when the signature uses no single hash (Ed25519, Ed448).
 * TLS_E_INVALID before the handshake or when cap is too small. */
enum tls_status tls_conn_channel_binding(struct tls_conn *conn, enum tls_cb_type type,
					 uint8_t *out, size_t cap, size_t *len)
	__attribute__((warn_unused_result));

#endif
