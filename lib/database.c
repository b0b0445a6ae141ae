/* database: opening an index for reading, its marks, stubs and shards. */
#include "database.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "message.h"
#include "queryparse.h"
#include "schema.h"
#include "stem.h"

const char *presscut_db_error(const presscut_db_t *db)
{
    return db->err ? db->err : "";
}

/* Reads a metadata mark of x; "" when absent. */
static presscut_status_t get_mark(presscut_db_t *db, xc_rdb_t *x, const char *key,
                                  char **value)
{
    size_t len;
    presscut_status_t st = xc_rdb_get_metadata(x, key, value, &len);
    if (st != PRESSCUT_OK)
        pc_message_set(&db->err, "%s", xc_rdb_error(x));
    return st;
}

/* Checks the marks of x (one database, or the first of a combined one:
 * Xapian reads metadata from there); name says which in messages.  A
 * database without marks or documents is an index whose first build has
 * not committed yet: it is searched, and holds nothing. */
static presscut_status_t check_marks(presscut_db_t *db, xc_rdb_t *x, const char *name,
                                     char **language)
{
    char *schema = NULL, *tok = NULL;
    presscut_status_t st = get_mark(db, x, PC_META_SCHEMA, &schema);
    if (st == PRESSCUT_OK)
        st = get_mark(db, x, PC_META_TOKENIZER, &tok);
    if (st == PRESSCUT_OK)
        st = get_mark(db, x, PC_META_LANGUAGE, language);
    if (st == PRESSCUT_OK) {
        unsigned docs = 0;
        if (!schema[0] && (st = xc_rdb_doccount(x, &docs)) != PRESSCUT_OK) {
            pc_message_set(&db->err, "%s", xc_rdb_error(x));
        } else if (!schema[0] && docs) {
            pc_message_set(&db->err, "%s is not a presscut index (a Xapian database without "
                           "presscut's marks)", name);
            st = PRESSCUT_NOT_INDEX;
        } else if (schema[0] && (strcmp(schema, PC_SCHEMA_VERSION) != 0 ||
                                 atoi(tok) != PC_TOKENIZER_VERSION)) {
            pc_message_set(&db->err, "%s: index has schema %s and tokenizer %s, this presscut reads "
                      "schema %s and tokenizer %d: rebuild it with presscut-index --full",
                      name, schema, tok, PC_SCHEMA_VERSION, PC_TOKENIZER_VERSION);
            st = PRESSCUT_VERSION;
        }
    }
    free(schema);
    free(tok);
    return st;
}

/* ---- stub databases ----
 * A stub (a file, or a directory holding XAPIANDB) is opened line by line
 * here rather than by Xapian, so that each shard's marks are checked, a
 * shard that fails is named, remote shards get the timeout asked for, and
 * unreachable shards can be left out (--allow-partial).  Lines presscut
 * does not know ("remote :PROG", "inmemory") leave a plain open to
 * Xapian. */

typedef struct stub_line {
    char *type, *arg;            /* "auto", "shard-0"; "remote", "host:port" */
    unsigned lineno;
} stub_line_t;

typedef struct stub {
    char *file;                  /* the stub file */
    char *dir;                   /* its directory: relative paths start there */
    stub_line_t *v;
    size_t n;
    int foreign;                 /* a line presscut does not open itself */
} stub_t;

static void stub_free(stub_t *sb)
{
    for (size_t i = 0; i < sb->n; i++)
        free(sb->v[i].type);
    free(sb->v);
    free(sb->file);
    free(sb->dir);
}

/* *file gets the stub file of path, or NULL when path is not a stub (nor
 * anything: opening it then says what it is). */
