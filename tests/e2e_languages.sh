#!/bin/sh
# End-to-end: one default index (no --language) of the project's corpus/,
# English and the multilingual samples of corpus/languages/ and
# corpus/feeds/languages.jsonl: each article is stemmed in the language it
# names (header, front matter, feed field, HTML lang), a query finds the
# inflected forms of every language the index holds, Serbian in either
# script finds the other (free words, phrases and quotes), and language:
# filters.  It answers every example of issue 17 on the shipped samples:
# Москва/Москве, Kragujevac/Крагујевац, Суботица/Subotica, dakovu/Đakovu,
# diyarbakir/Diyarbakır, Mueller/Müller both ways, otan/l'OTAN,
# Assemblee/l'Assemblée, Ankara/Ankara'daki, and none of the "never" cases
# (й/и, ї/і, देश/दश, Thai marks) merge.  Traditional and Simplified Chinese
# find each other (台灣/台湾, 國家安全/国家安全, 習近平/习近平, phrases and
# quotes), and Japanese kanji are left Japanese.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

DB=$T/db
$IDX -q --db "$DB" corpus 2>"$T/err"
check "index corpus/ with no --language, without a warning" \
    sh -c "test $? = 0 && test ! -s '$T/err'"

# files QUERY...: the files of the hits (one a line) in $T/out.
files() {
    $QRY --db "$DB" --files -n 50 "$@" >"$T/out" 2>"$T/err"
}
# only FILE: the hits are FILE's alone.
only() {
    test "$(sort -u "$T/out")" = "$1"
}
# both FILE1 FILE2: the hits are these two files.
both() {
    test "$(sort -u "$T/out" | tr '\n' ' ')" = "$(printf '%s\n' "$1" "$2" | sort | tr '\n' ' ')"
}

# cited QUOTE VERBATIM FILE: presscut-query --quote finds QUOTE exactly,
# as VERBATIM, at bytes of FILE that hold VERBATIM.
cited() {
    $QRY --db "$DB" --json --quote "$1" | head -1 >"$T/q"
    python3 -c 'import json,sys; h = json.load(open(sys.argv[1]))
sys.exit(h["match"] != "exact" or h["verbatim"] != sys.argv[2] or
         open(sys.argv[3], "rb").read()[h["match_start"]:h["match_end"]] != h["verbatim"].encode())' \
        "$T/q" "$2" "$3"
}

RU=corpus/feeds/languages.jsonl:1
UK=corpus/feeds/languages.jsonl:2
TR=corpus/feeds/languages.jsonl:3
AR=corpus/feeds/languages.jsonl:4
SRC=corpus/languages/kragujevac-fabrika.txt
SRL=corpus/languages/subotica-granicni-prelaz.md
HR=corpus/languages/rijeka-luka.txt
HRD=corpus/languages/dakovo-ergela.txt
DE=corpus/languages/berlin-stromnetz.html
DEM=corpus/languages/lipizzaner-bayern.txt
FR=corpus/languages/otan-exercice-baltique.txt
HI=corpus/languages/delhi-metro.txt
TH=corpus/languages/chiang-mai-nam-thuam.txt

$IDX --stats --json --db "$DB" >"$T/stats"
check "--stats lists every language's code" \
    sh -c "test \"\$(jq -r '[.languages[].code] | sort | join(\" \")' '$T/stats')\" = \
           'ar de en fr hi hr ja ru sq sr th tr uk zh'"
check "--stats counts the Serbian passages" \
    sh -c "test \"\$(jq '.languages[] | select(.code == \"sr\") | .passages' '$T/stats')\" -ge 2"
check "--stats counts each language's articles: two Serbian ones" \
    test "$(jq '.languages[] | select(.code == "sr") | .articles' "$T/stats")" = 2
check "an article of many passages counts once (German: 3 articles, more passages)" \
    test "$(jq -c '.languages[] | select(.code == "de") | [.articles, .passages > 3]' "$T/stats")" \
    = '[3,true]'
check "the languages' articles add up to the index's" \
    test "$(jq '([.languages[].articles] | add) == .articles' "$T/stats")" = true
$IDX --stats --db "$DB" >"$T/text"
check "--stats text: a language's articles and passages" \
    grep -qx 'languages: *sr (2 articles, 2 passages)' "$T/text"

