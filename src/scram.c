/* scram.c - SCRAM key derivation and the server side of an exchange (RFC 5802 §3,
 * §5, §6, §7; RFC 7677). Ownership: see scram.h. The grammar is
 * machines/scram.rl's (through sasl_parse.c); this file does what the RFC asks
 * after parsing: flag and binding checks, the nonce, and the proof. */
#include "scram.h"

#include <limits.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <string.h>

/* ---------- names ---------- */

static const char *const mechanism_names[SCRAM_HASH_COUNT][2] = {
	[SCRAM_SHA1] = { "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS" },
	[SCRAM_SHA256] = { "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS" },
};

/* OpenSSL's digest names, for the HMAC parameter and the digest itself. */
static const char *const digest_names[SCRAM_HASH_COUNT] = {
	[SCRAM_SHA1] = "SHA1",
	[SCRAM_SHA256] = "SHA256",
};

static const size_t hash_lens[SCRAM_HASH_COUNT] = {
	[SCRAM_SHA1] = 20,
	[SCRAM_SHA256] = 32,
};

static const char *const cb_type_names[SCRAM_CB_TYPE_COUNT] = {
	[SCRAM_CB_TLS_EXPORTER] = "tls-exporter",
	[SCRAM_CB_TLS_SERVER_END_POINT] = "tls-server-end-point",
};

static const char *const state_names[SCRAM_SERVER_STATE_COUNT] = {
	[SCRAM_SERVER_NEW] = "NEW",
	[SCRAM_SERVER_STARTED] = "STARTED",
	[SCRAM_SERVER_CHALLENGED] = "CHALLENGED",
	[SCRAM_SERVER_SUCCEEDED] = "SUCCEEDED",
	[SCRAM_SERVER_FAILED] = "FAILED",
};

static bool hash_valid(enum scram_hash hash)
{
	return (unsigned)hash < SCRAM_HASH_COUNT;
}

const char *scram_mechanism_name(enum scram_hash hash, bool plus)
{
	return hash_valid(hash) ? mechanism_names[hash][plus ? 1 : 0] : "";
}

size_t scram_hash_len(enum scram_hash hash)
{
	return hash_valid(hash) ? hash_lens[hash] : 0;
}

const char *scram_cb_type_name(enum scram_cb_type type)
{
	return (unsigned)type < SCRAM_CB_TYPE_COUNT ? cb_type_names[type] : "";
}

const char *scram_server_state_name(enum scram_server_state state)
{
	return (unsigned)state < SCRAM_SERVER_STATE_COUNT ? state_names[state] : "?";
}

/* ---------- primitives ---------- */

static const EVP_MD *hash_md(enum scram_hash hash)
{
	return hash == SCRAM_SHA1 ? EVP_sha1() : EVP_sha256();
}

/* HMAC over the concatenation of parts (the AuthMessage has five); out gets
 * hash_lens[hash] bytes. */
static bool hmac_parts(enum scram_hash hash, const uint8_t *key, size_t key_len,
		       const struct span *parts, size_t part_count, uint8_t *out)
{
	char digest_param[sizeof "SHA256"]; /* OSSL_PARAM wants a mutable string */
	memcpy(digest_param, digest_names[hash], strlen(digest_names[hash]) + 1);
	size_t out_len = hash_lens[hash];
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_param, 0),
		OSSL_PARAM_construct_end(),
	};
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
	bool ok = ctx != NULL && EVP_MAC_init(ctx, key, key_len, params) == 1;
	for (size_t i = 0; ok && i < part_count; i++)
		ok = parts[i].len == 0 || EVP_MAC_update(ctx, parts[i].ptr, parts[i].len) == 1;
	size_t written = 0;
	ok = ok && EVP_MAC_final(ctx, out, &written, out_len) == 1 && written == out_len;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ok;
}

static bool hmac(enum scram_hash hash, const uint8_t *key, size_t key_len, struct span data,
		 uint8_t *out)
{
	return hmac_parts(hash, key, key_len, &data, 1, out);
}

