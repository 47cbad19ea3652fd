/* router.c - the hash of online accounts and their sessions. Ownership: router.h. */
#include "router.h"

#include <string.h>

#include <sodium.h>

#define BUCKETS_MIN 64u

struct router {
	const struct mem *mem;
	struct account **buckets;
	size_t bucket_count; /* a power of two */
	size_t account_count;
	size_t session_count;
	uint8_t key[crypto_shorthash_KEYBYTES];
};

static size_t bucket_of(const struct router *r, struct span local)
{
	uint8_t h[crypto_shorthash_BYTES];
	crypto_shorthash(h, local.ptr, local.len, r->key);
	uint64_t v = 0;
	memcpy(&v, h, sizeof v);
	return (size_t)(v & (r->bucket_count - 1));
}

struct router *router_new(const struct mem *mem)
{
	struct router *r = mem_alloc(mem, sizeof *r);
	if (r == NULL)
		return NULL;
	memset(r, 0, sizeof *r);
	r->mem = mem;
	r->bucket_count = BUCKETS_MIN;
	r->buckets = mem_alloc(mem, r->bucket_count * sizeof(struct account *));
	if (r->buckets == NULL) {
		mem_release(mem, r);
		return NULL;
	}
	memset(r->buckets, 0, r->bucket_count * sizeof(struct account *));
	crypto_shorthash_keygen(r->key);
	return r;
}

static void session_destroy(const struct mem *mem, struct session *s)
{
	while (s->directed != NULL) {
		struct directed *d = s->directed;
		s->directed = d->next;
		mem_release(mem, d);
	}
	buf_free(&s->presence);
	buf_free(&s->last_status);
	mem_release(mem, s);
}

void router_free(struct router *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->bucket_count; i++) {
		while (r->buckets[i] != NULL) {
			struct account *a = r->buckets[i];
			r->buckets[i] = a->next;
			while (a->sessions != NULL) {
				struct session *s = a->sessions;
				a->sessions = s->next;
				session_destroy(r->mem, s);
			}
			buf_free(&a->blocklist);
			mem_release(r->mem, a);
		}
	}
	mem_release(r->mem, r->buckets);
	mem_release(r->mem, r);
}

struct account *router_account(const struct router *r, struct span local)
{
	for (struct account *a = r->buckets[bucket_of(r, local)]; a != NULL; a = a->next) {
		if (span_eq(account_local(a), local))
			return a;
	}
	return NULL;
}

struct session *router_session(const struct router *r, struct span local, struct span resource)
{
	struct account *a = router_account(r, local);
	for (struct session *s = a != NULL ? a->sessions : NULL; s != NULL; s = s->next) {
		if (span_eq(session_resource(s), resource))
			return s;
	}
	return NULL;
}

/* Doubling keeps chains short; a failed allocation only leaves them longer. */
static void grow(struct router *r)
{
	size_t count = r->bucket_count * 2;
	struct account **b = mem_alloc(r->mem, count * sizeof(struct account *));
	if (b == NULL)
		return;
	memset(b, 0, count * sizeof(struct account *));
	struct account **old = r->buckets;
	size_t old_count = r->bucket_count;
	r->buckets = b;
	r->bucket_count = count;
	for (size_t i = 0; i < old_count; i++) {
		while (old[i] != NULL) {
			struct account *a = old[i];
			old[i] = a->next;
			size_t at = bucket_of(r, account_local(a));
			a->next = b[at];
			b[at] = a;
		}
	}
	mem_release(r->mem, old);
}

static struct account *account_add(struct router *r, struct span local, struct span domain)
{
	struct account *a = mem_alloc(r->mem, sizeof *a + local.len + 1 + domain.len);
	if (a == NULL)
		return NULL;
	memset(a, 0, sizeof *a);
	buf_init(&a->blocklist, r->mem);
	memcpy(a->bare, local.ptr, local.len);
	a->bare[local.len] = '@';
	memcpy(a->bare + local.len + 1, domain.ptr, domain.len);
	a->local_len = local.len;
	a->bare_len = local.len + 1 + domain.len;
	size_t at = bucket_of(r, local);
	a->next = r->buckets[at];
	r->buckets[at] = a;
	if (++r->account_count > r->bucket_count)
		grow(r);
	return a;
}

static void account_remove(struct router *r, struct account *a)
{
	for (struct account **p = &r->buckets[bucket_of(r, account_local(a))]; *p != NULL; p = &(*p)->next) {
		if (*p == a) {
			*p = a->next;
			break;
		}
	}
	r->account_count--;
	buf_free(&a->blocklist);
	mem_release(r->mem, a);
}

struct session *router_add(struct router *r, struct span local, struct span domain, struct span resource,
			   const struct session_io *io)
{
	struct account *a = router_account(r, local);
	bool created = a == NULL;
	if (created && (a = account_add(r, local, domain)) == NULL)
		return NULL;
	struct session *s = mem_alloc(r->mem, sizeof *s + a->bare_len + 1 + resource.len);
	if (s == NULL) {
		if (created)
			account_remove(r, a);
		return NULL;
	}
	memset(s, 0, sizeof *s);
	s->account = a;
	s->io = *io;
	buf_init(&s->presence, r->mem);
	buf_init(&s->last_status, r->mem);
	memcpy(s->full, a->bare, a->bare_len);
	s->full[a->bare_len] = '/';
	memcpy(s->full + a->bare_len + 1, resource.ptr, resource.len);
	s->full_len = a->bare_len + 1 + resource.len;
	s->next = a->sessions;
	a->sessions = s;
	a->session_count++;
	r->session_count++;
	return s;
}

void router_remove(struct router *r, struct session *s)
{
	if (s == NULL)
		return;
	struct account *a = s->account;
	for (struct session **p = &a->sessions; *p != NULL; p = &(*p)->next) {
		if (*p == s) {
			*p = s->next;
			break;
		}
	}
	a->session_count--;
	r->session_count--;
	session_destroy(r->mem, s);
	if (a->session_count == 0)
		account_remove(r, a);
}

size_t router_session_count(const struct router *r)
{
	return r->session_count;
}

size_t router_account_count(const struct router *r)
{
	return r->account_count;
}

bool session_directed_add(struct session *s, const struct mem *mem, struct span jid)
{
	for (struct directed *d = s->directed; d != NULL; d = d->next) {
		if (span_eq(span_of(d->jid, d->jid_len), jid))
			return true;
	}
	struct directed *d = mem_alloc(mem, sizeof *d + jid.len);
	if (d == NULL)
		return false;
	d->jid_len = jid.len;
	memcpy(d->jid, jid.ptr, jid.len);
	d->next = s->directed;
	s->directed = d;
	return true;
}

bool session_directed_has(const struct session *s, struct span jid)
{
	for (const struct directed *d = s->directed; d != NULL; d = d->next) {
		if (span_eq(span_of(d->jid, d->jid_len), jid))
			return true;
	}
	return false;
}

void session_directed_remove(struct session *s, const struct mem *mem, struct span jid)
{
	for (struct directed **p = &s->directed; *p != NULL; p = &(*p)->next) {
		if (span_eq(span_of((*p)->jid, (*p)->jid_len), jid)) {
			struct directed *gone = *p;
			*p = gone->next;
			mem_release(mem, gone);
			return;
		}
	}
}
