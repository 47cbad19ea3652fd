/* harness.c - fuzz target for the client-to-server session: stream_input()
 * (src/stream.h) over the XML parser, the negotiation chart, SASL and binding,
 * with TLS replaced by an in-memory stand-in (style rule 14: one target per
 * input entry point; this is the TCP path's).
 *
 * The first input byte chooses the setup; the rest is what the client sends:
 *   bit 0  TLS is up from the start (as on the Direct TLS port): PLAIN offered
 *   bit 1  STARTTLS is required (else optional)
 *   bit 2  only PLAIN and SCRAM-SHA-1 are offered
 *   bit 3  resource conflicts get a random suffix (else they are refused)
 *   bit 4  in-band registration (XEP-0077) is enabled; "juliet" is taken and
 *          "busy" is throttled, any other valid username registers
 * When the stream answers <starttls/> with <proceed/>, the harness declares TLS
 * established and feeds the rest of the input as the decrypted stream.
 * There is one account, juliet / r0m30 (SCRAM keys with 1 iteration, so the
 * fuzzer is not slowed by PBKDF2), and the resource "taken" is always in use.
 *
 * P1 no crash and no leak: every block allocated through the counting struct
 *    mem is released by stream_free().
 * P2 split invariance: the bytes the server sends, and the io calls it makes,
 *    are the same whether the input is fed in one call or in chunks (sizes from
 *    a hash of the input).
 * P3 closing: io.close is called at most once, nothing is sent after it, and a
 *    stream that reports STREAM_CLOSED has called it.
 * P4 a bound stream has authenticated: stream_is_bound implies a SASL success. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "driver.h"
#include "scram.h"
#include "stream.h"

struct session {
	struct buf log;      /* everything sent, and a line per io call */
	int closes;
	bool sent_after_close;
	int authenticated;
};

static struct credentials juliet;

static void put_log(struct session *se, const char *text)
{
	if (!buf_append(&se->log, text, strlen(text)))
		abort();
}

static void io_send(void *ctx, struct span bytes)
{
	struct session *se = ctx;
	if (se->closes > 0)
		se->sent_after_close = true;
	if (!buf_append_span(&se->log, bytes))
		abort();
}

static bool io_start_tls(void *ctx)
{
	put_log(ctx, "\n[start_tls]\n");
	return true;
}

static void io_close(void *ctx)
{
	struct session *se = ctx;
	se->closes++;
	put_log(se, "\n[close]\n");
}

static enum stream_lookup io_lookup(void *ctx, struct span user, struct credentials *out)
{
	(void)ctx;
	if (!span_eq(user, SPAN_LIT("juliet")))
		return STREAM_LOOKUP_NOT_FOUND;
	*out = juliet;
	return STREAM_LOOKUP_FOUND;
}

static enum stream_bind_result io_bind(void *ctx, struct span jid)
{
	put_log(ctx, "\n[bind]\n");
	return span_eq(jid, SPAN_LIT("juliet@example.com/taken")) ? STREAM_BIND_CONFLICT : STREAM_BIND_OK;
}

static void io_deliver(void *ctx, const struct xml_node *stanza)
{
	(void)stanza;
	put_log(ctx, "\n[deliver]\n");
}

static bool io_auth_allowed(void *ctx, struct span user)
{
	(void)ctx;
	return !span_eq(user, SPAN_LIT("blocked"));
}

static void io_auth_failed(void *ctx, struct span user)
{
	(void)user;
	put_log(ctx, "\n[auth_failed]\n");
}

static void io_authenticated(void *ctx, struct span user, const char *mech)
{
	struct session *se = ctx;
	(void)user;
	(void)mech;
	se->authenticated++;
	put_log(se, "\n[authenticated]\n");
}

static enum stream_register io_register_account(void *ctx, struct span user, struct span password)
{
	(void)password;
	put_log(ctx, "\n[register]\n");
	if (span_eq(user, SPAN_LIT("juliet")))
		return STREAM_REGISTER_CONFLICT;
	return span_eq(user, SPAN_LIT("busy")) ? STREAM_REGISTER_THROTTLED : STREAM_REGISTER_OK;
}

static const uint8_t cb_exporter[32] = { 0x5a };

static void tls_up(struct stream *s)
{
	struct span cb[SCRAM_CB_TYPE_COUNT] = { span_of(cb_exporter, sizeof cb_exporter), span_of(NULL, 0) };
	stream_tls_established(s, cb);
}

