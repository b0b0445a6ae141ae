/* Fuzzes the query parser and snippets: the input up to its first NUL is
 * a query (with the shipped synonyms), what follows a passage; without a
 * NUL the query runs on a fixed passage.  Checks the parse's status and
 * word sets, and that every snippet window lies in the passage on word
 * boundaries, fits its size, and shows a highlight when one could fit;
 * highlights are whole words, in order, apart. */
#include "fuzz.h"
#include "queryparse.h"
#include "snippet.h"
#include "synonyms.h"

/* Like the snippet's own lead-in: a match that fits with this much before
 * it is always shown. */
#define LEAD_CHARS 40

static const char PASSAGE[] =
    "Finland joined NATO on 4 April 2023, ending decades of military non-alignment. "
    "The accession, after Russia's full-scale invasion of Ukraine, doubled the "
    "alliance's land border with Russia.  \"Hybrid threats\" -- cyber-attacks, "
    "sabotage of cables in the Baltic Sea, disinformation -- rose; Helsinki closed "
    "its eastern border crossings.  Pri\xc5\xa1tina and Belgrade: the EU-facilitated "
    "dialogue resumed (3.5% of GDP, 2,000 troops, U.S. officials said).  "
    "D\xc3\xa9j\xc3\xa0 vu: \xe2\x80\x9cpeace\xe2\x80\x9d talks, Stra\xc3\x9f" "e, \xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1, "
    "\xe6\x9d\xb1\xe4\xba\xac, \xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9.";

typedef struct word {
    size_t start, end;
} word_t;

typedef struct words {
    word_t *v;
    size_t n, cap;
} words_t;

static pc_tokenizer_t *tk;
static xc_stem_t *stem;
static pc_synonyms_t *syn;

static void check_set(const pc_strset_t *s, const char *what)
{
    for (size_t i = 0; i < s->n; i++) {
        CHECK(fuzz_str(s->v[i]), "%s %zu not valid UTF-8", what, i);
        CHECK(i == 0 || strcmp(s->v[i - 1], s->v[i]) < 0, "%s not sorted and unique at %zu",
              what, i);
        CHECK(pc_strset_has(s, s->v[i], strlen(s->v[i])), "%s '%s' not found in its set", what,
              s->v[i]);
    }
}

static int on_word(void *ctx, const pc_token_t *t)
{
    words_t *w = ctx;
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 64;
        w->v = realloc(w->v, w->cap * sizeof *w->v);
        CHECK(w->v, "out of memory");
    }
    w->v[w->n++] = (word_t){ t->start, t->end };
    return 0;
}

/* The word that starts (or, with end, ends) at off, or n. */
static size_t word_at(const words_t *w, size_t off, bool end)
{
    for (size_t i = 0; i < w->n; i++)
        if ((end ? w->v[i].end : w->v[i].start) == off)
            return i;
    return w->n;
}

