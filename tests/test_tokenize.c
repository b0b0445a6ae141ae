#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "tokenize.h"
#include "tokenize_internal.h"
#include "utf8.h"

typedef struct tok {
    char word[PC_MAX_WORD + 1];
    size_t len, start, end;
    unsigned pos;
    bool numeric;
    char also[PC_MAX_ALSO][PC_MAX_WORD + 1];
    unsigned n_also;
} tok_t;

typedef struct toks {
    tok_t *v;
    size_t n, cap;
    size_t stop_after;   /* 0: never stop */
} toks_t;

static int collect(void *ctx, const pc_token_t *t)
{
    toks_t *ts = ctx;
    assert_int_equal(strlen(t->word), t->len);
    assert_true(t->len <= PC_MAX_WORD);
    if (ts->n == ts->cap) {
        ts->cap = ts->cap ? 2 * ts->cap : 16;
        ts->v = realloc(ts->v, ts->cap * sizeof *ts->v);
        assert_non_null(ts->v);
    }
    tok_t *o = &ts->v[ts->n++];
    memcpy(o->word, t->word, t->len + 1);
    o->len = t->len;
    o->start = t->start;
    o->end = t->end;
    o->pos = t->pos;
    o->numeric = t->numeric;
    assert_true(t->n_also <= PC_MAX_ALSO);
    o->n_also = t->n_also;
    for (unsigned i = 0; i < t->n_also; i++) {
        assert_int_equal(strlen(t->also[i]), t->also_len[i]);
        assert_true(t->also_len[i] > 0 && t->also_len[i] <= PC_MAX_WORD);
        assert_true(pc_utf8_valid(t->also[i], t->also_len[i], NULL));
        assert_false(t->also_len[i] == t->len && memcmp(t->also[i], t->word, t->len) == 0);
        memcpy(o->also[i], t->also[i], t->also_len[i] + 1);
    }
    return ts->stop_after && ts->n >= ts->stop_after;
}

static int setup(void **state)
{
    pc_tokenizer_t *tk = NULL;
    char *msg = NULL;
    if (pc_tokenizer_new(&tk, &msg) != PRESSCUT_OK) {
        fprintf(stderr, "pc_tokenizer_new: %s\n", msg ? msg : "out of memory");
        free(msg);
        return -1;
    }
    *state = tk;
    return 0;
}

static int teardown(void **state)
{
    pc_tokenizer_destroy(*state);
    return 0;
}

static presscut_status_t run(pc_tokenizer_t *tk, const char *s, size_t len, unsigned first,
                             toks_t *out, unsigned *next)
{
    out->n = 0;
    return pc_tokenize(tk, s, len, first, collect, out, next);
}

/* The words of ts, space separated, each followed by the terms it also
 * stands for if terms is set ("l'otan|otan"). */
static void spell_out(const toks_t *ts, bool terms, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < ts->n; i++) {
        size_t n = strlen(out);
        n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? " " : "", ts->v[i].word);
        for (unsigned k = 0; terms && k < ts->v[i].n_also; k++)
            n += (size_t)snprintf(out + n, cap - n, "|%s", ts->v[i].also[k]);
        assert_true(n < cap);
    }
}

/* Tokenizes s by both paths and checks what spell_out() gives. */
static void expect_spelled(pc_tokenizer_t *tk, const char *s, bool terms, const char *want)
{
    for (int icu = 0; icu < 2; icu++) {
        toks_t ts = { 0 };
        char got[1024];
        pc_tokenizer_force_icu(tk, icu);
        assert_int_equal(run(tk, s, strlen(s), 1, &ts, NULL), PRESSCUT_OK);
        spell_out(&ts, terms, got, sizeof got);
        if (strcmp(got, want) != 0)
            print_error("\"%s\"%s: got \"%s\"\n", s, icu ? " (ICU only)" : "", got);
        assert_string_equal(got, want);
        free(ts.v);
    }
    pc_tokenizer_force_icu(tk, false);
}

/* Tokenizes s (both paths must agree) and checks the words, space separated. */
static void expect_words(pc_tokenizer_t *tk, const char *s, const char *want)
{
    expect_spelled(tk, s, false, want);
}

/* The same with the terms each word also stands for. */
static void expect_terms(pc_tokenizer_t *tk, const char *s, const char *want)
{
    expect_spelled(tk, s, true, want);
}

static void test_simple_offsets_positions(void **state)
{
    pc_tokenizer_t *tk = *state;
    toks_t ts = { 0 };
    const char *s = "  Hello, world!\tBye.";
    unsigned next = 0;
    assert_int_equal(run(tk, s, strlen(s), 1, &ts, &next), PRESSCUT_OK);
    assert_int_equal(ts.n, 3);
    assert_string_equal(ts.v[0].word, "hello");
    assert_int_equal(ts.v[0].start, 2);
    assert_int_equal(ts.v[0].end, 7);
    assert_int_equal(ts.v[0].pos, 1);
    assert_string_equal(ts.v[1].word, "world");
    assert_int_equal(ts.v[1].start, 9);
    assert_int_equal(ts.v[1].end, 14);
    assert_int_equal(ts.v[1].pos, 2);
    assert_string_equal(ts.v[2].word, "bye");
    assert_int_equal(ts.v[2].start, 16);
    assert_int_equal(ts.v[2].end, 19);
    assert_int_equal(ts.v[2].pos, 3);
    assert_false(ts.v[0].numeric);
    assert_int_equal(next, 4);
    free(ts.v);
}

