/* stemset: the stemmers of the languages one index holds, each made once.
 *
 * An index stems each article with its language's stemmer (lib/language.h);
 * a query word is stemmed in each language the index holds, and a passage
 * highlighted with its article's.  The languages Xapian and libstemmer
 * know bound the set: no limit of its own.
 */
#ifndef PRESSCUT_STEMSET_H
#define PRESSCUT_STEMSET_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut.h"
#include "stemcache.h"
#include "xapian_c.h"

typedef struct pc_stemset pc_stemset_t;

/* cached: each stemmer comes with a pc_stemcache_t (an indexer's).  NULL
 * when out of memory. */
pc_stemset_t *pc_stemset_new(bool cached);
void pc_stemset_destroy(pc_stemset_t *s);

/* The stemmer called name (xc_stem_new()'s names), made on first use,
 * into *stem, and its cache into *cache when cache is not NULL (NULL
 * unless the set is cached); both owned by the set.  OK, BAD_ARG (a
 * language no stemmer knows: *msg says so, caller frees) or NOMEM. */
presscut_status_t pc_stemset_get(pc_stemset_t *s, const char *name, xc_stem_t **stem,
                                 pc_stemcache_t **cache, char **msg);

/* The stemmer of an article whose language code (lib/language.h) is
 * code, made on first use; fallback when code names no language or none
 * this presscut stems. */
xc_stem_t *pc_stemset_for(pc_stemset_t *s, const char *code, xc_stem_t *fallback);

/* The stemmers made so far, in the order they were first asked for. */
size_t pc_stemset_count(const pc_stemset_t *s);
xc_stem_t *pc_stemset_at(const pc_stemset_t *s, size_t i);

#endif
