#include "xml_write.h"

#include <stdio.h>

/* Escape tables: 0 = copy the byte, else index into the replacement list. */
enum { ESC_NONE, ESC_AMP, ESC_LT, ESC_GT, ESC_APOS, ESC_TAB, ESC_LF, ESC_CR };

static const struct span replacements[] = {
	[ESC_AMP] = SPAN_LIT("&amp;"), [ESC_LT] = SPAN_LIT("&lt;"), [ESC_GT] = SPAN_LIT("&gt;"),
	[ESC_APOS] = SPAN_LIT("&apos;"), [ESC_TAB] = SPAN_LIT("&#9;"), [ESC_LF] = SPAN_LIT("&#10;"),
	[ESC_CR] = SPAN_LIT("&#13;"),
};

/* '>' is escaped in text so that "]]>" can never appear. */
static const uint8_t text_escapes[256] = {
	['&'] = ESC_AMP, ['<'] = ESC_LT, ['>'] = ESC_GT, ['\r'] = ESC_CR,
};

/* Values are single-quoted; \t \n \r would be normalized to spaces. */
static const uint8_t attr_escapes[256] = {
	['&'] = ESC_AMP, ['<'] = ESC_LT, ['\''] = ESC_APOS,
	['\t'] = ESC_TAB, ['\n'] = ESC_LF, ['\r'] = ESC_CR,
};

static enum xml_write_status write_escaped(struct buf *out, struct span s, const uint8_t table[256])
{
	if (s.len == 0)
		return XML_WRITE_OK; /* an absent value is an empty span with no pointer */
	size_t run = 0;
	for (size_t i = 0; i < s.len; i++) {
		uint8_t esc = table[s.ptr[i]];
		if (esc == ESC_NONE)
			continue;
		if (!buf_append(out, s.ptr + run, i - run) || !buf_append_span(out, replacements[esc]))
			return XML_WRITE_NOMEM;
		run = i + 1;
	}
	return buf_append(out, s.ptr + run, s.len - run) ? XML_WRITE_OK : XML_WRITE_NOMEM;
}

enum xml_write_status xml_write_text(struct buf *out, struct span text)
{
	return write_escaped(out, text, text_escapes);
}

enum xml_write_status xml_write_attr_value(struct buf *out, struct span value)
{
	return write_escaped(out, value, attr_escapes);
}


/* Namespaced attributes other than xml: get prefix "a<index>", declared on the element. */
static bool write_attr_prefix(struct buf *out, size_t index)
{
	char prefix[24];
	int n = snprintf(prefix, sizeof prefix, "a%zu", index);
	return buf_append(out, prefix, (size_t)n);
}

/* Elements in the XML namespace keep the predefined xml: prefix: that namespace
 * may not be declared as a default (Namespaces in XML §3). */
static bool in_xml_ns(const struct xml_node *n)
{
	return span_eq(n->ns, SPAN_LIT(XML_NS_XML));
}

static bool is_address(const struct xml_attr *a)
{
	return a->ns.len == 0 && (span_eq(a->local, SPAN_LIT("from")) || span_eq(a->local, SPAN_LIT("to")));
}

/* skip_addresses: leave out unnamespaced from/to (xml_write_stanza writes its own). */
static enum xml_write_status write_attrs(struct buf *out, const struct xml_node *n, bool skip_addresses)
{
	for (size_t i = 0; i < n->attr_count; i++) {
		const struct xml_attr *a = &n->attrs[i];
		if (skip_addresses && is_address(a))
			continue;
		bool ok = buf_append_str(out, " ");
		if (a->ns.len > 0 && span_eq(a->ns, SPAN_LIT(XML_NS_XML))) {
			ok = ok && buf_append_str(out, "xml:");
		} else if (a->ns.len > 0) {
			ok = ok && buf_append_str(out, "xmlns:") && write_attr_prefix(out, i) && buf_append_str(out, "='") &&
			     xml_write_attr_value(out, a->ns) == XML_WRITE_OK && buf_append_str(out, "' ") &&
			     write_attr_prefix(out, i) && buf_append_str(out, ":");
		}
		ok = ok && buf_append_span(out, a->local) && buf_append_str(out, "='") &&
		     xml_write_attr_value(out, a->value) == XML_WRITE_OK && buf_append_str(out, "'");
		if (!ok)
			return XML_WRITE_NOMEM;
	}
	return XML_WRITE_OK;
}

