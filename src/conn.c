/* conn.c - one client connection. Ownership: conn.h. */
#include "conn.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "buf.h"
#include "trace.h"

#define READ_CHUNK 16384
/* Stop reading from a peer whose outgoing bytes pile up (it does not read). */
#define WIRE_BACKLOG_MAX (4u << 20)
/* RFC 6120 §4.4: how long a stream the server closed waits for the peer's own
 * closing tag (or the end of its connection) before the socket is closed. */
#define CLOSE_WAIT_MS 2000

struct conn {
	struct conn *prev, *next;
	struct server *srv;
	int fd;
	bool direct_tls;
	bool closing;        /* the stream is over: flush, then close */
	bool draining;       /* our side is closed; waiting for the peer's (RFC 6120 §4.4) */
	bool tls_peer_closed; /* the peer's close_notify came */
	bool dead;           /* the socket failed: close without flushing */
	bool reading_paused; /* backpressure */
	struct tls_conn *tls;
	struct tls_conn *tls_next; /* made on <starttls/>, installed after <proceed/> */
	struct stream *stream;
	struct buf plain;    /* queued plaintext for the peer, this turn */
	struct buf wire;     /* bytes for the socket (ciphertext under TLS) */
	struct loop_deferred flush_node;
	uint64_t timer;
	uint64_t resume_timer;  /* set while reading is paused by the rate limit */
	uint64_t last_input_ms;
	uint64_t budget_ms;     /* when read_budget was last refilled */
	int64_t read_budget;    /* bytes this connection may still read now */
	bool bound_logged;
	bool ping_outstanding;  /* an XEP-0199 ping was sent; any input answers it */
	uint32_t pings_sent;
	struct session *session; /* owned by the IM service */
	struct trace trace;      /* borrowed by the stream and the session */
	char ip[48];
	char peer[64];
};

static void conn_schedule(struct conn *c);

/* ---------- stream_io ---------- */

static void io_send(void *ctx, struct span bytes)
{
	struct conn *c = ctx;
	if (!buf_append_span(&c->plain, bytes))
		c->dead = true;
	conn_schedule(c);
}

/* The TLS session is made before <proceed/> is sent, so that failing to make
 * it is a <failure/> (RFC 6120 §5.4.2.2); feed_plain() installs it once
 * <proceed/> has gone out in the clear. */
static bool io_start_tls(void *ctx)
{
	struct conn *c = ctx;
	c->tls_next = tls_conn_new(server_deps(c->srv)->tls, server_deps(c->srv)->mem);
	return c->tls_next != NULL;
}

static void io_close(void *ctx)
{
	struct conn *c = ctx;
	c->closing = true;
	conn_schedule(c);
}

static enum stream_lookup io_lookup(void *ctx, struct span username, struct credentials *out)
{
	struct conn *c = ctx;
	enum store_status st = store_account_get(server_deps(c->srv)->store, username, out);
	if (st == STORE_OK)
		return STREAM_LOOKUP_FOUND;
	if (st == STORE_E_NOT_FOUND)
		return STREAM_LOOKUP_NOT_FOUND;
	log_line(server_deps(c->srv)->log, CONFIG_LOG_ERROR, "%s: account store: %s", c->peer,
		 store_last_error(server_deps(c->srv)->store));
	return STREAM_LOOKUP_ERROR;
}

static enum stream_bind_result io_bind(void *ctx, struct span jid)
{
	struct conn *c = ctx;
	return server_bind(c->srv, c, jid);
}

static void io_deliver(void *ctx, const struct xml_node *stanza)
{
	struct conn *c = ctx;
	server_stanza(c->srv, c, stanza);
}

/* Through the stream: it traces, and sends nothing after its closing tag. */
static void sio_send(void *ctx, struct span bytes)
{
	struct conn *c = ctx;
	stream_send(c->stream, bytes);
}

static void sio_terminate(void *ctx, const char *condition, const char *text)
{
	struct conn *c = ctx;
	stream_terminate(c->stream, condition, text);
}

