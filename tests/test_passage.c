/* Unit tests for lib/passage.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "passage.h"

static int setup(void **state)
{
    pc_splitter_t *sp = NULL;
    char *msg = NULL;
    if (pc_splitter_new(&sp, &msg) != PRESSCUT_OK) {
        fprintf(stderr, "splitter: %s\n", msg ? msg : "?");
        free(msg);
        return -1;
    }
    *state = sp;
    return 0;
}

static int teardown(void **state)
{
    pc_splitter_destroy(*state);
    return 0;
}

/* Splits the whole of text; out->v must be freed by the caller. */
static void split(void **state, const char *text, pc_passages_t *out)
{
    assert_int_equal(pc_passages_split(*state, text, 0, strlen(text), out), PRESSCUT_OK);
}

static void assert_passage(const char *text, const pc_passage_t *p, unsigned paragraph,
                           unsigned part, const char *want)
{
    assert_int_equal(p->paragraph, paragraph);
    assert_int_equal(p->part, part);
    assert_true(p->end >= p->start);
    char *got = strndup(text + p->start, p->end - p->start);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_blank_lines(void **state)
{
    const char *t = "  First paragraph, wrapped\nover two lines.  \n\n\n"
                    "Second paragraph.\r\n\r\nThird one.\n";
    pc_passages_t ps = { 0 };
    split(state, t, &ps);
    assert_int_equal(ps.n, 3);
    assert_passage(t, &ps.v[0], 1, 0, "First paragraph, wrapped\nover two lines.");
    assert_int_equal(ps.v[0].start, 2);
    assert_passage(t, &ps.v[1], 2, 0, "Second paragraph.");
    assert_passage(t, &ps.v[2], 3, 0, "Third one.");
    pc_passages_free(&ps);
    assert_null(ps.v);
}

static void test_wire_indentation(void **state)
{
    const char *t = "BRUSSELS (Wire) - Ministers met on Thursday.\n"
                    "They agreed on little.\n"
                    "   The second paragraph starts here\n"
                    "and goes on here.\n"
                    "   A third paragraph.\n";
    pc_passages_t ps = { 0 };
    split(state, t, &ps);
    assert_int_equal(ps.n, 3);
    assert_passage(t, &ps.v[0], 1, 0,
                   "BRUSSELS (Wire) - Ministers met on Thursday.\nThey agreed on little.");
    assert_passage(t, &ps.v[1], 2, 0, "The second paragraph starts here\nand goes on here.");
    assert_passage(t, &ps.v[2], 3, 0, "A third paragraph.");
    pc_passages_free(&ps);
}

static void test_one_per_line(void **state)
{
    const char *t = "One sentence on a line.\nAnother sentence here.\nA third.";
    pc_passages_t ps = { 0 };
    split(state, t, &ps);
    assert_int_equal(ps.n, 3);
    assert_passage(t, &ps.v[0], 1, 0, "One sentence on a line.");
    assert_passage(t, &ps.v[1], 2, 0, "Another sentence here.");
    assert_passage(t, &ps.v[2], 3, 0, "A third.");
    pc_passages_free(&ps);
}

/* Text wrapped at a width, without blank lines or indents, is one
 * paragraph: its lines stop mid-sentence. */
static void test_wrapped_lines(void **state)
{
    const char *t = "THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S. FIRST\n"
                    "PROPOSED TO HELP NATO DEVELOP ITS OWN NUCLEAR STRIKE FORCE. BUT EUROPE\n"
                    "MADE NO ATTEMPT TO DEVISE A PLAN. LAST WEEK, AS THEY STUDIED THE\n"
                    "NASSAU ACCORD.";
    pc_passages_t ps = { 0 };
    split(state, t, &ps);
    assert_int_equal(ps.n, 1);
    assert_passage(t, &ps.v[0], 1, 0, t);
    pc_passages_free(&ps);
}

static void test_heading_joins(void **state)
{
    const char *t = "Intro paragraph.\n\n## Background\n\nThe cables were cut.\n\n"
                    "Final words\n";
    pc_passages_t ps = { 0 };
    split(state, t, &ps);
    assert_int_equal(ps.n, 3);
    assert_passage(t, &ps.v[0], 1, 0, "Intro paragraph.");
    assert_passage(t, &ps.v[1], 2, 0, "## Background\n\nThe cables were cut.");
    /* A heading with nothing under it stands alone. */
    assert_passage(t, &ps.v[2], 3, 0, "Final words");
    pc_passages_free(&ps);
}

static void test_quoted_line_is_not_heading(void **state)
{
    const char *t = "“We will not be intimidated”\n\nShe left the room.\n";
    pc_passages_t ps = { 0 };
    split(state, t, &ps);
    assert_int_equal(ps.n, 2);
    pc_passages_free(&ps);
}

static void test_separators_skipped(void **state)
{
    const char *t = "Para one.\n\n* * *\n\n---\n\nPara two.\n\n—\n";
    pc_passages_t ps = { 0 };
    split(state, t, &ps);
    assert_int_equal(ps.n, 2);
    assert_passage(t, &ps.v[0], 1, 0, "Para one.");
    assert_passage(t, &ps.v[1], 2, 0, "Para two.");
    pc_passages_free(&ps);
}

/* n sentences of 9 words each, hard-wrapped after every third sentence,
 * then a blank line and a short paragraph (so lines are not paragraphs). */
static char *sentences(unsigned n)
{
    static const char s[] = "Officials said the cable was damaged near the coast. ";
    size_t len = strlen(s);
    static const char tail[] = "\nLast paragraph.";
    char *t = malloc(n * len + sizeof tail);
    assert_non_null(t);
    for (unsigned i = 0; i < n; i++) {
        memcpy(t + i * len, s, len);
        if (i % 3 == 2)
            t[i * len + len - 1] = '\n';
    }
    memcpy(t + n * len, tail, sizeof tail);
    return t;
}

static void test_long_paragraph_split(void **state)
{
    char *t = sentences(30);            /* 270 words: 13 + 13 + 4 sentences */
    pc_passages_t ps = { 0 };
    split(state, t, &ps);
    assert_int_equal(ps.n, 4);
    size_t prev_end = 0;
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(ps.v[i].paragraph, 1);
        assert_int_equal(ps.v[i].part, i);
        /* Cut at sentence ends: every part starts a sentence, ends one. */
        assert_memory_equal(t + ps.v[i].start, "Officials", 9);
        assert_int_equal(t[ps.v[i].end - 1], '.');
        assert_true(ps.v[i].start >= prev_end);
        prev_end = ps.v[i].end;
    }
    assert_int_equal(ps.v[0].start, 0);
    assert_int_equal(ps.v[2].end, strlen(t) - strlen("\n\nLast paragraph."));
    assert_passage(t, &ps.v[3], 2, 0, "Last paragraph.");
    pc_passages_free(&ps);
    free(t);
}

