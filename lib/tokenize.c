#include "tokenize.h"
#include "tokenize_internal.h"
#include "wordlist.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "apostrophe.h"
#include "fold.h"
#include "utf8.h"

struct pc_tokenizer {
    UBreakIterator *bi;
    UText ut;
    const UNormalizer2 *nfkc_cf, *nfd, *nfc;
    UTransliterator *simplifier;   /* Traditional-Simplified, opened on the first Han text */
    USet *traditional;        /* the characters it changes (changed_set()) */
    UChar *a, *b, *c;         /* scratch for normalizing one word, grown, never shrunk */
    int32_t cap_a, cap_b, cap_c;
    UChar *han;               /* a Han piece in Simplified characters (simplify()) */
    int32_t *han_at;          /* its code units' byte offsets in the piece */
    int32_t cap_han, cap_han_at;
    char word[PC_MAX_WORD + 1];
    char spelled[PC_MAX_WORD + 1];    /* the word's other spelling (lib/fold.h) */
    char simple[PC_MAX_WORD + 1];     /* the word in Simplified Chinese characters */
    char inner[2][PC_MAX_WORD + 1];   /* the word inside each spelling (lib/apostrophe.h) */
    bool force_icu;
    bool suffixes;            /* pc_tokenizer_set_suffixes() */
    bool simplifies;          /* pc_tokenizer_set_simplify() */
    char err[256];
};

/* What a byte means to the ASCII fast path.  The joining rules below were
 * read off ICU 72 (UAX #29 word rules, ICU's root word.txt), byte by byte:
 *   - '.' and '\'' join two letters or two digits (MidNumLet, Single_Quote);
 *   - ',' and ';' join two digits only (MidNum);
 *   - ':' joins nothing (ICU takes it out of MidLetter);
 *   - letters and digits next to each other join;
 *   - a word ending in a digit is a number, one ending in a letter is not;
 *   - '_' and '@' behave as ExtendNumLet, whose rule statuses are not worth
 *     copying for two characters that news text hardly uses: ICU does them;
 *   - everything else breaks on both sides and is never part of a word. */
enum {
    K_HARD = 0, /* a break on both sides, in any ASCII context */
    K_LETTER,
    K_DIGIT,
    K_MIDNUMLET, /* . ' */
    K_MIDNUM,    /* , ; */
    K_ICU        /* _ @ and every non-ASCII byte */
};

#define H K_HARD
#define L K_LETTER
#define D K_DIGIT
#define M K_MIDNUMLET
#define N K_MIDNUM
#define I K_ICU
static const unsigned char kind[256] = {
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,  /* 00 */
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,  /* 10 */
    H, H, H, H, H, H, H, M, H, H, H, H, N, H, M, H,  /* 20 */
    D, D, D, D, D, D, D, D, D, D, H, N, H, H, H, H,  /* 30 */
    I, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,  /* 40 */
    L, L, L, L, L, L, L, L, L, L, L, H, H, H, H, I,  /* 50 */
    H, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,  /* 60 */
    L, L, L, L, L, L, L, L, L, L, L, H, H, H, H, H,  /* 70 */
    /* 0x80 and up: bytes of non-ASCII characters */
    I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I,
    I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I,
    I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I,
    I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I,
};
#undef H
#undef L
#undef D
#undef M
#undef N
#undef I

static presscut_status_t fail(pc_tokenizer_t *tk, presscut_status_t st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tk->err, sizeof tk->err, fmt, ap);
    va_end(ap);
    return st;
}

presscut_status_t pc_tokenizer_new(pc_tokenizer_t **out, char **msg)
{
    *out = NULL;
    if (msg)
        *msg = NULL;
    pc_tokenizer_t *tk = calloc(1, sizeof *tk);
    if (!tk)
        return PRESSCUT_NOMEM;
    tk->ut = (UText)UTEXT_INITIALIZER;
    tk->suffixes = true;
    tk->simplifies = true;
    *out = tk;
    return PRESSCUT_OK;
}

