/* Quote look-up: exact hits whatever the quote marks, dashes, case,
 * accents and line breaks; every copy; across a part cut; approximate
 * grades; and on a real corpus, sampled sentences found where they are. */
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "presscut.h"
#include "scratch.h"
#include "tokenize.h"

#define BBC "../shared/corpus/bbc"

typedef struct fixture {
    scratch_t s;
    presscut_db_t *pdb;
} fixture_t;

static fixture_t *fixture_new(void)
{
    fixture_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    scratch_make(&f->s);
    return f;
}

/* Indexes the articles of src, and opens the index. */
static void fixture_index(fixture_t *f, const char *src)
{
    scratch_index_path(&f->s, src);
    f->pdb = scratch_open(&f->s);
}

static void fixture_free(fixture_t *f)
{
    presscut_db_close(f->pdb);
    scratch_remove(&f->s);
    free(f);
}

static const char talks[] =
    "Title: Talks resume in Priština\n"
    "Date: 2024-03-07\n"
    "Source: Balkan Wire\n"
    "\n"
    "Negotiators met in Priština on Tuesday.\n"
    "\n"
    "The minister said: \xe2\x80\x9cWe won\xe2\x80\x99t accept a frozen conflict \xe2\x80\x94 "
    "not now, not ever.\xe2\x80\x9d Observers were\n"
    "sceptical.\n"
    "\n"
    "Officials criticised the plan to cooperate on border security in the coming months.\n";

/* Words of 2-byte letters, for near spellings counted in letters. */
static const char port_ru[] =
    "Title: \xd0\x9f\xd0\xbe\xd1\x80\xd1\x82\n"          /* Порт */
    "Language: ru\n"
    "\n"
    /* Старый кот спал у окна, пока новый мост закрывали на ремонт. */
    "\xd0\xa1\xd1\x82\xd0\xb0\xd1\x80\xd1\x8b\xd0\xb9 "
    "\xd0\xba\xd0\xbe\xd1\x82 "
    "\xd1\x81\xd0\xbf\xd0\xb0\xd0\xbb \xd1\x83 "
    "\xd0\xbe\xd0\xba\xd0\xbd\xd0\xb0, \xd0\xbf\xd0\xbe\xd0\xba\xd0\xb0 "
    "\xd0\xbd\xd0\xbe\xd0\xb2\xd1\x8b\xd0\xb9 "
    "\xd0\xbc\xd0\xbe\xd1\x81\xd1\x82 "
    "\xd0\xb7\xd0\xb0\xd0\xba\xd1\x80\xd1\x8b\xd0\xb2\xd0\xb0\xd0\xbb\xd0\xb8 "
    "\xd0\xbd\xd0\xb0 \xd1\x80\xd0\xb5\xd0\xbc\xd0\xbe\xd0\xbd\xd1\x82.\n";

static const char fishing_el[] =
    "Title: \xce\x91\xce\xbb\xce\xb9\xce\xb5\xce\xaf\xce\xb1\n"  /* Αλιεία */
    "Language: el\n"
    "\n"
    /* Οι ψαράδες διαμαρτυρήθηκαν έξω από το λιμάνι. */
    "\xce\x9f\xce\xb9 \xcf\x88\xce\xb1\xcf\x81\xce\xac\xce\xb4\xce\xb5\xcf\x82 "
    "\xce\xb4\xce\xb9\xce\xb1\xce\xbc\xce\xb1\xcf\x81\xcf\x84\xcf\x85\xcf\x81"
    "\xce\xae\xce\xb8\xce\xb7\xce\xba\xce\xb1\xce\xbd "
    "\xce\xad\xce\xbe\xcf\x89 \xce\xb1\xcf\x80\xcf\x8c \xcf\x84\xce\xbf "
    "\xce\xbb\xce\xb9\xce\xbc\xce\xac\xce\xbd\xce\xb9.\n";