static void sio_unbound(void *ctx)
{
	struct conn *c = ctx;
	c->session = NULL;
}

struct session_io conn_session_io(struct conn *c)
{
	return (struct session_io){ c, sio_send, sio_terminate, sio_unbound, &c->trace };
}

struct session *conn_session(const struct conn *c)
{
	return c->session;
}

void conn_set_session(struct conn *c, struct session *s)
{
	c->session = s;
}

static bool io_auth_allowed(void *ctx, struct span username)
{
	struct conn *c = ctx;
	return server_auth_allowed(c->srv, c->ip, username);
}

static void io_auth_failed(void *ctx, struct span username)
{
	struct conn *c = ctx;
	log_line(server_deps(c->srv)->log, CONFIG_LOG_INFO, "%s: authentication failed for %.*s", c->peer,
		 (int)username.len, (const char *)username.ptr);
	server_auth_failed(c->srv, c->ip, username);
}

static void io_authenticated(void *ctx, struct span username, const char *mechanism)
{
	struct conn *c = ctx;
	log_line(server_deps(c->srv)->log, CONFIG_LOG_INFO, "%s: authenticated %.*s with %s", c->peer,
		 (int)username.len, (const char *)username.ptr, mechanism);
}

static enum stream_register io_register_account(void *ctx, struct span username, struct span password)
{
	struct conn *c = ctx;
	return server_register(c->srv, c, username, password);
}

/* ---------- output ---------- */

static void close_now(struct conn *c)
{
	server_conn_closed(c->srv, c);
	conn_destroy(c);
}

/* Moves this turn's plaintext to the wire (through TLS once it is up). */
static bool encode_plain(struct conn *c)
{
	if (c->plain.len == 0)
		return true;
	if (c->tls == NULL) {
		bool ok = buf_append_span(&c->wire, buf_span(&c->plain));
		buf_clear(&c->plain);
		return ok;
	}
	if (!tls_conn_handshake_done(c->tls))
		return true; /* held until the handshake completes */
	size_t accepted;
	if (tls_conn_write_plaintext(c->tls, c->plain.data, c->plain.len, &accepted) != TLS_OK)
		return false;
	buf_clear(&c->plain);
	return tls_conn_take_ciphertext(c->tls, &c->wire) == TLS_OK;
}

static bool write_wire(struct conn *c)
{
	if (c->wire.len == 0)
		return true;
	size_t off = 0;
	while (off < c->wire.len) {
		ssize_t n = write(c->fd, c->wire.data + off, c->wire.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0)
			return false;
		off += (size_t)n;
	}
	memmove(c->wire.data, c->wire.data + off, c->wire.len - off);
	c->wire.len -= off;
	if (c->wire.len == 0)
		buf_free(&c->wire); /* idle connections hold no output buffer */
	return true;
}

static void update_interest(struct conn *c)
{
	unsigned events = c->wire.len > 0 ? LOOP_WRITE : 0;
	c->reading_paused = c->wire.len > WIRE_BACKLOG_MAX;
	if (!c->reading_paused && (!c->closing || c->draining) && c->resume_timer == 0)
		events |= LOOP_READ;
	if (loop_modify(server_deps(c->srv)->loop, c->fd, events) != LOOP_OK) {
		c->dead = true;
		conn_schedule(c);
	}
}

/* RFC 6120 §4.4: the side that closes its stream first sends nothing more
 * (our close_notify, then a half-close of the socket), reads on, and ends the
 * TCP connection only after the peer's closing tag, its close_notify or its
 * end of the connection, or CLOSE_WAIT_MS. What it sends meanwhile is read and
 * dropped: every close the server starts ends a failed or finished stream.
 * False when waiting is not possible: close at once. */
