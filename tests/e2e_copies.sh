#!/bin/sh
# End-to-end: copies (the same story, exactly, with a few words changed,
# or cut short) are found through the index and shown once, "and N
# copies"; --all-copies lists them; --quote lists every holder, each copy
# after the hit it copies; runs that delete or change a copy leave no
# trace of it.  TAP.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

# The story: four paragraphs; its third the one a correction changes.
p1="The harbour strike at Rotterdam entered its third day on Tuesday as dock workers rejected a pay offer from the port employers, leaving dozens of container ships waiting at anchor in the North Sea and grain cargoes stuck on the quays."
p2="Union leaders said the offer of four percent over two years did not keep pace with prices, and that the walkout would continue until the employers returned to the table with a better proposal for night shifts and overtime."
p3="Shipping agents estimated the cost of the delays at twelve million euros a day, and several lines said they would divert vessels to Antwerp and Hamburg if the dispute was not settled by the weekend."
p4="The port authority urged both sides to accept mediation, warning that the stoppage threatened the supply of fertiliser to farmers ahead of the spring planting season across the Netherlands and Germany."
# The correction: three words of the third paragraph changed, far apart.
p3c="Shipping agents estimated the cost of the stoppage at twelve million euros a day, and several carriers said they would divert vessels to Antwerp and Bremen if the dispute was not settled by the weekend."
story() {  # story FILE TITLE THIRD-PARAGRAPH
    printf 'Title: %s\nDate: 2024-03-05\n\n%s\n\n%s\n\n%s\n\n%s\n' "$2" "$p1" "$p2" "$3" "$p4" >"$1"
}
json_story() {  # json_story ID THIRD-PARAGRAPH
    printf '{"id":"%s","title":"Harbour strike halts Rotterdam","date":"2024-03-05","body":"%s\\n\\n%s\\n\\n%s\\n\\n%s"}\n' \
        "$1" "$p1" "$p2" "$2" "$p4"
}
mkdir -p "$T/news"
story "$T/news/strike.txt" "Harbour strike halts Rotterdam" "$p3"
cp "$T/news/strike.txt" "$T/news/strike-again.txt"
story "$T/news/strike-corrected.txt" "CORRECTED - Harbour strike halts Rotterdam" "$p3c"
# Wire copy re-sent: the same title and words wrapped otherwise, in
# another format: an exact copy; and its correction.
{ json_story wire-1 "$p3"; json_story wire-2 "$p3c"; } >"$T/news/wire.jsonl"
# Another story on the same strike, in other words.
printf 'Title: Dockers vote\n\nDock workers in Rotterdam voted to extend their harbour strike, a union spokesman said, after talks with employers about pay broke down again on Tuesday evening.\n' \
    >"$T/news/vote.txt"
$IDX --db "$T/db" -q "$T/news"

ids() { jq -r 'select(.rank) | .article_id' | sed 's|.*/||'; }
# copies_of QUERY...: "ID: COPY COPY..." per hit, copies sorted.
copies_of() {
    $QRY --db "$T/db" --json "$@" |
        jq -r 'select(.rank) | "\(.article_id): \([.copies.articles[].article_id] | sort | join(" "))"' |
        sed 's|[^ ]*/||g'
}
# group QUERY...: the story's hit and its copies, as one sorted list (wire-2
# becomes another story on the way).
group() {
    copies_of -a "$@" | grep -v '^vote\|^wire-2:' | tr -d ':' | tr ' ' '\n' | sort | tr '\n' ' '
}

$QRY --db "$T/db" -a --json harbour strike >"$T/out"
check "per article, the story is shown once among the hits" \
    test "$(ids <"$T/out" | sort | tr '\n' ' ')" = "strike-again.txt vote.txt "
check "its copies are listed: the exact one, the correction and the wire's" \
    test "$(copies_of -a harbour strike | grep '^strike')" = \
    "strike-again.txt: strike-corrected.txt strike.txt wire-1 wire-2"
check "copies.count says how many" \
    test "$(jq -r 'select(.article_id | endswith("/strike-again.txt")?) | .copies.count' "$T/out")" = 4
check "the byte-identical copy is exact, the correction is not" \
    test "$(jq -r 'select(.article_id | endswith("/strike-again.txt")?) | .copies.articles[] | "\(.exact) \(.article_id)"' "$T/out" |
        sed 's|[^ ]*/||' | sort | tr '\n' ' ')" = \
    "false strike-corrected.txt false wire-2 true strike.txt true wire-1 "
check "another story on the strike is no copy" \
    test "$(copies_of -a harbour strike | grep '^vote')" = "vote.txt: "
