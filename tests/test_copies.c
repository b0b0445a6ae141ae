/* Finding an article's copies in an index: exact and near copies and
 * stories cut short, not another story nor an old edition of a routine
 * report; what a later run deletes or changes is no longer found;
 * several articles at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "copies.h"
#include "presscut.h"
#include "scratch.h"
#include "xapian_c.h"


static const char story[] =
    "The harbour strike at Rotterdam entered its third day on Tuesday as dock workers "
    "rejected a pay offer from the port employers, leaving dozens of container ships "
    "waiting at anchor in the North Sea and grain cargoes stuck on the quays.\n\n"
    "Union leaders said the offer of four percent over two years did not keep pace with "
    "prices, and that the walkout would continue until the employers returned to the table.";

/* news/NAME: the story dated date, its word "Tuesday" as `day`. */
static void put_story(const scratch_t *f, const char *name, const char *date, const char *day)
{
    char text[2048], *at;
    snprintf(text, sizeof text, "Title: Harbour strike\nDate: %s\n\n%s\n", date, story);
    if ((at = strstr(text, "Tuesday")) && strcmp(day, "Tuesday") != 0) {
        char rest[2048];
        snprintf(rest, sizeof rest, "%s%s", day, at + strlen("Tuesday"));
        strcpy(at, rest);
    }
    char path[64];
    snprintf(path, sizeof path, "news/%s", name);
    put_file(f->dir, path, text);
}

/* "ID ID ..." of the copies of news/name, by file name, best first, each
 * followed by its kind: = exact, ~ near, < shorter, > longer; "-" when
 * the article has no signature (it is not in the index). */
static char *copies_of(const scratch_t *f, const char *name)
{
    static const char *const kinds[] = {
        [PRESSCUT_COPY_EXACT] = "=", [PRESSCUT_COPY_NEAR] = "~",
        [PRESSCUT_COPY_SHORTER] = "<", [PRESSCUT_COPY_LONGER] = ">",
    };
    static char out[512];
    char id[600], real[512], *m = NULL;
    assert_non_null(realpath(f->src, real));
    snprintf(id, sizeof id, "%s/%s", real, name);
    xc_rdb_t *db = NULL;
    assert_int_equal(xc_rdb_open(f->db, &db, &m), PRESSCUT_OK);
    const char *ids[1] = { id };
    pc_copies_t c;
    assert_int_equal(pc_copies_find(db, ids, 1, &c, &m), PRESSCUT_OK);
    out[0] = '\0';
    if (!c.signed_)
        strcpy(out, "-");
    for (size_t i = 0; i < c.n; i++) {
        const char *base = strrchr(c.v[i].article_id, '/');
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s%s", i ? " " : "",
                 base ? base + 1 : c.v[i].article_id, kinds[c.v[i].kind]);
    }
    pc_copies_free(&c);
    xc_rdb_close(db);
    return out;
}

static void copies(void **state)
{
    scratch_t *f = *state;
    put_story(f, "a.txt", "2024-03-05", "Tuesday");
    put_story(f, "b.txt", "2024-03-05", "Tuesday");       /* the same words */
    put_story(f, "c.txt", "2024-03-06", "Wednesday");     /* a word changed, a day later */
    put_story(f, "d.txt", "2024-03-20", "Wednesday");     /* the same, two weeks later */
    put_story(f, "e.txt", "2024-03-20", "Tuesday");       /* a's words, two weeks later */
    put_file(f->dir, "news/other.txt", "Title: Harbour strike\n\nThe harbour strike at "
             "Rotterdam ended on Friday when dock workers accepted a new offer.\n");
    scratch_index(f);
    assert_string_equal(copies_of(f, "a.txt"), "b.txt= e.txt= c.txt~");
    assert_string_equal(copies_of(f, "c.txt"), "d.txt= a.txt~ b.txt~");
    assert_string_equal(copies_of(f, "d.txt"), "c.txt= e.txt~");
    assert_string_equal(copies_of(f, "other.txt"), "");
    assert_string_equal(copies_of(f, "nosuch.txt"), "-");
}

static const char more[] =
    "\n\nShipping agents estimated the cost of the delays at twelve million euros a day, and "
    "several lines said they would divert vessels to Antwerp and Hamburg if the dispute was "
    "not settled by the weekend.\n\n"
    "The port authority urged both sides to accept mediation, warning that the stoppage "
    "threatened the supply of fertiliser to farmers ahead of the spring planting season "
    "across the Netherlands and Germany, and that grain prices had already risen.";

