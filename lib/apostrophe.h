/* apostrophe: the word inside a word joined by an apostrophe (tokenizer only).
 *
 * French, Italian and Catalan elide an article or a preposition into the
 * next word (l'OTAN, d'Ivoire, dell'Unione), and Turkish joins its
 * suffixes to a proper noun with an apostrophe (Ankara'daki,
 * İstanbul'da).  The joined word stays one word, so phrases and quotes
 * read it as typed, and the word on its own is indexed too, at the same
 * position: otan finds l'OTAN.  English keeps its clitics: NATO's,
 * don't, we're and they'll stay whole.
 */
#ifndef PRESSCUT_APOSTROPHE_H
#define PRESSCUT_APOSTROPHE_H

#include <stdbool.h>
#include <stddef.h>

#include <unicode/umachine.h>

/* Whether c is one of the apostrophes the tokenizer reads as U+0027:
 * U+0027 itself, ’ ‘ ‛ ʼ and the fullwidth ＇. */
bool pc_is_apostrophe(UChar32 c);

/* Whether word[0..len) (normalized, its apostrophes U+0027), read from
 * src[0..src_len) (the source bytes, for the case of its letters), holds
 * a word on its own: then word[*from..*to) is that word.  A suffix after
 * a proper noun counts only with suffixes set: in Turkish text (any
 * capitalised word with an apostrophe looks like one: Qur'an, O'Brien,
 * Aujourd'hui). */
bool pc_apostrophe_word(const char *word, size_t len, const char *src, size_t src_len,
                        bool suffixes, size_t *from, size_t *to);

#endif
