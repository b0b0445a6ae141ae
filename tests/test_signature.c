/* Signatures of articles: copies are alike, other stories are not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "signature.h"

#define WORDS 200

/* A text of n pseudo-random words (a vocabulary of 5000) from seed. */
static void words_of(unsigned seed, char v[][16], size_t n)
{
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        snprintf(v[i], sizeof v[i], "w%u", (x >> 8) % 5000);
    }
}

static pc_signature_t sign(char v[][16], size_t n)
{
    pc_sig_builder_t b;
    pc_signature_t s;
    pc_sig_begin(&b);
    for (size_t i = 0; i < n; i++)
        pc_sig_add_word(&b, v[i], strlen(v[i]));
    pc_sig_end(&b, &s);
    return s;
}

/* An article's: the title's words, then n body words. */
static pc_signature_t sign_article(const char *title, char v[][16], size_t n)
{
    pc_sig_builder_t b;
    pc_signature_t s;
    pc_sig_begin(&b);
    for (const char *p = title; *p;) {
        size_t len = strcspn(p, " ");
        pc_sig_add_word(&b, p, len);
        p += len + strspn(p + len, " ");
    }
    pc_sig_begin_body(&b);
    for (size_t i = 0; i < n; i++)
        pc_sig_add_word(&b, v[i], strlen(v[i]));
    pc_sig_end(&b, &s);
    return s;
}

static pc_signature_t sign_text(const char *text)
{
    char v[64][16];
    size_t n = 0;
    for (const char *p = text; *p && n < 64;) {
        size_t len = strcspn(p, " ");
        snprintf(v[n++], sizeof v[0], "%.*s", (int)len, p);
        p += len + strspn(p + len, " ");
    }
    return sign(v, n);
}

static void exact_copy(void **state)
{
    (void)state;
    char a[WORDS][16], b[WORDS][16];
    words_of(1, a, WORDS);
    words_of(1, b, WORDS);
    pc_signature_t x = sign(a, WORDS), y = sign(b, WORDS);
    assert_true(pc_sig_similarity(&x, &y) == 1.0);
    assert_true(x.content == y.content);
    assert_true(pc_sig_is_copy(&x, &y));
}

/* A word changed, a line (a dozen words) changed: still a copy; but not
 * the same words. */
static void near_copy(void **state)
{
    (void)state;
    char a[WORDS][16], b[WORDS][16];
    words_of(2, a, WORDS);
    words_of(2, b, WORDS);
    strcpy(b[100], "changed");
    pc_signature_t x = sign(a, WORDS), y = sign(b, WORDS);
    assert_true(x.content != y.content);
    assert_true(pc_sig_similarity(&x, &y) >= 0.9);
    assert_true(pc_sig_is_copy(&x, &y));
    for (size_t i = 50; i < 62; i++)
        snprintf(b[i], sizeof b[i], "line%zu", i);
    y = sign(b, WORDS);
    assert_true(pc_sig_is_copy(&x, &y));
}

/* Other stories share words, not shingles; half a story is no copy. */
static void not_a_copy(void **state)
{
    (void)state;
    char a[WORDS][16], b[WORDS][16];
    words_of(3, a, WORDS);
    words_of(4, b, WORDS);
    pc_signature_t x = sign(a, WORDS), y = sign(b, WORDS);
    assert_true(pc_sig_similarity(&x, &y) < 0.1);
    assert_false(pc_sig_is_copy(&x, &y));
    pc_signature_t half = sign(a, WORDS / 2);
    assert_false(pc_sig_is_copy(&x, &half));
}

/* Word order counts: the same words shuffled are another text. */
static void order_counts(void **state)
{
    (void)state;
    pc_signature_t x = sign_text("the minister said on monday that taxes will rise in march");
    pc_signature_t y = sign_text("taxes will rise in march the minister said on monday that");
    pc_signature_t z = sign_text("march in rise will taxes that monday on said minister the");
    assert_true(x.content != y.content);
    assert_true(pc_sig_similarity(&x, &y) > pc_sig_similarity(&x, &z));
    assert_false(pc_sig_is_copy(&x, &z));
}

