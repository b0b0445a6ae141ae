#!/bin/sh
# End-to-end: presscut-query --quote on the sample corpus.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

DB=$T/db

$IDX --db "$DB" -q corpus 2>"$T/err"
check "the sample corpus indexes" test $? = 0

$QRY --db "$DB" --quote 'membership is NOT a finish line — but a promise we renew every day' >"$T/out"
check "an exact quote exits 0" test $? = 0
check "the first line is a citation to paste" grep -q \
    '^1\. "Membership is not a finish line but a promise we renew every day" (Sweden becomes NATO.s 32nd member after two-year wait, Nordic Ledger, 7 March 2024, corpus/2024-03-07-sweden-joins-nato.txt, paragraph 3)$' "$T/out"
check "the hit says exact and its bytes" grep -q '^    exact, bytes [0-9]*-[0-9]*$' "$T/out"
check "the sentence around it follows" grep -q 'said Foreign Minister' "$T/out"

$QRY --db "$DB" --quote '“If everything is a hybrid threat, nothing is”' >"$T/out"
check "curly quotes around the quote do not matter" grep -q 'hybrid-threats-explained.md, paragraph 3)' "$T/out"

$QRY --db "$DB" --quote 'Two per cent was a floor we kept treating as the ceiling' >"$T/out"
check "a slightly wrong quote exits 0" test $? = 0
check "it is graded approximate and says what differs" \
    grep -q 'approximate, score 0\.[0-9]*, bytes .*changed "the" -> "a"' "$T/out"

$QRY --db "$DB" --quote 'zanzibarian frobnication of quux' >"$T/out" 2>"$T/err"
check "a quote found nowhere exits 1" test $? = 1
check "and says so on stderr, printing nothing" \
    sh -c "grep -q 'no passage holds this quote' '$T/err' && test ! -s '$T/out'"

$QRY --db "$DB" --quote 'the security of the shoreline in winter' >"$T/out" 2>"$T/err"
check "a quote found nowhere suggests the closest passage" \
    sh -c "test $? = 1 && grep -q '^closest (score 0\.[0-9]*): .*baltic-cable-sabotage.txt, paragraph [0-9]*)$' '$T/err'"

# One citation form in both modes: path:LINE only for a feed's line, the
# paragraph always by name (a bare path:N would read as a line number).
$QRY --db "$DB" --quote 'we will not be intimidated' >"$T/out"
check "a quote in a feed cites path:LINE, paragraph N" \
    grep -q '^1\. "We will not be intimidated" (.*, corpus/feeds/wire\.jsonl:1, paragraph 3)$' "$T/out"
check "and its bytes as the decoded body's" grep -q '^    exact, body bytes [0-9]*-[0-9]*$' "$T/out"
$QRY --db "$DB" -n 1 'intimidated quiet' >"$T/out"
check "a search result in a feed cites it the same way" \
    grep -q '^    corpus/feeds/wire\.jsonl:1, paragraphs\{0,1\} [0-9-]*, body bytes [0-9]*-[0-9]*, score' "$T/out"
$QRY --db "$DB" -n 1 --quote 'Membership is not a finish line' >"$T/out"
check "no citation of a file that is not a feed has path:N" \
    sh -c "! grep -q 'nato\.txt:[0-9]' '$T/out' && grep -q 'nato\.txt, paragraph 3)' '$T/out'"
$QRY --db "$DB" -n 1 'finish line promise renew' >"$T/out"
check "nor a search result" grep -q '^    corpus/2024-03-07-sweden-joins-nato\.txt, paragraphs\{0,1\} [0-9-]*, bytes [0-9]*-[0-9]*, score' "$T/out"

$QRY --db "$DB" --quote --json 'we will not be intimidated, and we will not be quiet' >"$T/a"
check "--quote --json exits 0" test $? = 0
if command -v python3 >/dev/null; then
    check "--json has the documented fields, and match_start/end cite the bytes" python3 -c '
import json, sys
rows = [r for r in map(json.loads, open(sys.argv[1])) if "rank" in r]
assert rows, "no rows"
need = {"rank","match","score","article_id","path","line","title","date","source","url",
        "paragraph","part","parts","match_start","match_end","verbatim","match_text","sentence",
        "differences","start","end","text"}
for r in rows:
    assert need <= set(r), need - set(r)
top = rows[0]
assert top["match"] == "exact" and top["score"] == 1.0, top
assert top["line"] > 0 and top["path"].endswith("wire.jsonl"), top
body = top["text"].encode()
s = top["match_start"] - top["start"]
e = top["match_end"] - top["start"]
assert body[s:e].decode() == top["verbatim"], (body[s:e], top["verbatim"])
assert top["verbatim"] in top["sentence"], top
' "$T/a"
    $QRY --db "$DB" --quote --json 'Our security does not end at the shore line; it runs along the seabed' >"$T/a"
    check "--json approximate hits list their differences" python3 -c '
