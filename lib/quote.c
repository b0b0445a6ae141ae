/* quote: presscut_quote_results_t and the look-up behind presscut_db_quote(). */
#include "copies.h"
#include "count.h"
#include "quote.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "language.h"
#include "message.h"
#include "queryparse.h"
#include "record.h"
#include "schema.h"
#include "spelling.h"
#include "stem.h"
#include "utf8.h"

#define DEFAULT_LIMIT 20
/* Passages holding half of the quote that are checked for the other half
 * in the neighbouring part: enough for every copy of an article in a news
 * archive, bounded so that a quote of common words stays fast. */
#define CROSS_CANDIDATES 200
/* Passages BM25 ranks best for the quote's stems that are aligned with it:
 * the original of a slightly wrong quote shares nearly all its words, so
 * it ranks near the top. */
#define FUZZY_CANDIDATES 50

/* Alignment credits per quote word.  A missing, extra or unrelated word
 * costs half a word, so one slip in a ten-word quote still scores 0.85,
 * while a passage sharing a few scattered words stays below MIN_SCORE. */
#define CREDIT_STEM 0.9      /* criticise / criticised, cooperate / cooperation */
#define CREDIT_NEAR 0.7      /* criticised / criticized, goverment / government */
#define PENALTY 0.5
#define MIN_SCORE 0.6
/* A near spelling, in letters: both words of NEAR_SHORTEST letters or
 * more, at most NEAR_LENGTH_GAP apart, one edit from each other, two when
 * the longer has NEAR_TWO_EDITS letters or more. */
#define NEAR_SHORTEST 4
#define NEAR_LENGTH_GAP 2
#define NEAR_TWO_EDITS 8

typedef struct tok {
    size_t word, len;        /* the normalized word at words.p + word, then */
    unsigned n_also;         /* the terms it also stands for, each after the NUL before */
    size_t start, end;       /* its bytes in the text */
    unsigned para;           /* its paragraph, counted from the passage's first */
} tok_t;

typedef struct tokvec {
    tok_t *v;
    size_t n, cap;
    pc_buf_t words;
    unsigned para;           /* while tokenizing: the paragraph, and */
    size_t base;             /* where it starts in the text */
    /* Whether a Cyrillic word stands for its Serbian Latin spelling too
     * (lib/stem.h): in the quote, and in a Serbian article, as indexed. */
    bool latin;
    presscut_status_t st;
} tokvec_t;

/* What a hit owns; the public hit points into it. */
typedef struct owned {
    char *data[2];           /* the records of the passage(s) */
    char *verbatim, *match_text, *sentence;
    presscut_span_t *spans;
    presscut_word_diff_t *diffs;
    size_t n_diffs;
} owned_t;

struct presscut_quote_results {
    presscut_quote_hit_t *hits;
    owned_t *own;
    size_t n, cap;
    presscut_quote_hit_t closest;
    owned_t closest_own;
    bool has_closest;
    pc_copies_t *arts;           /* the copies of the hits' articles, one per article */
    size_t n_arts;
    presscut_totals_t totals;    /* of the passages that hold the quote exactly */
};

/* A match before it becomes a hit: one passage, or two consecutive parts. */
typedef struct match {
    presscut_match_t kind;
    double score;
    char *data[2];
    pc_record_t rec[2];
    size_t nrec;
    size_t s, e;             /* s in rec[0].text, e in rec[nrec - 1].text */
    presscut_span_t *spans;  /* matched words in rec[0].text */
    size_t n_spans;
    presscut_word_diff_t *diffs;
    size_t n_diffs;
    size_t order;            /* among approximate matches: BM25 rank, to break ties */
} match_t;

typedef struct graded {
    match_t *v;
    size_t n;
} graded_t;

typedef struct finder {
    xc_rdb_t *db;
    pc_tokenizer_t *tk;
    xc_stem_t *stem;
    const char *quote;
    bool fuzzy;
    size_t limit;
    tokvec_t q;              /* the quote's words */
    char **qstems;
    tokvec_t t, t2;          /* a passage's words, and its neighbour's */
    unsigned *exact_docs;    /* passages with an exact hit: not graded again */
    size_t n_exact_docs;
    pc_buf_t term, key;
    presscut_quote_results_t *res;
    graded_t graded;         /* approximate matches so far */
    match_t closest;
    bool has_closest;
    char *msg;
} finder_t;

static presscut_status_t fail(finder_t *f, presscut_status_t st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static presscut_status_t fail(finder_t *f, presscut_status_t st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pc_message_vset(&f->msg, fmt, ap);
    va_end(ap);
    return st;
}

/* ---- words ---- */

static presscut_status_t add_word(tokvec_t *tv, const char *w, size_t len)
{
    if (pc_buf_reserve(&tv->words, len + 1) != PRESSCUT_OK)
        return tv->st = PRESSCUT_NOMEM;
    memcpy(tv->words.p + tv->words.len, w, len);
    tv->words.p[tv->words.len + len] = '\0';
    tv->words.len += len + 1;
    return PRESSCUT_OK;
}

static int on_token(void *ctx, const pc_token_t *t)
{
    tokvec_t *tv = ctx;
    if (tv->n == tv->cap) {
        size_t cap = tv->cap ? 2 * tv->cap : 64;
        tok_t *v = realloc(tv->v, cap * sizeof *v);
        if (!v) {
            tv->st = PRESSCUT_NOMEM;
            return 1;
        }
        tv->v = v;
        tv->cap = cap;
    }
    tok_t *k = &tv->v[tv->n++];
    *k = (tok_t){ tv->words.len, t->len, t->n_also, tv->base + t->start, tv->base + t->end,
                  tv->para };
    if (add_word(tv, t->word, t->len) != PRESSCUT_OK)
        return 1;
    for (unsigned i = 0; i < t->n_also; i++)
        if (add_word(tv, t->also[i], t->also_len[i]) != PRESSCUT_OK)
            return 1;
    for (int dj = 0; tv->latin && dj < PC_SERBIAN_LATIN_FORMS; dj++) {
        char latin[PC_MAX_WORD];
        size_t n = pc_serbian_latin_form(t->word, t->len, dj, latin);
        if (!n)
            continue;
        k->n_also++;
        if (add_word(tv, latin, n) != PRESSCUT_OK)
            return 1;
    }
    return 0;
}

/* Appends the words of text[from..to) as paragraph para. */
static presscut_status_t tokenize_more(finder_t *f, tokvec_t *tv, const char *text,
                                       size_t from, size_t to, unsigned para)
{
    tv->para = para;
    tv->base = from;
    tv->st = PRESSCUT_OK;
    presscut_status_t st = pc_tokenize(f->tk, text + from, to - from, 1, on_token, tv, NULL);
    if (st == PRESSCUT_OK)
        st = tv->st;
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM)
        fail(f, st, "%s", pc_tokenizer_error(f->tk));
    return st;
}

