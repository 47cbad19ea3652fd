/* harness.c - fuzz target for the IM service (src/im.h): im_bind(), im_stanza()
 * and im_unbind(), the routing core of RFC 6121 (style rule 14: one target per
 * input entry point; this is the one behind the stream, where bound clients'
 * stanzas enter). It drives the service without sockets, as tests/check_im.c
 * does: up to four sessions whose output is captured, stanzas parsed from text
 * by the real XML parser and passed to im_stanza().
 *
 * The input is a small program, one operation per line ('\n' ends a line; an
 * argument byte is taken modulo its range, so '0'..'3' read as digits):
 *   B k a r   session k (0..3) binds account a (juliet, romeo, nurse, tybalt)
 *             with resource r (balcony, orchard, kitchen, tomb); a bound session
 *             k is closed first. An account missing from the store (tybalt, or
 *             one removed with XEP-0077) is registered first, as a client would.
 *   U k       session k's connection closes: im_unbind().
 *   R v       every connection closes, the service is freed (leak check), the
 *             store is reset and a new service starts with configuration v:
 *             0 replaces a resource in use and keeps 3 offline messages; 1
 *             refuses the resource, has no offline storage, hides its version.
 *   # ...     a comment.
 *   k<xml>    anything else: session k's client sends the rest of the line.
 * Each input starts from the same state: accounts juliet, romeo and nurse with
 * empty rosters, no session, configuration 0.
 *
 * What the stream layer does is mimicked (src/stream.c classify(), conn.c):
 * the text is parsed after a client stream header; only jabber:client message,
 * presence and iq reach im_stanza(); an iq set carrying <bind/> or <session/>
 * is answered by the stream itself and skipped here; any other element or an
 * XML error ends the stream. A stream that ended (that way, or because the
 * service called io.terminate: invalid-from, account removal) delivers nothing
 * more, but its session stays bound until its connection closes: at the next
 * B or U on its slot, an R, or the end of the input. That is when the real
 * server unbinds it too (after flushing, which a slow reader can delay), so
 * other clients' stanzas may reach it meanwhile.
 *
 * The store is one SQLite file in a temporary directory (on /dev/shm when it
 * exists), opened once per process; each input deletes and recreates the
 * accounts (their IM data goes with them: ON DELETE CASCADE), and every
 * STORE_FRESH_RUNS inputs the file itself is replaced, so it cannot grow.
 *
 * Properties, checked after every call into the service (abort() on failure):
 * P1 well-formed output: the bytes a session received during the call parse
 *    with the project's parser, after a client stream header, into complete
 *    top-level elements, each a jabber:client message, presence or iq, and the
 *    stream is still open after them.
 * P2 delivered to the right account: each received stanza has a 'to' whose
 *    bare JID is the receiving session's.
 * P3 every IQ get/set the server answers gets exactly one reply (RFC 6120
 *    §8.2.3): a result or error with the request's id, addressed to the
 *    sender's full JID, from the address the request went to (when it had a
 *    'to' that is a JID), and no other session gets one. Counted for requests
 *    with an id and no forged 'from' that are addressed to no one ('to'
 *    absent), to a bare JID or the domain, to an address that is malformed or
 *    of another domain, or to a full JID no session holds; a request to a
 *    bound full JID is routed to that client, which answers or not.
 * P4 no error in reply to an error (RFC 6120 §8.3.1): after a stanza of type
 *    'error', the sender receives no error stanza except its own, routed back
 *    to it ('from' its own full JID).
 * P5 sessions: router_session_count() and router_account_count() match the
 *    sessions bound here after every operation; nothing is sent to a session
 *    that is not bound; io.unbound is called only for a bound session.
 * P6 no leak: every block allocated through the counting struct mem given to
 *    im_new() is released once every session is unbound and im_free() ran.
 *    (SQLite and the harness allocate elsewhere.)
 * P8 no stale presence (RFC 6121 §4.5.2, §4.6.3, XEP-0191 §3.3): when a
 *    session ends, every available session that holds its available presence
 *    (received from its full JID, not followed by an unavailable) gets an
 *    unavailable from it in the same call. What a session received while not
 *    available is not counted (the server sends presence only to available
 *    resources), and a session whose account blocked anyone is not checked
 *    (XEP-0191 does not say that the blocker gets unavailable presence).
 * P7 no error logged: the store here is a healthy file on a local disk and
 *    memory does not run out, so an error line from the service means it asked
 *    the store something impossible (e.g. the roster of a deleted account).
 *    The harness defines log_line() (src/log.c is not linked) to see them.
 *
 * FUZZ_IM_IGNORE (environment) names properties not to check, e.g. "P7":
 * a way to keep fuzzing past a known finding until it is fixed. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "buf.h"
#include "config.h"
#include "driver.h"
#include "im.h"
#include "jid.h"
#include "log.h"
#include "router.h"
#include "store.h"
#include "xml.h"

#define NS_CLIENT "jabber:client"
#define SESSIONS 4
#define ACCOUNTS 4
#define CONFIGS 2
#define VIEWS 16 /* every full JID the program can bind */
#define STORE_FRESH_RUNS 5000u
#define DOMAIN "example.com"

