#!/bin/sh
# End-to-end: scheduled re-indexing.  Change detection, dry runs, the JSON
# summary, the writer lock, readers during commits, and kill -9 at any
# moment.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/gen.sh

trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$T"' EXIT
DB=$T/db

summary() { "$IDX" --db "$DB" --json -q "$@" 2>"$T/err"; }
field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

mkdir -p "$T/news"
for i in 1 2 3 4 5; do
    printf 'Title: Story %s\n\nParagraph one of story %s about harbour cranes.\n\nParagraph two of story %s.\n' \
        "$i" "$i" "$i" >"$T/news/s$i.txt"
done
printf '{"id":"f1","body":"Feed article one on grain exports."}\n{"id":"f2","body":"Feed article two on grain prices."}\n' \
    >"$T/news/feed.jsonl"

s=$(summary "$T/news")
check "first run adds every article" sh -c "echo '$s' | grep -q '\"added\":7,\"updated\":0,\"moved\":0,\"removed\":0,\"unchanged\":0'"

s=$(summary "$T/news")
check "a second run changes nothing" sh -c "echo '$s' | grep -q '\"added\":0,\"updated\":0,\"moved\":0,\"removed\":0,\"unchanged\":7'"

touch -d '2001-01-01' "$T/news/s1.txt"
s=$(summary "$T/news")
check "touching a file re-indexes nothing" sh -c "echo '$s' | grep -q '\"added\":0,\"updated\":0,\"moved\":0,\"removed\":0,\"unchanged\":7'"

printf 'Title: Story 2\n\nRewritten: the cranes were sold to a salvage firm.\n' >"$T/news/s2.txt"
s=$(summary "$T/news")
check "changing a file updates one article" sh -c "echo '$s' | grep -q '\"added\":0,\"updated\":1,\"moved\":0,\"removed\":0,\"unchanged\":6'"
"$QRY" --db "$DB" salvage >/dev/null
check "the changed text is searchable" test $? = 0
"$QRY" --db "$DB" '"paragraph two of story 2"' >/dev/null
check "the old text of a changed article is gone" test $? = 1

printf '{"id":"f1","body":"Feed article one on grain exports."}\n{"id":"f2","body":"Feed article two on grain prices, revised."}\n{"id":"f3","body":"A third feed article on fertiliser."}\n' \
    >"$T/news/feed.jsonl"
s=$(summary "$T/news")
check "a feed is compared article by article" sh -c "echo '$s' | grep -q '\"added\":1,\"updated\":1,\"moved\":0,\"removed\":0,\"unchanged\":6'"

n_before=$("$QRY" --db "$DB" --json -n 1000 story | wc -l)
n_s3=$("$QRY" --db "$DB" --json -n 1000 story | jq -s '[.[] | select(.rank and (.path | endswith("s3.txt")))] | length')
rm "$T/news/s3.txt"
s=$(summary --dry-run "$T/news")
check "--dry-run reports a removal" sh -c "echo '$s' | grep -q '\"removed\":1'"
n_dry=$("$QRY" --db "$DB" --json -n 1000 story | wc -l)
check "--dry-run writes nothing" test "$n_before" = "$n_dry"
s=$("$IDX" --db "$T/never" --dry-run --json -q "$T/news" 2>/dev/null)
check "--dry-run of a new index counts every article and creates nothing" \
    sh -c "echo '$s' | grep -q '\"added\":7,' && ! test -e '$T/never'"
s=$(summary "$T/news")
check "deleting a file removes its article" sh -c "echo '$s' | grep -q '\"added\":0,\"updated\":0,\"moved\":0,\"removed\":1,\"unchanged\":7'"
n_after=$("$QRY" --db "$DB" --json -n 1000 story | wc -l)
check "deleting a file removes exactly its passages" \
    sh -c "test '$n_s3' -gt 0 && test '$n_after' = $((n_before - n_s3))"

mkdir -p "$T/news/moved"
mv "$T/news/s4.txt" "$T/news/moved/s4-renamed.txt"
s=$(summary "$T/news")
check "a moved file is re-pointed, not re-indexed" sh -c "echo '$s' | grep -q '\"added\":0,\"updated\":0,\"moved\":1,\"removed\":0,\"unchanged\":6'"
"$QRY" --db "$DB" --json '"paragraph two of story 4"' >"$T/a"
check "a moved file's passages cite the new path" sh -c "grep -q 's4-renamed.txt' '$T/a' && ! grep -q '/s4.txt' '$T/a'"
"$QRY" --db "$DB" --json '"paragraph two of story 4"' >"$T/a"
if command -v python3 >/dev/null; then
    check "a moved file's citations still point at its bytes" python3 -c '
