#include "spelling.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "queryparse.h"
#include "tokenize.h"

typedef struct best {
    size_t plen;             /* the field's prefix, left out of each term */
    const char *word;
    size_t len;
    size_t max_dist;
    size_t dist;
    unsigned freq;
    char *found;
    bool nomem;
} best_t;

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

size_t pc_edit_distance(const char *a, size_t n, const char *b, size_t m, size_t max)
{
    size_t rows[3][PC_MAX_WORD + 2];
    if (n > PC_MAX_WORD || m > PC_MAX_WORD)
        return max + 1;
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t lowest = cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
            if (cur[j] < lowest)
                lowest = cur[j];
        }
        if (lowest > max)
            return max + 1;
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

static int consider(void *ctx, const char *term, size_t len, unsigned freq)
{
    best_t *b = ctx;
    term += b->plen;
    len -= b->plen;
    if (len + b->max_dist < b->len || len > b->len + b->max_dist)
        return 0;
    size_t d = pc_edit_distance(b->word, b->len, term, len, b->max_dist);
    if (d == 0 || d > b->max_dist || d > b->dist || (d == b->dist && freq <= b->freq))
        return 0;
    char *copy = strndup(term, len);
    if (!copy) {
        b->nomem = true;
        return 1;
    }
    free(b->found);
    b->found = copy;
    b->dist = d;
    b->freq = freq;
    return 0;
}

presscut_status_t pc_spelling_suggest(xc_rdb_t *db, const char *prefix, const char *word,
                                      char **out)
{
    size_t len = strlen(word), plen = strlen(prefix);
    best_t b = { .plen = plen, .word = word, .len = len, .max_dist = len > 5 ? 2 : 1, .dist = SIZE_MAX };
    *out = NULL;
    if (len == 0 || len > PC_MAX_WORD)
        return (*out = strdup("")) ? PRESSCUT_OK : PRESSCUT_NOMEM;
    /* The first letter (a whole UTF-8 character) is rarely the typo. */
    size_t first = 1;
    while (first < len && ((unsigned char)word[first] & 0xC0) == 0x80)
        first++;
    char start[16] = "";
    if (plen + first >= sizeof start)
        return (*out = strdup("")) ? PRESSCUT_OK : PRESSCUT_NOMEM;
    memcpy(start, prefix, plen);
    memcpy(start + plen, word, first);
    presscut_status_t st = xc_rdb_allterms(db, start, consider, &b);
    if (st == PRESSCUT_OK && b.nomem)
        st = PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK && !b.found && !(b.found = strdup("")))
        st = PRESSCUT_NOMEM;
    if (st != PRESSCUT_OK) {
        free(b.found);
        return st;
    }
    *out = b.found;
    return PRESSCUT_OK;
}

const char *pc_spelling_prefix(pc_spelling_field_t field)
{
    return field == PC_SPELLING_TITLE ? "S" : field == PC_SPELLING_SOURCE ? "XS" : "";
}

/* The field named by q[from..to) when it is "name:" or begins so. */
static pc_spelling_field_t field_named(const char *q, size_t from, size_t to)
{
    const char *colon = memchr(q + from, ':', to - from);
    if (!colon)
        return PC_SPELLING_BODY;
    size_t n = (size_t)(colon - (q + from));
    if (n == 5 && strncasecmp(q + from, "title", 5) == 0)
        return PC_SPELLING_TITLE;
    if (n == 6 && strncasecmp(q + from, "source", 6) == 0)
        return PC_SPELLING_SOURCE;
    if ((n == 4 && strncasecmp(q + from, "date", 4) == 0) ||
        (n == 8 && strncasecmp(q + from, "language", 8) == 0))
        return PC_SPELLING_NONE;
    return PC_SPELLING_BODY;   /* "e.g.:" is no field: its words are words */
}

pc_spelling_field_t pc_spelling_field_at(pc_spelling_scan_t *s, const char *query, size_t at)
{
    while (s->pos < at) {
        size_t i = s->pos, q = pc_quote_len(query + i);
        char c = query[i];
        if (q) {
            if (!s->quoted)
                s->quote_field = field_named(query, s->chunk, i);
            s->quoted = !s->quoted;
            s->chunk = i + q;
            s->pos = i + q;
            continue;
        }
        if (!s->quoted && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '('))
            s->chunk = i + 1;
        s->pos = i + 1;
    }
    return s->quoted ? s->quote_field : field_named(query, s->chunk, at);
}
