/* index: what the parallel build (lib/build.h) asks of a part's writer,
 * a presscut_index_t opened with jobs = 1 on the part. */
#ifndef PRESSCUT_INDEX_H
#define PRESSCUT_INDEX_H

#include <stdint.h>

#include "article.h"
#include "catalog.h"
#include "presscut.h"

#define PC_SHARD_NAME "shard-%u"

/* Opens a new part at path (replacing any database there), whose commits
 * are not synced: the merged index is.  As presscut_index_open(). */
presscut_status_t pc_index_open_part(const char *path, const char *language,
                                     presscut_warn_fn warn_fn, void *warn_ctx,
                                     presscut_index_t **out, char **msg);

/* Writes article a of file (or feed) `file`, with its item entry when it
 * comes from a feed (unless the feed had it already, alike).  An article
 * without text is warned about and left out.  Returns OK or a database failure
 * (presscut_index_error() says which). */
presscut_status_t pc_index_write_article(presscut_index_t *ix, const pc_article_t *a,
                                         const char *file, uint64_t item_hash);

/* Writes a file's catalog entry. */
presscut_status_t pc_index_put_file(presscut_index_t *ix, const char *path,
                                    const pc_file_entry_t *e);

/* How many shards the index at path has: 0 when there is none yet, 1 for
 * one database, N for a directory whose stub lists shard-0 .. shard-N-1
 * (PC_SHARD_NAME, in path).  BAD_ARG, with *m, for a stub presscut did
 * not write. */
presscut_status_t pc_index_shards(const char *path, unsigned *n, char **m);

#endif
