#include "fold.h"

#include <unicode/uscript.h>

/* Cyrillic marks that only tell a stress or a variant: the acute and
 * grave of stressed vowels (and ѐ ѝ), the diaeresis of ё.  The rest make
 * letters: й ў (breve), ї ӧ ӱ (diaeresis), ӣ ӯ (macron), and the acute of
 * Macedonian ѓ ќ. */
static bool cyrillic_drops(UChar32 base, UChar32 mark)
{
    switch (mark) {
    case 0x0300:
    case 0x0301:
        return base != 0x0433 && base != 0x043A;   /* г к */
    case 0x0308:
        return base == 0x0435;                      /* е */
    default:
        return false;
    }
}

bool pc_fold_drops_mark(UChar32 base, UChar32 mark)
{
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode script = base ? uscript_getScript(base, &e) : USCRIPT_COMMON;
    if (U_FAILURE(e))   /* only for a code point past U+10FFFF, which NFD cannot give */
        return false;
    switch (script) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    /* Abjads: the vowel points and shadda of Arabic and Hebrew are
     * optional, and news leaves them out: users type the bare letters. */
    case USCRIPT_ARABIC:
    case USCRIPT_HEBREW:
    /* A mark on a digit, a symbol or on nothing belongs to no letter. */
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
        return true;
    case USCRIPT_CYRILLIC:
        return cyrillic_drops(base, mark);
    default:
        /* Abugidas and kana: the vowel signs, viramas and nuktas of
         * Devanagari and the other Indic scripts, Thai vowels and tones,
         * the voicing marks of kana (ガ is not カ) make other letters. */
        return false;
    }
}

const char *pc_fold_mark_spelled(UChar32 base, UChar32 mark)
{
    if (mark == 0x0308 && (base == 'a' || base == 'o' || base == 'u'))
        return "e";   /* Müller, Mueller */
    if (mark == 0x030A && base == 'a')
        return "a";   /* Århus, Aarhus */
    return NULL;
}

/* Letters with no decomposition, each as users type it without the
 * letter on their keyboard.
 *
 * Arabic: the harakat go with the other marks, and so do the hamza and
 * madda of أ إ آ ؤ ئ (NFD parts them from their letter).  Tatweel only
 * stretches a word, and alef wasla is a reading aid of scripture: users
 * type neither, so they go.  Ta marbuta and alef maksura stay: the
 * stemmer (Snowball's Arabic) tells the feminine ending ة from the
 * pronoun ه, and final ى from the suffix ي, so folding them would undo
 * what it joins (الأردنية and الأردني); but many type ه and ي for them,
 * which the other spelling finds. */
bool pc_fold_letter(UChar32 c, const char **plain, const char **spelled)
{
    const char *p, *s = NULL;
    switch (c) {
    case 0x0629: p = "\u0629"; s = "\u0647"; break;   /* ة: مدرسة, also مدرسه */
    case 0x0640: p = ""; break;                        /* tatweel: كـتـاب, كتاب */
    case 0x0649: p = "\u0649"; s = "\u064A"; break;   /* ى: مصطفى, also مصطفي */
    case 0x0671: p = "\u0627"; break;                  /* ٱ: ٱلله, الله */
    case 0x00E6: p = "ae"; break;              /* æ */
    case 0x00F0: p = "d"; break;               /* ð: Guðmundsson, Gudmundsson */
    case 0x00F8: p = "o"; s = "oe"; break;     /* ø: Støre, Store, Stoere */
    case 0x00FE: p = "th"; break;              /* þ */
    case 0x0111: p = "d"; s = "dj"; break;     /* đ: Đaković, Dakovic, Djakovic */
    case 0x0127: p = "h"; break;               /* ħ */
    case 0x0131: p = "i"; break;               /* ı: Diyarbakır, Diyarbakir */
    case 0x0142: p = "l"; break;               /* ł: Łódź, Lodz */
    case 0x0153: p = "oe"; break;              /* œ: cœur, coeur */
    case 0x0167: p = "t"; break;               /* ŧ */
    default: return false;
    }
    *plain = p;
    *spelled = s ? s : p;
    return true;
}