# Russian: the nominative finds the locative the article has.
files 'Москва'
check "Москва finds the Russian article's Москве" only "$RU"
files 'Москве'
check "Москве finds it too" only "$RU"
# Russian is not transliterated: a Latin spelling does not find it.
files 'Moskva'
check "Moskva does not find Russian text" test ! -s "$T/out"
files 'Moskve'
check "nor does Moskve" test ! -s "$T/out"
files 'Києві'
check "a Ukrainian word finds its article" only "$UK"

# Serbian, both scripts, both directions, names and ordinary words.
files 'Kragujevac'
check "Kragujevac finds Крагујевац (Cyrillic)" only "$SRC"
files 'Крагујевац'
check "Крагујевац finds it" only "$SRC"
files 'fabrika'
check "a Latin word (fabrika) finds the Cyrillic фабрика" only "$SRC"
files 'Суботица'
check "Суботица finds Subotica (Latin)" only "$SRL"
files 'Суботици'
check "an inflected Cyrillic Суботици finds Subotica" only "$SRL"
files 'гранични прелаз'
check "ordinary Cyrillic words (гранични прелаз) find Latin text" only "$SRL"

# Highlights in the other script, and a citation of the file's bytes.
$QRY --db "$DB" --json Kragujevac | head -1 >"$T/hit"
check "the hits of Kragujevac light up the Cyrillic forms" \
    python3 -c 'import json,sys; h = json.load(open(sys.argv[1])); t = h["text"].encode()
w = {t[a:b].decode() for a, b in h["highlights"]}
sys.exit(w != {"КРАГУЈЕВАЦ", "Крагујевца", "Крагујевац"})' "$T/hit"
check "its start and end cite the file's bytes" \
    python3 -c 'import json,sys; h = json.load(open(sys.argv[1]))
sys.exit(open(sys.argv[2], "rb").read()[h["start"]:h["end"]] != h["text"].encode())' \
    "$T/hit" "$SRC"
check "--json names the article's language" \
    test "$(jq -r .language "$T/hit")" = sr
$QRY --db "$DB" --json Москва | head -1 >"$T/hit"
check "--json: the feed's language field" test "$(jq -r .language "$T/hit")" = ru
$QRY --db "$DB" --json 'hybrid threats' | head -1 >"$T/hit"
check "--json: an article that names none has --language's" \
    test "$(jq -r .language "$T/hit")" = en

# language: filters by code, name or tag.
files 'language:sr'
check "language:sr: the two Serbian articles" \
    test "$(sort -u "$T/out" | tr '\n' ' ')" = "$SRC $SRL "
files 'language:serbian'
check "language:serbian: the same" test "$(sort -u "$T/out" | tr '\n' ' ')" = "$SRC $SRL "
files 'Kragujevac language:hr'
check "Kragujevac language:hr: none" test ! -s "$T/out"
files 'luka language:hr'
check "language:hr: the Croatian article" only corpus/languages/rijeka-luka.txt
$QRY --db "$DB" 'language:klingon' >/dev/null 2>"$T/err"
check "an unknown language is a query error (exit 2) naming it" \
    sh -c "test $? = 2 && grep -q \"unknown language 'language:klingon'\" '$T/err'"

# Croatian and Bosnian take the Serbian stemmer.
files 'Zagreb'
check "Croatian: Zagreb finds Zagrebu" only corpus/languages/rijeka-luka.txt

# Each language's own stemmer.
files 'Stromnetz'
check "German (HTML lang=de-DE): Stromnetz finds Stromnetzes" \
    only corpus/languages/berlin-stromnetz.html
files 'navire'
check "French: navire finds navires" only corpus/languages/otan-exercice-baltique.txt
files 'zirve'
check "Turkish: zirve finds zirvede" only "$TR"
files 'شمسية'
check "Arabic: شمسية finds الشمسية" only "$AR"
# Arabic as typed: bare alef for أ إ, ه for ة, ي for ى, no tatweel, and
# an alef wasla, in phrases (which read the words, not their stems) too.
files '"الحكومه الاردنيه"'
check "Arabic: the phrase typed with ه and bare alef finds الحكومة الأردنية" only "$AR"
files '"الاردن الي انتاج"'
check "Arabic: الي finds إلى in a phrase" only "$AR"
files '"محطـة جديـدة"'
check "Arabic: a phrase typed with tatweel finds it" only "$AR"
files 'ٱلطاقة'
check "Arabic: ٱ (alef wasla) is alef" only "$AR"
$QRY --db "$DB" --color always '"الحكومه"' >"$T/out" 2>"$T/err"
check "Arabic: the highlight is the text's own spelling (الحكومة)" \
    grep -q "$(printf '\033')\[[0-9;]*mالحكومة" "$T/out"
