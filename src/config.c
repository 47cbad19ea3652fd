/* config.c - loading, validating and dumping the configuration (config.h).
 *
 * One table, `settings`, describes every setting: its path, its kind, where it
 * lives in struct config and its limits. Loading walks libconfig's tree and looks
 * each node up in the table, so unknown names are found; dumping walks the table,
 * so it cannot forget a setting. docs/config.md follows the table's order. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jid.h"
#include "store.h"

#define DEFAULT_DOMAIN "localhost"
#define DEFAULT_DATA_DIR "./var"
/* Forward-secret AEAD suites only (TLS 1.2; TLS 1.3 suites are OpenSSL's defaults). */
#define DEFAULT_CIPHERS "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:" \
	"ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:" \
	"ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

#define DOMAIN_BYTES_MAX 1023 /* RFC 7622 §3.2 */
#define PATH_BYTES_MAX 4095
#define CIPHERS_BYTES_MAX 1024
#define FILE_BYTES_MAX ((size_t)1024 * 1024)
#define INCLUDE_DEPTH_MAX 10  /* libconfig's own limit */
#define PATH_TEXT_MAX 256     /* a setting path in a message */
#define QUOTE_SOURCE_MAX 64   /* bytes of a bad value shown in a message */
#define QUOTE_BYTES (QUOTE_SOURCE_MAX * 4 + 8)

/* ---------- names ---------- */

static const char *const status_names[CONFIG_STATUS_COUNT] = {
	[CONFIG_OK] = "CONFIG_OK",
	[CONFIG_E_READ] = "CONFIG_E_READ",
	[CONFIG_E_SYNTAX] = "CONFIG_E_SYNTAX",
	[CONFIG_E_INVALID] = "CONFIG_E_INVALID",
	[CONFIG_E_NOMEM] = "CONFIG_E_NOMEM",
};

static const char *const tls_version_names[CONFIG_TLS_VERSION_COUNT] = {
	[CONFIG_TLS_1_2] = "TLSv1.2",
	[CONFIG_TLS_1_3] = "TLSv1.3",
};

static const char *const mech_names[CONFIG_SASL_MECH_COUNT] = {
	[CONFIG_SASL_SCRAM_SHA_256_PLUS] = "SCRAM-SHA-256-PLUS",
	[CONFIG_SASL_SCRAM_SHA_256] = "SCRAM-SHA-256",
	[CONFIG_SASL_SCRAM_SHA_1_PLUS] = "SCRAM-SHA-1-PLUS",
	[CONFIG_SASL_SCRAM_SHA_1] = "SCRAM-SHA-1",
	[CONFIG_SASL_PLAIN] = "PLAIN",
};

static const char *const conflict_names[CONFIG_CONFLICT_COUNT] = {
	[CONFIG_CONFLICT_REPLACE] = "replace",
	[CONFIG_CONFLICT_REFUSE] = "refuse",
	[CONFIG_CONFLICT_RANDOM_SUFFIX] = "random-suffix",
};

static const char *const log_level_names[CONFIG_LOG_LEVEL_COUNT] = {
	[CONFIG_LOG_ERROR] = "error",
	[CONFIG_LOG_WARN] = "warn",
	[CONFIG_LOG_INFO] = "info",
	[CONFIG_LOG_DEBUG] = "debug",
};

/* Keyword settings are stored by writing an int into an enum field. */
_Static_assert(sizeof(enum config_tls_version) == sizeof(int), "enum size");
_Static_assert(sizeof(enum config_resource_conflict) == sizeof(int), "enum size");
_Static_assert(sizeof(enum config_log_level) == sizeof(int), "enum size");

const char *config_status_name(enum config_status s)
{
	return (unsigned)s < CONFIG_STATUS_COUNT ? status_names[s] : "CONFIG_E_UNKNOWN";
}

const char *config_tls_version_name(enum config_tls_version v)
{
	return (unsigned)v < CONFIG_TLS_VERSION_COUNT ? tls_version_names[v] : "unknown";
}

const char *config_sasl_mech_name(enum config_sasl_mech m)
{
	return (unsigned)m < CONFIG_SASL_MECH_COUNT ? mech_names[m] : "unknown";
}

const char *config_resource_conflict_name(enum config_resource_conflict c)
{
	return (unsigned)c < CONFIG_CONFLICT_COUNT ? conflict_names[c] : "unknown";
}

const char *config_log_level_name(enum config_log_level l)
{
	return (unsigned)l < CONFIG_LOG_LEVEL_COUNT ? log_level_names[l] : "unknown";
}

/* ---------- string checks: NULL when fine, else what is wrong ---------- */

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

static bool is_hex(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Not strchr(".eE+-", c): that also matches the terminating NUL. */
static bool is_float_char(unsigned char c)
{
	return is_digit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
}

static unsigned char fold(unsigned char c)
{
	return is_upper(c) ? (unsigned char)(c - 'A' + 'a') : c;
}

static bool is_ip_address(const char *s, int family)
{
	unsigned char binary[sizeof(struct in6_addr)];
	return inet_pton(family, s, binary) == 1;
}

/* RFC 7622 §3.2: a host name (labels of letters, digits and inner hyphens; UTF-8
 * labels as IDNA2008 allows them) in its prepared form, or a bracketed IPv6
 * literal. */
static const char *check_domain(const char *d)
{
	size_t len = strlen(d);
	if (len == 0)
		return "must not be empty";
	if (d[0] == '[') {
		char inner[CONFIG_ADDRESS_BYTES];
		if (len < 3 || d[len - 1] != ']' || len - 2 >= sizeof inner)
			return "must be a host name or a bracketed IPv6 address";
		memcpy(inner, d + 1, len - 2);
		inner[len - 2] = '\0';
		return is_ip_address(inner, AF_INET6) ? NULL : "must be a host name or a bracketed IPv6 address";
	}
	if (d[len - 1] == '.')
		return "must not end with a dot (RFC 7622 §3.2)";
	size_t label = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)d[i];
		if (c == '.') {
			if (label == 0)
				return "must not have an empty label";
			if (d[i - 1] == '-')
				return "a label must not begin or end with '-'";
			label = 0;
			continue;
		}
		if (is_upper(c))
			return "must be lower case (RFC 7622 §3.2)";
		if (!is_lower(c) && !is_digit(c) && c != '-' && c < 0x80)
			return "may hold only letters, digits, '-' and '.'";
		if (c == '-' && label == 0)
			return "a label must not begin or end with '-'";
		if (++label > 63)
			return "a label must be at most 63 bytes (RFC 1035 §2.3.4)";
	}
	if (d[len - 1] == '-')
		return "a label must not begin or end with '-'";
	/* Addresses are compared with the domain once prepared (RFC 7622 §3.2.3):
	 * the domain must already be in that form, U-labels and not A-labels. */
	uint8_t prepared[JID_PART_MAX];
	size_t prepared_len = 0;
	if (jid_prepare_domain(span_of(d, len), prepared, &prepared_len) != JID_OK)
		return "must be a domain name IDNA2008 allows (RFC 7622 §3.2.1)";
	if (prepared_len != len || memcmp(prepared, d, len) != 0)
		return "must be written as prepared: U-labels, not A-labels, lower case, NFC (RFC 7622 §3.2.1)";
	return NULL;
}