/* The quote's words, tokenized as a query's. */
static presscut_status_t tokenize(finder_t *f, tokvec_t *tv, const char *text, size_t len)
{
    tv->n = 0;
    tv->words.len = 0;
    tv->latin = true;
    pc_tokenizer_set_suffixes(f->tk, true);
    return tokenize_more(f, tv, text, 0, len, 0);
}

/* The stemmer rec's article was indexed with: its language's, else the
 * index's. */
static const char *stemmer_of(const finder_t *f, const pc_record_t *rec)
{
    const pc_language_t *l = pc_language_find(rec->language, strlen(rec->language));
    return l ? l->stemmer : xc_stem_language(f->stem);
}

/* A passage's words as the index has them, each knowing its paragraph. */
static presscut_status_t tokenize_record(finder_t *f, tokvec_t *tv, const pc_record_t *rec)
{
    tv->n = 0;
    tv->words.len = 0;
    tv->latin = pc_stemmer_two_scripts(stemmer_of(f, rec));
    pc_tokenizer_set_suffixes(f->tk, pc_tokenize_suffixes_for(stemmer_of(f, rec)));
    presscut_status_t st = PRESSCUT_OK;
    size_t from = 0;
    for (unsigned i = 0; i <= rec->n_breaks && st == PRESSCUT_OK; i++) {
        size_t to = i < rec->n_breaks ? rec->breaks[i] : rec->text_len;
        st = tokenize_more(f, tv, rec->text, from, to, i);
        from = to;
    }
    return st;
}

static void tokvec_free(tokvec_t *tv)
{
    free(tv->v);
    free(tv->words.p);
}

static const char *word(const tokvec_t *tv, size_t i)
{
    return tv->words.p + tv->v[i].word;
}

/* Is w tv's word i, or a term it also stands for (the quote's mueller
 * is the text's Müller, its otan the text's l'OTAN)? */
static bool is_word(const tokvec_t *tv, size_t i, const char *w)
{
    const char *form = word(tv, i);
    for (unsigned k = 0; k <= tv->v[i].n_also; k++, form += strlen(form) + 1)
        if (strcmp(form, w) == 0)
            return true;
    return false;
}

/* Do quote word i and tv's word j share a form (the quote's Müller is
 * the text's Mueller, its Kragujevac a Serbian article's Крагујевац)? */
static bool same_word(const finder_t *f, size_t i, const tokvec_t *tv, size_t j)
{
    const char *form = word(&f->q, i);
    for (unsigned k = 0; k <= f->q.v[i].n_also; k++, form += strlen(form) + 1)
        if (is_word(tv, j, form))
            return true;
    return false;
}

/* Do tv's words from `at`, all in one paragraph, equal the quote's words
 * [from, to)? */
static bool same_words(const finder_t *f, const tokvec_t *tv, size_t at, size_t from, size_t to)
{
    if (at + (to - from) > tv->n || tv->v[at].para != tv->v[at + (to - from) - 1].para)
        return false;
    for (size_t k = from; k < to; k++)
        if (!same_word(f, k, tv, at + k - from))
            return false;
    return true;
}

/* ---- sentences ---- */

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Bytes of closing quotes or brackets ending just before text[at]. */
static size_t closer_before(const char *t, size_t at)
{
    if (at >= 1 && (t[at - 1] == '"' || t[at - 1] == '\'' || t[at - 1] == ')'))
        return 1;
    if (at >= 3 && (unsigned char)t[at - 3] == 0xE2 && (unsigned char)t[at - 2] == 0x80 &&
        ((unsigned char)t[at - 1] == 0x9D || (unsigned char)t[at - 1] == 0x99))
        return 3;
    return 0;
}

static bool is_stop(char c)
{
    return c == '.' || c == '!' || c == '?';
}

/* Start of the sentence holding text[at]: after the last sentence end
 * (., ! or ?, maybe closing quotes, then white space) before it. */
static size_t sentence_start(const char *t, size_t at)
{
    for (size_t i = at; i > 0; i--) {
        if (!is_space(t[i - 1]))
            continue;
        size_t j = i - 1, n;
        while (j > 0 && is_space(t[j - 1]))
            j--;
        while ((n = closer_before(t, j)) != 0)
            j -= n;
        if (j > 0 && is_stop(t[j - 1])) {
            while (is_space(t[i]))
                i++;
            return i;
        }
    }
    return 0;
}

/* End of the sentence that goes on at text[at], closing quotes included. */
static size_t sentence_end(const char *t, size_t len, size_t at)
{
    for (size_t i = at; i < len; i++) {
        if (!is_stop(t[i]))
            continue;
        size_t j = i + 1;
        while (j < len && !is_space(t[j]) && !((unsigned char)t[j] < 0x80 && t[j] != '"' &&
                                                t[j] != '\'' && t[j] != ')'))
            j++;
        if (j == len || is_space(t[j]))
            return j;
    }
    return len;
}

/* ---- results ---- */

static void match_free(match_t *m)
{
    free(m->data[0]);
    free(m->data[1]);
    free(m->spans);
    for (size_t i = 0; i < m->n_diffs; i++) {
        free((char *)m->diffs[i].quote);
        free((char *)m->diffs[i].text);
    }
    free(m->diffs);
    memset(m, 0, sizeof *m);
}

static void owned_free(owned_t *o)
{
    free(o->data[0]);
    free(o->data[1]);
    free(o->verbatim);
    free(o->match_text);
    free(o->sentence);
    free(o->spans);
    for (size_t i = 0; i < o->n_diffs; i++) {
        free((char *)o->diffs[i].quote);
        free((char *)o->diffs[i].text);
    }
    free(o->diffs);
}

/* a[from..) + " " + b[..to) when b is given, else a[from..to). */
static char *join(const pc_record_t *a, const pc_record_t *b, size_t from, size_t to)
{
    size_t n1 = b ? a->text_len - from : to - from, n2 = b ? to : 0;
    char *s = malloc(n1 + n2 + 2), *p = s;
    if (!s)
        return NULL;
    memcpy(p, a->text + from, n1);
    p += n1;
    if (b) {
        *p++ = ' ';
        memcpy(p, b->text, n2);
        p += n2;
    }
    *p = '\0';
    return s;
}

/* The paragraph of rec's article that holds text[off]. */
static unsigned paragraph_at(const pc_record_t *rec, size_t off)
{
    unsigned k = 0;
    while (k < rec->n_breaks && rec->breaks[k] <= off)
        k++;
    return rec->paragraph + k;
}

/* Where rec's text byte off lies in rec->src (end: off ends a match),
 * mapped within its paragraph: the bytes between two blocks are markup,
 * or text of no block. */
static size_t src_offset(const pc_record_t *rec, size_t off, bool end)
{
    if (rec->markdown)   /* markup is only deleted: mapped over the whole passage */
        return pc_markdown_source_offset(rec->src, rec->src_len, off, end);
    unsigned k = 0;
    while (k < rec->n_breaks && rec->breaks[k] < off + !end)
        k++;
    size_t t0 = k ? rec->breaks[k - 1] : 0, s0 = k ? rec->src_breaks[k - 1] : 0;
    size_t s1 = k < rec->n_breaks ? rec->src_breaks[k] : rec->src_len;
    return s0 + pc_html_source_offset(rec->src + s0, s1 - s0, rec->text + t0, off - t0, end);
}

