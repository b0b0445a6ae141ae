/* xapian_c: a C ABI over the part of Xapian presscut uses.
 *
 * lib/xapian_c.cc is the only C++ file of the tree.  Every function here is
 * noexcept: each catches every exception and maps it to a presscut_status_t
 * (lock -> LOCKED, DatabaseModifiedError -> RETRY, corruption -> CORRUPT,
 * database not found -> NO_INDEX, another failure to open (a file that is
 * no stub) -> NOT_INDEX, version mismatch -> VERSION, network -> NETWORK,
 * query errors -> BAD_QUERY, a wildcard past its expansion limit ->
 * WILDCARD, invalid arguments -> BAD_ARG, bad_alloc -> NOMEM, anything
 * else -> INTERNAL).  The message is Xapian's, without its class name; it
 * is copied into the handle the call was made on, and stays readable with
 * xc_*_error() until the next call on that handle.
 *
 * Handles are not thread-safe; use one per thread.
 */
#ifndef PRESSCUT_XAPIAN_C_H
#define PRESSCUT_XAPIAN_C_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "presscut.h"

/* Marks the declarations noexcept for the C++ side, so that the compiler
 * holds lib/xapian_c.cc to the promise above; empty in C. */
#ifdef __cplusplus
#define XC_NOEXCEPT noexcept
#else
#define XC_NOEXCEPT
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xc_wdb xc_wdb_t;          /* writable database */
typedef struct xc_rdb xc_rdb_t;          /* read-only database (may be a stub of several) */
typedef struct xc_doc xc_doc_t;          /* a document being built */
typedef struct xc_query xc_query_t;      /* an immutable query tree */
typedef struct xc_enquire xc_enquire_t;  /* a search over an xc_rdb_t */
typedef struct xc_mset xc_mset_t;        /* one page of results */
typedef struct xc_stem xc_stem_t;        /* a Snowball stemmer */

/* ---- writable database ---- */

typedef enum xc_open_mode {
    XC_CREATE_OR_OPEN,
    XC_CREATE_OR_OVERWRITE,
    XC_OPEN,                             /* must exist: NO_INDEX otherwise */
    XC_CREATE_SCRATCH,                   /* new, commits not synced to disk: for a
                                            database whose result is synced elsewhere */
    XC_IN_MEMORY                         /* new and empty, in memory (path unused):
                                            what a dry run of a new index counts against */
} xc_open_mode_t;

/* Opens `path` (a glass database directory) for writing.  LOCKED when
 * another writer has it.  On failure, *msg (if not NULL) gets a message the
 * caller frees with free().  The caller destroys *out with xc_wdb_close(). */
presscut_status_t xc_wdb_open(const char *path, xc_open_mode_t mode,
                              xc_wdb_t **out, char **msg) XC_NOEXCEPT;

/* Commits pending changes (outside a transaction; inside one they are
 * discarded), releases the lock and frees db.  Returns the status of that
 * final commit.  xc_wdb_close(NULL) is harmless. */
presscut_status_t xc_wdb_close(xc_wdb_t *db) XC_NOEXCEPT;

const char *xc_wdb_error(const xc_wdb_t *db) XC_NOEXCEPT;

/* Adds doc (which stays owned by the caller); *docid (if not NULL) gets
 * its id. */
presscut_status_t xc_wdb_add(xc_wdb_t *db, const xc_doc_t *doc, unsigned *docid) XC_NOEXCEPT;

/* Deletes every document indexed by term.  Deleting nothing is OK. */
presscut_status_t xc_wdb_delete_term(xc_wdb_t *db, const char *term) XC_NOEXCEPT;

presscut_status_t xc_wdb_commit(xc_wdb_t *db) XC_NOEXCEPT;

/* Transactions: begin (flushed = commit at end), commit, cancel. */
presscut_status_t xc_wdb_begin(xc_wdb_t *db) XC_NOEXCEPT;
presscut_status_t xc_wdb_end(xc_wdb_t *db) XC_NOEXCEPT;
presscut_status_t xc_wdb_cancel(xc_wdb_t *db) XC_NOEXCEPT;

