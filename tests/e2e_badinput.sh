#!/bin/sh
# End-to-end: a folder of every kind of bad input next to good articles.
# Bad input never stops the run: each one is reported with its file (and
# line or byte), the good ones are indexed, and the run exits 1.  TAP.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
DB=$T/db
D=$T/in
mkdir -p "$D"

printf 'Title: Harbour reopens\n\nThe harbour at Klaipeda reopened on Monday.\n' >"$D/good.txt"
printf '<html><head><title>Ferry</title></head><body><article><h1>Ferry</h1>\n<p>The &quot;Vilnius&quot; ferry sails again.</p></article></body></html>\n' >"$D/good.html"
printf 'Title: Caf\351 owners\n\nThe caf\351 owners in Gdansk protested.\n' >"$D/latin1.txt"
printf '\000\001\002binary' >"$D/binary.txt"
: >"$D/empty.txt"
awk 'BEGIN { for (i = 0; i < 200; i++) printf "lighthouse words "; print "" }' >"$D/large.txt"
printf 'Title: Secret\n\nUnreadable secrets.\n' >"$D/secret.txt"
chmod 000 "$D/secret.txt"
ln -s loop "$D/loop"
printf '{"id":"f1","body":"Tugboats strike in Riga."}\n{broken\n{"id":"f3","date":"2024-01-01"}\n' >"$D/feed.jsonl"
printf '<html><body><nav>Menu</nav><script>var x;</script></body></html>\n' >"$D/nobody.html"

$IDX --db "$DB" --max-size 1K "$D" 2>"$T/err"
check "a run with bad inputs exits 1" test $? = 1
check "a binary file is named" grep -q "binary.txt: binary file" "$T/err"
check "invalid UTF-8 is repaired, with its byte offset" \
    grep -q "latin1.txt: invalid UTF-8 at byte 10, repaired" "$T/err"
check "an empty file is named" grep -q "empty.txt: empty file" "$T/err"
check "a file over --max-size is named" grep -q "large.txt: file too large" "$T/err"
if [ "$(id -u)" = 0 ]; then
    skip "an unreadable file is named" "running as root, which can read a chmod 000 file"
else
    check "an unreadable file is named" \
        grep -q "secret.txt: cannot read: Permission denied" "$T/err"
fi
check "a symbolic link loop is named" grep -q "loop: cannot read: symbolic link loop" "$T/err"
check "a malformed feed line is named with its line" grep -q "feed.jsonl:2: malformed JSON" "$T/err"
check "a feed line without body is named with its line" grep -q "feed.jsonl:3: no body" "$T/err"
check "an HTML file without body text is named" \
    grep -q "nobody.html: no text in the HTML body" "$T/err"
check "every warning names a file of the folder" \
    sh -c "! grep -v '^presscut-index: $D/[^:]*: \|^presscut-index: $D/[^:]*:[0-9]*: \|^presscut-index: added' '$T/err'"

check "a good text file is searchable" $QRY --db "$DB" klaipeda
check "a good HTML file is searchable" $QRY --db "$DB" vilnius ferry
check "a good feed line is searchable" $QRY --db "$DB" tugboats
check "a repaired file is searchable" $QRY --db "$DB" gdansk
check "a file over --max-size is not indexed" sh -c "! $QRY --db '$DB' lighthouse"

# Citations stay file offsets: after a repaired byte, and in HTML source.
cite() {
    $QRY --db "${3:-$DB}" --json -n 1 "$1" >"$T/j" || return 1
    sed -i '/^{"summary"/d' "$T/j"
    s=$(sed 's/.*"start":\([0-9]*\).*/\1/' "$T/j")
    e=$(sed 's/.*"end":\([0-9]*\).*/\1/' "$T/j")
    dd if="$2" bs=1 skip="$s" count=$((e - s)) 2>/dev/null
}
got=$(cite gdansk "$D/latin1.txt" | od -An -c | tr -s ' ')
want=$(printf 'The caf\351 owners in Gdansk protested.' | od -An -c | tr -s ' ')
check "a repaired file's citation is its source bytes" test "$got" = "$want"
# A quote after a repaired byte counts it as the one byte it is in the
# file, in text and in HTML (where the passage's source bytes are used).
printf '<html><body><p>The caf\351 &amp; <b>bar</b> owners in Gdansk protested.</p></body></html>\n' >"$T/latin1.html"
$IDX -q --db "$T/qdb" "$D/latin1.txt" "$T/latin1.html" 2>/dev/null
quoted() {
    $QRY --db "$T/qdb" --quote 'owners in Gdansk' | grep -A1 "$1" | tail -1 >"$T/q"
    r=$(sed -n 's/.* bytes \([0-9]*\)-\([0-9]*\).*/\1 \2/p' "$T/q")
    set -- "$1" $r
    dd if="$1" bs=1 skip="$2" count=$(($3 - $2)) 2>/dev/null
}
check "a quote after a repaired byte cites its own bytes" \
    test "$(quoted "$D/latin1.txt")" = "owners in Gdansk"
check "a quote after a repaired byte in HTML cites its own bytes" \
    test "$(quoted "$T/latin1.html")" = "owners in Gdansk"
got=$(cite vilnius "$D/good.html")
check "an HTML citation is its source bytes" test "$got" = 'The &quot;Vilnius&quot; ferry sails again.'

