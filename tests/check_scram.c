/* check_scram.c - SASL grammars (machines/scram.rl, machines/sasl_plain.rl via
 * src/sasl_parse.c) and server-side SCRAM and PLAIN (src/scram.c).
 *
 * What is checked, and against what:
 * - RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256) test vectors,
 *   byte-exact on server-first-message and server-final-message, using the
 *   test-only fixed server nonce of the config (never a global).
 * - Every grammar refusal, as a row of a table: the message and the exact
 *   sasl_error (hence the RFC 6120 §6.5 condition and the RFC 5802 §7
 *   server-error value) it must produce; accepted messages list the fields
 *   the parser found.
 * - Channel binding (RFC 5802 §6): each gs2-cbind-flag against -PLUS advertised
 *   or chosen, both supported binding types, unknown types, c= byte-exact.
 * - Unknown users are answered like wrong passwords (RFC 5802 §9 information
 *   disclosure): same-looking, stable salt, failure only at the proof.
 * - UTF-8 and base64 edge classes in every field, so that `make coverage`
 *   reaches every transition of both machines.
 * A small SCRAM client here computes proofs with OpenSSL's one-shot HMAC,
 * independently of src/scram.c. */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <string.h>

#include "sasl_parse.h"
#include "scram.h"
#include "suites.h"

static const uint8_t test_secret[SCRAM_SECRET_LEN] = {
	0x53, 0x45, 0x43, 0x52, 0x45, 0x54, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a,
	0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a,
};

static struct span str_span(const char *s)
{
	return span_of(s, strlen(s));
}

/* A span as a C string, for ck_assert_str_eq; non-printables as \xNN. */
static const char *show(struct span s, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < s.len && n + 5 < cap; i++) {
		uint8_t c = s.ptr[i];
		if (c >= 0x20 && c < 0x7f && c != '\\')
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, cap - n, "\\x%02x", c);
	}
	out[n] = '\0';
	return out;
}

/* ---------- grammar tables ---------- */

enum which { FIRST, FINAL, PLAIN };

struct parse_case {
	const char *name;
	enum which which;
	const char *input;
	size_t input_len; /* 0: strlen (cases with NUL bytes set it) */
	const char *expect; /* fields found, or "error SASL_E_..." */
};

