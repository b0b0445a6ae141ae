/* build: a new index written by several threads, then merged.
 *
 * Xapian allows one writer per database, and that writer is where a new
 * index's time goes (callgrind: add_document and commits about 70% of the
 * instructions).  So when presscut-index finds its index empty, each of N
 * worker threads writes a database of its own (a part, in a staging
 * directory beside the index), the main thread reads and parses the
 * articles and hands each to the part its id hashes to (one id always
 * meets the same writer, in order, so a later copy replaces an earlier one
 * as in one database), and at the end the parts are merged into one
 * compacted database that takes the empty index's place in one rename.
 * A run killed before that leaves the index empty and the staging
 * directory stale; the next run removes it.
 */
#ifndef PRESSCUT_BUILD_H
#define PRESSCUT_BUILD_H

#include <stdint.h>

#include "article.h"
#include "catalog.h"
#include "presscut.h"

typedef struct pc_build pc_build_t;

/* Starts jobs (>= 2) workers building parts of the new index at
 * index_path, an empty database whose writer lock the caller holds until
 * pc_build_finish().  Warnings of the workers and of the caller (through
 * pc_build_warn()) reach warn one at a time.  Returns OK, IO (the staging
 * directory cannot be made: the caller writes in place instead), NOMEM,
 * or a part's open failure; on failure *msg as for presscut_index_open().
 * The caller destroys *out with pc_build_destroy(). */
presscut_status_t pc_build_new(const char *index_path, const char *language, unsigned jobs,
                               presscut_warn_fn warn, void *warn_ctx, pc_build_t **out,
                               char **msg);

/* Queues a copy of article a, of the file (or feed) named file, with its
 * item hash when it comes from a feed; waits while its worker has a full
 * queue.  Returns OK, NOMEM, or the first failure of that worker. */
presscut_status_t pc_build_article(pc_build_t *b, const pc_article_t *a, const char *file,
                                   uint64_t item_hash);

/* Queues a file's catalog entry.  Returns as pc_build_article(). */
presscut_status_t pc_build_file(pc_build_t *b, const char *path, const pc_file_entry_t *e);

/* The serialized warning: the warn given to pc_build_new(). */
void pc_build_warn(void *b, const char *path, long line, const char *message);

/* Adds what the workers counted so far (added, updated, unchanged,
 * passages, skipped) to *s. */
void pc_build_add_stats(pc_build_t *b, presscut_index_stats_t *s);

/* Waits for the workers, merges the parts and puts the result in the
 * index's place; the caller's writer is then on the empty database, moved
 * into the staging directory: it closes it and reopens the index.  Returns
 * OK or the first failure (message in pc_build_error()). */
presscut_status_t pc_build_finish(pc_build_t *b);

/* Message of the last failure; borrowed until the next call on b. */
const char *pc_build_error(const pc_build_t *b);

/* Stops the workers (dropping what is queued, when not finished) and
 * removes the staging directory.  pc_build_destroy(NULL) is harmless. */
void pc_build_destroy(pc_build_t *b);

#endif
