/* fold: what the letters of a normalized word become (tokenizer only).
 *
 * The tokenizer case-folds a word and decomposes it (NFD); then each
 * combining mark either goes or stays by the letter it sits on, and a few
 * letters that have no decomposition are spelled in plain letters.  Users
 * type the letters of the news without the marks of Latin, Greek and
 * Cyrillic that tell a variant (é, č, ё, tonos), but they do not drop the
 * marks that make another letter (й is not и, ї is not і) nor the vowel
 * signs of Devanagari, Thai or Japanese kana (देश is not दश).
 *
 * Some letters have two plain spellings that users type: Müller is typed
 * Muller and Mueller, Đaković Dakovic and Djakovic; Arabic مدرسة also
 * مدرسه.  The word's plain
 * spelling (Muller) is the word; the other (Mueller) is an extra term of
 * the index at the same position.
 */
#ifndef PRESSCUT_FOLD_H
#define PRESSCUT_FOLD_H

#include <stdbool.h>

#include <unicode/umachine.h>

/* Whether a combining mark following base (a case-folded letter, 0 when
 * none precedes) is dropped from the word. */
bool pc_fold_drops_mark(UChar32 base, UChar32 mark);

/* The letters a dropped mark after base leaves in the word's other
 * spelling ("e" for the umlaut of a, o, u; "a" for the ring of å), or
 * NULL when it leaves none. */
const char *pc_fold_mark_spelled(UChar32 base, UChar32 mark);

/* Whether letter c (case-folded) is spelled otherwise: then *plain is
 * what the word holds (UTF-8: đ -> "d", tatweel -> "", ة -> "ة") and
 * *spelled what its other spelling holds ("dj", "ه"; the same pointer as
 * *plain when it has none). */
bool pc_fold_letter(UChar32 c, const char **plain, const char **spelled);

#endif
