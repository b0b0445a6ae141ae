#include "queryparse.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datefmt.h"
#include "schema.h"
#include "language.h"
#include "stem.h"
#include "utf8.h"

/* Beyond this many expansions a wildcard is too vague to be useful. */
#define WILDCARD_MAX 1024
#define NEAR_DEFAULT 10
/* Beyond this many free words (a sentence, not keywords) requiring all of
 * them finds next to nothing: rank by BM25 over any of them at once. */
#define LONG_QUERY_WORDS 4
/* A long query is a question, and gets pseudo-relevance feedback, when it
 * asks (a question word or mark) or reads as prose: at least this many
 * stopwords among its free words, or more content words than an analyst's
 * keywords run to.  Keyword strings drift under feedback to the wrong
 * paragraph (news-passages: MRR 0.378 with it on every long query, 0.449
 * with none); the 18 news queries that fire gain from it, and the test
 * collections' questions nearly all fire (bench/RESULTS.md).  With one
 * stopword for prose MRR was 0.477, with three 0.491, with two 0.496. */
#define QUESTION_STOPWORDS 2
#define KEYWORDS_MAX 8
/* Free words found in the article's title add this much of a title match's
 * BM25 weight (measured with `make eval`, see bench/RESULTS.md).  Ranking
 * articles, the title tells one story from another: at 0.25 adi fell to
 * MAP .396 (from .415), cacm to .317 (from .330).  Ranking passages, the
 * title is on every passage of its article, so it tells the article but
 * not the paragraph, and at 0.5 lifted every passage of a story named in
 * its headline above the paragraph that says it: news-passages MRR 0.451
 * at 0.5, 0.496 at 0.25 (odd .492 -> .538, even .410 -> .455), 0.493 at
 * 0.2, 0.496 at 0.15, 0.465 at 0, 0.401 at 1. */
#define TITLE_WEIGHT 0.5
#define TITLE_WEIGHT_PASSAGES 0.25
/* Of that, the share the title's word gets for being the query's word
 * itself; the rest goes to its stem, which other forms match too.  By
 * stem alone cacm lost what adi and lisa gained (bench/RESULTS.md). */
#define TITLE_EXACT_SHARE 0.3

/* Another language's stem of a query word shorter than this many
 * characters is left out (unless it is the word itself): a stemmer strips
 * what would be a suffix in its language from words of any, and Turkish
 * made "otan" (French) "o", which a Serbian article has as a word. */
#define MIN_OTHER_STEM 3

/* ---- sets of strings ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t pc_strset_find(const pc_strset_t *s, const char *str, size_t len)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(s->v[mid], str, len);
        if (c == 0 && s->v[mid][len] != '\0')
            c = 1;
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return s->n;
}

bool pc_strset_has(const pc_strset_t *s, const char *str, size_t len)
{
    return pc_strset_find(s, str, len) < s->n;
}

/* s's element e against str[0..len), as strcmp() orders strings. */
static int cmp_elem(const char *e, const char *str, size_t len)
{
    size_t n = strlen(e);
    int c = memcmp(e, str, n < len ? n : len);
    return c ? c : n < len ? -1 : n > len;
}

bool pc_strset_has_prefix_of(const pc_strset_t *s, const char *str, size_t len)
{
    /* Let e be the last element not after str[0..m).  A prefix p of it
     * there may be is not after e either, and every element between p and
     * str[0..m) begins with p, e too: so p is no longer than what e and
     * str share, and m shrinks to that until e is the prefix. */
    for (size_t m = len;;) {
        size_t lo = 0, hi = s->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (cmp_elem(s->v[mid], str, m) <= 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == 0)
            return false;
        const char *e = s->v[lo - 1];
        size_t same = 0;
        while (same < m && e[same] == str[same])
            same++;
        if (e[same] == '\0')
            return true;
        m = same;
    }
}

/* Adds str unsorted: a set is sorted once, by strset_seal(), when the
 * parse is done, since sorting on every add made a long query quadratic. */
static presscut_status_t strset_add(pc_strset_t *s, const char *str, size_t len)
{
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
    return PRESSCUT_OK;
}

/* Sorts the set and drops its duplicates. */
static void strset_seal(pc_strset_t *s)
{
    if (s->n == 0)
        return;
    qsort(s->v, s->n, sizeof *s->v, cmp_str);
    size_t k = 1;
    for (size_t i = 1; i < s->n; i++) {
        if (strcmp(s->v[i], s->v[k - 1]) == 0)
            free(s->v[i]);
        else
            s->v[k++] = s->v[i];
    }
    s->n = k;
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
    size_t n = pc_stem_apply(stem, word, len, buf, cap);
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
        pc_stem_apply(stem, word, len, buf, n + 1);
    }
    return buf;
}

/* ---- items ---- */

typedef enum item_kind {
    IT_WORDS,        /* free words, or +words */
    IT_PHRASE,
    IT_NEAR,
    IT_ADJ,
    IT_WILDCARD,
    IT_TITLE,
    IT_SOURCE,
    IT_LANGUAGE,     /* its one word: the language's code */
    IT_DATE
} item_kind_t;

typedef struct item {
    item_kind_t kind;
    bool negated;            /* -x, NOT x */
    bool required;           /* +x */
    char **words;            /* normalized words, in order */
    /* Each the other terms its word stands for (tokenize.h's also:
     * Müller's mueller, l'OTAN's otan), NUL-separated and ending in an
     * empty one, or NULL when none. */
    char **forms;
    bool *caps;              /* each typed in capitals (no lower-case letter) */
    /* Each the tokenizer's split of a typed word, right after the word
     * before it with nothing between ("安全保障" -> 安全, 保障). */
    bool *joined;
    size_t n_words, cap_words;
    unsigned window;         /* NEAR, ADJ: Xapian's window, words included */
    char lo[11], hi[11];     /* DATE */
} item_t;

/* What the lexer reads a query into. */
typedef enum tok_kind {
    T_END, T_WORD, T_PHRASE, T_FIELD, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT,
    T_NEAR, T_ADJ, T_PLUS, T_MINUS
} tok_kind_t;

typedef struct token {
    tok_kind_t kind;
    size_t at;               /* its first byte in the query, for messages */
    const char *s;           /* WORD: the chunk; PHRASE, FIELD: the value */
    size_t len;
    item_kind_t field;       /* FIELD: IT_TITLE, IT_SOURCE, IT_LANGUAGE or IT_DATE */
    unsigned window;         /* NEAR, ADJ: the N of NEAR/N */
} token_t;

/* The parse tree: a sequence is what juxtaposed words make (an AND whose
 * free words rank in two tiers, all then any); AND and OR are explicit. */
typedef enum node_kind { N_ITEM, N_SEQ, N_AND, N_OR } node_kind_t;

typedef struct node {
    node_kind_t kind;
    bool negated, required;  /* of a group: -(...), +(...) */
    size_t item;             /* N_ITEM: index in parser_t.items */
    struct node **kids;
    size_t n_kids, cap_kids;
} node_t;

typedef struct parser {
    pc_tokenizer_t *tk;
    xc_stem_t *stem;
    const pc_stemset_t *others;  /* the index's other languages' stemmers, or NULL */
    const pc_synonyms_t *syn;
    const char *text;
    token_t *toks;
    size_t n_toks, cap_toks, pos;
    item_t *items;
    size_t n_items, cap_items;
    bool operators;          /* false for an all-capitals query */
    /* Whether capitals tell an acronym from a word ("US" from "us"): not
     * in an all-capitals query, unless the acronym is all of it. */
    bool caps_tell;
    /* Building the inside of -(...): nothing there is highlighted. */
    unsigned excluding;
    bool per_passage;        /* ranking passages, not articles: less title weight */
    /* Pairs (a word's alternative, the word) among out->group_words: a
     * snippet reads them as one word (pc_query_t.group_canon). */
    char **links;
    size_t n_links, cap_links;
    presscut_status_t st;
    char *msg;
    pc_query_t *out;
} parser_t;