static const struct parse_case parse_cases[] = {
	/* ---- client-first-message (RFC 5802 §7) ---- */
	{ "RFC 5802 §5 example", FIRST, "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", 0,
	  "flag=n authzid=- user=user nonce=fyko+d2lbbFgONRv9qkxdawL gs2=n,, bare=n=user,r=fyko+d2lbbFgONRv9qkxdawL" },
	{ "flag y", FIRST, "y,,n=u,r=a", 0, "flag=y authzid=- user=u nonce=a gs2=y,, bare=n=u,r=a" },
	{ "flag p with a cb-name", FIRST, "p=tls-exporter,,n=u,r=a", 0,
	  "flag=p:tls-exporter authzid=- user=u nonce=a gs2=p=tls-exporter,, bare=n=u,r=a" },
	{ "cb-name of every allowed class", FIRST, "p=Az09.-,,n=u,r=a", 0,
	  "flag=p:Az09.- authzid=- user=u nonce=a gs2=p=Az09.-,, bare=n=u,r=a" },
	{ "cb-name starting with '-'", FIRST, "p=-,,n=u,r=a", 0,
	  "flag=p:- authzid=- user=u nonce=a gs2=p=-,, bare=n=u,r=a" },
	{ "cb-name starting with '.'", FIRST, "p=.a,,n=u,r=a", 0,
	  "flag=p:.a authzid=- user=u nonce=a gs2=p=.a,, bare=n=u,r=a" },
	{ "cb-name starting with a digit", FIRST, "p=9,,n=u,r=a", 0,
	  "flag=p:9 authzid=- user=u nonce=a gs2=p=9,, bare=n=u,r=a" },
	{ "cb-name starting with an uppercase letter", FIRST, "p=Z,,n=u,r=a", 0,
	  "flag=p:Z authzid=- user=u nonce=a gs2=p=Z,, bare=n=u,r=a" },
	{ "authzid", FIRST, "n,a=admin@example.com,n=u,r=a", 0,
	  "flag=n authzid=admin@example.com user=u nonce=a gs2=n,a=admin@example.com, bare=n=u,r=a" },
	{ "saslname escapes", FIRST, "n,a==2C=3D,n=a=2Cb=3Dc=2C,r=a", 0,
	  "flag=n authzid==2C=3D user=a=2Cb=3Dc=2C nonce=a gs2=n,a==2C=3D, bare=n=a=2Cb=3Dc=2C,r=a" },
	{ "nonce of every printable class", FIRST, "n,,n=u,r=!+-~", 0,
	  "flag=n authzid=- user=u nonce=!+-~ gs2=n,, bare=n=u,r=!+-~" },
	{ "optional extensions are ignored", FIRST, "n,,n=u,r=a,x=1,Y=a=b,z=\xc3\xa9", 0,
	  "flag=n authzid=- user=u nonce=a gs2=n,, bare=n=u,r=a,x=1,Y=a=b,z=\\xc3\\xa9" },
	{ "UTF-8 username", FIRST, "n,,n=\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80,r=a", 0,
	  "flag=n authzid=- user=\\xc3\\xa9\\xe2\\x82\\xac\\xf0\\x9f\\x98\\x80 nonce=a gs2=n,, "
	  "bare=n=\\xc3\\xa9\\xe2\\x82\\xac\\xf0\\x9f\\x98\\x80,r=a" },
	{ "empty message", FIRST, "", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "unknown cbind flag", FIRST, "x,,n=u,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "flags are case-sensitive", FIRST, "N,,n=u,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "gs2-header needs two commas", FIRST, "n,n=u,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "flag p without a name", FIRST, "p,,n=u,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "flag p with an empty name", FIRST, "p=,,n=u,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "cb-name with '_'", FIRST, "p=tls_exporter,,n=u,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "empty authzid", FIRST, "n,a=,n=u,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "authzid attribute misnamed", FIRST, "n,b=x,n=u,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "lowercase escape", FIRST, "n,,n=a=2c,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "escape of another character", FIRST, "n,,n=a=3E,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "'=' at the end of a name", FIRST, "n,,n=a=,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "truncated escape", FIRST, "n,,n=a=2,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "truncated escape in authzid", FIRST, "n,a=a=3,n=u,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "empty username", FIRST, "n,,n=,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "attributes out of order", FIRST, "n,,r=a,n=u", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "attribute names are case-sensitive", FIRST, "n,,N=u,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "no nonce", FIRST, "n,,n=u", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "nothing after the username's comma", FIRST, "n,,n=u,", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "nonce misnamed", FIRST, "n,,n=u,s=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "empty nonce", FIRST, "n,,n=u,r=", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "space in the nonce", FIRST, "n,,n=u,r=a b", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "DEL in the nonce", FIRST, "n,,n=u,r=a\x7f", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "UTF-8 in the nonce", FIRST, "n,,n=u,r=\xc3\xa9", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "empty extension", FIRST, "n,,n=u,r=a,", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "extension without '='", FIRST, "n,,n=u,r=a,x", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "extension without value", FIRST, "n,,n=u,r=a,x=", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "extension named by a digit", FIRST, "n,,n=u,r=a,1=v", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "two-letter extension name", FIRST, "n,,n=u,r=a,xy=v", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "mandatory extension first (reserved-mext)", FIRST, "n,,m=x,n=u,r=a", 0,
	  "error SASL_E_SCRAM_EXTENSION" },
	{ "mandatory extension after the nonce", FIRST, "n,,n=u,r=a,m=x", 0,
	  "error SASL_E_SCRAM_EXTENSION" },
	{ "mandatory extension after others", FIRST, "n,,n=u,r=a,x=1,m=x,y=2", 0,
	  "error SASL_E_SCRAM_EXTENSION" },
	{ "'m' that is not an attribute", FIRST, "n,,mx", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "'m' extension name without '='", FIRST, "n,,n=u,r=a,mx", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "NUL in the username", FIRST, "n,,n=u\0,r=a", 11, "error SASL_E_SCRAM_SYNTAX" },
	{ "NUL in an extension value", FIRST, "n,,n=u,r=a,x=\0", 14, "error SASL_E_SCRAM_SYNTAX" },
	{ "overlong UTF-8", FIRST, "n,,n=\xc0\x80,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "overlong three-byte UTF-8", FIRST, "n,,n=\xe0\x9f\xbf,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "UTF-8 surrogate", FIRST, "n,,n=\xed\xa0\x80,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "UTF-8 above U+10FFFF", FIRST, "n,,n=\xf4\x90\x80\x80,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "UTF-8 lead byte F5", FIRST, "n,,n=\xf5\x80\x80\x80,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "lone continuation byte", FIRST, "n,,n=\x80,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "truncated UTF-8", FIRST, "n,,n=\xe2\x82,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "leading space", FIRST, " n,,n=u,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "client-final where client-first is due", FIRST, "c=biws,r=a,p=AAAA", 0,
	  "error SASL_E_SCRAM_SYNTAX" },

	/* ---- client-final-message (RFC 5802 §7) ---- */
	{ "RFC 5802 §5 example", FINAL,
	  "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", 0,
	  "c=biws nonce=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j "
	  "without_proof=c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j proof=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=" },
	{ "base64 with '==' and '='", FINAL, "c=bixhPWFiLA==,r=a,p=AAAAAAA=", 0,
	  "c=bixhPWFiLA== nonce=a without_proof=c=bixhPWFiLA==,r=a proof=AAAAAAA=" },
	{ "every base64 class", FINAL, "c=Az09+/==,r=a,p=Zaz9/+Aa", 0,
	  "c=Az09+/== nonce=a without_proof=c=Az09+/==,r=a proof=Zaz9/+Aa" },
	{ "every base64 class, well padded", FINAL, "c=Az09+/a=,r=a,p=Zaz9/+Aa", 0,
	  "c=Az09+/a= nonce=a without_proof=c=Az09+/a=,r=a proof=Zaz9/+Aa" },
	{ "nonce of every printable class", FINAL, "c=biws,r=!+-~,p=", 0,
	  "c=biws nonce=!+-~ without_proof=c=biws,r=!+-~ proof=" },
	{ "nonce starting after ','", FINAL, "c=biws,r=-,p=", 0,
	  "c=biws nonce=- without_proof=c=biws,r=- proof=" },
	{ "empty base64 values", FINAL, "c=,r=a,p=", 0, "c= nonce=a without_proof=c=,r=a proof=" },
	{ "extensions before the proof", FINAL, "c=biws,r=a,x=1,Z=a=b,p=AAAA", 0,
	  "c=biws nonce=a without_proof=c=biws,r=a,x=1,Z=a=b proof=AAAA" },
	{ "no proof", FINAL, "c=biws,r=a", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "no nonce", FINAL, "c=biws,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "no channel binding", FINAL, "r=a,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "attributes out of order", FINAL, "r=a,c=biws,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "c= not a whole group", FINAL, "c=biw,r=a,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "c= with '=' inside", FINAL, "c=bi=s,r=a,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "c= with three '='", FINAL, "c=b===,r=a,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "c= with a space", FINAL, "c=bi s,r=a,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "p= not a whole group", FINAL, "c=biws,r=a,p=AAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "p= with '=' inside", FINAL, "c=biws,r=a,p=AA=A", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "p= with extra padding", FINAL, "c=biws,r=a,p=AAAA=", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "p= with '==' then more", FINAL, "c=biws,r=a,p=AA==AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "p= with a newline", FINAL, "c=biws,r=a,p=AAAA\n", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "attribute after the proof", FINAL, "c=biws,r=a,p=AAAA,x=y", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "no extension may be named p", FINAL, "c=biws,r=a,p=x,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "proof attribute without '='", FINAL, "c=biws,r=a,pAAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "mandatory extension", FINAL, "c=biws,r=a,m=x,p=AAAA", 0, "error SASL_E_SCRAM_EXTENSION" },
	{ "mandatory extension after others", FINAL, "c=biws,r=a,x=1,m=x,p=AAAA", 0,
	  "error SASL_E_SCRAM_EXTENSION" },
	{ "'m' extension name without '='", FINAL, "c=biws,r=a,mx,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "extension without value", FINAL, "c=biws,r=a,x=,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "extension named by a digit", FINAL, "c=biws,r=a,1=x,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "empty nonce", FINAL, "c=biws,r=,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "channel binding misnamed", FINAL, "b=biws,r=a,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "nonce misnamed", FINAL, "c=biws,s=a,p=AAAA", 0, "error SASL_E_SCRAM_SYNTAX" },
	{ "client-first where client-final is due", FINAL, "n,,n=u,r=a", 0,
	  "error SASL_E_SCRAM_SYNTAX" },
	{ "empty message", FINAL, "", 0, "error SASL_E_SCRAM_SYNTAX" },

	/* ---- PLAIN (RFC 4616 §2) ---- */
	{ "without authzid", PLAIN, "\0tim\0tanstaaftanstaaf", 21,
	  "authzid=- authcid=tim passwd=tanstaaftanstaaf" },
	{ "with authzid", PLAIN, "Ursel\0Kurt\0xipj3plmq", 20, "authzid=Ursel authcid=Kurt passwd=xipj3plmq" },
	{ "UTF-8 in every field", PLAIN, "\xc3\xa9\0\xe2\x82\xac\0\xf0\x9f\x98\x80", 11,
	  "authzid=\\xc3\\xa9 authcid=\\xe2\\x82\\xac passwd=\\xf0\\x9f\\x98\\x80" },
	{ "empty message", PLAIN, "", 0, "error SASL_E_PLAIN_SYNTAX" },
	{ "one NUL only", PLAIN, "tim\0pw", 6, "error SASL_E_PLAIN_SYNTAX" },
	{ "no NUL", PLAIN, "timpw", 0, "error SASL_E_PLAIN_SYNTAX" },
	{ "empty authcid", PLAIN, "\0\0pw", 4, "error SASL_E_PLAIN_SYNTAX" },
	{ "empty passwd", PLAIN, "\0tim\0", 5, "error SASL_E_PLAIN_SYNTAX" },
	{ "a third NUL", PLAIN, "\0tim\0p\0w", 8, "error SASL_E_PLAIN_SYNTAX" },
	{ "invalid UTF-8 in passwd", PLAIN, "\0tim\0p\xff", 7, "error SASL_E_PLAIN_SYNTAX" },
	{ "overlong UTF-8 in authcid", PLAIN, "\0\xc1\xbf\0p", 5, "error SASL_E_PLAIN_SYNTAX" },
	{ "surrogate in authzid", PLAIN, "\xed\xb0\x80\0u\0p", 7, "error SASL_E_PLAIN_SYNTAX" },
	{ "truncated UTF-8 at the end", PLAIN, "\0u\0p\xf0\x9f\x98", 7, "error SASL_E_PLAIN_SYNTAX" },
};
#define PARSE_CASE_COUNT ((int)(sizeof parse_cases / sizeof parse_cases[0]))

static void describe_first(const struct scram_client_first *cf, char *out, size_t cap)
{
	char a[512], b[512], c[512], d[512], e[512], f[512];
	static const char *const flags[] = { "n", "y", "p" };
	snprintf(out, cap, "flag=%s%s%s authzid=%s user=%s nonce=%s gs2=%s bare=%s", flags[cf->flag],
		 cf->flag == SCRAM_CBIND_P ? ":" : "",
		 cf->flag == SCRAM_CBIND_P ? show(cf->cb_name, a, sizeof a) : "",
		 cf->has_authzid ? show(cf->authzid, b, sizeof b) : "-", show(cf->username, c, sizeof c),
		 show(cf->client_nonce, d, sizeof d), show(cf->gs2_header, e, sizeof e),
		 show(cf->bare, f, sizeof f));
}

static void describe_final(const struct scram_client_final *cf, char *out, size_t cap)
{
	char a[512], b[512], c[512], d[512];
	snprintf(out, cap, "c=%s nonce=%s without_proof=%s proof=%s",
		 show(cf->channel_binding, a, sizeof a), show(cf->nonce, b, sizeof b),
		 show(cf->without_proof, c, sizeof c), show(cf->proof, d, sizeof d));
}

static void describe_plain(const struct sasl_plain *pl, char *out, size_t cap)
{
	char a[1100], b[1100], c[1100];
	snprintf(out, cap, "authzid=%s authcid=%s passwd=%s",
		 pl->authzid.len > 0 ? show(pl->authzid, a, sizeof a) : "-",
		 show(pl->authcid, b, sizeof b), show(pl->passwd, c, sizeof c));
}

/* Runs one message through its parser; returns the log line. */
static void parse_log(enum which which, struct span input, char *out, size_t cap)
{
	enum sasl_error e;
	if (which == FIRST) {
		struct scram_client_first cf;
		e = scram_parse_client_first(input, &cf);
		if (e == SASL_OK)
			describe_first(&cf, out, cap);
	} else if (which == FINAL) {
		struct scram_client_final cf;
		e = scram_parse_client_final(input, &cf);
		if (e == SASL_OK)
			describe_final(&cf, out, cap);
	} else {
		struct sasl_plain pl;
		e = sasl_plain_parse(input, &pl);
		if (e == SASL_OK)
			describe_plain(&pl, out, cap);
	}
	if (e != SASL_OK)
		snprintf(out, cap, "error %s", sasl_error_name(e));
}

START_TEST(test_parse_case)
{
	const struct parse_case *c = &parse_cases[_i];
	size_t len = c->input_len != 0 ? c->input_len : strlen(c->input);
	/* A copy of exactly len bytes, so that ASan catches any read past the end. */
	uint8_t *copy = malloc(len + 1);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, c->input, len);
	char log[4096];
	parse_log(c->which, span_of(copy, len), log, sizeof log);
	ck_assert_msg(strcmp(log, c->expect) == 0, "%s:\n  got    %s\n  expect %s", c->name, log,
		      c->expect);
	free(copy);
}
END_TEST

/* ---------- coverage of the character classes in every field ---------- */

/* One sample of every UTF-8 lead class and continuation range (RFC 3629 §4),
 * with the ASCII class boundaries around ',' and '='. */
static const char *const char_samples[] = {
	"\x01", "+", "-", "<", ">", "\x7f", "a",
	"\xc2\x80", "\xdf\xbf",
	"\xe0\xa0\x80", "\xe0\xbf\xbf", "\xe1\x80\x80", "\xec\xbf\xbf",
	"\xed\x80\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
	"\xf0\x90\x80\x80", "\xf0\xbf\xbf\xbf", "\xf1\x80\x80\x80", "\xf3\xbf\xbf\xbf",
	"\xf4\x80\x80\x80", "\xf4\x8f\xbf\xbf",
};
#define SAMPLE_COUNT ((int)(sizeof char_samples / sizeof char_samples[0]))

/* Every sample, first and not first, in each field that takes UTF-8. */
START_TEST(test_every_character_class_in_every_field)
{
	const char *s = char_samples[_i];
	char msg[256];
	struct scram_client_first cf;
	struct scram_client_final cfin;
	struct sasl_plain pl;
	snprintf(msg, sizeof msg, "n,a=%s%s=2C,n=%s%s=3D,r=a,x=%s%s=,y=%s", s, s, s, s, s, s, s);
	ck_assert_int_eq(scram_parse_client_first(str_span(msg), &cf), SASL_OK);
	ck_assert_uint_eq(cf.username.len, 2 * strlen(s) + 3);
	snprintf(msg, sizeof msg, "n,a==3D%s,n==2C%s,r=a", s, s);
	ck_assert_int_eq(scram_parse_client_first(str_span(msg), &cf), SASL_OK);
	snprintf(msg, sizeof msg, "c=biws,r=a,x=%s%s=,y==%s,p=AAAA", s, s, s);
	ck_assert_int_eq(scram_parse_client_final(str_span(msg), &cfin), SASL_OK);
	ck_assert_uint_eq(cfin.proof.len, 4);
	size_t n = strlen(s);
	/* PLAIN: the sample twice in each field; NUL separators by position. */
	uint8_t plain[64];
	size_t len = 0;
	for (int field = 0; field < 3; field++) {
		memcpy(plain + len, s, n);
		memcpy(plain + len + n, s, n);
		len += 2 * n;
		if (field < 2)
			plain[len++] = 0;
	}
	ck_assert_int_eq(sasl_plain_parse(span_of(plain, len), &pl), SASL_OK);
	ck_assert_uint_eq(pl.authzid.len, 2 * n);
	ck_assert_uint_eq(pl.authcid.len, 2 * n);
	ck_assert_uint_eq(pl.passwd.len, 2 * n);
}
END_TEST

/* Extension names: every letter class, in both messages (RFC 5802 §7 attr-val). */
START_TEST(test_extension_names)
{
	static const char *const names = "abcdefghijklnoqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	for (const char *c = names; *c != '\0'; c++) {
		char msg[64];
		struct scram_client_first cf;
		struct scram_client_final cfin;
		snprintf(msg, sizeof msg, "n,,n=u,r=a,%c=v", *c);
		ck_assert_int_eq(scram_parse_client_first(str_span(msg), &cf), SASL_OK);
		snprintf(msg, sizeof msg, "c=biws,r=a,%c=v,p=", *c);
		ck_assert_int_eq(scram_parse_client_final(str_span(msg), &cfin), SASL_OK);
	}
	/* 'p' is an extension name in client-first (no proof there). */
	struct scram_client_first cf;
	ck_assert_int_eq(scram_parse_client_first(SPAN_LIT("n,,n=u,r=a,p=v"), &cf), SASL_OK);
}
END_TEST