/* The file's offset of rec's text byte off (end: off ends a match). */
static size_t file_offset(const pc_record_t *rec, size_t off, bool end)
{
    if (rec->start == rec->end && !rec->src_len)   /* an HTML block not found in its source */
        return rec->start;
    size_t at = rec->src_len ? src_offset(rec, off, end) : off;
    /* Each U+FFFD before at was one byte in the file. */
    size_t i = 0;
    while (i < rec->n_repairs && pc_record_repair(rec, i) + 3 <= at)
        i++;
    return rec->start + at - 2 * i;
}

/* The file's bytes of text [s, e) of one passage, as written. */
static char *source_bytes(const pc_record_t *rec, size_t s, size_t e)
{
    if (!rec->src_len && rec->start == rec->end)
        return strdup("");
    if (!rec->src_len)
        return join(rec, NULL, s, e);
    size_t a = src_offset(rec, s, false), b = src_offset(rec, e, true);
    return strndup(rec->src + a, b > a ? b - a : 0);
}

/* Dresses m as a hit in *h and *o, taking what m owns; m is left empty. */
static presscut_status_t dress(match_t *m, unsigned rank, presscut_quote_hit_t *h, owned_t *o)
{
    const pc_record_t *first = &m->rec[0], *last = &m->rec[m->nrec - 1];
    const pc_record_t *second = m->nrec == 2 ? last : NULL;
    size_t ss = sentence_start(first->text, m->s);
    size_t se = sentence_end(last->text, last->text_len, m->e);
    /* Only a text passage is cut into parts: its text is its bytes. */
    *o = (owned_t){
        .data = { m->data[0], m->data[1] },
        .verbatim = second ? join(first, second, m->s, m->e) : source_bytes(first, m->s, m->e),
        .match_text = join(first, second, m->s, m->e),
        .sentence = join(first, second, ss, se),
        .spans = m->spans, .diffs = m->diffs, .n_diffs = m->n_diffs,
    };
    *h = (presscut_quote_hit_t){
        .passage = {
            .rank = rank, .score = m->score, .article_id = first->article_id,
            .path = first->path, .title = first->title, .date = first->date,
            .date_text = first->date_text,
            .source = first->source, .url = first->url, .language = first->language,
            .paragraph = paragraph_at(first, m->s), .paragraph_end = paragraph_at(last, m->e),
            .part = first->part, .line = first->line, .start = first->start,
            .end = first->end, .text = first->text, .text_len = first->text_len,
            .snippet = { ss, second ? first->text_len : se },
            .highlights = m->spans, .n_highlights = m->n_spans,
        },
        .match = m->kind, .passages = (unsigned)m->nrec,
        .match_start = file_offset(first, m->s, false),
        .match_end = file_offset(last, m->e, true),
        .verbatim = o->verbatim, .match_text = o->match_text, .sentence = o->sentence,
        .diffs = m->diffs, .n_diffs = m->n_diffs,
    };
    memset(m, 0, sizeof *m);
    return o->verbatim && o->match_text && o->sentence ? PRESSCUT_OK : PRESSCUT_NOMEM;
}

/* Adds m (taking what it owns) to the results. */
static presscut_status_t add_hit(finder_t *f, match_t *m)
{
    presscut_quote_results_t *r = f->res;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        presscut_quote_hit_t *h = realloc(r->hits, cap * sizeof *h);
        if (h)
            r->hits = h;
        owned_t *o = h ? realloc(r->own, cap * sizeof *o) : NULL;
        if (!o) {
            match_free(m);
            return PRESSCUT_NOMEM;
        }
        r->own = o;
        r->cap = cap;
    }
    size_t i = r->n++;
    return dress(m, (unsigned)(i + 1), &r->hits[i], &r->own[i]);
}

size_t presscut_quote_results_count(const presscut_quote_results_t *r)
{
    return r->n;
}

const presscut_quote_hit_t *presscut_quote_results_get(const presscut_quote_results_t *r,
                                                       size_t i)
{
    return i < r->n ? &r->hits[i] : NULL;
}

const presscut_quote_hit_t *presscut_quote_results_closest(const presscut_quote_results_t *r)
{
    return r->has_closest ? &r->closest : NULL;
}

void presscut_quote_results_totals(const presscut_quote_results_t *r, presscut_totals_t *out)
{
    *out = r->totals;
}

void presscut_quote_results_destroy(presscut_quote_results_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        owned_free(&r->own[i]);
    owned_free(&r->closest_own);
    for (size_t i = 0; i < r->n_arts; i++)
        pc_copies_free(&r->arts[i]);
    free(r->arts);
    free(r->hits);
    free(r->own);
    free(r);
}

/* ---- running queries ---- */

/* Called with each document of a search; takes data (free it or keep it). */
typedef presscut_status_t (*doc_fn)(finder_t *f, unsigned docid, char *data, size_t len);

static presscut_status_t search(finder_t *f, xc_query_t *q, unsigned max, doc_fn fn)
{
    if (!q)
        return PRESSCUT_NOMEM;
    xc_enquire_t *enq = xc_enquire_new(f->db);
    if (!enq) {
        xc_query_destroy(q);
        return PRESSCUT_NOMEM;
    }
    xc_mset_t *m = NULL;
    presscut_status_t st = xc_enquire_set_sort_relevance_then_value(enq, PC_SLOT_ORDER, 0);
    if (st == PRESSCUT_OK)
        st = xc_enquire_set_query(enq, q);
    if (st == PRESSCUT_OK)
        st = xc_enquire_mset(enq, 0, max, max, &m);
    for (size_t i = 0; st == PRESSCUT_OK && i < xc_mset_size(m); i++) {
        char *data;
        size_t len;
        if ((st = xc_mset_value(enq, m, i, PC_SLOT_RECORD, &data, &len)) == PRESSCUT_OK)
            st = fn(f, xc_mset_docid(m, i), data, len);
    }
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM && !f->msg)
        fail(f, st, "%s", xc_enquire_error(enq));
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);
    xc_query_destroy(q);
    return st;
}

/* Quote word i, or any form of it, at query position pos. */
static xc_query_t *any_form(const finder_t *f, size_t i, unsigned pos)
{
    unsigned n = f->q.v[i].n_also + 1;
    xc_query_t *subs[1 + PC_MAX_ALSO + PC_SERBIAN_LATIN_FORMS];
    const char *form = word(&f->q, i);
    bool ok = true;
    for (unsigned k = 0; k < n; k++, form += strlen(form) + 1)
        ok &= (subs[k] = xc_query_term(form, strlen(form), 1, pos)) != NULL;
    if (n == 1)
        return subs[0];
    xc_query_t *q = ok ? xc_query_combine(XC_OP_OR, subs, n, 0) : NULL;
    for (unsigned k = 0; k < n; k++)
        xc_query_destroy(subs[k]);
    return q;
}

