/* check_store.c - account storage (src/store.c): CRUD, persistence, WAL, schema
 * migrations, refusal of foreign and corrupt files, input validation. Each test
 * works in its own directory from mkdtemp(). */
#include <dirent.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "suites.h"
#include "test_dir.h"

/* ---------- fixture: a fresh directory per test ---------- */

static char dir[64];
static char db_path[128];

static void setup(void)
{
	(void)snprintf(dir, sizeof dir, "/tmp/xmppd-store-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	(void)snprintf(db_path, sizeof db_path, "%s/accounts.sqlite", dir);
}

static void teardown(void)
{
	test_dir_remove(dir);
}

static struct store *open_ok(void)
{
	struct store *st = NULL;
	enum store_status s = store_open(mem_default(), db_path, &st);
	ck_assert_msg(s == STORE_OK, "store_open: %s: %s", store_status_name(s), store_last_error(st));
	return st;
}

/* Distinct, recognisable keys: every byte value appears somewhere, NUL included,
 * so a text conversion or a strlen anywhere would show. */
static struct credentials make_creds(uint8_t seed)
{
	static const size_t digest_len[SCRAM_HASH_COUNT] = { 20, 32 };
	struct credentials c;
	memset(&c, 0, sizeof c);
	for (int h = 0; h < SCRAM_HASH_COUNT; h++) {
		struct scram_keys *k = &c.keys[h];
		k->salt_len = h == SCRAM_SHA1 ? 16 : SCRAM_SALT_MAX;
		for (size_t i = 0; i < k->salt_len; i++)
			k->salt[i] = (uint8_t)(seed + i * 4 + (size_t)h);
		k->iterations = STORE_SCRAM_ITERATIONS_MIN + seed + (uint32_t)h;
		for (size_t i = 0; i < digest_len[h]; i++) {
			k->stored_key[i] = (uint8_t)(seed * 7 + i);
			k->server_key[i] = (uint8_t)(0xff - seed - i);
		}
	}
	return c;
}

static void assert_creds_eq(const struct credentials *a, const struct credentials *b)
{
	ck_assert_int_eq(memcmp(a, b, sizeof *a), 0);
}

/* Raw SQLite access, to look at the file the way an attacker or an operator would. */
static sqlite3 *raw_open(void)
{
	sqlite3 *db = NULL;
	ck_assert_int_eq(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	return db;
}

static void raw_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, err != NULL ? err : "?");
	sqlite3_free(err);
}

static void raw_text(sqlite3 *db, const char *sql, char *out, size_t out_len)
{
	sqlite3_stmt *stmt = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	const unsigned char *text = sqlite3_column_text(stmt, 0);
	(void)snprintf(out, out_len, "%s", text != NULL ? (const char *)text : "");
	sqlite3_finalize(stmt);
}

/* The newest schema version this build knows: one per migration step. */
static int current_version(void)
{
	size_t n = 0;
	(void)store_migrations(&n);
	return (int)n;
}

/* ---------- tables ---------- */

START_TEST(test_status_tables_complete)
{
	for (int s = 0; s < STORE_STATUS_COUNT; s++) {
		ck_assert_ptr_nonnull(store_status_name(s));
		ck_assert_ptr_nonnull(store_status_text(s));
		ck_assert_uint_gt(strlen(store_status_text(s)), 0);
		ck_assert_int_eq(strncmp(store_status_name(s), "STORE_", 6), 0);
		for (int t = 0; t < s; t++)
			ck_assert_str_ne(store_status_name(s), store_status_name(t));
	}
	ck_assert_str_eq(store_status_name(STORE_E_EXISTS), "STORE_E_EXISTS");
	ck_assert_str_eq(store_status_name(STORE_STATUS_COUNT), "STORE_E_UNKNOWN");
}
END_TEST

/* ---------- CRUD ---------- */

