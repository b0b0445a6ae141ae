/* index: presscut_index_t, articles in, passages out to Xapian. */
#include "presscut.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "article.h"
#include "build.h"
#include "catalog.h"
#include "index.h"
#include "passage.h"
#include "message.h"
#include "record.h"
#include "schema.h"
#include "signature.h"
#include "staging.h"
#include "stem.h"
#include "language.h"
#include "stemset.h"
#include "tokenize.h"
#include "xapian_c.h"

/* Changes are grouped in Xapian transactions, so a reader (or a run killed
 * half-way) sees whole articles only; a batch ends after this much text.
 * Measured on bbc: 32 MB batches ran 8.9 s in 106 MB, 1 MB 7.4 s in 37 MB,
 * 256 KB 6.1-6.8 s in 17 MB (Xapian's in-memory changes get slower as
 * they grow); smaller still pays a commit each time for little. */
#define BATCH_BYTES (512u << 10)

#define DEFAULT_MAX_SIZE ((uint64_t)64 << 20)

/* Threads of a new index, when the options leave it to presscut: past
 * four the one reading thread and the merge are the limit. */
#define MAX_AUTO_JOBS 4

typedef struct file_item {
    char *path;
    struct stat sb;
} file_item_t;

/* The article files below one root, sorted by path; and the directories
 * that could not be read, whose cataloged files must not count as gone. */
/* A cataloged file that a walk no longer finds: moved, or removed. */
typedef struct gone {
    char *path;
    pc_file_entry_t entry;
    bool moved;
} gone_t;

typedef struct walk {
    file_item_t *files;
    size_t n, cap;
    char **unreadable;
    size_t n_unreadable;
    gone_t *gone;
    size_t n_gone, cap_gone;
} walk_t;

/* The stub that makes a sharded index's directory openable as one
 * database by Xapian (and so by presscut-query). */
#define STUB_NAME "XAPIANDB"
#define MAX_SHARDS 1024

/* A catalog change that, in a sharded index, must wait until the
 * documents it describes are committed in every shard. */
typedef struct pending {
    char *path;
    bool remove;
    pc_file_entry_t entry;
} pending_t;

struct presscut_index {
    xc_wdb_t *db;            /* the shard being written to */
    const pc_language_t *lang;   /* --language: of the articles that name none */
    pc_stemset_t *stems;
    pc_stemcache_t *cur_stems;   /* the stems of the article being written */
    bool cur_latin;              /* its Cyrillic words indexed in Serbian Latin too */
    /* The stemmers of the articles read since the last commit,
     * comma-separated (PC_META_LANGUAGES). */
    pc_buf_t languages;
    xc_wdb_t **shards;       /* every shard; one (the index itself) when unsharded */
    unsigned n_shards;
    pending_t *pending;
    size_t n_pending, cap_pending;
    /* A new index being written by threads (lib/build.h); the writers
     * above then hold the index's lock and write nothing. */
    pc_build_t *build;
    bool built;              /* by a build that ended (compacted, then) */
    bool compacted;          /* by presscut_index_compact(): the writers are closed */
    char *path, *language;   /* to reopen the index the build replaced; --language */
    pc_tokenizer_t *tk;
    pc_splitter_t *sp;
    xc_doc_t *doc;
    pc_passages_t passages;
    pc_buf_t term, data, key;
    pc_buf_t repairs;        /* a passage's, for its record */
    pc_buf_t shown;          /* a markdown passage's text without markup */
    pc_sig_builder_t sig;    /* of the article being written: its body words */
    presscut_warn_fn warn;
    void *warn_ctx;
    presscut_progress_fn progress;
    void *progress_ctx;
    presscut_progress_t prog;
    int full, dry_run;
    xc_open_mode_t mode;     /* of a database: XC_CREATE_SCRATCH for a build's parts */
    uint64_t max_size;
    /* The file (or feed) being read: its catalog state and article count. */
    const char *cur_path;
    bool cur_known;
    uint32_t cur_articles;
    /* The first warning about the file being parsed: why it was skipped,
     * if it was (kept in its catalog entry). */
    bool catching;
    char cur_reason[PC_SKIP_REASON_MAX];
    int in_batch;
    int broken;              /* an article failed half-way: its batch must not commit */
    size_t batch_bytes;
    presscut_index_stats_t stats;
    char *err;
};


static presscut_status_t wdb_failed(presscut_index_t *ix, xc_wdb_t *db, presscut_status_t st)
{
    pc_message_set(&ix->err, "%s", xc_wdb_error(db));
    return st;
}

static presscut_status_t db_failed(presscut_index_t *ix, presscut_status_t st)
{
    return wdb_failed(ix, ix->db, st);
}

/* The shard of an article id, or of a file path (its catalog entry).  The
 * hash is stable across runs and machines: routing must never change. */
static xc_wdb_t *shard_of(const presscut_index_t *ix, const char *key)
{
    if (ix->n_shards == 1)
        return ix->shards[0];
    return ix->shards[XXH3_64bits(key, strlen(key)) % ix->n_shards];
}

static void warn_stderr(void *ctx, const char *path, long line, const char *message)
{
    (void)ctx;
    if (line > 0)
        fprintf(stderr, "presscut-index: %s:%ld: %s\n", path, line, message);
    else
        fprintf(stderr, "presscut-index: %s: %s\n", path, message);
}

/* Every warning goes through here: during a build, workers warn too. */
static void say(presscut_index_t *ix, const char *path, long line, const char *msg)
{
    if (ix->catching && !ix->cur_reason[0])
        snprintf(ix->cur_reason, sizeof ix->cur_reason, "%s", msg);
    if (ix->build)
        pc_build_warn(ix->build, path, line, msg);
    else
        ix->warn(ix->warn_ctx, path, line, msg);
}

static void warn(presscut_index_t *ix, const char *path, long line, const char *msg)
{
    ix->stats.skipped++;
    say(ix, path, line, msg);
}

/* An index written by another schema or tokenizer would answer queries
 * with silently wrong results: refuse it.  A new database gets our marks. */
static presscut_status_t check_versions(presscut_index_t *ix, const char *path,
                                        const char *language)
{
    static const char tokver[] = { '0' + PC_TOKENIZER_VERSION, '\0' };
    const struct { const char *key, *want; } marks[] = {
        { PC_META_SCHEMA, PC_SCHEMA_VERSION },
        { PC_META_TOKENIZER, tokver },
        { PC_META_LANGUAGE, language },
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        char *have = NULL;
        size_t len;
        presscut_status_t st = xc_wdb_get_metadata(ix->db, marks[i].key, &have, &len);
        if (st != PRESSCUT_OK)
            return db_failed(ix, st);
        /* Documents without our schema mark: another program's database. */
        bool schema = strcmp(marks[i].key, PC_META_SCHEMA) == 0;
        unsigned docs = 0;
        if (len == 0 && schema && (st = xc_wdb_doccount(ix->db, &docs)) != PRESSCUT_OK) {
            free(have);
            return db_failed(ix, st);
        }
        if (docs > 0) {
            pc_message_set(&ix->err, "%s: a Xapian database that presscut-index did not "
                           "write: refusing to write there; give a new or empty directory "
                           "as --db", path);
            st = PRESSCUT_BAD_ARG;
        } else if (len == 0 && ix->dry_run) {
            st = PRESSCUT_OK;
        } else if (len == 0) {
            st = xc_wdb_set_metadata(ix->db, marks[i].key, marks[i].want,
                                     strlen(marks[i].want));
        } else if (strcmp(have, marks[i].want) != 0) {
            pc_message_set(&ix->err, "%s: index has %s %s, this presscut writes %s: rebuild it "
                      "with presscut-index --full, or into a new --db",
                      path, marks[i].key + strlen("presscut:"), have, marks[i].want);
            st = PRESSCUT_VERSION;
        }
        free(have);
        if (st != PRESSCUT_OK)
            return ix->err ? st : db_failed(ix, st);
    }
    return PRESSCUT_OK;
}

/* Opens the database; with `full`, an index of another version is
 * rebuilt from scratch, the one case where presscut overwrites a database. */
static presscut_status_t open_db(presscut_index_t *ix, const char *path, const char *language,
                                 char **m)
{
    /* check_versions() says why in ix->err, which may hold an earlier
     * failure (a build's, when the index is reopened after it). */
    char *earlier = ix->err;
    ix->err = NULL;
    presscut_status_t st = xc_wdb_open(path, ix->mode, &ix->db, m);
    if (st == PRESSCUT_OK)
        st = check_versions(ix, path, language);
    if (st == PRESSCUT_VERSION && ix->full && !ix->dry_run) {
        xc_wdb_close(ix->db);
        ix->db = NULL;
        st = xc_wdb_open(path, XC_CREATE_OR_OVERWRITE, &ix->db, m);
        if (st == PRESSCUT_OK)
            st = check_versions(ix, path, language);
    }
    if (ix->err) {
        free(*m);
        *m = ix->err;
    }
    ix->err = earlier;
    return st;
}

/* presscut writes only into a directory that is missing, empty, or an
 * index already (a glass database, or a sharded index's stub): never
 * among other files that a typo or swapped arguments point --db at, since
 * a new index is swapped in whole and a compaction swaps the old one out.
 * *fresh says there is no index yet. */
