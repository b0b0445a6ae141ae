/* fetch: one article's passages, in order, by its id. */
#ifndef PRESSCUT_FETCH_H
#define PRESSCUT_FETCH_H

#include "presscut.h"
#include "queryparse.h"
#include "stemset.h"
#include "tokenize.h"
#include "xapian_c.h"

/* An article view reads at most this many passages (an article of the
 * 64 MiB a file may hold has some 100,000): the rest is left out, and
 * presscut_article_truncated() says so. */
#define PC_ARTICLE_MAX_PASSAGES 10000

/* The passages of article `id` in db, in their order; with pq (NULL:
 * none) each gets the words pq matches as its highlights, stemmed in its
 * article's language (stems, as search results are; stem when the index
 * has no stemmer for it).  Reopens db when
 * a writer raced the read.  OK (no passages when the index has no such
 * article), RETRY, NOMEM, CORRUPT or the database's failure, with *msg
 * (caller frees) saying why.  On OK the caller destroys *out with
 * presscut_article_destroy(). */
presscut_status_t pc_fetch_article(xc_rdb_t *db, pc_tokenizer_t *tk, pc_stemset_t *stems,
                                   xc_stem_t *stem,
                                   const pc_query_t *pq, const char *id,
                                   presscut_article_t **out, char **msg);

#endif
