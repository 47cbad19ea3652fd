/* precis.c - PRECIS derived property, contextual rules, Bidi Rule and the
 * UsernameCaseMapped and OpaqueString profiles over libunistring. Ownership:
 * see precis.h. Strings are handled as UTF-32 arrays: every rule here is stated
 * per code point, with Before(cp) and After(cp) its neighbours. */
#include "precis.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* ---------- names ---------- */

static const char *const property_names[PRECIS_PROPERTY_COUNT] = {
	[PRECIS_PVALID] = "PVALID",
	[PRECIS_ID_DIS] = "ID_DIS",
	[PRECIS_CONTEXTJ] = "CONTEXTJ",
	[PRECIS_CONTEXTO] = "CONTEXTO",
	[PRECIS_DISALLOWED] = "DISALLOWED",
	[PRECIS_UNASSIGNED] = "UNASSIGNED",
};

static const char *const status_names[PRECIS_STATUS_COUNT] = {
	[PRECIS_OK] = "PRECIS_OK",
	[PRECIS_E_EMPTY] = "PRECIS_E_EMPTY",
	[PRECIS_E_UTF8] = "PRECIS_E_UTF8",
	[PRECIS_E_DISALLOWED] = "PRECIS_E_DISALLOWED",
	[PRECIS_E_TOO_LONG] = "PRECIS_E_TOO_LONG",
	[PRECIS_E_NOMEM] = "PRECIS_E_NOMEM",
};

const char *precis_property_name(enum precis_property p)
{
	return (unsigned)p < PRECIS_PROPERTY_COUNT ? property_names[p] : "?";
}

const char *precis_status_name(enum precis_status s)
{
	return (unsigned)s < PRECIS_STATUS_COUNT ? status_names[s] : "PRECIS_E_?";
}

/* ---------- the derived property (RFC 8264 §8, §9) ---------- */

/* RFC 5892 §2.6, included by RFC 8264 §9.6: the one hand-written list. */
static bool exception(uint32_t cp, enum precis_property *out)
{
	switch (cp) {
	case 0x00DF: /* LATIN SMALL LETTER SHARP S */
	case 0x03C2: /* GREEK SMALL LETTER FINAL SIGMA */
	case 0x06FD: /* ARABIC SIGN SINDHI AMPERSAND */
	case 0x06FE: /* ARABIC SIGN SINDHI POSTPOSITION MEN */
	case 0x0F0B: /* TIBETAN MARK INTERSYLLABIC TSHEG */
	case 0x3007: /* IDEOGRAPHIC NUMBER ZERO */
		*out = PRECIS_PVALID;
		return true;
	case 0x00B7: /* MIDDLE DOT */
	case 0x0375: /* GREEK LOWER NUMERAL SIGN (KERAIA) */
	case 0x05F3: /* HEBREW PUNCTUATION GERESH */
	case 0x05F4: /* HEBREW PUNCTUATION GERSHAYIM */
	case 0x30FB: /* KATAKANA MIDDLE DOT */
		*out = PRECIS_CONTEXTO;
		return true;
	case 0x0640: /* ARABIC TATWEEL */
	case 0x07FA: /* NKO LAJANYALAN */
	case 0x302E: /* HANGUL SINGLE DOT TONE MARK */
	case 0x302F: /* HANGUL DOUBLE DOT TONE MARK */
	case 0x3031: /* VERTICAL KANA REPEAT MARK .. */
	case 0x3032:
	case 0x3033:
	case 0x3034:
	case 0x3035: /* .. VERTICAL KANA REPEAT MARK LOWER HALF */
	case 0x303B: /* VERTICAL IDEOGRAPHIC ITERATION MARK */
		*out = PRECIS_DISALLOWED;
		return true;
	default:
		break;
	}
	if ((cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9)) {
		*out = PRECIS_CONTEXTO; /* ARABIC-INDIC and EXTENDED ARABIC-INDIC DIGITs */
		return true;
	}
	return false;
}

static uint32_t category(uint32_t cp)
{
	return uc_general_category(cp).bitmask;
}