/* Base64: every alphabet class at every position of a group, and both paddings. */
START_TEST(test_base64_classes)
{
	static const char *const groups[] = { "AZaz", "09+/", "/+90", "zaZA", "Aa0=", "+/==",
					      "/A==", "9a0=", "z+==", "AAA=" };
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		for (size_t h = 0; h < sizeof groups / sizeof groups[0]; h++) {
			if (strchr(groups[g], '=') != NULL)
				continue; /* padding ends the value */
			char msg[64];
			struct scram_client_final cf;
			snprintf(msg, sizeof msg, "c=%s%s,r=a,p=%s%s", groups[g], groups[h], groups[g],
				 groups[h]);
			ck_assert_msg(scram_parse_client_final(str_span(msg), &cf) == SASL_OK, "%s", msg);
		}
	}
}
END_TEST

START_TEST(test_plain_field_lengths)
{
	/* RFC 4616 §2: up to 255 octets per field, and this server takes no more. */
	uint8_t msg[3 * 256 + 2];
	struct sasl_plain pl;
	for (int field = 0; field < 3; field++) {
		for (size_t flen = 255; flen <= 256; flen++) {
			size_t len = 0;
			for (int f = 0; f < 3; f++) {
				size_t n = f == field ? flen : 1;
				memset(msg + len, 'x', n);
				len += n;
				if (f < 2)
					msg[len++] = 0;
			}
			enum sasl_error e = sasl_plain_parse(span_of(msg, len), &pl);
			ck_assert_msg(e == (flen == 255 ? SASL_OK : SASL_E_PLAIN_TOO_LONG),
				      "field %d length %zu: %s", field, flen, sasl_error_name(e));
		}
	}
}
END_TEST

START_TEST(test_saslname_unescape)
{
	uint8_t out[32];
	struct span in = SPAN_LIT("a=2Cb=3Dc=3D=2C");
	size_t n = scram_saslname_unescape(in, out);
	ck_assert_uint_eq(n, 7);
	ck_assert_mem_eq(out, "a,b=c=,", 7);
}
END_TEST

/* ---------- base64 of the stream layer ---------- */

struct base64_case {
	const char *text;
	enum sasl_error expect;
	const char *decoded;
	size_t decoded_len;
};

static const struct base64_case base64_cases[] = {
	{ "", SASL_OK, "", 0 },
	{ "=", SASL_OK, "", 0 },                       /* RFC 6120 §6.4.2: zero-length data */
	{ "biws", SASL_OK, "n,,", 3 },
	{ "AA==", SASL_OK, "\0", 1 },
	{ "AAA=", SASL_OK, "\0\0", 2 },
	{ "QQ", SASL_E_BASE64, NULL, 0 },              /* padding is required */
	{ "QQ=", SASL_E_BASE64, NULL, 0 },
	{ "QQ===", SASL_E_BASE64, NULL, 0 },
	{ "QR==", SASL_E_BASE64, NULL, 0 },            /* non-zero bits after the last character */
	{ "biws\n", SASL_E_BASE64, NULL, 0 },          /* no line breaks (RFC 6120 §6.4.2) */
	{ " biws", SASL_E_BASE64, NULL, 0 },
	{ "bi ws", SASL_E_BASE64, NULL, 0 },
	{ "bi-_", SASL_E_BASE64, NULL, 0 },            /* the URL-safe alphabet is not base64 */
	{ "====", SASL_E_BASE64, NULL, 0 },
	{ "==", SASL_E_BASE64, NULL, 0 },
	{ "biws=", SASL_E_BASE64, NULL, 0 },
	{ "=AAA", SASL_E_BASE64, NULL, 0 },            /* RFC 6120 §13.9.1: '=' only at the end */
	{ "BBBB=CCC", SASL_E_BASE64, NULL, 0 },
	{ "AA=A", SASL_E_BASE64, NULL, 0 },
	{ "AA==AA==", SASL_E_BASE64, NULL, 0 },
};

/* Requirement: RFC6120-6.5.5-a */
START_TEST(test_base64_decode)
{
	/* Requirement: RFC6120-13.9.1-a, RFC6120-13.9.1-b, RFC6120-13.9.1-c, RFC6120-13.9.1-d */
	const struct base64_case *c = &base64_cases[_i];
	uint8_t out[16];
	size_t len = 99;
	enum sasl_error e = sasl_base64_decode(str_span(c->text), out, sizeof out, &len);
	ck_assert_msg(e == c->expect, "'%s': %s", c->text, sasl_error_name(e));
	if (e == SASL_OK) {
		ck_assert_uint_eq(len, c->decoded_len);
		ck_assert_mem_eq(out, c->decoded, len);
	} else {
		ck_assert_uint_eq(len, 0);
	}
}
END_TEST

