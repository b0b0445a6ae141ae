/* presscut: passage search over news articles.
 *
 * The one public header.  Handles are opaque; every call that can fail
 * returns a presscut_status_t, and a handle keeps a copy of the message of
 * its last failure (presscut_*_error()).  Ownership is stated on each call
 * in fixed words: "borrowed until ...", "caller frees with free()",
 * "caller destroys with presscut_X_destroy()".
 */
#ifndef PRESSCUT_H
#define PRESSCUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum presscut_status {
    PRESSCUT_OK = 0,
    PRESSCUT_NOMEM,          /* out of memory */
    PRESSCUT_IO,             /* a file could not be read or written */
    PRESSCUT_BAD_INPUT,      /* an article (or a synonyms file) is not text we accept
                                (binary, bad UTF-8, bad JSON, a malformed line) */
    PRESSCUT_EMPTY,          /* an article or query holds no words */
    PRESSCUT_NO_INDEX,       /* no database at that path */
    PRESSCUT_LOCKED,         /* another writer holds the database lock */
    PRESSCUT_RETRY,          /* the database changed under a reader: reopen and retry */
    PRESSCUT_CORRUPT,        /* the database is damaged */
    PRESSCUT_VERSION,        /* the database was written with another schema or tokenizer */
    PRESSCUT_BAD_QUERY,      /* a query that cannot be run (e.g. unbalanced parentheses) */
    PRESSCUT_BAD_ARG,        /* a caller error: unknown language, invalid option */
    PRESSCUT_NETWORK,        /* a remote database could not be reached */
    PRESSCUT_INTERNAL,       /* anything else, message says what */
    PRESSCUT_NOT_INDEX,      /* the path exists but holds something else than an index */
    PRESSCUT_WILDCARD,       /* a wildcard matches too many words: give it more letters */
    PRESSCUT_STATUS_LAST
} presscut_status_t;

/* A static string naming the status, e.g. "database is locked". */
const char *presscut_status_to_string(presscut_status_t status);

/* The library's version, e.g. "0.1.0", and that of the index schema it
 * reads and writes, e.g. "7" (an index of another is refused: VERSION). */
const char *presscut_version(void);
const char *presscut_schema_version(void);

/* How presscut_escape() treats what it escapes; flags may be combined. */
enum {
    /* C0 controls and DEL as \xNN, C1 controls as \u0080 .. \u009f:
     * text printed to a terminal cannot drive it. */
    PRESSCUT_ESCAPE_CONTROLS = 1,
    /* A backslash as \\, so that the \xNN of other bytes can be undone. */
    PRESSCUT_ESCAPE_BACKSLASH = 2,
    /* A byte that is not part of valid UTF-8 as U+FFFD; without this flag,
     * as \xNN. */
    PRESSCUT_ESCAPE_REPLACE = 4,
};

/* s[0..len) (file names, article text, queries: any bytes) as valid UTF-8,
 * escaped as flags say.  NULL only when out of memory; the caller frees
 * the result with free(). */
char *presscut_escape(const char *s, size_t len, unsigned flags);

/* ---- writing ---------------------------------------------------------- */

typedef struct presscut_index presscut_index_t;

/* Called for each input that is skipped or repaired, and for each article
 * indexed when verbose.  `path` and `message` are borrowed until return;
 * `line` is 0 when it does not apply. */
typedef void (*presscut_warn_fn)(void *ctx, const char *path, long line,
                                 const char *message);

/* Progress of a presscut_index_add_path() call, for a progress bar. */
typedef struct presscut_progress {
    uint64_t files_done, files_total;
    uint64_t bytes_done, bytes_total;
    uint64_t articles;           /* articles added or updated so far */
} presscut_progress_t;

/* Called after each file; `p` is borrowed until return. */
typedef void (*presscut_progress_fn)(void *ctx, const presscut_progress_t *p);