import json, sys
r = json.loads(open(sys.argv[1]).readline())
assert r["match"] == "approximate" and 0.6 <= r["score"] < 1, r
assert r["differences"], r
data = open(r["path"], "rb").read()
assert data[r["match_start"]:r["match_end"]].decode() == r["verbatim"], r
' "$T/a"
else
    skip "--json has the documented fields, and match_start/end cite the bytes" "python3 is not installed"
    skip "--json approximate hits list their differences" "python3 is not installed"
fi

# HTML: a quote is cited by the file's bytes, tags and entities included,
# mapped through the passage's source as a search result's range is.
H=corpus/tirana-connectivity-declaration.html
cited() {   # the file bytes the text output's "bytes A-B" names
    r=$(sed -n 's/.*[^y] bytes \([0-9]*\)-\([0-9]*\).*/\1 \2/p' "$T/out" | head -1)
    set -- $r
    dd if="$H" bs=1 skip="$1" count=$(($2 - $1)) 2>/dev/null
}
$QRY --db "$DB" --quote 'ministers signed a declaration in Tirana' >"$T/out"
check "an HTML quote is cited as it reads, not as its markup" \
    grep -q '^1\. "ministers signed a declaration in Tirana" (.*, corpus/tirana-connectivity-declaration\.html, paragraph 1)$' "$T/out"
check "after inline markup, its bytes are the match's in the source" \
    test "$(cited)" = "$(printf 'ministers signed a <a href="https://aws.example/docs/tirana-2025.pdf">declaration</a>\nin Tirana')"
$QRY --db "$DB" --quote 'Montenegro – three ministers' >"$T/out"
check "entities and tags inside the match are cited whole" \
    test "$(cited)" = 'Montenegro &ndash; <strong>three</strong> ministers'
$QRY --db "$DB" --quote 'worth €1.4 billion' >"$T/out"
check "an entity at the end of a range is not cut" test "$(cited)" = 'worth &euro;1.4&nbsp;billion'
$QRY --db "$DB" --quote 'autumn & has urged' >"$T/out"
check "a match in a later paragraph of a joined passage cites that paragraph" \
    grep -q 'html, paragraph 4)$' "$T/out"
check "and its bytes" test "$(cited)" = 'autumn &amp; has urged'
if command -v python3 >/dev/null; then
    $QRY --db "$DB" --quote --fuzzy --json -n 100 'three ministers signed the declaration in Tirana' >"$T/a"
    $QRY --db "$DB" --quote --json -n 100 'declaration' >>"$T/a"
    $QRY --db "$DB" --quote --json -n 100 'hybrid threats' >>"$T/a"
    check "--json: verbatim is the file's bytes at match_start..match_end, match_text the decoded match" python3 -c '
import json, sys
rows = [r for r in map(json.loads, open(sys.argv[1])) if "rank" in r]
html = [r for r in rows if r["path"].endswith(".html")]
assert len(html) >= 3, len(html)
for r in rows:
    if r["line"]:
        continue
    data = open(r["path"], "rb").read()
    assert data[r["match_start"]:r["match_end"]] == r["verbatim"].encode(), r
    assert r["match_text"] in r["text"], r
top = html[0]
assert top["match"] == "approximate", top
assert top["match_text"] == "three ministers signed a declaration in Tirana", top
assert "<a href=" in top["verbatim"] and "<a href" not in top["match_text"], top
' "$T/a"
else
    skip "--json: verbatim is the file's bytes at match_start..match_end, match_text the decoded match" "python3 is not installed"
fi

$QRY --db "$DB" --quote --fuzzy 'hybrid threats' >"$T/out"
check "--fuzzy lists exact hits first, then approximate ones" \
    sh -c "head -2 '$T/out' | grep -q '^    exact' && grep -q '^    approximate' '$T/out'"

$QRY --db "$DB" --quote --limit 2 'hybrid threats' >"$T/out"
check "--limit bounds the hits" sh -c "test \$(grep -c '^[0-9]*\. \"' '$T/out') = 2"

$QRY --db "$DB" --fuzzy 'hybrid threats' >/dev/null 2>&1
check "--fuzzy without --quote is a usage error" test $? = 2
$QRY --db "$DB" --quote --articles 'hybrid threats' >/dev/null 2>&1
check "--articles with --quote is a usage error" test $? = 2
$QRY --db "$DB" --quote '— … “”' >/dev/null 2>"$T/err"
check "a quote without words is an error" sh -c "test $? = 2 && grep -q 'no words' '$T/err'"

