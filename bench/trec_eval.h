/* trec_eval: the few measures of NIST's trec_eval that `make eval` reports.
 *
 * Independent of lib/: plain C, no allocation outside these calls.
 * Definitions follow trec_eval 9 ("-m map -m P.10 -m ndcg_cut.10 -m
 * recall.1000" with "-c"):
 *   - a run is ordered by score, highest first, ties by document id in
 *     decreasing strcmp() order (what trec_eval does, whatever the ranks);
 *   - a document is relevant when its judgment is >= 1;
 *   - MAP: mean over queries of the sum of precision at each relevant
 *     retrieved document, divided by the number of relevant documents;
 *   - P@10: relevant among the first 10, divided by 10;
 *   - nDCG@10: gain = judgment value, discount log2(rank + 1), over the
 *     first 10, divided by the same sum for the ideal ordering of the
 *     judgments;
 *   - R@1000: relevant among the first 1000 over the number relevant;
 *   - averages are over the queries of the qrels with at least one
 *     relevant document; a query the run lacks counts 0 (trec_eval -c).
 */
#ifndef PRESSCUT_TREC_EVAL_H
#define PRESSCUT_TREC_EVAL_H

#include <stddef.h>

typedef struct te_measures {
    double map, p10, ndcg10, recall1000;
} te_measures_t;

typedef struct te_judgment {
    const char *doc;
    int rel;
} te_judgment_t;

/* One query: `ranked` is its run, best first (already ordered), `judged`
 * its judgments (any order; rel <= 0 means not relevant).  A query with no
 * relevant document gets all zeros. */
void te_eval_query(const te_judgment_t *judged, size_t n_judged,
                   const char *const *ranked, size_t n_ranked, te_measures_t *m);

typedef struct te_summary {
    size_t queries;              /* queries averaged over */
    te_measures_t mean;
} te_summary_t;

/* Reads a qrels file ("qid 0 doc rel") and a run file ("qid Q0 doc rank
 * score tag") and averages the measures.  Returns 0, or -1 with a message
 * in err (err_len bytes) naming the file and line. */
int te_eval_files(const char *qrels_path, const char *run_path, te_summary_t *out,
                  char *err, size_t err_len);

#endif
