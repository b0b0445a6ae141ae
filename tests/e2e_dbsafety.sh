#!/bin/sh
# End-to-end: presscut-index writes only into a --db that is missing,
# empty or an index already, and removes nothing but its index and its
# own staging directory.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/gen.sh

gen_articles "$T/seed" 20
# What --db names by mistake (`--db bbc seed`, arguments swapped).
mkdir -p "$T/bbc/sub"
echo "years of work" >"$T/bbc/thesis.txt"
echo "notes" >"$T/bbc/sub/notes.md"
listing() { (cd "$1" && find . | sort && cat $(find . -type f | sort)); }
listing "$T/bbc" >"$T/bbc.before"

for opts in "" "--jobs 1" "--jobs 3" "--dry-run" "--compact" "--shards 3" "--full"; do
    "$IDX" --db "$T/bbc" $opts "$T/seed" 2>"$T/err"
    rc=$?
    listing "$T/bbc" >"$T/bbc.after"
    check "a directory that is not an index is refused (${opts:-no option}): exit 2" \
        test "$rc" = 2
    check "the message names the directory (${opts:-no option})" grep -q "'$T/bbc'.*not a presscut index" "$T/err"
    check "and its files are left as they were (${opts:-no option})" cmp -s "$T/bbc.before" "$T/bbc.after"
done
"$IDX" --db "$T/bbc" --compact 2>"$T/err"
rc=$?
listing "$T/bbc" >"$T/bbc.after"
check "--compact alone refuses it too" sh -c "test $rc = 2 && cmp -s '$T/bbc.before' '$T/bbc.after'"
check "nothing is written beside it" test -z "$(ls -A "$T" | grep presscut)"

echo "a file" >"$T/plain"
"$IDX" --db "$T/plain" "$T/seed" 2>"$T/err"
check "a plain file as --db is refused with exit 2" test $? = 2
check "the message names the file" grep -q "'$T/plain' is not a directory" "$T/err"
check "and the file is left as it was" sh -c "test \"\$(cat '$T/plain')\" = 'a file'"

mkdir "$T/empty"
"$IDX" --db "$T/empty" --dry-run -q "$T/seed" 2>/dev/null
check "a dry run into an empty directory writes nothing there" test -z "$(ls -A "$T/empty")"
"$IDX" --db "$T/empty" -q "$T/seed" 2>/dev/null
check "an empty directory becomes an index" sh -c "'$QRY' --db '$T/empty' cranes >/dev/null"
"$IDX" --db "$T/empty" -q "$T/seed" 2>/dev/null
check "an index is updated" test $? = 0
"$IDX" --db "$T/sharded" --shards 2 -q "$T/seed" 2>/dev/null &&
    "$IDX" --db "$T/sharded" -q "$T/seed" 2>/dev/null
check "a sharded index is updated" test $? = 0

# A folder of the user's where the staging directory would go: a new
# index is written in place instead, a compaction is refused, and the
# folder stays whole.
mkdir "$T/.news.presscut-build"
echo "mine" >"$T/.news.presscut-build/mine.txt"
"$IDX" --db "$T/news" --jobs 2 -q "$T/seed" 2>"$T/err"
check "a new index is written in place when a folder not presscut's is in the way" \
    sh -c "test $? = 0 && '$QRY' --db '$T/news' cranes >/dev/null"
"$IDX" --db "$T/news" --compact -q 2>"$T/err"
check "a compaction is refused when a folder not presscut's is in the way" test $? = 2
check "the message names the folder" grep -q "presscut-build' is in the way" "$T/err"
check "the folder in the way stays whole" \
    sh -c "test \"\$(cat '$T/.news.presscut-build/mine.txt')\" = mine"

# A full disk, as a file size limit makes one (EFBIG, "File too large"):
# the failure says why, whichever writer met it.
gen_articles "$T/many" 600
for jobs in 1 3; do
    rm -rf "$T/full"
    sh -c "trap '' XFSZ; ulimit -f 100 && exec '$IDX' --db '$T/full' --jobs $jobs -q '$T/many'" \
        2>"$T/err"
    rc=$?
    check "a build that cannot write fails with exit 2 (--jobs $jobs)" test "$rc" = 2
    check "and says why (--jobs $jobs)" grep -q "File too large" "$T/err"
done

done_testing