files 'zgjedhjet'
check "Albanian (HTML lang=sq, no stemmer): its word finds it" \
    only corpus/languages/tirana-zgjedhjet.html

# Chinese and Japanese: words as the tokenizer splits them.
files '铁路'
check "a Chinese query finds its article" only corpus/languages/beijing-rail.txt
files '訓練'
check "a Japanese query finds its article" only corpus/languages/tokyo-jishin.md

# Traditional and Simplified Chinese find each other: words, phrases and
# quotes, both ways, cited and lit up in the text's own characters.
ZHT=corpus/languages/taipei-haixia.txt
ZHS=corpus/languages/beijing-rail.txt
JA=corpus/languages/tokyo-jishin.md
files '台湾'
check "Simplified 台湾 finds Traditional 台灣 (and 台湾)" both "$ZHT" "$ZHS"
files '台灣'
check "Traditional 台灣 finds Simplified 台湾 (and 台灣)" both "$ZHT" "$ZHS"
files '国家安全'
check "国家安全 finds 國家安全" only "$ZHT"
files '國家安全'
check "國家安全 finds itself" only "$ZHT"
files '习近平'
check "习近平 finds 習近平" only "$ZHT"
files '鐵路'
check "Traditional 鐵路 finds Simplified 铁路" only "$ZHS"
files '"台湾 海峡"'
check "the phrase \"台湾 海峡\" finds 台灣海峽 and 台湾海峡" both "$ZHT" "$ZHS"
files '"台灣 海峽"'
check "the phrase \"台灣 海峽\" finds them too" both "$ZHT" "$ZHS"
files '"海峽 台灣"'
check "a phrase in the wrong order finds neither" test ! -s "$T/out"
check "a Simplified quote finds the Traditional text, cited byte for byte" \
    cited '国家安全会议今天表示' "國家安全會議今天表示" "$ZHT"
check "a Traditional quote finds the Simplified text, cited byte for byte" \
    cited '途經台灣海峽的海運價格上漲' "途经台湾海峡的海运价格上涨" "$ZHS"
$QRY --db "$DB" --json '台湾' >"$T/hits"
check "台湾 lights up 台灣 in the Traditional text and 台湾 in the Simplified" \
    python3 -c 'import json,sys
seen = {}
for line in open(sys.argv[1]):
    h = json.loads(line)
    if "text" not in h:   # the summary line
        continue
    t = h["text"].encode()
    seen[h["path"]] = sorted({t[a:b].decode() for a, b in h["highlights"]})
sys.exit(seen != {sys.argv[2]: ["台灣"], sys.argv[3]: ["台湾"]})' "$T/hits" "$ZHT" "$ZHS"
# Japanese kanji are Japanese: a Japanese article's words get no
# Simplified spelling, and its kanji-only words are still found.
files '东京'
check "Simplified 东京 does not find the Japanese article's 東京" test ! -s "$T/out"
files '東京'
check "東京 finds it" only "$JA"
files '防災'
check "a kanji-only Japanese word (防災) finds its article" only "$JA"
files '避難所'
check "and 避難所" only "$JA"

# English is searched as before: its hits are English articles.
files 'hybrid threats'
check "English: hybrid threats finds only English articles" \
    sh -c "test -s '$T/out' && ! grep -q 'languages' '$T/out'"

# The issue's other examples, on the same index.
files 'dakovu'
check "dakovu finds Đakovu" only "$HRD"
files 'diyarbakir'
check "diyarbakir finds Diyarbakır" only "$TR"
files 'otan'
check "otan finds l'OTAN" only "$FR"
files 'Assemblee'
check "Assemblee finds l'Assemblée" only "$FR"
files 'Ankara'
check "Ankara finds Ankara'daki" only "$TR"
# Second spellings, from the text and from the query.
files 'Mueller'
check "Mueller finds Müller (and Mueller)" both "$DE" "$DEM"
files 'Müller'
check "Müller finds Mueller (and Müller)" both "$DE" "$DEM"
files '"Klaus Müller"'
check "a phrase with Müller finds the text's Mueller" only "$DEM"
files '"Petra Mueller"'
check "a phrase with Mueller finds the text's Müller" only "$DE"
files 'Đaković'
check "Đaković finds Djakovic (and Đaković)" both "$HRD" "$DEM"
files 'Djakovic'
check "Djakovic finds Đaković (and Djakovic)" both "$HRD" "$DEM"
$QRY --db "$DB" --json '"Klaus Müller"' | head -1 >"$T/hit"
check "the phrase lights up the text's spelling" \
    python3 -c 'import json,sys; h = json.load(open(sys.argv[1])); t = h["text"].encode()
