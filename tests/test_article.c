/* Unit tests for lib/article.c, and a check of the sample corpus. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <libgen.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "html.h"
#include "language.h"
#include "passage.h"
#include "scratch.h"

/* ---- collecting what the reader reports -------------------------------- */

#define MAX_SEEN 32

typedef struct seen_article {
    char *id, *path, *title, *shown_title, *date, *date_iso, *source, *url, *language, *body;
    long line;
    size_t body_start;
    pc_format_t format;
    size_t n_blocks, n_repairs;
    size_t src[8][2];        /* the first blocks' file offsets, via pc_article_source_offset */
    size_t body_src[2];      /* body_start and body_end in the file */
} seen_article_t;

typedef struct seen {
    seen_article_t a[MAX_SEEN];
    size_t n;
    char *warnings[MAX_SEEN];
    long warn_lines[MAX_SEEN];
    size_t n_warnings;
    unsigned skipped;
    pc_splitter_t *sp;       /* set: count passages of each article */
    size_t passages_min;
} seen_t;

static presscut_status_t on_article(void *ctx, const pc_article_t *a)
{
    seen_t *s = ctx;
    assert_true(s->n < MAX_SEEN);
    assert_true(a->body_start <= a->body_end && a->body_end <= a->text_len);
    seen_article_t *x = &s->a[s->n++];
    x->id = strdup(a->id);
    x->path = strdup(a->path);
    x->title = strdup(a->title);
    x->shown_title = strdup(a->shown_title);
    x->date = strdup(a->date);
    x->date_iso = strdup(a->date_iso);
    x->source = strdup(a->source);
    x->url = strdup(a->url);
    x->language = strdup(a->language);
    x->body = strndup(a->text + a->body_start, a->body_end - a->body_start);
    x->line = a->line;
    x->body_start = a->body_start;
    x->format = a->format;
    x->n_blocks = a->n_blocks;
    x->n_repairs = a->n_repairs;
    for (size_t i = 0; i < a->n_blocks && i < 8; i++) {
        x->src[i][0] = pc_article_source_offset(a, a->blocks[i].start);
        x->src[i][1] = pc_article_source_offset(a, a->blocks[i].end);
    }
    x->body_src[0] = pc_article_source_offset(a, a->body_start);
    x->body_src[1] = pc_article_source_offset(a, a->body_end);
    if (s->sp) {
        pc_passages_t ps = { 0 };
        assert_int_equal(pc_passages_split(s->sp, a->text, a->body_start, a->body_end, &ps),
                         PRESSCUT_OK);
        if (s->n == 1 || ps.n < s->passages_min)
            s->passages_min = ps.n;
        pc_passages_free(&ps);
    }
    return PRESSCUT_OK;
}

/* Keeps an HTML article's last block's source offsets as src[0]. */
static presscut_status_t last_block(void *ctx, const pc_article_t *a)
{
    seen_t *s = ctx;
    const pc_block_t *b = &a->blocks[a->n_blocks - 1];
    s->a[0].src[0][0] = pc_article_source_offset(a, b->start);
    s->a[0].src[0][1] = pc_article_source_offset(a, b->end);
    return PRESSCUT_OK;
}

/* For feeds of more articles than MAX_SEEN: only counts them. */
static presscut_status_t count_articles(void *ctx, const pc_article_t *a)
{
    (void)a;
    ((seen_t *)ctx)->n++;
    return PRESSCUT_OK;
}

static void on_warn(void *ctx, const char *path, long line, const char *message)
{
    seen_t *s = ctx;
    (void)path;
    if (s->n_warnings < MAX_SEEN) {
        s->warn_lines[s->n_warnings] = line;
        s->warnings[s->n_warnings++] = strdup(message);
    }
}

static void seen_free(seen_t *s)
{
    for (size_t i = 0; i < s->n; i++) {
        seen_article_t *x = &s->a[i];
        free(x->id);
        free(x->path);
        free(x->title);
        free(x->shown_title);
        free(x->date);
        free(x->date_iso);
        free(x->source);
        free(x->url);
        free(x->language);
        free(x->body);
    }
    for (size_t i = 0; i < s->n_warnings; i++)
        free(s->warnings[i]);
    memset(s, 0, sizeof *s);
}

static presscut_status_t parse(const char *path, const char *bytes, size_t len, seen_t *s)
{
    return pc_article_parse(path, bytes, len, on_article, on_warn, s, &s->skipped);
}

static presscut_status_t parse_str(const char *path, const char *text, seen_t *s)
{
    return parse(path, text, strlen(text), s);
}

/* ---- temporary files -------------------------------------------------- */

/* Writes len bytes to the file name of t's articles; its path, until the
 * next call. */
static const char *write_file(const scratch_t *t, const char *name, const char *bytes,
                              size_t len)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", t->src, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* ---- formats ---------------------------------------------------------- */

static void test_format_of(void **state)
{
    (void)state;
    assert_int_equal(pc_format_of("a/b/story.txt"), PC_FORMAT_TEXT);
    assert_int_equal(pc_format_of("story.TXT"), PC_FORMAT_TEXT);
    assert_int_equal(pc_format_of("dir.d/story"), PC_FORMAT_TEXT);
    assert_int_equal(pc_format_of("x.md"), PC_FORMAT_MARKDOWN);
    assert_int_equal(pc_format_of("x.Markdown"), PC_FORMAT_MARKDOWN);
    assert_int_equal(pc_format_of("feeds/wire.jsonl"), PC_FORMAT_JSONL);
    assert_int_equal(pc_format_of("wire.NDJSON"), PC_FORMAT_JSONL);
    assert_int_equal(pc_format_of("photo.jpg"), PC_FORMAT_UNKNOWN);
    assert_int_equal(pc_format_of("notes.txt~"), PC_FORMAT_UNKNOWN);
    assert_int_equal(pc_format_of("corpus/README.md"), PC_FORMAT_UNKNOWN);
    assert_int_equal(pc_format_of("README"), PC_FORMAT_UNKNOWN);
    assert_int_equal(pc_format_of("readme.txt"), PC_FORMAT_UNKNOWN);
    assert_int_equal(pc_format_of("READMEFIRST.txt"), PC_FORMAT_TEXT);
    assert_int_equal(pc_format_of("a/.hidden.txt"), PC_FORMAT_UNKNOWN);
}

/* ---- plain text ------------------------------------------------------- */