/* A paragraph of 24 numbered sentences of 8 words: cut into parts. */
static void long_paragraph(char *buf, size_t cap)
{
    size_t n = (size_t)snprintf(buf, cap, "Title: Long\n\n");
    for (int i = 0; i < 24; i++)
        n += (size_t)snprintf(buf + n, cap - n, "Sentence %s carries seven more plain words here. ",
                              (const char *[]){ "alpha", "bravo", "charlie", "delta", "echo",
                                                "foxtrot", "golf", "hotel", "india", "juliett",
                                                "kilo", "lima", "mike", "november", "oscar",
                                                "papa", "quebec", "romeo", "sierra", "tango",
                                                "uniform", "victor", "whiskey", "xray" }[i]);
    snprintf(buf + n, cap - n, "\n");
}

static int setup(void **state)
{
    fixture_t *f = fixture_new();
    const char *news = f->s.src;
    char buf[8192];
    put_file(news, "talks.txt", talks);
    put_file(news, "talks-copy.txt", talks);
    long_paragraph(buf, sizeof buf);
    put_file(news, "long.txt", buf);
    put_file(news, "harbour.txt", "Title: Harbour\n\nHarbour pilots will resume night shifts "
               "next week.\n\nThe port authority warned that delays remain likely.\n");
    /* A first paragraph long enough to be a passage of its own. */
    size_t n = (size_t)snprintf(buf, sizeof buf, "Title: Wharf\n\n");
    for (int i = 0; i < 14; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "Wharf crew number %d loaded grain. ", i);
    snprintf(buf + n, sizeof buf - n, "The cranes stood idle all night.\n\n"
             "Dockers voted to strike again on Monday.\n");
    put_file(news, "wharf.txt", buf);
    put_file(news, "port.txt", port_ru);
    put_file(news, "fishing.txt", fishing_el);
    fixture_index(f, news);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_free(*state);
    return 0;
}

static presscut_quote_results_t *look_up(fixture_t *f, const char *quote, int fuzzy)
{
    presscut_quote_options_t opts = { .fuzzy = fuzzy };
    presscut_quote_results_t *r = NULL;
    assert_int_equal(presscut_db_quote(f->pdb, quote, &opts, &r), PRESSCUT_OK);
    return r;
}

/* The hit's bytes in its file are its verbatim text. */
static void check_bytes(const presscut_quote_hit_t *h)
{
    FILE *fp = fopen(h->passage.path, "rb");
    assert_non_null(fp);
    size_t n = h->match_end - h->match_start;
    char *buf = malloc(n + 1);
    assert_non_null(buf);
    assert_int_equal(fseek(fp, (long)h->match_start, SEEK_SET), 0);
    assert_int_equal(fread(buf, 1, n, fp), n);
    buf[n] = '\0';
    fclose(fp);
    if (h->passages == 1)
        assert_string_equal(buf, h->verbatim);
    free(buf);
}

/* Every exact hit of quote: both copies of talks.txt, holding `verbatim`. */
static void exact_in_both_copies(void **state, const char *quote, const char *verbatim)
{
    presscut_quote_results_t *r = look_up(*state, quote, 0);
    assert_int_equal(presscut_quote_results_count(r), 2);
    bool copy = false, orig = false;
    for (size_t i = 0; i < 2; i++) {
        const presscut_quote_hit_t *h = presscut_quote_results_get(r, i);
        assert_int_equal(h->match, PRESSCUT_MATCH_EXACT);
        assert_true(h->passage.score == 1.0);
        assert_int_equal(h->n_diffs, 0);
        assert_string_equal(h->verbatim, verbatim);
        assert_non_null(strstr(h->sentence, verbatim));
        check_bytes(h);
        copy |= strstr(h->passage.path, "talks-copy.txt") != NULL;
        orig |= strstr(h->passage.path, "/talks.txt") != NULL;
    }
    assert_true(copy && orig);
    assert_null(presscut_quote_results_closest(r));
    presscut_quote_results_destroy(r);
}

static void straight_apostrophe_finds_curly(void **state)
{
    exact_in_both_copies(state, "\"We won't accept a frozen conflict\"",
                         "We won\xe2\x80\x99t accept a frozen conflict");
}

static void hyphen_finds_em_dash(void **state)
{
    exact_in_both_copies(state, "a frozen conflict - not now",
                         "a frozen conflict \xe2\x80\x94 not now");
}

