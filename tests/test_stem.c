/* British spellings fold to American ones before stemming; other words,
 * however alike, stay as they are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stem.h"

typedef struct fold_case {
    const char *word, *folded;    /* folded NULL: not a variant */
} fold_case_t;

static void check_folds(const fold_case_t *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *w = cases[i].word;
        char out[64];
        size_t len = pc_variant_fold(w, strlen(w), out);
        if (!cases[i].folded) {
            if (len)
                fail_msg("'%s' folded to '%.*s'", w, (int)len, out);
            continue;
        }
        if (len != strlen(cases[i].folded) || memcmp(out, cases[i].folded, len) != 0)
            fail_msg("'%s' folded to '%.*s', not '%s'", w, (int)len, out, cases[i].folded);
    }
}

#define CHECK_FOLDS(cases) check_folds(cases, sizeof cases / sizeof cases[0])

static void ise_family(void **state)
{
    (void)state;
    static const fold_case_t cases[] = {
        { "criticise", "criticize" }, { "criticised", "criticized" },
        { "criticises", "criticizes" }, { "criticising", "criticizing" },
        { "organise", "organize" }, { "organiser", "organizer" },
        { "organisers", "organizers" }, { "organisation", "organization" },
        { "organisations", "organizations" }, { "organisational", "organizational" },
        { "realise", "realize" }, { "recognisable", "recognizable" },
        { "recognised", "recognized" }, { "prioritise", "prioritize" },
        { "apologised", "apologized" }, { "characterise", "characterize" },
        { "privatisation", "privatization" }, { "stabilising", "stabilizing" },
        { "modernise", "modernize" }, { "standardised", "standardized" },
        { "emphasise", "emphasize" }, { "sympathise", "sympathize" },
        { "energise", "energize" }, { "crystallise", "crystallize" },
        { "baptised", "baptized" }, { "civilisation", "civilization" },
        { "analyse", "analyze" }, { "paralysed", "paralyzed" }, { "catalysing", "catalyzing" },
        /* American already, or the same in both */
        { "criticize", NULL }, { "organization", NULL }, { "criticism", NULL },
        { "analyze", NULL }, { "lyse", NULL },
    };
    CHECK_FOLDS(cases);
}

static void ise_false_friends(void **state)
{
    (void)state;
    static const fold_case_t cases[] = {
        { "rise", NULL }, { "rises", NULL }, { "rising", NULL }, { "arise", NULL },
        { "sunrise", NULL }, { "uprising", NULL }, { "wise", NULL }, { "otherwise", NULL },
        { "likewise", NULL }, { "precise", NULL }, { "concise", NULL }, { "excise", NULL },
        { "size", NULL }, { "prize", NULL }, { "seize", NULL }, { "advise", NULL },
        { "adviser", NULL }, { "revise", NULL }, { "devised", NULL }, { "supervise", NULL },
        { "televised", NULL }, { "improvisation", NULL }, { "exercise", NULL },
        { "franchise", NULL }, { "merchandise", NULL }, { "surprise", NULL },
        { "surprising", NULL }, { "comprise", NULL }, { "enterprise", NULL },
        { "advertise", NULL }, { "advertising", NULL }, { "expertise", NULL },
        { "promise", NULL }, { "promising", NULL }, { "compromise", NULL },
        { "uncompromising", NULL }, { "premises", NULL }, { "demise", NULL },
        { "chemise", NULL }, { "treatise", NULL }, { "paradise", NULL }, { "chastise", NULL },
        { "despise", NULL }, { "disguised", NULL }, { "noise", NULL }, { "poised", NULL },
        { "raise", NULL }, { "praised", NULL }, { "cruise", NULL }, { "bruised", NULL },
        { "tortoise", NULL }, { "turquoise", NULL }, { "anise", NULL }, { "valise", NULL },
        { "cerise", NULL }, { "louise", NULL }, { "denise", NULL }, { "crises", NULL },
        { "surmise", NULL }, { "miser", NULL }, { "kaiser", NULL }, { "circumcised", NULL },
    };
    CHECK_FOLDS(cases);
}

