/* Opening an index and searching it: what a reader is told when there is
 * no index, something else, or an index still empty; a wildcard that
 * matches too much; a search (its "did you mean" included) that a
 * writer's commits overtake is read again; the totals; date order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "presscut.h"
#include "scratch.h"


/* Articles a0.txt .. a<n-1>.txt, of `round`'s words: each round changes
 * every article, so that indexing it again rewrites much of the index. */
static void write_articles(const scratch_t *f, unsigned n, unsigned round)
{
    for (unsigned i = 0; i < n; i++) {
        char name[32], text[2048];
        int len = snprintf(text, sizeof text, "Title: Harbour %u\n\nThe harbour cranes moved "
                           "grain in round %u.", i, round);
        for (unsigned k = 0; k < 40; k++)
            len += snprintf(text + len, sizeof text - (size_t)len, " word%ur%u", i * 40 + k,
                            round);
        snprintf(text + len, sizeof text - (size_t)len, "\n");
        snprintf(name, sizeof name, "a%u.txt", i);
        put_file(f->src, name, text);
    }
}

/* The message of a failed open, checked for want; msg is freed. */
static void open_fails(const char *path, presscut_status_t st, const char *want)
{
    presscut_db_t *db = NULL;
    char *msg = NULL;
    assert_int_equal(presscut_db_open(path, &db, &msg), st);
    assert_null(db);
    assert_non_null(msg);
    if (!strstr(msg, want))
        fail_msg("message '%s' lacks '%s'", msg, want);
    assert_null(strstr(msg, "Error:"));   /* no Xapian class names */
    free(msg);
}

static void test_no_index(void **state)
{
    scratch_t *f = *state;
    char want[192];
    /* Was "out of memory": errno from a failed stat() read as NOMEM. */
    snprintf(want, sizeof want, "no index at '%s' (run presscut-index first)", f->db);
    open_fails(f->db, PRESSCUT_NO_INDEX, want);
}

static void test_not_an_index(void **state)
{
    scratch_t *f = *state;
    char path[192], want[224];
    /* A text file: Xapian read it as a stub file, "Bad line". */
    snprintf(path, sizeof path, "%s/notes.txt", f->dir);
    put_file(f->dir, "notes.txt", "shopping list\neggs\n");
    snprintf(want, sizeof want, "'%s' is not a presscut index", path);
    open_fails(path, PRESSCUT_NOT_INDEX, want);
    /* An empty file lists no database. */
    put_file(f->dir, "notes.txt", "");
    open_fails(path, PRESSCUT_NOT_INDEX, want);
    /* A directory of other files (the articles themselves). */
    write_articles(f, 1, 0);
    snprintf(want, sizeof want, "'%s' is not a presscut index", f->src);
    open_fails(f->src, PRESSCUT_NOT_INDEX, want);
}

/* A directory made for an index that has not been written yet (a first
 * build still running): no hits, not an error. */
static void test_index_still_empty(void **state)
{
    scratch_t *f = *state;
    assert_int_equal(mkdir(f->db, 0700), 0);
    presscut_db_t *db = scratch_open(f);
    presscut_results_t *res = NULL;
    assert_int_equal(presscut_db_search(db, "harbour", NULL, &res), PRESSCUT_OK);
    assert_int_equal(presscut_results_count(res), 0);
    presscut_results_destroy(res);
    presscut_quote_results_t *q = NULL;
    assert_int_equal(presscut_db_quote(db, "the harbour cranes", NULL, &q), PRESSCUT_OK);
    assert_int_equal(presscut_quote_results_count(q), 0);
    presscut_quote_results_destroy(q);
    presscut_db_close(db);
}

static void test_wildcard_too_broad(void **state)
{
    scratch_t *f = *state;
    write_articles(f, 30, 0);   /* 1,200 words word0r0 .. */
    scratch_index(f);
    presscut_db_t *db = scratch_open(f);
    presscut_results_t *res = NULL;
    assert_int_equal(presscut_db_search(db, "word*", NULL, &res), PRESSCUT_WILDCARD);
    assert_string_equal(presscut_db_error(db),
                        "a wildcard of 'word*' matches too many words: give it more letters");
    assert_int_equal(presscut_db_search(db, "word11*", NULL, &res), PRESSCUT_OK);
    assert_true(presscut_results_count(res) > 0);
    presscut_results_destroy(res);
    presscut_db_close(db);
}