static void test_unicode_offsets(void **state)
{
    pc_tokenizer_t *tk = *state;
    toks_t ts = { 0 };
    const char *s = "in Priština today";   /* š is two bytes */
    assert_int_equal(run(tk, s, strlen(s), 1, &ts, NULL), PRESSCUT_OK);
    assert_int_equal(ts.n, 3);
    assert_string_equal(ts.v[1].word, "pristina");
    assert_int_equal(ts.v[1].start, 3);
    assert_int_equal(ts.v[1].end, 12);
    assert_string_equal(ts.v[2].word, "today");
    assert_int_equal(ts.v[2].start, 13);
    assert_int_equal(ts.v[2].pos, 3);
    free(ts.v);
}

static void test_first_pos(void **state)
{
    pc_tokenizer_t *tk = *state;
    toks_t ts = { 0 };
    unsigned next = 0;
    assert_int_equal(run(tk, "one two", 7, 100, &ts, &next), PRESSCUT_OK);
    assert_int_equal(ts.n, 2);
    assert_int_equal(ts.v[0].pos, 100);
    assert_int_equal(ts.v[1].pos, 101);
    assert_int_equal(next, 102);
    free(ts.v);
}

static void test_hyphen_adjacent(void **state)
{
    pc_tokenizer_t *tk = *state;
    toks_t ts = { 0 };
    const char *s = "the Euro-Atlantic path";
    assert_int_equal(run(tk, s, strlen(s), 1, &ts, NULL), PRESSCUT_OK);
    assert_int_equal(ts.n, 4);
    assert_string_equal(ts.v[1].word, "euro");
    assert_string_equal(ts.v[2].word, "atlantic");
    assert_int_equal(ts.v[2].pos, ts.v[1].pos + 1);
    free(ts.v);
    expect_words(tk, "Euro–Atlantic", "euro atlantic");   /* en dash */
}

static void test_diacritics(void **state)
{
    pc_tokenizer_t *tk = *state;
    expect_words(tk, "Priština", "pristina");
    expect_words(tk, "Pristina", "pristina");
    expect_words(tk, "PRIŠTINA", "pristina");
    expect_words(tk, "Pris\xcc\x8ctina", "pristina");   /* decomposed š */
    expect_words(tk, "Ελλάδα", "ελλαδα");
    expect_words(tk, "Straße", "strasse");
    expect_words(tk, "café crème", "cafe creme");
    expect_words(tk, "Pri\xc2\xadstina", "pristina");   /* soft hyphen */
}

static void test_apostrophes(void **state)
{
    pc_tokenizer_t *tk = *state;
    expect_words(tk, "Serbia's", "serbia's");
    expect_words(tk, "Serbia’s", "serbia's");   /* U+2019 */
    expect_words(tk, "Serbia‘s", "serbia's");   /* U+2018 */
    expect_words(tk, "Serbiaʼs", "serbia's");   /* U+02BC */
    expect_words(tk, "Serbia＇s", "serbia's");  /* U+FF07 */
    expect_words(tk, "'quoted' ’quoted’", "quoted quoted");
    expect_words(tk, "Serbia`s", "serbia s");   /* a backtick joins nothing */
}

/* Letters with no decomposition are spelled as users type them; the
 * umlauts, ø, å and đ also under their other spelling. */
static void test_fold_letters(void **state)
{
    pc_tokenizer_t *tk = *state;
    expect_terms(tk, "Đakovu ĐAKOVO đak", "dakovu|djakovu dakovo|djakovo dak|djak");
    expect_terms(tk, "Diyarbakır DİYARBAKIR İstanbul", "diyarbakir diyarbakir istanbul");
    expect_terms(tk, "Łódź", "lodz");
    expect_terms(tk, "Støre Tromsø ØRSTA", "store|stoere tromso|tromsoe orsta|oersta");
    expect_terms(tk, "Ærø encyclopædia", "aero|aeroe encyclopaedia");
    expect_terms(tk, "cœur Œuvre", "coeur oeuvre");
    expect_terms(tk, "Þingvellir Guðni", "thingvellir gudni");
    expect_terms(tk, "Ħamrun", "hamrun");
    expect_terms(tk, "Müller MÜLLER Mu\xcc\x88ller", "muller|mueller muller|mueller muller|mueller");
    expect_terms(tk, "Köln über Größe", "koln|koeln uber|ueber grosse|groesse");
    expect_terms(tk, "Århus", "arhus|aarhus");
    /* the other marks of a, o, u leave nothing: no other spelling */
    expect_terms(tk, "Noël naïve São Dvořák", "noel naive sao dvorak");
    /* words without such letters are as they were */
    expect_terms(tk, "Mueller Muller Aarhus", "mueller muller aarhus");
}

/* The marks users drop: of Latin, Greek, and Cyrillic stress and ё. */
static void test_fold_marks(void **state)
{
    pc_tokenizer_t *tk = *state;
    expect_terms(tk, "résumé Čačak Ţară Việt", "resume cacak tara viet");
    expect_terms(tk, "Королёв ЁЛКА", "королев елка");
    expect_terms(tk, "моло\xcc\x81ко Ѐ ѝ", "молоко е и");   /* stress accents */
    expect_terms(tk, "Αθήνα ΆΝΟΙΞΗ Ϊ προϋπόθεση", "αθηνα ανοιξη ι προυποθεση");
    /* Arabic and Hebrew vowel points, which news leaves out */
    expect_terms(tk, "مُحَمَّد שָׁלוֹם", "محمد שלום");
}

