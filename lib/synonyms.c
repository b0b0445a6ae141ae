/* synonyms: the alternatives of every group, with an index by stems. */
#include "synonyms.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "queryparse.h"

struct pc_synonyms {
    pc_synonym_t *v;         /* by group, each in the order added, duplicates dropped */
    size_t n, cap;
    pc_synonym_t **by_stems; /* v sorted by stems: the look-up */
    size_t *parent;          /* group -> a group it was merged into, or itself */
    size_t n_groups;
    const pc_stem_pair_t *known;   /* stems known beforehand, by word */
    size_t n_known;
};

void pc_synonyms_use_stems(pc_synonyms_t *s, const pc_stem_pair_t *v, size_t n)
{
    s->known = v;
    s->n_known = n;
}

static int cmp_pair(const void *key, const void *elem)
{
    return strcmp(key, ((const pc_stem_pair_t *)elem)->word);
}

/* word's stem: known beforehand, or the stemmer's.  Caller frees it. */
static char *stem_of(const pc_synonyms_t *s, xc_stem_t *stem, const char *word)
{
    const pc_stem_pair_t *p = s->n_known
        ? bsearch(word, s->known, s->n_known, sizeof *s->known, cmp_pair) : NULL;
    return p ? strdup(p->stem) : pc_stem_word(stem, word, strlen(word));
}

pc_synonyms_t *pc_synonyms_new(void)
{
    return calloc(1, sizeof(pc_synonyms_t));
}

static void synonym_free(pc_synonym_t *a)
{
    for (size_t i = 0; i < a->n_words; i++) {
        free(a->words[i]);
        if (a->stems)
            free(a->stems[i]);
    }
    free(a->words);
    free(a->stems);
}

void pc_synonyms_destroy(pc_synonyms_t *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        synonym_free(&s->v[i]);
    free(s->v);
    free(s->by_stems);
    free(s->parent);
    free(s);
}

/* ---- reading a list ---- */

typedef struct reader {
    pc_synonyms_t *s;
    pc_tokenizer_t *tk;
    xc_stem_t *stem;
    const char *name;
    unsigned line;
    presscut_status_t st;
    char **msg;
} reader_t;

static void bad_line(reader_t *r, const char *why, const char *alt, size_t len)
{
    r->st = PRESSCUT_BAD_INPUT;
    if (asprintf(r->msg, "%s:%u: %s%s%.*s%s", r->name, r->line, why, alt ? " '" : "",
                 (int)len, alt ? alt : "", alt ? "'" : "") < 0)
        *r->msg = NULL;
}

static int collect_word(void *ctx, const pc_token_t *t)
{
    pc_synonym_t *a = ctx;
    char **v = realloc(a->words, (a->n_words + 1) * sizeof *v);
    if (!v)
        return 1;
    a->words = v;
    if (!(v[a->n_words] = strndup(t->word, t->len)))
        return 1;
    a->n_words++;
    return 0;
}

static void nomem(reader_t *r)
{
    r->st = PRESSCUT_NOMEM;
    *r->msg = strdup("out of memory");
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* One alternative, text[0..len) with the white space around it. */
static void add_alternative(reader_t *r, const char *text, size_t len, size_t group)
{
    while (len && is_blank(*text))
        text++, len--;
    while (len && is_blank(text[len - 1]))
        len--;
    if (len == 0) {
        bad_line(r, "an empty alternative", NULL, 0);
        return;
    }
    const char *close = len > 1 ? memchr(text + 1, '"', len - 1) : NULL;
    bool exact = text[0] == '"';
    if (exact && close != text + len - 1) {
        bad_line(r, "a quote must enclose a whole alternative:", text, len);
        return;
    }
    if (!exact && memchr(text, '"', len)) {
        bad_line(r, "a quote must enclose a whole alternative:", text, len);
        return;
    }
    pc_synonyms_t *s = r->s;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        pc_synonym_t *v = realloc(s->v, cap * sizeof *v);
        if (!v) {
            nomem(r);
            return;
        }
        s->v = v;
        s->cap = cap;
    }
    pc_synonym_t *a = &s->v[s->n++];
    memset(a, 0, sizeof *a);
    a->exact = exact;
    a->group = group;
    a->line = r->line;
    size_t from = exact, to = exact ? len - 1 : len;
    presscut_status_t st = pc_tokenize(r->tk, text + from, to - from, 1, collect_word, a, NULL);
    if (st == PRESSCUT_BAD_INPUT) {
        bad_line(r, "not valid UTF-8:", text, len);
        return;
    }
    bool ok = st == PRESSCUT_OK && (a->stems = calloc(a->n_words + 1, sizeof *a->stems));
    for (size_t i = 0; ok && i < a->n_words; i++)
        ok = (a->stems[i] = stem_of(s, r->stem, a->words[i])) != NULL;
    if (!ok)
        nomem(r);
    else if (a->n_words == 0)
        bad_line(r, "no word in", text, len);
}