/* ICU is opened on the first text that needs it: loading its break rules
 * and normalization data takes longer than a whole ASCII query. */
static presscut_status_t open_icu(pc_tokenizer_t *tk)
{
    if (tk->bi)
        return PRESSCUT_OK;
    UErrorCode e = U_ZERO_ERROR;
    const char *what = "unorm2_getNFKCCasefoldInstance";
    tk->nfkc_cf = unorm2_getNFKCCasefoldInstance(&e);
    if (U_SUCCESS(e)) {
        what = "unorm2_getNFDInstance";
        tk->nfd = unorm2_getNFDInstance(&e);
    }
    if (U_SUCCESS(e)) {
        what = "unorm2_getNFCInstance";
        tk->nfc = unorm2_getNFCInstance(&e);
    }
    if (U_SUCCESS(e)) {
        what = "ubrk_open";
        tk->bi = ubrk_open(UBRK_WORD, "", NULL, 0, &e);
    }
    if (U_FAILURE(e)) {
        ubrk_close(tk->bi);
        tk->bi = NULL;
        return fail(tk, e == U_MEMORY_ALLOCATION_ERROR ? PRESSCUT_NOMEM : PRESSCUT_INTERNAL,
                    "tokenizer: %s: %s", what, u_errorName(e));
    }
    return PRESSCUT_OK;
}

void pc_tokenizer_destroy(pc_tokenizer_t *tk)
{
    if (!tk)
        return;
    ubrk_close(tk->bi);
    utext_close(&tk->ut);
    if (tk->simplifier)
        utrans_close(tk->simplifier);
    if (tk->traditional)
        uset_close(tk->traditional);
    free(tk->han);
    free(tk->han_at);
    free(tk->a);
    free(tk->b);
    free(tk->c);
    free(tk);
}

const char *pc_tokenizer_error(const pc_tokenizer_t *tk)
{
    return tk->err;
}

void pc_tokenizer_set_suffixes(pc_tokenizer_t *tk, bool on)
{
    tk->suffixes = on;
}

bool pc_tokenize_suffixes_for(const char *stemmer)
{
    return strcmp(stemmer, "turkish") == 0;
}

void pc_tokenizer_set_simplify(pc_tokenizer_t *tk, bool on)
{
    tk->simplifies = on;
}

bool pc_tokenize_simplifies_for(const char *code)
{
    return strcmp(code, "ja") != 0;
}

void pc_tokenizer_force_icu(pc_tokenizer_t *tk, bool on)
{
    tk->force_icu = on;
}

/* ---- emitting ---------------------------------------------------------- */

typedef struct run {
    pc_tokenizer_t *tk;
    const char *text;
    pc_token_fn fn;
    void *ctx;
    unsigned pos;
    bool stopped;
} run_t;

static void add_also(pc_token_t *t, const char *w, size_t len)
{
    if (len == t->len && memcmp(w, t->word, len) == 0)
        return;
    for (unsigned i = 0; i < t->n_also; i++)
        if (t->also_len[i] == len && memcmp(t->also[i], w, len) == 0)
            return;
    t->also[t->n_also] = w;
    t->also_len[t->n_also++] = len;
}

/* The word inside form[0..len) (lib/apostrophe.h), if any, copied to out
 * and added to t.  The source is read as far as the word was normalized. */
static void add_inner(run_t *r, pc_token_t *t, const char *form, size_t len, char *out)
{
    size_t src_len = t->end - t->start, from, to;
    if (src_len > PC_MAX_WORD_SOURCE)
        src_len = PC_MAX_WORD_SOURCE;
    if (!pc_apostrophe_word(form, len, r->text + t->start, src_len, r->tk->suffixes, &from,
                            &to))
        return;
    memcpy(out, form + from, to - from);
    out[to - from] = '\0';
    add_also(t, out, to - from);
}

/* Emits tk->word[0..len), with tk->spelled[0..spelled_len) as its other
 * spelling and tk->simple[0..simple_len) as its Simplified Chinese one,
 * each unless its length is 0. */