# The article presscut was started from: its quotes, with either apostrophe.
# Totals, as a search prints them: the passages holding the quote word for
# word (all of them, not only those shown; a passage holding it twice is
# two hits, one passage) and their articles.
mkdir -p "$T/tot"
for i in 1 2 3 4 5; do
    printf 'Title: Port report %s\n\nThe ferry to Visby sailed at dawn, report %s says.\n\nLater, the ferry to Visby sailed again.\n' \
        $i $i >"$T/tot/r$i.txt"
done
printf 'Title: Other\n\nThe ferry to Visby was late.\n' >"$T/tot/other.txt"
$IDX --db "$T/totdb" -q "$T/tot"
$QRY --db "$T/totdb" --quote -n 3 'the ferry to Visby sailed' >"$T/out"
check "--quote ends with the totals line" \
    test "$(tail -1 "$T/out")" = "3 shown; 5 passages hold the quote word for word (in 5 articles)"
$QRY --db "$T/totdb" --quote --json -n 3 'the ferry to Visby sailed' >"$T/out"
check "--quote --json ends with the summary object" \
    test "$(tail -1 "$T/out" | jq -c .summary)" = \
    '{"unit":"quote","shown":3,"exact":3,"approximate":0,"partial_matches":0,"total":5,"total_exact":true,"total_lower":5,"total_upper":5,"articles":5,"articles_exact":true,"partial":false}'
check "the summary has no rank: hits are the lines with one" \
    test "$(jq -c 'select(.rank)' "$T/out" | wc -l)" = 3
$QRY --db "$T/totdb" --quote 'the ferry to Vizby sailed at noon' >"$T/out"
check "approximate hits only: no passage holds it word for word" \
    sh -c "tail -1 '$T/out' | grep -qx '[0-9]* shown; no passage holds the quote word for word'"
$QRY --db "$T/totdb" --quote --json 'zanzibarian frobnication' >"$T/out" 2>/dev/null
check "nothing found: the JSON summary still says so" \
    test "$(jq -c '.summary | [.shown, .total]' "$T/out")" = "[0,0]"
$QRY --db "$T/totdb" --quote 'zanzibarian frobnication' >"$T/out" 2>/dev/null
check "nothing found: no totals line in text" test ! -s "$T/out"

# Near spellings are judged in letters, as in a Latin quote: a Cyrillic
# letter is two bytes, so byte lengths let "кит" pass for "кот" (a word of
# 3 letters, as "cut" is not "cat") and kept "закрыли" from "закрывали".
mkdir -p "$T/ru"
printf 'Title: Порт\nLanguage: ru\n\nСтарый кот спал у окна, пока новый мост закрывали на ремонт.\n' \
    >"$T/ru/port.txt"
$IDX --db "$T/rudb" -q "$T/ru"
$QRY --db "$T/rudb" --quote --fuzzy 'старый кит спал' >"$T/out" 2>"$T/err"
check "a changed letter of a 3-letter Cyrillic word is no near spelling" \
    sh -c "test $? = 1 && test ! -s '$T/out' && grep -q '^closest (score 0\.50)' '$T/err'"
$QRY --db "$T/rudb" --quote --fuzzy 'новый мост закрыли' >"$T/out"
check "two letters short of a 9-letter Cyrillic word is a near spelling" \
    grep -q 'approximate, score 0\.90, .*changed "закрыли" -> "закрывали"' "$T/out"
# A Greek article's words have Greek stems, the quote's the index's
# (English): its words as written find it, and two letters dropped from
# a word of 15 are a near spelling (in bytes 4 apart).
printf 'Title: Αλιεία\nLanguage: el\n\nΟι ψαράδες διαμαρτυρήθηκαν έξω από το λιμάνι.\n' \
    >"$T/ru/fishing.txt"
$IDX --db "$T/rudb" -q "$T/ru"
$QRY --db "$T/rudb" --quote --fuzzy 'ψαράδες διαμαρτρήθκαν έξω' >"$T/out"
check "a Greek quote with a misspelt long word is found nearly" \
    grep -q 'approximate, score 0\.90, .*changed "διαμαρτρήθκαν" -> "διαμαρτυρήθηκαν"' "$T/out"

SEED=../shared/corpus/seed
if [ -d "$SEED" ]; then
    $IDX --db "$T/seed" -q "$SEED"
    for q in "blatant violation of the Brussels Agreements" \
             "the days of Zagreb seeking Belgrade's permission for its actions and partnerships are long over" \
             "the days of Zagreb seeking Belgrade’s permission for its actions and partnerships are long over"; do
        $QRY --db "$T/seed" --quote --json "$q" >"$T/a"
        check "seed quote found exactly: $(printf '%.30s' "$q")..." \
            sh -c "test $? = 0 && grep -q '\"match\":\"exact\"' '$T/a' && grep -q kosovo-albania-croatia '$T/a'"
    done
else
    for n in 1 2 3; do skip "seed quote $n" "$SEED is absent"; done
fi

done_testing
