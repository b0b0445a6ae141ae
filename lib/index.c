/* index: presscut_index_t, articles in, passages out to Xapian. */
#include "presscut.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

#include "article.h"
#include "catalog.h"
#include "datefmt.h"
#include "passage.h"
#include "record.h"
#include "schema.h"
#include "tokenize.h"
#include "xapian_c.h"

/* Changes are grouped in Xapian transactions, so a reader (or a run killed
 * half-way) sees whole articles only; a batch ends after this much text.
 * Measured on bbc: 32 MB batches ran 8.9 s in 106 MB, 1 MB 7.4 s in 37 MB,
 * 256 KB 6.1-6.8 s in 17 MB (Xapian's in-memory changes get slower as
 * they grow); smaller still pays a commit each time for little. */
#define BATCH_BYTES (512u << 10)

#define DEFAULT_MAX_SIZE ((uint64_t)64 << 20)

typedef struct file_item {
    char *path;
    struct stat sb;
} file_item_t;

/* The article files below one root, sorted by path; and the directories
 * that could not be read, whose cataloged files must not count as gone. */
typedef struct walk {
    file_item_t *files;
    size_t n, cap;
    char **unreadable;
    size_t n_unreadable;
} walk_t;

struct presscut_index {
    xc_wdb_t *db;
    xc_stem_t *stem;
    pc_tokenizer_t *tk;
    pc_splitter_t *sp;
    xc_doc_t *doc;
    pc_passages_t passages;
    pc_buf_t term, data, key, stembuf;
    presscut_warn_fn warn;
    void *warn_ctx;
    presscut_progress_fn progress;
    void *progress_ctx;
    presscut_progress_t prog;
    int full, dry_run;
    uint64_t max_size;
    /* The file (or feed) being read: its catalog state and article count. */
    const char *cur_path;
    bool cur_known;
    uint32_t cur_articles;
    int in_batch;
    int broken;              /* an article failed half-way: its batch must not commit */
    size_t batch_bytes;
    presscut_index_stats_t stats;
    char *err;
};

static void set_error(presscut_index_t *ix, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void set_error(presscut_index_t *ix, const char *fmt, ...)
{
    va_list ap;
    char *msg = NULL;
    va_start(ap, fmt);
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    free(ix->err);
    ix->err = msg;
}

static presscut_status_t db_failed(presscut_index_t *ix, presscut_status_t st)
{
    set_error(ix, "%s", xc_wdb_error(ix->db));
    return st;
}

static void warn_stderr(void *ctx, const char *path, long line, const char *message)
{
    (void)ctx;
    if (line > 0)
        fprintf(stderr, "presscut-index: %s:%ld: %s\n", path, line, message);
    else
        fprintf(stderr, "presscut-index: %s: %s\n", path, message);
}

static void warn(presscut_index_t *ix, const char *path, long line, const char *msg)
{
    ix->stats.skipped++;
    ix->warn(ix->warn_ctx, path, line, msg);
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
        if (len == 0 && ix->dry_run) {
            st = PRESSCUT_OK;
        } else if (len == 0) {
            st = xc_wdb_set_metadata(ix->db, marks[i].key, marks[i].want,
                                     strlen(marks[i].want));
        } else if (strcmp(have, marks[i].want) != 0) {
            set_error(ix, "%s: index has %s %s, this presscut writes %s: rebuild it "
                      "with presscut-index --full, or into a new --db",
                      path, marks[i].key + strlen("presscut:"), have, marks[i].want);
            st = PRESSCUT_VERSION;
        }
        free(have);
        if (st != PRESSCUT_OK)
            return st == PRESSCUT_VERSION ? st : db_failed(ix, st);
    }
    return PRESSCUT_OK;
}

/* Opens the database; with `full`, an index of another version is
 * rebuilt from scratch, the one case where presscut overwrites a database. */
static presscut_status_t open_db(presscut_index_t *ix, const char *path, const char *language,
                                 char **m)
{
    presscut_status_t st = xc_wdb_open(path, XC_CREATE_OR_OPEN, &ix->db, m);
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
        *m = ix->err;
        ix->err = NULL;
    }
    return st;
}