/* Feeds `len` bytes in chunks (0: whole); returns the last status. */
static void run(struct session *se, struct stream_settings *st, const uint8_t *in, size_t len, bool secure,
		uint64_t rng, bool whole, const uint8_t *input, size_t input_len)
{
	struct counting_mem cm;
	counting_mem_init(&cm);
	buf_init(&se->log, mem_default());
	struct stream_io io = { se, io_send, io_start_tls, io_close, io_lookup, io_bind, io_deliver,
				io_auth_allowed, io_auth_failed, io_authenticated, io_register_account, NULL };
	struct stream *s = stream_new(&cm.mem, st, &io);
	if (s == NULL)
		abort();
	if (secure)
		tls_up(s);
	size_t at = 0;
	enum stream_status status = STREAM_OK;
	while (at < len && status != STREAM_CLOSED) {
		size_t n = len - at;
		if (!whole) {
			rng = rng * 6364136223846793005ull + 1442695040888963407ull;
			size_t want = 1 + (size_t)(rng >> 33) % 23;
			n = n < want ? n : want;
		}
		size_t used;
		status = stream_input(s, in + at, n, &used);
		if (used > n)
			fuzz_fail(input, input_len, "P3 contract", "stream_input consumed %zu of %zu", used, n);
		at += used;
		if (status == STREAM_TLS)
			tls_up(s); /* the rest of the input is the decrypted stream */
		else if (status == STREAM_OK && used < n)
			fuzz_fail(input, input_len, "P3 contract", "STREAM_OK with %zu of %zu consumed", used, n);
	}
	if (status == STREAM_CLOSED && se->closes != 1)
		fuzz_fail(input, input_len, "P3 closing", "STREAM_CLOSED after %d io.close calls", se->closes);
	if (se->closes > 1 || se->sent_after_close)
		fuzz_fail(input, input_len, "P3 closing", "%d closes, output after close: %d", se->closes,
			  se->sent_after_close);
	if (stream_is_bound(s) && se->authenticated == 0)
		fuzz_fail(input, input_len, "P4 auth", "bound without authenticating");
	stream_free(s);
	if (cm.live != 0)
		fuzz_fail(input, input_len, "P1 leak", "stream_free() left %ld block(s)", cm.live);
}

void fuzz_one(const uint8_t *input, size_t len)
{
	static bool ready;
	if (!ready) {
		if (sodium_init() < 0 ||
		    scram_derive_keys(SCRAM_SHA256, SPAN_LIT("r0m30"), SPAN_LIT("0123456789abcdef"), 1,
				      &juliet.keys[SCRAM_SHA256]) != SASL_OK ||
		    scram_derive_keys(SCRAM_SHA1, SPAN_LIT("r0m30"), SPAN_LIT("0123456789abcdef"), 1,
				      &juliet.keys[SCRAM_SHA1]) != SASL_OK)
			abort();
		ready = true;
	}
	if (len == 0)
		return;
	uint8_t mode = input[0];
	struct stream_settings st = {
		.domain = SPAN_LIT("example.com"),
		.tls_required = (mode & 2) != 0,
		.max_auth_attempts = 3,
		.register_enabled = (mode & 16) != 0,
		.scram_iterations = 1,
		.conflict = (mode & 8) ? CONFIG_CONFLICT_RANDOM_SUFFIX : CONFIG_CONFLICT_REFUSE,
		.xml = xml_limits_default(),
		.test_server_nonce = SPAN_LIT("fuzz-nonce"),
	};
	static const enum config_sasl_mech all[] = { CONFIG_SASL_SCRAM_SHA_256_PLUS, CONFIG_SASL_SCRAM_SHA_256,
						     CONFIG_SASL_SCRAM_SHA_1_PLUS, CONFIG_SASL_SCRAM_SHA_1,
						     CONFIG_SASL_PLAIN };
	static const enum config_sasl_mech few[] = { CONFIG_SASL_PLAIN, CONFIG_SASL_SCRAM_SHA_1 };
	const enum config_sasl_mech *mechs = (mode & 4) ? few : all;
	st.mechanism_count = (mode & 4) ? 2 : 5;
	for (size_t i = 0; i < st.mechanism_count; i++)
		st.mechanisms[i] = mechs[i];
	struct session a = { .closes = 0 }, b = { .closes = 0 };
	uint64_t h = fuzz_hash(input, len);
	run(&a, &st, input + 1, len - 1, (mode & 1) != 0, h, true, input, len);
	run(&b, &st, input + 1, len - 1, (mode & 1) != 0, h, false, input, len);
	if (a.log.len != b.log.len || (a.log.len > 0 && memcmp(a.log.data, b.log.data, a.log.len) != 0)) {
		fprintf(stderr, "--- whole:\n%.*s\n--- split:\n%.*s\n", (int)a.log.len, (const char *)a.log.data,
			(int)b.log.len, (const char *)b.log.data);
		fuzz_fail(input, len, "P2 split invariance", "the session differs when the input is split");
	}
#ifndef __AFL_FUZZ_TESTCASE_LEN
	if (getenv("FUZZ_VERBOSE") != NULL)
		fprintf(stderr, "%.*s\n", (int)a.log.len, (const char *)a.log.data);
#endif
	buf_free(&a.log);
	buf_free(&b.log);
}