static presscut_status_t check_db_dir(const char *path, bool *fresh, char **m)
{
    struct stat sb;
    *fresh = false;
    if (stat(path, &sb) != 0) {
        *fresh = errno == ENOENT;
        if (*fresh)
            return PRESSCUT_OK;
        pc_message_set(m, "cannot read '%s': %s", path, strerror(errno));
        return PRESSCUT_IO;
    }
    if (!S_ISDIR(sb.st_mode)) {
        pc_message_set(m, "'%s' is not a directory: give a new or empty directory, or an "
                       "index, as --db", path);
        return PRESSCUT_BAD_ARG;
    }
    DIR *d = opendir(path);
    if (!d) {
        pc_message_set(m, "cannot read '%s': %s", path, strerror(errno));
        return PRESSCUT_IO;
    }
    bool index = false;
    char other[NAME_MAX + 1] = "";
    struct dirent *e;
    while (!index && (e = readdir(d))) {
        /* A shard without the stub: a first sharded run killed before
         * it wrote the stub. */
        unsigned n;
        int end = 0;
        if (strcmp(e->d_name, "iamglass") == 0 || strcmp(e->d_name, STUB_NAME) == 0 ||
            (sscanf(e->d_name, PC_SHARD_NAME "%n", &n, &end) == 1 && !e->d_name[end]))
            index = true;
        else if (!other[0] && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            snprintf(other, sizeof other, "%s", e->d_name);
    }
    closedir(d);
    if (!index && other[0]) {
        pc_message_set(m, "'%s' holds '%s' and is not a presscut index: refusing to write "
                       "there; give a new or empty directory as --db", path, other);
        return PRESSCUT_BAD_ARG;
    }
    *fresh = !index;
    return PRESSCUT_OK;
}

presscut_status_t pc_index_shards(const char *path, unsigned *n, char **m)
{
    char *stub = NULL;
    *n = 0;
    if (asprintf(&stub, "%s/" STUB_NAME, path) < 0)
        return PRESSCUT_NOMEM;
    FILE *f = fopen(stub, "r");
    if (!f) {
        struct stat sb;
        int plain = errno == ENOENT && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
        free(stub);
        if (plain && asprintf(&stub, "%s/iamglass", path) >= 0) {
            *n = access(stub, F_OK) == 0;
            free(stub);
        }
        return PRESSCUT_OK;
    }
    char line[256], want[64];
    presscut_status_t st = PRESSCUT_OK;
    while (st == PRESSCUT_OK && fgets(line, sizeof line, f)) {
        snprintf(want, sizeof want, "auto " PC_SHARD_NAME "\n", *n);
        if (strcmp(line, want) == 0 && *n < MAX_SHARDS) {
            (*n)++;
        } else {
            if (asprintf(m, "%s: not a stub written by presscut-index (line '%.*s'): "
                         "index into a new --db", stub, (int)strcspn(line, "\n"), line) < 0)
                *m = NULL;
            st = PRESSCUT_BAD_ARG;
        }
    }
    fclose(f);
    free(stub);
    return st;
}

/* Writes the stub listing the shards, replacing any old one whole. */
static presscut_status_t write_stub(const char *path, unsigned n, char **m)
{
    char *stub = NULL, *tmp = NULL;
    presscut_status_t st = PRESSCUT_OK;
    if (asprintf(&stub, "%s/" STUB_NAME, path) < 0 ||
        asprintf(&tmp, "%s/." STUB_NAME ".tmp", path) < 0) {
        free(stub);
        return PRESSCUT_NOMEM;
    }
    FILE *f = fopen(tmp, "w");
    for (unsigned i = 0; f && i < n; i++)
        fprintf(f, "auto " PC_SHARD_NAME "\n", i);
    if (!f || fclose(f) != 0 || rename(tmp, stub) != 0) {
        if (asprintf(m, "cannot write '%s': %s", stub, strerror(errno)) < 0)
            *m = NULL;
        unlink(tmp);
        st = PRESSCUT_IO;
    }
    free(stub);
    free(tmp);
    return st;
}

/* The database of shard i (the index itself when unsharded); caller frees. */
static char *shard_path(const presscut_index_t *ix, unsigned i)
{
    char *p = NULL;
    if (ix->n_shards == 1)
        return strdup(ix->path);
    return asprintf(&p, "%s/" PC_SHARD_NAME, ix->path, i) < 0 ? NULL : p;
}

/* Opens every shard (the index itself when unsharded).  The shard count
 * is fixed when the index is created: routing by hash depends on it. */
static presscut_status_t open_shards(presscut_index_t *ix, const char *path,
                                     const char *language, unsigned want, char **m)
{
    unsigned have = 0;
    presscut_status_t st = pc_index_shards(path, &have, m);
    if (st != PRESSCUT_OK)
        return st;
    if (want > MAX_SHARDS) {
        if (asprintf(m, "--shards %u: at most %u", want, MAX_SHARDS) < 0)
            *m = NULL;
        return PRESSCUT_BAD_ARG;
    }
    if (have && want && have != want) {
        if (asprintf(m, "'%s' has %u shard%s, not %u: an index cannot be resharded in "
                     "place; build a new one with presscut-index --db NEW --shards %u --full "
                     "PATH... and put it in the old one's place", path, have,
                     have == 1 ? "" : "s", want, want) < 0)
            *m = NULL;
        return PRESSCUT_BAD_ARG;
    }
    unsigned n = want ? want : have ? have : 1;
    if (!(ix->shards = calloc(n, sizeof *ix->shards)))
        return PRESSCUT_NOMEM;
    ix->n_shards = n;
    for (unsigned i = 0; i < n && st == PRESSCUT_OK; i++) {
        char *sp = shard_path(ix, i);
        if (!sp)
            return PRESSCUT_NOMEM;
        ix->db = NULL;
        st = open_db(ix, sp, language, m);
        ix->shards[i] = ix->db;
        free(sp);
    }
    ix->db = ix->shards[0];
    if (st == PRESSCUT_OK && n > 1 && !ix->dry_run)
        st = write_stub(path, n, m);
    return st;
}

static unsigned jobs_wanted(unsigned jobs)
{
    if (jobs)
        return jobs;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_AUTO_JOBS ? MAX_AUTO_JOBS : (unsigned)n;
}

/* A new index (one database without documents or catalog entries: a
 * file skipped for what it holds has an entry and no document) is written
 * by threads, unless the staging directory cannot be made beside it: then
 * in place. */
static presscut_status_t start_build(presscut_index_t *ix, unsigned jobs, char **m)
{
    unsigned docs = 0;
    bool empty = false;
    if (ix->dry_run || ix->n_shards != 1 || jobs < 2)
        return PRESSCUT_OK;
    presscut_status_t st = xc_wdb_doccount(ix->db, &docs);
    if (st == PRESSCUT_OK && !docs)
        st = pc_catalog_empty(ix->db, &empty);
    if (st != PRESSCUT_OK) {
        pc_message_set(m, "%s", xc_wdb_error(ix->db));
        return st;
    }
    if (!empty)
        return PRESSCUT_OK;
    st = pc_build_new(ix->path, ix->language, jobs, ix->warn, ix->warn_ctx, &ix->build, m);
    if (st == PRESSCUT_IO) {
        free(*m);
        *m = NULL;
        return PRESSCUT_OK;
    }
    /* The writer keeps the lock and must never write again: Xapian writes
     * by path, and the path will be the merged index's.  A transaction
     * (cancelled at the end) leaves it nothing to write. */
    if (st == PRESSCUT_OK && (st = xc_wdb_begin(ix->db)) != PRESSCUT_OK)
        pc_message_set(m, "%s", xc_wdb_error(ix->db));
    return st;
}

static presscut_status_t index_open(const char *path, const presscut_index_options_t *opts,
                                    xc_open_mode_t mode, presscut_index_t **out, char **msg)
{
    const char *language = opts->language ? opts->language : "english";
    presscut_index_t *ix = calloc(1, sizeof *ix);
    if (!ix)
        return PRESSCUT_NOMEM;
    ix->warn = opts->warn ? opts->warn : warn_stderr;
    ix->warn_ctx = opts->warn_ctx;
    ix->progress = opts->progress;
    ix->progress_ctx = opts->progress_ctx;
    ix->full = opts->full;
    ix->dry_run = opts->dry_run;
    ix->mode = mode;
    ix->max_size = opts->max_size ? opts->max_size : DEFAULT_MAX_SIZE;

    char *m = NULL;
    /* An unknown language is refused here, before it is recorded. */
    presscut_status_t st = PRESSCUT_OK;
    xc_stem_t *stem;
    if (!(ix->lang = pc_language_find(language, strlen(language)))) {
        if (asprintf(&m, "unknown language '%s'", language) < 0)
            m = NULL;
        st = PRESSCUT_BAD_ARG;
    } else if (!(ix->stems = pc_stemset_new(true))) {
        st = PRESSCUT_NOMEM;
    } else {
        st = pc_stemset_get(ix->stems, ix->lang->stemmer, &stem, &ix->cur_stems, &m);
    }
    if (st == PRESSCUT_OK)
        st = pc_tokenizer_new(&ix->tk, &m);
    if (st == PRESSCUT_OK)
        st = pc_splitter_new(&ix->sp, &m);
    if (st == PRESSCUT_OK && !(ix->doc = xc_doc_new()))
        st = PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK && (!(ix->path = strdup(path)) || !(ix->language = strdup(language))))
        st = PRESSCUT_NOMEM;
    bool fresh = false;
    if (st == PRESSCUT_OK)
        st = check_db_dir(path, &fresh, &m);
    /* A dry run writes nothing, not even a new index's directory. */
    if (st == PRESSCUT_OK && ix->dry_run && fresh)
        ix->mode = XC_IN_MEMORY;
    else if (st == PRESSCUT_OK && mkdir(path, 0777) != 0 && errno != EEXIST) {
        if (asprintf(&m, "cannot create '%s': %s", path, strerror(errno)) < 0)
            m = NULL;
        st = PRESSCUT_IO;
    }
    if (st == PRESSCUT_OK)
        st = open_shards(ix, path, ix->lang->stemmer, opts->shards, &m);
    if (st == PRESSCUT_OK)
        st = start_build(ix, jobs_wanted(opts->jobs), &m);
    if (st != PRESSCUT_OK) {
        if (msg)
            *msg = m;
        else
            free(m);
        for (unsigned i = 0; i < ix->n_shards; i++) {
            if (ix->shards[i]) {
                xc_wdb_cancel(ix->shards[i]);
                xc_wdb_close(ix->shards[i]);
            }
        }
        ix->n_shards = 0;
        ix->db = NULL;
        presscut_index_close(ix);
        return st;
    }
    *out = ix;
    return PRESSCUT_OK;
}

presscut_status_t presscut_index_open(const char *path,
                                      const presscut_index_options_t *opts,
                                      presscut_index_t **out, char **msg)
{
    static const presscut_index_options_t defaults = { 0 };
    return index_open(path, opts ? opts : &defaults, XC_CREATE_OR_OPEN, out, msg);
}

