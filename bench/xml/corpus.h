/* corpus.h - deterministic XMPP streams for the XML benchmark.
 *
 * A corpus is one complete client stream: an XML declaration, a
 * <stream:stream> header declaring jabber:client, stanzas drawn from a
 * profile's mix of kinds and sizes, and </stream:stream>. The same profile and
 * size always give the same bytes (a fixed-seed PRNG, no clock, no locale).
 *
 * Ownership: corpus_build() fills a struct corpus whose bytes and stanza size
 * table are malloc'd; corpus_free() releases them. */
#ifndef XMPPD_BENCH_CORPUS_H
#define XMPPD_BENCH_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum corpus_profile { CORPUS_SMALL, CORPUS_MIXED, CORPUS_LARGE, CORPUS_PROFILE_COUNT };

struct corpus {
	enum corpus_profile profile;
	uint8_t *bytes;
	size_t len;
	size_t *stanza_bytes; /* size of each stanza, '<' to '>' inclusive, in stream order */
	size_t stanzas;
};

const char *corpus_profile_name(enum corpus_profile p);        /* "small" */
const char *corpus_profile_description(enum corpus_profile p); /* one line */
/* By name; false if there is no such profile. */
bool corpus_profile_parse(const char *name, enum corpus_profile *out);

/* Stanzas are appended until the stream holds at least target_bytes.
 * false when memory runs out (nothing to free then). */
bool corpus_build(enum corpus_profile p, size_t target_bytes, struct corpus *out)
	__attribute__((warn_unused_result));
void corpus_free(struct corpus *c);

#endif
