/* driver.h - what every fuzz program under fuzz/ shares: the entry point (an
 * AFL++ persistent loop, or a replay of files when built without AFL), a
 * counting allocator, and the report written before a property failure aborts.
 *
 * Ownership: fuzz_one() borrows the input for the call only. The driver owns the
 * copy it passes: an exact-size heap block, so that an over-read by one byte is
 * a heap-buffer-overflow under ASan instead of a silent read of AFL's buffer.
 * Reports go to stderr; fuzz_fail() never returns. */
#ifndef XMPPD_FUZZ_DRIVER_H
#define XMPPD_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mem.h"

/* Each program defines this: check every property on one input, abort() on failure. */
void fuzz_one(const uint8_t *input, size_t len);

/* Prints "<what>: <message>" and the input C-escaped, then abort()s. */
void fuzz_fail(const uint8_t *input, size_t len, const char *what, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 4, 5)));

/* Writes bytes as the body of a C string literal ("\x01", "\n", "\"", ...). */
void fuzz_print_escaped(FILE *out, const uint8_t *bytes, size_t len);

/* A struct mem over malloc that counts live blocks: a parser that is freed must
 * leave none (leaks are otherwise invisible in a persistent loop without LSan). */
struct counting_mem {
	struct mem mem;
	long live;
};

void counting_mem_init(struct counting_mem *cm);

/* FNV-1a over the input: the seed for everything derived from it. */
uint64_t fuzz_hash(const uint8_t *bytes, size_t len);

#endif