/* news/NAME: a story dated date, of `title`, the words given. */
static void put_text(const scratch_t *f, const char *name, const char *date, const char *title,
                     const char *body)
{
    char text[4096], path[64];
    snprintf(text, sizeof text, "Title: %s\nDate: %s\n\n%s\n", title, date, body);
    snprintf(path, sizeof path, "news/%s", name);
    put_file(f->dir, path, text);
}

/* A story cut short is a copy of the whole ("shorter"), the whole of it
 * ("longer"); not a story that starts as the whole and goes on
 * otherwise, one too short to say anything, nor the cut a week later. */
static void cut_short(void **state)
{
    scratch_t *f = *state;
    char whole[2048], other[2048];
    snprintf(whole, sizeof whole, "%s%s", story, more);
    put_text(f, "whole.txt", "2024-03-05", "Harbour strike", whole);
    put_text(f, "urgent.txt", "2024-03-05", "URGENT - Harbour strike", story);
    snprintf(other, sizeof other, "%.*s the employers said in a statement that they had made "
             "their final offer and would ask a court to order the dock workers back to work "
             "before the grain harvest arrives at the port in the summer, when the quays are "
             "busiest and the ships queue for days.", 200, story);
    put_text(f, "other.txt", "2024-03-05", "Harbour strike", other);
    put_text(f, "brief.txt", "2024-03-05", "Harbour strike",
             "The harbour strike at Rotterdam entered its third day on Tuesday as dock workers "
             "rejected a pay offer from the port employers.");
    put_text(f, "late.txt", "2024-03-20", "URGENT - Harbour strike", story);
    scratch_index(f);
    assert_string_equal(copies_of(f, "whole.txt"), "urgent.txt<");
    assert_string_equal(copies_of(f, "urgent.txt"), "late.txt= whole.txt>");
    assert_string_equal(copies_of(f, "other.txt"), "");
    assert_string_equal(copies_of(f, "brief.txt"), "");
}

/* A later run that deletes a copy, or changes it into another story,
 * leaves nothing of it behind. */
static void later_runs(void **state)
{
    scratch_t *f = *state;
    put_story(f, "a.txt", "2024-03-05", "Tuesday");
    put_story(f, "b.txt", "2024-03-05", "Tuesday");
    put_story(f, "c.txt", "2024-03-05", "Monday");
    scratch_index(f);
    assert_string_equal(copies_of(f, "a.txt"), "b.txt= c.txt~");
    char path[192];
    snprintf(path, sizeof path, "%s/b.txt", f->src);
    assert_int_equal(unlink(path), 0);
    put_file(f->dir, "news/c.txt", "Title: Cup final\n\nThe final ended in a draw.\n");
    scratch_index(f);
    assert_string_equal(copies_of(f, "a.txt"), "");
    assert_string_equal(copies_of(f, "b.txt"), "-");
    put_story(f, "c.txt", "2024-03-05", "Monday");
    scratch_index(f);
    assert_string_equal(copies_of(f, "a.txt"), "c.txt~");
}

/* Several articles in one call, each its own copies. */
static void several(void **state)
{
    scratch_t *f = *state;
    put_story(f, "a.txt", "2024-03-05", "Tuesday");
    put_story(f, "b.txt", "2024-03-05", "Tuesday");
    put_file(f->dir, "news/other.txt", "Title: Cup final\n\nThe final ended in a draw.\n");
    scratch_index(f);
    char real[512], a[600], other[600];
    assert_non_null(realpath(f->src, real));
    snprintf(a, sizeof a, "%s/a.txt", real);
    snprintf(other, sizeof other, "%s/other.txt", real);
    const char *ids[3] = { other, a, "no such article" };
    pc_copies_t c[3];
    char *m = NULL;
    xc_rdb_t *db = NULL;
    assert_int_equal(xc_rdb_open(f->db, &db, &m), PRESSCUT_OK);
    assert_int_equal(pc_copies_find(db, ids, 3, c, &m), PRESSCUT_OK);
    assert_int_equal(c[0].n, 0);
    assert_int_equal(c[1].n, 1);
    assert_true(c[1].v[0].exact);
    assert_true(c[1].v[0].similarity == 1.0);
    assert_ptr_equal(pc_copies_get(&c[1], c[1].v[0].article_id), &c[1].v[0]);
    assert_null(pc_copies_get(&c[1], a));
    assert_false(c[2].signed_);
    for (size_t i = 0; i < 3; i++)
        pc_copies_free(&c[i]);
    xc_rdb_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        scratch_test(copies),
        scratch_test(cut_short),
        scratch_test(later_runs),
        scratch_test(several),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
