#!/bin/sh
# The library's public functions are exactly those lib/presscut.h declares:
# nothing public is left undeclared, nothing declared is left unbuilt.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

LIB=build/lib/libpresscut.a
if ! command -v nm >/dev/null || [ ! -f "$LIB" ]; then
    skip "exported presscut_ functions equal presscut.h's" "nm or $LIB is missing"
    done_testing
    exit
fi
nm -g --defined-only "$LIB" | awk '$2 == "T" && $3 ~ /^presscut_/ {print $3}' | sort -u >"$T/built"
# Declarations: a presscut_ name followed by "(" at the start of a
# declarator, after the return type.
sed -n 's/^[a-z_ ]*[ *]\(presscut_[a-z_0-9]*\)(.*/\1/p' lib/presscut.h | sort -u >"$T/declared"
check "every presscut_ function built is declared in presscut.h" \
    sh -c "comm -23 '$T/built' '$T/declared' | grep -q . && exit 1 || exit 0"
check "every function presscut.h declares is built" \
    sh -c "comm -13 '$T/built' '$T/declared' | grep -q . && exit 1 || exit 0"
check "the public API is not empty" test -s "$T/declared"
done_testing