sys.exit([t[a:b].decode() for a, b in h["highlights"]] != ["Klaus", "Mueller"])' "$T/hit"
check "a quote with Đ finds the text's Dj, cited byte for byte" \
    cited 'Tomislav Đaković sagte' "Tomislav Djakovic sagte" "$DEM"

# Phrases and quotes cross Serbian scripts too, both ways.
files '"Kragujevac se vraća industriji"'
check "a Latin phrase finds the Cyrillic text" only "$SRC"
files '"Влада Србије и Мађарске"'
check "a Cyrillic phrase finds the Latin text" only "$SRL"
$QRY --db "$DB" --json '"kragujevac se vraca"' | head -1 >"$T/hit"
check "the Latin phrase lights up the Cyrillic words" \
    python3 -c 'import json,sys; h = json.load(open(sys.argv[1])); t = h["text"].encode()
sys.exit([t[a:b].decode() for a, b in h["highlights"]] != ["Крагујевац", "се", "враћа"])' "$T/hit"
check "a Latin quote finds the Cyrillic text, cited byte for byte" \
    cited 'Kragujevac se vraća industriji' "Крагујевац се враћа индустрији" "$SRC"
check "a Cyrillic quote finds the Latin text, cited byte for byte" \
    cited 'Влада Србије и Мађарске' "Vlada Srbije i Mađarske" "$SRL"
# Cyrillic ђ is Latin đ, typed d or dj.
files '"izmedju autoputa"'
check "a Latin phrase with dj finds Cyrillic ђ" only "$SRC"
files '"između autoputa"'
check "so does one with đ" only "$SRC"
$QRY --db "$DB" --json '"izmedju"' | head -1 >"$T/hit"
check "and a one-word phrase with dj lights up између" \
    python3 -c 'import json,sys; h = json.load(open(sys.argv[1])); t = h["text"].encode()
sys.exit([t[a:b].decode() for a, b in h["highlights"]] != ["између"])' "$T/hit"
# Russian is never read in Latin: not by a phrase, not by a quote.
files '"v Moskve"'
check "a Latin phrase does not find Russian text" test ! -s "$T/out"
files '"в Москве"'
check "the Cyrillic phrase does" only "$RU"
$QRY --db "$DB" --quote 'vo vtornik v Moskve' >"$T/q" 2>/dev/null
check "a Latin quote finds no Russian text, not even nearly (exit 1)" \
    sh -c "test $? = 1 && test ! -s '$T/q'"

# Never merged: letters made with a mark, and abugida vowel signs.
files '"следующий год"'
check "Russian й: \"следующий год\" finds its article" only "$RU"
files '"следующии год"'
check "and is not и: \"следующии год\" finds nothing" test ! -s "$T/out"
files 'їздити'
check "Ukrainian ї: їздити finds its article" only "$UK"
files 'іздити'
check "and is not і: іздити finds nothing" test ! -s "$T/out"
files 'देश'
check "Hindi: देश finds its article" only "$HI"
files 'दश'
check "and is not दश" test ! -s "$T/out"
files 'น้ำท่วม'
check "Thai: น้ำท่วม finds its article" only "$TH"
files 'นำทวม'
check "and its marks are not dropped: นำทวม finds nothing" test ! -s "$T/out"

# An index that grows a language: the second run adds it to the first's.
$IDX -q --db "$T/grow" corpus/kosovo-border-wire.txt corpus/languages/rijeka-luka.txt 2>"$T/err"
$QRY --db "$T/grow" --files Москва >"$T/out"
check "an index without Russian: Москва finds nothing" test ! -s "$T/out"
$IDX -q --db "$T/grow" corpus/feeds/languages.jsonl 2>"$T/err"
$QRY --db "$T/grow" --files Москва >"$T/out"
check "once a Russian article is added, Москва finds Москве" \
    test "$(cat "$T/out")" = "$RU"
