/* "Did you mean": the closest indexed word. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "spelling.h"

static char dir[] = "/tmp/presscut-spelling-XXXXXX";

/* One document holding each word `count` times. */
static int setup(void **state)
{
    static const struct { const char *word; unsigned count; } words[] = {
        { "hybrid", 5 }, { "hybris", 1 }, { "croatia", 3 }, { "croatian", 1 },
        { "nato", 9 }, { "note", 1 }, { "pri\xc5\xa1tina", 2 },
    };
    xc_wdb_t *w;
    if (!mkdtemp(dir) || xc_wdb_open(dir, XC_CREATE_OR_OVERWRITE, &w, NULL) != PRESSCUT_OK)
        return -1;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        for (unsigned k = 0; k < words[i].count; k++) {
            xc_doc_t *doc = xc_doc_new();
            xc_doc_add_posting(doc, words[i].word, strlen(words[i].word), 1, 1);
            xc_wdb_add(w, doc, NULL);
            xc_doc_destroy(doc);
        }
    }
    if (xc_wdb_close(w) != PRESSCUT_OK)
        return -1;
    xc_rdb_t *r;
    if (xc_rdb_open(dir, &r, NULL) != PRESSCUT_OK)
        return -1;
    *state = r;
    return 0;
}

static int teardown(void **state)
{
    xc_rdb_close(*state);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void check(void **state, const char *word, const char *want)
{
    char *got = NULL;
    assert_int_equal(pc_spelling_suggest(*state, word, &got), PRESSCUT_OK);
    if (strcmp(got, want) != 0)
        fail_msg("suggestion for '%s' is '%s', want '%s'", word, got, want);
    free(got);
}

static void swapped_letters(void **state)
{
    check(state, "hybird", "hybrid");   /* one swap, and hybris is two edits away */
    check(state, "croatai", "croatia");
}

static void changed_missing_extra(void **state)
{
    check(state, "hybrd", "hybrid");
    check(state, "hybrrid", "hybrid");
    check(state, "hybrod", "hybrid");
}

static void more_frequent_wins_a_tie(void **state)
{
    check(state, "nate", "nato");      /* nato and note are both one change away */
}

static void short_words_allow_one_edit(void **state)
{
    check(state, "ntao", "nato");
    check(state, "xyz", "");
}

static void multibyte_words(void **state)
{
    check(state, "pri\xc5\xa1tna", "pri\xc5\xa1tina");
}

static void nothing_close(void **state)
{
    check(state, "zanzibarian", "");
    check(state, "", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(swapped_letters),
        cmocka_unit_test(changed_missing_extra),
        cmocka_unit_test(more_frequent_wins_a_tie),
        cmocka_unit_test(short_words_allow_one_edit),
        cmocka_unit_test(multibyte_words),
        cmocka_unit_test(nothing_close),
    };
    return cmocka_run_group_tests_name("spelling", tests, setup, teardown);
}