static void line_break_and_case(void **state)
{
    exact_in_both_copies(state, "OBSERVERS  were sceptical", "Observers were\nsceptical");
    exact_in_both_copies(state, "observers were\n  sceptical.", "Observers were\nsceptical");
}

static void diacritics(void **state)
{
    exact_in_both_copies(state, "met in PRISTINA on tuesday", "met in Priština on Tuesday");
}

static void sentence_around(void **state)
{
    presscut_quote_results_t *r = look_up(*state, "frozen conflict", 0);
    const presscut_quote_hit_t *h = presscut_quote_results_get(r, 0);
    assert_non_null(h);
    assert_string_equal(h->sentence, "The minister said: \xe2\x80\x9cWe won\xe2\x80\x99t accept a "
                        "frozen conflict \xe2\x80\x94 not now, not ever.\xe2\x80\x9d");
    presscut_quote_results_destroy(r);
}

static void across_a_part_cut(void **state)
{
    fixture_t *f = *state;
    presscut_search_options_t so = { .limit = 10 };
    presscut_results_t *res;
    assert_int_equal(presscut_db_search(f->pdb, "carries", &so, &res), PRESSCUT_OK);
    const presscut_hit_t *p0 = NULL, *p1 = NULL;
    for (size_t i = 0; i < presscut_results_count(res); i++) {
        const presscut_hit_t *h = presscut_results_get(res, i);
        if (h->part == 0)
            p0 = h;
        else if (h->part == 1)
            p1 = h;
    }
    assert_non_null(p0);
    assert_non_null(p1);
    /* "... plain words here." ending part 0, "Sentence <x> carries" beginning part 1. */
    char quote[128];
    const char *next = p1->text + strlen("Sentence ");
    int xlen = (int)(strchr(next, ' ') - next);
    snprintf(quote, sizeof quote, "more plain words here. Sentence %.*s carries", xlen, next);
    presscut_quote_results_t *r = look_up(f, quote, 0);
    assert_int_equal(presscut_quote_results_count(r), 1);
    const presscut_quote_hit_t *h = presscut_quote_results_get(r, 0);
    assert_int_equal(h->match, PRESSCUT_MATCH_EXACT);
    assert_int_equal(h->passages, 2);
    assert_int_equal(h->passage.part, 0);
    assert_int_equal(h->match_end, p1->start + strlen("Sentence ") + (size_t)xlen +
                     strlen(" carries"));
    assert_int_equal(h->match_start, p0->end - strlen("more plain words here."));
    assert_string_equal(h->verbatim, quote);
    check_bytes(h);
    presscut_quote_results_destroy(r);
    presscut_results_destroy(res);
}

/* A quote across a real paragraph break: each paragraph holds a piece.
 * The harbour's two short paragraphs share a passage; the wharf's long
 * first one is a passage of its own. */
static void across_a_paragraph_break(void **state)
{
    presscut_quote_results_t *r =
        look_up(*state, "resume night shifts next week. The port authority warned", 0);
    assert_int_equal(presscut_quote_results_count(r), 2);
    const presscut_quote_hit_t *a = presscut_quote_results_get(r, 0);
    const presscut_quote_hit_t *b = presscut_quote_results_get(r, 1);
    if (a->passage.paragraph > b->passage.paragraph) {
        const presscut_quote_hit_t *t = a;
        a = b;
        b = t;
    }
    assert_int_equal(a->match, PRESSCUT_MATCH_PARTIAL);
    assert_int_equal(b->match, PRESSCUT_MATCH_PARTIAL);
    assert_int_equal(a->passage.paragraph + 1, b->passage.paragraph);
    assert_string_equal(a->verbatim, "resume night shifts next week");
    assert_string_equal(b->verbatim, "The port authority warned");
    assert_true(fabs(a->passage.score - 5.0 / 9.0) < 1e-9);   /* coverage */
    assert_true(fabs(b->passage.score - 4.0 / 9.0) < 1e-9);
    assert_int_equal(a->passage.start, b->passage.start);
    check_bytes(a);
    check_bytes(b);
    presscut_quote_results_destroy(r);

    r = look_up(*state, "The cranes stood idle all night. Dockers voted to strike", 0);
    assert_int_equal(presscut_quote_results_count(r), 2);
    a = presscut_quote_results_get(r, 0);
    b = presscut_quote_results_get(r, 1);
    if (a->passage.paragraph > b->passage.paragraph) {
        const presscut_quote_hit_t *t = a;
        a = b;
        b = t;
    }
    assert_int_equal(a->match, PRESSCUT_MATCH_PARTIAL);
    assert_int_equal(b->match, PRESSCUT_MATCH_PARTIAL);
    assert_int_equal(a->passage.paragraph, 1);
    assert_int_equal(b->passage.paragraph, 2);
    assert_true(a->passage.end < b->passage.start);
    assert_string_equal(a->verbatim, "The cranes stood idle all night");
    assert_string_equal(b->verbatim, "Dockers voted to strike");
    check_bytes(a);
    check_bytes(b);
    presscut_quote_results_destroy(r);
}

