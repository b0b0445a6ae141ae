/* Synonym lists, and the queries of the words that name a group. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "querydesc.h"
#include "synonyms.h"

typedef struct fixture {
    pc_tokenizer_t *tk;
    xc_stem_t *stem;
    pc_synonyms_t *syn;      /* the shipped list */
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    char *msg = NULL;
    if (!f || pc_tokenizer_new(&f->tk, NULL) != PRESSCUT_OK ||
        xc_stem_new("english", &f->stem, NULL) != PRESSCUT_OK || !(f->syn = pc_synonyms_new()))
        return -1;
    if (pc_synonyms_add(f->syn, f->tk, f->stem, "lib/synonyms.txt", pc_synonyms_builtin,
                        strlen(pc_synonyms_builtin), &msg) != PRESSCUT_OK) {
        fprintf(stderr, "the shipped list: %s\n", msg ? msg : "?");
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    pc_synonyms_destroy(f->syn);
    pc_tokenizer_destroy(f->tk);
    xc_stem_destroy(f->stem);
    free(f);
    return 0;
}

static char *strict_of(fixture_t *f, const pc_synonyms_t *s, const char *text, pc_query_t *q)
{
    return describe_strict(f->tk, f->stem, s, text, q);
}

/* The compiled-in stems are the English stemmer's, sorted by word. */
static void shipped_stems_are_the_stemmers(void **state)
{
    fixture_t *f = *state;
    assert_true(pc_synonyms_builtin_n_stems > 100);
    for (size_t i = 0; i < pc_synonyms_builtin_n_stems; i++) {
        const pc_stem_pair_t *p = &pc_synonyms_builtin_stems[i];
        if (i > 0)
            assert_true(strcmp(pc_synonyms_builtin_stems[i - 1].word, p->word) < 0);
        char *st = pc_stem_word(f->stem, p->word, strlen(p->word));
        assert_string_equal(st, p->stem);
        free(st);
    }
}

/* A list read with known stems searches as one stemmed word by word, and
 * the known stems are what it uses. */
static void known_stems_are_used(void **state)
{
    fixture_t *f = *state;
    pc_synonyms_t *known = pc_synonyms_new();
    assert_non_null(known);
    pc_synonyms_use_stems(known, pc_synonyms_builtin_stems, pc_synonyms_builtin_n_stems);
    char *msg = NULL;
    assert_int_equal(pc_synonyms_add(known, f->tk, f->stem, "lib/synonyms.txt",
                                     pc_synonyms_builtin, strlen(pc_synonyms_builtin), &msg),
                     PRESSCUT_OK);
    const char *queries[] = { "EU sanctions", "nato summit", "CEOs pay", "the UN",
                              "member of the European Parliament", "us exports" };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        pc_query_t a, b;
        char *da = strict_of(f, f->syn, queries[i], &a);
        char *db = strict_of(f, known, queries[i], &b);
        assert_string_equal(da, db);
        free(da);
        free(db);
        pc_query_free(&a);
        pc_query_free(&b);
    }
    pc_synonyms_destroy(known);

    static const pc_stem_pair_t odd[] = { { "nato", "zzz" } };
    pc_synonyms_t *s = pc_synonyms_new();
    assert_non_null(s);
    pc_synonyms_use_stems(s, odd, 1);
    static const char list[] = "NATO = North Atlantic Treaty Organization\n";
    assert_int_equal(pc_synonyms_add(s, f->tk, f->stem, "odd", list, strlen(list), &msg),
                     PRESSCUT_OK);
    pc_query_t q;
    char *d = strict_of(f, s, "nato", &q);
    assert_lacks(d, "north PHRASE 4 atlantic");
    free(d);
    pc_query_free(&q);
    pc_synonyms_destroy(s);
}

static void acronym_searches_its_long_form(void **state)
{
    fixture_t *f = *state;
    pc_query_t q;
    char *d = strict_of(f, f->syn, "EU sanctions", &q);
    assert_has(d, "Zeu");
    assert_has(d, "european PHRASE 2 union");
    assert_has(d, "Ze.u");
    assert_lacks(d, "SYNONYM");
    /* Highlighting covers the alternatives, a phrase's words together. */
    assert_true(pc_strset_has(&q.stems, "eu", 2));
    assert_false(pc_strset_has(&q.words, "european", 8));
    assert_true(pc_strset_has(&q.group_words, "european", 8));
    free(d);
    pc_query_free(&q);
    d = strict_of(f, f->syn, "nato", &q);
    assert_has(d, "north PHRASE 4 atlantic");
    free(d);
    pc_query_free(&q);
}

