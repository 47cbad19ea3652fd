/* xml.h - streaming parser for the XML subset XMPP allows (RFC 6120 §11).
 *
 * Bytes go in through xml_parser_feed() in chunks of any size; out come three
 * events: the stream header (the open root element), each complete stanza
 * (a depth-1 element) as a tree, and the stream close. The tokenizer is the
 * Ragel machine in machines/xml.rl; this module is its builder.
 *
 * Ownership:
 * - xml_parser_new() allocates the parser through the given struct mem (which is
 *   borrowed and must outlive it); xml_parser_free() releases everything.
 * - Bytes passed to xml_parser_feed() are borrowed for the duration of the call.
 * - The stream root node (and its attributes) lives until xml_parser_reset() or
 *   xml_parser_free(). A stanza tree passed to on_stanza is borrowed for the
 *   duration of the callback only: its arena is reset right after. Keep what
 *   you need by serializing it (xml_write.h) or copying.
 * - Handlers must not call back into the parser except xml_parser_error(). */
#ifndef XMPPD_XML_H
#define XMPPD_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "span.h"

#define XML_NS_STREAMS "http://etherx.jabber.org/streams"
#define XML_NS_XML "http://www.w3.org/XML/1998/namespace"
#define XML_NS_XMLNS "http://www.w3.org/2000/xmlns/"

/* Every way the input can be refused. Each maps to one RFC 6120 §4.9.3 stream
 * error condition (xml_error_condition) and has a name (xml_error_name). */
enum xml_error {
	XML_OK = 0,
	/* not-well-formed (XML 1.0 and Namespaces in XML 1.0) */
	XML_E_SYNTAX,            /* no transition: the byte is not allowed here */
	XML_E_CHAR_REF,          /* &#...; names a character outside the Char production */
	XML_E_TAG_MISMATCH,      /* end tag does not match the open start tag */
	XML_E_DUPLICATE_ATTR,    /* same attribute (by expanded name) twice */
	XML_E_TEXT_OUTSIDE_ROOT, /* non-whitespace before the stream header */
	XML_E_UNEXPECTED_END,    /* input ended before </stream:stream> */
	/* restricted-xml (RFC 6120 §11.1) */
	XML_E_COMMENT,
	XML_E_PI,
	XML_E_DTD,
	XML_E_ENTITY_REF,
	/* bad-namespace-prefix (RFC 6120 §4.9.3.2, Namespaces in XML 1.0) */
	XML_E_UNDECLARED_PREFIX,
	XML_E_RESERVED_PREFIX,   /* xml/xmlns prefixes or their URIs misused */
	XML_E_EMPTY_PREFIX_DECL, /* xmlns:p='' */
	XML_E_STREAM_PREFIX,     /* stream element in the stream namespace without a prefix */
	/* invalid-namespace (RFC 6120 §4.9.3.10) */
	XML_E_STREAM_NAMESPACE,  /* root is not {http://etherx.jabber.org/streams}stream */
	/* unsupported-encoding (RFC 6120 §11.6) */
	XML_E_ENCODING,
	/* bad-format (RFC 6120 §4.9.3.1) */
	XML_E_STREAM_TEXT,       /* character data other than whitespace between stanzas */
	/* policy-violation (RFC 6120 §4.9.3.14): configurable limits */
	XML_E_LIMIT_STANZA_BYTES,
	XML_E_LIMIT_DEPTH,
	XML_E_LIMIT_ATTRS,
	XML_E_LIMIT_NAME_BYTES,
	XML_E_LIMIT_TEXT_BYTES,
	/* resource-constraint (RFC 6120 §4.9.3.17) */
	XML_E_NOMEM,
	XML_ERROR_COUNT
};

const char *xml_error_name(enum xml_error e);      /* "XML_E_SYNTAX" */
const char *xml_error_condition(enum xml_error e); /* "not-well-formed" */
const char *xml_error_text(enum xml_error e);      /* one sentence citing the rule */

