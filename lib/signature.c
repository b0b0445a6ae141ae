#include "signature.h"

#include <stdio.h>
#include <string.h>
#include <xxhash.h>

/* One seed per hash function: h_i(x) = high half of (x ^ seed_i) * K,
 * over shingle hashes x that XXH3 has mixed already.  Fixed: an index's
 * signatures must compare with those of later runs. */
static const uint64_t seeds[PC_SIG_HASHES] = {
    0x1f70d5dc2e675fc7u, 0x72e63ac7a9538322u, 0x3d4fa08455a5b465u, 0xf3b08f6932ac2b62u,
    0xa0d0e9b47d50e092u, 0x2ed764b27e790e8bu, 0x4ba417007ad25f92u, 0xe3089c7a75553000u,
    0x3234c93c43b84218u, 0xe6342c1c40f91904u, 0x1e353f29b11f0de6u, 0x85a8bb9b530e60cbu,
    0xc32f9525acc10a6cu, 0x2ca106edc9843faau, 0xf796ef6eddae9b60u, 0xcfa2f9f4f1abd893u,
    0x2b456d913c0bfc13u, 0x3341fde73cc60842u, 0x5d93bf78bc1d8977u, 0x81fb58929356cc2eu,
    0xcf7dd28333adb83cu, 0xe44a6fc9ad7785adu, 0xc18fd63fdf8d53b0u, 0x7e60df30d5f61954u,
    0xb75ecfb53752145cu, 0x43d6c44a4c87f36au, 0x57be0cbf01b4a96cu, 0x67c7eeb2f9c6245au,
    0xc594557b386eca73u, 0x67eadff1ba23814cu, 0x588df12289b3a309u, 0x92bdb98e97ed2981u,
    0x45ab861586d827ecu, 0x4502df36d355dd53u, 0xb56f4983999505b9u, 0x8d460a374d9dc8f8u,
    0x4805085d1d658320u, 0x9161915e7a373571u, 0x803197f9ec46ac5cu, 0x7efc0606252bfa45u,
    0xcb494c35af164bb5u, 0xcb14a2ffa1908d8au, 0x3099f08b2906e32cu, 0xa5b20fb234f351cfu,
    0xce7fa355afadd3efu, 0x21a15a776fde6870u, 0x83736e026831c2e8u, 0x92e0a51d7af79dcau,
    0xe98d2c9619e9ae0du, 0x338452c4b460a8eau, 0x426893b196a00a92u, 0xd814400c88c22115u,
    0xca6b50e456f25271u, 0xd53df080cfc41a9au, 0xa840a525d2ef67a9u, 0x78262ae28b7c227bu,
    0x7dde5d6b16b40cf9u, 0x7a41535325dd8d1bu, 0x7d4fdf2326f5d760u, 0x3fe3a37b142f0372u,
    0x17b57d83a5f790edu, 0x5a38ff528b21b53fu, 0xeeb5bef934309378u, 0xc89ab551e90d27f7u,
};

#define MULTIPLIER 0x9e3779b97f4a7c15u

void pc_sig_begin(pc_sig_builder_t *b)
{
    memset(b, 0, sizeof *b);
    for (size_t i = 0; i < PC_SIG_HASHES; i++)
        b->sig.min[i] = UINT32_MAX;
}

static void add_shingle(pc_sig_builder_t *b, size_t n)
{
    uint64_t x = XXH3_64bits(b->window + PC_SIG_SHINGLE - n, n * sizeof *b->window);
    for (size_t i = 0; i < PC_SIG_HASHES; i++) {
        uint32_t h = (uint32_t)(((x ^ seeds[i]) * MULTIPLIER) >> 32);
        if (h < b->sig.min[i])
            b->sig.min[i] = h;
    }
}

void pc_sig_add_word(pc_sig_builder_t *b, const char *word, size_t len)
{
    uint64_t h = XXH3_64bits(word, len);
    memmove(b->window, b->window + 1, (PC_SIG_SHINGLE - 1) * sizeof *b->window);
    b->window[PC_SIG_SHINGLE - 1] = h;
    b->sig.content = XXH3_64bits_withSeed(&h, sizeof h, b->sig.content);
    if (b->in_body && b->body_words++ < PC_SIG_LEAD_WORDS)
        b->lead = XXH3_64bits_withSeed(&h, sizeof h, b->lead);
    if (++b->words >= PC_SIG_SHINGLE)
        add_shingle(b, PC_SIG_SHINGLE);
}

