#include "snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "schema.h"
#include "stem.h"
#include "utf8.h"

/* A window opens a little before its first match, so the match is read in
 * context rather than as the snippet's first word. */
#define LEAD_CHARS 40

typedef struct tok {
    size_t start, end;
    size_t cstart, cend;     /* the same in characters, counted from the text's start */
    size_t match;            /* 0, or 1 + index of the distinct word matched */
    unsigned gword;          /* 0, or 1 + index of the word in q->group_words */
    unsigned pos;            /* as the index numbers it */
} tok_t;

/* tok_t.match of a word that one of q->groups matched, until it is given
 * its distinct word: a passage may have millions of tokens, so no flag. */
#define TOGETHER SIZE_MAX

typedef struct seen {
    char *word;
    size_t len;
    uint64_t hash;
} seen_t;

typedef struct scan {
    tok_t *v;
    size_t n, cap;
    const char *text;
    size_t base;             /* where the paragraph being read begins in text */
    xc_stem_t *stem;             /* the passage's article's language's */
    bool serbian;                /* whose stems are Latin whatever the script */
    const pc_query_t *q;
    /* The distinct words matched, to count them, in order and hashed:
     * a long passage may match thousands. */
    seen_t *seen;
    size_t n_seen, cap_seen;
    size_t *slots;           /* 1 + index into seen, or 0; half full at most */
    size_t n_slots;
    presscut_status_t st;
} scan_t;

static bool matches(scan_t *s, const char *word, size_t len)
{
    if (pc_strset_has(&s->q->words, word, len) ||
        pc_strset_has_prefix_of(&s->q->prefixes, word, len))
        return true;
    char latin[PC_MAX_WORD];
    const char *w = word;
    size_t n = len;
    if (s->serbian && n <= PC_MAX_WORD) {
        n = pc_serbian_latin(w, n, latin);
        w = latin;
        /* the Latin spellings the index holds too (lib/stem.h) */
        char dj[PC_MAX_WORD];
        size_t m;
        if ((n != len && pc_strset_has(&s->q->words, w, n)) ||
            ((m = pc_serbian_latin_form(word, len, true, dj)) &&
             pc_strset_has(&s->q->words, dj, m)))
            return true;
    }
    if (!pc_strset_has_prefix_of(&s->q->stem_starts, w, n))
        return false;
    char *stem = pc_stem_word(s->stem, word, len);
    if (!stem) {
        s->st = PRESSCUT_NOMEM;
        return false;
    }
    bool hit = pc_strset_has(&s->q->stems, stem, strlen(stem));
    free(stem);
    return hit;
}

static size_t *slot_of(const scan_t *s, const char *word, size_t len, uint64_t hash)
{
    size_t mask = s->n_slots - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        size_t id = s->slots[i];
        if (id == 0 || (s->seen[id - 1].len == len && memcmp(s->seen[id - 1].word, word, len) == 0))
            return &s->slots[i];
    }
}