/* A phrase of the quote's words [from, to). */
static xc_query_t *phrase(const finder_t *f, size_t from, size_t to)
{
    xc_query_t **subs = calloc(to - from, sizeof *subs);
    if (!subs)
        return NULL;
    bool ok = true;
    for (size_t i = from; i < to; i++)
        ok &= (subs[i - from] = any_form(f, i, (unsigned)(i - from + 1))) != NULL;
    xc_query_t *q = ok ? xc_query_combine(XC_OP_PHRASE, subs, to - from, 0) : NULL;
    for (size_t i = 0; i < to - from; i++)
        xc_query_destroy(subs[i]);
    free(subs);
    return q;
}

static presscut_status_t decode(finder_t *f, const char *data, size_t len, pc_record_t *rec)
{
    if (pc_record_decode(data, len, rec) != PRESSCUT_OK)
        return fail(f, PRESSCUT_CORRUPT, "passage data of another layout: rebuild the index");
    return PRESSCUT_OK;
}

/* ---- exact matches ---- */

static presscut_status_t remember_exact(finder_t *f, unsigned docid)
{
    unsigned *v = realloc(f->exact_docs, (f->n_exact_docs + 1) * sizeof *v);
    if (!v)
        return PRESSCUT_NOMEM;
    f->exact_docs = v;
    v[f->n_exact_docs++] = docid;
    return PRESSCUT_OK;
}

static bool had_exact(const finder_t *f, unsigned docid)
{
    for (size_t i = 0; i < f->n_exact_docs; i++)
        if (f->exact_docs[i] == docid)
            return true;
    return false;
}

/* The spans of n words of tv from `at`, for highlights. */
static presscut_span_t *word_spans(const tokvec_t *tv, size_t at, size_t n)
{
    presscut_span_t *s = malloc((n ? n : 1) * sizeof *s);
    for (size_t i = 0; s && i < n; i++)
        s[i] = (presscut_span_t){ tv->v[at + i].start, tv->v[at + i].end };
    return s;
}

/* Every occurrence of the quote in one passage. */
static presscut_status_t on_exact(finder_t *f, unsigned docid, char *data, size_t len)
{
    pc_record_t rec;
    presscut_status_t st = decode(f, data, len, &rec);
    if (st == PRESSCUT_OK)
        st = tokenize_record(f, &f->t, &rec);
    if (st == PRESSCUT_OK)
        st = remember_exact(f, docid);
    size_t n = f->q.n;
    for (size_t i = 0; st == PRESSCUT_OK && i + n <= f->t.n && f->res->n < f->limit; i++) {
        if (!same_words(f, &f->t, i, 0, n))
            continue;
        match_t m = { .kind = PRESSCUT_MATCH_EXACT, .score = 1.0, .nrec = 1,
                      .s = f->t.v[i].start, .e = f->t.v[i + n - 1].end };
        /* Each hit owns its copy of the record: a passage may hold several. */
        if (!(m.data[0] = malloc(len + 1)) || !(m.spans = word_spans(&f->t, i, n))) {
            match_free(&m);
            st = PRESSCUT_NOMEM;
            break;
        }
        memcpy(m.data[0], data, len + 1);
        pc_record_decode(m.data[0], len, &m.rec[0]);
        m.n_spans = n;
        st = add_hit(f, &m);
    }
    free(data);
    return st;
}

/* Copies data[0..len] (with its NUL), for a hit to own. */
static char *dup_data(const char *data, size_t len)
{
    char *p = malloc(len + 1);
    if (p)
        memcpy(p, data, len + 1);
    return p;
}

/* Fetches the passage of rec's article that starts at part `part` of
 * paragraph `paragraph`, if the index has it: *data stays NULL otherwise. */
static presscut_status_t fetch_passage(finder_t *f, const pc_record_t *rec, unsigned paragraph,
                                    unsigned part, char **data, size_t *len)
{
    /* The article's passages, at the place the order key names. */
    presscut_status_t st = pc_id_term(&f->term, "A", rec->article_id);
    if (st != PRESSCUT_OK || pc_order_key(&f->key, rec->path, rec->article_id, paragraph, part) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    xc_enquire_t *enq = xc_enquire_new(f->db);
    xc_query_t *pair[2] = { xc_query_term(f->term.p, f->term.len, 1, 0),
                            xc_query_value_is(PC_SLOT_ORDER, f->key.p, f->key.len) };
    xc_query_t *q = pair[0] && pair[1] ? xc_query_combine(XC_OP_FILTER, pair, 2, 0) : NULL;
    xc_query_destroy(pair[0]);
    xc_query_destroy(pair[1]);
    xc_mset_t *m = NULL;
    *data = NULL;
    st = enq && q ? xc_enquire_set_query(enq, q) : PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK)
        st = xc_enquire_mset(enq, 0, 1, 1, &m);
    if (st == PRESSCUT_OK && xc_mset_size(m) == 1)
        st = xc_mset_value(enq, m, 0, PC_SLOT_RECORD, data, len);
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM)
        fail(f, st, "%s", xc_enquire_error(enq));
    xc_mset_destroy(m);
    xc_query_destroy(q);
    xc_enquire_destroy(enq);
    return st;
}

/* The passage next to rec (forward: after it) in its article; *crossed
 * when a paragraph break, not a cut, lies between them.  *data stays NULL
 * when there is none. */
static presscut_status_t fetch_neighbour(finder_t *f, const pc_record_t *rec, bool forward,
                                         char **data, size_t *len, bool *crossed)
{
    unsigned paragraph = forward ? rec->next_paragraph : rec->prev_paragraph;
    unsigned part = forward ? rec->next_part : rec->prev_part;
    *crossed = forward ? part == 0 : rec->part == 0;
    *data = NULL;
    if (paragraph == 0)
        return PRESSCUT_OK;
    return fetch_passage(f, rec, paragraph, part, data, len);
}

static bool have_partial(const finder_t *f, const pc_record_t *rec, size_t s)
{
    for (size_t i = 0; i < f->res->n; i++) {
        const presscut_quote_hit_t *h = &f->res->hits[i];
        if (h->match == PRESSCUT_MATCH_PARTIAL && h->match_start == rec->start + s &&
            strcmp(h->passage.article_id, rec->article_id) == 0)
            return true;
    }
    return false;
}

/* One paragraph's piece of a quote that runs across a paragraph break:
 * the quote's words [from, to) at tokens [at, at + to - from) of tv. */
static presscut_status_t add_partial(finder_t *f, const char *data, size_t len,
                                     const tokvec_t *tv, size_t at, size_t from, size_t to)
{
    size_t n = to - from;
    match_t m = { .kind = PRESSCUT_MATCH_PARTIAL, .score = (double)n / (double)f->q.n,
                  .nrec = 1, .s = tv->v[at].start, .e = tv->v[at + n - 1].end };
    if (!(m.data[0] = dup_data(data, len)) || !(m.spans = word_spans(tv, at, n))) {
        match_free(&m);
        return PRESSCUT_NOMEM;
    }
    pc_record_decode(m.data[0], len, &m.rec[0]);
    m.n_spans = n;
    if (have_partial(f, &m.rec[0], m.s)) {
        match_free(&m);
        return PRESSCUT_OK;
    }
    return add_hit(f, &m);
}

