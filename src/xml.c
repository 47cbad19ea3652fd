/* xml.c - the stanza builder behind machines/xml.rl, and the parser's public API.
 *
 * The machine reports tokens; this file resolves namespaces, tracks nesting,
 * enforces limits and builds trees in arenas. Ownership rules: see xml.h.
 * Tokens that arrive in pieces (split across reads, or around references)
 * accumulate in the current arena's open string, so the machine never copies. */
#include "xml.h"

#include <string.h>

#include "arena.h"
#include "xml_machine.h"

#ifdef MACHINE_TRACE
#include "machine_trace.h"
#endif

enum open_kind {
	OPEN_NONE,
	OPEN_NAME,       /* element, attribute or end-tag name */
	OPEN_VALUE,      /* attribute value */
	OPEN_TEXT,       /* character data inside a stanza: stored */
	OPEN_TEXT_CHECK, /* character data outside stanzas: only whitespace allowed */
};

struct ns_binding {
	struct span prefix; /* empty: the default namespace */
	struct span uri;    /* empty (default only): no namespace */
	size_t depth;       /* element depth that declared it */
	struct ns_binding *outer;
};

struct pending_attr {
	struct span qname;
	struct span prefix, local; /* qname split once, when the name ends */
	bool is_decl;              /* xmlns or xmlns:prefix */
	struct span value;
	uint64_t offset; /* of the attribute name, for error reports */
	struct pending_attr *next;
};

struct xml_parser {
	struct xml_machine machine;
	const struct mem *mem;
	struct xml_limits limits;
	struct xml_handler handler;
	struct arena stream_arena; /* the root element and its namespace bindings */
	struct arena stanza_arena; /* the stanza being built; reset after delivery */
	struct xml_node *root;
	struct xml_node *current;  /* innermost open element, NULL before the root */
	size_t depth;              /* open elements, the root included */
	struct ns_binding *bindings;

	/* the start tag being read */
	struct span tag_qname;
	uint64_t tag_offset;       /* of its '<' */
	struct pending_attr *attrs_first, *attrs_last;
	size_t attr_count;

	/* the token being accumulated */
	enum open_kind open;
	size_t open_max;
	bool piece_pending;        /* a piece continues at the start of the next chunk */

	/* offsets */
	const uint8_t *chunk;
	uint64_t chunk_offset;     /* stream offset of chunk[0] */
	uint64_t stream_offset;    /* stream offset of the next byte to be fed */
	uint64_t stanza_offset;    /* of the current stanza's '<' */
	bool in_stanza;

	bool pause_requested;
	bool closed;
	struct xml_fault fault;
};

static const char *const error_names[XML_ERROR_COUNT] = {
	[XML_OK] = "XML_OK",
	[XML_E_SYNTAX] = "XML_E_SYNTAX",
	[XML_E_CHAR_REF] = "XML_E_CHAR_REF",
	[XML_E_TAG_MISMATCH] = "XML_E_TAG_MISMATCH",
	[XML_E_DUPLICATE_ATTR] = "XML_E_DUPLICATE_ATTR",
	[XML_E_TEXT_OUTSIDE_ROOT] = "XML_E_TEXT_OUTSIDE_ROOT",
	[XML_E_UNEXPECTED_END] = "XML_E_UNEXPECTED_END",
	[XML_E_COMMENT] = "XML_E_COMMENT",
	[XML_E_PI] = "XML_E_PI",
	[XML_E_DTD] = "XML_E_DTD",
	[XML_E_ENTITY_REF] = "XML_E_ENTITY_REF",
	[XML_E_UNDECLARED_PREFIX] = "XML_E_UNDECLARED_PREFIX",
	[XML_E_RESERVED_PREFIX] = "XML_E_RESERVED_PREFIX",
	[XML_E_EMPTY_PREFIX_DECL] = "XML_E_EMPTY_PREFIX_DECL",
	[XML_E_STREAM_PREFIX] = "XML_E_STREAM_PREFIX",
	[XML_E_STREAM_NAMESPACE] = "XML_E_STREAM_NAMESPACE",
	[XML_E_ENCODING] = "XML_E_ENCODING",
	[XML_E_STREAM_TEXT] = "XML_E_STREAM_TEXT",
	[XML_E_LIMIT_STANZA_BYTES] = "XML_E_LIMIT_STANZA_BYTES",
	[XML_E_LIMIT_DEPTH] = "XML_E_LIMIT_DEPTH",
	[XML_E_LIMIT_ATTRS] = "XML_E_LIMIT_ATTRS",
	[XML_E_LIMIT_NAME_BYTES] = "XML_E_LIMIT_NAME_BYTES",
	[XML_E_LIMIT_TEXT_BYTES] = "XML_E_LIMIT_TEXT_BYTES",
	[XML_E_NOMEM] = "XML_E_NOMEM",
};