START_TEST(test_base64_decode_output_too_small)
{
	uint8_t out[2];
	size_t len = 0;
	ck_assert_int_eq(sasl_base64_decode(SPAN_LIT("biws"), out, sizeof out, &len), SASL_E_BASE64);
}
END_TEST

/* ---------- a SCRAM client, for the tests ---------- */

static const EVP_MD *md_of(enum scram_hash hash)
{
	return hash == SCRAM_SHA1 ? EVP_sha1() : EVP_sha256();
}

static size_t b64_encode(const uint8_t *bin, size_t len, char *out)
{
	return (size_t)EVP_EncodeBlock((unsigned char *)out, bin, (int)len);
}

static size_t b64_decode(const char *text, size_t text_len, uint8_t *out)
{
	int n = EVP_DecodeBlock(out, (const unsigned char *)text, (int)text_len);
	ck_assert_int_ge(n, 0);
	size_t len = (size_t)n;
	if (text_len >= 1 && text[text_len - 1] == '=')
		len--;
	if (text_len >= 2 && text[text_len - 2] == '=')
		len--;
	return len;
}

/* A server-first-message's attribute value (r, s or i), as a C string. */
static void attr(const char *message, char name, char *out, size_t cap)
{
	const char *p = message;
	for (;;) {
		ck_assert_ptr_nonnull(p);
		if (p[0] == name && p[1] == '=')
			break;
		p = strchr(p, ',');
		if (p != NULL)
			p++;
	}
	p += 2;
	size_t n = strcspn(p, ",");
	ck_assert_uint_lt(n, cap);
	memcpy(out, p, n);
	out[n] = '\0';
}

/* The client's side of RFC 5802 §3: returns client-final-message for the server-first. */
static void client_final_for(enum scram_hash hash, const char *password, const char *client_first,
			     const char *server_first, struct span cb_data, char *out, size_t cap)
{
	const char *bare = strchr(strchr(client_first, ',') + 1, ',') + 1;
	size_t gs2_len = (size_t)(bare - client_first);
	char nonce[SCRAM_SERVER_FIRST_MAX], salt_b64[128], iter[16];
	attr(server_first, 'r', nonce, sizeof nonce);
	attr(server_first, 's', salt_b64, sizeof salt_b64);
	attr(server_first, 'i', iter, sizeof iter);
	uint8_t salt[96];
	size_t salt_len = b64_decode(salt_b64, strlen(salt_b64), salt);

	uint8_t cbind[SCRAM_CLIENT_FIRST_MAX + SCRAM_CB_DATA_MAX];
	memcpy(cbind, client_first, gs2_len);
	if (cb_data.len > 0)
		memcpy(cbind + gs2_len, cb_data.ptr, cb_data.len);
	char cbind_b64[2 * sizeof cbind];
	b64_encode(cbind, gs2_len + cb_data.len, cbind_b64);

	static char without_proof[sizeof cbind_b64 + SCRAM_SERVER_FIRST_MAX + 8];
	snprintf(without_proof, sizeof without_proof, "c=%s,r=%s", cbind_b64, nonce);
	static char auth_message[2 * sizeof without_proof + 2 * SCRAM_SERVER_FIRST_MAX];
	snprintf(auth_message, sizeof auth_message, "%s,%s,%s", bare, server_first, without_proof);

	size_t hlen = (size_t)EVP_MD_get_size(md_of(hash));
	uint8_t salted[32], client_key[32], stored_key[32], signature[32], proof[32];
	unsigned int outl = 0;
	ck_assert_int_eq(PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, (int)salt_len,
					   atoi(iter), md_of(hash), (int)hlen, salted), 1);
	ck_assert_ptr_nonnull(HMAC(md_of(hash), salted, (int)hlen,
				   (const unsigned char *)"Client Key", 10, client_key, &outl));
	ck_assert_int_eq(EVP_Digest(client_key, hlen, stored_key, &outl, md_of(hash), NULL), 1);
	ck_assert_ptr_nonnull(HMAC(md_of(hash), stored_key, (int)hlen,
				   (const unsigned char *)auth_message, strlen(auth_message),
				   signature, &outl));
	for (size_t i = 0; i < hlen; i++)
		proof[i] = client_key[i] ^ signature[i];
	char proof_b64[64];
	b64_encode(proof, hlen, proof_b64);
	snprintf(out, cap, "%s,p=%s", without_proof, proof_b64);
}

static struct scram_server_config test_config(enum scram_hash hash, const char *server_nonce)
{
	struct scram_server_config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.hash = hash;
	cfg.unknown_user_secret = test_secret;
	cfg.unknown_user_iterations = 4096;
	if (server_nonce != NULL)
		cfg.test_server_nonce = str_span(server_nonce);
	return cfg;
}

static struct scram_keys keys_for(enum scram_hash hash, const char *password, const char *salt_b64,
				  uint32_t iterations)
{
	uint8_t salt[64];
	size_t salt_len = b64_decode(salt_b64, strlen(salt_b64), salt);
	struct scram_keys keys;
	ck_assert_int_eq(scram_derive_keys(hash, str_span(password), span_of(salt, salt_len),
					   iterations, &keys), SASL_OK);
	return keys;
}

static void span_str(struct span s, char *out, size_t cap)
{
	ck_assert_uint_lt(s.len, cap);
	if (s.len > 0)
		memcpy(out, s.ptr, s.len);
	out[s.len] = '\0';
}

/* ---------- RFC test vectors ---------- */

struct vector {
	const char *rfc;
	enum scram_hash hash;
	const char *server_nonce; /* the part the server adds */
	const char *salt_b64;
	const char *client_first;
	const char *server_first;
	const char *client_final;
	const char *server_final;
};

static const struct vector vectors[] = {
	{ "RFC 5802 §5", SCRAM_SHA1, "3rfcNHYJY1ZVvWVs7j", "QSXCR+Q6sek8bf92",
	  "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
	  "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
	  "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
	  "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=" },
	{ "RFC 7677 §3", SCRAM_SHA256, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", "W22ZaJ0SNY7soEsUEjb6gQ==",
	  "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
	  "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
	  "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
	  "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
	  "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=" },
};

START_TEST(test_rfc_vector)
{
	const struct vector *v = &vectors[_i];
	struct scram_keys keys = keys_for(v->hash, "pencil", v->salt_b64, 4096);
	struct scram_server_config cfg = test_config(v->hash, v->server_nonce);
	struct scram_server s;
	char got[512];
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, str_span(v->client_first)), SASL_OK);
	span_str(scram_server_username(&s), got, sizeof got);
	ck_assert_str_eq(got, "user");
	ck_assert(!scram_server_has_authzid(&s));
	struct span server_first, server_final;
	ck_assert_int_eq(scram_server_challenge(&s, &keys, &server_first), SASL_OK);
	span_str(server_first, got, sizeof got);
	ck_assert_msg(strcmp(got, v->server_first) == 0, "%s server-first: %s", v->rfc, got);
	ck_assert_int_eq(scram_server_final(&s, str_span(v->client_final), &server_final), SASL_OK);
	span_str(server_final, got, sizeof got);
	ck_assert_msg(strcmp(got, v->server_final) == 0, "%s server-final: %s", v->rfc, got);
	ck_assert_int_eq(s.state, SCRAM_SERVER_SUCCEEDED);
	/* The test client agrees with the RFC, so the other tests can rely on it. */
	client_final_for(v->hash, "pencil", v->client_first, v->server_first, span_of(NULL, 0), got,
			 sizeof got);
	ck_assert_str_eq(got, v->client_final);
	scram_server_wipe(&s);
}
END_TEST

/* ---------- exchanges ---------- */

struct outcome {
	enum sasl_error start, challenge, final;
	char server_first[SCRAM_SERVER_FIRST_MAX + 1];
	char server_final[SCRAM_SERVER_FINAL_MAX + 1];
};

/* A whole exchange: the client knows `password`, binds `client_cb` (what it
 * believes the binding data is); `client_final` overrides the message when set. */
