/* store.c - the database file, its schema and migrations, and accounts.
 * See store.h for the contract. The per-account IM data is in store_im.c; the
 * two files share store_internal.h, whose header says who owns what (this file
 * owns struct store, the SQLite handle and the account statements).
 *
 * Every statement the server runs in steady state is prepared once in store_open()
 * and reset after each use; values are bound with explicit lengths and
 * SQLITE_STATIC, which is safe because each call resets and clears its statement
 * before it returns, while the caller's bytes are still alive. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store_internal.h"

/* ---------- names ---------- */

static const char *const status_names[STORE_STATUS_COUNT] = {
	[STORE_OK] = "STORE_OK",
	[STORE_E_USERNAME_LENGTH] = "STORE_E_USERNAME_LENGTH",
	[STORE_E_USERNAME_NUL] = "STORE_E_USERNAME_NUL",
	[STORE_E_SALT_LENGTH] = "STORE_E_SALT_LENGTH",
	[STORE_E_ITERATIONS] = "STORE_E_ITERATIONS",
	[STORE_E_EXISTS] = "STORE_E_EXISTS",
	[STORE_E_NOT_FOUND] = "STORE_E_NOT_FOUND",
	[STORE_E_CANTOPEN] = "STORE_E_CANTOPEN",
	[STORE_E_NOT_A_DATABASE] = "STORE_E_NOT_A_DATABASE",
	[STORE_E_CORRUPT] = "STORE_E_CORRUPT",
	[STORE_E_NO_WAL] = "STORE_E_NO_WAL",
	[STORE_E_SCHEMA_TOO_NEW] = "STORE_E_SCHEMA_TOO_NEW",
	[STORE_E_MIGRATION] = "STORE_E_MIGRATION",
	[STORE_E_BUSY] = "STORE_E_BUSY",
	[STORE_E_IO] = "STORE_E_IO",
	[STORE_E_NOMEM] = "STORE_E_NOMEM",
	[STORE_E_SQLITE] = "STORE_E_SQLITE",
	[STORE_E_NOT_OPEN] = "STORE_E_NOT_OPEN",
	[STORE_E_LIMIT] = "STORE_E_LIMIT",
	[STORE_E_TOO_LARGE] = "STORE_E_TOO_LARGE",
	[STORE_E_INVALID] = "STORE_E_INVALID",
};

static const char *const status_texts[STORE_STATUS_COUNT] = {
	[STORE_OK] = "success",
	[STORE_E_USERNAME_LENGTH] = "the username must be 1..1023 bytes (RFC 7622 §3.3)",
	[STORE_E_USERNAME_NUL] = "the username contains a NUL byte",
	[STORE_E_SALT_LENGTH] = "a SCRAM salt must be 1..64 bytes",
	[STORE_E_ITERATIONS] = "a SCRAM iteration count must be at least 4096 (RFC 7677 §4)",
	[STORE_E_EXISTS] = "an account with this username exists",
	[STORE_E_NOT_FOUND] = "no account with this username",
	[STORE_E_CANTOPEN] = "the database file cannot be opened or created",
	[STORE_E_NOT_A_DATABASE] = "the file is not an xmppd database",
	[STORE_E_CORRUPT] = "the database is corrupt",
	[STORE_E_NO_WAL] = "the database cannot use write-ahead logging on this file system",
	[STORE_E_SCHEMA_TOO_NEW] = "the database was written by a newer xmppd",
	[STORE_E_MIGRATION] = "upgrading the database schema failed; the file is unchanged",
	[STORE_E_BUSY] = "the database is locked by another writer",
	[STORE_E_IO] = "the database cannot be read or written (disk full, read-only, I/O error)",
	[STORE_E_NOMEM] = "out of memory",
	[STORE_E_SQLITE] = "SQLite failed",
	[STORE_E_NOT_OPEN] = "the store is not open",
	[STORE_E_LIMIT] = "a per-account limit would be exceeded",
	[STORE_E_TOO_LARGE] = "the value is larger than the store accepts",
	[STORE_E_INVALID] = "an empty contact, JID, key or stanza, or a subscription state out of range",
};

const char *store_status_name(enum store_status s)
{
	return (unsigned)s < STORE_STATUS_COUNT ? status_names[s] : "STORE_E_UNKNOWN";
}