static presscut_status_t stub_file(const char *path, char **file)
{
    struct stat st;
    *file = NULL;
    if (stat(path, &st) != 0)
        return PRESSCUT_OK;
    if (S_ISREG(st.st_mode))
        return (*file = strdup(path)) ? PRESSCUT_OK : PRESSCUT_NOMEM;
    if (S_ISDIR(st.st_mode)) {
        if (asprintf(file, "%s/XAPIANDB", path) < 0) {
            *file = NULL;
            return PRESSCUT_NOMEM;
        }
        if (stat(*file, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(*file);
            *file = NULL;
        }
    }
    return PRESSCUT_OK;
}

/* Whether dir holds only what Xapian writes while it creates a database
 * (or nothing): presscut-index has made the index's directory and not yet
 * committed into it.  iamglass counts too: Xapian may have written it
 * between its own look and this one. */
static bool being_created(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool xapian_only = true;
    struct dirent *e;
    while (xapian_only && (e = readdir(d))) {
        const char *n = e->d_name, *dot = strrchr(n, '.');
        xapian_only = strcmp(n, ".") == 0 || strcmp(n, "..") == 0 ||
                      strcmp(n, "flintlock") == 0 || strcmp(n, "iamglass") == 0 ||
                      (dot && strcmp(dot, ".glass") == 0) ||
                      (dot && strcmp(dot, ".tmp") == 0);
    }
    closedir(d);
    return xapian_only;
}

/* Opens the database directory path, saying in *m in plain words what is
 * wrong when it cannot: no index there, something else than an index, a
 * damaged one.  A directory presscut-index is creating opens as an empty
 * database. */
static presscut_status_t open_local(const char *path, xc_rdb_t **out, char **m)
{
    char *why = NULL;
    presscut_status_t st = xc_rdb_open(path, out, &why);
    struct stat sb;
    if (st == PRESSCUT_NO_INDEX && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode) &&
        being_created(path)) {
        free(why);
        return (*out = xc_rdb_new_blank()) ? PRESSCUT_OK : PRESSCUT_NOMEM;
    }
    if (st == PRESSCUT_NO_INDEX && stat(path, &sb) == 0)
        st = PRESSCUT_NOT_INDEX;
    int n = 0;
    switch (st) {
    case PRESSCUT_OK:
    case PRESSCUT_NOMEM:
        break;
    case PRESSCUT_NO_INDEX:
        n = asprintf(m, "no index at '%s' (run presscut-index first)", path);
        break;
    case PRESSCUT_NOT_INDEX:
        n = asprintf(m, "'%s' is not a presscut index", path);
        break;
    case PRESSCUT_CORRUPT:
        n = asprintf(m, "index '%s' is damaged (%s): rebuild it with presscut-index --full",
                     path, why ? why : "");
        break;
    default:
        n = asprintf(m, "cannot open index '%s': %s", path,
                     why ? why : presscut_status_to_string(st));
        break;
    }
    if (n < 0)
        *m = NULL;
    free(why);
    return st;
}

static int known_type(const char *t)
{
    static const char *const local[] = { "auto", "glass", "chert", "honey" };
    for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
        if (strcmp(t, local[i]) == 0)
            return 1;
    return 0;
}

static presscut_status_t stub_read(const char *file, stub_t *sb, char **m)
{
    memset(sb, 0, sizeof *sb);
    FILE *f = fopen(file, "r");
    if (!f) {
        if (asprintf(m, "cannot read '%s': %s", file, strerror(errno)) < 0)
            *m = NULL;
        return PRESSCUT_NO_INDEX;
    }
    if (!(sb->file = strdup(file)) || !(sb->dir = strdup(file))) {
        fclose(f);
        return PRESSCUT_NOMEM;
    }
    char *slash = strrchr(sb->dir, '/');
    if (slash)
        slash[slash == sb->dir] = '\0';
    else
        strcpy(sb->dir, ".");
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    presscut_status_t st = PRESSCUT_OK;
    while (st == PRESSCUT_OK && getline(&line, &cap, f) >= 0) {
        lineno++;
        char *p = line + strspn(line, " \t");
        p[strcspn(p, "\r\n")] = '\0';
        if (!*p || *p == '#')
            continue;
        stub_line_t *v = realloc(sb->v, (sb->n + 1) * sizeof *v);
        if (v)
            sb->v = v;
        char *type = v ? strdup(p) : NULL;
        if (!type) {
            st = PRESSCUT_NOMEM;
            break;
        }
        char *sp = type + strcspn(type, " \t");
        char *arg = sp + (*sp ? strspn(sp, " \t") : 0);
        *sp = '\0';
        if (!*arg)
            arg = sp;
        sb->v[sb->n++] = (stub_line_t){ type, arg, lineno };
        if (!known_type(type) &&
            !(strcmp(type, "remote") == 0 && arg[0] != ':' && strrchr(arg, ':')))
            sb->foreign = 1;
    }
    free(line);
    fclose(f);
    return st;
}

