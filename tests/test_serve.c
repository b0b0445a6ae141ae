/* presscut-serve's HTTP layer without a socket: the one HTML escaping,
 * URL encoding, the query-string arguments and their limits, the query
 * the page's filters make, and the marks of a passage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../server/buf.h"
#include "../server/params.h"
#include "../server/reply.h"

static void html_is(const char *in, size_t len, const char *want)
{
    sbuf_t b = { 0 };
    sb_html(&b, in, len);
    assert_false(b.failed);
    assert_string_equal(b.p ? b.p : "", want);
    free(b.p);
}

static void test_html_escape(void **state)
{
    (void)state;
    html_is("plain text", 10, "plain text");
    html_is("<script>alert(1)</script>", 25, "&lt;script&gt;alert(1)&lt;/script&gt;");
    html_is("\"onmouseover=x '", 16, "&quot;onmouseover=x &#39;");
    html_is("a & b", 5, "a &amp; b");
    html_is("&lt;", 4, "&amp;lt;");                 /* never decoded, always escaped */
    html_is("caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D", 13, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");
    html_is("bad \xFF byte", 10, "bad \xEF\xBF\xBD byte");   /* not UTF-8 */
    html_is("\xE2\x80", 2, "\xEF\xBF\xBD\xEF\xBF\xBD");      /* cut sequence */
    html_is("nul\0x", 5, "nul\xEF\xBF\xBDx");
    html_is("bell\a esc\x1B", 10, "bell\xEF\xBF\xBD esc\xEF\xBF\xBD");
    html_is("c1 \xC2\x85!", 6, "c1 \xEF\xBF\xBD!");
    html_is("line\nbreak\ttab", 14, "line\nbreak\ttab");
    html_is("", 0, "");
}

static void cut_is(const char *in, size_t max, const char *want)
{
    sbuf_t b = { 0 };
    sb_html_cut(&b, in, max);
    assert_false(b.failed);
    assert_string_equal(b.p ? b.p : "", want);
    free(b.p);
}

/* What a page echoes of a request's text: cut at a character, escaped. */
static void test_html_cut(void **state)
{
    (void)state;
    cut_is("short", 10, "short");
    cut_is("exactly10!", 10, "exactly10!");
    cut_is("a bit longer", 5, "a bit…");
    cut_is("<b>&", 2, "&lt;b…");                             /* escaped after the cut */
    cut_is("ab\xD0\x9A\xD0\xB8", 3, "ab…");                 /* not inside К */
    cut_is("\xE4\xB8\xAD\xE6\x96\x87", 4, "\xE4\xB8\xAD…");  /* 中文: after 中 */
    cut_is("\xE4\xB8\xAD", 2, "…");
    cut_is("", 0, "");
}

static void test_url_encode(void **state)
{
    (void)state;
    sbuf_t b = { 0 };
    sb_url(&b, "a b&c=d/é\"<>#?%~_.-");
    assert_string_equal(b.p, "a%20b%26c%3Dd%2F%C3%A9%22%3C%3E%23%3F%25~_.-");
    free(b.p);
}

static void test_params(void **state)
{
    (void)state;
    params_t p;
    params_init(&p);
    assert_int_equal(p.limit, SERVE_DEFAULT_LIMIT);
    assert_int_equal(params_set(&p, "q", "nato"), 0);
    assert_int_equal(params_set(&p, "limit", "25"), 0);
    assert_int_equal(params_set(&p, "offset", "40"), 0);
    assert_int_equal(params_set(&p, "articles", "1"), 0);
    assert_int_equal(params_set(&p, "sort", "date"), 0);
    assert_int_equal(params_set(&p, "mode", "quote"), 0);
    assert_int_equal(params_set(&p, "fuzzy", "on"), 0);
    assert_int_equal(params_set(&p, "at", "3.1"), 0);
    assert_int_equal(params_set(&p, "mark", "10-24"), 0);
    assert_int_equal(params_set(&p, "hl", "nato accession"), 0);
    assert_int_equal(params_set(&p, "unknown", "whatever"), 0);   /* ignored */
    assert_string_equal(p.q, "nato");
    assert_int_equal(p.limit, 25);
    assert_int_equal(p.offset, 40);
    assert_true(p.articles && p.sort_date && p.quote && p.fuzzy);
    assert_true(p.at_given && p.at_paragraph == 3 && p.at_part == 1);
    assert_true(p.mark_given && p.mark_start == 10 && p.mark_end == 24);
    assert_string_equal(p.hl, "nato accession");
    assert_string_equal(p.error, "");
    /* A key without a value (?articles) is off, as an empty one. */
    assert_int_equal(params_set(&p, "articles", NULL), 0);
    assert_false(p.articles);
}

static void refused(const char *key, const char *value, const char *says)
{
    params_t p;
    params_init(&p);
    assert_int_equal(params_set(&p, key, value), -1);
    if (!strstr(p.error, says))
        fail_msg("%s=%s: '%s' lacks '%s'", key, value, p.error, says);
}

/* What a quote look-up would ignore is refused, naming it, as
 * presscut-query --quote refuses -a, --sort date, --offset; the defaults,
 * as the form sends them, pass. */
