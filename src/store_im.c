/* store_im.c - per-account data for instant messaging: roster with versions and
 * tombstones, offline messages, opaque values, block list, last activity.
 * See store.h for the contract; the tables are migration "2: instant messaging"
 * in store.c.
 *
 * Ownership (store_internal.h): this file owns the IM statements and is the
 * only user of st->scratch. Every call empties scratch first and copies into it
 * whatever it hands out after its statement is reset (store_roster_get,
 * store_value_get, store_last_get): valid until the next call. Callbacks get
 * spans into SQLite's current row instead, valid while the callback runs: a
 * listing is never copied whole (an offline queue can be many megabytes).
 *
 * Every call is one transaction: a single statement is one by itself; calls
 * that run several take BEGIN (reads) or BEGIN IMMEDIATE (writes, so that the
 * check and the change cannot be split by another writer) and end with COMMIT,
 * or ROLLBACK on any failure, so a failed call changes nothing. */
#include <string.h>

#include "jid.h"
#include "store_internal.h"
#include "subscription.h"

/* ---------- statements ---------- */

/* A missing account is STORE_E_NOT_FOUND for every call; the reads that need
 * no other check find it with a join on accounts, so they stay one statement. */
static const char *const im_sql[IM_STMT_COUNT] = {
	[IM_BEGIN_READ] = "BEGIN",
	[IM_BEGIN_WRITE] = "BEGIN IMMEDIATE",
	[IM_COMMIT] = "COMMIT",
	[IM_ROLLBACK] = "ROLLBACK",
	[IM_ACCOUNT] = "SELECT 1 FROM accounts WHERE username = ?1",
	[IM_ROSTER_VERSION] = "SELECT coalesce((SELECT ver FROM roster_versions WHERE username = ?1), 0)"
			      " FROM accounts WHERE username = ?1",
	[IM_ROSTER_BUMP] = "INSERT INTO roster_versions (username, ver) VALUES (?1, 1)"
			   " ON CONFLICT (username) DO UPDATE SET ver = ver + 1 RETURNING ver",
	/* The column order is the one read_item() reads. */
	[IM_ROSTER_GET] = "SELECT contact, name, state, in_roster, removed, ver, groups, pending FROM roster"
			  " WHERE username = ?1 AND contact = ?2 AND removed = 0",
	[IM_ROSTER_PUT] = "INSERT INTO roster (username, contact, name, state, in_roster, removed, ver, groups,"
			  " pending) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8) ON CONFLICT (username, contact)"
			  " DO UPDATE SET name = excluded.name, state = excluded.state,"
			  " in_roster = excluded.in_roster, removed = 0, ver = excluded.ver,"
			  " groups = excluded.groups, pending = excluded.pending",
	/* A tombstone keeps only what roster pushes need: the contact and the version. */
	[IM_ROSTER_REMOVE] = "UPDATE roster SET name = '', state = 0, in_roster = 0, removed = 1, ver = ?3,"
			     " groups = x'', pending = x'' WHERE username = ?1 AND contact = ?2 AND removed = 0",
	[IM_ROSTER_LIST] = "SELECT contact, name, state, in_roster, removed, ver, groups, pending FROM roster"
			   " WHERE username = ?1 AND ver > ?2 AND (?2 > 0 OR removed = 0) ORDER BY ver",
	[IM_OFFLINE_COUNT] = "SELECT (SELECT count(*) FROM offline WHERE username = ?1)"
			     " FROM accounts WHERE username = ?1",
	[IM_OFFLINE_PUSH] = "INSERT INTO offline (username, stamp, stanza) VALUES (?1, ?2, ?3)",
	[IM_OFFLINE_LIST] = "SELECT id, stanza, stamp FROM offline WHERE username = ?1 ORDER BY id",
	[IM_OFFLINE_DELETE] = "DELETE FROM offline WHERE username = ?1 AND id <= ?2",
	[IM_VALUE_GET] = "SELECT value FROM account_values WHERE username = ?1 AND key = ?2",
	[IM_VALUE_PUT] = "INSERT INTO account_values (username, key, value) VALUES (?1, ?2, ?3)"
			 " ON CONFLICT (username, key) DO UPDATE SET value = excluded.value",
	[IM_VALUE_DELETE] = "DELETE FROM account_values WHERE username = ?1 AND key = ?2",
	[IM_BLOCK_HAS] = "SELECT 1 FROM blocks WHERE username = ?1 AND jid = ?2",
	[IM_BLOCK_COUNT] = "SELECT count(*) FROM blocks WHERE username = ?1",
	[IM_BLOCK_ADD] = "INSERT INTO blocks (username, jid) VALUES (?1, ?2)",
	[IM_BLOCK_REMOVE] = "DELETE FROM blocks WHERE username = ?1 AND jid = ?2",
	[IM_BLOCK_CLEAR] = "DELETE FROM blocks WHERE username = ?1",
	[IM_BLOCK_LIST] = "SELECT jid FROM blocks WHERE username = ?1 ORDER BY jid",
	[IM_LAST_SET] = "INSERT INTO last_activity (username, stamp, status) VALUES (?1, ?2, ?3)"
			" ON CONFLICT (username) DO UPDATE SET stamp = excluded.stamp, status = excluded.status",
	[IM_LAST_GET] = "SELECT stamp, status FROM last_activity WHERE username = ?1",
};

