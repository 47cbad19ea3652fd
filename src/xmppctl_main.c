/* xmppctl - account administration: adduser, passwd, deluser, users.
 *
 * Passwords are read from the terminal (twice, without echo) or, when stdin is
 * not a terminal, as one line from stdin; they are turned into SCRAM keys at
 * once (both hashes) and wiped. Nothing but the keys reaches the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "account.h"
#include "buf.h"
#include "config.h"
#include "store.h"

#define PASSWORD_MAX 1024

static int usage(void)
{
	(void)fprintf(stderr, "usage: xmppctl [--config FILE] adduser USER | passwd USER | deluser USER | users\n"
			      "  the password is read from the terminal, or as one line from stdin\n");
	return 2;
}

static bool read_line(const char *prompt, char *out, size_t cap, bool tty)
{
	struct termios saved, quiet;
	if (tty) {
		(void)fprintf(stderr, "%s", prompt);
		if (tcgetattr(0, &saved) != 0)
			return false;
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		(void)tcsetattr(0, TCSAFLUSH, &quiet);
	}
	bool ok = fgets(out, (int)cap, stdin) != NULL;
	if (tty) {
		(void)tcsetattr(0, TCSAFLUSH, &saved);
		(void)fprintf(stderr, "\n");
	}
	if (!ok)
		return false;
	out[strcspn(out, "\r\n")] = '\0';
	return true;
}

static bool read_password(char *pw, size_t cap)
{
	bool tty = isatty(0) != 0;
	char again[PASSWORD_MAX];
	if (!read_line("Password: ", pw, cap, tty))
		return false;
	if (tty && (!read_line("Again: ", again, sizeof again, tty) || strcmp(pw, again) != 0)) {
		sodium_memzero(again, sizeof again);
		(void)fprintf(stderr, "xmppctl: the passwords differ\n");
		return false;
	}
	sodium_memzero(again, sizeof again);
	if (pw[0] == '\0') {
		(void)fprintf(stderr, "xmppctl: empty password\n");
		return false;
	}
	return true;
}

static bool derive(const struct config *cfg, struct credentials *creds)
{
	char pw[PASSWORD_MAX];
	if (!read_password(pw, sizeof pw))
		return false;
	bool ok = account_credentials_create(span_of(pw, strlen(pw)), cfg->sasl.scram_iterations, creds);
	sodium_memzero(pw, sizeof pw);
	return ok;
}

static bool print_user(void *ctx, struct span username, int64_t created)
{
	(void)ctx;
	(void)created;
	printf("%.*s\n", (int)username.len, (const char *)username.ptr);
	return true;
}

static int run(const struct config *cfg, struct store *st, const char *cmd, const char *user)
{
	struct credentials creds;
	enum store_status r;
	uint8_t prepared[JID_PART_MAX];
	size_t len = 0;
	if (strcmp(cmd, "users") == 0)
		r = store_account_list(st, print_user, NULL);
	else if (user == NULL || !account_username_prepare(span_of(user, strlen(user)), prepared, &len))
		return user == NULL ? usage() : (fprintf(stderr, "xmppctl: '%s' is not a valid localpart\n", user), 1);
	else if (strcmp(cmd, "deluser") == 0)
		r = store_account_delete(st, span_of(prepared, len));
	else if (strcmp(cmd, "adduser") == 0 || strcmp(cmd, "passwd") == 0) {
		if (!derive(cfg, &creds))
			return 1;
		r = strcmp(cmd, "adduser") == 0 ? store_account_create(st, span_of(prepared, len), &creds)
						: store_account_set_credentials(st, span_of(prepared, len), &creds);
		sodium_memzero(&creds, sizeof creds);
	} else
		return usage();
	if (r != STORE_OK) {
		(void)fprintf(stderr, "xmppctl: %s: %s\n", cmd, store_status_text(r));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	int i = 1;
	if (i + 1 < argc && strcmp(argv[i], "--config") == 0) {
		path = argv[i + 1];
		i += 2;
	}
	if (i >= argc)
		return usage();
	if (path == NULL && access("xmppd.conf", R_OK) == 0)
		path = "xmppd.conf";
	struct config cfg;
	struct buf errors;
	buf_init(&errors, mem_default());
	enum config_status cs = path != NULL ? config_load_file(path, &cfg, &errors)
					     : config_load_string("(defaults)", "", &cfg, &errors);
	if (sodium_init() < 0 || cs != CONFIG_OK) {
		(void)fprintf(stderr, "%.*s", (int)errors.len, (const char *)errors.data);
		buf_free(&errors);
		return 1;
	}
	buf_free(&errors);
	/* The database lives in data_dir; create it as the server would. */
	(void)mkdir(cfg.server.data_dir, 0700);
	struct store *st = NULL;
	enum store_status ss = store_open(mem_default(), cfg.server.database, &st);
	int status;
	if (ss != STORE_OK) {
		(void)fprintf(stderr, "xmppctl: %s: %s\n", cfg.server.database,
			      st != NULL ? store_last_error(st) : store_status_text(ss));
		status = 1;
	} else {
		status = run(&cfg, st, argv[i], i + 1 < argc ? argv[i + 1] : NULL);
	}
	store_close(st);
	config_free(&cfg);
	return status;
}
