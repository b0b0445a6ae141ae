/* search: running a query in tiers and building presscut_results_t. */
#include "presscut.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "articlescore.h"
#include "copies.h"
#include "count.h"
#include "database.h"
#include "fetch.h"
#include "queryparse.h"
#include "quote.h"
#include "message.h"
#include "record.h"
#include "schema.h"
#include "snippet.h"
#include "spelling.h"
#include "language.h"
#include "stem.h"
#include "stemset.h"
#include "synonyms.h"
#include "tokenize.h"
#include "xapian_c.h"

/* An article scores its best passage and a tenth of its next best: what
 * an abstract says on either side of a passage break counts a little.
 * Measured with `make eval`: 0.3 of the next two lost next to the title
 * weight (counted once per passage); a tenth of the next one gains MAP
 * +0.002 (med +0.004, cranfield +0.004, none lower), 0.05 or 0.2 less,
 * and a tenth of every further passage nothing more. */
#define NEXT_PASSAGE_SHARE 0.1

/* A keyword query's passages and articles also gain by how many of its
 * words their article holds: an analyst aims at one paragraph of a story
 * he remembers, and the rest of the story mostly carries his other words.
 * An article's cover is the weight (each stem's BM25 idf, stem_weight())
 * of the query's stems that its passages among the first results hold,
 * its title's included; COVER_WEIGHT_* of it is added to each of its
 * passages, which keeps their order within it.  Measured with `make eval`
 * (bench/RESULTS.md), news-passages MRR: passages .496 -> .546 at 0.8
 * (odd .538 -> .598, even .455 -> .495; 0.5 .540, 0.6 .539).  Weighed
 * by Xapian's term weights in the MSet instead (about twice the idf, but
 * summed shard by shard) .543 at 0.4; counting every matching term
 * instead of the stems .517; giving each passage only what its article
 * holds beyond it .497 (even lost); a share of the other passages'
 * weights .495 (even lost).  Articles (--articles) .530 -> .580 at 0.4
 * (0.3 .577); with the MSet's term weights .583 at 0.2, .595 at 0.3,
 * .593 at 0.5, but the collections' few keyword queries lose: adi MAP
 * .415 -> .414 at 0.2, .409 at 0.3, .404 at 0.5, and at 0.3 the mean MAP
 * of the eight collections fell to .4003 (their floors: .409, .40).  A
 * question is ranked by its own words: its answer is the paragraph that
 * says it, and with a cover on questions too passages scored .529 and the
 * collections lost (0.5: adi .403, cacm .305).  The cover is taken over
 * at least COVER_POOL passages, so that a first page ranks as the first
 * hundred do; looking at 200 or 400 changed nothing, nor did adding every
 * matching passage of the articles (a second search). */
#define COVER_WEIGHT_PASSAGES 0.8
#define COVER_WEIGHT_ARTICLES 0.4
#define COVER_POOL 100

/* With --articles, an article also scores as one document would: BM25
 * over all its passages' text (lib/articlescore.h).  Measured on
 * news-passages at article level (bench/RESULTS.md) against plain BM25
 * over one Xapian document per article: MRR .627 (bbc .643, reuters .603,
 * odd .663, even .591; its 82 keyword queries .646, its 18 questions
 * .542).  Before, .601 (keyword queries .652, questions .373): the best
 * passage and the cover, and for keyword queries a BM25 over the wdf of
 * each article's three best passages among the results.
 * A keyword query's articles get ARTICLE_WEIGHT of the article score added
 * to the best passage and cover: keyword queries .678 (bbc .722, reuters
 * .622); weight 4 .679; b 0.75 .669 (reuters .604), 1.0 .668; k1 2 .667;
 * the article score alone .653 (the paragraph that says it tells BBC's
 * long stories apart).  The collections' few keyword queries: adi MAP
 * .4144 -> .4082 with it alone, at b 0.75 .4094.
 * A brief question (pc_query_t.brief: a question word or two stopwords
 * among an analyst's few keywords) ranks its articles by the article
 * score alone: its best passage matched the feedback as much as its
 * words, and the article drifts with it.  Questions .373 -> .541; with
 * the best passage too .480; at b 0.75 .501; with the feedback's stems in
 * the article score .480.  A longer question keeps its best passage: the
 * collections' questions lost with the article score alone (cisi MAP .227
 * -> .168, lisa .387 -> .285) and beside the best passage (adi .404).
 * With brief questions ranked so, adi .4144 -> .4247, cacm .3361 ->
 * .3350, cisi .2265 -> .2235, cranfield .3273 -> .3170, lisa .3872 ->
 * .3871, med .5425 -> .5344 (the six's mean .3723 -> .3703; held out, npl
 * .3021 -> .2981, time .6716 -> .6900; the eight's mean .4010 -> .4012).
 * All: .654 (bbc .678, reuters .617, odd .653, even .654).  The idf is
 * the passages' (the articles' would need a term per article and stem). */
#define ARTICLE_WEIGHT 2.0
#define ARTICLE_K1 1.2
#define ARTICLE_B 0.9
#define BRIEF_B 0.5
/* Rows of an article a search keeps (Xapian's collapse), and so how many
 * rows of results make a pool of COVER_POOL articles, the articles whose
 * mean length an article's is measured against: 3 .654; 2 .647 (reuters
 * .605); 4 as 3. */
#define ARTICLE_ROWS 3

/* A question's feedback: the stems that best tell its first results from
 * the rest, each weighing up to FEEDBACK_WEIGHT of a query word (Xapian's
 * ESet weights, scaled to the best's), but none found in more than
 * FEEDBACK_MAX_SHARE of the passages: such a stem hardly tells answers
 * from the rest, and searching it costs the most (ten questions on the
 * tenfold Reuters set: p95 146 -> 58 ms; MAP the same).  Measured with
 * `make eval` (tuning log in bench/RESULTS.md). */
#define FEEDBACK_DOCS 10
#define FEEDBACK_TERMS 40
#define FEEDBACK_WEIGHT 0.2
#define FEEDBACK_MAX_SHARE 0.05


/* One hit before it is dressed for the caller. */
typedef struct raw_hit {
    char *data;
    size_t len;
    double weight;
    size_t art;                  /* its article's copies: run_t.arts[art] */
    bool signed_;                /* psig made (per passage, for a later copy) */
    pc_signature_t psig;         /* of its passage's words */
} raw_hit_t;

/* The copies of the hits' articles, one entry per article. */
typedef struct arts {
    pc_copies_t *v;
    size_t n, cap;
} arts_t;

