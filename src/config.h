/* config.h - the server's settings: a libconfig file in, typed values out.
 *
 * Every setting has a safe default, so an empty file is a valid configuration.
 * Everything is validated when the file is loaded, and every problem is reported,
 * one per line, as `file:line: setting.path: what is wrong`, e.g.
 *   xmppd.conf:12: c2s.port: must be 1..65535, got 70000
 * Unknown settings are errors (with a "did you mean" when a known name is close),
 * so a typo can never silently leave a default in force. docs/config.md lists
 * every setting.
 *
 * Ownership:
 * - config_load_*() fill the caller's struct config; its strings are allocated
 *   and config_free() releases them. On failure *out holds nothing (it is freed
 *   and zeroed), and config_free() on it is harmless.
 * - Strings come from mem_default(): the configuration is loaded once at start,
 *   and libconfig itself allocates with malloc, so a pluggable allocator here
 *   would govern only half of the allocations.
 * - Error lines and config_dump() output are appended to the caller's struct buf.
 * - Paths are used as written: relative ones are relative to the working
 *   directory. `@include "x"` in a file is relative to that file's directory. */
#ifndef XMPPD_CONFIG_H
#define XMPPD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "xml.h"

enum config_status {
	CONFIG_OK = 0,
	CONFIG_E_READ,    /* the file cannot be read */
	CONFIG_E_SYNTAX,  /* not libconfig syntax (or an integer libconfig would mangle) */
	CONFIG_E_INVALID, /* well-formed, but a setting is unknown, mistyped or out of range */
	CONFIG_E_NOMEM,
	CONFIG_STATUS_COUNT
};

const char *config_status_name(enum config_status s); /* "CONFIG_E_INVALID" */

enum config_tls_version { CONFIG_TLS_1_2, CONFIG_TLS_1_3, CONFIG_TLS_VERSION_COUNT };

/* Strongest first, the order of the default list (RFC 6120 §6.3.3: each entity
 * keeps an ordered list of the mechanisms it prefers). */
enum config_sasl_mech {
	CONFIG_SASL_SCRAM_SHA_256_PLUS,
	CONFIG_SASL_SCRAM_SHA_256,
	CONFIG_SASL_SCRAM_SHA_1_PLUS,
	CONFIG_SASL_SCRAM_SHA_1,
	CONFIG_SASL_PLAIN,
	CONFIG_SASL_MECH_COUNT
};

/* RFC 6120 §7.7.2.2: what to do when a client binds a resource already in use. */
enum config_resource_conflict {
	CONFIG_CONFLICT_REPLACE,       /* terminate the old session, bind the new one */
	CONFIG_CONFLICT_REFUSE,        /* <conflict/> to the new one */
	CONFIG_CONFLICT_RANDOM_SUFFIX, /* bind the new one under a server-generated resource */
	CONFIG_CONFLICT_COUNT
};

enum config_log_level { CONFIG_LOG_ERROR, CONFIG_LOG_WARN, CONFIG_LOG_INFO, CONFIG_LOG_DEBUG,
	CONFIG_LOG_LEVEL_COUNT };

/* The spellings used in the file: "TLSv1.2", "SCRAM-SHA-256-PLUS", "replace", "info". */
const char *config_tls_version_name(enum config_tls_version v);
const char *config_sasl_mech_name(enum config_sasl_mech m);
const char *config_resource_conflict_name(enum config_resource_conflict c);
const char *config_log_level_name(enum config_log_level l);

#define CONFIG_ADDRESSES_MAX 16
#define CONFIG_ADDRESS_BYTES 46 /* INET6_ADDRSTRLEN */

struct config_server {
	char *domain;   /* the one domain served; RFC 7622 §3.2 */
	char *data_dir;
	char *database; /* default data_dir/xmppd.sqlite */
};

struct config_tls {
	char *certificate; /* PEM; default data_dir/tls/<domain>.crt */
	char *key;         /* PEM; default data_dir/tls/<domain>.key */
	bool require;      /* STARTTLS mandatory-to-negotiate (RFC 6120 §5.3.1) */
	char *ciphers;     /* OpenSSL cipher list for TLS 1.2 */
	enum config_tls_version min_version;
};

