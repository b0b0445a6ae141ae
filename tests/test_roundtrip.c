/* The invariant that makes search trustworthy: indexing and querying
 * tokenize alike.  Every paragraph of a passage, searched as a quoted
 * phrase, finds its passage; and the same phrase typed in capitals, without diacritics, with
 * other quotes, apostrophes and dashes finds the same passages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "presscut.h"
#include "scratch.h"
#include "record.h"
#include "schema.h"
#include "xapian_c.h"

#define BBC "../shared/corpus/bbc"

typedef struct corpus_run {
    scratch_t s;
    unsigned checked, failed;
} corpus_run_t;

/* The passage as a phrase query: characters the query syntax reads as
 * quotes become spaces.  The tokenizer reads them as breaks, and so must
 * the query: dropped, `carpet."It's` would become the one word
 * `carpet.It's`. */
static char *as_phrase(const char *text, size_t len, const char *open, const char *close)
{
    char *q = malloc(len + 16), *p = q;
    assert_non_null(q);
    p += sprintf(p, "%s", open);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"') {
            *p++ = ' ';
            continue;
        }
        if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
            ((unsigned char)text[i + 2] == 0x9C || (unsigned char)text[i + 2] == 0x9D ||
             (unsigned char)text[i + 2] == 0x9E)) {
            i += 2;
            *p++ = ' ';
            continue;
        }
        if (c == 0xC2 && i + 1 < len &&
            ((unsigned char)text[i + 1] == 0xAB || (unsigned char)text[i + 1] == 0xBB)) {
            i += 1;
            *p++ = ' ';
            continue;
        }
        *p++ = (char)c;
    }
    strcpy(p, close);
    return q;
}

/* The same phrase as a careless typist enters it: ASCII letters in
 * capitals, curly apostrophes straight, dashes as hyphens, č/š/ž/é/ć bare. */
static char *retyped(const char *q)
{
    static const struct { const char *from, *to; } subs[] = {
        { "\xe2\x80\x99", "'" }, { "\xe2\x80\x94", "-" }, { "\xe2\x80\x93", "-" },
        { "\xc4\x8d", "C" }, { "\xc5\xa1", "S" }, { "\xc5\xbe", "Z" }, { "\xc3\xa9", "E" },
        { "\xc4\x87", "C" },
    };
    size_t len = strlen(q);
    char *out = malloc(len + 1), *p = out;
    assert_non_null(out);
    for (size_t i = 0; i < len;) {
        size_t k;
        for (k = 0; k < sizeof subs / sizeof subs[0]; k++) {
            size_t n = strlen(subs[k].from);
            if (strncmp(q + i, subs[k].from, n) == 0) {
                p += sprintf(p, "%s", subs[k].to);
                i += n;
                break;
            }
        }
        if (k == sizeof subs / sizeof subs[0]) {
            char c = q[i++];
            *p++ = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
        }
    }
    *p = '\0';
    return out;
}

/* Is the passage (id, paragraph, part) among the hits?  Not necessarily
 * first: a republished article holds the same phrase in a longer passage. */
static bool finds_itself(const presscut_results_t *res, const pc_record_t *rec)
{
    for (size_t i = 0; i < presscut_results_count(res); i++) {
        const presscut_hit_t *h = presscut_results_get(res, i);
        if (strcmp(h->article_id, rec->article_id) == 0 && h->paragraph == rec->paragraph &&
            h->part == rec->part)
            return true;
    }
    return false;
}

static bool same_hits(const presscut_results_t *a, const presscut_results_t *b)
{
    size_t n = presscut_results_count(a);
    if (n != presscut_results_count(b))
        return false;
    for (size_t i = 0; i < n; i++) {
        const presscut_hit_t *x = presscut_results_get(a, i), *y = presscut_results_get(b, i);
        if (strcmp(x->article_id, y->article_id) != 0 || x->paragraph != y->paragraph ||
            x->part != y->part)
            return false;
    }
    return true;
}

