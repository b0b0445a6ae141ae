/* Unit tests for lib/xapian_c: the C wrapper over Xapian. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scratch.h"
#include "xapian_c.h"

/* SLOT_ID holds the document's id, by which the tests tell results apart. */
enum { SLOT_DATE = 0, SLOT_ARTICLE = 1, SLOT_ID = 2 };

/* The database of the current test, in its scratch directory. */
static const char *dbpath;

/* Each test gets a scratch directory; its database is not made yet. */
static int test_setup(void **state)
{
    scratch_setup(state);
    dbpath = ((const scratch_t *)*state)->db;
    return 0;
}

/* ---- helpers ---- */

/* A document whose words (space-separated) get positions 1, 2, ... */
static void fill_doc(xc_doc_t *doc, const char *text, const char *id, const char *section,
                     const char *date, const char *article)
{
    xc_doc_clear(doc);
    unsigned pos = 0;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, " ");
        if (n)
            assert_int_equal(xc_doc_add_posting(doc, p, n, ++pos, 1), PRESSCUT_OK);
        p += n;
        p += strspn(p, " ");
    }
    char term[64];
    snprintf(term, sizeof term, "Q%s", id);
    assert_int_equal(xc_doc_add_boolean_term(doc, term, strlen(term)), PRESSCUT_OK);
    if (section) {
        snprintf(term, sizeof term, "S%s", section);
        assert_int_equal(xc_doc_add_boolean_term(doc, term, strlen(term)), PRESSCUT_OK);
    }
    if (date)
        assert_int_equal(xc_doc_set_value(doc, SLOT_DATE, date, strlen(date)), PRESSCUT_OK);
    if (article)
        assert_int_equal(xc_doc_set_value(doc, SLOT_ARTICLE, article, strlen(article)),
                         PRESSCUT_OK);
    assert_int_equal(xc_doc_set_value(doc, SLOT_ID, id, strlen(id)), PRESSCUT_OK);
}

static const struct {
    const char *text, *id, *section, *date, *article;
} corpus[] = {
    { "the quick brown fox jumps over the lazy dog", "d1", "sport", "2024-01-05", "A" },
    { "quick fox and brown bear", "d2", "news", "2024-03-01", "A" },
    { "a brown dog sleeps all day", "d3", "sport", "2023-12-31", "B" },
    { "bread and breakfast in brighton", "d4", "travel", "2024-02-10", "C" },
    { "the lazy fox sleeps", "d5", "news", "2024-02-11", "C" },
};
enum { NCORPUS = sizeof corpus / sizeof corpus[0] };

/* Builds the corpus into dbpath; docids are 1..NCORPUS in order. */
static void build_corpus(void)
{
    xc_wdb_t *w = NULL;
    char *msg = NULL;
    assert_int_equal(xc_wdb_open(dbpath, XC_CREATE_OR_OVERWRITE, &w, &msg), PRESSCUT_OK);
    assert_non_null(w);
    xc_doc_t *doc = xc_doc_new();
    assert_non_null(doc);
    for (size_t i = 0; i < NCORPUS; i++) {
        fill_doc(doc, corpus[i].text, corpus[i].id, corpus[i].section, corpus[i].date,
                 corpus[i].article);
        unsigned id = 0;
        assert_int_equal(xc_wdb_add(w, doc, &id), PRESSCUT_OK);
        assert_int_equal(id, i + 1);
    }
    xc_doc_destroy(doc);
    assert_int_equal(xc_wdb_close(w), PRESSCUT_OK);
}

static xc_rdb_t *open_reader(void)
{
    xc_rdb_t *r = NULL;
    char *msg = NULL;
    presscut_status_t st = xc_rdb_open(dbpath, &r, &msg);
    if (st != PRESSCUT_OK)
        fail_msg("xc_rdb_open: %s", msg ? msg : "?");
    assert_non_null(r);
    return r;
}

/* Writes docs into dbpath, each a document of its space-separated terms
 * (without positions), and opens a reader of them. */
static xc_rdb_t *index_terms(const char *const docs[], size_t n)
{
    xc_wdb_t *w = NULL;
    assert_int_equal(xc_wdb_open(dbpath, XC_CREATE_OR_OVERWRITE, &w, NULL), PRESSCUT_OK);
    xc_doc_t *doc = xc_doc_new();
    assert_non_null(doc);
    for (size_t i = 0; i < n; i++) {
        xc_doc_clear(doc);
        for (const char *p = docs[i]; *p;) {
            size_t len = strcspn(p, " ");
            assert_int_equal(xc_doc_add_term(doc, p, len, 1), PRESSCUT_OK);
            p += len;
            p += strspn(p, " ");
        }
        assert_int_equal(xc_wdb_add(w, doc, NULL), PRESSCUT_OK);
    }
    xc_doc_destroy(doc);
    assert_int_equal(xc_wdb_close(w), PRESSCUT_OK);
    return open_reader();
}

static xc_query_t *term(const char *t)
{
    xc_query_t *q = xc_query_term(t, strlen(t), 1, 0);
    assert_non_null(q);
    return q;
}

/* Combines two queries and destroys them. */
static xc_query_t *combine2(xc_op_t op, xc_query_t *a, xc_query_t *b, unsigned window)
{
    xc_query_t *subs[2] = { a, b };
    xc_query_t *q = xc_query_combine(op, subs, 2, window);
    assert_non_null(q);
    xc_query_destroy(a);
    xc_query_destroy(b);
    return q;
}

/* Runs q (then destroys it) and writes the matching documents' ids, in
 * rank order and space-separated, into out.  collapse: at most one result
 * per SLOT_ARTICLE. */
static presscut_status_t search_ex(xc_rdb_t *r, xc_query_t *q, int collapse, char *out,
                                   size_t cap)
{
    xc_enquire_t *e = xc_enquire_new(r);
    assert_non_null(e);
    assert_int_equal(xc_enquire_set_query(e, q), PRESSCUT_OK);
    xc_query_destroy(q);
    if (collapse)
        assert_int_equal(xc_enquire_set_collapse(e, SLOT_ARTICLE, 1), PRESSCUT_OK);
    xc_mset_t *m = NULL;
    presscut_status_t st = xc_enquire_mset(e, 0, 100, 100, &m);
    out[0] = '\0';
    if (st == PRESSCUT_OK) {
        size_t used = 0;
        for (size_t i = 0; i < xc_mset_size(m); i++) {
            char *data = NULL;
            size_t len = 0;
            assert_int_equal(xc_mset_value(e, m, i, SLOT_ID, &data, &len), PRESSCUT_OK);
            assert_int_equal(strlen(data), len);
            used += (size_t)snprintf(out + used, cap - used, "%s%s", i ? " " : "", data);
            free(data);
        }
        xc_mset_destroy(m);
    } else {
        assert_null(m);
        assert_true(xc_enquire_error(e)[0] != '\0');
    }
    xc_enquire_destroy(e);
    return st;
}