static void add_line(reader_t *r, const char *line, size_t len)
{
    if (memchr(line, '\0', len)) {
        bad_line(r, "a NUL byte: not a text file", NULL, 0);
        return;
    }
    if (len > PC_MAX_SYNONYMS_LINE) {
        r->st = PRESSCUT_BAD_INPUT;
        if (asprintf(r->msg, "%s:%u: a line of more than %d bytes", r->name, r->line,
                     PC_MAX_SYNONYMS_LINE) < 0)
            *r->msg = NULL;
        return;
    }
    /* A comment starts at a '#' outside quotes. */
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '"')
            quoted = !quoted;
        else if (line[i] == '#' && !quoted)
            len = i;
    }
    size_t blank = 0;
    while (blank < len && is_blank(line[blank]))
        blank++;
    if (blank == len)
        return;
    size_t first = r->s->n, group = r->s->n_groups;
    quoted = false;
    for (size_t start = 0, i = 0; i <= len && r->st == PRESSCUT_OK; i++) {
        if (i < len && line[i] == '"')
            quoted = !quoted;
        if (i == len || (!quoted && (line[i] == '=' || line[i] == ','))) {
            add_alternative(r, line + start, i - start, group);
            start = i + 1;
        }
    }
    if (r->st == PRESSCUT_OK && r->s->n - first < 2)
        bad_line(r, "a group needs two alternatives or more", NULL, 0);
    if (r->st == PRESSCUT_OK) {
        size_t *p = realloc(r->s->parent, (group + 1) * sizeof *p);
        if (!p) {
            nomem(r);
            return;
        }
        r->s->parent = p;
        p[group] = group;
        r->s->n_groups++;
    }
}

/* ---- merging and the look-up index ---- */

static int cmp_seq(char *const *a, size_t n, char *const *b, size_t m)
{
    for (size_t i = 0; i < n && i < m; i++) {
        int c = strcmp(a[i], b[i]);
        if (c)
            return c;
    }
    return n < m ? -1 : n > m;
}

/* By stems, then words, then the order added: duplicates are neighbours,
 * the first one added first. */
static int cmp_synonym(const void *pa, const void *pb)
{
    const pc_synonym_t *a = *(const pc_synonym_t *const *)pa;
    const pc_synonym_t *b = *(const pc_synonym_t *const *)pb;
    int c = cmp_seq(a->stems, a->n_words, b->stems, b->n_words);
    if (!c)
        c = cmp_seq(a->words, a->n_words, b->words, b->n_words);
    if (!c)
        c = a < b ? -1 : a > b;
    return c;
}

/* Halves the path on the way: lines chained by shared alternatives stay
 * shallow, however many. */
static size_t find_group(pc_synonyms_t *s, size_t g)
{
    while (s->parent[g] != g)
        g = s->parent[g] = s->parent[s->parent[g]];
    return g;
}

static void sort_index(pc_synonyms_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        s->by_stems[i] = &s->v[i];
    qsort(s->by_stems, s->n, sizeof *s->by_stems, cmp_synonym);
}

/* The first alternative, in the order read, that makes its group larger
 * than PC_MAX_SYNONYMS_GROUP, or NULL.  dup[i]: v[i] repeats another. */
static const pc_synonym_t *group_too_large(pc_synonyms_t *s, const bool *dup, size_t *size)
{
    for (size_t i = 0; i < s->n; i++) {
        if (dup[i])
            continue;
        size_t g = find_group(s, s->v[i].group);
        if (++size[g] > PC_MAX_SYNONYMS_GROUP)
            return &s->v[i];
    }
    return NULL;
}

