#!/bin/sh
# End-to-end: presscut-query's output on the project's corpus/: colour
# (--color, NO_COLOR, a terminal), the totals (text line, JSON summary,
# --count), --sort date, --files, --snippet-chars, and errors (one line,
# a JSON error object with --json).  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

DB=$T/db
$IDX -q --db "$DB" corpus 2>"$T/err"
check "index corpus/" test $? = 0

ESC=$(printf '\033')
MATCH=$(printf '\033[1;31m')
# tty CMD: CMD's output as a terminal shows it (script(1) gives it one).
tty_out() { TERM=xterm script -qec "$1" /dev/null; }

# ---- colour ----
$QRY --db "$DB" -n 3 hybrid threats >"$T/out"
check "piped: plain text, no escapes, no ** markers" \
    sh -c "grep -q 'hybrid threats' '$T/out' && ! grep -q '$ESC' '$T/out' && ! grep -qF '**' '$T/out'"
$QRY --db "$DB" -n 3 --color=always hybrid threats >"$T/out"
check "--color=always colours matches even piped" grep -qF "${MATCH}hybrid${ESC}[0m" "$T/out"
check "--color=always: a bold title" grep -qF "1. ${ESC}[1mHybrid threats, explained" "$T/out"
check "--color=always: the citation's file in colour" \
    grep -qF "${ESC}[35mcorpus/hybrid-threats-explained.md${ESC}[0m, paragraph" "$T/out"
if command -v script >/dev/null; then
    tty_out "$QRY --db '$DB' -n 3 hybrid threats" >"$T/out"
    check "auto: colour on a terminal" grep -qF "$MATCH" "$T/out"
    tty_out "NO_COLOR=1 $QRY --db '$DB' -n 3 hybrid threats" >"$T/out"
    check "auto: no colour when NO_COLOR is set" sh -c "grep -q threats '$T/out' && ! grep -q '$ESC' '$T/out'"
    tty_out "NO_COLOR= $QRY --db '$DB' -n 3 hybrid threats" >"$T/out"
    check "auto: an empty NO_COLOR does not count" grep -qF "$MATCH" "$T/out"
    tty_out "NO_COLOR=1 $QRY --db '$DB' -n 3 --color=always hybrid threats" >"$T/out"
    check "--color=always wins over NO_COLOR" grep -qF "$MATCH" "$T/out"
    tty_out "$QRY --db '$DB' -n 3 --color never hybrid threats" >"$T/out"
    check "--color never: none on a terminal" sh -c "grep -q threats '$T/out' && ! grep -q '$ESC' '$T/out'"
else
    for n in 1 2 3 4 5; do skip "colour on a terminal ($n)" "script(1) is not installed"; done
fi
$QRY --db "$DB" --color=sometimes nato >"$T/out" 2>"$T/err"
check "--color=sometimes is a usage error, one line" \
    sh -c "test $? = 2 && test \$(wc -l <'$T/err') = 1 && grep -q 'auto, always or never' '$T/err'"
# Colour never lets a file's own control bytes through.
mkdir -p "$T/evil"
printf 'Title: Evil \033[32mgreen\n\nThe harbour cranes moved grain.\n' >"$T/evil/a.txt"
$IDX -q --db "$T/evildb" "$T/evil"
$QRY --db "$T/evildb" --color=always cranes >"$T/out"
check "--color=always: a title's ESC is still shown escaped" \
    sh -c "grep -qF 'Evil \\x1b[32mgreen' '$T/out' && ! grep -qF '${ESC}[32mgreen' '$T/out'"

# ---- totals ----
$QRY --db "$DB" --json -n 1000 nato >"$T/all"
hits=$(grep -c '"rank"' "$T/all")
articles=$(jq -r 'select(.rank) | .article_id' "$T/all" | sort -u | wc -l)
$QRY --db "$DB" -n 2 nato >"$T/out"
check "text ends with the totals line" \
    test "$(tail -1 "$T/out")" = "2 of $hits passages (in $articles articles)"
$QRY --db "$DB" -n 2 --offset 3 nato >"$T/out"
check "with --offset it says which" test "$(tail -1 "$T/out")" = "4-5 of $hits passages (in $articles articles)"
$QRY --db "$DB" -n 2 -a nato >"$T/out"
check "--articles counts articles" test "$(tail -1 "$T/out")" = "2 of $articles articles"
check "the JSON summary is the last line, exact here" \
    jq -se ".[-1].summary | .total == $hits and .total_exact and .articles == $articles and
            .shown == $hits and .unit == \"passages\" and .suggestion == null and .partial == false" "$T/all"
check "every other JSON line is a hit" jq -se '.[:-1] | all(has("rank"))' "$T/all"
check "--count prints the number of passages" test "$($QRY --db "$DB" --count nato)" = "$hits"
check "--count -a prints the number of articles" test "$($QRY --db "$DB" --count -a nato)" = "$articles"
$QRY --db "$DB" --count --json nato >"$T/out"
check "--count --json prints the summary alone" \
    sh -c "test \$(wc -l <'$T/out') = 1 && jq -e '.summary.total == $hits and .summary.shown == 0' '$T/out'"
$QRY --db "$DB" zanzibarian >"$T/out"
check "nothing found: exit 1 and nothing printed" sh -c "test $? = 1 && test ! -s '$T/out'"
out=$($QRY --db "$DB" --count zanzibarian)
check "nothing found: --count prints 0, exit 1" sh -c "test $? = 1 && test '$out' = 0"
$QRY --db "$DB" --json zanzibarian >"$T/out"
check "nothing found: the JSON summary says 0" \
    sh -c "test $? = 1 && jq -se '.[0].summary | .total == 0 and .total_exact' '$T/out'"