static void expect(xc_rdb_t *r, xc_query_t *q, const char *want)
{
    char got[256];
    assert_int_equal(search_ex(r, q, 0, got, sizeof got), PRESSCUT_OK);
    assert_string_equal(got, want);
}

/* Like expect(), ignoring the order of the results (sorted by docid). */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void expect_set(xc_rdb_t *r, xc_query_t *q, const char *want)
{
    char got[256];
    assert_int_equal(search_ex(r, q, 0, got, sizeof got), PRESSCUT_OK);
    const char *v[16];
    size_t n = 0;
    for (char *t = strtok(got, " "); t && n < 16; t = strtok(NULL, " "))
        v[n++] = t;
    qsort(v, n, sizeof v[0], cmp_str);
    char sorted[256] = "";
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(sorted, " ");
        strcat(sorted, v[i]);
    }
    assert_string_equal(sorted, want);
}

/* ---- tests ---- */

static void test_create_open_close(void **state)
{
    (void)state;
    xc_wdb_t *w = (xc_wdb_t *)1;
    char *msg = NULL;
    assert_int_equal(xc_wdb_open(dbpath, XC_OPEN, &w, &msg), PRESSCUT_NO_INDEX);
    assert_null(w);
    assert_non_null(msg);
    assert_true(msg[0] != '\0');
    free(msg);
    msg = NULL;

    assert_int_equal(xc_wdb_open(dbpath, XC_CREATE_OR_OPEN, &w, &msg), PRESSCUT_OK);
    assert_null(msg);
    unsigned count = 99;
    assert_int_equal(xc_wdb_doccount(w, &count), PRESSCUT_OK);
    assert_int_equal(count, 0);
    assert_string_equal(xc_wdb_error(w), "");
    assert_int_equal(xc_wdb_close(w), PRESSCUT_OK);

    assert_int_equal(xc_wdb_open(dbpath, XC_OPEN, &w, NULL), PRESSCUT_OK);
    assert_int_equal(xc_wdb_close(w), PRESSCUT_OK);
    assert_int_equal(xc_wdb_close(NULL), PRESSCUT_OK);
    xc_rdb_close(NULL);

    /* An empty database opens for reading too. */
    xc_rdb_t *r = open_reader();
    assert_int_equal(xc_rdb_doccount(r, &count), PRESSCUT_OK);
    assert_int_equal(count, 0);
    assert_int_equal(xc_rdb_reopen(r), PRESSCUT_OK);
    xc_rdb_close(r);
}

