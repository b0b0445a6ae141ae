/* stem: British spellings folded to American ones, then Snowball. */
#include "stem.h"

#include <string.h>

#include "tokenize.h"

typedef struct pair {
    const char *brit, *amer;     /* amer NULL: the same as brit */
} pair_t;

/* A family: a word that ends in a root and then a tail of its own lists,
 * whatever comes before the root ("discoloured", "epicentre"). */
typedef struct family {
    const pair_t *roots, *tails;
} family_t;

static const pair_t our_roots[] = {
    { "ardour", "ardor" }, { "armour", "armor" }, { "arbour", "arbor" },
    { "behaviour", "behavior" }, { "candour", "candor" }, { "clamour", "clamor" },
    { "colour", "color" }, { "demeanour", "demeanor" }, { "endeavour", "endeavor" },
    { "favour", "favor" }, { "fervour", "fervor" }, { "flavour", "flavor" },
    { "glamour", "glamor" }, { "honour", "honor" }, { "humour", "humor" },
    { "labour", "labor" }, { "neighbour", "neighbor" }, { "odour", "odor" },
    { "parlour", "parlor" }, { "rancour", "rancor" }, { "rigour", "rigor" },
    { "rumour", "rumor" }, { "saviour", "savior" }, { "savour", "savor" },
    { "splendour", "splendor" }, { "succour", "succor" }, { "tumour", "tumor" },
    { "valour", "valor" }, { "vapour", "vapor" }, { "vigour", "vigor" },
    { NULL, NULL }
};
static const pair_t our_tails[] = {
    { "", NULL }, { "s", NULL }, { "ed", NULL }, { "ing", NULL }, { "er", NULL },
    { "ers", NULL }, { "ite", NULL }, { "ites", NULL }, { "itism", NULL }, { "able", NULL },
    { "ably", NULL }, { "ful", NULL }, { "fully", NULL }, { "less", NULL }, { "ly", NULL },
    { "y", NULL }, { "ies", NULL }, { "hood", NULL }, { "hoods", NULL }, { "al", NULL },
    { "ally", NULL }, { "ist", NULL }, { "ists", NULL }, { "ation", NULL },
    { NULL, NULL }
};

static const pair_t re_roots[] = {
    { "calibr", "caliber" }, { "centr", "center" }, { "fibr", "fiber" },
    { "goitr", "goiter" }, { "litr", "liter" }, { "lustr", "luster" },
    { "maneuvr", "maneuver" }, { "meagr", "meager" }, { "metr", "meter" },
    { "mitr", "miter" }, { "ochr", "ocher" }, { "reconnoitr", "reconnoiter" },
    { "sabr", "saber" }, { "saltpetr", "saltpeter" }, { "sceptr", "scepter" },
    { "sepulchr", "sepulcher" }, { "sombr", "somber" }, { "spectr", "specter" },
    { "theatr", "theater" },
    { NULL, NULL }
};
static const pair_t re_tails[] = {
    { "e", "" }, { "es", "s" }, { "ed", NULL }, { "ing", NULL },
    { NULL, NULL }
};

static const pair_t ence_roots[] = {
    { "defenc", "defens" }, { "licenc", "licens" }, { "offenc", "offens" },
    { "pretenc", "pretens" }, { "practis", "practic" },
    { NULL, NULL }
};
static const pair_t ence_tails[] = {
    { "e", NULL }, { "es", NULL }, { "ed", NULL }, { "ing", NULL }, { "eless", NULL },
    { NULL, NULL }
};

static const pair_t ogue_roots[] = {
    { "analog", NULL }, { "catalog", NULL }, { "dialog", NULL }, { "epilog", NULL },
    { "homolog", NULL }, { "monolog", NULL }, { "prolog", NULL }, { "travelog", NULL },
    { NULL, NULL }
};
static const pair_t ogue_tails[] = {
    { "ue", "" }, { "ues", "s" }, { "ued", "ed" }, { "uing", "ing" },
    { NULL, NULL }
};

/* American English doubles the l only under stress (controlled,
 * compelled, patrolled): the stems that do not double it. */
