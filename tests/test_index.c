/* index: what presscut_index_open() agrees to write into, and failures
 * to write that must say why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "presscut.h"
#include "scratch.h"
#include "xapian_c.h"

static presscut_status_t open_index(const char *path, int dry_run, int full, char **msg)
{
    presscut_index_options_t opts = { .warn = pc_test_quiet, .dry_run = dry_run, .full = full };
    presscut_index_t *ix = NULL;
    presscut_status_t st = presscut_index_open(path, &opts, &ix, msg);
    if (st == PRESSCUT_OK)
        presscut_index_close(ix);
    return st;
}

/* --db pointed at a folder of other files: refused, and nothing written. */
static void a_folder_of_other_files_is_refused(void **state)
{
    scratch_t *f = *state;
    assert_int_equal(mkdir(f->db, 0777), 0);
    put_file(f->db, "thesis.txt", "years of work");
    for (int dry = 0; dry < 2; dry++) {
        char *msg = NULL;
        assert_int_equal(open_index(f->db, dry, 0, &msg), PRESSCUT_BAD_ARG);
        assert_non_null(msg);
        assert_non_null(strstr(msg, f->db));
        assert_non_null(strstr(msg, "not a presscut index"));
        free(msg);
        assert_false(exists(f->db, "iamglass"));
        assert_true(exists(f->db, "thesis.txt"));
    }
    char file[160], *msg = NULL;
    snprintf(file, sizeof file, "%s/thesis.txt", f->db);
    assert_int_equal(open_index(file, 0, 0, &msg), PRESSCUT_BAD_ARG);
    assert_non_null(strstr(msg, "is not a directory"));
    free(msg);
}

/* A Xapian database with documents but no presscut marks is another
 * program's: neither marked nor, with --full, overwritten. */
static void a_database_of_another_program_is_refused(void **state)
{
    scratch_t *f = *state;
    xc_wdb_t *db = NULL;
    assert_int_equal(xc_wdb_open(f->db, XC_CREATE_OR_OPEN, &db, NULL), PRESSCUT_OK);
    xc_doc_t *doc = xc_doc_new();
    assert_non_null(doc);
    assert_int_equal(xc_doc_add_posting(doc, "theirs", 6, 1, 1), PRESSCUT_OK);
    assert_int_equal(xc_wdb_add(db, doc, NULL), PRESSCUT_OK);
    xc_doc_destroy(doc);
    assert_int_equal(xc_wdb_close(db), PRESSCUT_OK);

    for (int full = 0; full < 2; full++) {
        char *msg = NULL;
        assert_int_equal(open_index(f->db, 0, full, &msg), PRESSCUT_BAD_ARG);
        assert_non_null(msg);
        assert_non_null(strstr(msg, "presscut-index did not write"));
        free(msg);
    }
    unsigned docs = 0;
    assert_int_equal(xc_wdb_open(f->db, XC_OPEN, &db, NULL), PRESSCUT_OK);
    assert_int_equal(xc_wdb_doccount(db, &docs), PRESSCUT_OK);
    assert_int_equal(docs, 1);
    char *mark = NULL;
    size_t len = 1;
    assert_int_equal(xc_wdb_get_metadata(db, "presscut:schema", &mark, &len), PRESSCUT_OK);
    assert_int_equal(len, 0);
    free(mark);
    assert_int_equal(xc_wdb_close(db), PRESSCUT_OK);
}

/* An empty database (a killed first run leaves one) is a new index. */
static void an_empty_database_is_a_new_index(void **state)
{
    scratch_t *f = *state;
    xc_wdb_t *db = NULL;
    assert_int_equal(xc_wdb_open(f->db, XC_CREATE_OR_OPEN, &db, NULL), PRESSCUT_OK);
    assert_int_equal(xc_wdb_close(db), PRESSCUT_OK);
    assert_int_equal(open_index(f->db, 0, 0, NULL), PRESSCUT_OK);
}

/* Articles of many distinct words, so that the index outgrows a small
 * file size limit. */
static void gen_articles(const char *dir, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        char name[32], text[2048];
        int len = snprintf(text, sizeof text, "Title: Story %u\n\n", i);
        for (unsigned w = 0; w < 100 && len < (int)sizeof text - 32; w++)
            len += snprintf(text + len, sizeof text - (size_t)len, "w%ux%u ", i, w * 7919 % 1000);
        snprintf(name, sizeof name, "s%u.txt", i);
        put_file(dir, name, text);
    }
}

/* A full disk, as RLIMIT_FSIZE makes one (EFBIG: "File too large"),
 * without mounting anything: every failure to write says why. */
static void a_failed_write_says_why(unsigned jobs, const scratch_t *f)
{
    struct rlimit old, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = 96 << 10;
    signal(SIGXFSZ, SIG_IGN);
    presscut_index_options_t opts = { .warn = pc_test_quiet, .jobs = jobs };
    presscut_index_t *ix = NULL;
    assert_int_equal(presscut_index_open(f->db, &opts, &ix, NULL), PRESSCUT_OK);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    presscut_status_t st = presscut_index_add_path(ix, f->src);
    if (st == PRESSCUT_OK)
        st = presscut_index_commit(ix);
    char *why = strdup(presscut_index_error(ix));
    presscut_index_close(ix);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, SIG_DFL);
    assert_int_not_equal(st, PRESSCUT_OK);
    assert_non_null(why);
    if (!strstr(why, strerror(EFBIG)))
        fail_msg("jobs %u: the message says no reason: '%s'", jobs, why);
    free(why);
}

static void a_failed_write_in_place_says_why(void **state)
{
    scratch_t *f = *state;
    gen_articles(f->src, 600);
    a_failed_write_says_why(1, f);
}

static void a_failed_threaded_build_says_why(void **state)
{
    scratch_t *f = *state;
    gen_articles(f->src, 600);
    a_failed_write_says_why(3, f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        scratch_test(a_folder_of_other_files_is_refused),
        scratch_test(a_database_of_another_program_is_refused),
        scratch_test(an_empty_database_is_a_new_index),
        scratch_test(a_failed_write_in_place_says_why),
        scratch_test(a_failed_threaded_build_says_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
