/* check_config.c - the configuration loader (src/config.c): defaults, every
 * setting, every validation message with its line, unknown names and their
 * suggestions, @include, the dump round trip, and that docs/config.md and
 * xmppd.conf.example cover every setting. Run from the repository root. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "store.h"
#include "suites.h"

/* ---------- helpers ---------- */

/* The error text as a C string (buf is not NUL-terminated). */
static const char *text_of(struct buf *b)
{
	ck_assert(buf_append(b, "", 1));
	b->len--;
	return (const char *)b->data;
}

static void load_ok(const char *text, struct config *cfg)
{
	struct buf errors;
	buf_init(&errors, mem_default());
	enum config_status s = config_load_string("test.conf", text, cfg, &errors);
	ck_assert_msg(s == CONFIG_OK, "%s:\n%s", config_status_name(s), text_of(&errors));
	ck_assert_uint_eq(errors.len, 0);
	buf_free(&errors);
}

static void expect_errors(const char *text, enum config_status status, const char *expected)
{
	struct config cfg;
	struct buf errors;
	buf_init(&errors, mem_default());
	enum config_status s = config_load_string("test.conf", text, &cfg, &errors);
	ck_assert_msg(s == status, "input:\n%s\nstatus %s, want %s; errors:\n%s", text,
		      config_status_name(s), config_status_name(status), text_of(&errors));
	ck_assert_msg(strcmp(text_of(&errors), expected) == 0, "input:\n%s\n--- expected\n%s--- got\n%s",
		      text, expected, text_of(&errors));
	/* A failed load leaves nothing to free. */
	ck_assert_ptr_null(cfg.server.domain);
	ck_assert_ptr_null(cfg.tls.ciphers);
	config_free(&cfg);
	buf_free(&errors);
}