/* The top hit is approximate, in talks, with a diff of that kind. */
static void approximate(void **state, const char *quote, presscut_diff_kind_t kind,
                        const char *diff_quote)
{
    presscut_quote_results_t *r = look_up(*state, quote, 0);
    assert_true(presscut_quote_results_count(r) >= 1);
    const presscut_quote_hit_t *h = presscut_quote_results_get(r, 0);
    assert_int_equal(h->match, PRESSCUT_MATCH_APPROXIMATE);
    assert_true(h->passage.score >= 0.6 && h->passage.score < 1.0);
    assert_non_null(strstr(h->passage.path, "talks"));
    bool found = false;
    for (size_t k = 0; k < h->n_diffs; k++)
        found |= h->diffs[k].kind == kind && strcmp(h->diffs[k].quote, diff_quote) == 0;
    assert_true(found);
    check_bytes(h);
    presscut_quote_results_destroy(r);
}

static void missing_word(void **state)
{
    approximate(state, "officials criticised the plan to cooperate on security in the coming",
                PRESSCUT_DIFF_EXTRA, "");
}

static void swapped_words(void **state)
{
    approximate(state, "officials criticised the plan to cooperate on security border",
                PRESSCUT_DIFF_SWAPPED, "security border");
}

static void changed_spelling(void **state)
{
    approximate(state, "officials criticized the plan to cooperate on border security",
                PRESSCUT_DIFF_CHANGED, "criticized");
    approximate(state, "officials criticised the plan for cooperation on border security",
                PRESSCUT_DIFF_CHANGED, "cooperation");
}

/* The number of approximate hits of quote in path. */
static size_t approximate_in(void **state, const char *quote, const char *path)
{
    presscut_quote_results_t *r = look_up(*state, quote, 1);
    size_t n = 0;
    for (size_t i = 0; i < presscut_quote_results_count(r); i++) {
        const presscut_quote_hit_t *h = presscut_quote_results_get(r, i);
        n += h->match == PRESSCUT_MATCH_APPROXIMATE && strstr(h->passage.path, path);
    }
    presscut_quote_results_destroy(r);
    return n;
}

/* The kind of the top hit's diff of quote word w. */
static presscut_diff_kind_t diff_of(void **state, const char *quote, const char *w)
{
    presscut_quote_results_t *r = look_up(*state, quote, 1);
    assert_true(presscut_quote_results_count(r) >= 1);
    const presscut_quote_hit_t *h = presscut_quote_results_get(r, 0);
    int kind = -1;
    for (size_t k = 0; k < h->n_diffs; k++)
        if (strcmp(h->diffs[k].quote, w) == 0)
            kind = (int)h->diffs[k].kind;
    presscut_quote_results_destroy(r);
    assert_true(kind >= 0);
    return (presscut_diff_kind_t)kind;
}

/* Near spellings are judged in letters, as for a Latin quote, not in the
 * bytes of a Cyrillic or Greek one (two a letter). */