typedef struct presscut_index_options {
    const char *language;        /* the language of the articles that name none, a name
                                    or ISO 639 code ("serbian", "sr"), fixed when the
                                    index is made; NULL = "english"; unknown: BAD_ARG */
    int full;                    /* non-zero: re-index every article, changed or not */
    int dry_run;                 /* non-zero: count what would change, write nothing */
    uint64_t max_size;           /* larger files are skipped; 0 = 64 MiB */
    presscut_warn_fn warn;       /* NULL: warnings go to stderr */
    void *warn_ctx;
    presscut_progress_fn progress;   /* NULL: none */
    void *progress_ctx;
    /* Shards: 0 = keep the index's layout (a new index is one database);
     * 1 = one database; N >= 2 = N shard databases DIR/shard-0 ..
     * DIR/shard-<N-1>, listed in the stub file DIR/XAPIANDB, each article
     * routed to one by a hash of its id.  An index is never resharded:
     * asking for another count than it has is BAD_ARG. */
    unsigned shards;
    /* Threads writing a new (empty, unsharded) index: 0 = one per CPU, at
     * most 4; 1 = the one writer, in place.  With N >= 2 each thread
     * writes a part beside the index, and the parts are merged into it,
     * compacted, by presscut_index_commit(): the disk needs room for the
     * index twice meanwhile.  An index that holds articles is always
     * updated by the one writer. */
    unsigned jobs;
} presscut_index_options_t;

/* Counts of articles (not passages), except where said. */
typedef struct presscut_index_stats {
    uint64_t added;              /* new articles indexed */
    uint64_t updated;            /* articles whose content changed, re-indexed */
    uint64_t moved;              /* articles whose file was renamed or moved, re-pointed */
    uint64_t removed;            /* articles whose file vanished, deleted */
    uint64_t unchanged;          /* articles found as they were indexed */
    uint64_t skipped;            /* inputs (files, feed lines) skipped with a warning */
    uint64_t passages;           /* passages written */
    uint64_t bytes;              /* bytes of articles read */
    /* Bytes of the index's databases before and after
     * presscut_index_compact(); both 0 without it. */
    uint64_t compact_before, compact_after;
} presscut_index_stats_t;

/* Opens (creating if needed) the database directory `path` for writing.
 * path must be missing, an empty directory or an index: anything else (a
 * file, a directory holding other files, a Xapian database that presscut
 * did not write) is refused with BAD_ARG, and nothing is written there.
 * An index written by another schema or tokenizer version is refused with
 * VERSION, unless opts->full asks to rebuild it; each shard is checked.
 * Another shard count than the index has is BAD_ARG.  Returns OK, LOCKED,
 * VERSION, CORRUPT, IO, BAD_ARG, NOMEM or INTERNAL.  On failure *msg (if
 * msg is not NULL) is set to a message the caller frees with free().  On
 * success the caller destroys *out with presscut_index_close(). */
presscut_status_t presscut_index_open(const char *path,
                                      const presscut_index_options_t *opts,
                                      presscut_index_t **out, char **msg);

/* Brings the index up to date with a file, or with every article file
 * below a directory: new articles are added, changed ones replaced,
 * unchanged ones left alone (a file is read only when its size or mtime
 * changed, re-indexed only when its content did), and the articles of
 * files that vanished from below `path` are removed.  JSON Lines feeds are
 * compared article by article.  Inputs that cannot be indexed are reported
 * through the warn callback and counted as skipped; what the index held
 * for them stays.  Returns OK; BAD_ARG when path itself cannot be read
 * (missing: an unmounted share, a typo), with nothing done and ix still
 * usable (presscut_index_error() says why); or a status that concerns
 * the database itself (NOMEM, IO, CORRUPT, INTERNAL). */
presscut_status_t presscut_index_add_path(presscut_index_t *ix, const char *path);

/* Removes the articles of every cataloged file that no longer exists,
 * wherever it was (a renamed folder's old files, say): counted as
 * removed; a dry run only counts them.  A file that cannot be looked at
 * (permissions, an I/O error) is kept.  Files of a folder that is not
 * mounted look gone too: prune when every folder is in place.  Returns
 * OK, or a status that concerns the database itself. */
presscut_status_t presscut_index_prune(presscut_index_t *ix);

/* Indexes a JSON Lines feed read from `in`; `name` is how diagnostics and
 * citations name it ("-" for standard input).  Articles are compared by
 * id, as in a feed file; nothing is removed.  Returns as above. */
presscut_status_t presscut_index_add_stream(presscut_index_t *ix, FILE *in,
                                            const char *name);

/* Makes everything added so far durable; a new index written by several
 * threads becomes visible (merged) only here. */
presscut_status_t presscut_index_commit(presscut_index_t *ix);

