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
        assert_false(pc_strset_has(&q.words, "frozen", 6));   /* it lights up as a whole */
        assert_true(pc_strset_has(&q.group_words, "frozen", 6));
        assert_int_equal(q.n_groups, 1);
        assert_int_equal(q.groups[0].window, 2);
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

/* The title is on every passage of its article: it tells stories apart,
 * not the paragraphs of one, and weighs less when passages are ranked. */
static void titles_weigh_less_per_passage(void **state)
{
    fixture_t *f = *state;
    pc_query_t q;
    char *msg = NULL;
    assert_int_equal(pc_query_parse_passages(f->tk, f->stem, NULL, NULL, "computing threats", true,
                                             &q, &msg), PRESSCUT_OK);
    char *d = xc_query_describe(q.strict);
    assert_has(d, "0.25 * ");
    free(d);
    pc_query_free(&q);
    assert_int_equal(pc_query_parse_passages(f->tk, f->stem, NULL, NULL, "computing threats", false,
                                             &q, &msg), PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_has(d, "0.5 * ");
    assert_lacks(d, "0.25 * ");
    free(d);
    pc_query_free(&q);
}

/* Feedback is for questions: a query that asks (a question word or mark)
 * or reads as prose (two stopwords, or more than eight other words), not
 * for five or more keywords, which it drifts to the wrong paragraph. */
static void only_questions_are_questions(void **state)
{
    static const struct {
        const char *query;
        bool question;
    } rows[] = {
        { "saudi insurer flotation oversubscribed riyals", false },
        { "aid agency criticises Brown over HIV jab priority", false },
        { "why Natalie left reality show early", true },
        { "people who moved home missing from electoral roll", true },
        { "Scunthorpe visit Stamford Bridge third round?", true },
        { "Gerrard says he wants trophies at Anfield", true },
        { "one two three four five six seven eight nine", true },
        { "why not", false },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        pc_query_t q;
        free(strict_of(state, rows[i].query, &q));
        if (q.question != rows[i].question)
            fail_msg("'%s': question %d, expected %d", rows[i].query, q.question,
                     rows[i].question);
        pc_query_free(&q);
    }
}

/* The grammar, construct by construct: query in, the strict tier's
 * Xapian description out (title weights aside: without synonyms). */
static void grammar_table(void **state)
{
    static const struct {
        const char *query, *desc;
    } rows[] = {
        /* grouping and precedence: NOT > AND > OR */
        { "(cable OR drones) AND brussels", "((Zcabl OR Zdrone) AND Zbrussel)" },
        { "cable OR drones AND brussels", "(Zcabl OR (Zdrone AND Zbrussel))" },
        { "cable drones OR brussels", "((Zcabl AND Zdrone) OR Zbrussel)" },
        { "sweden (nato accession)", "(Zsweden AND Znato AND Zaccess)" },
        { "nato NOT russia", "(Znato AND_NOT Zrussia)" },
        { "nato AND NOT russia", "(Znato AND (<alldocuments> AND_NOT Zrussia))" },
        { "nato -(russia OR china)", "(Znato AND_NOT (Zrussia OR Zchina))" },
        /* + required, - excluded */
        { "+nato sweden", "(Znato AND Zsweden)" },
        { "-russia cable", "(Zcabl AND_NOT Zrussia)" },
        /* proximity: NEAR any order, ADJ in order, window n + words - 1 */
        { "cable NEAR/5 sabotage", "(cable NEAR 6 sabotage)" },
        { "cable NEAR sabotage", "(cable NEAR 11 sabotage)" },
        { "nato ADJ/3 accession", "(nato PHRASE 4 accession)" },
        { "a NEAR/2 b NEAR/4 c", "(a NEAR 6 b NEAR 6 c)" },
        /* phrases, fields, dates, wildcards */
        { "\"frozen conflict\"", "(frozen PHRASE 2 conflict)" },
        { "title:cocoa", "(0 * Scocoa AND_MAYBE Zcocoa)" },
        { "cables source:Nordic", "(Zcabl FILTER 1 * XSnordic)" },
        { "date:2024..2024-06", "VALUE_RANGE 0 2024-01-01 2024-06-30" },
        { "disinform*", "WILDCARD SYNONYM disinform" },
        /* the parts of a word the tokenizer splits: its phrase (安全保障) */
        { "\xe5\xae\x89\xe5\x85\xa8\xe4\xbf\x9d\xe9\x9a\x9c",
          "(\xe5\xae\x89\xe5\x85\xa8 PHRASE 2 \xe4\xbf\x9d\xe9\x9a\x9c)" },
        { "cable \xe5\xae\x89\xe5\x85\xa8\xe4\xbf\x9d\xe9\x9a\x9c",
          "(Zcabl AND 0.5 * (\xe5\xae\x89\xe5\x85\xa8 PHRASE 2 \xe4\xbf\x9d\xe9\x9a\x9c))" },
        /* lower case and, or, not are words (stopwords) */
        { "cable and drones", "(Zcabl AND Zdrone)" },
        /* capitals only: no operators, words searched and shown */
        { "AND OR NOT", "(and AND or AND not)" },
        { "the", "the" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        pc_query_t q;
        char *d = strict_of(state, rows[i].query, &q);
        if (!strstr(d, rows[i].desc))
            fail_msg("'%s': '%s' not in %s", rows[i].query, rows[i].desc, d);
        free(d);
        pc_query_free(&q);
    }
}

/* What the grammar cannot read is refused, saying what and where. */
static void syntax_errors(void **state)
{
    fixture_t *f = *state;
    static const struct {
        const char *query, *msg;
    } rows[] = {
        { "(cable OR drones", "unbalanced '(' at character 1" },
        { "cable OR drones)", "unbalanced ')' at character 16" },
        { "\"frozen conflict", "unbalanced '\"' at character 1" },
        { "Prishtin\xc3\xab \xe2\x80\x9c" "frozen", "unbalanced '\xe2\x80\x9c' at character 11" },
        { "cable AND", "'AND' needs something on each side at character 7" },
        { "OR cable", "'OR' needs something on each side at character 1" },
        { "cable NOT", "'NOT' needs something after it at character 7" },
        { "cable NEAR/5 \"a b\"", "'NEAR/5' needs a word on each side at character 7" },
        /* invalid UTF-8, even where nothing is tokenized (found by fuzz/query) */
        { "caf\xe9 au lait", "the query is not valid UTF-8 at byte 3" },
        { "\xff\xff:\"Adri\"", "the query is not valid UTF-8 at byte 0" },
        /* once a memcpy() from a NULL word list (found by fuzz/search) */
        { "cable NEAR/5 --", "'NEAR/5' needs a word on each side at character 7" },
        { "cable NEAR/x b", "'NEAR/x' is not NEAR/N with N from 1 to 50 at character 7" },
        { "cable NEAR/51 b", "'NEAR/51' is not NEAR/N with N from 1 to 50" },
        { "a NEAR b ADJ c", "NEAR and ADJ cannot be mixed at character 10" },
        { "title: cocoa", "'title:' needs a word or a \"phrase\" after it at character 1" },
        { "date:2025..2024", "the date range 'date:2025..2024' ends before it starts" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        pc_query_t q;
        char *msg = NULL;
        presscut_status_t st = pc_query_parse(f->tk, f->stem, NULL, rows[i].query, &q, &msg);
        if (st != PRESSCUT_BAD_QUERY || !msg || !strstr(msg, rows[i].msg))
            fail_msg("'%s': %s (%s)", rows[i].query, presscut_status_to_string(st),
                     msg ? msg : "no message");
        free(msg);
    }
}

/* A title-only query ranks by its words in the text, the title's terms
 * only filtering: they weigh most in the shortest passage. */
static void title_only_ranks_by_text(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "title:\"cocoa prices\"", &q);
    assert_has(d, "0 * (Scocoa AND Sprices)");
    assert_has(d, "AND_MAYBE (Zcocoa OR Zprice)");
    assert_true(pc_strset_has(&q.words, "cocoa", 5));
    free(d);
    pc_query_free(&q);
}

/* What a query excludes is never highlighted, in a group either: a
 * passage without both "russia" and "china" may hold one of them. */
static void excluded_groups_not_highlighted(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "nato -(russia china \"cold war\" sanction*)", &q);
    assert_has(d, "AND_NOT");
    assert_true(pc_strset_has(&q.stems, "nato", 4));
    assert_false(pc_strset_has(&q.stems, "russia", 6));
    assert_false(pc_strset_has(&q.words, "cold", 4));
    assert_int_equal(q.prefixes.n, 0);
    free(d);
    pc_query_free(&q);
}

/* A query of stopwords alone searches them as words, and shows them. */
static void stopwords_alone_are_highlighted(void **state)
{
    pc_query_t q;
    char *d = strict_of(state, "AND OR NOT", &q);
    assert_true(pc_strset_has(&q.words, "and", 3));
    assert_true(pc_strset_has(&q.words, "not", 3));
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

/* n words "xaaa xaab ...", backwards, so the sets built from them must sort. */
static char *letter_words(size_t n)
{
    char *s = malloc(5 * n + 1), *at = s;
    assert_non_null(s);
    for (size_t i = n; i-- > 0; at += 5)
        snprintf(at, 6, "x%c%c%c ", 'a' + (int)(i / 676 % 26), 'a' + (int)(i / 26 % 26),
                 'a' + (int)(i % 26));
    *at = '\0';
    return s;
}

static void assert_sorted_set(const pc_strset_t *set)
{
    for (size_t i = 1; i < set->n; i++)
        assert_true(strcmp(set->v[i - 1], set->v[i]) < 0);
    for (size_t i = 0; i < set->n; i++)
        assert_true(pc_strset_has(set, set->v[i], strlen(set->v[i])));
}

/* The highlight sets are sorted and unique once the parse is done. */
static void highlight_sets_sorted_unique(void **state)
{
    fixture_t *f = *state;
    pc_query_t q;
    char *msg = NULL;
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL,
                                    "nato Nato zulu \"zulu alpha zulu\" alpha* alpha* beta*",
                                    &q, &msg), PRESSCUT_OK);
    assert_int_equal(q.stems.n, 2);      /* nato zulu */
    assert_int_equal(q.words.n, 0);      /* the phrase's words light up together */
    assert_int_equal(q.group_words.n, 2);   /* alpha zulu */
    assert_int_equal(q.prefixes.n, 2);   /* alpha beta */
    assert_sorted_set(&q.stems);
    assert_sorted_set(&q.group_words);
    assert_sorted_set(&q.prefixes);
    assert_true(pc_strset_has(&q.prefixes, "beta", 4));
    pc_query_free(&q);

    char *text = letter_words(PC_MAX_QUERY_WORDS);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, text, &q, &msg), PRESSCUT_OK);
    assert_true(q.stems.n > PC_MAX_QUERY_WORDS * 9 / 10);   /* xaas and xaa stem alike */
    assert_sorted_set(&q.stems);
    assert_true(pc_strset_has(&q.stems, "xaaa", 4));
    pc_query_free(&q);
    free(text);
}

