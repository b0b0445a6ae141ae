/* staging: a database made beside an index, then put in the index's place.
 *
 * Both a threaded build (lib/build.h) and a compaction write a whole new
 * database while the index's writer lock is held, in DIR/.NAME.presscut-build
 * for the index DIR/NAME: on the index's file system, so that one
 * renameat2(RENAME_EXCHANGE) swaps the two.  Readers see the old database or
 * the new one, never a mix; a run killed before the exchange leaves the
 * index as it was and the staging directory stale, and the next staging of
 * that index removes it.  A staging directory holds a mark (a file named
 * presscut-staging) from its making on: whatever else has its name is not
 * presscut's, and is never removed.
 */
#ifndef PRESSCUT_STAGING_H
#define PRESSCUT_STAGING_H

#include <stdbool.h>
#include <stdint.h>

#include "presscut.h"

typedef struct pc_staging {
    char *index;    /* the index directory, resolved */
    char *dir;      /* the staging directory beside it */
} pc_staging_t;

/* Resolves index (which must exist), removes a stale staging directory of
 * it and makes a new one.  Returns OK, IO (*msg says why: among others,
 * something that is not a staging directory has its name) or NOMEM; on OK
 * the caller ends s with pc_staging_end(). */
presscut_status_t pc_staging_begin(pc_staging_t *s, const char *index, char **msg);

/* Syncs the database fresh (a directory, usually inside s->dir) to disk
 * and exchanges it with the index, then syncs the index's parent.  The
 * old database ends up in the staging directory.  Where the file system cannot
 * exchange, two renames are done only if old_is_empty allows a moment
 * without an index.  Returns OK, IO or NOMEM, with *msg (caller frees)
 * saying why. */
presscut_status_t pc_staging_swap(pc_staging_t *s, const char *fresh, bool old_is_empty,
                                  char **msg);

/* Removes the staging directory with whatever it holds (the parts, the
 * database the index replaced) and frees s's strings. */
void pc_staging_end(pc_staging_t *s);

/* Bytes of the files of the database directory path (Xapian's glass
 * databases have no subdirectories); 0 when it cannot be read. */
uint64_t pc_db_bytes(const char *path);

#endif
