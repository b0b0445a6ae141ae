#include "queryparse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "datefmt.h"
#include "schema.h"

/* Beyond this many expansions a wildcard is too vague to be useful. */
#define WILDCARD_MAX 1024
#define NEAR_DEFAULT 10
/* Beyond this many free words (a sentence, not keywords) requiring all of
 * them finds next to nothing: rank by BM25 over any of them at once. */
#define LONG_QUERY_WORDS 4
/* Free words found in the article's title add this much of a title match's
 * BM25 weight (measured with `make eval`, see bench/RESULTS.md). */
#define TITLE_WEIGHT 0.5
/* Of that, the share the title's word gets for being the query's word
 * itself; the rest goes to its stem, which other forms match too.  By
 * stem alone cacm lost what adi and lisa gained (bench/RESULTS.md). */
#define TITLE_EXACT_SHARE 0.3

/* ---- sets of strings ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool pc_strset_has(const pc_strset_t *s, const char *str, size_t len)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(s->v[mid], str, len);
        if (c == 0 && s->v[mid][len] != '\0')
            c = 1;
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static presscut_status_t strset_add(pc_strset_t *s, const char *str, size_t len)
{
    if (pc_strset_has(s, str, len))
        return PRESSCUT_OK;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        char **v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        s->v = v;
        s->cap = cap;
    }
    char *copy = strndup(str, len);
    if (!copy)
        return PRESSCUT_NOMEM;
    s->v[s->n++] = copy;
    qsort(s->v, s->n, sizeof *s->v, cmp_str);
    return PRESSCUT_OK;
}

static void strset_free(pc_strset_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

char *pc_stem_word(xc_stem_t *stem, const char *word, size_t len)
{
    size_t cap = 2 * len + 8;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    size_t n = xc_stem_apply(stem, word, len, buf, cap);
    if (n == (size_t)-1) {
        free(buf);
        return NULL;
    }
    if (n >= cap) {
        char *bigger = realloc(buf, n + 1);
        if (!bigger) {
            free(buf);
            return NULL;
        }
        buf = bigger;
        xc_stem_apply(stem, word, len, buf, n + 1);
    }
    return buf;
}

/* ---- items ---- */

typedef enum item_kind {
    IT_WORDS,        /* free words */
    IT_PHRASE,
    IT_NEAR,
    IT_WILDCARD,
    IT_TITLE,
    IT_SOURCE,
    IT_DATE
} item_kind_t;

typedef struct item {
    item_kind_t kind;
    bool negated;
    bool required;           /* joined by an explicit AND */
    char **words;            /* normalized words, in order */
    bool *caps;              /* each typed in capitals (no lower-case letter) */
    size_t n_words;
    unsigned window;         /* NEAR */
    char lo[11], hi[11];     /* DATE */
    bool or_before;          /* an OR separates it from the previous item */
} item_t;

typedef struct parser {
    pc_tokenizer_t *tk;
    xc_stem_t *stem;
    const pc_synonyms_t *syn;
    item_t *items;
    size_t n_items, cap_items;
    bool operators;          /* false for an all-capitals query */
    /* Whether capitals tell an acronym from a word ("US" from "us"): not
     * in an all-capitals query, unless the acronym is all of it. */
    bool caps_tell;
    presscut_status_t st;
    char *msg;
    pc_query_t *out;
} parser_t;

static void item_free(item_t *it)
{
    for (size_t i = 0; i < it->n_words; i++)
        free(it->words[i]);
    free(it->words);
    free(it->caps);
}