/* Metadata: an empty value deletes the key. */
presscut_status_t xc_wdb_set_metadata(xc_wdb_t *db, const char *key,
                                      const char *value, size_t len) XC_NOEXCEPT;

/* *value gets a NUL-terminated copy (also for binary values; *len is the
 * real length) that the caller frees with free(); an absent key gives an
 * empty string, not an error. */
presscut_status_t xc_wdb_get_metadata(xc_wdb_t *db, const char *key,
                                      char **value, size_t *len) XC_NOEXCEPT;

/* Calls fn with each metadata key starting with prefix, in sorted order;
 * fn returns non-zero to stop.  key is borrowed until fn returns; fn must
 * not change the database. */
presscut_status_t xc_wdb_metadata_keys(xc_wdb_t *db, const char *prefix,
                                       int (*fn)(void *ctx, const char *key, size_t len),
                                       void *ctx) XC_NOEXCEPT;

/* Calls fn with a copy of each document indexed by term (its terms,
 * positions, values and data), which fn may change and add to any
 * writable database; the copy is borrowed until fn returns.  fn returns OK
 * to go on; its first other status stops the walk and is returned. */
presscut_status_t xc_wdb_each_doc(xc_wdb_t *db, const char *term,
                                  presscut_status_t (*fn)(void *ctx, xc_doc_t *doc),
                                  void *ctx) XC_NOEXCEPT;

/* Number of documents carrying term (0 if none). */
presscut_status_t xc_wdb_termfreq(xc_wdb_t *db, const char *term, unsigned *freq) XC_NOEXCEPT;

presscut_status_t xc_wdb_doccount(xc_wdb_t *db, unsigned *count) XC_NOEXCEPT;

/* Merges the databases at sources[0..n) into a new one at dest,
 * compacted: documents renumbered in source order,
 * metadata keys that several sources hold take the first one's value.
 * On failure *msg as for xc_wdb_open(). */
presscut_status_t xc_compact(const char *const *sources, size_t n, const char *dest,
                             char **msg) XC_NOEXCEPT;

/* ---- read-only database ---- */

/* Opens a database directory or a stub file (local and "remote" lines
 * alike).  NO_INDEX when there is none (also for a directory Xapian finds
 * no database in), NOT_INDEX for a file that is no stub, NETWORK when a
 * remote shard cannot be reached.  The caller destroys *out with xc_rdb_close(). */
presscut_status_t xc_rdb_open(const char *path, xc_rdb_t **out, char **msg) XC_NOEXCEPT;

/* Opens one database served by xapian-tcpsrv on host:port (Xapian's
 * Remote::open).  timeout_ms bounds each network operation and the
 * connection; 0 = Xapian's default of 10 s.  NETWORK when it cannot be
 * reached.  The caller destroys *out with xc_rdb_close(). */
presscut_status_t xc_rdb_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                     xc_rdb_t **out, char **msg) XC_NOEXCEPT;

/* A database of no documents, to which xc_rdb_add() adds shards.  NULL
 * only on OOM.  The caller destroys it with xc_rdb_close(). */
xc_rdb_t *xc_rdb_new_empty(void) XC_NOEXCEPT;

/* A database of no documents that can be searched (xc_rdb_new_empty()'s
 * cannot: Xapian refuses to search a database of no shards).  NULL only
 * on OOM.  The caller destroys it with xc_rdb_close(). */
xc_rdb_t *xc_rdb_new_blank(void) XC_NOEXCEPT;

/* Adds shard's databases to db (Xapian's add_database): searches of db
 * then cover them too, with statistics combined over all of them.  shard
 * is consumed in every case (freed, not closed: db goes on using it).
 * Metadata of a combined database comes from its first shard only. */
presscut_status_t xc_rdb_add(xc_rdb_t *db, xc_rdb_t *shard) XC_NOEXCEPT;

/* A reader racing a writer may need to reopen more than once: each commit
 * of a writer (every 512 KiB of articles during presscut-index --full)
 * may discard the revision a reader is reading.  5 was too few once a
 * search also looked up copies and its articles' term counts: under
 * make test-san, 1 of 300 queries of tests/e2e_readers.sh during
 * --full re-indexing failed after 5 reopens.  A reopen costs little
 * beside the search it saves. */