static bool start_draining(struct conn *c)
{
	/* The peer closed first: our closing tag answers it, nothing to wait for. */
	if (c->tls_peer_closed || stream_peer_closed(c->stream))
		return false;
	if (c->tls != NULL && tls_conn_shutdown(c->tls) == TLS_OK &&
	    tls_conn_take_ciphertext(c->tls, &c->wire) == TLS_OK)
		(void)write_wire(c); /* close_notify */
	if (c->wire.len > 0 || shutdown(c->fd, SHUT_WR) != 0 ||
	    loop_timer_reset(server_deps(c->srv)->loop, c->timer, CLOSE_WAIT_MS) != LOOP_OK)
		return false;
	c->draining = true;
	server_conn_draining(c->srv, c); /* the session ends now, not when the peer is done */
	return true;
}

static bool contains_closing_tag(const uint8_t *bytes, size_t len)
{
	static const char tag[] = "</stream:stream>";
	for (size_t i = 0; i + sizeof tag - 1 <= len; i++) {
		if (memcmp(bytes + i, tag, sizeof tag - 1) == 0)
			return true;
	}
	return false;
}

/* Input after our side closed: the peer's closing tag or close_notify ends the
 * wait (c->dead: the socket is closed at the end of the turn). */
static void drain(struct conn *c, const uint8_t *bytes, size_t len)
{
	if (c->tls == NULL) {
		if (contains_closing_tag(bytes, len))
			c->dead = true;
		return;
	}
	if (tls_conn_feed_ciphertext(c->tls, bytes, len) != TLS_OK) {
		c->dead = true;
		return;
	}
	uint8_t plain[READ_CHUNK];
	size_t n = 0;
	enum tls_status st;
	while ((st = tls_conn_read_plaintext(c->tls, plain, sizeof plain, &n)) == TLS_OK && n > 0) {
		if (contains_closing_tag(plain, n))
			c->dead = true;
	}
	if (st != TLS_OK && st != TLS_WANT_MORE)
		c->dead = true; /* TLS_CLOSED: the peer's close_notify */
}

static void flush(struct loop *loop, void *ctx)
{
	struct conn *c = ctx;
	(void)loop;
	if (!c->dead && (!encode_plain(c) || !write_wire(c)))
		c->dead = true;
	if (c->dead || (c->closing && c->wire.len == 0 && c->plain.len == 0 && !c->draining && !start_draining(c))) {
		close_now(c);
		return;
	}
	/* Idle connections hold no buffers: the next bytes allocate again. */
	if (c->plain.len == 0)
		buf_free(&c->plain);
	stream_trim(c->stream);
	update_interest(c);
}

static void conn_schedule(struct conn *c)
{
	loop_defer(server_deps(c->srv)->loop, &c->flush_node, flush, c);
}

void conn_send(struct conn *c, struct span bytes)
{
	stream_send(c->stream, bytes);
}

/* ---------- input ---------- */

static void feed_plain(struct conn *c, const uint8_t *bytes, size_t len)
{
	size_t used;
	enum stream_status st = stream_input(c->stream, bytes, len, &used);
	if (st == STREAM_E_NOMEM) {
		c->dead = true;
		return;
	}
	if (st != STREAM_TLS || c->tls_next == NULL)
		return;
	/* Bytes after <starttls/> in the same read were sent before the client could
	 * have seen <proceed/>: never a ClientHello, possibly injected plaintext
	 * (the CVE-2011-0411 class). Neither TLS nor the next stream may see them. */
	if (used < len) {
		log_line(server_deps(c->srv)->log, CONFIG_LOG_WARN,
			 "%s: %zu bytes pipelined after <starttls/>: closing (RFC 6120 §5.4.3.3)", c->peer,
			 len - used);
		c->dead = true;
		return;
	}
	/* <proceed/> leaves in plaintext; everything after it is TLS. */
	bool ok = encode_plain(c);
	c->tls = c->tls_next;
	c->tls_next = NULL;
	if (!ok)
		c->dead = true;
}

