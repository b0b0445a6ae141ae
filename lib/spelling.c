#include "spelling.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "queryparse.h"
#include "schema.h"
#include "tokenize.h"

/* A word found closest so far. */
typedef struct pick {
    size_t dist;
    unsigned freq;
    char *found;
} pick_t;

/* The scripts a query word's letters are written in: few words mix more. */
#define MAX_SCRIPTS 4

typedef struct best {
    size_t plen;             /* the field's prefix, left out of each term */
    UChar32 word[PC_MAX_WORD];
    size_t len;              /* letters in word */
    UScriptCode scripts[MAX_SCRIPTS];
    size_t nscripts;
    pick_t any;              /* the closest word */
    pick_t in_language;      /* the closest word of the language's passages */
    xc_rdb_t *db;
    const char *language;    /* the language's term (XL<code>), or NULL */
    presscut_status_t st;
} best_t;

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* The code points of s[0..n) in out (room for n), their count returned;
 * a byte that begins no character counts as one. */
static size_t decode(const char *s, size_t n, UChar32 *out)
{
    size_t k = 0;
    for (int32_t i = 0; (size_t)i < n;) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        out[k++] = c < 0 ? 0xFFFD : c;
    }
    return k;
}

static size_t distance(const UChar32 *a, size_t n, const UChar32 *b, size_t m, size_t max)
{
    size_t rows[3][PC_MAX_WORD + 2];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t lowest = cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
            if (cur[j] < lowest)
                lowest = cur[j];
        }
        if (lowest > max)
            return max + 1;
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

size_t pc_edit_distance(const char *a, size_t n, const char *b, size_t m, size_t max)
{
    UChar32 ca[PC_MAX_WORD], cb[PC_MAX_WORD];
    if (n > PC_MAX_WORD || m > PC_MAX_WORD)
        return max + 1;
    return distance(ca, decode(a, n, ca), cb, decode(b, m, cb), max);
}

/* The edits a word of len letters may be from another: a change of two
 * letters is a typo of a long word, but most of a short one.  Measured on
 * the shorter of the two, so "moskve" is not "move" (two letters of four). */
static size_t max_edits(size_t len)
{
    return len > PC_SPELLING_ONE_EDIT ? 2 : 1;
}

static bool script_ignored(UScriptCode sc)
{
    return sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || sc == USCRIPT_INVALID_CODE;
}

static UScriptCode script_of(UChar32 c)
{
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &e);
    return U_FAILURE(e) ? USCRIPT_INVALID_CODE : sc;
}

/* Whether sc is ignored or a script of the query word's. */
static bool word_script(const best_t *b, UScriptCode sc)
{
    for (size_t k = 0; k < b->nscripts; k++)
        if (b->scripts[k] == sc)
            return true;
    return script_ignored(sc);
}

/* Whether each letter of w[0..n) is written in a script of the query
 * word's: a Latin word is never corrected to a Cyrillic one or a mix. */
static bool same_scripts(const best_t *b, const UChar32 *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!word_script(b, script_of(w[i])))
            return false;
    return true;
}

/* Whether a passage of the language holds term. */
static presscut_status_t held_in_language(best_t *b, const char *term, size_t len, bool *held)
{
    xc_query_t *parts[2] = { xc_query_term(term, len, 1, 0),
                             xc_query_term(b->language, strlen(b->language), 1, 0) };
    xc_query_t *q = parts[0] && parts[1] ? xc_query_combine(XC_OP_FILTER, parts, 2, 0) : NULL;
    xc_enquire_t *enq = q ? xc_enquire_new(b->db) : NULL;
    xc_mset_t *m = NULL;
    presscut_status_t st = enq ? xc_enquire_set_query(enq, q) : PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK)
        st = xc_enquire_set_boolean(enq);
    if (st == PRESSCUT_OK)
        st = xc_enquire_mset(enq, 0, 1, 1, &m);
    *held = st == PRESSCUT_OK && xc_mset_size(m) > 0;
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);
    xc_query_destroy(q);
    xc_query_destroy(parts[0]);
    xc_query_destroy(parts[1]);
    return st;
}

static bool better(const pick_t *p, size_t d, unsigned freq)
{
    return d < p->dist || (d == p->dist && freq > p->freq);
}

/* Makes term[0..len) p's word; false when out of memory. */
static bool take(pick_t *p, const char *term, size_t len, size_t d, unsigned freq)
{
    char *copy = strndup(term, len);
    if (!copy)
        return false;
    free(p->found);
    *p = (pick_t){ d, freq, copy };
    return true;
}

