/* server.c - listeners, the connection list and the bound-resource registry.
 * Ownership: server.h. */
/* accept4() and SOCK_NONBLOCK are Linux (and BSD) extensions. */
#define _GNU_SOURCE /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sodium.h>

#include "account.h"
#include "buf.h"
#include "conn.h"
#include "counts.h"
#include "xml_write.h"

#define LISTENERS_MAX (2 * CONFIG_ADDRESSES_MAX)

struct listener {
	struct server *srv;
	int fd;
	bool direct_tls;
};

struct server {
	struct server_deps deps;
	struct stream_settings settings;
	struct listener listeners[LISTENERS_MAX];
	size_t listener_count;
	struct conn *conns;
	size_t conn_count;
	struct im *im;               /* sessions, routing, RFC 6121 */
	struct counts *auth_failures; /* "a:<ip>" and "u:<hash of username>", windowed */
	struct counts *per_ip;        /* "c:<ip>": open connections */
	/* "r:<ip>": in-band registrations in the last im.register_interval; NULL
	 * when registration is off or unlimited */
	struct counts *registrations;
	bool shutting_down;
	uint64_t conns_accepted; /* numbers connections in the protocol trace */
};

const struct server_deps *server_deps(const struct server *srv)
{
	return &srv->deps;
}

uint64_t server_new_conn_id(struct server *srv)
{
	return ++srv->conns_accepted;
}

const struct stream_settings *server_stream_settings(const struct server *srv)
{
	return &srv->settings;
}

size_t server_connection_count(const struct server *srv)
{
	return srv->conn_count;
}

/* ---------- bound resources ---------- */

enum stream_bind_result server_bind(struct server *srv, struct conn *c, struct span jid)
{
	struct session_io io = conn_session_io(c);
	struct session *s = NULL;
	enum stream_bind_result r = im_bind(srv->im, jid, &io, conn_ip(c), &s);
	if (r == STREAM_BIND_OK)
		conn_set_session(c, s);
	return r;
}

static void unbind(struct server *srv, struct conn *c)
{
	if (conn_session(c) != NULL)
		im_unbind(srv->im, conn_session(c));
	conn_set_session(c, NULL);
}

static struct span key(char *buf, size_t cap, char kind, const char *ip)
{
	int n = snprintf(buf, cap, "%c:%s", kind, ip);
	return span_of(buf, n > 0 && (size_t)n < cap ? (size_t)n : 0);
}

/* Usernames may be 1023 bytes: their counters are keyed by a hash. */
static struct span user_key(uint8_t buf[2 + 16], struct span username)
{
	buf[0] = 'u';
	buf[1] = ':';
	crypto_generichash(buf + 2, 16, username.ptr, username.len, NULL, 0);
	return span_of(buf, 18);
}

bool server_auth_allowed(struct server *srv, const char *ip, struct span username)
{
	char ak[COUNTS_KEY_MAX + 1];
	uint8_t uk[18];
	uint64_t now = loop_now_ms(srv->deps.loop);
	uint32_t max = srv->deps.cfg->sasl.throttle_failures;
	return counts_get(srv->auth_failures, key(ak, sizeof ak, 'a', ip), now) < max &&
	       counts_get(srv->auth_failures, user_key(uk, username), now) < max;
}

void server_auth_failed(struct server *srv, const char *ip, struct span username)
{
	char ak[COUNTS_KEY_MAX + 1];
	uint8_t uk[18];
	uint64_t now = loop_now_ms(srv->deps.loop);
	/* A full table forgets the oldest failures: throttling degrades, never blocks. */
	if (!counts_add(srv->auth_failures, key(ak, sizeof ak, 'a', ip), 1, now) ||
	    !counts_add(srv->auth_failures, user_key(uk, username), 1, now))
		log_line(srv->deps.log, CONFIG_LOG_WARN, "login throttling table full");
}

/* XEP-0077 §3.1.1: "Depending on local service provisioning", a server may limit
 * registrations; here one successful registration per address per
 * im.register_interval, counted like failed logins (counts.h). Refused
 * attempts and conflicts do not count. */