/* OpenSSL's cipher-list alphabet; anything else is a typo or an injection. */
static const char *check_ciphers(const char *s)
{
	for (const char *p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if (!is_lower(c) && !is_upper(c) && !is_digit(c) && strchr(":+!@=_.,- ", c) == NULL)
			return "may hold only letters, digits and : + ! @ = _ . , - and spaces";
	}
	return NULL;
}

/* ---------- the table ---------- */

enum kind { K_GROUP, K_BOOL, K_INT, K_STRING, K_KEYWORD, K_ADDRESSES, K_MECHANISMS, K_ACCOUNTS, K_PREFIXES };

struct setting {
	const char *path;
	enum kind kind;
	size_t offset;                /* of the field in struct config */
	size_t width;                 /* K_INT: bytes of the field */
	long long min, max;           /* K_INT: the value; K_STRING: its length in bytes */
	const char *const *keywords;  /* K_KEYWORD */
	size_t keyword_count;
	const char *(*check)(const char *value); /* K_STRING, optional */
};

#define FIELD(f) .offset = offsetof(struct config, f), .width = sizeof(((struct config *)NULL)->f)
#define GROUP(p) { .path = (p), .kind = K_GROUP }
#define BOOL(p, f) { .path = (p), .kind = K_BOOL, FIELD(f) }
#define INT(p, f, lo, hi) { .path = (p), .kind = K_INT, FIELD(f), .min = (lo), .max = (hi) }
#define STRING(p, f, hi, fn) { .path = (p), .kind = K_STRING, FIELD(f), .min = 1, .max = (hi), \
	.check = (fn) }
#define KEYWORD(p, f, names) { .path = (p), .kind = K_KEYWORD, FIELD(f), .keywords = (names), \
	.keyword_count = sizeof(names) / sizeof((names)[0]) }

static const struct setting settings[] = {
	GROUP("server"),
	STRING("server.domain", server.domain, DOMAIN_BYTES_MAX, check_domain),
	STRING("server.data_dir", server.data_dir, PATH_BYTES_MAX, NULL),
	STRING("server.database", server.database, PATH_BYTES_MAX, NULL),
	GROUP("tls"),
	STRING("tls.certificate", tls.certificate, PATH_BYTES_MAX, NULL),
	STRING("tls.key", tls.key, PATH_BYTES_MAX, NULL),
	BOOL("tls.require", tls.require),
	STRING("tls.ciphers", tls.ciphers, CIPHERS_BYTES_MAX, check_ciphers),
	KEYWORD("tls.min_version", tls.min_version, tls_version_names),
	GROUP("c2s"),
	{ .path = "c2s.addresses", .kind = K_ADDRESSES },
	INT("c2s.port", c2s.port, 1, 65535),
	BOOL("c2s.direct_tls", c2s.direct_tls),
	INT("c2s.direct_tls_port", c2s.direct_tls_port, 1, 65535),
	GROUP("sasl"),
	{ .path = "sasl.mechanisms", .kind = K_MECHANISMS },
	/* The cap keeps a typo from making every login cost seconds of CPU. */
	INT("sasl.scram_iterations", sasl.scram_iterations, STORE_SCRAM_ITERATIONS_MIN, 10000000),
	/* RFC 6120 §6.4.5: allow "at least 2 and no more than 5" retries after the first try. */
	INT("sasl.max_auth_attempts", sasl.max_auth_attempts, 3, 6),
	INT("sasl.throttle_window", sasl.throttle_window, 1, 86400),
	INT("sasl.throttle_failures", sasl.throttle_failures, 1, 1000000),
	GROUP("resources"),
	KEYWORD("resources.conflict", resource_conflict, conflict_names),
	/* RFC 6120 §7.6.2.1: beyond it a bind request gets <resource-constraint/>. */
	INT("resources.max_per_account", resources_max, 1, 100000),
	/* RFC 6120 §7.7.3: allow "at least 5 and no more than 10" retries after the first try. */
	INT("resources.max_bind_attempts", bind_attempts_max, 6, 11),
	GROUP("limits"),
	/* RFC 6120 §13.12: at least 10000 bytes per stanza must be accepted. */
	INT("limits.stanza_bytes_max", xml.stanza_bytes_max, 10000, 16777216),
	INT("limits.depth_max", xml.depth_max, 2, 1024),
	/* The stream header alone carries up to 7 attributes and the 32-byte
	 * streams namespace; lower limits would refuse every client. */
	INT("limits.attrs_max", xml.attrs_max, 8, 1024),
	INT("limits.name_bytes_max", xml.name_bytes_max, 32, 65536),
	INT("limits.text_bytes_max", xml.text_bytes_max, 1024, 16777216),
	INT("limits.connections_max", limits.connections_max, 1, 1000000),
	INT("limits.connections_per_ip_max", limits.connections_per_ip_max, 1, 1000000),
	INT("limits.read_bytes_per_second", limits.read_bytes_per_second, 1024, 1073741824),
	INT("limits.negotiation_timeout", limits.negotiation_timeout, 1, 3600),
	INT("limits.idle_timeout", limits.idle_timeout, 1, 86400),
	INT("limits.keepalive_interval", limits.keepalive_interval, 0, 86400),
	INT("limits.ping_interval", limits.ping_interval, 0, 86400),
	INT("limits.ping_timeout", limits.ping_timeout, 1, 3600),
	GROUP("im"),
	INT("im.offline_max", im.offline_max, 0, 100000),
	INT("im.roster_items_max", im.roster_items_max, 1, 100000),
	INT("im.block_items_max", im.block_items_max, 1, 100000),
	INT("im.value_bytes_max", im.value_bytes_max, 1024, 1048576),
	BOOL("im.version_visible", im.version_visible),
	BOOL("im.version_os", im.version_os),
	BOOL("im.register_enabled", im.register_enabled),
	INT("im.register_interval", im.register_interval, 0, 86400),
	GROUP("log"),
	KEYWORD("log.level", log.level, log_level_names),
	BOOL("log.syslog", log.syslog),
	BOOL("log.trace", log.trace),
	{ .path = "log.trace_accounts", .kind = K_ACCOUNTS },
	{ .path = "log.trace_addresses", .kind = K_PREFIXES },
};