static const pair_t ll_roots[] = {
    { "barrel", NULL }, { "bevel", NULL }, { "cancel", NULL }, { "channel", NULL },
    { "chisel", NULL }, { "council", NULL }, { "counsel", NULL }, { "cudgel", NULL },
    { "devil", NULL }, { "dial", NULL }, { "duel", NULL }, { "enamel", NULL },
    { "equal", NULL }, { "fuel", NULL }, { "funnel", NULL }, { "grovel", NULL },
    { "imperil", NULL }, { "initial", NULL }, { "jewel", NULL }, { "kennel", NULL },
    { "label", NULL }, { "level", NULL }, { "libel", NULL }, { "marshal", NULL },
    { "marvel", NULL }, { "model", NULL }, { "panel", NULL }, { "parcel", NULL },
    { "pedal", NULL }, { "pencil", NULL }, { "quarrel", NULL }, { "ravel", NULL },
    { "revel", NULL }, { "rival", NULL }, { "shovel", NULL }, { "signal", NULL },
    { "snorkel", NULL }, { "spiral", NULL }, { "stencil", NULL }, { "swivel", NULL },
    { "total", NULL }, { "towel", NULL }, { "tunnel", NULL }, { "yodel", NULL },
    { NULL, NULL }
};
static const pair_t ll_tails[] = {
    { "led", "ed" }, { "ling", "ing" }, { "ler", "er" }, { "lers", "ers" },
    { "lous", "ous" }, { "lor", "or" }, { "lors", "ors" }, { "lery", "ry" },
    { NULL, NULL }
};

static const family_t families[] = {
    { our_roots, our_tails }, { re_roots, re_tails }, { ence_roots, ence_tails },
    { ogue_roots, ogue_tails }, { ll_roots, ll_tails },
};

/* ae and oe, wherever they stand in the word ("orthopaedic"). */
static const pair_t digraphs[] = {
    { "aemi", "emi" }, { "amoeb", "ameb" }, { "anaesth", "anesth" }, { "coeli", "celi" },
    { "diarrhoe", "diarrhe" }, { "faec", "fec" }, { "foet", "fet" }, { "gynaec", "gynec" },
    { "haem", "hem" }, { "homoeo", "homeo" }, { "manoeuv", "maneuv" },
    { "mediaev", "mediev" }, { "oedem", "edem" }, { "oesoph", "esoph" },
    { "oestr", "estr" }, { "paed", "ped" }, { "palaeo", "paleo" },
    { NULL, NULL }
};

/* -ise: the tails, and the last two letters of the stems before them that
 * make verbs (realise, organise, criticise, prioritise, recognise...).
 * Words of other endings stay: rise, wise, advise, exercise, franchise,
 * surprise, advertise, expertise, precise, noise, cruise. */
static const char *const ise_tails[] = {
    "ise", "ises", "ised", "ising", "iser", "isers", "isable",
    "isation", "isations", "isational", NULL
};
static const char ise_endings[][3] = {
    "ac", "al", "an", "ar", "as", "at", "em", "er", "es", "et", "gn", "ic", "id", "il",
    "im", "in", "it", "iv", "ll", "og", "ol", "om", "on", "or", "ot", "pt", "rd", "rg",
    "rn", "th", "un", "ur", "ut",
};
/* Shorter stems are words of their own: anise, arise, cerise, valise. */
#define ISE_MIN_STEM 4
/* Stems of those endings that take -ise in American English too. */
static const char *const ise_keep[] = { "chem", "prem", "prom", "treat", NULL };

static const char *const yse_tails[] = {
    "lyse", "lyses", "lysed", "lysing", "lyser", "lysers", NULL
};

static bool ends_with(const char *w, size_t len, const char *s, size_t n)
{
    return n <= len && memcmp(w + len - n, s, n) == 0;
}

static const char *amer(const pair_t *p)
{
    return p->amer ? p->amer : p->brit;
}

/* Replaces w[at..at+n) by s (m bytes), w holding *len bytes with room for
 * cap: false when it would not fit. */
static bool splice(char *w, size_t *len, size_t cap, size_t at, size_t n, const char *s,
                   size_t m)
{
    if (*len - n + m > cap)
        return false;
    memmove(w + at + m, w + at + n, *len - at - n);
    memcpy(w + at, s, m);
    *len = *len - n + m;
    return true;
}