struct error_info {
	const char *condition;
	const char *text;
};

static const struct error_info error_infos[XML_ERROR_COUNT] = {
	[XML_OK] = { "", "" },
	[XML_E_SYNTAX] = { "not-well-formed",
		"RFC 6120 §11.3: the stream is not well-formed XML 1.0 (this byte is not allowed here)" },
	[XML_E_CHAR_REF] = { "not-well-formed",
		"RFC 6120 §11.3, XML 1.0 §4.1 [WFC: Legal Character]: the character reference names a "
		"forbidden character" },
	[XML_E_TAG_MISMATCH] = { "not-well-formed",
		"RFC 6120 §11.3, XML 1.0 §3 [WFC: Element Type Match]: the end tag does not match the start tag" },
	[XML_E_DUPLICATE_ATTR] = { "not-well-formed",
		"RFC 6120 §11.3, XML 1.0 §3.1 [WFC: Unique Att Spec], Namespaces in XML 1.0 §6.3: an "
		"attribute appears twice" },
	[XML_E_TEXT_OUTSIDE_ROOT] = { "not-well-formed",
		"RFC 6120 §11.3, XML 1.0 §2.1: only whitespace may precede the stream header" },
	[XML_E_UNEXPECTED_END] = { "not-well-formed",
		"RFC 6120 §4.4: the input ended before the stream was closed" },
	[XML_E_COMMENT] = { "restricted-xml", "RFC 6120 §11.1: XML comments are not allowed" },
	[XML_E_PI] = { "restricted-xml",
		"RFC 6120 §11.1: processing instructions are not allowed" },
	[XML_E_DTD] = { "restricted-xml",
		"RFC 6120 §11.1: document type declarations are not allowed" },
	[XML_E_ENTITY_REF] = { "restricted-xml",
		"RFC 6120 §11.1: only the five predefined entities may be referenced" },
	[XML_E_UNDECLARED_PREFIX] = { "bad-namespace-prefix",
		"RFC 6120 §4.9.3.2, Namespaces in XML 1.0 §5: the namespace prefix is not declared" },
	[XML_E_RESERVED_PREFIX] = { "bad-namespace-prefix",
		"RFC 6120 §4.9.3.2, Namespaces in XML 1.0 §3: the xml and xmlns prefixes and namespaces "
		"are reserved" },
	[XML_E_EMPTY_PREFIX_DECL] = { "bad-namespace-prefix",
		"RFC 6120 §4.9.3.2, Namespaces in XML 1.0 §3: a prefix cannot be bound to an empty "
		"namespace name" },
	[XML_E_STREAM_PREFIX] = { "bad-namespace-prefix",
		"RFC 6120 §4.8.5: the stream element must carry a namespace prefix" },
	[XML_E_STREAM_NAMESPACE] = { "invalid-namespace",
		"RFC 6120 §4.8.1: the root must be <stream> in http://etherx.jabber.org/streams" },
	[XML_E_ENCODING] = { "unsupported-encoding", "RFC 6120 §11.6: only UTF-8 is allowed" },
	[XML_E_STREAM_TEXT] = { "bad-format",
		"RFC 6120 §4.9.3.1, §11.7: only whitespace may appear between stanzas" },
	[XML_E_LIMIT_STANZA_BYTES] = { "policy-violation",
		"RFC 6120 §13.12: the stanza exceeds the server's size limit" },
	[XML_E_LIMIT_DEPTH] = { "policy-violation",
		"RFC 6120 §13.12: elements are nested deeper than the server allows" },
	[XML_E_LIMIT_ATTRS] = { "policy-violation",
		"RFC 6120 §13.12: an element has more attributes than the server allows" },
	[XML_E_LIMIT_NAME_BYTES] = { "policy-violation",
		"RFC 6120 §13.12: a name is longer than the server allows" },
	[XML_E_LIMIT_TEXT_BYTES] = { "policy-violation",
		"RFC 6120 §13.12: character data or an attribute value is longer than the server allows" },
	[XML_E_NOMEM] = { "resource-constraint",
		"RFC 6120 §4.9.3.17: the server lacks the memory to process this stream" },
};

const char *xml_error_name(enum xml_error e)
{
	return (unsigned)e < XML_ERROR_COUNT ? error_names[e] : "XML_E_UNKNOWN";
}

