/* stemcache: open addressing over one arena of "word stem" byte runs. */
#include "stemcache.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "record.h"
#include "schema.h"
#include "stem.h"

/* Past this many words (a vocabulary no news collection reaches, but a
 * feed of random tokens could) the cache starts again rather than grow. */
#define MAX_WORDS (1u << 20)

/* stem_len of a word that gets no Z term. */
#define NO_STEM UINT32_MAX

typedef struct slot {
    uint64_t hash;     /* 0: empty */
    size_t off;        /* word, then stem, in the arena */
    uint32_t word_len, stem_len;
} slot_t;


struct pc_stemcache {
    xc_stem_t *stem;
    slot_t *slots;
    size_t n_slots, n_used;    /* n_slots: a power of two */
    pc_buf_t arena;
};

static void found(const pc_stemcache_t *c, const slot_t *s, const char **out, size_t *out_len)
{
    *out = s->stem_len == NO_STEM ? NULL : c->arena.p + s->off + s->word_len;
    *out_len = s->stem_len == NO_STEM ? 0 : s->stem_len;
}

pc_stemcache_t *pc_stemcache_new(xc_stem_t *stem)
{
    pc_stemcache_t *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->stem = stem;
    c->n_slots = 4096;
    if (!(c->slots = calloc(c->n_slots, sizeof *c->slots))) {
        free(c);
        return NULL;
    }
    return c;
}

void pc_stemcache_destroy(pc_stemcache_t *c)
{
    if (!c)
        return;
    free(c->slots);
    free(c->arena.p);
    free(c);
}

static presscut_status_t grow_slots(pc_stemcache_t *c)
{
    size_t n = 2 * c->n_slots;
    slot_t *s = calloc(n, sizeof *s);
    if (!s)
        return PRESSCUT_NOMEM;
    for (size_t i = 0; i < c->n_slots; i++) {
        if (!c->slots[i].hash)
            continue;
        size_t j = c->slots[i].hash & (n - 1);
        while (s[j].hash)
            j = (j + 1) & (n - 1);
        s[j] = c->slots[i];
    }
    free(c->slots);
    c->slots = s;
    c->n_slots = n;
    return PRESSCUT_OK;
}

/* Appends word's stem after word in the arena; the stem's length or
 * (size_t)-1.  A stem is never more than a few bytes longer than its
 * word, but Snowball does not promise it: the second try is exact. */
static size_t stem_into_arena(pc_stemcache_t *c, const char *word, size_t len)
{
    size_t room = 2 * len + 8;
    for (;;) {
        if (pc_buf_reserve(&c->arena, len + room) != PRESSCUT_OK)
            return (size_t)-1;
        char *at = c->arena.p + c->arena.len;
        memcpy(at, word, len);
        size_t n = pc_stem_apply(c->stem, word, len, at + len, room);
        if (n == (size_t)-1 || n < room)
            return n;
        room = n + 1;
    }
}

presscut_status_t pc_stemcache_get(pc_stemcache_t *c, const char *word, size_t len,
                                   const char **out, size_t *out_len)
{
    uint64_t h = XXH3_64bits(word, len) | 1;
    size_t mask = c->n_slots - 1, i = h & mask;
    for (; c->slots[i].hash; i = (i + 1) & mask) {
        const slot_t *s = &c->slots[i];
        if (s->hash == h && s->word_len == len && memcmp(c->arena.p + s->off, word, len) == 0) {
            found(c, s, out, out_len);
            return PRESSCUT_OK;
        }
    }
    if (c->n_used >= MAX_WORDS) {
        memset(c->slots, 0, c->n_slots * sizeof *c->slots);
        c->n_used = c->arena.len = 0;
    } else if ((c->n_used + 1) * 2 > c->n_slots) {   /* half full at most: short probes */
        if (grow_slots(c) != PRESSCUT_OK)
            return PRESSCUT_NOMEM;
    }
    mask = c->n_slots - 1;
    for (i = h & mask; c->slots[i].hash; i = (i + 1) & mask)
        ;
    size_t n;
    bool has = pc_has_stem_term(word, len);
    if (has) {
        n = stem_into_arena(c, word, len);
    } else if (pc_buf_reserve(&c->arena, len) == PRESSCUT_OK) {
        memcpy(c->arena.p + c->arena.len, word, len);
        n = 0;
    } else {
        n = (size_t)-1;
    }
    if (n == (size_t)-1)
        return PRESSCUT_NOMEM;
    slot_t *s = &c->slots[i];
    *s = (slot_t){ h, c->arena.len, (uint32_t)len, has ? (uint32_t)n : NO_STEM };
    c->arena.len += len + n;
    c->n_used++;
    found(c, s, out, out_len);
    return PRESSCUT_OK;
}
