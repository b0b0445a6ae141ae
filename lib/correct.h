/* correct: "did you mean" for a query.
 *
 * A word that no passage holds, not even in another form of its stem, is
 * likely misspelled and is replaced by the closest indexed word
 * (lib/spelling.h); a field's value is checked against that field's words.
 */
#ifndef PRESSCUT_CORRECT_H
#define PRESSCUT_CORRECT_H

#include "database.h"

/* *out gets the query with its likely misspellings corrected (caller
 * frees), or NULL when there is nothing to correct.  OK, RETRY when the
 * database changed meanwhile, or NOMEM. */
presscut_status_t pc_correct_query(presscut_db_t *db, const char *query, char **out);

#endif