void pc_sig_begin_body(pc_sig_builder_t *b)
{
    b->in_body = true;
}

void pc_sig_end(pc_sig_builder_t *b, pc_signature_t *out)
{
    if (b->words > 0 && b->words < PC_SIG_SHINGLE)
        add_shingle(b, (size_t)b->words);
    *out = b->sig;
    out->lead = b->body_words >= PC_SIG_CONTAINED_MIN_WORDS ? b->lead : 0;
}

double pc_sig_similarity(const pc_signature_t *a, const pc_signature_t *b)
{
    unsigned same = 0;
    for (size_t i = 0; i < PC_SIG_HASHES; i++)
        same += a->min[i] == b->min[i];
    return (double)same / PC_SIG_HASHES;
}

bool pc_sig_is_copy(const pc_signature_t *a, const pc_signature_t *b)
{
    return a->content == b->content || pc_sig_similarity(a, b) >= PC_SIG_COPY;
}

/* How many of a's minima are below b's (the union's least shingle is
 * a's only), and how many equal (it is both's). */
static void compare(const pc_signature_t *a, const pc_signature_t *b, unsigned *less,
                    unsigned *same)
{
    *less = *same = 0;
    for (size_t i = 0; i < PC_SIG_HASHES; i++) {
        *less += a->min[i] < b->min[i];
        *same += a->min[i] == b->min[i];
    }
}

double pc_sig_containment(const pc_signature_t *a, const pc_signature_t *b)
{
    unsigned less, same;
    compare(a, b, &less, &same);
    return less + same ? (double)same / (less + same) : 0;
}

bool pc_sig_is_contained(const pc_signature_t *a, const pc_signature_t *b)
{
    unsigned a_less, b_less, same;
    compare(a, b, &a_less, &same);
    compare(b, a, &b_less, &same);
    /* Hashes where a's minimum is the lesser or equal sample a's
     * shingles; b's likewise: their counts are as the sets' sizes. */
    unsigned in_a = a_less + same, in_b = b_less + same;
    return a->lead && a->lead == b->lead && same > 0 && in_a <= PC_SIG_CUT_SHORT * in_b &&
           same >= PC_SIG_CONTAINED * in_a;
}

static void put_le(unsigned char *p, uint64_t v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

void pc_sig_encode(const pc_signature_t *s, unsigned char out[PC_SIG_BYTES])
{
    put_le(out, s->content, 8);
    put_le(out + 8, s->lead, 8);
    for (size_t i = 0; i < PC_SIG_HASHES; i++)
        put_le(out + 16 + 4 * i, s->min[i], 4);
}

bool pc_sig_decode(const void *p, size_t len, pc_signature_t *s)
{
    const unsigned char *b = p;
    if (len != PC_SIG_BYTES)
        return false;
    s->content = get_le(b, 8);
    s->lead = get_le(b + 8, 8);
    for (size_t i = 0; i < PC_SIG_HASHES; i++)
        s->min[i] = (uint32_t)get_le(b + 16 + 4 * i, 4);
    return true;
}

size_t pc_sig_band_term(const pc_signature_t *s, unsigned band, char *buf)
{
    /* Little-endian bytes: the terms of one index agree on every machine. */
    unsigned char rows[4 * PC_SIG_ROWS];
    for (size_t i = 0; i < PC_SIG_ROWS; i++)
        put_le(rows + 4 * i, s->min[band * PC_SIG_ROWS + i], 4);
    uint64_t h = XXH3_64bits(rows, sizeof rows);
    return (size_t)snprintf(buf, PC_SIG_TERM_MAX + 1, PC_SIG_TERM_PREFIX "%c%016llx",
                            'a' + band, (unsigned long long)h);
}

size_t pc_sig_lead_term(const pc_signature_t *s, char *buf)
{
    if (!s->lead)
        return 0;
    return (size_t)snprintf(buf, PC_SIG_TERM_MAX + 1, PC_SIG_TERM_PREFIX "%c%016llx",
                            PC_SIG_LEAD_LETTER, (unsigned long long)s->lead);
}
