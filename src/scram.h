/* scram.h - server-side SCRAM-SHA-1 / SCRAM-SHA-256 (RFC 5802, RFC 7677), their
 * -PLUS variants with channel binding (RFC 5056; types tls-exporter, RFC 9266, and
 * tls-server-end-point, RFC 5929), and PLAIN verification against SCRAM keys.
 *
 * Crypto is OpenSSL 3 (PBKDF2, HMAC, digests); base64, randomness, constant-time
 * comparison and wiping are libsodium. Link with -lcrypto -lsodium.
 *
 * Ownership:
 * - struct scram_server is plain memory the caller embeds or allocates; nothing in
 *   it is heap-allocated. scram_server_init() copies everything it needs from the
 *   config (the config, its spans and its secret are borrowed for that call only).
 * - Spans returned by scram_server_username/authzid/challenge/final point into the
 *   struct and stay valid until the next call on it or scram_server_wipe().
 * - The struct holds the account's keys and the exchange's secrets: call
 *   scram_server_wipe() when the exchange ends, however it ends.
 * - Every function wipes its own secret intermediates (SaltedPassword, ClientKey,
 *   signatures, the decoded proof) before returning.
 *
 * Passwords are bytes: normalizing them (RFC 5802 §5.1 SASLprep, or PRECIS
 * OpaqueString, RFC 8265 §4) is the caller's, the same way at account creation
 * and at login. The same holds for usernames. */
#ifndef XMPPD_SCRAM_H
#define XMPPD_SCRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "credentials.h"
#include "sasl_parse.h"
#include "span.h"

#define SCRAM_SALT_LEN 16             /* salts this server makes (RFC 5802 §5.1: random) */
#define SCRAM_ITERATIONS_MIN 4096     /* RFC 7677 §4: at least 4096 */
#define SCRAM_SERVER_NONCE_BYTES 24   /* random bytes in the s-nonce (32 base64 chars) */
#define SCRAM_SERVER_NONCE_MAX 64     /* printable characters, for a fixed test nonce */
#define SCRAM_SECRET_LEN 32           /* the server secret behind unknown-user salts */
#define SCRAM_CB_DATA_MAX 64          /* tls-server-end-point with SHA-512 is the longest */
#define SCRAM_CLIENT_FIRST_MAX 4096   /* bytes; longer messages are refused */
#define SCRAM_SERVER_FIRST_MAX (SCRAM_CLIENT_FIRST_MAX + 192)
#define SCRAM_SERVER_FINAL_MAX 64

/* "SCRAM-SHA-1", "SCRAM-SHA-256-PLUS", ... as advertised in <mechanisms/>. */
const char *scram_mechanism_name(enum scram_hash hash, bool plus);
size_t scram_hash_len(enum scram_hash hash); /* 20 or 32 */

/* ---------- keys (account creation, PLAIN) ---------- */

/* RFC 5802 §3: SaltedPassword = Hi(password, salt, i); StoredKey = H(HMAC(SP,
 * "Client Key")); ServerKey = HMAC(SP, "Server Key"). salt.len is 1..SCRAM_SALT_MAX,
 * iterations at least 1 (callers use SCRAM_ITERATIONS_MIN or more). */
enum sasl_error scram_derive_keys(enum scram_hash hash, struct span password, struct span salt,
				  uint32_t iterations, struct scram_keys *out)
	__attribute__((warn_unused_result));
/* The same with a fresh random salt of SCRAM_SALT_LEN bytes: for account creation. */
enum sasl_error scram_keys_create(enum scram_hash hash, struct span password, uint32_t iterations,
				  struct scram_keys *out) __attribute__((warn_unused_result));
/* PLAIN (RFC 4616) against stored keys: derives with the account's salt and count
 * and compares StoredKey in constant time. SASL_OK, SASL_E_PLAIN_CREDENTIALS or
 * SASL_E_INTERNAL. For an unknown user pass scram_unknown_user_keys(): the cost is
 * the same and the answer is SASL_E_PLAIN_CREDENTIALS. */
enum sasl_error scram_verify_plain(const struct scram_keys *keys, enum scram_hash hash,
				   struct span password) __attribute__((warn_unused_result));
/* Keys for a username that has no account, so that such a user cannot be told
 * apart from a wrong password (RFC 5802 §9 warns that e=unknown-user and a
 * missing salt reveal which accounts exist): the salt is HMAC-SHA-256(secret,
 * "salt" || hash || username) cut to SCRAM_SALT_LEN - the same for every
 * attempt, like a real account's - with `iterations` (use the count real
 * accounts get), and the keys are further HMACs of the secret, which no
 * password produces except by a 2^-160 chance (scram_server refuses anyway). The
 * secret is random, made once per server and kept across restarts (a new one
 * changes every fake salt, which an attacker watching salts would notice). */
enum sasl_error scram_unknown_user_keys(enum scram_hash hash,
					const uint8_t secret[SCRAM_SECRET_LEN],
					struct span username, uint32_t iterations,
					struct scram_keys *out) __attribute__((warn_unused_result));

