#include "output.h"

#include "resultjson.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* SGR colours (--color), as grep and ripgrep show theirs: matches bold
 * red, titles bold, a citation's file magenta and a feed's line green.
 * Without colour, text is plain: no markers a script must strip. */
#define SGR_MATCH "\033[1;31m"
#define SGR_TITLE "\033[1m"
#define SGR_PATH "\033[35m"
#define SGR_LINE "\033[32m"
#define SGR_OFF "\033[0m"

static void sgr(FILE *f, int color, const char *code)
{
    if (color)
        fputs(code, f);
}

void output_put(FILE *f, const char *s, size_t len)
{
    char *safe = presscut_escape(s, len, PRESSCUT_ESCAPE_CONTROLS);
    if (safe)
        fputs(safe, f);
    free(safe);
}

static void put_str(FILE *f, const char *s)
{
    output_put(f, s, strlen(s));
}

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Prints text[from..to) with white space runs (line breaks of wire copy)
 * folded to single spaces. */
static void put_folded(FILE *f, const char *text, size_t from, size_t to)
{
    size_t i = from;
    while (i < to) {
        size_t word = i;
        while (i < to && !is_space(text[i]))
            i++;
        output_put(f, text + word, i - word);
        if (i < to)
            fputc(' ', f);
        while (i < to && is_space(text[i]))
            i++;
    }
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
        sgr(f, out->color, SGR_MATCH);
        output_put(f, h->text + s->start, s->end - s->start);
        sgr(f, out->color, SGR_OFF);
        pos = s->end;
    }
    put_folded(f, h->text, pos, end);
    if (end < h->text_len)
        fputs("…", f);
    fputc('\n', f);
}

/* The file, and the line of a feed's article: path:LINE. */
static void put_file(FILE *f, int color, const presscut_hit_t *h)
{
    sgr(f, color, SGR_PATH);
    put_str(f, pc_display_path(h->path));
    sgr(f, color, SGR_OFF);
    if (h->line) {
        fputc(':', f);
        sgr(f, color, SGR_LINE);
        fprintf(f, "%ld", h->line);
        sgr(f, color, SGR_OFF);
    }
}

/* Where a passage or a match is, the same in both modes: the file, its
 * line only for a feed's line (path:LINE, as grep -n and editors read it),
 * then the paragraph by name, never a bare number after the path:
 * "corpus/feeds/wire.jsonl:12, paragraph 3" or "corpus/a.txt, paragraphs 2-3". */
static void put_place(FILE *f, int color, const presscut_hit_t *h, unsigned paragraph,
                      unsigned paragraph_end)
{
    put_file(f, color, h);
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

/* Copies named in a hit's text, before "…": the JSON lists them all. */
#define COPIES_NAMED 3

/* "and 2 copies: a.txt, wire.jsonl:12 (shorter)" (--all-copies:
 * "copies: ...", since they are listed too); a copy cut short, or the
 * whole of a hit cut short, says so. */
static void put_copies(const output_t *out, const presscut_hit_t *h)
{
    FILE *f = out->stream;
    if (!h->n_copies)
        return;
    if (out->all_copies)
        fputs("    copies: ", f);
    else
        fprintf(f, "    and %zu %s: ", h->n_copies, h->n_copies == 1 ? "copy" : "copies");
    for (size_t i = 0; i < h->n_copies && i < COPIES_NAMED; i++) {
        const presscut_copy_t *c = &h->copies[i];
        if (i)
            fputs(", ", f);
        put_file(f, out->color, &(presscut_hit_t){ .path = c->path, .line = c->line });
        if (c->kind == PRESSCUT_COPY_SHORTER || c->kind == PRESSCUT_COPY_LONGER)
            fprintf(f, " (%s)", pc_json_copy_kind_name(c->kind));
    }
    if (h->n_copies > COPIES_NAMED)
        fputs(", …", f);
    fputc('\n', f);
}

static void put_text(const output_t *out, const presscut_hit_t *h)
{
    FILE *f = out->stream;
    fprintf(f, "%u. ", h->rank);
    sgr(f, out->color, SGR_TITLE);
    put_str(f, h->title[0] ? h->title : "(untitled)");
    sgr(f, out->color, SGR_OFF);
    if (h->date[0] || h->date_text[0]) {
        fputs(" (", f);
        put_str(f, h->date[0] ? h->date : h->date_text);
        fputc(')', f);
    }
    if (h->source[0]) {
        fputs(" - ", f);
        put_str(f, h->source);
    }
    fputs("\n    ", f);
    put_place(f, out->color, h, h->paragraph, h->paragraph_end);
    put_bytes(f, h, h->start, h->end);
    fprintf(f, ", score %.3f\n", h->score);
    put_snippet(out, h);
    put_copies(out, h);
    fputc('\n', f);
}

/* Writes o as one line and drops it. */
static void put_line(const output_t *out, json_t *o)
{
    char *s = o ? pc_json_dumps(o) : NULL;
    if (s)
        fputs(s, out->stream);
    fputc('\n', out->stream);
    free(s);
    json_decref(o);
}

static void put_json(const output_t *out, const presscut_hit_t *h)
{
    json_t *o = pc_json_hit(h, pc_display_path(h->path));
    if (o && out->partial)
        json_object_set_new(o, "partial", json_true());
    put_line(out, o);
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
static void put_citation(FILE *f, int color, const presscut_quote_hit_t *h)
{
    const presscut_hit_t *p = &h->passage;
    fputc('"', f);
    put_folded(f, h->match_text, 0, strlen(h->match_text));
    fputs("\" (", f);
    const char *fields[] = { p->title, p->source, p->date_text };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i][0]) {
            put_str(f, fields[i]);
            fputs(", ", f);
        }
    }
    put_place(f, color, p, p->paragraph, p->paragraph_end);
    fputs(")\n", f);
}