import json, sys
r = json.loads(open(sys.argv[1]).readline())
assert open(r["path"], "rb").read()[r["start"]:r["end"]].decode() == r["text"], r
' "$T/a"
else
    skip "a moved file's citations still point at its bytes" "python3 is not installed"
fi
s=$(summary "$T/news")
check "after a move, the next run changes nothing" sh -c "echo '$s' | grep -q '\"added\":0,\"updated\":0,\"moved\":0,\"removed\":0,\"unchanged\":7'"

mkdir -p "$T/other"
printf 'Title: Elsewhere\n\nAn article under another root about cranes.\n' >"$T/other/o.txt"
summary "$T/other" >/dev/null
s=$(summary "$T/news")
check "a run over one root never removes another root's articles" \
    sh -c "echo '$s' | grep -q '\"removed\":0' && '$QRY' --db '$DB' another root >/dev/null"

# An article file emptied to 0 bytes: its passages go (they would cite
# bytes past the end of the file), reported once as skipped.
printf 'Title: Story 9\n\nThe dredger story, soon emptied.\n' >"$T/news/s9.txt"
summary "$T/news" >/dev/null
: >"$T/news/s9.txt"
s=$(summary "$T/news")
rc=$?
check "an emptied file's article is removed" sh -c "echo '$s' | grep -q '\"removed\":1,'"
check "and its passages are gone" sh -c "! '$QRY' --db '$DB' dredger >/dev/null"
check "an emptied file is reported (exit 1)" sh -c "test $rc = 1 && grep -q 's9.txt: empty file' '$T/err'"
s=$(summary "$T/news")
rc=$?
check "the next run passes over the unchanged empty file quietly (exit 0)" \
    sh -c "test $rc = 0 && ! test -s '$T/err' && echo '$s' | grep -q '\"removed\":0,\"unchanged\":7,\"skipped\":0'"
printf 'Title: Story 9\n\nThe dredger story, written again.\n' >"$T/news/s9.txt"
s=$(summary "$T/news")
check "refilled, it is indexed again" sh -c "echo '$s' | grep -q '\"added\":1,' && '$QRY' --db '$DB' dredger >/dev/null"
rm "$T/news/s9.txt"
summary "$T/news" >/dev/null

# A bad file is reported once, not by every cron run: an unchanged one is
# passed over quietly (exit 0), a changed one reported again, and --full
# reports it again.
printf '\000\001binary' >"$T/news/bad.txt"
summary "$T/news" >/dev/null
check "a bad file is reported (exit 1)" sh -c "test $? = 1 && grep -q 'bad.txt' '$T/err'"
"$IDX" --db "$DB" -q "$T/news" 2>"$T/err"
check "an unchanged bad file is passed over quietly (exit 0, nothing on stderr)" \
    sh -c "test $? = 0 && ! test -s '$T/err'"
touch -d '2002-02-02' "$T/news/bad.txt"
"$IDX" --db "$DB" -q "$T/news" 2>"$T/err"
check "a touched bad file too" sh -c "test $? = 0 && ! test -s '$T/err'"
printf '\000\002binary, changed' >"$T/news/bad.txt"
"$IDX" --db "$DB" -q "$T/news" 2>"$T/err"
check "a changed bad file is reported again" sh -c "test $? = 1 && grep -q 'bad.txt' '$T/err'"
"$IDX" --db "$DB" -q --full "$T/news" 2>"$T/err"
check "--full reports it again" sh -c "test $? = 1 && grep -q 'bad.txt' '$T/err'"
rm "$T/news/bad.txt"
# An index whose only file was skipped holds no document, yet is not new:
# a later run must keep its catalog (a threaded build once replaced it).
mkdir -p "$T/lone"
printf '\000\001binary' >"$T/lone/bad.txt"
"$IDX" --db "$T/lonedb" -q "$T/lone" 2>/dev/null
"$IDX" --db "$T/lonedb" -q "$T/lone" 2>/dev/null
touch -d '2003-03-03' "$T/lone/bad.txt"
"$IDX" --db "$T/lonedb" -q "$T/lone" 2>"$T/err"
check "an index of one skipped file keeps its catalog across runs" sh -c "test $? = 0 && ! test -s '$T/err'"
# Over --max-size: reported once; indexed once the limit lets it in.
head -c 3000 /dev/zero | tr '\0' 'x' | sed 's/^/Title: Big\n\nA big story on tugboats /' >"$T/news/big.txt"
"$IDX" --db "$DB" -q --max-size 1K "$T/news" 2>"$T/err"
check "a file over --max-size is reported (exit 1)" sh -c "test $? = 1 && grep -q 'big.txt: file too large' '$T/err'"
"$IDX" --db "$DB" -q --max-size 1K "$T/news" 2>"$T/err"
check "and then passed over quietly" sh -c "test $? = 0 && ! test -s '$T/err'"
s=$(summary "$T/news")
check "a higher limit indexes it" sh -c "echo '$s' | grep -q '\"added\":1,' && '$QRY' --db '$DB' tugboats >/dev/null"
rm "$T/news/big.txt"
summary "$T/news" >/dev/null