static void tls_ready(struct conn *c)
{
	uint8_t data[SCRAM_CB_TYPE_COUNT][TLS_CB_DATA_MAX];
	struct span cb[SCRAM_CB_TYPE_COUNT];
	static const enum tls_cb_type types[SCRAM_CB_TYPE_COUNT] = {
		[SCRAM_CB_TLS_EXPORTER] = TLS_CB_EXPORTER,
		[SCRAM_CB_TLS_SERVER_END_POINT] = TLS_CB_SERVER_END_POINT,
	};
	/* Channel binding (and so -PLUS) only on TLS 1.3, where tls-exporter is the
	 * default type (RFC 9266 §3). On TLS 1.2 RFC 5802 §6 would require tls-unique,
	 * which this server does not implement: it offers no -PLUS there instead. */
	bool tls13 = strcmp(tls_conn_protocol_name(c->tls), "TLSv1.3") == 0;
	for (int t = 0; t < SCRAM_CB_TYPE_COUNT; t++) {
		size_t n = 0;
		if (!tls13 || tls_conn_channel_binding(c->tls, types[t], data[t], sizeof data[t], &n) != TLS_OK)
			n = 0;
		cb[t] = span_of(data[t], n);
	}
	log_line(server_deps(c->srv)->log, CONFIG_LOG_INFO, "%s: %s %s", c->peer,
		 tls_conn_protocol_name(c->tls), tls_conn_cipher_name(c->tls));
	stream_tls_established(c->stream, cb);
}

static void feed_tls(struct conn *c, const uint8_t *bytes, size_t len)
{
	if (tls_conn_feed_ciphertext(c->tls, bytes, len) != TLS_OK) {
		c->dead = true;
		return;
	}
	bool was_done = tls_conn_handshake_done(c->tls);
	enum tls_status st = tls_conn_handshake(c->tls);
	if (!was_done && st == TLS_OK)
		tls_ready(c);
	uint8_t plain[READ_CHUNK];
	while (st == TLS_OK && !c->dead) {
		size_t n;
		st = tls_conn_read_plaintext(c->tls, plain, sizeof plain, &n);
		if (st == TLS_OK && n > 0)
			feed_plain(c, plain, n);
	}
	if (st == TLS_CLOSED) {
		c->closing = true;
		c->tls_peer_closed = true;
	}
	else if (st != TLS_OK && st != TLS_WANT_MORE) {
		log_line(server_deps(c->srv)->log, CONFIG_LOG_INFO, "%s: TLS: %s", c->peer, tls_conn_error(c->tls));
		if (tls_conn_take_ciphertext(c->tls, &c->wire) == TLS_OK) /* the alert */
			(void)write_wire(c);
		c->dead = true;
	}
	if (!c->dead && tls_conn_wants_write(c->tls) && tls_conn_take_ciphertext(c->tls, &c->wire) != TLS_OK)
		c->dead = true;
}

/* limits.read_bytes_per_second: a token bucket holding at most one second's
 * worth. An empty bucket pauses reading (the kernel's buffer and then TCP flow
 * control hold the peer back) until a timer says enough time has passed. */
static void on_resume(struct loop *loop, uint64_t id, void *ctx)
{
	struct conn *c = ctx;
	(void)loop;
	(void)id;
	c->resume_timer = 0;
	conn_schedule(c); /* update_interest() turns reading back on */
}

static size_t read_allowance(struct conn *c)
{
	if (c->resume_timer != 0)
		return 0; /* already paused, waiting for on_resume */
	uint64_t rate = server_deps(c->srv)->cfg->limits.read_bytes_per_second;
	uint64_t now = loop_now_ms(server_deps(c->srv)->loop);
	c->read_budget += (int64_t)((now - c->budget_ms) * rate / 1000);
	c->budget_ms = now;
	if (c->read_budget > (int64_t)rate)
		c->read_budget = (int64_t)rate;
	if (c->read_budget > 0)
		return c->read_budget < READ_CHUNK ? (size_t)c->read_budget : READ_CHUNK;
	uint64_t wait_ms = rate > 0 ? (uint64_t)(1 - c->read_budget) * 1000 / rate + 1 : 1000;
	if (loop_timer_add(server_deps(c->srv)->loop, wait_ms, on_resume, c, &c->resume_timer) != LOOP_OK)
		c->dead = true;
	return 0;
}