static const char *const account_names[ACCOUNTS] = { "juliet", "romeo", "nurse", "tybalt" };
static const char *const resource_names[4] = { "balcony", "orchard", "kitchen", "tomb" };
/* Small limits, so that the fuzzer reaches them. */
static const char *const config_texts[CONFIGS] = {
	"server = { domain = \"" DOMAIN "\"; }; resources = { conflict = \"replace\"; };"
	"im = { offline_max = 3; roster_items_max = 4; block_items_max = 3; value_bytes_max = 1024;"
	" version_visible = true; register_enabled = true; };",
	"server = { domain = \"" DOMAIN "\"; }; resources = { conflict = \"refuse\"; };"
	"im = { offline_max = 0; roster_items_max = 2; block_items_max = 1; value_bytes_max = 1024;"
	" version_visible = false; };",
};
static const char stream_head[] = "<stream:stream xmlns='" NS_CLIENT "' xmlns:stream='" XML_NS_STREAMS "'>";
static const char stream_tail[] = "</stream:stream>";

/* One client connection. The session_io ctx points here. */
struct client {
	int index;
	struct session *s;   /* NULL: no bound resource */
	bool ended;          /* the stream ended: delivers nothing, closes at the slot's next op */
	bool unbinding;      /* inside im_unbind() for this client */
	struct buf out;      /* received during the current call into the service */
	char full[64];       /* account@domain/resource while bound */
	size_t full_len, bare_len;
	int account;         /* index in account_names */
	/* P8: the full JIDs whose available presence this session holds */
	char view[VIEWS][64];
	size_t view_len[VIEWS];
};

/* What the client just sent, for the checks on what came back. */
struct request {
	const struct client *sender;
	bool is_error;          /* type='error' (P4) */
	bool expects_reply;     /* P3 */
	struct span id;
	bool check_from;        /* the reply comes from `reply_from` */
	struct jid to;          /* prepared 'to', when check_from */
	int replies;
};

static struct {
	bool ready;
	char dir[64];
	char db[128];
	char db_files[3][160];      /* the database, its WAL and shared memory */
	struct config cfg[CONFIGS];
	struct store *st;
	struct logger log;
	unsigned long runs;
	bool ignore[9];             /* P<n> listed in FUZZ_IM_IGNORE */
	struct xml_parser *checker; /* parses what sessions receive */
	struct xml_limits checker_limits;
	/* per input */
	const uint8_t *input;
	size_t input_len;
	struct counting_mem cm;
	struct im *im;
	int variant;
	struct client clients[SESSIONS];
	bool blocker[ACCOUNTS];   /* the account sent a XEP-0191 block (P8) */
	/* per check */
	struct client *receiver;
	struct request *rq;
	const char *checking;     /* what the call was, for reports */
	/* replay builds: what happened, printed on failure or with FUZZ_VERBOSE */
	struct buf transcript;
} H;

/* ---------- reports ---------- */

#ifdef __AFL_FUZZ_TESTCASE_LEN
#define TRANSCRIPT 0
#else
#define TRANSCRIPT 1
#endif

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
	if (!TRANSCRIPT || H.transcript.len > (1u << 20))
		return;
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > 0 && !buf_append(&H.transcript, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1))
		abort();
}

static void note_bytes(const char *prefix, struct span bytes)
{
	if (!TRANSCRIPT || H.transcript.len > (1u << 20))
		return;
	note("%s", prefix);
	if (!buf_append_span(&H.transcript, bytes) || !buf_append(&H.transcript, "\n", 1))
		abort();
}