enum stream_register server_register(struct server *srv, struct conn *c, struct span username, struct span password)
{
	char k[COUNTS_KEY_MAX + 1];
	struct span rk = key(k, sizeof k, 'r', conn_ip(c));
	uint64_t now = loop_now_ms(srv->deps.loop);
	if (srv->registrations != NULL && counts_get(srv->registrations, rk, now) > 0) {
		log_line(srv->deps.log, CONFIG_LOG_INFO, "%s: registration refused: one per %u s per address",
			 conn_peer(c), srv->deps.cfg->im.register_interval);
		return STREAM_REGISTER_THROTTLED;
	}
	struct credentials creds;
	if (!account_credentials_create(password, srv->deps.cfg->sasl.scram_iterations, &creds)) {
		log_line(srv->deps.log, CONFIG_LOG_ERROR, "%s: registration: deriving SCRAM keys failed", conn_peer(c));
		return STREAM_REGISTER_ERROR;
	}
	enum store_status st = store_account_create(srv->deps.store, username, &creds);
	sodium_memzero(&creds, sizeof creds);
	if (st == STORE_E_EXISTS)
		return STREAM_REGISTER_CONFLICT;
	if (st != STORE_OK) {
		log_line(srv->deps.log, CONFIG_LOG_ERROR, "%s: registration: account store: %s", conn_peer(c),
			 store_last_error(srv->deps.store));
		return STREAM_REGISTER_ERROR;
	}
	log_line(srv->deps.log, CONFIG_LOG_INFO, "%s: registered %.*s (XEP-0077)", conn_peer(c), (int)username.len,
		 (const char *)username.ptr);
	/* A full table forgets the oldest registrations: the limit degrades, never blocks. */
	if (srv->registrations != NULL && !counts_add(srv->registrations, rk, 1, now))
		log_line(srv->deps.log, CONFIG_LOG_WARN, "registration limit table full");
	return STREAM_REGISTER_OK;
}

void server_conn_draining(struct server *srv, struct conn *c)
{
	unbind(srv, c);
}

void server_conn_closed(struct server *srv, struct conn *c)
{
	char k[COUNTS_KEY_MAX + 1];
	log_line(srv->deps.log, CONFIG_LOG_INFO, "%s: closed", conn_peer(c));
	if (!counts_add(srv->per_ip, key(k, sizeof k, 'c', conn_ip(c)), -1, 0))
		log_line(srv->deps.log, CONFIG_LOG_ERROR, "%s: connection count lost", conn_peer(c));
	unbind(srv, c);
	conn_unlink(&srv->conns, c);
	srv->conn_count--;
	if (srv->shutting_down && srv->conn_count == 0)
		loop_stop(srv->deps.loop);
}

/* ---------- stanzas ---------- */

void server_stanza(struct server *srv, struct conn *c, const struct xml_node *n)
{
	if (conn_session(c) != NULL)
		im_stanza(srv->im, conn_session(c), n);
}

/* ---------- listeners ---------- */

static void on_accept(struct loop *loop, int fd, unsigned events, void *ctx);

static bool open_listener(struct server *srv, const char *address, uint16_t port, bool direct, char *err,
			  size_t cap)
{
	struct sockaddr_storage ss;
	socklen_t len;
	memset(&ss, 0, sizeof ss);
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, address, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons(port);
		len = sizeof *v4;
	} else if (inet_pton(AF_INET6, address, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons(port);
		len = sizeof *v6;
	} else {
		(void)snprintf(err, cap, "c2s: '%s' is not an IP address", address);
		return false;
	}
	int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    (ss.ss_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0) ||
	    bind(fd, (struct sockaddr *)&ss, len) != 0 || listen(fd, 511) != 0) {
		(void)snprintf(err, cap, "c2s: cannot listen on %s port %u: %s", address, port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return false;
	}
	struct listener *l = &srv->listeners[srv->listener_count];
	if (loop_watch(srv->deps.loop, fd, LOOP_READ, on_accept, l) != LOOP_OK) {
		(void)snprintf(err, cap, "c2s: cannot watch the listener on %s port %u", address, port);
		close(fd);
		return false;
	}
	l->srv = srv;
	l->fd = fd;
	l->direct_tls = direct;
	srv->listener_count++;
	log_line(srv->deps.log, CONFIG_LOG_INFO, "listening on %s port %u (%s)", address, port,
		 direct ? "Direct TLS, XEP-0368" : "STARTTLS");
	return true;
}