static void near_spelling_in_letters(void **state)
{
    /* "старый кит спал": кит is not кот (3 letters, as "cut" is not "cat"),
     * though its 6 bytes passed for a word of 4 or more. */
    assert_int_equal(approximate_in(state, "\xd1\x81\xd1\x82\xd0\xb0\xd1\x80\xd1\x8b\xd0\xb9 "
                                    "\xd0\xba\xd0\xb8\xd1\x82 \xd1\x81\xd0\xbf\xd0\xb0\xd0\xbb",
                                    "port"), 0);
    /* "кот сдол у": two letters of спал's four are one edit too many,
     * though its 8 bytes allowed two. */
    assert_int_equal(approximate_in(state, "\xd0\xba\xd0\xbe\xd1\x82 "
                                    "\xd1\x81\xd0\xb4\xd0\xbe\xd0\xbb \xd1\x83", "port"), 0);
    /* The control: one of its four letters is a near spelling. */
    assert_int_equal(approximate_in(state, "\xd0\xba\xd0\xbe\xd1\x82 "
                                    "\xd1\x81\xd0\xb4\xd0\xb0\xd0\xbb \xd1\x83", "port"), 1);
    /* "новый мост закрыли": закрыли is закрывали less two of its nine letters,
     * 4 bytes shorter. */
    assert_int_equal(diff_of(state, "\xd0\xbd\xd0\xbe\xd0\xb2\xd1\x8b\xd0\xb9 "
                             "\xd0\xbc\xd0\xbe\xd1\x81\xd1\x82 "
                             "\xd0\xb7\xd0\xb0\xd0\xba\xd1\x80\xd1\x8b\xd0\xbb\xd0\xb8",
                             "\xd0\xb7\xd0\xb0\xd0\xba\xd1\x80\xd1\x8b\xd0\xbb\xd0\xb8"),
                     PRESSCUT_DIFF_CHANGED);
    /* "ψαράδες διαμαρτρήθκαν έξω": two letters dropped from a word of 15
     * is a near spelling; in bytes the lengths were 4 apart. */
    assert_int_equal(approximate_in(state, "\xcf\x88\xce\xb1\xcf\x81\xce\xac\xce\xb4"
                                    "\xce\xb5\xcf\x82 \xce\xb4\xce\xb9\xce\xb1\xce\xbc"
                                    "\xce\xb1\xcf\x81\xcf\x84\xcf\x81\xce\xae\xce\xb8"
                                    "\xce\xba\xce\xb1\xce\xbd \xce\xad\xce\xbe\xcf\x89",
                                    "fishing"), 1);
}

/* A quote in a language other than the index's is looked for by its
 * words too: its stems are the index language's, not its articles'. */
static void near_quote_in_another_language(void **state)
{
    /* "ψαράδες διαμαρτυρήθηκαν μπροστά", its last word not the text's:
     * its Greek words' English stems are no Greek article's, so no
     * candidate was found at all. */
    presscut_quote_results_t *r = look_up(*state, "\xcf\x88\xce\xb1\xcf\x81\xce\xac"
                                          "\xce\xb4\xce\xb5\xcf\x82 "
                                          "\xce\xb4\xce\xb9\xce\xb1\xce\xbc\xce\xb1\xcf\x81\xcf\x84"
                                          "\xcf\x85\xcf\x81\xce\xae\xce\xb8\xce\xb7\xce\xba\xce\xb1\xce\xbd "
                                          "\xce\xbc\xcf\x80\xcf\x81\xce\xbf\xcf\x83\xcf\x84\xce\xac", 0);
    assert_int_equal(presscut_quote_results_count(r), 1);
    const presscut_quote_hit_t *h = presscut_quote_results_get(r, 0);
    assert_int_equal(h->match, PRESSCUT_MATCH_APPROXIMATE);
    assert_non_null(strstr(h->passage.path, "fishing"));
    presscut_quote_results_destroy(r);
}

