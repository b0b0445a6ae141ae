/* count: how many passages, and articles, a query matches. */
#ifndef PRESSCUT_COUNT_H
#define PRESSCUT_COUNT_H

#include <stdbool.h>

#include "presscut.h"
#include "xapian_c.h"

/* The totals count at least this many matches, passages and articles,
 * and estimate the rest (presscut_search_options_t.count_all counts them
 * all).  Counting articles is the dear part: on the Reuters and BBC sets,
 * 1,000 of them took 2 ms a query (a fifth of its time), 200 0.4 ms. */
#define PC_COUNT_AT_LEAST 200

/* Counts the matches of q in db: passages, and the articles they belong
 * to (Xapian's collapse on the article id), checking `check` of them at
 * least and estimating the rest.  Unweighted when `boolean`, which costs
 * the least.  Returns OK, or the search's failure with *msg (caller
 * frees) saying why (none for NOMEM). */
presscut_status_t pc_count_matches(xc_rdb_t *db, const xc_query_t *q, unsigned check,
                                   bool boolean, presscut_totals_t *out, char **msg);

#endif
