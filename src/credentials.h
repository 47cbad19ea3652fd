/* credentials.h - what the server keeps for an account: SCRAM keys, never a password.
 *
 * RFC 5802 §3 / RFC 7677: StoredKey = H(ClientKey), ServerKey = HMAC(SaltedPassword,
 * "Server Key"). From these the server can verify SCRAM exchanges and (by deriving
 * the same keys from a PLAIN password with the stored salt and iteration count)
 * PLAIN logins, without being able to recover the password.
 *
 * Ownership: plain values; copy freely, and wipe with sodium_memzero() when a copy
 * holding keys goes out of scope. */
#ifndef XMPPD_CREDENTIALS_H
#define XMPPD_CREDENTIALS_H

#include <stddef.h>
#include <stdint.h>

enum scram_hash { SCRAM_SHA1, SCRAM_SHA256, SCRAM_HASH_COUNT };

#define SCRAM_SALT_MAX 64
#define SCRAM_KEY_MAX 32 /* the longest digest we use (SHA-256) */

struct scram_keys {
	uint8_t salt[SCRAM_SALT_MAX];
	size_t salt_len;
	uint32_t iterations;
	uint8_t stored_key[SCRAM_KEY_MAX]; /* digest length of the hash; rest zero */
	uint8_t server_key[SCRAM_KEY_MAX];
};

struct credentials {
	struct scram_keys keys[SCRAM_HASH_COUNT];
};

#endif