static struct outcome exchange(const struct scram_server_config *cfg, const struct scram_keys *keys,
			       const char *client_first, const char *password,
			       struct span client_cb, const char *client_final)
{
	struct outcome o;
	memset(&o, 0, sizeof o);
	o.challenge = o.final = SASL_E_OUT_OF_ORDER;
	struct scram_server s;
	ck_assert_int_eq(scram_server_init(&s, cfg), SASL_OK);
	o.start = scram_server_start(&s, str_span(client_first));
	if (o.start == SASL_OK) {
		struct span server_first, server_final;
		o.challenge = scram_server_challenge(&s, keys, &server_first);
		span_str(server_first, o.server_first, sizeof o.server_first);
		if (o.challenge == SASL_OK) {
			static char final[4 * SCRAM_SERVER_FIRST_MAX];
			if (client_final != NULL)
				snprintf(final, sizeof final, "%s", client_final);
			else
				client_final_for(cfg->hash, password, client_first, o.server_first,
						 client_cb, final, sizeof final);
			o.final = scram_server_final(&s, str_span(final), &server_final);
			span_str(server_final, o.server_final, sizeof o.server_final);
			ck_assert_int_eq(s.state, o.final == SASL_OK ? SCRAM_SERVER_SUCCEEDED
								     : SCRAM_SERVER_FAILED);
		}
	} else {
		ck_assert_int_eq(s.state, SCRAM_SERVER_FAILED);
	}
	scram_server_wipe(&s);
	return o;
}

/* Requirement: RFC6120-6.4.3-a */
START_TEST(test_random_nonce_exchange)
{
	/* Without the test hook: s-nonce is 24 random bytes in base64 (RFC 5802 §5.1). */
	for (int h = 0; h < SCRAM_HASH_COUNT; h++) {
		struct scram_keys keys = keys_for((enum scram_hash)h, "pencil", "QSXCR+Q6sek8bf92", 4096);
		struct scram_server_config cfg = test_config((enum scram_hash)h, NULL);
		struct outcome a = exchange(&cfg, &keys, "n,,n=user,r=abc", "pencil", span_of(NULL, 0), NULL);
		struct outcome b = exchange(&cfg, &keys, "n,,n=user,r=abc", "pencil", span_of(NULL, 0), NULL);
		ck_assert_int_eq(a.final, SASL_OK);
		ck_assert_int_eq(b.final, SASL_OK);
		char nonce_a[128], nonce_b[128];
		attr(a.server_first, 'r', nonce_a, sizeof nonce_a);
		attr(b.server_first, 'r', nonce_b, sizeof nonce_b);
		ck_assert_uint_eq(strlen(nonce_a), 3 + 32);
		ck_assert(strncmp(nonce_a, "abc", 3) == 0);
		ck_assert_str_ne(nonce_a, nonce_b);
		ck_assert(strncmp(a.server_final, "v=", 2) == 0);
	}
}
END_TEST

START_TEST(test_wrong_password)
{
	struct scram_keys keys = keys_for(SCRAM_SHA256, "pencil", "W22ZaJ0SNY7soEsUEjb6gQ==", 4096);
	struct scram_server_config cfg = test_config(SCRAM_SHA256, NULL);
	struct outcome o = exchange(&cfg, &keys, "n,,n=user,r=abc", "pen", span_of(NULL, 0), NULL);
	ck_assert_int_eq(o.final, SASL_E_INVALID_PROOF);
	ck_assert_str_eq(o.server_final, "e=invalid-proof");
	ck_assert_str_eq(sasl_error_condition(o.final), "not-authorized");
}
END_TEST

/* Client-final messages that fail at the server, with the e= they earn. */
struct final_case {
	const char *name;
	const char *client_final; /* "@": the nonce the server chose */
	enum sasl_error expect;
	const char *server_final;
};