static void emit(run_t *r, size_t len, size_t spelled_len, size_t simple_len, size_t start,
                 size_t end, bool numeric)
{
    pc_tokenizer_t *tk = r->tk;
    pc_token_t t = {
        .word = tk->word, .len = len, .start = start, .end = end,
        .pos = r->pos++, .numeric = numeric,
    };
    if (spelled_len)
        add_also(&t, tk->spelled, spelled_len);
    if (simple_len)
        add_also(&t, tk->simple, simple_len);
    if (!numeric && memchr(tk->word, '\'', len)) {
        add_inner(r, &t, tk->word, len, tk->inner[0]);
        if (spelled_len)
            add_inner(r, &t, tk->spelled, spelled_len, tk->inner[1]);
    }
    if (r->fn(r->ctx, &t) != 0)
        r->stopped = true;
}

/* NFKC_Casefold of ASCII is lowercasing, so ASCII words skip ICU here
 * whichever path found them. */
static void emit_ascii(run_t *r, size_t start, size_t end, bool numeric)
{
    size_t n = end - start < PC_MAX_WORD ? end - start : PC_MAX_WORD;
    const char *s = r->text + start;
    char *w = r->tk->word;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        w[i] = c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
    }
    w[n] = '\0';
    emit(r, n, 0, 0, start, end, numeric);
}

/* ---- the ASCII fast path ------------------------------------------------- */

static void fast_piece(run_t *r, size_t from, size_t to)
{
    const unsigned char *p = (const unsigned char *)r->text;
    size_t i = from;
    while (i < to && !r->stopped) {
        unsigned k = kind[p[i]];
        if (k != K_LETTER && k != K_DIGIT) {
            i++;
            continue;
        }
        size_t start = i;
        unsigned last = k;
        for (;;) {
            while (i < to && ((k = kind[p[i]]) == K_LETTER || k == K_DIGIT)) {
                last = k;
                i++;
            }
            if (i + 1 >= to)
                break;
            unsigned next = kind[p[i + 1]];
            if ((k == K_MIDNUMLET && next == last) ||
                (k == K_MIDNUM && last == K_DIGIT && next == K_DIGIT)) {
                i++;
                continue;
            }
            break;
        }
        emit_ascii(r, start, i, last == K_DIGIT);
    }
}

/* ---- ICU ------------------------------------------------------------------ */

static presscut_status_t grow(UChar **buf, int32_t *cap, int32_t need)
{
    if (need <= *cap)
        return PRESSCUT_OK;
    int32_t n = *cap ? *cap : 64;
    while (n < need)
        n = n > INT32_MAX / 2 ? need : 2 * n;
    UChar *v = realloc(*buf, (size_t)n * sizeof *v);
    if (!v)
        return PRESSCUT_NOMEM;
    *buf = v;
    *cap = n;
    return PRESSCUT_OK;
}

/* Normalizes src[0..len) into *dst (of *cap, grown to fit); returns the
 * length or -1. */
static int32_t normalize(pc_tokenizer_t *tk, const UNormalizer2 *n, const UChar *src,
                         int32_t len, UChar **dst, int32_t *cap, presscut_status_t *st)
{
    for (;;) {
        UErrorCode e = U_ZERO_ERROR;
        int32_t got = unorm2_normalize(n, src, len, *dst, *cap, &e);
        if (e == U_BUFFER_OVERFLOW_ERROR) {
            if ((*st = grow(dst, cap, got + 1)) != PRESSCUT_OK)
                return -1;
            continue;
        }
        if (U_FAILURE(e)) {
            *st = fail(tk, PRESSCUT_INTERNAL, "tokenizer: unorm2_normalize: %s", u_errorName(e));
            return -1;
        }
        return got;
    }
}

/* Where to end the first len code units of a cut word: before its last
 * character that NFKC_Casefold does not join to what precedes it, so the
 * part normalizes as it would in the whole word; len if there is none (a
 * letter with thousands of marks). */
