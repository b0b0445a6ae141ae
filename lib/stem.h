/* stem: the stems presscut gives words, for Z and ZS terms, query words,
 * quotes, highlights and synonyms alike.
 *
 * Snowball's English stemmer knows American suffixes ("criticized" ->
 * "critic") but not British ones ("criticised" -> "criticis"), so one
 * word would be two terms with two sets of statistics.  For English, a
 * British spelling is first folded to the American one, then stemmed: a
 * query in either spelling finds, and ranks, both.  Words themselves (the
 * unstemmed terms of phrases and exact quotes) keep their spelling.
 */
#ifndef PRESSCUT_STEM_H
#define PRESSCUT_STEM_H

#include <stdbool.h>
#include <stddef.h>

#include "xapian_c.h"

/* Most a fold lengthens a word ("centred" -> "centered"). */
#define PC_VARIANT_GROWTH 1

/* Whether a stemming language is English (whose variants fold). */
bool pc_language_is_english(const char *language);

/* Writes into out (room for len + PC_VARIANT_GROWTH bytes, not
 * NUL-terminated) the American spelling of word[0..len), a normalized
 * word, and returns its length; 0 (out unspecified) when word is no
 * British variant.  Families: -ise/-isation (with guards: "rise",
 * "promise", "treatise" stay), -yse, -our, -re, -ence, -ogue, doubled l,
 * ae/oe, each but -ise over a curated list of roots. */
size_t pc_variant_fold(const char *word, size_t len, char *out);

/* Writes into out (room for len bytes) word[0..len), a normalized word,
 * with its Serbian Cyrillic letters in Serbian Latin as normalized text
 * has them (Крагујевац -> kragujevac, Ђаковица -> đakovica, Чачак ->
 * cacak); other bytes are copied.  Returns the length written. */
size_t pc_serbian_latin(const char *word, size_t len, char *out);

/* The Latin spelling (pc_serbian_latin()) of a word with Cyrillic letters,
 * all of them Serbian's, into out (room for len bytes), and its length;
 * 0 when the word has no Cyrillic letter or one Serbian lacks (Russian ы,
 * Ukrainian ї): Москва -> moskva, but not Київ.  With dj, ђ is spelled
 * dj, as đ's other spelling is (lib/fold.h): Ђаковица -> djakovica; 0
 * then for a word without ђ, whose one spelling the call without dj
 * gives. */
size_t pc_serbian_latin_form(const char *word, size_t len, bool dj, char *out);

/* How many Latin spellings a Serbian Cyrillic word may have: with ђ as d
 * and as dj. */
#define PC_SERBIAN_LATIN_FORMS 2

/* Whether the articles a stemmer of this name stems are written in both
 * scripts: Serbian's (Croatian and Bosnian borrow it).  Their Cyrillic
 * words are indexed in Latin too, at the same position, so that a phrase
 * or quote in either script finds the other. */
bool pc_stemmer_two_scripts(const char *stemmer);

/* As xc_stem_apply(), for a stemmer whose language folds variants first
 * (xc_stem_language()): English folds British spellings; Serbian reads
 * Cyrillic as Latin and gives Latin stems without diacritics. */
size_t pc_stem_apply(xc_stem_t *stem, const char *word, size_t len, char *buf, size_t cap);

#endif
