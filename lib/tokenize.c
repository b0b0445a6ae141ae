#include "tokenize.h"
#include "tokenize_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "utf8.h"

struct pc_tokenizer {
    UBreakIterator *bi;
    UText ut;
    const UNormalizer2 *nfkc_cf, *nfd, *nfc;
    UChar *a, *b;             /* scratch for normalizing one word, grown, never shrunk */
    int32_t cap_a, cap_b;
    char word[PC_MAX_WORD + 1];
    bool force_icu;
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
    free(tk->a);
    free(tk->b);
    free(tk);
}

const char *pc_tokenizer_error(const pc_tokenizer_t *tk)
{
    return tk->err;
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

static void emit(run_t *r, size_t len, size_t start, size_t end, bool numeric)
{
    pc_token_t t = {
        .word = r->tk->word, .len = len, .start = start, .end = end,
        .pos = r->pos++, .numeric = numeric,
    };
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
    emit(r, n, start, end, numeric);
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

/* Normalizes tk->a[0..len) into tk->b; returns the length or -1. */
static int32_t normalize(pc_tokenizer_t *tk, const UNormalizer2 *n, int32_t len,
                         presscut_status_t *st)
{
    for (;;) {
        UErrorCode e = U_ZERO_ERROR;
        int32_t got = unorm2_normalize(n, tk->a, len, tk->b, tk->cap_b, &e);
        if (e == U_BUFFER_OVERFLOW_ERROR) {
            if ((*st = grow(&tk->b, &tk->cap_b, got + 1)) != PRESSCUT_OK)
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

static void swap_ab(pc_tokenizer_t *tk)
{
    UChar *t = tk->a;
    tk->a = tk->b;
    tk->b = t;
    int32_t c = tk->cap_a;
    tk->cap_a = tk->cap_b;
    tk->cap_b = c;
}

static bool is_apostrophe(UChar c)
{
    /* U+FF07 needs no entry: NFKC makes it '\''. */
    return c == 0x2019 || c == 0x2018 || c == 0x201B || c == 0x02BC;
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

/* NFKC + case folding, then diacritics off (NFD, drop Mn, NFC), then back
 * to UTF-8 in tk->word, cut at PC_MAX_WORD on a character boundary.  Only
 * the first PC_MAX_WORD_SOURCE bytes of a word are read: they give the
 * PC_MAX_WORD kept, and a word of megabytes costs no more than that. */
static presscut_status_t emit_unicode(run_t *r, size_t start, size_t end, bool numeric)
{
    pc_tokenizer_t *tk = r->tk;
    size_t nbytes = end - start;
    bool cut = nbytes > PC_MAX_WORD_SOURCE;
    if (cut) {
        nbytes = PC_MAX_WORD_SOURCE;
        while ((r->text[start + nbytes] & 0xC0) == 0x80)
            nbytes--;
    }
    presscut_status_t st = grow(&tk->a, &tk->cap_a, (int32_t)nbytes + 1);
    if (st != PRESSCUT_OK)
        return st;
    UErrorCode e = U_ZERO_ERROR;
    int32_t len;
    u_strFromUTF8(tk->a, tk->cap_a, &len, r->text + start, (int32_t)nbytes, &e);
    if (U_FAILURE(e))
        return fail(tk, PRESSCUT_INTERNAL, "tokenizer: u_strFromUTF8: %s", u_errorName(e));
    if (cut)
        len = normalization_boundary(tk, len);
    for (int32_t i = 0; i < len; i++)
        if (is_apostrophe(tk->a[i]))
            tk->a[i] = 0x27;

    if ((len = normalize(tk, tk->nfkc_cf, len, &st)) < 0)
        return st;
    bool marks = false;
    for (int32_t i = 0; i < len && !marks; i++)
        marks = tk->b[i] >= 0xC0;   /* below that nothing decomposes */
    if (marks) {
        swap_ab(tk);
        if ((len = normalize(tk, tk->nfd, len, &st)) < 0)
            return st;
        swap_ab(tk);
        int32_t j = 0;
        for (int32_t i = 0; i < len;) {
            UChar32 c;
            int32_t at = i;
            U16_NEXT(tk->a, i, len, c);
            if (u_charType(c) != U_NON_SPACING_MARK)
                while (at < i)
                    tk->a[j++] = tk->a[at++];
        }
        if ((len = normalize(tk, tk->nfc, j, &st)) < 0)
            return st;
    }

    /* U8_APPEND checks room only for multi-byte characters: an ASCII one
     * is written whatever the capacity, so room is checked here first. */
    int32_t n = 0;
    uint8_t *w = (uint8_t *)tk->word;
    for (int32_t i = 0; i < len;) {
        UChar32 c;
        U16_NEXT(tk->b, i, len, c);
        if (n + U8_LENGTH(c) > PC_MAX_WORD)
            break;
        UBool bad = false;
        U8_APPEND(w, n, PC_MAX_WORD, c, bad);
        if (bad)   /* a lone surrogate, which valid UTF-8 input cannot give */
            break;
    }
    tk->word[n] = '\0';
    if (n > 0)   /* a word of nothing but ignorables or marks is no word */
        emit(r, (size_t)n, start, end, numeric);
    return PRESSCUT_OK;
}

static presscut_status_t icu_piece(run_t *r, size_t from, size_t to)
{
    pc_tokenizer_t *tk = r->tk;
    if (to - from > INT32_MAX)   /* ICU's offsets are int32_t */
        return fail(tk, PRESSCUT_INTERNAL, "tokenizer: %zu bytes without a break is too much for ICU",
                    to - from);
    presscut_status_t st = open_icu(tk);
    if (st != PRESSCUT_OK)
        return st;
    UErrorCode e = U_ZERO_ERROR;
    utext_openUTF8(&tk->ut, r->text + from, (int64_t)(to - from), &e);
    if (U_SUCCESS(e))
        ubrk_setUText(tk->bi, &tk->ut, &e);
    if (U_FAILURE(e))
        return fail(tk, PRESSCUT_INTERNAL, "tokenizer: word break iterator: %s", u_errorName(e));
    const unsigned char *p = (const unsigned char *)r->text;
    int32_t prev = ubrk_first(tk->bi);
    for (int32_t next; !r->stopped && (next = ubrk_next(tk->bi)) != UBRK_DONE; prev = next) {
        int32_t status = ubrk_getRuleStatus(tk->bi);
        if (status < UBRK_WORD_NONE_LIMIT)
            continue;
        bool numeric = status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT;
        size_t start = from + (size_t)prev, end = from + (size_t)next;
        bool ascii = true;
        for (size_t i = start; i < end && ascii; i++)
            ascii = p[i] < 0x80;
        if (ascii) {
            emit_ascii(r, start, end, numeric);
            continue;
        }
        st = emit_unicode(r, start, end, numeric);
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
    size_t lo = 0, hi = sizeof stopwords / sizeof stopwords[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *s = stopwords[mid];
        size_t n = strlen(s);
        int c = memcmp(word, s, len < n ? len : n);
        if (c == 0)
            c = len < n ? -1 : len > n;
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}