/* Opens a stub file with lines presscut leaves to Xapian. */
static presscut_status_t open_foreign(const char *path, xc_rdb_t **out, char **m)
{
    char *why = NULL;
    presscut_status_t st = xc_rdb_open(path, out, &why);
    int n = 0;
    if (st == PRESSCUT_NOT_INDEX)
        n = asprintf(m, "'%s' is not a presscut index", path);
    else if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM)
        n = asprintf(m, "cannot open index '%s': %s", path,
                     why ? why : presscut_status_to_string(st));
    if (n < 0)
        *m = NULL;
    free(why);
    return st;
}

/* Opens one line of a stub. */
static presscut_status_t open_line(const stub_t *sb, const stub_line_t *l, unsigned timeout_ms,
                                   xc_rdb_t **out, char **m)
{
    if (strcmp(l->type, "remote") == 0) {
        char *host = strdup(l->arg);
        if (!host)
            return PRESSCUT_NOMEM;
        char *colon = strrchr(host, ':'), *end;
        *colon = '\0';
        unsigned long port = strtoul(colon + 1, &end, 10);
        char *h = host;
        size_t hl = strlen(h);
        if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') {   /* [::1]:port */
            h[hl - 1] = '\0';
            h++;
        }
        presscut_status_t st;
        if (*end || port == 0 || port > 65535) {
            if (asprintf(m, "bad port '%s'", colon + 1) < 0)
                *m = NULL;
            st = PRESSCUT_BAD_ARG;
        } else {
            st = xc_rdb_open_remote(h, (unsigned)port, timeout_ms, out, m);
        }
        free(host);
        return st;
    }
    char *p = NULL;
    if (l->arg[0] == '/' ? !(p = strdup(l->arg)) : asprintf(&p, "%s/%s", sb->dir, l->arg) < 0)
        return PRESSCUT_NOMEM;
    presscut_status_t st = open_local(p, out, m);
    free(p);
    return st;
}

static presscut_status_t add_partial(presscut_db_t *db, const char *what)
{
    char *s = NULL;
    if (asprintf(&s, "%s%s%s", db->partial ? db->partial : "", db->partial ? "; " : "",
                 what) < 0)
        return PRESSCUT_NOMEM;
    free(db->partial);
    db->partial = s;
    return PRESSCUT_OK;
}

/* Opens every shard of the stub, checks its marks, and combines them in
 * db->db.  Unreachable shards are left out when the options allow it. */
