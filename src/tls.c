/* tls.c - OpenSSL 3 behind a feed/take interface. Ownership and the driving
 * rule: see tls.h.
 *
 * The SSL object reads and writes through one BIO of our own method whose read
 * copies out of conn->in (the ciphertext fed) and whose write appends to conn->out
 * (the ciphertext to take). Neither a BIO pair nor memory BIOs: a pair allocates
 * two fixed 17 KiB buffers per connection up front, and memory BIOs keep their
 * high-water capacity; ours are struct bufs freed as soon as they drain, so an
 * idle connection holds no I/O buffer at all. Writes never block (the queue
 * grows), so OpenSSL never sees a retry on write; reads retry when conn->in is
 * drained, which SSL_get_error reports as SSL_ERROR_WANT_READ (TLS_WANT_MORE).
 *
 * Read-ahead stays off (the default): OpenSSL asks for a record header, then
 * exactly its body, so ciphertext beyond the current record stays in conn->in,
 * which is what lets a STARTTLS caller see what is left in the queue. */
#include "tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* TLS 1.2: forward secrecy (ECDHE) and AEAD only, the server's certificate type
 * picks ECDSA or RSA. TLS 1.3 keeps OpenSSL's default suites (all AEAD). */
#define TLS12_CIPHERS                                                       \
	"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"        \
	"ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"        \
	"ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
#define TLS_GROUPS "X25519:P-256:P-384"
/* Distinguishes our tickets from another application's sharing the library. */
#define SESSION_ID_CONTEXT "xmppd-c2s"
/* One ticket is enough: an XMPP client holds one connection at a time (the
 * default of two is for browsers opening connections in parallel). */
#define TICKETS_PER_HANDSHAKE 1
#define EXPORTER_LABEL "EXPORTER-Channel-Binding"

struct tls_context {
	SSL_CTX *ssl_ctx; /* what new connections get; each SSL holds its own reference */
	BIO_METHOD *bio_method;
	struct tls_context_options options;
	const struct mem *mem;
};

struct tls_conn {
	SSL *ssl;
	const struct mem *mem;
	struct buf in;         /* ciphertext fed and not yet read by OpenSSL */
	size_t in_consumed;    /* bytes at the front of `in` OpenSSL has read */
	struct buf out;        /* ciphertext OpenSSL wrote, not yet taken */
	uint8_t *sni;          /* from the ClientHello; NULL when none */
	size_t sni_len;
	char *error;           /* why it died; NULL while healthy */
	enum tls_status dead;  /* TLS_OK while healthy, else what every call returns */
	bool handshake_done;
	bool peer_closed;      /* close_notify received */
	bool shut;             /* close_notify queued */
	bool nomem;            /* our BIO or a callback failed to allocate */
	bool alert_seen;       /* the first fatal alert, for the error text */
	bool renegotiation_refused; /* we answered a renegotiation with no_renegotiation */
	bool alert_sent;
	int alert;             /* SSL_CB_ALERT's value: level << 8 | description */
};

static const char *const status_names[TLS_STATUS_COUNT] = {
	[TLS_OK] = "TLS_OK",
	[TLS_WANT_MORE] = "TLS_WANT_MORE",
	[TLS_CLOSED] = "TLS_CLOSED",
	[TLS_E_INVALID] = "TLS_E_INVALID",
	[TLS_E_UNAVAILABLE] = "TLS_E_UNAVAILABLE",
	[TLS_E_PROTOCOL] = "TLS_E_PROTOCOL",
	[TLS_E_NOMEM] = "TLS_E_NOMEM",
	[TLS_E_CONFIG] = "TLS_E_CONFIG",
};

static const char *const cb_type_names[TLS_CB_TYPE_COUNT] = {
	[TLS_CB_EXPORTER] = "tls-exporter",
	[TLS_CB_SERVER_END_POINT] = "tls-server-end-point",
};

