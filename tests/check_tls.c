/* check_tls.c - the TLS layer (src/tls.c) against an in-process OpenSSL client.
 *
 * Both ends run in this process: the client is a plain OpenSSL SSL over memory
 * BIOs, the server a struct tls_conn, and pump() carries ciphertext between them
 * until neither has anything to say. No network, no files but the ones each
 * TCase makes in its own mkdtemp() directory (certificates made with the
 * OpenSSL API, so that the signature hash can be chosen; one test runs
 * tools/gen-cert.sh, which needs the `openssl` command).
 *
 * What is checked, and against what:
 * - Handshakes at TLS 1.3 and 1.2 (client pinned), data both ways, 1 MB writes,
 *   ciphertext fed one byte at a time (the server must not care how reads split).
 * - Refusals: TLS 1.1 (protocol_version alert), TLS 1.2 suites without ECDHE or
 *   AEAD, garbage instead of a ClientHello, ALPN without xmpp-client (RFC 7301
 *   §3.2 no_application_protocol), TLS 1.2 renegotiation.
 * - ALPN xmpp-client (XEP-0368), SNI recorded (RFC 6066 §3), close_notify both
 *   ways (RFC 8446 §6.1), KeyUpdate answered, session tickets resume.
 * - Channel binding equal on both ends, the client computing it with its own
 *   OpenSSL calls: tls-exporter (RFC 9266: TLS 1.3; TLS 1.2 only with the
 *   extended master secret) and tls-server-end-point (RFC 5929 §4.1: the
 *   hash of the certificate's signature, SHA-256 for SHA-1).
 * - Context errors name the file; a failed reload keeps the old pair; a reload
 *   changes new connections only.
 * - Every allocation of the struct mem failed in turn: TLS_E_NOMEM or NULL,
 *   never a crash, never a leak.
 * - Bytes per idle connection after the handshake, over 1000 connections,
 *   counted by an allocator installed with CRYPTO_set_mem_functions before
 *   OpenSSL's first allocation (a constructor: main() is too late, since
 *   other suites use OpenSSL first). Printed, and bounded. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "suites.h"
#include "tls.h"

extern char **environ;

/* ---------- OpenSSL's allocations, counted for the whole test binary ---------- */

static size_t openssl_live_bytes;
static bool openssl_counting;

static void *count_malloc(size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	void *p = malloc(n);
	if (p != NULL)
		openssl_live_bytes += malloc_usable_size(p);
	return p;
}

static void *count_realloc(void *p, size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	size_t old = p != NULL ? malloc_usable_size(p) : 0;
	void *q = realloc(p, n);
	if (q != NULL)
		openssl_live_bytes += malloc_usable_size(q) - old;
	return q;
}

static void count_free(void *p, const char *file, int line)
{
	(void)file;
	(void)line;
	if (p != NULL)
		openssl_live_bytes -= malloc_usable_size(p);
	free(p);
}

__attribute__((constructor)) static void count_openssl_allocations(void)
{
	openssl_counting = CRYPTO_set_mem_functions(count_malloc, count_realloc, count_free) == 1;
}

/* ---------- our struct mem: counted, and failing on demand ---------- */

struct test_mem {
	size_t live_bytes;
	size_t allocations;
	size_t fail_at; /* the allocation number (1-based) that fails; 0: none */
	bool failed;
};

#define MEM_HEADER 16 /* keeps max_align_t alignment */

static void *test_alloc(void *ctx, size_t size)
{
	struct test_mem *m = ctx;
	m->allocations++;
	if (m->fail_at != 0 && m->allocations == m->fail_at) {
		m->failed = true;
		return NULL;
	}
	uint8_t *p = malloc(size + MEM_HEADER);
	if (p == NULL)
		return NULL;
	memcpy(p, &size, sizeof size);
	m->live_bytes += size;
	return p + MEM_HEADER;
}

static void test_release(void *ctx, void *ptr)
{
	struct test_mem *m = ctx;
	if (ptr == NULL)
		return;
	uint8_t *p = (uint8_t *)ptr - MEM_HEADER;
	size_t size;
	memcpy(&size, p, sizeof size);
	m->live_bytes -= size;
	free(p);
}

static struct test_mem tmem_state;
static const struct mem tmem = { test_alloc, test_release, &tmem_state };

/* A test that failed midway leaves its allocations behind (CK_FORK=no): start
 * each test from zero so that one failure does not fail the next. */
static void tmem_reset(void)
{
	tmem_state = (struct test_mem){ 0 };
	ERR_clear_error();
}

/* ---------- certificates, made per TCase in a temporary directory ---------- */

enum cert_kind { CERT_MAIN, CERT_OTHER, CERT_SHA1, CERT_SHA384, CERT_SHA512, CERT_ED25519, CERT_COUNT };

static char dir[64];
static char crt_path[CERT_COUNT][128];
static char key_path[CERT_COUNT][128];

static EVP_PKEY *make_key(enum cert_kind kind)
{
	if (kind == CERT_ED25519)
		return EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	return EVP_EC_gen("P-256");
}

static const EVP_MD *cert_md(enum cert_kind kind)
{
	switch (kind) {
	case CERT_SHA1:
		return EVP_sha1();
	case CERT_SHA384:
		return EVP_sha384();
	case CERT_SHA512:
		return EVP_sha512();
	case CERT_ED25519:
		return NULL; /* EdDSA hashes internally: no digest to name */
	default:
		return EVP_sha256();
	}
}

static void write_cert(enum cert_kind kind)
{
	static const char *const names[CERT_COUNT] = { "main", "other", "sha1", "sha384", "sha512", "ed25519" };
	(void)snprintf(crt_path[kind], sizeof crt_path[kind], "%s/%s.crt", dir, names[kind]);
	(void)snprintf(key_path[kind], sizeof key_path[kind], "%s/%s.key", dir, names[kind]);
	EVP_PKEY *pkey = make_key(kind);
	X509 *x = X509_new();
	ck_assert(pkey != NULL && x != NULL);
	ck_assert(X509_set_version(x, X509_VERSION_3));
	ck_assert(ASN1_INTEGER_set(X509_get_serialNumber(x), (long)kind + 1));
	ck_assert_ptr_nonnull(X509_gmtime_adj(X509_getm_notBefore(x), -60));
	ck_assert_ptr_nonnull(X509_gmtime_adj(X509_getm_notAfter(x), 86400));
	ck_assert(X509_set_pubkey(x, pkey));
	X509_NAME *name = X509_get_subject_name(x);
	ck_assert(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
					     (const unsigned char *)"example.org", -1, -1, 0));
	ck_assert(X509_set_issuer_name(x, name));
	ck_assert(X509_sign(x, pkey, cert_md(kind)) > 0);
	FILE *f = fopen(crt_path[kind], "w");
	ck_assert_ptr_nonnull(f);
	ck_assert(PEM_write_X509(f, x));
	ck_assert_int_eq(fclose(f), 0);
	f = fopen(key_path[kind], "w");
	ck_assert_ptr_nonnull(f);
	ck_assert(PEM_write_PrivateKey(f, pkey, NULL, NULL, 0, NULL, NULL));
	ck_assert_int_eq(fclose(f), 0);
	X509_free(x);
	EVP_PKEY_free(pkey);
}

static void certs_setup(void)
{
	const char *tmp = getenv("TMPDIR");
	(void)snprintf(dir, sizeof dir, "%s/xmppd-tls-XXXXXX",
		       tmp != NULL && tmp[0] != '\0' && strlen(tmp) < 40 ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (int k = 0; k < CERT_COUNT; k++)
		write_cert((enum cert_kind)k);
}

/* Removes path and, a directory, what is in it (a failed test leaves files). */
static void remove_all(const char *path)
{
	DIR *d = opendir(path);
	if (d == NULL) {
		(void)unlink(path);
		return;
	}
	const struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char child[PATH_MAX];
		(void)snprintf(child, sizeof child, "%s/%s", path, e->d_name);
		remove_all(child);
	}
	closedir(d);
	(void)rmdir(path);
}

static void certs_teardown(void)
{
	remove_all(dir);
}

/* ---------- the two ends ---------- */

struct client_opts {
	int min_version, max_version; /* 0: the library's */
	const char *ciphers;          /* TLS 1.2 list; NULL: the library's */
	const char *alpn;             /* wire format (length-prefixed); NULL: no ALPN */
	const char *sni;
	bool no_ems;                  /* no extended master secret (RFC 7627) */
	bool seclevel0;               /* let the client offer what Debian's defaults forbid */
	SSL_SESSION *session;         /* to resume */
};

