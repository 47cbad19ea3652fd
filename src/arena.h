/* arena.h - bump allocator: one per stanza, one per stream header.
 *
 * Ownership: the arena owns every byte it hands out; callers never free them
 * one by one. arena_reset() invalidates everything at once but keeps the first
 * block for the next stanza (no malloc per stanza in the steady state);
 * arena_release() returns every block to the allocator (a connection going
 * idle). The struct mem is borrowed and must outlive the arena.
 *
 * One "open string" may be grown at a time (arena_str_*): the parser appends
 * the pieces of a name, value or text that arrive split across reads, and the
 * finished string is contiguous. Nothing else may be allocated while a string
 * is open. */
#ifndef XMPPD_ARENA_H
#define XMPPD_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "span.h"

struct arena_block;

struct arena {
	struct arena_block *top;   /* newest block; older ones chained behind it */
	const struct mem *mem;
	size_t first_block_bytes;  /* size of the block kept across resets */
	size_t open_offset;        /* start of the open string in top, or SIZE_MAX */
	size_t bytes_allocated;    /* sum of block sizes, for memory accounting */
};

void arena_init(struct arena *a, const struct mem *mem, size_t first_block_bytes);

/* Aligned for any object; NULL when the allocator fails. */
void *arena_alloc(struct arena *a, size_t size) __attribute__((warn_unused_result));

/* Keeps the oldest block (if it has the default size) and forgets the rest. */
void arena_reset(struct arena *a);

/* Frees every block; the arena stays usable and allocates again on demand. */
void arena_release(struct arena *a);

void arena_str_open(struct arena *a);
bool arena_str_is_open(const struct arena *a);
/* false when the allocator fails; the open string is then abandoned. */
bool arena_str_append(struct arena *a, const uint8_t *bytes, size_t len)
	__attribute__((warn_unused_result));
/* Length of the open string so far. */
size_t arena_str_len(const struct arena *a);
/* Drops the last n bytes of the open string (n <= its length). */
void arena_str_trim(struct arena *a, size_t n);
struct span arena_str_close(struct arena *a);

#endif