static presscut_status_t open_stub(presscut_db_t *db, const stub_t *sb, char **language,
                                   char **m)
{
    if (!(db->db = xc_rdb_new_empty()))
        return PRESSCUT_NOMEM;
    size_t opened = 0;
    presscut_status_t st = PRESSCUT_OK;
    for (size_t i = 0; i < sb->n && st == PRESSCUT_OK; i++) {
        const stub_line_t *l = &sb->v[i];
        char name[512], *why = NULL, *lang = NULL;
        snprintf(name, sizeof name, "shard %zu of %zu ('%s %s', line %u of %s)", i + 1, sb->n,
                 l->type, l->arg, l->lineno, sb->file);
        xc_rdb_t *one = NULL;
        st = open_line(sb, l, db->opts.timeout_ms, &one, &why);
        if (st == PRESSCUT_OK && (st = check_marks(db, one, name, &lang)) != PRESSCUT_OK) {
            why = db->err;
            db->err = NULL;
        } else if (st == PRESSCUT_OK && *language && strcmp(lang, *language) != 0) {
            if (asprintf(&why, "%s: language %s, the shards before it %s", name, lang,
                         *language) < 0)
                why = NULL;
            st = PRESSCUT_VERSION;
        }
        if (st == PRESSCUT_OK) {
            if (!*language) {
                *language = lang;
                lang = NULL;
            }
            if ((st = xc_rdb_add(db->db, one)) != PRESSCUT_OK)
                pc_message_set(&db->err, "%s", xc_rdb_error(db->db));
            opened++;
        } else {
            xc_rdb_close(one);
            char *msg = NULL;
            /* check_marks and open_local named it */
            int named = st == PRESSCUT_VERSION || st == PRESSCUT_NOT_INDEX;
            if (asprintf(&msg, "%s%s%s", named ? "" : name, named ? "" : ": ",
                         why ? why : presscut_status_to_string(st)) < 0)
                msg = NULL;
            if (db->opts.allow_partial && (st == PRESSCUT_NETWORK || st == PRESSCUT_NO_INDEX)) {
                st = msg ? add_partial(db, msg) : PRESSCUT_NOMEM;
                free(msg);
            } else {
                *m = msg;
            }
        }
        free(why);
        free(lang);
    }
    if (st == PRESSCUT_OK && opened == 0) {
        if (sb->n ? asprintf(m, "no shard of %s could be opened: %s", sb->file, db->partial)
                  : asprintf(m, "'%s' is not a presscut index (it lists no database)",
                             sb->file) < 0)
            *m = NULL;
        st = sb->n ? PRESSCUT_NETWORK : PRESSCUT_NOT_INDEX;
    }
    return st;
}

/* Opens path (a database, or a stub of shards) into db->db. */
static presscut_status_t open_any(presscut_db_t *db, const char *path, char **language,
                                  char **m)
{
    free(db->partial);
    db->partial = NULL;
    char *file = NULL;
    stub_t sb = { 0 };
    presscut_status_t st = stub_file(path, &file);
    bool stub = file != NULL;
    if (st == PRESSCUT_OK && stub)
        st = stub_read(file, &sb, m);
    free(file);
    if (st == PRESSCUT_OK && stub && sb.foreign && db->opts.allow_partial) {
        if (asprintf(m, "%s: --allow-partial needs stub lines presscut can open "
                     "(auto/glass PATH, remote HOST:PORT)", sb.file) < 0)
            *m = NULL;
        st = PRESSCUT_BAD_ARG;
    } else if (st == PRESSCUT_OK && stub && !sb.foreign) {
        st = open_stub(db, &sb, language, m);
    } else if (st == PRESSCUT_OK) {
        /* A directory, or a stub Xapian opens (or refuses: the "Bad line"
         * of a file that is no stub).  Checked as one database. */
        st = stub ? open_foreign(path, &db->db, m) : open_local(path, &db->db, m);
        char *name = NULL;
        if (st == PRESSCUT_OK && asprintf(&name, "'%s'", path) < 0)
            st = PRESSCUT_NOMEM;
        else if (st == PRESSCUT_OK && (st = check_marks(db, db->db, name, language)) != PRESSCUT_OK) {
            *m = db->err;
            db->err = NULL;
        }
        free(name);
    }
    stub_free(&sb);
    return st;
}

/* The stemmers of the languages the index holds (PC_META_LANGUAGES), which
 * a query word is stemmed in too.  One this presscut does not know (an
 * index written by a later one) is left out. */
static presscut_status_t add_languages(presscut_db_t *db, char **m)
{
    char *list = NULL;
    presscut_status_t st = get_mark(db, db->db, PC_META_LANGUAGES, &list);
    if (st != PRESSCUT_OK) {
        *m = db->err;
        db->err = NULL;
        return st;
    }
    for (char *save = NULL, *name = strtok_r(list, ",", &save); name && st == PRESSCUT_OK;
         name = strtok_r(NULL, ",", &save)) {
        xc_stem_t *stem;
        char *why = NULL;
        st = pc_stemset_get(db->stems, name, &stem, NULL, &why);
        free(why);
        if (st == PRESSCUT_BAD_ARG)
            st = PRESSCUT_OK;
    }
    free(list);
    return st;
}