$QRY --db "$T/grow" --files Zagreba >"$T/out"
check "and the first run's Croatian is still searched: Zagreba finds Zagrebu" \
    test "$(cat "$T/out")" = corpus/languages/rijeka-luka.txt

# --language: the articles that name none.  A name or a code; unknown refused.
mkdir -p "$T/sr"
printf 'Title: Вести\n\nУ Крагујевцу је отворена фабрика.\n' >"$T/sr/a.txt"
$IDX -q --db "$T/srdb" --language sr "$T/sr" 2>"$T/err"
check "--language sr makes an index" test $? = 0
$QRY --db "$T/srdb" --files 'Kragujevac language:sr' >"$T/out"
check "its articles are Serbian: Kragujevac language:sr finds Крагујевцу" \
    test "$(cat "$T/out")" = "$T/sr/a.txt"
check "--stats names its stemmer" \
    sh -c "$IDX --db '$T/srdb' --stats | grep -q '^language: *serbian$'"
$IDX -q --db "$T/kdb" --language klingon "$T/sr" 2>"$T/err"
check "--language klingon is refused (exit 2) naming it" \
    sh -c "test $? = 2 && grep -q \"unknown language 'klingon'\" '$T/err'"
printf 'Title: Odd\nLanguage: klingon\n\nHarbour cranes moved.\n' >"$T/sr/b.txt"
$IDX -q --db "$T/odb" "$T/sr/b.txt" 2>"$T/err"
check "an article of an unknown language is indexed" test $? = 0
check "with a warning naming it and the language it is stemmed as" \
    grep -q "b.txt: unknown language 'klingon': stemmed as english" "$T/err"
$QRY --db "$T/odb" --files crane >"$T/out"
check "in --language's stemmer: crane finds cranes" test -s "$T/out"

# The languages a query word is stemmed in are those of the articles left:
# a prune, a re-index or a --full run that takes a language's last article
# drops it from presscut:languages (in every shard), a new one adds it back.
if command -v xapian-metadata >/dev/null; then
    langs() { xapian-metadata get "$T/shrink/shard-$1" presscut:languages; }
    mkdir -p "$T/few"
    cp corpus/languages/berlin-stromnetz.html corpus/languages/delhi-metro.txt \
       corpus/languages/otan-exercice-baltique.txt corpus/2024-03-07-sweden-joins-nato.txt "$T/few/"
    $IDX -q --shards 2 --db "$T/shrink" "$T/few"
    check "a sharded index lists its articles' languages in each shard" \
        sh -c "test \"\$(xapian-metadata get '$T/shrink/shard-0' presscut:languages)\" = \
               \"\$(xapian-metadata get '$T/shrink/shard-1' presscut:languages)\" &&
               xapian-metadata get '$T/shrink/shard-0' presscut:languages | grep -q hindi"
    rm "$T/few/delhi-metro.txt"
    $IDX -q --db "$T/shrink" "$T/few"
    check "the last Hindi article removed: no shard lists hindi" \
        test "$(langs 0) $(langs 1)" = "english,german,french english,german,french"
    rm "$T/few/otan-exercice-baltique.txt"
    $IDX -q --db "$T/shrink" --prune
    check "--prune drops french with its last article" \
        test "$(langs 0) $(langs 1)" = "english,german english,german"
    printf 'Title: Netz\nLanguage: en\n\nThe grid was rebuilt.\n' >"$T/few/berlin-stromnetz.html"
    $IDX -q --full --db "$T/shrink" "$T/few"
    check "--full: an article re-indexed in another language drops the old one" \
        test "$(langs 0) $(langs 1)" = "english english"
    cp corpus/languages/delhi-metro.txt "$T/few/"
    $IDX -q --db "$T/shrink" "$T/few"
    check "and a new article brings its language back" \
        test "$(langs 0) $(langs 1)" = "english,hindi english,hindi"
    $QRY --db "$T/shrink" --files 'मेट्रो' >"$T/out"
    check "whose words are found again" test "$(cat "$T/out")" = "$T/few/delhi-metro.txt"
else
    skip "presscut:languages after removals" "xapian-metadata (xapian-tools) is not installed"
fi

done_testing
