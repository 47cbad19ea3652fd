/* mem.h - the pluggable allocator every allocating module takes.
 *
 * Ownership: a struct mem is borrowed by the modules that use it and must outlive
 * them. mem_default() is a static table over malloc/free. Tests pass their own
 * table to fail the Nth allocation (the libexpat way) without any global switch. */
#ifndef XMPPD_MEM_H
#define XMPPD_MEM_H

#include <stddef.h>

struct mem {
	void *(*alloc)(void *ctx, size_t size); /* NULL on failure */
	void (*release)(void *ctx, void *ptr);  /* ptr may be NULL */
	void *ctx;
};

const struct mem *mem_default(void);

static inline void *mem_alloc(const struct mem *m, size_t size)
{
	return m->alloc(m->ctx, size);
}

static inline void mem_release(const struct mem *m, void *ptr)
{
	m->release(m->ctx, ptr);
}

#endif