static void arts_free(arts_t *a)
{
    for (size_t i = 0; i < a->n; i++)
        pc_copies_free(&a->v[i]);
    free(a->v);
    memset(a, 0, sizeof *a);
}

struct presscut_results {
    presscut_hit_t *hits;
    raw_hit_t *raw;              /* owns the data the hits point into */
    arts_t arts;                 /* owns the hits' copies */
    size_t n;
    char *suggestion;            /* "did you mean", or NULL */
    presscut_totals_t totals;
};


/* ---- running a query ---- */

/* The stems of a query that an article's passages hold. */
typedef struct cover {
    char **stems;
    size_t n;
    bool nomem;
} cover_t;


typedef struct run {
    presscut_db_t *db;
    const presscut_search_options_t *opts;
    xc_enquire_t *enq;
    raw_hit_t *hits;
    size_t n, cap;
    char **seen;                 /* article keys of hits so far (--articles) */
    size_t n_seen;
    arts_t arts;
    presscut_totals_t totals;
    bool cover;                  /* rank by the articles' cover too */
    cover_t weighed;             /* the stems weighed so far, */
    double *weights;             /* and their weights */
    const pc_query_t *q;         /* the query searched */
} run_t;

static presscut_status_t enq_failed(run_t *r, presscut_status_t st)
{
    pc_message_set(&r->db->err, "%s", xc_enquire_error(r->enq));
    return st;
}

static bool seen_article(const run_t *r, const char *key)
{
    for (size_t i = 0; i < r->n_seen; i++)
        if (strcmp(r->seen[i], key) == 0)
            return true;
    return false;
}

/* The index in r->arts of the copies of article_id; n when none. */
static size_t find_art(const arts_t *a, const char *article_id)
{
    size_t at = 0;
    while (at < a->n && strcmp(a->v[at].article_id, article_id) != 0)
        at++;
    return at;
}

/* Looks up, in one go, the copies of the articles ids[0..n) not looked
 * up before. */
static presscut_status_t need_copies(run_t *r, const char **ids, size_t n)
{
    arts_t *a = &r->arts;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        bool known = find_art(a, ids[i]) < a->n;
        for (size_t j = 0; j < k && !known; j++)
            known = strcmp(ids[j], ids[i]) == 0;
        if (!known)
            ids[k++] = ids[i];
    }
    if (k == 0)
        return PRESSCUT_OK;
    if (a->n + k > a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 16;
        while (cap < a->n + k)
            cap *= 2;
        pc_copies_t *v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        a->v = v;
        a->cap = cap;
    }
    char *m = NULL;
    presscut_status_t st = pc_copies_find(r->db->db, ids, k, a->v + a->n, &m);
    a->n += k;
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM)
        pc_message_set(&r->db->err, "%s", m ? m : presscut_status_to_string(st));
    free(m);
    return st;
}

/* The signature of h's passage, made once. */
static presscut_status_t passage_signature(run_t *r, raw_hit_t *h, const pc_record_t *rec)
{
    if (h->signed_)
        return PRESSCUT_OK;
    presscut_status_t st = pc_copies_text_signature(r->db->tk, rec->text, rec->text_len,
                                                    &h->psig);
    if (st != PRESSCUT_OK) {
        pc_message_set(&r->db->err, "%s", pc_tokenizer_error(r->db->tk));
        return st;
    }
    h->signed_ = true;
    return PRESSCUT_OK;
}

/* Whether h is a copy of a hit listed before it: its article is a copy of
 * that hit's (per article, other than the whole of that hit's story cut
 * short: the whole says more), and (per passage) its passage nearly that
 * hit's. */
static presscut_status_t is_copy(run_t *r, raw_hit_t *h, const pc_record_t *rec, bool *copy)
{
    presscut_status_t st = PRESSCUT_OK;
    *copy = false;
    for (size_t j = 0; j < r->n && !*copy && st == PRESSCUT_OK; j++) {
        const presscut_copy_t *of = pc_copies_get(&r->arts.v[r->hits[j].art], rec->article_id);
        if (!of)
            continue;
        if (r->opts->articles) {
            *copy = of->kind != PRESSCUT_COPY_LONGER;
        } else {
            pc_record_t shown;
            st = pc_record_decode(r->hits[j].data, r->hits[j].len, &shown);
            if (st == PRESSCUT_OK)
                st = passage_signature(r, &r->hits[j], &shown);
            if (st == PRESSCUT_OK)
                st = passage_signature(r, h, rec);
            *copy = st == PRESSCUT_OK && pc_sig_is_copy(&r->hits[j].psig, &h->psig);
        }
    }
    return st;
}

/* A row of a page, read before it is taken or left out. */
typedef struct row {
    raw_hit_t h;
    pc_record_t rec;
    char *key;                   /* per article: its key, for remember() */
} row_t;

/* Reads row i of m into *w. */
static presscut_status_t read_row(run_t *r, xc_mset_t *m, size_t i, double weight, row_t *w)
{
    w->h = (raw_hit_t){ .weight = weight };
    presscut_status_t st = xc_mset_value(r->enq, m, i, PC_SLOT_RECORD, &w->h.data, &w->h.len);
    if (st != PRESSCUT_OK)
        return enq_failed(r, st);
    if (pc_record_decode(w->h.data, w->h.len, &w->rec) != PRESSCUT_OK) {
        pc_message_set(&r->db->err, "passage data of another layout: rebuild the index");
        return PRESSCUT_CORRUPT;
    }
    return PRESSCUT_OK;
}

/* Appends w to the hits (which take its data), unless it is a copy of
 * one of them (*copy then says so). */
static presscut_status_t push_hit(run_t *r, row_t *w, bool *copy)
{
    *copy = false;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        raw_hit_t *v = realloc(r->hits, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        r->hits = v;
        r->cap = cap;
    }
    presscut_status_t st = PRESSCUT_OK;
    if (!r->opts->all_copies)
        st = is_copy(r, &w->h, &w->rec, copy);
    if (st != PRESSCUT_OK || *copy)
        return st;
    w->h.art = find_art(&r->arts, w->rec.article_id);
    r->hits[r->n++] = w->h;
    w->h.data = NULL;
    return PRESSCUT_OK;
}

static presscut_status_t remember(run_t *r, char *key)
{
    char **v = realloc(r->seen, (r->n_seen + 1) * sizeof *v);
    if (!v)
        return PRESSCUT_NOMEM;
    r->seen = v;
    r->seen[r->n_seen++] = key;
    return PRESSCUT_OK;
}

