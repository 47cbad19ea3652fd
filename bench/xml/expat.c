/* expat.c - the benchmark's expat runs (expat 2, namespace processing on).
 *
 * expat+malloc builds, per stanza, the tree a typical expat user builds: one
 * malloc per node, per name and per attribute value, names split into
 * namespace and local part, adjacent character data coalesced into one text
 * node; the tree is freed when the stanza ends. expat+arena builds the same
 * tree in our arena (src/arena.h) and resets it per stanza, as xml.c does.
 * expat-empty only counts, for the cost of expat's tokenizer alone. Trees
 * start at the stanza (depth 1 under the stream root); whitespace between
 * stanzas is dropped, as ours drops it after checking it. */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bench.h"

/* Separates namespace and local name in expat's names: cannot occur in a name,
 * and XMPP namespace names hold no spaces. */
#define NS_SEP ' '

struct eattr {
	char *name; /* "uri local" or "local": owns the bytes ns and local point into */
	char *value;
	const char *ns, *local;
	size_t ns_len, local_len, value_len;
};

struct enode {
	struct enode *parent, *next, *first_child, *last_child;
	bool is_text;
	char *name; /* element: as for eattr; text: the text */
	const char *ns, *local;
	size_t ns_len, local_len, text_len;
	struct eattr *attrs;
	size_t attr_count;
};

struct ebuilder {
	XML_Parser parser;
	bool use_arena;
	struct arena arena;    /* use_arena: every node and string; reset per stanza */
	char *scratch;         /* !use_arena: text being coalesced, copied out at its end */
	size_t scratch_len, scratch_cap;
	bool text_open;
	struct enode *current; /* innermost open element of the stanza, NULL between stanzas */
	unsigned depth;        /* open elements, the stream root included (as in xml.c) */
	bool hashing;
	struct digest d;
};

static void *b_alloc(struct ebuilder *b, size_t size)
{
	void *p = b->use_arena ? arena_alloc(&b->arena, size) : malloc(size);
	if (p == NULL)
		bench_die("out of memory");
	return p;
}