static void fail(const char *what, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
static void fail(const char *what, const char *fmt, ...)
{
	char message[1024];
	va_list ap;
	va_start(ap, fmt);
	(void)vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	if (TRANSCRIPT && H.transcript.len > 0)
		(void)fprintf(stderr, "---- transcript:\n%.*s", (int)H.transcript.len, (const char *)H.transcript.data);
	fuzz_fail(H.input, H.input_len, what, "%s (during %s)", message, H.checking != NULL ? H.checking : "setup");
}

/* fail() unless property P<n> is ignored. */
#define CHECK(n, ok, what, ...)                  \
	do {                                     \
		if (!(ok) && !H.ignore[n])       \
			fail(what, __VA_ARGS__); \
	} while (0)

/* The harness itself failed (not a property of the service). */
static void setup_failed(const char *what)
{
	(void)fprintf(stderr, "im harness: %s\n", what);
	abort();
}

/* ---------- log.h, in place of src/log.c (P7) ---------- */

void log_open(const struct logger *lg)
{
	(void)lg;
}

bool log_enabled(const struct logger *lg, enum config_log_level level)
{
	return lg != NULL && level <= lg->level;
}

void log_line(const struct logger *lg, enum config_log_level level, const char *fmt, ...)
{
	(void)lg;
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	note("  log(%s): %s\n", config_log_level_name(level), line);
	CHECK(7, level != CONFIG_LOG_ERROR, "P7 error logged", "the service logged an error: %s", line);
}

/* The protocol trace is never switched on here (session_io.trace is NULL). */
void log_trace(const struct logger *lg, const char *text, size_t len)
{
	(void)lg;
	(void)text;
	(void)len;
}

/* ---------- randomness ---------- */

/* libsodium's randombytes (the router's hash key, salts of a changed
 * password) from a generator restarted for each input, so that an input
 * always takes the same path (AFL++ stability). For fuzzing only. */
static uint64_t rng_state;

static uint32_t rng_random(void)
{
	rng_state ^= rng_state << 13; /* xorshift64 */
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 32);
}

static void rng_buf(void *const buf, const size_t size)
{
	uint8_t *p = buf;
	for (size_t i = 0; i < size; i++)
		p[i] = (uint8_t)rng_random();
}

static const char *rng_name(void)
{
	return "fuzz-im";
}

static randombytes_implementation rng_impl = { rng_name, rng_random, NULL, NULL, rng_buf, NULL };

/* ---------- the store ---------- */

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d != NULL) {
		const struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char p[PATH_MAX];
			(void)snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			(void)unlink(p);
		}
		closedir(d);
	}
	(void)rmdir(dir);
}

#define DIR_PREFIX "xmppd-fuzz-im-"

/* The directories of processes that are gone: killed (AFL++ ends a run with
 * SIGKILL) or ended by a sanitizer's _exit(), neither of which cleans up. */
static void remove_stale_dirs(const char *base)
{
	DIR *d = opendir(base);
	if (d == NULL)
		return;
	const struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, DIR_PREFIX, strlen(DIR_PREFIX)) != 0)
			continue;
		char *end = NULL;
		long pid = strtol(e->d_name + strlen(DIR_PREFIX), &end, 10);
		if (end == NULL || *end != '-' || pid <= 0 || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char p[PATH_MAX];
		(void)snprintf(p, sizeof p, "%s/%s", base, e->d_name);
		remove_dir(p);
	}
	closedir(d);
}

static void at_exit(void)
{
	if (H.checker != NULL)
		xml_parser_free(H.checker);
	store_close(H.st);
	for (int v = 0; v < CONFIGS; v++)
		config_free(&H.cfg[v]);
	if (H.dir[0] != '\0')
		remove_dir(H.dir);
}

/* A failed property aborts: the directory goes too (unlink and rmdir are
 * async-signal-safe), or every crash AFL++ finds would leave one behind. */
static void on_abort(int sig)
{
	for (size_t i = 0; i < 3; i++)
		(void)unlink(H.db_files[i]);
	(void)rmdir(H.dir);
	(void)signal(sig, SIG_DFL);
	(void)raise(sig);
}

static void store_fresh(void)
{
	store_close(H.st);
	H.st = NULL;
	for (size_t i = 0; i < 3; i++)
		(void)unlink(H.db_files[i]);
	if (store_open(mem_default(), H.db, &H.st) != STORE_OK)
		setup_failed("store_open failed");
}

static struct span name_span(const char *name)
{
	return span_of(name, strlen(name));
}

/* Dummy credentials, as tests/check_im.c makes them: nobody logs in here. */
static enum store_status create_account(const char *name)
{
	struct credentials creds;
	memset(&creds, 0, sizeof creds);
	for (int h = 0; h < SCRAM_HASH_COUNT; h++) {
		creds.keys[h].salt_len = 16;
		creds.keys[h].iterations = STORE_SCRAM_ITERATIONS_MIN;
	}
	return store_account_create(H.st, name_span(name), &creds);
}

