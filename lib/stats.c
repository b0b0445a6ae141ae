/* stats: what an index holds, read without the writer's lock.
 *
 * Counts come from the whole index opened as one database (its stub, when
 * sharded); the catalog from each shard opened alone, since each keeps the
 * entries of its own files in its metadata, which Xapian reads only from a
 * stub's first database. */
#include "presscut.h"

#include <errno.h>
#include <dirent.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog.h"
#include "count.h"
#include "index.h"
#include "schema.h"
#include "xapian_c.h"

/* Articles of one folder, feed or language, or files skipped for one
 * reason. */
typedef struct tally {
    char *name;
    pc_skip_t kind;          /* for skip reasons */
    uint64_t files, articles;
    uint64_t passages;       /* for languages */
} tally_t;

typedef struct tallies {
    tally_t *v;
    size_t n, cap;
} tallies_t;

typedef struct file_row {
    char *path;
    uint32_t articles;
} file_row_t;

typedef struct stats {
    unsigned shards;
    unsigned passages;
    uint64_t articles, bytes;
    uint64_t files, skipped[3];    /* by pc_skip_t */
    char *schema, *language, *updated;
    char *first_date, *last_date;
    file_row_t *rows;              /* indexed files, for folders and feeds */
    size_t n_rows, cap_rows;
    tallies_t reasons, folders, feeds;
    tallies_t languages;           /* by code */
} stats_t;

static void stats_free(stats_t *s)
{
    free(s->schema);
    free(s->language);
    free(s->updated);
    free(s->first_date);
    free(s->last_date);
    for (size_t i = 0; i < s->n_rows; i++)
        free(s->rows[i].path);
    free(s->rows);
    tallies_t *all[] = { &s->reasons, &s->folders, &s->feeds, &s->languages };
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
        for (size_t i = 0; i < all[k]->n; i++)
            free(all[k]->v[i].name);
        free(all[k]->v);
    }
}

/* Adds to the tally of (name, kind), made on first use. */
static presscut_status_t tally(tallies_t *t, const char *name, size_t len, pc_skip_t kind,
                               uint64_t articles)
{
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i].kind == kind && strlen(t->v[i].name) == len &&
            memcmp(t->v[i].name, name, len) == 0) {
            t->v[i].files++;
            t->v[i].articles += articles;
            return PRESSCUT_OK;
        }
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        tally_t *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        t->v = v;
        t->cap = cap;
    }
    char *copy = strndup(name, len);
    if (!copy)
        return PRESSCUT_NOMEM;
    t->v[t->n++] = (tally_t){ .name = copy, .kind = kind, .files = 1, .articles = articles };
    return PRESSCUT_OK;
}

/* The length of a skip reason without its particulars (" (5000 bytes,
 * limit 2048)", " 812", ": detail"), so that files skipped alike count
 * under one reason. */
static size_t reason_len(const char *r)
{
    size_t n = 0;
    while (r[n] && !(r[n] == ' ' && (r[n + 1] == '(' || (r[n + 1] >= '0' && r[n + 1] <= '9'))) &&
           !(r[n] == ':' && r[n + 1] == ' '))
        n++;
    return n;
}