#define SETTING_COUNT (sizeof settings / sizeof settings[0])

static const char *const kind_wants[] = {
	[K_GROUP] = "a group", [K_BOOL] = "a boolean (true or false)", [K_INT] = "an integer",
	[K_STRING] = "a string", [K_KEYWORD] = "a string", [K_ADDRESSES] = "an array of strings",
	[K_MECHANISMS] = "an array of strings", [K_ACCOUNTS] = "an array of strings",
	[K_PREFIXES] = "an array of strings",
};

static const char *type_name(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP: return "a group";
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64: return "an integer";
	case CONFIG_TYPE_FLOAT: return "a float";
	case CONFIG_TYPE_STRING: return "a string";
	case CONFIG_TYPE_BOOL: return "a boolean";
	case CONFIG_TYPE_ARRAY: return "an array";
	case CONFIG_TYPE_LIST: return "a list";
	default: return "nothing";
	}
}

static bool type_fits(enum kind kind, int type)
{
	switch (kind) {
	case K_GROUP: return type == CONFIG_TYPE_GROUP;
	case K_BOOL: return type == CONFIG_TYPE_BOOL;
	case K_INT: return type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64;
	case K_STRING:
	case K_KEYWORD: return type == CONFIG_TYPE_STRING;
	case K_ADDRESSES:
	case K_MECHANISMS:
	case K_ACCOUNTS:
	case K_PREFIXES: return type == CONFIG_TYPE_ARRAY || type == CONFIG_TYPE_LIST;
	}
	return false;
}

static const struct setting *find_setting(const char *path)
{
	for (size_t i = 0; i < SETTING_COUNT; i++)
		if (strcmp(settings[i].path, path) == 0)
			return &settings[i];
	return NULL;
}

static void *field_of(struct config *cfg, const struct setting *d)
{
	return (char *)cfg + d->offset;
}

static const void *const_field_of(const struct config *cfg, const struct setting *d)
{
	return (const char *)cfg + d->offset;
}

static void store_uint(void *field, size_t width, unsigned long long v)
{
	if (width == sizeof(uint16_t)) {
		uint16_t x = (uint16_t)v;
		memcpy(field, &x, sizeof x);
	} else if (width == sizeof(uint32_t)) {
		uint32_t x = (uint32_t)v;
		memcpy(field, &x, sizeof x);
	} else {
		uint64_t x = v;
		memcpy(field, &x, sizeof x);
	}
}

static unsigned long long load_uint(const void *field, size_t width)
{
	uint16_t x16 = 0;
	uint32_t x32 = 0;
	uint64_t x64 = 0;
	if (width == sizeof x16) {
		memcpy(&x16, field, sizeof x16);
		return x16;
	}
	if (width == sizeof x32) {
		memcpy(&x32, field, sizeof x32);
		return x32;
	}
	memcpy(&x64, field, sizeof x64);
	return x64;
}

/* ---------- "did you mean" ---------- */

#define NAME_CMP_MAX 64

/* Optimal string alignment distance, ignoring ASCII case: a transposition
 * ("prot" for "port") counts as one edit. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > NAME_CMP_MAX || lb > NAME_CMP_MAX)
		return SIZE_MAX;
	size_t older[NAME_CMP_MAX + 1], prev[NAME_CMP_MAX + 1], cur[NAME_CMP_MAX + 1];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = older[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned char ca = fold((unsigned char)a[i - 1]), cb = fold((unsigned char)b[j - 1]);
			size_t v = prev[j - 1] + (ca != cb);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca == fold((unsigned char)b[j - 2]) &&
			    fold((unsigned char)a[i - 2]) == cb && older[j - 2] + 1 < v)
				v = older[j - 2] + 1;
			cur[j] = v;
		}
		memcpy(older, prev, sizeof prev);
		memcpy(prev, cur, sizeof cur);
	}
	return prev[lb];
}

/* The candidate closest to `word`, if close enough to be a plausible typo. */
static const char *closest(const char *word, const char *const *candidates, size_t count)
{
	size_t allowed = strlen(word) <= 3 ? 1 : 2, best_distance = SIZE_MAX;
	const char *best = NULL;
	for (size_t i = 0; i < count; i++) {
		size_t d = edit_distance(word, candidates[i]);
		if (d <= allowed && d < best_distance) {
			best_distance = d;
			best = candidates[i];
		}
	}
	return best;
}

static const char *leaf_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot != NULL ? dot + 1 : path;
}

static bool is_child(const char *path, const char *parent)
{
	const char *dot = strrchr(path, '.');
	if (parent == NULL)
		return dot == NULL;
	size_t n = strlen(parent);
	return dot != NULL && (size_t)(dot - path) == n && strncmp(path, parent, n) == 0;
}

/* A sibling with a similar name; else a setting elsewhere with exactly this
 * name (`port` at the top level means c2s.port). */
static const char *suggest_setting(const char *parent, const char *name)
{
	const char *leaves[SETTING_COUNT], *paths[SETTING_COUNT];
	size_t n = 0;
	for (size_t i = 0; i < SETTING_COUNT; i++)
		if (is_child(settings[i].path, parent)) {
			leaves[n] = leaf_of(settings[i].path);
			paths[n++] = settings[i].path;
		}
	const char *leaf = closest(name, leaves, n);
	for (size_t i = 0; leaf != NULL && i < n; i++)
		if (leaves[i] == leaf)
			return paths[i];
	for (size_t i = 0; i < SETTING_COUNT; i++)
		if (strcmp(leaf_of(settings[i].path), name) == 0)
			return settings[i].path;
	return NULL;
}

/* ---------- the loader and its messages ---------- */

struct loader {
	struct config *cfg;
	config_t lc;
	const char *name;        /* the top file, for messages */
	const char *include_dir; /* NULL: the working directory */
	struct buf *errors;
	size_t error_count;
	bool nomem;
};

static void append(struct loader *ld, const char *text, size_t len)
{
	if (ld->errors != NULL && !buf_append(ld->errors, text, len))
		ld->nomem = true;
}