/* Commits, then compacts each database of the index (Xapian's compaction)
 * into a copy beside it, which takes its place in one rename once it is
 * complete and on disk.  The writer's lock is held throughout: another
 * presscut-index waits or gives up as for any run, a reader sees the old
 * database or the new one, and a run killed on the way leaves the index
 * as it was (the next run clears the copy).  The disk needs room for the
 * largest database twice.  A new index written by threads was compacted
 * by its commit already and is left alone.  Afterwards ix takes no more
 * articles: get its stats, and close it.  Returns OK, IO, NOMEM, or the
 * commit's failure. */
presscut_status_t presscut_index_compact(presscut_index_t *ix);

/* Counts for what this handle did so far. */
void presscut_index_get_stats(const presscut_index_t *ix,
                              presscut_index_stats_t *stats);

/* Writes what the index at path holds to out: articles, passages,
 * cataloged files (the skipped ones counted by reason), folders and feeds
 * with their articles, the date range, schema, language, last update,
 * size and shards; as aligned "key: value" lines, or with json as one
 * JSON object.  Reads only, without the writer's lock: works while
 * presscut-index writes.  Returns OK, NO_INDEX (nothing at path),
 * NOT_INDEX (something else), or the database's failure, with *msg
 * (caller frees; may be NULL) saying why. */
presscut_status_t presscut_index_describe(const char *path, int json, FILE *out, char **msg);

/* Message of the last failure; borrowed until the next call on ix. */
const char *presscut_index_error(const presscut_index_t *ix);

/* Commits (nothing, for a dry run) and closes.  Returns the commit's
 * status; ix is freed in every case.  presscut_index_close(NULL) is
 * harmless. */
presscut_status_t presscut_index_close(presscut_index_t *ix);

/* ---- searching -------------------------------------------------------- */

typedef struct presscut_db presscut_db_t;
typedef struct presscut_results presscut_results_t;

/* Opens a database (a directory, or a Xapian stub file) for reading.  A
 * directory that holds nothing yet, or only what Xapian writes while it
 * creates a database (a first build running), opens as an index of no
 * articles.  A writer's commit or a compaction's swap that overtakes the
 * open is met by opening again (a few times).  Returns OK, NO_INDEX
 * (nothing at path), NOT_INDEX (something else at path), VERSION,
 * CORRUPT, NETWORK, NOMEM or INTERNAL; on failure *msg as for
 * presscut_index_open(), in plain words that name the path.  The caller destroys *out
 * with presscut_db_close(). */
presscut_status_t presscut_db_open(const char *path, presscut_db_t **out,
                                   char **msg);

typedef struct presscut_db_options {
    /* Non-zero: shards of a stub that cannot be reached (or are missing)
     * are left out, and presscut_db_partial() names them; zero: they fail
     * the open (or the search) with NETWORK or NO_INDEX, naming them. */
    int allow_partial;
    /* Remote shards: milliseconds allowed for connecting and for each
     * exchange; 0 = 10000. */
    unsigned timeout_ms;
} presscut_db_options_t;

/* presscut_db_open() with options (NULL = defaults).  A stub's shards are
 * each checked for the schema and tokenizer marks.  Returns as
 * presscut_db_open(), and BAD_ARG for allow_partial on a stub with lines
 * presscut cannot open one by one ("remote :PROG ARGS", "inmemory"). */
presscut_status_t presscut_db_open_opts(const char *path, const presscut_db_options_t *opts,
                                        presscut_db_t **out, char **msg);

/* Adds the synonym groups of the file at path (format in README.md,
 * "Synonyms") to those db's searches expand a free word to: the shipped
 * list (lib/synonyms.txt) and any added before.  Returns OK, IO (the file
 * cannot be read), BAD_INPUT (a malformed line: the message says
 * "PATH:LINE: why"; not a regular file, over 1 MiB, a line over 1,024
 * bytes, a group over 64 alternatives) or NOMEM; on failure nothing of the
 * file is added and the message is in presscut_db_error(). */
presscut_status_t presscut_db_add_synonyms(presscut_db_t *db, const char *path);

/* NULL when every shard answered; else the shards left out and why, as a
 * string borrowed until the next call on db. */
const char *presscut_db_partial(const presscut_db_t *db);

/* Message of the last failure; borrowed until the next call on db. */
const char *presscut_db_error(const presscut_db_t *db);

