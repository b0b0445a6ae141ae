/* Query text -> Xapian query trees, checked through their descriptions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "querydesc.h"

typedef struct fixture {
    pc_tokenizer_t *tk;
    xc_stem_t *stem;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    if (!f || pc_tokenizer_new(&f->tk, NULL) != PRESSCUT_OK ||
        xc_stem_new("english", &f->stem, NULL) != PRESSCUT_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    pc_tokenizer_destroy(f->tk);
    xc_stem_destroy(f->stem);
    free(f);
    return 0;
}

static char *strict_of(void **state, const char *text, pc_query_t *q)
{
    fixture_t *f = *state;
    return describe_strict(f->tk, f->stem, NULL, text, q);
}

static void free_words_are_stems_all_then_any(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "hybrid threats", &q);
    assert_has(d, "hybrid");
    assert_has(d, "threats");
    assert_has(d, " AND ");
    assert_non_null(q.loose);
    char *l = xc_query_describe(q.loose);
    assert_has(l, " OR ");
    assert_true(pc_strset_has(&q.stems, "threat", 6));
    free(l);
    free(d);
    pc_query_free(&q);
}

static void one_word_has_one_tier(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "sabotage", &q);
    assert_has(d, "sabotage");
    assert_null(q.loose);
    free(d);
    pc_query_free(&q);
}

static void stopwords_drop_unless_alone(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "the fall of the wall", &q);
    assert_lacks(d, "the");
    assert_has(d, "fall");
    free(d);
    pc_query_free(&q);
    d = strict_of(state, "the of", &q);
    assert_has(d, "the");
    free(d);
    pc_query_free(&q);
}

static void phrases_with_any_quotes(void **state)
{
    const char *forms[] = { "\"frozen conflict\"", "\xe2\x80\x9c" "frozen conflict" "\xe2\x80\x9d",
                            "\xc2\xab" "frozen conflict" "\xc2\xbb", "\xe2\x80\x9e" "frozen conflict" "\xe2\x80\x9c" };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        pc_query_t q;
        char *d = strict_of(state, forms[i], &q);
        assert_has(d, "PHRASE");
        assert_has(d, "frozen");
        assert_has(d, "conflict");
                assert_true(pc_strset_has(&q.words, "frozen", 6));
        free(d);
        pc_query_free(&q);
    }
}

static void phrases_keep_stopwords_and_fold(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "\"The Fall of PRIŠTINA\"", &q);
    assert_has(d, "the");
    assert_has(d, "of");
    assert_has(d, "pristina");
    free(d);
    pc_query_free(&q);
}

/* A phrase quoted in a question ranks, but does not filter: questions
 * quote titles that the text need not hold word for word.  In keywords it
 * is required. */
static void phrase_in_a_question_is_optional(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "\"frozen conflict\" ceasefire", &q);
    assert_has(d, "PHRASE");
    assert_has(d, " AND ");
    free(d);
    pc_query_free(&q);
    d = strict_of(state, "articles on text formatting systems including "
                         "\"what you see is what you get\" editors", &q);
    assert_has(d, "PHRASE");
    assert_lacks(d, " AND ");
    assert_has(d, " OR ");
    free(d);
    pc_query_free(&q);
}

static void unbalanced_quote_is_words(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "\"frozen conflict", &q);
    assert_lacks(d, "PHRASE");
    assert_has(d, "frozen");
    free(d);
    pc_query_free(&q);
}

static void boolean_operators(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "nato OR otan", &q);
    assert_has(d, " OR ");
    free(d);
    pc_query_free(&q);
    d = strict_of(state, "nato NOT russia", &q);
    assert_has(d, "AND_NOT");
    assert_has(d, "russia");
    assert_false(pc_strset_has(&q.stems, "russia", 6));   /* excluded: never highlighted */
    free(d);
    pc_query_free(&q);
    d = strict_of(state, "nato -russia", &q);
    assert_has(d, "AND_NOT");
    free(d);
    pc_query_free(&q);
}

static void all_capitals_has_no_operators(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "NATO OR THE EU", &q);
    assert_lacks(d, "AND_NOT");
    assert_has(d, "nato");
    assert_has(d, "eu");
    assert_lacks(d, "or ");   /* "or" is a stopword once it is a word */
    assert_lacks(d, "Sor");
    free(d);
    pc_query_free(&q);
}