#define XC_MAX_REOPEN 20

/* Whether a reader's call that failed with st may succeed on the database
 * reopened (xc_rdb_reopen(), or opened anew): a writer's commit discarded
 * the revision being read (RETRY), or a directory swapped in under the
 * reader (a compaction, a first build) made the version file it read and
 * the tables it then opened disagree, which Xapian reports as damage
 * (CORRUPT) or, for a block past a table's end, as a plain DatabaseError
 * ("EOF reading block": INTERNAL).  A database damaged for good fails
 * again, so callers reopen a bounded number of times. */
static inline bool xc_reopen_may_help(presscut_status_t st)
{
    return st == PRESSCUT_RETRY || st == PRESSCUT_CORRUPT || st == PRESSCUT_INTERNAL;
}

/* Re-reads the latest committed revision (after RETRY). */
presscut_status_t xc_rdb_reopen(xc_rdb_t *db) XC_NOEXCEPT;

void xc_rdb_close(xc_rdb_t *db) XC_NOEXCEPT;

const char *xc_rdb_error(const xc_rdb_t *db) XC_NOEXCEPT;

presscut_status_t xc_rdb_get_metadata(xc_rdb_t *db, const char *key,
                                      char **value, size_t *len) XC_NOEXCEPT;

presscut_status_t xc_rdb_doccount(xc_rdb_t *db, unsigned *count) XC_NOEXCEPT;

presscut_status_t xc_rdb_termfreq(xc_rdb_t *db, const char *term, unsigned *freq) XC_NOEXCEPT;

/* The document's value in slot; *value is a NUL-terminated copy the caller
 * frees with free(), *len its real length. */
presscut_status_t xc_rdb_get_value(xc_rdb_t *db, unsigned docid, unsigned slot,
                                   char **value, size_t *len) XC_NOEXCEPT;

/* Calls fn with the id of each document indexed by term, ascending; fn
 * returns non-zero to stop.  Reads the posting list alone: no search, no
 * statistics (a look-up of a few rare terms costs a tenth of an
 * Enquire's). */
presscut_status_t xc_rdb_postings(xc_rdb_t *db, const char *term, size_t len,
                                  int (*fn)(void *ctx, unsigned docid), void *ctx) XC_NOEXCEPT;

/* Weighs groups of documents (an article's passages, each group the
 * documents holding its term: an article's A term) against terms: for
 * group g and term t, sum[g * n_terms + t] gets t's wdf summed over g's
 * documents and most[g * n_terms + t] its largest wdf in any one of them
 * (a term every passage repeats, as its title's), length[g] their lengths
 * summed.  Every posting list is read once, in docid order, skipping
 * ahead: no search, no statistics. */
presscut_status_t xc_rdb_group_wdf(xc_rdb_t *db, const char *const *groups, size_t n_groups,
                                   const char *const *terms, size_t n_terms, double *sum,
                                   double *most, double *length) XC_NOEXCEPT;

/* Calls fn for each term starting with prefix, in sorted order, with its
 * term frequency; fn returns non-zero to stop.  term is borrowed until fn
 * returns. */
presscut_status_t xc_rdb_allterms(xc_rdb_t *db, const char *prefix,
                                  int (*fn)(void *ctx, const char *term,
                                            size_t len, unsigned termfreq),
                                  void *ctx) XC_NOEXCEPT;

/* As xc_wdb_metadata_keys(); of a stub of several, the first database's. */
presscut_status_t xc_rdb_metadata_keys(xc_rdb_t *db, const char *prefix,
                                       int (*fn)(void *ctx, const char *key, size_t len),
                                       void *ctx) XC_NOEXCEPT;

/* ---- documents ---- */

/* NULL only when out of memory.  Caller destroys with xc_doc_destroy(). */
xc_doc_t *xc_doc_new(void) XC_NOEXCEPT;
void xc_doc_destroy(xc_doc_t *doc) XC_NOEXCEPT;

/* Removes terms, values and data, so the document can be reused. */
void xc_doc_clear(xc_doc_t *doc) XC_NOEXCEPT;

