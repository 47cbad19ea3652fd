/* store.h - accounts on disk: one SQLite file in WAL mode, SCRAM keys only.
 *
 * The API has no password parameter anywhere: callers derive struct credentials
 * (credentials.h) and the store keeps those. Opening creates the file (mode 0600:
 * the keys allow offline guessing) and its schema, and migrates an older schema
 * forward inside one transaction; a schema newer than this build is refused.
 *
 * Ownership:
 * - store_open() allocates the store through the given struct mem (borrowed; must
 *   outlive the store). It sets *out even when it fails (unless the allocation of
 *   the store itself failed, then *out is NULL), so that store_last_error() can say
 *   why, the way sqlite3_open() does; the caller then calls store_close(). A store
 *   that failed to open refuses every other call with STORE_E_NOT_OPEN.
 * - Spans and credentials passed in are borrowed for the duration of the call.
 * - The username span given to a store_account_list() callback is borrowed for
 *   the duration of that callback only.
 * - store_last_error() returns a string owned by the store, valid until the next
 *   call on it. It never contains a username, keys or salts: it is for logs.
 *
 * One store per thread: statements are prepared once at open and reused, so calls
 * on one store must not overlap (a list callback must not call into the store). */
#ifndef XMPPD_STORE_H
#define XMPPD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "credentials.h"
#include "mem.h"
#include "span.h"

/* RFC 7677 §4: "the hash iteration-count ... SHOULD be at least 4096". Every
 * SCRAM hash we store must meet it; a lower count is refused, not clamped. */
#define STORE_SCRAM_ITERATIONS_MIN 4096u
/* RFC 7622 §3.3: a localpart is 1..1023 bytes once prepared. */
#define STORE_USERNAME_BYTES_MAX 1023u
/* Writers wait this long for another process's write lock before STORE_E_BUSY. */
#define STORE_BUSY_TIMEOUT_MS 5000

enum store_status {
	STORE_OK = 0,
	/* the caller's input, refused before touching the database */
	STORE_E_USERNAME_LENGTH, /* empty or longer than STORE_USERNAME_BYTES_MAX */
	STORE_E_USERNAME_NUL,    /* contains a NUL byte */
	STORE_E_SALT_LENGTH,     /* a salt_len of 0 or above SCRAM_SALT_MAX */
	STORE_E_ITERATIONS,      /* an iteration count below STORE_SCRAM_ITERATIONS_MIN */
	/* the account */
	STORE_E_EXISTS,          /* store_account_create: the username is taken */
	STORE_E_NOT_FOUND,       /* no account with that username */
	/* the database file */
	STORE_E_CANTOPEN,        /* cannot open or create the file */
	STORE_E_NOT_A_DATABASE,  /* not an SQLite file, or an SQLite file that is not ours */
	STORE_E_CORRUPT,         /* SQLite reports corruption, or a row breaks the schema */
	STORE_E_NO_WAL,          /* the file system refused journal_mode=WAL */
	STORE_E_SCHEMA_TOO_NEW,  /* written by a newer xmppd: refused, never downgraded */
	STORE_E_MIGRATION,       /* a migration step failed; the file is unchanged */
	STORE_E_BUSY,            /* another writer held the lock past the busy timeout */
	STORE_E_IO,              /* disk full, read-only, I/O error */
	STORE_E_NOMEM,
	STORE_E_SQLITE,          /* any other SQLite failure: see store_last_error() */
	/* the caller's sequencing */
	STORE_E_NOT_OPEN,        /* the store failed to open (or is NULL) */
	/* per-account data (roster, offline messages, ...) */
	STORE_E_LIMIT,           /* a per-account limit would be exceeded (offline queue, list length) */
	STORE_E_TOO_LARGE,       /* a value longer than the store accepts */
	STORE_E_INVALID,         /* an empty contact, JID, key or stanza; a state out of range */
	STORE_STATUS_COUNT
};

const char *store_status_name(enum store_status s); /* "STORE_E_EXISTS" */
const char *store_status_text(enum store_status s); /* one sentence for operators */

struct store;

enum store_status store_open(const struct mem *mem, const char *path, struct store **out)
	__attribute__((warn_unused_result));
/* NULL is allowed. Checkpoints the WAL and releases everything. */
void store_close(struct store *st);

