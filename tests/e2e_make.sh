#!/bin/sh
# End-to-end: plain `make` on a machine without the libraries names the
# Debian packages to install instead of failing on a missing header, and
# installs nothing.  The libraries are hidden from make by a pkg-config,
# first on the PATH, that finds nothing.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

# The outer make's jobserver and flags are not this make's.
mk() {
    env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make --no-print-directory B="$T/b" BIN="$T/bin" "$@"
}

mkdir "$T/nolibs"
printf '#!/bin/sh\nexit 1\n' >"$T/nolibs/pkg-config"
chmod +x "$T/nolibs/pkg-config"
PATH="$T/nolibs:$PATH" mk >"$T/all.out" 2>&1
echo $? >"$T/all.rc"
check "make without the libraries fails" test "$(cat "$T/all.rc")" != 0
check "it names the missing libraries" grep -q 'missing libraries: xapian-core icu-uc' "$T/all.out"
check "it names the Debian packages" grep -q 'apt-get install .*libxapian-dev .*libxml2-dev' "$T/all.out"
check "no compiler ran" test ! -e "$T/b"
check "no compiler error" sh -c "! grep -q 'No such file' '$T/all.out'"

mk check-libs PKGS="jansson presscut-no-such-lib" >"$T/one.out" 2>&1
check "one missing library is named alone" grep -qx 'presscut: missing libraries: presscut-no-such-lib' "$T/one.out"
# libstemmer has no pkg-config file: the compiler looks for its header,
# here a compiler that finds none.
mkdir "$T/nostemmer"
printf '#!/bin/sh\ngrep -q libstemmer && exit 1\nexit 0\n' >"$T/nostemmer/cc"
chmod +x "$T/nostemmer/cc"
mk check-libs CC="$T/nostemmer/cc" >"$T/stem.out" 2>&1
check "a missing libstemmer fails the check" test $? != 0
check "it is named alone" grep -qx 'presscut: missing libraries: libstemmer' "$T/stem.out"
check "with its Debian package" grep -q 'apt-get install .*libstemmer-dev' "$T/stem.out"
check "with the libraries the check passes" mk check-libs

done_testing