static SSL_CTX *client_ctx_new(const struct client_opts *o)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
	ck_assert_ptr_nonnull(ctx);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); /* self-signed; binding is what we check */
	if (o->seclevel0) {
		SSL_CTX_set_security_level(ctx, 0);
		ck_assert(SSL_CTX_set_cipher_list(ctx, "DEFAULT:@SECLEVEL=0"));
	}
	if (o->min_version != 0)
		ck_assert(SSL_CTX_set_min_proto_version(ctx, o->min_version));
	if (o->max_version != 0)
		ck_assert(SSL_CTX_set_max_proto_version(ctx, o->max_version));
	if (o->ciphers != NULL)
		ck_assert(SSL_CTX_set_cipher_list(ctx, o->ciphers));
	if (o->no_ems)
		(void)SSL_CTX_set_options(ctx, SSL_OP_NO_EXTENDED_MASTER_SECRET);
	if (o->alpn != NULL)
		ck_assert_int_eq(SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)o->alpn,
							 (unsigned)strlen(o->alpn)), 0);
	return ctx;
}

struct session {
	struct tls_conn *server;
	struct buf server_plain;       /* what the server read */
	enum tls_status server_status; /* TLS_OK, or the first final status it returned */
	enum tls_status feed_status, take_status; /* the first failure, else TLS_OK */
	bool drive_by_reading;         /* never call tls_conn_handshake() */
	size_t chunk;                  /* feed the server this many bytes at a time; 0: all */
	SSL *client;
	BIO *client_in, *client_out;   /* server->client, client->server ciphertext */
	struct buf client_plain;
	int client_error;              /* SSL_get_error of its first failure; 0: none */
	char client_error_text[256];
	bool client_closed;            /* close_notify received */
};

static void session_open_with(struct session *s, struct tls_context *ctx, const struct mem *mem,
			      SSL_CTX *client_ctx, const struct client_opts *o)
{
	*s = (struct session){ .server_status = TLS_OK };
	buf_init(&s->server_plain, mem_default());
	buf_init(&s->client_plain, mem_default());
	s->server = tls_conn_new(ctx, mem);
	s->client = SSL_new(client_ctx);
	s->client_in = BIO_new(BIO_s_mem());
	s->client_out = BIO_new(BIO_s_mem());
	ck_assert(s->client != NULL && s->client_in != NULL && s->client_out != NULL);
	SSL_set_bio(s->client, s->client_in, s->client_out);
	SSL_set_connect_state(s->client);
	if (o->sni != NULL) {
		char sni[256]; /* the macro casts its argument to void * */
		(void)snprintf(sni, sizeof sni, "%s", o->sni);
		ck_assert(SSL_set_tlsext_host_name(s->client, sni));
	}
	if (o->session != NULL)
		ck_assert(SSL_set_session(s->client, o->session));
}

static void session_open(struct session *s, struct tls_context *ctx, const struct client_opts *o)
{
	SSL_CTX *client_ctx = client_ctx_new(o);
	session_open_with(s, ctx, &tmem, client_ctx, o);
	SSL_CTX_free(client_ctx); /* the SSL keeps its reference */
	ck_assert_ptr_nonnull(s->server);
}

static void session_close_client(struct session *s)
{
	SSL_free(s->client); /* frees both BIOs */
	s->client = NULL;
	buf_free(&s->client_plain);
}

static void session_close(struct session *s)
{
	session_close_client(s);
	tls_conn_free(s->server);
	buf_free(&s->server_plain);
	ERR_clear_error();
}

static void client_note(struct session *s, int ret)
{
	int e = SSL_get_error(s->client, ret);
	if (e == SSL_ERROR_ZERO_RETURN)
		s->client_closed = true;
	else if (e != SSL_ERROR_WANT_READ && s->client_error == 0) {
		s->client_error = e;
		unsigned long code = ERR_peek_error();
		ERR_error_string_n(code, s->client_error_text, sizeof s->client_error_text);
	}
	ERR_clear_error();
}

static void drive_client(struct session *s)
{
	if (s->client_error != 0)
		return;
	if (!SSL_is_init_finished(s->client)) {
		int ret = SSL_do_handshake(s->client);
		if (ret != 1) {
			client_note(s, ret);
			return;
		}
	}
	uint8_t tmp[16384];
	size_t got = 0;
	while (SSL_read_ex(s->client, tmp, sizeof tmp, &got) == 1)
		ck_assert(buf_append(&s->client_plain, tmp, got));
	client_note(s, 0);
}

static void note_server(struct session *s, enum tls_status st)
{
	if (st != TLS_OK && st != TLS_WANT_MORE && s->server_status == TLS_OK)
		s->server_status = st;
}

static void drive_server(struct session *s)
{
	if (s->server_status != TLS_OK)
		return;
	enum tls_status st = TLS_OK;
	if (!s->drive_by_reading)
		st = tls_conn_handshake(s->server);
	uint8_t tmp[16384];
	size_t n = 0;
	while (st == TLS_OK && (st = tls_conn_read_plaintext(s->server, tmp, sizeof tmp, &n)) == TLS_OK)
		ck_assert(buf_append(&s->server_plain, tmp, n));
	note_server(s, st);
}

static bool client_to_server(struct session *s)
{
	size_t pending = BIO_ctrl_pending(s->client_out);
	if (pending == 0)
		return false;
	uint8_t *bytes = malloc(pending);
	ck_assert_ptr_nonnull(bytes);
	ck_assert_int_eq(BIO_read(s->client_out, bytes, (int)pending), (int)pending);
	size_t step = s->chunk != 0 ? s->chunk : pending;
	for (size_t off = 0; off < pending; off += step) {
		size_t n = pending - off < step ? pending - off : step;
		enum tls_status st = tls_conn_feed_ciphertext(s->server, bytes + off, n);
		if (st != TLS_OK && s->feed_status == TLS_OK)
			s->feed_status = st;
		drive_server(s);
	}
	free(bytes);
	return true;
}

static bool server_to_client(struct session *s)
{
	struct buf out;
	buf_init(&out, mem_default());
	enum tls_status st = tls_conn_take_ciphertext(s->server, &out);
	if (st != TLS_OK && s->take_status == TLS_OK)
		s->take_status = st;
	bool moved = out.len > 0;
	if (moved)
		ck_assert_int_eq(BIO_write(s->client_in, out.data, (int)out.len), (int)out.len);
	ck_assert(!tls_conn_wants_write(s->server) || st != TLS_OK);
	buf_free(&out);
	return moved;
}

/* Carries ciphertext both ways until neither end has anything to say. */
static void pump(struct session *s)
{
	for (int round = 0; round < 100000; round++) {
		drive_client(s);
		bool moved = client_to_server(s);
		moved = server_to_client(s) || moved;
		if (!moved)
			return;
	}
	ck_abort_msg("pump: the two ends never went quiet");
}

static void expect_handshake(struct session *s)
{
	pump(s);
	ck_assert_msg(s->server_status == TLS_OK, "server: %s: %s", tls_status_name(s->server_status),
		      tls_conn_error(s->server));
	ck_assert_msg(s->client_error == 0, "client: %d %s", s->client_error, s->client_error_text);
	ck_assert(tls_conn_handshake_done(s->server));
	ck_assert(SSL_is_init_finished(s->client));
	ck_assert_str_eq(tls_conn_error(s->server), "");
}

static void server_send(struct session *s, const uint8_t *bytes, size_t len)
{
	size_t accepted = 0;
	ck_assert_int_eq(tls_conn_write_plaintext(s->server, bytes, len, &accepted), TLS_OK);
	ck_assert_uint_eq(accepted, len);
	ck_assert(len == 0 || tls_conn_wants_write(s->server));
	pump(s);
}

static void client_send(struct session *s, const uint8_t *bytes, size_t len)
{
	size_t done = 0;
	while (done < len) {
		size_t written = 0;
		ck_assert(SSL_write_ex(s->client, bytes + done, len - done, &written));
		done += written;
	}
	pump(s);
}

static struct tls_context *context_new(const struct tls_context_options *options)
{
	struct tls_context *ctx = NULL;
	char err[TLS_ERROR_TEXT_MAX];
	enum tls_status st = tls_context_new(crt_path[CERT_MAIN], key_path[CERT_MAIN], options,
					     mem_default(), &ctx, err, sizeof err);
	ck_assert_msg(st == TLS_OK, "%s: %s", tls_status_name(st), err);
	return ctx;
}