static void item_free(item_t *it)
{
    for (size_t i = 0; i < it->n_words; i++) {
        free(it->words[i]);
        free(it->forms[i]);
    }
    free(it->words);
    free(it->forms);
    free(it->caps);
    free(it->joined);
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

/* Drops the item made last. */
static void pop_item(parser_t *p)
{
    item_free(&p->items[--p->n_items]);
}
typedef struct collect {
    item_t *it;
    const char *text;
    size_t prev_end;         /* where the word before ended, if it->n_words */
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

/* Makes room in it for n words. */
static presscut_status_t reserve_words(item_t *it, size_t n)
{
    if (n <= it->cap_words)
        return PRESSCUT_OK;
    size_t cap = it->cap_words ? 2 * it->cap_words : 4;
    while (cap < n)
        cap *= 2;
    char **v = realloc(it->words, cap * sizeof *v);
    if (v)
        it->words = v;
    char **forms = v ? realloc(it->forms, cap * sizeof *forms) : NULL;
    if (forms)
        it->forms = forms;
    bool *caps = forms ? realloc(it->caps, cap * sizeof *caps) : NULL;
    if (caps)
        it->caps = caps;
    bool *joined = caps ? realloc(it->joined, cap * sizeof *joined) : NULL;
    if (!joined)
        return PRESSCUT_NOMEM;
    it->joined = joined;
    it->cap_words = cap;
    return PRESSCUT_OK;
}

/* t's also[] as item_t.forms has them, into *out (NULL when none);
 * false when out of memory. */
static bool forms_of(const pc_token_t *t, char **out)
{
    *out = NULL;
    if (!t->n_also)
        return true;
    size_t n = 1;
    for (unsigned i = 0; i < t->n_also; i++)
        n += t->also_len[i] + 1;
    char *f = malloc(n);
    if (!f)
        return false;
    n = 0;
    for (unsigned i = 0; i < t->n_also; i++) {
        memcpy(f + n, t->also[i], t->also_len[i]);
        n += t->also_len[i];
        f[n++] = '\0';
    }
    f[n] = '\0';
    *out = f;
    return true;
}

static int collect_word(void *ctx, const pc_token_t *t)
{
    collect_t *c = ctx;
    item_t *it = c->it;
    if (reserve_words(it, it->n_words + 1) != PRESSCUT_OK ||
        !forms_of(t, &it->forms[it->n_words]))
        goto nomem;
    if (!(it->words[it->n_words] = strndup(t->word, t->len))) {
        free(it->forms[it->n_words]);
        goto nomem;
    }
    it->caps[it->n_words] = typed_in_capitals(c->text + t->start, t->end - t->start);
    it->joined[it->n_words] = it->n_words > 0 && t->start == c->prev_end;
    it->n_words++;
    c->prev_end = t->end;
    return 0;
nomem:
    c->st = PRESSCUT_NOMEM;
    return 1;
}

/* Tokenizes text into its words, with the same tokenizer as the index. */
static void add_words(parser_t *p, item_t *it, const char *text, size_t len)
{
    collect_t c = { it, text, 0, PRESSCUT_OK };
    presscut_status_t st = pc_tokenize(p->tk, text, len, 1, collect_word, &c, NULL);
    if (st == PRESSCUT_OK)
        st = c.st;
    if (st != PRESSCUT_OK && p->st == PRESSCUT_OK) {
        p->st = st;
        p->msg = strdup(pc_tokenizer_error(p->tk));
    }
}


/* ---- lexing ---- */

size_t pc_quote_len(const char *s)
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

/* The query is refused with a message that points at byte `at` of it,
 * counted in characters from 1 as an editor counts them. */
static void syntax_error(parser_t *p, size_t at, const char *fmt, ...)
{
    if (p->st != PRESSCUT_OK)
        return;
    size_t chars = 1;
    for (size_t i = 0; i < at; i++)
        chars += ((unsigned char)p->text[i] & 0xC0) != 0x80;
    char *what = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&what, fmt, ap);
    va_end(ap);
    p->st = PRESSCUT_BAD_QUERY;
    if (n < 0 || asprintf(&p->msg, "cannot parse the query: %s at character %zu", what,
                          chars) < 0)
        p->msg = NULL;
    free(what);
}

static void bad_query(parser_t *p, const char *fmt, const char *s, size_t len)
{
    if (p->st != PRESSCUT_OK)
        return;
    p->st = PRESSCUT_BAD_QUERY;
    if (asprintf(&p->msg, fmt, (int)len, s) < 0)
        p->msg = NULL;
}

static void push_tok(parser_t *p, tok_kind_t kind, size_t at, size_t len)
{
    if (p->n_toks == p->cap_toks) {
        size_t cap = p->cap_toks ? 2 * p->cap_toks : 16;
        token_t *v = realloc(p->toks, cap * sizeof *v);
        if (!v) {
            p->st = PRESSCUT_NOMEM;
            return;
        }
        p->toks = v;
        p->cap_toks = cap;
    }
    p->toks[p->n_toks++] = (token_t){ .kind = kind, .at = at, .s = p->text + at, .len = len };
}

/* Where a chunk of the query (a word, a field and its value) ends. */
static bool ends_chunk(const char *s)
{
    return !*s || isspace((unsigned char)*s) || *s == '(' || *s == ')' || pc_quote_len(s);
}

/* The field a chunk starts with, and the length of its name and colon;
 * 0 if it starts with none. */
static size_t field_name(const char *s, size_t len, item_kind_t *kind)
{
    static const struct {
        const char *name;
        item_kind_t kind;
    } fields[] = { { "title:", IT_TITLE }, { "source:", IT_SOURCE },
                   { "language:", IT_LANGUAGE }, { "date:", IT_DATE } };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        size_t n = strlen(fields[i].name);
        if (len >= n && strncasecmp(s, fields[i].name, n) == 0) {
            *kind = fields[i].kind;
            return n;
        }
    }
    return 0;
}

