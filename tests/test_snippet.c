/* Snippets: which words light up, and which window of a passage is shown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <cmocka.h>

#include "snippet.h"
#include "synonyms.h"

typedef struct fixture {
    pc_tokenizer_t *tk;
    xc_stem_t *stem;
    pc_query_t q;
    pc_snippet_t sn;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    if (!f || pc_tokenizer_new(&f->tk, NULL) != PRESSCUT_OK ||
        xc_stem_new("english", &f->stem, NULL) != PRESSCUT_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    pc_query_free(&f->q);
    free(f->sn.spans);
    pc_tokenizer_destroy(f->tk);
    xc_stem_destroy(f->stem);
    free(f);
    return 0;
}

static void snip(fixture_t *f, const char *query, const char *text, size_t max_chars)
{
    pc_query_free(&f->q);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, query, &f->q, NULL), PRESSCUT_OK);
    assert_int_equal(pc_snippet_make(f->tk, f->stem, &f->q, text, strlen(text), NULL, 0,
                                     max_chars, &f->sn), PRESSCUT_OK);
}

static void assert_span(const char *text, presscut_span_t s, const char *want)
{
    size_t n = s.end - s.start;
    if (n != strlen(want) || memcmp(text + s.start, want, n) != 0)
        fail_msg("span [%zu,%zu) is '%.*s', want '%s'", s.start, s.end, (int)n,
                 text + s.start, want);
}

static void stems_light_up_inflections(void **state)
{
    fixture_t *f = *state;
    const char *text = "The threat grew; hybrid threats now dominate. Threatening, said one.";
    snip(f, "hybrid threats", text, 240);
    assert_int_equal(f->sn.n_spans, 3);
    assert_span(text, f->sn.spans[0], "threat");
    assert_span(text, f->sn.spans[1], "hybrid");
    assert_span(text, f->sn.spans[2], "threats");
    assert_int_equal(f->sn.window.start, 0);   /* short text: all of it */
    assert_int_equal(f->sn.window.end, strlen(text));
}

static void diacritics_light_up_as_written(void **state)
{
    fixture_t *f = *state;
    const char *text = "Talks in Pri\xc5\xa1tina resumed.";
    snip(f, "pristina", text, 240);
    assert_int_equal(f->sn.n_spans, 1);
    assert_span(text, f->sn.spans[0], "Pri\xc5\xa1tina");
}

/* A query word lights up a word that also stands for it (tokenize.h):
 * the other spelling, the word inside an elision or a Turkish suffix, in
 * a phrase too. */
static void other_terms_light_up_their_word(void **state)
{
    fixture_t *f = *state;
    const char *text = "Selon l’OTAN, Herr Müller est à Ankara'daki.";
    snip(f, "otan OR mueller OR ankara", text, 240);
    /* not Ankara'daki: a suffix is split off in Turkish text only */
    assert_int_equal(f->sn.n_spans, 2);
    assert_span(text, f->sn.spans[0], "l’OTAN");
    assert_span(text, f->sn.spans[1], "Müller");
    snip(f, "\"selon otan\"", text, 240);
    assert_int_equal(f->sn.n_spans, 2);
    assert_span(text, f->sn.spans[0], "Selon");
    assert_span(text, f->sn.spans[1], "l’OTAN");
    /* The query's other spelling lights up the text's: Müller, Mueller. */
    const char *de = "Herr Mueller und Frau Müller.";
    snip(f, "Müller", de, 240);
    assert_int_equal(f->sn.n_spans, 2);
    assert_span(de, f->sn.spans[0], "Mueller");
    assert_span(de, f->sn.spans[1], "Müller");
    snip(f, "\"Herr Müller\"", de, 240);
    assert_int_equal(f->sn.n_spans, 2);
    assert_span(de, f->sn.spans[0], "Herr");
    assert_span(de, f->sn.spans[1], "Mueller");
}

/* A Turkish passage, highlighted with its stemmer, has its suffixes split
 * off as the index has them; the tokenizer reads a query's again after. */