static void cover_free(cover_t *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->stems[i]);
    free(c->stems);
    *c = (cover_t){ 0 };
}

/* A term matched: a stem (Z), or a title's stem (ZS), which counts as the
 * word's stem. */
static void cover_add(void *ctx, const char *term, size_t len)
{
    cover_t *c = ctx;
    size_t skip = strncmp(term, PC_TITLE_STEM_PREFIX, strlen(PC_TITLE_STEM_PREFIX)) == 0
                      ? strlen(PC_TITLE_STEM_PREFIX)
                      : strlen(PC_STEM_PREFIX);
    if (c->nomem || strncmp(term, PC_STEM_PREFIX, strlen(PC_STEM_PREFIX)) != 0)
        return;
    term += skip;
    len -= skip;
    for (size_t i = 0; i < c->n; i++)
        if (strlen(c->stems[i]) == len && memcmp(c->stems[i], term, len) == 0)
            return;
    char **v = realloc(c->stems, (c->n + 1) * sizeof *v);
    char *stem = v ? strndup(term, len) : NULL;
    if (v)
        c->stems = v;
    if (!stem) {
        c->nomem = true;
        return;
    }
    c->stems[c->n++] = stem;
}

/* A stem's weight in a cover: its inverse document frequency as BM25
 * has it, from the index's statistics, which a sharded index sums, so
 * that one database and its shards score alike (Xapian's term weights in
 * an MSet add up shard by shard).  Each stem is looked up once a search
 * (a remote shard answers each look-up over the network). */
static double stem_weight(run_t *r, const char *stem)
{
    for (size_t i = 0; i < r->weighed.n; i++)
        if (strcmp(r->weighed.stems[i], stem) == 0)
            return r->weights[i];
    char term[PC_MAX_TERM + 2];
    unsigned docs = 0, freq = 0;
    double w = 0;
    int len = snprintf(term, sizeof term, "%s%s", PC_STEM_PREFIX, stem);
    if (len > 0 && (size_t)len < sizeof term && xc_rdb_doccount(r->db->db, &docs) == PRESSCUT_OK &&
        xc_rdb_termfreq(r->db->db, term, &freq) == PRESSCUT_OK && freq < docs)
        w = log((docs - freq + 0.5) / (freq + 0.5));
    if (w < 0)
        w = 0;
    double *v = realloc(r->weights, (r->weighed.n + 1) * sizeof *v);
    if (v) {
        r->weights = v;
        size_t n = r->weighed.n;
        cover_add(&r->weighed, term, (size_t)len);
        if (r->weighed.n > n)
            v[n] = w;
    }
    return w;
}

/* The weight of c's stems. */
static double cover_weight(run_t *r, const cover_t *c)
{
    double w = 0;
    for (size_t i = 0; i < c->n; i++)
        w += stem_weight(r, c->stems[i]);
    return w;
}

/* Adds the stems the i-th row of m holds to c. */
static presscut_status_t cover_row(run_t *r, xc_mset_t *m, size_t i, cover_t *c)
{
    presscut_status_t st = xc_mset_matching_terms(r->enq, m, i, cover_add, c);
    return st == PRESSCUT_OK && c->nomem ? PRESSCUT_NOMEM : st;
}

/* One article among the rows of an MSet. */
typedef struct article_row {
    char *key;
    char *id;                    /* its article id */
    size_t row;                  /* its best passage's */
    double weight;
    char *date;                  /* sorting by date: its date value; else NULL */
    cover_t cover;
    size_t passages;             /* its rows so far */
} article_row_t;

static int cmp_article_rows(const void *a, const void *b)
{
    const article_row_t *x = a, *y = b;
    int newer = x->date && y->date ? strcmp(y->date, x->date) : 0;
    if (newer)
        return newer;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The article id of the i-th row of m, a copy into *id (a key may be
 * cut short, an id never is). */
static presscut_status_t row_article_id(run_t *r, xc_mset_t *m, size_t i, char **id)
{
    char *data = NULL;
    size_t len;
    pc_record_t rec;
    presscut_status_t st = xc_mset_value(r->enq, m, i, PC_SLOT_RECORD, &data, &len);
    if (st == PRESSCUT_OK && (st = pc_record_decode(data, len, &rec)) == PRESSCUT_OK &&
        !(*id = strdup(rec.article_id)))
        st = PRESSCUT_NOMEM;
    free(data);
    return st;
}

/* Adds to each of the k articles of v its score as one document
 * (lib/articlescore.h) for the query's free words: ARTICLE_WEIGHT of it
 * to a keyword query's, and in place of a question's best passage. */
static presscut_status_t add_article_scores(run_t *r, article_row_t *v, size_t k)
{
    const char **ids = calloc(k + 1, sizeof *ids);
    double *scores = calloc(k + 1, sizeof *scores);
    presscut_status_t st = ids && scores ? PRESSCUT_OK : PRESSCUT_NOMEM;
    for (size_t j = 0; j < k && ids; j++)
        ids[j] = v[j].id;
    if (st == PRESSCUT_OK)
        st = pc_article_scores(r->db->db, (const char *const *)r->q->stems.v, r->q->stems.n, ids,
                               k, (pc_bm25_t){ ARTICLE_K1, r->cover ? ARTICLE_B : BRIEF_B },
                               scores);
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM)
        pc_message_set(&r->db->err, "%s", xc_rdb_error(r->db->db));
    for (size_t j = 0; j < k && st == PRESSCUT_OK; j++)
        v[j].weight = r->cover ? v[j].weight + ARTICLE_WEIGHT * scores[j] : scores[j];
    free(ids);
    free(scores);
    return st;
}

/* The articles of m's rows that no earlier tier listed, in *rows (*n of
 * them) by score: best passage, the share of the next, the cover and the
 * article's own score. */
