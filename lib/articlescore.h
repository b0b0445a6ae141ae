/* articlescore: an article scored as BM25 scores one document, from the
 * postings of its passages.
 *
 * presscut indexes passages, so a passage's score tells how well one
 * paragraph answers; ranking articles (--articles), an analyst's few
 * words for one story are better told by the whole story: how often its
 * text says each of them, against its length.  No article-level document
 * is stored (it would double the postings and skew the passages'
 * statistics): at query time each query term's wdf is summed over the
 * article's passages (found by its A term), a title term (repeated on
 * every passage) counted once, and the passages' lengths summed.  A
 * term's idf is its passages' (the index's statistics, which a sharded
 * index sums).
 */
#ifndef PRESSCUT_ARTICLESCORE_H
#define PRESSCUT_ARTICLESCORE_H

#include <stddef.h>

#include "presscut.h"
#include "xapian_c.h"

/* BM25's parameters: k1, how soon a term's repetitions stop counting; b,
 * how much an article's length discounts them. */
typedef struct pc_bm25 {
    double k1, b;
} pc_bm25_t;

/* BM25's idf of a term in freq of docs documents, as Xapian's BM25Weight
 * has it, none below 0: a term in more than half of them neither helps
 * nor hurts. */
double pc_bm25_idf(double docs, double freq);

/* scores[i] gets the score of the article ids[i] for stems: the stems of
 * a query's free words (pc_query_t.stems), each searched as its Z and ZS
 * terms, or for a word with none (a number) as the word and its S term.
 * Lengths are against the mean of the n articles': the articles a query
 * found compete with each other, and an index of wire briefs and long
 * features has no one typical length.  An article the index does not hold
 * scores 0.  OK, NOMEM, or an error of db (xc_rdb_error()). */
presscut_status_t pc_article_scores(xc_rdb_t *db, const char *const *stems, size_t n_stems,
                                    const char *const *ids, size_t n, pc_bm25_t bm25,
                                    double *scores);

#endif
