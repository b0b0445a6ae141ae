/* copies: the articles of an index that are copies of one article.
 *
 * Found when results are shown, not stored as clusters: each article
 * carries its signature, band terms and lead term (lib/signature.h,
 * lib/schema.h), and an article's copies are those that share a band
 * term or the lead term with it and whose signature is alike enough
 * (the same words, a similarity of PC_SIG_COPY, or one cut short of the
 * other: pc_sig_is_contained()), and, unless exact, dated close enough
 * (PC_COPIES_MAX_DAYS).  Nothing about a
 * copy is written into another article's documents, so an article that
 * changes or goes takes its part in every cluster with it, and a run
 * killed half-way leaves no cluster half-updated.  Copies are the
 * article's own: one of its copies' copies need not be one of its.
 */
#ifndef PRESSCUT_COPIES_H
#define PRESSCUT_COPIES_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut.h"
#include "signature.h"
#include "tokenize.h"
#include "xapian_c.h"

/* Documents sharing a band or the lead with an article that are looked
 * at: past it, copies are left out (a story sent a thousand times).
 * Each costs a value read. */
#define PC_COPIES_MAX_CANDIDATES 1000

/* A copy other than an exact one dated more days than this from the
 * article is another edition of a routine report (Reuters' daily "Fed
 * adds reserves", a monthly crop estimate: the same words, a figure
 * changed), not a copy: re-sends and corrections follow within a day or
 * two.  Articles without a full date are not compared so. */
#define PC_COPIES_MAX_DAYS 2

typedef struct pc_copies {
    char *article_id;            /* whose copies these are */
    bool signed_;                /* the article's signature was found */
    pc_signature_t sig;
    char *date;                  /* its date (ISO 8601), "" when none */
    presscut_copy_t *v;          /* best first: by kind (exact, near, shorter,
                                    longer), then by similarity */
    size_t n;
    char **records;              /* own what v points into */
    size_t n_records;
} pc_copies_t;

/* Finds the copies of the articles ids[0..n) in db, out[i] those of
 * ids[i] (the caller frees each with pc_copies_free(), also on failure):
 * reads the posting lists of each article's A term and bands, never a
 * search (an Enquire's term statistics cost ten times the look-up).
 * Returns OK, or the failure of the database (RETRY, CORRUPT, NETWORK,
 * NOMEM, INTERNAL) with *msg (caller frees) saying why. */
presscut_status_t pc_copies_find(xc_rdb_t *db, const char *const *ids, size_t n,
                                 pc_copies_t *out, char **msg);

/* The article article_id as one of c's copies; NULL when it is none. */
const presscut_copy_t *pc_copies_get(const pc_copies_t *c, const char *article_id);

void pc_copies_free(pc_copies_t *c);

/* The signature of a passage's text, its words as tk reads them: two
 * passages are nearly the same when pc_sig_is_copy() says so.  OK, or the
 * tokenizer's failure (pc_tokenizer_error() says why). */
presscut_status_t pc_copies_text_signature(pc_tokenizer_t *tk, const char *text, size_t len,
                                           pc_signature_t *out);

#endif