struct config_c2s {
	char addresses[CONFIG_ADDRESSES_MAX][CONFIG_ADDRESS_BYTES]; /* IP literals */
	size_t address_count;
	uint16_t port;            /* STARTTLS (RFC 6120 §5) */
	bool direct_tls;          /* XEP-0368 listener on the same addresses */
	uint16_t direct_tls_port;
};

struct config_sasl {
	enum config_sasl_mech mechanisms[CONFIG_SASL_MECH_COUNT]; /* no duplicates */
	size_t mechanism_count;
	uint32_t scram_iterations;  /* for new and changed passwords */
	uint32_t max_auth_attempts; /* failures on one stream before it is closed */
	uint32_t throttle_window;   /* seconds */
	uint32_t throttle_failures; /* failures per client IP address per window */
};

struct config_limits {
	uint32_t connections_max;
	uint32_t connections_per_ip_max;
	uint32_t read_bytes_per_second; /* per connection */
	uint32_t negotiation_timeout;   /* seconds from accept to a bound resource */
	uint32_t idle_timeout;          /* seconds without a byte from the client */
	uint32_t keepalive_interval;    /* seconds of silence before a space is sent; 0 off */
	uint32_t ping_interval;         /* XEP-0199 seconds; 0 off */
	uint32_t ping_timeout;          /* seconds to wait for the pong */
};

/* log.trace_addresses: an address with a prefix length, host bits zero. */
struct config_prefix {
	int family;       /* AF_INET or AF_INET6 */
	uint8_t addr[16]; /* network byte order; IPv4 uses the first 4 */
	unsigned bits;    /* 0..32 or 0..128 */
};

#define CONFIG_TRACE_ENTRIES_MAX 64

/* The protocol trace (src/trace.h): which connections log every element. */
struct config_log {
	enum config_log_level level;
	bool syslog;
	bool trace; /* every connection */
	/* prepared bare JIDs (jid_parse), each allocated: traced from authentication on */
	char *trace_accounts[CONFIG_TRACE_ENTRIES_MAX];
	size_t trace_account_count;
	/* peer addresses traced from accept on */
	struct config_prefix trace_addresses[CONFIG_TRACE_ENTRIES_MAX];
	size_t trace_address_count;
};

/* Instant messaging (RFC 6121) and the everyday extensions. */
struct config_im {
	uint32_t offline_max;         /* XEP-0160 messages kept per account; 0: no offline storage */
	uint32_t roster_items_max;    /* RFC 6121 §2.3.3: items per roster */
	uint32_t block_items_max;     /* XEP-0191 block list entries per account */
	uint32_t value_bytes_max;     /* one vCard (XEP-0054) or private XML item (XEP-0049) */
	bool version_visible;         /* XEP-0092: answer with name and version (else hidden) */
	bool version_os;              /* XEP-0092: include the operating system */
	bool register_enabled;        /* XEP-0077 in-band registration (account creation) */
	uint32_t register_interval;   /* seconds between two registrations from one address */
};

struct config {
	struct config_server server;
	struct config_tls tls;
	struct config_c2s c2s;
	struct config_sasl sasl;
	enum config_resource_conflict resource_conflict;
	uint32_t resources_max; /* resources.max_per_account: sessions of one account at once */
	uint32_t bind_attempts_max; /* resources.max_bind_attempts: failed binds on one stream before it is closed */
	struct xml_limits xml; /* the limits.* settings that bound the parser */
	struct config_limits limits;
	struct config_im im;
	struct config_log log;
};

/* `errors` may be NULL; otherwise each problem is appended as one line. */
enum config_status config_load_file(const char *path, struct config *out, struct buf *errors)
	__attribute__((warn_unused_result));
/* `name` stands for the file name in messages. */
enum config_status config_load_string(const char *name, const char *text, struct config *out,
				      struct buf *errors) __attribute__((warn_unused_result));
void config_free(struct config *cfg);

/* Every setting, defaults and derived paths included, in libconfig syntax that
 * loads back to the same configuration (`xmppd --check-config`). */
enum config_status config_dump(const struct config *cfg, struct buf *out)
	__attribute__((warn_unused_result));

#endif
