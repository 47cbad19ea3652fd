/* corpus.c - generates the benchmark streams (see corpus.h).
 *
 * Stanzas are modelled on what real clients and servers put on the wire:
 * Conversations/Gajim-style chat messages with chat states, receipts and
 * origin-ids; presences with entity capabilities and vCard avatar hashes; MUC
 * occupant presences and groupchat messages; roster pushes and full roster
 * results; disco#info/#items results; XHTML-IM; PEP/pubsub Atom entries
 * (pretty-printed, as publishers often send them); avatar data and vCards
 * (long base64 text); MAM results wrapping a forwarded message. Text mixes
 * English with German, Russian, Japanese/Chinese and emoji, and uses the
 * predefined entities and, rarely, character references, at rates picked to
 * look like a busy server's traffic rather than to stress one code path.
 *
 * Each kind takes a target size and repeats its natural repeating part
 * (roster items, features, paragraphs, base64 lines, Atom entries) until the
 * stanza reaches it; fixed-shape kinds ignore it. */
#include "corpus.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define STANZA_BYTES_CAP ((size_t)62 * 1024) /* targets stay under 64 KiB with one overshoot */

struct gen {
	uint8_t *data;
	size_t len, cap;
	uint64_t rng;
	bool nomem;
	char quote;            /* attribute delimiter of the stanza being written */
	bool escape_quotes;    /* this sender also escapes ' and " in text */
	bool ascii_only;       /* this sender writes non-ASCII as character references */
	unsigned serial;       /* for ids and feature names that must not repeat */
};

/* ---------- output ---------- */

static void putn(struct gen *g, const char *s, size_t n)
{
	if (g->nomem)
		return;
	if (g->cap - g->len < n) {
		size_t cap = g->cap ? g->cap : 1 << 20;
		while (cap - g->len < n)
			cap *= 2;
		uint8_t *data = realloc(g->data, cap);
		if (data == NULL) {
			g->nomem = true;
			return;
		}
		g->data = data;
		g->cap = cap;
	}
	memcpy(g->data + g->len, s, n);
	g->len += n;
}

static void put(struct gen *g, const char *s)
{
	putn(g, s, strlen(s));
}