static void test_params_quote_refusal(void **state)
{
    (void)state;
    const char *set[][3] = { { "articles", "1", "articles" }, { "sort", "date", "sort=date" },
                             { "offset", "3", "offset" }, { "from", "2024", "from" },
                             { "language", "fr", "language" } };
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++) {
        params_t p;
        params_init(&p);
        assert_int_equal(params_set(&p, set[i][0], set[i][1]), 0);
        const char *why = params_quote_refusal(&p);
        if (!why || !strstr(why, set[i][2]))
            fail_msg("%s=%s: '%s' lacks '%s'", set[i][0], set[i][1], why ? why : "(null)",
                     set[i][2]);
    }
    params_t p;
    params_init(&p);
    const char *form[][2] = { { "articles", "0" }, { "sort", "relevance" }, { "offset", "0" },
                              { "from", "" }, { "fuzzy", "1" }, { "limit", "40" } };
    for (size_t i = 0; i < sizeof form / sizeof form[0]; i++)
        assert_int_equal(params_set(&p, form[i][0], form[i][1]), 0);
    assert_null(params_quote_refusal(&p));
}

/* Limits: numbers within bounds, filters that cannot carry query syntax. */
static void test_params_limits(void **state)
{
    (void)state;
    char n[16];
    snprintf(n, sizeof n, "%d", SERVE_MAX_LIMIT + 1);
    refused("limit", n, "limit takes a number from 1");
    refused("limit", "0", "limit");
    refused("limit", "-5", "limit");
    refused("limit", "5x", "limit");
    refused("limit", "99999999999999999999", "limit");
    snprintf(n, sizeof n, "%d", SERVE_MAX_OFFSET + 1);
    refused("offset", n, "offset");
    refused("sort", "size", "sort takes relevance or date");
    refused("mode", "regex", "mode");
    refused("articles", "maybe", "articles takes 1 or 0");
    refused("from", "2024) OR (x", "from");
    refused("to", "2024-01-01-01", "to");
    refused("language", "en OR x", "language");
    refused("at", "3", "at takes");
    refused("at", "x.1", "at takes");
    refused("mark", "9-3", "mark takes");
    char big[SERVE_MAX_SOURCE + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    refused("source", big, "source");
    /* A value with a NUL byte in it, as the HTTP library decoded %00. */
    params_t z;
    params_init(&z);
    assert_int_equal(params_take(&z, "q", "nato\0russia", 11), -1);
    assert_non_null(strstr(z.error, "q holds a NUL byte"));
    assert_string_equal(z.q, "");
    params_init(&z);
    assert_int_equal(params_take(&z, "q", "nato", 4), 0);
    assert_string_equal(z.q, "nato");
    /* The first mistake is the one kept. */
    params_t p;
    params_init(&p);
    params_set(&p, "limit", "0");
    params_set(&p, "sort", "size");
    assert_non_null(strstr(p.error, "limit"));
}

static void query_is(const char *const *kv, const char *want)
{
    params_t p;
    params_init(&p);
    for (; *kv; kv += 2)
        assert_int_equal(params_set(&p, kv[0], kv[1]), 0);
    sbuf_t b = { 0 };
    params_query(&p, &b);
    assert_string_equal(b.p, want);
    free(b.p);
}

static void test_params_query(void **state)
{
    (void)state;
    query_is((const char *[]){ "q", "nato", NULL }, "nato");
    query_is((const char *[]){ "q", "nato", "from", "2024-01-01", "to", "2024-06-30", NULL },
             "nato date:2024-01-01..2024-06-30");
    query_is((const char *[]){ "q", "nato", "from", "2024", NULL }, "nato date:2024..");
    query_is((const char *[]){ "q", "x", "source", "reuters", NULL }, "x source:reuters");
    query_is((const char *[]){ "q", "x", "source", "Adriatic \"Wire\" Service", NULL },
             "x source:\"Adriatic Wire Service\"");
    query_is((const char *[]){ "q", "x", "source", " \" ", NULL }, "x");
    query_is((const char *[]){ "q", "x", "language", "fr", NULL }, "x language:fr");
}

static void marked_is(const char *text, size_t from, size_t to, const presscut_span_t *spans,
                      size_t n, size_t ms, size_t me, const char *want)
{
    sbuf_t b = { 0 };
    page_marked(&b, text, strlen(text), from, to, spans, n, ms, me);
    assert_string_equal(b.p, want);
    free(b.p);
}

static void test_marked(void **state)
{
    (void)state;
    const char *t = "the <b>cat</b> sat on the mat";
    presscut_span_t cat[] = { { 7, 10 }, { 26, 29 } };
    marked_is(t, 0, strlen(t), cat, 2, 0, 0,
              "the &lt;b&gt;<mark>cat</mark>&lt;/b&gt; sat on the <mark>mat</mark>");
    /* A window: ellipses where it cuts; spans outside it left out. */
    marked_is(t, 4, 14, cat, 2, 0, 0, "…&lt;b&gt;<mark>cat</mark>&lt;/b&gt;…");
    /* A quote's mark swallows the spans inside it, keeps the others. */
    marked_is(t, 0, strlen(t), cat, 2, 4, 14,
              "the <mark class=\"quote\">&lt;b&gt;cat&lt;/b&gt;</mark> sat on the "
              "<mark>mat</mark>");
    marked_is(t, 0, strlen(t), cat, 2, 15, 18,
              "the &lt;b&gt;<mark>cat</mark>&lt;/b&gt; <mark class=\"quote\">sat</mark> on "
              "the <mark>mat</mark>");
    marked_is(t, 0, strlen(t), NULL, 0, 0, 3, "<mark class=\"quote\">the</mark> &lt;b&gt;cat"
              "&lt;/b&gt; sat on the mat");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_escape),
        cmocka_unit_test(test_html_cut),
        cmocka_unit_test(test_url_encode),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_params_limits),
        cmocka_unit_test(test_params_quote_refusal),
        cmocka_unit_test(test_params_query),
        cmocka_unit_test(test_marked),
    };
    return cmocka_run_group_tests_name("serve", tests, NULL, NULL);
}
