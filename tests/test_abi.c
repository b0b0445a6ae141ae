/* The shared library's ABI: the layout of every public struct of
 * lib/presscut.h is the one lib/presscut.abi records for the soname's
 * number (somajor), and lib/libpresscut.map versions the symbols with that
 * number.  A struct that changes layout fails here until somajor goes up:
 * a program built against the older header would misread the new library.
 * Reads lib/presscut.abi and lib/libpresscut.map from the repository's
 * root, where tests/run.sh runs the tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "presscut.h"

#define ABI_FILE "lib/presscut.abi"
#define MAP_FILE "lib/libpresscut.map"

/* "struct SIZE" and "struct.field OFFSET", as lib/presscut.abi writes them. */
#define SIZE(s) { #s, sizeof(s) }
#define AT(s, f) { #s "." #f, offsetof(s, f) }

static const struct {
    const char *name;
    size_t value;
} layout[] = {
    SIZE(presscut_progress_t),
    AT(presscut_progress_t, files_done), AT(presscut_progress_t, files_total),
    AT(presscut_progress_t, bytes_done), AT(presscut_progress_t, bytes_total),
    AT(presscut_progress_t, articles),

    SIZE(presscut_index_options_t),
    AT(presscut_index_options_t, language), AT(presscut_index_options_t, full),
    AT(presscut_index_options_t, dry_run), AT(presscut_index_options_t, max_size),
    AT(presscut_index_options_t, warn), AT(presscut_index_options_t, warn_ctx),
    AT(presscut_index_options_t, progress), AT(presscut_index_options_t, progress_ctx),
    AT(presscut_index_options_t, shards), AT(presscut_index_options_t, jobs),

    SIZE(presscut_index_stats_t),
    AT(presscut_index_stats_t, added), AT(presscut_index_stats_t, updated),
    AT(presscut_index_stats_t, moved), AT(presscut_index_stats_t, removed),
    AT(presscut_index_stats_t, unchanged), AT(presscut_index_stats_t, skipped),
    AT(presscut_index_stats_t, passages), AT(presscut_index_stats_t, bytes),
    AT(presscut_index_stats_t, compact_before), AT(presscut_index_stats_t, compact_after),

    SIZE(presscut_db_options_t),
    AT(presscut_db_options_t, allow_partial), AT(presscut_db_options_t, timeout_ms),

    SIZE(presscut_search_options_t),
    AT(presscut_search_options_t, offset), AT(presscut_search_options_t, limit),
    AT(presscut_search_options_t, articles), AT(presscut_search_options_t, snippet_chars),
    AT(presscut_search_options_t, sort), AT(presscut_search_options_t, count_all),
    AT(presscut_search_options_t, correct), AT(presscut_search_options_t, no_feedback),
    AT(presscut_search_options_t, all_copies),

    SIZE(presscut_copy_t),
    AT(presscut_copy_t, article_id), AT(presscut_copy_t, path), AT(presscut_copy_t, line),
    AT(presscut_copy_t, title), AT(presscut_copy_t, date), AT(presscut_copy_t, exact),
    AT(presscut_copy_t, similarity), AT(presscut_copy_t, kind), AT(presscut_copy_t, containment),

    SIZE(presscut_span_t),
    AT(presscut_span_t, start), AT(presscut_span_t, end),

    SIZE(presscut_hit_t),
    AT(presscut_hit_t, rank), AT(presscut_hit_t, score), AT(presscut_hit_t, article_id),
    AT(presscut_hit_t, path), AT(presscut_hit_t, title), AT(presscut_hit_t, date),
    AT(presscut_hit_t, date_text), AT(presscut_hit_t, source), AT(presscut_hit_t, url),
    AT(presscut_hit_t, paragraph), AT(presscut_hit_t, paragraph_end),
    AT(presscut_hit_t, part), AT(presscut_hit_t, line), AT(presscut_hit_t, start),
    AT(presscut_hit_t, end), AT(presscut_hit_t, text), AT(presscut_hit_t, text_len),
    AT(presscut_hit_t, snippet), AT(presscut_hit_t, highlights),
    AT(presscut_hit_t, n_highlights), AT(presscut_hit_t, language),
    AT(presscut_hit_t, copies), AT(presscut_hit_t, n_copies),

    SIZE(presscut_count_t),
    AT(presscut_count_t, estimate), AT(presscut_count_t, lower), AT(presscut_count_t, upper),

    SIZE(presscut_totals_t),
    AT(presscut_totals_t, passages), AT(presscut_totals_t, articles),

    SIZE(presscut_word_diff_t),
    AT(presscut_word_diff_t, kind), AT(presscut_word_diff_t, quote),
    AT(presscut_word_diff_t, text),

    SIZE(presscut_quote_options_t),
    AT(presscut_quote_options_t, limit), AT(presscut_quote_options_t, fuzzy),

    SIZE(presscut_quote_hit_t),
    AT(presscut_quote_hit_t, passage), AT(presscut_quote_hit_t, match),
    AT(presscut_quote_hit_t, passages), AT(presscut_quote_hit_t, match_start),
    AT(presscut_quote_hit_t, match_end), AT(presscut_quote_hit_t, verbatim),
    AT(presscut_quote_hit_t, match_text), AT(presscut_quote_hit_t, sentence),
    AT(presscut_quote_hit_t, diffs), AT(presscut_quote_hit_t, n_diffs),
    AT(presscut_quote_hit_t, copy_of),
};
enum { NLAYOUT = sizeof layout / sizeof layout[0] };