static void test_long_sentence_cut_at_words(void **state)
{
    size_t n = 250;
    char *t = malloc(n * 5 + 1);
    assert_non_null(t);
    for (size_t i = 0; i < n; i++)
        memcpy(t + i * 5, "word ", 5);
    t[n * 5 - 1] = '\0';
    pc_passages_t ps = { 0 };
    split(state, t, &ps);
    assert_int_equal(ps.n, 3);
    assert_int_equal(ps.v[0].end - ps.v[0].start, PC_PASSAGE_MAX_WORDS * 5 - 1);
    assert_int_equal(ps.v[1].part, 1);
    assert_int_equal(ps.v[2].end, n * 5 - 1);
    pc_passages_free(&ps);
    free(t);
}

static void test_body_range_and_reuse(void **state)
{
    const char *t = "Title line\n\nBody here.\n";
    pc_passages_t ps = { 0 };
    split(state, "a.\n\nb.\n\nc.\n", &ps);
    assert_int_equal(ps.n, 3);
    /* Replaces what ps held. */
    assert_int_equal(pc_passages_split(*state, t, 12, strlen(t), &ps), PRESSCUT_OK);
    assert_int_equal(ps.n, 1);
    assert_passage(t, &ps.v[0], 1, 0, "Body here.");
    assert_int_equal(pc_passages_split(*state, t, 5, 5, &ps), PRESSCUT_OK);
    assert_int_equal(ps.n, 0);
    assert_string_equal(pc_splitter_error(*state), "");
    pc_passages_free(&ps);
}

