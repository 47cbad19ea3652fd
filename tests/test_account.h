/* test_account.h - an account in a test's SQLite store, with placeholder SCRAM
 * keys (the tests that use it never authenticate through SCRAM). Header-only,
 * like test_dir.h.
 *
 * Ownership: the store is the caller's; the name is copied by the store. */
#ifndef XMPPD_TEST_ACCOUNT_H
#define XMPPD_TEST_ACCOUNT_H

#include <string.h>

#include <check.h>

#include "store.h"

static inline void test_account_add(struct store *st, const char *name)
{
	struct credentials creds;
	memset(&creds, 0, sizeof creds);
	for (int h = 0; h < SCRAM_HASH_COUNT; h++) {
		creds.keys[h].salt_len = 16;
		creds.keys[h].iterations = STORE_SCRAM_ITERATIONS_MIN;
	}
	ck_assert_int_eq(store_account_create(st, span_of(name, strlen(name)), &creds), STORE_OK);
}

#endif