/* Arabic as its search engines read it: harakat and the hamza and madda
 * of alef dropped (أ إ آ are ا), tatweel and alef wasla too; ta marbuta
 * and alef maksura kept, also under the ه and ي many type for them. */
static void test_fold_arabic(void **state)
{
    pc_tokenizer_t *tk = *state;
    expect_terms(tk, "أحمد إسلام آمن", "احمد اسلام امن");
    expect_terms(tk, "عَرَبِيّ", "عربي");                               /* harakat */
    expect_terms(tk, "كـتـاب الأردنـي", "كتاب الاردني");                /* tatweel */
    expect_terms(tk, "ٱلله", "الله");                                   /* alef wasla */
    expect_terms(tk, "مدرسة الحكومة", "مدرسة|مدرسه الحكومة|الحكومه");   /* ta marbuta */
    expect_terms(tk, "مصطفى على", "مصطفى|مصطفي على|علي");              /* alef maksura */
    expect_terms(tk, "الأردنيّة", "الاردنية|الاردنيه");
    /* what users type for them stays as typed */
    expect_terms(tk, "مدرسه علي مصطفي", "مدرسه علي مصطفي");
    /* a word of tatweel alone is no word */
    expect_terms(tk, "ـــ كتاب", "كتاب");
}

/* Marks that make another letter stay: distinct letters never merge. */
static void test_fold_never(void **state)
{
    pc_tokenizer_t *tk = *state;
    expect_terms(tk, "Йошкар мой МОЙ", "йошкар мой мой");          /* й is not и */
    expect_terms(tk, "Їжак їжа", "їжак їжа");                       /* ї is not і */
    expect_terms(tk, "праўда", "праўда");                           /* ў is not у */
    expect_terms(tk, "Ѓорѓи Ќерка", "ѓорѓи ќерка");                 /* Macedonian ѓ ќ */
    expect_terms(tk, "देश", "देश");                                   /* not दश */
    expect_terms(tk, "क़िला", "क़िला");                                 /* nukta */
    expect_terms(tk, "ข่าว", "ข่าว");                                 /* not ขาว (white) */
    expect_terms(tk, "ガス", "ガス");                                 /* not カス */
    /* and what they would have merged with is another word */
    expect_terms(tk, "Иошкар Іжак दश ขาว カス", "иошкар іжак दश ขาว カス");
}

/* Elisions and Turkish suffixes also stand for the word on its own, at
 * the same position; English clitics do not. */
static void test_apostrophe_words(void **state)
{
    pc_tokenizer_t *tk = *state;
    expect_terms(tk, "l'OTAN l’Assemblée d'Ivoire", "l'otan|otan l'assemblee|assemblee d'ivoire|ivoire");
    expect_terms(tk, "qu'il j'ai n'est s'il c'est jusqu'à", "qu'il|il j'ai|ai n'est|est s'il|il c'est|est jusqu'a|a");
    expect_terms(tk, "dell'Unione all'Italia nell'UE un'altra", "dell'unione|unione all'italia|italia nell'ue|ue un'altra|altra");
    expect_terms(tk, "L'Europe D’ALEMA", "l'europe|europe d'alema|alema");
    expect_terms(tk, "Ankara'daki İstanbul’da ANKARA'DA AB'ye", "ankara'daki|ankara istanbul'da|istanbul ankara'da|ankara ab'ye|ab");
    expect_terms(tk, "Türkiye'nin", "turkiye'nin|tuerkiye'nin|turkiye|tuerkiye");
    expect_terms(tk, "l'Œuvre", "l'oeuvre|oeuvre");
    /* English keeps its clitics, and O' is no elision */
    expect_terms(tk, "NATO's NATO’s McDonald's don't We're they'll I've I'd I'm",
                 "nato's nato's mcdonald's don't we're they'll i've i'd i'm");
    expect_terms(tk, "O'Brien rock'n'roll", "o'brien rock'n'roll");
    expect_terms(tk, "UN's All's L's d've", "un's all's l's d've");   /* not elisions */
    /* a suffix is Turkish only after a proper noun, in its case */
    expect_terms(tk, "ankara'daki Ankara'Daki", "ankara'daki ankara'daki");
    /* the word on its own is at the word's position */
    toks_t ts = { 0 };
    const char *s = "Selon l'OTAN hier";
    assert_int_equal(run(tk, s, strlen(s), 1, &ts, NULL), PRESSCUT_OK);
    assert_int_equal(ts.n, 3);
    assert_int_equal(ts.v[1].pos, 2);
    assert_int_equal(ts.v[1].n_also, 1);
    assert_string_equal(ts.v[1].also[0], "otan");
    assert_int_equal(ts.v[1].start, 6);
    assert_int_equal(ts.v[1].end, 12);
    assert_int_equal(ts.v[2].pos, 3);
    free(ts.v);
}

/* Suffixes off (the text of an article in another language than
 * Turkish): a capitalised word with an apostrophe stays whole, elisions
 * still give their word; on again, the suffix is split off. */