static presscut_status_t on_file(void *ctx, const char *path, const pc_file_entry_t *e)
{
    stats_t *s = ctx;
    s->files++;
    s->skipped[e->skip]++;
    if (e->skip != PC_SKIP_NONE)
        return tally(&s->reasons, e->reason, reason_len(e->reason), e->skip, 0);
    if (s->n_rows == s->cap_rows) {
        size_t cap = s->cap_rows ? 2 * s->cap_rows : 64;
        file_row_t *v = realloc(s->rows, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        s->rows = v;
        s->cap_rows = cap;
    }
    if (!(s->rows[s->n_rows].path = strdup(path)))
        return PRESSCUT_NOMEM;
    s->rows[s->n_rows++].articles = e->articles;
    return PRESSCUT_OK;
}

static bool is_feed(const char *path)
{
    size_t n = strlen(path);
    return strcmp(path, "-") == 0 || (n > 6 && strcmp(path + n - 6, ".jsonl") == 0) ||
           (n > 7 && strcmp(path + n - 7, ".ndjson") == 0);
}

/* Folders are the first level below the directory all indexed files share
 * (that directory itself for the files directly in it); feeds are the
 * JSON Lines files. */
static presscut_status_t group_rows(stats_t *s)
{
    size_t common = 0;
    if (s->n_rows) {
        const char *slash = strrchr(s->rows[0].path, '/');
        common = slash ? (size_t)(slash - s->rows[0].path) + 1 : 0;
    }
    for (size_t i = 1; i < s->n_rows && common; i++) {
        const char *p = s->rows[i].path, *q = s->rows[0].path;
        size_t same = 0;
        while (same < common && p[same] == q[same])
            same++;
        while (same > 0 && q[same - 1] != '/')
            same--;
        common = same;
    }
    presscut_status_t st = PRESSCUT_OK;
    for (size_t i = 0; i < s->n_rows && st == PRESSCUT_OK; i++) {
        const char *p = s->rows[i].path;
        const char *below = strchr(p + common, '/');
        size_t len = below ? (size_t)(below - p) + 1 : common;
        st = len ? tally(&s->folders, p, len, PC_SKIP_NONE, s->rows[i].articles)
                 : tally(&s->folders, "./", 2, PC_SKIP_NONE, s->rows[i].articles);
        if (st == PRESSCUT_OK && is_feed(p))
            st = tally(&s->feeds, p, strlen(p), PC_SKIP_NONE, s->rows[i].articles);
    }
    return st;
}

static int by_name(const void *a, const void *b)
{
    const tally_t *x = a, *y = b;
    return x->kind != y->kind ? (int)x->kind - (int)y->kind : strcmp(x->name, y->name);
}

/* qsort() of an empty list, whose v is NULL, would be undefined. */
static void sort_tallies(tallies_t *t)
{
    if (t->n)
        qsort(t->v, t->n, sizeof *t->v, by_name);
}

static int count_term(void *ctx, const char *term, size_t len, unsigned freq)
{
    (void)term;
    (void)len;
    (void)freq;
    ++*(uint64_t *)ctx;
    return 0;
}

static int count_language(void *ctx, const char *term, size_t len, unsigned freq)
{
    tallies_t *t = ctx;
    size_t plen = strlen(PC_LANGUAGE_PREFIX);
    if (tally(t, term + plen, len - plen, PC_SKIP_NONE, 0) != PRESSCUT_OK)
        return 1;
    t->v[t->n - 1].passages = freq;
    return 0;
}

/* The articles of each language: its passages collapsed on the article,
 * every one checked (a language's passages are at most the index's). */
static presscut_status_t count_language_articles(xc_rdb_t *db, stats_t *s, char **msg)
{
    presscut_status_t st = PRESSCUT_OK;
    for (size_t i = 0; i < s->languages.n && st == PRESSCUT_OK; i++) {
        tally_t *t = &s->languages.v[i];
        char *term = NULL;
        if (asprintf(&term, PC_LANGUAGE_PREFIX "%s", t->name) < 0)
            return PRESSCUT_NOMEM;
        xc_query_t *q = xc_query_term(term, strlen(term), 1, 0);
        presscut_totals_t n;
        st = q ? pc_count_matches(db, q, s->passages, true, &n, msg) : PRESSCUT_NOMEM;
        if (st == PRESSCUT_OK)
            t->articles = n.articles.estimate;
        xc_query_destroy(q);
        free(term);
    }
    return st;
}

/* The earliest (or latest) date in the date slot; NULL when no article
 * has one. */
static presscut_status_t date_end(xc_rdb_t *db, int latest, char **out)
{
    xc_enquire_t *enq = xc_enquire_new(db);
    /* Dates start with a digit; VALUE_GE "" would match the undated too. */
    xc_query_t *q = xc_query_value_range(PC_SLOT_DATE, "0", NULL);
    xc_mset_t *m = NULL;
    size_t len;
    presscut_status_t st = enq && q ? PRESSCUT_OK : PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK)
        st = xc_enquire_set_query(enq, q);
    if (st == PRESSCUT_OK)
        st = xc_enquire_set_sort_value_then_relevance(enq, PC_SLOT_DATE, latest);
    if (st == PRESSCUT_OK)
        st = xc_enquire_mset(enq, 0, 1, 0, &m);
    if (st == PRESSCUT_OK && xc_mset_size(m) == 1)
        st = xc_mset_value(enq, m, 0, PC_SLOT_DATE, out, &len);
    xc_mset_destroy(m);
    xc_query_destroy(q);
    xc_enquire_destroy(enq);
    return st;
}