static bool have_cross(const finder_t *f, const pc_record_t *first, size_t s)
{
    for (size_t i = 0; i < f->res->n; i++) {
        const presscut_quote_hit_t *h = &f->res->hits[i];
        if (h->passages == 2 && h->match_start == first->start + s &&
            strcmp(h->passage.article_id, first->article_id) == 0)
            return true;
    }
    return false;
}

/* The quote's words [0, split) end part k and [split, n) begin part k + 1;
 * a (with tokens ta) is part k, b (tokens tb) part k + 1.  Takes both data. */
static presscut_status_t add_cross(finder_t *f, char *da, size_t la, const tokvec_t *ta,
                                   char *db, size_t lb, const tokvec_t *tb, size_t split)
{
    match_t m = { .kind = PRESSCUT_MATCH_EXACT, .score = 1.0, .nrec = 2,
                  .data = { da, db } };
    pc_record_decode(da, la, &m.rec[0]);
    pc_record_decode(db, lb, &m.rec[1]);
    m.s = ta->v[ta->n - split].start;
    m.e = tb->v[f->q.n - split - 1].end;
    if (have_cross(f, &m.rec[0], m.s)) {
        match_free(&m);
        return PRESSCUT_OK;
    }
    if (!(m.spans = word_spans(ta, ta->n - split, split))) {
        match_free(&m);
        return PRESSCUT_NOMEM;
    }
    m.n_spans = split;
    return add_hit(f, &m);
}

/* Does a paragraph of the passage end with the quote's first words and
 * the next one in the passage begin with the rest?  Each is a partial hit. */
static presscut_status_t find_inner_breaks(finder_t *f, const char *data, size_t len)
{
    presscut_status_t st = PRESSCUT_OK;
    size_t n = f->q.n;
    for (size_t b = 1; b < f->t.n && st == PRESSCUT_OK && f->res->n < f->limit; b++) {
        if (f->t.v[b].para == f->t.v[b - 1].para)
            continue;
        for (size_t split = 1; split < n && st == PRESSCUT_OK; split++) {
            if (b >= split && same_words(f, &f->t, b - split, 0, split) &&
                same_words(f, &f->t, b, split, n)) {
                st = add_partial(f, data, len, &f->t, b - split, 0, split);
                if (st == PRESSCUT_OK)
                    st = add_partial(f, data, len, &f->t, b, split, n);
            }
        }
    }
    return st;
}

/* Does the passage end with the quote's first words and the next passage
 * begin with the rest, or begin with its last words after a passage that
 * ends with the rest?  Or does the quote run across a paragraph break
 * inside the passage? */
static presscut_status_t on_cross(finder_t *f, unsigned docid, char *data, size_t len)
{
    (void)docid;
    pc_record_t rec;
    presscut_status_t st = decode(f, data, len, &rec);
    if (st == PRESSCUT_OK)
        st = tokenize_record(f, &f->t, &rec);
    if (st == PRESSCUT_OK)
        st = find_inner_breaks(f, data, len);
    size_t n = f->q.n;
    for (int forward = 1; forward >= 0 && st == PRESSCUT_OK; forward--) {
        char *other = NULL;
        size_t olen = 0;
        bool fetched = false, crossed = false;
        pc_record_t orec;
        for (size_t split = 1; split < n && st == PRESSCUT_OK && f->res->n < f->limit;
             split++) {
            bool here = forward ? f->t.n >= split && same_words(f, &f->t, f->t.n - split, 0, split)
                                : same_words(f, &f->t, 0, split, n);
            if (!here)
                continue;
            if (!fetched) {
                fetched = true;
                st = fetch_neighbour(f, &rec, forward, &other, &olen, &crossed);
                if (st == PRESSCUT_OK && other && (st = decode(f, other, olen, &orec)) == PRESSCUT_OK)
                    st = tokenize_record(f, &f->t2, &orec);
            }
            if (st != PRESSCUT_OK || !other)
                break;
            bool there = forward ? same_words(f, &f->t2, 0, split, n)
                                 : f->t2.n >= split && same_words(f, &f->t2, f->t2.n - split, 0, split);
            if (!there)
                continue;
            if (crossed) {
                /* A real paragraph break: each paragraph is a partial hit. */
                const char *first = forward ? data : other, *second = forward ? other : data;
                size_t l1 = forward ? len : olen, l2 = forward ? olen : len;
                const tokvec_t *t1 = forward ? &f->t : &f->t2, *t2 = forward ? &f->t2 : &f->t;
                st = add_partial(f, first, l1, t1, t1->n - split, 0, split);
                if (st == PRESSCUT_OK)
                    st = add_partial(f, second, l2, t2, 0, split, n);
                continue;
            }
            char *a = dup_data(forward ? data : other, forward ? len : olen);
            char *b = dup_data(forward ? other : data, forward ? olen : len);
            if (!a || !b) {
                free(a);
                free(b);
                st = PRESSCUT_NOMEM;
                break;
            }
            st = add_cross(f, a, forward ? len : olen, forward ? &f->t : &f->t2,
                           b, forward ? olen : len, forward ? &f->t2 : &f->t, split);
        }
        free(other);
    }
    free(data);
    return st;
}

static presscut_status_t find_exact(finder_t *f)
{
    presscut_status_t st = search(f, phrase(f, 0, f->q.n), (unsigned)f->limit, on_exact);
    if (st != PRESSCUT_OK || f->q.n < 2 || f->res->n >= f->limit)
        return st;
    /* Across a cut, one side holds at least half of the quote. */
    size_t half = (f->q.n + 1) / 2;
    xc_query_t *pair[2] = { phrase(f, 0, half), phrase(f, half, f->q.n) };
    xc_query_t *q = pair[0] && pair[1] ? xc_query_combine(XC_OP_OR, pair, 2, 0) : NULL;
    xc_query_destroy(pair[0]);
    xc_query_destroy(pair[1]);
    return search(f, q, CROSS_CANDIDATES, on_cross);
}

/* ---- approximate matches ---- */

/* Credit of quote word i against passage word j (stem tstem). */
static double credit(const finder_t *f, size_t i, size_t j, const char *tstem)
{
    const char *a = word(&f->q, i), *b = word(&f->t, j);
    size_t la = f->q.v[i].len, lb = f->t.v[j].len;
    if (same_word(f, i, &f->t, j))
        return 1.0;
    if (strcmp(f->qstems[i], tstem) == 0)
        return CREDIT_STEM;
    /* In letters, as pc_edit_distance counts edits: in bytes a Cyrillic
     * "кит" would pass for "кот" and a 4-letter Greek word get 2 edits. */
    size_t ca = pc_utf8_count(a, la), cb = pc_utf8_count(b, lb);
    size_t shorter = ca < cb ? ca : cb, longer = ca < cb ? cb : ca;
    size_t near = longer >= NEAR_TWO_EDITS ? 2 : 1;
    if (shorter >= NEAR_SHORTEST && longer - shorter <= NEAR_LENGTH_GAP &&
        pc_edit_distance(a, la, b, lb, near) <= near)
        return CREDIT_NEAR;
    return -PENALTY;
}

