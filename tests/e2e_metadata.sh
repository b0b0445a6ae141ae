#!/bin/sh
# End-to-end: what a result says about its article (dates, titles, text
# shown for markdown) and that citations still count the file's bytes.
# TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

DB=$T/db

# any_hit FILE COND: some JSON line of FILE meets jq condition COND.
any_hit() {
    jq -s -e "any(.[]; $2)" "$1"
}

$IDX --db "$DB" -q corpus 2>"$T/err"
check "the sample corpus indexes" test $? = 0
check "without a warning about its dates" sh -c "! grep -q date '$T/err'"

# date: ISO 8601, the text as found in date_text.
$QRY --db "$DB" --json -n 50 sweden baltic exercise >"$T/out"
check "a written-out date becomes ISO in --json" \
    any_hit "$T/out" '.path == "corpus/2024-03-07-sweden-joins-nato.txt"
                      and .date == "2024-03-07" and .date_text == "7 March 2024"'
check "an ISO date stays as it is, in date_text too" \
    any_hit "$T/out" '.path == "corpus/feeds/wire.jsonl"
                      and .date == "2024-03-14" and .date_text == "2024-03-14"'
check "every result carries date_text" \
    sh -c "test \"\$(jq -s 'map(select(.rank) | has(\"date_text\")) | all' '$T/out')\" = true"

mkdir -p "$T/news"
printf 'Date: 26-FEB-1987 15:01:01.79\n\nCocoa exporters met in Accra.\n' >"$T/news/wire.txt"
printf 'Date: Thu, 07 Mar 2024 10:00:00 +0100\n\nCocoa prices rose in Abidjan.\n' >"$T/news/mail.txt"
printf 'Date: sometime in spring\n\nCocoa harvest reports from Kumasi.\n' >"$T/news/vague.txt"
$IDX --db "$T/db2" "$T/news" 2>"$T/err"
check "an index with a date it cannot read still indexes" test $? = 0
check "and warns, naming the file and the date" \
    grep -q "vague.txt: date 'sometime in spring' not understood: kept as text only" "$T/err"
$QRY --db "$T/db2" --json cocoa >"$T/out"
check "Reuters' date keeps its time" \
    any_hit "$T/out" '.date == "1987-02-26T15:01:01" and .date_text == "26-FEB-1987 15:01:01.79"'
check "RFC 2822 keeps time and zone" \
    any_hit "$T/out" '.date == "2024-03-07T10:00:00+01:00"'
check "a date not understood is empty, its text kept" \
    any_hit "$T/out" '.date == "" and .date_text == "sometime in spring"'
$QRY --db "$T/db2" --json 'cocoa date:2024-03-07' >"$T/out"
check "a date with a time is found by its day" \
    sh -c "test \"\$(jq -r 'select(.rank) | .date_text' '$T/out')\" = 'Thu, 07 Mar 2024 10:00:00 +0100'"

# Titles: an article without one shows its first line when that reads
# like a headline, else its file's name.
mkdir -p "$T/plain"
printf 'Grid operators rehearse a winter blackout\nPower grid operators met this week.\n' \
    >"$T/plain/drill.txt"
printf 'Power grid operators met again for a drill.\n' >"$T/plain/second-grid_drill.txt"
$IDX --db "$T/db3" -q "$T/plain"
$QRY --db "$T/db3" --json grid >"$T/out"
check "a headerless article shows its first line as its title" \
    any_hit "$T/out" '.title == "Grid operators rehearse a winter blackout"'
check "or its file's name when that line is a sentence" \
    any_hit "$T/out" '.title == "second grid drill"'
$QRY --db "$T/db3" grid >"$T/out"
check "no result is (untitled)" sh -c "! grep -q untitled '$T/out'"
$QRY --db "$T/db3" --json title:second >"$T/out" 2>/dev/null
check "a title shown in place of none is not searched by title:" \
    sh -c "test \"\$(jq -s 'map(select(.rank)) | length' '$T/out')\" = 0"

# Markdown is shown as text; citations still count the file's bytes.
MD=corpus/hybrid-threats-explained.md
$QRY --db "$DB" --json -n 50 'hybrid threats' >"$T/out"
check "markdown emphasis is not shown in a passage's text" \
    any_hit "$T/out" ".path == \"$MD\" and (.text | startswith(\"Analysis — Security Desk\"))"
check "nor heading marks" \
    any_hit "$T/out" ".path == \"$MD\" and (.text | startswith(\"Why the label is contested\"))"
check "no markdown passage shows markup" \
    sh -c "jq -r 'select(.path == \"$MD\") | .text' '$T/out' | grep -c . >/dev/null &&
           ! jq -r 'select(.path == \"$MD\") | .text' '$T/out' | grep -q '^#\|\*'"
$QRY --db "$DB" 'security desk analysis' | sed 's/\*\*//g' >"$T/out"
check "nor in a snippet (the highlighting's own marks aside)" \
    grep -q '^    Analysis — Security Desk, 12 January 2025 The phrase' "$T/out"

# bytes FILE START END: the file's bytes [START, END).
bytes() {
    tail -c +"$(($2 + 1))" "$1" | head -c "$(($3 - $2))"
}

$QRY --db "$DB" --quote --json 'Analysis — Security Desk, 12 January 2025' >"$T/out"
check "a quote of emphasized text is exact" test "$(jq -r 'select(.rank) | .match' "$T/out")" = exact
# shellcheck disable=SC2046
check "and cites the file's bytes of it" test \
    "$(bytes $MD $(jq -r 'select(.rank) | .match_start, .match_end' "$T/out"))" = \
    'Analysis — Security Desk, 12 January 2025'

printf '# Rail plans\n\nThe minister said [the plan](https://x.example/plan_a) was *ready* now.\n' \
    >"$T/plain/rail.md"
$IDX --db "$T/db3" -q "$T/plain"
$QRY --db "$T/db3" --quote --json 'said the plan was ready' >"$T/out"
check "a quote across a link and emphasis is exact" test "$(jq -r 'select(.rank) | .match' "$T/out")" = exact
check "its verbatim is the file's bytes, markup and all" test \
    "$(jq -r 'select(.rank) | .verbatim' "$T/out")" = 'said [the plan](https://x.example/plan_a) was *ready'
# shellcheck disable=SC2046
check "and so are the bytes it cites" test \
    "$(bytes "$T/plain/rail.md" $(jq -r '.match_start, .match_end' "$T/out"))" = \
    'said [the plan](https://x.example/plan_a) was *ready'
$QRY --db "$T/db3" --json plan >"$T/out"
check "a link's target is not a word of the passage" \
    sh -c "test \"\$(jq -r 'select(.rank) | .text' '$T/out')\" = 'The minister said the plan was ready now.'"

done_testing