static void test_add_replace_delete(void **state)
{
    (void)state;
    xc_wdb_t *w = NULL;
    assert_int_equal(xc_wdb_open(dbpath, XC_CREATE_OR_OPEN, &w, NULL), PRESSCUT_OK);
    xc_doc_t *doc = xc_doc_new();
    unsigned id = 0;
    fill_doc(doc, "first version", "a1", NULL, NULL, NULL);
    assert_int_equal(xc_wdb_add(w, doc, &id), PRESSCUT_OK);
    assert_int_equal(id, 1);
    fill_doc(doc, "other article", "a2", NULL, NULL, NULL);
    assert_int_equal(xc_wdb_add(w, doc, &id), PRESSCUT_OK);
    assert_int_equal(id, 2);
    /* Replacing a1 as the index does (delete by unique term, then add):
     * still two documents, new text. */
    assert_int_equal(xc_wdb_delete_term(w, "Qa1"), PRESSCUT_OK);
    fill_doc(doc, "second version", "a1", NULL, NULL, NULL);
    assert_int_equal(xc_doc_set_value(doc, SLOT_ID, "a1 v2", 5), PRESSCUT_OK);
    assert_int_equal(xc_wdb_add(w, doc, NULL), PRESSCUT_OK);

    unsigned n = 0;
    assert_int_equal(xc_wdb_doccount(w, &n), PRESSCUT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(xc_wdb_termfreq(w, "first", &n), PRESSCUT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(xc_wdb_termfreq(w, "version", &n), PRESSCUT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(xc_wdb_commit(w), PRESSCUT_OK);

    xc_rdb_t *r = open_reader();
    expect(r, term("version"), "a1 v2");
    xc_rdb_close(r);

    /* Delete by unique term; deleting nothing is fine. */
    assert_int_equal(xc_wdb_delete_term(w, "Qa1"), PRESSCUT_OK);
    assert_int_equal(xc_wdb_delete_term(w, "Qnothing"), PRESSCUT_OK);
    assert_int_equal(xc_wdb_doccount(w, &n), PRESSCUT_OK);
    assert_int_equal(n, 1);

    /* Empty terms are a caller error; the document is unchanged. */
    assert_int_equal(xc_doc_add_term(doc, "", 0, 1), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_doc_add_posting(doc, "x", 0, 1, 1), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_doc_add_boolean_term(doc, NULL, 0), PRESSCUT_BAD_ARG);
    /* Terms need not be NUL-terminated; a cleared document is empty. */
    xc_doc_clear(doc);
    assert_int_equal(xc_doc_add_term(doc, "extraXXX", 5, 1), PRESSCUT_OK);
    unsigned extra_id = 0;
    assert_int_equal(xc_wdb_add(w, doc, &extra_id), PRESSCUT_OK);
    assert_int_equal(extra_id, 4);   /* the deleted docids are not reused */
    assert_int_equal(xc_wdb_termfreq(w, "extra", &n), PRESSCUT_OK);
    assert_int_equal(n, 1);
    /* An empty unique term is BAD_ARG with a message. */
    assert_int_equal(xc_wdb_delete_term(w, ""), PRESSCUT_BAD_ARG);
    assert_true(xc_wdb_error(w)[0] != '\0');
    /* ... cleared by the next call that succeeds. */
    assert_int_equal(xc_wdb_doccount(w, &n), PRESSCUT_OK);
    assert_string_equal(xc_wdb_error(w), "");
    assert_int_equal(n, 2);
    xc_doc_destroy(doc);
    xc_doc_destroy(NULL);
    assert_int_equal(xc_wdb_close(w), PRESSCUT_OK);

    r = open_reader();
    assert_int_equal(xc_rdb_doccount(r, &n), PRESSCUT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(xc_rdb_termfreq(r, "Qa1", &n), PRESSCUT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(xc_rdb_termfreq(r, "Qa2", &n), PRESSCUT_OK);
    assert_int_equal(n, 1);
    /* The cleared document kept no value from before. */
    char *v = NULL;
    size_t len = 99;
    assert_int_equal(xc_rdb_get_value(r, extra_id, SLOT_ID, &v, &len), PRESSCUT_OK);
    assert_string_equal(v, "");
    assert_int_equal(len, 0);
    free(v);
    xc_rdb_close(r);
}

static void test_phrase_near(void **state)
{
    (void)state;
    build_corpus();
    xc_rdb_t *r = open_reader();
    /* "quick brown" as a phrase: only d1 (d2 has "quick fox and brown"). */
    expect(r, combine2(XC_OP_PHRASE, term("quick"), term("brown"), 0), "d1");
    /* Order matters for a phrase. */
    expect(r, combine2(XC_OP_PHRASE, term("brown"), term("quick"), 0), "");
    /* NEAR within 4 positions, any order: d1 and d2. */
    expect_set(r, combine2(XC_OP_NEAR, term("brown"), term("quick"), 4), "d1 d2");
    /* ... but not within 2 for d2 (positions 1 and 4). */
    expect(r, combine2(XC_OP_NEAR, term("brown"), term("quick"), 2), "d1");
    /* A phrase window larger than the terms allows gaps. */
    expect_set(r, combine2(XC_OP_PHRASE, term("quick"), term("brown"), 4), "d1 d2");
    xc_rdb_close(r);
}

static void test_boolean_ops(void **state)
{
    (void)state;
    build_corpus();
    xc_rdb_t *r = open_reader();
    expect_set(r, term("fox"), "d1 d2 d5");
    expect_set(r, combine2(XC_OP_AND_NOT, term("fox"), term("lazy"), 0), "d2");
    expect_set(r, combine2(XC_OP_AND, term("fox"), term("lazy"), 0), "d1 d5");
    expect_set(r, combine2(XC_OP_OR, term("bear"), term("bread"), 0), "d2 d4");
    expect_set(r, combine2(XC_OP_XOR, term("fox"), term("dog"), 0), "d2 d3 d5");
    expect_set(r, combine2(XC_OP_AND_MAYBE, term("fox"), term("dog"), 0), "d1 d2 d5");
    /* FILTER with a boolean term: fox in section sport only. */
    expect_set(r, combine2(XC_OP_FILTER, term("fox"), term("Ssport"), 0), "d1");
    /* A boolean filter adds no weight: the match is weighted like "fox". */
    expect_set(r, combine2(XC_OP_FILTER, term("sleeps"), term("Snews"), 0), "d5");
    /* ELITE_SET and MAX run. */
    expect_set(r, combine2(XC_OP_ELITE_SET, term("bear"), term("bread"), 1), "d2");
    expect_set(r, combine2(XC_OP_MAX, term("bear"), term("bread"), 0), "d2 d4");

    xc_query_t *all = xc_query_match_all();
    assert_non_null(all);
    expect_set(r, all, "d1 d2 d3 d4 d5");

    /* A NULL sub-query gives NULL, as does a NULL query to scale. */
    xc_query_t *a = term("fox");
    xc_query_t *subs[2] = { a, NULL };
    assert_null(xc_query_combine(XC_OP_AND, subs, 2, 0));
    assert_null(xc_query_scale(NULL, 1.0));
    xc_query_destroy(a);
    xc_query_destroy(NULL);
    xc_rdb_close(r);
}

/* Sub-queries may be destroyed right after they were combined. */
static void test_query_copies(void **state)
{
    (void)state;
    xc_query_t *a = term("alpha"), *b = term("beta");
    xc_query_t *subs[2] = { a, b };
    xc_query_t *q = xc_query_combine(XC_OP_OR, subs, 2, 0);
    xc_query_destroy(a);
    xc_query_destroy(b);
    xc_query_t *s = xc_query_scale(q, 2.5);
    xc_query_destroy(q);
    char *d = xc_query_describe(s);
    assert_non_null(d);
    assert_non_null(strstr(d, "alpha"));
    assert_non_null(strstr(d, "beta"));
    assert_non_null(strstr(d, "2.5"));
    free(d);
    xc_query_destroy(s);
    assert_null(xc_query_describe(NULL));

    xc_query_t *t = xc_query_term("posXX", 3, 2, 7);
    d = xc_query_describe(t);
    assert_string_equal(d, "Query(pos#2@7)");
    free(d);
    xc_query_destroy(t);
}

static void test_value_range_and_sort(void **state)
{
    (void)state;
    build_corpus();
    xc_rdb_t *r = open_reader();
    expect_set(r, xc_query_value_range(SLOT_DATE, "2024-01-01", "2024-02-10"), "d1 d4");
    expect_set(r, xc_query_value_range(SLOT_DATE, "2024-02-11", NULL), "d2 d5");
    expect_set(r, xc_query_value_range(SLOT_DATE, NULL, "2024-01-05"), "d1 d3");
    expect_set(r, xc_query_value_range(SLOT_DATE, NULL, NULL), "d1 d2 d3 d4 d5");
    expect(r, xc_query_value_range(SLOT_DATE, "2025", "2026"), "");
    /* Filtering a term by a range. */
    expect_set(r, combine2(XC_OP_FILTER, term("fox"),
                           xc_query_value_range(SLOT_DATE, "2024-02", "2024-12"), 0),
               "d2 d5");

    /* Relevance then value: equal weights (match all) fall back to the value. */
    xc_enquire_t *e = xc_enquire_new(r);
    xc_query_t *q = xc_query_match_all();
    assert_int_equal(xc_enquire_set_query(e, q), PRESSCUT_OK);
    xc_query_destroy(q);
    assert_int_equal(xc_enquire_set_sort_relevance_then_value(e, SLOT_DATE, 0), PRESSCUT_OK);
    xc_mset_t *m = NULL;
    assert_int_equal(xc_enquire_mset(e, 0, 10, 10, &m), PRESSCUT_OK);
    assert_int_equal(xc_mset_size(m), NCORPUS);
    assert_int_equal(xc_mset_docid(m, 0), 3);
    assert_int_equal(xc_mset_docid(m, 4), 2);
    char *v = NULL;
    size_t len = 0;
    assert_int_equal(xc_mset_value(e, m, 0, SLOT_DATE, &v, &len), PRESSCUT_OK);
    assert_string_equal(v, "2023-12-31");
    assert_int_equal(len, 10);
    free(v);
    /* A slot with no value gives "". */
    assert_int_equal(xc_mset_value(e, m, 0, 9, &v, &len), PRESSCUT_OK);
    assert_string_equal(v, "");
    assert_int_equal(len, 0);
    free(v);
    /* Out of range: BAD_ARG, message on the enquire; accessors give 0. */
    assert_int_equal(xc_mset_value(e, m, 99, SLOT_DATE, &v, &len), PRESSCUT_BAD_ARG);
    assert_true(xc_enquire_error(e)[0] != '\0');
    assert_int_equal(xc_mset_docid(m, 99), 0);
    assert_true(xc_mset_weight(m, 99) == 0.0);
    assert_int_equal(xc_mset_size(NULL), 0);
    xc_mset_destroy(m);

    /* Paging: first = 2. */
    assert_int_equal(xc_enquire_mset(e, 2, 2, 0, &m), PRESSCUT_OK);
    assert_int_equal(xc_mset_size(m), 2);
    assert_int_equal(xc_mset_docid(m, 0), 4);
    xc_mset_destroy(m);
    xc_enquire_destroy(e);
    xc_rdb_close(r);
}

static void test_collapse(void **state)
{
    (void)state;
    build_corpus();
    xc_rdb_t *r = open_reader();
    /* fox: d1, d2 (both article A) and d5 (C): one per article. */
    char got[256];
    assert_int_equal(search_ex(r, term("fox"), 1, got, sizeof got), PRESSCUT_OK);
    assert_true(strcmp(got, "d1 d5") == 0 || strcmp(got, "d2 d5") == 0 ||
                strcmp(got, "d5 d1") == 0 || strcmp(got, "d5 d2") == 0);

    xc_enquire_t *e = xc_enquire_new(r);
    xc_query_t *q = xc_query_match_all();
    xc_enquire_set_query(e, q);
    xc_query_destroy(q);
    assert_int_equal(xc_enquire_set_collapse(e, SLOT_ARTICLE, 1), PRESSCUT_OK);
    /* Equal weights (match all): ordered by article. */
    assert_int_equal(xc_enquire_set_sort_relevance_then_value(e, SLOT_ARTICLE, 0),
                     PRESSCUT_OK);
    xc_mset_t *m = NULL;
    assert_int_equal(xc_enquire_mset(e, 0, 10, 10, &m), PRESSCUT_OK);
    static const char *const articles[] = { "A", "B", "C" };
    assert_int_equal(xc_mset_size(m), 3);
    for (size_t i = 0; i < 3; i++) {
        char *v = NULL;
        assert_int_equal(xc_mset_value(e, m, i, SLOT_ARTICLE, &v, NULL), PRESSCUT_OK);
        assert_string_equal(v, articles[i]);
        free(v);
    }
    xc_mset_destroy(m);
    xc_enquire_destroy(e);
    xc_rdb_close(r);
}

static void test_wildcard(void **state)
{
    (void)state;
    build_corpus();
    xc_rdb_t *r = open_reader();
    /* "br": bread, breakfast, brighton, brown. */
    expect_set(r, xc_query_wildcard("br", 0), "d1 d2 d3 d4");
    expect_set(r, xc_query_wildcard("brea", 2), "d4");
    expect(r, xc_query_wildcard("zz", 0), "");
    /* More expansions than allowed: WILDCARD at search time (a status of
     * its own: the caller tells the user to narrow it). */
    char got[64];
    assert_int_equal(search_ex(r, xc_query_wildcard("br", 3), 0, got, sizeof got),
                     PRESSCUT_WILDCARD);
    assert_null(xc_query_wildcard(NULL, 0));
    xc_rdb_close(r);
}

static double top_weight(xc_rdb_t *r, xc_query_t *q)
{
    xc_enquire_t *e = xc_enquire_new(r);
    assert_int_equal(xc_enquire_set_query(e, q), PRESSCUT_OK);
    xc_query_destroy(q);
    xc_mset_t *m = NULL;
    assert_int_equal(xc_enquire_mset(e, 0, 1, 0, &m), PRESSCUT_OK);
    assert_int_equal(xc_mset_size(m), 1);
    double w = xc_mset_weight(m, 0);
    xc_mset_destroy(m);
    xc_enquire_destroy(e);
    return w;
}

typedef struct eterms {
    char got[256];
    size_t n;
} eterms_t;

static void on_eterm(void *ctx, const char *term, size_t len, double weight)
{
    eterms_t *e = ctx;
    assert_true(weight > 0);
    size_t at = strlen(e->got);
    snprintf(e->got + at, sizeof e->got - at, "%s%.*s", at ? " " : "", (int)len, term);
    e->n++;
}

/* Feedback terms of exactly one prefix, never the query's own. */
static void test_eset(void **state)
{
    (void)state;
    static const char *const docs[] = { "Zfox Zquick ZSfox", "Zfox Zbrown ZSbrown",
                                        "Zcat Zmat ZScat", "Zdog Zmat ZSdog" };
    xc_rdb_t *r = index_terms(docs, 4);
    xc_enquire_t *e = xc_enquire_new(r);
    xc_query_t *q = xc_query_term("Zfox", 4, 1, 0);
    assert_int_equal(xc_enquire_set_query(e, q), PRESSCUT_OK);
    xc_query_destroy(q);
    xc_mset_t *m = NULL;
    assert_int_equal(xc_enquire_mset(e, 0, 10, 10, &m), PRESSCUT_OK);
    assert_int_equal(xc_mset_size(m), 2);
    eterms_t all = { "", 0 }, one = { "", 0 }, none = { "", 0 };
    assert_int_equal(xc_enquire_eset(e, m, 2, 10, "Z", on_eterm, &all), PRESSCUT_OK);
    assert_int_equal(all.n, 2);
    assert_non_null(strstr(all.got, "Zquick"));
    assert_non_null(strstr(all.got, "Zbrown"));
    assert_int_equal(xc_enquire_eset(e, m, 2, 1, "Z", on_eterm, &one), PRESSCUT_OK);
    assert_int_equal(one.n, 1);
    assert_int_equal(xc_enquire_eset(e, m, 0, 10, "Z", on_eterm, &none), PRESSCUT_OK);
    assert_int_equal(none.n, 0);
    eterms_t titles = { "", 0 };
    assert_int_equal(xc_enquire_eset(e, m, 2, 10, "ZS", on_eterm, &titles), PRESSCUT_OK);
    assert_int_equal(titles.n, 2);
    assert_non_null(strstr(titles.got, "ZSbrown"));
    assert_int_equal(xc_enquire_eset(e, m, 2, 10, NULL, on_eterm, &none), PRESSCUT_BAD_ARG);
    xc_mset_destroy(m);
    xc_enquire_destroy(e);
    xc_rdb_close(r);
}

static void on_matching_term(void *ctx, const char *term, size_t len)
{
    eterms_t *t = ctx;
    size_t at = strlen(t->got);
    snprintf(t->got + at, sizeof t->got - at, "%.*s ", (int)len, term);
    t->n++;
}

/* The query's terms a result holds. */
static void test_matching_terms(void **state)
{
    (void)state;
    static const char *const docs[] = { "Zfox Zquick", "Zfox Zbrown", "Zcat Zmat" };
    xc_rdb_t *r = index_terms(docs, 3);
    xc_enquire_t *e = xc_enquire_new(r);
    xc_query_t *mat = term("Zmat");
    xc_query_t *q = combine2(XC_OP_OR, term("Zquick"),
                             combine2(XC_OP_OR, term("Zfox"), xc_query_scale(mat, 0.5), 0), 0);
    xc_query_destroy(mat);
    assert_int_equal(xc_enquire_set_query(e, q), PRESSCUT_OK);
    xc_query_destroy(q);
    xc_mset_t *m = NULL;
    assert_int_equal(xc_enquire_mset(e, 0, 10, 10, &m), PRESSCUT_OK);
    assert_int_equal(xc_mset_size(m), 3);
    /* First the document with both words; Zbrown is no query term. */
    eterms_t first = { "", 0 }, last = { "", 0 };
    assert_int_equal(xc_mset_matching_terms(e, m, 0, on_matching_term, &first), PRESSCUT_OK);
    assert_string_equal(first.got, "Zfox Zquick ");
    for (size_t i = 1; i < 3; i++)
        assert_int_equal(xc_mset_matching_terms(e, m, i, on_matching_term, &last), PRESSCUT_OK);
    assert_true(strcmp(last.got, "Zfox Zmat ") == 0 || strcmp(last.got, "Zmat Zfox ") == 0);
    assert_int_equal(xc_mset_matching_terms(e, m, 3, on_matching_term, &last), PRESSCUT_BAD_ARG);
    xc_mset_destroy(m);
    xc_enquire_destroy(e);
    xc_rdb_close(r);
}

static void test_scale_weight(void **state)
{
    (void)state;
    build_corpus();
    xc_rdb_t *r = open_reader();
    double w1 = top_weight(r, term("bear"));
    assert_true(w1 > 0);
    xc_query_t *t = term("bear");
    double w3 = top_weight(r, xc_query_scale(t, 3.0));
    xc_query_destroy(t);
    assert_true(w3 > 2.99 * w1 && w3 < 3.01 * w1);
    t = term("bear");
    double w0 = top_weight(r, xc_query_scale(t, 0.0));
    xc_query_destroy(t);
    assert_true(w0 == 0.0);
    /* A negative factor is refused. */
    t = term("bear");
    assert_null(xc_query_scale(t, -1.0));
    xc_query_destroy(t);
    xc_rdb_close(r);
}

static void test_synonym(void **state)
{
    (void)state;
    build_corpus();
    xc_rdb_t *r = open_reader();
    expect_set(r, combine2(XC_OP_SYNONYM, term("bear"), term("dog"), 0), "d1 d2 d3");
    /* Weighted as one term: every match of a synonym of two terms that
     * never co-occur weighs like a single term would. */
    double ws = top_weight(r, combine2(XC_OP_SYNONYM, term("bear"), term("bread"), 0));
    double wo = top_weight(r, combine2(XC_OP_OR, term("bear"), term("bread"), 0));
    assert_true(ws > 0 && wo > 0 && ws != wo);
    xc_rdb_close(r);
}

static void test_metadata(void **state)
{
    (void)state;
    xc_wdb_t *w = NULL;
    assert_int_equal(xc_wdb_open(dbpath, XC_CREATE_OR_OPEN, &w, NULL), PRESSCUT_OK);
    static const char bin[] = { 'a', '\0', 'b', '\xff', '\0' };
    assert_int_equal(xc_wdb_set_metadata(w, "bin", bin, sizeof bin), PRESSCUT_OK);
    assert_int_equal(xc_wdb_set_metadata(w, "text", "hello", 5), PRESSCUT_OK);
    assert_int_equal(xc_wdb_set_metadata(w, "gone", "x", 1), PRESSCUT_OK);
    assert_int_equal(xc_wdb_set_metadata(w, "gone", "", 0), PRESSCUT_OK);
    assert_int_equal(xc_wdb_set_metadata(w, "", "x", 1), PRESSCUT_BAD_ARG);

    char *v = NULL;
    size_t len = 99;
    assert_int_equal(xc_wdb_get_metadata(w, "bin", &v, &len), PRESSCUT_OK);
    assert_int_equal(len, sizeof bin);
    assert_memory_equal(v, bin, sizeof bin);
    assert_int_equal(v[len], '\0');
    free(v);
    assert_int_equal(xc_wdb_get_metadata(w, "absent", &v, &len), PRESSCUT_OK);
    assert_string_equal(v, "");
    assert_int_equal(len, 0);
    free(v);
    assert_int_equal(xc_wdb_close(w), PRESSCUT_OK);

    xc_rdb_t *r = open_reader();
    assert_int_equal(xc_rdb_get_metadata(r, "bin", &v, &len), PRESSCUT_OK);
    assert_int_equal(len, sizeof bin);
    assert_memory_equal(v, bin, sizeof bin);
    free(v);
    assert_int_equal(xc_rdb_get_metadata(r, "text", &v, &len), PRESSCUT_OK);
    assert_string_equal(v, "hello");
    assert_int_equal(len, 5);
    free(v);
    assert_int_equal(xc_rdb_get_metadata(r, "gone", &v, &len), PRESSCUT_OK);
    assert_string_equal(v, "");
    assert_int_equal(len, 0);
    free(v);
    xc_rdb_close(r);
}

static void test_transactions(void **state)
{
    (void)state;
    xc_wdb_t *w = NULL;
    assert_int_equal(xc_wdb_open(dbpath, XC_CREATE_OR_OPEN, &w, NULL), PRESSCUT_OK);
    xc_doc_t *doc = xc_doc_new();
    unsigned n = 99;

    /* begin, add, cancel: discarded. */
    assert_int_equal(xc_wdb_begin(w), PRESSCUT_OK);
    fill_doc(doc, "cancelled words", "c1", NULL, NULL, NULL);
    assert_int_equal(xc_wdb_add(w, doc, NULL), PRESSCUT_OK);
    assert_int_equal(xc_wdb_cancel(w), PRESSCUT_OK);
    assert_int_equal(xc_wdb_doccount(w, &n), PRESSCUT_OK);
    assert_int_equal(n, 0);

    /* begin, add, end: kept, and committed (a reader sees it). */
    assert_int_equal(xc_wdb_begin(w), PRESSCUT_OK);
    fill_doc(doc, "kept words", "k1", NULL, NULL, NULL);
    assert_int_equal(xc_wdb_add(w, doc, NULL), PRESSCUT_OK);
    /* No nested transactions. */
    assert_int_equal(xc_wdb_begin(w), PRESSCUT_BAD_ARG);
    assert_true(xc_wdb_error(w)[0] != '\0');
    assert_int_equal(xc_wdb_end(w), PRESSCUT_OK);
    xc_rdb_t *r = open_reader();
    assert_int_equal(xc_rdb_doccount(r, &n), PRESSCUT_OK);
    assert_int_equal(n, 1);

    /* Ending or cancelling with no transaction is a caller error. */
    assert_int_equal(xc_wdb_end(w), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_wdb_cancel(w), PRESSCUT_BAD_ARG);

    /* Closing inside a transaction discards it. */
    assert_int_equal(xc_wdb_begin(w), PRESSCUT_OK);
    fill_doc(doc, "dropped on close", "x1", NULL, NULL, NULL);
    assert_int_equal(xc_wdb_add(w, doc, NULL), PRESSCUT_OK);
    assert_int_equal(xc_wdb_close(w), PRESSCUT_OK);
    assert_int_equal(xc_rdb_reopen(r), PRESSCUT_OK);
    assert_int_equal(xc_rdb_doccount(r, &n), PRESSCUT_OK);
    assert_int_equal(n, 1);

    /* Closing outside one commits. */
    assert_int_equal(xc_wdb_open(dbpath, XC_OPEN, &w, NULL), PRESSCUT_OK);
    fill_doc(doc, "committed on close", "y1", NULL, NULL, NULL);
    assert_int_equal(xc_wdb_add(w, doc, NULL), PRESSCUT_OK);
    assert_int_equal(xc_wdb_close(w), PRESSCUT_OK);
    assert_int_equal(xc_rdb_reopen(r), PRESSCUT_OK);
    assert_int_equal(xc_rdb_doccount(r, &n), PRESSCUT_OK);
    assert_int_equal(n, 2);
    xc_rdb_close(r);
    xc_doc_destroy(doc);
}

static void test_second_writer_locked(void **state)
{
    (void)state;
    xc_wdb_t *w1 = NULL, *w2 = (xc_wdb_t *)1;
    assert_int_equal(xc_wdb_open(dbpath, XC_CREATE_OR_OPEN, &w1, NULL), PRESSCUT_OK);
    char *msg = NULL;
    /* Xapian's lock is held by a child process, so it holds against a
     * second open from this same process too. */
    assert_int_equal(xc_wdb_open(dbpath, XC_CREATE_OR_OPEN, &w2, &msg), PRESSCUT_LOCKED);
    assert_null(w2);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "lock"));
    free(msg);
    assert_int_equal(xc_wdb_close(w1), PRESSCUT_OK);
    /* Released on close. */
    assert_int_equal(xc_wdb_open(dbpath, XC_OPEN, &w2, NULL), PRESSCUT_OK);
    assert_int_equal(xc_wdb_close(w2), PRESSCUT_OK);
}

static void test_missing_index(void **state)
{
    (void)state;
    xc_rdb_t *r = (xc_rdb_t *)1;
    char *msg = NULL;
    assert_int_equal(xc_rdb_open(dbpath, &r, &msg), PRESSCUT_NO_INDEX);
    assert_null(r);
    assert_non_null(msg);
    free(msg);
    /* msg may be NULL. */
    assert_int_equal(xc_rdb_open(dbpath, &r, NULL), PRESSCUT_NO_INDEX);
    /* An empty directory is no index either. */
    assert_int_equal(mkdir(dbpath, 0700), 0);
    assert_int_equal(xc_rdb_open(dbpath, &r, &msg), PRESSCUT_NO_INDEX);
    /* The message is Xapian's, without its class name. */
    assert_null(strstr(msg, "DatabaseNotFoundError"));
    assert_non_null(strstr(msg, "database"));
    free(msg);
}

/* A file that is no stub ("Bad line"): something else than an index,
 * which the caller says differently from a missing one. */
static void test_not_an_index(void **state)
{
    (void)state;
    FILE *f = fopen(dbpath, "w");
    assert_non_null(f);
    fputs("shopping list\n", f);
    fclose(f);
    xc_rdb_t *r = (xc_rdb_t *)1;
    char *msg = NULL;
    assert_int_equal(xc_rdb_open(dbpath, &r, &msg), PRESSCUT_NOT_INDEX);
    assert_null(r);
    assert_non_null(msg);
    assert_null(strstr(msg, "DatabaseOpeningError"));
    free(msg);
    unlink(dbpath);
}

/* A blank database holds nothing and can be searched, unlike
 * xc_rdb_new_empty()'s, which Xapian refuses to search. */
static void test_blank(void **state)
{
    (void)state;
    xc_rdb_t *r = xc_rdb_new_blank();
    assert_non_null(r);
    unsigned n = 1;
    assert_int_equal(xc_rdb_doccount(r, &n), PRESSCUT_OK);
    assert_int_equal(n, 0);
    char got[64];
    assert_int_equal(search_ex(r, xc_query_term("fox", 3, 1, 0), 0, got, sizeof got),
                     PRESSCUT_OK);
    assert_string_equal(got, "");
    xc_rdb_close(r);
}

static void test_corrupt(void **state)
{
    (void)state;
    build_corpus();
    char file[192];
    snprintf(file, sizeof file, "%s/postlist.glass", dbpath);
    FILE *f = fopen(file, "r+b");
    assert_non_null(f);
    char junk[8192];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i * 37 + 11);
    assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
    fclose(f);

    /* Either opening or using the database fails -- cleanly. */
    xc_rdb_t *r = NULL;
    char *msg = NULL;
    presscut_status_t st = xc_rdb_open(dbpath, &r, &msg);
    if (st == PRESSCUT_OK) {
        char got[256];
        st = search_ex(r, term("fox"), 0, got, sizeof got);
        unsigned n;
        if (st == PRESSCUT_OK)
            st = xc_rdb_termfreq(r, "fox", &n);
        xc_rdb_close(r);
    } else {
        assert_null(r);
        free(msg);
    }
    assert_int_equal(st, PRESSCUT_CORRUPT);
}

/* A table shorter than its version file says (what a reader sees when a
 * compaction swaps a smaller database in between its reading the version
 * file and opening the table): Xapian's plain DatabaseError "EOF reading
 * block", after which a reader opens again. */
static void test_truncated(void **state)
{
    (void)state;
    build_corpus();
    char file[192];
    snprintf(file, sizeof file, "%s/postlist.glass", dbpath);
    assert_int_equal(truncate(file, 0), 0);
    xc_rdb_t *r = NULL;
    char *msg = NULL;
    presscut_status_t st = xc_rdb_open(dbpath, &r, &msg);
    if (st == PRESSCUT_OK) {
        unsigned n;
        st = xc_rdb_termfreq(r, "fox", &n);
        if (st != PRESSCUT_OK)
            msg = strdup(xc_rdb_error(r));
        xc_rdb_close(r);
    }
    assert_true(xc_reopen_may_help(st));
    assert_non_null(msg);
    assert_non_null(strstr(msg, "EOF"));
    free(msg);
    assert_true(xc_reopen_may_help(PRESSCUT_RETRY));
    assert_false(xc_reopen_may_help(PRESSCUT_NO_INDEX));
    assert_false(xc_reopen_may_help(PRESSCUT_BAD_QUERY));
}

static void test_stemmer(void **state)
{
    (void)state;
    xc_stem_t *s = NULL;
    char *msg = NULL;
    assert_int_equal(xc_stem_new("english", &s, &msg), PRESSCUT_OK);
    char buf[32];
    assert_int_equal(xc_stem_apply(s, "running", 7, buf, sizeof buf), 3);
    assert_string_equal(buf, "run");
    /* Not NUL-terminated input. */
    assert_int_equal(xc_stem_apply(s, "jumpsXYZ", 5, buf, sizeof buf), 4);
    assert_string_equal(buf, "jump");
    /* Too small a buffer: truncated, full length returned. */
    size_t n = xc_stem_apply(s, "international", 13, buf, 4);
    assert_int_equal(n, strlen("intern"));
    assert_string_equal(buf, "int");
    assert_int_equal(xc_stem_apply(s, "international", 13, NULL, 0), n);
    xc_stem_destroy(s);

    assert_int_equal(xc_stem_new("none", &s, NULL), PRESSCUT_OK);
    assert_int_equal(xc_stem_apply(s, "running", 7, buf, sizeof buf), 7);
    assert_string_equal(buf, "running");
    xc_stem_destroy(s);
    xc_stem_destroy(NULL);

    s = (xc_stem_t *)1;
    assert_int_equal(xc_stem_new("klingon", &s, &msg), PRESSCUT_BAD_ARG);
    assert_null(s);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "klingon"));
    free(msg);
}

