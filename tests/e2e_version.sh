#!/bin/sh
# End-to-end: --version prints the version of the file VERSION and the
# index schema, on stdout, and exits 0, without an index.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

version=$(cat VERSION)
schema=$(sed -n 's/^#define PC_SCHEMA_VERSION "\(.*\)"$/\1/p' lib/schema.h)
for prog in "$IDX" "$QRY" "${PRESSCUT_BIN:-bin}/presscut-serve"; do
    pname=${prog##*/}
    env -u PRESSCUT_DB "$prog" --version >"$T/out" 2>"$T/err"
    check "$pname --version exits 0" test $? = 0
    check "$pname --version prints its name, version and schema" \
        test "$(cat "$T/out")" = "$pname $version (index schema $schema)"
    check "$pname --version is quiet on stderr" test ! -s "$T/err"
    check "$pname --help lists --version" sh -c "'$prog' --help | grep -q -- '--version'"
done

done_testing