static void expect_bytes(const struct buf *got, const void *want, size_t len)
{
	ck_assert_uint_eq(got->len, len);
	ck_assert(len == 0 || memcmp(got->data, want, len) == 0);
}

static const int versions[] = { TLS1_3_VERSION, TLS1_2_VERSION };
static const char *const version_names[] = { "TLSv1.3", "TLSv1.2" };

/* ---------- names ---------- */

START_TEST(test_name_tables_complete)
{
	for (int s = 0; s < TLS_STATUS_COUNT; s++) {
		const char *name = tls_status_name((enum tls_status)s);
		ck_assert_ptr_nonnull(name);
		ck_assert_int_eq(strncmp(name, "TLS_", 4), 0);
		ck_assert_str_ne(name, "TLS_E_UNKNOWN");
		for (int t = 0; t < s; t++)
			ck_assert_str_ne(name, tls_status_name((enum tls_status)t));
	}
	ck_assert_str_eq(tls_status_name(TLS_STATUS_COUNT), "TLS_E_UNKNOWN");
	ck_assert_str_eq(tls_cb_type_name(TLS_CB_EXPORTER), "tls-exporter");
	ck_assert_str_eq(tls_cb_type_name(TLS_CB_SERVER_END_POINT), "tls-server-end-point");
	ck_assert_str_eq(tls_cb_type_name(TLS_CB_TYPE_COUNT), "");
}
END_TEST

/* ---------- handshakes and data ---------- */

/* Requirement: RFC6120-5.4.3.1-a */
START_TEST(test_handshake_and_data_both_ways)
{
	/* Requirement: RFC6120-13.8.2-a */
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = versions[_i] });
	ck_assert_str_eq(tls_conn_protocol_name(s.server), "");
	ck_assert_str_eq(tls_conn_cipher_name(s.server), "");
	ck_assert(!tls_conn_handshake_done(s.server));
	expect_handshake(&s);
	ck_assert_str_eq(tls_conn_protocol_name(s.server), version_names[_i]);
	ck_assert_str_eq(tls_conn_cipher_name(s.server), SSL_get_cipher_name(s.client));
	if (versions[_i] == TLS1_2_VERSION) /* ECDHE and AEAD only */
		ck_assert_msg(strncmp(tls_conn_cipher_name(s.server), "ECDHE-ECDSA-", 12) == 0 &&
				      (strstr(tls_conn_cipher_name(s.server), "GCM") != NULL ||
				       strstr(tls_conn_cipher_name(s.server), "CHACHA20") != NULL),
			      "%s", tls_conn_cipher_name(s.server));
	ck_assert(!tls_conn_resumed(s.server));
	ck_assert_uint_eq(tls_conn_alpn(s.server).len, 0); /* the client offered none: STARTTLS */
	ck_assert_uint_eq(tls_conn_sni(s.server).len, 0);

	client_send(&s, (const uint8_t *)"<stream:stream>", 15);
	expect_bytes(&s.server_plain, "<stream:stream>", 15);
	server_send(&s, (const uint8_t *)"<stream:features/>", 18);
	expect_bytes(&s.client_plain, "<stream:features/>", 18);
	ck_assert(!tls_conn_wants_write(s.server));
	ck_assert(!tls_conn_has_buffered_input(s.server));
	session_close(&s);
	ck_assert_uint_eq(tmem_state.live_bytes, 0);
	tls_context_free(ctx);
}
END_TEST

/* Driven by tls_conn_read_plaintext() alone, fed 1 byte at a time, with
 * records of every size across the 16 KiB record limit. */
START_TEST(test_one_byte_feeding)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = versions[_i] });
	s.drive_by_reading = true;
	s.chunk = 1;
	expect_handshake(&s);
	static uint8_t data[40000];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(i * 7 + 3);
	client_send(&s, data, sizeof data);
	expect_bytes(&s.server_plain, data, sizeof data);
	server_send(&s, data, 1);
	expect_bytes(&s.client_plain, data, 1);
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

START_TEST(test_large_writes)
{
	enum { MB = 1024 * 1024 };
	uint8_t *data = malloc(MB);
	ck_assert_ptr_nonnull(data);
	for (size_t i = 0; i < MB; i++)
		data[i] = (uint8_t)(i ^ (i >> 8) ^ (i >> 16));
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = versions[_i] });
	expect_handshake(&s);
	server_send(&s, data, MB);
	expect_bytes(&s.client_plain, data, MB);
	client_send(&s, data, MB);
	expect_bytes(&s.server_plain, data, MB);
	session_close(&s);
	tls_context_free(ctx);
	free(data);
}
END_TEST

/* A TLS 1.3 client finishes first and may send its stream header in the same
 * flight as its Finished: the data is queued in the tls_conn when the handshake
 * completes, and the socket will not become readable for it again. */
START_TEST(test_data_pipelined_with_client_finished)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ 0 });
	ck_assert_int_eq(SSL_do_handshake(s.client), -1); /* ClientHello */
	ck_assert(client_to_server(&s));
	ck_assert(server_to_client(&s)); /* ServerHello .. Finished */
	ck_assert_int_eq(SSL_do_handshake(s.client), 1);
	size_t written = 0;
	ck_assert(SSL_write_ex(s.client, "<stream:stream>", 15, &written));
	size_t pending = BIO_ctrl_pending(s.client_out);
	uint8_t flight[4096];
	ck_assert_uint_le(pending, sizeof flight);
	ck_assert_int_eq(BIO_read(s.client_out, flight, (int)pending), (int)pending);
	ck_assert_int_eq(tls_conn_feed_ciphertext(s.server, flight, pending), TLS_OK);
	ck_assert_int_eq(tls_conn_handshake(s.server), TLS_OK);
	ck_assert(tls_conn_has_buffered_input(s.server));
	ck_assert(tls_conn_wants_write(s.server)); /* the session ticket */
	uint8_t got[64];
	size_t n = 0;
	ck_assert_int_eq(tls_conn_read_plaintext(s.server, got, sizeof got, &n), TLS_OK);
	ck_assert_uint_eq(n, 15);
	ck_assert_int_eq(memcmp(got, "<stream:stream>", 15), 0);
	ck_assert_int_eq(tls_conn_read_plaintext(s.server, got, sizeof got, &n), TLS_WANT_MORE);
	ck_assert_uint_eq(n, 0);
	ck_assert(!tls_conn_has_buffered_input(s.server));
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

/* A read smaller than a record leaves the rest decrypted inside: has_buffered_input. */
START_TEST(test_small_reads_keep_the_rest)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ 0 });
	expect_handshake(&s);
	size_t written = 0;
	ck_assert(SSL_write_ex(s.client, "ghijkl", 6, &written));
	size_t pending = BIO_ctrl_pending(s.client_out);
	uint8_t rec[256];
	ck_assert_int_eq(BIO_read(s.client_out, rec, (int)pending), (int)pending);
	ck_assert_int_eq(tls_conn_feed_ciphertext(s.server, rec, pending), TLS_OK);
	ck_assert(tls_conn_has_buffered_input(s.server));
	uint8_t two[2];
	size_t n = 0;
	char got[7] = { 0 };
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(tls_conn_read_plaintext(s.server, two, sizeof two, &n), TLS_OK);
		ck_assert_uint_eq(n, 2);
		memcpy(got + 2 * i, two, 2);
		ck_assert(tls_conn_has_buffered_input(s.server) == (i < 2));
	}
	ck_assert_str_eq(got, "ghijkl");
	ck_assert_int_eq(tls_conn_read_plaintext(s.server, two, 0, &n), TLS_E_INVALID);
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

START_TEST(test_write_refused_before_handshake)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ 0 });
	size_t accepted = 99;
	ck_assert_int_eq(tls_conn_write_plaintext(s.server, (const uint8_t *)"x", 1, &accepted),
			 TLS_E_INVALID);
	ck_assert_uint_eq(accepted, 0);
	ck_assert(!tls_conn_wants_write(s.server));
	uint8_t cb[TLS_CB_DATA_MAX];
	size_t len = 99;
	ck_assert_int_eq(tls_conn_channel_binding(s.server, TLS_CB_EXPORTER, cb, sizeof cb, &len),
			 TLS_E_INVALID);
	ck_assert_uint_eq(len, 0);
	/* shutdown before the handshake: nothing to close politely */
	ck_assert_int_eq(tls_conn_shutdown(s.server), TLS_OK);
	ck_assert(!tls_conn_wants_write(s.server));
	expect_handshake(&s); /* and the connection is still usable */
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

