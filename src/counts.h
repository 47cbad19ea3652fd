/* counts.h - counters keyed by short byte strings, with optional time windows.
 *
 * Used for failed logins per account and per address (RFC 6120 §6.4.5, §13.9:
 * throttling) and for connections per address. Open addressing over a fixed
 * power-of-two table, keys hashed with a keyed SipHash (libsodium's
 * crypto_shorthash, random key per table) so that no peer can choose colliding
 * keys. When the table is full the oldest windowed entry is reused; entries
 * without a window (connection counts) are never evicted, and counts_add()
 * reports a full table instead.
 *
 * Ownership: counts_new() allocates through the struct mem (borrowed); keys are
 * copied (at most COUNTS_KEY_MAX bytes; longer keys are refused). */
#ifndef XMPPD_COUNTS_H
#define XMPPD_COUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "span.h"

#define COUNTS_KEY_MAX 48 /* "a:" + an IPv6 address in text; usernames are hashed first */

struct counts;

/* window_ms 0: counts never expire (they go down with counts_add(-1)). */
struct counts *counts_new(const struct mem *mem, size_t capacity, uint64_t window_ms)
	__attribute__((warn_unused_result));
void counts_free(struct counts *t);

/* The count for key (0 when absent or its window has passed). */
uint32_t counts_get(const struct counts *t, struct span key, uint64_t now_ms);
/* Adds delta (which may be negative; counts stop at 0 and their slot is freed).
 * false when the key is too long or the table has no room. */
bool counts_add(struct counts *t, struct span key, int32_t delta, uint64_t now_ms)
	__attribute__((warn_unused_result));

#endif
