/* synonyms: groups of names for one thing ("EU" = "European Union"), which
 * a free query word expands to at query time, so a list can change without
 * re-indexing.
 *
 * A list is text: one group per line, alternatives separated by "=" or
 * ",", "#" starts a comment.  An alternative in double quotes ("US")
 * matches only typed in capitals, and is never searched for another
 * alternative (the index keeps no case: it would find the pronoun).
 * Alternatives are tokenized as queries are, and match a query's words by
 * stem ("CEOs" names the CEO group).  A line naming an alternative that an
 * earlier line already named joins that line's group.
 */
#ifndef PRESSCUT_SYNONYMS_H
#define PRESSCUT_SYNONYMS_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut.h"
#include "tokenize.h"
#include "xapian_c.h"

/* The shipped list, lib/synonyms.txt, compiled in by the Makefile. */
extern const char pc_synonyms_builtin[];

/* Its words and their English stems, sorted by word (tools/synstems). */
typedef struct pc_stem_pair {
    const char *word, *stem;
} pc_stem_pair_t;
extern const pc_stem_pair_t pc_synonyms_builtin_stems[];
extern const size_t pc_synonyms_builtin_n_stems;

typedef struct pc_synonym {
    char **words;            /* normalized words, in order */
    char **stems;            /* their stems */
    size_t n_words;
    bool exact;              /* quoted: typed in capitals only */
    size_t group;
    unsigned line;           /* where it was read, for messages */
} pc_synonym_t;

/* A list is written by hand: these bound what reading one and expanding a
 * query word into a group can cost.  The shipped list is 4 KB, its longest
 * line 117 bytes, its largest group 6 alternatives. */
#define PC_MAX_SYNONYMS_BYTES 1048576     /* a file */
#define PC_MAX_SYNONYMS_LINE 1024         /* a line, in bytes */
#define PC_MAX_SYNONYMS_GROUP 64          /* alternatives of a group, lines joined */

typedef struct pc_synonyms pc_synonyms_t;

/* An empty list; NULL when out of memory.  Caller destroys it with
 * pc_synonyms_destroy(). */
pc_synonyms_t *pc_synonyms_new(void);

/* pc_synonyms_destroy(NULL) is harmless. */
void pc_synonyms_destroy(pc_synonyms_t *s);

/* Words found in v[0..n) (sorted by word) take the stem given there rather
 * than the stemmer's, in what is added from now on: for the shipped list
 * under the English stemmer.  v is borrowed until s is destroyed. */
void pc_synonyms_use_stems(pc_synonyms_t *s, const pc_stem_pair_t *v, size_t n);

/* Adds the groups of text[0..len); name says where it comes from in
 * messages ("NAME:LINE: why").  Returns OK, BAD_INPUT (a malformed line,
 * one longer than PC_MAX_SYNONYMS_LINE, a NUL byte, a group that grows
 * past PC_MAX_SYNONYMS_GROUP) or NOMEM; on failure nothing of text is
 * added and *msg (caller frees with free()) says why. */
presscut_status_t pc_synonyms_add(pc_synonyms_t *s, pc_tokenizer_t *tk, xc_stem_t *stem,
                                  const char *name, const char *text, size_t len,
                                  char **msg);

/* pc_synonyms_add() of the file at path; IO when it cannot be read,
 * BAD_INPUT when it is not a regular file or holds more than
 * PC_MAX_SYNONYMS_BYTES. */
presscut_status_t pc_synonyms_add_file(pc_synonyms_t *s, pc_tokenizer_t *tk,
                                       xc_stem_t *stem, const char *path, char **msg);

/* How many of the words stems[0..n) (caps[i]: word i was typed in
 * capitals), from the first on, name an alternative: the longest match, or
 * 0.  *group gets its group. */
size_t pc_synonyms_match(const pc_synonyms_t *s, char *const *stems, const bool *caps,
                         size_t n, size_t *group);

/* The alternatives of group, one per call: *at starts at 0; NULL after
 * the last.  Borrowed until s changes. */
const pc_synonym_t *pc_synonyms_next(const pc_synonyms_t *s, size_t group, size_t *at);

#endif
