/* copyset: the copies of the articles a search's hits come from.
 *
 * A page's articles have their copies looked up together
 * (pc_copies_find() reads posting lists per article), each article once
 * a search, however many of its passages are hits; the hits then point
 * into them until the results are destroyed.
 */
#ifndef PRESSCUT_COPYSET_H
#define PRESSCUT_COPYSET_H

#include <stddef.h>

#include "copies.h"
#include "presscut.h"
#include "xapian_c.h"

/* One entry per article; zeroed, it is empty. */
typedef struct pc_copyset {
    pc_copies_t *v;
    size_t n, cap;
} pc_copyset_t;

/* Frees the entries and empties a. */
void pc_copyset_free(pc_copyset_t *a);

/* The index in a->v of the copies of article_id; a->n when none. */
size_t pc_copyset_find(const pc_copyset_t *a, const char *article_id);

/* Looks up in db, in one go, the copies of the articles ids[0..n) not
 * looked up before (ids is reordered).  OK, NOMEM, or the failure of the
 * database with *err saying why. */
presscut_status_t pc_copyset_need(pc_copyset_t *a, xc_rdb_t *db, const char **ids, size_t n,
                                  char **err);

#endif
