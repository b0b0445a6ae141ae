/* Files in a test's scratch directory, for the unit tests that build
 * indexes and staging directories on disk. */
#ifndef PRESSCUT_TEST_SCRATCH_H
#define PRESSCUT_TEST_SCRATCH_H

#include <stdbool.h>

#include "presscut.h"

/* Writes text to dir/name; fails the test when it cannot. */
void put_file(const char *dir, const char *name, const char *text);

/* Whether dir/name exists. */
bool exists(const char *dir, const char *name);

/* A test's scratch directory (under $TMPDIR), the path of an index in it
 * (db, news.db, not yet made) and an empty folder of articles (src, news). */
typedef struct scratch {
    char dir[96], db[128], src[128];
} scratch_t;

/* Makes f's directory (under $TMPDIR) and its empty src; removes it and
 * all it holds.  Both fail the test when they cannot. */
void scratch_make(scratch_t *f);
void scratch_remove(const scratch_t *f);

/* cmocka setup and teardown making and removing a scratch_t; a test
 * that has them. */
int scratch_setup(void **state);
int scratch_teardown(void **state);
#define scratch_test(f) cmocka_unit_test_setup_teardown(f, scratch_setup, scratch_teardown)

/* Indexes f->src into f->db, as presscut-index would with --jobs 1,
 * saying nothing of the articles it skips; fails the test when it cannot. */
void scratch_index(const scratch_t *f);

/* Indexes src (another folder, a corpus) into f->db likewise. */
void scratch_index_path(const scratch_t *f, const char *src);

/* A reader of f->db, which the caller closes; fails the test when it
 * cannot open one. */
presscut_db_t *scratch_open(const scratch_t *f);

/* A warning callback that says nothing. */
void pc_test_quiet(void *ctx, const char *path, long line, const char *message);

#endif
