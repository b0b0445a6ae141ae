/* trec_eval: MAP, P@10, nDCG@10 and R@1000 as NIST's trec_eval computes them. */
#include "trec_eval.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int judgment_of(const te_judgment_t *judged, size_t n, const char *doc)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(judged[i].doc, doc) == 0)
            return judged[i].rel;
    return 0;
}

static int cmp_gain_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

void te_eval_query(const te_judgment_t *judged, size_t n_judged,
                   const char *const *ranked, size_t n_ranked, te_measures_t *m)
{
    memset(m, 0, sizeof *m);
    size_t n_rel = 0;
    for (size_t i = 0; i < n_judged; i++)
        n_rel += judged[i].rel > 0;
    if (n_rel == 0)
        return;
    double sum_prec = 0, dcg = 0;
    size_t found = 0;
    for (size_t r = 0; r < n_ranked; r++) {
        int rel = judgment_of(judged, n_judged, ranked[r]);
        if (rel <= 0)
            continue;
        found++;
        sum_prec += (double)found / (double)(r + 1);
        if (r < 10) {
            m->p10 += 0.1;
            dcg += rel / log2((double)r + 2);
        }
        if (r < 1000)
            m->recall1000 += 1.0 / (double)n_rel;
    }
    m->map = sum_prec / (double)n_rel;

    int *gains = malloc(n_judged * sizeof *gains);
    if (!gains) {
        m->ndcg10 = NAN;
        return;
    }
    for (size_t i = 0; i < n_judged; i++)
        gains[i] = judged[i].rel;
    qsort(gains, n_judged, sizeof *gains, cmp_gain_desc);
    double ideal = 0;
    for (size_t i = 0; i < n_judged && i < 10 && gains[i] > 0; i++)
        ideal += gains[i] / log2((double)i + 2);
    free(gains);
    m->ndcg10 = ideal > 0 ? dcg / ideal : 0;
}

/* ---- files ---- */

typedef struct line {
    char *qid, *doc;
    double score;                /* run: score; qrels: the judgment */
} line_t;

typedef struct table {
    line_t *v;
    size_t n, cap;
    char *text;                  /* the file, its fields cut in place */
} table_t;

static void table_free(table_t *t)
{
    free(t->v);
    free(t->text);
}

static char *slurp(const char *path, char *err, size_t err_len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_len, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    size_t len = 0, cap = 1 << 16;
    char *s = malloc(cap);
    size_t got;
    while (s && (got = fread(s + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len < 2) {
            char *t = realloc(s, cap *= 2);
            if (!t)
                free(s);
            s = t;
        }
    }
    if (s && ferror(f)) {
        snprintf(err, err_len, "cannot read '%s': %s", path, strerror(errno));
        free(s);
        s = NULL;
    } else if (!s) {
        snprintf(err, err_len, "out of memory reading '%s'", path);
    } else {
        s[len] = '\0';
    }
    fclose(f);
    return s;
}

/* Reads lines of white-space separated fields: qid, -, doc, value (qrels)
 * or qid, -, doc, -, value, - (run). */
static int table_read(table_t *t, const char *path, int is_run, char *err, size_t err_len)
{
    memset(t, 0, sizeof *t);
    if (!(t->text = slurp(path, err, err_len)))
        return -1;
    long lineno = 0;
    char *save = NULL;
    for (char *ln = strtok_r(t->text, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
        lineno++;
        char *f[6], *fs = NULL;
        int n = 0;
        for (char *w = strtok_r(ln, " \t\r", &fs); w && n < 6; w = strtok_r(NULL, " \t\r", &fs))
            f[n++] = w;
        if (n == 0)
            continue;
        int want = is_run ? 6 : 4;
        char *end;
        double v = n >= want ? strtod(f[is_run ? 4 : 3], &end) : 0;
        if (n < want || *end) {
            snprintf(err, err_len, "%s:%ld: expected %s", path, lineno,
                     is_run ? "'qid Q0 doc rank score tag'" : "'qid 0 doc rel'");
            table_free(t);
            return -1;
        }
        if (t->n == t->cap) {
            size_t cap = t->cap ? 2 * t->cap : 1024;
            line_t *nv = realloc(t->v, cap * sizeof *nv);
            if (!nv) {
                snprintf(err, err_len, "out of memory reading '%s'", path);
                table_free(t);
                return -1;
            }
            t->v = nv;
            t->cap = cap;
        }
        t->v[t->n++] = (line_t){ f[0], f[2], v };
    }
    return 0;
}

static int cmp_qid(const void *a, const void *b)
{
    return strcmp(((const line_t *)a)->qid, ((const line_t *)b)->qid);
}

/* trec_eval's order: query, then score descending, then doc id descending. */
static int cmp_run(const void *a, const void *b)
{
    const line_t *x = a, *y = b;
    int c = strcmp(x->qid, y->qid);
    if (c)
        return c;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return strcmp(y->doc, x->doc);
}

int te_eval_files(const char *qrels_path, const char *run_path, te_summary_t *out,
                  char *err, size_t err_len)
{
    memset(out, 0, sizeof *out);
    table_t qrels, run;
    if (table_read(&qrels, qrels_path, 0, err, err_len) != 0)
        return -1;
    if (table_read(&run, run_path, 1, err, err_len) != 0) {
        table_free(&qrels);
        return -1;
    }
    qsort(qrels.v, qrels.n, sizeof *qrels.v, cmp_qid);
    qsort(run.v, run.n, sizeof *run.v, cmp_run);
    te_judgment_t *judged = malloc((qrels.n + 1) * sizeof *judged);
    const char **ranked = malloc((run.n + 1) * sizeof *ranked);
    int rc = 0;
    if (!judged || !ranked) {
        snprintf(err, err_len, "out of memory");
        rc = -1;
    }
    size_t r = 0;
    for (size_t i = 0; i < qrels.n && rc == 0;) {
        const char *qid = qrels.v[i].qid;
        size_t nj = 0, n_rel = 0;
        for (; i < qrels.n && strcmp(qrels.v[i].qid, qid) == 0; i++) {
            judged[nj++] = (te_judgment_t){ qrels.v[i].doc, (int)qrels.v[i].score };
            n_rel += qrels.v[i].score > 0;
        }
        while (r < run.n && strcmp(run.v[r].qid, qid) < 0)
            r++;
        size_t nr = 0;
        for (; r < run.n && strcmp(run.v[r].qid, qid) == 0; r++)
            ranked[nr++] = run.v[r].doc;
        if (n_rel == 0)
            continue;
        te_measures_t m;
        te_eval_query(judged, nj, ranked, nr, &m);
        out->queries++;
        out->mean.map += m.map;
        out->mean.p10 += m.p10;
        out->mean.ndcg10 += m.ndcg10;
        out->mean.recall1000 += m.recall1000;
    }
    if (rc == 0 && out->queries) {
        double n = (double)out->queries;
        out->mean.map /= n;
        out->mean.p10 /= n;
        out->mean.ndcg10 /= n;
        out->mean.recall1000 /= n;
    }
    free(judged);
    free(ranked);
    table_free(&qrels);
    table_free(&run);
    return rc;
}
