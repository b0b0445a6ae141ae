/* Passage records and schema keys: what every stored passage relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "record.h"
#include "schema.h"

static pc_record_t sample(void)
{
    pc_record_t r = {
        .article_id = "corpus/a.txt", .path = "corpus/a.txt", .title = "Tit\xc3\xa9le",
        .date = "2024-03-07T10:00:00Z", .date_text = "Thu, 07 Mar 2024 10:00:00 +0000",
        .source = "Wire", .url = "https://example.org/a", .language = "sr",
        .paragraph = 3, .part = 1, .n_breaks = 2, .breaks = { 4, 9 },
        .prev_paragraph = 2, .prev_part = 0, .next_paragraph = 6, .next_part = 0,
        .line = 0, .start = 1234, .end = 99999,
        .text = "Hello\0world", .text_len = 11,
    };
    return r;
}

static void round_trip(void **state)
{
    (void)state;
    pc_record_t in = sample(), out;
    pc_buf_t b = { 0 };
    assert_int_equal(pc_record_encode(&in, &b), PRESSCUT_OK);
    assert_int_equal(pc_record_decode(b.p, b.len, &out), PRESSCUT_OK);
    assert_string_equal(out.article_id, in.article_id);
    assert_string_equal(out.path, in.path);
    assert_string_equal(out.title, in.title);
    assert_string_equal(out.date, in.date);
    assert_string_equal(out.date_text, in.date_text);
    assert_string_equal(out.source, in.source);
    assert_string_equal(out.url, in.url);
    assert_string_equal(out.language, in.language);
    assert_int_equal(out.paragraph, 3);
    assert_int_equal(out.part, 1);
    assert_int_equal(out.n_breaks, 2);
    assert_int_equal(out.breaks[0], 4);
    assert_int_equal(out.breaks[1], 9);
    assert_int_equal(out.prev_paragraph, 2);
    assert_int_equal(out.next_paragraph, 6);
    assert_int_equal(out.line, 0);
    assert_int_equal(out.start, 1234);
    assert_int_equal(out.end, 99999);
    assert_int_equal(out.text_len, 11);
    assert_memory_equal(out.text, "Hello\0world", 11);
    assert_int_equal(out.text[11], '\0');
    free(b.p);
}

/* An HTML passage's source bytes and where its paragraphs begin in them. */
static void source_round_trip(void **state)
{
    (void)state;
    pc_record_t in = sample(), out;
    in.src = "<b>Hello</b>\n<p>world";
    in.src_len = strlen(in.src);
    in.src_breaks[0] = 13;
    in.src_breaks[1] = 16;
    pc_buf_t b = { 0 };
    assert_int_equal(pc_record_encode(&in, &b), PRESSCUT_OK);
    assert_int_equal(pc_record_decode(b.p, b.len, &out), PRESSCUT_OK);
    assert_int_equal(out.src_len, in.src_len);
    assert_string_equal(out.src, in.src);
    assert_int_equal(out.src_breaks[0], 13);
    assert_int_equal(out.src_breaks[1], 16);
    assert_false(out.markdown);
    /* A markdown passage's source says so. */
    in.markdown = true;
    assert_int_equal(pc_record_encode(&in, &b), PRESSCUT_OK);
    assert_int_equal(pc_record_decode(b.p, b.len, &out), PRESSCUT_OK);
    assert_true(out.markdown);
    /* Breaks past the source, or out of order, are damage. */
    in.src_breaks[1] = 12;
    assert_int_equal(pc_record_encode(&in, &b), PRESSCUT_OK);
    assert_int_equal(pc_record_decode(b.p, b.len, &out), PRESSCUT_CORRUPT);
    in.src_breaks[1] = in.src_len + 1;
    assert_int_equal(pc_record_encode(&in, &b), PRESSCUT_OK);
    assert_int_equal(pc_record_decode(b.p, b.len, &out), PRESSCUT_CORRUPT);
    /* Without source bytes, none are read back. */
    in.src = NULL;
    assert_int_equal(pc_record_encode(&in, &b), PRESSCUT_OK);
    assert_int_equal(pc_record_decode(b.p, b.len, &out), PRESSCUT_OK);
    assert_int_equal(out.src_len, 0);
    assert_false(out.markdown);
    assert_int_equal(out.src_breaks[0], 0);
    free(b.p);
}

/* Repaired bytes of invalid UTF-8, for citations inside the passage. */
static void repairs_round_trip(void **state)
{
    (void)state;
    pc_record_t in = sample(), out;
    pc_buf_t reps = { 0 }, b = { 0 };
    assert_int_equal(pc_record_add_repair(&reps, 2), PRESSCUT_OK);
    assert_int_equal(pc_record_add_repair(&reps, 6), PRESSCUT_OK);
    in.repairs = reps.p;
    in.n_repairs = 2;
    assert_int_equal(pc_record_encode(&in, &b), PRESSCUT_OK);
    assert_int_equal(pc_record_decode(b.p, b.len, &out), PRESSCUT_OK);
    assert_int_equal(out.n_repairs, 2);
    assert_int_equal(pc_record_repair(&out, 0), 2);
    assert_int_equal(pc_record_repair(&out, 1), 6);
    /* Overlapping, or past the text: damage. */
    reps.len = 0;
    pc_record_add_repair(&reps, 2);
    pc_record_add_repair(&reps, 4);
    in.repairs = reps.p;
    assert_int_equal(pc_record_encode(&in, &b), PRESSCUT_OK);
    assert_int_equal(pc_record_decode(b.p, b.len, &out), PRESSCUT_CORRUPT);
    reps.len = 0;
    pc_record_add_repair(&reps, 9);
    in.repairs = reps.p;
    in.n_repairs = 1;
    assert_int_equal(pc_record_encode(&in, &b), PRESSCUT_OK);
    assert_int_equal(pc_record_decode(b.p, b.len, &out), PRESSCUT_CORRUPT);
    free(reps.p);
    free(b.p);
}