/* Unites the groups of equal alternatives (neighbours in the index, the
 * first one read first) and marks in dup[] every copy but the first. */
static void join_equal(pc_synonyms_t *s, bool *dup)
{
    pc_synonym_t **ix = s->by_stems;
    for (size_t k = 1, keep = 0; k < s->n; k++) {
        if (cmp_seq(ix[keep]->words, ix[keep]->n_words, ix[k]->words, ix[k]->n_words) != 0) {
            keep = k;
            continue;
        }
        s->parent[find_group(s, ix[k]->group)] = find_group(s, ix[keep]->group);
        dup[ix[k] - s->v] = true;
    }
}

/* Drops the copies marked in dup[] and moves each group's alternatives
 * together into v (room for s->n), in the order read, groups in order:
 * pc_synonyms_next() then finds a group by binary search.  start[] has
 * room for n_groups + 1 counts, zeroed. */
static void gather(pc_synonyms_t *s, const bool *dup, pc_synonym_t *v, size_t *start)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (dup[i]) {
            synonym_free(&s->v[i]);
            continue;
        }
        s->v[n] = s->v[i];
        s->v[n].group = find_group(s, s->v[n].group);
        start[s->v[n].group + 1]++;
        n++;
    }
    for (size_t g = 0; g < s->n_groups; g++)
        start[g + 1] += start[g];
    for (size_t i = 0; i < n; i++)
        v[start[s->v[i].group]++] = s->v[i];
    free(s->v);
    s->v = v;
    s->cap = s->n ? s->n : 1;
    s->n = n;
    sort_index(s);
}

/* Joins the groups that share an alternative and keeps one copy of it.
 * Fails before it changes anything but the look-up index: NOMEM, or
 * BAD_INPUT (r says why) for a group grown too large. */
static presscut_status_t merge(pc_synonyms_t *s, reader_t *r)
{
    size_t n = s->n ? s->n : 1;
    pc_synonym_t **ix = realloc(s->by_stems, n * sizeof *ix);
    if (!ix)
        return PRESSCUT_NOMEM;
    s->by_stems = ix;
    bool *dup = calloc(n, sizeof *dup);
    size_t *parent = malloc((s->n_groups + 1) * sizeof *parent);
    size_t *size = calloc(s->n_groups + 1, sizeof *size);
    pc_synonym_t *v = malloc(n * sizeof *v);
    presscut_status_t st = dup && parent && size && v ? PRESSCUT_OK : PRESSCUT_NOMEM;
    const pc_synonym_t *over = NULL;
    if (st == PRESSCUT_OK) {
        if (s->n_groups)
            memcpy(parent, s->parent, s->n_groups * sizeof *parent);
        sort_index(s);
        join_equal(s, dup);
        over = group_too_large(s, dup, size);
    }
    if (over) {
        memcpy(s->parent, parent, s->n_groups * sizeof *parent);
        r->line = over->line;
        r->st = st = PRESSCUT_BAD_INPUT;
        if (asprintf(r->msg, "%s:%u: a group of more than %d alternatives", r->name, r->line,
                     PC_MAX_SYNONYMS_GROUP) < 0)
            *r->msg = NULL;
    }
    if (st == PRESSCUT_OK) {
        memset(size, 0, (s->n_groups + 1) * sizeof *size);
        gather(s, dup, v, size);
        v = NULL;
    }
    free(dup);
    free(parent);
    free(size);
    free(v);
    return st;
}

presscut_status_t pc_synonyms_add(pc_synonyms_t *s, pc_tokenizer_t *tk, xc_stem_t *stem,
                                  const char *name, const char *text, size_t len,
                                  char **msg)
{
    reader_t r = { s, tk, stem, name, 0, PRESSCUT_OK, msg };
    size_t n_before = s->n, groups_before = s->n_groups;
    *msg = NULL;
    for (size_t at = 0; at < len && r.st == PRESSCUT_OK;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        r.line++;
        add_line(&r, text + at, end - at);
        at = end + 1;
    }
    if (r.st == PRESSCUT_OK && merge(s, &r) == PRESSCUT_NOMEM)
        nomem(&r);
    if (r.st != PRESSCUT_OK) {
        for (size_t i = n_before; i < s->n; i++)
            synonym_free(&s->v[i]);
        s->n = n_before;
        s->n_groups = groups_before;
        /* A merge that failed may have sorted the alternatives just dropped in. */
        if (s->by_stems)
            sort_index(s);
    }
    return r.st;
}

