/* harness.c - fuzz target for xml_parser_feed() (src/xml.h).
 *
 * Every input is parsed twice and the two runs must agree; any failure below
 * abort()s, which AFL++ records as a crash and `make -C fuzz replay` re-runs.
 *
 * P1 chunk-split invariance (xml.h, tests/check_xml.c): run A feeds the whole
 *    input in one call to a fresh parser; run B feeds it to the same parser
 *    after xml_parser_reset(), in chunks whose sizes, and whether the handlers
 *    pause, and whether xml_parser_trim() runs between chunks, all come from a
 *    hash of the input. The logs must be byte-identical: each event (the stream
 *    header and each stanza re-serialized, the close), the status when feeding
 *    stops, the error name and offset, and for CLOSED the bytes consumed. (Bytes
 *    consumed by a failing feed are not compared: xml.h gives them no meaning.)
 *    The split hashes the whole input rather than its first bytes, because every
 *    valid stream begins with the same header and would always get the same
 *    split; bytes after </stream:stream> are never parsed, so mutating them
 *    varies the split of an unchanged stream.
 * P2 round trip (xml_write.h): in run A, every stanza serialized and parsed
 *    again (under a header declaring the same content namespace, with limits
 *    lifted since escaping grows the text) is one stanza, xml_node_equal to it.
 * P3 API contract (xml.h): a feed consumes at most what it is given; OK means
 *    all of it; a pause makes progress; an ERROR or CLOSED parser takes no more
 *    bytes and keeps its verdict; finish() on an open stream reports
 *    XML_E_UNEXPECTED_END at the end of the input; error codes are in range
 *    and offsets within the input.
 * P4 no leak: every block the parser allocates (through a counting struct
 *    mem) is released by xml_parser_free().
 *
 * Limits: default for three inputs in four; otherwise small limits derived
 * from the hash (the same for both runs) so that every policy-violation path
 * and its offset is also split-tested. A replay build (out/bin/xml-asan) run
 * with FUZZ_VERBOSE=1 prints the split and limits it derived. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "driver.h"
#include "xml.h"
#include "xml_write.h"

struct plan {
	bool whole;          /* one feed call */
	size_t chunk_max;    /* else random chunk sizes in 1..chunk_max */
	uint64_t rng;
	bool pause_open;     /* handlers return XML_PAUSE */
	bool pause_stanza;
	bool trim;           /* xml_parser_trim() between chunks */
};

struct run {
	const char *name;
	struct buf log;
	struct span content_ns; /* the root's default namespace, for serializing stanzas */
	const struct plan *plan;
	bool check_roundtrip;
};

/* The handler's context: which run is active (the parser outlives run A). */
struct harness {
	const uint8_t *input;
	size_t len;
	struct run *active;
	struct buf scratch;
	struct buf rt;
	struct counting_mem rt_mem;
};

static struct harness H;

static void fail_oom(void)
{
	fuzz_fail(H.input, H.len, "harness out of memory", "malloc failed in the harness itself");
}

static void log_bytes(struct run *r, const void *bytes, size_t len)
{
	if (!buf_append(&r->log, bytes, len))
		fail_oom();
}

static void log_printf(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void log_printf(struct run *r, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof line)
		abort();
	log_bytes(r, line, (size_t)n);
}

static void log_node(struct run *r, const char *label, const struct xml_node *n, struct span ctx)
{
	buf_clear(&H.scratch);
	if (xml_write(&H.scratch, n, ctx) != XML_WRITE_OK)
		fail_oom();
	log_printf(r, "%s ", label);
	log_bytes(r, H.scratch.data, H.scratch.len);
	log_bytes(r, "\n", 1);
}

/* ---- P2: serialize, parse again, compare ---- */

struct reparse {
	const struct xml_node *original;
	int stanzas;
	int equal;
};

static enum xml_verdict reparse_stanza(void *ctx, const struct xml_node *n)
{
	struct reparse *rp = ctx;
	rp->stanzas++;
	rp->equal += xml_node_equal(rp->original, n);
	return XML_CONTINUE;
}