static int consider(void *ctx, const char *term, size_t len, unsigned freq)
{
    best_t *b = ctx;
    UChar32 w[PC_MAX_WORD];
    const char *whole = term;
    size_t whole_len = len;
    term += b->plen;
    len -= b->plen;
    if (len > PC_MAX_WORD)
        return 0;
    size_t n = decode(term, len, w);
    size_t max = max_edits(n < b->len ? n : b->len);
    if (n + max < b->len || n > b->len + max || !same_scripts(b, w, n))
        return 0;
    size_t d = distance(b->word, b->len, w, n, max);
    if (d == 0 || d > max)
        return 0;
    if (better(&b->any, d, freq) && !take(&b->any, term, len, d, freq))
        b->st = PRESSCUT_NOMEM;
    bool held = false;
    if (b->st == PRESSCUT_OK && b->language && better(&b->in_language, d, freq) &&
        (b->st = held_in_language(b, whole, whole_len, &held)) == PRESSCUT_OK && held &&
        !take(&b->in_language, term, len, d, freq))
        b->st = PRESSCUT_NOMEM;
    return b->st != PRESSCUT_OK;
}

static void note_scripts(best_t *b)
{
    for (size_t i = 0; i < b->len && b->nscripts < MAX_SCRIPTS; i++) {
        UScriptCode sc = script_of(b->word[i]);
        if (!word_script(b, sc))
            b->scripts[b->nscripts++] = sc;
    }
}

presscut_status_t pc_spelling_suggest(xc_rdb_t *db, const char *prefix, const char *word,
                                      const char *language, char **out)
{
    size_t len = strlen(word), plen = strlen(prefix);
    *out = NULL;
    if (len == 0 || len > PC_MAX_WORD)
        return (*out = strdup("")) ? PRESSCUT_OK : PRESSCUT_NOMEM;
    char lterm[16];
    best_t b = { .plen = plen, .any.dist = SIZE_MAX, .in_language.dist = SIZE_MAX, .db = db,
                 .st = PRESSCUT_OK };
    if (language && strlen(language) < sizeof lterm - strlen(PC_LANGUAGE_PREFIX)) {
        snprintf(lterm, sizeof lterm, PC_LANGUAGE_PREFIX "%s", language);
        b.language = lterm;
    }
    b.len = decode(word, len, b.word);
    note_scripts(&b);
    /* The first letter (a whole UTF-8 character) is rarely the typo. */
    size_t first = 1;
    while (first < len && ((unsigned char)word[first] & 0xC0) == 0x80)
        first++;
    char start[16] = "";
    if (plen + first >= sizeof start)
        return (*out = strdup("")) ? PRESSCUT_OK : PRESSCUT_NOMEM;
    memcpy(start, prefix, plen);
    memcpy(start + plen, word, first);
    presscut_status_t st = xc_rdb_allterms(db, start, consider, &b);
    if (st == PRESSCUT_OK)
        st = b.st;
    pick_t *pick = b.in_language.found ? &b.in_language : &b.any;
    if (st == PRESSCUT_OK && !pick->found && !(pick->found = strdup("")))
        st = PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK) {
        *out = pick->found;
        pick->found = NULL;
    }
    free(b.any.found);
    free(b.in_language.found);
    return st;
}

const char *pc_spelling_prefix(pc_spelling_field_t field)
{
    return field == PC_SPELLING_TITLE ? "S" : field == PC_SPELLING_SOURCE ? "XS" : "";
}

/* The field named by q[from..to) when it is "name:" or begins so. */
static pc_spelling_field_t field_named(const char *q, size_t from, size_t to)
{
    const char *colon = memchr(q + from, ':', to - from);
    if (!colon)
        return PC_SPELLING_BODY;
    size_t n = (size_t)(colon - (q + from));
    if (n == 5 && strncasecmp(q + from, "title", 5) == 0)
        return PC_SPELLING_TITLE;
    if (n == 6 && strncasecmp(q + from, "source", 6) == 0)
        return PC_SPELLING_SOURCE;
    if (n == 4 && strncasecmp(q + from, "date", 4) == 0)
        return PC_SPELLING_NONE;
    if (n == 8 && strncasecmp(q + from, "language", 8) == 0)
        return PC_SPELLING_LANGUAGE;
    return PC_SPELLING_BODY;   /* "e.g.:" is no field: its words are words */
}

pc_spelling_field_t pc_spelling_field_at(pc_spelling_scan_t *s, const char *query, size_t at)
{
    while (s->pos < at) {
        size_t i = s->pos, q = pc_quote_len(query + i);
        char c = query[i];
        if (q) {
            if (!s->quoted)
                s->quote_field = field_named(query, s->chunk, i);
            s->quoted = !s->quoted;
            s->chunk = i + q;
            s->pos = i + q;
            continue;
        }
        if (!s->quoted && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '('))
            s->chunk = i + 1;
        s->pos = i + 1;
    }
    return s->quoted ? s->quote_field : field_named(query, s->chunk, at);
}
