/* strophe_login.c - interop: a real client nobody here wrote (libstrophe, Debian
 * package libstrophe-dev) logs in to xmppd.
 *
 *   cc -o strophe_login tests/interop/strophe_login.c $(pkg-config --cflags --libs libstrophe)
 *   strophe_login --host 127.0.0.1 --port 15222 --jid alice@localhost --password secret \
 *       --cafile var/tls/localhost.crt --mechanism SCRAM-SHA-1 --expect success
 *
 * --expect success exits 0 only when all of this was seen:
 *   1. STARTTLS required (XMPP_CONN_FLAG_MANDATORY_TLS) and the server's certificate
 *      verified against --cafile (not XMPP_CONN_FLAG_TRUST_TLS, which would accept
 *      any certificate; the certfail handler refuses instead of overriding);
 *   2. SASL success with exactly --mechanism;
 *   3. a bound full JID (RFC 6120 §7) with a resource;
 *   4. an XEP-0199 ping to the domain answered by <iq type='result'/> from it;
 *   5. a clean close (RFC 6120 §4.4): the server's </stream:stream> after ours.
 * --expect auth-failure exits 0 only when SASL failed and no session started.
 * Anything else, or no outcome within --timeout seconds, exits 1.
 *
 * libstrophe 0.12 (Debian 12) has no call to choose or restrict the SASL
 * mechanism: it takes the strongest the server offers (SCRAM-SHA-512, -256, -1,
 * then PLAIN; no -PLUS variants, so it sends the gs2 flag "n"). The mechanism is
 * therefore selected by what the server offers (run.sh starts a server offering
 * only SCRAM-SHA-1 for that case) and checked here from libstrophe's own log:
 * the <auth mechanism='...'/> it sent and its "SASL <mech> auth successful" line.
 * Its user handlers do not run before authentication, so the log is also how a
 * SASL <failure/> is seen. After a <failure/> libstrophe tries the next mechanism
 * the server offers, so a success run requires that no other mechanism was ever
 * tried, and a wrong-password run that the first attempt used --mechanism and
 * every attempt failed. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <strophe.h>

#define PING_ID "interop-ping-1"

struct outcome {
	const char *domain;
	const char *mechanism; /* expected */
	bool debug;
	bool connected;         /* XMPP_CONN_CONNECT: TLS, SASL and bind done */
	bool sasl_success;      /* "SASL <mechanism> auth successful" */
	bool sasl_failure;      /* "SASL ... auth failed" */
	int auths;              /* <auth/> elements sent */
	int auths_other;        /* ... naming another mechanism than expected */
	bool first_expected;    /* the first <auth/> named the expected mechanism */
	bool other_success;     /* SASL success with another mechanism */
	bool bound;             /* full JID with a resource */
	bool pong;              /* <iq type='result'/> from the domain */
	bool server_closed;     /* server's </stream:stream> received */
	bool disconnected;
	int stream_error;       /* a <stream:error/> arrived */
	int end_event, end_error; /* the connection handler's last call */
	char problem[512];      /* first thing that went wrong */
};

static void problem(struct outcome *o, const char *what)
{
	if (o->problem[0] == '\0')
		snprintf(o->problem, sizeof o->problem, "%s", what);
}

/* libstrophe logs every stanza it sends ("SENT: ...") and receives ("RECV: ...")
 * and its SASL outcome; those lines are the only view into the SASL exchange. */
static void log_handler(void *userdata, xmpp_log_level_t level, const char *area, const char *msg)
{
	struct outcome *o = userdata;
	if (o->debug)
		fprintf(stderr, "strophe %d %s: %s\n", (int)level, area, msg);

	char expect[128];
	snprintf(expect, sizeof expect, "SASL %s auth successful", o->mechanism);
	if (strcmp(msg, expect) == 0)
		o->sasl_success = true;
	else if (strncmp(msg, "SASL ", 5) == 0 && strstr(msg, " auth successful") != NULL)
		o->other_success = true;
	if (strncmp(msg, "SASL ", 5) == 0 && strstr(msg, " auth failed") != NULL)
		o->sasl_failure = true;

	if (strncmp(msg, "SENT: <auth ", 12) == 0) {
		char attr_sq[128], attr_dq[128];
		snprintf(attr_sq, sizeof attr_sq, "mechanism='%s'", o->mechanism);
		snprintf(attr_dq, sizeof attr_dq, "mechanism=\"%s\"", o->mechanism);
		bool expected = strstr(msg, attr_sq) != NULL || strstr(msg, attr_dq) != NULL;
		if (o->auths++ == 0)
			o->first_expected = expected;
		if (!expected)
			o->auths_other++;
	}
	if (strcmp(msg, "RECV: </stream:stream>") == 0)
		o->server_closed = true;
	if (strncmp(msg, "Certificate verification FAILED", 31) == 0) {
		char what[300];
		snprintf(what, sizeof what, "certificate not trusted: %s", msg);
		problem(o, what);
	}
}