static int32_t normalization_boundary(const pc_tokenizer_t *tk, int32_t len)
{
    for (int32_t i = len; i > 0;) {
        UChar32 c;
        U16_PREV(tk->a, 0, i, c);
        if (i > 0 && unorm2_hasBoundaryBefore(tk->nfkc_cf, c))
            return i;
    }
    return len;
}

/* Appends UTF-8 s (a fold's letters, lib/fold.h) to UTF-16 to. */
static void append_letters(UChar *to, int32_t *n, const char *s)
{
    for (int32_t i = 0; s[i];) {
        UChar32 c;
        U8_NEXT(s, i, -1, c);
        U16_APPEND_UNSAFE(to, *n, c);
    }
}

/* Folds the NFD word tk->a[0..len) (lib/fold.h): the word into tk->b,
 * its other spelling into tk->c, and *differs whether they differ. */
static presscut_status_t fold(pc_tokenizer_t *tk, int32_t len, int32_t *plain_len,
                              int32_t *spelled_len, bool *differs)
{
    /* a letter gives at most two code units, a mark at most one ("ae" for ä) */
    presscut_status_t st = grow(&tk->b, &tk->cap_b, 2 * len + 1);
    if (st == PRESSCUT_OK)
        st = grow(&tk->c, &tk->cap_c, 2 * len + 1);
    if (st != PRESSCUT_OK)
        return st;
    int32_t p = 0, s = 0;
    UChar32 base = 0;
    *differs = false;
    for (int32_t i = 0; i < len;) {
        UChar32 c;
        int32_t at = i;
        U16_NEXT(tk->a, i, len, c);
        const char *plain, *spelled;
        if (u_charType(c) == U_NON_SPACING_MARK) {
            if (pc_fold_drops_mark(base, c)) {
                if ((spelled = pc_fold_mark_spelled(base, c))) {
                    append_letters(tk->c, &s, spelled);
                    *differs = true;
                }
                continue;
            }
        } else {
            base = c;
            if (c >= 0xC0 && pc_fold_letter(c, &plain, &spelled)) {
                append_letters(tk->b, &p, plain);
                append_letters(tk->c, &s, spelled);
                *differs |= plain != spelled;
                continue;
            }
        }
        for (; at < i; at++)
            tk->b[p++] = tk->c[s++] = tk->a[at];
    }
    *plain_len = p;
    *spelled_len = s;
    return PRESSCUT_OK;
}

/* u[0..len) in UTF-8 into out, cut at PC_MAX_WORD on a character
 * boundary; returns the bytes written. */
static size_t to_utf8(const UChar *u, int32_t len, char *out)
{
    /* U8_APPEND checks room only for multi-byte characters: an ASCII one
     * is written whatever the capacity, so room is checked here first. */
    int32_t n = 0;
    uint8_t *w = (uint8_t *)out;
    for (int32_t i = 0; i < len;) {
        UChar32 c;
        U16_NEXT(u, i, len, c);
        if (n + U8_LENGTH(c) > PC_MAX_WORD)
            break;
        UBool bad = false;
        U8_APPEND(w, n, PC_MAX_WORD, c, bad);
        if (bad)   /* a lone surrogate, which valid UTF-8 input cannot give */
            break;
    }
    out[n] = '\0';
    return (size_t)n;
}

/* The first PC_MAX_WORD_SOURCE bytes (at most) of src[0..nbytes) into
 * tk->a, cut where normalization allows, apostrophes made U+0027; returns
 * its length in code units, or -1 (*st set). */
/* Every apostrophe as ', the one a word is indexed with. */
static void straighten_apostrophes(UChar *s, int32_t len)
{
    for (int32_t i = 0; i < len; i++)
        if (pc_is_apostrophe(s[i]))
            s[i] = 0x27;
}

