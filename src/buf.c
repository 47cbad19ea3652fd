#include "buf.h"

#include <string.h>

void buf_init(struct buf *b, const struct mem *mem)
{
	b->data = NULL;
	b->len = 0;
	b->capacity = 0;
	b->mem = mem;
}

void buf_free(struct buf *b)
{
	mem_release(b->mem, b->data);
	b->data = NULL;
	b->len = 0;
	b->capacity = 0;
}

bool buf_reserve(struct buf *b, size_t extra)
{
	if (b->capacity - b->len >= extra)
		return true;
	if (extra > SIZE_MAX / 2 - b->len)
		return false;
	size_t capacity = b->capacity < 256 ? 256 : b->capacity;
	while (capacity < b->len + extra)
		capacity *= 2;
	uint8_t *data = mem_alloc(b->mem, capacity);
	if (data == NULL)
		return false;
	if (b->len > 0)
		memcpy(data, b->data, b->len);
	mem_release(b->mem, b->data);
	b->data = data;
	b->capacity = capacity;
	return true;
}

bool buf_append(struct buf *b, const void *bytes, size_t len)
{
	if (len == 0)
		return true;
	if (!buf_reserve(b, len))
		return false;
	memcpy(b->data + b->len, bytes, len);
	b->len += len;
	return true;
}