static void turkish_suffixes_light_up(void **state)
{
    fixture_t *f = *state;
    xc_stem_t *tr;
    assert_int_equal(xc_stem_new("turkish", &tr, NULL), PRESSCUT_OK);
    const char *text = "Ankara'daki zirvede.";
    pc_query_free(&f->q);
    assert_int_equal(pc_query_parse(f->tk, tr, NULL, "ankara", &f->q, NULL), PRESSCUT_OK);
    assert_int_equal(pc_snippet_make(f->tk, tr, &f->q, text, strlen(text), NULL, 0, 240, &f->sn),
                     PRESSCUT_OK);
    assert_int_equal(f->sn.n_spans, 1);
    assert_span(text, f->sn.spans[0], "Ankara'daki");
    xc_stem_destroy(tr);
    snip(f, "Ankara'daki", "Ankara", 240);   /* a query splits it: ankara too */
    assert_int_equal(f->sn.n_spans, 1);
}

/* A Serbian passage in Cyrillic lights up a Latin phrase, and the other
 * way round. */
static void serbian_phrases_light_up_either_script(void **state)
{
    fixture_t *f = *state;
    xc_stem_t *sr;
    assert_int_equal(xc_stem_new("serbian", &sr, NULL), PRESSCUT_OK);
    const char *cyr = "\xd0\x9a\xd1\x80\xd0\xb0\xd0\xb3\xd1\x83\xd1\x98\xd0\xb5\xd0\xb2\xd0\xb0"
                      "\xd1\x86 \xd1\x81\xd0\xb5 \xd0\xb2\xd1\x80\xd0\xb0\xd1\x9b\xd0\xb0.";
    const char *queries[] = { "\"Kragujevac se vraća\"", "\"kragujevac se vraca\"" };
    for (size_t i = 0; i < 2; i++) {
        pc_query_free(&f->q);
        assert_int_equal(pc_query_parse(f->tk, sr, NULL, queries[i], &f->q, NULL), PRESSCUT_OK);
        assert_int_equal(pc_snippet_make(f->tk, sr, &f->q, cyr, strlen(cyr), NULL, 0, 240,
                                         &f->sn), PRESSCUT_OK);
        assert_int_equal(f->sn.n_spans, 3);
    }
    /* Not in an English passage: Cyrillic is no Latin there. */
    pc_query_free(&f->q);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, queries[0], &f->q, NULL), PRESSCUT_OK);
    assert_int_equal(pc_snippet_make(f->tk, f->stem, &f->q, cyr, strlen(cyr), NULL, 0, 240,
                                     &f->sn), PRESSCUT_OK);
    assert_int_equal(f->sn.n_spans, 0);
    xc_stem_destroy(sr);
}

static void window_holds_the_most_distinct_matches(void **state)
{
    fixture_t *f = *state;
    char text[2048] = "";
    strcat(text, "Cables matter. ");
    for (int i = 0; i < 30; i++)
        strcat(text, "Filler words keep coming here. ");
    size_t where = strlen(text);
    strcat(text, "Saboteurs cut undersea cables near Gotland. ");
    for (int i = 0; i < 30; i++)
        strcat(text, "More filler follows after that. ");
    snip(f, "undersea cables", text, 120);
    assert_true(f->sn.window.start <= where + strlen("Saboteurs cut "));
    assert_true(f->sn.window.end >= where + strlen("Saboteurs cut undersea cables"));
    assert_true(f->sn.window.start > 0);
    size_t shown = 0;
    for (size_t i = f->sn.window.start; i < f->sn.window.end; i++)
        shown += ((unsigned char)text[i] & 0xC0) != 0x80;
    assert_true(shown <= 120);
}

static void excluded_words_stay_dark(void **state)
{
    fixture_t *f = *state;
    const char *text = "NATO and Russia met.";
    snip(f, "nato -russia", text, 240);
    assert_int_equal(f->sn.n_spans, 1);
    assert_span(text, f->sn.spans[0], "NATO");
}

