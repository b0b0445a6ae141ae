/* search: presscut_db_t and presscut_results_t. */
#include "presscut.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "queryparse.h"
#include "record.h"
#include "schema.h"
#include "snippet.h"
#include "tokenize.h"
#include "xapian_c.h"

/* A reader racing a writer may need to reopen more than once. */
#define MAX_REOPEN 5

/* An article can score as its best passage plus MORE_PASSAGES times each
 * of its next PER_ARTICLE - 1 best.  Measured with `make eval`: alone it
 * gains MAP +0.008 (3 passages, 0.3), but with the title weight (+0.031)
 * the two together gain less than the title alone (the title's weight is
 * counted once per passage), so an article is its best passage for now. */
#define PER_ARTICLE 1
#define MORE_PASSAGES 0.3

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
    char *suggestion;            /* "did you mean", or NULL */
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

static presscut_status_t push_hit(run_t *r, xc_mset_t *m, size_t i, double weight)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        raw_hit_t *v = realloc(r->hits, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        r->hits = v;
        r->cap = cap;
    }
    raw_hit_t *h = &r->hits[r->n];
    h->weight = weight;
    presscut_status_t st = xc_mset_data(r->enq, m, i, &h->data, &h->len);
    if (st == PRESSCUT_OK)
        r->n++;
    return st;
}

/* One passage of the mset, as an article sees it. */
typedef struct member {
    char *key;
    size_t i;                    /* row in the mset; rows are best first */
    double weight;
} member_t;

typedef struct group {
    size_t best;                 /* the article's best row */
    double score;
} group_t;