/* Paragraph k of the passage, text[from..to), as a phrase. */
static void check_paragraph(corpus_run_t *r, presscut_db_t *db, const pc_record_t *rec,
                            unsigned k, size_t from, size_t to)
{
    /* Every passage, a copy's too (bbc holds copies): none left out. */
    presscut_search_options_t opts = { .limit = 100, .all_copies = 1 };
    char *q = as_phrase(rec->text + from, to - from, "\"", "\"");
    char *curly = as_phrase(rec->text + from, to - from, "\xe2\x80\x9c", "\xe2\x80\x9d");
    char *typed = retyped(curly);
    presscut_results_t *a = NULL, *b = NULL;
    presscut_status_t sa = presscut_db_search(db, q, &opts, &a);
    presscut_status_t sb = presscut_db_search(db, typed, &opts, &b);
    r->checked++;
    if (sa == PRESSCUT_EMPTY && sb == PRESSCUT_EMPTY) {
        /* nothing searchable (a line of symbols): nothing to find */
    } else if (sa != PRESSCUT_OK || !finds_itself(a, rec)) {
        if (r->failed++ < 5)
            print_error("paragraph %s #%u.%u does not find its passage (%s)\n",
                        rec->article_id, rec->paragraph + k, rec->part,
                        presscut_status_to_string(sa));
    } else if (sb != PRESSCUT_OK || !same_hits(a, b)) {
        if (r->failed++ < 5)
            print_error("paragraph %s #%u.%u retyped finds other passages: %s\n",
                        rec->article_id, rec->paragraph + k, rec->part, typed);
    }
    presscut_results_destroy(a);
    presscut_results_destroy(b);
    free(q);
    free(curly);
    free(typed);
}

static void check_passage(corpus_run_t *r, presscut_db_t *db, const pc_record_t *rec)
{
    size_t from = 0;
    for (unsigned k = 0; k <= rec->n_breaks; k++) {
        size_t to = k < rec->n_breaks ? rec->breaks[k] : rec->text_len;
        check_paragraph(r, db, rec, k, from, to);
        from = to;
    }
}

/* Checks every passage, or every step-th one. */
static void run_corpus(const char *src, unsigned step)
{
    corpus_run_t r = { .checked = 0 };
    scratch_make(&r.s);
    scratch_index_path(&r.s, src);
    xc_rdb_t *raw;
    presscut_db_t *db = scratch_open(&r.s);
    unsigned count;
    assert_int_equal(xc_rdb_open(r.s.db, &raw, NULL), PRESSCUT_OK);
    assert_int_equal(xc_rdb_doccount(raw, &count), PRESSCUT_OK);
    assert_true(count > 0);
    /* A fresh index numbers its documents 1..count. */
    for (unsigned id = 1; id <= count; id += step) {
        char *data;
        size_t len;
        pc_record_t rec;
        assert_int_equal(xc_rdb_get_value(raw, id, PC_SLOT_RECORD, &data, &len), PRESSCUT_OK);
        assert_int_equal(pc_record_decode(data, len, &rec), PRESSCUT_OK);
        check_passage(&r, db, &rec);
        free(data);
    }
    print_message("%s: %u paragraphs of %u passages checked, %u failed\n", src, r.checked,
                  count, r.failed);
    presscut_db_close(db);
    xc_rdb_close(raw);
    scratch_remove(&r.s);
    assert_int_equal(r.failed, 0);
}

static void sample_corpus(void **state)
{
    (void)state;
    run_corpus("corpus", 1);
}

static void bbc_corpus(void **state)
{
    (void)state;
    struct stat sb;
    if (stat(BBC, &sb) != 0) {
        print_message("skipped: " BBC " is absent (the shared corpora are not here)\n");
        skip();
    }
    run_corpus(BBC, 13);   /* about 1500 of its ~20000 passages */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_corpus),
        cmocka_unit_test(bbc_corpus),
    };
    return cmocka_run_group_tests_name("roundtrip", tests, NULL, NULL);
}