check "text output says \"and 4 copies\" with their files" \
    sh -c "$QRY --db '$T/db' -a harbour strike | grep -q '^    and 4 copies: .*strike.*, …\$'"
check "the totals still count every article" \
    sh -c "$QRY --db '$T/db' -a harbour strike | tail -1 | grep -qx '2 of 6 articles'"
$QRY --db "$T/db" -a --all-copies --json harbour strike >"$T/all"
check "--all-copies lists every copy" test "$(ids <"$T/all" | wc -l)" = 6
check "--all-copies still names each one's copies" \
    test "$(jq -r 'select(.article_id == "wire-2") | .copies.count' "$T/all")" = 4
check "--all-copies says \"copies:\", not \"and N copies\"" \
    sh -c "$QRY --db '$T/db' -a --all-copies harbour strike | grep -q '^    copies: '"

# Per passage: a copy's passage is left out when its text is nearly the
# shown one's; the corrected one is not, and shows.  (Paragraphs 1-2 make
# one passage, 3-4 another.)
check "per passage, a passage all copies share shows once" \
    test "$($QRY --db "$T/db" --json -n 20 "\"container ships waiting\"" | ids | wc -l)" = 1
$QRY --db "$T/db" --json -n 20 twelve million euros >"$T/p"
check "per passage, the corrected passage shows beside the original" \
    test "$(jq -r 'select(.rank) | .text' "$T/p" | grep -o 'Hamburg\|Bremen' | sort | tr '\n' ' ')" = \
    "Bremen Hamburg "
check "each lists the copies of its article" \
    test "$(jq -r 'select(.rank) | .copies.count' "$T/p" | tr '\n' ' ')" = "4 4 "

# --quote: every holder, the copies after the hit they copy.
$QRY --db "$T/db" --quote --json "rejected a pay offer from the port employers" >"$T/q"
check "--quote lists every holder" test "$(ids <"$T/q" | wc -l)" = 5
check "--quote: the first, then the four that copy it" \
    test "$(jq -r 'select(.rank) | .copy_of' "$T/q" | tr '\n' ' ')" = "null 1 1 1 1 "
check "--quote text says which hit a copy copies" \
    sh -c "$QRY --db '$T/db' --quote 'rejected a pay offer' | grep -q ', a copy of 1\\.\$'"

# Incremental runs: what a deleted or changed copy was leaves no trace.
rm "$T/news/strike-again.txt"
$IDX --db "$T/db" -q "$T/news"
check "a deleted copy is no longer listed" \
    test "$(copies_of -a harbour strike | grep '^strike')" = "strike.txt: strike-corrected.txt wire-1 wire-2"
printf 'Title: Cup final\n\nThe cup final ended in a draw after extra time, and the replay will be held in May.\n' \
    >"$T/news/strike-corrected.txt"
{ json_story wire-1 "$p3"; printf '{"id":"wire-2","title":"Markets","body":"Grain prices fell on the harbour strike news."}\n'; } \
    >"$T/news/wire.jsonl"
$IDX --db "$T/db" -q "$T/news"
check "a copy changed into another story is no longer listed" \
    test "$(copies_of -a harbour strike | grep '^strike')" = "strike.txt: wire-1"
story "$T/news/strike-corrected.txt" "CORRECTED - Harbour strike halts Rotterdam" "$p3c"
$IDX --db "$T/db" -q "$T/news"
check "changed back, it is a copy again" \
    test "$(copies_of -a harbour strike | grep '^strike')" = "strike.txt: strike-corrected.txt wire-1"
rm "$T/news/strike.txt"
$IDX --db "$T/db" -q "$T/news"
check "the best copy deleted, the next shows with the rest" \
    test "$(group harbour strike)" = "strike-corrected.txt wire-1 "
check "the index holds no trace of the deleted files" \
    sh -c "! xapian-delve -a -1 '$T/db' | grep -q 'strike.txt\$'"

# Copies are found across shards, and in a new index written by threads.
story "$T/news/strike.txt" "Harbour strike halts Rotterdam" "$p3"
for how in "--shards 3" "--jobs 2"; do
    rm -rf "$T/db"
    $IDX --db "$T/db" -q $how "$T/news"
    check "copies are found ($how)" \
        test "$(group harbour strike)" = "strike-corrected.txt strike.txt wire-1 "
done

# Routine reports: a body that another company's report repeats with its
# figures is no copy, nor the same near words a week later; the same
# words, whenever, are.
mkdir -p "$T/routine"
div="Quarterly dividend four cts vs four cts prior, pay April 15, record March 23, the company said in a statement."
printf 'Title: Seven Oaks International sets dividend
Date: 1987-03-11

%s
' "$div" >"$T/routine/a.txt"
printf 'Title: Rowe Furniture sets quarterly dividend
Date: 1987-03-11