/* Every account with no IM data: juliet, romeo and nurse exist, tybalt not. */
static void store_reset(void)
{
	for (int a = 0; a < ACCOUNTS; a++) {
		enum store_status st = store_account_delete(H.st, name_span(account_names[a]));
		if (st != STORE_OK && st != STORE_E_NOT_FOUND)
			setup_failed("store_account_delete failed");
	}
	for (int a = 0; a < 3; a++) {
		if (create_account(account_names[a]) != STORE_OK)
			setup_failed("store_account_create failed");
	}
}

static void setup_once(void)
{
	rng_state = 0x9e3779b97f4a7c15u;
	if (randombytes_set_implementation(&rng_impl) != 0 || sodium_init() < 0)
		setup_failed("sodium_init failed");
	for (int v = 0; v < CONFIGS; v++) {
		if (config_load_string("fuzz-im.conf", config_texts[v], &H.cfg[v], NULL) != CONFIG_OK)
			setup_failed("config_load_string failed");
	}
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	remove_stale_dirs(base);
	(void)snprintf(H.dir, sizeof H.dir, "%s/" DIR_PREFIX "%ld-XXXXXX", base, (long)getpid());
	if (mkdtemp(H.dir) == NULL)
		setup_failed("mkdtemp failed");
	(void)snprintf(H.db, sizeof H.db, "%s/im.sqlite", H.dir);
	static const char *const suffixes[3] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++)
		(void)snprintf(H.db_files[i], sizeof H.db_files[i], "%s%s", H.db, suffixes[i]);
	if (signal(SIGABRT, on_abort) == SIG_ERR)
		setup_failed("signal failed");
	store_fresh();
	memset(&H.log, 0, sizeof H.log);
	H.log.level = CONFIG_LOG_ERROR;
	H.checker_limits = (struct xml_limits){ .stanza_bytes_max = 64u << 20, .depth_max = 4096, .attrs_max = 4096,
						.name_bytes_max = 1u << 20, .text_bytes_max = 64u << 20 };
	buf_init(&H.transcript, mem_default());
	for (int k = 0; k < SESSIONS; k++) {
		H.clients[k].index = k;
		buf_init(&H.clients[k].out, mem_default());
	}
	const char *ignore = getenv("FUZZ_IM_IGNORE");
	for (int n = 1; ignore != NULL && n < 9; n++) {
		char name[4];
		(void)snprintf(name, sizeof name, "P%d", n);
		H.ignore[n] = strstr(ignore, name) != NULL;
	}
	if (atexit(at_exit) != 0)
		setup_failed("atexit failed");
	H.ready = true;
}

/* ---------- the clients' side of struct session_io ---------- */

static void io_send(void *ctx, struct span bytes)
{
	struct client *c = ctx;
	CHECK(5, c->s != NULL,
	      "P5 sessions", "%zu bytes sent to client %d, which has no bound session", bytes.len, c->index);
	if (!buf_append_span(&c->out, bytes))
		abort();
}

static void io_terminate(void *ctx, const char *condition, const char *text)
{
	struct client *c = ctx;
	note("  [%d] stream ends: <%s/> %s\n", c->index, condition, text);
	c->ended = true;
}

static void io_unbound(void *ctx)
{
	struct client *c = ctx;
	CHECK(5, c->s != NULL,
	      "P5 sessions", "io.unbound for client %d, which has no bound session", c->index);
	if (!c->unbinding)
		note("  [%d] unbound by the service (replaced)\n", c->index);
	c->s = NULL;
}

/* ---------- checking what sessions received (P1, P2, P3, P4) ---------- */

static bool is(const struct xml_node *n, const char *ns, const char *local)
{
	return span_eq(n->ns, name_span(ns)) && span_eq(n->local, name_span(local));
}

static struct span client_full(const struct client *c)
{
	return span_of(c->full, c->full_len);
}

static struct span client_bare(const struct client *c)
{
	return span_of(c->full, c->bare_len);
}

/* ---------- P8: who holds whose presence ---------- */

static int view_find(const struct client *c, struct span jid)
{
	for (int i = 0; i < VIEWS; i++) {
		if (c->view_len[i] > 0 && span_eq(span_of(c->view[i], c->view_len[i]), jid))
			return i;
	}
	return -1;
}

static void view_update(struct client *c, const struct xml_node *presence)
{
	struct span from = xml_node_attr_value(presence, "from");
	struct span type = xml_node_attr_value(presence, "type");
	if (from.len == 0 || memchr(from.ptr, '/', from.len) == NULL || from.len >= sizeof c->view[0])
		return; /* only a resource's presence is available or not */
	int at = view_find(c, from);
	if (span_eq(type, SPAN_LIT("unavailable"))) {
		if (at >= 0)
			c->view_len[at] = 0;
	} else if (type.len == 0 && at < 0 && c->s != NULL && c->s->available) {
		for (int i = 0; i < VIEWS; i++) {
			if (c->view_len[i] == 0) {
				memcpy(c->view[i], from.ptr, from.len);
				c->view_len[i] = from.len;
				break;
			}
		}
	}
}