typedef struct terms_seen {
    char all[256];
    int stop_after;
    int calls;
} terms_seen_t;

static int on_term(void *ctx, const char *t, size_t len, unsigned freq)
{
    terms_seen_t *seen = ctx;
    char one[64];
    snprintf(one, sizeof one, "%s%.*s:%u", seen->calls ? " " : "", (int)len, t, freq);
    strcat(seen->all, one);
    return ++seen->calls == seen->stop_after;
}

static void test_allterms(void **state)
{
    (void)state;
    build_corpus();
    xc_rdb_t *r = open_reader();
    terms_seen_t seen = { .stop_after = 0 };
    assert_int_equal(xc_rdb_allterms(r, "S", on_term, &seen), PRESSCUT_OK);
    assert_string_equal(seen.all, "Snews:2 Ssport:2 Stravel:1");
    terms_seen_t first = { .stop_after = 2 };
    assert_int_equal(xc_rdb_allterms(r, "b", on_term, &first), PRESSCUT_OK);
    assert_string_equal(first.all, "bear:1 bread:1");
    terms_seen_t none = { .stop_after = 0 };
    assert_int_equal(xc_rdb_allterms(r, "zz", on_term, &none), PRESSCUT_OK);
    assert_int_equal(none.calls, 0);

    char *data = NULL;
    size_t len = 0;
    assert_int_equal(xc_rdb_get_value(r, 4, SLOT_ID, &data, &len), PRESSCUT_OK);
    assert_string_equal(data, "d4");
    assert_int_equal(len, 2);
    free(data);
    assert_int_equal(xc_rdb_get_value(r, 4, SLOT_DATE, &data, &len), PRESSCUT_OK);
    assert_string_equal(data, "2024-02-10");
    free(data);
    assert_int_equal(xc_rdb_get_value(r, 4, 9, &data, &len), PRESSCUT_OK);
    assert_int_equal(len, 0);   /* an empty slot */
    free(data);
    /* No such document: an error with a message, no crash. */
    assert_int_not_equal(xc_rdb_get_value(r, 999, SLOT_DATE, &data, &len), PRESSCUT_OK);
    assert_true(xc_rdb_error(r)[0] != '\0');
    xc_rdb_close(r);
}