static presscut_status_t article_rows(run_t *r, xc_mset_t *m, article_row_t **rows,
                                      size_t *n)
{
    size_t size = xc_mset_size(m);
    article_row_t *v = calloc(size + 1, sizeof *v);
    if (!v)
        return PRESSCUT_NOMEM;
    presscut_status_t st = PRESSCUT_OK;
    size_t k = 0;
    for (size_t i = 0; i < size && st == PRESSCUT_OK; i++) {
        char *key = NULL;
        size_t len, j = 0;
        if ((st = xc_mset_value(r->enq, m, i, PC_SLOT_ARTICLE, &key, &len)) != PRESSCUT_OK)
            break;
        while (j < k && strcmp(v[j].key, key) != 0)
            j++;
        if (j < k) {
            if (v[j].passages++ == 1)
                v[j].weight += NEXT_PASSAGE_SHARE * xc_mset_weight(m, i);
            free(key);
        } else if (seen_article(r, key)) {
            free(key);
            continue;
        } else {
            v[k++] = (article_row_t){ .key = key, .row = i, .weight = xc_mset_weight(m, i),
                                      .passages = 1 };
            st = row_article_id(r, m, i, &v[k - 1].id);
            if (st == PRESSCUT_OK && r->opts->sort == PRESSCUT_SORT_DATE)
                st = xc_mset_value(r->enq, m, i, PC_SLOT_DATE, &v[k - 1].date, &len);
        }
        if (r->cover && st == PRESSCUT_OK)
            st = cover_row(r, m, i, &v[j].cover);
    }
    for (size_t j = 0; j < k; j++) {
        v[j].weight += COVER_WEIGHT_ARTICLES * cover_weight(r, &v[j].cover);
        cover_free(&v[j].cover);
    }
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM)
        enq_failed(r, st);
    if (st == PRESSCUT_OK && (r->cover || r->q->brief))
        st = add_article_scores(r, v, k);
    qsort(v, k, sizeof *v, cmp_article_rows);
    *rows = v;
    *n = k;
    return st;
}

/* One passage among the rows of an MSet, scored with its article's cover. */
typedef struct passage_row {
    size_t row;
    double weight;
} passage_row_t;

static int cmp_passage_rows(const void *a, const void *b)
{
    const passage_row_t *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The rows of m in *rows by their weight and their article's cover. */
static presscut_status_t passage_rows(run_t *r, xc_mset_t *m, passage_row_t **rows)
{
    size_t size = xc_mset_size(m), k = 0;
    passage_row_t *v = calloc(size + 1, sizeof *v);
    size_t *article = calloc(size + 1, sizeof *article);  /* its article's first row */
    char **keys = calloc(size + 1, sizeof *keys);
    cover_t *covers = calloc(size + 1, sizeof *covers);     /* by first row */
    presscut_status_t st = v && article && keys && covers ? PRESSCUT_OK : PRESSCUT_NOMEM;
    for (size_t i = 0; i < size && st == PRESSCUT_OK; i++, k++) {
        size_t len, j = 0;
        if ((st = xc_mset_value(r->enq, m, i, PC_SLOT_ARTICLE, &keys[i], &len)) != PRESSCUT_OK)
            break;
        while (strcmp(keys[j], keys[i]) != 0)
            j++;
        article[i] = j;
        st = cover_row(r, m, i, &covers[j]);
    }
    for (size_t i = 0; i < k && st == PRESSCUT_OK; i++)
        v[i] = (passage_row_t){ i, xc_mset_weight(m, i) +
                                       COVER_WEIGHT_PASSAGES * cover_weight(r, &covers[article[i]]) };
    if (st == PRESSCUT_OK)
        qsort(v, size, sizeof *v, cmp_passage_rows);
    for (size_t i = 0; i < size && keys && covers; i++) {
        free(keys[i]);
        cover_free(&covers[i]);
    }
    free(keys);
    free(covers);
    free(article);
    if (st != PRESSCUT_OK) {
        free(v);
        v = NULL;
    }
    *rows = v;
    return st;
}

/* The rows of m to take, in order, into *rows (*n of them): per
 * article, their best passages, by score (article_rows()). */
static presscut_status_t page_rows(run_t *r, xc_mset_t *m, row_t **rows, size_t *n)
{
    size_t size = xc_mset_size(m);
    *n = 0;
    if (!(*rows = calloc(size + 1, sizeof **rows)))
        return PRESSCUT_NOMEM;
    presscut_status_t st = PRESSCUT_OK;
    if (!r->opts->articles) {
        passage_row_t *order = NULL;
        if (r->cover && (st = passage_rows(r, m, &order)) != PRESSCUT_OK)
            return st == PRESSCUT_NOMEM ? st : enq_failed(r, st);
        for (size_t i = 0; i < size && st == PRESSCUT_OK; i++, (*n)++)
            st = order ? read_row(r, m, order[i].row, order[i].weight, &(*rows)[i])
                       : read_row(r, m, i, xc_mset_weight(m, i), &(*rows)[i]);
        free(order);
        return st;
    }
    article_row_t *v = NULL;
    size_t k = 0;
    st = article_rows(r, m, &v, &k);
    for (size_t i = 0; i < k; i++) {
        (*rows)[i].key = v[i].key;
        if (st == PRESSCUT_OK)
            st = read_row(r, m, v[i].row, v[i].weight, &(*rows)[i]);
        free(v[i].id);
        free(v[i].date);
    }
    *n = k;
    free(v);
    return st;
}

/* Appends the hits among rows [first, first + ask) of q's results to r,
 * until `want` in all; *size gets the rows there were, *copies how many
 * were left out as copies.  The copies of their articles are looked up
 * together. */
static presscut_status_t collect_page(run_t *r, size_t first, size_t ask, size_t want,
                                      size_t *size, size_t *copies)
{
    xc_mset_t *m = NULL;
    presscut_status_t st = xc_enquire_mset(r->enq, (unsigned)first, (unsigned)ask,
                                           (unsigned)(first + ask), &m);
    if (st != PRESSCUT_OK)
        return enq_failed(r, st);
    *size = xc_mset_size(m);
    row_t *rows = NULL;
    size_t n = 0, i = 0;
    const char **ids = NULL;
    st = page_rows(r, m, &rows, &n);
    if (st == PRESSCUT_OK && !(ids = calloc(n + 1, sizeof *ids)))
        st = PRESSCUT_NOMEM;
    for (size_t k = 0; st == PRESSCUT_OK && k < n; k++)
        ids[k] = rows[k].rec.article_id;
    if (st == PRESSCUT_OK)
        st = need_copies(r, ids, n);
    for (; i < n && r->n < want && st == PRESSCUT_OK; i++) {
        bool copy = false;
        if (rows[i].key && (st = remember(r, rows[i].key)) == PRESSCUT_OK)
            rows[i].key = NULL;
        if (st == PRESSCUT_OK)
            st = push_hit(r, &rows[i], &copy);
        *copies += copy;
    }
    for (i = 0; rows && i < n; i++) {
        free(rows[i].key);
        free(rows[i].h.data);
    }
    free(rows);
    free(ids);
    xc_mset_destroy(m);
    return st;
}

/* Appends hits of q to r until `want` in all, skipping articles already
 * listed when results are per article, and copies of the hits (unless
 * all_copies): for those, the rows that follow. */
static presscut_status_t collect(run_t *r, const xc_query_t *q, size_t want)
{
    presscut_status_t st = xc_enquire_set_query(r->enq, q);
    if (st != PRESSCUT_OK)
        return enq_failed(r, st);
    /* Extra rows make up for articles that an earlier tier already listed,
     * and for each article's passages after its best. */
    size_t ask = want - r->n + r->n_seen;
    if (r->cover && ask < COVER_POOL)
        ask = COVER_POOL;
    if (r->opts->articles)
        ask *= ARTICLE_ROWS;
    size_t first = 0, size = ask, copies = 1;
    while (st == PRESSCUT_OK && r->n < want && size == ask && copies > 0) {
        copies = 0;
        st = collect_page(r, first, ask, want, &size, &copies);
        first += ask;
    }
    return st;
}

static void run_reset(run_t *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->hits[i].data);
    for (size_t i = 0; i < r->n_seen; i++)
        free(r->seen[i]);
    free(r->seen);
    r->seen = NULL;
    r->n = r->n_seen = 0;
    arts_free(&r->arts);
}