/* One "NAME VALUE" line of lib/presscut.abi. */
typedef struct recorded {
    char name[64];
    size_t value;
    int seen;
} recorded_t;

typedef struct abi {
    int somajor;
    recorded_t rec[2 * NLAYOUT];
    size_t n;
} abi_t;

/* Reads lib/presscut.abi: "somajor N", then the layout; '#' starts a comment. */
static void read_abi(abi_t *abi)
{
    FILE *f = fopen(ABI_FILE, "r");
    if (!f)
        fail_msg("cannot read %s (the tests run from the repository's root)", ABI_FILE);
    char line[256];
    abi->somajor = -1;
    abi->n = 0;
    while (fgets(line, sizeof line, f)) {
        char name[64];
        size_t value;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "%63s %zu", name, &value) != 2)
            fail_msg("%s: a line is not 'NAME NUMBER': %s", ABI_FILE, line);
        if (strcmp(name, "somajor") == 0) {
            abi->somajor = (int)value;
            continue;
        }
        assert_true(abi->n < sizeof abi->rec / sizeof abi->rec[0]);
        recorded_t *r = &abi->rec[abi->n++];
        snprintf(r->name, sizeof r->name, "%s", name);
        r->value = value;
        r->seen = 0;
    }
    fclose(f);
    if (abi->somajor < 0)
        fail_msg("%s names no somajor", ABI_FILE);
}

static recorded_t *find(abi_t *abi, const char *name)
{
    for (size_t i = 0; i < abi->n; i++)
        if (strcmp(abi->rec[i].name, name) == 0)
            return &abi->rec[i];
    return NULL;
}

/* The header's layout is the recorded one, field for field; each
 * difference is printed as the line the record would need. */
static void test_layout_is_recorded(void **state)
{
    (void)state;
    if (sizeof(void *) != 8 || sizeof(long) != 8)
        skip();   /* the record is of LP64 (x86_64, arm64) */
    static abi_t abi;
    read_abi(&abi);
    unsigned differ = 0;
    for (size_t i = 0; i < NLAYOUT; i++) {
        recorded_t *r = find(&abi, layout[i].name);
        if (r && r->value == layout[i].value) {
            r->seen = 1;
            continue;
        }
        differ++;
        if (r) {
            r->seen = 1;
            print_error("%s %zu (recorded: %zu)\n", layout[i].name, layout[i].value, r->value);
        } else {
            print_error("%s %zu (not recorded)\n", layout[i].name, layout[i].value);
        }
    }
    for (size_t i = 0; i < abi.n; i++)
        if (!abi.rec[i].seen) {
            differ++;
            print_error("%s (recorded, no longer in lib/presscut.h)\n", abi.rec[i].name);
        }
    if (differ)
        fail_msg("lib/presscut.h's structs are not laid out as %s records for "
                 "libpresscut.so.%d: add 1 to somajor there and to the node of %s, and "
                 "record the layout above (README, \"The library's ABI\")",
                 ABI_FILE, abi.somajor, MAP_FILE);
}

/* The symbols' version node is PRESSCUT_<somajor>: a program linked
 * against one ABI asks for its node, which another ABI's library lacks. */
static void test_map_names_somajor(void **state)
{
    (void)state;
    static abi_t abi;
    read_abi(&abi);
    FILE *f = fopen(MAP_FILE, "r");
    if (!f)
        fail_msg("cannot read %s", MAP_FILE);
    char line[256], want[32];
    snprintf(want, sizeof want, "PRESSCUT_%d {", abi.somajor);
    int nodes = 0, found = 0;
    while (fgets(line, sizeof line, f)) {
        nodes += strncmp(line, "PRESSCUT_", 9) == 0;
        found += strncmp(line, want, strlen(want)) == 0;
    }
    fclose(f);
    if (nodes != 1 || !found)
        fail_msg("%s: its one version node is not PRESSCUT_%d (somajor in %s)", MAP_FILE,
                 abi.somajor, ABI_FILE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_is_recorded),
        cmocka_unit_test(test_map_names_somajor),
    };
    return cmocka_run_group_tests_name("abi", tests, NULL, NULL);
}
