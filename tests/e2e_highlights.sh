#!/bin/sh
# End-to-end: highlights light up what matched, on the project's own
# corpus/: a phrase or a synonym of several words only where it matched as
# a whole, the --json "highlights" byte ranges likewise; a CJK word the
# tokenizer splits is searched, and lit, as its phrase.  TAP.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

need python3 "highlights" "python3 is not installed"

DB=$T/db
$IDX -q --db "$DB" corpus 2>"$T/err"
check "index corpus/" test $? = 0

# lit QUERY: each hit's path, then what each of its --json highlights
# holds with the 12 bytes before and after it, as "before[lit]after".
lit() {
    $QRY --db "$DB" -n 50 --json "$@" >"$T/json" 2>"$T/err"
    rc=$?
    python3 -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if "rank" not in r:    # the summary line
        continue
    t = r["text"].encode()
    for s, e in r["highlights"]:
        pre, word, post = (t[max(0, s - 12):s], t[s:e], t[e:e + 12])
        print(r["path"], (pre + b"[" + word + b"]" + post).decode("utf-8", "replace")
              .replace("\n", " "))
' "$T/json" >"$T/lit"
}

# A phrase lights up where it matched, not a lone word of it elsewhere in
# the passage ("hoax bomb threats" next to "hybrid threats" in Moldova).
lit '"hybrid threats"'
check '"hybrid threats": found' test "$rc" = 0
check '"hybrid threats": the phrase lights up' grep -qi '\[hybrid\] threats' "$T/lit"
check '"hybrid threats": a lone "threats" stays dark' sh -c "! grep -qi 'bomb \\[threats' '$T/lit'"
check '"hybrid threats": every "threats" lit follows "hybrid"' \
    sh -c "! grep -i '\\[threats\\]' '$T/lit' | grep -qvi 'hybrid \\[threats\\]'"

# NATO's synonym "North Atlantic Treaty Organization" lights up as a whole.
lit NATO
check "NATO: found" test "$rc" = 0
check "NATO: the synonym lights up as a whole" grep -q 'North \[Atlantic\] Treaty' "$T/lit"
check "NATO: Euro-Atlantic stays dark" sh -c "! grep -qi 'euro-\\[atlantic' '$T/lit'"
check "NATO: every Atlantic lit follows North" \
    sh -c "! grep -i '\\[atlantic\\]' '$T/lit' | grep -qvi 'north \\[atlantic\\]'"

# EU's synonym "European Union": not "European" of "European Commission",
# which "commission" finds.
lit 'EU OR commission'
check "EU: found" test "$rc" = 0
check "EU: Commission lights up" grep -q 'European \[Commission\]' "$T/lit"
check "EU: European Union lights up" grep -q '\[European\] Union' "$T/lit"
check "EU: European Commission stays dark" sh -c "! grep -qi 'european\\] commission' '$T/lit'"

# CJK: ICU splits 安全保障 into 安全 and 保障; the query must find the two
# in sequence, not a text that holds them apart.
mkdir "$T/cjk"
printf 'Title: 安全保障\n\n日本の安全保障政策が議論された。\n' >"$T/cjk/together.txt"
printf 'Title: 安全\n\n安全が第一だ。年金の保障も話題になった。\n' >"$T/cjk/apart.txt"
DB=$T/cjkdb
$IDX -q --db "$DB" "$T/cjk" 2>"$T/err"
check "index a CJK text" test $? = 0
lit 安全保障
check "安全保障: found" test "$rc" = 0
check "安全保障: only the text that holds it" \
    sh -c "grep -q together.txt '$T/json' && ! grep -q apart.txt '$T/json'"
check "安全保障: lit as one word" grep -q '\[安全保障\]' "$T/lit"
lit 安全 保障
check "安全 保障 (two words): both texts" \
    sh -c "grep -q together.txt '$T/json' && grep -q apart.txt '$T/json'"

done_testing