static int32_t load(pc_tokenizer_t *tk, const char *src, size_t nbytes, presscut_status_t *st)
{
    bool cut = nbytes > PC_MAX_WORD_SOURCE;
    if (cut) {
        nbytes = PC_MAX_WORD_SOURCE;
        while ((src[nbytes] & 0xC0) == 0x80)
            nbytes--;
    }
    if ((*st = grow(&tk->a, &tk->cap_a, (int32_t)nbytes + 1)) != PRESSCUT_OK)
        return -1;
    UErrorCode e = U_ZERO_ERROR;
    int32_t len;
    u_strFromUTF8(tk->a, tk->cap_a, &len, src, (int32_t)nbytes, &e);
    if (U_FAILURE(e)) {
        *st = fail(tk, PRESSCUT_INTERNAL, "tokenizer: u_strFromUTF8: %s", u_errorName(e));
        return -1;
    }
    if (cut)
        len = normalization_boundary(tk, len);
    straighten_apostrophes(tk->a, len);
    return len;
}

/* NFKC + case folding, then marks and letters folded (NFD, lib/fold.h,
 * NFC), then back to UTF-8: tk->a[0..len) into out (*n bytes) and its
 * other spelling into tk->spelled (*spelled bytes, 0 when none), cut at
 * PC_MAX_WORD on a character boundary. */
static presscut_status_t normalize_word(pc_tokenizer_t *tk, int32_t len, char *out, size_t *n,
                                        size_t *spelled)
{
    presscut_status_t st = PRESSCUT_OK;
    if ((len = normalize(tk, tk->nfkc_cf, tk->a, len, &tk->b, &tk->cap_b, &st)) < 0)
        return st;
    bool marks = false;
    for (int32_t i = 0; i < len && !marks; i++)
        marks = tk->b[i] >= 0xC0;   /* below that nothing decomposes or folds */
    const UChar *word = tk->b;
    *spelled = 0;
    if (marks) {
        int32_t plain_len, spelled_len;
        bool differs;
        if ((len = normalize(tk, tk->nfd, tk->b, len, &tk->a, &tk->cap_a, &st)) < 0 ||
            (st = fold(tk, len, &plain_len, &spelled_len, &differs)) != PRESSCUT_OK ||
            (len = normalize(tk, tk->nfc, tk->b, plain_len, &tk->a, &tk->cap_a, &st)) < 0)
            return st;
        if (differs) {
            if ((spelled_len = normalize(tk, tk->nfc, tk->c, spelled_len, &tk->b, &tk->cap_b,
                                         &st)) < 0)
                return st;
            *spelled = to_utf8(tk->b, spelled_len, tk->spelled);
        }
        word = tk->a;
    }
    *n = to_utf8(word, len, out);
    return PRESSCUT_OK;
}

/* Normalizes the word text[start..end) (normalize_word()) and emits it.
 * Only its first PC_MAX_WORD_SOURCE bytes are read: they give the
 * PC_MAX_WORD kept, and a word of megabytes costs no more than that.
 * han, when not NULL, is the word in Simplified characters, code unit for
 * code unit (simplify()): normalized the same way, it is the word's
 * Simplified spelling when it differs. */
static presscut_status_t emit_unicode(run_t *r, size_t start, size_t end, bool numeric,
                                      const UChar *han)
{
    pc_tokenizer_t *tk = r->tk;
    presscut_status_t st;
    size_t n, spelled, simple = 0;
    int32_t len = load(tk, r->text + start, end - start, &st);
    if (len < 0)
        return st;
    if (han) {
        /* the word as loaded has its apostrophes straightened: han too,
         * or a word with ’ would differ from its Simplified self */
        if ((st = grow(&tk->c, &tk->cap_c, len + 1)) != PRESSCUT_OK)
            return st;
        memcpy(tk->c, han, (size_t)len * sizeof *han);
        straighten_apostrophes(tk->c, len);
    }
    if (han && memcmp(tk->c, tk->a, (size_t)len * sizeof *han) != 0) {
        memcpy(tk->a, tk->c, (size_t)len * sizeof *han);
        if ((st = normalize_word(tk, len, tk->simple, &simple, &spelled)) != PRESSCUT_OK ||
            (len = load(tk, r->text + start, end - start, &st)) < 0)
            return st;
    }
    if ((st = normalize_word(tk, len, tk->word, &n, &spelled)) != PRESSCUT_OK)
        return st;
    if (n > 0)   /* a word of nothing but ignorables or marks is no word */
        emit(r, n, spelled, simple, start, end, numeric);
    return PRESSCUT_OK;
}

