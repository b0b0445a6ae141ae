/* wordlist: membership in a short, sorted list of words (stopwords,
 * elisions, clitics), by binary search. */
#ifndef PRESSCUT_WORDLIST_H
#define PRESSCUT_WORDLIST_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s[0..len) is one of list[0..n), which is sorted bytewise. */
bool pc_wordlist_has(const char *const *list, size_t n, const char *s, size_t len);

#endif
