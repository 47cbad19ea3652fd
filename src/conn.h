/* conn.h - one client TCP connection: the socket, TLS when negotiated, and the
 * stream on top. The stream never touches the socket: this module reads, feeds
 * plaintext in, and writes what the stream queued - once per loop turn, so all
 * the bytes of a turn leave in one write().
 *
 * Ownership: the server creates connections (conn_new) and owns them; a
 * connection frees itself at the end of the turn in which it closed, after
 * telling the server (server_conn_closed). The fd is owned from conn_new on. */
#ifndef XMPPD_CONN_H
#define XMPPD_CONN_H

#include <stdbool.h>

#include "router.h"
#include "server.h"
#include "span.h"
#include "stream.h"

struct conn *conn_new(struct server *srv, int fd, bool direct_tls, const char *ip, const char *peer)
	__attribute__((warn_unused_result));
/* Immediate teardown (server_free): no goodbye is sent. */
void conn_destroy(struct conn *c);

struct stream *conn_stream(struct conn *c);
const char *conn_peer(const struct conn *c); /* "[ip]:port", for logs */
const char *conn_ip(const struct conn *c);
/* Bytes for the peer, written at the end of this turn. */
void conn_send(struct conn *c, struct span bytes);

/* The IM session of a bound stream (NULL before binding and after it ended),
 * and how the session reaches this connection. */
struct session *conn_session(const struct conn *c);
void conn_set_session(struct conn *c, struct session *s);
struct session_io conn_session_io(struct conn *c);

/* The server's intrusive list of connections. */
struct conn *conn_next(const struct conn *c);
void conn_link(struct conn **head, struct conn *c);
void conn_unlink(struct conn **head, struct conn *c);

#endif