/* §9.9: Hangul_Syllable_Type L, V or T. Those are exactly the assigned code
 * points of the three conjoining-jamo blocks (the halfwidth and compatibility
 * jamo are type NA), so the block names of the UCD say it; Unassigned comes
 * earlier in §8, so only assigned ones reach this test. */
static bool old_hangul_jamo(uint32_t cp)
{
	const uc_block_t *b = uc_block(cp);
	return b != NULL && (strcmp(b->name, "Hangul Jamo") == 0 ||
			     strcmp(b->name, "Hangul Jamo Extended-A") == 0 ||
			     strcmp(b->name, "Hangul Jamo Extended-B") == 0);
}

/* §9.17: toNFKC(cp) != cp. One code point decomposes into at most
 * UC_DECOMPOSITION_MAX_LENGTH, so the result fits the buffer and nothing is
 * allocated; should libunistring fail anyway, the code point counts as having
 * a compatibility mapping (refused in identifiers: the safe side). */
static bool has_compat(uint32_t cp)
{
	uint32_t buf[UC_DECOMPOSITION_MAX_LENGTH];
	size_t len = UC_DECOMPOSITION_MAX_LENGTH;
	uint32_t *r = u32_normalize(UNINORM_NFKC, &cp, 1, buf, &len);
	if (r == NULL)
		return true;
	bool same = len == 1 && r[0] == cp;
	if (r != buf)
		free(r);
	return !same;
}

enum precis_property precis_derived_property(uint32_t cp)
{
	enum precis_property p;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return PRECIS_DISALLOWED; /* not scalar values: never in well-formed UTF-8 */
	if (exception(cp, &p))
		return p;
	/* BackwardCompatible (§9.7) is empty. */
	uint32_t gc = category(cp);
	if (gc == UC_CATEGORY_MASK_Cn && !uc_is_property_not_a_character(cp))
		return PRECIS_UNASSIGNED; /* §9.10 */
	if (cp >= 0x21 && cp <= 0x7E)
		return PRECIS_PVALID; /* §9.11 ASCII7 */
	if (uc_is_property_join_control(cp))
		return PRECIS_CONTEXTJ; /* §9.8 */
	if (old_hangul_jamo(cp))
		return PRECIS_DISALLOWED; /* §9.9 */
	if (uc_is_property_default_ignorable_code_point(cp) || uc_is_property_not_a_character(cp))
		return PRECIS_DISALLOWED; /* §9.13 PrecisIgnorableProperties */
	if (gc == UC_CATEGORY_MASK_Cc)
		return PRECIS_DISALLOWED; /* §9.12 Controls */
	if (has_compat(cp))
		return PRECIS_ID_DIS; /* §9.17 */
	if (gc & (UC_CATEGORY_MASK_Ll | UC_CATEGORY_MASK_Lu | UC_CATEGORY_MASK_Lo | UC_CATEGORY_MASK_Nd |
		  UC_CATEGORY_MASK_Lm | UC_CATEGORY_MASK_Mn | UC_CATEGORY_MASK_Mc))
		return PRECIS_PVALID; /* §9.1 LetterDigits */
	if (gc & (UC_CATEGORY_MASK_Lt | UC_CATEGORY_MASK_Nl | UC_CATEGORY_MASK_No | UC_CATEGORY_MASK_Me))
		return PRECIS_ID_DIS; /* §9.18 OtherLetterDigits */
	if (gc & (UC_CATEGORY_MASK_Zs | UC_CATEGORY_MASK_S | UC_CATEGORY_MASK_P))
		return PRECIS_ID_DIS; /* §9.14 Spaces, §9.15 Symbols, §9.16 Punctuation */
	return PRECIS_DISALLOWED;
}

/* ---------- contextual rules (RFC 5892 Appendix A) ---------- */

static bool script_is(uint32_t cp, const char *name)
{
	const uc_script_t *s = uc_script(cp);
	return s != NULL && strcmp(s->name, name) == 0;
}

static bool joining_type_is(uint32_t cp, int a, int b)
{
	int jt = uc_joining_type(cp);
	return jt == a || jt == b;
}