START_TEST(test_crud)
{
	struct store *st = open_ok();
	struct credentials c1 = make_creds(1), c2 = make_creds(2), got;
	struct span alice = SPAN_LIT("alice");

	ck_assert_int_eq(store_account_get(st, alice, &got), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_account_create(st, alice, &c1), STORE_OK);
	ck_assert_str_eq(store_last_error(st), "");
	ck_assert_int_eq(store_account_get(st, alice, &got), STORE_OK);
	assert_creds_eq(&got, &c1);

	ck_assert_int_eq(store_account_set_credentials(st, alice, &c2), STORE_OK);
	ck_assert_int_eq(store_account_get(st, alice, &got), STORE_OK);
	assert_creds_eq(&got, &c2);

	ck_assert_int_eq(store_account_delete(st, alice), STORE_OK);
	ck_assert_int_eq(store_account_get(st, alice, &got), STORE_E_NOT_FOUND);
	ck_assert_str_ne(store_last_error(st), "");
	store_close(st);
}
END_TEST

START_TEST(test_get_leaves_out_alone_on_failure)
{
	struct store *st = open_ok();
	struct credentials before = make_creds(9), got = before;
	ck_assert_int_eq(store_account_get(st, SPAN_LIT("nobody"), &got), STORE_E_NOT_FOUND);
	assert_creds_eq(&got, &before);
	store_close(st);
}
END_TEST

START_TEST(test_duplicate_create_keeps_first)
{
	struct store *st = open_ok();
	struct credentials c1 = make_creds(1), c2 = make_creds(2), got;
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("bob"), &c1), STORE_OK);
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("bob"), &c2), STORE_E_EXISTS);
	ck_assert_ptr_nonnull(strstr(store_last_error(st), "taken"));
	ck_assert_int_eq(store_account_get(st, SPAN_LIT("bob"), &got), STORE_OK);
	assert_creds_eq(&got, &c1);
	store_close(st);
}
END_TEST

START_TEST(test_missing_account)
{
	struct store *st = open_ok();
	struct credentials c = make_creds(1);
	ck_assert_int_eq(store_account_delete(st, SPAN_LIT("ghost")), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_account_set_credentials(st, SPAN_LIT("ghost"), &c), STORE_E_NOT_FOUND);
	/* Usernames are compared byte for byte: no case folding in the store. */
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("ghost"), &c), STORE_OK);
	ck_assert_int_eq(store_account_delete(st, SPAN_LIT("Ghost")), STORE_E_NOT_FOUND);
	ck_assert_int_eq(store_account_delete(st, SPAN_LIT("ghost")), STORE_OK);
	ck_assert_int_eq(store_account_delete(st, SPAN_LIT("ghost")), STORE_E_NOT_FOUND);
	store_close(st);
}
END_TEST

START_TEST(test_blobs_byte_exact)
{
	struct store *st = open_ok();
	struct credentials c, got;
	memset(&c, 0, sizeof c);
	for (int h = 0; h < SCRAM_HASH_COUNT; h++) {
		struct scram_keys *k = &c.keys[h];
		k->salt_len = SCRAM_SALT_MAX;
		for (size_t i = 0; i < SCRAM_SALT_MAX; i++)
			k->salt[i] = (uint8_t)(i * 4 + (size_t)h); /* 0x00 first, 0xfc..0xff last */
		k->iterations = UINT32_MAX;
		size_t len = h == SCRAM_SHA1 ? 20 : 32;
		for (size_t i = 0; i < len; i++) {
			k->stored_key[i] = (uint8_t)(i % 2 ? 0x00 : 0xff);
			k->server_key[i] = (uint8_t)(0x80 + i);
		}
	}
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("exact"), &c), STORE_OK);
	store_close(st);

	st = open_ok();
	ck_assert_int_eq(store_account_get(st, SPAN_LIT("exact"), &got), STORE_OK);
	assert_creds_eq(&got, &c);
	store_close(st);

	/* The columns hold exactly the digest length, not SCRAM_KEY_MAX. */
	sqlite3 *db = raw_open();
	char n[32];
	raw_text(db, "SELECT length(scram_sha1_stored_key) || ',' || length(scram_sha256_server_key)"
		 " || ',' || length(scram_sha1_salt) FROM accounts", n, sizeof n);
	ck_assert_str_eq(n, "20,32,64");
	sqlite3_close(db);
}
END_TEST