/* Shorter than a shingle: the words are one shingle. */
static void short_texts(void **state)
{
    (void)state;
    pc_signature_t x = sign_text("net loss"), y = sign_text("net loss");
    pc_signature_t z = sign_text("net profit");
    assert_true(pc_sig_is_copy(&x, &y));
    assert_true(pc_sig_similarity(&x, &z) < 0.1);
    assert_false(pc_sig_is_copy(&x, &z));
    pc_signature_t none = sign_text("");
    for (size_t i = 0; i < PC_SIG_HASHES; i++)
        assert_true(none.min[i] == UINT32_MAX);
}

static void encode_decode(void **state)
{
    (void)state;
    char a[WORDS][16];
    words_of(5, a, WORDS);
    pc_signature_t x = sign_article("a title", a, WORDS), y;
    assert_true(x.lead != 0);
    unsigned char bytes[PC_SIG_BYTES];
    pc_sig_encode(&x, bytes);
    assert_true(pc_sig_decode(bytes, sizeof bytes, &y));
    assert_memory_equal(&x, &y, sizeof x);
    assert_false(pc_sig_decode(bytes, sizeof bytes - 1, &y));
    assert_false(pc_sig_decode(bytes, 0, &y));
}

/* Copies meet in a band; the terms are fixed, for indexes written before:
 * a change here needs a new schema version (lib/schema.h). */
static void band_terms(void **state)
{
    (void)state;
    char a[WORDS][16], b[WORDS][16], t1[PC_SIG_TERM_MAX + 1], t2[PC_SIG_TERM_MAX + 1];
    words_of(6, a, WORDS);
    words_of(6, b, WORDS);
    strcpy(b[10], "changed");
    pc_signature_t x = sign(a, WORDS), y = sign(b, WORDS);
    unsigned shared = 0;
    for (unsigned i = 0; i < PC_SIG_BANDS; i++) {
        assert_int_equal(pc_sig_band_term(&x, i, t1), PC_SIG_TERM_MAX);
        pc_sig_band_term(&y, i, t2);
        assert_memory_equal(t1, PC_SIG_TERM_PREFIX, 2);
        assert_int_equal(t1[2], 'a' + (int)i);
        shared += strcmp(t1, t2) == 0;
    }
    assert_true(shared >= 1);
    pc_signature_t fox = sign_text("the quick brown fox");
    pc_sig_band_term(&fox, 0, t1);
    assert_string_equal(t1, "XDafcc87765e0ef196f");
}

/* A story cut short is contained in the whole, not the whole in it; a
 * story of the same length that goes on otherwise, one that starts as
 * another and then differs, one too short for a lead, or one that starts
 * otherwise is not. */
