/* resultjson: hits, quote hits, totals and errors as JSON objects, the
 * one rendering presscut-query --json and presscut-serve's API share. */
#ifndef PRESSCUT_RESULTJSON_H
#define PRESSCUT_RESULTJSON_H

#include <jansson.h>

#include "presscut.h"

/* path as the user would type it: relative to the working directory
 * (as it was at the first call) when it lies below it.  Borrowed from
 * path.  Safe in threads. */
const char *pc_display_path(const char *path);

/* A search hit, its copies too (their paths as pc_display_path() shows
 * them); path_shown is how its path is written (the caller's choice:
 * relative to the working directory, say).  The caller owns the
 * object (json_decref()); NULL when out of memory. */
json_t *pc_json_hit(const presscut_hit_t *h, const char *path_shown);

/* A quote hit, as above. */
json_t *pc_json_quote_hit(const presscut_quote_hit_t *h, const char *path_shown);

/* The totals of a search that showed `shown` hits: unit, total and its
 * bounds, articles, the suggestion (NULL: none) and whether shards were
 * left out.  Owned as above. */
json_t *pc_json_summary(const presscut_totals_t *t, int articles, size_t shown,
                        const char *suggestion, int partial);

/* The totals of a quote look-up that showed `shown` hits (exact,
 * approximate and partial ones): unit "quote", total and its bounds (the
 * passages that hold it word for word), articles, and whether shards were
 * left out.  Owned as above. */
json_t *pc_json_quote_summary(const presscut_totals_t *t, size_t shown, size_t exact,
                              size_t approximate, size_t partial_matches, int partial);

/* {"status":..,"message":..}; status as pc_json_status_name() names it,
 * or another word ("usage").  Owned as above. */
json_t *pc_json_error(const char *status, const char *message);

/* A stable name for st: "no_index", "locked", "bad_query"... */
const char *pc_json_status_name(presscut_status_t st);

/* "missing", "extra", "changed" or "swapped". */
const char *pc_json_diff_name(presscut_diff_kind_t kind);

/* "exact", "near", "shorter" or "longer". */
const char *pc_json_copy_kind_name(presscut_copy_kind_t kind);

/* o as one line of compact JSON, keys in their order, a double in 17
 * significant digits (what reads back as the same double); NULL when out
 * of memory.  The one way presscut-query --json and presscut-serve write
 * JSON, so both write the same bytes: jansson's default precision (0)
 * means %.17g or the shortest form by how jansson was built.  The caller
 * frees the string. */
char *pc_json_dumps(const json_t *o);

/* A JSON string of s[0..len): bytes that are not UTF-8 become U+FFFD. */
json_t *pc_json_text(const char *s, size_t len);

#endif