static void view_clear(struct client *c)
{
	memset(c->view_len, 0, sizeof c->view_len);
}

/* `gone` (a full JID) just ended: nobody available may still hold it. */
static void views_check_gone(struct span gone)
{
	for (int k = 0; k < SESSIONS; k++) {
		struct client *c = &H.clients[k];
		if (c->s == NULL || !c->s->available || H.blocker[c->account] || view_find(c, gone) < 0)
			continue;
		CHECK(8, false, "P8 stale presence", "client %d (%.*s) still has the available presence of %.*s, whose session ended",
		      k, (int)c->full_len, c->full, (int)gone.len, (const char *)gone.ptr);
	}
}

static enum xml_verdict check_open(void *ctx, const struct xml_node *root)
{
	(void)ctx;
	(void)root;
	return XML_CONTINUE;
}

static void check_close(void *ctx)
{
	(void)ctx;
}

static enum xml_verdict check_stanza(void *ctx, const struct xml_node *n)
{
	(void)ctx;
	struct client *c = H.receiver;
	struct request *rq = H.rq;
	CHECK(1, is(n, NS_CLIENT, "message") || is(n, NS_CLIENT, "presence") || is(n, NS_CLIENT, "iq"),
	      "P1 output", "client %d received <%.*s xmlns='%.*s'>, not a jabber:client stanza", c->index,
	      (int)n->local.len, (const char *)n->local.ptr, (int)n->ns.len, (const char *)n->ns.ptr);
	const struct xml_attr *to = xml_node_attr(n, span_of(NULL, 0), SPAN_LIT("to"));
	CHECK(2, to != NULL,
	      "P2 routing", "client %d received a <%.*s/> without 'to'", c->index, (int)n->local.len,
	      (const char *)n->local.ptr);
	if (to == NULL)
		return XML_CONTINUE;
	const uint8_t *slash = memchr(to->value.ptr, '/', to->value.len);
	struct span to_bare = span_of(to->value.ptr, slash != NULL ? (size_t)(slash - to->value.ptr) : to->value.len);
	CHECK(2, span_eq(to_bare, client_bare(c)),
	      "P2 routing", "client %d (%.*s) received a stanza to '%.*s'", c->index, (int)c->full_len, c->full,
	      (int)to->value.len, (const char *)to->value.ptr);
	if (is(n, NS_CLIENT, "presence"))
		view_update(c, n);
	if (rq == NULL)
		return XML_CONTINUE;
	struct span type = xml_node_attr_value(n, "type");
	struct span from = xml_node_attr_value(n, "from");
	bool error = span_eq(type, SPAN_LIT("error"));
	CHECK(4, !rq->is_error || !error || c != rq->sender || span_eq(from, client_full(c)),
	      "P4 error to error", "client %d sent an error stanza and got an error from '%.*s'", c->index,
	      (int)from.len, (const char *)from.ptr);
	const struct xml_attr *id = xml_node_attr(n, span_of(NULL, 0), SPAN_LIT("id"));
	if (!rq->expects_reply || !is(n, NS_CLIENT, "iq") || !(error || span_eq(type, SPAN_LIT("result"))) ||
	    id == NULL || !span_eq(id->value, rq->id))
		return XML_CONTINUE;
	rq->replies++;
	CHECK(3, c == rq->sender,
	      "P3 iq reply", "the reply to client %d's IQ went to client %d", rq->sender->index, c->index);
	CHECK(3, span_eq(to->value, client_full(c)),
	      "P3 iq reply", "the reply is addressed to '%.*s', not to the sender's full JID", (int)to->value.len,
	      (const char *)to->value.ptr);
	CHECK(3, !rq->check_from || span_eq(from, jid_full(&rq->to)),
	      "P3 iq reply", "the reply comes from '%.*s', the request went to '%.*s'", (int)from.len,
	      (const char *)from.ptr, (int)jid_full(&rq->to).len, (const char *)jid_full(&rq->to).ptr);
	return XML_CONTINUE;
}

/* P1 and the per-stanza checks over everything each client received during
 * the last call, which is then forgotten. */