/* ---- Traditional and Simplified Chinese ----------------------------------- */

/* ICU's transform (in libicu's data): one Traditional character to one
 * Simplified (乾 and 幹 both to 干). */
#define PC_SIMPLIFIER_ID "Traditional-Simplified"

/* Whether text[from..to) may hold a Han character: a lead byte of
 * U+3000..U+9FFF.  Text without one (Latin, Cyrillic, Arabic, ...) never
 * pays for simplify(). */
static bool may_hold_han(const unsigned char *p, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (p[i] >= 0xE3 && p[i] <= 0xE9)
            return true;
    return false;
}

/* The characters t changes on their own.  Its source set is no filter:
 * its context rules put a thousand characters common to both scripts in
 * it (中, 年, 路), so that Simplified text would be transformed for
 * nothing.  Found once, character by character (3,464 of them, a few
 * milliseconds), when t is opened. */
static USet *changed_set(const UTransliterator *t, UErrorCode *e)
{
    USet *source = uset_openEmpty(), *changed = uset_openEmpty();
    if (!source || !changed)
        *e = U_MEMORY_ALLOCATION_ERROR;
    else
        utrans_getSourceSet(t, false, source, e);
    int32_t items = U_SUCCESS(*e) ? uset_getItemCount(source) : 0;
    for (int32_t k = 0; k < items && U_SUCCESS(*e); k++) {
        UChar32 first, last;
        UChar str[1];
        UErrorCode item = U_ZERO_ERROR;
        if (uset_getItem(source, k, &first, &last, str, 1, &item) != 0 || U_FAILURE(item))
            continue;   /* a string, not a range of characters */
        for (UChar32 c = first; c <= last && U_SUCCESS(*e); c++) {
            UChar was[U16_MAX_LENGTH], now[4 * U16_MAX_LENGTH];
            int32_t n = 0, len, limit;
            U16_APPEND_UNSAFE(was, n, c);
            memcpy(now, was, sizeof was);
            len = limit = n;
            UErrorCode one = U_ZERO_ERROR;
            utrans_transUChars(t, now, &len, (int32_t)(sizeof now / sizeof now[0]), 0, &limit,
                               &one);
            if (one == U_MEMORY_ALLOCATION_ERROR)
                *e = one;
            else if (U_FAILURE(one) || len != n || memcmp(now, was, (size_t)n * sizeof *was) != 0)
                uset_add(changed, c);   /* longer than now, too: changed all the same */
        }
    }
    uset_close(source);
    if (U_FAILURE(*e)) {
        uset_close(changed);
        return NULL;
    }
    uset_freeze(changed);
    return changed;
}

static presscut_status_t open_simplifier(pc_tokenizer_t *tk)
{
    if (tk->simplifier)
        return PRESSCUT_OK;
    UChar id[32];
    u_uastrcpy(id, PC_SIMPLIFIER_ID);
    UErrorCode e = U_ZERO_ERROR;
    tk->simplifier = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    if (U_SUCCESS(e))
        tk->traditional = changed_set(tk->simplifier, &e);
    if (U_FAILURE(e)) {
        if (tk->simplifier)
            utrans_close(tk->simplifier);
        if (tk->traditional)
            uset_close(tk->traditional);
        tk->simplifier = NULL;
        tk->traditional = NULL;
        return fail(tk, e == U_MEMORY_ALLOCATION_ERROR ? PRESSCUT_NOMEM : PRESSCUT_INTERNAL,
                    "tokenizer: ICU transliterator %s: %s", PC_SIMPLIFIER_ID, u_errorName(e));
    }
    return PRESSCUT_OK;
}