typedef enum step { STOP, DIAG, UP, LEFT, SWAP } step_t;

static presscut_status_t add_diff(match_t *m, presscut_diff_kind_t kind, const char *q,
                                  size_t qlen, const char *t, size_t tlen)
{
    presscut_word_diff_t *v = realloc(m->diffs, (m->n_diffs + 1) * sizeof *v);
    if (!v)
        return PRESSCUT_NOMEM;
    m->diffs = v;
    char *qs = strndup(q, qlen), *ts = strndup(t, tlen);
    if (!qs || !ts) {
        free(qs);
        free(ts);
        return PRESSCUT_NOMEM;
    }
    v[m->n_diffs++] = (presscut_word_diff_t){ kind, qs, ts };
    return PRESSCUT_OK;
}

/* The diffs of quote words [from, to), all missing. */
static presscut_status_t add_missing(const finder_t *f, match_t *m, size_t from, size_t to)
{
    presscut_status_t st = PRESSCUT_OK;
    for (size_t i = from; i < to && st == PRESSCUT_OK; i++)
        st = add_diff(m, PRESSCUT_DIFF_MISSING, f->quote + f->q.v[i].start,
                      f->q.v[i].end - f->q.v[i].start, "", 0);
    return st;
}

typedef struct grid {
    size_t n, m;
    double *h, *c;           /* best local score ending at (i, j); credit of (i, j) */
    unsigned char *step;
} grid_t;

#define AT(g, i, j) ((i) * ((g)->m + 1) + (j))

/* Smith-Waterman over words: the best-scoring stretch of the passage
 * against a stretch of the quote. */
static void align(const finder_t *f, grid_t *g, char **tstems)
{
    for (size_t i = 0; i < g->n; i++)
        for (size_t j = 0; j < g->m; j++)
            g->c[i * g->m + j] = credit(f, i, j, tstems[j]);
    for (size_t k = 0; k <= g->m; k++)
        g->h[AT(g, 0, k)] = 0, g->step[AT(g, 0, k)] = STOP;
    for (size_t i = 1; i <= g->n; i++) {
        g->h[AT(g, i, 0)] = 0, g->step[AT(g, i, 0)] = STOP;
        for (size_t j = 1; j <= g->m; j++) {
            double best = 0, v;
            step_t s = STOP;
            if ((v = g->h[AT(g, i - 1, j - 1)] + g->c[(i - 1) * g->m + j - 1]) > best)
                best = v, s = DIAG;
            if ((v = g->h[AT(g, i - 1, j)] - PENALTY) > best)
                best = v, s = UP;
            if ((v = g->h[AT(g, i, j - 1)] - PENALTY) > best)
                best = v, s = LEFT;
            if (i >= 2 && j >= 2) {
                double c1 = g->c[(i - 2) * g->m + j - 1], c2 = g->c[(i - 1) * g->m + j - 2];
                if (c1 > 0 && c2 > 0 && (v = g->h[AT(g, i - 2, j - 2)] + c1 + c2 - PENALTY) > best)
                    best = v, s = SWAP;
            }
            g->h[AT(g, i, j)] = best;
            g->step[AT(g, i, j)] = (unsigned char)s;
        }
    }
}

/* Walks the alignment back from (bi, bj), filling m's span, highlights
 * and diffs (in text order). */
static presscut_status_t trace(const finder_t *f, const grid_t *g, size_t bi, size_t bj,
                               match_t *m)
{
    const tokvec_t *q = &f->q, *t = &f->t;
    /* Collected backwards, reversed at the end. */
    presscut_status_t st = add_missing(f, m, bi, q->n);
    size_t tail = m->n_diffs;
    m->spans = malloc((bj ? bj : 1) * sizeof *m->spans);
    if (st != PRESSCUT_OK || !m->spans)
        return PRESSCUT_NOMEM;
    size_t i = bi, j = bj, first = bj - 1;
    while (st == PRESSCUT_OK && g->step[AT(g, i, j)] != STOP) {
        step_t s = g->step[AT(g, i, j)];
        const tok_t *qa = &q->v[i - 1], *ta = &t->v[j - 1];
        if (s == DIAG) {
            double c = g->c[(i - 1) * g->m + j - 1];
            if (c > 0)
                m->spans[m->n_spans++] = (presscut_span_t){ ta->start, ta->end };
            if (c < 1.0)
                st = add_diff(m, PRESSCUT_DIFF_CHANGED, f->quote + qa->start,
                              qa->end - qa->start, m->rec[0].text + ta->start,
                              ta->end - ta->start);
            first = j - 1;
            i--, j--;
        } else if (s == UP) {
            st = add_diff(m, PRESSCUT_DIFF_MISSING, f->quote + qa->start,
                          qa->end - qa->start, "", 0);
            i--;
        } else if (s == LEFT) {
            st = add_diff(m, PRESSCUT_DIFF_EXTRA, "", 0, m->rec[0].text + ta->start,
                          ta->end - ta->start);
            j--;
        } else {
            const tok_t *qb = &q->v[i - 2], *tb = &t->v[j - 2];
            m->spans[m->n_spans++] = (presscut_span_t){ ta->start, ta->end };
            m->spans[m->n_spans++] = (presscut_span_t){ tb->start, tb->end };
            st = add_diff(m, PRESSCUT_DIFF_SWAPPED, f->quote + qb->start, qa->end - qb->start,
                          m->rec[0].text + tb->start, ta->end - tb->start);
            first = j - 2;
            i -= 2, j -= 2;
        }
    }
    if (st == PRESSCUT_OK)
        st = add_missing(f, m, 0, i);
    if (st != PRESSCUT_OK)
        return st;
    m->s = t->v[first].start;
    m->e = t->v[bj - 1].end;
    for (size_t a = 0, b = m->n_spans; a + 1 < b; a++, b--) {
        presscut_span_t x = m->spans[a];
        m->spans[a] = m->spans[b - 1];
        m->spans[b - 1] = x;
    }
    /* The quote's trailing missing words were added first: keep them last. */
    presscut_word_diff_t *d = m->diffs;
    for (size_t a = tail, b = m->n_diffs; a + 1 < b; a++, b--) {
        presscut_word_diff_t x = d[a];
        d[a] = d[b - 1];
        d[b - 1] = x;
    }
    for (size_t a = 0; a < tail; a++) {
        presscut_word_diff_t x = d[0];
        memmove(d, d + 1, (m->n_diffs - 1) * sizeof *d);
        d[m->n_diffs - 1] = x;
    }
    return PRESSCUT_OK;
}

