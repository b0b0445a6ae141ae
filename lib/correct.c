/* correct: "did you mean", the query with its likely misspellings
 * corrected. */
#include "correct.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "queryparse.h"
#include "schema.h"
#include "spelling.h"
#include "stem.h"
#include "stemset.h"
#include "synonyms.h"
#include "tokenize.h"
#include "xapian_c.h"

typedef struct speller {
    presscut_db_t *db;
    const char *text;
    char *out;                   /* the query so far, corrected words in it */
    size_t len, copied;          /* bytes in out; bytes of text consumed */
    unsigned looked_up;          /* words looked for in the term list */
    pc_spelling_scan_t scan;     /* which field each word belongs to */
    const char *language;        /* the code of the query's first language:, or NULL */
    bool changed;
    presscut_status_t st;
} speller_t;

static bool append(speller_t *sp, const char *s, size_t n)
{
    char *v = realloc(sp->out, sp->len + n + 1);
    if (!v) {
        sp->st = PRESSCUT_NOMEM;
        return false;
    }
    memcpy(v + sp->len, s, n);
    sp->len += n;
    v[sp->len] = '\0';
    sp->out = v;
    return true;
}

/* Puts the closest word of the field (its terms start with prefix) in
 * t's place, if there is one. */
static int replace_word(speller_t *sp, const pc_token_t *t, const char *prefix)
{
    char *better = NULL;
    if (sp->looked_up++ == PC_SPELLING_MAX_WORDS)
        return 1;
    if ((sp->st = pc_spelling_suggest(sp->db->db, prefix, t->word, sp->language, &better)) !=
        PRESSCUT_OK)
        return 1;
    if (better[0] && append(sp, sp->text + sp->copied, t->start - sp->copied) &&
        append(sp, better, strlen(better))) {
        sp->copied = t->end;
        sp->changed = true;
    }
    free(better);
    return sp->st != PRESSCUT_OK;
}

/* A title: or source: value, searched as its exact term. */
static int spell_field_word(speller_t *sp, const pc_token_t *t, const char *prefix)
{
    char *term = NULL;
    unsigned freq = 0;
    if (asprintf(&term, "%s%s", prefix, t->word) < 0) {
        sp->st = PRESSCUT_NOMEM;
        return 1;
    }
    sp->st = xc_rdb_termfreq(sp->db->db, term, &freq);
    free(term);
    if (sp->st != PRESSCUT_OK || freq > 0)
        return sp->st != PRESSCUT_OK;
    return replace_word(sp, t, prefix);
}

/* *freq: the passages of the Z term of word's stem in the first of the
 * index's languages that has one ("москва" finds "москве" by Russian). */
static presscut_status_t stem_held(presscut_db_t *db, const char *word, size_t len,
                                   unsigned *freq)
{
    presscut_status_t st = PRESSCUT_OK;
    *freq = 0;
    for (size_t i = 0; i < pc_stemset_count(db->stems) && !*freq && st == PRESSCUT_OK; i++) {
        char *stem = pc_stem_word(pc_stemset_at(db->stems, i), word, len), *zterm = NULL;
        if (!stem || asprintf(&zterm, PC_STEM_PREFIX "%s", stem) < 0)
            st = PRESSCUT_NOMEM;
        else
            st = xc_rdb_termfreq(db->db, zterm, freq);
        free(zterm);
        free(stem);
    }
    return st;
}

/* A word no passage holds, not even in another form of its stem, is
 * likely misspelled: replace it by the closest indexed word.  Field names
 * (title:), wildcards (econom*) and operators are left alone; a field's
 * value is checked against that field's words, never the body's. */
static int spell_word(void *ctx, const pc_token_t *t)
{
    speller_t *sp = ctx;
    const char *src = sp->text + t->start;
    pc_spelling_field_t field = pc_spelling_field_at(&sp->scan, sp->text, t->start);
    if (t->len < 3 || t->numeric || sp->text[t->end] == ':' || sp->text[t->end] == '*' ||
        field == PC_SPELLING_NONE || field == PC_SPELLING_LANGUAGE ||
        pc_is_stopword(t->word, t->len) ||
        (t->end - t->start == 4 && !strncmp(src, "NEAR", 4)))
        return 0;
    if (field != PC_SPELLING_BODY)
        return spell_field_word(sp, t, pc_spelling_prefix(field));
    unsigned freq = 0;
    if ((sp->st = xc_rdb_termfreq(sp->db->db, t->word, &freq)) != PRESSCUT_OK || freq > 0)
        return sp->st != PRESSCUT_OK;
    char *stem = pc_stem_word(sp->db->stem, t->word, t->len);
    if (!stem) {
        sp->st = PRESSCUT_NOMEM;
        return 1;
    }
    /* "vertebrates" finds what says "vertebrate": the same search. */
    if (pc_has_stem_term(t->word, t->len))
        sp->st = stem_held(sp->db, t->word, t->len, &freq);
    /* An acronym no passage holds may still find its long form ("OSCE"). */
    bool caps = true;
    size_t group;
    if (sp->st == PRESSCUT_OK && !freq && sp->db->syn &&
        pc_synonyms_match(sp->db->syn, &stem, &caps, 1, &group))
        freq = 1;
    free(stem);
    if (sp->st != PRESSCUT_OK || freq)
        return sp->st != PRESSCUT_OK;
    return replace_word(sp, t, "");
}

/* The query's first language: value that names a language: its words
 * are the likelier corrections ("language:hr" prefers Croatian ones). */
static int find_language(void *ctx, const pc_token_t *t)
{
    speller_t *sp = ctx;
    if (pc_spelling_field_at(&sp->scan, sp->text, t->start) != PC_SPELLING_LANGUAGE)
        return 0;
    const pc_language_t *l = pc_language_find(t->word, t->len);
    if (l && l->code[0])
        sp->language = l->code;
    return sp->language != NULL;
}

presscut_status_t pc_correct_query(presscut_db_t *db, const char *query, char **out)
{
    speller_t sp = { .db = db, .text = query, .st = PRESSCUT_OK };
    *out = NULL;
    presscut_status_t st = pc_tokenize(db->tk, query, strlen(query), 1, find_language, &sp, NULL);
    sp.scan = (pc_spelling_scan_t){ 0 };
    if (st == PRESSCUT_OK)
        st = pc_tokenize(db->tk, query, strlen(query), 1, spell_word, &sp, NULL);
    if (st == PRESSCUT_OK)
        st = sp.st;
    if (st == PRESSCUT_OK && sp.changed)
        append(&sp, query + sp.copied, strlen(query + sp.copied)), st = sp.st;
    if (st != PRESSCUT_OK || !sp.changed) {
        free(sp.out);
        /* A query the tokenizer refuses is reported by the parser; a
         * database that changed meanwhile is read again, as for the
         * search; running out of memory stops it. */
        return st == PRESSCUT_NOMEM || st == PRESSCUT_RETRY ? st : PRESSCUT_OK;
    }
    *out = sp.out;
    return PRESSCUT_OK;
}
