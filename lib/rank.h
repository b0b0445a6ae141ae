/* rank: the order of a page of results.
 *
 * Xapian ranks passages by BM25; a keyword query's passages and articles
 * also gain by their article's cover, the weight of the query's stems its
 * passages hold, and with --articles an article scores its best passage,
 * a share of its next and its score as one document (lib/articlescore.h).
 * rank.c holds the weights and the measurements that chose them.
 */
#ifndef PRESSCUT_RANK_H
#define PRESSCUT_RANK_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut.h"
#include "queryparse.h"
#include "xapian_c.h"

typedef struct pc_rank pc_rank_t;

/* One passage among the rows of an MSet, scored with its article's cover. */
typedef struct pc_passage_row {
    size_t row;
    double weight;
} pc_passage_row_t;

/* One article among the rows of an MSet. */
typedef struct pc_article_row {
    char *key;
    char *id;                    /* its article id */
    size_t row;                  /* its best passage's */
    double weight;
    char *date;                  /* sorting by date: its date value; else NULL */
    size_t passages;             /* its rows so far */
} pc_article_row_t;

/* *out ranks the pages of enq, a search of db for q with opts (all three
 * borrowed until pc_rank_destroy(); enq need not outlive it), messages
 * going to *err; with opts->articles, enq keeps each article's best rows
 * only.  OK, NOMEM, or the enquire's failure. */
presscut_status_t pc_rank_new(xc_rdb_t *db, xc_enquire_t *enq, const pc_query_t *q,
                              const presscut_search_options_t *opts, char **err, pc_rank_t **out);

void pc_rank_destroy(pc_rank_t *r);

/* The rows of results to ask for to rank `ask` hits: a cover is taken
 * over a pool of them, and per article each takes several. */
size_t pc_rank_rows(const pc_rank_t *r, size_t ask);

/* The rows of m in *rows (caller frees) by their weight and their
 * article's cover; NULL when they keep Xapian's order.  OK, NOMEM, or the
 * enquire's failure with *err saying why. */
presscut_status_t pc_rank_passages(pc_rank_t *r, xc_mset_t *m, pc_passage_row_t **rows);

/* The articles of m's rows other than those of seen[0..n_seen) (an
 * earlier tier's), in *rows (*n of them; the caller frees the array and
 * each row's key, id and date, also on failure) by score: best passage,
 * the share of the next, the cover and the article's own score.  OK,
 * NOMEM, or the failure of the enquire or the database with *err saying
 * why. */
presscut_status_t pc_rank_articles(pc_rank_t *r, xc_mset_t *m, char *const *seen, size_t n_seen,
                                   pc_article_row_t **rows, size_t *n);

#endif
