/* rank: the order of a page of results, passages and articles. */
#include "rank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "articlescore.h"
#include "message.h"
#include "record.h"
#include "schema.h"

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

/* The stems of a query that an article's passages hold. */
typedef struct cover {
    char **stems;
    size_t n;
    bool nomem;
} cover_t;

struct pc_rank {
    xc_rdb_t *db;
    xc_enquire_t *enq;
    const pc_query_t *q;         /* the query searched */
    const presscut_search_options_t *opts;
    char **err;
    bool cover;                  /* rank by the articles' cover too */
    cover_t weighed;             /* the stems weighed so far, */
    double *weights;             /* and their weights */
};

static presscut_status_t enq_failed(pc_rank_t *r, presscut_status_t st)
{
    pc_message_set(r->err, "%s", xc_enquire_error(r->enq));
    return st;
}

static bool seen_article(char *const *seen, size_t n_seen, const char *key)
{
    for (size_t i = 0; i < n_seen; i++)
        if (strcmp(seen[i], key) == 0)
            return true;
    return false;
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
static double stem_weight(pc_rank_t *r, const char *stem)
{
    for (size_t i = 0; i < r->weighed.n; i++)
        if (strcmp(r->weighed.stems[i], stem) == 0)
            return r->weights[i];
    char term[PC_MAX_TERM + 2];
    unsigned docs = 0, freq = 0;
    double w = 0;
    int len = snprintf(term, sizeof term, "%s%s", PC_STEM_PREFIX, stem);
    if (len > 0 && (size_t)len < sizeof term && xc_rdb_doccount(r->db, &docs) == PRESSCUT_OK &&
        xc_rdb_termfreq(r->db, term, &freq) == PRESSCUT_OK)
        w = pc_bm25_idf(docs, freq);
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
static double cover_weight(pc_rank_t *r, const cover_t *c)
{
    double w = 0;
    for (size_t i = 0; i < c->n; i++)
        w += stem_weight(r, c->stems[i]);
    return w;
}

/* Adds the stems the i-th row of m holds to c. */
static presscut_status_t cover_row(pc_rank_t *r, xc_mset_t *m, size_t i, cover_t *c)
{
    presscut_status_t st = xc_mset_matching_terms(r->enq, m, i, cover_add, c);
    return st == PRESSCUT_OK && c->nomem ? PRESSCUT_NOMEM : st;
}

static int cmp_article_rows(const void *a, const void *b)
{
    const pc_article_row_t *x = a, *y = b;
    int newer = x->date && y->date ? strcmp(y->date, x->date) : 0;
    if (newer)
        return newer;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The article id of the i-th row of m, a copy into *id (a key may be
 * cut short, an id never is). */
static presscut_status_t row_article_id(pc_rank_t *r, xc_mset_t *m, size_t i, char **id)
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
static presscut_status_t add_article_scores(pc_rank_t *r, pc_article_row_t *v, size_t k)
{
    const char **ids = calloc(k + 1, sizeof *ids);
    double *scores = calloc(k + 1, sizeof *scores);
    presscut_status_t st = ids && scores ? PRESSCUT_OK : PRESSCUT_NOMEM;
    for (size_t j = 0; j < k && ids; j++)
        ids[j] = v[j].id;
    if (st == PRESSCUT_OK)
        st = pc_article_scores(r->db, (const char *const *)r->q->stems.v, r->q->stems.n, ids,
                               k, (pc_bm25_t){ ARTICLE_K1, r->cover ? ARTICLE_B : BRIEF_B },
                               scores);
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM)
        pc_message_set(r->err, "%s", xc_rdb_error(r->db));
    for (size_t j = 0; j < k && st == PRESSCUT_OK; j++)
        v[j].weight = r->cover ? v[j].weight + ARTICLE_WEIGHT * scores[j] : scores[j];
    free(ids);
    free(scores);
    return st;
}

presscut_status_t pc_rank_articles(pc_rank_t *r, xc_mset_t *m, char *const *seen, size_t n_seen,
                                   pc_article_row_t **rows, size_t *n)
{
    size_t size = xc_mset_size(m);
    pc_article_row_t *v = calloc(size + 1, sizeof *v);
    cover_t *covers = calloc(size + 1, sizeof *covers);    /* v[j]'s in covers[j] */
    if (!v || !covers) {
        free(v);
        free(covers);
        return PRESSCUT_NOMEM;
    }
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
        } else if (seen_article(seen, n_seen, key)) {
            free(key);
            continue;
        } else {
            v[k++] = (pc_article_row_t){ .key = key, .row = i, .weight = xc_mset_weight(m, i),
                                         .passages = 1 };
            st = row_article_id(r, m, i, &v[k - 1].id);
            if (st == PRESSCUT_OK && r->opts->sort == PRESSCUT_SORT_DATE)
                st = xc_mset_value(r->enq, m, i, PC_SLOT_DATE, &v[k - 1].date, &len);
        }
        if (r->cover && st == PRESSCUT_OK)
            st = cover_row(r, m, i, &covers[j]);
    }
    for (size_t j = 0; j < k; j++) {
        v[j].weight += COVER_WEIGHT_ARTICLES * cover_weight(r, &covers[j]);
        cover_free(&covers[j]);
    }
    free(covers);
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM)
        enq_failed(r, st);
    if (st == PRESSCUT_OK && (r->cover || r->q->brief))
        st = add_article_scores(r, v, k);
    qsort(v, k, sizeof *v, cmp_article_rows);
    *rows = v;
    *n = k;
    return st;
}