static void test_suffixes_only_when_set(void **state)
{
    pc_tokenizer_t *tk = *state;
    assert_true(pc_tokenize_suffixes_for("turkish"));
    assert_false(pc_tokenize_suffixes_for("english"));
    assert_false(pc_tokenize_suffixes_for("french"));
    expect_terms(tk, "Qur'an Aujourd'hui", "qur'an|qur aujourd'hui|aujourd");
    pc_tokenizer_set_suffixes(tk, false);
    expect_terms(tk, "Qur'an Aujourd'hui Ankara'daki", "qur'an aujourd'hui ankara'daki");
    expect_terms(tk, "l'OTAN dell'Unione", "l'otan|otan dell'unione|unione");
    pc_tokenizer_set_suffixes(tk, true);
    expect_terms(tk, "Ankara'daki", "ankara'daki|ankara");
}

static void test_numbers(void **state)
{
    pc_tokenizer_t *tk = *state;
    toks_t ts = { 0 };
    const char *s = "3.5 2,000 2025 1;2 10:30 a1 1a";
    assert_int_equal(run(tk, s, strlen(s), 1, &ts, NULL), PRESSCUT_OK);
    const char *want[] = { "3.5", "2,000", "2025", "1;2", "10", "30", "a1", "1a" };
    const bool num[] = { true, true, true, true, true, true, true, false };
    assert_int_equal(ts.n, 8);
    for (size_t i = 0; i < ts.n; i++) {
        assert_string_equal(ts.v[i].word, want[i]);
        assert_int_equal(ts.v[i].numeric, num[i]);
    }
    free(ts.v);
    expect_words(tk, "3.5 2,000 2025 1;2 10:30 a1 1a", "3.5 2,000 2025 1;2 10 30 a1 1a");
    expect_words(tk, "٢٠٢٥ ２０２５", "٢٠٢٥ 2025");   /* Arabic-Indic and fullwidth digits */
    expect_words(tk, "end. Next 1. 2", "end next 1 2");
    expect_words(tk, "U.S. e.g. a.b.1", "u.s e.g a.b 1");
}

static void test_case_and_nfkc(void **state)
{
    pc_tokenizer_t *tk = *state;
    expect_words(tk, "NATO Nato nato", "nato nato nato");
    expect_words(tk, "ＮＡＴＯ", "nato");          /* fullwidth */
    expect_words(tk, "ﬁnance", "finance");        /* ligature */
    expect_words(tk, "İstanbul", "istanbul");     /* dotted capital I */
}

static void test_cjk(void **state)
{
    pc_tokenizer_t *tk = *state;
    toks_t ts = { 0 };
    const char *s = "北京是中国的首都。東京は日本の首都です。서울은 한국의 수도입니다.";
    assert_int_equal(run(tk, s, strlen(s), 1, &ts, NULL), PRESSCUT_OK);
    assert_true(ts.n >= 6);
    for (size_t i = 0; i < ts.n; i++) {
        assert_true(ts.v[i].len > 0);
        assert_true(ts.v[i].start < ts.v[i].end && ts.v[i].end <= strlen(s));
        assert_int_equal(ts.v[i].pos, i + 1);
    }
    free(ts.v);
}

/* The words of s, each with its byte range in s, as "word@start-end". */
static void expect_ranges(pc_tokenizer_t *tk, const char *s, const char *want)
{
    toks_t ts = { 0 };
    char got[1024] = "";
    assert_int_equal(run(tk, s, strlen(s), 1, &ts, NULL), PRESSCUT_OK);
    for (size_t i = 0, n = 0; i < ts.n; i++) {
        n += (size_t)snprintf(got + n, sizeof got - n, "%s%.*s@%zu-%zu", i ? " " : "",
                              (int)(ts.v[i].end - ts.v[i].start), s + ts.v[i].start,
                              ts.v[i].start, ts.v[i].end);
        assert_true(n < sizeof got);
    }
    assert_string_equal(got, want);
    free(ts.v);
}

/* Traditional Chinese: each word carries its Simplified spelling, and is
 * broken where the Simplified text is, so that the two scripts give the
 * same words: 國家安全 is one word as 国家安全 is (ICU alone breaks it in
 * two), 台灣海峽 two as 台湾海峡 is (one word in ICU alone). */
static void test_traditional_simplified(void **state)
{
    pc_tokenizer_t *tk = *state;
    expect_terms(tk, "台灣", "台灣|台湾");
    expect_terms(tk, "台湾", "台湾");
    expect_terms(tk, "國家安全", "國家安全|国家安全");
    expect_terms(tk, "国家安全", "国家安全");
    expect_terms(tk, "習近平", "習|习 近平");
    expect_terms(tk, "习近平", "习 近平");
    expect_terms(tk, "台灣海峽", "台灣|台湾 海峽|海峡");
    expect_terms(tk, "台湾海峡", "台湾 海峡");
    /* the words of a sentence, with Latin and digits among them, where
     * the Traditional bytes are (3 bytes a character) */
    expect_ranges(tk, "據AP報導，台灣海峽2025年",
                  "據@0-3 AP@3-5 報導@5-11 台灣@14-20 海峽@20-26 2025@26-30 年@30-33");
    expect_terms(tk, "據AP報導，台灣海峽2025年", "據|据 ap 報導|报导 台灣|台湾 海峽|海峡 2025 年");
    /* Latin, Cyrillic and Simplified text are as they were */
    expect_terms(tk, "Taiwan Тайвань 台湾海峡", "taiwan тайвань 台湾 海峡");
    /* a curly apostrophe beside Traditional text is straightened, as
     * anywhere: the word has no Simplified spelling of its own
     * (fuzz/tokenize found "serbia’s" as one when ICU alone broke it) */
    expect_terms(tk, "Serbia\xe2\x80\x99s 台灣", "serbia's 台灣|台湾");
    /* compatibility ideographs are NFKC'd first, as before */
    expect_terms(tk, "\xef\xa4\x80", "\xe8\xb1\x88");   /* U+F900 -> U+8C48 */
}

