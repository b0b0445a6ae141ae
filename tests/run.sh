#!/bin/sh
# Runs every unit test binary given, then the end-to-end scripts, and ends
# with one line "N passed, N failed, N skipped" counting test cases.
# Exit status: 0 only when nothing failed and nothing crashed.
cd "$(dirname "$0")/.." || exit 2
log=$(mktemp) || exit 2
one=$(mktemp) || exit 2
trap 'rm -f "$log" "$one"' EXIT
broken=0

run() {
    "$@" >"$one" 2>&1
    rc=$?
    cat "$one"
    cat "$one" >>"$log"
    # A binary that dies (or a script that exits non-zero without saying
    # which case failed) must not pass silently.
    if [ "$rc" != 0 ] && ! grep -q '^\[  FAILED  \]\|^not ok ' "$one"; then
        echo "CRASHED or exited without a result: $*" >&2
        broken=$((broken + 1))
    fi
}

for t in "$@"; do
    run "$t"
done
for t in tests/e2e_*.sh; do
    [ -f "$t" ] && run sh "$t"
done

count() { sed -n "$1" "$log" | awk '{s += $1} END {print s + 0}'; }
passed=$(count 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^ok [0-9]* .*/1/p')
failed=$(count 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^not ok [0-9]* .*/1/p')
skipped=$(count 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p; s/^ok [0-9]* .*# SKIP.*/1/p')
# cmocka counts skipped tests among the passed ones; TAP among the ok ones.
passed=$((passed - skipped))
failed=$((failed + broken))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
