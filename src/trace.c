/* trace.c - the per-connection protocol trace. Ownership: trace.h. */
#include "trace.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xml_write.h"

/* Room for TRACE_BYTES_MAX bytes each escaped to \xNN, plus the prefix,
 * the redaction and truncation notes. */
#define TRACE_LINE_MAX (TRACE_BYTES_MAX * 4 + 256)
#define NS_CLIENT "jabber:client"
#define NS_XML "http://www.w3.org/XML/1998/namespace"

/* ---------- one line ---------- */

struct line {
	char text[TRACE_LINE_MAX];
	size_t len;
};

/* Bytes past the end are dropped: the body is bounded by TRACE_BYTES_MAX and
 * the rest is short, so this only guards against a mistake. */
static void put_raw(struct line *l, const char *s, size_t n)
{
	size_t room = sizeof l->text - l->len;
	if (n > room)
		n = room;
	memcpy(l->text + l->len, s, n);
	l->len += n;
}

static void put_str(struct line *l, const char *s)
{
	put_raw(l, s, strlen(s));
}

__attribute__((format(printf, 2, 3)))
static void put_fmt(struct line *l, const char *fmt, ...)
{
	size_t room = sizeof l->text - l->len;
	va_list ap;
	va_start(ap, fmt);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): initialized just above */
	int n = vsnprintf(l->text + l->len, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n < room ? (size_t)n : room - 1;
}

/* A log line is one line: control bytes and the backslash are escaped; UTF-8
 * (always well-formed here: the parser refuses anything else) stays readable. */
static void put_escaped(struct line *l, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		uint8_t c = p[i];
		if (c == '\\') {
			put_raw(l, "\\\\", 2);
		} else if (c == '\n') {
			put_raw(l, "\\n", 2);
		} else if (c == '\r') {
			put_raw(l, "\\r", 2);
		} else if (c == '\t') {
			put_raw(l, "\\t", 2);
		} else if (c < 0x20 || c == 0x7f) {
			char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
			put_raw(l, e, sizeof e);
		} else {
			put_raw(l, (const char *)&c, 1);
		}
	}
}

static void start_line(struct line *l, const struct trace *t, const char *what)
{
	l->len = 0;
	put_fmt(l, "c%llu %s ", (unsigned long long)t->id, what);
}

static void emit(const struct trace *t, const struct line *l)
{
	log_trace(t->log, l->text, l->len);
}

/* ---------- redaction and truncation ---------- */

/* Elements whose text is a secret or derived from one: the SASL exchange
 * (RFC 6120 §6.4.2: a PLAIN <auth/> is the password in base64) and XEP-0077's
 * <password/>. Matched by local name in any namespace: hiding too much is
 * harmless in a trace, showing a password is not. */
