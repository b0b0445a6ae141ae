/* Fuzzes search and quote look-up over a small index, built at start-up
 * through the public API from corpus/ and fuzz/seeds/html/ (found below
 * $PRESSCUT_FUZZ_ROOT, default the current directory) into a temporary
 * directory removed at exit.  Input: an options byte, a snippet size
 * byte, then the query, which is also looked up as a quote.  Checks every
 * hit: strings valid UTF-8, ranks, snippet and highlights inside the
 * passage, citations inside the file's bytes (and equal to the passage, or
 * the quote, where the file is plain text). */
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <unistd.h>

#include "fuzz.h"
#include "presscut.h"

#define LEAD_CHARS 40        /* as in fuzz/query.c */
#define MAX_FILES 64

typedef struct file {
    char *path, *bytes;
    size_t len;
} file_t;

static char tmp[PATH_MAX];
static presscut_db_t *db;
static file_t files[MAX_FILES];
static size_t n_files;

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void cleanup(void)
{
    presscut_db_close(db);
    db = NULL;
    if (tmp[0])
        nftw(tmp, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    for (size_t i = 0; i < n_files; i++) {
        free(files[i].path);
        free(files[i].bytes);
    }
    n_files = 0;
}

static void quiet(void *ctx, const char *path, long line, const char *message)
{
    (void)ctx;
    (void)path;
    (void)line;
    (void)message;
}

/* The bytes of the file a hit cites, read once. */
static const file_t *file_of(const char *path)
{
    for (size_t i = 0; i < n_files; i++)
        if (strcmp(files[i].path, path) == 0)
            return &files[i];
    FILE *f = fopen(path, "rb");
    CHECK(f && n_files < MAX_FILES, "cannot read '%s', a hit's file", path);
    file_t *nf = &files[n_files];
    nf->path = strdup(path);
    fseek(f, 0, SEEK_END);
    nf->len = (size_t)ftell(f);
    rewind(f);
    nf->bytes = malloc(nf->len + 1);
    CHECK(nf->path && nf->bytes && fread(nf->bytes, 1, nf->len, f) == nf->len, "reading '%s'",
          path);
    fclose(f);
    return &files[n_files++];
}

static bool has_ending(const char *path, const char *ending)
{
    const char *dot = strrchr(path, '.');
    return dot && strcmp(dot, ending) == 0;
}

/* Whether text is what is left of bytes once some are deleted (markdown
 * shown as text: emphasis, heading marks and link targets left out). */
static bool kept_from(const char *bytes, size_t len, const char *text, size_t text_len)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k < text_len; i++)
        if (bytes[i] == text[k])
            k++;
    return k == text_len;
}

static void check_hit(const presscut_hit_t *h, size_t snippet_chars)
{
    CHECK(fuzz_str(h->article_id) && h->article_id[0] && fuzz_str(h->path) && h->path[0] &&
          fuzz_str(h->title) && fuzz_str(h->date) && fuzz_str(h->source) && fuzz_str(h->url),
          "hit strings not valid UTF-8, or empty id or path");
    CHECK(isfinite(h->score), "score %g", h->score);
    CHECK(h->text && strlen(h->text) == h->text_len && fuzz_utf8(h->text, h->text_len),
          "passage text of %zu bytes: NUL inside or not valid UTF-8", h->text_len);
    CHECK(h->paragraph >= 1 && h->paragraph_end >= h->paragraph, "paragraphs %u..%u",
          h->paragraph, h->paragraph_end);
    presscut_span_t w = h->snippet;
    CHECK(fuzz_on_chars(h->text, h->text_len, w.start, w.end), "snippet [%zu,%zu) of %zu",
          w.start, w.end, h->text_len);
    bool shown = false, could = false;
    for (size_t i = 0; i < h->n_highlights; i++) {
        presscut_span_t s = h->highlights[i];
        CHECK(s.start < s.end && fuzz_on_chars(h->text, h->text_len, s.start, s.end),
              "highlight [%zu,%zu) of %zu", s.start, s.end, h->text_len);
        CHECK(i == 0 || s.start >= h->highlights[i - 1].end, "highlight %zu out of order", i);
        shown |= s.start >= w.start && s.end <= w.end;
        could |= fuzz_chars(h->text, s.start, s.end) + LEAD_CHARS <= snippet_chars;
    }
    CHECK(shown || !could || h->n_highlights == 0,
          "no highlight in the snippet [%zu,%zu), though one fits", w.start, w.end);
    CHECK(h->start <= h->end, "cited at [%zu,%zu)", h->start, h->end);
    if (h->line > 0)
        return;      /* a feed: offsets in the decoded body */
    const file_t *f = file_of(h->path);
    CHECK(h->end <= f->len, "'%s' cited at [%zu,%zu) of %zu bytes", h->path, h->start, h->end,
          f->len);
    if (has_ending(h->path, ".txt"))
        CHECK(h->end - h->start == h->text_len &&
              memcmp(f->bytes + h->start, h->text, h->text_len) == 0,
              "'%s' at [%zu,%zu) is not the passage", h->path, h->start, h->end);
    if (has_ending(h->path, ".md"))
        CHECK(kept_from(f->bytes + h->start, h->end - h->start, h->text, h->text_len),
              "'%s' at [%zu,%zu) does not hold the passage", h->path, h->start, h->end);
}