presscut_status_t presscut_db_open(const char *path, presscut_db_t **out, char **msg)
{
    return presscut_db_open_opts(path, NULL, out, msg);
}

presscut_status_t presscut_db_open_opts(const char *path, const presscut_db_options_t *opts,
                                        presscut_db_t **out, char **msg)
{
    presscut_db_t *db = calloc(1, sizeof *db);
    if (!db)
        return PRESSCUT_NOMEM;
    if (opts)
        db->opts = *opts;
    char *m = NULL, *language = NULL;
    presscut_status_t st = (db->path = strdup(path)) ? PRESSCUT_OK : PRESSCUT_NOMEM;
    for (int attempt = 0; st == PRESSCUT_OK; attempt++) {
        st = open_any(db, path, &language, &m);
        if (!xc_reopen_may_help(st) || attempt == XC_MAX_REOPEN)
            break;
        xc_rdb_close(db->db);
        db->db = NULL;
        free(m);
        free(language);
        m = language = NULL;
        st = PRESSCUT_OK;
    }
    if (st == PRESSCUT_OK) {
        const char *lang = language && language[0] ? language : "english";
        db->english = pc_language_is_english(lang);
        st = (db->stems = pc_stemset_new(false)) ? PRESSCUT_OK : PRESSCUT_NOMEM;
        if (st == PRESSCUT_OK)
            st = pc_stemset_get(db->stems, lang, &db->stem, NULL, &m);
        if (st == PRESSCUT_OK)
            st = add_languages(db, &m);
    }
    if (st == PRESSCUT_OK)
        st = pc_tokenizer_new(&db->tk, &m);
    free(language);
    if (st != PRESSCUT_OK) {
        if (msg)
            *msg = m;
        else
            free(m);
        presscut_db_close(db);
        return st;
    }
    *out = db;
    return PRESSCUT_OK;
}

const char *presscut_db_partial(const presscut_db_t *db)
{
    return db->partial;
}

typedef struct codes {
    char *list;
    size_t len;
    bool nomem;
} codes_t;

static int add_code(void *ctx, const char *term, size_t len, unsigned termfreq)
{
    (void)termfreq;
    codes_t *c = ctx;
    size_t plen = strlen(PC_LANGUAGE_PREFIX), n = len - plen;
    char *list = realloc(c->list, c->len + n + 2);
    if (!list) {
        c->nomem = true;
        return 1;
    }
    c->list = list;
    if (c->len)
        c->list[c->len++] = ',';
    memcpy(c->list + c->len, term + plen, n);
    c->len += n;
    c->list[c->len] = '\0';
    return 0;
}

presscut_status_t presscut_db_languages(presscut_db_t *db, char **codes)
{
    codes_t c = { 0 };
    presscut_status_t st = xc_rdb_allterms(db->db, PC_LANGUAGE_PREFIX, add_code, &c);
    if (st != PRESSCUT_OK)
        pc_message_set(&db->err, "%s", xc_rdb_error(db->db));
    else if (c.nomem || (!c.list && !(c.list = strdup(""))))
        st = PRESSCUT_NOMEM;
    if (st != PRESSCUT_OK) {
        free(c.list);
        return st;
    }
    *codes = c.list;
    return PRESSCUT_OK;
}

void presscut_db_close(presscut_db_t *db)
{
    if (!db)
        return;
    xc_rdb_close(db->db);
    free(db->path);
    free(db->partial);
    pc_stemset_destroy(db->stems);
    pc_tokenizer_destroy(db->tk);
    pc_synonyms_destroy(db->syn);
    free(db->err);
    free(db);
}

typedef struct stem_scan {
    presscut_db_t *db;
    bool found;
    presscut_status_t st;
} stem_scan_t;

