#!/bin/sh
# End-to-end: over-long input on both sides.  A word far longer than the
# tokenizer keeps is cut the same way when indexed and when queried, and
# neither program crashes on it; the article's other words are indexed.
# Queries past the length limits are refused at once.  TAP.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

DB=$T/db
D=$T/in
mkdir -p "$D"

# é and 100,000 a, which normalizes past the tokenizer's word buffer
awk 'BEGIN { printf "Title: Long words\n\nThe lighthouse keeper wrote \303\251";
             for (i = 0; i < 100000; i++) printf "a"; print " and then slept.\n" }' >"$D/long.txt"
printf 'Title: Harbour\n\nThe harbour at Klaipeda reopened.\n' >"$D/good.txt"

$IDX --db "$DB" "$D" 2>"$T/err"
check "a word of 100,000 letters does not stop the indexer" test $? = 0
check "the other words of its article are indexed" $QRY --db "$DB" lighthouse keeper slept
check "the other articles are indexed" $QRY --db "$DB" klaipeda

long_query=$(awk 'BEGIN { printf "\303\251"; for (i = 0; i < 2000; i++) printf "a" }')
$QRY --db "$DB" "$long_query" >"$T/out" 2>"$T/err"
check "a query of one 2,001-letter word finds the article by the word's cut" test $? = 0
check "... which is the long article" grep -q long.txt "$T/out"
$QRY --db "$DB" --quote "keeper wrote $long_query" >"$T/out" 2>"$T/err"
check "a quote holding the long word finds it exactly" test $? = 0

# Long queries: refused past the limits with a message, never a hang (a
# query of 10,000 words took minutes when every word was sorted in).
words() {
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
        printf "q%c%c%c ", 97 + i % 26, 97 + int(i / 26) % 26, 97 + int(i / 676) % 26 }'
}
timeout 30 $QRY --db "$DB" "$(words 10000)" >/dev/null 2>"$T/err"
check "a query of 10,000 words is refused (exit 2) at once" test $? = 2
check "... saying why" grep -q "presscut-query: the query is too long: more than 1000 words" "$T/err"
timeout 30 $QRY --db "$DB" "$(words 999) lighthouse" >/dev/null 2>"$T/err"
check "a query of 1,000 words is searched" test $? = 0
timeout 30 $QRY --db "$DB" "lighthouse $(awk 'BEGIN { for (i = 0; i < 70000; i++) printf "-" }')" \
    >/dev/null 2>"$T/err"
check "a query of 70,000 bytes is refused (exit 2)" test $? = 2
check "... saying why" grep -q "the query is too long: 70011 bytes, at most 65536" "$T/err"
timeout 30 $QRY --db "$DB" --quote "$(words 10000)" >/dev/null 2>"$T/err"
check "a quote of 10,000 words is refused (exit 2)" test $? = 2
check "... saying why" grep -q "presscut-query: the quote is too long: more than 1000 words" "$T/err"

done_testing