/* A reader opened before a writer rewrote the index several times reads
 * it again: the search, and its "did you mean" (was silently lost). */
static void test_search_overtaken(void **state)
{
    scratch_t *f = *state;
    enum { N = 300 };
    write_articles(f, N, 0);
    scratch_index(f);
    presscut_db_t *db = scratch_open(f);
    for (unsigned round = 1; round <= 4; round++) {
        write_articles(f, N, round);
        scratch_index(f);
    }
    presscut_search_options_t opts = { .limit = 3 };
    presscut_results_t *res = NULL;
    assert_int_equal(presscut_db_search(db, "harbour crnes", &opts, &res), PRESSCUT_OK);
    assert_non_null(presscut_results_suggestion(res));
    assert_string_equal(presscut_results_suggestion(res), "harbour cranes");
    presscut_results_destroy(res);
    assert_int_equal(presscut_db_search(db, "word40r4", &opts, &res), PRESSCUT_OK);
    assert_int_equal(presscut_results_count(res), 1);
    presscut_results_destroy(res);
    presscut_db_close(db);
}

/* The totals count every match, not only the hits returned: exactly
 * with count_all, and the first COUNT_AT_LEAST (200) without.  (The
 * weighed count after Xapian misreads a posting list is checked by
 * tests/e2e_prune.sh, whose pruned index makes it do so.) */
static void test_totals(void **state)
{
    scratch_t *f = *state;
    enum { N = 250 };
    write_articles(f, N, 0);
    scratch_index(f);
    presscut_db_t *db = scratch_open(f);
    presscut_search_options_t opts = { .limit = 3, .count_all = 1 };
    presscut_results_t *res = NULL;
    presscut_totals_t t;
    assert_int_equal(presscut_db_search(db, "harbour cranes", &opts, &res), PRESSCUT_OK);
    assert_int_equal(presscut_results_count(res), 3);
    presscut_results_totals(res, &t);
    assert_int_equal(t.passages.estimate, N);
    assert_int_equal(t.passages.lower, N);
    assert_int_equal(t.passages.upper, N);
    assert_int_equal(t.articles.estimate, N);
    assert_int_equal(t.articles.lower, t.articles.upper);
    presscut_results_destroy(res);
    opts.count_all = 0;
    assert_int_equal(presscut_db_search(db, "grain word7r0", &opts, &res), PRESSCUT_OK);
    presscut_results_totals(res, &t);
    assert_true(t.passages.lower >= 200 && t.passages.lower <= t.passages.estimate &&
                t.passages.estimate <= t.passages.upper && t.passages.upper <= N);
    presscut_results_destroy(res);
    assert_int_equal(presscut_db_search(db, "word7r0", &opts, &res), PRESSCUT_OK);
    presscut_results_totals(res, &t);
    assert_int_equal(t.passages.estimate, 1);
    assert_int_equal(t.passages.upper, 1);
    assert_int_equal(t.articles.estimate, 1);
    presscut_results_destroy(res);
    presscut_db_close(db);
}

/* PRESSCUT_SORT_DATE: newest first, undated last, per passage and per
 * article. */
static void test_sort_date(void **state)
{
    scratch_t *f = *state;
    static const char *const dates[] = { "2021-05-01", "", "2024-01-02", "7 March 2023" };
    for (size_t i = 0; i < 4; i++) {
        char name[32], text[256];
        snprintf(text, sizeof text, "Title: Story %zu\n%s%s\n\nThe dredger story, part %zu.\n",
                 i, dates[i][0] ? "Date: " : "", dates[i], i);
        snprintf(name, sizeof name, "s%zu.txt", i);
        put_file(f->src, name, text);
    }
    scratch_index(f);
    presscut_db_t *db = scratch_open(f);
    for (int articles = 0; articles <= 1; articles++) {
        presscut_search_options_t opts = { .sort = PRESSCUT_SORT_DATE, .articles = articles };
        presscut_results_t *res = NULL;
        assert_int_equal(presscut_db_search(db, "dredger", &opts, &res), PRESSCUT_OK);
        assert_int_equal(presscut_results_count(res), 4);
        const char *want[] = { "Story 2", "Story 3", "Story 0", "Story 1" };
        for (size_t i = 0; i < 4; i++)
            assert_string_equal(presscut_results_get(res, i)->title, want[i]);
        presscut_results_destroy(res);
    }
    presscut_db_close(db);
}