static void null_strings_are_empty(void **state)
{
    (void)state;
    pc_record_t in = sample(), out;
    in.title = NULL;
    in.url = NULL;
    in.language = NULL;
    in.line = 42;
    pc_buf_t b = { 0 };
    assert_int_equal(pc_record_encode(&in, &b), PRESSCUT_OK);
    assert_int_equal(pc_record_decode(b.p, b.len, &out), PRESSCUT_OK);
    assert_string_equal(out.title, "");
    assert_string_equal(out.url, "");
    assert_string_equal(out.language, "");
    assert_int_equal(out.line, 42);
    free(b.p);
}

/* Every truncation and every single-byte change of the magic must be
 * refused, never read past the buffer (ASan checks the latter). */
static void damaged_data_is_corrupt(void **state)
{
    (void)state;
    pc_record_t in = sample(), out;
    pc_buf_t b = { 0 };
    assert_int_equal(pc_record_encode(&in, &b), PRESSCUT_OK);
    for (size_t n = 0; n < b.len; n++) {
        char *copy = malloc(n ? n : 1);
        assert_non_null(copy);
        memcpy(copy, b.p, n);
        assert_int_equal(pc_record_decode(copy, n, &out), PRESSCUT_CORRUPT);
        free(copy);
    }
    b.p[0] ^= 1;
    assert_int_equal(pc_record_decode(b.p, b.len, &out), PRESSCUT_CORRUPT);
    assert_int_equal(pc_record_decode("", 0, &out), PRESSCUT_CORRUPT);
    free(b.p);
}

static void short_ids_are_kept_whole(void **state)
{
    (void)state;
    pc_buf_t b = { 0 };
    assert_int_equal(pc_id_term(&b, "Q", "corpus/a.txt#3.0"), PRESSCUT_OK);
    assert_string_equal(b.p, "Qcorpus/a.txt#3.0");
    assert_int_equal(b.len, strlen(b.p));
    free(b.p);
}

static void long_ids_stay_unique_and_short(void **state)
{
    (void)state;
    char id1[600], id2[600];
    memset(id1, 'x', sizeof id1 - 1);
    id1[sizeof id1 - 1] = '\0';
    memcpy(id2, id1, sizeof id1);
    id2[500] = 'y';   /* differs only after the cut */
    pc_buf_t b1 = { 0 }, b2 = { 0 };
    assert_int_equal(pc_id_term(&b1, "A", id1), PRESSCUT_OK);
    assert_int_equal(pc_id_term(&b2, "A", id2), PRESSCUT_OK);
    assert_true(b1.len <= PC_MAX_TERM);
    assert_int_equal(b1.len, b2.len);
    assert_string_not_equal(b1.p, b2.p);
    assert_int_equal(b1.p[0], 'A');
    free(b1.p);
    free(b2.p);
}

static void order_keys_sort_by_path_article_paragraph_part(void **state)
{
    (void)state;
    pc_buf_t a = { 0 }, b = { 0 }, c = { 0 };
    assert_int_equal(pc_order_key(&a, "a.txt", "a.txt", 2, 0), PRESSCUT_OK);
    assert_int_equal(pc_order_key(&b, "a.txt", "a.txt", 10, 0), PRESSCUT_OK);
    assert_int_equal(pc_order_key(&c, "a.txt", "a.txt", 10, 1), PRESSCUT_OK);
    assert_true(memcmp(a.p, b.p, a.len) < 0);   /* 2 before 10, not as text */
    assert_true(memcmp(b.p, c.p, b.len) < 0);
    pc_buf_t d = { 0 };
    assert_int_equal(pc_order_key(&d, "b.txt", "b.txt", 1, 0), PRESSCUT_OK);
    assert_true(memcmp(c.p, d.p, 6) < 0);
    /* The articles of one feed, in one paragraph, differ by id. */
    pc_buf_t e = { 0 }, f = { 0 };
    assert_int_equal(pc_order_key(&e, "w.jsonl", "gen-1", 1, 0), PRESSCUT_OK);
    assert_int_equal(pc_order_key(&f, "w.jsonl", "gen-2", 1, 0), PRESSCUT_OK);
    assert_true(e.len == f.len && memcmp(e.p, f.p, e.len) < 0);
    free(a.p);
    free(b.p);
    free(c.p);
    free(d.p);
    free(e.p);
    free(f.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(source_round_trip),
        cmocka_unit_test(repairs_round_trip),
        cmocka_unit_test(null_strings_are_empty),
        cmocka_unit_test(damaged_data_is_corrupt),
        cmocka_unit_test(short_ids_are_kept_whole),
        cmocka_unit_test(long_ids_stay_unique_and_short),
        cmocka_unit_test(order_keys_sort_by_path_article_paragraph_part),
    };
    return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