const char *store_status_text(enum store_status s)
{
	return (unsigned)s < STORE_STATUS_COUNT ? status_texts[s] : "unknown store status";
}

/* ---------- schema ---------- */

/* Digest lengths fix the key column sizes (RFC 5802 §2.2: H() output). */
static const struct {
	const char *mechanism;
	size_t digest_len;
} hashes[SCRAM_HASH_COUNT] = {
	[SCRAM_SHA1] = { "SCRAM-SHA-1", 20 },
	[SCRAM_SHA256] = { "SCRAM-SHA-256", 32 },
};

/* History, never edited once released: the numbers in the CHECKs are the rules
 * as they were when the step was written; a later rule is a later step. */
static const struct store_migration migration_list[] = {
	{ "1: accounts",
	  "CREATE TABLE accounts ("
	  " username TEXT PRIMARY KEY NOT NULL"
	  "  CHECK (length(CAST(username AS BLOB)) BETWEEN 1 AND 1023),"
	  " created INTEGER NOT NULL,"
	  " scram_sha1_salt BLOB NOT NULL CHECK (length(scram_sha1_salt) BETWEEN 1 AND 64),"
	  " scram_sha1_iterations INTEGER NOT NULL"
	  "  CHECK (scram_sha1_iterations BETWEEN 4096 AND 4294967295),"
	  " scram_sha1_stored_key BLOB NOT NULL CHECK (length(scram_sha1_stored_key) = 20),"
	  " scram_sha1_server_key BLOB NOT NULL CHECK (length(scram_sha1_server_key) = 20),"
	  " scram_sha256_salt BLOB NOT NULL CHECK (length(scram_sha256_salt) BETWEEN 1 AND 64),"
	  " scram_sha256_iterations INTEGER NOT NULL"
	  "  CHECK (scram_sha256_iterations BETWEEN 4096 AND 4294967295),"
	  " scram_sha256_stored_key BLOB NOT NULL CHECK (length(scram_sha256_stored_key) = 32),"
	  " scram_sha256_server_key BLOB NOT NULL CHECK (length(scram_sha256_server_key) = 32)"
	  ") STRICT, WITHOUT ROWID;" },
	/* Every table names its account with ON DELETE CASCADE (foreign_keys is on
	 * for every connection, configure()): deleting an account deletes its data.
	 * 3071 is a JID's longest prepared form (RFC 7622 §3: three 1023-byte parts
	 * and two separators); 1048576 is STORE_VALUE_BYTES_MAX. Rows that may hold
	 * a large value keep a rowid (SQLite advises WITHOUT ROWID for small rows). */
	{ "2: instant messaging",
	  "CREATE TABLE roster_versions ("
	  " username TEXT PRIMARY KEY NOT NULL REFERENCES accounts (username) ON DELETE CASCADE,"
	  " ver INTEGER NOT NULL CHECK (ver >= 1)"
	  ") STRICT, WITHOUT ROWID;"
	  "CREATE TABLE roster ("
	  " username TEXT NOT NULL REFERENCES accounts (username) ON DELETE CASCADE,"
	  " contact TEXT NOT NULL CHECK (length(CAST(contact AS BLOB)) BETWEEN 1 AND 3071),"
	  " name TEXT NOT NULL CHECK (length(CAST(name AS BLOB)) <= 1048576),"
	  " state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 11),"
	  " in_roster INTEGER NOT NULL CHECK (in_roster IN (0, 1)),"
	  " removed INTEGER NOT NULL CHECK (removed IN (0, 1)),"
	  " ver INTEGER NOT NULL CHECK (ver >= 1),"
	  " groups BLOB NOT NULL CHECK (length(groups) <= 1048576),"
	  " pending BLOB NOT NULL CHECK (length(pending) <= 1048576),"
	  " UNIQUE (username, contact)"
	  ") STRICT;"
	  "CREATE INDEX roster_by_ver ON roster (username, ver);"
	  "CREATE TABLE offline ("
	  " id INTEGER PRIMARY KEY,"
	  " username TEXT NOT NULL REFERENCES accounts (username) ON DELETE CASCADE,"
	  " stamp INTEGER NOT NULL,"
	  " stanza BLOB NOT NULL CHECK (length(stanza) BETWEEN 1 AND 1048576)"
	  ") STRICT;"
	  "CREATE INDEX offline_by_user ON offline (username, id);"
	  "CREATE TABLE account_values ("
	  " username TEXT NOT NULL REFERENCES accounts (username) ON DELETE CASCADE,"
	  " key TEXT NOT NULL CHECK (length(CAST(key AS BLOB)) BETWEEN 1 AND 1048576),"
	  " value BLOB NOT NULL CHECK (length(value) BETWEEN 1 AND 1048576),"
	  " UNIQUE (username, key)"
	  ") STRICT;"
	  "CREATE TABLE blocks ("
	  " username TEXT NOT NULL REFERENCES accounts (username) ON DELETE CASCADE,"
	  " jid TEXT NOT NULL CHECK (length(CAST(jid AS BLOB)) BETWEEN 1 AND 3071),"
	  " PRIMARY KEY (username, jid)"
	  ") STRICT, WITHOUT ROWID;"
	  "CREATE TABLE last_activity ("
	  " username TEXT PRIMARY KEY NOT NULL REFERENCES accounts (username) ON DELETE CASCADE,"
	  " stamp INTEGER NOT NULL,"
	  " status TEXT NOT NULL CHECK (length(CAST(status AS BLOB)) <= 1048576)"
	  ") STRICT;" },
};