static void on_readable(struct conn *c)
{
	uint8_t bytes[READ_CHUNK];
	size_t allowed = read_allowance(c);
	if (allowed == 0)
		return; /* paused; update_interest() drops LOOP_READ */
	ssize_t n = read(c->fd, bytes, allowed);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (n <= 0) {
		c->dead = true; /* the peer went away without closing the stream */
		return;
	}
	if (c->draining) {
		drain(c, bytes, (size_t)n);
		return;
	}
	c->last_input_ms = loop_now_ms(server_deps(c->srv)->loop);
	c->read_budget -= n;
	c->ping_outstanding = false;
	if (c->tls != NULL)
		feed_tls(c, bytes, (size_t)n);
	else
		feed_plain(c, bytes, (size_t)n);
	if (!c->bound_logged && stream_is_bound(c->stream)) {
		struct span jid = stream_jid(c->stream);
		log_line(server_deps(c->srv)->log, CONFIG_LOG_INFO, "%s: bound %.*s", c->peer, (int)jid.len,
			 (const char *)jid.ptr);
		c->bound_logged = true;
	}
}

static void on_io(struct loop *loop, int fd, unsigned events, void *ctx)
{
	struct conn *c = ctx;
	(void)loop;
	(void)fd;
	if (events & LOOP_READ)
		on_readable(c);
	conn_schedule(c); /* writes (and closes) happen once, at the end of the turn */
}

/* One timer per connection: the negotiation deadline, then silence checks:
 * a whitespace keepalive (RFC 6120 §4.6.1), an XEP-0199 ping, and the timeout
 * when even the ping brought nothing back. */
static void on_timer(struct loop *loop, uint64_t id, void *ctx)
{
	struct conn *c = ctx;
	(void)id;
	if (c->draining) { /* the peer never closed its stream (RFC 6120 §4.4) */
		c->dead = true;
		conn_schedule(c);
		return;
	}
	const struct config_limits *lim = &server_deps(c->srv)->cfg->limits;
	uint64_t now = loop_now_ms(loop), silent = now - c->last_input_ms;
	if (!stream_is_bound(c->stream) || c->ping_outstanding) {
		stream_timeout(c->stream);
		return;
	}
	if (silent >= (uint64_t)lim->idle_timeout * 1000) {
		stream_idle(c->stream);
		return;
	}
	uint64_t next = lim->idle_timeout * 1000ull - silent;
	if (lim->ping_interval > 0 && silent >= (uint64_t)lim->ping_interval * 1000) {
		char ping_id[32];
		struct buf ping;
		buf_init(&ping, server_deps(c->srv)->mem);
		const char *domain = server_deps(c->srv)->cfg->server.domain;
		int n = snprintf(ping_id, sizeof ping_id, "%u", ++c->pings_sent);
		/* XEP-0199 §4.1: from the server itself, so from its domain (RFC 6120
		 * §8.1.2.1); one send, so the protocol trace shows it as one element. */
		if (n > 0 && (size_t)n < sizeof ping_id && buf_append_str(&ping, "<iq type='get' id='xmppd-ping-") &&
		    buf_append(&ping, ping_id, (size_t)n) && buf_append_str(&ping, "' from='") &&
		    buf_append_str(&ping, domain) && buf_append_str(&ping, "' to='") &&
		    buf_append_span(&ping, stream_jid(c->stream)) &&
		    buf_append_str(&ping, "'><ping xmlns='urn:xmpp:ping'/></iq>")) {
			conn_send(c, buf_span(&ping));
			c->ping_outstanding = true;
			next = lim->ping_timeout * 1000ull;
		}
		buf_free(&ping);
	} else if (lim->keepalive_interval > 0 && silent >= (uint64_t)lim->keepalive_interval * 1000) {
		conn_send(c, SPAN_LIT(" "));
	}
	if (lim->keepalive_interval > 0 && next > lim->keepalive_interval * 1000ull)
		next = lim->keepalive_interval * 1000ull;
	if (lim->ping_interval > 0 && !c->ping_outstanding && next > lim->ping_interval * 1000ull - silent % (lim->ping_interval * 1000ull))
		next = lim->ping_interval * 1000ull - silent % (lim->ping_interval * 1000ull);
	if (loop_timer_reset(loop, c->timer, next == 0 ? 1 : next) != LOOP_OK)
		stream_timeout(c->stream); /* cannot happen for a live timer; end cleanly anyway */
}