static presscut_status_t meta(xc_rdb_t *db, const char *key, char **out)
{
    size_t len;
    presscut_status_t st = xc_rdb_get_metadata(db, key, out, &len);
    if (st == PRESSCUT_OK && len == 0) {
        free(*out);
        *out = NULL;
    }
    return st;
}

/* Bytes of the files under path (a shard's directory holds files; a
 * sharded index's, its shards'). */
static uint64_t dir_bytes(const char *path)
{
    DIR *d = opendir(path);
    uint64_t sum = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char *p = NULL;
        struct stat sb;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            asprintf(&p, "%s/%s", path, e->d_name) < 0)
            continue;
        if (lstat(p, &sb) == 0)
            sum += S_ISDIR(sb.st_mode) ? dir_bytes(p) : S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
        free(p);
    }
    if (d)
        closedir(d);
    return sum;
}

/* *msg: a failure to read path, why from the open (*msg) or from db. */
static void say_why(char **msg, const char *path, xc_rdb_t *db)
{
    char *why = *msg;
    if (asprintf(msg, "cannot read '%s': %s", path,
                 db ? xc_rdb_error(db) : why ? why : "unknown failure") < 0)
        *msg = NULL;
    free(why);
}

/* The counts of the whole index, and what its first database records. */
static presscut_status_t read_whole(const char *path, stats_t *s, char **msg)
{
    xc_rdb_t *db = NULL;
    presscut_status_t st = xc_rdb_open(path, &db, msg);
    if (st == PRESSCUT_OK)
        st = xc_rdb_doccount(db, &s->passages);
    if (st == PRESSCUT_OK)
        st = xc_rdb_allterms(db, "A", count_term, &s->articles);
    if (st == PRESSCUT_OK)
        st = meta(db, PC_META_SCHEMA, &s->schema);
    if (st == PRESSCUT_OK)
        st = meta(db, PC_META_LANGUAGE, &s->language);
    if (st == PRESSCUT_OK)
        st = xc_rdb_allterms(db, PC_LANGUAGE_PREFIX, count_language, &s->languages);
    bool counted = st != PRESSCUT_OK ||
                   (st = count_language_articles(db, s, msg)) == PRESSCUT_OK;
    if (st == PRESSCUT_OK)
        st = meta(db, PC_META_UPDATED, &s->updated);
    if (st == PRESSCUT_OK)
        st = date_end(db, 0, &s->first_date);
    if (st == PRESSCUT_OK)
        st = date_end(db, 1, &s->last_date);
    if (st != PRESSCUT_OK)   /* a failed count says why in *msg, not on db */
        say_why(msg, path, counted ? db : NULL);
    xc_rdb_close(db);
    return st;
}

static presscut_status_t read_catalog(const char *path, stats_t *s, char **msg)
{
    presscut_status_t st = PRESSCUT_OK;
    for (unsigned i = 0; i < s->shards && st == PRESSCUT_OK; i++) {
        char *sp = NULL;
        if (s->shards == 1 ? !(sp = strdup(path))
                           : asprintf(&sp, "%s/" PC_SHARD_NAME, path, i) < 0)
            return PRESSCUT_NOMEM;
        xc_rdb_t *db = NULL;
        st = xc_rdb_open(sp, &db, msg);
        if (st == PRESSCUT_OK)
            st = pc_catalog_read_files(db, on_file, s);
        if (st != PRESSCUT_OK)
            say_why(msg, sp, db);
        xc_rdb_close(db);
        free(sp);
    }
    return st;
}

