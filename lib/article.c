/* article: files and feed lines -> pc_article_t.
 *
 * Offsets stay file byte offsets: a UTF-8 byte order mark is kept in
 * `text` and body_start simply lies past it, so a citation's start/end
 * can be used on the file as it is on disk.
 */
#include "article.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "datefmt.h"
#include "html.h"
#include "utf8.h"

/* Whole-file reads keep the file in memory; beyond this an input is far
 * more likely a mistake (a dump, an image) than an article. */
#define MAX_FILE_BYTES ((size_t)64 << 20)
/* Like grep and git: a NUL byte early on means the file is not text. */
#define BINARY_PROBE 8192
/* A first line longer than this is a paragraph, not a headline. */
#define TITLE_LINE_MAX 200

/* Metadata is copied into every passage of its article: one runaway
 * value (a 5 MB "title") would be stored hundreds of times over.  Text
 * is cut to these many bytes; a value that means nothing cut (an id, a
 * URL, a date, a language tag) is ignored as if absent. */
#define MAX_TITLE_BYTES 1000
#define MAX_SOURCE_BYTES 200
#define MAX_ID_BYTES 1000
#define MAX_URL_BYTES 2048
#define MAX_DATE_BYTES 100
#define MAX_LANGUAGE_BYTES 64

static const char BOM[] = "\xEF\xBB\xBF";

/* ---- small helpers ---------------------------------------------------- */

static void skip(unsigned *skipped)
{
    if (skipped)
        (*skipped)++;
}

static void warnf(pc_article_warn_fn warn, void *ctx, const char *path, long line,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void warnf(pc_article_warn_fn warn, void *ctx, const char *path, long line,
                  const char *fmt, ...)
{
    if (!warn)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    warn(ctx, path, line, msg);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static bool is_blank(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!is_space(s[i]))
            return false;
    return true;
}

static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && is_space(s[*a]))
        (*a)++;
    while (*b > *a && is_space(s[*b - 1]))
        (*b)--;
}

static size_t bom_len(const char *s, size_t len)
{
    return len >= 3 && memcmp(s, BOM, 3) == 0 ? 3 : 0;
}

/* One line of s: [start, end) without its '\n' (and a '\r' before it,
 * so CRLF files read like LF files); the next line begins at next. */
typedef struct line {
    size_t start, end, next;
} line_t;

static bool next_line(const char *s, size_t len, size_t pos, line_t *l)
{
    if (pos >= len)
        return false;
    const char *nl = memchr(s + pos, '\n', len - pos);
    size_t e = nl ? (size_t)(nl - s) : len;
    l->start = pos;
    l->next = nl ? e + 1 : len;
    if (e > pos && s[e - 1] == '\r')
        e--;
    l->end = e;
    return true;
}

static bool line_is(const char *s, const line_t *l, const char *marker)
{
    size_t a = l->start, b = l->end;
    while (b > a && is_space(s[b - 1]))
        b--;
    return b - a == strlen(marker) && memcmp(s + a, marker, b - a) == 0;
}

/* A headline is short, has a letter or digit ("---" is a rule), and does
 * not end like a sentence or a lead-in (. : ; ,); question and
 * exclamation marks are common in headlines. */
