/* Fuzzes the article readers, all formats: the first byte picks .txt,
 * .md, .jsonl or .html, the rest is the file.  Each article is cut into
 * passages as the indexer does; checks that its strings are valid UTF-8,
 * its body, blocks and repairs lie inside its text, its passages inside
 * the body, and that every passage's citation lies inside the file (and is
 * the passage's own bytes where the text is the file's). */
#include "article.h"
#include "fuzz.h"
#include "passage.h"

static const char *const NAMES[] = { "fuzz.txt", "fuzz.md", "fuzz.jsonl", "fuzz.html" };

typedef struct run {
    const char *file;
    size_t file_len;
    pc_passages_t ps;
    unsigned articles;
    long last_line;
} run_t;

static pc_splitter_t *sp;

static void check_blocks(const pc_article_t *a, size_t file_len)
{
    for (size_t i = 0; i < a->n_blocks; i++) {
        const pc_block_t *b = &a->blocks[i];
        CHECK(b->start < b->end && b->end <= a->text_len, "block %zu at [%zu,%zu) of %zu",
              i, b->start, b->end, a->text_len);
        CHECK(i == 0 || b->start >= a->blocks[i - 1].end, "block %zu out of order", i);
        CHECK(b->src_start <= b->src_end && b->src_end <= file_len,
              "block %zu: source [%zu,%zu) of %zu", i, b->src_start, b->src_end, file_len);
    }
}

/* Repairs are offsets in the text, or with blocks in the (repaired) HTML. */
static void check_repairs(const pc_article_t *a)
{
    const char *in = a->n_blocks ? a->html : a->text;
    size_t in_len = a->n_blocks ? a->html_len : a->text_len;
    for (size_t i = 0; i < a->n_repairs; i++) {
        size_t r = a->repairs[i];
        CHECK(r + 3 <= in_len && memcmp(in + r, "\xEF\xBF\xBD", 3) == 0,
              "repair %zu at %zu is not U+FFFD", i, r);
        CHECK(i == 0 || r >= a->repairs[i - 1] + 3, "repair %zu out of order", i);
    }
}

/* Where a passage is cited, as the index records it. */
static void check_citation(const run_t *r, const pc_article_t *a, const pc_passage_t *p)
{
    size_t s = pc_article_source_offset(a, p->start), e = pc_article_source_offset(a, p->end);
    if (a->format == PC_FORMAT_JSONL) {
        /* Offsets in the decoded body. */
        CHECK(s == p->start && e == p->end, "feed passage [%zu,%zu) cited at [%zu,%zu)",
              p->start, p->end, s, e);
        return;
    }
    CHECK(s <= e && e <= r->file_len, "passage [%zu,%zu) cited at [%zu,%zu) of %zu bytes",
          p->start, p->end, s, e, r->file_len);
    if (a->format != PC_FORMAT_HTML && a->n_repairs == 0)
        CHECK(s == p->start && e == p->end && a->text == r->file,
              "passage [%zu,%zu) cited at [%zu,%zu)", p->start, p->end, s, e);
}

static presscut_status_t on_article(void *ctx, const pc_article_t *a)
{
    run_t *r = ctx;
    r->articles++;
    CHECK(fuzz_str(a->id) && a->id[0], "id not valid UTF-8 or empty");
    CHECK(fuzz_str(a->path) && fuzz_str(a->title) && fuzz_str(a->date) &&
          fuzz_str(a->source) && fuzz_str(a->url) && fuzz_str(a->language),
          "metadata not valid UTF-8");
    CHECK(fuzz_utf8(a->text, a->text_len), "text of %zu bytes is not valid UTF-8", a->text_len);
    CHECK(a->body_start <= a->body_end && a->body_end <= a->text_len, "body [%zu,%zu) of %zu",
          a->body_start, a->body_end, a->text_len);
    CHECK(fuzz_on_chars(a->text, a->text_len, a->body_start, a->body_end),
          "body [%zu,%zu) cuts a character", a->body_start, a->body_end);
    if (a->format == PC_FORMAT_JSONL) {
        CHECK(a->line > r->last_line, "feed line %ld after %ld", a->line, r->last_line);
        r->last_line = a->line;
    } else {
        CHECK(a->line == 0 && r->articles == 1, "file article %u at line %ld", r->articles,
              a->line);
    }
    check_blocks(a, r->file_len);
    check_repairs(a);

    presscut_status_t st = a->n_blocks > 0
        ? pc_article_block_passages(a, &r->ps)
        : pc_passages_split(sp, a->text, a->body_start, a->body_end, &r->ps);
    CHECK(st == PRESSCUT_OK, "passages: status %d", st);
    pc_passages_merge(&r->ps);
    for (size_t i = 0; i < r->ps.n; i++) {
        const pc_passage_t *p = &r->ps.v[i];
        CHECK(a->body_start <= p->start && p->start <= p->end && p->end <= a->body_end,
              "passage %zu at [%zu,%zu), body [%zu,%zu)", i, p->start, p->end, a->body_start,
              a->body_end);
        CHECK(i == 0 || p->start >= r->ps.v[i - 1].end, "passage %zu out of order", i);
        check_citation(r, a, p);
    }

    /* What the writer keeps of it must be whole. */
    pc_article_t *c = pc_article_dup(a);
    CHECK(c && c->text_len == a->text_len && memcmp(c->text, a->text, a->text_len) == 0 &&
          c->text[c->text_len] == '\0' && strcmp(c->title, a->title) == 0 &&
          c->n_blocks == a->n_blocks && c->n_repairs == a->n_repairs,
          "pc_article_dup() differs");
    free(c);
    return PRESSCUT_OK;
}

static void on_warn(void *ctx, const char *path, long line, const char *message)
{
    (void)ctx;
    (void)line;
    CHECK(fuzz_str(path) && fuzz_str(message) && message[0], "warning not valid UTF-8");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    CHECK(pc_splitter_new(&sp, NULL) == PRESSCUT_OK, "cannot make a splitter");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *name = NAMES[data[0] & 3];
    /* Its own copy, without a NUL after it: a read past the end is caught. */
    size_t len = size - 1;
    char *file = malloc(len ? len : 1);
    CHECK(file, "out of memory");
    memcpy(file, data + 1, len);
    run_t r = { .file = file, .file_len = len };
    unsigned skipped = 0;
    presscut_status_t st = pc_article_parse(name, file, len, on_article, on_warn, &r, &skipped);
    CHECK(st == PRESSCUT_OK, "status %d", st);
    CHECK(r.articles > 0 || skipped > 0, "%s of %zu bytes: no article and nothing skipped", name,
          len);
    pc_passages_free(&r.ps);
    free(file);
    return 0;
}