enum store_status store_im_prepare(struct store *st)
{
	if (st->schema_version < STORE_SCHEMA_IM)
		return STORE_OK;
	for (int i = 0; i < IM_STMT_COUNT; i++) {
		int rc = sqlite3_prepare_v3(st->db, im_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
					    &st->im_stmts[i], NULL);
		if (rc != SQLITE_OK)
			return store_fail_sqlite(st, "preparing the IM statements", rc);
	}
	return STORE_OK;
}

void store_im_finalize(struct store *st)
{
	for (int i = 0; i < IM_STMT_COUNT; i++) {
		sqlite3_finalize(st->im_stmts[i]);
		st->im_stmts[i] = NULL;
	}
}

/* ---------- calls: checks, binding, transactions ---------- */

/* A scratch buffer that once held a large value (a 1 MiB vCard) is not kept
 * for the life of the server. */
#define SCRATCH_KEEP_BYTES 65536u

static enum store_status start(struct store *st, struct span user)
{
	enum store_status s = store_begin_call(st);
	if (s != STORE_OK)
		return s;
	if (st->im_stmts[0] == NULL)
		return store_fail(st, STORE_E_NOT_OPEN, "the schema has no IM tables (version %d)",
				  st->schema_version);
	if (st->scratch.capacity > SCRATCH_KEEP_BYTES)
		buf_free(&st->scratch);
	buf_clear(&st->scratch);
	return store_check_username(st, user);
}

/* `what` names the argument in the message; the bytes never go into it. */
static enum store_status check_len(struct store *st, const char *what, struct span s, size_t min,
				   size_t max)
{
	if (s.len < min)
		return store_fail(st, STORE_E_INVALID, "the %s is empty", what);
	if (s.len > max)
		return store_fail(st, STORE_E_TOO_LARGE, "the %s is %zu bytes; the store takes at most %zu",
				  what, s.len, max);
	return STORE_OK;
}

/* SQLite binds a NULL pointer as SQL NULL; an empty span may have one. */
static const uint8_t no_bytes[1];

static int bind_text(sqlite3_stmt *stmt, int param, struct span s)
{
	const uint8_t *p = s.ptr != NULL ? s.ptr : no_bytes;
	return sqlite3_bind_text(stmt, param, (const char *)p, (int)s.len, SQLITE_STATIC);
}

static int bind_blob(sqlite3_stmt *stmt, int param, struct span s)
{
	const uint8_t *p = s.ptr != NULL ? s.ptr : no_bytes;
	return sqlite3_bind_blob(stmt, param, p, (int)s.len, SQLITE_STATIC);
}

