/* buf.h - a growable, length-carrying output buffer (serialized XML, queued writes).
 *
 * Ownership: the buf owns data; buf_free() releases it, buf_clear() keeps the
 * allocation for reuse. Bytes appended are copied. The struct mem is borrowed. */
#ifndef XMPPD_BUF_H
#define XMPPD_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "span.h"

struct buf {
	uint8_t *data;
	size_t len;
	size_t capacity;
	const struct mem *mem;
};

void buf_init(struct buf *b, const struct mem *mem);
void buf_free(struct buf *b);
static inline void buf_clear(struct buf *b) { b->len = 0; }

/* false when the allocator fails; the buffer is then unchanged. */
bool buf_reserve(struct buf *b, size_t extra) __attribute__((warn_unused_result));
bool buf_append(struct buf *b, const void *bytes, size_t len) __attribute__((warn_unused_result));

static inline bool buf_append_span(struct buf *b, struct span s)
{
	return buf_append(b, s.ptr, s.len);
}

/* A NUL-terminated literal (markup the server writes), without its NUL. */
static inline bool buf_append_str(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

static inline struct span buf_span(const struct buf *b)
{
	return span_of(b->data, b->len);
}

#endif