static item_t *new_item(parser_t *p, item_kind_t kind)
{
    if (p->n_items == p->cap_items) {
        size_t cap = p->cap_items ? 2 * p->cap_items : 8;
        item_t *v = realloc(p->items, cap * sizeof *v);
        if (!v) {
            p->st = PRESSCUT_NOMEM;
            return NULL;
        }
        p->items = v;
        p->cap_items = cap;
    }
    item_t *it = &p->items[p->n_items++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}

typedef struct collect {
    item_t *it;
    const char *text;
    presscut_status_t st;
} collect_t;

static bool typed_in_capitals(const char *s, size_t len)
{
    bool upper = false;
    for (size_t i = 0; i < len; i++) {
        if (islower((unsigned char)s[i]))
            return false;
        upper |= isupper((unsigned char)s[i]) != 0;
    }
    return upper;
}

static int collect_word(void *ctx, const pc_token_t *t)
{
    collect_t *c = ctx;
    item_t *it = c->it;
    char **v = realloc(it->words, (it->n_words + 1) * sizeof *v);
    if (v)
        it->words = v;
    bool *caps = v ? realloc(it->caps, (it->n_words + 1) * sizeof *caps) : NULL;
    if (caps)
        it->caps = caps;
    if (!caps || !(v[it->n_words] = strndup(t->word, t->len))) {
        c->st = PRESSCUT_NOMEM;
        return 1;
    }
    caps[it->n_words++] = typed_in_capitals(c->text + t->start, t->end - t->start);
    return 0;
}

/* Tokenizes text into its words, with the same tokenizer as the index. */
static void add_words(parser_t *p, item_t *it, const char *text, size_t len)
{
    collect_t c = { it, text, PRESSCUT_OK };
    presscut_status_t st = pc_tokenize(p->tk, text, len, 1, collect_word, &c, NULL);
    if (st == PRESSCUT_OK)
        st = c.st;
    if (st != PRESSCUT_OK && p->st == PRESSCUT_OK) {
        p->st = st;
        p->msg = strdup(pc_tokenizer_error(p->tk));
    }
}

/* ---- lexing ---- */

/* Length of a double-quote character at s (any script's), else 0. */
static size_t quote_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == '"')
        return 1;
    if (u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB))            /* « » */
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x9C && u[2] <= 0x9F)  /* “ ” „ ‟ */
        return 3;
    if (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x82)             /* fullwidth " */
        return 3;
    return 0;
}

static bool has_lower(const char *s)
{
    for (; *s; s++)
        if (islower((unsigned char)*s))
            return true;
    return false;
}

static bool chunk_is(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && memcmp(s, word, len) == 0;
}

static bool field_is(const char *s, size_t len, const char *field)
{
    size_t n = strlen(field);
    return len > n && strncasecmp(s, field, n) == 0 && s[n] == ':';
}

static void bad_query(parser_t *p, const char *fmt, const char *s, size_t len)
{
    if (p->st != PRESSCUT_OK)
        return;
    p->st = PRESSCUT_BAD_QUERY;
    if (asprintf(&p->msg, fmt, (int)len, s) < 0)
        p->msg = NULL;
}

static void parse_date(parser_t *p, item_t *it, const char *v, size_t len)
{
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (v[i] == '.' && v[i + 1] == '.') {
            dots = v + i;
            break;
        }
    bool ok;
    if (dots) {
        size_t l1 = (size_t)(dots - v), l2 = len - l1 - 2;
        ok = (l1 == 0 || pc_date_bound(v, l1, false, it->lo)) &&
             (l2 == 0 || pc_date_bound(dots + 2, l2, true, it->hi)) && (l1 || l2);
    } else {
        ok = pc_date_bound(v, len, false, it->lo) && pc_date_bound(v, len, true, it->hi);
    }
    if (!ok)
        bad_query(p, "malformed date 'date:%.*s': expected YYYY[-MM[-DD]] or FROM..TO", v, len);
}

/* One white-space separated chunk that is not a phrase. */
static void parse_chunk(parser_t *p, const char *s, size_t len, bool negated,
                        bool required, bool or_before)
{
    item_t *it;
    if (field_is(s, len, "date")) {
        if (!(it = new_item(p, IT_DATE)))
            return;
        parse_date(p, it, s + 5, len - 5);
    } else if (field_is(s, len, "title") || field_is(s, len, "source")) {
        size_t n = s[0] == 't' || s[0] == 'T' ? 6 : 7;
        if (!(it = new_item(p, n == 6 ? IT_TITLE : IT_SOURCE)))
            return;
        add_words(p, it, s + n, len - n);
    } else if (len > 1 && s[len - 1] == '*') {
        /* Only the last word is a prefix; any before it are free words. */
        size_t at = p->n_items;
        if (!new_item(p, IT_WORDS))
            return;
        add_words(p, &p->items[at], s, len - 1);
        if (p->items[at].n_words > 0) {
            char *last = p->items[at].words[--p->items[at].n_words];
            if (!(it = new_item(p, IT_WILDCARD)) || !(it->words = malloc(sizeof *it->words))) {
                free(last);
                p->st = PRESSCUT_NOMEM;
                return;
            }
            it->words[0] = last;
            it->n_words = 1;
            it->negated = negated;
        }
        it = &p->items[at];
    } else {
        if (!(it = new_item(p, IT_WORDS)))
            return;
        add_words(p, it, s, len);
    }
    it->negated = negated;
    it->required = required;
    it->or_before = or_before;
}