/* Hits of q that are not hits of done. */
static presscut_status_t collect_rest(run_t *r, const xc_query_t *q, const xc_query_t *done,
                                      size_t want)
{
    xc_query_t *pair[2] = { xc_query_scale(q, 1.0), xc_query_scale(done, 1.0) };
    xc_query_t *rest = pair[0] && pair[1] ? xc_query_combine(XC_OP_AND_NOT, pair, 2, 0) : NULL;
    xc_query_destroy(pair[0]);
    xc_query_destroy(pair[1]);
    if (!rest)
        return PRESSCUT_NOMEM;
    presscut_status_t st = collect(r, rest, want);
    xc_query_destroy(rest);
    return st;
}

typedef struct feedback {
    xc_rdb_t *db;
    unsigned max_freq;
    xc_query_t *terms[FEEDBACK_TERMS];
    double weights[FEEDBACK_TERMS];
    size_t n;
    bool nomem;
} feedback_t;

static void add_feedback_term(void *ctx, const char *term, size_t len, double weight)
{
    feedback_t *f = ctx;
    unsigned freq = 0;
    /* A term whose frequency cannot be had is just left out. */
    if (f->n == FEEDBACK_TERMS || xc_rdb_termfreq(f->db, term, &freq) != PRESSCUT_OK ||
        freq > f->max_freq)
        return;
    xc_query_t *t = xc_query_term(term, len, 1, 0);
    f->nomem = f->nomem || !t;
    if (t) {
        f->terms[f->n] = t;
        f->weights[f->n++] = weight;
    }
}

/* The question q widened by pseudo-relevance feedback into *out: a
 * question says in its own words what its answers say in theirs (med: MAP
 * .516 -> .541), so the stems its first results share join its search,
 * and may find what none of its words does.  *out is NULL when there is
 * nothing to add. */
static presscut_status_t expand(run_t *r, const xc_query_t *q, xc_query_t **out)
{
    *out = NULL;
    presscut_status_t st = xc_enquire_set_query(r->enq, q);
    xc_mset_t *m = NULL;
    if (st == PRESSCUT_OK)
        st = xc_enquire_mset(r->enq, 0, FEEDBACK_DOCS, FEEDBACK_DOCS, &m);
    if (st != PRESSCUT_OK)
        return enq_failed(r, st);
    unsigned docs = 0;
    if ((st = xc_rdb_doccount(r->db->db, &docs)) != PRESSCUT_OK) {
        xc_mset_destroy(m);
        pc_message_set(&r->db->err, "%s", xc_rdb_error(r->db->db));
        return st;
    }
    /* In a small index no stem is costly. */
    unsigned max_freq = (unsigned)(FEEDBACK_MAX_SHARE * docs);
    feedback_t f = { .db = r->db->db,
                     .max_freq = max_freq > FEEDBACK_DOCS ? max_freq : FEEDBACK_DOCS };
    st = xc_enquire_eset(r->enq, m, FEEDBACK_DOCS, FEEDBACK_TERMS, PC_STEM_PREFIX,
                         add_feedback_term, &f);
    xc_mset_destroy(m);
    if (st != PRESSCUT_OK) {
        for (size_t i = 0; i < f.n; i++)
            xc_query_destroy(f.terms[i]);
        return enq_failed(r, st);
    }
    xc_query_t *v[FEEDBACK_TERMS + 1] = { xc_query_scale(q, 1.0) };
    size_t n = 1;
    for (size_t i = 0; i < f.n; i++) {
        if ((v[n] = xc_query_scale(f.terms[i], FEEDBACK_WEIGHT * f.weights[i] / f.weights[0])))
            n++;
        else
            f.nomem = true;
        xc_query_destroy(f.terms[i]);
    }
    if (n > 1 && !f.nomem && v[0] && !(*out = xc_query_combine(XC_OP_OR, v, n, 0)))
        f.nomem = true;
    for (size_t i = 0; i < n; i++)
        xc_query_destroy(v[i]);
    return f.nomem || !v[0] ? PRESSCUT_NOMEM : PRESSCUT_OK;
}

/* r->totals from the matches of q (pc_count_matches()). */
static presscut_status_t count_matches(run_t *r, const xc_query_t *q, unsigned check,
                                       bool boolean)
{
    return pc_count_matches(r->db->db, q, check, boolean, &r->totals, &r->db->err);
}

/* r->totals: the matches of the tiers' queries q[0..n), all of them.  At
 * least PC_COUNT_AT_LEAST matches, and the `want` listed, are counted, the
 * rest estimated. */
static presscut_status_t count(run_t *r, xc_query_t *const *q, size_t n, size_t want)
{
    unsigned check = PC_COUNT_AT_LEAST;
    presscut_status_t st = PRESSCUT_OK;
    if (r->opts->count_all && (st = xc_rdb_doccount(r->db->db, &check)) != PRESSCUT_OK) {
        pc_message_set(&r->db->err, "%s", xc_rdb_error(r->db->db));
        return st;
    }
    if (check < want)
        check = (unsigned)want;
    xc_query_t *any = n == 1 ? xc_query_scale(q[0], 1.0) : xc_query_combine(XC_OP_OR, q, n, 0);
    if (!any)
        return PRESSCUT_NOMEM;
    st = count_matches(r, any, check, true);
    /* Xapian 1.4.22, not weighing, misreads some posting lists of an
     * index that articles were deleted from ("Unexpected end of posting
     * list"; xapian-check finds nothing wrong, and a weighed search reads
     * them well): such a count is made again, weighed.  Weighing costs
     * about 2-10 ms more on the Reuters and BBC sets. */
    if (st == PRESSCUT_CORRUPT)
        st = count_matches(r, any, check, false);
    xc_query_destroy(any);
    return st;
}