/* Han text longer than PC_MAX_HAN_PIECE without an ASCII break is broken
 * as written, with no Simplified spelling; a piece of that size is. */
static void test_han_piece_limit(void **state)
{
    pc_tokenizer_t *tk = *state;
    const char *word = "台灣，";   /* 9 bytes: one word, then a break */
    for (size_t len = PC_MAX_HAN_PIECE - PC_MAX_HAN_PIECE % 9; len <= PC_MAX_HAN_PIECE + 9;
         len += 9) {
        char *s = malloc(len);
        assert_non_null(s);
        for (size_t i = 0; i < len; i += 9)
            memcpy(s + i, word, 9);
        toks_t ts = { 0 };
        assert_int_equal(run(tk, s, len, 1, &ts, NULL), PRESSCUT_OK);
        assert_int_equal(ts.n, len / 9);
        bool simplified = len <= PC_MAX_HAN_PIECE;
        for (size_t i = 0; i < ts.n; i += ts.n - 1) {
            assert_string_equal(ts.v[i].word, "台灣");
            assert_int_equal(ts.v[i].n_also, simplified);
            if (simplified)
                assert_string_equal(ts.v[i].also[0], "台湾");
        }
        free(ts.v);
        free(s);
    }
}

/* Japanese: words are broken as everyone's are (a query cannot know its
 * language), but with simplify off (a Japanese article) no word gets a
 * Simplified spelling: 機 is not 机 there. */
static void test_japanese_not_simplified(void **state)
{
    pc_tokenizer_t *tk = *state;
    assert_false(pc_tokenize_simplifies_for("ja"));
    assert_true(pc_tokenize_simplifies_for("zh"));
    assert_true(pc_tokenize_simplifies_for("en"));
    assert_true(pc_tokenize_simplifies_for(""));
    expect_terms(tk, "飛行機", "飛行|飞行 機|机");
    pc_tokenizer_set_simplify(tk, false);
    expect_terms(tk, "飛行機", "飛行 機");
    expect_terms(tk, "東京で大規模な防災訓練", "東京 で 大規模 な 防 災 訓練");
    expect_terms(tk, "台灣海峽", "台灣 海峽");   /* broken as everywhere */
    pc_tokenizer_set_simplify(tk, true);
    expect_terms(tk, "東京で大規模な防災訓練",
                 "東京|东京 で 大規模|大规模 な 防 災|灾 訓練|训练");
}

static void test_invalid_utf8(void **state)
{
    pc_tokenizer_t *tk = *state;
    toks_t ts = { 0 };
    const char s[] = "good \xc3\x28 bad";
    assert_int_equal(run(tk, s, sizeof s - 1, 1, &ts, NULL), PRESSCUT_BAD_INPUT);
    assert_int_equal(ts.n, 0);
    assert_non_null(strstr(pc_tokenizer_error(tk), "offset 5"));
    assert_int_equal(run(tk, "\xed\xa0\x80", 3, 1, &ts, NULL), PRESSCUT_BAD_INPUT);  /* surrogate */
    /* the tokenizer is still usable */
    assert_int_equal(run(tk, "fine", 4, 1, &ts, NULL), PRESSCUT_OK);
    assert_int_equal(ts.n, 1);
    free(ts.v);
}

static void test_empty(void **state)
{
    pc_tokenizer_t *tk = *state;
    toks_t ts = { 0 };
    unsigned next = 0;
    assert_int_equal(run(tk, "", 0, 7, &ts, &next), PRESSCUT_OK);
    assert_int_equal(ts.n, 0);
    assert_int_equal(next, 7);
    assert_int_equal(run(tk, " -- ... !? \n", 12, 7, &ts, &next), PRESSCUT_OK);
    assert_int_equal(ts.n, 0);
    assert_int_equal(next, 7);
    pc_tokenizer_force_icu(tk, true);
    assert_int_equal(run(tk, "", 0, 7, &ts, &next), PRESSCUT_OK);
    pc_tokenizer_force_icu(tk, false);
    assert_int_equal(ts.n, 0);
    free(ts.v);
}

static void test_callback_stop(void **state)
{
    pc_tokenizer_t *tk = *state;
    for (int icu = 0; icu < 2; icu++) {
        pc_tokenizer_force_icu(tk, icu);
        for (int uni = 0; uni < 2; uni++) {
            toks_t ts = { .stop_after = 2 };
            unsigned next = 0;
            const char *s = uni ? "één twee drie vier" : "one two three four";
            assert_int_equal(run(tk, s, strlen(s), 1, &ts, &next), PRESSCUT_OK);
            assert_int_equal(ts.n, 2);
            assert_int_equal(next, 3);
            free(ts.v);
        }
    }
    pc_tokenizer_force_icu(tk, false);
}