static presscut_status_t gather(const char *path, stats_t *s, char **msg)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (asprintf(msg, "no index at '%s': %s", path, strerror(errno)) < 0)
            *msg = NULL;
        return PRESSCUT_NO_INDEX;
    }
    presscut_status_t st = pc_index_shards(path, &s->shards, msg);
    if (st == PRESSCUT_OK && s->shards == 0) {
        if (asprintf(msg, "'%s' is not a presscut index", path) < 0)
            *msg = NULL;
        return PRESSCUT_NOT_INDEX;
    }
    if (st == PRESSCUT_OK)
        st = read_whole(path, s, msg);
    if (st == PRESSCUT_OK && !s->schema) {
        if (asprintf(msg, "'%s' is a Xapian database that presscut did not write", path) < 0)
            *msg = NULL;
        return PRESSCUT_NOT_INDEX;
    }
    if (st == PRESSCUT_OK)
        st = read_catalog(path, s, msg);
    if (st == PRESSCUT_OK)
        st = group_rows(s);
    if (st != PRESSCUT_OK)
        return st;
    sort_tallies(&s->reasons);
    sort_tallies(&s->folders);
    sort_tallies(&s->feeds);
    s->bytes = dir_bytes(path);
    return PRESSCUT_OK;
}

static const char *const kind_name[] = { "indexed", "content", "size" };