static void putf(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct gen *g, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		putn(g, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* ---------- randomness: splitmix64, fixed seed per profile ---------- */

static uint64_t next_u64(struct gen *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static size_t rnd(struct gen *g, size_t n)
{
	return n ? (size_t)(next_u64(g) % n) : 0;
}

static bool chance(struct gen *g, unsigned percent)
{
	return rnd(g, 100) < percent;
}

/* Log-uniform in [lo, hi]: as many 1-2 KB stanzas as 32-64 KB ones per octave. */
static size_t log_uniform(struct gen *g, size_t lo, size_t hi)
{
	if (hi <= lo)
		return lo;
	double u = (double)(next_u64(g) >> 11) / 9007199254740992.0;
	return (size_t)((double)lo * exp(u * log((double)hi / (double)lo)));
}

#define PICK(g, list) ((list)[rnd((g), COUNT_OF(list))])

/* ---------- vocabulary ---------- */

static const char *const users[] = {
	"alice", "bob", "carol", "dave", "eve", "frank", "grace", "heidi", "ivan", "judy",
	"mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter",
	"j\xc3\xbcrgen", "\xd0\xbc\xd0\xb0\xd1\x80\xd0\xb8\xd1\x8f", "\xe7\x94\xb0\xe4\xb8\xad",
	"zoe.smith", "m.oreilly", "support", "ops-bot",
};
static const char *const domains[] = {
	"example.com", "jabber.org", "chat.example.net", "xmpp.example.org", "im.example.de",
};
static const char *const resources[] = {
	"phone", "laptop", "Conversations.Xy3z", "gajim.ABCD1234", "Psi+", "Dino.5f2a", "web-7c1e",
	"Monal-iOS.e2b8",
};
static const char *const rooms[] = {
	"devs", "ops", "lounge", "release-team", "xsf", "berlin", "\xd0\xba\xd0\xbe\xd1\x84\xd0\xb5",
};
static const char *const nicks[] = {
	"Alice", "bob_", "Carol W.", "dave", "Eve (away)", "Fr\xc3\xa4nk", "\xe7\x94\xb0\xe4\xb8\xad",
	"O'Brien", "Tom & Jerry", "\xd0\x9c\xd0\xb0\xd1\x88\xd0\xb0",
};
static const char *const groups[] = {
	"Friends", "Work", "Family", "Colleagues & Partners", "XSF", "Berlin",
	"\xd0\x94\xd1\x80\xd1\x83\xd0\xb7\xd1\x8c\xd1\x8f", "\xe5\xae\xb6\xe6\x97\x8f", "Old <2019>",
};
static const char *const words_en[] = {
	"the", "meeting", "is", "moved", "to", "tomorrow", "at", "ten", "can", "you", "send", "me",
	"report", "please", "thanks", "sure", "sounds", "good", "I'll", "be", "there", "in", "five",
	"minutes", "did", "see", "latest", "build", "it", "fails", "on", "ARM", "again", "let's",
	"talk", "later", "lunch", "today", "what", "about", "release", "notes", "server", "restart",
	"looks", "fine", "now", "ok", "great", "haha", "yes", "no", "maybe", "coffee", "deploy",
	"branch", "review", "merged", "ticket", "bug", "fixed", "weekend", "plans", "call", "video",
	"link", "https://example.com/p?id=42", "photo", "file", "uploaded", "a", "an", "and", "of",
	"for", "with", "this", "that", "we", "should", "would", "could", "just", "really",
};
/* Written escaped: & < > and, for some senders, ' and ". */
static const char *const words_markup[] = {
	"Q&A", "R&D", "<3", "->", "a<b", "x>y", "\"quoted\"", "it's", "&", "AT&T", "<br>",
};
static const char *const words_de[] = {
	"Gr\xc3\xbc\xc3\x9f" "e", "sch\xc3\xb6n", "\xc3\xbc" "bermorgen", "Stra\xc3\x9f" "e",
	"K\xc3\xa4se", "f\xc3\xbcr", "morgen", "wir", "sehen", "uns", "gerne", "Besprechung",
};
static const char *const words_ru[] = {
	"\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82", "\xd0\xba\xd0\xb0\xd0\xba",
	"\xd0\xb4\xd0\xb5\xd0\xbb\xd0\xb0", "\xd1\x81\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb4\xd0\xbd\xd1\x8f",
	"\xd0\xb2\xd1\x81\xd1\x82\xd1\x80\xd0\xb5\xd1\x87\xd0\xb0",
	"\xd0\xb7\xd0\xb0\xd0\xb2\xd1\x82\xd1\x80\xd0\xb0",
	"\xd1\x81\xd0\xbf\xd0\xb0\xd1\x81\xd0\xb8\xd0\xb1\xd0\xbe",
	"\xd1\x85\xd0\xbe\xd1\x80\xd0\xbe\xd1\x88\xd0\xbe", "\xd1\x81\xd0\xb5\xd1\x80\xd0\xb2\xd0\xb5\xd1\x80",
};
static const char *const words_cjk[] = {
	"\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1\xe3\x81\xaf", "\xe4\xbc\x9a\xe8\xad\xb0",
	"\xe6\x98\x8e\xe6\x97\xa5", "\xe3\x82\x88\xe3\x82\x8d\xe3\x81\x97\xe3\x81\x8f",
	"\xe4\xba\x86\xe8\xa7\xa3", "\xe4\xbd\xa0\xe5\xa5\xbd", "\xe8\xb0\xa2\xe8\xb0\xa2",
	"\xe6\x9c\x8d\xe5\x8a\xa1\xe5\x99\xa8", "\xe4\xbb\x8a\xe5\xa4\xa9",
};
static const char *const emoji[] = {
	"\xf0\x9f\x98\x80", "\xf0\x9f\x91\x8d", "\xf0\x9f\x8e\x89", "\xe2\x9d\xa4\xef\xb8\x8f",
	"\xf0\x9f\x9a\x80", "\xf0\x9f\x98\x82", "\xf0\x9f\x99\x8f", "\xf0\x9f\x94\xa5",
};
static const char *const features[] = {
	"http://jabber.org/protocol/caps", "http://jabber.org/protocol/disco#info",
	"http://jabber.org/protocol/disco#items", "http://jabber.org/protocol/muc",
	"http://jabber.org/protocol/muc#user", "http://jabber.org/protocol/chatstates",
	"http://jabber.org/protocol/xhtml-im", "http://jabber.org/protocol/ibb",
	"http://jabber.org/protocol/bytestreams", "http://jabber.org/protocol/si",
	"http://jabber.org/protocol/si/profile/file-transfer", "http://jabber.org/protocol/nick",
	"http://jabber.org/protocol/nick+notify", "http://jabber.org/protocol/geoloc",
	"http://jabber.org/protocol/geoloc+notify", "http://jabber.org/protocol/tune+notify",
	"http://jabber.org/protocol/mood+notify", "http://jabber.org/protocol/pubsub",
	"jabber:iq:version", "jabber:iq:last", "jabber:iq:roster", "jabber:iq:private",
	"jabber:x:conference", "jabber:x:data", "jabber:x:oob", "urn:xmpp:avatar:metadata+notify",
	"urn:xmpp:bookmarks:1+notify", "urn:xmpp:carbons:2", "urn:xmpp:chat-markers:0",
	"urn:xmpp:receipts", "urn:xmpp:ping", "urn:xmpp:time", "urn:xmpp:message-correct:0",
	"urn:xmpp:reactions:0", "urn:xmpp:mam:2", "urn:xmpp:sid:0", "urn:xmpp:jingle:1",
	"urn:xmpp:jingle:apps:rtp:1", "urn:xmpp:jingle:apps:rtp:audio",
	"urn:xmpp:jingle:apps:rtp:video", "urn:xmpp:jingle:transports:ice-udp:1",
	"urn:xmpp:jingle:apps:file-transfer:5", "urn:xmpp:jingle:transports:s5b:1",
	"urn:xmpp:omemo:2:devices+notify", "eu.siacs.conversations.axolotl.devicelist+notify",
	"urn:xmpp:eme:0", "urn:xmpp:hints", "urn:xmpp:idle:1", "urn:xmpp:message-retract:0",
	"urn:xmpp:occupant-id:0", "urn:xmpp:reply:0", "urn:xmpp:fallback:0", "vcard-temp",
	"urn:xmpp:blocking", "urn:xmpp:http:upload:0", "urn:xmpp:push:0", "msgoffline",
	"urn:xmpp:extdisco:2", "urn:xmpp:csi:0",
};
static const char *const clients[] = {
	"https://conversations.im", "https://gajim.org", "https://dino.im", "http://psi-im.org",
	"https://monal-im.org/",
};
static const char *const shows[] = { "away", "chat", "dnd", "xa" };
static const char *const subscriptions[] = { "both", "both", "both", "to", "from", "none" };
static const char *const affiliations[] = { "none", "member", "member", "admin", "owner" };
static const char *const roles[] = { "participant", "participant", "moderator", "visitor" };

/* ---------- pieces ---------- */

static void put_alnum(struct gen *g, size_t n)
{
	static const char alnum[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	char tmp[64];
	if (n > sizeof tmp)
		n = sizeof tmp;
	for (size_t i = 0; i < n; i++)
		tmp[i] = alnum[rnd(g, sizeof alnum - 1)];
	putn(g, tmp, n);
}

static void put_hex(struct gen *g, size_t n)
{
	char tmp[64];
	if (n > sizeof tmp)
		n = sizeof tmp;
	for (size_t i = 0; i < n; i++)
		tmp[i] = "0123456789abcdef"[rnd(g, 16)];
	putn(g, tmp, n);
}

static void put_uuid(struct gen *g)
{
	put_hex(g, 8);
	put(g, "-");
	put_hex(g, 4);
	put(g, "-4");
	put_hex(g, 3);
	put(g, "-");
	put_hex(g, 4);
	put(g, "-");
	put_hex(g, 12);
}

static void put_base64(struct gen *g, size_t n)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char tmp[64];
	while (n > 0) {
		size_t k = n < sizeof tmp ? n : sizeof tmp;
		for (size_t i = 0; i < k; i++)
			tmp[i] = b64[rnd(g, 64)];
		putn(g, tmp, k);
		n -= k;
	}
}

static void put_stamp(struct gen *g)
{
	putf(g, "2024-11-%02zuT%02zu:%02zu:%02zu.%03zuZ", 1 + rnd(g, 28), rnd(g, 24), rnd(g, 60),
	     rnd(g, 60), rnd(g, 1000));
}

/* Writes UTF-8 as &#x...; references (senders with ASCII-only serializers). */
static void put_charrefs(struct gen *g, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c = *p;
		size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		if (n > 1)
			c &= 0x3f >> (n - 1);
		for (size_t i = 1; i < n && p[i]; i++)
			c = c << 6 | (p[i] & 0x3f);
		if (c < 0x80 && strchr("&<>'\"", (int)c) == NULL)
			putf(g, "%c", (int)c);
		else
			putf(g, "&#x%X;", (unsigned)c);
		p += n;
	}
}

static void put_escaped(struct gen *g, const char *s, bool attr)
{
	if (g->ascii_only) {
		for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
			if (*p >= 0x80) {
				put_charrefs(g, s);
				return;
			}
		}
	}
	const char *run = s;
	for (; *s; s++) {
		const char *ref = NULL;
		switch (*s) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '\'': ref = (attr && g->quote == '\'') || (!attr && g->escape_quotes) ? "&apos;" : NULL; break;
		case '"': ref = (attr && g->quote == '"') || (!attr && g->escape_quotes) ? "&quot;" : NULL; break;
		default: break;
		}
		if (ref == NULL)
			continue;
		putn(g, run, (size_t)(s - run));
		put(g, ref);
		run = s + 1;
	}
	putn(g, run, (size_t)(s - run));
}

