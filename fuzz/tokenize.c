/* Fuzzes the tokenizer: any bytes.  Checks that invalid UTF-8 is refused,
 * that every token lies inside the text, in order, with consecutive
 * positions and a normalized word of valid UTF-8 no longer than
 * PC_MAX_WORD (the terms it also stands for likewise, none twice), and
 * that the ASCII fast path gives exactly ICU's tokens. */
#include "fuzz.h"
#include "tokenize.h"
#include "tokenize_internal.h"

typedef struct tok {
    char *word;
    char *also;              /* the terms it also stands for, each after a '|' */
    size_t len, start, end;
    unsigned pos;
    bool numeric;
} tok_t;

typedef struct toks {
    const char *text;
    size_t text_len;
    tok_t *v;
    size_t n, cap;
} toks_t;

static pc_tokenizer_t *tk;

static int on_token(void *ctx, const pc_token_t *t)
{
    toks_t *ts = ctx;
    CHECK(t->start < t->end && t->end <= ts->text_len, "token [%zu,%zu) in %zu bytes",
          t->start, t->end, ts->text_len);
    CHECK(fuzz_on_chars(ts->text, ts->text_len, t->start, t->end),
          "token [%zu,%zu) cuts a character", t->start, t->end);
    CHECK(t->len > 0 && t->len <= PC_MAX_WORD, "word of %zu bytes", t->len);
    CHECK(strlen(t->word) == t->len, "word of %zu bytes holds a NUL", t->len);
    CHECK(fuzz_utf8(t->word, t->len), "word '%s' is not valid UTF-8", t->word);
    size_t n_also = 0;
    CHECK(t->n_also <= PC_MAX_ALSO, "%u other terms", t->n_also);
    for (unsigned i = 0; i < t->n_also; i++) {
        size_t n = t->also_len[i];
        CHECK(n > 0 && n <= PC_MAX_WORD && strlen(t->also[i]) == n &&
              fuzz_utf8(t->also[i], n), "other term %u of '%s' is no word", i, t->word);
        CHECK(n != t->len || memcmp(t->also[i], t->word, n) != 0, "'%s' stands for itself",
              t->word);
        for (unsigned k = 0; k < i; k++)
            CHECK(n != t->also_len[k] || memcmp(t->also[i], t->also[k], n) != 0,
                  "'%s' stands for '%s' twice", t->word, t->also[i]);
        n_also += n + 1;
    }
    char *also = malloc(n_also + 1);
    CHECK(also, "out of memory");
    also[0] = '\0';
    for (unsigned i = 0; i < t->n_also; i++) {
        strcat(also, "|");
        strcat(also, t->also[i]);
    }
    if (ts->n > 0) {
        const tok_t *p = &ts->v[ts->n - 1];
        CHECK(t->start >= p->end, "token at %zu overlaps the one ending at %zu", t->start,
              p->end);
        CHECK(t->pos == p->pos + 1, "position %u after %u", t->pos, p->pos);
    } else {
        CHECK(t->pos == 1, "first position %u", t->pos);
    }
    if (ts->n == ts->cap) {
        ts->cap = ts->cap ? 2 * ts->cap : 64;
        ts->v = realloc(ts->v, ts->cap * sizeof *ts->v);
        CHECK(ts->v, "out of memory");
    }
    ts->v[ts->n++] = (tok_t){ strndup(t->word, t->len), also, t->len, t->start, t->end, t->pos,
                              t->numeric };
    return 0;
}

static void toks_free(toks_t *ts)
{
    for (size_t i = 0; i < ts->n; i++) {
        free(ts->v[i].word);
        free(ts->v[i].also);
    }
    free(ts->v);
}

static presscut_status_t run(const char *text, size_t len, bool icu, toks_t *ts)
{
    *ts = (toks_t){ .text = text, .text_len = len };
    unsigned next = 0;
    pc_tokenizer_force_icu(tk, icu);
    presscut_status_t st = pc_tokenize(tk, text, len, 1, on_token, ts, &next);
    if (st == PRESSCUT_OK)
        CHECK(next == 1 + ts->n, "next position %u after %zu tokens", next, ts->n);
    return st;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    CHECK(pc_tokenizer_new(&tk, NULL) == PRESSCUT_OK, "cannot make a tokenizer");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Its own copy, so that a read past the end is caught. */
    char *text = fuzz_strndup(data, size);
    toks_t fast, icu;
    presscut_status_t st = run(text, size, false, &fast);
    presscut_status_t st_icu = run(text, size, true, &icu);
    bool valid = fuzz_utf8(text, size);
    CHECK(st == (valid ? PRESSCUT_OK : PRESSCUT_BAD_INPUT), "status %d", st);
    CHECK(st_icu == st, "ICU alone: status %d, fast path %d", st_icu, st);
    if (st == PRESSCUT_OK) {
        CHECK(fast.n == icu.n, "%zu tokens, %zu by ICU alone", fast.n, icu.n);
        for (size_t i = 0; i < fast.n; i++) {
            const tok_t *a = &fast.v[i], *b = &icu.v[i];
            CHECK(strcmp(a->word, b->word) == 0 && strcmp(a->also, b->also) == 0 &&
                  a->start == b->start && a->end == b->end && a->numeric == b->numeric,
                  "token %zu: '%s%s' [%zu,%zu) numeric %d, by ICU alone '%s%s' [%zu,%zu) "
                  "numeric %d", i, a->word, a->also, a->start, a->end, a->numeric, b->word,
                  b->also, b->start, b->end, b->numeric);
        }
    }
    toks_free(&fast);
    toks_free(&icu);
    free(text);
    return 0;
}
