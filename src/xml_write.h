/* xml_write.h - serializes a tree back to XML with correct escaping.
 *
 * Ownership: the tree is borrowed for the call; bytes are appended to the
 * caller's struct buf. Parsing the output yields a tree equal to the input
 * (xml_node_equal): namespaces are re-declared where they differ from the
 * context, characters that XML would normalize (\r, and \t \n in attribute
 * values) are written as character references. Prefixes are not preserved:
 * elements use default-namespace declarations, namespaced attributes get
 * generated prefixes (xml: stays xml:). */
#ifndef XMPPD_XML_WRITE_H
#define XMPPD_XML_WRITE_H

#include "buf.h"
#include "xml.h"

enum xml_write_status { XML_WRITE_OK, XML_WRITE_NOMEM };

/* `context_ns` is the default namespace in scope where the node will appear
 * (for a stanza: the stream's content namespace, e.g. jabber:client). */
enum xml_write_status xml_write(struct buf *out, const struct xml_node *node, struct span context_ns)
	__attribute__((warn_unused_result));

/* A stanza (a depth-1 element) with its 'from' and 'to' replaced by these
 * values (an empty span leaves the attribute out) and `extra` (serialized
 * children, e.g. an XEP-0203 <delay/>) appended after its own children. This is
 * how the router stamps addresses (RFC 6120 §8.1.2.1) without editing the tree. */
enum xml_write_status xml_write_stanza(struct buf *out, const struct xml_node *stanza, struct span context_ns,
				       struct span from, struct span to, struct span extra)
	__attribute__((warn_unused_result));

/* Escaped character data / attribute value (single-quoted) alone. */
enum xml_write_status xml_write_text(struct buf *out, struct span text)
	__attribute__((warn_unused_result));
enum xml_write_status xml_write_attr_value(struct buf *out, struct span value)
	__attribute__((warn_unused_result));

#endif
