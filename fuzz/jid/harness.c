/* harness.c - fuzz target for jid_parse() (src/jid.h): the split machine
 * (machines/jid.rl) and the preparation of each part (src/jid.c, src/precis.c,
 * libidn2). One target per input entry point (style rule 14): every address a
 * stanza carries goes through here.
 *
 * The whole input is one address. Properties:
 * P1 no crash, no read past the input (the driver's exact-size copy under
 *    ASan), no undefined behaviour (UBSan), no leak (LSan in the replay build).
 * P2 limits: a parsed JID has a domainpart of 1..1023 bytes, a localpart and a
 *    resourcepart of 0..1023; '@' and '/' sit where the lengths say; bare and
 *    full forms agree with the parts; a refusal is a named status with a text
 *    citing an RFC.
 * P3 idempotence: jid_full() parses again to an equal JID, and jid_from_parts()
 *    of its parts gives the same JID (RFC 8264 §7: a prepared string is stable).
 * P4 fast path = full path: the input taken as a localpart, a domainpart and a
 *    resourcepart gets the same status and the same bytes from jid_prepare_*()
 *    as from jid_prepare_*_full(). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "driver.h"
#include "jid.h"

typedef enum jid_status (*prepare_fn)(struct span, uint8_t *, size_t *);

static void check_limits(const uint8_t *input, size_t len, const struct jid *j)
{
	if (j->domain_len == 0 || j->domain_len > JID_PART_MAX || j->local_len > JID_PART_MAX ||
	    j->resource_len > JID_PART_MAX)
		fuzz_fail(input, len, "P2 limits", "local %u domain %u resource %u bytes", j->local_len,
			  j->domain_len, j->resource_len);
	struct span local = jid_local(j), domain = jid_domain(j), resource = jid_resource(j);
	struct span bare = jid_bare(j), full = jid_full(j);
	if (local.len > 0 && j->bytes[local.len] != '@')
		fuzz_fail(input, len, "P2 layout", "no '@' after the localpart");
	if (resource.len > 0 && domain.ptr[domain.len] != '/')
		fuzz_fail(input, len, "P2 layout", "no '/' after the domainpart");
	if (bare.len != (local.len > 0 ? local.len + 1 : 0) + domain.len ||
	    full.len != bare.len + (resource.len > 0 ? resource.len + 1 : 0) || full.len > JID_BYTES_MAX ||
	    jid_is_bare(j) != (resource.len == 0))
		fuzz_fail(input, len, "P2 layout", "bare %zu full %zu bytes", bare.len, full.len);
	if (memchr(local.ptr, '@', local.len) != NULL || memchr(local.ptr, '/', local.len) != NULL ||
	    memchr(domain.ptr, '@', domain.len) != NULL || memchr(domain.ptr, '/', domain.len) != NULL)
		fuzz_fail(input, len, "P2 layout", "a separator inside the localpart or domainpart");
}

static void check_idempotent(const uint8_t *input, size_t len, const struct jid *j)
{
	struct jid again;
	enum jid_status e = jid_parse(jid_full(j), &again);
	if (e != JID_OK)
		fuzz_fail(input, len, "P3 idempotence", "the full form is refused: %s", jid_status_name(e));
	if (!jid_equal(j, &again))
		fuzz_fail(input, len, "P3 idempotence", "the full form parses to another JID");
	e = jid_from_parts(jid_local(j), jid_domain(j), jid_resource(j), &again);
	if (e != JID_OK || !jid_equal(j, &again))
		fuzz_fail(input, len, "P3 idempotence", "jid_from_parts of the parts: %s", jid_status_name(e));
}

static void check_paths(const uint8_t *input, size_t len, const char *part, prepare_fn fast, prepare_fn full)
{
	uint8_t a[JID_PART_MAX], b[JID_PART_MAX];
	size_t a_len = 0, b_len = 0;
	struct span in = span_of(input, len);
	enum jid_status ea = fast(in, a, &a_len);
	enum jid_status eb = full(in, b, &b_len);
	if (ea != eb)
		fuzz_fail(input, len, "P4 fast = full", "%s: fast %s, full %s", part, jid_status_name(ea),
			  jid_status_name(eb));
	if (ea == JID_OK && (a_len != b_len || memcmp(a, b, a_len) != 0))
		fuzz_fail(input, len, "P4 fast = full", "%s: the bytes differ", part);
	if (ea == JID_OK && (a_len == 0 || a_len > JID_PART_MAX))
		fuzz_fail(input, len, "P2 limits", "%s of %zu bytes", part, a_len);
}

void fuzz_one(const uint8_t *input, size_t len)
{
	struct jid j;
	enum jid_status e = jid_parse(span_of(input, len), &j);
	if (e == JID_OK) {
		check_limits(input, len, &j);
		check_idempotent(input, len, &j);
	} else if ((unsigned)e >= JID_STATUS_COUNT || strncmp(jid_status_text(e), "RFC ", 4) != 0) {
		fuzz_fail(input, len, "P2 status", "status %d (%s)", (int)e, jid_status_name(e));
	}
	check_paths(input, len, "localpart", jid_prepare_local, jid_prepare_local_full);
	check_paths(input, len, "domainpart", jid_prepare_domain, jid_prepare_domain_full);
	check_paths(input, len, "resourcepart", jid_prepare_resource, jid_prepare_resource_full);
}