/* The piece text[from..to) in Simplified characters into tk->han, and
 * each of its code units' byte offset into tk->han_at; *len gets its
 * length in code units, or 0 when words are better broken in the text as
 * it is: it holds no character the transform changes, or one changed its
 * length, which would misplace every word after it (ICU 72's table has
 * none such), or it is longer than PC_MAX_HAN_PIECE. */
static presscut_status_t simplify(pc_tokenizer_t *tk, const char *text, size_t from, size_t to,
                                  int32_t *len)
{
    *len = 0;
    if (to - from > PC_MAX_HAN_PIECE)
        return PRESSCUT_OK;
    int32_t nbytes = (int32_t)(to - from), n;
    /* Simplified text, Japanese, Korean: no character the transform
     * changes, found without converting or transforming anything. */
    presscut_status_t st = open_simplifier(tk);
    if (st != PRESSCUT_OK ||
        uset_spanUTF8(tk->traditional, text + from, nbytes, USET_SPAN_NOT_CONTAINED) == nbytes)
        return st;
    st = grow(&tk->han, &tk->cap_han, 2 * nbytes + 16);
    if (st == PRESSCUT_OK)
        st = grow(&tk->b, &tk->cap_b, nbytes + 1);
    if (st != PRESSCUT_OK)
        return st;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(tk->b, tk->cap_b, &n, text + from, nbytes, &e);
    if (U_FAILURE(e))
        return fail(tk, PRESSCUT_INTERNAL, "tokenizer: u_strFromUTF8: %s", u_errorName(e));
    memcpy(tk->han, tk->b, (size_t)n * sizeof *tk->han);
    int32_t got = n, limit = n;
    utrans_transUChars(tk->simplifier, tk->han, &got, tk->cap_han, 0, &limit, &e);
    if (U_FAILURE(e) || got != n || memcmp(tk->han, tk->b, (size_t)n * sizeof *tk->b) == 0)
        return PRESSCUT_OK;
    if (n + 1 > tk->cap_han_at) {
        int32_t *v = realloc(tk->han_at, (size_t)(n + 1) * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        tk->han_at = v;
        tk->cap_han_at = n + 1;
    }
    int32_t at = 0;
    for (int32_t i = 0, j = 0; i < n;) {
        UChar32 c, s;
        int32_t was = i;
        U16_NEXT(tk->b, i, n, c);
        U16_NEXT(tk->han, j, n, s);
        if (i != j)
            return PRESSCUT_OK;
        tk->han_at[was] = at;
        if (i - was == 2)
            tk->han_at[was + 1] = at;
        at += U8_LENGTH(c);
    }
    tk->han_at[n] = at;
    *len = n;
    return PRESSCUT_OK;
}

static presscut_status_t icu_piece(run_t *r, size_t from, size_t to)
{
    pc_tokenizer_t *tk = r->tk;
    if (to - from > INT32_MAX)   /* ICU's offsets are int32_t */
        return fail(tk, PRESSCUT_INTERNAL, "tokenizer: %zu bytes without a break is too much for ICU",
                    to - from);
    presscut_status_t st = open_icu(tk);
    const unsigned char *p = (const unsigned char *)r->text;
    /* Han text is broken into words as its Simplified spelling is, so
     * that a word is the same word in either script (國家安全 and 国家安全
     * are one word or two alike), in a Japanese article too: a query
     * cannot know its language, and its words must be the text's. */
    int32_t han = 0;
    if (st == PRESSCUT_OK && may_hold_han(p, from, to))
        st = simplify(tk, r->text, from, to, &han);
    if (st != PRESSCUT_OK)
        return st;
    UErrorCode e = U_ZERO_ERROR;
    if (han) {
        ubrk_setText(tk->bi, tk->han, han, &e);
    } else {
        utext_openUTF8(&tk->ut, r->text + from, (int64_t)(to - from), &e);
        if (U_SUCCESS(e))
            ubrk_setUText(tk->bi, &tk->ut, &e);
    }
    if (U_FAILURE(e))
        return fail(tk, PRESSCUT_INTERNAL, "tokenizer: word break iterator: %s", u_errorName(e));
    int32_t prev = ubrk_first(tk->bi);
    for (int32_t next; !r->stopped && (next = ubrk_next(tk->bi)) != UBRK_DONE; prev = next) {
        int32_t status = ubrk_getRuleStatus(tk->bi);
        if (status < UBRK_WORD_NONE_LIMIT)
            continue;
        bool numeric = status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT;
        size_t start = from + (size_t)(han ? tk->han_at[prev] : prev);
        size_t end = from + (size_t)(han ? tk->han_at[next] : next);
        bool ascii = true;
        for (size_t i = start; i < end && ascii; i++)
            ascii = p[i] < 0x80;
        if (ascii) {
            emit_ascii(r, start, end, numeric);
            continue;
        }
        st = emit_unicode(r, start, end, numeric,
                          han && tk->simplifies ? tk->han + prev : NULL);
        if (st != PRESSCUT_OK)
            return st;
    }
    return PRESSCUT_OK;
}

/* ---- splitting ------------------------------------------------------------ */

/* A piece boundary goes only between a K_HARD byte and an ASCII byte: ICU
 * breaks there whatever surrounds it (no joining rule involves a K_HARD
 * character, and an ASCII byte cannot be the Extend or Format character
 * that would attach to it), and no rule looks across it.  So each piece
 * can be tokenized on its own: ASCII pieces by the fast path, pieces
 * holding anything else by ICU. */
static presscut_status_t split(run_t *r, size_t len)
{
    const unsigned char *p = (const unsigned char *)r->text;
    size_t start = 0, cut = 0, i = 0;
    while (i < len && !r->stopped) {
        if (kind[p[i]] != K_ICU) {
            if (i > start && kind[p[i - 1]] == K_HARD)
                cut = i;
            i++;
            continue;
        }
        if (cut > start)
            fast_piece(r, start, cut);
        size_t j = i + 1;
        while (j < len && !(p[j] < 0x80 && kind[p[j - 1]] == K_HARD))
            j++;
        if (r->stopped)
            break;
        presscut_status_t st = icu_piece(r, cut, j);
        if (st != PRESSCUT_OK)
            return st;
        start = cut = i = j;
    }
    if (start < len && !r->stopped)
        fast_piece(r, start, len);
    return PRESSCUT_OK;
}

presscut_status_t pc_tokenize(pc_tokenizer_t *tk, const char *text, size_t len,
                              unsigned first_pos, pc_token_fn fn, void *ctx,
                              unsigned *next_pos)
{
    run_t r = { tk, text, fn, ctx, first_pos, false };
    size_t bad;
    presscut_status_t st = PRESSCUT_OK;
    if (!pc_utf8_valid(text, len, &bad))
        st = fail(tk, PRESSCUT_BAD_INPUT, "invalid UTF-8 at byte offset %zu", bad);
    else if (tk->force_icu)
        st = len ? icu_piece(&r, 0, len) : PRESSCUT_OK;
    else
        st = split(&r, len);
    if (next_pos)
        *next_pos = r.pos;
    return st;
}

/* ---- stopwords ------------------------------------------------------------ */

/* Sorted bytewise for the binary search.  "us", "who", "may" and "will"
 * are left out on purpose: US, WHO, May and Will are news. */
static const char *const stopwords[] = {
    "a", "about", "above", "after", "again", "against", "all", "am",
    "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during",
    "each", "few", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "herself", "him", "himself",
    "his", "how", "i", "if", "in", "into", "is", "it",
    "it's", "its", "itself", "just", "me", "more", "most", "my",
    "myself", "no", "nor", "not", "now", "of", "off", "on",
    "once", "only", "or", "other", "our", "ours", "ourselves", "out",
    "over", "own", "same", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "whom", "why", "with", "would",
    "you", "your", "yours", "yourself", "yourselves",
};

bool pc_is_stopword(const char *word, size_t len)
{
    return pc_wordlist_has(stopwords, sizeof stopwords / sizeof stopwords[0], word, len);
}