/* Brings db to the index's latest commit: a handle kept open (a server's)
 * otherwise goes on reading the revision it opened, which a writer's later
 * commits leave behind.  Cheap when nothing changed.  When the databases
 * cannot be reopened in place (a compaction swapped them), opens the index
 * anew.  Returns OK, or the statuses of presscut_db_open_opts(), the
 * message in presscut_db_error(); db stays usable on the revision it had. */
presscut_status_t presscut_db_refresh(presscut_db_t *db);

/* The codes of the languages db's articles are in (as `language:` takes
 * them and --json shows them), sorted, comma-separated: "de,en,sr"; ""
 * for an index of none.  The caller frees *codes.  Returns OK, NOMEM, or
 * the database's failure with the message in presscut_db_error(). */
presscut_status_t presscut_db_languages(presscut_db_t *db, char **codes);

void presscut_db_close(presscut_db_t *db);

typedef enum presscut_sort {
    PRESSCUT_SORT_RELEVANCE = 0, /* best first */
    PRESSCUT_SORT_DATE           /* newest first by the article's date (undated ones
                                    last), equal dates best first; passages holding
                                    every free word still come before the others */
} presscut_sort_t;

typedef struct presscut_search_options {
    unsigned offset;             /* results to skip */
    unsigned limit;              /* results to return; 0 = 10 */
    int articles;                /* non-zero: best passage per article */
    unsigned snippet_chars;      /* 0 = 240 */
    presscut_sort_t sort;
    int count_all;               /* non-zero: count every match, so that the totals
                                    are exact (a pass over all of them) */
    int correct;                 /* non-zero: search the "did you mean" suggestion,
                                    when there is one, instead of the query */
    int no_feedback;             /* non-zero: a question (more than four free
                                    words that ask or read as prose) searches
                                    its own words only, without those its
                                    first results share */
    int all_copies;              /* non-zero: copies (presscut_copy_t) are hits of
                                    their own; zero: a hit whose article is a copy
                                    of a better hit's is left out (per passage:
                                    when its passage is also nearly the better
                                    one's; per article: unless it is the whole of
                                    the better one cut short), the better hit
                                    lists it */
} presscut_search_options_t;

/* How an article is a copy of a hit's. */
typedef enum presscut_copy_kind {
    PRESSCUT_COPY_EXACT,         /* the same words */
    PRESSCUT_COPY_NEAR,          /* nearly: a few words changed */
    PRESSCUT_COPY_SHORTER,       /* the hit's story cut short: its text is
                                    mostly in the hit's article */
    PRESSCUT_COPY_LONGER         /* the whole of the hit's story: the hit's
                                    article is this one cut short */
} presscut_copy_kind_t;

/* An article that is a copy of a hit's: the same story, exactly, with a
 * few words changed, or cut short (README.md, "Copies").  Strings are
 * borrowed until the results are destroyed. */
typedef struct presscut_copy {
    const char *article_id;
    const char *path;            /* its file, or its feed's name */
    long line;                   /* its line in a feed, else 0 */
    const char *title;
    const char *date;            /* ISO 8601, as presscut_hit_t.date */
    int exact;                   /* the same words (line breaks, case, accents and
                                    punctuation aside) */
    double similarity;           /* the estimated share of word triples they have
                                    in common, in [0, 1] */
    presscut_copy_kind_t kind;
    double containment;          /* the estimated share of the shorter one's word
                                    triples that the other has, in [0, 1] */
} presscut_copy_t;

typedef struct presscut_span {
    size_t start, end;           /* byte offsets in presscut_hit_t.text */
} presscut_span_t;

/* One ranked passage.  Every pointer is borrowed until the results are
 * destroyed.  Strings are NUL-terminated UTF-8; empty when unknown. */
typedef struct presscut_hit {
    unsigned rank;               /* 1-based, counting from offset + 1 */
    double score;
    const char *article_id;
    const char *path;            /* the source file, or the feed's name */
    const char *title;
    const char *date;            /* ISO 8601: 2025-03-22, 2025-03 or 2025, with the time
                                    (and zone) when the article gave them:
                                    1987-02-26T15:01:01, 2024-03-07T10:00:00Z;
                                    empty when date_text is not a date presscut reads */
    const char *date_text;       /* the date as the article wrote it */
    const char *source;
    const char *url;
    unsigned paragraph;          /* 1-based paragraph in the article */
    unsigned paragraph_end;      /* the last paragraph: short ones share a passage */
    unsigned part;               /* 0-based piece of a long paragraph */
    long line;                   /* line in a JSON Lines feed, else 0 */
    size_t start, end;           /* passage bytes in the file (feeds: in the decoded body) */
    const char *text;            /* the passage */
    size_t text_len;
    presscut_span_t snippet;     /* the best window in text */
    const presscut_span_t *highlights;  /* matched words in text, in order */
    size_t n_highlights;
    const char *language;        /* the article's language code ("sr", "en"), "" when
                                    neither it nor the index's --language named one */
    const presscut_copy_t *copies;      /* the copies of the hit's article, best first */
    size_t n_copies;
} presscut_hit_t;

