/* synonyms: a built-in list for news, extended by a file. */
#include "synonyms.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Short forms that are also common words ("US", "WHO", "IT") are left
 * out: the query text has lost its capitals by the time it is matched. */
static const char *const builtin[] = {
    "EU = European Union",
    "UN = United Nations",
    "NATO = North Atlantic Treaty Organization = North Atlantic Alliance",
    "UK = United Kingdom = Britain",
    "USA = United States",
    "IMF = International Monetary Fund",
    "WTO = World Trade Organization",
    "ECB = European Central Bank",
    "OPEC = Organization of the Petroleum Exporting Countries",
    "OSCE = Organization for Security and Co-operation in Europe",
    "ICC = International Criminal Court",
    "ICJ = International Court of Justice",
    "UNHCR = UN refugee agency",
    "UNICEF = United Nations Children's Fund",
    "IAEA = International Atomic Energy Agency",
    "OECD = Organisation for Economic Co-operation and Development",
    "G7 = Group of Seven",
    "G20 = Group of Twenty",
    "ASEAN = Association of Southeast Asian Nations",
    "AU = African Union",
    "GDP = gross domestic product",
    "CEO = chief executive",
    "PM = prime minister",
    "MP = member of parliament",
    "MEP = member of the European Parliament",
    "FBI = Federal Bureau of Investigation",
    "CIA = Central Intelligence Agency",
    "NHS = National Health Service",
    "BBC = British Broadcasting Corporation",
    "FTSE = Footsie",
    "SEC = Securities and Exchange Commission",
    "EC = European Commission",
    "ECHR = European Court of Human Rights",
    "ECJ = European Court of Justice",
    "UAE = United Arab Emirates",
    "DRC = Democratic Republic of Congo",
    "AI = artificial intelligence",
    "VAT = value added tax",
    "COVID = coronavirus",
    "MoD = Ministry of Defence",
    "FIFA = International Federation of Association Football",
    "IOC = International Olympic Committee",
    "NGO = non-governmental organisation",
};

struct pc_synonyms {
    pc_syngroup_t *v;
    size_t n, cap;
};

static void free_alt(pc_alternative_t *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->words[i]);
    free(a->words);
}

static void free_group(pc_syngroup_t *g)
{
    for (size_t i = 0; i < g->n; i++)
        free_alt(&g->alts[i]);
    free(g->alts);
}

void pc_synonyms_destroy(pc_synonyms_t *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free_group(&s->v[i]);
    free(s->v);
    free(s);
}

typedef struct adding {
    pc_alternative_t *alt;
    bool nomem;
} adding_t;

static int add_word(void *ctx, const pc_token_t *t)
{
    adding_t *c = ctx;
    pc_alternative_t *a = c->alt;
    char **v = realloc(a->words, (a->n + 1) * sizeof *v);
    if (v)
        a->words = v;
    if (!v || !(v[a->n] = strndup(t->word, t->len))) {
        c->nomem = true;
        return 1;
    }
    a->n++;
    return 0;
}

/* One line: OK (a group added, or nothing on the line), NOMEM, or BAD_ARG
 * with *why set. */