static int names_builtin(void *ctx, const pc_token_t *t)
{
    stem_scan_t *c = ctx;
    char *stem = pc_stem_word(c->db->stem, t->word, t->len);
    if (!stem) {
        c->st = PRESSCUT_NOMEM;
        return 1;
    }
    for (size_t i = 0; i < pc_synonyms_builtin_n_stems && !c->found; i++)
        c->found = strcmp(stem, pc_synonyms_builtin_stems[i].stem) == 0;
    free(stem);
    return c->found;
}

/* Whether text may name an alternative of the shipped list: some word of
 * it has the stem of some word of the list.  Known for English only, whose
 * stems are compiled in; a text that cannot be tokenized may. */
static presscut_status_t may_name_builtin(presscut_db_t *db, const char *text, bool *may)
{
    *may = true;
    if (!db->english)
        return PRESSCUT_OK;
    stem_scan_t c = { db, false, PRESSCUT_OK };
    presscut_status_t st = pc_tokenize(db->tk, text, strlen(text), 1, names_builtin, &c, NULL);
    if (st == PRESSCUT_NOMEM || c.st != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    *may = st != PRESSCUT_OK || c.found;
    return PRESSCUT_OK;
}

/* The shipped synonyms, read when a search (text) may use them, or when
 * the caller adds a list (text NULL): a quote look-up never does, nor a
 * query none of whose words names an alternative.  Their English stems
 * come compiled in: stemming them was a fifth of a one-query process's
 * instructions, and reading the list at all another sixth. */
presscut_status_t pc_db_need_synonyms(presscut_db_t *db, const char *text)
{
    if (db->syn)
        return PRESSCUT_OK;
    bool may = true;
    if (text && may_name_builtin(db, text, &may) != PRESSCUT_OK) {
        pc_message_set(&db->err, "out of memory");
        return PRESSCUT_NOMEM;
    }
    if (!may)
        return PRESSCUT_OK;
    char *m = NULL;
    presscut_status_t st = (db->syn = pc_synonyms_new()) ? PRESSCUT_OK : PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK && db->english)
        pc_synonyms_use_stems(db->syn, pc_synonyms_builtin_stems, pc_synonyms_builtin_n_stems);
    if (st == PRESSCUT_OK)
        st = pc_synonyms_add(db->syn, db->tk, db->stem, "lib/synonyms.txt", pc_synonyms_builtin,
                             strlen(pc_synonyms_builtin), &m);
    if (st != PRESSCUT_OK) {
        pc_message_set(&db->err, "%s", m ? m : presscut_status_to_string(st));
        pc_synonyms_destroy(db->syn);
        db->syn = NULL;
    }
    free(m);
    return st;
}

presscut_status_t pc_db_reopen_partial(presscut_db_t *db)
{
    xc_rdb_t *old = db->db;
    char *language = NULL, *m = NULL;
    db->db = NULL;
    presscut_status_t st = open_any(db, db->path, &language, &m);
    free(language);
    if (st != PRESSCUT_OK) {
        xc_rdb_close(db->db);
        db->db = old;
        pc_message_set(&db->err, "%s", m ? m : presscut_status_to_string(st));
        free(m);
        return st;
    }
    xc_rdb_close(old);
    return PRESSCUT_OK;
}

presscut_status_t presscut_db_add_synonyms(presscut_db_t *db, const char *path)
{
    char *m = NULL;
    presscut_status_t st = pc_db_need_synonyms(db, NULL);
    if (st != PRESSCUT_OK)
        return st;
    st = pc_synonyms_add_file(db->syn, db->tk, db->stem, path, &m);
    if (st != PRESSCUT_OK)
        pc_message_set(&db->err, "%s", m ? m : presscut_status_to_string(st));
    free(m);
    return st;
}

presscut_status_t presscut_db_refresh(presscut_db_t *db)
{
    /* An index opened before its first build holds no database to
     * reopen: only opening it anew finds what the build wrote. */
    unsigned count = 0;
    if (xc_rdb_reopen(db->db) == PRESSCUT_OK && xc_rdb_doccount(db->db, &count) == PRESSCUT_OK &&
        count > 0)
        return PRESSCUT_OK;
    return pc_db_reopen_partial(db);
}