static int certfail_handler(const xmpp_tlscert_t *cert, const char *errormsg)
{
	(void)cert;
	(void)errormsg; /* libstrophe logs it too; log_handler records it */
	return 0;       /* refuse: the test certificate must verify against --cafile */
}

static int pong_handler(xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *userdata)
{
	struct outcome *o = userdata;
	const char *type = xmpp_stanza_get_type(stanza);
	const char *from = xmpp_stanza_get_from(stanza);
	if (type != NULL && strcmp(type, "result") == 0 && from != NULL && strcmp(from, o->domain) == 0) {
		o->pong = true;
	} else {
		char *text = NULL;
		size_t len = 0;
		char what[400];
		if (xmpp_stanza_to_text(stanza, &text, &len) == XMPP_EOK) {
			snprintf(what, sizeof what, "unexpected ping reply: %s", text);
			xmpp_free(xmpp_conn_get_context(conn), text);
		} else {
			snprintf(what, sizeof what, "unexpected ping reply");
		}
		problem(o, what);
	}
	xmpp_disconnect(conn);
	return 0; /* one reply only */
}

static void send_ping(xmpp_conn_t *conn, struct outcome *o)
{
	xmpp_ctx_t *ctx = xmpp_conn_get_context(conn);
	xmpp_stanza_t *iq = xmpp_iq_new(ctx, "get", PING_ID);
	xmpp_stanza_t *ping = xmpp_stanza_new(ctx);
	xmpp_stanza_set_name(ping, "ping");
	xmpp_stanza_set_ns(ping, "urn:xmpp:ping");
	xmpp_stanza_add_child(iq, ping);
	xmpp_stanza_release(ping);
	xmpp_stanza_set_to(iq, o->domain);
	xmpp_id_handler_add(conn, pong_handler, PING_ID, o);
	xmpp_send(conn, iq);
	xmpp_stanza_release(iq);
}

