/* account.c - usernames and credentials for new accounts. Ownership: account.h. */
#include "account.h"

#include "jid.h"

#include <string.h>

#include <sodium.h>

#include "scram.h"

bool account_username_prepare(struct span username, uint8_t out[JID_PART_MAX], size_t *out_len)
{
	return jid_prepare_local(username, out, out_len) == JID_OK;
}

bool account_credentials_create(struct span password, uint32_t iterations, struct credentials *out)
{
	bool ok = scram_keys_create(SCRAM_SHA1, password, iterations, &out->keys[SCRAM_SHA1]) == SASL_OK &&
		  scram_keys_create(SCRAM_SHA256, password, iterations, &out->keys[SCRAM_SHA256]) == SASL_OK;
	if (!ok)
		sodium_memzero(out, sizeof *out);
	return ok;
}
