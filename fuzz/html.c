/* Fuzzes the HTML reader: any valid UTF-8 without NUL (what the article
 * reader hands it).  Checks the text (valid UTF-8, blocks joined by blank
 * lines, white space collapsed), the blocks' order and source ranges, and
 * that a block found where the source has no markup or entity is that
 * source's text. */
#include "fuzz.h"
#include "html.h"

static bool ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Is s[0..n) without white space equal to t[0..m) without white space? */
static bool same_but_spaces(const char *s, size_t n, const char *t, size_t m)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < n && ws(s[i]))
            i++;
        while (j < m && ws(t[j]))
            j++;
        if (i == n || j == m)
            return i == n && j == m;
        if (s[i++] != t[j++])
            return false;
    }
}

/* Source bytes the parser may turn into other text: markup, entities,
 * control characters. */
static bool plain(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '<' || c == '>' || c == '&' || c == 0x7F || (c < 0x20 && !ws((char)c)))
            return false;
    }
    return true;
}

static void check_block(const pc_html_t *h, size_t i, const char *src, size_t len)
{
    const pc_block_t *b = &h->blocks[i];
    const char *t = h->text + b->start;
    size_t n = b->end - b->start;
    CHECK(b->start < b->end && b->end <= h->text_len, "block %zu at [%zu,%zu) of %zu bytes",
          i, b->start, b->end, h->text_len);
    CHECK(t[0] != ' ' && t[n - 1] != ' ', "block %zu is not trimmed", i);
    CHECK(!memchr(t, '\n', n) && !memmem(t, n, "  ", 2), "block %zu: white space not collapsed",
          i);
    CHECK(b->src_start <= b->src_end && b->src_end <= len, "block %zu: source [%zu,%zu) of %zu",
          i, b->src_start, b->src_end, len);
    CHECK(i == 0 || b->src_start >= h->blocks[i - 1].src_end,
          "block %zu: source at %zu before block %zu's end at %zu", i, b->src_start, i - 1,
          h->blocks[i - 1].src_end);
    if (i == 0)
        CHECK(b->start == 0, "the first block starts at %zu", b->start);
    else
        CHECK(b->start == h->blocks[i - 1].end + 2 &&
              memcmp(h->text + h->blocks[i - 1].end, "\n\n", 2) == 0,
              "block %zu at %zu after one ending at %zu", i, b->start, h->blocks[i - 1].end);
    const char *s = src + b->src_start;
    size_t sn = b->src_end - b->src_start;
    if (sn > 0 && plain(s, sn))
        CHECK(same_but_spaces(s, sn, t, n), "block %zu '%.*s' placed at '%.*s'", i, (int)n, t,
              (int)sn, s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    if (!fuzz_utf8(src, size) || memchr(src, '\0', size))
        return 0;
    pc_html_t h;
    presscut_status_t st = pc_html_parse(src, size, &h);
    CHECK(st == PRESSCUT_OK || st == PRESSCUT_BAD_INPUT, "status %d", st);
    if (st == PRESSCUT_OK) {
        CHECK(fuzz_str(h.title) && fuzz_str(h.date) && fuzz_str(h.source) && fuzz_str(h.url),
              "metadata not valid UTF-8");
        CHECK(h.text && strlen(h.text) == h.text_len && fuzz_utf8(h.text, h.text_len),
              "text of %zu bytes: NUL inside or not valid UTF-8", h.text_len);
        size_t unplaced = 0;
        for (size_t i = 0; i < h.n_blocks; i++) {
            check_block(&h, i, src, size);
            unplaced += h.blocks[i].src_start == h.blocks[i].src_end;
        }
        CHECK(h.n_blocks == 0 || h.blocks[h.n_blocks - 1].end == h.text_len,
              "the last block ends before the text");
        CHECK(unplaced == h.n_unplaced, "%zu blocks unplaced, %zu counted", unplaced,
              h.n_unplaced);
    }
    pc_html_free(&h);
    return 0;
}
