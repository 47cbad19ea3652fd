#include "arena.h"

#include <string.h>

struct arena_block {
	struct arena_block *older;
	size_t capacity;
	size_t used;
	_Alignas(max_align_t) uint8_t bytes[];
};

#define ALIGN_UP(n) (((n) + (_Alignof(max_align_t) - 1)) & ~(size_t)(_Alignof(max_align_t) - 1))

void arena_init(struct arena *a, const struct mem *mem, size_t first_block_bytes)
{
	a->top = NULL;
	a->mem = mem;
	a->first_block_bytes = first_block_bytes;
	a->open_offset = SIZE_MAX;
	a->bytes_allocated = 0;
}

static struct arena_block *arena_push_block(struct arena *a, size_t min_bytes)
{
	size_t capacity = a->first_block_bytes;
	if (a->top != NULL && a->top->capacity * 2 > capacity)
		capacity = a->top->capacity * 2;
	if (capacity < min_bytes)
		capacity = min_bytes;
	if (capacity > SIZE_MAX - sizeof(struct arena_block))
		return NULL;
	struct arena_block *b = mem_alloc(a->mem, sizeof *b + capacity);
	if (b == NULL)
		return NULL;
	b->older = a->top;
	b->capacity = capacity;
	b->used = 0;
	a->top = b;
	a->bytes_allocated += capacity;
	return b;
}

void *arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b = a->top;
	size_t start = b != NULL ? ALIGN_UP(b->used) : 0;
	if (b == NULL || start > b->capacity || b->capacity - start < size) {
		b = arena_push_block(a, size);
		if (b == NULL)
			return NULL;
		start = 0;
	}
	b->used = start + size;
	return b->bytes + start;
}

static void arena_free_chain(struct arena *a, struct arena_block *b, struct arena_block *stop)
{
	while (b != stop) {
		struct arena_block *older = b->older;
		a->bytes_allocated -= b->capacity;
		mem_release(a->mem, b);
		b = older;
	}
}

void arena_reset(struct arena *a)
{
	a->open_offset = SIZE_MAX;
	if (a->top == NULL)
		return;
	struct arena_block *oldest = a->top;
	while (oldest->older != NULL)
		oldest = oldest->older;
	if (oldest->capacity != a->first_block_bytes) {
		arena_release(a);
		return;
	}
	arena_free_chain(a, a->top, oldest);
	oldest->used = 0;
	a->top = oldest;
}

void arena_release(struct arena *a)
{
	arena_free_chain(a, a->top, NULL);
	a->top = NULL;
	a->open_offset = SIZE_MAX;
}

void arena_str_open(struct arena *a)
{
	a->open_offset = a->top != NULL ? a->top->used : 0;
}

bool arena_str_is_open(const struct arena *a)
{
	return a->open_offset != SIZE_MAX;
}

size_t arena_str_len(const struct arena *a)
{
	return a->top != NULL ? a->top->used - a->open_offset : 0;
}

/* Moves the open string to a new block with room for `extra` more bytes; the
 * bytes left behind in the old block are dead until the next reset. */
static struct arena_block *arena_str_move(struct arena *a, size_t extra)
{
	size_t have = arena_str_len(a);
	const uint8_t *old = a->top != NULL ? a->top->bytes + a->open_offset : NULL;
	if (extra > SIZE_MAX / 4 || have > SIZE_MAX / 4 - extra)
		return NULL;
	struct arena_block *nb = arena_push_block(a, (have + extra) * 2);
	if (nb == NULL)
		return NULL;
	if (have > 0)
		memcpy(nb->bytes, old, have);
	nb->used = have;
	a->open_offset = 0;
	return nb;
}

bool arena_str_append(struct arena *a, const uint8_t *bytes, size_t len)
{
	if (len == 0)
		return true;
	struct arena_block *b = a->top;
	if (b == NULL || b->capacity - b->used < len)
		b = arena_str_move(a, len);
	if (b == NULL) {
		a->open_offset = SIZE_MAX;
		return false;
	}
	memcpy(b->bytes + b->used, bytes, len);
	b->used += len;
	return true;
}

void arena_str_trim(struct arena *a, size_t n)
{
	if (n > 0)
		a->top->used -= n;
}

struct span arena_str_close(struct arena *a)
{
	struct span s = { NULL, 0 };
	if (a->top != NULL && a->open_offset != SIZE_MAX) {
		s.ptr = a->top->bytes + a->open_offset;
		s.len = a->top->used - a->open_offset;
	}
	a->open_offset = SIZE_MAX;
	return s;
}