static void parse_phrase(parser_t *p, const char *field, size_t flen, const char *s,
                         size_t len, bool negated, bool required, bool or_before)
{
    item_kind_t kind = IT_PHRASE;
    if (flen == 5 && strncasecmp(field, "title", 5) == 0)
        kind = IT_TITLE;
    else if (flen == 6 && strncasecmp(field, "source", 6) == 0)
        kind = IT_SOURCE;
    item_t *it = new_item(p, kind);
    if (!it)
        return;
    add_words(p, it, s, len);
    it->negated = negated;
    it->required = required;
    it->or_before = or_before;
}

/* NEAR joins the items on either side, when both are plain words. */
static bool near_window(const char *s, size_t len, unsigned *window)
{
    if (len < 4 || memcmp(s, "NEAR", 4) != 0)
        return false;
    if (len == 4) {
        *window = NEAR_DEFAULT;
        return true;
    }
    if (s[4] != '/' || len == 5 || len > 8)
        return false;
    unsigned n = 0;
    for (size_t i = 5; i < len; i++) {
        if (!isdigit((unsigned char)s[i]))
            return false;
        n = n * 10 + (unsigned)(s[i] - '0');
    }
    *window = n;
    return true;
}

static void lex(parser_t *p, const char *text)
{
    size_t len = strlen(text);
    /* Quotes pair up in order; an odd one out is plain punctuation. */
    size_t n_quotes = 0;
    for (size_t i = 0; i < len;) {
        size_t q = quote_len(text + i);
        n_quotes += q > 0;
        i += q ? q : 1;
    }
    size_t quotes_usable = n_quotes & ~(size_t)1;

    bool negate_next = false, and_next = false, or_next = false;
    unsigned near_next = 0;
    size_t i = 0;
    while (i < len && p->st == PRESSCUT_OK) {
        if (isspace((unsigned char)text[i])) {
            i++;
            continue;
        }
        size_t start = i;
        size_t q = 0;
        while (i < len && !isspace((unsigned char)text[i]) &&
               !(quotes_usable && (q = quote_len(text + i))))
            i++;
        if (i < len && quotes_usable && q) {
            /* A phrase, perhaps behind a field name or a minus sign. */
            const char *field = text + start;
            size_t flen = i - start;
            bool neg = negate_next;
            if (flen > 0 && field[0] == '-') {
                neg = true;
                field++;
                flen--;
            }
            if (flen > 0 && field[flen - 1] == ':')
                flen--;
            else if (flen > 0)
                parse_chunk(p, field, flen, false, and_next, or_next), or_next = false,
                    flen = 0;
            size_t open = i + q, close = open;
            while (close < len && !quote_len(text + close))
                close++;
            parse_phrase(p, field, flen, text + open, close - open, neg, and_next, or_next);
            quotes_usable -= 2;
            i = close < len ? close + quote_len(text + close) : len;
            negate_next = and_next = or_next = false;
            continue;
        }
        const char *s = text + start;
        size_t n = i - start;
        unsigned window;
        if (p->operators && chunk_is(s, n, "AND") && p->n_items > 0) {
            and_next = true;
            if (p->n_items)
                p->items[p->n_items - 1].required = true;
            continue;
        }
        if (p->operators && chunk_is(s, n, "OR") && p->n_items > 0) {
            or_next = true;
            continue;
        }
        if (p->operators && chunk_is(s, n, "NOT") && i < len) {
            negate_next = true;
            continue;
        }
        if (p->operators && near_window(s, n, &window) && p->n_items > 0 &&
            p->items[p->n_items - 1].kind == IT_WORDS) {
            near_next = window;
            continue;
        }
        bool neg = negate_next;
        if (n > 1 && s[0] == '-') {
            neg = true;
            s++;
            n--;
        }
        size_t before = p->n_items;
        parse_chunk(p, s, n, neg, and_next, or_next);
        if (near_next && p->n_items == before + 1 && p->items[before].kind == IT_WORDS &&
            before > 0) {
            item_t *prev = &p->items[before - 1], *cur = &p->items[before];
            char **v = realloc(prev->words, (prev->n_words + cur->n_words) * sizeof *v);
            if (!v) {
                p->st = PRESSCUT_NOMEM;
                return;
            }
            if (cur->n_words)     /* a chunk without words has no list */
                memcpy(v + prev->n_words, cur->words, cur->n_words * sizeof *v);
            prev->words = v;
            prev->n_words += cur->n_words;
            prev->window = (prev->kind == IT_NEAR ? prev->window : 0) + near_next;
            prev->kind = IT_NEAR;
            free(cur->words);
            free(cur->caps);
            p->n_items--;
        }
        negate_next = and_next = or_next = false;
        near_next = 0;
    }
}