/* presscut_db_article(): an article's passages in order, the query's
 * words highlighted; an id the index lacks has none. */
static void test_article(void **state)
{
    scratch_t *f = *state;
    char text[8192];
    int len = snprintf(text, sizeof text, "Title: Long one\n\n");
    for (unsigned p = 1; p <= 12; p++) {
        len += snprintf(text + len, sizeof text - (size_t)len, "Paragraph %u opens here.", p);
        for (unsigned k = 0; k < 30; k++)
            len += snprintf(text + len, sizeof text - (size_t)len, " filler%u", k);
        len += snprintf(text + len, sizeof text - (size_t)len, " harbour.\n\n");
    }
    put_file(f->src, "long.txt", text);
    scratch_index(f);
    presscut_db_t *db = scratch_open(f);
    presscut_results_t *res;
    assert_int_equal(presscut_db_search(db, "harbour", NULL, &res), PRESSCUT_OK);
    assert_true(presscut_results_count(res) > 0);
    char *id = strdup(presscut_results_get(res, 0)->article_id);
    presscut_results_destroy(res);
    presscut_article_t *a;
    assert_int_equal(presscut_db_article(db, id, "harbour", &a), PRESSCUT_OK);
    size_t n = presscut_article_count(a);
    assert_true(n >= 2);
    assert_false(presscut_article_truncated(a));
    unsigned next = 1;
    for (size_t i = 0; i < n; i++) {
        const presscut_hit_t *h = presscut_article_get(a, i);
        assert_string_equal(h->article_id, id);
        assert_int_equal(h->paragraph, next);   /* in order, none missing */
        next = h->paragraph_end + 1;
        assert_true(h->n_highlights > 0);
        const presscut_span_t *s = &h->highlights[h->n_highlights - 1];
        assert_memory_equal(h->text + s->start, "harbour", 7);
    }
    assert_int_equal(next, 13);
    assert_null(presscut_article_get(a, n));
    presscut_article_destroy(a);
    /* Without a query: nothing highlighted. */
    assert_int_equal(presscut_db_article(db, id, NULL, &a), PRESSCUT_OK);
    assert_int_equal(presscut_article_get(a, 0)->n_highlights, 0);
    presscut_article_destroy(a);
    assert_int_equal(presscut_db_article(db, "no such article", "harbour", &a), PRESSCUT_OK);
    assert_int_equal(presscut_article_count(a), 0);
    presscut_article_destroy(a);
    free(id);
    presscut_db_close(db);
}

/* The article view highlights with the article's stemmer, as search
 * results do: Москва lights up a Russian article's Москве in an index
 * whose default language is English. */
static void test_article_language_default_english(void **state)
{
    scratch_t *f = *state;
    put_file(f->src, "ru.txt", "Title: Вести\nLanguage: ru\n\nМинистры встретились в Москве.\n");
    scratch_index(f);
    presscut_db_t *db = scratch_open(f);
    presscut_results_t *res;
    assert_int_equal(presscut_db_search(db, "Москва", NULL, &res), PRESSCUT_OK);
    assert_int_equal(presscut_results_count(res), 1);
    const presscut_hit_t *h = presscut_results_get(res, 0);
    assert_int_equal(h->n_highlights, 1);
    char *id = strdup(h->article_id);
    presscut_results_destroy(res);
    presscut_article_t *a;
    assert_int_equal(presscut_db_article(db, id, "Москва", &a), PRESSCUT_OK);
    assert_int_equal(presscut_article_count(a), 1);
    h = presscut_article_get(a, 0);
    assert_int_equal(h->n_highlights, 1);
    const char *want = "Москве";
    assert_int_equal(h->highlights[0].end - h->highlights[0].start, strlen(want));
    assert_memory_equal(h->text + h->highlights[0].start, want, strlen(want));
    presscut_article_destroy(a);
    free(id);
    presscut_db_close(db);
}

/* An article's view names its language and marks the query's words as
 * its search hits do, stemmed in that language: Latin Kragujevac marks
 * the Cyrillic Крагујевцу of a Serbian article. */