presscut_status_t presscut_index_open(const char *path,
                                      const presscut_index_options_t *opts,
                                      presscut_index_t **out, char **msg)
{
    static const presscut_index_options_t defaults = { 0 };
    if (!opts)
        opts = &defaults;
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
    ix->max_size = opts->max_size ? opts->max_size : DEFAULT_MAX_SIZE;

    char *m = NULL;
    presscut_status_t st = xc_stem_new(language, &ix->stem, &m);
    if (st == PRESSCUT_OK)
        st = pc_tokenizer_new(&ix->tk, &m);
    if (st == PRESSCUT_OK)
        st = pc_splitter_new(&ix->sp, &m);
    if (st == PRESSCUT_OK && !(ix->doc = xc_doc_new()))
        st = PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK && mkdir(path, 0777) != 0 && errno != EEXIST) {
        if (asprintf(&m, "cannot create '%s': %s", path, strerror(errno)) < 0)
            m = NULL;
        st = PRESSCUT_IO;
    }
    if (st == PRESSCUT_OK)
        st = open_db(ix, path, language, &m);
    if (st != PRESSCUT_OK) {
        if (msg)
            *msg = m;
        else
            free(m);
        if (ix->db) {
            xc_wdb_cancel(ix->db);
            xc_wdb_close(ix->db);
            ix->db = NULL;
        }
        presscut_index_close(ix);
        return st;
    }
    *out = ix;
    return PRESSCUT_OK;
}

const char *presscut_index_error(const presscut_index_t *ix)
{
    return ix->err ? ix->err : "";
}

void presscut_index_get_stats(const presscut_index_t *ix, presscut_index_stats_t *stats)
{
    *stats = ix->stats;
}

static presscut_status_t end_batch(presscut_index_t *ix)
{
    if (!ix->in_batch)
        return PRESSCUT_OK;
    ix->in_batch = 0;
    ix->batch_bytes = 0;
    presscut_status_t st = xc_wdb_end(ix->db);
    return st == PRESSCUT_OK ? st : db_failed(ix, st);
}

static presscut_status_t begin_batch(presscut_index_t *ix)
{
    if (ix->in_batch)
        return PRESSCUT_OK;
    presscut_status_t st = xc_wdb_begin(ix->db);
    if (st != PRESSCUT_OK)
        return db_failed(ix, st);
    ix->in_batch = 1;
    return PRESSCUT_OK;
}

presscut_status_t presscut_index_commit(presscut_index_t *ix)
{
    if (ix->broken) {
        set_error(ix, "an article failed half-way: its batch was dropped");
        return PRESSCUT_INTERNAL;
    }
    presscut_status_t st = end_batch(ix);
    if (st != PRESSCUT_OK)
        return st;
    st = xc_wdb_commit(ix->db);
    return st == PRESSCUT_OK ? st : db_failed(ix, st);
}

presscut_status_t presscut_index_close(presscut_index_t *ix)
{
    if (!ix)
        return PRESSCUT_OK;
    presscut_status_t st = PRESSCUT_OK;
    if (ix->db && (ix->broken || ix->dry_run)) {
        if (ix->in_batch)
            xc_wdb_cancel(ix->db);
        st = ix->broken ? PRESSCUT_INTERNAL : PRESSCUT_OK;
        xc_wdb_close(ix->db);
    } else if (ix->db) {
        st = presscut_index_commit(ix);
        presscut_status_t cst = xc_wdb_close(ix->db);
        if (st == PRESSCUT_OK)
            st = cst;
    }
    xc_stem_destroy(ix->stem);
    pc_tokenizer_destroy(ix->tk);
    pc_splitter_destroy(ix->sp);
    xc_doc_destroy(ix->doc);
    pc_passages_free(&ix->passages);
    free(ix->term.p);
    free(ix->data.p);
    free(ix->key.p);
    free(ix->stembuf.p);
    free(ix->err);
    free(ix);
    return st;
}

/* ---- one passage -> one document ---- */

