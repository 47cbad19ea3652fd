/* xml_log.h - test helper: runs the XML parser over an input split at chosen
 * points and renders everything it reported as one text log, so that tests
 * compare logs (and chunkings compare with each other).
 *
 * Log lines: "open <root re-serialized>", "stanza <stanza re-serialized>",
 * "close", "error XML_E_NAME@offset", and a final "status OK|PAUSED|CLOSED|ERROR".
 * Offsets are printed minus `offset_base` so that cases can be written relative
 * to the text after a standard stream header.
 *
 * Ownership: xml_log_run returns a malloc'd NUL-terminated string the caller frees. */
#ifndef XMPPD_TEST_XML_LOG_H
#define XMPPD_TEST_XML_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "xml.h"

/* chunk == 0: one call for the whole input. seed != 0: random chunk sizes in 1..chunk. */
char *xml_log_run(const uint8_t *input, size_t len, size_t chunk, uint32_t seed,
		  const struct xml_limits *limits, const struct mem *mem, uint64_t offset_base);

#endif