static bool digest(enum scram_hash hash, const uint8_t *data, size_t len, uint8_t *out)
{
	unsigned int written = 0;
	return EVP_Digest(data, len, out, &written, hash_md(hash), NULL) == 1 &&
	       written == hash_lens[hash];
}

/* The message buffers hold the longest message the checks before them allow, so
 * the overflow branches below are defence, not control flow. */
_Static_assert(SCRAM_SERVER_FIRST_MAX >=
		       sizeof "r=" - 1 + SCRAM_CLIENT_FIRST_MAX + SCRAM_SERVER_NONCE_MAX +
			       sizeof ",s=" - 1 +
			       sodium_base64_ENCODED_LEN(SCRAM_SALT_MAX, sodium_base64_VARIANT_ORIGINAL) +
			       sizeof ",i=" - 1 + 10,
	       "server-first-message buffer too small");
_Static_assert(SCRAM_SERVER_FINAL_MAX >=
		       sizeof "v=" + sodium_base64_ENCODED_LEN(SCRAM_KEY_MAX, sodium_base64_VARIANT_ORIGINAL) &&
		       SCRAM_SERVER_FINAL_MAX >= sizeof "e=server-does-support-channel-binding",
	       "server-final-message buffer too small");

/* Bytes appended to a fixed buffer; `overflow` sticks, so callers check once. */
struct out_buf {
	uint8_t *bytes;
	size_t cap, len;
	bool overflow;
};

static void put(struct out_buf *b, const void *bytes, size_t len)
{
	if (b->overflow || len > b->cap - b->len) {
		b->overflow = true;
		return;
	}
	if (len > 0)
		memcpy(b->bytes + b->len, bytes, len);
	b->len += len;
}