static bool secret_name(const uint8_t *p, size_t n)
{
	static const char *const names[] = { "auth", "response", "challenge", "success", "password" };
	const uint8_t *colon = memchr(p, ':', n);
	if (colon != NULL) {
		n -= (size_t)(colon + 1 - p);
		p = colon + 1;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (n == strlen(names[i]) && memcmp(p, names[i], n) == 0)
			return true;
	return false;
}

/* The end of the start tag opened at `from` ('>' outside quoted attribute
 * values), or b.len when it is cut off. */
static size_t tag_end(struct span b, size_t from)
{
	uint8_t quote = 0;
	for (size_t i = from; i < b.len; i++) {
		uint8_t c = b.ptr[i];
		if (quote != 0)
			quote = c == quote ? 0 : quote;
		else if (c == '\'' || c == '"')
			quote = c;
		else if (c == '>')
			return i;
	}
	return b.len;
}

/* The first "</name" at or after `from`, or b.len. */
static size_t close_tag(struct span b, size_t from, struct span name)
{
	for (size_t i = from; i + 2 + name.len <= b.len; i++)
		if (b.ptr[i] == '<' && b.ptr[i + 1] == '/' && memcmp(b.ptr + i + 2, name.ptr, name.len) == 0)
			return i;
	return b.len;
}

/* At a '<' that opens a secret element with content: the offset just past its
 * start tag, and the length of everything up to its end tag (children too). */
static bool secret_at(struct span b, size_t at, size_t *content, size_t *content_len)
{
	size_t name = at + 1, end = name;
	while (end < b.len && b.ptr[end] != ' ' && b.ptr[end] != '>' && b.ptr[end] != '/' && b.ptr[end] != '\t' &&
	       b.ptr[end] != '\n' && b.ptr[end] != '\r')
		end++;
	if (end == name || !secret_name(b.ptr + name, end - name))
		return false;
	size_t gt = tag_end(b, end);
	if (gt == b.len || b.ptr[gt - 1] == '/')
		return false; /* cut off inside the tag, or empty: nothing to hide */
	*content = gt + 1;
	*content_len = close_tag(b, *content, span_of(b.ptr + name, end - name)) - *content;
	return true;
}

/* The bytes of an element: secrets replaced by their length, at most
 * TRACE_BYTES_MAX of the original shown. */
static void put_body(struct line *l, struct span b)
{
	size_t i = 0, run = 0;
	while (i < b.len && i < TRACE_BYTES_MAX) {
		size_t content, content_len;
		if (b.ptr[i] != '<' || !secret_at(b, i, &content, &content_len)) {
			i++;
			continue;
		}
		put_escaped(l, b.ptr + run, content - run);
		if (content_len > 0)
			put_fmt(l, "[%zu bytes redacted]", content_len);
		i = run = content + content_len;
	}
	size_t shown = i < b.len ? i : b.len;
	if (shown > run)
		put_escaped(l, b.ptr + run, shown - run);
	if (shown < b.len)
		put_fmt(l, "...[cut at %zu of %zu bytes]", shown, b.len);
}

/* ---------- rules ---------- */

static bool prefix_matches(const struct config_prefix *p, int family, const uint8_t *addr)
{
	if (p->family != family)
		return false;
	size_t whole = p->bits / 8;
	unsigned rest = p->bits % 8;
	if (memcmp(p->addr, addr, whole) != 0)
		return false;
	uint8_t mask = (uint8_t)(0xff00u >> rest);
	return rest == 0 || (p->addr[whole] & mask) == (addr[whole] & mask);
}

bool trace_address_listed(const struct config_log *rules, const char *ip)
{
	uint8_t addr[16];
	int family = strchr(ip, ':') != NULL ? AF_INET6 : AF_INET;
	if (inet_pton(family, ip, addr) != 1)
		return false;
	/* A dual-stack listener reports IPv4 peers as ::ffff:a.b.c.d (RFC 4291
	 * §2.5.5.2): the IPv4 rules apply to them too. */
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	bool is_mapped = family == AF_INET6 && memcmp(addr, mapped, sizeof mapped) == 0;
	for (size_t i = 0; i < rules->trace_address_count; i++) {
		const struct config_prefix *p = &rules->trace_addresses[i];
		if (prefix_matches(p, family, addr) || (is_mapped && prefix_matches(p, AF_INET, addr + 12)))
			return true;
	}
	return false;
}

/* The entries are prepared bare JIDs: compared byte for byte (RFC 7622 §3.1). */
bool trace_account_listed(const struct config_log *rules, struct span local, struct span domain)
{
	for (size_t i = 0; i < rules->trace_account_count; i++) {
		const char *e = rules->trace_accounts[i];
		size_t n = strlen(e);
		if (n == local.len + 1 + domain.len && memcmp(e, local.ptr, local.len) == 0 && e[local.len] == '@' &&
		    memcmp(e + local.len + 1, domain.ptr, domain.len) == 0)
			return true;
	}
	return false;
}

/* ---------- lifetime ---------- */

void trace_init(struct trace *t, const struct logger *lg, const struct config_log *rules, const struct mem *mem,
		uint64_t id, const char *ip)
{
	t->log = lg;
	t->rules = rules;
	t->mem = mem;
	t->id = id;
	buf_init(&t->scratch, mem);
	t->on = rules->trace || trace_address_listed(rules, ip);
	if (!t->on)
		return;
	struct line l;
	start_line(&l, t, "trace");
	put_fmt(&l, "on for peer %s (%s)", ip, rules->trace ? "log.trace" : "log.trace_addresses");
	emit(t, &l);
}

void trace_free(struct trace *t)
{
	buf_free(&t->scratch);
}

void trace_authenticated(struct trace *t, struct span local, struct span domain)
{
	if (t == NULL || t->on || !trace_account_listed(t->rules, local, domain))
		return;
	t->on = true;
	struct line l;
	start_line(&l, t, "trace");
	put_str(&l, "on from authentication as ");
	put_escaped(&l, local.ptr, local.len);
	put_str(&l, "@");
	put_escaped(&l, domain.ptr, domain.len);
	put_str(&l, " (log.trace_accounts)");
	emit(t, &l);
}

/* ---------- events ---------- */

static void in_line(struct trace *t, const char *state, const char *event, struct span bytes)
{
	struct line l;
	start_line(&l, t, "in");
	put_fmt(&l, "[%s] %s ", state, event);
	put_body(&l, bytes);
	emit(t, &l);
}

static bool put_qname_attr(struct buf *b, const struct xml_attr *a)
{
	bool xml_ns = span_eq(a->ns, SPAN_LIT(NS_XML));
	return buf_append_str(b, " ") && (a->ns.len == 0 || xml_ns || buf_append_str(b, "{")) &&
	       (a->ns.len == 0 || xml_ns || buf_append_span(b, a->ns)) &&
	       (a->ns.len == 0 || buf_append_str(b, xml_ns ? "xml:" : "}")) && buf_append_span(b, a->local) &&
	       buf_append_str(b, "='") && xml_write_attr_value(b, a->value) == XML_WRITE_OK && buf_append_str(b, "'");
}

/* The header as an open tag (the tree has no end to write): the name as sent,
 * its namespaces, then the attributes. */
void trace_header_in(struct trace *t, const struct xml_node *root, const char *state, const char *event)
{
	if (!trace_on(t))
		return;
	struct buf *b = &t->scratch;
	buf_clear(b);
	bool ok = buf_append_str(b, "<") && buf_append_span(b, root->qname) && buf_append_str(b, " xmlns='") &&
		  xml_write_attr_value(b, root->default_ns) == XML_WRITE_OK && buf_append_str(b, "'");
	const uint8_t *colon = memchr(root->qname.ptr, ':', root->qname.len);
	if (colon != NULL) /* the prefix of "stream:stream" and its namespace */
		ok = ok && buf_append_str(b, " xmlns:") &&
		     buf_append(b, root->qname.ptr, (size_t)(colon - root->qname.ptr)) && buf_append_str(b, "='") &&
		     xml_write_attr_value(b, root->ns) == XML_WRITE_OK && buf_append_str(b, "'");
	for (size_t i = 0; ok && i < root->attr_count; i++)
		ok = put_qname_attr(b, &root->attrs[i]);
	ok = ok && buf_append_str(b, ">");
	in_line(t, state, event, ok ? buf_span(b) : SPAN_LIT("(out of memory)"));
	buf_clear(b);
}

void trace_element_in(struct trace *t, const struct xml_node *n, const char *state, const char *event)
{
	if (!trace_on(t))
		return;
	buf_clear(&t->scratch);
	bool ok = xml_write(&t->scratch, n, SPAN_LIT(NS_CLIENT)) == XML_WRITE_OK;
	in_line(t, state, event, ok ? buf_span(&t->scratch) : SPAN_LIT("(out of memory)"));
	buf_clear(&t->scratch);
}

void trace_close_in(struct trace *t, const char *state)
{
	if (trace_on(t))
		in_line(t, state, "CLOSE", SPAN_LIT("</stream:stream>"));
}

void trace_out(struct trace *t, struct span bytes)
{
	if (!trace_on(t))
		return;
	struct line l;
	start_line(&l, t, "out");
	put_body(&l, bytes);
	emit(t, &l);
}

void trace_transition(struct trace *t, const char *machine, const char *before, const char *event,
		      const char *after)
{
	if (!trace_on(t))
		return;
	struct line l;
	start_line(&l, t, machine);
	put_fmt(&l, "%s --%s--> %s", before, event, after);
	emit(t, &l);
}

void trace_subscription(struct trace *t, struct span owner, struct span contact, enum sub_state before,
			enum sub_event event, const struct sub_outcome *o)
{
	if (!trace_on(t))
		return;
	struct line l;
	start_line(&l, t, "presence");
	put_escaped(&l, owner.ptr, owner.len);
	put_str(&l, "'s item ");
	put_escaped(&l, contact.ptr, contact.len);
	put_fmt(&l, ": %s --%s--> %s%s%s", sub_state_name(before), sub_event_name(event), sub_state_name(o->next),
		o->forward ? (event < SUB_IN_SUBSCRIBE ? ", routed" : ", delivered") : ", not forwarded",
		o->auto_subscribed ? ", answered subscribed" : "");
	emit(t, &l);
}

void trace_route(struct trace *t, const char *fmt, ...)
{
	if (!trace_on(t))
		return;
	struct line l;
	start_line(&l, t, "route");
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): initialized just above */
	int n = vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (n > 0)
		put_escaped(&l, (const uint8_t *)text, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1);
	emit(t, &l);
}
