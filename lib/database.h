/* database: an index opened for reading (presscut_db_t).
 *
 * Opening checks each database's marks (schema, tokenizer) and reads a
 * stub line by line, so that a failing shard is named, remote shards get
 * the timeout asked for and unreachable ones may be left out; the search,
 * quote look-up and article fetch then read the handle's fields.
 */
#ifndef PRESSCUT_DATABASE_H
#define PRESSCUT_DATABASE_H

#include <stdbool.h>

#include "presscut.h"
#include "stemset.h"
#include "synonyms.h"
#include "tokenize.h"
#include "xapian_c.h"

struct presscut_db {
    xc_rdb_t *db;
    xc_stem_t *stem;             /* the index's --language, in stems */
    pc_stemset_t *stems;         /* it and the stemmers of the articles' languages */
    pc_tokenizer_t *tk;
    pc_synonyms_t *syn;          /* the shipped list and the caller's; NULL until needed */
    bool english;                /* the stemmer's language: the shipped stems are English */
    char *err;
    char *path;
    presscut_db_options_t opts;
    char *partial;               /* the shards left out, or NULL */
};

/* Reads db->syn when a search of text may use the shipped synonyms, or
 * when the caller adds a list (text NULL).  OK, or NOMEM or the list's
 * failure with db->err saying why. */
presscut_status_t pc_db_need_synonyms(presscut_db_t *db, const char *text);

/* Opens db's path again in place of db->db, leaving out the shards that
 * cannot be reached when db->opts allows it; on failure db->db is kept
 * and db->err says why. */
presscut_status_t pc_db_reopen_partial(presscut_db_t *db);

#endif