static void prefixes_light_up(void **state)
{
    fixture_t *f = *state;
    const char *text = "Disinformation and disinformers spread.";
    snip(f, "disinform*", text, 240);
    assert_int_equal(f->sn.n_spans, 2);
    assert_span(text, f->sn.spans[1], "disinformers");
}

/* text with [ ] around each highlight of f->sn; caller frees it. */
static char *marked(const fixture_t *f, const char *text)
{
    size_t len = strlen(text), at = 0;
    char *out = malloc(len + 2 * f->sn.n_spans + 1), *o = out;
    assert_non_null(out);
    for (size_t i = 0; i < f->sn.n_spans; i++) {
        presscut_span_t sp = f->sn.spans[i];
        o += sprintf(o, "%.*s[%.*s]", (int)(sp.start - at), text + at, (int)(sp.end - sp.start),
                     text + sp.start);
        at = sp.end;
    }
    strcpy(o, text + at);
    return out;
}

/* A phrase, a synonym of several words, NEAR, ADJ and the parts of a
 * word the tokenizer splits light up where they matched as a whole, not
 * wherever one of their words stands; single words everywhere. */
static void groups_light_up_only_together(void **state)
{
    fixture_t *f = *state;
    static const char synonyms[] =
        "NATO = North Atlantic Treaty Organization = North Atlantic Treaty Organisation\n"
        "EU = European Union\n"
        "OPEC = Organization of the Petroleum Exporting Countries\n";
    static const struct {
        const char *query, *text, *want;
    } rows[] = {
        { "\"hybrid threats\"", "Hybrid threats grow. The threats are many, and hybrid.",
          "[Hybrid] [threats] grow. The threats are many, and hybrid." },
        { "threats", "Hybrid threats grow. The threats are many.",
          "Hybrid [threats] grow. The [threats] are many." },
        { "NATO", "The Euro-Atlantic path, the World Trade Organisation, the North Atlantic "
                  "Treaty Organisation and NATO.",
          "The Euro-Atlantic path, the World Trade Organisation, the [North] [Atlantic] "
          "[Treaty] [Organisation] and [NATO]." },
        { "opec", "The Organization of the Petroleum Exporting Countries cut; the rest of the "
                  "market waited.",
          "The [Organization] [of] [the] [Petroleum] [Exporting] [Countries] cut; the rest of "
          "the market waited." },
        { "EU", "The European Commission spoke for the European Union.",
          "The European Commission spoke for the [European] [Union]." },
        { "cable NEAR/2 sabotage", "Sabotage of cable was suspected. The cable ran far from "
                                   "any act of sabotage.",
          "[Sabotage] of [cable] was suspected. The cable ran far from any act of sabotage." },
        { "nato ADJ/2 accession", "Accession of NATO states. NATO approved accession.",
          "Accession of NATO states. [NATO] approved [accession]." },
        { "\xe5\xae\x89\xe5\x85\xa8\xe4\xbf\x9d\xe9\x9a\x9c",   /* 安全保障 */
          "\xe5\xae\x89\xe5\x85\xa8\xe3\x81\x8c\xe7\xac\xac\xe4\xb8\x80\xe3\x80\x82"
          "\xe6\x97\xa5\xe6\x9c\xac\xe3\x81\xae\xe5\xae\x89\xe5\x85\xa8\xe4\xbf\x9d"
          "\xe9\x9a\x9c\xe3\x80\x82",   /* 安全が第一。日本の安全保障。 */
          "\xe5\xae\x89\xe5\x85\xa8\xe3\x81\x8c\xe7\xac\xac\xe4\xb8\x80\xe3\x80\x82"
          "\xe6\x97\xa5\xe6\x9c\xac\xe3\x81\xae[\xe5\xae\x89\xe5\x85\xa8\xe4\xbf\x9d"
          "\xe9\x9a\x9c]\xe3\x80\x82" },
    };
    pc_synonyms_t *syn = pc_synonyms_new();
    char *msg = NULL;
    assert_non_null(syn);
    assert_int_equal(pc_synonyms_add(syn, f->tk, f->stem, "test", synonyms, strlen(synonyms),
                                     &msg), PRESSCUT_OK);
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        const char *text = rows[i].text;
        pc_query_free(&f->q);
        assert_int_equal(pc_query_parse(f->tk, f->stem, syn, rows[i].query, &f->q, NULL),
                         PRESSCUT_OK);
        assert_int_equal(pc_snippet_make(f->tk, f->stem, &f->q, text, strlen(text), NULL, 0,
                                         240, &f->sn), PRESSCUT_OK);
        char *got = marked(f, text);
        if (strcmp(got, rows[i].want) != 0)
            fail_msg("'%s': got '%s', want '%s'", rows[i].query, got, rows[i].want);
        free(got);
    }
    pc_synonyms_destroy(syn);
}