static presscut_status_t cannot_read(const char *path, const char *why, char **msg,
                                     presscut_status_t st)
{
    if (asprintf(msg, "cannot read '%s': %s", path, why) < 0)
        *msg = NULL;
    return st;
}

static presscut_status_t too_large(const char *path, char **msg)
{
    if (asprintf(msg, "cannot read '%s': larger than %d bytes", path, PC_MAX_SYNONYMS_BYTES) < 0)
        *msg = NULL;
    return PRESSCUT_BAD_INPUT;
}

/* Reads the whole of fd, a regular file, into *text: at most
 * PC_MAX_SYNONYMS_BYTES, as the file may grow while it is read. */
static presscut_status_t read_list(int fd, const char *path, char **text, size_t *len,
                                   char **msg)
{
    size_t cap = 4096;
    *len = 0;
    if (!(*text = malloc(cap)))
        return PRESSCUT_NOMEM;
    for (;;) {
        if (*len == cap) {
            if (cap > PC_MAX_SYNONYMS_BYTES)
                break;
            char *v = realloc(*text, cap *= 2);
            if (!v)
                return PRESSCUT_NOMEM;
            *text = v;
        }
        ssize_t got = read(fd, *text + *len, cap - *len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return cannot_read(path, strerror(errno), msg, PRESSCUT_IO);
        if (got == 0)
            break;
        *len += (size_t)got;
    }
    if (*len > PC_MAX_SYNONYMS_BYTES)
        return too_large(path, msg);
    return PRESSCUT_OK;
}

presscut_status_t pc_synonyms_add_file(pc_synonyms_t *s, pc_tokenizer_t *tk,
                                       xc_stem_t *stem, const char *path, char **msg)
{
    *msg = NULL;
    /* Not blocking: opening a FIFO would wait for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return cannot_read(path, strerror(errno), msg, PRESSCUT_IO);
    struct stat sb;
    presscut_status_t st = PRESSCUT_OK;
    char *text = NULL;
    size_t len = 0;
    if (fstat(fd, &sb) != 0)
        st = cannot_read(path, strerror(errno), msg, PRESSCUT_IO);
    else if (!S_ISREG(sb.st_mode))
        st = cannot_read(path, "not a regular file", msg, PRESSCUT_BAD_INPUT);
    else if (sb.st_size > PC_MAX_SYNONYMS_BYTES)
        st = too_large(path, msg);
    else
        st = read_list(fd, path, &text, &len, msg);
    close(fd);
    if (st == PRESSCUT_OK)
        st = pc_synonyms_add(s, tk, stem, path, text, len, msg);
    else if (st == PRESSCUT_NOMEM && !*msg)
        *msg = strdup("out of memory");
    free(text);
    return st;
}

/* ---- matching ---- */

size_t pc_synonyms_match(const pc_synonyms_t *s, char *const *stems, const bool *caps,
                         size_t n, size_t *group)
{
    if (n == 0)
        return 0;
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(s->by_stems[mid]->stems[0], stems[0]) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t best = 0;
    for (size_t k = lo; k < s->n; k++) {
        const pc_synonym_t *a = s->by_stems[k];
        if (strcmp(a->stems[0], stems[0]) != 0)
            break;
        if (a->n_words > n || a->n_words <= best ||
            cmp_seq(a->stems, a->n_words, stems, a->n_words) != 0)
            continue;
        bool typed = true;
        for (size_t i = 0; a->exact && i < a->n_words; i++)
            typed &= caps[i];
        if (typed) {
            best = a->n_words;
            *group = a->group;
        }
    }
    return best;
}

const pc_synonym_t *pc_synonyms_next(const pc_synonyms_t *s, size_t group, size_t *at)
{
    if (*at == 0) {   /* the group's first alternative: v is in group order */
        size_t lo = 0, hi = s->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (s->v[mid].group < group)
                lo = mid + 1;
            else
                hi = mid;
        }
        *at = lo;
    }
    return *at < s->n && s->v[*at].group == group ? &s->v[(*at)++] : NULL;
}