/* Grades one candidate passage; *m gets the best alignment (score 0 and
 * nothing owned when no word lines up). */
static presscut_status_t grade(finder_t *f, char *data, size_t len, match_t *m)
{
    memset(m, 0, sizeof *m);
    m->kind = PRESSCUT_MATCH_APPROXIMATE;
    m->nrec = 1;
    m->data[0] = data;
    presscut_status_t st = decode(f, data, len, &m->rec[0]);
    if (st == PRESSCUT_OK)
        st = tokenize_record(f, &f->t, &m->rec[0]);
    if (st != PRESSCUT_OK || f->t.n == 0)
        return st;
    grid_t g = { .n = f->q.n, .m = f->t.n };
    size_t cells = (g.n + 1) * (g.m + 1);
    char **tstems = calloc(g.m, sizeof *tstems);
    g.h = malloc(cells * sizeof *g.h);
    g.c = malloc(g.n * g.m * sizeof *g.c);
    g.step = malloc(cells);
    st = tstems && g.h && g.c && g.step ? PRESSCUT_OK : PRESSCUT_NOMEM;
    for (size_t j = 0; st == PRESSCUT_OK && j < g.m; j++)
        if (!(tstems[j] = pc_stem_word(f->stem, word(&f->t, j), f->t.v[j].len)))
            st = PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK) {
        align(f, &g, tstems);
        size_t bi = 0, bj = 0;
        for (size_t i = 1; i <= g.n; i++)
            for (size_t j = 1; j <= g.m; j++)
                if (g.h[AT(&g, i, j)] > g.h[AT(&g, bi, bj)])
                    bi = i, bj = j;
        m->score = g.h[AT(&g, bi, bj)] / (double)g.n;
        if (m->score > 1.0)
            m->score = 1.0;
        if (bi)
            st = trace(f, &g, bi, bj, m);
    }
    for (size_t j = 0; tstems && j < g.m; j++)
        free(tstems[j]);
    free(tstems);
    free(g.h);
    free(g.c);
    free(g.step);
    return st;
}

static presscut_status_t keep_graded(graded_t *gr, match_t *m)
{
    match_t *v = realloc(gr->v, (gr->n + 1) * sizeof *v);
    if (!v) {
        match_free(m);
        return PRESSCUT_NOMEM;
    }
    gr->v = v;
    m->order = gr->n;
    v[gr->n++] = *m;
    return PRESSCUT_OK;
}

static presscut_status_t on_candidate(finder_t *f, unsigned docid, char *data, size_t len)
{
    if (had_exact(f, docid)) {
        free(data);
        return PRESSCUT_OK;
    }
    match_t m;
    presscut_status_t st = grade(f, data, len, &m);
    if (st != PRESSCUT_OK || m.score <= 0 || m.score >= 1.0) {
        /* 1.0 is an exact occurrence that the limit left out. */
        match_free(&m);
        return st;
    }
    if (m.score >= MIN_SCORE)
        return keep_graded(&f->graded, &m);
    if (!f->has_closest || m.score > f->closest.score) {
        match_free(&f->closest);
        f->closest = m;
        f->has_closest = true;
        return PRESSCUT_OK;
    }
    match_free(&m);
    return PRESSCUT_OK;
}

static int by_score(const void *a, const void *b)
{
    const match_t *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->order > y->order) - (x->order < y->order);
}

/* A content word's stem term, or the word itself: the quote is stemmed in
 * the index's language, while an article in another is indexed with its
 * own language's stems ("ψαράδες" has a Greek one, not the English
 * stemmer's), and with its words as written in every language. */
static xc_query_t *stem_or_word(const char *w, const char *stem)
{
    if (!pc_has_stem_term(w, strlen(w)))
        return xc_query_term(w, strlen(w), 1, 0);
    xc_query_t *pair[2] = { pc_stem_query(w, stem), xc_query_term(w, strlen(w), 1, 0) };
    xc_query_t *q = pair[0] && pair[1] ? xc_query_combine(XC_OP_OR, pair, 2, 0) : NULL;
    xc_query_destroy(pair[0]);
    xc_query_destroy(pair[1]);
    return q;
}

static presscut_status_t find_approximate(finder_t *f)
{
    /* The stems or words of the quote's content words; its words when it
     * has none. */
    xc_query_t **subs = calloc(f->q.n, sizeof *subs);
    size_t n = 0;
    bool ok = subs != NULL;
    for (int plain = 0; ok && plain < 2 && n == 0; plain++) {
        for (size_t i = 0; ok && i < f->q.n; i++) {
            const char *w = word(&f->q, i);
            if (!plain && pc_is_stopword(w, f->q.v[i].len))
                continue;
            if (plain)
                ok = (subs[n] = xc_query_term(w, strlen(w), 1, 0)) != NULL;
            else
                ok = (subs[n] = stem_or_word(w, f->qstems[i])) != NULL;
            n += ok;
        }
    }
    xc_query_t *q = ok ? xc_query_combine(XC_OP_OR, subs, n, 0) : NULL;
    for (size_t i = 0; i < n; i++)
        xc_query_destroy(subs[i]);
    free(subs);
    presscut_status_t st = search(f, q, FUZZY_CANDIDATES, on_candidate);
    graded_t *gr = &f->graded;
    if (gr->n)   /* qsort(NULL, 0, ...) is undefined */
        qsort(gr->v, gr->n, sizeof *gr->v, by_score);
    for (size_t i = 0; i < gr->n; i++) {
        if (st == PRESSCUT_OK && f->res->n < f->limit)
            st = add_hit(f, &gr->v[i]);
        else
            match_free(&gr->v[i]);
    }
    free(gr->v);
    gr->v = NULL;
    gr->n = 0;
    return st;
}

static void finder_reset(finder_t *f)
{
    presscut_quote_results_destroy(f->res);
    f->res = NULL;
    match_free(&f->closest);
    f->has_closest = false;
    free(f->exact_docs);
    f->exact_docs = NULL;
    f->n_exact_docs = 0;
}

/* The copies of the hits' articles, looked up together into res->arts,
 * and in art[i] the one of hit i. */
static presscut_status_t hits_copies(finder_t *f, size_t *art)
{
    presscut_quote_results_t *res = f->res;
    const char **ids = calloc(res->n + 1, sizeof *ids);
    size_t n = 0;
    if (!ids || !(res->arts = calloc(res->n + 1, sizeof *res->arts))) {
        free(ids);
        return PRESSCUT_NOMEM;
    }
    for (size_t i = 0; i < res->n; i++) {
        const char *id = res->hits[i].passage.article_id;
        for (art[i] = 0; art[i] < n && strcmp(ids[art[i]], id) != 0; art[i]++)
            ;
        if (art[i] == n)
            ids[n++] = id;
    }
    char *m = NULL;
    presscut_status_t st = pc_copies_find(f->db, ids, n, res->arts, &m);
    res->n_arts = n;
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM)
        fail(f, st, "%s", m ? m : presscut_status_to_string(st));
    free(m);
    free(ids);
    return st;
}