/* As in the index, a phrase does not run across a paragraph break. */
static void phrases_stay_in_their_paragraph(void **state)
{
    fixture_t *f = *state;
    const char *text = "Talk of hybrid\n\nthreats came later; hybrid threats, too.";
    size_t brk = strlen("Talk of hybrid\n\n");
    pc_query_free(&f->q);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "\"hybrid threats\"", &f->q, NULL),
                     PRESSCUT_OK);
    assert_int_equal(pc_snippet_make(f->tk, f->stem, &f->q, text, strlen(text), &brk, 1, 240,
                                     &f->sn), PRESSCUT_OK);
    char *got = marked(f, text);
    assert_string_equal(got, "Talk of hybrid\n\nthreats came later; [hybrid] [threats], too.");
    free(got);
}

/* The window goes where the phrase matched, not where its words stand
 * apart, though both hold the same words. */
static void window_prefers_the_whole_phrase(void **state)
{
    fixture_t *f = *state;
    char text[4096] = "Hybrid warfare aside, threats abound. ";
    for (int i = 0; i < 30; i++)
        strcat(text, "Filler words keep coming here. ");
    size_t where = strlen(text);
    strcat(text, "Analysts call them hybrid threats. ");
    for (int i = 0; i < 30; i++)
        strcat(text, "More filler follows after that. ");
    snip(f, "\"hybrid threats\"", text, 120);
    assert_true(f->sn.window.start > 0);
    assert_true(f->sn.window.start <= where + strlen("Analysts call them "));
    assert_true(f->sn.window.end >= where + strlen("Analysts call them hybrid threats"));
    assert_int_equal(f->sn.n_spans, 2);
}

/* From now on the test may use `seconds` more of CPU time, or SIGXCPU
 * kills it: a bound on work done that a loaded machine does not move. */
static void cpu_budget(long seconds)
{
    struct rusage ru;
    struct rlimit rl;
    assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
    assert_int_equal(getrlimit(RLIMIT_CPU, &rl), 0);
    rlim_t soft = (rlim_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + 1 + seconds);
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || soft < rl.rlim_max ? soft : rl.rlim_max;
    assert_int_equal(setrlimit(RLIMIT_CPU, &rl), 0);
}

static void cpu_budget_end(void)
{
    struct rlimit rl;
    assert_int_equal(getrlimit(RLIMIT_CPU, &rl), 0);
    rl.rlim_cur = rl.rlim_max;
    assert_int_equal(setrlimit(RLIMIT_CPU, &rl), 0);
}

/* n tokens of text, one in every `every` the word "xaaa" */
static char *long_text(size_t n, size_t every, size_t *len)
{
    char *text = malloc(5 * n + 1), *at = text;
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) {
        bool x = i % every == every - 1;
        memcpy(at, x ? "xaaa " : "ab ", x ? 5 : 3);
        at += x ? 5 : 3;
    }
    *at = '\0';
    *len = (size_t)(at - text);
    return text;
}