static void test_long_word(void **state)
{
    pc_tokenizer_t *tk = *state;
    char s[1024];
    toks_t ts = { 0 };
    /* ASCII: cut at exactly PC_MAX_WORD */
    memset(s, 'A', 500);
    memcpy(s + 500, " b", 3);
    assert_int_equal(run(tk, s, strlen(s), 1, &ts, NULL), PRESSCUT_OK);
    assert_int_equal(ts.n, 2);
    assert_int_equal(ts.v[0].len, PC_MAX_WORD);
    assert_int_equal(ts.v[0].end, 500);
    assert_int_equal(ts.v[0].word[0], 'a');
    /* two-byte letters after one ASCII byte: the cut must not split one */
    size_t n = 0;
    s[n++] = 'x';
    for (int i = 0; i < 300; i++) {
        memcpy(s + n, "\xce\xb1", 2);   /* α */
        n += 2;
    }
    s[n] = '\0';
    assert_int_equal(run(tk, s, n, 1, &ts, NULL), PRESSCUT_OK);
    assert_int_equal(ts.n, 1);
    assert_int_equal(ts.v[0].len, PC_MAX_WORD - 1);
    assert_int_equal(ts.v[0].end, n);
    assert_true(pc_utf8_valid(ts.v[0].word, ts.v[0].len, NULL));
    free(ts.v);
}

/* Tokenizes s[0..n) by both paths; the first token must be want. */
static void expect_first(pc_tokenizer_t *tk, const char *s, size_t n, const char *want)
{
    for (int icu = 0; icu < 2; icu++) {
        toks_t ts = { 0 };
        pc_tokenizer_force_icu(tk, icu);
        assert_int_equal(run(tk, s, n, 1, &ts, NULL), PRESSCUT_OK);
        assert_true(ts.n >= 1);
        assert_string_equal(ts.v[0].word, want);
        free(ts.v);
    }
    pc_tokenizer_force_icu(tk, false);
}

static char *repeat(const char *head, const char *unit, size_t times, const char *tail,
                    size_t *len)
{
    size_t h = strlen(head), u = strlen(unit), t = strlen(tail);
    char *s = malloc(h + u * times + t + 1);
    assert_non_null(s);
    memcpy(s, head, h);
    for (size_t i = 0; i < times; i++)
        memcpy(s + h + i * u, unit, u);
    memcpy(s + h + u * times, tail, t + 1);
    *len = h + u * times + t;
    return s;
}

/* Words that take the ICU path and normalize to more than PC_MAX_WORD
 * bytes, ASCII letters among them, used to be written past the word buffer. */
static void test_long_unicode_word(void **state)
{
    pc_tokenizer_t *tk = *state;
    size_t n;
    char want[PC_MAX_WORD + 1];
    want[0] = 'e';
    memset(want + 1, 'a', PC_MAX_WORD - 1);
    want[PC_MAX_WORD] = '\0';

    /* é and 100,000 a: cut at PC_MAX_WORD, the next word still found */
    char *s = repeat("\xc3\xa9", "a", 100000, " next", &n);
    toks_t ts = { 0 };
    assert_int_equal(run(tk, s, n, 7, &ts, NULL), PRESSCUT_OK);
    assert_int_equal(ts.n, 2);
    assert_string_equal(ts.v[0].word, want);
    assert_int_equal(ts.v[0].start, 0);
    assert_int_equal(ts.v[0].end, 100002);
    assert_string_equal(ts.v[1].word, "next");
    assert_int_equal(ts.v[1].start, 100003);
    assert_int_equal(ts.v[1].pos, 8);
    free(ts.v);
    ts = (toks_t){ 0 };
    expect_first(tk, s, n, want);
    free(s);

    /* the same word as a query of it alone, at any length past the cut */
    size_t lens[] = { PC_MAX_WORD, PC_MAX_WORD + 1, 2000, PC_MAX_WORD_SOURCE, 100000 };
    for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
        s = repeat("\xc3\x89", "A", lens[i], "", &n);   /* É */
        expect_first(tk, s, n, want);
        free(s);
    }

    /* ß folds to two ASCII letters: 200 of them give 80 "ss" */
    s = repeat("", "\xc3\x9f", 200, " b", &n);
    memset(want, 's', PC_MAX_WORD);
    expect_first(tk, s, n, want);
    free(s);

    /* a, α: the cut falls after an ASCII letter that still fits */
    s = repeat("", "a\xce\xb1", 200, "", &n);
    char *w = repeat("", "a\xce\xb1", PC_MAX_WORD / 3, "a", &n);
    assert_int_equal(n, PC_MAX_WORD);
    expect_first(tk, s, strlen(s), w);
    free(w);
    free(s);

    /* ligatures and a marked letter whose marks run past PC_MAX_WORD_SOURCE */
    const char *odd[][2] = {
        { "\xef\xac\x83", "ffi" },     /* ﬃ: one character, three letters */
        { "\xef\xb7\xba", NULL },      /* ﷺ: 18 Arabic letters */
        { "\xcc\x81", NULL },           /* combining acute after an a */
    };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        s = repeat("a", odd[i][0], 10000, " end", &n);
        for (int icu = 0; icu < 2; icu++) {
            pc_tokenizer_force_icu(tk, icu);
            assert_int_equal(run(tk, s, n, 1, &ts, NULL), PRESSCUT_OK);
            assert_true(ts.n >= 2);
            assert_true(pc_utf8_valid(ts.v[0].word, ts.v[0].len, NULL));
            assert_true(ts.v[0].len <= PC_MAX_WORD);
            if (odd[i][1])
                assert_memory_equal(ts.v[0].word + 1, odd[i][1], strlen(odd[i][1]));
            assert_string_equal(ts.v[ts.n - 1].word, "end");
        }
        pc_tokenizer_force_icu(tk, false);
        free(ts.v);
        ts = (toks_t){ 0 };
        free(s);
    }
}