static void near_fields_wildcards(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "cable NEAR/5 sabotage", &q);
    assert_has(d, "NEAR 6");
    free(d);
    pc_query_free(&q);
    d = strict_of(state, "title:Kosovo", &q);
    assert_has(d, "Skosovo");
    free(d);
    pc_query_free(&q);
    d = strict_of(state, "cables source:Nordic", &q);
    assert_has(d, "FILTER");
    assert_has(d, "XSnordic");
    free(d);
    pc_query_free(&q);
    d = strict_of(state, "disinform*", &q);
    assert_has(d, "WILDCARD");
    assert_true(pc_strset_has(&q.prefixes, "disinform", 9));
    free(d);
    pc_query_free(&q);
}

/* NEAR before a chunk without words ("--") joins nothing to the word
 * before it; it used to memcpy() from the chunk's NULL word list, which
 * UBSan (make test-san) stops at. */
static void near_a_chunk_without_words(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "cable NEAR/5 --", &q);
    assert_has(d, "cable");
    free(d);
    pc_query_free(&q);
}

/* A title's words weigh in by stem too, the exact word a little more;
 * title: itself stays exact. */
static void titles_weigh_by_word_and_stem(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "computing threats", &q);
    assert_has(d, "AND_MAYBE");
    assert_has(d, "Scomputing");
    assert_has(d, "ZScomput");
    assert_has(d, "ZSthreat");
    free(d);
    pc_query_free(&q);
    d = strict_of(state, "title:computing", &q);
    assert_has(d, "Scomputing");
    assert_lacks(d, "ZS");
    free(d);
    pc_query_free(&q);
}

static void dates(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "accession date:2024-03", &q);
    assert_has(d, "VALUE_RANGE 0 2024-03-01 2024-03-31");
    free(d);
    pc_query_free(&q);
    d = strict_of(state, "date:2024..", &q);
    assert_has(d, "VALUE_GE 0 2024-01-01");
    free(d);
    pc_query_free(&q);

    fixture_t *f = *state;
    char *msg = NULL;
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "accession date:2024-13", &q, &msg),
                     PRESSCUT_BAD_QUERY);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "2024-13"));
    free(msg);
}

/* Free words search their stem's term; stopwords and numbers themselves. */
static void free_words_search_their_stem(void **state)
{
    fixture_t *f = *state;
    pc_query_t q;
    char *msg = NULL;
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "Countries", &q, &msg), PRESSCUT_OK);
    char *d = xc_query_describe(q.strict);
    assert_has(d, "Zcountri");
    assert_lacks(d, "SYNONYM");
    free(d);
    pc_query_free(&q);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "possibilities 2024", &q, &msg), PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_has(d, "Zpossibl");
    assert_has(d, "2024");
    assert_lacks(d, "Z2024");
    free(d);
    pc_query_free(&q);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "+the", &q, &msg), PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_has(d, "the");
    assert_lacks(d, "Zthe");
    free(d);
    pc_query_free(&q);
}

static void nothing_to_search(void **state)
{
    fixture_t *f = *state;
    const char *empties[] = { "", "   ", "--- !!", "\"\"", "-" };
    for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
        pc_query_t q;
        char *msg = NULL;
        assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, empties[i], &q, &msg), PRESSCUT_EMPTY);
        free(msg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(free_words_are_stems_all_then_any),
        cmocka_unit_test(one_word_has_one_tier),
        cmocka_unit_test(stopwords_drop_unless_alone),
        cmocka_unit_test(phrases_with_any_quotes),
        cmocka_unit_test(phrases_keep_stopwords_and_fold),
        cmocka_unit_test(phrase_in_a_question_is_optional),
        cmocka_unit_test(unbalanced_quote_is_words),
        cmocka_unit_test(boolean_operators),
        cmocka_unit_test(all_capitals_has_no_operators),
        cmocka_unit_test(near_fields_wildcards),
        cmocka_unit_test(near_a_chunk_without_words),
        cmocka_unit_test(titles_weigh_by_word_and_stem),
        cmocka_unit_test(dates),
        cmocka_unit_test(free_words_search_their_stem),
        cmocka_unit_test(nothing_to_search),
    };
    return cmocka_run_group_tests_name("queryparse", tests, setup, teardown);
}