/* Past PC_MAX_QUERY_WORDS words or PC_MAX_QUERY_BYTES bytes a query is
 * refused, saying which, before any work on its words. */
static void long_queries_refused(void **state)
{
    fixture_t *f = *state;
    pc_query_t q;
    char *msg = NULL;
    char *text = letter_words(PC_MAX_QUERY_WORDS + 1);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, text, &q, &msg), PRESSCUT_BAD_QUERY);
    assert_string_equal(msg, "the query is too long: more than 1000 words");
    free(msg);
    msg = NULL;
    assert_int_equal(pc_query_check_size(f->tk, text, "quote", &msg), PRESSCUT_BAD_QUERY);
    assert_string_equal(msg, "the quote is too long: more than 1000 words");
    free(msg);
    free(text);

    /* operators count as words: the limit is on what is typed */
    text = letter_words(PC_MAX_QUERY_WORDS / 2 + 1);
    for (char *sp = text; (sp = strchr(sp, ' ')); sp++)
        *sp = '|';
    char *ors = malloc(strlen(text) * 2), *at = ors;
    assert_non_null(ors);
    for (char *w = strtok(text, "|"); w; w = strtok(NULL, "|"))
        at += sprintf(at, "%s%s", at == ors ? "" : " OR ", w);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, ors, &q, &msg), PRESSCUT_BAD_QUERY);
    free(msg);
    free(ors);
    free(text);

    text = malloc(PC_MAX_QUERY_BYTES + 2);
    assert_non_null(text);
    memset(text, ' ', PC_MAX_QUERY_BYTES + 1);
    text[0] = 'a';
    text[PC_MAX_QUERY_BYTES + 1] = '\0';
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, text, &q, &msg), PRESSCUT_BAD_QUERY);
    assert_string_equal(msg, "the query is too long: 65537 bytes, at most 65536");
    free(msg);
    text[PC_MAX_QUERY_BYTES] = '\0';
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, text, &q, &msg), PRESSCUT_OK);
    pc_query_free(&q);
    free(text);
}