static void our_family(void **state)
{
    (void)state;
    static const fold_case_t cases[] = {
        { "colour", "color" }, { "colours", "colors" }, { "coloured", "colored" },
        { "colourful", "colorful" }, { "discoloured", "discolored" },
        { "favourite", "favorite" }, { "unfavourable", "unfavorable" },
        { "honour", "honor" }, { "labour", "labor" }, { "labourers", "laborers" },
        { "neighbourhood", "neighborhood" }, { "behavioural", "behavioral" },
        { "rumours", "rumors" }, { "harbour", "harbor" }, { "armoured", "armored" },
        { "savoury", "savory" }, { "humour", "humor" }, { "vigour", "vigor" },
        { "endeavoured", "endeavored" }, { "tumours", "tumors" },
        /* false friends */
        { "our", NULL }, { "ours", NULL }, { "four", NULL }, { "hour", NULL },
        { "hours", NULL }, { "sour", NULL }, { "tour", NULL }, { "tourism", NULL },
        { "flour", NULL }, { "pour", NULL }, { "your", NULL }, { "dour", NULL },
        { "contour", NULL }, { "detour", NULL }, { "devour", NULL }, { "troubadour", NULL },
        { "journal", NULL }, { "source", NULL }, { "humorous", NULL }, { "color", NULL },
    };
    CHECK_FOLDS(cases);
}

static void re_family(void **state)
{
    (void)state;
    static const fold_case_t cases[] = {
        { "centre", "center" }, { "centres", "centers" }, { "centred", "centered" },
        { "centring", "centering" }, { "epicentre", "epicenter" },
        { "theatre", "theater" }, { "kilometres", "kilometers" }, { "litre", "liter" },
        { "fibre", "fiber" }, { "calibre", "caliber" }, { "sombre", "somber" },
        { "spectre", "specter" }, { "meagre", "meager" }, { "lacklustre", "lackluster" },
        { "manoeuvre", "maneuver" }, { "manoeuvring", "maneuvering" },
        /* false friends */
        { "mere", NULL }, { "here", NULL }, { "there", NULL }, { "where", NULL },
        { "genre", NULL }, { "acre", NULL }, { "massacre", NULL }, { "mediocre", NULL },
        { "ogre", NULL }, { "cadre", NULL }, { "macabre", NULL }, { "timbre", NULL },
        { "central", NULL }, { "centrist", NULL }, { "metric", NULL }, { "center", NULL },
    };
    CHECK_FOLDS(cases);
}

static void ence_ogue_family(void **state)
{
    (void)state;
    static const fold_case_t cases[] = {
        { "defence", "defense" }, { "defences", "defenses" },
        { "defenceless", "defenseless" }, { "offence", "offense" },
        { "offences", "offenses" }, { "licence", "license" }, { "pretence", "pretense" },
        { "practised", "practiced" }, { "practising", "practicing" },
        { "catalogue", "catalog" }, { "catalogued", "cataloged" },
        { "dialogue", "dialog" }, { "dialogues", "dialogs" }, { "analogue", "analog" },
        { "prologue", "prolog" },
        /* false friends */
        { "fence", NULL }, { "fences", NULL }, { "hence", NULL }, { "pence", NULL },
        { "sentence", NULL }, { "science", NULL }, { "evidence", NULL }, { "defense", NULL },
        { "offensive", NULL }, { "licensed", NULL }, { "practice", NULL },
        { "rogue", NULL }, { "vogue", NULL }, { "brogue", NULL }, { "league", NULL },
        { "synagogue", NULL },
    };
    CHECK_FOLDS(cases);
}