static void on_accept(struct loop *loop, int fd, unsigned events, void *ctx)
{
	struct listener *l = ctx;
	struct server *srv = l->srv;
	(void)loop;
	(void)events;
	for (int i = 0; i < 64; i++) {
		struct sockaddr_storage ss;
		memset(&ss, 0, sizeof ss);
		socklen_t len = sizeof ss;
		int cfd = accept4(fd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (cfd < 0)
			return;
		char host[INET6_ADDRSTRLEN] = "?", peer[64];
		uint16_t port = 0;
		if (ss.ss_family == AF_INET) {
			inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
			port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		} else if (ss.ss_family == AF_INET6) {
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
			port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
		}
		(void)snprintf(peer, sizeof peer, "[%s]:%u", host, port);
		char k[COUNTS_KEY_MAX + 1];
		struct span ipk = key(k, sizeof k, 'c', host);
		if (srv->shutting_down || srv->conn_count >= srv->deps.cfg->limits.connections_max ||
		    counts_get(srv->per_ip, ipk, 0) >= srv->deps.cfg->limits.connections_per_ip_max ||
		    !counts_add(srv->per_ip, ipk, 1, 0)) {
			log_line(srv->deps.log, CONFIG_LOG_WARN, "%s: refused (connection limit)", peer);
			close(cfd);
			continue;
		}
		struct conn *c = conn_new(srv, cfd, l->direct_tls, host, peer);
		if (c == NULL) {
			if (!counts_add(srv->per_ip, ipk, -1, 0))
				log_line(srv->deps.log, CONFIG_LOG_ERROR, "%s: connection count lost", peer);
			log_line(srv->deps.log, CONFIG_LOG_ERROR, "%s: out of memory", peer);
			continue;
		}
		conn_link(&srv->conns, c);
		srv->conn_count++;
		log_line(srv->deps.log, CONFIG_LOG_INFO, "%s: connected%s", peer, l->direct_tls ? " (Direct TLS)" : "");
	}
}

/* ---------- lifetime ---------- */

static void settings_from_config(struct server *srv)
{
	const struct config *cfg = srv->deps.cfg;
	struct stream_settings *st = &srv->settings;
	memset(st, 0, sizeof *st);
	st->domain = span_of(cfg->server.domain, strlen(cfg->server.domain));
	st->tls_required = cfg->tls.require;
	for (size_t i = 0; i < cfg->sasl.mechanism_count; i++)
		st->mechanisms[i] = cfg->sasl.mechanisms[i];
	st->mechanism_count = cfg->sasl.mechanism_count;
	st->max_auth_attempts = cfg->sasl.max_auth_attempts;
	st->max_bind_attempts = cfg->bind_attempts_max;
	st->register_enabled = cfg->im.register_enabled;
	st->conflict = cfg->resource_conflict;
	st->scram_iterations = cfg->sasl.scram_iterations;
	memcpy(st->unknown_user_secret, srv->deps.secret, SCRAM_SECRET_LEN);
	st->xml = cfg->xml;
	st->features_authed = im_stream_features();
}

struct server *server_new(const struct server_deps *deps, char *err, size_t err_cap)
{
	struct server *srv = mem_alloc(deps->mem, sizeof *srv);
	if (srv == NULL) {
		(void)snprintf(err, err_cap, "out of memory");
		return NULL;
	}
	memset(srv, 0, sizeof *srv);
	srv->deps = *deps;
	settings_from_config(srv);
	const struct config *cfg = deps->cfg;
	srv->auth_failures = counts_new(deps->mem, 4096, (uint64_t)cfg->sasl.throttle_window * 1000);
	srv->per_ip = counts_new(deps->mem, cfg->limits.connections_max, 0);
	struct im_deps im_deps = { deps->mem, deps->loop, deps->cfg, deps->store, deps->log };
	srv->im = im_new(&im_deps);
	if (cfg->im.register_enabled && cfg->im.register_interval > 0)
		srv->registrations = counts_new(deps->mem, 4096, (uint64_t)cfg->im.register_interval * 1000);
	if (srv->auth_failures == NULL || srv->per_ip == NULL || srv->im == NULL ||
	    (cfg->im.register_enabled && cfg->im.register_interval > 0 && srv->registrations == NULL)) {
		(void)snprintf(err, err_cap, "out of memory");
		server_free(srv);
		return NULL;
	}
	const struct config_c2s *c2s = &deps->cfg->c2s;
	for (size_t i = 0; i < c2s->address_count; i++) {
		if (!open_listener(srv, c2s->addresses[i], c2s->port, false, err, err_cap) ||
		    (c2s->direct_tls && !open_listener(srv, c2s->addresses[i], c2s->direct_tls_port, true, err, err_cap))) {
			server_free(srv);
			return NULL;
		}
	}
	return srv;
}

static void close_listeners(struct server *srv)
{
	for (size_t i = 0; i < srv->listener_count; i++) {
		loop_unwatch(srv->deps.loop, srv->listeners[i].fd);
		close(srv->listeners[i].fd);
	}
	srv->listener_count = 0;
}

void server_shutdown(struct server *srv)
{
	srv->shutting_down = true;
	close_listeners(srv);
	for (struct conn *c = srv->conns; c != NULL; c = conn_next(c))
		stream_terminate(conn_stream(c), "system-shutdown",
				 "RFC 6120 §4.9.3.20: the server is shutting down");
	if (srv->conn_count == 0)
		loop_stop(srv->deps.loop);
}

void server_free(struct server *srv)
{
	if (srv == NULL)
		return;
	close_listeners(srv);
	while (srv->conns != NULL) {
		struct conn *c = srv->conns;
		conn_set_session(c, NULL); /* no goodbyes: im_free() drops every session */
		conn_unlink(&srv->conns, c);
		conn_destroy(c);
	}
	im_free(srv->im);
	counts_free(srv->auth_failures);
	counts_free(srv->per_ip);
	counts_free(srv->registrations);
	sodium_memzero(srv->settings.unknown_user_secret, SCRAM_SECRET_LEN);
	mem_release(srv->deps.mem, srv);
}