const struct store_migration *store_migrations(size_t *count)
{
	*count = sizeof migration_list / sizeof migration_list[0];
	return migration_list;
}

/* Parameter numbers are shared by INSERT and UPDATE so one function binds keys:
 * ?1 username, ?2 created, then four per hash starting at ?3 and ?7. */
#define KEY_COLUMNS(h) h "_salt, " h "_iterations, " h "_stored_key, " h "_server_key"
#define PARAM_FIRST_KEYS 3
#define PARAMS_PER_HASH 4

static const char *const stmt_sql[STMT_COUNT] = {
	[STMT_INSERT] = "INSERT INTO accounts (username, created, " KEY_COLUMNS("scram_sha1") ", "
			KEY_COLUMNS("scram_sha256") ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
			" ON CONFLICT (username) DO NOTHING",
	[STMT_SELECT] = "SELECT " KEY_COLUMNS("scram_sha1") ", " KEY_COLUMNS("scram_sha256")
			" FROM accounts WHERE username = ?1",
	[STMT_UPDATE] = "UPDATE accounts SET scram_sha1_salt = ?3, scram_sha1_iterations = ?4,"
			" scram_sha1_stored_key = ?5, scram_sha1_server_key = ?6, scram_sha256_salt = ?7,"
			" scram_sha256_iterations = ?8, scram_sha256_stored_key = ?9,"
			" scram_sha256_server_key = ?10 WHERE username = ?1",
	[STMT_DELETE] = "DELETE FROM accounts WHERE username = ?1",
	[STMT_LIST] = "SELECT username, created FROM accounts ORDER BY username",
};

/* ---------- errors ---------- */

enum store_status store_fail(struct store *st, enum store_status s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	/* clang-tidy 14 reports every va_list as uninitialized once it has checked
	 * another file in the same run (`make lint`); alone, this file is clean.
	 * NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	(void)vsnprintf(st->last_error, sizeof st->last_error, fmt, ap);
	va_end(ap);
	return s;
}

static enum store_status status_of_sqlite(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_E_BUSY;
	case SQLITE_NOMEM:
		return STORE_E_NOMEM;
	case SQLITE_NOTADB:
		return STORE_E_NOT_A_DATABASE;
	case SQLITE_CORRUPT:
		return STORE_E_CORRUPT;
	case SQLITE_CANTOPEN:
		return STORE_E_CANTOPEN;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return STORE_E_IO;
	default:
		return STORE_E_SQLITE;
	}
}

enum store_status store_fail_sqlite(struct store *st, const char *doing, int rc)
{
	return store_fail(st, status_of_sqlite(rc), "%s: %s [sqlite %d]", doing, sqlite3_errmsg(st->db), rc);
}

/* ---------- small SQL helpers (open time only) ---------- */

static enum store_status exec(struct store *st, const char *sql, const char *doing)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? STORE_OK : store_fail_sqlite(st, doing, rc);
}

