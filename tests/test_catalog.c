/* The catalog: file and feed-item entries kept in the index's metadata. */
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

#include "catalog.h"

typedef struct fixture {
    char dir[64];
    xc_wdb_t *db;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/presscut-catalog-XXXXXX");
    if (!mkdtemp(f->dir) || xc_wdb_open(f->dir, XC_CREATE_OR_OVERWRITE, &f->db, NULL) != PRESSCUT_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    xc_wdb_close(f->db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    int rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

static void file_round_trip(void **state)
{
    fixture_t *f = *state;
    pc_file_entry_t in = { 12345, -5, 0xdeadbeefcafef00dULL, 7 }, out;
    bool found;
    assert_int_equal(pc_catalog_get_file(f->db, "/n/a.txt", &out, &found), PRESSCUT_OK);
    assert_false(found);
    assert_int_equal(pc_catalog_put_file(f->db, "/n/a.txt", &in), PRESSCUT_OK);
    assert_int_equal(pc_catalog_get_file(f->db, "/n/a.txt", &out, &found), PRESSCUT_OK);
    assert_true(found);
    assert_int_equal(out.size, 12345);
    assert_int_equal(out.mtime_ns, -5);
    assert_true(out.hash == in.hash);
    assert_int_equal(out.articles, 7);
}

static void long_paths_do_not_collide(void **state)
{
    fixture_t *f = *state;
    char a[700], b[700];
    memset(a, 'd', sizeof a - 1);
    a[0] = '/';
    a[sizeof a - 1] = '\0';
    memcpy(b, a, sizeof a);
    b[600] = 'e';
    pc_file_entry_t ea = { 1, 1, 1, 1 }, eb = { 2, 2, 2, 2 }, out;
    bool found;
    assert_int_equal(pc_catalog_put_file(f->db, a, &ea), PRESSCUT_OK);
    assert_int_equal(pc_catalog_put_file(f->db, b, &eb), PRESSCUT_OK);
    assert_int_equal(pc_catalog_get_file(f->db, a, &out, &found), PRESSCUT_OK);
    assert_true(found);
    assert_int_equal(out.size, 1);
    assert_int_equal(pc_catalog_get_file(f->db, b, &out, &found), PRESSCUT_OK);
    assert_int_equal(out.size, 2);
}

typedef struct seen {
    char paths[8][64];
    int n;
} seen_t;

static presscut_status_t remember(void *ctx, const char *path)
{
    seen_t *s = ctx;
    if (s->n < 8)
        snprintf(s->paths[s->n++], 64, "%s", path);
    return PRESSCUT_OK;
}

static void each_file_stays_below_its_root(void **state)
{
    fixture_t *f = *state;
    pc_file_entry_t e = { 1, 1, 1, 1 };
    const char *paths[] = { "/r/a/x.txt", "/r/a/sub/y.txt", "/r/ab/z.txt", "/r/a", "/q/a/x.txt" };
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(pc_catalog_put_file(f->db, paths[i], &e), PRESSCUT_OK);
    seen_t s = { 0 };
    assert_int_equal(pc_catalog_each_file(f->db, "/r/a", remember, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.paths[0], "/r/a");
    assert_string_equal(s.paths[1], "/r/a/sub/y.txt");
    assert_string_equal(s.paths[2], "/r/a/x.txt");
}

static void deleting_a_feed_deletes_its_items(void **state)
{
    fixture_t *f = *state;
    pc_file_entry_t e = { 1, 1, 1, 2 };
    uint64_t h;
    bool found;
    assert_int_equal(pc_catalog_put_file(f->db, "/f/feed.jsonl", &e), PRESSCUT_OK);
    assert_int_equal(pc_catalog_put_item(f->db, "/f/feed.jsonl", "id-1", 11), PRESSCUT_OK);
    assert_int_equal(pc_catalog_put_item(f->db, "/f/feed.jsonl", "id-2", 22), PRESSCUT_OK);
    assert_int_equal(pc_catalog_put_item(f->db, "/f/other.jsonl", "id-1", 33), PRESSCUT_OK);
    assert_int_equal(pc_catalog_get_item(f->db, "/f/feed.jsonl", "id-2", &h, &found), PRESSCUT_OK);
    assert_true(found);
    assert_int_equal(h, 22);
    assert_int_equal(pc_catalog_delete_file(f->db, "/f/feed.jsonl"), PRESSCUT_OK);
    assert_int_equal(pc_catalog_get_item(f->db, "/f/feed.jsonl", "id-1", &h, &found), PRESSCUT_OK);
    assert_false(found);
    assert_int_equal(pc_catalog_get_file(f->db, "/f/feed.jsonl", &e, &found), PRESSCUT_OK);
    assert_false(found);
    assert_int_equal(pc_catalog_get_item(f->db, "/f/other.jsonl", "id-1", &h, &found), PRESSCUT_OK);
    assert_true(found);
    assert_int_equal(h, 33);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(file_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(long_paths_do_not_collide, setup, teardown),
        cmocka_unit_test_setup_teardown(each_file_stays_below_its_root, setup, teardown),
        cmocka_unit_test_setup_teardown(deleting_a_feed_deletes_its_items, setup, teardown),
    };
    return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
