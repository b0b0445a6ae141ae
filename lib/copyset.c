/* copyset: the copies of the articles of a search's hits. */
#include "copyset.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "message.h"

void pc_copyset_free(pc_copyset_t *a)
{
    for (size_t i = 0; i < a->n; i++)
        pc_copies_free(&a->v[i]);
    free(a->v);
    memset(a, 0, sizeof *a);
}

size_t pc_copyset_find(const pc_copyset_t *a, const char *article_id)
{
    size_t at = 0;
    while (at < a->n && strcmp(a->v[at].article_id, article_id) != 0)
        at++;
    return at;
}

presscut_status_t pc_copyset_need(pc_copyset_t *a, xc_rdb_t *db, const char **ids, size_t n,
                                  char **err)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        bool known = pc_copyset_find(a, ids[i]) < a->n;
        for (size_t j = 0; j < k && !known; j++)
            known = strcmp(ids[j], ids[i]) == 0;
        if (!known)
            ids[k++] = ids[i];
    }
    if (k == 0)
        return PRESSCUT_OK;
    if (a->n + k > a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 16;
        while (cap < a->n + k)
            cap *= 2;
        pc_copies_t *v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        a->v = v;
        a->cap = cap;
    }
    char *m = NULL;
    presscut_status_t st = pc_copies_find(db, ids, k, a->v + a->n, &m);
    a->n += k;
    if (st != PRESSCUT_OK && st != PRESSCUT_NOMEM)
        pc_message_set(err, "%s", m ? m : presscut_status_to_string(st));
    free(m);
    return st;
}