/* ---- building ---- */

static xc_query_t *combine(parser_t *p, xc_op_t op, xc_query_t **subs, size_t n,
                           unsigned window)
{
    xc_query_t *q = n == 1 && op != XC_OP_NEAR && op != XC_OP_PHRASE
                        ? subs[0] : xc_query_combine(op, subs, n, window);
    if (!(n == 1 && q == subs[0]))
        for (size_t i = 0; i < n; i++)
            xc_query_destroy(subs[i]);
    if (!q)
        p->st = PRESSCUT_NOMEM;
    return q;
}

static xc_query_t *term_query(parser_t *p, const char *prefix, const char *word)
{
    char term[PC_MAX_WORD + 8];
    snprintf(term, sizeof term, "%s%s", prefix, word);
    xc_query_t *q = xc_query_term(term, strlen(term), 1, 0);
    if (!q)
        p->st = PRESSCUT_NOMEM;
    return q;
}

typedef struct qlist {
    xc_query_t **v;
    size_t n, cap;
} qlist_t;

static void qlist_push(parser_t *p, qlist_t *l, xc_query_t *q)
{
    if (!q)
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        xc_query_t **v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            xc_query_destroy(q);
            p->st = PRESSCUT_NOMEM;
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = q;
}

/* Pops everything in l into one query (NULL for none) and empties l. */
static xc_query_t *qlist_take(parser_t *p, qlist_t *l, xc_op_t op)
{
    xc_query_t *q = l->n ? combine(p, op, l->v, l->n, 0) : NULL;
    l->n = 0;
    return q;
}

static void qlist_free(qlist_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        xc_query_destroy(l->v[i]);
    free(l->v);
}

size_t pc_stem_prefix_len(size_t stem_len)
{
    return stem_len > 4 ? stem_len - 2 : stem_len < 2 ? stem_len : 2;
}

xc_query_t *pc_stem_query(const char *word, const char *stemmed)
{
    size_t len = strlen(word);
    if (!pc_has_stem_term(word, len))
        return xc_query_term(word, len, 1, 0);
    size_t n = strlen(stemmed);
    char *term = malloc(n + 2);
    if (!term)
        return NULL;
    term[0] = PC_STEM_PREFIX[0];
    memcpy(term + 1, stemmed, n + 1);
    xc_query_t *q = xc_query_term(term, n + 1, 1, 0);
    free(term);
    return q;
}

/* Scales q by factor, in place of q. */
static xc_query_t *scaled(parser_t *p, xc_query_t *q, double factor)
{
    if (!q)
        return NULL;
    xc_query_t *s = xc_query_scale(q, factor);
    xc_query_destroy(q);
    if (!s)
        p->st = PRESSCUT_NOMEM;
    return s;
}

