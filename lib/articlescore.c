/* articlescore: BM25 over an article's passages taken as one document. */
#include "articlescore.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

/* The query's terms: for each stem its body term, then its title term. */
typedef struct terms {
    char **v;                    /* 2 * n of them */
    double *idf;                 /* n */
    size_t n;
} terms_t;

static void terms_free(terms_t *t)
{
    for (size_t i = 0; t->v && i < 2 * t->n; i++)
        free(t->v[i]);
    free(t->v);
    free(t->idf);
}

static char *prefixed(const char *prefix, const char *word)
{
    size_t p = strlen(prefix), w = strlen(word);
    char *s = malloc(p + w + 1);
    if (s) {
        memcpy(s, prefix, p);
        memcpy(s + p, word, w + 1);
    }
    return s;
}

double pc_bm25_idf(double docs, double freq)
{
    double w = freq < docs ? log((docs - freq + 0.5) / (freq + 0.5)) : 0;
    return w > 0 ? w : 0;
}

static presscut_status_t make_terms(xc_rdb_t *db, const char *const *stems, size_t n,
                                    terms_t *t)
{
    unsigned docs = 0;
    presscut_status_t st = xc_rdb_doccount(db, &docs);
    t->v = calloc(2 * n + 1, sizeof *t->v);
    t->idf = calloc(n + 1, sizeof *t->idf);
    t->n = n;
    if (!t->v || !t->idf)
        return PRESSCUT_NOMEM;
    for (size_t i = 0; i < n && st == PRESSCUT_OK; i++) {
        bool stemmed = pc_has_stem_term(stems[i], strlen(stems[i]));
        t->v[2 * i] = prefixed(stemmed ? PC_STEM_PREFIX : "", stems[i]);
        t->v[2 * i + 1] = prefixed(stemmed ? PC_TITLE_STEM_PREFIX : "S", stems[i]);
        if (!t->v[2 * i] || !t->v[2 * i + 1])
            return PRESSCUT_NOMEM;
        unsigned freq = 0;
        if ((st = xc_rdb_termfreq(db, t->v[2 * i], &freq)) == PRESSCUT_OK)
            t->idf[i] = pc_bm25_idf(docs, freq);
    }
    return st;
}

presscut_status_t pc_article_scores(xc_rdb_t *db, const char *const *stems, size_t n_stems,
                                    const char *const *ids, size_t n, pc_bm25_t bm25,
                                    double *scores)
{
    terms_t t = { 0 };
    char **groups = calloc(n + 1, sizeof *groups);
    size_t cells = n * 2 * n_stems + 1;
    double *sum = malloc(cells * sizeof *sum), *most = malloc(cells * sizeof *most);
    double *length = malloc((n + 1) * sizeof *length), mean = 0;
    presscut_status_t st = groups && sum && most && length ? PRESSCUT_OK : PRESSCUT_NOMEM;
    for (size_t g = 0; g < n && st == PRESSCUT_OK; g++)
        if (!(groups[g] = prefixed("A", ids[g])))
            st = PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK)
        st = make_terms(db, stems, n_stems, &t);
    if (st == PRESSCUT_OK)
        st = xc_rdb_group_wdf(db, (const char *const *)groups, n, (const char *const *)t.v,
                              2 * n_stems, sum, most, length);
    for (size_t g = 0; g < n && st == PRESSCUT_OK; g++)
        mean += length[g] / n;
    for (size_t g = 0; g < n && st == PRESSCUT_OK; g++) {
        double norm = bm25.k1 * (1 - bm25.b + (mean > 0 ? bm25.b * length[g] / mean : 0));
        const double *body = sum + g * 2 * n_stems, *title = most + g * 2 * n_stems;
        scores[g] = 0;
        for (size_t i = 0; i < n_stems; i++) {
            double tf = body[2 * i] + title[2 * i + 1];
            scores[g] += t.idf[i] * tf * (bm25.k1 + 1) / (tf + norm);
        }
    }
    for (size_t g = 0; groups && g < n; g++)
        free(groups[g]);
    free(groups);
    free(sum);
    free(most);
    free(length);
    terms_free(&t);
    return st;
}
