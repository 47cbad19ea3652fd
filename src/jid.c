/* jid.c - XMPP addresses (RFC 7622): the glue behind machines/jid.rl, the
 * preparation of each part, and the accessors. Ownership: see jid.h.
 *
 * Every part has two paths with one outcome. The fast path takes a part that is
 * pure ASCII, the usual case on every stanza, and allocates nothing: for ASCII,
 * width mapping, NFC and the additional mappings change nothing and toLowerCase
 * is A-Z to a-z, so the PRECIS and IDNA2008 rules reduce to a byte class and a
 * few label rules. Anything else takes the full path (src/precis.c, libidn2),
 * which allocates and frees before returning. jid_prepare_*_full() expose the
 * full paths alone; the unit tests and fuzz/jid check that both agree. */
#include "jid.h"

#include <arpa/inet.h>
#include <idn2.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "jid_machine.h"
#include "precis.h"

#ifdef MACHINE_TRACE
#include "machine_trace.h"
#endif

/* RFC 1034 §3.1: 63 octets a label, 255 a name on the wire, so 253 in text
 * without the final dot (the A-label form is what DNS carries). */
#define DNS_LABEL_MAX 63u
#define DNS_NAME_MAX 253u

/* ---------- status ---------- */

static const char *const status_names[JID_STATUS_COUNT] = {
	[JID_OK] = "JID_OK",
	[JID_E_EMPTY] = "JID_E_EMPTY",
	[JID_E_SYNTAX] = "JID_E_SYNTAX",
	[JID_E_LOCAL_EMPTY] = "JID_E_LOCAL_EMPTY",
	[JID_E_LOCAL_LENGTH] = "JID_E_LOCAL_LENGTH",
	[JID_E_LOCAL_PRECIS] = "JID_E_LOCAL_PRECIS",
	[JID_E_DOMAIN_EMPTY] = "JID_E_DOMAIN_EMPTY",
	[JID_E_DOMAIN_LENGTH] = "JID_E_DOMAIN_LENGTH",
	[JID_E_DOMAIN_IDNA] = "JID_E_DOMAIN_IDNA",
	[JID_E_RESOURCE_EMPTY] = "JID_E_RESOURCE_EMPTY",
	[JID_E_RESOURCE_LENGTH] = "JID_E_RESOURCE_LENGTH",
	[JID_E_RESOURCE_PRECIS] = "JID_E_RESOURCE_PRECIS",
	[JID_E_UTF8] = "JID_E_UTF8",
	[JID_E_NOMEM] = "JID_E_NOMEM",
};

static const char *const status_texts[JID_STATUS_COUNT] = {
	[JID_OK] = "",
	[JID_E_EMPTY] = "RFC 7622 §3.1: the address is empty; a JID has at least a domainpart",
	[JID_E_SYNTAX] = "RFC 7622 §3.2: the domainpart contains '@' (only the first '@' before any '/' "
			 "separates)",
	[JID_E_LOCAL_EMPTY] = "RFC 7622 §3.3: the localpart is empty (nothing before the '@')",
	[JID_E_LOCAL_LENGTH] = "RFC 7622 §3.3: the localpart is longer than 1023 bytes once prepared",
	[JID_E_LOCAL_PRECIS] = "RFC 7622 §3.3.1: the localpart contains a character the UsernameCaseMapped "
			       "profile (RFC 8265 §3.3) disallows or XMPP excludes (\" & ' / : < > @)",
	[JID_E_DOMAIN_EMPTY] = "RFC 7622 §3.2: the domainpart is empty",
	[JID_E_DOMAIN_LENGTH] = "RFC 7622 §3.2: the domainpart is longer than 1023 bytes, or a label or "
				"the name is longer than DNS allows (63 and 253 octets, RFC 1034 §3.1)",
	[JID_E_DOMAIN_IDNA] = "RFC 7622 §3.2: the domainpart is not an IDNA2008 domain name (RFC 5890), an "
			      "IPv4 address or a bracketed IPv6 address",
	[JID_E_RESOURCE_EMPTY] = "RFC 7622 §3.4: the resourcepart is empty (nothing after the '/')",
	[JID_E_RESOURCE_LENGTH] = "RFC 7622 §3.4: the resourcepart is longer than 1023 bytes once "
				  "prepared",
	[JID_E_RESOURCE_PRECIS] = "RFC 7622 §3.4.1: the resourcepart contains a character the "
				  "OpaqueString profile (RFC 8265 §4.2) disallows",
	[JID_E_UTF8] = "RFC 7622 §3.1: the address is not well-formed UTF-8 (RFC 3629)",
	[JID_E_NOMEM] = "RFC 6120 §8.3.3.18: the server lacked the memory to prepare the address",
};