/* ---------- the server side of one exchange ---------- */

/* Channel binding types this server supports (RFC 9266, RFC 5929). */
enum scram_cb_type { SCRAM_CB_TLS_EXPORTER, SCRAM_CB_TLS_SERVER_END_POINT, SCRAM_CB_TYPE_COUNT };
const char *scram_cb_type_name(enum scram_cb_type type); /* "tls-exporter" */

struct scram_server_config {
	enum scram_hash hash;
	bool plus_advertised; /* this stream's <mechanisms/> offered a -PLUS variant */
	bool plus_selected;   /* the client chose the -PLUS variant (requires advertised) */
	/* From the TLS layer, per type; len 0: the type is not available here. */
	struct span cb_data[SCRAM_CB_TYPE_COUNT];
	const uint8_t *unknown_user_secret;  /* SCRAM_SECRET_LEN bytes */
	uint32_t unknown_user_iterations;    /* what real accounts get */
	/* Tests only: a fixed s-nonce (1..SCRAM_SERVER_NONCE_MAX printable characters)
	 * to replay RFC test vectors. Leave empty: the s-nonce is then random. */
	struct span test_server_nonce;
};

enum scram_server_state {
	SCRAM_SERVER_NEW,        /* waiting for client-first-message */
	SCRAM_SERVER_STARTED,    /* client-first accepted; waiting for the account's keys */
	SCRAM_SERVER_CHALLENGED, /* server-first sent; waiting for client-final-message */
	SCRAM_SERVER_SUCCEEDED,
	SCRAM_SERVER_FAILED,
	SCRAM_SERVER_STATE_COUNT
};
const char *scram_server_state_name(enum scram_server_state state);

/* The fields are private to scram.c; the struct is public so it can be embedded. */
struct scram_server {
	enum scram_server_state state;
	enum scram_hash hash;
	bool plus_advertised, plus_selected;
	bool user_known;
	uint8_t cb_avail[SCRAM_CB_TYPE_COUNT][SCRAM_CB_DATA_MAX];
	size_t cb_avail_len[SCRAM_CB_TYPE_COUNT];
	uint8_t secret[SCRAM_SECRET_LEN];
	uint32_t unknown_user_iterations;
	uint8_t test_nonce[SCRAM_SERVER_NONCE_MAX];
	size_t test_nonce_len;
	struct scram_keys keys;
	int cb_type;            /* the selected type (index of cb_avail), -1 for flags n, y */
	uint8_t client_first[SCRAM_CLIENT_FIRST_MAX];
	size_t client_first_len;
	size_t gs2_header_len;
	size_t client_nonce_offset, client_nonce_len; /* in client_first */
	uint8_t names[SCRAM_CLIENT_FIRST_MAX]; /* decoded username, then authzid */
	size_t username_len, authzid_len;
	bool has_authzid;
	uint8_t server_first[SCRAM_SERVER_FIRST_MAX];
	size_t server_first_len;
	size_t nonce_len;                   /* c-nonce + s-nonce, at server_first + 2 */
	uint8_t server_final[SCRAM_SERVER_FINAL_MAX];
	size_t server_final_len;
};

/* SASL_OK, or SASL_E_INTERNAL for an invalid config (the exchange is then FAILED). */
enum sasl_error scram_server_init(struct scram_server *s, const struct scram_server_config *cfg)
	__attribute__((warn_unused_result));
/* Takes client-first-message: grammar, gs2-cbind-flag against the mechanism and
 * the advertised mechanisms (RFC 5802 §6), channel binding type. On SASL_OK the
 * (decoded) username and authzid are available for the account lookup. Any error
 * ends the exchange; there is no server-final-message at this step, so the
 * caller sends <failure/> with sasl_error_condition(). */
enum sasl_error scram_server_start(struct scram_server *s, struct span client_first)
	__attribute__((warn_unused_result));
struct span scram_server_username(const struct scram_server *s);
bool scram_server_has_authzid(const struct scram_server *s);
struct span scram_server_authzid(const struct scram_server *s);
/* The account's keys for this hash, or NULL when there is no such account (then
 * the exchange goes on with scram_unknown_user_keys() and fails at the end with
 * e=invalid-proof, exactly as a wrong password does). *server_first: the
 * server-first-message to send in <challenge/>. */
enum sasl_error scram_server_challenge(struct scram_server *s, const struct scram_keys *keys,
				       struct span *server_first)
	__attribute__((warn_unused_result));
/* Takes client-final-message. SASL_OK: *server_final is "v=..." (send it as the
 * additional data of <success/>, RFC 6120 §6.4.6). Otherwise *server_final is
 * "e=..." (RFC 5802 §7 server-error) or empty when the error has no SCRAM value;
 * RFC 6120 <failure/> carries no SASL data, so it is for <text/> or the log. */
enum sasl_error scram_server_final(struct scram_server *s, struct span client_final,
				   struct span *server_final) __attribute__((warn_unused_result));
/* Zeroes the whole struct (keys, secret, messages). */
void scram_server_wipe(struct scram_server *s);

#endif