/* Hits that hold every free word come first (a question's: any of its
 * words, widened by feedback), then those with some; per article, then
 * articles whose title alone holds some (a headline often names what its
 * text does not: adi R@1000 .88 -> .91, MAP .392 -> .394).  Per passage
 * they would be every passage of such an article. */
static presscut_status_t run_tiers(run_t *r, const pc_query_t *pq, size_t want)
{
    xc_query_t *widened = NULL;
    presscut_status_t st = PRESSCUT_OK;
    if (pq->question && !r->opts->no_feedback)
        st = expand(r, pq->strict, &widened);
    const xc_query_t *first = widened ? widened : pq->strict;
    if (st == PRESSCUT_OK)
        st = collect(r, first, want);
    if (st == PRESSCUT_OK && pq->loose && r->n < want)
        st = collect_rest(r, pq->loose, first, want);
    if (st == PRESSCUT_OK && pq->titled && r->opts->articles && r->n < want)
        st = collect_rest(r, pq->titled, pq->loose ? pq->loose : first, want);
    if (st == PRESSCUT_OK) {
        xc_query_t *tiers[3] = { (xc_query_t *)first };
        size_t n = 1;
        if (pq->loose)
            tiers[n++] = pq->loose;
        if (pq->titled && r->opts->articles)
            tiers[n++] = pq->titled;
        st = count(r, tiers, n, want);
    }
    xc_query_destroy(widened);
    return st;
}

static presscut_status_t dress(presscut_db_t *db, const pc_query_t *pq, raw_hit_t *raw,
                               const pc_copies_t *copies, unsigned rank, size_t snippet_chars,
                               presscut_hit_t *h, pc_snippet_t *sn)
{
    pc_record_t rec;
    if (pc_record_decode(raw->data, raw->len, &rec) != PRESSCUT_OK) {
        pc_message_set(&db->err, "passage data of another layout: rebuild the index");
        return PRESSCUT_CORRUPT;
    }
    memset(sn, 0, sizeof *sn);
    presscut_status_t st = pc_snippet_make(db->tk, pc_stemset_for(db->stems, rec.language, db->stem), pq, rec.text, rec.text_len,
                                           rec.breaks, rec.n_breaks, snippet_chars, sn);
    if (st != PRESSCUT_OK) {
        free(sn->spans);
        pc_message_set(&db->err, "cannot make a snippet: %s", presscut_status_to_string(st));
        return st;
    }
    *h = (presscut_hit_t){
        .rank = rank, .score = raw->weight, .article_id = rec.article_id, .path = rec.path,
        .title = rec.title, .date = rec.date, .date_text = rec.date_text, .source = rec.source, .url = rec.url,
        .language = rec.language,
        .paragraph = rec.paragraph, .paragraph_end = rec.paragraph + rec.n_breaks,
        .part = rec.part, .line = rec.line,
        .start = rec.start, .end = rec.end, .text = rec.text, .text_len = rec.text_len,
        .snippet = sn->window, .highlights = sn->spans, .n_highlights = sn->n_spans,
        .copies = copies->v, .n_copies = copies->n,
    };
    return PRESSCUT_OK;
}

/* c made consistent with what is known for sure: at least `found`, at
 * most `most` (another count's upper bound). */
static void bound_count(presscut_count_t *c, uint64_t found, uint64_t most)
{
    if (c->lower < found)
        c->lower = found;
    if (c->upper > most)
        c->upper = most;
    if (c->upper < c->lower)
        c->upper = c->lower;
    if (c->estimate < c->lower)
        c->estimate = c->lower;
    if (c->estimate > c->upper)
        c->estimate = c->upper;
}

static presscut_status_t make_results(presscut_db_t *db, const pc_query_t *pq, run_t *r,
                                      const presscut_search_options_t *opts,
                                      presscut_results_t **out)
{
    size_t first = opts->offset < r->n ? opts->offset : r->n;
    size_t n = r->n - first;
    presscut_results_t *res = calloc(1, sizeof *res);
    if (!res || (n && !(res->hits = calloc(n, sizeof *res->hits))) ||
        (n && !(res->raw = calloc(n, sizeof *res->raw)))) {
        presscut_results_destroy(res);
        return PRESSCUT_NOMEM;
    }
    size_t chars = opts->snippet_chars ? opts->snippet_chars : 240;
    presscut_status_t st = PRESSCUT_OK;
    for (size_t i = 0; i < n && st == PRESSCUT_OK; i++) {
        pc_snippet_t sn;
        res->raw[i] = r->hits[first + i];
        r->hits[first + i].data = NULL;
        res->n = i + 1;
        st = dress(db, pq, &res->raw[i], &r->arts.v[res->raw[i].art], (unsigned)(first + i + 1),
                   chars, &res->hits[i], &sn);
    }
    /* The hits point into the copies. */
    res->arts = r->arts;
    memset(&r->arts, 0, sizeof r->arts);
    if (st != PRESSCUT_OK) {
        presscut_results_destroy(res);
        return st;
    }
    /* The hits listed exist, whatever the estimate; an article has a
     * passage at least. */
    res->totals = r->totals;
    bound_count(&res->totals.passages, r->n, UINT64_MAX);
    bound_count(&res->totals.articles, opts->articles ? r->n : r->n > 0,
                res->totals.passages.upper);
    *out = res;
    return PRESSCUT_OK;
}

/* ---- did you mean ---- */

typedef struct speller {
    presscut_db_t *db;
    const char *text;
    char *out;                   /* the query so far, corrected words in it */
    size_t len, copied;          /* bytes in out; bytes of text consumed */
    unsigned looked_up;          /* words looked for in the term list */
    pc_spelling_scan_t scan;     /* which field each word belongs to */
    const char *language;        /* the code of the query's first language:, or NULL */
    bool changed;
    presscut_status_t st;
} speller_t;