START_TEST(test_take_ciphertext_appends_or_hands_over)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ 0 });
	expect_handshake(&s);
	size_t accepted = 0;
	/* out holds bytes already: appended after them */
	struct buf out;
	buf_init(&out, &tmem);
	ck_assert(buf_append(&out, "XY", 2));
	ck_assert_int_eq(tls_conn_write_plaintext(s.server, (const uint8_t *)"a", 1, &accepted), TLS_OK);
	ck_assert_int_eq(tls_conn_take_ciphertext(s.server, &out), TLS_OK);
	ck_assert_uint_gt(out.len, 2);
	ck_assert_int_eq(memcmp(out.data, "XY", 2), 0);
	ck_assert(!tls_conn_wants_write(s.server));
	ck_assert_int_eq(BIO_write(s.client_in, out.data + 2, (int)out.len - 2), (int)out.len - 2);
	/* out empty, same struct mem: handed over */
	buf_clear(&out);
	ck_assert_int_eq(tls_conn_write_plaintext(s.server, (const uint8_t *)"b", 1, &accepted), TLS_OK);
	ck_assert_int_eq(tls_conn_take_ciphertext(s.server, &out), TLS_OK);
	ck_assert_int_eq(BIO_write(s.client_in, out.data, (int)out.len), (int)out.len);
	/* nothing queued: out untouched */
	size_t before = out.len;
	ck_assert_int_eq(tls_conn_take_ciphertext(s.server, &out), TLS_OK);
	ck_assert_uint_eq(out.len, before);
	buf_free(&out);
	drive_client(&s);
	expect_bytes(&s.client_plain, "ab", 2);
	session_close(&s);
	ck_assert_uint_eq(tmem_state.live_bytes, 0);
	tls_context_free(ctx);
}
END_TEST

/* ---------- refusals ---------- */

static void expect_refused(struct session *s, const char *server_says, const char *client_says)
{
	pump(s);
	ck_assert_msg(s->server_status == TLS_E_PROTOCOL, "server: %s",
		      tls_status_name(s->server_status));
	ck_assert(!tls_conn_handshake_done(s->server));
	const char *why = tls_conn_error(s->server);
	ck_assert_msg(strstr(why, server_says) != NULL, "server error '%s' lacks '%s'", why, server_says);
	if (client_says != NULL)
		ck_assert_msg(strstr(s->client_error_text, client_says) != NULL,
			      "client error '%s' lacks '%s'", s->client_error_text, client_says);
	/* dead for good: every call says so, nothing more goes out */
	uint8_t tmp[8];
	size_t n = 0;
	ck_assert_int_eq(tls_conn_feed_ciphertext(s->server, tmp, 1), TLS_E_PROTOCOL);
	ck_assert_int_eq(tls_conn_handshake(s->server), TLS_E_PROTOCOL);
	ck_assert_int_eq(tls_conn_read_plaintext(s->server, tmp, sizeof tmp, &n), TLS_E_PROTOCOL);
	ck_assert_int_eq(tls_conn_write_plaintext(s->server, tmp, 1, &n), TLS_E_PROTOCOL);
	ck_assert_int_eq(tls_conn_shutdown(s->server), TLS_OK);
	ck_assert(!tls_conn_wants_write(s->server));
}

/* Requirement: RFC6120-5.4.3.1-a */
START_TEST(test_tls11_refused)
{
	/* Requirement: RFC6120-13.9.5-a */
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .min_version = TLS1_1_VERSION,
						    .max_version = TLS1_1_VERSION,
						    .seclevel0 = true });
	expect_refused(&s, "unsupported protocol", "alert protocol version");
	ck_assert_msg(strstr(tls_conn_error(s.server), "alert sent: protocol version") != NULL, "%s",
		      tls_conn_error(s.server));
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

START_TEST(test_tls12_refused_when_tls13_only)
{
	struct tls_context *ctx = context_new(&(struct tls_context_options){ .tls13_only = true });
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = TLS1_2_VERSION });
	expect_refused(&s, "unsupported protocol", "alert protocol version");
	session_close(&s);
	/* and TLS 1.3 still works */
	session_open(&s, ctx, &(struct client_opts){ 0 });
	expect_handshake(&s);
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

/* TLS 1.2 suites without forward secrecy or without AEAD are not offered. */
static const char *const weak_suites[] = {
	"ECDHE-ECDSA-AES128-SHA",    /* CBC */
	"ECDHE-ECDSA-AES256-SHA384", /* CBC */
	"AES128-GCM-SHA256",         /* RSA key transport */
	"DHE-RSA-AES128-GCM-SHA256", /* finite-field DH */
};

/* Requirement: RFC6120-5.4.3.1-a */
START_TEST(test_weak_tls12_suites_refused)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = TLS1_2_VERSION,
						    .ciphers = weak_suites[_i], .seclevel0 = true });
	expect_refused(&s, "no shared cipher", "handshake failure");
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

/* What reaches a TLS port that is not a ClientHello. */
static const struct {
	const char *name;
	const char *bytes;
	size_t len;
	const char *reason;
} garbage[] = {
	{ "HTTP", "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n", 37, "http request" },
	{ "XMPP without STARTTLS", "<?xml version='1.0'?><stream:stream to='example.org'>", 53,
	  "wrong version number" },
	{ "handshake record, body not a ClientHello", "\x16\x03\x01\x00\x05hello", 10,
	  "unexpected message" },
	{ "handshake record too long", "\x16\x03\x01\xff\xff", 5, "packet length too long" },
	{ "application data first", "\x17\x03\x03\x00\x05hello", 10, "unexpected message" },
	{ "zeros", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, "wrong version number" },
};

/* Requirement: RFC6120-5.4.3.2-a */
START_TEST(test_garbage_refused)
{
	struct tls_context *ctx = context_new(NULL);
	struct tls_conn *conn = tls_conn_new(ctx, &tmem);
	ck_assert_ptr_nonnull(conn);
	ck_assert_int_eq(tls_conn_feed_ciphertext(conn, (const uint8_t *)garbage[_i].bytes,
						  garbage[_i].len), TLS_OK);
	ck_assert_int_eq(tls_conn_handshake(conn), TLS_E_PROTOCOL);
	ck_assert_msg(strstr(tls_conn_error(conn), garbage[_i].reason) != NULL, "%s: '%s'",
		      garbage[_i].name, tls_conn_error(conn));
	ck_assert_int_eq(strncmp(tls_conn_error(conn), "handshake: ", 11), 0);
	ck_assert_int_eq(tls_conn_handshake(conn), TLS_E_PROTOCOL);
	ck_assert_int_eq(ERR_peek_error(), 0); /* drained: no stale reason for the next connection */
	tls_conn_free(conn);
	ck_assert_uint_eq(tmem_state.live_bytes, 0);
	tls_context_free(ctx);
}
END_TEST

/* RFC 5746 / SSL_OP_NO_RENEGOTIATION: the server answers no_renegotiation; the
 * OpenSSL client gives up. Renegotiation would run a second handshake the
 * channel binding of the first knows nothing about. */
/* Requirement: RFC6120-5.3.5-b */
START_TEST(test_renegotiation_refused)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = TLS1_2_VERSION });
	expect_handshake(&s);
	ck_assert(SSL_renegotiate(s.client));
	pump(&s);
	ck_assert_msg(s.client_error != 0 && strstr(s.client_error_text, "no renegotiation") != NULL,
		      "client: %d '%s'", s.client_error, s.client_error_text);
	/* RFC 6120 §5.3.5: and the server's end fails at once (the connection then
	 * closes the socket), whatever the client does next. */
	ck_assert_int_eq(s.server_status, TLS_E_PROTOCOL);
	ck_assert_msg(strstr(tls_conn_error(s.server), "§5.3.5") != NULL, "%s", tls_conn_error(s.server));
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

/* ---------- ALPN and SNI ---------- */

START_TEST(test_alpn_xmpp_client)
{
	/* Requirement: XEP0368-3-h */
	static const char *const offers[] = { "\x0bxmpp-client", "\x02h2\x0bxmpp-client\x08http/1.1" };
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = versions[_i % 2],
						    .alpn = offers[_i / 2] });
	expect_handshake(&s);
	ck_assert(span_eq(tls_conn_alpn(s.server), SPAN_LIT("xmpp-client")));
	const unsigned char *proto = NULL;
	unsigned int len = 0;
	SSL_get0_alpn_selected(s.client, &proto, &len);
	ck_assert(span_eq(span_of(proto, len), SPAN_LIT("xmpp-client")));
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