struct xml_fault {
	enum xml_error error;
	uint64_t offset; /* index of the offending byte in the whole stream */
};

struct xml_limits {
	size_t stanza_bytes_max;     /* from a stanza's '<' to its last '>' inclusive */
	size_t depth_max;            /* element nesting inside a stanza; the stanza is depth 1 */
	size_t attrs_max;            /* attributes per element, namespace declarations included */
	size_t name_bytes_max;       /* a qualified name (element or attribute) */
	size_t text_bytes_max;       /* one run of character data, or one attribute value */
};

/* Safe defaults; see docs/limits.md. */
struct xml_limits xml_limits_default(void);

enum xml_node_kind { XML_NODE_ELEMENT, XML_NODE_TEXT };

struct xml_attr {
	struct span ns;    /* empty: no namespace (unprefixed attributes) */
	struct span local;
	struct span value; /* entities decoded, whitespace normalized (XML 1.0 §3.3.3) */
};

struct xml_node {
	enum xml_node_kind kind;
	struct xml_node *parent;
	struct xml_node *next;        /* next sibling */
	struct xml_node *first_child;
	struct xml_node *last_child;
	/* XML_NODE_ELEMENT */
	struct span ns;    /* empty: no namespace */
	struct span local;
	struct span qname; /* as written on the wire, e.g. "stream:stream" */
	struct span default_ns; /* default namespace in scope for this element's content */
	struct xml_attr *attrs;
	size_t attr_count;
	/* XML_NODE_TEXT: decoded character data, never empty, never two in a row */
	struct span text;
};

enum xml_verdict { XML_CONTINUE, XML_PAUSE };

struct xml_handler {
	void *ctx;
	enum xml_verdict (*on_stream_open)(void *ctx, const struct xml_node *root);
	enum xml_verdict (*on_stanza)(void *ctx, const struct xml_node *stanza);
	void (*on_stream_close)(void *ctx);
};

enum xml_status {
	XML_STATUS_OK,     /* all bytes consumed; feed more */
	XML_STATUS_PAUSED, /* a handler returned XML_PAUSE; *consumed says where */
	XML_STATUS_CLOSED, /* </stream:stream> seen; *consumed ends after it */
	XML_STATUS_ERROR   /* see xml_parser_error(); the parser accepts no more input */
};

struct xml_parser;

struct xml_parser *xml_parser_new(const struct mem *mem, const struct xml_limits *limits,
				  const struct xml_handler *handler)
	__attribute__((warn_unused_result));
void xml_parser_free(struct xml_parser *xp);

enum xml_status xml_parser_feed(struct xml_parser *xp, const uint8_t *bytes, size_t len,
				size_t *consumed) __attribute__((warn_unused_result));
/* End of input: XML_STATUS_ERROR (XML_E_UNEXPECTED_END) unless the stream closed. */
enum xml_status xml_parser_finish(struct xml_parser *xp) __attribute__((warn_unused_result));
/* A stream restart (after STARTTLS or SASL): forget everything, expect a new header. */
void xml_parser_reset(struct xml_parser *xp);
/* Frees the stanza arena's cached block: call when the connection goes idle. */
void xml_parser_trim(struct xml_parser *xp);
struct xml_fault xml_parser_error(const struct xml_parser *xp);
/* Bytes the parser holds in arenas right now (for memory accounting and tests). */
size_t xml_parser_memory(const struct xml_parser *xp);

/* Structural equality: kinds, names, namespaces, attributes in order, text, children. */
bool xml_node_equal(const struct xml_node *a, const struct xml_node *b);
/* The first attribute with this namespace and local name, or NULL. */
const struct xml_attr *xml_node_attr(const struct xml_node *n, struct span ns, struct span local);
/* The value of the unnamespaced attribute `local` (e.g. "id"); empty when absent. */
struct span xml_node_attr_value(const struct xml_node *n, const char *local);

#endif