static void test_text_header(void **state)
{
    (void)state;
    const char *t = "title: Cables cut\nDATE: 2024-03-07\nSource:  Wire \n"
                    "Author: Someone\nURL: https://x.example/a\nLanguage: english\n\n"
                    "Body paragraph.\n";
    seen_t s = { 0 };
    assert_int_equal(parse_str("a.txt", t, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.n_warnings, 0);
    assert_string_equal(s.a[0].id, "a.txt");
    assert_string_equal(s.a[0].title, "Cables cut");
    assert_string_equal(s.a[0].date, "2024-03-07");
    assert_string_equal(s.a[0].source, "Wire");
    assert_string_equal(s.a[0].url, "https://x.example/a");
    assert_string_equal(s.a[0].language, "english");
    assert_string_equal(s.a[0].body, "Body paragraph.\n");
    assert_int_equal(s.a[0].line, 0);
    assert_int_equal(s.a[0].format, PC_FORMAT_TEXT);
    seen_free(&s);
}

static void test_text_no_header_key(void **state)
{
    (void)state;
    /* "Note:" is not a header key we know: the line is body text. */
    const char *t = "Note: this is the first sentence.\nAnd the second.\n";
    seen_t s = { 0 };
    assert_int_equal(parse_str("a.txt", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "");
    assert_string_equal(s.a[0].body, t);
    seen_free(&s);
}

static void test_title_line(void **state)
{
    (void)state;
    seen_t s = { 0 };
    const char *t = "Is the grid ready for winter?\n\nOperators say yes.\n";
    assert_int_equal(parse_str("a", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "Is the grid ready for winter?");
    assert_string_equal(s.a[0].body, "Operators say yes.\n");
    seen_free(&s);

    /* A sentence is not a title. */
    t = "The grid held up.\n\nOperators said so.\n";
    assert_int_equal(parse_str("a.txt", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "");
    assert_int_equal(s.a[0].body_start, 0);
    seen_free(&s);

    /* Without a blank line after it, line 1 is body. */
    t = "Grid news\nOperators said so.\n";
    assert_int_equal(parse_str("a.txt", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "");
    seen_free(&s);

    /* A lone line is the body, not a title with nothing under it. */
    t = "Grid news\n\n";
    assert_int_equal(parse_str("a.txt", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "");
    seen_free(&s);

    /* Too long for a headline. */
    char long_line[260];
    memset(long_line, 'x', 250);
    memcpy(long_line + 250, "\n\nBody.\n", 9);
    assert_int_equal(parse_str("a.txt", long_line, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "");
    seen_free(&s);
}

/* Every format's date is read into ISO form; one that is not understood
 * is kept as found, with a warning. */
static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *path, *text, *date_iso, *warning;
    } cases[] = {
        { "a.txt", "Date: 26-FEB-1987 15:01:01.79\n\nBody.\n", "1987-02-26T15:01:01", NULL },
        { "a.md", "---\ndate: \"Thu, 07 Mar 2024 10:00:00 +0100\"\n---\nBody.\n",
          "2024-03-07T10:00:00+01:00", NULL },
        { "a.jsonl", "{\"id\":\"1\",\"date\":\"March 7, 2024\",\"body\":\"Body.\"}\n",
          "2024-03-07", NULL },
        { "a.html", "<html><head><meta name=\"date\" content=\"2024-03-07T10:00Z\"></head>"
          "<body><p>Body.</p></body></html>", "2024-03-07T10:00:00Z", NULL },
        { "a.txt", "Date: yesterday\n\nBody.\n", "",
          "date 'yesterday' not understood: kept as text only" },
        { "a.txt", "Date: 07/03/2024\n\nBody.\n", "",
          "date '07/03/2024' is ambiguous (day/month or month/day): kept as text only" },
        { "a.txt", "Body only.\n", "", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        seen_t s = { 0 };
        assert_int_equal(parse_str(cases[i].path, cases[i].text, &s), PRESSCUT_OK);
        assert_int_equal(s.n, 1);
        assert_string_equal(s.a[0].date_iso, cases[i].date_iso);
        assert_int_equal(s.n_warnings, cases[i].warning != NULL);
        if (cases[i].warning)
            assert_string_equal(s.warnings[0], cases[i].warning);
        seen_free(&s);
    }
}

/* An article without a title shows its first line when that reads like
 * a headline (markdown shown as text), else its file's name; neither is
 * its title. */
static void test_shown_title(void **state)
{
    (void)state;
    static const struct {
        const char *path, *text, *shown;
    } cases[] = {
        { "a.txt", "Title: Given\n\nBody.\n", "Given" },
        { "news/grid-news.txt", "Grid operators rehearse a blackout\nThey met.\n",
          "Grid operators rehearse a blackout" },
        { "news/grid-news.txt", "The grid held up.\n\nOperators said so.\n", "grid news" },
        { "news/power_grid-drill.md", "*Analysis, 12 January 2025*\n\nText.\n",
          "Analysis, 12 January 2025" },
        { "x.md", "## What counts\n\nText.\n", "What counts" },
        { "x/notes.md", "---\n\nA sentence, then more.\n", "notes" },
        { "dir.v2/README-draft", "A first line that is a sentence.\n", "README draft" },
        { "wire.jsonl", "{\"id\":\"w-1\",\"body\":\"Quake hits coast\\nMore.\"}\n",
          "Quake hits coast" },
        { "wire.jsonl", "{\"id\":\"w-2\",\"body\":\"It was a quake.\"}\n", "w-2" },
        { "page.html", "<html><body><p>Storm warning</p><p>Text.</p></body></html>",
          "Storm warning" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        seen_t s = { 0 };
        assert_int_equal(parse_str(cases[i].path, cases[i].text, &s), PRESSCUT_OK);
        assert_int_equal(s.n, 1);
        if (strcmp(s.a[0].shown_title, cases[i].shown) != 0)
            fail_msg("%s: shows \"%s\", want \"%s\"", cases[i].text, s.a[0].shown_title,
                     cases[i].shown);
        assert_string_equal(s.a[0].title, i == 0 ? "Given" : "");
        seen_free(&s);
    }
}

static void test_crlf_and_bom(void **state)
{
    (void)state;
    const char *t = "\xEF\xBB\xBFTitle: Windows file\r\nDate: 2024-01-02\r\n\r\nBody line.\r\n";
    seen_t s = { 0 };
    assert_int_equal(parse_str("a.txt", t, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.a[0].title, "Windows file");
    assert_string_equal(s.a[0].date, "2024-01-02");
    /* Offsets are file offsets: the BOM's 3 bytes count. */
    assert_int_equal(s.a[0].body_start, strlen("\xEF\xBB\xBFTitle: Windows file\r\nDate: 2024-01-02\r\n\r\n"));
    seen_free(&s);

    t = "\xEF\xBB\xBFHeadline here\r\n\r\nBody.\r\n";
    assert_int_equal(parse_str("a.txt", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "Headline here");
    assert_int_equal(s.a[0].body_start, strlen("\xEF\xBB\xBFHeadline here\r\n\r\n"));
    seen_free(&s);
}

/* ---- markdown --------------------------------------------------------- */

static void test_markdown_title(void **state)
{
    (void)state;
    seen_t s = { 0 };
    const char *t = "\n# Hybrid threats, explained #\n\nIntro.\n\n## More\n\nText.\n";
    assert_int_equal(parse_str("x.md", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "Hybrid threats, explained");
    assert_string_equal(s.a[0].body, "\nIntro.\n\n## More\n\nText.\n");
    assert_int_equal(s.a[0].format, PC_FORMAT_MARKDOWN);
    seen_free(&s);

    /* "##" is not a title; a later "# " heading is, but stays in the body. */
    t = "## Section\n\nText.\n\n# Late title\n\nMore.\n";
    assert_int_equal(parse_str("x.md", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "Late title");
    assert_int_equal(s.a[0].body_start, 0);
    seen_free(&s);

    t = "Setext title\n============\n\nText.\n";
    assert_int_equal(parse_str("x.markdown", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "Setext title");
    assert_string_equal(s.a[0].body, "\nText.\n");
    seen_free(&s);

    /* A heading inside a code fence is code. */
    t = "```\n# not a title\n```\n\nText.\n";
    assert_int_equal(parse_str("x.md", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "");
    seen_free(&s);
}

static void test_markdown_front_matter(void **state)
{
    (void)state;
    seen_t s = { 0 };
    const char *t = "---\r\ntitle: \"Border: closed \\\"for now\\\"\"\r\ndate: 2024-04-11\r\n"
                    "source: 'Helsinki ''Evening'' Report'\r\ntags: [a, b]\r\nlang: finnish\r\n"
                    "---\r\n\r\n# Heading in body\r\n\r\nText.\r\n";
    assert_int_equal(parse_str("x.md", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "Border: closed \"for now\"");
    assert_string_equal(s.a[0].date, "2024-04-11");
    assert_string_equal(s.a[0].source, "Helsinki 'Evening' Report");
    assert_string_equal(s.a[0].language, "finnish");
    assert_string_equal(s.a[0].body, "\r\n# Heading in body\r\n\r\nText.\r\n");
    seen_free(&s);

    /* Unclosed: a thematic break, and the heading is the title. */
    t = "---\n# Title\n\nText.\n";
    assert_int_equal(parse_str("x.md", t, &s), PRESSCUT_OK);
    assert_string_equal(s.a[0].title, "Title");
    seen_free(&s);
}

/* ---- bad input -------------------------------------------------------- */

static void test_bad_files(void **state)
{
    (void)state;
    seen_t s = { 0 };
    assert_int_equal(parse("a.txt", "ab\0cd", 5, &s), PRESSCUT_OK);
    assert_int_equal(parse_str("c.txt", " \r\n\t\n", &s), PRESSCUT_OK);
    assert_int_equal(parse_str("d.md", "\xEF\xBB\xBF\n", &s), PRESSCUT_OK);
    assert_int_equal(parse_str("e.txt", "", &s), PRESSCUT_OK);
    assert_int_equal(parse_str("g.html", "<html><body><nav>Menu</nav><script>x()</script>"
                               "</body></html>", &s), PRESSCUT_OK);
    assert_int_equal(parse_str("h.htm", "<!-- nothing -->", &s), PRESSCUT_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(s.skipped, 6);
    assert_int_equal(s.n_warnings, 6);
    assert_string_equal(s.warnings[0], "binary file");
    assert_string_equal(s.warnings[1], "empty file");
    assert_string_equal(s.warnings[2], "empty file");
    assert_string_equal(s.warnings[3], "empty file");
    assert_string_equal(s.warnings[4], "no text in the HTML body");
    assert_string_equal(s.warnings[5], "no text in the HTML body");
    seen_free(&s);
}

/* Invalid UTF-8 is replaced, reported, and offsets still count file bytes. */
static void test_repaired_utf8(void **state)
{
    (void)state;
    seen_t s = { 0 };
    /* "Title: Caf\xE9" is 11 bytes, the body starts after "\n\n" at 13 */
    static const char file[] = "Title: Caf\xE9\n\nna\xEFve \xFF\xFE end.\n";
    assert_int_equal(parse("b.txt", file, sizeof file - 1, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.skipped, 0);
    assert_int_equal(s.n_warnings, 1);
    assert_string_equal(s.warnings[0], "invalid UTF-8 at byte 10, repaired");
    assert_string_equal(s.a[0].title, "Caf\xEF\xBF\xBD");
    assert_string_equal(s.a[0].body, "na\xEF\xBF\xBDve \xEF\xBF\xBD\xEF\xBF\xBD end.\n");
    assert_int_equal(s.a[0].n_repairs, 4);
    assert_int_equal(s.a[0].body_src[0], 13);
    assert_int_equal(s.a[0].body_src[1], sizeof file - 1);
    seen_free(&s);

    /* A file of nothing else becomes replacement characters (no words:
     * the indexer says so). */
    assert_int_equal(parse_str("f.txt", "\xED\xA0\x80", &s), PRESSCUT_OK);   /* surrogate */
    assert_int_equal(s.n, 1);
    assert_string_equal(s.warnings[0], "invalid UTF-8 at byte 0, repaired");
    assert_int_equal(s.a[0].body_src[1], 3);
    seen_free(&s);
}

static void test_source_offset_repairs(void **state)
{
    (void)state;
    /* file "a\xFF" "b\xFE" "c" -> text "a" FFFD "b" FFFD "c" */
    static const size_t repairs[] = { 1, 5 };
    pc_article_t a = { .text = "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c", .text_len = 9,
                       .repairs = repairs, .n_repairs = 2 };
    const size_t want[][2] = { { 0, 0 }, { 1, 1 }, { 4, 2 }, { 5, 3 }, { 8, 4 }, { 9, 5 } };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(pc_article_source_offset(&a, want[i][0]), want[i][1]);
    a.n_repairs = 0;
    assert_int_equal(pc_article_source_offset(&a, 8), 8);
}

/* ---- HTML ------------------------------------------------------------- */

static const char HTML[] =
    "<!DOCTYPE html>\n<html><head><meta charset=\"windows-1252\">\n"
    "<title>Cable cuts raise alarm | Nordic Wire</title>\n"
    "<meta property=\"og:site_name\" content=\"Nordic Wire\">\n"
    "<meta name=\"DC.date\" content=\"2024-03-07\">\n"
    "<link rel=\"canonical\" href=\"https://example.org/cables\">\n"
    "<style>p { color: red }</style></head>\n"
    "<body><nav><ul><li>Home</li></ul></nav>\n"
    "<main><h1>Cable cuts raise alarm</h1>\n"
    "<p class=\"lead\">\n  Two cables were <b>damaged</b> in the Baltic&nbsp;Sea &amp; more.\n</p>\n"
    "<!-- <p>a comment</p> -->\n"
    "<p>Caf\xC3\xA9 owners&#8217; view<script>document.write('<p>x</p>')</script>.</p>\n"
    "<aside><p>Read more</p></aside>\n"
    "<ul><li>First point</li>\n<li><p>Second point</p></li></ul>\n"
    "</main><footer>Copyright</footer></body></html>\n";

static size_t find(const char *hay, const char *needle)
{
    const char *p = strstr(hay, needle);
    assert_non_null(p);
    return (size_t)(p - hay);
}

static void test_html(void **state)
{
    (void)state;
    seen_t s = { 0 };
    assert_int_equal(pc_format_of("news/a.html"), PC_FORMAT_HTML);
    assert_int_equal(pc_format_of("A.HTM"), PC_FORMAT_HTML);
    assert_int_equal(parse_str("a.html", HTML, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.n_warnings, 0);
    seen_article_t *a = &s.a[0];
    assert_int_equal(a->format, PC_FORMAT_HTML);
    assert_string_equal(a->title, "Cable cuts raise alarm");
    assert_string_equal(a->date, "2024-03-07");
    assert_string_equal(a->source, "Nordic Wire");
    assert_string_equal(a->url, "https://example.org/cables");
    /* the <h1> equal to the title is not a passage; nav, aside, script,
     * style, comments are not text */
    assert_string_equal(a->body,
                        "Two cables were damaged in the Baltic\xC2\xA0Sea & more.\n\n"
                        "Caf\xC3\xA9 owners\xE2\x80\x99 view.\n\n"
                        "First point\n\nSecond point");
    assert_int_equal(a->n_blocks, 4);
    /* Each block cites its file bytes, from its first text byte to its last. */
    const char *from[] = { "Two cables", "Caf\xC3\xA9", "First", "Second" };
    const char *to[] = { "&amp; more.", "</script>.", "First point", "Second point" };
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(a->src[i][0], find(HTML, from[i]));
        assert_int_equal(a->src[i][1], find(HTML, to[i]) + strlen(to[i]));
    }
    seen_free(&s);
}

/* A citation inside a block: each text offset found in the block's
 * source, tags and entities counted whole, never half a character. */
static void test_html_source_offset(void **state)
{
    (void)state;
    static const char src[] =
        "Two cables were <b>damaged</b> in the\n  Baltic&nbsp;Sea &amp; more &#8211; "
        "caf\xC3\xA9<script>x('<p>')</script>s.";
    static const char text[] =
        "Two cables were damaged in the Baltic\xC2\xA0Sea & more \xE2\x80\x93 caf\xC3\xA9s.";
    static const struct {
        const char *word;        /* in text */
        const char *from, *to;   /* where it begins and ends in src */
    } rows[] = {
        { "Two", "Two", "Two" },
        { "damaged", "damaged", "damaged" },
        { "the Baltic", "the\n", "Baltic" },
        { "\xC2\xA0", "&nbsp;", "&nbsp;" },
        { "Sea", "Sea", "Sea" },
        { "&", "&amp;", "&amp;" },
        { "\xE2\x80\x93", "&#8211;", "&#8211;" },
        { "caf\xC3\xA9s.", "caf", "s." },
    };
    size_t len = sizeof src - 1;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t ts = find(text, rows[i].word), te = ts + strlen(rows[i].word);
        size_t want_s = find(src, rows[i].from);
        size_t want_e = find(src, rows[i].to) + strlen(rows[i].to);
        if (pc_html_source_offset(src, len, text, ts, false) != want_s ||
            pc_html_source_offset(src, len, text, te, true) != want_e)
            fail_msg("'%s': source [%zu, %zu), want [%zu, %zu)", rows[i].word,
                     pc_html_source_offset(src, len, text, ts, false),
                     pc_html_source_offset(src, len, text, te, true), want_s, want_e);
    }
    /* An offset inside a character: that character's start, or its end. */
    size_t e_acute = find(text, "\xC3\xA9") + 1;
    assert_int_equal(pc_html_source_offset(src, len, text, e_acute, false),
                     find(src, "\xC3\xA9"));
    assert_int_equal(pc_html_source_offset(src, len, text, find(text, "&") + 1, true),
                     find(src, "&amp;") + 5);
    /* A block that was not placed has no source: the offset is its end. */
    assert_int_equal(pc_html_source_offset("", 0, text, 4, false), 0);
}

static void test_html_metadata_fallbacks(void **state)
{
    (void)state;
    seen_t s = { 0 };
    /* No og:title or h1: <title> as it is; <time datetime> in the article;
     * og:url; bare text in the body is one block. */
    assert_int_equal(parse_str("b.html", "<title>Plain | Site</title>"
                               "<meta property=\"og:url\" content=\"https://x.org/b\">"
                               "<article><time datetime=\"2023-04-04\">4 April</time> "
                               "Finland joined.</article>", &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.a[0].title, "Plain | Site");
    assert_string_equal(s.a[0].date, "2023-04-04");
    assert_string_equal(s.a[0].url, "https://x.org/b");
    assert_string_equal(s.a[0].body, "4 April Finland joined.");
    seen_free(&s);

    /* og:title wins over h1, which then stays a passage; invalid UTF-8 is
     * repaired and offsets still count file bytes. */
    static const char c[] = "<meta property=\"og:title\" content=\"OG\"><body><h1>Head</h1>"
                            "<p>caf\xE9 au lait</p></body>";
    assert_int_equal(parse("c.html", c, sizeof c - 1, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    char want[64];
    snprintf(want, sizeof want, "invalid UTF-8 at byte %zu, repaired", find(c, "\xE9"));
    assert_string_equal(s.warnings[0], want);
    assert_string_equal(s.a[0].title, "OG");
    assert_string_equal(s.a[0].body, "Head\n\ncaf\xEF\xBF\xBD au lait");
    assert_int_equal(s.a[0].src[1][0], find(c, "caf"));
    assert_int_equal(s.a[0].src[1][1], find(c, "</p></body>"));
    seen_free(&s);
}

/* An HTML article's language: the lang of its body's element or the
 * nearest above it, else og:locale or content-language; else none. */
static void test_html_language(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "<html lang=\"sr-Cyrl\"><body><p>Text.</p></body></html>", "sr-Cyrl" },
        { "<html lang=\"en\"><body><article lang=\"fr\"><p>Texte.</p></article></body></html>",
          "fr" },
        { "<html xml:lang=\"de\"><body><p>Text.</p></body></html>", "de" },
        { "<html><head><meta property=\"og:locale\" content=\"sq_AL\"></head>"
          "<body><p>Tekst.</p></body></html>", "sq_AL" },
        { "<html><head><meta http-equiv=\"content-language\" content=\"hr\"></head>"
          "<body><p>Tekst.</p></body></html>", "hr" },
        { "<html lang=\"\"><body><p>Text.</p></body></html>", "" },
        { "<html><body><p>Text.</p></body></html>", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        seen_t s = { 0 };
        assert_int_equal(parse_str("l.html", cases[i][0], &s), PRESSCUT_OK);
        assert_int_equal(s.n, 1);
        assert_string_equal(s.a[0].language, cases[i][1]);
        seen_free(&s);
    }
}

/* Character references libxml2 drops (&#0;, surrogates, out of range,
 * controls) or reads leniently (no ';', leading zeros): each block is
 * still found in the source, and cited from its first byte to its last. */
static void test_html_char_refs(void **state)
{
    (void)state;
    static const char h[] = "<body><p>Nul&#0;here</p><p>Half &#xD800;pair</p>"
                            "<p>Far &#x110000;out</p><p>Huge &#99999999999;num</p>"
                            "<p>Ctl&#1;char</p><p>Zeros &#0000000065;ok</p>"
                            "<p>Bare &#66 semi</p><p>End &#0;</p></body>";
    seen_t s = { 0 };
    assert_int_equal(parse("r.html", h, sizeof h - 1, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.n_warnings, 0);
    assert_string_equal(s.a[0].body, "Nulhere\n\nHalf pair\n\nFar out\n\nHuge num\n\n"
                                     "Ctlchar\n\nZeros Aok\n\nBare B semi\n\nEnd");
    const char *from[] = { "Nul", "Half", "Far", "Huge", "Ctl", "Zeros", "Bare", "End" };
    const char *to[] = { "here", "pair", "out", "num", "char", "ok", "semi", "End" };
    for (size_t i = 0; i < 8; i++) {
        assert_int_equal(s.a[0].src[i][0], find(h, from[i]));
        assert_int_equal(s.a[0].src[i][1], find(h, to[i]) + strlen(to[i]));
    }
    seen_free(&s);
}

/* Blocks the scanner cannot find again cost a bounded number of passes
 * over the source, and the blocks after them are still found: an
 * unfound block is cited as an empty range, never as wrong bytes. */
static void test_html_unfound_blocks(void **state)
{
    (void)state;
    size_t cap = 1 << 20, n = 0;
    char *h = malloc(cap);
    assert_non_null(h);
    /* Text before a block that nearly matches it, over and over: found
     * all the same, and at its place. */
    n += (size_t)sprintf(h + n, "<body><div>");
    for (int i = 0; i < 3000; i++)
        n += (size_t)sprintf(h + n, "ab ");
    n += (size_t)sprintf(h + n, "<p>");
    size_t rep = n;
    for (int i = 0; i < 3000; i++)
        n += (size_t)sprintf(h + n, "ab ");
    n += (size_t)sprintf(h + n, "c</p></div>");
    /* libxml2 keeps CDATA in HTML as text, the scanner skips it: these
     * are not found; most of each is, which is where the next search
     * goes on from. */
    for (int i = 0; i < 500; i++)
        n += (size_t)sprintf(h + n, "<p>Paragraph %d holds <![CDATA[odd]]></p>\n", i);
    n += (size_t)sprintf(h + n, "<p>Last words.</p></body>");
    seen_t s = { 0 };
    assert_int_equal(parse("u.html", h, n, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.n_warnings, 1);
    assert_string_equal(s.warnings[0],
                        "500 of 502 text blocks not found in the source: cited as empty ranges");
    assert_int_equal(s.a[0].src[0][0], rep);
    assert_int_equal(s.a[0].src[0][1], find(h, "c</p>") + 1);
    assert_int_equal(s.a[0].src[1][0], s.a[0].src[1][1]);
    assert_int_equal(s.a[0].n_blocks, 502);
    seen_free(&s);

    s.sp = NULL;
    assert_int_equal(pc_article_parse("u.html", h, n, last_block, NULL, &s, NULL), PRESSCUT_OK);
    assert_int_equal(s.a[0].src[0][0], find(h, "Last words."));
    assert_int_equal(s.a[0].src[0][1], find(h, "Last words.") + strlen("Last words."));
    seen_free(&s);
    free(h);
}

/* libxml2's limits: attributes past PC_HTML_MAX_ATTRIBUTES are ignored
 * (the article is kept, its offsets right); elements nested past its
 * depth limit are reported as such, not as a body without text. */
static void test_html_limits(void **state)
{
    (void)state;
    size_t cap = 1 << 20, n = 0;
    char *h = malloc(cap);
    assert_non_null(h);
    n += (size_t)sprintf(h + n, "<body><p>Before.</p><p");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(h + n, " a%d=\"v>%d\"", i, i);
    n += (size_t)sprintf(h + n, ">Tagged text.</p><script>x = '<p");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(h + n, " b%d", i);
    n += (size_t)sprintf(h + n, ">';</script><p>After.</p></body>");
    seen_t s = { 0 };
    assert_int_equal(parse("a.html", h, n, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.n_warnings, 1);
    assert_string_equal(s.warnings[0], "more than 256 attributes in 1 element: the rest ignored");
    assert_string_equal(s.a[0].body, "Before.\n\nTagged text.\n\nAfter.");
    assert_int_equal(s.a[0].src[1][0], find(h, "Tagged"));
    assert_int_equal(s.a[0].src[2][0], find(h, "After."));
    seen_free(&s);

    n = (size_t)sprintf(h, "<body><p>Shallow.</p>");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(h + n, "<div>");
    n += (size_t)sprintf(h + n, "<p>Deep.</p></body>");
    assert_int_equal(parse("d.html", h, n, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.a[0].body, "Shallow.");
    assert_string_equal(s.warnings[0],
                        "elements nested more than 256 deep: the text from there on is not indexed");
    seen_free(&s);

    n = (size_t)sprintf(h, "<body>");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(h + n, "<div>");
    n += (size_t)sprintf(h + n, "<p>Deep.</p></body>");
    assert_int_equal(parse("d.html", h, n, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(s.skipped, 1);
    assert_string_equal(s.warnings[0], "elements nested more than 256 deep, and no text before them");
    seen_free(&s);
    free(h);
}

static void test_read_file(void **state)
{
    scratch_t *t = *state;
    seen_t s = { 0 };
    const char *text = "Title: On disk\n\nBody.\n";
    const char *p = write_file(t, "ok.txt", text, strlen(text));
    assert_int_equal(pc_article_read_file(p, on_article, on_warn, &s, &s.skipped), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.a[0].id, p);
    assert_string_equal(s.a[0].path, p);
    assert_string_equal(s.a[0].title, "On disk");
    seen_free(&s);

    char bin[100] = { 'P', 'K', 3, 4 };
    p = write_file(t, "photo.txt", bin, sizeof bin);
    assert_int_equal(pc_article_read_file(p, on_article, on_warn, &s, &s.skipped), PRESSCUT_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(s.skipped, 1);
    assert_string_equal(s.warnings[0], "binary file");
    seen_free(&s);

    p = write_file(t, "empty.md", "", 0);
    assert_int_equal(pc_article_read_file(p, on_article, on_warn, &s, &s.skipped), PRESSCUT_OK);
    assert_int_equal(s.skipped, 1);
    assert_string_equal(s.warnings[0], "empty file");
    seen_free(&s);
}

/* A binary file is judged from its first bytes, before the rest is read:
 * a 2 GB sparse file (all NUL) allowed by the size limit costs 8 KiB. */
static void test_file_load_binary_probe(void **state)
{
    scratch_t *t = *state;
    const char *p = write_file(t, "disk.txt", "", 0);
    if (truncate(p, (off_t)2 << 30) != 0) {
        skip();
        return;
    }
    char *bytes = NULL, *why = NULL;
    size_t len = 1;
    assert_int_equal(pc_file_load(p, (uint64_t)4 << 30, &bytes, &len, &why),
                     PRESSCUT_BAD_INPUT);
    assert_null(bytes);
    assert_int_equal(len, 0);
    assert_string_equal(why, "binary file");
    free(why);

    /* A NUL past the first 8 KiB is the parser's to report, with its place. */
    char text[9000];
    memset(text, 'a', sizeof text);
    text[8500] = '\0';
    p = write_file(t, "late.txt", text, sizeof text);
    assert_int_equal(pc_file_load(p, 1 << 20, &bytes, &len, &why), PRESSCUT_OK);
    assert_int_equal(len, sizeof text);
    assert_null(why);
    free(bytes);
}

static void test_unreadable(void **state)
{
    scratch_t *t = *state;
    seen_t s = { 0 };
    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing.txt", t->src);
    assert_int_equal(pc_article_read_file(missing, on_article, on_warn, &s, &s.skipped),
                     PRESSCUT_IO);
    assert_int_equal(s.n_warnings, 1);
    assert_string_equal(s.warnings[0], "cannot read: No such file or directory");
    seen_free(&s);

    assert_int_equal(pc_article_read_file(t->src, on_article, on_warn, &s, &s.skipped),
                     PRESSCUT_IO);
    assert_string_equal(s.warnings[0], "cannot read: Is a directory");
    seen_free(&s);

    snprintf(missing, sizeof missing, "%s/missing.jsonl", t->src);
    assert_int_equal(pc_article_read_file(missing, on_article, on_warn, &s, &s.skipped),
                     PRESSCUT_IO);
    seen_free(&s);

    /* root reads anything: only check permissions when they apply. */
    if (geteuid() != 0) {
        const char *p = write_file(t, "secret.txt", "x\n", 2);
        assert_int_equal(chmod(p, 0), 0);
        assert_int_equal(pc_article_read_file(p, on_article, on_warn, &s, &s.skipped),
                         PRESSCUT_IO);
        assert_string_equal(s.warnings[0], "cannot read: Permission denied");
        seen_free(&s);
    }
}

/* ---- feeds ------------------------------------------------------------ */

static const char FEED[] =
    "\xEF\xBB\xBF{\"id\": \"a1\", \"title\": \"First\", \"date\": \"2024-01-01\", "
    "\"source\": \"Wire\", \"url\": \"u\", \"language\": \"english\", \"body\": \"One.\\nTwo.\"}\r\n"
    "\n"
    "{\"id\": \"a2\", \"title\": \"Broken\", \"body\": \"oops\"\n"
    "{\"id\": 7, \"text\": \"Body from text, \\u00e9.\"}\n"
    "[1, 2]\n"
    "{\"id\": \"a4\"}\n"
    "{\"id\": \"a5\", \"body\": 5}\n"
    "{\"id\": \"a6\", \"body\": \"bad \xC3 utf8\"}\n"
    "{\"body\": \"  \"}\n"
    "{\"title\": \"No id\", \"body\": \"Last.\"}";

static void check_feed(seen_t *s, const char *name)
{
    assert_int_equal(s->n, 3);
    assert_string_equal(s->a[0].id, "a1");
    assert_string_equal(s->a[0].path, name);
    assert_string_equal(s->a[0].title, "First");
    assert_string_equal(s->a[0].date, "2024-01-01");
    assert_string_equal(s->a[0].source, "Wire");
    assert_string_equal(s->a[0].url, "u");
    assert_string_equal(s->a[0].language, "english");
    assert_string_equal(s->a[0].body, "One.\nTwo.");
    assert_int_equal(s->a[0].line, 1);
    assert_int_equal(s->a[0].format, PC_FORMAT_JSONL);
    assert_string_equal(s->a[1].id, "7");
    assert_string_equal(s->a[1].body, "Body from text, \xC3\xA9.");
    assert_string_equal(s->a[1].title, "");
    assert_int_equal(s->a[1].line, 4);
    char want[200];
    snprintf(want, sizeof want, "%s:10", name);
    assert_string_equal(s->a[2].id, want);
    assert_int_equal(s->a[2].line, 10);

    assert_int_equal(s->skipped, 6);
    assert_int_equal(s->n_warnings, 6);
    const long lines[] = { 3, 5, 6, 7, 8, 9 };
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(s->warn_lines[i], lines[i]);
    assert_non_null(strstr(s->warnings[0], "malformed JSON"));
    assert_string_equal(s->warnings[1], "not a JSON object");
    assert_non_null(strstr(s->warnings[2], "no body"));
    assert_string_equal(s->warnings[3], "\"body\" is not a string");
    assert_string_equal(s->warnings[4], "invalid UTF-8 at byte 26 of the line");
    assert_string_equal(s->warnings[5], "empty body");
}

static void test_feed_parse(void **state)
{
    (void)state;
    seen_t s = { 0 };
    assert_int_equal(parse("w.jsonl", FEED, sizeof FEED - 1, &s), PRESSCUT_OK);
    check_feed(&s, "w.jsonl");
    seen_free(&s);
}

/* A headline without a body is an article whose text is its headline. */
static void test_feed_headline_only(void **state)
{
    (void)state;
    seen_t s = { 0 };
    assert_int_equal(parse_str("w.jsonl",
                               "{\"id\": \"f1\", \"title\": \"Flash: talks collapse\", \"body\": \"\"}\n"
                               "{\"id\": \"f2\", \"title\": \"Minister resigns\"}\n"
                               "{\"id\": \"f3\", \"title\": \" \", \"body\": \" \"}\n", &s),
                     PRESSCUT_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.a[0].body, "Flash: talks collapse");
    assert_string_equal(s.a[0].title, "Flash: talks collapse");
    assert_string_equal(s.a[1].body, "Minister resigns");
    assert_int_equal(s.skipped, 1);
    assert_string_equal(s.warnings[0], "empty body");
    seen_free(&s);
}

static void test_feed_file_and_stream(void **state)
{
    scratch_t *t = *state;
    seen_t s = { 0 };
    const char *p = write_file(t, "wire.ndjson", FEED, sizeof FEED - 1);
    assert_int_equal(pc_article_read_file(p, on_article, on_warn, &s, &s.skipped), PRESSCUT_OK);
    check_feed(&s, p);
    seen_free(&s);

    FILE *in = fopen(p, "rb");
    assert_non_null(in);
    assert_int_equal(pc_article_read_feed(in, "-", on_article, on_warn, &s, &s.skipped),
                     PRESSCUT_OK);
    fclose(in);
    check_feed(&s, "-");
    seen_free(&s);
}

static void test_feed_binary_and_empty(void **state)
{
    (void)state;
    seen_t s = { 0 };
    /* Not a feed at all (gzip): judged from its first line. */
    assert_int_equal(parse("w.jsonl", "\x1f\x8b\b\0\0\0\n{\"body\": \"x\"}\n", 20, &s),
                     PRESSCUT_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(s.skipped, 1);
    assert_string_equal(s.warnings[0], "binary file");
    seen_free(&s);

    assert_int_equal(parse_str("w.jsonl", "\n  \r\n", &s), PRESSCUT_OK);
    assert_int_equal(s.skipped, 1);
    assert_string_equal(s.warnings[0], "empty file");
    seen_free(&s);
}

/* A NUL byte early in a feed costs its own line, not the rest of the
 * feed: from a file or a stream alike. */
static const char NUL_FEED[] = "{\"id\": \"a\", \"body\": \"x\"}\n\0\0\0\n"
                               "{\"id\": \"b\", \"body\": \"y\0z\"}\n"
                               "{\"id\": \"c\", \"body\": \"Kept.\"}\n";

static void check_nul_feed(seen_t *s)
{
    assert_int_equal(s->n, 2);
    assert_string_equal(s->a[0].id, "a");
    assert_string_equal(s->a[1].id, "c");
    assert_string_equal(s->a[1].body, "Kept.");
    assert_int_equal(s->skipped, 2);
    assert_int_equal(s->n_warnings, 2);
    assert_int_equal(s->warn_lines[0], 2);
    assert_string_equal(s->warnings[0], "NUL byte at byte 0 of the line");
    assert_int_equal(s->warn_lines[1], 3);
    assert_string_equal(s->warnings[1], "NUL byte at byte 22 of the line");
}

static void test_feed_nul_costs_its_line(void **state)
{
    (void)state;
    seen_t s = { 0 };
    assert_int_equal(parse("w.jsonl", NUL_FEED, sizeof NUL_FEED - 1, &s), PRESSCUT_OK);
    check_nul_feed(&s);
    seen_free(&s);

    FILE *in = fmemopen((void *)NUL_FEED, sizeof NUL_FEED - 1, "rb");
    assert_non_null(in);
    assert_int_equal(pc_article_read_feed(in, "-", on_article, on_warn, &s, &s.skipped),
                     PRESSCUT_OK);
    fclose(in);
    check_nul_feed(&s);
    seen_free(&s);
}

/* jansson refuses numbers it cannot hold; the article is kept, and a
 * number used as an id is the id as written. */
static void test_feed_number_overflow(void **state)
{
    (void)state;
    seen_t s = { 0 };
    assert_int_equal(parse_str("w.jsonl",
                               "{\"id\": \"a\", \"score\": 1e400, \"body\": \"Kept 1e400.\"}\n"
                               "{\"id\": 123456789012345678901234567890, \"body\": \"Big id.\"}\n"
                               "{\"id\": \"c\", \"n\": [-2E+999, 1], \"title\": \"T\", \"body\": \"B\"}\n"
                               "{\"id\": \"d\", \"n\": 1e400, \"body\": }\n", &s),
                     PRESSCUT_OK);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.a[0].id, "a");
    assert_string_equal(s.a[0].body, "Kept 1e400.");
    assert_string_equal(s.a[1].id, "123456789012345678901234567890");
    assert_string_equal(s.a[2].title, "T");
    assert_int_equal(s.skipped, 1);
    assert_int_equal(s.warn_lines[0], 4);
    assert_non_null(strstr(s.warnings[0], "malformed JSON"));
    seen_free(&s);
}

/* An id repeated in one feed is reported, naming both lines; both are
 * handed over in order, so the later one replaces the earlier. */
static void test_feed_repeated_id(void **state)
{
    (void)state;
    seen_t s = { 0 };
    assert_int_equal(parse_str("w.jsonl",
                               "{\"id\": \"a\", \"body\": \"First.\"}\n"
                               "{\"id\": \"b\", \"body\": \"Other.\"}\n"
                               "{\"id\": \"a\", \"body\": \"Second.\"}\n"
                               "{\"body\": \"No id.\"}\n"
                               "{\"body\": \"No id either.\"}\n"
                               "{\"id\": \"a\", \"body\": \"Third.\"}\n", &s),
                     PRESSCUT_OK);
    assert_int_equal(s.n, 6);
    assert_string_equal(s.a[5].body, "Third.");
    assert_int_equal(s.skipped, 0);
    assert_int_equal(s.n_warnings, 2);
    assert_int_equal(s.warn_lines[0], 3);
    assert_string_equal(s.warnings[0], "id \"a\" already on line 1: this line replaces it");
    assert_int_equal(s.warn_lines[1], 6);
    assert_string_equal(s.warnings[1], "id \"a\" already on line 3: this line replaces it");
    seen_free(&s);

    /* Many ids: the table grows and still finds each. */
    size_t n = 5000, len = 0;
    char *feed = malloc(n * 64);
    assert_non_null(feed);
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(feed + len, "{\"id\": \"x%zu\", \"body\": \"b\"}\n", i % 2500);
    seen_t *many = calloc(1, sizeof *many);
    assert_non_null(many);
    assert_int_equal(pc_article_parse("w.jsonl", feed, len, count_articles, on_warn, many, NULL),
                     PRESSCUT_OK);
    assert_int_equal(many->n, n);
    assert_int_equal(many->n_warnings, MAX_SEEN);
    assert_int_equal(many->warn_lines[0], 2501);
    assert_string_equal(many->warnings[0], "id \"x0\" already on line 1: this line replaces it");
    many->n = 0;             /* counted, not kept */
    seen_free(many);
    free(many);
    free(feed);
}

/* A feed line over the line limit is reported and dropped; the feed goes on. */
static void test_feed_line_limit(void **state)
{
    (void)state;
    size_t big = ((size_t)64 << 20) + 1;
    const char tail[] = "\n{\"id\": \"after\", \"body\": \"Kept.\"}\n";
    char *feed = malloc(big + sizeof tail);
    assert_non_null(feed);
    memcpy(feed, "{\"body\": \"", 10);
    memset(feed + 10, 'a', big - 12);
    memcpy(feed + big - 2, "\"}", 2);
    memcpy(feed + big, tail, sizeof tail);
    seen_t s = { 0 };
    assert_int_equal(parse("w.jsonl", feed, big + sizeof tail - 1, &s), PRESSCUT_OK);
    free(feed);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.a[0].id, "after");
    assert_int_equal(s.skipped, 1);
    assert_int_equal(s.warn_lines[0], 1);
    assert_string_equal(s.warnings[0], "line too long (67108865 bytes, limit 64 MiB)");
    seen_free(&s);
}

/* Metadata is copied into every passage: over-long values are cut (text)
 * or ignored (ids, URLs, dates, languages), each with a warning. */
static void test_metadata_limits(void **state)
{
    (void)state;
    size_t big = 5 << 20;
    char *title = malloc(big + 1);
    assert_non_null(title);
    for (size_t i = 0; i < big; i++)
        title[i] = i % 6 == 5 ? ' ' : "\xC3\xA9word"[i % 6 == 0 ? 0 : i % 6 == 1 ? 1 : i % 6];
    title[big] = '\0';
    char *doc = malloc(big + 8000);
    assert_non_null(doc);
    char url[3001], id[1002], lang[70];
    memset(url, 'u', sizeof url - 1);
    url[sizeof url - 1] = '\0';
    memset(id, 'i', sizeof id - 1);
    id[sizeof id - 1] = '\0';
    memset(lang, 'l', sizeof lang - 1);
    lang[sizeof lang - 1] = '\0';

    seen_t s = { 0 };
    snprintf(doc, big + 8000, "{\"id\": \"%s\", \"title\": \"%s\", \"url\": \"%s\", "
             "\"language\": \"%s\", \"source\": \"%s\", \"body\": \"Body.\"}\n",
             id, title, url, lang, title + big - 300);
    assert_int_equal(parse_str("w.jsonl", doc, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.a[0].id, "w.jsonl:1");
    assert_string_equal(s.a[0].url, "");
    assert_string_equal(s.a[0].language, "");
    size_t n = strlen(s.a[0].title);
    assert_true(n <= 1000 && n > 750);
    assert_memory_equal(s.a[0].title, title, n);
    assert_true(title[n] == ' ');               /* cut between words */
    assert_true(strlen(s.a[0].source) <= 200);
    assert_int_equal(s.n_warnings, 5);
    assert_string_equal(s.warnings[0], "id too long (1001 bytes, limit 1000): ignored");
    assert_string_equal(s.warnings[1], "url too long (3000 bytes, limit 2048): ignored");
    assert_string_equal(s.warnings[2], "language too long (69 bytes, limit 64): ignored");
    assert_non_null(strstr(s.warnings[3], "title cut to "));
    assert_non_null(strstr(s.warnings[3], "(was 5242880, limit 1000)"));
    assert_non_null(strstr(s.warnings[4], "source cut to "));
    seen_free(&s);

    /* The same limit for every format: a text header, an HTML <h1>. */
    snprintf(doc, big + 8000, "Title: %s\nDate: %s\n\nBody.\n", title, url);
    assert_int_equal(parse_str("a.txt", doc, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_true(strlen(s.a[0].title) <= 1000);
    assert_string_equal(s.a[0].date, "");
    assert_string_equal(s.warnings[0], "date too long (3000 bytes, limit 100): ignored");
    assert_string_equal(s.a[0].body, "Body.\n");
    seen_free(&s);

    title[20000] = '\0';
    snprintf(doc, big + 8000, "<html><body><h1>%s</h1><p>Body.</p></body></html>", title);
    assert_int_equal(parse_str("a.html", doc, &s), PRESSCUT_OK);
    assert_int_equal(s.n, 1);
    assert_true(strlen(s.a[0].title) <= 1000);
    assert_non_null(strstr(s.warnings[0], "title cut to "));
    seen_free(&s);
    free(doc);
    free(title);
}

static presscut_status_t stop_at_first(void *ctx, const pc_article_t *a)
{
    (void)a;
    (*(int *)ctx)++;
    return PRESSCUT_BAD_ARG;
}

static void test_callback_status_stops(void **state)
{
    (void)state;
    int calls = 0;
    const char *f = "{\"body\": \"a\"}\n{\"body\": \"b\"}\n";
    assert_int_equal(pc_article_parse("w.jsonl", f, strlen(f), stop_at_first, NULL, &calls, NULL),
                     PRESSCUT_BAD_ARG);
    assert_int_equal(calls, 1);
}

/* ---- the sample corpus ------------------------------------------------ */

static size_t corpus_files;

static void walk(const char *dir, seen_t *s)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    assert_true(n >= 0);
    for (int i = 0; i < n; i++) {
        char p[1024];
        struct stat sb;
        snprintf(p, sizeof p, "%s/%s", dir, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && stat(p, &sb) == 0) {
            if (S_ISDIR(sb.st_mode)) {
                walk(p, s);
            } else if (pc_format_of(p) != PC_FORMAT_UNKNOWN) {
                size_t before = s->n;
                corpus_files++;
                (void)before;
                assert_int_equal(pc_article_read_file(p, on_article, on_warn, s, &s->skipped),
                                 PRESSCUT_OK);
                if (s->n_warnings)
                    fail_msg("%s: %s", p, s->warnings[0]);
                assert_true(s->n > before);
                assert_true(s->passages_min >= 1);
                /* Every language the samples name is one presscut stems. */
                for (size_t k = before; k < s->n; k++)
                    if (s->a[k].language[0] &&
                        !pc_language_find(s->a[k].language, strlen(s->a[k].language)))
                        fail_msg("%s: unknown language '%s'", p, s->a[k].language);
                /* Keep the arrays small: each file is checked on its own. */
                pc_splitter_t *sp = s->sp;
                seen_free(s);
                s->sp = sp;
            }
        }
        free(names[i]);
    }
    free(names);
}

static char corpus_dir[1024] = "corpus";

static void test_corpus(void **state)
{
    (void)state;
    seen_t s = { 0 };
    char *msg = NULL;
    assert_int_equal(pc_splitter_new(&s.sp, &msg), PRESSCUT_OK);
    corpus_files = 0;
    walk(corpus_dir, &s);
    pc_splitter_destroy(s.sp);
    /* 17 articles and one feed, 13 articles of languages/ and their feed;
     * the README is not an article. */
    assert_int_equal(corpus_files, 32);
}

/* A copy owns all it points to: it outlives the original's buffers. */
static void test_dup(void **state)
{
    (void)state;
    char text[] = "Heading\xef\xbf\xbd\nBody text here.";
    pc_block_t blocks[] = { { 0, 10, 5, 15, 5, 15 }, { 11, 26, 16, 31, 16, 33 } };
    char html[] = "<p>Heading\xef\xbf\xbd</p><p>Body text here.</p>";
    size_t repairs[] = { 7 };
    char id[] = "feed-7", title[] = "A title";
    pc_article_t a = {
        .id = id, .path = "wire.jsonl", .title = title, .shown_title = title,
        .date = "2 January 2025",
        .date_iso = "2025-01-02", .source = "Desk", .url = "", .language = "en", .line = 3, .text = text,
        .text_len = strlen(text), .body_start = 11, .body_end = strlen(text),
        .format = PC_FORMAT_HTML, .blocks = blocks, .n_blocks = 2,
        .repairs = repairs, .n_repairs = 1, .html = html, .html_len = strlen(html),
    };
    pc_article_t *c = pc_article_dup(&a);
    assert_non_null(c);
    memset(text, 'x', sizeof text - 1);
    memset(blocks, 0, sizeof blocks);
    repairs[0] = 0;
    strcpy(id, "gone!!");
    strcpy(title, "changed");
    memset(html, 'x', sizeof html - 1);
    assert_string_equal(c->id, "feed-7");
    assert_string_equal(c->path, "wire.jsonl");
    assert_string_equal(c->title, "A title");
    assert_string_equal(c->shown_title, "A title");
    assert_string_equal(c->date, "2 January 2025");
    assert_string_equal(c->date_iso, "2025-01-02");
    assert_string_equal(c->source, "Desk");
    assert_string_equal(c->url, "");
    assert_string_equal(c->language, "en");
    assert_int_equal(c->text_len, strlen("Heading\xef\xbf\xbd\nBody text here."));
    assert_memory_equal(c->text, "Heading\xef\xbf\xbd\nBody text here.", c->text_len);
    assert_int_equal(c->text[c->text_len], '\0');
    assert_int_equal(c->line, 3);
    assert_int_equal(c->body_start, 11);
    assert_int_equal(c->format, PC_FORMAT_HTML);
    assert_int_equal(c->n_blocks, 2);
    assert_int_equal(c->blocks[1].src_end, 31);
    assert_int_equal(c->blocks[1].html_end, 33);
    assert_int_equal(c->html_len, strlen("<p>Heading\xef\xbf\xbd</p><p>Body text here.</p>"));
    assert_memory_equal(c->html, "<p>Heading\xef\xbf\xbd</p><p>Body text here.</p>", c->html_len);
    assert_int_equal(c->n_repairs, 1);
    assert_int_equal(c->repairs[0], 7);
    assert_int_equal(pc_article_source_offset(c, 11), 16);
    free(c);
}

int main(int argc, char **argv)
{
    (void)argc;
    struct stat sb;
    if (stat(corpus_dir, &sb) != 0) {
        /* Run from elsewhere: the corpus is two levels above build/tests/. */
        char *copy = strdup(argv[0]);
        if (copy) {
            snprintf(corpus_dir, sizeof corpus_dir, "%s/../../corpus", dirname(copy));
            free(copy);
        }
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_of),
        cmocka_unit_test(test_dup),
        cmocka_unit_test(test_text_header),
        cmocka_unit_test(test_text_no_header_key),
        cmocka_unit_test(test_title_line),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_markdown_title),
        cmocka_unit_test(test_markdown_front_matter),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_repaired_utf8),
        cmocka_unit_test(test_source_offset_repairs),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_html_source_offset),
        cmocka_unit_test(test_html_metadata_fallbacks),
        cmocka_unit_test(test_html_char_refs),
        cmocka_unit_test(test_html_unfound_blocks),
        cmocka_unit_test(test_html_limits),
        scratch_test(test_read_file),
        scratch_test(test_file_load_binary_probe),
        scratch_test(test_unreadable),
        cmocka_unit_test(test_feed_parse),
        cmocka_unit_test(test_feed_headline_only),
        scratch_test(test_feed_file_and_stream),
        cmocka_unit_test(test_feed_binary_and_empty),
        cmocka_unit_test(test_feed_nul_costs_its_line),
        cmocka_unit_test(test_feed_number_overflow),
        cmocka_unit_test(test_feed_repeated_id),
        cmocka_unit_test(test_feed_line_limit),
        cmocka_unit_test(test_metadata_limits),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_shown_title),
        cmocka_unit_test(test_callback_status_stops),
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_html_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
