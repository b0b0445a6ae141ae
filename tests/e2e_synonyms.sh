#!/bin/sh
# End-to-end: built-in synonyms ("EU" = "European Union") and a user's
# file (--synonyms, $PRESSCUT_SYNONYMS).  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

IDX=bin/presscut-index
QRY=bin/presscut-query
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
mkdir "$T/src"
printf 'Title: Short\n\nThe EU agreed new sanctions on Monday.\n' >"$T/src/short.txt"
printf 'Title: Long\n\nThe European Union agreed new sanctions on Monday.\n' >"$T/src/long.txt"
printf 'Title: Other\n\nFishermen agreed new quotas on Monday.\n' >"$T/src/other.txt"
"$IDX" --db "$T/db" -q "$T/src"
check "index the articles" test $? = 0

files() { "$QRY" --db "$T/db" --json "$@" 2>/dev/null | jq -r '.path' | sed 's|.*/||' | sort | tr '\n' ' '; }
check "EU finds European Union" test "$(files 'EU sanctions')" = "long.txt short.txt "
check "European Union finds EU" test "$(files 'european union')" = "long.txt short.txt "
check "a quoted name is not expanded" test "$(files '"EU"')" = "short.txt "
"$QRY" --db "$T/db" 'EU sanctions' >"$T/out"
check "both names are highlighted" sh -c "grep -q '\*\*EU\*\*' '$T/out' && grep -q '\*\*European\*\* \*\*Union\*\*' '$T/out'"

printf '# ours\nfishing = fishermen = trawlermen\n' >"$T/syn.txt"
check "--synonyms adds a group" test "$(files --synonyms "$T/syn.txt" 'trawlermen quotas')" = "other.txt "
check "PRESSCUT_SYNONYMS adds a group" \
    test "$(PRESSCUT_SYNONYMS="$T/syn.txt" files 'trawlermen quotas')" = "other.txt "
printf 'fishing = fishermen\nlonely\n' >"$T/bad.txt"
"$QRY" --db "$T/db" --synonyms "$T/bad.txt" quotas >"$T/out" 2>"$T/err"
rc=$?
check "a malformed synonyms file exits 2" test "$rc" = 2
check "naming the file and line" grep -q "bad.txt:2: " "$T/err"
check "and prints no results" test ! -s "$T/out"
done_testing