/* A title's word: the word itself, and its stem's ZS term when it has one. */
static xc_query_t *title_word_query(parser_t *p, const char *word, const char *stem)
{
    if (!pc_has_stem_term(word, strlen(word)))
        return term_query(p, "S", word);
    xc_query_t *pair[2] = { scaled(p, term_query(p, "S", word), TITLE_EXACT_SHARE),
                            scaled(p, term_query(p, PC_TITLE_STEM_PREFIX, stem),
                                   1.0 - TITLE_EXACT_SHARE) };
    if (!pair[0] || !pair[1]) {
        xc_query_destroy(pair[0]);
        xc_query_destroy(pair[1]);
        return NULL;
    }
    return combine(p, XC_OP_OR, pair, 2, 0);
}

/* A free word: its stem's term.  Highlighted unless excluded.  Its title
 * terms go to titles when that is not NULL. */
static xc_query_t *stem_query(parser_t *p, const char *word, bool highlight, qlist_t *titles)
{
    char *stem = pc_stem_word(p->stem, word, strlen(word));
    if (!stem) {
        p->st = PRESSCUT_NOMEM;
        return NULL;
    }
    if (highlight && strset_add(&p->out->stems, stem, strlen(stem)) != PRESSCUT_OK)
        p->st = PRESSCUT_NOMEM;
    if (titles && !pc_is_stopword(word, strlen(word)))
        qlist_push(p, titles, title_word_query(p, word, stem));
    xc_query_t *q = pc_stem_query(word, stem);
    free(stem);
    if (!q)
        p->st = PRESSCUT_NOMEM;
    return q;
}

/* ---- synonyms ---- */

/* One alternative: a word searches its stem, as a free word does, several
 * words their phrase.  Its title terms (its words but stopwords, all
 * required) go to titles when that is not NULL.  A phrase weighs what its
 * words weigh together: divided by their number it weighs about what one
 * word would, so that "North Atlantic Treaty Organization" does not
 * outrank "NATO" fourfold. */
static xc_query_t *alternative_query(parser_t *p, char *const *words, size_t n,
                                     bool highlight, qlist_t *titles)
{
    if (n == 1)
        return stem_query(p, words[0], highlight, titles);
    qlist_t terms = { 0 }, title = { 0 };
    for (size_t i = 0; i < n; i++) {
        qlist_push(p, &terms, term_query(p, "", words[i]));
        if (highlight && strset_add(&p->out->words, words[i], strlen(words[i])) != PRESSCUT_OK)
            p->st = PRESSCUT_NOMEM;
        if (titles && !pc_is_stopword(words[i], strlen(words[i])))
            qlist_push(p, &title, term_query(p, "S", words[i]));
    }
    size_t n_title = title.n;
    if (titles && n_title)
        qlist_push(p, titles, scaled(p, qlist_take(p, &title, XC_OP_AND), 1.0 / (double)n_title));
    xc_query_t *q = scaled(p, qlist_take(p, &terms, XC_OP_PHRASE), 1.0 / (double)n);
    qlist_free(&terms);
    qlist_free(&title);
    return q;
}

static bool same_words(char *const *a, size_t n, char *const *b, size_t m)
{
    if (n != m)
        return false;
    for (size_t i = 0; i < n; i++)
        if (strcmp(a[i], b[i]) != 0)
            return false;
    return true;
}

/* Words that name a synonym group: any of its alternatives, each searched
 * as a term or phrase of its own.  Not OP_SYNONYM, whose frequency Xapian
 * estimates shard by shard: a sharded index would score differently from
 * one database.  Alternatives typed in capitals only are left out (the
 * index keeps no case: "us" finds the pronoun too) unless typed. */
static xc_query_t *concept_query(parser_t *p, char *const *words, size_t n, size_t group,
                                 bool highlight, qlist_t *titles)
{
    qlist_t alts = { 0 }, title = { 0 };
    qlist_t *t = titles ? &title : NULL;
    qlist_push(p, &alts, alternative_query(p, words, n, highlight, t));
    size_t at = 0;
    for (const pc_synonym_t *a; (a = pc_synonyms_next(p->syn, group, &at));)
        if (!a->exact && !same_words(a->words, a->n_words, words, n))
            qlist_push(p, &alts, alternative_query(p, a->words, a->n_words, highlight, t));
    if (titles)
        qlist_push(p, titles, qlist_take(p, &title, XC_OP_OR));
    xc_query_t *q = qlist_take(p, &alts, XC_OP_OR);
    qlist_free(&alts);
    qlist_free(&title);
    return q;
}