/* ---------- lifetime ---------- */

static const struct stream_io conn_io_template = {
	NULL, io_send, io_start_tls, io_close, io_lookup, io_bind, io_deliver,
	io_auth_allowed, io_auth_failed, io_authenticated, io_register_account, NULL,
};

struct conn *conn_new(struct server *srv, int fd, bool direct_tls, const char *ip, const char *peer)
{
	const struct server_deps *d = server_deps(srv);
	struct conn *c = mem_alloc(d->mem, sizeof *c);
	if (c == NULL) {
		close(fd);
		return NULL;
	}
	memset(c, 0, sizeof *c);
	c->srv = srv;
	c->fd = fd;
	c->direct_tls = direct_tls;
	buf_init(&c->plain, d->mem);
	buf_init(&c->wire, d->mem);
	loop_deferred_init(&c->flush_node);
	(void)snprintf(c->peer, sizeof c->peer, "%s", peer);
	(void)snprintf(c->ip, sizeof c->ip, "%s", ip);
	trace_init(&c->trace, d->log, &d->cfg->log, d->mem, server_new_conn_id(srv), ip);
	struct stream_io io = conn_io_template;
	io.ctx = c;
	io.trace = &c->trace;
	c->stream = stream_new(d->mem, server_stream_settings(srv), &io);
	c->last_input_ms = loop_now_ms(d->loop);
	c->budget_ms = c->last_input_ms;
	c->read_budget = d->cfg->limits.read_bytes_per_second; /* a full second to start */
	if (c->stream == NULL || (direct_tls && (c->tls = tls_conn_new(d->tls, d->mem)) == NULL) ||
	    loop_watch(d->loop, fd, LOOP_READ, on_io, c) != LOOP_OK) {
		c->fd = -1;
		close(fd);
		conn_destroy(c);
		return NULL;
	}
	if (loop_timer_add(d->loop, (uint64_t)d->cfg->limits.negotiation_timeout * 1000, on_timer, c,
			   &c->timer) != LOOP_OK) {
		conn_destroy(c);
		return NULL;
	}
	return c;
}

void conn_destroy(struct conn *c)
{
	const struct server_deps *d = server_deps(c->srv);
	loop_defer_cancel(d->loop, &c->flush_node);
	if (c->timer != 0)
		loop_timer_cancel(d->loop, c->timer);
	if (c->resume_timer != 0)
		loop_timer_cancel(d->loop, c->resume_timer);
	if (c->fd >= 0) {
		loop_unwatch(d->loop, c->fd);
		close(c->fd);
	}
	stream_free(c->stream);
	trace_free(&c->trace);
	tls_conn_free(c->tls);
	tls_conn_free(c->tls_next);
	buf_free(&c->plain);
	buf_free(&c->wire);
	mem_release(d->mem, c);
}

struct stream *conn_stream(struct conn *c)
{
	return c->stream;
}

const char *conn_peer(const struct conn *c)
{
	return c->peer;
}

const char *conn_ip(const struct conn *c)
{
	return c->ip;
}

struct conn *conn_next(const struct conn *c)
{
	return c->next;
}

void conn_link(struct conn **head, struct conn *c)
{
	c->prev = NULL;
	c->next = *head;
	if (*head != NULL)
		(*head)->prev = c;
	*head = c;
}

void conn_unlink(struct conn **head, struct conn *c)
{
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		*head = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	c->prev = c->next = NULL;
}