# Feeds lose no more than the bad line: a NUL byte costs its line, a number
# jansson cannot hold (1e400) costs nothing, and a repeated id is reported,
# naming both lines, the later line replacing the earlier as an update would.
F=$T/feeds
mkdir -p "$F"
printf '{"id":"n1","body":"Dredgers arrive in Gdynia."}\n\000\000\n{"id":"n2","body":"Pilots \000 strike."}\n{"id":"n3","body":"Icebreakers leave Oulu."}\n' >"$F/nul.jsonl"
printf '{"id":"o1","score":1e400,"body":"Cormorants nest on the breakwater."}\n' >"$F/overflow.jsonl"
printf '{"id":"r1","body":"Old copy about herring quotas."}\n{"id":"r2","body":"Other news."}\n{"id":"r1","body":"New copy about sprat quotas."}\n' >"$F/repeat.jsonl"
for jobs in 1 2; do
    $IDX --db "$T/fdb$jobs" --jobs $jobs "$F" 2>"$T/err"
    check "jobs $jobs: a NUL byte in a feed is named with its line" \
        grep -q "nul.jsonl:3: NUL byte at byte 26 of the line" "$T/err"
    check "jobs $jobs: the feed lines after a NUL byte are indexed" $QRY --db "$T/fdb$jobs" icebreakers
    check "jobs $jobs: a line with 1e400 is indexed" $QRY --db "$T/fdb$jobs" cormorants
    check "jobs $jobs: a repeated id names both lines" \
        grep -q 'repeat.jsonl:3: id "r1" already on line 1: this line replaces it' "$T/err"
    check "jobs $jobs: a repeated id's later line is indexed" $QRY --db "$T/fdb$jobs" sprat
    check "jobs $jobs: a repeated id's earlier line is replaced" \
        sh -c "! $QRY --db '$T/fdb$jobs' herring"
done
$IDX --db "$T/sdb" - <"$F/nul.jsonl" 2>"$T/err"
check "stdin: a NUL byte in a feed is named with its line" grep -q ":2: NUL byte" "$T/err"
check "stdin: the feed lines after a NUL byte are indexed" $QRY --db "$T/sdb" icebreakers

# Metadata is copied into every passage: a 2 MB title is cut, not stored
# twenty times over.
M=$T/meta
mkdir -p "$M"
{
    printf 'Title: '
    awk 'BEGIN { for (i = 0; i < 200000; i++) printf "headline "; print "" }'
    printf '\n'
    awk 'BEGIN { for (p = 0; p < 20; p++) { for (i = 0; i < 100; i++) printf "word%d ", p * 100 + i; print "\n" } }'
} >"$M/title.txt"
$IDX --db "$T/mdb" "$M" 2>"$T/err"
check "a 2 MB title is cut, with a warning" grep -q "title.txt: title cut to " "$T/err"
check "an article with a 2 MB title is indexed" $QRY --db "$T/mdb" word1234
check "an article with a 2 MB title makes a small index" \
    test "$(du -sk "$T/mdb" | cut -f1)" -lt 8000

# HTML that used to hang: blocks with character references libxml2 drops
# (quadratic to locate: 80 KB took 38 s), blocks that cannot be located at
# all, text that nearly matches a block for long, an element with 200,000
# attributes; and nesting past libxml2's limit, named as such.
H=$T/html
mkdir -p "$H"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 4000; i++) printf "<p>Paragraph %d holds &#0; odd text.</p>\n", i; print "</body></html>" }' >"$H/nul.html"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 8000; i++) printf "<p>Paragraph %d holds <![CDATA[x]]> odd text.</p>\n", i; print "<p>Last walrus.</p></body></html>" }' >"$H/unfound.html"
awk 'BEGIN { printf "<html><body><div>"; for (i = 0; i < 40000; i++) printf "ab "; printf "<p>"; for (i = 0; i < 40000; i++) printf "ab "; print "narwhal</p></div></body></html>" }' >"$H/near.html"
awk 'BEGIN { printf "<html><body><p"; for (i = 0; i < 200000; i++) printf " a%d=x", i; print ">Manatee text.</p></body></html>" }' >"$H/attrs.html"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 300; i++) printf "<div>"; print "<p>Deep text.</p></body></html>" }' >"$H/deep.html"
timeout 20 $IDX --db "$T/hdb" "$H" 2>"$T/err"
check "HTML that used to hang is indexed in time (exit 1: deep.html)" test $? = 1
got=$(cite "paragraph 3999" "$H/nul.html" "$T/hdb")
check "a block with &#0; cites its source bytes" \
    sh -c "printf '%s' '$got' | grep -qF 'Paragraph 3999 holds &#0; odd text.'"
check "blocks not found in the source are reported" \
    grep -q "unfound.html: 8000 of 8001 text blocks not found in the source" "$T/err"
got=$(cite walrus "$H/unfound.html" "$T/hdb")
check "a block after 8,000 unfound ones cites its source bytes" test "$got" = "Last walrus."
check "a block after text that nearly matches it is found" $QRY --db "$T/hdb" narwhal
check "200,000 attributes are cut, with a warning" \
    grep -q "attrs.html: more than 256 attributes in 1 element: the rest ignored" "$T/err"
check "an element with 200,000 attributes keeps its text" $QRY --db "$T/hdb" manatee
check "HTML nested too deep is named as such" \
    grep -q "deep.html: elements nested more than 256 deep, and no text before them" "$T/err"

# A file is judged binary from its first bytes, before it is read whole:
# a 2 GB sparse file within --max-size 4G costs 8 KiB, not 2 GB and seconds.
mkdir "$T/big"
if truncate -s 2G "$T/big/disk.txt" 2>/dev/null; then
    timeout 20 $IDX --db "$T/bigdb" --max-size 4G "$T/big" 2>"$T/err"
    check "a 2 GB binary file is refused at once (exit 1)" test $? = 1
    check "a 2 GB binary file is named" grep -q "disk.txt: binary file" "$T/err"
else
    skip "a 2 GB binary file is refused at once" "no sparse files here"
    skip "a 2 GB binary file is named" "no sparse files here"
fi

done_testing
