/* check_account.c - the username rule and the credentials every new account
 * gets (src/account.c), shared by xmppctl and in-band registration. */
#include <string.h>

#include <sodium.h>

#include "account.h"
#include "scram.h"
#include "suites.h"

static bool ok(struct span in, const char *want)
{
	uint8_t out[JID_PART_MAX];
	size_t n = 0;
	if (!account_username_prepare(in, out, &n))
		return false;
	ck_assert_msg(want == NULL || span_eq(span_of(out, n), span_of(want, strlen(want))), "prepared: %.*s",
		      (int)n, (const char *)out);
	return true;
}

START_TEST(test_username_rule)
{
	ck_assert(ok(SPAN_LIT("juliet"), "juliet"));
	ck_assert(ok(SPAN_LIT("j.u-l_i+e~t!1"), NULL));
	/* RFC 8265 §3.3 UsernameCaseMapped: case mapped, width mapped, NFC */
	ck_assert(ok(SPAN_LIT("Juliet"), "juliet"));
	ck_assert(ok(SPAN_LIT("\xc3\x89lise"), "\xc3\xa9lise"));
	ck_assert(!ok(span_of(NULL, 0), NULL));
	/* RFC 7622 §3.3.1: never in a localpart. */
	static const char *const excluded[] = { "a\"b", "a&b", "a'b", "a/b", "a:b", "a<b", "a>b", "a@b" };
	for (size_t i = 0; i < sizeof excluded / sizeof excluded[0]; i++)
		ck_assert_msg(!ok(span_of(excluded[i], strlen(excluded[i])), NULL), "%s", excluded[i]);
	/* Space and control characters (RFC 8265 §3.3 IdentifierClass). */
	ck_assert(!ok(SPAN_LIT("a b"), NULL));
	ck_assert(!ok(SPAN_LIT("a\tb"), NULL));
	ck_assert(!ok(SPAN_LIT("a\x7f"), NULL));
	ck_assert(!ok(span_of("a\0b", 3), NULL));
	/* RFC 7622 §3.3: 1..1023 bytes. */
	char longest[ACCOUNT_USERNAME_MAX + 1];
	memset(longest, 'x', sizeof longest);
	ck_assert(ok(span_of(longest, ACCOUNT_USERNAME_MAX), NULL));
	ck_assert(!ok(span_of(longest, ACCOUNT_USERNAME_MAX + 1), NULL));
}
END_TEST

/* Both hashes, fresh salts, the configured count; PLAIN verifies against them. */
START_TEST(test_credentials_for_both_hashes)
{
	ck_assert_int_ge(sodium_init(), 0);
	struct credentials a, b;
	ck_assert(account_credentials_create(SPAN_LIT("Calliope"), 4096, &a));
	ck_assert(account_credentials_create(SPAN_LIT("Calliope"), 4096, &b));
	for (int h = 0; h < SCRAM_HASH_COUNT; h++) {
		ck_assert_uint_eq(a.keys[h].iterations, 4096);
		ck_assert_uint_eq(a.keys[h].salt_len, SCRAM_SALT_LEN);
		ck_assert(memcmp(a.keys[h].salt, b.keys[h].salt, SCRAM_SALT_LEN) != 0);
		ck_assert_int_eq(scram_verify_plain(&a.keys[h], (enum scram_hash)h, SPAN_LIT("Calliope")), SASL_OK);
		ck_assert_int_eq(scram_verify_plain(&a.keys[h], (enum scram_hash)h, SPAN_LIT("calliope")),
				 SASL_E_PLAIN_CREDENTIALS);
	}
	/* An invalid count makes OpenSSL's side fail: nothing half-made is left. */
	ck_assert(!account_credentials_create(SPAN_LIT("Calliope"), 0, &a));
	static const struct credentials zero;
	ck_assert_int_eq(memcmp(&a, &zero, sizeof a), 0);
}
END_TEST

Suite *account_suite(void)
{
	Suite *s = suite_create("account");
	TCase *tc = tcase_create("account");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_username_rule);
	tcase_add_test(tc, test_credentials_for_both_hashes);
	suite_add_tcase(s, tc);
	return s;
}
