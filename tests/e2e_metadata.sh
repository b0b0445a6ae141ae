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
    sh -c "test \"\$(jq -s 'map(has(\"date_text\")) | all' '$T/out')\" = true"

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
    sh -c "test \"\$(jq -r .date_text '$T/out')\" = 'Thu, 07 Mar 2024 10:00:00 +0100'"

done_testing
