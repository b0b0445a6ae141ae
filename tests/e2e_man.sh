#!/bin/sh
# End-to-end: the man pages of doc/ render without a warning, and each
# program's page documents every option its --help lists.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

need groff "man pages render" "groff is not installed (Debian: groff-base)"

for page in doc/presscut-index.1 doc/presscut-query.1 doc/presscut-serve.1 doc/presscut.7; do
    LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$page" >"$T/out" 2>&1
    check "$page renders" test $? = 0
    check "$page renders without warnings" test ! -s "$T/out"
    if command -v man >/dev/null; then
        MANWIDTH=80 man --warnings -l "$page" >/dev/null 2>"$T/out"
        check "man -l $page is quiet" test ! -s "$T/out"
    fi
done

# A new option is documented in the man page too (roff writes - as \-).
for prog in "$IDX" "$QRY" "${PRESSCUT_BIN:-bin}/presscut-serve"; do
    page=doc/${prog##*/}.1
    missing=
    for opt in $("$prog" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$page" || missing="$missing $opt"
    done
    [ -z "$missing" ] || echo "# $page lacks:$missing"
    check "$page documents every option of --help" test -z "$missing"
done

done_testing