static char *dump_of(const struct config *cfg)
{
	struct buf out;
	buf_init(&out, mem_default());
	ck_assert_int_eq(config_dump(cfg, &out), CONFIG_OK);
	ck_assert(buf_append(&out, "", 1));
	return (char *)out.data; /* from mem_default(): free() */
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s (run from the repository root)", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	long size = ftell(f);
	ck_assert_int_ge(size, 0);
	rewind(f);
	char *text = malloc((size_t)size + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(fread(text, 1, (size_t)size, f), (size_t)size);
	text[size] = '\0';
	fclose(f);
	return text;
}

/* ---------- tables ---------- */

START_TEST(test_name_tables_complete)
{
	for (int s = 0; s < CONFIG_STATUS_COUNT; s++)
		ck_assert_int_eq(strncmp(config_status_name(s), "CONFIG_", 7), 0);
	ck_assert_str_eq(config_status_name(CONFIG_STATUS_COUNT), "CONFIG_E_UNKNOWN");
	for (int v = 0; v < CONFIG_TLS_VERSION_COUNT; v++)
		ck_assert_str_ne(config_tls_version_name(v), "unknown");
	for (int m = 0; m < CONFIG_SASL_MECH_COUNT; m++)
		ck_assert_str_ne(config_sasl_mech_name(m), "unknown");
	for (int c = 0; c < CONFIG_CONFLICT_COUNT; c++)
		ck_assert_str_ne(config_resource_conflict_name(c), "unknown");
	for (int l = 0; l < CONFIG_LOG_LEVEL_COUNT; l++)
		ck_assert_str_ne(config_log_level_name(l), "unknown");
	ck_assert_str_eq(config_sasl_mech_name(CONFIG_SASL_MECH_COUNT), "unknown");
	ck_assert_str_eq(config_sasl_mech_name(CONFIG_SASL_SCRAM_SHA_1_PLUS), "SCRAM-SHA-1-PLUS");
	ck_assert_str_eq(config_resource_conflict_name(CONFIG_CONFLICT_RANDOM_SUFFIX), "random-suffix");
}
END_TEST

/* ---------- defaults ---------- */

static void assert_defaults(const struct config *c)
{
	ck_assert_str_eq(c->server.domain, "localhost");
	ck_assert_str_eq(c->server.data_dir, "./var");
	ck_assert_str_eq(c->server.database, "./var/xmppd.sqlite");
	ck_assert_str_eq(c->tls.certificate, "./var/tls/localhost.crt");
	ck_assert_str_eq(c->tls.key, "./var/tls/localhost.key");
	ck_assert(c->tls.require);
	ck_assert_ptr_nonnull(strstr(c->tls.ciphers, "ECDHE-RSA-AES128-GCM-SHA256"));
	ck_assert_int_eq(c->tls.min_version, CONFIG_TLS_1_2);
	ck_assert_uint_eq(c->c2s.address_count, 1);
	ck_assert_str_eq(c->c2s.addresses[0], "127.0.0.1");
	ck_assert_uint_eq(c->c2s.port, 5222);
	ck_assert(c->c2s.direct_tls);
	ck_assert_uint_eq(c->c2s.direct_tls_port, 5223);
	ck_assert_uint_eq(c->sasl.mechanism_count, 5);
	ck_assert_int_eq(c->sasl.mechanisms[0], CONFIG_SASL_SCRAM_SHA_256_PLUS);
	ck_assert_int_eq(c->sasl.mechanisms[1], CONFIG_SASL_SCRAM_SHA_256);
	ck_assert_int_eq(c->sasl.mechanisms[2], CONFIG_SASL_SCRAM_SHA_1_PLUS);
	ck_assert_int_eq(c->sasl.mechanisms[3], CONFIG_SASL_SCRAM_SHA_1);
	ck_assert_int_eq(c->sasl.mechanisms[4], CONFIG_SASL_PLAIN);
	ck_assert_uint_eq(c->sasl.scram_iterations, 4096);
	ck_assert_uint_eq(c->sasl.max_auth_attempts, 3);
	ck_assert_uint_eq(c->resources_max, 100);
	ck_assert_uint_eq(c->bind_attempts_max, 6);
	ck_assert_uint_eq(c->sasl.throttle_window, 60);
	ck_assert_uint_eq(c->sasl.throttle_failures, 10);
	ck_assert_int_eq(c->resource_conflict, CONFIG_CONFLICT_REPLACE);
	struct xml_limits x = xml_limits_default();
	ck_assert_int_eq(memcmp(&c->xml, &x, sizeof x), 0);
	ck_assert_uint_eq(c->limits.connections_max, 10000);
	ck_assert_uint_eq(c->limits.connections_per_ip_max, 20);
	ck_assert_uint_eq(c->limits.read_bytes_per_second, 16384);
	ck_assert_uint_eq(c->limits.negotiation_timeout, 30);
	ck_assert_uint_eq(c->limits.idle_timeout, 600);
	ck_assert_uint_eq(c->limits.keepalive_interval, 120);
	ck_assert_uint_eq(c->limits.ping_interval, 300);
	ck_assert_uint_eq(c->limits.ping_timeout, 60);
	ck_assert_int_eq(c->log.level, CONFIG_LOG_INFO);
	ck_assert(!c->log.syslog);
	ck_assert(!c->log.trace);
}

/* Requirement: RFC6120-4.6.4-a */
START_TEST(test_empty_is_all_defaults)
{
	struct config c;
	load_ok("", &c);
	assert_defaults(&c);
	config_free(&c);
	/* Comments, blank lines and empty groups change nothing. */
	load_ok("# nothing\n\n// here\n/* or here */\nserver = {};\nlimits: { };\n", &c);
	assert_defaults(&c);
	config_free(&c);
	config_free(&c); /* twice is harmless */
}
END_TEST

START_TEST(test_errors_buffer_optional)
{
	struct config c;
	ck_assert_int_eq(config_load_string("test.conf", "", &c, NULL), CONFIG_OK);
	config_free(&c);
	ck_assert_int_eq(config_load_string("test.conf", "nope = 1;", &c, NULL), CONFIG_E_INVALID);
	config_free(&c);
}
END_TEST

/* ---------- every setting ---------- */

static const char every_setting[] =
	"server = {\n"
	"  domain = \"im.example.org\";\n"
	"  data_dir = \"/srv/xmppd\";\n"
	"  database = \"/srv/db/accounts.sqlite\";\n"
	"};\n"
	"tls: {\n"
	"  certificate = \"/etc/xmppd/cert.pem\";\n"
	"  key = \"/etc/xmppd/key.pem\";\n"
	"  require = false;\n"
	"  ciphers = \"ECDHE-RSA-AES256-GCM-SHA384:!aNULL\";\n"
	"  min_version = \"TLSv1.3\";\n"
	"};\n"
	"c2s = {\n"
	"  addresses = [ \"0.0.0.0\", \"::\" , \"2001:db8::1\" ];\n"
	"  port = 15222;\n"
	"  direct_tls = false;\n"
	"  direct_tls_port = 15223;\n"
	"};\n"
	"sasl = {\n"
	"  mechanisms = ( \"SCRAM-SHA-1\", \"SCRAM-SHA-256-PLUS\" );\n"
	"  scram_iterations = 100000;\n"
	"  max_auth_attempts = 5;\n"
	"  throttle_window = 300;\n"
	"  throttle_failures = 50;\n"
	"};\n"
	"resources = { conflict = \"random-suffix\"; };\n"
	"limits = {\n"
	"  stanza_bytes_max = 65536;\n"
	"  depth_max = 16;\n"
	"  attrs_max = 32;\n"
	"  name_bytes_max = 256;\n"
	"  text_bytes_max = 0x10000;\n"
	"  connections_max = 500;\n"
	"  connections_per_ip_max = 5;\n"
	"  read_bytes_per_second = 4096L;\n"
	"  negotiation_timeout = 10;\n"
	"  idle_timeout = 900;\n"
	"  keepalive_interval = 0;\n"
	"  ping_interval = 0;\n"
	"  ping_timeout = 3600;\n"
	"};\n"
	"log = { level = \"debug\"; syslog = true; trace = TRUE;\n"
	"  trace_accounts = [ \"Juliet@IM.Example.org\", \"romeo@im.example.org\" ];\n"
	"  trace_addresses = [ \"127.0.0.1\", \"10.0.0.0/8\", \"::1\", \"2001:DB8::/32\", \"0.0.0.0/0\" ]; };\n";

START_TEST(test_every_setting_parsed)
{
	struct config c;
	load_ok(every_setting, &c);
	ck_assert_str_eq(c.server.domain, "im.example.org");
	ck_assert_str_eq(c.server.data_dir, "/srv/xmppd");
	ck_assert_str_eq(c.server.database, "/srv/db/accounts.sqlite");
	ck_assert_str_eq(c.tls.certificate, "/etc/xmppd/cert.pem");
	ck_assert_str_eq(c.tls.key, "/etc/xmppd/key.pem");
	ck_assert(!c.tls.require);
	ck_assert_str_eq(c.tls.ciphers, "ECDHE-RSA-AES256-GCM-SHA384:!aNULL");
	ck_assert_int_eq(c.tls.min_version, CONFIG_TLS_1_3);
	ck_assert_uint_eq(c.c2s.address_count, 3);
	ck_assert_str_eq(c.c2s.addresses[0], "0.0.0.0");
	ck_assert_str_eq(c.c2s.addresses[1], "::");
	ck_assert_str_eq(c.c2s.addresses[2], "2001:db8::1");
	ck_assert_uint_eq(c.c2s.port, 15222);
	ck_assert(!c.c2s.direct_tls);
	ck_assert_uint_eq(c.c2s.direct_tls_port, 15223);
	ck_assert_uint_eq(c.sasl.mechanism_count, 2);
	ck_assert_int_eq(c.sasl.mechanisms[0], CONFIG_SASL_SCRAM_SHA_1);
	ck_assert_int_eq(c.sasl.mechanisms[1], CONFIG_SASL_SCRAM_SHA_256_PLUS);
	ck_assert_uint_eq(c.sasl.scram_iterations, 100000);
	ck_assert_uint_eq(c.sasl.max_auth_attempts, 5);
	ck_assert_uint_eq(c.sasl.throttle_window, 300);
	ck_assert_uint_eq(c.sasl.throttle_failures, 50);
	ck_assert_int_eq(c.resource_conflict, CONFIG_CONFLICT_RANDOM_SUFFIX);
	ck_assert_uint_eq(c.xml.stanza_bytes_max, 65536);
	ck_assert_uint_eq(c.xml.depth_max, 16);
	ck_assert_uint_eq(c.xml.attrs_max, 32);
	ck_assert_uint_eq(c.xml.name_bytes_max, 256);
	ck_assert_uint_eq(c.xml.text_bytes_max, 65536);
	ck_assert_uint_eq(c.limits.connections_max, 500);
	ck_assert_uint_eq(c.limits.connections_per_ip_max, 5);
	ck_assert_uint_eq(c.limits.read_bytes_per_second, 4096);
	ck_assert_uint_eq(c.limits.negotiation_timeout, 10);
	ck_assert_uint_eq(c.limits.idle_timeout, 900);
	ck_assert_uint_eq(c.limits.keepalive_interval, 0);
	ck_assert_uint_eq(c.limits.ping_interval, 0);
	ck_assert_uint_eq(c.limits.ping_timeout, 3600);
	ck_assert_int_eq(c.log.level, CONFIG_LOG_DEBUG);
	ck_assert(c.log.syslog);
	ck_assert(c.log.trace);
	/* Accounts are prepared as JIDs (RFC 7622 §3), addresses parsed. */
	ck_assert_uint_eq(c.log.trace_account_count, 2);
	ck_assert_str_eq(c.log.trace_accounts[0], "juliet@im.example.org");
	ck_assert_str_eq(c.log.trace_accounts[1], "romeo@im.example.org");
	ck_assert_uint_eq(c.log.trace_address_count, 5);
	ck_assert_int_eq(c.log.trace_addresses[0].family, AF_INET);
	ck_assert_uint_eq(c.log.trace_addresses[0].bits, 32);
	ck_assert_uint_eq(c.log.trace_addresses[1].bits, 8);
	ck_assert_uint_eq(c.log.trace_addresses[1].addr[0], 10);
	ck_assert_int_eq(c.log.trace_addresses[2].family, AF_INET6);
	ck_assert_uint_eq(c.log.trace_addresses[2].bits, 128);
	ck_assert_uint_eq(c.log.trace_addresses[2].addr[15], 1);
	ck_assert_uint_eq(c.log.trace_addresses[3].bits, 32);
	ck_assert_uint_eq(c.log.trace_addresses[3].addr[0], 0x20);
	ck_assert_uint_eq(c.log.trace_addresses[3].addr[1], 0x01);
	ck_assert_uint_eq(c.log.trace_addresses[4].bits, 0);
	char *dump = dump_of(&c);
	ck_assert_ptr_nonnull(strstr(dump, "  trace_accounts = [ \"juliet@im.example.org\", \"romeo@im.example.org\" ];\n"));
	ck_assert_ptr_nonnull(strstr(dump, "  trace_addresses = [ \"127.0.0.1/32\", \"10.0.0.0/8\", \"::1/128\", "
					   "\"2001:db8::/32\", \"0.0.0.0/0\" ];\n"));
	free(dump);
	config_free(&c);
}
END_TEST

START_TEST(test_derived_paths_follow_domain_and_data_dir)
{
	struct config c;
	load_ok("server = { domain = \"chat.example\"; data_dir = \"/data\"; };\n"
		"tls = { key = \"/keys/k.pem\"; };\n", &c);
	ck_assert_str_eq(c.server.database, "/data/xmppd.sqlite");
	ck_assert_str_eq(c.tls.certificate, "/data/tls/chat.example.crt");
	ck_assert_str_eq(c.tls.key, "/keys/k.pem");
	config_free(&c);
}
END_TEST

/* Requirement: RFC7622-3.2-b */
START_TEST(test_values_at_the_limits)
{
	struct config c;
	load_ok("c2s = { port = 1; direct_tls_port = 65535; };\n"
		"sasl = { scram_iterations = 4096; max_auth_attempts = 6; };\n"
		"limits = { stanza_bytes_max = 10000; ping_interval = 2; ping_timeout = 1;"
		" connections_max = 7; connections_per_ip_max = 7; };\n"
		"server = { domain = \"[::1]\"; };\n", &c);
	ck_assert_uint_eq(c.c2s.port, 1);
	ck_assert_uint_eq(c.c2s.direct_tls_port, 65535);
	ck_assert_uint_eq(c.xml.stanza_bytes_max, 10000);
	ck_assert_str_eq(c.server.domain, "[::1]");
	config_free(&c);
	/* The same port twice is fine when the Direct TLS listener is off. */
	load_ok("c2s = { direct_tls = false; port = 5223; };", &c);
	config_free(&c);
	/* Non-ASCII labels in their prepared form (U-labels, NFC) are domains too. */
	load_ok("server = { domain = \"\xc3\xa9t\xc3\xa9.example\"; };", &c);
	config_free(&c);
}
END_TEST

/* ---------- validation messages ---------- */

struct error_case {
	const char *name;
	const char *text;
	enum config_status status;
	const char *errors;
};

#define INVALID CONFIG_E_INVALID

static const struct error_case error_cases[] = {
	/* ranges, with the example from the design */
	{ "port above range", "# xmppd\n\nc2s = {\n  port = 70000;\n};\n", INVALID,
	  "test.conf:4: c2s.port: must be 1..65535, got 70000\n" },
	{ "negative port", "c2s = { port = -1; };", INVALID,
	  "test.conf:1: c2s.port: must be 1..65535, got -1\n" },
	{ "zero where 0 is not off", "limits = { idle_timeout = 0; };", INVALID,
	  "test.conf:1: limits.idle_timeout: must be 1..86400, got 0\n" },
	{ "retries beyond RFC 6120 §6.4.5", "sasl = { max_auth_attempts = 7; };", INVALID,
	  "test.conf:1: sasl.max_auth_attempts: must be 3..6, got 7\n" },
	{ "bind retries below RFC 6120 §7.7.3", "resources = { max_bind_attempts = 5; };", INVALID,
	  "test.conf:1: resources.max_bind_attempts: must be 6..11, got 5\n" },
	{ "iterations below RFC 7677's floor", "sasl = { scram_iterations = 4095; };", INVALID,
	  "test.conf:1: sasl.scram_iterations: must be 4096..10000000, got 4095\n" },
	{ "stanza limit below RFC 6120 §13.12", "limits = { stanza_bytes_max = 9999; };", INVALID,
	  "test.conf:1: limits.stanza_bytes_max: must be 10000..16777216, got 9999\n" },
	{ "64-bit literal, range still checked", "limits = { connections_max = 5000000000L; };", INVALID,
	  "test.conf:1: limits.connections_max: must be 1..1000000, got 5000000000\n" },
	/* types */
	{ "string for an integer", "c2s = { port = \"5222\"; };", INVALID,
	  "test.conf:1: c2s.port: must be an integer, got a string\n" },
	{ "float for an integer", "limits = { idle_timeout = 1.5; };", INVALID,
	  "test.conf:1: limits.idle_timeout: must be an integer, got a float\n" },
	{ "integer for a boolean", "tls = { require = 1; };", INVALID,
	  "test.conf:1: tls.require: must be a boolean (true or false), got an integer\n" },
	{ "string for a boolean", "log = { syslog = \"yes\"; };", INVALID,
	  "test.conf:1: log.syslog: must be a boolean (true or false), got a string\n" },
	{ "integer for a string", "server = { domain = 5; };", INVALID,
	  "test.conf:1: server.domain: must be a string, got an integer\n" },
	{ "list for a string", "server = { data_dir = [\"a\"]; };", INVALID,
	  "test.conf:1: server.data_dir: must be a string, got an array\n" },
	{ "integer for a group", "c2s = 5222;", INVALID,
	  "test.conf:1: c2s: must be a group, got an integer\n" },
	{ "string for a list", "c2s = { addresses = \"127.0.0.1\"; };", INVALID,
	  "test.conf:1: c2s.addresses: must be an array of strings, got a string\n" },
	{ "group for a keyword", "log = { level = { x = 1; }; };", INVALID,
	  "test.conf:1: log.level: must be a string, got a group\n" },
	/* strings */
	{ "empty path", "server = { data_dir = \"\"; };", INVALID,
	  "test.conf:1: server.data_dir: must not be empty\n" },
	{ "upper-case domain", "server = { domain = \"Example.org\"; };", INVALID,
	  "test.conf:1: server.domain: must be lower case (RFC 7622 §3.2), got \"Example.org\"\n" },
	{ "empty label", "server = { domain = \"a..b\"; };", INVALID,
	  "test.conf:1: server.domain: must not have an empty label, got \"a..b\"\n" },
	{ "leading dot", "server = { domain = \".a\"; };", INVALID,
	  "test.conf:1: server.domain: must not have an empty label, got \".a\"\n" },
	{ "trailing dot", "server = { domain = \"example.org.\"; };", INVALID,
	  "test.conf:1: server.domain: must not end with a dot (RFC 7622 §3.2), got \"example.org.\"\n" },
	{ "JID characters in the domain", "server = { domain = \"user@host\"; };", INVALID,
	  "test.conf:1: server.domain: may hold only letters, digits, '-' and '.', got \"user@host\"\n" },
	{ "hyphen at a label's start", "server = { domain = \"a.-b\"; };", INVALID,
	  "test.conf:1: server.domain: a label must not begin or end with '-', got \"a.-b\"\n" },
	{ "hyphen at a label's end", "server = { domain = \"a-.b\"; };", INVALID,
	  "test.conf:1: server.domain: a label must not begin or end with '-', got \"a-.b\"\n" },
	{ "hyphen at the end", "server = { domain = \"ab-\"; };", INVALID,
	  "test.conf:1: server.domain: a label must not begin or end with '-', got \"ab-\"\n" },
	{ "label of 64 bytes", "server = { domain = "
	  "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.org\"; };", INVALID,
	  "test.conf:1: server.domain: a label must be at most 63 bytes (RFC 1035 §2.3.4), got "
	  "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"...\n" },
	{ "bracketed non-address", "server = { domain = \"[example]\"; };", INVALID,
	  "test.conf:1: server.domain: must be a host name or a bracketed IPv6 address, got \"[example]\"\n" },
	{ "A-label in the domain", "server = { domain = \"xn--bcher-kva.ch\"; };", INVALID,
	  "test.conf:1: server.domain: must be written as prepared: U-labels, not A-labels, lower case, NFC"
	  " (RFC 7622 §3.2.1), got \"xn--bcher-kva.ch\"\n" },
	{ "'--' in the third and fourth positions", "server = { domain = \"ab--cd.example\"; };", INVALID,
	  "test.conf:1: server.domain: must be a domain name IDNA2008 allows (RFC 7622 §3.2.1), got \"ab--cd.example\"\n" },
	{ "decomposed letter in the domain", "server = { domain = \"e\xcc\x81.example\"; };", INVALID,
	  "test.conf:1: server.domain: must be written as prepared: U-labels, not A-labels, lower case, NFC"
	  " (RFC 7622 §3.2.1), got \"e\xcc\x81.example\"\n" },
	{ "control characters quoted", "server = { domain = \"a\\nb\\x01\"; };", INVALID,
	  "test.conf:1: server.domain: may hold only letters, digits, '-' and '.', got \"a\\nb\\x01\"\n" },
	{ "cipher list with a quote", "tls = { ciphers = \"HIGH;rm\"; };", INVALID,
	  "test.conf:1: tls.ciphers: may hold only letters, digits and : + ! @ = _ . , - and spaces,"
	  " got \"HIGH;rm\"\n" },
	/* keywords */
	{ "keyword typo", "resources = { conflict = \"replce\"; };", INVALID,
	  "test.conf:1: resources.conflict: must be one of replace, refuse, random-suffix;"
	  " got \"replce\" (did you mean replace?)\n" },
	{ "keyword case", "tls = { min_version = \"tlsv1.3\"; };", INVALID,
	  "test.conf:1: tls.min_version: must be one of TLSv1.2, TLSv1.3; got \"tlsv1.3\""
	  " (did you mean TLSv1.3?)\n" },
	{ "keyword far from any", "log = { level = \"verbose\"; };", INVALID,
	  "test.conf:1: log.level: must be one of error, warn, info, debug; got \"verbose\"\n" },
	{ "TLS 1.1 is not offered", "tls = { min_version = \"TLSv1.1\"; };", INVALID,
	  "test.conf:1: tls.min_version: must be one of TLSv1.2, TLSv1.3; got \"TLSv1.1\""
	  " (did you mean TLSv1.2?)\n" },
	/* lists */
	{ "no address", "c2s = { addresses = []; };", INVALID,
	  "test.conf:1: c2s.addresses: must list at least one address\n" },
	/* libconfig numbers a list element by the line of the token after it: the
	 * comma here, the closing bracket for the last element. */
	{ "host name for an address", "c2s = {\n addresses = [\n \"::1\",\n \"localhost\",\n"
	  " \"::2\"\n ];\n};", INVALID,
	  "test.conf:4: c2s.addresses[1]: must be an IPv4 or IPv6 address, got \"localhost\"\n" },
	{ "same address spelled twice", "c2s = { addresses = [\"::1\", \"0:0::1\"]; };", INVALID,
	  "test.conf:1: c2s.addresses[1]: \"0:0::1\" is listed twice\n" },
	{ "non-string element", "c2s = { addresses = (\"::1\", 5, { a = 1; }); };", INVALID,
	  "test.conf:1: c2s.addresses[1]: must be a string, got an integer\n"
	  "test.conf:1: c2s.addresses[2]: must be a string, got a group\n" },
	{ "no mechanism", "sasl = { mechanisms = (); };", INVALID,
	  "test.conf:1: sasl.mechanisms: must list at least one mechanism\n" },
	{ "mechanism typo and duplicate", "sasl = { mechanisms = [\"SCRAM-SHA256\", \"PLAIN\", \"PLAIN\","
	  " \"DIGEST-MD5\"]; };", INVALID,
	  "test.conf:1: sasl.mechanisms[0]: must be one of SCRAM-SHA-256-PLUS, SCRAM-SHA-256,"
	  " SCRAM-SHA-1-PLUS, SCRAM-SHA-1, PLAIN; got \"SCRAM-SHA256\" (did you mean SCRAM-SHA-256?)\n"
	  "test.conf:1: sasl.mechanisms[2]: \"PLAIN\" is listed twice\n"
	  "test.conf:1: sasl.mechanisms[3]: must be one of SCRAM-SHA-256-PLUS, SCRAM-SHA-256,"
	  " SCRAM-SHA-1-PLUS, SCRAM-SHA-1, PLAIN; got \"DIGEST-MD5\"\n" },
	/* rules between settings: the line of the setting the file gives */
	{ "Direct TLS on the STARTTLS port", "c2s = {\n direct_tls_port = 5222;\n};", INVALID,
	  "test.conf:2: c2s.direct_tls_port: must differ from c2s.port (5222)\n" },
	{ "STARTTLS moved onto the Direct TLS port", "c2s = {\n port = 5223;\n};", INVALID,
	  "test.conf:2: c2s.direct_tls_port: must differ from c2s.port (5223)\n" },
	{ "ping timeout not below the interval", "limits = {\n ping_interval = 60;\n};", INVALID,
	  "test.conf:2: limits.ping_timeout: must be less than limits.ping_interval (60), got 60\n" },
	{ "per-IP above the total", "limits = {\n connections_max = 10;\n};", INVALID,
	  "test.conf:2: limits.connections_per_ip_max: must not exceed limits.connections_max (10),"
	  " got 20\n" },
	/* unknown names */
	{ "transposed letters", "c2s = {\n  prot = 5222;\n};", INVALID,
	  "test.conf:2: c2s.prot: unknown setting (did you mean c2s.port?)\n" },
	{ "a group name typo", "tsl = { require = true; };", INVALID,
	  "test.conf:1: tsl: unknown setting (did you mean tls?)\n" },
	{ "a setting outside its group", "domain = \"example.org\";", INVALID,
	  "test.conf:1: domain: unknown setting (did you mean server.domain?)\n" },
	{ "a setting in the wrong group", "c2s = { scram_iterations = 5000; };", INVALID,
	  "test.conf:1: c2s.scram_iterations: unknown setting (did you mean sasl.scram_iterations?)\n" },
	{ "case differs", "log = { Level = \"info\"; };", INVALID,
	  "test.conf:1: log.Level: unknown setting (did you mean log.level?)\n" },
	{ "nothing close", "c2s = { websocket = true; };\nmodules = ();", INVALID,
	  "test.conf:1: c2s.websocket: unknown setting\n"
	  "test.conf:2: modules: unknown setting\n" },
	/* several problems: all reported, in file order */
	{ "every problem reported", "c2s = { port = 0; };\nlog = { level = 3; };\nfoo = 1;", INVALID,
	  "test.conf:1: c2s.port: must be 1..65535, got 0\n"
	  "test.conf:2: log.level: must be a string, got an integer\n"
	  "test.conf:3: foo: unknown setting\n" },
	/* syntax */
	{ "syntax error", "c2s = {\n  port = ;\n};", CONFIG_E_SYNTAX, "test.conf:2: syntax error\n" },
	{ "duplicate setting", "c2s = { port = 1; };\nc2s = { port = 2; };", CONFIG_E_SYNTAX,
	  "test.conf:2: duplicate setting name\n" },
	{ "mixed array", "c2s = { addresses = [\"::1\", 1]; };", CONFIG_E_SYNTAX,
	  "test.conf:1: mismatched element type in array\n" },
	{ "missing include", "\n@include \"/nonexistent/xmppd.conf\"\n", CONFIG_E_SYNTAX,
	  "test.conf:2: cannot open include file\n" },
	/* integers libconfig 1.5 would silently wrap */
	{ "decimal beyond 32 bits", "\n\nlimits = { read_bytes_per_second = 5000000000; };", CONFIG_E_SYNTAX,
	  "test.conf:3: integer 5000000000 is out of range (at most 2147483647)\n" },
	{ "just beyond", "c2s = { port = 2147483648; };", CONFIG_E_SYNTAX,
	  "test.conf:1: integer 2147483648 is out of range (at most 2147483647)\n" },
	{ "negative beyond", "c2s = { port = -2147483649; };", CONFIG_E_SYNTAX,
	  "test.conf:1: integer -2147483649 is out of range (at most 2147483647)\n" },
	{ "hex beyond 31 bits", "c2s = { port = 0x80000000; };", CONFIG_E_SYNTAX,
	  "test.conf:1: integer 0x80000000 is out of range (at most 2147483647)\n" },
	{ "huge", "c2s = { port = 123456789012345678901234567890; };", CONFIG_E_SYNTAX,
	  "test.conf:1: integer 123456789012345678901234567890 is out of range (at most 2147483647)\n" },
	{ "int range edges are fine", "c2s = { port = 2147483647; direct_tls_port = -2147483648; };",
	  INVALID,
	  "test.conf:1: c2s.port: must be 1..65535, got 2147483647\n"
	  "test.conf:1: c2s.direct_tls_port: must be 1..65535, got -2147483648\n" },
	/* big digit runs that are not integers: in strings, comments, names, floats */
	{ "digits that are not integers",
	  "# 99999999999\n// 99999999999\n/* 99999999999\n 99999999999 */\n"
	  "server = { data_dir = \"/d/99999999999\"; };\nlimits = { idle_timeout = 1.99999999999e3; };\n"
	  "x99999999999 = 1;", INVALID,
	  "test.conf:6: limits.idle_timeout: must be an integer, got a float\n"
	  "test.conf:7: x99999999999: unknown setting\n" },
	/* log.trace_accounts and log.trace_addresses */
	{ "trace account not a bare JID",
	  "log = {\n  trace_accounts = ( \"juliet@example.com/balcony\", \"example.com\", \"a@b@c\", 5 );\n};", INVALID,
	  "test.conf:2: log.trace_accounts[0]: must be a bare JID (user@domain), got \"juliet@example.com/balcony\"\n"
	  "test.conf:2: log.trace_accounts[1]: must be a bare JID (user@domain), got \"example.com\"\n"
	  "test.conf:2: log.trace_accounts[2]: must be a bare JID (user@domain), got \"a@b@c\": JID_E_SYNTAX\n"
	  "test.conf:2: log.trace_accounts[3]: must be a string, got an integer\n" },
	{ "trace account of another domain",
	  "server = { domain = \"example.com\"; };\nlog = { trace_accounts = [ \"juliet@example.org\" ]; };", INVALID,
	  "test.conf:2: log.trace_accounts[0]: juliet@example.org is not an account of server.domain (example.com)\n" },
	{ "trace addresses malformed",
	  "log = { trace_addresses = [ \"10.0.0.0/33\", \"10.1.0.0/8\", \"::1/129\", \"host\", \"10.0.0.0/\", "
	  "\"10.0.0.0/08\", \"/8\", \"1.2.3.4/8x\" ]; };", INVALID,
	  "test.conf:1: log.trace_addresses[0]: the prefix length must be 0..32, got \"10.0.0.0/33\"\n"
	  "test.conf:1: log.trace_addresses[1]: has bits set after the prefix length, got \"10.1.0.0/8\"\n"
	  "test.conf:1: log.trace_addresses[2]: the prefix length must be 0..128, got \"::1/129\"\n"
	  "test.conf:1: log.trace_addresses[3]: must be an IPv4 or IPv6 address, optionally with /prefix-length, got \"host\"\n"
	  "test.conf:1: log.trace_addresses[4]: the prefix length must be a decimal number without leading zeros, got \"10.0.0.0/\"\n"
	  "test.conf:1: log.trace_addresses[5]: the prefix length must be a decimal number without leading zeros, got \"10.0.0.0/08\"\n"
	  "test.conf:1: log.trace_addresses[6]: must be an IPv4 or IPv6 address, optionally with /prefix-length, got \"/8\"\n"
	  "test.conf:1: log.trace_addresses[7]: the prefix length must be a decimal number without leading zeros, got \"1.2.3.4/8x\"\n" },
	{ "trace addresses not a list", "log = { trace_addresses = \"127.0.0.1\"; };", INVALID,
	  "test.conf:1: log.trace_addresses: must be an array of strings, got a string\n" },
	/* The scanner stops at the end of the text, whatever token ends it. */
	{ "float at the very end", "x = 1.5", INVALID, "test.conf:1: x: unknown setting\n" },
	{ "leading-dot float at the very end", "x = .5e", CONFIG_E_SYNTAX, "test.conf:1: syntax error\n" },
	{ "integer at the very end", "x = 7", INVALID, "test.conf:1: x: unknown setting\n" },
	{ "open string at the very end", "x = \"ab\\", CONFIG_E_SYNTAX, "test.conf:1: syntax error\n" },
	{ "open comment at the very end", "x = 1; /* 99999999999", INVALID,
	  "test.conf:1: x: unknown setting\n" },
};

/* Requirement: RFC7622-3.2-b */
START_TEST(test_error_case)
{
	const struct error_case *c = &error_cases[_i];
	ck_assert_msg(c->status != CONFIG_OK, "%s", c->name);
	expect_errors(c->text, c->status, c->errors);
}
END_TEST

START_TEST(test_too_many_addresses)
{
	char text[1024] = "c2s = { addresses = [";
	for (int i = 0; i <= CONFIG_ADDRESSES_MAX; i++) {
		char one[32];
		(void)snprintf(one, sizeof one, "%s\"10.0.0.%d\"", i > 0 ? ", " : "", i);
		strcat(text, one);
	}
	strcat(text, "]; };");
	expect_errors(text, INVALID, "test.conf:1: c2s.addresses: must list at most 16 addresses, got 17\n");
}
END_TEST

START_TEST(test_long_strings)
{
	static char text[8192], value[4200];
	memset(value, 'a', 1024);
	value[1024] = '\0';
	(void)snprintf(text, sizeof text, "server = { domain = \"%s\"; };", value);
	expect_errors(text, INVALID, "test.conf:1: server.domain: must be at most 1023 bytes, got 1024\n");

	/* A long data_dir is fine by itself, but the paths derived from it are not. */
	memset(value, 'd', 4090);
	value[0] = '/';
	value[4090] = '\0';
	(void)snprintf(text, sizeof text, "\nserver = {\n data_dir = \"%s\";\n};", value);
	expect_errors(text, INVALID,
		      "test.conf:3: server.database: the derived path is longer than 4095 bytes; set it explicitly\n"
		      "test.conf:3: tls.certificate: the derived path is longer than 4095 bytes; set it explicitly\n"
		      "test.conf:3: tls.key: the derived path is longer than 4095 bytes; set it explicitly\n");
	(void)snprintf(text, sizeof text, "server = { data_dir = \"%s\"; database = \"/db\"; };"
		       " tls = { certificate = \"/c\"; key = \"/k\"; };", value);
	struct config c;
	load_ok(text, &c);
	config_free(&c);
}
END_TEST

/* ---------- files and @include ---------- */

static char dir[64];

static void dir_setup(void)
{
	(void)snprintf(dir, sizeof dir, "/tmp/xmppd-config-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void write_in_dir(const char *name, const char *text, size_t len)
{
	char path[160];
	(void)snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static void dir_teardown(void)
{
	static const char *const names[] = { "main.conf", "addresses.inc", "sub/log.inc", "sub",
					     "nul.conf", "bad.conf", "big.inc" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char path[160];
		(void)snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (unlink(path) != 0)
			(void)rmdir(path);
	}
	(void)rmdir(dir);
}

static enum config_status load_in_dir(const char *name, struct config *c, struct buf *errors)
{
	char path[160];
	(void)snprintf(path, sizeof path, "%s/%s", dir, name);
	return config_load_file(path, c, errors);
}

START_TEST(test_include_lists_and_groups)
{
	/* Relative to the including file's directory, not the working directory. */
	char sub[160];
	(void)snprintf(sub, sizeof sub, "%s/sub", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	static const char main_conf[] =
		"c2s = {\n"
		"  addresses = [\n"
		"@include \"addresses.inc\"\n"
		"  ];\n"
		"};\n"
		"@include \"sub/log.inc\"\n";
	static const char addresses[] = "\"::1\",\n\"192.0.2.1\"\n";
	static const char log_inc[] = "log = { level = \"debug\"; };\n";
	write_in_dir("main.conf", main_conf, strlen(main_conf));
	write_in_dir("addresses.inc", addresses, strlen(addresses));
	write_in_dir("sub/log.inc", log_inc, strlen(log_inc));

	struct config c;
	struct buf errors;
	buf_init(&errors, mem_default());
	ck_assert_int_eq(load_in_dir("main.conf", &c, &errors), CONFIG_OK);
	ck_assert_uint_eq(c.c2s.address_count, 2);
	ck_assert_str_eq(c.c2s.addresses[0], "::1");
	ck_assert_str_eq(c.c2s.addresses[1], "192.0.2.1");
	ck_assert_int_eq(c.log.level, CONFIG_LOG_DEBUG);
	config_free(&c);

	/* A problem inside an included file is reported at its own name and line. */
	static const char bad_log[] = "log = {\n  level = \"loud\";\n};\n";
	write_in_dir("sub/log.inc", bad_log, strlen(bad_log));
	ck_assert_int_eq(load_in_dir("main.conf", &c, &errors), CONFIG_E_INVALID);
	ck_assert_str_eq(text_of(&errors), "sub/log.inc:2: log.level: must be one of error, warn, info,"
			 " debug; got \"loud\"\n");
	buf_clear(&errors);

	/* ...and so is a wrapped integer in an included file. */
	static const char bad_main[] = "limits = {\n@include \"big.inc\"\n};\n";
	write_in_dir("bad.conf", bad_main, strlen(bad_main));
	static const char big_inc[] = "# limits\nidle_timeout = 4294967297;\n";
	write_in_dir("big.inc", big_inc, strlen(big_inc));
	ck_assert_int_eq(load_in_dir("bad.conf", &c, &errors), CONFIG_E_SYNTAX);
	ck_assert_str_eq(text_of(&errors), "big.inc:2: integer 4294967297 is out of range (at most 2147483647)\n");
	buf_free(&errors);
}
END_TEST

START_TEST(test_file_errors)
{
	struct config c;
	struct buf errors;
	buf_init(&errors, mem_default());
	char path[160];
	(void)snprintf(path, sizeof path, "%s/missing.conf", dir);
	ck_assert_int_eq(config_load_file(path, &c, &errors), CONFIG_E_READ);
	char expect[256];
	(void)snprintf(expect, sizeof expect, "%s: cannot read: No such file or directory\n", path);
	ck_assert_str_eq(text_of(&errors), expect);
	buf_clear(&errors);

	ck_assert_int_eq(config_load_file(dir, &c, &errors), CONFIG_E_READ);
	(void)snprintf(expect, sizeof expect, "%s: cannot read: Is a directory\n", dir);
	ck_assert_str_eq(text_of(&errors), expect);
	buf_clear(&errors);

	write_in_dir("nul.conf", "log = {}\0;", 10);
	ck_assert_int_eq(load_in_dir("nul.conf", &c, &errors), CONFIG_E_SYNTAX);
	(void)snprintf(expect, sizeof expect, "%s/nul.conf: contains a NUL byte: not a text file\n", dir);
	ck_assert_str_eq(text_of(&errors), expect);
	buf_clear(&errors);

	write_in_dir("bad.conf", "\n\nc2s = { port = 70000; };\n", 26);
	ck_assert_int_eq(load_in_dir("bad.conf", &c, &errors), CONFIG_E_INVALID);
	(void)snprintf(expect, sizeof expect, "%s/bad.conf:3: c2s.port: must be 1..65535, got 70000\n", dir);
	ck_assert_str_eq(text_of(&errors), expect);
	buf_free(&errors);
}
END_TEST

/* ---------- dump ---------- */

static void assert_round_trip(const char *text)
{
	struct config a, b;
	load_ok(text, &a);
	char *first = dump_of(&a);
	load_ok(first, &b);
	char *second = dump_of(&b);
	ck_assert_str_eq(first, second);
	free(first);
	free(second);
	config_free(&a);
	config_free(&b);
}

START_TEST(test_dump_round_trip)
{
	assert_round_trip("");
	assert_round_trip(every_setting);
	/* Paths may hold anything but NUL: quotes, backslashes, control bytes, UTF-8. */
	assert_round_trip("server = { data_dir = \"/a \\\"b\\\" \\\\c\\td\\x01\\x7f \xc3\xa9\"; };");
	struct config c;
	load_ok("server = { data_dir = \"/a \\\"b\\\" \\\\c\\td\\x01\"; };", &c);
	ck_assert_str_eq(c.server.data_dir, "/a \"b\" \\c\td\x01");
	char *dump = dump_of(&c);
	ck_assert_ptr_nonnull(strstr(dump, "  data_dir = \"/a \\\"b\\\" \\\\c\\td\\x01\";\n"));
	ck_assert_ptr_nonnull(strstr(dump, "\nlimits = {\n  stanza_bytes_max = 262144;\n"));
	free(dump);
	config_free(&c);
}
END_TEST

/* Every `group.leaf` the dump writes, in order, calling fn for each. */
static void for_each_setting(void (*fn)(const char *path, void *ctx), void *ctx)
{
	struct config c;
	load_ok("", &c);
	char *dump = dump_of(&c);
	char group[64] = "";
	for (char *line = strtok(dump, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		char name[64], path[160];
		if (line[0] != ' ' && sscanf(line, "%63s = {", group) == 1)
			continue;
		if (sscanf(line, " %63s =", name) != 1)
			continue;
		(void)snprintf(path, sizeof path, "%s.%s", group, name);
		fn(path, ctx);
	}
	free(dump);
	config_free(&c);
}

static void count_setting(const char *path, void *ctx)
{
	(void)path;
	++*(size_t *)ctx;
}

static void documented(const char *path, void *ctx)
{
	char needle[192];
	(void)snprintf(needle, sizeof needle, "`%s`", path);
	ck_assert_msg(strstr(ctx, needle) != NULL, "docs/config.md does not document %s", path);
}

static void in_example(const char *path, void *ctx)
{
	char needle[192];
	(void)snprintf(needle, sizeof needle, " %s = ", strchr(path, '.') + 1);
	ck_assert_msg(strstr(ctx, needle) != NULL, "xmppd.conf.example does not show %s", path);
}

START_TEST(test_docs_and_example_cover_every_setting)
{
	size_t count = 0;
	for_each_setting(count_setting, &count);
	ck_assert_uint_eq(count, 46);
	char *docs = read_file("docs/config.md");
	for_each_setting(documented, docs);
	free(docs);
	char *example = read_file("xmppd.conf.example");
	for_each_setting(in_example, example);
	free(example);
}
END_TEST

/* The example file is valid, and what it sets is exactly the defaults. */
START_TEST(test_example_loads_as_defaults)
{
	struct config c, d;
	struct buf errors;
	buf_init(&errors, mem_default());
	enum config_status s = config_load_file("xmppd.conf.example", &c, &errors);
	ck_assert_msg(s == CONFIG_OK, "%s", text_of(&errors));
	load_ok("", &d);
	char *a = dump_of(&c), *b = dump_of(&d);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	config_free(&c);
	config_free(&d);
	buf_free(&errors);
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *values = tcase_create("values");
	tcase_add_test(values, test_name_tables_complete);
	tcase_add_test(values, test_empty_is_all_defaults);
	tcase_add_test(values, test_errors_buffer_optional);
	tcase_add_test(values, test_every_setting_parsed);
	tcase_add_test(values, test_derived_paths_follow_domain_and_data_dir);
	tcase_add_test(values, test_values_at_the_limits);
	tcase_add_loop_test(values, test_error_case, 0, (int)(sizeof error_cases / sizeof error_cases[0]));
	tcase_add_test(values, test_too_many_addresses);
	tcase_add_test(values, test_long_strings);
	tcase_add_test(values, test_dump_round_trip);
	tcase_add_test(values, test_docs_and_example_cover_every_setting);
	tcase_add_test(values, test_example_loads_as_defaults);
	suite_add_tcase(s, values);

	TCase *files = tcase_create("files");
	tcase_add_checked_fixture(files, dir_setup, dir_teardown);
	tcase_add_test(files, test_include_lists_and_groups);
	tcase_add_test(files, test_file_errors);
	suite_add_tcase(s, files);
	return s;
}
