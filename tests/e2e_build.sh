#!/bin/sh
# End-to-end: a new index written by threads (--jobs) answers exactly as
# one written in place, leaves nothing beside it, and survives what a
# killed build leaves behind.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/gen.sh

gen_articles "$T/src" 60
mkdir -p "$T/src/sub"
printf '# Markdown desk\n\nCranes idle at the harbour as grain prices fall.\n' >"$T/src/sub/desk.md"
printf '<html><body><h1>Port</h1><p>Harbour cranes stand still.</p><p>Grain waits.</p></body></html>\n' \
    >"$T/src/sub/port.html"
gen_feed 300 >"$T/src/a-wire.jsonl"
# The same ids again in a later feed, and one id twice in a feed: the last
# copy wins, whichever thread writes it.
printf '{"id":"gen-1","title":"Replaced","body":"Replaced story on harbour cranes."}\n{"id":"dup","body":"First copy on grain."}\n{"id":"dup","body":"Second copy on grain."}\n' \
    >"$T/src/b-wire.jsonl"
printf '\000\001binary' >"$T/src/sub/bad.txt"

queries="harbour cranes|grain|tolls|\"second paragraph\"|replaced|copy|feed story"
dump() { answers "$1" 400 "$queries"; }
summary() { sed 's/,"seconds":[0-9.]*//'; }

"$IDX" --db "$T/one" --jobs 1 --json -q "$T/src" 2>"$T/one.err" | summary >"$T/one.json"
"$IDX" --db "$T/three" --jobs 3 --json -q "$T/src" 2>"$T/three.err" | summary >"$T/three.json"
rc=$?
check "a threaded build reports what one writer reports" cmp -s "$T/one.json" "$T/three.json"
check "a threaded build names the bad file" grep -q "bad.txt" "$T/three.err"
check "the summary counts the skipped file" grep -q '"skipped":1' "$T/three.json"
dump "$T/one" >"$T/one.out"
dump "$T/three" >"$T/three.out"
check "a threaded build answers every query as one writer does" cmp -s "$T/one.out" "$T/three.out"
check "the last copy of a repeated id wins" sh -c "grep -q 'Second copy' '$T/three.out' && ! grep -q 'First copy' '$T/three.out' && grep -q 'Replaced story' '$T/three.out'"
check "nothing is left beside the index" test -z "$(ls -A "$T" | grep presscut)"
if command -v xapian-check >/dev/null; then
    check "the merged index passes xapian-check" xapian-check "$T/three"
else
    skip "the merged index passes xapian-check" "xapian-check is not installed"
fi
before=$(du -sk "$T/one" | cut -f1)
after=$(du -sk "$T/three" | cut -f1)
check "the merged index is compacted (${after} KB vs ${before} KB in place)" test "$after" -lt "$before"

s=$("$IDX" --db "$T/three" --jobs 3 --json -q "$T/src" 2>/dev/null)
check "the next run updates the built index in place" sh -c "echo '$s' | grep -q '\"added\":0,\"updated\":0,\"moved\":0,\"removed\":0,\"unchanged\":365'"
printf 'Title: Late story\n\nA late story on harbour dredging.\n' >"$T/src/late.txt"
"$IDX" --db "$T/three" -q "$T/src" 2>/dev/null
"$QRY" --db "$T/three" dredging >/dev/null
check "an article added later is found" test $? = 0
rm "$T/src/late.txt"

# A killed build leaves an empty index and its staging directory (marked
# as presscut's): the next run removes the one and builds the other again.
mkdir -p "$T/.stale.presscut-build/part-0"
: >"$T/.stale.presscut-build/presscut-staging"
echo junk >"$T/.stale.presscut-build/part-0/junk"
mkdir "$T/stale"
"$IDX" --db "$T/stale" -q --jobs 2 "$T/src" 2>/dev/null
dump "$T/stale" >"$T/stale.out"
check "a stale staging directory is cleared and the build completes" sh -c \
    "cmp -s '$T/one.out' '$T/stale.out' && ! test -e '$T/.stale.presscut-build'"

"$IDX" --db "$T/x" --jobs 0 "$T/src" 2>"$T/err"
check "--jobs 0 is refused" test $? = 2
check "and the message says what --jobs takes" grep -q "jobs needs a number" "$T/err"

done_testing