/* The first column of the first row as an integer; STORE_E_NOT_FOUND without a row. */
static enum store_status query_int(struct store *st, const char *sql, int64_t *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail_sqlite(st, sql, rc);
	enum store_status s = STORE_OK;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else if (rc == SQLITE_DONE)
		s = STORE_E_NOT_FOUND;
	else
		s = store_fail_sqlite(st, sql, rc);
	sqlite3_finalize(stmt);
	return s;
}

/* ---------- open ---------- */

/* SQLite would create the file with mode 0644; the keys in it allow offline
 * password guessing, so create it 0600 first. SQLite gives the -wal and -shm
 * files the mode of the database file. */
static enum store_status create_private(struct store *st, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		(void)close(fd);
		return STORE_OK;
	}
	if (errno == EEXIST)
		return STORE_OK;
	return store_fail(st, STORE_E_CANTOPEN, "cannot create %s: %s", path, strerror(errno));
}

static enum store_status open_db(struct store *st, const char *path)
{
	enum store_status s = create_private(st, path);
	if (s != STORE_OK)
		return s;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
	int rc = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, status_of_sqlite(rc), "cannot open %s: %s", path,
			    st->db != NULL ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	/* The file is input we did not write ourselves: refuse schema tricks
	 * (writable_schema, corrupting shadow tables) that defensive mode blocks. */
	(void)sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	(void)sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	return STORE_OK;
}

/* WAL lets readers proceed during a write; NORMAL sync is durable across a
 * process crash and loses at most the last transactions on power loss, which
 * is the WAL trade-off the SQLite documentation recommends. */
static enum store_status configure(struct store *st, const char *path)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode=WAL", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail_sqlite(st, path, rc);
	rc = sqlite3_step(stmt);
	enum store_status s = STORE_OK;
	const char *mode = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : NULL;
	if (rc != SQLITE_ROW)
		s = store_fail_sqlite(st, path, rc);
	else if (mode == NULL || sqlite3_stricmp(mode, "wal") != 0)
		s = store_fail(st, STORE_E_NO_WAL, "%s: journal_mode=WAL refused (the mode is %s)", path,
			 mode != NULL ? mode : "unknown");
	sqlite3_finalize(stmt);
	if (s != STORE_OK)
		return s;
	return exec(st, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", path);
}

/* The version row; a file with tables but no version table is someone else's. */
static enum store_status read_version(struct store *st, int64_t *version)
{
	int64_t ours = 0, tables = 0;
	enum store_status s = query_int(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
				       " AND name = 'schema_version'", &ours);
	if (s == STORE_OK)
		s = query_int(st, "SELECT count(*) FROM sqlite_schema", &tables);
	if (s != STORE_OK)
		return s;
	if (ours == 0 && tables > 0)
		return store_fail(st, STORE_E_NOT_A_DATABASE,
			    "an SQLite database without a schema_version table: not an xmppd database");
	if (ours == 0) {
		*version = 0;
		return exec(st, "CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1),"
			    " version INTEGER NOT NULL) STRICT; INSERT INTO schema_version VALUES (1, 0);",
			    "creating schema_version");
	}
	s = query_int(st, "SELECT version FROM schema_version WHERE id = 1", version);
	if (s == STORE_E_NOT_FOUND)
		return store_fail(st, STORE_E_CORRUPT, "schema_version has no row");
	return s;
}

static enum store_status write_version(struct store *st, int version)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(st->db, "UPDATE schema_version SET version = ?1 WHERE id = 1", -1,
				    &stmt, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(stmt, 1, version);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(stmt);
	enum store_status s = rc == SQLITE_DONE ? STORE_OK : store_fail_sqlite(st, "writing schema_version", rc);
	sqlite3_finalize(stmt);
	return s;
}