START_TEST(test_alpn_without_xmpp_client_refused)
{
	/* Requirement: XEP0368-3-h */
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = versions[_i],
						    .alpn = "\x02h2\x08http/1.1" });
	expect_refused(&s, "no application protocol", "no application protocol");
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

START_TEST(test_sni_recorded)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = versions[_i], .sni = "example.org" });
	ck_assert_uint_eq(tls_conn_sni(s.server).len, 0);
	expect_handshake(&s);
	ck_assert(span_eq(tls_conn_sni(s.server), SPAN_LIT("example.org")));
	session_close(&s);
	ck_assert_uint_eq(tmem_state.live_bytes, 0);
	tls_context_free(ctx);
}
END_TEST

/* ---------- closing ---------- */

START_TEST(test_peer_close_notify)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = versions[_i] });
	expect_handshake(&s);
	/* data, then close_notify, in one flight: the data first */
	size_t written = 0;
	ck_assert(SSL_write_ex(s.client, "</stream:stream>", 16, &written));
	ck_assert_int_eq(SSL_shutdown(s.client), 0);
	pump(&s);
	expect_bytes(&s.server_plain, "</stream:stream>", 16);
	ck_assert_int_eq(s.server_status, TLS_CLOSED);
	uint8_t tmp[8];
	size_t n = 0;
	ck_assert_int_eq(tls_conn_read_plaintext(s.server, tmp, sizeof tmp, &n), TLS_CLOSED);
	ck_assert_str_eq(tls_conn_error(s.server), "");
	/* our answer */
	ck_assert_int_eq(tls_conn_shutdown(s.server), TLS_OK);
	ck_assert(tls_conn_wants_write(s.server));
	ck_assert(server_to_client(&s));
	ck_assert_int_eq(SSL_shutdown(s.client), 1); /* both close_notify seen */
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

/* Requirement: RFC6120-4.4-e */
START_TEST(test_server_close_notify)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = versions[_i] });
	expect_handshake(&s);
	ck_assert_int_eq(tls_conn_shutdown(s.server), TLS_OK);
	ck_assert_int_eq(tls_conn_shutdown(s.server), TLS_OK); /* once is enough */
	pump(&s);
	ck_assert(s.client_closed);
	ck_assert(SSL_get_shutdown(s.client) & SSL_RECEIVED_SHUTDOWN);
	size_t accepted = 0;
	ck_assert_int_eq(tls_conn_write_plaintext(s.server, (const uint8_t *)"x", 1, &accepted),
			 TLS_E_INVALID);
	/* reading goes on until the peer's close_notify */
	client_send(&s, (const uint8_t *)"late", 4);
	expect_bytes(&s.server_plain, "late", 4);
	ck_assert_int_eq(SSL_shutdown(s.client), 1);
	pump(&s);
	ck_assert_int_eq(s.server_status, TLS_CLOSED);
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

/* ---------- post-handshake messages ---------- */

/* RFC 8446 §4.6.3: a KeyUpdate with update_requested is answered "prior to
 * sending its next Application Data record": OpenSSL answers lazily, with the
 * next write, so reading it queues nothing. Both directions then run on new
 * keys; a missed update would make the next record undecryptable. */
START_TEST(test_key_update_answered)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ 0 });
	expect_handshake(&s);
	ck_assert(SSL_key_update(s.client, SSL_KEY_UPDATE_REQUESTED));
	ck_assert_int_eq(SSL_do_handshake(s.client), 1); /* sends the KeyUpdate */
	ck_assert(client_to_server(&s));
	ck_assert_int_eq(s.server_status, TLS_OK);
	ck_assert(!tls_conn_wants_write(s.server));
	ck_assert_uint_eq(s.server_plain.len, 0);
	server_send(&s, (const uint8_t *)"both", 4); /* KeyUpdate, then the record */
	client_send(&s, (const uint8_t *)"after", 5);
	expect_bytes(&s.server_plain, "after", 5);
	expect_bytes(&s.client_plain, "both", 4);
	ck_assert_int_eq(SSL_get_key_update_type(s.client), SSL_KEY_UPDATE_NONE); /* done */
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

/* A ticket from one connection resumes the next; not after a reload, and not
 * with tickets off. */
static SSL_SESSION *first_session(struct tls_context *ctx, int version)
{
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = version });
	expect_handshake(&s);
	SSL_SESSION *ticket = SSL_get1_session(s.client);
	ck_assert_ptr_nonnull(ticket);
	/* OpenSSL marks the session of an SSL freed without close_notify as not
	 * resumable (it may have been cut by an attacker), on either end: close
	 * properly, so that only the server's settings decide. */
	ck_assert_int_eq(SSL_shutdown(s.client), 0);
	pump(&s);
	ck_assert_int_eq(s.server_status, TLS_CLOSED);
	ck_assert_int_eq(tls_conn_shutdown(s.server), TLS_OK);
	pump(&s);
	session_close(&s);
	return ticket;
}

static bool resumes(struct tls_context *ctx, int version, SSL_SESSION *ticket)
{
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = version, .session = ticket });
	expect_handshake(&s);
	bool resumed = tls_conn_resumed(s.server);
	ck_assert_int_eq(resumed, SSL_session_reused(s.client) == 1);
	session_close(&s);
	return resumed;
}

START_TEST(test_session_tickets)
{
	int version = versions[_i];
	struct tls_context *ctx = context_new(NULL);
	SSL_SESSION *ticket = first_session(ctx, version);
	ck_assert(SSL_SESSION_is_resumable(ticket));
	ck_assert(resumes(ctx, version, ticket));
	char err[TLS_ERROR_TEXT_MAX];
	ck_assert_int_eq(tls_context_reload(ctx, crt_path[CERT_MAIN], key_path[CERT_MAIN], err,
					    sizeof err), TLS_OK);
	ck_assert(!resumes(ctx, version, ticket));
	SSL_SESSION_free(ticket);
	tls_context_free(ctx);

	ctx = context_new(&(struct tls_context_options){ .session_tickets_off = true });
	ticket = first_session(ctx, version);
	ck_assert(!resumes(ctx, version, ticket));
	SSL_SESSION_free(ticket);
	tls_context_free(ctx);
}
END_TEST

/* ---------- channel binding ---------- */

static void client_exporter(SSL *client, int use_context, uint8_t out[TLS_CB_EXPORTER_LEN])
{
	static const char label[] = "EXPORTER-Channel-Binding";
	ck_assert_int_eq(SSL_export_keying_material(client, out, TLS_CB_EXPORTER_LEN, label,
						    sizeof label - 1, (const unsigned char *)"", 0,
						    use_context), 1);
}

static size_t client_end_point(SSL *client, const EVP_MD *md, uint8_t out[EVP_MAX_MD_SIZE])
{
	X509 *cert = SSL_get0_peer_certificate(client);
	ck_assert_ptr_nonnull(cert);
	unsigned int len = 0;
	ck_assert(X509_digest(cert, md, out, &len));
	return len;
}

static void expect_binding(struct session *s, enum tls_cb_type type, const uint8_t *want,
			   size_t want_len)
{
	uint8_t got[TLS_CB_DATA_MAX];
	size_t len = 0;
	ck_assert_int_eq(tls_conn_channel_binding(s->server, type, got, sizeof got, &len), TLS_OK);
	ck_assert_uint_eq(len, want_len);
	ck_assert_int_eq(memcmp(got, want, len), 0);
	/* a buffer one byte short is refused, not overrun */
	ck_assert_int_eq(tls_conn_channel_binding(s->server, type, got, want_len - 1, &len),
			 TLS_E_INVALID);
}

START_TEST(test_channel_binding_tls13)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ 0 });
	expect_handshake(&s);
	uint8_t want[EVP_MAX_MD_SIZE], no_context[TLS_CB_EXPORTER_LEN];
	client_exporter(s.client, 1, want);
	expect_binding(&s, TLS_CB_EXPORTER, want, TLS_CB_EXPORTER_LEN);
	/* RFC 8446 §7.5: no context and an empty one are the same in TLS 1.3 */
	client_exporter(s.client, 0, no_context);
	ck_assert_int_eq(memcmp(want, no_context, TLS_CB_EXPORTER_LEN), 0);
	size_t len = client_end_point(s.client, EVP_sha256(), want);
	expect_binding(&s, TLS_CB_SERVER_END_POINT, want, len);
	ck_assert_uint_eq(len, 32);
	uint8_t cb[TLS_CB_DATA_MAX];
	ck_assert_int_eq(tls_conn_channel_binding(s.server, TLS_CB_TYPE_COUNT, cb, sizeof cb, &len),
			 TLS_E_INVALID);
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

