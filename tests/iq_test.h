/* iq_test.h - what the IQ handler tests share (tests/check_iq_*.c): a real
 * store in a mkdtemp() directory, a stanza parsed by the real XML parser, a
 * struct iq_request as iq.c would fill it (no sessions: rq->im and rq->session
 * are NULL), and the outcome rendered as one line to compare:
 *   "result <children of the result>"   or   "error <type> <condition> | <text>".
 *
 * Helpers are static inline: the Makefile links no test support file but
 * tests/xml_log.c. */
#ifndef XMPPD_TEST_IQ_TEST_H
#define XMPPD_TEST_IQ_TEST_H

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "iq.h"
#include "jid.h"
#include "store.h"
#include "subscription.h"
#include "suites.h"
#include "test_dir.h"

/* ---------- the fixture ---------- */

#define IQ_TEST_HDR \
	"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"

struct iq_fixture {
	char dir[64];
	char db_path[128];
	struct store *store;
	struct config cfg;
	struct jid from, to;
	enum iq_target target;
	int64_t now, started;
	/* the last run */
	iq_handler_fn fn;
	char out[8192];
	int stanzas;
};

/* A JID built from parts taken as already prepared (jid_parse lives in jid.c). */
static inline void iq_jid(struct jid *j, const char *local, const char *domain, const char *resource)
{
	memset(j, 0, sizeof *j);
	size_t l = strlen(local), d = strlen(domain), r = strlen(resource), at = 0;
	ck_assert_uint_lt(l + d + r + 2, sizeof j->bytes);
	memcpy(j->bytes, local, l);
	at = l;
	if (l > 0)
		j->bytes[at++] = '@';
	memcpy(j->bytes + at, domain, d);
	at += d;
	if (r > 0) {
		j->bytes[at++] = '/';
		memcpy(j->bytes + at, resource, r);
	}
	j->local_len = (uint16_t)l;
	j->domain_len = (uint16_t)d;
	j->resource_len = (uint16_t)r;
}

/* Opens a store in a fresh directory with accounts for each name (NULL-terminated). */
static inline void iq_fixture_open(struct iq_fixture *fx, const char *const *users)
{
	memset(fx, 0, sizeof *fx);
	(void)snprintf(fx->dir, sizeof fx->dir, "/tmp/xmppd-iq-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(fx->dir));
	(void)snprintf(fx->db_path, sizeof fx->db_path, "%s/iq.sqlite", fx->dir);
	enum store_status s = store_open(mem_default(), fx->db_path, &fx->store);
	ck_assert_msg(s == STORE_OK, "store_open: %s", store_last_error(fx->store));
	struct credentials c;
	memset(&c, 0, sizeof c);
	for (int h = 0; h < SCRAM_HASH_COUNT; h++) {
		c.keys[h].salt_len = 8;
		c.keys[h].iterations = STORE_SCRAM_ITERATIONS_MIN;
	}
	for (size_t i = 0; users[i] != NULL; i++)
		ck_assert_int_eq(store_account_create(fx->store, span_of(users[i], strlen(users[i])), &c), STORE_OK);
	fx->cfg.im.value_bytes_max = 65536;
	fx->cfg.im.version_visible = true;
	fx->now = 1700000000;
	fx->started = 1699990000;
}

static inline void iq_fixture_close(struct iq_fixture *fx)
{
	store_close(fx->store);
	fx->store = NULL;
	test_dir_remove(fx->dir);
}

/* The sender (from_local@localhost/res) and the addressee for the target kind:
 * the domain (IQ_TO_SERVER), the sender's bare JID (IQ_TO_SELF), or
 * to_local@localhost (IQ_TO_ACCOUNT). */
static inline void iq_address(struct iq_fixture *fx, const char *from_local, const char *to_local,
			      enum iq_target target)
{
	iq_jid(&fx->from, from_local, "localhost", "res");
	if (target == IQ_TO_SERVER)
		iq_jid(&fx->to, "", "localhost", "");
	else if (target == IQ_TO_SELF)
		iq_jid(&fx->to, from_local, "localhost", "");
	else
		iq_jid(&fx->to, to_local, "localhost", "");
	fx->target = target;
}

static inline const struct xml_node *iq_first_element(const struct xml_node *n)
{
	for (const struct xml_node *c = n->first_child; c != NULL; c = c->next)
		if (c->kind == XML_NODE_ELEMENT)
			return c;
	return NULL;
}

static inline enum xml_verdict iq_on_stanza(void *ctx, const struct xml_node *stanza)
{
	struct iq_fixture *fx = ctx;
	fx->stanzas++;
	struct buf result;
	buf_init(&result, mem_default());
	struct iq_request rq = {
		.im = NULL,
		.store = fx->store,
		.cfg = &fx->cfg,
		.mem = mem_default(),
		.domain = SPAN_LIT("localhost"),
		.now_unix = fx->now,
		.started_unix = fx->started,
		.peer_ip = "",
		.session = NULL,
		.from = &fx->from,
		.to = &fx->to,
		.target = fx->target,
		.set = span_eq(xml_node_attr_value(stanza, "type"), SPAN_LIT("set")),
		.iq = stanza,
		.payload = iq_first_element(stanza),
		.result = &result,
	};
	ck_assert_ptr_nonnull(rq.payload);
	struct iq_error err = { NULL, NULL, NULL };
	if (fx->fn(&rq, &err)) {
		ck_assert_ptr_null(err.condition);
		(void)snprintf(fx->out, sizeof fx->out, "result %.*s", (int)result.len,
			       result.len > 0 ? (const char *)result.data : "");
	} else {
		/* A refusal leaves no half-written result behind. */
		ck_assert_uint_eq(result.len, 0);
		ck_assert_ptr_nonnull(err.type);
		ck_assert_ptr_nonnull(err.condition);
		ck_assert_ptr_nonnull(err.text);
		(void)snprintf(fx->out, sizeof fx->out, "error %s %s | %s", err.type, err.condition, err.text);
	}
	buf_free(&result);
	return XML_CONTINUE;
}

/* Parses one <iq/> (jabber:client) and runs fn on it; returns the outcome line. */
static inline const char *iq_run(struct iq_fixture *fx, iq_handler_fn fn, const char *iq)
{
	fx->fn = fn;
	fx->stanzas = 0;
	fx->out[0] = '\0';
	struct xml_handler h = { fx, NULL, iq_on_stanza, NULL };
	struct xml_parser *xp = xml_parser_new(mem_default(), NULL, &h);
	ck_assert_ptr_nonnull(xp);
	size_t used = 0;
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)IQ_TEST_HDR, strlen(IQ_TEST_HDR), &used),
			 XML_STATUS_OK);
	ck_assert_int_eq(xml_parser_feed(xp, (const uint8_t *)iq, strlen(iq), &used), XML_STATUS_OK);
	xml_parser_free(xp);
	ck_assert_int_eq(fx->stanzas, 1);
	return fx->out;
}

/* The error line's start, for checks that do not spell out the whole text. */
static inline void iq_assert_error(const char *out, const char *type_condition, const char *cites)
{
	char want[128];
	(void)snprintf(want, sizeof want, "error %s | %s", type_condition, cites);
	ck_assert_msg(strncmp(out, want, strlen(want)) == 0, "got '%s', want it to start with '%s'", out, want);
}

#endif
