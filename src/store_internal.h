/* store_internal.h - what store.c and store_im.c share; no other module includes it.
 *
 * The store is one module (store.h is its only contract) written in two files:
 * store.c (the file, the schema and its migrations, accounts) and store_im.c
 * (the per-account IM data). This header is the seam between them.
 *
 * Ownership:
 * - store.c owns struct store: it allocates and frees it, opens and closes the
 *   SQLite handle, prepares and finalizes the account statements (stmts[]) and
 *   initializes and frees `scratch`. It calls store_im_prepare() once the schema
 *   is current and store_im_finalize() before closing the handle.
 * - store_im.c owns im_stmts[] (prepared by store_im_prepare, finalized by
 *   store_im_finalize) and is the only user of `scratch`: the bytes behind every
 *   span an IM call hands out in an *out parameter. Each IM call empties it
 *   first, which is what makes those spans "valid until the next call on the
 *   store" (store.h). */
#ifndef XMPPD_STORE_INTERNAL_H
#define XMPPD_STORE_INTERNAL_H

#include <sqlite3.h>

#include "buf.h"
#include "store.h"

enum store_stmt {
	STMT_INSERT,
	STMT_SELECT,
	STMT_UPDATE,
	STMT_DELETE,
	STMT_LIST,
	STMT_COUNT
};

enum store_im_stmt {
	IM_BEGIN_READ,
	IM_BEGIN_WRITE,
	IM_COMMIT,
	IM_ROLLBACK,
	IM_ACCOUNT,
	IM_ROSTER_VERSION,
	IM_ROSTER_BUMP,
	IM_ROSTER_GET,
	IM_ROSTER_PUT,
	IM_ROSTER_REMOVE,
	IM_ROSTER_LIST,
	IM_OFFLINE_COUNT,
	IM_OFFLINE_PUSH,
	IM_OFFLINE_LIST,
	IM_OFFLINE_DELETE,
	IM_VALUE_GET,
	IM_VALUE_PUT,
	IM_VALUE_DELETE,
	IM_BLOCK_HAS,
	IM_BLOCK_COUNT,
	IM_BLOCK_ADD,
	IM_BLOCK_REMOVE,
	IM_BLOCK_CLEAR,
	IM_BLOCK_LIST,
	IM_LAST_SET,
	IM_LAST_GET,
	IM_STMT_COUNT
};

struct store {
	const struct mem *mem;
	sqlite3 *db;                           /* NULL when the open failed */
	sqlite3_stmt *stmts[STMT_COUNT];
	sqlite3_stmt *im_stmts[IM_STMT_COUNT];
	struct buf scratch;                    /* see the ownership rule above */
	int schema_version;
	char last_error[512];
};

/* Records the message for store_last_error() and returns s. */
enum store_status store_fail(struct store *st, enum store_status s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Must run before the statement is reset: reset may replace SQLite's message. */
enum store_status store_fail_sqlite(struct store *st, const char *doing, int rc);

/* The start of every public call: refuses a store that failed to open, clears
 * the last error. */
enum store_status store_begin_call(struct store *st) __attribute__((warn_unused_result));
/* 1..STORE_USERNAME_BYTES_MAX bytes, no NUL. */
enum store_status store_check_username(struct store *st, struct span username)
	__attribute__((warn_unused_result));

/* Resets a statement and clears its bindings (borrowed bytes are released). */
void store_stmt_finish(sqlite3_stmt *stmt);
/* Runs a statement that returns no rows, then finishes it; *changed is the
 * number of rows it touched. bind_rc is the result of binding its parameters. */
enum store_status store_run(struct store *st, sqlite3_stmt *stmt, int bind_rc, const char *doing,
			    int *changed) __attribute__((warn_unused_result));

/* The schema version whose step created the IM tables (migration "2: instant
 * messaging"). A store opened with an older list (store_open_with, in tests)
 * prepares no IM statement, and every IM call on it is STORE_E_NOT_OPEN. */
#define STORE_SCHEMA_IM 2

enum store_status store_im_prepare(struct store *st) __attribute__((warn_unused_result));
void store_im_finalize(struct store *st);

#endif