typedef struct postings_seen {
    unsigned ids[8];
    size_t n, stop_after;
} postings_seen_t;

static int on_posting(void *ctx, unsigned docid)
{
    postings_seen_t *seen = ctx;
    if (seen->n < 8)
        seen->ids[seen->n] = docid;
    return ++seen->n == seen->stop_after;
}

/* A posting list as it is: every document of the term, ascending. */
static void test_postings(void **state)
{
    (void)state;
    build_corpus();
    xc_rdb_t *r = open_reader();
    postings_seen_t all = { .stop_after = 0 }, first = { .stop_after = 1 }, none = { 0 };
    assert_int_equal(xc_rdb_postings(r, "Ssport", 6, on_posting, &all), PRESSCUT_OK);
    assert_int_equal(all.n, 2);
    assert_true(all.ids[0] < all.ids[1]);
    char *data = NULL;
    size_t len = 0;
    for (size_t i = 0; i < all.n; i++) {   /* the sport section's documents */
        assert_int_equal(xc_rdb_get_value(r, all.ids[i], SLOT_ID, &data, &len), PRESSCUT_OK);
        free(data);
    }
    assert_int_equal(xc_rdb_postings(r, "Ssport", 6, on_posting, &first), PRESSCUT_OK);
    assert_int_equal(first.n, 1);
    assert_int_equal(first.ids[0], all.ids[0]);
    /* The length counts: "Ssport" cut to "Sspo" is another term. */
    assert_int_equal(xc_rdb_postings(r, "Ssport", 4, on_posting, &none), PRESSCUT_OK);
    assert_int_equal(none.n, 0);
    assert_int_equal(xc_rdb_postings(r, "nosuchterm", 10, on_posting, &none), PRESSCUT_OK);
    assert_int_equal(none.n, 0);
    xc_rdb_close(r);
}

