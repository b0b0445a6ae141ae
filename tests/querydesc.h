/* Query trees checked through their descriptions, for the unit tests of
 * the query parser and of synonyms. */
#ifndef PRESSCUT_TEST_QUERYDESC_H
#define PRESSCUT_TEST_QUERYDESC_H

#include "queryparse.h"

/* Parses text (with syn, which may be NULL), which must succeed, and
 * returns the description of its strict tier; caller frees it with free()
 * and q's contents with pc_query_free(). */
char *describe_strict(pc_tokenizer_t *tk, xc_stem_t *stem, const pc_synonyms_t *syn,
                      const char *text, pc_query_t *q);

/* Fail the test unless desc holds part / unless it does not. */
void assert_has(const char *desc, const char *part);
void assert_lacks(const char *desc, const char *part);

#endif
