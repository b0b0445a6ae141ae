/* tokenize: UTF-8 text -> normalized words with byte offsets and positions.
 *
 * Indexing, querying, snippets and quote matching all go through here, so
 * they cannot disagree on what a word is.  Word boundaries are ICU's
 * (UAX #29) over the UTF-8 bytes; pure-ASCII runs take a fast path that
 * gives the same words.  Normalization: NFKC, case folding, the marks of
 * Latin, Greek and Cyrillic letters that users drop removed (Priština ->
 * pristina, but й is not и: lib/fold.h), letters with no decomposition
 * spelled plain (Đakovo -> dakovo, Diyarbakır -> diyarbakir), every
 * apostrophe variant -> '\'' (U+0027).  Punctuation and white space are
 * not words: "Euro-Atlantic" gives euro, atlantic at adjacent positions;
 * numbers stay whole (3.5, 2,000, 2025).
 *
 * A word may also stand for other terms at its position (after SQLite
 * FTS5's colocated tokens): its other spelling (Müller: muller, also
 * mueller) and the word inside an elision or a Turkish suffix (l'OTAN:
 * l'otan, also otan; lib/apostrophe.h), and a Traditional Chinese word
 * its Simplified spelling (台灣: also 台湾).  The index holds them all, so
 * each finds the word; a query, a quote or a phrase reads the word alone,
 * as typed.
 */
#ifndef PRESSCUT_TOKENIZE_H
#define PRESSCUT_TOKENIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut.h"

/* Bumped whenever a change gives any text different tokens: an index
 * written with another version is refused. */
#define PC_TOKENIZER_VERSION 4

/* Longest normalized word kept, in bytes; longer words are cut there (at
 * a character boundary), the same way in text and in queries, so a cut
 * word still finds itself.  With a term prefix and a stem's few extra
 * bytes it stays far below Xapian's 245-byte term limit (see schema.h). */
#define PC_MAX_WORD 160

/* Of a longer word only its first PC_MAX_WORD_SOURCE bytes are normalized:
 * enough for PC_MAX_WORD bytes of letters with their marks, so a word of
 * megabytes costs what one of 4 KB does. */
#define PC_MAX_WORD_SOURCE 4096

/* At most: the other spelling, the Simplified Chinese one, and the word
 * inside the word and inside its other spelling. */
#define PC_MAX_ALSO 4

/* A piece of text between ASCII breaks longer than this (bytes) is not
 * simplified (pc_tokenizer_set_simplify()): its words are broken as
 * written and get no Simplified spelling.  A paragraph of Chinese is a
 * piece; this is 350,000 Han characters without an ASCII space or
 * punctuation, and the scratch for one piece is about 10 times it. */
#define PC_MAX_HAN_PIECE (1u << 20)

typedef struct pc_token {
    const char *word;      /* normalized, NUL-terminated; borrowed until the callback returns */
    size_t len;            /* bytes in word */
    size_t start, end;     /* the word's bytes in the source text */
    unsigned pos;          /* position: first_pos, first_pos + 1, ... */
    bool numeric;          /* the word is a number (ICU's UBRK_WORD_NUMBER) */
    /* Other terms for the word, at its position, none equal to word nor
     * to each other: each NUL-terminated, borrowed as word is. */
    const char *also[PC_MAX_ALSO];
    size_t also_len[PC_MAX_ALSO];
    unsigned n_also;
} pc_token_t;

/* Returns 0 to go on, non-zero to stop tokenizing (pc_tokenize then returns OK). */
typedef int (*pc_token_fn)(void *ctx, const pc_token_t *tok);

typedef struct pc_tokenizer pc_tokenizer_t;

/* Caller destroys *out with pc_tokenizer_destroy().  Returns OK, NOMEM or
 * INTERNAL (an ICU failure, message in *msg, caller frees with free()). */
presscut_status_t pc_tokenizer_new(pc_tokenizer_t **out, char **msg);
void pc_tokenizer_destroy(pc_tokenizer_t *tk);
const char *pc_tokenizer_error(const pc_tokenizer_t *tk);

/* Whether a proper noun's Turkish suffix (Ankara'daki) gives the noun on
 * its own as well (lib/apostrophe.h): on when made.  Off for the text of
 * an article in any other language (pc_tokenize_suffixes_for()), where
 * Qur'an or Aujourd'hui would give qur and aujourd; a query keeps it on,
 * where an extra term only widens the search a little. */
void pc_tokenizer_set_suffixes(pc_tokenizer_t *tk, bool on);

/* Whether the text of an article stemmed by the stemmer of this name
 * (xc_stem_new()'s: "turkish") has Turkish suffixes. */
bool pc_tokenize_suffixes_for(const char *stemmer);

/* Han text is broken into words as its Simplified spelling (ICU's
 * Traditional-Simplified transform) is, so that a word is the same word in
 * either script: 國家安全 is one word as 国家安全 is.  With simplify on
 * (as made), a word whose Simplified spelling differs carries it in
 * also[] (台灣: 台灣, also 台湾).  Off for a Japanese article
 * (pc_tokenize_simplifies_for()): its kanji are Japanese, where 機 and 机
 * are different words; its words are broken as everyone's are. */
void pc_tokenizer_set_simplify(pc_tokenizer_t *tk, bool on);

/* Whether an article in the language of this code (pc_language_t.code)
 * is simplified: all but Japanese ("ja"). */
bool pc_tokenize_simplifies_for(const char *code);

/* Calls fn for each word of text[0..len), numbering positions from
 * first_pos; *next_pos (if not NULL) gets the position after the last word.
 * text must be valid UTF-8 (BAD_INPUT otherwise).  Returns OK, BAD_INPUT,
 * NOMEM or INTERNAL. */
presscut_status_t pc_tokenize(pc_tokenizer_t *tk, const char *text, size_t len,
                              unsigned first_pos, pc_token_fn fn, void *ctx,
                              unsigned *next_pos);

/* True for the English stopwords that get no stem term and are dropped
 * from free-word queries (phrases and quotes keep them). */
bool pc_is_stopword(const char *word, size_t len);

#endif