/* OpenSSL negotiates the extended master secret by default (RFC 7627, both
 * ends), so a default TLS 1.2 connection has tls-exporter; and there the
 * zero-length context is not "no context" (RFC 5705 §4), so the choice matters. */
START_TEST(test_channel_binding_tls12_with_ems)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = TLS1_2_VERSION });
	expect_handshake(&s);
	ck_assert_int_eq(SSL_get_extms_support(s.client), 1);
	uint8_t want[EVP_MAX_MD_SIZE], no_context[TLS_CB_EXPORTER_LEN];
	client_exporter(s.client, 1, want);
	expect_binding(&s, TLS_CB_EXPORTER, want, TLS_CB_EXPORTER_LEN);
	client_exporter(s.client, 0, no_context);
	ck_assert_int_ne(memcmp(want, no_context, TLS_CB_EXPORTER_LEN), 0);
	size_t len = client_end_point(s.client, EVP_sha256(), want);
	expect_binding(&s, TLS_CB_SERVER_END_POINT, want, len);
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

/* RFC 9266 §3: without the extended master secret, TLS 1.2 has no tls-exporter
 * (the triple handshake attack makes the value shareable between connections). */
START_TEST(test_channel_binding_tls12_without_ems)
{
	struct tls_context *ctx = context_new(NULL);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .max_version = TLS1_2_VERSION, .no_ems = true });
	expect_handshake(&s);
	ck_assert_int_eq(SSL_get_extms_support(s.client), 0);
	uint8_t cb[TLS_CB_DATA_MAX];
	size_t len = 99;
	ck_assert_int_eq(tls_conn_channel_binding(s.server, TLS_CB_EXPORTER, cb, sizeof cb, &len),
			 TLS_E_UNAVAILABLE);
	ck_assert_uint_eq(len, 0);
	uint8_t want[EVP_MAX_MD_SIZE];
	len = client_end_point(s.client, EVP_sha256(), want);
	expect_binding(&s, TLS_CB_SERVER_END_POINT, want, len);
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

/* RFC 5929 §4.1: the certificate's signature hash, SHA-256 for MD5 and SHA-1;
 * no single hash (Ed25519): undefined. */
static const struct {
	enum cert_kind cert;
	const char *md; /* NULL: unavailable */
} end_point_cases[] = {
	{ CERT_MAIN, "SHA256" },
	{ CERT_SHA1, "SHA256" },
	{ CERT_SHA384, "SHA384" },
	{ CERT_SHA512, "SHA512" },
	{ CERT_ED25519, NULL },
};

START_TEST(test_server_end_point_hash)
{
	enum cert_kind kind = end_point_cases[_i].cert;
	struct tls_context *ctx = NULL;
	char err[TLS_ERROR_TEXT_MAX];
	ck_assert_msg(tls_context_new(crt_path[kind], key_path[kind], NULL, mem_default(), &ctx, err,
				      sizeof err) == TLS_OK, "%s", err);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ 0 });
	expect_handshake(&s);
	uint8_t cb[TLS_CB_DATA_MAX];
	size_t len = 0;
	if (end_point_cases[_i].md == NULL) {
		ck_assert_int_eq(tls_conn_channel_binding(s.server, TLS_CB_SERVER_END_POINT, cb,
							  sizeof cb, &len), TLS_E_UNAVAILABLE);
	} else {
		EVP_MD *md = EVP_MD_fetch(NULL, end_point_cases[_i].md, NULL);
		ck_assert_ptr_nonnull(md);
		uint8_t want[EVP_MAX_MD_SIZE];
		len = client_end_point(s.client, md, want);
		ck_assert_uint_eq(len, (size_t)EVP_MD_get_size(md));
		expect_binding(&s, TLS_CB_SERVER_END_POINT, want, len);
		EVP_MD_free(md);
	}
	/* the exporter does not depend on the certificate */
	ck_assert_int_eq(tls_conn_channel_binding(s.server, TLS_CB_EXPORTER, cb, sizeof cb, &len),
			 TLS_OK);
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

/* ---------- the context: errors and reload ---------- */

static void expect_context_error(const char *crt, const char *key, const char *want1,
				 const char *want2)
{
	struct tls_context *ctx = (struct tls_context *)&ctx; /* must be overwritten */
	char err[TLS_ERROR_TEXT_MAX];
	ck_assert_int_eq(tls_context_new(crt, key, NULL, mem_default(), &ctx, err, sizeof err),
			 TLS_E_CONFIG);
	ck_assert_ptr_null(ctx);
	ck_assert_msg(strstr(err, want1) != NULL, "'%s' lacks '%s'", err, want1);
	ck_assert_msg(strstr(err, want2) != NULL, "'%s' lacks '%s'", err, want2);
	ck_assert_int_eq(ERR_peek_error(), 0);
}

START_TEST(test_context_errors_name_the_file)
{
	char missing[160], garbage_path[160];
	(void)snprintf(missing, sizeof missing, "%s/missing.pem", dir);
	(void)snprintf(garbage_path, sizeof garbage_path, "%s/garbage.pem", dir);
	FILE *f = fopen(garbage_path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", f),
			 0);
	ck_assert_int_eq(fclose(f), 0);

	expect_context_error(missing, key_path[CERT_MAIN], "certificate", missing);
	expect_context_error(missing, key_path[CERT_MAIN], "No such file", "");
	expect_context_error(crt_path[CERT_MAIN], missing, "key", missing);
	expect_context_error(garbage_path, key_path[CERT_MAIN], "certificate", garbage_path);
	expect_context_error(crt_path[CERT_MAIN], garbage_path, "key", garbage_path);
	expect_context_error(crt_path[CERT_MAIN], key_path[CERT_OTHER], "does not match certificate",
			     key_path[CERT_OTHER]);
	/* a key of another type (Ed25519 for an EC certificate) */
	expect_context_error(crt_path[CERT_MAIN], key_path[CERT_ED25519], "does not match certificate",
			     crt_path[CERT_MAIN]);
	/* no buffer for the text: still refused */
	struct tls_context *ctx = NULL;
	ck_assert_int_eq(tls_context_new(missing, missing, NULL, mem_default(), &ctx, NULL, 0),
			 TLS_E_CONFIG);
	ck_assert_ptr_null(ctx);
	(void)unlink(garbage_path);
}
END_TEST

static void expect_server_cert(struct session *s, enum cert_kind kind)
{
	FILE *f = fopen(crt_path[kind], "r");
	ck_assert_ptr_nonnull(f);
	X509 *want = PEM_read_X509(f, NULL, NULL, NULL);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_ptr_nonnull(want);
	ck_assert_int_eq(X509_cmp(SSL_get0_peer_certificate(s->client), want), 0);
	/* and tls-server-end-point is that certificate's */
	uint8_t digest[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	ck_assert(X509_digest(want, EVP_sha256(), digest, &len));
	expect_binding(s, TLS_CB_SERVER_END_POINT, digest, len);
	X509_free(want);
}

START_TEST(test_reload_failure_keeps_the_old_pair)
{
	struct tls_context *ctx = context_new(NULL);
	char missing[160], err[TLS_ERROR_TEXT_MAX];
	(void)snprintf(missing, sizeof missing, "%s/missing.key", dir);
	ck_assert_int_eq(tls_context_reload(ctx, crt_path[CERT_OTHER], missing, err, sizeof err),
			 TLS_E_CONFIG);
	ck_assert_msg(strstr(err, missing) != NULL && strstr(err, "No such file") != NULL, "%s", err);
	ck_assert_int_eq(tls_context_reload(ctx, crt_path[CERT_OTHER], key_path[CERT_MAIN], err,
					    sizeof err), TLS_E_CONFIG);
	ck_assert_msg(strstr(err, "does not match") != NULL, "%s", err);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ 0 });
	expect_handshake(&s);
	expect_server_cert(&s, CERT_MAIN);
	session_close(&s);
	tls_context_free(ctx);
}
END_TEST