static void fuzzy_lists_exact_first(void **state)
{
    presscut_quote_results_t *r = look_up(*state, "plan to cooperate on border security", 1);
    size_t n = presscut_quote_results_count(r);
    assert_true(n >= 2);
    assert_int_equal(presscut_quote_results_get(r, 0)->match, PRESSCUT_MATCH_EXACT);
    assert_int_equal(presscut_quote_results_get(r, 1)->match, PRESSCUT_MATCH_EXACT);
    for (size_t i = 2; i < n; i++)
        assert_int_equal(presscut_quote_results_get(r, i)->match, PRESSCUT_MATCH_APPROXIMATE);
    presscut_quote_results_destroy(r);
}

static void nothing_matches(void **state)
{
    presscut_quote_results_t *r = look_up(*state, "zanzibarian frobnication of quux", 0);
    assert_int_equal(presscut_quote_results_count(r), 0);
    assert_null(presscut_quote_results_closest(r));
    presscut_quote_results_destroy(r);

    r = look_up(*state, "the security of the shoreline in winter", 0);
    assert_int_equal(presscut_quote_results_count(r), 0);
    const presscut_quote_hit_t *c = presscut_quote_results_closest(r);
    assert_non_null(c);
    assert_true(c->passage.score < 0.6);
    presscut_quote_results_destroy(r);
}

/* A word with every kind of other form (Müller's spelling, a suffix split
 * off each spelling, a Cyrillic ђ in Latin as d and as dj) is looked up
 * as any of them: none is dropped, and none written past the end. */
static void word_of_many_forms(void **state)
{
    presscut_quote_results_t *r = look_up(*state, "M\xc3\xbcl\xd1\x92" "er'da said", 0);
    assert_int_equal(presscut_quote_results_count(r), 0);
    presscut_quote_results_destroy(r);
}

static void no_words(void **state)
{
    fixture_t *f = *state;
    presscut_quote_results_t *r = NULL;
    assert_int_equal(presscut_db_quote(f->pdb, "\xe2\x80\x94 \xe2\x80\x9c\xe2\x80\x9d ...", NULL,
                                       &r), PRESSCUT_EMPTY);
    assert_int_equal(presscut_db_quote(f->pdb, "bad \xff utf", NULL, &r), PRESSCUT_BAD_QUERY);
    assert_non_null(strstr(presscut_db_error(f->pdb), "UTF-8"));
}

/* ---- the property on a real corpus ---- */

/* xorshift64*: the same sample on every machine. */
static uint64_t rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

typedef struct bbc_file {
    char path[PATH_MAX];
} bbc_file_t;

static size_t list_bbc(bbc_file_t **out)
{
    static const char *const cats[] = { "business", "entertainment", "politics", "sport", "tech" };
    bbc_file_t *v = NULL;
    size_t n = 0;
    for (size_t c = 0; c < 5; c++) {
        char dir[256];
        snprintf(dir, sizeof dir, BBC "/%s", cats[c]);
        DIR *d = opendir(dir);
        assert_non_null(d);
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strstr(e->d_name, ".txt"))
                continue;
            v = realloc(v, (n + 1) * sizeof *v);
            assert_non_null(v);
            char rel[512];
            snprintf(rel, sizeof rel, "%s/%s", dir, e->d_name);
            assert_non_null(realpath(rel, v[n].path));
            n++;
        }
        closedir(d);
    }
    *out = v;
    return n;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    *len = (size_t)ftell(fp);
    rewind(fp);
    char *s = malloc(*len + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, *len, fp), *len);
    s[*len] = '\0';
    fclose(fp);
    return s;
}

typedef struct span {
    size_t start, end;
    unsigned words;
} span_t;

static int count_words(void *ctx, const pc_token_t *t)
{
    span_t *s = ctx;
    if (!s->words++)
        s->start = t->start;
    s->end = t->end;
    return 0;
}

/* A random sentence (or clause, up to a line end) of the body: 8 to 40
 * words; its first word's start and last word's end in the file. */
