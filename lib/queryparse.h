/* queryparse: query text -> Xapian query, on the shared tokenizer.
 *
 * Syntax (README.md, "Query syntax"): words, "phrases" (any kind of
 * double quotes), +word, -word, NOT, AND, OR in capitals, parentheses,
 * a NEAR/n b, a ADJ/n b, title:, source:, language:, date:FROM..TO, word*.  From the
 * loosest: OR, AND, juxtaposition, NEAR and ADJ, then NOT, - and +, as in
 * Xapian's QueryParser.  What does not parse (an unbalanced quote or
 * parenthesis, an operator with nothing on one side, a malformed or
 * inverted date) is an error saying where; never read otherwise.  A query
 * with no lower-case letter has no AND, OR, NOT, NEAR or ADJ: they are
 * words there, as lower-case and, or, not are everywhere.
 * Free words expand to their synonyms (lib/synonyms.h); phrases, NEAR and
 * fields never do.
 */
#ifndef PRESSCUT_QUERYPARSE_H
#define PRESSCUT_QUERYPARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut.h"
#include "stemset.h"
#include "synonyms.h"
#include "tokenize.h"
#include "xapian_c.h"

typedef struct pc_strset {
    char **v;                /* sorted, unique; each caller-freed with the set */
    size_t n, cap;
} pc_strset_t;

bool pc_strset_has(const pc_strset_t *s, const char *str, size_t len);

/* The index of str[0..len) in s, or s->n when s does not hold it. */
size_t pc_strset_find(const pc_strset_t *s, const char *str, size_t len);

/* Whether an element of s begins str[0..len), in O(log n) steps for a
 * short word. */
bool pc_strset_has_prefix_of(const pc_strset_t *s, const char *str, size_t len);

/* Words a snippet lights up only where they matched together, as Xapian
 * matched them: a phrase, a synonym of several words, the parts of a word
 * that the tokenizer splits ("安全保障"), NEAR/n, ADJ/n.  Their positions
 * span at most `window` (first to last, both counted), in this order when
 * `ordered`; a phrase is ordered with window n_words. */
typedef struct pc_hlgroup {
    char **words;            /* normalized */
    size_t n_words;
    unsigned window;
    bool ordered;
} pc_hlgroup_t;

typedef struct pc_query {
    /* Free words all required: what ranks first. */
    xc_query_t *strict;
    /* Free words any of them: what follows, or NULL when it would be the
     * same as strict (fewer than two free words). */
    xc_query_t *loose;
    /* Title words of the free words, any of them, or NULL when the query
     * has more than free words and phrases: what an article matched by
     * its title alone is found by. */
    xc_query_t *titled;
    /* More than a few free words that ask or read as prose: a question,
     * widened by feedback.  (Any more than a few free words are ranked by
     * any of them: strict is then their OR, loose NULL.) */
    bool question;
    /* A question in no more free words than an analyst's keywords run to
     * (a question word or two stopwords made it one). */
    bool brief;
    /* What a snippet highlights anywhere: normalized words (one-word
     * phrases, title), stems of free words, and wildcard prefixes. */
    pc_strset_t words, stems, prefixes;
    /* What a word must begin with to have one of stems as its stem (each
     * stem's first pc_stem_prefix_len() bytes): most words of a passage
     * are ruled out without running the stemmer. */
    pc_strset_t stem_starts;
    /* What lights up only as a whole, and all the words of those groups
     * with their alternatives (Müller's mueller, a Cyrillic word's Serbian
     * Latin spelling); group_canon[i] is the same for group word i and
     * every alternative of it: one word to a snippet. */
    pc_hlgroup_t *groups;
    size_t n_groups, cap_groups;
    pc_strset_t group_words;
    size_t *group_canon;
} pc_query_t;

/* The longest query or quote, in bytes and in words (as the tokenizer
 * counts them, operators and field names included): about three times
 * the longest question of the test collections (cisi's 342 words).  Past
 * either, it is refused, not cut: an analyst sees why, and what was
 * searched is what was typed. */
#define PC_MAX_QUERY_BYTES 65536
#define PC_MAX_QUERY_WORDS 1000

/* The widest NEAR/n and ADJ/n: a window this wide stays well inside the
 * PC_PARAGRAPH_GAP positions between two paragraphs.  Past it the query
 * is refused, not cut. */
#define PC_MAX_NEAR 50

/* Length of a double-quote character at s (any script's: " « » “ ” „ ‟
 * and the fullwidth one), else 0: what opens or closes a phrase. */
size_t pc_quote_len(const char *s);

/* OK, or BAD_QUERY when text is longer than the limits above or not
 * valid UTF-8 (*msg says how, calling text `what`: "query", "quote"; caller frees it with
 * free()), or NOMEM. */
presscut_status_t pc_query_check_size(pc_tokenizer_t *tk, const char *text, const char *what,
                                      char **msg);

/* Parses text.  Free words search their stem's Z term; words that name a
 * group of syn (NULL: none) search any of its alternatives.  A word also
 * searches the other terms the tokenizer gives it (tokenize.h: Müller
 * finds Mueller, Đaković Djakovic), and in a phrase, NEAR, ADJ, title:
 * and source: a Cyrillic word its Serbian Latin spelling too (stem.h).  Returns OK,
 * EMPTY (no searchable word), BAD_QUERY (a query that does not parse, a
 * malformed or inverted date, a query past the limits above: *msg says
 * why and where, caller frees with free()) or NOMEM.
 * On OK, free *out's contents with pc_query_free(). */
presscut_status_t pc_query_parse(pc_tokenizer_t *tk, xc_stem_t *stem, const pc_synonyms_t *syn,
                                 const char *text, pc_query_t *out, char **msg);

/* The same, weighing the title for ranking passages (per_passage) or
 * articles (pc_query_parse() ranks articles); a free word also searches
 * its stem in each language of others (NULL: none), the stemmers of the
 * languages the index holds. */
presscut_status_t pc_query_parse_passages(pc_tokenizer_t *tk, xc_stem_t *stem,
                                          const pc_stemset_t *others,
                                          const pc_synonyms_t *syn, const char *text,
                                          bool per_passage, pc_query_t *out, char **msg);

void pc_query_free(pc_query_t *q);

/* How much of a stem its words are sure to begin with: Snowball's English
 * stems keep all but the last two letters of their words ("possibility"
 * -> "possibl", "countries" -> "countri"). */
size_t pc_stem_prefix_len(size_t stem_len);

/* The query for any word of word's stem (`stemmed`): its Z term, or word
 * itself when it has none (stopwords, numbers).  Caller destroys it with
 * xc_query_destroy(); NULL when out of memory. */
xc_query_t *pc_stem_query(const char *word, const char *stemmed);

/* Stems word into a NUL-terminated string the caller frees with free();
 * NULL when out of memory. */
char *pc_stem_word(xc_stem_t *stem, const char *word, size_t len);

#endif