/* NEAR, NEAR/n, ADJ, ADJ/n: their token kind and n, else T_END. */
static tok_kind_t proximity(parser_t *p, const char *s, size_t len, size_t at, unsigned *n)
{
    tok_kind_t kind = T_END;
    size_t name = 0;
    if (len >= 4 && memcmp(s, "NEAR", 4) == 0)
        kind = T_NEAR, name = 4;
    else if (len >= 3 && memcmp(s, "ADJ", 3) == 0)
        kind = T_ADJ, name = 3;
    *n = NEAR_DEFAULT;
    if (kind == T_END || len == name)
        return kind;
    if (s[name] != '/')
        return T_END;          /* NEARBY, ADJUST: words */
    unsigned v = 0;
    size_t i = name + 1;
    for (; i < len && isdigit((unsigned char)s[i]) && v <= PC_MAX_NEAR; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    if (i < len || i == name + 1 || v < 1 || v > PC_MAX_NEAR) {
        syntax_error(p, at, "'%.*s' is not %.*s/N with N from 1 to %d", (int)len, s,
                     (int)name, s, PC_MAX_NEAR);
        return T_END;
    }
    *n = v;
    return kind;
}

/* A quoted phrase opening at byte at; returns where the query goes on. */
static size_t lex_phrase(parser_t *p, tok_kind_t kind, size_t tok_at, size_t at,
                         item_kind_t field)
{
    size_t q = pc_quote_len(p->text + at), open = at + q, close = open;
    while (p->text[close] && !pc_quote_len(p->text + close))
        close++;
    if (!p->text[close]) {
        syntax_error(p, at, "unbalanced '%.*s'", (int)q, p->text + at);
        return close;
    }
    push_tok(p, kind, tok_at, close - open);
    if (p->st == PRESSCUT_OK) {
        p->toks[p->n_toks - 1].s = p->text + open;
        p->toks[p->n_toks - 1].field = field;
    }
    return close + pc_quote_len(p->text + close);
}

static void lex(parser_t *p)
{
    const char *text = p->text;
    size_t i = 0;
    while (text[i] && p->st == PRESSCUT_OK) {
        const char *s = text + i;
        if (isspace((unsigned char)*s)) {
            i++;
            continue;
        }
        if (*s == '(' || *s == ')') {
            push_tok(p, *s == '(' ? T_LPAREN : T_RPAREN, i, 1);
            i++;
            continue;
        }
        if (pc_quote_len(s)) {
            i = lex_phrase(p, T_PHRASE, i, i, IT_PHRASE);
            continue;
        }
        /* + and - bind to what follows at once; alone, or doubled as in
         * "--", they are punctuation. */
        if ((*s == '-' || *s == '+') && s[1] && !isspace((unsigned char)s[1]) && s[1] != ')' &&
            s[1] != '-' && s[1] != '+') {
            push_tok(p, *s == '-' ? T_MINUS : T_PLUS, i, 1);
            i++;
            continue;
        }
        size_t n = 0;
        while (!ends_chunk(s + n))
            n++;
        item_kind_t field = IT_WORDS;
        size_t name = field_name(s, n, &field);
        unsigned window;
        tok_kind_t op;
        if (name && pc_quote_len(s + name)) {
            i = lex_phrase(p, T_FIELD, i, i + name, field);
            continue;
        }
        if (name && name == n) {
            syntax_error(p, i, "'%.*s' needs a word or a \"phrase\" after it", (int)n, s);
        } else if (!name) {
            if (p->operators && (chunk_is(s, n, "AND") || chunk_is(s, n, "OR") ||
                                      chunk_is(s, n, "NOT")))
                push_tok(p, s[0] == 'A' ? T_AND : s[0] == 'O' ? T_OR : T_NOT, i, n);
            else if (p->operators && (op = proximity(p, s, n, i, &window)) != T_END) {
                push_tok(p, op, i, n);
                if (p->st == PRESSCUT_OK)
                    p->toks[p->n_toks - 1].window = window;
            } else
                push_tok(p, T_WORD, i, n);
        } else {
            push_tok(p, T_FIELD, i, n - name);
            if (p->st == PRESSCUT_OK) {
                p->toks[p->n_toks - 1].s = s + name;
                p->toks[p->n_toks - 1].field = field;
            }
        }
        i += n;
    }
    push_tok(p, T_END, i, 0);
}

/* ---- parsing: query text -> items and a tree over them ---- */

static node_t *new_node(parser_t *p, node_kind_t kind)
{
    node_t *n = calloc(1, sizeof *n);
    if (!n)
        p->st = PRESSCUT_NOMEM;
    else
        n->kind = kind;
    return n;
}

static void node_free(node_t *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n_kids; i++)
        node_free(n->kids[i]);
    free(n->kids);
    free(n);
}

static void add_kid(parser_t *p, node_t *n, node_t *kid)
{
    if (n->n_kids == n->cap_kids) {
        size_t cap = n->cap_kids ? 2 * n->cap_kids : 4;
        node_t **v = realloc(n->kids, cap * sizeof *v);
        if (!v) {
            p->st = PRESSCUT_NOMEM;
            node_free(kid);
            return;
        }
        n->kids = v;
        n->cap_kids = cap;
    }
    n->kids[n->n_kids++] = kid;
}

/* A node for the item made last, or NULL (dropping it) when it has no
 * words: punctuation, like white space, is not searched. */
static node_t *item_node(parser_t *p)
{
    item_t *it = &p->items[p->n_items - 1];
    if (p->st != PRESSCUT_OK || (it->kind != IT_DATE && it->n_words == 0)) {
        pop_item(p);
        return NULL;
    }
    node_t *n = new_node(p, N_ITEM);
    if (n)
        n->item = p->n_items - 1;
    return n;
}

/* language:sr, language:serbian, language:sr-Latn: the code, as indexed. */
static void parse_language(parser_t *p, item_t *it, const char *v, size_t len)
{
    const pc_language_t *l = pc_language_find(v, len);
    if (!l || !l->code[0]) {
        bad_query(p, "unknown language 'language:%.*s': give a name or an ISO 639 code", v, len);
        return;
    }
    if (reserve_words(it, 1) != PRESSCUT_OK || !(it->words[0] = strdup(l->code))) {
        p->st = PRESSCUT_NOMEM;
        return;
    }
    it->forms[0] = NULL;
    it->caps[0] = it->joined[0] = false;
    it->n_words = 1;
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
    else if (it->lo[0] && it->hi[0] && strcmp(it->lo, it->hi) > 0)
        bad_query(p, "the date range 'date:%.*s' ends before it starts", v, len);
}

/* A chunk of words; a * at its end makes its last word a prefix. */
static node_t *word_node(parser_t *p, const token_t *t)
{
    bool wild = t->len > 1 && t->s[t->len - 1] == '*';
    item_t *it = new_item(p, IT_WORDS);
    if (!it)
        return NULL;
    add_words(p, it, t->s, t->len - wild);
    if (!wild || p->st != PRESSCUT_OK || it->n_words == 0)
        return item_node(p);
    char *last = it->words[--it->n_words];
    free(it->forms[it->n_words]);   /* a prefix is matched as typed */
    node_t *words = item_node(p);
    if (!(it = new_item(p, IT_WILDCARD)) || reserve_words(it, 1) != PRESSCUT_OK) {
        free(last);
        p->st = PRESSCUT_NOMEM;
        node_free(words);
        return NULL;
    }
    it->words[0] = last;
    it->forms[0] = NULL;
    it->caps[0] = false;
    it->joined[0] = false;
    it->n_words = 1;
    node_t *prefix = item_node(p);
    if (!words)
        return prefix;
    node_t *seq = new_node(p, N_SEQ);
    if (seq) {
        add_kid(p, seq, words);
        add_kid(p, seq, prefix);
    } else {
        node_free(words);
        node_free(prefix);
    }
    return seq;
}

static node_t *parse_or(parser_t *p);

static const token_t *next_tok(parser_t *p)
{
    const token_t *t = &p->toks[p->pos];
    if (t->kind != T_END)
        p->pos++;
    return t;
}

static tok_kind_t peek(const parser_t *p)
{
    return p->toks[p->pos].kind;
}

static bool starts_primary(tok_kind_t k)
{
    return k == T_WORD || k == T_PHRASE || k == T_FIELD || k == T_LPAREN;
}

/* A word, a phrase, a field, or a query in parentheses. */
static node_t *parse_primary(parser_t *p)
{
    const token_t *t = next_tok(p);
    item_t *it;
    switch (t->kind) {
    case T_WORD:
        return word_node(p, t);
    case T_PHRASE:
        if ((it = new_item(p, IT_PHRASE)))
            add_words(p, it, t->s, t->len);
        return it ? item_node(p) : NULL;
    case T_FIELD:
        if (!(it = new_item(p, t->field)))
            return NULL;
        if (t->field == IT_DATE)
            parse_date(p, it, t->s, t->len);
        else if (t->field == IT_LANGUAGE)
            parse_language(p, it, t->s, t->len);
        else
            add_words(p, it, t->s, t->len);
        return item_node(p);
    case T_LPAREN: {
        node_t *n = parse_or(p);
        if (p->st == PRESSCUT_OK && peek(p) != T_RPAREN)
            syntax_error(p, t->at, "unbalanced '('");
        next_tok(p);
        if (p->st == PRESSCUT_OK)
            return n;
        node_free(n);
        return NULL;
    }
    default:
        return NULL;
    }
}

static const char *const op_names[] = {
    [T_AND] = "AND", [T_OR] = "OR", [T_NOT] = "NOT", [T_NEAR] = "NEAR", [T_ADJ] = "ADJ",
    [T_PLUS] = "+", [T_MINUS] = "-", [T_RPAREN] = ")",
};

