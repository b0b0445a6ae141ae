#!/bin/sh
# End-to-end: the two programs as a user runs them.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

DB=$T/db

mkdir -p "$T/news/sub"
cat >"$T/news/kosovo.txt" <<'EOF'
Title: Priština talks resume
Date: 2024-03-07
Source: Balkan Wire

Negotiators met in Priština on Tuesday to discuss Serbia’s position on the
Euro-Atlantic integration of the region.

The minister said: “We will not accept a frozen conflict.” Observers were
sceptical.
EOF
cat >"$T/news/cables.md" <<'EOF'
# Cable cuts raise alarm

Two undersea cables were damaged in the Baltic Sea, and officials
described the incident as part of a pattern of hybrid threats.

Investigators are examining a cargo ship's anchor.
EOF
cat >"$T/news/sub/feed.jsonl" <<'EOF'
{"id": "wire-1", "title": "Finland completes NATO accession", "date": "2023-04-04", "source": "Nordic Desk", "body": "Finland formally joined the alliance today, completing its NATO accession after decades of neutrality."}
{"id": "wire-2", "title": "Sweden waits", "date": "2024-01-15", "body": "Sweden's accession still needs one ratification."}
EOF

out=$($IDX --db "$DB" "$T/news" 2>"$T/err")
check "index a directory exits 0" test $? = 0
check "index writes nothing to stdout" test -z "$out"
check "index summary counts 4 added articles" grep -q "added 4, updated 0, moved 0, removed 0, unchanged 0, skipped 0" "$T/err"

$QRY --db "$DB" hybrid threats >"$T/out"
check "a topic query exits 0" test $? = 0
check "the best passage cites its file and paragraph" \
    sh -c "head -2 '$T/out' | grep -Eq 'cables.md, paragraphs? 1(-[0-9]+)?, bytes'"
check "piped output is plain text, no markers" \
    sh -c "grep -q ' hybrid threats' '$T/out' && ! grep -q '[*]' '$T/out'"

$QRY --db "$DB" zanzibarian >"$T/out"
check "no hits exits 1 and prints nothing" sh -c "test $? = 1 && test ! -s '$T/out'"

$QRY --db "$T/nowhere" hybrid >"$T/out" 2>"$T/err"
check "a missing index exits 2" test $? = 2
check "a missing index names the path" grep -q "nowhere" "$T/err"

$QRY --db "$DB" pristina >"$T/a"
$QRY --db "$DB" PRIŠTINA >"$T/b"
check "diacritics and case do not matter" cmp -s "$T/a" "$T/b"
check "diacritics query finds the article" grep -q kosovo.txt "$T/a"

$QRY --db "$DB" "Serbia's position" >"$T/a"
$QRY --db "$DB" "Serbia’s position" >"$T/b"
check "apostrophe styles do not matter" sh -c "cmp -s '$T/a' '$T/b' && grep -q kosovo '$T/a'"

$QRY --db "$DB" '"euro atlantic integration"' >"$T/a"
check "a hyphenated word matches as a phrase" grep -q kosovo.txt "$T/a"

$QRY --db "$DB" '“frozen conflict”' >"$T/a"
check "curly quotes make a phrase" grep -q kosovo.txt "$T/a"
$QRY --db "$DB" '"conflict frozen"' >"$T/a"
check "a phrase in the wrong order does not match" test $? = 1

$QRY --db "$DB" '"frozen conflict' >"$T/a" 2>"$T/err"
check "an unbalanced quote is an error that says where" \
    sh -c "test $? = 2 && grep -q \"unbalanced '\\\"' at character 1\" '$T/err'"

$QRY --db "$DB" --json nato accession >"$T/a"
check "--json exits 0" test $? = 0
if command -v python3 >/dev/null; then
    check "--json lines are JSON objects with the documented fields" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows and "summary" in rows[-1], "no summary line"
rows = rows[:-1]
assert rows, "no rows"
need = {"rank","score","article_id","path","line","title","date","source","url",
        "paragraph","part","start","end","text","snippet","snippet_start","highlights"}
for r in rows:
    assert need <= set(r), need - set(r)
top = rows[0]
assert top["article_id"] == "wire-1", top
assert top["line"] == 1 and top["paragraph"] == 1, top
for s, e in top["highlights"]:
    assert top["text"].encode()[s:e].decode().lower() in ("nato", "accession"), (s, e)
