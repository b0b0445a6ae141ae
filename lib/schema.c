#include "schema.h"

#include <stdio.h>
#include <string.h>
#include <xxhash.h>

#include "tokenize.h"

presscut_status_t pc_id_term(pc_buf_t *b, const char *prefix, const char *id)
{
    size_t plen = strlen(prefix), ilen = strlen(id);
    b->len = 0;
    if (pc_buf_reserve(b, PC_MAX_TERM + 1) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    memcpy(b->p, prefix, plen);
    if (plen + ilen <= PC_MAX_TERM) {
        memcpy(b->p + plen, id, ilen);
        b->len = plen + ilen;
    } else {
        size_t keep = PC_MAX_TERM - plen - 17;
        memcpy(b->p + plen, id, keep);
        snprintf(b->p + plen + keep, 18, "#%016llx",
                 (unsigned long long)XXH3_64bits(id, ilen));
        b->len = plen + keep + 17;
    }
    b->p[b->len] = '\0';
    return PRESSCUT_OK;
}

static void put_be32(char *p, unsigned v)
{
    p[0] = (char)(v >> 24);
    p[1] = (char)(v >> 16);
    p[2] = (char)(v >> 8);
    p[3] = (char)v;
}

presscut_status_t pc_order_key(pc_buf_t *b, const char *path, const char *article_id,
                               unsigned paragraph, unsigned part)
{
    size_t plen = strlen(path) + 1;
    size_t ilen = strcmp(article_id, path) == 0 ? 0 : strlen(article_id);
    b->len = 0;
    if (pc_buf_reserve(b, plen + ilen + 9) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    memcpy(b->p, path, plen);
    memcpy(b->p + plen, article_id, ilen);
    b->p[plen + ilen] = '\0';
    put_be32(b->p + plen + ilen + 1, paragraph);
    put_be32(b->p + plen + ilen + 5, part);
    b->len = plen + ilen + 9;
    return PRESSCUT_OK;
}

bool pc_has_stem_term(const char *word, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (word[i] >= '0' && word[i] <= '9')
            return false;
    return !pc_is_stopword(word, len);
}