/* A word, or words joined by NEAR/n (any order) or ADJ/n (in order): one
 * item of all their words, as Xapian's QueryParser makes them, the window
 * the largest n asked for plus one per word but the first. */
static node_t *parse_near(parser_t *p)
{
    node_t *n = parse_primary(p);
    if (p->st != PRESSCUT_OK || (peek(p) != T_NEAR && peek(p) != T_ADJ))
        return n;
    const token_t *op = &p->toks[p->pos];
    unsigned window = 0;
    bool words = n && n->kind == N_ITEM && p->items[n->item].kind == IT_WORDS;
    while (p->st == PRESSCUT_OK && (peek(p) == T_NEAR || peek(p) == T_ADJ)) {
        const token_t *t = next_tok(p);
        if (t->kind != op->kind) {
            syntax_error(p, t->at, "NEAR and ADJ cannot be mixed");
            break;
        }
        window = t->window > window ? t->window : window;
        size_t before = p->n_items;
        node_t *m = peek(p) == T_WORD ? parse_primary(p) : NULL;
        if (!words || !m || m->kind != N_ITEM || p->n_items != before + 1 ||
            p->items[m->item].kind != IT_WORDS) {
            node_free(m);
            syntax_error(p, t->at, "'%.*s' needs a word on each side", (int)t->len, t->s);
            break;
        }
        /* The words of the item after it join the item before it. */
        item_t *prev = &p->items[n->item], *cur = &p->items[m->item];
        if (reserve_words(prev, prev->n_words + cur->n_words) != PRESSCUT_OK) {
            p->st = PRESSCUT_NOMEM;
            node_free(m);
            break;
        }
        memcpy(prev->words + prev->n_words, cur->words, cur->n_words * sizeof *cur->words);
        memcpy(prev->forms + prev->n_words, cur->forms, cur->n_words * sizeof *cur->forms);
        memcpy(prev->caps + prev->n_words, cur->caps, cur->n_words * sizeof *cur->caps);
        memcpy(prev->joined + prev->n_words, cur->joined, cur->n_words * sizeof *cur->joined);
        prev->joined[prev->n_words] = false;
        prev->n_words += cur->n_words;
        cur->n_words = 0;
        pop_item(p);
        node_free(m);
    }
    if (p->st != PRESSCUT_OK) {
        node_free(n);
        return NULL;
    }
    item_t *it = &p->items[n->item];
    it->kind = op->kind == T_NEAR ? IT_NEAR : IT_ADJ;
    it->window = window + (unsigned)it->n_words - 1;
    return n;
}

/* NOT x, -x (without x), +x (with x): they bind tighter than anything. */
static node_t *parse_unary(parser_t *p)
{
    tok_kind_t k = peek(p);
    if (k != T_NOT && k != T_MINUS && k != T_PLUS)
        return parse_near(p);
    const token_t *t = next_tok(p);
    if (!starts_primary(peek(p))) {
        syntax_error(p, t->at, "'%s' needs something after it", op_names[k]);
        return NULL;
    }
    node_t *n = parse_near(p);
    if (!n)
        return NULL;
    bool negated = k != T_PLUS;
    if (n->kind == N_ITEM) {
        p->items[n->item].negated = negated;
        p->items[n->item].required = !negated;
    } else {
        n->negated = negated;
        n->required = !negated;
    }
    return n;
}

/* Juxtaposed words and the like: a sequence.  A group in parentheses
 * that is a plain sequence joins it: (a b) c is a b c. */
static node_t *parse_seq(parser_t *p)
{
    node_t *seq = new_node(p, N_SEQ);
    while (seq && p->st == PRESSCUT_OK &&
           (starts_primary(peek(p)) || peek(p) == T_NOT || peek(p) == T_MINUS ||
            peek(p) == T_PLUS)) {
        node_t *n = parse_unary(p);
        if (!n)
            continue;
        if (n->kind == N_SEQ && !n->negated && !n->required) {
            for (size_t i = 0; i < n->n_kids; i++)
                add_kid(p, seq, n->kids[i]);
            n->n_kids = 0;
            node_free(n);
        } else {
            add_kid(p, seq, n);
        }
    }
    if (p->st != PRESSCUT_OK || (seq && seq->n_kids == 0)) {
        node_free(seq);
        return NULL;
    }
    return seq;
}

/* Operands joined by op (AND over sequences, OR over ANDs), as a node. */
static node_t *parse_binary(parser_t *p, tok_kind_t op, node_t *(*operand)(parser_t *))
{
    node_t *first = operand(p);
    if (p->st != PRESSCUT_OK || peek(p) != op)
        return first;
    node_t *n = first ? new_node(p, op == T_AND ? N_AND : N_OR) : NULL;
    if (n)
        add_kid(p, n, first);
    else
        node_free(first);
    while (p->st == PRESSCUT_OK && peek(p) == op) {
        const token_t *t = next_tok(p);
        node_t *m = n ? operand(p) : NULL;
        if (!m)
            syntax_error(p, t->at, "'%s' needs something on each side", op_names[op]);
        else
            add_kid(p, n, m);
    }
    if (p->st != PRESSCUT_OK) {
        node_free(n);
        return NULL;
    }
    return n;
}

static node_t *parse_and(parser_t *p)
{
    return parse_binary(p, T_AND, parse_seq);
}

static node_t *parse_or(parser_t *p)
{
    return parse_binary(p, T_OR, parse_and);
}