/* The user and, when there is one, the second parameter: the shape of most statements. */
static int bind2(sqlite3_stmt *stmt, struct span user, const struct span *second)
{
	int rc = bind_text(stmt, 1, user);
	if (rc == SQLITE_OK && second != NULL)
		rc = bind_text(stmt, 2, *second);
	return rc;
}

/* Bytes of a column of the current row: valid until the next step or reset. */
static struct span column_span(sqlite3_stmt *stmt, int col)
{
	const void *p = sqlite3_column_blob(stmt, col);
	int n = sqlite3_column_bytes(stmt, col);
	return p != NULL && n > 0 ? span_of(p, (size_t)n) : span_of(NULL, 0);
}

static enum store_status step_alone(struct store *st, enum store_im_stmt which, const char *doing)
{
	int changed = 0;
	return store_run(st, st->im_stmts[which], SQLITE_OK, doing, &changed);
}

static enum store_status txn_begin(struct store *st, bool write)
{
	return step_alone(st, write ? IM_BEGIN_WRITE : IM_BEGIN_READ, "starting a transaction");
}

/* Commits after success, rolls back after a failure; returns the call's status. */
static enum store_status txn_end(struct store *st, enum store_status s)
{
	if (s == STORE_OK)
		s = step_alone(st, IM_COMMIT, "committing");
	if (s != STORE_OK && !sqlite3_get_autocommit(st->db)) {
		/* The first failure is the one reported; a failed ROLLBACK leaves
		 * SQLite to roll back at the next BEGIN. */
		(void)sqlite3_step(st->im_stmts[IM_ROLLBACK]);
		store_stmt_finish(st->im_stmts[IM_ROLLBACK]);
	}
	return s;
}

/* One row, first column as an integer. found=false (STORE_OK) when no row. */
static enum store_status query_int(struct store *st, sqlite3_stmt *stmt, int bind_rc, const char *doing,
				   int64_t *out, bool *found)
{
	int rc = bind_rc == SQLITE_OK ? sqlite3_step(stmt) : bind_rc;
	enum store_status s = STORE_OK;
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else if (rc != SQLITE_DONE)
		s = store_fail_sqlite(st, doing, rc);
	store_stmt_finish(stmt);
	return s;
}

static enum store_status require_account(struct store *st, struct span user, const char *doing)
{
	int64_t one = 0;
	bool found = false;
	sqlite3_stmt *stmt = st->im_stmts[IM_ACCOUNT];
	enum store_status s = query_int(st, stmt, bind2(stmt, user, NULL), doing, &one, &found);
	if (s == STORE_OK && !found)
		return store_fail(st, STORE_E_NOT_FOUND, "%s: no such account", doing);
	return s;
}

/* A count-like read joined on accounts: no row means no account. */
static enum store_status account_int(struct store *st, enum store_im_stmt which, struct span user,
				     const char *doing, int64_t *out)
{
	bool found = false;
	sqlite3_stmt *stmt = st->im_stmts[which];
	enum store_status s = query_int(st, stmt, bind2(stmt, user, NULL), doing, out, &found);
	if (s == STORE_OK && !found)
		return store_fail(st, STORE_E_NOT_FOUND, "%s: no such account", doing);
	return s;
}

/* ---------- roster ---------- */

/* Groups are one blob: for each group a 4-byte big-endian length, then its
 * bytes. Any byte may be in a name; the order is the caller's. */
#define GROUP_LEN_BYTES 4u

