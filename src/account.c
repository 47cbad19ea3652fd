/* account.c - usernames and credentials for new accounts. Ownership: account.h. */
#include "account.h"

#include <string.h>

#include <sodium.h>

#include "scram.h"

bool account_username_ok(struct span username)
{
	if (username.len == 0 || username.len > ACCOUNT_USERNAME_MAX)
		return false;
	for (size_t i = 0; i < username.len; i++) {
		uint8_t ch = username.ptr[i];
		if (ch < 0x21 || ch == 0x7f || strchr("\"&'/:<>@", ch) != NULL) /* ch is never NUL here */
			return false;
	}
	return true;
}

bool account_credentials_create(struct span password, uint32_t iterations, struct credentials *out)
{
	bool ok = scram_keys_create(SCRAM_SHA1, password, iterations, &out->keys[SCRAM_SHA1]) == SASL_OK &&
		  scram_keys_create(SCRAM_SHA256, password, iterations, &out->keys[SCRAM_SHA256]) == SASL_OK;
	if (!ok)
		sodium_memzero(out, sizeof *out);
	return ok;
}
