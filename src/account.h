/* account.h - what every way of making an account shares: which usernames are
 * acceptable and how a password becomes stored credentials. xmppctl (adduser,
 * passwd), in-band registration before login (XEP-0077 §3.1, src/stream.c and
 * src/server.c) and the password change after it (XEP-0077 §3.3,
 * src/iq_register.c) all go through these two functions, so an account made one
 * way logs in exactly like one made another way.
 *
 * Passwords are bytes: no SASLprep (RFC 5802 §5.1) or PRECIS OpaqueString
 * (RFC 8265 §4.2) preparation is applied, at creation as at login (scram.h).
 *
 * Ownership: nothing is allocated; spans are borrowed for the call. */
#ifndef XMPPD_ACCOUNT_H
#define XMPPD_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "credentials.h"
#include "jid.h"
#include "span.h"

/* RFC 7622 §3.3: a localpart is 1..1023 bytes. */
#define ACCOUNT_USERNAME_MAX 1023u
/* Bytes of a password set in-band (xmppctl reads at most a line of 1022). */
#define ACCOUNT_PASSWORD_MAX 1023u

/* A new account's username is prepared as a localpart (RFC 7622 §3.3,
 * UsernameCaseMapped): "Alice" is stored as "alice", and what PRECIS refuses
 * (spaces, " & ' / : < > @, symbols, ...) is refused. False: not a localpart. */
bool account_username_prepare(struct span username, uint8_t out[JID_PART_MAX], size_t *out_len)
	__attribute__((warn_unused_result));

/* SCRAM-SHA-1 and SCRAM-SHA-256 keys (RFC 5802 §3, RFC 7677) for `password`,
 * each with a fresh random salt and `iterations`. false when OpenSSL fails;
 * *out is then wiped. */
bool account_credentials_create(struct span password, uint32_t iterations, struct credentials *out)
	__attribute__((warn_unused_result));

#endif