START_TEST(test_key_tail_beyond_digest_reads_zero)
{
	struct store *st = open_ok();
	struct credentials c = make_creds(3), got;
	memset(c.keys[SCRAM_SHA1].stored_key + 20, 0xaa, SCRAM_KEY_MAX - 20);
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("tail"), &c), STORE_OK);
	ck_assert_int_eq(store_account_get(st, SPAN_LIT("tail"), &got), STORE_OK);
	for (size_t i = 20; i < SCRAM_KEY_MAX; i++)
		ck_assert_uint_eq(got.keys[SCRAM_SHA1].stored_key[i], 0);
	ck_assert_int_eq(memcmp(got.keys[SCRAM_SHA1].stored_key, c.keys[SCRAM_SHA1].stored_key, 20), 0);
	store_close(st);
}
END_TEST

/* ---------- persistence, WAL, file ---------- */

START_TEST(test_persists_across_reopen)
{
	struct store *st = open_ok();
	struct credentials c = make_creds(5), got;
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("carol"), &c), STORE_OK);
	store_close(st);
	st = open_ok();
	ck_assert_int_eq(store_schema_version(st), current_version());
	ck_assert_int_eq(store_account_get(st, SPAN_LIT("carol"), &got), STORE_OK);
	assert_creds_eq(&got, &c);
	store_close(st);
}
END_TEST

START_TEST(test_wal_mode_and_private_file)
{
	struct store *st = open_ok();
	struct credentials c = make_creds(1);
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("dave"), &c), STORE_OK);

	sqlite3 *db = raw_open();
	char mode[16];
	raw_text(db, "PRAGMA journal_mode", mode, sizeof mode);
	ck_assert_str_eq(mode, "wal");
	sqlite3_close(db);

	struct stat sb;
	ck_assert_int_eq(stat(db_path, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);
	char wal[160];
	(void)snprintf(wal, sizeof wal, "%s-wal", db_path);
	ck_assert_int_eq(stat(wal, &sb), 0); /* the WAL exists while the store is open */
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);
	store_close(st);
}
END_TEST

/* RFC 7677 / RFC 5802: the server keeps StoredKey and ServerKey only. The API has
 * no password parameter; this checks the file has no place to put one. */
START_TEST(test_schema_has_no_password_column)
{
	store_close(open_ok());
	sqlite3 *db = raw_open();
	sqlite3_stmt *stmt = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT m.name, p.name FROM sqlite_schema m,"
					    " pragma_table_info(m.name) p WHERE m.type = 'table'"
					    " ORDER BY m.name, p.cid", -1, &stmt, NULL), SQLITE_OK);
	char columns[2048] = "";
	size_t used = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(stmt, 0);
		const char *column = (const char *)sqlite3_column_text(stmt, 1);
		ck_assert_ptr_null(strstr(column, "pass"));
		ck_assert_ptr_null(strstr(column, "pw"));
		used += (size_t)snprintf(columns + used, sizeof columns - used, "%s.%s ", table, column);
		ck_assert_uint_lt(used, sizeof columns);
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	ck_assert_str_eq(columns,
			 "account_values.username account_values.key account_values.value "
			 "accounts.username accounts.created "
			 "accounts.scram_sha1_salt accounts.scram_sha1_iterations "
			 "accounts.scram_sha1_stored_key accounts.scram_sha1_server_key "
			 "accounts.scram_sha256_salt accounts.scram_sha256_iterations "
			 "accounts.scram_sha256_stored_key accounts.scram_sha256_server_key "
			 "blocks.username blocks.jid "
			 "last_activity.username last_activity.stamp last_activity.status "
			 "offline.id offline.username offline.stamp offline.stanza "
			 "roster.username roster.contact roster.name roster.state roster.in_roster "
			 "roster.removed roster.ver roster.groups roster.pending "
			 "roster_versions.username roster_versions.ver "
			 "schema_version.id schema_version.version ");
}
END_TEST

/* ---------- list ---------- */

struct names {
	char text[256];
	size_t used;
	size_t stop_after; /* 0: never stop */
	size_t calls;
};

