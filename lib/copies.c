#include "copies.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "message.h"
#include "record.h"
#include "schema.h"

/* Document ids read from posting lists. */
typedef struct docids {
    unsigned *v;
    size_t n, cap, max;
    bool nomem;
} docids_t;

static int add_docid(void *ctx, unsigned docid)
{
    docids_t *d = ctx;
    if (d->n == d->max)
        return 1;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 16;
        unsigned *v = realloc(d->v, cap * sizeof *v);
        if (!v) {
            d->nomem = true;
            return 1;
        }
        d->v = v;
        d->cap = cap;
    }
    d->v[d->n++] = docid;
    return 0;
}

static int cmp_docids(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

/* The failure of db as *msg. */
static presscut_status_t failed(xc_rdb_t *db, presscut_status_t st, char **msg)
{
    if (st == PRESSCUT_NOMEM)
        return st;
    pc_message_set(msg, "%s", xc_rdb_error(db));
    return st;
}

/* An article's signature is on its last passage: of the documents of its
 * A term, the last (passages are added in order) with a signature. */
static presscut_status_t find_signature(xc_rdb_t *db, pc_copies_t *c, unsigned *sig_doc,
                                        char **msg)
{
    pc_buf_t term = { 0 };
    docids_t d = { .max = SIZE_MAX };
    presscut_status_t st = pc_id_term(&term, "A", c->article_id);
    if (st == PRESSCUT_OK && (st = xc_rdb_postings(db, term.p, term.len, add_docid, &d)) != PRESSCUT_OK)
        failed(db, st, msg);
    if (st == PRESSCUT_OK && d.nomem)
        st = PRESSCUT_NOMEM;
    *sig_doc = 0;
    for (size_t i = d.n; i-- > 0 && st == PRESSCUT_OK && !c->signed_;) {
        char *value = NULL;
        size_t len = 0;
        if ((st = xc_rdb_get_value(db, d.v[i], PC_SLOT_COPIES, &value, &len)) != PRESSCUT_OK)
            failed(db, st, msg);
        else if ((c->signed_ = pc_sig_decode(value, len, &c->sig)))
            *sig_doc = d.v[i];
        free(value);
    }
    if (st == PRESSCUT_OK && c->signed_ &&
        (st = xc_rdb_get_value(db, *sig_doc, PC_SLOT_DATE, &c->date, &term.len)) != PRESSCUT_OK)
        failed(db, st, msg);
    free(term.p);
    free(d.v);
    return st;
}

/* Reads the posting list of term into d. */
static presscut_status_t add_postings(xc_rdb_t *db, const char *term, size_t len, docids_t *d,
                                      char **msg)
{
    presscut_status_t st = xc_rdb_postings(db, term, len, add_docid, d);
    if (st != PRESSCUT_OK)
        return failed(db, st, msg);
    return d->nomem ? PRESSCUT_NOMEM : PRESSCUT_OK;
}

/* The documents that share a band or the lead with c's article, each
 * once. */
static presscut_status_t candidates(xc_rdb_t *db, const pc_copies_t *c, docids_t *d, char **msg)
{
    char term[PC_SIG_TERM_MAX + 1];
    presscut_status_t st = PRESSCUT_OK;
    for (unsigned b = 0; b < PC_SIG_BANDS && st == PRESSCUT_OK && d->n < d->max; b++)
        st = add_postings(db, term, pc_sig_band_term(&c->sig, b, term), d, msg);
    size_t len = pc_sig_lead_term(&c->sig, term);
    if (len && st == PRESSCUT_OK && d->n < d->max)
        st = add_postings(db, term, len, d, msg);
    if (st != PRESSCUT_OK)
        return st;
    if (d->n)
        qsort(d->v, d->n, sizeof *d->v, cmp_docids);
    size_t k = 0;
    for (size_t i = 0; i < d->n; i++)
        if (k == 0 || d->v[k - 1] != d->v[i])
            d->v[k++] = d->v[i];
    d->n = k;
    return st;
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

/* Whether b is a copy of a, and which kind. */
static bool copy_kind(const pc_signature_t *a, const pc_signature_t *b,
                      presscut_copy_kind_t *kind)
{
    if (a->content == b->content)
        *kind = PRESSCUT_COPY_EXACT;
    else if (pc_sig_is_copy(a, b))
        *kind = PRESSCUT_COPY_NEAR;
    else if (pc_sig_is_contained(b, a))
        *kind = PRESSCUT_COPY_SHORTER;
    else if (pc_sig_is_contained(a, b))
        *kind = PRESSCUT_COPY_LONGER;
    else
        return false;
    return true;
}

static presscut_status_t keep(pc_copies_t *c, char *data, const pc_record_t *rec,
                              const pc_signature_t *sig, presscut_copy_kind_t kind)
{
    /* The shorter one's share in the other is the larger. */
    double in_sig = pc_sig_containment(&c->sig, sig), in_own = pc_sig_containment(sig, &c->sig);
    presscut_copy_t *v = realloc(c->v, (c->n + 1) * sizeof *v);
    if (v)
        c->v = v;
    char **r = v ? realloc(c->records, (c->n_records + 1) * sizeof *r) : NULL;
    if (!r) {
        free(data);
        return PRESSCUT_NOMEM;
    }
    c->records = r;
    c->records[c->n_records++] = data;
    c->v[c->n++] = (presscut_copy_t){
        .article_id = rec->article_id, .path = rec->path, .title = rec->title,
        .date = rec->date, .line = rec->line, .exact = kind == PRESSCUT_COPY_EXACT,
        .similarity = pc_sig_similarity(&c->sig, sig), .kind = kind,
        .containment = in_sig > in_own ? in_sig : in_own,
    };
    return PRESSCUT_OK;
}

/* Adds the article of document docid to c when it is a copy. */
static presscut_status_t consider(xc_rdb_t *db, unsigned docid, pc_copies_t *c, char **msg)
{
    char *value = NULL, *data = NULL;
    size_t len = 0;
    pc_signature_t sig;
    pc_record_t rec;
    presscut_copy_kind_t kind;
    presscut_status_t st = xc_rdb_get_value(db, docid, PC_SLOT_COPIES, &value, &len);
    bool copy = st == PRESSCUT_OK && pc_sig_decode(value, len, &sig) &&
                copy_kind(&c->sig, &sig, &kind);
    free(value);
    if (st == PRESSCUT_OK && copy)
        st = xc_rdb_get_value(db, docid, PC_SLOT_RECORD, &data, &len);
    if (st != PRESSCUT_OK)
        return failed(db, st, msg);
    if (!copy)
        return PRESSCUT_OK;
    if (pc_record_decode(data, len, &rec) != PRESSCUT_OK) {
        free(data);
        pc_message_set(msg, "passage data of another layout: rebuild the index");
        return PRESSCUT_CORRUPT;
    }
    if (strcmp(rec.article_id, c->article_id) == 0 ||
        (kind != PRESSCUT_COPY_EXACT && too_far(c, rec.date))) {
        free(data);
        return PRESSCUT_OK;
    }
    return keep(c, data, &rec, &sig, kind);
}

static int cmp_copies(const void *a, const void *b)
{
    const presscut_copy_t *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->similarity != y->similarity)
        return x->similarity < y->similarity ? 1 : -1;
    return strcmp(x->article_id, y->article_id);
}

static presscut_status_t find_one(xc_rdb_t *db, pc_copies_t *c, char **msg)
{
    unsigned own = 0;
    docids_t d = { .max = PC_COPIES_MAX_CANDIDATES };
    presscut_status_t st = find_signature(db, c, &own, msg);
    if (st == PRESSCUT_OK && c->signed_)
        st = candidates(db, c, &d, msg);
    for (size_t i = 0; i < d.n && st == PRESSCUT_OK; i++)
        if (d.v[i] != own)
            st = consider(db, d.v[i], c, msg);
    if (c->n)
        qsort(c->v, c->n, sizeof *c->v, cmp_copies);
    free(d.v);
    return st;
}

presscut_status_t pc_copies_find(xc_rdb_t *db, const char *const *ids, size_t n,
                                 pc_copies_t *out, char **msg)
{
    presscut_status_t st = PRESSCUT_OK;
    for (size_t k = 0; k < n; k++) {
        memset(&out[k], 0, sizeof out[k]);
        if (st == PRESSCUT_OK && !(out[k].article_id = strdup(ids[k])))
            st = PRESSCUT_NOMEM;
    }
    for (size_t k = 0; k < n && st == PRESSCUT_OK; k++)
        st = find_one(db, &out[k], msg);
    return st;
}

const presscut_copy_t *pc_copies_get(const pc_copies_t *c, const char *article_id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i].article_id, article_id) == 0)
            return &c->v[i];
    return NULL;
}

void pc_copies_free(pc_copies_t *c)
{
    for (size_t i = 0; i < c->n_records; i++)
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