static bool headline(const char *s, size_t a, size_t b)
{
    if (b == a || b - a > TITLE_LINE_MAX || memchr(".:;,", s[b - 1], 4))
        return false;
    for (size_t i = a; i < b; i++)
        if ((unsigned char)s[i] >= 0x80 || (s[i] >= '0' && s[i] <= '9') ||
            ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
            return true;
    return false;
}

/* ---- handing an article over ------------------------------------------ */

/* s cut to at most max bytes: at the last space in its last quarter,
 * else between two UTF-8 characters; caller frees.  NULL when out of
 * memory. */
static char *cut_text(const char *s, size_t max)
{
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    for (size_t i = n; i > max - max / 4; i--)
        if (s[i] == ' ') {
            n = i;
            break;
        }
    while (n > 0 && is_space(s[n - 1]))
        n--;
    return strndup(s, n);
}

/* Ignores *field when it is longer than max bytes, saying so. */
static void drop_long(const char **field, size_t max, const char *name, const pc_article_t *a,
                      pc_article_warn_fn warn, void *ctx)
{
    size_t n = strlen(*field);
    if (n <= max)
        return;
    warnf(warn, ctx, a->path, a->line, "%s too long (%zu bytes, limit %zu): ignored",
          name, n, max);
    *field = "";
}

/* Cuts *field to max bytes when longer, saying so: *copy holds the cut
 * value.  OK or NOMEM. */
static presscut_status_t cut_long(const char **field, size_t max, const char *name,
                                  char **copy, const pc_article_t *a,
                                  pc_article_warn_fn warn, void *ctx)
{
    size_t n = strlen(*field);
    if (n <= max)
        return PRESSCUT_OK;
    if (!(*copy = cut_text(*field, max)))
        return PRESSCUT_NOMEM;
    warnf(warn, ctx, a->path, a->line, "%s cut to %zu bytes (was %zu, limit %zu)",
          name, strlen(*copy), n, max);
    *field = *copy;
    return PRESSCUT_OK;
}

/* a's date in ISO form into iso; a date presscut cannot read stays as
 * found only (the record's date_text), with a warning: a wrong date would
 * mislead a date: filter or --sort date more than a missing one. */
static void read_date(const pc_article_t *a, char iso[PC_DATE_ISO_MAX],
                      pc_article_warn_fn warn, void *ctx)
{
    switch (pc_date_iso(a->date, iso, PC_DATE_ISO_MAX)) {
    case PC_DATE_OK:
        break;
    case PC_DATE_AMBIGUOUS:
        warnf(warn, ctx, a->path, a->line, "date '%s' is ambiguous (day/month or month/day): "
              "kept as text only", a->date);
        break;
    case PC_DATE_NONE:
        if (a->date[0])
            warnf(warn, ctx, a->path, a->line, "date '%s' not understood: kept as text only",
                  a->date);
        break;
    }
}

/* The name of an article without a title: its file's name without the
 * ending, '-' and '_' made spaces ("power-grid_drill.txt": "power grid
 * drill"), or a feed article's id; caller frees.  NULL when out of
 * memory. */
static char *name_title(const pc_article_t *a)
{
    if (a->format == PC_FORMAT_JSONL)
        return strdup(a->id);
    const char *base = strrchr(a->path, '/');
    base = base ? base + 1 : a->path;
    const char *dot = strrchr(base, '.');
    char *t = strndup(base, dot && dot > base ? (size_t)(dot - base) : strlen(base));
    for (char *p = t; p && *p; p++)
        if (*p == '-' || *p == '_')
            *p = ' ';
    return t;
}

/* What an article without a title shows instead (pc_article_t): its first
 * line (markdown shown as text) when that is a headline, else its name;
 * *shown is NULL when it has a title.  OK or NOMEM. */
static presscut_status_t fallback_title(const pc_article_t *a, char **shown)
{
    *shown = NULL;
    if (a->title[0])
        return PRESSCUT_OK;
    size_t s = a->body_start, e = a->n_blocks ? a->blocks[0].end : a->body_end;
    while (s < e && is_space(a->text[s]))
        s++;
    const char *nl = memchr(a->text + s, '\n', e - s);
    if (nl)
        e = (size_t)(nl - a->text);
    trim(a->text, &s, &e);
    if (e - s <= TITLE_LINE_MAX) {
        char *line = malloc(e - s + 1);
        size_t n = e - s;
        if (!line)
            return PRESSCUT_NOMEM;
        if (a->format != PC_FORMAT_MARKDOWN) {
            memcpy(line, a->text + s, n);
        } else if (pc_markdown_text(a->text + s, e - s, line, &n, NULL, 0) != PRESSCUT_OK) {
            free(line);
            return PRESSCUT_NOMEM;
        }
        size_t la = 0, lb = n;
        trim(line, &la, &lb);
        if (headline(line, la, lb)) {
            memmove(line, line + la, lb - la);
            line[lb - la] = '\0';
            *shown = line;
            return PRESSCUT_OK;
        }
        free(line);
    }
    return (*shown = name_title(a)) ? PRESSCUT_OK : PRESSCUT_NOMEM;
}

/* Every article of every format reaches fn through here, its metadata
 * within the limits above. */
static presscut_status_t emit(pc_article_t *a, pc_article_fn fn, pc_article_warn_fn warn,
                              void *ctx)
{
    char *title = NULL, *source = NULL, *shown = NULL;
    drop_long(&a->url, MAX_URL_BYTES, "url", a, warn, ctx);
    drop_long(&a->date, MAX_DATE_BYTES, "date", a, warn, ctx);
    drop_long(&a->language, MAX_LANGUAGE_BYTES, "language", a, warn, ctx);
    char iso[PC_DATE_ISO_MAX];
    a->date_iso = iso;
    read_date(a, iso, warn, ctx);
    presscut_status_t st = cut_long(&a->title, MAX_TITLE_BYTES, "title", &title, a, warn, ctx);
    if (st == PRESSCUT_OK)
        st = cut_long(&a->source, MAX_SOURCE_BYTES, "source", &source, a, warn, ctx);
    if (st == PRESSCUT_OK)
        st = fallback_title(a, &shown);
    a->shown_title = shown ? shown : a->title;
    if (st == PRESSCUT_OK)
        st = fn(ctx, a);
    free(title);
    free(source);
    free(shown);
    return st;
}

/* ---- metadata --------------------------------------------------------- */

/* Header values copied out of the file: the article's strings must be
 * NUL-terminated, the file's bytes are not.  Freed after fn returns. */
typedef struct meta {
    char *title, *date, *source, *url, *language;
} meta_t;

static void meta_free(meta_t *m)
{
    free(m->title);
    free(m->date);
    free(m->source);
    free(m->url);
    free(m->language);
    memset(m, 0, sizeof *m);
}

static char **meta_field(meta_t *m, const char *key, size_t n)
{
    static const struct { const char *name; size_t off; } keys[] = {
        { "title", offsetof(meta_t, title) },
        { "date", offsetof(meta_t, date) },
        { "source", offsetof(meta_t, source) },
        { "url", offsetof(meta_t, url) },
        { "language", offsetof(meta_t, language) },
        { "lang", offsetof(meta_t, language) },
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i].name) == n && strncasecmp(keys[i].name, key, n) == 0)
            return (char **)(void *)((char *)m + keys[i].off);
    return NULL;
}

/* Later values win: a header that repeats a key meant the second one. */
static presscut_status_t set_field(char **field, const char *s, size_t a, size_t b)
{
    trim(s, &a, &b);
    char *v = strndup(s + a, b - a);
    if (!v)
        return PRESSCUT_NOMEM;
    free(*field);
    *field = v;
    return PRESSCUT_OK;
}