/* Whether an element of a set begins a word, by binary search: the
 * last element not after the word need not be the prefix ("aa" before
 * "ab", when "a" is the one). */
static void strset_prefix_of(void **state)
{
    (void)state;
    char a[] = "a", aa[] = "aa", abc[] = "abc", b[] = "b", bcd[] = "bcd", bce[] = "bce",
         zz[] = "zz", cd[] = "cd", ce[] = "ce";
    char *v[] = { a, aa, abc, b, bcd, bce, zz };
    pc_strset_t set = { v, sizeof v / sizeof *v, sizeof v / sizeof *v };
    static const struct {
        const char *word;
        bool has;
    } rows[] = {
        { "a", true }, { "ab", true }, { "aa", true }, { "aaz", true }, { "abd", true },
        { "b", true }, { "bcx", true }, { "bcdx", true }, { "zz", true }, { "zzz", true },
        { "", false }, { "c", false }, { "z", false }, { "zy", false }, { "0", false },
        { "\xc3\xa9", false },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        if (pc_strset_has_prefix_of(&set, rows[i].word, strlen(rows[i].word)) != rows[i].has)
            fail_msg("'%s': %s", rows[i].word, rows[i].has ? "has a prefix" : "has none");
    char *w[] = { cd, ce };
    pc_strset_t two = { w, 2, 2 };
    assert_false(pc_strset_has_prefix_of(&two, "cf", 2));
    assert_false(pc_strset_has_prefix_of(&two, "c", 1));
    assert_true(pc_strset_has_prefix_of(&two, "cex", 2));
    pc_strset_t none = { NULL, 0, 0 };
    assert_false(pc_strset_has_prefix_of(&none, "a", 1));
}

/* In an index of several languages a free word searches its stem in
 * each; phrases do not, and an index of one language searches as before. */
static void free_words_stem_in_each_language(void **state)
{
    fixture_t *f = *state;
    pc_stemset_t *langs = pc_stemset_new(false);
    xc_stem_t *en, *ru;
    assert_non_null(langs);
    assert_int_equal(pc_stemset_get(langs, "english", &en, NULL, NULL), PRESSCUT_OK);
    pc_query_t q;
    char *msg = NULL;
    const char *moskva = "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0";   /* Москва */
    assert_int_equal(pc_query_parse_passages(f->tk, en, langs, NULL, moskva, true, &q, &msg),
                     PRESSCUT_OK);
    char *one = xc_query_describe(q.strict);
    assert_lacks(one, "Z\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2)");
    free(one);
    pc_query_free(&q);

    assert_int_equal(pc_stemset_get(langs, "russian", &ru, NULL, NULL), PRESSCUT_OK);
    assert_int_equal(pc_query_parse_passages(f->tk, en, langs, NULL, moskva, true, &q, &msg),
                     PRESSCUT_OK);
    char *d = xc_query_describe(q.strict);
    assert_has(d, "Z\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0");   /* English: unchanged */
    assert_has(d, " OR Z\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2)");    /* Russian: москв */
    /* and the title's terms: a Russian title's forms weigh as an English one's */
    assert_has(d, " OR ZS\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2)");
    assert_true(pc_strset_has(&q.stems, "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2", 10));
    free(d);
    pc_query_free(&q);

    /* Where the stemmers agree, one term. */
    assert_int_equal(pc_query_parse_passages(f->tk, en, langs, NULL, "nato", true, &q, &msg),
                     PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_has(d, "Query((Znato AND_MAYBE");
    free(d);
    pc_query_free(&q);

    /* Turkish reads "otan" as o + -tan: a stem that short is left out. */
    xc_stem_t *tr;
    assert_int_equal(pc_stemset_get(langs, "turkish", &tr, NULL, NULL), PRESSCUT_OK);
    assert_int_equal(pc_query_parse_passages(f->tk, en, langs, NULL, "otan", true, &q, &msg),
                     PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_lacks(d, "Zo)");
    assert_has(d, "Query((Zotan AND_MAYBE");
    free(d);
    pc_query_free(&q);
    pc_stemset_destroy(langs);
}

/* language: takes a name, a code or a tag, and filters by the code. */
static void language_field_filters(void **state)
{
    static const char *const tags[] = { "language:sr", "language:serbian", "language:sr-Latn",
                                        "LANGUAGE:SR" };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        pc_query_t q;
        char *d = strict_of(state, tags[i], &q);
        assert_has(d, "XLsr");
        free(d);
        pc_query_free(&q);
    }
    pc_query_t q;
    char *d = strict_of(state, "kragujevac language:hr", &q);
    assert_has(d, "XLhr");
    assert_has(d, "FILTER");
    free(d);
    pc_query_free(&q);

    fixture_t *f = *state;
    char *msg = NULL;
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "language:klingon", &q, &msg),
                     PRESSCUT_BAD_QUERY);
    assert_has(msg, "unknown language 'language:klingon'");
    free(msg);
}