static bool collect(void *ctx, struct span username, int64_t created)
{
	struct names *n = ctx;
	ck_assert_int_gt(created, 1600000000); /* a plausible Unix time, not 0 */
	ck_assert_uint_lt(n->used + username.len + 1, sizeof n->text);
	memcpy(n->text + n->used, username.ptr, username.len);
	n->used += username.len;
	n->text[n->used++] = ' ';
	n->text[n->used] = '\0';
	n->calls++;
	return n->stop_after == 0 || n->calls < n->stop_after;
}

START_TEST(test_list_in_byte_order)
{
	struct store *st = open_ok();
	struct credentials c = make_creds(1);
	static const char *const users[] = { "b", "\xc3\xa4", "a", "B", "aa", "a-b" };
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
		ck_assert_int_eq(store_account_create(st, span_of(users[i], strlen(users[i])), &c), STORE_OK);

	struct names n = { .used = 0 };
	ck_assert_int_eq(store_account_list(st, collect, &n), STORE_OK);
	ck_assert_str_eq(n.text, "B a a-b aa b \xc3\xa4 ");

	struct names first = { .stop_after = 2 };
	ck_assert_int_eq(store_account_list(st, collect, &first), STORE_OK);
	ck_assert_str_eq(first.text, "B a ");

	/* The list statement was reset: a second full walk sees everything again. */
	struct names again = { .used = 0 };
	ck_assert_int_eq(store_account_list(st, collect, &again), STORE_OK);
	ck_assert_str_eq(again.text, n.text);
	store_close(st);
}
END_TEST

START_TEST(test_list_empty)
{
	struct store *st = open_ok();
	struct names n = { .used = 0 };
	ck_assert_int_eq(store_account_list(st, collect, &n), STORE_OK);
	ck_assert_uint_eq(n.calls, 0);
	store_close(st);
}
END_TEST

/* ---------- input validation ---------- */

START_TEST(test_username_validation)
{
	struct store *st = open_ok();
	struct credentials c = make_creds(1), got;
	static char longest[STORE_USERNAME_BYTES_MAX + 1];
	memset(longest, 'x', sizeof longest);

	ck_assert_int_eq(store_account_create(st, span_of("", 0), &c), STORE_E_USERNAME_LENGTH);
	ck_assert_int_eq(store_account_create(st, span_of(longest, sizeof longest), &c),
			 STORE_E_USERNAME_LENGTH);
	ck_assert_str_eq(store_last_error(st), "username is 1024 bytes; must be 1..1023");
	ck_assert_int_eq(store_account_create(st, span_of("a\0b", 3), &c), STORE_E_USERNAME_NUL);
	ck_assert_int_eq(store_account_get(st, span_of("a\0b", 3), &got), STORE_E_USERNAME_NUL);
	ck_assert_int_eq(store_account_delete(st, span_of("", 0)), STORE_E_USERNAME_LENGTH);
	ck_assert_int_eq(store_account_set_credentials(st, span_of("", 0), &c), STORE_E_USERNAME_LENGTH);

	ck_assert_int_eq(store_account_create(st, span_of(longest, sizeof longest - 1), &c), STORE_OK);
	ck_assert_int_eq(store_account_get(st, span_of(longest, sizeof longest - 1), &got), STORE_OK);
	store_close(st);
}
END_TEST