static bool is_free(const item_t *it)
{
    return it->kind == IT_WORDS && !it->negated && !it->required;
}

/* The words of items[0..n_items), read as one run: appends to out a query
 * per word, or per words that name a synonym group ("european union").
 * With stops, lone stopwords go there; with titles, title terms there. */
static void words_queries(parser_t *p, const item_t *items, size_t n_items, bool highlight,
                          qlist_t *out, qlist_t *stops, qlist_t *titles)
{
    size_t n = 0;
    for (size_t k = 0; k < n_items; k++)
        n += items[k].n_words;
    char **words = calloc(n + 1, sizeof *words), **stems = calloc(n + 1, sizeof *stems);
    bool *caps = calloc(n + 1, sizeof *caps);
    if (!words || !stems || !caps)
        p->st = PRESSCUT_NOMEM;
    for (size_t k = 0, at = 0; k < n_items && p->st == PRESSCUT_OK; k++)
        for (size_t w = 0; w < items[k].n_words; w++, at++) {
            words[at] = items[k].words[w];
            caps[at] = items[k].caps[w] && p->caps_tell;
            if (p->syn && !(stems[at] = pc_stem_word(p->stem, words[at], strlen(words[at]))))
                p->st = PRESSCUT_NOMEM;
        }
    for (size_t i = 0; i < n && p->st == PRESSCUT_OK;) {
        size_t group = 0;
        size_t len = p->syn ? pc_synonyms_match(p->syn, stems + i, caps + i, n - i, &group) : 0;
        if (len) {
            qlist_push(p, out, concept_query(p, words + i, len, group, highlight, titles));
            i += len;
        } else if (stops && pc_is_stopword(words[i], strlen(words[i]))) {
            qlist_push(p, stops, term_query(p, "", words[i++]));
        } else {
            qlist_push(p, out, alternative_query(p, words + i++, 1, highlight, titles));
        }
    }
    for (size_t i = 0; stems && i < n; i++)
        free(stems[i]);
    free(stems);
    free(words);
    free(caps);
}

/* The query of one item that is not free words. */
static xc_query_t *item_query(parser_t *p, const item_t *it)
{
    if (it->kind == IT_DATE)
        return xc_query_value_range(PC_SLOT_DATE, it->lo[0] ? it->lo : NULL,
                                    it->hi[0] ? it->hi : NULL);
    if (it->n_words == 0)
        return NULL;
    if (it->kind == IT_WILDCARD) {
        if (strset_add(&p->out->prefixes, it->words[0], strlen(it->words[0])) != PRESSCUT_OK)
            p->st = PRESSCUT_NOMEM;
        return xc_query_wildcard(it->words[0], WILDCARD_MAX);
    }
    const char *prefix = it->kind == IT_TITLE ? "S" : it->kind == IT_SOURCE ? "XS" : "";
    xc_query_t **subs = calloc(it->n_words, sizeof *subs);
    if (!subs) {
        p->st = PRESSCUT_NOMEM;
        return NULL;
    }
    for (size_t i = 0; i < it->n_words; i++) {
        subs[i] = term_query(p, prefix, it->words[i]);
        if (it->kind != IT_SOURCE &&
            strset_add(&p->out->words, it->words[i], strlen(it->words[i])) != PRESSCUT_OK)
            p->st = PRESSCUT_NOMEM;
        if (!subs[i]) {
            for (size_t j = 0; j < i; j++)
                xc_query_destroy(subs[j]);
            free(subs);
            return NULL;
        }
    }
    xc_op_t op = XC_OP_AND;
    unsigned window = 0;
    if (it->kind == IT_PHRASE && it->n_words > 1)
        op = XC_OP_PHRASE;
    else if (it->kind == IT_NEAR) {
        op = XC_OP_NEAR;
        window = it->window + (unsigned)it->n_words - 1;
    }
    xc_query_t *q = combine(p, op, subs, it->n_words, window);
    free(subs);
    return q;
}