/* A.1: (Joining_Type:{L,D})(Joining_Type:T)* ZWNJ (Joining_Type:T)*(Joining_Type:{R,D}) */
static bool zwnj_between_joiners(const uint32_t *s, size_t n, size_t i)
{
	size_t before = i;
	while (before > 0 && uc_joining_type(s[before - 1]) == UC_JOINING_TYPE_T)
		before--;
	if (before == 0 || !joining_type_is(s[before - 1], UC_JOINING_TYPE_L, UC_JOINING_TYPE_D))
		return false;
	size_t after = i + 1;
	while (after < n && uc_joining_type(s[after]) == UC_JOINING_TYPE_T)
		after++;
	return after < n && joining_type_is(s[after], UC_JOINING_TYPE_R, UC_JOINING_TYPE_D);
}

static bool any_in(const uint32_t *s, size_t n, uint32_t low, uint32_t high)
{
	for (size_t j = 0; j < n; j++)
		if (s[j] >= low && s[j] <= high)
			return true;
	return false;
}

bool precis_context_rule(const uint32_t *s, size_t n, size_t i)
{
	uint32_t cp = s[i];
	bool after_virama = i > 0 && uc_combining_class(s[i - 1]) == UC_CCC_VR;
	switch (cp) {
	case 0x200C: /* A.1 ZERO WIDTH NON-JOINER */
		return after_virama || zwnj_between_joiners(s, n, i);
	case 0x200D: /* A.2 ZERO WIDTH JOINER */
		return after_virama;
	case 0x00B7: /* A.3 MIDDLE DOT: between two 'l' (Catalan "l·l") */
		return i > 0 && i + 1 < n && s[i - 1] == 0x006C && s[i + 1] == 0x006C;
	case 0x0375: /* A.4 GREEK LOWER NUMERAL SIGN: before a Greek character */
		return i + 1 < n && script_is(s[i + 1], "Greek");
	case 0x05F3: /* A.5 HEBREW PUNCTUATION GERESH */
	case 0x05F4: /* A.6 HEBREW PUNCTUATION GERSHAYIM: after a Hebrew character */
		return i > 0 && script_is(s[i - 1], "Hebrew");
	case 0x30FB: /* A.7 KATAKANA MIDDLE DOT: with Hiragana, Katakana or Han somewhere */
		for (size_t j = 0; j < n; j++)
			if (script_is(s[j], "Hiragana") || script_is(s[j], "Katakana") || script_is(s[j], "Han"))
				return true;
		return false;
	default:
		break;
	}
	if (cp >= 0x0660 && cp <= 0x0669) /* A.8: no EXTENDED ARABIC-INDIC DIGIT alongside */
		return !any_in(s, n, 0x06F0, 0x06F9);
	if (cp >= 0x06F0 && cp <= 0x06F9) /* A.9: no ARABIC-INDIC DIGIT alongside */
		return !any_in(s, n, 0x0660, 0x0669);
	return false;
}

/* ---------- the Bidi Rule (RFC 5893 §2) ---------- */

static bool bidi_in(int c, unsigned set)
{
	return c >= 0 && c < 32 && (set >> c & 1u) != 0;
}

#define BIDI(c) (1u << (c))

bool precis_has_rtl(const uint32_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (bidi_in(uc_bidi_class(s[i]), BIDI(UC_BIDI_R) | BIDI(UC_BIDI_AL) | BIDI(UC_BIDI_AN)))
			return true;
	return false;
}