static enum store_status encode_groups(struct store *st, const struct store_roster_item *item,
				       struct span *out)
{
	if (item->group_count > STORE_ROSTER_GROUPS_MAX)
		return store_fail(st, STORE_E_LIMIT, "%zu roster groups; at most %u", item->group_count,
				  STORE_ROSTER_GROUPS_MAX);
	size_t total = 0;
	for (size_t i = 0; i < item->group_count; i++) {
		if (item->groups[i].len > STORE_VALUE_BYTES_MAX - GROUP_LEN_BYTES - total)
			return store_fail(st, STORE_E_TOO_LARGE, "the roster groups exceed %u bytes",
					  STORE_VALUE_BYTES_MAX);
		total += GROUP_LEN_BYTES + item->groups[i].len;
	}
	*out = span_of(NULL, 0);
	if (total == 0)
		return STORE_OK;
	size_t at = st->scratch.len;
	for (size_t i = 0; i < item->group_count; i++) {
		size_t n = item->groups[i].len;
		uint8_t len[GROUP_LEN_BYTES] = { (uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8),
						 (uint8_t)n };
		if (!buf_append(&st->scratch, len, sizeof len) || !buf_append_span(&st->scratch, item->groups[i]))
			return store_fail(st, STORE_E_NOMEM, "encoding roster groups: out of memory");
	}
	/* Only now: an append may have moved the buffer. */
	*out = span_of(st->scratch.data + at, total);
	return STORE_OK;
}

static bool decode_groups(struct span blob, struct store_roster_item *item)
{
	size_t at = 0;
	item->group_count = 0;
	while (at < blob.len) {
		if (blob.len - at < GROUP_LEN_BYTES || item->group_count == STORE_ROSTER_GROUPS_MAX)
			return false;
		const uint8_t *p = blob.ptr + at;
		size_t n = (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
		at += GROUP_LEN_BYTES;
		if (n > blob.len - at)
			return false;
		item->groups[item->group_count++] = span_of(blob.ptr + at, n);
		at += n;
	}
	return true;
}

/* Copies s into scratch, which has room reserved, and points s at the copy. */
static void keep(struct buf *scratch, struct span *s)
{
	if (s->len == 0) {
		*s = span_of(NULL, 0); /* no arithmetic on a buffer that may not exist yet */
		return;
	}
	const uint8_t *copy = scratch->data + scratch->len;
	(void)buf_append_span(scratch, *s);
	*s = span_of(copy, s->len);
}

/* The current row of IM_ROSTER_GET or IM_ROSTER_LIST. With `copy`, the bytes
 * are moved to scratch (the statement is about to be reset); without, the
 * spans point into the row. */
static enum store_status read_item(struct store *st, sqlite3_stmt *stmt, bool copy,
				   struct store_roster_item *item)
{
	memset(item, 0, sizeof *item);
	item->contact = column_span(stmt, 0);
	item->name = column_span(stmt, 1);
	int64_t state = sqlite3_column_int64(stmt, 2);
	item->in_roster = sqlite3_column_int64(stmt, 3) != 0;
	item->removed = sqlite3_column_int64(stmt, 4) != 0;
	int64_t ver = sqlite3_column_int64(stmt, 5);
	struct span groups = column_span(stmt, 6);
	item->pending = column_span(stmt, 7);
	if (state < 0 || state >= SUB_STATE_COUNT || ver < 1 || item->contact.len == 0)
		return store_fail(st, STORE_E_CORRUPT, "reading the roster: an item breaks the schema");
	item->state = (int)state;
	item->ver = (uint64_t)ver;
	if (copy) {
		size_t total = item->contact.len + item->name.len + groups.len + item->pending.len;
		if (!buf_reserve(&st->scratch, total))
			return store_fail(st, STORE_E_NOMEM, "reading the roster: out of memory");
		keep(&st->scratch, &item->contact);
		keep(&st->scratch, &item->name);
		keep(&st->scratch, &groups);
		keep(&st->scratch, &item->pending);
	}
	if (!decode_groups(groups, item))
		return store_fail(st, STORE_E_CORRUPT, "reading the roster: the groups of an item are damaged");
	return STORE_OK;
}

enum store_status store_roster_version(struct store *st, struct span user, uint64_t *ver)
{
	enum store_status s = start(st, user);
	if (s != STORE_OK)
		return s;
	int64_t v = 0;
	s = account_int(st, IM_ROSTER_VERSION, user, "reading the roster version", &v);
	if (s == STORE_OK)
		*ver = (uint64_t)v;
	return s;
}

enum store_status store_roster_get(struct store *st, struct span user, struct span contact,
				   struct store_roster_item *out)
{
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = check_len(st, "contact", contact, 1, JID_BYTES_MAX);
	if (s != STORE_OK)
		return s;
	sqlite3_stmt *stmt = st->im_stmts[IM_ROSTER_GET];
	int rc = bind2(stmt, user, &contact);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		s = read_item(st, stmt, true, out);
	else if (rc == SQLITE_DONE)
		s = store_fail(st, STORE_E_NOT_FOUND, "reading a roster item: no such item");
	else
		s = store_fail_sqlite(st, "reading a roster item", rc);
	store_stmt_finish(stmt);
	return s;
}

static enum store_status check_item(struct store *st, const struct store_roster_item *item)
{
	enum store_status s = check_len(st, "contact", item->contact, 1, JID_BYTES_MAX);
	if (s == STORE_OK)
		s = check_len(st, "roster name", item->name, 0, STORE_VALUE_BYTES_MAX);
	if (s == STORE_OK)
		s = check_len(st, "pending subscription stanza", item->pending, 0, STORE_VALUE_BYTES_MAX);
	if (s == STORE_OK && (item->state < 0 || item->state >= SUB_STATE_COUNT))
		s = store_fail(st, STORE_E_INVALID, "subscription state %d is out of range", item->state);
	return s;
}

/* Inside a write transaction: the account's next roster version. */
static enum store_status bump_version(struct store *st, struct span user, int64_t *ver)
{
	bool found = false;
	sqlite3_stmt *stmt = st->im_stmts[IM_ROSTER_BUMP];
	enum store_status s = query_int(st, stmt, bind2(stmt, user, NULL), "bumping the roster version",
					ver, &found);
	if (s == STORE_OK && !found)
		s = store_fail(st, STORE_E_SQLITE, "bumping the roster version: no version returned");
	return s;
}

static int bind_item(sqlite3_stmt *stmt, struct span user, const struct store_roster_item *item,
		     int64_t ver, struct span groups)
{
	int rc = bind2(stmt, user, &item->contact);
	if (rc == SQLITE_OK)
		rc = bind_text(stmt, 3, item->name);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(stmt, 4, item->state);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(stmt, 5, item->in_roster ? 1 : 0);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 6, ver);
	if (rc == SQLITE_OK)
		rc = bind_blob(stmt, 7, groups);
	if (rc == SQLITE_OK)
		rc = bind_blob(stmt, 8, item->pending);
	return rc;
}