const char *xml_error_condition(enum xml_error e)
{
	return (unsigned)e < XML_ERROR_COUNT ? error_infos[e].condition : "internal-server-error";
}

const char *xml_error_text(enum xml_error e)
{
	return (unsigned)e < XML_ERROR_COUNT ? error_infos[e].text : "unknown error";
}

struct xml_limits xml_limits_default(void)
{
	return (struct xml_limits){
		.stanza_bytes_max = 262144,
		.depth_max = 32,
		.attrs_max = 64,
		.name_bytes_max = 1024,
		.text_bytes_max = 262144,
	};
}

/* ---------- helpers ---------- */

static uint64_t offset_of(const struct xml_parser *xp, const uint8_t *p)
{
	return xp->chunk_offset + (uint64_t)(p - xp->chunk);
}

static bool fail(struct xml_parser *xp, enum xml_error e, uint64_t offset)
{
	if (xp->fault.error == XML_OK) {
		xp->fault.error = e;
		xp->fault.offset = offset;
	}
	return true;
}

static struct arena *token_arena(struct xml_parser *xp)
{
	return xp->depth == 0 ? &xp->stream_arena : &xp->stanza_arena;
}

static bool is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void open_token(struct xml_parser *xp, enum open_kind kind, size_t max)
{
	xp->open = kind;
	xp->open_max = max;
	if (kind != OPEN_TEXT_CHECK)
		arena_str_open(token_arena(xp));
}

/* Appends bytes that begin at stream offset `offset` (for decoded characters,
 * the offset of the reference or line end that produced them). */
static bool append(struct xml_parser *xp, const uint8_t *bytes, size_t len, uint64_t offset,
		   bool decoded)
{
	if (len == 0)
		return false;
	if (xp->open == OPEN_NONE) {
		if (xp->depth >= 2)
			open_token(xp, OPEN_TEXT, xp->limits.text_bytes_max);
		else
			open_token(xp, OPEN_TEXT_CHECK, 0);
	}
	if (xp->open == OPEN_TEXT_CHECK) {
		for (size_t i = 0; i < len; i++) {
			if (!is_space(bytes[i]))
				return fail(xp, xp->depth == 0 ? XML_E_TEXT_OUTSIDE_ROOT : XML_E_STREAM_TEXT,
					    decoded ? offset : offset + i);
		}
		return false;
	}
	struct arena *a = token_arena(xp);
	size_t have = arena_str_len(a);
	if (len > xp->open_max - have) {
		enum xml_error e = xp->open == OPEN_NAME ? XML_E_LIMIT_NAME_BYTES
			: XML_E_LIMIT_TEXT_BYTES;
		return fail(xp, e, decoded ? offset : offset + (xp->open_max - have));
	}
	if (!arena_str_append(a, bytes, len))
		return fail(xp, XML_E_NOMEM, offset);
	return false;
}

static bool flush_piece(struct xml_parser *xp, const uint8_t *p)
{
	const uint8_t *mark = xp->machine.mark;
	if (mark == NULL)
		return false;
	xp->machine.mark = NULL;
	return append(xp, mark, (size_t)(p - mark), offset_of(xp, mark), false);
}

static struct span close_token(struct xml_parser *xp)
{
	enum open_kind kind = xp->open;
	xp->open = OPEN_NONE;
	if (kind == OPEN_TEXT_CHECK || kind == OPEN_NONE)
		return (struct span){ NULL, 0 };
	return arena_str_close(token_arena(xp));
}

static struct xml_node *new_node(struct xml_parser *xp, enum xml_node_kind kind)
{
	struct xml_node *n = arena_alloc(token_arena(xp), sizeof *n);
	if (n == NULL)
		return NULL;
	memset(n, 0, sizeof *n);
	n->kind = kind;
	return n;
}

static void link_child(struct xml_node *parent, struct xml_node *child)
{
	child->parent = parent;
	if (parent == NULL)
		return;
	if (parent->last_child != NULL)
		parent->last_child->next = child;
	else
		parent->first_child = child;
	parent->last_child = child;
}

/* Character data ends where markup begins. */
static bool close_text(struct xml_parser *xp, uint64_t offset)
{
	if (xp->open != OPEN_TEXT) {
		xp->open = OPEN_NONE;
		return false;
	}
	struct span text = close_token(xp);
	if (text.len == 0)
		return false;
	struct xml_node *n = new_node(xp, XML_NODE_TEXT);
	if (n == NULL)
		return fail(xp, XML_E_NOMEM, offset);
	n->text = text;
	link_child(xp->current, n);
	return false;
}

