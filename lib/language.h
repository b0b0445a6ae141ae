/* language: what an article's language tag means to presscut.
 *
 * A Language: header, a feed's "language" field, HTML's lang attribute and
 * --language name a language by its English name ("serbian"), an ISO 639-1
 * or -2 code ("sr", "srp") or a BCP 47 tag ("sr-Latn", "en_GB": only the
 * part before the first - or _ counts), in any case.  Each language has
 * one code (what `language:` filters and --json shows) and one stemmer
 * (xc_stem_new()'s name; "none" where neither Xapian nor libstemmer has
 * one: words are then indexed as they are written).
 */
#ifndef PRESSCUT_LANGUAGE_H
#define PRESSCUT_LANGUAGE_H

#include <stddef.h>

typedef struct pc_language {
    const char *name;        /* "serbian" */
    const char *code;        /* "sr" */
    const char *stemmer;     /* "serbian"; "none" */
} pc_language_t;

/* The language tag[0..len) names, or NULL when presscut does not know it. */
const pc_language_t *pc_language_find(const char *tag, size_t len);

/* The language of the stemmer named stemmer (an index's default, as
 * stored), or NULL. */
const pc_language_t *pc_language_of_stemmer(const char *stemmer);

/* Calls fn with each code of the languages stemmer stems ("sr", "hr",
 * "bs" for "serbian"; "" for "none", of articles that name no language),
 * until fn returns non-zero, which it returns; 0 when none did (and for a
 * stemmer of no language). */
int pc_language_each_code(const char *stemmer, int (*fn)(void *ctx, const char *code),
                          void *ctx);

#endif