static void conn_handler(xmpp_conn_t *conn, xmpp_conn_event_t status, int error,
			 xmpp_stream_error_t *stream_error, void *userdata)
{
	struct outcome *o = userdata;
	if (status == XMPP_CONN_CONNECT) {
		o->connected = true;
		const char *jid = xmpp_conn_get_bound_jid(conn);
		if (jid != NULL && strchr(jid, '/') != NULL && strchr(jid, '/')[1] != '\0')
			o->bound = true;
		else
			problem(o, "no full JID bound");
		if (!xmpp_conn_is_secured(conn))
			problem(o, "connection is not TLS-protected");
		send_ping(conn, o);
		return;
	}
	if (stream_error != NULL) {
		char what[300];
		o->stream_error = 1;
		snprintf(what, sizeof what, "stream error %d: %s", (int)stream_error->type,
			 stream_error->text != NULL ? stream_error->text : "");
		problem(o, what);
	}
	/* Judged in main(): after a refused login libstrophe reports its own give-up
	 * this way, and that is the expected end of an auth-failure run. */
	o->end_event = (int)status;
	o->end_error = error;
	o->disconnected = true;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int usage(void)
{
	fprintf(stderr, "usage: strophe_login --port N --jid JID --password PW --cafile CRT\n"
			"         [--host 127.0.0.1] [--mechanism SCRAM-SHA-1] [--expect success|auth-failure]\n"
			"         [--timeout 20] [--debug]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1", *jid = NULL, *password = NULL, *cafile = NULL;
	const char *expect = "success";
	unsigned short port = 0;
	double timeout = 20;
	struct outcome o = {.mechanism = "SCRAM-SHA-1"};

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--debug") == 0) {
			o.debug = true;
			continue;
		}
		if (v == NULL)
			return usage();
		i++;
		if (strcmp(a, "--host") == 0)
			host = v;
		else if (strcmp(a, "--port") == 0)
			port = (unsigned short)strtoul(v, NULL, 10);
		else if (strcmp(a, "--jid") == 0)
			jid = v;
		else if (strcmp(a, "--password") == 0)
			password = v;
		else if (strcmp(a, "--cafile") == 0)
			cafile = v;
		else if (strcmp(a, "--mechanism") == 0)
			o.mechanism = v;
		else if (strcmp(a, "--expect") == 0)
			expect = v;
		else if (strcmp(a, "--timeout") == 0)
			timeout = strtod(v, NULL);
		else
			return usage();
	}
	bool want_success = strcmp(expect, "success") == 0;
	if (port == 0 || jid == NULL || password == NULL || cafile == NULL ||
	    (!want_success && strcmp(expect, "auth-failure") != 0) || strchr(jid, '@') == NULL)
		return usage();
	o.domain = strchr(jid, '@') + 1;

	xmpp_initialize();
	xmpp_log_t log = {.handler = log_handler, .userdata = &o};
	xmpp_ctx_t *ctx = xmpp_ctx_new(NULL, &log);
	xmpp_conn_t *conn = xmpp_conn_new(ctx);
	/* STARTTLS or nothing; no legacy SSL, no legacy (XEP-0078) auth fallback. */
	xmpp_conn_set_flags(conn, XMPP_CONN_FLAG_MANDATORY_TLS | XMPP_CONN_FLAG_DISABLE_SM);
	xmpp_conn_set_cafile(conn, cafile);
	xmpp_conn_set_certfail_handler(conn, certfail_handler);
	xmpp_conn_set_jid(conn, jid);
	xmpp_conn_set_pass(conn, password);

	bool timed_out = false;
	if (xmpp_connect_client(conn, host, port, conn_handler, &o) != XMPP_EOK) {
		problem(&o, "xmpp_connect_client failed");
	} else {
		double deadline = now_s() + timeout;
		while (!o.disconnected) {
			if (now_s() > deadline) {
				timed_out = true;
				break;
			}
			xmpp_run_once(ctx, 100);
		}
	}
	xmpp_conn_release(conn);
	xmpp_ctx_free(ctx);
	xmpp_shutdown();

	if (timed_out) {
		char what[64];
		snprintf(what, sizeof what, "no outcome within %.0f s", timeout);
		problem(&o, what);
	}
	if (o.other_success)
		problem(&o, "authenticated with a mechanism other than the expected one");
	if (o.auths > 0 && !o.first_expected)
		problem(&o, "the first SASL attempt used a mechanism other than the expected one");
	if (want_success) {
		if (o.auths_other > 0)
			problem(&o, "fell back to another SASL mechanism");
		if (!o.sasl_success)
			problem(&o, "no SASL success with the expected mechanism");
		if (!o.connected)
			problem(&o, "no session (TLS, SASL, bind) established");
		if (!o.bound)
			problem(&o, "no resource bound");
		if (!o.pong)
			problem(&o, "no pong");
		if (!o.server_closed)
			problem(&o, "server did not close its stream in answer to ours");
	} else {
		if (!o.sasl_failure)
			problem(&o, "authentication did not fail");
		if (o.connected || o.sasl_success || o.other_success)
			problem(&o, "logged in with the wrong password");
	}
	if (o.disconnected && (want_success || !o.sasl_failure) &&
	    (o.end_event == XMPP_CONN_FAIL || o.end_error != 0)) {
		char what[100];
		snprintf(what, sizeof what, "connection failed (event %d, error %d)", o.end_event, o.end_error);
		problem(&o, what);
	}
	printf("  strophe: %s: %d SASL attempt(s), %d with another mechanism; sasl %s, bound %s, pong %s, "
	       "server closed stream %s\n",
	       o.mechanism, o.auths, o.auths_other,
	       o.sasl_success ? "success" : o.sasl_failure ? "failure" : "none", o.bound ? "yes" : "no",
	       o.pong ? "yes" : "no", o.server_closed ? "yes" : "no");
	if (o.problem[0] != '\0') {
		printf("  strophe: FAILED: %s\n", o.problem);
		return 1;
	}
	return 0;
}
