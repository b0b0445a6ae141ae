/* search: running a query in tiers and building presscut_results_t. */
#include "presscut.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "copies.h"
#include "copyset.h"
#include "correct.h"
#include "count.h"
#include "database.h"
#include "feedback.h"
#include "fetch.h"
#include "message.h"
#include "queryparse.h"
#include "quote.h"
#include "rank.h"
#include "record.h"
#include "schema.h"
#include "snippet.h"
#include "stemset.h"
#include "tokenize.h"
#include "xapian_c.h"

/* One hit before it is dressed for the caller. */
typedef struct raw_hit {
    char *data;
    size_t len;
    double weight;
    size_t art;                  /* its article's copies: run_t.arts.v[art] */
    bool signed_;                /* psig made (per passage, for a later copy) */
    pc_signature_t psig;         /* of its passage's words */
} raw_hit_t;

struct presscut_results {
    presscut_hit_t *hits;
    raw_hit_t *raw;              /* owns the data the hits point into */
    pc_copyset_t arts;           /* owns the hits' copies */
    size_t n;
    char *suggestion;            /* "did you mean", or NULL */
    presscut_totals_t totals;
};


/* ---- running a query ---- */

typedef struct run {
    presscut_db_t *db;
    const presscut_search_options_t *opts;
    xc_enquire_t *enq;
    raw_hit_t *hits;
    size_t n, cap;
    char **seen;                 /* article keys of hits so far (--articles) */
    size_t n_seen;
    pc_copyset_t arts;
    presscut_totals_t totals;
    pc_rank_t *rank;
} run_t;

static presscut_status_t enq_failed(run_t *r, presscut_status_t st)
{
    pc_message_set(&r->db->err, "%s", xc_enquire_error(r->enq));
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
    w->h.art = pc_copyset_find(&r->arts, w->rec.article_id);
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
        pc_passage_row_t *order = NULL;
        if ((st = pc_rank_passages(r->rank, m, &order)) != PRESSCUT_OK)
            return st;
        for (size_t i = 0; i < size && st == PRESSCUT_OK; i++, (*n)++)
            st = order ? read_row(r, m, order[i].row, order[i].weight, &(*rows)[i])
                       : read_row(r, m, i, xc_mset_weight(m, i), &(*rows)[i]);
        free(order);
        return st;
    }
    pc_article_row_t *v = NULL;
    size_t k = 0;
    st = pc_rank_articles(r->rank, m, r->seen, r->n_seen, &v, &k);
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
        st = pc_copyset_need(&r->arts, r->db->db, ids, n, &r->db->err);
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
    /* Extra rows make up for articles that an earlier tier already listed. */
    size_t ask = pc_rank_rows(r->rank, want - r->n + r->n_seen);
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
    pc_copyset_free(&r->arts);
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
        st = pc_feedback_expand(r->db->db, r->enq, pq->strict, &widened, &r->db->err);
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
    if ((st = pc_correct_query(db, query, &suggestion)) != PRESSCUT_OK)
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
    if (st == PRESSCUT_OK)
        st = pc_rank_new(db->db, r.enq, &pq, opts, &db->err, &r.rank);
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
    pc_rank_destroy(r.rank);
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
    pc_copyset_free(&r->arts);
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
