#!/bin/sh
# Runs every unit test binary given, then the end-to-end scripts, and ends
# with one line "N passed, N failed, N skipped" counting test cases.
cd "$(dirname "$0")/.." || exit 2
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT
status=0
for t in "$@"; do
    "$t" 2>&1 | tee -a "$log"
    # cmocka's exit code is the number of failures; a crash is one too.
    [ "${PIPESTATUS:-0}" = 0 ] || true
done
for t in tests/e2e_*.sh; do
    sh "$t" 2>&1 | tee -a "$log"
done
passed=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^ok [0-9]* .*/1/p' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^not ok [0-9]* .*/1/p' "$log" | awk '{s+=$1} END {print s+0}')
skipped=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p; s/^ok [0-9]* .*# SKIP.*/1/p' "$log" | awk '{s+=$1} END {print s+0}')
# A binary that crashed prints no summary: count it as a failure.
crashed=0
for t in "$@"; do
    grep -q "^\[==========\] .* test(s) run\.\|^\[  PASSED  \]" "$log" || crashed=1
done
[ "$crashed" = 1 ] && failed=$((failed + 1))
passed=$((passed - skipped))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
