/* signature: what tells the copies of an article from other articles.
 *
 * A MinHash signature over the article's word shingles: the normalized
 * words (lib/tokenize.h), PC_SIG_SHINGLE at a time, each shingle hashed
 * PC_SIG_HASHES ways, the least of each way kept.  Two articles' share of
 * equal minima estimates the Jaccard similarity of their shingle sets
 * (Broder 1997): a story re-sent with a line changed keeps most shingles,
 * another story about the same thing few.  Its words' hash in order (the
 * content hash) tells exact copies: the same words, however wrapped, cased
 * or accented.  For finding candidates without a scan, the minima are cut
 * into PC_SIG_BANDS bands, each hashed into a term (locality-sensitive
 * hashing): articles sharing a band term are looked at, others never.
 *
 * A re-send cut short (a wire's "urgent" first paragraph, then the whole
 * story; a syndicated copy trimmed to its first paragraphs) shares too
 * few shingles with the whole for its Jaccard similarity to count, and
 * rarely a band.  But most of its shingles are the whole's: its
 * containment in it, |A n B| / |A|, is high.  Where the minima of A and
 * B differ, the lesser belongs to the union's least shingle, which lies
 * in A only, in B only, or (the minima equal) in both; so the hashes
 * where A's minimum is the lesser or equal sample A's shingles, and the
 * share of equal minima among them estimates the containment, no set
 * sizes needed.  Such pairs are found by their lead: the hash of the
 * body's first PC_SIG_LEAD_WORDS words, a term of its own.
 */
#ifndef PRESSCUT_SIGNATURE_H
#define PRESSCUT_SIGNATURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Words per shingle: three keep "Reuters said on" from matching across
 * unrelated stories, and a changed word costs three shingles. */
#define PC_SIG_SHINGLE 3
#define PC_SIG_HASHES 64
/* 8 bands of 4 rows (of the first 32 minima; all 64 estimate the
 * similarity): a pair at Jaccard 0.8 shares a band with probability
 * 1 - (1 - 0.8^4)^8 = 0.985, at 0.85 0.997, at 0.9 0.99995; at 0.3,
 * 0.06.  Each band is a posting list read for every result shown: 16
 * bands (0.9999 at 0.8) cost a query twice the block reads. */
#define PC_SIG_BANDS 8
#define PC_SIG_ROWS 4
_Static_assert(PC_SIG_BANDS * PC_SIG_ROWS <= PC_SIG_HASHES, "bands beyond the minima");
/* Estimated Jaccard similarity from which an article is a copy of
 * another (a passage of another's, in passage mode): bench/RESULTS.md,
 * "Copies", for how it was chosen on Reuters. */
#define PC_SIG_COPY 0.8

/* The body's first words that make its lead term: a version cut short
 * starts as the whole does.  Ten: on Reuters, a quarter more pairs of a
 * story and its cut-short version share ten words than fifteen (urgents
 * re-worded after the first sentence), and at most 25 articles share a
 * lead (bench/RESULTS.md, "Copies"). */
#define PC_SIG_LEAD_WORDS 10
/* Body words an article needs for a lead term: a shorter one (a
 * dividend notice, a one-line price) says too little for its being
 * inside another article to make it a copy. */
#define PC_SIG_CONTAINED_MIN_WORDS 40
/* Estimated containment from which the shorter of two articles that
 * share a lead is a copy of the longer: on Reuters, of the 17 pairs more
 * that 0.8 would take, one was another story and three a table or report
 * re-issued with other figures (bench/RESULTS.md, "Copies"). */
#define PC_SIG_CONTAINED 0.85
/* The estimated share of the longer one's shingles that the shorter has
 * at most: two articles of about the same length that share a lead and
 * most shingles are a routine report with its figures changed (a weekly
 * table, the daily "Fed adds reserves"), not a story cut short. */
#define PC_SIG_CUT_SHORT 0.85

/* Band terms: prefix, band letter, 16 hex digits; the lead term:
 * prefix, 'L', 16 hex digits.  The prefix alone is the term of every
 * document that carries a signature. */
#define PC_SIG_TERM_PREFIX "XD"
#define PC_SIG_TERM_MAX 19
#define PC_SIG_LEAD_LETTER 'L'
/* Encoded: the content hash, the lead and the minima, little-endian. */
#define PC_SIG_BYTES (8 + 8 + 4 * PC_SIG_HASHES)

typedef struct pc_signature {
    uint64_t content;                /* the words in order */
    uint64_t lead;                   /* the body's first PC_SIG_LEAD_WORDS words;
                                        0 when it has fewer than
                                        PC_SIG_CONTAINED_MIN_WORDS */
    uint32_t min[PC_SIG_HASHES];
} pc_signature_t;

/* The state of a signature being made; on the caller's stack or in its
 * struct, no allocation. */
typedef struct pc_sig_builder {
    uint64_t window[PC_SIG_SHINGLE];  /* the last words' hashes */
    uint64_t words;                   /* words added */
    bool in_body;                     /* pc_sig_begin_body() was called */
    uint64_t body_words;              /* words added since */
    uint64_t lead;                    /* the first PC_SIG_LEAD_WORDS of them */
    pc_signature_t sig;
} pc_sig_builder_t;

void pc_sig_begin(pc_sig_builder_t *b);

/* Adds the next normalized word of the text. */
void pc_sig_add_word(pc_sig_builder_t *b, const char *word, size_t len);

/* The words added from now on are the body (the title's were before):
 * its first ones make the lead. */
void pc_sig_begin_body(pc_sig_builder_t *b);

/* The signature of the words added: a text shorter than a shingle is one
 * shingle; one without words has every minimum UINT32_MAX. */
void pc_sig_end(pc_sig_builder_t *b, pc_signature_t *out);

/* The share of equal minima, in [0, 1]: 1 for exact copies. */
double pc_sig_similarity(const pc_signature_t *a, const pc_signature_t *b);

/* Whether b is a copy of a: the same words, or a similarity of at least
 * PC_SIG_COPY. */
bool pc_sig_is_copy(const pc_signature_t *a, const pc_signature_t *b);

/* The estimated share of a's shingles that b has, in [0, 1]. */
double pc_sig_containment(const pc_signature_t *a, const pc_signature_t *b);

/* Whether a is a cut-short copy of b: both have the same lead, a is
 * estimated PC_SIG_CUT_SHORT of b's length or less, and an estimated
 * PC_SIG_CONTAINED or more of its shingles are b's. */
bool pc_sig_is_contained(const pc_signature_t *a, const pc_signature_t *b);

void pc_sig_encode(const pc_signature_t *s, unsigned char out[PC_SIG_BYTES]);

/* false for bytes that are no encoded signature (a wrong length). */
bool pc_sig_decode(const void *p, size_t len, pc_signature_t *s);

/* Writes band `band` (< PC_SIG_BANDS) of s as a NUL-terminated term into
 * buf[PC_SIG_TERM_MAX + 1]; returns its length. */
size_t pc_sig_band_term(const pc_signature_t *s, unsigned band, char *buf);

/* Writes the lead term of s into buf[PC_SIG_TERM_MAX + 1]; returns its
 * length, 0 when s has no lead (no term). */
size_t pc_sig_lead_term(const pc_signature_t *s, char *buf);

#endif
