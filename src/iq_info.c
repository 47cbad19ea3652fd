/* iq_info.c - XEP-0092, XEP-0202, XEP-0012, XEP-0199 answered by the server.
 * See iq_info.h. */
#include "iq_info.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#include "subscription.h"
#include "xml_write.h"

#ifndef VERSION
#define VERSION "0.1"
#endif


static bool put_text(struct buf *out, struct span text)
{
	return xml_write_text(out, text) == XML_WRITE_OK;
}

static bool no_memory(struct iq_error *err)
{
	return iq_fail(err, "wait", "resource-constraint", "RFC 6120 §8.3.3.18: out of memory");
}

/* A result is written whole or not at all: a failed append leaves nothing
 * behind for iq.c to send. */
static bool finish(struct iq_request *rq, size_t mark, bool written, struct iq_error *err)
{
	if (written)
		return true;
	rq->result->len = mark;
	return no_memory(err);
}

bool iq_info_version(struct iq_request *rq, struct iq_error *err)
{
	if (!rq->cfg->im.version_visible)
		return iq_fail(err, "cancel", "service-unavailable",
			       "XEP-0092 §5: this server does not disclose its software version");
	size_t mark = rq->result->len;
	bool ok = buf_append_str(rq->result, "<query xmlns='jabber:iq:version'><name>xmppd</name><version>") &&
		  put_text(rq->result, SPAN_LIT(VERSION)) && buf_append_str(rq->result, "</version>");
	struct utsname un;
	/* The system's name alone: the release would say which holes it has (§5). */
	if (ok && rq->cfg->im.version_os && uname(&un) == 0)
		ok = buf_append_str(rq->result, "<os>") && put_text(rq->result, span_of(un.sysname, strlen(un.sysname))) &&
		     buf_append_str(rq->result, "</os>");
	ok = ok && buf_append_str(rq->result, "</query>");
	return finish(rq, mark, ok, err);
}

bool iq_info_time(struct iq_request *rq, struct iq_error *err)
{
	time_t now = (time_t)rq->now_unix;
	struct tm tm;
	char utc[64];
	/* XEP-0082 dateTime: four-digit years only. */
	if ((int64_t)now != rq->now_unix || gmtime_r(&now, &tm) == NULL || tm.tm_year < -1900 ||
	    tm.tm_year > 9999 - 1900 || strftime(utc, sizeof utc, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return iq_fail(err, "cancel", "internal-server-error",
			       "XEP-0202 §2: the server clock cannot be written as an XEP-0082 dateTime");
	size_t mark = rq->result->len;
	bool ok = buf_append_str(rq->result, "<time xmlns='urn:xmpp:time'><tzo>+00:00</tzo><utc>") && buf_append_str(rq->result, utc) &&
		  buf_append_str(rq->result, "</utc></time>");
	return finish(rq, mark, ok, err);
}

bool iq_info_ping(struct iq_request *rq, struct iq_error *err)
{
	(void)rq;
	(void)err;
	return true;
}

static bool store_failed(enum store_status s, struct iq_error *err)
{
	if (s == STORE_E_NOMEM)
		return no_memory(err);
	return iq_fail(err, s == STORE_E_BUSY ? "wait" : "cancel", "internal-server-error",
		       "RFC 6120 §8.3.3.6: the account store failed");
}

/* The account the request is about: the sender's own, or the addressee's. */
static struct span owner_of(const struct iq_request *rq)
{
	return jid_local(rq->target == IQ_TO_SELF ? rq->from : rq->to);
}

bool iq_last_authorize(struct iq_request *rq, struct iq_error *err)
{
	if (rq->target == IQ_TO_SERVER || rq->target == IQ_TO_SELF ||
	    span_eq(jid_bare(rq->from), jid_bare(rq->to)))
		return true;
	struct store_roster_item item;
	enum store_status s = store_roster_get(rq->store, owner_of(rq), jid_bare(rq->from), &item);
	if (s == STORE_OK && sub_has_from((enum sub_state)item.state))
		return true;
	if (s != STORE_OK && s != STORE_E_NOT_FOUND)
		return store_failed(s, err);
	return iq_fail(err, "auth", "forbidden",
		       "XEP-0012 §3: only those subscribed to the account's presence may see its last activity");
}

static bool put_seconds(struct buf *out, int64_t seconds)
{
	char n[32];
	int len = snprintf(n, sizeof n, "%" PRId64, seconds < 0 ? 0 : seconds);
	return buf_append_str(out, "<query xmlns='jabber:iq:last' seconds='") && buf_append(out, n, (size_t)len) &&
	       buf_append_str(out, "'");
}

bool iq_info_last(struct iq_request *rq, struct iq_error *err)
{
	size_t mark = rq->result->len;
	if (rq->target == IQ_TO_SERVER) {
		int64_t up = rq->started_unix > rq->now_unix ? 0 : rq->now_unix - rq->started_unix;
		bool ok = put_seconds(rq->result, up) && buf_append_str(rq->result, "/>");
		return finish(rq, mark, ok, err);
	}
	if (!iq_last_authorize(rq, err))
		return false;
	int64_t when = 0;
	struct span status = { NULL, 0 };
	enum store_status s = store_last_get(rq->store, owner_of(rq), &when, &status);
	if (s == STORE_E_NOT_FOUND)
		return iq_fail(err, "cancel", "item-not-found",
			       "XEP-0012 §3: no last activity is recorded for this account");
	if (s != STORE_OK)
		return store_failed(s, err);
	/* A clock set back since then must not make a negative age. */
	bool ok = put_seconds(rq->result, when > rq->now_unix ? 0 : rq->now_unix - when);
	if (status.len == 0)
		ok = ok && buf_append_str(rq->result, "/>");
	else
		ok = ok && buf_append_str(rq->result, ">") && put_text(rq->result, status) && buf_append_str(rq->result, "</query>");
	return finish(rq, mark, ok, err);
}
