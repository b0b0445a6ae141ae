/* search: presscut_db_t and presscut_results_t. */
#include "presscut.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "queryparse.h"
#include "quote.h"
#include "record.h"
#include "schema.h"
#include "snippet.h"
#include "tokenize.h"
#include "xapian_c.h"

/* A reader racing a writer may need to reopen more than once. */
#define MAX_REOPEN 5

struct presscut_db {
    xc_rdb_t *db;
    xc_stem_t *stem;
    pc_tokenizer_t *tk;
    char *err;
};

/* One hit before it is dressed for the caller. */
typedef struct raw_hit {
    char *data;
    size_t len;
    double weight;
} raw_hit_t;

struct presscut_results {
    presscut_hit_t *hits;
    raw_hit_t *raw;              /* owns the data the hits point into */
    size_t n;
};

static void set_error(presscut_db_t *db, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void set_error(presscut_db_t *db, const char *fmt, ...)
{
    va_list ap;
    char *msg = NULL;
    va_start(ap, fmt);
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    free(db->err);
    db->err = msg;
}

const char *presscut_db_error(const presscut_db_t *db)
{
    return db->err ? db->err : "";
}

/* Reads a metadata mark; "" when absent. */
static presscut_status_t get_mark(presscut_db_t *db, const char *key, char **value)
{
    size_t len;
    presscut_status_t st = xc_rdb_get_metadata(db->db, key, value, &len);
    if (st != PRESSCUT_OK)
        set_error(db, "%s", xc_rdb_error(db->db));
    return st;
}

static presscut_status_t check_marks(presscut_db_t *db, const char *path, char **language)
{
    char *schema = NULL, *tok = NULL;
    presscut_status_t st = get_mark(db, PC_META_SCHEMA, &schema);
    if (st == PRESSCUT_OK)
        st = get_mark(db, PC_META_TOKENIZER, &tok);
    if (st == PRESSCUT_OK)
        st = get_mark(db, PC_META_LANGUAGE, language);
    if (st == PRESSCUT_OK) {
        if (!schema[0]) {
            set_error(db, "%s: not a presscut index (no schema mark)", path);
            st = PRESSCUT_VERSION;
        } else if (strcmp(schema, PC_SCHEMA_VERSION) != 0 ||
                   atoi(tok) != PC_TOKENIZER_VERSION) {
            set_error(db, "%s: index has schema %s and tokenizer %s, this presscut reads "
                      "schema %s and tokenizer %d: rebuild it with presscut-index --full",
                      path, schema, tok, PC_SCHEMA_VERSION, PC_TOKENIZER_VERSION);
            st = PRESSCUT_VERSION;
        }
    }
    free(schema);
    free(tok);
    return st;
}

presscut_status_t presscut_db_open(const char *path, presscut_db_t **out, char **msg)
{
    presscut_db_t *db = calloc(1, sizeof *db);
    if (!db)
        return PRESSCUT_NOMEM;
    char *m = NULL, *language = NULL;
    presscut_status_t st = xc_rdb_open(path, &db->db, &m);
    if (st == PRESSCUT_OK && (st = check_marks(db, path, &language)) != PRESSCUT_OK) {
        m = db->err;
        db->err = NULL;
    }
    if (st == PRESSCUT_OK)
        st = xc_stem_new(language[0] ? language : "english", &db->stem, &m);
    if (st == PRESSCUT_OK)
        st = pc_tokenizer_new(&db->tk, &m);
    free(language);
    if (st != PRESSCUT_OK) {
        if (msg)
            *msg = m;
        else
            free(m);
        presscut_db_close(db);
        return st;
    }
    *out = db;
    return PRESSCUT_OK;
}

void presscut_db_close(presscut_db_t *db)
{
    if (!db)
        return;
    xc_rdb_close(db->db);
    xc_stem_destroy(db->stem);
    pc_tokenizer_destroy(db->tk);
    free(db->err);
    free(db);
}

/* ---- running a query ---- */

typedef struct run {
    presscut_db_t *db;
    const presscut_search_options_t *opts;
    xc_enquire_t *enq;
    raw_hit_t *hits;
    size_t n, cap;
    char **seen;                 /* article keys of hits so far (--articles) */
    size_t n_seen;
} run_t;

static presscut_status_t enq_failed(run_t *r, presscut_status_t st)
{
    set_error(r->db, "%s", xc_enquire_error(r->enq));
    return st;
}

static bool seen_article(const run_t *r, const char *key)
{
    for (size_t i = 0; i < r->n_seen; i++)
        if (strcmp(r->seen[i], key) == 0)
            return true;
    return false;
}

/* Appends hits of q to r until `want` in all, skipping articles already
 * listed when results are per article. */
static presscut_status_t collect(run_t *r, const xc_query_t *q, size_t want)
{
    presscut_status_t st = xc_enquire_set_query(r->enq, q);
    if (st != PRESSCUT_OK)
        return enq_failed(r, st);
    xc_mset_t *m = NULL;
    /* Extra rows make up for articles that an earlier tier already listed. */
    size_t ask = want - r->n + r->n_seen;
    st = xc_enquire_mset(r->enq, 0, (unsigned)ask, (unsigned)ask, &m);
    if (st != PRESSCUT_OK)
        return enq_failed(r, st);
    size_t size = xc_mset_size(m);
    for (size_t i = 0; i < size && r->n < want && st == PRESSCUT_OK; i++) {
        if (r->opts->articles) {
            char *key = NULL;
            size_t len;
            if ((st = xc_mset_value(r->enq, m, i, PC_SLOT_ARTICLE, &key, &len)) != PRESSCUT_OK)
                break;
            if (seen_article(r, key)) {
                free(key);
                continue;
            }
            char **v = realloc(r->seen, (r->n_seen + 1) * sizeof *v);
            if (!v) {
                free(key);
                st = PRESSCUT_NOMEM;
                break;
            }
            r->seen = v;
            r->seen[r->n_seen++] = key;
        }
        if (r->n == r->cap) {
            size_t cap = r->cap ? 2 * r->cap : 16;
            raw_hit_t *v = realloc(r->hits, cap * sizeof *v);
            if (!v) {
                st = PRESSCUT_NOMEM;
                break;
            }
            r->hits = v;
            r->cap = cap;
        }
        raw_hit_t *h = &r->hits[r->n];
        h->weight = xc_mset_weight(m, i);
        if ((st = xc_mset_data(r->enq, m, i, &h->data, &h->len)) == PRESSCUT_OK)
            r->n++;
    }
    xc_mset_destroy(m);
    return st == PRESSCUT_OK || st == PRESSCUT_NOMEM ? st : enq_failed(r, st);
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
}

/* Hits that hold every free word come first, then those with some. */
static presscut_status_t run_tiers(run_t *r, const pc_query_t *pq, size_t want)
{
    presscut_status_t st = collect(r, pq->strict, want);
    if (st != PRESSCUT_OK || !pq->loose || r->n >= want)
        return st;
    xc_query_t *pair[2] = { xc_query_scale(pq->loose, 1.0), xc_query_scale(pq->strict, 1.0) };
    xc_query_t *rest = pair[0] && pair[1] ? xc_query_combine(XC_OP_AND_NOT, pair, 2, 0) : NULL;
    xc_query_destroy(pair[0]);
    xc_query_destroy(pair[1]);
    if (!rest)
        return PRESSCUT_NOMEM;
    st = collect(r, rest, want);
    xc_query_destroy(rest);
    return st;
}

static presscut_status_t dress(presscut_db_t *db, const pc_query_t *pq, raw_hit_t *raw,
                               unsigned rank, size_t snippet_chars, presscut_hit_t *h,
                               pc_snippet_t *sn)
{
    pc_record_t rec;
    if (pc_record_decode(raw->data, raw->len, &rec) != PRESSCUT_OK) {
        set_error(db, "passage data of another layout: rebuild the index");
        return PRESSCUT_CORRUPT;
    }
    memset(sn, 0, sizeof *sn);
    presscut_status_t st = pc_snippet_make(db->tk, db->stem, pq, rec.text, rec.text_len,
                                           snippet_chars, sn);
    if (st != PRESSCUT_OK) {
        free(sn->spans);
        set_error(db, "cannot make a snippet: %s", presscut_status_to_string(st));
        return st;
    }
    *h = (presscut_hit_t){
        .rank = rank, .score = raw->weight, .article_id = rec.article_id, .path = rec.path,
        .title = rec.title, .date = rec.date, .source = rec.source, .url = rec.url,
        .paragraph = rec.paragraph, .part = rec.part, .line = rec.line,
        .start = rec.start, .end = rec.end, .text = rec.text, .text_len = rec.text_len,
        .snippet = sn->window, .highlights = sn->spans, .n_highlights = sn->n_spans,
    };
    return PRESSCUT_OK;
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
        st = dress(db, pq, &res->raw[i], (unsigned)(first + i + 1), chars, &res->hits[i], &sn);
    }
    if (st != PRESSCUT_OK) {
        presscut_results_destroy(res);
        return st;
    }
    *out = res;
    return PRESSCUT_OK;
}