static bool append(speller_t *sp, const char *s, size_t n)
{
    char *v = realloc(sp->out, sp->len + n + 1);
    if (!v) {
        sp->st = PRESSCUT_NOMEM;
        return false;
    }
    memcpy(v + sp->len, s, n);
    sp->len += n;
    v[sp->len] = '\0';
    sp->out = v;
    return true;
}

/* Puts the closest word of the field (its terms start with prefix) in
 * t's place, if there is one. */
static int replace_word(speller_t *sp, const pc_token_t *t, const char *prefix)
{
    char *better = NULL;
    if (sp->looked_up++ == PC_SPELLING_MAX_WORDS)
        return 1;
    if ((sp->st = pc_spelling_suggest(sp->db->db, prefix, t->word, sp->language, &better)) !=
        PRESSCUT_OK)
        return 1;
    if (better[0] && append(sp, sp->text + sp->copied, t->start - sp->copied) &&
        append(sp, better, strlen(better))) {
        sp->copied = t->end;
        sp->changed = true;
    }
    free(better);
    return sp->st != PRESSCUT_OK;
}

/* A title: or source: value, searched as its exact term. */
static int spell_field_word(speller_t *sp, const pc_token_t *t, const char *prefix)
{
    char *term = NULL;
    unsigned freq = 0;
    if (asprintf(&term, "%s%s", prefix, t->word) < 0) {
        sp->st = PRESSCUT_NOMEM;
        return 1;
    }
    sp->st = xc_rdb_termfreq(sp->db->db, term, &freq);
    free(term);
    if (sp->st != PRESSCUT_OK || freq > 0)
        return sp->st != PRESSCUT_OK;
    return replace_word(sp, t, prefix);
}

/* *freq: the passages of the Z term of word's stem in the first of the
 * index's languages that has one ("москва" finds "москве" by Russian). */
static presscut_status_t stem_held(presscut_db_t *db, const char *word, size_t len,
                                   unsigned *freq)
{
    presscut_status_t st = PRESSCUT_OK;
    *freq = 0;
    for (size_t i = 0; i < pc_stemset_count(db->stems) && !*freq && st == PRESSCUT_OK; i++) {
        char *stem = pc_stem_word(pc_stemset_at(db->stems, i), word, len), *zterm = NULL;
        if (!stem || asprintf(&zterm, PC_STEM_PREFIX "%s", stem) < 0)
            st = PRESSCUT_NOMEM;
        else
            st = xc_rdb_termfreq(db->db, zterm, freq);
        free(zterm);
        free(stem);
    }
    return st;
}

/* A word no passage holds, not even in another form of its stem, is
 * likely misspelled: replace it by the closest indexed word.  Field names
 * (title:), wildcards (econom*) and operators are left alone; a field's
 * value is checked against that field's words, never the body's. */
static int spell_word(void *ctx, const pc_token_t *t)
{
    speller_t *sp = ctx;
    const char *src = sp->text + t->start;
    pc_spelling_field_t field = pc_spelling_field_at(&sp->scan, sp->text, t->start);
    if (t->len < 3 || t->numeric || sp->text[t->end] == ':' || sp->text[t->end] == '*' ||
        field == PC_SPELLING_NONE || field == PC_SPELLING_LANGUAGE ||
        pc_is_stopword(t->word, t->len) ||
        (t->end - t->start == 4 && !strncmp(src, "NEAR", 4)))
        return 0;
    if (field != PC_SPELLING_BODY)
        return spell_field_word(sp, t, pc_spelling_prefix(field));
    unsigned freq = 0;
    if ((sp->st = xc_rdb_termfreq(sp->db->db, t->word, &freq)) != PRESSCUT_OK || freq > 0)
        return sp->st != PRESSCUT_OK;
    char *stem = pc_stem_word(sp->db->stem, t->word, t->len);
    if (!stem) {
        sp->st = PRESSCUT_NOMEM;
        return 1;
    }
    /* "vertebrates" finds what says "vertebrate": the same search. */
    if (pc_has_stem_term(t->word, t->len))
        sp->st = stem_held(sp->db, t->word, t->len, &freq);
    /* An acronym no passage holds may still find its long form ("OSCE"). */
    bool caps = true;
    size_t group;
    if (sp->st == PRESSCUT_OK && !freq && sp->db->syn &&
        pc_synonyms_match(sp->db->syn, &stem, &caps, 1, &group))
        freq = 1;
    free(stem);
    if (sp->st != PRESSCUT_OK || freq)
        return sp->st != PRESSCUT_OK;
    return replace_word(sp, t, "");
}

/* The query's first language: value that names a language: its words
 * are the likelier corrections ("language:hr" prefers Croatian ones). */
static int find_language(void *ctx, const pc_token_t *t)
{
    speller_t *sp = ctx;
    if (pc_spelling_field_at(&sp->scan, sp->text, t->start) != PC_SPELLING_LANGUAGE)
        return 0;
    const pc_language_t *l = pc_language_find(t->word, t->len);
    if (l && l->code[0])
        sp->language = l->code;
    return sp->language != NULL;
}

/* *out gets the query with its likely misspellings corrected, or NULL when
 * there is nothing to correct. */
static presscut_status_t suggest(presscut_db_t *db, const char *query, char **out)
{
    speller_t sp = { .db = db, .text = query, .st = PRESSCUT_OK };
    *out = NULL;
    presscut_status_t st = pc_tokenize(db->tk, query, strlen(query), 1, find_language, &sp, NULL);
    sp.scan = (pc_spelling_scan_t){ 0 };
    if (st == PRESSCUT_OK)
        st = pc_tokenize(db->tk, query, strlen(query), 1, spell_word, &sp, NULL);
    if (st == PRESSCUT_OK)
        st = sp.st;
    if (st == PRESSCUT_OK && sp.changed)
        append(&sp, query + sp.copied, strlen(query + sp.copied)), st = sp.st;
    if (st != PRESSCUT_OK || !sp.changed) {
        free(sp.out);
        /* A query the tokenizer refuses is reported by the parser; a
         * database that changed meanwhile is read again, as for the
         * search; running out of memory stops it. */
        return st == PRESSCUT_NOMEM || st == PRESSCUT_RETRY ? st : PRESSCUT_OK;
    }
    *out = sp.out;
    return PRESSCUT_OK;
}

/* One try at a search: the suggestion, the query, the runs of its tiers,
 * the hits dressed.  RETRY when the database changed under any of them. */
