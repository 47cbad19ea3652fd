/* check_iq_register.c - jabber:iq:register after authentication
 * (src/iq_register.c, XEP-0077 §3.2, §3.3) against a real account store in a
 * directory from mkdtemp(). Requests are parsed from XML and handed to the
 * handlers as iq.c will: the payload is the <query/>, rq->im is NULL. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "account.h"
#include "iq_register.h"
#include "scram.h"
#include "suites.h"
#include "test_dir.h"

#define STREAM_OPEN "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"

static char dir[64];
static char db_path[128];
static struct store *store;
static struct config cfg;

static void setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	(void)snprintf(dir, sizeof dir, "/tmp/xmppd-iq-register-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	(void)snprintf(db_path, sizeof db_path, "%s/accounts.sqlite", dir);
	ck_assert_int_eq(store_open(mem_default(), db_path, &store), STORE_OK);
	memset(&cfg, 0, sizeof cfg);
	cfg.sasl.scram_iterations = 4096;
	struct credentials creds;
	ck_assert(account_credentials_create(SPAN_LIT("r0m30myr0m30"), 4096, &creds));
	ck_assert_int_eq(store_account_create(store, SPAN_LIT("juliet"), &creds), STORE_OK);
	ck_assert_int_eq(store_account_create(store, SPAN_LIT("romeo"), &creds), STORE_OK);
}

static void teardown(void)
{
	store_close(store);
	store = NULL;
	test_dir_remove(dir);
}

/* What one request came to. */
struct outcome {
	bool called, ok, removed;
	struct iq_error err;
	char result[1024];
};

struct call {
	struct outcome *out;
	struct store *store;
	const char *local;          /* the sender's localpart */
	const struct mem *result_mem; /* what the result buffer allocates with */
};

static void *refuse_alloc(void *ctx, size_t size)
{
	(void)ctx;
	(void)size;
	return NULL;
}

static void release_nothing(void *ctx, void *ptr)
{
	(void)ctx;
	(void)ptr;
}

static const struct mem no_memory = { refuse_alloc, release_nothing, NULL };

/* The sender's JID laid out as jid.h describes (local '@' domain '/' resource). */
static void make_jid(struct jid *j, const char *local)
{
	memset(j, 0, sizeof *j);
	int n = snprintf((char *)j->bytes, sizeof j->bytes, "%s@example.com/balcony", local);
	ck_assert_int_gt(n, 0);
	j->local_len = (uint16_t)strlen(local);
	j->domain_len = (uint16_t)strlen("example.com");
	j->resource_len = (uint16_t)strlen("balcony");
}

static enum xml_verdict on_stanza(void *ctx, const struct xml_node *iq)
{
	struct call *call = ctx;
	struct jid from;
	make_jid(&from, call->local);
	struct buf result;
	buf_init(&result, call->result_mem);
	const struct xml_node *payload = iq->first_child;
	while (payload != NULL && payload->kind != XML_NODE_ELEMENT)
		payload = payload->next;
	ck_assert_ptr_nonnull(payload);
	struct iq_request rq = {
		.im = NULL,
		.store = call->store,
		.cfg = &cfg,
		.mem = mem_default(),
		.domain = SPAN_LIT("example.com"),
		.peer_ip = "",
		.from = &from,
		.target = IQ_TO_SELF,
		.set = span_eq(xml_node_attr_value(iq, "type"), SPAN_LIT("set")),
		.iq = iq,
		.payload = payload,
		.result = &result,
	};
	struct outcome *o = call->out;
	o->called = true;
	o->ok = rq.set ? iq_register_set(&rq, &o->err) : iq_register_get(&rq, &o->err);
	o->removed = rq.account_removed;
	ck_assert_uint_lt(result.len, sizeof o->result);
	memcpy(o->result, result.data != NULL ? (const char *)result.data : "", result.len);
	o->result[result.len] = '\0';
	buf_free(&result);
	return XML_CONTINUE;
}

static struct outcome request_with(struct store *st, const char *local, const struct mem *result_mem,
				   const char *iq)
{
	struct outcome out;
	memset(&out, 0, sizeof out);
	struct call call = { &out, st, local, result_mem };
	struct xml_handler h = { &call, NULL, on_stanza, NULL };
	struct xml_limits limits = xml_limits_default();
	struct xml_parser *xp = xml_parser_new(mem_default(), &limits, &h);
	ck_assert_ptr_nonnull(xp);
	char text[4096];
	int n = snprintf(text, sizeof text, STREAM_OPEN "%s", iq);
	ck_assert(n > 0 && (size_t)n < sizeof text);
	size_t used;
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)text, (size_t)n, &used), XML_STATUS_OK);
	xml_parser_free(xp);
	ck_assert(out.called);
	return out;
}

static struct outcome request_as(struct store *st, const char *local, const char *iq)
{
	return request_with(st, local, mem_default(), iq);
}

static struct outcome request(const char *iq)
{
	return request_as(store, "juliet", iq);
}