const char *jid_status_name(enum jid_status s)
{
	return (unsigned)s < JID_STATUS_COUNT ? status_names[s] : "JID_E_?";
}

const char *jid_status_text(enum jid_status s)
{
	return (unsigned)s < JID_STATUS_COUNT ? status_texts[s] : "unknown JID error";
}

/* ---------- the split (machines/jid.rl) ---------- */

void jid_on_at(struct jid_split *js, const uint8_t *at)
{
	js->has_at = true;
	js->at = (size_t)(at - js->base);
}

void jid_on_slash(struct jid_split *js, const uint8_t *slash)
{
	js->has_slash = true;
	js->slash = (size_t)(slash - js->base);
}

void jid_on_refuse(struct jid_split *js, enum jid_status e)
{
	if (js->error == JID_OK)
		js->error = e;
}

static void run_split(struct jid_split *js, struct jid_machine *m, const uint8_t *p, const uint8_t *pe)
{
#ifdef MACHINE_TRACE
	/* One byte at a time, so every transition taken is recorded. */
	while (p < pe) {
		int before = m->cs;
		uint8_t byte = *p;
		const uint8_t *next = jid_machine_exec(js, m, p, p + 1, NULL);
		if (next != p)
			machine_trace_hit("jid", before, byte);
		if (next != p + 1 || jid_machine_failed(m) || js->error != JID_OK)
			return;
		p = next;
	}
	(void)jid_machine_exec(js, m, pe, pe, pe); /* the end: EOF actions only */
#else
	(void)jid_machine_exec(js, m, p, pe, pe);
#endif
}

/* init, exec, finish over the whole address. */
static enum jid_status split(struct span in, struct jid_split *js)
{
	static const uint8_t nothing[1];
	memset(js, 0, sizeof *js);
	/* An empty span may carry no pointer; the machine still needs one for p == pe. */
	const uint8_t *p = in.len > 0 ? in.ptr : nothing;
	js->base = p;
	struct jid_machine m;
	jid_machine_init(&m);
	run_split(js, &m, p, p + in.len);
	if (js->error != JID_OK)
		return js->error;
	if (jid_machine_failed(&m) || !jid_machine_final(&m))
		return JID_E_UTF8; /* every other refusal is named by an action */
	return JID_OK;
}

/* ---------- localpart and resourcepart ---------- */

static enum jid_status from_precis(enum precis_status s, enum jid_status empty, enum jid_status length,
				   enum jid_status disallowed)
{
	switch (s) {
	case PRECIS_OK:
		return JID_OK;
	case PRECIS_E_EMPTY:
		return empty;
	case PRECIS_E_UTF8:
		return JID_E_UTF8;
	case PRECIS_E_TOO_LONG:
		return length;
	case PRECIS_E_NOMEM:
		return JID_E_NOMEM;
	default:
		return disallowed;
	}
}

/* RFC 7622 §3.3.1: disallowed in localparts whatever the profile says. */
#define LOCAL_EXCLUDED "\"&'/:<>@"

static bool local_excluded(uint8_t c)
{
	return c == '"' || c == '&' || c == '\'' || c == '/' || c == ':' || c == '<' || c == '>' || c == '@';
}