START_TEST(test_credentials_validation)
{
	struct store *st = open_ok();
	struct credentials c = make_creds(1);

	c.keys[SCRAM_SHA256].salt_len = 0;
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("u"), &c), STORE_E_SALT_LENGTH);
	ck_assert_str_eq(store_last_error(st), "SCRAM-SHA-256 salt is 0 bytes; must be 1..64");
	c.keys[SCRAM_SHA256].salt_len = SCRAM_SALT_MAX + 1;
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("u"), &c), STORE_E_SALT_LENGTH);
	c.keys[SCRAM_SHA256].salt_len = 1; /* bytes past salt_len are not stored: zero them */
	memset(c.keys[SCRAM_SHA256].salt + 1, 0, SCRAM_SALT_MAX - 1);

	c.keys[SCRAM_SHA1].iterations = STORE_SCRAM_ITERATIONS_MIN - 1;
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("u"), &c), STORE_E_ITERATIONS);
	ck_assert_str_eq(store_last_error(st), "SCRAM-SHA-1 iteration count 4095 is below 4096");
	c.keys[SCRAM_SHA1].iterations = STORE_SCRAM_ITERATIONS_MIN;
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("u"), &c), STORE_OK);

	/* set_credentials validates the same way and leaves the row alone. */
	struct credentials bad = c, got;
	bad.keys[SCRAM_SHA256].iterations = 1;
	ck_assert_int_eq(store_account_set_credentials(st, SPAN_LIT("u"), &bad), STORE_E_ITERATIONS);
	ck_assert_int_eq(store_account_get(st, SPAN_LIT("u"), &got), STORE_OK);
	assert_creds_eq(&got, &c);
	store_close(st);
}
END_TEST

/* ---------- migrations ---------- */

/* The real steps plus one more, as a future release would have them. */
static const struct store_migration *future_steps(size_t *count)
{
	static struct store_migration steps[8];
	size_t n = 0;
	const struct store_migration *real = store_migrations(&n);
	ck_assert_uint_lt(n, 8);
	memcpy(steps, real, n * sizeof *real);
	steps[n] = (struct store_migration){ "future: last_login",
		"ALTER TABLE accounts ADD COLUMN last_login INTEGER;"
		" CREATE INDEX accounts_by_login ON accounts (last_login);" };
	*count = n + 1;
	return steps;
}

START_TEST(test_migrates_old_file)
{
	/* An old file: written by this build (the real steps); a future build adds one. */
	struct store *st = NULL;
	size_t real_count = 0;
	const struct store_migration *real = store_migrations(&real_count);
	ck_assert_int_eq(store_open_with(mem_default(), db_path, real, real_count, &st), STORE_OK);
	struct credentials c = make_creds(4), got;
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("old"), &c), STORE_OK);
	store_close(st);

	size_t count = 0;
	const struct store_migration *steps = future_steps(&count);
	ck_assert_int_eq(store_open_with(mem_default(), db_path, steps, count, &st), STORE_OK);
	ck_assert_int_eq(store_schema_version(st), (int)count);
	ck_assert_int_eq(store_account_get(st, SPAN_LIT("old"), &got), STORE_OK);
	assert_creds_eq(&got, &c);
	store_close(st);

	sqlite3 *db = raw_open();
	char v[16];
	raw_text(db, "SELECT version FROM schema_version", v, sizeof v);
	ck_assert_int_eq(atoi(v), (int)count);
	raw_text(db, "SELECT count(*) FROM pragma_table_info('accounts') WHERE name = 'last_login'",
		 v, sizeof v);
	ck_assert_str_eq(v, "1");
	sqlite3_close(db);
}
END_TEST

START_TEST(test_empty_file_migrates_from_zero)
{
	/* A zero-byte file (e.g. touched by an installer) is an empty database. */
	FILE *f = fopen(db_path, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	struct store *st = open_ok();
	ck_assert_int_eq(store_schema_version(st), current_version());
	store_close(st);
}
END_TEST

START_TEST(test_newer_file_refused)
{
	struct store *st = NULL;
	size_t count = 0;
	const struct store_migration *steps = future_steps(&count);
	ck_assert_int_eq(store_open_with(mem_default(), db_path, steps, count, &st), STORE_OK);
	struct credentials c = make_creds(4);
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("new"), &c), STORE_OK);
	store_close(st);

	ck_assert_int_eq(store_open(mem_default(), db_path, &st), STORE_E_SCHEMA_TOO_NEW);
	char expected[128];
	(void)snprintf(expected, sizeof expected,
		       "database schema version %d; this xmppd knows versions up to %d: refusing to open it",
		       current_version() + 1, current_version());
	ck_assert_str_eq(store_last_error(st), expected);
	/* A store that failed to open refuses work instead of crashing. */
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("x"), &c), STORE_E_NOT_OPEN);
	store_close(st);

	/* Nothing was downgraded: the newer build still opens it, data intact. */
	ck_assert_int_eq(store_open_with(mem_default(), db_path, steps, count, &st), STORE_OK);
	ck_assert_int_eq(store_account_delete(st, SPAN_LIT("new")), STORE_OK);
	store_close(st);
}
END_TEST

