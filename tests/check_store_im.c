/* check_store_im.c - per-account IM data in the store (src/store_im.c): roster
 * versions and tombstones (RFC 6121 §2.6), groups, pending subscription
 * requests, offline messages (XEP-0160) with their limit, opaque values
 * (XEP-0054, XEP-0049), the block list (XEP-0191) with its limit, last activity
 * (XEP-0012); durability, the cascade from account deletion, the migration from
 * the schema before these tables. Each test works in its own mkdtemp()
 * directory and looks at the file with raw SQLite where the API cannot. */
#include <dirent.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "subscription.h"
#include "suites.h"
#include "test_dir.h"

/* ---------- fixture ---------- */

static char dir[64];
static char db_path[128];

static void setup(void)
{
	(void)snprintf(dir, sizeof dir, "/tmp/xmppd-store-im-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	(void)snprintf(db_path, sizeof db_path, "%s/im.sqlite", dir);
}

static void teardown(void)
{
	test_dir_remove(dir);
}

static struct credentials creds(void)
{
	struct credentials c;
	memset(&c, 0, sizeof c);
	for (int h = 0; h < SCRAM_HASH_COUNT; h++) {
		c.keys[h].salt_len = 16;
		memset(c.keys[h].salt, 0x5a, 16);
		c.keys[h].iterations = STORE_SCRAM_ITERATIONS_MIN;
		memset(c.keys[h].stored_key, 0x11, SCRAM_KEY_MAX);
		memset(c.keys[h].server_key, 0x22, SCRAM_KEY_MAX);
	}
	/* Bytes past SHA-1's digest are not stored; keep them zero. */
	memset(c.keys[SCRAM_SHA1].stored_key + 20, 0, SCRAM_KEY_MAX - 20);
	memset(c.keys[SCRAM_SHA1].server_key + 20, 0, SCRAM_KEY_MAX - 20);
	return c;
}

#define ALICE SPAN_LIT("alice")
#define BOB SPAN_LIT("bob")

static struct store *open_ok(void)
{
	struct store *st = NULL;
	enum store_status s = store_open(mem_default(), db_path, &st);
	ck_assert_msg(s == STORE_OK, "store_open: %s: %s", store_status_name(s), store_last_error(st));
	return st;
}

/* A store with accounts alice and bob. */
static struct store *open_with_users(void)
{
	struct store *st = open_ok();
	struct credentials c = creds();
	ck_assert_int_eq(store_account_create(st, ALICE, &c), STORE_OK);
	ck_assert_int_eq(store_account_create(st, BOB, &c), STORE_OK);
	return st;
}

static struct span str(const char *s)
{
	return span_of(s, strlen(s));
}

static void assert_span(struct span got, const char *want)
{
	ck_assert_msg(span_eq(got, str(want)), "got '%.*s', want '%s'", (int)got.len,
		      got.ptr != NULL ? (const char *)got.ptr : "", want);
}

#define OK(call)                                                                                   \
	do {                                                                                       \
		enum store_status s_ = (call);                                                     \
		ck_assert_msg(s_ == STORE_OK, "%s: %s: %s", #call, store_status_name(s_),          \
			      store_last_error(st));                                               \
	} while (0)

static sqlite3 *raw_open(void)
{
	sqlite3 *db = NULL;
	ck_assert_int_eq(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	return db;
}

static long long raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	long long v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

static struct store_roster_item item_of(const char *contact, const char *name, enum sub_state state)
{
	struct store_roster_item it;
	memset(&it, 0, sizeof it);
	it.contact = str(contact);
	it.name = str(name);
	it.state = state;
	it.in_roster = true;
	return it;
}

/* ---------- roster: collecting a listing ---------- */

struct listing {
	char text[2048]; /* "contact@ver[-] ..." with '-' for a tombstone */
	size_t calls;
	size_t stop_after; /* 0: never */
};

static bool collect_item(void *ctx, const struct store_roster_item *it)
{
	struct listing *l = ctx;
	size_t used = strlen(l->text);
	(void)snprintf(l->text + used, sizeof l->text - used, "%s%.*s@%llu%s", used > 0 ? " " : "",
		       (int)it->contact.len, (const char *)it->contact.ptr, (unsigned long long)it->ver,
		       it->removed ? "-" : "");
	l->calls++;
	return l->stop_after == 0 || l->calls < l->stop_after;
}

static const char *list_since(struct store *st, struct span user, uint64_t since, struct listing *l)
{
	memset(l, 0, sizeof *l);
	OK(store_roster_list(st, user, since, collect_item, l));
	return l->text;
}

/* ---------- status tables ---------- */

START_TEST(test_status_tables_complete)
{
	for (int s = 0; s < STORE_STATUS_COUNT; s++) {
		ck_assert_int_eq(strncmp(store_status_name(s), "STORE_", 6), 0);
		ck_assert_uint_gt(strlen(store_status_text(s)), 0);
		ck_assert_str_ne(store_status_text(s), "unknown store status");
	}
	ck_assert_str_eq(store_status_name(STORE_E_LIMIT), "STORE_E_LIMIT");
	ck_assert_str_eq(store_status_name(STORE_E_TOO_LARGE), "STORE_E_TOO_LARGE");
	ck_assert_str_eq(store_status_name(STORE_E_INVALID), "STORE_E_INVALID");
	ck_assert_str_eq(store_status_text(STORE_STATUS_COUNT), "unknown store status");
}
END_TEST

/* ---------- roster ---------- */

START_TEST(test_roster_round_trip)
{
	struct store *st = open_with_users();
	uint64_t ver = 99;
	OK(store_roster_version(st, ALICE, &ver));
	ck_assert_uint_eq(ver, 0); /* a roster that never changed */

	struct store_roster_item it = item_of("juliet@example.com", "Juliet", SUB_TO_PENDING_IN), got;
	it.groups[0] = str("Friends");
	it.groups[1] = str("Lovers");
	it.group_count = 2;
	it.pending = str("<presence type='subscribe'/>");
	it.ver = 12345;    /* ignored */
	it.removed = true; /* ignored */
	OK(store_roster_put(st, ALICE, &it, &ver));
	ck_assert_uint_eq(ver, 1);

	OK(store_roster_get(st, ALICE, str("juliet@example.com"), &got));
	assert_span(got.contact, "juliet@example.com");
	assert_span(got.name, "Juliet");
	ck_assert_int_eq(got.state, SUB_TO_PENDING_IN);
	ck_assert(got.in_roster);
	ck_assert(!got.removed);
	ck_assert_uint_eq(got.ver, 1);
	ck_assert_uint_eq(got.group_count, 2);
	assert_span(got.groups[0], "Friends");
	assert_span(got.groups[1], "Lovers");
	assert_span(got.pending, "<presence type='subscribe'/>");

	/* Replacing: everything is the new item's, at a new version. */
	struct store_roster_item again = item_of("juliet@example.com", "", SUB_BOTH);
	again.in_roster = false;
	OK(store_roster_put(st, ALICE, &again, &ver));
	ck_assert_uint_eq(ver, 2);
	OK(store_roster_get(st, ALICE, str("juliet@example.com"), &got));
	ck_assert_uint_eq(got.name.len, 0);
	ck_assert_uint_eq(got.pending.len, 0);
	ck_assert_uint_eq(got.group_count, 0);
	ck_assert_int_eq(got.state, SUB_BOTH);
	ck_assert(!got.in_roster);
	ck_assert_uint_eq(got.ver, 2);
	OK(store_roster_version(st, ALICE, &ver));
	ck_assert_uint_eq(ver, 2);

	/* Contacts compare byte for byte; other users do not see it. */
	ck_assert_int_eq(store_roster_get(st, ALICE, str("Juliet@example.com"), &got), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_roster_get(st, BOB, str("juliet@example.com"), &got), STORE_E_NOT_FOUND);
	OK(store_roster_version(st, BOB, &ver));
	ck_assert_uint_eq(ver, 0);
	store_close(st);
}
END_TEST

/* RFC 6121 §2.6: since = 0 is the whole roster (no tombstones); since = N is
 * every change after N, removals included, in version order. */
/* Requirement: RFC6121-2.6.3-c, RFC6121-2.6.3-e, RFC6121-2.6.3-f */
START_TEST(test_roster_versioning)
{
	struct store *st = open_with_users();
	uint64_t ver = 0;
	struct listing l;
	struct store_roster_item a = item_of("a@x", "A", SUB_BOTH), b = item_of("b@x", "B", SUB_TO),
				 c = item_of("c@x", "C", SUB_NONE_PENDING_OUT);
	OK(store_roster_put(st, ALICE, &a, &ver)); /* 1 */
	OK(store_roster_put(st, ALICE, &b, &ver)); /* 2 */
	OK(store_roster_put(st, ALICE, &c, &ver)); /* 3 */
	OK(store_roster_remove(st, ALICE, str("b@x"), &ver));
	ck_assert_uint_eq(ver, 4);
	OK(store_roster_put(st, ALICE, &a, &ver));
	ck_assert_uint_eq(ver, 5);

	ck_assert_str_eq(list_since(st, ALICE, 0, &l), "c@x@3 a@x@5");
	ck_assert_str_eq(list_since(st, ALICE, 1, &l), "c@x@3 b@x@4- a@x@5");
	ck_assert_str_eq(list_since(st, ALICE, 3, &l), "b@x@4- a@x@5");
	ck_assert_str_eq(list_since(st, ALICE, 4, &l), "a@x@5");
	ck_assert_str_eq(list_since(st, ALICE, 5, &l), "");
	/* A version from the future (another server's, a restored backup): nothing
	 * after it; the caller compares with store_roster_version and sends all. */
	ck_assert_str_eq(list_since(st, ALICE, 1000, &l), "");
	ck_assert_str_eq(list_since(st, ALICE, UINT64_MAX, &l), "");
	ck_assert_str_eq(list_since(st, BOB, 0, &l), "");

	/* A tombstone is not found and cannot be removed twice; the version stays. */
	struct store_roster_item got;
	ck_assert_int_eq(store_roster_get(st, ALICE, str("b@x"), &got), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_roster_remove(st, ALICE, str("b@x"), &ver), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_roster_remove(st, ALICE, str("never@x"), &ver), STORE_E_NOT_FOUND);
	ck_assert_uint_eq(ver, 5); /* *ver untouched on failure */
	OK(store_roster_version(st, ALICE, &ver));
	ck_assert_uint_eq(ver, 5);

	/* Putting it back revives it at a new version. */
	OK(store_roster_put(st, ALICE, &b, &ver));
	ck_assert_uint_eq(ver, 6);
	OK(store_roster_get(st, ALICE, str("b@x"), &got));
	assert_span(got.name, "B");
	ck_assert_str_eq(list_since(st, ALICE, 0, &l), "c@x@3 a@x@5 b@x@6");
	ck_assert_str_eq(list_since(st, ALICE, 3, &l), "a@x@5 b@x@6");

	/* Items that only track a subscription (in_roster false) are listed too. */
	struct store_roster_item d = item_of("d@x", "", SUB_NONE_PENDING_IN);
	d.in_roster = false;
	OK(store_roster_put(st, ALICE, &d, &ver));
	ck_assert_str_eq(list_since(st, ALICE, 6, &l), "d@x@7");

	/* The callback can stop the walk. */
	memset(&l, 0, sizeof l);
	l.stop_after = 2;
	OK(store_roster_list(st, ALICE, 0, collect_item, &l));
	ck_assert_str_eq(l.text, "c@x@3 a@x@5");
	store_close(st);
}
END_TEST

struct tombstone_check {
	int seen;
};

static bool check_tombstone(void *ctx, const struct store_roster_item *it)
{
	struct tombstone_check *t = ctx;
	ck_assert(it->removed);
	ck_assert_uint_eq(it->name.len, 0);
	ck_assert_uint_eq(it->group_count, 0);
	ck_assert_uint_eq(it->pending.len, 0);
	t->seen++;
	return true;
}

START_TEST(test_roster_tombstone_keeps_nothing_else)
{
	struct store *st = open_with_users();
	uint64_t ver = 0;
	struct store_roster_item it = item_of("gone@x", "Gone", SUB_BOTH);
	it.groups[0] = str("G");
	it.group_count = 1;
	it.pending = str("<presence/>");
	OK(store_roster_put(st, ALICE, &it, &ver));
	OK(store_roster_remove(st, ALICE, str("gone@x"), &ver));
	struct tombstone_check t = { 0 };
	OK(store_roster_list(st, ALICE, 1, check_tombstone, &t));
	ck_assert_int_eq(t.seen, 1);
	store_close(st);
}
END_TEST

START_TEST(test_roster_groups)
{
	struct store *st = open_with_users();
	uint64_t ver = 0;
	struct store_roster_item it = item_of("g@x", "G", SUB_BOTH), got;

	/* none */
	OK(store_roster_put(st, ALICE, &it, &ver));
	OK(store_roster_get(st, ALICE, str("g@x"), &got));
	ck_assert_uint_eq(got.group_count, 0);

	/* several, kept in order, any bytes (UTF-8, a NUL, an empty name) */
	static const char nul_group[] = { 'a', '\0', 'b' };
	it.groups[0] = str("Zeta");
	it.groups[1] = str("\xc3\x84rger");
	it.groups[2] = span_of(nul_group, sizeof nul_group);
	it.groups[3] = str("");
	it.groups[4] = str("Alpha");
	it.group_count = 5;
	OK(store_roster_put(st, ALICE, &it, &ver));
	OK(store_roster_get(st, ALICE, str("g@x"), &got));
	ck_assert_uint_eq(got.group_count, 5);
	for (size_t i = 0; i < 5; i++)
		ck_assert(span_eq(got.groups[i], it.groups[i]));

	/* exactly STORE_ROSTER_GROUPS_MAX */
	char names[STORE_ROSTER_GROUPS_MAX + 1][8];
	for (size_t i = 0; i <= STORE_ROSTER_GROUPS_MAX; i++)
		(void)snprintf(names[i], sizeof names[i], "g%zu", i);
	for (size_t i = 0; i < STORE_ROSTER_GROUPS_MAX; i++)
		it.groups[i] = str(names[i]);
	it.group_count = STORE_ROSTER_GROUPS_MAX;
	OK(store_roster_put(st, ALICE, &it, &ver));
	ck_assert_uint_eq(ver, 3);
	OK(store_roster_get(st, ALICE, str("g@x"), &got));
	ck_assert_uint_eq(got.group_count, STORE_ROSTER_GROUPS_MAX);
	for (size_t i = 0; i < STORE_ROSTER_GROUPS_MAX; i++)
		assert_span(got.groups[i], names[i]);

	/* one more is refused and changes nothing, not even the version */
	it.group_count = STORE_ROSTER_GROUPS_MAX + 1;
	ck_assert_int_eq(store_roster_put(st, ALICE, &it, &ver), STORE_E_LIMIT);
	ck_assert_ptr_nonnull(strstr(store_last_error(st), "65 roster groups; at most 64"));
	OK(store_roster_version(st, ALICE, &ver));
	ck_assert_uint_eq(ver, 3);
	OK(store_roster_get(st, ALICE, str("g@x"), &got));
	ck_assert_uint_eq(got.group_count, STORE_ROSTER_GROUPS_MAX);
	store_close(st);
}
END_TEST

START_TEST(test_roster_input_checks)
{
	struct store *st = open_with_users();
	uint64_t ver = 0;
	struct store_roster_item it = item_of("x@y", "", SUB_NONE), got;

	it.state = SUB_STATE_COUNT;
	ck_assert_int_eq(store_roster_put(st, ALICE, &it, &ver), STORE_E_INVALID);
	it.state = -1;
	ck_assert_int_eq(store_roster_put(st, ALICE, &it, &ver), STORE_E_INVALID);
	it.state = SUB_TO_APPROVED; /* the last state is fine */
	OK(store_roster_put(st, ALICE, &it, &ver));

	it.contact = str("");
	ck_assert_int_eq(store_roster_put(st, ALICE, &it, &ver), STORE_E_INVALID);
	ck_assert_int_eq(store_roster_get(st, ALICE, str(""), &got), STORE_E_INVALID);
	ck_assert_int_eq(store_roster_remove(st, ALICE, str(""), &ver), STORE_E_INVALID);

	/* A JID is at most 3071 bytes (RFC 7622 §3: three 1023-byte parts). */
	static char jid[3072];
	memset(jid, 'j', sizeof jid);
	it.contact = span_of(jid, 3071);
	OK(store_roster_put(st, ALICE, &it, &ver));
	OK(store_roster_get(st, ALICE, span_of(jid, 3071), &got));
	ck_assert_uint_eq(got.contact.len, 3071);
	it.contact = span_of(jid, 3072);
	ck_assert_int_eq(store_roster_put(st, ALICE, &it, &ver), STORE_E_TOO_LARGE);
	ck_assert_str_eq(store_last_error(st), "the contact is 3072 bytes; the store takes at most 3071");

	static uint8_t big[STORE_VALUE_BYTES_MAX + 1];
	it.contact = str("x@y");
	it.name = span_of(big, sizeof big);
	ck_assert_int_eq(store_roster_put(st, ALICE, &it, &ver), STORE_E_TOO_LARGE);
	it.name = str("");
	it.pending = span_of(big, sizeof big);
	ck_assert_int_eq(store_roster_put(st, ALICE, &it, &ver), STORE_E_TOO_LARGE);
	it.pending = str("");
	it.groups[0] = span_of(big, STORE_VALUE_BYTES_MAX);
	it.group_count = 1;
	ck_assert_int_eq(store_roster_put(st, ALICE, &it, &ver), STORE_E_TOO_LARGE);

	/* Usernames are checked as everywhere else. */
	ck_assert_int_eq(store_roster_version(st, str(""), &ver), STORE_E_USERNAME_LENGTH);
	ck_assert_int_eq(store_roster_get(st, span_of("a\0b", 3), str("x@y"), &got), STORE_E_USERNAME_NUL);
	store_close(st);
}
END_TEST

/* ---------- offline messages ---------- */

struct taken {
	char text[512];
	size_t calls;
	size_t accept; /* how many to accept before refusing; SIZE_MAX: all */
};

static bool take_msg(void *ctx, struct span stanza, int64_t stamp)
{
	struct taken *t = ctx;
	if (t->calls++ == t->accept)
		return false;
	size_t used = strlen(t->text);
	(void)snprintf(t->text + used, sizeof t->text - used, "%s%.*s@%lld", used > 0 ? " " : "",
		       (int)stanza.len, (const char *)stanza.ptr, (long long)stamp);
	return true;
}

static const char *take(struct store *st, struct span user, size_t accept, struct taken *t)
{
	memset(t, 0, sizeof *t);
	t->accept = accept;
	OK(store_offline_take(st, user, take_msg, t));
	return t->text;
}

START_TEST(test_offline_order_and_partial_take)
{
	struct store *st = open_with_users();
	struct taken t;
	uint32_t n = 99;
	OK(store_offline_count(st, ALICE, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(take(st, ALICE, SIZE_MAX, &t), "");
	ck_assert_uint_eq(t.calls, 0);

	OK(store_offline_push(st, ALICE, str("<m1/>"), 300, 10));
	OK(store_offline_push(st, ALICE, str("<m2/>"), 100, 10)); /* arrival order, not stamp order */
	OK(store_offline_push(st, ALICE, str("<m3/>"), 200, 10));
	OK(store_offline_push(st, BOB, str("<b1/>"), 1, 10));
	OK(store_offline_count(st, ALICE, &n));
	ck_assert_uint_eq(n, 3);

	/* The callback refuses the second: the first is gone, the rest kept. */
	ck_assert_str_eq(take(st, ALICE, 1, &t), "<m1/>@300");
	ck_assert_uint_eq(t.calls, 2);
	OK(store_offline_count(st, ALICE, &n));
	ck_assert_uint_eq(n, 2);

	/* Refusing the very first keeps everything. */
	ck_assert_str_eq(take(st, ALICE, 0, &t), "");
	OK(store_offline_count(st, ALICE, &n));
	ck_assert_uint_eq(n, 2);

	OK(store_offline_push(st, ALICE, str("<m4/>"), 400, 10));
	ck_assert_str_eq(take(st, ALICE, SIZE_MAX, &t), "<m2/>@100 <m3/>@200 <m4/>@400");
	OK(store_offline_count(st, ALICE, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(take(st, BOB, SIZE_MAX, &t), "<b1/>@1");
	store_close(st);
}
END_TEST

START_TEST(test_offline_limit)
{
	struct store *st = open_with_users();
	uint32_t n = 0;
	struct taken t;
	OK(store_offline_push(st, ALICE, str("<a/>"), 1, 2));
	OK(store_offline_push(st, ALICE, str("<b/>"), 2, 2));
	ck_assert_int_eq(store_offline_push(st, ALICE, str("<c/>"), 3, 2), STORE_E_LIMIT);
	ck_assert_str_eq(store_last_error(st), "storing an offline message: 2 waiting, the limit is 2");
	/* A larger limit (the setting was raised) lets it in. */
	OK(store_offline_push(st, ALICE, str("<c/>"), 3, 3));
	OK(store_offline_count(st, ALICE, &n));
	ck_assert_uint_eq(n, 3);
	/* 0: no offline storage at all. */
	ck_assert_int_eq(store_offline_push(st, BOB, str("<x/>"), 1, 0), STORE_E_LIMIT);
	/* After a take there is room again. */
	ck_assert_str_eq(take(st, ALICE, SIZE_MAX, &t), "<a/>@1 <b/>@2 <c/>@3");
	OK(store_offline_push(st, ALICE, str("<d/>"), 4, 1));
	store_close(st);
}
END_TEST

START_TEST(test_offline_input_checks)
{
	struct store *st = open_with_users();
	static uint8_t big[STORE_VALUE_BYTES_MAX + 1];
	memset(big, 'm', sizeof big);
	ck_assert_int_eq(store_offline_push(st, ALICE, str(""), 1, 10), STORE_E_INVALID);
	ck_assert_int_eq(store_offline_push(st, ALICE, span_of(big, sizeof big), 1, 10), STORE_E_TOO_LARGE);
	OK(store_offline_push(st, ALICE, span_of(big, STORE_VALUE_BYTES_MAX), -5, 10));
	/* Stanzas are bytes: a NUL survives. */
	OK(store_offline_push(st, ALICE, span_of("a\0b", 3), 7, 10));
	uint32_t n = 0;
	OK(store_offline_count(st, ALICE, &n));
	ck_assert_uint_eq(n, 2);
	store_close(st);
}
END_TEST

struct big_take {
	size_t lens[4];
	int64_t stamps[4];
	size_t calls;
};

static bool take_big(void *ctx, struct span stanza, int64_t stamp)
{
	struct big_take *b = ctx;
	ck_assert_uint_lt(b->calls, 4);
	b->lens[b->calls] = stanza.len;
	b->stamps[b->calls++] = stamp;
	return true;
}

START_TEST(test_offline_bytes_exact)
{
	struct store *st = open_with_users();
	static uint8_t big[STORE_VALUE_BYTES_MAX];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (uint8_t)(i * 7);
	OK(store_offline_push(st, ALICE, span_of(big, sizeof big), INT64_MIN, 5));
	OK(store_offline_push(st, ALICE, span_of("a\0b", 3), INT64_MAX, 5));
	struct big_take b = { .calls = 0 };
	OK(store_offline_take(st, ALICE, take_big, &b));
	ck_assert_uint_eq(b.calls, 2);
	ck_assert_uint_eq(b.lens[0], sizeof big);
	ck_assert_uint_eq(b.lens[1], 3);
	ck_assert(b.stamps[0] == INT64_MIN);
	ck_assert(b.stamps[1] == INT64_MAX);
	store_close(st);
}
END_TEST

/* ---------- values ---------- */

START_TEST(test_values)
{
	struct store *st = open_with_users();
	struct span v = { NULL, 0 };
	ck_assert_int_eq(store_value_get(st, ALICE, str("vcard"), &v), STORE_E_NOT_FOUND);
	OK(store_value_set(st, ALICE, str("vcard"), str("<vCard xmlns='vcard-temp'/>")));
	OK(store_value_set(st, ALICE, str("private:a:b c"), str("<c xmlns='a:b'/>")));
	OK(store_value_get(st, ALICE, str("vcard"), &v));
	assert_span(v, "<vCard xmlns='vcard-temp'/>");
	OK(store_value_get(st, ALICE, str("private:a:b c"), &v));
	assert_span(v, "<c xmlns='a:b'/>");
	ck_assert_int_eq(store_value_get(st, BOB, str("vcard"), &v), STORE_E_NOT_FOUND);

	/* replace, then delete with an empty value; deleting again is fine */
	OK(store_value_set(st, ALICE, str("vcard"), str("<vCard xmlns='vcard-temp'><FN>A</FN></vCard>")));
	OK(store_value_get(st, ALICE, str("vcard"), &v));
	assert_span(v, "<vCard xmlns='vcard-temp'><FN>A</FN></vCard>");
	OK(store_value_set(st, ALICE, str("vcard"), str("")));
	ck_assert_int_eq(store_value_get(st, ALICE, str("vcard"), &v), STORE_E_NOT_FOUND);
	OK(store_value_set(st, ALICE, str("vcard"), str("")));

	/* sizes */
	static uint8_t big[STORE_VALUE_BYTES_MAX + 1];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (uint8_t)i; /* NULs included */
	OK(store_value_set(st, ALICE, str("big"), span_of(big, STORE_VALUE_BYTES_MAX)));
	OK(store_value_get(st, ALICE, str("big"), &v));
	ck_assert_uint_eq(v.len, STORE_VALUE_BYTES_MAX);
	ck_assert_int_eq(memcmp(v.ptr, big, v.len), 0);
	ck_assert_int_eq(store_value_set(st, ALICE, str("big"), span_of(big, sizeof big)), STORE_E_TOO_LARGE);
	ck_assert_str_eq(store_last_error(st), "the value is 1048577 bytes; the store takes at most 1048576");
	OK(store_value_get(st, ALICE, str("big"), &v));
	ck_assert_uint_eq(v.len, STORE_VALUE_BYTES_MAX); /* the refused set changed nothing */
	ck_assert_int_eq(store_value_set(st, ALICE, str(""), str("x")), STORE_E_INVALID);
	ck_assert_int_eq(store_value_get(st, ALICE, str(""), &v), STORE_E_INVALID);
	store_close(st);
}
END_TEST

/* The span from a get lives in the store until the next call: a second get
 * may reuse the bytes, but until then they are intact. */
START_TEST(test_spans_live_until_next_call)
{
	struct store *st = open_with_users();
	struct span v1 = { NULL, 0 }, v2 = { NULL, 0 };
	OK(store_value_set(st, ALICE, str("k1"), str("first value")));
	OK(store_value_set(st, ALICE, str("k2"), str("second value")));
	OK(store_value_get(st, ALICE, str("k1"), &v1));
	/* Nothing in SQLite still points at these bytes: reading other rows
	 * through the raw handle cannot change them. */
	sqlite3 *db = raw_open();
	ck_assert_int_eq(raw_int(db, "SELECT count(*) FROM account_values"), 2);
	sqlite3_close(db);
	assert_span(v1, "first value");
	OK(store_value_get(st, ALICE, str("k2"), &v2));
	assert_span(v2, "second value");

	int64_t when = 0;
	struct span status = { NULL, 0 };
	OK(store_last_set(st, ALICE, 5, str("gone fishing")));
	OK(store_last_get(st, ALICE, &when, &status));
	assert_span(status, "gone fishing");
	store_close(st);
}
END_TEST

/* ---------- block list ---------- */

struct jids {
	char text[512];
	size_t calls;
	size_t stop_after;
};

static bool collect_jid(void *ctx, struct span jid)
{
	struct jids *j = ctx;
	size_t used = strlen(j->text);
	(void)snprintf(j->text + used, sizeof j->text - used, "%s%.*s", used > 0 ? " " : "", (int)jid.len,
		       (const char *)jid.ptr);
	j->calls++;
	return j->stop_after == 0 || j->calls < j->stop_after;
}

static const char *blocked(struct store *st, struct span user, struct jids *j)
{
	memset(j, 0, sizeof *j);
	OK(store_block_list(st, user, collect_jid, j));
	return j->text;
}

START_TEST(test_block_list)
{
	struct store *st = open_with_users();
	struct jids j;
	ck_assert_str_eq(blocked(st, ALICE, &j), "");
	OK(store_block_add(st, ALICE, str("romeo@example.net"), 3));
	OK(store_block_add(st, ALICE, str("example.org"), 3));
	OK(store_block_add(st, ALICE, str("iago@example.com/evil"), 3));
	OK(store_block_add(st, ALICE, str("example.org"), 3)); /* already there: no second entry */
	ck_assert_str_eq(blocked(st, ALICE, &j), "example.org iago@example.com/evil romeo@example.net");
	ck_assert_str_eq(blocked(st, BOB, &j), "");

	/* full: a new JID is refused, one already there is still fine */
	ck_assert_int_eq(store_block_add(st, ALICE, str("tybalt@example.com"), 3), STORE_E_LIMIT);
	ck_assert_str_eq(store_last_error(st), "blocking a JID: 3 blocked, the limit is 3");
	OK(store_block_add(st, ALICE, str("romeo@example.net"), 3));
	ck_assert_int_eq(store_block_add(st, BOB, str("x"), 0), STORE_E_LIMIT);

	OK(store_block_remove(st, ALICE, str("example.org")));
	OK(store_block_remove(st, ALICE, str("example.org"))); /* absent: fine */
	ck_assert_str_eq(blocked(st, ALICE, &j), "iago@example.com/evil romeo@example.net");
	OK(store_block_add(st, ALICE, str("tybalt@example.com"), 3));

	memset(&j, 0, sizeof j);
	j.stop_after = 1;
	OK(store_block_list(st, ALICE, collect_jid, &j));
	ck_assert_str_eq(j.text, "iago@example.com/evil");

	/* an empty JID unblocks everyone (XEP-0191 §3.4), for this user only */
	OK(store_block_add(st, BOB, str("z@z"), 3));
	OK(store_block_remove(st, ALICE, str("")));
	ck_assert_str_eq(blocked(st, ALICE, &j), "");
	ck_assert_str_eq(blocked(st, BOB, &j), "z@z");

	ck_assert_int_eq(store_block_add(st, ALICE, str(""), 3), STORE_E_INVALID);
	static char jid[3072];
	memset(jid, 'j', sizeof jid);
	ck_assert_int_eq(store_block_add(st, ALICE, span_of(jid, sizeof jid), 3), STORE_E_TOO_LARGE);
	ck_assert_int_eq(store_block_remove(st, ALICE, span_of(jid, sizeof jid)), STORE_E_TOO_LARGE);
	OK(store_block_add(st, ALICE, span_of(jid, 3071), 3));
	store_close(st);
}
END_TEST

/* ---------- last activity ---------- */

START_TEST(test_last_activity)
{
	struct store *st = open_with_users();
	int64_t when = 7;
	struct span status = str("untouched");
	ck_assert_int_eq(store_last_get(st, ALICE, &when, &status), STORE_E_NOT_FOUND);
	ck_assert_int_eq(when, 7);
	assert_span(status, "untouched");

	OK(store_last_set(st, ALICE, 1700000000, str("Heading Home")));
	OK(store_last_get(st, ALICE, &when, &status));
	ck_assert_int_eq(when, 1700000000);
	assert_span(status, "Heading Home");

	OK(store_last_set(st, ALICE, 1700000100, str("")));
	OK(store_last_get(st, ALICE, &when, &status));
	ck_assert_int_eq(when, 1700000100);
	ck_assert_uint_eq(status.len, 0);
	ck_assert_int_eq(store_last_get(st, BOB, &when, &status), STORE_E_NOT_FOUND);

	static uint8_t big[STORE_VALUE_BYTES_MAX + 1];
	ck_assert_int_eq(store_last_set(st, ALICE, 1, span_of(big, sizeof big)), STORE_E_TOO_LARGE);
	store_close(st);
}
END_TEST

/* ---------- accounts ---------- */

static bool never_item(void *ctx, const struct store_roster_item *it)
{
	(void)ctx;
	(void)it;
	ck_abort_msg("no item expected");
	return false;
}

static bool never_msg(void *ctx, struct span stanza, int64_t stamp)
{
	(void)ctx;
	(void)stanza;
	(void)stamp;
	ck_abort_msg("no message expected");
	return false;
}

static bool never_jid(void *ctx, struct span jid)
{
	(void)ctx;
	(void)jid;
	ck_abort_msg("no JID expected");
	return false;
}

/* Every call on an account that does not exist is STORE_E_NOT_FOUND. */
START_TEST(test_missing_account)
{
	struct store *st = open_with_users();
	struct span ghost = str("ghost");
	uint64_t ver = 0;
	uint32_t n = 0;
	int64_t when = 0;
	struct span v = { NULL, 0 };
	struct store_roster_item it = item_of("a@b", "", SUB_NONE), got;
	ck_assert_int_eq(store_roster_version(st, ghost, &ver), STORE_E_NOT_FOUND);
	ck_assert_str_eq(store_last_error(st), "reading the roster version: no such account");
	ck_assert_int_eq(store_roster_get(st, ghost, str("a@b"), &got), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_roster_put(st, ghost, &it, &ver), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_roster_remove(st, ghost, str("a@b"), &ver), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_roster_list(st, ghost, 0, never_item, NULL), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_offline_count(st, ghost, &n), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_offline_push(st, ghost, str("<m/>"), 1, 10), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_offline_take(st, ghost, never_msg, NULL), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_value_get(st, ghost, str("k"), &v), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_value_set(st, ghost, str("k"), str("v")), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_value_set(st, ghost, str("k"), str("")), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_block_list(st, ghost, never_jid, NULL), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_block_add(st, ghost, str("x"), 10), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_block_remove(st, ghost, str("")), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_last_set(st, ghost, 1, str("")), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_last_get(st, ghost, &when, &v), STORE_E_NOT_FOUND);
	store_close(st);

	/* Nothing was written for the ghost. */
	sqlite3 *db = raw_open();
	ck_assert_int_eq(raw_int(db, "SELECT (SELECT count(*) FROM roster_versions) + (SELECT count(*) FROM"
				 " roster) + (SELECT count(*) FROM offline) + (SELECT count(*) FROM"
				 " account_values) + (SELECT count(*) FROM blocks) + (SELECT count(*)"
				 " FROM last_activity)"), 0);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_not_open)
{
	uint64_t ver = 0;
	uint32_t n = 0;
	struct span v = { NULL, 0 };
	ck_assert_int_eq(store_roster_version(NULL, ALICE, &ver), STORE_E_NOT_OPEN);
	ck_assert_int_eq(store_offline_count(NULL, ALICE, &n), STORE_E_NOT_OPEN);
	ck_assert_int_eq(store_value_get(NULL, ALICE, str("k"), &v), STORE_E_NOT_OPEN);
	ck_assert_int_eq(store_block_add(NULL, ALICE, str("x"), 1), STORE_E_NOT_OPEN);
}
END_TEST

/* Fills every kind of data for `user`. */
static void fill(struct store *st, struct span user)
{
	uint64_t ver = 0;
	struct store_roster_item a = item_of("a@x", "A", SUB_BOTH), b = item_of("b@x", "B", SUB_FROM);
	a.groups[0] = str("Friends");
	a.group_count = 1;
	b.pending = str("<presence type='subscribe'/>");
	OK(store_roster_put(st, user, &a, &ver));
	OK(store_roster_put(st, user, &b, &ver));
	OK(store_roster_remove(st, user, str("b@x"), &ver));
	OK(store_offline_push(st, user, str("<message/>"), 42, 10));
	OK(store_value_set(st, user, str("vcard"), str("<vCard xmlns='vcard-temp'/>")));
	OK(store_block_add(st, user, str("spam@x"), 10));
	OK(store_last_set(st, user, 99, str("bye")));
}

/* Checks what fill() wrote. */
static void check_filled(struct store *st, struct span user)
{
	uint64_t ver = 0;
	uint32_t n = 0;
	int64_t when = 0;
	struct span v = { NULL, 0 };
	struct listing l;
	struct jids j;
	struct taken t;
	struct store_roster_item got;
	OK(store_roster_version(st, user, &ver));
	ck_assert_uint_eq(ver, 3);
	ck_assert_str_eq(list_since(st, user, 0, &l), "a@x@1");
	ck_assert_str_eq(list_since(st, user, 1, &l), "b@x@3-");
	OK(store_roster_get(st, user, str("a@x"), &got));
	ck_assert_uint_eq(got.group_count, 1);
	assert_span(got.groups[0], "Friends");
	OK(store_offline_count(st, user, &n));
	ck_assert_uint_eq(n, 1);
	OK(store_value_get(st, user, str("vcard"), &v));
	assert_span(v, "<vCard xmlns='vcard-temp'/>");
	ck_assert_str_eq(blocked(st, user, &j), "spam@x");
	OK(store_last_get(st, user, &when, &v));
	ck_assert_int_eq(when, 99);
	assert_span(v, "bye");
	ck_assert_str_eq(take(st, user, SIZE_MAX, &t), "<message/>@42");
}

START_TEST(test_durable_across_reopen)
{
	struct store *st = open_with_users();
	fill(st, ALICE);
	store_close(st);
	st = open_ok();
	check_filled(st, ALICE);
	store_close(st);
}
END_TEST

START_TEST(test_account_delete_cascades)
{
	struct store *st = open_with_users();
	fill(st, ALICE);
	fill(st, BOB);
	OK(store_account_delete(st, ALICE));
	store_close(st);

	sqlite3 *db = raw_open();
	static const char *const tables[] = { "roster_versions", "roster", "offline", "account_values",
					      "blocks", "last_activity" };
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[128];
		(void)snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE username = 'alice'", tables[i]);
		ck_assert_msg(raw_int(db, sql) == 0, "%s keeps rows of a deleted account", tables[i]);
		(void)snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE username = 'bob'", tables[i]);
		ck_assert_msg(raw_int(db, sql) > 0, "%s lost bob's rows", tables[i]);
	}
	sqlite3_close(db);

	/* A new account under the old name starts empty. */
	st = open_ok();
	struct credentials c = creds();
	OK(store_account_create(st, ALICE, &c));
	uint64_t ver = 1;
	uint32_t n = 1;
	struct span v = { NULL, 0 };
	OK(store_roster_version(st, ALICE, &ver));
	ck_assert_uint_eq(ver, 0);
	OK(store_offline_count(st, ALICE, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(store_value_get(st, ALICE, str("vcard"), &v), STORE_E_NOT_FOUND);
	check_filled(st, BOB);
	store_close(st);
}
END_TEST

/* A file written before the IM tables existed (schema version 1, accounts
 * only) opens normally: the accounts survive and get IM data. */
START_TEST(test_migrates_from_accounts_only)
{
	size_t count = 0;
	const struct store_migration *steps = store_migrations(&count);
	ck_assert_uint_ge(count, 2);
	struct store *st = NULL;
	ck_assert_int_eq(store_open_with(mem_default(), db_path, steps, 1, &st), STORE_OK);
	ck_assert_int_eq(store_schema_version(st), 1);
	struct credentials c = creds(), got;
	OK(store_account_create(st, ALICE, &c));
	/* That old store has no IM tables: IM calls refuse, they do not crash. */
	uint64_t ver = 0;
	ck_assert_int_eq(store_roster_version(st, ALICE, &ver), STORE_E_NOT_OPEN);
	ck_assert_str_eq(store_last_error(st), "the schema has no IM tables (version 1)");
	store_close(st);

	st = open_ok();
	ck_assert_int_eq(store_schema_version(st), (int)count);
	OK(store_account_get(st, ALICE, &got));
	ck_assert_int_eq(memcmp(&got, &c, sizeof c), 0);
	OK(store_roster_version(st, ALICE, &ver));
	ck_assert_uint_eq(ver, 0);
	fill(st, ALICE);
	check_filled(st, ALICE);
	OK(store_account_delete(st, ALICE));
	store_close(st);

	sqlite3 *db = raw_open();
	ck_assert_int_eq(raw_int(db, "SELECT version FROM schema_version"), (long long)count);
	ck_assert_int_eq(raw_int(db, "SELECT count(*) FROM roster"), 0);
	/* The foreign keys are declared, so the cascade is the schema's, not ours. */
	ck_assert_int_eq(raw_int(db, "SELECT count(*) FROM pragma_foreign_key_list('offline')"
				 " WHERE \"table\" = 'accounts' AND on_delete = 'CASCADE'"), 1);
	sqlite3_close(db);
}
END_TEST

/* ---------- allocation failure ---------- */

struct failing {
	bool fail; /* every allocation fails while set */
};

static void *maybe_alloc(void *ctx, size_t size)
{
	const struct failing *f = ctx;
	return f->fail ? NULL : malloc(size);
}

static void plain_release(void *ctx, void *ptr)
{
	(void)ctx;
	free(ptr);
}

START_TEST(test_scratch_allocation_failure)
{
	struct failing f = { false };
	const struct mem m = { maybe_alloc, plain_release, &f };
	struct store *st = NULL;
	ck_assert_int_eq(store_open(&m, db_path, &st), STORE_OK);
	struct credentials c = creds();
	OK(store_account_create(st, ALICE, &c));
	uint64_t ver = 0;
	struct store_roster_item it = item_of("a@x", "A", SUB_BOTH), got;
	it.groups[0] = str("G");
	it.group_count = 1;
	/* Longer than what encoding the groups leaves allocated, so a get must grow it. */
	static char name[1000];
	memset(name, 'n', sizeof name);
	it.name = span_of(name, sizeof name);
	OK(store_value_set(st, ALICE, str("k"), str("value")));

	f.fail = true;
	struct span v = { NULL, 0 };
	ck_assert_int_eq(store_value_get(st, ALICE, str("k"), &v), STORE_E_NOMEM);
	ck_assert_int_eq(store_roster_put(st, ALICE, &it, &ver), STORE_E_NOMEM);
	f.fail = false;
	OK(store_roster_put(st, ALICE, &it, &ver));
	f.fail = true;
	ck_assert_int_eq(store_roster_get(st, ALICE, str("a@x"), &got), STORE_E_NOMEM);
	f.fail = false;
	OK(store_roster_get(st, ALICE, str("a@x"), &got));
	assert_span(got.groups[0], "G");
	OK(store_value_get(st, ALICE, str("k"), &v));
	assert_span(v, "value");
	store_close(st);
}
END_TEST

/* ---------- a damaged row ---------- */

START_TEST(test_damaged_groups_are_corrupt)
{
	struct store *st = open_with_users();
	uint64_t ver = 0;
	struct store_roster_item it = item_of("a@x", "A", SUB_BOTH), got;
	OK(store_roster_put(st, ALICE, &it, &ver));
	sqlite3 *db = raw_open();
	/* A group length that runs past the end of the blob. */
	ck_assert_int_eq(sqlite3_exec(db, "UPDATE roster SET groups = x'00000009414243'", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	ck_assert_int_eq(store_roster_get(st, ALICE, str("a@x"), &got), STORE_E_CORRUPT);
	ck_assert_int_eq(store_roster_list(st, ALICE, 0, never_item, NULL), STORE_E_CORRUPT);
	store_close(st);
}
END_TEST

Suite *store_im_suite(void)
{
	Suite *s = suite_create("store_im");
	TCase *roster = tcase_create("roster");
	tcase_add_checked_fixture(roster, setup, teardown);
	tcase_add_test(roster, test_status_tables_complete);
	tcase_add_test(roster, test_roster_round_trip);
	tcase_add_test(roster, test_roster_versioning);
	tcase_add_test(roster, test_roster_tombstone_keeps_nothing_else);
	tcase_add_test(roster, test_roster_groups);
	tcase_add_test(roster, test_roster_input_checks);
	tcase_add_test(roster, test_damaged_groups_are_corrupt);
	suite_add_tcase(s, roster);

	TCase *data = tcase_create("data");
	tcase_add_checked_fixture(data, setup, teardown);
	tcase_add_test(data, test_offline_order_and_partial_take);
	tcase_add_test(data, test_offline_limit);
	tcase_add_test(data, test_offline_input_checks);
	tcase_add_test(data, test_offline_bytes_exact);
	tcase_add_test(data, test_values);
	tcase_add_test(data, test_spans_live_until_next_call);
	tcase_add_test(data, test_block_list);
	tcase_add_test(data, test_last_activity);
	suite_add_tcase(s, data);

	TCase *accounts = tcase_create("accounts");
	tcase_add_checked_fixture(accounts, setup, teardown);
	tcase_add_test(accounts, test_missing_account);
	tcase_add_test(accounts, test_not_open);
	tcase_add_test(accounts, test_durable_across_reopen);
	tcase_add_test(accounts, test_account_delete_cascades);
	tcase_add_test(accounts, test_migrates_from_accounts_only);
	tcase_add_test(accounts, test_scratch_allocation_failure);
	suite_add_tcase(s, accounts);
	return s;
}
