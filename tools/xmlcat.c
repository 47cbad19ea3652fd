/* xmlcat - reads an XMPP stream on stdin and prints what the parser makes of it.
 *
 * A demo of src/xml.h until the server lands: each stream header, stanza and
 * close is printed re-serialized, and an error is printed with the RFC 6120
 * stream error condition the server would send. */
#include <stdio.h>
#include <unistd.h>

#include "buf.h"
#include "xml.h"
#include "xml_write.h"

struct cat {
	struct buf out;
	struct span content_ns;
};

static void print_node(struct cat *c, const char *label, const struct xml_node *n, struct span ctx)
{
	buf_clear(&c->out);
	if (xml_write(&c->out, n, ctx) != XML_WRITE_OK) {
		printf("%s: (out of memory)\n", label);
		return;
	}
	printf("%s: %.*s\n", label, (int)c->out.len, (const char *)c->out.data);
}

static enum xml_verdict on_open(void *ctx, const struct xml_node *root)
{
	struct cat *c = ctx;
	c->content_ns = root->default_ns;
	print_node(c, "stream-open", root, span_of(NULL, 0));
	return XML_CONTINUE;
}

static enum xml_verdict on_stanza(void *ctx, const struct xml_node *stanza)
{
	struct cat *c = ctx;
	print_node(c, "stanza", stanza, c->content_ns);
	return XML_CONTINUE;
}

static void on_close(void *ctx)
{
	(void)ctx;
	printf("stream-close\n");
}

static int report(const struct xml_parser *xp)
{
	struct xml_fault f = xml_parser_error(xp);
	printf("error: <%s/> (%s) at byte %llu: %s\n", xml_error_condition(f.error),
	       xml_error_name(f.error), (unsigned long long)f.offset, xml_error_text(f.error));
	return 1;
}

int main(void)
{
	struct cat c = { .content_ns = { NULL, 0 } };
	buf_init(&c.out, mem_default());
	struct xml_handler h = { &c, on_open, on_stanza, on_close };
	struct xml_parser *xp = xml_parser_new(mem_default(), NULL, &h);
	if (xp == NULL)
		return 2;
	uint8_t chunk[4096];
	int status = 0;
	for (;;) {
		ssize_t n = read(0, chunk, sizeof chunk);
		if (n < 0) {
			perror("read");
			status = 2;
			break;
		}
		size_t used;
		enum xml_status s = n == 0 ? xml_parser_finish(xp)
					   : xml_parser_feed(xp, chunk, (size_t)n, &used);
		if (s == XML_STATUS_ERROR) {
			status = report(xp);
			break;
		}
		if (s == XML_STATUS_CLOSED || n == 0)
			break;
		fflush(stdout);
	}
	xml_parser_free(xp);
	buf_free(&c.out);
	return status;
}
