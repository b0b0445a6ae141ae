/* fetch: one article's passages, in order, by its id. */
#include "fetch.h"

#include <stdlib.h>
#include <string.h>

#include "message.h"
#include "record.h"
#include "schema.h"
#include "snippet.h"

struct presscut_article {
    presscut_hit_t *hits;
    char **data;                 /* the records the hits point into */
    size_t n;
    int truncated;
};

/* A hit of the whole passage rec, the words of pq (or none) highlighted. */
static presscut_status_t dress(pc_tokenizer_t *tk, pc_stemset_t *stems, xc_stem_t *stem,
                               const pc_query_t *pq, const pc_record_t *rec, unsigned rank,
                               presscut_hit_t *h)
{
    pc_snippet_t sn = { .window = { 0, rec->text_len } };
    if (pq) {
        xc_stem_t *own = pc_stemset_for(stems, rec->language, stem);
        presscut_status_t st = pc_snippet_make(tk, own, pq, rec->text, rec->text_len, rec->breaks,
                                               rec->n_breaks, rec->text_len + 1, &sn);
        if (st != PRESSCUT_OK) {
            free(sn.spans);
            return st;
        }
    }
    *h = (presscut_hit_t){
        .rank = rank, .article_id = rec->article_id, .path = rec->path, .title = rec->title,
        .date = rec->date, .date_text = rec->date_text, .source = rec->source, .url = rec->url,
        .paragraph = rec->paragraph, .paragraph_end = rec->paragraph + rec->n_breaks,
        .part = rec->part, .line = rec->line, .start = rec->start, .end = rec->end,
        .text = rec->text, .text_len = rec->text_len,
        .snippet = { 0, rec->text_len }, .highlights = sn.spans, .n_highlights = sn.n_spans,
    };
    return PRESSCUT_OK;
}

static presscut_status_t take_rows(xc_enquire_t *enq, xc_mset_t *m, pc_tokenizer_t *tk,
                                   pc_stemset_t *stems, xc_stem_t *stem, const pc_query_t *pq,
                                   presscut_article_t *a, char **msg)
{
    size_t n = xc_mset_size(m);
    if (n && (!(a->hits = calloc(n, sizeof *a->hits)) || !(a->data = calloc(n, sizeof *a->data))))
        return PRESSCUT_NOMEM;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        presscut_status_t st = xc_mset_value(enq, m, i, PC_SLOT_RECORD, &a->data[i], &len);
        if (st != PRESSCUT_OK) {
            if (st != PRESSCUT_NOMEM)
                pc_message_set(msg, "%s", xc_enquire_error(enq));
            return st;
        }
        pc_record_t rec;
        if (pc_record_decode(a->data[i], len, &rec) != PRESSCUT_OK) {
            free(a->data[i]);
            pc_message_set(msg, "passage data of another layout: rebuild the index");
            return PRESSCUT_CORRUPT;
        }
        if ((st = dress(tk, stems, stem, pq, &rec, (unsigned)i + 1, &a->hits[i])) != PRESSCUT_OK) {
            free(a->data[i]);
            return st;
        }
        a->n = i + 1;
    }
    return PRESSCUT_OK;
}

static presscut_status_t fetch_once(xc_rdb_t *db, pc_tokenizer_t *tk, pc_stemset_t *stems,
                                    xc_stem_t *stem,
                                    const pc_query_t *pq, const char *id,
                                    presscut_article_t *a, char **msg)
{
    pc_buf_t term = { 0 };
    presscut_status_t st = pc_id_term(&term, "A", id);
    xc_enquire_t *enq = st == PRESSCUT_OK ? xc_enquire_new(db) : NULL;
    xc_query_t *q = enq ? xc_query_term(term.p, term.len, 1, 0) : NULL;
    xc_mset_t *m = NULL;
    st = q ? xc_enquire_set_query(enq, q) : PRESSCUT_NOMEM;
    /* The order key sorts an article's passages by paragraph and part. */
    if (st == PRESSCUT_OK)
        st = xc_enquire_set_boolean(enq);
    if (st == PRESSCUT_OK)
        st = xc_enquire_set_sort_value_then_relevance(enq, PC_SLOT_ORDER, 0);
    if (st == PRESSCUT_OK)
        st = xc_enquire_mset(enq, 0, PC_ARTICLE_MAX_PASSAGES + 1, PC_ARTICLE_MAX_PASSAGES + 1,
                             &m);
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM && enq)
        pc_message_set(msg, "%s", xc_enquire_error(enq));
    if (st == PRESSCUT_OK) {
        a->truncated = xc_mset_size(m) > PC_ARTICLE_MAX_PASSAGES;
        st = take_rows(enq, m, tk, stems, stem, pq, a, msg);
        if (a->truncated && a->n > PC_ARTICLE_MAX_PASSAGES) {
            a->n--;
            free(a->data[a->n]);
            free((void *)a->hits[a->n].highlights);
        }
    }
    xc_mset_destroy(m);
    xc_query_destroy(q);
    xc_enquire_destroy(enq);
    free(term.p);
    return st;
}

presscut_status_t pc_fetch_article(xc_rdb_t *db, pc_tokenizer_t *tk, pc_stemset_t *stems,
                                   xc_stem_t *stem,
                                   const pc_query_t *pq, const char *id,
                                   presscut_article_t **out, char **msg)
{
    presscut_status_t st;
    for (int attempt = 0;; attempt++) {
        presscut_article_t *a = calloc(1, sizeof *a);
        st = a ? fetch_once(db, tk, stems, stem, pq, id, a, msg) : PRESSCUT_NOMEM;
        if (st == PRESSCUT_OK) {
            *out = a;
            return st;
        }
        presscut_article_destroy(a);
        if (!xc_reopen_may_help(st) || attempt == XC_MAX_REOPEN)
            break;
        if ((st = xc_rdb_reopen(db)) != PRESSCUT_OK) {
            pc_message_set(msg, "%s", xc_rdb_error(db));
            break;
        }
    }
    return st;
}

size_t presscut_article_count(const presscut_article_t *a)
{
    return a->n;
}

const presscut_hit_t *presscut_article_get(const presscut_article_t *a, size_t i)
{
    return i < a->n ? &a->hits[i] : NULL;
}

int presscut_article_truncated(const presscut_article_t *a)
{
    return a->truncated;
}

void presscut_article_destroy(presscut_article_t *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++) {
        free(a->data[i]);
        free((void *)a->hits[i].highlights);
    }
    free(a->hits);
    free(a->data);
    free(a);
}