static void check_outputs(struct request *rq)
{
	for (int k = 0; k < SESSIONS; k++) {
		struct client *c = &H.clients[k];
		if (c->out.len == 0)
			continue;
		char prefix[16];
		(void)snprintf(prefix, sizeof prefix, "  [%d] <- ", k);
		note_bytes(prefix, buf_span(&c->out));
		H.receiver = c;
		H.rq = rq;
		xml_parser_reset(H.checker);
		size_t used = 0;
		enum xml_status s = xml_parser_feed(H.checker, (const uint8_t *)stream_head, sizeof stream_head - 1, &used);
		if (s == XML_STATUS_OK)
			s = xml_parser_feed(H.checker, c->out.data, c->out.len, &used);
		if (s != XML_STATUS_OK && !H.ignore[1]) {
			struct xml_fault f = xml_parser_error(H.checker);
			fail("P1 output", "client %d received bytes that are not complete jabber:client stanzas: %s at byte %llu",
			     k, s == XML_STATUS_ERROR ? xml_error_name(f.error) : "the stream closed",
			     (unsigned long long)(f.offset >= sizeof stream_head - 1 ? f.offset - (sizeof stream_head - 1) : 0));
		}
		s = xml_parser_feed(H.checker, (const uint8_t *)stream_tail, sizeof stream_tail - 1, &used);
		CHECK(1, s == XML_STATUS_CLOSED,
		      "P1 output", "client %d received an incomplete stanza (%s)", k,
		      s == XML_STATUS_ERROR ? xml_error_name(xml_parser_error(H.checker).error) : "still open");
		buf_clear(&c->out);
	}
	H.receiver = NULL;
	H.rq = NULL;
	/* A resource that is not available gets no presence: it forgets what it had. */
	for (int k = 0; k < SESSIONS; k++) {
		if (H.clients[k].s == NULL || !H.clients[k].s->available)
			view_clear(&H.clients[k]);
	}
}

/* P5 */
static void check_sessions(void)
{
	size_t bound = 0, accounts = 0;
	for (int k = 0; k < SESSIONS; k++) {
		const struct client *c = &H.clients[k];
		if (c->s == NULL)
			continue;
		bound++;
		bool first = true;
		for (int j = 0; j < k; j++) {
			if (H.clients[j].s != NULL && span_eq(client_bare(&H.clients[j]), client_bare(c)))
				first = false;
		}
		accounts += first;
	}
	CHECK(5, router_session_count(H.im->router) == bound,
	      "P5 sessions", "router_session_count() is %zu, %zu session(s) are bound",
	      router_session_count(H.im->router), bound);
	CHECK(5, router_account_count(H.im->router) == accounts,
	      "P5 sessions", "router_account_count() is %zu, %zu account(s) have a bound session",
	      router_account_count(H.im->router), accounts);
}

/* ---------- operations ---------- */

static void close_client(struct client *c)
{
	if (c->s != NULL) {
		note("U%d  (connection of %.*s closes)\n", c->index, (int)c->full_len, c->full);
		H.checking = "im_unbind";
		c->unbinding = true;
		im_unbind(H.im, c->s);
		c->unbinding = false;
		c->s = NULL;
		check_outputs(NULL);
		views_check_gone(client_full(c));
	}
	c->ended = false;
}

static void service_start(int variant)
{
	H.variant = variant;
	counting_mem_init(&H.cm);
	struct im_deps deps = { &H.cm.mem, NULL, &H.cfg[variant], H.st, &H.log };
	H.im = im_new(&deps);
	if (H.im == NULL)
		setup_failed("im_new failed");
}

/* P6 */
static void service_stop(void)
{
	for (int k = 0; k < SESSIONS; k++)
		close_client(&H.clients[k]);
	check_sessions();
	im_free(H.im);
	H.im = NULL;
	CHECK(6, H.cm.live == 0,
	      "P6 leak", "im_free() left %ld block(s) allocated through the service's struct mem", H.cm.live);
}