/* "Key: value" with a word-like key; *colon gets the ':'s offset. */
static bool key_value(const char *s, const line_t *l, size_t *colon)
{
    size_t i = l->start;
    if (i >= l->end || !((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
        return false;
    for (; i < l->end && i - l->start <= 32; i++) {
        char c = s[i];
        if (c == ':') {
            *colon = i;
            return true;
        }
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == ' '))
            return false;
    }
    return false;
}

/* Sets the field that line l's key (before the colon at `colon`) names,
 * if presscut knows it, from the rest of the line. */
static presscut_status_t set_keyed(meta_t *m, const char *s, const line_t *l, size_t colon,
                                   presscut_status_t (*set)(char **, const char *, size_t,
                                                            size_t))
{
    size_t ke = colon;
    while (ke > l->start && s[ke - 1] == ' ')
        ke--;
    char **f = meta_field(m, s + l->start, ke - l->start);
    return f ? set(f, s, colon + 1, l->end) : PRESSCUT_OK;
}

/* ---- plain text ------------------------------------------------------- */

/* A header block is lines of "Key: value" at the top, at least one of them
 * a key we know, ended by a blank line (or the end of the file).  Unknown
 * keys ("Author:") are allowed inside so that one extra line does not turn
 * the whole header into body text. */
static presscut_status_t parse_header(const char *s, size_t len, size_t first,
                                      meta_t *m, size_t *body_start, bool *found)
{
    line_t l;
    size_t pos = first, colon;
    unsigned known = 0;
    meta_t probe = { 0 };
    *found = false;
    while (next_line(s, len, pos, &l) && !is_blank(s, l.start, l.end)) {
        if (!key_value(s, &l, &colon))
            return PRESSCUT_OK;
        size_t ke = colon;
        while (ke > l.start && s[ke - 1] == ' ')
            ke--;
        if (meta_field(&probe, s + l.start, ke - l.start))
            known++;
        pos = l.next;
    }
    if (known == 0)
        return PRESSCUT_OK;
    size_t end = pos;
    for (pos = first; pos < end; pos = l.next) {
        next_line(s, len, pos, &l);
        key_value(s, &l, &colon);
        if (set_keyed(m, s, &l, colon, set_field) != PRESSCUT_OK)
            return PRESSCUT_NOMEM;
    }
    *found = true;
    *body_start = next_line(s, len, end, &l) ? l.next : end;   /* past the blank line */
    return PRESSCUT_OK;
}

/* Line 1 is the title when it is a headline and a blank line follows it. */
static presscut_status_t parse_text(const char *s, size_t len, size_t start,
                                    meta_t *m, size_t *body_start)
{
    line_t l;
    size_t pos = start;
    while (next_line(s, len, pos, &l) && is_blank(s, l.start, l.end))
        pos = l.next;
    *body_start = pos;
    bool found;
    presscut_status_t st = parse_header(s, len, pos, m, body_start, &found);
    if (st != PRESSCUT_OK || found)
        return st;
    if (!next_line(s, len, pos, &l))
        return PRESSCUT_OK;
    size_t a = l.start, b = l.end;
    trim(s, &a, &b);
    line_t after;
    if (!headline(s, a, b) || !next_line(s, len, l.next, &after) || !is_blank(s, after.start, after.end) ||
        is_blank(s, after.next, len))
        return PRESSCUT_OK;
    if (set_field(&m->title, s, a, b) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    *body_start = after.next;
    return PRESSCUT_OK;
}

/* ---- markdown --------------------------------------------------------- */

/* YAML scalars as front matter writes them: bare, 'single' ('' is a
 * quote) or "double" (\" and \\ escapes).  Anything fancier is kept as
 * written, which is still better than no title. */
static presscut_status_t set_yaml_field(char **field, const char *s, size_t a, size_t b)
{
    trim(s, &a, &b);
    if (b - a < 2 || !((s[a] == '"' && s[b - 1] == '"') || (s[a] == '\'' && s[b - 1] == '\'')))
        return set_field(field, s, a, b);
    char q = s[a];
    char *v = malloc(b - a);
    if (!v)
        return PRESSCUT_NOMEM;
    size_t n = 0;
    for (size_t i = a + 1; i < b - 1; i++) {
        if (q == '"' && s[i] == '\\' && i + 1 < b - 1 && (s[i + 1] == '"' || s[i + 1] == '\\'))
            i++;
        else if (q == '\'' && s[i] == '\'' && i + 1 < b - 1 && s[i + 1] == '\'')
            i++;
        v[n++] = s[i];
    }
    v[n] = '\0';
    free(*field);
    *field = v;
    return PRESSCUT_OK;
}

/* "# Title" or "# Title #" (up to three spaces before): *a, *b get the
 * title's bytes. */
static bool atx_h1(const char *s, const line_t *l, size_t *a, size_t *b)
{
    size_t i = l->start;
    while (i < l->end && i - l->start < 3 && s[i] == ' ')
        i++;
    if (i >= l->end || s[i] != '#' || (i + 1 < l->end && s[i + 1] != ' ' && s[i + 1] != '\t'))
        return false;
    size_t ta = i + 1, tb = l->end;
    trim(s, &ta, &tb);
    size_t h = tb;
    while (h > ta && s[h - 1] == '#')
        h--;
    if (h == ta || s[h - 1] == ' ' || s[h - 1] == '\t')
        tb = h;
    trim(s, &ta, &tb);
    *a = ta;
    *b = tb;
    return true;
}

static bool setext_h1(const char *s, const line_t *l)
{
    size_t a = l->start, b = l->end;
    trim(s, &a, &b);
    if (a == b)
        return false;
    for (size_t i = a; i < b; i++)
        if (s[i] != '=')
            return false;
    return true;
}

static presscut_status_t front_matter(const char *s, size_t len, size_t start,
                                      meta_t *m, size_t *after)
{
    line_t l;
    *after = start;
    if (!next_line(s, len, start, &l) || !line_is(s, &l, "---"))
        return PRESSCUT_OK;
    size_t pos = l.next, first = l.next, end = 0;
    bool closed = false;
    while (next_line(s, len, pos, &l)) {
        if (line_is(s, &l, "---") || line_is(s, &l, "...")) {
            closed = true;
            end = l.start;
            pos = l.next;
            break;
        }
        pos = l.next;
    }
    /* An unclosed "---" is a thematic break, not front matter. */
    if (!closed)
        return PRESSCUT_OK;
    for (size_t p = first; p < end; p = l.next) {
        next_line(s, len, p, &l);
        size_t colon;
        if (key_value(s, &l, &colon) && set_keyed(m, s, &l, colon, set_yaml_field) != PRESSCUT_OK)
            return PRESSCUT_NOMEM;
    }
    *after = pos;
    return PRESSCUT_OK;
}

/* The title is front matter's, else the first level-1 heading.  The body
 * starts after the heading only when the heading opens the document; a
 * heading further down stays in the body, where it belongs to its
 * paragraph. */
static presscut_status_t parse_markdown(const char *s, size_t len, size_t start,
                                        meta_t *m, size_t *body_start)
{
    size_t pos;
    presscut_status_t st = front_matter(s, len, start, m, &pos);
    if (st != PRESSCUT_OK)
        return st;
    *body_start = pos;
    if (m->title)
        return PRESSCUT_OK;
    line_t l, u;
    size_t a, b;
    bool first = true, fenced = false;
    for (size_t p = pos; next_line(s, len, p, &l); p = l.next) {
        if (is_blank(s, l.start, l.end))
            continue;
        size_t i = l.start;
        while (i < l.end && s[i] == ' ')
            i++;
        if (l.end - i >= 3 && (memcmp(s + i, "```", 3) == 0 || memcmp(s + i, "~~~", 3) == 0)) {
            fenced = !fenced;
            first = false;
            continue;
        }
        if (fenced)
            continue;
        if (atx_h1(s, &l, &a, &b)) {
            if (set_field(&m->title, s, a, b) != PRESSCUT_OK)
                return PRESSCUT_NOMEM;
            if (first)
                *body_start = l.next;
            return PRESSCUT_OK;
        }
        if (first && next_line(s, len, l.next, &u) && setext_h1(s, &u)) {
            if (set_field(&m->title, s, l.start, l.end) != PRESSCUT_OK)
                return PRESSCUT_NOMEM;
            *body_start = u.next;
            return PRESSCUT_OK;
        }
        first = false;
    }
    return PRESSCUT_OK;
}

/* ---- feeds ------------------------------------------------------------ */

/* A JSON Lines feed's longest line: past it the line is read on and
 * dropped (reported), so a runaway line costs no memory. */
#define MAX_LINE_BYTES ((size_t)64 << 20)
#define MAX_LINE_TEXT "64 MiB"

/* The ids met so far in a feed, each as its 64-bit hash with the last
 * line that had it (16 bytes; two ids alike in all 64 bits would only
 * make a wrong warning): open addressing, at most 3/4 full. */
typedef struct feed_id {
    uint64_t hash;
    long line;               /* 0: a free slot */
} feed_id_t;

typedef struct id_table {
    feed_id_t *v;
    size_t n, cap;           /* cap: a power of two, or 0 */
} id_table_t;

static void ids_free(id_table_t *t)
{
    free(t->v);
    memset(t, 0, sizeof *t);
}

static feed_id_t *ids_slot(feed_id_t *v, size_t cap, uint64_t hash)
{
    size_t i = (size_t)hash & (cap - 1);
    while (v[i].line && v[i].hash != hash)
        i = (i + 1) & (cap - 1);
    return &v[i];
}

static presscut_status_t ids_grow(id_table_t *t)
{
    size_t cap = t->cap ? 2 * t->cap : 1024;
    feed_id_t *v = calloc(cap, sizeof *v);
    if (!v)
        return PRESSCUT_NOMEM;
    for (size_t i = 0; i < t->cap; i++)
        if (t->v[i].line)
            *ids_slot(v, cap, t->v[i].hash) = t->v[i];
    free(t->v);
    t->v = v;
    t->cap = cap;
    return PRESSCUT_OK;
}

/* Records that id is on line: *before gets the last line that had it
 * already, 0 if none.  OK or NOMEM. */
static presscut_status_t ids_put(id_table_t *t, const char *id, long line, long *before)
{
    if (4 * (t->n + 1) > 3 * t->cap && ids_grow(t) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    uint64_t hash = XXH3_64bits(id, strlen(id));
    feed_id_t *e = ids_slot(t->v, t->cap, hash);
    *before = e->line;
    t->n += e->line == 0;
    e->hash = hash;
    e->line = line;
    return PRESSCUT_OK;
}

typedef struct feed {
    const char *name;
    pc_article_fn fn;
    pc_article_warn_fn warn;
    void *ctx;
    unsigned *skipped;
    bool any;                /* a line that was not blank was seen */
    bool binary;             /* stop: the feed is not text */
    id_table_t ids;
} feed_t;

/* A metadata member: a string, an integer (ids often are), null or
 * absent.  Anything else is reported and left out. */
static bool feed_string(feed_t *f, long lineno, json_t *obj, const char *key,
                        char *num, size_t numcap, const char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = "";
    if (!v || json_is_null(v))
        return false;
    if (json_is_string(v)) {
        *out = json_string_value(v);
        return true;
    }
    if (json_is_integer(v) && num) {
        snprintf(num, numcap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        *out = num;
        return true;
    }
    warnf(f->warn, f->ctx, f->name, lineno, "\"%s\" is not a string: ignored", key);
    return false;
}

static presscut_status_t feed_object(feed_t *f, long lineno, json_t *obj)
{
    json_t *body = json_object_get(obj, "body");
    const char *body_key = "body";
    if (!body) {
        body = json_object_get(obj, "text");
        body_key = "text";
    }
    if (body && !json_is_string(body)) {
        warnf(f->warn, f->ctx, f->name, lineno, "\"%s\" is not a string", body_key);
        skip(f->skipped);
        return PRESSCUT_OK;
    }
    const char *text = body ? json_string_value(body) : "";
    size_t text_len = body ? json_string_length(body) : 0;
    if (is_blank(text, 0, text_len)) {
        /* A headline without a body (a news flash, a catalogue record) is
         * searchable as its headline. */
        json_t *title = json_object_get(obj, "title");
        if (!json_is_string(title) ||
            is_blank(json_string_value(title), 0, json_string_length(title))) {
            warnf(f->warn, f->ctx, f->name, lineno,
                  body ? "empty body" : "no body (a \"body\" or \"text\" member)");
            skip(f->skipped);
            return PRESSCUT_OK;
        }
        text = json_string_value(title);
        text_len = json_string_length(title);
    }

    pc_article_t a = {
        .path = f->name, .line = lineno, .text = text, .text_len = text_len,
        .body_start = 0, .body_end = text_len, .format = PC_FORMAT_JSONL,
    };
    char num[32];
    char *fallback = NULL;
    long before = 0;
    if (feed_string(f, lineno, obj, "id", num, sizeof num, &a.id))
        drop_long(&a.id, MAX_ID_BYTES, "id", &a, f->warn, f->ctx);
    if (!a.id[0]) {
        /* Without an id the line's place is the only stable name: reindexing
         * the same feed replaces rather than duplicates. */
        if (asprintf(&fallback, "%s:%ld", f->name, lineno) < 0)
            return PRESSCUT_NOMEM;
        a.id = fallback;
    } else if (ids_put(&f->ids, a.id, lineno, &before) != PRESSCUT_OK) {
        return PRESSCUT_NOMEM;
    }
    /* As a feed update would: the later line wins. */
    if (before)
        warnf(f->warn, f->ctx, f->name, lineno,
              "id \"%.80s\" already on line %ld: this line replaces it", a.id, before);
    feed_string(f, lineno, obj, "title", NULL, 0, &a.title);
    feed_string(f, lineno, obj, "date", NULL, 0, &a.date);
    feed_string(f, lineno, obj, "source", NULL, 0, &a.source);
    feed_string(f, lineno, obj, "url", NULL, 0, &a.url);
    feed_string(f, lineno, obj, "language", NULL, 0, &a.language);
    presscut_status_t st = emit(&a, f->fn, f->warn, f->ctx);
    free(fallback);
    return st;
}

/* A feed is judged binary by its first line, as a file is by its first
 * bytes: a NUL early on in a line that does not even begin like a JSON
 * object (a gzipped feed, UTF-16).  Past that, a NUL costs only its line. */
static bool starts_object(const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && is_space(line[i]))
        i++;
    return i < len && line[i] == '{';
}

static bool is_number_byte(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* s with each number outside strings written as a string of its digits
 * into out (NULL: only counts); returns the length. */
static size_t quote_numbers(const char *s, size_t len, char *out)
{
    size_t o = 0;
    bool in_string = false;
    for (size_t i = 0; i < len;) {
        char c = s[i];
        size_t n = 1;
        bool number = false;
        if (in_string) {
            if (c == '\\' && i + 1 < len)
                n = 2;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            while (i + n < len && is_number_byte(s[i + n]))
                n++;
            number = true;
        }
        if (out && number)
            out[o] = out[o + n + 1] = '"';
        if (out)
            memcpy(out + o + number, s + i, n);
        o += n + 2 * number;
        i += n;
    }
    return o;
}

/* jansson refuses a number it cannot hold (1e400, a 30-digit id), and
 * with it the whole line: the article must not be lost to a field it may
 * not even use.  Such a line is read again with every number taken as
 * the string it is written as.  *obj NULL when the line is still not
 * JSON (err says why).  OK or NOMEM. */
static presscut_status_t load_numbers_as_strings(const char *line, size_t len, json_t **obj,
                                                 json_error_t *err)
{
    size_t n = quote_numbers(line, len, NULL);
    char *q = malloc(n);
    if (!q)
        return PRESSCUT_NOMEM;
    quote_numbers(line, len, q);
    *obj = json_loadb(q, n, 0, err);
    free(q);
    return PRESSCUT_OK;
}

/* One feed line (without its '\n'); offset is where it starts in the feed. */
static presscut_status_t feed_line(feed_t *f, long lineno, size_t offset,
                                   const char *line, size_t len)
{
    if (len > 0 && line[len - 1] == '\r')
        len--;
    if (lineno == 1) {
        size_t n = bom_len(line, len);
        line += n;
        len -= n;
    }
    if (is_blank(line, 0, len))
        return PRESSCUT_OK;
    bool first = !f->any;
    f->any = true;
    const char *nul = memchr(line, '\0', len);
    if (first && nul && offset + (size_t)(nul - line) < BINARY_PROBE && !starts_object(line, len)) {
        warnf(f->warn, f->ctx, f->name, 0, "binary file");
        skip(f->skipped);
        f->binary = true;
        return PRESSCUT_OK;
    }
    if (nul) {
        warnf(f->warn, f->ctx, f->name, lineno, "NUL byte at byte %zu of the line",
              (size_t)(nul - line));
        skip(f->skipped);
        return PRESSCUT_OK;
    }
    size_t bad;
    if (!pc_utf8_valid(line, len, &bad)) {
        warnf(f->warn, f->ctx, f->name, lineno, "invalid UTF-8 at byte %zu of the line", bad);
        skip(f->skipped);
        return PRESSCUT_OK;
    }
    json_error_t err;
    json_t *obj = json_loadb(line, len, 0, &err);
    if (!obj && json_error_code(&err) == json_error_numeric_overflow &&
        load_numbers_as_strings(line, len, &obj, &err) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    if (!obj) {
        warnf(f->warn, f->ctx, f->name, lineno, "malformed JSON: %s (column %d)",
              err.text, err.column);
        skip(f->skipped);
        return PRESSCUT_OK;
    }
    presscut_status_t st = PRESSCUT_OK;
    if (!json_is_object(obj)) {
        warnf(f->warn, f->ctx, f->name, lineno, "not a JSON object");
        skip(f->skipped);
    } else {
        st = feed_object(f, lineno, obj);
    }
    json_decref(obj);
    return st;
}

static presscut_status_t feed_done(feed_t *f)
{
    ids_free(&f->ids);
    if (f->binary)
        return PRESSCUT_OK;
    if (!f->any) {
        warnf(f->warn, f->ctx, f->name, 0, "empty file");
        skip(f->skipped);
    }
    return PRESSCUT_OK;
}

static presscut_status_t parse_feed(const char *name, const char *s, size_t len,
                                    feed_t *f)
{
    long lineno = 0;
    line_t l;
    presscut_status_t st = PRESSCUT_OK;
    for (size_t pos = 0; !f->binary && next_line(s, len, pos, &l); pos = l.next) {
        /* l.end drops a '\r' which feed_line would drop too; give it the
         * line up to the '\n'. */
        size_t end = l.next > l.start && s[l.next - 1] == '\n' ? l.next - 1 : l.next;
        lineno++;
        if (end - l.start > MAX_LINE_BYTES) {
            f->any = true;
            warnf(f->warn, f->ctx, name, lineno, "line too long (%zu bytes, limit %s)",
                  end - l.start, MAX_LINE_TEXT);
            skip(f->skipped);
        } else if ((st = feed_line(f, lineno, l.start, s + l.start, end - l.start)) != PRESSCUT_OK) {
            break;
        }
    }
    if (st != PRESSCUT_OK) {
        ids_free(&f->ids);
        return st;
    }
    return feed_done(f);
}

/* Reads one line without its '\n' into *buf.  Bytes past limit are read
 * and dropped (*dropped counts them), so a runaway line costs no memory.
 * Returns 1 for a line, 0 at the end, -1 out of memory. */
static int read_line(FILE *in, char **buf, size_t *cap, size_t *len, size_t limit,
                     size_t *dropped)
{
    int c;
    bool any = false;
    *len = 0;
    *dropped = 0;
    while ((c = getc(in)) != EOF) {
        any = true;
        if (c == '\n')
            break;
        if (*len >= limit) {
            (*dropped)++;
            continue;
        }
        if (*len + 1 >= *cap) {
            size_t ncap = *cap ? *cap * 2 : 4096;
            char *p = realloc(*buf, ncap);
            if (!p)
                return -1;
            *buf = p;
            *cap = ncap;
        }
        (*buf)[(*len)++] = (char)c;
    }
    return any ? 1 : 0;
}

presscut_status_t pc_article_read_feed(FILE *in, const char *name, pc_article_fn fn,
                                       pc_article_warn_fn warn, void *ctx,
                                       unsigned *skipped)
{
    feed_t f = { .name = name, .fn = fn, .warn = warn, .ctx = ctx, .skipped = skipped };
    char *buf = NULL;
    size_t cap = 0, len, dropped, offset = 0;
    long lineno = 0;
    presscut_status_t st = PRESSCUT_OK;
    int r;
    while (!f.binary && (r = read_line(in, &buf, &cap, &len, MAX_LINE_BYTES, &dropped)) != 0) {
        if (r < 0) {
            st = PRESSCUT_NOMEM;
            break;
        }
        lineno++;
        if (dropped) {
            f.any = true;
            warnf(warn, ctx, name, lineno, "line too long (%zu bytes, limit %s)",
                  len + dropped, MAX_LINE_TEXT);
            skip(skipped);
        } else if ((st = feed_line(&f, lineno, offset, buf ? buf : "", len)) != PRESSCUT_OK) {
            break;
        }
        offset += len + dropped + 1;
    }
    free(buf);
    if (st == PRESSCUT_OK && ferror(in)) {
        warnf(warn, ctx, name, 0, "cannot read: %s", strerror(errno));
        st = PRESSCUT_IO;
    }
    if (st != PRESSCUT_OK) {
        ids_free(&f.ids);
        return st;
    }
    return feed_done(&f);
}

/* ---- files ------------------------------------------------------------ */

static pc_format_t format_by_ending(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (!base[0])
        return PC_FORMAT_UNKNOWN;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return PC_FORMAT_TEXT;
    const char *ext = dot + 1;
    if (strcasecmp(ext, "txt") == 0)
        return PC_FORMAT_TEXT;
    if (strcasecmp(ext, "md") == 0 || strcasecmp(ext, "markdown") == 0)
        return PC_FORMAT_MARKDOWN;
    if (strcasecmp(ext, "jsonl") == 0 || strcasecmp(ext, "ndjson") == 0)
        return PC_FORMAT_JSONL;
    if (strcasecmp(ext, "html") == 0 || strcasecmp(ext, "htm") == 0)
        return PC_FORMAT_HTML;
    return PC_FORMAT_UNKNOWN;
}

/* Walking a directory must not index its README (or dotfiles) as news. */
pc_format_t pc_format_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (base[0] == '.' || base[0] == '\0')
        return PC_FORMAT_UNKNOWN;
    if (strncasecmp(base, "README", 6) == 0 && (base[6] == '\0' || base[6] == '.'))
        return PC_FORMAT_UNKNOWN;
    return format_by_ending(path);
}

/* ---- repairs and blocks ---------------------------------------------- */

static const char REPLACEMENT[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* Copies s with each byte that starts no valid UTF-8 sequence replaced by
 * U+FFFD: *out (caller frees), and in *repairs (caller frees) where each
 * replacement landed in *out.  OK or NOMEM. */
static presscut_status_t repair_utf8(const char *s, size_t len, char **out, size_t *out_len,
                                     size_t **repairs, size_t *n_repairs)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        size_t k = pc_utf8_seqlen(p + i, len - i);
        n += k == 0;
        i += k ? k : 1;
    }
    char *buf = malloc(len + 2 * n + 1);
    size_t *at = malloc((n ? n : 1) * sizeof *at);
    if (!buf || !at) {
        free(buf);
        free(at);
        return PRESSCUT_NOMEM;
    }
    size_t o = 0, r = 0;
    for (size_t i = 0; i < len;) {
        size_t k = pc_utf8_seqlen(p + i, len - i);
        if (k == 0) {
            at[r++] = o;
            memcpy(buf + o, REPLACEMENT, 3);
            o += 3;
            i++;
        } else {
            memcpy(buf + o, s + i, k);
            o += k;
            i += k;
        }
    }
    buf[o] = '\0';
    *out = buf;
    *out_len = o;
    *repairs = at;
    *n_repairs = n;
    return PRESSCUT_OK;
}

static size_t unrepair(const size_t *repairs, size_t n, size_t off)
{
    /* Repairs before off: the first one at or past it, by bisection. */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (repairs[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return off;
    size_t last = repairs[lo - 1];
    if (off < last + 3)        /* inside a U+FFFD: its one source byte */
        return last - 2 * (lo - 1) + (off > last);
    return off - 2 * lo;
}

size_t pc_article_source_offset(const pc_article_t *a, size_t off)
{
    if (a->n_blocks > 0) {
        size_t lo = 0, hi = a->n_blocks;
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (a->blocks[mid].start <= off)
                lo = mid;
            else
                hi = mid;
        }
        const pc_block_t *b = &a->blocks[lo];
        return off <= b->start ? b->src_start : b->src_end;
    }
    return unrepair(a->repairs, a->n_repairs, off);
}

/* Appends n bytes of src to the copy being laid out at *at. */
static void *lay(char **at, const void *src, size_t n)
{
    void *p = *at;
    if (n)
        memcpy(p, src, n);
    *at += n;
    return p;
}

pc_article_t *pc_article_dup(const pc_article_t *a)
{
    const char *strs[] = { a->id, a->path, a->title, a->shown_title, a->date, a->date_iso,
                           a->source, a->url, a->language };
    size_t nstr = sizeof strs / sizeof strs[0];
    size_t lens[sizeof strs / sizeof strs[0]];
    /* The arrays first, right after the struct, for their alignment. */
    size_t size = sizeof *a + a->n_blocks * sizeof *a->blocks +
                  a->n_repairs * sizeof *a->repairs + a->text_len + 1 + a->html_len;
    for (size_t i = 0; i < nstr; i++)
        size += (lens[i] = strlen(strs[i])) + 1;
    pc_article_t *c = malloc(size);
    if (!c)
        return NULL;
    *c = *a;
    char *at = (char *)(c + 1);
    c->blocks = lay(&at, a->blocks, a->n_blocks * sizeof *a->blocks);
    c->repairs = lay(&at, a->repairs, a->n_repairs * sizeof *a->repairs);
    const char **dst[] = { &c->id, &c->path, &c->title, &c->shown_title, &c->date,
                           &c->date_iso, &c->source, &c->url, &c->language };
    for (size_t i = 0; i < nstr; i++)
        *dst[i] = lay(&at, strs[i], lens[i] + 1);
    c->html = a->html ? lay(&at, a->html, a->html_len) : NULL;
    char *text = lay(&at, a->text, a->text_len);
    *at = '\0';
    c->text = text;
    return c;
}

presscut_status_t pc_article_block_passages(const pc_article_t *a, pc_passages_t *out)
{
    if (out->cap < a->n_blocks) {
        pc_passage_t *v = realloc(out->v, a->n_blocks * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        out->v = v;
        out->cap = a->n_blocks;
    }
    for (size_t i = 0; i < a->n_blocks; i++)
        out->v[i] = (pc_passage_t){ .paragraph = (unsigned)i + 1, .part = 0,
                                    .start = a->blocks[i].start, .end = a->blocks[i].end,
                                    .words = pc_passage_words(a->text, a->blocks[i].start,
                                                              a->blocks[i].end) };
    out->n = a->n_blocks;
    return PRESSCUT_OK;
}

/* An HTML file: one passage per text block; offsets made the file's. */
static presscut_status_t parse_html(const char *path, const char *bytes, size_t len,
                                    const size_t *repairs, size_t n_repairs,
                                    pc_article_fn fn, pc_article_warn_fn warn, void *ctx,
                                    unsigned *skipped)
{
    pc_html_t h;
    presscut_status_t st = pc_html_parse(bytes, len, &h);
    if (h.attributes_cut)
        warnf(warn, ctx, path, 0, "more than %d attributes in %zu element%s: the rest ignored",
              PC_HTML_MAX_ATTRIBUTES, h.attributes_cut, h.attributes_cut == 1 ? "" : "s");
    if (h.depth_limit && st == PRESSCUT_OK && h.n_blocks > 0)
        warnf(warn, ctx, path, 0, "elements nested more than %u deep: "
              "the text from there on is not indexed", h.depth_limit);
    if (st == PRESSCUT_BAD_INPUT || (st == PRESSCUT_OK && h.n_blocks == 0)) {
        if (h.depth_limit)
            warnf(warn, ctx, path, 0, "elements nested more than %u deep, and no text before them",
                  h.depth_limit);
        else
            warnf(warn, ctx, path, 0, "no text in the HTML body");
        skip(skipped);
        pc_html_free(&h);
        return PRESSCUT_OK;
    }
    if (st == PRESSCUT_OK) {
        for (size_t i = 0; i < h.n_blocks; i++) {
            h.blocks[i].html_start = h.blocks[i].src_start;
            h.blocks[i].html_end = h.blocks[i].src_end;
            h.blocks[i].src_start = unrepair(repairs, n_repairs, h.blocks[i].src_start);
            h.blocks[i].src_end = unrepair(repairs, n_repairs, h.blocks[i].src_end);
        }
        if (h.n_unplaced)
            warnf(warn, ctx, path, 0, "%zu of %zu text blocks not found in the source: "
                  "cited as empty ranges", h.n_unplaced, h.n_blocks);
        pc_article_t a = {
            .id = path, .path = path, .title = h.title, .date = h.date,
            .source = h.source, .url = h.url, .language = h.language, .line = 0,
            .text = h.text, .text_len = h.text_len, .body_start = 0,
            .body_end = h.text_len, .format = PC_FORMAT_HTML,
            .blocks = h.blocks, .n_blocks = h.n_blocks, .html = bytes, .html_len = len,
            .repairs = repairs, .n_repairs = n_repairs,
        };
        st = emit(&a, fn, warn, ctx);
    }
    pc_html_free(&h);
    return st;
}

/* A file named explicitly is read even when its name says nothing: as
 * text, unless it has a markdown, feed or HTML ending. */
presscut_status_t pc_article_parse(const char *path, const char *bytes, size_t len,
                                   pc_article_fn fn, pc_article_warn_fn warn,
                                   void *ctx, unsigned *skipped)
{
    pc_format_t format = format_by_ending(path);
    if (format == PC_FORMAT_JSONL) {
        feed_t f = { .name = path, .fn = fn, .warn = warn, .ctx = ctx, .skipped = skipped };
        return parse_feed(path, bytes, len, &f);
    }
    if (format == PC_FORMAT_UNKNOWN)
        format = PC_FORMAT_TEXT;

    const char *nul = memchr(bytes, '\0', len);
    if (nul) {
        size_t at = (size_t)(nul - bytes);
        if (at < BINARY_PROBE)
            warnf(warn, ctx, path, 0, "binary file");
        else
            warnf(warn, ctx, path, 0, "NUL byte at byte %zu", at);
        skip(skipped);
        return PRESSCUT_OK;
    }
    /* One bad byte (a Latin-1 quote in a UTF-8 story) should not cost the
     * article: it becomes U+FFFD, and offsets are mapped back. */
    size_t bad, *repairs = NULL, n_repairs = 0;
    char *fixed = NULL;
    if (!pc_utf8_valid(bytes, len, &bad)) {
        if (repair_utf8(bytes, len, &fixed, &len, &repairs, &n_repairs) != PRESSCUT_OK)
            return PRESSCUT_NOMEM;
        warnf(warn, ctx, path, 0, "invalid UTF-8 at byte %zu, repaired", bad);
        bytes = fixed;
    }
    size_t start = bom_len(bytes, len);
    presscut_status_t st = PRESSCUT_OK;
    if (is_blank(bytes, start, len)) {
        warnf(warn, ctx, path, 0, "empty file");
        skip(skipped);
    } else if (format == PC_FORMAT_HTML) {
        st = parse_html(path, bytes, len, repairs, n_repairs, fn, warn, ctx, skipped);
    } else {
        meta_t m = { 0 };
        size_t body_start = start;
        st = format == PC_FORMAT_MARKDOWN
            ? parse_markdown(bytes, len, start, &m, &body_start)
            : parse_text(bytes, len, start, &m, &body_start);
        if (st == PRESSCUT_OK) {
            pc_article_t a = {
                .id = path, .path = path,
                .title = m.title ? m.title : "", .date = m.date ? m.date : "",
                .source = m.source ? m.source : "", .url = m.url ? m.url : "",
                .language = m.language ? m.language : "",
                .line = 0, .text = bytes, .text_len = len,
                .body_start = body_start, .body_end = len, .format = format,
                .repairs = repairs, .n_repairs = n_repairs,
            };
            st = emit(&a, fn, warn, ctx);
        }
        meta_free(&m);
    }
    free(fixed);
    free(repairs);
    return st;
}

static char *why_io(const char *what, int err)
{
    char *why = NULL;
    if (asprintf(&why, "%s: %s", what, strerror(err)) < 0)
        why = NULL;
    return why;
}

static char *why_too_large(uint64_t size, uint64_t max_size)
{
    char *why = NULL;
    if (asprintf(&why, "file too large (%s%" PRIu64 " bytes, limit %" PRIu64 ")",
                 size > max_size ? "" : "over ", size, max_size) < 0)
        why = NULL;
    return why;
}

presscut_status_t pc_file_load(const char *path, uint64_t max_size, char **bytes,
                               size_t *len_out, char **why)
{
    *bytes = NULL;
    *len_out = 0;
    *why = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *why = why_io("cannot read", errno);
        return PRESSCUT_IO;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || S_ISDIR(sb.st_mode)) {
        *why = why_io("cannot read", S_ISDIR(sb.st_mode) ? EISDIR : errno);
        close(fd);
        return PRESSCUT_IO;
    }
    if (S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > max_size) {
        close(fd);
        *why = why_too_large((uint64_t)sb.st_size, max_size);
        return PRESSCUT_BAD_INPUT;
    }

    /* st_size is a hint only: the file may grow, or be a pipe.  The first
     * BINARY_PROBE bytes are read on their own: a binary file (a 2 GB
     * disk image) is refused before its whole size is allocated. */
    size_t hint = S_ISREG(sb.st_mode) ? (size_t)sb.st_size + 1 : 65536, len = 0;
    size_t cap = hint < BINARY_PROBE ? hint : BINARY_PROBE;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return PRESSCUT_NOMEM;
    }
    for (;;) {
        if (len > max_size) {
            free(buf);
            close(fd);
            *why = why_too_large(len, max_size);
            return PRESSCUT_BAD_INPUT;
        }
        if (len == cap) {
            /* One byte past the limit is enough to know it is too large. */
            size_t ncap = cap < hint ? hint : cap * 2;
            if (ncap > max_size + 1)
                ncap = (size_t)max_size + 1;
            char *p = realloc(buf, ncap);
            if (!p) {
                free(buf);
                close(fd);
                return PRESSCUT_NOMEM;
            }
            buf = p;
            cap = ncap;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            free(buf);
            close(fd);
            *why = why_io("cannot read", err);
            return PRESSCUT_IO;
        }
        if (n == 0)
            break;
        size_t was = len;
        len += (size_t)n;
        if (was < BINARY_PROBE &&
            memchr(buf + was, '\0', (len < BINARY_PROBE ? len : BINARY_PROBE) - was)) {
            free(buf);
            close(fd);
            *why = strdup("binary file");
            return PRESSCUT_BAD_INPUT;
        }
    }
    /* A file rewritten (or removed) under us is neither its old nor its
     * new version: leave it to the next run. */
    struct stat after;
    const char *moved = NULL;
    if (fstat(fd, &after) != 0 || after.st_nlink == 0)
        moved = "removed while being read";
    else if (S_ISREG(sb.st_mode) &&
             (after.st_size != sb.st_size || (uint64_t)len != (uint64_t)sb.st_size ||
              after.st_mtim.tv_sec != sb.st_mtim.tv_sec ||
              after.st_mtim.tv_nsec != sb.st_mtim.tv_nsec))
        moved = "changed while being read";
    close(fd);
    if (moved) {
        free(buf);
        *why = strdup(moved);
        return PRESSCUT_BAD_INPUT;
    }
    *bytes = buf;
    *len_out = len;
    return PRESSCUT_OK;
}

presscut_status_t pc_article_read_file(const char *path, pc_article_fn fn,
                                       pc_article_warn_fn warn, void *ctx,
                                       unsigned *skipped)
{
    /* Feeds are streamed line by line: they may well be larger than any
     * one article, and one bad line must not cost the rest. */
    if (format_by_ending(path) == PC_FORMAT_JSONL) {
        FILE *in = fopen(path, "rb");
        if (!in) {
            warnf(warn, ctx, path, 0, "cannot read: %s", strerror(errno));
            return PRESSCUT_IO;
        }
        presscut_status_t st = pc_article_read_feed(in, path, fn, warn, ctx, skipped);
        fclose(in);
        return st;
    }
    char *buf, *why;
    size_t len;
    presscut_status_t st = pc_file_load(path, MAX_FILE_BYTES, &buf, &len, &why);
    if (why)
        warnf(warn, ctx, path, 0, "%s", why);
    free(why);
    if (st == PRESSCUT_BAD_INPUT) {
        skip(skipped);
        return PRESSCUT_OK;
    }
    if (st != PRESSCUT_OK)
        return st;
    st = pc_article_parse(path, buf, len, fn, warn, ctx, skipped);
    free(buf);
    return st;
}