/* An article's passages weighed against terms: wdf summed over them, the
 * most in any one, their lengths summed; a group no document has weighs
 * nothing.  Groups ask in any order: "Atwo"'s document sits between
 * "Aone"'s. */
static void test_group_wdf(void **state)
{
    (void)state;
    const char *docs[] = { "Aone x x y ZSt", "Atwo x ZSt", "Aone x ZSt ZSt", "Aone y" };
    xc_rdb_t *r = index_terms(docs, 4);
    const char *groups[] = { "Atwo", "Aone", "Anone" }, *terms[] = { "x", "ZSt", "y" };
    double sum[9], most[9], length[3];
    assert_int_equal(xc_rdb_group_wdf(r, groups, 3, terms, 3, sum, most, length), PRESSCUT_OK);
    const double want_sum[9] = { 1, 1, 0, 3, 3, 2, 0, 0, 0 };
    const double want_most[9] = { 1, 1, 0, 2, 2, 1, 0, 0, 0 };
    for (size_t i = 0; i < 9; i++) {
        assert_true(sum[i] == want_sum[i]);
        assert_true(most[i] == want_most[i]);
    }
    assert_true(length[0] == 3 && length[1] == 11 && length[2] == 0);
    assert_int_equal(xc_rdb_group_wdf(r, groups, 3, NULL, 3, sum, most, length),
                     PRESSCUT_BAD_ARG);
    xc_rdb_close(r);
}

