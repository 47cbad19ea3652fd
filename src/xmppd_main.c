/* xmppd - the server program: configuration, storage, TLS, the loop, signals. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "buf.h"
#include "config.h"
#include "log.h"
#include "loop.h"
#include "server.h"
#include "store.h"
#include "tls.h"

/* `make LOOP_BACKEND=poll` builds a server on poll(2) instead of epoll; both
 * backends are always compiled (the unit tests run each), this picks one. */
#ifndef XMPPD_LOOP_BACKEND
#define XMPPD_LOOP_BACKEND LOOP_BACKEND_DEFAULT
#endif

struct app {
	const char *config_path;
	struct config cfg;
	struct logger log;
	struct loop *loop;
	struct server *srv;
	struct tls_context *tls;
	int signals_seen;
};

static int usage(void)
{
	(void)fprintf(stderr, "usage: xmppd [--config FILE] [--check-config]\n"
			      "  without --config, ./xmppd.conf is read if present, else the defaults apply\n");
	return 2;
}

static bool load_config(struct app *app)
{
	struct buf errors;
	buf_init(&errors, mem_default());
	enum config_status st;
	if (app->config_path != NULL)
		st = config_load_file(app->config_path, &app->cfg, &errors);
	else
		st = config_load_string("(defaults)", "", &app->cfg, &errors);
	if (st != CONFIG_OK)
		(void)fprintf(stderr, "%.*s", (int)errors.len, (const char *)errors.data);
	buf_free(&errors);
	return st == CONFIG_OK;
}

static bool make_dir(const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return true;
	(void)fprintf(stderr, "xmppd: cannot create %s: %s\n", path, strerror(errno));
	return false;
}

/* The secret behind unknown-user SCRAM salts: made once, kept across restarts. */
static bool load_secret(const char *data_dir, uint8_t secret[SCRAM_SECRET_LEN])
{
	char path[4096];
	(void)snprintf(path, sizeof path, "%s/secret", data_dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t n = read(fd, secret, SCRAM_SECRET_LEN);
		close(fd);
		if (n == SCRAM_SECRET_LEN)
			return true;
		(void)fprintf(stderr, "xmppd: %s is damaged; delete it to make a new one\n", path);
		return false;
	}
	randombytes_buf(secret, SCRAM_SECRET_LEN);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, secret, SCRAM_SECRET_LEN) != SCRAM_SECRET_LEN) {
		(void)fprintf(stderr, "xmppd: cannot write %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return false;
	}
	close(fd);
	return true;
}

static void on_stop_signal(struct loop *loop, int signo, void *ctx)
{
	struct app *app = ctx;
	if (app->signals_seen++ > 0) {
		loop_stop(loop); /* a second signal: stop without waiting for the goodbyes */
		return;
	}
	log_line(&app->log, CONFIG_LOG_INFO, "signal %d: shutting down", signo);
	server_shutdown(app->srv);
}

/* SIGHUP: what can change without restarting - the certificate and key, and the
 * log level. The rest of a new config file needs a restart (and is ignored). */
static void on_reload_signal(struct loop *loop, int signo, void *ctx)
{
	struct app *app = ctx;
	(void)loop;
	(void)signo;
	struct config fresh;
	struct buf errors;
	buf_init(&errors, mem_default());
	bool loaded = app->config_path == NULL ||
		      config_load_file(app->config_path, &fresh, &errors) == CONFIG_OK;
	if (!loaded) {
		log_line(&app->log, CONFIG_LOG_ERROR, "SIGHUP: %s not reloaded: %.*s", app->config_path,
			 (int)errors.len, (const char *)errors.data);
		buf_free(&errors);
		return;
	}
	buf_free(&errors);
	const struct config *use = app->config_path != NULL ? &fresh : &app->cfg;
	app->log.level = use->log.level;
	char err[TLS_ERROR_TEXT_MAX];
	if (tls_context_reload(app->tls, use->tls.certificate, use->tls.key, err, sizeof err) != TLS_OK)
		log_line(&app->log, CONFIG_LOG_ERROR, "SIGHUP: certificate not reloaded: %s", err);
	else
		log_line(&app->log, CONFIG_LOG_INFO, "SIGHUP: certificate reloaded; log level %s",
			 config_log_level_name(app->log.level));
	if (app->config_path != NULL)
		config_free(&fresh);
}