START_TEST(test_failed_migration_changes_nothing)
{
	struct store *st = open_ok();
	struct credentials c = make_creds(6), got;
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("keep"), &c), STORE_OK);
	store_close(st);

	size_t n = 0;
	const struct store_migration *real = store_migrations(&n);
	struct store_migration steps[8];
	ck_assert_uint_lt(n + 2, 8);
	memcpy(steps, real, n * sizeof *real);
	steps[n] = (struct store_migration){ "2: fine", "CREATE TABLE extra (x INTEGER);" };
	steps[n + 1] = (struct store_migration){ "3: broken", "ALTER TABLE nowhere ADD COLUMN y;" };
	ck_assert_int_eq(store_open_with(mem_default(), db_path, steps, n + 2, &st), STORE_E_MIGRATION);
	ck_assert_str_eq(store_last_error(st),
			 "migration 3: broken failed: no such table: nowhere [sqlite 1]");
	store_close(st);

	st = open_ok(); /* still the current version: the extra step rolled back with the broken one */
	ck_assert_int_eq(store_account_get(st, SPAN_LIT("keep"), &got), STORE_OK);
	store_close(st);
	sqlite3 *db = raw_open();
	char v[16];
	raw_text(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'extra'", v, sizeof v);
	ck_assert_str_eq(v, "0");
	sqlite3_close(db);
}
END_TEST

/* ---------- files that are not ours ---------- */

static void write_file(const uint8_t *bytes, size_t len)
{
	FILE *f = fopen(db_path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_random_bytes_refused_and_untouched)
{
	uint8_t junk[8192], after[sizeof junk];
	uint32_t x = 0x2545f491u; /* xorshift32: fixed bytes, never the SQLite magic */
	for (size_t i = 0; i < sizeof junk; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		junk[i] = (uint8_t)x;
	}
	write_file(junk, sizeof junk);

	struct store *st = NULL;
	ck_assert_int_eq(store_open(mem_default(), db_path, &st), STORE_E_NOT_A_DATABASE);
	ck_assert_ptr_nonnull(strstr(store_last_error(st), "file is not a database"));
	ck_assert_ptr_nonnull(strstr(store_last_error(st), db_path));
	store_close(st);

	FILE *f = fopen(db_path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fread(after, 1, sizeof after, f), sizeof after);
	ck_assert_int_eq(fgetc(f), EOF);
	fclose(f);
	ck_assert_int_eq(memcmp(junk, after, sizeof junk), 0);
}
END_TEST

START_TEST(test_damaged_database_refused)
{
	store_close(open_ok());
	/* Keep the 100-byte SQLite header, scramble the rest of page 1 (the schema). */
	FILE *f = fopen(db_path, "r+b");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 100, SEEK_SET), 0);
	for (int i = 0; i < 3000; i++)
		ck_assert_int_ne(fputc((i * 37) & 0xff, f), EOF);
	ck_assert_int_eq(fclose(f), 0);

	struct store *st = NULL;
	enum store_status s = store_open(mem_default(), db_path, &st);
	ck_assert_msg(s == STORE_E_CORRUPT || s == STORE_E_NOT_A_DATABASE, "%s: %s",
		      store_status_name(s), store_last_error(st));
	store_close(st);
}
END_TEST

START_TEST(test_foreign_sqlite_file_refused)
{
	sqlite3 *db = NULL;
	ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
	raw_exec(db, "CREATE TABLE photos (id INTEGER PRIMARY KEY, data BLOB)");
	sqlite3_close(db);

	struct store *st = NULL;
	ck_assert_int_eq(store_open(mem_default(), db_path, &st), STORE_E_NOT_A_DATABASE);
	ck_assert_ptr_nonnull(strstr(store_last_error(st), "not an xmppd database"));
	store_close(st);
}
END_TEST

