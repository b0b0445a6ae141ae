/* resultjson: results as JSON objects. */
#include "resultjson.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char cwd[PATH_MAX];
static size_t cwd_len;
static pthread_once_t cwd_once = PTHREAD_ONCE_INIT;

static void read_cwd(void)
{
    if (getcwd(cwd, sizeof cwd))
        cwd_len = strlen(cwd);
}

const char *pc_display_path(const char *path)
{
    pthread_once(&cwd_once, read_cwd);
    if (cwd_len > 1 && strncmp(path, cwd, cwd_len) == 0 && path[cwd_len] == '/')
        return path + cwd_len + 1;
    return path;
}

char *pc_json_dumps(const json_t *o)
{
    return json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
}

/* jansson takes valid UTF-8 only, and a file name need not be. */
json_t *pc_json_text(const char *s, size_t len)
{
    json_t *j = json_stringn(s, len);
    if (j)
        return j;
    char *valid = presscut_escape(s, len, PRESSCUT_ESCAPE_REPLACE);
    j = valid ? json_string(valid) : NULL;
    free(valid);
    return j ? j : json_null();
}

static void set_text(json_t *o, const char *key, const char *s)
{
    json_object_set_new(o, key, pc_json_text(s, strlen(s)));
}

/* A name that may not be UTF-8 (path, article_id): key holds it readable
 * (U+FFFD for such bytes), and, only then, key_escaped holds it exactly,
 * each such byte as \xNN and a backslash as \\. */
static void set_name(json_t *o, const char *key, const char *s)
{
    json_t *j = json_stringn(s, strlen(s));
    if (j) {
        json_object_set_new(o, key, j);
        return;
    }
    set_text(o, key, s);
    char *exact = presscut_escape(s, strlen(s), PRESSCUT_ESCAPE_BACKSLASH);
    char k[64];
    snprintf(k, sizeof k, "%s_escaped", key);
    json_object_set_new(o, k, exact ? json_string(exact) : json_null());
    free(exact);
}

/* The fields a hit and a quote hit share, up to the paragraph's part. */
static void set_place(json_t *o, const presscut_hit_t *h, const char *path_shown)
{
    set_name(o, "article_id", h->article_id);
    set_name(o, "path", path_shown);
    json_object_set_new(o, "line", json_integer(h->line));
    set_text(o, "title", h->title);
    set_text(o, "date", h->date);
    set_text(o, "date_text", h->date_text);
    set_text(o, "source", h->source);
    set_text(o, "url", h->url);
    set_name(o, "language", h->language);
    json_object_set_new(o, "paragraph", json_integer(h->paragraph));
    json_object_set_new(o, "paragraph_end", json_integer(h->paragraph_end));
    json_object_set_new(o, "part", json_integer(h->part));
}

static const char *const copy_kind_names[] = {
    [PRESSCUT_COPY_EXACT] = "exact", [PRESSCUT_COPY_NEAR] = "near",
    [PRESSCUT_COPY_SHORTER] = "shorter", [PRESSCUT_COPY_LONGER] = "longer",
};

const char *pc_json_copy_kind_name(presscut_copy_kind_t kind)
{
    return copy_kind_names[kind];
}

/* "copies": {"count": N, "articles": [{...}, ...]} (README, "Copies"). */
static json_t *copies(const presscut_hit_t *h)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < h->n_copies; i++) {
        const presscut_copy_t *c = &h->copies[i];
        json_t *o = json_object();
        if (!o)
            break;
        set_name(o, "article_id", c->article_id);
        set_name(o, "path", pc_display_path(c->path));
        json_object_set_new(o, "line", json_integer(c->line));
        set_text(o, "title", c->title);
        set_text(o, "date", c->date);
        json_object_set_new(o, "exact", json_boolean(c->exact));
        json_object_set_new(o, "similarity", json_real(c->similarity));
        json_object_set_new(o, "kind", json_string(pc_json_copy_kind_name(c->kind)));
        json_object_set_new(o, "containment", json_real(c->containment));
        json_array_append_new(list, o);
    }
    return json_pack("{sIso}", "count", (json_int_t)h->n_copies, "articles", list);
}

json_t *pc_json_hit(const presscut_hit_t *h, const char *path_shown)
{
    json_t *o = json_object();
    json_t *spans = json_array();
    if (!o || !spans) {
        json_decref(o);
        json_decref(spans);
        return NULL;
    }
    for (size_t k = 0; k < h->n_highlights; k++)
        json_array_append_new(spans, json_pack("[II]", (json_int_t)h->highlights[k].start,
                                               (json_int_t)h->highlights[k].end));
    json_object_set_new(o, "rank", json_integer(h->rank));
    json_object_set_new(o, "score", json_real(h->score));
    set_place(o, h, path_shown);
    json_object_set_new(o, "start", json_integer((json_int_t)h->start));
    json_object_set_new(o, "end", json_integer((json_int_t)h->end));
    json_object_set_new(o, "text", pc_json_text(h->text, h->text_len));
    json_object_set_new(o, "snippet", pc_json_text(h->text + h->snippet.start,
                                                   h->snippet.end - h->snippet.start));
    json_object_set_new(o, "snippet_start", json_integer((json_int_t)h->snippet.start));
    json_object_set_new(o, "highlights", spans);
    json_object_set_new(o, "copies", copies(h));
    return o;
}

static const char *const match_names[] = {
    [PRESSCUT_MATCH_EXACT] = "exact", [PRESSCUT_MATCH_APPROXIMATE] = "approximate",
    [PRESSCUT_MATCH_PARTIAL] = "partial",
};