enum store_status store_roster_put(struct store *st, struct span user, const struct store_roster_item *item,
				   uint64_t *ver)
{
	struct span groups = { NULL, 0 };
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = check_item(st, item);
	if (s == STORE_OK)
		s = encode_groups(st, item, &groups);
	if (s == STORE_OK)
		s = txn_begin(st, true);
	if (s != STORE_OK)
		return s;
	int64_t v = 0;
	s = require_account(st, user, "writing a roster item");
	if (s == STORE_OK)
		s = bump_version(st, user, &v);
	if (s == STORE_OK) {
		sqlite3_stmt *stmt = st->im_stmts[IM_ROSTER_PUT];
		int changed = 0;
		s = store_run(st, stmt, bind_item(stmt, user, item, v, groups), "writing a roster item",
			      &changed);
	}
	s = txn_end(st, s);
	if (s == STORE_OK)
		*ver = (uint64_t)v;
	return s;
}

enum store_status store_roster_remove(struct store *st, struct span user, struct span contact, uint64_t *ver)
{
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = check_len(st, "contact", contact, 1, JID_BYTES_MAX);
	if (s == STORE_OK)
		s = txn_begin(st, true);
	if (s != STORE_OK)
		return s;
	int64_t v = 0;
	int changed = 0;
	s = require_account(st, user, "removing a roster item");
	if (s == STORE_OK)
		s = bump_version(st, user, &v);
	if (s == STORE_OK) {
		sqlite3_stmt *stmt = st->im_stmts[IM_ROSTER_REMOVE];
		int rc = bind2(stmt, user, &contact);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(stmt, 3, v);
		s = store_run(st, stmt, rc, "removing a roster item", &changed);
	}
	/* No live item: the version bump is rolled back with everything else. */
	if (s == STORE_OK && changed == 0)
		s = store_fail(st, STORE_E_NOT_FOUND, "removing a roster item: no such item");
	s = txn_end(st, s);
	if (s == STORE_OK)
		*ver = (uint64_t)v;
	return s;
}

