/* staging: a database made beside an index, swapped in, cleared; and
 * presscut_index_compact(), which is built on it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "presscut.h"
#include "scratch.h"
#include "staging.h"

static void swap_exchanges_and_end_clears(void **state)
{
    scratch_t *f = *state;
    assert_int_equal(mkdir(f->db, 0777), 0);
    put_file(f->db, "old", "the old database");
    /* What a killed run left. */
    char stale[128];
    snprintf(stale, sizeof stale, "%s/.news.db.presscut-build", f->dir);
    assert_int_equal(mkdir(stale, 0777), 0);
    put_file(stale, "presscut-staging", "");
    put_file(stale, "junk", "left behind");

    pc_staging_t sg;
    char *msg = NULL;
    assert_int_equal(pc_staging_begin(&sg, f->db, &msg), PRESSCUT_OK);
    assert_string_equal(sg.dir, stale);
    assert_false(exists(sg.dir, "junk"));

    char fresh[160];
    snprintf(fresh, sizeof fresh, "%s/fresh", sg.dir);
    assert_int_equal(mkdir(fresh, 0777), 0);
    put_file(fresh, "new", "0123456789");
    assert_int_equal(pc_staging_swap(&sg, fresh, false, &msg), PRESSCUT_OK);
    assert_true(exists(f->db, "new"));
    assert_false(exists(f->db, "old"));
    assert_true(exists(fresh, "old"));   /* the old database, in the staging directory */
    assert_int_equal(pc_db_bytes(f->db), 10);

    pc_staging_end(&sg);
    assert_null(sg.dir);
    assert_false(exists(f->dir, ".news.db.presscut-build"));
    assert_true(exists(f->db, "new"));
}

/* Only a staging directory presscut marked is cleared: a folder of the
 * user's by that name stays whole, and the staging is refused. */
static void begin_leaves_what_is_not_ours(void **state)
{
    scratch_t *f = *state;
    assert_int_equal(mkdir(f->db, 0777), 0);
    char other[128];
    snprintf(other, sizeof other, "%s/.news.db.presscut-build", f->dir);
    assert_int_equal(mkdir(other, 0777), 0);
    put_file(other, "thesis.txt", "years of work");

    pc_staging_t sg;
    char *msg = NULL;
    assert_int_equal(pc_staging_begin(&sg, f->db, &msg), PRESSCUT_IO);
    assert_non_null(msg);
    assert_non_null(strstr(msg, ".news.db.presscut-build"));
    assert_non_null(strstr(msg, "not presscut's"));
    free(msg);
    assert_null(sg.dir);
    assert_true(exists(other, "thesis.txt"));

    /* A file by that name too. */
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -r '%s' && echo notes >'%s'", other, other);
    assert_int_equal(system(cmd), 0);
    msg = NULL;
    assert_int_equal(pc_staging_begin(&sg, f->db, &msg), PRESSCUT_IO);
    free(msg);
    assert_true(exists(f->dir, ".news.db.presscut-build"));

    /* The empty directory of a run killed before it marked it is reused. */
    assert_int_equal(unlink(other), 0);
    assert_int_equal(mkdir(other, 0777), 0);
    msg = NULL;
    assert_int_equal(pc_staging_begin(&sg, f->db, &msg), PRESSCUT_OK);
    assert_true(exists(sg.dir, "presscut-staging"));
    pc_staging_end(&sg);
    assert_false(exists(f->dir, ".news.db.presscut-build"));
}

static void begin_needs_the_index(void **state)
{
    scratch_t *f = *state;
    pc_staging_t sg;
    char *msg = NULL;
    assert_int_equal(pc_staging_begin(&sg, f->db, &msg), PRESSCUT_IO);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "news.db"));
    free(msg);
    assert_null(sg.dir);
    assert_false(exists(f->dir, ".news.db.presscut-build"));
}

static void compact_keeps_the_catalog_and_closes_the_writer(void **state)
{
    scratch_t *f = *state;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 20; i++) {
            char name[32], text[128];
            snprintf(name, sizeof name, "a%d.txt", i);
            snprintf(text, sizeof text, "Story %d\n\nHarbour cranes, round %d.\n", i, round);
            put_file(f->src, name, text);
        }
        scratch_index(f);
    }

    presscut_index_options_t opts = { .jobs = 1, .warn = pc_test_quiet };
    presscut_index_t *ix = NULL;
    assert_int_equal(presscut_index_open(f->db, &opts, &ix, NULL), PRESSCUT_OK);
    assert_int_equal(presscut_index_compact(ix), PRESSCUT_OK);
    presscut_index_stats_t s;
    presscut_index_get_stats(ix, &s);
    assert_true(s.compact_after > 0);
    assert_true(s.compact_after < s.compact_before);
    assert_int_equal(pc_db_bytes(f->db), s.compact_after);
    assert_int_equal(presscut_index_add_path(ix, f->src), PRESSCUT_BAD_ARG);
    assert_int_equal(presscut_index_compact(ix), PRESSCUT_BAD_ARG);
    assert_int_equal(presscut_index_close(ix), PRESSCUT_OK);
    assert_false(exists(f->dir, ".news.db.presscut-build"));

    /* The catalog came along: nothing to do for the same files. */
    assert_int_equal(presscut_index_open(f->db, &opts, &ix, NULL), PRESSCUT_OK);
    assert_int_equal(presscut_index_add_path(ix, f->src), PRESSCUT_OK);
    presscut_index_get_stats(ix, &s);
    assert_int_equal(s.unchanged, 20);
    assert_int_equal(s.added + s.updated + s.removed, 0);
    assert_int_equal(presscut_index_close(ix), PRESSCUT_OK);

    presscut_db_t *db = scratch_open(f);
    presscut_results_t *res = NULL;
    presscut_search_options_t so = { .limit = 50 };
    assert_int_equal(presscut_db_search(db, "harbour cranes", &so, &res), PRESSCUT_OK);
    assert_int_equal(presscut_results_count(res), 20);
    presscut_results_destroy(res);
    presscut_db_close(db);
}

static void a_dry_run_compacts_nothing(void **state)
{
    scratch_t *f = *state;
    presscut_index_options_t opts = { .dry_run = 1 };
    presscut_index_t *ix = NULL;
    assert_int_equal(presscut_index_open(f->db, &opts, &ix, NULL), PRESSCUT_OK);
    assert_int_equal(presscut_index_compact(ix), PRESSCUT_BAD_ARG);
    assert_non_null(strstr(presscut_index_error(ix), "dry run"));
    assert_int_equal(presscut_index_close(ix), PRESSCUT_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        scratch_test(swap_exchanges_and_end_clears),
        scratch_test(begin_leaves_what_is_not_ours),
        scratch_test(begin_needs_the_index),
        scratch_test(compact_keeps_the_catalog_and_closes_the_writer),
        scratch_test(a_dry_run_compacts_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
