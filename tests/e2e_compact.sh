#!/bin/sh
# End-to-end: presscut-index --compact shrinks an index that updates left
# holes in, answers every query as before, and is safe under cron: it
# holds the writer lock, leaves nothing beside the index, and a run killed
# at any moment leaves the index as it was.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/gen.sh

gen_articles "$T/src" 200
gen_feed 300 >"$T/src/wire.jsonl"
"$IDX" --db "$T/db" --jobs 1 -q "$T/src"
# Every article replaced twice: free space in the index.
for round in 1 2; do
    for f in "$T"/src/g*.txt; do
        echo "Update $round on dredging." >>"$f"
    done
    "$IDX" --db "$T/db" -q "$T/src"
done

queries="harbour cranes|grain|dredging|\"second paragraph\"|feed story|update 2"
dump() { answers "$1" 400 "$queries"; }
dump "$T/db" >"$T/before.out"
du_before=$(du -sk "$T/db" | cut -f1)

# Readers keep answering while the index is swapped under them.
(
    n=0
    while [ ! -e "$T/stop" ]; do
        "$QRY" --db "$T/db" -n 3 harbour >/dev/null 2>>"$T/reader.err" || echo fail >>"$T/reader.fail"
        n=$((n + 1))
    done
    echo "$n" >"$T/reader.count"
) &
reader=$!
s=$("$IDX" --db "$T/db" --compact --json -q 2>"$T/err")
rc=$?
touch "$T/stop"
wait "$reader"
check "--compact without articles exits 0" test "$rc" = 0
before=$(echo "$s" | sed 's/.*"compact_before":\([0-9]*\).*/\1/')
after=$(echo "$s" | sed 's/.*"compact_after":\([0-9]*\).*/\1/')
check "the summary gives the sizes before and after ($before -> $after bytes)" \
    test "$after" -gt 0 -a "$after" -lt "$before"
du_after=$(du -sk "$T/db" | cut -f1)
check "the index is smaller on disk ($du_before KB -> $du_after KB)" test "$du_after" -lt "$du_before"
dump "$T/db" >"$T/after.out"
check "every query answers as before" cmp -s "$T/before.out" "$T/after.out"
check "readers never failed meanwhile ($(cat "$T/reader.count") queries)" test ! -e "$T/reader.fail"
check "nothing is left beside the index" test -z "$(ls -A "$T" | grep presscut)"
if command -v xapian-check >/dev/null; then
    check "the compacted index passes xapian-check" xapian-check "$T/db"
else
    skip "the compacted index passes xapian-check" "xapian-check is not installed"
fi

printf 'Title: Late story\n\nA late story on harbour silt.\n' >"$T/src/late.txt"
s=$("$IDX" --db "$T/db" --json -q "$T/src" 2>/dev/null)
check "the next run updates the compacted index" sh -c "echo '$s' | grep -q '\"added\":1,'"
"$QRY" --db "$T/db" silt >/dev/null
check "and its article is found" test $? = 0
rm "$T/src/late.txt"
"$IDX" --db "$T/db" -q "$T/src"
dump "$T/db" >"$T/before.out"

# Under cron: a run that finds the index locked exits 75 and changes nothing.
# The lock's holder reads a feed that stays empty for 3 seconds.
sleep 3 | "$IDX" --db "$T/db" -q - 2>/dev/null &
holder=$!
sleep 1
"$IDX" --db "$T/db" --compact -q 2>"$T/err"
check "--compact of a locked index exits 75" test $? = 75
check "and says the index is locked" grep -q "locked" "$T/err"
wait "$holder"
dump "$T/db" >"$T/after.out"
check "the locked index was left alone" cmp -s "$T/before.out" "$T/after.out"

# Killed at any moment: the index answers as before, whole.
dump "$T/db" >"$T/before.out"
ok=1
for delay in 0.005 0.01 0.02 0.04 0.08 0.16; do
    "$IDX" --db "$T/db" --compact --wait-lock 10 -q 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    dump "$T/db" >"$T/killed.out"
    cmp -s "$T/before.out" "$T/killed.out" || ok=0
    if command -v xapian-check >/dev/null; then
        xapian-check "$T/db" >/dev/null 2>&1 || ok=0
    fi
done
check "a compaction killed at six moments leaves the index whole" test "$ok" = 1
# A killed writer's lock may take a moment to go.
"$IDX" --db "$T/db" --compact --wait-lock 10 -q 2>/dev/null
rc=$?
check "the next compaction clears what a killed one left" \
    sh -c "test $rc = 0 && test -z \"\$(ls -A '$T' | grep presscut)\""

# A sharded index: each shard in turn.
"$IDX" --db "$T/sharded" --shards 3 -q "$T/src"
dump "$T/sharded" >"$T/before.out"
"$IDX" --db "$T/sharded" --compact -q
check "a sharded index compacts" test $? = 0
dump "$T/sharded" >"$T/after.out"
check "and answers as before" cmp -s "$T/before.out" "$T/after.out"
check "with nothing left among its shards" test -z "$(ls -A "$T/sharded" | grep presscut)"

"$IDX" --db "$T/missing" --compact 2>"$T/err"
check "--compact of a missing index exits 2" test $? = 2
check "and names it, creating nothing" sh -c "grep -q 'missing' '$T/err' && ! test -e '$T/missing'"

"$IDX" --db "$T/db" --compact --dry-run 2>"$T/err"
check "--compact with --dry-run is refused" test $? = 2
check "and the message says why" grep -q "dry-run" "$T/err"

done_testing