presscut_status_t presscut_db_search(presscut_db_t *db, const char *query,
                                     const presscut_search_options_t *opts,
                                     presscut_results_t **out)
{
    static const presscut_search_options_t defaults = { 0 };
    if (!opts)
        opts = &defaults;
    pc_query_t pq;
    char *m = NULL;
    presscut_status_t st = pc_query_parse(db->tk, db->stem, query, &pq, &m);
    if (st != PRESSCUT_OK) {
        set_error(db, "%s", m ? m : presscut_status_to_string(st));
        free(m);
        return st;
    }
    size_t want = (size_t)opts->offset + (opts->limit ? opts->limit : 10);
    run_t r = { .db = db, .opts = opts };
    for (int attempt = 0;; attempt++) {
        if (!(r.enq = xc_enquire_new(db->db))) {
            st = PRESSCUT_NOMEM;
            break;
        }
        st = xc_enquire_set_sort_relevance_then_value(r.enq, PC_SLOT_ORDER, 0);
        if (st == PRESSCUT_OK && opts->articles)
            st = xc_enquire_set_collapse(r.enq, PC_SLOT_ARTICLE, 1);
        if (st == PRESSCUT_OK)
            st = run_tiers(&r, &pq, want);
        xc_enquire_destroy(r.enq);
        if (st != PRESSCUT_RETRY || attempt == MAX_REOPEN)
            break;
        run_reset(&r);
        if ((st = xc_rdb_reopen(db->db)) != PRESSCUT_OK) {
            set_error(db, "%s", xc_rdb_error(db->db));
            break;
        }
    }
    if (st == PRESSCUT_OK)
        st = make_results(db, &pq, &r, opts, out);
    run_reset(&r);
    free(r.hits);
    pc_query_free(&pq);
    if (st == PRESSCUT_NOMEM)
        set_error(db, "out of memory");
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
    free(r);
}

presscut_status_t presscut_db_quote(presscut_db_t *db, const char *quote,
                                    const presscut_quote_options_t *opts,
                                    presscut_quote_results_t **out)
{
    char *m = NULL;
    presscut_status_t st = pc_quote_find(db->db, db->tk, db->stem, quote, opts, out, &m);
    if (st != PRESSCUT_OK)
        set_error(db, "%s", m ? m : presscut_status_to_string(st));
    free(m);
    return st;
}