bool precis_bidi_rule(const uint32_t *s, size_t n)
{
	if (n == 0)
		return false;
	int first = uc_bidi_class(s[0]);
	/* 1. The first character is L (an LTR label), or R or AL (an RTL label). */
	if (!bidi_in(first, BIDI(UC_BIDI_L) | BIDI(UC_BIDI_R) | BIDI(UC_BIDI_AL)))
		return false;
	bool rtl = first != UC_BIDI_L;
	/* 2. (RTL) and 5. (LTR): the classes allowed anywhere. */
	unsigned allowed = BIDI(UC_BIDI_EN) | BIDI(UC_BIDI_ES) | BIDI(UC_BIDI_CS) | BIDI(UC_BIDI_ET) |
			   BIDI(UC_BIDI_ON) | BIDI(UC_BIDI_BN) | BIDI(UC_BIDI_NSM);
	allowed |= rtl ? BIDI(UC_BIDI_R) | BIDI(UC_BIDI_AL) | BIDI(UC_BIDI_AN) : BIDI(UC_BIDI_L);
	bool en = false, an = false;
	for (size_t i = 0; i < n; i++) {
		int c = uc_bidi_class(s[i]);
		if (!bidi_in(c, allowed))
			return false;
		en = en || c == UC_BIDI_EN;
		an = an || c == UC_BIDI_AN;
	}
	/* 4. (RTL) EN and AN do not mix. */
	if (rtl && en && an)
		return false;
	/* 3. (RTL) and 6. (LTR): the last character other than NSM (s[0] is not
	 * one, so the search stops there at the latest). */
	size_t end = n - 1;
	while (uc_bidi_class(s[end]) == UC_BIDI_NSM)
		end--;
	unsigned last = rtl ? BIDI(UC_BIDI_R) | BIDI(UC_BIDI_AL) | BIDI(UC_BIDI_EN) | BIDI(UC_BIDI_AN)
			    : BIDI(UC_BIDI_L) | BIDI(UC_BIDI_EN);
	return bidi_in(uc_bidi_class(s[end]), last);
}

/* ---------- mappings ---------- */

enum mapping {
	MAP_WIDTH = 1,      /* fullwidth/halfwidth to their <wide>/<narrow> decomposition */
	MAP_SPACES = 2,     /* non-ASCII spaces (Zs) to U+0020 */
	MAP_LOWER = 4,      /* toLowerCase, without language-specific rules */
};

/* The decomposition a width mapping uses, or 0 when the code point has none. */
static int width_decomposition(uint32_t cp, uint32_t d[UC_DECOMPOSITION_MAX_LENGTH])
{
	int tag;
	int len = uc_decomposition(cp, &tag, d);
	return len > 0 && (tag == UC_DECOMP_WIDE || tag == UC_DECOMP_NARROW) ? len : 0;
}

/* Width and space mappings (per code point), then toLowerCase, then NFC:
 * s[0..n) to a new malloc'd string, or NULL when allocation fails. */
static uint32_t *map(const uint32_t *s, size_t n, unsigned how, size_t *out_n)
{
	uint32_t d[UC_DECOMPOSITION_MAX_LENGTH];
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		int w = (how & MAP_WIDTH) ? width_decomposition(s[i], d) : 0;
		m += w > 0 ? (size_t)w : 1;
	}
	uint32_t *buf = malloc((m > 0 ? m : 1) * sizeof *buf);
	if (buf == NULL)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int w = (how & MAP_WIDTH) ? width_decomposition(s[i], d) : 0;
		if (w > 0) {
			memcpy(buf + k, d, (size_t)w * sizeof *d);
			k += (size_t)w;
		} else if ((how & MAP_SPACES) && s[i] != 0x20 && category(s[i]) == UC_CATEGORY_MASK_Zs) {
			buf[k++] = 0x20;
		} else {
			buf[k++] = s[i];
		}
	}
	if (how & MAP_LOWER) {
		size_t lower_n = 0;
		uint32_t *lower = u32_tolower(buf, m, NULL, NULL, NULL, &lower_n);
		free(buf);
		if (lower == NULL)
			return NULL;
		buf = lower;
		m = lower_n;
	}
	uint32_t *nfc = u32_normalize(UNINORM_NFC, buf, m, NULL, out_n);
	free(buf);
	return nfc;
}

/* ---------- profiles ---------- */

static const unsigned profile_mappings[PRECIS_PROFILE_COUNT] = {
	/* RFC 8265 §3.3.2: width mapping, no additional mapping, toLowerCase, NFC */
	[PRECIS_USERNAME_CASE_MAPPED] = MAP_WIDTH | MAP_LOWER,
	/* RFC 8265 §4.2.2: no width mapping, non-ASCII spaces to U+0020, no case mapping, NFC */
	[PRECIS_OPAQUE_STRING] = MAP_SPACES,
};