static enum store_status apply_steps(struct store *st, const struct store_migration *steps,
				     size_t count, int64_t from)
{
	if (from < 0 || from > (int64_t)count)
		return store_fail(st, from < 0 ? STORE_E_CORRUPT : STORE_E_SCHEMA_TOO_NEW,
			    "database schema version %lld; this xmppd knows versions up to %zu:"
			    " refusing to open it", (long long)from, count);
	for (size_t v = (size_t)from; v < count; v++) {
		int rc = sqlite3_exec(st->db, steps[v].sql, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return store_fail(st, STORE_E_MIGRATION, "migration %s failed: %s [sqlite %d]",
				    steps[v].what, sqlite3_errmsg(st->db), rc);
	}
	return from < (int64_t)count ? write_version(st, (int)count) : STORE_OK;
}

/* One IMMEDIATE transaction around reading the version and every step: two
 * servers starting at once cannot both migrate, and a failed step leaves the
 * file as it was. */
static enum store_status migrate(struct store *st, const struct store_migration *steps, size_t count)
{
	enum store_status s = exec(st, "BEGIN IMMEDIATE", "starting the schema check");
	if (s != STORE_OK)
		return s;
	int64_t version = 0;
	s = read_version(st, &version);
	if (s == STORE_OK)
		s = apply_steps(st, steps, count, version);
	if (s == STORE_OK)
		s = exec(st, "COMMIT", "committing the schema");
	if (s != STORE_OK) {
		(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return s;
	}
	st->schema_version = (int)count;
	return STORE_OK;
}

static enum store_status prepare_all(struct store *st)
{
	for (int i = 0; i < STMT_COUNT; i++) {
		int rc = sqlite3_prepare_v3(st->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
					    &st->stmts[i], NULL);
		if (rc != SQLITE_OK)
			return store_fail_sqlite(st, "preparing statements", rc);
	}
	return store_im_prepare(st);
}

static void close_db(struct store *st)
{
	store_im_finalize(st);
	for (int i = 0; i < STMT_COUNT; i++) {
		sqlite3_finalize(st->stmts[i]);
		st->stmts[i] = NULL;
	}
	/* Every statement is finalized, so this cannot return SQLITE_BUSY. */
	(void)sqlite3_close(st->db);
	st->db = NULL;
}

enum store_status store_open_with(const struct mem *mem, const char *path,
				  const struct store_migration *migrations, size_t count,
				  struct store **out)
{
	struct store *st = mem_alloc(mem, sizeof *st);
	*out = st;
	if (st == NULL)
		return STORE_E_NOMEM;
	memset(st, 0, sizeof *st);
	st->mem = mem;
	buf_init(&st->scratch, mem);
	enum store_status s = open_db(st, path);
	if (s == STORE_OK)
		s = configure(st, path);
	if (s == STORE_OK)
		s = migrate(st, migrations, count);
	if (s == STORE_OK)
		s = prepare_all(st);
	if (s != STORE_OK)
		close_db(st);
	return s;
}

enum store_status store_open(const struct mem *mem, const char *path, struct store **out)
{
	size_t count = 0;
	const struct store_migration *steps = store_migrations(&count);
	return store_open_with(mem, path, steps, count, out);
}

void store_close(struct store *st)
{
	if (st == NULL)
		return;
	close_db(st);
	buf_free(&st->scratch);
	mem_release(st->mem, st);
}

const char *store_last_error(const struct store *st)
{
	return st != NULL ? st->last_error : "no store (out of memory at open)";
}

int store_schema_version(const struct store *st)
{
	return st != NULL ? st->schema_version : 0;
}

/* ---------- input checks ---------- */

enum store_status store_begin_call(struct store *st)
{
	if (st == NULL)
		return STORE_E_NOT_OPEN;
	if (st->db == NULL)
		return store_fail(st, STORE_E_NOT_OPEN, "the store failed to open");
	st->last_error[0] = '\0';
	return STORE_OK;
}

/* The username itself never goes into the message: it is user input in a log. */
enum store_status store_check_username(struct store *st, struct span username)
{
	if (username.len == 0 || username.len > STORE_USERNAME_BYTES_MAX)
		return store_fail(st, STORE_E_USERNAME_LENGTH, "username is %zu bytes; must be 1..%u",
			    username.len, STORE_USERNAME_BYTES_MAX);
	if (memchr(username.ptr, '\0', username.len) != NULL)
		return store_fail(st, STORE_E_USERNAME_NUL, "username contains a NUL byte");
	return STORE_OK;
}

static enum store_status check_credentials(struct store *st, const struct credentials *creds)
{
	for (int h = 0; h < SCRAM_HASH_COUNT; h++) {
		const struct scram_keys *k = &creds->keys[h];
		if (k->salt_len == 0 || k->salt_len > SCRAM_SALT_MAX)
			return store_fail(st, STORE_E_SALT_LENGTH, "%s salt is %zu bytes; must be 1..%d",
				    hashes[h].mechanism, k->salt_len, SCRAM_SALT_MAX);
		if (k->iterations < STORE_SCRAM_ITERATIONS_MIN)
			return store_fail(st, STORE_E_ITERATIONS, "%s iteration count %u is below %u",
				    hashes[h].mechanism, (unsigned)k->iterations,
				    STORE_SCRAM_ITERATIONS_MIN);
	}
	return STORE_OK;
}

/* ---------- statements ---------- */

void store_stmt_finish(sqlite3_stmt *stmt)
{
	(void)sqlite3_reset(stmt);
	(void)sqlite3_clear_bindings(stmt);
}

static int bind_username(sqlite3_stmt *stmt, struct span username)
{
	return sqlite3_bind_text(stmt, 1, (const char *)username.ptr, (int)username.len, SQLITE_STATIC);
}

static int bind_credentials(sqlite3_stmt *stmt, const struct credentials *creds)
{
	int rc = SQLITE_OK;
	for (int h = 0; h < SCRAM_HASH_COUNT && rc == SQLITE_OK; h++) {
		const struct scram_keys *k = &creds->keys[h];
		int p = PARAM_FIRST_KEYS + h * PARAMS_PER_HASH;
		int digest_len = (int)hashes[h].digest_len;
		rc = sqlite3_bind_blob(stmt, p, k->salt, (int)k->salt_len, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(stmt, p + 1, k->iterations);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_blob(stmt, p + 2, k->stored_key, digest_len, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_blob(stmt, p + 3, k->server_key, digest_len, SQLITE_STATIC);
	}
	return rc;
}

enum store_status store_run(struct store *st, sqlite3_stmt *stmt, int bind_rc, const char *doing,
			     int *changed)
{
	enum store_status s = STORE_OK;
	int rc = bind_rc == SQLITE_OK ? sqlite3_step(stmt) : bind_rc;
	if (rc != SQLITE_DONE)
		s = store_fail_sqlite(st, doing, rc);
	store_stmt_finish(stmt);
	*changed = s == STORE_OK ? sqlite3_changes(st->db) : 0;
	return s;
}

enum store_status store_account_create(struct store *st, struct span username,
				       const struct credentials *creds)
{
	enum store_status s = store_begin_call(st);
	if (s == STORE_OK)
		s = store_check_username(st, username);
	if (s == STORE_OK)
		s = check_credentials(st, creds);
	if (s != STORE_OK)
		return s;
	sqlite3_stmt *stmt = st->stmts[STMT_INSERT];
	int rc = bind_username(stmt, username);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 2, (sqlite3_int64)time(NULL));
	if (rc == SQLITE_OK)
		rc = bind_credentials(stmt, creds);
	int changed = 0;
	s = store_run(st, stmt, rc, "creating an account", &changed);
	if (s == STORE_OK && changed == 0)
		return store_fail(st, STORE_E_EXISTS, "creating an account: the username is taken");
	return s;
}

enum store_status store_account_set_credentials(struct store *st, struct span username,
						const struct credentials *creds)
{
	enum store_status s = store_begin_call(st);
	if (s == STORE_OK)
		s = store_check_username(st, username);
	if (s == STORE_OK)
		s = check_credentials(st, creds);
	if (s != STORE_OK)
		return s;
	sqlite3_stmt *stmt = st->stmts[STMT_UPDATE];
	int rc = bind_username(stmt, username);
	if (rc == SQLITE_OK)
		rc = bind_credentials(stmt, creds);
	int changed = 0;
	s = store_run(st, stmt, rc, "setting credentials", &changed);
	if (s == STORE_OK && changed == 0)
		return store_fail(st, STORE_E_NOT_FOUND, "setting credentials: no such account");
	return s;
}

enum store_status store_account_delete(struct store *st, struct span username)
{
	enum store_status s = store_begin_call(st);
	if (s == STORE_OK)
		s = store_check_username(st, username);
	if (s != STORE_OK)
		return s;
	sqlite3_stmt *stmt = st->stmts[STMT_DELETE];
	int changed = 0;
	s = store_run(st, stmt, bind_username(stmt, username), "deleting an account", &changed);
	if (s == STORE_OK && changed == 0)
		return store_fail(st, STORE_E_NOT_FOUND, "deleting an account: no such account");
	return s;
}

/* One blob column into a fixed array; its length must be in [min, max]. */
static bool read_blob(sqlite3_stmt *stmt, int col, uint8_t *dst, size_t min, size_t max, size_t *len)
{
	const void *bytes = sqlite3_column_blob(stmt, col);
	int n = sqlite3_column_bytes(stmt, col);
	if (bytes == NULL || n < 0 || (size_t)n < min || (size_t)n > max)
		return false;
	memcpy(dst, bytes, (size_t)n);
	*len = (size_t)n;
	return true;
}

/* The schema's CHECKs hold these already; a row that breaks them means the file
 * was edited behind our back, and keys of the wrong size must not reach SCRAM. */
static bool read_keys(sqlite3_stmt *stmt, int col, size_t digest_len, struct scram_keys *k)
{
	size_t len = 0;
	sqlite3_int64 iterations = sqlite3_column_int64(stmt, col + 1);
	if (iterations < STORE_SCRAM_ITERATIONS_MIN || iterations > UINT32_MAX)
		return false;
	k->iterations = (uint32_t)iterations;
	return read_blob(stmt, col, k->salt, 1, SCRAM_SALT_MAX, &k->salt_len) &&
	       read_blob(stmt, col + 2, k->stored_key, digest_len, digest_len, &len) &&
	       read_blob(stmt, col + 3, k->server_key, digest_len, digest_len, &len);
}

enum store_status store_account_get(struct store *st, struct span username, struct credentials *out)
{
	enum store_status s = store_begin_call(st);
	if (s == STORE_OK)
		s = store_check_username(st, username);
	if (s != STORE_OK)
		return s;
	sqlite3_stmt *stmt = st->stmts[STMT_SELECT];
	int rc = bind_username(stmt, username);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(stmt);
	struct credentials creds;
	memset(&creds, 0, sizeof creds);
	if (rc == SQLITE_DONE)
		s = store_fail(st, STORE_E_NOT_FOUND, "reading an account: no such account");
	else if (rc != SQLITE_ROW)
		s = store_fail_sqlite(st, "reading an account", rc);
	for (int h = 0; s == STORE_OK && h < SCRAM_HASH_COUNT; h++)
		if (!read_keys(stmt, h * PARAMS_PER_HASH, hashes[h].digest_len, &creds.keys[h]))
			s = store_fail(st, STORE_E_CORRUPT, "reading an account: the %s keys break the schema",
				 hashes[h].mechanism);
	store_stmt_finish(stmt);
	if (s == STORE_OK)
		*out = creds;
	/* The local copy held keys; the compiler may not elide a store it can see
	 * read through a volatile pointer. */
	volatile uint8_t *wipe = (volatile uint8_t *)&creds;
	for (size_t i = 0; i < sizeof creds; i++)
		wipe[i] = 0;
	return s;
}

enum store_status store_account_list(struct store *st, store_account_fn fn, void *ctx)
{
	enum store_status s = store_begin_call(st);
	if (s != STORE_OK)
		return s;
	sqlite3_stmt *stmt = st->stmts[STMT_LIST];
	for (;;) {
		int rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			s = store_fail_sqlite(st, "listing accounts", rc);
			break;
		}
		const unsigned char *name = sqlite3_column_text(stmt, 0);
		int len = sqlite3_column_bytes(stmt, 0);
		if (name == NULL || len <= 0) {
			s = store_fail(st, STORE_E_CORRUPT, "listing accounts: an empty username");
			break;
		}
		if (!fn(ctx, span_of(name, (size_t)len), sqlite3_column_int64(stmt, 1)))
			break;
	}
	store_stmt_finish(stmt);
	return s;
}