/* ` name='value'` with the stanza's quote character. */
static void attr(struct gen *g, const char *name, const char *value)
{
	putf(g, " %s=%c", name, g->quote);
	put_escaped(g, value, true);
	putn(g, &g->quote, 1);
}

static void attr_open(struct gen *g, const char *name)
{
	putf(g, " %s=%c", name, g->quote);
}

static void attr_close(struct gen *g)
{
	putn(g, &g->quote, 1);
}

static void attr_jid(struct gen *g, const char *name, bool full)
{
	attr_open(g, name);
	put_escaped(g, PICK(g, users), true);
	put(g, "@");
	put(g, PICK(g, domains));
	if (full) {
		put(g, "/");
		put(g, PICK(g, resources));
	}
	attr_close(g);
}

static void attr_id(struct gen *g)
{
	attr_open(g, "id");
	if (chance(g, 50))
		put_uuid(g);
	else
		put_alnum(g, 8 + rnd(g, 8));
	attr_close(g);
}

static void attr_room_jid(struct gen *g, const char *name, bool with_nick)
{
	attr_open(g, name);
	put_escaped(g, PICK(g, rooms), true);
	put(g, "@conference.example.com");
	if (with_nick) {
		put(g, "/");
		put_escaped(g, PICK(g, nicks), true);
	}
	attr_close(g);
}