enum store_status store_roster_list(struct store *st, struct span user, uint64_t since, store_roster_fn fn,
				    void *ctx)
{
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = txn_begin(st, false);
	if (s != STORE_OK)
		return s;
	s = require_account(st, user, "listing the roster");
	sqlite3_stmt *stmt = st->im_stmts[IM_ROSTER_LIST];
	int rc = bind2(stmt, user, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 2, since > INT64_MAX ? INT64_MAX : (int64_t)since);
	while (s == STORE_OK) {
		rc = rc == SQLITE_OK ? sqlite3_step(stmt) : rc;
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			s = store_fail_sqlite(st, "listing the roster", rc);
			break;
		}
		rc = SQLITE_OK;
		struct store_roster_item item;
		s = read_item(st, stmt, false, &item);
		if (s == STORE_OK && !fn(ctx, &item))
			break;
	}
	store_stmt_finish(stmt);
	return txn_end(st, s);
}

/* ---------- offline messages ---------- */

enum store_status store_offline_count(struct store *st, struct span user, uint32_t *count)
{
	enum store_status s = start(st, user);
	if (s != STORE_OK)
		return s;
	int64_t n = 0;
	s = account_int(st, IM_OFFLINE_COUNT, user, "counting offline messages", &n);
	if (s == STORE_OK)
		*count = n > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)n;
	return s;
}

enum store_status store_offline_push(struct store *st, struct span user, struct span stanza, int64_t stamp_unix,
				     uint32_t limit)
{
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = check_len(st, "offline stanza", stanza, 1, STORE_VALUE_BYTES_MAX);
	if (s == STORE_OK)
		s = txn_begin(st, true);
	if (s != STORE_OK)
		return s;
	int64_t n = 0;
	s = account_int(st, IM_OFFLINE_COUNT, user, "storing an offline message", &n);
	if (s == STORE_OK && n >= (int64_t)limit)
		s = store_fail(st, STORE_E_LIMIT, "storing an offline message: %lld waiting, the limit is %u",
			       (long long)n, (unsigned)limit);
	if (s == STORE_OK) {
		sqlite3_stmt *stmt = st->im_stmts[IM_OFFLINE_PUSH];
		int rc = bind2(stmt, user, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(stmt, 2, stamp_unix);
		if (rc == SQLITE_OK)
			rc = bind_blob(stmt, 3, stanza);
		int changed = 0;
		s = store_run(st, stmt, rc, "storing an offline message", &changed);
	}
	return txn_end(st, s);
}

/* Walks the queue; *last is the id of the last message fn accepted (0: none). */
static enum store_status offline_walk(struct store *st, struct span user, store_offline_fn fn, void *ctx,
				      int64_t *last)
{
	enum store_status s = STORE_OK;
	sqlite3_stmt *stmt = st->im_stmts[IM_OFFLINE_LIST];
	int rc = bind2(stmt, user, NULL);
	for (;;) {
		rc = rc == SQLITE_OK ? sqlite3_step(stmt) : rc;
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			s = store_fail_sqlite(st, "reading offline messages", rc);
			break;
		}
		rc = SQLITE_OK;
		struct span stanza = column_span(stmt, 1);
		if (stanza.len == 0) {
			s = store_fail(st, STORE_E_CORRUPT, "reading offline messages: an empty stanza");
			break;
		}
		if (!fn(ctx, stanza, sqlite3_column_int64(stmt, 2)))
			break;
		*last = sqlite3_column_int64(stmt, 0);
	}
	store_stmt_finish(stmt);
	return s;
}