/* Runs a query (syntax in README.md).  A writer's commit that overtakes
 * the search (its "did you mean" included) is met by reopening the
 * database and searching again (a few times).  Returns OK (possibly with
 * no hits), BAD_QUERY (message says why and where: a query that does not
 * parse, a malformed or inverted date, more than 1,000 words or 65,536
 * bytes), WILDCARD (a wildcard matches too many words), EMPTY (nothing
 * searchable in the query), RETRY (only when reopening did not help),
 * NETWORK, CORRUPT, NOMEM or INTERNAL.  On OK the caller destroys *out with
 * presscut_results_destroy(). */
presscut_status_t presscut_db_search(presscut_db_t *db, const char *query,
                                     const presscut_search_options_t *opts,
                                     presscut_results_t **out);

size_t presscut_results_count(const presscut_results_t *r);

/* The i-th hit, 0 <= i < count; borrowed until the results are destroyed. */
const presscut_hit_t *presscut_results_get(const presscut_results_t *r, size_t i);

/* "Did you mean": the query with each word that no passage holds replaced
 * by the closest indexed word (lib/spelling.h), or NULL when no word
 * needed or found a correction.  The results are those of the query as typed unless
 * opts->correct was set.  Borrowed until the results are destroyed. */
const char *presscut_results_suggestion(const presscut_results_t *r);

/* How many passages or articles match: Xapian's estimate, within
 * [lower, upper]; exact when lower == upper. */
typedef struct presscut_count {
    uint64_t estimate, lower, upper;
} presscut_count_t;

typedef struct presscut_totals {
    presscut_count_t passages;   /* passages that match the query */
    presscut_count_t articles;   /* articles they belong to */
} presscut_totals_t;

/* The totals of the search that made r, over every match (not only the
 * hits returned).  Without opts->count_all a search counts at least its
 * first 200 matches and estimates the rest. */
void presscut_results_totals(const presscut_results_t *r, presscut_totals_t *out);

void presscut_results_destroy(presscut_results_t *r);

/* ---- quote look-up ---------------------------------------------------- */

typedef struct presscut_quote_results presscut_quote_results_t;

typedef enum presscut_match {
    PRESSCUT_MATCH_EXACT,        /* every word of the quote, in order, after normalization */
    PRESSCUT_MATCH_APPROXIMATE,  /* most of its words in nearly the same order */
    PRESSCUT_MATCH_PARTIAL       /* the quote runs across a paragraph break: this paragraph
                                  * holds its start or its end exactly; score is the share
                                  * of the quote's words it holds */
} presscut_match_t;

typedef enum presscut_diff_kind {
    PRESSCUT_DIFF_MISSING,       /* a word of the quote is not in the passage */
    PRESSCUT_DIFF_EXTRA,         /* the passage has a word the quote has not */
    PRESSCUT_DIFF_CHANGED,       /* another word, inflection or spelling in its place */
    PRESSCUT_DIFF_SWAPPED        /* two neighbouring words in the other order */
} presscut_diff_kind_t;

/* How an approximate match differs from the quote.  Strings are borrowed
 * until the results are destroyed. */
typedef struct presscut_word_diff {
    presscut_diff_kind_t kind;
    const char *quote;           /* the quote's word(s) as typed; "" for EXTRA */
    const char *text;            /* the passage's word(s) as written; "" for MISSING */
} presscut_word_diff_t;

typedef struct presscut_quote_options {
    unsigned limit;              /* hits to return; 0 = 20 */
    int fuzzy;                   /* non-zero: approximate hits also when exact ones exist */
} presscut_quote_options_t;

