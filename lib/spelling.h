/* spelling: "did you mean" from the index's own words.
 *
 * Xapian's spelling table would cost the indexer a third of its time (it
 * stores n-gram fragments of every word); a misspelling is rare and asked
 * about only when a word finds nothing, so presscut looks for the likely
 * word then, among the indexed words that share its first letter.
 */
#ifndef PRESSCUT_SPELLING_H
#define PRESSCUT_SPELLING_H

#include <stddef.h>

#include "presscut.h"
#include "xapian_c.h"

/* Each word looked for scans the indexed words of its first letter: a
 * query's first PC_SPELLING_MAX_WORDS unknown words get suggestions, the
 * rest are kept as typed, so a long query of unknown words costs what a
 * short one does. */
#define PC_SPELLING_MAX_WORDS 20

/* *out gets the indexed word closest to word (a normalized word): at most
 * one edit away (insert, delete, change, swap two neighbours) for words of
 * up to five letters, two for longer ones; the more frequent of equally
 * close ones.  "" when there is none.  Caller frees *out with free().
 * OK, NOMEM, or a status of reading db's terms. */
presscut_status_t pc_spelling_suggest(xc_rdb_t *db, const char *word, char **out);

/* The optimal string alignment distance of a[0..n) and b[0..m) (edits:
 * insert, delete or change a byte, swap two neighbours), or max + 1 when
 * it is more than max.  Words longer than PC_MAX_WORD are max + 1 away. */
size_t pc_edit_distance(const char *a, size_t n, const char *b, size_t m, size_t max);

#endif
