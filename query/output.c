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

/* Where a passage or a match is, the same in both modes: the file, its
 * line only for a feed's line (path:LINE, as grep -n and editors read it),
 * then the paragraph by name, never a bare number after the path:
 * "corpus/feeds/wire.jsonl:12, paragraph 3" or "corpus/a.txt, paragraphs 2-3". */
static void put_place(FILE *f, const presscut_hit_t *h, unsigned paragraph,
                      unsigned paragraph_end)
{
    fputs(output_display_path(h->path), f);
    if (h->line)
        fprintf(f, ":%ld", h->line);
    if (paragraph_end > paragraph)
        fprintf(f, ", paragraphs %u-%u", paragraph, paragraph_end);
    else
        fprintf(f, ", paragraph %u", paragraph);
    if (h->part)
        fprintf(f, ".%u", h->part);
}

/* Byte offsets: the file's, or in a feed line's decoded body. */
static void put_bytes(FILE *f, const presscut_hit_t *h, size_t start, size_t end)
{
    fprintf(f, ", %s %zu-%zu", h->line ? "body bytes" : "bytes", start, end);
}

static void put_text(const output_t *out, const presscut_hit_t *h)
{
    FILE *f = out->stream;
    fprintf(f, "%u. %s", h->rank, h->title[0] ? h->title : "(untitled)");
    if (h->date[0] || h->date_text[0])
        fprintf(f, " (%s)", h->date[0] ? h->date : h->date_text);
    if (h->source[0])
        fprintf(f, " - %s", h->source);
    fputs("\n    ", f);
    put_place(f, h, h->paragraph, h->paragraph_end);
    put_bytes(f, h, h->start, h->end);
    fprintf(f, ", score %.3f\n", h->score);
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
    json_object_set_new(o, "date_text", json_string(h->date_text));
    json_object_set_new(o, "source", json_string(h->source));
    json_object_set_new(o, "url", json_string(h->url));
    json_object_set_new(o, "paragraph", json_integer(h->paragraph));
    json_object_set_new(o, "paragraph_end", json_integer(h->paragraph_end));
    json_object_set_new(o, "part", json_integer(h->part));
    json_object_set_new(o, "start", json_integer((json_int_t)h->start));
    json_object_set_new(o, "end", json_integer((json_int_t)h->end));
    json_object_set_new(o, "text", json_stringn(h->text, h->text_len));
    json_object_set_new(o, "snippet", json_stringn(h->text + h->snippet.start,
                                                   h->snippet.end - h->snippet.start));
    json_object_set_new(o, "snippet_start", json_integer((json_int_t)h->snippet.start));
    json_object_set_new(o, "highlights", spans);
    if (out->partial)
        json_object_set_new(o, "partial", json_true());
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

/* "<verbatim>" (title, source, date, place), empty fields left out; the
 * date as the article wrote it, as a citation quotes it. */
static void put_citation(FILE *f, const presscut_quote_hit_t *h)
{
    const presscut_hit_t *p = &h->passage;
    fputc('"', f);
    put_folded(f, h->match_text, 0, strlen(h->match_text));
    fputs("\" (", f);
    const char *fields[] = { p->title, p->source, p->date_text };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i][0])
            fprintf(f, "%s, ", fields[i]);
    put_place(f, p, p->paragraph, p->paragraph_end);
    fputs(")\n", f);
}

static const char *const match_names[] = {
    [PRESSCUT_MATCH_EXACT] = "exact", [PRESSCUT_MATCH_APPROXIMATE] = "approximate",
    [PRESSCUT_MATCH_PARTIAL] = "partial",
};

static const char *const diff_names[] = {
    [PRESSCUT_DIFF_MISSING] = "missing", [PRESSCUT_DIFF_EXTRA] = "extra",
    [PRESSCUT_DIFF_CHANGED] = "changed", [PRESSCUT_DIFF_SWAPPED] = "swapped",
};

static void put_diff(FILE *f, const presscut_word_diff_t *d)
{
    switch (d->kind) {
    case PRESSCUT_DIFF_MISSING: fprintf(f, "missing \"%s\"", d->quote); break;
    case PRESSCUT_DIFF_EXTRA: fprintf(f, "extra \"%s\"", d->text); break;
    case PRESSCUT_DIFF_CHANGED:
    case PRESSCUT_DIFF_SWAPPED:
        fprintf(f, "%s \"%s\" -> \"%s\"", diff_names[d->kind], d->quote, d->text);
        break;
    }
}

