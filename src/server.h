/* server.h - the client-to-server service: listeners, connections, and the
 * registry of bound resources (RFC 6120 §7.7.2.2 conflicts).
 *
 * Ownership: server_new() allocates the server through deps->mem; everything in
 * deps (loop, config, store, TLS context, logger, secret) is borrowed and must
 * outlive it. The server owns its listening sockets and every connection;
 * server_free() closes them all at once (no goodbye: call server_shutdown() and
 * run the loop until server_connection_count() is 0 for a polite stop). */
#ifndef XMPPD_SERVER_H
#define XMPPD_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "im.h"
#include "log.h"
#include "loop.h"
#include "mem.h"
#include "scram.h"
#include "store.h"
#include "stream.h"
#include "tls.h"

struct server_deps {
	const struct mem *mem;
	struct loop *loop;
	const struct config *cfg;
	struct store *store;
	struct tls_context *tls;
	const struct logger *log;
	uint8_t secret[SCRAM_SECRET_LEN]; /* behind unknown-user SCRAM salts (copied) */
};

struct server;
struct conn;

/* Opens the listeners named by the config. NULL with `err` filled on failure. */
struct server *server_new(const struct server_deps *deps, char *err, size_t err_cap)
	__attribute__((warn_unused_result));
void server_free(struct server *srv);

/* Stop accepting; send <system-shutdown/> to every stream (RFC 6120 §4.9.3.20). */
void server_shutdown(struct server *srv);
size_t server_connection_count(const struct server *srv);

/* ---- for src/conn.c ---- */
const struct server_deps *server_deps(const struct server *srv);
const struct stream_settings *server_stream_settings(const struct server *srv);
void server_conn_closed(struct server *srv, struct conn *c);
/* A new connection's number, for the protocol trace (1, 2, ...). */
uint64_t server_new_conn_id(struct server *srv);
/* The connection's stream is closed on our side and waits for the peer's end
 * (RFC 6120 §4.4): its session, if any, ends now. */
void server_conn_draining(struct server *srv, struct conn *c);
enum stream_bind_result server_bind(struct server *srv, struct conn *c, struct span jid);
/* Login throttling per address and per account (RFC 6120 §6.4.5, §13.9). */
bool server_auth_allowed(struct server *srv, const char *ip, struct span username);
void server_auth_failed(struct server *srv, const char *ip, struct span username);
/* XEP-0077 §3.1 in-band registration from this connection (io.register_account):
 * the per-address limit (im.register_interval), SCRAM keys, the store. */
enum stream_register server_register(struct server *srv, struct conn *c, struct span username,
				     struct span password);
/* A stanza from a bound client; answers what the server answers itself. */
void server_stanza(struct server *srv, struct conn *c, const struct xml_node *stanza);

#endif