static void op_bind(struct client *c, int account, int resource)
{
	close_client(c);
	const char *name = account_names[account];
	struct credentials creds;
	if (store_account_get(H.st, name_span(name), &creds) == STORE_E_NOT_FOUND) {
		note("   (%s registers)\n", name);
		if (create_account(name) != STORE_OK)
			setup_failed("store_account_create failed");
	}
	int n = snprintf(c->full, sizeof c->full, "%s@" DOMAIN "/%s", name, resource_names[resource]);
	c->full_len = (size_t)n;
	c->bare_len = strlen(name) + 1 + strlen(DOMAIN);
	note("B%d  %.*s\n", c->index, (int)c->full_len, c->full);
	bool in_use = false;
	for (int k = 0; k < SESSIONS; k++)
		in_use = in_use || (H.clients[k].s != NULL && span_eq(client_full(&H.clients[k]), client_full(c)));
	c->account = account;
	bool was_bound[SESSIONS];
	for (int k = 0; k < SESSIONS; k++)
		was_bound[k] = H.clients[k].s != NULL;
	struct session_io io = { c, io_send, io_terminate, io_unbound, NULL };
	struct session *s = NULL;
	H.checking = "im_bind";
	enum stream_bind_result r = im_bind(H.im, client_full(c), &io, "192.0.2.1", &s);
	if (r == STREAM_BIND_OK) {
		CHECK(5, H.variant != 1 || !in_use,
		      "P5 sessions", "im_bind(%.*s) bound a resource in use despite conflict = refuse",
		      (int)c->full_len, c->full);
		CHECK(5, s != NULL, "P5 sessions", "im_bind() succeeded without a session");
		c->s = s;
	} else {
		note("   bind refused (%d)\n", (int)r);
		/* resources.conflict = "refuse" in configuration 1, "replace" in 0 */
		CHECK(5, r == STREAM_BIND_CONFLICT && H.variant == 1 && in_use,
		      "P5 sessions", "im_bind(%.*s) failed with %d", (int)c->full_len, c->full, (int)r);
	}
	check_outputs(NULL);
	for (int k = 0; k < SESSIONS; k++) {
		if (was_bound[k] && H.clients[k].s == NULL) /* replaced (RFC 6120 §7.7.2.2) */
			views_check_gone(client_full(&H.clients[k]));
	}
}

/* Would the server answer this IQ itself (P3)? */
static bool expects_reply(const struct client *c, const struct xml_node *n, struct request *rq)
{
	struct span type = xml_node_attr_value(n, "type");
	if (!is(n, NS_CLIENT, "iq") || (!span_eq(type, SPAN_LIT("get")) && !span_eq(type, SPAN_LIT("set"))))
		return false;
	const struct xml_attr *id = xml_node_attr(n, span_of(NULL, 0), SPAN_LIT("id"));
	if (id == NULL)
		return false;
	rq->id = id->value;
	const struct xml_attr *from = xml_node_attr(n, span_of(NULL, 0), SPAN_LIT("from"));
	if (from != NULL && !span_eq(from->value, client_full(c)) && !span_eq(from->value, client_bare(c)))
		return false; /* the stream ends with <invalid-from/> */
	const struct xml_attr *to = xml_node_attr(n, span_of(NULL, 0), SPAN_LIT("to"));
	if (to == NULL || jid_parse(to->value, &rq->to) != JID_OK)
		return true;
	rq->check_from = true;
	if (!span_eq(jid_domain(&rq->to), SPAN_LIT(DOMAIN)) || jid_is_bare(&rq->to) || jid_local(&rq->to).len == 0)
		return true;
	return router_session(H.im->router, jid_local(&rq->to), jid_resource(&rq->to)) == NULL;
}

struct sending {
	struct client *c;
};

static enum xml_verdict send_open(void *ctx, const struct xml_node *root)
{
	(void)ctx;
	(void)root;
	return XML_CONTINUE;
}

static void send_close(void *ctx)
{
	(void)ctx;
}

static bool has_child(const struct xml_node *n, const char *ns, const char *local)
{
	for (const struct xml_node *ch = n->first_child; ch != NULL; ch = ch->next) {
		if (ch->kind == XML_NODE_ELEMENT && is(ch, ns, local))
			return true;
	}
	return false;
}

static enum xml_verdict send_stanza(void *ctx, const struct xml_node *n)
{
	struct sending *sd = ctx;
	struct client *c = sd->c;
	if (c->ended || c->s == NULL)
		return XML_PAUSE;
	if (!is(n, NS_CLIENT, "message") && !is(n, NS_CLIENT, "presence") && !is(n, NS_CLIENT, "iq")) {
		note("  [%d] stream ends: not a stanza (%.*s)\n", c->index, (int)n->local.len, (const char *)n->local.ptr);
		c->ended = true; /* stream.c: out of order, a stream error */
		return XML_PAUSE;
	}
	if (is(n, NS_CLIENT, "iq") && span_eq(xml_node_attr_value(n, "type"), SPAN_LIT("set")) &&
	    (has_child(n, "urn:ietf:params:xml:ns:xmpp-bind", "bind") ||
	     has_child(n, "urn:ietf:params:xml:ns:xmpp-session", "session")))
		return XML_CONTINUE; /* answered by the stream */
	struct request *rq = malloc(sizeof *rq); /* a struct jid is 3 KB */
	if (rq == NULL)
		abort();
	memset(rq, 0, sizeof *rq);
	rq->sender = c;
	rq->is_error = span_eq(xml_node_attr_value(n, "type"), SPAN_LIT("error"));
	rq->expects_reply = expects_reply(c, n, rq);
	if (is(n, NS_CLIENT, "iq") && has_child(n, "urn:xmpp:blocking", "block"))
		H.blocker[c->account] = true;
	H.checking = "im_stanza";
	im_stanza(H.im, c->s, n);
	check_outputs(rq);
	CHECK(3, !rq->expects_reply || rq->replies == 1,
	      "P3 iq reply", "client %d's IQ id='%.*s' got %d replies", c->index, (int)rq->id.len,
	      (const char *)rq->id.ptr, rq->replies);
	free(rq);
	return c->ended ? XML_PAUSE : XML_CONTINUE;
}

