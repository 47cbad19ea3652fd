/* bench.h - what the benchmark variants share: how a corpus is fed, what a run
 * reports, and the tree hash that proves two parsers built the same trees.
 *
 * Our xml.h and expat.h cannot be included in one file (both define
 * XML_STATUS_OK and XML_STATUS_ERROR), so each side has its own file: ours.c,
 * expat.c; bench_xml.c drives them through the run functions below.
 *
 * Ownership: a run function borrows the corpus and fills *out; it allocates
 * and frees its own parser, and returns false (after printing why) only if the
 * parser refused the corpus. */
#ifndef XMPPD_BENCH_H
#define XMPPD_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"

/* One socket read: each is copied once into the parser's input buffer. */
#define BENCH_READ_BYTES 4096

/* What the stanza handlers count: stanzas, and in them (the stanza element
 * included) elements, attributes (namespace declarations excluded), text
 * nodes (adjacent character data coalesced) and decoded text bytes. */
struct tally {
	uint64_t stanzas, elements, attrs, text_nodes, text_bytes;
};

struct digest {
	struct tally t;
	uint64_t hash; /* tree hash when hashing, else 0 */
};

bool run_ours(const struct corpus *c, bool hashing, struct digest *out)
	__attribute__((warn_unused_result));
/* Allocations made by the parser in the last hashing run_ours (timed runs use
 * mem_default() directly and are not counted). */
uint64_t ours_allocations(void);
bool run_expat_malloc(const struct corpus *c, bool hashing, struct digest *out)
	__attribute__((warn_unused_result));
bool run_expat_arena(const struct corpus *c, bool hashing, struct digest *out)
	__attribute__((warn_unused_result));
/* Counting handlers only: hashing is ignored, out->hash stays 0. */
bool run_expat_empty(const struct corpus *c, bool hashing, struct digest *out)
	__attribute__((warn_unused_result));
const char *expat_version_text(void);

__attribute__((noreturn)) void bench_die(const char *what);

/* The tree hash: FNV-1a, every field preceded by its length so that adjacent
 * fields cannot run together. Elements: 'E' ns local, then 'A' ns local value
 * per attribute in document order, the children, 'e'. Text: 'T' text. */
static inline uint64_t hash_tag(uint64_t h, char tag)
{
	return (h ^ (uint8_t)tag) * 0x100000001b3u;
}

static inline uint64_t hash_bytes(uint64_t h, const void *bytes, size_t len)
{
	const uint8_t *p = bytes;
	uint64_t n = len;
	for (size_t i = 0; i < sizeof n; i++)
		h = (h ^ (uint8_t)(n >> (8 * i))) * 0x100000001b3u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}

#endif