START_TEST(test_reload_changes_new_connections_only)
{
	struct tls_context *ctx = context_new(NULL);
	struct session before, after;
	session_open(&before, ctx, &(struct client_opts){ 0 });
	char err[TLS_ERROR_TEXT_MAX];
	ck_assert_msg(tls_context_reload(ctx, crt_path[CERT_OTHER], key_path[CERT_OTHER], err,
					 sizeof err) == TLS_OK, "%s", err);
	ck_assert_str_eq(err, "");
	session_open(&after, ctx, &(struct client_opts){ 0 });
	/* the connection made before the reload handshakes with the old pair */
	expect_handshake(&before);
	expect_server_cert(&before, CERT_MAIN);
	expect_handshake(&after);
	expect_server_cert(&after, CERT_OTHER);
	/* and keeps working after the context is reloaded again and the old pair is gone */
	ck_assert_int_eq(tls_context_reload(ctx, crt_path[CERT_SHA384], key_path[CERT_SHA384], err,
					    sizeof err), TLS_OK);
	client_send(&before, (const uint8_t *)"still", 5);
	expect_bytes(&before.server_plain, "still", 5);
	session_close(&before);
	session_close(&after);
	tls_context_free(ctx);
}
END_TEST

/* ---------- tools/gen-cert.sh ---------- */

