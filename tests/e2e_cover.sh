#!/bin/sh
# End-to-end: a keyword query ranks a passage higher when the rest of its
# article holds the query's other words (the article's cover, lib/rank.c);
# a question is ranked by its passages alone.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

DB=$T/db

# filler N SEED: N words of prose holding no query word, in separate
# paragraphs long enough not to be joined into one passage.
filler() {
    awk -v n="$1" -v s="$2" 'BEGIN {
        split("the town council met on a quiet morning and spoke about roads schools parks " \
              "budgets markets trains bridges lamps gardens libraries buses taxes clinics", w, " ")
        for (i = 0; i < n; i++) printf "%s ", w[(i * 7 + s) % 25 + 1]
    }'
}
# "story" says the ferry sank in one paragraph and names the captain and
# the rescue in the next; "other" says ferry and storm more often, nothing else.
{
    printf '{"id": "story", "title": "Night at sea", "body": "%s the ferry went down in the storm. %s\\n\\n%s the captain and the rescue crews came home. %s"}\n' \
        "$(filler 45 1)" "$(filler 45 2)" "$(filler 45 3)" "$(filler 45 4)"
    printf '{"id": "other", "title": "Weather", "body": "%s a ferry in a storm, one more ferry and one more storm, the last ferry in the last storm. %s"}\n' \
        "$(filler 45 5)" "$(filler 45 6)"
    for i in 1 2 3 4 5 6; do
        printf '{"id": "bg%s", "title": "Council", "body": "%s"}\n' $i "$(filler 90 $i)"
    done
} >"$T/feed.jsonl"
check "index the feed" "$IDX" -q --db "$DB" "$T/feed.jsonl"

# hits QUERY [OPTION]: "article:paragraph" of each hit, best first.
hits() {
    $QRY --db "$DB" --json $2 -- "$1" 2>/dev/null |
        jq -r 'select(.article_id) | "\(.article_id):\(.paragraph)"' | tr '\n' ' '
}

check "each paragraph of the story is a passage of its own" \
    test "$(hits 'ferry captain' | tr ' ' '\n' | grep -c '^story:')" = 2
check "the story's ferry passage ranks above the other article's ferries" \
    test "$(hits 'ferry storm captain rescue')" = "story:2 story:1 other:1 "
check "at article level the story comes first" \
    test "$(hits 'ferry storm captain rescue' --articles)" = "story:2 other:1 "
# A question: ranked by what each passage says, the other article's
# ferries first.
check "a question keeps its passages' own order" \
    test "$(hits 'why did the ferry sink in the storm while the captain led the rescue' | cut -d' ' -f1-2)" = "story:2 other:1"
check "sorted by date, passages keep their order" \
    test "$(hits 'ferry storm captain rescue' '--sort date')" = "story:2 other:1 story:1 "

# At article level articles also score as one document would (BM25 over
# all their passages, lib/articlescore.h): "voyage" says ferry and storm
# in each of three paragraphs, "gale", as long, says them in one
# paragraph that scores a little better on its own.
{
    printf '{"id": "voyage", "title": "Night at sea", "body": "%s the ferry went down in the storm. %s\\n\\n%s the ferry crews fought the storm. %s\\n\\n%s the ferry owners blamed the storm. %s"}\n' \
        "$(filler 45 1)" "$(filler 45 2)" "$(filler 45 3)" "$(filler 45 4)" "$(filler 52 5)" "$(filler 52 6)"
    printf '{"id": "gale", "title": "Weather", "body": "%s a ferry in a storm, one more ferry. %s\\n\\n%s\\n\\n%s"}\n' \
        "$(filler 52 5)" "$(filler 52 6)" "$(filler 92 7)" "$(filler 104 8)"
    for i in 1 2 3 4 5 6 7 8; do
        printf '{"id": "bg%s", "title": "Council", "body": "%s"}\n' $i "$(filler 90 $i)"
    done
} >"$T/tally.jsonl"
$IDX -q --db "$T/tally.db" "$T/tally.jsonl"
check "index the tally feed" test $? = 0
check "per passage, the one that says ferry twice comes first" \
    test "$($QRY --db "$T/tally.db" --json -- 'ferry storm' | jq -r 'select(.article_id) | .article_id' | head -1)" = gale
check "at article level, the article that says them in every paragraph comes first" \
    test "$($QRY --db "$T/tally.db" --json --articles -- 'ferry storm' | jq -r 'select(.article_id) | .article_id' | tr '\n' ' ')" = "voyage gale "
# A question too, though its best passage is gale's.
Q='why did the ferry go down in the storm'
check "per passage, a question's best passage is the one that says ferry twice" \
    test "$($QRY --db "$T/tally.db" --json -- "$Q" | jq -r 'select(.article_id) | .article_id' | head -1)" = gale
check "at article level, a question's first article says them in every paragraph" \
    test "$($QRY --db "$T/tally.db" --json --articles -- "$Q" | jq -r 'select(.article_id) | .article_id' | head -1)" = voyage

done_testing
