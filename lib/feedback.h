/* feedback: pseudo-relevance feedback for questions.
 *
 * A question says in its own words what its answers say in theirs: the
 * stems that best tell its first results from the rest (Xapian's ESet)
 * join its search, each weighing a share of a query word.
 */
#ifndef PRESSCUT_FEEDBACK_H
#define PRESSCUT_FEEDBACK_H

#include "presscut.h"
#include "xapian_c.h"

/* *out gets q (borrowed) widened by the feedback of its first results in
 * enq, a search of db (caller destroys it), or NULL when there is nothing
 * to add; enq's query is q then.  OK, NOMEM, or the failure of enq or db
 * with *err saying why. */
presscut_status_t pc_feedback_expand(xc_rdb_t *db, xc_enquire_t *enq, const xc_query_t *q,
                                     xc_query_t **out, char **err);

#endif