/* `file:line: message` (no line when line is 0), one line per problem. */
__attribute__((format(printf, 4, 0)))
static void vreport(struct loader *ld, const char *file, unsigned line, const char *fmt, va_list ap)
{
	char text[1024];
	int n = line > 0 ? snprintf(text, sizeof text, "%s:%u: ", file, line)
			 : snprintf(text, sizeof text, "%s: ", file);
	if (n < 0 || (size_t)n >= sizeof text)
		n = 0;
	/* clang-tidy 14 reports every va_list as uninitialized once it has checked
	 * another file in the same run (`make lint`); alone, this file is clean.
	 * NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	(void)vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
	size_t len = strlen(text);
	append(ld, text, len);
	append(ld, "\n", 1);
	ld->error_count++;
}

__attribute__((format(printf, 4, 5)))
static void report_at(struct loader *ld, const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(ld, file, line, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 3, 4)))
static void report(struct loader *ld, const config_setting_t *at, const char *fmt, ...)
{
	const char *file = config_setting_source_file(at);
	va_list ap;
	va_start(ap, fmt);
	vreport(ld, file != NULL ? file : ld->name, config_setting_source_line(at), fmt, ap);
	va_end(ap);
}

/* For a rule between two settings: the line of the first one the file sets. */
__attribute__((format(printf, 4, 5)))
static void report_pair(struct loader *ld, const char *path, const char *other, const char *fmt, ...)
{
	const config_setting_t *at = config_lookup(&ld->lc, path);
	if (at == NULL)
		at = config_lookup(&ld->lc, other);
	const char *file = at != NULL ? config_setting_source_file(at) : NULL;
	va_list ap;
	va_start(ap, fmt);
	vreport(ld, file != NULL ? file : ld->name, at != NULL ? config_setting_source_line(at) : 0,
		fmt, ap);
	va_end(ap);
}

/* The libconfig spelling of one byte inside a string literal. */
static const char *escape_byte(unsigned char c, char tmp[5])
{
	switch (c) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	case '\f': return "\\f";
	default: break;
	}
	if (c < 0x20 || c == 0x7f) {
		(void)snprintf(tmp, 5, "\\x%02x", c);
		return tmp;
	}
	tmp[0] = (char)c;
	tmp[1] = '\0';
	return tmp;
}

/* A value quoted for a message: escaped, and cut after QUOTE_SOURCE_MAX bytes. */
static const char *quote(char out[QUOTE_BYTES], const char *s)
{
	size_t n = 0;
	out[n++] = '"';
	size_t i = 0;
	for (; i < QUOTE_SOURCE_MAX && s[i] != '\0'; i++) {
		char tmp[5];
		const char *e = escape_byte((unsigned char)s[i], tmp);
		size_t len = strlen(e);
		memcpy(out + n, e, len);
		n += len;
	}
	out[n++] = '"';
	if (s[i] != '\0') {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

/* a b c d concatenated in a new string (NULL, and ld->nomem, when out of memory). */
static char *join(struct loader *ld, const char *a, const char *b, const char *c, const char *d)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c), ldd = strlen(d);
	char *s = mem_alloc(mem_default(), la + lb + lc + ldd + 1);
	if (s == NULL) {
		ld->nomem = true;
		return NULL;
	}
	memcpy(s, a, la);
	memcpy(s + la, b, lb);
	memcpy(s + la + lb, c, lc);
	memcpy(s + la + lb + lc, d, ldd);
	s[la + lb + lc + ldd] = '\0';
	return s;
}

static void set_string(struct loader *ld, char **slot, const char *value)
{
	char *copy = join(ld, value, "", "", "");
	if (copy == NULL)
		return;
	mem_release(mem_default(), *slot);
	*slot = copy;
}

/* ---------- applying one setting ---------- */

static void apply_int(struct loader *ld, const struct setting *d, const config_setting_t *s,
		      const char *path)
{
	long long v = config_setting_get_int64(s);
	if (v < d->min || v > d->max) {
		report(ld, s, "%s: must be %lld..%lld, got %lld", path, d->min, d->max, v);
		return;
	}
	store_uint(field_of(ld->cfg, d), d->width, (unsigned long long)v);
}

static void apply_string(struct loader *ld, const struct setting *d, const config_setting_t *s,
			 const char *path)
{
	const char *v = config_setting_get_string(s);
	size_t len = strlen(v);
	const char *why = NULL;
	char q[QUOTE_BYTES];
	if (len == 0)
		report(ld, s, "%s: must not be empty", path);
	else if (len > (size_t)d->max)
		report(ld, s, "%s: must be at most %lld bytes, got %zu", path, d->max, len);
	else if (d->check != NULL && (why = d->check(v)) != NULL)
		report(ld, s, "%s: %s, got %s", path, why, quote(q, v));
	else
		set_string(ld, field_of(ld->cfg, d), v);
}

static size_t keyword_index(const char *v, const char *const *names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(v, names[i]) == 0)
			return i;
	return count;
}

/* `what` names the setting or list element; the message lists the choices. */
static void report_keyword(struct loader *ld, const config_setting_t *s, const char *what,
			   const char *v, const char *const *names, size_t count)
{
	char choices[256] = "", q[QUOTE_BYTES], hint[96] = "";
	size_t used = 0;
	for (size_t i = 0; i < count; i++) {
		int n = snprintf(choices + used, sizeof choices - used, "%s%s", i > 0 ? ", " : "", names[i]);
		if (n > 0 && (size_t)n < sizeof choices - used)
			used += (size_t)n;
	}
	const char *best = closest(v, names, count);
	if (best != NULL)
		(void)snprintf(hint, sizeof hint, " (did you mean %s?)", best);
	report(ld, s, "%s: must be one of %s; got %s%s", what, choices, quote(q, v), hint);
}

static void apply_keyword(struct loader *ld, const struct setting *d, const config_setting_t *s,
			  const char *path)
{
	const char *v = config_setting_get_string(s);
	size_t i = keyword_index(v, d->keywords, d->keyword_count);
	if (i == d->keyword_count) {
		report_keyword(ld, s, path, v, d->keywords, d->keyword_count);
		return;
	}
	int value = (int)i;
	memcpy(field_of(ld->cfg, d), &value, sizeof value);
}

/* The element as a string, or NULL after reporting what it is instead. */
static const char *string_elem(struct loader *ld, const config_setting_t *list, int i,
			       const char *path, const config_setting_t **elem)
{
	*elem = config_setting_get_elem(list, (unsigned)i);
	if (config_setting_type(*elem) == CONFIG_TYPE_STRING)
		return config_setting_get_string(*elem);
	report(ld, *elem, "%s[%d]: must be a string, got %s", path, i,
	       type_name(config_setting_type(*elem)));
	return NULL;
}

/* Addresses are kept in inet_ntop's canonical form, so "::1" and "0::1" are
 * recognised as the same address listed twice. */
