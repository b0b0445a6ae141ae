/* presscut-trec-eval QRELS RUN: one line "queries MAP P@10 nDCG@10 R@1000". */
#include <stdio.h>

#include "trec_eval.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: trec_eval QRELS RUN\n"
              "prints: queries MAP P@10 nDCG@10 R@1000 (trec_eval -c definitions)\n", stderr);
        return 2;
    }
    te_summary_t s;
    char err[512];
    if (te_eval_files(argv[1], argv[2], &s, err, sizeof err) != 0) {
        fprintf(stderr, "trec_eval: %s\n", err);
        return 2;
    }
    printf("%zu %.4f %.4f %.4f %.4f\n", s.queries, s.mean.map, s.mean.p10, s.mean.ndcg10,
           s.mean.recall1000);
    return 0;
}