/* The long form typed as free words is one concept, not two words. */
static void long_form_searches_the_acronym(void **state)
{
    fixture_t *f = *state;
    pc_query_t q;
    char *d = strict_of(f, f->syn, "european union", &q);
    assert_has(d, "european PHRASE 2 union");
    assert_has(d, "Zeu");
    assert_lacks(d, "Zeuropean");
    assert_null(q.loose);       /* one concept: nothing to relax */
    free(d);
    pc_query_free(&q);
    /* By stem: the plural names the group too. */
    d = strict_of(f, f->syn, "Members of Parliament voted", &q);
    assert_has(d, "members PHRASE 3 of PHRASE 3 parliament");
    assert_has(d, "member PHRASE 3 of PHRASE 3 parliament");
    assert_has(d, "Zmp");
    assert_has(d, "Zvote");
    free(d);
    pc_query_free(&q);
}

static void phrases_and_fields_are_not_expanded(void **state)
{
    fixture_t *f = *state;
    const char *queries[] = { "\"EU\" sanctions", "\"european union\"", "title:EU", "source:EU",
                              "EU NEAR/3 sanctions" };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        pc_query_t q;
        char *d = strict_of(f, f->syn, queries[i], &q);
        /* title: ranks its passages by its own word in the text, Zeu */
        if (strncmp(queries[i], "title:", 6) != 0)
            assert_lacks(d, "Zeu");
        assert_lacks(d, queries[i][1] == 'e' ? "eu " : "european");
        free(d);
        pc_query_free(&q);
    }
}

/* "us" is a pronoun: only "US" names the country, and no other alternative
 * searches for "us".  In an all-capitals query capitals tell nothing. */
static void capitals_only_alternatives(void **state)
{
    fixture_t *f = *state;
    pc_query_t q;
    char *d = strict_of(f, f->syn, "US sanctions", &q);
    assert_has(d, "united PHRASE 2 states");
    assert_has(d, "Zusa");
    free(d);
    pc_query_free(&q);
    d = strict_of(f, f->syn, "give us sanctions", &q);
    assert_lacks(d, "united");
    free(d);
    pc_query_free(&q);
    d = strict_of(f, f->syn, "united states sanctions", &q);
    assert_has(d, "Zusa");
    assert_lacks(d, "Zus ");
    assert_lacks(d, "Zus)");
    free(d);
    pc_query_free(&q);
    d = strict_of(f, f->syn, "WHO ARE NON-USERS", &q);
    assert_lacks(d, "health");
    free(d);
    pc_query_free(&q);
    d = strict_of(f, f->syn, "WHO", &q);
    assert_has(d, "world PHRASE 3 health");
    free(d);
    pc_query_free(&q);
    /* Case-blind acronyms expand in an all-capitals query too. */
    d = strict_of(f, f->syn, "NATO OR THE EU", &q);
    assert_has(d, "european PHRASE 2 union");
    assert_has(d, "north PHRASE 4 atlantic");
    free(d);
    pc_query_free(&q);
}

static void negated_words_expand_unhighlighted(void **state)
{
    fixture_t *f = *state;
    pc_query_t q;
    char *d = strict_of(f, f->syn, "sanctions -EU", &q);
    assert_has(d, "AND_NOT");
    assert_has(d, "european PHRASE 2 union");
    assert_false(pc_strset_has(&q.words, "european", 8));
    free(d);
    pc_query_free(&q);
}

static int count(const char *s, const char *part)
{
    int n = 0;
    for (; (s = strstr(s, part)); s++)
        n++;
    return n;
}