static void check_snippet(const pc_query_t *q, const char *text, size_t len, size_t max_chars)
{
    pc_snippet_t sn = { 0 };
    presscut_status_t st = pc_snippet_make(tk, stem, q, text, len, NULL, 0, max_chars, &sn);
    if (!fuzz_utf8(text, len)) {
        CHECK(st == PRESSCUT_BAD_INPUT, "snippet of invalid UTF-8: status %d", st);
        free(sn.spans);
        return;
    }
    CHECK(st == PRESSCUT_OK, "snippet: status %d", st);
    words_t w = { 0 };
    CHECK(pc_tokenize(tk, text, len, 1, on_word, &w, NULL) == PRESSCUT_OK, "tokenize");

    presscut_span_t win = sn.window;
    CHECK(win.start <= win.end && win.end <= len, "window [%zu,%zu) of %zu", win.start,
          win.end, len);
    size_t first = word_at(&w, win.start, false), last = word_at(&w, win.end, true);
    if (fuzz_chars(text, 0, len) <= max_chars || w.n == 0) {
        CHECK(win.start == 0 && win.end == len, "window [%zu,%zu) of a short text of %zu",
              win.start, win.end, len);
    } else {
        CHECK(first < w.n && last < w.n, "window [%zu,%zu) not on word boundaries", win.start,
              win.end);
        CHECK(first == last || fuzz_chars(text, win.start, win.end) <= max_chars,
              "window [%zu,%zu) of %zu characters, more than %zu", win.start, win.end,
              fuzz_chars(text, win.start, win.end), max_chars);
    }
    bool shown = false, could = false;
    for (size_t i = 0; i < sn.n_spans; i++) {
        presscut_span_t s = sn.spans[i];
        /* Words with nothing between them (CJK parts) are one highlight. */
        size_t k = word_at(&w, s.start, false), e = word_at(&w, s.end, true);
        CHECK(k < w.n && e < w.n && k <= e, "highlight %zu [%zu,%zu) is not whole words", i,
              s.start, s.end);
        CHECK(i == 0 || s.start >= sn.spans[i - 1].end, "highlight %zu out of order", i);
        shown |= s.start >= win.start && s.end <= win.end;
        could |= fuzz_chars(text, s.start, s.end) + LEAD_CHARS <= max_chars;
    }
    CHECK(shown || !could, "no highlight in the window [%zu,%zu), though one fits", win.start,
          win.end);
    free(w.v);
    free(sn.spans);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char *m = NULL;
    CHECK(pc_tokenizer_new(&tk, NULL) == PRESSCUT_OK, "cannot make a tokenizer");
    CHECK(xc_stem_new("english", &stem, NULL) == PRESSCUT_OK, "cannot make a stemmer");
    CHECK((syn = pc_synonyms_new()) != NULL, "out of memory");
    pc_synonyms_use_stems(syn, pc_synonyms_builtin_stems, pc_synonyms_builtin_n_stems);
    CHECK(pc_synonyms_add(syn, tk, stem, "lib/synonyms.txt", pc_synonyms_builtin,
                          strlen(pc_synonyms_builtin), &m) == PRESSCUT_OK,
          "shipped synonyms: %s", m ? m : "?");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *input = fuzz_strndup(data, size);
    size_t qlen = strlen(input);
    pc_query_t q;
    char *msg = NULL;
    presscut_status_t st = pc_query_parse(tk, stem, syn, input, &q, &msg);
    bool valid = fuzz_utf8(input, qlen);
    CHECK(st == PRESSCUT_OK || st == PRESSCUT_EMPTY || st == PRESSCUT_BAD_QUERY, "status %d", st);
    CHECK(valid || st == PRESSCUT_BAD_QUERY, "invalid UTF-8 parsed: status %d", st);
    if (st != PRESSCUT_OK) {
        /* The message quotes the query: valid UTF-8 when the query is. */
        CHECK(st != PRESSCUT_BAD_QUERY || (msg && msg[0] && (!valid || fuzz_str(msg))),
              "message '%s'", msg ? msg : "(null)");
        free(msg);
        free(input);
        return 0;
    }
    CHECK(q.strict, "no strict query");
    char *d = xc_query_describe(q.strict);
    CHECK(d, "cannot describe the query");
    free(d);
    check_set(&q.words, "word");
    check_set(&q.stems, "stem");
    check_set(&q.prefixes, "prefix");
    if (qlen < size) {
        /* A copy of its own, so that a read past its end is caught. */
        size_t len = size - qlen - 1;
        char *text = malloc(len ? len : 1);
        CHECK(text, "out of memory");
        memcpy(text, input + qlen + 1, len);
        check_snippet(&q, text, len, 240);
        check_snippet(&q, text, len, 1 + data[size - 1] % 64);
        free(text);
    } else {
        check_snippet(&q, PASSAGE, sizeof PASSAGE - 1, 240);
        check_snippet(&q, PASSAGE, sizeof PASSAGE - 1, 60);
    }
    pc_query_free(&q);
    free(input);
    return 0;
}