/* About `bytes` of words, escaped for text or for an attribute value;
 * paragraphs when multiline. */
static void put_words(struct gen *g, size_t bytes, bool multiline, bool in_attr)
{
	size_t start = g->len;
	unsigned script = (unsigned)rnd(g, 100); /* the sender's language */
	size_t words = 0;
	while (g->len - start < bytes && !g->nomem) {
		const char *w;
		unsigned r = (unsigned)rnd(g, 100);
		if (r < 3)
			w = PICK(g, words_markup);
		else if (r < 6)
			w = PICK(g, emoji);
		else if (script < 70 || r < 40)
			w = PICK(g, words_en);
		else if (script < 80)
			w = PICK(g, words_de);
		else if (script < 90)
			w = PICK(g, words_ru);
		else
			w = PICK(g, words_cjk);
		if (words > 0)
			put(g, multiline && rnd(g, 40) == 0 ? "\n\n" : multiline && rnd(g, 12) == 0 ? ".\n"
			    : " ");
		put_escaped(g, w, in_attr);
		words++;
	}
}

static void put_text(struct gen *g, size_t bytes, bool multiline)
{
	put_words(g, bytes, multiline, false);
}

static void put_body(struct gen *g, size_t bytes, bool multiline)
{
	put(g, "<body>");
	put_text(g, bytes, multiline);
	put(g, "</body>");
}

static void put_caps(struct gen *g)
{
	put(g, "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1'");
	attr(g, "node", PICK(g, clients));
	attr_open(g, "ver");
	put_base64(g, 27);
	put(g, "=");
	attr_close(g);
	put(g, "/>");
}

/* ---------- stanza kinds ---------- */

static void open_message(struct gen *g, const char *type, bool with_from)
{
	put(g, "<message");
	if (with_from)
		attr_jid(g, "from", true);
	attr_jid(g, "to", chance(g, 40));
	attr(g, "type", type);
	attr_id(g);
	if (chance(g, 30))
		attr(g, "xml:lang", chance(g, 70) ? "en" : "de");
	put(g, ">");
}

static void gen_chat(struct gen *g, size_t target)
{
	size_t start = g->len;
	open_message(g, "chat", chance(g, 50));
	put_body(g, target > 220 ? target - 220 : 8 + rnd(g, 40), false);
	put(g, "<active xmlns='http://jabber.org/protocol/chatstates'/>");
	if (chance(g, 70))
		put(g, "<request xmlns='urn:xmpp:receipts'/>");
	if (chance(g, 60))
		put(g, "<markable xmlns='urn:xmpp:chat-markers:0'/>");
	put(g, "<origin-id xmlns='urn:xmpp:sid:0'");
	attr_id(g);
	put(g, "/>");
	if (g->len - start < target && chance(g, 20)) {
		put(g, "<encryption xmlns='urn:xmpp:eme:0' namespace='urn:xmpp:omemo:2'/>");
		put(g, "<store xmlns='urn:xmpp:hints'/>");
	}
	put(g, "</message>");
}

static void gen_chat_long(struct gen *g, size_t target)
{
	open_message(g, "chat", chance(g, 50));
	put_body(g, target > 300 ? target - 300 : target, true);
	put(g, "<active xmlns='http://jabber.org/protocol/chatstates'/>"
	       "<request xmlns='urn:xmpp:receipts'/><origin-id xmlns='urn:xmpp:sid:0'");
	attr_id(g);
	put(g, "/></message>");
}

static void gen_chatstate(struct gen *g, size_t target)
{
	static const char *const states[] = { "composing", "paused", "active", "inactive", "gone" };
	(void)target;
	open_message(g, "chat", chance(g, 50));
	putf(g, "<%s xmlns='http://jabber.org/protocol/chatstates'/>", PICK(g, states));
	if (chance(g, 50))
		put(g, "<no-store xmlns='urn:xmpp:hints'/>");
	put(g, "</message>");
}

static void gen_receipt(struct gen *g, size_t target)
{
	(void)target;
	open_message(g, "chat", chance(g, 50));
	if (chance(g, 50)) {
		put(g, "<received xmlns='urn:xmpp:receipts'");
		attr_id(g);
	} else {
		put(g, "<displayed xmlns='urn:xmpp:chat-markers:0'");
		attr_id(g);
	}
	put(g, "/><store xmlns='urn:xmpp:hints'/></message>");
}