%s
' "$div" >"$T/routine/b.txt"
fed="The Federal Reserve entered the government securities market to arrange 1.5 billion dlrs of customer repurchase agreements, a Fed spokesman said. Dealers said federal funds were trading at six pct when the Fed began its temporary and indirect supply of reserves to the banking system."
printf 'Title: Fed adds reserves
Date: 1987-03-11

%s
' "$fed" >"$T/routine/fed-11.txt"
printf 'Title: Fed adds reserves
Date: 1987-03-18

%s
' "$(echo "$fed" | sed 's/1\.5 billion/two billion/')" \
    >"$T/routine/fed-18.txt"
printf 'Title: Fed adds reserves
Date: 1987-03-12

%s
' "$(echo "$fed" | sed 's/1\.5 billion/two billion/')" \
    >"$T/routine/fed-12.txt"
printf 'Title: Fed adds reserves
Date: 1987-03-25

%s
' "$fed" >"$T/routine/fed-25.txt"
$IDX --db "$T/rdb" -q "$T/routine"
rcopies() {
    $QRY --db "$T/rdb" --json --all-copies -a "$@" |
        jq -r 'select(.rank) | "\(.article_id): \([.copies.articles[].article_id] | sort | join(" "))"' |
        sed 's|[^ ]*/||g' | sort
}
check "another company's dividend in the same words is no copy" \
    test "$(rcopies quarterly dividend | tr '\n' ' ')" = "a.txt:  b.txt:  "
check "a routine report a week later is no copy; the next day's, or the same words, are" \
    test "$(rcopies federal reserve repurchase | tr '\n' '/')" = \
    "fed-11.txt: fed-12.txt fed-25.txt/fed-12.txt: fed-11.txt fed-18.txt/fed-18.txt: fed-12.txt/fed-25.txt: fed-11.txt/"

# A story and its urgent, cut short (corpus/): the urgent is a copy of
# the whole ("shorter"), the whole a copy of the urgent ("longer").
mkdir -p "$T/cut"
cp corpus/danube-low-water.txt corpus/danube-low-water-urgent.txt "$T/cut/"
$IDX --db "$T/cdb" -q "$T/cut"
kinds() {
    $QRY --db "$T/cdb" --json -a --all-copies "$@" |
        jq -r 'select(.rank) | "\(.article_id): \([.copies.articles[] | "\(.article_id) \(.kind)"] | join(" "))"' |
        sed 's|[^ ]*/||g' | sort | tr '\n' '/'
}
check "a story cut short is a copy of the whole, shorter; the whole of it, longer" \
    test "$(kinds Iron Gates)" = \
    "danube-low-water-urgent.txt: danube-low-water.txt longer/danube-low-water.txt: danube-low-water-urgent.txt shorter/"
check "text output marks them (shorter), (longer)" \
    sh -c "$QRY --db '$T/cdb' -a --all-copies 'Iron Gates' >'$T/cut.txt' &&
           grep -q '^    copies: .*/danube-low-water-urgent.txt (shorter)\$' '$T/cut.txt' &&
           grep -q '^    copies: .*/danube-low-water.txt (longer)\$' '$T/cut.txt'"
check "the whole shown higher, its urgent is left out" \
    test "$($QRY --db "$T/cdb" -a --json Danube sandbanks | ids | tr '\n' ' ')" = "danube-low-water.txt "
check "the urgent shown higher, the whole still shows" \
    test "$($QRY --db "$T/cdb" -a --json Danube "\"more to follow\"" | ids | tr '\n' ' ')" = \
    "danube-low-water-urgent.txt danube-low-water.txt "

# BBC's politics/223 and 341 are byte-identical.
BBC=../shared/corpus/bbc/politics
if [ -f "$BBC/223.txt" ] && [ -f "$BBC/341.txt" ]; then
    rm -rf "$T/bbc"
    $IDX --db "$T/bbc" -q "$BBC"
    $QRY --db "$T/bbc" -a --json -n 50 Kennedy questions trust of Blair >"$T/b"
    check "BBC: 223 and 341 show once" \
        test "$(ids <"$T/b" | grep -c '^\(223\|341\)\.txt$')" = 1
    check "BBC: the one shown has the other as an exact copy" \
        test "$(jq -r 'select(.rank) | select(.path | test("/(223|341)\\.txt$")) | .copies.articles[] |
                 "\(.exact) \(.path)"' "$T/b" | sed 's|/.*/||')" = "true 341.txt"
else
    skip "BBC: 223 and 341 show once" "../shared/corpus/bbc is not there"
    skip "BBC: the one shown has the other as an exact copy" "../shared/corpus/bbc is not there"
fi

done_testing