/* A query word searches the other spellings the tokenizer gives it, as a
 * free word (stems), in a phrase (either term at its place) and in what
 * lights up: Müller finds Mueller, Đaković Djakovic, l'OTAN otan. */
static void words_search_their_other_spellings(void **state)
{
    fixture_t *f = *state;
    pc_query_t q;
    char *msg = NULL;
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "M\xc3\xbcller", &q, &msg),
                     PRESSCUT_OK);
    char *d = xc_query_describe(q.strict);
    assert_has(d, "Zmuller");
    assert_has(d, "Zmueller");
    assert_true(pc_strset_has(&q.stems, "mueller", 7));
    free(d);
    pc_query_free(&q);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "\xc4\x90" "akovi\xc4\x87", &q, &msg),
                     PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_has(d, "Zdakov");
    assert_has(d, "Zdjakov");
    free(d);
    pc_query_free(&q);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "l'OTAN", &q, &msg), PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_has(d, "Zotan");
    free(d);
    pc_query_free(&q);
    /* Typed plainly, a word has no other spelling to search. */
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "Mueller", &q, &msg), PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_lacks(d, "Zmuller");
    free(d);
    pc_query_free(&q);

    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "\"Petra M\xc3\xbcller\"", &q, &msg),
                     PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_has(d, "PHRASE");
    assert_has(d, "(muller OR mueller)");
    size_t a = pc_strset_find(&q.group_words, "muller", 6);
    size_t b = pc_strset_find(&q.group_words, "mueller", 7);
    size_t c = pc_strset_find(&q.group_words, "petra", 5);
    assert_true(a < q.group_words.n && b < q.group_words.n && c < q.group_words.n);
    assert_int_equal(q.group_canon[a], q.group_canon[b]);   /* one word to a snippet */
    assert_int_not_equal(q.group_canon[a], q.group_canon[c]);
    free(d);
    pc_query_free(&q);
    /* A one-word phrase lights up either spelling. */
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "\"M\xc3\xbcller\"", &q, &msg),
                     PRESSCUT_OK);
    assert_true(pc_strset_has(&q.words, "mueller", 7));
    pc_query_free(&q);
}