static void contained(void **state)
{
    (void)state;
    char a[WORDS][16], b[WORDS][16];
    words_of(8, a, WORDS);
    pc_signature_t whole = sign_article("harbour strike", a, WORDS);
    pc_signature_t cut = sign_article("URGENT harbour strike", a, 60);
    assert_true(pc_sig_similarity(&cut, &whole) < PC_SIG_COPY);
    assert_true(pc_sig_containment(&cut, &whole) >= PC_SIG_CONTAINED);
    assert_true(pc_sig_containment(&whole, &cut) < 0.5);
    assert_true(pc_sig_is_contained(&cut, &whole));
    assert_false(pc_sig_is_contained(&whole, &cut));

    words_of(9, b, WORDS);
    memcpy(b, a, 60 * sizeof b[0]);                /* its start, then another story */
    pc_signature_t same_length = sign_article("harbour strike", b, WORDS);
    assert_false(pc_sig_is_contained(&same_length, &whole));
    assert_false(pc_sig_is_contained(&whole, &same_length));
    pc_signature_t goes_on = sign_article("harbour strike", b, 120);
    assert_false(pc_sig_is_contained(&goes_on, &whole));

    /* A table's figures changed: an estimated 88% of each is in the
     * other, both ways; only their equal length tells it from a cut. */
    memcpy(b, a, sizeof b);
    for (size_t i = PC_SIG_LEAD_WORDS + 2; i < WORDS; i += 26)
        snprintf(b[i], sizeof b[i], "%zu", i);
    pc_signature_t edited = sign_article("harbour strike", b, WORDS);
    assert_false(pc_sig_is_copy(&edited, &whole));
    assert_false(pc_sig_is_contained(&edited, &whole));
    assert_false(pc_sig_is_contained(&whole, &edited));

    pc_signature_t too_short = sign_article("harbour strike", a, PC_SIG_CONTAINED_MIN_WORDS - 1);
    assert_true(pc_sig_containment(&too_short, &whole) >= PC_SIG_CONTAINED);
    assert_false(pc_sig_is_contained(&too_short, &whole));
    memcpy(b, a, sizeof b);
    strcpy(b[0], "changed");
    pc_signature_t other_lead = sign_article("harbour strike", b, 60);
    assert_false(pc_sig_is_contained(&other_lead, &whole));
}

/* The lead: the body's first PC_SIG_LEAD_WORDS words, whatever the
 * title or the rest; none for a body too short.  Its term is fixed, for
 * indexes written before: a change needs a new schema version. */
static void lead_term(void **state)
{
    (void)state;
    char a[WORDS][16], b[WORDS][16], t1[PC_SIG_TERM_MAX + 1], t2[PC_SIG_TERM_MAX + 1];
    words_of(7, a, WORDS);
    words_of(7, b, WORDS);
    pc_signature_t x = sign_article("harbour strike", a, WORDS);
    pc_signature_t cut = sign_article("URGENT harbour strike", b, PC_SIG_CONTAINED_MIN_WORDS);
    assert_int_equal(pc_sig_lead_term(&x, t1), PC_SIG_TERM_MAX);
    assert_memory_equal(t1, PC_SIG_TERM_PREFIX "L", 3);
    assert_int_equal(pc_sig_lead_term(&cut, t2), PC_SIG_TERM_MAX);
    assert_string_equal(t1, t2);
    strcpy(b[PC_SIG_LEAD_WORDS], "changed");      /* past the lead */
    pc_signature_t later = sign_article("", b, WORDS);
    pc_sig_lead_term(&later, t2);
    assert_string_equal(t1, t2);
    strcpy(b[PC_SIG_LEAD_WORDS - 1], "changed");  /* its last word */
    pc_signature_t other = sign_article("", b, WORDS);
    pc_sig_lead_term(&other, t2);
    assert_string_not_equal(t1, t2);
    pc_signature_t too_short = sign_article("harbour strike", a, PC_SIG_CONTAINED_MIN_WORDS - 1);
    assert_true(too_short.lead == 0);
    assert_int_equal(pc_sig_lead_term(&too_short, t2), 0);
    pc_signature_t untitled = sign(a, WORDS);      /* no body begun: no lead */
    assert_true(untitled.lead == 0);
    char words[PC_SIG_CONTAINED_MIN_WORDS][16];
    for (size_t i = 0; i < PC_SIG_CONTAINED_MIN_WORDS; i++)
        snprintf(words[i], sizeof words[i], "word%zu", i);
    pc_signature_t fixed = sign_article("", words, PC_SIG_CONTAINED_MIN_WORDS);
    pc_sig_lead_term(&fixed, t1);
    assert_string_equal(t1, "XDL2ed7d905d90930e8");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_copy),   cmocka_unit_test(near_copy),
        cmocka_unit_test(not_a_copy),   cmocka_unit_test(order_counts),
        cmocka_unit_test(short_texts),  cmocka_unit_test(encode_decode),
        cmocka_unit_test(band_terms),   cmocka_unit_test(lead_term),
        cmocka_unit_test(contained),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
