#include "catalog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define FILE_PREFIX "presscut:f:"
#define ITEM_PREFIX "presscut:i:"

/* Xapian keeps metadata keys under about 245 bytes; stay well below. */
#define MAX_KEY 200

/* Value layout of a file entry: sizes first, then the full path; a
 * skipped file's ends in a NUL, 'c' or 's' (pc_skip_t) and the reason.
 * Readers of the path alone stop at the NUL. */
#define FILE_FIXED 28

uint64_t pc_catalog_hash(const void *bytes, size_t len)
{
    return XXH3_64bits(bytes, len);
}

presscut_status_t pc_catalog_hash_file(const char *path, uint64_t *hash, int *err)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        *err = errno;
        return PRESSCUT_IO;
    }
    XXH3_state_t *h = XXH3_createState();
    char *buf = malloc(1 << 16);
    presscut_status_t st = h && buf ? PRESSCUT_OK : PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK) {
        XXH3_64bits_reset(h);
        size_t n;
        while ((n = fread(buf, 1, 1 << 16, in)) > 0)
            XXH3_64bits_update(h, buf, n);
        if (ferror(in)) {
            *err = errno;
            st = PRESSCUT_IO;
        }
        *hash = XXH3_64bits_digest(h);
    }
    XXH3_freeState(h);
    free(buf);
    fclose(in);
    return st;
}

static void put_be(unsigned char *p, uint64_t v, int n)
{
    for (int i = n - 1; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)v;
}

static uint64_t get_be(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* prefix + name, or, when that is too long, a cut of it ending in name's
 * hash; caller frees with free(). */
static char *make_key(const char *prefix, const char *name)
{
    size_t plen = strlen(prefix), nlen = strlen(name);
    char *key = malloc(MAX_KEY + 1);
    if (!key)
        return NULL;
    if (plen + nlen <= MAX_KEY) {
        memcpy(key, prefix, plen);
        memcpy(key + plen, name, nlen + 1);
    } else {
        size_t keep = MAX_KEY - plen - 17;
        memcpy(key, prefix, plen);
        memcpy(key + plen, name, keep);
        snprintf(key + plen + keep, 18, "#%016llx",
                 (unsigned long long)pc_catalog_hash(name, nlen));
    }
    return key;
}

/* The key prefix of one feed's item entries. */
static void item_prefix(const char *feed, char out[sizeof ITEM_PREFIX + 17])
{
    snprintf(out, sizeof ITEM_PREFIX + 17, "%s%016llx:", ITEM_PREFIX,
             (unsigned long long)pc_catalog_hash(feed, strlen(feed)));
}

static char *item_key(const char *feed, const char *id)
{
    char prefix[sizeof ITEM_PREFIX + 17];
    item_prefix(feed, prefix);
    return make_key(prefix, id);
}

/* A file entry's value v[0..len) (NUL-terminated, at least FILE_FIXED
 * bytes) into *e. */
static void decode_file(const char *v, size_t len, pc_file_entry_t *e)
{
    const unsigned char *p = (const unsigned char *)v;
    e->size = get_be(p, 8);
    e->mtime_ns = (int64_t)get_be(p + 8, 8);
    e->hash = get_be(p + 16, 8);
    e->articles = (uint32_t)get_be(p + 24, 4);
    size_t at = FILE_FIXED + strlen(v + FILE_FIXED) + 1;
    char kind = len > at ? v[at] : '\0';
    e->skip = kind == 'c' ? PC_SKIP_CONTENT : kind == 's' ? PC_SKIP_SIZE : PC_SKIP_NONE;
    e->reason[0] = '\0';
    if (e->skip != PC_SKIP_NONE)
        snprintf(e->reason, sizeof e->reason, "%.*s", (int)(len - at - 1), v + at + 1);
}

presscut_status_t pc_catalog_get_file(xc_wdb_t *db, const char *path, pc_file_entry_t *e,
                                      bool *found)
{
    char *key = make_key(FILE_PREFIX, path), *v = NULL;
    size_t len = 0;
    if (!key)
        return PRESSCUT_NOMEM;
    presscut_status_t st = xc_wdb_get_metadata(db, key, &v, &len);
    free(key);
    *found = st == PRESSCUT_OK && len >= FILE_FIXED && strcmp(v + FILE_FIXED, path) == 0;
    if (*found)
        decode_file(v, len, e);
    free(v);
    return st;
}

presscut_status_t pc_catalog_put_file(xc_wdb_t *db, const char *path, const pc_file_entry_t *e)
{
    size_t plen = strlen(path);
    size_t rlen = e->skip != PC_SKIP_NONE ? strnlen(e->reason, sizeof e->reason) : 0;
    size_t len = FILE_FIXED + plen + (e->skip != PC_SKIP_NONE ? 2 + rlen : 0);
    char *key = make_key(FILE_PREFIX, path);
    unsigned char *v = malloc(len);
    presscut_status_t st = PRESSCUT_NOMEM;
    if (key && v) {
        put_be(v, e->size, 8);
        put_be(v + 8, (uint64_t)e->mtime_ns, 8);
        put_be(v + 16, e->hash, 8);
        put_be(v + 24, e->articles, 4);
        memcpy(v + FILE_FIXED, path, plen);
        if (e->skip != PC_SKIP_NONE) {
            v[FILE_FIXED + plen] = '\0';
            v[FILE_FIXED + plen + 1] = e->skip == PC_SKIP_SIZE ? 's' : 'c';
            memcpy(v + FILE_FIXED + plen + 2, e->reason, rlen);
        }
        st = xc_wdb_set_metadata(db, key, (const char *)v, len);
    }
    free(key);
    free(v);
    return st;
}

typedef struct keylist {
    char **v;
    size_t n, cap;
    int nomem;
} keylist_t;

static int collect_key(void *ctx, const char *key, size_t len)
{
    keylist_t *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            l->nomem = 1;
            return 1;
        }
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strndup(key, len))) {
        l->nomem = 1;
        return 1;
    }
    l->n++;
    return 0;
}