static void gen_presence(struct gen *g, size_t target)
{
	put(g, "<presence");
	if (chance(g, 50))
		attr_jid(g, "from", true);
	if (chance(g, 30))
		attr_id(g);
	put(g, ">");
	if (chance(g, 60))
		putf(g, "<show>%s</show>", PICK(g, shows));
	if (chance(g, 50)) {
		put(g, "<status>");
		put_text(g, 10 + rnd(g, target > 300 ? target - 300 : 60), false);
		put(g, "</status>");
	}
	putf(g, "<priority>%zu</priority>", rnd(g, 50));
	put_caps(g);
	if (chance(g, 70)) {
		put(g, "<x xmlns='vcard-temp:x:update'><photo>");
		put_hex(g, 40);
		put(g, "</photo></x>");
	}
	if (chance(g, 30)) {
		put(g, "<idle xmlns='urn:xmpp:idle:1'");
		attr_open(g, "since");
		put_stamp(g);
		attr_close(g);
		put(g, "/>");
	}
	if (chance(g, 20)) {
		put(g, "<delay xmlns='urn:xmpp:delay'");
		attr_open(g, "stamp");
		put_stamp(g);
		attr_close(g);
		attr(g, "from", "example.com");
		put(g, "/>");
	}
	put(g, "</presence>");
}

static void gen_muc_presence(struct gen *g, size_t target)
{
	(void)target;
	put(g, "<presence");
	attr_room_jid(g, "from", true);
	attr_jid(g, "to", true);
	attr_id(g);
	put(g, ">");
	put_caps(g);
	put(g, "<x xmlns='http://jabber.org/protocol/muc#user'><item");
	attr(g, "affiliation", PICK(g, affiliations));
	attr(g, "role", PICK(g, roles));
	if (chance(g, 60))
		attr_jid(g, "jid", true);
	put(g, "/>");
	if (chance(g, 20))
		put(g, "<status code='110'/>");
	if (chance(g, 10))
		put(g, "<status code='100'/><status code='170'/>");
	put(g, "</x><occupant-id xmlns='urn:xmpp:occupant-id:0'");
	attr_open(g, "id");
	put_base64(g, 43);
	put(g, "=");
	attr_close(g);
	put(g, "/></presence>");
}

static void gen_groupchat(struct gen *g, size_t target)
{
	put(g, "<message");
	attr_room_jid(g, "from", true);
	attr_jid(g, "to", true);
	attr(g, "type", "groupchat");
	attr_id(g);
	put(g, ">");
	put_body(g, target > 400 ? target - 400 : 8 + rnd(g, 80), false);
	put(g, "<stanza-id xmlns='urn:xmpp:sid:0'");
	attr_open(g, "id");
	put_uuid(g);
	attr_close(g);
	attr_room_jid(g, "by", false);
	put(g, "/><occupant-id xmlns='urn:xmpp:occupant-id:0'");
	attr_open(g, "id");
	put_base64(g, 43);
	put(g, "=");
	attr_close(g);
	put(g, "/>");
	if (chance(g, 10)) {
		put(g, "<reply xmlns='urn:xmpp:reply:0'");
		attr_room_jid(g, "to", true);
		attr_id(g);
		put(g, "/>");
	}
	put(g, "</message>");
}

static void put_roster_item(struct gen *g)
{
	put(g, "<item");
	attr_open(g, "jid");
	put_escaped(g, PICK(g, users), true);
	putf(g, "%u@", g->serial++);
	put(g, PICK(g, domains));
	attr_close(g);
	if (chance(g, 80))
		attr(g, "name", PICK(g, nicks));
	attr(g, "subscription", PICK(g, subscriptions));
	if (chance(g, 5))
		attr(g, "ask", "subscribe");
	size_t n = rnd(g, 3);
	if (n == 0) {
		put(g, "/>");
		return;
	}
	put(g, ">");
	for (size_t i = 0; i < n; i++) {
		put(g, "<group>");
		put_escaped(g, PICK(g, groups), false);
		put(g, "</group>");
	}
	put(g, "</item>");
}

static void gen_roster_push(struct gen *g, size_t target)
{
	(void)target;
	put(g, "<iq type='set'");
	attr_id(g);
	attr_jid(g, "to", true);
	put(g, "><query xmlns='jabber:iq:roster'");
	putf(g, " ver='ver%u'>", g->serial);
	put_roster_item(g);
	put(g, "</query></iq>");
}

static void gen_roster_result(struct gen *g, size_t target)
{
	size_t start = g->len;
	put(g, "<iq type='result'");
	attr_id(g);
	attr_jid(g, "to", true);
	put(g, "><query xmlns='jabber:iq:roster'");
	putf(g, " ver='ver%u'>", g->serial);
	while (g->len - start < target && !g->nomem)
		put_roster_item(g);
	put(g, "</query></iq>");
}

