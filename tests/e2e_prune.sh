#!/bin/sh
# End-to-end: --prune removes the articles of every indexed file that no
# longer exists, wherever it was, and nothing else.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/gen.sh

DB=$T/db
summary() { "$IDX" --db "$DB" --json -q "$@" 2>"$T/err"; }
field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
# The folders' generated articles are copies of each other: list them all.
paths() { "$QRY" --db "$DB" --json --all-copies -n 1000 "$1" | jq -r 'select(.rank) | .path' | sort -u; }

gen_articles "$T/desk/2024" 4
gen_articles "$T/desk/2025" 3
gen_articles "$T/other" 2
gen_feed 5 >"$T/other/wire.jsonl"
summary "$T/desk/2024" "$T/desk/2025" "$T/other" >/dev/null

# A folder renamed between runs: the runs over the new name add its
# files, and nothing ever removed the old name's.
mv "$T/desk/2024" "$T/desk/archive-2024"
summary "$T/desk/archive-2024" >/dev/null
check "without --prune a renamed folder's old articles stay" \
    sh -c "'$QRY' --db '$DB' --json -n 1000 cranes | grep -q '/desk/2024/'"

s=$(summary --prune --dry-run)
check "--prune --dry-run counts the old folder's articles as removed" \
    test "$(echo "$s" | field removed)" = 4
check "--prune --dry-run removes nothing" \
    sh -c "'$QRY' --db '$DB' --json -n 1000 cranes | grep -q '/desk/2024/'"

rm "$T/desk/2025/g1.txt"
rm "$T/other/wire.jsonl"
s=$(summary --prune)
rc=$?
check "--prune without PATH exits 0" test "$rc" = 0
check "--prune removes every indexed file that is gone, wherever it was" \
    test "$(echo "$s" | field removed)" = 10
check "--prune counts nothing else" \
    sh -c "echo '$s' | grep -q '\"added\":0,\"updated\":0,\"moved\":0,\"removed\":10,'"
check "the gone files' passages are gone" \
    sh -c "! '$QRY' --db '$DB' --json -n 1000 cranes | grep -q '/desk/2024/\|/2025/g1.txt' &&
           ! '$QRY' --db '$DB' --json -n 1000 feed story | grep -q wire.jsonl"
check "the files that exist keep theirs" \
    test "$(paths cranes | wc -l)" = $((4 + 2 + 2))
s=$(summary --prune)
check "a second --prune finds nothing" test "$(echo "$s" | field removed)" = 0

# With PATHs: they are indexed first, then the rest is pruned.
mv "$T/desk/archive-2024" "$T/desk/old-2024"
s=$(summary --prune "$T/desk/old-2024")
check "--prune with a PATH indexes it and removes the old name's articles" \
    sh -c "echo '$s' | grep -q '\"added\":4,\"updated\":0,\"moved\":0,\"removed\":4,'"
check "and the index cites only the new name" \
    sh -c "! '$QRY' --db '$DB' --json -n 1000 cranes | grep -q 'archive-2024'"

# A PATH that is missing may be an unmounted share: nothing is pruned.
mv "$T/desk/2025" "$T/desk/moved-2025"
"$IDX" --db "$DB" --json -q --prune "$T/desk/nonesuch" >"$T/out" 2>"$T/err"
rc=$?
check "--prune with a missing PATH exits 2" test "$rc" = 2
check "and says it did not prune" grep -q "not pruning" "$T/err"
check "and removed nothing" test "$(field removed <"$T/out")" = 0

# A sharded index: each file's entry lives in its shard, a feed's
# articles in theirs.
gen_articles "$T/s/a" 6
gen_feed 7 >"$T/s/a/wire.jsonl"
"$IDX" --db "$T/sharded" --shards 3 -q "$T/s/a" 2>/dev/null
mv "$T/s/a" "$T/s/b"
s=$("$IDX" --db "$T/sharded" --json -q --prune "$T/s/b" 2>/dev/null)
check "--prune on a sharded index removes the old name's articles" \
    sh -c "echo '$s' | grep -q '\"added\":13,\"updated\":0,\"moved\":0,\"removed\":13,'"
check "and none of its passages are left" \
    sh -c "! '$QRY' --db '$T/sharded' --json -n 1000 feed story cranes | grep -q '/s/a/'"

"$IDX" --db "$T/none" --prune 2>"$T/err"
check "--prune alone refuses a missing index" sh -c "test $? = 2 && ! test -e '$T/none'"

done_testing
