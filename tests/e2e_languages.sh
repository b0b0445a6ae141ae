#!/bin/sh
# End-to-end: one default index (no --language) of the project's corpus/,
# English and the multilingual samples of corpus/languages/ and
# corpus/feeds/languages.jsonl: each article is stemmed in the language it
# names (header, front matter, feed field, HTML lang), a query finds the
# inflected forms of every language the index holds, Serbian in either
# script finds the other, and language: filters.  TAP output.
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

RU=corpus/feeds/languages.jsonl:1
UK=corpus/feeds/languages.jsonl:2
TR=corpus/feeds/languages.jsonl:3
AR=corpus/feeds/languages.jsonl:4
SRC=corpus/languages/kragujevac-fabrika.txt
SRL=corpus/languages/subotica-granicni-prelaz.md

$IDX --stats --json --db "$DB" >"$T/stats"
check "--stats lists every language's code" \
    sh -c "test \"\$(jq -r '[.languages[].code] | sort | join(\" \")' '$T/stats')\" = \
           'ar de en fr hr ja ru sq sr tr uk zh'"
check "--stats counts the Serbian passages" \
    sh -c "test \"\$(jq '.languages[] | select(.code == \"sr\") | .passages' '$T/stats')\" -ge 2"

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
files 'zgjedhjet'
check "Albanian (HTML lang=sq, no stemmer): its word finds it" \
    only corpus/languages/tirana-zgjedhjet.html

# Chinese and Japanese: words as the tokenizer splits them.
files '铁路'
check "a Chinese query finds its article" only corpus/languages/beijing-rail.txt
files '訓練'
check "a Japanese query finds its article" only corpus/languages/tokyo-jishin.md

# English is searched as before: its hits are English articles.
files 'hybrid threats'
check "English: hybrid threats finds only English articles" \
    sh -c "test -s '$T/out' && ! grep -q 'languages' '$T/out'"

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

done_testing
