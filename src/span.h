/* span.h - a borrowed run of bytes with an explicit length.
 *
 * Ownership: a span never owns its bytes. Whoever produced it says how long they
 * live (see the header of the module that returns it). Spans are not
 * NUL-terminated; compare them with span_eq, never with strcmp. */
#ifndef XMPPD_SPAN_H
#define XMPPD_SPAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct span {
	const uint8_t *ptr;
	size_t len;
};

#define SPAN_LIT(s) ((struct span){ (const uint8_t *)(s), sizeof(s) - 1 })

static inline struct span span_of(const void *ptr, size_t len)
{
	return (struct span){ (const uint8_t *)ptr, len };
}

static inline bool span_eq(struct span a, struct span b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

#endif