static void ll_family(void **state)
{
    (void)state;
    static const fold_case_t cases[] = {
        { "travelled", "traveled" }, { "travelling", "traveling" },
        { "traveller", "traveler" }, { "travellers", "travelers" },
        { "cancelled", "canceled" }, { "labelled", "labeled" }, { "modelling", "modeling" },
        { "fuelled", "fueled" }, { "signalled", "signaled" }, { "levelled", "leveled" },
        { "counsellor", "counselor" }, { "councillors", "councilors" },
        { "marvellous", "marvelous" }, { "jewellery", "jewelry" },
        { "unrivalled", "unrivaled" }, { "totalled", "totaled" }, { "dialled", "dialed" },
        /* false friends: stressed, or not a variant */
        { "controlled", NULL }, { "compelled", NULL }, { "patrolled", NULL },
        { "expelled", NULL }, { "rebelled", NULL }, { "excelled", NULL },
        { "killed", NULL }, { "called", NULL }, { "filled", NULL }, { "spelled", NULL },
        { "installed", NULL }, { "seller", NULL }, { "thriller", NULL },
        { "cancellation", NULL }, { "traveled", NULL },
    };
    CHECK_FOLDS(cases);
}

static void ae_oe(void **state)
{
    (void)state;
    static const fold_case_t cases[] = {
        { "paediatric", "pediatric" }, { "paediatrician", "pediatrician" },
        { "orthopaedic", "orthopedic" }, { "encyclopaedia", "encyclopedia" },
        { "anaemia", "anemia" }, { "leukaemia", "leukemia" },
        { "haemorrhage", "hemorrhage" }, { "anaesthetic", "anesthetic" },
        { "anaesthetised", "anesthetized" }, { "oestrogen", "estrogen" },
        { "foetus", "fetus" }, { "diarrhoea", "diarrhea" }, { "mediaeval", "medieval" },
        { "gynaecologist", "gynecologist" }, { "oesophagus", "esophagus" },
        /* false friends */
        { "aerial", NULL }, { "michael", NULL }, { "israel", NULL }, { "algae", NULL },
        { "formulae", NULL }, { "maestro", NULL }, { "academia", NULL }, { "does", NULL },
        { "shoes", NULL }, { "poetry", NULL }, { "phoenix", NULL }, { "canoe", NULL },
        { "coexist", NULL }, { "whoever", NULL }, { "heroes", NULL }, { "archaeology", NULL },
        { "aesthetic", NULL },
    };
    CHECK_FOLDS(cases);
}

static void stem(xc_stem_t *s, const char *word, char *out, size_t cap)
{
    size_t n = pc_stem_apply(s, word, strlen(word), out, cap);
    assert_true(n < cap);
}

/* In English both spellings have one stem; another language's stemmer
 * does not fold. */
static void english_stems_fold(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        { "criticised", "criticized" }, { "defence", "defense" },
        { "organisation", "organization" }, { "colours", "colors" },
        { "centre", "center" }, { "travelled", "traveled" }, { "paediatric", "pediatric" },
        { "catalogue", "catalog" },
    };
    xc_stem_t *en, *none;
    assert_int_equal(xc_stem_new("english", &en, NULL), PRESSCUT_OK);
    assert_int_equal(xc_stem_new("none", &none, NULL), PRESSCUT_OK);
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char a[64], b[64];
        stem(en, pairs[i][0], a, sizeof a);
        stem(en, pairs[i][1], b, sizeof b);
        assert_string_equal(a, b);
        stem(none, pairs[i][0], a, sizeof a);
        assert_string_equal(a, pairs[i][0]);
    }
    char a[64], b[64];
    stem(en, "rise", a, sizeof a);
    stem(en, "rize", b, sizeof b);
    assert_string_not_equal(a, b);
    xc_stem_destroy(en);
    xc_stem_destroy(none);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ise_family),
        cmocka_unit_test(ise_false_friends),
        cmocka_unit_test(our_family),
        cmocka_unit_test(re_family),
        cmocka_unit_test(ence_ogue_family),
        cmocka_unit_test(ll_family),
        cmocka_unit_test(ae_oe),
        cmocka_unit_test(english_stems_fold),
    };
    return cmocka_run_group_tests_name("stem", tests, NULL, NULL);
}
