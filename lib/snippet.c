#include "snippet.h"

#include <stdlib.h>
#include <string.h>

/* A window opens a little before its first match, so the match is read in
 * context rather than as the snippet's first word. */
#define LEAD_CHARS 40

typedef struct tok {
    size_t start, end;
    size_t cstart, cend;     /* the same in characters, counted from the text's start */
    int match;               /* 0, or 1 + index of the distinct word matched */
} tok_t;

typedef struct scan {
    tok_t *v;
    size_t n, cap;
    const char *text;
    xc_stem_t *stem;
    const pc_query_t *q;
    char **seen;             /* distinct matched words, to count them */
    size_t n_seen;
    presscut_status_t st;
} scan_t;

static bool has_prefix(const pc_strset_t *prefixes, const char *word, size_t len)
{
    for (size_t i = 0; i < prefixes->n; i++) {
        size_t n = strlen(prefixes->v[i]);
        if (n <= len && memcmp(prefixes->v[i], word, n) == 0)
            return true;
    }
    return false;
}

/* Could word stem to one of the query's stems?  A word that does not
 * begin as a stem's words must cannot: most words of a passage are ruled
 * out without running the stemmer. */
static bool may_stem_to(const pc_strset_t *stems, const char *word, size_t len)
{
    for (size_t i = 0; i < stems->n; i++) {
        size_t n = pc_stem_prefix_len(strlen(stems->v[i]));
        if (n <= len && memcmp(stems->v[i], word, n) == 0)
            return true;
    }
    return false;
}

static bool matches(scan_t *s, const pc_token_t *t)
{
    if (pc_strset_has(&s->q->words, t->word, t->len) || has_prefix(&s->q->prefixes, t->word, t->len))
        return true;
    if (!may_stem_to(&s->q->stems, t->word, t->len))
        return false;
    char *stem = pc_stem_word(s->stem, t->word, t->len);
    if (!stem) {
        s->st = PRESSCUT_NOMEM;
        return false;
    }
    bool hit = pc_strset_has(&s->q->stems, stem, strlen(stem));
    free(stem);
    return hit;
}

/* 1 + the index of word among the distinct words matched so far. */
static int distinct_id(scan_t *s, const char *word, size_t len)
{
    for (size_t i = 0; i < s->n_seen; i++)
        if (strlen(s->seen[i]) == len && memcmp(s->seen[i], word, len) == 0)
            return (int)i + 1;
    char **v = realloc(s->seen, (s->n_seen + 1) * sizeof *v);
    if (!v || !(v[s->n_seen] = strndup(word, len))) {
        if (v)
            s->seen = v;
        s->st = PRESSCUT_NOMEM;
        return 0;
    }
    s->seen = v;
    return (int)++s->n_seen;
}

static size_t chars(const char *text, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

static int on_token(void *ctx, const pc_token_t *t)
{
    scan_t *s = ctx;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        tok_t *v = realloc(s->v, cap * sizeof *v);
        if (!v) {
            s->st = PRESSCUT_NOMEM;
            return 1;
        }
        s->v = v;
        s->cap = cap;
    }
    tok_t *k = &s->v[s->n++];
    k->start = t->start;
    k->end = t->end;
    /* Characters are counted once, from the previous token on: windows
     * are then measured by subtraction. */
    size_t from = s->n > 1 ? k[-1].end : 0, count = s->n > 1 ? k[-1].cend : 0;
    k->cstart = count + chars(s->text, from, t->start);
    k->cend = k->cstart + chars(s->text, t->start, t->end);
    k->match = matches(s, t) ? distinct_id(s, t->word, t->len) : 0;
    return s->st != PRESSCUT_OK;
}

/* The first token of a window that should show token `first`. */
static size_t lead_in(const scan_t *s, size_t first)
{
    size_t k = first;
    while (k > 0 && s->v[first].cstart - s->v[k - 1].cstart <= LEAD_CHARS)
        k--;
    return k;
}

/* The last token that fits in max_chars from token `from`. */
static size_t fit(const scan_t *s, size_t from, size_t max_chars)
{
    size_t k = from;
    while (k + 1 < s->n && s->v[k + 1].cend - s->v[from].cstart <= max_chars)
        k++;
    return k;
}

static unsigned window_score(const scan_t *s, size_t from, size_t to, unsigned char *mark)
{
    unsigned distinct = 0, total = 0;
    memset(mark, 0, s->n_seen + 1);
    for (size_t k = from; k <= to; k++) {
        int m = s->v[k].match;
        if (m) {
            total++;
            if (!mark[m]) {
                mark[m] = 1;
                distinct++;
            }
        }
    }
    return distinct * 1000 + total;
}

static presscut_status_t add_span(pc_snippet_t *out, size_t start, size_t end)
{
    if (out->n_spans == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 16;
        presscut_span_t *v = realloc(out->spans, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        out->spans = v;
        out->cap = cap;
    }
    out->spans[out->n_spans].start = start;
    out->spans[out->n_spans].end = end;
    out->n_spans++;
    return PRESSCUT_OK;
}

static void choose_window(const scan_t *s, const char *text, size_t len, size_t max_chars,
                          unsigned char *mark, pc_snippet_t *out)
{
    out->window.start = 0;
    out->window.end = len;
    if (chars(text, 0, len) <= max_chars || s->n == 0)
        return;
    size_t best_from = 0, best_to = fit(s, 0, max_chars);
    unsigned best = window_score(s, best_from, best_to, mark);
    for (size_t k = 0; k < s->n; k++) {
        if (!s->v[k].match)
            continue;
        size_t from = lead_in(s, k), to = fit(s, from, max_chars);
        unsigned score = window_score(s, from, to, mark);
        if (score > best) {
            best = score;
            best_from = from;
            best_to = to;
        }
    }
    out->window.start = s->v[best_from].start;
    out->window.end = s->v[best_to].end;
}

presscut_status_t pc_snippet_make(pc_tokenizer_t *tk, xc_stem_t *stem, const pc_query_t *q,
                                  const char *text, size_t len, size_t max_chars,
                                  pc_snippet_t *out)
{
    scan_t s = { .text = text, .stem = stem, .q = q, .st = PRESSCUT_OK };
    out->n_spans = 0;
    presscut_status_t st = pc_tokenize(tk, text, len, 1, on_token, &s, NULL);
    if (st == PRESSCUT_OK)
        st = s.st;
    unsigned char *mark = st == PRESSCUT_OK ? malloc(s.n_seen + 1) : NULL;
    if (st == PRESSCUT_OK && !mark)
        st = PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK) {
        choose_window(&s, text, len, max_chars, mark, out);
        for (size_t k = 0; k < s.n && st == PRESSCUT_OK; k++)
            if (s.v[k].match)
                st = add_span(out, s.v[k].start, s.v[k].end);
    }
    free(mark);
    for (size_t i = 0; i < s.n_seen; i++)
        free(s.seen[i]);
    free(s.seen);
    free(s.v);
    return st;
}
