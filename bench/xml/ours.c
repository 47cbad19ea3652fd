/* ours.c - the benchmark's run of our parser (src/xml.h), default limits.
 *
 * The stanza handler walks each tree as a consumer would look at it: counts
 * elements, attributes, text nodes and text bytes (and hashes it when asked).
 * The tree is borrowed for the callback only, as xml.h says. */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "xml.h"

struct ours_ctx {
	bool hashing;
	struct digest d;
};

/* The verification run counts allocations (arena blocks, mostly): a number
 * the profile needs and the timed runs must not pay for. */
static uint64_t allocations;

static void *counting_alloc(void *ctx, size_t size)
{
	(void)ctx;
	allocations++;
	return mem_default()->alloc(mem_default()->ctx, size);
}

static void counting_release(void *ctx, void *ptr)
{
	(void)ctx;
	mem_default()->release(mem_default()->ctx, ptr);
}

static const struct mem counting_mem = { counting_alloc, counting_release, NULL };

uint64_t ours_allocations(void)
{
	return allocations;
}

static void tally_tree(struct tally *t, const struct xml_node *n)
{
	if (n->kind == XML_NODE_TEXT) {
		t->text_nodes++;
		t->text_bytes += n->text.len;
		return;
	}
	t->elements++;
	t->attrs += n->attr_count;
	for (const struct xml_node *c = n->first_child; c != NULL; c = c->next)
		tally_tree(t, c);
}

static uint64_t hash_tree(uint64_t h, const struct xml_node *n)
{
	if (n->kind == XML_NODE_TEXT)
		return hash_bytes(hash_tag(h, 'T'), n->text.ptr, n->text.len);
	h = hash_bytes(hash_tag(h, 'E'), n->ns.ptr, n->ns.len);
	h = hash_bytes(h, n->local.ptr, n->local.len);
	for (size_t i = 0; i < n->attr_count; i++) {
		const struct xml_attr *a = &n->attrs[i];
		h = hash_bytes(hash_tag(h, 'A'), a->ns.ptr, a->ns.len);
		h = hash_bytes(h, a->local.ptr, a->local.len);
		h = hash_bytes(h, a->value.ptr, a->value.len);
	}
	for (const struct xml_node *c = n->first_child; c != NULL; c = c->next)
		h = hash_tree(h, c);
	return hash_tag(h, 'e');
}

static enum xml_verdict on_stanza(void *ctx, const struct xml_node *stanza)
{
	struct ours_ctx *o = ctx;
	o->d.t.stanzas++;
	tally_tree(&o->d.t, stanza);
	if (o->hashing)
		o->d.hash = hash_tree(o->d.hash, stanza);
	return XML_CONTINUE;
}

/* Not inlined: `make profile` collects inside it only (--toggle-collect). */
__attribute__((noinline)) bool run_ours(const struct corpus *c, bool hashing, struct digest *out)
{
	struct ours_ctx o = { .hashing = hashing };
	struct xml_handler h = { .ctx = &o, .on_stanza = on_stanza };
	struct xml_limits limits = xml_limits_default();
	allocations = 0;
	struct xml_parser *xp = xml_parser_new(hashing ? &counting_mem : mem_default(), &limits, &h);
	if (xp == NULL)
		bench_die("out of memory");
	uint8_t rd[BENCH_READ_BYTES];
	bool closed = false;
	size_t off = 0;
	while (off < c->len && !closed) {
		size_t n = c->len - off < sizeof rd ? c->len - off : sizeof rd;
		memcpy(rd, c->bytes + off, n);
		size_t used;
		enum xml_status s = xml_parser_feed(xp, rd, n, &used);
		if (s == XML_STATUS_ERROR) {
			struct xml_fault f = xml_parser_error(xp);
			fprintf(stderr, "bench_xml: ours: %s at byte %llu\n", xml_error_name(f.error),
				(unsigned long long)f.offset);
			xml_parser_free(xp);
			return false;
		}
		if (s == XML_STATUS_PAUSED || (s == XML_STATUS_OK && used != n))
			bench_die("ours: a read was not consumed whole");
		closed = s == XML_STATUS_CLOSED;
		off += used;
	}
	xml_parser_free(xp);
	if (!closed || off != c->len) {
		fprintf(stderr, "bench_xml: ours: the stream %s\n",
			closed ? "closed before the end of the corpus" : "did not close");
		return false;
	}
	*out = o.d;
	return true;
}