static void apply_addresses(struct loader *ld, const config_setting_t *s, const char *path)
{
	struct config_c2s *c2s = &ld->cfg->c2s;
	char found[CONFIG_ADDRESSES_MAX][CONFIG_ADDRESS_BYTES];
	int n = config_setting_length(s);
	size_t errors = ld->error_count;
	if (n == 0)
		report(ld, s, "%s: must list at least one address", path);
	if (n > CONFIG_ADDRESSES_MAX)
		report(ld, s, "%s: must list at most %d addresses, got %d", path, CONFIG_ADDRESSES_MAX, n);
	for (int i = 0; i < n && i < CONFIG_ADDRESSES_MAX; i++) {
		const config_setting_t *e;
		const char *v = string_elem(ld, s, i, path, &e);
		unsigned char binary[sizeof(struct in6_addr)];
		char q[QUOTE_BYTES];
		if (v == NULL)
			continue;
		int family = strchr(v, ':') != NULL ? AF_INET6 : AF_INET;
		if (inet_pton(family, v, binary) != 1 ||
		    inet_ntop(family, binary, found[i], sizeof found[i]) == NULL) {
			report(ld, e, "%s[%d]: must be an IPv4 or IPv6 address, got %s", path, i, quote(q, v));
			continue;
		}
		for (int j = 0; j < i; j++)
			if (strcmp(found[i], found[j]) == 0)
				report(ld, e, "%s[%d]: %s is listed twice", path, i, quote(q, v));
	}
	if (ld->error_count != errors)
		return;
	memcpy(c2s->addresses, found, (size_t)n * sizeof found[0]);
	c2s->address_count = (size_t)n;
}

static void apply_mechanisms(struct loader *ld, const config_setting_t *s, const char *path)
{
	struct config_sasl *sasl = &ld->cfg->sasl;
	enum config_sasl_mech found[CONFIG_SASL_MECH_COUNT];
	bool seen[CONFIG_SASL_MECH_COUNT] = { false };
	int n = config_setting_length(s);
	size_t count = 0, errors = ld->error_count;
	if (n == 0)
		report(ld, s, "%s: must list at least one mechanism", path);
	for (int i = 0; i < n; i++) {
		const config_setting_t *e;
		const char *v = string_elem(ld, s, i, path, &e);
		char what[PATH_TEXT_MAX + 16], q[QUOTE_BYTES];
		if (v == NULL)
			continue;
		size_t m = keyword_index(v, mech_names, CONFIG_SASL_MECH_COUNT);
		(void)snprintf(what, sizeof what, "%s[%d]", path, i);
		if (m == CONFIG_SASL_MECH_COUNT)
			report_keyword(ld, e, what, v, mech_names, CONFIG_SASL_MECH_COUNT);
		else if (seen[m])
			report(ld, e, "%s: %s is listed twice", what, quote(q, v));
		else {
			seen[m] = true;
			found[count++] = (enum config_sasl_mech)m;
		}
	}
	if (ld->error_count != errors)
		return;
	memcpy(sasl->mechanisms, found, count * sizeof found[0]);
	sasl->mechanism_count = count;
}

/* log.trace_accounts: bare JIDs kept prepared (RFC 7622 §3), so the entry
 * "Juliet@Example.com" matches the account juliet@example.com byte for byte. */
static void apply_trace_accounts(struct loader *ld, const config_setting_t *s, const char *path)
{
	struct config_log *lg = &ld->cfg->log;
	int n = config_setting_length(s);
	if (n > CONFIG_TRACE_ENTRIES_MAX) {
		report(ld, s, "%s: must list at most %d accounts, got %d", path, CONFIG_TRACE_ENTRIES_MAX, n);
		return;
	}
	struct jid *j = mem_alloc(mem_default(), sizeof *j);
	if (j == NULL) {
		ld->nomem = true;
		return;
	}
	for (int i = 0; i < n; i++) {
		const config_setting_t *e;
		const char *v = string_elem(ld, s, i, path, &e);
		char q[QUOTE_BYTES];
		if (v == NULL)
			continue;
		enum jid_status js = jid_parse(span_of(v, strlen(v)), j);
		if (js != JID_OK || jid_local(j).len == 0 || !jid_is_bare(j)) {
			report(ld, e, "%s[%d]: must be a bare JID (user@domain), got %s%s%s", path, i, quote(q, v),
			       js != JID_OK ? ": " : "", js != JID_OK ? jid_status_name(js) : "");
			continue;
		}
		struct span bare = jid_bare(j);
		char *copy = mem_alloc(mem_default(), bare.len + 1);
		if (copy == NULL) {
			ld->nomem = true;
			break;
		}
		memcpy(copy, bare.ptr, bare.len);
		copy[bare.len] = '\0';
		lg->trace_accounts[lg->trace_account_count++] = copy;
	}
	mem_release(mem_default(), j);
}

/* "10.0.0.0/8", "2001:db8::/32", or an address alone (all its bits). */
static const char *parse_prefix(const char *v, struct config_prefix *out)
{
	char addr[CONFIG_ADDRESS_BYTES];
	const char *slash = strchr(v, '/');
	size_t addr_len = slash != NULL ? (size_t)(slash - v) : strlen(v);
	if (addr_len == 0 || addr_len >= sizeof addr)
		return "must be an IPv4 or IPv6 address, optionally with /prefix-length";
	memcpy(addr, v, addr_len);
	addr[addr_len] = '\0';
	memset(out, 0, sizeof *out);
	out->family = strchr(addr, ':') != NULL ? AF_INET6 : AF_INET;
	unsigned max = out->family == AF_INET6 ? 128 : 32;
	if (inet_pton(out->family, addr, out->addr) != 1)
		return "must be an IPv4 or IPv6 address, optionally with /prefix-length";
	out->bits = max;
	if (slash != NULL) {
		const char *p = slash + 1;
		unsigned bits = 0;
		if (*p == '\0' || (*p == '0' && p[1] != '\0'))
			return "the prefix length must be a decimal number without leading zeros";
		for (; *p != '\0'; p++) {
			if (!is_digit((unsigned char)*p))
				return "the prefix length must be a decimal number without leading zeros";
			if ((bits = bits * 10 + (unsigned)(*p - '0')) > max)
				return out->family == AF_INET6 ? "the prefix length must be 0..128"
								: "the prefix length must be 0..32";
		}
		out->bits = bits;
	}
	/* A set host bit is a typo for another network (10.1.0.0/8): refuse it. */
	for (unsigned b = out->bits; b < max; b++)
		if (out->addr[b / 8] & (0x80u >> (b % 8)))
			return "has bits set after the prefix length";
	return NULL;
}

static void apply_trace_addresses(struct loader *ld, const config_setting_t *s, const char *path)
{
	struct config_log *lg = &ld->cfg->log;
	int n = config_setting_length(s);
	if (n > CONFIG_TRACE_ENTRIES_MAX) {
		report(ld, s, "%s: must list at most %d addresses, got %d", path, CONFIG_TRACE_ENTRIES_MAX, n);
		return;
	}
	for (int i = 0; i < n; i++) {
		const config_setting_t *e;
		const char *v = string_elem(ld, s, i, path, &e);
		char q[QUOTE_BYTES];
		const char *why = v != NULL ? parse_prefix(v, &lg->trace_addresses[lg->trace_address_count]) : NULL;
		if (why != NULL)
			report(ld, e, "%s[%d]: %s, got %s", path, i, why, quote(q, v));
		else if (v != NULL)
			lg->trace_address_count++;
	}
}

