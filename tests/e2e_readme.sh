#!/bin/sh
# End-to-end: the README's sample runs of presscut-query (a code block's
# "$ presscut-query ..." line, then what it prints: its first lines, stderr
# included) over an index of corpus/, as a new user following the README
# sees them.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

DB=$T/news.db
$IDX --db "$DB" -q corpus
check "corpus/ indexes" test $? = 0

# Each sample into $T/sample.N: its command line, then the lines shown.
awk -v dir="$T" '
    /^```/ { if (f) close(f); f = ""; next }
    /^\$ presscut-query / { f = dir "/sample." ++k }
    f { print > f }
' README.md
check "the README shows sample runs" test -f "$T/sample.1"
for f in "$T"/sample.*; do
    [ -f "$f" ] || continue
    args=$(head -1 "$f" | sed 's/^\$ presscut-query //')
    tail -n +2 "$f" >"$T/want"
    # The README's news.db is the index of corpus/ made above.
    eval "set -- $args"
    for a; do
        shift
        [ "$a" = news.db ] && a=$DB
        set -- "$@" "$a"
    done
    "$QRY" "$@" 2>&1 | head -n "$(wc -l <"$T/want")" >"$T/got"
    check "README: presscut-query $args" cmp -s "$T/want" "$T/got"
    cmp -s "$T/want" "$T/got" || diff "$T/want" "$T/got" | sed 's/^/# /'
done

done_testing