static void test_article_language(void **state)
{
    scratch_t *f = *state;
    put_file(f->src, "sr.txt",
             "Title: Вести\nLanguage: sr-Cyrl\n\nУ Крагујевцу је отворена фабрика.\n");
    scratch_index(f);
    presscut_db_t *db = scratch_open(f);
    char *codes;
    assert_int_equal(presscut_db_languages(db, &codes), PRESSCUT_OK);
    assert_string_equal(codes, "sr");
    free(codes);
    presscut_results_t *res;
    assert_int_equal(presscut_db_search(db, "Kragujevac", NULL, &res), PRESSCUT_OK);
    assert_int_equal(presscut_results_count(res), 1);
    const presscut_hit_t *hit = presscut_results_get(res, 0);
    assert_string_equal(hit->language, "sr");
    assert_int_equal(hit->n_highlights, 1);
    presscut_article_t *a;
    assert_int_equal(presscut_db_article(db, hit->article_id, "Kragujevac", &a), PRESSCUT_OK);
    assert_int_equal(presscut_article_count(a), 1);
    const presscut_hit_t *h = presscut_article_get(a, 0);
    assert_non_null(h->language);
    assert_string_equal(h->language, "sr");
    assert_int_equal(h->n_highlights, 1);
    assert_memory_equal(h->text + h->highlights[0].start, "Крагујевцу", strlen("Крагујевцу"));
    presscut_article_destroy(a);
    presscut_results_destroy(res);
    /* Another language added: the list is sorted, comma-separated. */
    put_file(f->src, "en.txt", "Title: News\n\nHarbour cranes moved.\n");
    scratch_index(f);
    assert_int_equal(presscut_db_refresh(db), PRESSCUT_OK);
    assert_int_equal(presscut_db_languages(db, &codes), PRESSCUT_OK);
    assert_string_equal(codes, "en,sr");
    free(codes);
    presscut_db_close(db);
}

static size_t count_hits(presscut_db_t *db, const char *query)
{
    presscut_results_t *res;
    assert_int_equal(presscut_db_search(db, query, NULL, &res), PRESSCUT_OK);
    size_t n = presscut_results_count(res);
    presscut_results_destroy(res);
    return n;
}

/* A handle kept open sees what a writer commits after presscut_db_refresh()
 * only: without it, a server would answer from the revision it opened. */
static void test_refresh(void **state)
{
    scratch_t *f = *state;
    write_articles(f, 1, 0);
    scratch_index(f);
    presscut_db_t *db = scratch_open(f);
    assert_int_equal(count_hits(db, "word0r1"), 0);
    write_articles(f, 1, 1);
    scratch_index(f);
    assert_int_equal(count_hits(db, "word0r1"), 0);   /* the revision it opened */
    assert_int_equal(presscut_db_refresh(db), PRESSCUT_OK);
    assert_int_equal(count_hits(db, "word0r1"), 1);
    assert_int_equal(presscut_db_refresh(db), PRESSCUT_OK);   /* nothing changed */
    assert_int_equal(count_hits(db, "word0r1"), 1);
    presscut_db_close(db);
}

/* A handle opened on the directory of an index not built yet (a server
 * started before the first presscut-index run) sees the first build. */
static void test_refresh_first_build(void **state)
{
    scratch_t *f = *state;
    assert_int_equal(mkdir(f->db, 0700), 0);
    presscut_db_t *db = scratch_open(f);
    assert_int_equal(count_hits(db, "harbour"), 0);
    write_articles(f, 2, 0);
    scratch_index(f);
    assert_int_equal(presscut_db_refresh(db), PRESSCUT_OK);
    assert_int_equal(count_hits(db, "harbour"), 2);
    presscut_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        scratch_test(test_no_index),
        scratch_test(test_not_an_index),
        scratch_test(test_index_still_empty),
        scratch_test(test_wildcard_too_broad),
        scratch_test(test_search_overtaken),
        scratch_test(test_totals),
        scratch_test(test_sort_date),
        scratch_test(test_article),
        scratch_test(test_article_language),
        scratch_test(test_article_language_default_english),
        scratch_test(test_refresh),
        scratch_test(test_refresh_first_build),
    };
    return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
