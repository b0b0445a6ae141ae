/* spelling: "did you mean" from the index's own words.
 *
 * Xapian's spelling table would cost the indexer a third of its time (it
 * stores n-gram fragments of every word); a misspelling is rare and asked
 * about only when a word finds nothing, so presscut looks for the likely
 * word then, among the indexed words that share its first letter.
 */
#ifndef PRESSCUT_SPELLING_H
#define PRESSCUT_SPELLING_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut.h"
#include "xapian_c.h"

/* Each word looked for scans the indexed words of its first letter: a
 * query's first PC_SPELLING_MAX_WORDS unknown words get suggestions, the
 * rest are kept as typed, so a long query of unknown words costs what a
 * short one does. */
#define PC_SPELLING_MAX_WORDS 20

/* What a word of a query is matched against: a title: or source: value
 * only against that field's words ("source:reuters" is never corrected to
 * a body word), a date: or language: value not at all (a language: value
 * says which language's words to prefer). */
typedef enum pc_spelling_field {
    PC_SPELLING_BODY,
    PC_SPELLING_TITLE,
    PC_SPELLING_SOURCE,
    PC_SPELLING_NONE,
    PC_SPELLING_LANGUAGE
} pc_spelling_field_t;

/* Where a scan of a query has got to; zero it before the first call. */
typedef struct pc_spelling_scan {
    size_t pos;              /* bytes read */
    size_t chunk;            /* where the chunk (between white space) began */
    bool quoted;             /* inside a "phrase" */
    pc_spelling_field_t quote_field;
} pc_spelling_scan_t;

/* The field of the query word starting at query[at]: `field:word`,
 * `field:"some words"`, else BODY.  Calls must come with ascending at, so
 * a query is read once however many words it has. */
pc_spelling_field_t pc_spelling_field_at(pc_spelling_scan_t *s, const char *query, size_t at);

/* The term prefix of a field's words ("" for the body, "S", "XS"). */
const char *pc_spelling_prefix(pc_spelling_field_t field);

/* Words of up to this many letters may be one edit from their correction,
 * longer ones two; counted on the shorter of the word and the correction. */
#define PC_SPELLING_ONE_EDIT 5

/* *out gets the indexed word of a field (its terms start with prefix)
 * closest to word (a normalized word), written in the word's scripts: at
 * most one edit away (insert, delete, change, swap two neighbouring
 * letters) when either is of up to PC_SPELLING_ONE_EDIT letters, two when
 * both are longer; the more frequent of equally close ones.  With a
 * language code (the query's language:, else NULL) the closest word some
 * passage of that language holds, if there is one: "nate language:fr" is
 * "note" though English says "nato" more.  "" when there is none.  Caller
 * frees *out with free().  OK, NOMEM, or a status of reading db. */
presscut_status_t pc_spelling_suggest(xc_rdb_t *db, const char *prefix, const char *word,
                                      const char *language, char **out);

/* The optimal string alignment distance of UTF-8 a[0..n) and b[0..m)
 * (edits: insert, delete or change a letter, swap two neighbours), or
 * max + 1 when it is more than max.  Words longer than PC_MAX_WORD are max + 1 away. */
size_t pc_edit_distance(const char *a, size_t n, const char *b, size_t m, size_t max);

#endif