static void put_str(struct out_buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void put_base64(struct out_buf *b, const uint8_t *bin, size_t bin_len)
{
	size_t need = sodium_base64_ENCODED_LEN(bin_len, sodium_base64_VARIANT_ORIGINAL);
	if (b->overflow || need > b->cap - b->len) { /* need counts sodium's NUL */
		b->overflow = true;
		return;
	}
	sodium_bin2base64((char *)(b->bytes + b->len), need, bin, bin_len,
			  sodium_base64_VARIANT_ORIGINAL);
	b->len += need - 1;
}

static void put_decimal(struct out_buf *b, uint32_t value)
{
	char digits[10];
	size_t n = 0;
	do {
		digits[sizeof digits - 1 - n++] = (char)('0' + value % 10);
		value /= 10;
	} while (value != 0);
	put(b, digits + sizeof digits - n, n);
}

/* Decoded length of base64 that machines/scram.rl accepted (groups of four). */
static size_t base64_decoded_len(struct span text)
{
	size_t len = text.len / 4 * 3;
	if (text.len >= 1 && text.ptr[text.len - 1] == '=')
		len--;
	if (text.len >= 2 && text.ptr[text.len - 2] == '=')
		len--;
	return len;
}

/* ---------- keys ---------- */

enum sasl_error scram_derive_keys(enum scram_hash hash, struct span password, struct span salt,
				  uint32_t iterations, struct scram_keys *out)
{
	if (!hash_valid(hash) || salt.len == 0 || salt.len > SCRAM_SALT_MAX || iterations == 0 ||
	    iterations > INT_MAX || password.len > INT_MAX)
		return SASL_E_INTERNAL;
	size_t hlen = hash_lens[hash];
	uint8_t salted[SCRAM_KEY_MAX], client_key[SCRAM_KEY_MAX];
	memset(out, 0, sizeof *out);
	memcpy(out->salt, salt.ptr, salt.len);
	out->salt_len = salt.len;
	out->iterations = iterations;
	/* Hi() of RFC 5802 §2.2 is PBKDF2 with HMAC as the PRF and dkLen = hLen. */
	bool ok = PKCS5_PBKDF2_HMAC(password.len > 0 ? (const char *)password.ptr : "",
				    (int)password.len, salt.ptr, (int)salt.len, (int)iterations,
				    hash_md(hash), (int)hlen, salted) == 1 &&
		  hmac(hash, salted, hlen, SPAN_LIT("Client Key"), client_key) &&
		  digest(hash, client_key, hlen, out->stored_key) &&
		  hmac(hash, salted, hlen, SPAN_LIT("Server Key"), out->server_key);
	sodium_memzero(salted, sizeof salted);
	sodium_memzero(client_key, sizeof client_key);
	if (!ok) {
		sodium_memzero(out, sizeof *out);
		return SASL_E_INTERNAL;
	}
	return SASL_OK;
}

enum sasl_error scram_keys_create(enum scram_hash hash, struct span password, uint32_t iterations,
				  struct scram_keys *out)
{
	if (sodium_init() < 0)
		return SASL_E_INTERNAL;
	uint8_t salt[SCRAM_SALT_LEN];
	randombytes_buf(salt, sizeof salt);
	return scram_derive_keys(hash, password, span_of(salt, sizeof salt), iterations, out);
}

enum sasl_error scram_verify_plain(const struct scram_keys *keys, enum scram_hash hash,
				   struct span password)
{
	struct scram_keys derived;
	enum sasl_error e = scram_derive_keys(hash, password,
					      span_of(keys->salt, keys->salt_len),
					      keys->iterations, &derived);
	if (e != SASL_OK)
		return e;
	bool match = sodium_memcmp(derived.stored_key, keys->stored_key, hash_lens[hash]) == 0;
	sodium_memzero(&derived, sizeof derived);
	return match ? SASL_OK : SASL_E_PLAIN_CREDENTIALS;
}

/* HMAC-SHA-256(secret, label || hash || username), cut to out_len (≤ 32). */
static bool secret_prf(const uint8_t *secret, const char *label, enum scram_hash hash,
		       struct span username, uint8_t *out, size_t out_len)
{
	uint8_t full[32];
	uint8_t hash_byte = (uint8_t)hash;
	/* The label ends with its NUL so that no label is a prefix of another's input. */
	struct span parts[] = { span_of(label, strlen(label) + 1), span_of(&hash_byte, 1), username };
	bool ok = hmac_parts(SCRAM_SHA256, secret, SCRAM_SECRET_LEN, parts, 3, full);
	memcpy(out, full, out_len);
	sodium_memzero(full, sizeof full);
	return ok;
}

enum sasl_error scram_unknown_user_keys(enum scram_hash hash,
					const uint8_t secret[SCRAM_SECRET_LEN],
					struct span username, uint32_t iterations,
					struct scram_keys *out)
{
	if (!hash_valid(hash) || iterations == 0)
		return SASL_E_INTERNAL;
	memset(out, 0, sizeof *out);
	out->salt_len = SCRAM_SALT_LEN;
	out->iterations = iterations;
	size_t hlen = hash_lens[hash];
	if (!secret_prf(secret, "salt", hash, username, out->salt, SCRAM_SALT_LEN) ||
	    !secret_prf(secret, "stored-key", hash, username, out->stored_key, hlen) ||
	    !secret_prf(secret, "server-key", hash, username, out->server_key, hlen)) {
		sodium_memzero(out, sizeof *out);
		return SASL_E_INTERNAL;
	}
	return SASL_OK;
}

/* ---------- the exchange ---------- */

/* The one place the state changes: the exchange's log line will go here. */
static void enter_state(struct scram_server *s, enum scram_server_state next)
{
	s->state = next;
}

static bool printable(struct span s)
{
	for (size_t i = 0; i < s.len; i++) {
		if (s.ptr[i] < 0x21 || s.ptr[i] > 0x7e || s.ptr[i] == ',')
			return false;
	}
	return s.len > 0;
}

/* Ends the exchange with e; *server_final (when given) becomes "e=<value>". */
static enum sasl_error fail(struct scram_server *s, enum sasl_error e, struct span *server_final)
{
	enter_state(s, SCRAM_SERVER_FAILED);
	s->server_final_len = 0;
	const char *value = sasl_error_scram_value(e);
	if (server_final != NULL && value[0] != '\0') {
		struct out_buf b = { s->server_final, sizeof s->server_final, 0, false };
		put_str(&b, "e=");
		put_str(&b, value);
		s->server_final_len = b.overflow ? 0 : b.len;
	}
	if (server_final != NULL)
		*server_final = span_of(s->server_final, s->server_final_len);
	return e;
}

enum sasl_error scram_server_init(struct scram_server *s, const struct scram_server_config *cfg)
{
	memset(s, 0, sizeof *s);
	enter_state(s, SCRAM_SERVER_FAILED);
	if (sodium_init() < 0 || !hash_valid(cfg->hash) || cfg->unknown_user_secret == NULL ||
	    cfg->unknown_user_iterations == 0 || (cfg->plus_selected && !cfg->plus_advertised))
		return SASL_E_INTERNAL;
	if (cfg->test_server_nonce.len > 0 && (cfg->test_server_nonce.len > SCRAM_SERVER_NONCE_MAX ||
					       !printable(cfg->test_server_nonce)))
		return SASL_E_INTERNAL;
	for (int t = 0; t < SCRAM_CB_TYPE_COUNT; t++) {
		if (cfg->cb_data[t].len > SCRAM_CB_DATA_MAX)
			return SASL_E_INTERNAL;
		if (cfg->cb_data[t].len > 0)
			memcpy(s->cb_avail[t], cfg->cb_data[t].ptr, cfg->cb_data[t].len);
		s->cb_avail_len[t] = cfg->cb_data[t].len;
	}
	s->hash = cfg->hash;
	s->plus_advertised = cfg->plus_advertised;
	s->plus_selected = cfg->plus_selected;
	memcpy(s->secret, cfg->unknown_user_secret, SCRAM_SECRET_LEN);
	s->unknown_user_iterations = cfg->unknown_user_iterations;
	if (cfg->test_server_nonce.len > 0)
		memcpy(s->test_nonce, cfg->test_server_nonce.ptr, cfg->test_server_nonce.len);
	s->test_nonce_len = cfg->test_server_nonce.len;
	s->cb_type = -1;
	enter_state(s, SCRAM_SERVER_NEW);
	return SASL_OK;
}

/* RFC 5802 §6: the flag against what this stream offered and what was chosen. */
static enum sasl_error check_cbind(struct scram_server *s, const struct scram_client_first *cf)
{
	switch (cf->flag) {
	case SCRAM_CBIND_N:
		return s->plus_selected ? SASL_E_CB_REQUIRED : SASL_OK;
	case SCRAM_CBIND_Y:
		if (s->plus_selected)
			return SASL_E_CB_REQUIRED;
		/* "y": the client thinks we lack channel binding; we offered it, so
		 * someone removed -PLUS from the list on the way (a downgrade). */
		return s->plus_advertised ? SASL_E_CB_DOWNGRADE : SASL_OK;
	case SCRAM_CBIND_P:
		break;
	}
	if (!s->plus_selected)
		return SASL_E_CB_NOT_SUPPORTED;
	for (int t = 0; t < SCRAM_CB_TYPE_COUNT; t++) {
		struct span name = span_of(cb_type_names[t], strlen(cb_type_names[t]));
		if (span_eq(cf->cb_name, name) && s->cb_avail_len[t] > 0) {
			s->cb_type = t;
			return SASL_OK;
		}
	}
	return SASL_E_CB_UNSUPPORTED_TYPE;
}

enum sasl_error scram_server_start(struct scram_server *s, struct span client_first)
{
	if (s->state != SCRAM_SERVER_NEW)
		return fail(s, SASL_E_OUT_OF_ORDER, NULL);
	if (client_first.len > SCRAM_CLIENT_FIRST_MAX)
		return fail(s, SASL_E_SCRAM_TOO_LONG, NULL);
	if (client_first.len > 0)
		memcpy(s->client_first, client_first.ptr, client_first.len);
	s->client_first_len = client_first.len;
	/* Parsed in our copy, so every span below points into the struct. */
	struct scram_client_first cf;
	enum sasl_error e = scram_parse_client_first(span_of(s->client_first, client_first.len), &cf);
	if (e != SASL_OK)
		return fail(s, e, NULL);
	e = check_cbind(s, &cf);
	if (e != SASL_OK)
		return fail(s, e, NULL);
	s->gs2_header_len = cf.gs2_header.len;
	s->client_nonce_offset = (size_t)(cf.client_nonce.ptr - s->client_first);
	s->client_nonce_len = cf.client_nonce.len;
	s->username_len = scram_saslname_unescape(cf.username, s->names);
	s->has_authzid = cf.has_authzid;
	s->authzid_len = cf.has_authzid ? scram_saslname_unescape(cf.authzid, s->names + s->username_len)
					: 0;
	enter_state(s, SCRAM_SERVER_STARTED);
	return SASL_OK;
}

struct span scram_server_username(const struct scram_server *s)
{
	return span_of(s->names, s->username_len);
}

bool scram_server_has_authzid(const struct scram_server *s)
{
	return s->has_authzid;
}

struct span scram_server_authzid(const struct scram_server *s)
{
	return span_of(s->names + s->username_len, s->authzid_len);
}

enum sasl_error scram_server_challenge(struct scram_server *s, const struct scram_keys *keys,
				       struct span *server_first)
{
	*server_first = span_of(s->server_first, 0);
	if (s->state != SCRAM_SERVER_STARTED)
		return fail(s, SASL_E_OUT_OF_ORDER, NULL);
	if (keys != NULL) {
		if (keys->salt_len == 0 || keys->salt_len > SCRAM_SALT_MAX || keys->iterations == 0)
			return fail(s, SASL_E_INTERNAL, NULL);
		s->keys = *keys;
		s->user_known = true;
	} else {
		enum sasl_error e = scram_unknown_user_keys(s->hash, s->secret,
							    scram_server_username(s),
							    s->unknown_user_iterations, &s->keys);
		if (e != SASL_OK)
			return fail(s, e, NULL);
		s->user_known = false;
	}
	/* RFC 5802 §5.1: r= is the client's nonce followed by ours; ours has 24
	 * random bytes (192 bits), base64 being printable and without ','. */
	uint8_t random[SCRAM_SERVER_NONCE_BYTES];
	randombytes_buf(random, sizeof random);
	struct out_buf b = { s->server_first, sizeof s->server_first, 0, false };
	put_str(&b, "r=");
	put(&b, s->client_first + s->client_nonce_offset, s->client_nonce_len);
	if (s->test_nonce_len > 0)
		put(&b, s->test_nonce, s->test_nonce_len);
	else
		put_base64(&b, random, sizeof random);
	s->nonce_len = b.len - 2;
	put_str(&b, ",s=");
	put_base64(&b, s->keys.salt, s->keys.salt_len);
	put_str(&b, ",i=");
	put_decimal(&b, s->keys.iterations);
	if (b.overflow) /* cannot happen: the buffer is sized for the longest client nonce */
		return fail(s, SASL_E_INTERNAL, NULL);
	s->server_first_len = b.len;
	enter_state(s, SCRAM_SERVER_CHALLENGED);
	*server_first = span_of(s->server_first, s->server_first_len);
	return SASL_OK;
}

/* RFC 5802 §6: c= must decode to the gs2-header, byte for byte, followed by the
 * channel binding data (none for flags n and y). */
static enum sasl_error check_channel_binding(const struct scram_server *s, struct span c_attr)
{
	uint8_t decoded[SCRAM_CLIENT_FIRST_MAX + SCRAM_CB_DATA_MAX];
	const uint8_t *cb_data = s->cb_type >= 0 ? s->cb_avail[s->cb_type] : NULL;
	size_t cb_data_len = s->cb_type >= 0 ? s->cb_avail_len[s->cb_type] : 0;
	size_t expected = s->gs2_header_len + cb_data_len;
	if (base64_decoded_len(c_attr) != expected)
		return SASL_E_CB_MISMATCH;
	size_t len = 0;
	if (sasl_base64_decode(c_attr, decoded, sizeof decoded, &len) != SASL_OK)
		return SASL_E_SCRAM_BASE64;
	if (len != expected || memcmp(decoded, s->client_first, s->gs2_header_len) != 0 ||
	    (cb_data_len > 0 && memcmp(decoded + s->gs2_header_len, cb_data, cb_data_len) != 0))
		return SASL_E_CB_MISMATCH;
	return SASL_OK;
}

/* RFC 5802 §3: ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage) must hash
 * to StoredKey; the answer is HMAC(ServerKey, AuthMessage). Both HMACs are
 * computed whatever the outcome, so unknown users take the same time. */
static enum sasl_error check_proof(struct scram_server *s, const struct scram_client_final *cf,
				   uint8_t *server_signature)
{
	size_t hlen = hash_lens[s->hash];
	uint8_t proof[SCRAM_KEY_MAX], client_signature[SCRAM_KEY_MAX], client_key[SCRAM_KEY_MAX],
		stored_key[SCRAM_KEY_MAX];
	if (base64_decoded_len(cf->proof) != hlen)
		return SASL_E_INVALID_PROOF;
	size_t proof_len = 0;
	enum sasl_error e = sasl_base64_decode(cf->proof, proof, sizeof proof, &proof_len);
	if (e != SASL_OK || proof_len != hlen) {
		sodium_memzero(proof, sizeof proof);
		return SASL_E_SCRAM_BASE64;
	}
	/* AuthMessage = client-first-message-bare "," server-first-message ","
	 * client-final-message-without-proof */
	const struct span auth_message[] = {
		span_of(s->client_first + s->gs2_header_len, s->client_first_len - s->gs2_header_len),
		SPAN_LIT(","),
		span_of(s->server_first, s->server_first_len),
		SPAN_LIT(","),
		cf->without_proof,
	};
	bool ok = hmac_parts(s->hash, s->keys.stored_key, hlen, auth_message, 5, client_signature) &&
		  hmac_parts(s->hash, s->keys.server_key, hlen, auth_message, 5, server_signature);
	if (ok) {
		for (size_t i = 0; i < hlen; i++)
			client_key[i] = proof[i] ^ client_signature[i];
		ok = digest(s->hash, client_key, hlen, stored_key);
	}
	/* Both operands evaluated: no early exit for unknown users. */
	bool match = ok && sodium_memcmp(stored_key, s->keys.stored_key, hlen) == 0;
	bool accepted = match & s->user_known;
	sodium_memzero(proof, sizeof proof);
	sodium_memzero(client_signature, sizeof client_signature);
	sodium_memzero(client_key, sizeof client_key);
	sodium_memzero(stored_key, sizeof stored_key);
	if (!ok)
		return SASL_E_INTERNAL;
	return accepted ? SASL_OK : SASL_E_INVALID_PROOF;
}

enum sasl_error scram_server_final(struct scram_server *s, struct span client_final,
				   struct span *server_final)
{
	*server_final = span_of(s->server_final, 0);
	if (s->state != SCRAM_SERVER_CHALLENGED)
		return fail(s, SASL_E_OUT_OF_ORDER, NULL);
	struct scram_client_final cf;
	enum sasl_error e = scram_parse_client_final(client_final, &cf);
	if (e != SASL_OK)
		return fail(s, e, server_final);
	if (!span_eq(cf.nonce, span_of(s->server_first + 2, s->nonce_len)))
		return fail(s, SASL_E_SCRAM_NONCE, server_final);
	e = check_channel_binding(s, cf.channel_binding);
	if (e != SASL_OK)
		return fail(s, e, server_final);
	uint8_t server_signature[SCRAM_KEY_MAX];
	e = check_proof(s, &cf, server_signature);
	if (e != SASL_OK) {
		sodium_memzero(server_signature, sizeof server_signature);
		return fail(s, e, server_final);
	}
	struct out_buf b = { s->server_final, sizeof s->server_final, 0, false };
	put_str(&b, "v=");
	put_base64(&b, server_signature, hash_lens[s->hash]);
	sodium_memzero(server_signature, sizeof server_signature);
	if (b.overflow) /* cannot happen: 2 + 44 characters */
		return fail(s, SASL_E_INTERNAL, server_final);
	s->server_final_len = b.len;
	enter_state(s, SCRAM_SERVER_SUCCEEDED);
	*server_final = span_of(s->server_final, s->server_final_len);
	return SASL_OK;
}

void scram_server_wipe(struct scram_server *s)
{
	sodium_memzero(s, sizeof *s);
}