static presscut_status_t parse_line(pc_synonyms_t *s, pc_tokenizer_t *tk, char *line,
                                    const char **why)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    if (line[strspn(line, " \t\r\n")] == '\0')
        return PRESSCUT_OK;
    pc_syngroup_t g = { 0 };
    presscut_status_t st = PRESSCUT_OK;
    for (char *part = line; part && st == PRESSCUT_OK;) {
        char *eq = strchr(part, '=');
        size_t len = eq ? (size_t)(eq - part) : strlen(part);
        pc_alternative_t *v = realloc(g.alts, (g.n + 1) * sizeof *v);
        if (!v) {
            st = PRESSCUT_NOMEM;
            break;
        }
        g.alts = v;
        pc_alternative_t *a = &g.alts[g.n++];
        *a = (pc_alternative_t){ 0 };
        adding_t c = { a, false };
        st = pc_tokenize(tk, part, len, 1, add_word, &c, NULL);
        if (st == PRESSCUT_OK && c.nomem)
            st = PRESSCUT_NOMEM;
        if (st == PRESSCUT_OK && a->n == 0) {
            *why = "an alternative without words";
            st = PRESSCUT_BAD_ARG;
        }
        part = eq ? eq + 1 : NULL;
    }
    if (st == PRESSCUT_OK && g.n < 2) {
        *why = "one name alone: separate two or more with '='";
        st = PRESSCUT_BAD_ARG;
    }
    if (st == PRESSCUT_OK && s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        pc_syngroup_t *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            st = PRESSCUT_NOMEM;
        else {
            s->v = v;
            s->cap = cap;
        }
    }
    if (st != PRESSCUT_OK) {
        free_group(&g);
        return st;
    }
    s->v[s->n++] = g;
    return PRESSCUT_OK;
}

static presscut_status_t fail(presscut_status_t st, char **msg, const char *name, long line,
                              const char *why)
{
    if (msg && asprintf(msg, "%s:%ld: %s", name, line,
                        st == PRESSCUT_NOMEM ? "out of memory" : why) < 0)
        *msg = NULL;
    return st;
}

static presscut_status_t load_file(pc_synonyms_t *s, pc_tokenizer_t *tk, const char *path,
                                   char **msg)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (msg && asprintf(msg, "%s: cannot read: %s", path, strerror(errno)) < 0)
            *msg = NULL;
        return PRESSCUT_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    presscut_status_t st = PRESSCUT_OK;
    while (st == PRESSCUT_OK && getline(&line, &cap, f) >= 0) {
        const char *why = "";
        lineno++;
        if ((st = parse_line(s, tk, line, &why)) != PRESSCUT_OK)
            fail(st, msg, path, lineno, why);
    }
    if (st == PRESSCUT_OK && ferror(f)) {
        if (msg && asprintf(msg, "%s: cannot read: %s", path, strerror(errno)) < 0)
            *msg = NULL;
        st = PRESSCUT_IO;
    }
    free(line);
    fclose(f);
    return st;
}

presscut_status_t pc_synonyms_new(pc_tokenizer_t *tk, const char *path, pc_synonyms_t **out,
                                  char **msg)
{
    pc_synonyms_t *s = calloc(1, sizeof *s);
    if (!s)
        return PRESSCUT_NOMEM;
    presscut_status_t st = PRESSCUT_OK;
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0] && st == PRESSCUT_OK; i++) {
        char *line = strdup(builtin[i]);
        const char *why = "";
        st = line ? parse_line(s, tk, line, &why) : PRESSCUT_NOMEM;
        if (st != PRESSCUT_OK)
            fail(st, msg, "built-in synonyms", (long)i + 1, why);
        free(line);
    }
    if (st == PRESSCUT_OK && path)
        st = load_file(s, tk, path, msg);
    if (st != PRESSCUT_OK) {
        pc_synonyms_destroy(s);
        return st;
    }
    *out = s;
    return PRESSCUT_OK;
}

static bool begins_with(char *const *words, size_t n, const pc_alternative_t *a)
{
    if (a->n > n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(words[i], a->words[i]) != 0)
            return false;
    return true;
}

const pc_syngroup_t *pc_synonyms_match(const pc_synonyms_t *s, char *const *words, size_t n,
                                       size_t *len)
{
    const pc_syngroup_t *best = NULL;
    *len = 0;
    for (size_t g = 0; s && g < s->n; g++)
        for (size_t a = 0; a < s->v[g].n; a++)
            if (s->v[g].alts[a].n > *len && begins_with(words, n, &s->v[g].alts[a])) {
                best = &s->v[g];
                *len = s->v[g].alts[a].n;
            }
    return best;
}