static void op_send(struct client *c, const uint8_t *text, size_t len)
{
	note("%d  %.*s\n", c->index, (int)len, (const char *)text);
	if (c->s == NULL || c->ended)
		return; /* no stream, or it ended: nothing reaches the service */
	struct sending sd = { c };
	struct xml_handler h = { &sd, send_open, send_stanza, send_close };
	struct xml_parser *xp = xml_parser_new(mem_default(), &H.cfg[H.variant].xml, &h);
	if (xp == NULL)
		abort();
	size_t used = 0;
	enum xml_status s = xml_parser_feed(xp, (const uint8_t *)stream_head, sizeof stream_head - 1, &used);
	if (s == XML_STATUS_OK)
		s = xml_parser_feed(xp, text, len, &used);
	if (s == XML_STATUS_ERROR || s == XML_STATUS_CLOSED) {
		note("  [%d] stream ends: %s\n", c->index,
		     s == XML_STATUS_CLOSED ? "</stream:stream>" : xml_error_name(xml_parser_error(xp).error));
		c->ended = true;
	}
	xml_parser_free(xp);
}

static void run_line(const uint8_t *line, size_t len)
{
	if (len == 0 || line[0] == '#')
		return;
	uint8_t arg[3] = { 0, 0, 0 };
	for (size_t i = 0; i < 3 && i + 1 < len; i++)
		arg[i] = line[i + 1];
	switch (line[0]) {
	case 'B':
		op_bind(&H.clients[arg[0] % SESSIONS], arg[1] % ACCOUNTS, arg[2] % 4);
		break;
	case 'U':
		close_client(&H.clients[arg[0] % SESSIONS]);
		break;
	case 'R':
		note("R%d\n", arg[0] % CONFIGS);
		service_stop();
		store_reset();
		memset(H.blocker, 0, sizeof H.blocker);
		service_start(arg[0] % CONFIGS);
		break;
	default:
		op_send(&H.clients[line[0] % SESSIONS], line + 1, len - 1);
		break;
	}
	H.checking = "the operation";
	check_sessions();
}

void fuzz_one(const uint8_t *input, size_t len)
{
	if (!H.ready)
		setup_once();
	/* The parser for the checks (its handler reads H). */
	static const struct xml_handler check_handler = { NULL, check_open, check_stanza, check_close };
	H.checker = xml_parser_new(mem_default(), &H.checker_limits, &check_handler);
	if (H.checker == NULL)
		abort();
	if (++H.runs % STORE_FRESH_RUNS == 0)
		store_fresh();
	H.input = input;
	H.input_len = len;
	H.checking = NULL;
	buf_clear(&H.transcript);
	rng_state = 0x9e3779b97f4a7c15u;
	memset(H.blocker, 0, sizeof H.blocker);
	for (int k = 0; k < SESSIONS; k++)
		view_clear(&H.clients[k]);
	store_reset();
	service_start(0);
	for (size_t at = 0; at < len;) {
		const uint8_t *end = memchr(input + at, '\n', len - at);
		size_t n = end != NULL ? (size_t)(end - (input + at)) : len - at;
		run_line(input + at, n);
		at += n + 1;
	}
	H.checking = "the end of the input";
	service_stop();
	/* Nothing carried to the next input (AFL++ stability): buffers regrow. */
	for (int k = 0; k < SESSIONS; k++)
		buf_free(&H.clients[k].out);
	xml_parser_free(H.checker);
	H.checker = NULL;
#ifndef __AFL_FUZZ_TESTCASE_LEN
	if (getenv("FUZZ_VERBOSE") != NULL && H.transcript.len > 0)
		(void)fprintf(stderr, "%.*s", (int)H.transcript.len, (const char *)H.transcript.data);
#endif
}