/* The whole query: NULL when it has nothing to search (or on error). */
static node_t *parse(parser_t *p)
{
    lex(p);
    if (p->st != PRESSCUT_OK)
        return NULL;
    node_t *root = parse_or(p);
    const token_t *t = &p->toks[p->pos];
    if (p->st == PRESSCUT_OK && t->kind != T_END) {
        if (t->kind == T_RPAREN)
            syntax_error(p, t->at, "unbalanced ')'");
        else
            syntax_error(p, t->at, "'%.*s' needs %s on each side", (int)t->len, t->s,
                         t->kind == T_NEAR || t->kind == T_ADJ ? "a word" : "something");
    }
    if (p->st != PRESSCUT_OK) {
        node_free(root);
        return NULL;
    }
    return root;
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

/* What a query word searches besides itself: the other terms it stands
 * for (item_t.forms) and, in a phrase, its spelling in Serbian Latin
 * (lib/stem.h), under which a Serbian article's Cyrillic word is indexed
 * too. */
typedef struct alts {
    const char *v[PC_MAX_ALSO + PC_SERBIAN_LATIN_FORMS];
    size_t n;
    char latin[PC_SERBIAN_LATIN_FORMS][PC_MAX_WORD + 1];
} alts_t;

static void alts_of(alts_t *a, const char *word, const char *forms, bool latin)
{
    a->n = 0;
    for (const char *f = forms; f && *f && a->n < PC_MAX_ALSO; f += strlen(f) + 1)
        a->v[a->n++] = f;
    for (int dj = 0; latin && dj < PC_SERBIAN_LATIN_FORMS; dj++) {
        size_t n = pc_serbian_latin_form(word, strlen(word), dj, a->latin[dj]);
        if (!n)
            continue;
        a->latin[dj][n] = '\0';
        bool dup = false;
        for (size_t k = 0; k < a->n && !dup; k++)
            dup = strcmp(a->v[k], a->latin[dj]) == 0;
        if (!dup)
            a->v[a->n++] = a->latin[dj];
    }
}

/* word under prefix, or any of its alternatives. */
static xc_query_t *alts_query(parser_t *p, const char *prefix, const char *word,
                              const alts_t *a)
{
    qlist_t l = { 0 };
    qlist_push(p, &l, term_query(p, prefix, word));
    for (size_t k = 0; k < a->n; k++)
        qlist_push(p, &l, term_query(p, prefix, a->v[k]));
    xc_query_t *q = p->st == PRESSCUT_OK ? qlist_take(p, &l, XC_OP_OR) : NULL;
    qlist_free(&l);
    return q;
}

/* Adds word and its alternatives to set; with link, each alternative is
 * remembered as the word's (parser_t.links). */
static void add_alts(parser_t *p, pc_strset_t *set, const char *word, const alts_t *a,
                     bool link)
{
    if (strset_add(set, word, strlen(word)) != PRESSCUT_OK)
        p->st = PRESSCUT_NOMEM;
    for (size_t k = 0; k < a->n && p->st == PRESSCUT_OK; k++) {
        if (strset_add(set, a->v[k], strlen(a->v[k])) != PRESSCUT_OK) {
            p->st = PRESSCUT_NOMEM;
            break;
        }
        if (!link)
            continue;
        if (p->n_links + 2 > p->cap_links) {
            size_t cap = p->cap_links ? 2 * p->cap_links : 16;
            char **v = realloc(p->links, cap * sizeof *v);
            if (!v) {
                p->st = PRESSCUT_NOMEM;
                break;
            }
            p->links = v;
            p->cap_links = cap;
        }
        char *alt = strdup(a->v[k]), *w = strdup(word);
        if (!alt || !w) {
            free(alt);
            free(w);
            p->st = PRESSCUT_NOMEM;
            break;
        }
        p->links[p->n_links++] = alt;
        p->links[p->n_links++] = w;
    }
}

/* The stems a query word searches, the first of them its own language's
 * (p->stem): one in an index of one language.  In an index of several,
 * each other language's too, when it differs ("Москва" finds "Москве" in
 * an English index that holds a Russian article).  Then the same for each
 * of its alternatives (Müller's mueller).  of[k] is the word or
 * alternative v[k] is a stem of. */
typedef struct stems {
    char **v;
    const char **of;
    size_t n;
} stems_t;

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static bool has_stem(const stems_t *st, const char *s)
{
    for (size_t k = 0; k < st->n; k++)
        if (strcmp(st->v[k], s) == 0)
            return true;
    return false;
}

static void stems_free(stems_t *st)
{
    for (size_t k = 0; k < st->n; k++)
        free(st->v[k]);
    free(st->v);
    free(st->of);
}

/* Appends word's stems to st (room made by the caller). */
static void add_stems(parser_t *p, stems_t *st, const char *word)
{
    size_t others = p->others && pc_has_stem_term(word, strlen(word))
                        ? pc_stemset_count(p->others) : 0;
    for (size_t i = 0; i <= others && p->st == PRESSCUT_OK; i++) {
        xc_stem_t *stem = i == 0 ? p->stem : pc_stemset_at(p->others, i - 1);
        if (i > 0 && stem == p->stem)
            continue;
        char *s = pc_stem_word(stem, word, strlen(word));
        if (!s) {
            p->st = PRESSCUT_NOMEM;
            break;
        }
        bool keep = !has_stem(st, s) &&
                    (i == 0 || chars(s) >= MIN_OTHER_STEM || strcmp(s, word) == 0);
        if (keep) {
            st->of[st->n] = word;
            st->v[st->n++] = s;
        } else {
            free(s);
        }
    }
}

static stems_t word_stems(parser_t *p, const char *word, const alts_t *a)
{
    size_t per = 1 + (p->others ? pc_stemset_count(p->others) : 0);
    stems_t st = { calloc(per * (a->n + 1), sizeof *st.v),
                   calloc(per * (a->n + 1), sizeof *st.of), 0 };
    if (!st.v || !st.of) {
        p->st = PRESSCUT_NOMEM;
        return st;
    }
    add_stems(p, &st, word);
    for (size_t k = 0; k < a->n; k++)
        add_stems(p, &st, a->v[k]);
    if (!st.n)
        p->st = PRESSCUT_NOMEM;
    return st;
}

/* A title's word: the word itself (or an alternative), and its stems' ZS
 * terms when it has them. */
static xc_query_t *title_word_query(parser_t *p, const char *word, const alts_t *a,
                                    const stems_t *st)
{
    if (!pc_has_stem_term(word, strlen(word)))
        return term_query(p, "S", word);
    qlist_t zs = { 0 };
    for (size_t k = 0; k < st->n; k++)
        qlist_push(p, &zs, term_query(p, PC_TITLE_STEM_PREFIX, st->v[k]));
    xc_query_t *pair[2] = { scaled(p, alts_query(p, "S", word, a), TITLE_EXACT_SHARE),
                            scaled(p, qlist_take(p, &zs, XC_OP_OR), 1.0 - TITLE_EXACT_SHARE) };
    qlist_free(&zs);
    if (!pair[0] || !pair[1]) {
        xc_query_destroy(pair[0]);
        xc_query_destroy(pair[1]);
        return NULL;
    }
    return combine(p, XC_OP_OR, pair, 2, 0);
}

/* A free word: any of its and its alternatives' stems' terms (forms:
 * item_t.forms).  Highlighted unless excluded.  Its title terms go to
 * titles when that is not NULL. */
static xc_query_t *stem_query(parser_t *p, const char *word, const char *forms, bool highlight,
                              qlist_t *titles)
{
    alts_t a;
    alts_of(&a, word, forms, false);
    stems_t st = word_stems(p, word, &a);
    qlist_t alts = { 0 };
    for (size_t k = 0; k < st.n && p->st == PRESSCUT_OK; k++) {
        if (highlight && strset_add(&p->out->stems, st.v[k], strlen(st.v[k])) != PRESSCUT_OK)
            p->st = PRESSCUT_NOMEM;
        xc_query_t *q = pc_stem_query(st.of[k], st.v[k]);
        if (!q)
            p->st = PRESSCUT_NOMEM;
        qlist_push(p, &alts, q);
    }
    if (st.n && titles && !pc_is_stopword(word, strlen(word)))
        qlist_push(p, titles, title_word_query(p, word, &a, &st));
    xc_query_t *q = p->st == PRESSCUT_OK ? qlist_take(p, &alts, XC_OP_OR) : NULL;
    qlist_free(&alts);
    stems_free(&st);
    return q;
}

/* Words that light up only where they matched together (pc_hlgroup_t),
 * each or its alternatives (forms: item_t.forms, or NULL; latin: its
 * Serbian Latin spelling too). */
static void add_group(parser_t *p, char *const *words, char *const *forms, bool latin, size_t n,
                      unsigned window, bool ordered)
{
    pc_query_t *q = p->out;
    if (q->n_groups == q->cap_groups) {
        size_t cap = q->cap_groups ? 2 * q->cap_groups : 8;
        pc_hlgroup_t *v = realloc(q->groups, cap * sizeof *v);
        if (!v) {
            p->st = PRESSCUT_NOMEM;
            return;
        }
        q->groups = v;
        q->cap_groups = cap;
    }
    pc_hlgroup_t *g = &q->groups[q->n_groups];
    *g = (pc_hlgroup_t){ calloc(n, sizeof *g->words), n, window, ordered };
    if (!g->words) {
        p->st = PRESSCUT_NOMEM;
        return;
    }
    q->n_groups++;
    for (size_t i = 0; i < n && p->st == PRESSCUT_OK; i++) {
        alts_t a;
        alts_of(&a, words[i], forms ? forms[i] : NULL, latin);
        if (!(g->words[i] = strdup(words[i])))
            p->st = PRESSCUT_NOMEM;
        add_alts(p, &q->group_words, words[i], &a, true);
    }
}

/* ---- synonyms ---- */

/* One alternative: a word searches its stem, as a free word does, several
 * words their phrase.  Its title terms (its words but stopwords, all
 * required) go to titles when that is not NULL.  A phrase weighs what its
 * words weigh together: divided by their number it weighs about what one
 * word would, so that "North Atlantic Treaty Organization" does not
 * outrank "NATO" fourfold. */
static xc_query_t *alternative_query(parser_t *p, char *const *words, char *const *forms,
                                     size_t n, bool highlight, qlist_t *titles)
{
    if (n == 1)
        return stem_query(p, words[0], forms ? forms[0] : NULL, highlight, titles);
    qlist_t terms = { 0 }, title = { 0 };
    if (highlight)
        add_group(p, words, forms, false, n, (unsigned)n, true);
    for (size_t i = 0; i < n; i++) {
        alts_t a;
        alts_of(&a, words[i], forms ? forms[i] : NULL, false);
        qlist_push(p, &terms, alts_query(p, "", words[i], &a));
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
static xc_query_t *concept_query(parser_t *p, char *const *words, char *const *forms, size_t n,
                                 size_t group, bool highlight, qlist_t *titles)
{
    qlist_t alts = { 0 }, title = { 0 };
    qlist_t *t = titles ? &title : NULL;
    qlist_push(p, &alts, alternative_query(p, words, forms, n, highlight, t));
    size_t at = 0;
    for (const pc_synonym_t *a; (a = pc_synonyms_next(p->syn, group, &at));)
        if (!a->exact && !same_words(a->words, a->n_words, words, n))
            qlist_push(p, &alts,
                       alternative_query(p, a->words, NULL, a->n_words, highlight, t));
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
 * With stops, lone stopwords go there, and their words to stop_words;
 * with titles, title terms there. */
static void words_queries(parser_t *p, const item_t *const *items, size_t n_items,
                          bool highlight, qlist_t *out, qlist_t *stops,
                          pc_strset_t *stop_words, qlist_t *titles)
{
    size_t n = 0;
    for (size_t k = 0; k < n_items; k++)
        n += items[k]->n_words;
    char **words = calloc(n + 1, sizeof *words), **stems = calloc(n + 1, sizeof *stems);
    char **forms = calloc(n + 1, sizeof *forms);
    bool *caps = calloc(n + 1, sizeof *caps), *joined = calloc(n + 1, sizeof *joined);
    if (!words || !stems || !forms || !caps || !joined)
        p->st = PRESSCUT_NOMEM;
    for (size_t k = 0, at = 0; k < n_items && p->st == PRESSCUT_OK; k++)
        for (size_t w = 0; w < items[k]->n_words; w++, at++) {
            words[at] = items[k]->words[w];
            forms[at] = items[k]->forms[w];
            caps[at] = items[k]->caps[w] && p->caps_tell;
            joined[at] = items[k]->joined[w];
            if (p->syn && !(stems[at] = pc_stem_word(p->stem, words[at], strlen(words[at]))))
                p->st = PRESSCUT_NOMEM;
        }
    for (size_t i = 0; i < n && p->st == PRESSCUT_OK;) {
        /* The parts of one typed word are its phrase, as Xapian's
         * QueryParser makes them: "安全保障" is not 安全 and 保障 apart. */
        size_t parts = 1;
        while (i + parts < n && joined[i + parts])
            parts++;
        if (parts > 1) {
            qlist_push(p, out,
                       alternative_query(p, words + i, forms + i, parts, highlight, titles));
            i += parts;
            continue;
        }
        size_t group = 0;
        size_t len = p->syn ? pc_synonyms_match(p->syn, stems + i, caps + i, n - i, &group) : 0;
        if (len) {
            qlist_push(p, out,
                       concept_query(p, words + i, forms + i, len, group, highlight, titles));
            i += len;
        } else if (stops && pc_is_stopword(words[i], strlen(words[i]))) {
            if (strset_add(stop_words, words[i], strlen(words[i])) != PRESSCUT_OK)
                p->st = PRESSCUT_NOMEM;
            qlist_push(p, stops, term_query(p, "", words[i++]));
        } else {
            qlist_push(p, out, alternative_query(p, words + i, forms + i, 1, highlight, titles));
            i++;
        }
    }
    for (size_t i = 0; stems && i < n; i++)
        free(stems[i]);
    free(stems);
    free(words);
    free(forms);
    free(caps);
    free(joined);
}

/* title:x finds the articles whose title holds x, and ranks their passages
 * by x in their text.  Title terms are on every passage of an article, so
 * by their own weight (BM25 favours short documents) the shortest passage
 * came first: the one-word "Reuter" of every story.  Weightless, they
 * leave it to the text, and to the passages' order when the text has no x:
 * the lead comes first. */
static xc_query_t *title_query(parser_t *p, const item_t *it, xc_query_t *terms)
{
    if (it->negated || !terms)
        return terms;
    qlist_t body = { 0 };
    for (size_t i = 0; i < it->n_words; i++) {
        char *stem = pc_stem_word(p->stem, it->words[i], strlen(it->words[i]));
        xc_query_t *q = stem ? pc_stem_query(it->words[i], stem) : NULL;
        free(stem);
        if (!q)
            p->st = PRESSCUT_NOMEM;
        qlist_push(p, &body, q);
    }
    xc_query_t *pair[2] = { scaled(p, terms, 0.0), qlist_take(p, &body, XC_OP_OR) };
    qlist_free(&body);
    if (!pair[0] || !pair[1]) {
        xc_query_destroy(pair[0]);
        xc_query_destroy(pair[1]);
        return NULL;
    }
    return combine(p, XC_OP_AND_MAYBE, pair, 2, 0);
}

/* The query of one item that is not free words. */
static xc_query_t *item_query(parser_t *p, const item_t *it)
{
    if (it->kind == IT_DATE)
        return xc_query_value_range(PC_SLOT_DATE, it->lo[0] ? it->lo : NULL,
                                    it->hi[0] ? it->hi : NULL);
    if (it->n_words == 0)
        return NULL;
    if (it->kind == IT_LANGUAGE)
        return term_query(p, PC_LANGUAGE_PREFIX, it->words[0]);
    if (it->kind == IT_WILDCARD) {
        if (!it->negated && !p->excluding &&
            strset_add(&p->out->prefixes, it->words[0], strlen(it->words[0])) != PRESSCUT_OK)
            p->st = PRESSCUT_NOMEM;
        return xc_query_wildcard(it->words[0], WILDCARD_MAX);
    }
    const char *prefix = it->kind == IT_TITLE ? "S" : it->kind == IT_SOURCE ? "XS" : "";
    xc_query_t **subs = calloc(it->n_words, sizeof *subs);
    if (!subs) {
        p->st = PRESSCUT_NOMEM;
        return NULL;
    }
    /* A phrase, NEAR or ADJ lights up where its words matched together. */
    bool together = (it->kind == IT_PHRASE || it->kind == IT_NEAR || it->kind == IT_ADJ) &&
                    it->n_words > 1;
    if (together && !it->negated && !p->excluding)
        add_group(p, it->words, it->forms, true, it->n_words,
                  it->kind == IT_PHRASE ? (unsigned)it->n_words : it->window,
                  it->kind != IT_NEAR);
    for (size_t i = 0; i < it->n_words; i++) {
        alts_t a;
        alts_of(&a, it->words[i], it->forms[i], true);
        subs[i] = alts_query(p, prefix, it->words[i], &a);
        if (it->kind != IT_SOURCE && !it->negated && !p->excluding && !together)
            add_alts(p, &p->out->words, it->words[i], &a, false);
        if (!subs[i]) {
            for (size_t j = 0; j < i; j++)
                xc_query_destroy(subs[j]);
            free(subs);
            return NULL;
        }
    }
    xc_op_t op = XC_OP_AND;
    unsigned window = 0;
    if ((it->kind == IT_PHRASE || it->kind == IT_ADJ) && it->n_words > 1)
        op = XC_OP_PHRASE;
    else if (it->kind == IT_NEAR)
        op = XC_OP_NEAR;
    if (it->kind == IT_NEAR || it->kind == IT_ADJ)
        window = it->window;
    xc_query_t *q = combine(p, op, subs, it->n_words, window);
    free(subs);
    return it->kind == IT_TITLE ? title_query(p, it, q) : q;
}

/* A query in its two tiers: strict ranks first; loose, when not NULL,
 * finds what follows (strict is then a part of it). */
typedef struct tiers {
    xc_query_t *strict, *loose;
} tiers_t;

static void build(parser_t *p, const node_t *n, tiers_t *out, qlist_t *titles);

/* Whether the free words of a long query ask something: a question word
 * or mark, QUESTION_STOPWORDS stopwords, or more than KEYWORDS_MAX other
 * words.  "who" is no stopword (WHO is news) but asks all the same. */
static bool asks(const parser_t *p, const item_t *const *free_items, size_t n_items,
                 size_t n_content, size_t n_stop)
{
    static const char *const question_words[] = {
        "how", "what", "when", "where", "which", "who", "whom", "whose", "why",
    };
    if (strchr(p->text, '?') || n_stop >= QUESTION_STOPWORDS || n_content > KEYWORDS_MAX)
        return true;
    for (size_t k = 0; k < n_items; k++)
        for (size_t w = 0; w < free_items[k]->n_words; w++)
            for (size_t i = 0; i < sizeof question_words / sizeof *question_words; i++)
                if (strcmp(free_items[k]->words[w], question_words[i]) == 0)
                    return true;
    return false;
}

/* A sequence: its free words all required (strict), then any of them
 * (loose); what else it holds is required in both, but for phrases in a
 * question; the title terms of its free words go to titles. */
static void build_seq(parser_t *p, const node_t *seq, tiers_t *out, qlist_t *titles)
{
    qlist_t req = { 0 }, req_loose = { 0 }, filt = { 0 }, neg = { 0 }, free_terms = { 0 };
    qlist_t stop_terms = { 0 }, phrases = { 0 };
    pc_strset_t stop_words = { 0 };
    bool group_tiers = false;
    const item_t **run = calloc(seq->n_kids + 1, sizeof *run);
    const item_t **free_items = calloc(seq->n_kids + 1, sizeof *free_items);
    size_t n_free_items = 0;
    if (!run || !free_items)
        p->st = PRESSCUT_NOMEM;
    out->strict = out->loose = NULL;
    for (size_t i = 0; i < seq->n_kids && p->st == PRESSCUT_OK; i++) {
        const node_t *kid = seq->kids[i];
        if (kid->kind != N_ITEM) {
            tiers_t t;
            p->excluding += kid->negated;
            build(p, kid, &t, kid->negated ? NULL : titles);
            p->excluding -= kid->negated;
            if (kid->negated || kid->required || !t.loose) {
                xc_query_destroy(t.loose);
                t.loose = t.strict ? xc_query_scale(t.strict, 1.0) : NULL;
            } else {
                group_tiers = true;
            }
            qlist_push(p, kid->negated ? &neg : &req, t.strict);
            if (kid->negated)
                xc_query_destroy(t.loose);
            else
                qlist_push(p, &req_loose, t.loose);
            continue;
        }
        const item_t *it = &p->items[kid->item];
        if (is_free(it)) {
            /* Free words in a row: a synonym's words may span them. */
            size_t n = 0;
            for (; i + n < seq->n_kids && seq->kids[i + n]->kind == N_ITEM &&
                   is_free(&p->items[seq->kids[i + n]->item]); n++)
                run[n] = free_items[n_free_items++] = &p->items[seq->kids[i + n]->item];
            words_queries(p, run, n, !p->excluding, &free_terms, &stop_terms, &stop_words,
                          titles);
            i += n - 1;
            continue;
        }
        xc_query_t *q;
        if (it->kind == IT_WORDS) {
            qlist_t words = { 0 };
            words_queries(p, &it, 1, !it->negated && !p->excluding, &words, NULL, NULL, NULL);
            q = qlist_take(p, &words, XC_OP_AND);
            qlist_free(&words);
        } else {
            q = item_query(p, it);
        }
        if (!q)
            continue;
        if (it->negated)
            qlist_push(p, &neg, q);
        else if (it->kind == IT_DATE || it->kind == IT_SOURCE || it->kind == IT_LANGUAGE)
            qlist_push(p, &filt, q);
        else if (it->kind == IT_PHRASE && !it->required)
            qlist_push(p, &phrases, q);
        else {
            qlist_push(p, &req_loose, xc_query_scale(q, 1.0));
            qlist_push(p, &req, q);
        }
    }
    free(run);
    size_t n_stop = stop_terms.n;
    /* Stopwords count only when the query has nothing else to search:
     * then they are searched, and shown, as words. */
    if (free_terms.n == 0 && req.n == 0 && phrases.n == 0) {
        for (size_t i = 0; i < stop_terms.n; i++)
            qlist_push(p, &free_terms, stop_terms.v[i]);
        stop_terms.n = 0;
        for (size_t i = 0; i < stop_words.n && !p->excluding; i++)
            if (strset_add(&p->out->words, stop_words.v[i], strlen(stop_words.v[i])) !=
                PRESSCUT_OK)
                p->st = PRESSCUT_NOMEM;
    }
    strset_free(&stop_words);
    size_t n_free = free_terms.n;
    xc_query_t *all = NULL, *any = NULL;
    bool is_long = n_free > LONG_QUERY_WORDS;
    if (is_long && asks(p, free_items, n_free_items, n_free, n_stop)) {
        p->out->brief = (!p->out->question || p->out->brief) && n_free <= KEYWORDS_MAX;
        p->out->question = true;
    }
    free(free_items);
    /* In a question, a quoted title or phrase is one more thing to look
     * for, not a filter: cacm's questions quote papers that no abstract
     * holds word for word, and requiring them found nothing at all. */
    for (size_t i = 0; i < phrases.n; i++) {
        if (!is_long)
            qlist_push(p, &req_loose, xc_query_scale(phrases.v[i], 1.0));
        qlist_push(p, is_long ? &free_terms : &req, phrases.v[i]);
    }
    phrases.n = 0;
    if (n_free > 1 && p->st == PRESSCUT_OK && !is_long) {
        qlist_t copy = { 0 };
        for (size_t i = 0; i < n_free; i++)
            qlist_push(p, &copy, xc_query_scale(free_terms.v[i], 1.0));
        any = qlist_take(p, &copy, XC_OP_OR);
        qlist_free(&copy);
    }
    bool two = any || group_tiers;
    if (two && !any && free_terms.n) {
        qlist_t copy = { 0 };
        for (size_t i = 0; i < free_terms.n; i++)
            qlist_push(p, &copy, xc_query_scale(free_terms.v[i], 1.0));
        any = qlist_take(p, &copy, is_long ? XC_OP_OR : XC_OP_AND);
        qlist_free(&copy);
    }
    all = qlist_take(p, &free_terms, is_long ? XC_OP_OR : XC_OP_AND);
    xc_query_t *filters = qlist_take(p, &filt, XC_OP_AND);
    xc_query_t *negs = qlist_take(p, &neg, XC_OP_OR);
    xc_query_t *tier_free[2] = { all, any };
    qlist_t *tier_req[2] = { &req, &req_loose };
    for (int t = 0; t < 2 && p->st == PRESSCUT_OK; t++) {
        if (t == 1 && !two)
            break;
        xc_query_t *q = tier_free[t];
        tier_free[t] = NULL;
        xc_query_t *required = qlist_take(p, tier_req[t], XC_OP_AND);
        if (required) {
            xc_query_t *pair[2] = { required, q };
            q = q ? combine(p, XC_OP_AND, pair, 2, 0) : required;
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
        *(t == 0 ? &out->strict : &out->loose) = q;
    }
    xc_query_destroy(tier_free[0]);
    xc_query_destroy(tier_free[1]);
    xc_query_destroy(filters);
    xc_query_destroy(negs);
    qlist_free(&req);
    qlist_free(&req_loose);
    qlist_free(&filt);
    qlist_free(&neg);
    qlist_free(&free_terms);
    qlist_free(&stop_terms);
    qlist_free(&phrases);
}

/* AND, OR: of their operands' strict tiers, then of their loose ones. */
static void build(parser_t *p, const node_t *n, tiers_t *out, qlist_t *titles)
{
    if (n->kind == N_SEQ) {
        build_seq(p, n, out, titles);
        return;
    }
    qlist_t strict = { 0 }, loose = { 0 };
    bool two = false;
    for (size_t i = 0; i < n->n_kids && p->st == PRESSCUT_OK; i++) {
        tiers_t t;
        build(p, n->kids[i], &t, titles);
        two |= t.loose != NULL;
        qlist_push(p, &loose, t.loose ? t.loose : t.strict ? xc_query_scale(t.strict, 1.0) : NULL);
        qlist_push(p, &strict, t.strict);
    }
    xc_op_t op = n->kind == N_AND ? XC_OP_AND : XC_OP_OR;
    out->strict = qlist_take(p, &strict, op);
    out->loose = two ? qlist_take(p, &loose, op) : NULL;
    qlist_free(&strict);
    qlist_free(&loose);
}

/* Free words and phrases, nothing that filters: a title may stand for them. */
static bool only_words(const parser_t *p, const node_t *root)
{
    if (root->kind != N_SEQ)
        return false;
    for (size_t i = 0; i < root->n_kids; i++) {
        const node_t *kid = root->kids[i];
        const item_t *it = &p->items[kid->item];
        if (kid->kind != N_ITEM ||
            !(is_free(it) || (it->kind == IT_PHRASE && !it->negated && !it->required)))
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
    xc_query_t *pair[2] = { q, xc_query_scale(boost, p->per_passage ? TITLE_WEIGHT_PASSAGES
                                                                    : TITLE_WEIGHT) };
    return combine(p, XC_OP_AND_MAYBE, pair, 2, 0);
}

/* The root of group word i in the forest canon: path halving. */
static size_t canon_root(size_t *canon, size_t i)
{
    while (canon[i] != i)
        i = canon[i] = canon[canon[i]];
    return i;
}

/* out->group_canon from p->links: a word and its alternatives, one id. */
static void group_canon(parser_t *p, pc_query_t *out)
{
    size_t n = out->group_words.n;
    if (!n)
        return;
    if (!(out->group_canon = malloc(n * sizeof *out->group_canon))) {
        p->st = PRESSCUT_NOMEM;
        return;
    }
    for (size_t i = 0; i < n; i++)
        out->group_canon[i] = i;
    for (size_t k = 0; k + 1 < p->n_links; k += 2) {
        size_t a = pc_strset_find(&out->group_words, p->links[k], strlen(p->links[k]));
        size_t b = pc_strset_find(&out->group_words, p->links[k + 1], strlen(p->links[k + 1]));
        if (a < n && b < n)
            out->group_canon[canon_root(out->group_canon, a)] = canon_root(out->group_canon, b);
    }
    for (size_t i = 0; i < n; i++)
        out->group_canon[i] = canon_root(out->group_canon, i);
}

static int count_word(void *ctx, const pc_token_t *t)
{
    (void)t;
    return ++*(size_t *)ctx > PC_MAX_QUERY_WORDS;
}

presscut_status_t pc_query_check_size(pc_tokenizer_t *tk, const char *text, const char *what,
                                      char **msg)
{
    size_t len = strlen(text), words = 0;
    *msg = NULL;
    if (len > PC_MAX_QUERY_BYTES) {
        if (asprintf(msg, "the %s is too long: %zu bytes, at most %d", what, len,
                     PC_MAX_QUERY_BYTES) < 0)
            return PRESSCUT_NOMEM;
        return PRESSCUT_BAD_QUERY;
    }
    /* Checked before any part of it is read: a field name is not
     * tokenized, and a message may quote the text. */
    size_t bad;
    if (!pc_utf8_valid(text, len, &bad)) {
        if (asprintf(msg, "the %s is not valid UTF-8 at byte %zu", what, bad) < 0)
            return PRESSCUT_NOMEM;
        return PRESSCUT_BAD_QUERY;
    }
    if (pc_tokenize(tk, text, len, 1, count_word, &words, NULL) != PRESSCUT_OK ||
        words <= PC_MAX_QUERY_WORDS)
        return PRESSCUT_OK;
    if (asprintf(msg, "the %s is too long: more than %d words", what, PC_MAX_QUERY_WORDS) < 0)
        return PRESSCUT_NOMEM;
    return PRESSCUT_BAD_QUERY;
}

presscut_status_t pc_query_parse(pc_tokenizer_t *tk, xc_stem_t *stem,
                                 const pc_synonyms_t *syn, const char *text, pc_query_t *out,
                                 char **msg)
{
    return pc_query_parse_passages(tk, stem, NULL, syn, text, false, out, msg);
}

presscut_status_t pc_query_parse_passages(pc_tokenizer_t *tk, xc_stem_t *stem,
                                          const pc_stemset_t *others,
                                          const pc_synonyms_t *syn, const char *text,
                                          bool per_passage, pc_query_t *out, char **msg)
{
    parser_t p = { .tk = tk, .stem = stem, .others = others, .syn = syn, .text = text,
                   .operators = has_lower(text), .per_passage = per_passage, .out = out };
    memset(out, 0, sizeof *out);
    p.st = pc_query_check_size(tk, text, "query", &p.msg);
    node_t *root = p.st == PRESSCUT_OK ? parse(&p) : NULL;
    p.caps_tell = p.operators || (p.n_items == 1 && p.items[0].n_words == 1);

    qlist_t titles = { 0 };
    tiers_t t = { NULL, NULL };
    if (root && p.st == PRESSCUT_OK)
        build(&p, root, &t, &titles);
    if (p.st == PRESSCUT_OK) {
        xc_query_t *boost = qlist_take(&p, &titles, XC_OP_OR);
        out->strict = with_titles(&p, t.strict, boost);
        out->loose = with_titles(&p, t.loose, boost);
        t.strict = t.loose = NULL;
        if (boost && only_words(&p, root))
            out->titled = boost;
        else
            xc_query_destroy(boost);
        if (!out->strict && p.st == PRESSCUT_OK) {
            p.st = PRESSCUT_EMPTY;
            p.msg = strdup("the query has no words to search for");
        }
        strset_seal(&out->words);
        strset_seal(&out->stems);
        strset_seal(&out->prefixes);
        strset_seal(&out->group_words);
        group_canon(&p, out);
        for (size_t i = 0; i < out->stems.n && p.st == PRESSCUT_OK; i++) {
            const char *v = out->stems.v[i];
            if (strset_add(&out->stem_starts, v, pc_stem_prefix_len(strlen(v))) != PRESSCUT_OK)
                p.st = PRESSCUT_NOMEM;
        }
        strset_seal(&out->stem_starts);
    }
    xc_query_destroy(t.strict);
    xc_query_destroy(t.loose);
    qlist_free(&titles);
    node_free(root);
    for (size_t i = 0; i < p.n_items; i++)
        item_free(&p.items[i]);
    free(p.items);
    free(p.toks);
    for (size_t i = 0; i < p.n_links; i++)
        free(p.links[i]);
    free(p.links);
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
    strset_free(&q->stem_starts);
    for (size_t i = 0; i < q->n_groups; i++) {
        for (size_t j = 0; j < q->groups[i].n_words; j++)
            free(q->groups[i].words[j]);
        free(q->groups[i].words);
    }
    free(q->groups);
    strset_free(&q->group_words);
    free(q->group_canon);
    memset(q, 0, sizeof *q);
}