static void put_quoted(FILE *f, const char *s)
{
    fputc('"', f);
    put_str(f, s);
    fputc('"', f);
}

static void put_diff(FILE *f, const presscut_word_diff_t *d)
{
    fputs(pc_json_diff_name(d->kind), f);
    fputc(' ', f);
    if (d->kind != PRESSCUT_DIFF_EXTRA)
        put_quoted(f, d->quote);
    if (d->kind == PRESSCUT_DIFF_CHANGED || d->kind == PRESSCUT_DIFF_SWAPPED)
        fputs(" -> ", f);
    if (d->kind != PRESSCUT_DIFF_MISSING)
        put_quoted(f, d->text);
}

static void put_quote_text(const output_t *out, const presscut_quote_hit_t *h)
{
    FILE *f = out->stream;
    const presscut_hit_t *p = &h->passage;
    fprintf(f, "%u. ", p->rank);
    put_citation(f, out->color, h);
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
    if (h->copy_of)
        fprintf(f, ", a copy of %u.", h->copy_of);
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
    put_line(out, pc_json_quote_hit(h, pc_display_path(h->passage.path)));
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
    put_citation(f, 0, h);
}

void output_file(const output_t *out, const presscut_hit_t *h)
{
    put_file(out->stream, out->color, h);
    fputc('\n', out->stream);
}

static const char *plural(uint64_t n, const char *one, const char *more)
{
    return n == 1 ? one : more;
}

/* "about 340" or "340", then the noun. */
static void put_total(FILE *f, const presscut_count_t *c, const char *one, const char *more)
{
    fprintf(f, "%s%" PRIu64 " %s", c->lower == c->upper ? "" : "about ", c->estimate,
            plural(c->estimate, one, more));
}

void output_summary(const output_t *out, const output_summary_t *s)
{
    FILE *f = out->stream;
    const presscut_count_t *total = s->articles ? &s->totals.articles : &s->totals.passages;
    if (out->json) {
        output_count(out, s);
        return;
    }
    if (total->estimate == 0)
        return;
    if (s->shown && s->offset)
        fprintf(f, "%u-%zu of ", s->offset + 1, s->offset + s->shown);
    else
        fprintf(f, "%zu of ", s->shown);
    if (s->articles) {
        put_total(f, total, "article", "articles");
    } else {
        put_total(f, total, "passage", "passages");
        fputs(" (in ", f);
        put_total(f, &s->totals.articles, "article", "articles");
        fputc(')', f);
    }
    fputc('\n', f);
}

void output_quote_summary(const output_t *out, const output_quote_summary_t *s)
{
    FILE *f = out->stream;
    const presscut_count_t *total = &s->totals.passages;
    if (out->json) {
        json_t *o = pc_json_quote_summary(&s->totals, s->shown, s->exact, s->approximate,
                                          s->partial, out->partial);
        put_line(out, o ? json_pack("{so}", "summary", o) : NULL);
        return;
    }
    if (!s->shown)
        return;
    fprintf(f, "%zu shown; ", s->shown);
    if (total->estimate == 0) {
        fputs("no passage holds the quote word for word\n", f);
        return;
    }
    put_total(f, total, "passage holds", "passages hold");
    fputs(" the quote word for word (in ", f);
    put_total(f, &s->totals.articles, "article", "articles");
    fputs(")\n", f);
}

void output_count(const output_t *out, const output_summary_t *s)
{
    const presscut_count_t *total = s->articles ? &s->totals.articles : &s->totals.passages;
    if (!out->json) {
        fprintf(out->stream, "%" PRIu64 "\n", total->estimate);
        return;
    }
    json_t *o = pc_json_summary(&s->totals, s->articles, s->shown, s->suggestion,
                                out->partial);
    put_line(out, o ? json_pack("{so}", "summary", o) : NULL);
}

void output_error(const output_t *out, const char *status, const char *message)
{
    json_t *e = pc_json_error(status, message);
    put_line(out, e ? json_pack("{so}", "error", e) : NULL);
}