static void test_utf8_words(void **state)
{
    /* Diacritics are letters; an em dash line is not text. */
    const char *t = "Priština — Serbia’s reply.\n\n—\n\nÜber die Grenze.\n";
    pc_passages_t ps = { 0 };
    split(state, t, &ps);
    assert_int_equal(ps.n, 2);
    assert_passage(t, &ps.v[1], 2, 0, "Über die Grenze.");
    pc_passages_free(&ps);
}

/* Paragraphs of n words each ("w w w ...\n\n"), split. */
static void paragraphs_of(void **state, char *buf, size_t cap, const unsigned *words, size_t n,
                          pc_passages_t *ps)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        for (unsigned w = 0; w < words[i]; w++)
            len += (size_t)snprintf(buf + len, cap - len, w ? " w%u" : "W%u", w);
        len += (size_t)snprintf(buf + len, cap - len, ".\n\n");
    }
    split(state, buf, ps);
    assert_int_equal(ps->n, n);
}

static void test_merge_short_paragraphs(void **state)
{
    static char buf[8192];
    /* 30 + 30 + 30 reach 80; 50 + 75 would pass 120; 75 then 10 join. */
    const unsigned words[] = { 30, 30, 30, 50, 75, 10, 90, 5 };
    pc_passages_t ps = { 0 };
    paragraphs_of(state, buf, sizeof buf, words, 8, &ps);
    size_t start[8];
    for (size_t i = 0; i < 8; i++)
        start[i] = ps.v[i].start;
    pc_passages_merge(&ps);
    assert_int_equal(ps.n, 5);
    assert_int_equal(ps.v[0].paragraph, 1);
    assert_int_equal(ps.v[0].n_breaks, 2);
    assert_int_equal(ps.v[0].breaks[0], start[1]);
    assert_int_equal(ps.v[0].breaks[1], start[2]);
    assert_int_equal(ps.v[0].words, 90);
    assert_int_equal(ps.v[1].paragraph, 4);
    assert_int_equal(ps.v[1].n_breaks, 0);
    assert_int_equal(ps.v[2].paragraph, 5);
    assert_int_equal(ps.v[2].n_breaks, 1);
    assert_int_equal(ps.v[2].end, start[6] - 2);
    assert_int_equal(ps.v[3].paragraph, 7);
    assert_int_equal(ps.v[3].n_breaks, 0);
    assert_int_equal(ps.v[4].paragraph, 8);
    pc_passages_free(&ps);
}

/* One-word paragraphs: at most PC_PASSAGE_MAX_PARAGRAPHS per passage. */
static void test_merge_paragraph_cap(void **state)
{
    static char buf[4096];
    unsigned words[20];
    for (size_t i = 0; i < 20; i++)
        words[i] = 1;
    pc_passages_t ps = { 0 };
    paragraphs_of(state, buf, sizeof buf, words, 20, &ps);
    pc_passages_merge(&ps);
    assert_int_equal(ps.n, 3);
    assert_int_equal(ps.v[0].n_breaks, PC_PASSAGE_MAX_PARAGRAPHS - 1);
    assert_int_equal(ps.v[1].paragraph, PC_PASSAGE_MAX_PARAGRAPHS + 1);
    assert_int_equal(ps.v[2].n_breaks, 20 - 2 * PC_PASSAGE_MAX_PARAGRAPHS - 1);
    pc_passages_free(&ps);
}

/* The parts of a cut paragraph stay apart, and apart from their neighbours. */
static void test_merge_keeps_parts(void **state)
{
    static char buf[8192];
    size_t len = (size_t)snprintf(buf, sizeof buf, "Short first.\n\n");
    for (int i = 0; i < 30; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "Sentence %d has six words. ", i);
    snprintf(buf + len, sizeof buf - len, "\n\nShort last.\n");
    pc_passages_t ps = { 0 };
    split(state, buf, &ps);
    size_t before = ps.n;
    assert_true(before >= 4);
    pc_passages_merge(&ps);
    assert_int_equal(ps.n, before);
    for (size_t i = 0; i < ps.n; i++)
        assert_int_equal(ps.v[i].n_breaks, 0);
    pc_passages_free(&ps);
}

/* ---- markdown shown as text ------------------------------------------ */