static int cmp_passage_rows(const void *a, const void *b)
{
    const pc_passage_row_t *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The rows of m in *rows by their weight and their article's cover. */
static presscut_status_t passage_rows(pc_rank_t *r, xc_mset_t *m, pc_passage_row_t **rows)
{
    size_t size = xc_mset_size(m), k = 0;
    pc_passage_row_t *v = calloc(size + 1, sizeof *v);
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
        v[i] = (pc_passage_row_t){ i, xc_mset_weight(m, i) + COVER_WEIGHT_PASSAGES *
                                              cover_weight(r, &covers[article[i]]) };
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

presscut_status_t pc_rank_passages(pc_rank_t *r, xc_mset_t *m, pc_passage_row_t **rows)
{
    *rows = NULL;
    if (!r->cover)
        return PRESSCUT_OK;
    presscut_status_t st = passage_rows(r, m, rows);
    return st == PRESSCUT_OK || st == PRESSCUT_NOMEM ? st : enq_failed(r, st);
}

size_t pc_rank_rows(const pc_rank_t *r, size_t ask)
{
    if (r->cover && ask < COVER_POOL)
        ask = COVER_POOL;
    /* Each article's passages after its best take rows too. */
    if (r->opts->articles)
        ask *= ARTICLE_ROWS;
    return ask;
}

presscut_status_t pc_rank_new(xc_rdb_t *db, xc_enquire_t *enq, const pc_query_t *q,
                              const presscut_search_options_t *opts, char **err, pc_rank_t **out)
{
    pc_rank_t *r = calloc(1, sizeof *r);
    if (!r)
        return PRESSCUT_NOMEM;
    *r = (pc_rank_t){ .db = db, .enq = enq, .q = q, .opts = opts, .err = err };
    /* Sorted by date, passages keep Xapian's order. */
    r->cover = !q->question && (opts->articles || opts->sort != PRESSCUT_SORT_DATE);
    presscut_status_t st = PRESSCUT_OK;
    if (opts->articles)
        st = xc_enquire_set_collapse(enq, PC_SLOT_ARTICLE, ARTICLE_ROWS);
    if (st != PRESSCUT_OK) {
        pc_rank_destroy(r);
        return st;
    }
    *out = r;
    return PRESSCUT_OK;
}

void pc_rank_destroy(pc_rank_t *r)
{
    if (!r)
        return;
    cover_free(&r->weighed);
    free(r->weights);
    free(r);
}