static presscut_status_t search_once(presscut_db_t *db, const char *query,
                                     const presscut_search_options_t *opts,
                                     presscut_results_t **out)
{
    pc_query_t pq;
    char *m = NULL, *suggestion = NULL;
    /* Before the spelling pass, which looks words up one by one. */
    presscut_status_t st = pc_query_check_size(db->tk, query, "query", &m);
    if (st != PRESSCUT_OK) {
        pc_message_set(&db->err, "%s", m ? m : presscut_status_to_string(st));
        free(m);
        return st;
    }
    if ((st = pc_db_need_synonyms(db, query)) != PRESSCUT_OK)
        return st;
    if ((st = suggest(db, query, &suggestion)) != PRESSCUT_OK)
        return st;
    const char *text = opts->correct && suggestion ? suggestion : query;
    if ((st = pc_db_need_synonyms(db, text)) != PRESSCUT_OK) {
        free(suggestion);
        return st;
    }
    st = pc_query_parse_passages(db->tk, db->stem, db->stems, db->syn, text, !opts->articles, &pq,
                                 &m);
    if (st != PRESSCUT_OK) {
        pc_message_set(&db->err, "%s", m ? m : presscut_status_to_string(st));
        free(m);
        free(suggestion);
        return st;
    }
    size_t want = (size_t)opts->offset + (opts->limit ? opts->limit : 10);
    run_t r = { .db = db, .opts = opts };
    if (!(r.enq = xc_enquire_new(db->db)))
        st = PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK && opts->sort == PRESSCUT_SORT_DATE)
        st = xc_enquire_set_sort_value_then_relevance(r.enq, PC_SLOT_DATE, 1);
    else if (st == PRESSCUT_OK)
        st = xc_enquire_set_sort_relevance_then_value(r.enq, PC_SLOT_ORDER, 0);
    /* Sorted by date, passages keep Xapian's order. */
    r.cover = !pq.question && (opts->articles || opts->sort != PRESSCUT_SORT_DATE);
    r.q = &pq;
    if (st == PRESSCUT_OK && opts->articles)
        st = xc_enquire_set_collapse(r.enq, PC_SLOT_ARTICLE, ARTICLE_ROWS);
    if (st == PRESSCUT_OK)
        st = run_tiers(&r, &pq, want);
    xc_enquire_destroy(r.enq);
    if (st == PRESSCUT_OK && (st = make_results(db, &pq, &r, opts, out)) == PRESSCUT_OK) {
        (*out)->suggestion = suggestion;
        suggestion = NULL;
    }
    if (st == PRESSCUT_WILDCARD)
        pc_message_set(&db->err, "a wildcard of '%s' matches too many words: give it more "
                       "letters", text);
    free(suggestion);
    run_reset(&r);
    free(r.hits);
    cover_free(&r.weighed);
    free(r.weights);
    pc_query_free(&pq);
    return st;
}

presscut_status_t presscut_db_search(presscut_db_t *db, const char *query,
                                     const presscut_search_options_t *opts,
                                     presscut_results_t **out)
{
    static const presscut_search_options_t defaults = { 0 };
    if (!opts)
        opts = &defaults;
    presscut_status_t st;
    for (int attempt = 0;; attempt++) {
        st = search_once(db, query, opts, out);
        if (st == PRESSCUT_NETWORK && db->opts.allow_partial && attempt == 0) {
            /* A shard went away since the open: open again without it. */
            if ((st = pc_db_reopen_partial(db)) != PRESSCUT_OK)
                break;
            continue;
        }
        if (!xc_reopen_may_help(st) || attempt == XC_MAX_REOPEN)
            break;
        if ((st = xc_rdb_reopen(db->db)) != PRESSCUT_OK) {
            pc_message_set(&db->err, "%s", xc_rdb_error(db->db));
            break;
        }
    }
    if (st == PRESSCUT_RETRY)
        pc_message_set(&db->err, "index '%s' kept changing while being read: try again",
                       db->path);
    else if (st == PRESSCUT_NOMEM)
        pc_message_set(&db->err, "out of memory");
    return st;
}

size_t presscut_results_count(const presscut_results_t *r)
{
    return r->n;
}

const presscut_hit_t *presscut_results_get(const presscut_results_t *r, size_t i)
{
    return i < r->n ? &r->hits[i] : NULL;
}

const char *presscut_results_suggestion(const presscut_results_t *r)
{
    return r->suggestion;
}

void presscut_results_totals(const presscut_results_t *r, presscut_totals_t *out)
{
    *out = r->totals;
}

void presscut_results_destroy(presscut_results_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->raw[i].data);
        free((void *)r->hits[i].highlights);
    }
    free(r->hits);
    free(r->raw);
    arts_free(&r->arts);
    free(r->suggestion);
    free(r);
}

/* db's message for st, the status of a read that m (freed here) may say
 * more about; returns st. */
static presscut_status_t read_failed(presscut_db_t *db, presscut_status_t st, char *m)
{
    if (st == PRESSCUT_RETRY)
        pc_message_set(&db->err, "index '%s' kept changing while being read: try again",
                       db->path);
    else if (st != PRESSCUT_OK)
        pc_message_set(&db->err, "%s", m ? m : presscut_status_to_string(st));
    free(m);
    return st;
}

presscut_status_t presscut_db_quote(presscut_db_t *db, const char *quote,
                                    const presscut_quote_options_t *opts,
                                    presscut_quote_results_t **out)
{
    char *m = NULL;
    /* Matching a quote costs more than linear time in its words. */
    presscut_status_t st = pc_query_check_size(db->tk, quote, "quote", &m);
    if (st == PRESSCUT_OK)
        st = pc_quote_find(db->db, db->tk, db->stem, quote, opts, out, &m);
    return read_failed(db, st, m);
}

presscut_status_t presscut_db_article(presscut_db_t *db, const char *id, const char *query,
                                      presscut_article_t **out)
{
    pc_query_t pq;
    char *m = NULL;
    bool highlight = query && query[0] && pc_db_need_synonyms(db, query) == PRESSCUT_OK &&
                     pc_query_check_size(db->tk, query, "query", &m) == PRESSCUT_OK &&
                     pc_query_parse_passages(db->tk, db->stem, db->stems, db->syn, query, true, &pq,
                                             &m) == PRESSCUT_OK;
    free(m);
    m = NULL;
    presscut_status_t st = pc_fetch_article(db->db, db->tk, db->stems, db->stem,
                                            highlight ? &pq : NULL, id, out, &m);
    if (highlight)
        pc_query_free(&pq);
    return read_failed(db, st, m);
}
