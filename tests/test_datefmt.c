/* Article dates -> ISO, and query date bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "datefmt.h"

static const struct {
    const char *in, *want;
    pc_date_kind_t kind;
} cases[] = {
    /* ISO 8601, with or without time and zone */
    { "2024-03-07", "2024-03-07", PC_DATE_OK },
    { "  2024-03", "2024-03", PC_DATE_OK },
    { "2024", "2024", PC_DATE_OK },
    { "2024-02-29", "2024-02-29", PC_DATE_OK },
    { "2024-03-07T10:15:00Z", "2024-03-07T10:15:00Z", PC_DATE_OK },
    { "1987-02-26T15:01:01", "1987-02-26T15:01:01", PC_DATE_OK },
    { "2024-03-07T10:15:00.250+01:00", "2024-03-07T10:15:00+01:00", PC_DATE_OK },
    { "2024-03-07 10:15", "2024-03-07T10:15:00", PC_DATE_OK },
    { "2024-03-07T10:15:00-0530", "2024-03-07T10:15:00-05:30", PC_DATE_OK },
    { "2024-03-07 edition", "2024-03-07", PC_DATE_OK },
    /* RFC 2822 */
    { "Thu, 07 Mar 2024 10:00:00 +0000", "2024-03-07T10:00:00Z", PC_DATE_OK },
    { "Thu, 7 Mar 2024 10:00 +0100", "2024-03-07T10:00:00+01:00", PC_DATE_OK },
    { "Thu, 07 Mar 2024 10:00:00 GMT", "2024-03-07T10:00:00Z", PC_DATE_OK },
    { "Thu, 07 Mar 2024 23:30:00 EST", "2024-03-07T23:30:00-05:00", PC_DATE_OK },
    { "Thu, 07 Mar 2024 10:00:00 -0000", "2024-03-07T10:00:00", PC_DATE_OK },
    { "07 Mar 2024 10:00:00 +0000 (UTC)", "2024-03-07T10:00:00Z", PC_DATE_OK },
    /* written out */
    { "7 March 2024", "2024-03-07", PC_DATE_OK },
    { "Thursday, 7 March 2024", "2024-03-07", PC_DATE_OK },
    { "7 Mar 2024", "2024-03-07", PC_DATE_OK },
    { "7 march 2024", "2024-03-07", PC_DATE_OK },
    { "March 7, 2024", "2024-03-07", PC_DATE_OK },
    { "March 7 2024", "2024-03-07", PC_DATE_OK },
    { "Sept. 30, 2024", "2024-09-30", PC_DATE_OK },
    { "Mar 7, 2024 10:00 UTC", "2024-03-07T10:00:00Z", PC_DATE_OK },
    /* Reuters */
    { "26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01", PC_DATE_OK },
    { " 3-MAR-1987 09:18:21.26", "1987-03-03T09:18:21", PC_DATE_OK },
    /* numeric: dotted day first; slashed whichever way is a date */
    { "7.3.2024", "2024-03-07", PC_DATE_OK },
    { "25/12/2024", "2024-12-25", PC_DATE_OK },
    { "12/25/2024", "2024-12-25", PC_DATE_OK },
    { "03/03/2024", "2024-03-03", PC_DATE_OK },
    { "07/03/2024", "", PC_DATE_AMBIGUOUS },
    /* not dates */
    { "", "", PC_DATE_NONE },
    { "yesterday", "", PC_DATE_NONE },
    { "2023-02-29", "", PC_DATE_NONE },   /* no such day: not a date at all */
    { "2024-13-01", "", PC_DATE_NONE },
    { "20240307", "", PC_DATE_NONE },
    { "31 June 2024", "", PC_DATE_NONE },
    { "0 March 2024", "", PC_DATE_NONE },
    { "Smarch 7, 2024", "", PC_DATE_NONE },
    { "13/13/2024", "", PC_DATE_NONE },
    { "7 March 24", "", PC_DATE_NONE },
    { "2024-03-07T25:00", "", PC_DATE_NONE },
};

static void table(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[PC_DATE_ISO_MAX];
        pc_date_kind_t kind = pc_date_iso(cases[i].in, out, sizeof out);
        if (strcmp(out, cases[i].want) != 0 || kind != cases[i].kind) {
            print_error("pc_date_iso(\"%s\") = \"%s\" (%d), want \"%s\" (%d)\n", cases[i].in,
                        out, (int)kind, cases[i].want, (int)cases[i].kind);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void small_buffer(void **state)
{
    (void)state;
    char small[PC_DATE_ISO_MAX - 1] = "xyz";
    assert_int_equal(pc_date_iso("2024-03-07", small, sizeof small), PC_DATE_NONE);
    assert_string_equal(small, "");
    char out[PC_DATE_ISO_MAX];
    assert_int_equal(pc_date_iso(NULL, out, sizeof out), PC_DATE_NONE);
}

static void bounds(void **state)
{
    (void)state;
    char out[11];
    assert_true(pc_date_bound("2024", 4, false, out));
    assert_string_equal(out, "2024-01-01");
    assert_true(pc_date_bound("2024", 4, true, out));
    assert_string_equal(out, "2024-12-31");
    assert_true(pc_date_bound("2024-02", 7, true, out));
    assert_string_equal(out, "2024-02-29");
    assert_true(pc_date_bound("2023-02", 7, true, out));
    assert_string_equal(out, "2023-02-28");
    assert_true(pc_date_bound("2024-03-07", 10, true, out));
    assert_string_equal(out, "2024-03-07");
    assert_false(pc_date_bound("2024-3", 6, false, out));
    assert_false(pc_date_bound("24", 2, false, out));
    assert_false(pc_date_bound("2024-03-07x", 11, false, out));
    assert_false(pc_date_bound("2024-02-30", 10, false, out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(small_buffer),
        cmocka_unit_test(bounds),
    };
    return cmocka_run_group_tests_name("datefmt", tests, NULL, NULL);
}
