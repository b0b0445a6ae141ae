/* stemset: a short array of stemmers, looked up by name. */
#include "stemset.h"

#include <stdlib.h>
#include <string.h>

#include "language.h"

typedef struct entry {
    xc_stem_t *stem;
    pc_stemcache_t *cache;
} entry_t;

struct pc_stemset {
    bool cached;
    entry_t *v;
    size_t n, cap;
};

pc_stemset_t *pc_stemset_new(bool cached)
{
    pc_stemset_t *s = calloc(1, sizeof *s);
    if (s)
        s->cached = cached;
    return s;
}

void pc_stemset_destroy(pc_stemset_t *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        pc_stemcache_destroy(s->v[i].cache);
        xc_stem_destroy(s->v[i].stem);
    }
    free(s->v);
    free(s);
}

static presscut_status_t add(pc_stemset_t *s, const char *name, char **msg)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 4;
        entry_t *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return PRESSCUT_NOMEM;
        s->v = v;
        s->cap = cap;
    }
    entry_t e = { NULL, NULL };
    presscut_status_t st = xc_stem_new(name, &e.stem, msg);
    if (st == PRESSCUT_OK && s->cached && !(e.cache = pc_stemcache_new(e.stem))) {
        xc_stem_destroy(e.stem);
        st = PRESSCUT_NOMEM;
    }
    if (st == PRESSCUT_OK)
        s->v[s->n++] = e;
    return st;
}

presscut_status_t pc_stemset_get(pc_stemset_t *s, const char *name, xc_stem_t **stem,
                                 pc_stemcache_t **cache, char **msg)
{
    size_t i = 0;
    while (i < s->n && strcmp(xc_stem_language(s->v[i].stem), name) != 0)
        i++;
    presscut_status_t st = i < s->n ? PRESSCUT_OK : add(s, name, msg);
    if (st != PRESSCUT_OK)
        return st;
    *stem = s->v[i].stem;
    if (cache)
        *cache = s->v[i].cache;
    return PRESSCUT_OK;
}

size_t pc_stemset_count(const pc_stemset_t *s)
{
    return s->n;
}

xc_stem_t *pc_stemset_at(const pc_stemset_t *s, size_t i)
{
    return s->v[i].stem;
}

xc_stem_t *pc_stemset_for(pc_stemset_t *s, const char *code, xc_stem_t *fallback)
{
    const pc_language_t *l = pc_language_find(code, strlen(code));
    xc_stem_t *stem;
    char *why = NULL;
    if (!l || pc_stemset_get(s, l->stemmer, &stem, NULL, &why) != PRESSCUT_OK)
        stem = fallback;
    free(why);
    return stem;
}