static void expect_error(const struct outcome *o, const char *type, const char *condition)
{
	ck_assert(!o->ok);
	ck_assert_str_eq(o->err.type, type);
	ck_assert_str_eq(o->err.condition, condition);
	ck_assert_ptr_nonnull(strstr(o->err.text, "§"));
	ck_assert_str_eq(o->result, "");
	ck_assert(!o->removed);
}

/* Whether `password` logs `user` in now (PLAIN against the stored SHA-256 keys). */
static bool password_works(const char *user, const char *password)
{
	struct credentials creds;
	if (store_account_get(store, span_of(user, strlen(user)), &creds) != STORE_OK)
		return false;
	bool ok = true;
	for (int h = 0; h < SCRAM_HASH_COUNT; h++)
		ok = ok && scram_verify_plain(&creds.keys[h], (enum scram_hash)h,
					      span_of(password, strlen(password))) == SASL_OK;
	return ok;
}

/* XEP-0077 §3.1: "the IQ result ... MUST contain an empty <registered/>
 * element", the information on file (the password MAY be empty), instructions. */
START_TEST(test_get_says_registered)
{
	/* Requirement: XEP0077-3.1-c, XEP0077-3.1-d, XEP0077-3.1-e, XEP0077-4-a */
	struct outcome o = request("<iq type='get' id='reg1'><query xmlns='jabber:iq:register'/></iq>");
	ck_assert(o.ok);
	ck_assert_str_eq(o.result, "<query xmlns='jabber:iq:register'><registered/><instructions>This account is "
		       "registered. Send your username with a new password to change it, or remove to cancel the "
		       "account.</instructions><username>juliet</username><password/></query>");
	ck_assert(!o.removed);
	/* The username is written as text (escaped). */
	o = request_as(store, "a&b", "<iq type='get' id='reg1'><query xmlns='jabber:iq:register'/></iq>");
	ck_assert(o.ok);
	ck_assert_ptr_nonnull(strstr(o.result, "<username>a&amp;b</username>"));
	/* No memory for the answer: an error instead of half a result. */
	o = request_with(store, "juliet", &no_memory, "<iq type='get' id='reg1'><query xmlns='jabber:iq:register'/></iq>");
	expect_error(&o, "wait", "resource-constraint");
}
END_TEST

/* §3.3: username + password change the password: both hashes, new salts. */
START_TEST(test_password_change)
{
	/* Requirement: XEP0077-3.3-a */
	struct credentials before;
	ck_assert_int_eq(store_account_get(store, SPAN_LIT("juliet"), &before), STORE_OK);
	struct outcome o = request("<iq type='set' id='change1'><query xmlns='jabber:iq:register'>"
				   "<username>juliet</username><password>n&amp;wpass</password></query></iq>");
	ck_assert(o.ok);
	ck_assert_str_eq(o.result, "");
	ck_assert(!o.removed);
	ck_assert(password_works("juliet", "n&wpass"));
	ck_assert(!password_works("juliet", "r0m30myr0m30"));
	struct credentials after;
	ck_assert_int_eq(store_account_get(store, SPAN_LIT("juliet"), &after), STORE_OK);
	ck_assert(memcmp(before.keys[SCRAM_SHA256].salt, after.keys[SCRAM_SHA256].salt, SCRAM_SALT_LEN) != 0);
	ck_assert_uint_eq(after.keys[SCRAM_SHA1].iterations, 4096);
	/* The bare JID names the account as well (the data-form spelling). */
	o = request("<iq type='set' id='change2'><query xmlns='jabber:iq:register'>"
		    "<username>juliet@example.com</username><password>third</password></query></iq>");
	ck_assert(o.ok);
	ck_assert(password_works("juliet", "third"));
	ck_assert(password_works("romeo", "r0m30myr0m30")); /* nobody else's */
}
END_TEST

struct refusal {
	const char *iq;
	const char *type, *condition;
};

static const struct refusal refusals[] = {
	/* §3.3: "MUST NOT change the password to a null value" */
	{ "<iq type='set' id='c'><query xmlns='jabber:iq:register'><username>juliet</username><password/>"
	  "</query></iq>", "modify", "bad-request" },
	{ "<iq type='set' id='c'><query xmlns='jabber:iq:register'><username>juliet</username></query></iq>",
	  "modify", "bad-request" },
	/* §3.3 table: "does not contain complete information (e.g., ... <username/>)" */
	{ "<iq type='set' id='c'><query xmlns='jabber:iq:register'><password>x</password></query></iq>",
	  "modify", "bad-request" },
	{ "<iq type='set' id='c'><query xmlns='jabber:iq:register'/></iq>", "modify", "bad-request" },
	{ "<iq type='set' id='c'><query xmlns='jabber:iq:register'><username/><password>x</password></query></iq>",
	  "modify", "bad-request" },
	/* Another account's password (RFC 6120 §8.3.3.5). */
	{ "<iq type='set' id='c'><query xmlns='jabber:iq:register'><username>romeo</username><password>x</password>"
	  "</query></iq>", "auth", "forbidden" },
	{ "<iq type='set' id='c'><query xmlns='jabber:iq:register'><username>juliet@example.net</username>"
	  "<password>x</password></query></iq>", "auth", "forbidden" },
	{ "<iq type='set' id='c'><query xmlns='jabber:iq:register'><username>juliet@example.comx</username>"
	  "<password>x</password></query></iq>", "auth", "forbidden" },
	{ "<iq type='set' id='c'><query xmlns='jabber:iq:register'><username>julietXexample.com</username>"
	  "<password>x</password></query></iq>", "auth", "forbidden" },
	/* §3.2 table: "The <remove/> element was not the only child element" */
	{ "<iq type='set' id='c'><query xmlns='jabber:iq:register'><remove/><username>juliet</username></query></iq>",
	  "modify", "bad-request" },
	{ "<iq type='set' id='c'><query xmlns='jabber:iq:register'><remove/><x xmlns='jabber:x:data'/></query></iq>",
	  "modify", "bad-request" },
};

