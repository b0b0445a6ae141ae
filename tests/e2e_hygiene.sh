#!/bin/sh
# End-to-end: what presscut prints is safe and complete whatever the file
# names, titles, texts and queries hold.  A file name that is not UTF-8
# keeps its path and article_id in --json (readable, plus an exact escaped
# form); control characters (ESC, BEL) from names, text and queries reach
# neither the terminal nor a text-mode stdout: they are printed as \xNN.
# TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

# no_controls FILE: FILE holds no ESC and no BEL byte.
no_controls() {
    test "$(tr -d -c '\033\007' <"$1" | wc -c)" = 0
}

mkdir "$T/news"
latin1="$T/news/$(printf 'caf\351.txt')"
printf 'Title: Cafe\n\nThe harbour cranes moved grain at the caf\303\251.\n' >"$latin1"
evil="$T/news/$(printf 'evil\033[2J.txt')"
printf 'Title: Evil \033[31mred\n\nThe harbour cranes moved \033]0;pwned\007 grain.\n' >"$evil"
head -c 300 "$IDX" >"$T/news/$(printf 'bin\033[2J.txt')"

"$IDX" --db "$T/db" "$T/news" 2>"$T/idx.err"
check "the indexer's warnings name the file without its control bytes" no_controls "$T/idx.err"
check "... but escaped" grep -qF 'bin\x1b[2J.txt: binary file' "$T/idx.err"

cd "$T" || exit 2
"$OLDPWD/$QRY" --db db --json -n 5 harbour >"$T/json" 2>"$T/err"
cd "$OLDPWD" || exit 2
check "--json: two hits, each a JSON object, and the summary" sh -c "test \$(wc -l <'$T/json') = 3"
if command -v jq >/dev/null; then
    check "--json: the hits parse" jq -e . "$T/json"
    check "--json: a name that is not UTF-8 keeps its path, U+FFFD for the bad byte" \
        sh -c "jq -r 'select(.title == \"Cafe\") | .path' '$T/json' | grep -qxF 'news/caf$(printf '\357\277\275').txt'"
    check "--json: ... and its exact form, \\xNN for the bad byte" \
        sh -c "jq -r 'select(.title == \"Cafe\") | .path_escaped' '$T/json' | grep -qxF 'news/caf\\xe9.txt'"
    check "--json: ... and its article_id, both ways" \
        sh -c "jq -r 'select(.title == \"Cafe\") | .article_id, .article_id_escaped' '$T/json' | grep -c 'caf' | grep -qx 2"
    check "--json: a name that is UTF-8 has no escaped form" \
        sh -c "jq -se 'map(select(.path == \"news/evil\\u001b[2J.txt\")) | length == 1 and (.[0] | has(\"path_escaped\") | not)' '$T/json'"
else
    skip "--json: the hits parse" "jq is not installed"
fi
"$QRY" --db "$T/db" --quote --json "moved grain at the" >"$T/qjson"
check "--quote --json: a name that is not UTF-8 keeps its path" grep -qF '"path_escaped":' "$T/qjson"

"$QRY" --db "$T/db" -n 5 harbour >"$T/text" 2>&1
check "text: no control byte from names, titles or text" no_controls "$T/text"
check "text: the file name shows them escaped" grep -qF 'evil\x1b[2J.txt' "$T/text"
check "text: the title too" grep -qF 'Evil \x1b[31mred' "$T/text"
check "text: the snippet too" grep -qF 'moved \x1b]0;pwned\x07 grain' "$T/text"
check "text: a name that is not UTF-8 shows its byte" grep -qF 'caf\xe9.txt' "$T/text"

"$QRY" --db "$T/db" --quote "the harbour cranes moved" >"$T/quote" 2>&1
check "--quote text: no control byte" no_controls "$T/quote"

"$QRY" --db "$T/db" "$(printf 'crnes "x\033[2Jy"')" >"$T/dym" 2>&1
check "did you mean: the query echoed without its control bytes" no_controls "$T/dym"
check "... but escaped" grep -qF 'did you mean: cranes "x\x1b[2Jy"' "$T/dym"

"$QRY" --db "$T/$(printf 'x\033[2J')" harbour >"$T/miss" 2>&1
check "a message naming the index: no control byte" no_controls "$T/miss"
done_testing