static void search(const char *query, const uint8_t *data)
{
    presscut_search_options_t o = {
        .offset = (data[0] >> 3) & 3, .limit = 1 + (data[0] & 7), .articles = data[0] & 0x20,
        .correct = data[0] & 0x40, .no_feedback = data[0] & 0x80, .snippet_chars = data[1],
    };
    presscut_results_t *r = NULL;
    presscut_status_t st = presscut_db_search(db, query, &o, &r);
    bool valid = fuzz_utf8(query, strlen(query));
    CHECK(st == PRESSCUT_OK || st == PRESSCUT_EMPTY || st == PRESSCUT_BAD_QUERY ||
          st == PRESSCUT_WILDCARD, "search: status %d: %s", st, presscut_db_error(db));
    CHECK(valid || st == PRESSCUT_BAD_QUERY, "invalid UTF-8 searched: status %d", st);
    if (st != PRESSCUT_OK) {
        /* The message may quote the query: valid UTF-8 when the query is. */
        const char *m = presscut_db_error(db);
        CHECK(m && m[0] && (!valid || fuzz_str(m)), "message '%s'", m ? m : "(null)");
        return;
    }
    size_t n = presscut_results_count(r);
    CHECK(n <= o.limit, "%zu hits, limit %u", n, o.limit);
    const char *sugg = presscut_results_suggestion(r);
    CHECK(!sugg || (fuzz_str(sugg) && sugg[0]), "suggestion not valid UTF-8");
    for (size_t i = 0; i < n; i++) {
        const presscut_hit_t *h = presscut_results_get(r, i);
        CHECK(h && h->rank == o.offset + i + 1, "hit %zu ranked %u", i, h ? h->rank : 0);
        check_hit(h, o.snippet_chars ? o.snippet_chars : 240);
        for (size_t k = 0; o.articles && k < i; k++)
            CHECK(strcmp(presscut_results_get(r, k)->article_id, h->article_id) != 0,
                  "article '%s' twice", h->article_id);
    }
    presscut_results_destroy(r);
}

