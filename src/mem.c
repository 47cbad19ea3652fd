#include "mem.h"

#include <stdlib.h>

static void *default_alloc(void *ctx, size_t size)
{
	(void)ctx;
	return malloc(size);
}

static void default_release(void *ctx, void *ptr)
{
	(void)ctx;
	free(ptr);
}

static const struct mem default_mem = { default_alloc, default_release, NULL };

const struct mem *mem_default(void)
{
	return &default_mem;
}