presscut_status_t pc_index_open_part(const char *path, const char *language,
                                     presscut_warn_fn warn_fn, void *warn_ctx,
                                     presscut_index_t **out, char **msg)
{
    presscut_index_options_t opts = {
        .language = language, .warn = warn_fn, .warn_ctx = warn_ctx, .jobs = 1,
    };
    return index_open(path, &opts, XC_CREATE_SCRATCH, out, msg);
}

const char *presscut_index_error(const presscut_index_t *ix)
{
    return ix->err ? ix->err : "";
}

void presscut_index_get_stats(const presscut_index_t *ix, presscut_index_stats_t *stats)
{
    *stats = ix->stats;
    if (ix->build)
        pc_build_add_stats(ix->build, stats);
}

static presscut_status_t begin_batch(presscut_index_t *ix);

/* Writes a file's catalog change: at once in a single database (one
 * commit covers documents and catalog), or, sharded, into the batch after
 * the one that holds its documents.  Shards commit one by one, so a run
 * killed between two of them may leave a file's documents half written;
 * its catalog entry must then still say "not done", for the next run to
 * redo it. */
static presscut_status_t apply_catalog(presscut_index_t *ix, const pending_t *op)
{
    presscut_status_t st = begin_batch(ix);
    if (st != PRESSCUT_OK)
        return st;
    if (!op->remove) {
        xc_wdb_t *cat = shard_of(ix, op->path);
        if ((st = pc_catalog_put_file(cat, op->path, &op->entry)) != PRESSCUT_OK)
            return wdb_failed(ix, cat, st);
        return PRESSCUT_OK;
    }
    /* A feed's item entries sit in the shards of their articles. */
    for (unsigned i = 0; i < ix->n_shards; i++)
        if ((st = pc_catalog_delete_file(ix->shards[i], op->path)) != PRESSCUT_OK)
            return wdb_failed(ix, ix->shards[i], st);
    return PRESSCUT_OK;
}

static presscut_status_t build_failed(presscut_index_t *ix, presscut_status_t st)
{
    if (st != PRESSCUT_OK)
        pc_message_set(&ix->err, "%s", st == PRESSCUT_NOMEM ? presscut_status_to_string(st)
                                                            : pc_build_error(ix->build));
    return st;
}

static presscut_status_t change_catalog(presscut_index_t *ix, const char *path, bool remove,
                                        const pc_file_entry_t *e)
{
    /* A new index has nothing to remove. */
    if (ix->build && !remove)
        return build_failed(ix, pc_build_file(ix->build, path, e));
    pending_t op = { (char *)path, remove, { 0 } };
    if (e)
        op.entry = *e;
    if (ix->n_shards == 1)
        return apply_catalog(ix, &op);
    if (ix->n_pending == ix->cap_pending) {
        size_t cap = ix->cap_pending ? 2 * ix->cap_pending : 64;
        pending_t *v = realloc(ix->pending, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        ix->pending = v;
        ix->cap_pending = cap;
    }
    if (!(op.path = strdup(path)))
        return PRESSCUT_NOMEM;
    ix->pending[ix->n_pending++] = op;
    return PRESSCUT_OK;
}

static void drop_pending(presscut_index_t *ix)
{
    for (size_t i = 0; i < ix->n_pending; i++)
        free(ix->pending[i].path);
    ix->n_pending = 0;
}

/* A batch is a transaction on every shard, all committed at its end: a
 * run killed in between leaves each shard whole.  Catalog changes waiting
 * for this batch go into the next one. */
static presscut_status_t end_batch(presscut_index_t *ix)
{
    if (!ix->in_batch)
        return PRESSCUT_OK;
    ix->in_batch = 0;
    ix->batch_bytes = 0;
    presscut_status_t first = PRESSCUT_OK;
    for (unsigned i = 0; i < ix->n_shards; i++) {
        presscut_status_t st = xc_wdb_end(ix->shards[i]);
        if (st != PRESSCUT_OK && first == PRESSCUT_OK)
            first = wdb_failed(ix, ix->shards[i], st);
    }
    for (size_t i = 0; i < ix->n_pending && first == PRESSCUT_OK; i++)
        first = apply_catalog(ix, &ix->pending[i]);
    drop_pending(ix);
    return first;
}

static presscut_status_t begin_batch(presscut_index_t *ix)
{
    if (ix->in_batch)
        return PRESSCUT_OK;
    for (unsigned i = 0; i < ix->n_shards; i++) {
        presscut_status_t st = xc_wdb_begin(ix->shards[i]);
        if (st != PRESSCUT_OK) {
            while (i-- > 0)
                xc_wdb_cancel(ix->shards[i]);
            return wdb_failed(ix, ix->shards[i], st);
        }
    }
    ix->in_batch = 1;
    return PRESSCUT_OK;
}

/* The build's parts become the index; the writer, left on the empty
 * database the build moved away, reopens the index in its place. */
static presscut_status_t finish_build(presscut_index_t *ix)
{
    presscut_status_t st = pc_build_finish(ix->build);
    if (st != PRESSCUT_OK)
        build_failed(ix, st);
    pc_build_add_stats(ix->build, &ix->stats);
    xc_wdb_cancel(ix->db);
    xc_wdb_close(ix->db);
    ix->db = ix->shards[0] = NULL;
    pc_build_destroy(ix->build);
    ix->build = NULL;
    ix->built = st == PRESSCUT_OK;
    char *m = NULL;
    presscut_status_t ost = open_db(ix, ix->path, ix->lang->stemmer, &m);
    ix->shards[0] = ix->db;
    if (ost != PRESSCUT_OK && st == PRESSCUT_OK) {
        pc_message_set(&ix->err, "%s", m ? m : presscut_status_to_string(ost));
        st = ost;
    }
    free(m);
    return st;
}

/* Whether the comma-separated list[0..len) holds name. */
static bool list_has(const char *list, size_t len, const char *name)
{
    size_t n = strlen(name);
    for (size_t at = 0; at < len;) {
        size_t end = at;
        while (end < len && list[end] != ',')
            end++;
        if (end - at == n && memcmp(list + at, name, n) == 0)
            return true;
        at = end + 1;
    }
    return false;
}

/* Longer than any stemmer's name. */
#define LANGUAGE_NAME_MAX 64

/* Appends name to the comma-separated list in b unless it holds it. */
static presscut_status_t list_add(pc_buf_t *b, const char *name, size_t n)
{
    char one[LANGUAGE_NAME_MAX];
    if (n >= sizeof one)
        return PRESSCUT_BAD_ARG;
    memcpy(one, name, n);
    one[n] = '\0';
    if (list_has(b->p, b->len, one))
        return PRESSCUT_OK;
    if (pc_buf_reserve(b, n + 2) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    if (b->len)
        b->p[b->len++] = ',';
    memcpy(b->p + b->len, name, n);
    b->len += n;
    return PRESSCUT_OK;
}

typedef struct held {
    presscut_index_t *ix;
    presscut_status_t st;
} held_t;

/* Whether an article of code is left in any shard; one that names no
 * language carries no code to look for, so "" counts as held. */
static int code_held(void *ctx, const char *code)
{
    held_t *h = ctx;
    if (!code[0])
        return 1;
    char term[16];
    snprintf(term, sizeof term, PC_LANGUAGE_PREFIX "%s", code);
    for (unsigned i = 0; i < h->ix->n_shards; i++) {
        unsigned freq = 0;
        if ((h->st = xc_wdb_termfreq(h->ix->shards[i], term, &freq)) != PRESSCUT_OK) {
            wdb_failed(h->ix, h->ix->shards[i], h->st);
            return 1;
        }
        if (freq)
            return 1;
    }
    return 0;
}

/* Whether a query must still stem in stemmer: the index's own does, and
 * one of this presscut's languages while an article of it is left (a
 * prune or a re-index may have taken the last); one it does not know
 * (written by a later presscut) is kept. */
static presscut_status_t stemmer_held(presscut_index_t *ix, const char *stemmer, bool *held)
{
    held_t h = { ix, PRESSCUT_OK };
    *held = strcmp(stemmer, ix->lang->stemmer) == 0 || !pc_language_of_stemmer(stemmer) ||
            pc_language_each_code(stemmer, code_held, &h);
    return h.st;
}

/* Adds each name of the comma-separated list[0..len) to b; none is
 * that long but in a damaged list, which loses it. */
static presscut_status_t list_add_all(pc_buf_t *b, const char *list, size_t len)
{
    presscut_status_t st = PRESSCUT_OK;
    for (size_t at = 0; at < len && st == PRESSCUT_OK;) {
        const char *comma = memchr(list + at, ',', len - at);
        size_t n = comma ? (size_t)(comma - (list + at)) : len - at;
        if (n && n < LANGUAGE_NAME_MAX)
            st = list_add(b, list + at, n);
        at += n + 1;
    }
    return st;
}

/* *out: the shards' languages and those read since the last commit,
 * less those no article is left of. */
static presscut_status_t languages_held(presscut_index_t *ix, pc_buf_t *out)
{
    pc_buf_t all = { 0 };
    presscut_status_t st = PRESSCUT_OK;
    for (unsigned i = 0; i < ix->n_shards && st == PRESSCUT_OK; i++) {
        char *had = NULL;
        size_t len = 0;
        if ((st = xc_wdb_get_metadata(ix->shards[i], PC_META_LANGUAGES, &had, &len)) != PRESSCUT_OK)
            wdb_failed(ix, ix->shards[i], st);
        else
            st = list_add_all(&all, had, len);
        free(had);
    }
    if (st == PRESSCUT_OK)
        st = list_add_all(&all, ix->languages.p, ix->languages.len);
    for (size_t at = 0; at < all.len && st == PRESSCUT_OK;) {
        char name[LANGUAGE_NAME_MAX];
        const char *comma = memchr(all.p + at, ',', all.len - at);
        size_t n = comma ? (size_t)(comma - (all.p + at)) : all.len - at;
        bool held = false;
        snprintf(name, sizeof name, "%.*s", (int)n, all.p + at);   /* n < LANGUAGE_NAME_MAX */
        if ((st = stemmer_held(ix, name, &held)) == PRESSCUT_OK && held)
            st = list_add(out, name, n);
        at += n + 1;
    }
    free(all.p);
    return st;
}

/* Each shard's list of languages (PC_META_LANGUAGES): what it had and
 * what was read since the last commit, less those no article is left of,
 * so queries stop stemming in them. */
static presscut_status_t store_languages(presscut_index_t *ix)
{
    pc_buf_t now = { 0 };
    presscut_status_t st = languages_held(ix, &now);
    for (unsigned i = 0; i < ix->n_shards && st == PRESSCUT_OK; i++) {
        char *had = NULL;
        size_t len = 0;
        if ((st = xc_wdb_get_metadata(ix->shards[i], PC_META_LANGUAGES, &had, &len)) != PRESSCUT_OK)
            wdb_failed(ix, ix->shards[i], st);
        else if ((len != now.len || (len && memcmp(had, now.p, len) != 0)) &&
                 (st = xc_wdb_set_metadata(ix->shards[i], PC_META_LANGUAGES, now.p ? now.p : "",
                                           now.len)) != PRESSCUT_OK)
            wdb_failed(ix, ix->shards[i], st);
        free(had);
    }
    free(now.p);
    return st;
}

/* Records when the index was last written, for presscut-index --stats,
 * and the languages it holds, and commits every shard. */
static presscut_status_t commit_shards(presscut_index_t *ix)
{
    presscut_status_t st = PRESSCUT_OK;
    if (!ix->dry_run && (st = store_languages(ix)) != PRESSCUT_OK)
        return st;
    if (!ix->dry_run) {
        char when[32];
        time_t t = time(NULL);
        struct tm tm;
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
        st = xc_wdb_set_metadata(ix->shards[0], PC_META_UPDATED, when, strlen(when));
        if (st != PRESSCUT_OK)
            return wdb_failed(ix, ix->shards[0], st);
    }
    for (unsigned i = 0; i < ix->n_shards && st == PRESSCUT_OK; i++)
        if ((st = xc_wdb_commit(ix->shards[i])) != PRESSCUT_OK)
            wdb_failed(ix, ix->shards[i], st);
    return st;
}

presscut_status_t presscut_index_commit(presscut_index_t *ix)
{
    if (ix->build) {
        presscut_status_t st = finish_build(ix);
        return st == PRESSCUT_OK ? commit_shards(ix) : st;
    }
    if (ix->broken) {
        pc_message_set(&ix->err, "an article failed half-way: its batch was dropped");
        return PRESSCUT_INTERNAL;
    }
    presscut_status_t st = end_batch(ix);
    if (st == PRESSCUT_OK)
        st = end_batch(ix);   /* the catalog changes the first one left */
    return st == PRESSCUT_OK ? commit_shards(ix) : st;
}

/* The shard's writer keeps its lock inside a transaction it cancels: it
 * must write nothing by path, which names the copy once swapped. */
static presscut_status_t compact_shard(presscut_index_t *ix, unsigned i)
{
    xc_wdb_t *db = ix->shards[i];
    char *path = shard_path(ix, i), *copy = NULL, *m = NULL;
    pc_staging_t sg = { NULL, NULL };
    presscut_status_t st = path ? pc_staging_begin(&sg, path, &m) : PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK && asprintf(&copy, "%s/compact", sg.dir) < 0)
        st = PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK && (st = xc_wdb_begin(db)) != PRESSCUT_OK)
        pc_message_set(&m, "%s", xc_wdb_error(db));
    if (st == PRESSCUT_OK) {
        const char *src = sg.index;
        ix->stats.compact_before += pc_db_bytes(src);
        st = xc_compact(&src, 1, copy, &m);
        if (st == PRESSCUT_OK)
            st = pc_staging_swap(&sg, copy, false, &m);
        ix->stats.compact_after += pc_db_bytes(src);
        xc_wdb_cancel(db);
    }
    if (st != PRESSCUT_OK)
        pc_message_set(&ix->err, "cannot compact '%s': %s", path ? path : ix->path,
                       m ? m : presscut_status_to_string(st));
    pc_staging_end(&sg);
    free(copy);
    free(m);
    free(path);
    return st;
}

