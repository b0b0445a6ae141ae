/* "Did you mean": the closest indexed word. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "scratch.h"
#include "spelling.h"

static scratch_t scratch;

/* Documents each holding a word, `count` of them, in English but "note"
 * (French) and "nata" (Italian). */
static int setup(void **state)
{
    static const struct { const char *word; unsigned count; } words[] = {
        { "hybrid", 5 }, { "hybris", 1 }, { "croatia", 3 }, { "croatian", 1 },
        { "nato", 9 }, { "note", 1 }, { "nata", 2 }, { "pri\xc5\xa1tina", 2 },
        { "readers", 4 }, { "XSreuters", 1 }, { "Sreform", 1 },
        { "move", 6 }, { "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb5", 2 },   /* москве */
        { "moskv\xd0\xb0", 1 },                                   /* "moskvа", its а Cyrillic */
        { "\xd0\xbf\xd1\x80\xd0\xb5\xd0\xb7\xd0\xb8\xd0\xb4\xd0\xb5\xd0\xbd\xd1\x82", 1 }, /* президент */
    };
    xc_wdb_t *w;
    scratch_make(&scratch);
    if (xc_wdb_open(scratch.db, XC_CREATE_OR_OVERWRITE, &w, NULL) != PRESSCUT_OK)
        return -1;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        for (unsigned k = 0; k < words[i].count; k++) {
            xc_doc_t *doc = xc_doc_new();
            const char *lang = !strcmp(words[i].word, "note")   ? "XLfr"
                               : !strcmp(words[i].word, "nata") ? "XLit"
                                                                : "XLen";
            xc_doc_add_posting(doc, words[i].word, strlen(words[i].word), 1, 1);
            xc_doc_add_boolean_term(doc, lang, strlen(lang));
            xc_wdb_add(w, doc, NULL);
            xc_doc_destroy(doc);
        }
    }
    if (xc_wdb_close(w) != PRESSCUT_OK)
        return -1;
    xc_rdb_t *r;
    if (xc_rdb_open(scratch.db, &r, NULL) != PRESSCUT_OK)
        return -1;
    *state = r;
    return 0;
}

static int teardown(void **state)
{
    xc_rdb_close(*state);
    scratch_remove(&scratch);
    return 0;
}

static void check_in(void **state, const char *prefix, const char *word, const char *language,
                     const char *want)
{
    char *got = NULL;
    assert_int_equal(pc_spelling_suggest(*state, prefix, word, language, &got), PRESSCUT_OK);
    if (strcmp(got, want) != 0)
        fail_msg("suggestion for '%s%s' (%s) is '%s', want '%s'", prefix, word,
                 language ? language : "any language", got, want);
    free(got);
}

static void check_field(void **state, const char *prefix, const char *word, const char *want)
{
    check_in(state, prefix, word, NULL, want);
}

static void check(void **state, const char *word, const char *want)
{
    check_field(state, "", word, want);
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

/* Two edits turn a word into a much shorter one: a typo of a long word,
 * but half of a short one.  "moskve" (Serbian for "in Moscow") is no
 * misspelled "move". */
static void short_corrections_allow_one_edit(void **state)
{
    check(state, "moskve", "");
    check(state, "movve", "move");
}

/* Edits are counted in letters, not bytes: two changed Cyrillic letters
 * that are four bytes apart. */
static void letters_not_bytes(void **state)
{
    check(state, "\xd0\xbf\xd1\x80\xd0\xb5\xd1\x81\xd0\xb8\xd0\xb4\xd1\x8d\xd0\xbd\xd1\x82",   /* пресидэнт */
          "\xd0\xbf\xd1\x80\xd0\xb5\xd0\xb7\xd0\xb8\xd0\xb4\xd0\xb5\xd0\xbd\xd1\x82");        /* президент */
    assert_int_equal(pc_edit_distance("\xd0\xb6", 2, "\xd1\x80", 2, 3), 1);   /* ж, р */
}

/* A Latin word is never corrected to a word with letters of another
 * script, however close its bytes. */
static void same_script_only(void **state)
{
    check(state, "moskva", "");
}

/* A query's language: prefers its passages' words, however rare. */
static void language_words_first(void **state)
{
    check(state, "nate", "nato");
    check_in(state, "", "nate", "fr", "note");
    check_in(state, "", "nate", "it", "nata");
    /* none of that language close enough: the closest of any */
    check_in(state, "", "hybird", "fr", "hybrid");
    check_in(state, "", "nate", "de", "nato");
}

static void nothing_close(void **state)
{
    check(state, "zanzibarian", "");
    check(state, "", "");
}

/* A field's value is corrected from that field's words only. */
static void field_words(void **state)
{
    check_field(state, "XS", "reutres", "reuters");
    check_field(state, "XS", "readrs", "");       /* "readers" is a body word */
    check_field(state, "S", "refrom", "reform");
    check(state, "reuters", "readers");           /* the body knows no source words */
    check(state, "refom", "");
}

static void field_of_each_word(void **state)
{
    (void)state;
    static const struct {
        const char *query, *word;
        pc_spelling_field_t want;
    } rows[] = {
        { "source:reuters nato", "reuters", PC_SPELLING_SOURCE },
        { "source:reuters nato", "nato", PC_SPELLING_BODY },
        { "SOURCE:\"Nordic Ledger\" cable", "ledger", PC_SPELLING_SOURCE },
        { "SOURCE:\"Nordic Ledger\" cable", "cable", PC_SPELLING_BODY },
        { "title:\xe2\x80\x9cnato summit\xe2\x80\x9d", "summit", PC_SPELLING_TITLE },
        /* a fullwidth quote opens a phrase, as for the query parser */
        { "title:\xef\xbc\x82nato summit\xef\xbc\x82", "summit", PC_SPELLING_TITLE },
        { "title:cable,croatia x", "croatia", PC_SPELLING_TITLE },
        { "\"source:reuters\"", "reuters", PC_SPELLING_BODY },
        { "(source:reuters OR ap)", "reuters", PC_SPELLING_SOURCE },
        { "date:2024..2025 nato", "2025", PC_SPELLING_NONE },
        { "nato language:fr", "fr", PC_SPELLING_LANGUAGE },
        { "e.g.:nato", "nato", PC_SPELLING_BODY },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        pc_spelling_scan_t scan = { 0 };
        const char *at = strstr(rows[i].query, rows[i].word);
        if (!at) {
            /* Case differs: find it ignoring case. */
            for (at = rows[i].query; *at && strncasecmp(at, rows[i].word, strlen(rows[i].word));)
                at++;
        }
        pc_spelling_field_t got = pc_spelling_field_at(&scan, rows[i].query,
                                                       (size_t)(at - rows[i].query));
        if (got != rows[i].want)
            fail_msg("'%s' in '%s': field %d, want %d", rows[i].word, rows[i].query, got,
                     rows[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(swapped_letters),
        cmocka_unit_test(changed_missing_extra),
        cmocka_unit_test(more_frequent_wins_a_tie),
        cmocka_unit_test(short_words_allow_one_edit),
        cmocka_unit_test(multibyte_words),
        cmocka_unit_test(short_corrections_allow_one_edit),
        cmocka_unit_test(letters_not_bytes),
        cmocka_unit_test(same_script_only),
        cmocka_unit_test(language_words_first),
        cmocka_unit_test(nothing_close),
        cmocka_unit_test(field_words),
        cmocka_unit_test(field_of_each_word),
    };
    return cmocka_run_group_tests_name("spelling", tests, setup, teardown);
}