static void walk_group(struct loader *ld, const config_setting_t *group, const char *prefix);

static void apply(struct loader *ld, const struct setting *d, const config_setting_t *s, const char *path)
{
	switch (d->kind) {
	case K_GROUP:
		walk_group(ld, s, path);
		break;
	case K_BOOL:
		*(bool *)field_of(ld->cfg, d) = config_setting_get_bool(s) != 0;
		break;
	case K_INT:
		apply_int(ld, d, s, path);
		break;
	case K_STRING:
		apply_string(ld, d, s, path);
		break;
	case K_KEYWORD:
		apply_keyword(ld, d, s, path);
		break;
	case K_ADDRESSES:
		apply_addresses(ld, s, path);
		break;
	case K_MECHANISMS:
		apply_mechanisms(ld, s, path);
		break;
	case K_ACCOUNTS:
		apply_trace_accounts(ld, s, path);
		break;
	case K_PREFIXES:
		apply_trace_addresses(ld, s, path);
		break;
	}
}

static void walk_group(struct loader *ld, const config_setting_t *group, const char *prefix)
{
	int n = config_setting_length(group);
	for (int i = 0; i < n; i++) {
		const config_setting_t *s = config_setting_get_elem(group, (unsigned)i);
		const char *name = config_setting_name(s);
		char path[PATH_TEXT_MAX];
		(void)snprintf(path, sizeof path, "%s%s%s", prefix != NULL ? prefix : "",
			       prefix != NULL ? "." : "", name);
		const struct setting *d = find_setting(path);
		const char *hint = d == NULL ? suggest_setting(prefix, name) : NULL;
		if (d == NULL && hint != NULL)
			report(ld, s, "%s: unknown setting (did you mean %s?)", path, hint);
		else if (d == NULL)
			report(ld, s, "%s: unknown setting", path);
		else if (!type_fits(d->kind, config_setting_type(s)))
			report(ld, s, "%s: must be %s, got %s", path, kind_wants[d->kind],
			       type_name(config_setting_type(s)));
		else
			apply(ld, d, s, path);
	}
}

/* ---------- defaults, derived paths, rules between settings ---------- */

static void set_defaults(struct loader *ld)
{
	struct config *c = ld->cfg;
	memset(c, 0, sizeof *c);
	c->server.domain = join(ld, DEFAULT_DOMAIN, "", "", "");
	c->server.data_dir = join(ld, DEFAULT_DATA_DIR, "", "", "");
	/* database, certificate and key are derived once domain and data_dir are known */
	c->tls.require = true;
	c->tls.ciphers = join(ld, DEFAULT_CIPHERS, "", "", "");
	c->tls.min_version = CONFIG_TLS_1_2;
	(void)snprintf(c->c2s.addresses[0], sizeof c->c2s.addresses[0], "127.0.0.1");
	c->c2s.address_count = 1;
	c->c2s.port = 5222;
	c->c2s.direct_tls = true;
	c->c2s.direct_tls_port = 5223;
	for (int m = 0; m < CONFIG_SASL_MECH_COUNT; m++)
		c->sasl.mechanisms[m] = (enum config_sasl_mech)m;
	c->sasl.mechanism_count = CONFIG_SASL_MECH_COUNT;
	c->sasl.scram_iterations = STORE_SCRAM_ITERATIONS_MIN;
	c->sasl.max_auth_attempts = 3;
	c->sasl.throttle_window = 60;
	c->sasl.throttle_failures = 10;
	c->resource_conflict = CONFIG_CONFLICT_REPLACE;
	c->resources_max = 100;
	c->bind_attempts_max = 6;
	c->xml = xml_limits_default();
	c->limits = (struct config_limits){
		.connections_max = 10000,
		.connections_per_ip_max = 20,
		.read_bytes_per_second = 16384,
		.negotiation_timeout = 30,
		.idle_timeout = 600,
		.keepalive_interval = 120,
		.ping_interval = 300,
		.ping_timeout = 60,
	};
	c->im = (struct config_im){
		.offline_max = 1000,
		.roster_items_max = 2000,
		.block_items_max = 1000,
		.value_bytes_max = 65536,
		.version_visible = true,
		.version_os = false,
		.register_enabled = false,
		.register_interval = 600,
	};
	c->log.level = CONFIG_LOG_INFO;
}

static void derive(struct loader *ld, char **slot, const char *what, const char *a, const char *b,
		   const char *c)
{
	if (*slot != NULL)
		return;
	*slot = join(ld, ld->cfg->server.data_dir, a, b, c);
	if (*slot != NULL && strlen(*slot) > PATH_BYTES_MAX)
		report_pair(ld, "server.data_dir", "server.domain",
			    "%s: the derived path is longer than %d bytes; set it explicitly", what,
			    PATH_BYTES_MAX);
}

static void derive_paths(struct loader *ld)
{
	struct config *c = ld->cfg;
	derive(ld, &c->server.database, "server.database", "/xmppd.sqlite", "", "");
	derive(ld, &c->tls.certificate, "tls.certificate", "/tls/", c->server.domain, ".crt");
	derive(ld, &c->tls.key, "tls.key", "/tls/", c->server.domain, ".key");
}

static void check_relations(struct loader *ld)
{
	const struct config *c = ld->cfg;
	if (c->c2s.direct_tls && c->c2s.direct_tls_port == c->c2s.port)
		report_pair(ld, "c2s.direct_tls_port", "c2s.port",
			    "c2s.direct_tls_port: must differ from c2s.port (%u)", (unsigned)c->c2s.port);
	if (c->limits.ping_interval > 0 && c->limits.ping_timeout >= c->limits.ping_interval)
		report_pair(ld, "limits.ping_timeout", "limits.ping_interval",
			    "limits.ping_timeout: must be less than limits.ping_interval (%u), got %u",
			    (unsigned)c->limits.ping_interval, (unsigned)c->limits.ping_timeout);
	if (c->limits.connections_per_ip_max > c->limits.connections_max)
		report_pair(ld, "limits.connections_per_ip_max", "limits.connections_max",
			    "limits.connections_per_ip_max: must not exceed limits.connections_max (%u), got %u",
			    (unsigned)c->limits.connections_max, (unsigned)c->limits.connections_per_ip_max);
	/* An account of another domain never logs in here: a typo, not a rule. */
	for (size_t i = 0; i < c->log.trace_account_count; i++) {
		const char *at = strchr(c->log.trace_accounts[i], '@');
		if (at != NULL && strcmp(at + 1, c->server.domain) != 0)
			report_pair(ld, "log.trace_accounts", "server.domain",
				    "log.trace_accounts[%zu]: %s is not an account of server.domain (%s)", i,
				    c->log.trace_accounts[i], c->server.domain);
	}
}

