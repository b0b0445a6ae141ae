/* stemcache: the stems of the words an indexer has already met.
 *
 * A news collection repeats a small vocabulary: the indexer asks Snowball
 * once per distinct word instead of once per token. */
#ifndef PRESSCUT_STEMCACHE_H
#define PRESSCUT_STEMCACHE_H

#include <stddef.h>

#include "presscut.h"
#include "xapian_c.h"

typedef struct pc_stemcache pc_stemcache_t;

/* stem is borrowed: it must outlive the cache.  NULL when out of memory. */
pc_stemcache_t *pc_stemcache_new(xc_stem_t *stem);
void pc_stemcache_destroy(pc_stemcache_t *c);

/* *out (not NUL-terminated, *out_len bytes) is the stem of word[0..len),
 * valid until the next call, or NULL when the word gets no Z term
 * (pc_has_stem_term(): asked once per distinct word too).  OK or NOMEM. */
presscut_status_t pc_stemcache_get(pc_stemcache_t *c, const char *word, size_t len,
                                   const char **out, size_t *out_len);

#endif