presscut_status_t presscut_index_compact(presscut_index_t *ix)
{
    if (ix->dry_run || ix->compacted) {
        pc_message_set(&ix->err, "%s", ix->dry_run ? "a dry run compacts nothing"
                                                   : "the index is compacted already");
        return PRESSCUT_BAD_ARG;
    }
    presscut_status_t st = presscut_index_commit(ix);
    for (unsigned i = 0; i < ix->n_shards && st == PRESSCUT_OK; i++) {
        if (ix->built) {
            uint64_t n = pc_db_bytes(ix->path);
            ix->stats.compact_before += n;
            ix->stats.compact_after += n;
        } else {
            st = compact_shard(ix, i);
        }
    }
    if (st != PRESSCUT_OK)
        return st;
    for (unsigned i = 0; i < ix->n_shards; i++)
        xc_wdb_close(ix->shards[i]);
    ix->n_shards = 0;
    ix->db = NULL;
    ix->compacted = true;
    return PRESSCUT_OK;
}

presscut_status_t presscut_index_close(presscut_index_t *ix)
{
    if (!ix)
        return PRESSCUT_OK;
    presscut_status_t st = PRESSCUT_OK;
    if (ix->n_shards && (ix->broken || ix->dry_run)) {
        for (unsigned i = 0; i < ix->n_shards; i++) {
            if (ix->in_batch)
                xc_wdb_cancel(ix->shards[i]);
            xc_wdb_close(ix->shards[i]);
        }
        st = ix->broken ? PRESSCUT_INTERNAL : PRESSCUT_OK;
    } else if (ix->n_shards) {
        st = presscut_index_commit(ix);
        for (unsigned i = 0; i < ix->n_shards; i++) {
            presscut_status_t cst = xc_wdb_close(ix->shards[i]);
            if (st == PRESSCUT_OK)
                st = cst;
        }
    }
    pc_build_destroy(ix->build);
    free(ix->shards);
    free(ix->path);
    free(ix->language);
    drop_pending(ix);
    free(ix->pending);
    pc_stemset_destroy(ix->stems);
    free(ix->languages.p);
    pc_tokenizer_destroy(ix->tk);
    pc_splitter_destroy(ix->sp);
    xc_doc_destroy(ix->doc);
    pc_passages_free(&ix->passages);
    free(ix->term.p);
    free(ix->data.p);
    free(ix->key.p);
    free(ix->repairs.p);
    free(ix->shown.p);
    free(ix->err);
    free(ix);
    return st;
}

/* ---- one passage -> one document ---- */

/* An HTML passage keeps its source bytes (its blocks' and what lies
 * between them), unless they are its text already: a citation inside it
 * is found in them, tags and entities counted. */
static void keep_source(const pc_article_t *a, const pc_passage_t *p, pc_record_t *r)
{
    const pc_block_t *first = &a->blocks[p->paragraph - 1];
    const pc_block_t *last = first + p->n_breaks;
    if (!a->html || last->html_end < first->html_start)
        return;
    r->src = a->html + first->html_start;
    r->src_len = last->html_end - first->html_start;
    for (unsigned k = 0; k < p->n_breaks; k++) {
        size_t at = first[k + 1].html_start;
        r->src_breaks[k] = at < first->html_start ? 0
                         : at - first->html_start > r->src_len ? r->src_len
                         : at - first->html_start;
        if (k > 0 && r->src_breaks[k] < r->src_breaks[k - 1])
            r->src_breaks[k] = r->src_breaks[k - 1];
    }
    if (r->src_len == r->text_len && memcmp(r->src, r->text, r->text_len) == 0)
        r->src_len = 0;
}

/* The repairs of invalid UTF-8 among the bytes [from, to) of the article
 * (its html with blocks, else its text) that the passage's record cites
 * from, so that a citation inside it counts the file's bytes. */
static presscut_status_t keep_repairs(presscut_index_t *ix, const pc_article_t *a, size_t from,
                                      size_t to, pc_record_t *r)
{
    size_t lo = 0, hi = a->n_repairs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->repairs[mid] < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    ix->repairs.len = 0;
    for (size_t i = lo; i < a->n_repairs && a->repairs[i] < to; i++)
        if (a->repairs[i] - from <= UINT32_MAX &&
            pc_record_add_repair(&ix->repairs, a->repairs[i] - from) != PRESSCUT_OK)
            return PRESSCUT_NOMEM;
    r->repairs = ix->repairs.p;
    r->n_repairs = ix->repairs.len / 4;
    return PRESSCUT_OK;
}

/* What the words of a text become in a passage's document. */
typedef enum term_kind {
    BODY_WORDS,      /* positional words and their stems */
    TITLE_WORDS,     /* S and ZS terms, weighted */
    SOURCE_WORDS     /* XS terms, boolean */
} term_kind_t;

typedef struct doc_ctx {
    presscut_index_t *ix;
    term_kind_t kind;
    presscut_status_t st;
} doc_ctx_t;