enum store_status store_offline_take(struct store *st, struct span user, store_offline_fn fn, void *ctx)
{
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = txn_begin(st, true);
	if (s != STORE_OK)
		return s;
	int64_t last = 0;
	s = require_account(st, user, "taking offline messages");
	if (s == STORE_OK)
		s = offline_walk(st, user, fn, ctx, &last);
	/* Ids grow in arrival order and fn stops at its first refusal, so what it
	 * took is exactly the ids up to the last it accepted. */
	if (s == STORE_OK && last > 0) {
		sqlite3_stmt *stmt = st->im_stmts[IM_OFFLINE_DELETE];
		int rc = bind2(stmt, user, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(stmt, 2, last);
		int changed = 0;
		s = store_run(st, stmt, rc, "deleting offline messages", &changed);
	}
	return txn_end(st, s);
}

/* ---------- opaque values ---------- */

enum store_status store_value_get(struct store *st, struct span user, struct span key, struct span *out)
{
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = check_len(st, "key", key, 1, STORE_VALUE_BYTES_MAX);
	if (s != STORE_OK)
		return s;
	sqlite3_stmt *stmt = st->im_stmts[IM_VALUE_GET];
	int rc = bind2(stmt, user, &key);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(stmt);
	struct span value = { NULL, 0 };
	if (rc == SQLITE_ROW)
		value = column_span(stmt, 0);
	if (rc == SQLITE_DONE)
		s = store_fail(st, STORE_E_NOT_FOUND, "reading a value: none under this key");
	else if (rc != SQLITE_ROW)
		s = store_fail_sqlite(st, "reading a value", rc);
	else if (value.len == 0)
		s = store_fail(st, STORE_E_CORRUPT, "reading a value: an empty value is stored");
	else if (!buf_reserve(&st->scratch, value.len))
		s = store_fail(st, STORE_E_NOMEM, "reading a value: out of memory");
	if (s == STORE_OK) {
		keep(&st->scratch, &value);
		*out = value;
	}
	store_stmt_finish(stmt);
	return s;
}

enum store_status store_value_set(struct store *st, struct span user, struct span key, struct span value)
{
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = check_len(st, "key", key, 1, STORE_VALUE_BYTES_MAX);
	if (s == STORE_OK)
		s = check_len(st, "value", value, 0, STORE_VALUE_BYTES_MAX);
	if (s == STORE_OK)
		s = txn_begin(st, true);
	if (s != STORE_OK)
		return s;
	s = require_account(st, user, "writing a value");
	if (s == STORE_OK) {
		sqlite3_stmt *stmt = st->im_stmts[value.len > 0 ? IM_VALUE_PUT : IM_VALUE_DELETE];
		int rc = bind2(stmt, user, &key);
		if (rc == SQLITE_OK && value.len > 0)
			rc = bind_blob(stmt, 3, value);
		int changed = 0;
		s = store_run(st, stmt, rc, "writing a value", &changed);
	}
	return txn_end(st, s);
}

/* ---------- block list ---------- */

enum store_status store_block_list(struct store *st, struct span user, store_jid_fn fn, void *ctx)
{
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = txn_begin(st, false);
	if (s != STORE_OK)
		return s;
	s = require_account(st, user, "listing blocked JIDs");
	sqlite3_stmt *stmt = st->im_stmts[IM_BLOCK_LIST];
	int rc = bind2(stmt, user, NULL);
	while (s == STORE_OK) {
		rc = rc == SQLITE_OK ? sqlite3_step(stmt) : rc;
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			s = store_fail_sqlite(st, "listing blocked JIDs", rc);
			break;
		}
		rc = SQLITE_OK;
		struct span jid = column_span(stmt, 0);
		if (jid.len == 0)
			s = store_fail(st, STORE_E_CORRUPT, "listing blocked JIDs: an empty JID");
		else if (!fn(ctx, jid))
			break;
	}
	store_stmt_finish(stmt);
	return txn_end(st, s);
}

