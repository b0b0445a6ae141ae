/* Fuzzes passage splitting and merging: any valid UTF-8 text as an
 * article's body.  Checks that passages lie inside the body, in order and
 * apart, trimmed, with words, numbered as paragraphs and parts, no longer
 * than PC_PASSAGE_MAX_WORDS words; and that merging keeps them so. */
#include "fuzz.h"
#include "passage.h"

static pc_splitter_t *sp;

static bool space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static void check_passages(const char *text, size_t len, const pc_passages_t *ps, bool merged)
{
    for (size_t i = 0; i < ps->n; i++) {
        const pc_passage_t *p = &ps->v[i];
        CHECK(p->start < p->end && p->end <= len, "passage %zu at [%zu,%zu) of %zu bytes", i,
              p->start, p->end, len);
        CHECK(fuzz_on_chars(text, len, p->start, p->end), "passage %zu [%zu,%zu) cuts a character",
              i, p->start, p->end);
        CHECK(!space(text[p->start]) && !space(text[p->end - 1]),
              "passage %zu [%zu,%zu) is not trimmed", i, p->start, p->end);
        size_t words = pc_passage_words(text, p->start, p->end);
        CHECK(words > 0 && p->words > 0, "passage %zu [%zu,%zu) has no words", i, p->start,
              p->end);
        CHECK(words <= PC_PASSAGE_MAX_WORDS, "passage %zu [%zu,%zu) has %zu words", i, p->start,
              p->end, words);
        CHECK(p->paragraph >= 1, "passage %zu in paragraph %u", i, p->paragraph);
        CHECK(p->n_breaks < PC_PASSAGE_MAX_PARAGRAPHS, "passage %zu joins %u breaks", i,
              p->n_breaks);
        CHECK(merged || p->n_breaks == 0, "passage %zu has breaks before merging", i);
        size_t at = p->start;
        for (unsigned k = 0; k < p->n_breaks; k++) {
            CHECK(p->breaks[k] > at && p->breaks[k] < p->end,
                  "passage %zu [%zu,%zu): break %u at %zu", i, p->start, p->end, k, p->breaks[k]);
            at = p->breaks[k];
        }
        if (i == 0)
            continue;
        const pc_passage_t *q = &ps->v[i - 1];
        CHECK(p->start >= q->end, "passage %zu at %zu overlaps %zu ending at %zu", i, p->start,
              i - 1, q->end);
        unsigned q_last = q->paragraph + q->n_breaks;
        if (p->paragraph == q_last)
            CHECK(q->n_breaks == 0 && p->part == q->part + 1 && p->n_breaks == 0,
                  "passage %zu: part %u of paragraph %u after part %u", i, p->part,
                  p->paragraph, q->part);
        else
            CHECK(p->paragraph > q_last && p->part == 0,
                  "passage %zu: paragraph %u part %u after paragraph %u", i, p->paragraph,
                  p->part, q_last);
    }
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
    /* The first byte says where the body begins, as a header would. */
    if (size < 1)
        return 0;
    char *text = fuzz_strndup(data + 1, size - 1);
    size_t len = size - 1, body_start = data[0] < len ? data[0] : len;
    if (!fuzz_utf8(text, len) || !fuzz_on_chars(text, len, body_start, len)) {
        free(text);
        return 0;
    }
    pc_passages_t ps = { 0 };
    presscut_status_t st = pc_passages_split(sp, text, body_start, len, &ps);
    CHECK(st == PRESSCUT_OK, "status %d: %s", st, pc_splitter_error(sp));
    for (size_t i = 0; i < ps.n; i++)
        CHECK(ps.v[i].start >= body_start, "passage %zu at %zu before the body at %zu", i,
              ps.v[i].start, body_start);
    check_passages(text, len, &ps, false);
    size_t before = 0;
    for (size_t i = 0; i < ps.n; i++)
        before += ps.v[i].words;
    pc_passages_merge(&ps);
    check_passages(text, len, &ps, true);
    size_t after = 0;
    for (size_t i = 0; i < ps.n; i++)
        after += ps.v[i].words;
    CHECK(after == before, "%zu words before merging, %zu after", before, after);
    pc_passages_free(&ps);
    free(text);
    return 0;
}