static void gen_disco_info(struct gen *g, size_t target)
{
	size_t start = g->len;
	put(g, "<iq type='result'");
	attr_jid(g, "from", true);
	attr_jid(g, "to", true);
	attr_id(g);
	put(g, "><query xmlns='http://jabber.org/protocol/disco#info'");
	attr_open(g, "node");
	put(g, PICK(g, clients));
	put(g, "#");
	put_base64(g, 27);
	put(g, "=");
	attr_close(g);
	put(g, "><identity category='client' type='phone' name='Conversations' xml:lang='en'/>");
	put(g, "<identity category='client' type='phone' name='Conversations (de)' xml:lang='de'/>");
	size_t budget = target > 700 ? target - 700 : 0;
	for (size_t i = 0; g->len - start < budget && !g->nomem; i++) {
		put(g, "<feature");
		if (i < COUNT_OF(features)) {
			attr(g, "var", features[i]);
		} else {
			attr_open(g, "var");
			putf(g, "urn:xmpp:example:feature:%zu%s", i, i % 3 ? "" : "+notify");
			attr_close(g);
		}
		put(g, "/>");
	}
	put(g, "<x xmlns='jabber:x:data' type='result'>"
	       "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>"
	       "<field var='os'><value>Android</value></field>"
	       "<field var='os_version'><value>14</value></field>"
	       "<field var='software'><value>Conversations</value></field>"
	       "<field var='software_version'><value>2.16.9</value></field></x>");
	put(g, "</query></iq>");
}

static void gen_disco_items(struct gen *g, size_t target)
{
	size_t start = g->len;
	put(g, "<iq type='result' from='conference.example.com'");
	attr_jid(g, "to", true);
	attr_id(g);
	put(g, "><query xmlns='http://jabber.org/protocol/disco#items'>");
	while (g->len - start < target && !g->nomem) {
		put(g, "<item");
		attr_open(g, "jid");
		putf(g, "%s-%u@conference.example.com", PICK(g, rooms), g->serial++);
		attr_close(g);
		attr_open(g, "name");
		put_words(g, 12 + rnd(g, 30), false, true);
		attr_close(g);
		put(g, "/>");
	}
	put(g, "<set xmlns='http://jabber.org/protocol/rsm'><first index='0'>");
	put_alnum(g, 12);
	put(g, "</first><last>");
	put_alnum(g, 12);
	putf(g, "</last><count>%u</count></set></query></iq>", g->serial);
}

static void put_xhtml_paragraph(struct gen *g, size_t bytes)
{
	put(g, chance(g, 30) ? "<p style='font-weight:bold;color:#c00'>" : "<p>");
	put_text(g, bytes / 3, false);
	put(g, " <strong>");
	put_text(g, bytes / 8, false);
	put(g, "</strong> ");
	put_text(g, bytes / 4, false);
	if (chance(g, 40)) {
		put(g, " <a");
		attr(g, "href", "https://example.com/a?x=1&y=2");
		put(g, ">");
		put_text(g, 12, false);
		put(g, "</a>");
	}
	put(g, "<br/><em>");
	put_text(g, bytes / 6, false);
	put(g, "</em></p>");
}

static void gen_xhtml(struct gen *g, size_t target)
{
	size_t start = g->len;
	open_message(g, "chat", chance(g, 50));
	size_t body = target / 3;
	put_body(g, body, true);
	put(g, "<html xmlns='http://jabber.org/protocol/xhtml-im'>"
	       "<body xmlns='http://www.w3.org/1999/xhtml'>");
	while (g->len - start + 80 < target && !g->nomem)
		put_xhtml_paragraph(g, 60 + rnd(g, 300));
	put(g, "</body></html><active xmlns='http://jabber.org/protocol/chatstates'/></message>");
}

static void put_atom_entry(struct gen *g, size_t bytes)
{
	put(g, "\n      <item");
	attr_id(g);
	put(g, ">\n        <entry xmlns='http://www.w3.org/2005/Atom'"
	       " xmlns:thr='http://purl.org/syndication/thread/1.0'>\n          <title type='text'>");
	put_text(g, 20 + rnd(g, 60), false);
	put(g, "</title>\n          <author>\n            <name>");
	put_escaped(g, PICK(g, nicks), false);
	put(g, "</name>\n            <uri>xmpp:");
	put_escaped(g, PICK(g, users), false);
	put(g, "@example.com</uri>\n          </author>\n          <content type='text'>");
	put_text(g, bytes, true);
	put(g, "</content>\n          <link rel='alternate' type='text/html'");
	attr_open(g, "href");
	put(g, "https://blog.example.com/");
	put_alnum(g, 16);
	attr_close(g);
	put(g, "/>\n          <published>");
	put_stamp(g);
	put(g, "</published>\n          <updated>");
	put_stamp(g);
	put(g, "</updated>\n          <id>tag:example.com,2024:");
	put_uuid(g);
	put(g, "</id>\n");
	if (chance(g, 40)) {
		put(g, "          <thr:in-reply-to");
		attr_open(g, "ref");
		put(g, "tag:example.com,2024:");
		put_uuid(g);
		attr_close(g);
		put(g, "/>\n");
	}
	put(g, "        </entry>\n      </item>");
}

