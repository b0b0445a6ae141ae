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

/* Band terms: prefix, band letter, 16 hex digits.  The prefix alone is
 * the term of every document that carries a signature. */
#define PC_SIG_TERM_PREFIX "XD"
#define PC_SIG_TERM_MAX 19
/* Encoded: the content hash and the minima, little-endian. */
#define PC_SIG_BYTES (8 + 4 * PC_SIG_HASHES)

typedef struct pc_signature {
    uint64_t content;                /* the words in order */
    uint32_t min[PC_SIG_HASHES];
} pc_signature_t;

/* The state of a signature being made; on the caller's stack or in its
 * struct, no allocation. */
typedef struct pc_sig_builder {
    uint64_t window[PC_SIG_SHINGLE];  /* the last words' hashes */
    uint64_t words;                   /* words added */
    pc_signature_t sig;
} pc_sig_builder_t;

void pc_sig_begin(pc_sig_builder_t *b);

/* Adds the next normalized word of the text. */
void pc_sig_add_word(pc_sig_builder_t *b, const char *word, size_t len);

/* The signature of the words added: a text shorter than a shingle is one
 * shingle; one without words has every minimum UINT32_MAX. */
void pc_sig_end(pc_sig_builder_t *b, pc_signature_t *out);

/* The share of equal minima, in [0, 1]: 1 for exact copies. */
double pc_sig_similarity(const pc_signature_t *a, const pc_signature_t *b);

/* Whether b is a copy of a: the same words, or a similarity of at least
 * PC_SIG_COPY. */
bool pc_sig_is_copy(const pc_signature_t *a, const pc_signature_t *b);

void pc_sig_encode(const pc_signature_t *s, unsigned char out[PC_SIG_BYTES]);

/* false for bytes that are no encoded signature (a wrong length). */
bool pc_sig_decode(const void *p, size_t len, pc_signature_t *s);

/* Writes band `band` (< PC_SIG_BANDS) of s as a NUL-terminated term into
 * buf[PC_SIG_TERM_MAX + 1]; returns its length. */
size_t pc_sig_band_term(const pc_signature_t *s, unsigned band, char *buf);

#endif