/* term/len need not be NUL-terminated.  Errors: NOMEM, BAD_ARG (empty). */
presscut_status_t xc_doc_add_posting(xc_doc_t *doc, const char *term, size_t len,
                                     unsigned pos, unsigned wdfinc) XC_NOEXCEPT;
presscut_status_t xc_doc_add_term(xc_doc_t *doc, const char *term, size_t len,
                                  unsigned wdfinc) XC_NOEXCEPT;
presscut_status_t xc_doc_add_boolean_term(xc_doc_t *doc, const char *term, size_t len) XC_NOEXCEPT;
presscut_status_t xc_doc_set_value(xc_doc_t *doc, unsigned slot,
                                   const char *value, size_t len) XC_NOEXCEPT;

/* Removes term (and its positions) from doc; a term doc lacks is BAD_ARG. */
presscut_status_t xc_doc_remove_term(xc_doc_t *doc, const char *term, size_t len) XC_NOEXCEPT;

/* doc's value in slot, copied as xc_rdb_get_value() copies it. */
presscut_status_t xc_doc_get_value(const xc_doc_t *doc, unsigned slot, char **value,
                                   size_t *len) XC_NOEXCEPT;

/* ---- queries ----
 * Query handles are immutable values: combining copies what it needs, so a
 * sub-query may be destroyed right after it was combined.  Constructors
 * return NULL only when out of memory (or, for combine, on a NULL input).
 * The caller destroys every query it gets with xc_query_destroy(). */

typedef enum xc_op {
    XC_OP_AND, XC_OP_OR, XC_OP_AND_NOT, XC_OP_XOR, XC_OP_AND_MAYBE,
    XC_OP_FILTER, XC_OP_NEAR, XC_OP_PHRASE, XC_OP_ELITE_SET, XC_OP_SYNONYM,
    XC_OP_MAX
} xc_op_t;

/* A term; wqf is its within-query frequency (1 normally), pos its position
 * in the query (0 when it does not matter). */
xc_query_t *xc_query_term(const char *term, size_t len, unsigned wqf, unsigned pos) XC_NOEXCEPT;

/* Combines n sub-queries.  window is the NEAR/PHRASE window (0 = number of
 * sub-queries), or the ELITE_SET size; ignored otherwise. */
xc_query_t *xc_query_combine(xc_op_t op, xc_query_t *const *subs, size_t n,
                             unsigned window) XC_NOEXCEPT;

/* Documents whose value in slot lies in [lo, hi] (byte-wise comparison);
 * lo or hi NULL means open-ended (not both: that matches every document,
 * with a value in slot or not). */
xc_query_t *xc_query_value_range(unsigned slot, const char *lo, const char *hi) XC_NOEXCEPT;

/* Documents whose value in slot is exactly value[0..len) (bytes, NULs
 * included). */
xc_query_t *xc_query_value_is(unsigned slot, const char *value, size_t len) XC_NOEXCEPT;

/* Every term starting with prefix, OR-ed (as a synonym); max_expansion 0 =
 * unlimited, else more expansions make the search fail with WILDCARD. */
xc_query_t *xc_query_wildcard(const char *prefix, unsigned max_expansion) XC_NOEXCEPT;

/* q with its weight multiplied by factor (>= 0). */
xc_query_t *xc_query_scale(const xc_query_t *q, double factor) XC_NOEXCEPT;

xc_query_t *xc_query_match_all(void) XC_NOEXCEPT;

/* Xapian's get_description(); caller frees with free().  NULL on OOM. */
char *xc_query_describe(const xc_query_t *q) XC_NOEXCEPT;

void xc_query_destroy(xc_query_t *q) XC_NOEXCEPT;

/* ---- searching ---- */

/* db is borrowed until the enquire is destroyed.  NULL only on OOM.
 * Caller destroys with xc_enquire_destroy(). */
xc_enquire_t *xc_enquire_new(xc_rdb_t *db) XC_NOEXCEPT;
void xc_enquire_destroy(xc_enquire_t *enq) XC_NOEXCEPT;
const char *xc_enquire_error(const xc_enquire_t *enq) XC_NOEXCEPT;

presscut_status_t xc_enquire_set_query(xc_enquire_t *enq, const xc_query_t *q) XC_NOEXCEPT;