static bool fold_digraphs(char *w, size_t *len)
{
    bool changed = false;
    for (const pair_t *p = digraphs; p->brit; p++) {
        size_t n = strlen(p->brit);
        for (size_t i = 0; i + n <= *len; i++) {
            if (memcmp(w + i, p->brit, n) == 0) {
                changed |= splice(w, len, *len, i, n, p->amer, strlen(p->amer));
                break;
            }
        }
    }
    return changed;
}

static bool fold_family(const family_t *f, char *w, size_t *len, size_t cap)
{
    for (const pair_t *t = f->tails; t->brit; t++) {
        size_t tn = strlen(t->brit);
        if (!ends_with(w, *len, t->brit, tn))
            continue;
        for (const pair_t *r = f->roots; r->brit; r++) {
            size_t rn = strlen(r->brit);
            if (!ends_with(w, *len - tn, r->brit, rn))
                continue;
            char to[64];
            size_t an = strlen(amer(r)), atn = strlen(amer(t));
            memcpy(to, amer(r), an);
            memcpy(to + an, amer(t), atn);
            return splice(w, len, cap, *len - tn - rn, rn + tn, to, an + atn);
        }
    }
    return false;
}

/* The s of the tail (at w[len - tail + s_at]) becomes a z when the stem
 * before the tail passes ok(). */
static bool fold_s(const char *const *tails, size_t s_at, bool (*ok)(const char *, size_t),
                   char *w, size_t len)
{
    for (const char *const *t = tails; *t; t++) {
        size_t tn = strlen(*t);
        if (ends_with(w, len, *t, tn) && ok(w, len - tn)) {
            w[len - tn + s_at] = 'z';
            return true;
        }
    }
    return false;
}

static bool ise_stem(const char *w, size_t n)
{
    if (n < ISE_MIN_STEM)
        return false;
    for (const char *const *k = ise_keep; *k; k++)
        if (ends_with(w, n, *k, strlen(*k)))
            return false;
    for (size_t i = 0; i < sizeof ise_endings / sizeof ise_endings[0]; i++)
        if (ends_with(w, n, ise_endings[i], 2))
            return true;
    return false;
}

/* catalyse, paralyse, analyse; not lyse itself. */
static bool yse_stem(const char *w, size_t n)
{
    (void)w;
    return n >= 2;
}

size_t pc_variant_fold(const char *word, size_t len, char *out)
{
    size_t n = len, cap = len + PC_VARIANT_GROWTH;
    memcpy(out, word, len);
    bool changed = fold_digraphs(out, &n);
    bool done = false;
    for (size_t i = 0; i < sizeof families / sizeof families[0] && !done; i++)
        done = fold_family(&families[i], out, &n, cap);
    if (!done)
        done = fold_s(yse_tails, 2, yse_stem, out, n) || fold_s(ise_tails, 1, ise_stem, out, n);
    return changed || done ? n : 0;
}

bool pc_language_is_english(const char *language)
{
    return strcmp(language, "english") == 0 || strcmp(language, "en") == 0;
}

/* Serbian Cyrillic letters (U+0400..U+045F, lower case: words come
 * normalized) in Serbian Latin as the tokenizer leaves Latin text:
 * without diacritics (č ć -> c, š -> s, ž -> z, dž -> dz, đ -> d). */
static const char *const serbian_latin[0x60] = {
    [0x30] = "a", [0x31] = "b", [0x32] = "v", [0x33] = "g", [0x34] = "d", [0x35] = "e",
    [0x36] = "z", [0x37] = "z", [0x38] = "i", [0x3a] = "k", [0x3b] = "l", [0x3c] = "m",
    [0x3d] = "n", [0x3e] = "o", [0x3f] = "p", [0x40] = "r", [0x41] = "s", [0x42] = "t",
    [0x43] = "u", [0x44] = "f", [0x45] = "h", [0x46] = "c", [0x47] = "c", [0x48] = "s",
    [0x52] = "d", [0x58] = "j", [0x59] = "lj", [0x5a] = "nj", [0x5b] = "c",
    [0x5f] = "dz",
};

