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
#include "scratch.h"

typedef struct fixture {
    scratch_t s;
    xc_wdb_t *db;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    scratch_make(&f->s);
    if (xc_wdb_open(f->s.db, XC_CREATE_OR_OVERWRITE, &f->db, NULL) != PRESSCUT_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    xc_wdb_close(f->db);
    scratch_remove(&f->s);
    free(f);
    return 0;
}

static void file_round_trip(void **state)
{
    fixture_t *f = *state;
    pc_file_entry_t in = { .size = 12345, .mtime_ns = -5, .hash = 0xdeadbeefcafef00dULL,
                           .articles = 7 }, out;
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

/* A skipped file's entry keeps its kind and reason; an indexed one's
 * written over it has neither; a path scan sees the path alone. */
static presscut_status_t count_path(void *ctx, const char *path)
{
    if (strcmp(path, "/n/bad.txt") == 0)
        ++*(int *)ctx;
    return PRESSCUT_OK;
}

static void skip_round_trip(void **state)
{
    fixture_t *f = *state;
    pc_file_entry_t in = { .size = 0, .mtime_ns = 9, .hash = 3, .skip = PC_SKIP_CONTENT,
                           .reason = "empty file" }, out;
    bool found;
    assert_int_equal(pc_catalog_put_file(f->db, "/n/bad.txt", &in), PRESSCUT_OK);
    assert_int_equal(pc_catalog_get_file(f->db, "/n/bad.txt", &out, &found), PRESSCUT_OK);
    assert_true(found);
    assert_int_equal(out.skip, PC_SKIP_CONTENT);
    assert_string_equal(out.reason, "empty file");
    int seen = 0;
    assert_int_equal(pc_catalog_each_file(f->db, "/n", count_path, &seen), PRESSCUT_OK);
    assert_int_equal(seen, 1);

    in.skip = PC_SKIP_SIZE;
    memset(in.reason, 'r', sizeof in.reason - 1);
    in.reason[sizeof in.reason - 1] = '\0';
    assert_int_equal(pc_catalog_put_file(f->db, "/n/bad.txt", &in), PRESSCUT_OK);
    assert_int_equal(pc_catalog_get_file(f->db, "/n/bad.txt", &out, &found), PRESSCUT_OK);
    assert_int_equal(out.skip, PC_SKIP_SIZE);
    assert_string_equal(out.reason, in.reason);

    pc_file_entry_t ok = { .size = 5, .mtime_ns = 9, .hash = 4, .articles = 1 };
    assert_int_equal(pc_catalog_put_file(f->db, "/n/bad.txt", &ok), PRESSCUT_OK);
    assert_int_equal(pc_catalog_get_file(f->db, "/n/bad.txt", &out, &found), PRESSCUT_OK);
    assert_int_equal(out.skip, PC_SKIP_NONE);
    assert_string_equal(out.reason, "");
    assert_int_equal(out.articles, 1);
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
    pc_file_entry_t ea = { .size = 1, .mtime_ns = 1, .hash = 1, .articles = 1 };
    pc_file_entry_t eb = { .size = 2, .mtime_ns = 2, .hash = 2, .articles = 2 }, out;
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
    pc_file_entry_t e = { .size = 1, .mtime_ns = 1, .hash = 1, .articles = 1 };
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
    pc_file_entry_t e = { .size = 1, .mtime_ns = 1, .hash = 1, .articles = 2 };
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
        cmocka_unit_test_setup_teardown(skip_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(long_paths_do_not_collide, setup, teardown),
        cmocka_unit_test_setup_teardown(each_file_stays_below_its_root, setup, teardown),
        cmocka_unit_test_setup_teardown(deleting_a_feed_deletes_its_items, setup, teardown),
    };
    return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
