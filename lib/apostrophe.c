#include "apostrophe.h"
#include "wordlist.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "utf8.h"

/* What French, Italian and Catalan elide before a vowel, normalized;
 * sorted bytewise for the binary search. */
static const char *const elisions[] = {
    "all", "bell", "buon", "c", "coll", "d", "dall", "dell", "j", "jusqu", "l", "lorsqu",
    "m", "n", "nell", "nessun", "pell", "presqu", "puisqu", "qu", "quell", "quest", "quoiqu",
    "s", "sant", "senz", "sull", "t", "tutt", "un", "v",
};

/* English clitics, which stay part of their word (NATO's, don't). */
static const char *const clitics[] = { "d", "ll", "m", "re", "s", "t", "ve" };

bool pc_is_apostrophe(UChar32 c)
{
    return c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x201B || c == 0x02BC ||
           c == 0xFF07;
}

/* Turkish writes an apostrophe only between a proper noun (or a number,
 * which the tokenizer never joins to letters) and its suffixes: the source
 * starts with a capital, and the suffix is in lower case unless the whole
 * word is in capitals (ANKARA'DA). */
static bool proper_noun_suffix(const char *src, size_t n)
{
    int32_t i = 0, len = (int32_t)n;
    UChar32 c;
    U8_NEXT(src, i, len, c);
    if (c < 0 || !(u_isupper(c) || u_istitle(c)))
        return false;
    bool apostrophe = false, lower = false;
    UChar32 after = 0;   /* the suffix's first letter */
    while (i < len) {
        U8_NEXT(src, i, len, c);
        if (c < 0)
            return false;
        if (apostrophe && !after)
            after = c;
        apostrophe |= pc_is_apostrophe(c);
        lower |= u_islower(c) != 0;
    }
    return u_islower(after) || !lower;
}

bool pc_apostrophe_word(const char *word, size_t len, const char *src, size_t src_len,
                        bool suffixes, size_t *from, size_t *to)
{
    const char *q = memchr(word, '\'', len);
    if (!q || q == word || q + 1 == word + len)
        return false;
    size_t at = (size_t)(q - word);
    const char *rest = q + 1;
    size_t rest_len = len - at - 1;
    if (pc_wordlist_has(clitics, sizeof clitics / sizeof *clitics, rest, rest_len))
        return false;   /* UN's, All's, Erdoğan's */
    if (pc_wordlist_has(elisions, sizeof elisions / sizeof *elisions, word, at)) {
        *from = at + 1;
        *to = len;
        return true;
    }
    if (!suffixes || pc_utf8_count(word, at) < 2 || memchr(rest, '\'', rest_len) ||
        !proper_noun_suffix(src, src_len))
        return false;
    *from = 0;
    *to = at;
    return true;
}
