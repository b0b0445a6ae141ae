/* feedback: a question widened by the stems its first results share. */
#include "feedback.h"

#include <stdbool.h>
#include <stddef.h>

#include "message.h"
#include "schema.h"

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

static presscut_status_t enq_failed(xc_enquire_t *enq, presscut_status_t st, char **err)
{
    pc_message_set(err, "%s", xc_enquire_error(enq));
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
presscut_status_t pc_feedback_expand(xc_rdb_t *db, xc_enquire_t *enq, const xc_query_t *q,
                                     xc_query_t **out, char **err)
{
    *out = NULL;
    presscut_status_t st = xc_enquire_set_query(enq, q);
    xc_mset_t *m = NULL;
    if (st == PRESSCUT_OK)
        st = xc_enquire_mset(enq, 0, FEEDBACK_DOCS, FEEDBACK_DOCS, &m);
    if (st != PRESSCUT_OK)
        return enq_failed(enq, st, err);
    unsigned docs = 0;
    if ((st = xc_rdb_doccount(db, &docs)) != PRESSCUT_OK) {
        xc_mset_destroy(m);
        pc_message_set(err, "%s", xc_rdb_error(db));
        return st;
    }
    /* In a small index no stem is costly. */
    unsigned max_freq = (unsigned)(FEEDBACK_MAX_SHARE * docs);
    feedback_t f = { .db = db,
                     .max_freq = max_freq > FEEDBACK_DOCS ? max_freq : FEEDBACK_DOCS };
    st = xc_enquire_eset(enq, m, FEEDBACK_DOCS, FEEDBACK_TERMS, PC_STEM_PREFIX,
                         add_feedback_term, &f);
    xc_mset_destroy(m);
    if (st != PRESSCUT_OK) {
        for (size_t i = 0; i < f.n; i++)
            xc_query_destroy(f.terms[i]);
        return enq_failed(enq, st, err);
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
