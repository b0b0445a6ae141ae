/* language: one table of names, codes and stemmers. */
#include "language.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* A language's first row holds its name and its stemmer; the rows after
 * it, other names of the same code (ISO 639-2 codes, Xapian's other
 * stemmers of the language).  Croatian and Bosnian take the Serbian
 * stemmer: the three share their grammar and Latin letters, and on the
 * Croatian samples it joins the forms of each word ("Zagreb", "Zagreba",
 * "Zagrebu") as it does in Serbian; no stemmer of their own exists. */
static const pc_language_t table[] = {
    { "english", "en", "english" }, { "eng", "en", "english" },
    { "porter", "en", "porter" }, { "lovins", "en", "lovins" },
    { "earlyenglish", "en", "earlyenglish" },
    { "serbian", "sr", "serbian" }, { "srp", "sr", "serbian" },
    { "croatian", "hr", "serbian" }, { "hrv", "hr", "serbian" },
    { "bosnian", "bs", "serbian" }, { "bos", "bs", "serbian" },
    { "albanian", "sq", "none" }, { "sqi", "sq", "none" }, { "alb", "sq", "none" },
    { "macedonian", "mk", "none" }, { "mkd", "mk", "none" },
    { "bulgarian", "bg", "none" }, { "bul", "bg", "none" },
    { "slovenian", "sl", "none" }, { "slv", "sl", "none" },
    { "russian", "ru", "russian" }, { "rus", "ru", "russian" },
    { "ukrainian", "uk", "none" }, { "ukr", "uk", "none" },
    { "polish", "pl", "none" }, { "pol", "pl", "none" },
    { "czech", "cs", "none" }, { "ces", "cs", "none" },
    { "german", "de", "german" }, { "deu", "de", "german" }, { "ger", "de", "german" },
    { "german2", "de", "german2" },
    { "french", "fr", "french" }, { "fra", "fr", "french" }, { "fre", "fr", "french" },
    { "italian", "it", "italian" }, { "ita", "it", "italian" },
    { "spanish", "es", "spanish" }, { "spa", "es", "spanish" },
    { "portuguese", "pt", "portuguese" }, { "por", "pt", "portuguese" },
    { "catalan", "ca", "catalan" }, { "cat", "ca", "catalan" },
    { "romanian", "ro", "romanian" }, { "ron", "ro", "romanian" },
    { "dutch", "nl", "dutch" }, { "nld", "nl", "dutch" },
    { "kraaij_pohlmann", "nl", "kraaij_pohlmann" },
    { "danish", "da", "danish" }, { "dan", "da", "danish" },
    { "norwegian", "no", "norwegian" }, { "nor", "no", "norwegian" },
    { "nb", "no", "norwegian" }, { "nn", "no", "norwegian" },
    { "swedish", "sv", "swedish" }, { "swe", "sv", "swedish" },
    { "finnish", "fi", "finnish" }, { "fin", "fi", "finnish" },
    { "hungarian", "hu", "hungarian" }, { "hun", "hu", "hungarian" },
    { "lithuanian", "lt", "lithuanian" }, { "lit", "lt", "lithuanian" },
    { "greek", "el", "greek" }, { "ell", "el", "greek" },
    { "turkish", "tr", "turkish" }, { "tur", "tr", "turkish" },
    { "armenian", "hy", "armenian" }, { "hye", "hy", "armenian" },
    { "basque", "eu", "basque" }, { "eus", "eu", "basque" },
    { "irish", "ga", "irish" }, { "gle", "ga", "irish" },
    { "arabic", "ar", "arabic" }, { "ara", "ar", "arabic" },
    { "hindi", "hi", "hindi" }, { "hin", "hi", "hindi" },
    { "nepali", "ne", "nepali" }, { "nep", "ne", "nepali" },
    { "tamil", "ta", "tamil" }, { "tam", "ta", "tamil" },
    { "indonesian", "id", "indonesian" }, { "ind", "id", "indonesian" },
    { "yiddish", "yi", "yiddish" }, { "yid", "yi", "yiddish" },
    { "chinese", "zh", "none" }, { "zho", "zh", "none" }, { "chi", "zh", "none" },
    { "japanese", "ja", "none" }, { "jpn", "ja", "none" },
    { "korean", "ko", "none" }, { "kor", "ko", "none" },
    { "persian", "fa", "none" }, { "fas", "fa", "none" },
    { "hebrew", "he", "none" }, { "heb", "he", "none" },
    { "thai", "th", "none" }, { "tha", "th", "none" },
    { "none", "", "none" },
};

#define N_ROWS (sizeof table / sizeof table[0])

/* The first row of code: its language's name and stemmer. */
static const pc_language_t *first_of(const char *code)
{
    for (size_t i = 0; i < N_ROWS; i++)
        if (strcmp(table[i].code, code) == 0)
            return &table[i];
    return NULL;
}

/* A row whose name is its stemmer's ("porter", "german2") stands for
 * itself; any other for its code's first row. */
static const pc_language_t *row_meant(const pc_language_t *l)
{
    return strcmp(l->name, l->stemmer) == 0 ? l : first_of(l->code);
}

static const pc_language_t *lookup(const char *tag, size_t n)
{
    for (size_t i = 0; n && i < N_ROWS; i++) {
        const pc_language_t *l = &table[i];
        if ((strlen(l->code) == n && strncasecmp(l->code, tag, n) == 0) ||
            (strlen(l->name) == n && strncasecmp(l->name, tag, n) == 0))
            return row_meant(l);
    }
    return NULL;
}

/* The whole tag first: a stemmer's name may hold a _ ("kraaij_pohlmann"). */
const pc_language_t *pc_language_find(const char *tag, size_t len)
{
    const pc_language_t *l = lookup(tag, len);
    if (l)
        return l;
    size_t n = 0;
    while (n < len && tag[n] != '-' && tag[n] != '_')
        n++;
    return lookup(tag, n);
}

const pc_language_t *pc_language_of_stemmer(const char *stemmer)
{
    for (size_t i = 0; i < N_ROWS; i++)
        if (strcmp(table[i].stemmer, stemmer) == 0 && strcmp(table[i].name, stemmer) == 0)
            return &table[i];
    return NULL;
}

int pc_language_each_code(const char *stemmer, int (*fn)(void *ctx, const char *code),
                          void *ctx)
{
    int r = 0;
    for (size_t i = 0; i < N_ROWS && !r; i++) {
        /* a code's other names follow it: each code once, or nearly */
        bool again = i > 0 && strcmp(table[i - 1].code, table[i].code) == 0 &&
                     strcmp(table[i - 1].stemmer, stemmer) == 0;
        if (strcmp(table[i].stemmer, stemmer) == 0 && !again)
            r = fn(ctx, table[i].code);
    }
    return r;
}