/* One OR-group: items [from, to).  *strict gets the query with every free
 * word required, *loose (NULL if the same) the one with any of them; the
 * title terms of its free words go to title_terms. */
static void build_group(parser_t *p, size_t from, size_t to, xc_query_t **strict,
                        xc_query_t **loose, qlist_t *title_terms)
{
    qlist_t req = { 0 }, filt = { 0 }, neg = { 0 }, free_terms = { 0 }, stop_terms = { 0 };
    qlist_t phrases = { 0 };
    *strict = *loose = NULL;
    for (size_t i = from; i < to && p->st == PRESSCUT_OK; i++) {
        const item_t *it = &p->items[i];
        if (is_free(it)) {
            /* Free words in a row: a synonym's words may span them. */
            size_t end = i + 1;
            while (end < to && is_free(&p->items[end]))
                end++;
            words_queries(p, it, end - i, true, &free_terms, &stop_terms, title_terms);
            i = end - 1;
            continue;
        }
        xc_query_t *q;
        if (it->kind == IT_WORDS) {
            qlist_t words = { 0 };
            words_queries(p, it, 1, !it->negated, &words, NULL, NULL);
            q = qlist_take(p, &words, XC_OP_AND);
            qlist_free(&words);
        } else {
            q = item_query(p, it);
        }
        if (!q)
            continue;
        if (it->negated)
            qlist_push(p, &neg, q);
        else if (it->kind == IT_DATE || it->kind == IT_SOURCE)
            qlist_push(p, &filt, q);
        else if (it->kind == IT_PHRASE && !it->required)
            qlist_push(p, &phrases, q);
        else
            qlist_push(p, &req, q);
    }
    /* Stopwords count only when the query has nothing else to search. */
    if (free_terms.n == 0 && req.n == 0 && phrases.n == 0) {
        for (size_t i = 0; i < stop_terms.n; i++)
            qlist_push(p, &free_terms, stop_terms.v[i]);
        stop_terms.n = 0;
    }
    size_t n_free = free_terms.n;
    xc_query_t *all = NULL, *any = NULL;
    bool is_long = n_free > LONG_QUERY_WORDS;
    p->out->question = p->out->question || is_long;
    /* In a question, a quoted title or phrase is one more thing to look
     * for, not a filter: cacm's questions quote papers that no abstract
     * holds word for word, and requiring them found nothing at all. */
    for (size_t i = 0; i < phrases.n; i++)
        qlist_push(p, is_long ? &free_terms : &req, phrases.v[i]);
    phrases.n = 0;
    if (n_free > 1 && p->st == PRESSCUT_OK && !is_long) {
        qlist_t copy = { 0 };
        for (size_t i = 0; i < n_free; i++)
            qlist_push(p, &copy, xc_query_scale(free_terms.v[i], 1.0));
        any = qlist_take(p, &copy, XC_OP_OR);
        qlist_free(&copy);
    }
    all = qlist_take(p, &free_terms, is_long ? XC_OP_OR : XC_OP_AND);
    xc_query_t *required = qlist_take(p, &req, XC_OP_AND);
    xc_query_t *filters = qlist_take(p, &filt, XC_OP_AND);
    xc_query_t *negs = qlist_take(p, &neg, XC_OP_OR);

    xc_query_t *tiers[2] = { all, any };
    for (int t = 0; t < 2; t++) {
        xc_query_t *q = tiers[t];
        if (t == 1 && !q)
            break;
        if (required) {
            xc_query_t *pair[2] = { xc_query_scale(required, 1.0), q };
            q = q ? combine(p, XC_OP_AND, pair, 2, 0) : pair[0];
        }
        if (!q && (filters || negs))
            q = xc_query_match_all();
        if (q && filters) {
            xc_query_t *pair[2] = { q, xc_query_scale(filters, 1.0) };
            q = combine(p, XC_OP_FILTER, pair, 2, 0);
        }
        if (q && negs) {
            xc_query_t *pair[2] = { q, xc_query_scale(negs, 1.0) };
            q = combine(p, XC_OP_AND_NOT, pair, 2, 0);
        }
        *(t == 0 ? strict : loose) = q;
    }
    xc_query_destroy(required);
    xc_query_destroy(filters);
    xc_query_destroy(negs);
    qlist_free(&req);
    qlist_free(&filt);
    qlist_free(&neg);
    qlist_free(&free_terms);
    qlist_free(&stop_terms);
    qlist_free(&phrases);
}