static bool pick_sentence(pc_tokenizer_t *tk, const char *text, size_t len, uint64_t *seed,
                          span_t *out)
{
    const char *body = strstr(text, "\n\n");
    if (!body)
        return false;
    size_t from = (size_t)(body - text) + 2;
    size_t at = from + rnd(seed) % (len - from);
    while (at > from && !(text[at - 1] == '\n' || (at >= 2 && text[at - 1] == ' ' &&
                                                   text[at - 2] == '.')))
        at--;
    size_t end = at;
    while (end < len && text[end] != '\n' && !(text[end] == '.' && end + 1 < len &&
                                               (text[end + 1] == ' ' || text[end + 1] == '\n')))
        end++;
    span_t s = { 0 };
    assert_int_equal(pc_tokenize(tk, text + at, end - at, 1, count_words, &s, NULL), PRESSCUT_OK);
    if (s.words < 8 || s.words > 40)
        return false;
    *out = (span_t){ at + s.start, at + s.end, s.words };
    return true;
}

/* What a person pasting the sentence may produce: curly quotes and
 * apostrophes, other case, doubled spaces and a line break, em dashes. */
static char *mangle(const char *s, size_t len, uint64_t *seed)
{
    char *out = malloc(4 * len + 8), *p = out;
    assert_non_null(out);
    bool open = true, upper = rnd(seed) & 1;
    size_t brk = len / 2;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '"') {
            p += sprintf(p, "%s", open ? "\xe2\x80\x9c" : "\xe2\x80\x9d");
            open = !open;
        } else if (c == '\'') {
            p += sprintf(p, "\xe2\x80\x99");
        } else if (c == '-') {
            p += sprintf(p, "\xe2\x80\x94");
        } else if (c == ' ' && i >= brk) {
            p += sprintf(p, "  \n ");
            brk = SIZE_MAX;
        } else if (c == ' ') {
            p += sprintf(p, "  ");
        } else {
            *p++ = upper && c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
        }
    }
    *p = '\0';
    return out;
}

typedef struct word_at {
    size_t start, end;
} word_at_t;

typedef struct words {
    word_at_t v[64];
    size_t n;
} words_t;

static int collect(void *ctx, const pc_token_t *t)
{
    words_t *w = ctx;
    if (w->n < 64)
        w->v[w->n++] = (word_at_t){ t->start, t->end };
    return 0;
}

/* The sentence with one slip: kind 0 drops a word, 1 swaps two
 * neighbouring different words, 2 drops a letter inside a long word. */
static char *slip(pc_tokenizer_t *tk, const char *s, size_t len, int kind, uint64_t *seed)
{
    words_t w = { .n = 0 };
    assert_int_equal(pc_tokenize(tk, s, len, 1, collect, &w, NULL), PRESSCUT_OK);
    char *out = malloc(len + 2);
    assert_non_null(out);
    size_t k = 1 + rnd(seed) % (w.n - 2);
    if (kind == 0) {
        size_t a = w.v[k].start, b = w.v[k + 1].start;
        memcpy(out, s, a);
        memcpy(out + a, s + b, len - b);
        out[a + len - b] = '\0';
        return out;
    }
    memcpy(out, s, len);
    out[len] = '\0';
    if (kind == 1) {
        word_at_t x = w.v[k], y = w.v[k + 1];
        int n = sprintf(out + x.start, "%.*s", (int)(y.end - y.start), s + y.start);
        n += sprintf(out + x.start + n, "%.*s", (int)(y.start - x.end), s + x.end);
        n += sprintf(out + x.start + n, "%.*s", (int)(x.end - x.start), s + x.start);
        memcpy(out + x.start + n, s + y.end, len - y.end);
        out[len] = '\0';
        return out;
    }
    for (size_t t = 0; t < w.n; t++) {
        word_at_t x = w.v[(k + t) % w.n];
        size_t cut = x.start + 2;
        if (x.end - x.start >= 6 && (unsigned char)s[cut] < 0x80 &&
            (unsigned char)s[cut + 1] < 0x80) {
            memmove(out + cut, out + cut + 1, len - cut);
            return out;
        }
    }
    return out;
}

static bool holds(const presscut_quote_hit_t *h, const char *orig, size_t len)
{
    return memmem(h->passage.text, h->passage.text_len, orig, len) != NULL;
}

