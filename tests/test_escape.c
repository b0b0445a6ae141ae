/* presscut_escape(): any bytes in, valid UTF-8 out, escaped as asked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "presscut.h"

static const struct {
    const char *in;
    unsigned flags;
    const char *out;
} cases[] = {
    { "plain caf\xc3\xa9", PRESSCUT_ESCAPE_CONTROLS, "plain caf\xc3\xa9" },
    /* C0 controls, DEL, C1 controls (U+009B is a one-character CSI). */
    { "a\x1b[2Jb", PRESSCUT_ESCAPE_CONTROLS, "a\\x1b[2Jb" },
    { "bell\a tab\t nl\n del\x7f", PRESSCUT_ESCAPE_CONTROLS,
      "bell\\x07 tab\\x09 nl\\x0a del\\x7f" },
    { "csi\xc2\x9b" "31m", PRESSCUT_ESCAPE_CONTROLS, "csi\\u009b31m" },
    { "nbsp\xc2\xa0", PRESSCUT_ESCAPE_CONTROLS, "nbsp\xc2\xa0" },
    /* Bytes that are not UTF-8: \xNN, or U+FFFD. */
    { "caf\xe9.txt", PRESSCUT_ESCAPE_CONTROLS, "caf\\xe9.txt" },
    { "caf\xe9.txt", PRESSCUT_ESCAPE_REPLACE, "caf\xef\xbf\xbd.txt" },
    { "cut \xe2\x80", PRESSCUT_ESCAPE_REPLACE, "cut \xef\xbf\xbd\xef\xbf\xbd" },
    { "surrogate \xed\xa0\x80", 0, "surrogate \\xed\\xa0\\x80" },
    /* Exact: a backslash doubled, so that \xNN can be told apart. */
    { "a\\xe9\xe9", PRESSCUT_ESCAPE_BACKSLASH, "a\\\\xe9\\xe9" },
    { "a\\b", PRESSCUT_ESCAPE_CONTROLS, "a\\b" },
    /* Without CONTROLS, controls pass (JSON escapes them itself). */
    { "a\x1b", PRESSCUT_ESCAPE_REPLACE, "a\x1b" },
    { "", PRESSCUT_ESCAPE_CONTROLS, "" },
};

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = presscut_escape(cases[i].in, strlen(cases[i].in), cases[i].flags);
        assert_non_null(got);
        if (strcmp(got, cases[i].out) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, got, cases[i].out);
        free(got);
    }
}

/* The worst case grows four times: every byte a \xNN. */
static void test_growth(void **state)
{
    (void)state;
    char in[256];
    for (size_t i = 0; i < sizeof in; i++)
        in[i] = (char)(i < 0x20 ? i : 0x80 + i % 0x40);
    char *got = presscut_escape(in, sizeof in, PRESSCUT_ESCAPE_CONTROLS);
    assert_non_null(got);
    assert_true(strlen(got) <= 4 * sizeof in);
    assert_null(strchr(got, '\x1b'));
    free(got);
    /* An embedded NUL is a control too. */
    got = presscut_escape("a\0b", 3, PRESSCUT_ESCAPE_CONTROLS);
    assert_string_equal(got, "a\\x00b");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_growth),
    };
    return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