static void check_quote_hit(const presscut_quote_hit_t *q)
{
    check_hit(&q->passage, 0);
    CHECK(q->match <= PRESSCUT_MATCH_PARTIAL, "match kind %d", (int)q->match);
    CHECK(q->passages == 1 || q->passages == 2, "%u passages", q->passages);
    double s = q->passage.score;
    CHECK(s >= 0 && s <= 1, "similarity %g", s);
    if (q->match == PRESSCUT_MATCH_EXACT)
        CHECK(s == 1 && q->n_diffs == 0, "exact match with score %g and %zu diffs", s,
              q->n_diffs);
    CHECK(fuzz_str(q->verbatim) && fuzz_str(q->sentence), "quote strings not valid UTF-8");
    for (size_t i = 0; i < q->n_diffs; i++) {
        const presscut_word_diff_t *d = &q->diffs[i];
        CHECK(d->kind <= PRESSCUT_DIFF_SWAPPED && fuzz_str(d->quote) && fuzz_str(d->text),
              "diff %zu", i);
    }
    CHECK(q->match_start <= q->match_end, "match [%zu,%zu)", q->match_start, q->match_end);
    if (q->passages == 1)
        CHECK(q->match_start >= q->passage.start && q->match_end <= q->passage.end,
              "match [%zu,%zu) outside its passage [%zu,%zu)", q->match_start, q->match_end,
              q->passage.start, q->passage.end);
    if (q->passage.line > 0)
        return;
    const file_t *f = file_of(q->passage.path);
    CHECK(q->match_end <= f->len, "'%s' matched at [%zu,%zu) of %zu bytes", f->path,
          q->match_start, q->match_end, f->len);
    if ((has_ending(f->path, ".txt") || has_ending(f->path, ".md")) && q->passages == 1)
        CHECK(q->match_end - q->match_start == strlen(q->verbatim) &&
              memcmp(f->bytes + q->match_start, q->verbatim, strlen(q->verbatim)) == 0,
              "'%s' at [%zu,%zu) is not the verbatim quote", f->path, q->match_start,
              q->match_end);
}

static void quote(const char *text, const uint8_t *data)
{
    presscut_quote_options_t o = { .limit = 1 + (data[0] & 7), .fuzzy = data[0] & 0x10 };
    presscut_quote_results_t *r = NULL;
    presscut_status_t st = presscut_db_quote(db, text, &o, &r);
    CHECK(st == PRESSCUT_OK || st == PRESSCUT_EMPTY || st == PRESSCUT_BAD_QUERY,
          "quote: status %d: %s", st, presscut_db_error(db));
    if (st != PRESSCUT_OK)
        return;
    size_t n = presscut_quote_results_count(r);
    CHECK(n <= o.limit, "%zu quote hits, limit %u", n, o.limit);
    CHECK(!presscut_quote_results_get(r, n), "a hit past the count");
    for (size_t i = 0; i < n; i++)
        check_quote_hit(presscut_quote_results_get(r, i));
    const presscut_quote_hit_t *c = presscut_quote_results_closest(r);
    CHECK(!c || n == 0, "a closest passage besides %zu hits", n);
    if (c)
        check_quote_hit(c);
    presscut_quote_results_destroy(r);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *root = getenv("PRESSCUT_FUZZ_ROOT");
    if (root && chdir(root) != 0) {
        fprintf(stderr, "search fuzzer: cannot change to '%s'\n", root);
        exit(2);
    }
    if (access("corpus", R_OK) != 0) {
        fprintf(stderr, "search fuzzer: no corpus/ here: run it from the repository's root, "
                        "or set PRESSCUT_FUZZ_ROOT\n");
        exit(2);
    }
    const char *t = getenv("TMPDIR");
    snprintf(tmp, sizeof tmp, "%s/presscut-fuzz.XXXXXX", t && t[0] ? t : "/tmp");
    CHECK(mkdtemp(tmp), "cannot make a temporary directory");
    atexit(cleanup);

    char ix_dir[PATH_MAX + 8], *m = NULL;
    snprintf(ix_dir, sizeof ix_dir, "%s/index", tmp);
    presscut_index_options_t io = { .jobs = 1, .warn = quiet };
    presscut_index_t *ix = NULL;
    CHECK(presscut_index_open(ix_dir, &io, &ix, &m) == PRESSCUT_OK, "index: %s", m);
    const char *paths[] = { "corpus", "fuzz/seeds/html" };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        if (access(paths[i], R_OK) == 0)
            CHECK(presscut_index_add_path(ix, paths[i]) == PRESSCUT_OK, "indexing %s: %s",
                  paths[i], presscut_index_error(ix));
    CHECK(presscut_index_close(ix) == PRESSCUT_OK, "committing the index");
    CHECK(presscut_db_open(ix_dir, &db, &m) == PRESSCUT_OK, "opening the index: %s", m);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    char *text = fuzz_strndup(data + 2, size - 2);
    search(text, data);
    quote(text, data);
    free(text);
    return 0;
}
