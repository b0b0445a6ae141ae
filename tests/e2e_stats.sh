#!/bin/sh
# End-to-end: presscut-index --stats says what an index holds (articles,
# passages, files and why some were skipped, folders, feeds, dates, schema,
# last update, size, shards), in text and JSON, agreeing with what
# presscut-query finds; it reads without the writer's lock and refuses
# what is not an index.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/gen.sh

need jq "presscut-index --stats" "jq is not installed"

# field JSON FILTER: one value of a --stats JSON object.
field() {
    printf '%s\n' "$1" | jq -r "$2"
}

# same A B: A is a value (not empty, not null) and B the same.
same() {
    [ -n "$1" ] && [ "$1" != null ] && [ "$1" = "$2" ]
}

# The corpus: dates, folders and a feed.
"$IDX" --db "$T/corpus" -q corpus 2>/dev/null
s=$("$IDX" --db "$T/corpus" --stats --json)
check "--stats --json exits 0" test $? = 0
check "and prints one JSON object" sh -c "printf '%s\n' '$s' | jq -en 'input | type == \"object\"'"
dates=$("$QRY" --db "$T/corpus" --json --sort date -a -n 1000 'date:1000..2999' |
    jq -r 'select(.date) | .date')
newest=$(printf '%s\n' "$dates" | head -n 1)
oldest=$(printf '%s\n' "$dates" | tail -n 1)
check "the first date is the corpus's earliest ($oldest)" \
    test "$(field "$s" .dates.first)" = "$oldest"
check "the last date is the corpus's latest ($newest)" \
    test "$(field "$s" .dates.last)" = "$newest"
check "the feed is listed with its articles" \
    test "$(field "$s" '.feeds[] | select(.path | endswith("feeds/wire.jsonl")) | .articles')" \
    = "$(grep -c . corpus/feeds/wire.jsonl)"
check "the folders' articles add up to the index's" \
    same "$(field "$s" '[.folders[].articles] | add')" "$(field "$s" .articles)"
check "the feeds' folder is one of them" \
    sh -c "printf '%s\n' '$s' | jq -en 'input | .folders | map(.path) | any(endswith(\"corpus/feeds/\"))'"
check "the schema is recorded" test "$(field "$s" .schema)" -ge 1
check "so is the language" test "$(field "$s" .language)" = english
check "so is the last update, in UTC" \
    sh -c "printf '%s\n' '$s' | jq -en 'input | .updated | test(\"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$\")'"
check "the size is the index's on disk" \
    test "$(field "$s" .bytes)" -ge "$(find "$T/corpus" -type f -exec cat {} + | wc -c)"

"$IDX" --db "$T/corpus" --stats >"$T/text"
check "text: aligned key: value lines" \
    sh -c "test -s '$T/text' && ! grep -Ev '^[a-z]+: +[^ ]' '$T/text'"
check "text: the date range" grep -qx "dates: *$oldest to $newest" "$T/text"
check "text: the counts" grep -qx "articles: *$(field "$s" .articles)" "$T/text"

# Generated articles, every one found by one word, and some bad files.
gen_articles "$T/src" 30
gen_feed 20 >"$T/src/wire.jsonl"
: >"$T/src/empty.txt"
printf 'bin\000ary\001' >"$T/src/binary.txt"
head -c 5000 /dev/zero | tr '\000' a >"$T/src/big.txt"
head -c 6000 /dev/zero | tr '\000' a >"$T/src/bigger.txt"
"$IDX" --db "$T/db" --max-size 2K -q "$T/src" 2>/dev/null
s=$("$IDX" --db "$T/db" --stats --json)
check "articles: as many as presscut-query finds" \
    test "$(field "$s" .articles)" = "$("$QRY" --db "$T/db" --count -a grain)"
check "passages: as many as presscut-query finds" \
    test "$(field "$s" .passages)" = "$("$QRY" --db "$T/db" --count 'grain OR harbour OR generated')"
check "files: every one cataloged" test "$(field "$s" .files)" = 35
check "indexed ones" test "$(field "$s" .indexed)" = 31
check "skipped for what they hold" test "$(field "$s" .skipped.content)" = 2
check "skipped for their size" test "$(field "$s" .skipped.size)" = 2
check "the reasons counted, whatever their particulars" \
    test "$(field "$s" '[.skip_reasons[] | "\(.kind):\(.reason):\(.files)"] | join(",")')" \
    = "content:binary file:1,content:empty file:1,size:file too large:2"
check "no dates: none" test "$(field "$s" .dates.first)" = null
check "one shard" test "$(field "$s" .shards)" = 1

# Sharded: summed over the shards.
"$IDX" --db "$T/sharded" --shards 3 --max-size 2K -q "$T/src" 2>/dev/null
t=$("$IDX" --db "$T/sharded" --stats --json)
check "sharded: three shards" test "$(field "$t" .shards)" = 3
check "sharded: the same articles, passages and files" \
    same "$(field "$t" '[.articles, .passages, .files, .indexed, .skipped.content]')" \
    "$(field "$s" '[.articles, .passages, .files, .indexed, .skipped.content]')"
check "sharded: the same folders, feeds and languages" \
    same "$(field "$t" '[.folders, .feeds, .languages]')" "$(field "$s" '[.folders, .feeds, .languages]')"
check "sharded: a language's articles counted once over the shards" \
    same "$(field "$t" '.languages[] | select(.code == "en") | .articles')" "$(field "$s" .articles)"

# The writer's lock is no bar: the holder reads a feed from a FIFO that
# stays open until the checks are done (and waits for the lock if a probe
# has it); a dry run as probe says when it is held.
mkfifo "$T/fifo"
"$IDX" --db "$T/db" --wait-lock 20 -q - <"$T/fifo" 2>/dev/null &
holder=$!
exec 3>"$T/fifo"
i=0
until "$IDX" --db "$T/db" --dry-run -q "$T/src/g0.txt" >/dev/null 2>&1; [ $? = 75 ] ||
    [ $i -ge 100 ]; do
    sleep 0.2
    i=$((i + 1))
done
timeout 20 "$IDX" --db "$T/db" --stats --json >"$T/locked" 2>"$T/err"
rc=$?
check "--stats works while another presscut-index holds the lock" \
    test $i -lt 100 -a $rc = 0
check "and reads the index" same "$(jq -r .articles "$T/locked")" "$(field "$s" .articles)"
exec 3>&-
wait "$holder"

"$IDX" --db "$T/missing" --stats 2>"$T/err"
rc=$?
check "a missing index exits 2, saying so, and is not created" \
    sh -c "test $rc = 2 && grep -qx \"presscut-index: no index at '$T/missing': .*\" '$T/err' &&
           test ! -e '$T/missing'"
"$IDX" --db "$T/src" --stats --json >"$T/out" 2>"$T/err"
rc=$?
check "a directory that is no index exits 2, saying so" \
    sh -c "test $rc = 2 && grep -qx \"presscut-index: '$T/src' is not a presscut index\" '$T/err'"
"$IDX" --db "$T/db" --stats "$T/src" 2>"$T/err"
rc=$?
check "--stats with a PATH exits 2, saying so" \
    sh -c "test $rc = 2 && grep -q 'stats takes no PATH' '$T/err'"

done_testing
