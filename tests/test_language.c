/* Language tags: names, ISO 639-1 and -2 codes and BCP 47 tags, any case,
 * map to one code and one stemmer; unknown tags map to nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "language.h"
#include "xapian_c.h"

static const pc_language_t *find(const char *tag)
{
    return pc_language_find(tag, strlen(tag));
}

static void tags(void **state)
{
    (void)state;
    static const char *const cases[][3] = {    /* tag, code, stemmer */
        { "sr", "sr", "serbian" }, { "sr-Latn", "sr", "serbian" }, { "sr-Cyrl", "sr", "serbian" },
        { "SR_latn", "sr", "serbian" }, { "serbian", "sr", "serbian" }, { "srp", "sr", "serbian" },
        { "hr", "hr", "serbian" }, { "Croatian", "hr", "serbian" }, { "bs", "bs", "serbian" },
        { "sq", "sq", "none" }, { "albanian", "sq", "none" }, { "ru", "ru", "russian" },
        { "uk", "uk", "none" }, { "de", "de", "german" }, { "german", "de", "german" },
        { "de-AT", "de", "german" }, { "fr", "fr", "french" }, { "fra", "fr", "french" },
        { "tr", "tr", "turkish" }, { "ar", "ar", "arabic" }, { "zh", "zh", "none" },
        { "zh-Hans", "zh", "none" }, { "ja", "ja", "none" }, { "en", "en", "english" },
        { "en-GB", "en", "english" }, { "english", "en", "english" }, { "porter", "en", "porter" },
        { "german2", "de", "german2" }, { "el", "el", "greek" }, { "hi", "hi", "hindi" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const pc_language_t *l = find(cases[i][0]);
        assert_non_null(l);
        assert_string_equal(l->code, cases[i][1]);
        assert_string_equal(l->stemmer, cases[i][2]);
    }
    assert_string_equal(find("hr")->name, "croatian");
    assert_string_equal(find("srp")->name, "serbian");
}

static void unknown_tags(void **state)
{
    (void)state;
    static const char *const cases[] = { "", "-", "x", "klingon", "s", "serb", "en-", "xx-Latn" };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_true(find(cases[i]) == NULL || strcmp(cases[i], "en-") == 0);
    assert_string_equal(find("en-")->code, "en");
    /* len bounds the tag: "sr" of "srp" */
    assert_string_equal(pc_language_find("srp", 2)->code, "sr");
}

/* Every stemmer the table names exists (Xapian's or libstemmer's). */
static void stemmers_exist(void **state)
{
    (void)state;
    static const char *const names[] = {
        "english", "serbian", "croatian", "bosnian", "albanian", "russian", "ukrainian", "german",
        "french", "turkish", "arabic", "chinese", "japanese", "greek", "hindi", "porter",
        "german2", "kraaij_pohlmann", "none", "macedonian", "yiddish", "tamil",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const pc_language_t *l = find(names[i]);
        assert_non_null(l);
        xc_stem_t *s = NULL;
        assert_int_equal(xc_stem_new(l->stemmer, &s, NULL), PRESSCUT_OK);
        xc_stem_destroy(s);
    }
}

static void of_stemmer(void **state)
{
    (void)state;
    assert_string_equal(pc_language_of_stemmer("english")->code, "en");
    assert_string_equal(pc_language_of_stemmer("serbian")->code, "sr");
    assert_string_equal(pc_language_of_stemmer("porter")->code, "en");
    assert_string_equal(pc_language_of_stemmer("none")->code, "");
    assert_null(pc_language_of_stemmer("klingon"));
}

static int gather(void *ctx, const char *code)
{
    char *out = ctx;
    strcat(out, code);
    strcat(out, ";");
    return 0;
}

/* The codes whose articles a stemmer stems: what an index looks for to
 * know whether it still holds a language. */
static void codes_of_stemmer(void **state)
{
    (void)state;
    char got[256];
    const struct { const char *stemmer, *want; } rows[] = {
        { "serbian", "sr;hr;bs;" },
        { "russian", "ru;" },
        { "english", "en;" },
        { "porter", "en;" },
        { "german2", "de;" },
        { "klingon", "" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        got[0] = '\0';
        assert_int_equal(pc_language_each_code(rows[i].stemmer, gather, got), 0);
        assert_string_equal(got, rows[i].want);
    }
    /* "none" stems the languages with no stemmer, and articles that name none */
    got[0] = '\0';
    pc_language_each_code("none", gather, got);
    assert_non_null(strstr(got, "sq;"));
    assert_non_null(strstr(got, "th;"));
    assert_true(strlen(got) >= 2 && strcmp(got + strlen(got) - 2, ";;") == 0);
}

static int first(void *ctx, const char *code)
{
    ++*(int *)ctx;
    return code[0] ? 7 : 0;
}

static void codes_stop_when_told(void **state)
{
    (void)state;
    int calls = 0;
    assert_int_equal(pc_language_each_code("serbian", first, &calls), 7);
    assert_int_equal(calls, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tags),
        cmocka_unit_test(unknown_tags),
        cmocka_unit_test(stemmers_exist),
        cmocka_unit_test(of_stemmer),
        cmocka_unit_test(codes_of_stemmer),
        cmocka_unit_test(codes_stop_when_told),
    };
    return cmocka_run_group_tests_name("language", tests, NULL, NULL);
}