/* ---------- integers libconfig would mangle ----------
 * libconfig 1.5 (Debian 12) converts a decimal integer literal with 32-bit
 * wrap-around (5000000000 reads as 705032704, a plausible value) and saturates
 * hex ones, without an error. So before parsing, the text is scanned the way
 * libconfig's scanner does (strings, comments, names, numbers, @include) and a
 * literal outside the int range without the L suffix is refused. */

static bool read_all(const char *path, struct buf *out, int *err);

static const char *skip_until(const char *p, const char *end, unsigned *line)
{
	for (; *p != '\0'; p++) {
		if (strncmp(p, end, strlen(end)) == 0)
			return p + strlen(end);
		if (*p == '\n')
			++*line;
	}
	return p;
}

static const char *scan_string(const char *p, unsigned *line, struct buf *text, bool *nomem)
{
	for (p++; *p != '\0' && *p != '"'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		if (*p == '\n')
			++*line;
		if (text != NULL && !buf_append(text, p, 1))
			*nomem = true;
	}
	return *p == '"' ? p + 1 : p;
}

static const char *scan_number(struct loader *ld, const char *file, unsigned line, const char *p)
{
	const char *start = p;
	if (*p == '-' || *p == '+')
		p++;
	bool hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && is_hex((unsigned char)p[2]);
	unsigned long long value = 0;
	bool overflow = false;
	for (p += hex ? 2 : 0; hex ? is_hex((unsigned char)*p) : is_digit((unsigned char)*p); p++) {
		unsigned digit = is_digit((unsigned char)*p) ? (unsigned)(*p - '0')
							     : (unsigned)(fold((unsigned char)*p) - 'a' + 10);
		overflow |= value > 0xffffffffull;
		value = value * (hex ? 16 : 10) + digit;
	}
	if (!hex && (*p == '.' || *p == 'e' || *p == 'E')) {
		while (is_float_char((unsigned char)*p))
			p++;
		return p; /* a float */
	}
	if (*p == 'L')
		return p + (p[1] == 'L' ? 2 : 1);
	unsigned long long max = *start == '-' ? 0x80000000ull : 0x7fffffffull;
	if (overflow || value > max)
		report_at(ld, file, line, "integer %.*s is out of range (at most 2147483647)", (int)(p - start), start);
	return p;
}

static void scan_text(struct loader *ld, const char *file, const char *text, int depth);

static const char *scan_include(struct loader *ld, const char *p, unsigned *line, int depth)
{
	struct buf name, path;
	buf_init(&name, mem_default());
	buf_init(&path, mem_default());
	p = scan_string(p, line, &name, &ld->nomem);
	bool ok = true;
	if (ld->include_dir != NULL)
		ok = buf_append(&path, ld->include_dir, strlen(ld->include_dir)) && buf_append(&path, "/", 1);
	ok = ok && buf_append(&path, name.data, name.len) && buf_append(&path, "", 1) &&
	     buf_append(&name, "", 1);
	struct buf content;
	buf_init(&content, mem_default());
	int err = 0;
	/* An unreadable include is libconfig's to report, with its line. */
	if (ok && depth < INCLUDE_DEPTH_MAX && read_all((const char *)path.data, &content, &err))
		scan_text(ld, (const char *)name.data, (const char *)content.data, depth + 1);
	ld->nomem |= !ok;
	buf_free(&content);
	buf_free(&name);
	buf_free(&path);
	return p;
}

static bool starts_include(const char *p)
{
	if (strncmp(p, "@include", 8) != 0 || (p[8] != ' ' && p[8] != '\t'))
		return false;
	p += 8;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '"';
}

static void scan_text(struct loader *ld, const char *file, const char *text, int depth)
{
	unsigned line = 1;
	bool line_start = true; /* only blanks since the last newline */
	const char *p = text;
	while (*p != '\0') {
		unsigned char c = (unsigned char)*p;
		bool was_line_start = line_start;
		line_start = false;
		if (c == '\n') {
			line++;
			line_start = true;
			p++;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			line_start = was_line_start;
			p++;
		} else if (c == '#' || (c == '/' && p[1] == '/')) {
			p += strcspn(p, "\n");
		} else if (c == '/' && p[1] == '*') {
			p = skip_until(p + 2, "*/", &line);
		} else if (c == '"') {
			p = scan_string(p, &line, NULL, &ld->nomem);
		} else if (c == '@' && was_line_start && starts_include(p)) {
			p = scan_include(ld, p + strcspn(p, "\""), &line, depth);
		} else if (is_lower(c) || is_upper(c) || c == '*') {
			while (is_lower((unsigned char)*p) || is_upper((unsigned char)*p) ||
			       is_digit((unsigned char)*p) || *p == '-' || *p == '_' || *p == '*')
				p++; /* a name: its digits are not a number */
		} else if (c == '.' && is_digit((unsigned char)p[1])) {
			while (is_float_char((unsigned char)*p))
				p++; /* a float such as .5e3 */
		} else if (is_digit(c) || ((c == '-' || c == '+') && is_digit((unsigned char)p[1]))) {
			p = scan_number(ld, file, line, p);
		} else {
			p++;
		}
	}
}

/* ---------- loading ---------- */

/* The whole file, NUL-terminated; *err is an errno value when it fails. */
static bool read_all(const char *path, struct buf *out, int *err)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		*err = errno;
		return false;
	}
	char chunk[4096];
	size_t n;
	*err = 0;
	while (*err == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (out->len + n > FILE_BYTES_MAX)
			*err = EFBIG;
		else if (!buf_append(out, chunk, n))
			*err = ENOMEM;
	}
	if (*err == 0 && ferror(f))
		*err = errno != 0 ? errno : EIO;
	(void)fclose(f);
	if (*err == 0 && !buf_append(out, "", 1))
		*err = ENOMEM;
	return *err == 0;
}

static enum config_status finish_load(struct loader *ld, enum config_status s)
{
	if (ld->nomem)
		s = CONFIG_E_NOMEM;
	if (s != CONFIG_OK)
		config_free(ld->cfg);
	return s;
}