/* One place that holds the quote.  Every pointer is borrowed until the
 * results are destroyed.  `passage` is the passage where the match begins:
 * its score is the similarity in [0, 1] (1 for an exact match), its
 * highlights are the matched words and its snippet the sentence around
 * them, as far as that lies in this passage. */
typedef struct presscut_quote_hit {
    presscut_hit_t passage;      /* its paragraph..paragraph_end: those of the match */
    presscut_match_t match;
    unsigned passages;           /* 1, or 2 when the match runs across the cut of a long paragraph */
    size_t match_start, match_end;   /* the matched bytes in the file (feeds: in the decoded body) */
    const char *verbatim;        /* those bytes as written (HTML: tags and entities too);
                                    across a cut, the white space there is one space */
    const char *match_text;      /* the match in the passage's text (HTML: decoded) */
    const char *sentence;        /* the sentence(s) around the match */
    const presscut_word_diff_t *diffs;   /* empty for an exact match */
    size_t n_diffs;
    /* 0, or the rank of the hit this one's article is a copy of: a
     * hit's copies follow it, in their own order (passage.copies lists
     * the copies of its article, wherever they hold the quote). */
    unsigned copy_of;
} presscut_quote_hit_t;

/* Finds the passages that hold `quote` (README.md, "Quote look-up"): exact
 * matches first, by rank; then, when there are none or opts->fuzzy asks,
 * approximate ones by score.  Returns OK (possibly with no hits; see
 * presscut_quote_results_closest()), EMPTY (the quote holds no words),
 * BAD_QUERY (the quote is not valid UTF-8, or longer than a query may
 * be), RETRY (only when reopening did
 * not help), NETWORK, CORRUPT, NOMEM or INTERNAL; the message is in
 * presscut_db_error().  On OK the caller destroys *out with
 * presscut_quote_results_destroy(). */
presscut_status_t presscut_db_quote(presscut_db_t *db, const char *quote,
                                    const presscut_quote_options_t *opts,
                                    presscut_quote_results_t **out);

size_t presscut_quote_results_count(const presscut_quote_results_t *r);

/* The i-th hit, 0 <= i < count (NULL otherwise); borrowed until the results
 * are destroyed. */
const presscut_quote_hit_t *presscut_quote_results_get(const presscut_quote_results_t *r,
                                                       size_t i);

/* When there are no hits: the passage that came closest, graded
 * approximate with its (low) score, or NULL when no passage shares a word
 * with the quote.  NULL when there are hits.  Borrowed until the results
 * are destroyed. */
const presscut_quote_hit_t *presscut_quote_results_closest(const presscut_quote_results_t *r);

/* How many passages hold the quote word for word (within one passage),
 * and in how many articles: every one, not only the hits returned; at
 * least the first 200 counted, the rest estimated, as for a search. */
void presscut_quote_results_totals(const presscut_quote_results_t *r, presscut_totals_t *out);

/* presscut_quote_results_destroy(NULL) is harmless. */
void presscut_quote_results_destroy(presscut_quote_results_t *r);

/* ---- reading an article ---------------------------------------------- */

typedef struct presscut_article presscut_article_t;

/* The passages of the article whose id is `id` (presscut_hit_t.article_id),
 * in the article's order: the whole article as the index holds it, its
 * first 10,000 passages at most.  Each hit is a whole passage (its snippet
 * spans its text; rank counts from 1, score is 0); with a query (NULL or
 * "": none), its highlights are the words the query matches, as in a
 * search's hits.  A query that does not parse highlights nothing.  The id
 * is only looked up in the index: no file is read.  Returns OK (with no
 * passages when the index holds no such article), RETRY, NETWORK, CORRUPT,
 * NOMEM or INTERNAL, the message in presscut_db_error().  On OK the caller
 * destroys *out with presscut_article_destroy(). */
presscut_status_t presscut_db_article(presscut_db_t *db, const char *id, const char *query,
                                      presscut_article_t **out);

size_t presscut_article_count(const presscut_article_t *a);

/* The i-th passage, 0 <= i < count (NULL otherwise); borrowed until a is
 * destroyed. */
const presscut_hit_t *presscut_article_get(const presscut_article_t *a, size_t i);

/* Non-zero when the article has more passages than were read. */
int presscut_article_truncated(const presscut_article_t *a);

/* presscut_article_destroy(NULL) is harmless. */
void presscut_article_destroy(presscut_article_t *a);

#ifdef __cplusplus
}
#endif

#endif
