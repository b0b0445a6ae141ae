/* quote: where a quotation occurs, exactly or nearly.
 *
 * Exact: the quote's normalized words as a Xapian phrase over the
 * positional words, then each hit's passage tokenized again to find every
 * occurrence and its bytes.  A quote that runs across presscut's own cut of
 * a long paragraph is found by its leading and trailing halves and the
 * neighbouring part, fetched by its Q term.  Approximate: the passages that
 * BM25 ranks best for the quote's stems, each aligned word by word with
 * the quote (a local alignment where equal stems and near spellings earn
 * partial credit and two swapped words are one step).
 */
#ifndef PRESSCUT_QUOTE_H
#define PRESSCUT_QUOTE_H

#include "presscut.h"
#include "tokenize.h"
#include "xapian_c.h"

/* Looks quote up in db, reopening it when a writer raced the search.
 * Returns the statuses of presscut_db_quote(); on failure other than
 * NOMEM, *msg gets a message the caller frees with free().  On OK the
 * caller destroys *out with presscut_quote_results_destroy(). */
presscut_status_t pc_quote_find(xc_rdb_t *db, pc_tokenizer_t *tk, xc_stem_t *stem,
                                const char *quote, const presscut_quote_options_t *opts,
                                presscut_quote_results_t **out, char **msg);

#endif