START_TEST(test_refusals_change_nothing)
{
	/* Requirement: XEP0077-3.3-b, XEP0077-3.3-c */
	const struct refusal *r = &refusals[_i];
	struct outcome o = request(r->iq);
	expect_error(&o, r->type, r->condition);
	ck_assert(password_works("juliet", "r0m30myr0m30"));
	ck_assert(password_works("romeo", "r0m30myr0m30"));
}
END_TEST

START_TEST(test_password_length)
{
	char iq[2048], pass[ACCOUNT_PASSWORD_MAX + 2];
	memset(pass, 'p', sizeof pass - 1);
	pass[sizeof pass - 1] = '\0';
	snprintf(iq, sizeof iq, "<iq type='set' id='c'><query xmlns='jabber:iq:register'><username>juliet</username>"
		 "<password>%s</password></query></iq>", pass);
	struct outcome o = request(iq);
	expect_error(&o, "modify", "not-acceptable");
	pass[ACCOUNT_PASSWORD_MAX] = '\0';
	snprintf(iq, sizeof iq, "<iq type='set' id='c'><query xmlns='jabber:iq:register'><username>juliet</username>"
		 "<password>%s</password></query></iq>", pass);
	o = request(iq);
	ck_assert(o.ok);
	ck_assert(password_works("juliet", pass));
}
END_TEST

/* §3.2: <remove/> deletes the account; the caller is told to end its streams. */
START_TEST(test_remove)
{
	/* Requirement: XEP0077-3.2-a, XEP0077-3.2-c */
	/* Requirement: RFC6120-8.3.3.15-a */
	struct outcome o = request("<iq type='set' id='unreg1'><query xmlns='jabber:iq:register'><remove/></query></iq>");
	ck_assert(o.ok);
	ck_assert(o.removed);
	ck_assert_str_eq(o.result, "");
	struct credentials creds;
	ck_assert_int_eq(store_account_get(store, SPAN_LIT("juliet"), &creds), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_account_get(store, SPAN_LIT("romeo"), &creds), STORE_OK);
	/* §3.2 table: "The entity sending the remove request was not previously registered". */
	o = request("<iq type='set' id='unreg2'><query xmlns='jabber:iq:register'><remove/></query></iq>");
	expect_error(&o, "auth", "registration-required");
	o = request("<iq type='set' id='c'><query xmlns='jabber:iq:register'><username>juliet</username>"
		    "<password>x</password></query></iq>");
	expect_error(&o, "auth", "registration-required");
}
END_TEST

/* A store that cannot be used, and a key derivation that fails. */
START_TEST(test_internal_failures)
{
	/* Requirement: RFC6120-8.3.3.6-a */
	struct store *broken = NULL;
	char path[256];
	(void)snprintf(path, sizeof path, "%s/missing/dir/x.sqlite", dir);
	ck_assert_int_ne(store_open(mem_default(), path, &broken), STORE_OK);
	struct outcome o = request_as(broken, "juliet",
				      "<iq type='set' id='c'><query xmlns='jabber:iq:register'><remove/></query></iq>");
	expect_error(&o, "cancel", "internal-server-error");
	o = request_as(broken, "juliet", "<iq type='set' id='c'><query xmlns='jabber:iq:register'>"
			       "<username>juliet</username><password>x</password></query></iq>");
	expect_error(&o, "cancel", "internal-server-error");
	store_close(broken);
	cfg.sasl.scram_iterations = 0; /* PBKDF2 refuses it */
	o = request("<iq type='set' id='c'><query xmlns='jabber:iq:register'><username>juliet</username>"
		    "<password>x</password></query></iq>");
	expect_error(&o, "cancel", "internal-server-error");
	ck_assert(password_works("juliet", "r0m30myr0m30"));
}
END_TEST

Suite *iq_register_suite(void)
{
	Suite *s = suite_create("iq_register");
	TCase *tc = tcase_create("xep0077");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_get_says_registered);
	tcase_add_test(tc, test_password_change);
	tcase_add_loop_test(tc, test_refusals_change_nothing, 0, sizeof refusals / sizeof refusals[0]);
	tcase_add_test(tc, test_password_length);
	tcase_add_test(tc, test_remove);
	tcase_add_test(tc, test_internal_failures);
	suite_add_tcase(s, tc);
	return s;
}
