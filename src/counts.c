#include "counts.h"

#include <string.h>

#include <sodium.h>

struct entry {
	uint64_t hash;
	uint64_t window_start;
	uint32_t count;      /* 0: free slot */
	uint8_t key_len;
	uint8_t key[COUNTS_KEY_MAX];
};

struct counts {
	const struct mem *mem;
	size_t mask;
	uint64_t window_ms;
	uint8_t hash_key[crypto_shorthash_KEYBYTES];
	struct entry slots[];
};

#define PROBES 16 /* a key lives within this many slots of its home */

struct counts *counts_new(const struct mem *mem, size_t capacity, uint64_t window_ms)
{
	size_t n = 16;
	while (n < capacity * 2 && n < ((size_t)1 << 24))
		n *= 2;
	struct counts *t = mem_alloc(mem, sizeof *t + n * sizeof t->slots[0]);
	if (t == NULL)
		return NULL;
	memset(t, 0, sizeof *t + n * sizeof t->slots[0]);
	t->mem = mem;
	t->mask = n - 1;
	t->window_ms = window_ms;
	randombytes_buf(t->hash_key, sizeof t->hash_key);
	return t;
}

void counts_free(struct counts *t)
{
	if (t != NULL)
		mem_release(t->mem, t);
}

static uint64_t hash_of(const struct counts *t, struct span key)
{
	uint8_t out[crypto_shorthash_BYTES];
	crypto_shorthash(out, key.ptr, key.len, t->hash_key);
	uint64_t h;
	memcpy(&h, out, sizeof h);
	return h;
}

static bool expired(const struct counts *t, const struct entry *e, uint64_t now)
{
	return t->window_ms > 0 && now - e->window_start >= t->window_ms;
}

static bool matches(const struct entry *e, uint64_t h, struct span key)
{
	return e->count > 0 && e->hash == h && e->key_len == key.len && memcmp(e->key, key.ptr, key.len) == 0;
}

/* The slot index holding key, or SIZE_MAX. */
static size_t find(const struct counts *t, uint64_t h, struct span key)
{
	for (size_t i = 0; i < PROBES; i++) {
		size_t at = (h + i) & t->mask;
		if (matches(&t->slots[at], h, key))
			return at;
	}
	return SIZE_MAX;
}

uint32_t counts_get(const struct counts *t, struct span key, uint64_t now_ms)
{
	if (key.len > COUNTS_KEY_MAX)
		return 0;
	size_t at = find(t, hash_of(t, key), key);
	return at == SIZE_MAX || expired(t, &t->slots[at], now_ms) ? 0 : t->slots[at].count;
}

/* A free or expired slot near home; else (windowed tables) the oldest one there. */
static struct entry *claim(struct counts *t, uint64_t h, uint64_t now)
{
	struct entry *oldest = NULL;
	for (size_t i = 0; i < PROBES; i++) {
		struct entry *e = &t->slots[(h + i) & t->mask];
		if (e->count == 0 || expired(t, e, now))
			return e;
		if (oldest == NULL || e->window_start < oldest->window_start)
			oldest = e;
	}
	return t->window_ms > 0 ? oldest : NULL;
}

bool counts_add(struct counts *t, struct span key, int32_t delta, uint64_t now_ms)
{
	if (key.len > COUNTS_KEY_MAX)
		return false;
	uint64_t h = hash_of(t, key);
	size_t at = find(t, h, key);
	struct entry *e = at == SIZE_MAX ? NULL : &t->slots[at];
	if (e != NULL && expired(t, e, now_ms)) {
		e->count = 0;
		e = NULL;
	}
	if (e == NULL) {
		if (delta <= 0)
			return true;
		e = claim(t, h, now_ms);
		if (e == NULL)
			return false;
		e->hash = h;
		e->window_start = now_ms;
		e->count = 0;
		e->key_len = (uint8_t)key.len;
		memcpy(e->key, key.ptr, key.len);
	}
	int64_t next = (int64_t)e->count + delta;
	e->count = next <= 0 ? 0 : (uint32_t)next;
	return true;
}
