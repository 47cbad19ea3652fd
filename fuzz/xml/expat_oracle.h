/* expat_oracle.h - expat as a test oracle for diff_expat.c, behind an interface
 * that does not expose expat.h: its names (XML_STATUS_OK, XML_Parse, ...) would
 * collide with src/xml.h in one translation unit. expat is linked into the
 * differential fuzz target only, never into anything outside fuzz/.
 *
 * Ownership: oracle_run() borrows the input for the call; the result owns its
 * event buffer, released by oracle_result_free(). */
#ifndef XMPPD_FUZZ_EXPAT_ORACLE_H
#define XMPPD_FUZZ_EXPAT_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define ORACLE_NONE ((size_t)-1)

/* The event record format both sides write (diff_expat.c compares the bytes):
 *   'S' ns REC_FIELD local REC_END            element start
 *   'A' ns REC_FIELD local REC_FIELD value REC_END   attribute, after its 'S'
 *   'T' text REC_END                          character data inside a stanza
 *   'X' text REC_END                          non-whitespace between stanzas
 *   'E' REC_END                               element end
 * Neither byte is an XML Char, even by reference, so none can occur in data. */
#define REC_FIELD '\x02'
#define REC_END '\x03'

struct oracle_result {
	size_t detect;          /* index of the byte whose feed failed, or ORACLE_NONE */
	const char *error;      /* expat's message for the detection or the final call */
	bool final_ok;          /* when asked for a complete document: isFinal accepted */
	struct buf events;      /* when no error: everything reported, in the format above */
};

/* Parses in[0, n) as a prefix of a document (isFinal only when `complete`). */
void oracle_run(struct oracle_result *r, const uint8_t *in, size_t n, bool complete);
void oracle_result_free(struct oracle_result *r);

#endif