static const struct final_case final_cases[] = {
	{ "proof of the wrong length", "c=biws,r=@,p=AAAA", SASL_E_INVALID_PROOF, "e=invalid-proof" },
	{ "empty proof", "c=biws,r=@,p=", SASL_E_INVALID_PROOF, "e=invalid-proof" },
	{ "proof too long to decode", "c=biws,r=@,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	  SASL_E_INVALID_PROOF, "e=invalid-proof" },
	{ "zero proof of the right length", "c=biws,r=@,p=AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
	  SASL_E_INVALID_PROOF, "e=invalid-proof" },
	{ "proof not canonical base64", "c=biws,r=@,p=AAAAAAAAAAAAAAAAAAAAAAAAAAB=",
	  SASL_E_SCRAM_BASE64, "e=invalid-encoding" },
	{ "nonce without the server's part", "c=biws,r=abc,p=AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
	  SASL_E_SCRAM_NONCE, "e=other-error" },
	{ "nonce with more", "c=biws,r=@x,p=AAAAAAAAAAAAAAAAAAAAAAAAAAA=", SASL_E_SCRAM_NONCE,
	  "e=other-error" },
	{ "channel binding of flag y", "c=eSws,r=@,p=AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
	  SASL_E_CB_MISMATCH, "e=channel-bindings-dont-match" },
	{ "channel binding empty", "c=,r=@,p=AAAAAAAAAAAAAAAAAAAAAAAAAAA=", SASL_E_CB_MISMATCH,
	  "e=channel-bindings-dont-match" },
	{ "channel binding of other bytes", "c=biwt,r=@,p=AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
	  SASL_E_CB_MISMATCH, "e=channel-bindings-dont-match" },
	{ "syntax", "c=biws,r=@", SASL_E_SCRAM_SYNTAX, "e=invalid-encoding" },
	{ "mandatory extension", "c=biws,r=@,m=1,p=AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
	  SASL_E_SCRAM_EXTENSION, "e=extensions-not-supported" },
};

START_TEST(test_final_refusal)
{
	const struct final_case *c = &final_cases[_i];
	struct scram_keys keys = keys_for(SCRAM_SHA1, "pencil", "QSXCR+Q6sek8bf92", 4096);
	struct scram_server_config cfg = test_config(SCRAM_SHA1, "srv");
	char final[256];
	const char *at = strchr(c->client_final, '@');
	if (at == NULL)
		snprintf(final, sizeof final, "%s", c->client_final);
	else
		snprintf(final, sizeof final, "%.*sabcsrv%s", (int)(at - c->client_final),
			 c->client_final, at + 1);
	struct outcome o = exchange(&cfg, &keys, "n,,n=user,r=abc", NULL, span_of(NULL, 0), final);
	ck_assert_msg(o.final == c->expect, "%s: %s", c->name, sasl_error_name(o.final));
	ck_assert_str_eq(o.server_final, c->server_final);
}
END_TEST

START_TEST(test_channel_binding_not_canonical)
{
	/* gs2-header "n,a=ab," is 7 bytes: base64 ends in "==", whose last letter
	 * must leave zero bits (RFC 4648 §3.5): "LA==" is canonical, "LB==" not. */
	struct scram_keys keys = keys_for(SCRAM_SHA1, "pencil", "QSXCR+Q6sek8bf92", 4096);
	struct scram_server_config cfg = test_config(SCRAM_SHA1, "srv");
	struct outcome o = exchange(&cfg, &keys, "n,a=ab,n=user,r=abc", NULL, span_of(NULL, 0),
				    "c=bixhPWFiLB==,r=abcsrv,p=AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
	ck_assert_int_eq(o.final, SASL_E_SCRAM_BASE64);
	ck_assert_str_eq(o.server_final, "e=invalid-encoding");
	o = exchange(&cfg, &keys, "n,a=ab,n=user,r=abc", "pencil", span_of(NULL, 0), NULL);
	ck_assert_int_eq(o.final, SASL_OK);
}
END_TEST

/* ---------- channel binding (RFC 5802 §6) ---------- */

#define EXPORTER "0123456789abcdef0123456789abcdef"
#define END_POINT "\xde\xad\xbe\xef end point hash of 32 bytes...."

struct cb_case {
	const char *name;
	bool advertised, selected;
	bool have_exporter, have_end_point;
	const char *client_first;
	const char *client_cb; /* what the client binds after the gs2-header */
	enum sasl_error start, final;
	const char *server_final_prefix;
};

static const struct cb_case cb_cases[] = {
	{ "n, nothing offered", false, false, false, false, "n,,n=user,r=a", "", SASL_OK, SASL_OK, "v=" },
	{ "n, -PLUS offered, plain chosen", true, false, true, true, "n,,n=user,r=a", "", SASL_OK,
	  SASL_OK, "v=" },
	{ "n with -PLUS chosen", true, true, true, true, "n,,n=user,r=a", "", SASL_E_CB_REQUIRED, 0, "" },
	{ "y, nothing offered", false, false, false, false, "y,,n=user,r=a", "", SASL_OK, SASL_OK, "v=" },
	{ "y although -PLUS was offered: downgrade", true, false, true, true, "y,,n=user,r=a", "",
	  SASL_E_CB_DOWNGRADE, 0, "" },
	{ "y with -PLUS chosen", true, true, true, true, "y,,n=user,r=a", "", SASL_E_CB_REQUIRED, 0, "" },
	{ "p with a plain mechanism", true, false, true, true, "p=tls-exporter,,n=user,r=a", EXPORTER,
	  SASL_E_CB_NOT_SUPPORTED, 0, "" },
	{ "p, nothing offered", false, false, false, false, "p=tls-exporter,,n=user,r=a", EXPORTER,
	  SASL_E_CB_NOT_SUPPORTED, 0, "" },
	{ "tls-exporter", true, true, true, true, "p=tls-exporter,,n=user,r=a", EXPORTER, SASL_OK,
	  SASL_OK, "v=" },
	{ "tls-exporter with authzid", true, true, true, false, "p=tls-exporter,a=user,n=user,r=a",
	  EXPORTER, SASL_OK, SASL_OK, "v=" },
	{ "tls-exporter, other data", true, true, true, true, "p=tls-exporter,,n=user,r=a",
	  "0123456789abcdef0123456789abcdeX", SASL_OK, SASL_E_CB_MISMATCH,
	  "e=channel-bindings-dont-match" },
	{ "tls-exporter, data missing", true, true, true, true, "p=tls-exporter,,n=user,r=a", "",
	  SASL_OK, SASL_E_CB_MISMATCH, "e=channel-bindings-dont-match" },
	{ "tls-exporter, other type's data", true, true, true, true, "p=tls-exporter,,n=user,r=a",
	  END_POINT, SASL_OK, SASL_E_CB_MISMATCH, "e=channel-bindings-dont-match" },
	{ "tls-server-end-point", true, true, true, true, "p=tls-server-end-point,,n=user,r=a",
	  END_POINT, SASL_OK, SASL_OK, "v=" },
	{ "tls-server-end-point only", true, true, false, true, "p=tls-server-end-point,,n=user,r=a",
	  END_POINT, SASL_OK, SASL_OK, "v=" },
	{ "tls-exporter not available", true, true, false, true, "p=tls-exporter,,n=user,r=a",
	  EXPORTER, SASL_E_CB_UNSUPPORTED_TYPE, 0, "" },
	{ "tls-unique (not for TLS 1.3, RFC 9266)", true, true, true, true,
	  "p=tls-unique,,n=user,r=a", EXPORTER, SASL_E_CB_UNSUPPORTED_TYPE, 0, "" },
	{ "type names are case-sensitive", true, true, true, true, "p=TLS-EXPORTER,,n=user,r=a",
	  EXPORTER, SASL_E_CB_UNSUPPORTED_TYPE, 0, "" },
	{ "a prefix of a type name", true, true, true, true, "p=tls-export,,n=user,r=a",
	  EXPORTER, SASL_E_CB_UNSUPPORTED_TYPE, 0, "" },
};

START_TEST(test_channel_binding)
{
	/* Requirement: RFC6120-13.8.1-c: a 'y' flag after -PLUS was offered is a downgrade, refused */
	const struct cb_case *c = &cb_cases[_i];
	struct scram_keys keys = keys_for(SCRAM_SHA256, "pencil", "W22ZaJ0SNY7soEsUEjb6gQ==", 4096);
	struct scram_server_config cfg = test_config(SCRAM_SHA256, NULL);
	cfg.plus_advertised = c->advertised;
	cfg.plus_selected = c->selected;
	if (c->have_exporter)
		cfg.cb_data[SCRAM_CB_TLS_EXPORTER] = SPAN_LIT(EXPORTER);
	if (c->have_end_point)
		cfg.cb_data[SCRAM_CB_TLS_SERVER_END_POINT] = SPAN_LIT(END_POINT);
	struct outcome o = exchange(&cfg, &keys, c->client_first, "pencil", str_span(c->client_cb), NULL);
	ck_assert_msg(o.start == c->start, "%s: start %s", c->name, sasl_error_name(o.start));
	if (c->start != SASL_OK)
		return;
	ck_assert_msg(o.final == c->final, "%s: final %s", c->name, sasl_error_name(o.final));
	ck_assert_msg(strncmp(o.server_final, c->server_final_prefix,
			      strlen(c->server_final_prefix)) == 0, "%s: %s", c->name, o.server_final);
}
END_TEST

/* ---------- unknown users (RFC 5802 §9) ---------- */

START_TEST(test_unknown_user)
{
	struct scram_server_config cfg = test_config(SCRAM_SHA256, NULL);
	struct outcome a = exchange(&cfg, NULL, "n,,n=nobody,r=abc", "pencil", span_of(NULL, 0), NULL);
	struct outcome b = exchange(&cfg, NULL, "n,,n=nobody,r=abc", "x", span_of(NULL, 0), NULL);
	struct outcome other = exchange(&cfg, NULL, "n,,n=nobody2,r=abc", "x", span_of(NULL, 0), NULL);
	/* It gets this far, and fails only at the proof, as a wrong password does. */
	ck_assert_int_eq(a.challenge, SASL_OK);
	ck_assert_int_eq(a.final, SASL_E_INVALID_PROOF);
	ck_assert_str_eq(a.server_final, "e=invalid-proof");
	ck_assert_int_eq(b.final, SASL_E_INVALID_PROOF);
	/* The salt is stable per user (a changing salt would give it away), looks
	 * like a real one (SCRAM_SALT_LEN bytes), and differs between users. */
	char salt_a[64], salt_b[64], salt_other[64], iter[16];
	attr(a.server_first, 's', salt_a, sizeof salt_a);
	attr(b.server_first, 's', salt_b, sizeof salt_b);
	attr(other.server_first, 's', salt_other, sizeof salt_other);
	attr(a.server_first, 'i', iter, sizeof iter);
	ck_assert_str_eq(salt_a, salt_b);
	ck_assert_str_ne(salt_a, salt_other);
	ck_assert_uint_eq(strlen(salt_a), 24); /* 16 bytes */
	ck_assert_str_eq(iter, "4096");

	/* A real account created the usual way gives a server-first of the same shape. */
	struct scram_keys keys;
	ck_assert_int_eq(scram_keys_create(SCRAM_SHA256, SPAN_LIT("pencil"), 4096, &keys), SASL_OK);
	struct outcome real = exchange(&cfg, &keys, "n,,n=user,r=abc", "pencil", span_of(NULL, 0), NULL);
	ck_assert_int_eq(real.final, SASL_OK);
	char salt_real[64];
	attr(real.server_first, 's', salt_real, sizeof salt_real);
	ck_assert_uint_eq(strlen(salt_real), strlen(salt_a));
	ck_assert_uint_eq(strlen(real.server_first), strlen(a.server_first));
}
END_TEST

START_TEST(test_unknown_user_keys)
{
	struct scram_keys a, b, c;
	ck_assert_int_eq(scram_unknown_user_keys(SCRAM_SHA1, test_secret, SPAN_LIT("x"), 4096, &a), SASL_OK);
	ck_assert_int_eq(scram_unknown_user_keys(SCRAM_SHA1, test_secret, SPAN_LIT("x"), 4096, &b), SASL_OK);
	ck_assert_int_eq(scram_unknown_user_keys(SCRAM_SHA256, test_secret, SPAN_LIT("x"), 4096, &c), SASL_OK);
	ck_assert_mem_eq(&a, &b, sizeof a);
	ck_assert_uint_eq(a.salt_len, SCRAM_SALT_LEN);
	ck_assert_uint_eq(a.iterations, 4096);
	/* Each hash has its own salt, as real accounts' keys do. */
	ck_assert(memcmp(a.salt, c.salt, SCRAM_SALT_LEN) != 0);
	/* Bytes beyond SHA-1's 20 stay zero, as scram_derive_keys leaves them. */
	static const uint8_t zero[SCRAM_KEY_MAX - 20];
	ck_assert_mem_eq(a.stored_key + 20, zero, sizeof zero);
	ck_assert_int_eq(scram_unknown_user_keys(SCRAM_HASH_COUNT, test_secret, SPAN_LIT("x"), 4096, &a),
			 SASL_E_INTERNAL);
	ck_assert_int_eq(scram_unknown_user_keys(SCRAM_SHA1, test_secret, SPAN_LIT("x"), 0, &a),
			 SASL_E_INTERNAL);
	/* PLAIN for an unknown user: the same derivation, and a refusal. */
	ck_assert_int_eq(scram_verify_plain(&b, SCRAM_SHA1, SPAN_LIT("pencil")), SASL_E_PLAIN_CREDENTIALS);
}
END_TEST

/* ---------- PLAIN verification ---------- */

START_TEST(test_plain_verify)
{
	for (int h = 0; h < SCRAM_HASH_COUNT; h++) {
		struct scram_keys keys;
		ck_assert_int_eq(scram_keys_create((enum scram_hash)h, SPAN_LIT("tanstaaftanstaaf"), 4096,
						   &keys), SASL_OK);
		struct sasl_plain pl;
		ck_assert_int_eq(sasl_plain_parse(SPAN_LIT("\0tim\0tanstaaftanstaaf"), &pl), SASL_OK);
		ck_assert_int_eq(scram_verify_plain(&keys, (enum scram_hash)h, pl.passwd), SASL_OK);
		ck_assert_int_eq(scram_verify_plain(&keys, (enum scram_hash)h, SPAN_LIT("tanstaaf")),
				 SASL_E_PLAIN_CREDENTIALS);
		ck_assert_int_eq(scram_verify_plain(&keys, (enum scram_hash)h, span_of(NULL, 0)),
				 SASL_E_PLAIN_CREDENTIALS);
		ck_assert_str_eq(sasl_error_condition(SASL_E_PLAIN_CREDENTIALS), "not-authorized");
	}
	/* Keys that cannot be derived against (a corrupt record) are an internal error. */
	struct scram_keys broken;
	memset(&broken, 0, sizeof broken);
	ck_assert_int_eq(scram_verify_plain(&broken, SCRAM_SHA256, SPAN_LIT("x")), SASL_E_INTERNAL);
	/* The RFC 5802 keys verify "pencil" too: PLAIN and SCRAM share the account. */
	struct scram_keys keys = keys_for(SCRAM_SHA1, "pencil", "QSXCR+Q6sek8bf92", 4096);
	ck_assert_int_eq(scram_verify_plain(&keys, SCRAM_SHA1, SPAN_LIT("pencil")), SASL_OK);
}
END_TEST

START_TEST(test_keys_create_salts_differ)
{
	struct scram_keys a, b;
	ck_assert_int_eq(scram_keys_create(SCRAM_SHA256, SPAN_LIT("pw"), 4096, &a), SASL_OK);
	ck_assert_int_eq(scram_keys_create(SCRAM_SHA256, SPAN_LIT("pw"), 4096, &b), SASL_OK);
	ck_assert_uint_eq(a.salt_len, SCRAM_SALT_LEN);
	ck_assert(memcmp(a.salt, b.salt, SCRAM_SALT_LEN) != 0);
	ck_assert(memcmp(a.stored_key, b.stored_key, 32) != 0);
}
END_TEST

START_TEST(test_derive_keys_refuses_bad_parameters)
{
	struct scram_keys k;
	uint8_t salt[SCRAM_SALT_MAX + 1] = { 0 };
	ck_assert_int_eq(scram_derive_keys(SCRAM_SHA1, SPAN_LIT("p"), span_of(salt, 0), 4096, &k),
			 SASL_E_INTERNAL);
	ck_assert_int_eq(scram_derive_keys(SCRAM_SHA1, SPAN_LIT("p"), span_of(salt, sizeof salt), 4096, &k),
			 SASL_E_INTERNAL);
	ck_assert_int_eq(scram_derive_keys(SCRAM_SHA1, SPAN_LIT("p"), span_of(salt, 4), 0, &k),
			 SASL_E_INTERNAL);
	ck_assert_int_eq(scram_derive_keys(SCRAM_HASH_COUNT, SPAN_LIT("p"), span_of(salt, 4), 1, &k),
			 SASL_E_INTERNAL);
	ck_assert_int_eq(scram_derive_keys(SCRAM_SHA1, SPAN_LIT("p"), span_of(salt, SCRAM_SALT_MAX), 1, &k),
			 SASL_OK);
}
END_TEST

/* ---------- the exchange's steps ---------- */

START_TEST(test_out_of_order)
{
	struct scram_keys keys = keys_for(SCRAM_SHA1, "pencil", "QSXCR+Q6sek8bf92", 4096);
	struct scram_server_config cfg = test_config(SCRAM_SHA1, "srv");
	struct scram_server s;
	struct span out;

	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_challenge(&s, &keys, &out), SASL_E_OUT_OF_ORDER);
	ck_assert_uint_eq(out.len, 0);
	ck_assert_int_eq(s.state, SCRAM_SERVER_FAILED);
	ck_assert_int_eq(scram_server_start(&s, SPAN_LIT("n,,n=u,r=a")), SASL_E_OUT_OF_ORDER);

	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_final(&s, SPAN_LIT("c=biws,r=asrv,p="), &out), SASL_E_OUT_OF_ORDER);
	ck_assert_uint_eq(out.len, 0);

	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, SPAN_LIT("n,,n=u,r=a")), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, SPAN_LIT("n,,n=u,r=a")), SASL_E_OUT_OF_ORDER);

	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, SPAN_LIT("n,,n=u,r=a")), SASL_OK);
	ck_assert_int_eq(scram_server_final(&s, SPAN_LIT("c=biws,r=asrv,p="), &out), SASL_E_OUT_OF_ORDER);

	/* After success, nothing more. */
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, SPAN_LIT("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL")),
			 SASL_OK);
	ck_assert_int_eq(scram_server_challenge(&s, &keys, &out), SASL_OK);
	ck_assert_int_eq(scram_server_challenge(&s, &keys, &out), SASL_E_OUT_OF_ORDER);

	/* A failed start ends the exchange. */
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, SPAN_LIT("n,,m=x")), SASL_E_SCRAM_EXTENSION);
	ck_assert_int_eq(scram_server_challenge(&s, &keys, &out), SASL_E_OUT_OF_ORDER);
	scram_server_wipe(&s);
}
END_TEST