/* Whether hit j is a copy of hit i: its article a copy of i's, and its
 * passage nearly i's. */
static presscut_status_t copies_hit(finder_t *f, const pc_copies_t *of, size_t i, size_t j,
                                    pc_signature_t *sigs, bool *copy)
{
    const presscut_hit_t *a = &f->res->hits[i].passage, *b = &f->res->hits[j].passage;
    *copy = false;
    if (!pc_copies_get(of, b->article_id))
        return PRESSCUT_OK;
    presscut_status_t st = pc_copies_text_signature(f->tk, a->text, a->text_len, &sigs[0]);
    if (st == PRESSCUT_OK)
        st = pc_copies_text_signature(f->tk, b->text, b->text_len, &sigs[1]);
    if (st != PRESSCUT_OK)
        return fail(f, st, "%s", pc_tokenizer_error(f->tk));
    *copy = pc_sig_is_copy(&sigs[0], &sigs[1]);
    return PRESSCUT_OK;
}

/* Every holder stays listed, each copy (a hit whose article is a copy of
 * an earlier hit's, in nearly the same passage) moved up to follow the
 * hit it copies, and ranked anew: a quote's source and its re-sends read
 * as one group. */
static presscut_status_t group_copies(finder_t *f)
{
    presscut_quote_results_t *res = f->res;
    size_t n = res->n, k = 0, *art = calloc(n + 1, sizeof *art);
    presscut_quote_hit_t *hits = calloc(n + 1, sizeof *hits);
    owned_t *own = calloc(n + 1, sizeof *own);
    bool *placed = calloc(n + 1, sizeof *placed);
    presscut_status_t st = art && hits && own && placed ? hits_copies(f, art) : PRESSCUT_NOMEM;
    for (size_t i = 0; i < n && st == PRESSCUT_OK; i++) {
        if (placed[i])
            continue;
        unsigned head = (unsigned)k + 1;
        for (size_t j = i; j < n && st == PRESSCUT_OK; j++) {
            pc_signature_t sigs[2];
            bool copy = j == i;
            if (!placed[j] && j > i)
                st = copies_hit(f, &res->arts[art[i]], i, j, sigs, &copy);
            if (placed[j] || !copy)
                continue;
            placed[j] = true;
            hits[k] = res->hits[j];
            own[k] = res->own[j];
            hits[k].passage.rank = (unsigned)k + 1;
            hits[k].copy_of = j > i ? head : 0;
            hits[k].passage.copies = res->arts[art[j]].v;
            hits[k++].passage.n_copies = res->arts[art[j]].n;
        }
    }
    if (st == PRESSCUT_OK) {
        memcpy(res->hits, hits, n * sizeof *hits);
        memcpy(res->own, own, n * sizeof *own);
    }
    free(art);
    free(hits);
    free(own);
    free(placed);
    return st;
}

/* The totals: the passages that hold the quote word for word (in one
 * passage: a quote across a cut or a break is not counted), and their
 * articles. */
static presscut_status_t count_exact(finder_t *f)
{
    xc_query_t *q = phrase(f, 0, f->q.n);
    char *m = NULL;
    presscut_status_t st = q ? pc_count_matches(f->db, q, PC_COUNT_AT_LEAST, true,
                                                &f->res->totals, &m)
                             : PRESSCUT_NOMEM;
    /* As a search's count: Xapian 1.4.22 misreads some posting lists
     * of an index articles were deleted from when not weighing. */
    if (st == PRESSCUT_CORRUPT) {
        free(m);
        m = NULL;
        st = pc_count_matches(f->db, q, PC_COUNT_AT_LEAST, false, &f->res->totals, &m);
    }
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM)
        fail(f, st, "%s", m ? m : presscut_status_to_string(st));
    free(m);
    xc_query_destroy(q);
    return st;
}

static presscut_status_t find(finder_t *f)
{
    if (!(f->res = calloc(1, sizeof *f->res)))
        return PRESSCUT_NOMEM;
    presscut_status_t st = find_exact(f);
    if (st == PRESSCUT_OK && (f->fuzzy || f->res->n == 0) && f->res->n < f->limit)
        st = find_approximate(f);
    if (st == PRESSCUT_OK && f->res->n == 0 && f->has_closest) {
        f->has_closest = false;
        f->res->has_closest = true;
        st = dress(&f->closest, 0, &f->res->closest, &f->res->closest_own);
    }
    if (st == PRESSCUT_OK && f->res->n)
        st = group_copies(f);
    if (st == PRESSCUT_OK)
        st = count_exact(f);
    return st;
}

static presscut_status_t read_quote(finder_t *f)
{
    size_t len = strlen(f->quote);
    presscut_status_t st = tokenize(f, &f->q, f->quote, len);
    if (st == PRESSCUT_BAD_INPUT)
        return fail(f, PRESSCUT_BAD_QUERY, "the quote is not valid UTF-8");
    if (st != PRESSCUT_OK)
        return st;
    if (f->q.n == 0)
        return fail(f, PRESSCUT_EMPTY, "the quote holds no words");
    if (!(f->qstems = calloc(f->q.n, sizeof *f->qstems)))
        return PRESSCUT_NOMEM;
    for (size_t i = 0; i < f->q.n; i++)
        if (!(f->qstems[i] = pc_stem_word(f->stem, word(&f->q, i), f->q.v[i].len)))
            return PRESSCUT_NOMEM;
    return PRESSCUT_OK;
}

presscut_status_t pc_quote_find(xc_rdb_t *db, pc_tokenizer_t *tk, xc_stem_t *stem,
                                const char *quote, const presscut_quote_options_t *opts,
                                presscut_quote_results_t **out, char **msg)
{
    finder_t f = {
        .db = db, .tk = tk, .stem = stem, .quote = quote,
        .fuzzy = opts && opts->fuzzy,
        .limit = opts && opts->limit ? opts->limit : DEFAULT_LIMIT,
    };
    presscut_status_t st = read_quote(&f);
    for (int attempt = 0; st == PRESSCUT_OK; attempt++) {
        st = find(&f);
        if (!xc_reopen_may_help(st) || attempt == XC_MAX_REOPEN)
            break;
        finder_reset(&f);
        free(f.msg);
        f.msg = NULL;
        if ((st = xc_rdb_reopen(db)) != PRESSCUT_OK)
            fail(&f, st, "%s", xc_rdb_error(db));
    }
    if (st == PRESSCUT_OK) {
        *out = f.res;
        f.res = NULL;
    }
    finder_reset(&f);
    pc_tokenizer_set_suffixes(tk, true);   /* as a query reads text */
    for (size_t i = 0; f.qstems && i < f.q.n; i++)
        free(f.qstems[i]);
    free(f.qstems);
    tokvec_free(&f.q);
    tokvec_free(&f.t);
    tokvec_free(&f.t2);
    free(f.term.p);
    free(f.key.p);
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM && msg) {
        *msg = f.msg;
        f.msg = NULL;
    }
    free(f.msg);
    return st;
}