/* The behavioral rules (RFC 8264 §7 step 6) with the caller's exclusions, and,
 * for UsernameCaseMapped, the directionality rule (RFC 8265 §3.3.2 step 5). */
static bool valid_in_profile(enum precis_profile profile, const char *excluded, const uint32_t *s,
			     size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (excluded != NULL && s[i] != 0 && s[i] < 0x80 && strchr(excluded, (int)s[i]) != NULL)
			return false;
		switch (precis_derived_property(s[i])) {
		case PRECIS_PVALID:
			break;
		case PRECIS_ID_DIS:
			if (profile == PRECIS_USERNAME_CASE_MAPPED)
				return false; /* IdentifierClass */
			break;            /* FreeformClass: FREE_PVAL */
		case PRECIS_CONTEXTJ:
		case PRECIS_CONTEXTO:
			if (!precis_context_rule(s, n, i))
				return false;
			break;
		default:
			return false;
		}
	}
	return profile != PRECIS_USERNAME_CASE_MAPPED || !precis_has_rtl(s, n) || precis_bidi_rule(s, n);
}

enum precis_status precis_enforce(enum precis_profile profile, const char *excluded, struct span in,
				  uint8_t *out, size_t out_max, size_t *out_len)
{
	*out_len = 0;
	if ((unsigned)profile >= PRECIS_PROFILE_COUNT)
		return PRECIS_E_DISALLOWED;
	if (in.len == 0)
		return PRECIS_E_EMPTY;
	if (u8_check(in.ptr, in.len) != NULL)
		return PRECIS_E_UTF8;
	size_t n = 0;
	uint32_t *cur = u8_to_u32(in.ptr, in.len, NULL, &n);
	if (cur == NULL)
		return PRECIS_E_NOMEM;
	/* RFC 8264 §7: apply again until stable; refuse what still changes after
	 * three more applications. */
	bool stable = false;
	for (int round = 0; round < 4 && !stable; round++) {
		size_t next_n = 0;
		uint32_t *next = map(cur, n, profile_mappings[profile], &next_n);
		if (next == NULL) {
			free(cur);
			return PRECIS_E_NOMEM;
		}
		if (!valid_in_profile(profile, excluded, next, next_n)) {
			free(next);
			free(cur);
			return next_n == 0 ? PRECIS_E_EMPTY : PRECIS_E_DISALLOWED;
		}
		/* f(x) == x: x is the fixed point (an input already prepared stops here). */
		stable = next_n == n && memcmp(next, cur, n * sizeof *cur) == 0;
		free(cur);
		cur = next;
		n = next_n;
	}
	if (!stable) {
		free(cur);
		return PRECIS_E_DISALLOWED;
	}
	size_t len = 0;
	uint8_t *utf8 = u32_to_u8(cur, n, NULL, &len);
	free(cur);
	if (utf8 == NULL)
		return PRECIS_E_NOMEM;
	enum precis_status status = PRECIS_OK;
	if (len > out_max) {
		status = PRECIS_E_TOO_LONG;
	} else {
		memcpy(out, utf8, len);
		*out_len = len;
	}
	free(utf8);
	return status;
}

enum precis_status precis_map_domain(struct span in, uint8_t **out, size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	if (in.len == 0)
		return PRECIS_E_EMPTY;
	size_t n = 0;
	uint32_t *s = u8_to_u32(in.ptr, in.len, NULL, &n);
	if (s == NULL)
		return PRECIS_E_NOMEM;
	size_t mapped_n = 0;
	uint32_t *mapped = map(s, n, MAP_WIDTH | MAP_LOWER, &mapped_n);
	free(s);
	if (mapped == NULL)
		return PRECIS_E_NOMEM;
	*out = u32_to_u8(mapped, mapped_n, NULL, out_len);
	free(mapped);
	return *out == NULL ? PRECIS_E_NOMEM : PRECIS_OK;
}