' "$T/a"
else
    skip "--json lines are JSON objects with the documented fields" "python3 is not installed"
fi

# The byte offsets are the passage's place in the file.
$QRY --db "$DB" --json frozen conflict >"$T/a"
if command -v python3 >/dev/null; then
    check "start/end cite the passage's bytes in the file" python3 -c '
import json, sys
r = json.loads(open(sys.argv[1]).readline())
data = open(r["path"], "rb").read()
assert data[r["start"]:r["end"]].decode() == r["text"], r
' "$T/a"
else
    skip "start/end cite the passage's bytes in the file" "python3 is not installed"
fi

$QRY --db "$DB" -a --json nato >"$T/a"
check "--articles gives one passage per article" \
    sh -c "test \$(grep -c '\"article_id\":\"wire-1\"' '$T/a') = 1"

$QRY --db "$DB" "title:kosovo OR title:cable" >"$T/a"
check "title: searches titles" sh -c "grep -q cables.md '$T/a' && ! grep -q feed.jsonl '$T/a'"

$QRY --db "$DB" "accession date:2024" >"$T/a"
check "date: filters by the article's date" sh -c "grep -q 'Sweden' '$T/a' && ! grep -q 'Finland' '$T/a'"

$QRY --db "$DB" "accession date:2024-13" >"$T/a" 2>"$T/err"
check "a malformed date is an error (exit 2) that says why" \
    sh -c "test $? = 2 && grep -q date '$T/err'"

$QRY --db "$DB" "accession -sweden" >"$T/a"
check "-word excludes" sh -c "grep -q Finland '$T/a' && ! grep -q 'Sweden.s' '$T/a'"

n1=$($QRY --db "$DB" --json -n 100 accession | wc -l)
$IDX --db "$DB" -q "$T/news" 2>"$T/err"
n2=$($QRY --db "$DB" --json -n 100 accession | wc -l)
check "indexing again replaces, never duplicates" test "$n1" = "$n2"

$QRY --db "$DB" --json -n 1 --offset 1 accession >"$T/a"
check "--offset pages" grep -q '"rank":2' "$T/a"

printf 'Title: Bad\n\n\377\376 broken\n' >"$T/bad.txt"
printf '\000\001\002binary' >"$T/bin.txt"
: >"$T/empty.txt"
$IDX --db "$DB" "$T/bad.txt" "$T/bin.txt" "$T/empty.txt" "$T/news/cables.md" 2>"$T/err"
check "skipped inputs give exit 1" test $? = 1
check "invalid UTF-8 is named with its reason" grep -q "bad.txt.*UTF-8" "$T/err"
check "a binary file is named with its reason" grep -q "bin.txt.*binary" "$T/err"
check "an empty file is named with its reason" grep -q "empty.txt.*empty" "$T/err"
$QRY --db "$DB" hybrid >/dev/null
check "the good input next to bad ones is indexed" test $? = 0

$IDX --db "$DB" "$T/does-not-exist.txt" 2>"$T/err"
check "an unreadable path exits non-zero and is named" \
    sh -c "test $? != 0 && grep -q does-not-exist '$T/err'"

printf '{"id":"x","body":"ok line"}\n{broken\n{"id":"y","body":"second fine line"}\n' >"$T/f.jsonl"
$IDX --db "$DB" "$T/f.jsonl" 2>"$T/err"
check "a malformed feed line is named by line number" grep -q "f.jsonl:2" "$T/err"
$QRY --db "$DB" second fine >/dev/null
check "the feed lines around a malformed one are indexed" test $? = 0

$QRY --db "$DB" >/dev/null 2>&1
check "no query is a usage error" test $? = 2
$QRY --db "$DB" --limit 0 x >/dev/null 2>&1
check "--limit 0 is a usage error" test $? = 2
$QRY --db "$DB" the of and >/dev/null 2>"$T/err"
check "a stopword-only query still searches" test $? -le 1

$QRY --db "$DB" waits >/dev/null
check "a word only in a title matches no passage" test $? = 1
$QRY --db "$DB" --articles --json waits >"$T/out"
check "but with --articles it finds the article by its title" \
    sh -c "test $? = 0 && jq -se 'any(.[]; .article_id == \"wire-2\")' '$T/out' >/dev/null"
