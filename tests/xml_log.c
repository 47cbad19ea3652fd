#include "xml_log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xml_write.h"

struct logger {
	struct buf log;
	struct buf scratch;
	struct span content_ns;
	uint8_t content_ns_copy[256];
	bool nomem;
};

static void log_text(struct logger *lg, const char *s)
{
	if (!buf_append(&lg->log, s, strlen(s)))
		lg->nomem = true;
}

static void log_node(struct logger *lg, const char *label, const struct xml_node *n, struct span ctx)
{
	buf_clear(&lg->scratch);
	log_text(lg, label);
	if (xml_write(&lg->scratch, n, ctx) != XML_WRITE_OK || !buf_append_span(&lg->log, buf_span(&lg->scratch)))
		lg->nomem = true;
	log_text(lg, "\n");
}

static enum xml_verdict on_open(void *ctx, const struct xml_node *root)
{
	struct logger *lg = ctx;
	size_t n = root->default_ns.len < sizeof lg->content_ns_copy ? root->default_ns.len : 0;
	if (n > 0)
		memcpy(lg->content_ns_copy, root->default_ns.ptr, n);
	lg->content_ns = span_of(lg->content_ns_copy, n);
	log_node(lg, "open ", root, span_of(NULL, 0));
	return XML_CONTINUE;
}

static enum xml_verdict on_stanza(void *ctx, const struct xml_node *stanza)
{
	struct logger *lg = ctx;
	log_node(lg, "stanza ", stanza, lg->content_ns);
	return XML_CONTINUE;
}

static void on_close(void *ctx)
{
	log_text(ctx, "close\n");
}

static uint32_t next_random(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

char *xml_log_run(const uint8_t *input, size_t len, size_t chunk, uint32_t seed,
		  const struct xml_limits *limits, const struct mem *mem, uint64_t offset_base)
{
	struct logger lg = { .nomem = false };
	buf_init(&lg.log, mem_default());
	buf_init(&lg.scratch, mem_default());
	struct xml_handler h = { &lg, on_open, on_stanza, on_close };
	struct xml_parser *xp = xml_parser_new(mem, limits, &h);
	enum xml_status s = XML_STATUS_OK;
	if (xp == NULL) {
		log_text(&lg, "error XML_E_NOMEM@new\nstatus ERROR\n");
	} else {
		size_t at = 0;
		uint32_t rng = seed;
		while (at < len) {
			size_t n = len - at;
			if (chunk > 0) {
				size_t want = seed != 0 ? 1 + next_random(&rng) % chunk : chunk;
				n = n < want ? n : want;
			}
			size_t used;
			s = xml_parser_feed(xp, input + at, n, &used);
			at += used;
			if (s != XML_STATUS_OK)
				break;
		}
		if (s == XML_STATUS_ERROR) {
			struct xml_fault f = xml_parser_error(xp);
			char line[96];
			snprintf(line, sizeof line, "error %s@%lld\n", xml_error_name(f.error),
				 (long long)f.offset - (long long)offset_base);
			log_text(&lg, line);
		}
		static const char *const names[] = { "OK", "PAUSED", "CLOSED", "ERROR" };
		log_text(&lg, "status ");
		log_text(&lg, names[s]);
		log_text(&lg, "\n");
		xml_parser_free(xp);
	}
	char *out = malloc(lg.log.len + 1);
	if (out != NULL) {
		memcpy(out, lg.log.data, lg.log.len);
		out[lg.log.len] = '\0';
	}
	if (lg.nomem && out != NULL) {
		free(out);
		out = strdup("logger out of memory\n");
	}
	buf_free(&lg.log);
	buf_free(&lg.scratch);
	return out;
}