/* Free words and phrases, nothing that filters: a title may stand for them. */
static bool only_words(const parser_t *p)
{
    for (size_t i = 0; i < p->n_items; i++) {
        const item_t *it = &p->items[i];
        if (!is_free(it) && !(it->kind == IT_PHRASE && !it->negated && !it->required))
            return false;
        if (i > 0 && it->or_before)
            return false;
    }
    return true;
}

/* The title only adds weight, and never makes a passage match.  It is added
 * once, at the top: Xapian 1.4 can miss documents of an OR of AND_MAYBEs
 * whose optional side is scaled (seen with "china OR india" on bbc). */
static xc_query_t *with_titles(parser_t *p, xc_query_t *q, xc_query_t *boost)
{
    if (!q || !boost)
        return q;
    xc_query_t *pair[2] = { q, xc_query_scale(boost, TITLE_WEIGHT) };
    return combine(p, XC_OP_AND_MAYBE, pair, 2, 0);
}

presscut_status_t pc_query_parse(pc_tokenizer_t *tk, xc_stem_t *stem,
                                 const pc_synonyms_t *syn, const char *text, pc_query_t *out,
                                 char **msg)
{
    parser_t p = { .tk = tk, .stem = stem, .syn = syn, .operators = has_lower(text),
                   .out = out };
    memset(out, 0, sizeof *out);
    lex(&p, text);
    p.caps_tell = p.operators || (p.n_items == 1 && p.items[0].n_words == 1);

    qlist_t stricts = { 0 }, looses = { 0 }, titles = { 0 };
    bool two_tiers = false;
    size_t from = 0;
    for (size_t i = 1; i <= p.n_items && p.st == PRESSCUT_OK; i++) {
        if (i < p.n_items && !p.items[i].or_before)
            continue;
        xc_query_t *s, *l;
        build_group(&p, from, i, &s, &l, &titles);
        if (s) {
            qlist_push(&p, &looses, xc_query_scale(l ? l : s, 1.0));
            qlist_push(&p, &stricts, s);
        }
        two_tiers |= l != NULL;
        xc_query_destroy(l);
        from = i;
    }
    if (p.st == PRESSCUT_OK) {
        xc_query_t *boost = qlist_take(&p, &titles, XC_OP_OR);
        out->strict = with_titles(&p, qlist_take(&p, &stricts, XC_OP_OR), boost);
        out->loose = two_tiers ? with_titles(&p, qlist_take(&p, &looses, XC_OP_OR), boost) : NULL;
        if (boost && only_words(&p))
            out->titled = boost;
        else
            xc_query_destroy(boost);
        if (!out->strict && p.st == PRESSCUT_OK) {
            p.st = PRESSCUT_EMPTY;
            p.msg = strdup("the query has no words to search for");
        }
    }
    qlist_free(&stricts);
    qlist_free(&looses);
    qlist_free(&titles);
    for (size_t i = 0; i < p.n_items; i++)
        item_free(&p.items[i]);
    free(p.items);
    if (p.st != PRESSCUT_OK) {
        pc_query_free(out);
        if (msg)
            *msg = p.msg;
        else
            free(p.msg);
        return p.st;
    }
    free(p.msg);
    return PRESSCUT_OK;
}

void pc_query_free(pc_query_t *q)
{
    xc_query_destroy(q->strict);
    xc_query_destroy(q->loose);
    xc_query_destroy(q->titled);
    strset_free(&q->words);
    strset_free(&q->stems);
    strset_free(&q->prefixes);
    memset(q, 0, sizeof *q);
}
