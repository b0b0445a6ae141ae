/* schema: how presscut lays passages out in a Xapian database.
 *
 * One Xapian document per passage.  Terms:
 *   word        normalized word, with positions (phrases, quotes, ranking;
 *               stopwords kept).  There are no stem terms: a query word
 *               becomes the synonym group of the indexed words that share
 *               its stem (lib/queryparse.c), which costs the reader a term
 *               list scan and saves the writer a third of its time.
 *   S<word>     words of the article's title (title:)
 *   A<id>       article id: deleting an article deletes this term
 *   F<path>     the file the passage came from: deleting a file deletes this term
 *   XS<source>  source, normalized (source:)
 * Values: date (YYYY-MM-DD..., sortable), article id (collapse), and an
 * order key (path, paragraph, part) that breaks score ties and, with the
 * article id, finds a passage's neighbour (no per-passage id term: a
 * posting list per passage would cost index size for a rare look-up).
 * Data: a pc_record_t.
 */
#ifndef PRESSCUT_SCHEMA_H
#define PRESSCUT_SCHEMA_H

#include <stddef.h>

#include "record.h"

#define PC_SCHEMA_VERSION "3"

#define PC_SLOT_DATE    0
#define PC_SLOT_ARTICLE 1
#define PC_SLOT_ORDER   2

#define PC_META_SCHEMA    "presscut:schema"
#define PC_META_TOKENIZER "presscut:tokenizer"
#define PC_META_LANGUAGE  "presscut:language"

/* Xapian refuses terms over 245 bytes. */
#define PC_MAX_TERM 240

/* Writes prefix + id into b as a term: ids too long for a term are cut and
 * end in a hash of the whole id, so they stay unique. */
presscut_status_t pc_id_term(pc_buf_t *b, const char *prefix, const char *id);

/* The order key of a passage: path, NUL, then paragraph and part as
 * fixed-width big-endian numbers, so byte order is (path, paragraph, part). */
presscut_status_t pc_order_key(pc_buf_t *b, const char *path, unsigned paragraph,
                               unsigned part);

#endif