static int serve(struct app *app)
{
	struct server_deps deps = { .mem = mem_default(), .cfg = &app->cfg, .log = &app->log };
	char tls_dir[4096], err[TLS_ERROR_TEXT_MAX];
	(void)snprintf(tls_dir, sizeof tls_dir, "%s/tls", app->cfg.server.data_dir);
	if (!make_dir(app->cfg.server.data_dir) || !make_dir(tls_dir) ||
	    !load_secret(app->cfg.server.data_dir, deps.secret))
		return 1;
	enum store_status ss = store_open(mem_default(), app->cfg.server.database, &deps.store);
	if (ss != STORE_OK) {
		(void)fprintf(stderr, "xmppd: %s: %s\n", app->cfg.server.database,
			      deps.store != NULL ? store_last_error(deps.store) : store_status_text(ss));
		store_close(deps.store);
		return 1;
	}
	struct tls_context_options topt = { .tls13_only = app->cfg.tls.min_version == CONFIG_TLS_1_3 };
	if (tls_context_new(app->cfg.tls.certificate, app->cfg.tls.key, &topt, mem_default(), &app->tls, err,
			    sizeof err) != TLS_OK) {
		(void)fprintf(stderr, "xmppd: TLS: %s\n(make run creates a self-signed pair with tools/gen-cert.sh)\n",
			      err);
		store_close(deps.store);
		return 1;
	}
	deps.tls = app->tls;
	app->loop = loop_new(mem_default(), XMPPD_LOOP_BACKEND, 1024);
	int status = 1;
	if (app->loop == NULL)
		goto out;
	deps.loop = app->loop;
	app->srv = server_new(&deps, err, sizeof err);
	sodium_memzero(deps.secret, sizeof deps.secret);
	if (app->srv == NULL) {
		(void)fprintf(stderr, "xmppd: %s\n", err);
		goto out;
	}
	if (loop_signal(app->loop, SIGTERM, on_stop_signal, app) != LOOP_OK ||
	    loop_signal(app->loop, SIGINT, on_stop_signal, app) != LOOP_OK ||
	    loop_signal(app->loop, SIGHUP, on_reload_signal, app) != LOOP_OK)
		goto out;
	log_line(&app->log, CONFIG_LOG_INFO, "serving %s (data in %s, %s loop)", app->cfg.server.domain,
		 app->cfg.server.data_dir, loop_backend_name(XMPPD_LOOP_BACKEND));
	status = loop_run(app->loop) == LOOP_OK ? 0 : 1;
	log_line(&app->log, CONFIG_LOG_INFO, "stopped");
out:
	server_free(app->srv);
	loop_free(app->loop);
	tls_context_free(app->tls);
	store_close(deps.store);
	return status;
}

int main(int argc, char **argv)
{
	struct app app = { .config_path = NULL };
	bool check_only = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			app.config_path = argv[++i];
		else if (strcmp(argv[i], "--check-config") == 0)
			check_only = true;
		else
			return usage();
	}
	if (app.config_path == NULL && access("xmppd.conf", R_OK) == 0)
		app.config_path = "xmppd.conf";
	if (sodium_init() < 0 || !load_config(&app))
		return 1;
	if (check_only) {
		struct buf out;
		buf_init(&out, mem_default());
		enum config_status st = config_dump(&app.cfg, &out);
		if (st == CONFIG_OK)
			(void)fwrite(out.data, 1, out.len, stdout);
		buf_free(&out);
		config_free(&app.cfg);
		return st == CONFIG_OK ? 0 : 1;
	}
	(void)signal(SIGPIPE, SIG_IGN);
	app.log.level = app.cfg.log.level;
	app.log.syslog = app.cfg.log.syslog;
	log_open(&app.log);
	int status = serve(&app);
	config_free(&app.cfg);
	return status;
}