static void keylist_free(keylist_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static presscut_status_t collect(xc_wdb_t *db, const char *prefix, keylist_t *l)
{
    presscut_status_t st = xc_wdb_metadata_keys(db, prefix, collect_key, l);
    return st == PRESSCUT_OK && l->nomem ? PRESSCUT_NOMEM : st;
}

static int found_key(void *ctx, const char *key, size_t len)
{
    (void)key;
    (void)len;
    *(bool *)ctx = false;
    return 1;
}

presscut_status_t pc_catalog_empty(xc_wdb_t *db, bool *empty)
{
    *empty = true;
    return xc_wdb_metadata_keys(db, FILE_PREFIX, found_key, empty);
}

presscut_status_t pc_catalog_delete_file(xc_wdb_t *db, const char *path)
{
    char *key = make_key(FILE_PREFIX, path);
    if (!key)
        return PRESSCUT_NOMEM;
    presscut_status_t st = xc_wdb_set_metadata(db, key, "", 0);
    free(key);
    char prefix[sizeof ITEM_PREFIX + 17];
    item_prefix(path, prefix);
    keylist_t items = { 0 };
    if (st == PRESSCUT_OK)
        st = collect(db, prefix, &items);
    for (size_t i = 0; i < items.n && st == PRESSCUT_OK; i++)
        st = xc_wdb_set_metadata(db, items.v[i], "", 0);
    keylist_free(&items);
    return st;
}

static bool below(const char *path, const char *root, size_t rlen)
{
    if (strncmp(path, root, rlen) != 0)
        return false;
    return path[rlen] == '\0' || path[rlen] == '/' || (rlen > 0 && root[rlen - 1] == '/');
}

presscut_status_t pc_catalog_each_file(xc_wdb_t *db, const char *root,
                                       presscut_status_t (*fn)(void *ctx, const char *path),
                                       void *ctx)
{
    /* Scan by the key prefix, which a long root may have hashed away: then
     * scan its uncut part and let the full paths in the values decide. */
    size_t rlen = strlen(root);
    char *prefix = make_key(FILE_PREFIX, root);
    if (!prefix)
        return PRESSCUT_NOMEM;
    if (strlen(FILE_PREFIX) + rlen > MAX_KEY)
        prefix[MAX_KEY - 17] = '\0';
    keylist_t keys = { 0 };
    presscut_status_t st = collect(db, prefix, &keys);
    free(prefix);
    for (size_t i = 0; i < keys.n && st == PRESSCUT_OK; i++) {
        char *v = NULL;
        size_t len = 0;
        st = xc_wdb_get_metadata(db, keys.v[i], &v, &len);
        if (st == PRESSCUT_OK && len > FILE_FIXED && below(v + FILE_FIXED, root, rlen))
            st = fn(ctx, v + FILE_FIXED);
        free(v);
    }
    keylist_free(&keys);
    return st;
}

presscut_status_t pc_catalog_get_item(xc_wdb_t *db, const char *feed, const char *id,
                                      uint64_t *hash, bool *found)
{
    char *key = item_key(feed, id), *v = NULL;
    size_t len = 0;
    if (!key)
        return PRESSCUT_NOMEM;
    presscut_status_t st = xc_wdb_get_metadata(db, key, &v, &len);
    free(key);
    *found = st == PRESSCUT_OK && len == 8;
    if (*found)
        *hash = get_be((const unsigned char *)v, 8);
    free(v);
    return st;
}

presscut_status_t pc_catalog_put_item(xc_wdb_t *db, const char *feed, const char *id,
                                      uint64_t hash)
{
    char *key = item_key(feed, id);
    if (!key)
        return PRESSCUT_NOMEM;
    unsigned char v[8];
    put_be(v, hash, 8);
    presscut_status_t st = xc_wdb_set_metadata(db, key, (const char *)v, sizeof v);
    free(key);
    return st;
}

typedef struct rdb_walk {
    xc_rdb_t *db;
    presscut_status_t (*fn)(void *ctx, const char *path, const pc_file_entry_t *e);
    void *ctx;
    presscut_status_t st;
} rdb_walk_t;

static int read_entry(void *ctx, const char *key, size_t len)
{
    (void)len;
    rdb_walk_t *w = ctx;
    char *v = NULL;
    size_t vlen = 0;
    w->st = xc_rdb_get_metadata(w->db, key, &v, &vlen);
    if (w->st == PRESSCUT_OK && vlen > FILE_FIXED) {
        pc_file_entry_t e;
        decode_file(v, vlen, &e);
        w->st = w->fn(w->ctx, v + FILE_FIXED, &e);
    }
    free(v);
    return w->st != PRESSCUT_OK;
}

presscut_status_t pc_catalog_read_files(xc_rdb_t *db,
                                        presscut_status_t (*fn)(void *ctx, const char *path,
                                                                const pc_file_entry_t *e),
                                        void *ctx)
{
    rdb_walk_t w = { db, fn, ctx, PRESSCUT_OK };
    presscut_status_t st = xc_rdb_metadata_keys(db, FILE_PREFIX, read_entry, &w);
    return st != PRESSCUT_OK ? st : w.st;
}