const char *tls_status_name(enum tls_status s)
{
	return (unsigned)s < TLS_STATUS_COUNT ? status_names[s] : "TLS_E_UNKNOWN";
}

const char *tls_cb_type_name(enum tls_cb_type type)
{
	return (unsigned)type < TLS_CB_TYPE_COUNT ? cb_type_names[type] : "";
}

/* ---------- error text ---------- */

static void text_append(char *text, size_t cap, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Bounded append: a message cut at cap is still a message. */
static void text_append(char *text, size_t cap, size_t *used, const char *fmt, ...)
{
	if (cap == 0 || *used >= cap - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(text + *used, cap - *used, fmt, ap);
	va_end(ap);
	if (n < 0)
		text[*used] = '\0';
	else
		*used = (size_t)n < cap - *used ? *used + (size_t)n : cap - 1;
}

/* Drains OpenSSL's error queue into text after what is there, as "reason
 * (detail); reason"; true when one of them was an allocation failure. The queue
 * is per thread and outlives the call that filled it, so every failure path
 * drains it: a stale entry would be blamed on the next connection. */
static bool drain_errors(char *text, size_t cap, size_t *used)
{
	bool malloc_failed = false;
	size_t start = *used;
	const char *previous = "";
	const char *data = NULL;
	int flags = 0;
	unsigned long e;
	while ((e = ERR_get_error_all(NULL, NULL, NULL, &data, &flags)) != 0) {
		bool system = ERR_SYSTEM_ERROR(e);
		if (!system && ERR_GET_REASON(e) == ERR_R_MALLOC_FAILURE)
			malloc_failed = true;
		/* A system error's reason is errno, which OpenSSL 3 has no string for. */
		const char *reason = system ? strerror((int)ERR_GET_REASON(e)) : ERR_reason_error_string(e);
		bool has_data = (flags & ERR_TXT_STRING) != 0 && data != NULL && data[0] != '\0';
		if (reason == NULL)
			reason = "unknown reason";
		/* Each layer re-raises its callee's failure ("system lib" twice): once is enough. */
		if (!has_data && strcmp(reason, previous) == 0)
			continue;
		previous = reason;
		text_append(text, cap, used, "%s%s", *used > start ? "; " : "", reason);
		if (has_data)
			text_append(text, cap, used, " (%s)", data);
	}
	return malloc_failed;
}

/* ---------- the BIO between OpenSSL and our queues ---------- */

static struct tls_conn *conn_of_bio(BIO *bio)
{
	return bio != NULL ? BIO_get_data(bio) : NULL;
}

static struct tls_conn *conn_of(const SSL *ssl)
{
	return conn_of_bio(SSL_get_rbio(ssl));
}

static int bio_write(BIO *bio, const char *data, int len)
{
	struct tls_conn *conn = conn_of_bio(bio);
	BIO_clear_retry_flags(bio);
	if (len <= 0)
		return 0;
	if (!buf_append(&conn->out, data, (size_t)len)) {
		conn->nomem = true;
		return -1; /* no retry flag: SSL_ERROR_SYSCALL, mapped to TLS_E_NOMEM */
	}
	return len;
}

static int bio_read(BIO *bio, char *data, int len)
{
	struct tls_conn *conn = conn_of_bio(bio);
	BIO_clear_retry_flags(bio);
	size_t avail = conn->in.len - conn->in_consumed;
	if (len <= 0)
		return 0;
	if (avail == 0) {
		BIO_set_retry_read(bio);
		return -1;
	}
	size_t n = avail < (size_t)len ? avail : (size_t)len;
	memcpy(data, conn->in.data + conn->in_consumed, n);
	conn->in_consumed += n;
	return (int)n;
}

static long bio_ctrl(BIO *bio, int cmd, long num, void *ptr)
{
	(void)num;
	(void)ptr;
	struct tls_conn *conn = conn_of_bio(bio);
	switch (cmd) {
	case BIO_CTRL_FLUSH: /* OpenSSL flushes after each flight; ours is already queued */
		return 1;
	case BIO_CTRL_PENDING:
		return (long)(conn->in.len - conn->in_consumed);
	case BIO_CTRL_WPENDING:
		return (long)conn->out.len;
	default:
		return 0;
	}
}

/* ---------- callbacks (OpenSSL calls them during the handshake) ---------- */

/* RFC 7301 §3.2: select xmpp-client if offered; a client that offers ALPN but
 * not xmpp-client gets no_application_protocol. A client without ALPN (STARTTLS)
 * never reaches this function. */
static int on_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen,
		   const unsigned char *in, unsigned int inlen, void *arg)
{
	(void)ssl;
	(void)arg;
	static const char wanted[] = TLS_ALPN_XMPP_CLIENT;
	size_t wanted_len = sizeof wanted - 1;
	size_t i = 0;
	while (i < inlen) {
		size_t n = in[i];
		if (n == 0 || n > inlen - i - 1)
			break; /* OpenSSL checked the list already; never read past it anyway */
		if (n == wanted_len && memcmp(in + i + 1, wanted, wanted_len) == 0) {
			*out = in + i + 1;
			*outlen = (unsigned char)n;
			return SSL_TLSEXT_ERR_OK;
		}
		i += 1 + n;
	}
	return SSL_TLSEXT_ERR_ALERT_FATAL;
}

/* Records the name (it may come twice, after a HelloRetryRequest: keep the last). */
static int on_servername(SSL *ssl, int *alert, void *arg)
{
	(void)arg;
	struct tls_conn *conn = conn_of(ssl);
	const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
	if (name == NULL || conn == NULL)
		return SSL_TLSEXT_ERR_OK;
	size_t len = strlen(name);
	uint8_t *copy = mem_alloc(conn->mem, len + 1);
	if (copy == NULL) {
		conn->nomem = true;
		*alert = SSL_AD_INTERNAL_ERROR;
		return SSL_TLSEXT_ERR_ALERT_FATAL;
	}
	memcpy(copy, name, len + 1); /* the NUL too, though the span does not show it */
	mem_release(conn->mem, conn->sni);
	conn->sni = copy;
	conn->sni_len = len;
	return SSL_TLSEXT_ERR_OK;
}

/* Remembers the first fatal alert either way, for tls_conn_error(). */
static void on_info(const SSL *ssl, int where, int value)
{
	if ((where & SSL_CB_ALERT) != 0 && (where & SSL_CB_WRITE) != 0 && (value & 0xff) == SSL_AD_NO_RENEGOTIATION) {
		struct tls_conn *refusing = conn_of(ssl);
		if (refusing != NULL)
			refusing->renegotiation_refused = true;
		return;
	}
	if ((where & SSL_CB_ALERT) == 0 || (value >> 8) != SSL3_AL_FATAL)
		return;
	struct tls_conn *conn = conn_of(ssl);
	if (conn == NULL || conn->alert_seen)
		return;
	conn->alert_seen = true;
	conn->alert_sent = (where & SSL_CB_WRITE) != 0;
	conn->alert = value;
}

/* ---------- the context ---------- */

static bool configure(SSL_CTX *ssl_ctx, const struct tls_context_options *options)
{
	char groups[] = TLS_GROUPS; /* the macro casts its argument to char * */
	uint64_t ssl_options = SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION;
	if (options->session_tickets_off)
		ssl_options |= SSL_OP_NO_TICKET;
	(void)SSL_CTX_set_options(ssl_ctx, ssl_options); /* returns the new set */
	/* RELEASE_BUFFERS: the ~17 KiB read and write record buffers are freed
	 * whenever they empty, not kept for the connection's life (a third of an
	 * idle connection's memory without it: see tests/check_tls.c).
	 * ENABLE_PARTIAL_WRITE: SSL_write returns after each record, and
	 * write_plaintext loops. ACCEPT_MOVING_WRITE_BUFFER: no write is ever
	 * retried here (our BIO never blocks), but should one be, from another
	 * address, it must not fail with SSL_R_BAD_WRITE_RETRY. */
	(void)SSL_CTX_set_mode(ssl_ctx, SSL_MODE_RELEASE_BUFFERS |
					       SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
					       SSL_MODE_ENABLE_PARTIAL_WRITE);
	/* No server-side session cache: with tickets the session travels in the
	 * ticket (stateless), and with tickets off there is to be no resumption,
	 * not a fall back to session IDs that cost memory for every session. */
	(void)SSL_CTX_set_session_cache_mode(ssl_ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_alpn_select_cb(ssl_ctx, on_alpn, NULL);
	(void)SSL_CTX_set_tlsext_servername_callback(ssl_ctx, on_servername);
	SSL_CTX_set_info_callback(ssl_ctx, on_info);
	return SSL_CTX_set_min_proto_version(ssl_ctx, options->tls13_only ? TLS1_3_VERSION
									   : TLS1_2_VERSION) == 1 &&
	       SSL_CTX_set_cipher_list(ssl_ctx, TLS12_CIPHERS) == 1 &&
	       SSL_CTX_set1_groups_list(ssl_ctx, groups) == 1 &&
	       SSL_CTX_set_num_tickets(ssl_ctx,
				       options->session_tickets_off ? 0 : TICKETS_PER_HANDSHAKE) == 1 &&
	       SSL_CTX_set_session_id_context(ssl_ctx, (const unsigned char *)SESSION_ID_CONTEXT,
					      sizeof SESSION_ID_CONTEXT - 1) == 1;
}

/* Loading a key checks it against the certificate already loaded (same type):
 * the queue then holds X509's mismatch reason, which deserves plain words. */
static bool key_mismatch(void)
{
	unsigned long e = ERR_peek_error();
	return ERR_GET_LIB(e) == ERR_LIB_X509 && (ERR_GET_REASON(e) == X509_R_KEY_VALUES_MISMATCH ||
						 ERR_GET_REASON(e) == X509_R_KEY_TYPE_MISMATCH);
}

/* A new SSL_CTX with the pair loaded, or NULL with err written. */
static SSL_CTX *build(const char *cert_path, const char *key_path,
		      const struct tls_context_options *options, char *err, size_t err_cap,
		      enum tls_status *status)
{
	char scratch[1];
	if (err == NULL || err_cap == 0) {
		err = scratch;
		err_cap = sizeof scratch;
	}
	err[0] = '\0';
	size_t used = 0;
	ERR_clear_error();
	SSL_CTX *ssl_ctx = SSL_CTX_new(TLS_server_method());
	if (ssl_ctx == NULL)
		text_append(err, err_cap, &used, "TLS context: ");
	else if (!configure(ssl_ctx, options))
		text_append(err, err_cap, &used, "TLS settings: ");
	else if (SSL_CTX_use_certificate_chain_file(ssl_ctx, cert_path) != 1)
		text_append(err, err_cap, &used, "certificate %s: ", cert_path);
	/* A mismatch shows when the key is loaded (same type as the certificate) or
	 * at the check (another type). */
	else if (SSL_CTX_use_PrivateKey_file(ssl_ctx, key_path, SSL_FILETYPE_PEM) != 1 &&
		 !key_mismatch())
		text_append(err, err_cap, &used, "key %s: ", key_path);
	else if (key_mismatch() || SSL_CTX_check_private_key(ssl_ctx) != 1)
		text_append(err, err_cap, &used, "key %s does not match certificate %s: ", key_path,
			    cert_path);
	else {
		ERR_clear_error();
		*status = TLS_OK;
		return ssl_ctx;
	}
	size_t prefix = used;
	bool malloc_failed = drain_errors(err, err_cap, &used);
	if (used == prefix)
		text_append(err, err_cap, &used, "unknown error");
	*status = ssl_ctx == NULL || malloc_failed ? TLS_E_NOMEM : TLS_E_CONFIG;
	SSL_CTX_free(ssl_ctx);
	return NULL;
}

enum tls_status tls_context_new(const char *cert_path, const char *key_path,
				const struct tls_context_options *options, const struct mem *mem,
				struct tls_context **out, char *err, size_t err_cap)
{
	static const struct tls_context_options defaults = { false, false };
	*out = NULL;
	if (cert_path == NULL || key_path == NULL || mem == NULL)
		return TLS_E_INVALID;
	if (options == NULL)
		options = &defaults;
	enum tls_status status;
	SSL_CTX *ssl_ctx = build(cert_path, key_path, options, err, err_cap, &status);
	if (ssl_ctx == NULL)
		return status;
	struct tls_context *ctx = mem_alloc(mem, sizeof *ctx);
	int bio_index = BIO_get_new_index();
	BIO_METHOD *method = bio_index == -1 ? NULL
					     : BIO_meth_new(bio_index | BIO_TYPE_SOURCE_SINK, "xmppd-tls");
	if (ctx == NULL || method == NULL || BIO_meth_set_write(method, bio_write) != 1 ||
	    BIO_meth_set_read(method, bio_read) != 1 || BIO_meth_set_ctrl(method, bio_ctrl) != 1) {
		ERR_clear_error();
		BIO_meth_free(method);
		mem_release(mem, ctx);
		SSL_CTX_free(ssl_ctx);
		if (err != NULL && err_cap > 0)
			(void)snprintf(err, err_cap, "TLS context: out of memory");
		return TLS_E_NOMEM;
	}
	*ctx = (struct tls_context){ ssl_ctx, method, *options, mem };
	*out = ctx;
	return TLS_OK;
}

enum tls_status tls_context_reload(struct tls_context *ctx, const char *cert_path,
				   const char *key_path, char *err, size_t err_cap)
{
	if (cert_path == NULL || key_path == NULL)
		return TLS_E_INVALID;
	enum tls_status status;
	SSL_CTX *fresh = build(cert_path, key_path, &ctx->options, err, err_cap, &status);
	if (fresh == NULL)
		return status;
	/* Live connections hold their own reference to the old one. Its ticket keys
	 * go with it (see tls.h for why that is wanted). */
	SSL_CTX_free(ctx->ssl_ctx);
	ctx->ssl_ctx = fresh;
	return TLS_OK;
}

void tls_context_free(struct tls_context *ctx)
{
	if (ctx == NULL)
		return;
	SSL_CTX_free(ctx->ssl_ctx);
	BIO_meth_free(ctx->bio_method);
	mem_release(ctx->mem, ctx);
}

/* ---------- connection lifetime and status ---------- */

struct tls_conn *tls_conn_new(struct tls_context *ctx, const struct mem *mem)
{
	struct tls_conn *conn = mem_alloc(mem, sizeof *conn);
	if (conn == NULL)
		return NULL;
	*conn = (struct tls_conn){ .mem = mem, .dead = TLS_OK };
	buf_init(&conn->in, mem);
	buf_init(&conn->out, mem);
	ERR_clear_error();
	conn->ssl = SSL_new(ctx->ssl_ctx);
	BIO *bio = BIO_new(ctx->bio_method);
	if (conn->ssl == NULL || bio == NULL) {
		ERR_clear_error();
		BIO_free(bio);
		SSL_free(conn->ssl);
		mem_release(mem, conn);
		return NULL;
	}
	BIO_set_data(bio, conn);
	BIO_set_init(bio, 1);
	SSL_set_bio(conn->ssl, bio, bio); /* one BIO both ways: the SSL takes our reference */
	SSL_set_accept_state(conn->ssl);
	return conn;
}

void tls_conn_free(struct tls_conn *conn)
{
	if (conn == NULL)
		return;
	SSL_free(conn->ssl);
	buf_free(&conn->in);
	buf_free(&conn->out);
	mem_release(conn->mem, conn->sni);
	mem_release(conn->mem, conn->error);
	mem_release(conn->mem, conn);
}

static const char nomem_text[] = "out of memory";

/* Marks the connection dead with OpenSSL's reasons and the alert; returns the status. */
static enum tls_status conn_fail(struct tls_conn *conn, const char *what, const char *detail)
{
	char text[TLS_ERROR_TEXT_MAX];
	size_t used = 0;
	text_append(text, sizeof text, &used, "%s: ", what);
	size_t prefix = used;
	bool malloc_failed = drain_errors(text, sizeof text, &used) || conn->nomem;
	if (detail != NULL)
		text_append(text, sizeof text, &used, "%s%s", used > prefix ? "; " : "", detail);
	if (conn->alert_seen)
		text_append(text, sizeof text, &used, "%salert %s: %s", used > prefix ? "; " : "",
			    conn->alert_sent ? "sent" : "received", SSL_alert_desc_string_long(conn->alert));
	if (used == prefix)
		text_append(text, sizeof text, &used, "%s", malloc_failed ? nomem_text : "unknown error");
	conn->dead = malloc_failed ? TLS_E_NOMEM : TLS_E_PROTOCOL;
	char *copy = mem_alloc(conn->mem, used + 1);
	if (copy != NULL) {
		memcpy(copy, text, used + 1);
		mem_release(conn->mem, conn->error);
		conn->error = copy;
	}
	return conn->dead;
}

/* What an SSL_* call's failure means here. */
static enum tls_status after_failure(struct tls_conn *conn, int ret, const char *what)
{
	int err = SSL_get_error(conn->ssl, ret);
	switch (err) {
	case SSL_ERROR_WANT_READ:
		ERR_clear_error();
		return TLS_WANT_MORE;
	case SSL_ERROR_ZERO_RETURN:
		ERR_clear_error();
		conn->peer_closed = true;
		return TLS_CLOSED;
	case SSL_ERROR_SSL:
	case SSL_ERROR_SYSCALL: /* our BIO failed: it only fails to allocate */
		return conn_fail(conn, what, NULL);
	default: { /* a retry kind our BIO and settings never cause */
		char detail[48];
		(void)snprintf(detail, sizeof detail, "unexpected SSL_get_error %d", err);
		return conn_fail(conn, what, detail);
	}
	}
}

static void note_progress(struct tls_conn *conn)
{
	if (!conn->handshake_done && SSL_is_init_finished(conn->ssl))
		conn->handshake_done = true;
	/* Drained: free the queue rather than keep its high-water capacity. */
	if (conn->in_consumed == conn->in.len) {
		buf_free(&conn->in);
		conn->in_consumed = 0;
	}
}

/* ---------- data ---------- */

enum tls_status tls_conn_feed_ciphertext(struct tls_conn *conn, const uint8_t *bytes, size_t len)
{
	if (conn->dead != TLS_OK)
		return conn->dead;
	if (len == 0)
		return TLS_OK;
	if (conn->in_consumed > 0 && conn->in.capacity - conn->in.len < len) {
		size_t left = conn->in.len - conn->in_consumed;
		memmove(conn->in.data, conn->in.data + conn->in_consumed, left);
		conn->in.len = left;
		conn->in_consumed = 0;
	}
	return buf_append(&conn->in, bytes, len) ? TLS_OK : TLS_E_NOMEM;
}

enum tls_status tls_conn_handshake(struct tls_conn *conn)
{
	if (conn->dead != TLS_OK)
		return conn->dead;
	if (conn->handshake_done)
		return TLS_OK;
	ERR_clear_error();
	int ret = SSL_do_handshake(conn->ssl);
	enum tls_status status = ret == 1 ? TLS_OK : after_failure(conn, ret, "handshake");
	note_progress(conn);
	return status;
}

enum tls_status tls_conn_read_plaintext(struct tls_conn *conn, uint8_t *out, size_t cap, size_t *n)
{
	*n = 0;
	if (conn->dead != TLS_OK)
		return conn->dead;
	if (conn->peer_closed)
		return TLS_CLOSED;
	if (cap == 0)
		return TLS_E_INVALID;
	enum tls_status status = TLS_OK;
	while (*n < cap) {
		size_t got = 0;
		ERR_clear_error();
		int ret = SSL_read_ex(conn->ssl, out + *n, cap - *n, &got);
		if (ret != 1) {
			status = after_failure(conn, ret, conn->handshake_done ? "read" : "handshake");
			break;
		}
		*n += got;
	}
	note_progress(conn);
	/* RFC 6120 §5.3.5: a peer that tries to renegotiate, which this server does
	 * not support, gets no stream error: the connection ends at once. OpenSSL
	 * only answers with the no_renegotiation warning and would go on. */
	if (conn->renegotiation_refused && conn->dead == TLS_OK)
		status = conn_fail(conn, "read", "the peer tried to renegotiate, which this server refuses "
						 "(RFC 6120 §5.3.5)");
	/* Data before a close or an error is still the peer's: deliver it first; the
	 * status is sticky and comes with the next call. */
	return *n > 0 ? TLS_OK : status;
}

enum tls_status tls_conn_write_plaintext(struct tls_conn *conn, const uint8_t *bytes, size_t len,
					 size_t *accepted)
{
	*accepted = 0;
	if (conn->dead != TLS_OK)
		return conn->dead;
	if (!conn->handshake_done || conn->shut)
		return TLS_E_INVALID;
	while (*accepted < len) {
		size_t written = 0;
		ERR_clear_error();
		if (SSL_write_ex(conn->ssl, bytes + *accepted, len - *accepted, &written) != 1)
			return after_failure(conn, 0, "write");
		*accepted += written;
	}
	return TLS_OK;
}

enum tls_status tls_conn_take_ciphertext(struct tls_conn *conn, struct buf *out)
{
	if (conn->out.len == 0)
		return TLS_OK;
	if (out->len == 0 && out->mem == conn->mem) {
		struct buf empty = *out;
		*out = conn->out;
		conn->out = empty;
	} else if (!buf_append(out, conn->out.data, conn->out.len)) {
		return TLS_E_NOMEM;
	}
	buf_free(&conn->out);
	return TLS_OK;
}

enum tls_status tls_conn_shutdown(struct tls_conn *conn)
{
	if (conn->dead != TLS_OK || !conn->handshake_done || conn->shut)
		return TLS_OK;
	conn->shut = true;
	ERR_clear_error();
	int ret = SSL_shutdown(conn->ssl); /* 0: ours queued; 1: the peer's came first */
	if (ret >= 0)
		return TLS_OK;
	enum tls_status status = after_failure(conn, ret, "shutdown");
	return status == TLS_WANT_MORE ? TLS_OK : status;
}

/* ---------- questions ---------- */

bool tls_conn_handshake_done(const struct tls_conn *conn)
{
	return conn->handshake_done;
}

bool tls_conn_wants_write(const struct tls_conn *conn)
{
	return conn->out.len > 0;
}

bool tls_conn_has_buffered_input(const struct tls_conn *conn)
{
	return conn->in_consumed < conn->in.len || SSL_has_pending(conn->ssl) == 1;
}

const char *tls_conn_error(const struct tls_conn *conn)
{
	if (conn->dead == TLS_OK)
		return "";
	return conn->error != NULL ? conn->error : nomem_text;
}

const char *tls_conn_protocol_name(const struct tls_conn *conn)
{
	return conn->handshake_done ? SSL_get_version(conn->ssl) : "";
}

const char *tls_conn_cipher_name(const struct tls_conn *conn)
{
	const SSL_CIPHER *cipher = conn->handshake_done ? SSL_get_current_cipher(conn->ssl) : NULL;
	return cipher != NULL ? SSL_CIPHER_get_name(cipher) : "";
}

bool tls_conn_resumed(const struct tls_conn *conn)
{
	return conn->handshake_done && SSL_session_reused(conn->ssl) == 1;
}

struct span tls_conn_alpn(const struct tls_conn *conn)
{
	const unsigned char *data = NULL;
	unsigned int len = 0;
	SSL_get0_alpn_selected(conn->ssl, &data, &len);
	return data != NULL ? span_of(data, len) : span_of("", 0);
}

struct span tls_conn_sni(const struct tls_conn *conn)
{
	return conn->sni != NULL ? span_of(conn->sni, conn->sni_len) : span_of("", 0);
}

/* ---------- channel binding ---------- */

/* RFC 9266 §2. The context is a zero-length string, which TLS 1.2 (RFC 5705 §4)
 * tells apart from no context (use_context 1, as Prosody does); TLS 1.3 (RFC
 * 8446 §7.5) does not. §3: on TLS 1.2 only with the extended master secret. */
static enum tls_status exporter(struct tls_conn *conn, uint8_t *out, size_t cap, size_t *len)
{
	if (SSL_version(conn->ssl) < TLS1_3_VERSION && SSL_get_extms_support(conn->ssl) != 1)
		return TLS_E_UNAVAILABLE;
	if (cap < TLS_CB_EXPORTER_LEN)
		return TLS_E_INVALID;
	ERR_clear_error();
	if (SSL_export_keying_material(conn->ssl, out, TLS_CB_EXPORTER_LEN, EXPORTER_LABEL,
				       sizeof EXPORTER_LABEL - 1, (const unsigned char *)"", 0, 1) != 1) {
		ERR_clear_error();
		return TLS_E_NOMEM; /* the inputs are fixed and valid: only allocation fails */
	}
	*len = TLS_CB_EXPORTER_LEN;
	return TLS_OK;
}

/* RFC 5929 §4.1: hash the certificate with its signature's hash, SHA-256 in
 * place of MD5 and SHA-1; undefined when the signature uses no single hash. */
static enum tls_status server_end_point(struct tls_conn *conn, uint8_t *out, size_t cap, size_t *len)
{
	X509 *cert = SSL_get_certificate(conn->ssl);
	int md_nid = NID_undef;
	if (cert == NULL || X509_get_signature_info(cert, &md_nid, NULL, NULL, NULL) != 1) {
		ERR_clear_error();
		return TLS_E_UNAVAILABLE;
	}
	if (md_nid == NID_md5 || md_nid == NID_sha1)
		md_nid = NID_sha256;
	const EVP_MD *md = md_nid != NID_undef ? EVP_get_digestbynid(md_nid) : NULL;
	if (md == NULL)
		return TLS_E_UNAVAILABLE;
	int md_size = EVP_MD_get_size(md);
	if (md_size <= 0 || md_size > TLS_CB_DATA_MAX)
		return TLS_E_UNAVAILABLE;
	if (cap < (size_t)md_size)
		return TLS_E_INVALID;
	unsigned int digest_len = 0;
	ERR_clear_error();
	if (X509_digest(cert, md, out, &digest_len) != 1) {
		ERR_clear_error();
		return TLS_E_NOMEM;
	}
	*len = digest_len;
	return TLS_OK;
}

enum tls_status tls_conn_channel_binding(struct tls_conn *conn, enum tls_cb_type type,
					 uint8_t *out, size_t cap, size_t *len)
{
	*len = 0;
	if (conn->dead != TLS_OK)
		return conn->dead;
	if (!conn->handshake_done || (unsigned)type >= TLS_CB_TYPE_COUNT)
		return TLS_E_INVALID;
	return type == TLS_CB_EXPORTER ? exporter(conn, out, cap, len)
				       : server_end_point(conn, out, cap, len);
}