static bool append_literal(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

static void check_roundtrip(struct run *r, const struct xml_node *stanza)
{
	struct buf *out = &H.rt;
	buf_clear(out);
	bool ok = append_literal(out, "<stream:stream xmlns:stream='" XML_NS_STREAMS "'");
	if (r->content_ns.len > 0)
		ok = ok && append_literal(out, " xmlns='") &&
		     xml_write_attr_value(out, r->content_ns) == XML_WRITE_OK && append_literal(out, "'");
	ok = ok && append_literal(out, ">");
	size_t header = out->len;
	if (!ok || xml_write(out, stanza, r->content_ns) != XML_WRITE_OK)
		fail_oom();

	/* Escaping lengthens text and attribute prefixes lengthen names: lift the limits. */
	const size_t big = (size_t)1 << 30;
	struct xml_limits lifted = { big, big, big, big, big };
	struct reparse rp = { stanza, 0, 0 };
	struct xml_handler h = { &rp, NULL, reparse_stanza, NULL };
	counting_mem_init(&H.rt_mem);
	struct xml_parser *xp = xml_parser_new(&H.rt_mem.mem, &lifted, &h);
	if (xp == NULL)
		fail_oom();
	size_t used;
	enum xml_status s = xml_parser_feed(xp, out->data, out->len, &used);
	struct xml_fault f = xml_parser_error(xp);
	xml_parser_free(xp);
	if (s != XML_STATUS_OK || rp.stanzas != 1 || rp.equal != 1) {
		fprintf(stderr, "---- serialized stanza:\n\"");
		fuzz_print_escaped(stderr, out->data + header, out->len - header);
		fprintf(stderr, "\"\n");
		fuzz_fail(H.input, H.len, "P2 round trip",
			  "reparsing the serialized stanza: status %d, %s@%llu, %d stanza(s), %d equal",
			  (int)s, xml_error_name(f.error), (unsigned long long)f.offset, rp.stanzas, rp.equal);
	}
	if (H.rt_mem.live != 0)
		fuzz_fail(H.input, H.len, "P4 leak", "round-trip parser left %ld block(s)", H.rt_mem.live);
}

/* ---- handlers ---- */

static enum xml_verdict on_open(void *ctx, const struct xml_node *root)
{
	struct run *r = ((struct harness *)ctx)->active;
	/* The root lives until reset or free (xml.h), so the span stays valid. */
	r->content_ns = root->default_ns;
	log_node(r, "open", root, span_of(NULL, 0));
	return r->plan->pause_open ? XML_PAUSE : XML_CONTINUE;
}

static enum xml_verdict on_stanza(void *ctx, const struct xml_node *stanza)
{
	struct run *r = ((struct harness *)ctx)->active;
	log_node(r, "stanza", stanza, r->content_ns);
	if (r->check_roundtrip)
		check_roundtrip(r, stanza);
	return r->plan->pause_stanza ? XML_PAUSE : XML_CONTINUE;
}

static void on_close(void *ctx)
{
	log_printf(((struct harness *)ctx)->active, "close\n");
}

/* ---- feeding ---- */

static uint64_t next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static const char *status_name(enum xml_status s)
{
	static const char *const names[] = { "OK", "PAUSED", "CLOSED", "ERROR" };
	return (unsigned)s < 4 ? names[s] : "?";
}

static void contract(bool holds, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void contract(bool holds, const char *fmt, ...)
{
	if (holds)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fuzz_fail(H.input, H.len, "P3 API contract", "%s", msg);
}

/* Feeds the input by the plan and logs how it ended. */
static void feed_all(struct run *r, struct xml_parser *xp)
{
	const struct plan *pl = r->plan;
	uint64_t rng = pl->rng;
	size_t at = 0;
	enum xml_status s = XML_STATUS_OK;
	while (at < H.len && (s == XML_STATUS_OK || s == XML_STATUS_PAUSED)) {
		size_t n = H.len - at;
		if (!pl->whole) {
			size_t want = 1 + (size_t)(next_random(&rng) % pl->chunk_max);
			n = n < want ? n : want;
		}
		/* Each chunk in its own exact-size block: reading past it is caught by ASan. */
		uint8_t *chunk = malloc(n);
		if (chunk == NULL)
			fail_oom();
		memcpy(chunk, H.input + at, n);
		size_t off = 0;
		for (;;) {
			size_t used = (size_t)-1;
			s = xml_parser_feed(xp, chunk + off, n - off, &used);
			contract(used <= n - off, "%s: feed of %zu bytes at %zu consumed %zu", r->name,
				 n - off, at + off, used);
			off += used;
			if (s == XML_STATUS_OK)
				contract(off == n, "%s: OK after consuming %zu of %zu bytes at %zu", r->name,
					 off, n, at);
			if (s != XML_STATUS_PAUSED || off == n)
				break;
			contract(used > 0, "%s: PAUSED without consuming a byte at %zu", r->name, at + off);
		}
		free(chunk);
		at += off;
		if (pl->trim)
			xml_parser_trim(xp);
	}
	if (s == XML_STATUS_PAUSED)
		s = XML_STATUS_OK; /* a pause on the last byte: same as OK */
	log_printf(r, "fed %s", status_name(s));
	if (s == XML_STATUS_CLOSED) {
		log_printf(r, " consumed %zu", at);
		contract(at >= 2 && H.input[at - 1] == '>', "%s: CLOSED not after a '>' (consumed %zu)",
			 r->name, at);
	}
	log_bytes(r, "\n", 1);

	if (s == XML_STATUS_OK) {
		contract(at == H.len, "%s: OK but consumed %zu of %zu", r->name, at, H.len);
		enum xml_status f = xml_parser_finish(xp);
		struct xml_fault fault = xml_parser_error(xp);
		contract(f == XML_STATUS_ERROR && fault.error == XML_E_UNEXPECTED_END && fault.offset == H.len,
			 "%s: finish on an open stream: %s %s@%llu, expected ERROR XML_E_UNEXPECTED_END@%zu",
			 r->name, status_name(f), xml_error_name(fault.error),
			 (unsigned long long)fault.offset, H.len);
		s = f;
	}
	struct xml_fault fault = xml_parser_error(xp);
	if (s == XML_STATUS_ERROR) {
		contract(fault.error > XML_OK && fault.error < XML_ERROR_COUNT, "%s: error code %d",
			 r->name, (int)fault.error);
		contract(fault.offset <= H.len, "%s: error offset %llu beyond the input (%zu)", r->name,
			 (unsigned long long)fault.offset, H.len);
		log_printf(r, "error %s@%llu\n", xml_error_name(fault.error),
			   (unsigned long long)fault.offset);
	} else {
		contract(fault.error == XML_OK, "%s: status %s with error %s", r->name, status_name(s),
			 xml_error_name(fault.error));
	}
	/* The verdict is final: more bytes are refused, finish repeats it. */
	size_t used = (size_t)-1;
	enum xml_status again = xml_parser_feed(xp, (const uint8_t *)"<", 1, &used);
	contract(again == s && used == 0, "%s: after %s a feed returned %s consuming %zu", r->name,
		 status_name(s), status_name(again), used);
	enum xml_status fin = xml_parser_finish(xp);
	contract(fin == s, "%s: after %s finish returned %s", r->name, status_name(s), status_name(fin));
	struct xml_fault same = xml_parser_error(xp);
	contract(same.error == fault.error && same.offset == fault.offset,
		 "%s: the error changed after the verdict", r->name);
}

static struct plan plan_from_hash(uint64_t h)
{
	static const size_t chunk_max[] = { 1, 2, 3, 5, 8, 16, 64, 4096 };
	struct plan p = {
		.whole = false,
		.chunk_max = chunk_max[h & 7],
		.pause_open = (h >> 3) & 1,
		.pause_stanza = (h >> 4) & 1,
		.trim = (h >> 5) & 1,
		.rng = h | 1,
	};
	return p;
}

static struct xml_limits limits_from_hash(uint64_t h)
{
	if (((h >> 8) & 3) != 0)
		return xml_limits_default();
	/* Small enough to be reached, large enough for a stream header to fit sometimes. */
	return (struct xml_limits){
		.stanza_bytes_max = 1 + (h >> 10) % 200,
		.depth_max = 1 + (h >> 18) % 6,
		.attrs_max = 1 + (h >> 22) % 6,
		.name_bytes_max = 1 + (h >> 26) % 48,
		.text_bytes_max = 1 + (h >> 32) % 64,
	};
}

static void run_init(struct run *r, const char *name, const struct plan *pl, bool roundtrip)
{
	buf_init(&r->log, mem_default());
	r->name = name;
	r->content_ns = span_of(NULL, 0);
	r->plan = pl;
	r->check_roundtrip = roundtrip;
}

static void describe_plan(char *out, size_t size, const struct plan *pl, const struct xml_limits *lim)
{
	snprintf(out, size,
		 "chunks of 1..%zu (xorshift seed %#llx), pause on open %d, pause on stanza %d, trim %d; "
		 "limits stanza %zu depth %zu attrs %zu name %zu text %zu",
		 pl->chunk_max, (unsigned long long)pl->rng, pl->pause_open, pl->pause_stanza, pl->trim,
		 lim->stanza_bytes_max, lim->depth_max, lim->attrs_max, lim->name_bytes_max,
		 lim->text_bytes_max);
}

/* One log line per output line, other bytes C-escaped. */
static void print_log(const struct run *r)
{
	fprintf(stderr, "---- %s:\n", r->name);
	const uint8_t *p = r->log.data, *end = p + r->log.len;
	while (p < end) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		fuzz_print_escaped(stderr, p, n);
		fputc('\n', stderr);
		p += n + (nl != NULL);
	}
}

static bool logs_equal(const struct run *a, const struct run *b)
{
	return a->log.len == b->log.len && memcmp(a->log.data, b->log.data, a->log.len) == 0;
}

void fuzz_one(const uint8_t *input, size_t len)
{
	H.input = input;
	H.len = len;
	buf_init(&H.scratch, mem_default());
	buf_init(&H.rt, mem_default());
	uint64_t h = fuzz_hash(input, len);
	struct xml_limits limits = limits_from_hash(h);
	struct plan whole = { .whole = true };
	struct plan split = plan_from_hash(h);

#ifndef __AFL_FUZZ_TESTCASE_LEN
	if (getenv("FUZZ_VERBOSE") != NULL) {
		char how[512];
		describe_plan(how, sizeof how, &split, &limits);
		fprintf(stderr, "run B: %s\n", how);
	}
#endif
	struct counting_mem cm;
	counting_mem_init(&cm);
	struct xml_handler handler = { &H, on_open, on_stanza, on_close };
	struct xml_parser *xp = xml_parser_new(&cm.mem, &limits, &handler);
	if (xp == NULL)
		fail_oom();

	struct run a, b;
	run_init(&a, "run A (one feed)", &whole, true);
	run_init(&b, "run B (split, after reset)", &split, false);
	H.active = &a;
	feed_all(&a, xp);
	xml_parser_reset(xp);
	H.active = &b;
	feed_all(&b, xp);
	xml_parser_free(xp);
	if (cm.live != 0)
		fuzz_fail(input, len, "P4 leak", "xml_parser_free() left %ld block(s)", cm.live);

	if (!logs_equal(&a, &b)) {
		/* Tell a split dependence from state left behind by reset: redo B on a fresh parser. */
		struct run c;
		run_init(&c, "run C (split, fresh parser)", &split, false);
		counting_mem_init(&cm);
		xp = xml_parser_new(&cm.mem, &limits, &handler);
		if (xp == NULL)
			fail_oom();
		H.active = &c;
		feed_all(&c, xp);
		xml_parser_free(xp);
		char how[512];
		describe_plan(how, sizeof how, &split, &limits);
		print_log(&a);
		print_log(&b);
		print_log(&c);
		fuzz_fail(input, len, "P1 chunk-split invariance", "%s\n%s",
			  logs_equal(&a, &c) ? "the fresh parser agrees with A: xml_parser_reset() leaves state"
					     : "the split changes the result",
			  how);
	}
	buf_free(&a.log);
	buf_free(&b.log);
	buf_free(&H.scratch);
	buf_free(&H.rt);
}
