#!/bin/sh
# End-to-end: a query word in a British or an American spelling finds and
# ranks both; phrases and quotes keep the spelling typed.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

DB=$T/db

cat >"$T/feed.jsonl" <<'EOF2'
{"id": "uk", "title": "Budget", "body": "The defence ministers criticised the plan and travelled home to the centre of town, their colours flying."}
{"id": "us", "title": "Budget", "body": "The defense ministers criticized the plan and traveled home to the center of town, their colors flying."}
{"id": "tour", "title": "Flour", "body": "Four hours of rising flour prices: the tour was a wise promise, hence the fence."}
EOF2
check "index the feed" "$IDX" -q --db "$DB" "$T/feed.jsonl"

# ids: the article ids a query finds, sorted, on one line.
ids() {
    $QRY --db "$DB" --articles --json -- "$1" 2>/dev/null | jq -r 'select(.article_id) | .article_id' |
        sort | tr '\n' ' '
}
# scores: how many articles a query finds, and how many distinct scores they get.
scores() {
    $QRY --db "$DB" --articles --json -- "$1" 2>/dev/null | jq -r 'select(.article_id) | .score' >"$T/scores"
    echo "$(wc -l <"$T/scores") $(sort -u "$T/scores" | wc -l)"
}

check "defence finds defense" test "$(ids defence)" = "uk us "
check "defense finds defence" test "$(ids defense)" = "uk us "
check "criticized finds criticised" test "$(ids criticized)" = "uk us "
check "criticised finds criticized" test "$(ids criticised)" = "uk us "
check "colors finds colours" test "$(ids colors)" = "uk us "
check "centre finds center" test "$(ids centre)" = "uk us "
check "both spellings rank as one word" test "$(scores defence)" = "2 1"
check "a false friend is not folded" test "$(ids rize)" = ""
check "fence does not find defence" test "$(ids fence)" = "tour "
check "a phrase keeps its spelling" test "$(ids '"defence ministers"')" = "uk "
check "a phrase keeps its other spelling" test "$(ids '"criticized the plan"')" = "us "

$QRY --db "$DB" --quote --json 'the defence ministers criticised the plan' >"$T/out"
check "an exact quote finds only its spelling" \
    test "$(jq -r 'select(.rank) | "\(.article_id) \(.match)"' "$T/out" | tr '\n' ' ')" = "uk exact "
$QRY --db "$DB" --quote --fuzzy --json 'the defence ministers criticised the plan' >"$T/out"
check "a fuzzy quote lists the other spelling as approximate" \
    test "$(jq -r 'select(.rank) | "\(.article_id) \(.match)"' "$T/out" | tr '\n' ' ')" = "uk exact us approximate "

done_testing