START_TEST(test_start_refusals)
{
	struct scram_server_config cfg = test_config(SCRAM_SHA1, NULL);
	struct scram_server s;
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, SPAN_LIT("n,,n=u,r=a b")), SASL_E_SCRAM_SYNTAX);
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, span_of(NULL, 0)), SASL_E_SCRAM_SYNTAX);
	/* Longer than SCRAM_CLIENT_FIRST_MAX: refused before parsing. */
	static char longest[SCRAM_CLIENT_FIRST_MAX + 2];
	memcpy(longest, "n,,n=u,r=", 9);
	memset(longest + 9, 'a', sizeof longest - 10);
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, span_of(longest, SCRAM_CLIENT_FIRST_MAX + 1)),
			 SASL_E_SCRAM_TOO_LONG);
	/* Exactly the maximum is fine, and the long nonce fits in server-first. */
	struct scram_keys keys = keys_for(SCRAM_SHA1, "pencil", "QSXCR+Q6sek8bf92", 4096);
	struct span out;
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, span_of(longest, SCRAM_CLIENT_FIRST_MAX)), SASL_OK);
	ck_assert_int_eq(scram_server_challenge(&s, &keys, &out), SASL_OK);
	ck_assert_uint_eq(out.len, 2 + (SCRAM_CLIENT_FIRST_MAX - 9) + 32 + strlen(",s=QSXCR+Q6sek8bf92,i=4096"));
	scram_server_wipe(&s);
}
END_TEST

START_TEST(test_names_decoded)
{
	struct scram_server_config cfg = test_config(SCRAM_SHA1, NULL);
	struct scram_server s;
	char got[64];
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, SPAN_LIT("n,a=x=2Cy,n=a=3Db,r=n")), SASL_OK);
	span_str(scram_server_username(&s), got, sizeof got);
	ck_assert_str_eq(got, "a=b");
	ck_assert(scram_server_has_authzid(&s));
	span_str(scram_server_authzid(&s), got, sizeof got);
	ck_assert_str_eq(got, "x,y");
	scram_server_wipe(&s);
}
END_TEST

START_TEST(test_init_refuses_bad_config)
{
	struct scram_server s;
	struct scram_server_config cfg = test_config(SCRAM_SHA1, NULL);
	cfg.hash = SCRAM_HASH_COUNT;
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_E_INTERNAL);
	ck_assert_int_eq(s.state, SCRAM_SERVER_FAILED);
	cfg = test_config(SCRAM_SHA1, "a,b"); /* ',' cannot be in a nonce */
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_E_INTERNAL);
	cfg = test_config(SCRAM_SHA1, "a b");
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_E_INTERNAL);
	cfg = test_config(SCRAM_SHA1, "a\x7f");
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_E_INTERNAL);
	cfg = test_config(SCRAM_SHA1, "0123456789012345678901234567890123456789012345678901234567890123X");
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_E_INTERNAL);
	cfg = test_config(SCRAM_SHA1, NULL);
	cfg.unknown_user_secret = NULL;
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_E_INTERNAL);
	cfg = test_config(SCRAM_SHA1, NULL);
	cfg.unknown_user_iterations = 0;
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_E_INTERNAL);
	cfg = test_config(SCRAM_SHA1, NULL);
	cfg.plus_selected = true; /* -PLUS chosen but never offered: the stream layer's bug */
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_E_INTERNAL);
	cfg = test_config(SCRAM_SHA1, NULL);
	static const uint8_t big[SCRAM_CB_DATA_MAX + 1];
	cfg.cb_data[SCRAM_CB_TLS_SERVER_END_POINT] = span_of(big, sizeof big);
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_E_INTERNAL);
}
END_TEST