$QRY --db "$DB" --articles --json waits NOT sweden >"$T/out"
check "and an operator still filters it" test $? = 1

mkdir -p "$T/notadb"
echo junk >"$T/notadb/iamglass"
$QRY --db "$T/notadb" x >/dev/null 2>"$T/err"
check "a directory that is no index exits 2" test $? = 2

rm -rf "$T/demo"
$IDX --db "$T/demo" -q corpus 2>"$T/err"
check "the sample corpus indexes without a warning" sh -c "test $? = 0 && test ! -s '$T/err'"
$QRY --db "$T/demo" -n 3 hybrid threats >"$T/a"
check "the sample corpus answers 'hybrid threats'" test $? = 0
$QRY --db "$T/demo" -n 3 -a NATO accession >"$T/a"
check "the sample corpus answers 'NATO accession'" test $? = 0

# --articles: an article is its best passage and a tenth of its next.  Two
# articles share their best passage word for word; the one whose next
# (weaker) passage matches too ranks first, whichever way their files sort.
filler() { i=0; while [ $i -lt 110 ]; do printf '%s%s ' "$1" $i; i=$((i + 1)); done; echo; }
same="Grain exports and grain prices doubled this spring. $(filler word)"
for pair in "a b" "b a"; do
    set -- $pair
    rm -rf "$T/two" "$T/twodb"
    mkdir -p "$T/two"
    printf 'Title: Alpha\n\n%s\n\nGrain again, once. %s\n' "$same" "$(filler more)" >"$T/two/$1.txt"
    printf 'Title: Omega\n\n%s\n\nNothing of the kind here. %s\n' "$same" "$(filler other)" >"$T/two/$2.txt"
    $IDX --db "$T/twodb" -q "$T/two"
    first=$($QRY --db "$T/twodb" --articles --json grain | head -1 | jq -r .title)
    check "--articles: a second matching passage ranks an article first ($1.txt)" test "$first" = Alpha
done

# A question (more than four free words, asking or in prose) also searches the stems its first
# results share: a story that says "anchor" and "seabed" but none of the
# question's words is found, and only so.  The eight reports are copies of
# each other (a number changed): --all-copies lists them all.
: >"$T/fb.jsonl"
for i in 0 1 2 3 4 5 6 7; do
    printf '{"id":"c%s","title":"Cable report %s","body":"Investigators say the undersea cable in the Baltic was damaged by sabotage. A vessel dragged its anchor over the seabed for miles, report %s says; the anchor scar is visible."}\n' $i $i $i >>"$T/fb.jsonl"
done
printf '{"id":"target","title":"Gotland","body":"A freighter'"'"'s anchor scraped the seabed off Gotland overnight, and the crew of the vessel denied everything."}\n' >>"$T/fb.jsonl"
for i in 0 1 2 3 4 5; do
    printf '{"id":"g%s","title":"Grain %s","body":"Grain exports rose again this week, traders said in market note %s, while fertiliser prices fell."}\n' $i $i $i >>"$T/fb.jsonl"
done
$IDX --db "$T/fbdb" -q "$T/fb.jsonl"
question="who investigates sabotage of undersea cables in the baltic sea"
$QRY --db "$T/fbdb" --json -n 20 --all-copies "$question" | jq -r .article_id >"$T/fb.out"
check "a question finds what shares its best answers' words (feedback)" \
    sh -c "grep -qx target '$T/fb.out' && test \$(grep -c '^c' '$T/fb.out') = 8 && ! grep -q '^g' '$T/fb.out'"
$QRY --db "$T/fbdb" --json -n 20 --all-copies --no-feedback "$question" | jq -r .article_id >"$T/fb.out"
check "--no-feedback searches the question's own words only" \
    sh -c "! grep -qx target '$T/fb.out' && test \$(grep -c '^c' '$T/fb.out') = 8"
$QRY --db "$T/fbdb" --json -n 20 undersea cables | jq -r .article_id >"$T/fb.out"
check "keywords (four words or fewer) get no feedback" sh -c "! grep -qx target '$T/fb.out'"
$QRY --db "$T/fbdb" --json -n 20 investigates sabotage undersea cables baltic | jq -r .article_id >"$T/fb.out"
check "five keywords, no question, get no feedback" sh -c "! grep -qx target '$T/fb.out'"

done_testing
