#!/bin/sh
# End-to-end: synonyms and acronyms at query time, shipped and from a file.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

DB=$T/db

cat >"$T/feed.jsonl" <<'EOF2'
{"id": "long", "title": "Brussels", "body": "The European Union agreed new sanctions on Thursday."}
{"id": "short", "title": "Ministers", "body": "EU ministers debated the sanctions package."}
{"id": "pronoun", "title": "Letters", "body": "Readers wrote to us once about the sanctions."}
{"id": "country", "title": "Washington", "body": "The United States imposed sanctions of its own."}
{"id": "zone", "title": "Tactics", "body": "Analysts described grey-zone tactics in the Baltic."}
EOF2
check "index the feed" "$IDX" -q --db "$DB" "$T/feed.jsonl"

# The articles of the first results (the rest, any word of the query), sorted.
ids() { jq -r 'select(.rank) | .article_id' "$T/out" | sort | tr '\n' ' '; }

$QRY --db "$DB" --json --limit 2 EU sanctions >"$T/out"
check "EU finds a passage that says only European Union" test "$(ids)" = "long short "
check "the long form is highlighted" \
    sh -c "jq -r '.text[.highlights[0][0]:.highlights[0][1]]' '$T/out' | grep -qx European"

$QRY --db "$DB" --json --limit 2 european union sanctions >"$T/out"
check "European Union finds a passage that says only EU" test "$(ids)" = "long short "

$QRY --db "$DB" --json '"European Union"' >"$T/out"
check "a quoted phrase is not expanded" test "$(ids)" = "long "

$QRY --db "$DB" --json --limit 2 US sanctions >"$T/out"
check "US in capitals is the United States" test "$(ids)" = "country pronoun "
$QRY --db "$DB" --json --limit 1 us sanctions >"$T/out"
check "us in lower case is a word" test "$(ids)" = "pronoun "

$QRY --db "$DB" OSCE >/dev/null 2>"$T/err"
check "an acronym no passage holds is not taken for a misspelling (of once)" \
    sh -c "! grep -q 'did you mean' '$T/err'"

$QRY --db "$DB" --json hybrid threats >"$T/out"
check "no synonyms file: hybrid threats finds nothing" test $? = 1

printf '# analysts\nhybrid threats = grey-zone tactics\n' >"$T/ours.txt"
$QRY --db "$DB" --json --synonyms "$T/ours.txt" hybrid threats >"$T/out"
check "--synonyms adds a group" test "$(ids)" = "zone "
PRESSCUT_SYNONYMS=$T/ours.txt $QRY --db "$DB" --json hybrid threats >"$T/out"
check "PRESSCUT_SYNONYMS adds a group" test "$(ids)" = "zone "

printf 'hybrid threats = grey-zone tactics\nlonely\n' >"$T/bad.txt"
$QRY --db "$DB" --synonyms "$T/bad.txt" hybrid threats >/dev/null 2>"$T/err"
check "a malformed line exits 2" test $? = 2
check "the message names file and line" \
    grep -qx "presscut-query: $T/bad.txt:2: a group needs two alternatives or more" "$T/err"

$QRY --db "$DB" --synonyms "$T/missing.txt" sanctions >/dev/null 2>"$T/err"
check "a missing file exits 2" test $? = 2
check "a missing file is named" grep -q "cannot read '$T/missing.txt'" "$T/err"

# A list is bounded: a device or a FIFO is refused, never read for ever.
timeout 20 $QRY --db "$DB" --synonyms /dev/zero sanctions >/dev/null 2>"$T/err"
check "--synonyms /dev/zero exits 2 at once" test $? = 2
check "... naming it" grep -qx "presscut-query: cannot read '/dev/zero': not a regular file" "$T/err"
if mkfifo "$T/fifo" 2>/dev/null; then
    PRESSCUT_SYNONYMS=$T/fifo timeout 20 $QRY --db "$DB" sanctions >/dev/null 2>"$T/err"
    check "a FIFO with no writer exits 2 at once" test $? = 2
else
    skip "a FIFO with no writer exits 2 at once" "mkfifo failed"
fi
awk 'BEGIN { for (i = 0; i < 100; i++) printf "hub = spoke%c%c\n", 97 + i % 26, 97 + int(i / 26) }' \
    >"$T/hub.txt"
$QRY --db "$DB" --synonyms "$T/hub.txt" sanctions >/dev/null 2>"$T/err"
check "a group of more than 64 alternatives exits 2" test $? = 2
check "... naming file and line" \
    grep -qx "presscut-query: $T/hub.txt:64: a group of more than 64 alternatives" "$T/err"

done_testing