static enum xml_write_status write_start_tag(struct buf *out, const struct xml_node *n,
					     struct span context_ns)
{
	if (!buf_append_str(out, in_xml_ns(n) ? "<xml:" : "<") || !buf_append_span(out, n->local))
		return XML_WRITE_NOMEM;
	if (!in_xml_ns(n) && !span_eq(n->ns, context_ns)) {
		if (!buf_append_str(out, " xmlns='") || xml_write_attr_value(out, n->ns) != XML_WRITE_OK ||
		    !buf_append_str(out, "'"))
			return XML_WRITE_NOMEM;
	}
	return write_attrs(out, n, false);
}

enum xml_write_status xml_write(struct buf *out, const struct xml_node *node, struct span context_ns)
{
	if (node->kind == XML_NODE_TEXT)
		return xml_write_text(out, node->text);
	if (write_start_tag(out, node, context_ns) != XML_WRITE_OK)
		return XML_WRITE_NOMEM;
	if (node->first_child == NULL)
		return buf_append_str(out, "/>") ? XML_WRITE_OK : XML_WRITE_NOMEM;
	if (!buf_append_str(out, ">"))
		return XML_WRITE_NOMEM;
	struct span inner = in_xml_ns(node) ? context_ns : node->ns;
	for (const struct xml_node *c = node->first_child; c != NULL; c = c->next) {
		if (xml_write(out, c, inner) != XML_WRITE_OK)
			return XML_WRITE_NOMEM;
	}
	if (!buf_append_str(out, in_xml_ns(node) ? "</xml:" : "</") || !buf_append_span(out, node->local) || !buf_append_str(out, ">"))
		return XML_WRITE_NOMEM;
	return XML_WRITE_OK;
}

static bool put_address(struct buf *out, const char *name, struct span value)
{
	return value.len == 0 || (buf_append_str(out, name) && xml_write_attr_value(out, value) == XML_WRITE_OK && buf_append_str(out, "'"));
}

enum xml_write_status xml_write_stanza(struct buf *out, const struct xml_node *stanza, struct span context_ns,
				       struct span from, struct span to, struct span extra)
{
	if (!buf_append_str(out, "<") || !buf_append_span(out, stanza->local) || !put_address(out, " from='", from) ||
	    !put_address(out, " to='", to))
		return XML_WRITE_NOMEM;
	if (!span_eq(stanza->ns, context_ns) &&
	    (!buf_append_str(out, " xmlns='") || xml_write_attr_value(out, stanza->ns) != XML_WRITE_OK || !buf_append_str(out, "'")))
		return XML_WRITE_NOMEM;
	if (write_attrs(out, stanza, true) != XML_WRITE_OK)
		return XML_WRITE_NOMEM;
	if (stanza->first_child == NULL && extra.len == 0)
		return buf_append_str(out, "/>") ? XML_WRITE_OK : XML_WRITE_NOMEM;
	if (!buf_append_str(out, ">"))
		return XML_WRITE_NOMEM;
	for (const struct xml_node *c = stanza->first_child; c != NULL; c = c->next) {
		if (xml_write(out, c, stanza->ns) != XML_WRITE_OK)
			return XML_WRITE_NOMEM;
	}
	if (!buf_append_span(out, extra) || !buf_append_str(out, "</") || !buf_append_span(out, stanza->local) || !buf_append_str(out, ">"))
		return XML_WRITE_NOMEM;
	return XML_WRITE_OK;
}