/* Keep at most max documents per distinct value in slot. */
presscut_status_t xc_enquire_set_collapse(xc_enquire_t *enq, unsigned slot,
                                          unsigned max) XC_NOEXCEPT;

/* Relevance first, then the value in slot (ascending unless reverse). */
presscut_status_t xc_enquire_set_sort_relevance_then_value(xc_enquire_t *enq,
                                                           unsigned slot, int reverse) XC_NOEXCEPT;

/* Every match weighs 0 and they come in docid order: for counting, where
 * weights serve nothing and cost the most. */
presscut_status_t xc_enquire_set_boolean(xc_enquire_t *enq) XC_NOEXCEPT;

/* The value in slot first (ascending unless reverse), then relevance. */
presscut_status_t xc_enquire_set_sort_value_then_relevance(xc_enquire_t *enq,
                                                           unsigned slot, int reverse) XC_NOEXCEPT;

/* Runs the search: results first..first+max-1, counting at least
 * check_at_least matches.  RETRY on DatabaseModifiedError (reopen the
 * database and call again).  Caller destroys *out with xc_mset_destroy(). */
presscut_status_t xc_enquire_mset(xc_enquire_t *enq, unsigned first, unsigned max,
                                  unsigned check_at_least, xc_mset_t **out) XC_NOEXCEPT;

/* Up to max expansion terms (Xapian's ESet: pseudo-relevance feedback)
 * from the top_docs first documents of mset, the query's own terms left
 * out, of exactly prefix (e.g. "Z": not "ZS").  fn gets each term, best
 * first, with its weight. */
presscut_status_t xc_enquire_eset(xc_enquire_t *enq, const xc_mset_t *mset, unsigned top_docs,
                                  unsigned max, const char *prefix,
                                  void (*fn)(void *ctx, const char *term, size_t len,
                                             double weight),
                                  void *ctx) XC_NOEXCEPT;

size_t xc_mset_size(const xc_mset_t *m) XC_NOEXCEPT;
unsigned xc_mset_docid(const xc_mset_t *m, size_t i) XC_NOEXCEPT;
double xc_mset_weight(const xc_mset_t *m, size_t i) XC_NOEXCEPT;

/* The i-th document's value in slot, copied as xc_rdb_get_value() copies
 * it.  Errors are set on enq. */
presscut_status_t xc_mset_value(xc_enquire_t *enq, const xc_mset_t *m, size_t i,
                                unsigned slot, char **value, size_t *len) XC_NOEXCEPT;

/* Calls fn with each term of the search's query that the i-th document
 * of m holds (Xapian's matching terms).  Errors are set on enq. */
presscut_status_t xc_mset_matching_terms(xc_enquire_t *enq, const xc_mset_t *m, size_t i,
                                         void (*fn)(void *ctx, const char *term, size_t len),
                                         void *ctx) XC_NOEXCEPT;

/* How many documents match, as Xapian counts them for the search that
 * made m (after the collapse, if any): exact when lower == upper. */
void xc_mset_counts(const xc_mset_t *m, presscut_count_t *count) XC_NOEXCEPT;

void xc_mset_destroy(xc_mset_t *m) XC_NOEXCEPT;

/* ---- stemming ---- */

/* Xapian's stemmer of language, else libstemmer's (serbian, greek, hindi,
 * yiddish); BAD_ARG for a language neither knows ("none" gives a stemmer
 * that returns words unchanged).  Caller destroys *out with xc_stem_destroy(). */
presscut_status_t xc_stem_new(const char *language, xc_stem_t **out, char **msg) XC_NOEXCEPT;
void xc_stem_destroy(xc_stem_t *s) XC_NOEXCEPT;

/* The language s was made for, as given to xc_stem_new(). */
const char *xc_stem_language(const xc_stem_t *s) XC_NOEXCEPT;

/* Stems word[0..len) into buf (NUL-terminated).  Returns the stem's length;
 * when it is >= cap, buf holds a truncated stem and the caller retries with
 * a larger buffer.  (size_t)-1 on out of memory. */
size_t xc_stem_apply(xc_stem_t *s, const char *word, size_t len, char *buf, size_t cap) XC_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
