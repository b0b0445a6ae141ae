/* An article scored as one document from its passages' postings: every
 * passage's words count, its title's once, numbers too; an article the
 * index does not hold scores nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "articlescore.h"
#include "scratch.h"
#include "xapian_c.h"

/* Long enough that no two paragraphs are joined into one passage. */
#define FILLER "The council met on a quiet morning and spoke at length about roads, " \
    "schools, parks, budgets, markets, trains, bridges, lamps, gardens, libraries, " \
    "buses, taxes and clinics, as it does every month of the year in the old hall "

/* news/NAME: a title, then a paragraph per entry of paras, each FILLER
 * and the entry. */
static void put_article(const scratch_t *f, const char *name, const char *title,
                        const char *const *paras, size_t n)
{
    char text[4096], path[64];
    size_t at = (size_t)snprintf(text, sizeof text, "Title: %s\n", title);
    for (size_t i = 0; i < n; i++)
        at += (size_t)snprintf(text + at, sizeof text - at, "\n%s%s.\n", FILLER, paras[i]);
    snprintf(path, sizeof path, "news/%s", name);
    put_file(f->dir, path, text);
}

/* Articles that say none of the tests' words, so that theirs are rare. */
static void put_background(const scratch_t *f)
{
    const char *paras[] = { "the choir sang", "the market opened late" };
    char name[32];
    for (int i = 0; i < 6; i++) {
        snprintf(name, sizeof name, "bg%d.txt", i);
        put_article(f, name, "Town notes", paras, 2);
    }
}

/* The scores of news/names[i] for stems; an article id is its real path. */
static void scores_of(const scratch_t *f, const char *const *names, size_t n,
                      const char *const *stems, size_t n_stems, pc_bm25_t bm25, double *out)
{
    char real[512], ids[8][600], *m = NULL;
    const char *idv[8];
    assert_true(n <= 8);
    assert_non_null(realpath(f->src, real));
    for (size_t i = 0; i < n; i++) {
        snprintf(ids[i], sizeof ids[i], "%s/%s", real, names[i]);
        idv[i] = ids[i];
    }
    xc_rdb_t *db = NULL;
    assert_int_equal(xc_rdb_open(f->db, &db, &m), PRESSCUT_OK);
    assert_int_equal(pc_article_scores(db, stems, n_stems, idv, n, bm25, out), PRESSCUT_OK);
    xc_rdb_close(db);
}

static void repeats_count(void **state)
{
    const scratch_t *f = *state;
    const char *three[] = { "the turbine failed", "a turbine was sent back", "turbine orders fell" };
    const char *once[] = { "the turbine failed", "the hall was closed", "orders fell" };
    const char *none[] = { "the pump failed", "the hall was closed", "orders fell" };
    put_article(f, "three.txt", "Factory news", three, 3);
    put_article(f, "once.txt", "Factory news", once, 3);
    put_article(f, "none.txt", "Factory news", none, 3);
    put_background(f);
    scratch_index(f);
    const char *names[] = { "three.txt", "once.txt", "none.txt", "missing.txt" };
    const char *stems[] = { "turbin" };
    double s[4];
    scores_of(f, names, 4, stems, 1, (pc_bm25_t){ 1.2, 0.75 }, s);
    assert_true(s[0] > s[1]);
    assert_true(s[1] > 0);
    assert_true(s[2] == 0 && s[3] == 0);
}

/* A title is on every passage of its article, but says its words once:
 * with no length discount (b 0), a word in the title of an article of
 * three passages scores as the same word once in another's text. */
static void title_once(void **state)
{
    const scratch_t *f = *state;
    const char *plain[] = { "the pump failed", "the hall was closed", "orders fell" };
    const char *said[] = { "the turbine failed", "the hall was closed", "orders fell" };
    put_article(f, "titled.txt", "Turbine maker", plain, 3);
    put_article(f, "said.txt", "Pump maker", said, 3);
    put_background(f);
    scratch_index(f);
    const char *names[] = { "titled.txt", "said.txt" };
    const char *stems[] = { "turbin" };
    double s[2];
    scores_of(f, names, 2, stems, 1, (pc_bm25_t){ 1.2, 0 }, s);
    assert_true(s[0] > 0);
    assert_true(s[0] - s[1] < 1e-9 && s[1] - s[0] < 1e-9);
}

/* A number has no stem term: its word term counts, in the text and in
 * the title. */
static void numbers_count(void **state)
{
    const scratch_t *f = *state;
    const char *year[] = { "sales in 1987 fell", "the hall was closed" };
    const char *plain[] = { "sales fell", "the hall was closed" };
    put_article(f, "year.txt", "Sales report", year, 2);
    put_article(f, "titled.txt", "Sales in 1987", plain, 2);
    put_article(f, "plain.txt", "Sales report", plain, 2);
    put_background(f);
    scratch_index(f);
    const char *names[] = { "year.txt", "titled.txt", "plain.txt" };
    const char *stems[] = { "1987" };
    double s[3];
    scores_of(f, names, 3, stems, 1, (pc_bm25_t){ 1.2, 0.75 }, s);
    assert_true(s[0] > 0 && s[1] > 0);
    assert_true(s[2] == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        scratch_test(repeats_count),
        scratch_test(title_once),
        scratch_test(numbers_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