/* What went wrong in the last failed call, with SQLite's message when it was
 * SQLite's doing; "" after a call that succeeded. */
const char *store_last_error(const struct store *st);

/* The schema version the file is at (after store_open: the newest this build knows). */
int store_schema_version(const struct store *st);

enum store_status store_account_create(struct store *st, struct span username,
				       const struct credentials *creds)
	__attribute__((warn_unused_result));
/* *out is overwritten only on success; key bytes beyond each digest are zero. */
enum store_status store_account_get(struct store *st, struct span username, struct credentials *out)
	__attribute__((warn_unused_result));
/* Replaces both hashes' keys at once (a password change, XEP-0077 §3.3). */
enum store_status store_account_set_credentials(struct store *st, struct span username,
						const struct credentials *creds)
	__attribute__((warn_unused_result));
enum store_status store_account_delete(struct store *st, struct span username)
	__attribute__((warn_unused_result));

/* Called once per account in byte order of the username; `created` is Unix time.
 * Return false to stop early (store_account_list still returns STORE_OK). */
typedef bool (*store_account_fn)(void *ctx, struct span username, int64_t created);
enum store_status store_account_list(struct store *st, store_account_fn fn, void *ctx)
	__attribute__((warn_unused_result));

/* ---- per-account data for instant messaging (RFC 6121, XEPs) ----
 *
 * `user` is always a prepared localpart (jid.h); contacts and blocked items are
 * prepared JIDs in their bare or full text form. Every call is one transaction.
 * Spans handed out in *out parameters (store_roster_get's item included) are
 * owned by the store and valid until the next call on it. Spans given to a
 * callback (the item of store_roster_list, a message, a blocked JID) point into
 * the row being read and are valid during that callback only: copy what you
 * keep. Callbacks run inside the call's transaction (store_offline_take's holds
 * the write lock): keep them short, and never call into the store from one.
 * Deleting an account (store_account_delete) deletes all of this with it. A
 * failed call changes nothing.
 *
 * Statuses every call below may return besides STORE_OK and SQLite's:
 * - STORE_E_NOT_FOUND when `user` has no account (for store_roster_get,
 *   store_value_get and store_last_get also when there is no such item);
 * - STORE_E_INVALID for an empty contact, JID, key or offline stanza, or a
 *   roster item state outside enum sub_state;
 * - STORE_E_TOO_LARGE for a contact or JID over 3071 bytes (RFC 7622 §3: three
 *   1023-byte parts), or a name, group list, pending stanza, offline stanza,
 *   key, value or status text over STORE_VALUE_BYTES_MAX;
 * - STORE_E_NOT_OPEN also on a store opened (store_open_with) with a schema
 *   older than the IM tables. */

/* RFC 6121 §2.1.2.2: groups per item; more are refused with STORE_E_LIMIT (a
 * configurable limit would be better, but 64 is far above what any client shows). */
#define STORE_ROSTER_GROUPS_MAX 64u
#define STORE_VALUE_BYTES_MAX 1048576u /* 1 MiB */

struct store_roster_item {
	struct span contact;   /* bare JID */
	struct span name;      /* empty: no name */
	int state;             /* enum sub_state (subscription.h) */
	/* false: only subscription state is tracked (an inbound request from someone
	 * the user has not added): not shown in roster results (RFC 6121 §3.1.3) */
	bool in_roster;
	bool removed;          /* a tombstone kept for roster versioning (§2.6) */
	uint64_t ver;          /* the roster version at which the item last changed */
	struct span groups[STORE_ROSTER_GROUPS_MAX];
	size_t group_count;
	/* the pending inbound <presence type='subscribe'/> as received (serialized),
	 * redelivered at each login until answered (§3.1.3); empty when none */
	struct span pending;
};

/* The account's roster version: 0 for a roster that never changed. */
enum store_status store_roster_version(struct store *st, struct span user, uint64_t *ver)
	__attribute__((warn_unused_result));
/* STORE_E_NOT_FOUND when there is no row (tombstones are not found either). */
enum store_status store_roster_get(struct store *st, struct span user, struct span contact,
				   struct store_roster_item *out) __attribute__((warn_unused_result));