static void put_quote_text(const output_t *out, const presscut_quote_hit_t *h)
{
    FILE *f = out->stream;
    const presscut_hit_t *p = &h->passage;
    fprintf(f, "%u. ", p->rank);
    put_citation(f, h);
    if (h->match == PRESSCUT_MATCH_EXACT)
        fputs("    exact", f);
    else if (h->match == PRESSCUT_MATCH_PARTIAL)
        fprintf(f, "    partial (the quote runs across a paragraph break), %.0f%% of its words",
                100 * p->score);
    else
        fprintf(f, "    approximate, score %.2f", p->score);
    put_bytes(f, p, h->match_start, h->match_end);
    if (h->passages > 1)
        fprintf(f, ", across parts %u-%u", p->part, p->part + 1);
    for (size_t k = 0; k < h->n_diffs; k++) {
        fputs(k ? "; " : ": ", f);
        put_diff(f, &h->diffs[k]);
    }
    fputs("\n    ", f);
    put_folded(f, h->sentence, 0, strlen(h->sentence));
    fputs("\n\n", f);
}

static void put_quote_json(const output_t *out, const presscut_quote_hit_t *h)
{
    const presscut_hit_t *p = &h->passage;
    json_t *o = json_object();
    json_t *diffs = json_array();
    for (size_t k = 0; k < h->n_diffs; k++)
        json_array_append_new(diffs, json_pack("{ssssss}", "kind", diff_names[h->diffs[k].kind],
                                               "quote", h->diffs[k].quote,
                                               "text", h->diffs[k].text));
    json_object_set_new(o, "rank", json_integer(p->rank));
    json_object_set_new(o, "match", json_string(match_names[h->match]));
    json_object_set_new(o, "score", json_real(p->score));
    json_object_set_new(o, "article_id", json_string(p->article_id));
    json_object_set_new(o, "path", json_string(output_display_path(p->path)));
    json_object_set_new(o, "line", json_integer(p->line));
    json_object_set_new(o, "title", json_string(p->title));
    json_object_set_new(o, "date", json_string(p->date));
    json_object_set_new(o, "date_text", json_string(p->date_text));
    json_object_set_new(o, "source", json_string(p->source));
    json_object_set_new(o, "url", json_string(p->url));
    json_object_set_new(o, "paragraph", json_integer(p->paragraph));
    json_object_set_new(o, "paragraph_end", json_integer(p->paragraph_end));
    json_object_set_new(o, "part", json_integer(p->part));
    json_object_set_new(o, "parts", json_integer(h->passages));
    json_object_set_new(o, "match_start", json_integer((json_int_t)h->match_start));
    json_object_set_new(o, "match_end", json_integer((json_int_t)h->match_end));
    json_object_set_new(o, "verbatim", json_string(h->verbatim));
    json_object_set_new(o, "match_text", json_string(h->match_text));
    json_object_set_new(o, "sentence", json_string(h->sentence));
    json_object_set_new(o, "differences", diffs);
    json_object_set_new(o, "start", json_integer((json_int_t)p->start));
    json_object_set_new(o, "end", json_integer((json_int_t)p->end));
    json_object_set_new(o, "text", json_stringn(p->text, p->text_len));
    json_dumpf(o, out->stream, JSON_COMPACT | JSON_PRESERVE_ORDER);
    fputc('\n', out->stream);
    json_decref(o);
}

void output_quote_hit(const output_t *out, const presscut_quote_hit_t *h)
{
    if (out->json)
        put_quote_json(out, h);
    else
        put_quote_text(out, h);
}

void output_closest(FILE *f, const presscut_quote_hit_t *h)
{
    fprintf(f, "closest (score %.2f): ", h->passage.score);
    put_citation(f, h);
}

void output_suggestion(const output_t *out, const char *suggestion)
{
    json_t *o = json_pack("{ss}", "suggestion", suggestion);
    json_dumpf(o, out->stream, JSON_COMPACT);
    fputc('\n', out->stream);
    json_decref(o);
}