static const struct {
    const char *src, *text;
} md_cases[] = {
    { "*Analysis, 12 January 2025*", "Analysis, 12 January 2025" },
    { "## What counts", "What counts" },
    { "### Closed heading ###", "Closed heading" },
    { "#hashtag and C# stay", "#hashtag and C# stay" },
    { "a **bold** and __strong__ and _it_ word", "a bold and strong and it word" },
    { "***both*** at once", "both at once" },
    { "snake_case_name and 5 * 3 * 2", "snake_case_name and 5 * 3 * 2" },
    { "see [the report](https://x.example/a_b*c) now.", "see the report now." },
    { "a [ref link][1] and ![a map](map.png)", "a ref link and a map" },
    { "[not a link] (x)", "[not a link] (x)" },
    { "> quoted *line*\n> more", "quoted line\nmore" },
    { "\\*not emphasis\\*", "*not emphasis*" },
    { "`code *stays*` but *this* not", "`code *stays*` but this not" },
    { "*one\n\nparagraph* each", "*one\n\nparagraph* each" },
    { "* a list item\n* another", "* a list item\n* another" },
    { "“*curly*” quotes", "“curly” quotes" },
    { "unpaired *star", "unpaired *star" },
};

static void test_markdown_text(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof md_cases / sizeof md_cases[0]; i++) {
        const char *src = md_cases[i].src;
        char text[256];
        size_t n;
        assert_int_equal(pc_markdown_text(src, strlen(src), text, &n, NULL, 0), PRESSCUT_OK);
        text[n] = '\0';
        if (strcmp(text, md_cases[i].text) != 0) {
            print_error("\"%s\" shows as \"%s\", want \"%s\"\n", src, text, md_cases[i].text);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* Every stretch of the text maps back to source bytes that show as it:
 * a citation of text [a, b) quotes the file's bytes. */
static void test_markdown_offsets(void **state)
{
    (void)state;
    const char *src = "## Heading\n\nThe **phrase** [hybrid threats](https://x.example) is *new*.";
    size_t len = strlen(src);
    char text[128], back[128];
    size_t n, offsets[] = { 0, 12, len };
    assert_int_equal(pc_markdown_text(src, len, text, &n, offsets, 3), PRESSCUT_OK);
    text[n] = '\0';
    assert_string_equal(text, "Heading\n\nThe phrase hybrid threats is new.");
    assert_int_equal(offsets[0], 0);
    assert_int_equal(offsets[1], strlen("Heading\n\n"));
    assert_int_equal(offsets[2], n);
    for (size_t a = 0; a <= n; a++)
        for (size_t b = a; b <= n; b++) {
            size_t sa = pc_markdown_source_offset(src, len, a, false);
            size_t sb = pc_markdown_source_offset(src, len, b, true);
            if (a == b)
                continue;
            assert_true(sa < sb && sb <= len);
            size_t m;
            assert_int_equal(pc_markdown_text(src + sa, sb - sa, back, &m, NULL, 0), PRESSCUT_OK);
            /* Markup inside the range may pair differently on its own:
             * compare the bytes kept, markup aside. */
            size_t k = 0;
            for (size_t i = sa; i < sb; i++)
                if (k < b - a && src[i] == text[a + k])
                    k++;
            assert_int_equal(k, b - a);
        }
    size_t at = pc_markdown_source_offset(src, len, strlen("Heading\n\nThe "), false);
    size_t to = pc_markdown_source_offset(src, len, strlen("Heading\n\nThe phrase hybrid threats"),
                                          true);
    /* From the first text byte to the last, as for HTML. */
    assert_int_equal(to - at, strlen("phrase** [hybrid threats"));
    assert_memory_equal(src + at, "phrase** [hybrid threats", to - at);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blank_lines),
        cmocka_unit_test(test_wire_indentation),
        cmocka_unit_test(test_one_per_line),
        cmocka_unit_test(test_wrapped_lines),
        cmocka_unit_test(test_heading_joins),
        cmocka_unit_test(test_quoted_line_is_not_heading),
        cmocka_unit_test(test_separators_skipped),
        cmocka_unit_test(test_long_paragraph_split),
        cmocka_unit_test(test_long_sentence_cut_at_words),
        cmocka_unit_test(test_body_range_and_reuse),
        cmocka_unit_test(test_utf8_words),
        cmocka_unit_test(test_merge_short_paragraphs),
        cmocka_unit_test(test_merge_paragraph_cap),
        cmocka_unit_test(test_merge_keeps_parts),
        cmocka_unit_test(test_markdown_text),
        cmocka_unit_test(test_markdown_offsets),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