static void gen_pubsub_atom(struct gen *g, size_t target)
{
	size_t start = g->len;
	put(g, "<message from='pubsub.example.com'");
	attr_jid(g, "to", true);
	attr_id(g);
	put(g, ">\n  <event xmlns='http://jabber.org/protocol/pubsub#event'>\n"
	       "    <items node='urn:xmpp:microblog:0'>");
	do {
		/* The last entry only fills what is left, so stanzas stay under 64 KiB. */
		size_t left = target > g->len - start + 900 ? target - (g->len - start) - 900 : 0;
		size_t bytes = 200 + rnd(g, target < 4000 ? target / 2 : 4000);
		put_atom_entry(g, bytes < left ? bytes : left);
	} while (g->len - start < target && !g->nomem);
	put(g, "\n    </items>\n  </event>\n</message>");
}

static void gen_avatar_data(struct gen *g, size_t target)
{
	put(g, "<iq type='result'");
	attr_jid(g, "from", false);
	attr_jid(g, "to", true);
	attr_id(g);
	put(g, "><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:avatar:data'>"
	       "<item id='");
	put_hex(g, 40);
	put(g, "'><data xmlns='urn:xmpp:avatar:data'>");
	put_base64(g, target > 400 ? (target - 400) / 4 * 4 : 400);
	put(g, "</data></item></items></pubsub></iq>");
}

static void gen_vcard(struct gen *g, size_t target)
{
	put(g, "<iq type='result'");
	attr_jid(g, "from", false);
	attr_jid(g, "to", true);
	attr_id(g);
	put(g, "><vCard xmlns='vcard-temp'><FN>");
	put_escaped(g, PICK(g, nicks), false);
	put(g, "</FN><N><FAMILY>Smith</FAMILY><GIVEN>");
	put_escaped(g, PICK(g, users), false);
	put(g, "</GIVEN></N><NICKNAME>");
	put_escaped(g, PICK(g, nicks), false);
	put(g, "</NICKNAME><URL>https://example.com/~me</URL><ORG><ORGNAME>Example &amp; Co"
	       "</ORGNAME></ORG><EMAIL><INTERNET/><PREF/><USERID>me@example.com</USERID></EMAIL>"
	       "<PHOTO><TYPE>image/jpeg</TYPE><BINVAL>");
	size_t lines = target > 700 ? (target - 700) / 77 : 4;
	for (size_t i = 0; i < lines; i++) {
		put(g, "\n");
		put_base64(g, 76);
	}
	put(g, "\n</BINVAL></PHOTO><DESC>");
	put_text(g, 40 + rnd(g, 200), true);
	put(g, "</DESC></vCard></iq>");
}

static void gen_mam(struct gen *g, size_t target)
{
	put(g, "<message");
	attr_jid(g, "to", true);
	attr_id(g);
	put(g, "><result xmlns='urn:xmpp:mam:2'");
	attr_open(g, "queryid");
	put_alnum(g, 10);
	attr_close(g);
	attr_open(g, "id");
	put_uuid(g);
	attr_close(g);
	put(g, "><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay'");
	attr_open(g, "stamp");
	put_stamp(g);
	attr_close(g);
	put(g, "/><message xmlns='jabber:client' type='chat'");
	attr_jid(g, "from", true);
	attr_jid(g, "to", true);
	attr_id(g);
	put(g, ">");
	put_body(g, target > 700 ? target - 700 : 20 + rnd(g, 100), false);
	put(g, "<origin-id xmlns='urn:xmpp:sid:0'");
	attr_id(g);
	put(g, "/><request xmlns='urn:xmpp:receipts'/></message></forwarded></result></message>");
}

static void gen_ping(struct gen *g, size_t target)
{
	(void)target;
	put(g, "<iq type='get'");
	attr_id(g);
	attr(g, "to", PICK(g, domains));
	put(g, "><ping xmlns='urn:xmpp:ping'/></iq>");
}

/* ---------- profiles ---------- */

struct kind_weight {
	void (*gen)(struct gen *g, size_t target);
	unsigned weight;
	size_t min_bytes, max_bytes; /* target size, log-uniform */
};

static const struct kind_weight small_mix[] = {
	{ gen_chat, 35, 200, 900 },
	{ gen_chatstate, 12, 0, 0 },
	{ gen_receipt, 10, 0, 0 },
	{ gen_presence, 18, 300, 700 },
	{ gen_muc_presence, 8, 0, 0 },
	{ gen_groupchat, 10, 400, 1000 },
	{ gen_ping, 5, 0, 0 },
	{ gen_roster_push, 2, 0, 0 },
};

static const struct kind_weight mixed_mix[] = {
	{ gen_chat, 22, 200, 1500 },
	{ gen_chat_long, 3, 2048, 62 * 1024 },
	{ gen_chatstate, 8, 0, 0 },
	{ gen_receipt, 6, 0, 0 },
	{ gen_presence, 14, 300, 900 },
	{ gen_muc_presence, 8, 0, 0 },
	{ gen_groupchat, 10, 400, 2000 },
	{ gen_roster_push, 3, 0, 0 },
	{ gen_roster_result, 1, 2048, 62 * 1024 },
	{ gen_disco_info, 4, 1024, 12 * 1024 },
	{ gen_disco_items, 1, 2048, 40 * 1024 },
	{ gen_xhtml, 6, 600, 6 * 1024 },
	{ gen_pubsub_atom, 4, 1024, 32 * 1024 },
	{ gen_avatar_data, 1, 4096, 62 * 1024 },
	{ gen_vcard, 1, 2048, 62 * 1024 },
	{ gen_mam, 6, 500, 4096 },
	{ gen_ping, 2, 0, 0 },
};

