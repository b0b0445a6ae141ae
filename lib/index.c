/* index: presscut_index_t, articles in, passages out to Xapian. */
#include "presscut.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "article.h"
#include "datefmt.h"
#include "passage.h"
#include "record.h"
#include "schema.h"
#include "tokenize.h"
#include "xapian_c.h"

/* Changes are grouped in Xapian transactions, so a reader (or a run killed
 * half-way) sees whole articles only; a batch ends after this much text,
 * which is what bounds the writer's memory. */
#define BATCH_BYTES (32u << 20)

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
        if (len == 0) {
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

    char *m = NULL;
    presscut_status_t st = xc_stem_new(language, &ix->stem, &m);
    if (st == PRESSCUT_OK)
        st = pc_tokenizer_new(&ix->tk, &m);
    if (st == PRESSCUT_OK)
        st = pc_splitter_new(&ix->sp, &m);
    if (st == PRESSCUT_OK && !(ix->doc = xc_doc_new()))
        st = PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK) {
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            if (asprintf(&m, "cannot create '%s': %s", path, strerror(errno)) < 0)
                m = NULL;
            st = PRESSCUT_IO;
        }
    }
    if (st == PRESSCUT_OK)
        st = xc_wdb_open(path, opts->overwrite ? XC_CREATE_OR_OVERWRITE : XC_CREATE_OR_OPEN,
                         &ix->db, &m);
    if (st == PRESSCUT_OK && (st = check_versions(ix, path, language)) != PRESSCUT_OK) {
        m = ix->err;
        ix->err = NULL;
    }
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
    if (ix->db && ix->broken) {
        xc_wdb_cancel(ix->db);
        st = PRESSCUT_INTERNAL;
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

/* Replaces whatever the index held for this article id. */
static presscut_status_t on_article(void *vix, const pc_article_t *a)
{
    presscut_index_t *ix = vix;
    presscut_status_t st = pc_passages_split(ix->sp, a->text, a->body_start, a->body_end,
                                             &ix->passages);
    if (st != PRESSCUT_OK) {
        set_error(ix, "%s: cannot split into passages: %s", a->path,
                  presscut_status_to_string(st));
        return st;
    }
    if (ix->passages.n == 0) {
        warn(ix, a->path, a->line, "no text to index");
        return PRESSCUT_OK;
    }
    if ((st = begin_batch(ix)) != PRESSCUT_OK)
        return st;
    ix->broken = 1;
    if ((st = pc_id_term(&ix->term, "A", a->id)) != PRESSCUT_OK)
        return st;
    if ((st = xc_wdb_delete_term(ix->db, ix->term.p)) != PRESSCUT_OK)
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
    ix->stats.articles++;
    ix->stats.passages += ix->passages.n;
    ix->stats.bytes += a->body_end - a->body_start;
    ix->batch_bytes += a->text_len;
    if (ix->batch_bytes >= BATCH_BYTES)
        return end_batch(ix);
    return PRESSCUT_OK;
}

static void on_warn(void *vix, const char *path, long line, const char *message)
{
    presscut_index_t *ix = vix;
    ix->warn(ix->warn_ctx, path, line, message);
}

static presscut_status_t add_file(presscut_index_t *ix, const char *path)
{
    unsigned skipped = 0;
    presscut_status_t st = pc_article_read_file(path, on_article, on_warn, ix, &skipped);
    ix->stats.skipped += skipped;
    if (st == PRESSCUT_IO) {
        ix->stats.skipped++;
        return PRESSCUT_OK;   /* reported through warn already */
    }
    return st;
}

static int not_hidden(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

/* Directories are walked in name order so that runs are reproducible;
 * symbolic links to directories are not followed, which rules out loops. */
static presscut_status_t add_dir(presscut_index_t *ix, const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, not_hidden, alphasort);
    if (n < 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot read directory: %s", strerror(errno));
        warn(ix, dir, 0, msg);
        return PRESSCUT_OK;
    }
    presscut_status_t st = PRESSCUT_OK;
    for (int i = 0; i < n; i++) {
        if (st == PRESSCUT_OK) {
            char *child = NULL;
            struct stat sb;
            if (asprintf(&child, "%s/%s", dir, names[i]->d_name) < 0) {
                st = PRESSCUT_NOMEM;
            } else if (lstat(child, &sb) == 0 && S_ISDIR(sb.st_mode)) {
                st = add_dir(ix, child);
            } else if (stat(child, &sb) == 0 && S_ISREG(sb.st_mode) &&
                       pc_format_of(child) != PC_FORMAT_UNKNOWN) {
                st = add_file(ix, child);
            }
            free(child);
        }
        free(names[i]);
    }
    free(names);
    return st;
}

presscut_status_t presscut_index_add_path(presscut_index_t *ix, const char *path)
{
    char real[PATH_MAX];
    struct stat sb;
    if (stat(path, &sb) != 0 || !realpath(path, real)) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot read: %s", strerror(errno));
        warn(ix, path, 0, msg);
        return PRESSCUT_OK;
    }
    if (S_ISDIR(sb.st_mode))
        return add_dir(ix, real);
    return add_file(ix, real);
}

presscut_status_t presscut_index_add_stream(presscut_index_t *ix, FILE *in,
                                            const char *name)
{
    unsigned skipped = 0;
    presscut_status_t st = pc_article_read_feed(in, name, on_article, on_warn, ix, &skipped);
    ix->stats.skipped += skipped;
    if (st == PRESSCUT_IO) {
        ix->stats.skipped++;
        return PRESSCUT_OK;
    }
    return st;
}