/* A reader whose revision the writer has since overwritten gets RETRY (the
 * tree must be deep enough that the reader has not cached all of it);
 * reopening fixes it. */
static void add_numbered(xc_wdb_t *w, xc_doc_t *doc, const char *prefix, int i)
{
    char t[32];
    snprintf(t, sizeof t, "%s%05d", prefix, i);
    xc_doc_clear(doc);
    assert_int_equal(xc_doc_add_term(doc, t, strlen(t), 1), PRESSCUT_OK);
    assert_int_equal(xc_doc_add_term(doc, "fox", 3, 1), PRESSCUT_OK);
    assert_int_equal(xc_doc_set_value(doc, SLOT_ID, t, strlen(t)), PRESSCUT_OK);
    assert_int_equal(xc_wdb_add(w, doc, NULL), PRESSCUT_OK);
}

/* Two scratch parts merged: every document, renumbered in part order;
 * a key both parts hold keeps the first part's value. */
static void test_compact_parts(void **state)
{
    const scratch_t *f = *state;
    char parts[2][160], merged[160];
    xc_doc_t *doc = xc_doc_new();
    assert_non_null(doc);
    for (int p = 0; p < 2; p++) {
        snprintf(parts[p], sizeof parts[p], "%s-part%d", dbpath, p);
        xc_wdb_t *w = NULL;
        assert_int_equal(xc_wdb_open(parts[p], XC_CREATE_SCRATCH, &w, NULL), PRESSCUT_OK);
        for (int i = 0; i < 3; i++)
            add_numbered(w, doc, p ? "B" : "A", i);
        assert_int_equal(xc_wdb_set_metadata(w, "shared", p ? "two" : "one", 3), PRESSCUT_OK);
        assert_int_equal(xc_wdb_set_metadata(w, p ? "only2" : "only1", "x", 1), PRESSCUT_OK);
        assert_int_equal(xc_wdb_close(w), PRESSCUT_OK);
    }
    xc_doc_destroy(doc);
    snprintf(merged, sizeof merged, "%s-merged", dbpath);
    const char *const src[] = { parts[0], parts[1] };
    assert_int_equal(xc_compact(src, 2, merged, NULL), PRESSCUT_OK);

    xc_rdb_t *r = NULL;
    assert_int_equal(xc_rdb_open(merged, &r, NULL), PRESSCUT_OK);
    unsigned n = 0;
    assert_int_equal(xc_rdb_doccount(r, &n), PRESSCUT_OK);
    assert_int_equal(n, 6);
    assert_int_equal(xc_rdb_termfreq(r, "fox", &n), PRESSCUT_OK);
    assert_int_equal(n, 6);
    char *v = NULL;
    size_t len;
    assert_int_equal(xc_rdb_get_value(r, 4, SLOT_ID, &v, &len), PRESSCUT_OK);
    assert_string_equal(v, "B00000");
    free(v);
    const char *want[][2] = { { "shared", "one" }, { "only1", "x" }, { "only2", "x" } };
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(xc_rdb_get_metadata(r, want[i][0], &v, &len), PRESSCUT_OK);
        assert_string_equal(v, want[i][1]);
        free(v);
    }
    xc_rdb_close(r);

    char *msg = NULL;
    const char *const missing[] = { parts[0], f->dir };   /* no index */
    assert_int_not_equal(xc_compact(missing, 2, merged, &msg), PRESSCUT_OK);
    assert_non_null(msg);
    assert_non_null(strstr(msg, f->dir));
    free(msg);
}