static char *b_copy(struct ebuilder *b, const char *s, size_t len)
{
	char *p = b_alloc(b, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* Expat's "uri<sep>local", or "local" when there is no namespace. */
static void split_name(const char *name, size_t len, const char **ns, size_t *ns_len,
		       const char **local, size_t *local_len)
{
	const char *sep = memchr(name, NS_SEP, len);
	if (sep == NULL) {
		*ns = name;
		*ns_len = 0;
		*local = name;
		*local_len = len;
		return;
	}
	*ns = name;
	*ns_len = (size_t)(sep - name);
	*local = sep + 1;
	*local_len = len - *ns_len - 1;
}

static void link_node(struct ebuilder *b, struct enode *n)
{
	n->parent = b->current;
	n->next = n->first_child = n->last_child = NULL;
	struct enode *p = b->current;
	if (p == NULL)
		return;
	if (p->last_child != NULL)
		p->last_child->next = n;
	else
		p->first_child = n;
	p->last_child = n;
}

static void flush_text(struct ebuilder *b)
{
	if (!b->text_open)
		return;
	b->text_open = false;
	struct enode *n;
	if (b->use_arena) {
		struct span s = arena_str_close(&b->arena);
		n = b_alloc(b, sizeof *n);
		n->name = (char *)(uintptr_t)s.ptr;
		n->text_len = s.len;
	} else {
		n = b_alloc(b, sizeof *n);
		n->name = b_copy(b, b->scratch, b->scratch_len);
		n->text_len = b->scratch_len;
		b->scratch_len = 0;
	}
	n->is_text = true;
	n->attrs = NULL;
	n->attr_count = 0;
	link_node(b, n);
}

static void XMLCALL e_chardata(void *ud, const XML_Char *s, int len)
{
	struct ebuilder *b = ud;
	if (b->depth < 2)
		return; /* whitespace between stanzas */
	if (b->use_arena) {
		if (!b->text_open)
			arena_str_open(&b->arena);
		if (!arena_str_append(&b->arena, (const uint8_t *)s, (size_t)len))
			bench_die("out of memory");
	} else {
		if (b->scratch_cap - b->scratch_len < (size_t)len) {
			size_t cap = b->scratch_cap ? b->scratch_cap : 256;
			while (cap - b->scratch_len < (size_t)len)
				cap *= 2;
			b->scratch = realloc(b->scratch, cap);
			if (b->scratch == NULL)
				bench_die("out of memory");
			b->scratch_cap = cap;
		}
		memcpy(b->scratch + b->scratch_len, s, (size_t)len);
		b->scratch_len += (size_t)len;
	}
	b->text_open = true;
}

static void XMLCALL e_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ebuilder *b = ud;
	if (++b->depth < 2)
		return; /* the stream root */
	flush_text(b);
	struct enode *n = b_alloc(b, sizeof *n);
	size_t len = strlen(name);
	n->is_text = false;
	n->name = b_copy(b, name, len);
	split_name(n->name, len, &n->ns, &n->ns_len, &n->local, &n->local_len);
	n->text_len = 0;
	size_t count = 0;
	while (atts[2 * count] != NULL)
		count++;
	n->attr_count = count;
	n->attrs = count > 0 ? b_alloc(b, count * sizeof *n->attrs) : NULL;
	for (size_t i = 0; i < count; i++) {
		struct eattr *a = &n->attrs[i];
		size_t name_len = strlen(atts[2 * i]);
		a->value_len = strlen(atts[2 * i + 1]);
		a->name = b_copy(b, atts[2 * i], name_len);
		a->value = b_copy(b, atts[2 * i + 1], a->value_len);
		split_name(a->name, name_len, &a->ns, &a->ns_len, &a->local, &a->local_len);
	}
	link_node(b, n);
	b->current = n;
}

static void tally_tree(struct tally *t, const struct enode *n)
{
	if (n->is_text) {
		t->text_nodes++;
		t->text_bytes += n->text_len;
		return;
	}
	t->elements++;
	t->attrs += n->attr_count;
	for (const struct enode *c = n->first_child; c != NULL; c = c->next)
		tally_tree(t, c);
}

static uint64_t hash_tree(uint64_t h, const struct enode *n)
{
	if (n->is_text)
		return hash_bytes(hash_tag(h, 'T'), n->name, n->text_len);
	h = hash_bytes(hash_tag(h, 'E'), n->ns, n->ns_len);
	h = hash_bytes(h, n->local, n->local_len);
	for (size_t i = 0; i < n->attr_count; i++) {
		const struct eattr *a = &n->attrs[i];
		h = hash_bytes(hash_tag(h, 'A'), a->ns, a->ns_len);
		h = hash_bytes(h, a->local, a->local_len);
		h = hash_bytes(h, a->value, a->value_len);
	}
	for (const struct enode *c = n->first_child; c != NULL; c = c->next)
		h = hash_tree(h, c);
	return hash_tag(h, 'e');
}

static void free_tree(struct enode *n)
{
	struct enode *c = n->first_child;
	while (c != NULL) {
		struct enode *next = c->next;
		free_tree(c);
		c = next;
	}
	for (size_t i = 0; i < n->attr_count; i++) {
		free(n->attrs[i].name);
		free(n->attrs[i].value);
	}
	free(n->attrs);
	free(n->name);
	free(n);
}

static void XMLCALL e_end(void *ud, const XML_Char *name)
{
	struct ebuilder *b = ud;
	(void)name;
	if (b->depth-- < 2)
		return; /* the stream root closes */
	flush_text(b);
	struct enode *n = b->current;
	b->current = n->parent;
	if (b->depth > 1)
		return;
	/* A stanza is complete: hand it over, then drop it. */
	b->d.t.stanzas++;
	tally_tree(&b->d.t, n);
	if (b->hashing)
		b->d.hash = hash_tree(b->d.hash, n);
	if (b->use_arena)
		arena_reset(&b->arena);
	else
		free_tree(n);
}

/* Feeds the corpus as ours is fed: one copy of each 4096-byte read. */
static bool feed_expat(XML_Parser p, const struct corpus *c, const char *label)
{
	for (size_t off = 0;; off += BENCH_READ_BYTES) {
		size_t n = off < c->len ? c->len - off : 0;
		if (n > BENCH_READ_BYTES)
			n = BENCH_READ_BYTES;
		void *buf = XML_GetBuffer(p, BENCH_READ_BYTES);
		if (buf == NULL)
			bench_die("out of memory");
		memcpy(buf, c->bytes + off, n);
		if (XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
			fprintf(stderr, "bench_xml: %s: %s at byte %lld\n", label,
				XML_ErrorString(XML_GetErrorCode(p)),
				(long long)XML_GetCurrentByteIndex(p));
			return false;
		}
		if (n == 0)
			return true;
	}
}

static bool run_expat_tree(const struct corpus *c, bool hashing, struct digest *out, bool use_arena)
{
	struct ebuilder b = { .use_arena = use_arena, .hashing = hashing };
	/* The same first block size as the stanza arena in xml.c. */
	arena_init(&b.arena, mem_default(), 4096);
	b.parser = XML_ParserCreateNS(NULL, NS_SEP);
	if (b.parser == NULL)
		bench_die("out of memory");
	XML_SetUserData(b.parser, &b);
	XML_SetElementHandler(b.parser, e_start, e_end);
	XML_SetCharacterDataHandler(b.parser, e_chardata);
	bool ok = feed_expat(b.parser, c, use_arena ? "expat+arena" : "expat+malloc");
	XML_ParserFree(b.parser);
	arena_release(&b.arena);
	free(b.scratch);
	*out = b.d;
	return ok;
}

__attribute__((noinline)) bool run_expat_malloc(const struct corpus *c, bool hashing,
						       struct digest *out)
{
	return run_expat_tree(c, hashing, out, false);
}

__attribute__((noinline)) bool run_expat_arena(const struct corpus *c, bool hashing,
						      struct digest *out)
{
	return run_expat_tree(c, hashing, out, true);
}

/* ---------- expat with counting handlers only ---------- */

struct ecount {
	unsigned depth;
	bool in_text; /* consecutive character data calls make one text node */
	struct tally t;
};

static void XMLCALL c_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ecount *e = ud;
	(void)name;
	e->in_text = false;
	if (++e->depth < 2)
		return;
	e->t.elements++;
	for (; atts[0] != NULL; atts += 2)
		e->t.attrs++;
}