/* Each word of a passage was compared with every stem of the query: a
 * 600 KB passage under a 1,000-word query took seconds, this one 15 s of
 * CPU time.  (A passage can be that long: text with no white space.) */
static void long_passage_long_query(void **state)
{
    fixture_t *f = *state;
    char *query = malloc(5 * PC_MAX_QUERY_WORDS + 1), *at = query;
    assert_non_null(query);
    for (size_t i = 0; i < PC_MAX_QUERY_WORDS; i++, at += 5)
        snprintf(at, 6, "x%c%c%c ", 'a' + (int)(i / 676 % 26), 'a' + (int)(i / 26 % 26),
                 'a' + (int)(i % 26));
    pc_query_free(&f->q);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, query, &f->q, NULL), PRESSCUT_OK);
    size_t len, n = 6000000;
    char *text = long_text(n, 1000, &len);
    cpu_budget(10);
    assert_int_equal(pc_snippet_make(f->tk, f->stem, &f->q, text, len, NULL, 0, 240, &f->sn),
                     PRESSCUT_OK);
    cpu_budget_end();
    assert_int_equal(f->sn.n_spans, n / 1000);
    assert_span(text, f->sn.spans[0], "xaaa");
    free(text);
    free(query);
}

/* A phrase is tried where its first word stands and NEAR slides once over
 * its words' places: on a passage of millions of words, in linear time. */
static void groups_on_a_long_passage(void **state)
{
    fixture_t *f = *state;
    pc_query_free(&f->q);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "\"ab xaaa\" ab NEAR/3 xaaa", &f->q,
                                    NULL), PRESSCUT_OK);
    size_t len, n = 6000000;
    char *text = long_text(n, 1000, &len);
    cpu_budget(10);
    assert_int_equal(pc_snippet_make(f->tk, f->stem, &f->q, text, len, NULL, 0, 240, &f->sn),
                     PRESSCUT_OK);
    cpu_budget_end();
    /* each xaaa, and the three ab on either side (but after the last) */
    assert_int_equal(f->sn.n_spans, 7 * (n / 1000) - 3);
    free(text);
}

/* Each match was compared with every distinct word matched before it,
 * and each window's count reset over all of them: quadratic in the
 * distinct words a prefix lights up. */
static void many_distinct_matches(void **state)
{
    fixture_t *f = *state;
    size_t n = 200000;
    char *text = malloc(8 * n + 1), *at = text;
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        at += sprintf(at, "x%05zu ", i);
    pc_query_free(&f->q);
    assert_int_equal(pc_query_parse(f->tk, f->stem, NULL, "x*", &f->q, NULL), PRESSCUT_OK);
    cpu_budget(10);
    assert_int_equal(pc_snippet_make(f->tk, f->stem, &f->q, text, (size_t)(at - text), NULL, 0,
                                     240, &f->sn), PRESSCUT_OK);
    cpu_budget_end();
    assert_int_equal(f->sn.n_spans, n);
    assert_int_equal(f->sn.window.start, 0);   /* every window ties: the first wins */
    assert_span(text, f->sn.spans[n - 1], "x199999");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stems_light_up_inflections),
        cmocka_unit_test(diacritics_light_up_as_written),
        cmocka_unit_test(other_terms_light_up_their_word),
        cmocka_unit_test(turkish_suffixes_light_up),
        cmocka_unit_test(serbian_phrases_light_up_either_script),
        cmocka_unit_test(window_holds_the_most_distinct_matches),
        cmocka_unit_test(excluded_words_stay_dark),
        cmocka_unit_test(prefixes_light_up),
        cmocka_unit_test(groups_light_up_only_together),
        cmocka_unit_test(phrases_stay_in_their_paragraph),
        cmocka_unit_test(window_prefers_the_whole_phrase),
        cmocka_unit_test(long_passage_long_query),
        cmocka_unit_test(many_distinct_matches),
        cmocka_unit_test(groups_on_a_long_passage),
    };
    return cmocka_run_group_tests_name("snippet", tests, setup, teardown);
}