/* The script's exit status; its output goes to /dev/null (stderr too when quiet). */
static int run_gen_cert(const char *domain, const char *out_dir, bool quiet)
{
	/* posix_spawn wants char *const argv[]: writable copies */
	char sh[] = "sh", script[] = "tools/gen-cert.sh", arg_domain[64], arg_dir[160];
	(void)snprintf(arg_domain, sizeof arg_domain, "%s", domain);
	(void)snprintf(arg_dir, sizeof arg_dir, "%s", out_dir);
	char *argv[] = { sh, script, arg_domain, arg_dir, NULL };
	posix_spawn_file_actions_t actions;
	ck_assert_int_eq(posix_spawn_file_actions_init(&actions), 0);
	ck_assert_int_eq(posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0), 0);
	if (quiet)
		ck_assert_int_eq(posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0),
				 0);
	pid_t pid;
	ck_assert_int_eq(posix_spawnp(&pid, "sh", &actions, NULL, argv, environ), 0);
	posix_spawn_file_actions_destroy(&actions);
	int status = 0;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static size_t read_file(const char *path, char *out, size_t cap)
{
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	size_t n = fread(out, 1, cap, f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_lt(n, cap);
	return n;
}

START_TEST(test_gen_cert_script)
{
	ck_assert_msg(access("tools/gen-cert.sh", R_OK) == 0,
		      "tools/gen-cert.sh not found: run the unit tests from the repository root");
	char out_dir[160], crt[200], key[200];
	(void)snprintf(out_dir, sizeof out_dir, "%s/certs", dir);
	(void)snprintf(crt, sizeof crt, "%s/example.org.crt", out_dir);
	(void)snprintf(key, sizeof key, "%s/example.org.key", out_dir);
	ck_assert_int_eq(run_gen_cert("example.org", out_dir, false), 0);
	struct stat st;
	ck_assert_int_eq(stat(key, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);

	/* idempotent: both files untouched by a second run */
	static char crt_a[4096], key_a[4096], crt_b[4096], key_b[4096];
	size_t crt_len = read_file(crt, crt_a, sizeof crt_a);
	size_t key_len = read_file(key, key_a, sizeof key_a);
	ck_assert_int_eq(run_gen_cert("example.org", out_dir, false), 0);
	ck_assert_uint_eq(read_file(crt, crt_b, sizeof crt_b), crt_len);
	ck_assert_uint_eq(read_file(key, key_b, sizeof key_b), key_len);
	ck_assert_int_eq(memcmp(crt_a, crt_b, crt_len), 0);
	ck_assert_int_eq(memcmp(key_a, key_b, key_len), 0);

	/* the certificate: SAN DNS:example.org, EC P-256, ten years */
	FILE *f = fopen(crt, "r");
	ck_assert_ptr_nonnull(f);
	X509 *x = PEM_read_X509(f, NULL, NULL, NULL);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(X509_check_host(x, "example.org", 0, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, NULL), 1);
	ck_assert_int_eq(X509_check_host(x, "example.com", 0, 0, NULL), 0);
	EVP_PKEY *pub = X509_get0_pubkey(x);
	char group[32];
	ck_assert(EVP_PKEY_get_group_name(pub, group, sizeof group, NULL));
	ck_assert_str_eq(group, "prime256v1");
	int days = 0, secs = 0;
	ck_assert(ASN1_TIME_diff(&days, &secs, NULL, X509_get0_notAfter(x)));
	ck_assert_int_ge(days, 3649);
	ck_assert_int_le(days, 3650);
	ck_assert_int_eq(X509_check_ca(x), 0); /* a leaf */
	X509_free(x);

	/* it serves */
	struct tls_context *ctx = NULL;
	char err[TLS_ERROR_TEXT_MAX];
	ck_assert_msg(tls_context_new(crt, key, NULL, mem_default(), &ctx, err, sizeof err) == TLS_OK,
		      "%s", err);
	struct session s;
	session_open(&s, ctx, &(struct client_opts){ .sni = "example.org" });
	expect_handshake(&s);
	session_close(&s);
	tls_context_free(ctx);

	/* half a pair is made whole again (a new pair) */
	ck_assert_int_eq(unlink(key), 0);
	ck_assert_int_eq(run_gen_cert("example.org", out_dir, false), 0);
	ck_assert_int_eq(access(key, R_OK), 0);
	ck_assert_uint_gt(read_file(crt, crt_b, sizeof crt_b), 0);
	ck_assert_int_ne(memcmp(crt_a, crt_b, crt_len), 0);

	/* names that are not DNS names are refused before anything is written */
	ck_assert_int_eq(run_gen_cert("../evil", out_dir, true), 2);
	ck_assert_int_eq(run_gen_cert("a b", out_dir, true), 2);

	ck_assert_int_eq(unlink(crt), 0);
	ck_assert_int_eq(unlink(key), 0);
	ck_assert_int_eq(rmdir(out_dir), 0);
}
END_TEST

/* ---------- allocation failures ---------- */

/* One full exchange with SNI, both directions and a close; returns whether all of
 * it worked, and checks that whatever failed said TLS_E_NOMEM. */
static bool exchange_under(struct tls_context *ctx, SSL_CTX *client_ctx, size_t fail_at)
{
	tmem_state = (struct test_mem){ .fail_at = fail_at };
	struct session s;
	session_open_with(&s, ctx, &tmem, client_ctx, &(struct client_opts){ .sni = "example.org" });
	if (s.server == NULL) {
		ck_assert(tmem_state.failed);
		session_close(&s);
		return false;
	}
	pump(&s);
	bool ok = s.server_status == TLS_OK && s.feed_status == TLS_OK && s.take_status == TLS_OK &&
		  tls_conn_handshake_done(s.server);
	if (ok) {
		size_t accepted = 0;
		client_send(&s, (const uint8_t *)"ping", 4);
		enum tls_status st = tls_conn_write_plaintext(s.server, (const uint8_t *)"pong", 4, &accepted);
		note_server(&s, st);
		pump(&s);
		ok = st == TLS_OK && s.server_status == TLS_OK && s.feed_status == TLS_OK &&
		     s.take_status == TLS_OK && s.server_plain.len == 4 && s.client_plain.len == 4;
	}
	if (!ok) {
		ck_assert_msg(tmem_state.failed, "failed without an allocation failure");
		enum tls_status seen[] = { s.server_status, s.feed_status, s.take_status };
		bool nomem = false;
		for (size_t i = 0; i < sizeof seen / sizeof seen[0]; i++) {
			ck_assert_msg(seen[i] == TLS_OK || seen[i] == TLS_E_NOMEM, "allocation %zu: %s: %s",
				      fail_at, tls_status_name(seen[i]), tls_conn_error(s.server));
			nomem = nomem || seen[i] == TLS_E_NOMEM;
		}
		ck_assert_msg(nomem, "allocation %zu failed silently", fail_at);
	}
	session_close(&s);
	ck_assert_uint_eq(tmem_state.live_bytes, 0);
	return ok;
}

START_TEST(test_allocation_failures)
{
	struct tls_context *ctx = context_new(NULL);
	SSL_CTX *client_ctx = client_ctx_new(&(struct client_opts){ 0 });
	ck_assert(exchange_under(ctx, client_ctx, 0));
	size_t total = tmem_state.allocations;
	ck_assert_uint_ge(total, 5);
	size_t failures = 0;
	for (size_t k = 1; k <= total; k++)
		failures += exchange_under(ctx, client_ctx, k) ? 0 : 1;
	ck_assert_uint_eq(failures, total); /* none of them is optional */
	ck_assert(exchange_under(ctx, client_ctx, total + 1));
	SSL_CTX_free(client_ctx);
	tls_context_free(ctx);
	tmem_state = (struct test_mem){ 0 };
}
END_TEST

START_TEST(test_context_allocation_failure)
{
	struct tls_context *ctx = (struct tls_context *)&ctx;
	char err[TLS_ERROR_TEXT_MAX];
	tmem_state = (struct test_mem){ .fail_at = 1 };
	ck_assert_int_eq(tls_context_new(crt_path[CERT_MAIN], key_path[CERT_MAIN], NULL, &tmem, &ctx,
					 err, sizeof err), TLS_E_NOMEM);
	ck_assert_ptr_null(ctx);
	ck_assert_str_eq(err, "TLS context: out of memory");
	ck_assert_uint_eq(tmem_state.live_bytes, 0);
	tmem_state = (struct test_mem){ 0 };
}
END_TEST

/* ---------- memory per idle connection ---------- */

/* TLS 1.3, what clients use; TLS 1.2 on fewer, to keep the suite fast. */
static const size_t idle_connections[] = { 1000, 200 };
#define IDLE_CONNECTIONS_MAX 1000
/* Measured with OpenSSL 3.0 (glibc usable sizes): about 14.2 KB at TLS 1.3 and
 * 13.2 KB at TLS 1.2, of which the SSL object is 7.6 KB. The bound breaks if a
 * record buffer stays allocated while idle (~16.6 KB each: what
 * SSL_MODE_RELEASE_BUFFERS prevents; without it the total is ~47 KB) or this
 * layer keeps its queues. */
#define IDLE_BYTES_MAX 16384

static size_t heap_in_use(void)
{
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}

START_TEST(test_idle_memory)
{
	int version = versions[_i];
	struct tls_context *ctx = context_new(NULL);
	SSL_CTX *client_ctx = client_ctx_new(&(struct client_opts){ .max_version = version });
	static struct session sessions[IDLE_CONNECTIONS_MAX];
	size_t count = idle_connections[_i];
	tmem_state = (struct test_mem){ 0 };
	/* warm up: OpenSSL's lazy tables (providers, error strings, methods) */
	for (int i = 0; i < 2; i++) {
		session_open_with(&sessions[0], ctx, &tmem, client_ctx, &(struct client_opts){ 0 });
		expect_handshake(&sessions[0]);
		session_close(&sessions[0]);
	}
	size_t openssl_before = openssl_live_bytes, heap_before = heap_in_use();
	for (size_t i = 0; i < count; i++) {
		struct session *s = &sessions[i];
		session_open_with(s, ctx, &tmem, client_ctx, &(struct client_opts){ .sni = "example.org" });
		expect_handshake(s);
		ck_assert(!tls_conn_wants_write(s->server));
		/* the client's memory is not the server's */
		session_close_client(s);
		buf_free(&s->server_plain);
	}
	size_t openssl_per = (openssl_live_bytes - openssl_before) / count;
	size_t ours_per = tmem_state.live_bytes / count;
	size_t heap_after = heap_in_use();
	size_t heap_per = heap_after > heap_before ? (heap_after - heap_before) / count : 0;
	printf("tls: idle %s connection after the handshake: %zu bytes (OpenSSL %zu, tls_conn %zu; "
	       "%zu connections, counted with CRYPTO_set_mem_functions and malloc_usable_size%s)",
	       version_names[_i], openssl_per + ours_per, openssl_per, ours_per, count,
	       openssl_counting ? "" : " UNAVAILABLE: OpenSSL allocated before the constructor");
	if (heap_per > 0) /* mallinfo2() says 0 under ASan, which has its own heap */
		printf("; glibc heap grew %zu bytes per connection", heap_per);
	printf("\n");
	ck_assert_msg(openssl_counting, "OpenSSL allocated before CRYPTO_set_mem_functions");
	ck_assert_uint_gt(openssl_per, 1000); /* the counter counts */
	ck_assert_uint_le(openssl_per + ours_per, IDLE_BYTES_MAX);
	ck_assert_uint_le(ours_per, 192); /* the struct and the SNI copy: no queue */
	/* Closed the polite way (close_notify), which is when OpenSSL would keep a
	 * session in a server-side cache. */
	for (size_t i = 0; i < count; i++) {
		ck_assert_int_eq(tls_conn_shutdown(sessions[i].server), TLS_OK);
		tls_conn_free(sessions[i].server);
	}
	ck_assert_uint_eq(tmem_state.live_bytes, 0);
	/* Nothing stays behind per connection: no server-side session cache (the
	 * tickets carry the sessions), which would hold ~1 KB for each. */
	size_t left = openssl_live_bytes > openssl_before ? openssl_live_bytes - openssl_before : 0;
	ck_assert_uint_lt(left, 8 * count);
	SSL_CTX_free(client_ctx);
	tls_context_free(ctx);
}
END_TEST

Suite *tls_suite(void)
{
	Suite *s = suite_create("tls");
	int version_count = (int)(sizeof versions / sizeof versions[0]);

	TCase *names = tcase_create("names");
	tcase_add_test(names, test_name_tables_complete);
	suite_add_tcase(s, names);

	TCase *conn = tcase_create("connection");
	tcase_add_unchecked_fixture(conn, certs_setup, certs_teardown);
	tcase_add_checked_fixture(conn, tmem_reset, NULL);
	tcase_add_loop_test(conn, test_handshake_and_data_both_ways, 0, version_count);
	tcase_add_loop_test(conn, test_one_byte_feeding, 0, version_count);
	tcase_add_loop_test(conn, test_large_writes, 0, version_count);
	tcase_add_test(conn, test_data_pipelined_with_client_finished);
	tcase_add_test(conn, test_small_reads_keep_the_rest);
	tcase_add_test(conn, test_write_refused_before_handshake);
	tcase_add_test(conn, test_take_ciphertext_appends_or_hands_over);
	tcase_add_test(conn, test_tls11_refused);
	tcase_add_test(conn, test_tls12_refused_when_tls13_only);
	tcase_add_loop_test(conn, test_weak_tls12_suites_refused, 0,
			    (int)(sizeof weak_suites / sizeof weak_suites[0]));
	tcase_add_loop_test(conn, test_garbage_refused, 0, (int)(sizeof garbage / sizeof garbage[0]));
	tcase_add_test(conn, test_renegotiation_refused);
	tcase_add_loop_test(conn, test_alpn_xmpp_client, 0, 4);
	tcase_add_loop_test(conn, test_alpn_without_xmpp_client_refused, 0, version_count);
	tcase_add_loop_test(conn, test_sni_recorded, 0, version_count);
	tcase_add_loop_test(conn, test_peer_close_notify, 0, version_count);
	tcase_add_loop_test(conn, test_server_close_notify, 0, version_count);
	tcase_add_test(conn, test_key_update_answered);
	tcase_add_loop_test(conn, test_session_tickets, 0, version_count);
	tcase_add_test(conn, test_allocation_failures);
	suite_add_tcase(s, conn);

	TCase *cb = tcase_create("channel binding");
	tcase_add_unchecked_fixture(cb, certs_setup, certs_teardown);
	tcase_add_checked_fixture(cb, tmem_reset, NULL);
	tcase_add_test(cb, test_channel_binding_tls13);
	tcase_add_test(cb, test_channel_binding_tls12_with_ems);
	tcase_add_test(cb, test_channel_binding_tls12_without_ems);
	tcase_add_loop_test(cb, test_server_end_point_hash, 0,
			    (int)(sizeof end_point_cases / sizeof end_point_cases[0]));
	suite_add_tcase(s, cb);

	TCase *context = tcase_create("context");
	tcase_add_unchecked_fixture(context, certs_setup, certs_teardown);
	tcase_add_checked_fixture(context, tmem_reset, NULL);
	tcase_add_test(context, test_context_errors_name_the_file);
	tcase_add_test(context, test_context_allocation_failure);
	tcase_add_test(context, test_reload_failure_keeps_the_old_pair);
	tcase_add_test(context, test_reload_changes_new_connections_only);
	tcase_add_test(context, test_gen_cert_script);
	suite_add_tcase(s, context);

	TCase *memory = tcase_create("memory");
	tcase_set_timeout(memory, 60); /* 1200 handshakes; slower under ASan */
	tcase_add_unchecked_fixture(memory, certs_setup, certs_teardown);
	tcase_add_checked_fixture(memory, tmem_reset, NULL);
	tcase_add_loop_test(memory, test_idle_memory, 0, version_count);
	suite_add_tcase(s, memory);
	return s;
}
