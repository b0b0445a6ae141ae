/* synonyms: groups of names for one thing ("EU" = "European Union"), which
 * a free query word or run of words stands for as a whole.
 *
 * Expanded at query time, so a changed list needs no re-indexing.  A group
 * becomes an OR of its alternatives, not an OP_SYNONYM: Xapian estimates a
 * synonym's frequency shard by shard, and sharded scores must equal one
 * database's. */
#ifndef PRESSCUT_SYNONYMS_H
#define PRESSCUT_SYNONYMS_H

#include <stddef.h>

#include "presscut.h"
#include "tokenize.h"

typedef struct pc_alternative {
    char **words;            /* normalized as query words are */
    size_t n;
} pc_alternative_t;

typedef struct pc_syngroup {
    pc_alternative_t *alts;
    size_t n;
} pc_syngroup_t;

typedef struct pc_synonyms pc_synonyms_t;

/* The built-in news list, then the groups of the file at path (NULL: none).
 * A file holds one group per line, alternatives separated by '=', '#'
 * starting a comment.  Returns OK, NOMEM, IO (an unreadable file) or
 * BAD_ARG (a malformed line); *msg names the file and line (caller frees
 * with free()).  Caller destroys *out with pc_synonyms_destroy(). */
presscut_status_t pc_synonyms_new(pc_tokenizer_t *tk, const char *path, pc_synonyms_t **out,
                                  char **msg);
void pc_synonyms_destroy(pc_synonyms_t *s);

/* The group with the longest alternative that words[0..n) begin with, and
 * that alternative's length in *len; NULL when none does. */
const pc_syngroup_t *pc_synonyms_match(const pc_synonyms_t *s, char *const *words, size_t n,
                                       size_t *len);

#endif
