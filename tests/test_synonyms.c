/* Synonym groups: the built-in list, a user's file, and what a query of
 * one of their names searches. */
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

#include "queryparse.h"
#include "synonyms.h"

typedef struct fixture {
    pc_tokenizer_t *tk;
    xc_stem_t *stem;
    pc_synonyms_t *syn;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    if (!f || pc_tokenizer_new(&f->tk, NULL) != PRESSCUT_OK ||
        xc_stem_new("english", &f->stem, NULL) != PRESSCUT_OK ||
        pc_synonyms_new(f->tk, NULL, &f->syn, NULL) != PRESSCUT_OK)
        return -1;
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

/* The strict tier of text, parsed with syn; caller frees. */
static char *strict_of(fixture_t *f, const pc_synonyms_t *syn, const char *text)
{
    pc_query_t q;
    char *msg = NULL;
    presscut_status_t st = pc_query_parse(f->tk, f->stem, syn, text, &q, &msg);
    if (st != PRESSCUT_OK)
        fail_msg("parsing '%s': %s (%s)", text, presscut_status_to_string(st), msg ? msg : "");
    char *d = xc_query_describe(q.strict);
    pc_query_free(&q);
    assert_non_null(d);
    return d;
}

static void assert_has(const char *desc, const char *part)
{
    if (!strstr(desc, part))
        fail_msg("'%s' not in %s", part, desc);
}

static void assert_lacks(const char *desc, const char *part)
{
    if (strstr(desc, part))
        fail_msg("'%s' unexpectedly in %s", part, desc);
}

static void short_name_searches_long_one(void **state)
{
    fixture_t *f = *state;
    char *d = strict_of(f, f->syn, "EU sanctions");
    assert_has(d, "Zeu");
    assert_has(d, "(european PHRASE 2 union)");
    assert_has(d, "Zsanction");
    free(d);
}

static void long_name_searches_short_one(void **state)
{
    fixture_t *f = *state;
    char *d = strict_of(f, f->syn, "new European Union rules");
    assert_has(d, "Zeu");
    assert_has(d, "(european PHRASE 2 union)");
    assert_has(d, "Znew");
    assert_has(d, "Zrule");
    free(d);
    /* The longest name wins: "north atlantic treaty organization" is one. */
    d = strict_of(f, f->syn, "North Atlantic Treaty Organization summit");
    assert_has(d, "Znato");
    assert_lacks(d, "Znorth");
    free(d);
}

static void phrases_and_fields_are_not_expanded(void **state)
{
    fixture_t *f = *state;
    char *d = strict_of(f, f->syn, "\"EU\" title:UN");
    assert_lacks(d, "european");
    assert_lacks(d, "nations");
    free(d);
    d = strict_of(f, NULL, "EU");
    assert_lacks(d, "european");
    free(d);
}

static char *write_tmp(const char *text)
{
    char *path = strdup("/tmp/presscut-syn-XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void a_file_adds_groups(void **state)
{
    fixture_t *f = *state;
    char *path = write_tmp("# newsroom names\n\nZelensky = Zelenskyy = Zelenskiy\n"
                           "BSR = Baltic Sea region  # ours\n");
    pc_synonyms_t *syn = NULL;
    char *msg = NULL;
    assert_int_equal(pc_synonyms_new(f->tk, path, &syn, &msg), PRESSCUT_OK);
    char *d = strict_of(f, syn, "bsr cables");
    assert_has(d, "(baltic PHRASE 3 sea PHRASE 3 region)");
    free(d);
    d = strict_of(f, syn, "Zelenskyy");
    assert_has(d, "Zzelenski");
    assert_has(d, "Zzelenskiy");
    free(d);
    d = strict_of(f, syn, "EU");   /* the built-in list stays */
    assert_has(d, "european");
    free(d);
    pc_synonyms_destroy(syn);
    unlink(path);
    free(path);
}

static void a_malformed_file_is_named_with_its_line(void **state)
{
    fixture_t *f = *state;
    const char *bad[] = { "A = B\nonly one name\n", "A = B\nC = \n" };
    for (size_t i = 0; i < 2; i++) {
        char *path = write_tmp(bad[i]);
        pc_synonyms_t *syn = NULL;
        char *msg = NULL;
        assert_int_equal(pc_synonyms_new(f->tk, path, &syn, &msg), PRESSCUT_BAD_ARG);
        assert_null(syn);
        char want[64];
        snprintf(want, sizeof want, "%s:2: ", path);
        assert_non_null(msg);
        assert_non_null(strstr(msg, want));
        free(msg);
        unlink(path);
        free(path);
    }
    pc_synonyms_t *syn = NULL;
    char *msg = NULL;
    assert_int_equal(pc_synonyms_new(f->tk, "/nonexistent/syn.txt", &syn, &msg), PRESSCUT_IO);
    assert_non_null(strstr(msg, "/nonexistent/syn.txt: cannot read"));
    free(msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(short_name_searches_long_one),
        cmocka_unit_test(long_name_searches_short_one),
        cmocka_unit_test(phrases_and_fields_are_not_expanded),
        cmocka_unit_test(a_file_adds_groups),
        cmocka_unit_test(a_malformed_file_is_named_with_its_line),
    };
    return cmocka_run_group_tests_name("synonyms", tests, setup, teardown);
}