# A root that does not exist (an unmounted share, a typo) is an error:
# exit 2, nothing of it removed, the other roots indexed all the same.
mv "$T/other" "$T/other.away"
printf 'Title: Fresh\n\nA fresh story about dredgers.\n' >"$T/news/fresh.txt"
s=$(summary "$T/other" "$T/news")
rc=$?
check "a missing root exits 2" test "$rc" = 2
check "the message names it" grep -q "cannot read '$T/other'" "$T/err"
check "its articles stay" sh -c "'$QRY' --db '$DB' another root >/dev/null"
check "the other roots are indexed" sh -c "echo '$s' | grep -q '\"added\":1,' && '$QRY' --db '$DB' dredgers >/dev/null"
mv "$T/other.away" "$T/other"
rm "$T/news/fresh.txt"
summary "$T/news" >/dev/null

s=$(summary --full "$T/news")
check "--full re-indexes every article" sh -c "echo '$s' | grep -q '\"updated\":7'"

# The writer lock: a run reading a slow feed from stdin holds it.
(sleep 3; echo '{"id":"slow","body":"slow feed"}') | "$IDX" --db "$DB" -q - &
holder=$!
sleep 1
"$IDX" --db "$DB" -q "$T/news" 2>"$T/err"
rc=$?
check "a second writer exits 75" test "$rc" = 75
check "the lock message names the index" grep -q "$DB.*locked" "$T/err"
"$QRY" --db "$DB" cranes >/dev/null
check "readers are not blocked by the writer" test $? = 0
"$IDX" --db "$DB" -q --wait-lock 20 "$T/news" 2>"$T/err"
check "--wait-lock waits for the lock and then runs" test $? = 0
wait "$holder"

# Readers while commits happen: every query must answer.
mkdir -p "$T/churn"
i=0
while [ $i -lt 200 ]; do
    printf 'Title: Churn %s\n\nChurning harbour article number %s.\n' $i $i >"$T/churn/c$i.txt"
    i=$((i + 1))
done
(for r in 1 2 3 4 5 6; do "$IDX" --db "$DB" -q --full "$T/churn"; done) &
writer=$!
bad=0
while kill -0 "$writer" 2>/dev/null; do
    "$QRY" --db "$DB" -n 5 harbour >/dev/null 2>>"$T/qerr" || bad=$((bad + 1))
done
wait "$writer"
check "queries during commits always answer" test "$bad" = 0

# kill -9 at several moments, then one more run: the same index as a clean run.
if [ -d ../shared/corpus/bbc ]; then
    SRC=../shared/corpus/bbc
else
    SRC=$T/gen
    gen_articles "$SRC" 1500
fi
mkdir -p "$T/feedgen"
gen_feed 1500 >"$T/feedgen/wire.jsonl"
queries="harbour cranes|grain|ports|economy growth|film award|\"second paragraph\"|election|tolls"
dump() { answers "$1" 50 "$queries"; }
for shards in 1 3; do
    rm -rf "$T/clean"
    "$IDX" --db "$T/clean" -q --shards $shards "$SRC" "$T/feedgen"
    dump "$T/clean" >"$T/clean.out"
    ok=1
    for delay in 0.3 0.8 1.5 2.5; do
        rm -rf "$T/killed"
        "$IDX" --db "$T/killed" -q --shards $shards "$SRC" "$T/feedgen" &
        pid=$!
        sleep "$delay"
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        "$IDX" --db "$T/killed" -q --wait-lock 10 --shards $shards "$SRC" "$T/feedgen" || ok=0
        dump "$T/killed" >"$T/killed.out"
        cmp -s "$T/clean.out" "$T/killed.out" || ok=0
        if command -v xapian-check >/dev/null; then
            for db in "$T/killed" "$T"/killed/shard-*; do
                [ -f "$db/iamglass" ] && { xapian-check "$db" >/dev/null 2>&1 || ok=0; }
            done
        fi
    done
    check "after kill -9 at 4 moments ($shards shard(s)), the next run gives the clean run's results" test "$ok" = 1
done

done_testing