START_TEST(test_row_breaking_schema_is_corrupt)
{
	struct store *st = open_ok();
	struct credentials c = make_creds(1), got = make_creds(2), before = got;
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("eve"), &c), STORE_OK);
	/* Someone edits the file with the CHECKs off: a truncated key. */
	sqlite3 *db = raw_open();
	raw_exec(db, "PRAGMA ignore_check_constraints = ON;"
		 " UPDATE accounts SET scram_sha256_stored_key = x'0102' WHERE username = 'eve'");
	sqlite3_close(db);
	ck_assert_int_eq(store_account_get(st, SPAN_LIT("eve"), &got), STORE_E_CORRUPT);
	ck_assert_str_eq(store_last_error(st), "reading an account: the SCRAM-SHA-256 keys break the schema");
	assert_creds_eq(&got, &before);
	store_close(st);
}
END_TEST

START_TEST(test_cannot_create)
{
	char path[160];
	(void)snprintf(path, sizeof path, "%s/no/such/dir/x.sqlite", dir);
	struct store *st = NULL;
	ck_assert_int_eq(store_open(mem_default(), path, &st), STORE_E_CANTOPEN);
	ck_assert_ptr_nonnull(strstr(store_last_error(st), "No such file or directory"));
	ck_assert_ptr_nonnull(strstr(store_last_error(st), path));
	store_close(st);
}
END_TEST

static void *failing_alloc(void *ctx, size_t size)
{
	(void)ctx;
	(void)size;
	return NULL;
}

static void plain_release(void *ctx, void *ptr)
{
	(void)ctx;
	free(ptr);
}

START_TEST(test_allocation_failure)
{
	const struct mem failing = { failing_alloc, plain_release, NULL };
	static char not_a_store;
	struct store *st = (struct store *)(void *)&not_a_store; /* must be overwritten */
	ck_assert_int_eq(store_open(&failing, db_path, &st), STORE_E_NOMEM);
	ck_assert_ptr_null(st);
	ck_assert_ptr_nonnull(store_last_error(st));
	struct credentials c = make_creds(1);
	ck_assert_int_eq(store_account_create(st, SPAN_LIT("x"), &c), STORE_E_NOT_OPEN);
	store_close(st);
}
END_TEST

Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *crud = tcase_create("accounts");
	tcase_add_checked_fixture(crud, setup, teardown);
	tcase_add_test(crud, test_status_tables_complete);
	tcase_add_test(crud, test_crud);
	tcase_add_test(crud, test_get_leaves_out_alone_on_failure);
	tcase_add_test(crud, test_duplicate_create_keeps_first);
	tcase_add_test(crud, test_missing_account);
	tcase_add_test(crud, test_blobs_byte_exact);
	tcase_add_test(crud, test_key_tail_beyond_digest_reads_zero);
	tcase_add_test(crud, test_list_in_byte_order);
	tcase_add_test(crud, test_list_empty);
	tcase_add_test(crud, test_username_validation);
	tcase_add_test(crud, test_credentials_validation);
	suite_add_tcase(s, crud);

	TCase *file = tcase_create("file");
	tcase_add_checked_fixture(file, setup, teardown);
	tcase_add_test(file, test_persists_across_reopen);
	tcase_add_test(file, test_wal_mode_and_private_file);
	tcase_add_test(file, test_schema_has_no_password_column);
	tcase_add_test(file, test_migrates_old_file);
	tcase_add_test(file, test_empty_file_migrates_from_zero);
	tcase_add_test(file, test_newer_file_refused);
	tcase_add_test(file, test_failed_migration_changes_nothing);
	tcase_add_test(file, test_random_bytes_refused_and_untouched);
	tcase_add_test(file, test_damaged_database_refused);
	tcase_add_test(file, test_foreign_sqlite_file_refused);
	tcase_add_test(file, test_row_breaking_schema_is_corrupt);
	tcase_add_test(file, test_cannot_create);
	tcase_add_test(file, test_allocation_failure);
	suite_add_tcase(s, file);
	return s;
}