static void bbc_property(void **state)
{
    (void)state;
    struct stat sb;
    if (stat(BBC, &sb) != 0) {
        print_message("skipped: " BBC " is absent (the shared corpora are not here)\n");
        skip();
    }
    fixture_t *f = fixture_new();
    fixture_index(f, BBC);
    pc_tokenizer_t *tk;
    assert_int_equal(pc_tokenizer_new(&tk, NULL), PRESSCUT_OK);
    bbc_file_t *files;
    size_t n_files = list_bbc(&files);
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    unsigned sampled = 0, exact_ok = 0, slip_ok[3] = { 0 };
    presscut_quote_options_t opts = { .limit = 50 };
    while (sampled < 200) {
        const char *path = files[rnd(&seed) % n_files].path;
        size_t len;
        char *text = slurp(path, &len);
        span_t s;
        if (!pick_sentence(tk, text, len, &seed, &s)) {
            free(text);
            continue;
        }
        sampled++;
        const char *orig = text + s.start;
        size_t olen = s.end - s.start;
        char *q = mangle(orig, olen, &seed);
        presscut_quote_results_t *r;
        assert_int_equal(presscut_db_quote(f->pdb, q, &opts, &r), PRESSCUT_OK);
        bool found = false;
        for (size_t i = 0; i < presscut_quote_results_count(r); i++) {
            const presscut_quote_hit_t *h = presscut_quote_results_get(r, i);
            if (h->match == PRESSCUT_MATCH_EXACT && strcmp(h->passage.path, path) == 0 &&
                h->match_start == s.start && h->match_end == s.end &&
                strlen(h->verbatim) == olen && memcmp(h->verbatim, orig, olen) == 0)
                found = true;
        }
        exact_ok += found;
        if (!found)
            print_message("not found exactly: %s bytes %zu-%zu: %s\n", path, s.start, s.end, q);
        presscut_quote_results_destroy(r);
        free(q);
        for (int kind = 0; kind < 3; kind++) {
            q = slip(tk, orig, olen, kind, &seed);
            presscut_status_t st = presscut_db_quote(f->pdb, q, &opts, &r);
            if (st != PRESSCUT_OK)
                print_error("slip %d of %s: %s\n", kind, q, presscut_db_error(f->pdb));
            assert_int_equal(st, PRESSCUT_OK);
            const presscut_quote_hit_t *h = presscut_quote_results_get(r, 0);
            bool ok = h && h->match == PRESSCUT_MATCH_APPROXIMATE && holds(h, orig, olen);
            slip_ok[kind] += ok;
            if (!ok)
                print_message("slip %d not first: %s\n", kind, q);
            presscut_quote_results_destroy(r);
            free(q);
        }
        free(text);
    }
    print_message("bbc: %u sentences: %u exact found; approximate first: dropped %u, "
                  "swapped %u, misspelt %u\n", sampled, exact_ok, slip_ok[0], slip_ok[1],
                  slip_ok[2]);
    free(files);
    pc_tokenizer_destroy(tk);
    fixture_free(f);
    assert_int_equal(exact_ok, sampled);
    for (int kind = 0; kind < 3; kind++)
        assert_true(slip_ok[kind] * 100 >= sampled * 95);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(straight_apostrophe_finds_curly),
        cmocka_unit_test(hyphen_finds_em_dash),
        cmocka_unit_test(line_break_and_case),
        cmocka_unit_test(diacritics),
        cmocka_unit_test(sentence_around),
        cmocka_unit_test(across_a_part_cut),
        cmocka_unit_test(across_a_paragraph_break),
        cmocka_unit_test(missing_word),
        cmocka_unit_test(swapped_words),
        cmocka_unit_test(changed_spelling),
        cmocka_unit_test(near_spelling_in_letters),
        cmocka_unit_test(near_quote_in_another_language),
        cmocka_unit_test(fuzzy_lists_exact_first),
        cmocka_unit_test(nothing_matches),
        cmocka_unit_test(word_of_many_forms),
        cmocka_unit_test(no_words),
    };
    const struct CMUnitTest corpus[] = {
        cmocka_unit_test(bbc_property),
    };
    int failed = cmocka_run_group_tests_name("quote", tests, setup, teardown);
    return failed + cmocka_run_group_tests_name("quote_corpus", corpus, NULL, NULL);
}
