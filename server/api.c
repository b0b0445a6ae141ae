/* api: /api/search and /api/quote as JSON. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "reply.h"
#include "resultjson.h"

unsigned reply_status_for(presscut_status_t st)
{
    switch (st) {
    case PRESSCUT_BAD_QUERY:
    case PRESSCUT_EMPTY:
    case PRESSCUT_WILDCARD:
    case PRESSCUT_BAD_ARG:
        return 400;
    case PRESSCUT_NETWORK:
    case PRESSCUT_RETRY:
    case PRESSCUT_LOCKED:
    case PRESSCUT_NO_INDEX:
    case PRESSCUT_NOT_INDEX:
    case PRESSCUT_VERSION:
        return 503;
    default:
        return 500;
    }
}

/* Writes o into r's body and drops it. */
static void put_json(reply_t *r, json_t *o)
{
    char *s = o ? pc_json_dumps(o) : NULL;
    json_decref(o);
    r->type = "application/json";
    if (!s) {
        r->body.failed = true;
        return;
    }
    sb_puts(&r->body, s);
    sb_puts(&r->body, "\n");
    free(s);
}

void api_error(reply_t *r, unsigned status, const char *name, const char *message)
{
    json_t *e = pc_json_error(name, message);
    r->status = status;
    put_json(r, e ? json_pack("{so}", "error", e) : NULL);
}

static void db_error(reply_t *r, presscut_db_t *db, presscut_status_t st)
{
    api_error(r, reply_status_for(st), pc_json_status_name(st),
              st == PRESSCUT_NOMEM ? "out of memory" : presscut_db_error(db));
}

/* No query: a usage error, as presscut-query without one. */
static int need_query(const params_t *p, bool searches, reply_t *r)
{
    if (p->error[0]) {
        api_error(r, 400, "usage", p->error);
        return -1;
    }
    if (!searches) {
        api_error(r, 400, "usage", "no query given: add q=...");
        return -1;
    }
    return 0;
}

/* q and the filters the page's form sends too (from, to, source,
 * language), as one query. */
void api_search(presscut_db_t *db, const params_t *p, reply_t *r)
{
    if (need_query(p, params_searches(p), r) != 0)
        return;
    presscut_search_options_t opts = { .limit = p->limit, .offset = p->offset,
                                       .articles = p->articles,
                                       .sort = p->sort_date ? PRESSCUT_SORT_DATE
                                                            : PRESSCUT_SORT_RELEVANCE };
    sbuf_t query = { 0 };
    params_query(p, &query);
    presscut_results_t *res = NULL;
    presscut_status_t st = query.failed ? PRESSCUT_NOMEM
                                        : presscut_db_search(db, query.p, &opts, &res);
    free(query.p);
    if (st != PRESSCUT_OK) {
        db_error(r, db, st);
        return;
    }
    int partial = presscut_db_partial(db) != NULL;
    json_t *hits = json_array();
    size_t n = presscut_results_count(res);
    for (size_t i = 0; i < n; i++) {
        const presscut_hit_t *h = presscut_results_get(res, i);
        json_t *o = pc_json_hit(h, pc_display_path(h->path));
        if (o && partial)
            json_object_set_new(o, "partial", json_true());
        json_array_append_new(hits, o);
    }
    presscut_totals_t t;
    presscut_results_totals(res, &t);
    json_t *sum = pc_json_summary(&t, p->articles, n, presscut_results_suggestion(res), partial);
    presscut_results_destroy(res);
    r->status = 200;
    put_json(r, hits && sum ? json_pack("{soso}", "results", hits, "summary", sum) : NULL);
}

void api_quote(presscut_db_t *db, const params_t *p, reply_t *r)
{
    if (need_query(p, p->q[0] != '\0', r) != 0)
        return;
    if (params_quote_refusal(p)) {
        api_error(r, 400, "usage", params_quote_refusal(p));
        return;
    }
    presscut_quote_options_t opts = { .limit = p->limit, .fuzzy = p->fuzzy };
    presscut_quote_results_t *res = NULL;
    presscut_status_t st = presscut_db_quote(db, p->q, &opts, &res);
    if (st != PRESSCUT_OK) {
        db_error(r, db, st);
        return;
    }
    json_t *hits = json_array();
    size_t n = presscut_quote_results_count(res);
    size_t by_match[PRESSCUT_MATCH_PARTIAL + 1] = { 0 };   /* exact, approximate, partial */
    for (size_t i = 0; i < n; i++) {
        const presscut_quote_hit_t *h = presscut_quote_results_get(res, i);
        json_array_append_new(hits, pc_json_quote_hit(h, pc_display_path(h->passage.path)));
        by_match[h->match]++;
    }
    presscut_totals_t t;
    presscut_quote_results_totals(res, &t);
    /* presscut-query --quote --json's summary, and the closest passage. */
    json_t *sum = pc_json_quote_summary(&t, n, by_match[PRESSCUT_MATCH_EXACT],
                                        by_match[PRESSCUT_MATCH_APPROXIMATE],
                                        by_match[PRESSCUT_MATCH_PARTIAL],
                                        presscut_db_partial(db) != NULL);
    const presscut_quote_hit_t *c = presscut_quote_results_closest(res);
    if (sum && json_object_set_new(sum, "closest",
                                   c ? pc_json_quote_hit(c, pc_display_path(c->passage.path))
                                     : json_null()) != 0) {
        json_decref(sum);
        sum = NULL;
    }
    presscut_quote_results_destroy(res);
    r->status = 200;
    put_json(r, hits && sum ? json_pack("{soso}", "results", hits, "summary", sum) : NULL);
}