/* pc_serbian_latin(), with ђ as dj when dj is set. */
static size_t transliterate(const char *word, size_t len, bool dj, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        const unsigned char *u = (const unsigned char *)word + i;
        unsigned cp = i + 1 < len && (u[0] == 0xd0 || u[0] == 0xd1) && (u[1] & 0xc0) == 0x80
                          ? ((u[0] & 0x1fu) << 6 | (u[1] & 0x3fu)) : 0;
        const char *lat = cp >= 0x400 && cp < 0x460 ? serbian_latin[cp - 0x400] : NULL;
        if (lat && dj && cp == 0x452)
            lat = "dj";
        if (lat) {
            size_t m = strlen(lat);
            memcpy(out + n, lat, m);
            n += m;
            i += 2;
        } else {
            out[n++] = word[i++];
        }
    }
    return n;
}

size_t pc_serbian_latin(const char *word, size_t len, char *out)
{
    return transliterate(word, len, false, out);
}

size_t pc_serbian_latin_form(const char *word, size_t len, bool dj, char *out)
{
    if (len > PC_MAX_WORD)
        return 0;
    bool cyrillic = false;
    for (size_t i = 0; i < len && !cyrillic; i++)
        cyrillic = (unsigned char)word[i] == 0xd0 || (unsigned char)word[i] == 0xd1;
    if (!cyrillic || (dj && !memmem(word, len, "\xd1\x92", 2)))   /* ђ */
        return 0;
    size_t n = transliterate(word, len, dj, out);
    for (size_t i = 0; i < n; i++)   /* U+0400..U+04FF left: a letter Serbian lacks */
        if ((unsigned char)out[i] >= 0xd0 && (unsigned char)out[i] <= 0xd3)
            return 0;
    return n;
}

bool pc_stemmer_two_scripts(const char *stemmer)
{
    return strcmp(stemmer, "serbian") == 0;
}

/* The letters a stemmer's Latin output may carry and text has not
 * (č ć š ž đ, each two bytes), folded in place as the tokenizer folds. */
static size_t fold_latin(char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char a = (unsigned char)s[i], b = i + 1 < len ? (unsigned char)s[i + 1] : 0;
        char plain = a == 0xc4 && (b == 0x8d || b == 0x87) ? 'c'
                   : a == 0xc4 && b == 0x91 ? 'd'
                   : a == 0xc5 && b == 0xa1 ? 's' : a == 0xc5 && b == 0xbe ? 'z' : 0;
        if (plain) {
            s[n++] = plain;
            i++;
        } else {
            s[n++] = s[i];
        }
    }
    return n;
}

/* Serbian (and the languages that borrow its stemmer): either script gives
 * the Latin stem, so a word finds its other script too. */
static size_t serbian_stem(xc_stem_t *stem, const char *word, size_t len, char *buf, size_t cap)
{
    char latin[PC_MAX_WORD], out[2 * PC_MAX_WORD + 8];
    size_t n = pc_serbian_latin(word, len, latin);
    size_t m = xc_stem_apply(stem, latin, n, out, sizeof out);
    if (m == (size_t)-1 || m >= sizeof out)
        return m == (size_t)-1 ? m : xc_stem_apply(stem, word, len, buf, cap);
    m = fold_latin(out, m);
    if (buf && cap) {
        size_t k = m < cap ? m : cap - 1;
        memcpy(buf, out, k);
        buf[k] = '\0';
    }
    return m;
}

size_t pc_stem_apply(xc_stem_t *stem, const char *word, size_t len, char *buf, size_t cap)
{
    char folded[PC_MAX_WORD + PC_VARIANT_GROWTH];
    const char *language = xc_stem_language(stem);
    if (len <= PC_MAX_WORD && pc_stemmer_two_scripts(language))
        return serbian_stem(stem, word, len, buf, cap);
    if (len <= PC_MAX_WORD && pc_language_is_english(language)) {
        size_t n = pc_variant_fold(word, len, folded);
        if (n)
            return xc_stem_apply(stem, folded, n, buf, cap);
    }
    return xc_stem_apply(stem, word, len, buf, cap);
}
