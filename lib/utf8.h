/* utf8: validation of UTF-8 input. */
#ifndef PRESSCUT_UTF8_H
#define PRESSCUT_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF).  Otherwise false, with *bad (if not NULL)
 * the offset of the first byte that is not. */
bool pc_utf8_valid(const char *s, size_t len, size_t *bad);

/* Length of the valid UTF-8 sequence starting at s[0] (1 to 4), or 0 when
 * none starts there. n is the number of bytes available. */
size_t pc_utf8_seqlen(const unsigned char *s, size_t n);

/* The letters (code points) of s[0..len), as the user counts them: a
 * Cyrillic or Greek letter is two bytes, a CJK one three.  Counts the
 * bytes that begin a character, so a stray byte counts as one. */
size_t pc_utf8_count(const char *s, size_t len);

#endif