/* What the words of a text become in a passage's document. */
typedef enum term_kind {
    BODY_WORDS,      /* positional words and their stems */
    TITLE_WORDS,     /* S terms, weighted */
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

static presscut_status_t add_stem(presscut_index_t *ix, const char *word, size_t len)
{
    pc_buf_t *b = &ix->stembuf;
    if (pc_buf_reserve(b, 2 * len + 8) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    b->p[0] = 'Z';
    size_t n = xc_stem_apply(ix->stem, word, len, b->p + 1, b->cap - 1);
    if (n == (size_t)-1)
        return PRESSCUT_NOMEM;
    if (n >= b->cap - 1) {
        if (pc_buf_reserve(b, n + 2) != PRESSCUT_OK)
            return PRESSCUT_NOMEM;
        xc_stem_apply(ix->stem, word, len, b->p + 1, b->cap - 1);
    }
    return xc_doc_add_term(ix->doc, b->p, n + 1, 1);
}

/* Words worth a place in the spelling table ("did you mean"): letters
 * only, not too short, so that numbers and codes do not crowd it. */
static bool spelling_word(const pc_token_t *t)
{
    if (t->len < 3 || t->numeric)
        return false;
    for (size_t i = 0; i < t->len; i++)
        if (t->word[i] < 'a' || t->word[i] > 'z')
            return false;
    return true;
}

static int on_token(void *vctx, const pc_token_t *t)
{
    doc_ctx_t *c = vctx;
    presscut_index_t *ix = c->ix;
    if (c->kind != BODY_WORDS) {
        c->st = add_prefixed(ix, c->kind, t->word, t->len);
        return c->st != PRESSCUT_OK;
    }
    c->st = xc_doc_add_posting(ix->doc, t->word, t->len, t->pos, 1);
    if (c->st == PRESSCUT_OK && !pc_is_stopword(t->word, t->len))
        c->st = add_stem(ix, t->word, t->len);
    if (c->st == PRESSCUT_OK && spelling_word(t) &&
        (c->st = xc_wdb_add_spelling(ix->db, t->word, 1)) != PRESSCUT_OK)
        set_error(ix, "%s", xc_wdb_error(ix->db));
    return c->st != PRESSCUT_OK;
}

static presscut_status_t add_text_terms(presscut_index_t *ix, term_kind_t kind,
                                        const char *text, size_t len)
{
    doc_ctx_t c = { ix, kind, PRESSCUT_OK };
    presscut_status_t st = pc_tokenize(ix->tk, text, len, 1, on_token, &c, NULL);
    if (st != PRESSCUT_OK) {
        set_error(ix, "%s", pc_tokenizer_error(ix->tk));
        return st;
    }
    return c.st;
}

static presscut_status_t add_boolean(presscut_index_t *ix, const char *prefix,
                                     const char *value)
{
    presscut_status_t st = pc_id_term(&ix->term, prefix, value);
    if (st == PRESSCUT_OK)
        st = xc_doc_add_boolean_term(ix->doc, ix->term.p, ix->term.len);
    return st;
}

/* Filters shared by every passage of an article: source and date. */
static presscut_status_t add_filters(presscut_index_t *ix, const pc_article_t *a,
                                     const char *iso_date)
{
    presscut_status_t st = PRESSCUT_OK;
    if (a->source[0])
        st = add_text_terms(ix, SOURCE_WORDS, a->source, strlen(a->source));
    if (st == PRESSCUT_OK && iso_date[0]) {
        char y[5], ym[7];
        memcpy(y, iso_date, 4);
        y[4] = '\0';
        st = add_boolean(ix, "XY", y);
        if (st == PRESSCUT_OK && strlen(iso_date) >= 7) {
            memcpy(ym, iso_date, 4);
            memcpy(ym + 4, iso_date + 5, 2);
            ym[6] = '\0';
            st = add_boolean(ix, "XM", ym);
        }
        if (st == PRESSCUT_OK)
            st = xc_doc_set_value(ix->doc, PC_SLOT_DATE, iso_date, strlen(iso_date));
    }
    return st;
}

static presscut_status_t index_passage(presscut_index_t *ix, const pc_article_t *a,
                                       const pc_passage_t *p, const char *iso_date)
{
    presscut_status_t st;
    xc_doc_clear(ix->doc);
    if ((st = add_text_terms(ix, BODY_WORDS, a->text + p->start, p->end - p->start)) != PRESSCUT_OK)
        return st;
    if (a->title[0] &&
        (st = add_text_terms(ix, TITLE_WORDS, a->title, strlen(a->title))) != PRESSCUT_OK)
        return st;
    if ((st = add_boolean(ix, "A", a->id)) != PRESSCUT_OK ||
        (st = add_boolean(ix, "F", ix->cur_path)) != PRESSCUT_OK ||
        (st = add_filters(ix, a, iso_date)) != PRESSCUT_OK)
        return st;
    if ((st = pc_id_term(&ix->key, "", a->id)) != PRESSCUT_OK ||
        (st = xc_doc_set_value(ix->doc, PC_SLOT_ARTICLE, ix->key.p, ix->key.len)) != PRESSCUT_OK)
        return st;
    if ((st = pc_order_key(&ix->key, a->path, p->paragraph, p->part)) != PRESSCUT_OK ||
        (st = xc_doc_set_value(ix->doc, PC_SLOT_ORDER, ix->key.p, ix->key.len)) != PRESSCUT_OK)
        return st;

    char qid[48];
    snprintf(qid, sizeof qid, "#%u.%u", p->paragraph, p->part);
    if ((st = pc_id_term(&ix->term, "Q", a->id)) != PRESSCUT_OK)
        return st;
    if (pc_buf_reserve(&ix->term, sizeof qid) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    memcpy(ix->term.p + ix->term.len, qid, strlen(qid) + 1);
    if ((st = xc_doc_add_boolean_term(ix->doc, ix->term.p, strlen(ix->term.p))) != PRESSCUT_OK)
        return st;

    pc_record_t r = {
        .article_id = a->id, .path = a->path, .title = a->title, .date = a->date,
        .source = a->source, .url = a->url, .paragraph = p->paragraph, .part = p->part,
        .line = a->line, .start = p->start, .end = p->end,
        .text = a->text + p->start, .text_len = p->end - p->start,
    };
    if ((st = pc_record_encode(&r, &ix->data)) != PRESSCUT_OK ||
        (st = xc_doc_set_data(ix->doc, ix->data.p, ix->data.len)) != PRESSCUT_OK)
        return st;
    if ((st = xc_wdb_add(ix->db, ix->doc, NULL)) != PRESSCUT_OK)
        return db_failed(ix, st);
    return PRESSCUT_OK;
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

/* Replaces whatever the index held for this article id with its passages. */
static presscut_status_t write_article(presscut_index_t *ix, const pc_article_t *a)
{
    presscut_status_t st = pc_passages_split(ix->sp, a->text, a->body_start, a->body_end,
                                             &ix->passages);
    if (st != PRESSCUT_OK) {
        set_error(ix, "%s: cannot split into passages: %s", a->path,
                  presscut_status_to_string(st));
        return st;
    }
    if (ix->passages.n == 0) {
        warn(ix, a->path, a->line, "no text to index");
        return PRESSCUT_EMPTY;
    }
    if ((st = begin_batch(ix)) != PRESSCUT_OK)
        return st;
    ix->broken = 1;
    if ((st = pc_id_term(&ix->term, "A", a->id)) != PRESSCUT_OK)
        return st;
    /* Deleting by a term Xapian has never seen still costs a posting
     * list merge: ask first. */
    unsigned had = 0;
    if ((st = xc_wdb_termfreq(ix->db, ix->term.p, &had)) != PRESSCUT_OK ||
        (had && (st = xc_wdb_delete_term(ix->db, ix->term.p)) != PRESSCUT_OK))
        return db_failed(ix, st);

    char iso_date[16];
    pc_date_iso(a->date, iso_date, sizeof iso_date);
    for (size_t i = 0; i < ix->passages.n; i++) {
        st = index_passage(ix, a, &ix->passages.v[i], iso_date);
        if (st != PRESSCUT_OK) {
            if (!ix->err)
                set_error(ix, "%s: %s", a->path, presscut_status_to_string(st));
            return st;
        }
    }
    ix->broken = 0;
    ix->stats.passages += ix->passages.n;
    ix->batch_bytes += a->text_len;
    return PRESSCUT_OK;
}

/* One article of the current file or feed: feed articles are compared
 * with the catalog one by one, a file's article changed with its file. */
static presscut_status_t on_article(void *vix, const pc_article_t *a)
{
    presscut_index_t *ix = vix;
    bool known = ix->cur_known;
    uint64_t hash = 0;
    presscut_status_t st;
    ix->stats.bytes += a->body_end - a->body_start;
    if (a->format == PC_FORMAT_JSONL) {
        uint64_t old = 0;
        hash = article_hash(a);
        if ((st = pc_catalog_get_item(ix->db, ix->cur_path, a->id, &old, &known)) != PRESSCUT_OK)
            return db_failed(ix, st);
        if (known && old == hash && !ix->full) {
            ix->cur_articles++;
            ix->stats.unchanged++;
            return PRESSCUT_OK;
        }
    }
    if (!ix->dry_run) {
        st = write_article(ix, a);
        if (st == PRESSCUT_EMPTY)
            return PRESSCUT_OK;
        if (st == PRESSCUT_OK && a->format == PC_FORMAT_JSONL)
            st = pc_catalog_put_item(ix->db, ix->cur_path, a->id, hash);
        if (st != PRESSCUT_OK)
            return ix->err ? st : db_failed(ix, st);
    }
    ix->cur_articles++;
    if (known)
        ix->stats.updated++;
    else
        ix->stats.added++;
    ix->prog.articles++;
    if (ix->batch_bytes >= BATCH_BYTES)
        return end_batch(ix);
    return PRESSCUT_OK;
}

static void on_warn(void *vix, const char *path, long line, const char *message)
{
    presscut_index_t *ix = vix;
    ix->warn(ix->warn_ctx, path, line, message);
}

static presscut_status_t put_file_entry(presscut_index_t *ix, const char *path,
                                        const pc_file_entry_t *e)
{
    if (ix->dry_run)
        return PRESSCUT_OK;
    presscut_status_t st = begin_batch(ix);
    if (st == PRESSCUT_OK && (st = pc_catalog_put_file(ix->db, path, e)) != PRESSCUT_OK)
        return db_failed(ix, st);
    return st;
}

static int64_t mtime_ns(const struct stat *sb)
{
    return (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

/* Feeds are streamed, not loaded: hashed in one pass, parsed (when the
 * hash changed) in another, article by article against the catalog. */
static presscut_status_t index_feed_file(presscut_index_t *ix, const char *path,
                                         const pc_file_entry_t *old, pc_file_entry_t *e)
{
    int err = 0;
    presscut_status_t st = pc_catalog_hash_file(path, &e->hash, &err);
    if (st == PRESSCUT_IO) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot read: %s", strerror(err));
        warn(ix, path, 0, msg);
        return PRESSCUT_OK;
    }
    if (st != PRESSCUT_OK)
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

/* A file is read only when its size or mtime changed, and re-indexed
 * only when its bytes did.  A file that cannot be read keeps what the
 * index holds for it. */
static presscut_status_t index_file(presscut_index_t *ix, const char *path,
                                    const struct stat *sb)
{
    pc_file_entry_t old = { 0 };
    bool known;
    presscut_status_t st = pc_catalog_get_file(ix->db, path, &old, &known);
    if (st != PRESSCUT_OK)
        return db_failed(ix, st);
    pc_file_entry_t e = { (uint64_t)sb->st_size, mtime_ns(sb), 0, 0 };
    if (known && !ix->full && old.size == e.size && old.mtime_ns == e.mtime_ns) {
        ix->stats.unchanged += old.articles;
        return PRESSCUT_OK;
    }
    if (pc_format_of(path) == PC_FORMAT_JSONL)
        return index_feed_file(ix, path, known ? &old : NULL, &e);
    char *bytes = NULL, *why = NULL;
    size_t len = 0;
    st = pc_file_load(path, ix->max_size, &bytes, &len, &why);
    if (st != PRESSCUT_OK) {
        if (why)
            warn(ix, path, 0, why);
        free(why);
        return st == PRESSCUT_NOMEM ? st : PRESSCUT_OK;
    }
    e.hash = pc_catalog_hash(bytes, len);
    if (known && !ix->full && old.hash == e.hash) {
        e.articles = old.articles;
        ix->stats.unchanged += old.articles;
        st = put_file_entry(ix, path, &e);
    } else {
        unsigned skipped = 0;
        ix->cur_path = path;
        ix->cur_known = known;
        ix->cur_articles = 0;
        st = pc_article_parse(path, bytes, len, on_article, on_warn, ix, &skipped);
        ix->stats.skipped += skipped;
        /* A file rejected whole is not cataloged: it is looked at again
         * next time, and what the index held for it stays. */
        e.articles = ix->cur_articles;
        if (st == PRESSCUT_OK && (ix->cur_articles > 0 || skipped == 0))
            st = put_file_entry(ix, path, &e);
    }
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

typedef struct sweep {
    presscut_index_t *ix;
    const walk_t *w;
} sweep_t;

/* A cataloged file that the walk did not find is gone: its articles go. */
static presscut_status_t sweep_file(void *vctx, const char *path)
{
    sweep_t *c = vctx;
    presscut_index_t *ix = c->ix;
    file_item_t key = { .path = (char *)path };
    if (bsearch(&key, c->w->files, c->w->n, sizeof key, cmp_item))
        return PRESSCUT_OK;
    for (size_t i = 0; i < c->w->n_unreadable; i++) {
        size_t n = strlen(c->w->unreadable[i]);
        if (strncmp(path, c->w->unreadable[i], n) == 0 && path[n] == '/')
            return PRESSCUT_OK;
    }
    pc_file_entry_t e;
    bool known;
    presscut_status_t st = pc_catalog_get_file(ix->db, path, &e, &known);
    if (st != PRESSCUT_OK)
        return db_failed(ix, st);
    if (!known)
        return PRESSCUT_OK;
    ix->stats.removed += e.articles;
    if (ix->dry_run)
        return PRESSCUT_OK;
    if ((st = begin_batch(ix)) != PRESSCUT_OK)
        return st;
    if ((st = pc_id_term(&ix->term, "F", path)) != PRESSCUT_OK)
        return st;
    if ((st = xc_wdb_delete_term(ix->db, ix->term.p)) != PRESSCUT_OK ||
        (st = pc_catalog_delete_file(ix->db, path)) != PRESSCUT_OK)
        return db_failed(ix, st);
    return PRESSCUT_OK;
}

presscut_status_t presscut_index_add_path(presscut_index_t *ix, const char *path)
{
    char real[PATH_MAX];
    struct stat sb;
    /* A root that is missing altogether (an unmounted share, a typo) is an
     * error to report, never a reason to empty the index. */
    if (stat(path, &sb) != 0 || !realpath(path, real)) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot read: %s",
                 errno == ELOOP ? "symbolic link loop" : strerror(errno));
        warn(ix, path, 0, msg);
        return PRESSCUT_OK;
    }
    walk_t w = { 0 };
    presscut_status_t st = PRESSCUT_OK;
    if (S_ISDIR(sb.st_mode))
        st = walk_dir(ix, &w, real);
    else if (S_ISREG(sb.st_mode))
        st = walk_add(&w, real, &sb);
    else
        warn(ix, path, 0, "not a file or directory");
    qsort(w.files, w.n, sizeof *w.files, cmp_item);
    ix->prog.files_total += w.n;
    for (size_t i = 0; i < w.n; i++)
        ix->prog.bytes_total += (uint64_t)w.files[i].sb.st_size;
    for (size_t i = 0; i < w.n && st == PRESSCUT_OK; i++) {
        st = index_file(ix, w.files[i].path, &w.files[i].sb);
        ix->prog.files_done++;
        ix->prog.bytes_done += (uint64_t)w.files[i].sb.st_size;
        if (ix->progress)
            ix->progress(ix->progress_ctx, &ix->prog);
    }
    if (st == PRESSCUT_OK) {
        sweep_t c = { ix, &w };
        st = pc_catalog_each_file(ix->db, real, sweep_file, &c);
        if (st != PRESSCUT_OK && !ix->err)
            db_failed(ix, st);
    }
    walk_free(&w);
    return st;
}

presscut_status_t presscut_index_add_stream(presscut_index_t *ix, FILE *in,
                                            const char *name)
{
    unsigned skipped = 0;
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