enum store_status store_block_add(struct store *st, struct span user, struct span jid, uint32_t limit)
{
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = check_len(st, "blocked JID", jid, 1, JID_BYTES_MAX);
	if (s == STORE_OK)
		s = txn_begin(st, true);
	if (s != STORE_OK)
		return s;
	const char *doing = "blocking a JID";
	int64_t n = 0;
	bool there = false;
	s = require_account(st, user, doing);
	if (s == STORE_OK) {
		sqlite3_stmt *stmt = st->im_stmts[IM_BLOCK_HAS];
		s = query_int(st, stmt, bind2(stmt, user, &jid), doing, &n, &there);
	}
	if (s == STORE_OK && !there) {
		bool found = false;
		sqlite3_stmt *stmt = st->im_stmts[IM_BLOCK_COUNT];
		s = query_int(st, stmt, bind2(stmt, user, NULL), doing, &n, &found);
		if (s == STORE_OK && n >= (int64_t)limit)
			s = store_fail(st, STORE_E_LIMIT, "%s: %lld blocked, the limit is %u", doing,
				       (long long)n, (unsigned)limit);
	}
	if (s == STORE_OK && !there) {
		sqlite3_stmt *stmt = st->im_stmts[IM_BLOCK_ADD];
		int changed = 0;
		s = store_run(st, stmt, bind2(stmt, user, &jid), doing, &changed);
	}
	return txn_end(st, s);
}

enum store_status store_block_remove(struct store *st, struct span user, struct span jid)
{
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = check_len(st, "blocked JID", jid, 0, JID_BYTES_MAX);
	if (s == STORE_OK)
		s = txn_begin(st, true);
	if (s != STORE_OK)
		return s;
	s = require_account(st, user, "unblocking");
	if (s == STORE_OK) {
		bool all = jid.len == 0;
		sqlite3_stmt *stmt = st->im_stmts[all ? IM_BLOCK_CLEAR : IM_BLOCK_REMOVE];
		int changed = 0;
		s = store_run(st, stmt, bind2(stmt, user, all ? NULL : &jid), "unblocking", &changed);
	}
	return txn_end(st, s);
}

/* ---------- last activity ---------- */

enum store_status store_last_set(struct store *st, struct span user, int64_t when_unix, struct span status)
{
	enum store_status s = start(st, user);
	if (s == STORE_OK)
		s = check_len(st, "status text", status, 0, STORE_VALUE_BYTES_MAX);
	if (s == STORE_OK)
		s = txn_begin(st, true);
	if (s != STORE_OK)
		return s;
	s = require_account(st, user, "recording last activity");
	if (s == STORE_OK) {
		sqlite3_stmt *stmt = st->im_stmts[IM_LAST_SET];
		int rc = bind2(stmt, user, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(stmt, 2, when_unix);
		if (rc == SQLITE_OK)
			rc = bind_text(stmt, 3, status);
		int changed = 0;
		s = store_run(st, stmt, rc, "recording last activity", &changed);
	}
	return txn_end(st, s);
}

enum store_status store_last_get(struct store *st, struct span user, int64_t *when_unix, struct span *status)
{
	enum store_status s = start(st, user);
	if (s != STORE_OK)
		return s;
	sqlite3_stmt *stmt = st->im_stmts[IM_LAST_GET];
	int rc = bind2(stmt, user, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(stmt);
	struct span text = { NULL, 0 };
	if (rc == SQLITE_ROW)
		text = column_span(stmt, 1);
	if (rc == SQLITE_DONE)
		s = store_fail(st, STORE_E_NOT_FOUND, "reading last activity: none recorded");
	else if (rc != SQLITE_ROW)
		s = store_fail_sqlite(st, "reading last activity", rc);
	else if (!buf_reserve(&st->scratch, text.len))
		s = store_fail(st, STORE_E_NOMEM, "reading last activity: out of memory");
	if (s == STORE_OK) {
		*when_unix = sqlite3_column_int64(stmt, 0);
		keep(&st->scratch, &text);
		*status = text;
	}
	store_stmt_finish(stmt);
	return s;
}
