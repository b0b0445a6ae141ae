/* Files in a test's scratch directory, for the unit tests that build
 * indexes and staging directories on disk. */
#ifndef PRESSCUT_TEST_SCRATCH_H
#define PRESSCUT_TEST_SCRATCH_H

#include <stdbool.h>

/* Writes text to dir/name; fails the test when it cannot. */
void put_file(const char *dir, const char *name, const char *text);

/* Whether dir/name exists. */
bool exists(const char *dir, const char *name);

#endif
