#include "output.h"

#include <jansson.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

/* Highlight markers: bold on a terminal, plain text when piped. */
#define BOLD_ON "\033[1m"
#define BOLD_OFF "\033[0m"
#define MARK_ON "**"
#define MARK_OFF "**"

const char *output_display_path(const char *path)
{
    static char cwd[PATH_MAX];
    static size_t cwd_len;
    if (!cwd_len) {
        if (!getcwd(cwd, sizeof cwd))
            return path;
        cwd_len = strlen(cwd);
    }
    if (strncmp(path, cwd, cwd_len) == 0 && path[cwd_len] == '/')
        return path + cwd_len + 1;
    return path;
}

/* Prints text[from..to) with white space runs (line breaks of wire copy)
 * folded to single spaces. */
static void put_folded(FILE *f, const char *text, size_t from, size_t to)
{
    int space = 0;
    for (size_t i = from; i < to; i++) {
        char c = text[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            space = 1;
            continue;
        }
        if (space)
            fputc(' ', f);
        space = 0;
        fputc(c, f);
    }
    if (space)
        fputc(' ', f);
}

static void put_snippet(const output_t *out, const presscut_hit_t *h)
{
    FILE *f = out->stream;
    size_t pos = h->snippet.start, end = h->snippet.end;
    fputs("    ", f);
    if (pos > 0)
        fputs("…", f);
    for (size_t k = 0; k < h->n_highlights; k++) {
        const presscut_span_t *s = &h->highlights[k];
        if (s->start < pos || s->end > end)
            continue;
        put_folded(f, h->text, pos, s->start);
        fputs(out->color ? BOLD_ON : MARK_ON, f);
        fwrite(h->text + s->start, 1, s->end - s->start, f);
        fputs(out->color ? BOLD_OFF : MARK_OFF, f);
        pos = s->end;
    }
    put_folded(f, h->text, pos, end);
    if (end < h->text_len)
        fputs("…", f);
    fputc('\n', f);
}

static void put_text(const output_t *out, const presscut_hit_t *h)
{
    FILE *f = out->stream;
    fprintf(f, "%u. %s", h->rank, h->title[0] ? h->title : "(untitled)");
    if (h->date[0])
        fprintf(f, " (%s)", h->date);
    if (h->source[0])
        fprintf(f, " - %s", h->source);
    fprintf(f, "\n    %s", output_display_path(h->path));
    if (h->line)
        fprintf(f, ":%ld", h->line);
    fprintf(f, " paragraph %u", h->paragraph);
    if (h->part)
        fprintf(f, ".%u", h->part);
    fprintf(f, ", bytes %zu-%zu, score %.3f\n", h->start, h->end, h->score);
    put_snippet(out, h);
    fputc('\n', f);
}

static void put_json(const output_t *out, const presscut_hit_t *h)
{
    json_t *o = json_object();
    json_t *spans = json_array();
    for (size_t k = 0; k < h->n_highlights; k++)
        json_array_append_new(spans, json_pack("[II]", (json_int_t)h->highlights[k].start,
                                               (json_int_t)h->highlights[k].end));
    json_object_set_new(o, "rank", json_integer(h->rank));
    json_object_set_new(o, "score", json_real(h->score));
    json_object_set_new(o, "article_id", json_string(h->article_id));
    json_object_set_new(o, "path", json_string(output_display_path(h->path)));
    json_object_set_new(o, "line", json_integer(h->line));
    json_object_set_new(o, "title", json_string(h->title));
    json_object_set_new(o, "date", json_string(h->date));
    json_object_set_new(o, "source", json_string(h->source));
    json_object_set_new(o, "url", json_string(h->url));
    json_object_set_new(o, "paragraph", json_integer(h->paragraph));
    json_object_set_new(o, "part", json_integer(h->part));
    json_object_set_new(o, "start", json_integer((json_int_t)h->start));
    json_object_set_new(o, "end", json_integer((json_int_t)h->end));
    json_object_set_new(o, "text", json_stringn(h->text, h->text_len));
    json_object_set_new(o, "snippet", json_stringn(h->text + h->snippet.start,
                                                   h->snippet.end - h->snippet.start));
    json_object_set_new(o, "snippet_start", json_integer((json_int_t)h->snippet.start));
    json_object_set_new(o, "highlights", spans);
    json_dumpf(o, out->stream, JSON_COMPACT | JSON_PRESERVE_ORDER);
    fputc('\n', out->stream);
    json_decref(o);
}

void output_hit(const output_t *out, const presscut_hit_t *h)
{
    if (out->json)
        put_json(out, h);
    else
        put_text(out, h);
}

void output_suggestion(const output_t *out, const char *suggestion)
{
    json_t *o = json_pack("{ss}", "suggestion", suggestion);
    json_dumpf(o, out->stream, JSON_COMPACT);
    fputc('\n', out->stream);
    json_decref(o);
}
