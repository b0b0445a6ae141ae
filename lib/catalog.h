/* catalog: what the index holds, file by file, kept in the index itself.
 *
 * The catalog lives in the database's metadata, so the commit that writes
 * an article's passages writes its catalog entry too: a run killed at any
 * moment leaves documents and catalog agreeing, and the next run picks up
 * exactly what is left.  Two kinds of entry:
 *   file   path -> size, mtime, content hash, articles indexed from it
 *   item   (feed path, article id) -> content hash, for JSON Lines feeds
 * Keys too long for Xapian end in a hash, like long terms; the full path
 * is kept in the value so that prefix scans can check it.
 *
 * A file skipped whole for what it holds (or for its size) is cataloged
 * too, with no articles and the reason, so that a later run passes over
 * it quietly while it is unchanged instead of reporting it every time.
 */
#ifndef PRESSCUT_CATALOG_H
#define PRESSCUT_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "presscut.h"
#include "xapian_c.h"

typedef enum pc_skip {
    PC_SKIP_NONE,            /* indexed */
    PC_SKIP_CONTENT,         /* read, and rejected for what it holds (empty, binary...) */
    PC_SKIP_SIZE             /* over the size limit: hashed, not read */
} pc_skip_t;

/* The longest reason kept; a longer one is cut. */
#define PC_SKIP_REASON_MAX 160

typedef struct pc_file_entry {
    uint64_t size;
    int64_t mtime_ns;
    uint64_t hash;           /* XXH3 of the file's bytes */
    uint32_t articles;       /* articles indexed from the file */
    pc_skip_t skip;
    char reason[PC_SKIP_REASON_MAX];   /* why it was skipped; "" when indexed */
} pc_file_entry_t;

/* XXH3 of bytes; the one content hash of the catalog. */
uint64_t pc_catalog_hash(const void *bytes, size_t len);

/* The hash of a file's bytes, read in pieces (feeds can be large).  OK,
 * IO (errno in *err), or NOMEM. */
presscut_status_t pc_catalog_hash_file(const char *path, uint64_t *hash, int *err);

/* *found says whether path has an entry; *e is filled when it has. */
presscut_status_t pc_catalog_get_file(xc_wdb_t *db, const char *path, pc_file_entry_t *e,
                                      bool *found);
presscut_status_t pc_catalog_put_file(xc_wdb_t *db, const char *path,
                                      const pc_file_entry_t *e);

/* *empty says whether no file is cataloged (not even a skipped one). */
presscut_status_t pc_catalog_empty(xc_wdb_t *db, bool *empty);

/* Removes path's entry and the item entries of its feed lines. */
presscut_status_t pc_catalog_delete_file(xc_wdb_t *db, const char *path);

/* Calls fn with every cataloged path that is root or lies below root (in
 * sorted order).  The paths are collected before fn is called, so fn may
 * change the catalog.  fn returns OK to go on. */
presscut_status_t pc_catalog_each_file(xc_wdb_t *db, const char *root,
                                       presscut_status_t (*fn)(void *ctx, const char *path),
                                       void *ctx);

/* Calls fn with every file entry of a database opened read-only (of one
 * shard: each keeps the entries of its own files), in key order.  fn
 * returns OK to go on. */
presscut_status_t pc_catalog_read_files(xc_rdb_t *db,
                                        presscut_status_t (*fn)(void *ctx, const char *path,
                                                                const pc_file_entry_t *e),
                                        void *ctx);

presscut_status_t pc_catalog_get_item(xc_wdb_t *db, const char *feed, const char *id,
                                      uint64_t *hash, bool *found);
presscut_status_t pc_catalog_put_item(xc_wdb_t *db, const char *feed, const char *id,
                                      uint64_t hash);

#endif