static presscut_status_t grow_seen(scan_t *s)
{
    if (s->n_seen == s->cap_seen) {
        size_t cap = s->cap_seen ? 2 * s->cap_seen : 16;
        seen_t *v = realloc(s->seen, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        s->seen = v;
        s->cap_seen = cap;
    }
    if (2 * (s->n_seen + 1) <= s->n_slots)
        return PRESSCUT_OK;
    size_t n = s->n_slots ? 2 * s->n_slots : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return PRESSCUT_NOMEM;
    free(s->slots);
    s->slots = slots;
    s->n_slots = n;
    for (size_t i = 0; i < s->n_seen; i++)
        *slot_of(s, s->seen[i].word, s->seen[i].len, s->seen[i].hash) = i + 1;
    return PRESSCUT_OK;
}

/* 1 + the index of word among the distinct words matched so far. */
static size_t distinct_id(scan_t *s, const char *word, size_t len)
{
    uint64_t hash = XXH3_64bits(word, len);
    size_t *slot = s->n_slots ? slot_of(s, word, len, hash) : NULL;
    if (slot && *slot)
        return *slot;
    char *copy = strndup(word, len);
    if (!copy || grow_seen(s) != PRESSCUT_OK) {
        free(copy);
        s->st = PRESSCUT_NOMEM;
        return 0;
    }
    s->seen[s->n_seen++] = (seen_t){ copy, len, hash };
    *slot_of(s, word, len, hash) = s->n_seen;
    return s->n_seen;
}

/* 1 + the index of the distinct word matched by t or by one of the
 * terms it also stands for (l'OTAN for otan), or 0. */
static size_t match_id(scan_t *s, const pc_token_t *t)
{
    if (matches(s, t->word, t->len))
        return distinct_id(s, t->word, t->len);
    for (unsigned i = 0; i < t->n_also; i++)
        if (matches(s, t->also[i], t->also_len[i]))
            return distinct_id(s, t->also[i], t->also_len[i]);
    return 0;
}

/* 1 + the canonical index (pc_query_t.group_canon) in q->group_words of
 * t's word, of a term it also stands for or, in a Serbian passage, of
 * its Latin spelling; or 0. */
static unsigned group_word(const scan_t *s, const pc_token_t *t)
{
    const pc_strset_t *gw = &s->q->group_words;
    if (!gw->n)
        return 0;
    size_t g = pc_strset_find(gw, t->word, t->len);
    for (unsigned i = 0; g == gw->n && i < t->n_also; i++)
        g = pc_strset_find(gw, t->also[i], t->also_len[i]);
    char latin[PC_MAX_WORD];
    size_t n;
    for (int dj = 0; g == gw->n && s->serbian && dj < PC_SERBIAN_LATIN_FORMS; dj++)
        if ((n = pc_serbian_latin_form(t->word, t->len, dj, latin)))
            g = pc_strset_find(gw, latin, n);
    return g < gw->n ? (unsigned)s->q->group_canon[g] + 1 : 0;
}

static size_t chars(const char *text, size_t from, size_t to)
{
    return pc_utf8_count(text + from, to - from);
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
    k->start = s->base + t->start;
    k->end = s->base + t->end;
    /* Characters are counted once, from the previous token on: windows
     * are then measured by subtraction. */
    size_t from = s->n > 1 ? k[-1].end : 0, count = s->n > 1 ? k[-1].cend : 0;
    k->cstart = count + chars(s->text, from, k->start);
    k->cend = k->cstart + chars(s->text, k->start, k->end);
    k->match = match_id(s, t);
    k->pos = t->pos;
    k->gword = group_word(s, t);
    return s->st != PRESSCUT_OK;
}

/* Where each word of q->group_words occurs: word w at tokens
 * tok[at[w]..at[w + 1]), in order. */
typedef struct occur {
    size_t *at, *tok;
} occur_t;

static presscut_status_t occur_make(const scan_t *s, occur_t *o)
{
    size_t n = s->q->group_words.n;
    o->at = calloc(n + 2, sizeof *o->at);
    if (!o->at)
        return PRESSCUT_NOMEM;
    for (size_t k = 0; k < s->n; k++)
        if (s->v[k].gword)
            o->at[s->v[k].gword + 1]++;
    for (size_t w = 1; w < n + 2; w++)
        o->at[w] += o->at[w - 1];
    if (!(o->tok = malloc((o->at[n + 1] + 1) * sizeof *o->tok)))
        return PRESSCUT_NOMEM;
    for (size_t k = 0; k < s->n; k++)
        if (s->v[k].gword)
            o->tok[o->at[s->v[k].gword]++] = k;
    return PRESSCUT_OK;
}

static void mark(tok_t *t)
{
    if (!t->match)
        t->match = TOGETHER;
}

/* The words ids[0..n) in this order, each the first after the one before,
 * from each place the first occurs, within window positions: a phrase,
 * ADJ.  Earliest is best, as a later word leaves less room to the rest. */
static void match_ordered(scan_t *s, const occur_t *o, const size_t *ids, size_t n,
                          unsigned window)
{
    for (size_t i = o->at[ids[0]]; i < o->at[ids[0] + 1]; i++) {
        size_t first = o->tok[i], j = 1, k = first + 1;
        unsigned last = s->v[first].pos + window - 1;
        for (; j < n && k < s->n && s->v[k].pos <= last; k++)
            j += s->v[k].gword == ids[j] + 1;
        if (j < n)
            continue;
        mark(&s->v[first]);
        for (j = 1, k = first + 1; j < n; k++)
            if (s->v[k].gword == ids[j] + 1) {
                mark(&s->v[k]);
                j++;
            }
    }
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* The words ids[0..n) in any order within window positions: NEAR.  A
 * window slides over their occurrences; every occurrence inside one that
 * holds them all lights up.  need and have are zero, one per group word,
 * and left so. */
static presscut_status_t match_near(scan_t *s, const occur_t *o, const size_t *ids, size_t n,
                                    unsigned window, size_t *need, size_t *have)
{
    size_t m = 0, unmet = 0;
    for (size_t j = 0; j < n; j++) {
        if (need[ids[j]]++ == 0) {
            m += o->at[ids[j] + 1] - o->at[ids[j]];
            unmet++;
        }
    }
    size_t *c = malloc((m + 1) * sizeof *c);
    if (c) {
        m = 0;
        for (size_t j = 0; j < n; j++) {    /* have marks the words taken */
            if (have[ids[j]]++)
                continue;
            for (size_t i = o->at[ids[j]]; i < o->at[ids[j] + 1]; i++)
                c[m++] = o->tok[i];
        }
        for (size_t j = 0; j < n; j++)
            have[ids[j]] = 0;
        qsort(c, m, sizeof *c, cmp_size);
        for (size_t l = 0, r = 0, lit = 0; r < m; r++) {
            size_t w = s->v[c[r]].gword - 1;
            unmet -= ++have[w] == need[w];
            for (; s->v[c[r]].pos - s->v[c[l]].pos >= window; l++) {
                w = s->v[c[l]].gword - 1;
                unmet += have[w]-- == need[w];
            }
            for (lit = lit > l ? lit : l; !unmet && lit <= r; lit++)
                mark(&s->v[c[lit]]);
        }
    }
    for (size_t j = 0; j < n; j++)
        need[ids[j]] = have[ids[j]] = 0;
    free(c);
    return c ? PRESSCUT_OK : PRESSCUT_NOMEM;
}

/* Lights up where q's groups matched, as Xapian matched them. */
static presscut_status_t match_groups(scan_t *s)
{
    const pc_query_t *q = s->q;
    occur_t o = { 0 };
    size_t n_words = q->group_words.n, most = 0;
    for (size_t g = 0; g < q->n_groups; g++)
        most = q->groups[g].n_words > most ? q->groups[g].n_words : most;
    size_t *ids = malloc((most + 1) * sizeof *ids);
    size_t *need = calloc(n_words + 1, sizeof *need), *have = calloc(n_words + 1, sizeof *have);
    presscut_status_t st = ids && need && have ? occur_make(s, &o) : PRESSCUT_NOMEM;
    for (size_t g = 0; g < q->n_groups && st == PRESSCUT_OK; g++) {
        const pc_hlgroup_t *grp = &q->groups[g];
        for (size_t j = 0; j < grp->n_words; j++)
            ids[j] = q->group_canon[pc_strset_find(&q->group_words, grp->words[j],
                                                   strlen(grp->words[j]))];
        if (grp->ordered)
            match_ordered(s, &o, ids, grp->n_words, grp->window);
        else
            st = match_near(s, &o, ids, grp->n_words, grp->window, need, have);
    }
    for (size_t k = 0; k < s->n && st == PRESSCUT_OK; k++) {
        tok_t *t = &s->v[k];
        if (t->match == TOGETHER) {
            const char *w = q->group_words.v[t->gword - 1];
            t->match = distinct_id(s, w, strlen(w));
            st = s->st;
        }
    }
    free(o.at);
    free(o.tok);
    free(ids);
    free(need);
    free(have);
    return st;
}

/* The last token from `from` on that fits in max_chars with it, looked
 * for from token `to` on, which must fit. */
static size_t fit(const scan_t *s, size_t from, size_t to, size_t max_chars)
{
    size_t k = to > from ? to : from;
    while (k + 1 < s->n && s->v[k + 1].cend - s->v[from].cstart <= max_chars)
        k++;
    return k;
}

/* The tokens [lo, hi) being scored, with how often each distinct word
 * matched occurs among them.  Its ends only move forward, so scoring every
 * window costs one pass over the passage. */
typedef struct window {
    size_t lo, hi;
    size_t *count;           /* by match */
    size_t distinct, total;
} window_t;

static void window_move(window_t *w, const scan_t *s, size_t from, size_t to)
{
    for (; w->hi <= to; w->hi++) {
        size_t m = s->v[w->hi].match;
        if (m) {
            w->total++;
            w->distinct += w->count[m]++ == 0;
        }
    }
    for (; w->lo < from; w->lo++) {
        size_t m = s->v[w->lo].match;
        if (m) {
            w->total--;
            w->distinct -= --w->count[m] == 0;
        }
    }
}

static size_t window_score(const window_t *w)
{
    return w->distinct * 1000 + w->total;
}

static presscut_status_t add_span(pc_snippet_t *out, size_t start, size_t end)
{
    if (out->n_spans && out->spans[out->n_spans - 1].end == start) {
        out->spans[out->n_spans - 1].end = end;
        return PRESSCUT_OK;
    }
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

/* The window that holds the most distinct matches, then the most
 * matches: among the one at the start and those that open a little before
 * a match (the first wins a tie). */
static presscut_status_t choose_window(const scan_t *s, const char *text, size_t len,
                                       size_t max_chars, pc_snippet_t *out)
{
    out->window.start = 0;
    out->window.end = len;
    if (chars(text, 0, len) <= max_chars || s->n == 0)
        return PRESSCUT_OK;
    window_t w = { .count = calloc(s->n_seen + 1, sizeof *w.count) };
    if (!w.count)
        return PRESSCUT_NOMEM;
    size_t best_from = 0, best_to = fit(s, 0, 0, max_chars);
    window_move(&w, s, best_from, best_to);
    size_t best = window_score(&w), from = 0, to = best_to;
    for (size_t k = 0; k < s->n; k++) {
        if (!s->v[k].match)
            continue;
        while (s->v[k].cstart - s->v[from].cstart > LEAD_CHARS)
            from++;
        to = fit(s, from, to, max_chars);
        window_move(&w, s, from, to);
        if (window_score(&w) > best) {
            best = window_score(&w);
            best_from = from;
            best_to = to;
        }
    }
    free(w.count);
    out->window.start = s->v[best_from].start;
    out->window.end = s->v[best_to].end;
    return PRESSCUT_OK;
}

presscut_status_t pc_snippet_make(pc_tokenizer_t *tk, xc_stem_t *stem, const pc_query_t *q,
                                  const char *text, size_t len, const size_t *breaks,
                                  size_t n_breaks, size_t max_chars, pc_snippet_t *out)
{
    scan_t s = { .text = text, .stem = stem, .q = q, .st = PRESSCUT_OK,
                 .serbian = pc_stemmer_two_scripts(xc_stem_language(stem)) };
    out->n_spans = 0;
    /* Positions as the index gives them (index.c), so that a phrase does
     * not run across paragraphs here either. */
    unsigned pos = 1;
    presscut_status_t st = PRESSCUT_OK;
    /* The words as the index has them (tokenize.h), then back to a query's. */
    pc_tokenizer_set_suffixes(tk, pc_tokenize_suffixes_for(xc_stem_language(stem)));
    for (size_t i = 0; i <= n_breaks && st == PRESSCUT_OK; i++) {
        /* A break out of order (a damaged record) only ends a paragraph
         * early. */
        size_t to = i == n_breaks ? len : breaks[i] < s.base || breaks[i] > len ? s.base
                                                                            : breaks[i];
        st = pc_tokenize(tk, text + s.base, to - s.base, pos, on_token, &s, &pos);
        if (st == PRESSCUT_OK)
            st = s.st;
        pos += PC_PARAGRAPH_GAP;
        s.base = to;
    }
    pc_tokenizer_set_suffixes(tk, true);
    if (st == PRESSCUT_OK && q->n_groups)
        st = match_groups(&s);
    if (st == PRESSCUT_OK)
        st = choose_window(&s, text, len, max_chars, out);
    for (size_t k = 0; k < s.n && st == PRESSCUT_OK; k++)
        if (s.v[k].match)
            st = add_span(out, s.v[k].start, s.v[k].end);
    for (size_t i = 0; i < s.n_seen; i++)
        free(s.seen[i].word);
    free(s.seen);
    free(s.slots);
    free(s.v);
    return st;
}
