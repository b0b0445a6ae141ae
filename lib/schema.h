/* schema: how presscut lays passages out in a Xapian database.
 *
 * One Xapian document per passage.  Terms:
 *   word        normalized word, with positions (phrases, quotes; stopwords
 *               kept); each paragraph of a passage starts PC_PARAGRAPH_GAP
 *               positions after the last, so no phrase runs across a break
 *   Z<stem>     the stem of a word that is neither a stopword nor has a
 *               digit, without positions: what a free query word searches.
 *               Stemmed in the article's language (lib/language.h); in
 *               English, of the word's American spelling, in Serbian (and
 *               Croatian, Bosnian) in Latin letters, whichever the script
 *               (lib/stem.h).
 *               (Finding a stem's words at query time instead, as an
 *               OP_SYNONYM of them, saved the writer a fifth of its time,
 *               but Xapian estimates a synonym's frequency shard by shard
 *               from the words each shard holds: sharded scores drifted.)
 *   S<word>     words of the article's title (title:)
 *   ZS<stem>    the stems of the title's words that get a Z term: a query
 *               word finds the title's other forms of it ("computers"
 *               in a title for "computing")
 *   A<id>       article id: deleting an article deletes this term
 *   F<path>     the file the passage came from: deleting a file deletes this term
 *   XS<source>  source, normalized (source:)
 *   XL<code>    the article's language code, "sr" (language:); none when
 *               neither the article nor --language names one
 *   XD<band>    the article's signature bands (lib/signature.h), XDL<hash>
 *               its lead (its body's first words, when it has enough),
 *               and XD, on its last passage only: the documents sharing
 *               a band or the lead are the candidates for its copies,
 *               found without a scan
 * Values: date (YYYY-MM-DD..., sortable), article id (collapse), and an
 * order key (path, article, paragraph, part) that breaks score ties and, with the
 * article id, finds a passage's neighbour (no per-passage id term: a
 * posting list per passage would cost index size for a rare look-up),
 * and the passage's pc_record_t; on an article's last passage, its
 * signature (pc_sig_encode(): content hash, lead, minima).  The record is a
 * value, not the document's data: Xapian compresses each document's data
 * with a fresh zlib stream, whose set-up cost more than the compression
 * saved (bbc, reuters: about a tenth of indexing time for 3% of index
 * size).
 */
#ifndef PRESSCUT_SCHEMA_H
#define PRESSCUT_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"
#include "tokenize.h"

#define PC_SCHEMA_VERSION "10"

#define PC_SLOT_DATE    0
#define PC_SLOT_ARTICLE 1
#define PC_SLOT_ORDER   2
#define PC_SLOT_RECORD  3
#define PC_SLOT_COPIES  4

#define PC_META_SCHEMA    "presscut:schema"
#define PC_META_TOKENIZER "presscut:tokenizer"
#define PC_META_LANGUAGE  "presscut:language"
/* The stemmers of the articles the index holds, comma-separated, in every
 * shard: a query word is stemmed in each.  A commit drops those no
 * article is left of (but the index's own --language). */
#define PC_META_LANGUAGES "presscut:languages"
/* When a commit last wrote the index (UTC, ISO 8601), in the first
 * shard; an index last written by an older presscut lacks it. */
#define PC_META_UPDATED   "presscut:updated"

#define PC_STEM_PREFIX "Z"
#define PC_TITLE_STEM_PREFIX "ZS"
#define PC_LANGUAGE_PREFIX "XL"

/* Beyond any phrase or NEAR window a query can ask for. */
#define PC_PARAGRAPH_GAP 100

/* Xapian refuses terms over 245 bytes. */
#define PC_MAX_TERM 240

/* Word terms are never hashed: the tokenizer cuts words short enough that
 * the longest prefix ("XS", "ZS") and a stem a few bytes longer than its
 * word still fit. */
_Static_assert(PC_MAX_WORD + 2 + 32 <= PC_MAX_TERM, "a word term may exceed Xapian's limit");

/* Writes prefix + id into b as a term: ids too long for a term are cut and
 * end in a hash of the whole id, so they stay unique. */
presscut_status_t pc_id_term(pc_buf_t *b, const char *prefix, const char *id);

/* Whether a word of a passage gets a Z term (and a query word searches
 * one): not stopwords, which rank nothing, nor numbers, which do not stem. */
bool pc_has_stem_term(const char *word, size_t len);

/* The order key of a passage: path, NUL, article id (empty when it is the
 * path), NUL, then paragraph and part as fixed-width big-endian numbers,
 * so byte order is (path, article, paragraph, part).  The id tells apart
 * the articles of one feed, whose passages tie on everything else. */
presscut_status_t pc_order_key(pc_buf_t *b, const char *path, const char *article_id,
                               unsigned paragraph, unsigned part);

#endif