/* A JSON string of s, or null. */
static void put_json(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    char *safe = presscut_escape(s, strlen(s), PRESSCUT_ESCAPE_REPLACE);
    fputc('"', out);
    for (const char *p = safe ? safe : "?"; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
    free(safe);
}

static void put_tallies(FILE *out, const char *key, const tallies_t *t, bool reasons)
{
    fprintf(out, ",\"%s\":[", key);
    for (size_t i = 0; i < t->n; i++) {
        fprintf(out, "%s{\"%s\":", i ? "," : "", reasons ? "reason" : "path");
        put_json(out, t->v[i].name);
        if (reasons)
            fprintf(out, ",\"kind\":\"%s\",\"files\":%" PRIu64 "}", kind_name[t->v[i].kind],
                    t->v[i].files);
        else
            fprintf(out, ",\"files\":%" PRIu64 ",\"articles\":%" PRIu64 "}", t->v[i].files,
                    t->v[i].articles);
    }
    fputc(']', out);
}

static void print_json(FILE *out, const char *path, const stats_t *s)
{
    fputs("{\"index\":", out);
    put_json(out, path);
    fputs(",\"schema\":", out);
    put_json(out, s->schema);
    fputs(",\"language\":", out);
    put_json(out, s->language);
    fputs(",\"updated\":", out);
    put_json(out, s->updated);
    fprintf(out, ",\"shards\":%u,\"bytes\":%" PRIu64 ",\"articles\":%" PRIu64
            ",\"passages\":%u,\"files\":%" PRIu64 ",\"indexed\":%" PRIu64
            ",\"skipped\":{\"content\":%" PRIu64 ",\"size\":%" PRIu64 "}",
            s->shards, s->bytes, s->articles, s->passages, s->files,
            s->skipped[PC_SKIP_NONE], s->skipped[PC_SKIP_CONTENT], s->skipped[PC_SKIP_SIZE]);
    put_tallies(out, "skip_reasons", &s->reasons, true);
    fputs(",\"dates\":{\"first\":", out);
    put_json(out, s->first_date);
    fputs(",\"last\":", out);
    put_json(out, s->last_date);
    fputc('}', out);
    put_tallies(out, "folders", &s->folders, false);
    put_tallies(out, "feeds", &s->feeds, false);
    fputs(",\"languages\":[", out);
    for (size_t i = 0; i < s->languages.n; i++) {
        fprintf(out, "%s{\"code\":", i ? "," : "");
        put_json(out, s->languages.v[i].name);
        fprintf(out, ",\"articles\":%" PRIu64 ",\"passages\":%" PRIu64 "}",
                s->languages.v[i].articles, s->languages.v[i].passages);
    }
    fputs("]}\n", out);
}

/* One "key: value" line, the values aligned; value is escaped. */
static void put_line(FILE *out, const char *key, const char *value, const char *tail)
{
    char *safe = presscut_escape(value, strlen(value), PRESSCUT_ESCAPE_CONTROLS);
    fprintf(out, "%-13s %s%s\n", key, safe ? safe : "?", tail ? tail : "");
    free(safe);
}

static void print_text(FILE *out, const char *path, const stats_t *s)
{
    char buf[128];
    put_line(out, "index:", path, NULL);
    put_line(out, "schema:", s->schema, NULL);
    put_line(out, "language:", s->language ? s->language : "unknown", NULL);
    put_line(out, "updated:", s->updated ? s->updated : "unknown", NULL);
    fprintf(out, "%-13s %u\n", "shards:", s->shards);
    fprintf(out, "%-13s %" PRIu64 " bytes (%.1f MB)\n", "size:", s->bytes,
            (double)s->bytes / 1e6);
    fprintf(out, "%-13s %" PRIu64 "\n", "articles:", s->articles);
    fprintf(out, "%-13s %u\n", "passages:", s->passages);
    fprintf(out, "%-13s %" PRIu64 " (%" PRIu64 " indexed, %" PRIu64 " skipped)\n", "files:",
            s->files, s->skipped[PC_SKIP_NONE],
            s->skipped[PC_SKIP_CONTENT] + s->skipped[PC_SKIP_SIZE]);
    for (size_t i = 0; i < s->reasons.n; i++) {
        snprintf(buf, sizeof buf, " (%s, %" PRIu64 " file%s)", kind_name[s->reasons.v[i].kind],
                 s->reasons.v[i].files, s->reasons.v[i].files == 1 ? "" : "s");
        put_line(out, "skipped:", s->reasons.v[i].name, buf);
    }
    for (size_t i = 0; i < s->languages.n; i++) {
        const tally_t *t = &s->languages.v[i];
        snprintf(buf, sizeof buf, " (%" PRIu64 " article%s, %" PRIu64 " passage%s)",
                 t->articles, t->articles == 1 ? "" : "s", t->passages,
                 t->passages == 1 ? "" : "s");
        put_line(out, "languages:", t->name, buf);
    }
    if (s->first_date)
        fprintf(out, "%-13s %s to %s\n", "dates:", s->first_date, s->last_date);
    else
        fprintf(out, "%-13s none\n", "dates:");
    const tallies_t *lists[] = { &s->folders, &s->feeds };
    const char *keys[] = { "folder:", "feed:" };
    for (size_t k = 0; k < 2; k++) {
        for (size_t i = 0; i < lists[k]->n; i++) {
            const tally_t *t = &lists[k]->v[i];
            if (k == 0)
                snprintf(buf, sizeof buf, " (%" PRIu64 " file%s, %" PRIu64 " article%s)",
                         t->files, t->files == 1 ? "" : "s", t->articles,
                         t->articles == 1 ? "" : "s");
            else
                snprintf(buf, sizeof buf, " (%" PRIu64 " article%s)", t->articles,
                         t->articles == 1 ? "" : "s");
            put_line(out, keys[k], t->name, buf);
        }
    }
}

presscut_status_t presscut_index_describe(const char *path, int json, FILE *out, char **msg)
{
    stats_t s = { 0 };
    *msg = NULL;
    presscut_status_t st = gather(path, &s, msg);
    if (st == PRESSCUT_OK) {
        if (json)
            print_json(out, path, &s);
        else
            print_text(out, path, &s);
    }
    stats_free(&s);
    return st;
}
