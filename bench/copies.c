/* copies: the groups of copies an index holds, for measuring the
 * detection (bench/RESULTS.md, "Copies").
 *
 *   copies DB
 *
 * Looks up the copies of every article (lib/copies.h, as results do),
 * joins articles that are copies into groups (connected: a re-send of a
 * re-send is in its group), and prints one line per pair found
 *   pair ID1 ID2 SIMILARITY KIND CONTAINMENT
 * KIND as ID2 is a copy of ID1: exact, near, shorter (ID2 is ID1 cut
 * short) or longer (ID1 is ID2 cut short); then one summary line
 *   articles N with_copies N groups N largest N pairs N exact N near N contained N
 * Articles whose id was too long for a term are left out.  Exit status 0,
 * or 2 when DB cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "copies.h"
#include "resultjson.h"
#include "xapian_c.h"

/* Articles looked up together. */
#define BATCH 64

typedef struct ids {
    char **v;
    size_t n, cap;
} ids_t;

static int add_id(void *ctx, const char *term, size_t len, unsigned freq)
{
    ids_t *ids = ctx;
    (void)freq;
    if (ids->n == ids->cap) {
        ids->cap = ids->cap ? 2 * ids->cap : 1024;
        if (!(ids->v = realloc(ids->v, ids->cap * sizeof *ids->v)))
            return 1;
    }
    return !(ids->v[ids->n++] = strndup(term + 1, len - 1));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t find(size_t *parent, size_t i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: copies DB\n", stderr);
        return 2;
    }
    xc_rdb_t *db = NULL;
    char *m = NULL;
    ids_t ids = { 0 };
    if (xc_rdb_open(argv[1], &db, &m) != PRESSCUT_OK ||
        xc_rdb_allterms(db, "A", add_id, &ids) != PRESSCUT_OK || (ids.n && !ids.v)) {
        fprintf(stderr, "copies: cannot read '%s': %s\n", argv[1], m ? m : xc_rdb_error(db));
        return 2;
    }
    qsort(ids.v, ids.n, sizeof *ids.v, cmp_str);   /* Xapian's order is bytes' too */
    size_t *parent = malloc((ids.n + 1) * sizeof *parent);
    size_t *size = calloc(ids.n + 1, sizeof *size);
    if (!parent || !size)
        return 2;
    for (size_t i = 0; i < ids.n; i++)
        parent[i] = i;
    size_t with = 0, pairs = 0, by_kind[4] = { 0 };
    pc_copies_t found[BATCH];
    for (size_t i = 0; i < ids.n; i++) {
        size_t b = i % BATCH;
        if (b == 0 && pc_copies_find(db, (const char *const *)ids.v + i,
                                     ids.n - i < BATCH ? ids.n - i : BATCH, found, &m) != PRESSCUT_OK) {
            fprintf(stderr, "copies: %s: %s\n", ids.v[i], m ? m : "failed");
            return 2;
        }
        const pc_copies_t c = found[b];
        with += c.n > 0;
        for (size_t k = 0; k < c.n; k++) {
            char **at = bsearch(&c.v[k].article_id, ids.v, ids.n, sizeof *ids.v, cmp_str);
            if (!at)
                continue;
            size_t j = (size_t)(at - ids.v);
            parent[find(parent, j)] = find(parent, i);
            if (strcmp(ids.v[i], c.v[k].article_id) < 0) {   /* each pair once */
                printf("pair %s %s %.3f %s %.3f\n", ids.v[i], c.v[k].article_id,
                       c.v[k].similarity, pc_json_copy_kind_name(c.v[k].kind), c.v[k].containment);
                pairs++;
                by_kind[c.v[k].kind]++;
            }
        }
        if (b == BATCH - 1 || i + 1 == ids.n)
            for (size_t k = 0; k <= b; k++)
                pc_copies_free(&found[k]);
    }
    size_t groups = 0, largest = 0;
    for (size_t i = 0; i < ids.n; i++)
        size[find(parent, i)]++;
    for (size_t i = 0; i < ids.n; i++) {
        groups += size[i] > 1;
        if (size[i] > largest)
            largest = size[i];
    }
    printf("articles %zu with_copies %zu groups %zu largest %zu pairs %zu exact %zu near %zu "
           "contained %zu\n", ids.n, with, groups, largest, pairs, by_kind[PRESSCUT_COPY_EXACT],
           by_kind[PRESSCUT_COPY_NEAR],
           by_kind[PRESSCUT_COPY_SHORTER] + by_kind[PRESSCUT_COPY_LONGER]);
    return 0;
}