static enum config_status load(struct loader *ld, const char *text)
{
	memset(ld->cfg, 0, sizeof *ld->cfg);
	scan_text(ld, ld->name, text, 0);
	if (ld->error_count > 0)
		return finish_load(ld, CONFIG_E_SYNTAX);
	config_init(&ld->lc);
	if (ld->include_dir != NULL)
		config_set_include_dir(&ld->lc, ld->include_dir);
	enum config_status s = CONFIG_OK;
	if (config_read_string(&ld->lc, text) != CONFIG_TRUE) {
		const char *file = config_error_file(&ld->lc);
		int line = config_error_line(&ld->lc);
		report_at(ld, file != NULL ? file : ld->name, line > 0 ? (unsigned)line : 0, "%s",
			  config_error_text(&ld->lc));
		s = CONFIG_E_SYNTAX;
	} else {
		set_defaults(ld);
		walk_group(ld, config_root_setting(&ld->lc), NULL);
		derive_paths(ld);
		check_relations(ld);
		s = ld->error_count > 0 ? CONFIG_E_INVALID : CONFIG_OK;
	}
	config_destroy(&ld->lc);
	return finish_load(ld, s);
}

enum config_status config_load_string(const char *name, const char *text, struct config *out,
				      struct buf *errors)
{
	struct loader ld = { .cfg = out, .name = name, .errors = errors };
	return load(&ld, text);
}

enum config_status config_load_file(const char *path, struct config *out, struct buf *errors)
{
	struct loader ld = { .cfg = out, .name = path, .errors = errors };
	memset(out, 0, sizeof *out);
	struct buf text, dir;
	buf_init(&text, mem_default());
	buf_init(&dir, mem_default());
	int err = 0;
	if (!read_all(path, &text, &err)) {
		buf_free(&text);
		if (err == ENOMEM)
			return CONFIG_E_NOMEM;
		report_at(&ld, path, 0, "cannot read: %s", err == EFBIG ? "larger than 1 MiB" : strerror(err));
		return finish_load(&ld, CONFIG_E_READ);
	}
	if (strlen((const char *)text.data) != text.len - 1) {
		buf_free(&text);
		report_at(&ld, path, 0, "contains a NUL byte: not a text file");
		return finish_load(&ld, CONFIG_E_SYNTAX);
	}
	/* @include is relative to the including file, not to the working directory. */
	const char *slash = strrchr(path, '/');
	if (slash != NULL) {
		size_t len = slash == path ? 1 : (size_t)(slash - path);
		if (!buf_append(&dir, path, len) || !buf_append(&dir, "", 1))
			ld.nomem = true;
		else
			ld.include_dir = (const char *)dir.data;
	}
	enum config_status s = ld.nomem ? finish_load(&ld, CONFIG_E_NOMEM) : load(&ld, (const char *)text.data);
	buf_free(&dir);
	buf_free(&text);
	return s;
}

void config_free(struct config *cfg)
{
	char *strings[] = { cfg->server.domain, cfg->server.data_dir, cfg->server.database,
			    cfg->tls.certificate, cfg->tls.key, cfg->tls.ciphers };
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		mem_release(mem_default(), strings[i]);
	for (size_t i = 0; i < cfg->log.trace_account_count; i++)
		mem_release(mem_default(), cfg->log.trace_accounts[i]);
	memset(cfg, 0, sizeof *cfg);
}

/* ---------- dump ---------- */

static bool dump_quoted(struct buf *out, const char *s)
{
	bool ok = buf_append(out, "\"", 1);
	for (; ok && *s != '\0'; s++) {
		char tmp[5];
		const char *e = escape_byte((unsigned char)*s, tmp);
		ok = buf_append(out, e, strlen(e));
	}
	return ok && buf_append(out, "\"", 1);
}

static bool dump_text(struct buf *out, const char *s)
{
	return buf_append(out, s, strlen(s));
}

static bool dump_prefix(struct buf *out, const struct config_prefix *p)
{
	char text[CONFIG_ADDRESS_BYTES + 8];
	if (inet_ntop(p->family, p->addr, text, CONFIG_ADDRESS_BYTES) == NULL)
		return false;
	size_t len = strlen(text);
	(void)snprintf(text + len, sizeof text - len, "/%u", p->bits);
	return dump_quoted(out, text);
}

static bool dump_value(struct buf *out, const struct config *cfg, const struct setting *d)
{
	const void *field = const_field_of(cfg, d);
	char number[32];
	int value = 0;
	bool ok = true;
	switch (d->kind) {
	case K_GROUP:
		return true;
	case K_BOOL:
		return dump_text(out, *(const bool *)field ? "true" : "false");
	case K_INT:
		(void)snprintf(number, sizeof number, "%llu", load_uint(field, d->width));
		return dump_text(out, number);
	case K_STRING:
		return dump_quoted(out, *(char *const *)field);
	case K_KEYWORD:
		memcpy(&value, field, sizeof value);
		return (unsigned)value < d->keyword_count && dump_quoted(out, d->keywords[value]);
	case K_ADDRESSES:
		ok = dump_text(out, "[");
		for (size_t i = 0; ok && i < cfg->c2s.address_count; i++)
			ok = dump_text(out, i > 0 ? ", " : " ") && dump_quoted(out, cfg->c2s.addresses[i]);
		return ok && dump_text(out, " ]");
	case K_MECHANISMS:
		ok = dump_text(out, "[");
		for (size_t i = 0; ok && i < cfg->sasl.mechanism_count; i++)
			ok = dump_text(out, i > 0 ? ", " : " ") &&
			     dump_quoted(out, config_sasl_mech_name(cfg->sasl.mechanisms[i]));
		return ok && dump_text(out, " ]");
	case K_ACCOUNTS:
		ok = dump_text(out, "[");
		for (size_t i = 0; ok && i < cfg->log.trace_account_count; i++)
			ok = dump_text(out, i > 0 ? ", " : " ") && dump_quoted(out, cfg->log.trace_accounts[i]);
		return ok && dump_text(out, " ]");
	case K_PREFIXES:
		ok = dump_text(out, "[");
		for (size_t i = 0; ok && i < cfg->log.trace_address_count; i++)
			ok = dump_text(out, i > 0 ? ", " : " ") && dump_prefix(out, &cfg->log.trace_addresses[i]);
		return ok && dump_text(out, " ]");
	}
	return false;
}

enum config_status config_dump(const struct config *cfg, struct buf *out)
{
	bool ok = dump_text(out, "# xmppd: the effective configuration (see docs/config.md)\n");
	bool in_group = false;
	for (size_t i = 0; ok && i < SETTING_COUNT; i++) {
		const struct setting *d = &settings[i];
		if (d->kind == K_GROUP) {
			ok = dump_text(out, in_group ? "};\n\n" : "\n") && dump_text(out, d->path) &&
			     dump_text(out, " = {\n");
			in_group = true;
			continue;
		}
		ok = dump_text(out, "  ") && dump_text(out, leaf_of(d->path)) && dump_text(out, " = ") &&
		     dump_value(out, cfg, d) && dump_text(out, ";\n");
	}
	ok = ok && dump_text(out, "};\n");
	return ok ? CONFIG_OK : CONFIG_E_NOMEM;
}
