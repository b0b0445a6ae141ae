/* bench/trec_eval: the measures on examples computed by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../bench/trec_eval.h"

/* Judged: d1 (2), d3 (1), d5 (1), d9 (0).  Run: d1 d2 d3 d4.
 * AP = (1/1 + 2/3) / 3; P@10 = 2/10; DCG = 2/log2(2) + 1/log2(4) = 2.5,
 * ideal DCG = 2 + 1/log2(3) + 1/log2(4); R@1000 = 2/3. */
static void hand_computed_query(void **state)
{
    (void)state;
    const te_judgment_t judged[] = { { "d1", 2 }, { "d3", 1 }, { "d5", 1 }, { "d9", 0 } };
    const char *ranked[] = { "d1", "d2", "d3", "d4" };
    te_measures_t m;
    te_eval_query(judged, 4, ranked, 4, &m);
    assert_float_equal(m.map, (1.0 + 2.0 / 3.0) / 3.0, 1e-9);
    assert_float_equal(m.p10, 0.2, 1e-9);
    assert_float_equal(m.ndcg10, 2.5 / (2.0 + 0.6309297535714575 + 0.5), 1e-9);
    assert_float_equal(m.recall1000, 2.0 / 3.0, 1e-9);
}

static void cutoffs(void **state)
{
    (void)state;
    /* The only relevant document at rank 11: in MAP, not in P@10 or nDCG@10. */
    const te_judgment_t judged[] = { { "r", 1 } };
    const char *ranked[11] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "r" };
    te_measures_t m;
    te_eval_query(judged, 1, ranked, 11, &m);
    assert_float_equal(m.map, 1.0 / 11.0, 1e-9);
    assert_float_equal(m.p10, 0.0, 1e-9);
    assert_float_equal(m.ndcg10, 0.0, 1e-9);
    assert_float_equal(m.recall1000, 1.0, 1e-9);
}

static void nothing_relevant(void **state)
{
    (void)state;
    const te_judgment_t judged[] = { { "x", 0 } };
    const char *ranked[] = { "x" };
    te_measures_t m;
    te_eval_query(judged, 1, ranked, 1, &m);
    assert_float_equal(m.map + m.p10 + m.ndcg10 + m.recall1000, 0.0, 1e-12);
}

static char *write_temp(const char *text)
{
    const char *dir = getenv("TMPDIR");
    char *path = NULL;
    if (asprintf(&path, "%s/trec_eval_XXXXXX", dir && dir[0] ? dir : "/tmp") < 0)
        return NULL;
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

/* Files: ties go by doc id descending, whatever the ranks say; a judged
 * query missing from the run counts 0; a query with nothing relevant is
 * left out of the mean. */
static void files_and_ties(void **state)
{
    (void)state;
    char *qrels = write_temp("q1 0 a 1\nq2 0 c 1\nq3 0 d 0\n");
    char *run = write_temp("q1 Q0 a 1 5.0 t\nq1 Q0 b 2 5.0 t\nq3 Q0 d 1 1.0 t\n");
    te_summary_t s;
    char err[256];
    assert_int_equal(te_eval_files(qrels, run, &s, err, sizeof err), 0);
    assert_int_equal(s.queries, 2);
    assert_float_equal(s.mean.map, (0.5 + 0.0) / 2, 1e-9);
    assert_float_equal(s.mean.p10, (0.1 + 0.0) / 2, 1e-9);
    assert_float_equal(s.mean.ndcg10, (1 / 1.5849625007211562 + 0.0) / 2, 1e-9);
    assert_float_equal(s.mean.recall1000, 0.5, 1e-9);
    unlink(run);
    free(run);
    run = write_temp("q1 Q0 a\n");
    assert_int_equal(te_eval_files(qrels, run, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, ":1: expected"));
    unlink(run);
    unlink(qrels);
    free(run);
    free(qrels);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hand_computed_query),
        cmocka_unit_test(cutoffs),
        cmocka_unit_test(nothing_relevant),
        cmocka_unit_test(files_and_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