static const struct kind_weight large_mix[] = {
	{ gen_chat_long, 10, 16 * 1024, 62 * 1024 },
	{ gen_roster_result, 20, 16 * 1024, 62 * 1024 },
	{ gen_disco_info, 10, 16 * 1024, 62 * 1024 },
	{ gen_disco_items, 10, 16 * 1024, 62 * 1024 },
	{ gen_xhtml, 10, 16 * 1024, 62 * 1024 },
	{ gen_pubsub_atom, 20, 16 * 1024, 62 * 1024 },
	{ gen_avatar_data, 5, 16 * 1024, 62 * 1024 },
	{ gen_vcard, 10, 16 * 1024, 62 * 1024 },
	{ gen_mam, 5, 16 * 1024, 62 * 1024 },
};

struct profile {
	const char *name;
	const char *description;
	const struct kind_weight *mix;
	size_t kinds;
	uint64_t seed;
};

static const struct profile profiles[CORPUS_PROFILE_COUNT] = {
	[CORPUS_SMALL] = { "small", "chat, chat states, receipts, presence, MUC: nearly all < 1 KB",
		small_mix, COUNT_OF(small_mix), 0x5eed0001 },
	[CORPUS_MIXED] = { "mixed", "a busy server's mix, 100 B to 64 KB (most < 2 KB)",
		mixed_mix, COUNT_OF(mixed_mix), 0x5eed0002 },
	[CORPUS_LARGE] = { "large", "rosters, disco, pubsub, vCards, long messages: 16-64 KB each",
		large_mix, COUNT_OF(large_mix), 0x5eed0003 },
};

const char *corpus_profile_name(enum corpus_profile p)
{
	return (unsigned)p < CORPUS_PROFILE_COUNT ? profiles[p].name : "?";
}

const char *corpus_profile_description(enum corpus_profile p)
{
	return (unsigned)p < CORPUS_PROFILE_COUNT ? profiles[p].description : "?";
}

bool corpus_profile_parse(const char *name, enum corpus_profile *out)
{
	for (unsigned p = 0; p < CORPUS_PROFILE_COUNT; p++) {
		if (strcmp(name, profiles[p].name) == 0) {
			*out = (enum corpus_profile)p;
			return true;
		}
	}
	return false;
}

static const struct kind_weight *pick_kind(struct gen *g, const struct profile *pr)
{
	unsigned total = 0;
	for (size_t i = 0; i < pr->kinds; i++)
		total += pr->mix[i].weight;
	size_t r = rnd(g, total);
	for (size_t i = 0; i < pr->kinds; i++) {
		if (r < pr->mix[i].weight)
			return &pr->mix[i];
		r -= pr->mix[i].weight;
	}
	return &pr->mix[0];
}

bool corpus_build(enum corpus_profile p, size_t target_bytes, struct corpus *out)
{
	const struct profile *pr = &profiles[p];
	struct gen g = { .rng = pr->seed, .quote = '\'' };
	size_t cap = 1024, count = 0;
	size_t *sizes = malloc(cap * sizeof *sizes);
	if (sizes == NULL)
		return false;
	put(&g, "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
		" xmlns:stream='http://etherx.jabber.org/streams' to='example.com'"
		" version='1.0' xml:lang='en'>");
	while (g.len < target_bytes && !g.nomem) {
		const struct kind_weight *k = pick_kind(&g, pr);
		size_t target = log_uniform(&g, k->min_bytes, k->max_bytes);
		if (target > STANZA_BYTES_CAP)
			target = STANZA_BYTES_CAP;
		g.quote = chance(&g, 75) ? '\'' : '"';
		g.escape_quotes = chance(&g, 20);
		g.ascii_only = chance(&g, 3);
		size_t start = g.len;
		k->gen(&g, target);
		if (count == cap) {
			size_t *more = realloc(sizes, 2 * cap * sizeof *sizes);
			if (more == NULL) {
				g.nomem = true;
				break;
			}
			sizes = more;
			cap *= 2;
		}
		sizes[count++] = g.len - start;
		/* Most clients send stanzas back to back; some end each with a newline,
		 * and idle ones send whitespace keepalives. */
		unsigned r = (unsigned)rnd(&g, 100);
		if (r < 15)
			put(&g, "\n");
		else if (r < 17)
			put(&g, " ");
	}
	put(&g, "</stream:stream>");
	if (g.nomem) {
		free(g.data);
		free(sizes);
		return false;
	}
	*out = (struct corpus){ p, g.data, g.len, sizes, count };
	return true;
}

void corpus_free(struct corpus *c)
{
	free(c->bytes);
	free(c->stanza_bytes);
	c->bytes = NULL;
	c->stanza_bytes = NULL;
	c->len = c->stanzas = 0;
}