static void test_modified_retry(void **state)
{
    (void)state;
    enum { N = 3000 };
    xc_wdb_t *w = NULL;
    assert_int_equal(xc_wdb_open(dbpath, XC_CREATE_OR_OPEN, &w, NULL), PRESSCUT_OK);
    xc_doc_t *doc = xc_doc_new();
    for (int i = 0; i < N; i++)
        add_numbered(w, doc, "init", i);
    assert_int_equal(xc_wdb_commit(w), PRESSCUT_OK);

    xc_rdb_t *r = open_reader();
    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < 1000; i++) {
            char t[32];
            snprintf(t, sizeof t, "init%05d", (round * 1000 + i) % N);
            assert_int_equal(xc_wdb_delete_term(w, t), PRESSCUT_OK);
            add_numbered(w, doc, "new", round * 1000 + i);
        }
        assert_int_equal(xc_wdb_commit(w), PRESSCUT_OK);
    }
    xc_doc_destroy(doc);
    assert_int_equal(xc_wdb_close(w), PRESSCUT_OK);

    unsigned n = 0;
    assert_int_equal(xc_rdb_termfreq(r, "init02999", &n), PRESSCUT_RETRY);
    assert_non_null(strstr(xc_rdb_error(r), "revision being read has been discarded"));
    assert_int_equal(xc_rdb_reopen(r), PRESSCUT_OK);
    assert_int_equal(xc_rdb_termfreq(r, "fox", &n), PRESSCUT_OK);
    assert_int_equal(n, 4000);
    assert_int_equal(xc_rdb_termfreq(r, "init02999", &n), PRESSCUT_OK);
    assert_int_equal(n, 0);
    xc_rdb_close(r);
}

/* A stub file names shards: local ones by path (relative to the stub),
 * remote ones by "remote host:port". */
static void test_stub_files(void **state)
{
    (void)state;
    build_corpus();
    const char *name = strrchr(dbpath, '/') + 1;
    char stub[192];
    snprintf(stub, sizeof stub, "%s.stub", dbpath);
    FILE *f = fopen(stub, "w");
    assert_non_null(f);
    fprintf(f, "auto %s\nauto %s\n", name, name);
    fclose(f);
    char *msg = NULL;
    xc_rdb_t *r = NULL;
    assert_int_equal(xc_rdb_open(stub, &r, &msg), PRESSCUT_OK);
    unsigned n = 0;
    assert_int_equal(xc_rdb_doccount(r, &n), PRESSCUT_OK);
    assert_int_equal(n, 2 * NCORPUS);
    expect_set(r, term("bear"), "d2 d2");
    xc_rdb_close(r);

    /* Nobody listens on port 1: NETWORK. */
    f = fopen(stub, "w");
    assert_non_null(f);
    fprintf(f, "auto %s\nremote 127.0.0.1:1\n", name);
    fclose(f);
    r = (xc_rdb_t *)1;
    assert_int_equal(xc_rdb_open(stub, &r, &msg), PRESSCUT_NETWORK);
    assert_null(r);
    assert_non_null(msg);
    free(msg);
}

static void test_null_handles(void **state)
{
    (void)state;
    unsigned n;
    char *s;
    assert_int_equal(xc_wdb_commit(NULL), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_wdb_doccount(NULL, &n), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_rdb_doccount(NULL, &n), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_rdb_get_metadata(NULL, "x", &s, NULL), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_rdb_postings(NULL, "x", 1, on_posting, NULL), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_enquire_set_query(NULL, NULL), PRESSCUT_BAD_ARG);
    assert_null(xc_enquire_new(NULL));
    assert_string_equal(xc_wdb_error(NULL), "");
    assert_string_equal(xc_rdb_error(NULL), "");
    assert_string_equal(xc_enquire_error(NULL), "");
    assert_int_equal(xc_stem_apply(NULL, "x", 1, NULL, 0), (size_t)-1);
    assert_int_equal(xc_wdb_open(NULL, XC_OPEN, NULL, NULL), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_doc_add_term(NULL, "x", 1, 1), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_doc_add_posting(NULL, "x", 1, 1, 1), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_doc_add_boolean_term(NULL, "x", 1), PRESSCUT_BAD_ARG);
    assert_int_equal(xc_doc_set_value(NULL, 0, "x", 1), PRESSCUT_BAD_ARG);
    xc_doc_clear(NULL);
    assert_int_equal(xc_mset_value(NULL, NULL, 0, 0, &s, NULL), PRESSCUT_BAD_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_open_close, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_add_replace_delete, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_phrase_near, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_boolean_ops, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_query_copies, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_value_range_and_sort, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_collapse, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_wildcard, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_eset, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_matching_terms, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_group_wdf, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_scale_weight, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_synonym, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_metadata, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_transactions, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_compact_parts, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_second_writer_locked, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_missing_index, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_not_an_index, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_blank, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_corrupt, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_truncated, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_stemmer, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_allterms, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_postings, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_modified_retry, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_stub_files, test_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_null_handles, test_setup, scratch_teardown),
    };
    return cmocka_run_group_tests_name("xapian_c", tests, NULL, NULL);
}