static presscut_status_t add_prefixed(presscut_index_t *ix, term_kind_t kind,
                                      const char *word, size_t len)
{
    const char *prefix = kind == TITLE_WORDS ? "S" : "XS";
    size_t plen = strlen(prefix);
    ix->term.len = 0;
    if (pc_buf_reserve(&ix->term, plen + len + 1) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    memcpy(ix->term.p, prefix, plen);
    memcpy(ix->term.p + plen, word, len);
    if (kind == TITLE_WORDS)
        return xc_doc_add_term(ix->doc, ix->term.p, plen + len, 1);
    return xc_doc_add_boolean_term(ix->doc, ix->term.p, plen + len);
}

/* The word's stem term under prefix (Z, ZS), if it gets one. */
static presscut_status_t add_stem(presscut_index_t *ix, const char *prefix, const char *word,
                                  size_t len)
{
    const char *stem;
    size_t n;
    if (pc_stemcache_get(ix->cur_stems, word, len, &stem, &n) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    if (!stem)
        return PRESSCUT_OK;
    size_t plen = strlen(prefix);
    ix->term.len = 0;
    if (pc_buf_reserve(&ix->term, plen + n + 1) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    memcpy(ix->term.p, prefix, plen);
    memcpy(ix->term.p + plen, stem, n);
    return xc_doc_add_term(ix->doc, ix->term.p, plen + n, 1);
}

static presscut_status_t add_word(presscut_index_t *ix, term_kind_t kind, const char *word,
                                   size_t len, unsigned pos)
{
    presscut_status_t st;
    if (kind != BODY_WORDS) {
        st = add_prefixed(ix, kind, word, len);
        if (st == PRESSCUT_OK && kind == TITLE_WORDS)
            st = add_stem(ix, PC_TITLE_STEM_PREFIX, word, len);
        return st;
    }
    st = xc_doc_add_posting(ix->doc, word, len, pos, 1);
    if (st == PRESSCUT_OK)
        st = add_stem(ix, PC_STEM_PREFIX, word, len);
    return st;
}

/* A Cyrillic word of an article written in both scripts, in Serbian
 * Latin (lib/stem.h), so that a phrase or quote in Latin finds it: its
 * stem is the Cyrillic word's already. */
static presscut_status_t add_latin(presscut_index_t *ix, term_kind_t kind, const pc_token_t *t)
{
    presscut_status_t st = PRESSCUT_OK;
    for (int dj = 0; dj < PC_SERBIAN_LATIN_FORMS && st == PRESSCUT_OK; dj++) {
        char latin[PC_MAX_WORD];
        size_t n = pc_serbian_latin_form(t->word, t->len, dj, latin);
        if (!n)
            continue;
        st = kind != BODY_WORDS ? add_prefixed(ix, kind, latin, n)
                                : xc_doc_add_posting(ix->doc, latin, n, t->pos, 1);
    }
    return st;
}

/* The word and its other terms (tokenize.h), at one position. */
static int on_token(void *vctx, const pc_token_t *t)
{
    doc_ctx_t *c = vctx;
    if (c->kind == BODY_WORDS)
        pc_sig_add_word(&c->ix->sig, t->word, t->len);
    c->st = add_word(c->ix, c->kind, t->word, t->len, t->pos);
    for (unsigned i = 0; i < t->n_also && c->st == PRESSCUT_OK; i++)
        c->st = add_word(c->ix, c->kind, t->also[i], t->also_len[i], t->pos);
    if (c->ix->cur_latin && c->st == PRESSCUT_OK)
        c->st = add_latin(c->ix, c->kind, t);
    return c->st != PRESSCUT_OK;
}

static presscut_status_t add_text_terms(presscut_index_t *ix, term_kind_t kind,
                                        const char *text, size_t len, unsigned *pos)
{
    doc_ctx_t c = { ix, kind, PRESSCUT_OK };
    presscut_status_t st = pc_tokenize(ix->tk, text, len, *pos, on_token, &c, pos);
    if (st != PRESSCUT_OK) {
        pc_message_set(&ix->err, "%s", pc_tokenizer_error(ix->tk));
        return st;
    }
    return c.st;
}

/* The body words of p, paragraph by paragraph. */
static presscut_status_t add_body_terms(presscut_index_t *ix, const char *text,
                                        const pc_passage_t *p)
{
    unsigned pos = 1;
    size_t from = p->start;
    presscut_status_t st = PRESSCUT_OK;
    for (unsigned i = 0; i <= p->n_breaks && st == PRESSCUT_OK; i++) {
        size_t to = i < p->n_breaks ? p->breaks[i] : p->end;
        st = add_text_terms(ix, BODY_WORDS, text + from, to - from, &pos);
        pos += PC_PARAGRAPH_GAP;
        from = to;
    }
    return st;
}

static presscut_status_t add_boolean(presscut_index_t *ix, const char *prefix,
                                     const char *value)
{
    presscut_status_t st = pc_id_term(&ix->term, prefix, value);
    if (st == PRESSCUT_OK)
        st = xc_doc_add_boolean_term(ix->doc, ix->term.p, ix->term.len);
    return st;
}

/* Filters shared by every passage of an article: source, language and date. */
static presscut_status_t add_filters(presscut_index_t *ix, const pc_article_t *a,
                                     const pc_language_t *lang)
{
    /* The day, which date: ranges compare; the time would sort after it. */
    size_t day = strcspn(a->date_iso, "T");
    presscut_status_t st = PRESSCUT_OK;
    unsigned pos = 1;
    if (a->source[0])
        st = add_text_terms(ix, SOURCE_WORDS, a->source, strlen(a->source), &pos);
    if (st == PRESSCUT_OK && lang->code[0])
        st = add_boolean(ix, PC_LANGUAGE_PREFIX, lang->code);
    if (st == PRESSCUT_OK && day)
        st = xc_doc_set_value(ix->doc, PC_SLOT_DATE, a->date_iso, day);
    return st;
}

/* A markdown passage p as shown, without its markup (passage.h), into
 * ix->shown: *shown is p over that text.  Its words are indexed as shown,
 * so that a phrase or quote across a link or emphasis is found. */
static presscut_status_t markdown_text(presscut_index_t *ix, const pc_article_t *a,
                                       const pc_passage_t *p, pc_passage_t *shown)
{
    size_t len = p->end - p->start;
    ix->shown.len = 0;
    if (pc_buf_reserve(&ix->shown, len + 1) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    *shown = *p;
    for (unsigned k = 0; k < p->n_breaks; k++)
        shown->breaks[k] = p->breaks[k] - p->start;
    shown->start = 0;
    return pc_markdown_text(a->text + p->start, len, ix->shown.p, &shown->end, shown->breaks,
                            p->n_breaks);
}

/* The record shows the markdown passage's text, and keeps its bytes in
 * the file as its source, for citations. */
static void keep_markdown(const pc_article_t *a, const pc_passage_t *p, pc_record_t *r)
{
    r->src = a->text + p->start;
    r->src_len = p->end - p->start;
    r->markdown = true;
    for (unsigned k = 0; k < p->n_breaks; k++)
        r->src_breaks[k] = p->breaks[k] - p->start;
}

/* The article's signature, its band terms and its lead term go on its
 * last passage, once every word is in (one document: what a copy
 * look-up reads). */
static presscut_status_t add_signature(presscut_index_t *ix)
{
    pc_signature_t sig;
    unsigned char bytes[PC_SIG_BYTES];
    char term[PC_SIG_TERM_MAX + 1];
    pc_sig_end(&ix->sig, &sig);
    presscut_status_t st = xc_doc_add_boolean_term(ix->doc, PC_SIG_TERM_PREFIX,
                                                   strlen(PC_SIG_TERM_PREFIX));
    for (unsigned b = 0; b < PC_SIG_BANDS && st == PRESSCUT_OK; b++)
        st = xc_doc_add_boolean_term(ix->doc, term, pc_sig_band_term(&sig, b, term));
    size_t lead = pc_sig_lead_term(&sig, term);
    if (lead && st == PRESSCUT_OK)
        st = xc_doc_add_boolean_term(ix->doc, term, lead);
    pc_sig_encode(&sig, bytes);
    return st == PRESSCUT_OK ? xc_doc_set_value(ix->doc, PC_SLOT_COPIES, (const char *)bytes,
                                                sizeof bytes)
                             : st;
}

static presscut_status_t index_passage(presscut_index_t *ix, const pc_article_t *a,
                                       const pc_language_t *lang, size_t i)
{
    const pc_passage_t *p = &ix->passages.v[i];
    presscut_status_t st;
    unsigned pos = 1;
    const char *text = a->text;
    pc_passage_t md;
    const pc_passage_t *shown = p;
    if (a->format == PC_FORMAT_MARKDOWN) {
        if ((st = markdown_text(ix, a, p, &md)) != PRESSCUT_OK)
            return st;
        if (md.end != p->end - p->start) {
            text = ix->shown.p;
            shown = &md;
        }
    }
    xc_doc_clear(ix->doc);
    if ((st = add_body_terms(ix, text, shown)) != PRESSCUT_OK)
        return st;
    if (i + 1 == ix->passages.n && (st = add_signature(ix)) != PRESSCUT_OK)
        return st;
    if (a->title[0] &&
        (st = add_text_terms(ix, TITLE_WORDS, a->title, strlen(a->title), &pos)) != PRESSCUT_OK)
        return st;
    if ((st = add_boolean(ix, "A", a->id)) != PRESSCUT_OK ||
        (st = add_boolean(ix, "F", ix->cur_path)) != PRESSCUT_OK ||
        (st = add_filters(ix, a, lang)) != PRESSCUT_OK)
        return st;
    if ((st = pc_id_term(&ix->key, "", a->id)) != PRESSCUT_OK ||
        (st = xc_doc_set_value(ix->doc, PC_SLOT_ARTICLE, ix->key.p, ix->key.len)) != PRESSCUT_OK)
        return st;
    if ((st = pc_order_key(&ix->key, a->path, a->id, p->paragraph, p->part)) != PRESSCUT_OK ||
        (st = xc_doc_set_value(ix->doc, PC_SLOT_ORDER, ix->key.p, ix->key.len)) != PRESSCUT_OK)
        return st;

    const pc_passage_t *prev = i > 0 ? p - 1 : NULL;
    const pc_passage_t *next = i + 1 < ix->passages.n ? p + 1 : NULL;
    pc_record_t r = {
        .article_id = a->id, .path = a->path, .title = a->shown_title, .date = a->date_iso,
        .date_text = a->date, .source = a->source, .url = a->url, .language = lang->code,
        .paragraph = p->paragraph, .part = p->part,
        .n_breaks = p->n_breaks,
        .prev_paragraph = prev ? prev->paragraph : 0, .prev_part = prev ? prev->part : 0,
        .next_paragraph = next ? next->paragraph : 0, .next_part = next ? next->part : 0,
        .line = a->line, .start = pc_article_source_offset(a, p->start),
        .end = pc_article_source_offset(a, p->end),
        .text = text + shown->start, .text_len = shown->end - shown->start,
    };
    for (unsigned k = 0; k < p->n_breaks; k++)
        r.breaks[k] = shown->breaks[k] - shown->start;
    if (shown != p)
        keep_markdown(a, p, &r);
    size_t from = p->start, to = p->end;
    if (a->n_blocks > 0) {
        keep_source(a, p, &r);
        from = a->blocks[p->paragraph - 1].html_start;
        to = a->blocks[p->paragraph - 1 + p->n_breaks].html_end;
    }
    if (a->n_repairs && (st = keep_repairs(ix, a, from, to, &r)) != PRESSCUT_OK)
        return st;
    if ((st = pc_record_encode(&r, &ix->data)) != PRESSCUT_OK ||
        (st = xc_doc_set_value(ix->doc, PC_SLOT_RECORD, ix->data.p, ix->data.len)) != PRESSCUT_OK)
        return st;
    if ((st = xc_wdb_add(ix->db, ix->doc, NULL)) != PRESSCUT_OK)
        return db_failed(ix, st);
    return PRESSCUT_OK;
}

static int sign_word(void *ctx, const pc_token_t *t)
{
    pc_sig_add_word(ctx, t->word, t->len);
    return 0;
}

/* An article's signature starts with its title's words: the bodies of
 * routine reports (a dividend, a price table) differ in a word or two,
 * their titles in the company named.  Its body words follow as they are
 * indexed (on_token()). */
static presscut_status_t sign_title(presscut_index_t *ix, const pc_article_t *a)
{
    pc_sig_begin(&ix->sig);
    presscut_status_t st = pc_tokenize(ix->tk, a->title, strlen(a->title), 1, sign_word,
                                       &ix->sig, NULL);
    pc_sig_begin_body(&ix->sig);
    if (st != PRESSCUT_OK)
        pc_message_set(&ix->err, "%s: %s", a->path, pc_tokenizer_error(ix->tk));
    return st;
}

/* A feed article's content, as far as its passages depend on it. */
static uint64_t article_hash(const pc_article_t *a)
{
    XXH3_state_t *h = XXH3_createState();
    if (!h)
        return 0;   /* never equal to a stored hash by more than chance: re-indexes */
    XXH3_64bits_reset(h);
    const char *fields[] = { a->title, a->date, a->source, a->url, a->language };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        XXH3_64bits_update(h, fields[i], strlen(fields[i]) + 1);
    XXH3_64bits_update(h, a->text, a->text_len);
    uint64_t v = XXH3_64bits_digest(h);
    XXH3_freeState(h);
    return v;
}

/* The language article a names, else --language's. */
static const pc_language_t *article_language(const presscut_index_t *ix, const pc_article_t *a)
{
    const pc_language_t *l = pc_language_find(a->language, strlen(a->language));
    return l ? l : ix->lang;
}

/* Replaces whatever the index held for this article id with its passages. */
static presscut_status_t write_article(presscut_index_t *ix, const pc_article_t *a)
{
    presscut_status_t st = a->n_blocks > 0
        ? pc_article_block_passages(a, &ix->passages)
        : pc_passages_split(ix->sp, a->text, a->body_start, a->body_end, &ix->passages);
    if (st != PRESSCUT_OK) {
        pc_message_set(&ix->err, "%s: cannot split into passages: %s", a->path,
                  presscut_status_to_string(st));
        return st;
    }
    pc_passages_merge(&ix->passages);
    if (ix->passages.n == 0) {
        warn(ix, a->path, a->line, "no text to index");
        return PRESSCUT_EMPTY;
    }
    if ((st = begin_batch(ix)) != PRESSCUT_OK)
        return st;
    ix->db = shard_of(ix, a->id);
    ix->broken = 1;
    if ((st = pc_id_term(&ix->term, "A", a->id)) != PRESSCUT_OK)
        return st;
    /* Deleting by a term Xapian has never seen still costs a posting
     * list merge: ask first. */
    unsigned had = 0;
    if ((st = xc_wdb_termfreq(ix->db, ix->term.p, &had)) != PRESSCUT_OK ||
        (had && (st = xc_wdb_delete_term(ix->db, ix->term.p)) != PRESSCUT_OK))
        return db_failed(ix, st);

    if ((st = sign_title(ix, a)) != PRESSCUT_OK)
        return st;
    const pc_language_t *lang = article_language(ix, a);
    xc_stem_t *stem;
    char *m = NULL;
    /* Every stemmer of the table exists: only memory can fail. */
    if ((st = pc_stemset_get(ix->stems, lang->stemmer, &stem, &ix->cur_stems, &m)) != PRESSCUT_OK) {
        pc_message_set(&ix->err, "%s: %s", a->path, m ? m : presscut_status_to_string(st));
        free(m);
        return st;
    }
    ix->cur_latin = pc_stemmer_two_scripts(lang->stemmer);
    pc_tokenizer_set_suffixes(ix->tk, pc_tokenize_suffixes_for(lang->stemmer));
    pc_tokenizer_set_simplify(ix->tk, pc_tokenize_simplifies_for(lang->code));
    for (size_t i = 0; i < ix->passages.n; i++) {
        st = index_passage(ix, a, lang, i);
        if (st != PRESSCUT_OK) {
            if (!ix->err)
                pc_message_set(&ix->err, "%s: %s", a->path, presscut_status_to_string(st));
            return st;
        }
    }
    ix->broken = 0;
    ix->stats.passages += ix->passages.n;
    ix->batch_bytes += a->text_len;
    return PRESSCUT_OK;
}

/* Writes article a of the current file, and its item entry when it comes
 * from a feed; counts it.  EMPTY: it has no text (warned, not written). */
static presscut_status_t store_article(presscut_index_t *ix, const pc_article_t *a,
                                       uint64_t hash, bool known)
{
    presscut_status_t st = write_article(ix, a);
    if (st == PRESSCUT_OK && a->format == PC_FORMAT_JSONL) {
        xc_wdb_t *cat = shard_of(ix, a->id);
        if ((st = pc_catalog_put_item(cat, ix->cur_path, a->id, hash)) != PRESSCUT_OK)
            return wdb_failed(ix, cat, st);
    }
    if (st == PRESSCUT_EMPTY)
        return st;
    if (st != PRESSCUT_OK)
        return ix->err ? st : db_failed(ix, st);
    *(known ? &ix->stats.updated : &ix->stats.added) += 1;
    if (ix->batch_bytes >= BATCH_BYTES)
        return end_batch(ix);
    return PRESSCUT_OK;
}

/* Notes the stemmer of article a for PC_META_LANGUAGES; says when a
 * names a language presscut does not know. */
static presscut_status_t note_language(presscut_index_t *ix, const pc_article_t *a)
{
    const pc_language_t *l = pc_language_find(a->language, strlen(a->language));
    if (a->language[0] && !l) {
        char *msg = NULL;
        if (asprintf(&msg, "unknown language '%s': stemmed as %s", a->language,
                     ix->lang->name) < 0)
            return PRESSCUT_NOMEM;
        say(ix, a->path, a->line, msg);
        free(msg);
    }
    const char *stemmer = (l ? l : ix->lang)->stemmer;
    return list_add(&ix->languages, stemmer, strlen(stemmer));
}

/* One article of the current file or feed: feed articles are compared
 * with the catalog one by one, a file's article changed with its file. */
static presscut_status_t on_article(void *vix, const pc_article_t *a)
{
    presscut_index_t *ix = vix;
    bool known = ix->cur_known;
    uint64_t hash = 0;
    presscut_status_t st = note_language(ix, a);
    if (st != PRESSCUT_OK)
        return st;
    ix->stats.bytes += a->body_end - a->body_start;
    if (a->format == PC_FORMAT_JSONL) {
        uint64_t old = 0;
        hash = article_hash(a);
        /* An item entry lives with its article: both commit together. */
        xc_wdb_t *cat = shard_of(ix, a->id);
        if ((st = pc_catalog_get_item(cat, ix->cur_path, a->id, &old, &known)) != PRESSCUT_OK)
            return wdb_failed(ix, cat, st);
        if (known && old == hash && !ix->full) {
            ix->cur_articles++;
            ix->stats.unchanged++;
            return PRESSCUT_OK;
        }
    }
    if (ix->build) {
        /* The worker counts it, once written. */
        st = build_failed(ix, pc_build_article(ix->build, a, ix->cur_path, hash));
    } else if (ix->dry_run) {
        st = PRESSCUT_OK;
        *(known ? &ix->stats.updated : &ix->stats.added) += 1;
    } else {
        st = store_article(ix, a, hash, known);
    }
    if (st == PRESSCUT_EMPTY)
        return PRESSCUT_OK;
    if (st == PRESSCUT_OK) {
        ix->cur_articles++;
        ix->prog.articles++;
    }
    return st;
}

presscut_status_t pc_index_write_article(presscut_index_t *ix, const pc_article_t *a,
                                         const char *file, uint64_t item_hash)
{
    ix->cur_path = file;
    bool known = false;
    if (a->format == PC_FORMAT_JSONL) {
        /* A feed that repeats an id: counted as one writer would count it. */
        uint64_t old = 0;
        xc_wdb_t *cat = shard_of(ix, a->id);
        presscut_status_t st = pc_catalog_get_item(cat, file, a->id, &old, &known);
        if (st != PRESSCUT_OK)
            return wdb_failed(ix, cat, st);
        if (known && old == item_hash) {
            ix->stats.unchanged++;
            return PRESSCUT_OK;
        }
    }
    presscut_status_t st = store_article(ix, a, item_hash, known);
    return st == PRESSCUT_EMPTY ? PRESSCUT_OK : st;
}

presscut_status_t pc_index_put_file(presscut_index_t *ix, const char *path,
                                    const pc_file_entry_t *e)
{
    return change_catalog(ix, path, false, e);
}

static void on_warn(void *vix, const char *path, long line, const char *message)
{
    say(vix, path, line, message);
}

static presscut_status_t put_file_entry(presscut_index_t *ix, const char *path,
                                        const pc_file_entry_t *e)
{
    return ix->dry_run ? PRESSCUT_OK : change_catalog(ix, path, false, e);
}

static int64_t mtime_ns(const struct stat *sb)
{
    return (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

/* A feed, a file over the size limit or one refused as binary is hashed
 * in pieces, never loaded whole: enough to tell a touch from a change. */
static presscut_status_t hash_in_pieces(presscut_index_t *ix, const char *path,
                                         pc_file_entry_t *e, bool *read)
{
    int err = 0;
    presscut_status_t st = pc_catalog_hash_file(path, &e->hash, &err);
    *read = st == PRESSCUT_OK;
    if (st == PRESSCUT_IO) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot read: %s", strerror(err));
        warn(ix, path, 0, msg);
        return PRESSCUT_OK;
    }
    return st;
}

/* Feeds are streamed, not loaded: hashed in one pass, parsed (when the
 * hash changed) in another, article by article against the catalog. */
static presscut_status_t index_feed_file(presscut_index_t *ix, const char *path,
                                         const pc_file_entry_t *old, pc_file_entry_t *e)
{
    bool read = false;
    presscut_status_t st = hash_in_pieces(ix, path, e, &read);
    if (st != PRESSCUT_OK || !read)
        return st;
    if (old && !ix->full && old->hash == e->hash) {
        e->articles = old->articles;
        ix->stats.unchanged += old->articles;
        return put_file_entry(ix, path, e);
    }
    unsigned skipped = 0;
    ix->cur_path = path;
    ix->cur_known = false;
    ix->cur_articles = 0;
    st = pc_article_read_file(path, on_article, on_warn, ix, &skipped);
    ix->stats.skipped += skipped;
    if (st == PRESSCUT_IO) {
        ix->stats.skipped++;
        return PRESSCUT_OK;
    }
    e->articles = ix->cur_articles;
    return st == PRESSCUT_OK ? put_file_entry(ix, path, e) : st;
}

typedef struct repoint {
    presscut_index_t *ix;
    const char *from, *to;
} repoint_t;

/* Gives one passage document of a moved file its new path: the same
 * words and positions, other ids.  A file's article id is its path. */
static presscut_status_t repoint_doc(void *vctx, xc_doc_t *doc)
{
    repoint_t *c = vctx;
    presscut_index_t *ix = c->ix;
    char *data = NULL;
    size_t len;
    pc_record_t r;
    presscut_status_t st = xc_doc_get_value(doc, PC_SLOT_RECORD, &data, &len);
    if (st == PRESSCUT_OK)
        st = pc_record_decode(data, len, &r);
    if (st != PRESSCUT_OK) {
        free(data);
        return st;
    }
    const char *prefixes[] = { "A", "F" };
    for (int to = 0; to < 2 && st == PRESSCUT_OK; to++) {
        for (size_t i = 0; i < 2 && st == PRESSCUT_OK; i++) {
            if ((st = pc_id_term(&ix->term, prefixes[i], to ? c->to : c->from)) != PRESSCUT_OK)
                break;
            st = to ? xc_doc_add_boolean_term(doc, ix->term.p, ix->term.len)
                    : xc_doc_remove_term(doc, ix->term.p, ix->term.len);
        }
    }
    r.article_id = r.path = c->to;
    if (st == PRESSCUT_OK && (st = pc_record_encode(&r, &ix->data)) == PRESSCUT_OK)
        st = xc_doc_set_value(doc, PC_SLOT_RECORD, ix->data.p, ix->data.len);
    free(data);
    if (st == PRESSCUT_OK && (st = pc_id_term(&ix->key, "", c->to)) == PRESSCUT_OK)
        st = xc_doc_set_value(doc, PC_SLOT_ARTICLE, ix->key.p, ix->key.len);
    if (st == PRESSCUT_OK && (st = pc_order_key(&ix->key, c->to, c->to, r.paragraph, r.part)) == PRESSCUT_OK)
        st = xc_doc_set_value(doc, PC_SLOT_ORDER, ix->key.p, ix->key.len);
    if (st != PRESSCUT_OK)
        return st;
    xc_wdb_t *dst = shard_of(ix, c->to);
    if ((st = xc_wdb_add(dst, doc, NULL)) != PRESSCUT_OK)
        return wdb_failed(ix, dst, st);
    return PRESSCUT_OK;
}

/* A file that vanished and turned up under another name with the same
 * bytes keeps its passages: they are re-pointed, not re-tokenized. */
static presscut_status_t repoint_file(presscut_index_t *ix, gone_t *g, const char *path,
                                      const pc_file_entry_t *e)
{
    g->moved = true;
    ix->stats.moved += g->entry.articles;
    if (ix->dry_run)
        return PRESSCUT_OK;
    presscut_status_t st = begin_batch(ix);
    char *from_term = NULL;
    if (st == PRESSCUT_OK && (st = pc_id_term(&ix->term, "F", g->path)) == PRESSCUT_OK &&
        !(from_term = strdup(ix->term.p)))
        st = PRESSCUT_NOMEM;
    repoint_t c = { ix, g->path, path };
    for (unsigned i = 0; i < ix->n_shards && st == PRESSCUT_OK; i++) {
        st = xc_wdb_each_doc(ix->shards[i], from_term, repoint_doc, &c);
        if (st != PRESSCUT_OK && !ix->err)
            wdb_failed(ix, ix->shards[i], st);
    }
    for (unsigned i = 0; i < ix->n_shards && st == PRESSCUT_OK; i++)
        if ((st = xc_wdb_delete_term(ix->shards[i], from_term)) != PRESSCUT_OK)
            wdb_failed(ix, ix->shards[i], st);
    free(from_term);
    pc_file_entry_t moved = g->entry;   /* a skipped file stays skipped */
    moved.size = e->size;
    moved.mtime_ns = e->mtime_ns;
    if (st == PRESSCUT_OK)
        st = change_catalog(ix, path, false, &moved);
    if (st == PRESSCUT_OK)
        st = change_catalog(ix, g->path, true, NULL);
    return st;
}

static gone_t *moved_from(walk_t *w, uint64_t hash)
{
    for (size_t i = 0; i < w->n_gone; i++)
        if (!w->gone[i].moved && w->gone[i].entry.hash == hash &&
            pc_format_of(w->gone[i].path) != PC_FORMAT_JSONL)
            return &w->gone[i];
    return NULL;
}

/* The articles of a cataloged file go: it is gone, or it now holds none
 * (emptied, say), and theirs cite bytes that are no longer there. */
static presscut_status_t drop_articles(presscut_index_t *ix, const char *path,
                                       const pc_file_entry_t *old)
{
    ix->stats.removed += old->articles;
    if (ix->dry_run || old->articles == 0)
        return PRESSCUT_OK;
    presscut_status_t st = begin_batch(ix);
    if (st != PRESSCUT_OK || (st = pc_id_term(&ix->term, "F", path)) != PRESSCUT_OK)
        return st;
    /* A feed's articles went to the shards of their ids. */
    for (unsigned i = 0; i < ix->n_shards; i++)
        if ((st = xc_wdb_delete_term(ix->shards[i], ix->term.p)) != PRESSCUT_OK)
            return wdb_failed(ix, ix->shards[i], st);
    return PRESSCUT_OK;
}

/* A file skipped whole, for what it holds or for its size, is cataloged
 * with no articles and the reason: a later run passes over it quietly
 * while it is unchanged, and reports it again once it changes. */
static presscut_status_t catalog_skip(presscut_index_t *ix, const char *path,
                                      const pc_file_entry_t *old, pc_file_entry_t *e,
                                      pc_skip_t kind, const char *reason)
{
    e->articles = 0;
    e->skip = kind;
    snprintf(e->reason, sizeof e->reason, "%s", reason);
    presscut_status_t st = old ? drop_articles(ix, path, old) : PRESSCUT_OK;
    return st == PRESSCUT_OK ? put_file_entry(ix, path, e) : st;
}

/* Whether a cataloged file whose bytes are unchanged needs no more look:
 * one skipped for its size does once the limit lets it in.  (An indexed
 * file stays indexed under a lower limit until it changes.) */
static bool settled(const presscut_index_t *ix, const pc_file_entry_t *old)
{
    return old->skip != PC_SKIP_SIZE || old->size > ix->max_size;
}

/* Parses a changed file and catalogs what came of it. */
static presscut_status_t parse_file(presscut_index_t *ix, const char *path, const char *bytes,
                                    size_t len, const pc_file_entry_t *old, pc_file_entry_t *e)
{
    unsigned skipped = 0;
    ix->cur_path = path;
    ix->cur_known = old && old->articles > 0;
    ix->cur_articles = 0;
    ix->cur_reason[0] = '\0';
    ix->catching = true;
    presscut_status_t st = pc_article_parse(path, bytes, len, on_article, on_warn, ix, &skipped);
    ix->catching = false;
    ix->stats.skipped += skipped;
    if (st != PRESSCUT_OK)
        return st;
    if (ix->cur_articles == 0)
        return catalog_skip(ix, path, old, e, PC_SKIP_CONTENT,
                            ix->cur_reason[0] ? ix->cur_reason : "no article");
    e->articles = ix->cur_articles;
    return put_file_entry(ix, path, e);
}

/* A file is read only when its size or mtime changed, and re-indexed
 * only when its bytes did.  A file that cannot be read keeps what the
 * index holds for it, and is reported every run until it can be. */
static presscut_status_t index_file(presscut_index_t *ix, walk_t *w, const char *path,
                                    const struct stat *sb)
{
    pc_file_entry_t old = { 0 };
    bool known;
    xc_wdb_t *cat = shard_of(ix, path);
    presscut_status_t st = pc_catalog_get_file(cat, path, &old, &known);
    if (st != PRESSCUT_OK)
        return wdb_failed(ix, cat, st);
    pc_file_entry_t e = { .size = (uint64_t)sb->st_size, .mtime_ns = mtime_ns(sb) };
    bool unchanged = known && !ix->full && settled(ix, &old);
    if (unchanged && old.size == e.size && old.mtime_ns == e.mtime_ns) {
        ix->stats.unchanged += old.articles;
        return PRESSCUT_OK;
    }
    if (pc_format_of(path) == PC_FORMAT_JSONL)
        return index_feed_file(ix, path, known ? &old : NULL, &e);
    char *bytes = NULL, *why = NULL;
    size_t len = 0;
    bool large = e.size > ix->max_size, read = false, refused = false;
    if (large) {
        st = hash_in_pieces(ix, path, &e, &read);
    } else {
        st = pc_file_load(path, ix->max_size, &bytes, &len, &why);
        if ((read = st == PRESSCUT_OK)) {
            e.hash = pc_catalog_hash(bytes, len);
        } else if (st == PRESSCUT_BAD_INPUT) {
            /* Refused for what it holds (binary) before being read whole:
             * hashed in pieces, so that it is reported once, not by every run. */
            refused = true;
            st = hash_in_pieces(ix, path, &e, &read);
        } else if (why) {
            warn(ix, path, 0, why);
        }
        st = st == PRESSCUT_NOMEM ? st : PRESSCUT_OK;
    }
    gone_t *g = NULL;
    if (!read) {
        /* unreadable, or changed while read: reported, looked at again next run */
    } else if (unchanged && old.hash == e.hash) {
        pc_file_entry_t kept = old;
        kept.size = e.size;
        kept.mtime_ns = e.mtime_ns;
        ix->stats.unchanged += old.articles;
        st = put_file_entry(ix, path, &kept);
    } else if (large) {
        char reason[PC_SKIP_REASON_MAX];
        snprintf(reason, sizeof reason, "file too large (%" PRIu64 " bytes, limit %" PRIu64 ")",
                 e.size, ix->max_size);
        warn(ix, path, 0, reason);
        st = catalog_skip(ix, path, known ? &old : NULL, &e, PC_SKIP_SIZE, reason);
    } else if (refused) {
        const char *reason = why ? why : "refused";
        warn(ix, path, 0, reason);
        st = catalog_skip(ix, path, known ? &old : NULL, &e, PC_SKIP_CONTENT, reason);
    } else if (!known && !ix->full && (g = moved_from(w, e.hash)) != NULL) {
        st = repoint_file(ix, g, path, &e);
    } else {
        st = parse_file(ix, path, bytes, len, known ? &old : NULL, &e);
    }
    free(why);
    free(bytes);
    return st;
}

/* ---- walking ---- */

static void walk_free(walk_t *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->files[i].path);
    free(w->files);
    for (size_t i = 0; i < w->n_unreadable; i++)
        free(w->unreadable[i]);
    free(w->unreadable);
    for (size_t i = 0; i < w->n_gone; i++)
        free(w->gone[i].path);
    free(w->gone);
}

static presscut_status_t walk_add(walk_t *w, const char *path, const struct stat *sb)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 256;
        file_item_t *v = realloc(w->files, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        w->files = v;
        w->cap = cap;
    }
    if (!(w->files[w->n].path = strdup(path)))
        return PRESSCUT_NOMEM;
    w->files[w->n++].sb = *sb;
    return PRESSCUT_OK;
}

static presscut_status_t walk_unreadable(presscut_index_t *ix, walk_t *w, const char *dir,
                                         const char *why)
{
    warn(ix, dir, 0, why);
    char **v = realloc(w->unreadable, (w->n_unreadable + 1) * sizeof *v);
    if (!v)
        return PRESSCUT_NOMEM;
    w->unreadable = v;
    if (!(v[w->n_unreadable] = strdup(dir)))
        return PRESSCUT_NOMEM;
    w->n_unreadable++;
    return PRESSCUT_OK;
}

static int not_hidden(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

/* Symbolic links to directories are not followed, which rules out loops;
 * links to files are. */
static presscut_status_t walk_dir(presscut_index_t *ix, walk_t *w, const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, not_hidden, alphasort);
    if (n < 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot read directory: %s", strerror(errno));
        return walk_unreadable(ix, w, dir, msg);
    }
    presscut_status_t st = PRESSCUT_OK;
    for (int i = 0; i < n; i++) {
        char *child = NULL;
        struct stat sb;
        if (st != PRESSCUT_OK) {
            /* freeing the rest */
        } else if (asprintf(&child, "%s/%s", dir, names[i]->d_name) < 0) {
            child = NULL;
            st = PRESSCUT_NOMEM;
        } else if (lstat(child, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            st = walk_dir(ix, w, child);
        } else if (pc_format_of(child) == PC_FORMAT_UNKNOWN) {
            /* not an article file */
        } else if (stat(child, &sb) != 0) {
            char msg[256];
            snprintf(msg, sizeof msg, "cannot read: %s",
                     errno == ELOOP ? "symbolic link loop" : strerror(errno));
            warn(ix, child, 0, msg);
        } else if (S_ISREG(sb.st_mode)) {
            st = walk_add(w, child, &sb);
        }
        free(child);
        free(names[i]);
    }
    free(names);
    return st;
}

static int cmp_item(const void *a, const void *b)
{
    return strcmp(((const file_item_t *)a)->path, ((const file_item_t *)b)->path);
}

typedef struct gone_scan {
    presscut_index_t *ix;
    walk_t *w;
} gone_scan_t;

/* Notes a cataloged file below the root that the walk did not find. */
static presscut_status_t note_gone(void *vctx, const char *path)
{
    gone_scan_t *c = vctx;
    presscut_index_t *ix = c->ix;
    walk_t *w = c->w;
    file_item_t key = { .path = (char *)path };
    if (bsearch(&key, w->files, w->n, sizeof key, cmp_item))
        return PRESSCUT_OK;
    for (size_t i = 0; i < w->n_unreadable; i++) {
        size_t n = strlen(w->unreadable[i]);
        if (strncmp(path, w->unreadable[i], n) == 0 && path[n] == '/')
            return PRESSCUT_OK;
    }
    gone_t g = { .path = NULL };
    bool known;
    xc_wdb_t *cat = shard_of(ix, path);
    presscut_status_t st = pc_catalog_get_file(cat, path, &g.entry, &known);
    if (st != PRESSCUT_OK)
        return wdb_failed(ix, cat, st);
    if (!known)
        return PRESSCUT_OK;
    if (w->n_gone == w->cap_gone) {
        size_t cap = w->cap_gone ? 2 * w->cap_gone : 16;
        gone_t *v = realloc(w->gone, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        w->gone = v;
        w->cap_gone = cap;
    }
    if (!(g.path = strdup(path)))
        return PRESSCUT_NOMEM;
    w->gone[w->n_gone++] = g;
    return PRESSCUT_OK;
}

/* A file that is gone, and did not move: its articles go. */
static presscut_status_t remove_file(presscut_index_t *ix, const gone_t *g)
{
    presscut_status_t st = drop_articles(ix, g->path, &g->entry);
    if (st != PRESSCUT_OK || ix->dry_run)
        return st;
    return change_catalog(ix, g->path, true, NULL);
}

/* After presscut_index_compact() the writers are gone. */
static bool closed(presscut_index_t *ix)
{
    if (ix->compacted)
        pc_message_set(&ix->err, "the index was compacted: it takes no more articles");
    return ix->compacted;
}

presscut_status_t presscut_index_add_path(presscut_index_t *ix, const char *path)
{
    char real[PATH_MAX];
    struct stat sb;
    if (closed(ix))
        return PRESSCUT_BAD_ARG;
    /* A root that is missing altogether (an unmounted share, a typo) is an
     * error for the caller, never a reason to empty the index. */
    if (stat(path, &sb) != 0 || !realpath(path, real)) {
        pc_message_set(&ix->err, "cannot read '%s': %s", path,
                       errno == ELOOP ? "symbolic link loop" : strerror(errno));
        return PRESSCUT_BAD_ARG;
    }
    walk_t w = { 0 };
    presscut_status_t st = PRESSCUT_OK;
    if (S_ISDIR(sb.st_mode))
        st = walk_dir(ix, &w, real);
    else if (S_ISREG(sb.st_mode))
        st = walk_add(&w, real, &sb);
    else
        warn(ix, path, 0, "not a file or directory");
    if (w.n)   /* qsort(NULL, 0, ...) is undefined */
        qsort(w.files, w.n, sizeof *w.files, cmp_item);
    ix->prog.files_total += w.n;
    for (size_t i = 0; i < w.n; i++)
        ix->prog.bytes_total += (uint64_t)w.files[i].sb.st_size;
    gone_scan_t scan = { ix, &w };
    for (unsigned i = 0; i < ix->n_shards && st == PRESSCUT_OK; i++) {
        st = pc_catalog_each_file(ix->shards[i], real, note_gone, &scan);
        if (st != PRESSCUT_OK && !ix->err)
            wdb_failed(ix, ix->shards[i], st);
    }
    for (size_t i = 0; i < w.n && st == PRESSCUT_OK; i++) {
        st = index_file(ix, &w, w.files[i].path, &w.files[i].sb);
        ix->prog.files_done++;
        ix->prog.bytes_done += (uint64_t)w.files[i].sb.st_size;
        if (ix->progress)
            ix->progress(ix->progress_ctx, &ix->prog);
    }
    for (size_t i = 0; i < w.n_gone && st == PRESSCUT_OK; i++)
        if (!w.gone[i].moved)
            st = remove_file(ix, &w.gone[i]);
    walk_free(&w);
    return st;
}

/* A cataloged file that no longer exists (a missing parent too); one that
 * cannot be looked at (EACCES, EIO) is not known to be gone. */
static presscut_status_t prune_one(void *vix, const char *path)
{
    presscut_index_t *ix = vix;
    struct stat sb;
    if (stat(path, &sb) == 0 || (errno != ENOENT && errno != ENOTDIR))
        return PRESSCUT_OK;
    gone_t g = { .path = (char *)path };
    bool known;
    xc_wdb_t *cat = shard_of(ix, path);
    presscut_status_t st = pc_catalog_get_file(cat, path, &g.entry, &known);
    if (st != PRESSCUT_OK)
        return wdb_failed(ix, cat, st);
    return known ? remove_file(ix, &g) : PRESSCUT_OK;
}

presscut_status_t presscut_index_prune(presscut_index_t *ix)
{
    if (closed(ix))
        return PRESSCUT_BAD_ARG;
    presscut_status_t st = PRESSCUT_OK;
    for (unsigned i = 0; i < ix->n_shards && st == PRESSCUT_OK; i++) {
        st = pc_catalog_each_file(ix->shards[i], "", prune_one, ix);
        if (st != PRESSCUT_OK && !ix->err)
            wdb_failed(ix, ix->shards[i], st);
    }
    return st;
}

presscut_status_t presscut_index_add_stream(presscut_index_t *ix, FILE *in,
                                            const char *name)
{
    unsigned skipped = 0;
    if (closed(ix))
        return PRESSCUT_BAD_ARG;
    ix->cur_path = name;
    ix->cur_known = false;
    ix->cur_articles = 0;
    presscut_status_t st = pc_article_read_feed(in, name, on_article, on_warn, ix, &skipped);
    ix->stats.skipped += skipped;
    if (st == PRESSCUT_IO) {
        ix->stats.skipped++;
        return PRESSCUT_OK;
    }
    return st;
}