# ---- --sort ----
# Dates as the corpus writes them: ISO, or "7 March 2024".
iso_dates() {
    python3 -c '
import datetime, json, sys
for line in sys.stdin:
    r = json.loads(line)
    if "rank" not in r:
        continue
    d = r["date"]
    for f in ("%Y-%m-%d", "%d %B %Y"):
        try:
            d = datetime.datetime.strptime(d, f).date().isoformat()
        except ValueError:
            pass
    print(d)'
}
if command -v python3 >/dev/null; then
    $QRY --db "$DB" --json -a -n 100 --sort date nato | iso_dates >"$T/dates"
    check "--sort date: newest first" sh -c "test -s '$T/dates' && sort -r '$T/dates' | cmp -s - '$T/dates'"
    $QRY --db "$DB" --json -a -n 100 nato | iso_dates >"$T/dates"
    check "--sort relevance (the default) is not by date" sh -c "! sort -r '$T/dates' | cmp -s - '$T/dates'"
    $QRY --db "$DB" --json -a -n 100 --sort relevance nato | iso_dates >"$T/dates2"
    check "--sort relevance is the default" cmp -s "$T/dates" "$T/dates2"
else
    for n in 1 2 3; do skip "--sort date ($n)" "python3 is not installed"; done
fi
$QRY --db "$DB" --sort newest nato >/dev/null 2>"$T/err"
check "--sort newest is a usage error" sh -c "test $? = 2 && grep -q 'relevance or date' '$T/err'"

# ---- --files ----
$QRY --db "$DB" -l -n 100 nato >"$T/files"
check "-l lists each matching article once" test "$(sort -u "$T/files" | wc -l)" = "$articles"
check "-l: files as paths, feed articles as path:LINE" \
    sh -c "grep -qx 'corpus/2024-03-07-sweden-joins-nato.txt' '$T/files' &&
           grep -qx 'corpus/feeds/wire.jsonl:[0-9]*' '$T/files' && test \$(wc -l <'$T/files') = $articles"
check "-l: in rank order, as --articles" \
    test "$(head -1 "$T/files")" = "$($QRY --db "$DB" --json -a -n 1 nato |
        jq -r 'select(.rank) | if .line > 0 then "\(.path):\(.line)" else .path end')"
$QRY --db "$DB" --files --json nato >"$T/out" 2>"$T/err"
check "--files with --json is a usage error" test $? = 2

# ---- --snippet-chars ----
if command -v python3 >/dev/null; then
    $QRY --db "$DB" --json --snippet-chars 40 hybrid threats >"$T/out"
    check "--snippet-chars 40: snippets of at most 40 characters" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])][:-1]
assert rows and all(0 < len(r["snippet"]) <= 40 for r in rows), [r["snippet"] for r in rows]
' "$T/out"
    $QRY --db "$DB" --json hybrid threats >"$T/out"
    check "the default is longer" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])][:-1]
assert max(len(r["snippet"]) for r in rows) > 200
' "$T/out"
else
    skip "--snippet-chars 40" "python3 is not installed"
    skip "the default is longer" "python3 is not installed"
fi
$QRY --db "$DB" --snippet-chars 0 nato >/dev/null 2>"$T/err"
check "--snippet-chars 0 is a usage error" test $? = 2

# ---- errors ----
$QRY --db "$DB" --x nato >"$T/out" 2>"$T/err"
check "an unknown option: exit 2" test $? = 2
check "... one line that says to try --help" \
    sh -c "test \$(wc -l <'$T/err') = 1 && grep -qx \"presscut-query: unknown option '--x'; try --help\" '$T/err'"
check "... and nothing on stdout" test ! -s "$T/out"
$QRY --db "$DB" --lim >/dev/null 2>"$T/err"
check "an option without its value: one line" \
    grep -qx "presscut-query: option '--lim' needs a value; try --help" "$T/err"
$QRY --db "$DB" >/dev/null 2>"$T/err"
check "no query: one line" grep -qx "presscut-query: no query given; try --help" "$T/err"
$QRY --db "$DB" --json --x nato >"$T/out" 2>"$T/err"
check "--json: a usage error is also a JSON error object on stdout" \
    sh -c "test $? = 2 && jq -se '.[0].error | .status == \"usage\" and (.message | test(\"--x\"))' '$T/out' &&
           grep -q 'unknown option' '$T/err'"
$QRY --db "$DB" --x --json nato >"$T/out" 2>/dev/null
check "--json after the mistake counts too" jq -se '.[0].error.status == "usage"' "$T/out"
$QRY --db "$T/nowhere" --json nato >"$T/out" 2>"$T/err"
check "--json: a missing index is {\"error\":{\"status\":\"no_index\"...}}" \
    sh -c "test $? = 2 && jq -se '.[0].error | .status == \"no_index\" and (.message | test(\"nowhere\"))' '$T/out' &&
           grep -q nowhere '$T/err'"
$QRY --db "$DB" --json '(nato' >"$T/out" 2>"$T/err"
check "--json: a query that does not parse is status bad_query" \
    sh -c "test $? = 2 && jq -se '.[0].error.status == \"bad_query\"' '$T/out' && test \$(wc -l <'$T/out') = 1"
$QRY --db "$DB" -russia cable >/dev/null
check "a query word that begins with '-' is still a query word" test $? = 0

done_testing