static void XMLCALL c_end(void *ud, const XML_Char *name)
{
	struct ecount *e = ud;
	(void)name;
	e->in_text = false;
	if (--e->depth == 1)
		e->t.stanzas++;
}

static void XMLCALL c_chardata(void *ud, const XML_Char *s, int len)
{
	struct ecount *e = ud;
	(void)s;
	if (e->depth < 2)
		return;
	e->t.text_nodes += !e->in_text;
	e->in_text = true;
	e->t.text_bytes += (uint64_t)len;
}

__attribute__((noinline)) bool run_expat_empty(const struct corpus *c, bool hashing,
						      struct digest *out)
{
	(void)hashing; /* no tree to hash: only the counts are compared */
	struct ecount e = { 0 };
	XML_Parser p = XML_ParserCreateNS(NULL, NS_SEP);
	if (p == NULL)
		bench_die("out of memory");
	XML_SetUserData(p, &e);
	XML_SetElementHandler(p, c_start, c_end);
	XML_SetCharacterDataHandler(p, c_chardata);
	bool ok = feed_expat(p, c, "expat-empty");
	XML_ParserFree(p);
	out->t = e.t;
	out->hash = 0;
	return ok;
}

const char *expat_version_text(void)
{
	return XML_ExpatVersion();
}