/* In a phrase, a Cyrillic word also searches its Serbian Latin spelling,
 * which a Serbian article's Cyrillic words are indexed under too; a word
 * with a letter Serbian lacks (Ukrainian ї) does not, nor does a free
 * word (its Serbian stem is Latin already). */
static void phrases_cross_serbian_scripts(void **state)
{
    fixture_t *f = *state;
    pc_query_t q;
    char *msg = NULL;
    /* "Крагујевац се враћа" */
    const char *sr = "\"\xd0\x9a\xd1\x80\xd0\xb0\xd0\xb3\xd1\x83\xd1\x98\xd0\xb5\xd0\xb2\xd0\xb0"
                     "\xd1\x86 \xd1\x81\xd0\xb5 \xd0\xb2\xd1\x80\xd0\xb0\xd1\x9b\xd0\xb0\"";
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, sr, &q, &msg), PRESSCUT_OK);
    char *d = xc_query_describe(q.strict);
    assert_has(d, "PHRASE");
    assert_has(d, " OR kragujevac)");
    assert_has(d, " OR se)");
    assert_has(d, " OR vraca)");
    size_t a = pc_strset_find(&q.group_words, "kragujevac", 10);
    size_t b = pc_strset_find(&q.group_words,
                              "\xd0\xba\xd1\x80\xd0\xb0\xd0\xb3\xd1\x83\xd1\x98\xd0\xb5\xd0\xb2"
                              "\xd0\xb0\xd1\x86", 20);
    assert_true(a < q.group_words.n && b < q.group_words.n);
    assert_int_equal(q.group_canon[a], q.group_canon[b]);
    free(d);
    pc_query_free(&q);
    /* "Ђаково": ђ is d and dj, as đ is */
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL,
                                    "\"\xd0\x82\xd0\xb0\xd0\xba\xd0\xbe\xd0\xb2\xd0\xbe x\"",
                                    &q, &msg), PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_has(d, " OR dakovo OR djakovo)");
    free(d);
    pc_query_free(&q);
    /* "Київ": ї is no Serbian letter */
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL,
                                    "\"\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2 \xd0\xbc\xd1\x96\xd1\x81\xd1\x82\"",
                                    &q, &msg), PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_lacks(d, " OR ");
    free(d);
    pc_query_free(&q);
    /* "Москва", a free word */
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL,
                                    "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", &q, &msg),
                     PRESSCUT_OK);
    d = xc_query_describe(q.strict);
    assert_lacks(d, "moskva");
    free(d);
    pc_query_free(&q);
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
        cmocka_unit_test(only_questions_are_questions),
        cmocka_unit_test(titles_weigh_less_per_passage),
        cmocka_unit_test(grammar_table),
        cmocka_unit_test(syntax_errors),
        cmocka_unit_test(title_only_ranks_by_text),
        cmocka_unit_test(stopwords_alone_are_highlighted),
        cmocka_unit_test(excluded_groups_not_highlighted),
        cmocka_unit_test(boolean_operators),
        cmocka_unit_test(all_capitals_has_no_operators),
        cmocka_unit_test(near_fields_wildcards),
        cmocka_unit_test(titles_weigh_by_word_and_stem),
        cmocka_unit_test(dates),
        cmocka_unit_test(free_words_search_their_stem),
        cmocka_unit_test(nothing_to_search),
        cmocka_unit_test(highlight_sets_sorted_unique),
        cmocka_unit_test(long_queries_refused),
        cmocka_unit_test(strset_prefix_of),
        cmocka_unit_test_setup_teardown(free_words_stem_in_each_language, setup, teardown),
        cmocka_unit_test_setup_teardown(language_field_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(words_search_their_other_spellings, setup, teardown),
        cmocka_unit_test_setup_teardown(phrases_cross_serbian_scripts, setup, teardown),
    };
    return cmocka_run_group_tests_name("queryparse", tests, setup, teardown);
}