enum jid_status jid_prepare_local_full(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
{
	return from_precis(precis_enforce(PRECIS_USERNAME_CASE_MAPPED, LOCAL_EXCLUDED, in, out, JID_PART_MAX,
					  out_len),
			   JID_E_LOCAL_EMPTY, JID_E_LOCAL_LENGTH, JID_E_LOCAL_PRECIS);
}

/* ASCII under UsernameCaseMapped: 0x21..0x7E are PVALID (ASCII7), space and the
 * controls are not; less the §3.3.1 exclusions; A-Z lower-cased. */
static bool local_ascii_ok(uint8_t c)
{
	return c >= 0x21 && c <= 0x7E && !local_excluded(c);
}

enum jid_status jid_prepare_local(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
{
	*out_len = 0;
	if (in.len == 0)
		return JID_E_LOCAL_EMPTY;
	bool ok = true;
	uint8_t high = 0;
	for (size_t i = 0; i < in.len; i++) {
		uint8_t c = in.ptr[i];
		high |= c;
		ok = ok && local_ascii_ok(c);
		if (i < JID_PART_MAX)
			out[i] = (c >= 'A' && c <= 'Z') ? (uint8_t)(c | 0x20) : c;
	}
	if (high & 0x80)
		return jid_prepare_local_full(in, out, out_len);
	if (!ok)
		return JID_E_LOCAL_PRECIS;
	if (in.len > JID_PART_MAX)
		return JID_E_LOCAL_LENGTH;
	*out_len = in.len;
	return JID_OK;
}

enum jid_status jid_prepare_resource_full(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
{
	return from_precis(precis_enforce(PRECIS_OPAQUE_STRING, NULL, in, out, JID_PART_MAX, out_len),
			   JID_E_RESOURCE_EMPTY, JID_E_RESOURCE_LENGTH, JID_E_RESOURCE_PRECIS);
}

/* ASCII under OpaqueString: 0x21..0x7E (ASCII7) and the space (FreeformClass
 * Spaces) are valid, the controls are not; nothing is mapped. */
enum jid_status jid_prepare_resource(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
{
	*out_len = 0;
	if (in.len == 0)
		return JID_E_RESOURCE_EMPTY;
	bool ok = true;
	uint8_t high = 0;
	for (size_t i = 0; i < in.len; i++) {
		uint8_t c = in.ptr[i];
		high |= c;
		ok = ok && c >= 0x20 && c != 0x7F;
		if (i < JID_PART_MAX)
			out[i] = c;
	}
	if (high & 0x80)
		return jid_prepare_resource_full(in, out, out_len);
	if (!ok)
		return JID_E_RESOURCE_PRECIS;
	if (in.len > JID_PART_MAX)
		return JID_E_RESOURCE_LENGTH;
	*out_len = in.len;
	return JID_OK;
}

/* ---------- domainpart ---------- */

/* RFC 7622 §3.2: one final dot is removed before anything else. */
static struct span without_final_dot(struct span in)
{
	if (in.len > 0 && in.ptr[in.len - 1] == '.')
		in.len--;
	return in;
}

static bool all_of(struct span s, const char *set)
{
	for (size_t i = 0; i < s.len; i++)
		if (s.ptr[i] == 0 || strchr(set, s.ptr[i]) == NULL)
			return false;
	return true;
}

/* RFC 3986 §3.2.2 IPv4address, or IP-literal with an IPv6address (no zone, no
 * IPvFuture), as inet_pton(3) reads them. Kept as written. */
static bool ip_literal(struct span s)
{
	char text[INET6_ADDRSTRLEN];
	unsigned char addr[sizeof(struct in6_addr)];
	if (s.len >= 2 && s.ptr[0] == '[' && s.ptr[s.len - 1] == ']') {
		struct span inner = span_of(s.ptr + 1, s.len - 2);
		if (inner.len >= sizeof text || !all_of(inner, "0123456789abcdefABCDEF:."))
			return false;
		memcpy(text, inner.ptr, inner.len);
		text[inner.len] = '\0';
		return inet_pton(AF_INET6, text, addr) == 1;
	}
	if (s.len >= INET_ADDRSTRLEN || !all_of(s, "0123456789."))
		return false;
	memcpy(text, s.ptr, s.len);
	text[s.len] = '\0';
	return inet_pton(AF_INET, text, addr) == 1;
}

static bool is_ascii(struct span s)
{
	uint8_t high = 0;
	for (size_t i = 0; i < s.len; i++)
		high |= s.ptr[i];
	return (high & 0x80) == 0;
}

/* Appends bytes to the prepared domainpart. */
struct domain_out {
	uint8_t *bytes; /* JID_PART_MAX */
	size_t len;
	size_t alabel_len; /* the length of the same name in A-label form */
};

static enum jid_status put(struct domain_out *d, const void *bytes, size_t len)
{
	if (len > JID_PART_MAX - d->len)
		return JID_E_DOMAIN_LENGTH;
	memcpy(d->bytes + d->len, bytes, len);
	d->len += len;
	return JID_OK;
}

static enum jid_status from_idn2(int rc)
{
	if (rc == IDN2_MALLOC)
		return JID_E_NOMEM;
	/* libidn2 encodes into a label-sized buffer: a U-label whose A-label would
	 * pass 63 octets fails with PUNYCODE_BIG_OUTPUT. */
	if (rc == IDN2_TOO_BIG_LABEL || rc == IDN2_TOO_BIG_DOMAIN || rc == IDN2_PUNYCODE_BIG_OUTPUT)
		return JID_E_DOMAIN_LENGTH;
	return JID_E_DOMAIN_IDNA;
}

/* An XN-label (RFC 5890 §2.3.2.1): valid only when it decodes to a U-label that
 * IDNA2008 accepts (RFC 5891 §5.4) and encodes back to the same A-label (§5.5).
 * The U-label is what the domainpart keeps (RFC 7622 §3.2.1). */
static enum jid_status put_alabel(struct domain_out *d, const char *alabel)
{
	char *ulabel = NULL;
	uint8_t *again = NULL;
	int rc = idn2_to_unicode_8z8z(alabel, &ulabel, 0);
	if (rc == IDN2_OK)
		rc = idn2_register_u8((const uint8_t *)ulabel, NULL, &again, 0);
	enum jid_status e = rc != IDN2_OK ? from_idn2(rc)
			    : strcmp((const char *)again, alabel) != 0 ? JID_E_DOMAIN_IDNA
			    : put(d, ulabel, strlen(ulabel));
	idn2_free(again);
	idn2_free(ulabel);
	return e;
}

/* An ASCII label, lower-cased on the way: an NR-LDH label (RFC 5890 §2.3.1:
 * letters, digits and hyphens, no hyphen first or last, not "--" in the third
 * and fourth positions), or an XN-label. */
static enum jid_status put_ascii_label(struct domain_out *d, const uint8_t *label, size_t len)
{
	char lower[DNS_LABEL_MAX + 1];
	if (len == 0)
		return JID_E_DOMAIN_IDNA;
	if (len > DNS_LABEL_MAX)
		return JID_E_DOMAIN_LENGTH;
	for (size_t i = 0; i < len; i++) {
		uint8_t c = label[i];
		if (c >= 'A' && c <= 'Z')
			c |= 0x20;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return JID_E_DOMAIN_IDNA;
		lower[i] = (char)c;
	}
	lower[len] = '\0';
	if (lower[0] == '-' || lower[len - 1] == '-')
		return JID_E_DOMAIN_IDNA;
	d->alabel_len += len;
	if (len >= 4 && lower[2] == '-' && lower[3] == '-')
		return memcmp(lower, "xn", 2) == 0 ? put_alabel(d, lower) : JID_E_DOMAIN_IDNA;
	return put(d, lower, len);
}

/* A label with non-ASCII characters, already mapped (width, lower case, NFC):
 * a U-label when IDNA2008 accepts it (RFC 5891 §4.2 and §5.4: code points,
 * hyphens, leading combining marks, CONTEXTJ and CONTEXTO rules, Bidi). */
static enum jid_status put_ulabel(struct domain_out *d, const uint8_t *label, size_t len)
{
	/* libidn2 reads C strings: a NUL would hide the rest of the label from it
	 * (found by fuzz/jid). NUL is DISALLOWED in IDNA2008 anyway. */
	if (memchr(label, 0, len) != NULL)
		return JID_E_DOMAIN_IDNA;
	char *copy = malloc(len + 1);
	if (copy == NULL)
		return JID_E_NOMEM;
	memcpy(copy, label, len);
	copy[len] = '\0';
	uint8_t *alabel = NULL;
	int rc = idn2_register_u8((const uint8_t *)copy, NULL, &alabel, 0);
	free(copy);
	enum jid_status e = rc != IDN2_OK ? from_idn2(rc) : put(d, label, len);
	if (e == JID_OK)
		d->alabel_len += strlen((const char *)alabel);
	idn2_free(alabel);
	return e;
}

/* Label by label; then the name's length in A-label form (RFC 1034 §3.1). */
static enum jid_status put_labels(struct domain_out *d, struct span name)
{
	if (is_ascii(name) && name.len > DNS_NAME_MAX)
		return JID_E_DOMAIN_LENGTH; /* an ASCII name is its own A-label form */
	size_t start = 0;
	for (size_t i = 0; i <= name.len; i++) {
		if (i < name.len && name.ptr[i] != '.')
			continue;
		struct span label = span_of(name.ptr + start, i - start);
		enum jid_status e = JID_OK;
		if (start > 0) {
			e = put(d, ".", 1);
			d->alabel_len++;
		}
		if (e == JID_OK)
			e = is_ascii(label) ? put_ascii_label(d, label.ptr, label.len)
					    : put_ulabel(d, label.ptr, label.len);
		if (e != JID_OK)
			return e;
		start = i + 1;
	}
	return d->alabel_len > DNS_NAME_MAX ? JID_E_DOMAIN_LENGTH : JID_OK;
}

/* RFC 5893 §2: in a name with a right-to-left label, every label meets the Bidi
 * Rule. Only U-labels can hold right-to-left characters. */
static enum jid_status check_bidi_name(struct span name)
{
	if (is_ascii(name))
		return JID_OK;
	size_t n = 0;
	uint32_t *s = u8_to_u32(name.ptr, name.len, NULL, &n);
	if (s == NULL)
		return JID_E_NOMEM;
	enum jid_status e = JID_OK;
	if (precis_has_rtl(s, n)) {
		size_t start = 0;
		for (size_t i = 0; i <= n && e == JID_OK; i++) {
			if (i < n && s[i] != '.')
				continue;
			if (!precis_bidi_rule(s + start, i - start))
				e = JID_E_DOMAIN_IDNA;
			start = i + 1;
		}
	}
	free(s);
	return e;
}

/* The U-label form must be what the mappings of §3.2.2 leave unchanged, or it
 * would be prepared into another name when it comes back: an A-label may
 * decode to code points IDNA2008 keeps but toLowerCase changes (upper-case
 * Cherokee, found by fuzz/jid), and the mappings themselves need not be
 * idempotent. */
static enum jid_status check_stable(struct span name)
{
	if (is_ascii(name))
		return JID_OK;
	uint8_t *mapped = NULL;
	size_t mapped_len = 0;
	if (precis_map_domain(name, &mapped, &mapped_len) != PRECIS_OK)
		return JID_E_NOMEM;
	bool same = span_eq(span_of(mapped, mapped_len), name);
	free(mapped);
	return same ? JID_OK : JID_E_DOMAIN_IDNA;
}

static enum jid_status finish_domain(struct domain_out *d, enum jid_status e, size_t *out_len)
{
	if (e == JID_OK)
		e = check_stable(span_of(d->bytes, d->len));
	if (e == JID_OK)
		e = check_bidi_name(span_of(d->bytes, d->len));
	*out_len = e == JID_OK ? d->len : 0;
	return e;
}

enum jid_status jid_prepare_domain_full(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
{
	*out_len = 0;
	in = without_final_dot(in);
	if (in.len == 0)
		return JID_E_DOMAIN_EMPTY;
	if (ip_literal(in)) {
		memcpy(out, in.ptr, in.len); /* at most 47 bytes */
		*out_len = in.len;
		return JID_OK;
	}
	if (u8_check(in.ptr, in.len) != NULL)
		return JID_E_UTF8;
	/* RFC 7622 §3.2.2: width mapping, lower case and NFC, then IDNA2008. */
	uint8_t *mapped = NULL;
	size_t mapped_len = 0;
	if (precis_map_domain(in, &mapped, &mapped_len) != PRECIS_OK)
		return JID_E_NOMEM;
	struct domain_out d = { out, 0, 0 };
	enum jid_status e = put_labels(&d, span_of(mapped, mapped_len));
	free(mapped);
	return finish_domain(&d, e, out_len);
}

enum jid_status jid_prepare_domain(struct span in, uint8_t out[JID_PART_MAX], size_t *out_len)
{
	*out_len = 0;
	struct span name = without_final_dot(in);
	if (name.len == 0)
		return JID_E_DOMAIN_EMPTY;
	if (!is_ascii(name))
		return jid_prepare_domain_full(in, out, out_len);
	if (ip_literal(name)) {
		memcpy(out, name.ptr, name.len);
		*out_len = name.len;
		return JID_OK;
	}
	/* The mappings leave ASCII as it is but for case, which put_ascii_label
	 * folds: the same labels as the full path sees. */
	struct domain_out d = { out, 0, 0 };
	return finish_domain(&d, put_labels(&d, name), out_len);
}

/* ---------- struct jid ---------- */

enum jid_status jid_from_parts(struct span local, struct span domain, struct span resource, struct jid *out)
{
	size_t n = 0, len = 0;
	enum jid_status e;
	out->local_len = out->domain_len = out->resource_len = 0;
	if (local.len > 0) {
		e = jid_prepare_local(local, out->bytes, &len);
		if (e != JID_OK)
			return e;
		out->local_len = (uint16_t)len;
		out->bytes[len] = '@';
		n = len + 1;
	}
	e = jid_prepare_domain(domain, out->bytes + n, &len);
	if (e != JID_OK)
		return e;
	out->domain_len = (uint16_t)len;
	n += len;
	if (resource.len > 0) {
		out->bytes[n] = '/';
		e = jid_prepare_resource(resource, out->bytes + n + 1, &len);
		if (e != JID_OK)
			return e;
		out->resource_len = (uint16_t)len;
	}
	return JID_OK;
}

enum jid_status jid_parse(struct span in, struct jid *out)
{
	struct jid_split js;
	enum jid_status e = split(in, &js);
	if (e != JID_OK)
		return e;
	size_t domain_start = js.has_at ? js.at + 1 : 0;
	size_t domain_end = js.has_slash ? js.slash : in.len;
	struct span local = span_of(in.ptr, js.has_at ? js.at : 0);
	struct span domain = span_of(in.ptr + domain_start, domain_end - domain_start);
	struct span resource = js.has_slash ? span_of(in.ptr + js.slash + 1, in.len - js.slash - 1)
					    : span_of(in.ptr, 0);
	return jid_from_parts(local, domain, resource, out);
}

struct span jid_local(const struct jid *j)
{
	return span_of(j->bytes, j->local_len);
}

static size_t domain_offset(const struct jid *j)
{
	return j->local_len > 0 ? (size_t)j->local_len + 1 : 0;
}

struct span jid_domain(const struct jid *j)
{
	return span_of(j->bytes + domain_offset(j), j->domain_len);
}

struct span jid_resource(const struct jid *j)
{
	return span_of(j->bytes + domain_offset(j) + j->domain_len + 1, j->resource_len);
}

struct span jid_bare(const struct jid *j)
{
	return span_of(j->bytes, domain_offset(j) + j->domain_len);
}

struct span jid_full(const struct jid *j)
{
	size_t bare = domain_offset(j) + j->domain_len;
	return span_of(j->bytes, j->resource_len > 0 ? bare + 1 + j->resource_len : bare);
}

bool jid_is_bare(const struct jid *j)
{
	return j->resource_len == 0;
}

void jid_make_bare(struct jid *j)
{
	j->resource_len = 0;
}

bool jid_equal(const struct jid *a, const struct jid *b)
{
	return a->local_len == b->local_len && a->domain_len == b->domain_len &&
	       a->resource_len == b->resource_len && span_eq(jid_full(a), jid_full(b));
}