/* Inserts or replaces the item (contact, name, state, in_roster, groups, pending;
 * `ver` and `removed` are ignored), bumps the roster version and stamps the item
 * with it; *ver gets the new version. */
enum store_status store_roster_put(struct store *st, struct span user, const struct store_roster_item *item,
				   uint64_t *ver) __attribute__((warn_unused_result));
/* Turns the item into a tombstone at a new version (*ver). STORE_E_NOT_FOUND if absent. */
enum store_status store_roster_remove(struct store *st, struct span user, struct span contact, uint64_t *ver)
	__attribute__((warn_unused_result));
/* Items changed after version `since` in version order (since = 0: every live
 * item, no tombstones; since > 0: tombstones changed after it too). Items with
 * in_roster false are included: the caller filters. Return false to stop.
 * A `since` above the current version lists nothing: compare it with
 * store_roster_version() first (RFC 6121 §2.6.3: then send the whole roster).
 * Tombstones are kept for good (one row per contact ever removed). */
typedef bool (*store_roster_fn)(void *ctx, const struct store_roster_item *item);
enum store_status store_roster_list(struct store *st, struct span user, uint64_t since, store_roster_fn fn,
				    void *ctx) __attribute__((warn_unused_result));

/* Offline messages (XEP-0160): serialized stanzas with the time they arrived. */
enum store_status store_offline_count(struct store *st, struct span user, uint32_t *count)
	__attribute__((warn_unused_result));
/* STORE_E_LIMIT when the user already has `limit` messages waiting. */
enum store_status store_offline_push(struct store *st, struct span user, struct span stanza, int64_t stamp_unix,
				     uint32_t limit) __attribute__((warn_unused_result));
/* Calls fn for each message in arrival order and then deletes the ones it was
 * called for; fn returning false stops there and keeps that one and the rest.
 * The deletion commits after the last callback: if it fails, the messages are
 * offered again next time (at least once, never lost). */
typedef bool (*store_offline_fn)(void *ctx, struct span stanza, int64_t stamp_unix);
enum store_status store_offline_take(struct store *st, struct span user, store_offline_fn fn, void *ctx)
	__attribute__((warn_unused_result));

/* Opaque per-account values by key: "vcard" (XEP-0054), "private:<ns> <name>"
 * (XEP-0049). Setting an empty value deletes. STORE_E_NOT_FOUND when absent. */
enum store_status store_value_get(struct store *st, struct span user, struct span key, struct span *out)
	__attribute__((warn_unused_result));
enum store_status store_value_set(struct store *st, struct span user, struct span key, struct span value)
	__attribute__((warn_unused_result));

/* XEP-0191 block list: JIDs as written in <item jid=''/> once prepared,
 * listed in byte order. */
typedef bool (*store_jid_fn)(void *ctx, struct span jid);
enum store_status store_block_list(struct store *st, struct span user, store_jid_fn fn, void *ctx)
	__attribute__((warn_unused_result));
/* Adding a JID already there is STORE_OK; STORE_E_LIMIT beyond `limit` entries. */
enum store_status store_block_add(struct store *st, struct span user, struct span jid, uint32_t limit)
	__attribute__((warn_unused_result));
/* Removing an absent JID is STORE_OK; an empty jid removes all. */
enum store_status store_block_remove(struct store *st, struct span user, struct span jid)
	__attribute__((warn_unused_result));

/* XEP-0012: when the account's last session ended, with its status text. */
enum store_status store_last_set(struct store *st, struct span user, int64_t when_unix, struct span status)
	__attribute__((warn_unused_result));
enum store_status store_last_get(struct store *st, struct span user, int64_t *when_unix, struct span *status)
	__attribute__((warn_unused_result));

/* ---- for tests: migrations ----
 * A migration is SQL run once to bring the schema from version `index` to
 * `index + 1`. Steps are append-only history: a released step never changes. */
struct store_migration {
	const char *what; /* for the error message when it fails */
	const char *sql;
};

/* The list store_open() applies. */
const struct store_migration *store_migrations(size_t *count);
/* store_open() with another list, so tests can build an old file and a newer one. */
enum store_status store_open_with(const struct mem *mem, const char *path,
				  const struct store_migration *migrations, size_t count,
				  struct store **out) __attribute__((warn_unused_result));

#endif
