#include "copies.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "message.h"
#include "record.h"
#include "schema.h"

/* The failure of enq as *msg. */
static presscut_status_t failed(xc_enquire_t *enq, presscut_status_t st, char **msg)
{
    if (st != PRESSCUT_NOMEM)
        pc_message_set(msg, "%s", xc_enquire_error(enq));
    return st;
}

/* An article's signature is on its last passage: of the documents of its
 * A term, the one whose order key sorts last. */
static presscut_status_t find_signature(xc_rdb_t *db, const char *article_id, pc_copies_t *c,
                                        char **msg)
{
    pc_buf_t term = { 0 };
    presscut_status_t st = pc_id_term(&term, "A", article_id);
    if (st != PRESSCUT_OK)
        return st;
    xc_query_t *q = xc_query_term(term.p, term.len, 1, 0);
    free(term.p);
    xc_enquire_t *enq = q ? xc_enquire_new(db) : NULL;
    xc_mset_t *m = NULL;
    char *value = NULL, *date = NULL;
    size_t len = 0, dlen = 0;
    st = enq ? xc_enquire_set_query(enq, q) : PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK)
        st = xc_enquire_set_sort_value_then_relevance(enq, PC_SLOT_ORDER, 1);
    if (st == PRESSCUT_OK)
        st = xc_enquire_mset(enq, 0, 1, 1, &m);
    if (st == PRESSCUT_OK && xc_mset_size(m) == 1)
        st = xc_mset_value(enq, m, 0, PC_SLOT_COPIES, &value, &len);
    if (st == PRESSCUT_OK && xc_mset_size(m) == 1)
        st = xc_mset_value(enq, m, 0, PC_SLOT_DATE, &date, &dlen);
    if (st == PRESSCUT_OK) {
        c->signed_ = pc_sig_decode(value, len, &c->sig);
        c->date = date;
        date = NULL;
    } else if (enq) {
        st = failed(enq, st, msg);
    }
    free(value);
    free(date);
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);
    xc_query_destroy(q);
    return st;
}

static xc_query_t *bands_query(const pc_signature_t *sig)
{
    xc_query_t *v[PC_SIG_BANDS];
    size_t n = 0;
    char term[PC_SIG_TERM_MAX + 1];
    for (unsigned b = 0; b < PC_SIG_BANDS; b++) {
        size_t len = pc_sig_band_term(sig, b, term);
        if ((v[n] = xc_query_term(term, len, 1, 0)))
            n++;
    }
    xc_query_t *q = n == PC_SIG_BANDS ? xc_query_combine(XC_OP_OR, v, n, 0) : NULL;
    for (size_t i = 0; i < n; i++)
        xc_query_destroy(v[i]);
    return q;
}

/* The day of an ISO date, as days since 1970; false when it names no
 * day (none, or a year or month only). */
static bool day_of(const char *date, long *day)
{
    struct tm tm = { 0 };
    int n = 0;
    if (!date || sscanf(date, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) != 3 ||
        n != 10)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *day = (long)(timegm(&tm) / 86400);
    return true;
}

/* Whether a near copy dated `date` lies too far in time from c's
 * article to be one. */
static bool too_far(const pc_copies_t *c, const char *date)
{
    long a, b;
    return day_of(c->date, &a) && day_of(date, &b) &&
           (a > b ? a - b : b - a) > PC_COPIES_MAX_DAYS;
}

/* Adds the candidate in row i of m when it is a copy. */
static presscut_status_t consider(xc_enquire_t *enq, xc_mset_t *m, size_t i, pc_copies_t *c)
{
    char *value = NULL, *data = NULL;
    size_t len = 0;
    pc_signature_t sig;
    pc_record_t rec;
    presscut_status_t st = xc_mset_value(enq, m, i, PC_SLOT_COPIES, &value, &len);
    bool copy = st == PRESSCUT_OK && pc_sig_decode(value, len, &sig) &&
                pc_sig_is_copy(&c->sig, &sig);
    free(value);
    if (!copy)
        return st;
    if ((st = xc_mset_value(enq, m, i, PC_SLOT_RECORD, &data, &len)) != PRESSCUT_OK)
        return st;
    bool exact = sig.content == c->sig.content;
    if (pc_record_decode(data, len, &rec) != PRESSCUT_OK ||
        strcmp(rec.article_id, c->article_id) == 0 || (!exact && too_far(c, rec.date))) {
        free(data);
        return PRESSCUT_OK;
    }
    presscut_copy_t *v = realloc(c->v, (c->n + 1) * sizeof *v);
    char **r = v ? realloc(c->records, (c->n + 1) * sizeof *r) : NULL;
    if (v)
        c->v = v;
    if (r)
        c->records = r;
    if (!v || !r) {
        free(data);
        return PRESSCUT_NOMEM;
    }
    c->records[c->n] = data;
    c->v[c->n++] = (presscut_copy_t){
        .article_id = rec.article_id, .path = rec.path, .title = rec.title, .date = rec.date,
        .line = rec.line, .exact = exact,
        .similarity = pc_sig_similarity(&c->sig, &sig),
    };
    return PRESSCUT_OK;
}

static int cmp_copies(const void *a, const void *b)
{
    const presscut_copy_t *x = a, *y = b;
    if (x->exact != y->exact)
        return y->exact - x->exact;
    if (x->similarity != y->similarity)
        return x->similarity < y->similarity ? 1 : -1;
    return strcmp(x->article_id, y->article_id);
}

presscut_status_t pc_copies_find(xc_rdb_t *db, const char *article_id, pc_copies_t *out,
                                 char **msg)
{
    memset(out, 0, sizeof *out);
    if (!(out->article_id = strdup(article_id)))
        return PRESSCUT_NOMEM;
    presscut_status_t st = find_signature(db, article_id, out, msg);
    if (st != PRESSCUT_OK || !out->signed_)
        return st;
    xc_query_t *q = bands_query(&out->sig);
    xc_enquire_t *enq = q ? xc_enquire_new(db) : NULL;
    xc_mset_t *m = NULL;
    st = enq ? xc_enquire_set_query(enq, q) : PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK)
        st = xc_enquire_set_boolean(enq);
    if (st == PRESSCUT_OK)
        st = xc_enquire_mset(enq, 0, PC_COPIES_MAX_CANDIDATES, 0, &m);
    for (size_t i = 0; st == PRESSCUT_OK && i < xc_mset_size(m); i++)
        st = consider(enq, m, i, out);
    if (st != PRESSCUT_OK && enq)
        failed(enq, st, msg);
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, cmp_copies);
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);
    xc_query_destroy(q);
    return st;
}

bool pc_copies_has(const pc_copies_t *c, const char *article_id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i].article_id, article_id) == 0)
            return true;
    return false;
}

void pc_copies_free(pc_copies_t *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->records[i]);
    free(c->records);
    free(c->v);
    free(c->article_id);
    free(c->date);
    memset(c, 0, sizeof *c);
}

static int sign_word(void *ctx, const pc_token_t *t)
{
    pc_sig_add_word(ctx, t->word, t->len);
    return 0;
}

presscut_status_t pc_copies_text_signature(pc_tokenizer_t *tk, const char *text, size_t len,
                                           pc_signature_t *out)
{
    pc_sig_builder_t b;
    pc_sig_begin(&b);
    presscut_status_t st = pc_tokenize(tk, text, len, 1, sign_word, &b, NULL);
    pc_sig_end(&b, out);
    return st;
}