static int cmp_member(const void *a, const void *b)
{
    const member_t *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int cmp_group(const void *a, const void *b)
{
    const group_t *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->best > y->best) - (x->best < y->best);
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

/* Per article: the best passage stands for it, scored by itself plus
 * `more` times the scores of its next best passages. */
static presscut_status_t collect_articles(run_t *r, xc_mset_t *m, size_t want, double more)
{
    size_t size = xc_mset_size(m);
    member_t *mem = calloc(size + 1, sizeof *mem);
    group_t *grp = calloc(size + 1, sizeof *grp);
    presscut_status_t st = mem && grp ? PRESSCUT_OK : PRESSCUT_NOMEM;
    size_t n_mem = 0, n_grp = 0;
    for (size_t i = 0; i < size && st == PRESSCUT_OK; i++) {
        size_t len;
        if ((st = xc_mset_value(r->enq, m, i, PC_SLOT_ARTICLE, &mem[n_mem].key, &len)) != PRESSCUT_OK)
            break;
        mem[n_mem].i = i;
        mem[n_mem].weight = xc_mset_weight(m, i);
        n_mem++;
    }
    if (st == PRESSCUT_OK) {
        qsort(mem, n_mem, sizeof *mem, cmp_member);
        for (size_t a = 0, b; a < n_mem; a = b) {
            double score = mem[a].weight;
            for (b = a + 1; b < n_mem && strcmp(mem[a].key, mem[b].key) == 0; b++)
                score += more * mem[b].weight;
            if (!seen_article(r, mem[a].key))
                grp[n_grp++] = (group_t){ mem[a].i, score };
        }
        qsort(grp, n_grp, sizeof *grp, cmp_group);
    }
    for (size_t g = 0; g < n_grp && r->n < want && st == PRESSCUT_OK; g++) {
        char *key = NULL;
        size_t len;
        if ((st = xc_mset_value(r->enq, m, grp[g].best, PC_SLOT_ARTICLE, &key, &len)) != PRESSCUT_OK)
            break;
        if ((st = remember(r, key)) != PRESSCUT_OK) {
            free(key);
            break;
        }
        st = push_hit(r, m, grp[g].best, grp[g].score);
    }
    for (size_t k = 0; k < n_mem; k++)
        free(mem[k].key);
    free(mem);
    free(grp);
    return st;
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
    if (r->opts->articles)
        ask *= PER_ARTICLE;
    st = xc_enquire_mset(r->enq, 0, (unsigned)ask, (unsigned)ask, &m);
    if (st != PRESSCUT_OK)
        return enq_failed(r, st);
    if (r->opts->articles) {
        st = collect_articles(r, m, want, MORE_PASSAGES);
    } else {
        size_t size = xc_mset_size(m);
        for (size_t i = 0; i < size && r->n < want && st == PRESSCUT_OK; i++)
            st = push_hit(r, m, i, xc_mset_weight(m, i));
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

/* ---- did you mean ---- */

typedef struct speller {
    presscut_db_t *db;
    const char *text;
    char *out;                   /* the query so far, corrected words in it */
    size_t len, copied;          /* bytes in out; bytes of text consumed */
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

/* A word no passage holds is likely misspelled: replace it by the spelling
 * table's suggestion.  Field names (title:) and operators are left alone. */
static int spell_word(void *ctx, const pc_token_t *t)
{
    speller_t *sp = ctx;
    const char *src = sp->text + t->start;
    if (t->len < 3 || t->numeric || sp->text[t->end] == ':' ||
        pc_is_stopword(t->word, t->len) || (t->end - t->start == 4 && !strncmp(src, "NEAR", 4)))
        return 0;
    unsigned freq = 0;
    char *better = NULL;
    if ((sp->st = xc_rdb_termfreq(sp->db->db, t->word, &freq)) != PRESSCUT_OK || freq > 0)
        return sp->st != PRESSCUT_OK;
    if ((sp->st = xc_rdb_spelling(sp->db->db, t->word, &better)) != PRESSCUT_OK)
        return 1;
    if (better[0] && append(sp, sp->text + sp->copied, t->start - sp->copied) &&
        append(sp, better, strlen(better))) {
        sp->copied = t->end;
        sp->changed = true;
    }
    free(better);
    return sp->st != PRESSCUT_OK;
}

/* *out gets the query with its likely misspellings corrected, or NULL when
 * there is nothing to correct. */
static presscut_status_t suggest(presscut_db_t *db, const char *query, char **out)
{
    speller_t sp = { .db = db, .text = query, .st = PRESSCUT_OK };
    *out = NULL;
    presscut_status_t st = pc_tokenize(db->tk, query, strlen(query), 1, spell_word, &sp, NULL);
    if (st == PRESSCUT_OK)
        st = sp.st;
    if (st == PRESSCUT_OK && sp.changed)
        append(&sp, query + sp.copied, strlen(query + sp.copied)), st = sp.st;
    if (st != PRESSCUT_OK || !sp.changed) {
        free(sp.out);
        /* Only running out of memory stops the search: a query the
         * tokenizer refuses is reported by the parser, and a database
         * that changed meanwhile just goes without a suggestion. */
        return st == PRESSCUT_NOMEM ? st : PRESSCUT_OK;
    }
    *out = sp.out;
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
    char *m = NULL, *suggestion = NULL;
    presscut_status_t st = suggest(db, query, &suggestion);
    if (st != PRESSCUT_OK)
        return st == PRESSCUT_NOMEM ? (set_error(db, "out of memory"), st) : st;
    st = pc_query_parse(db->tk, db->stem, opts->correct && suggestion ? suggestion : query,
                        &pq, &m);
    if (st != PRESSCUT_OK) {
        set_error(db, "%s", m ? m : presscut_status_to_string(st));
        free(m);
        free(suggestion);
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
            st = xc_enquire_set_collapse(r.enq, PC_SLOT_ARTICLE, PER_ARTICLE);
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
    if (st == PRESSCUT_OK && (st = make_results(db, &pq, &r, opts, out)) == PRESSCUT_OK) {
        (*out)->suggestion = suggestion;
        suggestion = NULL;
    }
    free(suggestion);
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

const char *presscut_results_suggestion(const presscut_results_t *r)
{
    return r->suggestion;
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
    free(r->suggestion);
    free(r);
}