/* ---------- events from the machine ---------- */

uint32_t xml_charref_digit(uint32_t value, unsigned base, uint8_t c)
{
	unsigned digit = c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
	if (value > 0x10ffff)
		return value; /* saturated: already not a character */
	return value * base + digit;
}

bool xml_on_piece(struct xml_parser *xp, const uint8_t *p)
{
	return flush_piece(xp, p);
}

bool xml_on_decoded(struct xml_parser *xp, const uint8_t *p, enum xml_decoded d)
{
	static const uint8_t decoded[] = { [XML_DEC_AMP] = '&', [XML_DEC_LT] = '<',
		[XML_DEC_GT] = '>', [XML_DEC_QUOT] = '"', [XML_DEC_APOS] = '\'',
		[XML_DEC_LF] = '\n', [XML_DEC_SPACE] = ' ' };
	if (flush_piece(xp, p))
		return true;
	return append(xp, &decoded[d], 1, offset_of(xp, p), true);
}

static bool is_xml_char(uint32_t c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	       (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

bool xml_on_charref(struct xml_parser *xp, const uint8_t *p)
{
	uint32_t c = xp->machine.charref;
	uint8_t utf8[4];
	size_t n;
	if (!is_xml_char(c))
		return fail(xp, XML_E_CHAR_REF, offset_of(xp, p));
	if (c < 0x80) {
		utf8[0] = (uint8_t)c;
		n = 1;
	} else if (c < 0x800) {
		utf8[0] = (uint8_t)(0xc0 | (c >> 6));
		utf8[1] = (uint8_t)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		utf8[0] = (uint8_t)(0xe0 | (c >> 12));
		utf8[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
		utf8[2] = (uint8_t)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		utf8[0] = (uint8_t)(0xf0 | (c >> 18));
		utf8[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3f));
		utf8[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
		utf8[3] = (uint8_t)(0x80 | (c & 0x3f));
		n = 4;
	}
	return append(xp, utf8, n, offset_of(xp, p), true);
}

static bool begin_name(struct xml_parser *xp, const uint8_t *p)
{
	open_token(xp, OPEN_NAME, xp->limits.name_bytes_max);
	xp->machine.mark = p;
	return false;
}

bool xml_on_elem_name_begin(struct xml_parser *xp, const uint8_t *p)
{
	uint64_t lt = offset_of(xp, p) - 1;
	if (close_text(xp, lt))
		return true;
	if (xp->depth >= 1 && xp->depth > xp->limits.depth_max)
		return fail(xp, XML_E_LIMIT_DEPTH, lt);
	xp->tag_offset = lt;
	xp->attrs_first = xp->attrs_last = NULL;
	xp->attr_count = 0;
	begin_name(xp, p);
	if (xp->depth == 1) {
		/* A stanza starts: stop so that the feed loop bounds the bytes it may take. */
		xp->in_stanza = true;
		xp->stanza_offset = lt;
		return true;
	}
	return false;
}

static bool end_name(struct xml_parser *xp, const uint8_t *p, struct span *out)
{
	if (flush_piece(xp, p))
		return true;
	*out = close_token(xp);
	return false;
}

bool xml_on_elem_name_end(struct xml_parser *xp, const uint8_t *p)
{
	return end_name(xp, p, &xp->tag_qname);
}

bool xml_on_attr_name_begin(struct xml_parser *xp, const uint8_t *p)
{
	if (xp->attr_count >= xp->limits.attrs_max)
		return fail(xp, XML_E_LIMIT_ATTRS, offset_of(xp, p));
	struct pending_attr *a = arena_alloc(token_arena(xp), sizeof *a);
	if (a == NULL)
		return fail(xp, XML_E_NOMEM, offset_of(xp, p));
	memset(a, 0, sizeof *a);
	a->offset = offset_of(xp, p);
	if (xp->attrs_last != NULL)
		xp->attrs_last->next = a;
	else
		xp->attrs_first = a;
	xp->attrs_last = a;
	xp->attr_count++;
	return begin_name(xp, p);
}

bool xml_on_attr_name_end(struct xml_parser *xp, const uint8_t *p)
{
	struct pending_attr *a = xp->attrs_last;
	if (end_name(xp, p, &a->qname))
		return true;
	/* The grammar makes names non-empty; the check keeps memchr off a NULL span. */
	const uint8_t *colon = a->qname.len > 0 ? memchr(a->qname.ptr, ':', a->qname.len) : NULL;
	if (colon != NULL) {
		a->prefix = span_of(a->qname.ptr, (size_t)(colon - a->qname.ptr));
		a->local = span_of(colon + 1, a->qname.len - a->prefix.len - 1);
	} else {
		a->prefix = span_of(a->qname.ptr, 0);
		a->local = a->qname;
	}
	a->is_decl = span_eq(a->qname, SPAN_LIT("xmlns")) || span_eq(a->prefix, SPAN_LIT("xmlns"));
	return false;
}

bool xml_on_value_begin(struct xml_parser *xp, const uint8_t *p)
{
	(void)p;
	open_token(xp, OPEN_VALUE, xp->limits.text_bytes_max);
	return false;
}

bool xml_on_value_end(struct xml_parser *xp, const uint8_t *p)
{
	return end_name(xp, p, &xp->attrs_last->value);
}

/* ---------- namespaces ---------- */

static struct span qname_prefix(struct span qname)
{
	const uint8_t *colon = memchr(qname.ptr, ':', qname.len);
	return colon != NULL ? span_of(qname.ptr, (size_t)(colon - qname.ptr)) : span_of(qname.ptr, 0);
}

static struct span qname_local(struct span qname)
{
	const uint8_t *colon = memchr(qname.ptr, ':', qname.len);
	if (colon == NULL)
		return qname;
	return span_of(colon + 1, qname.len - (size_t)(colon + 1 - qname.ptr));
}

static bool lookup_prefix(const struct xml_parser *xp, struct span prefix, struct span *uri)
{
	if (span_eq(prefix, SPAN_LIT("xml"))) {
		*uri = SPAN_LIT(XML_NS_XML);
		return true;
	}
	for (const struct ns_binding *b = xp->bindings; b != NULL; b = b->outer) {
		if (span_eq(b->prefix, prefix)) {
			*uri = b->uri;
			return prefix.len == 0 || uri->len > 0;
		}
	}
	*uri = span_of(NULL, 0);
	return prefix.len == 0; /* no default namespace declared: elements have none */
}

/* Namespaces in XML 1.0 §3: reserved prefixes and names. */
static enum xml_error check_declaration(struct span prefix, struct span uri)
{
	bool is_xml_uri = span_eq(uri, SPAN_LIT(XML_NS_XML));
	bool is_xmlns_uri = span_eq(uri, SPAN_LIT(XML_NS_XMLNS));
	if (span_eq(prefix, SPAN_LIT("xml")))
		return is_xml_uri ? XML_OK : XML_E_RESERVED_PREFIX;
	if (span_eq(prefix, SPAN_LIT("xmlns")) || is_xml_uri || is_xmlns_uri)
		return XML_E_RESERVED_PREFIX;
	if (prefix.len > 0 && uri.len == 0)
		return XML_E_EMPTY_PREFIX_DECL;
	return XML_OK;
}

static bool declare_namespaces(struct xml_parser *xp, size_t depth)
{
	for (struct pending_attr *a = xp->attrs_first; a != NULL; a = a->next) {
		if (!a->is_decl)
			continue;
		struct span prefix = a->prefix.len == 0 ? span_of(a->qname.ptr, 0) : a->local;
		enum xml_error e = check_declaration(prefix, a->value);
		if (e != XML_OK)
			return fail(xp, e, a->offset);
		struct ns_binding *b = arena_alloc(token_arena(xp), sizeof *b);
		if (b == NULL)
			return fail(xp, XML_E_NOMEM, a->offset);
		b->prefix = prefix;
		b->uri = a->value;
		b->depth = depth;
		b->outer = xp->bindings;
		xp->bindings = b;
	}
	return false;
}

static bool resolve_attributes(struct xml_parser *xp, struct xml_node *n)
{
	/* Two declarations of one prefix are duplicate attributes. */
	for (struct pending_attr *a = xp->attrs_first; a != NULL; a = a->next) {
		if (!a->is_decl)
			continue;
		for (struct pending_attr *b = a->next; b != NULL; b = b->next) {
			if (span_eq(a->qname, b->qname))
				return fail(xp, XML_E_DUPLICATE_ATTR, b->offset);
		}
	}
	size_t count = 0;
	for (struct pending_attr *a = xp->attrs_first; a != NULL; a = a->next)
		count += !a->is_decl;
	n->attr_count = count;
	if (count == 0)
		return false;
	n->attrs = arena_alloc(token_arena(xp), count * sizeof *n->attrs);
	if (n->attrs == NULL)
		return fail(xp, XML_E_NOMEM, xp->tag_offset);
	size_t i = 0;
	for (struct pending_attr *a = xp->attrs_first; a != NULL; a = a->next) {
		if (a->is_decl)
			continue;
		struct xml_attr *out = &n->attrs[i++];
		struct span prefix = a->prefix;
		out->ns = span_of(NULL, 0);
		if (prefix.len > 0 && !lookup_prefix(xp, prefix, &out->ns))
			return fail(xp, XML_E_UNDECLARED_PREFIX, a->offset);
		out->local = a->local;
		out->value = a->value;
		for (size_t j = 0; j + 1 < i; j++) {
			if (span_eq(n->attrs[j].local, out->local) && span_eq(n->attrs[j].ns, out->ns))
				return fail(xp, XML_E_DUPLICATE_ATTR, a->offset);
		}
	}
	return false;
}

/* Declarations made by the element at `depth` go out of scope with it. */
static void pop_bindings(struct xml_parser *xp, size_t depth)
{
	while (xp->bindings != NULL && xp->bindings->depth >= depth)
		xp->bindings = xp->bindings->outer;
}

static bool check_root(struct xml_parser *xp, const struct xml_node *root)
{
	if (!span_eq(root->ns, SPAN_LIT(XML_NS_STREAMS)) || !span_eq(root->local, SPAN_LIT("stream")))
		return fail(xp, XML_E_STREAM_NAMESPACE, xp->tag_offset);
	if (qname_prefix(root->qname).len == 0)
		return fail(xp, XML_E_STREAM_PREFIX, xp->tag_offset);
	return false;
}

static bool deliver_stanza(struct xml_parser *xp, struct xml_node *stanza)
{
	enum xml_verdict v = XML_CONTINUE;
	xp->in_stanza = false;
	if (xp->handler.on_stanza != NULL)
		v = xp->handler.on_stanza(xp->handler.ctx, stanza);
	xp->root->first_child = xp->root->last_child = NULL;
	arena_reset(&xp->stanza_arena);
	if (v == XML_PAUSE) {
		xp->pause_requested = true;
		return true;
	}
	return false;
}

static bool close_stream(struct xml_parser *xp)
{
	xp->closed = true;
	if (xp->handler.on_stream_close != NULL)
		xp->handler.on_stream_close(xp->handler.ctx);
	return true;
}

bool xml_on_stag_end(struct xml_parser *xp, const uint8_t *p, bool empty)
{
	(void)p;
	size_t depth = xp->depth + 1;
	if (declare_namespaces(xp, depth))
		return true;
	struct xml_node *n = new_node(xp, XML_NODE_ELEMENT);
	if (n == NULL)
		return fail(xp, XML_E_NOMEM, xp->tag_offset);
	n->qname = xp->tag_qname;
	n->local = qname_local(n->qname);
	struct span prefix = qname_prefix(n->qname);
	if (!lookup_prefix(xp, prefix, &n->ns))
		return fail(xp, XML_E_UNDECLARED_PREFIX, xp->tag_offset + 1);
	lookup_prefix(xp, span_of(NULL, 0), &n->default_ns);
	if (resolve_attributes(xp, n))
		return true;
	link_child(xp->current, n);
	if (xp->depth == 0) {
		if (check_root(xp, n))
			return true;
		xp->root = n;
		xp->current = n;
		xp->depth = 1;
		enum xml_verdict v = XML_CONTINUE;
		if (xp->handler.on_stream_open != NULL)
			v = xp->handler.on_stream_open(xp->handler.ctx, n);
		if (empty)
			return close_stream(xp);
		if (v == XML_PAUSE) {
			xp->pause_requested = true;
			return true;
		}
		return false;
	}
	if (!empty) {
		xp->current = n;
		xp->depth = depth;
		return false;
	}
	pop_bindings(xp, depth);
	if (xp->depth == 1)
		return deliver_stanza(xp, n);
	return false;
}

bool xml_on_etag_name_begin(struct xml_parser *xp, const uint8_t *p)
{
	if (close_text(xp, offset_of(xp, p)))
		return true;
	return begin_name(xp, p);
}

bool xml_on_etag_name_end(struct xml_parser *xp, const uint8_t *p)
{
	return end_name(xp, p, &xp->tag_qname);
}

bool xml_on_etag_end(struct xml_parser *xp, const uint8_t *p)
{
	struct xml_node *n = xp->current;
	if (n == NULL || !span_eq(n->qname, xp->tag_qname))
		return fail(xp, XML_E_TAG_MISMATCH, offset_of(xp, p));
	pop_bindings(xp, xp->depth);
	xp->depth--;
	xp->current = n->parent;
	if (xp->depth == 0)
		return close_stream(xp);
	if (xp->depth == 1)
		return deliver_stanza(xp, n);
	return false;
}

bool xml_on_cdata_begin(struct xml_parser *xp, const uint8_t *p)
{
	/* CDATA is content: never before the root, never between stanzas. */
	if (xp->depth <= 1)
		return fail(xp, xp->depth == 0 ? XML_E_TEXT_OUTSIDE_ROOT : XML_E_STREAM_TEXT,
			    offset_of(xp, p));
	return false;
}

bool xml_on_cdata_end(struct xml_parser *xp, const uint8_t *p)
{
	if (flush_piece(xp, p))
		return true;
	/* The body always ends with the "]]" of "]]>", flushed now or at a chunk end. */
	arena_str_trim(token_arena(xp), 2);
	return false;
}

bool xml_on_refuse(struct xml_parser *xp, const uint8_t *p, enum xml_refusal r)
{
	static const enum xml_error errors[] = {
		[XML_REFUSE_COMMENT] = XML_E_COMMENT, [XML_REFUSE_PI] = XML_E_PI,
		[XML_REFUSE_DTD] = XML_E_DTD, [XML_REFUSE_ENTITY] = XML_E_ENTITY_REF,
		[XML_REFUSE_ENCODING] = XML_E_ENCODING,
	};
	return fail(xp, errors[r], offset_of(xp, p));
}

/* ---------- public API ---------- */

struct xml_parser *xml_parser_new(const struct mem *mem, const struct xml_limits *limits,
				  const struct xml_handler *handler)
{
	struct xml_parser *xp = mem_alloc(mem, sizeof *xp);
	if (xp == NULL)
		return NULL;
	memset(xp, 0, sizeof *xp);
	xp->mem = mem;
	xp->limits = limits != NULL ? *limits : xml_limits_default();
	if (handler != NULL)
		xp->handler = *handler;
	arena_init(&xp->stream_arena, mem, 1024);
	arena_init(&xp->stanza_arena, mem, 4096);
	xml_parser_reset(xp);
	return xp;
}

void xml_parser_free(struct xml_parser *xp)
{
	if (xp == NULL)
		return;
	arena_release(&xp->stream_arena);
	arena_release(&xp->stanza_arena);
	mem_release(xp->mem, xp);
}

void xml_parser_reset(struct xml_parser *xp)
{
	xml_machine_init(&xp->machine);
	arena_reset(&xp->stream_arena);
	arena_reset(&xp->stanza_arena);
	xp->root = xp->current = NULL;
	xp->depth = 0;
	xp->bindings = NULL;
	xp->attrs_first = xp->attrs_last = NULL;
	xp->attr_count = 0;
	xp->open = OPEN_NONE;
	xp->piece_pending = false;
	xp->chunk = NULL;
	xp->chunk_offset = 0;
	xp->stream_offset = 0;
	xp->in_stanza = false;
	xp->pause_requested = false;
	xp->closed = false;
	xp->fault = (struct xml_fault){ XML_OK, 0 };
}

void xml_parser_trim(struct xml_parser *xp)
{
	/* Not while a stanza, or a token such as the name of </stream:stream>, is
	 * half-read: its bytes live in this arena. */
	if (!xp->in_stanza && !xp->piece_pending && (xp->open == OPEN_NONE || xp->open == OPEN_TEXT_CHECK))
		arena_release(&xp->stanza_arena);
}

struct xml_fault xml_parser_error(const struct xml_parser *xp)
{
	return xp->fault;
}

size_t xml_parser_memory(const struct xml_parser *xp)
{
	return sizeof *xp + xp->stream_arena.bytes_allocated + xp->stanza_arena.bytes_allocated;
}

static const uint8_t *run_machine(struct xml_parser *xp, const uint8_t *p, const uint8_t *pe)
{
#ifdef MACHINE_TRACE
	/* One byte at a time, so every transition taken is recorded. Return when a
	 * stanza starts, as the whole-chunk run does, so the feed loop re-bounds it. */
	bool in_stanza = xp->in_stanza;
	while (p < pe) {
		int before = xp->machine.cs;
		uint8_t byte = *p;
		const uint8_t *next = xml_machine_exec(xp, &xp->machine, p, p + 1);
		if (next != p)
			machine_trace_hit("xml", before, byte);
		if (next != p + 1 || xml_machine_failed(&xp->machine))
			return next;
		p = next;
		if (xp->fault.error != XML_OK || xp->pause_requested || xp->closed ||
		    xp->in_stanza != in_stanza)
			return p;
	}
	return p;
#else
	return xml_machine_exec(xp, &xp->machine, p, pe);
#endif
}

enum xml_status xml_parser_feed(struct xml_parser *xp, const uint8_t *bytes, size_t len,
				size_t *consumed)
{
	*consumed = 0;
	if (xp->fault.error != XML_OK)
		return XML_STATUS_ERROR;
	if (xp->closed)
		return XML_STATUS_CLOSED;
	xp->chunk = bytes;
	xp->chunk_offset = xp->stream_offset;
	xp->pause_requested = false;
	if (xp->piece_pending) {
		xp->machine.mark = bytes;
		xp->piece_pending = false;
	}
	const uint8_t *p = bytes, *pe = bytes + len;
	while (p < pe) {
		const uint8_t *stop = pe;
		uint64_t limit = xp->stanza_offset + xp->limits.stanza_bytes_max;
		if (xp->in_stanza && offset_of(xp, pe) > limit) {
			/* A stanza found to start by its name's first byte may already be past
			 * a tiny limit: never run the machine backwards. */
			if (offset_of(xp, p) >= limit) {
				flush_piece(xp, p);
				fail(xp, XML_E_LIMIT_STANZA_BYTES, limit);
				break;
			}
			stop = bytes + (limit - xp->chunk_offset);
		}
		p = run_machine(xp, p, stop);
		if (xp->fault.error != XML_OK)
			break;
		if (xml_machine_failed(&xp->machine)) {
			/* The bytes read before the bad one are checked first, as they would
			 * be had a chunk ended there: the error must not depend on the split. */
			(void)flush_piece(xp, p);
			fail(xp, XML_E_SYNTAX, offset_of(xp, p));
			break;
		}
		if (xp->pause_requested || xp->closed)
			break;
		if (p == stop && stop != pe && xp->in_stanza) {
			/* Bytes before the limit are checked first, as a chunk end would. */
			if (!flush_piece(xp, p))
				fail(xp, XML_E_LIMIT_STANZA_BYTES, offset_of(xp, stop));
			break;
		}
	}
	if (xp->fault.error == XML_OK && xp->machine.mark != NULL) {
		flush_piece(xp, p);
		xp->piece_pending = xp->fault.error == XML_OK;
	}
	*consumed = (size_t)(p - bytes);
	xp->stream_offset += *consumed;
	if (xp->fault.error != XML_OK)
		return XML_STATUS_ERROR;
	if (xp->closed)
		return XML_STATUS_CLOSED;
	return xp->pause_requested ? XML_STATUS_PAUSED : XML_STATUS_OK;
}

enum xml_status xml_parser_finish(struct xml_parser *xp)
{
	if (xp->fault.error != XML_OK)
		return XML_STATUS_ERROR;
	if (xp->closed)
		return XML_STATUS_CLOSED;
	fail(xp, XML_E_UNEXPECTED_END, xp->stream_offset);
	return XML_STATUS_ERROR;
}

/* ---------- tree utilities ---------- */

bool xml_node_equal(const struct xml_node *a, const struct xml_node *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if (a->kind != b->kind)
		return false;
	if (a->kind == XML_NODE_TEXT)
		return span_eq(a->text, b->text);
	if (!span_eq(a->ns, b->ns) || !span_eq(a->local, b->local) || a->attr_count != b->attr_count)
		return false;
	for (size_t i = 0; i < a->attr_count; i++) {
		const struct xml_attr *x = &a->attrs[i], *y = &b->attrs[i];
		if (!span_eq(x->ns, y->ns) || !span_eq(x->local, y->local) || !span_eq(x->value, y->value))
			return false;
	}
	const struct xml_node *ca = a->first_child, *cb = b->first_child;
	for (; ca != NULL && cb != NULL; ca = ca->next, cb = cb->next) {
		if (!xml_node_equal(ca, cb))
			return false;
	}
	return ca == NULL && cb == NULL;
}

const struct xml_attr *xml_node_attr(const struct xml_node *n, struct span ns, struct span local)
{
	for (size_t i = 0; i < n->attr_count; i++) {
		if (span_eq(n->attrs[i].ns, ns) && span_eq(n->attrs[i].local, local))
			return &n->attrs[i];
	}
	return NULL;
}

struct span xml_node_attr_value(const struct xml_node *n, const char *local)
{
	const struct xml_attr *a = xml_node_attr(n, span_of(NULL, 0), span_of(local, strlen(local)));
	return a != NULL ? a->value : span_of(NULL, 0);
}