static void test_stopwords(void **state)
{
    (void)state;
    const char *stop[] = { "the", "a", "of", "and", "to", "in", "is", "was", "for", "on",
                           "that", "it", "it's", "yourselves", "about" };
    const char *keep[] = { "us", "who", "may", "will", "nato", "", "th", "thee", "abou",
                           "aa", "zzz", "its'" };
    for (size_t i = 0; i < sizeof stop / sizeof *stop; i++)
        assert_true(pc_is_stopword(stop[i], strlen(stop[i])));
    for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
        assert_false(pc_is_stopword(keep[i], strlen(keep[i])));
    /* length counts, not the NUL */
    assert_true(pc_is_stopword("theory", 3));
    assert_false(pc_is_stopword("theory", 4));
}

/* ---- the fast path against ICU ---------------------------------------- */

static void compare_paths(pc_tokenizer_t *tk, const char *s, size_t len)
{
    toks_t a = { 0 }, b = { 0 };
    unsigned na = 0, nb = 0;
    presscut_status_t sa = run(tk, s, len, 1, &a, &na);
    pc_tokenizer_force_icu(tk, true);
    presscut_status_t sb = run(tk, s, len, 1, &b, &nb);
    pc_tokenizer_force_icu(tk, false);
    assert_int_equal(sa, sb);
    bool same = a.n == b.n && na == nb;
    for (size_t i = 0; same && i < a.n; i++)
        same = strcmp(a.v[i].word, b.v[i].word) == 0 && a.v[i].start == b.v[i].start &&
               a.v[i].end == b.v[i].end && a.v[i].pos == b.v[i].pos &&
               a.v[i].numeric == b.v[i].numeric && a.v[i].n_also == b.v[i].n_also;
    for (size_t i = 0; same && i < a.n; i++)
        for (unsigned k = 0; same && k < a.v[i].n_also; k++)
            same = strcmp(a.v[i].also[k], b.v[i].also[k]) == 0;
    if (!same) {
        print_error("paths differ on \"%.*s\"\n", (int)(len > 200 ? 200 : len), s);
        for (size_t i = 0; i < a.n || i < b.n; i++)
            print_error("  fast %-20s %zu-%zu %d | icu %-20s %zu-%zu %d\n",
                        i < a.n ? a.v[i].word : "-", i < a.n ? a.v[i].start : 0,
                        i < a.n ? a.v[i].end : 0, i < a.n ? a.v[i].numeric : 0,
                        i < b.n ? b.v[i].word : "-", i < b.n ? b.v[i].start : 0,
                        i < b.n ? b.v[i].end : 0, i < b.n ? b.v[i].numeric : 0);
        fail();
    }
    free(a.v);
    free(b.v);
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static void random_strings(pc_tokenizer_t *tk, const char *const *alphabet, size_t n_alpha,
                           int count)
{
    char s[512];
    for (int k = 0; k < count; k++) {
        size_t len = 0, want = rnd(60);
        for (size_t i = 0; i < want; i++) {
            const char *piece = alphabet[rnd((uint32_t)n_alpha)];
            size_t n = strlen(piece);
            if (n == 0)   /* the empty string stands for a NUL byte */
                n = 1;
            memcpy(s + len, piece, n);
            len += n;
        }
        compare_paths(tk, s, len);
    }
}

static void test_fast_path_random_ascii(void **state)
{
    pc_tokenizer_t *tk = *state;
    static const char *const punct[] = {
        "a", "b", "Z", "x", "e", "0", "1", "9", ".", ",", "'", ":", ";", "-", "_", " ",
        "\n", "\t", "\"", "@", "\r", "..", "a", "1",
    };
    random_strings(tk, punct, sizeof punct / sizeof *punct, 400);
    const char *all[128];
    static char chars[128][2];
    for (int c = 0; c < 128; c++) {
        chars[c][0] = (char)c;
        all[c] = chars[c];
    }
    random_strings(tk, all, 128, 400);
}

static void test_fast_path_random_mixed(void **state)
{
    /* non-ASCII pieces check the split between fast path and ICU */
    pc_tokenizer_t *tk = *state;
    static const char *const mix[] = {
        "a", "B", "1", ".", ",", "'", ":", " ", "-", "_", "\n", "é", "’", "\xcc\x81",
        "中", "国", "α", "\xc2\xa0", "\xe2\x80\x8d", "\xf0\x9f\x87\xac", "\xf0\x9f\x98\x80",
        "ש", "\"", "ٔ", "\xef\xbc\x8e", "\xc2\xad", "đ", "ø", "ü", "\xcc\x88", "й", "ї",
        "\xe0\xa5\x87", "\xe0\xb9\x88", "İ", "ı", "L", "l", "d", "A",
    };
    random_strings(tk, mix, sizeof mix / sizeof *mix, 600);
}

/* ---- the BBC corpus ------------------------------------------------------ */

static char corpus_dir[4096];

typedef struct corpus {
    char **text;
    size_t *len;
    size_t n, cap, bytes;
} corpus_t;

static corpus_t corpus;

static int add_file(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    size_t pl = strlen(path);
    if (type != FTW_F || pl < 4 || strcmp(path + pl - 4, ".txt") != 0)
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 4096 > cap) {
            cap = cap ? 2 * cap : 16384;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    fclose(f);
    if (corpus.n == corpus.cap) {
        corpus.cap = corpus.cap ? 2 * corpus.cap : 256;
        corpus.text = realloc(corpus.text, corpus.cap * sizeof *corpus.text);
        corpus.len = realloc(corpus.len, corpus.cap * sizeof *corpus.len);
        assert_true(corpus.text && corpus.len);
    }
    corpus.text[corpus.n] = buf;
    corpus.len[corpus.n++] = len;
    corpus.bytes += len;
    return 0;
}

static bool load_corpus(void)
{
    if (corpus.n)
        return true;
    if (!corpus_dir[0])
        return false;
    nftw(corpus_dir, add_file, 16, FTW_PHYS);
    return corpus.n > 0;
}

static void free_corpus(void)
{
    for (size_t i = 0; i < corpus.n; i++)
        free(corpus.text[i]);
    free(corpus.text);
    free(corpus.len);
}

static void test_fast_path_bbc(void **state)
{
    pc_tokenizer_t *tk = *state;
    if (!load_corpus()) {
        print_message("no BBC corpus at ../shared/corpus/bbc (relative to the repo root): skipped\n");
        skip();
    }
    for (size_t i = 0; i < corpus.n; i++)
        compare_paths(tk, corpus.text[i], corpus.len[i]);
}

static int count_only(void *ctx, const pc_token_t *t)
{
    (*(size_t *)ctx) += t->len;
    return 0;
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_throughput_bbc(void **state)
{
    pc_tokenizer_t *tk = *state;
    if (!load_corpus()) {
        print_message("no BBC corpus at ../shared/corpus/bbc (relative to the repo root): skipped\n");
        skip();
    }
    double mbs[2];
    for (int icu = 0; icu < 2; icu++) {
        pc_tokenizer_force_icu(tk, icu);
        size_t sink = 0;
        double best = 1e9;
        for (int rep = 0; rep < 3; rep++) {
            double t0 = seconds();
            for (size_t i = 0; i < corpus.n; i++)
                assert_int_equal(pc_tokenize(tk, corpus.text[i], corpus.len[i], 1, count_only,
                                             &sink, NULL),
                                 PRESSCUT_OK);
            double dt = seconds() - t0;
            if (dt < best)
                best = dt;
        }
        mbs[icu] = (double)corpus.bytes / 1e6 / best;
    }
    pc_tokenizer_force_icu(tk, false);
    print_message("bbc: %zu files, %.1f MB: fast path %.1f MB/s, ICU only %.1f MB/s\n", corpus.n,
                  (double)corpus.bytes / 1e6, mbs[0], mbs[1]);
}

static void find_corpus(const char *argv0)
{
    /* tests/run.sh runs from the repo root; from elsewhere the binary's
     * place (B/tests/NAME) tells where the root is */
    const char *rel = "../shared/corpus/bbc";
    struct stat sb;
    if (stat(rel, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        snprintf(corpus_dir, sizeof corpus_dir, "%s", rel);
        return;
    }
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", argv0);
    char *dir = dirname(copy);
    if (snprintf(corpus_dir, sizeof corpus_dir, "%s/../../%s", dir, rel) >= (int)sizeof corpus_dir ||
        stat(corpus_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        corpus_dir[0] = '\0';
}

int main(int argc, char **argv)
{
    (void)argc;
    find_corpus(argv[0]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_offsets_positions),
        cmocka_unit_test(test_unicode_offsets),
        cmocka_unit_test(test_first_pos),
        cmocka_unit_test(test_hyphen_adjacent),
        cmocka_unit_test(test_diacritics),
        cmocka_unit_test(test_apostrophes),
        cmocka_unit_test(test_fold_letters),
        cmocka_unit_test(test_fold_marks),
        cmocka_unit_test(test_fold_arabic),
        cmocka_unit_test(test_fold_never),
        cmocka_unit_test(test_apostrophe_words),
        cmocka_unit_test(test_suffixes_only_when_set),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_case_and_nfkc),
        cmocka_unit_test(test_cjk),
        cmocka_unit_test(test_traditional_simplified),
        cmocka_unit_test(test_han_piece_limit),
        cmocka_unit_test(test_japanese_not_simplified),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_callback_stop),
        cmocka_unit_test(test_long_word),
        cmocka_unit_test(test_long_unicode_word),
        cmocka_unit_test(test_stopwords),
        cmocka_unit_test(test_fast_path_random_ascii),
        cmocka_unit_test(test_fast_path_random_mixed),
        cmocka_unit_test(test_fast_path_bbc),
        cmocka_unit_test(test_throughput_bbc),
    };
    int failed = cmocka_run_group_tests_name("tokenize", tests, setup, teardown);
    free_corpus();
    return failed;
}
