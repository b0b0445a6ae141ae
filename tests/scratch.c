#include "scratch.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

void put_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

bool exists(const char *dir, const char *name)
{
    char path[256];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &sb) == 0;
}

void scratch_make(scratch_t *f)
{
    const char *base = getenv("TMPDIR");
    if (!base || !base[0] || strlen(base) > 40)
        base = "/tmp";
    snprintf(f->dir, sizeof f->dir, "%s/pc-test-XXXXXX", base);
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->db, sizeof f->db, "%s/news.db", f->dir);
    snprintf(f->src, sizeof f->src, "%s/news", f->dir);
    assert_int_equal(mkdir(f->src, 0700), 0);
}

void scratch_remove(const scratch_t *f)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
}

int scratch_setup(void **state)
{
    scratch_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    scratch_make(f);
    *state = f;
    return 0;
}

int scratch_teardown(void **state)
{
    scratch_remove(*state);
    free(*state);
    return 0;
}

void scratch_index(const scratch_t *f)
{
    scratch_index_path(f, f->src);
}

void scratch_index_path(const scratch_t *f, const char *src)
{
    presscut_index_options_t opts = { .warn = pc_test_quiet, .jobs = 1 };
    presscut_index_t *ix = NULL;
    assert_int_equal(presscut_index_open(f->db, &opts, &ix, NULL), PRESSCUT_OK);
    assert_int_equal(presscut_index_add_path(ix, src), PRESSCUT_OK);
    assert_int_equal(presscut_index_close(ix), PRESSCUT_OK);
}

presscut_db_t *scratch_open(const scratch_t *f)
{
    presscut_db_t *db = NULL;
    char *msg = NULL;
    if (presscut_db_open(f->db, &db, &msg) != PRESSCUT_OK)
        fail_msg("cannot open %s: %s", f->db, msg ? msg : "?");
    return db;
}

void pc_test_quiet(void *ctx, const char *path, long line, const char *message)
{
    (void)ctx, (void)path, (void)line, (void)message;
}
