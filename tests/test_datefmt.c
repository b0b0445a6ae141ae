/* Article dates -> ISO, and query date bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "datefmt.h"

static void check_iso(const char *in, const char *want)
{
    char out[32];
    pc_date_iso(in, out, sizeof out);
    if (strcmp(out, want) != 0)
        fail_msg("pc_date_iso(\"%s\") = \"%s\", want \"%s\"", in, out, want);
}

static void iso_forms(void **state)
{
    (void)state;
    check_iso("2024-03-07", "2024-03-07");
    check_iso("2024-03-07T10:15:00Z", "2024-03-07");
    check_iso("  2024-03", "2024-03");
    check_iso("2024", "2024");
    check_iso("2024-02-29", "2024-02-29");
}

static void written_forms(void **state)
{
    (void)state;
    check_iso("7 March 2024", "2024-03-07");
    check_iso("March 7, 2024", "2024-03-07");
    check_iso("Thu, 07 Mar 2024 10:00:00 +0000", "2024-03-07");
    check_iso("7 Mar 2024", "2024-03-07");
}

static void not_dates(void **state)
{
    (void)state;
    check_iso("", "");
    check_iso("yesterday", "");
    check_iso("2023-02-29", "");   /* no such day: not a date at all */
    check_iso("2024-13-01", "");
    check_iso("20240307", "");
    char small[4] = "xyz";
    pc_date_iso("2024-03-07", small, sizeof small);
    assert_string_equal(small, "");
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
        cmocka_unit_test(iso_forms),
        cmocka_unit_test(written_forms),
        cmocka_unit_test(not_dates),
        cmocka_unit_test(bounds),
    };
    return cmocka_run_group_tests_name("datefmt", tests, NULL, NULL);
}