START_TEST(test_challenge_refuses_bad_keys)
{
	struct scram_server_config cfg = test_config(SCRAM_SHA1, NULL);
	struct scram_server s;
	struct span out;
	struct scram_keys keys = keys_for(SCRAM_SHA1, "pencil", "QSXCR+Q6sek8bf92", 4096);
	keys.iterations = 0;
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, SPAN_LIT("n,,n=u,r=a")), SASL_OK);
	ck_assert_int_eq(scram_server_challenge(&s, &keys, &out), SASL_E_INTERNAL);
	keys.iterations = 1;
	keys.salt_len = 0;
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, SPAN_LIT("n,,n=u,r=a")), SASL_OK);
	ck_assert_int_eq(scram_server_challenge(&s, &keys, &out), SASL_E_INTERNAL);
	scram_server_wipe(&s);
}
END_TEST

START_TEST(test_wipe_zeroes_everything)
{
	struct scram_keys keys = keys_for(SCRAM_SHA1, "pencil", "QSXCR+Q6sek8bf92", 4096);
	struct scram_server_config cfg = test_config(SCRAM_SHA1, "3rfcNHYJY1ZVvWVs7j");
	struct scram_server s;
	struct span out;
	ck_assert_int_eq(scram_server_init(&s, &cfg), SASL_OK);
	ck_assert_int_eq(scram_server_start(&s, SPAN_LIT("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL")), SASL_OK);
	ck_assert_int_eq(scram_server_challenge(&s, &keys, &out), SASL_OK);
	scram_server_wipe(&s);
	static const struct scram_server zero;
	ck_assert_mem_eq(&s, &zero, sizeof s);
}
END_TEST

/* ---------- name tables ---------- */

/* Requirement: RFC6120-6.5-a, RFC6120-6.4.5-a */
START_TEST(test_error_tables_complete)
{
	static const char *const conditions[] = { /* RFC 6120 §6.5.1 .. §6.5.11 */
		"aborted", "account-disabled", "credentials-expired", "encryption-required",
		"incorrect-encoding", "invalid-authzid", "invalid-mechanism", "malformed-request",
		"mechanism-too-weak", "not-authorized", "temporary-auth-failure",
	};
	static const char *const scram_values[] = { /* RFC 5802 §7 server-error-value */
		"", "invalid-encoding", "extensions-not-supported", "invalid-proof",
		"channel-bindings-dont-match", "server-does-support-channel-binding",
		"channel-binding-not-supported", "unsupported-channel-binding-type",
		"unknown-user", "invalid-username-encoding", "no-resources", "other-error",
	};
	ck_assert_str_eq(sasl_error_name(SASL_OK), "SASL_OK");
	for (int e = 1; e < SASL_ERROR_COUNT; e++) {
		const char *name = sasl_error_name((enum sasl_error)e);
		ck_assert_msg(name != NULL && strncmp(name, "SASL_E_", 7) == 0, "error %d has no name", e);
		for (int f = 1; f < e; f++)
			ck_assert_str_ne(name, sasl_error_name((enum sasl_error)f));
		bool known = false;
		for (size_t c = 0; c < sizeof conditions / sizeof conditions[0]; c++)
			known = known || strcmp(sasl_error_condition((enum sasl_error)e), conditions[c]) == 0;
		ck_assert_msg(known, "%s: condition '%s'", name, sasl_error_condition((enum sasl_error)e));
		known = false;
		for (size_t c = 0; c < sizeof scram_values / sizeof scram_values[0]; c++)
			known = known || strcmp(sasl_error_scram_value((enum sasl_error)e), scram_values[c]) == 0;
		ck_assert_msg(known, "%s: server-error '%s'", name, sasl_error_scram_value((enum sasl_error)e));
		/* unknown-user would tell which accounts exist (RFC 5802 §9). */
		ck_assert_str_ne(sasl_error_scram_value((enum sasl_error)e), "unknown-user");
		ck_assert_msg(strncmp(sasl_error_text((enum sasl_error)e), "RFC ", 4) == 0,
			      "%s: text does not cite an RFC", name);
	}
	ck_assert_str_eq(sasl_error_name(SASL_ERROR_COUNT), "SASL_E_?");
	ck_assert_str_eq(sasl_error_condition(SASL_ERROR_COUNT), "temporary-auth-failure");
	ck_assert_str_eq(sasl_error_scram_value(SASL_ERROR_COUNT), "other-error");
	ck_assert_str_eq(sasl_error_text(SASL_ERROR_COUNT), "unknown SASL error");
}
END_TEST

START_TEST(test_scram_name_tables_complete)
{
	ck_assert_str_eq(scram_mechanism_name(SCRAM_SHA1, false), "SCRAM-SHA-1");
	ck_assert_str_eq(scram_mechanism_name(SCRAM_SHA1, true), "SCRAM-SHA-1-PLUS");
	ck_assert_str_eq(scram_mechanism_name(SCRAM_SHA256, false), "SCRAM-SHA-256");
	ck_assert_str_eq(scram_mechanism_name(SCRAM_SHA256, true), "SCRAM-SHA-256-PLUS");
	ck_assert_str_eq(scram_mechanism_name(SCRAM_HASH_COUNT, false), "");
	ck_assert_uint_eq(scram_hash_len(SCRAM_SHA1), 20);
	ck_assert_uint_eq(scram_hash_len(SCRAM_SHA256), 32);
	ck_assert_uint_eq(scram_hash_len(SCRAM_HASH_COUNT), 0);
	ck_assert_str_eq(scram_cb_type_name(SCRAM_CB_TLS_EXPORTER), "tls-exporter");
	ck_assert_str_eq(scram_cb_type_name(SCRAM_CB_TLS_SERVER_END_POINT), "tls-server-end-point");
	ck_assert_str_eq(scram_cb_type_name(SCRAM_CB_TYPE_COUNT), "");
	for (int st = 0; st < SCRAM_SERVER_STATE_COUNT; st++) {
		const char *name = scram_server_state_name((enum scram_server_state)st);
		ck_assert(name != NULL && name[0] != '\0' && strcmp(name, "?") != 0);
		for (int o = 0; o < st; o++)
			ck_assert_str_ne(name, scram_server_state_name((enum scram_server_state)o));
	}
	ck_assert_str_eq(scram_server_state_name(SCRAM_SERVER_STATE_COUNT), "?");
}
END_TEST

Suite *scram_suite(void)
{
	Suite *s = suite_create("scram");
	TCase *grammar = tcase_create("grammar");
	tcase_add_loop_test(grammar, test_parse_case, 0, PARSE_CASE_COUNT);
	tcase_add_loop_test(grammar, test_every_character_class_in_every_field, 0, SAMPLE_COUNT);
	tcase_add_test(grammar, test_extension_names);
	tcase_add_test(grammar, test_base64_classes);
	tcase_add_test(grammar, test_plain_field_lengths);
	tcase_add_test(grammar, test_saslname_unescape);
	tcase_add_loop_test(grammar, test_base64_decode, 0,
			    (int)(sizeof base64_cases / sizeof base64_cases[0]));
	tcase_add_test(grammar, test_base64_decode_output_too_small);
	suite_add_tcase(s, grammar);

	TCase *exchange_tc = tcase_create("exchange");
	tcase_set_timeout(exchange_tc, 60); /* PBKDF2 at 4096 iterations, many times, under ASan */
	tcase_add_loop_test(exchange_tc, test_rfc_vector, 0, (int)(sizeof vectors / sizeof vectors[0]));
	tcase_add_test(exchange_tc, test_random_nonce_exchange);
	tcase_add_test(exchange_tc, test_wrong_password);
	tcase_add_loop_test(exchange_tc, test_final_refusal, 0,
			    (int)(sizeof final_cases / sizeof final_cases[0]));
	tcase_add_test(exchange_tc, test_channel_binding_not_canonical);
	tcase_add_loop_test(exchange_tc, test_channel_binding, 0,
			    (int)(sizeof cb_cases / sizeof cb_cases[0]));
	tcase_add_test(exchange_tc, test_unknown_user);
	tcase_add_test(exchange_tc, test_unknown_user_keys);
	tcase_add_test(exchange_tc, test_plain_verify);
	tcase_add_test(exchange_tc, test_keys_create_salts_differ);
	tcase_add_test(exchange_tc, test_derive_keys_refuses_bad_parameters);
	tcase_add_test(exchange_tc, test_out_of_order);
	tcase_add_test(exchange_tc, test_start_refusals);
	tcase_add_test(exchange_tc, test_names_decoded);
	tcase_add_test(exchange_tc, test_init_refuses_bad_config);
	tcase_add_test(exchange_tc, test_challenge_refuses_bad_keys);
	tcase_add_test(exchange_tc, test_wipe_zeroes_everything);
	tcase_add_test(exchange_tc, test_error_tables_complete);
	tcase_add_test(exchange_tc, test_scram_name_tables_complete);
	suite_add_tcase(s, exchange_tc);
	return s;
}