static const char *const diff_names[] = {
    [PRESSCUT_DIFF_MISSING] = "missing", [PRESSCUT_DIFF_EXTRA] = "extra",
    [PRESSCUT_DIFF_CHANGED] = "changed", [PRESSCUT_DIFF_SWAPPED] = "swapped",
};

const char *pc_json_diff_name(presscut_diff_kind_t kind)
{
    return diff_names[kind];
}

json_t *pc_json_quote_hit(const presscut_quote_hit_t *h, const char *path_shown)
{
    const presscut_hit_t *p = &h->passage;
    json_t *o = json_object();
    json_t *diffs = json_array();
    if (!o || !diffs) {
        json_decref(o);
        json_decref(diffs);
        return NULL;
    }
    for (size_t k = 0; k < h->n_diffs; k++)
        json_array_append_new(diffs,
                              json_pack("{sssoso}", "kind", pc_json_diff_name(h->diffs[k].kind),
                                        "quote", pc_json_text(h->diffs[k].quote,
                                                              strlen(h->diffs[k].quote)),
                                        "text", pc_json_text(h->diffs[k].text,
                                                             strlen(h->diffs[k].text))));
    json_object_set_new(o, "rank", json_integer(p->rank));
    json_object_set_new(o, "match", json_string(match_names[h->match]));
    json_object_set_new(o, "score", json_real(p->score));
    set_place(o, p, path_shown);
    json_object_set_new(o, "parts", json_integer(h->passages));
    json_object_set_new(o, "match_start", json_integer((json_int_t)h->match_start));
    json_object_set_new(o, "match_end", json_integer((json_int_t)h->match_end));
    set_text(o, "verbatim", h->verbatim);
    set_text(o, "match_text", h->match_text);
    set_text(o, "sentence", h->sentence);
    json_object_set_new(o, "differences", diffs);
    json_object_set_new(o, "copy_of", h->copy_of ? json_integer(h->copy_of) : json_null());
    json_object_set_new(o, "copies", copies(p));
    json_object_set_new(o, "start", json_integer((json_int_t)p->start));
    json_object_set_new(o, "end", json_integer((json_int_t)p->end));
    json_object_set_new(o, "text", pc_json_text(p->text, p->text_len));
    return o;
}

/* total and its bounds, articles. */
static void set_totals(json_t *o, const presscut_count_t *total, const presscut_count_t *articles)
{
    json_object_set_new(o, "total", json_integer((json_int_t)total->estimate));
    json_object_set_new(o, "total_exact", json_boolean(total->lower == total->upper));
    json_object_set_new(o, "total_lower", json_integer((json_int_t)total->lower));
    json_object_set_new(o, "total_upper", json_integer((json_int_t)total->upper));
    json_object_set_new(o, "articles", json_integer((json_int_t)articles->estimate));
    json_object_set_new(o, "articles_exact", json_boolean(articles->lower == articles->upper));
}

json_t *pc_json_summary(const presscut_totals_t *t, int articles, size_t shown,
                        const char *suggestion, int partial)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "unit", json_string(articles ? "articles" : "passages"));
    json_object_set_new(o, "shown", json_integer((json_int_t)shown));
    set_totals(o, articles ? &t->articles : &t->passages, &t->articles);
    json_object_set_new(o, "suggestion",
                        suggestion ? pc_json_text(suggestion, strlen(suggestion)) : json_null());
    json_object_set_new(o, "partial", json_boolean(partial));
    return o;
}

json_t *pc_json_quote_summary(const presscut_totals_t *t, size_t shown, size_t exact,
                              size_t approximate, size_t partial_matches, int partial)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "unit", json_string("quote"));
    json_object_set_new(o, "shown", json_integer((json_int_t)shown));
    json_object_set_new(o, "exact", json_integer((json_int_t)exact));
    json_object_set_new(o, "approximate", json_integer((json_int_t)approximate));
    json_object_set_new(o, "partial_matches", json_integer((json_int_t)partial_matches));
    set_totals(o, &t->passages, &t->articles);
    json_object_set_new(o, "partial", json_boolean(partial));
    return o;
}

json_t *pc_json_error(const char *status, const char *message)
{
    return json_pack("{ssso}", "status", status, "message",
                     pc_json_text(message, strlen(message)));
}

const char *pc_json_status_name(presscut_status_t st)
{
    static const char *const names[] = {
        [PRESSCUT_OK] = "ok", [PRESSCUT_NOMEM] = "nomem", [PRESSCUT_IO] = "io",
        [PRESSCUT_BAD_INPUT] = "bad_input", [PRESSCUT_EMPTY] = "empty",
        [PRESSCUT_NO_INDEX] = "no_index", [PRESSCUT_LOCKED] = "locked",
        [PRESSCUT_RETRY] = "retry", [PRESSCUT_CORRUPT] = "corrupt",
        [PRESSCUT_VERSION] = "version", [PRESSCUT_BAD_QUERY] = "bad_query",
        [PRESSCUT_BAD_ARG] = "bad_arg", [PRESSCUT_NETWORK] = "network",
        [PRESSCUT_INTERNAL] = "internal", [PRESSCUT_NOT_INDEX] = "not_index",
        [PRESSCUT_WILDCARD] = "wildcard",
    };
    _Static_assert(sizeof names / sizeof *names == PRESSCUT_STATUS_LAST,
                   "a status without a name");
    return (unsigned)st < PRESSCUT_STATUS_LAST ? names[st] : "internal";
}
