#!/bin/sh
# End-to-end: presscut-query says in plain words what is wrong with the
# index it was given, naming it, and never passes on Xapian's exception
# names.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

# says NAME EXIT TEXT QRY-ARGS...: presscut-query exits EXIT and its
# stderr is exactly TEXT.
says() {
    what=$1 want_rc=$2 want=$3
    shift 3
    "$QRY" "$@" >/dev/null 2>"$T/err"
    rc=$?
    cat "$T/err" >>"$T/all"
    check "$what: exit $want_rc" test "$rc" = "$want_rc"
    check "$what: says \"$want\"" test "$(cat "$T/err")" = "$want"
}

says "a missing index" 2 \
    "presscut-query: no index at '$T/x.db' (run presscut-index first)" \
    --db "$T/x.db" harbour
says "a missing index, quote look-up" 2 \
    "presscut-query: no index at '$T/x.db' (run presscut-index first)" \
    --db "$T/x.db" --quote "the harbour"

printf 'shopping list\neggs\n' >"$T/file.txt"
says "a text file" 2 "presscut-query: '$T/file.txt' is not a presscut index" \
    --db "$T/file.txt" harbour

mkdir "$T/news"
printf 'Title: Cranes\n\nThe harbour cranes moved grain.\n' >"$T/news/a.txt"
says "a directory of articles" 2 "presscut-query: '$T/news' is not a presscut index" \
    --db "$T/news" harbour

mkdir "$T/empty"
says "an index directory not written yet" 1 "" --db "$T/empty" harbour

# Words zq0001 .. zq1100: more than a wildcard may expand to.
awk 'BEGIN { printf "Title: Codes\n\n"; for (i = 1; i <= 1100; i++) printf "zq%04d ", i; print "." }' \
    >"$T/news/codes.txt"
"$IDX" --db "$T/db" -q "$T/news"
says "a wildcard that matches too much" 2 \
    "presscut-query: a wildcard of 'zq*' matches too many words: give it more letters" \
    --db "$T/db" 'zq*'
"$QRY" --db "$T/db" 'zq001*' >/dev/null
check "a narrower wildcard is searched" test $? = 0

check "no message names a Xapian exception" sh -c "! grep -q 'Error' '$T/all'"
done_testing