static char *write_file(const char *text)
{
    const char *base = getenv("TMPDIR");
    char *path = NULL;
    assert_true(asprintf(&path, "%s/pc-synonyms-XXXXXX", base && base[0] ? base : "/tmp") > 0);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void a_file_adds_groups(void **state)
{
    fixture_t *f = *state;
    pc_synonyms_t *s = pc_synonyms_new();
    char *msg = NULL;
    assert_non_null(s);
    assert_int_equal(pc_synonyms_add(s, f->tk, f->stem, "lib/synonyms.txt", pc_synonyms_builtin,
                                     strlen(pc_synonyms_builtin), &msg), PRESSCUT_OK);
    char *path = write_file("# ours\n"
                            "\n"
                            "Hybrid threats, grey-zone tactics   # a comment\r\n"
                            "EU = Brussels\n");
    assert_int_equal(pc_synonyms_add_file(s, f->tk, f->stem, path, &msg), PRESSCUT_OK);
    pc_query_t q;
    char *d = strict_of(f, s, "hybrid threats", &q);
    assert_has(d, "grey PHRASE 3 zone PHRASE 3 tactics");
    free(d);
    pc_query_free(&q);
    /* A line naming a listed alternative joins its group. */
    d = strict_of(f, s, "brussels", &q);
    assert_has(d, "european PHRASE 2 union");
    assert_has(d, "Zeu");
    free(d);
    pc_query_free(&q);
    d = strict_of(f, s, "EU", &q);
    assert_has(d, "Zbrussel");
    assert_int_equal(count(d, "Zeu"), 1);      /* named twice, searched once */
    free(d);
    pc_query_free(&q);
    unlink(path);
    free(path);
    pc_synonyms_destroy(s);
}

static void malformed_lines_name_file_and_line(void **state)
{
    fixture_t *f = *state;
    static const struct {
        const char *text;
        const char *msg;
    } bad[] = {
        { "EU = European Union\nsolitary\n", ":2: a group needs two alternatives or more" },
        { "# c\n\nEU = , European Union\n", ":3: an empty alternative" },
        { "EU = --- \n", ":1: no word in '---'" },
        { "\"US = United States\n", ":1: a quote must enclose a whole alternative" },
        { "EU = Europ\xe4ische Union\n", ":1: not valid UTF-8" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pc_synonyms_t *s = pc_synonyms_new();
        char *path = write_file(bad[i].text), *msg = NULL;
        assert_int_equal(pc_synonyms_add_file(s, f->tk, f->stem, path, &msg),
                         PRESSCUT_BAD_INPUT);
        assert_non_null(msg);
        if (strncmp(msg, path, strlen(path)) != 0 || !strstr(msg, bad[i].msg))
            fail_msg("'%s': message '%s'", bad[i].text, msg);
        /* Nothing of a bad file is kept. */
        size_t group;
        char *eu = (char *)"eu";
        bool caps = true;
        assert_int_equal(pc_synonyms_match(s, &eu, &caps, 1, &group), 0);
        free(msg);
        unlink(path);
        free(path);
        pc_synonyms_destroy(s);
    }
    char *msg = NULL;
    pc_synonyms_t *s = pc_synonyms_new();
    assert_int_equal(pc_synonyms_add_file(s, f->tk, f->stem, "/nonexistent/synonyms", &msg),
                     PRESSCUT_IO);
    assert_non_null(strstr(msg, "cannot read '/nonexistent/synonyms'"));
    free(msg);
    pc_synonyms_destroy(s);
}

static char *write_bytes(const char *text, size_t len)
{
    char *path = write_file("");
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    return path;
}

/* Expects pc_synonyms_add_file(path) to fail with st and a message that
 * holds want, keeping nothing of the file. */
static void expect_refused(fixture_t *f, const char *path, presscut_status_t st, const char *want)
{
    pc_synonyms_t *s = pc_synonyms_new();
    char *msg = NULL;
    assert_non_null(s);
    assert_int_equal(pc_synonyms_add_file(s, f->tk, f->stem, path, &msg), st);
    assert_non_null(msg);
    if (!strstr(msg, path) || !strstr(msg, want))
        fail_msg("'%s': message '%s', not '%s'", path, msg, want);
    free(msg);
    size_t group;
    char *hub = (char *)"hub";
    bool caps = true;
    assert_int_equal(pc_synonyms_match(s, &hub, &caps, 1, &group), 0);
    pc_synonyms_destroy(s);
}

/* Reading a list is bounded: /dev/zero used to be read for ever. */
static void lists_have_limits(void **state)
{
    fixture_t *f = *state;
    expect_refused(f, "/dev/zero", PRESSCUT_BAD_INPUT, "cannot read '/dev/zero': not a regular file");
    expect_refused(f, ".", PRESSCUT_BAD_INPUT, "not a regular file");

    char *big = malloc(PC_MAX_SYNONYMS_BYTES + 2);
    assert_non_null(big);
    for (size_t i = 0; i <= PC_MAX_SYNONYMS_BYTES; i++)
        big[i] = i % 64 == 63 ? '\n' : '#';
    char *path = write_bytes(big, PC_MAX_SYNONYMS_BYTES + 1);
    expect_refused(f, path, PRESSCUT_BAD_INPUT, "larger than 1048576 bytes");
    unlink(path);
    free(path);
    path = write_bytes(big, PC_MAX_SYNONYMS_BYTES);   /* comments only, at the limit */
    pc_synonyms_t *s = pc_synonyms_new();
    char *msg = NULL;
    assert_int_equal(pc_synonyms_add_file(s, f->tk, f->stem, path, &msg), PRESSCUT_OK);
    pc_synonyms_destroy(s);
    unlink(path);
    free(path);

    path = write_bytes("hub = spoke\n\0\0\0\n", 16);
    expect_refused(f, path, PRESSCUT_BAD_INPUT, ":2: a NUL byte: not a text file");
    unlink(path);
    free(path);

    memcpy(big, "hub = ", 6);
    memset(big + 6, 'a', PC_MAX_SYNONYMS_LINE);
    memcpy(big + 6 + PC_MAX_SYNONYMS_LINE, "\n", 2);
    path = write_file(big);
    expect_refused(f, path, PRESSCUT_BAD_INPUT, ":1: a line of more than 1024 bytes");
    unlink(path);
    free(path);

    /* lines joined by a shared alternative make one group: its size counts */
    char *at = big;
    for (int i = 0; i < PC_MAX_SYNONYMS_GROUP; i++)
        at += sprintf(at, "hub = spoke%c%c\n", 'a' + i % 26, 'a' + i / 26);
    path = write_file(big);
    expect_refused(f, path, PRESSCUT_BAD_INPUT, ":64: a group of more than 64 alternatives");
    unlink(path);
    free(path);
    /* one fewer fits, and a refused list leaves what was there */
    s = pc_synonyms_new();
    *strrchr(big, 'h') = '\0';
    path = write_file(big);
    assert_int_equal(pc_synonyms_add_file(s, f->tk, f->stem, path, &msg), PRESSCUT_OK);
    unlink(path);
    free(path);
    path = write_file("spokeaa = extra\n");
    assert_int_equal(pc_synonyms_add_file(s, f->tk, f->stem, path, &msg), PRESSCUT_BAD_INPUT);
    assert_non_null(strstr(msg, ":1: a group of more than 64 alternatives"));
    free(msg);
    unlink(path);
    free(path);
    size_t group, n = 0;
    char *hub = (char *)"hub";
    bool caps = true;
    assert_int_equal(pc_synonyms_match(s, &hub, &caps, 1, &group), 1);
    for (size_t it = 0; pc_synonyms_next(s, group, &it);)
        n++;
    assert_int_equal(n, PC_MAX_SYNONYMS_GROUP);
    char *extra = (char *)"extra";
    assert_int_equal(pc_synonyms_match(s, &extra, &caps, 1, &group), 0);
    pc_synonyms_destroy(s);
    free(big);
}

/* Groups joined across lists keep their alternatives in the order read,
 * found from any of them; other groups are not disturbed. */
static void joined_groups_keep_order(void **state)
{
    fixture_t *f = *state;
    pc_synonyms_t *s = pc_synonyms_new();
    char *msg = NULL;
    const char *lists[] = { "alpha = beta\nomega = psi\n", "gamma = delta\n", "delta = alpha\n" };
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(pc_synonyms_add(s, f->tk, f->stem, "list", lists[i], strlen(lists[i]),
                                         &msg), PRESSCUT_OK);
    const char *members[] = { "alpha", "beta", "gamma", "delta" };
    bool caps = false;
    for (size_t m = 0; m < 4; m++) {
        size_t group, at = 0, k = 0;
        char *stem = (char *)members[m];
        assert_int_equal(pc_synonyms_match(s, &stem, &caps, 1, &group), 1);
        for (const pc_synonym_t *a; (a = pc_synonyms_next(s, group, &at)); k++) {
            assert_true(k < 4);
            assert_string_equal(a->words[0], members[k]);
        }
        assert_int_equal(k, 4);
    }
    size_t group, at = 0;
    char *omega = (char *)"omega";
    assert_int_equal(pc_synonyms_match(s, &omega, &caps, 1, &group), 1);
    assert_string_equal(pc_synonyms_next(s, group, &at)->words[0], "omega");
    assert_string_equal(pc_synonyms_next(s, group, &at)->words[0], "psi");
    assert_null(pc_synonyms_next(s, group, &at));
    pc_synonyms_destroy(s);
}

/* Free words left of a longer match: the longest alternative wins. */
static void longest_alternative_wins(void **state)
{
    fixture_t *f = *state;
    pc_query_t q;
    char *d = strict_of(f, f->syn, "UN Security Council vote", &q);
    assert_has(d, "Zunsc");
    assert_has(d, "united PHRASE 4 nations PHRASE 4 security");
    assert_lacks(d, "united PHRASE 2 nations");
    free(d);
    pc_query_free(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_stems_are_the_stemmers),
        cmocka_unit_test(known_stems_are_used),
        cmocka_unit_test(acronym_searches_its_long_form),
        cmocka_unit_test(long_form_searches_the_acronym),
        cmocka_unit_test(phrases_and_fields_are_not_expanded),
        cmocka_unit_test(capitals_only_alternatives),
        cmocka_unit_test(negated_words_expand_unhighlighted),
        cmocka_unit_test(a_file_adds_groups),
        cmocka_unit_test(malformed_lines_name_file_and_line),
        cmocka_unit_test(longest_alternative_wins),
        cmocka_unit_test(lists_have_limits),
        cmocka_unit_test(joined_groups_keep_order),
    };
    return cmocka_run_group_tests_name("synonyms", tests, setup, teardown);
}
